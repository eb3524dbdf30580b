//! The library's modules import one another in one direction only: no
//! import circle between the top-level modules of `src/` (a folder and the
//! file of the same name are one module: `extract.rs` with `extract/`).
//! `cargo test --test layers` prints the circle when there is one, with the
//! file and the path that ties each step.
//!
//! Imports are read as text: every `crate::a::...` path, `use` groups
//! included, outside comments and `#[cfg(test)]` modules (a test may use a
//! later stage to build its input). `super::` inside a module stays inside
//! it, so it is no edge.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Every `.rs` file below `dir`, sorted.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("src/ is readable").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// The top-level module a file of `src/` belongs to: `src/render/pages.rs`
/// and `src/render/mod.rs` are `render`, `src/load.rs` is `load`; the crate
/// roots (`lib.rs`, `main.rs`) are `None`.
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src).ok()?;
    let first = rel.components().next()?.as_os_str().to_str()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    (!matches!(name, "lib" | "main")).then(|| name.to_string())
}

/// `text` without line comments (doc comments too) and without the bodies
/// of `#[cfg(test)]` items.
fn code_of(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        let code = line.split("//").next().unwrap_or("");
        if code.trim() == "#[cfg(test)]" {
            skip_item(&mut lines);
            continue;
        }
        out.push_str(code);
        out.push('\n');
    }
    out
}

/// Skips the item after a `#[cfg(test)]`: up to the line that closes its
/// first brace, or its `;` when it has none.
fn skip_item<'a>(lines: &mut impl Iterator<Item = &'a str>) {
    let mut depth = 0i64;
    let mut opened = false;
    for line in lines.by_ref() {
        let code = line.split("//").next().unwrap_or("");
        for c in code.chars() {
            match c {
                '{' => {
                    depth += 1;
                    opened = true;
                }
                '}' => depth -= 1,
                _ => {}
            }
        }
        if (opened && depth <= 0) || (!opened && code.trim_end().ends_with(';')) {
            return;
        }
    }
}

/// The top-level modules a piece of code names through `crate::`.
fn crate_paths(code: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (at, _) in code.match_indices("crate::") {
        if code[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let rest = &code[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // `use crate::{a::X, b::{Y, Z}};`: the first segment of each
            // item of the outer group.
            let mut depth = 0usize;
            let mut item_start = true;
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => item_start = true,
                    c if item_start && !c.is_whitespace() => {
                        out.insert(first_segment(&group[i..]));
                        item_start = false;
                    }
                    _ => {}
                }
            }
        } else {
            out.insert(first_segment(rest));
        }
    }
    out.retain(|m| !m.is_empty());
    out
}

fn first_segment(path: &str) -> String {
    path.chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect()
}

/// The import graph of the top-level modules: module -> (module it names
/// -> the first file that names it).
fn graph(src: &Path) -> BTreeMap<String, BTreeMap<String, PathBuf>> {
    let files = rust_files(src);
    let modules: BTreeSet<String> = files.iter().filter_map(|f| module_of(src, f)).collect();
    let mut edges: BTreeMap<String, BTreeMap<String, PathBuf>> = BTreeMap::new();
    for file in &files {
        let Some(from) = module_of(src, file) else {
            continue;
        };
        let text = std::fs::read_to_string(file).expect("a source file is UTF-8");
        for to in crate_paths(&code_of(&text)) {
            if to != from && modules.contains(&to) {
                edges
                    .entry(from.clone())
                    .or_default()
                    .entry(to)
                    .or_insert_with(|| file.clone());
            }
        }
        edges.entry(from).or_default();
    }
    edges
}

/// A circle of the graph as its modules in order (the first again at the
/// end), or `None` when there is none.
fn circle(edges: &BTreeMap<String, BTreeMap<String, PathBuf>>) -> Option<Vec<String>> {
    // Depth-first, keeping the path: an edge back into it closes a circle.
    fn visit(
        m: &str,
        edges: &BTreeMap<String, BTreeMap<String, PathBuf>>,
        done: &mut BTreeSet<String>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|p| p == m) {
            let mut found = path[at..].to_vec();
            found.push(m.to_string());
            return Some(found);
        }
        if done.contains(m) {
            return None;
        }
        path.push(m.to_string());
        for to in edges.get(m).into_iter().flat_map(|e| e.keys()) {
            if let Some(found) = visit(to, edges, done, path) {
                return Some(found);
            }
        }
        path.pop();
        done.insert(m.to_string());
        None
    }
    let mut done = BTreeSet::new();
    edges
        .keys()
        .find_map(|m| visit(m, edges, &mut done, &mut Vec::new()))
}

#[test]
fn no_import_circle_between_the_modules_of_src() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let edges = graph(&src);
    assert!(edges.len() > 10, "read too few modules: {edges:?}");
    if let Some(found) = circle(&edges) {
        let steps: Vec<String> = found
            .windows(2)
            .map(|w| {
                let file = &edges[&w[0]][&w[1]];
                let file = file.strip_prefix(&src).unwrap_or(file);
                format!("{} -> {} (in src/{})", w[0], w[1], file.display())
            })
            .collect();
        panic!("an import circle:\n  {}", steps.join("\n  "));
    }
}

#[test]
fn the_data_model_imports_no_stage() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let edges = graph(&src);
    let model: Vec<&String> = edges["model"].keys().collect();
    assert!(
        model.iter().all(|m| matches!(m.as_str(), "error" | "text")),
        "model imports {model:?}"
    );
}

#[test]
fn the_reader_finds_paths_groups_and_skips_tests_and_comments() {
    let code = code_of(
        "use crate::{text::slugify, model::{Briefing, Source}};\n\
         // crate::render in a comment\n\
         fn f() { crate::load::read(); }\n\
         #[cfg(test)]\n\
         mod tests {\n    fn g() { crate::extract::extract(); }\n}\n\
         fn h() -> mycrate::X { todo!() }\n",
    );
    let found: Vec<String> = crate_paths(&code).into_iter().collect();
    assert_eq!(found, ["load", "model", "text"]);
}

#[test]
fn a_circle_is_found_and_named_in_order() {
    let mut edges: BTreeMap<String, BTreeMap<String, PathBuf>> = BTreeMap::new();
    for (from, to) in [("a", "b"), ("b", "c"), ("c", "a"), ("d", "a")] {
        edges
            .entry(from.into())
            .or_default()
            .insert(to.into(), PathBuf::from(format!("src/{from}.rs")));
    }
    assert_eq!(
        circle(&edges),
        Some(vec!["a".into(), "b".into(), "c".into(), "a".into()])
    );
    edges.get_mut("c").map(|e| e.remove("a"));
    assert_eq!(circle(&edges), None);
}

//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The repository root (where Cargo.toml is).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared/seeds`, the real articles the product was conceived from.
/// Missing seeds skip a test locally (returning None) but fail it in CI.
pub fn shared_seeds() -> Option<PathBuf> {
    let dir = repo().join("../shared/seeds");
    if dir.join("000_374a940a17039e84.txt").is_file() {
        return Some(dir);
    }
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!(
            "{} is missing: CI must run with ../shared/seeds beside the repository",
            dir.display()
        );
    }
    eprintln!("skipping: {} not found", dir.display());
    None
}

/// Copies files into `dir/sub`, creating it.
pub fn copy_into(files: &[PathBuf], dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    for file in files {
        std::fs::copy(file, dir.join(file.file_name().unwrap())).unwrap();
    }
}

/// Every `.txt` file in a folder, sorted.
pub fn txt_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
}

/// Runs the real binary.
pub fn briefing() -> assert_cmd::Command {
    assert_cmd::Command::cargo_bin("briefing").unwrap()
}

/// `briefing extract --json FILE`'s output, failing the test with the
/// tool's own message when it fails.
pub fn extract_json_bytes(file: &Path) -> Vec<u8> {
    let output = briefing()
        .arg("extract")
        .arg("--json")
        .arg(file)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

/// The six question headings of `../shared/seeds/000_374a940a17039e84.txt`.
pub const SEED_QUESTIONS: [&str; 6] = [
    "Where are the North Korean troops?",
    "What role will these troops play?",
    "And for the regular troops?",
    "Wait, how does this even work?",
    "Is this fair game?",
    "What is North Korea getting out of this?",
];

/// `briefing build SITE --out OUT`, failing the test with the tool's own
/// message when the build fails.
pub fn build_into(site: &Path, out: &Path) {
    build_into_with(site, out, &[]);
}

/// [`build_into`] with further `build` flags (`--print`).
#[allow(dead_code)]
pub fn build_into_with(site: &Path, out: &Path, flags: &[&str]) {
    build_printed(site, out, flags);
}

/// [`build_into_with`], returning what the build printed (standard output,
/// then standard error).
#[allow(dead_code)]
pub fn build_printed(site: &Path, out: &Path, flags: &[&str]) -> String {
    let output = briefing()
        .arg("build")
        .arg(site)
        .arg("--out")
        .arg(out)
        .args(flags)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "build failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// Every file under `dir`, by relative path, but the output marker.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if entry.file_name() == ".briefing-output" {
                // The marker's manifest holds inodes and times, not the site.
                continue;
            } else {
                let rel = path
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .to_string();
                files.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    files
}

/// Asserts that the output in `incremental_out` equals, byte for byte, a
/// full build of `site` (into `full` beside the site).
pub fn assert_same_as_full_build(site: &Path, incremental_out: &Path, what: &str) {
    let full_out = site.parent().unwrap().join("full");
    let config = briefing::config::Config::load(site, Some(&full_out)).unwrap();
    briefing::pipeline::build(&config).unwrap();
    assert_same_trees(
        incremental_out,
        &full_out,
        &format!("after {what}, against a full build"),
    );
}

/// Asserts that the folders `a` and `b` hold the same files, byte for
/// byte (the output marker aside), naming those that differ.
#[allow(dead_code)]
pub fn assert_same_trees(a: &Path, b: &Path, what: &str) {
    let (a, b) = (tree(a), tree(b));
    let differ: Vec<&String> = a
        .keys()
        .chain(b.keys())
        .filter(|k| a.get(*k) != b.get(*k))
        .collect();
    assert!(differ.is_empty(), "{what}, these files differ: {differ:?}");
}

/// Copies the repository's sample site (its content and seeds folders)
/// into `into`, without its `briefing.toml`.
pub fn copy_sample_sources(into: &Path) {
    for dir in ["content", "seeds"] {
        std::fs::create_dir_all(into.join(dir)).unwrap();
        for entry in std::fs::read_dir(repo().join(dir)).unwrap().flatten() {
            if entry.path().is_file() {
                std::fs::copy(entry.path(), into.join(dir).join(entry.file_name())).unwrap();
            }
        }
    }
}

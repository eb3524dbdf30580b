//! Issue 25, items 14 and 6: tags. Tags that differ in more than case get
//! pages of their own (`C++`, `C`, `c--` and `C#` once all became
//! `tags/c/`, titled after whichever came first); the tags of one briefing
//! are capped, so output stays linear in the input.

mod common;

use common::briefing;
use std::path::Path;

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// A Markdown briefing with these tags.
fn tagged(site: &Path, name: &str, tags: &[String]) {
    let list: Vec<String> = tags.iter().map(|t| format!("{t:?}")).collect();
    write(
        &site.join(format!("content/{name}.md")),
        &format!(
            "+++\ntitle = \"Note {name}\"\ntags = [{}]\n+++\n\nThe council met on Tuesday to vote on the plan.\n",
            list.join(", ")
        ),
    );
}

fn build(site: &Path) -> String {
    let output = briefing().current_dir(site).arg("build").output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).to_string();
    assert!(output.status.success(), "{stderr}");
    stderr
}

fn tag_folders(site: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(site.join("dist/tags"))
        .unwrap()
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().to_string())
        .collect();
    names.sort();
    names
}

#[test]
fn tags_that_differ_in_more_than_case_get_pages_of_their_own() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path();
    let names = ["C++", "C", "c--", "C#"];
    for (i, tag) in names.iter().enumerate() {
        tagged(site, &format!("n{i}"), &[tag.to_string()]);
    }
    // A spelling that differs only in case is the same tag.
    tagged(site, "n9", &["c++".to_string()]);
    build(site);
    let folders = tag_folders(site);
    assert_eq!(folders.len(), 4, "{folders:?}");
    assert!(folders.contains(&"c-plus-plus".to_string()), "{folders:?}");
    assert!(folders.contains(&"c-sharp".to_string()), "{folders:?}");
    assert!(folders.contains(&"c".to_string()), "{folders:?}");
    // Each page is titled after its own tag.
    for folder in &folders {
        let page = std::fs::read_to_string(site.join("dist/tags").join(folder).join("index.html"))
            .unwrap();
        let expected = match folder.as_str() {
            "c" => "C",
            "c-plus-plus" => "C++",
            "c-sharp" => "C#",
            _ => "c--",
        };
        assert!(
            page.contains(&format!("<title>{expected} · Tags")),
            "{folder}: {page}"
        );
    }
    let c_page = std::fs::read_to_string(site.join("dist/tags/c/index.html")).unwrap();
    assert!(c_page.contains("Note n1") && !c_page.contains("Note n0"));
    let plus = std::fs::read_to_string(site.join("dist/tags/c-plus-plus/index.html")).unwrap();
    assert!(plus.contains("Note n0") && plus.contains("Note n9"));
}

/// Every file under `dir`, with its size.
fn output_bytes(dir: &Path) -> u64 {
    let mut total = 0;
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let meta = entry.metadata().unwrap();
        total += if meta.is_dir() {
            output_bytes(&entry.path())
        } else {
            meta.len()
        };
    }
    total
}

#[test]
fn tags_of_one_briefing_are_capped_with_a_warning_and_output_stays_linear() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path();
    let many: Vec<String> = (0..2_000).map(|i| format!("topic {i}")).collect();
    tagged(site, "crowded", &many);
    let started = std::time::Instant::now();
    let stderr = build(site);
    let elapsed = started.elapsed();
    assert!(
        stderr.contains("warning: content/crowded.md:1: has 2000 tags; only the first 50"),
        "{stderr}"
    );
    // The first 50 get pages, the rest none.
    let folders = tag_folders(site);
    assert_eq!(folders.len(), 50, "{}", folders.len());
    assert!(folders.contains(&"topic-49".to_string()));
    assert!(!folders.contains(&"topic-50".to_string()));
    // Uncapped, 2,000 tags wrote 2,000 pages of 2,000 links (hundreds of MB).
    let bytes = output_bytes(&site.join("dist"));
    assert!(bytes < 20 << 20, "{bytes} bytes written");
    assert!(elapsed < std::time::Duration::from_secs(30), "{elapsed:?}");
    // `check` warns too.
    let output = briefing().current_dir(site).arg("check").output().unwrap();
    let findings = String::from_utf8_lossy(&output.stdout);
    assert!(
        findings.contains("content/crowded.md:1: warning: has 2000 tags"),
        "{findings}"
    );
}

//! What a build writes by default and on request (issue 26): the print book
//! only with `print = true` or `build --print`, each briefing's JSON file
//! only with `json = "per-briefing"`, and no page linking to a file that
//! is not written.

mod common;

use common::{build_into, build_into_with, tree};
use std::path::Path;

/// A site of three raw briefings of our own, with `settings` as its
/// `briefing.toml`.
fn site(dir: &Path, settings: &str) {
    let seeds = dir.join("seeds");
    std::fs::create_dir_all(&seeds).unwrap();
    for (i, place) in ["Arnhold", "Bexley Cross", "Calder Mouth"]
        .iter()
        .enumerate()
    {
        std::fs::write(
            seeds.join(format!("ferry-{i}.txt")),
            format!(
                "date 2026-04-0{}\n\n\
                 Ferry berth works at {place}\n\n\
                 Engineers closed the ferry berth at {place} for repairs on Tuesday, the harbour board said.\n\n\
                 How long will it stay shut?\n\n\
                 The board expects the berth to reopen within three weeks, weather permitting.\n",
                i + 1
            ),
        )
        .unwrap();
    }
    std::fs::write(dir.join("briefing.toml"), settings).unwrap();
}

fn briefing_json_files(files: &std::collections::BTreeMap<String, Vec<u8>>) -> usize {
    files
        .keys()
        .filter(|p| p.starts_with("briefings/") && p.ends_with(".json"))
        .count()
}

#[test]
fn by_default_no_print_book_and_no_per_briefing_json_and_no_link_to_them() {
    let tmp = tempfile::tempdir().unwrap();
    site(tmp.path(), "title = \"Harbour\"\n");
    let out = tmp.path().join("dist");
    build_into(tmp.path(), &out);
    let files = tree(&out);
    assert!(files.contains_key("index.html"));
    assert!(!files.contains_key("print.html"));
    assert_eq!(briefing_json_files(&files), 0);
    for (path, bytes) in &files {
        let text = String::from_utf8_lossy(bytes);
        assert!(!text.contains("print.html"), "{path} links the print book");
    }
    let list = String::from_utf8_lossy(&files["briefings.json"]).to_string();
    assert!(list.contains("\"url\""), "{list}");
    assert!(!list.contains("\"json\""), "{list}");
}

#[test]
fn print_and_per_briefing_json_are_written_when_asked_for() {
    let tmp = tempfile::tempdir().unwrap();
    site(tmp.path(), "json = \"per-briefing\"\n");
    let out = tmp.path().join("dist");
    build_into_with(tmp.path(), &out, &["--print"]);
    let files = tree(&out);
    assert!(files.contains_key("print.html"));
    assert_eq!(briefing_json_files(&files), 3);
    let index = String::from_utf8_lossy(&files["index.html"]).to_string();
    assert!(index.contains("href=\"print.html\""), "{index}");
    let list = String::from_utf8_lossy(&files["briefings.json"]).to_string();
    assert!(list.contains("\"json\":\"briefings/"), "{list}");

    // The setting in briefing.toml does what the flag does.
    let tmp = tempfile::tempdir().unwrap();
    site(tmp.path(), "print = true\n");
    let out = tmp.path().join("dist");
    build_into(tmp.path(), &out);
    let files = tree(&out);
    assert!(files.contains_key("print.html"));
    assert_eq!(briefing_json_files(&files), 0);
}

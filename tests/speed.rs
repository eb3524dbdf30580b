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

/// A site of `n` briefings of our own that all quote one harbour master.
fn harbour_site(dir: &Path, n: usize, settings: &str) {
    let seeds = dir.join("seeds");
    std::fs::create_dir_all(&seeds).unwrap();
    for i in 0..n {
        std::fs::write(
            seeds.join(format!("tide-{i}.txt")),
            format!(
                "date 2026-06-{:02}\n\n\
                 Tide gauge number {i} is replaced\n\n\
                 The harbour board replaced tide gauge number {i} on the north quay this week.\n\n\
                 Why was it replaced?\n\n\
                 Morwenna Tregear, the harbour master, said gauge {i} had drifted by several centimetres.\n\n\
                 \"We could not trust gauge {i} any longer,\" Morwenna Tregear said.\n",
                i + 1
            ),
        )
        .unwrap();
    }
    std::fs::write(dir.join("briefing.toml"), settings).unwrap();
}

fn mentions(html: &str) -> usize {
    html.matches("class=\"mention-sentence\"").count()
}

#[test]
fn an_entity_named_in_many_briefings_is_paginated_like_the_index() {
    let tmp = tempfile::tempdir().unwrap();
    harbour_site(tmp.path(), 7, "paginate_by = 3\n");
    let out = tmp.path().join("dist");
    build_into(tmp.path(), &out);
    let files = tree(&out);
    let page = |path: &str| {
        String::from_utf8_lossy(
            files
                .get(path)
                .unwrap_or_else(|| panic!("no {path} in {:?}", files.keys().collect::<Vec<_>>())),
        )
        .to_string()
    };
    let first = page("entities/morwenna-tregear/index.html");
    let second = page("entities/morwenna-tregear/page/2/index.html");
    let third = page("entities/morwenna-tregear/page/3/index.html");
    assert!(!files.contains_key("entities/morwenna-tregear/page/4/index.html"));
    assert_eq!(
        (mentions(&first), mentions(&second), mentions(&third)),
        (3, 3, 1)
    );
    assert!(first.contains("href=\"../../entities/morwenna-tregear/page/2/index.html\""));
    assert!(second.contains("href=\"../../../../entities/morwenna-tregear/index.html\""));
    assert!(third.contains("Tide gauge number"), "{third}");

    // Written natively, the same bytes as through the templates.
    let tera = tmp.path().join("tera");
    common::briefing()
        .arg("build")
        .arg(tmp.path())
        .arg("--out")
        .arg(&tera)
        .arg("--tera-only")
        .assert()
        .success();
    assert!(tree(&tera) == files, "--tera-only wrote other bytes");
}

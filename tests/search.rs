//! Search through the real binary: a small site of its own
//! (`tests/fixtures/search-site`, sentences written for these tests) is
//! built with `briefing build`, then its pages and its index are checked.
//! The queries themselves run in headless Chromium in `tests/search_browser.rs`.

mod common;

use common::{build_into, repo};
use scraper::{Html, Selector};
use std::collections::BTreeSet;
use std::path::PathBuf;

fn built() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dist = tmp.path().join("dist");
    build_into(&repo().join("tests/fixtures/search-site"), &dist);
    (tmp, dist)
}

/// Third-party indexers (Pagefind, DocSearch) link to the id of a heading:
/// every section heading has one, `SECTION-ID_h`, beside the section's own,
/// and no id is used twice.
#[test]
fn section_headings_carry_ids_of_their_own() {
    let (_tmp, dist) = built();
    let page = std::fs::read_to_string(dist.join("briefings/harbour-fever/index.html")).unwrap();
    let doc = Html::parse_document(&page);
    let sections = Selector::parse("section.section[id]").unwrap();
    let heading = Selector::parse(".section-heading").unwrap();
    let mut checked = 0;
    for s in doc.select(&sections) {
        let id = s.value().attr("id").unwrap();
        let h = s.select(&heading).next().expect("a heading");
        assert_eq!(h.value().attr("id"), Some(format!("{id}_h").as_str()));
        checked += 1;
    }
    assert_eq!(checked, 4);
    let all = Selector::parse("[id]").unwrap();
    let ids: Vec<&str> = doc
        .select(&all)
        .filter_map(|e| e.value().attr("id"))
        .collect();
    let unique: BTreeSet<&&str> = ids.iter().collect();
    assert_eq!(ids.len(), unique.len(), "{ids:?}");
    assert!(page.contains("id=\"what-is-harbour-fever_h\">What is harbour fever?</h2>"));
}

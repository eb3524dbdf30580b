//! Checks every raw fixture against the headings and closing credit written
//! down by hand in `tests/fixtures/raw/EXPECTED.md`, so the expectations
//! live in one readable file and the test cannot drift from them.

mod common;

use common::repo;
use std::collections::BTreeMap;

#[derive(Debug, Default, PartialEq)]
struct Expected {
    /// (line, "Q"/"S", level, heading text)
    headings: Vec<(usize, String, u8, String)>,
    credit: Option<String>,
}

/// Reads `## file.txt` blocks, their `- L<n> Q|S level <l> "text"` headings
/// and `Closing credit: L<n> "text"` lines.
fn read_expected() -> BTreeMap<String, Expected> {
    let text = std::fs::read_to_string(repo().join("tests/fixtures/raw/EXPECTED.md")).unwrap();
    let mut all = BTreeMap::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        if let Some(name) = line.strip_prefix("## ") {
            current = name
                .trim()
                .ends_with(".txt")
                .then(|| name.trim().to_string());
            if let Some(name) = &current {
                all.insert(name.clone(), Expected::default());
            }
            continue;
        }
        let Some(name) = &current else { continue };
        let entry = all.get_mut(name).unwrap();
        let trimmed = line.trim_start().trim_start_matches("- ");
        if let Some(rest) = trimmed.strip_prefix('L') {
            let mut parts = rest.splitn(4, ' ');
            let (Some(n), Some(kind), Some("level"), Some(rest)) =
                (parts.next(), parts.next(), parts.next(), parts.next())
            else {
                continue;
            };
            let (Ok(n), true) = (n.parse::<usize>(), kind == "Q" || kind == "S") else {
                continue;
            };
            let (level, quoted) = rest.split_once(' ').unwrap();
            let heading = quoted
                .trim_start_matches('"')
                .split('"')
                .next()
                .unwrap()
                .to_string();
            entry
                .headings
                .push((n, kind.to_string(), level.parse().unwrap(), heading));
        }
        if let Some(rest) = line.split("Closing credit: L").nth(1) {
            entry.credit = rest.split('"').nth(1).map(String::from);
        }
    }
    all
}

#[test]
fn every_fixture_matches_its_hand_written_expectation() {
    let expected = read_expected();
    assert!(
        expected.len() >= 11,
        "EXPECTED.md lists too few fixtures: {}",
        expected.len()
    );
    let mut failures = Vec::new();
    for (name, want) in &expected {
        let path = repo().join("tests/fixtures/raw").join(name);
        let source = briefing::load::load_file(&path).unwrap();
        let doc = briefing::parse::parse(&source).unwrap();
        let b = briefing::extract::extract(&doc).unwrap();
        let got = Expected {
            headings: b
                .sections
                .iter()
                .map(|s| {
                    let kind = if s.kind == briefing::model::SectionKind::Question {
                        "Q"
                    } else {
                        "S"
                    };
                    (s.line, kind.to_string(), s.level, s.heading.clone())
                })
                .collect(),
            credit: b.credit.clone(),
        };
        if &got != want {
            failures.push(format!("{name}:\n  expected {want:?}\n  got      {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

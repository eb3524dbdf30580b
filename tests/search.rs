//! Search through the real binary: a small site of its own
//! (`tests/fixtures/search-site`, sentences written for these tests) is
//! built with `briefing build`, then its pages and its index are checked.
//! The queries themselves run in headless Chromium in `tests/search_browser.rs`.

mod common;

use common::{build_into, repo};
use scraper::{Html, Selector};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

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

/// Runs `search.js` in node over the built site: each query (with its
/// filters, as the search page reads them from its address) gives the
/// results as JSON. None without node (skipped; a failure when `CI=true`).
fn queries(dist: &Path, runs: &[(&str, &str)]) -> Option<Vec<Value>> {
    if Command::new("node").arg("--version").output().is_err() {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "node is missing, and CI=true"
        );
        eprintln!("note: skipping: node not found");
        return None;
    }
    let script = r#"
const fs = require("fs"), vm = require("vm"), path = require("path");
const [dist, js, runs] = process.argv.slice(1);
const sandbox = {}; sandbox.window = sandbox; vm.createContext(sandbox);
vm.runInContext(fs.readFileSync(js, "utf8"), sandbox);
const S = sandbox.briefingSearch;
const loaded = [];
S.engine.loadScript = (src) => {
  loaded.push(src);
  vm.runInContext(fs.readFileSync(path.join(dist, src), "utf8"), sandbox);
  return Promise.resolve();
};
(async () => {
  const out = [];
  for (const [q, filters] of JSON.parse(runs)) {
    const started = Date.now();
    const found = await S.search(q, 8, Object.fromEntries(new URLSearchParams(filters)));
    found.ms = Date.now() - started;
    out.push(found);
  }
  console.log(JSON.stringify(out));
})().catch((e) => { console.error(e); process.exit(1); });
"#;
    let output = Command::new("node")
        .arg("-e")
        .arg(script)
        .arg(dist)
        .arg(repo().join("templates/static/search.js"))
        .arg(serde_json::to_string(runs).unwrap())
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "node failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    Some(serde_json::from_slice(&output.stdout).unwrap())
}

/// `(kind, url)` of each result and, indented by "  ", of its sub-results.
fn outline(found: &Value) -> Vec<String> {
    let mut out = Vec::new();
    for r in found["results"].as_array().unwrap() {
        out.push(format!(
            "{} {}",
            r["kind"].as_str().unwrap(),
            r["url"].as_str().unwrap()
        ));
        for s in r["subs"].as_array().unwrap() {
            out.push(format!(
                "  {} {}",
                s["kind"].as_str().unwrap(),
                s["url"].as_str().unwrap()
            ));
        }
    }
    out
}

#[test]
fn stop_words_in_capitals_and_defined_acronyms_are_searched() {
    let (_tmp, dist) = built();
    let Some(found) = queries(
        &dist,
        &[("WHO", ""), ("who", ""), ("whose", ""), ("IT", "")],
    ) else {
        return;
    };
    let who = outline(&found[0]);
    // The WHO's entity page (its other name is the query) and its
    // section; not the village "whose" clinics.
    assert_eq!(
        who,
        [
            "entity entities/world-health-organization/index.html",
            "briefing briefings/harbour-fever/index.html",
            "  question briefings/harbour-fever/index.html#what-does-the-who-say",
        ]
    );
    // "who" alone is the WHO: the registry spells it so.
    assert_eq!(outline(&found[1]), who);
    assert_eq!(
        outline(&found[2]),
        ["briefing briefings/harbour-fever/index.html"]
    );
    assert!(
        outline(&found[3])
            .iter()
            .any(|r| r.ends_with("budget-talks/index.html#what-is-holding-up-the-budget")),
        "{:?}",
        outline(&found[3])
    );
}

#[test]
fn results_are_grouped_per_briefing_and_one_speakers_quotes_are_one() {
    let (_tmp, dist) = built();
    let Some(found) = queries(&dist, &[("Imogen Salt", ""), ("Imogen", "kind=quote")]) else {
        return;
    };
    let results = found[0]["results"].as_array().unwrap();
    // The person, then each briefing once, its sections under it.
    let heads: Vec<&str> = results.iter().map(|r| r["url"].as_str().unwrap()).collect();
    assert_eq!(
        heads,
        [
            "entities/imogen-salt/index.html",
            "briefings/harbour-fever/index.html",
            "briefings/budget-talks/index.html"
        ]
    );
    let quotes: Vec<&Value> = results[1]["subs"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["kind"] == "quote")
        .collect();
    assert_eq!(quotes.len(), 1, "{:?}", outline(&found[0]));
    assert_eq!(quotes[0]["kindLabel"], "3 quotes");
    assert_eq!(quotes[0]["title"], "Imogen Salt");
    // Quotes alone (the kind filter): all four of hers are one result.
    let quotes = found[1]["results"].as_array().unwrap();
    assert_eq!(quotes.len(), 1, "{:?}", outline(&found[1]));
    assert_eq!(quotes[0]["kindLabel"], "4 quotes");
    assert_eq!(found[1]["total"], 1);
}

#[test]
fn a_heading_that_is_the_query_ranks_first() {
    let (_tmp, dist) = built();
    let Some(found) = queries(&dist, &[("what is plague", ""), ("What is plague?", "")]) else {
        return;
    };
    for f in &found {
        // The other question says "plague" four times; the heading that is
        // the query still comes first.
        assert_eq!(
            f["results"][0]["subs"][0]["url"],
            "briefings/plague-ports/index.html#what-is-plague",
            "{:?}",
            outline(f)
        );
    }
}

#[test]
fn a_phrase_in_double_quotes_finds_its_words_side_by_side() {
    let (_tmp, dist) = built();
    let Some(found) = queries(
        &dist,
        &[
            ("\"river ports\"", ""),
            ("\"ports river\"", ""),
            ("river ports", ""),
        ],
    ) else {
        return;
    };
    let phrase = outline(&found[0]);
    assert_eq!(
        phrase,
        [
            "briefing briefings/plague-ports/index.html",
            "briefing briefings/budget-talks/index.html",
        ]
    );
    // The words the other way round are in no text.
    assert_eq!(found[1]["total"], 0);
    // Unquoted, a section with the two words apart matches too.
    assert!(
        outline(&found[2]).contains(
            &"  section briefings/plague-ports/index.html#budget-for-the-ports".to_string()
        )
    );
}

#[test]
fn one_wrong_letter_finds_the_name_and_says_so() {
    let (_tmp, dist) = built();
    let Some(found) = queries(
        &dist,
        &[
            ("Thornbery", ""),
            ("Thornbury", ""),
            ("Thornbxry harbour", ""),
            ("Thorn", ""),
        ],
    ) else {
        return;
    };
    assert_eq!(found[0]["suggestion"], "Thornbury");
    assert_eq!(
        found[0]["results"][0]["url"],
        "entities/gerald-thornbury/index.html"
    );
    // Spelt right: the same results, and nothing to suggest.
    assert!(found[1]["suggestion"].is_null());
    assert_eq!(outline(&found[0]), outline(&found[1]));
    assert_eq!(found[2]["suggestion"], "Thornbury harbour");
    // Short words are not corrected: "Thorn" is a prefix, not a typo.
    assert!(found[3]["suggestion"].is_null());
    assert!(found[3]["total"].as_u64().unwrap() > 0);
}

#[test]
fn bad_input_returns_promptly_with_no_results() {
    let (_tmp, dist) = built();
    let long = "plague ".repeat(1500);
    let words: String = (0..2000).map(|i| format!("w{i}x ")).collect();
    let Some(found) = queries(
        &dist,
        &[
            (&long[..10_000], ""),
            (&words[..10_000], ""),
            (".*+?^${}()|[]\\/", ""),
            ("the of and what", ""),
            ("!!! ??? ...", ""),
            ("", ""),
        ],
    ) else {
        return;
    };
    for f in &found {
        assert!(f["ms"].as_u64().unwrap() < 2000, "{}", f["ms"]);
    }
    // A very long query is read as its first words.
    assert!(found[0]["total"].as_u64().unwrap() > 0);
    for f in &found[1..] {
        assert_eq!(f["total"], 0, "{f}");
        assert!(f["results"].as_array().unwrap().is_empty());
    }
    assert_eq!(found[3]["common"], true);
    assert_eq!(found[4]["common"], false);
}

#[test]
fn filters_by_tag_date_and_kind_and_a_sort_by_date() {
    let (_tmp, dist) = built();
    let Some(found) = queries(
        &dist,
        &[
            ("ports", ""),
            ("ports", "tag=politics"),
            ("ports", "from=2024-01-01&to=2024-12-31"),
            ("", "tag=health&sort=date"),
            ("Imogen", "kind=person"),
            ("ports", "kind=question"),
            ("fever", "sort=date&kind=briefing"),
        ],
    ) else {
        return;
    };
    let heads = |f: &Value| -> Vec<String> {
        f["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["url"].as_str().unwrap().to_string())
            .collect()
    };
    // Three briefings and Imogen Salt, "health officer of the port".
    assert_eq!(heads(&found[0]).len(), 4);
    assert_eq!(heads(&found[1]), ["briefings/budget-talks/index.html"]);
    assert_eq!(heads(&found[2]), ["briefings/plague-ports/index.html"]);
    // No words: the tag's briefings, newest first.
    assert_eq!(
        heads(&found[3]),
        [
            "briefings/harbour-fever/index.html",
            "briefings/plague-ports/index.html"
        ]
    );
    assert_eq!(heads(&found[4]), ["entities/imogen-salt/index.html"]);
    for f in &found[5]["results"].as_array().unwrap()[..] {
        assert_eq!(f["kind"], "question");
    }
    assert_eq!(heads(&found[6]), ["briefings/harbour-fever/index.html"]);
}

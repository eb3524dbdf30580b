//! `briefing extract --json` on the real seed articles: the structure the
//! foundation issue promises, read through the CLI's JSON contract.

mod common;

use common::shared_seeds;
use serde_json::Value;

fn extract_json(file: &std::path::Path) -> Value {
    let value: Value = serde_json::from_slice(&common::extract_json_bytes(file)).unwrap();
    value.as_array().unwrap()[0].clone()
}

#[test]
fn explainer_seed_has_its_questions_and_statement_in_order() {
    let Some(seeds) = shared_seeds() else { return };
    let b = extract_json(&seeds.join("000_374a940a17039e84.txt"));
    let sections = b["sections"].as_array().unwrap();
    let headings: Vec<(&str, &str)> = sections
        .iter()
        .map(|s| (s["heading"].as_str().unwrap(), s["kind"].as_str().unwrap()))
        .collect();
    assert_eq!(
        headings,
        vec![
            ("Where are the North Korean troops?", "question"),
            ("What role will these troops play?", "question"),
            ("And for the regular troops?", "question"),
            ("Wait, how does this even work?", "question"),
            ("Is this fair game?", "question"),
            ("What is North Korea getting out of this?", "question"),
            (
                "Deployment could lengthen, broaden Ukraine war, officials warn",
                "statement"
            ),
        ]
    );
    assert_eq!(b["credit"], "ABC/Reuters");
    let lead: Vec<&str> = b["lead"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    assert!(
        lead.contains(&"But what exactly does this mean?"),
        "{lead:?}"
    );
    assert_eq!(sections[0]["anchor"], "where-are-the-north-korean-troops");
    for section in sections {
        let is_question = section["kind"] == "question";
        assert_eq!(
            section["short_answer"].is_string(),
            is_question,
            "{section}"
        );
        assert!(!section["paragraphs"].as_array().unwrap().is_empty());
    }
    let title = b["title"].as_str().unwrap();
    assert!(
        title.split_whitespace().count() <= 16,
        "title too long: {title}"
    );
}

#[test]
fn follow_up_question_nests_under_its_question() {
    let Some(seeds) = shared_seeds() else { return };
    let b = extract_json(&seeds.join("000_374a940a17039e84.txt"));
    let levels: Vec<i64> = b["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["level"].as_i64().unwrap())
        .collect();
    assert_eq!(levels, vec![2, 2, 3, 2, 2, 2, 2]);
}

#[test]
fn news_seed_has_date_caption_and_no_headings() {
    let Some(seeds) = shared_seeds() else { return };
    let b = extract_json(&seeds.join("003_38be661aca5eacde.txt"));
    assert_eq!(b["date"], "2024-10-23");
    let captions = b["captions"].as_array().unwrap();
    assert_eq!(captions.len(), 1);
    assert_eq!(captions[0]["credit"], "Kremlin via Reuters");
    assert!(b["sections"].as_array().unwrap().is_empty());
    assert!(b["lead"].as_array().unwrap().len() >= 10);
}

#[test]
fn json_has_the_documented_keys_only() {
    let Some(seeds) = shared_seeds() else { return };
    let b = extract_json(&seeds.join("000_374a940a17039e84.txt"));
    let mut keys: Vec<&String> = b.as_object().unwrap().keys().collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "authors",
            "captions",
            "credit",
            "date",
            "dateline",
            "figures",
            "lead",
            "organizations",
            "people",
            "places",
            "quotes",
            "sections",
            "slug",
            "source",
            "terms",
            "title"
        ]
    );
    let mut section_keys: Vec<&String> = b["sections"][0].as_object().unwrap().keys().collect();
    section_keys.sort();
    assert_eq!(
        section_keys,
        [
            "anchor",
            "heading",
            "kind",
            "level",
            "paragraphs",
            "short_answer",
            "speaker"
        ]
    );
}

/// `text` re-wrapped at `width` columns with no blank lines, as copy
/// pasted from an email or a terminal arrives.
fn hard_wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    for paragraph in text.lines().filter(|l| !l.trim().is_empty()) {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
                out.push_str(&line);
                out.push('\n');
                line.clear();
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// Headings and each section's text (paragraph breaks aside).
fn structure(b: &Value) -> Vec<(String, String)> {
    let words = |v: &Value| {
        v.as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().unwrap())
            .collect::<Vec<_>>()
            .join(" ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut out = vec![("".to_string(), words(&b["lead"]))];
    for s in b["sections"].as_array().unwrap() {
        out.push((
            s["heading"].as_str().unwrap().to_string(),
            words(&s["paragraphs"]),
        ));
    }
    out
}

#[test]
fn hard_wrapped_seed_gives_the_same_sections() {
    let Some(seeds) = shared_seeds() else { return };
    for name in ["000_374a940a17039e84.txt", "003_38be661aca5eacde.txt"] {
        let original = seeds.join(name);
        let text = std::fs::read_to_string(&original).unwrap();
        for width in [60, 72, 80] {
            let dir = tempfile::tempdir().unwrap();
            let wrapped = dir.path().join(name);
            std::fs::write(&wrapped, hard_wrap(&text, width)).unwrap();
            let (a, b) = (extract_json(&original), extract_json(&wrapped));
            assert_eq!(structure(&a), structure(&b), "{name} wrapped at {width}");
            assert_eq!(a["title"], b["title"], "{name} wrapped at {width}");
        }
    }
}

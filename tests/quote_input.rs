//! Quotation marks on real-looking and hostile input: `check` names the line
//! of a quotation that never closes, and 50,000 unclosed marks in one file
//! stay fast (release mode in CI: `cargo test --release --test quote_input
//! -- --ignored`).

mod common;

use common::briefing;
use std::time::{Duration, Instant};

fn site_with(text: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("seeds")).unwrap();
    std::fs::write(dir.path().join("seeds/harbour.txt"), text).unwrap();
    dir
}

#[test]
fn check_names_the_line_of_an_unclosed_quote() {
    let site = site_with(
        "Harbour wall to be rebuilt\n\nThe council met on Monday.\n\nMayor Ana Lind said \"we will rebuild the wall before winter.\n\nWork starts in May, \"the engineers said.\"\n",
    );
    let out = briefing()
        .args(["check", "--format", "text"])
        .arg(site.path())
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert!(
        text.contains(
            "seeds/harbour.txt:5: warning: unclosed quotation: `\"we will rebuild the wall"
        ),
        "{text}"
    );
    assert_eq!(text.matches("unclosed quotation").count(), 1, "{text}");
}

/// 50,000 quotation marks that never close, one a line, with `sep` between lines.
#[test]
fn extract_explain_names_the_speaker_rule_and_terms() {
    let site = site_with(
        "Harbour wall to be rebuilt\n\n\"The wall will stand by winter,\" said engineer Marta Ilves.\n\nThe so-called \"sea gate\" stays shut.\n",
    );
    let out = briefing()
        .args(["extract", "--explain"])
        .arg(site.path().join("seeds/harbour.txt"))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("speaker: Marta Ilves (rule said_after, confidence 0.95)"),
        "{text}"
    );
    assert!(
        text.contains("not a quote") && text.contains("\"sea gate\""),
        "{text}"
    );
}

fn fifty_thousand_unclosed(sep: &str) -> String {
    let mut text = String::from("Marks left open\n\n");
    for _ in 0..50_000 {
        text.push_str("the reporter says \"this quote never closes");
        text.push_str(sep);
    }
    text
}

#[test]
#[ignore]
fn fifty_thousand_unclosed_quotes_extract_and_check_fast() {
    for sep in ["\n", "\n\n"] {
        let site = site_with(&fifty_thousand_unclosed(sep));
        let file = site.path().join("seeds/harbour.txt");
        let start = Instant::now();
        let out = briefing()
            .args(["extract", "--json"])
            .arg(&file)
            .output()
            .unwrap();
        let took = start.elapsed();
        assert!(out.status.success());
        assert!(took < Duration::from_secs(2), "extract took {took:?}");
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(json[0]["quotes"].as_array().map(Vec::len), Some(0));

        let start = Instant::now();
        let out = briefing().arg("check").arg(site.path()).output().unwrap();
        let took = start.elapsed();
        let text = String::from_utf8_lossy(&out.stdout).to_string()
            + &String::from_utf8_lossy(&out.stderr);
        let head = &text[..text.len().min(2000)];
        assert!(took < Duration::from_secs(4), "check took {took:?}");
        assert!(
            text.contains("seeds/harbour.txt:3: warning: unclosed quotation"),
            "{head}"
        );
        assert!(
            text.contains("49990 more unclosed quotation marks"),
            "{head}"
        );
    }
}

#[test]
fn the_same_quote_is_listed_once_on_an_entity_page() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("seeds")).unwrap();
    for name in ["one", "two"] {
        std::fs::write(
            dir.path().join(format!("seeds/{name}.txt")),
            format!(
                "Harbour wall news {name}\n\nThe council met on Monday to discuss the harbour wall and its cost.\n\n\"The harbour wall will stand for a hundred years,\" said engineer Marta Ilves.\n\nWork starts in May.\n"
            ),
        )
        .unwrap();
    }
    briefing().arg("build").arg(dir.path()).assert().success();
    let page =
        std::fs::read_to_string(dir.path().join("dist/entities/marta-ilves/index.html")).unwrap();
    let quoted = page
        .matches("<blockquote><p>The harbour wall will stand for a hundred years")
        .count();
    assert_eq!(quoted, 1, "{page}");
    let page = std::fs::read_to_string(dir.path().join("dist/briefings/one/index.html")).unwrap();
    assert_eq!(
        page.matches("hundred years</p></blockquote>").count(),
        1,
        "{page}"
    );
    // The speaker of a key quote links to the entity page.
    assert!(
        page.contains(
            "<figcaption><a href=\"../../entities/marta-ilves/index.html\">Marta Ilves</a>"
        ),
        "{page}"
    );
}

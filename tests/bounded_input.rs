//! Work and output stay linear in the input for text that has no sentence
//! ends (issue 25, item 15): long runs of unpunctuated lines and pasted
//! base64. Sizes are asserted, never time.

mod common;

use common::briefing;
use predicates::prelude::*;
use serde_json::Value;

fn extract(file: &std::path::Path) -> (usize, Value) {
    let out = common::extract_json_bytes(file);
    (out.len(), serde_json::from_slice(&out).unwrap())
}

#[test]
fn unpunctuated_lines_give_output_linear_in_the_input() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("list.txt");
    let lines: Vec<String> = (0..3000)
        .map(|i| {
            format!(
                "Stall {i} sells {} crates of pears at the old market by the quay",
                i % 97 + 2
            )
        })
        .collect();
    let text = format!("Market list\n\n{}\n", lines.join("\n"));
    std::fs::write(&file, &text).unwrap();
    let (bytes, json) = extract(&file);
    // Before the fix every figure copied the whole run: 450 MB of JSON.
    assert!(
        bytes < 20 * text.len(),
        "{bytes} bytes of JSON for {} of text",
        text.len()
    );
    for f in json[0]["figures"].as_array().unwrap() {
        assert!(f["sentence"].as_str().unwrap().chars().count() <= 300);
    }
}

#[test]
fn pasted_base64_is_left_out_of_the_text_and_named_by_check() {
    let site = tempfile::tempdir().unwrap();
    std::fs::create_dir(site.path().join("seeds")).unwrap();
    // 2 MB of base64 of varied bytes, wrapped at 76 columns like an email.
    let mut state = 0x2545_f491_u32;
    let raw: Vec<u8> = (0..1_500_000)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            (state >> 24) as u8
        })
        .collect();
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let encoded: String = raw
        .chunks(3)
        .flat_map(|c| {
            let n = c.iter().fold(0u32, |n, b| n << 8 | u32::from(*b)) << (8 * (3 - c.len()));
            (0..4).map(move |k| ALPHABET[(n >> (18 - 6 * k) & 63) as usize] as char)
        })
        .collect();
    let wrapped: Vec<&str> = encoded
        .as_bytes()
        .chunks(76)
        .map(|c| std::str::from_utf8(c).unwrap())
        .collect();
    let text = format!(
        "Board minutes\n\nThe harbour board met on Monday and agreed its budget for the coming year.\n\n{}\n",
        wrapped.join("\n")
    );
    let file = site.path().join("seeds/minutes.txt");
    std::fs::write(&file, &text).unwrap();
    let (bytes, json) = extract(&file);
    assert!(bytes < 1_000_000, "{bytes} bytes of JSON");
    assert_eq!(json[0]["lead"].as_array().unwrap().len(), 1);
    briefing().arg("check").arg(site.path()).assert().stdout(
        predicates::str::contains("seeds/minutes.txt:5")
            .and(predicates::str::contains("encoded data")),
    );
}

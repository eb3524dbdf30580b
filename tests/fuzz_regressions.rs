//! Every input a fuzzer once flagged, replayed through the same checks as
//! its fuzz target (see `fuzz/` and SECURITY.md).

mod common;

use briefing::decode::{Decoded, decode};
use briefing::model::Metadata;
use std::path::Path;

/// Found by `raw_parse`: lines ended by a lone CR. The parser was right to
/// count them as lines; the target's own line count was not. Kept so both
/// stay in step.
#[test]
fn raw_parse_lone_cr_line_endings() {
    let bytes =
        std::fs::read(common::repo().join("tests/fuzz-regressions/raw_parse-lone-cr.bin")).unwrap();
    let Decoded::Text { text, .. } = decode(&bytes) else {
        panic!("the input is text")
    };
    assert!(text.contains('\r'));
    let doc = briefing::parse::raw::parse(Path::new("fuzz.txt"), &text, Metadata::default());
    let lines = text
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .lines()
        .count()
        .max(1);
    assert!(!doc.blocks.is_empty());
    for block in &doc.blocks {
        assert!(
            block.line >= 1 && block.line <= lines + 1,
            "line {} of {lines}",
            block.line
        );
    }
}

//! Any bytes through the decoder and the raw-text parser: no panic, and
//! every block's line number lies inside the input.
#![no_main]

use briefing::decode::{Decoded, decode};
use briefing::model::Metadata;
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Decoded::Text { text, .. } = decode(data) else { return };
    let doc = briefing::parse::raw::parse(Path::new("fuzz.txt"), &text, Metadata::default());
    // CR, LF and CRLF all end a line, as the parser reads them.
    let lines = text.replace("\r\n", "\n").replace('\r', "\n").lines().count().max(1);
    for block in &doc.blocks {
        assert!(block.line >= 1 && block.line <= lines + 1, "line {} of {}", block.line, lines);
    }
});

//! Any text through front-matter splitting and the Markdown parser: an
//! error or a document, never a panic; sanitised HTML never holds a script.
#![no_main]

use briefing::parse::markdown::{HtmlPolicy, parse_with};
use briefing::model::BlockKind;
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|text: &str| {
    if let Ok(doc) = parse_with(Path::new("fuzz.md"), text, HtmlPolicy::Sanitize) {
        for block in &doc.blocks {
            if let BlockKind::Paragraph(p) = &block.kind {
                assert!(!p.html.to_ascii_lowercase().contains("<script"), "{}", p.html);
            }
        }
    }
});

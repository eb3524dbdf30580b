//! Any text as `pdftotext -bbox-layout` output through the PDF layout
//! rules (pdftotext itself is poppler's, fuzzed by poppler): no panic, and
//! every block's line names one of the paragraphs read.
#![no_main]

use briefing::model::{Metadata, SourceFormat::Pdf};
use briefing::parse::converted::{line_out_of_range, to_document};
use briefing::sources::pdf_text::from_layout;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let layout = String::from_utf8_lossy(data);
    if let Ok(c) = from_layout(&layout) {
        let doc = to_document("fuzz.pdf".as_ref(), Pdf, &c, Metadata::default());
        assert_eq!(line_out_of_range(&c, &doc), None);
    }
});

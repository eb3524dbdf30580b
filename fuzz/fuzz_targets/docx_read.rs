//! Any bytes through the docx reader and the document it gives: no
//! panic, and every block's line names one of the paragraphs read.
#![no_main]

use briefing::model::{Metadata, SourceFormat::Docx};
use briefing::parse::converted::{line_out_of_range, to_document};
use briefing::sources::read;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(c) = read(Docx, data) {
        let doc = to_document("fuzz".as_ref(), Docx, &c, Metadata::default());
        assert_eq!(line_out_of_range(&c, &doc), None);
    }
});

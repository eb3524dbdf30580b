//! Raw text parser (stub).
use crate::model::{Document, Metadata, SourceFormat};
use std::path::Path;

pub fn parse(path: &Path, _text: &str, meta: Metadata) -> Document {
    Document {
        source: path.to_path_buf(),
        format: SourceFormat::Raw,
        meta,
        text_date: None,
        blocks: vec![],
    }
}

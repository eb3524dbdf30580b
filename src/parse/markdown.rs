//! Markdown parser (stub).
use crate::error::Result;
use crate::model::{Document, Metadata, SourceFormat};
use std::path::Path;

pub fn parse(path: &Path, _text: &str) -> Result<Document> {
    Ok(Document {
        source: path.to_path_buf(),
        format: SourceFormat::Markdown,
        meta: Metadata::default(),
        text_date: None,
        blocks: vec![],
    })
}

//! Parse stage: turns a loaded [`Source`] into a [`Document`], a flat list of
//! typed blocks (title, headings, paragraphs, captions, credit) in source
//! order. Format-specific knowledge lives here and nowhere else; the
//! format-independent structure (sections, lead, anchors) is built by
//! [`crate::extract`].

pub mod converted;
pub mod markdown;
pub mod meta;
pub mod raw;

use crate::error::Result;
use crate::model::{Document, Source, SourceFormat};

/// Parses one source with the parser its format calls for (raw HTML in
/// Markdown sanitised).
pub fn parse(source: &Source) -> Result<Document> {
    parse_with(source, markdown::HtmlPolicy::default())
}

/// Parses one source, with the site's policy for raw HTML in Markdown.
pub fn parse_with(source: &Source, html: markdown::HtmlPolicy) -> Result<Document> {
    match source.format {
        SourceFormat::Raw => Ok(raw::parse(
            &source.path,
            &source.text,
            source.sidecar.clone().unwrap_or_default(),
        )),
        SourceFormat::Markdown => markdown::parse_with(&source.path, &source.text, html),
        // A page, email, Word file or PDF: its paragraphs through the raw
        // rules, with its markup on top.
        format => Ok(converted::to_document(
            &source.path,
            format,
            source.converted.as_deref().unwrap_or(&Default::default()),
            source.sidecar.clone().unwrap_or_default(),
        )),
    }
}

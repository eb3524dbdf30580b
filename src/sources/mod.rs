//! Sources that arrive as documents rather than as text: saved web pages
//! ([`html`]), email ([`email`]), Word files ([`docx`]) and PDFs with a
//! text layer ([`pdf_text`]). Each reader turns its file into a
//! [`Converted`]: the article's paragraphs in order, each with the markup
//! it came from ([`Origin`]), the metadata the file itself states (title,
//! date, authors, credit), and counts of what was dropped as page
//! furniture. The file is never written to. The parse stage reads a
//! [`Converted`] with the raw-text rules and lays its markup on top
//! (`parse::converted`).

pub mod docx;
pub mod email;
pub mod html;
pub mod pdf_text;

use crate::model::SourceFormat;
pub use crate::model::{Converted, Dropped, LineIndex, Origin, Piece};
use chrono::NaiveDate;

/// Why a document could not be read: said to the user after its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unread {
    /// Broken or not what its name says: the build fails naming it.
    Broken(String),
    /// Readable but holding no text (a scanned PDF): skipped with a warning.
    NoText(String),
}

/// Reads a document of `format` (a page, email, Word file or PDF).
pub fn read(format: SourceFormat, bytes: &[u8]) -> Result<Converted, Unread> {
    let converted = match format {
        SourceFormat::Html => html::read(&as_text(bytes, "web page")?)?,
        SourceFormat::Email => email::read(bytes)?,
        SourceFormat::Docx => docx::read(bytes)?,
        SourceFormat::Pdf => pdf_text::read(bytes)?,
        SourceFormat::Raw | SourceFormat::Markdown => {
            return Err(Unread::Broken("is text, not a document".into()));
        }
    };
    if converted.paragraphs.is_empty() && converted.title.is_none() {
        return Err(Unread::NoText(
            "no article text found in it; skipped (copy the text into a .txt if it is there)"
                .into(),
        ));
    }
    Ok(converted)
}

/// A text document's bytes as text (UTF-8, UTF-16 or Windows-1252).
fn as_text(bytes: &[u8], what: &str) -> Result<String, Unread> {
    match crate::decode::decode(bytes) {
        crate::decode::Decoded::Text { text, .. } => Ok(text),
        crate::decode::Decoded::Empty => Ok(String::new()),
        crate::decode::Decoded::Binary => Err(Unread::Broken(format!(
            "is not a {what} (it holds binary data); check that it is the file you meant"
        ))),
    }
}

/// Normalises whitespace in a run of text: every run of spaces, tabs and
/// line breaks becomes one space, and the ends are trimmed.
pub fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Marks a line break the markup asks for (`<br>`, Word's `w:br`) in text
/// that is still to be collapsed; never in the output.
pub const LINE_BREAK: char = '\u{E000}';

/// [`collapse`] for each line between [`LINE_BREAK`] marks, the lines kept
/// on lines of their own (empty ones dropped), for the raw rules to join
/// or keep as they do for a `.txt`.
pub fn collapse_lines(text: &str) -> String {
    let lines: Vec<String> = text
        .split(LINE_BREAK)
        .map(collapse)
        .filter(|l| !l.is_empty())
        .collect();
    lines.join("\n")
}

/// A date at the start of an ISO 8601 value (`2026-03-04T09:00:00Z`).
pub fn iso_date(value: &str) -> Option<NaiveDate> {
    let head = value.trim().get(..10)?;
    NaiveDate::parse_from_str(head, "%Y-%m-%d").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_breaks_from_markup_are_kept_as_lines() {
        let marked = format!("  one\n two {LINE_BREAK}{LINE_BREAK} three{LINE_BREAK}");
        assert_eq!(collapse_lines(&marked), "one two\nthree");
    }
}

//! Sources that arrive as documents rather than as text: saved web pages
//! ([`html`]), email ([`email`]), Word files ([`docx`]) and PDFs with a
//! text layer ([`pdf_text`]). Each reader turns its file into a
//! [`Converted`]: the article's paragraphs in order, each with the markup
//! it came from ([`Origin`]), the metadata the file itself states (title,
//! date, authors, credit), and counts of what was dropped as page
//! furniture. The file is never written to.
//!
//! [`to_document`] then reads those paragraphs with the raw-text rules
//! ([`crate::parse::raw`]), so a page gives the same [`Document`] as a
//! `.txt` of the same article (bylines, date lines, datelines, residue,
//! quotations and question headings are found the same way), and lays what
//! the markup says on top, in this order:
//!
//! 1. **Metadata precedence.** The sidecar `NAME.toml` wins, field by
//!    field; then what the file states (`og:title`, JSON-LD, the Subject
//!    and Date headers, Word's core properties); then the text rules; then
//!    a fallback date (when a Word file was created).
//! 2. **Title.** A title the document shows (an `<h1>`, Word's Title
//!    style, an email's Subject, the largest type on a PDF's first page)
//!    becomes the `Title` block (rule `markup title: …`); the text rules
//!    then look for no headline. A title only stated about it (JSON-LD,
//!    `og:title`, `<title>`, document properties) is used when the text
//!    rules find no headline either.
//! 3. **Headings.** A paragraph from a heading element (`<h2>`-`<h4>`, a
//!    Word `Heading` style, a PDF line in a larger font) is a heading at its
//!    element's level (rule `markup heading`), even where the text rules
//!    would have read it as prose; one the text rules made a metadata line
//!    (a byline in an `<h3>`) stays one.
//! 4. **Captions.** A paragraph from a `<figcaption>` is a caption (rule
//!    `markup caption`), with the credit the caption rule finds in it.
//!
//! Line numbers of these sources count the paragraphs read from the file
//! (line 3 is the third paragraph), since a page's own lines say little
//! ([`Converted::line_index`]).

pub mod docx;
pub mod email;
pub mod html;
pub mod pdf_text;

use crate::model::{Block, BlockKind, Caption, Document, Metadata, SourceFormat};
use chrono::NaiveDate;
use std::path::Path;

/// What a reader made of a document: its paragraphs and metadata.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Converted {
    pub paragraphs: Vec<Piece>,
    /// The title the document shows (an `<h1>`, Word's Title style, an
    /// email's Subject), and where it was found.
    pub title: Option<(String, &'static str)>,
    /// A title only stated about it (`og:title`, `<title>`, document
    /// properties): used when neither `title` nor the text rules give one.
    pub fallback_title: Option<(String, &'static str)>,
    pub date: Option<NaiveDate>,
    /// A date used only when the text gives none (a Word file's creation).
    pub fallback_date: Option<NaiveDate>,
    pub authors: Vec<String>,
    pub credit: Option<String>,
    /// Lines dropped (page furniture, forwarded headers, running heads), by
    /// the rule that dropped them.
    pub dropped: Vec<Dropped>,
    /// Things an editor should know that are not text: attachments listed,
    /// parts left out.
    pub notes: Vec<String>,
}

/// One paragraph of text and the markup it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Piece {
    pub text: String,
    pub origin: Origin,
}

/// What kind of element a paragraph came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// A paragraph, a list item, a table row, a quotation: read as text.
    Text,
    /// A heading element (`<h2>` is level 2, `<h3>` and `<h4>` level 3).
    Heading(u8),
    /// A figure caption.
    Caption,
}

/// The first line of each paragraph in a converted text.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// The paragraph (1-based) that line `line` (1-based) is in.
    pub fn paragraph(&self, line: usize) -> usize {
        self.starts.partition_point(|&start| start <= line).max(1)
    }
}

/// How much one rule dropped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dropped {
    /// The rule's name, as listed in its reader's module doc.
    pub rule: &'static str,
    /// Lines of text it dropped (elements, for scripts and styles).
    pub count: usize,
}

impl Converted {
    /// Adds `count` to what `rule` dropped, keeping rules in first-seen order.
    pub fn drop_lines(&mut self, rule: &'static str, count: usize) {
        if count == 0 {
            return;
        }
        match self.dropped.iter_mut().find(|d| d.rule == rule) {
            Some(d) => d.count += count,
            None => self.dropped.push(Dropped { rule, count }),
        }
    }

    /// The paragraphs as text, one per paragraph between blank lines: what
    /// the raw rules read, and what `Source::text` holds.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for piece in &self.paragraphs {
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            out.push_str(&piece.text);
        }
        out
    }

    /// Where each paragraph starts in [`Converted::text`]: a paragraph may
    /// hold several lines (hard-wrapped email text).
    pub fn line_index(&self) -> LineIndex {
        let mut starts = Vec::with_capacity(self.paragraphs.len());
        let mut line = 1;
        for piece in &self.paragraphs {
            starts.push(line);
            line += piece.text.matches('\n').count() + 2;
        }
        LineIndex { starts }
    }

    /// One line for `check`: what was dropped and listed, or `None` when
    /// nothing was.
    pub fn report(&self) -> Option<String> {
        let mut parts: Vec<String> = Vec::new();
        let lines: usize = self.dropped.iter().map(|d| d.count).sum();
        if lines > 0 {
            let each: Vec<String> = self
                .dropped
                .iter()
                .map(|d| format!("{} {}", d.rule, d.count))
                .collect();
            parts.push(format!("{lines} line(s) dropped ({})", each.join(", ")));
        }
        parts.extend(self.notes.iter().cloned());
        (!parts.is_empty()).then(|| parts.join("; "))
    }
}

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

/// Reads a converted source with the raw-text rules and the markup on top
/// (rules 1-4 of the module doc).
pub fn to_document(
    path: &Path,
    format: SourceFormat,
    converted: &Converted,
    sidecar: Metadata,
) -> Document {
    let text = converted.text();
    let markup_title = converted.title.as_ref().filter(|_| sidecar.title.is_none());
    // Rule 2: with a title of its own, the text rules look for no headline.
    let mut for_rules = sidecar.clone();
    if let Some((title, _)) = markup_title {
        for_rules.title = Some(title.clone());
    }
    let mut doc = crate::parse::raw::parse(path, &text, for_rules);
    let lines = converted.line_index();
    doc.format = format;
    // Rule 1: sidecar, then the file's own metadata, then the text rules.
    doc.meta = sidecar;
    if doc.meta.authors.is_empty() {
        doc.meta.authors = converted.authors.clone();
    }
    if doc.meta.credit.is_none() {
        doc.meta.credit = converted.credit.clone();
    }
    if converted.date.is_some() {
        doc.text_date = converted.date;
    }
    if doc.text_date.is_none() {
        doc.text_date = converted.fallback_date;
    }
    for block in &mut doc.blocks {
        let k = lines.paragraph(block.line);
        block.line = k;
        let Some(piece) = converted.paragraphs.get(k.wrapping_sub(1)) else {
            continue;
        };
        overlay(block, piece.origin);
    }
    let has_title = |doc: &Document| {
        doc.blocks
            .iter()
            .any(|b| matches!(b.kind, BlockKind::Title { .. }))
    };
    let markup_title = markup_title.or_else(|| {
        converted
            .fallback_title
            .as_ref()
            .filter(|_| doc.meta.title.is_none() && !has_title(&doc))
    });
    if let Some((title, from)) = markup_title {
        doc.blocks.insert(
            0,
            Block {
                line: 1,
                kind: BlockKind::Title {
                    text: title.clone(),
                },
                rule: from,
            },
        );
    }
    doc
}

/// The first block of `doc` whose line names no paragraph of `converted`
/// (the property the fuzz targets and `tests/sources.rs` check).
pub fn line_out_of_range(converted: &Converted, doc: &Document) -> Option<usize> {
    let paragraphs = converted.paragraphs.len().max(1);
    doc.blocks
        .iter()
        .map(|b| b.line)
        .find(|line| !(1..=paragraphs).contains(line))
}

/// Rules 3 and 4: a heading or caption element wins over the text rules.
fn overlay(block: &mut Block, origin: Origin) {
    let text = match &block.kind {
        BlockKind::Paragraph(p) => p.text.clone(),
        BlockKind::Heading { text, .. } | BlockKind::Title { text } => text.clone(),
        BlockKind::Caption(c) if origin == Origin::Caption => {
            block.rule = "markup caption";
            return;
        }
        _ => return,
    };
    match origin {
        Origin::Heading(level) => {
            block.kind = BlockKind::Heading { text, level };
            block.rule = "markup heading";
        }
        Origin::Caption => {
            block.kind = BlockKind::Caption(Caption { text, credit: None });
            block.rule = "markup caption";
        }
        Origin::Text => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn piece(text: &str, origin: Origin) -> Piece {
        Piece {
            text: text.to_string(),
            origin,
        }
    }

    fn page_doc(c: &Converted) -> Document {
        to_document(
            Path::new("a.html"),
            SourceFormat::Html,
            c,
            Metadata::default(),
        )
    }

    fn converted(pieces: Vec<Piece>) -> Converted {
        Converted {
            paragraphs: pieces,
            ..Converted::default()
        }
    }

    const BODY: &str =
        "The council voted on Tuesday to keep the night ferry running through the winter months.";

    #[test]
    fn metadata_precedence_sidecar_then_markup_then_text() {
        let mut c = converted(vec![
            piece("Published 3 March 2026", Origin::Text),
            piece(BODY, Origin::Text),
        ]);
        c.date = iso_date("2026-03-04T08:00:00Z");
        c.authors = vec!["Ada Marsh".into()];
        let sidecar = Metadata {
            authors: vec!["Desk".into()],
            ..Metadata::default()
        };
        let doc = to_document(Path::new("a.html"), SourceFormat::Html, &c, sidecar);
        assert_eq!(doc.text_date, NaiveDate::from_ymd_opt(2026, 3, 4));
        assert_eq!(doc.meta.authors, ["Desk"]);
        assert_eq!(doc.format, SourceFormat::Html);
    }

    #[test]
    fn title_from_markup_becomes_the_title_block_unless_the_sidecar_has_one() {
        let mut c = converted(vec![piece(BODY, Origin::Text)]);
        c.title = Some(("Ferry kept running".into(), "markup title: <h1>"));
        let doc = page_doc(&c);
        assert_eq!(
            doc.blocks[0].kind,
            BlockKind::Title {
                text: "Ferry kept running".into()
            }
        );
        assert_eq!(doc.blocks[0].rule, "markup title: <h1>");
        let sidecar = Metadata {
            title: Some("Edited".into()),
            ..Metadata::default()
        };
        let doc = to_document(Path::new("a.html"), SourceFormat::Html, &c, sidecar);
        assert!(
            !doc.blocks
                .iter()
                .any(|b| matches!(b.kind, BlockKind::Title { .. }))
        );
    }

    #[test]
    fn title_stated_about_the_document_yields_to_a_headline_in_the_text() {
        let mut c = converted(vec![
            piece("Ferry kept on through the winter", Origin::Text),
            piece(BODY, Origin::Text),
        ]);
        c.fallback_title = Some(("Gazette page".into(), "markup title: <title>"));
        let doc = page_doc(&c);
        let titles: Vec<(&BlockKind, &str)> = doc
            .blocks
            .iter()
            .filter(|b| matches!(b.kind, BlockKind::Title { .. }))
            .map(|b| (&b.kind, b.rule))
            .collect();
        let headline = BlockKind::Title {
            text: "Ferry kept on through the winter".into(),
        };
        assert_eq!(titles, [(&headline, "9 headline")]);
        // Without a headline in the text, the stated title is used.
        c.paragraphs.remove(0);
        let doc = page_doc(&c);
        assert_eq!(doc.blocks[0].rule, "markup title: <title>");
    }

    #[test]
    fn heading_element_wins_over_the_text_rules() {
        let c = converted(vec![
            piece(BODY, Origin::Text),
            piece("The vote, and what the crews said", Origin::Heading(3)),
            piece(BODY, Origin::Text),
        ]);
        let doc = page_doc(&c);
        let heading = doc
            .blocks
            .iter()
            .find(|b| b.rule == "markup heading")
            .expect("a heading");
        assert_eq!(
            heading.kind,
            BlockKind::Heading {
                text: "The vote, and what the crews said".into(),
                level: 3
            }
        );
        assert_eq!(heading.line, 2, "lines count paragraphs");
    }

    #[test]
    fn figcaption_becomes_a_caption() {
        let c = converted(vec![
            piece(BODY, Origin::Text),
            piece("The night ferry at its berth", Origin::Caption),
        ]);
        let doc = page_doc(&c);
        assert!(doc.blocks.iter().any(|b| b.rule == "markup caption"
            && matches!(&b.kind, BlockKind::Caption(c) if c.text == "The night ferry at its berth")));
    }

    #[test]
    fn line_breaks_from_markup_are_kept_as_lines() {
        let marked = format!("  one\n two {LINE_BREAK}{LINE_BREAK} three{LINE_BREAK}");
        assert_eq!(collapse_lines(&marked), "one two\nthree");
    }

    #[test]
    fn lines_of_the_text_map_to_their_paragraph() {
        let c = converted(vec![
            piece("one", Origin::Text),
            piece("two\nwrapped\nthree times", Origin::Text),
            piece("three", Origin::Text),
        ]);
        let index = c.line_index();
        let got: Vec<usize> = (1..=7).map(|l| index.paragraph(l)).collect();
        assert_eq!(got, [1, 1, 2, 2, 2, 2, 3]);
    }

    #[test]
    fn report_names_rules_and_notes() {
        let mut c = Converted::default();
        assert_eq!(c.report(), None);
        c.drop_lines("navigation", 3);
        c.drop_lines("share widget", 2);
        c.drop_lines("navigation", 1);
        c.notes.push("attachment listed, not read: plan.pdf".into());
        assert_eq!(
            c.report().as_deref(),
            Some(
                "6 line(s) dropped (navigation 4, share widget 2); attachment listed, not read: plan.pdf"
            )
        );
    }
}

//! A document read by a `sources` reader ([`Converted`]: paragraphs with
//! the markup they came from, and what the file states about itself), as a
//! [`Document`]. [`to_document`] reads those paragraphs with the raw-text rules
//! ([`super::raw`]), so a page gives the same [`Document`] as a
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

use crate::model::{
    Block, BlockKind, Caption, Converted, Document, Metadata, Origin, SourceFormat,
};
use std::path::Path;

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
    let mut doc = super::raw::parse(path, &text, for_rules);
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
    use crate::model::Piece;
    use chrono::NaiveDate;

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
        c.date = NaiveDate::from_ymd_opt(2026, 3, 4);
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
}

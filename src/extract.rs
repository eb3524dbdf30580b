//! Extract stage: turns a parsed [`Document`] into a [`Briefing`], the
//! format-independent structure a reader needs: title, slug, date, credit,
//! lead, question and statement sections with anchors and short answers,
//! captions. Explicit metadata (front matter or sidecar) always wins over
//! what is inferred from the text.
//!
//! Title rule, first that applies: the metadata title; the document's own
//! headline (a `Title` block); the file name when it reads as words
//! (`rail-strike-explained.txt` -> "Rail strike explained"); otherwise the
//! lead's first sentence, cut at a word boundary to at most
//! [`MAX_INFERRED_TITLE_CHARS`] characters with an ellipsis.

pub mod entities;
pub mod figures;
pub mod gazetteer;
pub mod names;
pub mod quote_marks;
pub mod quotes;
pub mod speech;

use crate::error::{Error, Result};
use crate::model::{Block, BlockKind, Briefing, Document, Paragraph, Section, SectionKind};
use crate::text::{UniqueIds, first_sentence, slugify};
use std::path::Path;

/// Longest title inferred from body text, so a title never reads as a paragraph.
pub const MAX_INFERRED_TITLE_CHARS: usize = 80;

/// Builds the briefing for one document.
pub fn extract(doc: &Document) -> Result<Briefing> {
    let mut lead = Vec::new();
    let mut sections: Vec<Section> = Vec::new();
    let mut captions = Vec::new();
    let mut headline = None;
    let mut text_credit = None;
    let mut anchors = UniqueIds::default();

    for Block { line, kind } in &doc.blocks {
        match kind {
            BlockKind::Title { text } => headline = Some(text.clone()),
            BlockKind::Heading { text, level } => {
                let kind = if is_question(text) {
                    SectionKind::Question
                } else {
                    SectionKind::Statement
                };
                sections.push(Section {
                    heading: text.clone(),
                    kind,
                    level: *level,
                    anchor: unique_anchor(text, &mut anchors),
                    short_answer: None,
                    paragraphs: Vec::new(),
                    line: *line,
                });
            }
            BlockKind::Paragraph(p) => match sections.last_mut() {
                Some(section) => section.paragraphs.push(p.clone()),
                None => lead.push(p.clone()),
            },
            BlockKind::Caption(c) => captions.push(c.clone()),
            BlockKind::Credit { text } => text_credit = Some(text.clone()),
        }
    }

    for section in sections
        .iter_mut()
        .filter(|s| s.kind == SectionKind::Question)
    {
        section.short_answer = doc
            .meta
            .short_answers
            .get(&section.heading)
            .or_else(|| doc.meta.short_answers.get(&section.anchor))
            .cloned()
            .or_else(|| section.paragraphs.first().map(|p| first_sentence(&p.text)))
            .filter(|answer| !answer.is_empty());
    }

    let title = doc
        .meta
        .title
        .clone()
        .or(headline)
        .or_else(|| title_from_file_name(&doc.source))
        .or_else(|| {
            lead.first()
                .map(|p: &Paragraph| shorten_title(&first_sentence(&p.text)))
        })
        .or_else(|| sections.first().map(|s| s.heading.clone()))
        .unwrap_or_else(|| file_stem(&doc.source));

    let units: Vec<&str> = crate::model::text_units(&captions, &lead, &sections)
        .into_iter()
        .map(|(_, text)| text)
        .collect();
    // Tokenized once, shared by the three extractors.
    let units = names::analyse(&units);
    let entities = entities::find_entities_in(&units);
    let quotations = quotes::find_quotations_in(&units, &entities);
    let figures = figures::find_figures_in(&units);

    Ok(Briefing {
        entities,
        quotes: quotations.quotes,
        terms: quotations.terms,
        figures,
        slug: slug_for(doc)?,
        source: doc.source.clone(),
        format: doc.format,
        title,
        date: doc.meta.date.or(doc.text_date),
        credit: doc.meta.credit.clone().or(text_credit),
        summary: doc.meta.summary.clone(),
        tags: doc.meta.tags.clone(),
        lead,
        sections,
        captions,
    })
}

/// A heading asks a question when it ends in `?` (closing quotes aside).
pub fn is_question(heading: &str) -> bool {
    heading
        .trim_end()
        .trim_end_matches(['"', '\'', '\u{201D}', '\u{2019}', ')'])
        .ends_with('?')
}

fn unique_anchor(heading: &str, taken: &mut UniqueIds) -> String {
    match slugify(heading) {
        s if s.is_empty() => taken.claim("section"),
        s => taken.claim(&s),
    }
}

fn file_stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default()
}

/// The slug from metadata (checked) or from the file name.
fn slug_for(doc: &Document) -> Result<String> {
    if let Some(slug) = &doc.meta.slug {
        let valid = !slug.is_empty()
            && slug
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
            && !slug.starts_with(['-', '_']);
        if !valid {
            return Err(Error::BadSlug {
                path: doc.source.clone(),
                slug: slug.clone(),
            });
        }
        return Ok(slug.clone());
    }
    let stem = file_stem(&doc.source).replace('_', "-");
    Ok(match slugify(&stem) {
        s if s.is_empty() => "briefing".to_string(),
        s => s,
    })
}

/// A file name reads as a title when it has at least two words of letters
/// (`north-korea_troops.txt`), not when it is an id (`000_374a94.txt`).
fn title_from_file_name(path: &Path) -> Option<String> {
    let stem = file_stem(path);
    let words: Vec<&str> = stem
        .split(['-', '_', ' '])
        .filter(|w| !w.is_empty())
        .collect();
    let wordy = words.len() >= 2
        && words
            .iter()
            .all(|w| w.chars().all(|c| c.is_alphabetic()) || w.chars().all(|c| c.is_ascii_digit()))
        && words
            .iter()
            .filter(|w| w.chars().all(char::is_alphabetic))
            .count()
            >= 2;
    if !wordy {
        return None;
    }
    let mut title = words.join(" ");
    if let Some(first) = title.get(..1) {
        title = first.to_uppercase() + &title[1..];
    }
    Some(title)
}

/// Cuts a sentence to a readable title: the whole sentence if short enough,
/// else up to the last word boundary before the limit, with an ellipsis.
fn shorten_title(sentence: &str) -> String {
    let sentence = sentence.trim().trim_end_matches(['.', '!']);
    if sentence.chars().count() <= MAX_INFERRED_TITLE_CHARS {
        return sentence.to_string();
    }
    let mut cut = String::new();
    for word in sentence.split_whitespace() {
        if cut.chars().count() + word.chars().count() + 1 > MAX_INFERRED_TITLE_CHARS - 1 {
            break;
        }
        if !cut.is_empty() {
            cut.push(' ');
        }
        cut.push_str(word);
    }
    let cut = cut
        .trim_end_matches([',', ';', ':', '-', '\u{2014}', '\u{2013}'])
        .trim_end();
    format!("{cut}\u{2026}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Caption, Metadata, SourceFormat};
    use std::path::PathBuf;

    fn para(text: &str) -> BlockKind {
        BlockKind::Paragraph(Paragraph {
            text: text.into(),
            html: text.into(),
        })
    }

    fn heading(text: &str, level: u8) -> BlockKind {
        BlockKind::Heading {
            text: text.into(),
            level,
        }
    }

    fn doc(name: &str, meta: Metadata, kinds: Vec<BlockKind>) -> Document {
        Document {
            source: PathBuf::from(name),
            format: SourceFormat::Raw,
            meta,
            text_date: None,
            blocks: kinds
                .into_iter()
                .enumerate()
                .map(|(i, kind)| Block { line: i + 1, kind })
                .collect(),
        }
    }

    #[test]
    fn paragraphs_before_first_heading_are_the_lead() {
        let b = extract(&doc(
            "a.txt",
            Metadata::default(),
            vec![
                para("One."),
                para("Two."),
                heading("Why?", 2),
                para("Because."),
            ],
        ))
        .unwrap();
        assert_eq!(b.lead.len(), 2);
        assert_eq!(b.sections[0].paragraphs.len(), 1);
    }

    #[test]
    fn question_heading_gets_first_sentence_as_short_answer() {
        let b = extract(&doc(
            "a.txt",
            Metadata::default(),
            vec![heading("Why now?", 2), para("Prices fell. Then more.")],
        ))
        .unwrap();
        assert_eq!(b.sections[0].kind, SectionKind::Question);
        assert_eq!(b.sections[0].short_answer.as_deref(), Some("Prices fell."));
    }

    #[test]
    fn statement_heading_has_no_short_answer() {
        let b = extract(&doc(
            "a.txt",
            Metadata::default(),
            vec![heading("Markets react", 2), para("Shares fell.")],
        ))
        .unwrap();
        assert_eq!(b.sections[0].kind, SectionKind::Statement);
        assert_eq!(b.sections[0].short_answer, None);
    }

    #[test]
    fn editor_short_answer_overrides_first_sentence() {
        let mut meta = Metadata::default();
        meta.short_answers
            .insert("Why now?".into(), "Because inflation eased.".into());
        let b = extract(&doc(
            "a.txt",
            meta,
            vec![heading("Why now?", 2), para("Prices fell.")],
        ))
        .unwrap();
        assert_eq!(
            b.sections[0].short_answer.as_deref(),
            Some("Because inflation eased.")
        );
    }

    #[test]
    fn short_answer_can_be_keyed_by_anchor() {
        let mut meta = Metadata::default();
        meta.short_answers
            .insert("why-now".into(), "Edited.".into());
        let b = extract(&doc(
            "a.txt",
            meta,
            vec![heading("Why now?", 2), para("Prices fell.")],
        ))
        .unwrap();
        assert_eq!(b.sections[0].short_answer.as_deref(), Some("Edited."));
    }

    #[test]
    fn repeated_headings_get_unique_anchors() {
        let b = extract(&doc(
            "a.txt",
            Metadata::default(),
            vec![
                heading("Why?", 2),
                para("A."),
                heading("Why?", 2),
                para("B."),
            ],
        ))
        .unwrap();
        assert_eq!(b.sections[0].anchor, "why");
        assert_eq!(b.sections[1].anchor, "why-2");
    }

    #[test]
    fn question_with_closing_quote_is_still_a_question() {
        assert!(is_question("Is it \u{201C}fair game?\u{201D}"));
        assert!(!is_question("Officials warn of a longer war"));
    }

    #[test]
    fn metadata_wins_over_inferred_fields() {
        let meta = Metadata {
            title: Some("Edited".into()),
            date: chrono::NaiveDate::from_ymd_opt(2025, 1, 2),
            slug: Some("my-slug".into()),
            credit: Some("Desk".into()),
            ..Metadata::default()
        };
        let mut d = doc(
            "a.txt",
            meta,
            vec![
                BlockKind::Title {
                    text: "Headline".into(),
                },
                para("Body."),
                BlockKind::Credit {
                    text: "AP/AFP".into(),
                },
            ],
        );
        d.text_date = chrono::NaiveDate::from_ymd_opt(2020, 5, 5);
        let b = extract(&d).unwrap();
        assert_eq!(
            (b.title.as_str(), b.slug.as_str(), b.credit.as_deref()),
            ("Edited", "my-slug", Some("Desk"))
        );
        assert_eq!(b.date.unwrap().to_string(), "2025-01-02");
    }

    #[test]
    fn headline_block_is_the_title_without_metadata() {
        let b = extract(&doc(
            "x1.txt",
            Metadata::default(),
            vec![
                BlockKind::Title {
                    text: "Rail strike ends".into(),
                },
                para("Body."),
            ],
        ))
        .unwrap();
        assert_eq!(b.title, "Rail strike ends");
    }

    #[test]
    fn wordy_file_name_gives_the_title() {
        let b = extract(&doc(
            "seeds/rail-strike_explained.txt",
            Metadata::default(),
            vec![para(
                "Trains stopped on Monday across the whole network, unions said.",
            )],
        ))
        .unwrap();
        assert_eq!(b.title, "Rail strike explained");
    }

    #[test]
    fn id_like_file_name_falls_back_to_a_shortened_first_sentence() {
        let long = "Earlier this month, the regional council voted by a narrow margin to close three of the five rural bus routes that serve the valley towns, citing costs. More follows.";
        let b = extract(&doc(
            "seeds/001_9f8e7d.txt",
            Metadata::default(),
            vec![para(long)],
        ))
        .unwrap();
        assert!(
            b.title.chars().count() <= MAX_INFERRED_TITLE_CHARS,
            "{}",
            b.title
        );
        assert!(
            b.title
                .starts_with("Earlier this month, the regional council")
                && b.title.ends_with('\u{2026}'),
            "{}",
            b.title
        );
    }

    #[test]
    fn short_first_sentence_is_a_whole_title() {
        let b = extract(&doc(
            "seeds/0001.txt",
            Metadata::default(),
            vec![para("Floods closed the bridge. Repairs start soon.")],
        ))
        .unwrap();
        assert_eq!(b.title, "Floods closed the bridge");
    }

    #[test]
    fn slug_comes_from_file_name_with_underscores_as_hyphens() {
        let b = extract(&doc(
            "seeds/000_ABC.txt",
            Metadata::default(),
            vec![para("x")],
        ))
        .unwrap();
        assert_eq!(b.slug, "000-abc");
    }

    #[test]
    fn slug_from_metadata_must_be_url_safe() {
        let meta = Metadata {
            slug: Some("../escape".into()),
            ..Metadata::default()
        };
        let err = extract(&doc("a.txt", meta, vec![para("x")]))
            .unwrap_err()
            .to_string();
        assert!(err.contains("a.txt") && err.contains("../escape"), "{err}");
    }

    #[test]
    fn captions_and_credit_are_collected() {
        let b = extract(&doc(
            "a.txt",
            Metadata::default(),
            vec![
                BlockKind::Caption(Caption {
                    text: "A view.".into(),
                    credit: Some("Wire".into()),
                }),
                para("Body."),
                BlockKind::Credit {
                    text: "ABC/Reuters".into(),
                },
            ],
        ))
        .unwrap();
        assert_eq!(b.captions.len(), 1);
        assert_eq!(b.credit.as_deref(), Some("ABC/Reuters"));
    }
}

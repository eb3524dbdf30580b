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
use crate::model::{
    Block, BlockKind, Briefing, Document, MetaLine, MetaRole, Paragraph, Section, SectionKind,
};
use crate::text::{UniqueIds, first_sentence, slugify};
use chrono::NaiveDate;
use std::path::Path;

/// Longest title inferred from body text, so a title never reads as a paragraph.
pub const MAX_INFERRED_TITLE_CHARS: usize = 80;

/// Each question's short answer: the one the metadata gives (by heading
/// or anchor), else the first sentence of its first paragraph, marked as
/// guessed.
fn short_answers(sections: &mut [Section], doc: &Document) {
    for section in sections
        .iter_mut()
        .filter(|s| s.kind == SectionKind::Question)
    {
        let edited = doc
            .meta
            .short_answers
            .get(&section.heading)
            .or_else(|| doc.meta.short_answers.get(&section.anchor))
            .cloned();
        section.answer_guessed = edited.is_none();
        section.short_answer = edited
            .or_else(|| section.paragraphs.first().map(|p| first_sentence(&p.text)))
            .filter(|answer| !answer.is_empty());
        section.answer_guessed &= section.short_answer.is_some();
    }
}

/// The title: the metadata's, else the headline, else one made from the
/// file name, the first sentence of the lead or the first heading.
fn title_of(
    doc: &Document,
    headline: Option<String>,
    lead: &[Paragraph],
    sections: &[Section],
) -> String {
    doc.meta
        .title
        .clone()
        .or(headline)
        .or_else(|| title_from_file_name(&doc.source))
        .or_else(|| {
            lead.first()
                .map(|p: &Paragraph| shorten_title(&first_sentence(&p.text)))
        })
        .or_else(|| sections.first().map(|s| s.heading.clone()))
        .unwrap_or_else(|| file_stem(&doc.source))
}

/// Builds the briefing for one document.
/// The entities the text names, and the dateline's place.
fn entities_with_dateline(
    units: &[names::Unit],
    dateline: Option<&str>,
) -> Vec<crate::model::Entity> {
    let mut entities = entities::find_entities_in(units);
    if let Some(place) = dateline {
        add_dateline_places(&mut entities, place);
    }
    entities
}

/// The briefing's authors and the names its closing credit gives
/// ([`credit_names`]) as byline people ([`add_byline_person`]); the bodies
/// of the credit and of a byline's or dateline's agency (`agency_bodies`,
/// counted even when a closing "Reporting by ..." is the credit shown) as
/// organisations.
fn add_credited_people(b: &mut Briefing, agency_bodies: &[String]) {
    let last_paragraph = b
        .sections
        .iter()
        .rev()
        .find_map(|s| s.paragraphs.last())
        .or(b.lead.last())
        .map(|p| p.text.clone());
    let credited: Vec<String> = b
        .authors
        .iter()
        .cloned()
        .chain(b.credit.iter().flat_map(|c| credit_names(c)))
        .chain(last_paragraph.iter().flat_map(|p| credit_names(p)))
        .collect();
    for name in &credited {
        add_byline_person(&mut b.entities, name);
    }
    let bodies: Vec<String> = b.credit.iter().flat_map(|c| credit_bodies(c)).collect();
    for body in bodies.iter().chain(agency_bodies) {
        add_credited_body(&mut b.entities, body);
    }
}

/// The bodies a dateline's or closing credit names: `(Reuters)`,
/// `ABC/Reuters`, `AP and AFP`, each part a known organisation or an
/// organisation's acronym ([`entities::credited_body`]); parts that are
/// names of people are left to [`credit_names`].
fn credit_bodies(credit: &str) -> Vec<String> {
    credit
        .split(['/', ',', '&', ';'])
        .flat_map(|part| part.split(" and "))
        .map(|part| part.trim().trim_matches(['(', ')', '.']).trim())
        .filter_map(entities::credited_body)
        .collect()
}

/// Sign-off words of a closing credit, each before the names it credits.
const CREDIT_OPENERS: &[&str] = &[
    "reporting by ",
    "writing by ",
    "written by ",
    "editing by ",
    "edited by ",
    "compiled by ",
];

/// Credit names: the people a closing credit names, `(Reporting by X in
/// New York and Y; Editing by Z)`, `Additional reporting by X`: each
/// `;` part holding a sign-off word, its names split at `and` and `,`,
/// a trailing `in CITY` dropped; a name is two to four capitalised words.
/// `... writer X contributed ...` credits X.
fn credit_names(text: &str) -> Vec<String> {
    let text = text
        .trim()
        .trim_start_matches('(')
        .trim_end_matches(['.', ')']);
    let mut names = Vec::new();
    for part in text.split(';') {
        let lower = part.to_ascii_lowercase();
        // `Associated Press writer X contributed from Y`.
        let contributed = lower.find(" contributed").and_then(|end| {
            let at = lower[..end].rfind("writer ").map(|i| i + "writer ".len())?;
            part.get(at..end)
        });
        let Some(rest) = contributed.or_else(|| {
            let at = CREDIT_OPENERS
                .iter()
                .filter_map(|o| lower.find(o).map(|i| i + o.len()))
                .min()?;
            part.get(at..)
        }) else {
            continue;
        };
        for name in rest.split(" and ").flat_map(|n| n.split(',')) {
            let name = name.split(" in ").next().unwrap_or_default().trim();
            let words = name.split_whitespace().count();
            if (2..=4).contains(&words)
                && name
                    .split_whitespace()
                    .all(|w| w.chars().next().is_some_and(char::is_uppercase))
            {
                names.push(name.to_string());
            }
        }
    }
    names
}

/// Byline people: an author or credited name is a person of the briefing
/// (evidence `byline`), merged with the same person the text names.
fn add_byline_person(entities: &mut Vec<crate::model::Entity>, name: &str) {
    add_credited(entities, name, crate::model::EntityKind::Person, "byline");
}

/// A credited body is an organisation of the briefing (evidence
/// `credit`), merged with the same body the text names.
fn add_credited_body(entities: &mut Vec<crate::model::Entity>, name: &str) {
    add_credited(
        entities,
        name,
        crate::model::EntityKind::Organization,
        "credit",
    );
}

/// An entity of the briefing that its metadata names (`evidence`), merged
/// with the entity of that kind and name the text names, if any.
fn add_credited(
    entities: &mut Vec<crate::model::Entity>,
    name: &str,
    kind: crate::model::EntityKind,
    evidence: &'static str,
) {
    use crate::model::Entity;
    if let Some(e) = entities
        .iter_mut()
        .find(|e| e.kind == kind && (e.name == name || e.aliases.iter().any(|a| a == name)))
    {
        if !e.evidence.contains(&evidence) {
            e.evidence.push(evidence);
        }
        return;
    }
    entities.push(Entity {
        name: name.to_string(),
        kind,
        aliases: vec![],
        role: None,
        mentions: vec![],
        evidence: vec![evidence],
        confidence: entities::rule_confidence("known_name"),
    });
}

/// Dateline places: the whole dateline when it is a known place
/// ([`entities::add_dateline_place`]); else its region when known
/// (`Northern Ireland` of `Enniskillen, Northern Ireland`) and its city,
/// which the dateline's shape (capitals before the dash that opens the
/// story) names as a place though no gazetteer knows it.
fn add_dateline_places(entities: &mut Vec<crate::model::Entity>, dateline: &str) {
    use crate::model::{Entity, EntityKind};
    let names = |entities: &[Entity], name: &str| {
        entities
            .iter()
            .any(|e| e.name == name || e.aliases.iter().any(|a| a == name))
    };
    let dateline = dateline.trim();
    // "SAN FRANCISCO/PARIS": one story filed from two places.
    if dateline.contains('/') {
        for place in dateline.split('/') {
            add_dateline_places(entities, place);
        }
        return;
    }
    entities::add_dateline_place(entities, dateline);
    if names(entities, dateline) {
        return;
    }
    let (city, region) = match dateline.split_once(',') {
        Some((city, region)) => (city.trim(), Some(region.trim())),
        None => (dateline, None),
    };
    if let Some(region) = region {
        entities::add_dateline_place(entities, region);
    }
    if !city.is_empty() && !names(entities, city) {
        entities.push(Entity {
            name: city.to_string(),
            kind: EntityKind::Place,
            aliases: vec![],
            role: None,
            mentions: vec![],
            evidence: vec!["dateline"],
            confidence: entities::rule_confidence("known_name"),
        });
    }
}

pub fn extract(doc: &Document) -> Result<Briefing> {
    let mut lead = Vec::new();
    let mut sections: Vec<Section> = Vec::new();
    let mut captions = Vec::new();
    let mut headline = None;
    let mut text_credit = None;
    let mut text_authors: Vec<String> = Vec::new();
    let mut agency = None;
    let mut dateline = None;
    let mut meta_lines = Vec::new();
    let mut anchors = UniqueIds::default();

    for Block { line, kind, .. } in &doc.blocks {
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
                    answer_guessed: false,
                    paragraphs: Vec::new(),
                    line: *line,
                    speaker: None,
                });
            }
            BlockKind::Paragraph(p) => match sections.last_mut() {
                Some(section) => section.paragraphs.push(p.clone()),
                None => lead.push(p.clone()),
            },
            BlockKind::Caption(c) => captions.push(c.clone()),
            BlockKind::Credit { text } => text_credit = Some(text.clone()),
            BlockKind::Meta { meta, text } => {
                meta_lines.push(MetaLine {
                    line: *line,
                    text: text.clone(),
                    meta: meta.clone(),
                });
                match meta {
                    MetaRole::Byline {
                        authors,
                        agency: by,
                    } => {
                        text_authors.extend(authors.iter().cloned());
                        agency = agency.take().or_else(|| by.clone());
                    }
                    MetaRole::AuthorBlurb { author } => text_authors.push(author.clone()),
                    MetaRole::Dateline { place, agency: by } => {
                        dateline = dateline.take().or_else(|| Some(place.clone()));
                        agency = agency.take().or_else(|| by.clone());
                    }
                    MetaRole::Label {
                        speaker,
                        asks: false,
                    } => {
                        if let Some(section) = sections.last_mut() {
                            section.speaker.get_or_insert_with(|| speaker.clone());
                        }
                    }
                    MetaRole::Date { .. }
                    | MetaRole::Residue
                    | MetaRole::Label { .. }
                    | MetaRole::Encoded => {}
                }
            }
        }
    }

    short_answers(&mut sections, doc);

    // A title the writer gave (metadata or headline) is read for entities;
    // one made from the file name or the first sentence is not.
    let written_title = doc.meta.title.is_some() || headline.is_some();
    let title = title_of(doc, headline, &lead, &sections);
    let read_title = if written_title { title.as_str() } else { "" };
    let units: Vec<&str> = crate::model::text_units(&captions, &lead, &sections, read_title)
        .into_iter()
        .map(|(_, text)| text)
        .collect();
    // Tokenized once, shared by the three extractors; the title (the last
    // unit) is read for entities only, never for quotes or figures.
    let units = names::analyse(&units);
    let entities = entities_with_dateline(&units, dateline.as_deref());
    let body = &units[..units.len().saturating_sub(1)];
    // The interviewee the title names answers the questions and speaks
    // the bare quotations of the answers.
    let interviewee = interviewee_in_title(&title, &entities);
    let quotations = quotes::find_quotations_in(body, &entities, interviewee.as_deref());
    let figures = figures::find_figures_in(body);

    let agency_bodies = agency.as_deref().map(credit_bodies).unwrap_or_default();
    let mut briefing = Briefing {
        entities,
        quotes: quotations.quotes,
        terms: quotations.terms,
        figures,
        slug: slug_for(doc)?,
        source: doc.source.clone(),
        format: doc.format,
        title,
        date: doc
            .meta
            .date
            .or(doc.text_date)
            .or_else(|| date_from_file_name(&doc.source)),
        credit: doc.meta.credit.clone().or(text_credit).or(agency),
        authors: if doc.meta.authors.is_empty() {
            dedup_names(text_authors)
        } else {
            doc.meta.authors.clone()
        },
        dateline,
        meta_lines,
        summary: doc.meta.summary.clone(),
        tags: doc.meta.tags.clone(),
        lead,
        sections,
        captions,
    };
    add_credited_people(&mut briefing, &agency_bodies);
    if let Some(name) = interviewee {
        name_the_interviewee(&mut briefing, &name);
    }
    Ok(briefing)
}

/// The person an interview's title names (`Wikinews interviews Jane
/// Roe`, `Jane Roe: an interview with ...`): one person of the text named
/// in full there, else the one name the title has. None for a title that
/// is no interview's or names two people.
fn interviewee_in_title(title: &str, entities: &[crate::model::Entity]) -> Option<String> {
    if !crate::parse::raw::is_interview_title(title) {
        return None;
    }
    let named_in_title = |name: &str| crate::text::word_occurrences(title, name).next().is_some();
    let mut people = entities.iter().filter(|e| {
        e.kind == crate::model::EntityKind::Person
            && std::iter::once(&e.name)
                .chain(&e.aliases)
                .any(|n| n.contains(' ') && named_in_title(n))
    });
    let in_title = names_in_title(title);
    match (people.next(), people.next(), in_title.as_slice()) {
        // Two people named in the title: no one answers for both.
        (_, _, [_, _, ..]) => None,
        (Some(person), None, _) => Some(person.name.clone()),
        (None, _, [one]) => Some(one.clone()),
        _ => None,
    }
}

/// In an interview, the interviewee answers every question section no
/// speaker label already gave.
fn name_the_interviewee(b: &mut Briefing, name: &str) {
    for section in b
        .sections
        .iter_mut()
        .filter(|s| s.kind == SectionKind::Question && s.speaker.is_none())
    {
        section.speaker = Some(name.to_string());
    }
}

/// People's names in a title, for when the text never names the
/// interviewee as an entity: two or three capitalised words opening with a
/// known given name (`Frank Messina: An Interview with ...`).
fn names_in_title(title: &str) -> Vec<String> {
    let words: Vec<&str> = title
        .split(|c: char| c.is_whitespace() || matches!(c, ':' | ',' | ';'))
        .filter(|w| !w.is_empty())
        .collect();
    let capitalised = |w: &str| {
        w.chars().next().is_some_and(char::is_uppercase)
            && w.chars()
                .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '.'))
    };
    let mut found = Vec::new();
    let mut k = 0;
    while k < words.len() {
        if capitalised(words[k]) && gazetteer::given_name(words[k]).is_some() {
            let len = words[k..]
                .iter()
                .take(3)
                .take_while(|w| {
                    capitalised(w)
                        && !matches!(
                            w.to_lowercase().as_str(),
                            "a" | "an"
                                | "the"
                                | "on"
                                | "of"
                                | "and"
                                | "in"
                                | "interview"
                                | "interviews"
                                | "talks"
                                | "tells"
                                | "speaks"
                        )
                })
                .count();
            // A name ends in a surname, not an initial or an acronym (`U.S.`).
            let len = (1..=len)
                .rev()
                .find(|&l| words[k + l - 1].chars().any(char::is_lowercase))
                .unwrap_or(0);
            if len >= 2 {
                found.push(words[k..k + len].join(" "));
                k += len;
                continue;
            }
        }
        k += 1;
    }
    found
}

/// Names in first-seen order, each once (a byline and a closing blurb
/// often name the same author).
fn dedup_names(names: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    names
        .into_iter()
        .filter(|n| seen.insert(n.to_lowercase()))
        .collect()
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
        s => taken.claim(cut_anchor(&s)),
    }
}

/// Anchors longer than this are cut at a hyphen: a long interview
/// question would otherwise give a link of a hundred words.
const MAX_ANCHOR_BYTES: usize = 64;

/// `slug` cut at the last hyphen within [`MAX_ANCHOR_BYTES`].
fn cut_anchor(slug: &str) -> &str {
    crate::text::cut_at_hyphen(slug, MAX_ANCHOR_BYTES, 0)
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
        if slug.len() > crate::text::MAX_SLUG_BYTES {
            return Err(Error::LongName {
                path: doc.source.clone(),
                field: "slug",
                bytes: slug.len(),
                max: crate::text::MAX_SLUG_BYTES,
            });
        }
        return Ok(slug.clone());
    }
    let stem = file_stem(&doc.source).replace('_', "-");
    Ok(match slugify(&stem) {
        s if s.is_empty() => "briefing".to_string(),
        s => crate::text::fit_slug(s),
    })
}

/// A file name reads as a title when it has at least two words of letters
/// (`north-korea_troops.txt`), not when it is an id (`000_374a94.txt`).
fn title_from_file_name(path: &Path) -> Option<String> {
    let stem = file_stem(path);
    let (_, rest) = split_file_name_prefix(&stem);
    let words: Vec<&str> = rest
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
    if let Some(first) = title.chars().next() {
        title = first.to_uppercase().collect::<String>() + &title[first.len_utf8()..];
    }
    Some(title)
}

/// Where a guessed title came from, for `check` to tell the editor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GuessedTitle {
    /// From the file name (`rail-strike-explained.txt`).
    FileName,
    /// From the lead's first sentence, a heading or the file stem.
    Text,
}

/// Whether the document's title is guessed (no metadata title, no headline
/// in the text), and from what.
pub fn guessed_title(doc: &Document) -> Option<GuessedTitle> {
    let headline = doc
        .blocks
        .iter()
        .any(|b| matches!(b.kind, BlockKind::Title { .. }));
    if doc.meta.title.is_some() || headline {
        None
    } else if title_from_file_name(&doc.source).is_some() {
        Some(GuessedTitle::FileName)
    } else {
        Some(GuessedTitle::Text)
    }
}

/// Splits a file stem's leading date (`2024-10-23-`, `20241023_`) or
/// number (`01_`, `003-`) from the words after it: `(date, rest)`.
fn split_file_name_prefix(stem: &str) -> (Option<NaiveDate>, &str) {
    let is_sep = |c: char| matches!(c, '-' | '_' | ' ' | '.');
    for (len, format) in [(10, "%Y-%m-%d"), (10, "%Y_%m_%d"), (8, "%Y%m%d")] {
        if let Some(head) = stem.get(..len) {
            let after = &stem[len..];
            if let Ok(date) = NaiveDate::parse_from_str(head, format) {
                if after.is_empty() || after.starts_with(is_sep) {
                    return (Some(date), after.trim_start_matches(is_sep));
                }
            }
        }
    }
    let digits = stem.len() - stem.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if (1..=4).contains(&digits) && stem[digits..].starts_with(is_sep) {
        return (None, stem[digits..].trim_start_matches(is_sep));
    }
    (None, stem)
}

/// The date a file name opens with (`2024-10-23-rail-strike.txt`).
fn date_from_file_name(path: &Path) -> Option<NaiveDate> {
    split_file_name_prefix(&file_stem(path)).0
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
    use crate::model::{Caption, Metadata, SourceFormat, TextPlace};
    use std::path::PathBuf;

    #[test]
    fn credit_names_of_a_closing_credit() {
        assert_eq!(
            credit_names(
                "(Reporting by Ines Barros in Lisbon and Kofi Mensah; Editing by Sam Hale)"
            ),
            ["Ines Barros", "Kofi Mensah", "Sam Hale"]
        );
        assert_eq!(
            credit_names("Additional reporting by Olek Nowak"),
            ["Olek Nowak"]
        );
        assert_eq!(
            credit_names("Associated Press writer Zoë Ángel contributed from Quito."),
            ["Zoë Ángel"]
        );
        assert!(credit_names("The road was closed by police on Monday.").is_empty());
    }

    #[test]
    fn credit_bodies_of_a_dateline_or_credit() {
        assert_eq!(credit_bodies("Reuters"), ["Reuters"]);
        assert_eq!(credit_bodies("(AP)"), ["Associated Press"]);
        assert_eq!(credit_bodies("ABC/Reuters"), ["ABC", "Reuters"]);
        // People's names are the credit's people, not bodies.
        assert!(credit_bodies("Reporting by Ines Barros; Editing by Sam Hale").is_empty());
    }

    #[test]
    fn a_dateline_of_two_places_gives_both() {
        let mut e = Vec::new();
        add_dateline_places(&mut e, "San Francisco/Paris");
        let names: Vec<&str> = e.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["San Francisco", "Paris"]);
    }

    #[test]
    fn byline_person_merges_with_the_text() {
        let mut e = Vec::new();
        add_byline_person(&mut e, "Ines Barros");
        add_byline_person(&mut e, "Ines Barros");
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].evidence, ["byline"]);
        assert_eq!(e[0].kind, crate::model::EntityKind::Person);
    }

    #[test]
    fn dateline_places_city_and_region() {
        let mut e = Vec::new();
        add_dateline_places(&mut e, "Ballykeel, Northern Ireland");
        let names: Vec<(&str, &[&str])> = e
            .iter()
            .map(|e| (e.name.as_str(), e.evidence.as_slice()))
            .collect();
        assert_eq!(
            names,
            [
                ("Northern Ireland", &["dateline"][..]),
                ("Ballykeel", &["dateline"][..])
            ]
        );
        // Named once is enough.
        add_dateline_places(&mut e, "Ballykeel");
        assert_eq!(e.len(), 2);
    }

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
                .map(|(i, kind)| Block {
                    line: i + 1,
                    kind,
                    rule: "test",
                })
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
        assert!(
            b.sections[0].answer_guessed,
            "the first sentence is a guess"
        );
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
        assert!(!b.sections[0].answer_guessed);
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
    fn written_title_is_read_for_entities_only() {
        let b = extract(&doc(
            "x1.txt",
            Metadata::default(),
            vec![
                BlockKind::Title {
                    text: "\"We will sail,\" Wikipedia editors tell Sarah Brennan".into(),
                },
                para("The harbour reopened on Monday."),
            ],
        ))
        .unwrap();
        let names: Vec<&str> = b.entities.iter().map(|e| e.name.as_str()).collect();
        assert!(names.contains(&"Wikipedia"), "{names:?}");
        assert!(names.contains(&"Sarah Brennan"), "{names:?}");
        let units = b.text_units();
        let title = b
            .entities
            .iter()
            .find(|e| e.name == "Sarah Brennan")
            .unwrap();
        assert_eq!(units[title.mentions[0].paragraph].0, TextPlace::Title);
        // The title's quotation is not a quote of the briefing.
        assert!(b.quotes.is_empty(), "{:?}", b.quotes);
    }

    #[test]
    fn guessed_title_is_not_read_for_entities() {
        let b = extract(&doc(
            "orla-brennan-sails.txt",
            Metadata::default(),
            vec![para("The harbour reopened on Monday.")],
        ))
        .unwrap();
        assert!(b.entities.is_empty(), "{:?}", b.entities);
    }

    fn question(text: &str) -> BlockKind {
        BlockKind::Heading {
            text: text.to_string(),
            level: 2,
        }
    }

    #[test]
    fn interviewee_named_in_the_title_answers_the_questions() {
        let meta = Metadata {
            title: Some("Frank Osei: an interview with the harbour poet".into()),
            ..Metadata::default()
        };
        let b = extract(&doc(
            "seeds/poet.txt",
            meta,
            vec![
                question("Why do you write about the sea?"),
                para("Because my grandfather fished it every day of his working life."),
            ],
        ))
        .unwrap();
        assert_eq!(b.sections[0].speaker.as_deref(), Some("Frank Osei"));
    }

    #[test]
    fn two_people_in_the_title_leave_the_speaker_unknown() {
        let meta = Metadata {
            title: Some("An interview with Frank Osei and Linda Marsh".into()),
            ..Metadata::default()
        };
        let b = extract(&doc(
            "seeds/poets.txt",
            meta,
            vec![
                question("Why do you write about the sea?"),
                para("Because my grandfather fished it every day of his working life."),
            ],
        ))
        .unwrap();
        assert_eq!(b.sections[0].speaker, None);
    }

    #[test]
    fn a_title_that_is_no_interview_names_no_speaker() {
        let meta = Metadata {
            title: Some("Frank Osei wins the harbour prize".into()),
            ..Metadata::default()
        };
        let b = extract(&doc(
            "seeds/prize.txt",
            meta,
            vec![
                question("Who else was on the list?"),
                para("Three other poets from the coast were shortlisted this year."),
            ],
        ))
        .unwrap();
        assert_eq!(b.sections[0].speaker, None);
    }

    #[test]
    fn long_question_gets_a_short_anchor() {
        let b = extract(&doc(
            "seeds/q.txt",
            Metadata::default(),
            vec![
                question("The ferry has run for a century and the town depends on it. Would the council ever let it close, and what would it cost the island?"),
                para("Nobody on the council wants to be the one who closes it."),
            ],
        ))
        .unwrap();
        assert_eq!(
            b.sections[0].anchor,
            "the-ferry-has-run-for-a-century-and-the-town-depends-on-it"
        );
        assert!(b.sections[0].anchor.len() <= MAX_ANCHOR_BYTES);
        assert_eq!(cut_anchor(&"ж".repeat(40)), "ж".repeat(32));
    }

    #[test]
    fn numbered_file_name_drops_its_number() {
        let b = extract(&doc(
            "seeds/01_russian-plague-scare.txt",
            Metadata::default(),
            vec![para(
                "Officials said on Monday that the outbreak was contained.",
            )],
        ))
        .unwrap();
        assert_eq!(b.title, "Russian plague scare");
        assert_eq!(b.date, None);
    }

    #[test]
    fn dated_file_name_gives_title_and_date() {
        let d = doc(
            "seeds/2024-10-23-rail-strike.txt",
            Metadata::default(),
            vec![para(
                "Trains stopped on Monday across the whole network, unions said.",
            )],
        );
        let b = extract(&d).unwrap();
        assert_eq!(b.title, "Rail strike");
        assert_eq!(b.date, NaiveDate::from_ymd_opt(2024, 10, 23));
        assert_eq!(guessed_title(&d), Some(GuessedTitle::FileName));
    }

    #[test]
    fn date_in_the_text_wins_over_the_file_name() {
        let mut d = doc(
            "seeds/20241023_rail-strike.txt",
            Metadata::default(),
            vec![para(
                "Trains stopped on Monday across the whole network, unions said.",
            )],
        );
        d.text_date = NaiveDate::from_ymd_opt(2024, 10, 22);
        assert_eq!(
            extract(&d).unwrap().date,
            NaiveDate::from_ymd_opt(2024, 10, 22)
        );
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
    fn a_datelines_agency_is_a_body_beside_a_closing_credit() {
        let b = extract(&doc(
            "a.txt",
            Metadata::default(),
            vec![
                BlockKind::Meta {
                    meta: MetaRole::Dateline {
                        place: "Halden".into(),
                        agency: Some("Reuters".into()),
                    },
                    text: "HALDEN (Reuters) -".into(),
                },
                para("The port reopened on Monday."),
                BlockKind::Credit {
                    text: "Reporting by Ada Lind; Editing by Omar Diallo".into(),
                },
            ],
        ))
        .unwrap();
        assert_eq!(
            b.credit.as_deref(),
            Some("Reporting by Ada Lind; Editing by Omar Diallo")
        );
        let reuters = b.entities.iter().find(|e| e.name == "Reuters");
        assert!(
            reuters.is_some_and(|e| e.kind == crate::model::EntityKind::Organization),
            "{:?}",
            b.entities
        );
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

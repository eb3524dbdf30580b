//! The data model every stage passes along: `Source` (loaded) -> `Document`
//! (parsed) -> `Briefing` (extracted) -> `Site` (indexed). Plain data with
//! serde derives; no stage-specific logic lives here.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// Which parser a source goes through, decided by its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceFormat {
    /// Plain-text article (`.txt`): no markup, structure is inferred.
    Raw,
    /// Authored Markdown (`.md`, `.markdown`) with optional front matter.
    Markdown,
    /// A saved web page (`.html`, `.htm`), read by [`crate::sources::html`].
    Html,
    /// An email message (`.eml`), read by [`crate::sources::email`].
    Email,
    /// A Word document (`.docx`), read by [`crate::sources::docx`].
    Docx,
    /// A PDF with a text layer (`.pdf`), read by [`crate::sources::pdf_text`].
    Pdf,
}

impl SourceFormat {
    /// Whether metadata comes from a sidecar `NAME.toml` (every kind but
    /// Markdown, which has front matter).
    pub fn takes_sidecar(self) -> bool {
        self != SourceFormat::Markdown
    }

    /// Whether the text was read out of a document (HTML, email, Word,
    /// PDF) rather than written as text.
    pub fn is_converted(self) -> bool {
        !matches!(self, SourceFormat::Raw | SourceFormat::Markdown)
    }
}

/// Editorial metadata given explicitly by a sidecar `NAME.toml` (raw sources)
/// or by front matter (Markdown). Every field overrides what is inferred.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Metadata {
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default, deserialize_with = "deserialize_date")]
    pub date: Option<NaiveDate>,
    #[serde(default)]
    pub slug: Option<String>,
    #[serde(default)]
    pub credit: Option<String>,
    /// Who wrote it; wins over a byline in the text.
    #[serde(default)]
    pub authors: Vec<String>,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    /// Editor-written short answers, keyed by the question heading text
    /// (or its anchor), replacing the first-sentence rule.
    #[serde(default)]
    pub short_answers: std::collections::BTreeMap<String, String>,
}

/// A file found by the loader, read into memory, not yet parsed.
#[derive(Debug, Clone)]
pub struct Source {
    /// Path as shown to the user (relative to the site folder when possible).
    pub path: PathBuf,
    pub format: SourceFormat,
    pub text: String,
    /// Sidecar metadata for raw sources (`NAME.toml` beside `NAME.txt`).
    pub sidecar: Option<Metadata>,
    /// For a page, email, Word file or PDF: the paragraphs read out of it
    /// with the markup each came from, its metadata and what was dropped
    /// ([`crate::sources`]); `text` is then those paragraphs as text.
    pub converted: Option<Box<Converted>>,
}

/// A parsed source: explicit metadata plus a flat list of typed blocks in
/// source order. Both parsers produce this same shape.
#[derive(Debug, Clone, Serialize)]
pub struct Document {
    pub source: PathBuf,
    pub format: SourceFormat,
    /// Metadata from the sidecar or front matter (explicit, wins over inference).
    pub meta: Metadata,
    /// Date found in the text itself (a `date YYYY-MM-DD` marker).
    pub text_date: Option<NaiveDate>,
    pub blocks: Vec<Block>,
}

/// One structural unit of a document, with the 1-based line it starts on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Block {
    pub line: usize,
    pub kind: BlockKind,
    /// The parser rule that made the block what it is, for
    /// `extract --explain` (e.g. `heading: question shape`).
    #[serde(skip)]
    pub rule: &'static str,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum BlockKind {
    /// The document's own headline (first heading-like line of a raw source,
    /// or a leading `#` heading in Markdown).
    Title { text: String },
    /// A section heading. `level` is 2 for top-level sections, 3 for
    /// sub-questions / sub-headings.
    Heading { text: String, level: u8 },
    /// Body text. `text` is plain text (for JSON, search, sentences);
    /// `html` is the safe HTML to render (escaped for raw sources,
    /// from pulldown-cmark for Markdown).
    Paragraph(Paragraph),
    /// A photo caption with its credit, e.g. `... (Kremlin via Reuters)`.
    Caption(Caption),
    /// The closing credit or sign-off line, e.g. `ABC/Reuters`.
    Credit { text: String },
    /// A line that is about the article rather than part of it (a date
    /// line, a byline, a dateline, page residue): kept so nothing is lost,
    /// never shown as text.
    Meta { text: String, meta: MetaRole },
}

/// What a metadata line is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "role", rename_all = "snake_case")]
pub enum MetaRole {
    /// A date line; `date` is what it reads as, `None` when it could not be
    /// read without guessing.
    Date { date: Option<NaiveDate> },
    /// A byline: the authors it names and the agency after them.
    Byline {
        authors: Vec<String>,
        agency: Option<String>,
    },
    /// A line or paragraph about an author.
    AuthorBlurb { author: String },
    /// A dateline cut off the lead: its place and agency.
    Dateline {
        place: String,
        agency: Option<String>,
    },
    /// Page residue (share buttons, "Read more", category lists...).
    Residue,
    /// A line of encoded data (a pasted base64 attachment), never text.
    Encoded,
    /// An interview transcript's speaker label (`Q:`, `GV:`, `Jane Roe:`)
    /// cut off the front of a turn; `asks` is true for the interviewer.
    Label { speaker: String, asks: bool },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Paragraph {
    pub text: String,
    pub html: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Caption {
    pub text: String,
    pub credit: Option<String>,
}

/// Whether a section answers a question or carries a statement headline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SectionKind {
    Question,
    Statement,
}

/// A heading and the paragraphs under it, up to the next heading.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    pub heading: String,
    pub kind: SectionKind,
    pub level: u8,
    /// Stable, page-unique id derived from the heading.
    pub anchor: String,
    /// For question sections: the first sentence of the answer, or the
    /// editor's own from metadata. `None` for statements.
    pub short_answer: Option<String>,
    /// Whether the short answer is the answer's first sentence, guessed,
    /// rather than the editor's (`short_answers` in the metadata).
    pub answer_guessed: bool,
    pub paragraphs: Vec<Paragraph>,
    /// 1-based line of the heading in its source.
    pub line: usize,
    /// Who answers, in an interview: the interviewee named by a speaker
    /// label (`GV:`) or by the title; `None` elsewhere.
    pub speaker: Option<String>,
}

/// The extracted, format-independent briefing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Briefing {
    pub source: PathBuf,
    pub format: SourceFormat,
    pub slug: String,
    pub title: String,
    pub date: Option<NaiveDate>,
    pub credit: Option<String>,
    /// Who wrote it: from metadata, else from a byline or author blurb.
    pub authors: Vec<String>,
    /// The dateline's place (`LONDON (Reuters) -` -> `London`), when the
    /// lead opened with one.
    pub dateline: Option<String>,
    pub summary: Option<String>,
    pub tags: Vec<String>,
    pub lead: Vec<Paragraph>,
    pub sections: Vec<Section>,
    pub captions: Vec<Caption>,
    /// People, organisations and places named in this briefing, in order of
    /// first mention; mentions index into [`Briefing::text_units`].
    pub entities: Vec<Entity>,
    pub quotes: Vec<Quote>,
    /// Quoted labels, titles and names that are not quotations.
    pub terms: Vec<Term>,
    pub figures: Vec<Figure>,
    /// The source's metadata lines (date lines, bylines, datelines,
    /// residue), kept so every line of a source is accounted for.
    pub meta_lines: Vec<MetaLine>,
}

/// A line of a source that a metadata rule took, where it was and what it
/// was read as.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MetaLine {
    /// 1-based line in the source.
    pub line: usize,
    pub text: String,
    pub meta: MetaRole,
}

/// What kind of thing an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Organization,
    Place,
}

/// A person, organisation or place one document names (found by `extract::entities`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// Canonical name: the fullest form seen.
    pub name: String,
    pub kind: EntityKind,
    /// Other forms seen, sorted and deduplicated.
    pub aliases: Vec<String>,
    pub role: Option<String>,
    pub mentions: Vec<Mention>,
    /// Why it is an entity: the rules that found its mentions (in the
    /// order of the entity rule tables in `extract::entities`), "repeated" when it is
    /// named more than once, "registry" for an editor's entry.
    #[serde(deserialize_with = "deserialize_rule_names")]
    pub evidence: Vec<&'static str>,
    /// How sure the rules are, 0 to 1: the best of its rules' confidences,
    /// 0.1 more when repeated. Below [`MIN_ENTITY_CONFIDENCE`] it stays in
    /// the JSON but gets no page and no "Who's who" line.
    pub confidence: f32,
}

/// Entities less sure than this are doubtful: kept in `extract` output,
/// listed by `check`, never given a page (unless the registry names them).
pub const MIN_ENTITY_CONFIDENCE: f32 = 0.5;

impl Entity {
    /// Below [`MIN_ENTITY_CONFIDENCE`]: for an editor to confirm or block.
    pub fn is_doubtful(&self) -> bool {
        self.confidence < MIN_ENTITY_CONFIDENCE
    }
}

/// Where an entity is named in a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    /// Index into the input paragraphs.
    pub paragraph: usize,
    /// Byte range in that paragraph.
    pub start: usize,
    pub end: usize,
    /// The text as written.
    pub text: String,
}

/// A key figure (found by `extract::figures`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    /// The number with its qualifiers and unit: "about 10,000", "$5 billion".
    pub value: String,
    /// What it counts: "troops", "square kilometres of Russian territory".
    pub label: String,
    /// The sentence it appears in.
    pub sentence: String,
    pub paragraph: usize,
}

/// A quotation with its speaker (found by `extract::quotes`).
#[derive(Debug, Clone, PartialEq, Serialize, Default, Deserialize)]
pub struct Quote {
    /// Canonical name of the speaking entity; never a pronoun. None when
    /// the text does not say, or not surely enough.
    pub speaker: Option<String>,
    /// The quoted words, without the quote marks.
    pub text: String,
    /// Paragraph where the quotation starts.
    pub paragraph: usize,
    /// Byte range of the quoted words (after the opening mark) in that paragraph.
    pub start: usize,
    pub end: usize,
    /// How sure the rule that found the speaker is (0 without one).
    pub confidence: f32,
    /// Name of the rule that chose the speaker (see the module doc).
    #[serde(deserialize_with = "deserialize_rule_name")]
    pub rule: Option<RuleName>,
}

/// A short quoted label, title or name with no speech around it ("a
/// so-called "peace deal"", a work's title, a nickname): kept apart from
/// quotes, never shown as one.
#[derive(Debug, Clone, PartialEq, Serialize, Default, Deserialize)]
pub struct Term {
    pub text: String,
    pub paragraph: usize,
    /// Byte range of the quoted words in that paragraph.
    pub start: usize,
    pub end: usize,
}

/// Where a unit of text sits in a briefing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "in", rename_all = "snake_case")]
pub enum TextPlace {
    Caption {
        index: usize,
    },
    Lead {
        index: usize,
    },
    Heading {
        section: usize,
    },
    Paragraph {
        section: usize,
        index: usize,
    },
    /// The title, last in the list so that adding it moves no other unit.
    Title,
}

impl Briefing {
    /// Every unit of readable text, in reading order: captions, lead, then
    /// each section's heading and paragraphs, and the title last. Entity
    /// mentions, quotes and figures refer to positions in this list.
    pub fn text_units(&self) -> Vec<(TextPlace, &str)> {
        text_units(&self.captions, &self.lead, &self.sections, &self.title)
    }

    /// The first of [`Briefing::entities`] each name or alias belongs to,
    /// for looking up quote speakers without a scan per quote.
    pub fn entity_by_name(&self) -> std::collections::HashMap<&str, usize> {
        let mut by_name = std::collections::HashMap::new();
        for (local, e) in self.entities.iter().enumerate() {
            for name in std::iter::once(&e.name).chain(&e.aliases) {
                by_name.entry(name.as_str()).or_insert(local);
            }
        }
        by_name
    }
}

/// [`Briefing::text_units`] for parts not yet assembled into a briefing.
pub fn text_units<'a>(
    captions: &'a [Caption],
    lead: &'a [Paragraph],
    sections: &'a [Section],
    title: &'a str,
) -> Vec<(TextPlace, &'a str)> {
    let mut units = Vec::new();
    for (index, c) in captions.iter().enumerate() {
        units.push((TextPlace::Caption { index }, c.text.as_str()));
    }
    for (index, p) in lead.iter().enumerate() {
        units.push((TextPlace::Lead { index }, p.text.as_str()));
    }
    for (section, s) in sections.iter().enumerate() {
        units.push((TextPlace::Heading { section }, s.heading.as_str()));
        for (index, p) in s.paragraphs.iter().enumerate() {
            units.push((TextPlace::Paragraph { section, index }, p.text.as_str()));
        }
    }
    units.push((TextPlace::Title, title));
    units
}

/// A rule's name (serde takes a bare `&str` field as borrowed from its
/// input; behind this name it reads the rule names through the interner).
pub type RuleName = &'static str;

/// The rule names read back from a cache (an entity's evidence, a quote's
/// rule), each interned once for the life of the process: rule names are a
/// few dozen short strings, so a name is leaked only the first time it is
/// met. A cache naming more distinct rules than any build has is refused.
fn intern_rule_name(name: &str) -> Option<&'static str> {
    use std::collections::HashSet;
    use std::sync::{Mutex, OnceLock};
    const MAX_RULE_NAMES: usize = 4096;
    static NAMES: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
    let mut names = NAMES
        .get_or_init(Mutex::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    if let Some(&known) = names.get(name) {
        return Some(known);
    }
    if names.len() >= MAX_RULE_NAMES {
        return None;
    }
    let leaked: &'static str = Box::leak(name.to_owned().into_boxed_str());
    names.insert(leaked);
    Some(leaked)
}

fn deserialize_rule_names<'de, D>(deserializer: D) -> Result<Vec<&'static str>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    let names = Vec::<String>::deserialize(deserializer)?;
    names
        .iter()
        .map(|n| intern_rule_name(n).ok_or_else(|| serde::de::Error::custom("too many rule names")))
        .collect()
}

fn deserialize_rule_name<'de, D>(deserializer: D) -> Result<Option<&'static str>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    match Option::<String>::deserialize(deserializer)? {
        None => Ok(None),
        Some(n) => intern_rule_name(&n)
            .map(Some)
            .ok_or_else(|| serde::de::Error::custom("too many rule names")),
    }
}

/// Accepts a date as a TOML date (`date = 2024-10-23`) or as a string
/// (`date: "2024-10-23"` in YAML), always meaning a calendar day.
fn deserialize_date<'de, D>(deserializer: D) -> Result<Option<NaiveDate>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    use serde::de::Error;
    let value = toml::Value::deserialize(deserializer)?;
    let text = match &value {
        toml::Value::String(s) => s.trim().to_string(),
        toml::Value::Datetime(d) => match (d.date, d.time) {
            (Some(date), None) => date.to_string(),
            _ => {
                return Err(D::Error::custom(format!(
                    "date must be a day such as 2024-10-23 (no time), found {d}"
                )));
            }
        },
        other => {
            return Err(D::Error::custom(format!(
                "date must be YYYY-MM-DD, found {other}"
            )));
        }
    };
    NaiveDate::parse_from_str(&text, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| {
            D::Error::custom(format!(
                "`{text}` is not a date; write it as YYYY-MM-DD, e.g. 2024-10-23"
            ))
        })
}

/// One editor-written entry of `content/entities.toml`: it names an entity
/// once and for all, and wins over what extraction infers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegistryEntry {
    pub name: String,
    pub kind: EntityKind,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub link: Option<String>,
}

/// The file form of the registry: `[[entity]]` tables.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Registry {
    #[serde(default)]
    pub entity: Vec<RegistryEntry>,
    /// Names extraction gets wrong: never entities, wherever they appear.
    #[serde(default)]
    pub ignore: Vec<String>,
}

/// How many sections of `kind` the briefings hold (the build and rebuild
/// summaries count questions and statement sections).
pub fn count_sections(briefings: &[Briefing], kind: SectionKind) -> usize {
    briefings
        .iter()
        .flat_map(|b| &b.sections)
        .filter(|s| s.kind == kind)
        .count()
}

/// A problem that does not stop the build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub path: PathBuf,
    pub message: String,
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;

    /// A converted text of plain paragraphs.
    fn text_of(paragraphs: &[&str]) -> Converted {
        let paragraphs = paragraphs.iter().map(|text| Piece {
            text: (*text).to_string(),
            origin: Origin::Text,
        });
        Converted {
            paragraphs: paragraphs.collect(),
            ..Converted::default()
        }
    }

    #[test]
    fn lines_of_the_text_map_to_their_paragraph() {
        let c = text_of(&["one", "two\nwrapped\nthree times", "three"]);
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

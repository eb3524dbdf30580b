//! The `extract --json` contract: a stable, documented JSON shape for one
//! briefing. Later versions add fields; existing names never change. Kept
//! apart from the model so the model can evolve without breaking consumers.

use crate::model::{Briefing, Entity, EntityKind, SectionKind};
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct BriefingJson<'a> {
    pub source: String,
    pub slug: &'a str,
    pub title: &'a str,
    /// `YYYY-MM-DD` or null.
    pub date: Option<String>,
    pub credit: Option<&'a str>,
    /// Who wrote it (metadata, byline or author blurb); may be empty.
    pub authors: &'a [String],
    /// The dateline's place (`London` from `LONDON (Reuters) -`) or null.
    pub dateline: Option<&'a str>,
    pub lead: Vec<&'a str>,
    pub sections: Vec<SectionJson<'a>>,
    pub captions: Vec<CaptionJson<'a>>,
    pub people: Vec<EntityJson<'a>>,
    pub organizations: Vec<EntityJson<'a>>,
    pub places: Vec<EntityJson<'a>>,
    pub quotes: Vec<QuoteJson<'a>>,
    /// Quoted labels, titles and names that are not quotations.
    pub terms: Vec<TermJson<'a>>,
    pub figures: Vec<FigureJson<'a>>,
}

#[derive(Debug, Serialize)]
pub struct TermJson<'a> {
    pub text: &'a str,
    /// Index of the text unit (as for entity mentions) that holds it.
    pub paragraph: usize,
}

#[derive(Debug, Serialize)]
pub struct EntityJson<'a> {
    pub name: &'a str,
    pub kind: EntityKind,
    pub aliases: &'a [String],
    pub role: Option<&'a str>,
    /// How many times the briefing mentions it.
    pub mentions: usize,
    /// The rules that found it, and "repeated" / "registry".
    pub evidence: &'a [&'static str],
    /// How sure the rules are, 0-1; below 0.5 it gets no page.
    pub confidence: f32,
}

#[derive(Debug, Serialize)]
pub struct QuoteJson<'a> {
    /// Canonical name of the speaker, or null when the text does not say.
    pub speaker: Option<&'a str>,
    pub text: &'a str,
    /// How sure the speaker rule is, 0-1 (0 without a rule).
    pub confidence: f32,
    /// The speaker rule that decided, if one did.
    pub rule: Option<&'a str>,
}

#[derive(Debug, Serialize)]
pub struct FigureJson<'a> {
    pub value: &'a str,
    pub label: &'a str,
    pub sentence: &'a str,
}

fn entities_of(b: &Briefing, kind: EntityKind) -> Vec<EntityJson<'_>> {
    b.entities
        .iter()
        .filter(|e| e.kind == kind)
        .map(|e: &Entity| EntityJson {
            name: &e.name,
            kind: e.kind,
            aliases: &e.aliases,
            role: e.role.as_deref(),
            mentions: e.mentions.len(),
            evidence: &e.evidence,
            confidence: e.confidence,
        })
        .collect()
}

#[derive(Debug, Serialize)]
pub struct SectionJson<'a> {
    pub heading: &'a str,
    pub kind: SectionKind,
    pub level: u8,
    pub anchor: &'a str,
    pub short_answer: Option<&'a str>,
    pub paragraphs: Vec<&'a str>,
    /// Who answers, in an interview (null elsewhere).
    pub speaker: Option<&'a str>,
}

#[derive(Debug, Serialize)]
pub struct CaptionJson<'a> {
    pub text: &'a str,
    pub credit: Option<&'a str>,
}

impl<'a> From<&'a Briefing> for BriefingJson<'a> {
    fn from(b: &'a Briefing) -> Self {
        BriefingJson {
            source: b.source.to_string_lossy().replace('\\', "/"),
            slug: &b.slug,
            title: &b.title,
            date: b.date.map(crate::text::iso_date),
            credit: b.credit.as_deref(),
            authors: &b.authors,
            dateline: b.dateline.as_deref(),
            lead: b.lead.iter().map(|p| p.text.as_str()).collect(),
            sections: b
                .sections
                .iter()
                .map(|s| SectionJson {
                    heading: &s.heading,
                    kind: s.kind,
                    level: s.level,
                    anchor: &s.anchor,
                    short_answer: s.short_answer.as_deref(),
                    speaker: s.speaker.as_deref(),
                    paragraphs: s.paragraphs.iter().map(|p| p.text.as_str()).collect(),
                })
                .collect(),
            captions: b
                .captions
                .iter()
                .map(|c| CaptionJson {
                    text: &c.text,
                    credit: c.credit.as_deref(),
                })
                .collect(),
            people: entities_of(b, EntityKind::Person),
            organizations: entities_of(b, EntityKind::Organization),
            places: entities_of(b, EntityKind::Place),
            quotes: b
                .quotes
                .iter()
                .map(|q| QuoteJson {
                    speaker: q.speaker.as_deref(),
                    text: &q.text,
                    confidence: q.confidence,
                    rule: q.rule,
                })
                .collect(),
            terms: b
                .terms
                .iter()
                .map(|t| TermJson {
                    text: &t.text,
                    paragraph: t.paragraph,
                })
                .collect(),
            figures: b
                .figures
                .iter()
                .map(|f| FigureJson {
                    value: &f.value,
                    label: &f.label,
                    sentence: &f.sentence,
                })
                .collect(),
        }
    }
}

impl BriefingJson<'_> {
    /// The bytes `serde_json::to_writer` gives for `self` (compact; a test
    /// checks they are the same), written directly: serde_json escapes
    /// strings a byte at a time, and that was most of the cost of a site's
    /// per-briefing files.
    pub fn write_compact(&self, out: &mut String) {
        let mut fields = Fields::open(out);
        fields.string("source", &self.source);
        fields.string("slug", self.slug);
        fields.string("title", self.title);
        fields.optional_string("date", self.date.as_deref());
        fields.optional_string("credit", self.credit);
        fields.strings("authors", self.authors.iter().map(String::as_str));
        fields.optional_string("dateline", self.dateline);
        fields.strings("lead", self.lead.iter().copied());
        fields.list("sections", &self.sections, |out, s| {
            let mut f = Fields::open(out);
            f.string("heading", s.heading);
            f.raw("kind", section_kind(s.kind));
            f.number("level", s.level.into());
            f.string("anchor", s.anchor);
            f.optional_string("short_answer", s.short_answer);
            f.strings("paragraphs", s.paragraphs.iter().copied());
            f.optional_string("speaker", s.speaker);
            f.close();
        });
        fields.list("captions", &self.captions, |out, c| {
            let mut f = Fields::open(out);
            f.string("text", c.text);
            f.optional_string("credit", c.credit);
            f.close();
        });
        for (name, entities) in [
            ("people", &self.people),
            ("organizations", &self.organizations),
            ("places", &self.places),
        ] {
            fields.list(name, entities, |out, e| {
                let mut f = Fields::open(out);
                f.string("name", e.name);
                f.raw("kind", entity_kind(e.kind));
                f.strings("aliases", e.aliases.iter().map(String::as_str));
                f.optional_string("role", e.role);
                f.number("mentions", e.mentions);
                f.strings("evidence", e.evidence.iter().copied());
                f.raw("confidence", &serde_f32(e.confidence));
                f.close();
            });
        }
        fields.list("quotes", &self.quotes, |out, q| {
            let mut f = Fields::open(out);
            f.optional_string("speaker", q.speaker);
            f.string("text", q.text);
            f.raw("confidence", &serde_f32(q.confidence));
            f.optional_string("rule", q.rule);
            f.close();
        });
        fields.list("terms", &self.terms, |out, t| {
            let mut f = Fields::open(out);
            f.string("text", t.text);
            f.number("paragraph", t.paragraph);
            f.close();
        });
        fields.list("figures", &self.figures, |out, fig| {
            let mut f = Fields::open(out);
            f.string("value", fig.value);
            f.string("label", fig.label);
            f.string("sentence", fig.sentence);
            f.close();
        });
        fields.close();
    }
}

fn section_kind(kind: SectionKind) -> &'static str {
    match kind {
        SectionKind::Question => "\"question\"",
        SectionKind::Statement => "\"statement\"",
    }
}

fn entity_kind(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "\"person\"",
        EntityKind::Organization => "\"organization\"",
        EntityKind::Place => "\"place\"",
    }
}

/// The members of one JSON object being written, comma-separated.
/// An f32 as serde_json writes it: shortest form, `0.0` for a whole number.
fn serde_f32(c: f32) -> String {
    if c.fract() == 0.0 {
        format!("{c:.1}")
    } else {
        format!("{c}")
    }
}

struct Fields<'o> {
    out: &'o mut String,
    first: bool,
}

impl<'o> Fields<'o> {
    fn open(out: &'o mut String) -> Self {
        out.push('{');
        Fields { out, first: true }
    }

    fn key(&mut self, name: &str) {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        self.out.push('"');
        self.out.push_str(name);
        self.out.push_str("\":");
    }

    fn raw(&mut self, name: &str, json: &str) {
        self.key(name);
        self.out.push_str(json);
    }

    fn string(&mut self, name: &str, value: &str) {
        self.key(name);
        push_json_string(self.out, value, false);
    }

    fn optional_string(&mut self, name: &str, value: Option<&str>) {
        match value {
            Some(value) => self.string(name, value),
            None => self.raw(name, "null"),
        }
    }

    fn number(&mut self, name: &str, value: usize) {
        self.key(name);
        self.out.push_str(&value.to_string());
    }

    fn strings<'s>(&mut self, name: &str, values: impl Iterator<Item = &'s str>) {
        self.key(name);
        self.out.push('[');
        for (i, value) in values.enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            push_json_string(self.out, value, false);
        }
        self.out.push(']');
    }

    fn list<T>(&mut self, name: &str, items: &[T], mut write: impl FnMut(&mut String, &T)) {
        self.key(name);
        self.out.push('[');
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            write(self.out, item);
        }
        self.out.push(']');
    }

    fn close(self) {
        self.out.push('}');
    }
}

/// Appends `s` as a JSON string, quotes included, escaped exactly as
/// serde_json escapes it; with `line_terminators`, U+2028 and U+2029 are
/// escaped too, for JSON that is also read as JavaScript. Returns how many
/// U+2028 and U+2029 it escaped.
pub(crate) fn push_json_string(out: &mut String, s: &str, line_terminators: bool) -> usize {
    // Bytes that may need escaping: control characters, `"`, `\\`, and
    // (with `line_terminators`) the first byte of U+2028 and U+2029.
    let lead_byte = if line_terminators { 0xe2 } else { b'"' };
    let bytes = s.as_bytes();
    out.reserve(s.len() + 2);
    out.push('"');
    let mut plain = 0; // start of the bytes not yet written
    let mut escaped_terminators = 0;
    let mut i = 0;
    loop {
        i = crate::text::find_byte(bytes, i, [b'"', b'\\', lead_byte], true);
        let Some(&b) = bytes.get(i) else { break };
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0x00..=0x1f => "",
            _ => match line_terminator_escape(&bytes[i..]) {
                Some(escape) => escape,
                None => {
                    i += 1;
                    continue;
                }
            },
        };
        out.push_str(&s[plain..i]);
        if escape.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("\\u00");
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xf)]));
            i += 1;
        } else if b == 0xe2 {
            out.push_str(escape);
            escaped_terminators += 1;
            i += 3;
        } else {
            out.push_str(escape);
            i += 1;
        }
        plain = i;
    }
    out.push_str(&s[plain..]);
    out.push('"');
    escaped_terminators
}

/// The escape of U+2028 or U+2029 when `rest`, which starts at a 0xE2
/// byte, starts with one of them. JavaScript before ES2019 ends a string at
/// either, so JSON read as script escapes them.
pub(crate) fn line_terminator_escape(rest: &[u8]) -> Option<&'static str> {
    match rest.get(1..3) {
        Some([0x80, 0xa8]) => Some("\\u2028"),
        Some([0x80, 0xa9]) => Some("\\u2029"),
        _ => None,
    }
}

/// Pretty JSON array for a list of briefings, with a trailing newline.
pub fn to_json(briefings: &[Briefing]) -> String {
    let views: Vec<BriefingJson> = briefings.iter().map(BriefingJson::from).collect();
    let mut out = serde_json::to_string_pretty(&views).unwrap_or_else(|_| "[]".to_string());
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn briefings_in(dir: &Path) -> Vec<Briefing> {
        // The Markdown fixtures include broken front matter on purpose.
        let loaded = crate::load::load_sources(
            dir,
            &[dir.to_path_buf()],
            crate::read::DEFAULT_MAX_SOURCE_BYTES,
        )
        .unwrap();
        loaded
            .sources
            .iter()
            .filter_map(|source| {
                crate::pipeline::extract_all(std::slice::from_ref(source), Default::default()).ok()
            })
            .flatten()
            .collect()
    }

    #[test]
    fn compact_writer_gives_serde_json_bytes_for_every_fixture_and_seed() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut checked = 0;
        for dir in [
            "tests/fixtures/raw",
            "tests/fixtures/markdown",
            "tests/fixtures/entities",
            "seeds",
            "content",
            "../shared/seeds",
        ] {
            for b in briefings_in(&root.join(dir)) {
                let view = BriefingJson::from(&b);
                let mut written = String::new();
                view.write_compact(&mut written);
                let serde = serde_json::to_string(&view).unwrap();
                assert_eq!(written, serde, "{}", b.source.display());
                checked += 1;
            }
        }
        assert!(checked >= 20, "only {checked} briefings checked");
    }

    #[test]
    fn json_strings_are_escaped_as_serde_json_escapes_them() {
        for s in [
            "",
            "plain",
            "a quote \" and a backslash \\ inside",
            "\u{0}\u{1}\u{8}\t\n\u{b}\u{c}\r\u{1f}\u{7f}",
            "curly \u{201c}quotes\u{201d} and \u{2019} apostrophes",
            "line\u{2028}and paragraph\u{2029}separators",
            "ünïcödé 🙂 long enough to cross several eight-byte chunks \" here\n",
        ] {
            let mut written = String::new();
            push_json_string(&mut written, s, false);
            assert_eq!(written, serde_json::to_string(s).unwrap(), "{s:?}");
        }
    }
}

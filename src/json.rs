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
    pub lead: Vec<&'a str>,
    pub sections: Vec<SectionJson<'a>>,
    pub captions: Vec<CaptionJson<'a>>,
    pub people: Vec<EntityJson<'a>>,
    pub organizations: Vec<EntityJson<'a>>,
    pub places: Vec<EntityJson<'a>>,
    pub quotes: Vec<QuoteJson<'a>>,
    pub figures: Vec<FigureJson<'a>>,
}

#[derive(Debug, Serialize)]
pub struct EntityJson<'a> {
    pub name: &'a str,
    pub kind: EntityKind,
    pub aliases: &'a [String],
    pub role: Option<&'a str>,
    /// How many times the briefing mentions it.
    pub mentions: usize,
}

#[derive(Debug, Serialize)]
pub struct QuoteJson<'a> {
    /// Canonical name of the speaker, or null when the text does not say.
    pub speaker: Option<&'a str>,
    pub text: &'a str,
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

/// Pretty JSON array for a list of briefings, with a trailing newline.
pub fn to_json(briefings: &[Briefing]) -> String {
    let views: Vec<BriefingJson> = briefings.iter().map(BriefingJson::from).collect();
    let mut out = serde_json::to_string_pretty(&views).unwrap_or_else(|_| "[]".to_string());
    out.push('\n');
    out
}

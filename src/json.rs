//! The `extract --json` contract: a stable, documented JSON shape for one
//! briefing. Later versions add fields; existing names never change. Kept
//! apart from the model so the model can evolve without breaking consumers.

use crate::model::{Briefing, SectionKind};
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
            date: b.date.map(|d| d.format("%Y-%m-%d").to_string()),
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

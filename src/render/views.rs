//! Template views: plain, serialisable structs built from the model, so that
//! themes see a small documented context and the model can grow without
//! breaking them. Everything a template needs to decide (element ids, depth,
//! prev/next, counts, display dates) is computed here, once.
//!
//! Strings in views are plain text unless the field is called `html`; only
//! `html` fields may be marked `| safe` in templates.

use crate::index::{Site, SiteInfo};
use crate::model::{Briefing, Paragraph, Section, SectionKind};
use serde::Serialize;
use std::collections::BTreeSet;

/// Ids the base layout uses itself; no generated id may take them.
const RESERVED_IDS: &[&str] = &["main"];

/// Site-wide values, available to every template as `site`.
#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    pub title: String,
    pub description: Option<String>,
    pub language: String,
    pub briefing_count: usize,
    pub question_count: usize,
}

/// A link to another briefing (`prev` / `next`).
#[derive(Debug, Clone, Serialize)]
pub struct LinkView {
    pub title: String,
    /// Path from the site root, e.g. `briefings/foo/index.html`; prefix with `root`.
    pub url: String,
}

/// One briefing, as shown on its own page, in lists and in the print book.
#[derive(Debug, Clone, Serialize)]
pub struct BriefingView {
    pub slug: String,
    pub title: String,
    /// Path of the briefing's page from the site root; prefix with `root`.
    pub url: String,
    /// Element id of the briefing's `<article>`: set in the print book
    /// (the slug, made unique), `None` on the briefing's own page.
    pub id: Option<String>,
    /// ISO date (`YYYY-MM-DD`) for `<time datetime>`.
    pub date: Option<String>,
    /// Human date, e.g. `23 October 2024`.
    pub date_display: Option<String>,
    pub credit: Option<String>,
    pub summary: Option<String>,
    /// The summary, or else the plain text of the first lead paragraph.
    pub teaser: Option<String>,
    pub tags: Vec<String>,
    pub lead: Vec<ParagraphView>,
    pub captions: Vec<CaptionView>,
    pub sections: Vec<SectionView>,
    /// The question sections, in order (for "At a glance" and question lists).
    pub questions: Vec<QuestionView>,
    /// Table of contents: top-level sections with their sub-sections nested.
    pub toc: Vec<TocEntry>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ParagraphView {
    /// Plain text.
    pub text: String,
    /// Safe HTML; insert with `| safe`.
    pub html: String,
    /// True when `html` is already a block element (`<p>`, `<ul>`, ...);
    /// otherwise it is inline content to wrap in `<p>`.
    pub block: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct CaptionView {
    pub text: String,
    pub credit: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SectionView {
    pub heading: String,
    /// `"question"` or `"statement"`.
    pub kind: &'static str,
    pub is_question: bool,
    /// Level from the source: 2 (section) or 3 (sub-section).
    pub level: u8,
    /// Nesting depth: 1 for top-level sections, 2 for sub-sections. A
    /// level-3 section with no level-2 section before it counts as depth 1,
    /// so heading levels never skip.
    pub depth: u8,
    /// The stable anchor from the model.
    pub anchor: String,
    /// The element id on the current page (`#id` links to it).
    pub id: String,
    pub short_answer: Option<String>,
    pub paragraphs: Vec<ParagraphView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct QuestionView {
    pub heading: String,
    pub short_answer: Option<String>,
    pub depth: u8,
    /// The element id of the question's section on the current page.
    pub id: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct TocEntry {
    pub heading: String,
    pub is_question: bool,
    pub id: String,
    pub children: Vec<TocEntry>,
}

pub fn site_view(info: &SiteInfo, site: &Site) -> SiteView {
    SiteView {
        title: info.title.clone(),
        description: info.description.clone().filter(|d| !d.trim().is_empty()),
        language: if info.language.trim().is_empty() {
            "en".to_string()
        } else {
            info.language.clone()
        },
        briefing_count: site.briefings.len(),
        question_count: site
            .briefings
            .iter()
            .flat_map(|b| &b.sections)
            .filter(|s| s.kind == SectionKind::Question)
            .count(),
    }
}

/// Where a briefing's page lives, relative to the site root.
pub fn briefing_path(slug: &str) -> String {
    format!("briefings/{slug}/index.html")
}

/// The title to show: the briefing's own, or its slug when it has none
/// (an empty `<h1>` or link would be useless).
fn display_title(b: &Briefing) -> String {
    if b.title.trim().is_empty() {
        b.slug.clone()
    } else {
        b.title.clone()
    }
}

pub fn link_view(b: &Briefing) -> LinkView {
    LinkView {
        title: display_title(b),
        url: briefing_path(&b.slug),
    }
}

/// The view of a briefing for its own page (and for the index and question
/// lists, which link to that page): section ids are the anchors.
pub fn page_view(b: &Briefing) -> BriefingView {
    let mut used: BTreeSet<String> = RESERVED_IDS.iter().map(|s| s.to_string()).collect();
    let ids: Vec<String> = b
        .sections
        .iter()
        .enumerate()
        .map(|(i, s)| unique_id(&mut used, base_anchor(s, i)))
        .collect();
    build(b, None, ids)
}

/// Views of every briefing for the print book: each article gets the slug as
/// its id and each section `<slug>--<anchor>`, all unique across the book.
pub fn book_views(briefings: &[Briefing]) -> Vec<BriefingView> {
    let mut used: BTreeSet<String> = RESERVED_IDS.iter().map(|s| s.to_string()).collect();
    // Briefing ids first, so that slugs keep their plain form whenever possible.
    let article_ids: Vec<String> = briefings
        .iter()
        .map(|b| unique_id(&mut used, non_empty(&b.slug, "briefing")))
        .collect();
    briefings
        .iter()
        .zip(article_ids)
        .map(|(b, article_id)| {
            let ids = b
                .sections
                .iter()
                .enumerate()
                .map(|(i, s)| unique_id(&mut used, format!("{article_id}--{}", base_anchor(s, i))))
                .collect();
            build(b, Some(article_id), ids)
        })
        .collect()
}

fn non_empty(s: &str, fallback: &str) -> String {
    let s = s.trim();
    if s.is_empty() {
        fallback.to_string()
    } else {
        s.split_whitespace().collect::<Vec<_>>().join("-")
    }
}

fn base_anchor(s: &Section, index: usize) -> String {
    non_empty(&s.anchor, &format!("section-{}", index + 1))
}

/// Returns `wanted`, or `wanted-2`, `wanted-3`... if already taken.
fn unique_id(used: &mut BTreeSet<String>, wanted: String) -> String {
    let mut id = wanted.clone();
    let mut n = 2;
    while used.contains(&id) {
        id = format!("{wanted}-{n}");
        n += 1;
    }
    used.insert(id.clone());
    id
}

fn build(b: &Briefing, article_id: Option<String>, ids: Vec<String>) -> BriefingView {
    let mut sections = Vec::with_capacity(b.sections.len());
    let mut seen_top = false;
    for (s, id) in b.sections.iter().zip(ids) {
        let depth = if s.level >= 3 && seen_top { 2 } else { 1 };
        if depth == 1 {
            seen_top = true;
        }
        let is_question = s.kind == SectionKind::Question;
        sections.push(SectionView {
            heading: s.heading.clone(),
            kind: if is_question { "question" } else { "statement" },
            is_question,
            level: s.level,
            depth,
            anchor: s.anchor.clone(),
            id,
            short_answer: s.short_answer.clone().filter(|a| !a.trim().is_empty()),
            paragraphs: s.paragraphs.iter().map(paragraph_view).collect(),
        });
    }

    let questions = sections
        .iter()
        .filter(|s| s.is_question)
        .map(|s| QuestionView {
            heading: s.heading.clone(),
            short_answer: s.short_answer.clone(),
            depth: s.depth,
            id: s.id.clone(),
        })
        .collect();

    let mut toc: Vec<TocEntry> = Vec::new();
    for s in &sections {
        let entry = TocEntry {
            heading: s.heading.clone(),
            is_question: s.is_question,
            id: s.id.clone(),
            children: Vec::new(),
        };
        match toc.last_mut() {
            Some(parent) if s.depth == 2 => parent.children.push(entry),
            _ => toc.push(entry),
        }
    }

    let summary = b.summary.clone().filter(|s| !s.trim().is_empty());
    let teaser = summary.clone().or_else(|| {
        b.lead
            .iter()
            .map(|p| p.text.trim())
            .find(|t| !t.is_empty())
            .map(str::to_string)
    });

    BriefingView {
        slug: b.slug.clone(),
        title: display_title(b),
        url: briefing_path(&b.slug),
        id: article_id,
        date: b.date.map(|d| d.format("%Y-%m-%d").to_string()),
        date_display: b.date.map(|d| d.format("%-d %B %Y").to_string()),
        credit: b.credit.clone().filter(|c| !c.trim().is_empty()),
        summary,
        teaser,
        tags: b.tags.clone(),
        lead: b.lead.iter().map(paragraph_view).collect(),
        captions: b
            .captions
            .iter()
            .map(|c| CaptionView {
                text: c.text.clone(),
                credit: c.credit.clone().filter(|c| !c.trim().is_empty()),
            })
            .collect(),
        sections,
        questions,
        toc,
    }
}

fn paragraph_view(p: &Paragraph) -> ParagraphView {
    ParagraphView {
        text: p.text.clone(),
        html: p.html.clone(),
        block: is_block_html(&p.html),
    }
}

/// Whether `html` starts with a block-level element, i.e. must not be
/// wrapped in `<p>`.
fn is_block_html(html: &str) -> bool {
    const BLOCK: &[&str] = &[
        "address",
        "article",
        "aside",
        "blockquote",
        "details",
        "div",
        "dl",
        "figure",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "ul",
    ];
    let Some(rest) = html.trim_start().strip_prefix('<') else {
        return false;
    };
    let name: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    BLOCK.contains(&name.as_str())
}

//! Template views: plain, serialisable structs built from the model, so that
//! themes see a small documented context and the model can grow without
//! breaking them. Everything a template needs to decide (element ids, depth,
//! prev/next, counts, display dates) is computed here, once.
//!
//! Strings in views are plain text unless the field is called `html`; only
//! `html` fields may be marked `| safe` in templates.

use super::paths::{briefing_path, entity_path};
use crate::index::entities::SiteEntity;
use crate::index::{Site, SiteInfo};
use crate::model::{Briefing, EntityKind, Paragraph, Section, SectionKind, TextPlace};
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
    /// `base_url` from `briefing.toml`, ending in `/`, or null.
    pub base_url: Option<String>,
    /// Whether `atom.xml` and `sitemap.xml` are written (`base_url` is set).
    pub has_feed: bool,
    /// How many distinct tags the briefings carry.
    pub tag_count: usize,
    /// Whether the print book is written (`print`), and so linked.
    pub print: bool,
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
    /// The authors as one line (`Mara Quist and Tobias Fenn`), if known.
    pub authors: Option<String>,
    pub credit: Option<String>,
    /// Lines about the authors from the source (`NAME is a fellow at ...`).
    pub author_notes: Vec<String>,
    pub summary: Option<String>,
    /// The summary, or else the plain text of the first lead paragraph.
    pub teaser: Option<String>,
    pub tags: Vec<String>,
    /// The tags with their pages: `url` from the root, null in the book.
    pub tag_links: Vec<TagRef>,
    pub lead: Vec<ParagraphView>,
    pub captions: Vec<CaptionView>,
    pub sections: Vec<SectionView>,
    /// The question sections, in order (for question lists).
    pub questions: Vec<QuestionView>,
    /// "At a glance", shown when there are questions: every section, the
    /// questions with their short answers.
    pub glance: Vec<GlanceEntry>,
    /// Table of contents: top-level sections with their sub-sections nested.
    pub toc: Vec<TocEntry>,
    /// Prefix for ids the theme adds itself (`""` on a briefing's page,
    /// `"<id>--"` in the print book), so they stay unique across the book.
    pub id_prefix: String,
    /// "Who's who": people, then organisations, in order of first mention.
    pub who: Vec<EntityRef>,
    /// Places named in the briefing, in order of first mention.
    pub places: Vec<EntityRef>,
    /// "Key quotes": the first substantial quote of each named speaker.
    pub quotes: Vec<QuoteView>,
    /// "By the numbers".
    pub figures: Vec<FigureView>,
    /// "Related briefings", best first, each naming what it shares.
    pub related: Vec<RelatedView>,
    /// schema.org `NewsArticle` and `FAQPage` as JSON-LD, on the briefing's
    /// own page only (null in lists and the book).
    pub json_ld: Option<JsonLdView>,
}

/// A tag of a briefing.
#[derive(Debug, Clone, Serialize)]
pub struct TagRef {
    pub name: String,
    /// The tag's page from the root; null in the print book.
    pub url: Option<String>,
}

/// A briefing's tags, linked to their pages when `linked`.
pub fn tag_refs(tags: &[String], linked: bool) -> Vec<TagRef> {
    super::tags::kept_tags(tags)
        .iter()
        .filter(|t| !t.trim().is_empty())
        .map(|t| {
            let slug = super::tags::tag_slug(t);
            TagRef {
                name: t.trim().to_string(),
                url: (linked && !slug.is_empty()).then(|| super::paths::tag_path(&slug)),
            }
        })
        .collect()
}

/// JSON-LD ready for `<script type="application/ld+json">{{ json_ld.html | safe }}</script>`:
/// `<`, `>` and `&` are escaped as `\u003c`..., so no value can close the script.
#[derive(Debug, Clone, Serialize)]
pub struct JsonLdView {
    pub html: String,
}

/// A reference to a site entity. `url` is from the root (prefix with
/// `root`); it is null in the print book, which links only inside itself.
#[derive(Debug, Clone, Serialize)]
pub struct EntityRef {
    pub name: String,
    /// `"person"`, `"organization"` or `"place"`.
    pub kind: EntityKind,
    pub role: Option<String>,
    pub url: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct QuoteView {
    pub speaker: EntityRef,
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct FigureView {
    pub value: String,
    pub label: String,
    pub sentence: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct RelatedView {
    pub title: String,
    /// From the root; prefix with `root`.
    pub url: String,
    pub date_display: Option<String>,
    /// Names of the entities the two briefings share, most telling first.
    pub shared: Vec<String>,
}

/// One entity's own page.
#[derive(Debug, Clone, Serialize)]
pub struct EntityPageView {
    pub name: String,
    pub kind: EntityKind,
    /// "Person", "Organisation" or "Place".
    pub kind_label: &'static str,
    pub aliases: Vec<String>,
    pub roles: Vec<String>,
    pub description: Option<String>,
    /// External link from the registry.
    pub link: Option<String>,
    pub url: String,
    /// Every briefing that mentions it, in site order.
    pub mentions: Vec<EntityMentionView>,
    /// Every quote attributed to it.
    pub quotes: Vec<EntityQuoteView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EntityMentionView {
    pub title: String,
    /// The briefing, at the section of the first mention; from the root.
    pub url: String,
    pub date_display: Option<String>,
    /// The sentence of the first mention.
    pub sentence: String,
    pub count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct EntityQuoteView {
    pub text: String,
    pub title: String,
    pub url: String,
}

/// One group of the entities index ("People", "Organisations", "Places").
#[derive(Debug, Clone, Serialize)]
pub struct EntityGroupView {
    pub label: &'static str,
    pub id: &'static str,
    pub entities: Vec<EntitySummaryView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EntitySummaryView {
    pub name: String,
    pub url: String,
    pub role: Option<String>,
    pub briefing_count: usize,
    pub quote_count: usize,
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
    /// The short answer is the answer's first sentence, not the editor's.
    pub answer_guessed: bool,
    pub depth: u8,
    /// The element id of the question's section on the current page.
    pub id: String,
}

/// One line of "At a glance".
#[derive(Debug, Clone, Serialize)]
pub struct GlanceEntry {
    pub heading: String,
    pub is_question: bool,
    /// For a question: its short answer.
    pub short_answer: Option<String>,
    /// The short answer is the answer's first sentence, not the editor's.
    pub answer_guessed: bool,
    pub depth: u8,
    /// The element id of the section on the current page.
    pub id: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct TocEntry {
    pub heading: String,
    pub is_question: bool,
    pub id: String,
    pub children: Vec<TocEntry>,
}

/// The site-wide view every template receives; `tag_count` is how many
/// tags the site has (grouped once, by the plan).
pub fn site_view(info: &SiteInfo, site: &Site, tag_count: usize) -> SiteView {
    SiteView {
        title: info.title.clone(),
        description: info.description.clone().filter(|d| !d.trim().is_empty()),
        language: if info.language.trim().is_empty() {
            "en".to_string()
        } else {
            info.language.clone()
        },
        base_url: super::paths::base_url(info),
        has_feed: super::paths::base_url(info).is_some(),
        tag_count,
        print: false,
        briefing_count: site.briefings.len(),
        question_count: site
            .briefings
            .iter()
            .flat_map(|b| &b.sections)
            .filter(|s| s.kind == SectionKind::Question)
            .count(),
    }
}

/// The title to show: the briefing's own, or its slug when it has none
/// (an empty `<h1>` or link would be useless).
pub(crate) fn display_title(b: &Briefing) -> String {
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

/// The element ids of a briefing's sections on its own page (the anchors
/// links and search results point at).
pub fn section_ids(b: &Briefing) -> Vec<String> {
    // Extraction already gives every section a unique, plain anchor, and
    // then the ids are the anchors: checked first because every list card
    // and search document needs the ids, and building the scope below cost
    // more than the rest of a card.
    let plain =
        |a: &str| !a.is_empty() && !a.contains(char::is_whitespace) && !RESERVED_IDS.contains(&a);
    let sections = &b.sections;
    let anchors_are_ids = sections.len() <= 64
        && sections
            .iter()
            .enumerate()
            .all(|(i, s)| plain(&s.anchor) && sections[..i].iter().all(|t| t.anchor != s.anchor));
    if anchors_are_ids {
        return sections.iter().map(|s| s.anchor.clone()).collect();
    }
    let mut used = crate::text::UniqueIds::with_reserved(RESERVED_IDS);
    b.sections
        .iter()
        .enumerate()
        .map(|(i, s)| unique_id(&mut used, base_anchor(s, i)))
        .collect()
}

/// The view of briefing `index` for its own page: section ids are the
/// anchors and the first mention of each entity links to the entity's
/// page (the renderer adds the JSON-LD, `render::jsonld`).
pub fn page_view(site: &Site, index: usize) -> BriefingView {
    let b = &site.briefings[index];
    let mut view = build(b, None, section_ids(b));
    view.tag_links = tag_refs(&b.tags, true);
    add_cross_links(site, index, &mut view, Some("../../"));
    view
}

/// A briefing in a list (index, questions and tag pages, the feed): what a
/// reader scans before opening it. No body: a list page of 50 briefings
/// would otherwise carry 50 bodies' worth of context that no list shows,
/// and building it was most of the cost of a list page.
#[derive(Debug, Clone, Serialize)]
pub struct CardView {
    pub slug: String,
    pub title: String,
    /// Path of the briefing's page from the site root; prefix with `root`.
    pub url: String,
    pub date: Option<String>,
    pub date_display: Option<String>,
    pub authors: Option<String>,
    pub credit: Option<String>,
    pub summary: Option<String>,
    pub teaser: Option<String>,
    pub tags: Vec<String>,
    pub tag_links: Vec<TagRef>,
    /// The question sections, in order, with their ids on the briefing's page.
    pub questions: Vec<QuestionView>,
}

/// `A`, `A and B`, `A, B and C`; `None` without authors.
pub fn authors_line(authors: &[String]) -> Option<String> {
    match authors {
        [] => None,
        [one] => Some(one.clone()),
        [rest @ .., last] => Some(format!("{} and {last}", rest.join(", "))),
    }
}

/// The card of briefing `index`: the same values as its page view has for
/// these fields, without building the body.
pub fn card_view(site: &Site, index: usize) -> CardView {
    let b = &site.briefings[index];
    let summary = b.summary.clone().filter(|s| !s.trim().is_empty());
    CardView {
        slug: b.slug.clone(),
        title: display_title(b),
        url: briefing_path(&b.slug),
        date: b.date.map(crate::text::iso_date),
        date_display: b.date.map(crate::text::display_date),
        authors: authors_line(&b.authors),
        credit: b.credit.clone().filter(|c| !c.trim().is_empty()),
        teaser: teaser(b, &summary),
        summary,
        tags: super::tags::kept_tags(&b.tags).to_vec(),
        tag_links: tag_refs(&b.tags, true),
        questions: question_views(b, &section_ids(b)),
    }
}

/// Depth of each section: 1 top-level, 2 for a level-3 heading under a
/// top-level one (a level-3 heading before any level-2 one stays at 1).
fn section_depths(b: &Briefing) -> impl Iterator<Item = u8> + '_ {
    let mut seen_top = false;
    b.sections.iter().map(move |s| {
        let depth = if s.level >= 3 && seen_top { 2 } else { 1 };
        if depth == 1 {
            seen_top = true;
        }
        depth
    })
}

fn question_views(b: &Briefing, ids: &[String]) -> Vec<QuestionView> {
    b.sections
        .iter()
        .zip(section_depths(b))
        .zip(ids)
        .filter(|((s, _), _)| s.kind == SectionKind::Question)
        .map(|((s, depth), id)| QuestionView {
            heading: s.heading.clone(),
            short_answer: non_blank(&s.short_answer),
            answer_guessed: s.answer_guessed,
            depth,
            id: id.clone(),
        })
        .collect()
}

/// "At a glance": every section in order, a question with its short
/// answer (marked when guessed), a statement section as its heading; the
/// one box over the text, so the contents box is not repeated under it.
fn glance_entries(b: &Briefing, ids: &[String]) -> Vec<GlanceEntry> {
    b.sections
        .iter()
        .zip(section_depths(b))
        .zip(ids)
        .map(|((s, depth), id)| {
            let is_question = s.kind == SectionKind::Question;
            GlanceEntry {
                heading: s.heading.clone(),
                is_question,
                short_answer: non_blank(&s.short_answer).filter(|_| is_question),
                answer_guessed: is_question && s.answer_guessed,
                depth,
                id: id.clone(),
            }
        })
        .collect()
}

fn non_blank(text: &Option<String>) -> Option<String> {
    text.clone().filter(|t| !t.trim().is_empty())
}

/// The summary, or else the plain text of the first non-empty lead paragraph.
fn teaser(b: &Briefing, summary: &Option<String>) -> Option<String> {
    summary.clone().or_else(|| {
        b.lead
            .iter()
            .map(|p| p.text.trim())
            .find(|t| !t.is_empty())
            .map(str::to_string)
    })
}

/// Views of the briefings in `range` (site order) for one volume of the
/// print book: each article gets the slug as its id and each section
/// `<slug>--<anchor>`, all unique across the volume.
pub fn book_views(site: &Site, range: std::ops::Range<usize>) -> Vec<BriefingView> {
    let briefings = &site.briefings[range.clone()];
    let mut used = crate::text::UniqueIds::with_reserved(RESERVED_IDS);
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
        .zip(range)
        .map(|(mut view, index)| {
            add_cross_links(site, index, &mut view, None);
            view
        })
        .collect()
}

/// Where one page of a paginated list is and how to reach the others
/// (`pagination` in `index.html` and `questions.html`).
#[derive(Debug, Clone, Serialize)]
pub struct PaginationView {
    /// This page's number, from 1.
    pub current: usize,
    /// How many pages the list has.
    pub total: usize,
    /// Links from the root; null on the first / last page.
    pub prev: Option<String>,
    pub next: Option<String>,
    /// The numbered links to show: the first, the last and the pages
    /// around the current one; a `null` number marks a gap.
    pub pages: Vec<PageLink>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PageLink {
    pub number: Option<usize>,
    /// From the root; null for a gap.
    pub url: Option<String>,
    pub current: bool,
}

/// The pagination of page `current` (from 1) of `total`, where `url(n)`
/// is the path of page `n` from the root.
pub fn pagination(current: usize, total: usize, url: impl Fn(usize) -> String) -> PaginationView {
    let mut pages = Vec::new();
    let mut last_shown = 0;
    for n in 1..=total {
        let shown = n == 1 || n == total || n.abs_diff(current) <= 2;
        if !shown {
            continue;
        }
        if n > last_shown + 1 {
            pages.push(PageLink {
                number: None,
                url: None,
                current: false,
            });
        }
        pages.push(PageLink {
            number: Some(n),
            url: Some(url(n)),
            current: n == current,
        });
        last_shown = n;
    }
    PaginationView {
        current,
        total,
        prev: (current > 1).then(|| url(current - 1)),
        next: (current < total).then(|| url(current + 1)),
        pages,
    }
}

/// Which volume of the print book a page is (`volume` in `print.html`).
#[derive(Debug, Clone, Serialize)]
pub struct VolumeView {
    /// From 1.
    pub number: usize,
    /// How many volumes the book has (1 for most sites).
    pub count: usize,
    /// Site-order numbers (from 1) of the first and last briefing in it.
    pub first: usize,
    pub last: usize,
    /// Every volume, for the contents of the book on screen.
    pub volumes: Vec<PageLink>,
}

fn non_empty(s: &str, fallback: &str) -> String {
    let s = s.trim();
    if s.is_empty() {
        fallback.to_string()
    } else if !s.contains(char::is_whitespace) {
        // Anchors and slugs almost never hold a space: no split and join.
        s.to_string()
    } else {
        s.split_whitespace().collect::<Vec<_>>().join("-")
    }
}

fn base_anchor(s: &Section, index: usize) -> String {
    if s.anchor.trim().is_empty() {
        format!("section-{}", index + 1)
    } else {
        non_empty(&s.anchor, "")
    }
}

/// Returns `wanted`, or `wanted-2`, `wanted-3`... if already taken.
fn unique_id(used: &mut crate::text::UniqueIds, wanted: String) -> String {
    used.claim(&wanted)
}

fn build(b: &Briefing, article_id: Option<String>, ids: Vec<String>) -> BriefingView {
    let questions = question_views(b, &ids);
    let glance = if questions.is_empty() {
        Vec::new()
    } else {
        glance_entries(b, &ids)
    };
    let sections: Vec<SectionView> = b
        .sections
        .iter()
        .zip(section_depths(b))
        .zip(ids)
        .map(|((s, depth), id)| {
            let is_question = s.kind == SectionKind::Question;
            SectionView {
                heading: s.heading.clone(),
                kind: if is_question { "question" } else { "statement" },
                is_question,
                level: s.level,
                depth,
                anchor: s.anchor.clone(),
                id,
                short_answer: non_blank(&s.short_answer),
                paragraphs: s.paragraphs.iter().map(paragraph_view).collect(),
            }
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

    let summary = non_blank(&b.summary);
    let teaser = teaser(b, &summary);

    BriefingView {
        slug: b.slug.clone(),
        title: display_title(b),
        url: briefing_path(&b.slug),
        id_prefix: article_id
            .as_ref()
            .map(|id| format!("{id}--"))
            .unwrap_or_default(),
        id: article_id,
        date: b.date.map(crate::text::iso_date),
        date_display: b.date.map(crate::text::display_date),
        authors: authors_line(&b.authors),
        credit: b.credit.clone().filter(|c| !c.trim().is_empty()),
        author_notes: b
            .meta_lines
            .iter()
            .filter(|m| matches!(m.meta, crate::model::MetaRole::AuthorBlurb { .. }))
            .map(|m| m.text.clone())
            .collect(),
        summary,
        teaser,
        tags: super::tags::kept_tags(&b.tags).to_vec(),
        tag_links: tag_refs(&b.tags, false),
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
        glance,
        toc,
        who: Vec::new(),
        places: Vec::new(),
        quotes: Vec::new(),
        figures: Vec::new(),
        related: Vec::new(),
        json_ld: None,
    }
}

/// Most quotes and figures listed on a briefing page; the entity pages
/// carry every quote.
const MAX_KEY_QUOTES: usize = 8;

/// A quote's words for spotting the same quote twice: lower case, letters
/// and digits only.
fn quote_key(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}
const MAX_FIGURES: usize = 8;
const MAX_SHARED_NAMES: usize = 6;
/// A quote shorter than this many words is a phrase, not a key quote.
const MIN_KEY_QUOTE_WORDS: usize = 6;

fn entity_ref(e: &SiteEntity, role: Option<&str>, linked: bool) -> EntityRef {
    EntityRef {
        name: e.name.clone(),
        kind: e.kind,
        role: role
            .map(str::to_string)
            .or_else(|| e.roles.first().cloned()),
        url: linked.then(|| entity_path(&e.slug)),
    }
}

/// Fills the cross-link boxes of a briefing view and, when `root` is given
/// (a page of its own, not the book), links each entity's first mention in
/// the body to its page.
fn add_cross_links(site: &Site, index: usize, view: &mut BriefingView, root: Option<&str>) {
    let b = &site.briefings[index];
    let map = &site.briefing_entities[index];
    let linked = root.is_some();
    // A doubtful entity has no site entity: no line, no link, no quote.
    let site_entity = |local: usize| map[local].map(|e| &site.entities[e]);

    let mut seen = BTreeSet::new();
    let mut people = Vec::new();
    let mut organizations = Vec::new();
    for (local, e) in b.entities.iter().enumerate() {
        let Some(entity) = site_entity(local) else {
            continue;
        };
        if !seen.insert(map[local]) {
            continue;
        }
        let r = entity_ref(entity, e.role.as_deref(), linked);
        match e.kind {
            // The briefing's authors and credited staff are no one it is about.
            EntityKind::Person if e.evidence.contains(&"byline") => {}
            // The agency that filed it, when the text never names it.
            EntityKind::Organization if e.mentions.is_empty() && e.evidence == ["credit"] => {}
            EntityKind::Person => people.push(r),
            EntityKind::Organization => organizations.push(r),
            EntityKind::Place => view.places.push(r),
        }
    }
    view.who = people.into_iter().chain(organizations).collect();

    let mut quoted = BTreeSet::new();
    let by_name = b.entity_by_name();
    let mut quoted_texts = BTreeSet::new();
    for q in &b.quotes {
        if view.quotes.len() >= MAX_KEY_QUOTES {
            break;
        }
        let Some(speaker) = &q.speaker else { continue };
        let Some((local, entity)) = by_name
            .get(speaker.as_str())
            .and_then(|&local| Some((local, site_entity(local)?)))
        else {
            continue;
        };
        if !crate::text::has_words(&q.text, MIN_KEY_QUOTE_WORDS)
            || !quoted_texts.insert(quote_key(&q.text))
            || !quoted.insert(map[local])
        {
            continue;
        }
        view.quotes.push(QuoteView {
            speaker: entity_ref(entity, b.entities[local].role.as_deref(), linked),
            text: q.text.clone(),
        });
    }

    let mut seen_figures = BTreeSet::new();
    view.figures = b
        .figures
        .iter()
        // The same figure restated later adds nothing to the box.
        .filter(|f| seen_figures.insert((f.value.as_str(), f.label.as_str())))
        .take(MAX_FIGURES)
        .map(|f| FigureView {
            value: f.value.clone(),
            label: f.label.clone(),
            sentence: f.sentence.clone(),
        })
        .collect();

    if linked {
        view.related = site.related[index]
            .iter()
            .map(|r| {
                let other = &site.briefings[r.briefing];
                RelatedView {
                    title: display_title(other),
                    url: briefing_path(&other.slug),
                    date_display: other.date.map(crate::text::display_date),
                    shared: {
                        // People and organisations say more about a story
                        // than tags, and tags more than places.
                        let mut shared: Vec<&SiteEntity> =
                            r.shared.iter().map(|&e| &site.entities[e]).collect();
                        shared.sort_by_key(|e| e.kind);
                        let (places, named): (Vec<&SiteEntity>, Vec<&SiteEntity>) = shared
                            .into_iter()
                            .partition(|e| e.kind == crate::model::EntityKind::Place);
                        named
                            .iter()
                            .map(|e| e.name.clone())
                            .chain(r.shared_tags.iter().cloned())
                            .chain(places.iter().map(|e| e.name.clone()))
                            .take(MAX_SHARED_NAMES)
                            .collect()
                    },
                }
            })
            .collect();
    }

    if let Some(root) = root {
        link_first_mentions(b, map, site, view, root);
    }
}

/// Wraps the first mention of each entity in the body (lead or section
/// paragraphs; headings and captions are left alone) in a link to its page.
fn link_first_mentions(
    b: &Briefing,
    map: &[Option<usize>],
    site: &Site,
    view: &mut BriefingView,
    root: &str,
) {
    let units = b.text_units();
    let mut linked = BTreeSet::new();
    let mut first: Vec<(usize, TextPlace, &str)> = Vec::new();
    for (local, e) in b.entities.iter().enumerate() {
        let Some(m) = e.mentions.iter().find(|m| {
            matches!(
                units.get(m.paragraph),
                Some((TextPlace::Lead { .. } | TextPlace::Paragraph { .. }, _))
            )
        }) else {
            continue;
        };
        if map[local].is_some() && linked.insert(map[local]) {
            first.push((m.paragraph, units[m.paragraph].0, m.text.as_str()));
        }
    }
    first.sort_by_key(|(unit, _, _)| *unit);
    // The entity a mention belongs to: the first with that text in that
    // paragraph, from one table (a scan per mention was quadratic in a
    // briefing that names thousands).
    let mut owner: std::collections::HashMap<(usize, &str), usize> = Default::default();
    for (local, e) in b.entities.iter().enumerate() {
        for m in &e.mentions {
            owner.entry((m.paragraph, m.text.as_str())).or_insert(local);
        }
    }
    let local_of = |unit: usize, text: &str| owner.get(&(unit, text)).copied();
    for (unit, place, text) in first {
        let Some(local) = local_of(unit, text) else {
            continue;
        };
        let Some(entity) = map[local].map(|e| &site.entities[e]) else {
            continue;
        };
        let url = format!("{root}{}", entity_path(&entity.slug));
        let paragraph = match place {
            TextPlace::Lead { index } => view.lead.get_mut(index),
            TextPlace::Paragraph { section, index } => view
                .sections
                .get_mut(section)
                .and_then(|s| s.paragraphs.get_mut(index)),
            _ => None,
        };
        if let Some(p) = paragraph {
            if let Some(html) = link_in_html(&p.html, &crate::text::escape_html(text), &url) {
                p.html = html;
            }
        }
    }
}

/// Wraps the first occurrence of `needle` (already HTML-escaped) that lies
/// in text, outside tags and outside existing links, in `<a href=url>`.
/// Returns `None` when there is no such occurrence.
pub fn link_in_html(html: &str, needle: &str, url: &str) -> Option<String> {
    if needle.is_empty() {
        return None;
    }
    let bytes = html.as_bytes();
    let mut i = 0;
    let mut in_link = 0usize;
    while i < html.len() {
        if bytes[i] == b'<' {
            let end = html[i..].find('>').map_or(html.len(), |e| i + e + 1);
            let tag = html[i..end].to_ascii_lowercase();
            if tag.starts_with("<a ") || tag == "<a>" {
                in_link += 1;
            } else if tag.starts_with("</a") {
                in_link = in_link.saturating_sub(1);
            }
            i = end;
            continue;
        }
        let text_end = html[i..].find('<').map_or(html.len(), |e| i + e);
        if in_link == 0 {
            if let Some(pos) = crate::text::word_occurrences(&html[i..text_end], needle).next() {
                let start = i + pos;
                let end = start + needle.len();
                return Some(format!(
                    "{}<a class=\"entity-link\" href=\"{}\">{}</a>{}",
                    &html[..start],
                    crate::text::escape_html(url),
                    &html[start..end],
                    &html[end..]
                ));
            }
        }
        i = text_end;
    }
    None
}

/// The page of one site entity.
pub fn entity_page_view(site: &Site, e: &SiteEntity) -> EntityPageView {
    let mentions = e
        .mentions
        .iter()
        .map(|m| {
            let b = &site.briefings[m.briefing];
            let anchor = match m.place {
                TextPlace::Heading { section } | TextPlace::Paragraph { section, .. } => {
                    b.sections.get(section).map(|s| format!("#{}", s.anchor))
                }
                _ => None,
            };
            EntityMentionView {
                title: display_title(b),
                url: format!("{}{}", briefing_path(&b.slug), anchor.unwrap_or_default()),
                date_display: b.date.map(crate::text::display_date),
                sentence: m.sentence.to_string(),
                count: m.count,
            }
        })
        .collect();
    // The same words reprinted in several briefings are listed once.
    let mut seen_quotes = BTreeSet::new();
    let quotes = e
        .quotes
        .iter()
        .filter(|&&(bi, qi)| seen_quotes.insert(quote_key(&site.briefings[bi].quotes[qi].text)))
        .map(|&(bi, qi)| {
            let b = &site.briefings[bi];
            EntityQuoteView {
                text: b.quotes[qi].text.clone(),
                title: display_title(b),
                url: briefing_path(&b.slug),
            }
        })
        .collect();
    EntityPageView {
        name: e.name.clone(),
        kind: e.kind,
        kind_label: kind_label(e.kind),
        aliases: e.aliases.clone(),
        roles: e.roles.clone(),
        description: e.description.clone(),
        link: e
            .link
            .clone()
            .filter(|l| l.starts_with("https://") || l.starts_with("http://")),
        url: entity_path(&e.slug),
        mentions,
        quotes,
    }
}

impl EntityPageView {
    /// The view without its mentions and quotes: what every page of a
    /// paginated entity page repeats.
    pub fn header(&self) -> EntityPageView {
        EntityPageView {
            name: self.name.clone(),
            kind: self.kind,
            kind_label: self.kind_label,
            aliases: self.aliases.clone(),
            roles: self.roles.clone(),
            description: self.description.clone(),
            link: self.link.clone(),
            url: self.url.clone(),
            mentions: Vec::new(),
            quotes: Vec::new(),
        }
    }
}

pub fn kind_label(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "Person",
        EntityKind::Organization => "Organisation",
        EntityKind::Place => "Place",
    }
}

/// The entities index: people, organisations, places, each by name.
pub fn entity_groups(site: &Site) -> Vec<EntityGroupView> {
    [
        (EntityKind::Person, "People", "people"),
        (EntityKind::Organization, "Organisations", "organisations"),
        (EntityKind::Place, "Places", "places"),
    ]
    .into_iter()
    .map(|(kind, label, id)| EntityGroupView {
        label,
        id,
        entities: site
            .entities
            .iter()
            .filter(|e| e.kind == kind)
            .map(|e| EntitySummaryView {
                name: e.name.clone(),
                url: entity_path(&e.slug),
                role: e.roles.first().cloned(),
                briefing_count: e.mentions.len(),
                quote_count: e.quotes.len(),
            })
            .collect(),
    })
    .filter(|g| !g.entities.is_empty())
    .collect()
}

/// A paragraph as a page shows it, its `data:` link targets dropped
/// ([`super::urls`]).
fn paragraph_view(p: &Paragraph) -> ParagraphView {
    let html = super::urls::drop_data_urls(&p.html).into_owned();
    ParagraphView {
        text: p.text.clone(),
        block: is_block_html(&html),
        html,
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

#[cfg(test)]
mod link_tests {
    use super::link_in_html;

    #[test]
    fn first_mention_in_text_is_linked() {
        assert_eq!(
            link_in_html(
                "Vladimir Putin met Putin.",
                "Vladimir Putin",
                "../../entities/p/index.html"
            )
            .unwrap(),
            "<a class=\"entity-link\" href=\"../../entities/p/index.html\">Vladimir Putin</a> met Putin."
        );
    }

    #[test]
    fn text_inside_tags_and_links_is_not_linked() {
        let html = "<a href=\"x\">Cha</a> and <span title=\"Cha\">Cha</span>";
        let linked = link_in_html(html, "Cha", "e.html").unwrap();
        assert_eq!(
            linked,
            "<a href=\"x\">Cha</a> and <span title=\"Cha\"><a class=\"entity-link\" href=\"e.html\">Cha</a></span>"
        );
    }

    #[test]
    fn only_whole_words_are_linked() {
        assert_eq!(
            link_in_html("Kimberley Kim", "Kim", "e").unwrap(),
            "Kimberley <a class=\"entity-link\" href=\"e\">Kim</a>"
        );
        assert_eq!(link_in_html("Kimberley", "Kim", "e"), None);
    }
}

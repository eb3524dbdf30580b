//! Discovery and syndication views: the search documents, the Atom feed,
//! the sitemap and the machine-readable JSON outputs (tags are in
//! `render::tags`, JSON-LD in `render::jsonld`). Plain
//! values built from the site, like [`super::views`]; URLs are from the
//! root unless they are absolute (built from `base_url`).

use super::paths::{briefing_path, entity_path};
use super::tags::TagView;
use super::views;
use crate::index::Site;
use crate::model::EntityKind;
use crate::model::TextPlace;
use crate::search::index::{Doc, DocKind, DocMeta};
use serde::Serialize;
use std::collections::BTreeMap;

/// The searchable documents of briefing `index`: its lead, its sections
/// (linking to their anchors on the briefing's page) and its quotes.
pub fn briefing_search_docs(site: &Site, index: usize) -> Vec<Doc> {
    let b = &site.briefings[index];
    let title = views::display_title(b);
    let url = briefing_path(&b.slug);
    let ids = views::section_ids(b);
    let mut docs = Vec::with_capacity(1 + b.sections.len() + b.quotes.len());
    let summary = b.summary.as_deref().filter(|s| !s.trim().is_empty());
    let mut lead: Vec<&str> = Vec::new();
    lead.extend(summary);
    lead.extend(b.lead.iter().map(|p| p.text.as_str()));
    lead.extend(b.captions.iter().map(|c| c.text.as_str()));
    docs.push(Doc {
        kind: DocKind::Briefing,
        title: title.clone(),
        context: b.date.map(crate::text::display_date).unwrap_or_default(),
        url: url.clone(),
        text: lead.join(" "),
        keywords: b.tags.join(" "),
        meta: DocMeta {
            date: b.date.map(|d| {
                let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
                i32::try_from(d.signed_duration_since(epoch).num_days()).unwrap_or(0)
            }),
            tags: views::tag_refs(&b.tags, false)
                .into_iter()
                .map(|t| (super::tags::tag_slug(&t.name), t.name))
                .filter(|(slug, _)| !slug.is_empty())
                .collect(),
            ..DocMeta::default()
        },
    });
    for (s, id) in b.sections.iter().zip(&ids) {
        let mut text: Vec<&str> = Vec::new();
        let body: Vec<&str> = s.paragraphs.iter().map(|p| p.text.as_str()).collect();
        if let Some(short) = s.short_answer.as_deref().filter(|a| !a.trim().is_empty()) {
            if !body.iter().any(|p| p.contains(short)) {
                text.push(short);
            }
        }
        text.extend(body);
        docs.push(Doc {
            kind: if s.kind == crate::model::SectionKind::Question {
                DocKind::Question
            } else {
                DocKind::Section
            },
            title: s.heading.clone(),
            context: title.clone(),
            url: format!("{url}#{id}"),
            text: text.join(" "),
            keywords: String::new(),
            meta: DocMeta::default(),
        });
    }
    let units = b.text_units();
    for q in &b.quotes {
        let anchor = match units.get(q.paragraph).map(|u| u.0) {
            Some(TextPlace::Heading { section } | TextPlace::Paragraph { section, .. }) => ids
                .get(section)
                .map(|id| format!("#{id}"))
                .unwrap_or_default(),
            _ => String::new(),
        };
        docs.push(Doc {
            kind: DocKind::Quote,
            title: q.speaker.clone().unwrap_or_else(|| "Quote".to_string()),
            context: title.clone(),
            url: format!("{url}{anchor}"),
            text: q.text.clone(),
            keywords: String::new(),
            meta: DocMeta::default(),
        });
    }
    docs
}

/// The searchable documents that are not briefings: every entity, then
/// every tag.
pub fn site_search_docs(site: &Site, tags: &[TagView]) -> Vec<Doc> {
    let mut docs = Vec::with_capacity(site.entities.len() + tags.len());
    for e in &site.entities {
        let mut text: Vec<String> = e.roles.clone();
        text.extend(e.description.clone());
        if !e.aliases.is_empty() {
            text.push(format!("Also written as {}.", e.aliases.join(", ")));
        }
        docs.push(Doc {
            kind: DocKind::Entity,
            title: e.name.clone(),
            context: format!(
                "{} · {} briefing{}",
                views::kind_label(e.kind),
                e.mentions.len(),
                if e.mentions.len() == 1 { "" } else { "s" }
            ),
            url: entity_path(&e.slug),
            text: text.join(" · "),
            // Comma-separated: search.js ranks a query that is one of
            // them as it does one that is the name.
            keywords: e.aliases.join(", "),
            meta: DocMeta {
                class: match e.kind {
                    EntityKind::Person => b'p',
                    EntityKind::Organization => b'o',
                    EntityKind::Place => b'l',
                },
                acronyms: e
                    .aliases
                    .iter()
                    .filter(|a| crate::search::is_acronym(a.trim()))
                    .map(|a| a.trim().to_string())
                    .collect(),
                ..DocMeta::default()
            },
        });
    }
    for t in tags {
        docs.push(Doc {
            kind: DocKind::Tag,
            title: t.name.clone(),
            context: format!(
                "Tag · {} briefing{}",
                t.count,
                if t.count == 1 { "" } else { "s" }
            ),
            url: t.url.clone(),
            text: String::new(),
            keywords: String::new(),
            meta: DocMeta::default(),
        });
    }
    docs
}

/// One entry of the Atom feed.
#[derive(Debug, Clone, Serialize)]
pub struct FeedEntry {
    pub title: String,
    /// Absolute URL of the briefing's page (also the entry's id).
    pub url: String,
    /// RFC 3339: the briefing's date at midnight UTC, or the feed's
    /// `updated` for undated briefings.
    pub updated: String,
    pub published: Option<String>,
    pub author: String,
    pub summary: Option<String>,
    pub tags: Vec<String>,
    pub questions: Vec<FeedQuestion>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FeedQuestion {
    pub heading: String,
    pub short_answer: Option<String>,
    /// Absolute URL of the question's section.
    pub url: String,
}

/// The Atom feed: the site and one entry per briefing, in site order.
#[derive(Debug, Clone, Serialize)]
pub struct FeedView {
    pub title: String,
    pub subtitle: Option<String>,
    /// The site's address (also the feed's id).
    pub site_url: String,
    /// Absolute URL of `atom.xml`.
    pub feed_url: String,
    /// The newest briefing date (never the clock, so builds are
    /// reproducible); `1970-01-01T00:00:00Z` when no briefing is dated.
    pub updated: String,
    pub entries: Vec<FeedEntry>,
}

fn rfc3339(date: chrono::NaiveDate) -> String {
    format!("{}T00:00:00Z", crate::text::iso_date(date))
}

/// The feed shows the newest `limit` briefings (all when `limit` is 0):
/// readers poll it, so it stays small however large the site grows.
pub fn feed_view(site: &Site, base: &str, limit: usize) -> FeedView {
    let updated = site
        .briefings
        .iter()
        .filter_map(|b| b.date)
        .max()
        .map(rfc3339)
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".to_string());
    let shown = if limit == 0 {
        site.briefings.len()
    } else {
        limit.min(site.briefings.len())
    };
    let entries = (0..shown)
        .map(|i| {
            let b = &site.briefings[i];
            let v = views::card_view(site, i);
            let url = format!("{base}{}", v.url);
            FeedEntry {
                title: v.title.clone(),
                updated: b.date.map(rfc3339).unwrap_or_else(|| updated.clone()),
                published: b.date.map(rfc3339),
                author: v
                    .authors
                    .clone()
                    .or_else(|| v.credit.clone())
                    .unwrap_or_else(|| site.info.title.clone()),
                summary: v.teaser.clone(),
                tags: v.tag_links.iter().map(|t| t.name.clone()).collect(),
                questions: v
                    .questions
                    .iter()
                    .map(|q| FeedQuestion {
                        heading: q.heading.clone(),
                        short_answer: q.short_answer.clone(),
                        url: format!("{url}#{}", q.id),
                    })
                    .collect(),
                url,
            }
        })
        .collect();
    FeedView {
        title: site.info.title.clone(),
        subtitle: site
            .info
            .description
            .clone()
            .filter(|d| !d.trim().is_empty()),
        site_url: base.to_string(),
        feed_url: format!("{base}atom.xml"),
        updated,
        entries,
    }
}

/// One `<url>` of the sitemap.
#[derive(Debug, Clone, Serialize)]
pub struct SitemapUrl {
    pub loc: String,
    /// `YYYY-MM-DD` for briefing pages with a date.
    pub lastmod: Option<String>,
}

/// Every page worth finding from outside, absolute: the index, each
/// briefing, the questions, entities and tags pages (not the print book,
/// which repeats the briefings, nor the search page).
pub fn sitemap(site: &Site, page_paths: &[String], base: &str) -> Vec<SitemapUrl> {
    let dates: BTreeMap<String, String> = site
        .briefings
        .iter()
        .filter_map(|b| {
            b.date
                .map(|d| (briefing_path(&b.slug), crate::text::iso_date(d)))
        })
        .collect();
    page_paths
        .iter()
        .filter(|p| p.ends_with(".html") && !is_print_volume(p) && *p != "search/index.html")
        .map(|p| SitemapUrl {
            loc: format!("{base}{p}"),
            lastmod: dates.get(p).cloned(),
        })
        .collect()
}

/// `print.html` and its further volumes `print-2.html`, `print-3.html`...
fn is_print_volume(path: &str) -> bool {
    path == "print.html"
        || path
            .strip_prefix("print-")
            .and_then(|rest| rest.strip_suffix(".html"))
            .is_some_and(|n| n.parse::<usize>().is_ok())
}

/// One line of `briefings.json`.
#[derive(Debug, Clone, Serialize)]
pub struct BriefingListEntry {
    pub slug: String,
    pub title: String,
    pub date: Option<String>,
    /// The page, from the root.
    pub url: String,
    /// The extracted model (`extract --json` shape), from the root; only
    /// with `json = "per-briefing"`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub json: Option<String>,
}

pub fn briefing_json_path(slug: &str) -> String {
    format!("briefings/{slug}.json")
}

/// Every briefing's line of `briefings.json`; `per_briefing` says whether
/// each briefing's own JSON file is written (and so linked).
pub fn briefing_list(site: &Site, per_briefing: bool) -> Vec<BriefingListEntry> {
    site.briefings
        .iter()
        .map(|b| BriefingListEntry {
            slug: b.slug.clone(),
            title: views::display_title(b),
            date: b.date.map(crate::text::iso_date),
            url: briefing_path(&b.slug),
            json: per_briefing.then(|| briefing_json_path(&b.slug)),
        })
        .collect()
}

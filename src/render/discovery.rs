//! Discovery and syndication views: tags, the search documents, JSON-LD,
//! the Atom feed, the sitemap and the machine-readable JSON outputs. Plain
//! values built from the site, like [`super::views`]; URLs are from the
//! root unless they are absolute (built from `base_url`).

use super::views::{self, BriefingView, JsonLdView, TagRef, briefing_path, entity_path};
use crate::index::{Site, SiteInfo};
use crate::model::{EntityKind, TextPlace};
use crate::search::index::{Doc, DocKind};
use serde::Serialize;
use std::collections::BTreeMap;

/// `base_url` with a trailing `/`, or `None` when unset or blank.
pub fn base_url(info: &SiteInfo) -> Option<String> {
    let url = info.base_url.as_deref()?.trim();
    if url.is_empty() {
        return None;
    }
    Some(if url.ends_with('/') {
        url.to_string()
    } else {
        format!("{url}/")
    })
}

/// The folder name of a tag's page: a function of the name alone, so every
/// page links to a tag the same way and a rebuild never moves one.
///
/// Letters and digits are kept (lowercased, accents folded), `+`, `#` and
/// `&` become the words `plus`, `sharp` and `and` (`C++` is `c-plus-plus`,
/// `C#` `c-sharp`), apostrophes and dots vanish, and spaces, `-` and `_`
/// separate words. When that loses something of the name (another symbol,
/// a doubled or trailing `-`: `c--`, `C/C++`), the slug ends in `-` and a
/// hash of the lowercased name, so two tags that differ in more than case
/// never share a page, and `C`, `c--` and `C++` are three tags. A long slug
/// is cut with a hash suffix ([`crate::text::fit_slug`]).
pub fn tag_slug(name: &str) -> String {
    enum Last {
        Start,
        Letter,
        Symbol,
        Gap(char),
    }
    let name = name.trim();
    let mut slug = String::with_capacity(name.len());
    let mut exact = true;
    let mut last = Last::Start;
    let mut buf = [0u8; 4];
    for c in name.chars() {
        let symbol = match c {
            '\'' | '\u{2018}' | '\u{2019}' | '.' => continue,
            '+' => Some("plus"),
            '#' => Some("sharp"),
            '&' => Some("and"),
            _ => None,
        };
        if let Some(word) = symbol {
            if !slug.is_empty() {
                slug.push('-');
            }
            slug.push_str(word);
            last = Last::Symbol;
            continue;
        }
        if c.is_whitespace() || c == '-' || c == '_' {
            match last {
                Last::Gap(before) if before.is_whitespace() && c.is_whitespace() => {}
                Last::Gap(_) | Last::Start => exact = false,
                _ => last = Last::Gap(c),
            }
            continue;
        }
        let folded = crate::text::slugify(c.encode_utf8(&mut buf));
        if folded.is_empty() {
            exact = false;
            if !matches!(last, Last::Gap(_)) {
                last = Last::Gap(' ');
            }
            continue;
        }
        if matches!(last, Last::Symbol | Last::Gap(_)) && !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(&folded);
        last = Last::Letter;
    }
    if slug.is_empty() {
        return slug;
    }
    if matches!(last, Last::Gap(_)) {
        exact = false;
    }
    if !exact {
        slug.push('-');
        slug.push_str(&crate::text::short_hash(&name.to_lowercase()));
    }
    crate::text::fit_slug(slug)
}

/// Most tags of one briefing that are shown and get pages. Each tag's page
/// lists the briefing with its tags, so one briefing with N tags made N
/// pages of N links each: 4,000 tags wrote 877 MB. Capped, output is linear.
pub const MAX_TAGS: usize = 50;

/// The tags of a briefing that are shown: its first [`MAX_TAGS`].
pub fn kept_tags(tags: &[String]) -> &[String] {
    &tags[..tags.len().min(MAX_TAGS)]
}

/// A warning for each briefing with more than [`MAX_TAGS`] tags, naming its
/// source (the build, `serve` and `check` show them).
pub fn tag_warnings(site: &Site) -> Vec<crate::load::Warning> {
    site.briefings
        .iter()
        .filter(|b| b.tags.len() > MAX_TAGS)
        .map(|b| crate::load::Warning {
            path: b.source.clone(),
            message: format!(
                "has {} tags; only the first {MAX_TAGS} are shown and get pages: keep the ones readers browse by",
                b.tags.len()
            ),
        })
        .collect()
}

pub fn tag_path(slug: &str) -> String {
    format!("tags/{slug}/index.html")
}

/// A tag and the briefings carrying it.
#[derive(Debug, Clone, Serialize)]
pub struct TagView {
    /// The spelling of its first use in site order.
    pub name: String,
    pub slug: String,
    /// From the root.
    pub url: String,
    /// How many briefings carry it.
    pub count: usize,
    /// Indexes of those briefings, in site order.
    #[serde(skip)]
    pub briefings: Vec<usize>,
}

/// Every tag of the site, by slug (tags whose slug is empty are skipped;
/// spellings with one slug, such as "Floods" and "floods", are one tag).
pub fn tags(site: &Site) -> Vec<TagView> {
    let mut by_slug: BTreeMap<String, TagView> = BTreeMap::new();
    for (i, b) in site.briefings.iter().enumerate() {
        for name in kept_tags(&b.tags) {
            let slug = tag_slug(name);
            if slug.is_empty() {
                continue;
            }
            let tag = by_slug.entry(slug.clone()).or_insert_with(|| TagView {
                name: name.trim().to_string(),
                url: tag_path(&slug),
                slug,
                count: 0,
                briefings: Vec::new(),
            });
            if tag.briefings.last() != Some(&i) {
                tag.briefings.push(i);
                tag.count += 1;
            }
        }
    }
    by_slug.into_values().collect()
}

/// A briefing's tags, linked to their pages when `linked`.
pub fn tag_refs(tags: &[String], linked: bool) -> Vec<TagRef> {
    kept_tags(tags)
        .iter()
        .filter(|t| !t.trim().is_empty())
        .map(|t| {
            let slug = tag_slug(t);
            TagRef {
                name: t.trim().to_string(),
                url: (linked && !slug.is_empty()).then(|| tag_path(&slug)),
            }
        })
        .collect()
}

/// JSON made safe inside `<script>`: nothing in it can close the element
/// or start a comment. Compact (pretty-printing the JSON-LD of every page
/// added 8.6 MB to a 10,000-briefing site for no reader), with `<`, `>`,
/// `&`, U+2028 and U+2029 escaped as `\uXXXX` inside strings (the only
/// place they can be).
pub fn script_safe_json<T: Serialize + ?Sized>(value: &T) -> String {
    let mut out = Vec::with_capacity(1024);
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, ScriptSafe);
    if value.serialize(&mut serializer).is_err() {
        return "{}".to_string();
    }
    // serde_json writes UTF-8 and the escapes are ASCII.
    String::from_utf8(out).unwrap_or_else(|_| "{}".to_string())
}

/// serde_json's compact formatter, escaping in one pass as strings are
/// written (five `replace` passes over the text were a measurable part of
/// rendering a briefing page).
struct ScriptSafe;

impl serde_json::ser::Formatter for ScriptSafe {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        // Byte by byte, not char by char: the three ASCII characters are
        // single bytes, and U+2028 and U+2029 are the only characters
        // escaped here that start with 0xE2.
        let bytes = fragment.as_bytes();
        let (mut start, mut i) = (0, 0);
        loop {
            i = crate::text::find_byte(bytes, i, [b'<', b'>', b'&', 0xe2], false);
            let Some(&b) = bytes.get(i) else { break };
            let (escape, len) = match b {
                b'<' => ("\\u003c", 1),
                b'>' => ("\\u003e", 1),
                b'&' => ("\\u0026", 1),
                0xe2 => match crate::json::line_terminator_escape(&bytes[i..]) {
                    Some(escape) => (escape, 3),
                    None => {
                        i += 1;
                        continue;
                    }
                },
                _ => {
                    i += 1;
                    continue;
                }
            };
            writer.write_all(&bytes[start..i])?;
            writer.write_all(escape.as_bytes())?;
            i += len;
            start = i;
        }
        writer.write_all(&bytes[start..])
    }
}

fn named<'a>(kind: &'static str, name: &'a str) -> LdNamed<'a> {
    LdNamed {
        kind,
        name,
        url: None,
    }
}

fn schema_type(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "Person",
        EntityKind::Organization => "Organization",
        EntityKind::Place => "Place",
    }
}

// schema.org JSON-LD shapes. Fields are in byte order of their names, so the
// output reads as sorted keys, as it did when built from `serde_json::Value`.

#[derive(Serialize)]
struct LdDocument<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@graph")]
    graph: Vec<LdNode<'a>>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum LdNode<'a> {
    Article(Box<LdArticle<'a>>),
    Faq(LdFaq<'a>),
}

#[derive(Serialize)]
struct LdNamed<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LdArticle<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    about: Vec<LdNamed<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<Vec<LdNamed<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    credit_text: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_modified: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_published: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    headline: &'a str,
    in_language: &'a str,
    is_part_of: LdNamed<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    keywords: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    main_entity_of_page: Option<&'a str>,
    publisher: LdNamed<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LdFaq<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    main_entity: Vec<LdQuestion<'a>>,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LdQuestion<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    accepted_answer: LdAnswer<'a>,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

#[derive(Serialize)]
struct LdAnswer<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    text: &'a str,
}

/// schema.org `NewsArticle` (headline, date, credit, the entities it is
/// about) and, when it answers questions, `FAQPage` with each question and
/// its short answer, as one `@graph`.
pub fn json_ld(site: &Site, index: usize, view: &BriefingView) -> JsonLdView {
    let b = &site.briefings[index];
    let base = base_url(&site.info);
    let absolute = |path: &str| base.as_ref().map(|base| format!("{base}{path}"));
    let page_url = absolute(&view.url);

    let mut seen = std::collections::BTreeSet::new();
    let about: Vec<LdNamed> = site.briefing_entities[index]
        .iter()
        .flatten()
        .filter(|&&e| seen.insert(e))
        .map(|&e| {
            let entity = &site.entities[e];
            LdNamed {
                kind: schema_type(entity.kind),
                name: &entity.name,
                url: absolute(&entity_path(&entity.slug)),
            }
        })
        .collect();

    let article = LdArticle {
        kind: "NewsArticle",
        about,
        // The authors as people when the source names them, else the credit.
        author: if b.authors.is_empty() {
            view.credit
                .as_deref()
                .map(|credit| vec![named("Organization", credit)])
        } else {
            Some(b.authors.iter().map(|a| named("Person", a)).collect())
        },
        credit_text: view.credit.as_deref(),
        date_modified: view.date.as_deref(),
        date_published: view.date.as_deref(),
        description: view.teaser.as_deref(),
        headline: &view.title,
        in_language: &site.info.language,
        is_part_of: named("WebSite", &site.info.title),
        keywords: (!b.tags.is_empty()).then_some(b.tags.as_slice()),
        main_entity_of_page: page_url.as_deref(),
        publisher: named("Organization", &site.info.title),
        url: page_url.as_deref(),
    };
    let mut graph = vec![LdNode::Article(Box::new(article))];

    let questions: Vec<LdQuestion> = view
        .sections
        .iter()
        .filter(|s| s.is_question)
        .filter_map(|s| {
            Some(LdQuestion {
                kind: "Question",
                accepted_answer: LdAnswer {
                    kind: "Answer",
                    text: s.short_answer.as_deref()?,
                },
                name: &s.heading,
                url: page_url.as_ref().map(|url| format!("{url}#{}", s.id)),
            })
        })
        .collect();
    if !questions.is_empty() {
        graph.push(LdNode::Faq(LdFaq {
            kind: "FAQPage",
            main_entity: questions,
            name: &view.title,
            url: page_url.as_deref(),
        }));
    }
    JsonLdView {
        html: script_safe_json(&LdDocument {
            context: "https://schema.org",
            graph,
        }),
    }
}

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
            keywords: e.aliases.join(" "),
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

//! Tags: each tag's page name, the tags a briefing shows, and the site's
//! tags grouped by page, with the briefings that carry each one.

use super::paths::tag_path;
use crate::index::Site;
use serde::Serialize;
use std::collections::BTreeMap;

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
/// The site's warnings about briefings: too many tags, and two with the
/// same title ([`crate::index::names::duplicate_titles`]).
pub fn tag_warnings(site: &Site) -> Vec<crate::model::Warning> {
    let mut out: Vec<crate::model::Warning> = site
        .briefings
        .iter()
        .filter(|b| b.tags.len() > MAX_TAGS)
        .map(|b| crate::model::Warning {
            path: b.source.clone(),
            message: format!(
                "has {} tags; only the first {MAX_TAGS} are shown and get pages: keep the ones readers browse by",
                b.tags.len()
            ),
        })
        .collect();
    out.extend(crate::index::names::duplicate_titles(&site.briefings));
    out
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

//! Index stage: gathers every extracted [`Briefing`] into a [`Site`], checks
//! what only the whole set can reveal (duplicate slugs), and orders it
//! (newest first, undated last). Cross-links are computed here, never while
//! rendering.

pub mod entities;
pub mod names;
pub mod registry;
pub mod related;

use crate::model::{Briefing, Registry};
use entities::SiteEntity;
use related::Related;
use serde::Serialize;

/// Site-wide settings the renderer needs, taken from the validated config.
#[derive(Debug, Clone, Serialize)]
pub struct SiteInfo {
    pub title: String,
    pub description: Option<String>,
    /// BCP 47 language tag for `<html lang>`.
    pub language: String,
    /// Absolute address of the published site (`base_url`), for the feed,
    /// the sitemap and canonical links; `None` leaves them out.
    pub base_url: Option<String>,
}

/// The whole site, ready to render: briefings newest first (undated last,
/// ties by title then slug).
#[derive(Debug, Clone, Serialize)]
pub struct Site {
    pub info: SiteInfo,
    pub briefings: Vec<Briefing>,
    /// Every entity mentioned anywhere, merged across briefings, by kind
    /// then name.
    pub entities: Vec<SiteEntity>,
    /// Per briefing, the site entity index of each of its own entities
    /// (parallel to `Briefing::entities`); `None` for a doubtful one.
    pub briefing_entities: Vec<Vec<Option<usize>>>,
    /// Per briefing, its related briefings, best first.
    pub related: Vec<Vec<Related>>,
    /// Registry entries that match no mention in any briefing.
    pub unmatched_registry: Vec<String>,
    /// Entities too doubtful for a page, for `check` to list.
    pub doubtful: Vec<entities::DoubtfulEntity>,
}

/// Cross-linking settings.
#[derive(Debug, Clone)]
pub struct IndexOptions {
    /// Most related briefings listed per briefing.
    pub related_limit: usize,
}

impl Default for IndexOptions {
    fn default() -> Self {
        IndexOptions { related_limit: 5 }
    }
}

use crate::error::{Error, Result};
use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Orders briefings, checks that every slug names exactly one source, and
/// computes the cross-links: site entities, quotes by speaker, related
/// briefings.
pub fn index(
    info: SiteInfo,
    mut briefings: Vec<Briefing>,
    registry: &Registry,
    options: &IndexOptions,
) -> Result<Site> {
    registry::apply(&mut briefings, registry);
    index_applied(info, briefings, registry, options)
}

/// [`index`] for briefings the registry was already applied to (one by
/// one, with [`registry::apply`]): an incremental rebuild applies it to
/// the sources that changed only, and keeps the others as they were.
pub fn index_applied(
    info: SiteInfo,
    briefings: Vec<Briefing>,
    registry: &Registry,
    options: &IndexOptions,
) -> Result<Site> {
    index_sorted(info, briefings, None, registry, options)
}

/// [`index_applied`], given each briefing's [`entities::EntityFacts`]
/// (`facts[i]` of `briefings[i]`, worked out with `registry`), as a session
/// keeps them between rebuilds.
pub fn index_with_facts(
    info: SiteInfo,
    briefings: Vec<Briefing>,
    facts: Vec<Arc<entities::EntityFacts>>,
    registry: &Registry,
    options: &IndexOptions,
) -> Result<Site> {
    index_sorted(info, briefings, Some(facts), registry, options)
}

fn index_sorted(
    info: SiteInfo,
    mut briefings: Vec<Briefing>,
    facts: Option<Vec<Arc<entities::EntityFacts>>>,
    registry: &Registry,
    options: &IndexOptions,
) -> Result<Site> {
    names::folder_slugs(&mut briefings);
    let mut by_slug: BTreeMap<&str, &Briefing> = BTreeMap::new();
    for briefing in &briefings {
        if let Some(first) = by_slug.insert(&briefing.slug, briefing) {
            return Err(Error::DuplicateSlug {
                slug: briefing.slug.clone(),
                first: first.source.clone(),
                second: briefing.source.clone(),
            });
        }
    }
    let merged = match facts {
        Some(facts) => {
            let mut pairs: Vec<(Briefing, Arc<entities::EntityFacts>)> =
                briefings.into_iter().zip(facts).collect();
            pairs.sort_by(|a, b| site_order(&a.0, &b.0));
            let facts: Vec<Arc<entities::EntityFacts>>;
            (briefings, facts) = pairs.into_iter().unzip();
            entities::merge_with(&briefings, &facts, &registry.entity)
        }
        None => {
            briefings.sort_by(site_order);
            entities::merge(&briefings, &registry.entity)
        }
    };
    let mut entities = merged.entities;
    attach_quotes(&briefings, &merged.briefing_entities, &mut entities);
    let mentioned: Vec<Vec<(usize, usize)>> = briefings
        .iter()
        .zip(&merged.briefing_entities)
        .map(|(b, map)| {
            b.entities
                .iter()
                .zip(map)
                .filter_map(|(e, &site)| Some((site?, e.mentions.len())))
                .collect()
        })
        .collect();
    let entity_weight: Vec<f64> = entities
        .iter()
        .map(|e| related::kind_weight(e.kind))
        .collect();
    let tags: Vec<Vec<String>> = briefings.iter().map(|b| b.tags.clone()).collect();
    let related = related::related(
        &related::Features {
            entities: &mentioned,
            entity_weight: &entity_weight,
            tags: &tags,
        },
        options.related_limit,
    );
    Ok(Site {
        info,
        briefings,
        entities,
        briefing_entities: merged.briefing_entities,
        related,
        unmatched_registry: merged.unmatched_registry,
        doubtful: merged.doubtful,
    })
}

/// Files each quote under its speaker's site entity.
fn attach_quotes(
    briefings: &[Briefing],
    briefing_entities: &[Vec<Option<usize>>],
    entities: &mut [SiteEntity],
) {
    for (b, briefing) in briefings.iter().enumerate() {
        let by_name = briefing.entity_by_name();
        for (q, quote) in briefing.quotes.iter().enumerate() {
            let Some(speaker) = &quote.speaker else {
                continue;
            };
            let site = by_name
                .get(speaker.as_str())
                .and_then(|&local| briefing_entities[b][local]);
            if let Some(site) = site {
                entities[site].quotes.push((b, q));
            }
        }
    }
}

/// Newest first; undated last; then by title and slug so ties are stable.
fn site_order(a: &Briefing, b: &Briefing) -> Ordering {
    match (a.date, b.date) {
        (Some(x), Some(y)) => y.cmp(&x),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
    .then_with(|| a.title.cmp(&b.title))
    .then_with(|| a.slug.cmp(&b.slug))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SourceFormat;
    use chrono::NaiveDate;

    fn briefing(slug: &str, date: Option<(i32, u32, u32)>) -> Briefing {
        Briefing {
            source: format!("seeds/{slug}.txt").into(),
            format: SourceFormat::Raw,
            slug: slug.into(),
            title: slug.to_uppercase(),
            date: date.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)),
            credit: None,
            authors: Vec::new(),
            dateline: None,
            meta_lines: Vec::new(),
            summary: None,
            tags: vec![],
            lead: vec![],
            sections: vec![],
            captions: vec![],
            entities: vec![],
            quotes: vec![],
            terms: vec![],
            figures: vec![],
        }
    }

    fn info() -> SiteInfo {
        SiteInfo {
            title: "T".into(),
            description: None,
            language: "en".into(),
            base_url: None,
        }
    }

    #[test]
    fn newest_first_undated_last() {
        let site = index(
            info(),
            vec![
                briefing("old", Some((2024, 1, 1))),
                briefing("undated", None),
                briefing("new", Some((2025, 1, 1))),
            ],
            &Registry::default(),
            &IndexOptions::default(),
        )
        .unwrap();
        let order: Vec<_> = site.briefings.iter().map(|b| b.slug.as_str()).collect();
        assert_eq!(order, ["new", "old", "undated"]);
    }

    #[test]
    fn same_date_orders_by_title() {
        let site = index(
            info(),
            vec![
                briefing("b", Some((2024, 1, 1))),
                briefing("a", Some((2024, 1, 1))),
            ],
            &Registry::default(),
            &IndexOptions::default(),
        )
        .unwrap();
        assert_eq!(site.briefings[0].slug, "a");
    }

    #[test]
    fn duplicate_slug_names_both_files() {
        let mut second = briefing("same", None);
        second.source = "content/same.md".into();
        let err = index(
            info(),
            vec![briefing("same", None), second],
            &Registry::default(),
            &IndexOptions::default(),
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("seeds/same.txt") && err.contains("content/same.md"),
            "{err}"
        );
    }
}

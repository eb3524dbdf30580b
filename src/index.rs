//! Index stage: gathers every extracted [`Briefing`] into a [`Site`], checks
//! what only the whole set can reveal (duplicate slugs), and orders it
//! (newest first, undated last). Cross-links are computed here, never while
//! rendering.

use crate::model::Briefing;
use serde::Serialize;

/// Site-wide settings the renderer needs, taken from the validated config.
#[derive(Debug, Clone, Serialize)]
pub struct SiteInfo {
    pub title: String,
    pub description: Option<String>,
    /// BCP 47 language tag for `<html lang>`.
    pub language: String,
}

/// The whole site, ready to render: briefings newest first (undated last,
/// ties by title then slug).
#[derive(Debug, Clone, Serialize)]
pub struct Site {
    pub info: SiteInfo,
    pub briefings: Vec<Briefing>,
}

use crate::error::{Error, Result};
use std::cmp::Ordering;
use std::collections::BTreeMap;

/// Orders briefings and checks that every slug names exactly one source.
pub fn index(info: SiteInfo, mut briefings: Vec<Briefing>) -> Result<Site> {
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
    briefings.sort_by(site_order);
    Ok(Site { info, briefings })
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
            summary: None,
            tags: vec![],
            lead: vec![],
            sections: vec![],
            captions: vec![],
            entities: vec![],
            quotes: vec![],
            figures: vec![],
        }
    }

    fn info() -> SiteInfo {
        SiteInfo {
            title: "T".into(),
            description: None,
            language: "en".into(),
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
        )
        .unwrap();
        assert_eq!(site.briefings[0].slug, "a");
    }

    #[test]
    fn duplicate_slug_names_both_files() {
        let mut second = briefing("same", None);
        second.source = "content/same.md".into();
        let err = index(info(), vec![briefing("same", None), second])
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("seeds/same.txt") && err.contains("content/same.md"),
            "{err}"
        );
    }
}

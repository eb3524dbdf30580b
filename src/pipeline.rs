//! Runs the stages in order for the CLI: load -> parse -> extract -> index
//! -> render -> write. Owns no logic of its own beyond sequencing, error
//! collection and the counts reported to the user.

use crate::config::Config;
use crate::error::{Error, Result};
use crate::index::{Site, SiteInfo};
use crate::load::{Skipped, Warning, load_sources};
use crate::model::{Briefing, SectionKind, Source};
use crate::parse::markdown::HtmlPolicy;
use crate::render::{Theme, render};
use crate::write::{Staging, check_output_dir};

/// What a build did, for the summary line and `-v`.
#[derive(Debug, Default)]
pub struct BuildReport {
    pub briefings: usize,
    pub questions: usize,
    pub statements: usize,
    pub pages: usize,
    pub skipped: Vec<Skipped>,
    /// Problems that did not stop the build (shown unless `-q`).
    pub warnings: Vec<Warning>,
    /// Sources in which no heading was found (still built, as lead only).
    pub without_headings: Vec<String>,
    /// Entities on the site (people, organisations, places).
    pub entities: usize,
    /// Registry entries that match nothing in any briefing.
    pub unmatched_registry: Vec<String>,
}

/// Parses and extracts every source, collecting every error instead of
/// stopping at the first, so one run shows the user all there is to fix.
pub fn extract_all(sources: &[Source], html: HtmlPolicy) -> Result<Vec<Briefing>> {
    let mut briefings = Vec::with_capacity(sources.len());
    let mut errors = Vec::new();
    for source in sources {
        match crate::parse::parse_with(source, html).and_then(|doc| crate::extract::extract(&doc)) {
            Ok(briefing) => briefings.push(briefing),
            Err(e) => errors.push(e),
        }
    }
    Error::collect(errors)?;
    Ok(briefings)
}

/// Files the loader passed over, and why.
#[derive(Debug, Default)]
pub struct LoadNotes {
    pub skipped: Vec<Skipped>,
    pub warnings: Vec<Warning>,
}

/// Loads, extracts and indexes the site without writing anything.
pub fn load_site(config: &Config) -> Result<(Site, LoadNotes)> {
    let loaded = load_sources(&config.site_dir, &config.source_dirs)?;
    let html = if config.allow_html {
        HtmlPolicy::Allow
    } else {
        HtmlPolicy::Sanitize
    };
    let briefings = extract_all(&loaded.sources, html)?;
    let info = SiteInfo {
        title: config.title.clone(),
        description: config.description.clone(),
        language: config.language.clone(),
        base_url: config.base_url.clone(),
    };
    let shown = config
        .entities_file
        .strip_prefix(&config.site_dir)
        .unwrap_or(&config.entities_file);
    let registry = crate::load::load_registry(&config.entities_file, shown)?;
    let options = crate::index::IndexOptions {
        related_limit: config.related_links,
    };
    Ok((
        crate::index::index(info, briefings, &registry, &options)?,
        LoadNotes {
            skipped: loaded.skipped,
            warnings: loaded.warnings,
        },
    ))
}

/// Builds the whole site into `config.out_dir`, atomically.
pub fn build(config: &Config) -> Result<BuildReport> {
    check_output_dir(config)?;
    let (site, notes) = load_site(config)?;
    let theme = Theme::load(Some(&config.templates_dir))?;
    let pages = render(&site, &theme)?;
    let mut staging = Staging::begin(&config.out_dir)?;
    for page in &pages {
        staging.write(&page.path, &page.bytes)?;
    }
    staging.commit()?;
    let count = |kind| {
        site.briefings
            .iter()
            .flat_map(|b| &b.sections)
            .filter(|s| s.kind == kind)
            .count()
    };
    Ok(BuildReport {
        briefings: site.briefings.len(),
        questions: count(SectionKind::Question),
        statements: count(SectionKind::Statement),
        pages: pages.len(),
        skipped: notes.skipped,
        warnings: notes.warnings,
        without_headings: site
            .briefings
            .iter()
            .filter(|b| b.sections.is_empty())
            .map(|b| b.source.display().to_string())
            .collect(),
        entities: site.entities.len(),
        unmatched_registry: site.unmatched_registry.clone(),
    })
}

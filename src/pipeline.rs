//! Runs the stages in order for the CLI: load -> parse -> extract -> index
//! -> render -> write. Owns no logic of its own beyond sequencing, error
//! collection, the time each stage took and the counts reported to the
//! user. Sources are parsed and extracted in parallel (rayon); results keep
//! source order, so output does not depend on scheduling.

use crate::config::Config;
use crate::error::{Error, Result};
use crate::index::{Site, SiteInfo};
use crate::load::{Skipped, Warning, load_sources};
use crate::model::{Briefing, SectionKind, Source};
use crate::parse::markdown::HtmlPolicy;
use crate::render::{RenderOptions, Theme, render_into};
use crate::write::{Staging, check_output_dir};
use rayon::prelude::*;
use std::time::{Duration, Instant};

/// Wall time of each stage, in pipeline order, and who to tell when a
/// stage starts (the CLI's progress indicator).
#[derive(Default)]
pub struct Timings {
    pub stages: Vec<(&'static str, Duration)>,
    on_stage: Option<Box<dyn Fn(&'static str) + Send + Sync>>,
}

impl std::fmt::Debug for Timings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Timings")
            .field("stages", &self.stages)
            .finish()
    }
}

impl Timings {
    /// Tells the observer that `stage` starts.
    fn started(&self, stage: &'static str) {
        if let Some(on_stage) = &self.on_stage {
            on_stage(stage);
        }
    }

    /// Runs `f`, recording its wall time under `stage`.
    pub fn time<T>(&mut self, stage: &'static str, f: impl FnOnce() -> T) -> T {
        self.started(stage);
        let started = Instant::now();
        let value = f();
        self.stages.push((stage, started.elapsed()));
        value
    }
}

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
    /// Time per stage (`briefing build --timings`).
    pub timings: Timings,
}

/// Parses and extracts every source, collecting every error instead of
/// stopping at the first, so one run shows the user all there is to fix.
pub fn extract_all(sources: &[Source], html: HtmlPolicy) -> Result<Vec<Briefing>> {
    parse_and_extract(sources, html, &mut Timings::default())
}

/// Parses and extracts every source in one parallel pass: a document is
/// extracted while it is still in the cache and dropped straight after, so
/// the documents of a whole site are never all in memory, and the two
/// stages share one pass instead of waiting for each other. Given owned
/// sources (a build), each source's text is freed as soon as it is parsed,
/// so a big site never holds its sources, documents and briefings in memory
/// all at once. The pass's wall time is reported as "parse" and "extract"
/// in proportion to the time spent in each, summed over the sources.
fn parse_and_extract<I>(
    sources: I,
    html: HtmlPolicy,
    timings: &mut Timings,
) -> Result<Vec<Briefing>>
where
    I: IntoParallelIterator,
    I::Iter: IndexedParallelIterator,
    I::Item: std::borrow::Borrow<Source>,
{
    use std::borrow::Borrow;
    timings.started("parse, extract");
    let started = Instant::now();
    let results: Vec<(Result<Briefing>, Duration, Duration)> = sources
        .into_par_iter()
        .map(|source| {
            let parse_started = Instant::now();
            let doc = crate::parse::parse_with(source.borrow(), html);
            drop(source);
            let extract_started = Instant::now();
            let briefing = doc.and_then(|doc| crate::extract::extract(&doc));
            (
                briefing,
                extract_started - parse_started,
                extract_started.elapsed(),
            )
        })
        .collect();
    let wall = started.elapsed();
    let (parsing, extracting) = results
        .iter()
        .fold((Duration::ZERO, Duration::ZERO), |(p, e), (_, dp, de)| {
            (p + *dp, e + *de)
        });
    let busy = (parsing + extracting).as_secs_f64();
    let parse_share = if busy > 0.0 {
        parsing.as_secs_f64() / busy
    } else {
        0.5
    };
    let parse_wall = wall.mul_f64(parse_share);
    timings.stages.push(("parse", parse_wall));
    timings
        .stages
        .push(("extract", wall.saturating_sub(parse_wall)));

    let mut briefings = Vec::with_capacity(results.len());
    let mut errors = Vec::new();
    for (result, _, _) in results {
        match result {
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
    load_site_timed(config, &mut Timings::default())
}

fn load_site_timed(config: &Config, timings: &mut Timings) -> Result<(Site, LoadNotes)> {
    let loaded = timings.time("load", || {
        load_sources(
            &config.site_dir,
            &config.source_dirs,
            config.max_source_bytes,
        )
    })?;
    let html = if config.allow_html {
        HtmlPolicy::Allow
    } else {
        HtmlPolicy::Sanitize
    };
    let crate::load::Loaded {
        sources,
        skipped,
        warnings,
        ..
    } = loaded;
    let briefings = parse_and_extract(sources, html, timings)?;
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
    let site = timings.time("index", || {
        crate::index::index(info, briefings, &registry, &options)
    })?;
    Ok((site, LoadNotes { skipped, warnings }))
}

/// Builds the whole site into `config.out_dir`, atomically.
pub fn build(config: &Config) -> Result<BuildReport> {
    build_observed(config, |_| {})
}

/// [`build`], calling `on_stage` with each stage's name as it starts.
pub fn build_observed(
    config: &Config,
    on_stage: impl Fn(&'static str) + Send + Sync + 'static,
) -> Result<BuildReport> {
    check_output_dir(config)?;
    let mut timings = Timings {
        stages: Vec::new(),
        on_stage: Some(Box::new(on_stage)),
    };
    // Parsing the templates (some 30 ms) needs nothing from the sources:
    // done on a thread of its own while they load, it is off the clock.
    let (site, theme) = std::thread::scope(|scope| {
        let theme = scope.spawn(|| Theme::for_config(config));
        let site = load_site_timed(config, &mut timings);
        let theme = theme
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (site, theme)
    });
    let (site, notes) = site?;
    let theme = theme?;
    // Pages are written as they are rendered, so "render" includes the
    // writing of every page; "write" is putting the finished site in place.
    let (staging, pages) = timings.time("render", || -> Result<_> {
        let staging = Staging::begin(&config.out_dir)?;
        let pages = render_into(&site, &theme, RenderOptions::from(config), &staging)?;
        Ok((staging, pages))
    })?;
    timings.time("write", || staging.commit())?;
    let count = |kind| crate::model::count_sections(&site.briefings, kind);
    let report = BuildReport {
        briefings: site.briefings.len(),
        questions: count(SectionKind::Question),
        statements: count(SectionKind::Statement),
        pages,
        skipped: notes.skipped,
        warnings: notes
            .warnings
            .into_iter()
            .chain(crate::render::discovery::tag_warnings(&site))
            .collect(),
        without_headings: site
            .briefings
            .iter()
            .filter(|b| b.sections.is_empty())
            .map(|b| b.source.display().to_string())
            .collect(),
        entities: site.entities.len(),
        unmatched_registry: site.unmatched_registry.clone(),
        timings,
    };
    // Freeing the model of 10,000 briefings takes a tenth of a second on
    // one thread, after the site is in place: done beside the caller, which
    // usually exits straight away.
    std::thread::spawn(move || drop(site));
    Ok(report)
}

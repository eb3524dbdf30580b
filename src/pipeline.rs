//! The one driver: runs the stages in order, load -> parse + extract ->
//! index -> render -> write, for `build`, `serve` and `check` alike. This
//! is the only copy of the stage sequence ([`run`], and [`front`] for its
//! first half). What differs between the three is a [`Memo`]: what the
//! driver keeps between runs and how it reuses it.
//! - [`NoMemo`] (`briefing build`): every stage in full, the output written
//!   into a staging folder and swapped in.
//! - the incremental session (`briefing serve`, [`crate::incremental`]):
//!   reads and re-extracts changed sources only, reuses entity facts, and
//!   re-renders and rewrites only the pages whose inputs changed.
//! - collecting mode (`briefing check`, [`crate::check`]): every error a
//!   finding instead of a stop, pages rendered in memory, nothing written.
//!
//! The settings the stages read from the config ([`Settings`]: HTML policy,
//! site info, index and render options) and the entity registry are made
//! here, once per run. Sources are parsed and extracted in parallel (rayon);
//! results keep source order, so output does not depend on scheduling.

pub mod cache;
pub mod fingerprint;
pub mod jobs;

use crate::config::Config;
use crate::error::{Error, Result};
use crate::index::{IndexOptions, Site, SiteInfo};
use crate::load::{Loaded, Skipped, Warning, load_sources};
use crate::model::{Briefing, Document, Registry, SectionKind, Source};
use crate::parse::markdown::HtmlPolicy;
use crate::render::{Plan, RenderOptions, Renderer, Theme};
use crate::write::{Staging, check_output_dir};
use rayon::prelude::*;
use std::path::Path;
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
    /// Sources whose briefing came from the extraction cache ([`cache`]).
    pub cached_sources: usize,
    /// Page jobs rendered, and jobs whose files were linked from the last
    /// output unrendered ([`jobs`]; `briefing build` with the count only).
    pub rendered_jobs: usize,
    pub reused_jobs: usize,
}

/// What the stages read from the config, made once per run.
#[derive(Debug, Clone)]
pub struct Settings {
    /// What Markdown may keep of raw HTML.
    pub html: HtmlPolicy,
    /// Title, description, language and (normalised) `base_url`.
    pub info: SiteInfo,
    pub index: IndexOptions,
    pub render: RenderOptions,
}

impl Settings {
    pub fn of(config: &Config) -> Settings {
        Settings {
            html: if config.allow_html {
                HtmlPolicy::Allow
            } else {
                HtmlPolicy::Sanitize
            },
            info: SiteInfo {
                title: config.title.clone(),
                description: config.description.clone(),
                language: config.language.clone(),
                base_url: config.base_url.clone(),
            },
            index: IndexOptions {
                related_limit: config.related_links,
            },
            render: RenderOptions::from(config),
        }
    }
}

/// The entity registry's path as messages show it (relative to the site).
pub fn registry_shown(config: &Config) -> &Path {
    config
        .entities_file
        .strip_prefix(&config.site_dir)
        .unwrap_or(&config.entities_file)
}

/// Reads the site's entity registry (none when the file does not exist).
pub fn load_registry(config: &Config) -> Result<Registry> {
    crate::load::load_registry(&config.entities_file, registry_shown(config))
}

/// The parse and extract stages for one source, with the registry applied.
pub fn extract_source(source: &Source, html: HtmlPolicy, registry: &Registry) -> Result<Briefing> {
    let doc = crate::parse::parse_with(source, html)?;
    let mut briefing = crate::extract::extract(&doc)?;
    crate::index::registry::apply(std::slice::from_mut(&mut briefing), registry);
    Ok(briefing)
}

/// What a driver keeps between runs of the pipeline, and how it reuses it.
/// Each method is one stage; the defaults run it in full, with no cache,
/// and stop at the first stage that fails.
pub trait Memo {
    /// Load: the sources to read (every source, by default).
    fn load(&mut self, config: &Config) -> Result<Loaded> {
        load_sources(
            &config.site_dir,
            &config.source_dirs,
            config.max_source_bytes,
        )
    }

    /// Parse and extract: the briefing of every source, the registry
    /// applied, in source order. `loaded` is the load stage's; the sources
    /// may be taken from it.
    fn extract(
        &mut self,
        loaded: &mut Loaded,
        settings: &Settings,
        registry: &Registry,
        timings: &mut Timings,
    ) -> Result<Vec<Briefing>> {
        let sources = std::mem::take(&mut loaded.sources);
        let results = parse_and_extract(sources, settings.html, timings);
        let (mut briefings, errors) = split_results(results);
        self.collect(errors)?;
        crate::index::registry::apply(&mut briefings, registry);
        Ok(briefings)
    }

    /// Index: the whole set, ordered and cross-linked.
    fn index(
        &mut self,
        briefings: Vec<Briefing>,
        settings: &Settings,
        registry: &Registry,
    ) -> Result<Site> {
        crate::index::index_applied(settings.info.clone(), briefings, registry, &settings.index)
    }

    /// Render and write: every page of `plan`; returns how many files were
    /// written. By default into a staging folder swapped in when complete.
    fn render(
        &mut self,
        config: &Config,
        site: &Site,
        theme: &Theme,
        plan: &Plan,
        timings: &mut Timings,
    ) -> Result<usize> {
        // Pages are written as they are rendered, so "render" includes the
        // writing of every page; "write" is putting the finished site in place.
        let (staging, pages) = timings.time("render", || -> Result<_> {
            let staging = Staging::begin_keeping(
                &config.out_dir,
                crate::pipeline::cache::kept_output(config).as_deref(),
            )?;
            let pages = Renderer {
                site,
                theme,
                plan,
                search_parts: None,
                search_live: None,
            }
            .run_all(&staging)?;
            Ok((staging, pages))
        })?;
        timings.time("write", || staging.commit())?;
        Ok(pages)
    }

    /// Errors that need not stop the run (broken sources, a broken
    /// registry): by default every one of them stops it, after all are
    /// known; a collecting driver keeps them and goes on with the rest.
    fn collect(&mut self, errors: Vec<Error>) -> Result<()> {
        Error::collect(errors)
    }

    /// The run is over: the site is handed back (a session keeps its
    /// briefings for the next run).
    fn finish(&mut self, site: Site) {
        // Freeing the model of 10,000 briefings takes a tenth of a second on
        // one thread, after the site is in place: done beside the caller,
        // which usually exits straight away.
        std::thread::spawn(move || drop(site));
    }
}

/// The build's memo: nothing kept, every stage in full.
#[derive(Debug, Default)]
pub struct NoMemo;

impl Memo for NoMemo {}

/// Where the render stage's theme comes from.
pub enum ThemeFrom<'a> {
    /// Parsed from the site's `templates/` (on a thread of its own while
    /// sources load: it needs nothing from them).
    Config,
    /// Already parsed (a session keeps one).
    Ready(&'a Theme),
}

/// Parses and extracts every source, collecting every error instead of
/// stopping at the first, so one run shows the user all there is to fix.
pub fn extract_all(sources: &[Source], html: HtmlPolicy) -> Result<Vec<Briefing>> {
    let results = parse_and_extract(sources, html, &mut Timings::default());
    let (briefings, errors) = split_results(results);
    Error::collect(errors)?;
    Ok(briefings)
}

/// The briefings made and the errors met, each in source order.
pub fn split_results(results: Vec<Result<Briefing>>) -> (Vec<Briefing>, Vec<Error>) {
    let mut briefings = Vec::with_capacity(results.len());
    let mut errors = Vec::new();
    for result in results {
        match result {
            Ok(briefing) => briefings.push(briefing),
            Err(e) => errors.push(e),
        }
    }
    (briefings, errors)
}

/// Parses and extracts every source in one parallel pass: a document is
/// extracted while it is still in the cache and dropped straight after, so
/// the documents of a whole site are never all in memory, and the two
/// stages share one pass instead of waiting for each other. Given owned
/// sources (a build), each source's text is freed as soon as it is parsed,
/// so a big site never holds its sources, documents and briefings in memory
/// all at once. The pass's wall time is reported as "parse" and "extract"
/// in proportion to the time spent in each, summed over the sources.
pub fn parse_and_extract<I>(
    sources: I,
    html: HtmlPolicy,
    timings: &mut Timings,
) -> Vec<Result<Briefing>>
where
    I: IntoParallelIterator,
    I::Iter: IndexedParallelIterator,
    I::Item: std::borrow::Borrow<Source>,
{
    parse_and_extract_with(sources, html, timings, |_, _, _| ())
        .into_iter()
        .map(|(result, ())| result)
        .collect()
}

/// [`parse_and_extract`], calling `also` on each source with its document
/// (when it parsed) and its briefing (when it was extracted), in the same
/// parallel pass, before the source is dropped: `briefing build` gathers
/// what `check` would say of each source this way, with no second pass.
pub fn parse_and_extract_with<I, T, F>(
    sources: I,
    html: HtmlPolicy,
    timings: &mut Timings,
    also: F,
) -> Vec<(Result<Briefing>, T)>
where
    I: IntoParallelIterator,
    I::Iter: IndexedParallelIterator,
    I::Item: std::borrow::Borrow<Source>,
    T: Send,
    F: Fn(&Source, Option<&Document>, Option<&Briefing>) -> T + Sync,
{
    use std::borrow::Borrow;
    timings.started("parse, extract");
    let started = Instant::now();
    let results: Vec<(Result<Briefing>, T, Duration, Duration)> = sources
        .into_par_iter()
        .map(|source| {
            let parse_started = Instant::now();
            let doc = crate::parse::parse_with(source.borrow(), html);
            let extract_started = Instant::now();
            let (briefing, extra) = match doc {
                Ok(doc) => {
                    let briefing = crate::extract::extract(&doc);
                    let extra = also(source.borrow(), Some(&doc), briefing.as_ref().ok());
                    (briefing, extra)
                }
                Err(e) => (Err(e), also(source.borrow(), None, None)),
            };
            drop(source);
            let extracted = extract_started.elapsed();
            (briefing, extra, extract_started - parse_started, extracted)
        })
        .collect();
    let wall = started.elapsed();
    let (parsing, extracting) = results.iter().fold(
        (Duration::ZERO, Duration::ZERO),
        |(p, e), (_, _, dp, de)| (p + *dp, e + *de),
    );
    record_parse_extract(timings, wall, parsing, extracting);
    results
        .into_iter()
        .map(|(result, extra, _, _)| (result, extra))
        .collect()
}

/// Reports a parse + extract pass's `wall` time as "parse" and "extract",
/// in proportion to the time spent in each, summed over the sources.
pub(crate) fn record_parse_extract(
    timings: &mut Timings,
    wall: Duration,
    parsing: Duration,
    extracting: Duration,
) {
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
}

/// Files the loader passed over, and why.
#[derive(Debug, Default)]
pub struct LoadNotes {
    pub skipped: Vec<Skipped>,
    pub warnings: Vec<Warning>,
}

/// The first half of the pipeline: load, parse + extract, index.
pub fn front(
    config: &Config,
    settings: &Settings,
    memo: &mut dyn Memo,
    timings: &mut Timings,
) -> Result<(Site, LoadNotes)> {
    let mut loaded = timings.time("load", || memo.load(config))?;
    // A broken registry is reported after the broken sources, as the
    // registry is applied to what they give.
    let (registry, broken_registry) = match load_registry(config) {
        Ok(registry) => (registry, None),
        Err(e) => (Registry::default(), Some(e)),
    };
    let briefings = memo.extract(&mut loaded, settings, &registry, timings)?;
    memo.collect(broken_registry.into_iter().collect())?;
    let site = timings.time("index", || memo.index(briefings, settings, &registry))?;
    let notes = LoadNotes {
        skipped: loaded.skipped,
        warnings: loaded.warnings,
    };
    Ok((site, notes))
}

/// Runs every stage: [`front`], then render and write through `memo`.
/// Returns what the run did; the site goes to [`Memo::finish`].
pub fn run(
    config: &Config,
    theme: ThemeFrom<'_>,
    memo: &mut dyn Memo,
    mut timings: Timings,
) -> Result<BuildReport> {
    let settings = Settings::of(config);
    let ready = match theme {
        ThemeFrom::Ready(theme) => Some(theme),
        ThemeFrom::Config => None,
    };
    let (front, parsed) = std::thread::scope(|scope| {
        let parsing = ready
            .is_none()
            .then(|| scope.spawn(|| Theme::for_config(config)));
        let front = front(config, &settings, memo, &mut timings);
        let parsed = parsing.map(|thread| {
            thread
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        });
        (front, parsed)
    });
    let (site, notes) = front?;
    let parsed = parsed.transpose()?;
    let Some(theme) = ready.or(parsed.as_ref()) else {
        return Err(Error::Output(
            "internal error: no theme to render with".into(),
        ));
    };
    crate::render::check_slugs(&site)?;
    let plan = Plan::new(&site, theme, settings.render);
    let pages = memo.render(config, &site, theme, &plan, &mut timings)?;
    let report = report(&site, notes, pages, timings);
    memo.finish(site);
    Ok(report)
}

/// The counts and notes of a finished run.
fn report(site: &Site, notes: LoadNotes, pages: usize, timings: Timings) -> BuildReport {
    let count = |kind| crate::model::count_sections(&site.briefings, kind);
    BuildReport {
        briefings: site.briefings.len(),
        questions: count(SectionKind::Question),
        statements: count(SectionKind::Statement),
        pages,
        skipped: notes.skipped,
        warnings: notes
            .warnings
            .into_iter()
            .chain(crate::render::tags::tag_warnings(site))
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
        cached_sources: 0,
        rendered_jobs: 0,
        reused_jobs: 0,
    }
}

/// Loads, extracts and indexes the site without writing anything.
pub fn load_site(config: &Config) -> Result<(Site, LoadNotes)> {
    front(
        config,
        &Settings::of(config),
        &mut NoMemo,
        &mut Timings::default(),
    )
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
    build_with(config, &mut NoMemo, on_stage)
}

/// A build into `config.out_dir` through `memo` (`check::build` gathers
/// what `check` would report in the same run), calling `on_stage` with
/// each stage's name as it starts.
pub fn build_with(
    config: &Config,
    memo: &mut dyn Memo,
    on_stage: impl Fn(&'static str) + Send + Sync + 'static,
) -> Result<BuildReport> {
    check_output_dir(config)?;
    let timings = Timings {
        stages: Vec::new(),
        on_stage: Some(Box::new(on_stage)),
    };
    run(config, ThemeFrom::Config, memo, timings)
}

//! Incremental rebuilds, for `briefing serve` and `briefing build --watch`
//! style previews: a [`Session`] keeps what the last build learnt (each
//! source's extracted briefing, a fingerprint of every page's inputs, and
//! the files each page job wrote) and, after sources change, re-extracts only
//! the changed sources, re-indexes the site, and re-renders and rewrites
//! only the pages whose inputs changed. The output is the same, byte for
//! byte, as a full build of the same sources (tested in `tests/incremental.rs`).
//!
//! What a page's fingerprint hashes is in [`crate::pipeline::fingerprint`].
//! Templates do not change during a session (a change to `templates/` or
//! `briefing.toml` starts a new one).

use crate::config::Config;
use crate::error::{Error, Result};
use crate::index::Site;
use crate::index::entities::{EntityFacts, RegistryKeys, entity_facts};
use crate::model::{Briefing, Registry, Source};
use crate::pipeline::fingerprint::{fingerprints, hash_of, hash_serialized};
use crate::pipeline::{self, Memo, ThemeFrom};
use crate::render::pages::{Job, Plan, Renderer};
use crate::render::{PageSink, SearchPart, Theme};
use crate::search::index::DEFAULT_LIMITS;
use crate::search::live::LiveIndex;
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ffi::OsStr;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::Mutex;
use std::time::Duration;

/// What one rebuild did.
#[derive(Debug, Default, Clone)]
pub struct RebuildReport {
    /// The site as built: briefings, question sections, entities.
    pub briefings: usize,
    pub questions: usize,
    pub statements: usize,
    pub entities: usize,
    /// Problems that did not stop the build (files skipped and why).
    pub warnings: Vec<crate::load::Warning>,
    /// Sources read again because their text (or sidecar) changed, or new.
    pub changed_sources: usize,
    /// Sources gone since the last build.
    pub removed_sources: usize,
    /// Page jobs rendered again (a job is one page, or the search index).
    pub rendered_jobs: usize,
    /// Jobs in the whole site.
    pub total_jobs: usize,
    /// Files whose bytes changed and were rewritten.
    pub written_files: usize,
    /// Files no longer produced, removed.
    pub removed_files: usize,
    /// Wall time of each step.
    pub timings: Vec<(&'static str, Duration)>,
}

/// One extracted source, kept between builds.
#[derive(Debug, Clone)]
struct Extracted {
    /// Hash of the source text and sidecar it was extracted from.
    source_hash: u64,
    /// The files as they were on disk when read: a source with the same
    /// stamp at the next rebuild is not read again.
    stamp: Option<crate::load::Stamp>,
    /// What the loader said of it (e.g. read in a legacy encoding), said
    /// again at each rebuild as a full build would.
    note: Option<String>,
    /// The briefing with the registry applied; `None` only while a rebuild
    /// has lent it to the site being built (moved, not copied: copying
    /// 10,000 briefings took longer than the rest of a one-source rebuild).
    briefing: Option<Briefing>,
}

/// The state of a site between rebuilds: the config and theme it was
/// started with, and the cache the pipeline reuses.
pub struct Session {
    config: Config,
    theme: Theme,
    cache: Cache,
}

/// What the last build learnt, for the pipeline to reuse ([`Rebuild`]).
struct Cache {
    extracted: FxHashMap<PathBuf, Extracted>,
    /// The paths of `extracted`, sorted: the order the briefings go to the
    /// index in. Kept (and checked against `extracted`) because `Path`
    /// compares component by component: sorting 10,000 paths took 12-15 ms
    /// of a 90 ms rebuild.
    order: Vec<PathBuf>,
    /// Source hash -> hash of the indexed briefing (the index stage may add
    /// registry names to a briefing, but only from the briefing itself and
    /// the registry, which is fixed for a session).
    briefing_hashes: HashMap<u64, u64>,
    fingerprints: HashMap<Job, u64>,
    /// The files each job wrote, and the job that wrote each file.
    outputs: HashMap<Job, Vec<String>>,
    owners: FxHashMap<String, Job>,
    /// Source hash -> what the entity merge needs of its briefing.
    entity_facts: HashMap<u64, Arc<EntityFacts>>,
    /// Briefing hash -> its analysed search documents.
    search_parts: HashMap<u64, Arc<SearchPart>>,
    /// The search index as written to the output, so a rebuild writes
    /// only the shards an edit touches.
    search: Mutex<LiveIndex>,
    /// Whether the last rebuild finished.
    complete: bool,
    /// Files the loader warned about that gave no source (empty, binary),
    /// by path as shown.
    file_notes: BTreeMap<PathBuf, String>,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("site_dir", &self.config.site_dir)
            .field("out_dir", &self.config.out_dir)
            .field("sources", &self.cache.extracted.len())
            .finish()
    }
}

/// Records the paths a job hands to the sink underneath.
struct Recording<'a> {
    inner: &'a dyn PageSink,
    paths: Mutex<Vec<String>>,
}

impl PageSink for Recording<'_> {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<()> {
        self.inner.put(path, bytes)?;
        self.record(path);
        Ok(())
    }

    fn keep(&self, path: &str) -> Result<()> {
        self.inner.keep(path)?;
        self.record(path);
        Ok(())
    }
}

impl Recording<'_> {
    fn record(&self, path: &str) {
        self.paths
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(path.to_string());
    }
}

fn source_hash(source: &Source) -> u64 {
    let mut hasher = DefaultHasher::new();
    source.text.hash(&mut hasher);
    source.path.hash(&mut hasher);
    hash_serialized(&source.sidecar, &mut hasher);
    hasher.finish()
}

impl Session {
    /// Builds the whole site into `config.out_dir` (atomically, like
    /// `briefing build`) and keeps what later rebuilds need.
    pub fn start(config: Config) -> Result<(Session, RebuildReport)> {
        crate::write::check_output_dir(&config)?;
        let theme = Theme::for_config(&config)?;
        let mut session = Session {
            config,
            theme,
            cache: Cache {
                extracted: FxHashMap::default(),
                order: Vec::new(),
                briefing_hashes: HashMap::new(),
                fingerprints: HashMap::new(),
                outputs: HashMap::new(),
                owners: FxHashMap::default(),
                entity_facts: HashMap::new(),
                search_parts: HashMap::new(),
                search: Mutex::new(LiveIndex::new(DEFAULT_LIMITS)),
                complete: false,
                file_notes: BTreeMap::new(),
            },
        };
        let report = session.rebuild_with(true, None)?;
        Ok((session, report))
    }

    /// Brings the output up to date with the sources, rendering only pages
    /// whose inputs changed since the last build. Every source is looked at
    /// (a `stat` each; only changed ones are read).
    pub fn rebuild(&mut self) -> Result<RebuildReport> {
        self.rebuild_with(false, None)
    }

    /// [`Session::rebuild`] for a caller that watches the files: `changed`
    /// (paths relative to the site folder) are all the files that may have
    /// changed since the last rebuild, so no other source is looked at. After
    /// a failed rebuild, or when a folder changed, every source is looked at
    /// anyway.
    pub fn rebuild_changed(&mut self, changed: &[PathBuf]) -> Result<RebuildReport> {
        self.rebuild_with(false, Some(changed))
    }

    fn rebuild_with(&mut self, first: bool, changed: Option<&[PathBuf]>) -> Result<RebuildReport> {
        let mut rebuild = Rebuild {
            cache: &mut self.cache,
            first,
            changed,
            hashes: Vec::new(),
            source_hashes: Vec::new(),
            report: RebuildReport::default(),
        };
        let result = pipeline::run(
            &self.config,
            ThemeFrom::Ready(&self.theme),
            &mut rebuild,
            pipeline::Timings::default(),
        );
        let Rebuild { mut report, .. } = rebuild;
        let cache = &mut self.cache;
        // Trust a watcher's word only from a finished build: a failed one
        // may have left sources unread that the next change will not name.
        cache.complete = result.is_ok();
        if result.is_err() {
            // The output may hold some of the new shards and not others:
            // the next search index is written whole.
            cache.search = Mutex::new(LiveIndex::new(DEFAULT_LIMITS));
        }
        if result.is_err() && cache.extracted.values().any(|e| e.briefing.is_none()) {
            // The rebuild failed after lending the briefings to a site it did
            // not finish (an error in a source fails before that, and keeps
            // the session); forget everything, so the next rebuild starts
            // afresh.
            cache.extracted.clear();
            cache.briefing_hashes.clear();
            cache.fingerprints.clear();
            cache.search_parts.clear();
            cache.entity_facts.clear();
        }
        let built = result?;
        report.briefings = built.briefings;
        report.questions = built.questions;
        report.statements = built.statements;
        report.entities = built.entities;
        report.warnings = built.warnings;
        report.timings = built.timings.stages;
        Ok(report)
    }
}

/// One run of the pipeline over a session's cache.
struct Rebuild<'a> {
    cache: &'a mut Cache,
    /// The session's first build: every page rendered, into a staging folder.
    first: bool,
    /// What the caller of [`Session::rebuild_changed`] says changed.
    changed: Option<&'a [PathBuf]>,
    /// The hash of each source the load stage read.
    hashes: Vec<u64>,
    /// The source hash of each briefing handed to the index, in its order.
    source_hashes: Vec<u64>,
    report: RebuildReport,
}

impl Memo for Rebuild<'_> {
    /// Reads only the sources a watcher names, or whose stamp changed.
    fn load(&mut self, config: &Config) -> Result<crate::load::Loaded> {
        let cache = &mut *self.cache;
        let extracted = &cache.extracted;
        let unchanged = |path: &Path, stamp: &crate::load::Stamp| {
            extracted
                .get(path)
                .is_some_and(|e| e.briefing.is_some() && e.stamp.as_ref() == Some(stamp))
        };
        let told = self.changed.filter(|_| cache.complete).and_then(|changed| {
            // Sources that could not be stamped are read at every rebuild.
            let mut changed = changed.to_vec();
            let mut known = Vec::with_capacity(extracted.len());
            for (path, e) in extracted {
                match e.stamp {
                    Some(stamp) if e.briefing.is_some() => known.push((path.clone(), stamp)),
                    _ => changed.push(path.clone()),
                }
            }
            // Files that said something but gave no source are read again.
            changed.extend(cache.file_notes.keys().cloned());
            crate::load::load_changed(
                &config.site_dir,
                &config.source_dirs,
                config.max_source_bytes,
                &known,
                &changed,
            )
        });
        let mut loaded = match told {
            Some(loaded) => loaded?,
            None => crate::load::load_sources_reusing(
                &config.site_dir,
                &config.source_dirs,
                config.max_source_bytes,
                &unchanged,
            )?,
        };
        self.hashes = loaded.sources.par_iter().map(source_hash).collect();
        let sourced: FxHashSet<&OsStr> =
            loaded.sources.iter().map(|s| s.path.as_os_str()).collect();
        cache.file_notes = loaded
            .warnings
            .iter()
            .filter(|w| !sourced.contains(w.path.as_os_str()))
            .map(|w| (w.path.clone(), w.message.clone()))
            .collect();
        // A full build reports what the loader said of every source; say
        // again what was said of the ones not read this time.
        for (path, _) in &loaded.reused {
            if let Some(note) = cache.extracted.get(path).and_then(|e| e.note.clone()) {
                loaded.warnings.push(crate::load::Warning {
                    path: path.clone(),
                    message: note,
                });
            }
        }
        loaded.warnings.sort_by(|a, b| a.path.cmp(&b.path));
        // Sources read again but unchanged (saved without an edit) keep
        // their extraction; only their stamp and note are renewed.
        let notes = notes_of(&loaded.warnings);
        for ((source, &hash), stamp) in loaded.sources.iter().zip(&self.hashes).zip(&loaded.stamps)
        {
            if let Some(e) = cache.extracted.get_mut(&source.path)
                && e.source_hash == hash
            {
                e.stamp = *stamp;
                e.note = notes.get(source.path.as_path()).map(|n| n.to_string());
            }
        }
        Ok(loaded)
    }

    /// Re-extracts only the sources whose text changed; the briefings are
    /// moved out of the cache into the site, and back in [`Memo::finish`].
    fn extract(
        &mut self,
        loaded: &mut crate::load::Loaded,
        settings: &pipeline::Settings,
        registry: &Registry,
        timings: &mut pipeline::Timings,
    ) -> Result<Vec<Briefing>> {
        timings.time("parse+extract", || {
            self.extract_changed(loaded, settings, registry)
        })
    }

    /// Indexes with each unchanged briefing's entity facts reused.
    fn index(
        &mut self,
        briefings: Vec<Briefing>,
        settings: &pipeline::Settings,
        registry: &Registry,
    ) -> Result<Site> {
        let registry_keys = RegistryKeys::new(&registry.entity);
        let facts = reuse_or_make(&mut self.cache.entity_facts, &self.source_hashes, |i| {
            entity_facts(&briefings[i], &registry_keys)
        });
        crate::index::index_with_facts(
            settings.info.clone(),
            briefings,
            facts,
            registry,
            &settings.index,
        )
    }

    /// Renders only the jobs whose fingerprint changed, and writes them in
    /// place (the first build into a staging folder, swapped in).
    fn render(
        &mut self,
        config: &Config,
        site: &Site,
        theme: &Theme,
        plan: &Plan,
        timings: &mut pipeline::Timings,
    ) -> Result<usize> {
        let first = self.first;
        let (own, fingerprints, jobs, dirty) = timings.time("plan", || {
            let own = self.briefing_hashes(site);
            let fingerprints = fingerprints(site, plan, &own);
            let jobs = plan.jobs();
            let dirty: Vec<Job> = jobs
                .iter()
                .copied()
                .filter(|job| first || self.cache.fingerprints.get(job) != fingerprints.get(job))
                .collect();
            (own, fingerprints, jobs, dirty)
        });
        let cache = &mut *self.cache;
        self.report.total_jobs = jobs.len();
        // Search documents carry the briefing's place only through their
        // order, so a part is reused for as long as the briefing's hash holds.
        let search_parts =
            reuse_or_make(&mut cache.search_parts, &own, |i| SearchPart::of(site, i));
        let renderer = Renderer {
            site,
            theme,
            plan,
            search_parts: Some(&search_parts),
            search_live: Some(&cache.search),
        };
        let written = timings.time("render+write", || -> Result<usize> {
            if first {
                let staging = crate::write::Staging::begin_keeping(
                    &config.out_dir,
                    crate::pipeline::cache::kept_output(config).as_deref(),
                )?;
                let outputs = render_jobs(&renderer, &dirty, &staging)?;
                let count = staging.files();
                staging.commit()?;
                cache.outputs.clear();
                cache.owners.clear();
                claim(&mut cache.outputs, &mut cache.owners, outputs);
                return Ok(count);
            }
            let sink = crate::write::InPlace::new(&config.out_dir);
            let outputs = render_jobs(&renderer, &dirty, &sink)?;
            // Only files the re-run jobs, and the jobs no longer planned
            // (a briefing removed, a list grown shorter), wrote last time
            // can be gone: those no job now claims are removed.
            let planned: FxHashSet<Job> = jobs.iter().copied().collect();
            let vanished: Vec<Job> = cache
                .outputs
                .keys()
                .filter(|job| !planned.contains(job))
                .copied()
                .collect();
            let mut maybe_gone: Vec<String> = Vec::new();
            for job in vanished.iter().chain(outputs.keys()) {
                for path in cache.outputs.remove(job).unwrap_or_default() {
                    if cache.owners.get(&path) == Some(job) {
                        cache.owners.remove(&path);
                    }
                    maybe_gone.push(path);
                }
            }
            claim(&mut cache.outputs, &mut cache.owners, outputs);
            let mut gone: Vec<String> = maybe_gone
                .into_iter()
                .filter(|path| !cache.owners.contains_key(path))
                .collect();
            gone.sort_unstable();
            gone.dedup();
            self.report.removed_files = crate::write::remove_in_place(&config.out_dir, &gone)?;
            Ok(sink.written())
        })?;
        self.report.rendered_jobs = dirty.len();
        self.report.written_files = written;
        cache.fingerprints = fingerprints;
        Ok(written)
    }

    /// Source errors fail a rebuild, as they fail a build.
    fn collect(&mut self, errors: Vec<Error>) -> Result<()> {
        Error::collect(errors)
    }

    /// The briefings go back to the cache for the next rebuild.
    fn finish(&mut self, site: Site) {
        for briefing in site.briefings {
            if let Some(extracted) = self.cache.extracted.get_mut(&briefing.source) {
                extracted.briefing = Some(briefing);
            }
        }
    }
}

impl Rebuild<'_> {
    /// Re-extracts the sources whose text changed, forgets the vanished ones
    /// and takes every briefing out of the cache, in path order.
    fn extract_changed(
        &mut self,
        loaded: &crate::load::Loaded,
        settings: &pipeline::Settings,
        registry: &Registry,
    ) -> Result<Vec<Briefing>> {
        let cache = &mut *self.cache;
        let hashes = &self.hashes;
        let stale: Vec<usize> = (0..loaded.sources.len())
            .filter(|&i| {
                cache
                    .extracted
                    .get(&loaded.sources[i].path)
                    .is_none_or(|e| e.source_hash != hashes[i])
            })
            .collect();
        let fresh: Vec<Result<Briefing>> = stale
            .par_iter()
            .map(|&i| pipeline::extract_source(&loaded.sources[i], settings.html, registry))
            .collect();
        let notes = notes_of(&loaded.warnings);
        let mut errors = Vec::new();
        for (&i, result) in stale.iter().zip(fresh) {
            match result {
                Ok(briefing) => {
                    let path = &loaded.sources[i].path;
                    cache.extracted.insert(
                        path.clone(),
                        Extracted {
                            source_hash: hashes[i],
                            stamp: loaded.stamps[i],
                            note: notes.get(path.as_path()).map(|n| n.to_string()),
                            briefing: Some(briefing),
                        },
                    );
                }
                Err(e) => errors.push(e),
            }
        }
        Error::collect(errors)?;
        // Paths as bytes: hashing a `Path` parses its components, which for
        // 10,000 sources cost more than extracting the changed one.
        let present: FxHashSet<&OsStr> = loaded
            .sources
            .iter()
            .map(|s| s.path.as_os_str())
            .chain(loaded.reused.iter().map(|(path, _)| path.as_os_str()))
            .collect();
        let before = cache.extracted.len();
        cache
            .extracted
            .retain(|path, _| present.contains(path.as_os_str()));
        self.report.changed_sources = stale.len();
        self.report.removed_sources = before - cache.extracted.len();

        // The whole set is indexed again: cross-links depend on all of it.
        let same_sources = cache.order.len() == cache.extracted.len()
            && cache.order.iter().all(|p| cache.extracted.contains_key(p));
        if !same_sources {
            cache.order = cache.extracted.keys().cloned().collect();
            cache.order.sort();
        }
        self.source_hashes = Vec::with_capacity(cache.order.len());
        let mut briefings: Vec<Briefing> = Vec::with_capacity(cache.order.len());
        for path in &cache.order {
            let taken = cache.extracted.get_mut(path).and_then(|e| {
                self.source_hashes.push(e.source_hash);
                e.briefing.take()
            });
            briefings.push(taken.ok_or_else(|| {
                Error::Output(format!(
                    "internal error: the briefing of {} was not returned by the last rebuild",
                    path.display()
                ))
            })?);
        }
        Ok(briefings)
    }

    /// The hash of each indexed briefing (site order), reused from the
    /// cache for every source whose text did not change.
    fn briefing_hashes(&mut self, site: &Site) -> Vec<u64> {
        let cache = &mut *self.cache;
        // Which source each briefing came from, to reuse its hash.
        // Keyed by `OsStr`: hashing a `Path` walks its components.
        let by_source: FxHashMap<&OsStr, u64> = cache
            .order
            .iter()
            .zip(&self.source_hashes)
            .map(|(path, &h)| (path.as_os_str(), h))
            .collect();
        let missing: Vec<usize> = (0..site.briefings.len())
            .filter(|&i| {
                by_source
                    .get(site.briefings[i].source.as_os_str())
                    .is_none_or(|h| !cache.briefing_hashes.contains_key(h))
            })
            .collect();
        let computed: Vec<(usize, u64)> = missing
            .par_iter()
            .map(|&i| (i, hash_of(&site.briefings[i])))
            .collect();
        for (i, h) in computed {
            if let Some(&source) = by_source.get(site.briefings[i].source.as_os_str()) {
                cache.briefing_hashes.insert(source, h);
            }
        }
        let live: BTreeSet<u64> = self.source_hashes.iter().copied().collect();
        cache.briefing_hashes.retain(|h, _| live.contains(h));
        site.briefings
            .iter()
            .map(|b| {
                by_source
                    .get(b.source.as_os_str())
                    .and_then(|h| cache.briefing_hashes.get(h))
                    .copied()
                    .unwrap_or_else(|| hash_of(b))
            })
            .collect()
    }
}

/// What the loader said of each source, by path.
fn notes_of(warnings: &[crate::load::Warning]) -> HashMap<&Path, &str> {
    warnings
        .iter()
        .map(|w| (w.path.as_path(), w.message.as_str()))
        .collect()
}

/// For each of `keys`, the value `cache` holds under it, or `make(i)` (in
/// parallel); the cache then holds these values only.
fn reuse_or_make<T: Send + Sync>(
    cache: &mut HashMap<u64, Arc<T>>,
    keys: &[u64],
    make: impl Fn(usize) -> T + Sync,
) -> Vec<Arc<T>> {
    let values: Vec<Arc<T>> = keys
        .par_iter()
        .enumerate()
        .map(|(i, key)| match cache.get(key) {
            Some(value) => Arc::clone(value),
            None => Arc::new(make(i)),
        })
        .collect();
    *cache = keys.iter().copied().zip(values.iter().cloned()).collect();
    values
}

/// Records the files jobs wrote, by job and by file.
fn claim(
    outputs: &mut HashMap<Job, Vec<String>>,
    owners: &mut FxHashMap<String, Job>,
    wrote: HashMap<Job, Vec<String>>,
) {
    for (job, paths) in &wrote {
        for path in paths {
            owners.insert(path.clone(), *job);
        }
    }
    outputs.extend(wrote);
}

/// Runs `jobs` in parallel into `sink`; returns the paths each one wrote.
fn render_jobs(
    renderer: &Renderer<'_>,
    jobs: &[Job],
    sink: &dyn PageSink,
) -> Result<HashMap<Job, Vec<String>>> {
    jobs.par_iter()
        .with_max_len(1)
        .map(|&job| {
            let recording = Recording {
                inner: sink,
                paths: Mutex::new(Vec::new()),
            };
            renderer.run(job, &recording)?;
            let paths = recording
                .paths
                .into_inner()
                .unwrap_or_else(|e| e.into_inner());
            Ok((job, paths))
        })
        .collect()
}

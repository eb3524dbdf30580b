//! The render cache of `briefing build`: for each page job of the last
//! builds, its fingerprint ([`super::fingerprint`]) and the files it wrote
//! (path, content hash, size, and what the driver keeps of each: for
//! `briefing build`, the links and ids `check` reads). A build renders only
//! the jobs whose fingerprint is not in the cache; the files of the others
//! are hard-linked from the last output into the staging folder, once the
//! output's manifest vouches for every one of them (see
//! [`Staging::reuse`]). Anything doubtful renders the job.
//!
//! - **Where**: beside the extraction cache, in the same sharded store
//!   ([`super::cache`]): `SITE/.briefing-cache/jobs-NN`, written after the
//!   swap, each changed shard to a temporary file renamed over the old one;
//!   a shard that is missing, corrupt or made with another header is a
//!   miss, and a `.briefing-cache` that is a link is neither read nor
//!   written.
//! - **Keyed by** the job's fingerprint and what kind of job it is (and,
//!   for the jobs named by their place, such as index page `n`, that
//!   place): a briefing's page keeps its key when another briefing before
//!   it is removed. Entries are content-addressed, so an old shard beside
//!   a new one (a build killed while writing them) is still a correct
//!   cache.
//! - **The header** names the cache format, the tool's version and binary,
//!   the site folder, every setting (`briefing.toml` as read and as
//!   parsed, with the command line's), the entity registry's bytes and
//!   every file under the site's `templates/`: a changed theme, setting or
//!   tool renders everything again.

use super::cache::{CacheLine, CacheShards, ExtractCache, binary_identity};
use crate::config::Config;
use crate::error::Result;
use crate::index::Site;
use crate::render::pages::{Job, PageSink, Plan, Renderer};
use crate::write::{Staging, content_hash};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::Path;
use std::sync::Mutex;

/// What the render cache's shard files are named after (`jobs-NN`).
pub const JOBS_PREFIX: &str = "jobs-";
/// Changes whenever the layout of an entry changes.
const JOBS_FORMAT: &str = "briefing-jobs 1";

/// One file a job wrote.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct JobFile<T> {
    /// Inside the output, `/`-separated.
    pub path: String,
    /// [`content_hash`] of its bytes.
    pub hash: u64,
    pub size: u64,
    /// What the driver keeps of the file (see [`render_reusing`]).
    pub extra: T,
}

/// What [`render_reusing`] did.
#[derive(Debug)]
pub struct Rendered<T> {
    /// Every file of every job, rendered or reused, in no set order.
    pub files: Vec<JobFile<T>>,
    /// Jobs rendered, and jobs whose files were linked from the last output.
    pub rendered: usize,
    pub reused: usize,
    /// The next build's render cache.
    pub shards: CacheShards,
}

/// The header of a render cache for `config`'s site as it is now.
pub fn header(config: &Config) -> String {
    let mut hasher = DefaultHasher::new();
    env!("CARGO_PKG_VERSION").hash(&mut hasher);
    binary_identity().hash(&mut hasher);
    std::fs::canonicalize(&config.site_dir)
        .unwrap_or_else(|_| config.site_dir.clone())
        .hash(&mut hasher);
    // Every setting as parsed (the command line's too), and the files they
    // come from as read: whatever a setting changes, the header changes.
    format!("{config:?}").hash(&mut hasher);
    std::fs::read(config.site_dir.join("briefing.toml"))
        .ok()
        .hash(&mut hasher);
    std::fs::read(&config.entities_file).ok().hash(&mut hasher);
    hash_tree(&config.templates_dir, Path::new(""), &mut hasher);
    format!("{JOBS_FORMAT} {:016x}\n", hasher.finish())
}

/// Hashes every entry under `dir` (sorted by name): its name, its kind and,
/// for a file, its bytes; for a folder, what it holds. A link is hashed as
/// the link it is (the theme does not follow it).
fn hash_tree(dir: &Path, relative: &Path, hasher: &mut DefaultHasher) {
    let Ok(entries) = std::fs::read_dir(dir.join(relative)) else {
        0u8.hash(hasher);
        return;
    };
    let mut names: Vec<std::ffi::OsString> = entries.flatten().map(|e| e.file_name()).collect();
    names.sort();
    for name in names {
        let inside = relative.join(&name);
        let path = dir.join(&inside);
        inside.hash(hasher);
        match std::fs::symlink_metadata(&path) {
            Ok(meta) if meta.is_dir() => {
                1u8.hash(hasher);
                hash_tree(dir, &inside, hasher);
            }
            Ok(meta) if meta.is_file() => {
                2u8.hash(hasher);
                std::fs::read(&path).ok().hash(hasher);
            }
            Ok(meta) => {
                3u8.hash(hasher);
                std::fs::read_link(&path).ok().hash(hasher);
                meta.len().hash(hasher);
            }
            Err(_) => 4u8.hash(hasher),
        }
    }
}

/// Reads the render cache of the site at `config.site_dir` (empty when there
/// is none, or none made with this header).
pub fn read(config: &Config) -> ExtractCache {
    ExtractCache::read_named(&config.site_dir, header(config), JOBS_PREFIX)
}

/// Each job of `plan` with its cache key: its fingerprint mixed with its
/// kind (and place, for a job named by it); `None` for a key two jobs
/// share, which is then never trusted.
pub fn job_keys(site: &Site, plan: &Plan) -> Vec<(Job, Option<u64>)> {
    let own: Vec<u64> = site
        .briefings
        .par_iter()
        .map(super::fingerprint::hash_of)
        .collect();
    let fingerprints = super::fingerprint::fingerprints(site, plan, &own);
    let keyed: Vec<(Job, u64)> = plan
        .jobs()
        .into_iter()
        .map(|job| {
            let mut hasher = DefaultHasher::new();
            job_kind(job).hash(&mut hasher);
            fingerprints.get(&job).hash(&mut hasher);
            (job, hasher.finish())
        })
        .collect();
    let mut seen: FxHashMap<u64, usize> = FxHashMap::default();
    for (_, key) in &keyed {
        *seen.entry(*key).or_default() += 1;
    }
    keyed
        .into_iter()
        .map(|(job, key)| (job, (seen[&key] == 1).then_some(key)))
        .collect()
}

/// What a job's key holds of the job itself beside its fingerprint. A
/// briefing's, entity's or tag's page is known by its fingerprint (which
/// covers its slug), so it keeps its key when the site order moves it; a
/// list page, print volume or static file by its place too (the
/// fingerprint of a static file is the site's alone).
fn job_kind(job: Job) -> (u8, usize) {
    match job {
        Job::IndexPage(n) => (0, n),
        Job::Briefing(_) => (1, 0),
        Job::BriefingJson(_) => (2, 0),
        Job::QuestionsPage(n) => (3, n),
        Job::PrintVolume(n) => (4, n),
        Job::EntitiesIndex => (5, 0),
        Job::Entity(_) => (6, 0),
        Job::TagsIndex => (7, 0),
        Job::Tag(_) => (8, 0),
        Job::SearchPage => (9, 0),
        Job::SearchIndex => (10, 0),
        Job::BriefingList => (11, 0),
        Job::Feed => (12, 0),
        Job::Sitemap => (13, 0),
        Job::Static(k) => (14, k),
    }
}

/// A sink that writes each file into the staging folder and records it
/// (with `scan`'s reading of it) for the job's cache entry.
struct Recorder<'a, T, F> {
    staging: &'a Staging,
    scan: &'a F,
    files: Mutex<Vec<JobFile<T>>>,
}

impl<T: Send, F: Fn(&str, &[u8]) -> T + Sync> PageSink for Recorder<'_, T, F> {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<()> {
        let extra = (self.scan)(path, bytes);
        self.staging.write(path, bytes)?;
        self.files
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(JobFile {
                path: path.to_string(),
                hash: content_hash(bytes),
                size: bytes.len() as u64,
                extra,
            });
        Ok(())
    }
}

/// One job's outcome: its files, whether it was rendered, its cache line.
type Outcome<T> = (Vec<JobFile<T>>, bool, Option<CacheLine>);

/// Runs every job of `keys` into `staging` (in parallel), but for a job
/// whose key is in `cache` and whose files the staging folder could link
/// from the last output ([`Staging::reuse`]): that one is not rendered, and
/// what `scan` read of its files comes from the cache. `scan` is called on
/// every file rendered.
pub fn render_reusing<T, F>(
    renderer: &Renderer<'_>,
    staging: &Staging,
    cache: &ExtractCache,
    keys: &[(Job, Option<u64>)],
    scan: F,
) -> Result<Rendered<T>>
where
    T: Send + serde::Serialize + serde::de::DeserializeOwned,
    F: Fn(&str, &[u8]) -> T + Sync,
{
    let outcomes: Vec<Outcome<T>> = keys
        .par_iter()
        .with_max_len(1)
        .map(|&(job, key)| -> Result<Outcome<T>> {
            let cached = key
                .and_then(|k| cache.text(k))
                .and_then(|text| serde_json::from_str::<Vec<JobFile<T>>>(text).ok());
            if let Some(files) = cached {
                let named: Vec<(&str, u64, u64)> = files
                    .iter()
                    .map(|f| (f.path.as_str(), f.hash, f.size))
                    .collect();
                if staging.reuse(&named) {
                    return Ok((files, false, key.map(CacheLine::kept)));
                }
            }
            let recorder = Recorder {
                staging,
                scan: &scan,
                files: Mutex::new(Vec::new()),
            };
            renderer.run(job, &recorder)?;
            let mut files = recorder
                .files
                .into_inner()
                .unwrap_or_else(|e| e.into_inner());
            files.sort_unstable_by(|a, b| a.path.cmp(&b.path));
            let line = key.and_then(|k| {
                serde_json::to_string(&files)
                    .ok()
                    .map(|text| CacheLine::new(k, text))
            });
            Ok((files, true, line))
        })
        .collect::<Result<_>>()?;
    let rendered = outcomes.iter().filter(|o| o.1).count();
    let reused = outcomes.len() - rendered;
    let mut lines = Vec::with_capacity(outcomes.len());
    let mut files = Vec::new();
    for (job_files, _, line) in outcomes {
        files.extend(job_files);
        lines.extend(line);
    }
    Ok(Rendered {
        files,
        rendered,
        reused,
        shards: cache.shards(lines),
    })
}

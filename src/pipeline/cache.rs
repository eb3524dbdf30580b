//! The extraction cache of `briefing build`: what parse + extract made of
//! each source at the last build, kept in the site folder (in
//! `SITE/.briefing-cache/`, [`CACHE_DIR`]), so that a build after one edit
//! parses and extracts only the sources that changed. It is not site
//! output: a web server serving `dist/` never serves it, and the bytes of
//! `dist/` are the site's alone. The tool writes nowhere but the site
//! folder and the output the user names.
//!
//! - **Where**: [`CACHE_SHARDS`] files `SITE/.briefing-cache/NN`, each
//!   holding the entries whose key falls in it, and a `.gitignore` of `*`
//!   so that a site kept in git does not commit it. Each shard is written
//!   to a temporary file and renamed over the old one after the site is
//!   swapped in ([`write`]): a build killed at any point leaves every
//!   shard whole (old or new), and since an entry is keyed by its source's
//!   bytes, a mix of old and new shards is still a correct cache. A shard
//!   whose bytes did not change is not written. A `.briefing-cache` that
//!   is a symbolic link, or not a folder, is neither read nor written.
//!   The folder also holds the output the last build replaced
//!   ([`kept_output`], `output/`), which the write stage owns.
//! - **Keyed by** a hash of the source's path, format, text and sidecar;
//!   each shard starts with a header naming the cache format, the tool's
//!   version and binary (its size and modification time), the HTML policy,
//!   the site folder and what else the driver keeps per source (`kind`).
//!   The registry is not in the key: it is applied after the cache.
//! - **Holds** per source the briefing as extraction gave it (before the
//!   registry) and what the driver gathered beside it (for `briefing
//!   build`, the findings `check` would report of the source).
//! - **Never trusted blindly**: a shard that cannot be read, has another
//!   header, or an entry that does not parse is a miss, and the source is
//!   extracted again; the next build writes the cache anew. Sources read
//!   from pages, email, Word or PDF files are not cached (their text is
//!   not all they are parsed from).

use crate::error::Result;
use crate::model::{Briefing, Document, Source};
use crate::parse::markdown::HtmlPolicy;
use crate::pipeline::Timings;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::Path;
use std::time::{Duration, Instant};

/// The folder inside the site that holds the cache.
pub const CACHE_DIR: &str = ".briefing-cache";
/// How many files the cache is cut into: an edit rewrites one of them, the
/// others are hard-linked from the last output.
pub const CACHE_SHARDS: u64 = 64;
/// The folder inside the cache that keeps the output a build replaced.
pub const KEPT_OUTPUT: &str = "output";
/// Changes whenever the layout of an entry changes.
const CACHE_FORMAT: &str = "briefing-cache 1";

/// The cache read from an output: each entry's text by key, or nothing.
#[derive(Debug, Default)]
pub struct ExtractCache {
    header: String,
    /// What each shard's file name starts with: "" for the extraction
    /// cache, `jobs-` for the render cache of [`super::jobs`], which keeps
    /// its entries in this same sharded store.
    prefix: &'static str,
    entries: FxHashMap<u64, String>,
    /// Each shard's file as read (deflated) and how many entries it held,
    /// for a shard none of whose entries changed to be written as it was.
    read: Vec<Option<(Vec<u8>, usize)>>,
}

/// One source's entry for the next build's cache.
#[derive(Debug)]
pub struct CacheLine {
    key: u64,
    /// `BRIEFING_JSON \t EXTRA_JSON` (JSON strings escape every tab);
    /// empty for an entry read from the cache, whose text the cache holds
    /// (copying it for every source cost 150 MB of peak at 10,000).
    text: String,
    /// Whether it was read from the cache (and is unchanged).
    hit: bool,
}

impl CacheLine {
    /// A new or changed entry: `text` is one line (no newline in it).
    pub fn new(key: u64, text: String) -> CacheLine {
        CacheLine {
            key,
            text,
            hit: false,
        }
    }

    /// An entry read from the cache and kept as it was.
    pub fn kept(key: u64) -> CacheLine {
        CacheLine {
            key,
            text: String::new(),
            hit: true,
        }
    }
}

/// The files of the next build's cache: (path inside the site, bytes).
pub type CacheShards = Vec<(String, Vec<u8>)>;

/// What one parse + extract pass gave, with the cache it leaves.
pub struct Extracted<T, U> {
    /// Each source's briefing (or error), what the driver gathered of it
    /// (cached) and what it keeps of it (not cached), in source order.
    pub results: Vec<(Result<Briefing>, T, U)>,
    /// The next build's cache entries.
    pub shards: CacheShards,
    /// Sources whose entry was found in the cache.
    pub hits: usize,
}

impl ExtractCache {
    /// The header every shard of a cache for these settings starts with.
    pub fn header(site_dir: &Path, html: HtmlPolicy, kind: &str) -> String {
        let mut hasher = DefaultHasher::new();
        env!("CARGO_PKG_VERSION").hash(&mut hasher);
        binary_identity().hash(&mut hasher);
        matches!(html, HtmlPolicy::Allow).hash(&mut hasher);
        std::fs::canonicalize(site_dir)
            .unwrap_or_else(|_| site_dir.to_path_buf())
            .hash(&mut hasher);
        kind.hash(&mut hasher);
        format!("{CACHE_FORMAT} {:016x}\n", hasher.finish())
    }

    /// Reads the cache of the site at `site_dir`; empty when there is
    /// none, none made with `header`, or its folder is not a real one
    /// (every shard is read in parallel, and a shard that does not read is
    /// as if empty).
    pub fn read(site_dir: &Path, header: String) -> ExtractCache {
        ExtractCache::read_named(site_dir, header, "")
    }

    /// [`ExtractCache::read`] of the shards whose names start with `prefix`.
    pub fn read_named(site_dir: &Path, header: String, prefix: &'static str) -> ExtractCache {
        let dir = site_dir.join(CACHE_DIR);
        if !is_real_dir(&dir) {
            return ExtractCache::empty_named(header, prefix);
        }
        type Shard = (Vec<(u64, String)>, Option<(Vec<u8>, usize)>);
        let shards: Vec<Shard> = (0..CACHE_SHARDS)
            .into_par_iter()
            .map(|n| {
                let Ok(bytes) = std::fs::read(dir.join(format!("{prefix}{}", shard_name(n))))
                else {
                    return (Vec::new(), None);
                };
                let Some(text) = inflate(&bytes) else {
                    return (Vec::new(), None);
                };
                let Some(body) = text.strip_prefix(header.as_str()) else {
                    return (Vec::new(), None);
                };
                let entries: Vec<(u64, String)> = body
                    .lines()
                    .filter_map(|line| {
                        let (key, rest) = line.split_once('\t')?;
                        let key = u64::from_str_radix(key, 16).ok()?;
                        (shard_of(key) == n as usize).then(|| (key, rest.to_string()))
                    })
                    .collect();
                let count = entries.len();
                (entries, Some((bytes, count)))
            })
            .collect();
        let mut entries = FxHashMap::default();
        let mut read = Vec::with_capacity(shards.len());
        for (shard, raw) in shards {
            entries.extend(shard);
            read.push(raw);
        }
        ExtractCache {
            header,
            prefix,
            entries,
            read,
        }
    }

    /// An empty cache that writes with `header`.
    pub fn empty(header: String) -> ExtractCache {
        ExtractCache::empty_named(header, "")
    }

    /// An empty cache whose shards' names start with `prefix`.
    pub fn empty_named(header: String, prefix: &'static str) -> ExtractCache {
        ExtractCache {
            header,
            prefix,
            entries: FxHashMap::default(),
            read: Vec::new(),
        }
    }

    /// The text of the entry for `key`, as the cache holds it.
    pub fn text(&self, key: u64) -> Option<&str> {
        self.entries.get(&key).map(String::as_str)
    }

    /// The briefing and extra of the entry for `key`, when it parses.
    fn get<T: serde::de::DeserializeOwned>(&self, key: u64) -> Option<(Briefing, T)> {
        let text = self.entries.get(&key)?;
        let (briefing, extra) = text.split_once('\t')?;
        let briefing = serde_json::from_str(briefing).ok()?;
        let extra = serde_json::from_str(extra).ok()?;
        Some((briefing, extra))
    }

    /// The shards of the next build's cache, made of `lines` (in
    /// parallel): every shard (an empty one holds the header only), its
    /// entries sorted by key so that the same sources give the same bytes,
    /// deflated. A shard read whole from the cache whose entries are all
    /// still there, unchanged, and no others, is its file as read.
    pub fn shards(&self, mut lines: Vec<CacheLine>) -> CacheShards {
        lines.sort_unstable_by_key(|l| l.key);
        lines.dedup_by_key(|l| l.key);
        let mut by_shard: Vec<Vec<CacheLine>> = (0..CACHE_SHARDS).map(|_| Vec::new()).collect();
        for line in lines {
            by_shard[shard_of(line.key)].push(line);
        }
        by_shard
            .into_par_iter()
            .enumerate()
            .map(|(n, lines)| {
                let path = format!("{CACHE_DIR}/{}{}", self.prefix, shard_name(n as u64));
                if let Some(Some((bytes, count))) = self.read.get(n)
                    && *count == lines.len()
                    && lines.iter().all(|l| l.hit)
                {
                    return (path, bytes.clone());
                }
                let mut text = self.header.clone();
                for line in &lines {
                    let entry = if line.hit {
                        self.entries.get(&line.key).map_or("", String::as_str)
                    } else {
                        line.text.as_str()
                    };
                    text.push_str(&format!("{:016x}\t", line.key));
                    text.push_str(entry);
                    text.push('\n');
                }
                (path, deflate(text.as_bytes()))
            })
            .collect()
    }
}

/// Whether `dir` is a folder and not a symbolic link to one (a link could
/// point the cache's writes outside the site).
pub fn is_real_dir(dir: &Path) -> bool {
    std::fs::symlink_metadata(dir).is_ok_and(|m| m.is_dir())
}

/// The cache folder of the site at `site_dir`, made (with its `.gitignore`
/// of `*`) when there is none; an error when it is a link or not a folder.
fn made_cache_dir(site_dir: &Path) -> std::io::Result<std::path::PathBuf> {
    let dir = site_dir.join(CACHE_DIR);
    match std::fs::create_dir(&dir) {
        Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => return Err(e),
        _ => {}
    }
    if !is_real_dir(&dir) {
        return Err(std::io::Error::other(format!(
            "{} is not a folder",
            dir.display()
        )));
    }
    let ignore = dir.join(".gitignore");
    if std::fs::symlink_metadata(&ignore).is_err() {
        std::fs::write(&ignore, "*\n")?;
    }
    Ok(dir)
}

/// The folder in the site's cache where a build keeps the output it
/// replaced, for the next build to make its staging folder of
/// ([`crate::write::Staging::begin_keeping`]): `SITE/.briefing-cache/output`.
/// One for every output the site is built into: any output of the site
/// serves, as only files its manifest vouches for are kept. `None` when
/// the cache folder cannot be made (a read-only site, a link) or the
/// config says not to keep it: the
/// replaced output is then removed, as before.
pub fn kept_output(config: &crate::config::Config) -> Option<std::path::PathBuf> {
    if !config.keep_replaced {
        return None;
    }
    made_cache_dir(&config.site_dir)
        .ok()
        .map(|dir| dir.join(KEPT_OUTPUT))
}

/// Writes the cache's `shards` (paths inside the site) into `site_dir`:
/// each changed shard to a temporary file of this process, renamed over
/// the old one (so a kill leaves each shard old or new, never cut);
/// temporary files a killed build left are removed first. Refuses (as an
/// error the caller reports, not a failed build) a `.briefing-cache` that
/// is a symbolic link or not a folder.
pub fn write(site_dir: &Path, shards: &CacheShards) -> std::io::Result<()> {
    let dir = made_cache_dir(site_dir)?;
    for entry in std::fs::read_dir(&dir)?.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') && name.ends_with(TMP_SUFFIX) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
    shards.par_iter().try_for_each(|(path, bytes)| {
        let target = site_dir.join(path);
        if std::fs::read(&target).is_ok_and(|old| &old == bytes) {
            return Ok(());
        }
        let name = target.file_name().map(|n| n.to_string_lossy().to_string());
        let tmp = dir.join(format!(
            ".{}.{}{TMP_SUFFIX}",
            name.unwrap_or_default(),
            std::process::id()
        ));
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        std::io::Write::write_all(&mut file, bytes)?;
        drop(file);
        std::fs::rename(&tmp, &target).inspect_err(|_| {
            let _ = std::fs::remove_file(&tmp);
        })
    })
}

/// The end of a shard's temporary file's name (`.NN.PID.tmp`).
const TMP_SUFFIX: &str = ".tmp";

/// `bytes` deflated (zlib's fastest level: the cache is written at every
/// build, read at the next).
fn deflate(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut encoder = flate2::write::ZlibEncoder::new(
        Vec::with_capacity(bytes.len() / 4),
        flate2::Compression::fast(),
    );
    // Writing into a Vec cannot fail.
    let _ = encoder.write_all(bytes);
    encoder.finish().unwrap_or_default()
}

/// A shard's text, inflated; `None` when it is not a deflated UTF-8 text.
fn inflate(bytes: &[u8]) -> Option<String> {
    use std::io::Read;
    let mut text = String::new();
    flate2::read::ZlibDecoder::new(bytes)
        .read_to_string(&mut text)
        .ok()?;
    Some(text)
}

fn shard_name(n: u64) -> String {
    format!("{n:02}")
}

fn shard_of(key: u64) -> usize {
    // The high bits: the low ones of a SipHash are as good, but this keeps
    // the shard apart from the order of keys within it.
    ((key >> 58) % CACHE_SHARDS) as usize
}

/// What identifies the running binary: its size and modification time, so
/// a rebuilt tool (new rules, same version number) never reads an old cache.
pub(crate) fn binary_identity() -> Option<(u64, i64, u32)> {
    let meta = std::env::current_exe().and_then(std::fs::metadata).ok()?;
    let modified = meta.modified().ok()?;
    let since = modified.duration_since(std::time::UNIX_EPOCH).ok()?;
    Some((
        meta.len(),
        i64::try_from(since.as_secs()).ok()?,
        since.subsec_nanos(),
    ))
}

/// The cache key of a source, or `None` for a source the cache does not
/// hold (one converted from a page, email, Word or PDF file).
pub fn source_key(source: &Source) -> Option<u64> {
    if source.converted.is_some() {
        return None;
    }
    let mut hasher = DefaultHasher::new();
    source.path.hash(&mut hasher);
    format!("{:?}", source.format).hash(&mut hasher);
    source.text.hash(&mut hasher);
    match &source.sidecar {
        Some(meta) => serde_json::to_string(meta).ok()?.hash(&mut hasher),
        None => 0u8.hash(&mut hasher),
    }
    Some(hasher.finish())
}

/// [`crate::pipeline::parse_and_extract_with`] through a cache: a source
/// whose entry is in `cache` is not parsed nor extracted, and `also` is not
/// called for it (its cached value stands in); `keep` is called for every
/// source that gave a briefing, cached or not. Every briefing made gives an
/// entry for the next build's cache.
pub fn parse_and_extract_cached<T, U, F, K>(
    sources: Vec<Source>,
    html: HtmlPolicy,
    cache: &ExtractCache,
    timings: &mut Timings,
    also: F,
    keep: K,
) -> Extracted<T, U>
where
    T: Send + serde::Serialize + serde::de::DeserializeOwned + Default,
    U: Send + Default,
    F: Fn(&Source, Option<&Document>, Option<&Briefing>) -> T + Sync,
    K: Fn(&Source, &Briefing) -> U + Sync,
{
    type One<T, U> = (
        Result<Briefing>,
        T,
        U,
        Option<CacheLine>,
        bool,
        Duration,
        Duration,
    );
    timings.started("parse, extract");
    let started = Instant::now();
    let results: Vec<One<T, U>> = sources
        .into_par_iter()
        .map(|source| {
            let key = source_key(&source);
            if let Some((briefing, extra)) = key.and_then(|k| cache.get::<T>(k)) {
                let kept = keep(&source, &briefing);
                let line = key.map(|key| CacheLine {
                    key,
                    text: String::new(),
                    hit: true,
                });
                return (
                    Ok(briefing),
                    extra,
                    kept,
                    line,
                    true,
                    Duration::ZERO,
                    Duration::ZERO,
                );
            }
            let parse_started = Instant::now();
            let doc = crate::parse::parse_with(&source, html);
            let extract_started = Instant::now();
            let (briefing, extra) = match doc {
                Ok(doc) => {
                    let briefing = crate::extract::extract(&doc);
                    let extra = also(&source, Some(&doc), briefing.as_ref().ok());
                    (briefing, extra)
                }
                Err(e) => (Err(e), also(&source, None, None)),
            };
            let kept = briefing
                .as_ref()
                .map(|b| keep(&source, b))
                .unwrap_or_default();
            let line = match (&briefing, key) {
                (Ok(b), Some(key)) => entry_text(b, &extra).map(|text| CacheLine {
                    key,
                    text,
                    hit: false,
                }),
                _ => None,
            };
            drop(source);
            let extracted = extract_started.elapsed();
            (
                briefing,
                extra,
                kept,
                line,
                false,
                extract_started - parse_started,
                extracted,
            )
        })
        .collect();
    let wall = started.elapsed();
    let (parsing, extracting) = results.iter().fold(
        (Duration::ZERO, Duration::ZERO),
        |(p, e), (_, _, _, _, _, dp, de)| (p + *dp, e + *de),
    );
    crate::pipeline::record_parse_extract(timings, wall, parsing, extracting);
    let hits = results.iter().filter(|r| r.4).count();
    let mut lines = Vec::with_capacity(results.len());
    let results = results
        .into_iter()
        .map(|(result, extra, kept, line, _, _, _)| {
            lines.extend(line);
            (result, extra, kept)
        })
        .collect();
    Extracted {
        results,
        shards: cache.shards(lines),
        hits,
    }
}

/// The text of a cache entry: the briefing's JSON, a tab, the extra's.
fn entry_text<T: serde::Serialize>(briefing: &Briefing, extra: &T) -> Option<String> {
    let mut text = serde_json::to_string(briefing).ok()?;
    text.push('\t');
    text.push_str(&serde_json::to_string(extra).ok()?);
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SourceFormat;
    use std::path::PathBuf;

    fn source(path: &str, text: &str) -> Source {
        Source {
            path: PathBuf::from(path),
            format: SourceFormat::Raw,
            text: text.to_string(),
            sidecar: None,
            converted: None,
        }
    }

    const TEXT: &str = "A test headline for the cache\n\nWhat happened on the river?\n\nThe \
                        city council said on Monday that the old bridge over the river \
                        would close for repairs.\n";

    fn run(sources: Vec<Source>, cache: &ExtractCache) -> Extracted<Vec<String>, ()> {
        parse_and_extract_cached(
            sources,
            HtmlPolicy::Sanitize,
            cache,
            &mut Timings::default(),
            |s, _, _| vec![s.path.display().to_string()],
            |_, _| (),
        )
    }

    fn written(shards: CacheShards) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join(CACHE_DIR)).unwrap();
        for (path, bytes) in shards {
            std::fs::write(dir.path().join(path), bytes).unwrap();
        }
        dir
    }

    #[test]
    fn a_cached_briefing_is_the_extracted_one() {
        let header = "briefing-cache test\n".to_string();
        let empty = ExtractCache::empty(header.clone());
        let first = run(vec![source("seeds/a.txt", TEXT)], &empty);
        assert_eq!(first.hits, 0);
        let dir = written(first.shards);
        let cache = ExtractCache::read(dir.path(), header);
        let second = run(vec![source("seeds/a.txt", TEXT)], &cache);
        assert_eq!(second.hits, 1);
        let (a, extra_a, _) = &first.results[0];
        let (b, extra_b, _) = &second.results[0];
        assert_eq!(a.as_ref().unwrap(), b.as_ref().unwrap());
        assert_eq!(extra_a, extra_b);
    }

    #[test]
    fn a_changed_source_is_extracted_again() {
        let header = "briefing-cache test\n".to_string();
        let empty = ExtractCache::empty(header.clone());
        let first = run(vec![source("seeds/a.txt", TEXT)], &empty);
        let dir = written(first.shards);
        let cache = ExtractCache::read(dir.path(), header);
        let edited = format!("{TEXT}\nA closing line was added.\n");
        let second = run(vec![source("seeds/a.txt", &edited)], &cache);
        assert_eq!(second.hits, 0);
        let briefing = second.results[0].0.as_ref().unwrap();
        assert!(
            briefing.sections[0]
                .paragraphs
                .iter()
                .any(|p| p.text.contains("closing line"))
        );
    }

    #[test]
    fn another_header_or_a_corrupt_entry_is_a_miss() {
        let header = "briefing-cache test\n".to_string();
        let empty = ExtractCache::empty(header.clone());
        let first = run(vec![source("seeds/a.txt", TEXT)], &empty);
        let dir = written(first.shards);
        let other = ExtractCache::read(dir.path(), "briefing-cache other\n".to_string());
        assert_eq!(run(vec![source("seeds/a.txt", TEXT)], &other).hits, 0);
        // Cut every entry short: each is then a miss, extracted again.
        for entry in std::fs::read_dir(dir.path().join(CACHE_DIR)).unwrap() {
            let path = entry.unwrap().path();
            let text = inflate(&std::fs::read(&path).unwrap()).unwrap();
            let cut: String = text
                .lines()
                .map(|l| format!("{}\n", &l[..l.len().min(40)]))
                .collect();
            std::fs::write(&path, deflate(cut.as_bytes())).unwrap();
        }
        let corrupt = ExtractCache::read(dir.path(), header);
        let again = run(vec![source("seeds/a.txt", TEXT)], &corrupt);
        assert_eq!(again.hits, 0);
        assert_eq!(
            again.results[0].0.as_ref().unwrap(),
            first.results[0].0.as_ref().unwrap()
        );
    }

    #[test]
    fn a_shard_rewritten_for_one_edit_keeps_its_other_entries() {
        let header = "briefing-cache test\n".to_string();
        let sources = |edited: &str| -> Vec<Source> {
            (0..200)
                .map(|n| {
                    let text = if n == 7 {
                        edited.to_string()
                    } else {
                        TEXT.to_string()
                    };
                    source(&format!("seeds/b{n}.txt"), &text)
                })
                .collect()
        };
        let empty = ExtractCache::empty(header.clone());
        let dir = written(run(sources(TEXT), &empty).shards);
        let edited = format!("{TEXT}\nAn edit in one source.\n");
        let cache = ExtractCache::read(dir.path(), header.clone());
        let second = run(sources(&edited), &cache);
        assert_eq!(second.hits, 199);
        let dir = written(second.shards);
        let cache = ExtractCache::read(dir.path(), header);
        assert_eq!(run(sources(&edited), &cache).hits, 200);
    }

    #[test]
    fn converted_sources_are_not_cached() {
        let mut s = source("seeds/a.html", TEXT);
        assert!(source_key(&s).is_some());
        s.converted = Some(Box::default());
        assert_eq!(source_key(&s), None);
    }

    #[test]
    fn write_renames_changed_shards_only_and_ignores_itself_in_git() {
        let site = tempfile::tempdir().unwrap();
        let shards: CacheShards = vec![
            (format!("{CACHE_DIR}/00"), b"zero".to_vec()),
            (format!("{CACHE_DIR}/01"), b"one".to_vec()),
        ];
        write(site.path(), &shards).unwrap();
        let dir = site.path().join(CACHE_DIR);
        assert_eq!(std::fs::read(dir.join("01")).unwrap(), b"one");
        assert_eq!(
            std::fs::read_to_string(dir.join(".gitignore")).unwrap(),
            "*\n"
        );
        // A temporary file a killed build left is removed; an unchanged
        // shard keeps its inode, a changed one is replaced whole.
        std::fs::write(dir.join(".01.999.tmp"), b"cut sh").unwrap();
        let inode = |name: &str| {
            use std::os::unix::fs::MetadataExt;
            std::fs::metadata(dir.join(name)).unwrap().ino()
        };
        let (zero, one) = (inode("00"), inode("01"));
        let changed: CacheShards = vec![
            (format!("{CACHE_DIR}/00"), b"zero".to_vec()),
            (format!("{CACHE_DIR}/01"), b"one, edited".to_vec()),
        ];
        write(site.path(), &changed).unwrap();
        assert_eq!(inode("00"), zero);
        assert_ne!(inode("01"), one);
        assert_eq!(std::fs::read(dir.join("01")).unwrap(), b"one, edited");
        let mut names: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .collect();
        names.sort();
        assert_eq!(names, [".gitignore", "00", "01"]);
    }

    #[test]
    fn a_linked_cache_folder_is_neither_read_nor_written() {
        let site = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        let header = "briefing-cache test\n".to_string();
        let first = run(
            vec![source("seeds/a.txt", TEXT)],
            &ExtractCache::empty(header.clone()),
        );
        write(elsewhere.path(), &first.shards).unwrap();
        std::os::unix::fs::symlink(
            elsewhere.path().join(CACHE_DIR),
            site.path().join(CACHE_DIR),
        )
        .unwrap();
        let cache = ExtractCache::read(site.path(), header);
        assert_eq!(run(vec![source("seeds/a.txt", TEXT)], &cache).hits, 0);
        let before = std::fs::read_dir(elsewhere.path().join(CACHE_DIR))
            .unwrap()
            .count();
        std::fs::remove_file(elsewhere.path().join(CACHE_DIR).join("00")).unwrap();
        assert!(write(site.path(), &first.shards).is_err());
        let after = std::fs::read_dir(elsewhere.path().join(CACHE_DIR))
            .unwrap()
            .count();
        assert_eq!(after, before - 1, "nothing written through the link");
    }
}

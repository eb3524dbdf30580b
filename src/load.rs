//! Load stage: finds source files under the configured folders, reads them
//! as UTF-8 and pairs each raw `.txt` with its optional `NAME.toml` sidecar.
//! Walk order is sorted by path, so everything downstream is deterministic.
//! Nothing here interprets the text.

use crate::error::{Error, Result};
pub use crate::model::Warning;
use crate::model::{Metadata, Registry, Source, SourceFormat};
use crate::read::{DEFAULT_MAX_SOURCE_BYTES, Limit, read_regular, read_utf8};
use crate::text::line_column;
use rustc_hash::FxHashSet;
use std::collections::BTreeSet;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

/// Sources found, plus the files passed over and why (shown with `-v`).
#[derive(Debug, Default)]
pub struct Loaded {
    pub sources: Vec<Source>,
    pub skipped: Vec<Skipped>,
    /// Things the user should know even without `-v`: files skipped because
    /// they are empty or binary, text read in a legacy encoding.
    pub warnings: Vec<Warning>,
    /// With [`load_sources_reusing`]: the [`Stamp`] of each of `sources`,
    /// taken before it was read.
    pub stamps: Vec<Option<Stamp>>,
    /// With [`load_sources_reusing`]: sources left unread because the caller
    /// already had them as they are on disk, by path as shown, with their
    /// stamp.
    pub reused: Vec<(PathBuf, Stamp)>,
}

/// What a source file and its sidecar looked like on disk: size,
/// modification time and, on Unix, inode and status-change time, which
/// every write, rename or `touch` moves and no tool can set back. The same
/// stamp on a later walk means the file was not written in between, so a
/// long-running `serve` need not read it again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    source: FileStamp,
    sidecar: Option<FileStamp>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct FileStamp {
    len: u64,
    modified: Option<std::time::SystemTime>,
    inode: u64,
    changed: (i64, i64),
}

impl FileStamp {
    fn of(path: &Path) -> Option<FileStamp> {
        let meta = std::fs::metadata(path).ok()?;
        #[cfg(unix)]
        let (inode, changed) = {
            use std::os::unix::fs::MetadataExt;
            (meta.ino(), (meta.ctime(), meta.ctime_nsec()))
        };
        #[cfg(not(unix))]
        let (inode, changed) = (0, (0, 0));
        Some(FileStamp {
            len: meta.len(),
            modified: meta.modified().ok(),
            inode,
            changed,
        })
    }
}

impl Stamp {
    /// The stamp of the source at `path`, with its sidecar when it may have
    /// one; `None` when the file cannot be looked at (it is then read, and
    /// reading reports the problem).
    fn of(path: &Path, may_have_sidecar: bool) -> Option<Stamp> {
        let sidecar_path = path.with_extension("toml");
        Some(Stamp {
            source: FileStamp::of(path)?,
            sidecar: if may_have_sidecar {
                Some(FileStamp::of(&sidecar_path)?)
            } else {
                None
            },
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub path: PathBuf,
    pub reason: &'static str,
}

/// What a file under a source folder is, judged by its name alone.
#[derive(Debug, PartialEq, Eq)]
enum FileRole {
    Source(SourceFormat),
    /// `NAME.toml` beside a `NAME.txt`: read with its source, not on its own.
    Sidecar,
    Skip(&'static str),
}

const NOT_A_SOURCE: &str = "not a source (.txt, .md, .markdown, .html, .htm, .eml, .docx or .pdf)";

/// A `NAME.toml` with no source of that name beside it: skipped, and a
/// warning naming the nearest source (see [`orphan_warnings`]).
const ORPHAN_SIDECAR: &str = "a sidecar without a source of its name";

fn classify(path: &Path) -> FileRole {
    classify_with(path, &|p: &Path| p.is_file())
}

/// [`classify`], asking `exists` whether a sibling file is there.
fn classify_with(path: &Path, exists: &dyn Fn(&Path) -> bool) -> FileRole {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if name.starts_with('.') {
        return FileRole::Skip("hidden file");
    }
    if name.ends_with('~')
        || (name.starts_with('#') && name.ends_with('#'))
        || [".bak", ".swp", ".swo", ".orig", ".tmp"]
            .iter()
            .any(|ext| name.ends_with(ext))
    {
        return FileRole::Skip("editor backup or temporary file");
    }
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("toml")
            if SIDECAR_OWNERS
                .iter()
                .any(|ext| exists(&path.with_extension(ext))) =>
        {
            FileRole::Sidecar
        }
        Some("toml") if name == "entities.toml" => FileRole::Sidecar,
        Some("toml") if name == "briefing.toml" => FileRole::Skip(NOT_A_SOURCE),
        Some("toml") => FileRole::Skip(ORPHAN_SIDECAR),
        Some(ext) => match format_of(ext) {
            Some(format) => FileRole::Source(format),
            None => FileRole::Skip(NOT_A_SOURCE),
        },
        None => FileRole::Skip(NOT_A_SOURCE),
    }
}

/// The source format a (lower-case) extension names.
fn format_of(extension: &str) -> Option<SourceFormat> {
    match extension {
        "txt" => Some(SourceFormat::Raw),
        "md" | "markdown" => Some(SourceFormat::Markdown),
        "html" | "htm" => Some(SourceFormat::Html),
        "eml" => Some(SourceFormat::Email),
        "docx" => Some(SourceFormat::Docx),
        "pdf" => Some(SourceFormat::Pdf),
        _ => None,
    }
}

/// Extensions of the sources a `NAME.toml` sidecar can belong to.
const SIDECAR_OWNERS: &[&str] = &["txt", "html", "htm", "eml", "docx", "pdf"];

/// Loads every source under `dirs` (missing folders are simply empty).
/// Paths in the result are shown relative to `site_dir` when they are inside it.
/// A source over `max_bytes` is an error naming it (`max_source_mb`).
pub fn load_sources(site_dir: &Path, dirs: &[PathBuf], max_bytes: u64) -> Result<Loaded> {
    let (loaded, errors) = load_sources_collecting(site_dir, dirs, max_bytes)?;
    Error::collect(errors)?;
    Ok(loaded)
}

/// [`load_sources`], but a source whose sidecar is broken is left out and
/// its error returned beside the rest, so every broken sidecar is reported
/// at once (`briefing check` reports them as findings). Errors walking the
/// folders still stop at once.
pub fn load_sources_collecting(
    site_dir: &Path,
    dirs: &[PathBuf],
    max_bytes: u64,
) -> Result<(Loaded, Vec<Error>)> {
    load(site_dir, dirs, max_bytes, None)
}

/// Whether the caller already holds the source at a path (as shown) exactly
/// as it was when it had this stamp.
pub type Unchanged<'a> = &'a (dyn Fn(&Path, &Stamp) -> bool + Sync);

/// [`load_sources`] for a caller that keeps sources between loads: each
/// source is stamped ([`Stamp`]) before it is read, and one that
/// `unchanged` says the caller already has is not read but listed in
/// [`Loaded::reused`].
pub fn load_sources_reusing(
    site_dir: &Path,
    dirs: &[PathBuf],
    max_bytes: u64,
    unchanged: Unchanged<'_>,
) -> Result<Loaded> {
    let (loaded, errors) = load(site_dir, dirs, max_bytes, Some(unchanged))?;
    Error::collect(errors)?;
    Ok(loaded)
}

/// What reading one source gave.
enum Read {
    /// Read: the source (or `None` when skipped) and a note for the user.
    Fresh(Box<Result<(Option<Source>, Option<String>)>>, Option<Stamp>),
    /// Not read: the caller has it as it is.
    Reused(Stamp),
}

/// [`load_sources_reusing`] for a caller told which files changed since it
/// last loaded (by a file watcher): only the sources among `changed`
/// (paths relative to `site_dir`, of sources or of sidecars) are looked at
/// and read; every other source the caller `knows` (by path as shown, with
/// its stamp) is listed in [`Loaded::reused`] without a walk or a `stat`.
/// `None` when a change is one only a walk can follow (a folder or a
/// symbolic link changed): the caller then loads everything.
pub fn load_changed(
    site_dir: &Path,
    dirs: &[PathBuf],
    max_bytes: u64,
    known: &[(PathBuf, Stamp)],
    changed: &[PathBuf],
) -> Option<Result<Loaded>> {
    let mut targets: BTreeSet<PathBuf> = BTreeSet::new();
    // A watcher names files by their real path, which may not start with a
    // source folder as configured (an absolute folder through a symbolic
    // link): those are matched through the folders' real paths too.
    let real_dirs: Vec<Option<PathBuf>> = dirs.iter().map(|d| d.canonicalize().ok()).collect();
    let inside = |path: &Path| -> Option<(PathBuf, PathBuf)> {
        if let Some(inner) = dirs.iter().find_map(|dir| path.strip_prefix(dir).ok()) {
            return Some((path.to_path_buf(), inner.to_path_buf()));
        }
        let real = path.parent()?.canonicalize().ok()?.join(path.file_name()?);
        dirs.iter().zip(&real_dirs).find_map(|(dir, real_dir)| {
            let inner = real.strip_prefix(real_dir.as_ref()?).ok()?;
            Some((dir.join(inner), inner.to_path_buf()))
        })
    };
    for relative in changed {
        let Some((path, inner)) = inside(&site_dir.join(relative)) else {
            continue;
        };
        // A walk never enters a hidden folder: nothing in one is a source.
        let hidden = |c: std::path::Component| c.as_os_str().as_encoded_bytes().starts_with(b".");
        if inner.parent().is_some_and(|p| p.components().any(hidden)) {
            continue;
        }
        match std::fs::symlink_metadata(&path) {
            Ok(meta) if meta.is_dir() || meta.file_type().is_symlink() => return None,
            _ => {}
        }
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match extension.as_deref() {
            Some("toml") => {
                // The sidecar's source, whichever kind it is (a `.txt` when
                // there is none, so a deleted source's sidecar is noticed).
                let owner = SIDECAR_OWNERS
                    .iter()
                    .map(|ext| path.with_extension(ext))
                    .find(|p| p.is_file())
                    .unwrap_or_else(|| path.with_extension("txt"));
                targets.insert(owner)
            }
            Some(ext) if format_of(ext).is_some() => targets.insert(path),
            _ => false,
        };
    }
    let found: Vec<Found> = targets
        .iter()
        .filter(|path| std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file()))
        .filter_map(|path| {
            let shown = display_path(site_dir, path);
            match classify(path) {
                FileRole::Source(format) => Some(Found::Source {
                    sidecar: format.takes_sidecar() && path.with_extension("toml").is_file(),
                    path: path.clone(),
                    shown,
                    format,
                }),
                FileRole::Sidecar => None,
                FileRole::Skip(reason) => Some(Found::Skip { shown, reason }),
            }
        })
        .collect();
    let looked_at: BTreeSet<PathBuf> = targets
        .iter()
        .map(|path| display_path(site_dir, path))
        .collect();
    // Every target is read, stamped first like any source a session reads.
    let read_all: Unchanged<'_> = &|_, _| false;
    let result =
        load_found(found, None, max_bytes, Some(read_all)).and_then(|(mut loaded, errors)| {
            Error::collect(errors)?;
            loaded.reused = known
                .iter()
                .filter(|(shown, _)| !looked_at.contains(shown))
                .cloned()
                .collect();
            Ok(loaded)
        });
    Some(result)
}

fn load(
    site_dir: &Path,
    dirs: &[PathBuf],
    max_bytes: u64,
    unchanged: Option<Unchanged<'_>>,
) -> Result<(Loaded, Vec<Error>)> {
    let (found, walk_error) = walk(site_dir, dirs);
    load_found(found, walk_error, max_bytes, unchanged)
}

/// Reads the sources `found` (those `unchanged` says the caller has are
/// only stamped), then fails with `walk_error` if the walk met one.
fn load_found(
    found: Vec<Found>,
    walk_error: Option<Error>,
    max_bytes: u64,
    unchanged: Option<Unchanged<'_>>,
) -> Result<(Loaded, Vec<Error>)> {
    let mut reads = read_all(&found, |item| match item {
        Found::Source {
            path,
            shown,
            format,
            sidecar,
        } => {
            // Stamped before reading: a write during the read changes the
            // stamp, so the next load reads the file again.
            let stamp = unchanged.and_then(|_| Stamp::of(path, *sidecar));
            if let (Some(unchanged), Some(stamp)) = (unchanged, stamp)
                && unchanged(shown, &stamp)
            {
                return Some(Read::Reused(stamp));
            }
            Some(Read::Fresh(
                Box::new(read_source(
                    path,
                    shown.clone(),
                    *format,
                    *sidecar,
                    Limit::source(max_bytes),
                )),
                stamp,
            ))
        }
        Found::Skip { .. } => None,
    })
    .into_iter();
    let mut loaded = Loaded::default();
    let mut errors = Vec::new();
    for item in found {
        match item {
            Found::Source { shown, .. } => match reads.next().flatten() {
                Some(Read::Reused(stamp)) => loaded.reused.push((shown, stamp)),
                Some(Read::Fresh(read, stamp)) => match *read {
                    Err(
                        e @ (Error::Sidecar { .. }
                        | Error::Encoding { .. }
                        | Error::Unreadable { .. }),
                    ) => errors.push(e),
                    Err(e) => return Err(e),
                    Ok((Some(source), note)) => {
                        loaded.warnings.extend(note.map(|message| Warning {
                            path: shown,
                            message,
                        }));
                        loaded.sources.push(source);
                        loaded.stamps.push(stamp);
                    }
                    Ok((None, note)) => loaded.warnings.push(Warning {
                        path: shown,
                        message: note.unwrap_or_default(),
                    }),
                },
                None => unreachable!("every source is read"),
            },
            Found::Skip { shown, reason } => {
                reads.next();
                loaded.skipped.push(Skipped {
                    path: shown,
                    reason,
                });
            }
        }
    }
    // A walk error stops the load where it happened, after the files before it.
    if let Some(e) = walk_error {
        return Err(e);
    }
    let sources: Vec<&Path> = loaded
        .sources
        .iter()
        .map(|s| s.path.as_path())
        .chain(loaded.reused.iter().map(|(p, _)| p.as_path()))
        .collect();
    let orphans = orphan_warnings(&loaded.skipped, &sources);
    loaded.warnings.extend(orphans);
    Ok((loaded, errors))
}

/// A warning for each sidecar whose name matches no source, naming the
/// source whose name is nearest (fewest edits between the names without
/// their extensions; the same folder first), the likely owner after a
/// rename or a typo.
fn orphan_warnings(skipped: &[Skipped], sources: &[&Path]) -> Vec<Warning> {
    skipped
        .iter()
        .filter(|s| s.reason == ORPHAN_SIDECAR)
        .map(|s| {
            let stem = |p: &Path| {
                p.file_stem()
                    .map(|n| n.to_string_lossy().to_lowercase())
                    .unwrap_or_default()
            };
            let own = stem(&s.path);
            let nearest = sources
                .iter()
                .filter(|p| {
                    p.extension()
                        .and_then(|e| e.to_str())
                        .and_then(format_of)
                        .is_some_and(SourceFormat::takes_sidecar)
                })
                .min_by_key(|p| {
                    (
                        p.parent() != s.path.parent(),
                        edit_distance(&own, &stem(p)),
                        p.to_path_buf(),
                    )
                });
            let message = match nearest {
                Some(p) => format!(
                    "sidecar without a source: no {own}.txt (or other source of that name) beside it, so it is not read; the nearest source is {}: rename one of them to match",
                    p.display()
                ),
                None => format!(
                    "sidecar without a source: no {own}.txt (or other source of that name) beside it, so it is not read"
                ),
            };
            Warning {
                path: s.path.clone(),
                message,
            }
        })
        .collect()
}

/// Levenshtein distance between two names, in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let next = (row[j + 1] + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != cb));
            diagonal = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

/// A file met while walking the source folders, in walk order.
enum Found {
    Source {
        path: PathBuf,
        shown: PathBuf,
        format: SourceFormat,
        /// Whether `NAME.toml` is there to be read with a raw source.
        sidecar: bool,
    },
    Skip {
        shown: PathBuf,
        reason: &'static str,
    },
}

/// Walks the source folders (sorted, hidden folders not entered) and
/// classifies each file by name; stops at the first walk error.
fn walk(site_dir: &Path, dirs: &[PathBuf]) -> (Vec<Found>, Option<Error>) {
    let mut entries: Vec<(PathBuf, bool)> = Vec::new();
    for dir in dirs {
        if !dir.exists() {
            continue;
        }
        if let Err(error) = walk_dir(dir, &mut entries) {
            return (classify_all(site_dir, entries), Some(error));
        }
    }
    (classify_all(site_dir, entries), None)
}

/// Appends `(path, is a symbolic link)` for every file under `dir`, depth
/// first, names sorted by their bytes in each folder; folders whose name
/// starts with `.` (.git, .cache) are not entered and symbolic links not
/// followed. The names are sorted once per folder, as bytes: sorting paths
/// by their file name re-parsed each path at every comparison and cost a
/// fifth of a reload.
fn walk_dir(dir: &Path, entries: &mut Vec<(PathBuf, bool)>) -> Result<()> {
    let read_error = |path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::Read { path, source }
    };
    let mut children: Vec<(std::ffi::OsString, std::fs::FileType)> = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(read_error(dir))? {
        let entry = entry.map_err(read_error(dir))?;
        let kind = entry.file_type().map_err(read_error(&entry.path()))?;
        children.push((entry.file_name(), kind));
    }
    children.sort_unstable_by(|a, b| a.0.as_encoded_bytes().cmp(b.0.as_encoded_bytes()));
    for (name, kind) in children {
        let path = dir.join(&name);
        if kind.is_symlink() {
            entries.push((path, true));
        } else if kind.is_dir() {
            if !name.as_encoded_bytes().starts_with(b".") {
                walk_dir(&path, entries)?;
            }
        } else if kind.is_file() {
            entries.push((path, false));
        }
    }
    Ok(())
}

fn classify_all(site_dir: &Path, entries: Vec<(PathBuf, bool)>) -> Vec<Found> {
    // A sibling (`NAME.txt` for a `NAME.toml`, a sidecar for a source)
    // exists when the walk saw a regular file of exactly that name, with no
    // `stat`; a name that matches only lower-cased is looked up on disk, so
    // a case-insensitive file system still finds `NAME.TOML`. The sets hold
    // the paths' bytes: every path here comes from the same walk, and
    // hashing a `Path` (component by component) cost most of a reload.
    let seen: FxHashSet<String> = entries
        .iter()
        .map(|(p, _)| p.to_string_lossy().to_lowercase())
        .collect();
    let files: FxHashSet<&OsStr> = entries
        .iter()
        .filter(|(_, symlink)| !symlink)
        .map(|(p, _)| p.as_os_str())
        .collect();
    let exists = |p: &Path| {
        files.contains(p.as_os_str())
            || (seen.contains(&p.to_string_lossy().to_lowercase()) && p.is_file())
    };
    entries
        .iter()
        .filter_map(|(path, symlink)| {
            let shown = display_path(site_dir, path);
            if *symlink {
                return Some(Found::Skip {
                    shown,
                    reason: "symbolic link (not followed)",
                });
            }
            match classify_with(path, &exists) {
                FileRole::Source(format) => Some(Found::Source {
                    sidecar: format.takes_sidecar() && exists(&path.with_extension("toml")),
                    path: path.clone(),
                    shown,
                    format,
                }),
                FileRole::Sidecar => None,
                FileRole::Skip(reason) => Some(Found::Skip { shown, reason }),
            }
        })
        .collect()
}

/// Runs `read` on every item with several threads and returns the results
/// in item order. Reading many small files is mostly waiting on the disk
/// (a cold cache, a network drive), so more reads are kept in flight than
/// there are cores.
fn read_all<T: Sync, R: Send>(
    items: &[T],
    read: impl Fn(&T) -> Option<R> + Sync,
) -> Vec<Option<R>> {
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .max(READ_THREADS)
        .min(items.len().div_ceil(READS_PER_THREAD).max(1));
    if threads <= 1 {
        return items.iter().map(&read).collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut results: Vec<Option<R>> = Vec::with_capacity(items.len());
    results.resize_with(items.len(), || None);
    let done: Vec<Vec<(usize, R)>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut out = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break };
                        if let Some(r) = read(item) {
                            out.push((i, r));
                        }
                    }
                    out
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| {
                w.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    for (i, r) in done.into_iter().flatten() {
        results[i] = Some(r);
    }
    results
}

/// Reads in flight while loading: enough to keep a disk queue busy.
const READ_THREADS: usize = 16;
/// Below this many files per thread, extra threads cost more than they save.
const READS_PER_THREAD: usize = 32;

/// Loads one file given on the command line, with its sidecar if it has one.
/// An empty file gives an empty source; a binary file is an error.
pub fn load_file(path: &Path) -> Result<Source> {
    let format = match classify(path) {
        FileRole::Source(format) => format,
        _ => match path.extension().and_then(|e| e.to_str()) {
            // An explicitly named file is read even if hidden or oddly named.
            Some(ext) if ext.eq_ignore_ascii_case("md") || ext.eq_ignore_ascii_case("markdown") => {
                SourceFormat::Markdown
            }
            _ => SourceFormat::Raw,
        },
    };
    let limit = Limit::source(DEFAULT_MAX_SOURCE_BYTES);
    match read_source(path, path.to_path_buf(), format, true, limit)? {
        (Some(source), _) => Ok(source),
        (None, _) if path.metadata().is_ok_and(|m| m.len() < 64 * 1024) && is_blank(path) => {
            Ok(Source {
                path: path.to_path_buf(),
                format,
                text: String::new(),
                sidecar: None,
                converted: None,
            })
        }
        (None, note) => Err(Error::Encoding {
            path: path.to_path_buf(),
            message: note.unwrap_or_default(),
        }),
    }
}

fn is_blank(path: &Path) -> bool {
    read_regular(path, path, Limit::settings("a source"))
        .is_ok_and(|bytes| crate::decode::decode(&bytes) == crate::decode::Decoded::Empty)
}

fn display_path(site_dir: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(site_dir).unwrap_or(path).to_path_buf()
}

/// Reads a source: `(Some(source), note)` when it is text (the note says
/// when it was not plain UTF-8), `(None, reason)` when it is skipped.
fn read_source(
    path: &Path,
    shown: PathBuf,
    format: SourceFormat,
    may_have_sidecar: bool,
    limit: Limit,
) -> Result<(Option<Source>, Option<String>)> {
    let bytes = read_regular(path, &shown, limit)?;
    if format.is_converted() {
        return read_document(path, shown, format, bytes, may_have_sidecar);
    }
    let (text, note) = match crate::decode::decode_owned(bytes) {
        crate::decode::Decoded::Text { text, note } => (text, note),
        crate::decode::Decoded::Binary => {
            return Ok((
                None,
                Some("looks like a binary file, not text; skipped".to_string()),
            ));
        }
        crate::decode::Decoded::Empty => return Ok((None, Some("is empty; skipped".to_string()))),
    };
    let sidecar = match format {
        SourceFormat::Raw if may_have_sidecar => {
            read_sidecar(&path.with_extension("toml"), &shown.with_extension("toml"))?
        }
        _ => None,
    };
    Ok((
        Some(Source {
            path: shown,
            format,
            text,
            sidecar,
            converted: None,
        }),
        note,
    ))
}

/// Reads a page, email, Word file or PDF through its reader
/// ([`crate::sources`]): a broken one is an error naming it, one with no
/// text is skipped with a warning.
fn read_document(
    path: &Path,
    shown: PathBuf,
    format: SourceFormat,
    bytes: Vec<u8>,
    may_have_sidecar: bool,
) -> Result<(Option<Source>, Option<String>)> {
    let converted = match crate::sources::read(format, &bytes) {
        Ok(converted) => converted,
        Err(crate::sources::Unread::Broken(message)) => {
            return Err(Error::Unreadable {
                path: shown,
                message,
            });
        }
        Err(crate::sources::Unread::NoText(message)) => return Ok((None, Some(message))),
    };
    drop(bytes);
    let sidecar = if may_have_sidecar {
        read_sidecar(&path.with_extension("toml"), &shown.with_extension("toml"))?
    } else {
        None
    };
    Ok((
        Some(Source {
            path: shown,
            format,
            text: converted.text(),
            sidecar,
            converted: Some(Box::new(converted)),
        }),
        None,
    ))
}

/// Reads the editorial entity registry; a missing file is an empty registry.
pub fn load_registry(path: &Path, shown: &Path) -> Result<Registry> {
    if std::fs::metadata(path).is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound) {
        return Ok(Registry::default());
    }
    let text = read_utf8(path, shown, Limit::settings("the entity registry"))?;
    let registry: Registry = toml::from_str(&text).map_err(|e| {
        let (line, column) = e.span().map(|s| line_column(&text, s.start)).unwrap_or((1, 1));
        Error::Config {
            path: shown.to_path_buf(),
            line,
            column,
            message: format!(
                "{}; each entry is an [[entity]] table with name, kind (person, organization or place), \
                 and optional aliases, description, link; `ignore` lists names that are never entities",
                e.message().trim()
            ),
        }
    })?;
    Ok(registry)
}

fn read_sidecar(path: &Path, shown: &Path) -> Result<Option<Metadata>> {
    // A regular file only: a sidecar that is a symbolic link is not
    // followed (it could point anywhere), like every link in the site.
    if !std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_file()) {
        return Ok(None);
    }
    let text = read_utf8(path, shown, Limit::settings("a sidecar"))?;
    toml::from_str(&text).map(Some).map_err(|e| {
        let (line, column) = e
            .span()
            .map(|s| line_column(&text, s.start))
            .unwrap_or((1, 1));
        Error::Sidecar {
            path: shown.to_path_buf(),
            line,
            column,
            message: e.message().to_string(),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    pub(super) fn site_with(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in files {
            let path = dir.path().join(name);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, text).unwrap();
        }
        dir
    }

    fn source_paths(dir: &Path) -> Vec<String> {
        load(dir)
            .sources
            .iter()
            .map(|s| s.path.to_string_lossy().replace('\\', "/"))
            .collect()
    }

    pub(super) fn load_seeds(dir: &Path) -> Result<Loaded> {
        load_sources(dir, &[dir.join("seeds")], DEFAULT_MAX_SOURCE_BYTES)
    }

    fn load(dir: &Path) -> Loaded {
        load_sources(
            dir,
            &[dir.join("content"), dir.join("seeds")],
            DEFAULT_MAX_SOURCE_BYTES,
        )
        .unwrap()
    }

    #[test]
    fn finds_raw_and_markdown_in_sorted_order() {
        let dir = site_with(&[
            ("seeds/b.txt", "B"),
            ("seeds/a.txt", "A"),
            ("content/z.md", "Z"),
            ("content/sub/y.markdown", "Y"),
        ]);
        assert_eq!(
            source_paths(dir.path()),
            [
                "content/sub/y.markdown",
                "content/z.md",
                "seeds/a.txt",
                "seeds/b.txt"
            ]
        );
    }

    #[test]
    fn folders_are_walked_depth_first_by_name_and_hidden_ones_skipped() {
        let dir = site_with(&[
            ("seeds/b.txt", "B"),
            ("seeds/a/z.txt", "AZ"),
            ("seeds/a.txt", "A"),
            ("seeds/a-b/c.txt", "ABC"),
            ("seeds/.drafts/hidden.txt", "H"),
        ]);
        // Names compare as bytes ("a" < "a-b" < "a.txt"), a folder's files
        // come where its name sorts, and `.drafts` is never entered.
        assert_eq!(
            source_paths(dir.path()),
            [
                "seeds/a/z.txt",
                "seeds/a-b/c.txt",
                "seeds/a.txt",
                "seeds/b.txt"
            ]
        );
    }

    #[test]
    fn skips_hidden_backup_and_unknown_files_with_reasons() {
        let dir = site_with(&[
            ("seeds/.draft.txt", "x"),
            ("seeds/a.txt~", "x"),
            ("seeds/notes.odt", "x"),
            ("seeds/ok.txt", "x"),
        ]);
        let loaded = load(dir.path());
        assert_eq!(loaded.sources.len(), 1);
        let reasons: Vec<_> = loaded
            .skipped
            .iter()
            .map(|s| (s.path.to_string_lossy().to_string(), s.reason))
            .collect();
        assert!(reasons.contains(&("seeds/.draft.txt".into(), "hidden file")));
        assert!(reasons.contains(&("seeds/a.txt~".into(), "editor backup or temporary file")));
        assert!(reasons.iter().any(|(p, _)| p == "seeds/notes.odt"));
    }

    #[test]
    fn sidecar_is_read_with_its_source_not_as_a_source() {
        let dir = site_with(&[
            ("seeds/story.txt", "Body line."),
            (
                "seeds/story.toml",
                "title = \"Edited title\"\ndate = 2025-01-02\ntags = [\"x\"]\n",
            ),
        ]);
        let loaded = load(dir.path());
        assert_eq!(loaded.sources.len(), 1);
        let meta = loaded.sources[0].sidecar.clone().unwrap();
        assert_eq!(meta.title.as_deref(), Some("Edited title"));
        assert_eq!(meta.date.unwrap().to_string(), "2025-01-02");
        assert!(loaded.skipped.is_empty());
    }

    #[test]
    fn documents_are_sources_with_sidecars() {
        let dir = site_with(&[
            ("seeds/page.html", "<p>The board met on Monday.</p>"),
            ("seeds/page.toml", "title = \"From the sidecar\"\n"),
            ("seeds/old.htm", "<p>An older page.</p>"),
        ]);
        let loaded = load(dir.path());
        let formats: Vec<(String, SourceFormat)> = loaded
            .sources
            .iter()
            .map(|s| (s.path.to_string_lossy().to_string(), s.format))
            .collect();
        assert_eq!(
            formats,
            [
                ("seeds/old.htm".to_string(), SourceFormat::Html),
                ("seeds/page.html".to_string(), SourceFormat::Html)
            ]
        );
        assert!(loaded.skipped.is_empty(), "the sidecar is no skipped file");
        let page = &loaded.sources[1];
        assert_eq!(
            page.sidecar.as_ref().and_then(|m| m.title.as_deref()),
            Some("From the sidecar")
        );
        assert_eq!(page.text, "The board met on Monday.");
        assert!(page.converted.is_some());
    }

    #[test]
    fn a_changed_sidecar_reloads_its_document() {
        let dir = site_with(&[
            ("seeds/page.html", "<p>The board met on Monday.</p>"),
            ("seeds/page.toml", "title = \"Edited\"\n"),
        ]);
        let loaded = load_changed(
            dir.path(),
            &[dir.path().join("seeds")],
            DEFAULT_MAX_SOURCE_BYTES,
            &[],
            &[PathBuf::from("seeds/page.toml")],
        )
        .expect("a file change")
        .unwrap();
        assert_eq!(loaded.sources.len(), 1);
        assert_eq!(loaded.sources[0].path, Path::new("seeds/page.html"));
    }

    #[test]
    fn sidecar_that_is_a_symlink_is_not_followed() {
        let dir = site_with(&[
            ("seeds/story.txt", "Body line."),
            ("elsewhere/meta.toml", "title = \"Read through a link\"\n"),
        ]);
        std::os::unix::fs::symlink(
            dir.path().join("elsewhere/meta.toml"),
            dir.path().join("seeds/story.toml"),
        )
        .unwrap();
        let loaded = load(dir.path());
        assert_eq!(loaded.sources.len(), 1);
        assert!(loaded.sources[0].sidecar.is_none());
        let one = load_file(&dir.path().join("seeds/story.txt")).unwrap();
        assert!(one.sidecar.is_none());
    }

    #[test]
    fn broken_sidecar_names_file_and_line() {
        let dir = site_with(&[
            ("seeds/s.txt", "x"),
            ("seeds/s.toml", "title = \"ok\"\ndate = \"not a date\"\n"),
        ]);
        let err = load_seeds(dir.path()).unwrap_err().to_string();
        assert!(err.starts_with("seeds/s.toml:2:"), "{err}");
    }

    #[test]
    fn sidecar_with_unknown_key_is_an_error() {
        let dir = site_with(&[("seeds/s.txt", "x"), ("seeds/s.toml", "titel = \"typo\"\n")]);
        let err = load_seeds(dir.path()).unwrap_err().to_string();
        assert!(err.contains("titel"), "{err}");
    }

    #[test]
    fn latin1_source_is_read_with_a_warning_naming_file_and_offset() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("seeds")).unwrap();
        fs::write(dir.path().join("seeds/bad.txt"), b"caf\xe9 au lait").unwrap();
        let loaded = load_seeds(dir.path()).unwrap();
        assert_eq!(loaded.sources[0].text, "caf\u{e9} au lait");
        let warning = loaded.warnings[0].to_string();
        assert!(
            warning.starts_with("seeds/bad.txt: ") && warning.contains("offset 3"),
            "{warning}"
        );
    }

    #[test]
    fn empty_and_binary_sources_are_skipped_with_warnings() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("seeds")).unwrap();
        fs::write(dir.path().join("seeds/blank.txt"), b"\n \n").unwrap();
        fs::write(
            dir.path().join("seeds/photo.txt"),
            b"\x89PNG\r\n\x1a\n\x00\x00",
        )
        .unwrap();
        let loaded = load_seeds(dir.path()).unwrap();
        assert!(loaded.sources.is_empty());
        let warnings: Vec<String> = loaded.warnings.iter().map(ToString::to_string).collect();
        assert_eq!(
            warnings,
            [
                "seeds/blank.txt: is empty; skipped",
                "seeds/photo.txt: looks like a binary file, not text; skipped"
            ]
        );
    }

    #[test]
    fn utf8_bom_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        fs::write(&path, b"\xEF\xBB\xBFHello").unwrap();
        assert_eq!(load_file(&path).unwrap().text, "Hello");
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_are_not_followed() {
        let dir = site_with(&[("seeds/real.txt", "x")]);
        std::os::unix::fs::symlink(
            dir.path().join("seeds/real.txt"),
            dir.path().join("seeds/link.txt"),
        )
        .unwrap();
        let loaded = load(dir.path());
        assert_eq!(loaded.sources.len(), 1);
        assert_eq!(loaded.skipped[0].reason, "symbolic link (not followed)");
    }
}

#[cfg(test)]
mod registry_tests {
    use super::*;

    #[test]
    fn registry_entries_are_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("entities.toml");
        std::fs::write(
            &path,
            "[[entity]]\nname = \"CSIS\"\nkind = \"organization\"\naliases = [\"Center\"]\n",
        )
        .unwrap();
        let entries = load_registry(&path, Path::new("content/entities.toml"))
            .unwrap()
            .entity;
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].aliases, vec!["Center"]);
    }

    #[test]
    fn missing_registry_is_empty() {
        assert!(
            load_registry(Path::new("/no/such/entities.toml"), Path::new("x"))
                .unwrap()
                .entity
                .is_empty()
        );
    }

    #[test]
    fn bad_kind_names_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("entities.toml");
        std::fs::write(&path, "[[entity]]\nname = \"X\"\nkind = \"company\"\n").unwrap();
        let err = load_registry(&path, Path::new("content/entities.toml"))
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("content/entities.toml:3:"), "{err}");
        assert!(err.contains("company"), "{err}");
    }

    #[test]
    fn registry_file_is_not_reported_as_skipped() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content")).unwrap();
        std::fs::write(dir.path().join("content/entities.toml"), "").unwrap();
        let loaded = load_sources(
            dir.path(),
            &[dir.path().join("content")],
            DEFAULT_MAX_SOURCE_BYTES,
        )
        .unwrap();
        assert!(loaded.skipped.is_empty());
    }

    #[test]
    fn an_orphan_sidecar_warns_with_the_nearest_source() {
        let dir = super::tests::site_with(&[
            ("seeds/flood.txt", "Flood\n"),
            ("seeds/other/floods.txt", "Floods\n"),
            ("seeds/zebra.txt", "Zebra\n"),
            ("seeds/floud.toml", "title = \"x\"\n"),
            ("seeds/notes.md", "# Notes\n"),
        ]);
        let loaded = super::tests::load_seeds(dir.path()).unwrap();
        assert_eq!(loaded.skipped.len(), 1);
        assert_eq!(loaded.skipped[0].reason, ORPHAN_SIDECAR);
        let warning = loaded
            .warnings
            .iter()
            .find(|w| w.path == Path::new("seeds/floud.toml"))
            .expect("a warning for the orphan");
        // One edit from flood.txt, in the same folder: the nearest.
        assert!(
            warning
                .message
                .contains("nearest source is seeds/flood.txt"),
            "{}",
            warning.message
        );
    }

    #[test]
    fn edit_distance_counts_single_character_edits() {
        assert_eq!(edit_distance("flood", "flood"), 0);
        assert_eq!(edit_distance("floud", "flood"), 1);
        assert_eq!(edit_distance("flood", "floods"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}

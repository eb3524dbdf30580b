//! Write stage: the only code that touches the output folder. Pages are
//! written into a staging folder beside the output and swapped in only when
//! the whole site is written, so a failed or killed build leaves the previous
//! output exactly as it was. Every path is checked to stay inside the output.
//!
//! Reuse: the marker file of each output holds a manifest of what the build
//! wrote (each file's content hash, size, modification time and inode). A
//! rebuild hard-links a file from the current output instead of writing it
//! when the new bytes hash the same and the file is still as the manifest
//! saw it (same size, mtime and inode, and older than the manifest itself),
//! so unchanged files cost no read, no new inode and no data write. A file
//! the manifest cannot vouch for (edited in place since, written in the
//! manifest's last clock tick, or from an output with no manifest) is
//! compared byte for byte first; one that differs is written anew, so an
//! edit of an output file is never carried forward. Linking falls back to
//! writing the bytes (a copy) when the output is on another file system.
//!
//! Recycling: the output a build replaces is not removed but kept where its
//! caller says (`SITE/.briefing-cache/output`), and the next build makes its
//! staging folder of it instead of a new tree ([`Staging::begin_keeping`]).
//! A file there is kept when that output's own manifest vouches that it
//! holds the new bytes; anything else there is removed first and made anew
//! (never written into: it may be a link to the current output's file), and
//! what the new site does not have, or what is not a plain file or folder,
//! is removed before the swap. A one-page rebuild then makes and removes a
//! few files, not a tree of thousands of folders and links. The kept folder
//! is renamed into the staging name first, so a build killed while using it
//! leaves a staging folder that the next build removes. When the output
//! itself was removed, files are linked from the kept one instead, which
//! stays kept for the build after.

use crate::config::Config;
use crate::error::{Error, Result};
use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// File left in every output folder so a later build knows the folder is
/// its own to replace (and never replaces a folder it did not make).
pub const MARKER_FILE: &str = ".briefing-output";
const MARKER_TEXT: &[u8] = b"Built by briefing. This folder is replaced on every build.\n";

/// Refuses output folders that would destroy sources: the site folder itself,
/// a folder that contains the site folder, or one that holds sources,
/// templates or the config.
pub fn check_output_dir(config: &Config) -> Result<()> {
    let out = real(&config.out_dir);
    let site = real(&config.site_dir);
    let refuse = |why: &str| {
        Err(Error::Output(format!(
            "refusing to use {} as the output folder: {why}; choose another with --out",
            config.out_dir.display()
        )))
    };
    if out == site || site.starts_with(&out) {
        return refuse("it holds the site's own files");
    }
    let protected = config
        .source_dirs
        .iter()
        .chain(std::iter::once(&config.templates_dir))
        .map(|d| real(d))
        .chain(std::iter::once(site.join(crate::config::CONFIG_FILE)));
    for path in protected {
        if path.starts_with(&out) || out.starts_with(&path) {
            return refuse(&format!("it overlaps {}", path.display()));
        }
    }
    Ok(())
}

/// The path with every link resolved when it exists (so an output that is
/// a link to the site is caught), else [`absolute`].
fn real(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| absolute(path))
}

/// The folder a build writes: `out_dir` itself, or, when `out_dir` is a
/// symbolic link, the folder it points to. The link is kept and the site is
/// swapped in beside its target, so a build never replaces the link with a
/// folder and never deletes anything through it.
fn resolve_output(out_dir: &Path) -> Result<PathBuf> {
    let is_link = std::fs::symlink_metadata(out_dir).is_ok_and(|m| m.file_type().is_symlink());
    if !is_link {
        return Ok(out_dir.to_path_buf());
    }
    match std::fs::canonicalize(out_dir) {
        Ok(target) if target.is_dir() => Ok(target),
        Ok(target) => Err(Error::Output(format!(
            "{} is a link to {}, which is not a folder; remove the link or choose another --out",
            out_dir.display(),
            target.display()
        ))),
        Err(_) => Err(Error::Output(format!(
            "{} is a link to a folder that does not exist; create the folder, remove the link \
             or choose another --out",
            out_dir.display()
        ))),
    }
}

/// Makes `path` absolute and lexically normal (no `.` or `..`), without
/// touching the file system, so folders that do not exist yet compare too.
fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut out = PathBuf::new();
    for component in joined.components() {
        match component {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// A site being written. Dropping it without [`Staging::commit`] removes the
/// staging folder and leaves the output untouched.
#[derive(Debug)]
pub struct Staging {
    out_dir: PathBuf,
    staging_dir: PathBuf,
    committed: bool,
    files: AtomicUsize,
    /// Whether there was an output to link unchanged files from: without
    /// one, looking for each file there cost a `stat` per page.
    previous: bool,
    /// That output: the current one, or when there is none (it was
    /// removed), the one kept by the last build.
    link_from: PathBuf,
    /// The staging folder, opened once: files and folders are made
    /// relative to it, so the kernel walks two or three path components
    /// per page instead of the whole absolute path.
    root: StagingRoot,
    /// Folders already made inside the staging folder, so a page going
    /// into a new folder costs one `mkdir`, not a failed open first.
    made_dirs: Mutex<HashSet<PathBuf>>,
    /// What the marker file of the output linked from says its build wrote.
    manifest: Manifest,
    /// What this build writes, for the new output's marker file.
    written: Mutex<Vec<(String, Entry)>>,
    /// Files hard-linked from the current output rather than written.
    linked: AtomicUsize,
    /// The kept output this staging folder was made of, if it was.
    recycled: Option<Recycled>,
    /// Where the output this build replaces is kept for the next one.
    keep_at: Option<PathBuf>,
    /// The advisory lock on the output, held until the staging is dropped.
    _lock: OutputLock,
}

/// An output kept by an earlier build and made into this build's staging
/// folder: what its marker's manifest says of its files, and the files
/// that were in it when the build began (those the new site does not have
/// are removed at the commit).
#[derive(Debug)]
struct Recycled {
    manifest: Manifest,
    files: Vec<String>,
}

fn file_name_of(out_dir: &Path) -> String {
    out_dir
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default()
}

fn staging_prefix(out_dir: &Path) -> String {
    format!(".{}.briefing-", file_name_of(out_dir))
}

impl Staging {
    /// Creates a fresh staging folder beside `out_dir`, first removing any
    /// left by an earlier build that was killed; the output it replaces is
    /// removed at the commit.
    pub fn begin(out_dir: &Path) -> Result<Staging> {
        Staging::begin_keeping(out_dir, None)
    }

    /// [`Staging::begin`], but the output this build replaces is kept at
    /// `keep_at` (when that is on the output's file system), and an output
    /// kept there by an earlier build is made into the staging folder.
    pub fn begin_keeping(out_dir: &Path, keep_at: Option<&Path>) -> Result<Staging> {
        let shown = out_dir.to_path_buf();
        let out_dir = resolve_output(&absolute(out_dir))?;
        let parent = out_dir
            .parent()
            .ok_or_else(|| {
                Error::Output("the output folder cannot be the file system root".into())
            })?
            .to_path_buf();
        let previous = out_dir.exists();
        if previous {
            ensure_replaceable(&out_dir)?;
        }
        std::fs::create_dir_all(&parent).map_err(|source| Error::Write {
            path: parent.clone(),
            source,
        })?;
        let prefix = staging_prefix(&out_dir);
        let lock = OutputLock::take(
            &parent.join(format!(".{}.briefing.lock", file_name_of(&out_dir))),
            &shown,
        )?;
        if let Ok(entries) = std::fs::read_dir(&parent) {
            for entry in entries.flatten() {
                if is_leftover_staging(&entry, &prefix) {
                    remove_tree(&entry.path());
                }
            }
        }
        let staging_dir = parent.join(format!("{prefix}tmp-{}", std::process::id()));
        if std::fs::symlink_metadata(&staging_dir).is_ok() {
            // Our own pid's name, left by a build of this process that
            // could not clean up, or something else that took the name.
            return Err(Error::Output(format!(
                "{} is in the way of the build's staging folder; remove it and build again",
                staging_dir.display()
            )));
        }
        // Read before the staging folder is made, so that the folder gets
        // its marker at once (a killed build's folder without one is kept).
        let kept = keep_at.filter(|kept| {
            std::fs::symlink_metadata(kept).is_ok_and(|meta| is_kept_output(kept, &meta))
        });
        // With no current output (a user removed it), files are linked from
        // the kept one, which stays kept: made into this staging folder it
        // would be gone after the commit, and the next build would make a
        // whole tree again.
        let link_from = match kept {
            Some(kept) if !previous => kept.to_path_buf(),
            _ => out_dir.clone(),
        };
        let manifest = if previous || kept.is_some() {
            Manifest::read(&link_from.join(MARKER_FILE))
        } else {
            Manifest::default()
        };
        let recycled = kept
            .filter(|_| previous)
            .and_then(|kept| recycle(kept, &staging_dir));
        let previous = previous || kept.is_some();
        let fresh = recycled.is_none();
        if fresh {
            std::fs::create_dir(&staging_dir).map_err(|source| Error::Write {
                path: staging_dir.clone(),
                source,
            })?;
        }
        let root = StagingRoot::open(&staging_dir).map_err(|source| Error::Write {
            path: staging_dir.clone(),
            source,
        })?;
        let (recycled, made_dirs) = match recycled {
            Some((recycled, dirs)) => (Some(recycled), dirs),
            None => (None, HashSet::new()),
        };
        let staging = Staging {
            out_dir,
            staging_dir,
            committed: false,
            files: AtomicUsize::new(0),
            previous,
            link_from,
            root,
            made_dirs: Mutex::new(made_dirs),
            manifest,
            written: Mutex::new(Vec::new()),
            linked: AtomicUsize::new(0),
            recycled,
            keep_at: keep_at.map(Path::to_path_buf),
            _lock: lock,
        };
        // The marker goes in first: a staging folder left by a killed build
        // is then recognisably this tool's to remove. It gets the manifest
        // at the commit. (A recycled folder has its marker already.)
        if fresh {
            staging
                .root
                .write(Path::new(MARKER_FILE), MARKER_TEXT)
                .map_err(|source| Error::Write {
                    path: staging.staging_dir.join(MARKER_FILE),
                    source,
                })?;
        }
        Ok(staging)
    }

    /// Writes one file at `relative` ('/'-separated) inside the output.
    /// Safe to call from many threads at once.
    ///
    /// A file whose bytes are the same as in the current output is not
    /// written again but hard-linked from it: a rebuild then costs no new
    /// inodes and no data writes for what did not change, unchanged pages
    /// keep their modification time (so `rsync` and caches skip them), and
    /// removing the previous output frees only what changed.
    pub fn write(&self, relative: &str, bytes: &[u8]) -> Result<()> {
        let name = relative;
        let relative = safe_relative(relative)?;
        if name == MARKER_FILE {
            return Err(Error::Output(format!(
                "internal error: a page may not be written as {MARKER_FILE}"
            )));
        }
        let path = self.staging_dir.join(&relative);
        let hash = content_hash(bytes);
        let kept = self.kept(name, &path, bytes.len() as u64, hash);
        let entry = match kept.or_else(|| self.link_unchanged(name, &relative, &path, bytes, hash))
        {
            Some(entry) => {
                self.linked.fetch_add(1, Ordering::Relaxed);
                entry
            }
            None => {
                self.make_dirs_for(&relative)?;
                let meta = self
                    .root
                    .write(&relative, bytes)
                    .map_err(|source| Error::Write { path, source })?;
                Entry::of(hash, &meta)
            }
        };
        self.record(name, entry);
        self.files.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    /// Notes a file for the new manifest (a path that cannot be one line of
    /// it is left out, and so never trusted).
    fn record(&self, name: &str, entry: Entry) {
        if name.contains(['\n', '\r']) {
            return;
        }
        self.written
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((name.to_string(), entry));
    }

    /// Makes the folders `relative` goes into, unless an earlier page did.
    fn make_dirs_for(&self, relative: &Path) -> Result<()> {
        let Some(parent) = relative.parent().filter(|p| !p.as_os_str().is_empty()) else {
            return Ok(());
        };
        let made = |dir: &Path| {
            self.made_dirs
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .contains(dir)
        };
        if made(parent) {
            return Ok(());
        }
        // Outermost first; two threads making the same folder is harmless.
        for dir in parent.ancestors().collect::<Vec<_>>().into_iter().rev() {
            if dir.as_os_str().is_empty() || made(dir) {
                continue;
            }
            self.root.make_dir(dir).map_err(|source| Error::Write {
                path: self.staging_dir.join(dir),
                source,
            })?;
            self.made_dirs
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(dir.to_path_buf());
        }
        Ok(())
    }

    /// The file already at `path` in a recycled staging folder, when the
    /// kept output's manifest vouches that it holds bytes of this hash and
    /// size: it stays, and this is its entry. Otherwise whatever is at
    /// `path` is removed, so the caller makes the file anew (never writing
    /// into it: it may be a link to the current output's file).
    fn kept(&self, name: &str, path: &Path, size: u64, hash: u64) -> Option<Entry> {
        let recycled = self.recycled.as_ref()?;
        let meta = std::fs::symlink_metadata(path).ok()?;
        if recycled.vouches(name, &meta, size, hash) {
            return Some(Entry::of(hash, &meta));
        }
        clear(path, &meta);
        None
    }

    /// Hard-links `relative` from the current output when that file holds
    /// exactly `bytes` (by the manifest, or else by reading it) and returns
    /// its manifest entry; `None` when it does not, or linking is not
    /// possible (e.g. another file system), and the caller writes the file.
    fn link_unchanged(
        &self,
        name: &str,
        relative: &Path,
        path: &Path,
        bytes: &[u8],
        hash: u64,
    ) -> Option<Entry> {
        if !self.previous {
            return None;
        }
        let current = self.link_from.join(relative);
        // Only regular files: a symlink in the output is never followed.
        let meta = std::fs::symlink_metadata(&current)
            .ok()
            .filter(|m| m.file_type().is_file() && m.len() == bytes.len() as u64)?;
        match self.manifest.vouches(name, &meta) {
            Some(old_hash) if old_hash != hash => return None,
            Some(_) => {}
            None if std::fs::read(&current).is_ok_and(|old| old == bytes) => {}
            None => return None,
        }
        self.link_from_output(&current, relative, path)
            .then(|| Entry::of(hash, &meta))
    }

    /// Hard-links `current` (a file of the output linked from) at `path`
    /// (`relative` inside the staging folder), making its folders when
    /// they are missing; false when no link can be made (another file
    /// system, say).
    fn link_from_output(&self, current: &Path, relative: &Path, path: &Path) -> bool {
        match std::fs::hard_link(current, path) {
            Ok(()) => true,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                self.make_dirs_for(relative).is_ok() && std::fs::hard_link(current, path).is_ok()
            }
            Err(_) => false,
        }
    }

    /// Hard-links every one of `files` (path, content hash, size) from the
    /// current output, as a job that was not rendered again would have
    /// written them, when the manifest vouches that each is still there
    /// with that hash and size (its mtime and inode unchanged since). All
    /// or none: every file is checked before any is linked, and when a
    /// link fails those already made are removed, so the caller can then
    /// render the job into fresh files (writing over a link would write
    /// into the previous output's file). Returns whether they were linked.
    pub fn reuse(&self, files: &[(&str, u64, u64)]) -> bool {
        // (A recycled folder is only made when there is an output.)
        if !self.previous {
            return false;
        }
        // (name, the file's metadata, hash, whether it is already in place)
        let mut checked = Vec::with_capacity(files.len());
        for &(name, hash, size) in files {
            let Ok(relative) = safe_relative(name) else {
                return false;
            };
            if name == MARKER_FILE || name.contains(['\n', '\r']) {
                return false;
            }
            let path = self.staging_dir.join(&relative);
            let here = self.recycled.as_ref().and_then(|recycled| {
                std::fs::symlink_metadata(&path)
                    .ok()
                    .filter(|meta| recycled.vouches(name, meta, size, hash))
            });
            if let Some(meta) = here {
                checked.push((name, relative, meta, hash, true));
                continue;
            }
            let current = self.link_from.join(&relative);
            let vouched = std::fs::symlink_metadata(&current).ok().filter(|meta| {
                meta.file_type().is_file()
                    && meta.len() == size
                    && self.manifest.vouches(name, meta) == Some(hash)
            });
            let Some(meta) = vouched else {
                return false;
            };
            checked.push((name, relative, meta, hash, false));
        }
        let mut linked: Vec<PathBuf> = Vec::with_capacity(checked.len());
        for (_, relative, _, _, in_place) in &checked {
            if *in_place {
                continue;
            }
            let current = self.link_from.join(relative);
            let path = self.staging_dir.join(relative);
            if let Ok(meta) = std::fs::symlink_metadata(&path) {
                clear(&path, &meta);
            }
            if !self.link_from_output(&current, relative, &path) {
                for path in &linked {
                    let _ = std::fs::remove_file(path);
                }
                return false;
            }
            linked.push(path);
        }
        for (name, _, meta, hash, _) in &checked {
            self.record(name, Entry::of(*hash, meta));
        }
        self.linked.fetch_add(checked.len(), Ordering::Relaxed);
        self.files.fetch_add(checked.len(), Ordering::Relaxed);
        true
    }

    /// Number of files hard-linked from the previous output so far.
    pub fn linked(&self) -> usize {
        self.linked.load(Ordering::Relaxed)
    }

    /// Replaces the staging folder's marker with one holding the manifest
    /// of every file written, atomically (a new file renamed over it), so
    /// the marker is there at every instant.
    fn write_manifest(&self) -> Result<()> {
        let mut written =
            std::mem::take(&mut *self.written.lock().unwrap_or_else(|e| e.into_inner()));
        written.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let text = Manifest::text(&written);
        let part = format!("{MARKER_FILE}.part");
        let write_error = |source| Error::Write {
            path: self.staging_dir.join(MARKER_FILE),
            source,
        };
        self.root
            .write(Path::new(&part), text.as_bytes())
            .map_err(write_error)?;
        std::fs::rename(
            self.staging_dir.join(&part),
            self.staging_dir.join(MARKER_FILE),
        )
        .map_err(write_error)
    }

    /// Number of files written so far.
    pub fn files(&self) -> usize {
        self.files.load(Ordering::Relaxed)
    }

    /// In a recycled staging folder, removes the files the kept output had
    /// and this build did not write, and the folders they leave empty.
    fn remove_unwritten(&self) {
        use rayon::prelude::*;
        let Some(recycled) = &self.recycled else {
            return;
        };
        let written = self.written.lock().unwrap_or_else(|e| e.into_inner());
        let names: HashSet<&str> = written.iter().map(|(name, _)| name.as_str()).collect();
        recycled
            .files
            .par_iter()
            .filter(|name| !names.contains(name.as_str()))
            .for_each(|name| {
                let file = self.staging_dir.join(name);
                if std::fs::remove_file(&file).is_ok() {
                    remove_empty_parents(&self.staging_dir, &file);
                }
            });
    }

    /// Swaps the finished site into place and keeps or removes the previous
    /// one ([`Staging::keep_or_remove`]). On Linux the swap is one atomic
    /// `renameat2(RENAME_EXCHANGE)`, so a build killed at any instant leaves
    /// either the old site or the new one in place, never neither;
    /// elsewhere it is two renames.
    pub fn commit(mut self) -> Result<()> {
        self.remove_unwritten();
        self.write_manifest()?;
        if self.out_dir.exists() {
            if exchange(&self.staging_dir, &self.out_dir).is_ok() {
                // The staging path now holds the previous site.
                self.committed = true;
                self.keep_or_remove(&self.staging_dir);
                return Ok(());
            }
            let previous = self.staging_dir.with_file_name(format!(
                "{}old-{}",
                staging_prefix(&self.out_dir),
                std::process::id()
            ));
            std::fs::rename(&self.out_dir, &previous).map_err(|source| Error::Write {
                path: self.out_dir.clone(),
                source,
            })?;
            if let Err(source) = std::fs::rename(&self.staging_dir, &self.out_dir) {
                let _ = std::fs::rename(&previous, &self.out_dir);
                return Err(Error::Write {
                    path: self.out_dir.clone(),
                    source,
                });
            }
            self.committed = true;
            self.keep_or_remove(&previous);
            return Ok(());
        }
        std::fs::rename(&self.staging_dir, &self.out_dir).map_err(|source| Error::Write {
            path: self.out_dir.clone(),
            source,
        })?;
        self.committed = true;
        Ok(())
    }

    /// The output just replaced, at `old`: moved to `keep_at` for the next
    /// build to recycle, when there is such a place on its file system and
    /// nothing of someone else's is there; else removed.
    fn keep_or_remove(&self, old: &Path) {
        if let Some(keep_at) = &self.keep_at {
            if same_file_system(old, keep_at.parent()) {
                if let Ok(meta) = std::fs::symlink_metadata(keep_at) {
                    // A kept output this build did not recycle (one that
                    // could not be renamed into place) is replaced; anything
                    // else there is left alone.
                    if is_kept_output(keep_at, &meta) {
                        remove_tree(keep_at);
                    }
                }
                if std::fs::rename(old, keep_at).is_ok() {
                    return;
                }
            }
        }
        remove_tree(old);
    }
}

/// Whether `dir` (of metadata `meta`) is an output this tool wrote: a real
/// folder of the current user's, holding the marker file.
fn is_kept_output(dir: &Path, meta: &std::fs::Metadata) -> bool {
    meta.file_type().is_dir()
        && owned_by_me(meta)
        && std::fs::symlink_metadata(dir.join(MARKER_FILE)).is_ok_and(|m| m.file_type().is_file())
}

/// Makes the output kept at `kept` into the staging folder `staging_dir`
/// (by renaming it), and lists what it holds: its files (those of another
/// kind, or whose names are not text, are removed) and its folders. `None`
/// when nothing usable is kept there, or it cannot be moved (another file
/// system): the caller makes a fresh folder.
fn recycle(kept: &Path, staging_dir: &Path) -> Option<(Recycled, HashSet<PathBuf>)> {
    let meta = std::fs::symlink_metadata(kept).ok()?;
    if !is_kept_output(kept, &meta) {
        return None;
    }
    let manifest = Manifest::read(&kept.join(MARKER_FILE));
    std::fs::rename(kept, staging_dir).ok()?;
    let (files, dirs) = list_tree(staging_dir, Path::new(""));
    Some((Recycled { manifest, files }, dirs.into_iter().collect()))
}

/// The files (as '/'-separated names) and folders under `relative` in
/// `root`, walked in parallel; the marker file is not listed, and what is
/// neither a file nor a folder (a link, a pipe) or has a name that is not
/// text is removed, never followed.
fn list_tree(root: &Path, relative: &Path) -> (Vec<String>, Vec<PathBuf>) {
    use rayon::prelude::*;
    let Ok(entries) = std::fs::read_dir(root.join(relative)) else {
        return (Vec::new(), Vec::new());
    };
    let entries: Vec<_> = entries.flatten().collect();
    entries
        .par_iter()
        .map(|entry| {
            let path = relative.join(entry.file_name());
            let kind = entry.file_type().ok();
            if kind.is_some_and(|k| k.is_dir()) {
                let (files, mut dirs) = list_tree(root, &path);
                dirs.push(path);
                return (files, dirs);
            }
            match path.to_str() {
                Some(name) if kind.is_some_and(|k| k.is_file()) => {
                    let listed = (name != MARKER_FILE).then(|| name.to_string());
                    (listed.into_iter().collect(), Vec::new())
                }
                _ => {
                    let _ = std::fs::remove_file(root.join(&path));
                    (Vec::new(), Vec::new())
                }
            }
        })
        .reduce(
            || (Vec::new(), Vec::new()),
            |mut a, b| {
                a.0.extend(b.0);
                a.1.extend(b.1);
                a
            },
        )
}

/// Removes whatever is at `path` (a file, a link, a folder tree).
fn clear(path: &Path, meta: &std::fs::Metadata) {
    if meta.file_type().is_dir() {
        remove_tree(path);
    } else {
        let _ = std::fs::remove_file(path);
    }
}

/// Whether `path` and the folder `dir` are on one file system (so a
/// rename between them can work).
#[cfg(unix)]
fn same_file_system(path: &Path, dir: Option<&Path>) -> bool {
    use std::os::unix::fs::MetadataExt;
    let (Ok(a), Some(Ok(b))) = (
        std::fs::symlink_metadata(path),
        dir.map(std::fs::symlink_metadata),
    ) else {
        return false;
    };
    a.dev() == b.dev()
}

#[cfg(not(unix))]
fn same_file_system(_path: &Path, dir: Option<&Path>) -> bool {
    dir.is_some()
}

impl Recycled {
    /// Whether the kept output's manifest vouches that the file `meta`
    /// describes, named `name`, is a plain file of these bytes.
    fn vouches(&self, name: &str, meta: &std::fs::Metadata, size: u64, hash: u64) -> bool {
        meta.file_type().is_file()
            && meta.len() == size
            && self.manifest.vouches(name, meta) == Some(hash)
    }
}

/// Removes a folder tree, best effort, deleting its sub-folders in
/// parallel: on slow disks unlinking thousands of old pages one by one can
/// take longer than writing the new site. The folder's marker file goes
/// last, so a build killed while removing a staging folder leaves one the
/// next build still knows as its own to remove.
fn remove_tree(dir: &Path) {
    remove_entries(dir, Some(MARKER_FILE));
    let _ = std::fs::remove_file(dir.join(MARKER_FILE));
    let _ = std::fs::remove_dir(dir);
}

/// Removes everything in the folder `dir` (but the entry named `spared`),
/// sub-folders in parallel; never through a link.
fn remove_entries(dir: &Path, spared: Option<&str>) {
    use rayon::prelude::*;
    // Never through a link: only a real folder's entries are removed.
    if !std::fs::symlink_metadata(dir).is_ok_and(|m| m.file_type().is_dir()) {
        return;
    }
    if let Ok(entries) = std::fs::read_dir(dir) {
        let entries: Vec<_> = entries
            .flatten()
            .filter(|e| spared.is_none_or(|name| e.file_name() != name))
            .collect();
        entries.par_iter().for_each(|entry| {
            let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
            if is_dir {
                remove_entries(&entry.path(), None);
                let _ = std::fs::remove_dir(entry.path());
            } else {
                let _ = std::fs::remove_file(entry.path());
            }
        });
    }
}

/// Whether `entry` beside the output is a staging folder a killed build of
/// this tool left: exactly `PREFIXtmp-PID` or `PREFIXold-PID`, a real folder
/// (not a link), owned by the current user, holding the marker, and its
/// process no longer running. Anything else of a similar name is kept.
fn is_leftover_staging(entry: &std::fs::DirEntry, prefix: &str) -> bool {
    let name = entry.file_name();
    let Some(rest) = name.to_str().and_then(|n| n.strip_prefix(prefix)) else {
        return false;
    };
    let Some(pid) = rest
        .strip_prefix("tmp-")
        .or_else(|| rest.strip_prefix("old-"))
        .filter(|p| !p.is_empty() && p.len() <= 10 && p.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|p| p.parse::<u32>().ok())
    else {
        return false;
    };
    let Ok(meta) = std::fs::symlink_metadata(entry.path()) else {
        return false;
    };
    let marker = std::fs::symlink_metadata(entry.path().join(MARKER_FILE));
    // A build killed between making its staging folder and writing the
    // marker leaves the folder empty: removing an empty folder loses
    // nothing, so it needs no marker.
    let empty =
        || std::fs::read_dir(entry.path()).is_ok_and(|mut entries| entries.next().is_none());
    meta.file_type().is_dir()
        && owned_by_me(&meta)
        && (marker.is_ok_and(|m| m.file_type().is_file()) || empty())
        && pid != std::process::id()
        && !process_alive(pid)
}

#[cfg(target_os = "linux")]
fn owned_by_me(meta: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    // SAFETY: geteuid has no preconditions and cannot fail.
    meta.uid() == unsafe { libc::geteuid() }
}

#[cfg(not(target_os = "linux"))]
fn owned_by_me(_meta: &std::fs::Metadata) -> bool {
    true
}

/// Whether a process with this id runs (or may: when unsure, yes, so its
/// folder is kept).
#[cfg(target_os = "linux")]
fn process_alive(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    // SAFETY: signal 0 only checks that the process exists.
    if unsafe { libc::kill(pid, 0) } == 0 {
        return true;
    }
    std::io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
}

#[cfg(not(target_os = "linux"))]
fn process_alive(_pid: u32) -> bool {
    true
}

/// An advisory lock (`flock`) on a file beside the output, so two builds
/// into one output do not run at once: the second stops with a message
/// naming the first's pid. Released when dropped (or the process dies).
#[derive(Debug)]
struct OutputLock {
    #[allow(dead_code)]
    file: Option<std::fs::File>,
}

impl OutputLock {
    #[cfg(target_os = "linux")]
    fn take(path: &Path, shown: &Path) -> Result<OutputLock> {
        use std::io::{Read, Seek, Write};
        use std::os::fd::AsRawFd;
        use std::os::unix::fs::OpenOptionsExt;
        if std::fs::symlink_metadata(path).is_ok_and(|m| !m.file_type().is_file()) {
            return Err(Error::Output(format!(
                "{} is in the way of the build's lock file; remove it and build again",
                path.display()
            )));
        }
        let write_error = |source| Error::Write {
            path: path.to_path_buf(),
            source,
        };
        let mut file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC)
            .open(path)
            .map_err(write_error)?;
        // SAFETY: the descriptor is open for the duration of the call.
        if unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } != 0 {
            let mut holder = String::new();
            let _ = file.read_to_string(&mut holder);
            let holder = holder.trim();
            let pid = if holder.is_empty() {
                String::new()
            } else {
                format!(" (pid {holder})")
            };
            return Err(Error::Output(format!(
                "another build is writing {}{pid}; wait for it to finish and build again",
                shown.display()
            )));
        }
        file.set_len(0).map_err(write_error)?;
        file.rewind().map_err(write_error)?;
        write!(file, "{}", std::process::id()).map_err(write_error)?;
        Ok(OutputLock { file: Some(file) })
    }

    #[cfg(not(target_os = "linux"))]
    fn take(_path: &Path, _shown: &Path) -> Result<OutputLock> {
        Ok(OutputLock { file: None })
    }
}

/// Atomically swaps two paths.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let a = CString::new(a.as_os_str().as_bytes())?;
    let b = CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both paths are valid NUL-terminated strings that outlive the call.
    let result = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if result == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> std::io::Result<()> {
    Err(std::io::Error::other("no atomic exchange on this platform"))
}

/// The staging folder, held open. On Linux, files and folders are made
/// with `openat`/`mkdirat` relative to it; elsewhere through full paths.
#[derive(Debug)]
struct StagingRoot {
    #[cfg(target_os = "linux")]
    dir: std::fs::File,
    #[cfg(not(target_os = "linux"))]
    dir: PathBuf,
}

#[cfg(target_os = "linux")]
impl StagingRoot {
    fn open(dir: &Path) -> std::io::Result<StagingRoot> {
        Ok(StagingRoot {
            dir: std::fs::File::open(dir)?,
        })
    }

    fn c_path(relative: &Path) -> std::io::Result<std::ffi::CString> {
        use std::os::unix::ffi::OsStrExt;
        Ok(std::ffi::CString::new(relative.as_os_str().as_bytes())?)
    }

    /// Creates the file at `relative` as a new file, writes `bytes` and
    /// returns what the file system says of it then. A file already there
    /// is unlinked first, never truncated: in a recycled staging folder it
    /// may be a hard link to the current output's file.
    fn write(&self, relative: &Path, bytes: &[u8]) -> std::io::Result<std::fs::Metadata> {
        use std::io::Write;
        use std::os::fd::{AsRawFd, FromRawFd};
        let path = Self::c_path(relative)?;
        let flags = libc::O_WRONLY | libc::O_CREAT | libc::O_EXCL | libc::O_CLOEXEC;
        let open = || {
            // SAFETY: `path` is NUL-terminated and outlives the call; the
            // folder's descriptor is open for as long as `self`.
            unsafe { libc::openat(self.dir.as_raw_fd(), path.as_ptr(), flags, 0o666) }
        };
        let mut fd = open();
        if fd < 0 && std::io::Error::last_os_error().kind() == std::io::ErrorKind::AlreadyExists {
            // SAFETY: as above; unlinkat removes a name, not a folder.
            if unsafe { libc::unlinkat(self.dir.as_raw_fd(), path.as_ptr(), 0) } == 0 {
                fd = open();
            }
        }
        if fd < 0 {
            return Err(std::io::Error::last_os_error());
        }
        // SAFETY: `fd` was just opened and is owned by nothing else.
        let mut file = unsafe { std::fs::File::from_raw_fd(fd) };
        file.write_all(bytes)?;
        file.metadata()
    }

    /// Makes the folder at `relative`; one that exists already is fine.
    fn make_dir(&self, relative: &Path) -> std::io::Result<()> {
        use std::os::fd::AsRawFd;
        let path = Self::c_path(relative)?;
        // SAFETY: as in `write`.
        if unsafe { libc::mkdirat(self.dir.as_raw_fd(), path.as_ptr(), 0o777) } == 0 {
            return Ok(());
        }
        let error = std::io::Error::last_os_error();
        if error.kind() != std::io::ErrorKind::AlreadyExists {
            return Err(error);
        }
        // A file of a recycled folder where this build needs a folder is
        // unlinked and the folder made.
        let mut stat = std::mem::MaybeUninit::<libc::stat>::uninit();
        // SAFETY: as above; `stat` is written by the call before it is read.
        let is_dir = unsafe {
            libc::fstatat(
                self.dir.as_raw_fd(),
                path.as_ptr(),
                stat.as_mut_ptr(),
                libc::AT_SYMLINK_NOFOLLOW,
            ) == 0
                && (stat.assume_init().st_mode & libc::S_IFMT) == libc::S_IFDIR
        };
        // SAFETY: as above.
        if is_dir
            || (unsafe { libc::unlinkat(self.dir.as_raw_fd(), path.as_ptr(), 0) } == 0
                && unsafe { libc::mkdirat(self.dir.as_raw_fd(), path.as_ptr(), 0o777) } == 0)
        {
            Ok(())
        } else {
            Err(std::io::Error::last_os_error())
        }
    }
}

#[cfg(not(target_os = "linux"))]
impl StagingRoot {
    fn open(dir: &Path) -> std::io::Result<StagingRoot> {
        Ok(StagingRoot {
            dir: dir.to_path_buf(),
        })
    }

    fn write(&self, relative: &Path, bytes: &[u8]) -> std::io::Result<std::fs::Metadata> {
        let path = self.dir.join(relative);
        // Never written into: it may be a link to the current output's file.
        let _ = std::fs::remove_file(&path);
        std::fs::write(&path, bytes)?;
        std::fs::metadata(path)
    }

    fn make_dir(&self, relative: &Path) -> std::io::Result<()> {
        match std::fs::create_dir(self.dir.join(relative)) {
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
            other => other,
        }
    }
}

/// A file's content hash: rustc-hash's byte hash (a fast multiply-mix over
/// 16-byte blocks, 64 bits), with the size beside it in the manifest.
pub fn content_hash(bytes: &[u8]) -> u64 {
    use std::hash::Hasher;
    let mut hasher = rustc_hash::FxHasher::default();
    hasher.write(bytes);
    hasher.finish()
}

/// One file as a build wrote it: its content hash and what the file system
/// said of it (size, modification time, inode), to tell whether it has been
/// changed since.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Entry {
    hash: u64,
    size: u64,
    mtime_s: i64,
    mtime_ns: i64,
    inode: u64,
}

impl Entry {
    fn of(hash: u64, meta: &std::fs::Metadata) -> Entry {
        let (mtime_s, mtime_ns, inode) = stat_times(meta);
        Entry {
            hash,
            size: meta.len(),
            mtime_s,
            mtime_ns,
            inode,
        }
    }

    /// Whether the file is as this entry saw it.
    fn matches(&self, meta: &std::fs::Metadata) -> bool {
        let (mtime_s, mtime_ns, inode) = stat_times(meta);
        self.size == meta.len()
            && self.mtime_s == mtime_s
            && self.mtime_ns == mtime_ns
            && self.inode == inode
    }
}

/// Modification time (seconds, nanoseconds) and inode.
#[cfg(unix)]
fn stat_times(meta: &std::fs::Metadata) -> (i64, i64, u64) {
    use std::os::unix::fs::MetadataExt;
    (meta.mtime(), meta.mtime_nsec(), meta.ino())
}

#[cfg(not(unix))]
fn stat_times(_meta: &std::fs::Metadata) -> (i64, i64, u64) {
    // No inode to check: an entry never matches, every file is compared.
    (0, 0, u64::MAX)
}

/// The manifest in an output's marker file: every file its build wrote.
#[derive(Debug, Default)]
struct Manifest {
    entries: HashMap<String, Entry>,
    /// The marker's own modification time: a file modified at or after it
    /// may have been edited in the clock tick the manifest was written in,
    /// so its entry is not trusted.
    written: (i64, i64),
}

/// The line after the marker text that starts a manifest of this format.
const MANIFEST_HEADER: &str = "manifest 1: hash size mtime inode path\n";

impl Manifest {
    /// The manifest of the marker at `path`; empty when there is none or it
    /// cannot be read (every file is then compared byte for byte).
    fn read(path: &Path) -> Manifest {
        let (Ok(meta), Ok(text)) = (
            std::fs::symlink_metadata(path),
            std::fs::read_to_string(path),
        ) else {
            return Manifest::default();
        };
        let (mtime_s, mtime_ns, _) = stat_times(&meta);
        let Some(body) = std::str::from_utf8(MARKER_TEXT)
            .ok()
            .and_then(|marker| text.strip_prefix(marker))
            .and_then(|rest| rest.strip_prefix(MANIFEST_HEADER))
        else {
            return Manifest::default();
        };
        let entries = body.lines().filter_map(Manifest::parse_line).collect();
        Manifest {
            entries,
            written: (mtime_s, mtime_ns),
        }
    }

    fn parse_line(line: &str) -> Option<(String, Entry)> {
        let mut fields = line.splitn(5, ' ');
        let hash = u64::from_str_radix(fields.next()?, 16).ok()?;
        let size = fields.next()?.parse().ok()?;
        let (mtime_s, mtime_ns) = fields.next()?.split_once('.')?;
        let inode = fields.next()?.parse().ok()?;
        let path = fields.next()?.to_string();
        let entry = Entry {
            hash,
            size,
            mtime_s: mtime_s.parse().ok()?,
            mtime_ns: mtime_ns.parse().ok()?,
            inode,
        };
        Some((path, entry))
    }

    /// The marker file's text with the manifest of `written`.
    fn text(written: &[(String, Entry)]) -> String {
        use std::fmt::Write;
        let mut text = String::with_capacity(64 + written.len() * 80);
        text.push_str(&String::from_utf8_lossy(MARKER_TEXT));
        text.push_str(MANIFEST_HEADER);
        for (path, e) in written {
            let _ = writeln!(
                text,
                "{:016x} {} {}.{:09} {} {path}",
                e.hash, e.size, e.mtime_s, e.mtime_ns, e.inode
            );
        }
        text
    }

    /// The hash of `path`'s bytes when the manifest can vouch for the file
    /// `meta` describes: it has an entry whose size, mtime and inode match,
    /// and the file was last modified before the manifest was written.
    fn vouches(&self, path: &str, meta: &std::fs::Metadata) -> Option<u64> {
        let entry = self.entries.get(path)?;
        let (mtime_s, mtime_ns, _) = stat_times(meta);
        let before = (mtime_s, mtime_ns) < self.written;
        (before && entry.matches(meta)).then_some(entry.hash)
    }
}

impl crate::render::PageSink for Staging {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<()> {
        self.write(path, bytes)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.staging_dir);
        }
    }
}

/// An existing output folder may be replaced only when it is empty or was
/// made by briefing.
fn ensure_replaceable(out_dir: &Path) -> Result<()> {
    if !out_dir.is_dir() {
        return Err(Error::Output(format!(
            "{} exists and is not a folder; remove it or choose another --out",
            out_dir.display()
        )));
    }
    if out_dir.join(MARKER_FILE).is_file() {
        return Ok(());
    }
    let empty = std::fs::read_dir(out_dir)
        .map(|mut d| d.next().is_none())
        .unwrap_or(false);
    if empty {
        return Ok(());
    }
    Err(Error::Output(format!(
        "refusing to replace {}: it has files but was not made by briefing (no {MARKER_FILE} file); \
         remove it yourself or choose another --out",
        out_dir.display()
    )))
}

/// Checks that a page path stays inside the output folder.
pub(crate) fn safe_relative(relative: &str) -> Result<PathBuf> {
    let path = Path::new(relative);
    let inside =
        !relative.is_empty() && path.components().all(|c| matches!(c, Component::Normal(_)));
    if inside {
        Ok(path.to_path_buf())
    } else {
        Err(Error::Output(format!(
            "internal error: page path `{relative}` would leave the output folder"
        )))
    }
}

/// Writes files into a finished output folder in place, for `briefing
/// serve`'s rebuilds: a file whose bytes are unchanged is left alone; a
/// changed one is written beside and renamed over, so a server never sends
/// half a page.
pub struct InPlace<'a> {
    root: &'a Path,
    written: AtomicUsize,
}

impl<'a> InPlace<'a> {
    /// Writes into the output folder `root`.
    pub fn new(root: &'a Path) -> InPlace<'a> {
        InPlace {
            root,
            written: AtomicUsize::new(0),
        }
    }

    /// How many files were written (those left as they were not counted).
    pub fn written(&self) -> usize {
        self.written.load(Ordering::Relaxed)
    }
}

impl crate::render::PageSink for InPlace<'_> {
    fn keep(&self, _path: &str) -> Result<()> {
        Ok(())
    }

    fn put(&self, path: &str, bytes: &[u8]) -> Result<()> {
        let target = self.root.join(safe_relative(path)?);
        // Compared only with a regular file of the same size: a FIFO or a
        // device left in the output is never opened, just replaced.
        let same_size = std::fs::symlink_metadata(&target)
            .is_ok_and(|m| m.file_type().is_file() && m.len() == bytes.len() as u64);
        if same_size && std::fs::read(&target).is_ok_and(|old| old == bytes) {
            return Ok(());
        }
        let write_err = |path: &Path| {
            let path = path.to_path_buf();
            move |source| Error::Write { path, source }
        };
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(write_err(parent))?;
        }
        let mut tmp = target.clone().into_os_string();
        tmp.push(".briefing-tmp");
        let tmp = PathBuf::from(tmp);
        std::fs::write(&tmp, bytes).map_err(write_err(&tmp))?;
        std::fs::rename(&tmp, &target).map_err(write_err(&target))?;
        self.written.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }
}

/// Removes from the output folder `root` the files at `paths` (relative to
/// it; files no page produces any more) and the folders they leave empty.
/// Returns how many files were removed; one already gone is not counted.
pub fn remove_in_place(root: &Path, paths: &[String]) -> Result<usize> {
    let mut removed = 0;
    for path in paths {
        let file = root.join(safe_relative(path)?);
        if std::fs::remove_file(&file).is_ok() {
            removed += 1;
            remove_empty_parents(root, &file);
        }
    }
    Ok(removed)
}

/// Removes the folders above `file` that it left empty, up to `root`.
fn remove_empty_parents(root: &Path, file: &Path) {
    let mut dir = file.parent();
    while let Some(d) = dir {
        if d == root || !d.starts_with(root) || std::fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
}

#[cfg(test)]
mod in_place_tests {
    use super::*;
    use crate::render::PageSink;

    #[test]
    fn in_place_rewrites_only_changed_files() {
        let dir = tempfile::tempdir().unwrap();
        let sink = InPlace::new(dir.path());
        sink.put("a/b/index.html", b"one").unwrap();
        sink.put("a/b/index.html", b"one").unwrap();
        sink.put("a/b/index.html", b"two").unwrap();
        assert_eq!(sink.written(), 2);
        assert_eq!(
            std::fs::read(dir.path().join("a/b/index.html")).unwrap(),
            b"two"
        );
        assert!(sink.put("../outside.html", b"x").is_err());
    }

    #[test]
    fn removing_vanished_files_takes_the_folders_they_leave_empty() {
        let dir = tempfile::tempdir().unwrap();
        let sink = InPlace::new(dir.path());
        sink.put("tags/x/index.html", b"x").unwrap();
        sink.put("tags/index.html", b"list").unwrap();
        let gone = [
            "tags/x/index.html".to_string(),
            "never/was.html".to_string(),
        ];
        assert_eq!(remove_in_place(dir.path(), &gone).unwrap(), 1);
        assert!(!dir.path().join("tags/x").exists());
        assert!(dir.path().join("tags/index.html").exists());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn commit_replaces_previous_output_completely() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("dist");
        let first = Staging::begin(&out).unwrap();
        first.write("old.html", b"old").unwrap();
        first.commit().unwrap();
        let second = Staging::begin(&out).unwrap();
        second.write("a/new.html", b"new").unwrap();
        second.commit().unwrap();
        assert!(!out.join("old.html").exists());
        assert_eq!(fs::read(out.join("a/new.html")).unwrap(), b"new");
        let leftovers: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        // The site and the (kept) lock file; no staging folder.
        let mut leftovers = leftovers;
        leftovers.sort();
        assert_eq!(leftovers, [".dist.briefing.lock", "dist"]);
    }

    #[test]
    fn dropped_staging_leaves_previous_output_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("dist");
        let first = Staging::begin(&out).unwrap();
        first.write("index.html", b"v1").unwrap();
        first.commit().unwrap();
        {
            let failing = Staging::begin(&out).unwrap();
            failing.write("index.html", b"v2").unwrap();
        }
        assert_eq!(fs::read(out.join("index.html")).unwrap(), b"v1");
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().to_string())
            .filter(|n| n != ".dist.briefing.lock")
            .collect();
        assert_eq!(names, ["dist"]);
    }

    /// A pid no process has: above the kernel's largest (2^22).
    const DEAD_PID: u32 = 2_000_000_000;

    fn leftover(dir: &Path, name: &str) -> PathBuf {
        let path = dir.join(name);
        fs::create_dir_all(path.join("x")).unwrap();
        fs::write(path.join(MARKER_FILE), MARKER_TEXT).unwrap();
        path
    }

    #[test]
    fn leftover_staging_from_a_killed_build_is_removed() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("dist");
        let tmp = leftover(dir.path(), &format!(".dist.briefing-tmp-{DEAD_PID}"));
        let old = leftover(dir.path(), &format!(".dist.briefing-old-{DEAD_PID}"));
        Staging::begin(&out).unwrap().commit().unwrap();
        assert!(!tmp.exists());
        assert!(!old.exists());
    }

    #[test]
    fn empty_staging_from_a_build_killed_before_its_marker_is_removed() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("dist");
        let empty = dir.path().join(format!(".dist.briefing-tmp-{DEAD_PID}"));
        fs::create_dir_all(&empty).unwrap();
        Staging::begin(&out).unwrap().commit().unwrap();
        assert!(!empty.exists());
    }

    #[test]
    fn leftover_cleanup_keeps_folders_it_did_not_make() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("dist");
        // A user's folder with a similar name, marker or not.
        let notes = leftover(dir.path(), ".dist.briefing-notes");
        let odd = leftover(dir.path(), &format!(".dist.briefing-tmp-{DEAD_PID}x"));
        // The right name but no marker inside.
        let unmarked = dir
            .path()
            .join(format!(".dist.briefing-old-{}", DEAD_PID + 1));
        fs::create_dir_all(unmarked.join("keep")).unwrap();
        // The right name and marker, but its process (pid 1) still runs.
        let live = leftover(dir.path(), ".dist.briefing-tmp-1");
        Staging::begin(&out).unwrap().commit().unwrap();
        for kept in [&notes, &odd, &unmarked, &live] {
            assert!(
                kept.join("x").exists() || kept.join("keep").exists(),
                "{}",
                kept.display()
            );
        }
    }

    #[test]
    fn leftover_cleanup_never_deletes_through_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let victim = leftover(dir.path(), "precious");
        fs::write(victim.join("letter.txt"), "keep").unwrap();
        let link = dir.path().join(format!(".dist.briefing-tmp-{DEAD_PID}"));
        std::os::unix::fs::symlink(&victim, &link).unwrap();
        Staging::begin(&dir.path().join("dist"))
            .unwrap()
            .commit()
            .unwrap();
        assert!(victim.join("letter.txt").exists());
        assert!(victim.join("x").exists());
        assert!(fs::symlink_metadata(&link).is_ok());
    }

    #[test]
    fn a_symlinked_output_is_built_into_its_target_and_kept_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let www = dir.path().join("www/site");
        let first = Staging::begin(&www).unwrap();
        first.write("old.html", b"old").unwrap();
        first.commit().unwrap();
        fs::write(dir.path().join("www/neighbour.txt"), "keep").unwrap();
        let out = dir.path().join("dist");
        std::os::unix::fs::symlink(&www, &out).unwrap();
        let second = Staging::begin(&out).unwrap();
        second.write("new.html", b"new").unwrap();
        second.commit().unwrap();
        assert!(fs::symlink_metadata(&out).unwrap().file_type().is_symlink());
        assert_eq!(fs::read(www.join("new.html")).unwrap(), b"new");
        assert_eq!(fs::read(out.join("new.html")).unwrap(), b"new");
        assert!(!www.join("old.html").exists());
        assert!(dir.path().join("www/neighbour.txt").exists());
    }

    #[test]
    fn a_symlink_to_a_web_root_it_did_not_make_is_refused_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let www = dir.path().join("var-www");
        fs::create_dir_all(&www).unwrap();
        fs::write(www.join("index.html"), "published").unwrap();
        let out = dir.path().join("dist");
        std::os::unix::fs::symlink(&www, &out).unwrap();
        let err = Staging::begin(&out).unwrap_err().to_string();
        assert!(err.contains("not made by briefing"), "{err}");
        assert!(fs::symlink_metadata(&out).unwrap().file_type().is_symlink());
        assert_eq!(fs::read(www.join("index.html")).unwrap(), b"published");
        let dangling = dir.path().join("gone");
        std::os::unix::fs::symlink(dir.path().join("nowhere"), &dangling).unwrap();
        let err = Staging::begin(&dangling).unwrap_err().to_string();
        assert!(err.contains("does not exist"), "{err}");
    }

    #[test]
    fn a_second_build_into_one_output_is_refused_naming_the_first() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("dist");
        let first = Staging::begin(&out).unwrap();
        first.write("index.html", b"first").unwrap();
        let err = Staging::begin(&out).unwrap_err().to_string();
        assert!(err.contains("another build is writing"), "{err}");
        assert!(
            err.contains(&format!("pid {}", std::process::id())),
            "{err}"
        );
        // The first build's staging is untouched and still commits.
        first.commit().unwrap();
        assert_eq!(fs::read(out.join("index.html")).unwrap(), b"first");
        // Once it is done, the next build may start.
        Staging::begin(&out).unwrap().commit().unwrap();
    }

    #[test]
    fn refuses_to_replace_a_folder_it_did_not_make() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("docs");
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join("precious.txt"), "keep").unwrap();
        let err = Staging::begin(&out).unwrap_err().to_string();
        assert!(err.contains("not made by briefing"), "{err}");
        assert!(out.join("precious.txt").exists());
    }

    #[test]
    fn pages_written_at_once_into_new_nested_folders_all_land() {
        use rayon::prelude::*;
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("dist");
        let staging = Staging::begin(&out).unwrap();
        let paths: Vec<String> = (0..200)
            .map(|i| format!("s{}/t{}/page-{i}.html", i % 3, i % 7))
            .collect();
        paths
            .par_iter()
            .for_each(|p| staging.write(p, p.as_bytes()).unwrap());
        staging.commit().unwrap();
        for p in &paths {
            assert_eq!(fs::read(out.join(p)).unwrap(), p.as_bytes(), "{p}");
        }
    }

    /// Moves the marker's modification time a minute on, as if the build
    /// had been a while ago: no file is then in the manifest's last tick.
    fn age_manifest(out: &Path) {
        let later = std::time::SystemTime::now() + std::time::Duration::from_secs(60);
        set_marker_time(out, later);
    }

    fn set_marker_time(out: &Path, time: std::time::SystemTime) {
        let marker = fs::File::options()
            .write(true)
            .open(out.join(MARKER_FILE))
            .unwrap();
        marker.set_modified(time).unwrap();
    }

    /// Rewrites `path` in place (same inode) a second after the build
    /// (a real edit's mtime is its own clock tick; one in the build's tick
    /// is the manifest's last tick, which it never trusts).
    fn edit_in_place(path: &Path, bytes: &[u8]) {
        use std::io::Write;
        let mut file = fs::File::options()
            .write(true)
            .truncate(true)
            .open(path)
            .unwrap();
        file.write_all(bytes).unwrap();
        let later = std::time::SystemTime::now() + std::time::Duration::from_secs(1);
        file.set_modified(later).unwrap();
    }

    fn inode(path: &Path) -> u64 {
        use std::os::unix::fs::MetadataExt;
        fs::metadata(path).unwrap().ino()
    }

    #[test]
    fn the_manifest_holds_every_file_written_and_vouches_for_untouched_ones() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("dist");
        let staging = Staging::begin(&out).unwrap();
        staging.write("a/page.html", b"first page").unwrap();
        staging.write("b.json", b"{}").unwrap();
        staging.commit().unwrap();
        age_manifest(&out);
        let manifest = Manifest::read(&out.join(MARKER_FILE));
        assert_eq!(manifest.entries.len(), 2);
        let page = fs::symlink_metadata(out.join("a/page.html")).unwrap();
        assert_eq!(
            manifest.vouches("a/page.html", &page),
            Some(content_hash(b"first page"))
        );
        // Edited in place, same size: the mtime moved, no longer vouched for.
        edit_in_place(&out.join("a/page.html"), b"FIRST PAGE");
        let edited = fs::symlink_metadata(out.join("a/page.html")).unwrap();
        assert_eq!(manifest.vouches("a/page.html", &edited), None);
        assert_eq!(manifest.vouches("missing.html", &page), None);
    }

    #[test]
    fn a_file_in_the_manifests_last_tick_is_not_vouched_for() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("dist");
        let staging = Staging::begin(&out).unwrap();
        staging.write("page.html", b"page").unwrap();
        staging.commit().unwrap();
        let page = fs::symlink_metadata(out.join("page.html")).unwrap();
        // The marker made no later than the page: an edit in that tick
        // would leave the page's mtime as the manifest saw it.
        set_marker_time(&out, page.modified().unwrap());
        let manifest = Manifest::read(&out.join(MARKER_FILE));
        assert!(manifest.entries.contains_key("page.html"));
        assert_eq!(manifest.vouches("page.html", &page), None);
    }

    #[test]
    fn unchanged_files_are_linked_and_changed_or_edited_ones_written() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("dist");
        let first = Staging::begin(&out).unwrap();
        for name in ["same.html", "changed.html", "edited.html"] {
            first.write(name, b"version one").unwrap();
        }
        first.commit().unwrap();
        age_manifest(&out);
        let same = inode(&out.join("same.html"));
        // A user's edit in place, keeping the size and the inode.
        edit_in_place(&out.join("edited.html"), b"VERSION ONE");
        let second = Staging::begin(&out).unwrap();
        second.write("same.html", b"version one").unwrap();
        second.write("changed.html", b"version two").unwrap();
        second.write("edited.html", b"version one").unwrap();
        assert_eq!(second.linked(), 1);
        second.commit().unwrap();
        assert_eq!(inode(&out.join("same.html")), same);
        assert_eq!(fs::read(out.join("changed.html")).unwrap(), b"version two");
        assert_eq!(fs::read(out.join("edited.html")).unwrap(), b"version one");
    }

    #[test]
    fn an_output_without_a_manifest_is_still_reused_by_comparing_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("dist");
        fs::create_dir_all(&out).unwrap();
        // The marker of a build before manifests.
        fs::write(out.join(MARKER_FILE), MARKER_TEXT).unwrap();
        fs::write(out.join("page.html"), b"kept").unwrap();
        fs::write(out.join("other.html"), b"old").unwrap();
        let before = inode(&out.join("page.html"));
        let staging = Staging::begin(&out).unwrap();
        staging.write("page.html", b"kept").unwrap();
        staging.write("other.html", b"new").unwrap();
        assert_eq!(staging.linked(), 1);
        staging.commit().unwrap();
        assert_eq!(inode(&out.join("page.html")), before);
        assert_eq!(fs::read(out.join("other.html")).unwrap(), b"new");
        let marker = fs::read_to_string(out.join(MARKER_FILE)).unwrap();
        assert!(marker.contains(MANIFEST_HEADER), "{marker}");
    }

    #[test]
    fn a_page_may_not_overwrite_the_marker() {
        let dir = tempfile::tempdir().unwrap();
        let staging = Staging::begin(&dir.path().join("dist")).unwrap();
        assert!(staging.write(MARKER_FILE, b"x").is_err());
    }

    #[test]
    fn page_paths_cannot_escape() {
        let dir = tempfile::tempdir().unwrap();
        let staging = Staging::begin(&dir.path().join("dist")).unwrap();
        for bad in ["../x.html", "/etc/x", "a/../../x", ""] {
            assert!(staging.write(bad, b"x").is_err(), "{bad}");
        }
    }

    #[test]
    fn output_dir_may_not_be_or_hold_the_site() {
        let dir = tempfile::tempdir().unwrap();
        for out in [
            dir.path().to_path_buf(),
            dir.path().join("seeds"),
            dir.path().join("content/sub"),
            dir.path().join(".."),
        ] {
            let config = Config::load(dir.path(), Some(&out)).unwrap();
            assert!(check_output_dir(&config).is_err(), "{}", out.display());
        }
        let config = Config::load(dir.path(), Some(&dir.path().join("public"))).unwrap();
        assert!(check_output_dir(&config).is_ok());
    }

    /// Builds `files` into `out`, keeping the replaced output at `kept`.
    fn build_kept(out: &Path, kept: &Path, files: &[(&str, &[u8])]) -> Staging {
        let staging = Staging::begin_keeping(out, Some(kept)).unwrap();
        for (path, bytes) in files {
            staging.write(path, bytes).unwrap();
        }
        staging
    }

    fn names_in(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().to_string())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_replaced_output_is_kept_and_made_into_the_next_staging_folder() {
        let dir = tempfile::tempdir().unwrap();
        let (out, kept) = (dir.path().join("dist"), dir.path().join("kept"));
        build_kept(&out, &kept, &[("a.html", b"alpha"), ("b/p.html", b"one")])
            .commit()
            .unwrap();
        assert!(!kept.exists(), "there was no output to keep");
        age_manifest(&out);
        let alpha = inode(&out.join("a.html"));
        let second = [
            ("a.html", &b"alpha"[..]),
            ("b/p.html", b"two"),
            ("c/q.html", b"new"),
        ];
        build_kept(&out, &kept, &second).commit().unwrap();
        assert_eq!(fs::read(kept.join("b/p.html")).unwrap(), b"one");
        age_manifest(&out);
        // The third build is made of the first's output, kept since.
        let third = build_kept(&out, &kept, &[("a.html", b"alpha"), ("b/p.html", b"two")]);
        assert!(!kept.exists(), "the kept output became the staging folder");
        assert_eq!(third.linked(), 2);
        third.commit().unwrap();
        assert_eq!(inode(&out.join("a.html")), alpha);
        assert_eq!(fs::read(out.join("b/p.html")).unwrap(), b"two");
        // What the new site does not have is gone, with its folder.
        assert_eq!(names_in(&out), [MARKER_FILE, "a.html", "b"]);
        assert_eq!(fs::read(kept.join("c/q.html")).unwrap(), b"new");
        assert_eq!(
            names_in(dir.path()),
            [".dist.briefing.lock", "dist", "kept"]
        );
    }

    #[test]
    fn a_file_of_the_kept_output_is_never_written_into() {
        let dir = tempfile::tempdir().unwrap();
        let (out, kept) = (dir.path().join("dist"), dir.path().join("kept"));
        for _ in 0..2 {
            build_kept(&out, &kept, &[("page.html", b"same")])
                .commit()
                .unwrap();
        }
        // The kept page and the live one are one file (hard links).
        assert_eq!(
            inode(&kept.join("page.html")),
            inode(&out.join("page.html"))
        );
        let failed = build_kept(&out, &kept, &[("page.html", b"changed")]);
        assert_eq!(fs::read(out.join("page.html")).unwrap(), b"same");
        drop(failed);
        assert_eq!(fs::read(out.join("page.html")).unwrap(), b"same");
        build_kept(&out, &kept, &[("page.html", b"changed")])
            .commit()
            .unwrap();
        assert_eq!(fs::read(out.join("page.html")).unwrap(), b"changed");
    }

    #[test]
    fn what_the_kept_output_holds_beyond_its_manifest_is_not_carried_forward() {
        let dir = tempfile::tempdir().unwrap();
        let (out, kept) = (dir.path().join("dist"), dir.path().join("kept"));
        let files = [
            ("a.html", &b"alpha"[..]),
            ("b/index.html", b"beta"),
            ("d", b"file"),
        ];
        for _ in 0..2 {
            build_kept(&out, &kept, &files).commit().unwrap();
        }
        age_manifest(&kept);
        // A file added by hand, a link out of the output, an edit in place
        // (which the live output's file shares), a file where a folder goes.
        fs::write(kept.join("CNAME"), "example.org").unwrap();
        std::os::unix::fs::symlink(dir.path(), kept.join("b/escape")).unwrap();
        edit_in_place(&kept.join("a.html"), b"ALPHA");
        let next = [
            ("a.html", &b"alpha"[..]),
            ("b/index.html", b"beta"),
            ("d/e.html", b"deep"),
        ];
        build_kept(&out, &kept, &next).commit().unwrap();
        assert_eq!(fs::read(out.join("a.html")).unwrap(), b"alpha");
        assert_eq!(fs::read(out.join("d/e.html")).unwrap(), b"deep");
        assert_eq!(names_in(&out), [MARKER_FILE, "a.html", "b", "d"]);
        assert_eq!(names_in(&out.join("b")), ["index.html"]);
    }

    #[test]
    fn a_kept_folder_that_is_not_an_output_is_neither_used_nor_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let (out, kept) = (dir.path().join("dist"), dir.path().join("kept"));
        build_kept(&out, &kept, &[("a.html", b"alpha")])
            .commit()
            .unwrap();
        fs::create_dir(&kept).unwrap();
        fs::write(kept.join("notes.txt"), "mine").unwrap();
        build_kept(&out, &kept, &[("a.html", b"beta")])
            .commit()
            .unwrap();
        assert_eq!(names_in(&kept), ["notes.txt"]);
        assert_eq!(fs::read(out.join("a.html")).unwrap(), b"beta");
        assert_eq!(
            names_in(dir.path()),
            [".dist.briefing.lock", "dist", "kept"]
        );
    }

    #[test]
    fn with_the_output_removed_files_are_linked_from_the_kept_one_which_stays() {
        let dir = tempfile::tempdir().unwrap();
        let (out, kept) = (dir.path().join("dist"), dir.path().join("kept"));
        for _ in 0..2 {
            build_kept(&out, &kept, &[("a.html", b"alpha"), ("b.html", b"beta")])
                .commit()
                .unwrap();
        }
        age_manifest(&kept);
        let alpha = inode(&kept.join("a.html"));
        fs::remove_dir_all(&out).unwrap();
        let staging = build_kept(&out, &kept, &[("a.html", b"alpha"), ("b.html", b"BETA")]);
        assert_eq!(staging.linked(), 1);
        staging.commit().unwrap();
        assert_eq!(inode(&out.join("a.html")), alpha);
        assert_eq!(fs::read(out.join("b.html")).unwrap(), b"BETA");
        assert_eq!(fs::read(kept.join("b.html")).unwrap(), b"beta");
        assert_eq!(
            names_in(dir.path()),
            [".dist.briefing.lock", "dist", "kept"]
        );
    }
}

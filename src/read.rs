//! Bounded reads of one file, for every file the tool reads (sources,
//! `briefing.toml`, sidecars, the registry, templates): regular files
//! only, under a size limit, and UTF-8 when text is wanted. Errors name the
//! file as the user knows it.

use crate::error::{Error, Result};
use crate::text::human_size;
use std::path::Path;

/// Largest `briefing.toml`, sidecar, entity registry or template read:
/// these are a few kilobytes in any real site.
pub const MAX_SETTINGS_BYTES: u64 = 16 << 20;

/// Largest source read unless `briefing.toml` sets `max_source_mb`. A
/// build holds about eighteen times its largest source at its peak (a
/// 47.9 MiB source peaked at 885 MB, 63 MiB at 1.12 GB, in release), so
/// this keeps a build under 1 GB; a 200 MB source is refused at once.
pub const DEFAULT_MAX_SOURCE_BYTES: u64 = 48 << 20;

/// What a file is read as, for the size limit and its error message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    /// Most bytes read.
    pub bytes: u64,
    /// What the file is ("a source", "briefing.toml") and what to do when
    /// it is too large.
    pub what: &'static str,
    pub advice: &'static str,
}

impl Limit {
    /// The limit for settings files: config, sidecars, registry, templates.
    pub const fn settings(what: &'static str) -> Limit {
        Limit {
            bytes: MAX_SETTINGS_BYTES,
            what,
            advice: "no real one is this large; check that it is the file you meant",
        }
    }

    /// The limit for sources (`max_source_mb`).
    pub const fn source(bytes: u64) -> Limit {
        Limit {
            bytes,
            what: "a source",
            advice: "split it into several sources, or raise `max_source_mb` in briefing.toml",
        }
    }
}

/// Reads a regular file of at most `limit.bytes`. Every file the tool reads
/// goes through here: a FIFO, a device (`/dev/zero` behind a link), a socket
/// or a folder is refused without reading it (a FIFO is opened without
/// waiting for a writer), and a file over the limit is refused before it
/// is read, or as soon as it grows past the limit while being read. Errors
/// name the file as `shown`.
pub fn read_regular(path: &Path, shown: &Path, limit: Limit) -> Result<Vec<u8>> {
    use std::io::Read as _;
    let read_error = |source| Error::Read {
        path: shown.to_path_buf(),
        source,
    };
    let refuse = |message: String| Error::Unreadable {
        path: shown.to_path_buf(),
        message,
    };
    let too_large = |size: &str| {
        refuse(format!(
            "is {size}, over the {} limit for {}; {}",
            human_size(limit.bytes),
            limit.what,
            limit.advice
        ))
    };
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Opening a FIFO for reading waits for a writer; non-blocking, it
        // returns at once, and the check below refuses it.
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(read_error)?;
    let meta = file.metadata().map_err(read_error)?;
    if !meta.file_type().is_file() {
        return Err(refuse(format!(
            "is not a regular file ({}); briefing reads regular files only",
            kind_of(&meta.file_type())
        )));
    }
    if meta.len() > limit.bytes {
        return Err(too_large(&human_size(meta.len())));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(limit.bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(read_error)?;
    if bytes.len() as u64 > limit.bytes {
        return Err(too_large("growing while read"));
    }
    Ok(bytes)
}

/// A file type in words, for errors.
fn kind_of(kind: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a FIFO";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    if kind.is_dir() {
        "a folder"
    } else {
        "not a file"
    }
}

/// Reads a file as UTF-8, dropping a byte-order mark. Invalid UTF-8 is an
/// error that gives the byte offset, so the user can find the bad bytes.
pub fn read_utf8(path: &Path, shown: &Path, limit: Limit) -> Result<String> {
    let bytes = read_regular(path, shown, limit)?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_string()),
        Err(e) => Err(Error::Encoding {
            path: shown.to_path_buf(),
            message: format!(
                "not valid UTF-8 (first bad byte at offset {}); save the file as UTF-8 and build again",
                e.valid_up_to()
            ),
        }),
    }
}

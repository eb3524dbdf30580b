//! `briefing pdf`: prints the briefing book (or each briefing) to PDF with a
//! locally installed Chromium or Chrome.
//!
//! The site is built with the normal pipeline into a temporary folder (the
//! site's own `dist/` is never touched), then the browser's command line
//! (`--headless --print-to-pdf`) prints the built page from disk. Chromium
//! renders the theme's `@page` margin boxes, so page numbers come from the
//! stylesheet like every other part of the printed layout. Each browser run
//! is bounded by a timeout: a hung browser is killed (with its child
//! processes) and reported. A PDF is first written in the temporary folder
//! and copied into place only when complete.

use crate::config::Config;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Names looked up on `PATH`, in this order, when no browser is given.
pub const CHROME_NAMES: &[&str] = &[
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "chrome",
];

/// Environment variable naming the browser to use (after `--chrome`).
pub const CHROME_ENV: &str = "BRIEFING_CHROME";

/// Default file name of the book, in the site folder.
pub const BOOK_FILE: &str = "briefing-book.pdf";

/// Default folder for `--each`, in the site folder.
pub const EACH_DIR: &str = "pdf";

/// Errors of `briefing pdf`, each saying what to do.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error(
        "no Chromium or Chrome found (looked for {} on PATH)\n  install one (Debian/Ubuntu: `sudo apt-get install chromium`), \
         or pass --chrome PATH, or set {CHROME_ENV}=PATH",
        CHROME_NAMES.join(", ")
    )]
    NoBrowser,

    #[error(
        "the browser {path} (from {from}) does not exist or is not a program\n  pass the path of a Chromium or Chrome executable, \
         or install one (Debian/Ubuntu: `sudo apt-get install chromium`)"
    )]
    BadBrowser { path: PathBuf, from: &'static str },

    #[error(
        "{browser} did not finish printing {page} within {seconds} s and was stopped\n  \
         try again, allow more time with --timeout SECONDS, or check that the browser starts: \
         `{browser} --headless --no-sandbox --dump-dom about:blank`"
    )]
    Timeout {
        browser: PathBuf,
        page: String,
        seconds: u64,
    },

    #[error(
        "{browser} failed to print {page} ({status})\n  what the browser said:\n{said}\n  \
         check that it runs headless: `{browser} --headless --no-sandbox --dump-dom about:blank`"
    )]
    BrowserFailed {
        browser: PathBuf,
        page: String,
        status: String,
        said: String,
    },

    #[error("cannot start the browser {browser}")]
    Spawn {
        browser: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("the site has no briefings to print; add sources to content/ or seeds/ first")]
    Empty,

    #[error(transparent)]
    Build(#[from] crate::Error),

    #[error("{what} {path}")]
    Io {
        what: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

pub type Result<T, E = PdfError> = std::result::Result<T, E>;

/// How to run the browser.
#[derive(Debug, Clone)]
pub struct PdfOptions {
    /// The browser from `--chrome`; else [`CHROME_ENV`]; else found on `PATH`.
    pub chrome: Option<PathBuf>,
    /// How long one browser run may take before it is killed.
    pub timeout: Duration,
}

impl Default for PdfOptions {
    fn default() -> Self {
        PdfOptions {
            chrome: None,
            timeout: Duration::from_secs(60),
        }
    }
}

/// What was printed.
#[derive(Debug)]
pub struct PdfReport {
    /// The browser that printed.
    pub browser: PathBuf,
    /// Every PDF written.
    pub files: Vec<PathBuf>,
}

/// Finds the browser: `explicit` (from `--chrome`), else `$BRIEFING_CHROME`,
/// else the first of [`CHROME_NAMES`] on `PATH`.
pub fn find_chrome(explicit: Option<&Path>) -> Result<PathBuf> {
    let env = std::env::var_os(CHROME_ENV).filter(|v| !v.is_empty());
    let (given, from) = match (explicit, env) {
        (Some(path), _) => (Some(path.to_path_buf()), "--chrome"),
        (None, Some(path)) => (Some(PathBuf::from(path)), CHROME_ENV),
        (None, None) => (None, ""),
    };
    if let Some(path) = given {
        // A bare name such as `chromium` is looked up on PATH.
        let resolved = if path.components().count() == 1 {
            on_path(&path.to_string_lossy()).unwrap_or(path.clone())
        } else {
            path.clone()
        };
        return if is_executable(&resolved) {
            Ok(resolved)
        } else {
            Err(PdfError::BadBrowser { path, from })
        };
    }
    CHROME_NAMES
        .iter()
        .find_map(|name| on_path(name))
        .ok_or(PdfError::NoBrowser)
}

fn on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|candidate| is_executable(candidate))
}

fn is_executable(path: &Path) -> bool {
    let Ok(meta) = std::fs::metadata(path) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        meta.is_file() && meta.permissions().mode() & 0o111 != 0
    }
    #[cfg(not(unix))]
    {
        meta.is_file()
    }
}

/// A temporary folder removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> Result<TempDir> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let path =
            std::env::temp_dir().join(format!("briefing-pdf-{}-{nanos:09}", std::process::id()));
        std::fs::create_dir_all(&path).map_err(|source| PdfError::Io {
            what: "cannot create the temporary folder",
            path: path.clone(),
            source,
        })?;
        Ok(TempDir(path))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Builds the site of `config` into a temporary folder and prints the
/// briefing book (`print.html`) to `out_file`. A book in several volumes
/// (`print_volume_size`) gives one file per volume: `out_file` for the
/// first, then `NAME-2.pdf`, `NAME-3.pdf`... beside it.
pub fn print_book(config: &Config, out_file: &Path, options: &PdfOptions) -> Result<PdfReport> {
    let browser = find_chrome(options.chrome.as_deref())?;
    let tmp = TempDir::new()?;
    let site = build_site(config, &tmp.0)?;
    if briefing_slugs(&site)?.is_empty() {
        return Err(PdfError::Empty);
    }
    let mut files = Vec::new();
    for volume in 0.. {
        let page = site.join(crate::render::pages::volume_path(volume));
        if volume > 0 && !page.is_file() {
            break;
        }
        let printed = tmp.0.join(format!("book-{volume}.pdf"));
        print_page(&browser, &page, &printed, &tmp.0, options.timeout)?;
        let target = if volume == 0 {
            out_file.to_path_buf()
        } else {
            let stem = out_file
                .file_stem()
                .map(|s| s.to_string_lossy().to_string())
                .unwrap_or_else(|| "briefing-book".to_string());
            out_file.with_file_name(format!("{stem}-{}.pdf", volume + 1))
        };
        put_in_place(&printed, &target)?;
        files.push(target);
    }
    Ok(PdfReport { browser, files })
}

/// Builds the site of `config` into a temporary folder and prints each
/// briefing's page to `out_dir/<slug>.pdf`.
pub fn print_each(config: &Config, out_dir: &Path, options: &PdfOptions) -> Result<PdfReport> {
    let browser = find_chrome(options.chrome.as_deref())?;
    let tmp = TempDir::new()?;
    let site = build_site(config, &tmp.0)?;
    let slugs = briefing_slugs(&site)?;
    if slugs.is_empty() {
        return Err(PdfError::Empty);
    }
    let mut files = Vec::with_capacity(slugs.len());
    for slug in &slugs {
        let page = site.join("briefings").join(slug).join("index.html");
        let printed = tmp.0.join(format!("{slug}.pdf"));
        print_page(&browser, &page, &printed, &tmp.0, options.timeout)?;
        let target = out_dir.join(format!("{slug}.pdf"));
        put_in_place(&printed, &target)?;
        files.push(target);
    }
    Ok(PdfReport { browser, files })
}

/// Runs the pipeline into `tmp/site`, leaving the configured output alone.
fn build_site(config: &Config, tmp: &Path) -> Result<PathBuf> {
    let mut config = config.clone();
    config.out_dir = tmp.join("site");
    crate::pipeline::build(&config)?;
    Ok(config.out_dir)
}

/// The slugs of the built briefing pages, sorted.
fn briefing_slugs(site: &Path) -> Result<Vec<String>> {
    let dir = site.join("briefings");
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => {
            return Err(PdfError::Io {
                what: "cannot read",
                path: dir,
                source,
            });
        }
    };
    let mut slugs: Vec<String> = entries
        .flatten()
        .filter(|e| e.path().join("index.html").is_file())
        .map(|e| e.file_name().to_string_lossy().to_string())
        .collect();
    slugs.sort();
    Ok(slugs)
}

fn put_in_place(printed: &Path, target: &Path) -> Result<()> {
    if let Some(parent) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|source| PdfError::Io {
            what: "cannot create the folder",
            path: parent.to_path_buf(),
            source,
        })?;
    }
    std::fs::copy(printed, target)
        .map(drop)
        .map_err(|source| PdfError::Io {
            what: "cannot write",
            path: target.to_path_buf(),
            source,
        })
}

/// The command-line flags for a headless print: no first-run, sync,
/// component updates or background networking (nothing leaves the machine),
/// a fresh profile, and no browser-made header or footer (the theme's
/// `@page` rules number the pages).
fn browser_args(page_url: &str, pdf: &Path, profile: &Path) -> Vec<String> {
    let mut args: Vec<String> = [
        "--headless",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--disable-dev-shm-usage",
        "--no-pdf-header-footer",
        "--print-to-pdf-no-header",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    if running_as_root() {
        // Chromium refuses to start as root with its sandbox on.
        args.push("--no-sandbox".to_string());
    }
    args.push(format!("--user-data-dir={}", profile.display()));
    args.push(format!("--print-to-pdf={}", pdf.display()));
    args.push(page_url.to_string());
    args
}

fn running_as_root() -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
    }
    #[cfg(not(unix))]
    {
        false
    }
}

/// `file://` URL of an absolute path, percent-encoding what a URL cannot hold.
fn file_url(path: &Path) -> String {
    let mut url = String::from("file://");
    for byte in path.to_string_lossy().bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                url.push(byte as char)
            }
            other => url.push_str(&format!("%{other:02X}")),
        }
    }
    url
}

/// Prints one page from disk to `pdf` with the browser, within `timeout`.
fn print_page(
    browser: &Path,
    page: &Path,
    pdf: &Path,
    tmp: &Path,
    timeout: Duration,
) -> Result<()> {
    let page = std::path::absolute(page).unwrap_or_else(|_| page.to_path_buf());
    let shown = page
        .strip_prefix(tmp.join("site"))
        .map_or_else(|_| page.display().to_string(), |p| p.display().to_string());
    let profile = tmp.join(format!("profile-{}", pdf_stem(pdf)));
    let log_path = tmp.join(format!("browser-{}.log", pdf_stem(pdf)));
    let log = std::fs::File::create(&log_path).map_err(|source| PdfError::Io {
        what: "cannot create",
        path: log_path.clone(),
        source,
    })?;
    let log_err = log.try_clone().map_err(|source| PdfError::Io {
        what: "cannot create",
        path: log_path.clone(),
        source,
    })?;
    let mut command = Command::new(browser);
    command
        .args(browser_args(&file_url(&page), pdf, &profile))
        .stdin(Stdio::null())
        .stdout(log)
        .stderr(log_err);
    #[cfg(unix)]
    {
        // Its own process group, so a hung browser is killed with its helpers.
        use std::os::unix::process::CommandExt;
        command.process_group(0);
    }
    let mut child = command.spawn().map_err(|source| PdfError::Spawn {
        browser: browser.to_path_buf(),
        source,
    })?;
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() < timeout => {
                std::thread::sleep(Duration::from_millis(50))
            }
            _ => {
                kill_group(&mut child);
                return Err(PdfError::Timeout {
                    browser: browser.to_path_buf(),
                    page: shown,
                    seconds: timeout.as_secs(),
                });
            }
        }
    };
    let printed = std::fs::read(pdf)
        .map(|bytes| bytes.starts_with(b"%PDF"))
        .unwrap_or(false);
    if status.success() && printed {
        return Ok(());
    }
    let said = std::fs::read_to_string(&log_path).unwrap_or_default();
    Err(PdfError::BrowserFailed {
        browser: browser.to_path_buf(),
        page: shown,
        status: if status.success() {
            "it wrote no PDF".to_string()
        } else {
            format!("it exited with {status}")
        },
        said: last_lines(&said, 8),
    })
}

fn pdf_stem(pdf: &Path) -> String {
    pdf.file_stem()
        .map_or_else(|| "page".to_string(), |s| s.to_string_lossy().to_string())
}

/// The last `n` lines the browser printed that are not D-Bus noise.
fn last_lines(log: &str, n: usize) -> String {
    let lines: Vec<&str> = log
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.contains("dbus") && !l.contains("DBus"))
        .collect();
    let start = lines.len().saturating_sub(n);
    if lines.is_empty() {
        "    (nothing)".to_string()
    } else {
        lines[start..]
            .iter()
            .map(|l| format!("    {l}"))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

fn kill_group(child: &mut std::process::Child) {
    #[cfg(unix)]
    {
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", child.id())])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }
    let _ = child.kill();
    let _ = child.wait();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_urls_escape_spaces_and_unicode() {
        assert_eq!(
            file_url(Path::new("/tmp/a b/é.html")),
            "file:///tmp/a%20b/%C3%A9.html"
        );
    }

    #[test]
    fn a_missing_explicit_browser_is_named_in_the_error() {
        let err = find_chrome(Some(Path::new("/no/such/chromium")))
            .unwrap_err()
            .to_string();
        assert!(err.contains("/no/such/chromium"), "{err}");
        assert!(err.contains("--chrome"), "{err}");
    }

    #[test]
    fn browser_noise_is_left_out_of_errors() {
        let log = "a\n[1:2:ERROR:dbus/bus.cc] Failed to connect\nb\n\nc\n";
        assert_eq!(last_lines(log, 2), "    b\n    c");
        assert_eq!(last_lines("", 2), "    (nothing)");
    }

    #[test]
    fn print_flags_keep_the_browser_offline_and_headerless() {
        let args = browser_args(
            "file:///x/print.html",
            Path::new("/t/o.pdf"),
            Path::new("/t/p"),
        );
        for flag in [
            "--headless",
            "--disable-background-networking",
            "--no-pdf-header-footer",
            "--user-data-dir=/t/p",
            "--print-to-pdf=/t/o.pdf",
        ] {
            assert!(args.iter().any(|a| a == flag), "{flag} missing: {args:?}");
        }
        assert_eq!(args.last().unwrap(), "file:///x/print.html");
    }
}

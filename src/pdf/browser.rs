//! Running the browser: finding Chromium or Chrome, the flags of a
//! headless print, and a print bounded by a timeout that kills the
//! browser's whole process group.

use super::{CHROME_ENV, CHROME_NAMES, PdfError, Result};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

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

/// The command-line flags for a headless print: no first-run, sync,
/// component updates or background networking (nothing leaves the machine),
/// a fresh profile, and no browser-made header or footer (the theme's
/// `@page` rules number the pages).
pub(super) fn browser_args(page_url: &str, pdf: &Path, profile: &Path) -> Vec<String> {
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

/// Prints one page from disk to `pdf` with the browser, within `timeout`;
/// errors name the page as `shown` (its path in the site).
pub(super) fn print_page(
    browser: &Path,
    (page, shown): (&Path, &str),
    pdf: &Path,
    tmp: &Path,
    timeout: Duration,
) -> Result<()> {
    let page = std::path::absolute(page).unwrap_or_else(|_| page.to_path_buf());
    let shown = shown.to_string();
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

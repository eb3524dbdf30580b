//! `briefing pdf`: prints the briefing book (or each briefing) to PDF with a
//! locally installed Chromium or Chrome.
//!
//! The site is built with the normal pipeline into a temporary folder (the
//! site's own `dist/` is never touched). The built pages are rewritten into
//! a print edition beside them ([`edition`]: paper, cover date, contents
//! rows, links), printed with the browser's command line (`--headless
//! --print-to-pdf`, `browser`), and the PDF is finished with `lopdf`
//! ([`document`]). The book takes two prints: the first, with every
//! contents slot holding `000`, says on which page each briefing and
//! question landed (Chromium writes a named destination for each link
//! target, and for the mark closing each briefing); the second prints
//! those numbers, with the briefings that ended high on an almost empty
//! last page set a little tighter, and is checked to have landed
//! everything on the same pages (another print is made if not, up to
//! [`MAX_PASSES`] in all). Then the outline, running heads, folios and
//! document information are added.
//! Each browser run is bounded by a timeout: a hung browser is killed
//! (with its child processes) and reported. A PDF is written beside its
//! target under a temporary name and renamed into place only when
//! complete.

mod browser;
pub mod document;
pub mod edition;
pub mod paper;

use crate::config::Config;
pub use crate::config::{Paper, UnknownPaper};
pub use browser::find_chrome;
use document::{Info, Margin, Mark, Printed};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The oldest Chromium milestone `briefing pdf` is known to work with:
/// the "new" headless mode (`--no-pdf-header-footer`, CSS page sizes and a
/// named destination for every link target in the PDF).
pub const MIN_CHROMIUM: u32 = 120;

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

    #[error(
        "{browser} is Chromium {found}; `briefing pdf` needs Chromium or Chrome {MIN_CHROMIUM} or newer\n  \
         install a newer one (Debian/Ubuntu: `sudo apt-get install chromium`), or point --chrome or \
         {CHROME_ENV} at one"
    )]
    TooOld { browser: PathBuf, found: u32 },

    #[error(
        "{browser} printed {page} without the page targets `briefing pdf` needs to number the contents \
         (named destinations)\n  use Chromium or Chrome {MIN_CHROMIUM} or newer: pass --chrome PATH or set {CHROME_ENV}=PATH"
    )]
    NoDestinations { browser: PathBuf, page: String },

    #[error(
        "the contents of {page} did not settle: filling in the page numbers moved the briefings again after {passes} prints\n  \
         please report this with the site that shows it"
    )]
    Unsettled { page: String, passes: usize },

    #[error("{browser} wrote a PDF that cannot be read back ({page}): {source}")]
    BadPdf {
        browser: PathBuf,
        page: String,
        #[source]
        source: lopdf::Error,
    },

    #[error("{page} would hold a link to a local file ({uri}); not written")]
    FileLink { page: String, uri: String },

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
    /// The paper from `--paper`; else `paper` in `briefing.toml`.
    pub paper: Option<Paper>,
    /// The book cover's date of issue from `--date`; else the newest
    /// briefing's (not used by `--each`).
    pub date: Option<chrono::NaiveDate>,
}

impl Default for PdfOptions {
    fn default() -> Self {
        PdfOptions {
            chrome: None,
            timeout: Duration::from_secs(60),
            paper: None,
            date: None,
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
    /// Pages printed, over all files.
    pub pages: u32,
    /// The paper they were printed on.
    pub paper: Paper,
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
    let run = Run::start(config, options)?;
    let issued = options.date.or_else(|| run.newest());
    let job = run.job(options);
    // Every volume is printed before any is put in place.
    let mut printed = Vec::new();
    for volume in 0.. {
        let page = run.site.join(crate::render::paths::volume_path(volume));
        if volume > 0 && !page.is_file() {
            break;
        }
        let bytes = job.book_volume(config, &page, volume, issued)?;
        let target = if volume == 0 {
            out_file.to_path_buf()
        } else {
            let stem = out_file
                .file_stem()
                .map(|s| s.to_string_lossy().to_string())
                .unwrap_or_else(|| "briefing-book".to_string());
            out_file.with_file_name(format!("{stem}-{}.pdf", volume + 1))
        };
        printed.push((target, bytes));
    }
    run.finish(printed)
}

/// Builds the site of `config` into a temporary folder and prints each
/// briefing's page to `out_dir/<slug>.pdf`.
pub fn print_each(config: &Config, out_dir: &Path, options: &PdfOptions) -> Result<PdfReport> {
    let run = Run::start(config, options)?;
    let newest = run.newest();
    let job = run.job(options);
    let mut printed = Vec::with_capacity(run.listed.len());
    for briefing in &run.listed {
        let bytes = job.one_briefing(config, &run.site, briefing, newest)?;
        printed.push((out_dir.join(format!("{}.pdf", briefing.slug)), bytes));
    }
    run.finish(printed)
}

/// One `briefing pdf` run: the browser, the site built in a temporary
/// folder and its listing.
struct Run {
    browser: PathBuf,
    tmp: TempDir,
    site: PathBuf,
    listed: Vec<Listed>,
    paper: Paper,
}

impl Run {
    fn start(config: &Config, options: &PdfOptions) -> Result<Run> {
        let browser = find_chrome(options.chrome.as_deref())?;
        let tmp = TempDir::new()?;
        let site = build_site(config, &tmp.0)?;
        let listed = read_listing(&site)?;
        if listed.is_empty() {
            return Err(PdfError::Empty);
        }
        Ok(Run {
            browser,
            tmp,
            site,
            listed,
            paper: options.paper.unwrap_or(config.paper),
        })
    }

    fn newest(&self) -> Option<chrono::NaiveDate> {
        self.listed.iter().filter_map(|b| b.date).max()
    }

    fn job(&self, options: &PdfOptions) -> Job<'_> {
        Job {
            browser: &self.browser,
            tmp: &self.tmp.0,
            timeout: options.timeout,
            paper: self.paper,
        }
    }

    /// Puts every printed file in place (only once all are printed) and
    /// counts their pages.
    fn finish(&self, printed: Vec<(PathBuf, Vec<u8>)>) -> Result<PdfReport> {
        let mut files = Vec::with_capacity(printed.len());
        let mut pages = 0;
        for (target, bytes) in printed {
            pages += Printed::load(&bytes).map_or(0, |p| p.page_count());
            put_in_place(&bytes, &target)?;
            files.push(target);
        }
        Ok(PdfReport {
            browser: self.browser.clone(),
            files,
            pages,
            paper: self.paper,
        })
    }
}

/// One briefing as `briefings.json` lists it.
#[derive(Debug, Clone, serde::Deserialize)]
struct Listed {
    slug: String,
    title: String,
    date: Option<chrono::NaiveDate>,
    url: String,
}

/// The built site's `briefings.json`: every briefing in site order.
fn read_listing(site: &Path) -> Result<Vec<Listed>> {
    let path = site.join("briefings.json");
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => {
            return Err(PdfError::Io {
                what: "cannot read",
                path,
                source,
            });
        }
    };
    serde_json::from_str(&text).map_err(|e| PdfError::Io {
        what: "cannot read",
        path,
        source: std::io::Error::new(std::io::ErrorKind::InvalidData, e),
    })
}

/// The most prints made of one volume: one to measure, one with thin
/// tails set tighter, one with those still thin set looser, and the rest
/// to settle the contents' page numbers.
pub const MAX_PASSES: usize = 6;

/// One step of fitting thin tails, given the briefings the last print
/// left `thin`: first set them tighter; then set those still thin looser
/// instead. Returns whether `print` changed (and so another print is
/// needed); a tail still thin after both stays as it is.
fn fit_tails(print: &mut edition::BookPrint, thin: &BTreeSet<String>) -> bool {
    if print.tight.is_empty() && print.loose.is_empty() {
        print.tight = thin.clone();
        return !thin.is_empty();
    }
    if !print.loose.is_empty() {
        return false;
    }
    let still: BTreeSet<String> = print.tight.intersection(thin).cloned().collect();
    if still.is_empty() {
        return false;
    }
    print.tight.retain(|id| !still.contains(id));
    print.loose = still;
    true
}

/// A briefing's last page filled to less than this share of its text
/// area is a thin tail, worth setting the briefing tighter for.
const THIN_TAIL: f32 = 0.25;

/// The briefings of `plan` that run over more than one page and end in
/// the top [`THIN_TAIL`] of their last page (from their end marks).
fn thin_tails(
    plan: &edition::BookPlan,
    landed: &BTreeMap<String, document::Spot>,
    paper: Paper,
) -> BTreeSet<String> {
    let (_, height) = paper.points();
    let m = paper.margins();
    let text_area = height - m.top - m.bottom;
    plan.briefings
        .iter()
        .filter(|b| {
            let (Some(start), Some(end)) =
                (landed.get(&b.id), landed.get(&edition::end_mark(&b.id)))
            else {
                return false;
            };
            let used = end.top.map(|top| height - m.top - top);
            end.page > start.page && used.is_some_and(|u| u < THIN_TAIL * text_area)
        })
        .map(|b| b.id.clone())
        .collect()
}

/// What every print of one run shares.
struct Job<'a> {
    browser: &'a Path,
    tmp: &'a Path,
    timeout: Duration,
    paper: Paper,
}

impl Job<'_> {
    /// Prints `html` (written to `edition`, beside the built page so its
    /// relative links hold) and reads the PDF back.
    fn print(&self, edition: &Path, html: &str, shown: &str) -> Result<Printed> {
        write_file(edition, html.as_bytes())?;
        let pdf = self.tmp.join("printing.pdf");
        let _ = std::fs::remove_file(&pdf);
        browser::print_page(self.browser, (edition, shown), &pdf, self.tmp, self.timeout)?;
        let bytes = std::fs::read(&pdf).map_err(|source| PdfError::Io {
            what: "cannot read",
            path: pdf.clone(),
            source,
        })?;
        let printed = Printed::load(&bytes).map_err(|source| PdfError::BadPdf {
            browser: self.browser.to_path_buf(),
            page: shown.to_string(),
            source,
        })?;
        if let Some(found) = printed.chromium_version().filter(|&v| v < MIN_CHROMIUM) {
            return Err(PdfError::TooOld {
                browser: self.browser.to_path_buf(),
                found,
            });
        }
        Ok(printed)
    }

    /// One volume of the book: printed until its contents' numbers
    /// settle, then finished.
    fn book_volume(
        &self,
        config: &Config,
        page: &Path,
        volume: usize,
        issued: Option<chrono::NaiveDate>,
    ) -> Result<Vec<u8>> {
        let shown = crate::render::paths::volume_path(volume);
        let html = std::fs::read_to_string(page).map_err(|source| PdfError::Io {
            what: "cannot read",
            path: page.to_path_buf(),
            source,
        })?;
        let plan = edition::read_book(&html);
        let edition_path = page.with_file_name(format!(".print-edition-{volume}.html"));
        let mut print = edition::BookPrint {
            paper: self.paper,
            issued,
            page: shown.clone(),
            base_url: config.base_url.clone(),
            ..edition::BookPrint::default()
        };
        let mut passes = 0;
        let mut fitted = false;
        let mut printed = loop {
            let printed = self.print(&edition_path, &edition::book_html(&html, &print), &shown)?;
            passes += 1;
            let landed = printed.dest_spots();
            let found: BTreeMap<String, u32> = plan
                .contents
                .iter()
                .filter_map(|e| landed.get(&e.id).map(|s| (e.id.clone(), s.page)))
                .collect();
            if found.is_empty() && !plan.contents.is_empty() {
                return Err(PdfError::NoDestinations {
                    browser: self.browser.to_path_buf(),
                    page: shown,
                });
            }
            // The first prints fit the briefings' last pages (see
            // `fit_tails`), each followed by another print.
            if !fitted {
                if fit_tails(&mut print, &thin_tails(&plan, &landed, self.paper)) {
                    print.numbers = found;
                    continue;
                }
                fitted = true;
            }
            if found == print.numbers || plan.contents.is_empty() {
                break printed;
            }
            if passes == MAX_PASSES {
                return Err(PdfError::Unsettled {
                    page: shown,
                    passes,
                });
            }
            print.numbers = found;
        };
        let numbers = &print.numbers;
        let starts: Vec<(u32, &str)> = plan
            .briefings
            .iter()
            .filter_map(|b| numbers.get(&b.id).map(|&p| (p, b.title.as_str())))
            .collect();
        let margins = book_margins(printed.page_count(), &starts, &config.title);
        let marks: Vec<Mark> = plan
            .contents
            .iter()
            .map(|e| Mark {
                title: e.text.clone(),
                depth: e.depth,
                dest: e.id.clone(),
            })
            .collect();
        printed.set_outline(&marks);
        printed
            .stamp(self.paper, &margins)
            .map_err(|source| self.bad(&shown, source))?;
        let count = plan.briefings.len();
        printed.set_info(&Info {
            title: edition::page_title(&html)
                .unwrap_or_else(|| format!("{} · Print edition", config.title)),
            author: config.title.clone(),
            subject: config.description.clone().unwrap_or_else(|| {
                format!(
                    "Briefing book: {count} briefing{}",
                    if count == 1 { "" } else { "s" }
                )
            }),
            date: issued,
        });
        self.finish(printed, &shown)
    }

    /// One briefing's own PDF (`--each`).
    fn one_briefing(
        &self,
        config: &Config,
        site: &Path,
        briefing: &Listed,
        newest: Option<chrono::NaiveDate>,
    ) -> Result<Vec<u8>> {
        let page = site.join(&briefing.url);
        let html = std::fs::read_to_string(&page).map_err(|source| PdfError::Io {
            what: "cannot read",
            path: page.clone(),
            source,
        })?;
        let edition_path = page.with_file_name(".print-edition.html");
        let rewritten =
            edition::each_html(&html, self.paper, &briefing.url, config.base_url.as_deref());
        let mut printed = self.print(&edition_path, &rewritten, &briefing.url)?;
        let marks: Vec<Mark> = edition::read_sections(&html)
            .into_iter()
            .map(|e| Mark {
                title: e.text,
                depth: e.depth,
                dest: e.id,
            })
            .collect();
        printed.set_outline(&marks);
        let margins = (1..=printed.page_count())
            .map(|n| {
                let head = (n > 1).then(|| briefing.title.clone());
                (
                    n,
                    Margin {
                        head,
                        folio: Some((n, config.title.clone())),
                    },
                )
            })
            .collect();
        printed
            .stamp(self.paper, &margins)
            .map_err(|source| self.bad(&briefing.url, source))?;
        // The subject names the briefing's own date; an undated one takes
        // the newest briefing's as its creation date, as the book does.
        let subject = match briefing.date {
            Some(d) => format!("{} · {}", config.title, crate::text::display_date(d)),
            None => config.title.clone(),
        };
        printed.set_info(&Info {
            title: edition::page_title(&html).unwrap_or_else(|| briefing.title.clone()),
            author: config.title.clone(),
            subject,
            date: briefing.date.or(newest),
        });
        self.finish(printed, &briefing.url)
    }

    fn bad(&self, page: &str, source: lopdf::Error) -> PdfError {
        PdfError::BadPdf {
            browser: self.browser.to_path_buf(),
            page: page.to_string(),
            source,
        }
    }

    /// The finished bytes, refused if any link points at a local file.
    fn finish(&self, mut printed: Printed, shown: &str) -> Result<Vec<u8>> {
        if let Some(uri) = printed
            .link_uris()
            .into_iter()
            .find(|u| u.to_ascii_lowercase().starts_with("file:"))
        {
            return Err(PdfError::FileLink {
                page: shown.to_string(),
                uri,
            });
        }
        printed.to_bytes().map_err(|source| self.bad(shown, source))
    }
}

/// The margins of each page of a book of `pages` pages whose briefings
/// start on the pages of `starts` (in order): nothing on the cover; on
/// every other page the folio with the site title; and on every page of a
/// briefing after its first, its title as the running head.
fn book_margins(pages: u32, starts: &[(u32, &str)], site: &str) -> BTreeMap<u32, Margin> {
    (2..=pages)
        .map(|n| {
            let head = starts
                .iter()
                .rev()
                .find(|(start, _)| *start <= n)
                .filter(|(start, _)| *start < n)
                .map(|(_, title)| title.to_string());
            (
                n,
                Margin {
                    head,
                    folio: Some((n, site.to_string())),
                },
            )
        })
        .collect()
}

/// Runs the pipeline into `tmp/site`, leaving the configured output alone.
fn build_site(config: &Config, tmp: &Path) -> Result<PathBuf> {
    let mut config = config.clone();
    config.out_dir = tmp.join("site");
    config.print = true;
    // A temporary output: the kept output in the site's cache is left for
    // the site's own builds.
    config.keep_replaced = false;
    crate::pipeline::build(&config)?;
    Ok(config.out_dir)
}

/// Writes `bytes` to `target` under a temporary name beside it, then
/// renames it into place: a reader never sees half a PDF.
fn put_in_place(bytes: &[u8], target: &Path) -> Result<()> {
    if let Some(parent) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|source| PdfError::Io {
            what: "cannot create the folder",
            path: parent.to_path_buf(),
            source,
        })?;
    }
    let name = target
        .file_name()
        .map_or_else(|| "book.pdf".into(), |n| n.to_string_lossy().to_string());
    let part = target.with_file_name(format!(".{name}.{}.part", std::process::id()));
    write_file(&part, bytes)?;
    std::fs::rename(&part, target).map_err(|source| {
        let _ = std::fs::remove_file(&part);
        PdfError::Io {
            what: "cannot write",
            path: target.to_path_buf(),
            source,
        }
    })
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    std::fs::write(path, bytes).map_err(|source| PdfError::Io {
        what: "cannot write",
        path: path.to_path_buf(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use document::Spot;

    #[test]
    fn fit_tails_tightens_then_loosens_what_stays_thin_then_stops() {
        let set =
            |ids: &[&str]| -> BTreeSet<String> { ids.iter().map(|s| s.to_string()).collect() };
        let mut print = edition::BookPrint::default();
        assert!(
            !fit_tails(&mut print, &set(&[])),
            "nothing thin: no reprint"
        );
        assert!(fit_tails(&mut print, &set(&["a", "b"])));
        assert_eq!(print.tight, set(&["a", "b"]));
        assert!(fit_tails(&mut print, &set(&["b"])));
        assert_eq!(
            (print.tight.clone(), print.loose.clone()),
            (set(&["a"]), set(&["b"]))
        );
        assert!(!fit_tails(&mut print, &set(&["b"])), "loosened once: done");
        let mut fitted = edition::BookPrint {
            tight: set(&["a"]),
            ..edition::BookPrint::default()
        };
        assert!(!fit_tails(&mut fitted, &set(&[])), "tightening worked");
    }

    #[test]
    fn thin_tails_are_briefings_ending_high_on_a_later_page() {
        let part = |id: &str| edition::Part {
            id: id.to_string(),
            title: id.to_string(),
        };
        let plan = edition::BookPlan {
            briefings: vec![part("thin"), part("full"), part("short")],
            contents: Vec::new(),
        };
        let spot = |page, top| Spot {
            page,
            top: Some(top),
        };
        // A4: the text area runs from 780 pt down to 62 pt.
        let landed: BTreeMap<String, Spot> = [
            ("thin", spot(3, 842.0)),
            ("thin---end", spot(4, 700.0)),
            ("full", spot(5, 842.0)),
            ("full---end", spot(6, 300.0)),
            ("short", spot(7, 842.0)),
            ("short---end", spot(7, 700.0)),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
        let thin = thin_tails(&plan, &landed, Paper::A4);
        assert_eq!(thin.into_iter().collect::<Vec<_>>(), ["thin"]);
    }

    #[test]
    fn book_margins_leave_the_cover_bare_and_head_later_pages() {
        let margins = book_margins(6, &[(3, "Ferry"), (5, "Dock")], "Desk");
        assert!(!margins.contains_key(&1));
        let head = |n: u32| margins[&n].head.as_deref();
        assert_eq!(
            [head(2), head(3), head(4), head(5), head(6)],
            [None, None, Some("Ferry"), None, Some("Dock")]
        );
        assert_eq!(margins[&2].folio, Some((2, "Desk".to_string())));
    }
}

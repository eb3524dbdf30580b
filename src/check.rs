//! `briefing check`: everything a build checks, and more, writing nothing.
//!
//! Problems become [`Finding`]s (`file:line: severity: message`) instead of
//! stopping at the first: broken sources, duplicate slugs, missing dates,
//! briefings without headings, suspicious lines in raw sources, registry
//! entries that match nothing, template errors, and broken internal links
//! and anchors in the pages as rendered in memory. A broken link is traced
//! back to the source that holds it (the line of the link in the Markdown),
//! else to the template that rendered the page.

pub mod scan;

use crate::config::{CONFIG_FILE, Config};
use crate::error::Error;
use crate::index::Site;
use crate::load::Loaded;
use crate::model::{Briefing, Registry, Source, SourceFormat};
use crate::parse::raw::SuspicionKind;
use crate::pipeline::cache::{CacheShards, ExtractCache, parse_and_extract_cached};
use crate::pipeline::{self, Memo, ThemeFrom};
use crate::render::{PageSink, Plan, Renderer, Theme};
use crate::text::line_column;
use crate::write::Staging;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Component, Path, PathBuf};

/// Unclosed quotation marks reported one by one in a briefing; the rest are counted.
const MAX_UNCLOSED_REPORTED: usize = 10;

/// How bad a finding is: errors fail a build; warnings do not (unless
/// `--deny-warnings`); notes never do (something an editor may want to
/// improve, such as a guessed short answer).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    /// For the editor's trust, never a problem: what was dropped from a
    /// page, email, Word file or PDF (`page.html: 14 line(s) dropped
    /// (navigation 6, ...)`), a guessed short answer.
    Note,
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        })
    }
}

/// One problem, at a file (relative to the site folder when inside it) and
/// a 1-based line (1 when no line applies: never 0, which editors cannot
/// jump to).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Finding {
    pub file: String,
    pub line: usize,
    pub severity: Severity,
    pub message: String,
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}: {}: {}",
            self.file, self.line, self.severity, self.message
        )
    }
}

/// What a check found, and how much it looked at.
#[derive(Debug, Default)]
pub struct CheckReport {
    /// Sorted by file, line, severity; no duplicates.
    pub findings: Vec<Finding>,
    pub briefings: usize,
    /// Rendered files (pages and the rest) whose links were checked.
    pub pages: usize,
    pub links: usize,
}

impl CheckReport {
    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }

    /// Whether the check passes: no errors, and no warnings either when
    /// `deny_warnings`.
    pub fn passes(&self, deny_warnings: bool) -> bool {
        self.errors() == 0 && (!deny_warnings || self.warnings() == 0)
    }
}

/// Checks the site in `site_dir`. Never writes anything and never fails:
/// every problem is a finding.
pub fn check(site_dir: &Path) -> CheckReport {
    let mut checker = Checker::new(site_dir);
    let mut report = CheckReport::default();
    checker.run(&mut report);
    report.findings = checker.into_findings();
    report
}

struct Checker {
    site_dir: PathBuf,
    findings: Vec<Finding>,
}

impl Checker {
    fn new(site_dir: &Path) -> Checker {
        Checker {
            site_dir: site_dir.to_path_buf(),
            findings: Vec::new(),
        }
    }

    /// The findings, sorted, without duplicates.
    fn into_findings(self) -> Vec<Finding> {
        let mut findings = self.findings;
        findings.sort();
        findings.dedup();
        findings
    }

    fn add(&mut self, file: impl AsRef<Path>, line: usize, severity: Severity, message: String) {
        let file = self.shown(file.as_ref());
        let line = line.max(1);
        let message = message
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join("; ");
        self.findings.push(Finding {
            file,
            line,
            severity,
            message,
        });
    }

    fn shown(&self, path: &Path) -> String {
        path.strip_prefix(&self.site_dir)
            .unwrap_or(path)
            .display()
            .to_string()
    }

    /// Turns a library error into findings, with the file and line it names.
    fn error(&mut self, error: Error) {
        let text = error.to_string();
        match error {
            Error::Many(errors) => {
                for e in errors {
                    self.error(e);
                }
            }
            Error::FrontMatter {
                path, line, column, ..
            }
            | Error::Sidecar {
                path, line, column, ..
            }
            | Error::Config {
                path, line, column, ..
            } => {
                let prefix = format!("{}:{line}:{column}: ", path.display());
                let message = text.strip_prefix(&prefix).unwrap_or(&text);
                self.add(
                    &path,
                    line,
                    Severity::Error,
                    format!("(column {column}) {message}"),
                );
            }
            Error::Encoding { path, .. }
            | Error::Unreadable { path, .. }
            | Error::LongName { path, .. }
            | Error::BadSlug { path, .. } => {
                let prefix = format!("{}: ", path.display());
                let message = text.strip_prefix(&prefix).unwrap_or(&text).to_string();
                self.add(&path, 1, Severity::Error, message);
            }
            Error::Read { path, source } => {
                self.add(
                    &path,
                    0,
                    Severity::Error,
                    format!("cannot read it: {source}"),
                );
            }
            Error::DuplicateSlug { second, .. } => {
                self.add(&second, 1, Severity::Error, text);
            }
            Error::Template { template, message } => {
                let line = tera_line(&message).unwrap_or(1);
                self.add(
                    &template,
                    line,
                    Severity::Error,
                    format!("template error: {message}"),
                );
            }
            Error::Write { path, source } => {
                self.add(&path, 0, Severity::Error, format!("cannot write: {source}"));
            }
            Error::Output(_) | Error::Refused(_) => {
                self.add(CONFIG_FILE, 0, Severity::Error, text);
            }
        }
    }

    fn run(&mut self, report: &mut CheckReport) {
        let config = match Config::load(&self.site_dir, None) {
            Ok(config) => config,
            Err(e) => return self.error(e),
        };
        if let Err(e) = crate::write::check_output_dir(&config) {
            self.error(e);
        }
        let mut collecting = Collecting {
            checker: self,
            report,
            config: &config,
            sources: Vec::new(),
        };
        let timings = pipeline::Timings::default();
        if let Err(e) = pipeline::run(&config, ThemeFrom::Config, &mut collecting, timings) {
            self.error(e);
        }
    }

    /// Findings about the indexed site: registry entries that match
    /// nothing, doubtful entities, briefings with too many tags.
    fn site(&mut self, site: &Site, texts: &HashMap<&Path, &str>, config: &Config) {
        let shown = pipeline::registry_shown(config).to_path_buf();
        // Only a regular file is read again (a FIFO would block).
        let registry_text = std::fs::metadata(&config.entities_file)
            .is_ok_and(|m| m.is_file())
            .then(|| std::fs::read_to_string(&config.entities_file).ok())
            .flatten()
            .unwrap_or_default();
        for name in &site.unmatched_registry {
            let line = line_of(&registry_text, &format!("\"{name}\"")).unwrap_or(1);
            self.add(
                &shown,
                line,
                Severity::Warning,
                format!(
                    "the registry names `{name}`, but no briefing mentions it; check its spelling or aliases"
                ),
            );
        }
        for d in &site.doubtful {
            let kind = match d.kind {
                crate::model::EntityKind::Person => "a person",
                crate::model::EntityKind::Organization => "an organisation",
                crate::model::EntityKind::Place => "a place",
            };
            for &b in &d.briefings {
                let source = &site.briefings[b].source;
                let text = texts.get(source.as_path()).copied().unwrap_or("");
                let line = crate::text::word_occurrences(text, &d.name)
                    .next()
                    .map_or(1, |at| text[..at].matches('\n').count() + 1);
                self.add(
                    source,
                    line,
                    Severity::Warning,
                    format!(
                        "`{}` may be {kind}, but only weakly ({}; confidence {:.2}): it gets no page and no \"Who's who\" line. Confirm it with an [[entity]] in {}, or list it under `ignore` there",
                        d.name,
                        d.evidence.join(", "),
                        d.confidence,
                        shown.display()
                    ),
                );
            }
        }
        for warning in crate::render::tags::tag_warnings(site) {
            self.add(&warning.path, 1, Severity::Warning, warning.message);
        }
    }

    /// Findings about one source as it was parsed (`doc`, when it parsed)
    /// and extracted (`briefing`, when it was).
    fn source(&mut self, source: &Source, doc: Option<&crate::model::Document>) {
        if let Some(doc) = doc {
            self.guessed_title(doc);
        }
        if source.format.takes_sidecar() {
            self.raw_lines(source);
        }
        if let Some(report) = source.converted.as_ref().and_then(|c| c.report()) {
            self.add(&source.path, 0, Severity::Note, report);
        }
    }

    /// A warning for a title the text does not give, so an editor can set it.
    fn guessed_title(&mut self, doc: &crate::model::Document) {
        use crate::extract::GuessedTitle;
        let Some(guess) = crate::extract::guessed_title(doc) else {
            return;
        };
        let from = match guess {
            GuessedTitle::FileName => "the file name",
            GuessedTitle::Text => "the first sentence of the text",
        };
        let place = if doc.format.takes_sidecar() {
            format!(
                "its sidecar {} (or put a headline on the first line)",
                doc.source.with_extension("toml").display()
            )
        } else {
            "its front matter".to_string()
        };
        self.add(
            &doc.source,
            1,
            Severity::Warning,
            format!("the title was guessed from {from}; set `title` in {place}"),
        );
    }

    /// Warnings for lines of a raw source the parser may have misread.
    fn raw_lines(&mut self, source: &Source) {
        let lines = source.converted.as_ref().map(|c| c.line_index());
        for s in crate::parse::raw::suspicious_lines(&source.text) {
            let message = match s.kind {
                SuspicionKind::LongQuestion { words, chars } => format!(
                    "this line ends in `?` but was not taken as a question heading: it has {words} words and {chars} characters \
                     (a heading has at most 16 words and 120 characters); shorten it if it is a heading, or ignore this if it is prose"
                ),
                SuspicionKind::QuestionInsideQuote => "this line looks like a question heading but sits inside a quotation \
                     left open by an earlier paragraph, so it is not a heading; close the quotation if it should be one"
                    .to_string(),
                SuspicionKind::AmbiguousDate => "this date line could be read day-first or month-first, so it was not used; \
                     write it as YYYY-MM-DD or with the month's name, or set `date` in the sidecar"
                    .to_string(),
                SuspicionKind::UnreadableDate => "this line reads as a date line but names no real date, so it was not used; \
                     correct it, or set `date` in the sidecar"
                    .to_string(),
                SuspicionKind::EncodedData { lines } => format!(
                    "{lines} line(s) from here look like encoded data (a pasted attachment, base64 or hex) and were left out of the text; \
                     remove them from the source if they are not meant to be there"
                ),
            };
            // A document's lines are counted in paragraphs (see `crate::sources`).
            let line = lines.as_ref().map_or(s.line, |l| l.paragraph(s.line));
            self.add(&source.path, line, Severity::Warning, message);
        }
    }

    /// Reports every briefing whose slug an earlier one already has, and
    /// leaves it out so the rest of the site can still be checked.
    fn duplicate_slugs(
        &mut self,
        mut briefings: Vec<Briefing>,
        sources: &HashMap<PathBuf, &Source>,
    ) -> Vec<Briefing> {
        // Clashing names in subfolders get the folder, as in a build.
        crate::index::names::folder_slugs(&mut briefings);
        let mut first: BTreeMap<String, PathBuf> = BTreeMap::new();
        let mut kept = Vec::with_capacity(briefings.len());
        for b in briefings {
            if let Some(earlier) = first.get(&b.slug) {
                let (file, line) = slug_origin(&b, sources.get(&b.source).copied());
                self.add(
                    &file,
                    line,
                    Severity::Error,
                    format!(
                        "the slug `{}` is also the slug of {}; give one of them its own `slug` in its front matter or sidecar, or rename the file",
                        b.slug,
                        earlier.display()
                    ),
                );
                continue;
            }
            first.insert(b.slug.clone(), b.source.clone());
            kept.push(b);
        }
        kept
    }

    /// Per-briefing warnings: no date, no headings.
    fn briefing(&mut self, b: &Briefing, source: Option<&Source>) {
        let raw = b.format.takes_sidecar();
        if b.date.is_none() {
            let advice = if raw {
                format!(
                    "add `date = YYYY-MM-DD` to its sidecar {} or start the text with a `date YYYY-MM-DD` line",
                    b.source.with_extension("toml").display()
                )
            } else {
                "add `date = YYYY-MM-DD` to its front matter".to_string()
            };
            self.add(
                &b.source,
                1,
                Severity::Warning,
                format!("no date: it is listed after every dated briefing; {advice}"),
            );
        }
        if b.sections.is_empty() {
            let advice = if raw {
                "put each question on a line of its own, ending in `?`, followed by its answer"
            } else {
                "add `## Question?` headings"
            };
            let empty = source.is_some_and(|s| s.text.trim().is_empty());
            if !empty {
                self.add(
                    &b.source,
                    1,
                    Severity::Warning,
                    format!("no heading found: it is shown as one block of text; {advice}"),
                );
            }
        }
        self.unclosed_quotes(b, source);
    }

    /// A warning at the line of each quotation mark opened and never closed
    /// (the first [`MAX_UNCLOSED_REPORTED`], then how many more).
    fn unclosed_quotes(&mut self, b: &Briefing, source: Option<&Source>) {
        let units = b.text_units();
        let texts: Vec<&str> = units.iter().map(|&(_, t)| t).collect();
        let unclosed = crate::extract::quotes::unclosed_quotes(&texts);
        // Search the source forward, so repeated openings get their own lines.
        let mut from = 0;
        for &(pi, at) in unclosed.iter().take(MAX_UNCLOSED_REPORTED) {
            let text = texts[pi];
            // The mark and its first word: the unit's text may join the
            // source's lines with spaces.
            let first_word: String = text[at..]
                .char_indices()
                .take_while(|&(i, c)| i == 0 || !c.is_whitespace())
                .map(|(_, c)| c)
                .collect();
            let line = source
                .and_then(|s| {
                    let found = s.text.get(from..)?.find(&first_word)? + from;
                    from = found + first_word.len().max(1);
                    Some(line_column(&s.text, found).0)
                })
                .unwrap_or(1);
            let shown: String = text[at..]
                .chars()
                .map(|c| if c.is_whitespace() { ' ' } else { c })
                .take(30)
                .collect();
            self.add(
                &b.source,
                line,
                Severity::Warning,
                format!(
                    "unclosed quotation: `{shown}` opens a quote that never closes, so it is not shown as a quote; close it, or remove the mark"
                ),
            );
        }
        if unclosed.len() > MAX_UNCLOSED_REPORTED {
            self.add(
                &b.source,
                0,
                Severity::Warning,
                format!(
                    "{} more unclosed quotation marks",
                    unclosed.len() - MAX_UNCLOSED_REPORTED
                ),
            );
        }
    }

    /// Traces each broken or doubtful link back to where it came from and
    /// adds its finding: the page's own briefing, any briefing (the book
    /// holds them all), else the template that rendered the page.
    fn trace_links(
        &mut self,
        problems: Vec<LinkFound>,
        briefings: &[Briefing],
        sources: &HashMap<&Path, &str>,
        theme: &Theme,
        config: &Config,
    ) {
        let by_slug: HashMap<&str, &Briefing> =
            briefings.iter().map(|b| (b.slug.as_str(), b)).collect();
        for LinkFound {
            page,
            href,
            problem,
        } in problems
        {
            let own = page
                .strip_prefix("briefings/")
                .and_then(|rest| rest.strip_suffix("/index.html"))
                .and_then(|slug| by_slug.get(slug).copied());
            let traced = own.into_iter().chain(briefings.iter()).find_map(|b| {
                let text = sources.get(b.source.as_path())?;
                line_of_link(text, &href).map(|line| (b, line))
            });
            match traced {
                // The book shows each briefing's own links as written
                // for its page; they are checked on that page.
                Some(_) if page == "print.html" => {}
                Some((b, line)) => {
                    let (severity, message) = problem.describe(&href, None);
                    self.add(&b.source, line, severity, message);
                }
                None => {
                    let name = template_of(&page);
                    let origin = theme.origin(name);
                    let template_path = config.templates_dir.join(name);
                    let line = std::fs::read_to_string(&template_path)
                        .ok()
                        .filter(|_| template_path.is_file() && origin != format!("built-in {name}"))
                        .and_then(|t| line_of(&t, last_segment(&href)))
                        .unwrap_or(1);
                    let file = if origin.starts_with("built-in ") {
                        PathBuf::from(format!("{origin} template"))
                    } else {
                        template_path
                    };
                    let (severity, message) = problem.describe(&href, Some(&page));
                    self.add(&file, line, severity, message);
                }
            }
        }
    }
}

/// What link checking keeps of one rendered file: its path and, for an
/// HTML page, its links (each once) and ids; never its bytes, so checking
/// the links of a site does not hold the site in memory.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct Scanned {
    /// Not in the render cache, which keeps it beside (see `Building::render`).
    #[serde(skip)]
    path: String,
    /// Every `href` and `src`, each once, sorted.
    links: Vec<String>,
    /// How many `href` and `src` the page has, repeats included.
    count: usize,
    /// Every `id` and `<a name>`.
    ids: BTreeSet<String>,
}

impl Scanned {
    /// Reads the links and ids of the file at `path` (HTML pages only).
    pub fn of(path: &str, bytes: &[u8]) -> Scanned {
        let mut scanned = Scanned {
            path: path.to_string(),
            ..Scanned::default()
        };
        if !path.ends_with(".html") {
            return scanned;
        }
        let text = String::from_utf8_lossy(bytes);
        let found = scan::scan(&text).unwrap_or_else(|| parsed(&text));
        scanned.ids = found.ids;
        let mut links = found.links;
        scanned.count = links.len();
        links.sort_unstable();
        links.dedup();
        scanned.links = links;
        scanned
    }
}

/// The links and ids of a page as a full HTML parser reads it (for the
/// pages [`scan::scan`] leaves to one).
pub fn parsed(html: &str) -> scan::Found {
    let doc = scraper::Html::parse_document(html);
    let links = scraper::Selector::parse("[href], [src]")
        .map(|selector| {
            doc.select(&selector)
                .filter_map(|e| e.value().attr("href").or(e.value().attr("src")))
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    scan::Found {
        links,
        ids: ids_of(&doc),
    }
}

/// A sink that scans each file for link checking ([`Scanned`]) on the
/// thread that rendered it, and hands it on to `inner` (the staging folder
/// of a build) when there is one.
pub struct ScanSink<'a> {
    inner: Option<&'a dyn PageSink>,
    scanned: std::sync::Mutex<Vec<Scanned>>,
}

impl<'a> ScanSink<'a> {
    pub fn new(inner: Option<&'a dyn PageSink>) -> ScanSink<'a> {
        ScanSink {
            inner,
            scanned: std::sync::Mutex::new(Vec::new()),
        }
    }

    /// What was scanned, sorted by path.
    pub fn into_scanned(self) -> Vec<Scanned> {
        let mut scanned = self
            .scanned
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        scanned.sort_by(|a, b| a.path.cmp(&b.path));
        scanned
    }
}

impl PageSink for ScanSink<'_> {
    fn put(&self, path: &str, bytes: &[u8]) -> crate::error::Result<()> {
        let scanned = Scanned::of(path, bytes);
        if let Some(inner) = self.inner {
            inner.put(path, bytes)?;
        }
        self.scanned
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(scanned);
        Ok(())
    }
}

/// A link with something wrong, on the page at `page`.
struct LinkFound {
    page: String,
    href: String,
    problem: LinkProblem,
}

/// Checks every `href` and `src` of every scanned HTML page, relative to
/// that page: the links with a problem, and how many links were checked.
fn link_problems(files: &[Scanned]) -> (Vec<LinkFound>, usize) {
    use rayon::prelude::*;
    let targets: HashMap<&str, &BTreeSet<String>> =
        files.iter().map(|f| (f.path.as_str(), &f.ids)).collect();
    // In parallel, page by page; the findings are sorted afterwards.
    let found: Vec<LinkFound> = files
        .par_iter()
        .flat_map_iter(|file| {
            let targets = &targets;
            file.links.iter().filter_map(move |href| {
                link_problem(&file.path, href, targets).map(|problem| LinkFound {
                    page: file.path.clone(),
                    href: href.clone(),
                    problem,
                })
            })
        })
        .collect();
    (found, files.iter().map(|f| f.count).sum())
}

/// What is wrong with a link.
enum LinkProblem {
    /// The target file is not part of the site.
    Missing(String),
    /// The link climbs above the site's root.
    Outside,
    /// The page exists, the `#anchor` does not.
    Anchor(String, String),
    /// A folder link that works on a server but not from disk.
    Folder(String),
    /// `/x`: breaks when the site is served from a sub-path or from disk.
    Absolute,
}

impl LinkProblem {
    fn describe(&self, href: &str, page: Option<&str>) -> (Severity, String) {
        let on = page.map(|p| format!(" (on {p})")).unwrap_or_default();
        match self {
            LinkProblem::Missing(target) => (
                Severity::Error,
                format!(
                    "broken link `{href}`{on}: there is no {target} in the site; fix the link or add the page"
                ),
            ),
            LinkProblem::Outside => (
                Severity::Error,
                format!("broken link `{href}`{on}: it leads out of the site folder"),
            ),
            LinkProblem::Anchor(target, anchor) => (
                Severity::Error,
                format!("broken link `{href}`{on}: {target} has no element with id `{anchor}`"),
            ),
            LinkProblem::Folder(target) => (
                Severity::Warning,
                format!(
                    "link `{href}`{on} points at a folder; write `{target}` so it also works opened from disk"
                ),
            ),
            LinkProblem::Absolute => (
                Severity::Warning,
                format!(
                    "link `{href}`{on} starts with `/`: it breaks when the site is served from a sub-path or opened from disk; make it relative"
                ),
            ),
        }
    }
}

/// Checks one link on the page at `page` (a `/`-separated path from the
/// output root); `None` when it is fine or not internal.
fn link_problem(
    page: &str,
    href: &str,
    pages: &HashMap<&str, &BTreeSet<String>>,
) -> Option<LinkProblem> {
    let href = href.trim();
    if href.is_empty() || href.starts_with("//") || has_scheme(href) {
        return None;
    }
    if href.starts_with('/') {
        return Some(LinkProblem::Absolute);
    }
    let (rest, fragment) = href.split_once('#').unwrap_or((href, ""));
    let path = rest.split('?').next().unwrap_or("");
    let path = percent_encoding::percent_decode_str(path)
        .decode_utf8_lossy()
        .to_string();
    if climbs_out(page, &path) {
        return Some(LinkProblem::Outside);
    }
    let target = if path.is_empty() {
        page.to_string()
    } else {
        let base = page.rsplit_once('/').map_or("", |(dir, _)| dir);
        let mut parts: Vec<&str> = base.split('/').filter(|p| !p.is_empty()).collect();
        for part in path.split('/') {
            match part {
                "" | "." => {}
                ".." => {
                    parts.pop();
                }
                other => parts.push(other),
            }
        }
        let mut joined = parts.join("/");
        if path.ends_with('/') || joined.is_empty() {
            if !joined.is_empty() {
                joined.push('/');
            }
            joined.push_str("index.html");
        }
        joined
    };
    if !pages.contains_key(target.as_str()) {
        let folder_index = format!("{target}/index.html");
        if pages.contains_key(folder_index.as_str()) {
            let written = format!("{}/index.html", path.trim_end_matches('/'));
            return Some(LinkProblem::Folder(written));
        }
        return Some(LinkProblem::Missing(target));
    }
    if fragment.is_empty() || !target.ends_with(".html") {
        return None;
    }
    let anchor = percent_encoding::percent_decode_str(fragment)
        .decode_utf8_lossy()
        .to_string();
    let page_ids = pages.get(target.as_str()).copied()?;
    if page_ids.contains(&anchor) {
        None
    } else {
        Some(LinkProblem::Anchor(target, anchor))
    }
}

/// Whether `path`, followed from the folder of `page`, climbs above the root.
fn climbs_out(page: &str, path: &str) -> bool {
    let mut depth = page.matches('/').count() as isize;
    for part in Path::new(path).components() {
        match part {
            Component::ParentDir => depth -= 1,
            Component::Normal(_) => depth += 1,
            _ => {}
        }
        if depth < 0 {
            return true;
        }
    }
    false
}

/// `https:`, `mailto:`, `data:`... (a scheme before any `/`, `?` or `#`).
fn has_scheme(href: &str) -> bool {
    let end = href.find(['/', '?', '#']).unwrap_or(href.len());
    href[..end].contains(':')
}

fn ids_of(doc: &scraper::Html) -> BTreeSet<String> {
    let Ok(selector) = scraper::Selector::parse("[id], a[name]") else {
        return BTreeSet::new();
    };
    doc.select(&selector)
        .filter_map(|e| e.value().attr("id").or(e.value().attr("name")))
        .map(str::to_string)
        .collect()
}

/// The template that renders the page at `path`.
fn template_of(path: &str) -> &'static str {
    match path {
        "index.html" => "index.html",
        "print.html" => "print.html",
        "questions/index.html" => "questions.html",
        "entities/index.html" => "entities.html",
        "tags/index.html" => "tags.html",
        "search/index.html" => "search.html",
        p if p.starts_with("briefings/") => "briefing.html",
        p if p.starts_with("entities/") => "entity.html",
        p if p.starts_with("tags/") => "tag.html",
        _ => "base.html",
    }
}

fn last_segment(href: &str) -> &str {
    let path = href.split(['#', '?']).next().unwrap_or(href);
    path.trim_end_matches('/')
        .rsplit('/')
        .next()
        .filter(|s| !s.is_empty())
        .unwrap_or(href)
}

/// 1-based line of the first occurrence of `needle` in `text`.
fn line_of(text: &str, needle: &str) -> Option<usize> {
    if needle.is_empty() {
        return None;
    }
    text.find(needle).map(|at| line_column(text, at).0)
}

/// Line of a link target in a source: as a Markdown link `](href`, a
/// reference definition `]: href`, an HTML attribute, or bare.
fn line_of_link(text: &str, href: &str) -> Option<usize> {
    [
        format!("]({href}"),
        format!("]: {href}"),
        format!("\"{href}\""),
        format!("<{href}>"),
    ]
    .iter()
    .find_map(|needle| line_of(text, needle))
    .or_else(|| {
        // The source may write `&` where the page has `&amp;`, or spaces
        // the page percent-encodes; try the decoded form too.
        let decoded = percent_encoding::percent_decode_str(href).decode_utf8_lossy();
        (decoded != href)
            .then(|| line_of(text, &format!("]({decoded}")))
            .flatten()
    })
}

/// Where a briefing's slug comes from: the `slug` key of its front matter
/// or sidecar when it has one, else the file name (line 1).
fn slug_origin(b: &Briefing, source: Option<&Source>) -> (PathBuf, usize) {
    let Some(source) = source else {
        return (b.source.clone(), 1);
    };
    match source.format {
        SourceFormat::Markdown => {
            let line = source
                .text
                .lines()
                .position(|l| {
                    let l = l.trim_start();
                    l.starts_with("slug") && l[4..].trim_start().starts_with(['=', ':'])
                })
                .map_or(1, |i| i + 1);
            (b.source.clone(), line)
        }
        _ => {
            let explicit = source.sidecar.as_ref().and_then(|m| m.slug.as_ref());
            if explicit.is_some() {
                (b.source.with_extension("toml"), 1)
            } else {
                (b.source.clone(), 1)
            }
        }
    }
}

/// The line in a Tera error message (`--> 3:5` or `line 3`), if any.
fn tera_line(message: &str) -> Option<usize> {
    let after = message.split("--> ").nth(1)?;
    after.split(':').next()?.trim().parse().ok()
}

impl Checker {
    /// A note for each question whose short answer ("At a glance") is its
    /// answer's first sentence, guessed, so an editor can write one.
    fn guessed_answers(&mut self, b: &Briefing) {
        let place = if b.format == SourceFormat::Raw {
            format!("its sidecar {}", b.source.with_extension("toml").display())
        } else {
            "its front matter".to_string()
        };
        for s in b.sections.iter().filter(|s| s.answer_guessed) {
            let Some(answer) = &s.short_answer else {
                continue;
            };
            self.add(
                &b.source,
                s.line,
                Severity::Note,
                format!(
                    "the short answer to `{}` is guessed from the first sentence of its answer (\"{answer}\"); \
                     write your own under `[short_answers]` in {place}: `\"{}\" = \"...\"`",
                    s.heading, s.heading
                ),
            );
        }
    }
}

impl CheckReport {
    /// Findings that are notes (never counted as errors or warnings).
    pub fn notes(&self) -> usize {
        self.count(Severity::Note)
    }

    /// The count `build` and `serve` end with, so an author learns what
    /// `check` would say: "2 broken links, 7 warnings: run `briefing
    /// check`", or "no errors or warnings" when there are none.
    pub fn summary(&self) -> String {
        let links = self
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Error && f.message.starts_with("broken link"))
            .count();
        let others = self.errors() - links;
        let warnings = self.warnings();
        let mut parts = Vec::new();
        let mut part = |n: usize, one: &str, many: &str| match n {
            0 => {}
            1 => parts.push(format!("1 {one}")),
            n => parts.push(format!("{n} {many}")),
        };
        part(others, "error", "errors");
        part(links, "broken link", "broken links");
        part(warnings, "warning", "warnings");
        if parts.is_empty() {
            "no errors or warnings".to_string()
        } else {
            format!("{}: run `briefing check`", parts.join(", "))
        }
    }
}

/// Where a message places its problem ("at line 2, column 5", as the
/// encoding warning says): `(line, Some(column))`, else line 1.
pub fn message_location(message: &str) -> (usize, Option<usize>) {
    let number = |text: &str| -> Option<usize> {
        let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
        digits.parse().ok()
    };
    let Some(at) = message.find("at line ") else {
        return (1, None);
    };
    let rest = &message[at + "at line ".len()..];
    let Some(line) = number(rest) else {
        return (1, None);
    };
    let column = rest
        .find(", column ")
        .and_then(|c| number(&rest[c + ", column ".len()..]));
    (line.max(1), column)
}

/// The pipeline in collecting mode: every error a finding, the run going
/// on with what is sound; pages rendered in memory, nothing written.
struct Collecting<'a> {
    checker: &'a mut Checker,
    report: &'a mut CheckReport,
    config: &'a Config,
    /// The sources, kept to trace findings back to their lines.
    sources: Vec<Source>,
}

fn by_path(sources: &[Source]) -> HashMap<&Path, &str> {
    sources
        .iter()
        .map(|s| (s.path.as_path(), s.text.as_str()))
        .collect()
}

impl Checker {
    /// The loader's warnings, each a finding at the line it names.
    fn load_warnings(&mut self, loaded: &Loaded) {
        for warning in &loaded.warnings {
            let (line, _) = message_location(&warning.message);
            self.add(
                &warning.path,
                line,
                Severity::Warning,
                warning.message.clone(),
            );
        }
    }

    /// The index stage, and the findings about the indexed site.
    fn indexed(
        &mut self,
        briefings: Vec<Briefing>,
        settings: &pipeline::Settings,
        registry: &Registry,
        texts: &HashMap<&Path, &str>,
        config: &Config,
    ) -> crate::error::Result<Site> {
        let site = crate::index::index_applied(
            settings.info.clone(),
            briefings,
            registry,
            &settings.index,
        )?;
        self.site(&site, texts, config);
        Ok(site)
    }

    /// Findings of the links in `scanned`, traced to their sources.
    fn links(
        &mut self,
        scanned: &[Scanned],
        site: &Site,
        sources: &HashMap<&Path, &str>,
        theme: &Theme,
        config: &Config,
    ) -> usize {
        let (problems, checked) = link_problems(scanned);
        self.trace_links(problems, &site.briefings, sources, theme, config);
        checked
    }
}

impl Memo for Collecting<'_> {
    fn load(&mut self, config: &Config) -> crate::error::Result<Loaded> {
        let (loaded, errors) = crate::load::load_sources_collecting(
            &config.site_dir,
            &config.source_dirs,
            config.max_source_bytes,
        )?;
        for e in errors {
            self.checker.error(e);
        }
        self.checker.load_warnings(&loaded);
        Ok(loaded)
    }

    /// Every source in parallel, with the findings each one gives; a
    /// briefing whose slug an earlier one has is left out.
    fn extract(
        &mut self,
        loaded: &mut Loaded,
        settings: &pipeline::Settings,
        registry: &Registry,
        timings: &mut pipeline::Timings,
    ) -> crate::error::Result<Vec<Briefing>> {
        self.sources = std::mem::take(&mut loaded.sources);
        let site_dir = self.checker.site_dir.clone();
        let results = pipeline::parse_and_extract_with(
            &self.sources,
            settings.html,
            timings,
            |source, doc, _| {
                let mut checker = Checker::new(&site_dir);
                checker.source(source, doc);
                checker.findings
            },
        );
        let mut briefings = Vec::new();
        for (result, findings) in results {
            self.checker.findings.extend(findings);
            match result {
                Ok(b) => briefings.push(b),
                Err(e) => self.checker.error(e),
            }
        }
        let sources: HashMap<PathBuf, &Source> =
            self.sources.iter().map(|s| (s.path.clone(), s)).collect();
        let mut briefings = self.checker.duplicate_slugs(briefings, &sources);
        for b in &briefings {
            self.checker.briefing(b, sources.get(&b.source).copied());
            self.checker.guessed_answers(b);
        }
        self.report.briefings = briefings.len();
        crate::index::registry::apply(&mut briefings, registry);
        Ok(briefings)
    }

    fn index(
        &mut self,
        briefings: Vec<Briefing>,
        settings: &pipeline::Settings,
        registry: &Registry,
    ) -> crate::error::Result<Site> {
        self.checker.indexed(
            briefings,
            settings,
            registry,
            &by_path(&self.sources),
            self.config,
        )
    }

    /// Renders in memory and checks every link and anchor of the pages.
    fn render(
        &mut self,
        config: &Config,
        site: &Site,
        theme: &Theme,
        plan: &Plan,
        _timings: &mut pipeline::Timings,
    ) -> crate::error::Result<usize> {
        let sink = ScanSink::new(None);
        Renderer {
            site,
            theme,
            plan,
            search_parts: None,
            search_live: None,
        }
        .run_all(&sink)?;
        let scanned = sink.into_scanned();
        self.report.pages = scanned.len();
        self.report.links =
            self.checker
                .links(&scanned, site, &by_path(&self.sources), theme, config);
        Ok(scanned.len())
    }

    fn collect(&mut self, errors: Vec<Error>) -> crate::error::Result<()> {
        for e in errors {
            self.checker.error(e);
        }
        Ok(())
    }

    fn finish(&mut self, _site: Site) {}
}

/// What `briefing build` did, with the count of what `check` would report.
#[derive(Debug)]
pub struct Built {
    pub report: pipeline::BuildReport,
    pub checked: CheckReport,
    /// False when `--deny-warnings` refused the build: nothing was put in
    /// place (the staging folder is removed).
    pub written: bool,
    /// Why the extraction cache could not be written into the site folder,
    /// if it could not (the site was built all the same).
    pub cache_note: Option<String>,
}

/// `briefing build` and what `check` would say of the site, from one run
/// of the pipeline: each source's findings are gathered in the parallel
/// pass that parses and extracts it, the site's after indexing, and the
/// links' from each page as it is rendered and written (scanned on the
/// thread that rendered it). When `deny_warnings` and there is a warning
/// or an error, the staging folder is dropped, not swapped in: the output
/// is as it was. A source error fails the build as it always does (then
/// [`check`] gives every finding). The same findings as [`check`]'s for a
/// site that builds, with the build's own settings (its `--out`, its
/// print book).
pub fn build(
    config: &Config,
    deny_warnings: bool,
    on_stage: impl Fn(&'static str) + Send + Sync + 'static,
) -> crate::error::Result<Built> {
    let mut building = Building {
        config,
        checker: Checker::new(&config.site_dir),
        report: CheckReport::default(),
        deny_warnings,
        texts: HashMap::new(),
        written: false,
        cache: None,
        cached: 0,
        cache_note: None,
        job_cache: None,
        jobs: (0, 0),
    };
    let mut report = pipeline::build_with(config, &mut building, on_stage)?;
    report.cached_sources = building.cached;
    (report.rendered_jobs, report.reused_jobs) = building.jobs;
    let mut checked = building.report;
    checked.findings = building.checker.into_findings();
    Ok(Built {
        report,
        checked,
        written: building.written,
        cache_note: building.cache_note,
    })
}

/// The build's memo: every stage in full, as [`pipeline::NoMemo`], and the
/// findings `check` would give gathered along the way.
struct Building<'a> {
    config: &'a Config,
    checker: Checker,
    report: CheckReport,
    deny_warnings: bool,
    /// The text of each source with a doubtful entity, for the line of its
    /// warning (the other sources are dropped once extracted).
    texts: HashMap<PathBuf, String>,
    written: bool,
    /// The next build's extraction cache (written with the site).
    cache: Option<CacheShards>,
    /// Sources whose briefing came from the cache.
    cached: usize,
    /// Why the next build's cache could not be written, if it could not.
    cache_note: Option<String>,
    /// The next build's render cache (written with the extraction cache).
    job_cache: Option<CacheShards>,
    /// Jobs rendered, and jobs whose files were linked from the last output.
    jobs: (usize, usize),
}

impl Memo for Building<'_> {
    fn load(&mut self, config: &Config) -> crate::error::Result<Loaded> {
        let loaded = crate::load::load_sources(
            &config.site_dir,
            &config.source_dirs,
            config.max_source_bytes,
        )?;
        self.checker.load_warnings(&loaded);
        Ok(loaded)
    }

    fn extract(
        &mut self,
        loaded: &mut Loaded,
        settings: &pipeline::Settings,
        registry: &Registry,
        timings: &mut pipeline::Timings,
    ) -> crate::error::Result<Vec<Briefing>> {
        let sources = std::mem::take(&mut loaded.sources);
        let site_dir = self.checker.site_dir.clone();
        let header = ExtractCache::header(&self.config.site_dir, settings.html, "check findings");
        let cache = timings.time("cache", || {
            ExtractCache::read(&self.config.site_dir, header)
        });
        let extracted = parse_and_extract_cached(
            sources,
            settings.html,
            &cache,
            timings,
            |source, doc, b| {
                let mut checker = Checker::new(&site_dir);
                checker.source(source, doc);
                if let Some(b) = b {
                    checker.briefing(b, Some(source));
                    checker.guessed_answers(b);
                }
                checker.findings
            },
            |source, b| {
                b.entities
                    .iter()
                    .any(crate::model::Entity::is_doubtful)
                    .then(|| (source.path.clone(), source.text.clone()))
            },
        );
        drop(cache);
        self.cache = Some(extracted.shards);
        self.cached = extracted.hits;
        let mut briefings = Vec::with_capacity(extracted.results.len());
        let mut errors = Vec::new();
        for (result, findings, text) in extracted.results {
            self.checker.findings.extend(findings);
            self.texts.extend(text);
            match result {
                Ok(b) => briefings.push(b),
                Err(e) => errors.push(e),
            }
        }
        Error::collect(errors)?;
        self.report.briefings = briefings.len();
        crate::index::registry::apply(&mut briefings, registry);
        Ok(briefings)
    }

    fn index(
        &mut self,
        briefings: Vec<Briefing>,
        settings: &pipeline::Settings,
        registry: &Registry,
    ) -> crate::error::Result<Site> {
        let texts: HashMap<&Path, &str> = self
            .texts
            .iter()
            .map(|(path, text)| (path.as_path(), text.as_str()))
            .collect();
        self.checker
            .indexed(briefings, settings, registry, &texts, self.config)
    }

    /// Renders and writes into a staging folder, scanning each page for
    /// link checking as it goes; swaps the folder in unless
    /// `deny_warnings` and something was found.
    fn render(
        &mut self,
        config: &Config,
        site: &Site,
        theme: &Theme,
        plan: &Plan,
        timings: &mut pipeline::Timings,
    ) -> crate::error::Result<usize> {
        let (staging, pages, scanned) = timings.time("render", || -> crate::error::Result<_> {
            let staging = Staging::begin_keeping(
                &config.out_dir,
                crate::pipeline::cache::kept_output(config).as_deref(),
            )?;
            let renderer = Renderer {
                site,
                theme,
                plan,
                search_parts: None,
                search_live: None,
            };
            let keys = crate::pipeline::jobs::job_keys(site, plan);
            let cache = crate::pipeline::jobs::read(config);
            // Links and ids are kept in the render cache rather than read
            // again from the linked files: the scan was about a fifth of
            // a cold build's render, the cache's entries far less.
            let rendered = crate::pipeline::jobs::render_reusing(
                &renderer,
                &staging,
                &cache,
                &keys,
                Scanned::of,
            )?;
            self.jobs = (rendered.rendered, rendered.reused);
            self.job_cache = Some(rendered.shards);
            let mut scanned: Vec<Scanned> = rendered
                .files
                .into_iter()
                .map(|file| Scanned {
                    path: file.path,
                    ..file.extra
                })
                .collect();
            scanned.sort_by(|a, b| a.path.cmp(&b.path));
            Ok((staging, scanned.len(), scanned))
        })?;
        timings.time("check", || {
            let (problems, checked) = link_problems(&scanned);
            self.report.pages = scanned.len();
            self.report.links = checked;
            if problems.is_empty() {
                return;
            }
            // Traced to the sources' lines: read again, as the build drops
            // each source once extracted (only when a link is broken).
            let sources = crate::load::load_sources(
                &config.site_dir,
                &config.source_dirs,
                config.max_source_bytes,
            )
            .map(|loaded| loaded.sources)
            .unwrap_or_default();
            self.checker
                .trace_links(problems, &site.briefings, &by_path(&sources), theme, config);
        });
        if self.deny_warnings && !self.checker.passes(true) {
            // Dropped, the staging folder is removed: nothing is written.
            drop(staging);
            return Ok(pages);
        }
        timings.time("write", || staging.commit())?;
        self.written = true;
        if let Some(mut shards) = self.cache.take() {
            shards.extend(self.job_cache.take().unwrap_or_default());
            // The cache only saves time: a site folder it cannot be
            // written into (read-only, or a `.briefing-cache` that is a
            // link) gives the same site, built in full next time.
            timings
                .time("cache", || {
                    crate::pipeline::cache::write(&config.site_dir, &shards)
                })
                .unwrap_or_else(|e| self.cache_note = Some(e.to_string()));
        }
        Ok(pages)
    }
}

impl Checker {
    /// Whether the findings so far pass, as [`CheckReport::passes`].
    fn passes(&self, deny_warnings: bool) -> bool {
        self.findings.iter().all(|f| match f.severity {
            Severity::Error => false,
            Severity::Warning => !deny_warnings,
            Severity::Note => true,
        })
    }
}
#[cfg(test)]
mod tests {
    use super::*;

    fn page(path: &str, html: &str) -> Scanned {
        Scanned::of(path, html.as_bytes())
    }

    fn problem(from: &str, href: &str, pages: &[Scanned]) -> Option<String> {
        let by_path: HashMap<&str, &BTreeSet<String>> =
            pages.iter().map(|p| (p.path.as_str(), &p.ids)).collect();
        link_problem(from, href, &by_path).map(|p| p.describe(href, None).1)
    }

    #[test]
    fn links_resolve_relative_to_their_page() {
        let pages = [
            page("index.html", "<h1 id=top>x</h1>"),
            page("briefings/a/index.html", "<h2 id=why>Why?</h2>"),
            page("static/style.css", ""),
        ];
        for ok in [
            "../../index.html",
            "../../index.html#top",
            "#why",
            "../a/index.html#why",
            "../../static/style.css",
            "https://example.org/x",
            "mailto:desk@example.org",
        ] {
            assert_eq!(problem("briefings/a/index.html", ok, &pages), None, "{ok}");
        }
        let missing = problem("briefings/a/index.html", "../b/index.html", &pages).unwrap();
        assert!(missing.contains("no briefings/b/index.html"), "{missing}");
        let anchor = problem("briefings/a/index.html", "#nope", &pages).unwrap();
        assert!(anchor.contains("no element with id `nope`"), "{anchor}");
        let out = problem("briefings/a/index.html", "../../../x.html", &pages).unwrap();
        assert!(out.contains("out of the site"), "{out}");
        let folder = problem("index.html", "briefings/a", &pages).unwrap();
        assert!(folder.contains("briefings/a/index.html"), "{folder}");
    }

    #[test]
    fn a_link_is_found_on_its_source_line() {
        let text = "+++\ntitle = \"x\"\n+++\n\nSee [the other](../b/index.html) one.\n";
        assert_eq!(line_of_link(text, "../b/index.html"), Some(5));
    }

    #[test]
    fn tera_errors_give_their_line() {
        assert_eq!(
            tera_line("syntax error Failed to parse: --> 3:7\n  |"),
            Some(3)
        );
        assert_eq!(tera_line("no line here"), None);
    }

    fn finding(severity: Severity, message: &str) -> Finding {
        Finding {
            file: "content/a.md".to_string(),
            line: 1,
            severity,
            message: message.to_string(),
        }
    }

    #[test]
    fn the_summary_counts_broken_links_apart_from_other_errors() {
        let report = CheckReport {
            findings: vec![
                finding(Severity::Error, "broken link `x`: there is no x"),
                finding(Severity::Error, "broken link `y`: there is no y"),
                finding(Severity::Error, "(column 3) broken front matter"),
                finding(Severity::Warning, "no date"),
            ],
            ..CheckReport::default()
        };
        assert_eq!(
            report.summary(),
            "1 error, 2 broken links, 1 warning: run `briefing check`"
        );
        assert_eq!(CheckReport::default().summary(), "no errors or warnings");
    }

    #[test]
    fn a_message_giving_line_and_column_is_placed_there() {
        assert_eq!(
            message_location(
                "not valid UTF-8 (first bad byte at line 4, column 9, byte offset 80)"
            ),
            (4, Some(9))
        );
        assert_eq!(message_location("is empty; skipped"), (1, None));
        assert_eq!(message_location("at line 0"), (1, None));
    }
}

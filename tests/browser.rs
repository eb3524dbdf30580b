//! End-to-end tests in a real headless Chromium, and `briefing pdf`.
//!
//! Each site (the sample site and one built from `../shared/seeds`) is built
//! into a temporary folder, then crawled in one Chromium twice: served by a
//! tiny loopback server under a sub-path (`/briefings-2024/`) and opened
//! from disk (`file://`). Every `.html` file and every internal link target
//! is loaded; pages are grouped by type from `<body class="page-TYPE">`, so
//! new page types (entities, search) are covered without changing this file.
//!
//! Needs Chromium (or Chrome), axe-core and poppler-utils; `.ci/run`
//! installs them. Missing, the tests are skipped with a note, except when
//! `CI=true`, where they fail. Screenshots go to `target/screenshots/`;
//! with `UPDATE_DOCS=1` the README's images in `docs/` are refreshed.

mod common;

#[path = "browser/driver.rs"]
mod driver;
#[path = "browser/server.rs"]
mod server;

use common::{SEED_QUESTIONS, briefing, copy_into, repo, shared_seeds, txt_files};
use driver::Driver;
use scraper::{Html, Selector};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::path::{Path, PathBuf};
use std::process::Command;

// ---------------------------------------------------------------------------
// Tools: found, or skipped locally, or a failure in CI.

fn in_ci() -> bool {
    std::env::var("CI").as_deref() == Ok("true")
}

/// `found`, or None after saying why the test is skipped (a panic in CI).
fn need<T>(found: Option<T>, what: &str, how: &str) -> Option<T> {
    if found.is_some() {
        return found;
    }
    if in_ci() {
        panic!("{what} is missing, and CI=true: {how}");
    }
    // Said once per missing tool, straight to stderr so that it shows even
    // though the test harness captures the output of passing tests.
    static SAID: std::sync::Mutex<BTreeSet<String>> = std::sync::Mutex::new(BTreeSet::new());
    if SAID.lock().unwrap().insert(what.to_string()) {
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "note: skipping the browser tests that need {what}: not found ({how})"
        );
    }
    None
}

fn chrome() -> Option<PathBuf> {
    need(
        briefing::pdf::find_chrome(None).ok(),
        "Chromium or Chrome",
        "apt-get install chromium, or set BRIEFING_CHROME=PATH; `bash .ci/run` installs it",
    )
}

/// `target/`, wherever Cargo put it (CARGO_TARGET_DIR is honoured).
fn target_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn axe_source() -> Option<String> {
    const REL: &str = "ci-tools/node_modules/axe-core/axe.min.js";
    let candidates = std::env::var_os("AXE_CORE_JS")
        .map(PathBuf::from)
        .into_iter()
        .chain([repo().join("target").join(REL), target_dir().join(REL)]);
    let found = candidates
        .into_iter()
        .find(|p| p.is_file())
        .map(|p| std::fs::read_to_string(p).unwrap());
    need(
        found,
        "axe-core (axe.min.js)",
        "npm install --prefix target/ci-tools axe-core, or set AXE_CORE_JS=PATH; `bash .ci/run` installs it",
    )
}

fn poppler() -> Option<()> {
    let ok = Command::new("pdftotext").arg("-v").output().is_ok()
        && Command::new("pdfinfo").arg("-v").output().is_ok();
    need(
        ok.then_some(()),
        "poppler-utils (pdftotext, pdfinfo, pdftoppm)",
        "apt-get install poppler-utils; `bash .ci/run` installs it",
    )
}

// ---------------------------------------------------------------------------
// Sites.

/// Builds with the print book, which the book's checks read.
fn build(site: &Path, out: &Path) {
    common::build_into_with(site, out, &["--print"]);
}

/// A site folder and its built output.
struct Site {
    name: &'static str,
    dir: PathBuf,
    dist: PathBuf,
    _tmp: tempfile::TempDir,
}

fn sample_site() -> Site {
    let tmp = tempfile::tempdir().unwrap();
    let dist = tmp.path().join("dist");
    build(&repo(), &dist);
    Site {
        name: "sample",
        dir: repo(),
        dist,
        _tmp: tmp,
    }
}

fn seeds_site() -> Option<Site> {
    let seeds = shared_seeds()?;
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("site");
    copy_into(&txt_files(&seeds), &dir.join("seeds"));
    let dist = tmp.path().join("dist");
    build(&dir, &dist);
    Some(Site {
        name: "seeds",
        dir,
        dist,
        _tmp: tmp,
    })
}

/// Every `.html` file under `dist`, '/'-separated and sorted.
fn html_pages(dist: &Path) -> Vec<String> {
    fn walk(dir: &Path, base: &Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, base, out);
            } else if path.extension().is_some_and(|e| e == "html") {
                let rel = path.strip_prefix(base).unwrap();
                out.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    let mut pages = Vec::new();
    walk(dist, dist, &mut pages);
    pages.sort();
    pages
}

fn file_url(dir: &Path) -> String {
    let mut url = String::from("file://");
    for byte in dir.to_string_lossy().bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                url.push(byte as char)
            }
            other => url.push_str(&format!("%{other:02X}")),
        }
    }
    url.push('/');
    url
}

fn screenshots_dir(site: &str) -> PathBuf {
    target_dir().join("screenshots").join(site)
}

fn update_docs() -> bool {
    std::env::var("UPDATE_DOCS").as_deref() == Ok("1")
}

// ---------------------------------------------------------------------------
// The browser checks.

/// What a crawl found: failures, and the first page of each type.
#[derive(Default)]
struct Crawl {
    failures: Vec<String>,
    page_types: BTreeMap<String, String>,
    pages: Vec<String>,
}

const PAGE_INFO: &str = r#"
    const type = (document.body.className.match(/(?:^|\s)page-([\w-]+)/) || [])[1] || "unknown";
    return {
        type,
        title: document.title,
        h1: document.querySelectorAll("h1").length,
        ids: [...document.querySelectorAll("[id]")].map(e => e.id),
        links: [...document.querySelectorAll("a[href]")].map(a => a.href),
        assets: [...document.querySelectorAll("link[href], script[src], img[src]")].map(e => e.href || e.src),
        stylesheet: [...document.styleSheets].some(s => { try { return s.cssRules.length > 0; } catch (e) { return true; } }),
    };
"#;

/// Loads every page of the site at `base` and every internal link target,
/// checking loads, console and requests, links, anchors and narrow widths.
fn crawl(driver: &Driver, base: &str, pages: &[String], narrow: bool) -> Crawl {
    let mut crawl = Crawl::default();
    let mut queue: VecDeque<String> = pages.iter().map(|p| format!("{base}{p}")).collect();
    let mut seen = BTreeSet::new();
    let mut ids: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut fragment_links: Vec<(String, String)> = Vec::new();
    while let Some(url) = queue.pop_front() {
        if !seen.insert(url.clone()) {
            continue;
        }
        let shown = url.strip_prefix(base).unwrap_or(&url).to_string();
        for problem in driver.goto(&url) {
            crawl.failures.push(format!("{shown}: {problem}"));
        }
        let info = driver.eval(PAGE_INFO);
        if info["title"].as_str().unwrap_or("").trim().is_empty() {
            crawl.failures.push(format!("{shown}: no <title>"));
        }
        if info["h1"] != 1 {
            crawl
                .failures
                .push(format!("{shown}: {} h1 elements, want 1", info["h1"]));
        }
        if info["stylesheet"] != true {
            crawl
                .failures
                .push(format!("{shown}: the stylesheet did not load"));
        }
        let kind = info["type"].as_str().unwrap().to_string();
        crawl.page_types.entry(kind).or_insert_with(|| url.clone());
        crawl.pages.push(url.clone());
        ids.insert(
            url.clone(),
            strings(&info["ids"]).into_iter().collect::<BTreeSet<_>>(),
        );
        for link in strings(&info["links"])
            .into_iter()
            .chain(strings(&info["assets"]))
        {
            let (target, fragment) = link.split_once('#').unwrap_or((&link, ""));
            if target.starts_with(base) {
                if target.ends_with(".html") && !seen.contains(target) {
                    queue.push_back(target.to_string());
                }
                if !fragment.is_empty() {
                    fragment_links.push((url.clone(), link.clone()));
                }
            } else if target.starts_with("file:") || target.contains("://127.0.0.1") {
                crawl
                    .failures
                    .push(format!("{shown}: link {link} leaves the site's folder"));
            }
        }
        // No horizontal scrolling on a phone.
        if narrow {
            let widths = driver.eval(
                "return [document.documentElement.scrollWidth, window.innerWidth, \
                 [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1) \
                 .slice(0, 3).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''))]",
            );
            if widths[0].as_f64() > widths[1].as_f64() {
                crawl.failures.push(format!(
                    "{shown}: scrolls sideways at 375 px (scrollWidth {} > innerWidth {}; too wide: {})",
                    widths[0], widths[1], widths[2]
                ));
            }
        }
    }
    for (from, link) in fragment_links {
        let (target, fragment) = link.split_once('#').unwrap();
        let fragment = percent_decode(fragment);
        if !ids.get(target).is_some_and(|set| set.contains(&fragment)) {
            crawl.failures.push(format!(
                "{}: link {} has no element #{fragment} to land on",
                from.strip_prefix(base).unwrap_or(&from),
                link.strip_prefix(base).unwrap_or(&link)
            ));
        }
    }
    crawl
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str().map(String::from))
        .collect()
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).to_string()
}

/// Clicks every same-page link matching `selector` on the loaded page and
/// checks it lands on its target: the hash matches and the target's top is
/// near the top of the viewport (or the page is scrolled as far as it goes,
/// with the target in view). Each link is scrolled into view and hit-tested
/// first (the element under its centre must be the link), so a link a user
/// could not click fails. One script per page keeps this fast.
const CLICK_THROUGH: &str = r##"
    const results = [];
    const links = [...document.querySelectorAll(SELECTOR)];
    const frame = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
    for (const link of links) {
        const href = link.getAttribute("href") || "";
        if (!href.startsWith("#")) continue; // another page: covered by the crawl
        window.scrollTo(0, 0);
        history.replaceState(null, "", location.pathname);
        await frame();
        let r = link.getBoundingClientRect();
        if (r.top < 0 || r.bottom > window.innerHeight) {
            link.scrollIntoView({ block: "center", behavior: "instant" });
            await frame();
            r = link.getBoundingClientRect();
        }
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        if (!hit || !(hit === link || link.contains(hit))) {
            results.push({ href, problem: "is covered by " + (hit ? hit.outerHTML.slice(0, 80) : "nothing") });
            continue;
        }
        link.click();
        for (let n = 0; n < 100 && location.hash !== href; n++) await new Promise(f => setTimeout(f, 10));
        await frame();
        const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
        const top = target ? target.getBoundingClientRect().top : null;
        const atEnd = window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2;
        const h = window.innerHeight;
        const nearTop = top !== null && top >= -2 && top <= 0.2 * h;
        const inViewAtEnd = atEnd && top !== null && top >= -2 && top < h - 40;
        if (location.hash !== href) {
            results.push({ href, problem: "left the address at " + JSON.stringify(location.hash) });
        } else if (!target) {
            results.push({ href, problem: "has no target element" });
        } else if (!(nearTop || inViewAtEnd)) {
            results.push({ href, problem: `scrolled its target to ${Math.round(top)} px from the top, not near the top` });
        }
    }
    window.scrollTo(0, 0);
    return { clicked: links.length, problems: results };
"##;

/// Runs [`CLICK_THROUGH`] for `selector`; returns how many links it clicked.
fn click_through(driver: &Driver, selector: &str, shown: &str, failures: &mut Vec<String>) -> u64 {
    let script = CLICK_THROUGH.replace("SELECTOR", &serde_json::to_string(selector).unwrap());
    let result = driver.eval(&script);
    for problem in result["problems"].as_array().into_iter().flatten() {
        failures.push(format!(
            "{shown}: clicking {selector} {} {}",
            problem["href"],
            problem["problem"].as_str().unwrap_or("")
        ));
    }
    result["clicked"].as_u64().unwrap_or(0)
}

/// axe-core's serious and critical violations on the loaded page.
fn axe_violations(driver: &Driver, axe: &str) -> Vec<String> {
    let loaded = driver.eval("return typeof window.axe !== 'undefined'");
    if loaded != true {
        let result = driver.call::<headless_chrome::protocol::cdp::Runtime::Evaluate>(
            serde_json::json!({ "expression": axe, "returnByValue": true }),
        );
        assert!(
            result.exception_details.is_none(),
            "axe-core failed to load"
        );
    }
    strings(&driver.eval(
        "const r = await axe.run(document, { resultTypes: ['violations'] });
         return r.violations
           .filter(v => v.impact === 'serious' || v.impact === 'critical')
           .map(v => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}`);",
    ))
}

/// Every browser check on one built site; panics listing every failure.
fn check_site_in_browser(site: &Site, chrome: &Path, axe: &str) {
    let started = std::time::Instant::now();
    let driver = Driver::launch(chrome);
    let server = server::Server::start(&site.dist);
    let pages = html_pages(&site.dist);
    assert!(!pages.is_empty(), "the site has no pages");
    let shots = screenshots_dir(site.name);
    let mut failures = Vec::new();

    for (mode, base) in [
        ("served", server.base_url()),
        ("file", file_url(&site.dist)),
    ] {
        // Served, the site is crawled at phone width (checking that nothing
        // scrolls sideways); from disk, at desktop width.
        let narrow = mode == "served";
        driver.set_viewport(if narrow { 375 } else { 1280 }, 800);
        let crawl = crawl(&driver, &base, &pages, narrow);
        driver.set_viewport(1280, 800);
        failures.extend(crawl.failures.iter().map(|f| format!("[{mode}] {f}")));
        for expected in [
            "index",
            "briefing",
            "questions",
            "print",
            "entities",
            "entity",
            "search",
        ] {
            if !crawl.page_types.contains_key(expected) {
                failures.push(format!("[{mode}] no page of type {expected} was reached"));
            }
        }
        // In-page navigation: At a glance and the contents, on every page.
        let mut glance_clicks = 0;
        for url in &crawl.pages {
            let shown = format!("[{mode}] {}", url.strip_prefix(&base).unwrap_or(url));
            driver.goto(url);
            glance_clicks += click_through(&driver, ".glance a", &shown, &mut failures);
            click_through(&driver, ".toc a", &shown, &mut failures);
        }
        if glance_clicks == 0 {
            failures.push(format!(
                "[{mode}] no \"At a glance\" link (.glance a) found to click"
            ));
        }
        if mode != "served" {
            continue;
        }
        // One page of each type: accessibility (both colour schemes) and screenshots.
        for (kind, url) in &crawl.page_types {
            let shown = url.strip_prefix(&base).unwrap_or(url);
            for scheme in ["light", "dark"] {
                driver.set_color_scheme(scheme);
                driver.goto(url);
                for violation in axe_violations(&driver, axe) {
                    failures.push(format!("[axe, {scheme}] {shown}: {violation}"));
                }
            }
            driver.set_color_scheme("light");
            for width in [1280, 375] {
                driver.set_viewport(width, 800);
                driver.goto(url);
                driver.screenshot(&shots.join(format!("{kind}-{width}.png")));
            }
            driver.set_viewport(1280, 800);
        }
    }
    eprintln!(
        "browser checks of the {} site: {} pages, twice, in {:.1?}; screenshots in {}",
        site.name,
        pages.len(),
        started.elapsed(),
        shots.display()
    );
    assert!(
        failures.is_empty(),
        "{} browser check(s) failed on the {} site:\n{}",
        failures.len(),
        site.name,
        failures.join("\n")
    );
}

#[test]
fn sample_site_works_in_a_real_browser() {
    let (Some(chrome), Some(axe)) = (chrome(), axe_source()) else {
        return;
    };
    let site = sample_site();
    check_site_in_browser(&site, &chrome, &axe);
    if update_docs() {
        let docs = repo().join("docs");
        std::fs::create_dir_all(&docs).unwrap();
        std::fs::copy(
            screenshots_dir(site.name).join("briefing-1280.png"),
            docs.join("briefing-page.png"),
        )
        .unwrap();
    }
}

#[test]
fn seeds_site_works_in_a_real_browser() {
    let (Some(chrome), Some(axe)) = (chrome(), axe_source()) else {
        return;
    };
    let Some(site) = seeds_site() else { return };
    check_site_in_browser(&site, &chrome, &axe);
}

// ---------------------------------------------------------------------------
// PDF.

fn pdftotext(pdf: &Path, page: Option<usize>, layout: bool) -> String {
    let mut command = Command::new("pdftotext");
    if layout {
        command.arg("-layout");
    }
    if let Some(n) = page {
        command.args(["-f", &n.to_string(), "-l", &n.to_string()]);
    }
    let output = command.arg(pdf).arg("-").output().unwrap();
    assert!(
        output.status.success(),
        "pdftotext failed on {}",
        pdf.display()
    );
    String::from_utf8_lossy(&output.stdout).to_string()
}

/// A field of `pdfinfo`'s output, e.g. "Pages" or "Title".
fn pdfinfo(pdf: &Path, field: &str) -> String {
    let output = Command::new("pdfinfo").arg(pdf).output().unwrap();
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .find_map(|l| l.strip_prefix(&format!("{field}:")))
        .unwrap_or("")
        .trim()
        .to_string()
}

/// Whitespace collapsed to single spaces.
fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn pdf_cmd(site_dir: &Path, extra: &[&str]) -> std::process::Output {
    let mut command = briefing();
    command.arg("pdf").arg(site_dir).args(extra);
    command.output().unwrap()
}

fn texts(doc: &Html, selector: &str) -> Vec<String> {
    let sel = Selector::parse(selector).unwrap();
    doc.select(&sel)
        .map(|e| squash(&e.text().collect::<String>()))
        .filter(|t| !t.is_empty())
        .collect()
}

/// Prints the site's book and checks it against the built `print.html`.
/// Returns the PDF's path and the page where the first briefing starts.
fn check_print_book(site: &Site, out: &Path) -> usize {
    let output = pdf_cmd(&site.dir, &["--out", out.to_str().unwrap()]);
    assert!(
        output.status.success(),
        "briefing pdf failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let html =
        Html::parse_document(&std::fs::read_to_string(site.dist.join("print.html")).unwrap());
    let text = pdftotext(out, None, true);
    let flat = squash(&text);
    let mut failures = Vec::new();

    let title = texts(&html, "title").remove(0);
    if squash(&pdfinfo(out, "Title")) != title {
        failures.push(format!(
            "the PDF's title is {:?}, not the page's <title> {title:?}",
            pdfinfo(out, "Title")
        ));
    }
    for heading in texts(&html, ".book .section-heading") {
        if !flat.contains(&heading) {
            failures.push(format!("heading missing from the PDF: {heading:?}"));
        }
    }
    for meta in texts(&html, ".book .meta time")
        .into_iter()
        .chain(texts(&html, ".book .meta .byline"))
    {
        if !flat.contains(&meta) {
            failures.push(format!("date or credit missing from the PDF: {meta:?}"));
        }
    }
    // Navigation must not be printed: the skip link and the header and
    // footer nav labels (unless the same words are part of the book itself,
    // as "Briefings" is when it is also the site's title).
    let book_text = texts(&html, "main").join(" ");
    for label in texts(&html, ".skip-link")
        .into_iter()
        .chain(texts(&html, "nav.site-nav a, nav.footer-nav a"))
    {
        if flat.contains(&label) && !book_text.contains(&label) {
            failures.push(format!("navigation text printed: {label:?}"));
        }
    }
    let pages: usize = pdfinfo(out, "Pages").parse().unwrap();
    let page_texts: Vec<String> = (1..=pages)
        .map(|n| pdftotext(out, Some(n), false))
        .collect();
    for (i, page) in page_texts.iter().enumerate() {
        let n = i + 1;
        let words = page
            .lines()
            .filter(|l| !l.trim().is_empty() && l.trim().parse::<usize>().is_err())
            .count();
        if words == 0 {
            failures.push(format!("page {n} of {pages} is blank"));
        }
        // Page numbers: every page but the cover carries its number.
        if n > 1 && !page.lines().any(|l| l.trim() == n.to_string()) {
            failures.push(format!("page {n} has no page number"));
        }
    }
    let mut first_briefing_page = 0;
    for (i, title) in texts(&html, ".book .briefing-title").iter().enumerate() {
        match page_texts.iter().position(|p| squash(p).starts_with(title)) {
            Some(p) if i == 0 => first_briefing_page = p + 1,
            Some(_) => {}
            None => failures.push(format!(
                "briefing {title:?} does not start at the top of a page"
            )),
        }
    }
    assert!(
        failures.is_empty(),
        "the printed book of the {} site ({}):\n{}",
        site.name,
        out.display(),
        failures.join("\n")
    );
    first_briefing_page
}

#[test]
fn print_book_of_the_sample_site() {
    let (Some(_), Some(())) = (chrome(), poppler()) else {
        return;
    };
    let site = sample_site();
    let out = site._tmp.path().join("book.pdf");
    let first = check_print_book(&site, &out);
    let shots = screenshots_dir(site.name);
    std::fs::create_dir_all(&shots).unwrap();
    let page = first.to_string();
    let status = Command::new("pdftoppm")
        .args(["-png", "-r", "60", "-f", &page, "-l", &page, "-singlefile"])
        .arg(&out)
        .arg(shots.join("book-page"))
        .status()
        .unwrap();
    assert!(status.success(), "pdftoppm failed");
    if update_docs() {
        std::fs::create_dir_all(repo().join("docs")).unwrap();
        std::fs::copy(
            shots.join("book-page.png"),
            repo().join("docs/book-page.png"),
        )
        .unwrap();
    }
}

#[test]
fn pdf_of_the_seeds_holds_the_six_questions_with_page_numbers() {
    let (Some(_), Some(())) = (chrome(), poppler()) else {
        return;
    };
    let Some(site) = seeds_site() else { return };
    let out = site._tmp.path().join("book.pdf");
    check_print_book(&site, &out);
    let text = squash(&pdftotext(&out, None, true));
    for question in SEED_QUESTIONS {
        assert!(text.contains(question), "{question:?} not in the PDF");
    }
    let pages: usize = pdfinfo(&out, "Pages").parse().unwrap();
    assert!(pages >= 2, "{pages} pages");
    let last = pdftotext(&out, Some(pages), true);
    // The folio: the site title at the left, the number at the right.
    assert!(
        last.lines()
            .any(|l| l.split_whitespace().last() == Some(pages.to_string().as_str())),
        "no page number on the last page:\n{last}"
    );
}

#[test]
fn pdf_each_prints_one_file_per_briefing() {
    let (Some(_), Some(())) = (chrome(), poppler()) else {
        return;
    };
    let site = sample_site();
    let out = site._tmp.path().join("pdfs");
    let output = pdf_cmd(&site.dir, &["--each", "--out", out.to_str().unwrap()]);
    assert!(
        output.status.success(),
        "briefing pdf --each failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let slugs: Vec<String> = std::fs::read_dir(site.dist.join("briefings"))
        .unwrap()
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().to_string())
        .collect();
    assert!(!slugs.is_empty());
    for slug in slugs {
        let pdf = out.join(format!("{slug}.pdf"));
        assert!(pdf.is_file(), "no {}", pdf.display());
        let page = Html::parse_document(
            &std::fs::read_to_string(site.dist.join("briefings").join(&slug).join("index.html"))
                .unwrap(),
        );
        let title = texts(&page, "h1").remove(0);
        let text = squash(&pdftotext(&pdf, None, false));
        assert!(
            text.starts_with(&title),
            "{slug}.pdf does not open with {title:?}"
        );
        for heading in texts(&page, ".section-heading") {
            assert!(text.contains(&heading), "{slug}.pdf lacks {heading:?}");
        }
        assert!(
            !text.contains("Skip to main content"),
            "{slug}.pdf prints the skip link"
        );
        assert_eq!(
            squash(&pdfinfo(&pdf, "Title")),
            texts(&page, "title").remove(0),
            "{slug}.pdf title"
        );
    }
}

// ---------------------------------------------------------------------------
// `briefing pdf` errors: no browser needed.

#[test]
fn pdf_without_a_browser_says_how_to_install_one() {
    let empty = tempfile::tempdir().unwrap();
    let out = empty.path().join("book.pdf");
    let output = briefing()
        .arg("pdf")
        .arg(repo())
        .arg("--out")
        .arg(&out)
        .env("PATH", empty.path())
        .env_remove("BRIEFING_CHROME")
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    for hint in [
        "no Chromium or Chrome found",
        "apt-get install chromium",
        "--chrome",
        "BRIEFING_CHROME",
    ] {
        assert!(stderr.contains(hint), "{hint:?} not in: {stderr}");
    }
    assert!(!out.exists());
}

#[cfg(unix)]
fn fake_browser(dir: &Path, script: &str) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let path = dir.join("fake-chromium");
    std::fs::write(&path, format!("#!/bin/sh\n{script}\n")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

#[cfg(unix)]
#[test]
fn a_hung_browser_is_stopped_and_reported() {
    let tmp = tempfile::tempdir().unwrap();
    let pid_file = tmp.path().join("helper.pid");
    // The "browser" starts a helper process and hangs, as a stuck Chromium would.
    let fake = fake_browser(
        tmp.path(),
        &format!("sleep 600 &\necho $! > {}\nwait", pid_file.display()),
    );
    let started = std::time::Instant::now();
    let output = pdf_cmd(
        &repo(),
        &[
            "--chrome",
            fake.to_str().unwrap(),
            "--timeout",
            "1",
            "--out",
            tmp.path().join("book.pdf").to_str().unwrap(),
        ],
    );
    assert!(!output.status.success());
    assert!(
        started.elapsed() < std::time::Duration::from_secs(30),
        "took {:?}",
        started.elapsed()
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    for hint in ["did not finish", "within 1 s", "was stopped", "--timeout"] {
        assert!(stderr.contains(hint), "{hint:?} not in: {stderr}");
    }
    assert!(!tmp.path().join("book.pdf").exists());
    // Killed, the helper is gone or a zombie waiting for init to reap it.
    let pid = std::fs::read_to_string(&pid_file).unwrap();
    let stat = std::fs::read_to_string(format!("/proc/{}/stat", pid.trim())).unwrap_or_default();
    let state = stat
        .rsplit(')')
        .next()
        .unwrap_or("")
        .split_whitespace()
        .next();
    assert!(
        matches!(state, None | Some("Z" | "X")),
        "the browser's helper process {} was left running: {stat}",
        pid.trim()
    );
}

#[cfg(unix)]
#[test]
fn a_failing_browser_is_reported_with_what_it_said() {
    let tmp = tempfile::tempdir().unwrap();
    let fake = fake_browser(tmp.path(), "echo 'cannot open display' >&2\nexit 3");
    let output = pdf_cmd(
        &repo(),
        &[
            "--chrome",
            fake.to_str().unwrap(),
            "--out",
            tmp.path().join("book.pdf").to_str().unwrap(),
        ],
    );
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    for hint in [
        "failed to print print.html",
        "cannot open display",
        "--headless",
    ] {
        assert!(stderr.contains(hint), "{hint:?} not in: {stderr}");
    }
}

/// Types `word` into the header search box of the page at `url` and returns
/// the `data-href` of every option the dropdown shows.
fn search_box_options(driver: &Driver, url: &str, word: &str) -> Vec<String> {
    let problems = driver.goto(url);
    assert!(problems.is_empty(), "{url}: {problems:?}");
    let input = driver
        .tab
        .find_element("#site-search-q")
        .expect("a search box on the page");
    input.click().unwrap();
    driver.tab.type_str(word).unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let options = driver.eval(
            "return [...document.querySelectorAll('#site-search-listbox [role=option]')]\
             .map(o => o.getAttribute('data-href')).filter(h => !h.includes('search/index.html'))",
        );
        let options = strings(&options);
        if !options.is_empty() || std::time::Instant::now() > deadline {
            return options;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

#[test]
fn typing_in_the_search_box_from_file_finds_a_question_by_its_answer() {
    let Some(chrome) = chrome() else { return };
    let Some(site) = seeds_site() else { return };
    let driver = Driver::launch(&chrome);
    let page = format!(
        "{}briefings/003-38be661aca5eacde/index.html",
        file_url(&site.dist)
    );
    // A word found only in the answer to "Wait, how does this even work?".
    let options = search_box_options(&driver, &page, "teething");
    assert!(
        options.iter().any(|h| h
            .ends_with("briefings/000-374a940a17039e84/index.html#wait-how-does-this-even-work")),
        "typing found {options:?}"
    );
    // The same search as a page of its own, linked and bookmarkable, from file://.
    let results = format!("{}search/index.html?q=teething", file_url(&site.dist));
    let problems = driver.goto(&results);
    assert!(problems.is_empty(), "{problems:?}");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let found = loop {
        let hrefs = strings(&driver.eval(
            "return [...document.querySelectorAll('#search-results a')].map(a => a.getAttribute('href'))",
        ));
        if !hrefs.is_empty() || std::time::Instant::now() > deadline {
            break hrefs;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    assert!(
        found
            .iter()
            .any(|h| h.ends_with("#wait-how-does-this-even-work")),
        "search page lists {found:?}"
    );
}

//! `briefing build` counts what `check` would report from its own run
//! (`check::build`): the same findings, links and pages as `check::check`
//! on sites that have something of each kind to find, and with
//! `--deny-warnings` nothing is put in place.

mod common;

use briefing::check::{self, Severity};
use briefing::config::Config;
use std::path::Path;

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// A site with a finding of every kind a building site can have: raw
/// sources (guessed answers, doubtful names, suspicious lines, no
/// headings), a broken link, a broken anchor, a folder link, an absolute
/// link, an undated briefing and an unclosed quotation.
fn site_with_findings() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let repo = common::repo();
    let mut raw = common::txt_files(&repo.join("tests/fixtures/raw"));
    raw.extend(common::txt_files(&repo.join("tests/fixtures/entities")));
    // Two fixture folders may share a file name; the first one is kept.
    raw.dedup_by(|a, b| a.file_name() == b.file_name());
    common::copy_into(&raw, &dir.path().join("seeds"));
    write(
        dir.path(),
        "content/ferry.md",
        "+++\ntitle = \"Ferry times change\"\ndate = 2025-04-02\n+++\n\n## When do the boats run?\n\n\
         The first boat now leaves at six, and the last one at ten at night.\n\n\
         See [the bridge story](../bridge/index.html), [the hall](../hall/index.html#nowhere),\n\
         [the folder](../hall), and [the root](/index.html).\n",
    );
    write(
        dir.path(),
        "content/hall.md",
        "+++\ntitle = \"Market hall reopens\"\n+++\n\n## Who runs it?\n\n\
         A trust of twelve traders runs the hall, and its chair said \"the rents stay as they are.\n",
    );
    dir
}

fn config_into(site: &Path, out: &Path) -> Config {
    Config::load(site, Some(out)).unwrap()
}

#[test]
fn the_builds_count_is_the_checks() {
    let site = site_with_findings();
    let out = tempfile::tempdir().unwrap();
    let config = config_into(site.path(), &out.path().join("dist"));
    let built = check::build(&config, false, |_| {}).unwrap();
    let checked = check::check(site.path());
    assert!(built.written);
    assert_eq!(built.checked.findings, checked.findings);
    assert_eq!(built.checked.links, checked.links);
    assert_eq!(built.checked.pages, checked.pages);
    assert_eq!(built.checked.briefings, checked.briefings);
    // Something of each kind was found, so the comparison means something.
    let has = |severity: Severity, text: &str| {
        checked
            .findings
            .iter()
            .any(|f| f.severity == severity && f.message.contains(text))
    };
    assert!(has(Severity::Error, "broken link `../bridge/index.html`"));
    assert!(has(Severity::Error, "no element with id `nowhere`"));
    assert!(has(Severity::Warning, "points at a folder"));
    assert!(has(Severity::Warning, "starts with `/`"));
    assert!(has(Severity::Warning, "no date"));
    assert!(has(Severity::Warning, "unclosed quotation"));
    assert!(has(Severity::Warning, "no heading found"));
    assert!(has(Severity::Warning, "but only weakly"));
    assert!(has(Severity::Note, "short answer"));
    assert_eq!(built.report.briefings, checked.briefings);
    assert!(out.path().join("dist/index.html").is_file());
}

#[test]
fn a_denied_build_puts_nothing_in_place() {
    let site = site_with_findings();
    let out = tempfile::tempdir().unwrap();
    let dist = out.path().join("dist");
    let config = config_into(site.path(), &dist);
    let built = check::build(&config, true, |_| {}).unwrap();
    assert!(!built.written);
    assert!(!built.checked.passes(true));
    assert!(!dist.exists(), "the refused build was put in place");
    // Only the lock file every build keeps beside its output is left.
    let left: Vec<String> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, [".dist.briefing.lock"], "the staging folder was left");
}

#[test]
fn a_clean_site_builds_under_deny_warnings() {
    let site = tempfile::tempdir().unwrap();
    write(
        site.path(),
        "content/ferry.md",
        "+++\ntitle = \"Ferry times change\"\ndate = 2025-04-02\n+++\n\n## When do the boats run?\n\n\
         The first boat now leaves at six, and the last one at ten at night.\n",
    );
    let out = tempfile::tempdir().unwrap();
    let config = config_into(site.path(), &out.path().join("dist"));
    let built = check::build(&config, true, |_| {}).unwrap();
    assert!(built.written);
    assert!(built.checked.passes(true), "{:?}", built.checked.findings);
    assert!(built.checked.links > 0);
    assert!(out.path().join("dist/index.html").is_file());
}

/// Every `.html` file under `dir`.
fn html_files(dir: &Path, into: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            html_files(&path, into);
        } else if path.extension().is_some_and(|e| e == "html") {
            into.push(path);
        }
    }
}

#[test]
fn the_quick_scan_reads_every_page_as_the_html_parser_does() {
    let site = site_with_findings();
    let out = tempfile::tempdir().unwrap();
    let dist = out.path().join("dist");
    let mut config = config_into(site.path(), &dist);
    config.print = true;
    check::build(&config, false, |_| {}).unwrap();
    let mut pages = Vec::new();
    html_files(&dist, &mut pages);
    let mut scanned = 0;
    for page in &pages {
        let html = std::fs::read_to_string(page).unwrap();
        let Some(found) = check::scan::scan(&html) else {
            continue;
        };
        scanned += 1;
        assert_eq!(found, check::parsed(&html), "{}", page.display());
    }
    // Only the search page (its form's `select`s) needs the parser.
    assert_eq!(scanned, pages.len() - 1, "{} pages", pages.len());
    assert!(pages.len() > 20);
}

#[test]
fn a_broken_source_under_deny_warnings_lists_every_finding_and_writes_nothing() {
    let site = tempfile::tempdir().unwrap();
    write(
        site.path(),
        "content/broken.md",
        "+++\ntitle = \"Ferry times change\ndate = 2025-04-02\n+++\n\n## When?\n\nAt six.\n",
    );
    write(
        site.path(),
        "content/undated.md",
        "+++\ntitle = \"Market hall reopens\"\n+++\n\n## Who runs it?\n\nA trust of twelve traders runs the hall.\n",
    );
    let output = common::briefing()
        .arg("build")
        .arg(site.path())
        .arg("--deny-warnings")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "{stderr}");
    // The build stops at the broken source; `check` then gives every finding.
    assert!(stderr.contains("error: content/broken.md:"), "{stderr}");
    assert!(
        stderr.contains("warning: content/undated.md:1: no date"),
        "{stderr}"
    );
    assert!(stderr.contains("nothing was written"), "{stderr}");
    assert!(!site.path().join("dist").exists());
}

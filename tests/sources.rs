//! Sources as they arrive: one invented article (written for these tests)
//! saved as a `.txt`, a web page with page furniture, the same page
//! without `<article>`, an email, a Word file and a PDF printed from the
//! page, each giving the same title, date, question sections, caption and
//! attributed quote, and none of the furniture. Bad documents fail or warn
//! naming the file, fast.

mod common;

use briefing::model::{Briefing, SectionKind};
use common::{briefing, repo};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures/sources").join(name)
}

fn extract(path: &Path) -> Briefing {
    let source = briefing::load::load_file(path).unwrap_or_else(|e| panic!("{e}"));
    let doc = briefing::parse::parse(&source).unwrap();
    briefing::extract::extract(&doc).unwrap()
}

/// What a reader gets from a briefing, apart from where it came from.
#[derive(Debug, PartialEq)]
struct Essence {
    title: String,
    date: Option<String>,
    lead: Vec<String>,
    sections: Vec<(String, SectionKind, Vec<String>)>,
    captions: Vec<String>,
    quotes: Vec<(String, Option<String>)>,
}

fn essence(b: &Briefing) -> Essence {
    Essence {
        title: b.title.clone(),
        date: b.date.map(|d| d.to_string()),
        lead: b.lead.iter().map(|p| p.text.clone()).collect(),
        sections: b
            .sections
            .iter()
            .map(|s| {
                (
                    s.heading.clone(),
                    s.kind,
                    s.paragraphs.iter().map(|p| p.text.clone()).collect(),
                )
            })
            .collect(),
        captions: b
            .captions
            .iter()
            .map(|c| format!("{} ({})", c.text, c.credit.as_deref().unwrap_or("-")))
            .collect(),
        quotes: b
            .quotes
            .iter()
            .map(|q| (q.text.clone(), q.speaker.clone()))
            .collect(),
    }
}

/// Every piece of text a briefing shows.
fn all_text(b: &Briefing) -> String {
    let mut out = vec![b.title.clone()];
    out.extend(b.lead.iter().map(|p| p.text.clone()));
    for s in &b.sections {
        out.push(s.heading.clone());
        out.extend(s.paragraphs.iter().map(|p| p.text.clone()));
    }
    out.extend(b.captions.iter().map(|c| c.text.clone()));
    out.join("\n")
}

/// Words from the page furniture of the fixtures, none of which the
/// article itself uses.
const FURNITURE: &[&str] = &[
    "cookies",
    "Accept all",
    "Manage settings",
    "Home",
    "Sport",
    "Weather",
    "Share on X",
    "Email this story",
    "Copy link",
    "Advertisement",
    "Cheap flights",
    "Injected by a script",
    "Related stories",
    "Harbour wall repairs",
    "Share this article",
    "Facebook",
    "newsletter",
    "Sign up",
    "All rights reserved",
    "Contact us",
    "tracked",
    "alert",
];

fn assert_same_as_text(name: &str) {
    let text = extract(&fixture("ferry.txt"));
    let other = extract(&fixture(name));
    let want = essence(&text);
    assert_eq!(want.sections.len(), 3, "the .txt has three questions");
    assert!(
        want.quotes
            .iter()
            .any(|q| q.1.as_deref() == Some("Ilse Marrow"))
    );
    assert_eq!(essence(&other), want, "{name} differs from ferry.txt");
    let shown = all_text(&other);
    for word in FURNITURE {
        assert!(
            !shown.contains(word),
            "{name}: `{word}` reached the text:\n{shown}"
        );
    }
}

#[test]
fn html_page_gives_the_same_briefing_as_the_text() {
    assert_same_as_text("ferry.html");
}

#[test]
fn html_page_without_article_gives_the_same_briefing() {
    assert_same_as_text("ferry-no-article.html");
}

#[test]
fn html_page_metadata_authors_from_markup() {
    let b = extract(&fixture("ferry.html"));
    assert_eq!(b.authors, ["Tamsin Vell"]);
}

/// A site with `files` (name, bytes) in `seeds/`.
fn site(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("seeds")).unwrap();
    for (name, bytes) in files {
        std::fs::write(dir.path().join("seeds").join(name), bytes).unwrap();
    }
    dir
}

#[test]
fn sidecar_metadata_wins_for_a_page() {
    let page = std::fs::read(fixture("ferry.html")).unwrap();
    let dir = site(&[
        ("ferry.html", &page),
        (
            "ferry.toml",
            b"title = \"Edited title\"\ndate = 2026-03-09\nslug = \"orrin-ferry\"\n",
        ),
    ]);
    let loaded = briefing::load::load_sources(
        dir.path(),
        &[dir.path().join("seeds")],
        briefing::load::DEFAULT_MAX_SOURCE_BYTES,
    )
    .unwrap();
    assert_eq!(loaded.sources.len(), 1, "the sidecar is not a source");
    let doc = briefing::parse::parse(&loaded.sources[0]).unwrap();
    let b = briefing::extract::extract(&doc).unwrap();
    assert_eq!(b.title, "Edited title");
    assert_eq!(b.date.unwrap().to_string(), "2026-03-09");
    assert_eq!(b.slug, "orrin-ferry");
}

#[test]
fn check_reports_what_was_dropped_per_source() {
    let page = std::fs::read(fixture("ferry.html")).unwrap();
    let dir = site(&[("ferry.html", &page)]);
    let out = briefing().arg("check").arg(dir.path()).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let line = stdout
        .lines()
        .find(|l| l.starts_with("seeds/ferry.html:0: note: "))
        .unwrap_or_else(|| panic!("no note for the page:\n{stdout}"));
    for rule in [
        "script",
        "navigation",
        "cookie banner",
        "share widget",
        "advert",
        "form",
        "related",
        "footer",
    ] {
        assert!(line.contains(rule), "{rule} missing: {line}");
    }
    assert!(out.status.success(), "notes are not warnings: {stdout}");
}

#[test]
fn build_with_a_page_writes_its_briefing() {
    let page = std::fs::read(fixture("ferry.html")).unwrap();
    let dir = site(&[("ferry.html", &page)]);
    let out = briefing().arg("build").arg(dir.path()).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let html = std::fs::read_to_string(dir.path().join("dist/briefings/ferry/index.html")).unwrap();
    assert!(html.contains("What did the board decide?"));
    assert!(!html.contains("Cheap flights"));
}

/// Runs `briefing build` on a site whose one source is `bad`, next to a
/// good one, and returns (success, stderr, seconds).
fn build_with_bad(name: &str, bad: &[u8]) -> (bool, String, Duration) {
    let good = std::fs::read(fixture("ferry.txt")).unwrap();
    let dir = site(&[("good.txt", &good)]);
    let first = briefing().arg("build").arg(dir.path()).output().unwrap();
    assert!(first.status.success());
    let index = dir.path().join("dist/index.html");
    let before = std::fs::read(&index).unwrap();
    std::fs::write(dir.path().join("seeds").join(name), bad).unwrap();
    let started = Instant::now();
    let out = briefing().arg("build").arg(dir.path()).output().unwrap();
    let took = started.elapsed();
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(!stderr.contains("panicked"), "{stderr}");
    if !out.status.success() {
        assert_eq!(
            std::fs::read(&index).unwrap(),
            before,
            "a failed build leaves dist/ as it was"
        );
    }
    (out.status.success(), stderr, took)
}

#[test]
fn bad_html_deeply_nested_divs_fail_naming_the_file_fast() {
    let deep = "<div>".repeat(1 << 20);
    let (ok, stderr, took) = build_with_bad("deep.html", deep.as_bytes());
    assert!(!ok);
    assert!(
        stderr.contains("seeds/deep.html") && stderr.contains("nested"),
        "{stderr}"
    );
    assert!(took < Duration::from_secs(10), "took {took:?}");
}

#[test]
fn bad_html_binary_bytes_fail_naming_the_file() {
    let (ok, stderr, _) = build_with_bad("photo.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00");
    assert!(!ok);
    assert!(stderr.contains("seeds/photo.html"), "{stderr}");
}

#[test]
fn html_page_with_no_text_is_skipped_with_a_warning() {
    let (ok, stderr, _) =
        build_with_bad("empty.html", b"<html><body><nav>Home</nav></body></html>");
    assert!(ok, "{stderr}");
    assert!(
        stderr.contains("seeds/empty.html") && stderr.contains("no article text"),
        "{stderr}"
    );
}

#[test]
fn email_gives_the_same_briefing_as_the_text() {
    assert_same_as_text("ferry.eml");
    let b = extract(&fixture("ferry.eml"));
    assert_eq!(
        b.credit.as_deref(),
        Some("Tamsin Vell"),
        "From is the credit"
    );
    let shown = all_text(&b);
    for residue in [
        "Forwarded message",
        "desk@orrin-gazette",
        "Islands reporter",
        "%PDF",
    ] {
        assert!(!shown.contains(residue), "`{residue}` reached the text");
    }
}

#[test]
fn email_with_only_an_html_part_gives_the_same_briefing() {
    // The HTML part of ferry.eml as the only body of a message.
    assert_same_as_text("ferry-html-only.eml");
}

#[test]
fn check_lists_an_email_attachment() {
    let eml = std::fs::read(fixture("ferry.eml")).unwrap();
    let dir = site(&[("ferry.eml", &eml)]);
    let out = briefing().arg("check").arg(dir.path()).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("seeds/ferry.eml:0: note: ")
            && stdout.contains("attachment listed, not read: winter-timetable.pdf")
            && stdout.contains("forwarded headers")
            && stdout.contains("signature"),
        "{stdout}"
    );
}

#[test]
fn bad_email_with_a_10_mb_attachment_builds_fast() {
    let chunk = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0\r\n";
    let attachment = chunk.repeat((10 << 20) / chunk.len());
    let message = format!(
        "From: desk@example.org\r\nSubject: Ferry timetable\r\nDate: Wed, 4 Mar 2026 08:05:00 +0000\r\n\
         MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\n\
         Content-Type: text/plain\r\n\r\nThe winter timetable for the night ferry is attached to this message for the desk.\r\n\
         --b\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=\"big.bin\"\r\n\
         Content-Transfer-Encoding: base64\r\n\r\n{attachment}--b--\r\n"
    );
    let (ok, stderr, took) = build_with_bad("big.eml", message.as_bytes());
    assert!(ok, "{stderr}");
    assert!(took < Duration::from_secs(20), "took {took:?}");
}

#[test]
fn bad_email_that_is_not_a_message_fails_naming_the_file() {
    let (ok, stderr, _) = build_with_bad("junk.eml", b"\x00\x01 not headers \xff\xfe");
    assert!(!ok);
    assert!(
        stderr.contains("seeds/junk.eml") && stderr.contains("not an email"),
        "{stderr}"
    );
}

#[test]
fn docx_gives_the_same_briefing_as_the_text() {
    assert_same_as_text("ferry.docx");
    let b = extract(&fixture("ferry.docx"));
    assert_eq!(b.authors, ["Tamsin Vell"], "dc:creator");
}

#[test]
fn bad_docx_truncated_fails_naming_the_file() {
    let whole = std::fs::read(fixture("ferry.docx")).unwrap();
    let (ok, stderr, took) = build_with_bad("cut.docx", &whole[..whole.len() * 2 / 3]);
    assert!(!ok);
    assert!(
        stderr.contains("seeds/cut.docx") && stderr.contains("truncated"),
        "{stderr}"
    );
    assert!(took < Duration::from_secs(10));
}

#[test]
fn sidecar_works_for_every_kind() {
    for name in ["ferry.html", "ferry.eml", "ferry.docx"] {
        let bytes = std::fs::read(fixture(name)).unwrap();
        let dir = site(&[
            (name, &bytes),
            (
                "ferry.toml",
                b"title = \"From the sidecar\"\ntags = [\"ferries\"]\n",
            ),
        ]);
        let loaded = briefing::load::load_sources(
            dir.path(),
            &[dir.path().join("seeds")],
            briefing::load::DEFAULT_MAX_SOURCE_BYTES,
        )
        .unwrap();
        assert_eq!(
            loaded.sources.len(),
            1,
            "{name}: the sidecar is not a source"
        );
        let doc = briefing::parse::parse(&loaded.sources[0]).unwrap();
        let b = briefing::extract::extract(&doc).unwrap();
        assert_eq!(b.title, "From the sidecar", "{name}");
        assert_eq!(b.tags, ["ferries"], "{name}");
        assert_eq!(b.sections.len(), 3, "{name}");
    }
}

//! The print book a desk hands out (issue 22): a site of eight briefings
//! (the two seeds from `../shared/seeds`, read at run time, and six written
//! for this test in `tests/fixtures/print_book/`) printed with the real
//! Chromium and read back with poppler (`pdftotext`, `pdfinfo`) and lopdf.
//!
//! Checked: the paper size as configured, one outline entry per briefing
//! with its questions nested, every contents page number equal to the page
//! its entry's heading is on, the running head on every page of a briefing
//! after its first (and none on its first or on the cover), the folio, the
//! date of issue on the cover (and `--date`), no page but the last with 3
//! lines of text or fewer, the document information, and `--each` PDFs
//! that never hold a `file://` link. Without Chromium or poppler the
//! tests are skipped with a note, except with `CI=true`, where they fail.

mod common;

use common::{copy_into, repo, shared_seeds, txt_files};
use lopdf::{Document, Object};
use std::path::{Path, PathBuf};
use std::process::Command;

const SITE_TITLE: &str = "Harbour City Briefings";

fn in_ci() -> bool {
    std::env::var("CI").as_deref() == Ok("true")
}

/// True when Chromium and poppler are here; else a note (a panic in CI).
fn tools() -> bool {
    let chrome = briefing::pdf::find_chrome(None).is_ok();
    let poppler = Command::new("pdftotext").arg("-v").output().is_ok()
        && Command::new("pdfinfo").arg("-v").output().is_ok();
    if chrome && poppler {
        return true;
    }
    let what = "Chromium and poppler-utils (apt-get install chromium poppler-utils)";
    assert!(!in_ci(), "{what} missing, and CI=true");
    eprintln!("note: skipping the print book tests: they need {what}");
    false
}

/// The eight-briefing site, with `toml` as its `briefing.toml`.
fn site(toml: &str) -> Option<tempfile::TempDir> {
    let seeds = shared_seeds()?;
    let tmp = tempfile::tempdir().unwrap();
    copy_into(&txt_files(&seeds), &tmp.path().join("seeds"));
    let fixtures = repo().join("tests/fixtures/print_book");
    let mut written: Vec<PathBuf> = std::fs::read_dir(&fixtures)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    written.sort();
    copy_into(&written, &tmp.path().join("content"));
    std::fs::write(tmp.path().join("briefing.toml"), toml).unwrap();
    Some(tmp)
}

fn config(extra: &str) -> String {
    format!(
        "title = \"{SITE_TITLE}\"\ndescription = \"Background for the council and the desk\"\n{extra}"
    )
}

fn pdf(site: &Path, args: &[&str]) -> std::process::Output {
    Command::new(assert_cmd::cargo::cargo_bin("briefing"))
        .arg("pdf")
        .arg(site)
        .args(args)
        .output()
        .unwrap()
}

fn ok(output: &std::process::Output) {
    assert!(
        output.status.success(),
        "briefing pdf failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn pdftotext(pdf: &Path, page: usize, layout: bool) -> String {
    let mut command = Command::new("pdftotext");
    if layout {
        command.arg("-layout");
    }
    let p = page.to_string();
    let output = command
        .args(["-f", &p, "-l", &p])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(output.status.success());
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn pdfinfo(pdf: &Path) -> String {
    let output = Command::new("pdfinfo").arg(pdf).output().unwrap();
    assert!(output.status.success());
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn field(info: &str, name: &str) -> String {
    info.lines()
        .find_map(|l| l.strip_prefix(&format!("{name}:")))
        .map(|v| v.trim().to_string())
        .unwrap_or_default()
}

/// Width and height in whole points.
fn page_size(info: &str) -> (i64, i64) {
    let size = field(info, "Page size");
    let numbers: Vec<f64> = size
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect();
    (numbers[0].round() as i64, numbers[1].round() as i64)
}

/// One entry of the built `print.html`'s contents.
#[derive(Debug)]
struct Entry {
    text: String,
    depth: usize,
    briefing: usize,
}

/// The contents of the built book, read from `print.html` the way a
/// reader would see them.
fn contents(site: &Path) -> Vec<Entry> {
    let dist = site.join("dist-for-test");
    common::build_into_with(site, &dist, &["--print"]);
    let html = std::fs::read_to_string(dist.join("print.html")).unwrap();
    let doc = scraper::Html::parse_document(&html);
    let links = scraper::Selector::parse("nav.book-toc a[href^=\"#\"]").unwrap();
    let mut out = Vec::new();
    let mut briefing = 0;
    for a in doc.select(&links) {
        let depth = a
            .ancestors()
            .filter_map(scraper::ElementRef::wrap)
            .filter(|e| e.value().name() == "ol")
            .count()
            - 1;
        if depth == 0 {
            briefing += 1;
        }
        out.push(Entry {
            text: squash(&a.text().collect::<String>()),
            depth,
            briefing: briefing - 1,
        });
    }
    out
}

/// The outline's entries: (title, depth), in order.
fn outline(pdf: &Path) -> Vec<(String, usize)> {
    let doc = Document::load(pdf).unwrap();
    let root = doc
        .catalog()
        .unwrap()
        .get(b"Outlines")
        .unwrap()
        .as_reference()
        .unwrap();
    let mut out = Vec::new();
    fn walk(
        doc: &Document,
        node: &lopdf::Dictionary,
        depth: usize,
        out: &mut Vec<(String, usize)>,
    ) {
        let mut next = node.get(b"First").and_then(Object::as_reference).ok();
        while let Some(id) = next {
            let item = doc.get_dictionary(id).unwrap();
            let title = item.get(b"Title").unwrap().as_str().unwrap();
            let title = match title {
                [0xFE, 0xFF, rest @ ..] => String::from_utf16_lossy(
                    &rest
                        .chunks(2)
                        .map(|c| u16::from_be_bytes([c[0], c[1]]))
                        .collect::<Vec<_>>(),
                ),
                plain => String::from_utf8_lossy(plain).into_owned(),
            };
            out.push((title, depth));
            walk(doc, item, depth + 1, out);
            next = item.get(b"Next").and_then(Object::as_reference).ok();
        }
    }
    walk(&doc, doc.get_dictionary(root).unwrap(), 0, &mut out);
    out
}

/// Every link annotation's URI in the PDF.
fn uris(pdf: &Path) -> Vec<String> {
    let doc = Document::load(pdf).unwrap();
    let mut out = Vec::new();
    for (_, page) in doc.get_pages() {
        for annot in doc.get_page_annotations(page).unwrap_or_default() {
            let action = annot.get(b"A").ok().and_then(|a| match a {
                Object::Reference(id) => doc.get_dictionary(*id).ok(),
                Object::Dictionary(d) => Some(d),
                _ => None,
            });
            if let Some(uri) = action.and_then(|a| a.get(b"URI").ok()) {
                out.push(String::from_utf8_lossy(uri.as_str().unwrap()).into_owned());
            }
        }
    }
    out
}

/// The number printed after `text` in the contents (the first entry with
/// that text at or after `from` in the squashed contents pages).
fn printed_number(contents: &str, text: &str, from: &mut usize) -> Option<u32> {
    let at = contents[*from..].find(text)? + *from + text.len();
    *from = at;
    // A briefing's date ("14 May 2025") may sit between its title and
    // its number.
    let words: Vec<&str> = contents[at..].split_whitespace().take(4).collect();
    let dated = words.len() == 4
        && chrono::NaiveDate::parse_from_str(&words[..3].join(" "), "%d %B %Y").is_ok();
    let skip = if dated { 3 } else { 0 };
    words.get(skip)?.parse().ok()
}

#[test]
fn the_book_of_eight_briefings_reads_back_as_a_desk_would_want_it() {
    if !tools() {
        return;
    }
    let Some(site) = site(&config("paper = \"a4\"\n")) else {
        return;
    };
    let book = site.path().join("book.pdf");
    ok(&pdf(site.path(), &["--out", book.to_str().unwrap()]));
    let info = pdfinfo(&book);
    let mut failures = Vec::new();

    // The same sources give the same bytes (no time of printing in it).
    let again = site.path().join("again.pdf");
    ok(&pdf(site.path(), &["--out", again.to_str().unwrap()]));
    if std::fs::read(&book).unwrap() != std::fs::read(&again).unwrap() {
        failures.push("two prints of the same site differ".to_string());
    }

    // Paper as configured.
    if page_size(&info) != (595, 842) {
        failures.push(format!("A4 expected, got {}", field(&info, "Page size")));
    }
    // Document information.
    let title = field(&info, "Title");
    if title != format!("{SITE_TITLE} · Print edition") {
        failures.push(format!("Title {title:?}"));
    }
    if field(&info, "Author") != SITE_TITLE {
        failures.push(format!("Author {:?}", field(&info, "Author")));
    }
    if field(&info, "Subject") != "Background for the council and the desk" {
        failures.push(format!("Subject {:?}", field(&info, "Subject")));
    }
    // The newest briefing is of 14 May 2025; pdfinfo shows the date in UTC.
    if !field(&info, "CreationDate").contains("May 14") {
        failures.push(format!("CreationDate {:?}", field(&info, "CreationDate")));
    }
    if field(&info, "Tagged") != "yes" {
        failures.push("not a tagged PDF".to_string());
    }

    let pages: usize = field(&info, "Pages").parse().unwrap();
    let text: Vec<String> = (1..=pages).map(|p| pdftotext(&book, p, false)).collect();
    let flat: Vec<String> = text.iter().map(|t| squash(t)).collect();

    // The cover: title, description, date of issue, count; no folio.
    for wanted in [
        SITE_TITLE,
        "Background for the council and the desk",
        "Issued 14 May 2025",
        "8 briefings",
    ] {
        if !flat[0].contains(wanted) {
            failures.push(format!("cover lacks {wanted:?}: {}", flat[0]));
        }
    }
    if text[0].lines().any(|l| l.trim() == "1") {
        failures.push("the cover has a page number".to_string());
    }

    // The outline: one entry per briefing, questions nested, no boxes.
    let entries = contents(site.path());
    let briefings: Vec<&Entry> = entries.iter().filter(|e| e.depth == 0).collect();
    assert_eq!(briefings.len(), 8, "{entries:?}");
    let marks = outline(&book);
    let top: Vec<&str> = marks
        .iter()
        .filter(|(_, d)| *d == 0)
        .map(|(t, _)| t.as_str())
        .collect();
    let titles: Vec<&str> = briefings.iter().map(|e| e.text.as_str()).collect();
    if top != titles {
        failures.push(format!("outline {top:?}\n  not the briefings {titles:?}"));
    }
    let nested: Vec<&str> = entries
        .iter()
        .filter(|e| e.depth > 0)
        .map(|e| e.text.as_str())
        .collect();
    let marked: Vec<&str> = marks
        .iter()
        .filter(|(_, d)| *d > 0)
        .map(|(t, _)| t.as_str())
        .collect();
    if marked != nested {
        failures.push(format!("outline questions {marked:?}\n  not {nested:?}"));
    }
    for (mark, _) in &marks {
        if ["At a glance", "In this briefing", "Contents", "Who’s who"].contains(&mark.as_str()) {
            failures.push(format!("outline entry {mark:?}"));
        }
    }

    // Where each briefing starts: the first page that opens with its title
    // (a briefing's first page has no running head).
    let starts: Vec<usize> = briefings
        .iter()
        .map(|b| {
            flat.iter()
                .position(|p| p.starts_with(&b.text))
                .map_or(0, |i| i + 1)
        })
        .collect();
    if starts.contains(&0) {
        failures.push(format!("a briefing does not open a page: {starts:?}"));
    }
    let first_briefing = starts.iter().copied().filter(|&s| s > 0).min().unwrap_or(2);
    let end_of = |b: usize| starts.get(b + 1).map_or(pages + 1, |&s| s);

    // Contents numbers: the page each heading is on, for every entry. A
    // question's heading is its last occurrence in its briefing's pages
    // (it appears first in the briefing's "At a glance").
    let contents_text = squash(
        &(2..first_briefing)
            .map(|p| pdftotext(&book, p, true))
            .collect::<Vec<_>>()
            .join("\n"),
    );
    let mut from = 0;
    for entry in &entries {
        let printed = printed_number(&contents_text, &entry.text, &mut from);
        let actual = if entry.depth == 0 {
            starts[entry.briefing]
        } else {
            let start = starts[entry.briefing];
            (start..end_of(entry.briefing))
                .rev()
                .find(|&p| flat[p - 1].contains(&entry.text))
                .unwrap_or(0)
        };
        if printed != Some(actual as u32) {
            failures.push(format!(
                "contents say {:?} is on page {printed:?}; it is on page {actual}",
                entry.text
            ));
        }
    }

    // Running heads and folios; no page but the last with 3 lines or fewer.
    for p in 2..=pages {
        let lines: Vec<&str> = text[p - 1]
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        let owner = (0..starts.len())
            .rev()
            .find(|&b| starts[b] != 0 && starts[b] <= p);
        let mut body = lines.len();
        match owner {
            Some(b) if starts[b] < p => {
                let head = lines.first().copied().unwrap_or("");
                let cut = head.trim_end_matches('…');
                if cut.len() < 12 || !briefings[b].text.starts_with(cut) {
                    failures.push(format!(
                        "page {p}: running head {head:?}, not {:?}",
                        briefings[b].text
                    ));
                }
                body -= 1;
            }
            // A briefing's first page opens with its title (see `starts`).
            _ => {}
        }
        let folio = format!("{SITE_TITLE} {p}");
        let has_folio = flat[p - 1].ends_with(&folio)
            || (lines.contains(&SITE_TITLE) && lines.contains(&p.to_string().as_str()));
        if !has_folio {
            failures.push(format!("page {p}: no folio {folio:?}"));
        } else {
            body = body.saturating_sub(2);
        }
        if p < pages && body <= 3 {
            failures.push(format!("page {p} holds {body} lines: {lines:?}"));
        }
    }

    assert!(
        failures.is_empty(),
        "the book ({}):\n{}",
        book.display(),
        failures.join("\n")
    );
}

#[test]
fn paper_and_date_of_issue_come_from_the_command_line() {
    if !tools() {
        return;
    }
    let Some(site) = site(&config("paper = \"a4\"\n")) else {
        return;
    };
    let book = site.path().join("letter.pdf");
    let output = pdf(
        site.path(),
        &[
            "--paper",
            "letter",
            "--date",
            "2025-06-01",
            "--out",
            book.to_str().unwrap(),
        ],
    );
    ok(&output);
    let info = pdfinfo(&book);
    assert_eq!(page_size(&info), (612, 792), "{info}");
    assert!(squash(&pdftotext(&book, 1, false)).contains("Issued 1 June 2025"));
    assert!(
        field(&info, "CreationDate").contains("Jun  1")
            || field(&info, "CreationDate").contains("Jun 1"),
        "{info}"
    );
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(said.contains("pages on letter"), "{said}");
}

#[test]
fn each_briefing_alone_links_under_base_url_and_never_to_a_file() {
    if !tools() {
        return;
    }
    for (toml, base) in [
        (
            config("base_url = \"https://desk.example/briefings/\"\npaper = \"a5\"\n"),
            true,
        ),
        (config(""), false),
    ] {
        let Some(site) = site(&toml) else { return };
        let out = site.path().join("each");
        ok(&pdf(
            site.path(),
            &["--each", "--out", out.to_str().unwrap()],
        ));
        let mut files: Vec<PathBuf> = std::fs::read_dir(&out)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .collect();
        files.sort();
        assert_eq!(files.len(), 8, "{files:?}");
        let mut site_links = 0;
        for file in &files {
            let info = pdfinfo(file);
            assert_eq!(field(&info, "Author"), SITE_TITLE, "{}", file.display());
            assert!(
                field(&info, "Title").ends_with(SITE_TITLE) || !field(&info, "Title").is_empty(),
                "{info}"
            );
            if base {
                assert_eq!(page_size(&info), (420, 595), "A5: {info}");
            }
            for uri in uris(file) {
                assert!(!uri.starts_with("file:"), "{}: {uri}", file.display());
                if uri.starts_with("https://desk.example/briefings/") {
                    site_links += 1;
                } else {
                    assert!(
                        !uri.contains("index.html") || uri.starts_with("http"),
                        "{}: {uri}",
                        file.display()
                    );
                }
            }
        }
        if base {
            assert!(site_links > 0, "no link under base_url in any --each PDF");
        } else {
            assert_eq!(site_links, 0);
        }
        // A dated briefing carries its date in the subject and creation date.
        let ferry = out.join("harbour-ferry-fares.pdf");
        let info = pdfinfo(&ferry);
        assert!(field(&info, "Subject").contains("14 May 2025"), "{info}");
        assert!(field(&info, "CreationDate").contains("May 14"), "{info}");
    }
}

/// A one-page PDF such as an old Chromium would write.
fn old_pdf(path: &Path) {
    use lopdf::{Dictionary, Stream};
    let mut doc = Document::with_version("1.4");
    let pages_id = doc.new_object_id();
    let content = doc.add_object(Stream::new(Dictionary::new(), Vec::new()));
    let mut page = Dictionary::new();
    page.set("Type", Object::Name(b"Page".to_vec()));
    page.set("Parent", pages_id);
    page.set("Contents", content);
    page.set("MediaBox", vec![0.into(), 0.into(), 612.into(), 792.into()]);
    let page = doc.add_object(page);
    let mut pages = Dictionary::new();
    pages.set("Type", Object::Name(b"Pages".to_vec()));
    pages.set("Kids", vec![Object::Reference(page)]);
    pages.set("Count", 1);
    doc.objects.insert(pages_id, Object::Dictionary(pages));
    let mut catalog = Dictionary::new();
    catalog.set("Type", Object::Name(b"Catalog".to_vec()));
    catalog.set("Pages", pages_id);
    let catalog = doc.add_object(catalog);
    doc.trailer.set("Root", catalog);
    let mut info = Dictionary::new();
    info.set("Producer", Object::string_literal("Skia/PDF m96"));
    let info = doc.add_object(info);
    doc.trailer.set("Info", info);
    doc.save(path).unwrap();
}

#[cfg(unix)]
#[test]
fn a_too_old_chromium_is_named_with_what_is_needed() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let old = tmp.path().join("old.pdf");
    old_pdf(&old);
    // The "browser" copies an old Chromium's PDF where it is asked to print.
    let fake = tmp.path().join("chromium-96");
    std::fs::write(
        &fake,
        format!(
            "#!/bin/sh\nfor a in \"$@\"; do case \"$a\" in --print-to-pdf=*) cp {} \"${{a#--print-to-pdf=}}\";; esac; done\n",
            old.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
    let out = tmp.path().join("book.pdf");
    let output = Command::new(assert_cmd::cargo::cargo_bin("briefing"))
        .arg("pdf")
        .arg(repo())
        .arg("--out")
        .arg(&out)
        .env("BRIEFING_CHROME", &fake)
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    for hint in ["Chromium 96", "120 or newer", "BRIEFING_CHROME", "--chrome"] {
        assert!(stderr.contains(hint), "{hint:?} not in: {stderr}");
    }
    assert!(!out.exists(), "a PDF was written");
    let leftovers: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains(".part"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

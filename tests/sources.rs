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
    "Most read",
    "Island school",
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
fn html_page_with_headline_and_text_in_sibling_blocks_gives_the_same_briefing() {
    assert_same_as_text("ferry-split.html");
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

/// The one briefing of a site's `seeds/`, loaded as a build loads it.
fn load_one(site: &Path) -> Briefing {
    let loaded = briefing::load::load_sources(
        site,
        &[site.join("seeds")],
        briefing::read::DEFAULT_MAX_SOURCE_BYTES,
    )
    .unwrap();
    assert_eq!(loaded.sources.len(), 1, "the sidecar is not a source");
    let doc = briefing::parse::parse(&loaded.sources[0]).unwrap();
    briefing::extract::extract(&doc).unwrap()
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
    let b = load_one(dir.path());
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
        .find(|l| l.starts_with("seeds/ferry.html:1: note: "))
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
        stdout.contains("seeds/ferry.eml:1: note: ")
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
    let mut kinds = vec!["ferry.html", "ferry.eml", "ferry.docx"];
    if have_pdftotext() {
        kinds.push("ferry.pdf");
    }
    for name in kinds {
        let bytes = std::fs::read(fixture(name)).unwrap();
        let dir = site(&[
            (name, &bytes),
            (
                "ferry.toml",
                b"title = \"From the sidecar\"\ntags = [\"ferries\"]\n",
            ),
        ]);
        let b = load_one(dir.path());
        assert_eq!(b.title, "From the sidecar", "{name}");
        assert_eq!(b.tags, ["ferries"], "{name}");
        assert_eq!(b.sections.len(), 3, "{name}");
    }
}

/// Whether poppler's `pdftotext` is here; PDF tests skip with a message
/// when it is not.
fn have_pdftotext() -> bool {
    let found = briefing::sources::pdf_text::find_pdftotext().is_some();
    if !found {
        eprintln!("skipping: pdftotext (poppler-utils) not found");
    }
    found
}

/// A one-page PDF with `content` as its page's content stream, optionally
/// with an `/Encrypt` dictionary whose password is not empty.
fn minimal_pdf(content: &str, encrypted: bool) -> Vec<u8> {
    let mut objects = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R \
         /Resources << /Font << /F1 5 0 R >> >> >>"
            .to_string(),
        format!(
            "<< /Length {} >>\nstream\n{content}\nendstream",
            content.len()
        ),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
    ];
    if encrypted {
        objects.push(format!(
            "<< /Filter /Standard /V 1 /R 2 /P -4 /O <{}> /U <{}> >>",
            "7a".repeat(32),
            "3c".repeat(32)
        ));
    }
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend(format!("{} 0 obj\n{object}\nendobj\n", i + 1).bytes());
    }
    let xref = pdf.len();
    pdf.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).bytes());
    for offset in offsets {
        pdf.extend(format!("{offset:010} 00000 n \n").bytes());
    }
    let encrypt = if encrypted {
        format!(
            " /Encrypt {} 0 R /ID [<{}> <{}>]",
            objects.len(),
            "ab".repeat(16),
            "ab".repeat(16)
        )
    } else {
        String::new()
    };
    pdf.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R{encrypt} >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .bytes(),
    );
    pdf
}

#[test]
fn pdf_gives_the_same_briefing_as_the_text() {
    if !have_pdftotext() {
        return;
    }
    assert_same_as_text("ferry.pdf");
}

#[test]
fn pdf_printed_now_by_chromium_gives_the_same_briefing() {
    if !have_pdftotext() {
        return;
    }
    let Ok(chrome) = briefing::pdf::find_chrome(None) else {
        eprintln!("skipping: no Chromium to print the page with");
        return;
    };
    // The page as a reader's browser prints it with scripts off (a
    // headless browser stops at the fixture's `alert()` handlers), its
    // missing image replaced by a blank one.
    let page = std::fs::read_to_string(fixture("ferry.html")).unwrap();
    let mut printable = String::new();
    let mut rest = page.as_str();
    while let Some(at) = rest.find("<script") {
        printable.push_str(&rest[..at]);
        let json = rest[at..].starts_with("<script type=\"application/ld+json\"");
        let end = rest[at..]
            .find("</script>")
            .map_or(rest.len(), |e| at + e + 9);
        if json {
            printable.push_str(&rest[at..end]);
        }
        rest = &rest[end..];
    }
    printable.push_str(rest);
    for handler in [
        " onload=\"track()\"",
        " onclick=\"accept()\"",
        " onerror=\"alert('img')\"",
        " onclick=\"share('x')\"",
        " onmouseover=\"alert(1)\"",
    ] {
        printable = printable.replace(handler, "");
    }
    let blank =
        "data:image/gif;base64,R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==";
    printable = printable.replace(
        "src=\"ferry.jpg\"",
        &format!("src=\"{blank}\" width=\"200\" height=\"60\""),
    );
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("ferry.html");
    std::fs::write(&html, printable).unwrap();
    let pdf = dir.path().join("ferry.pdf");
    let mut child = std::process::Command::new(chrome)
        .args([
            "--headless",
            "--disable-gpu",
            "--no-first-run",
            "--no-sandbox",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-dev-shm-usage",
        ])
        .arg(format!(
            "--user-data-dir={}",
            dir.path().join("profile").display()
        ))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", html.display()))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            let _ = child.wait();
            eprintln!("skipping: Chromium did not print within 60 s");
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(
        essence(&extract(&pdf)),
        essence(&extract(&fixture("ferry.txt")))
    );
}

#[test]
fn bad_pdf_garbage_fails_naming_the_file() {
    if !have_pdftotext() {
        return;
    }
    let (ok, stderr, took) = build_with_bad("junk.pdf", b"%PDF-1.4\nnot really a pdf at all\n");
    assert!(!ok);
    assert!(
        stderr.contains("seeds/junk.pdf") && stderr.contains("not a readable PDF"),
        "{stderr}"
    );
    assert!(took < Duration::from_secs(10));
    let (ok, stderr, _) = build_with_bad("photo.pdf", b"\x89PNG\r\n\x1a\n");
    assert!(
        !ok && stderr.contains("seeds/photo.pdf") && stderr.contains("not a PDF"),
        "{stderr}"
    );
}

#[test]
fn bad_pdf_encrypted_fails_naming_the_file() {
    if !have_pdftotext() {
        return;
    }
    let pdf = minimal_pdf("BT /F1 12 Tf 72 700 Td (Secret text) Tj ET", true);
    let (ok, stderr, _) = build_with_bad("locked.pdf", &pdf);
    assert!(!ok);
    assert!(
        stderr.contains("seeds/locked.pdf") && stderr.contains("encrypted"),
        "{stderr}"
    );
}

#[test]
fn pdf_without_a_text_layer_is_skipped_saying_ocr_it() {
    if !have_pdftotext() {
        return;
    }
    // A page that draws a rectangle and no text, as a scan has only an image.
    let pdf = minimal_pdf("0 0 1 rg 72 72 200 200 re f", false);
    let (ok, stderr, _) = build_with_bad("scan.pdf", &pdf);
    assert!(ok, "{stderr}");
    assert!(
        stderr.contains("seeds/scan.pdf") && stderr.contains("OCR it first"),
        "{stderr}"
    );
    // The same page with text is read.
    let text = minimal_pdf(
        "BT /F1 12 Tf 72 700 Td (The board agreed to keep the night ferry.) Tj ET",
        false,
    );
    let dir = site(&[("page.pdf", &text)]);
    let b = load_one(dir.path());
    assert!(
        all_text(&b).contains("The board agreed to keep the night ferry."),
        "{b:?}"
    );
}

/// Each reader on a few hundred cut and flipped copies of its fixture (a
/// fixed pseudo-random sequence, so a failure repeats): the fuzz targets'
/// checks, run in every test pass; `fuzz/` runs them open-ended.
#[test]
fn readers_survive_mangled_fixtures() {
    use briefing::model::{Metadata, SourceFormat};
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let kinds = [
        ("ferry.html", SourceFormat::Html),
        ("ferry.eml", SourceFormat::Email),
        ("ferry.docx", SourceFormat::Docx),
    ];
    for (name, format) in kinds {
        let original = std::fs::read(fixture(name)).unwrap();
        for round in 0..150 {
            let mut bytes = original.clone();
            let cut = (next() as usize) % (bytes.len() + 1);
            if round % 3 == 0 {
                bytes.truncate(cut);
            }
            for _ in 0..(round % 7) {
                if bytes.is_empty() {
                    break;
                }
                let at = (next() as usize) % bytes.len();
                bytes[at] = next() as u8;
            }
            let Ok(converted) = briefing::sources::read(format, &bytes) else {
                continue;
            };
            let doc = briefing::parse::converted::to_document(
                Path::new(name),
                format,
                &converted,
                Metadata::default(),
            );
            assert_eq!(
                briefing::parse::converted::line_out_of_range(&converted, &doc),
                None,
                "{name} round {round}"
            );
        }
    }
}

/// The GUM train and dev documents (`../shared/corpus/gum`; the test
/// partition is left alone), each `(name, text)`; `None` when the corpus
/// is not beside the repository.
fn gum_train_and_dev() -> Option<Vec<(String, String)>> {
    const TEST: &[&str] = &[
        "GUM_interview_hill",
        "GUM_interview_libertarian",
        "GUM_news_nasa",
        "GUM_news_sensitive",
    ];
    let dir = repo().join("../shared/corpus/gum");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("skipping: {} not found", dir.display());
        return None;
    };
    let mut docs: Vec<(String, String)> = entries
        .flatten()
        .filter_map(|e| {
            let name = e
                .file_name()
                .to_string_lossy()
                .strip_suffix(".txt")?
                .to_string();
            (!TEST.contains(&name.as_str()))
                .then(|| (name, std::fs::read_to_string(e.path()).unwrap()))
        })
        .collect();
    docs.sort();
    Some(docs)
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Real articles (GUM, Wikinews) read as a `.txt`, as a saved page (each
/// paragraph a `<p>`, inside a page with navigation and a footer), as an
/// email's plain-text body and as a Word file give the same briefing: the
/// readers add nothing and lose nothing the raw rules would see.
#[test]
fn gum_articles_read_the_same_from_a_page_an_email_and_a_word_file() {
    let Some(docs) = gum_train_and_dev() else {
        return;
    };
    assert!(docs.len() >= 39, "{} documents", docs.len());
    let dir = tempfile::tempdir().unwrap();
    let mut compared = 0;
    let mut differ: Vec<String> = Vec::new();
    for (name, text) in &docs {
        let paragraphs: Vec<&str> = text
            .split("\n\n")
            .filter(|p| !p.trim().is_empty())
            .collect();
        let txt = dir.path().join(format!("{name}.txt"));
        std::fs::write(&txt, text).unwrap();
        let body: String = paragraphs
            .iter()
            .map(|p| {
                format!(
                    "<p>{}</p>\n",
                    p.lines().map(escape).collect::<Vec<_>>().join("<br>\n")
                )
            })
            .collect();
        let html = dir.path().join(format!("{name}.html"));
        std::fs::write(
            &html,
            format!(
                "<!doctype html><html><head><title>x</title></head><body>\
                 <nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav>\
                 <article>{body}</article><footer>Site footer</footer></body></html>"
            ),
        )
        .unwrap();
        let eml = dir.path().join(format!("{name}.eml"));
        std::fs::write(
            &eml,
            format!(
                "From: desk@example.org\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{}",
                text.replace('\n', "\r\n")
            ),
        )
        .unwrap();
        let docx = dir.path().join(format!("{name}.docx"));
        std::fs::write(&docx, word_file(&paragraphs)).unwrap();
        let want = essence(&extract(&txt));
        for other in [&html, &eml, &docx] {
            let got = essence(&extract(other));
            compared += 1;
            if got != want {
                let name = other.file_name().unwrap().to_string_lossy().to_string();
                differ.push(format!("{name}: {}", first_difference(&got, &want)));
            }
        }
    }
    assert_eq!(compared, docs.len() * 3);
    assert!(
        differ.is_empty(),
        "{} of {compared} differ:\n{}",
        differ.len(),
        differ.join("\n")
    );
}

/// The first field in which two briefings differ, both ways.
fn first_difference(got: &Essence, want: &Essence) -> String {
    let show = |e: &Essence| {
        [
            format!("{:?}", e.title),
            format!("{:?}", e.date),
            format!("{:?}", e.lead),
            format!("{:?}", e.sections),
            format!("{:?}", e.captions),
            format!("{:?}", e.quotes),
        ]
    };
    let names = ["title", "date", "lead", "sections", "captions", "quotes"];
    let fields = names
        .into_iter()
        .zip(show(got))
        .zip(show(want))
        .map(|((n, a), b)| (n, a, b));
    let Some((field, a, b)) = fields.into_iter().find(|(_, a, b)| a != b) else {
        return "same".into();
    };
    let at = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    let from = at.saturating_sub(60);
    let cut = |t: &str| {
        t.get(from..(at + 80).min(t.len()))
            .unwrap_or("")
            .to_string()
    };
    format!("{field}: got …{}… want …{}…", cut(&a), cut(&b))
}

/// A Word file of `paragraphs` in the Normal style, lines of a paragraph
/// as line breaks.
fn word_file(paragraphs: &[&str]) -> Vec<u8> {
    use std::io::Write;
    let body: String = paragraphs
        .iter()
        .map(|p| {
            let runs: Vec<String> = p
                .lines()
                .map(|l| format!("<w:r><w:t xml:space=\"preserve\">{}</w:t></w:r>", escape(l)))
                .collect();
            format!("<w:p>{}</w:p>", runs.join("<w:r><w:br/></w:r>"))
        })
        .collect();
    let document = format!(
        "<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
         <w:body>{body}</w:body></w:document>"
    );
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    zip.write_all(document.as_bytes()).unwrap();
    zip.finish().unwrap().into_inner()
}

#[cfg(unix)]
#[test]
fn pdftotext_that_never_stops_writing_is_killed_at_the_output_cap() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let tool = dir.path().join("pdftotext");
    std::fs::write(&tool, "#!/bin/sh\nexec yes '<word>ferry</word>'\n").unwrap();
    std::fs::set_permissions(&tool, std::fs::Permissions::from_mode(0o755)).unwrap();
    let pdf = dir.path().join("endless.pdf");
    std::fs::write(&pdf, minimal_pdf("BT ET", false)).unwrap();
    let started = Instant::now();
    let out = briefing()
        .arg("extract")
        .arg(&pdf)
        .env(briefing::sources::pdf_text::PDFTOTEXT_ENV, &tool)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        stderr.contains("endless.pdf") && stderr.contains("its text is over 32 MiB"),
        "{stderr}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn explain_shows_what_came_from_markup_and_what_from_the_text_rules() {
    let out = briefing()
        .args(["extract", "--explain"])
        .arg(fixture("ferry.html"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    for rule in [
        "markup title: <h1>",
        "markup heading",
        "markup caption",
        "6.2 byline",
        "6.1 date line",
    ] {
        assert!(stdout.contains(rule), "{rule} missing:\n{stdout}");
    }
    // Lines count the paragraphs read: the first question is the sixth.
    assert!(
        stdout
            .lines()
            .any(|l| l.trim_start().starts_with("6  heading 2  markup heading")),
        "{stdout}"
    );
}

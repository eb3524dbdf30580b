//! PDFs with a text layer (`.pdf`), read with poppler's `pdftotext`
//! (`-bbox-layout`: blocks, lines and words with their boxes), an optional
//! tool found like Chromium is for `briefing pdf`: `$BRIEFING_PDFTOTEXT`,
//! else `pdftotext` on `PATH`. Without it a PDF is skipped with a warning
//! saying how to install it. Steps, in order:
//!
//! 1. **Run** `pdftotext` on the bytes (through its standard input), at
//!    most [`TIMEOUT`] and [`MAX_OUTPUT_BYTES`] of output, then killed. A
//!    PDF it cannot open is refused naming why (`encrypted`: a password is
//!    needed; else not a readable PDF).
//! 2. **Text layer.** The layout is read tag by tag (pages, lines, words,
//!    the document's title), building no tree. No word on any page:
//!    skipped, "no text layer; OCR it first".
//! 3. **Sizes.** A line's size is its box's height; the *body size* is the
//!    size most of the text is set in.
//! 4. **Residue** ([`PDF_RULES`], in order, for each block of each page):
//!    1. `folio`: a one-line block in the top or bottom sixteenth of the page
//!       that is a page number (`3`, `Page 3`, `3 of 9`, `3/9`, `- 3 -`).
//!    2. `running head`: a block in the top or bottom sixteenth that is set
//!       smaller than the body, or whose text (digits aside) comes back in
//!       that band on two pages or more, and on half the pages or more.
//!    3. `before the headline`: on the first page, blocks above the title.
//! 5. **Headings.** The first block on the first page set at 1.5 times the
//!    body size or more, in at most 3 lines, is the title; later blocks of
//!    at most 2 lines set at 1.15 times the body size or more are level-2
//!    headings.
//! 6. **Paragraphs.** A line goes on the paragraph above it when it is set
//!    in the same size (within a tenth) and starts at most 1.7 times its
//!    height below the line above (a browser's PDF has a block per line,
//!    so `pdftotext`'s blocks are not used); lines are joined with a space
//!    (none after a word-final hyphen); a paragraph that a page break cuts
//!    (the last on a page not ending a sentence, the next page going on
//!    with text) is joined again.
//! 7. **Metadata.** The document's title (its Info dictionary), the site
//!    name cut off as for pages, is the fallback title.

use super::{Converted, Origin, Piece, Unread, collapse};
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Environment variable naming the `pdftotext` to use.
pub const PDFTOTEXT_ENV: &str = "BRIEFING_PDFTOTEXT";
/// Longest `pdftotext` may run on one file.
pub const TIMEOUT: Duration = Duration::from_secs(30);
/// Most output read from `pdftotext` (about 250,000 words; 30 MB of
/// layout extract in 0.3 s and 99 MB, release).
pub const MAX_OUTPUT_BYTES: usize = 32 << 20;

/// The `pdftotext` to run: `$BRIEFING_PDFTOTEXT`, else one on `PATH`.
pub fn find_pdftotext() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os(PDFTOTEXT_ENV) {
        return Some(PathBuf::from(path));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join("pdftotext"))
        .find(|p| p.is_file())
}

/// Reads a PDF's text layer.
pub fn read(bytes: &[u8]) -> Result<Converted, Unread> {
    if !bytes.starts_with(b"%PDF")
        && !bytes[..bytes.len().min(1024)]
            .windows(4)
            .any(|w| w == b"%PDF")
    {
        return Err(Unread::Broken(
            "is not a PDF (it does not start with %PDF); check that it is the file you meant"
                .into(),
        ));
    }
    let Some(tool) = find_pdftotext() else {
        return Err(Unread::NoText(format!(
            "reading a PDF needs poppler's pdftotext, which was not found on PATH; skipped \
             (Debian/Ubuntu: `sudo apt-get install poppler-utils`, or set {PDFTOTEXT_ENV}=PATH)"
        )));
    };
    let layout = run(&tool, bytes)?;
    from_layout(&layout)
}

/// Rule 1: `pdftotext -bbox-layout` on `bytes`, bounded in time and output.
fn run(tool: &std::path::Path, bytes: &[u8]) -> Result<String, Unread> {
    let mut child = Command::new(tool)
        .args(["-bbox-layout", "-enc", "UTF-8", "-", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| Unread::NoText(format!("cannot run {} ({e}); skipped", tool.display())))?;
    let (Some(mut stdin), Some(stdout), Some(stderr)) =
        (child.stdin.take(), child.stdout.take(), child.stderr.take())
    else {
        return Err(Unread::Broken("pdftotext started without pipes".into()));
    };
    let input = bytes.to_vec();
    let writer = std::thread::spawn(move || {
        // pdftotext may stop reading early (a broken file): not an error here.
        let _ = stdin.write_all(&input);
    });
    let full = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let full_in_reader = std::sync::Arc::clone(&full);
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        let _ = stdout
            .take(MAX_OUTPUT_BYTES as u64 + 1)
            .read_to_end(&mut out);
        if out.len() > MAX_OUTPUT_BYTES {
            // pdftotext would block on a full pipe: the caller kills it.
            full_in_reader.store(true, std::sync::atomic::Ordering::SeqCst);
        }
        out
    });
    let errors = std::thread::spawn(move || {
        let mut out = Vec::new();
        let _ = stderr.take(64 << 10).read_to_end(&mut out);
        out
    });
    let too_much = || {
        Unread::Broken(format!(
            "its text is over {}; split it into several PDFs",
            crate::text::human_size(MAX_OUTPUT_BYTES as u64)
        ))
    };
    let started = Instant::now();
    let status = loop {
        if full.load(std::sync::atomic::Ordering::SeqCst) {
            let _ = child.kill();
            let _ = child.wait();
            return Err(too_much());
        }
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() < TIMEOUT => {
                std::thread::sleep(Duration::from_millis(10))
            }
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(Unread::Broken(format!(
                    "pdftotext did not finish within {} s; the PDF may be damaged or very large",
                    TIMEOUT.as_secs()
                )));
            }
        }
    };
    let _ = writer.join();
    let out = reader.join().unwrap_or_default();
    let said = String::from_utf8_lossy(&errors.join().unwrap_or_default()).to_string();
    if out.len() > MAX_OUTPUT_BYTES {
        return Err(too_much());
    }
    if !status.success() {
        return Err(Unread::Broken(if said.contains("password") {
            "is encrypted: it needs a password to open; save an unprotected copy and build again"
                .into()
        } else {
            let first = said
                .lines()
                .find(|l| l.contains("Error"))
                .unwrap_or("")
                .trim();
            format!("is not a readable PDF ({first}); it may be damaged or truncated")
        }));
    }
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// One line of text with its box.
#[derive(Debug, Clone)]
struct Line {
    text: String,
    size: f64,
    top: f64,
}

/// One block (a paragraph, a heading) on a page.
#[derive(Debug, Clone)]
struct Block {
    lines: Vec<Line>,
    top: f64,
    bottom: f64,
}

impl Block {
    fn text(&self) -> String {
        let mut out = String::new();
        for line in &self.lines {
            if !out.is_empty() && !ends_with_word_hyphen(&out) {
                out.push(' ');
            }
            out.push_str(&line.text);
        }
        out
    }

    fn size(&self) -> f64 {
        self.lines.iter().map(|l| l.size).fold(0.0, f64::max)
    }
}

fn ends_with_word_hyphen(text: &str) -> bool {
    let mut rev = text.chars().rev();
    rev.next() == Some('-') && rev.next().is_some_and(char::is_alphabetic)
}

struct Page {
    height: f64,
    blocks: Vec<Block>,
}

/// The value of attribute `name` (any case) in a tag's text.
fn attribute(tag: &str, name: &str) -> f64 {
    let lower = tag.to_ascii_lowercase();
    let key = format!(" {name}=\"");
    lower
        .find(&key)
        .and_then(|at| {
            let rest = &tag[at + key.len()..];
            rest[..rest.find('"')?].parse().ok()
        })
        .unwrap_or(0.0)
}

/// Text between tags, with XML's entities read.
fn unescape(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest.find(';').filter(|&e| e <= 10);
        let entity = end.map(|e| &rest[1..e]);
        let decoded = match entity {
            Some("amp") => Some('&'),
            Some("lt") => Some('<'),
            Some("gt") => Some('>'),
            Some("quot") => Some('"'),
            Some("apos") => Some('\''),
            Some(e) if e.starts_with("#x") => u32::from_str_radix(&e[2..], 16)
                .ok()
                .and_then(char::from_u32),
            Some(e) if e.starts_with('#') => e[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match (decoded, end) {
            (Some(c), Some(e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The pages, and the document's title, of `pdftotext -bbox-layout`
/// output, read tag by tag in one pass (no tree is built: 32 MiB of
/// layout would make a third of a gigabyte of nodes).
fn pages(layout: &str) -> (Vec<Page>, Option<String>) {
    let mut pages: Vec<Page> = Vec::new();
    let mut lines: Vec<Line> = Vec::new();
    let mut words: Vec<String> = Vec::new();
    let mut line_box = (0.0, 0.0);
    let mut height = 0.0;
    let mut title = None;
    let mut rest = layout;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        let Some(end) = rest.find('>') else { break };
        let tag = &rest[..end];
        rest = &rest[end + 1..];
        let name: String = tag
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '/')
            .collect::<String>()
            .to_ascii_lowercase();
        // The text up to the next tag (a word's or the title's).
        let text = || unescape(&rest[..rest.find('<').unwrap_or(rest.len())]);
        match name.as_str() {
            "page" => {
                height = attribute(tag, "height");
                lines.clear();
            }
            "line" => {
                line_box = (attribute(tag, "ymin"), attribute(tag, "ymax"));
                words.clear();
            }
            "word" => words.push(text()),
            "title" if title.is_none() => title = Some(collapse(&text())),
            "/line" => {
                let text = collapse(&words.join(" "));
                if !text.is_empty() {
                    lines.push(Line {
                        text,
                        top: line_box.0,
                        size: line_box.1 - line_box.0,
                    });
                }
                words.clear();
            }
            "/page" => pages.push(Page {
                height,
                blocks: paragraphs_of(std::mem::take(&mut lines).into_iter()),
            }),
            _ => {}
        }
    }
    (pages, title)
}

/// Rule 6: lines in reading order grouped into paragraphs.
fn paragraphs_of(lines: impl Iterator<Item = Line>) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    for line in lines {
        if let Some(block) = blocks.last_mut()
            && let Some(last) = block.lines.last()
            && (line.size - last.size).abs() <= last.size / 10.0
            && line.top > last.top
            && line.top - last.top <= last.size * 1.7
        {
            block.bottom = line.top + line.size;
            block.lines.push(line);
            continue;
        }
        blocks.push(Block {
            top: line.top,
            bottom: line.top + line.size,
            lines: vec![line],
        });
    }
    blocks
}

/// Rule 3: the size most of the text is set in (by characters, to a
/// quarter point).
fn body_size(pages: &[Page]) -> f64 {
    let mut counts: std::collections::BTreeMap<i64, usize> = std::collections::BTreeMap::new();
    for line in pages.iter().flat_map(|p| &p.blocks).flat_map(|b| &b.lines) {
        *counts.entry((line.size * 4.0).round() as i64).or_default() += line.text.len();
    }
    counts
        .into_iter()
        .max_by_key(|&(size, chars)| (chars, -size))
        .map_or(0.0, |(size, _)| size as f64 / 4.0)
}

/// Where a block sits, for the residue rules.
pub struct Place<'a> {
    text: &'a str,
    lines: usize,
    /// In the top or bottom sixteenth of its page.
    in_margin: bool,
    smaller_than_body: bool,
    /// How many pages have this text (digits aside) in their margins.
    repeats_on: usize,
    pages: usize,
    /// On the first page, above the title.
    above_title: bool,
}

/// One residue rule for PDF blocks.
pub struct PdfRule {
    pub name: &'static str,
    test: fn(&Place<'_>) -> bool,
}

/// The PDF residue rules, in order (rule 4 of the module doc).
pub const PDF_RULES: &[PdfRule] = &[
    PdfRule {
        name: "folio",
        test: |p| p.in_margin && p.lines == 1 && is_folio(p.text),
    },
    PdfRule {
        name: "running head",
        test: |p| {
            p.in_margin && (p.smaller_than_body || (p.pages >= 2 && p.repeats_on * 2 >= p.pages))
        },
    },
    PdfRule {
        name: "before the headline",
        test: |p| p.above_title,
    },
];

/// A page number alone: `3`, `Page 3`, `3 of 9`, `3/9`, `- 3 -`.
fn is_folio(text: &str) -> bool {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == '/' || c == '-' || c == '–')
        .filter(|w| !w.is_empty())
        .collect();
    let digits = |w: &str| w.chars().all(|c| c.is_ascii_digit());
    match words.as_slice() {
        [n] => digits(n),
        ["page", n] => digits(n),
        [a, b] => digits(a) && digits(b),
        [a, "of", b] | ["page", a, b] => digits(a) && digits(b),
        ["page", a, "of", b] => digits(a) && digits(b),
        _ => false,
    }
}

/// The text of a margin block with digits taken out, to spot repeats.
fn shape(text: &str) -> String {
    text.chars().filter(|c| !c.is_ascii_digit()).collect()
}

/// Rules 2-7 on `pdftotext -bbox-layout` output (public for the fuzz target).
pub fn from_layout(layout: &str) -> Result<Converted, Unread> {
    let (pages, doc_title) = pages(layout);
    if pages.iter().all(|p| p.blocks.is_empty()) {
        return Err(Unread::NoText(
            "has no text layer (a scan or an image); OCR it first (for example with ocrmypdf), then build again"
                .into(),
        ));
    }
    let body = body_size(&pages);
    let in_margin = |page: &Page, b: &Block| {
        page.height > 0.0 && (b.bottom < page.height / 16.0 || b.top > page.height * 15.0 / 16.0)
    };
    let mut repeats: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for page in &pages {
        let mut seen = std::collections::HashSet::new();
        for b in page.blocks.iter().filter(|b| in_margin(page, b)) {
            if seen.insert(shape(&b.text())) {
                *repeats.entry(shape(&b.text())).or_default() += 1;
            }
        }
    }
    let title_at = pages.first().and_then(|page| {
        page.blocks
            .iter()
            .position(|b| b.size() >= body * 1.5 && b.lines.len() <= 3 && !in_margin(page, b))
    });
    let mut converted = Converted::default();
    // Paragraph text, whether it is a heading, and the page it is on.
    let mut kept: Vec<(String, Origin, usize)> = Vec::new();
    for (k, page) in pages.iter().enumerate() {
        for (i, block) in page.blocks.iter().enumerate() {
            let text = block.text();
            let place = Place {
                text: &text,
                lines: block.lines.len(),
                in_margin: in_margin(page, block),
                smaller_than_body: block.size() < body * 0.9,
                repeats_on: repeats.get(&shape(&text)).copied().unwrap_or(0),
                pages: pages.len(),
                above_title: k == 0 && title_at.is_some_and(|t| i < t),
            };
            if let Some(rule) = PDF_RULES.iter().find(|r| (r.test)(&place)) {
                converted.drop_lines(rule.name, 1);
                continue;
            }
            if k == 0 && title_at == Some(i) {
                converted.title = Some((text, "markup title: largest type on the first page"));
                continue;
            }
            let heading = block.lines.len() <= 2 && block.size() >= body * 1.15;
            let origin = if heading {
                Origin::Heading(2)
            } else {
                Origin::Text
            };
            // Rule 6: a paragraph cut by a page break goes on.
            if let Some(last) = kept.last_mut()
                && last.2 + 1 == k
                && i == 0
                && last.1 == Origin::Text
                && origin == Origin::Text
                && !ends_sentence(&last.0)
            {
                last.0.push(' ');
                last.0.push_str(&text);
                last.2 = k;
                continue;
            }
            kept.push((text, origin, k));
        }
    }
    converted.paragraphs = kept
        .into_iter()
        .map(|(text, origin, _)| Piece { text, origin })
        .collect();
    if let Some(title) = doc_title {
        let title = super::html::strip_site_name(&title, None);
        if !title.is_empty() {
            converted.fallback_title = Some((title, "markup title: PDF document title"));
        }
    }
    Ok(converted)
}

fn ends_sentence(text: &str) -> bool {
    text.trim_end()
        .chars()
        .last()
        .is_some_and(|c| matches!(c, '.' | '?' | '!' | ':' | '"' | '”' | '’' | ')'))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `pdftotext -bbox-layout` output for pages of `(top, size, text)`
    /// blocks, one line each, on 792-point pages.
    fn layout(pages: &[&[(f64, f64, &str)]]) -> String {
        let mut out = String::from("<html><head><title>Doc title | Site</title></head><body><doc>");
        for blocks in pages {
            out.push_str("<page width=\"612\" height=\"792\"><flow>");
            for (top, size, text) in *blocks {
                let bottom = top + size;
                let words: String = text
                    .split(' ')
                    .map(|w| format!("<word>{w}</word>"))
                    .collect();
                out.push_str(&format!(
                    "<block><line xMin=\"30\" yMin=\"{top}\" yMax=\"{bottom}\">{words}</line></block>"
                ));
            }
            out.push_str("</flow></page>");
        }
        out.push_str("</doc></body></html>");
        out
    }

    const BODY: &str =
        "The board agreed to keep the night ferry running through the winter months.";

    fn texts(c: &Converted) -> Vec<(&str, Origin)> {
        c.paragraphs
            .iter()
            .map(|p| (p.text.as_str(), p.origin))
            .collect()
    }

    #[test]
    fn text_layer_missing_says_ocr_it() {
        let empty = layout(&[&[], &[]]);
        assert!(
            matches!(from_layout(&empty), Err(Unread::NoText(m)) if m.contains("OCR it first"))
        );
    }

    #[test]
    fn residue_folio() {
        let c = from_layout(&layout(&[&[
            (100.0, 13.0, BODY),
            (760.0, 13.0, "Page 1 of 2"),
        ]]))
        .unwrap();
        assert_eq!(c.dropped[0].rule, "folio");
        assert_eq!(texts(&c), [(BODY, Origin::Text)]);
        assert!(is_folio("3") && is_folio("- 3 -") && is_folio("3/9") && is_folio("Page 3"));
        assert!(!is_folio("3 ferries") && !is_folio("Page two"));
    }

    #[test]
    fn residue_running_head() {
        let page1: &[(f64, f64, &str)] = &[
            (20.0, 13.0, "Orrin Gazette, March 2026"),
            (100.0, 13.0, BODY),
        ];
        let page2: &[(f64, f64, &str)] = &[
            (20.0, 13.0, "Orrin Gazette, March 2026"),
            (100.0, 13.0, "More text here."),
        ];
        let c = from_layout(&layout(&[page1, page2])).unwrap();
        assert_eq!((c.dropped[0].rule, c.dropped[0].count), ("running head", 2));
        // A small line in the margin on a single page is a running head too.
        let c = from_layout(&layout(&[&[
            (15.0, 9.0, "12/3/26, 10:55 AM"),
            (100.0, 13.0, BODY),
        ]]))
        .unwrap();
        assert_eq!(c.dropped[0].rule, "running head");
    }

    #[test]
    fn residue_before_the_headline() {
        let c = from_layout(&layout(&[&[
            (80.0, 13.0, "Home News Sport"),
            (120.0, 26.0, "Ferry kept on"),
            (180.0, 13.0, BODY),
        ]]))
        .unwrap();
        assert_eq!(c.dropped[0].rule, "before the headline");
        assert_eq!(
            c.title.as_ref().map(|t| t.0.as_str()),
            Some("Ferry kept on")
        );
    }

    #[test]
    fn headings_from_type_size() {
        let c = from_layout(&layout(&[&[
            (100.0, 13.0, BODY),
            (140.0, 17.0, "What did the board decide?"),
            (180.0, 13.0, BODY),
        ]]))
        .unwrap();
        assert_eq!(
            texts(&c)[1],
            ("What did the board decide?", Origin::Heading(2))
        );
        assert_eq!(
            c.fallback_title,
            Some(("Doc title".into(), "markup title: PDF document title"))
        );
    }

    #[test]
    fn paragraphs_rejoined_across_pages_and_lines() {
        let c = from_layout(&layout(&[
            &[
                (100.0, 13.0, BODY),
                (700.0, 13.0, "The operator said the late"),
            ],
            &[
                (60.0, 13.0, "sailing carried few passengers."),
                (100.0, 13.0, BODY),
            ],
        ]))
        .unwrap();
        assert_eq!(
            texts(&c),
            [
                (BODY, Origin::Text),
                (
                    "The operator said the late sailing carried few passengers.",
                    Origin::Text
                ),
                (BODY, Origin::Text)
            ]
        );
        let block = Block {
            lines: vec![
                Line {
                    text: "a two-".into(),
                    size: 1.0,
                    top: 0.0,
                },
                Line {
                    text: "thirds majority".into(),
                    size: 1.0,
                    top: 1.0,
                },
            ],
            top: 0.0,
            bottom: 2.0,
        };
        assert_eq!(block.text(), "a two-thirds majority");
    }

    #[test]
    fn paragraphs_from_line_spacing() {
        let c = from_layout(&layout(&[&[
            (100.0, 13.0, "The board met on Monday and"),
            (118.0, 13.0, "agreed to keep the ferry."),
            (150.0, 13.0, "A new paragraph."),
            (168.0, 17.0, "A larger line"),
        ]]))
        .unwrap();
        assert_eq!(
            texts(&c),
            [
                (
                    "The board met on Monday and agreed to keep the ferry.",
                    Origin::Text
                ),
                ("A new paragraph.", Origin::Text),
                ("A larger line", Origin::Heading(2)),
            ]
        );
    }

    #[test]
    fn layout_entities_are_read() {
        assert_eq!(
            unescape("A &amp; B &lt;C&gt; &#233;t&#xE9; &bogus; &"),
            "A & B <C> été &bogus; &"
        );
        let (pages, title) = pages(
            "<title>Ferry &amp; port</title><page height=\"792\"><line yMin=\"10\" yMax=\"23\">\
             <word>Caf&#233;</word><word>opens</word></line></page>",
        );
        assert_eq!(title.as_deref(), Some("Ferry & port"));
        assert_eq!(pages[0].blocks[0].text(), "Café opens");
        assert_eq!(pages[0].blocks[0].size(), 13.0);
    }

    #[test]
    fn not_a_pdf_is_broken() {
        assert!(matches!(read(b"hello"), Err(Unread::Broken(m)) if m.contains("not a PDF")));
    }
}

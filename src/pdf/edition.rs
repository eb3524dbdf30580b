//! The print edition: the built pages, rewritten for the printer before
//! Chromium sees them. The site's own `print.html` and briefing pages are
//! left as built; these rewrites go to a copy beside them.
//!
//! Rewrites, in the order they are applied:
//! 1. `paper`: a `<style>` before `</head>` with the sheet's `@page` size
//!    and margins, no browser-drawn margin boxes (the folios and running
//!    heads are stamped afterwards, see [`super::document`]) and the
//!    contents' leader rows.
//! 2. `cover_date`: "Issued DATE" on the book's cover, before the count.
//! 3. `contents_numbers`: each contents entry becomes a row of title,
//!    leader dots and page number. The first print has `000` in every slot,
//!    so the contents already take the room the real numbers need.
//! 4. `end_marks`: an empty mark `ID---end` at the end of each briefing,
//!    with an empty link to it on the cover, so that the PDF records (as a
//!    named destination) where on its last page each briefing ends.
//! 5. `spacing`: the briefings whose last page a print left almost empty
//!    are set tighter (type and leading a few per cent smaller), which
//!    pulls a short tail back onto the page before; those still ending
//!    thinly are set looser instead (more leading), which carries more of
//!    their text over to fill the last page.
//! 6. `site_links`: a link to another page of the site becomes an
//!    absolute link under `base_url`, or plain text without one (in the
//!    book, whose links between briefings are already `#` anchors, this
//!    takes an author's link to a file beside the site); `file:` and other
//!    local schemes always become plain text, a protocol-relative `//host`
//!    link gets `https:`. Links inside the page (`#...`) and to the web
//!    stay.

use crate::config::Paper;
use scraper::{Html, Selector};
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

/// What the printer needs to know of a book page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BookPlan {
    /// Each briefing, in book order.
    pub briefings: Vec<Part>,
    /// Each contents entry, in order, with its nesting depth (0: a briefing).
    pub contents: Vec<Entry>,
}

/// One briefing of the book: its anchor and its title.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    pub id: String,
    pub title: String,
}

/// One contents entry (or outline entry).
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub id: String,
    pub text: String,
    pub depth: usize,
}

/// The text in every page-number slot of the first print: as wide as any
/// number the book can reach, so the contents do not grow when filled.
pub const RESERVED: &str = "000";

/// Reads the briefings and the contents of a built `print.html`.
pub fn read_book(html: &str) -> BookPlan {
    let doc = Html::parse_document(html);
    let briefings = select(".book article.briefing[id]");
    let title = select(".briefing-title");
    let links = select("nav.book-toc a[href^=\"#\"]");
    let parts = doc
        .select(&briefings)
        .filter_map(|article| {
            let id = article.value().attr("id")?.to_string();
            let title = article
                .select(&title)
                .next()
                .map(|t| squash(&t.text().collect::<String>()))?;
            Some(Part { id, title })
        })
        .collect();
    let contents = doc
        .select(&links)
        .filter_map(|a| {
            let id = a.value().attr("href")?.strip_prefix('#')?.to_string();
            let depth = a
                .ancestors()
                .filter_map(scraper::ElementRef::wrap)
                .filter(|e| e.value().name() == "ol")
                .count()
                .saturating_sub(1);
            let text = squash(&a.text().collect::<String>());
            Some(Entry { id, text, depth })
        })
        .collect();
    BookPlan {
        briefings: parts,
        contents,
    }
}

/// The section headings of one briefing page, for its outline.
pub fn read_sections(html: &str) -> Vec<Entry> {
    let doc = Html::parse_document(html);
    let sections = select("article.briefing section.section[id]");
    let heading = select(".section-heading");
    doc.select(&sections)
        .filter_map(|s| {
            let id = s.value().attr("id")?.to_string();
            let text = squash(&s.select(&heading).next()?.text().collect::<String>());
            let depth = s
                .value()
                .classes()
                .find_map(|c| c.strip_prefix("depth-")?.parse::<usize>().ok())
                .unwrap_or(0);
            Some(Entry { id, text, depth })
        })
        .collect()
}

/// The `<title>` of a page, squashed.
pub fn page_title(html: &str) -> Option<String> {
    let doc = Html::parse_document(html);
    let title = select("title");
    doc.select(&title)
        .next()
        .map(|t| squash(&t.text().collect::<String>()))
        .filter(|t| !t.is_empty())
}

fn select(css: &str) -> Selector {
    // The selectors are constants of this file; the tests parse each one.
    Selector::parse(css).unwrap_or_else(|_| unreachable!("bad selector {css}"))
}

fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Rule 1, `paper`: the print edition's own style sheet.
pub fn style(paper: Paper) -> String {
    let m = paper.margins();
    format!(
        "<style id=\"briefing-pdf\">\n\
         @page {{ size: {size}; margin: {top}pt {side}pt {bottom}pt; \
         @top-center {{ content: none; }} @bottom-center {{ content: none; }} }}\n\
         @page cover {{ @bottom-center {{ content: none; }} }}\n\
         html {{ font-size: {font}pt; }}\n\
         .cover {{ padding-top: 28vh; }}\n\
         .cover-date {{ font-size: 1.15rem; margin: 1.5rem 0 0.5rem; }}\n\
         .book-toc-list li {{ break-inside: avoid; }}\n\
         .book-toc .toc-row {{ display: flex; align-items: flex-end; }}\n\
         .book-toc .toc-dots {{ flex: 1 1 auto; min-width: 1.5em; margin: 0 0.3em 0.28em; \
         border-bottom: 1pt dotted #000; }}\n\
         .book-toc .toc-page {{ flex: 0 0 auto; min-width: 2.2em; text-align: right; \
         font-variant-numeric: tabular-nums; }}\n\
         .book-toc .toc-row time {{ white-space: nowrap; margin-left: 0.5em; }}\n\
         a[data-site-link]::after {{ content: none !important; }}\n\
         .print-ends {{ margin: 0; height: 0; overflow: hidden; }}\n\
         .print-end {{ height: 0.1pt; margin: 0; break-before: avoid; }}\n\
         </style>\n",
        size = paper.css_size(),
        top = m.top,
        side = m.side,
        bottom = m.bottom,
        font = paper.font_pt(),
    )
}

/// What one print of the book shows.
#[derive(Debug, Clone, Default)]
pub struct BookPrint {
    pub paper: Paper,
    /// The cover's date of issue.
    pub issued: Option<chrono::NaiveDate>,
    /// Anchor -> page; a missing one prints [`RESERVED`].
    pub numbers: BTreeMap<String, u32>,
    /// Briefings (by id) set tighter.
    pub tight: BTreeSet<String>,
    /// Briefings (by id) set looser.
    pub loose: BTreeSet<String>,
    /// The page's path from the site root (`print.html`), for its links.
    pub page: String,
    /// The site's `base_url`, for links to its other pages (rule 6).
    pub base_url: Option<String>,
}

/// The id of the mark at the end of the briefing `id` (rule 4). Anchors
/// never hold `---`: slugs join their words with single hyphens.
pub fn end_mark(id: &str) -> String {
    format!("{id}---end")
}

/// The book page rewritten for a print: rules 1-6 (the book's own links
/// are all inside it; an author's link to a file beside the site is not).
pub fn book_html(html: &str, print: &BookPrint) -> String {
    let mut head = style(print.paper);
    head.push_str(&spacing(&print.tight, &print.loose));
    let html = insert_before_head_end(html, &head);
    let html = match print.issued {
        Some(date) => cover_date(&html, date),
        None => html,
    };
    let html = end_marks(&contents_numbers(&html, &print.numbers));
    site_links(&html, &print.page, print.base_url.as_deref())
}

/// Rule 4, `end_marks`.
fn end_marks(html: &str) -> String {
    let Some(book) = html.find("<div class=\"book\">") else {
        return html.to_string();
    };
    let mut out = String::with_capacity(html.len() + 4096);
    let mut links = String::new();
    let mut rest = &html[book..];
    let opening = "<article class=\"briefing\" id=\"";
    out.push_str(&html[..book]);
    while let Some(at) = rest.find(opening) {
        let id_at = at + opening.len();
        let Some(id_len) = rest[id_at..].find('"') else {
            break;
        };
        let id = &rest[id_at..id_at + id_len];
        let Some(close) = rest[id_at..].find("</article>").map(|i| id_at + i) else {
            break;
        };
        let mark = end_mark(id);
        out.push_str(&rest[..close]);
        out.push_str(&format!("<div class=\"print-end\" id=\"{mark}\"></div>"));
        links.push_str(&format!("<a href=\"#{mark}\" tabindex=\"-1\"></a>"));
        rest = &rest[close..];
    }
    out.push_str(rest);
    if links.is_empty() {
        return out;
    }
    let marks = format!("<p class=\"print-ends\" aria-hidden=\"true\">{links}</p>\n");
    match out.find("<header class=\"cover\">") {
        Some(cover) => {
            let at = cover + "<header class=\"cover\">".len();
            format!("{}{marks}{}", &out[..at], &out[at..])
        }
        None => out,
    }
}

/// Rule 5, `spacing`: a style sheet for the briefings set tighter or
/// looser (none when both are empty).
fn spacing(tight: &BTreeSet<String>, loose: &BTreeSet<String>) -> String {
    let selectors = |ids: &BTreeSet<String>| -> String {
        ids.iter()
            .map(|id| format!("[id=\"{}\"]", id.replace(['"', '\\'], "")))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut css = String::new();
    if !tight.is_empty() {
        css.push_str(&format!(
            "{} {{ font-size: 95%; line-height: 1.38; }}\n",
            selectors(tight)
        ));
    }
    if !loose.is_empty() {
        css.push_str(&format!("{} {{ line-height: 1.6; }}\n", selectors(loose)));
    }
    if css.is_empty() {
        return css;
    }
    format!("<style id=\"briefing-pdf-spacing\">\n{css}</style>\n")
}

/// A briefing page rewritten for `--each`: rules 1 and 6. `page` is the
/// page's path from the site root (`briefings/x/index.html`).
pub fn each_html(html: &str, paper: Paper, page: &str, base_url: Option<&str>) -> String {
    site_links(&insert_before_head_end(html, &style(paper)), page, base_url)
}

fn insert_before_head_end(html: &str, insert: &str) -> String {
    match html.find("</head>") {
        Some(at) => format!("{}{insert}{}", &html[..at], &html[at..]),
        None => format!("{insert}{html}"),
    }
}

/// Rule 2, `cover_date`.
fn cover_date(html: &str, date: chrono::NaiveDate) -> String {
    let line = format!(
        "<p class=\"cover-date\">Issued <time datetime=\"{}\">{}</time></p>\n",
        crate::text::iso_date(date),
        crate::text::display_date(date)
    );
    let Some(cover) = html.find("<header class=\"cover\">") else {
        return html.to_string();
    };
    let at = html[cover..]
        .find("<p class=\"cover-count\">")
        .or_else(|| html[cover..].find("</header>"))
        .map(|i| cover + i);
    match at {
        Some(at) => format!("{}{line}{}", &html[..at], &html[at..]),
        None => html.to_string(),
    }
}

/// Rule 3, `contents_numbers`.
fn contents_numbers(html: &str, numbers: &BTreeMap<String, u32>) -> String {
    let Some(start) = html.find("<nav class=\"book-toc\"") else {
        return html.to_string();
    };
    let Some(len) = html[start..].find("</nav>") else {
        return html.to_string();
    };
    let end = start + len;
    let nav = &html[start..end];
    let mut out = String::with_capacity(html.len() + nav.len());
    out.push_str(&html[..start]);
    let mut rest = nav;
    while let Some(open) = find_a_tag(rest) {
        let Some(close) = rest[open..].find("</a>").map(|i| open + i + "</a>".len()) else {
            break;
        };
        out.push_str(&rest[..open]);
        let link = &rest[open..close];
        let mut after = close;
        // A briefing's date stays in its row, before the leader.
        let tail = &rest[close..];
        let date = tail.strip_prefix(" <time").and_then(|t| {
            t.find("</time>")
                .map(|i| " <time".len() + i + "</time>".len())
        });
        let id = href(link).and_then(|h| h.strip_prefix('#')).unwrap_or("");
        let number = numbers
            .get(id)
            .map_or_else(|| RESERVED.to_string(), u32::to_string);
        out.push_str("<span class=\"toc-row\">");
        out.push_str(link);
        if let Some(len) = date {
            out.push_str(&tail[..len]);
            after += len;
        }
        out.push_str(
            "<span class=\"toc-dots\" aria-hidden=\"true\"></span><span class=\"toc-page\">",
        );
        out.push_str(&number);
        out.push_str("</span></span>");
        rest = &rest[after..];
    }
    out.push_str(rest);
    out.push_str(&html[end..]);
    out
}

/// Where the next `<a ...>` start tag begins (not `<abbr>` or `<article>`).
fn find_a_tag(html: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = html[from..].find("<a") {
        let at = from + i;
        match html.as_bytes().get(at + 2) {
            Some(b' ' | b'\n' | b'\t' | b'>') => return Some(at),
            _ => from = at + 2,
        }
    }
    None
}

/// The `href` of the start tag that `tag` opens with.
fn href(tag: &str) -> Option<&str> {
    href_span(tag).map(|(_, value)| &tag[value])
}

/// Where the `href` attribute's value lies in the start tag `tag`: with
/// its quotes, and without. Double, single or no quotes, any case.
fn href_span(tag: &str) -> Option<(Range<usize>, Range<usize>)> {
    let end = tag.find('>').unwrap_or(tag.len());
    let bytes = tag.as_bytes();
    let lower = tag[..end].to_ascii_lowercase();
    let mut from = 0;
    let mut i = loop {
        let at = from + lower[from..].find("href")?;
        let mut j = at + "href".len();
        while j < end && bytes[j].is_ascii_whitespace() {
            j += 1;
        }
        if at > 0 && bytes[at - 1].is_ascii_whitespace() && bytes.get(j) == Some(&b'=') {
            break j + 1;
        }
        from = at + "href".len();
    };
    while i < end && bytes[i].is_ascii_whitespace() {
        i += 1;
    }
    match bytes.get(i) {
        Some(&quote @ (b'"' | b'\'')) => {
            let close = i + 1 + tag[i + 1..end].find(quote as char)?;
            Some((i..close + 1, i + 1..close))
        }
        Some(_) if i < end => {
            let stop = tag[i..end]
                .find(|c: char| c.is_ascii_whitespace())
                .map_or(end, |k| i + k);
            Some((i..stop, i..stop))
        }
        _ => None,
    }
}

/// Rule 6, `site_links`.
fn site_links(html: &str, page: &str, base_url: Option<&str>) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = find_a_tag(rest) {
        let Some(tag_len) = rest[open..].find('>').map(|i| i + 1) else {
            break;
        };
        let tag = &rest[open..open + tag_len];
        out.push_str(&rest[..open]);
        rest = &rest[open + tag_len..];
        match href(tag).map(|h| link_target(h, page, base_url)) {
            None | Some(Target::Keep) => out.push_str(tag),
            Some(Target::Absolute(url)) => {
                out.push_str(&replace_href(tag, &url));
            }
            Some(Target::Text) => {
                // The link's text stays; its start and end tags go.
                if let Some(close) = rest.find("</a>") {
                    out.push_str(&rest[..close]);
                    rest = &rest[close + "</a>".len()..];
                }
            }
        }
    }
    out.push_str(rest);
    out
}

/// What becomes of one link in a PDF of its own.
#[derive(Debug, PartialEq)]
enum Target {
    Keep,
    Absolute(String),
    Text,
}

fn link_target(href: &str, page: &str, base_url: Option<&str>) -> Target {
    let href = href.trim();
    if href.starts_with('#') {
        return Target::Keep;
    }
    if href.starts_with("//") {
        // Protocol-relative: on the web, not in the folder it was printed from.
        return Target::Absolute(format!("https:{href}"));
    }
    let scheme = href
        .split(['/', '?', '#'])
        .next()
        .and_then(|first| first.split_once(':'))
        .map(|(scheme, _)| scheme.to_ascii_lowercase());
    match scheme.as_deref() {
        Some("http" | "https" | "mailto" | "tel") => Target::Keep,
        // `file:`, `data:`, `javascript:`...: not a place to go on paper.
        Some(_) => Target::Text,
        None => match (base_url, resolve(page, href)) {
            (Some(base), Some(path)) => Target::Absolute(format!("{base}{path}")),
            _ => Target::Text,
        },
    }
}

/// `href` resolved against the page at `page` (both from the site root);
/// None when it climbs out of the site.
fn resolve(page: &str, href: &str) -> Option<String> {
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    let (path, fragment) = match href.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (href, None),
    };
    let absolute = path.starts_with('/');
    if absolute {
        parts.clear();
    }
    for piece in path.split('/') {
        match piece {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    let mut out = parts.join("/");
    if let Some(f) = fragment {
        out.push('#');
        out.push_str(f);
    }
    Some(out)
}

fn replace_href(tag: &str, url: &str) -> String {
    match href_span(tag) {
        Some((whole, _)) => format!(
            "{}\"{url}\" data-site-link=\"\"{}",
            &tag[..whole.start],
            &tag[whole.end..]
        ),
        None => tag.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOOK: &str = "<html><head><title>Desk · Print edition</title></head><body>\n\
        <header class=\"cover\">\n<h1 class=\"cover-title\">Desk</h1>\n\
        <p class=\"cover-count\">2 briefings</p>\n</header>\n\
        <nav class=\"book-toc\" aria-label=\"Contents\">\n<ol class=\"book-toc-list\">\n\
        <li><a class=\"book-toc-briefing\" href=\"#ferry\">Ferry fares rise</a> <time datetime=\"2025-03-02\">2 March 2025</time>\n\
        <ol>\n<li><a href=\"#ferry--who-pays\">Who pays?</a></li>\n</ol></li>\n\
        <li><a class=\"book-toc-briefing\" href=\"#dock\">Dock strike</a></li>\n</ol>\n</nav>\n\
        <div class=\"book\">\n<article class=\"briefing\" id=\"ferry\"><header><h2 class=\"briefing-title\">Ferry fares rise</h2></header>\n\
        <section class=\"section depth-0\" id=\"ferry--who-pays\"><h3 class=\"section-heading\">Who pays?</h3></section></article>\n\
        <article class=\"briefing\" id=\"dock\"><header><h2 class=\"briefing-title\">Dock  strike</h2></header></article>\n\
        </div></body></html>";

    #[test]
    fn every_selector_parses() {
        for css in [
            ".book article.briefing[id]",
            ".briefing-title",
            "nav.book-toc a[href^=\"#\"]",
            "article.briefing section.section[id]",
            ".section-heading",
            "title",
        ] {
            assert!(Selector::parse(css).is_ok(), "{css}");
        }
    }

    #[test]
    fn the_plan_holds_each_briefing_and_nested_contents() {
        let plan = read_book(BOOK);
        let ids: Vec<&str> = plan.briefings.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["ferry", "dock"]);
        assert_eq!(plan.briefings[1].title, "Dock strike");
        let depths: Vec<(&str, usize)> = plan
            .contents
            .iter()
            .map(|e| (e.id.as_str(), e.depth))
            .collect();
        assert_eq!(depths, [("ferry", 0), ("ferry--who-pays", 1), ("dock", 0)]);
        assert_eq!(page_title(BOOK).as_deref(), Some("Desk · Print edition"));
        let sections = read_sections(BOOK);
        assert_eq!(sections[0].text, "Who pays?");
    }

    #[test]
    fn paper_sets_the_sheet_and_silences_the_margin_boxes() {
        let css = style(Paper::A5);
        assert!(css.contains("size: A5;"), "{css}");
        assert!(css.contains("@bottom-center { content: none; }"), "{css}");
        let html = book_html(BOOK, &BookPrint::default());
        assert!(html.find("size: A4;") < html.find("</head>"));
    }

    #[test]
    fn cover_date_goes_before_the_count() {
        let date = chrono::NaiveDate::from_ymd_opt(2025, 3, 2).unwrap();
        let print = BookPrint {
            issued: Some(date),
            ..BookPrint::default()
        };
        let html = book_html(BOOK, &print);
        let line =
            "<p class=\"cover-date\">Issued <time datetime=\"2025-03-02\">2 March 2025</time></p>";
        assert!(html.contains(line), "{html}");
        assert!(html.find(line) < html.find("cover-count"));
    }

    #[test]
    fn contents_numbers_reserve_then_fill_every_slot() {
        let first = book_html(BOOK, &BookPrint::default());
        assert_eq!(
            first.matches("<span class=\"toc-page\">000</span>").count(),
            3
        );
        let numbers: BTreeMap<String, u32> = [("ferry", 3), ("ferry--who-pays", 4), ("dock", 7)]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
        let print = BookPrint {
            numbers,
            ..BookPrint::default()
        };
        let html = book_html(BOOK, &print);
        assert!(html.contains(
            "<span class=\"toc-row\"><a class=\"book-toc-briefing\" href=\"#ferry\">Ferry fares rise</a> \
             <time datetime=\"2025-03-02\">2 March 2025</time><span class=\"toc-dots\" aria-hidden=\"true\"></span>\
             <span class=\"toc-page\">3</span></span>"
        ), "{html}");
        assert!(html.contains("Who pays?</a><span class=\"toc-dots\" aria-hidden=\"true\"></span><span class=\"toc-page\">4</span></span></li>"));
        assert!(html.contains("<span class=\"toc-page\">7</span>"));
        // Links in the book itself are not touched.
        assert!(html.contains("<h2 class=\"briefing-title\">Ferry fares rise</h2>"));
    }

    #[test]
    fn end_marks_close_each_briefing_and_are_linked_from_the_cover() {
        let html = book_html(BOOK, &BookPrint::default());
        for id in ["ferry", "dock"] {
            let mark = format!("<div class=\"print-end\" id=\"{id}---end\"></div></article>");
            assert!(html.contains(&mark), "{html}");
            assert!(html.contains(&format!("<a href=\"#{id}---end\" tabindex=\"-1\"></a>")));
        }
        let links = html.find("class=\"print-ends\"").unwrap();
        assert!(html.find("<header class=\"cover\">").unwrap() < links);
        assert!(links < html.find("</header>").unwrap());
    }

    #[test]
    fn spacing_sets_only_the_briefings_named() {
        let plain = book_html(BOOK, &BookPrint::default());
        assert!(!plain.contains("briefing-pdf-spacing"));
        let print = BookPrint {
            tight: ["dock".to_string()].into_iter().collect(),
            loose: ["ferry".to_string()].into_iter().collect(),
            ..BookPrint::default()
        };
        let html = book_html(BOOK, &print);
        assert!(html.contains("[id=\"dock\"] { font-size: 95%;"), "{html}");
        assert!(
            html.contains("[id=\"ferry\"] { line-height: 1.6; }"),
            "{html}"
        );
        assert!(html.find("briefing-pdf-spacing") < html.find("</head>"));
    }

    #[test]
    fn site_links_become_absolute_under_base_url() {
        let page = "<head></head><p>See <a class=\"entity-link\" href=\"../../entities/mara-quist/index.html\">Mara Quist</a> \
                    and <a href=\"#who\">below</a> or <a href=\"https://example.com/x\">the source</a>.</p>";
        let html = each_html(
            page,
            Paper::A4,
            "briefings/ferry/index.html",
            Some("https://desk.example/b/"),
        );
        assert!(html.contains(
            "<a class=\"entity-link\" href=\"https://desk.example/b/entities/mara-quist/index.html\" data-site-link=\"\">Mara Quist</a>"
        ), "{html}");
        assert!(html.contains("<a href=\"#who\">below</a>"));
        assert!(html.contains("<a href=\"https://example.com/x\">the source</a>"));
    }

    #[test]
    fn site_links_become_plain_text_without_base_url() {
        let page = "<head></head><p><a href=\"../dock/index.html\">Dock strike</a>, \
                    <a href=\"file:///tmp/x/index.html\">old</a>, <abbr>EU</abbr></p>";
        let html = each_html(page, Paper::A4, "briefings/ferry/index.html", None);
        assert!(
            html.contains("<p>Dock strike, old, <abbr>EU</abbr></p>"),
            "{html}"
        );
        let with_base = each_html(
            page,
            Paper::A4,
            "briefings/ferry/index.html",
            Some("https://d.example/"),
        );
        assert!(!with_base.contains("file:"), "{with_base}");
        assert!(with_base.contains("https://d.example/briefings/dock/index.html"));
    }

    #[test]
    fn hrefs_are_found_in_any_quoting_and_case() {
        assert_eq!(href("<a href=\"x.html\">"), Some("x.html"));
        assert_eq!(href("<a class=\"c\" HREF='../y.html'>"), Some("../y.html"));
        assert_eq!(href("<a href = z.html title=t>"), Some("z.html"));
        assert_eq!(href("<a data-href=\"no\">"), None);
        let page = "<head></head><a HREF='file:///home/me/x.html'>x</a> <a href=../dock/index.html>dock</a>";
        let plain = each_html(page, Paper::A4, "briefings/ferry/index.html", None);
        assert!(plain.ends_with("x dock"), "{plain}");
        let based = each_html(
            page,
            Paper::A4,
            "briefings/ferry/index.html",
            Some("https://d.example/"),
        );
        assert!(based.contains(
            "<a href=\"https://d.example/briefings/dock/index.html\" data-site-link=\"\">dock</a>"
        ), "{based}");
        assert!(!based.contains("file:"), "{based}");
    }

    #[test]
    fn link_targets_by_scheme() {
        let page = "briefings/a/index.html";
        let base = Some("https://d.example/");
        assert_eq!(link_target("#q", page, base), Target::Keep);
        assert_eq!(link_target("HTTPS://x.example/", page, base), Target::Keep);
        assert_eq!(
            link_target("mailto:desk@x.example", page, None),
            Target::Keep
        );
        assert_eq!(link_target("javascript:void(0)", page, base), Target::Text);
        assert_eq!(link_target("data:text/plain,hi", page, base), Target::Text);
        assert_eq!(
            link_target("//cdn.example/a.pdf", page, None),
            Target::Absolute("https://cdn.example/a.pdf".to_string())
        );
        assert_eq!(
            link_target("files/report.pdf?v=2", page, base),
            Target::Absolute("https://d.example/briefings/a/files/report.pdf?v=2".to_string())
        );
        assert_eq!(link_target("files/report.pdf", page, None), Target::Text);
    }

    #[test]
    fn book_links_to_files_beside_the_site_become_text() {
        let book = BOOK.replace(
            "<h2 class=\"briefing-title\">Dock  strike</h2>",
            "<h2 class=\"briefing-title\">Dock  strike</h2><p><a href=\"files/pay.pdf\">the offer</a></p>",
        );
        let html = book_html(&book, &BookPrint::default());
        assert!(html.contains("<p>the offer</p>"), "{html}");
        assert!(html.contains("<a href=\"#ferry--who-pays\">"), "{html}");
    }

    #[test]
    fn resolve_climbs_from_the_page_folder_and_not_out_of_the_site() {
        assert_eq!(
            resolve("briefings/a/index.html", "../b/index.html#q").as_deref(),
            Some("briefings/b/index.html#q")
        );
        assert_eq!(
            resolve("briefings/a/index.html", "../../index.html").as_deref(),
            Some("index.html")
        );
        assert_eq!(resolve("index.html", "../x.html"), None);
    }
}

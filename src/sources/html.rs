//! Saved web pages (`.html`, `.htm`): the article's text, headings,
//! captions and metadata, without the page around it. Parsed with
//! html5ever (through `scraper`, already used by `check`), as a browser
//! parses it. Steps, in order:
//!
//! 1. **Depth guard.** A page with more than [`MAX_DEPTH`] elements open at
//!    once is refused before parsing, naming the depth (html5ever's tree
//!    builder slows down with the square of the depth: 40,000 nested
//!    `<div>`s take 4 s, a million would take most of an hour). Elements
//!    that close themselves (`<p>`, `<li>`, `<td>`, void elements) and the
//!    insides of `<script>`, `<style>` and comments are not counted. A page
//!    of more than [`MAX_TAGS`] tags is refused the same way (memory grows
//!    with the elements, not the bytes: a million `<p>x` took 680 MB).
//! 2. **Metadata** from the whole page: the *title* is the main content's
//!    first `<h1>`; the *fallback title* (used when the text rules find no
//!    headline, see [`super`]) is JSON-LD `headline` (a `NewsArticle`,
//!    `Article`, `BlogPosting` or `Report`, also inside `@graph`), else
//!    `og:title`, else `<title>` with the site name cut off (`og:site_name`,
//!    or of the first and last parts split by ` | `, ` - `, ` – `, ` — `, ` · `
//!    the one with fewer words, the last on a tie); the
//!    *date* is JSON-LD `datePublished`, else `article:published_time`,
//!    else `<meta name="date">`; the *authors* are JSON-LD `author` names,
//!    else `<meta name="author">`.
//! 3. **Main content**: the `<article>` holding the most text, else
//!    `<main>` or `role="main"`, else the element that scores highest in
//!    the style of Mozilla Readability (each paragraph of 25 characters or
//!    more scores 1, plus its commas, plus one per 100 characters up to 3,
//!    for its parent and half for its grandparent; times one minus the
//!    share of the text in links; plus or minus 25 for words such as
//!    `article`/`story` or `comment`/`sidebar` in its class or id), grown
//!    to the nearest ancestor holding the page's first `<h1>` when it holds
//!    at least half of that ancestor's text (a headline block beside the
//!    body); else `<body>`.
//! 4. **Residue** ([`RESIDUE`], in order; the first rule that matches an
//!    element inside the main content drops it with all it holds, and
//!    counts the lines it held for `check`):
//!    1. `script`: `<script>`, `<style>`, `<noscript>`, `<template>`,
//!       `<iframe>`, `<object>`, `<embed>`, `<svg>`, `<canvas>` (counted
//!       as elements).
//!    2. `hidden`: a `hidden` attribute, `aria-hidden="true"`, or an inline
//!       style with `display: none` or `visibility: hidden`.
//!    3. `form`: `<form>`, `<button>`, `<input>`, `<select>`, `<textarea>`.
//!    4. `navigation`: `<nav>`, `<menu>`, `role="navigation"` or
//!       `"banner"`, a `<header>` with a `<nav>` in it, or a class or id word
//!       `nav`, `navbar`, `menu`, `breadcrumb(s)`, `masthead`, `skip`.
//!    5. `cookie banner`: a class, id or label word holding `cookie`,
//!       `consent` or `gdpr`.
//!    6. `share widget`: a word starting `share` or `sharing`, or
//!       `social`.
//!    7. `advert`: `<ins>` and a word `ad`, `ads`, `adslot`, `adunit`,
//!       `dfp`, `sponsor(ed)`, `promo`, `taboola`, `outbrain`, or starting
//!       `advert`.
//!    8. `related`: a word `related`, `recommended`, `newsletter`,
//!       `subscribe`, `signup`, `comments`, `popular`, `trending`,
//!       `more-stories`.
//!    9. `aside`: `<aside>`, `role="complementary"`.
//!    10. `footer`: `<footer>`, `role="contentinfo"`.
//!
//!    Rules 4-8 read class and id words; they never drop an element that
//!    holds more than half of the main content's text (a wrapper called
//!    `content-with-ads` is still the article). The rules also sort what
//!    lies around the main content for `check`'s count; lines there that no
//!    rule takes are counted as `outside the article`.
//! 5. **Text.** Block elements (`<p>`, `<div>`, `<li>`, `<h1>`-`<h6>`,
//!    `<blockquote>`, `<figcaption>`, table rows, ...) end a paragraph; a
//!    `<br>` ends a line inside it (the raw rules then join or keep the
//!    lines as in a `.txt`); whitespace is collapsed; links and inline markup are kept
//!    as their text; images give nothing. `<h2>` is a level-2 heading,
//!    `<h3>` and `<h4>` level 3; `<figcaption>` is a caption; the first
//!    `<h1>` is the headline (rule 2) and not repeated as text.

use super::{Converted, LINE_BREAK, Origin, Piece, Unread, collapse, collapse_lines, iso_date};
use ego_tree::NodeId;
use ego_tree::iter::Edge;
use scraper::node::Element;
use scraper::{ElementRef, Html, Node, Selector};

/// Most elements open at once (rule 1). Real pages stay under 100.
pub const MAX_DEPTH: usize = 512;

/// Most tags in a page (rule 1): a parsed element costs a few hundred
/// bytes all told, so this keeps a page under about 400 MB however its
/// tags are spent (499,000 `<p>x` under 511 `<div>`s: 1.8 s and 363 MB in
/// release). A long news page has 5,000 to 50,000.
pub const MAX_TAGS: usize = 500_000;

/// Reads a saved web page.
pub fn read(text: &str) -> Result<Converted, Unread> {
    let (depth, tags) = scan(text, MAX_DEPTH, MAX_TAGS);
    if depth > MAX_DEPTH {
        return Err(Unread::Broken(format!(
            "elements are nested more than {MAX_DEPTH} deep, which no real page is; \
             save the page again from the browser, or copy its text into a .txt"
        )));
    }
    if tags > MAX_TAGS {
        return Err(Unread::Broken(format!(
            "has more than {MAX_TAGS} tags, which no saved article has; \
             split it, or copy its text into a .txt"
        )));
    }
    let page = Html::parse_document(text);
    let mut converted = Converted::default();
    let head = head_metadata(&page);
    let root = main_content(&page);
    let mut walker = Walker::default();
    if let Some(root) = root {
        walker.walk(root, Some(text_len(root)), &mut converted);
        // What the page holds around the article, for `check`.
        if let Some(body) = select(&page, "body").into_iter().next()
            && body.id() != root.id()
        {
            let mut around = Walker {
                leave_out: Some(root.id()),
                ..Walker::default()
            };
            around.walk(body, Some(usize::MAX), &mut converted);
            converted.drop_lines("outside the article", around.out.len());
        }
    }
    let mut pieces = walker.out;
    let h1 = pieces
        .iter()
        .position(|p| p.origin == Origin::Heading(1))
        .map(|i| pieces.remove(i).text);
    for piece in &mut pieces {
        if piece.origin == Origin::Heading(1) {
            piece.origin = Origin::Heading(2);
        }
    }
    converted.paragraphs = pieces;
    converted.title = h1.map(|t| (t, "markup title: <h1>"));
    converted.fallback_title = head
        .headline
        .map(|t| (t, "markup title: JSON-LD headline"))
        .or(head.og_title.map(|t| (t, "markup title: og:title")))
        .or(head.title.map(|t| (t, "markup title: <title>")));
    converted.date = head.date;
    converted.authors = head.authors;
    Ok(converted)
}

/// Rule 1: the most elements open at once, counting up to just past `limit`.
pub fn open_depth(text: &str, limit: usize) -> usize {
    scan(text, limit, usize::MAX).0
}

/// Rule 1's scan: the most elements open at once and the tags met, up to
/// just past `depth_limit` or `tag_limit`.
fn scan(text: &str, depth_limit: usize, tag_limit: usize) -> (usize, usize) {
    const SELF_CLOSING: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr", "param", "keygen", "p", "li", "dt", "dd", "option", "optgroup", "tr", "td",
        "th", "thead", "tbody", "tfoot", "rb", "rt", "rp", "colgroup", "caption", "html", "head",
        "body",
    ];
    let bytes = text.as_bytes();
    let (mut depth, mut most, mut i, mut tags) = (0usize, 0usize, 0usize, 0usize);
    while let Some(at) = bytes[i..].iter().position(|&b| b == b'<') {
        i += at + 1;
        tags += 1;
        if tags > tag_limit {
            return (most, tags);
        }
        let rest = &bytes[i..];
        if rest.starts_with(b"!--") {
            i += find(rest, b"-->").map_or(rest.len(), |e| e + 3);
            continue;
        }
        let closing = rest.first() == Some(&b'/');
        let name_start = usize::from(closing);
        let name_len = rest[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if name_len == 0 {
            continue;
        }
        let name =
            String::from_utf8_lossy(&rest[name_start..name_start + name_len]).to_ascii_lowercase();
        if SELF_CLOSING.contains(&name.as_str()) {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else if matches!(name.as_str(), "script" | "style" | "textarea" | "title") {
            // Raw text: nothing inside is a tag.
            let end = format!("</{name}");
            i += find_ignoring_case(rest, end.as_bytes()).unwrap_or(rest.len());
        } else {
            depth += 1;
            most = most.max(depth);
            if most > depth_limit {
                return (most, tags);
            }
        }
    }
    (most, tags)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// [`find`] for an ASCII `needle`, in any case, without copying.
fn find_ignoring_case(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

/// What the page's head and JSON-LD say (rule 2).
#[derive(Debug, Default)]
struct Head {
    headline: Option<String>,
    og_title: Option<String>,
    title: Option<String>,
    date: Option<chrono::NaiveDate>,
    authors: Vec<String>,
}

fn select<'a>(page: &'a Html, css: &str) -> Vec<ElementRef<'a>> {
    match Selector::parse(css) {
        Ok(selector) => page.select(&selector).collect(),
        Err(_) => Vec::new(),
    }
}

fn meta_content(page: &Html, css: &str) -> Option<String> {
    select(page, css)
        .into_iter()
        .filter_map(|m| m.attr("content"))
        .map(collapse)
        .find(|c| !c.is_empty())
}

fn head_metadata(page: &Html) -> Head {
    let mut head = Head::default();
    for script in select(page, r#"script[type="application/ld+json"]"#) {
        let json: String = script.text().collect();
        let Ok(value) = serde_json::from_str::<serde_json::Value>(&json) else {
            continue;
        };
        if let Some(article) = json_ld_article(&value) {
            let text = |key: &str| article.get(key).and_then(|v| v.as_str()).map(collapse);
            head.headline = head.headline.or(text("headline").filter(|t| !t.is_empty()));
            head.date = head
                .date
                .or(text("datePublished").and_then(|d| iso_date(&d)));
            if head.authors.is_empty() {
                head.authors = json_ld_names(article.get("author"));
            }
        }
    }
    head.og_title = meta_content(page, r#"meta[property="og:title"]"#);
    head.date = head
        .date
        .or_else(|| {
            meta_content(page, r#"meta[property="article:published_time"]"#)
                .and_then(|d| iso_date(&d))
        })
        .or_else(|| meta_content(page, r#"meta[name="date"]"#).and_then(|d| iso_date(&d)));
    if head.authors.is_empty()
        && let Some(names) = meta_content(page, r#"meta[name="author"]"#)
    {
        head.authors = names
            .split([',', ';'])
            .flat_map(|n| n.split(" and "))
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(str::to_string)
            .collect();
    }
    let site = meta_content(page, r#"meta[property="og:site_name"]"#);
    head.title = select(page, "title")
        .first()
        .map(|t| collapse(&t.text().collect::<String>()))
        .map(|t| strip_site_name(&t, site.as_deref()))
        .filter(|t| !t.is_empty());
    head
}

/// The first article object in a JSON-LD value (arrays and `@graph` too).
fn json_ld_article(
    value: &serde_json::Value,
) -> Option<&serde_json::Map<String, serde_json::Value>> {
    let is_article =
        |t: &str| t.ends_with("Article") || matches!(t, "BlogPosting" | "Report" | "ReportageNews");
    let mut stack = vec![value];
    while let Some(v) = stack.pop() {
        match v {
            serde_json::Value::Array(items) => stack.extend(items.iter().rev()),
            serde_json::Value::Object(map) => {
                let typed = match map.get("@type") {
                    Some(serde_json::Value::String(t)) => is_article(t),
                    Some(serde_json::Value::Array(ts)) => {
                        ts.iter().filter_map(|t| t.as_str()).any(is_article)
                    }
                    _ => false,
                };
                if typed {
                    return Some(map);
                }
                if let Some(graph) = map.get("@graph") {
                    stack.push(graph);
                }
            }
            _ => {}
        }
    }
    None
}

/// Author names from a JSON-LD `author`: a name, a person, or a list.
fn json_ld_names(value: Option<&serde_json::Value>) -> Vec<String> {
    let one = |v: &serde_json::Value| match v {
        serde_json::Value::String(s) => Some(collapse(s)),
        serde_json::Value::Object(m) => m.get("name").and_then(|n| n.as_str()).map(collapse),
        _ => None,
    };
    match value {
        Some(serde_json::Value::Array(items)) => items.iter().filter_map(one).collect(),
        Some(v) => one(v).into_iter().collect(),
        None => Vec::new(),
    }
    .into_iter()
    .filter(|n| !n.is_empty())
    .collect()
}

/// `<title>` without the site's name: the part naming `site`, else the
/// shortest of two or more parts when it is the last or first.
pub fn strip_site_name(title: &str, site: Option<&str>) -> String {
    for separator in [" | ", " - ", " – ", " — ", " · ", " :: "] {
        let parts: Vec<&str> = title.split(separator).map(str::trim).collect();
        if parts.len() < 2 {
            continue;
        }
        if let Some(site) = site {
            let kept: Vec<&str> = parts
                .iter()
                .copied()
                .filter(|p| !p.eq_ignore_ascii_case(site.trim()))
                .collect();
            if kept.len() < parts.len() && !kept.is_empty() {
                return kept.join(separator);
            }
        }
        let words = |p: &str| p.split_whitespace().count();
        let (first, last) = (parts[0], parts[parts.len() - 1]);
        return if words(last) <= words(first) {
            parts[..parts.len() - 1].join(separator)
        } else {
            parts[1..].join(separator)
        };
    }
    title.to_string()
}

/// Rule 3: where the article is.
fn main_content(page: &Html) -> Option<ElementRef<'_>> {
    if let Some(article) = select(page, "article")
        .into_iter()
        .max_by_key(|a| text_len(*a))
    {
        return Some(article);
    }
    if let Some(main) = select(page, r#"main, [role="main"]"#).into_iter().next() {
        return Some(main);
    }
    let body = select(page, "body").into_iter().next();
    best_scored(page)
        .map(|best| with_headline(page, best))
        .or(body)
}

/// Rule 3, last part: a scored element that leaves out the page's first
/// `<h1>` grows to the nearest ancestor holding it, when the element holds
/// at least half of that ancestor's text (a headline block beside the
/// story's body: the byline and date go with the headline).
fn with_headline<'a>(page: &'a Html, best: ElementRef<'a>) -> ElementRef<'a> {
    let Some(h1) = select(page, "h1").into_iter().next() else {
        return best;
    };
    if h1.ancestors().any(|a| a.id() == best.id()) {
        return best;
    }
    let h1_up: std::collections::HashSet<NodeId> = h1.ancestors().map(|a| a.id()).collect();
    best.ancestors()
        .filter_map(ElementRef::wrap)
        .find(|a| h1_up.contains(&a.id()))
        .filter(|holder| text_len(best) * 2 >= text_len(*holder))
        .unwrap_or(best)
}

fn text_len(el: ElementRef<'_>) -> usize {
    el.text().map(|t| t.trim().len()).sum()
}

/// Words in an element's id, class, role and label, lowercased.
fn words(el: &Element) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["id", "class", "role", "aria-label"] {
        if let Some(value) = el.attr(attr) {
            for word in value.split_whitespace() {
                let word = word.to_ascii_lowercase();
                out.extend(
                    word.split(['-', '_'])
                        .filter(|w| !w.is_empty())
                        .map(str::to_string),
                );
                out.push(word);
            }
        }
    }
    out
}

/// Readability-style scoring (rule 3, last resort).
fn best_scored(page: &Html) -> Option<ElementRef<'_>> {
    let mut scores: std::collections::BTreeMap<NodeId, f64> = std::collections::BTreeMap::new();
    // Elements inside residue, found once top-down (parents come first).
    let mut inside: std::collections::HashSet<NodeId> = std::collections::HashSet::new();
    for el in page.root_element().descendent_elements() {
        let parent_inside = el.parent().is_some_and(|p| inside.contains(&p.id()));
        if parent_inside || residue_rule(el, None).is_some() {
            inside.insert(el.id());
        }
    }
    for p in select(page, "p, pre, blockquote, td") {
        if inside.contains(&p.id()) {
            continue;
        }
        let text = collapse(&p.text().collect::<String>());
        if text.len() < 25 {
            continue;
        }
        let score = 1.0 + text.matches(',').count() as f64 + (text.len() / 100).min(3) as f64;
        let mut up = p.ancestors().filter_map(ElementRef::wrap);
        if let Some(parent) = up.next() {
            *scores.entry(parent.id()).or_default() += score;
        }
        if let Some(grand) = up.next() {
            *scores.entry(grand.id()).or_default() += score / 2.0;
        }
    }
    scores
        .into_iter()
        .filter_map(|(id, score)| {
            let el = ElementRef::wrap(page.tree.get(id)?)?;
            let total = text_len(el).max(1) as f64;
            let linked: usize = el
                .descendent_elements()
                .filter(|d| d.value().name() == "a")
                .map(text_len)
                .sum();
            let weight = class_weight(&words(el.value()));
            Some((el, score * (1.0 - linked as f64 / total) + weight))
        })
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(el, _)| el)
}

fn class_weight(words: &[String]) -> f64 {
    const GOOD: &[&str] = &[
        "article", "body", "content", "entry", "main", "page", "post", "story", "text", "blog",
    ];
    const BAD: &[&str] = &[
        "comment", "comments", "footer", "nav", "sidebar", "share", "ad", "ads", "cookie", "menu",
        "related", "promo", "widget", "banner",
    ];
    let mut weight = 0.0;
    if words.iter().any(|w| GOOD.contains(&w.as_str())) {
        weight += 25.0;
    }
    if words.iter().any(|w| BAD.contains(&w.as_str())) {
        weight -= 25.0;
    }
    weight
}

/// One residue rule (rule 4): its name, as `check` reports it, a test of
/// the element's tag and attributes, and a test of its class and id words
/// (which spares an element holding most of the article).
pub struct ResidueRule {
    pub name: &'static str,
    tag: fn(&Element, ElementRef<'_>) -> bool,
    words: fn(&[String]) -> bool,
}

fn any_word(words: &[String], set: &[&str]) -> bool {
    words.iter().any(|w| set.contains(&w.as_str()))
}

fn no_words(_: &[String]) -> bool {
    false
}

/// The residue rules, in the order they are tried (rule 4 of the module doc).
pub const RESIDUE: &[ResidueRule] = &[
    ResidueRule {
        name: "script",
        tag: |el, _| {
            matches!(
                el.name(),
                "script"
                    | "style"
                    | "noscript"
                    | "template"
                    | "iframe"
                    | "object"
                    | "embed"
                    | "svg"
                    | "canvas"
            )
        },
        words: no_words,
    },
    ResidueRule {
        name: "hidden",
        tag: |el, _| {
            let style = el
                .attr("style")
                .unwrap_or("")
                .to_ascii_lowercase()
                .replace(' ', "");
            el.attr("hidden").is_some()
                || el.attr("aria-hidden") == Some("true")
                || style.contains("display:none")
                || style.contains("visibility:hidden")
        },
        words: no_words,
    },
    ResidueRule {
        name: "form",
        tag: |el, _| {
            matches!(
                el.name(),
                "form" | "button" | "input" | "select" | "textarea"
            )
        },
        words: no_words,
    },
    ResidueRule {
        name: "navigation",
        tag: |el, node| {
            matches!(el.name(), "nav" | "menu")
                || matches!(el.attr("role"), Some("navigation" | "banner"))
                || (el.name() == "header"
                    && node.child_elements().any(|d| d.value().name() == "nav"))
        },
        words: |words| {
            any_word(
                words,
                &[
                    "nav",
                    "navbar",
                    "navigation",
                    "menu",
                    "breadcrumb",
                    "breadcrumbs",
                    "masthead",
                    "skip",
                ],
            )
        },
    },
    ResidueRule {
        name: "cookie banner",
        tag: |_, _| false,
        words: |words| {
            words
                .iter()
                .any(|w| w.contains("cookie") || w.contains("consent") || w.contains("gdpr"))
        },
    },
    ResidueRule {
        name: "share widget",
        tag: |_, _| false,
        words: |words| {
            words
                .iter()
                .any(|w| w.starts_with("share") || w.starts_with("sharing") || w == "social")
        },
    },
    ResidueRule {
        name: "advert",
        tag: |el, _| el.name() == "ins",
        words: |words| {
            words.iter().any(|w| w.starts_with("advert"))
                || any_word(
                    words,
                    &[
                        "ad",
                        "ads",
                        "adslot",
                        "adunit",
                        "dfp",
                        "sponsor",
                        "sponsored",
                        "promo",
                        "taboola",
                        "outbrain",
                    ],
                )
        },
    },
    ResidueRule {
        name: "related",
        tag: |_, _| false,
        words: |words| {
            any_word(
                words,
                &[
                    "related",
                    "recommended",
                    "newsletter",
                    "subscribe",
                    "signup",
                    "comments",
                    "popular",
                    "trending",
                    "more-stories",
                ],
            )
        },
    },
    ResidueRule {
        name: "aside",
        tag: |el, _| el.name() == "aside" || el.attr("role") == Some("complementary"),
        words: no_words,
    },
    ResidueRule {
        name: "footer",
        tag: |el, _| el.name() == "footer" || el.attr("role") == Some("contentinfo"),
        words: no_words,
    },
];

/// The first residue rule that drops `el`; a rule's word test spares an
/// element holding more than half of `article_len` bytes of text.
fn residue_rule(el: ElementRef<'_>, article_len: Option<usize>) -> Option<&'static ResidueRule> {
    let words = words(el.value());
    RESIDUE.iter().find(|rule| {
        (rule.tag)(el.value(), el)
            || ((rule.words)(&words)
                && article_len.is_none_or(|len| text_len(el).saturating_mul(2) <= len))
    })
}

/// Elements that end a paragraph (rule 5).
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "header"
            | "footer"
            | "aside"
            | "nav"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "blockquote"
            | "figure"
            | "figcaption"
            | "pre"
            | "table"
            | "tr"
            | "caption"
            | "address"
            | "hr"
            | "details"
            | "summary"
            | "body"
            | "center"
    )
}

fn origin_of(name: &str) -> Option<Origin> {
    match name {
        "h1" => Some(Origin::Heading(1)),
        "h2" => Some(Origin::Heading(2)),
        "h3" | "h4" => Some(Origin::Heading(3)),
        "figcaption" => Some(Origin::Caption),
        "h5" | "h6" | "li" | "blockquote" | "p" => Some(Origin::Text),
        _ => None,
    }
}

/// Rule 5: paragraphs out of the main content.
#[derive(Default)]
struct Walker {
    out: Vec<Piece>,
    buf: String,
    origins: Vec<(NodeId, Origin)>,
    /// An element not walked at all (the article, when counting what is
    /// around it).
    leave_out: Option<NodeId>,
}

impl Walker {
    fn flush(&mut self) {
        let text = collapse_lines(&self.buf);
        self.buf.clear();
        if !text.is_empty() {
            let origin = self.origins.last().map_or(Origin::Text, |o| o.1);
            self.out.push(Piece { text, origin });
        }
    }

    /// Walks `root` (never dropped itself); with `article_len`, residue is
    /// dropped and counted into `converted`, else only scripts are left out
    /// (counting what a dropped element held).
    fn walk(
        &mut self,
        root: ElementRef<'_>,
        article_len: Option<usize>,
        converted: &mut Converted,
    ) {
        let mut skip: Option<NodeId> = None;
        for edge in root.traverse() {
            match edge {
                Edge::Open(node) => {
                    if skip.is_some() {
                        continue;
                    }
                    match node.value() {
                        Node::Text(text) => self.buf.push_str(text),
                        Node::Element(el) => {
                            let Some(element) = ElementRef::wrap(node) else {
                                continue;
                            };
                            if self.leave_out == Some(node.id()) {
                                self.flush();
                                skip = Some(node.id());
                                continue;
                            }
                            if node.id() != root.id() {
                                let rule = match article_len {
                                    Some(_) => residue_rule(element, article_len),
                                    None => RESIDUE.first().filter(|r| (r.tag)(el, element)),
                                };
                                if let Some(rule) = rule {
                                    skip = Some(node.id());
                                    if article_len.is_some() {
                                        let count = if rule.name == "script" {
                                            1
                                        } else {
                                            let mut inner = Walker::default();
                                            inner.walk(element, None, converted);
                                            inner.flush();
                                            inner.out.len()
                                        };
                                        if count > 0 {
                                            converted.drop_lines(rule.name, count);
                                        }
                                    }
                                    continue;
                                }
                            }
                            let name = el.name();
                            if name == "br" {
                                self.buf.push(LINE_BREAK);
                            } else if matches!(name, "td" | "th") {
                                self.buf.push(' ');
                            }
                            if is_block(name) {
                                self.flush();
                            }
                            if let Some(origin) = origin_of(name) {
                                self.flush();
                                self.origins.push((node.id(), origin));
                            }
                        }
                        _ => {}
                    }
                }
                Edge::Close(node) => {
                    if skip == Some(node.id()) {
                        skip = None;
                        continue;
                    }
                    if skip.is_some() {
                        continue;
                    }
                    if let Node::Element(el) = node.value() {
                        if is_block(el.name()) || origin_of(el.name()).is_some() {
                            self.flush();
                        }
                        if self.origins.last().is_some_and(|o| o.0 == node.id()) {
                            self.origins.pop();
                        }
                    }
                }
            }
        }
        self.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(body: &str) -> String {
        format!("<!doctype html><html><head><title>T</title></head><body>{body}</body></html>")
    }

    fn texts(html: &str) -> Vec<String> {
        read(html)
            .expect("readable")
            .paragraphs
            .into_iter()
            .map(|p| p.text)
            .collect()
    }

    fn dropped(html: &str) -> Vec<(&'static str, usize)> {
        read(html)
            .expect("readable")
            .dropped
            .into_iter()
            .map(|d| (d.rule, d.count))
            .collect()
    }

    const BODY: &str = "<p>The harbour board met on Monday, and it agreed to keep the ferry.</p>";

    fn with(extra: &str) -> String {
        page(&format!("<article>{BODY}{extra}</article>"))
    }

    #[test]
    fn depth_guard_refuses_deep_nesting() {
        let deep = "<div>".repeat(MAX_DEPTH + 1);
        assert!(matches!(read(&deep), Err(Unread::Broken(m)) if m.contains("nested")));
        assert_eq!(open_depth(&"<p><li><br>".repeat(5000), MAX_DEPTH), 0);
        assert_eq!(
            open_depth("<div><div></div><div><span>x</span></div></div>", 99),
            3
        );
        assert_eq!(
            open_depth("<script>if (a<b) {}</SCRIPT><!-- <div> -->", 99),
            0
        );
        // Many scripts cost a scan each, not a copy of the rest of the page.
        let scripts = "<script>x<y</script>".repeat(200_000);
        let started = std::time::Instant::now();
        assert_eq!(open_depth(&scripts, MAX_DEPTH), 0);
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
    }

    #[test]
    fn depth_guard_refuses_a_page_of_too_many_tags() {
        let many = "<p>x".repeat(MAX_TAGS + 1);
        assert!(matches!(read(&many), Err(Unread::Broken(m)) if m.contains("tags")));
        assert!(read(&"<p>x".repeat(1000)).is_ok());
    }

    #[test]
    fn metadata_json_ld_headline_date_and_authors() {
        let html = r#"<html><head><script type="application/ld+json">
            {"@context":"https://schema.org","@graph":[{"@type":"WebSite"},
            {"@type":"NewsArticle","headline":"Ferry kept on","datePublished":"2026-03-04T09:00:00Z",
             "author":[{"@type":"Person","name":"Ada Marsh"},"Ben Cole"]}]}
            </script></head><body><p>Text.</p></body></html>"#;
        let c = read(html).unwrap();
        assert_eq!(
            c.fallback_title,
            Some(("Ferry kept on".into(), "markup title: JSON-LD headline"))
        );
        assert_eq!(c.date, chrono::NaiveDate::from_ymd_opt(2026, 3, 4));
        assert_eq!(c.authors, ["Ada Marsh", "Ben Cole"]);
    }

    #[test]
    fn metadata_open_graph_and_meta_tags() {
        let html = r#"<html><head><meta property="og:title" content="Ferry kept on">
            <meta property="article:published_time" content="2026-03-05">
            <meta name="author" content="Ada Marsh and Ben Cole"></head><body><p>Text.</p></body></html>"#;
        let c = read(html).unwrap();
        assert_eq!(
            c.fallback_title,
            Some(("Ferry kept on".into(), "markup title: og:title"))
        );
        assert_eq!(c.date, chrono::NaiveDate::from_ymd_opt(2026, 3, 5));
        assert_eq!(c.authors, ["Ada Marsh", "Ben Cole"]);
    }

    #[test]
    fn metadata_h1_wins_and_is_not_repeated() {
        let html = r#"<html><head><meta property="og:title" content="Social title"></head>
            <body><article><h1>Ferry kept on</h1><p>Text here.</p></article></body></html>"#;
        let c = read(html).unwrap();
        assert_eq!(c.title.unwrap().0, "Ferry kept on");
        assert_eq!(texts(html), ["Text here."]);
    }

    #[test]
    fn metadata_title_without_site_name() {
        assert_eq!(
            strip_site_name("Ferry kept on | Harbour Gazette", None),
            "Ferry kept on"
        );
        assert_eq!(
            strip_site_name("Gazette - Ferry kept on for winter", None),
            "Ferry kept on for winter"
        );
        assert_eq!(
            strip_site_name(
                "Ferry kept on – The Harbour Gazette Online",
                Some("The Harbour Gazette Online")
            ),
            "Ferry kept on"
        );
        assert_eq!(strip_site_name("Plain title", None), "Plain title");
    }

    #[test]
    fn main_content_article_with_most_text() {
        let html = page(&format!(
            "<article><p>Teaser.</p></article><div><p>Outside.</p></div><article>{BODY}</article>"
        ));
        assert_eq!(
            texts(&html),
            ["The harbour board met on Monday, and it agreed to keep the ferry."]
        );
    }

    #[test]
    fn main_content_main_element() {
        let html = page(&format!("<div><p>Site blurb.</p></div><main>{BODY}</main>"));
        assert_eq!(texts(&html).len(), 1);
    }

    #[test]
    fn main_content_scored_without_article() {
        let html = page(&format!(
            "<div class=\"top\"><p>Short one.</p></div>\
             <div class=\"story-body\">{BODY}{BODY}{BODY}</div>\
             <div class=\"sidebar\"><p>Links to other things, many of them, here and there.</p></div>"
        ));
        assert_eq!(texts(&html).len(), 3);
    }

    #[test]
    fn main_content_scored_grows_to_take_in_the_headline_block() {
        let html = page(&format!(
            "<div class=\"wrap\"><div class=\"top\"><h1>Ferry kept on</h1><p>By Ada Marsh</p></div>\
             <div class=\"text\">{BODY}{BODY}{BODY}</div></div><div><p>Elsewhere on the site today.</p></div>"
        ));
        let c = read(&html).unwrap();
        assert_eq!(
            c.title.as_ref().map(|t| t.0.as_str()),
            Some("Ferry kept on")
        );
        assert_eq!(texts(&html)[0], "By Ada Marsh");
        assert_eq!(texts(&html).len(), 4, "the rest of the page stays out");
    }

    #[test]
    fn residue_script() {
        let html =
            with("<script>alert(1)</script><style>p{}</style><noscript>Enable it</noscript>");
        assert_eq!(texts(&html).len(), 1);
        assert_eq!(dropped(&html), [("script", 3)]);
    }

    #[test]
    fn residue_hidden() {
        let html = with(
            "<p hidden>Hidden one.</p><div style=\"display: none\">Two.</div><p aria-hidden=\"true\">Three.</p>",
        );
        assert_eq!(dropped(&html), [("hidden", 3)]);
    }

    #[test]
    fn residue_form() {
        let html = with("<form><label>Email</label><input></form><button>Print</button>");
        assert_eq!(dropped(&html), [("form", 2)]);
    }

    #[test]
    fn residue_navigation() {
        let html = with(
            "<nav><ul><li>Home</li><li>News</li></ul></nav><div class=\"breadcrumbs\">News › Local</div>",
        );
        assert_eq!(dropped(&html), [("navigation", 3)]);
    }

    #[test]
    fn residue_cookie_banner() {
        let html = with("<div id=\"cookieConsent\"><p>We use cookies.</p><p>Accept all</p></div>");
        assert_eq!(dropped(&html), [("cookie banner", 2)]);
    }

    #[test]
    fn residue_share_widget() {
        let html = with("<ul class=\"share-buttons\"><li>Share on X</li><li>Email</li></ul>");
        assert_eq!(dropped(&html), [("share widget", 2)]);
    }

    #[test]
    fn residue_advert() {
        let html = with(
            "<div class=\"ad-slot\"><p>Advertisement</p></div><ins class=\"x\">Buy</ins><div class=\"header\"><p>Kept heading text.</p></div>",
        );
        assert_eq!(dropped(&html), [("advert", 2)]);
        assert!(texts(&html).contains(&"Kept heading text.".to_string()));
    }

    #[test]
    fn residue_related() {
        let html = with(
            "<section class=\"related-stories\"><h3>More news</h3><p>Other story</p></section>",
        );
        assert_eq!(dropped(&html), [("related", 2)]);
    }

    #[test]
    fn residue_aside() {
        let html = with("<aside><p>Key facts box</p></aside>");
        assert_eq!(dropped(&html), [("aside", 1)]);
    }

    #[test]
    fn residue_footer() {
        let html = with("<footer><p>© Gazette</p></footer>");
        assert_eq!(dropped(&html), [("footer", 1)]);
    }

    #[test]
    fn residue_outside_the_article_is_counted_by_rule() {
        let html = page(&format!(
            "<nav><a>Home</a></nav><p>Site strapline here.</p><article>{BODY}</article><footer>© x</footer>"
        ));
        assert_eq!(
            dropped(&html),
            [("navigation", 1), ("footer", 1), ("outside the article", 1)]
        );
    }

    #[test]
    fn residue_navigation_element_is_dropped_even_when_it_is_all_there_is() {
        assert!(matches!(
            super::super::read(
                crate::model::SourceFormat::Html,
                b"<body><nav>Home</nav></body>"
            ),
            Err(Unread::NoText(_))
        ));
    }

    #[test]
    fn residue_spares_a_wrapper_holding_the_article() {
        let html = page(&format!(
            "<article><div class=\"content-with-ads\">{BODY}{BODY}</div><p>x</p></article>"
        ));
        assert_eq!(texts(&html).len(), 3);
    }

    #[test]
    fn text_blocks_headings_captions_and_links() {
        let html = page(
            "<article><h2>Why now?</h2><p>Because the <a href=\"/x\">board</a> said so.<br>New line.</p>\
             <h3>Costs</h3><h4>Small</h4><figure><img src=\"a.jpg\"><figcaption>The ferry <b>at dawn</b></figcaption></figure>\
             <blockquote><p>We will keep it.</p></blockquote><ul><li>One</li><li>Two</li></ul>\
             <table><tr><td>A</td><td>B</td></tr></table></article>",
        );
        let c = read(&html).unwrap();
        let got: Vec<(String, Origin)> = c
            .paragraphs
            .into_iter()
            .map(|p| (p.text, p.origin))
            .collect();
        let want = [
            ("Why now?", Origin::Heading(2)),
            ("Because the board said so.\nNew line.", Origin::Text),
            ("Costs", Origin::Heading(3)),
            ("Small", Origin::Heading(3)),
            ("The ferry at dawn", Origin::Caption),
            ("We will keep it.", Origin::Text),
            ("One", Origin::Text),
            ("Two", Origin::Text),
            ("A B", Origin::Text),
        ];
        let want: Vec<(String, Origin)> = want.iter().map(|(t, o)| (t.to_string(), *o)).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn empty_and_garbage_pages_read_as_nothing() {
        assert!(read("").unwrap().paragraphs.is_empty());
        assert!(read("<<<>>> \u{0} </div></p>").is_ok());
    }
}

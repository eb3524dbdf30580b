//! Markdown parser: splits off TOML (`+++`) or YAML (`---`) front matter and
//! turns the body into the same flat block list the raw parser produces.
//!
//! Rules:
//! - A leading `#` heading is the document's title when the front matter
//!   gives none; otherwise every heading is a section heading.
//! - `#` and `##` headings are level 2 sections, `###` and deeper level 3.
//! - Every other top-level block (paragraph, list, table, quote, code,
//!   footnote definition) is one paragraph block with its plain text and its
//!   HTML. Tables, footnotes, strikethrough, task lists and smart
//!   punctuation are on.
//! - Raw HTML is sanitised by default (ammonia's allow-list: formatting
//!   kept; scripts, styles, event handlers, `javascript:` URLs and author
//!   ids removed), shown as plain text with [`HtmlPolicy::Escape`], or
//!   passed through untouched only when the site opts in
//!   (`allow_html = true` in briefing.toml, for trusted authors).

use crate::error::{Error, Result};
use crate::model::{Block, BlockKind, Document, Metadata, Paragraph, SourceFormat};
use crate::text::line_column;
use crate::text::slugify;
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::collections::BTreeMap;
use std::path::Path;

/// What happens to raw HTML written in Markdown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum HtmlPolicy {
    /// Keep safe formatting, remove anything that could run code.
    #[default]
    Sanitize,
    /// Show the HTML as text.
    Escape,
    /// Pass it through untouched (the site trusts its authors).
    Allow,
}

/// Parses a Markdown source with optional front matter, sanitising raw HTML.
pub fn parse(path: &Path, text: &str) -> Result<Document> {
    parse_with(path, text, HtmlPolicy::default())
}

/// Parses a Markdown source with the given raw-HTML policy.
pub fn parse_with(path: &Path, text: &str, policy: HtmlPolicy) -> Result<Document> {
    let (meta, body, body_line) = split_front_matter(path, text)?;
    let blocks = parse_body(body, body_line, meta.title.is_none(), policy);
    Ok(Document {
        source: path.to_path_buf(),
        format: SourceFormat::Markdown,
        meta,
        text_date: None,
        blocks,
    })
}

/// Returns the metadata, the body and the 1-based line the body starts on.
fn split_front_matter<'a>(path: &Path, text: &'a str) -> Result<(Metadata, &'a str, usize)> {
    for (fence, format) in [("+++", "TOML"), ("---", "YAML")] {
        let Some(rest) = strip_fence_line(text, fence) else {
            continue;
        };
        let Some((inner, body)) = find_closing_fence(rest, fence) else {
            return Err(Error::FrontMatter {
                path: path.to_path_buf(),
                line: 1,
                column: 1,
                format,
                fence,
                message: format!(
                    "the front matter opened on line 1 is never closed with a `{fence}` line"
                ),
            });
        };
        let meta = if format == "TOML" {
            toml::from_str::<Metadata>(inner).map_err(|e| {
                let (line, column) = e
                    .span()
                    .map(|s| line_column(inner, s.start))
                    .unwrap_or((1, 1));
                front_matter_error(path, line + 1, column, format, fence, e.message())
            })?
        } else if inner.trim().is_empty() {
            Metadata::default()
        } else {
            serde_yaml_ng::from_str::<Metadata>(inner).map_err(|e| {
                let (line, column) = e
                    .location()
                    .map(|l| (l.line(), l.column()))
                    .unwrap_or((1, 1));
                let message = e.to_string();
                // serde_yaml appends its own "at line X column Y"; ours is in front.
                let message = message
                    .split(" at line ")
                    .next()
                    .unwrap_or(&message)
                    .to_string();
                front_matter_error(path, line + 1, column, format, fence, &message)
            })?
        };
        let consumed = text.len() - body.len();
        let body_line = text[..consumed].matches('\n').count() + 1;
        return Ok((meta, body, body_line));
    }
    Ok((Metadata::default(), text, 1))
}

fn front_matter_error(
    path: &Path,
    line: usize,
    column: usize,
    format: &'static str,
    fence: &'static str,
    message: &str,
) -> Error {
    Error::FrontMatter {
        path: path.to_path_buf(),
        line,
        column,
        format,
        fence,
        message: message.trim().to_string(),
    }
}

/// If `text` opens with a line that is exactly `fence`, returns what follows it.
fn strip_fence_line<'a>(text: &'a str, fence: &str) -> Option<&'a str> {
    let rest = text.strip_prefix(fence)?;
    let rest = rest.trim_start_matches([' ', '\t']);
    rest.strip_prefix("\r\n")
        .or_else(|| rest.strip_prefix('\n'))
}

/// Finds the closing fence line; returns (front matter, body after it).
fn find_closing_fence<'a>(rest: &'a str, fence: &str) -> Option<(&'a str, &'a str)> {
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == fence {
            return Some((&rest[..offset], &rest[offset + line.len()..]));
        }
        offset += line.len();
    }
    None
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
}

/// Walks top-level blocks, turning each into one [`Block`].
fn parse_body(
    body: &str,
    first_line: usize,
    leading_h1_is_title: bool,
    policy: HtmlPolicy,
) -> Vec<Block> {
    let mut footnotes = FootnoteNumbers::default();
    let mut blocks = Vec::new();
    let mut events: Vec<Event> = Vec::new();
    let mut depth = 0usize;
    let mut block_start = 0usize;
    // Newline offsets, searched per block: counting from the start for
    // every block was quadratic in a document of thousands of blocks.
    let newlines: Vec<usize> = body.match_indices('\n').map(|(at, _)| at).collect();
    let line_of = |offset: usize| first_line + newlines.partition_point(|&at| at < offset);

    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        if depth == 0 {
            block_start = range.start;
        }
        match &event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        events.push(event);
        if depth > 0 {
            continue;
        }
        let line = line_of(block_start);
        let block_events = std::mem::take(&mut events);
        if let Some(Event::Start(Tag::Heading { level, .. })) = block_events.first() {
            let text = plain_text(&block_events);
            let kind = if *level == HeadingLevel::H1 && blocks.is_empty() && leading_h1_is_title {
                BlockKind::Title { text }
            } else {
                let level = if *level <= HeadingLevel::H2 { 2 } else { 3 };
                BlockKind::Heading { text, level }
            };
            blocks.push(Block {
                line,
                kind,
                rule: "markdown heading",
            });
            continue;
        }
        let text = plain_text(&block_events);
        if text.trim().is_empty() && !matches!(block_events.first(), Some(Event::Rule)) {
            continue;
        }
        let html = block_html(block_events, &mut footnotes, policy);
        blocks.push(Block {
            line,
            kind: BlockKind::Paragraph(Paragraph {
                text: text.trim().to_string(),
                html,
            }),
            rule: "markdown block",
        });
    }
    blocks
}

/// Concatenated text of a block, with breaks as spaces.
fn plain_text(events: &[Event]) -> String {
    let mut out = String::new();
    for event in events {
        match event {
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                out.push_str(t)
            }
            Event::Html(t) | Event::InlineHtml(t) => out.push_str(t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(
                TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell | TagEnd::CodeBlock,
            ) if !out.ends_with(' ') => out.push(' '),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Footnote numbers are per document, but blocks are rendered one at a time,
/// so numbering is kept here instead of in pulldown-cmark's writer.
#[derive(Default)]
struct FootnoteNumbers {
    numbers: BTreeMap<String, usize>,
}

impl FootnoteNumbers {
    fn number(&mut self, name: &str) -> usize {
        let next = self.numbers.len() + 1;
        *self.numbers.entry(name.to_string()).or_insert(next)
    }
}

fn block_html(events: Vec<Event>, footnotes: &mut FootnoteNumbers, policy: HtmlPolicy) -> String {
    let has_raw_html = events
        .iter()
        .any(|e| matches!(e, Event::Html(_) | Event::InlineHtml(_)));
    let events = events.into_iter().map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) if policy == HtmlPolicy::Escape => Event::Text(raw),
        Event::FootnoteReference(name) => {
            let number = footnotes.number(&name);
            let id = slugify(&name);
            Event::InlineHtml(CowStr::from(format!(
                "<sup class=\"footnote-ref\"><a href=\"#fn-{id}\" id=\"fnref-{id}\">{number}</a></sup>"
            )))
        }
        Event::Start(Tag::FootnoteDefinition(name)) => {
            let number = footnotes.number(&name);
            let id = slugify(&name);
            Event::Html(CowStr::from(format!(
                "<div class=\"footnote\" id=\"fn-{id}\"><span class=\"footnote-number\">{number}.</span>"
            )))
        }
        Event::End(TagEnd::FootnoteDefinition) => Event::Html(CowStr::from("</div>\n")),
        Event::Start(Tag::Link { link_type, dest_url, title, id }) if is_script_url(&dest_url) => {
            Event::Start(Tag::Link { link_type, dest_url: CowStr::from("#"), title, id })
        }
        Event::Start(Tag::Image { link_type, dest_url, title, id }) if is_script_url(&dest_url) => {
            Event::Start(Tag::Image { link_type, dest_url: CowStr::from(""), title, id })
        }
        other => other,
    });
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events);
    if has_raw_html && policy == HtmlPolicy::Sanitize {
        html = sanitize(&html);
    }
    html.trim_end().to_string()
}

/// Cleans one block's HTML with ammonia's allow-list. Ids are kept only for
/// the footnotes this parser writes itself, so an author's `id="main"`
/// cannot collide with the page's own ids.
fn sanitize(html: &str) -> String {
    ammonia::Builder::default()
        .add_generic_attributes(["class", "id"])
        .link_rel(None)
        .attribute_filter(|_element, attribute, value| {
            if attribute == "id" && !(value.starts_with("fn-") || value.starts_with("fnref-")) {
                return None;
            }
            Some(value.into())
        })
        .clean(html)
        .to_string()
}

/// Links that would run code when clicked never reach the page.
fn is_script_url(url: &str) -> bool {
    let lower: String = url
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    lower.starts_with("javascript:")
        || lower.starts_with("vbscript:")
        || lower.starts_with("data:text/html")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Document {
        parse(Path::new("t.md"), text).unwrap()
    }

    fn headings(doc: &Document) -> Vec<(String, u8)> {
        doc.blocks
            .iter()
            .filter_map(|b| match &b.kind {
                BlockKind::Heading { text, level } => Some((text.clone(), *level)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn toml_front_matter_fills_metadata() {
        let d =
            doc("+++\ntitle = \"Rates\"\ndate = 2025-02-01\ntags = [\"economy\"]\n+++\nBody.\n");
        assert_eq!(d.meta.title.as_deref(), Some("Rates"));
        assert_eq!(d.meta.date.unwrap().to_string(), "2025-02-01");
        assert_eq!(d.meta.tags, vec!["economy"]);
    }

    #[test]
    fn yaml_front_matter_fills_metadata_and_short_answers() {
        let d = doc(
            "---\ntitle: Rates\ndate: 2025-02-01\nshort_answers:\n  Why now?: Inflation fell.\n---\n## Why now?\n\nBecause.\n",
        );
        assert_eq!(d.meta.title.as_deref(), Some("Rates"));
        assert_eq!(
            d.meta.short_answers.get("Why now?").map(String::as_str),
            Some("Inflation fell.")
        );
    }

    #[test]
    fn broken_toml_front_matter_names_file_line_and_column() {
        let err = parse(
            Path::new("c/x.md"),
            "+++\ntitle = \"ok\"\ndate = = 3\n+++\nBody\n",
        )
        .unwrap_err()
        .to_string();
        assert!(err.starts_with("c/x.md:3:"), "{err}");
        assert!(err.contains("front matter"), "{err}");
    }

    #[test]
    fn broken_yaml_front_matter_names_file_and_line() {
        let err = parse(
            Path::new("c/y.md"),
            "---\ntitle: ok\n  date: : bad\n---\nBody\n",
        )
        .unwrap_err()
        .to_string();
        assert!(err.starts_with("c/y.md:3:"), "{err}");
    }

    #[test]
    fn unclosed_front_matter_is_an_error() {
        let err = parse(Path::new("u.md"), "+++\ntitle = \"x\"\nBody\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("never closed"), "{err}");
    }

    #[test]
    fn unknown_front_matter_key_is_an_error() {
        let err = parse(Path::new("k.md"), "+++\ntitel = \"x\"\n+++\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("titel"), "{err}");
    }

    #[test]
    fn leading_h1_is_title_without_front_matter_title() {
        let d = doc("# The title\n\n## Why?\n\nBecause.\n");
        assert_eq!(
            d.blocks[0].kind,
            BlockKind::Title {
                text: "The title".into()
            }
        );
        assert_eq!(headings(&d), vec![("Why?".to_string(), 2)]);
    }

    #[test]
    fn leading_h1_is_a_section_when_front_matter_has_title() {
        let d = doc("+++\ntitle = \"T\"\n+++\n# Opening\n\nText.\n");
        assert_eq!(headings(&d), vec![("Opening".to_string(), 2)]);
    }

    #[test]
    fn h3_and_deeper_are_level_3() {
        let d = doc("## Main?\n\nA.\n\n### And then?\n\nB.\n\n#### Deep\n\nC.\n");
        assert_eq!(
            headings(&d),
            vec![
                ("Main?".into(), 2),
                ("And then?".into(), 3),
                ("Deep".into(), 3)
            ]
        );
    }

    #[test]
    fn block_lines_count_from_file_start_including_front_matter() {
        let d = doc("+++\ntitle = \"T\"\n+++\n\n## Q?\n\nAnswer here.\n");
        assert_eq!(d.blocks[0].line, 5);
        assert_eq!(d.blocks[1].line, 7);
    }

    #[test]
    fn tables_render_as_html_tables() {
        let d = doc("| a | b |\n|---|---|\n| 1 | 2 |\n");
        let BlockKind::Paragraph(p) = &d.blocks[0].kind else {
            panic!()
        };
        assert!(p.html.starts_with("<table>"), "{}", p.html);
        assert_eq!(p.text, "a b 1 2");
    }

    #[test]
    fn footnotes_are_numbered_across_blocks() {
        let d = doc("One[^a].\n\nTwo[^b].\n\n[^a]: First.\n\n[^b]: Second.\n");
        let html: Vec<&str> = d
            .blocks
            .iter()
            .filter_map(|b| match &b.kind {
                BlockKind::Paragraph(p) => Some(p.html.as_str()),
                _ => None,
            })
            .collect();
        assert!(
            html[0].contains("href=\"#fn-a\"") && html[0].contains(">1</a>"),
            "{}",
            html[0]
        );
        assert!(html[1].contains(">2</a>"), "{}", html[1]);
        assert!(html[2].contains("id=\"fn-a\""), "{}", html[2]);
    }

    #[test]
    fn smart_punctuation_curls_quotes() {
        let d = doc("He said \"yes\" -- twice.\n");
        let BlockKind::Paragraph(p) = &d.blocks[0].kind else {
            panic!()
        };
        assert!(
            p.text.contains('\u{201C}') && p.text.contains('\u{2013}'),
            "{}",
            p.text
        );
    }

    fn html_of(text: &str, policy: HtmlPolicy) -> Vec<String> {
        parse_with(Path::new("h.md"), text, policy)
            .unwrap()
            .blocks
            .into_iter()
            .filter_map(|b| match b.kind {
                BlockKind::Paragraph(p) => Some(p.html),
                _ => None,
            })
            .collect()
    }

    const HOSTILE: &str = "Hello <script>alert(1)</script> <em>world</em>\n\n<div onclick=\"x()\" id=\"main\"><b>block</b></div>\n\n<a href=\"javascript:alert(1)\">x</a>\n";

    #[test]
    fn raw_html_is_sanitised_by_default() {
        let html = html_of(HOSTILE, HtmlPolicy::Sanitize).join("\n");
        assert!(
            !html.contains("<script") && !html.contains("onclick") && !html.contains("javascript:"),
            "{html}"
        );
        assert!(!html.contains("id=\"main\""), "{html}");
        assert!(
            html.contains("<em>world</em>") && html.contains("<b>block</b>"),
            "{html}"
        );
    }

    #[test]
    fn raw_html_can_be_shown_as_text() {
        let html = html_of(HOSTILE, HtmlPolicy::Escape).join("\n");
        assert!(
            html.contains("&lt;script&gt;") && !html.contains("<div"),
            "{html}"
        );
    }

    #[test]
    fn raw_html_passes_through_when_the_site_allows_it() {
        let html = html_of(HOSTILE, HtmlPolicy::Allow).join("\n");
        assert!(html.contains("<div onclick=\"x()\" id=\"main\">"), "{html}");
    }

    #[test]
    fn footnote_ids_survive_sanitising() {
        let html = html_of(
            "Text<br>[^a]\n\n[^a]: Note <i>x</i>.\n",
            HtmlPolicy::Sanitize,
        )
        .join("\n");
        assert!(
            html.contains("id=\"fnref-a\"") && html.contains("id=\"fn-a\""),
            "{html}"
        );
    }

    #[test]
    fn javascript_links_are_neutralised() {
        let d = doc("[click](javascript:alert(1))\n");
        let BlockKind::Paragraph(p) = &d.blocks[0].kind else {
            panic!()
        };
        assert!(!p.html.contains("javascript:"), "{}", p.html);
    }

    #[test]
    fn crlf_front_matter_is_accepted() {
        let d = doc("+++\r\ntitle = \"T\"\r\n+++\r\nBody.\r\n");
        assert_eq!(d.meta.title.as_deref(), Some("T"));
    }
}

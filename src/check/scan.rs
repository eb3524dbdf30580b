//! The links and ids of a rendered page, read tag by tag without building
//! a document tree: what link checking needs of every page of a build
//! (`check::Scanned`), at a small fraction of a full HTML parse.
//!
//! It reads start tags and their attributes as an HTML tokenizer does
//! (names lowercased, the first of two same-named attributes kept, values
//! quoted or not) and skips what holds no tags. Where a page has
//! something whose meaning depends on the tree an HTML parser would build,
//! [`scan`] says so (`None`) and the caller parses the page in full:
//! - **comments and declarations**: `<!-- ... -->` (also `<!-->`), and
//!   `<!...>` and `<?...>` up to the next `>`, are skipped.
//! - **end tags** are read past, attributes and all, and give nothing.
//! - **raw text**: the contents of `script`, `style`, `xmp`, `iframe`,
//!   `noembed`, `noframes`, `noscript`, `title` and `textarea` are skipped
//!   to their end tag; a script holding `<!--` (whose end a parser finds by
//!   other rules) gives `None`.
//! - **attribute values**: of `id`, `href`, `src` and `name` (the first of
//!   each), `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;` and numeric
//!   references are decoded; any other `&`, a carriage return or a NUL
//!   gives `None`. Other attributes' values are only read past.
//! - **tags a parser may drop, move or rename**: table parts, `select`,
//!   `form` inside `form`, a second `html`, `head` or `body`, `svg`,
//!   `math`, `template`, `frameset`, `image`, `plaintext`: `None`.
//! - **a tag cut off by the end of the page** (which a parser drops):
//!   `None`.

use std::collections::BTreeSet;

/// The links and ids of one page.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Found {
    /// Each element's `href`, else its `src`, in page order.
    pub links: Vec<String>,
    /// Each element's `id`, else an `<a>`'s `name`.
    pub ids: BTreeSet<String>,
}

/// Elements whose contents hold no tags: skipped to their end tag.
const RAW_TEXT: [&str; 9] = [
    "script", "style", "xmp", "iframe", "noembed", "noframes", "noscript", "title", "textarea",
];

/// Elements a parser may drop, move, rename or read by other rules.
const TREE_DEPENDENT: [&str; 18] = [
    "table",
    "caption",
    "colgroup",
    "col",
    "tbody",
    "thead",
    "tfoot",
    "tr",
    "td",
    "th",
    "select",
    "svg",
    "math",
    "template",
    "frameset",
    "frame",
    "image",
    "plaintext",
];

/// The links and ids of `html`, or `None` when it has something whose
/// reading needs a full HTML parser (see the module doc).
pub fn scan(html: &str) -> Option<Found> {
    let bytes = html.as_bytes();
    let mut found = Found::default();
    let mut once = Once::default();
    let mut i = 0;
    while i < bytes.len() {
        i = crate::text::find_byte(bytes, i, [b'<'], false);
        if i >= bytes.len() {
            break;
        }
        let next = bytes.get(i + 1).copied();
        i = match next {
            Some(b'!') => skip_declaration(bytes, i + 2)?,
            Some(b'?') => after_gt(bytes, i + 2)?,
            Some(b'/') => match bytes.get(i + 2) {
                Some(c) if c.is_ascii_alphabetic() => {
                    let tag = read_tag(html, i + 2)?;
                    if tag.name == "form" {
                        once.forms = once.forms.saturating_sub(1);
                    }
                    tag.end
                }
                Some(b'>') => i + 3,
                _ => after_gt(bytes, i + 2)?,
            },
            Some(c) if c.is_ascii_alphabetic() => {
                let tag = read_tag(html, i + 1)?;
                once.open(&tag.name)?;
                let raw = RAW_TEXT
                    .contains(&tag.name.as_ref())
                    .then(|| tag.name.to_string());
                let end = tag.end;
                tag.record(&mut found);
                match raw {
                    Some(name) => skip_raw_text(html, end, &name)?,
                    None => end,
                }
            }
            _ => i + 1,
        };
    }
    Some(found)
}

/// Tags a parser takes only once (or once at a time).
#[derive(Default)]
struct Once {
    html: bool,
    head: bool,
    body: bool,
    forms: usize,
}

impl Once {
    fn open(&mut self, name: &str) -> Option<()> {
        if TREE_DEPENDENT.contains(&name) {
            return None;
        }
        let seen = match name {
            "html" => &mut self.html,
            "head" => &mut self.head,
            "body" => &mut self.body,
            "form" => {
                self.forms += 1;
                return (self.forms == 1).then_some(());
            }
            _ => return Some(()),
        };
        if *seen {
            return None;
        }
        *seen = true;
        Some(())
    }
}

/// A start or end tag as read: its name (lowercased only when it is not
/// already), the attributes that matter, and the index just past its `>`.
struct Tag<'a> {
    name: std::borrow::Cow<'a, str>,
    id: Option<String>,
    href: Option<String>,
    src: Option<String>,
    name_attr: Option<String>,
    end: usize,
}

impl Tag<'_> {
    fn record(self, found: &mut Found) {
        if let Some(link) = self.href.or(self.src) {
            found.links.push(link);
        }
        let id = self
            .id
            .or_else(|| (self.name == "a").then_some(self.name_attr).flatten());
        if let Some(id) = id {
            found.ids.insert(id);
        }
    }
}

fn is_space(c: u8) -> bool {
    matches!(c, b'\t' | b'\n' | b'\x0C' | b' ')
}

/// Index just past the next `>` from `from`; `None` at the end of the page.
fn after_gt(bytes: &[u8], from: usize) -> Option<usize> {
    let at = crate::text::find_byte(bytes, from, [b'>'], false);
    (at < bytes.len()).then_some(at + 1)
}

/// Past a comment (`<!--` at `from - 2`) or any other `<!...>`.
fn skip_declaration(bytes: &[u8], from: usize) -> Option<usize> {
    let rest = bytes.get(from..)?;
    if let Some(body) = rest.strip_prefix(b"--") {
        // `<!-->` and `<!--->` close at once.
        if body.starts_with(b">") {
            return Some(from + 3);
        }
        if body.starts_with(b"->") {
            return Some(from + 4);
        }
        let start = from + 2;
        let mut at = start;
        loop {
            at = crate::text::find_byte(bytes, at, [b'-'], false);
            let tail = bytes.get(at..)?;
            if tail.starts_with(b"-->") {
                return Some(at + 3);
            }
            if tail.starts_with(b"--!>") {
                return Some(at + 4);
            }
            if tail.is_empty() {
                return None;
            }
            at += 1;
        }
    }
    after_gt(bytes, from)
}

/// Past the end tag of raw-text element `name`, from `from`.
fn skip_raw_text(html: &str, from: usize, name: &str) -> Option<usize> {
    let bytes = html.as_bytes();
    let mut at = from;
    loop {
        at = crate::text::find_byte(bytes, at, [b'<'], false);
        let tail = bytes.get(at..)?;
        if tail.is_empty() {
            return None;
        }
        if name == "script" && tail.starts_with(b"<!--") {
            return None;
        }
        let closes = tail
            .get(2..2 + name.len())
            .is_some_and(|n| tail[1] == b'/' && n.eq_ignore_ascii_case(name.as_bytes()))
            && tail
                .get(2 + name.len())
                .is_some_and(|&c| is_space(c) || c == b'/' || c == b'>');
        if closes {
            return read_tag(html, at + 2).map(|tag| tag.end);
        }
        at += 1;
    }
}

/// Reads the tag whose name starts at `from` (just past `<` or `</`).
fn read_tag(html: &str, from: usize) -> Option<Tag<'_>> {
    let bytes = html.as_bytes();
    let mut i = from;
    while i < bytes.len() && !is_space(bytes[i]) && bytes[i] != b'/' && bytes[i] != b'>' {
        i += 1;
    }
    let name = html.get(from..i)?;
    let mut tag = Tag {
        name: if name.bytes().any(|c| c.is_ascii_uppercase()) {
            std::borrow::Cow::Owned(name.to_ascii_lowercase())
        } else {
            std::borrow::Cow::Borrowed(name)
        },
        id: None,
        href: None,
        src: None,
        name_attr: None,
        end: 0,
    };
    // Of the attributes that matter, the first of each name is kept.
    let mut seen = [false; 4];
    loop {
        while i < bytes.len() && (is_space(bytes[i]) || bytes[i] == b'/') {
            i += 1;
        }
        match bytes.get(i) {
            None => return None,
            Some(b'>') => {
                tag.end = i + 1;
                return Some(tag);
            }
            Some(_) => {}
        }
        // The name: its first character may be `=`.
        let start = i;
        i += 1;
        while i < bytes.len()
            && !matches!(
                bytes[i],
                b'\t' | b'\n' | b'\x0C' | b' ' | b'/' | b'>' | b'='
            )
        {
            i += 1;
        }
        let name = html.get(start..i)?;
        let slot = ["id", "href", "src", "name"]
            .iter()
            .position(|wanted| name.eq_ignore_ascii_case(wanted));
        while i < bytes.len() && is_space(bytes[i]) {
            i += 1;
        }
        let mut raw = "";
        if bytes.get(i) == Some(&b'=') {
            i += 1;
            while i < bytes.len() && is_space(bytes[i]) {
                i += 1;
            }
            let (value, next) = attribute_value(html, i)?;
            raw = value;
            i = next;
        }
        // Only the first id, href, src and name are read (and decoded).
        let Some(slot) = slot else { continue };
        if std::mem::replace(&mut seen[slot], true) {
            continue;
        }
        let value = Some(decode(raw)?);
        match slot {
            0 => tag.id = value,
            1 => tag.href = value,
            2 => tag.src = value,
            _ => tag.name_attr = value,
        }
    }
}

/// The raw text of the value starting at `from` (quoted or not), and the
/// index past it.
fn attribute_value(html: &str, from: usize) -> Option<(&str, usize)> {
    let bytes = html.as_bytes();
    match bytes.get(from)? {
        &quote @ (b'"' | b'\'') => {
            let end = crate::text::find_byte(bytes, from + 1, [quote], false);
            (end < bytes.len()).then(|| (&html[from + 1..end], end + 1))
        }
        b'>' => Some(("", from)),
        _ => {
            let mut end = from;
            while end < bytes.len() && !is_space(bytes[end]) && bytes[end] != b'>' {
                end += 1;
            }
            Some((html.get(from..end)?, end))
        }
    }
}

/// An attribute value with its character references decoded; `None` for
/// a reference this reader does not know, a carriage return or a NUL.
fn decode(raw: &str) -> Option<String> {
    if raw.contains(['\r', '\0']) {
        return None;
    }
    let Some(first) = raw.find('&') else {
        return Some(raw.to_string());
    };
    let mut out = String::with_capacity(raw.len());
    out.push_str(&raw[..first]);
    let mut rest = &raw[first..];
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let semi = after.find(';')?;
        let name = &after[..semi];
        let decoded = match name {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            _ => numeric(name)?,
        };
        out.push(decoded);
        rest = &after[semi + 1..];
    }
    out.push_str(rest);
    Some(out)
}

/// `#39` or `#x27` as its character (printable ones only).
fn numeric(name: &str) -> Option<char> {
    let digits = name.strip_prefix('#')?;
    let value = match digits.strip_prefix(['x', 'X']) {
        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
        None => digits.parse().ok()?,
    };
    // Controls and the numbers a parser maps to other characters.
    if value < 0x20 || (0x7F..0xA0).contains(&value) {
        return None;
    }
    char::from_u32(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links(html: &str) -> Vec<String> {
        scan(html).unwrap().links
    }

    fn ids(html: &str) -> Vec<String> {
        scan(html).unwrap().ids.into_iter().collect()
    }

    #[test]
    fn comments_and_declarations_are_skipped() {
        assert_eq!(
            links("<!DOCTYPE html><!-- <a href=x> --><a href=y><?php <a href=z> ?>"),
            ["y"]
        );
        assert_eq!(links("<!--><a href=a><!---><a href=b>"), ["a", "b"]);
        assert_eq!(links("<!-- a --!><a href=c>"), ["c"]);
    }

    #[test]
    fn end_tags_give_nothing() {
        assert_eq!(links("<a href=a></a href=b><p></p>"), ["a"]);
        assert!(links("</ a href=x>").is_empty());
    }

    #[test]
    fn raw_text_is_skipped_to_its_end_tag() {
        assert_eq!(
            links(
                "<script>var s = '<a href=x>';</script ><a href=y><style>a{}</STYLE><title><a href=z></title>"
            ),
            ["y"]
        );
        assert_eq!(scan("<script><!-- <script></script> --></script>"), None);
        assert_eq!(scan("<script>never closed"), None);
    }

    #[test]
    fn attribute_values_are_read_as_a_parser_does() {
        assert_eq!(
            links("<a HREF='one' href=two><img src=\"p.png\" alt=\"a > b\"><link href = three >"),
            ["one", "p.png", "three"]
        );
        assert_eq!(links("<a href=\"?a=1&amp;b=&#50;&#x33;\">"), ["?a=1&b=23"]);
        assert_eq!(links("<a href>"), [""]);
        assert_eq!(links("<img/src=s.png>"), ["s.png"]);
    }

    #[test]
    fn href_wins_over_src() {
        assert_eq!(links("<x href=h src=s>"), ["h"]);
    }

    #[test]
    fn ids_and_anchor_names_are_ids() {
        assert_eq!(
            ids("<h2 id=why>x</h2><a name=top></a><div name=no></div><a id=one name=two>"),
            ["one", "top", "why"]
        );
    }

    #[test]
    fn unknown_references_need_a_parser() {
        assert_eq!(scan("<a href=\"a&nbsp;b\">"), None);
        assert_eq!(scan("<a href=\"a&b\">"), None);
        assert_eq!(scan("<a href=\"a\rb\">"), None);
        // In an attribute that gives nothing, it does not matter.
        assert_eq!(links("<p class=\"a&nbsp;b\"><a href=x>"), ["x"]);
    }

    #[test]
    fn tree_dependent_tags_need_a_parser() {
        for html in [
            "<table><tr><td><a href=x></td></tr></table>",
            "<select><a href=x></select>",
            "<form><form id=x></form>",
            "<body><body id=x>",
            "<svg><a href=x></a></svg>",
        ] {
            assert_eq!(scan(html), None, "{html}");
        }
        assert_eq!(links("<form></form><form><a href=x></form>"), ["x"]);
    }

    #[test]
    fn a_tag_cut_off_by_the_end_needs_a_parser() {
        assert_eq!(scan("<a href=x"), None);
        assert_eq!(scan("<a href=\"x>"), None);
        assert_eq!(scan("<!-- open"), None);
    }
}

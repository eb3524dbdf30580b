//! Link targets a page never carries. A source's HTML (from Markdown, after
//! the parser dropped `javascript:`, `vbscript:` and `data:text/html`
//! targets and ammonia cleaned raw HTML) is checked once more as it enters a
//! page view, whatever `allow_html` says:
//!
//! 1. `data_urls_are_dropped`: an `href`, `src`, `action`, `formaction`,
//!    `poster` or `xlink:href` whose value is a `data:` URL (after entity
//!    decoding, with whitespace and control characters removed, any case)
//!    is emptied (`href="#"`, else `""`): `data:image/svg+xml` can hold a
//!    script, `data:text/javascript` is one.
//! 2. `raster_images_are_kept`: except an `<img src>` with a raster type
//!    (`image/png`, `jpeg`, `gif`, `webp`, `avif`, `bmp`), which cannot run
//!    code.
//!
//! HTML with no `<` or no `data` (any case) or `&#` is returned as it is,
//! without a scan: nearly every paragraph.

use std::borrow::Cow;

/// Attributes whose value is a URL a browser loads or follows.
const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "poster",
    "xlink:href",
];

/// `data:` types kept in `<img src>`: raster images, which cannot script.
const RASTER_TYPES: &[&str] = &[
    "image/png",
    "image/jpeg",
    "image/jpg",
    "image/gif",
    "image/webp",
    "image/avif",
    "image/bmp",
];

/// `html` with every `data:` URL attribute emptied but raster `<img src>`.
pub fn drop_data_urls(html: &str) -> Cow<'_, str> {
    if !may_hold_data_url(html) {
        return Cow::Borrowed(html);
    }
    let bytes = html.as_bytes();
    let mut out = String::new();
    let mut copied = 0;
    let mut i = 0;
    while let Some(lt) = bytes[i..].iter().position(|&b| b == b'<').map(|p| p + i) {
        let (end, spans) = tag_attributes(bytes, lt);
        i = end.max(lt + 1);
        let Some((tag, attributes)) = spans else {
            continue;
        };
        let tag = &html[tag];
        for (name, value) in attributes {
            let name = &html[name];
            let raw = &html[value.clone()];
            let keep = !URL_ATTRIBUTES.iter().any(|a| a.eq_ignore_ascii_case(name))
                || !is_data_url(raw)
                || (tag.eq_ignore_ascii_case("img")
                    && name.eq_ignore_ascii_case("src")
                    && is_raster_data_url(raw));
            if keep {
                continue;
            }
            out.push_str(&html[copied..value.start]);
            out.push_str(if name.eq_ignore_ascii_case("href") {
                "\"#\""
            } else {
                "\"\""
            });
            copied = value.end;
        }
    }
    if copied == 0 {
        return Cow::Borrowed(html);
    }
    out.push_str(&html[copied..]);
    Cow::Owned(out)
}

/// Whether a scan is needed: a tag, and `data` or an entity that could
/// spell it.
fn may_hold_data_url(html: &str) -> bool {
    let bytes = html.as_bytes();
    bytes.contains(&b'<')
        && (bytes.windows(4).any(|w| w.eq_ignore_ascii_case(b"data"))
            || bytes.windows(2).any(|w| w == b"&#"))
}

type Span = std::ops::Range<usize>;

/// An opening tag's name and its attributes' names and values.
type Tag = (Span, Vec<(Span, Span)>);

/// The tag starting at `lt`: where it ends, and its name with each
/// attribute's name and value (quotes included) when it is an opening tag
/// whose attributes have values.
fn tag_attributes(bytes: &[u8], lt: usize) -> (usize, Option<Tag>) {
    let is_name = |b: u8| !b.is_ascii_whitespace() && !matches!(b, b'>' | b'/' | b'=' | b'<');
    let mut i = lt + 1;
    let name_start = i;
    while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
        i += 1;
    }
    if i == name_start {
        return (i, None);
    }
    let tag = name_start..i;
    let mut attributes = Vec::new();
    loop {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        if i >= bytes.len() || bytes[i] == b'>' || bytes[i] == b'<' {
            break;
        }
        let start = i;
        while i < bytes.len() && is_name(bytes[i]) {
            i += 1;
        }
        let name = start..i;
        if name.is_empty() {
            // A stray `=`: skip it.
            i += 1;
            continue;
        }
        let mut j = i;
        while j < bytes.len() && bytes[j].is_ascii_whitespace() {
            j += 1;
        }
        if j >= bytes.len() || bytes[j] != b'=' {
            continue;
        }
        j += 1;
        while j < bytes.len() && bytes[j].is_ascii_whitespace() {
            j += 1;
        }
        let value_start = j;
        match bytes.get(j) {
            Some(&quote @ (b'"' | b'\'')) => {
                j += 1;
                while j < bytes.len() && bytes[j] != quote {
                    j += 1;
                }
                j = (j + 1).min(bytes.len());
            }
            _ => {
                while j < bytes.len() && !bytes[j].is_ascii_whitespace() && bytes[j] != b'>' {
                    j += 1;
                }
            }
        }
        attributes.push((name, value_start..j));
        i = j;
    }
    (i, Some((tag, attributes)))
}

/// An attribute value as a browser reads it, for its scheme: quotes off,
/// character references decoded, whitespace and controls dropped,
/// lowercased; the first 64 characters are enough.
fn url_head(raw: &str) -> String {
    let value = raw
        .strip_prefix(['"', '\''])
        .map_or(raw, |v| v.strip_suffix(['"', '\'']).unwrap_or(v));
    let mut out = String::new();
    let mut rest = value;
    while let Some(c) = rest.chars().next() {
        if out.len() >= 64 {
            break;
        }
        let (decoded, used) = if c == '&' {
            decode_reference(rest).unwrap_or(('&', 1))
        } else {
            (c, c.len_utf8())
        };
        rest = &rest[used..];
        if !decoded.is_whitespace() && !decoded.is_control() {
            out.extend(decoded.to_lowercase());
        }
    }
    out
}

/// The character a reference at the start of `text` stands for, and its
/// length: `&#58;`, `&#x3A;` (the `;` optional, as browsers allow), and the
/// named ones that can hide a scheme (`&colon;`, `&Tab;`, `&NewLine;`).
fn decode_reference(text: &str) -> Option<(char, usize)> {
    for (name, c) in [("&colon;", ':'), ("&tab;", '\t'), ("&newline;", '\n')] {
        if text.len() >= name.len() && text[..name.len()].eq_ignore_ascii_case(name) {
            return Some((c, name.len()));
        }
    }
    let number = text.strip_prefix("&#")?;
    let (radix, digits) = match number.strip_prefix(['x', 'X']) {
        Some(hex) => (16, hex),
        None => (10, number),
    };
    let len = digits
        .bytes()
        .take_while(|b| (*b as char).is_digit(radix))
        .count();
    let value = u32::from_str_radix(digits.get(..len.min(8))?, radix).ok()?;
    let used = text.len() - digits.len() + len + usize::from(digits[len..].starts_with(';'));
    Some((char::from_u32(value).unwrap_or('\u{FFFD}'), used))
}

fn is_data_url(raw: &str) -> bool {
    url_head(raw).starts_with("data:")
}

fn is_raster_data_url(raw: &str) -> bool {
    let head = url_head(raw);
    let Some(kind) = head.strip_prefix("data:") else {
        return false;
    };
    RASTER_TYPES.iter().any(|t| {
        kind.strip_prefix(t)
            .is_some_and(|rest| rest.starts_with([';', ',']))
    })
}

#[cfg(test)]
mod tests {
    use super::drop_data_urls;

    #[test]
    fn data_urls_are_dropped() {
        for (html, want) in [
            (
                r#"<a href="data:image/svg+xml,&lt;svg onload=alert(1)&gt;">x</a>"#,
                r##"<a href="#">x</a>"##,
            ),
            (
                r#"<p><a href="DATA:text/javascript,alert(1)" title="t">x</a></p>"#,
                r##"<p><a href="#" title="t">x</a></p>"##,
            ),
            (
                r#"<a href=" d&#97;ta&#x3a;text/html,x">x</a>"#,
                r##"<a href="#">x</a>"##,
            ),
            (
                r#"<a href='da&#x09;ta&colon;text/plain,x'>x</a>"#,
                r##"<a href="#">x</a>"##,
            ),
            (
                r#"<img src="data:image/svg+xml;base64,PHN2Zz4=" alt="a">"#,
                r#"<img src="" alt="a">"#,
            ),
            (
                r#"<iframe src=data:text/html,x></iframe>"#,
                r#"<iframe src=""></iframe>"#,
            ),
            ("<a href=\"data:", "<a href=\"#\""),
            (
                r#"<video poster="data:image/png;base64,AAAA"></video>"#,
                r#"<video poster=""></video>"#,
            ),
        ] {
            assert_eq!(drop_data_urls(html), want, "{html}");
        }
    }

    #[test]
    fn raster_images_are_kept() {
        for html in [
            r#"<img src="data:image/png;base64,iVBORw0KGgo=" alt="dot">"#,
            r#"<img alt="dot" src="data:image/jpeg,xyz">"#,
            r#"<IMG SRC="Data:Image/WebP;base64,UklGR">"#,
        ] {
            assert_eq!(drop_data_urls(html), html);
        }
        // A raster type as a link target is still dropped.
        assert_eq!(
            drop_data_urls(r#"<a href="data:image/png;base64,AAAA">x</a>"#),
            r##"<a href="#">x</a>"##
        );
    }

    #[test]
    fn other_html_is_untouched() {
        for html in [
            "The data: all of it, in one table.",
            r#"<a href="https://example.org/data:x">data</a> and <code>data:</code>"#,
            r#"<a href="../data/index.html" data-x="data:y">the data</a>"#,
            "<p>Fish &amp; chips &#8212; cheap</p>",
        ] {
            let out = drop_data_urls(html);
            assert!(
                matches!(out, std::borrow::Cow::Borrowed(_)),
                "{html} -> {out}"
            );
        }
    }
}

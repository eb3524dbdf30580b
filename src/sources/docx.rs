//! Word documents (`.docx`: a zip archive of WordprocessingML), read with
//! `zip` and `roxmltree` (which refuses DTDs, so no entity expansion).
//! Steps, in order:
//!
//! 1. **Archive.** A file that is not a zip archive (a truncated file, an
//!    old `.doc`, a password-protected document, which Word stores as an
//!    OLE container) is refused naming what it is. Each part is read
//!    through a cap of [`MAX_PART_BYTES`] unpacked, so a zip bomb stops at
//!    the cap.
//! 2. **Styles** (`word/styles.xml`): each style id's name, so a localised
//!    Word's ids (`berschrift1`) read by their names (`heading 1`).
//! 3. **Paragraphs** (`word/document.xml`, `w:body`, tables and text
//!    boxes included, in document order): the text of a paragraph's own
//!    runs (`w:t`; `w:tab` a space; `w:br` a line break, which the raw
//!    rules then join or keep as in a `.txt`; deleted text and field
//!    codes are not `w:t` and are left out), whitespace collapsed. Its
//!    style names what it is:
//!    1. `title`: the document's title (the first one; later ones are
//!       level-2 headings).
//!    2. `heading 1` and `heading 2`: a level-2 heading; `heading 3` and
//!       deeper: level 3.
//!    3. `caption`: a caption.
//!    4. anything else (`Normal`, `Subtitle`, `Quote`, lists): text.
//! 4. **Core properties** (`docProps/core.xml`): `dc:title` is the title
//!    when no paragraph has the Title style and the text rules find no
//!    headline; `dc:creator` the author;
//!    `dcterms:created` the date only when the text gives none (it is when
//!    the file was made, not when the story was).

use super::{Converted, Origin, Piece, Unread, collapse, iso_date};
use std::io::Read;

/// Most bytes any one part of a document unpacks to.
pub const MAX_PART_BYTES: u64 = 32 << 20;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// Reads a Word document.
pub fn read(bytes: &[u8]) -> Result<Converted, Unread> {
    if bytes.starts_with(b"\xD0\xCF\x11\xE0") {
        return Err(Unread::Broken(
            "is an OLE container, not a .docx archive: an old .doc, or a password-protected document; \
             save it from Word as an unprotected .docx"
                .into(),
        ));
    }
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| {
        Unread::Broken(format!(
            "is not a readable Word file ({e}); it may be truncated: save or copy it again"
        ))
    })?;
    let document = part(&mut archive, "word/document.xml")?.ok_or_else(|| {
        Unread::Broken("is a zip archive without word/document.xml, so not a Word document".into())
    })?;
    let styles = part(&mut archive, "word/styles.xml")?
        .map(|xml| style_names(&xml))
        .transpose()?
        .unwrap_or_default();
    let mut converted = paragraphs(&document, &styles)?;
    if let Some(core) = part(&mut archive, "docProps/core.xml")? {
        core_properties(&core, &mut converted)?;
    }
    Ok(converted)
}

/// Rule 1: one part of the archive as text, `None` when it is not there.
fn part(
    archive: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<String>, Unread> {
    let file = match archive.by_name(name) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => {
            return Err(Unread::Broken(format!(
                "cannot unpack {name} ({e}); the file may be damaged or encrypted: save it again from Word"
            )));
        }
    };
    let mut text = String::new();
    let read = file
        .take(MAX_PART_BYTES + 1)
        .read_to_string(&mut text)
        .map_err(|e| {
            Unread::Broken(format!(
                "cannot unpack {name} ({e}); save it again from Word"
            ))
        })?;
    if read as u64 > MAX_PART_BYTES {
        return Err(Unread::Broken(format!(
            "{name} unpacks to more than {}, which no real document does; it is refused",
            crate::text::human_size(MAX_PART_BYTES)
        )));
    }
    Ok(Some(text))
}

fn xml<'a>(text: &'a str, name: &str) -> Result<roxmltree::Document<'a>, Unread> {
    roxmltree::Document::parse(text).map_err(|e| {
        Unread::Broken(format!(
            "{name} is not well-formed XML ({e}); save it again from Word"
        ))
    })
}

/// Rule 2: style id -> lower-case style name.
fn style_names(text: &str) -> Result<Vec<(String, String)>, Unread> {
    let doc = xml(text, "word/styles.xml")?;
    Ok(doc
        .descendants()
        .filter(|n| n.has_tag_name((W, "style")))
        .filter_map(|style| {
            let id = style.attribute((W, "styleId"))?;
            let name = style
                .children()
                .find(|c| c.has_tag_name((W, "name")))
                .and_then(|n| n.attribute((W, "val")))
                .unwrap_or(id);
            Some((id.to_string(), name.to_ascii_lowercase()))
        })
        .collect())
}

/// Rule 3: what a paragraph of a style is.
fn origin_of(style: &str) -> Option<Origin> {
    let style = style.to_ascii_lowercase();
    let compact: String = style.chars().filter(|c| !c.is_whitespace()).collect();
    if compact == "title" {
        return Some(Origin::Heading(1));
    }
    if let Some(level) = compact.strip_prefix("heading") {
        return match level.parse::<u8>() {
            Ok(1 | 2) => Some(Origin::Heading(2)),
            Ok(_) => Some(Origin::Heading(3)),
            Err(_) => None,
        };
    }
    (compact == "caption").then_some(Origin::Caption)
}

fn paragraphs(text: &str, styles: &[(String, String)]) -> Result<Converted, Unread> {
    let doc = xml(text, "word/document.xml")?;
    let mut converted = Converted::default();
    let Some(body) = doc.descendants().find(|n| n.has_tag_name((W, "body"))) else {
        return Ok(converted);
    };
    // One pass in document order: a paragraph inside another (a text box)
    // collects its own runs, and comes after the one it sits in. A
    // paragraph is open until a node starts past its end in the text.
    type Open<'a, 'i> = (usize, roxmltree::Node<'a, 'i>, String);
    let mut open: Vec<Open<'_, '_>> = Vec::new();
    let mut done: Vec<Open<'_, '_>> = Vec::new();
    let mut count = 0usize;
    for node in body.descendants().filter(|n| n.is_element()) {
        let start = node.range().start;
        while open.last().is_some_and(|(_, p, _)| p.range().end <= start) {
            done.extend(open.pop());
        }
        if node.has_tag_name((W, "p")) {
            open.push((count, node, String::new()));
            count += 1;
            continue;
        }
        let Some((_, _, raw)) = open.last_mut() else {
            continue;
        };
        if node.has_tag_name((W, "t")) {
            raw.push_str(node.text().unwrap_or(""));
        } else if node.has_tag_name((W, "tab")) {
            raw.push(' ');
        } else if node.has_tag_name((W, "br")) || node.has_tag_name((W, "cr")) {
            raw.push(super::LINE_BREAK);
        }
    }
    done.append(&mut open);
    done.sort_unstable_by_key(|(opened, _, _)| *opened);
    for (_, p, raw) in done {
        let text = super::collapse_lines(&raw);
        if text.is_empty() {
            continue;
        }
        let style_id = p
            .children()
            .find(|c| c.has_tag_name((W, "pPr")))
            .and_then(|ppr| ppr.children().find(|c| c.has_tag_name((W, "pStyle"))))
            .and_then(|s| s.attribute((W, "val")))
            .unwrap_or("");
        let name = styles
            .iter()
            .find(|(id, _)| id == style_id)
            .map_or(style_id, |(_, name)| name.as_str());
        let origin = origin_of(name).or_else(|| origin_of(style_id));
        match origin {
            Some(Origin::Heading(1)) if converted.title.is_none() => {
                converted.title = Some((text, "markup title: Word Title style"));
            }
            Some(Origin::Heading(1)) => converted.paragraphs.push(Piece {
                text,
                origin: Origin::Heading(2),
            }),
            origin => converted.paragraphs.push(Piece {
                text,
                origin: origin.unwrap_or(Origin::Text),
            }),
        }
    }
    Ok(converted)
}

/// Rule 4.
fn core_properties(text: &str, converted: &mut Converted) -> Result<(), Unread> {
    const DC: &str = "http://purl.org/dc/elements/1.1/";
    const TERMS: &str = "http://purl.org/dc/terms/";
    let doc = xml(text, "docProps/core.xml")?;
    let value = |ns: &str, name: &str| {
        doc.descendants()
            .find(|n| n.has_tag_name((ns, name)))
            .and_then(|n| n.text())
            .map(collapse)
            .filter(|t| !t.is_empty())
    };
    converted.fallback_title =
        value(DC, "title").map(|t| (t, "markup title: Word core properties"));
    if let Some(creator) = value(DC, "creator") {
        converted.authors = vec![creator];
    }
    converted.fallback_date = value(TERMS, "created").and_then(|d: String| iso_date(&d));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A `.docx` built in memory from paragraphs `(style id, text)`.
    fn build_docx(paragraphs: &[(&str, &str)], core: Option<(&str, &str, &str)>) -> Vec<u8> {
        use std::io::Write;
        let escape = crate::text::escape_html;
        let mut body = String::new();
        for (style, text) in paragraphs {
            let ppr = if style.is_empty() {
                String::new()
            } else {
                format!("<w:pPr><w:pStyle w:val=\"{style}\"/></w:pPr>")
            };
            body.push_str(&format!(
                "<w:p>{ppr}<w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
                escape(text)
            ));
        }
        let document = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
             <w:document xmlns:w=\"{W}\"><w:body>{body}<w:sectPr/></w:body></w:document>"
        );
        let styles = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:styles xmlns:w=\"{W}\">\
             <w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/></w:style>\
             <w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/></w:style>\
             <w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:name w:val=\"heading 2\"/></w:style>\
             <w:style w:type=\"paragraph\" w:styleId=\"berschrift3\"><w:name w:val=\"heading 3\"/></w:style>\
             <w:style w:type=\"paragraph\" w:styleId=\"Caption\"><w:name w:val=\"caption\"/></w:style>\
             </w:styles>"
        );
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        let mut add = |name: &str, text: &str| {
            zip.start_file(name, options).expect("in memory");
            zip.write_all(text.as_bytes()).expect("in memory");
        };
        add(
            "[Content_Types].xml",
            "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>",
        );
        add("word/document.xml", &document);
        add("word/styles.xml", &styles);
        if let Some((title, creator, created)) = core {
            add(
                "docProps/core.xml",
                &format!(
                    "<?xml version=\"1.0\"?><cp:coreProperties \
                     xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
                     xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\">\
                     <dc:title>{}</dc:title><dc:creator>{}</dc:creator>\
                     <dcterms:created>{created}</dcterms:created></cp:coreProperties>",
                    escape(title),
                    escape(creator)
                ),
            );
        }
        zip.finish().expect("in memory").into_inner()
    }

    fn pieces(c: &Converted) -> Vec<(&str, Origin)> {
        c.paragraphs
            .iter()
            .map(|p| (p.text.as_str(), p.origin))
            .collect()
    }

    #[test]
    fn archive_truncated_is_broken() {
        let whole = build_docx(&[("", "Text.")], None);
        let cut = &whole[..whole.len() / 2];
        assert!(matches!(read(cut), Err(Unread::Broken(m)) if m.contains("truncated")));
    }

    #[test]
    fn archive_ole_container_is_broken() {
        let ole = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest of an old doc";
        assert!(matches!(read(ole), Err(Unread::Broken(m)) if m.contains("password-protected")));
    }

    #[test]
    fn archive_without_document_is_broken() {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        zip.start_file("a.txt", zip::write::SimpleFileOptions::default())
            .unwrap();
        let bytes = zip.finish().unwrap().into_inner();
        assert!(matches!(read(&bytes), Err(Unread::Broken(m)) if m.contains("word/document.xml")));
    }

    #[test]
    fn archive_part_over_the_cap_is_refused() {
        use std::io::Write;
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("word/document.xml", options).unwrap();
        let block = vec![b' '; 1 << 20];
        for _ in 0..=(MAX_PART_BYTES >> 20) {
            zip.write_all(&block).unwrap();
        }
        let bytes = zip.finish().unwrap().into_inner();
        assert!(bytes.len() < 1 << 20, "a small bomb: {}", bytes.len());
        assert!(
            matches!(read(&bytes), Err(Unread::Broken(m)) if m.contains("unpacks to more than"))
        );
    }

    #[test]
    fn styles_title_headings_and_captions() {
        let bytes = build_docx(
            &[
                ("Title", "Ferry kept on"),
                ("", "The board met."),
                ("Heading1", "Why now?"),
                ("Heading2", "The vote"),
                ("berschrift3", "Detail"),
                ("Caption", "The ferry at dusk"),
                ("Title", "A second title"),
            ],
            None,
        );
        let c = read(&bytes).unwrap();
        assert_eq!(
            c.title,
            Some(("Ferry kept on".into(), "markup title: Word Title style"))
        );
        assert_eq!(
            pieces(&c),
            [
                ("The board met.", Origin::Text),
                ("Why now?", Origin::Heading(2)),
                ("The vote", Origin::Heading(2)),
                ("Detail", Origin::Heading(3)),
                ("The ferry at dusk", Origin::Caption),
                ("A second title", Origin::Heading(2)),
            ]
        );
    }

    #[test]
    fn paragraphs_runs_tabs_and_deleted_text() {
        let document = format!(
            "<w:document xmlns:w=\"{W}\"><w:body><w:p><w:r><w:t>Board</w:t></w:r><w:r><w:tab/><w:t>met</w:t></w:r>\
             <w:del><w:r><w:delText>not this</w:delText></w:r></w:del><w:r><w:instrText>PAGE</w:instrText></w:r></w:p>\
             <w:tbl><w:tr><w:tc><w:p><w:r><w:t>In a cell</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>"
        );
        let c = paragraphs(&document, &[]).unwrap();
        assert_eq!(
            pieces(&c),
            [("Board met", Origin::Text), ("In a cell", Origin::Text)]
        );
    }

    #[test]
    fn paragraphs_in_a_text_box_come_after_their_paragraph() {
        let document = format!(
            "<w:document xmlns:w=\"{W}\"><w:body><w:p><w:r><w:t>Outer</w:t></w:r><w:r><w:pict><w:txbxContent>\
             <w:p><w:r><w:t>Inner</w:t></w:r></w:p></w:txbxContent></w:pict></w:r><w:r><w:t> text</w:t></w:r></w:p>\
             </w:body></w:document>"
        );
        let c = paragraphs(&document, &[]).unwrap();
        assert_eq!(
            pieces(&c),
            [("Outer text", Origin::Text), ("Inner", Origin::Text)]
        );
    }

    #[test]
    fn core_properties_title_creator_created() {
        let bytes = build_docx(
            &[("", "The board met.")],
            Some(("Ferry kept on", "Tamsin Vell", "2026-03-04T07:00:00Z")),
        );
        let c = read(&bytes).unwrap();
        assert_eq!(
            c.fallback_title,
            Some(("Ferry kept on".into(), "markup title: Word core properties"))
        );
        assert_eq!(c.authors, ["Tamsin Vell"]);
        assert_eq!(c.fallback_date, chrono::NaiveDate::from_ymd_opt(2026, 3, 4));
        assert_eq!(c.date, None);
    }

    #[test]
    fn xml_with_a_dtd_is_refused() {
        let document = format!(
            "<!DOCTYPE d [<!ENTITY a \"aaaa\">]><w:document xmlns:w=\"{W}\"><w:body/></w:document>"
        );
        assert!(paragraphs(&document, &[]).is_err());
    }
}

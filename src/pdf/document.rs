//! The printed PDF, read and finished with `lopdf`.
//!
//! Chromium writes a named destination for every element that a link in
//! the page points at (`href="#id"`), so the page where each briefing and
//! each question landed can be read back ([`Printed::dest_pages`]). With
//! those pages, the book is finished here:
//! - the outline (bookmarks): one entry per briefing, its questions nested,
//!   each pointing at the named destination of its heading;
//! - running heads and folios, drawn in the top and bottom margins as
//!   pagination artifacts (outside the tagged structure, as PDF/UA asks);
//! - the document information: Title, Author, Subject and the creation
//!   date of the newest briefing (so the same site gives the same file).

use crate::config::Paper;
use lopdf::content::{Content, Operation};
use lopdf::{Dictionary, Document, Object, ObjectId, StringFormat};
use std::collections::BTreeMap;

/// A PDF as the browser wrote it, being finished.
pub struct Printed {
    doc: Document,
    /// Page object id -> page number (from 1).
    numbers: BTreeMap<ObjectId, u32>,
}

/// Where a named destination landed: its page (from 1) and, when the
/// destination says, the height of its top edge from the foot of the page.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spot {
    pub page: u32,
    pub top: Option<f32>,
}

/// One outline entry: its title, nesting depth (0: top) and destination.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    pub title: String,
    pub depth: usize,
    pub dest: String,
}

/// What is drawn in one page's margins.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Margin {
    /// The running head (a briefing's title), at the top.
    pub head: Option<String>,
    /// The folio: page number and site title, at the foot.
    pub folio: Option<(u32, String)>,
}

/// The document information dictionary.
#[derive(Debug, Clone, PartialEq)]
pub struct Info {
    pub title: String,
    pub author: String,
    pub subject: String,
    pub date: Option<chrono::NaiveDate>,
}

impl Printed {
    pub fn load(bytes: &[u8]) -> Result<Printed, lopdf::Error> {
        let doc = Document::load_mem(bytes)?;
        let numbers = doc.get_pages().into_iter().map(|(n, id)| (id, n)).collect();
        Ok(Printed { doc, numbers })
    }

    pub fn page_count(&self) -> u32 {
        self.numbers.len() as u32
    }

    /// The Chromium milestone that printed it, from the producer
    /// (`Skia/PDF m156`), if it says.
    pub fn chromium_version(&self) -> Option<u32> {
        let producer = self.info_text(b"Producer")?;
        let at = producer.find("Skia/PDF m")? + "Skia/PDF m".len();
        let digits: String = producer[at..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        digits.parse().ok()
    }

    fn info_text(&self, key: &[u8]) -> Option<String> {
        let info = self.doc.trailer.get(b"Info").ok()?;
        let (_, info) = self.doc.dereference(info).ok()?;
        let value = info.as_dict().ok()?.get(key).ok()?;
        let bytes = value.as_str().ok()?;
        Some(decode_text_string(bytes))
    }

    /// Every named destination with the page it is on.
    pub fn dest_pages(&self) -> BTreeMap<String, u32> {
        self.dest_spots()
            .into_iter()
            .map(|(name, spot)| (name, spot.page))
            .collect()
    }

    /// Every named destination with its page and height on the page.
    pub fn dest_spots(&self) -> BTreeMap<String, Spot> {
        let mut out = BTreeMap::new();
        let Ok(catalog) = self.doc.catalog() else {
            return out;
        };
        // PDF 1.1 style: a dictionary of names in the catalog (Chromium's).
        if let Some(dests) = catalog
            .get(b"Dests")
            .ok()
            .and_then(|d| self.doc.dereference(d).ok())
            .and_then(|(_, d)| d.as_dict().ok())
        {
            for (name, value) in dests.iter() {
                if let Some(page) = self.dest_page(value) {
                    out.insert(String::from_utf8_lossy(name).into_owned(), page);
                }
            }
        }
        // PDF 1.2 style: a name tree under /Names /Dests.
        if let Some(tree) = catalog
            .get(b"Names")
            .ok()
            .and_then(|n| self.doc.dereference(n).ok())
            .and_then(|(_, n)| n.as_dict().ok())
            .and_then(|n| n.get(b"Dests").ok())
        {
            self.walk_name_tree(tree, &mut out, 0);
        }
        out
    }

    fn walk_name_tree(&self, node: &Object, out: &mut BTreeMap<String, Spot>, depth: usize) {
        let Some(node) = self
            .doc
            .dereference(node)
            .ok()
            .and_then(|(_, n)| n.as_dict().ok())
        else {
            return;
        };
        if depth > 32 {
            return;
        }
        if let Ok(kids) = node.get(b"Kids").and_then(Object::as_array) {
            for kid in kids {
                self.walk_name_tree(kid, out, depth + 1);
            }
        }
        if let Ok(names) = node.get(b"Names").and_then(Object::as_array) {
            for pair in names.chunks(2) {
                let [name, value] = pair else { continue };
                let (Ok(name), Some(page)) = (name.as_str(), self.dest_page(value)) else {
                    continue;
                };
                out.insert(decode_text_string(name), page);
            }
        }
    }

    /// Where a destination points: `[page /XYZ left top zoom]`, or the
    /// same under `<< /D [...] >>`.
    fn dest_page(&self, value: &Object) -> Option<Spot> {
        let (_, value) = self.doc.dereference(value).ok()?;
        let array = match value {
            Object::Array(a) => a,
            Object::Dictionary(d) => {
                let (_, d) = self.doc.dereference(d.get(b"D").ok()?).ok()?;
                d.as_array().ok()?
            }
            _ => return None,
        };
        let page = array.first()?.as_reference().ok()?;
        let xyz = array
            .get(1)
            .and_then(|k| k.as_name().ok())
            .is_some_and(|k| k == b"XYZ");
        let top = if xyz {
            array.get(3).and_then(|t| t.as_float().ok())
        } else {
            None
        };
        Some(Spot {
            page: *self.numbers.get(&page)?,
            top,
        })
    }

    /// Every URI of a link annotation, to check none is a `file:` link.
    pub fn link_uris(&self) -> Vec<String> {
        let mut out = Vec::new();
        for &page in self.numbers.keys() {
            let Ok(annots) = self.doc.get_page_annotations(page) else {
                continue;
            };
            for annot in annots {
                let uri = annot
                    .get(b"A")
                    .ok()
                    .and_then(|a| self.doc.dereference(a).ok())
                    .and_then(|(_, a)| a.as_dict().ok())
                    .and_then(|a| a.get(b"URI").ok())
                    .and_then(|u| u.as_str().ok());
                if let Some(uri) = uri {
                    out.push(String::from_utf8_lossy(uri).into_owned());
                }
            }
        }
        out
    }

    /// Replaces the outline with `marks` (a mark deeper than the one
    /// before it is nested under it). Marks whose destination is not in
    /// the PDF are left out. Returns how many top-level entries it holds.
    pub fn set_outline(&mut self, marks: &[Mark]) -> usize {
        let known = self.dest_pages();
        let marks: Vec<&Mark> = marks
            .iter()
            .filter(|m| known.contains_key(&m.dest))
            .collect();
        let root = self.doc.new_object_id();
        let ids: Vec<ObjectId> = marks.iter().map(|_| self.doc.new_object_id()).collect();
        // Parent of each mark: the nearest earlier mark of smaller depth.
        let mut parents: Vec<Option<usize>> = Vec::with_capacity(marks.len());
        let mut stack: Vec<usize> = Vec::new();
        for (i, mark) in marks.iter().enumerate() {
            while stack.last().is_some_and(|&j| marks[j].depth >= mark.depth) {
                stack.pop();
            }
            parents.push(stack.last().copied());
            stack.push(i);
        }
        let children = |parent: Option<usize>| -> Vec<usize> {
            (0..marks.len()).filter(|&i| parents[i] == parent).collect()
        };
        let mut top = 0;
        for parent in std::iter::once(None).chain((0..marks.len()).map(Some)) {
            let kids = children(parent);
            if parent.is_none() {
                top = kids.len();
            }
            for (k, &i) in kids.iter().enumerate() {
                let mut item = Dictionary::new();
                item.set("Title", text_string(&marks[i].title));
                item.set("Parent", parent.map_or(root, |p| ids[p]));
                item.set(
                    "Dest",
                    Object::String(marks[i].dest.as_bytes().to_vec(), StringFormat::Literal),
                );
                if k > 0 {
                    item.set("Prev", ids[kids[k - 1]]);
                }
                if let Some(&next) = kids.get(k + 1) {
                    item.set("Next", ids[next]);
                }
                let own = children(Some(i));
                if let (Some(&first), Some(&last)) = (own.first(), own.last()) {
                    item.set("First", ids[first]);
                    item.set("Last", ids[last]);
                    // Negative: closed, so the reader sees the briefings first.
                    item.set("Count", -(own.len() as i64));
                }
                self.doc.objects.insert(ids[i], Object::Dictionary(item));
            }
        }
        let roots = children(None);
        let mut outline = Dictionary::new();
        outline.set("Type", Object::Name(b"Outlines".to_vec()));
        if let (Some(&first), Some(&last)) = (roots.first(), roots.last()) {
            outline.set("First", ids[first]);
            outline.set("Last", ids[last]);
            outline.set("Count", roots.len() as i64);
        }
        self.doc.objects.insert(root, Object::Dictionary(outline));
        if let Ok(catalog) = self.doc.catalog_mut() {
            catalog.set("Outlines", root);
            if top > 0 {
                catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
            }
        }
        top
    }

    /// Draws the running head and folio of each page (page number -> what).
    pub fn stamp(&mut self, paper: Paper, margins: &BTreeMap<u32, Margin>) -> lopdf::Result<()> {
        let regular = self.add_font(b"Helvetica");
        let italic = self.add_font(b"Helvetica-Oblique");
        let pages: Vec<(ObjectId, u32)> = self.numbers.iter().map(|(&id, &n)| (id, n)).collect();
        for (page, number) in pages {
            let Some(margin) = margins.get(&number) else {
                continue;
            };
            if margin.head.is_none() && margin.folio.is_none() {
                continue;
            }
            let (width, height) = self.page_size(page).unwrap_or(paper.points());
            self.add_fonts_to_page(page, &[(b"BfR", regular), (b"BfI", italic)])?;
            let ops = margin_ops(paper, width, height, margin);
            let content = Content { operations: ops }.encode()?;
            // The page's own drawing is wrapped in q/Q so that whatever
            // state it leaves cannot move the stamp.
            self.wrap_contents(page)?;
            self.doc.add_page_contents(page, content)?;
        }
        Ok(())
    }

    fn add_font(&mut self, base: &[u8]) -> ObjectId {
        let mut font = Dictionary::new();
        font.set("Type", Object::Name(b"Font".to_vec()));
        font.set("Subtype", Object::Name(b"Type1".to_vec()));
        font.set("BaseFont", Object::Name(base.to_vec()));
        font.set("Encoding", Object::Name(b"WinAnsiEncoding".to_vec()));
        self.doc.add_object(font)
    }

    fn page_size(&self, page: ObjectId) -> Option<(f32, f32)> {
        let mut node = self.doc.get_dictionary(page).ok()?;
        for _ in 0..16 {
            if let Ok(mediabox) = node.get(b"MediaBox") {
                let (_, mediabox) = self.doc.dereference(mediabox).ok()?;
                let v: Vec<f32> = mediabox
                    .as_array()
                    .ok()?
                    .iter()
                    .filter_map(|o| o.as_float().ok())
                    .collect();
                let [x0, y0, x1, y1] = v[..] else { return None };
                return Some((x1 - x0, y1 - y0));
            }
            let parent = node.get(b"Parent").ok()?.as_reference().ok()?;
            node = self.doc.get_dictionary(parent).ok()?;
        }
        None
    }

    /// Gives the page its own resource dictionary holding `fonts` (the
    /// one it had may be shared with other pages, or inherited).
    fn add_fonts_to_page(
        &mut self,
        page: ObjectId,
        fonts: &[(&[u8], ObjectId)],
    ) -> lopdf::Result<()> {
        let mut resources = {
            let mut node = self.doc.get_dictionary(page)?;
            let mut found = None;
            for _ in 0..16 {
                if let Ok(r) = node.get(b"Resources") {
                    found = Some(self.doc.dereference(r)?.1.as_dict()?.clone());
                    break;
                }
                match node.get(b"Parent").and_then(Object::as_reference) {
                    Ok(parent) => node = self.doc.get_dictionary(parent)?,
                    Err(_) => break,
                }
            }
            found.unwrap_or_default()
        };
        let mut font_dict = match resources.get(b"Font") {
            Ok(f) => self.doc.dereference(f)?.1.as_dict()?.clone(),
            Err(_) => Dictionary::new(),
        };
        for (name, id) in fonts {
            font_dict.set(name.to_vec(), *id);
        }
        resources.set("Font", font_dict);
        self.doc
            .get_object_mut(page)
            .and_then(Object::as_dict_mut)?
            .set("Resources", resources);
        Ok(())
    }

    fn wrap_contents(&mut self, page: ObjectId) -> lopdf::Result<()> {
        let open = self
            .doc
            .add_object(lopdf::Stream::new(Dictionary::new(), b"q\n".to_vec()));
        let dict = self
            .doc
            .get_object_mut(page)
            .and_then(Object::as_dict_mut)?;
        let mut contents = match dict.get(b"Contents") {
            Ok(Object::Reference(id)) => vec![Object::Reference(*id)],
            Ok(Object::Array(a)) => a.clone(),
            _ => Vec::new(),
        };
        contents.insert(0, Object::Reference(open));
        dict.set("Contents", contents);
        self.doc.add_page_contents(page, b"\nQ\n".to_vec())
    }

    /// Sets the document information (Title, Author, Subject, dates).
    pub fn set_info(&mut self, info: &Info) {
        let id = match self.doc.trailer.get(b"Info").and_then(Object::as_reference) {
            Ok(id) if self.doc.get_dictionary(id).is_ok() => id,
            _ => {
                let id = self.doc.add_object(Dictionary::new());
                self.doc.trailer.set("Info", id);
                id
            }
        };
        let Ok(dict) = self.doc.get_dictionary_mut(id) else {
            return;
        };
        dict.set("Title", text_string(&info.title));
        dict.set("Author", text_string(&info.author));
        dict.set("Subject", text_string(&info.subject));
        match info.date {
            Some(date) => {
                let stamp = format!("D:{}000000Z", date.format("%Y%m%d"));
                dict.set("CreationDate", Object::string_literal(stamp.clone()));
                dict.set("ModDate", Object::string_literal(stamp));
            }
            None => {
                // No date to give: none rather than the time of printing.
                dict.remove(b"CreationDate");
                dict.remove(b"ModDate");
            }
        }
    }

    pub fn to_bytes(&mut self) -> lopdf::Result<Vec<u8>> {
        let mut out = Vec::new();
        self.doc.save_to(&mut out)?;
        Ok(out)
    }
}

/// The drawing of one page's margins: the head in italic at the top left
/// over a hairline, the site title at the bottom left and the page number
/// at the bottom right, all marked as pagination artifacts.
fn margin_ops(paper: Paper, width: f32, height: f32, margin: &Margin) -> Vec<Operation> {
    let m = paper.margins();
    let size = if paper == Paper::A5 { 7.5 } else { 8.5 };
    let left = m.side;
    let right = width - m.side;
    let mut ops = Vec::new();
    let artifact = |ops: &mut Vec<Operation>, subtype: &[u8]| {
        let mut props = Dictionary::new();
        props.set("Type", Object::Name(b"Pagination".to_vec()));
        props.set("Subtype", Object::Name(subtype.to_vec()));
        ops.push(Operation::new(
            "BDC",
            vec![
                Object::Name(b"Artifact".to_vec()),
                Object::Dictionary(props),
            ],
        ));
    };
    let text = |ops: &mut Vec<Operation>, font: &[u8], x: f32, y: f32, s: &str| {
        ops.push(Operation::new("BT", vec![]));
        ops.push(Operation::new(
            "Tf",
            vec![Object::Name(font.to_vec()), Object::Real(size)],
        ));
        ops.push(Operation::new("Td", vec![Object::Real(x), Object::Real(y)]));
        ops.push(Operation::new(
            "Tj",
            vec![Object::String(
                win_ansi(s).unwrap_or_default(),
                StringFormat::Literal,
            )],
        ));
        ops.push(Operation::new("ET", vec![]));
    };
    ops.push(Operation::new("q", vec![]));
    ops.push(Operation::new("rg", vec![0.into(), 0.into(), 0.into()]));
    // A head or site title the standard font cannot write is left out.
    let writable = |s: &String| win_ansi(s).is_some();
    if let Some(head) = margin.head.as_ref().filter(|h| writable(h)) {
        let y = height - m.top * 0.55;
        let fits = ((right - left) / (size * 0.56)) as usize;
        artifact(&mut ops, b"Header");
        text(&mut ops, b"BfI", left, y, &shorten(head, fits));
        ops.push(Operation::new("w", vec![Object::Real(0.4)]));
        ops.push(Operation::new("RG", vec![0.into(), 0.into(), 0.into()]));
        ops.push(Operation::new(
            "m",
            vec![Object::Real(left), Object::Real(y - 5.0)],
        ));
        ops.push(Operation::new(
            "l",
            vec![Object::Real(right), Object::Real(y - 5.0)],
        ));
        ops.push(Operation::new("S", vec![]));
        ops.push(Operation::new("EMC", vec![]));
    }
    if let Some((number, site)) = &margin.folio {
        let y = m.bottom * 0.45;
        let digits = number.to_string();
        // Helvetica's digits are all 556/1000 em wide.
        let number_width = digits.len() as f32 * 0.556 * size;
        let fits = ((right - left - number_width - 24.0) / (size * 0.56)) as usize;
        artifact(&mut ops, b"Footer");
        if writable(site) {
            text(&mut ops, b"BfR", left, y, &shorten(site, fits));
        }
        text(&mut ops, b"BfR", right - number_width, y, &digits);
        ops.push(Operation::new("EMC", vec![]));
    }
    ops.push(Operation::new("Q", vec![]));
    ops
}

/// `text` cut at a word to at most `max` characters, with an ellipsis.
pub fn shorten(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max.saturating_sub(1)).collect();
    let cut = match cut.rfind(' ') {
        Some(at) if at > cut.len() / 2 => &cut[..at],
        _ => cut.as_str(),
    };
    format!(
        "{}…",
        cut.trim_end_matches(|c: char| c.is_whitespace() || ",;:-–—".contains(c))
    )
}

/// A PDF text string: PDFDocEncoding for ASCII, else UTF-16BE with a BOM.
fn text_string(text: &str) -> Object {
    if text.is_ascii() {
        return Object::string_literal(text);
    }
    let mut bytes = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

fn decode_text_string(bytes: &[u8]) -> String {
    match bytes {
        [0xFE, 0xFF, rest @ ..] => {
            let units: Vec<u16> = rest
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
                .collect();
            String::from_utf16_lossy(&units)
        }
        _ => bytes.iter().map(|&b| b as char).collect(),
    }
}

/// `text` in WinAnsiEncoding (Windows-1252), the encoding of the standard
/// fonts: accents the code page lacks are dropped (`ř` is written `r`),
/// other characters it cannot hold are left out, and None when that would
/// leave out more than a third of the text (a head in another script is
/// better missing than mangled).
pub fn win_ansi(text: &str) -> Option<Vec<u8>> {
    use unicode_normalization::UnicodeNormalization;
    let mut out = Vec::with_capacity(text.len());
    let (mut kept, mut lost) = (0usize, 0usize);
    for c in text.chars() {
        let before = out.len();
        match one_win_ansi(c) {
            Some(b) => out.push(b),
            None => out.extend(
                c.to_string()
                    .nfd()
                    .filter_map(|d| one_win_ansi(d).filter(|b| b.is_ascii())),
            ),
        }
        if !c.is_whitespace() {
            if out.len() > before {
                kept += 1;
            } else {
                lost += 1;
            }
        }
    }
    (lost * 2 <= kept).then_some(out)
}

fn one_win_ansi(c: char) -> Option<u8> {
    const HIGH: [(char, u8); 27] = [
        ('€', 0x80),
        ('‚', 0x82),
        ('ƒ', 0x83),
        ('„', 0x84),
        ('…', 0x85),
        ('†', 0x86),
        ('‡', 0x87),
        ('ˆ', 0x88),
        ('‰', 0x89),
        ('Š', 0x8A),
        ('‹', 0x8B),
        ('Œ', 0x8C),
        ('Ž', 0x8E),
        ('‘', 0x91),
        ('’', 0x92),
        ('“', 0x93),
        ('”', 0x94),
        ('•', 0x95),
        ('–', 0x96),
        ('—', 0x97),
        ('˜', 0x98),
        ('™', 0x99),
        ('š', 0x9A),
        ('›', 0x9B),
        ('œ', 0x9C),
        ('ž', 0x9E),
        ('Ÿ', 0x9F),
    ];
    match c as u32 {
        0x20..=0x7E | 0xA0..=0xFF => Some(c as u32 as u8),
        _ => HIGH.iter().find(|(h, _)| *h == c).map(|&(_, b)| b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn win_ansi_keeps_curly_quotes_and_drops_foreign_accents() {
        assert_eq!(
            win_ansi("Kyiv’s “plan” – é").unwrap(),
            b"Kyiv\x92s \x93plan\x94 \x96 \xE9"
        );
        assert_eq!(
            win_ansi("Dvořák in Łódź").as_deref(),
            Some(&b"Dvor\xE1k in \xF3dz"[..])
        );
        assert_eq!(win_ansi("東京"), None);
        assert_eq!(win_ansi("東京で会談 talks").as_deref(), None);
        assert_eq!(
            win_ansi("Talks in 東京 end").as_deref(),
            Some(&b"Talks in  end"[..])
        );
    }

    #[test]
    fn a_head_the_font_cannot_write_is_left_out_but_the_number_stays() {
        let margin = Margin {
            head: Some("東京での会談".into()),
            folio: Some((3, "東京".into())),
        };
        let ops = margin_ops(Paper::A4, 595.0, 842.0, &margin);
        let shown: Vec<&Object> = ops
            .iter()
            .filter(|o| o.operator == "Tj")
            .flat_map(|o| &o.operands)
            .collect();
        assert_eq!(shown.len(), 1, "{ops:?}");
        assert_eq!(shown[0].as_str().unwrap(), b"3");
        let latin = Margin {
            head: Some("Dock strike".into()),
            folio: Some((3, "Desk".into())),
        };
        let ops = margin_ops(Paper::A4, 595.0, 842.0, &latin);
        assert_eq!(ops.iter().filter(|o| o.operator == "Tj").count(), 3);
    }

    #[test]
    fn shorten_cuts_long_heads_at_a_word() {
        assert_eq!(shorten("Ferry fares", 40), "Ferry fares");
        assert_eq!(
            shorten("Why the harbour wall cracked, and who pays", 24),
            "Why the harbour wall…"
        );
    }

    #[test]
    fn text_strings_round_trip() {
        for text in ["Plain", "Zélensky’s visit"] {
            let Object::String(bytes, _) = text_string(text) else {
                panic!("not a string")
            };
            assert_eq!(decode_text_string(&bytes), text);
        }
    }

    /// A two-page PDF with a named destination on page 2, as Chromium writes one.
    fn two_pages() -> Vec<u8> {
        let mut doc = Document::with_version("1.4");
        let pages_id = doc.new_object_id();
        let mut kids = Vec::new();
        let mut page_ids = Vec::new();
        for _ in 0..2 {
            let content = doc.add_object(lopdf::Stream::new(Dictionary::new(), b"".to_vec()));
            let mut page = Dictionary::new();
            page.set("Type", Object::Name(b"Page".to_vec()));
            page.set("Parent", pages_id);
            page.set("Contents", content);
            page.set("MediaBox", vec![0.into(), 0.into(), 612.into(), 792.into()]);
            let id = doc.add_object(page);
            kids.push(Object::Reference(id));
            page_ids.push(id);
        }
        let mut pages = Dictionary::new();
        pages.set("Type", Object::Name(b"Pages".to_vec()));
        pages.set("Kids", kids);
        pages.set("Count", 2);
        doc.objects.insert(pages_id, Object::Dictionary(pages));
        let mut dests = Dictionary::new();
        dests.set(
            "dock",
            vec![
                Object::Reference(page_ids[1]),
                Object::Name(b"XYZ".to_vec()),
                0.into(),
                792.into(),
                Object::Null,
            ],
        );
        let dests = doc.add_object(dests);
        let mut catalog = Dictionary::new();
        catalog.set("Type", Object::Name(b"Catalog".to_vec()));
        catalog.set("Pages", pages_id);
        catalog.set("Dests", dests);
        let catalog = doc.add_object(catalog);
        doc.trailer.set("Root", catalog);
        let mut info = Dictionary::new();
        info.set("Producer", Object::string_literal("Skia/PDF m131"));
        let info = doc.add_object(info);
        doc.trailer.set("Info", info);
        let mut out = Vec::new();
        doc.save_to(&mut out).unwrap();
        out
    }

    #[test]
    fn named_destinations_give_their_page_and_the_producer_its_version() {
        let printed = Printed::load(&two_pages()).unwrap();
        assert_eq!(printed.page_count(), 2);
        assert_eq!(printed.dest_pages().get("dock"), Some(&2));
        assert_eq!(
            printed.dest_spots().get("dock"),
            Some(&Spot {
                page: 2,
                top: Some(792.0)
            })
        );
        assert_eq!(printed.chromium_version(), Some(131));
    }

    #[test]
    fn outline_nests_marks_and_skips_unknown_destinations() {
        let mut printed = Printed::load(&two_pages()).unwrap();
        let marks = [
            Mark {
                title: "Dock strike".into(),
                depth: 0,
                dest: "dock".into(),
            },
            Mark {
                title: "Nowhere".into(),
                depth: 1,
                dest: "missing".into(),
            },
        ];
        assert_eq!(printed.set_outline(&marks), 1);
        let bytes = printed.to_bytes().unwrap();
        let again = Document::load_mem(&bytes).unwrap();
        let outline = again
            .get_dictionary(
                again
                    .catalog()
                    .unwrap()
                    .get(b"Outlines")
                    .unwrap()
                    .as_reference()
                    .unwrap(),
            )
            .unwrap();
        assert_eq!(outline.get(b"Count").unwrap().as_i64().unwrap(), 1);
        let first = again
            .get_dictionary(outline.get(b"First").unwrap().as_reference().unwrap())
            .unwrap();
        assert_eq!(first.get(b"Dest").unwrap().as_str().unwrap(), b"dock");
        assert!(first.get(b"First").is_err(), "the unknown mark was nested");
    }

    #[test]
    fn stamps_and_info_are_written() {
        let mut printed = Printed::load(&two_pages()).unwrap();
        let margins: BTreeMap<u32, Margin> = [(
            2,
            Margin {
                head: Some("Dock strike".into()),
                folio: Some((2, "Desk".into())),
            },
        )]
        .into_iter()
        .collect();
        printed.stamp(Paper::Letter, &margins).unwrap();
        printed.set_info(&Info {
            title: "T".into(),
            author: "Desk".into(),
            subject: "S".into(),
            date: chrono::NaiveDate::from_ymd_opt(2025, 3, 2),
        });
        let bytes = printed.to_bytes().unwrap();
        let again = Document::load_mem(&bytes).unwrap();
        let pages = again.get_pages();
        let text = String::from_utf8_lossy(&again.get_page_content(pages[&2]).unwrap()).to_string();
        assert!(text.contains("(Dock strike) Tj"), "{text}");
        assert!(text.contains("/Artifact"), "{text}");
        let first = again.get_page_content(pages[&1]).unwrap();
        assert!(!String::from_utf8_lossy(&first).contains("Tj"));
        let info = again
            .get_dictionary(again.trailer.get(b"Info").unwrap().as_reference().unwrap())
            .unwrap();
        assert_eq!(
            info.get(b"CreationDate").unwrap().as_str().unwrap(),
            b"D:20250302000000Z"
        );
        assert_eq!(info.get(b"Author").unwrap().as_str().unwrap(), b"Desk");
    }
}

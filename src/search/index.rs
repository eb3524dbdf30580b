//! The search index the site ships: scripts, not JSON, so that it loads from
//! `file://` and from any sub-path (a page cannot fetch JSON from disk, but
//! it can add a `<script>`).
//!
//! - `search/index.js`, the manifest: `window.briefingSearchIndex = {...}`
//!   with the document count, the kinds, the stop words, `groups` (the
//!   first document of each briefing, as differences: a briefing's
//!   sections and quotes follow it, so results are grouped per briefing
//!   without loading them), `acronyms` (see [`DocMeta::acronyms`]) and
//!   where the shards are: `terms` lists the first key of each term shard
//!   `t<N>` (keys sorted, so a key's shard is the last one starting at or
//!   before it), `docs` the first document of each document shard `d<N>`,
//!   as differences.
//! - `search/t<N>.js`, term shards: `{"t": [keys...], "p": [postings...]}`,
//!   where the postings of a key are a string of (document id delta,
//!   weight) pairs, document ids ascending, each number in five-bit digits
//!   ([`DIGITS`]; two characters a posting where decimals took four).
//! - `search/d<N>.js`, document shards: `{"first": id, "d": [[kind, title,
//!   context, url, text], ...]}`; `text` is what snippets are cut from. A
//!   row's context and url are written against the row before it in the
//!   shard ([`shorten_row`]): a briefing's sections and quotes repeat its
//!   title and page, which cost a fifth of the shards.
//!
//! - `search/m.js`, what filters and the sort by date need ([`site_meta`]),
//!   loaded only when one is used.
//!
//! Shards register themselves in `window.briefingSearchShards[name]`. A
//! query loads the manifest, one term shard per word (two or three for a
//! prefix spanning a boundary), then the document shards of the results it
//! shows. Shards are cut at [`Limits`] so no single script is too big for a
//! phone; a key whose postings alone exceed the limit gets a shard of its own.

use super::{MAX_TOKEN, Word, is_acronym, is_indexed, key, scan_words};
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use serde::Serialize;
use std::cell::RefCell;
use std::sync::atomic::{AtomicU32, Ordering};

/// What a document is; its index is its number in the manifest's `kinds`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DocKind {
    /// A briefing's title, summary, lead, captions and tags.
    Briefing,
    /// A question section: the question and its whole answer.
    Question,
    /// A statement section.
    Section,
    /// A quote, with its speaker.
    Quote,
    /// A person, organisation or place.
    Entity,
    /// A tag page.
    Tag,
}

pub const KINDS: [DocKind; 6] = [
    DocKind::Briefing,
    DocKind::Question,
    DocKind::Section,
    DocKind::Quote,
    DocKind::Entity,
    DocKind::Tag,
];

/// One searchable document.
#[derive(Debug, Clone)]
pub struct Doc {
    pub kind: DocKind,
    /// What the result is called: a heading, a name, a briefing title.
    pub title: String,
    /// Where it is, shown under the title (usually the briefing's title).
    pub context: String,
    /// From the site root, with the `#anchor` of the exact section.
    pub url: String,
    /// The searchable text, also the source of snippets.
    pub text: String,
    /// Indexed with the title's weight but not shown (e.g. other spellings).
    pub keywords: String,
    /// What filters and grouping need (`search/m.js` and the manifest).
    pub meta: DocMeta,
}

/// What the filters, the sort by date and the grouping of results need of
/// a document: shipped in `search/m.js` (loaded only when a filter or the
/// sort by date is used) and, for the groups and acronyms, the manifest.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocMeta {
    /// The finer kind of an entity: `b'p'` person, `b'o'` organisation,
    /// `b'l'` place (0: the letter of its [`DocKind`]).
    pub class: u8,
    /// A briefing's date, in days since 1970-01-01.
    pub date: Option<i32>,
    /// A briefing's tags: (slug, name).
    pub tags: Vec<(String, String)>,
    /// An entity's other spellings that are [`super::is_acronym`]s: a query
    /// of stop words only ("who") looks for these as written ("WHO").
    pub acronyms: Vec<String>,
}

impl DocMeta {
    /// One letter for the kind filter: `b` briefing, `q` question, `s`
    /// section, `u` quote, `p` person, `o` organisation, `l` place, `e`
    /// another entity, `t` tag.
    fn letter(&self, kind: DocKind) -> char {
        match kind {
            DocKind::Briefing => 'b',
            DocKind::Question => 'q',
            DocKind::Section => 's',
            DocKind::Quote => 'u',
            DocKind::Entity if matches!(self.class, b'p' | b'o' | b'l') => char::from(self.class),
            DocKind::Entity => 'e',
            DocKind::Tag => 't',
        }
    }
}

/// What the manifest says of the documents besides their shards: where
/// each briefing's documents start (as differences) and the acronyms.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct SiteMeta {
    groups: Vec<u32>,
    /// The first document that is no briefing's (an entity or a tag; the
    /// site's documents come after every briefing's).
    rest: u32,
    acronyms: Vec<String>,
}

/// The manifest's [`SiteMeta`] and `search/m.js`, from every document's
/// kind and [`DocMeta`] in id order. `m.js` holds `k`, one letter per
/// document ([`DocMeta::letter`]); `d`, each briefing's date (days, or
/// null), in the order of `groups`; `t`, every tag as `[slug, name,
/// [briefing numbers]]`, sorted by slug.
pub(super) fn site_meta<'a>(
    docs: impl Iterator<Item = (DocKind, &'a DocMeta)>,
) -> (SiteMeta, (String, String)) {
    let mut letters = String::new();
    let mut groups = Vec::new();
    let mut dates: Vec<Option<i32>> = Vec::new();
    let mut tags: std::collections::BTreeMap<&str, (&str, Vec<usize>)> = Default::default();
    let mut acronyms: Vec<String> = Vec::new();
    let mut last = 0;
    let mut rest = None;
    let mut count = 0;
    for (id, (kind, meta)) in docs.enumerate() {
        count = id as u32 + 1;
        if rest.is_none() && matches!(kind, DocKind::Entity | DocKind::Tag) {
            rest = Some(id as u32);
        }
        letters.push(meta.letter(kind));
        if kind == DocKind::Briefing {
            groups.push(id as u32 - last);
            last = id as u32;
            for (slug, name) in &meta.tags {
                let entry = tags.entry(slug).or_insert((name, Vec::new()));
                if entry.1.last() != Some(&dates.len()) {
                    entry.1.push(dates.len());
                }
            }
            dates.push(meta.date);
        }
        acronyms.extend(meta.acronyms.iter().cloned());
    }
    acronyms.sort();
    acronyms.dedup();
    #[derive(Serialize)]
    struct MetaFile<'a> {
        k: String,
        d: Vec<Option<i32>>,
        t: Vec<(&'a str, &'a str, Vec<usize>)>,
    }
    let file = MetaFile {
        k: letters,
        d: dates,
        t: tags
            .into_iter()
            .map(|(slug, (name, groups))| (slug, name, groups))
            .collect(),
    };
    let mut out = shard_start("m");
    out.push_str(&script_json(&file));
    out.push_str(SHARD_END);
    (
        SiteMeta {
            groups,
            rest: rest.unwrap_or(count),
            acronyms,
        },
        ("search/m.js".to_string(), out),
    )
}

/// Weight of a word in a title (and keywords) against one in the text.
const TITLE_WEIGHT: u32 = 4;
/// Term weights are capped: repeating a word forty times is no better.
const MAX_WEIGHT: u32 = 40;

/// Most bytes in one shard script (before compression).
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub term_shard: usize,
    pub doc_shard: usize,
}

/// Whether a document of this kind starts a group of results (the
/// documents of one briefing follow its own).
pub(super) fn opens_group(kind: DocKind) -> bool {
    !matches!(kind, DocKind::Question | DocKind::Section | DocKind::Quote)
}

/// How many times its target a document shard may grow to keep a
/// briefing's documents together.
pub const DOC_SHARD_SPAN: usize = 8;

/// Term shards of about 16 KB (a key whose postings alone are more has a
/// shard of its own), document shards of about 8 KB, cut between
/// briefings (at most [`DOC_SHARD_SPAN`] times that: 64 KB), uncompressed.
/// Small, because a query fetches one term shard per word and one
/// document shard per briefing shown: a rare name loads a few tens of KB.
/// A query loads one term shard per word and one document shard per result
/// shown, so the header box (8 results) for a two-word query loads at most
/// 2 x 512 + 8 x 64 = 1.5 MB, about 0.5 MB gzipped, and usually much less
/// (results share shards; shards stay loaded across keystrokes). Smaller
/// than the common 2-5 MB because `file://` and many static hosts serve
/// without compression, and a phone on slow 3G (~200 KB/s) takes 2.5 s for
/// 512 KB but 10-25 s for 2-5 MB. See README "Search".
pub const DEFAULT_LIMITS: Limits = Limits {
    term_shard: 16 * 1024,
    doc_shard: 8 * 1024,
};

/// The index as files: `(path from the site root, content)`, manifest first.
#[derive(Debug, Clone)]
pub struct IndexFiles {
    pub files: Vec<(String, String)>,
    /// Files of the index that are as the last build wrote them (only an
    /// incremental [`super::live::LiveIndex`] leaves files unwritten).
    pub unchanged: Vec<String>,
    pub docs: usize,
    pub keys: usize,
    pub postings: usize,
}

impl IndexFiles {
    pub fn total_bytes(&self) -> usize {
        self.files.iter().map(|(_, c)| c.len()).sum()
    }
    pub fn largest(&self) -> usize {
        self.files.iter().map(|(_, c)| c.len()).max().unwrap_or(0)
    }
}

/// JSON for a script: U+2028 and U+2029 escaped (line terminators to old JS).
fn script_json<T: Serialize>(value: &T) -> String {
    escape_line_terminators(serde_json::to_string(value).unwrap_or_else(|_| "null".to_string()))
}

/// U+2028 and U+2029 escaped, as JSON allows and old JavaScript needs
/// (they end a line there, even inside a string). They can only be in
/// strings, so escaping them in a whole script is escaping them in its JSON.
fn escape_line_terminators(script: String) -> String {
    if script.contains('\u{2028}') || script.contains('\u{2029}') {
        script
            .replace('\u{2028}', "\\u2028")
            .replace('\u{2029}', "\\u2029")
    } else {
        script
    }
}

fn shard_start(name: &str) -> String {
    format!("(window.briefingSearchShards=window.briefingSearchShards||{{}})[\"{name}\"]=")
}

const SHARD_END: &str = ";\n";

/// The bytes of a term shard that are neither keys nor postings.
const SHARD_OVERHEAD: usize = 96;

/// The index keys of one document with their weights: all that the index
/// needs of a document's words. It exists so that analysis, the costly
/// part of indexing, can be done once per document and kept: a caller that
/// rebuilds a site after a few documents changed can keep the `DocTerms` of
/// the others and run [`analyse_doc`] on the changed ones only, then
/// [`assemble`].
///
/// Each key appears once, in the order of its first occurrence (title,
/// keywords, then text), with its weight: `TITLE_WEIGHT` per occurrence
/// in the title or keywords, 1 per occurrence in the text, capped at
/// `MAX_WEIGHT`. Compact: the keys in one string, a byte per weight, and
/// the number each key has in the analyser that found it, which lets
/// [`assemble`] skip looking most keys up by their text. Two `DocTerms`
/// are equal when their keys and weights are.
#[derive(Debug, Clone, Default)]
pub struct DocTerms {
    /// Every key followed by a space (keys are runs of letters and digits).
    keys: Box<str>,
    /// The weight of each key, in order.
    weights: Box<[u8]>,
    /// The analyser that numbered the keys (each has its own numbers and
    /// never renumbers a key; numbers are never reused).
    origin: u32,
    /// The number of each key in `origin`.
    numbers: Box<[u32]>,
}

impl PartialEq for DocTerms {
    fn eq(&self, other: &Self) -> bool {
        self.keys == other.keys && self.weights == other.weights
    }
}

impl Eq for DocTerms {}

impl DocTerms {
    /// The keys and their weights, in order of first occurrence.
    pub fn iter(&self) -> impl Iterator<Item = (&str, u32)> + '_ {
        self.keys
            .split_terminator(' ')
            .zip(self.weights.iter().map(|&w| u32::from(w)))
    }

    /// How many distinct keys the document has.
    pub fn len(&self) -> usize {
        self.weights.len()
    }

    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }
}

/// Analyses one document: its keys and their weights, the same whenever
/// and wherever it runs. The step of [`build`] that depends on the
/// document alone; see [`DocTerms`] for why it is separate.
///
/// Words are remembered per thread (a word's key is worked out once, then
/// looked up), so analysing many documents on the same threads is much
/// faster than the first few.
pub fn analyse_doc(doc: &Doc) -> DocTerms {
    ANALYSER.with(|a| a.borrow_mut().analyse(doc))
}

thread_local! {
    static ANALYSER: RefCell<Analyser> = RefCell::new(Analyser::default());
}

/// Marks a remembered word that is not indexed (too short or long, a stop word).
const NOT_INDEXED: u32 = u32::MAX;
/// Words remembered per thread before starting afresh (a few MB per
/// hundred thousand words; an archive's vocabulary is well below this).
const REMEMBERED_WORDS: usize = 1 << 20;

/// The analysis of documents, one at a time, remembering each folded word's
/// key (as a number local to this analyser) across documents.
struct Analyser {
    /// This analyser's number, the `origin` of its `DocTerms`.
    origin: u32,
    /// Folded word -> key number, or [`NOT_INDEXED`].
    words: StrMap<Box<str>>,
    /// Key -> key number.
    numbers: StrMap<Box<str>>,
    /// Every key, one after the other (one string: fewer cache misses than
    /// one allocation each).
    key_text: String,
    /// Key number -> where it is in `key_text`.
    key_spans: Vec<(u32, u32)>,
    /// Key number -> weight in the document being analysed (0 when absent).
    weights: Vec<u32>,
    /// Key numbers of the document being analysed, by first occurrence.
    seen: Vec<u32>,
    /// The document's keys joined, reused.
    joined: String,
}

/// The next analyser's number.
static ORIGINS: AtomicU32 = AtomicU32::new(0);

impl Default for Analyser {
    fn default() -> Self {
        Analyser {
            origin: ORIGINS.fetch_add(1, Ordering::Relaxed),
            words: StrMap::default(),
            numbers: StrMap::default(),
            key_text: String::new(),
            key_spans: Vec::new(),
            weights: Vec::new(),
            seen: Vec::new(),
            joined: String::new(),
        }
    }
}

impl Analyser {
    fn analyse(&mut self, doc: &Doc) -> DocTerms {
        // Left over if an earlier analysis panicked half-way.
        for n in self.seen.drain(..) {
            self.weights[n as usize] = 0;
        }
        if self.words.len() > REMEMBERED_WORDS {
            *self = Analyser::default();
        }
        self.add(&doc.title, TITLE_WEIGHT);
        self.add(&doc.keywords, TITLE_WEIGHT);
        self.add(&doc.text, 1);
        self.joined.clear();
        let mut weights = Vec::with_capacity(self.seen.len());
        let numbers: Box<[u32]> = self.seen.as_slice().into();
        for n in self.seen.drain(..) {
            let n = n as usize;
            let (start, end) = self.key_spans[n];
            self.joined
                .push_str(&self.key_text[start as usize..end as usize]);
            self.joined.push(' ');
            // At most MAX_WEIGHT, which fits a byte.
            weights.push(self.weights[n].min(MAX_WEIGHT) as u8);
            self.weights[n] = 0;
        }
        DocTerms {
            keys: self.joined.as_str().into(),
            weights: weights.into_boxed_slice(),
            origin: self.origin,
            numbers,
        }
    }

    fn add(&mut self, text: &str, weight: u32) {
        let mut lower = String::new();
        scan_words(text, |word| {
            let folded = match word {
                // Over MAX_TOKEN letters: not indexed.
                Word::Ascii(run) if run.len() > MAX_TOKEN => return,
                // Kept as written, which never clashes with a folded word.
                Word::Ascii(run) if is_acronym(run) => run,
                Word::Ascii(run) => {
                    if run.len() <= 16 {
                        if let Some(&n) = self.words.short.get(&short_ascii_lower(run)) {
                            return self.count(n, weight);
                        }
                    }
                    lower.clear();
                    lower.push_str(run);
                    lower.make_ascii_lowercase();
                    lower.as_str()
                }
                Word::Folded(word) => word,
            };
            let n = match self.words.get(folded) {
                Some(n) => n,
                None => self.learn(folded),
            };
            self.count(n, weight);
        });
    }

    fn count(&mut self, n: u32, weight: u32) {
        if n == NOT_INDEXED {
            return;
        }
        let w = &mut self.weights[n as usize];
        if *w == 0 {
            self.seen.push(n);
        }
        *w = (*w + weight).min(MAX_WEIGHT);
    }

    /// The key number of a word not seen before.
    fn learn(&mut self, word: &str) -> u32 {
        if !is_indexed(word) {
            // Over-long runs (URLs, hashes) are mostly one-offs: not kept.
            if word.len() <= MAX_TOKEN {
                self.words.insert(word.into(), NOT_INDEXED);
            }
            return NOT_INDEXED;
        }
        let key = key(word);
        let n = match self.numbers.get(&key) {
            Some(n) => n,
            None => {
                let n = self.key_spans.len() as u32;
                let start = self.key_text.len() as u32;
                self.key_text.push_str(&key);
                self.key_spans.push((start, self.key_text.len() as u32));
                self.numbers.insert(key.into(), n);
                self.weights.push(0);
                n
            }
        };
        self.words.insert(word.into(), n);
        n
    }
}

/// Builds the index of `docs` (their order is their id: earlier documents
/// win ties), cut into shards at `limits`: [`analyse_doc`] on every
/// document in parallel, then [`assemble`].
pub fn build(docs: &[Doc], limits: Limits) -> IndexFiles {
    let terms: Vec<DocTerms> = docs.par_iter().map(analyse_doc).collect();
    assemble(docs, &terms, limits)
}

/// Builds the index from documents and their analysis (`terms[i]` is
/// [`analyse_doc`] of `docs[i]`): the files [`build`] gives. The step of
/// [`build`] that needs every document; see [`DocTerms`] for why it is
/// separate.
///
/// # Panics
///
/// If `docs` and `terms` differ in length.
pub fn assemble<D, T>(docs: &[D], terms: &[T], limits: Limits) -> IndexFiles
where
    D: std::borrow::Borrow<Doc> + Sync,
    T: std::borrow::Borrow<DocTerms> + Sync,
{
    let (terms, doc) = assemble_with(docs, terms, limits, &|path, text| (path, text));
    let meta = site_meta(docs.iter().map(|d| (d.borrow().kind, &d.borrow().meta)));
    index_files(docs.len(), terms, doc, meta)
}

/// [`build`], handing each file to `put` as soon as it is made instead of
/// returning them all, the manifest last; returns how many files it wrote.
/// A full build's shards are about 6 MB per 1,000 briefings, and holding
/// every one until the last was made grew with the site like nothing else
/// in a build. When `put` fails, the first error is returned and the
/// manifest is not written (the shards in flight are still made: a failed
/// write fails the whole build, whose output is thrown away).
pub fn build_streamed<E: Send>(
    docs: &[Doc],
    limits: Limits,
    put: impl Fn(&str, &str) -> Result<(), E> + Sync,
) -> Result<usize, E> {
    let terms: Vec<DocTerms> = docs.par_iter().map(analyse_doc).collect();
    let (term_files, doc_files) =
        assemble_with(docs, &terms, limits, &|path: String, text: String| {
            put(&path, &text)
        });
    let files = 2 + term_files.files.len() + doc_files.files.len();
    for written in term_files.files.into_iter().chain(doc_files.files) {
        written?;
    }
    let (site, (path, text)) = site_meta(docs.iter().map(|d| (d.kind, &d.meta)));
    put(&path, &text)?;
    let (path, text) = manifest(docs.len(), &term_files.shards, &doc_files.shards, &site);
    put(&path, &text)?;
    Ok(files)
}

/// The term and document shards of [`assemble`], each passed to `emit` as
/// it is made.
fn assemble_with<D, T, R: Send>(
    docs: &[D],
    terms: &[T],
    limits: Limits,
    emit: &(impl Fn(String, String) -> R + Sync),
) -> (TermFiles<R>, DocFiles<R>)
where
    D: std::borrow::Borrow<Doc> + Sync,
    T: std::borrow::Borrow<DocTerms> + Sync,
{
    assert_eq!(docs.len(), terms.len(), "one DocTerms per document");
    rayon::join(
        || term_files(terms, limits, emit),
        || {
            // Each row is serialised twice, in parallel: once into a scratch
            // buffer to learn its length and size, then straight into its
            // shard. Keeping the rows between the two steps held every
            // document's text once more: about 55 MB at 10,000 briefings,
            // the peak of a build's memory.
            let sizes: Vec<(usize, usize)> = docs
                .par_iter()
                .map_init(String::new, |row, doc| {
                    row.clear();
                    let escaped = write_row(row, doc.borrow());
                    (row.len(), row_size(row, escaped))
                })
                .collect();
            doc_files(
                &sizes,
                |i| opens_group(docs[i].borrow().kind),
                limits,
                |out, i| {
                    write_row(out, docs[i].borrow());
                },
                emit,
            )
        },
    )
}

/// A document's row of a doc shard, serialised once and kept: an
/// incremental rebuild keeps the rows of the briefings that did not change
/// and joins them into shards without serialising them again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocRow {
    json: String,
    /// The row's size as the shard cutting counts it (see [`row_size`]).
    size: usize,
    kind: DocKind,
    meta: DocMeta,
}

impl DocRow {
    pub(super) fn json(&self) -> &str {
        &self.json
    }
    pub(super) fn len(&self) -> usize {
        self.json.len()
    }
    pub(super) fn size(&self) -> usize {
        self.size
    }

    pub fn of(doc: &Doc) -> DocRow {
        let mut json = String::new();
        let escaped = write_row(&mut json, doc);
        let size = row_size(&json, escaped);
        DocRow {
            json,
            size,
            kind: doc.kind,
            meta: doc.meta.clone(),
        }
    }

    /// The document's kind and what filters need of it.
    pub(super) fn meta(&self) -> (DocKind, &DocMeta) {
        (self.kind, &self.meta)
    }
}

/// [`assemble`] from rows made by [`DocRow::of`] instead of documents: the
/// same files, byte for byte.
///
/// # Panics
///
/// If `rows` and `terms` differ in length.
pub fn assemble_rows<R, T>(rows: &[R], terms: &[T], limits: Limits) -> IndexFiles
where
    R: std::borrow::Borrow<DocRow> + Sync,
    T: std::borrow::Borrow<DocTerms> + Sync,
{
    assert_eq!(rows.len(), terms.len(), "one DocTerms per document");
    let keep = |path, text| (path, text);
    let (terms, doc) = rayon::join(
        || term_files(terms, limits, &keep),
        || {
            let sizes: Vec<(usize, usize)> = rows
                .iter()
                .map(|r| (r.borrow().json.len(), r.borrow().size))
                .collect();
            doc_files(
                &sizes,
                |i| opens_group(rows[i].borrow().kind),
                limits,
                |out, i| out.push_str(&rows[i].borrow().json),
                &keep,
            )
        },
    );
    let meta = site_meta(rows.iter().map(|r| r.borrow().meta()));
    index_files(rows.len(), terms, doc, meta)
}

/// The size of a row as the first implementation measured it, which the
/// shard cutting keeps: U+2028 and U+2029 as they are (3 bytes, not the 6
/// of `\u2028`), and a comma.
fn row_size(row: &str, escaped: usize) -> usize {
    row.len() - 3 * escaped + 1
}

/// The manifest and every shard.
fn index_files(
    count: usize,
    terms: TermFiles<(String, String)>,
    doc: DocFiles<(String, String)>,
    (site, meta): (SiteMeta, (String, String)),
) -> IndexFiles {
    let mut files = Vec::with_capacity(2 + terms.files.len() + doc.files.len());
    files.push(manifest(count, &terms.shards, &doc.shards, &site));
    files.push(meta);
    files.extend(terms.files);
    files.extend(doc.files);
    IndexFiles {
        files,
        unchanged: Vec::new(),
        docs: count,
        keys: terms.keys,
        postings: terms.postings,
    }
}

/// `search/index.js`: the document count, the kinds, the stop words and
/// where the shards are.
pub(super) fn manifest(
    count: usize,
    term_shards: &[(String, String)],
    doc_shards: &[(u32, String)],
    site: &SiteMeta,
) -> (String, String) {
    #[derive(Serialize)]
    struct Manifest<'a> {
        version: u32,
        count: usize,
        kinds: &'a [DocKind],
        stop: &'a [&'a str],
        terms: &'a [&'a str],
        docs: &'a [u32],
        groups: &'a [u32],
        rest: u32,
        acronyms: &'a [String],
    }
    // The shards' names are their numbers (`t<N>`, `d<N>`): the manifest
    // lists only each term shard's first key and, as differences, each
    // document shard's first document.
    let terms: Vec<&str> = term_shards
        .iter()
        .map(|(first, _)| first.as_str())
        .collect();
    let mut last = 0;
    let docs: Vec<u32> = doc_shards
        .iter()
        .map(|&(first, _)| {
            let delta = first - last;
            last = first;
            delta
        })
        .collect();
    let manifest = script_json(&Manifest {
        version: 2,
        count,
        kinds: &KINDS,
        stop: super::STOP_WORDS,
        terms: &terms,
        docs: &docs,
        groups: &site.groups,
        rest: site.rest,
        acronyms: &site.acronyms,
    });
    (
        "search/index.js".to_string(),
        format!("window.briefingSearchIndex={manifest};\n"),
    )
}

/// The term shards, what the manifest says of them, and counts.
/// `files` holds what the emitter made of each shard, in order.
struct TermFiles<R> {
    files: Vec<R>,
    /// `(first key, name)` of each shard.
    shards: Vec<(String, String)>,
    keys: usize,
    postings: usize,
}

/// A string as a hash-table key: strings of up to 16 bytes (nearly every
/// word and key) are numbers, so that hashing and comparing them reads no
/// other memory; longer ones are kept as strings.
struct StrMap<K> {
    short: HashMap<u128, u32>,
    long: HashMap<K, u32>,
}

impl<K> Default for StrMap<K> {
    fn default() -> Self {
        StrMap {
            short: HashMap::default(),
            long: HashMap::default(),
        }
    }
}

/// A string of up to 16 bytes as a number, zero-padded (unambiguous for
/// strings without NUL: words and keys are letters and digits). Little-endian,
/// so that the first letters, which vary most, are the low bits the hash
/// spreads best. Read as two overlapping loads, not byte by byte.
fn short(s: &str) -> u128 {
    let b = s.as_bytes();
    let n = b.len();
    debug_assert!(n <= 16);
    let u64_at = |i: usize| u64::from_le_bytes(b[i..i + 8].try_into().unwrap_or_default());
    let u32_at = |i: usize| u32::from_le_bytes(b[i..i + 4].try_into().unwrap_or_default());
    let (lo, hi) = match n {
        // The last 8 bytes, shifted down over the ones the first load read.
        9.. => (u64_at(0), u64_at(n - 8) >> (8 * (16 - n))),
        8 => (u64_at(0), 0),
        4..=7 => (
            u64::from(u32_at(0)) | (u64::from(u32_at(n - 4)) >> (8 * (8 - n))) << 32,
            0,
        ),
        _ => (
            b.iter()
                .enumerate()
                .fold(0, |x, (i, &c)| x | u64::from(c) << (8 * i)),
            0,
        ),
    };
    u128::from(hi) << 64 | u128::from(lo)
}

/// [`short`] of the lowercase of ASCII letters and digits: setting bit 5
/// of every byte lowercases the letters and leaves digits as they are.
fn short_ascii_lower(s: &str) -> u128 {
    let n = s.len();
    let bits = if n >= 16 {
        u128::MAX
    } else {
        (1u128 << (8 * n)) - 1
    };
    short(s) | (0x2020_2020_2020_2020_2020_2020_2020_2020 & bits)
}

/// The first 16 bytes of `s` as a big-endian number, zero-padded: numbers
/// compare as strings without NUL do, up to their 16th byte.
pub(super) fn prefix(s: &str) -> u128 {
    let mut bytes = [0u8; 16];
    let n = s.len().min(16);
    bytes[..n].copy_from_slice(&s.as_bytes()[..n]);
    u128::from_be_bytes(bytes)
}

impl<K: std::borrow::Borrow<str> + std::hash::Hash + Eq> StrMap<K> {
    fn get(&self, s: &str) -> Option<u32> {
        if s.len() <= 16 {
            self.short.get(&short(s)).copied()
        } else {
            self.long.get(s).copied()
        }
    }

    fn insert(&mut self, s: K, value: u32) {
        let str: &str = s.borrow();
        if str.len() <= 16 {
            self.short.insert(short(str), value);
        } else {
            self.long.insert(s, value);
        }
    }

    fn len(&self) -> usize {
        self.short.len() + self.long.len()
    }
}

/// The postings of a run of documents, grouped by key.
pub(super) struct Run<'a> {
    /// Key number in the run -> key.
    keys: Vec<&'a str>,
    /// The postings of key number `n` are `postings[starts[n]..starts[n + 1]]`.
    starts: Vec<usize>,
    /// (document id, weight), ids ascending within each key.
    postings: Vec<(u32, u32)>,
}

impl Run<'_> {
    fn list(&self, n: u32) -> &[(u32, u32)] {
        let n = n as usize;
        &self.postings[self.starts[n]..self.starts[n + 1]]
    }
}

/// The postings of `terms`, whose first document has id `first`.
fn run<T: std::borrow::Borrow<DocTerms>>(first: usize, terms: &[T]) -> Run<'_> {
    let mut numbers = StrMap::<&str>::default();
    let mut keys = Vec::new();
    let mut counts: Vec<usize> = Vec::new();
    let mut order = Vec::with_capacity(terms.iter().map(|t| t.borrow().len()).sum());
    // Origin -> (key number there -> 1 + key number in the run, 0 when
    // not known yet): each key is looked up by its text once per origin.
    let mut origins: HashMap<u32, Vec<u32>> = HashMap::default();
    for doc_terms in terms {
        let doc_terms: &DocTerms = doc_terms.borrow();
        let known = origins.entry(doc_terms.origin).or_default();
        if doc_terms
            .numbers
            .iter()
            .any(|&m| known.get(m as usize).is_none_or(|&r| r == 0))
        {
            for ((key, _), &m) in doc_terms.iter().zip(doc_terms.numbers.iter()) {
                let m = m as usize;
                if known.get(m).is_some_and(|&r| r != 0) {
                    continue;
                }
                let n = numbers.get(key).unwrap_or_else(|| {
                    let n = keys.len() as u32;
                    numbers.insert(key, n);
                    keys.push(key);
                    counts.push(0);
                    n
                });
                if known.len() <= m {
                    known.resize(m + 1, 0);
                }
                known[m] = n + 1;
            }
        }
        for &m in doc_terms.numbers.iter() {
            let n = known[m as usize] - 1;
            counts[n as usize] += 1;
            order.push(n);
        }
    }
    // Counting sort by key number; documents stay in order within a key.
    let mut starts = Vec::with_capacity(counts.len() + 1);
    let mut total = 0;
    for count in &counts {
        starts.push(total);
        total += count;
    }
    starts.push(total);
    let mut next = starts.clone();
    let mut postings = vec![(0, 0); total];
    let mut order = order.into_iter();
    for (i, doc_terms) in terms.iter().enumerate() {
        let id = (first + i) as u32;
        for &weight in doc_terms.borrow().weights.iter() {
            let n = order.next().unwrap_or_default() as usize;
            postings[next[n]] = (id, u32::from(weight));
            next[n] += 1;
        }
    }
    Run {
        keys,
        starts,
        postings,
    }
}

/// A key of the whole index and where its postings are.
pub(super) struct Key<'a> {
    /// [`prefix`] of `text`, to sort by.
    pub(super) prefix: u128,
    pub(super) text: &'a str,
    /// (run, key number in the run), runs in order.
    parts: Vec<(u32, u32)>,
}

impl Key<'_> {
    /// The key's postings (document id, weight), ids ascending.
    pub(super) fn postings<'r>(
        &'r self,
        runs: &'r [Run<'_>],
    ) -> impl Iterator<Item = (u32, u32)> + Clone + 'r {
        self.parts
            .iter()
            .flat_map(|&(r, n)| runs[r as usize].list(n).iter().copied())
    }
}

/// Every key of `terms` with where its postings are, sorted as the
/// shards list them, and the runs the postings are in. Postings of runs
/// of documents are made in parallel; a key's lists are joined run after
/// run: document ids ascending, as in one pass.
pub(super) fn sorted_keys<T: std::borrow::Borrow<DocTerms> + Sync>(
    terms: &[T],
) -> (Vec<Run<'_>>, Vec<Key<'_>>) {
    let run_len = terms
        .len()
        .div_ceil(2 * rayon::current_num_threads())
        .max(1);
    let runs: Vec<Run> = terms
        .par_chunks(run_len)
        .enumerate()
        .map(|(r, chunk)| run(r * run_len, chunk))
        .collect();
    // Every key with its (run, key number in the run) pairs, runs in order.
    let mut numbers = StrMap::<&str>::default();
    let mut keys: Vec<Key> = Vec::new();
    for (r, run) in runs.iter().enumerate() {
        for (n, &key) in run.keys.iter().enumerate() {
            let k = numbers.get(key).unwrap_or_else(|| {
                let k = keys.len() as u32;
                numbers.insert(key, k);
                keys.push(Key {
                    prefix: prefix(key),
                    text: key,
                    parts: Vec::new(),
                });
                k
            });
            keys[k as usize].parts.push((r as u32, n as u32));
        }
    }
    drop(numbers);
    // Sorted as strings are (bytes), the prefix first.
    keys.sort_unstable_by(|a, b| a.prefix.cmp(&b.prefix).then_with(|| a.text.cmp(b.text)));
    (runs, keys)
}

fn term_files<T, R>(
    terms: &[T],
    limits: Limits,
    emit: &(impl Fn(String, String) -> R + Sync),
) -> TermFiles<R>
where
    T: std::borrow::Borrow<DocTerms> + Sync,
    R: Send,
{
    let (runs, keys) = sorted_keys(terms);
    let count = |parts: &[(u32, u32)]| -> usize {
        parts
            .iter()
            .map(|&(r, n)| runs[r as usize].list(n).len())
            .sum()
    };

    let mut postings = 0;
    let sizes: Vec<(usize, usize)> = keys
        .par_iter()
        .map(|key| (key.text.len(), postings_len(key.postings(&runs))))
        .collect();
    for key in &keys {
        postings += count(&key.parts);
    }
    let cuts = term_cuts(sizes.into_iter(), limits);
    let files: Vec<R> = cuts
        .par_iter()
        .enumerate()
        .map(|(s, range)| {
            let (path, text) = term_shard(
                s,
                keys[range.clone()]
                    .iter()
                    .map(|key| (key.text, key.postings(&runs))),
            );
            emit(path, text)
        })
        .collect();
    let shards = term_shard_list(&cuts, |k| keys[k].text);
    TermFiles {
        files,
        shards,
        keys: keys.len(),
        postings,
    }
}

/// The term shards' ranges of keys (sorted), from each key's text length
/// and encoded postings' length ([`postings_len`]): a shard is cut where
/// its size would pass the limit; a key whose postings alone pass it gets
/// a shard of its own.
pub(super) fn term_cuts(
    keys: impl Iterator<Item = (usize, usize)>,
    limits: Limits,
) -> Vec<std::ops::Range<usize>> {
    let mut cuts = Vec::new();
    let mut start = 0;
    // The script around the keys and postings.
    let mut size = SHARD_OVERHEAD;
    let mut end = 0;
    for (k, (text_len, n)) in keys.enumerate() {
        // The key and its postings in quotes, and a comma after each.
        let key_size = text_len + n + 6;
        if k > start && size + key_size > limits.term_shard {
            cuts.push(start..k);
            start = k;
            size = SHARD_OVERHEAD;
        }
        size += key_size;
        end = k + 1;
    }
    if start < end {
        cuts.push(start..end);
    }
    cuts
}

/// What the manifest says of the term shards: `(first key, name)`, the
/// first shard starting at the lowest key of all.
pub(super) fn term_shard_list<'a>(
    cuts: &[std::ops::Range<usize>],
    key: impl Fn(usize) -> &'a str,
) -> Vec<(String, String)> {
    cuts.iter()
        .enumerate()
        .map(|(s, range)| {
            let first = if s == 0 {
                String::new()
            } else {
                key(range.start).to_string()
            };
            (first, format!("t{s}"))
        })
        .collect()
}

/// Term shard `s`: its keys and, for each, its postings (document id,
/// weight), ids ascending.
pub(super) fn term_shard<'a, P: Iterator<Item = (u32, u32)>>(
    s: usize,
    keys: impl Iterator<Item = (&'a str, P)> + Clone,
) -> (String, String) {
    let name = format!("t{s}");
    let mut out = shard_start(&name);
    out.push_str("{\"t\":[");
    for (i, (text, _)) in keys.clone().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_json_str(&mut out, text);
    }
    out.push_str("],\"p\":[");
    for (i, (_, postings)) in keys.enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('"');
        let mut last = 0;
        for (id, weight) in postings {
            push_varint(&mut out, id - last);
            push_varint(&mut out, weight);
            last = id;
        }
        out.push('"');
    }
    out.push_str("]}");
    out.push_str(SHARD_END);
    (format!("search/{name}.js"), out)
}

/// The document shards, and what the manifest says of them.
struct DocFiles<R> {
    files: Vec<R>,
    /// `(first document, name)` of each shard.
    shards: Vec<(u32, String)>,
}

/// Cuts the rows (`(length, size)` of each) into shards of about
/// `limits.doc_shard` bytes and writes each shard, `write(out, i)` appending
/// row `i`; `emit` takes each shard as it is made.
fn doc_files<R: Send>(
    rows: &[(usize, usize)],
    opens: impl Fn(usize) -> bool,
    limits: Limits,
    write: impl Fn(&mut String, usize) + Sync,
    emit: &(impl Fn(String, String) -> R + Sync),
) -> DocFiles<R> {
    let cuts = doc_cuts(
        rows.iter()
            .enumerate()
            .map(|(i, &(_, size))| (size, opens(i))),
        limits,
    );
    let files = cuts
        .par_iter()
        .enumerate()
        .map(|(s, range)| {
            let (path, text) = doc_shard(s, range.clone(), rows, &write);
            emit(path, text)
        })
        .collect();
    DocFiles {
        files,
        shards: doc_shard_list(&cuts),
    }
}

/// The document shards' ranges of ids, from each row's size (see
/// [`row_size`]) and whether it starts a group.
/// A shard is cut before a document that starts a group (a briefing, an
/// entity, a tag: see [`opens_group`]) once it holds `limits.doc_shard`
/// bytes, so that a briefing's documents are one request; within a group
/// only at [`DOC_SHARD_SPAN`] times that.
pub(super) fn doc_cuts(
    sizes: impl Iterator<Item = (usize, bool)>,
    limits: Limits,
) -> Vec<std::ops::Range<usize>> {
    let mut cuts = Vec::new();
    let mut start = 0;
    let mut size = 0;
    let mut end = 0;
    for (id, (row_size, opens)) in sizes.enumerate() {
        let over = size + row_size > limits.doc_shard;
        if id > start && (over && opens || size + row_size > DOC_SHARD_SPAN * limits.doc_shard) {
            cuts.push(start..id);
            start = id;
            size = 0;
        }
        size += row_size;
        end = id + 1;
    }
    if start < end {
        cuts.push(start..end);
    }
    cuts
}

/// What the manifest says of the document shards: `(first document, name)`.
pub(super) fn doc_shard_list(cuts: &[std::ops::Range<usize>]) -> Vec<(u32, String)> {
    cuts.iter()
        .enumerate()
        .map(|(s, range)| (range.start as u32, format!("d{s}")))
        .collect()
}

/// Document shard `s`, holding the rows `range` (`(length, size)` of each
/// in `rows`), `write(out, i)` appending row `i`.
pub(super) fn doc_shard(
    s: usize,
    range: std::ops::Range<usize>,
    rows: &[(usize, usize)],
    write: impl Fn(&mut String, usize),
) -> (String, String) {
    let name = format!("d{s}");
    let mut out = shard_start(&name);
    out.reserve(rows[range.clone()].iter().map(|r| r.0 + 1).sum::<usize>() + 32);
    out.push_str("{\"d\":[");
    let mut before = RowContext::default();
    for i in range.clone() {
        if i > range.start {
            out.push(',');
        }
        let at = out.len();
        write(&mut out, i);
        shorten_row(&mut out, at, &mut before);
    }
    out.push_str("],\"first\":");
    push_u32(&mut out, range.start as u32);
    out.push('}');
    out.push_str(SHARD_END);
    (format!("search/{name}.js"), out)
}

/// What a shard's row is written against: the context and page (its url
/// up to `#`) of the row before it, as JSON (escaped).
#[derive(Default)]
struct RowContext {
    context: Option<String>,
    page: String,
}

/// Shortens the row just written at `out[at..]` against the one before it
/// (`before`, then updated to this row), as `search.js` expands it:
/// - a context equal to the row before's is `0`;
/// - a url that is the row before's page followed by nothing or by a
///   `#fragment` is that rest only (`""`, `"#why-now"`); a url that is
///   itself empty or starts with `#` but is not such a rest is `[url]`.
///
/// The first row of a shard is written against an empty page and no
/// context, so every shard reads on its own.
fn shorten_row(out: &mut String, at: usize, before: &mut RowContext) {
    let bytes = out.as_bytes();
    // `[kind,"title","context","url",...`: write_row always writes these.
    let Some(title) = bytes[at..]
        .iter()
        .position(|&b| b == b',')
        .map(|p| at + p + 1)
    else {
        return;
    };
    let Some(context) = json_string_end(bytes, title).map(|e| e + 1) else {
        return;
    };
    let Some(url) = json_string_end(bytes, context).map(|e| e + 1) else {
        return;
    };
    let Some(end) = json_string_end(bytes, url) else {
        return;
    };
    let this_context = out[context..url - 1].to_string();
    let this_url = &out[url + 1..end - 1];
    let page = this_url.split('#').next().unwrap_or_default().to_string();
    let short_url = match this_url.strip_prefix(before.page.as_str()) {
        Some(rest) if rest.is_empty() || rest.starts_with('#') => format!("\"{rest}\""),
        _ if this_url.is_empty() || this_url.starts_with('#') => format!("[\"{this_url}\"]"),
        _ => format!("\"{this_url}\""),
    };
    let short_context = if before.context.as_deref() == Some(this_context.as_str()) {
        "0"
    } else {
        this_context.as_str()
    };
    let short = format!("{short_context},{short_url}");
    out.replace_range(context..end, &short);
    before.context = Some(this_context);
    before.page = page;
}

/// The index just past the JSON string that starts at `start` (a `"`), or
/// `None` when there is none there.
fn json_string_end(bytes: &[u8], start: usize) -> Option<usize> {
    if bytes.get(start) != Some(&b'"') {
        return None;
    }
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

/// A document shard's rows (`d`) as [`shorten_row`] wrote them, expanded
/// in place to `[kind, title, context, url, text, ...]`, as `search.js`
/// does on loading a shard.
pub fn expand_doc_rows(rows: &mut [serde_json::Value]) {
    let mut context = serde_json::Value::Null;
    let mut page = String::new();
    for row in rows {
        let Some(fields) = row.as_array_mut() else {
            continue;
        };
        if fields.len() < 4 {
            continue;
        }
        if fields[2] == serde_json::json!(0) {
            fields[2] = context.clone();
        } else {
            context = fields[2].clone();
        }
        let url = match &fields[3] {
            serde_json::Value::Array(literal) => literal
                .first()
                .and_then(|u| u.as_str())
                .unwrap_or_default()
                .to_string(),
            serde_json::Value::String(u) if u.is_empty() || u.starts_with('#') => {
                format!("{page}{u}")
            }
            other => other.as_str().unwrap_or_default().to_string(),
        };
        page = url.split('#').next().unwrap_or_default().to_string();
        fields[3] = serde_json::Value::String(url);
    }
}

/// One document's row of a doc shard, `[kind, title, context, url, text]`,
/// and for an entity with other names its keywords too (its other
/// spellings, which rank it as its title does), appended to `out`; returns
/// how many U+2028 and U+2029 it escaped.
fn write_row(out: &mut String, doc: &Doc) -> usize {
    let kind = KINDS.iter().position(|&x| x == doc.kind).unwrap_or(0);
    out.reserve(doc.text.len() + doc.title.len() + 64);
    out.push('[');
    push_u32(out, kind as u32);
    let mut escaped = 0;
    for s in [&doc.title, &doc.context, &doc.url, &doc.text] {
        out.push(',');
        escaped += push_json_str(out, s);
    }
    if doc.kind == DocKind::Entity && !doc.keywords.is_empty() {
        out.push(',');
        escaped += push_json_str(out, &doc.keywords);
    }
    out.push(']');
    escaped
}

/// `s` as a JSON string, as serde_json writes it, and with U+2028 and
/// U+2029 escaped too (see [`escape_line_terminators`]). Returns how many
/// U+2028 and U+2029 it escaped.
fn push_json_str(out: &mut String, s: &str) -> usize {
    crate::json::push_json_string(out, s, true)
}

/// The digits of the postings' encoding: 64 characters a JSON string holds
/// as they are. A digit carries 5 bits of a number, lowest first, and 32
/// more when another digit follows: numbers below 32 take one character,
/// below 1024 two.
const DIGITS: &[u8; 64] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

/// `n` in the postings' encoding (see [`DIGITS`]).
fn push_varint(out: &mut String, mut n: u32) {
    loop {
        let digit = (n & 31) as usize;
        n >>= 5;
        if n == 0 {
            out.push(char::from(DIGITS[digit]));
            return;
        }
        out.push(char::from(DIGITS[digit | 32]));
    }
}

/// How many characters [`push_varint`] writes for `n`.
fn varint_len(n: u32) -> usize {
    match n {
        0..32 => 1,
        32..1024 => 2,
        1024..32768 => 3,
        32768..1048576 => 4,
        1048576..33554432 => 5,
        _ => 7,
    }
}

/// How many characters the encoded postings take (ids ascending).
pub(super) fn postings_len(postings: impl Iterator<Item = (u32, u32)>) -> usize {
    let mut last = 0;
    postings
        .map(|(id, weight)| {
            let n = varint_len(id - last) + varint_len(weight);
            last = id;
            n
        })
        .sum()
}

/// A key's postings as a term shard encodes them, back as the flat list
/// of (document id delta, weight) pairs `search.js` reads; `None` for a
/// character outside [`DIGITS`] or a number cut short.
pub fn decode_postings(text: &str) -> Option<Vec<u32>> {
    let mut out = Vec::new();
    let mut n: u64 = 0;
    let mut shift = 0;
    for b in text.bytes() {
        let digit = DIGITS.iter().position(|&d| d == b)? as u64;
        n |= (digit & 31) << shift;
        if digit & 32 == 0 {
            out.push(u32::try_from(n).ok()?);
            n = 0;
            shift = 0;
        } else {
            shift += 5;
            if shift > 35 {
                return None;
            }
        }
    }
    (shift == 0).then_some(out)
}

/// `n` in decimal.
fn push_u32(out: &mut String, n: u32) {
    if n < 10 {
        out.push(char::from(b'0' + n as u8));
        return;
    }
    let mut digits = [0u8; 10];
    let mut i = digits.len();
    let mut n = n;
    while n > 0 {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
    }
    out.push_str(std::str::from_utf8(&digits[i..]).unwrap_or_default());
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Limits that cut a few hundred test documents into several shards.
    const SMALL_SHARDS: Limits = Limits {
        term_shard: 4000,
        doc_shard: 2500,
    };

    fn doc(title: &str, text: &str) -> Doc {
        Doc {
            kind: DocKind::Section,
            title: title.into(),
            context: "B".into(),
            url: "briefings/b/index.html#s".into(),
            text: text.into(),
            keywords: String::new(),
            meta: Default::default(),
        }
    }

    #[test]
    fn shortened_rows_expand_to_the_documents() {
        // Pages, fragments of them, urls that are themselves "" or "#x",
        // contexts repeated or not, quotes and backslashes in them.
        let urls = [
            "briefings/a/index.html",
            "briefings/a/index.html#one",
            "briefings/a/index.html#two",
            "#lone",
            "",
            "briefings/a\\\"q/index.html",
            "briefings/a\\\"q/index.html#x",
            "entities/e/index.html",
        ];
        let contexts = ["1 May 2026", "A \"title\"", "A \"title\"", "B\\", ""];
        let docs: Vec<Doc> = (0..200)
            .map(|i| Doc {
                kind: if i % 9 == 0 {
                    DocKind::Briefing
                } else {
                    DocKind::Section
                },
                url: urls[(i * 7 / 3) % urls.len()].into(),
                context: contexts[(i / 2) % contexts.len()].into(),
                ..doc(&format!("T{i}"), &format!("word{i} text"))
            })
            .collect();
        let files = build(&docs, SMALL_SHARDS);
        let mut expanded = Vec::new();
        let mut shards = 0;
        for (path, content) in &files.files {
            if !path.starts_with("search/d") {
                continue;
            }
            shards += 1;
            let start = content.find("={").unwrap() + 1;
            let end = content.rfind('}').unwrap();
            let shard: serde_json::Value = serde_json::from_str(&content[start..=end]).unwrap();
            let mut rows = shard["d"].as_array().unwrap().clone();
            expand_doc_rows(&mut rows);
            expanded.push((shard["first"].as_u64().unwrap(), rows));
        }
        assert!(shards > 2, "{shards} shards");
        expanded.sort_by_key(|(first, _)| *first);
        let rows: Vec<serde_json::Value> = expanded.into_iter().flat_map(|(_, r)| r).collect();
        assert_eq!(rows.len(), docs.len());
        for (row, d) in rows.iter().zip(&docs) {
            assert_eq!(row[1], d.title.as_str());
            assert_eq!(row[2], d.context.as_str(), "{row}");
            assert_eq!(row[3], d.url.as_str(), "{row}");
            assert_eq!(row[4], d.text.as_str());
        }
        // The shorthand is used: most rows repeat the one before's context.
        let all: String = files.files.iter().map(|(_, c)| c.as_str()).collect();
        assert!(all.matches(",0,").count() > 50);
    }

    #[test]
    fn manifest_lists_shards_and_keys_are_stemmed() {
        let files = build(
            &[doc("Troops", "The troops moved."), doc("Other", "troop")],
            DEFAULT_LIMITS,
        );
        assert_eq!(files.files[0].0, "search/index.js");
        assert!(files.files[0].1.contains("\"terms\":[\"\"],\"docs\":[0]"));
        assert_eq!(files.files[1].0, "search/m.js");
        let terms = &files.files[2].1;
        // "troop": doc 0 weight 4 + 1, doc 1 (delta 1) weight 1.
        assert!(terms.contains("\"troop\""), "{terms}");
        assert!(terms.contains("\"0511\""), "{terms}");
        assert_eq!(decode_postings("0511"), Some(vec![0, 5, 1, 1]));
    }

    /// Small deterministic generator (xorshift), so every run sees the same documents.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
        fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
            from[self.below(from.len())]
        }
    }

    /// Words that fold, stem or drop in every way the analysis knows.
    const ODD_WORDS: &[&str] = &[
        "troops",
        "Troop",
        "TROOPING",
        "border",
        "ceasefire",
        "talks",
        "Minister",
        "relational",
        "happily",
        "generalization",
        "hopping",
        "agreed",
        "ponies",
        "caresses",
        "harbour",
        "shipments",
        "x",
        "Q",
        "5",
        "42",
        "2024",
        "10,000",
        "3.5",
        "1st",
        "covid19",
        "R2D2",
        "the",
        "The",
        "and",
        "of",
        "WHICH",
        "would",
        "a",
        "I",
        "it's",
        "Zélensky",
        "Zelensky",
        "Straße",
        "Ærø",
        "Łódź",
        "İstanbul",
        "façade",
        "naïve",
        "ÉLYSÉE",
        "Dvořák",
        "Þórshöfn",
        "Đà",
        "Nẵng",
        "Ħamrun",
        "œuvre",
        "Øresund",
        "e\u{301}te\u{301}",
        "a\u{316}\u{301}b",
        "\u{301}lone",
        "ǅemal",
        "ﬁnance",
        "\u{212A}elvin",
        "ſtraw",
        "Москва",
        "Київ",
        "東京",
        "القاهرة",
        "हिन्दी",
        "ΟΔΥΣΣΕΑΣ",
        "λόγος",
        "ΑΣ'Α",
        "Σ",
        "ΣΑ",
        "Σ.a",
        "A'Σ",
        "٣٤",
        "x²",
        "½",
        "🙂",
        "a\u{200d}b",
        "\u{f73}x",
        "ı",
        "Ⅻ",
        "ﬀ",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaz",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaz",
        "éaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaz",
        "https://example.org/a/rather/long/path/that/keeps/going?q=1",
        "0123456789abcdef0123456789abcdef0123456789abcdef",
    ];

    /// What goes between words: spaces mostly, punctuation, things JSON
    /// escapes, line terminators JavaScript chokes on, or nothing at all.
    const GAPS: &[&str] = &[
        " ",
        " ",
        " ",
        " ",
        " ",
        " ",
        ", ",
        ". ",
        " — ",
        "–",
        " “",
        "” ",
        "’s ",
        "'",
        " (",
        ") ",
        ": ",
        "; ",
        "! ",
        "? ",
        "… ",
        "\u{a0}",
        "\u{2028}",
        "\u{2029}",
        "\"",
        "\\",
        "\t",
        "\n",
        "\u{1}",
        "</script>",
        " «",
        "» ",
        "-",
        "/",
        "&",
        "",
    ];

    /// A pronounceable made-up word, unique per number, with an ending for
    /// the stemmer now and then.
    fn made_up(n: usize) -> String {
        const ONSETS: [&str; 8] = ["b", "d", "g", "k", "m", "r", "s", "tr"];
        const VOWELS: [&str; 4] = ["a", "e", "o", "ui"];
        let mut out = String::new();
        let mut i = n;
        loop {
            out.push_str(ONSETS[i % 8]);
            i /= 8;
            out.push_str(VOWELS[i % 4]);
            i /= 4;
            if i == 0 {
                break;
            }
        }
        match n % 9 {
            0 => out.push('s'),
            1 => out.push_str("ing"),
            2 => out.push_str("ed"),
            3 => out.push_str("ational"),
            _ => {}
        }
        out
    }

    fn phrase(rng: &mut Rng, words: usize) -> String {
        let mut out = String::new();
        let mut k = 0;
        while k < words {
            if k > 0 {
                out.push_str(rng.pick(GAPS));
            }
            match rng.below(10) {
                0..=2 => out.push_str(rng.pick(ODD_WORDS)),
                3 => {
                    // One word over and over, past the weight cap.
                    let w = made_up(rng.below(50));
                    for _ in 0..rng.below(60) {
                        out.push_str(&w);
                        out.push(' ');
                    }
                }
                _ => {
                    // Skewed towards the first made-up words, as text is.
                    let r = rng.below(3000);
                    out.push_str(&made_up(r * r / 3000 + rng.below(3)));
                }
            }
            k += 1;
        }
        out
    }

    /// `n` documents of every kind, some with empty fields, some long.
    fn varied_docs(n: usize, seed: u64) -> Vec<Doc> {
        let mut rng = Rng(seed);
        (0..n)
            .map(|i| {
                let title_words = rng.below(9);
                let context_words = rng.below(4);
                let text_words = match rng.below(20) {
                    0 => 0,
                    1 => 1500,
                    _ => rng.below(250),
                };
                Doc {
                    kind: KINDS[rng.below(KINDS.len())],
                    title: phrase(&mut rng, title_words),
                    context: phrase(&mut rng, context_words),
                    url: format!("briefings/b{}/index.html#{}", i / 7, phrase(&mut rng, 1)),
                    text: phrase(&mut rng, text_words),
                    keywords: if rng.below(5) == 0 {
                        phrase(&mut rng, 3)
                    } else {
                        String::new()
                    },
                    meta: DocMeta::default(),
                }
            })
            .collect()
    }

    /// FNV-1a over every file's path and content, and the counts.
    fn fingerprint(files: &IndexFiles) -> u64 {
        let mut h: u64 = 0xcbf29ce484222325;
        let mut eat = |bytes: &[u8]| {
            for &b in bytes.iter().chain(&[0xff]) {
                h ^= b as u64;
                h = h.wrapping_mul(0x100000001b3);
            }
        };
        for (path, content) in &files.files {
            eat(path.as_bytes());
            eat(content.as_bytes());
        }
        for n in [files.files.len(), files.docs, files.keys, files.postings] {
            eat(&n.to_le_bytes());
        }
        h
    }

    /// The index files, byte for byte, are those of the first
    /// implementation (a `BTreeMap` of keys, one document at a time), whose
    /// fingerprints these are: a faster builder must not change them.
    /// (Last changed with the format: manifest version 2, `m.js`, postings
    /// in five-bit digits, shards named by number, document shards cut
    /// between briefings, entities' other names in their rows, each row's
    /// context and url written against the row before it.)
    /// Change the numbers only with the format, and `search.js` with it.
    #[test]
    fn output_is_byte_identical_to_the_first_implementation() {
        let docs = varied_docs(2500, 0x9e3779b97f4a7c15);
        let small = Limits {
            term_shard: 3000,
            doc_shard: 2000,
        };
        let tiny = Limits {
            term_shard: 1,
            doc_shard: 1,
        };
        let got = [
            fingerprint(&build(&docs, DEFAULT_LIMITS)),
            fingerprint(&build(&docs, small)),
            fingerprint(&build(&docs[..300], tiny)),
            fingerprint(&build(&[], DEFAULT_LIMITS)),
        ];
        assert_eq!(
            got,
            [
                0x77f66a5ea1cb6987,
                0xd0e1795538be5448,
                0xbf27e8ecf95d1e93,
                0xa97d59839f8b6bb7,
            ],
            "{got:#x?}"
        );
    }

    #[test]
    fn postings_round_trip_through_their_encoding() {
        let numbers = [0, 1, 31, 32, 1023, 1024, 32767, 32768, 1 << 20, u32::MAX];
        let mut text = String::new();
        let mut len = 0;
        for &n in &numbers {
            push_varint(&mut text, n);
            len += varint_len(n);
        }
        assert_eq!(text.len(), len);
        assert_eq!(decode_postings(&text), Some(numbers.to_vec()));
        assert!(text.bytes().all(|b| DIGITS.contains(&b)));
        // Small numbers take one character; a cut or foreign one is refused.
        assert_eq!(text.chars().take(3).collect::<String>(), "01V");
        assert_eq!(decode_postings("w"), None);
        assert_eq!(decode_postings("0,1"), None);
        assert_eq!(
            postings_len([(3, 4), (40, 2), (2000, 31)].into_iter()),
            1 + 1 + 2 + 1 + 3 + 1
        );
    }

    #[test]
    fn shards_are_cut_at_the_limit() {
        let docs: Vec<Doc> = (0..200)
            .map(|i| Doc {
                kind: DocKind::Briefing,
                ..doc(&format!("word{i}"), &format!("text number{i} alpha{i}"))
            })
            .collect();
        let files = build(
            &docs,
            Limits {
                term_shard: 1000,
                doc_shard: 1000,
            },
        );
        assert!(files.files.len() > 10);
        // The shards (not the manifest, nor m.js, loaded for filters only).
        for (path, content) in &files.files[2..] {
            assert!(content.len() < 1200, "{path} is {} bytes", content.len());
        }
    }

    #[test]
    fn analyse_doc_weighs_title_and_keywords_and_caps_weights() {
        let d = Doc {
            keywords: "Army".into(),
            ..doc(
                "Troops troops",
                &format!("{}the army marched", "troop ".repeat(50)),
            )
        };
        let terms = analyse_doc(&d);
        let got: Vec<(&str, u32)> = terms.iter().collect();
        // troop: 4 + 4 + 50, capped; armi: 4 + 1; by first occurrence.
        assert_eq!(got, [("troop", 40), ("armi", 5), ("march", 1)]);
        assert_eq!(terms.len(), 3);
        // Stop words and single letters are not indexed; single digits are.
        assert!(analyse_doc(&doc("", "the of x")).is_empty());
        assert_eq!(analyse_doc(&doc("", "the 1 x")).len(), 1);
    }

    /// What `analyse_doc` must give, from the plain analysis functions.
    fn reference_terms(d: &Doc) -> Vec<(String, u32)> {
        let mut out: Vec<(String, u32)> = Vec::new();
        let title = super::super::keys(&d.title)
            .into_iter()
            .chain(super::super::keys(&d.keywords))
            .map(|k| (k, TITLE_WEIGHT));
        let text = super::super::keys(&d.text).into_iter().map(|k| (k, 1));
        for (k, w) in title.chain(text) {
            match out.iter_mut().find(|(key, _)| *key == k) {
                Some((_, weight)) => *weight = (*weight + w).min(MAX_WEIGHT),
                None => out.push((k, w.min(MAX_WEIGHT))),
            }
        }
        out
    }

    #[test]
    fn analyse_doc_agrees_with_the_plain_analysis_on_any_thread() {
        let docs = varied_docs(300, 7);
        let here: Vec<DocTerms> = docs.iter().map(analyse_doc).collect();
        // Another thread has another analyser, with other key numbers.
        let there: Vec<DocTerms> = std::thread::scope(|s| {
            s.spawn(|| docs.iter().rev().map(analyse_doc).collect::<Vec<_>>())
                .join()
                .unwrap()
        });
        for (i, d) in docs.iter().enumerate() {
            let want = reference_terms(d);
            let got: Vec<(String, u32)> = here[i].iter().map(|(k, w)| (k.to_string(), w)).collect();
            assert_eq!(got, want, "{:?}", d.text);
            assert_eq!(here[i], there[docs.len() - 1 - i]);
            assert_ne!(here[i].origin, there[docs.len() - 1 - i].origin);
        }
    }

    /// An incremental rebuild: the analysis of unchanged documents kept,
    /// changed and new ones analysed again (on other threads too, so with
    /// other key numbers), gives the files a full build gives.
    #[test]
    fn assemble_from_kept_terms_matches_a_full_build() {
        let mut docs = varied_docs(400, 11);
        let mut terms: Vec<DocTerms> = docs.iter().map(analyse_doc).collect();
        let limits = Limits {
            term_shard: 4000,
            doc_shard: 3000,
        };
        assert_eq!(
            assemble(&docs, &terms, limits).files,
            build(&docs, limits).files
        );

        docs[5]
            .text
            .push_str(" a brand new sentence about Zélensky");
        docs[100].title = "Renamed troops".into();
        docs.remove(200);
        terms.remove(200);
        let extra = varied_docs(3, 99);
        docs.splice(50..50, extra.iter().cloned());
        let fresh: Vec<DocTerms> = std::thread::scope(|s| {
            s.spawn(|| extra.iter().map(analyse_doc).collect::<Vec<_>>())
                .join()
                .unwrap()
        });
        terms.splice(50..50, fresh);
        terms[5] = analyse_doc(&docs[5]);
        terms[103] = analyse_doc(&docs[103]);

        let full = build(&docs, limits);
        let incremental = assemble(&docs, &terms, limits);
        assert_eq!(incremental.files, full.files);
        assert_eq!(
            (incremental.keys, incremental.postings),
            (full.keys, full.postings)
        );
    }

    /// Rows kept from earlier builds give the shards that serialising the
    /// documents gives, including rows with escaped U+2028 and U+2029,
    /// which count as 3 bytes in the shard cutting.
    #[test]
    fn assemble_from_kept_rows_matches_assembling_the_documents() {
        let mut docs = varied_docs(300, 7);
        docs[3]
            .text
            .push_str(" line\u{2028}separators\u{2029} and \"quotes\"");
        let terms: Vec<DocTerms> = docs.iter().map(analyse_doc).collect();
        let limits = SMALL_SHARDS;
        let rows: Vec<DocRow> = docs.iter().map(DocRow::of).collect();
        let from_rows = assemble_rows(&rows, &terms, limits);
        let from_docs = assemble(&docs, &terms, limits);
        assert!(
            from_docs
                .files
                .iter()
                .filter(|(p, _)| p.contains("/d"))
                .count()
                > 3
        );
        assert_eq!(from_rows.files, from_docs.files);
        assert_eq!(from_rows.docs, docs.len());
    }

    #[test]
    fn streamed_build_writes_the_files_of_a_collected_build() {
        let docs = varied_docs(300, 11);
        let limits = SMALL_SHARDS;
        let collected = build(&docs, limits);
        let written = std::sync::Mutex::new(Vec::new());
        let files = build_streamed(&docs, limits, |path, text| {
            written
                .lock()
                .unwrap()
                .push((path.to_string(), text.to_string()));
            Ok::<(), ()>(())
        })
        .unwrap();
        let mut written = written.into_inner().unwrap();
        // The manifest comes last, once every shard is written.
        assert_eq!(written.last().unwrap().0, "search/index.js");
        written.sort();
        let mut expected = collected.files.clone();
        expected.sort();
        assert!(expected.len() > 5);
        assert_eq!(written, expected);
        assert_eq!(files, expected.len());
    }

    #[test]
    fn a_failed_write_fails_the_streamed_build_before_its_manifest() {
        let docs = varied_docs(300, 11);
        let limits = SMALL_SHARDS;
        let manifest_written = std::sync::atomic::AtomicBool::new(false);
        let result = build_streamed(&docs, limits, |path, _| {
            if path == "search/index.js" {
                manifest_written.store(true, Ordering::SeqCst);
            }
            if path == "search/d1.js" {
                return Err(format!("disk full writing {path}"));
            }
            Ok(())
        });
        assert_eq!(result, Err("disk full writing search/d1.js".to_string()));
        assert!(!manifest_written.load(Ordering::SeqCst));
    }

    #[test]
    #[should_panic(expected = "one DocTerms per document")]
    fn assemble_wants_one_analysis_per_document() {
        assemble::<Doc, DocTerms>(&[doc("a", "b")], &[], DEFAULT_LIMITS);
    }

    #[test]
    fn words_pack_into_numbers_as_their_bytes() {
        let text = "abcdefghijklmnopqrstuvwxyz0123456789";
        for n in 0..=16 {
            let s = &text[..n];
            let mut bytes = [0u8; 16];
            bytes[..n].copy_from_slice(s.as_bytes());
            assert_eq!(short(s), u128::from_le_bytes(bytes), "{s}");
            let mixed: String = s
                .chars()
                .enumerate()
                .map(|(i, c)| {
                    if i % 2 == 0 {
                        c.to_ascii_uppercase()
                    } else {
                        c
                    }
                })
                .collect();
            assert_eq!(short_ascii_lower(&mixed), short(s), "{mixed}");
            assert_eq!(
                short_ascii_lower(&text[20..20 + n]),
                short(&text[20..20 + n])
            );
        }
        // Prefixes order as the strings do, long ones by their first 16 bytes.
        let words = [
            "",
            "a",
            "ab",
            "abc",
            "b",
            "ba",
            "z9",
            "zz",
            "abcdefghijklmnopq",
            "é",
        ];
        for a in words {
            for b in words {
                if prefix(a) != prefix(b) {
                    assert_eq!(prefix(a).cmp(&prefix(b)), a.cmp(b), "{a} {b}");
                }
            }
        }
    }

    #[test]
    fn json_strings_are_serde_json_with_line_terminators_escaped() {
        let pieces = [
            "a",
            "é",
            "\u{2019}",
            "\u{2028}",
            "\u{2029}",
            "\u{e2}",
            "\"",
            "\\",
            "\n",
            "\t",
            "\u{1}",
            "\u{1f}",
            "\u{7f}",
            " ",
            "</script>",
            "🙂",
            "\u{2027}",
            "\u{202a}",
        ];
        let mut state = 0x1234_5678_9abc_def1u64;
        for _ in 0..5000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let len = (state % 24) as usize;
            let s: String = (0..len)
                .map(|i| pieces[((state >> (i % 8 * 8)) as usize + i) % pieces.len()])
                .collect();
            let mut got = String::new();
            let escaped = push_json_str(&mut got, &s);
            let want = escape_line_terminators(serde_json::to_string(&s).unwrap());
            assert_eq!(got, want, "{s:?}");
            assert_eq!(escaped, s.matches(['\u{2028}', '\u{2029}']).count());
        }
        for n in [0, 7, 9, 10, 99, 100, 12345, u32::MAX] {
            let mut got = String::new();
            push_u32(&mut got, n);
            assert_eq!(got, n.to_string());
        }
    }
}

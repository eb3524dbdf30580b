//! The search index the site ships: scripts, not JSON, so that it loads from
//! `file://` and from any sub-path (a page cannot fetch JSON from disk, but
//! it can add a `<script>`).
//!
//! - `search/index.js`, the manifest: `window.briefingSearchIndex = {...}`
//!   with the document count, the kinds, the stop words, and where the
//!   shards are: `terms` lists `[first key, file]` for each term shard
//!   (keys sorted, so a key's shard is the last one starting at or before
//!   it), `docs` lists `[first document, file]` for each document shard.
//! - `search/t<N>.js`, term shards: `{"t": [keys...], "p": [postings...]}`,
//!   where the postings of a key are a flat list of (document id delta,
//!   weight) pairs, document ids ascending.
//! - `search/d<N>.js`, document shards: `{"first": id, "d": [[kind, title,
//!   context, url, text], ...]}`; `text` is what snippets are cut from.
//!
//! Shards register themselves in `window.briefingSearchShards[name]`. A
//! query loads the manifest, one term shard per word (two or three for a
//! prefix spanning a boundary), then the document shards of the results it
//! shows. Shards are cut at [`Limits`] so no single script is too big for a
//! phone; a key whose postings alone exceed the limit gets a shard of its own.

use super::keys;
use serde::Serialize;
use std::collections::BTreeMap;

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

/// Term shards up to 512 KB, document shards up to 64 KB (uncompressed).
/// A query loads one term shard per word and one document shard per result
/// shown, so the header box (8 results) for a two-word query loads at most
/// 2 x 512 + 8 x 64 = 1.5 MB, about 0.5 MB gzipped, and usually much less
/// (results share shards; shards stay loaded across keystrokes). Smaller
/// than the common 2-5 MB because `file://` and many static hosts serve
/// without compression, and a phone on slow 3G (~200 KB/s) takes 2.5 s for
/// 512 KB but 10-25 s for 2-5 MB. See README "Search".
pub const DEFAULT_LIMITS: Limits = Limits {
    term_shard: 512 * 1024,
    doc_shard: 64 * 1024,
};

/// The index as files: `(path from the site root, content)`, manifest first.
#[derive(Debug, Clone)]
pub struct IndexFiles {
    pub files: Vec<(String, String)>,
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
    serde_json::to_string(value)
        .unwrap_or_else(|_| "null".to_string())
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}

fn shard_script(name: &str, json: &str) -> String {
    format!("(window.briefingSearchShards=window.briefingSearchShards||{{}})[\"{name}\"]={json};\n")
}

/// Builds the index of `docs` (their order is their id: earlier documents
/// win ties), cut into shards at `limits`.
pub fn build(docs: &[Doc], limits: Limits) -> IndexFiles {
    // key -> (doc id -> weight)
    let mut postings: BTreeMap<String, BTreeMap<u32, u32>> = BTreeMap::new();
    for (id, doc) in docs.iter().enumerate() {
        let id = id as u32;
        let title = keys(&doc.title).into_iter().chain(keys(&doc.keywords));
        for k in title {
            let w = postings.entry(k).or_default().entry(id).or_insert(0);
            *w = (*w + TITLE_WEIGHT).min(MAX_WEIGHT);
        }
        for k in keys(&doc.text) {
            let w = postings.entry(k).or_default().entry(id).or_insert(0);
            *w = (*w + 1).min(MAX_WEIGHT);
        }
    }

    let mut files = Vec::new();
    let mut term_shards: Vec<(String, String)> = Vec::new();
    let mut current_keys: Vec<&str> = Vec::new();
    let mut current_lists: Vec<Vec<u32>> = Vec::new();
    let mut current_size = 0;
    let mut flush = |keys: &mut Vec<&str>, lists: &mut Vec<Vec<u32>>, files: &mut Vec<_>| {
        if keys.is_empty() {
            return;
        }
        let name = format!("t{}", term_shards.len());
        #[derive(Serialize)]
        struct TermShard<'a> {
            t: &'a [&'a str],
            p: &'a [Vec<u32>],
        }
        let json = script_json(&TermShard { t: keys, p: lists });
        term_shards.push((keys[0].to_string(), name.clone()));
        files.push((format!("search/{name}.js"), shard_script(&name, &json)));
        keys.clear();
        lists.clear();
    };
    let mut total_postings = 0;
    for (key, docs_of) in &postings {
        let mut list = Vec::with_capacity(docs_of.len() * 2);
        let mut last = 0;
        for (&id, &w) in docs_of {
            list.push(id - last);
            list.push(w);
            last = id;
        }
        total_postings += docs_of.len();
        let size = key.len() + 4 + list.len() * 3;
        if !current_keys.is_empty() && current_size + size > limits.term_shard {
            flush(&mut current_keys, &mut current_lists, &mut files);
            current_size = 0;
        }
        current_keys.push(key);
        current_lists.push(list);
        current_size += size;
    }
    flush(&mut current_keys, &mut current_lists, &mut files);
    // The first shard starts at the lowest key of all.
    if let Some(first) = term_shards.first_mut() {
        first.0 = String::new();
    }

    let mut doc_shards: Vec<(u32, String)> = Vec::new();
    let mut rows: Vec<serde_json::Value> = Vec::new();
    let mut first = 0u32;
    let mut size = 0;
    let kind_index = |k: DocKind| KINDS.iter().position(|&x| x == k).unwrap_or(0);
    let mut flush_docs = |first: u32, rows: &mut Vec<serde_json::Value>, files: &mut Vec<_>| {
        if rows.is_empty() {
            return;
        }
        let name = format!("d{}", doc_shards.len());
        let json = script_json(&serde_json::json!({ "first": first, "d": rows }));
        doc_shards.push((first, name.clone()));
        files.push((format!("search/{name}.js"), shard_script(&name, &json)));
        rows.clear();
    };
    for (id, doc) in docs.iter().enumerate() {
        let row = serde_json::json!([
            kind_index(doc.kind),
            doc.title,
            doc.context,
            doc.url,
            doc.text
        ]);
        let row_size = row.to_string().len() + 1;
        if !rows.is_empty() && size + row_size > limits.doc_shard {
            flush_docs(first, &mut rows, &mut files);
            first = id as u32;
            size = 0;
        }
        rows.push(row);
        size += row_size;
    }
    flush_docs(first, &mut rows, &mut files);

    #[derive(Serialize)]
    struct Manifest<'a> {
        version: u32,
        count: usize,
        kinds: &'a [DocKind],
        stop: &'a [&'a str],
        terms: &'a [(String, String)],
        docs: &'a [(u32, String)],
    }
    let manifest = script_json(&Manifest {
        version: 1,
        count: docs.len(),
        kinds: &KINDS,
        stop: super::STOP_WORDS,
        terms: &term_shards,
        docs: &doc_shards,
    });
    files.insert(
        0,
        (
            "search/index.js".to_string(),
            format!("window.briefingSearchIndex={manifest};\n"),
        ),
    );
    IndexFiles {
        files,
        docs: docs.len(),
        keys: postings.len(),
        postings: total_postings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(title: &str, text: &str) -> Doc {
        Doc {
            kind: DocKind::Section,
            title: title.into(),
            context: "B".into(),
            url: "briefings/b/index.html#s".into(),
            text: text.into(),
            keywords: String::new(),
        }
    }

    #[test]
    fn manifest_lists_shards_and_keys_are_stemmed() {
        let files = build(
            &[doc("Troops", "The troops moved."), doc("Other", "troop")],
            DEFAULT_LIMITS,
        );
        assert_eq!(files.files[0].0, "search/index.js");
        assert!(files.files[0].1.contains("\"terms\":[[\"\",\"t0\"]]"));
        let terms = &files.files[1].1;
        // "troop": doc 0 weight 4 + 1, doc 1 (delta 1) weight 1.
        assert!(terms.contains("\"troop\""), "{terms}");
        assert!(
            terms.contains("[5,0,1,1]") || terms.contains("[0,5,1,1]"),
            "{terms}"
        );
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
                0x52f5af158d543eea,
                0x260d6f4d4f5dd2c0,
                0x5127281a5d0744dd,
                0x79ead9d04c0f6f1e,
            ],
            "{got:#x?}"
        );
    }

    #[test]
    fn shards_are_cut_at_the_limit() {
        let docs: Vec<Doc> = (0..200)
            .map(|i| doc(&format!("word{i}"), &format!("text number{i} alpha{i}")))
            .collect();
        let files = build(
            &docs,
            Limits {
                term_shard: 1000,
                doc_shard: 1000,
            },
        );
        assert!(files.files.len() > 10);
        for (path, content) in &files.files[1..] {
            assert!(content.len() < 1200, "{path} is {} bytes", content.len());
        }
    }
}

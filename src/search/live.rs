//! The search index kept between incremental rebuilds (`briefing serve`):
//! every key with its postings, and where the shards were cut. After an
//! edit that replaces a few documents in place (same count, same places),
//! [`LiveIndex::update`] moves only those documents' postings and rewrites
//! only the shards they are in; the files it writes, and the ones it says
//! are unchanged, are the same bytes [`super::index::assemble_rows`] gives
//! for the whole set. Any other change (documents added, removed or moved)
//! builds the index again from every document.

use super::index::{
    DocRow, DocTerms, IndexFiles, Limits, SiteMeta, doc_cuts, doc_shard, doc_shard_list, manifest,
    opens_group, postings_len, prefix, site_meta, sorted_keys, term_cuts, term_shard,
    term_shard_list,
};
use rayon::prelude::*;
use rustc_hash::FxHashSet;
use std::ops::Range;
use std::sync::Arc;

/// A run of documents that changes together (a briefing's, or the site's
/// own pages'), serialised ([`DocRow`]) and analysed ([`DocTerms`]).
#[derive(Debug, Default)]
pub struct Part {
    pub rows: Vec<DocRow>,
    pub terms: Vec<DocTerms>,
}

/// One key of the index and its postings (document id, weight), ids
/// ascending.
#[derive(Debug)]
struct LiveKey {
    prefix: u128,
    text: Box<str>,
    postings: Vec<(u32, u32)>,
}

/// Above this many changed documents an update builds the index again: the
/// edits of a save are a handful, a changed date or a new briefing moves
/// many.
const MOST_CHANGES: usize = 2_000;

/// The index as the last update left it.
#[derive(Debug)]
pub struct LiveIndex {
    limits: Limits,
    parts: Vec<Arc<Part>>,
    /// Sorted as the shards list them: by bytes.
    keys: Vec<LiveKey>,
    postings: usize,
    /// The first and last key of each term shard.
    term_bounds: Vec<(Box<str>, Box<str>)>,
    doc_cuts: Vec<Range<usize>>,
    /// What the last manifest said of the documents, and `search/m.js`.
    site: SiteMeta,
    meta: String,
}

/// Where `key` is, or would be, in `keys` (sorted).
fn find(keys: &[LiveKey], key: &str) -> Result<usize, usize> {
    let wanted = (prefix(key), key);
    keys.binary_search_by(|k| (k.prefix, &*k.text).cmp(&wanted))
}

/// A document replaced in place: its id, and where it is in `parts`.
struct Change {
    id: u32,
    part: usize,
    doc: usize,
}

impl LiveIndex {
    /// An index that has seen nothing yet: its first update builds it all.
    pub fn new(limits: Limits) -> LiveIndex {
        LiveIndex {
            limits,
            parts: Vec::new(),
            keys: Vec::new(),
            postings: 0,
            term_bounds: Vec::new(),
            doc_cuts: Vec::new(),
            site: SiteMeta::default(),
            meta: String::new(),
        }
    }

    /// The index of `parts` (in order: their documents' ids follow it).
    /// [`IndexFiles::files`] are the files to write; [`IndexFiles::unchanged`]
    /// the ones already written by the last update, left as they are.
    pub fn update(&mut self, parts: Vec<Arc<Part>>) -> IndexFiles {
        match self.changes(&parts) {
            Some(changes) => self.apply(parts, &changes),
            None => self.rebuild(parts),
        }
    }

    /// The documents replaced in place since the last update, or `None`
    /// when the index must be built again.
    fn changes(&self, parts: &[Arc<Part>]) -> Option<Vec<Change>> {
        if self.parts.is_empty() || parts.len() != self.parts.len() {
            return None;
        }
        let mut changes = Vec::new();
        let mut first = 0u32;
        for (p, (old, new)) in self.parts.iter().zip(parts).enumerate() {
            if !Arc::ptr_eq(old, new) {
                if old.rows.len() != new.rows.len() {
                    return None;
                }
                for (d, (old_row, new_row)) in old.rows.iter().zip(&new.rows).enumerate() {
                    if old_row != new_row || old.terms[d] != new.terms[d] {
                        changes.push(Change {
                            id: first + d as u32,
                            part: p,
                            doc: d,
                        });
                    }
                }
                if changes.len() > MOST_CHANGES {
                    return None;
                }
            }
            first += old.rows.len() as u32;
        }
        Some(changes)
    }

    /// Builds the whole index from `parts`.
    fn rebuild(&mut self, parts: Vec<Arc<Part>>) -> IndexFiles {
        self.keys = {
            let terms: Vec<&DocTerms> = parts.iter().flat_map(|p| p.terms.iter()).collect();
            let (runs, keys) = sorted_keys(&terms);
            keys.par_iter()
                .map(|key| LiveKey {
                    prefix: key.prefix,
                    text: key.text.into(),
                    postings: key.postings(&runs).collect(),
                })
                .collect()
        };
        self.postings = self.keys.iter().map(|k| k.postings.len()).sum();
        self.parts = parts;
        self.term_bounds = Vec::new();
        self.doc_cuts = Vec::new();
        self.write(None, None)
    }

    /// Replaces the changed documents' postings and rows, then writes the
    /// shards they touch.
    fn apply(&mut self, parts: Vec<Arc<Part>>, changes: &[Change]) -> IndexFiles {
        let mut touched: FxHashSet<&str> = FxHashSet::default();
        let keys = &mut self.keys;
        for change in changes {
            let old = &self.parts[change.part].terms[change.doc];
            for (key, _) in old.iter() {
                if let Ok(k) = find(keys, key) {
                    let postings = &mut keys[k].postings;
                    if let Ok(at) = postings.binary_search_by_key(&change.id, |p| p.0) {
                        postings.remove(at);
                        self.postings -= 1;
                    }
                }
                touched.insert(key);
            }
        }
        for change in changes {
            let new = &parts[change.part].terms[change.doc];
            for (key, weight) in new.iter() {
                let k = match find(keys, key) {
                    Ok(k) => k,
                    Err(at) => {
                        keys.insert(
                            at,
                            LiveKey {
                                prefix: prefix(key),
                                text: key.into(),
                                postings: Vec::new(),
                            },
                        );
                        at
                    }
                };
                let postings = &mut keys[k].postings;
                match postings.binary_search_by_key(&change.id, |p| p.0) {
                    Ok(at) => postings[at].1 = weight,
                    Err(at) => {
                        postings.insert(at, (change.id, weight));
                        self.postings += 1;
                    }
                }
                touched.insert(key);
            }
        }
        // Keys no document has any more go only now: a key the old and the
        // new text share is emptied, then filled again, above.
        keys.retain(|k| !k.postings.is_empty());
        let mut touched: Vec<Box<str>> = touched.into_iter().map(Box::from).collect();
        touched.sort_unstable();
        let ids: Vec<u32> = changes.iter().map(|c| c.id).collect();
        // The old parts held the old texts `touched` borrowed from.
        self.parts = parts;
        self.write(Some(&touched), Some(ids))
    }

    /// Cuts the shards and writes those that changed: a term shard whose
    /// first and last keys are the same as before and that holds none of
    /// the `touched` keys (sorted; new, changed or gone) is unchanged, and so
    /// is a document shard with the same documents, none of them in `ids`.
    /// `None` writes them all.
    fn write(&mut self, touched: Option<&[Box<str>]>, ids: Option<Vec<u32>>) -> IndexFiles {
        let term_cuts = term_cuts(
            self.keys
                .iter()
                .map(|k| (k.text.len(), postings_len(k.postings.iter().copied()))),
            self.limits,
        );
        let rows: Vec<&DocRow> = self.parts.iter().flat_map(|p| p.rows.iter()).collect();
        // `(length, size)` of each document's row, by id.
        let row_sizes: Vec<(usize, usize)> = rows.iter().map(|r| (r.len(), r.size())).collect();
        let doc_cuts = doc_cuts(
            row_sizes
                .iter()
                .zip(&rows)
                .map(|(&(_, size), row)| (size, opens_group(row.meta().0))),
            self.limits,
        );
        let keys = &self.keys;
        let term_bounds: Vec<(Box<str>, Box<str>)> = term_cuts
            .iter()
            .map(|r| (keys[r.start].text.clone(), keys[r.end - 1].text.clone()))
            .collect();
        let term_shards: Vec<usize> = match touched {
            None => (0..term_cuts.len()).collect(),
            Some(touched) => (0..term_cuts.len())
                .filter(|&s| {
                    let (first, last) = &term_bounds[s];
                    let inside = touched.partition_point(|t| t < first);
                    self.term_bounds.get(s) != Some(&term_bounds[s])
                        || touched.get(inside).is_some_and(|t| t <= last)
                })
                .collect(),
        };
        let doc_shards: Vec<usize> = match ids {
            None => (0..doc_cuts.len()).collect(),
            Some(ids) => {
                let mut shards: Vec<usize> = ids
                    .iter()
                    .map(|&i| doc_cuts.partition_point(|r| r.end <= i as usize))
                    .collect();
                shards.extend(
                    (0..doc_cuts.len()).filter(|&s| self.doc_cuts.get(s) != Some(&doc_cuts[s])),
                );
                shards.sort_unstable();
                shards.dedup();
                shards
            }
        };
        let row_sizes = &row_sizes;
        let (term_files, doc_files) = rayon::join(
            || {
                term_shards
                    .par_iter()
                    .map(|&s| {
                        let keys = keys[term_cuts[s].clone()]
                            .iter()
                            .map(|k| (&*k.text, k.postings.iter().copied()));
                        term_shard(s, keys)
                    })
                    .collect::<Vec<_>>()
            },
            || {
                doc_shards
                    .par_iter()
                    .map(|&s| {
                        doc_shard(s, doc_cuts[s].clone(), row_sizes, |out, i| {
                            out.push_str(rows[i].json())
                        })
                    })
                    .collect::<Vec<_>>()
            },
        );
        let mut files = Vec::with_capacity(1 + term_files.len() + doc_files.len());
        let mut unchanged = Vec::new();
        let term_list = term_shard_list(&term_cuts, |k| &keys[k].text);
        let doc_list = doc_shard_list(&doc_cuts);
        let (site, meta) = site_meta(rows.iter().map(|r| r.meta()));
        if touched.is_some()
            && term_bounds == self.term_bounds
            && doc_cuts == self.doc_cuts
            && site == self.site
        {
            // Same shards, same names, same first keys, same groups: the
            // same manifest.
            unchanged.push("search/index.js".to_string());
        } else {
            files.push(manifest(rows.len(), &term_list, &doc_list, &site));
        }
        if touched.is_some() && meta.1 == self.meta {
            unchanged.push(meta.0);
        } else {
            self.meta.clone_from(&meta.1);
            files.push(meta);
        }
        self.site = site;
        let written: FxHashSet<usize> = term_shards.iter().copied().collect();
        unchanged.extend(
            (0..term_cuts.len())
                .filter(|s| !written.contains(s))
                .map(|s| format!("search/t{s}.js")),
        );
        let written: FxHashSet<usize> = doc_shards.iter().copied().collect();
        unchanged.extend(
            (0..doc_cuts.len())
                .filter(|s| !written.contains(s))
                .map(|s| format!("search/d{s}.js")),
        );
        files.extend(term_files);
        files.extend(doc_files);
        let docs = rows.len();
        self.term_bounds = term_bounds;
        self.doc_cuts = doc_cuts;
        IndexFiles {
            files,
            unchanged,
            docs,
            keys: self.keys.len(),
            postings: self.postings,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::index::{Doc, DocKind, analyse_doc, assemble_rows};
    use std::collections::BTreeMap;

    /// Small shards, so that a few hundred documents make many of each.
    const SMALL: Limits = Limits {
        term_shard: 2 * 1024,
        doc_shard: 1024,
    };

    /// Made-up words: `word(n)` is the same word for the same `n`.
    fn word(n: usize) -> String {
        let syllables = ["ka", "lo", "mer", "tin", "sa", "vu", "dre", "pol"];
        let mut w = String::new();
        let mut n = n + 9;
        while n > 0 {
            w.push_str(syllables[n % syllables.len()]);
            n /= syllables.len();
        }
        w
    }

    /// Part `p` of a site, its documents' words picked by `seed`.
    fn part(p: usize, seed: usize, docs: usize) -> Arc<Part> {
        let docs: Vec<Doc> = (0..docs)
            .map(|d| {
                let words: Vec<String> = (0..12)
                    .map(|i| word((p * 7 + d * 13 + i * seed) % 97))
                    .collect();
                Doc {
                    // Each part is a briefing and its questions.
                    kind: if d == 0 {
                        DocKind::Briefing
                    } else {
                        DocKind::Question
                    },
                    title: format!("{} {}", word(p), word(d + seed)),
                    context: format!("Briefing {p}"),
                    url: format!("briefings/b{p}/index.html#q{d}"),
                    text: words.join(" "),
                    keywords: String::new(),
                    meta: Default::default(),
                }
            })
            .collect();
        Arc::new(Part {
            rows: docs.iter().map(DocRow::of).collect(),
            terms: docs.iter().map(analyse_doc).collect(),
        })
    }

    fn site(parts: &[Arc<Part>]) -> BTreeMap<String, String> {
        let rows: Vec<&DocRow> = parts.iter().flat_map(|p| p.rows.iter()).collect();
        let terms: Vec<&DocTerms> = parts.iter().flat_map(|p| p.terms.iter()).collect();
        assemble_rows(&rows, &terms, SMALL)
            .files
            .into_iter()
            .collect()
    }

    /// The output after an update: the files it wrote over the ones it kept.
    fn after(before: &BTreeMap<String, String>, files: IndexFiles) -> BTreeMap<String, String> {
        let mut out: BTreeMap<String, String> = files
            .unchanged
            .iter()
            .map(|path| (path.clone(), before[path].clone()))
            .collect();
        out.extend(files.files);
        out
    }

    /// The files of an update that wrote the whole index.
    fn whole(files: IndexFiles) -> BTreeMap<String, String> {
        assert_eq!(files.unchanged, Vec::<String>::new());
        files.files.into_iter().collect()
    }

    fn parts(seeds: &[usize]) -> Vec<Arc<Part>> {
        seeds
            .iter()
            .enumerate()
            .map(|(p, &s)| part(p, s, 3))
            .collect()
    }

    #[test]
    fn first_update_writes_the_whole_index() {
        let parts = parts(&[1; 40]);
        let files = LiveIndex::new(SMALL).update(parts.clone());
        assert_eq!(whole(files), site(&parts));
    }

    #[test]
    fn an_edit_in_place_rewrites_only_its_shards_with_the_bytes_of_a_full_build() {
        let mut live = LiveIndex::new(SMALL);
        let before_parts = parts(&[1; 40]);
        let before = after(&BTreeMap::new(), live.update(before_parts.clone()));
        assert!(before.len() > 10, "{} files", before.len());
        // Briefing 17 gets other words (some new to the site, some gone).
        let mut edited = before_parts.clone();
        edited[17] = part(17, 5, 3);
        let files = live.update(edited.clone());
        assert!(!files.unchanged.is_empty(), "an edit kept no shard");
        assert!(files.files.len() < before.len());
        let now = after(&before, files);
        assert_eq!(now, site(&edited));
        // And back again.
        let files = live.update(before_parts.clone());
        assert_eq!(after(&now, files), before);
    }

    #[test]
    fn a_word_new_to_the_site_and_a_word_gone_from_it_give_the_bytes_of_a_full_build() {
        let mut live = LiveIndex::new(SMALL);
        let before_parts = parts(&[1; 40]);
        let before = after(&BTreeMap::new(), live.update(before_parts.clone()));
        let mut edited = before_parts.clone();
        let doc = |url: &str, text: &str| Doc {
            kind: DocKind::Section,
            title: "Zzyzx".into(),
            context: String::new(),
            url: url.into(),
            text: text.into(),
            keywords: String::new(),
            meta: Default::default(),
        };
        let docs = [
            doc("a", "aardvarks quibble"),
            doc("b", "only here"),
            doc("c", ""),
        ];
        edited[0] = Arc::new(Part {
            rows: docs.iter().map(DocRow::of).collect(),
            terms: docs.iter().map(analyse_doc).collect(),
        });
        let now = after(&before, live.update(edited.clone()));
        assert_eq!(now, site(&edited));
        assert_eq!(after(&now, live.update(before_parts)), before);
    }

    #[test]
    fn a_briefing_with_another_number_of_documents_rebuilds_the_index() {
        let mut live = LiveIndex::new(SMALL);
        let before_parts = parts(&[1; 40]);
        live.update(before_parts.clone());
        let mut edited = before_parts;
        edited[3] = part(3, 1, 4);
        assert_eq!(whole(live.update(edited.clone())), site(&edited));
    }

    #[test]
    fn unchanged_parts_keep_every_file() {
        let mut live = LiveIndex::new(SMALL);
        let parts = parts(&[1; 40]);
        let before = after(&BTreeMap::new(), live.update(parts.clone()));
        let files = live.update(parts);
        assert!(files.files.is_empty());
        assert_eq!(files.unchanged.len(), before.len());
    }
}

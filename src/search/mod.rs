//! Full-text search: the text analysis shared with the browser (folding,
//! tokens, the Porter stemmer) and the sharded index the site ships as
//! scripts. `templates/static/search.js` implements the same analysis for
//! queries; `tests/fixtures/stems.txt` holds the vectors both must agree on.
//!
//! A word becomes an index key in four steps, the same on both sides:
//! 1. lowercase, canonical decomposition (NFD), combining marks dropped, and
//!    a few letters that do not decompose spelled out (`ß` -> `ss`);
//! 2. split into runs of letters and digits;
//! 3. runs shorter than two characters (unless digits), longer than
//!    [`MAX_TOKEN`] or in [`STOP_WORDS`] are dropped;
//! 4. lowercase ASCII words are stemmed ([`stem::stem`]).
//!
//! One exception to step 3: a stop word written in capitals as a word of
//! its own ("WHO", "US", "IT") is an acronym, kept with its capitals as its
//! key ([`is_acronym`]).

pub mod index;
pub mod live;
pub mod stem;

use unicode_normalization::UnicodeNormalization;

/// Longer runs (URLs, hashes) are not words anyone searches for.
pub const MAX_TOKEN: usize = 40;

/// Words too common to tell documents apart; dropped from the index and
/// from queries (the manifest ships this list to the browser).
pub const STOP_WORDS: &[&str] = &[
    "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been",
    "but", "by", "can", "could", "did", "do", "does", "for", "from", "had", "has", "have", "he",
    "her", "his", "how", "i", "if", "in", "into", "is", "it", "its", "more", "not", "of", "on",
    "or", "our", "out", "over", "she", "so", "than", "that", "the", "their", "them", "then",
    "there", "these", "they", "this", "those", "to", "up", "was", "we", "were", "what", "when",
    "where", "which", "who", "will", "with", "would", "you",
];

/// Combining marks removed after decomposition (diacritics of Latin,
/// Greek and Cyrillic letters, and the extended blocks).
fn is_mark(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036f}'
        | '\u{1ab0}'..='\u{1aff}'
        | '\u{1dc0}'..='\u{1dff}'
        | '\u{20d0}'..='\u{20ff}'
        | '\u{fe20}'..='\u{fe2f}')
}

/// Letters NFD leaves whole, spelled the way English writes them.
fn spell_out(c: char) -> Option<&'static str> {
    Some(match c {
        'ß' => "ss",
        'æ' => "ae",
        'œ' => "oe",
        'ø' => "o",
        'đ' | 'ð' => "d",
        'ł' => "l",
        'ı' => "i",
        'þ' => "th",
        'ħ' => "h",
        'ŧ' => "t",
        _ => return None,
    })
}

/// Step 1: lowercase, accents folded.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.to_lowercase().nfd() {
        if is_mark(c) {
            continue;
        }
        match spell_out(c) {
            Some(s) => out.push_str(s),
            None => out.push(c),
        }
    }
    out
}

/// Steps 1-2: the folded runs of letters and digits, in order.
pub fn words(text: &str) -> Vec<String> {
    fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Steps 1-2 without the allocations: calls `f` with each folded word of
/// `text`, exactly the words [`words`] lists, in order.
#[cfg(test)]
pub(crate) fn each_word(text: &str, mut f: impl FnMut(&str)) {
    let mut lower = String::new();
    scan_words(text, |word| match word {
        Word::Ascii(run) if run.bytes().any(|b| b.is_ascii_uppercase()) => {
            lower.clear();
            lower.push_str(run);
            lower.make_ascii_lowercase();
            f(&lower);
        }
        Word::Ascii(word) | Word::Folded(word) => f(word),
    });
}

/// A word of a text as [`scan_words`] finds it.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Word<'a> {
    /// ASCII letters and digits as written: the folded word is this in
    /// lowercase (folding does nothing else to ASCII).
    Ascii(&'a str),
    /// A folded word.
    Folded(&'a str),
}

/// Steps 1-2, the fast way: calls `f` with each word of `text` in order,
/// the words [`words`] lists; [`each_word`] lowercases the ASCII ones.
///
/// Folding never reaches across a [`separator`]: it lowercases, decomposes
/// and drops marks one character at a time, canonical reordering stops at
/// a character that decomposes to itself with combining class 0, and a
/// separator folds to itself. So the text is cut at separators into runs;
/// a run of ASCII letters and digits is one word that only needs
/// lowercasing, and any other run is folded on its own. The one exception
/// is `Σ`, whose lowercase depends on the letters around it, possibly
/// across separators: a text with one is folded whole.
pub(crate) fn scan_words(text: &str, mut f: impl FnMut(Word)) {
    let split = |folded: &str, f: &mut dyn FnMut(Word)| {
        folded
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .for_each(|w| f(Word::Folded(w)))
    };
    if text.contains('Σ') {
        split(&fold(text), &mut f);
        return;
    }
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        let mut ascii = true;
        // The run of non-separators from `start`; `i` ends on a separator
        // (or the end), `sep` is its length.
        let mut sep = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b.is_ascii_alphanumeric() {
                i += 1;
            } else if b.is_ascii() {
                sep = 1;
                break;
            } else {
                let c = text[i..].chars().next().unwrap_or_default();
                if separator(c) {
                    sep = c.len_utf8();
                    break;
                }
                ascii = false;
                i += c.len_utf8();
            }
        }
        let run = &text[start..i];
        if !ascii {
            split(&fold(run), &mut f);
        } else if !run.is_empty() {
            f(Word::Ascii(run));
        }
        i += sep;
    }
}

/// Characters [`each_word`] may cut a text at besides ASCII punctuation and
/// spaces: the common typographic punctuation smart quotes and editors put
/// between words. Each folds to itself, is not a letter or digit,
/// decomposes to itself and has combining class 0 (a test checks).
fn separator(c: char) -> bool {
    matches!(
        c,
        '\u{a0}'
            | '\u{ab}'
            | '\u{bb}'
            | '\u{2010}'..='\u{2015}'
            | '\u{2018}'..='\u{201f}'
            | '\u{2022}'
            | '\u{2026}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202f}'
    )
}

/// Step 3: whether a folded word is indexed at all.
pub fn is_indexed(word: &str) -> bool {
    let n = word.chars().count();
    (n >= 2 || word.chars().all(|c| c.is_numeric()))
        && n <= MAX_TOKEN
        && !STOP_WORDS.contains(&word)
}

/// The index key of a folded word (step 4).
pub fn key(word: &str) -> String {
    stem::stem(word)
}

/// Whether a word as written is an acronym kept although its lowercase is
/// a stop word: two to four ASCII capitals ("WHO", "US", "IT"). Its key is
/// the word as written, which no lowercase key can be, so "WHO" never
/// finds "who" and "who" never finds "WHO".
pub fn is_acronym(written: &str) -> bool {
    (2..=4).contains(&written.len())
        && written.bytes().all(|b| b.is_ascii_uppercase())
        && STOP_WORDS.contains(&written.to_ascii_lowercase().as_str())
}

/// Every index key of `text`, in order, repeats kept: the keys of its
/// [`words`], and acronyms ([`is_acronym`]) as written.
pub fn keys(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    scan_words(text, |word| match word {
        Word::Ascii(run) if is_acronym(run) => out.push(run.to_string()),
        Word::Ascii(run) => {
            let w = run.to_ascii_lowercase();
            if is_indexed(&w) {
                out.push(key(&w));
            }
        }
        Word::Folded(w) => {
            if is_indexed(w) {
                out.push(key(w));
            }
        }
    });
    out
}

/// The whole analysis of one raw word, as listed in `tests/fixtures/stems.txt`:
/// its keys joined by spaces (empty when nothing is indexed).
pub fn analyse(text: &str) -> String {
    keys(text).join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_fold_and_words_stem() {
        assert_eq!(analyse("Zélensky"), analyse("Zelensky"));
        assert_eq!(analyse("troops"), "troop");
        assert_eq!(analyse("Straße"), "strass");
        assert_eq!(analyse("The troops of North Korea"), "troop north korea");
        assert_eq!(analyse("Russia's 10,000 troops"), "russia 10 000 troop");
    }

    #[test]
    fn stop_words_in_capitals_are_acronyms() {
        assert_eq!(analyse("the WHO said"), "WHO said");
        assert_eq!(analyse("who said"), "said");
        // "us" is no stop word: "US" is the word "us".
        assert_eq!(analyse("Who IT US"), "IT us");
        // Capitals that are not stop words are ordinary words.
        assert_eq!(analyse("NATO AI"), "nato ai");
        // Not a word of its own: folded with its neighbours.
        assert_eq!(analyse("WHOé"), "whoe");
        assert!(!is_acronym("WHOSE") && !is_acronym("Who") && is_acronym("WHO"));
    }

    #[test]
    fn separators_fold_to_themselves_and_stop_nothing() {
        use unicode_normalization::char::canonical_combining_class;
        let listed: Vec<char> = ('\u{80}'..='\u{ffff}').filter(|&c| separator(c)).collect();
        assert!(listed.len() > 15);
        for c in listed {
            assert!(!c.is_alphanumeric(), "{c:?}");
            assert_eq!(fold(&c.to_string()), c.to_string(), "{c:?}");
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
            // Folding is the same with the separator as a whole text and
            // between marks, letters and capitals either side.
            for (a, b) in [
                ("ab", "cd"),
                ("e\u{301}", "\u{301}e"),
                ("Ø", "İ"),
                ("a\u{316}", "\u{301}"),
            ] {
                let joined = format!("{a}{c}{b}");
                assert_eq!(
                    fold(&joined),
                    format!("{}{c}{}", fold(a), fold(b)),
                    "{joined:?}"
                );
            }
        }
    }

    /// [`each_word`] against [`words`] on random strings of the characters
    /// folding treats specially, and on the shared vectors.
    #[test]
    fn each_word_gives_exactly_the_words() {
        const PIECES: &[&str] = &[
            "a", "Z", "k", "0", "9", " ", ".", "'", ":", "-", "\u{2019}", "\u{201c}", "\u{2014}",
            "\u{a0}", "\u{2028}", "é", "É", "e\u{301}", "\u{301}", "\u{316}", "ß", "Æ", "İ", "ı",
            "Σ", "σ", "ς", "Α", "\u{212a}", "ǅ", "ﬁ", "\u{f73}", "\u{f71}", "ा", "क", "東", "٣",
            "²", "½", "🙂", "\u{200d}", "\u{ad}", "Ⅻ",
        ];
        let mut state = 0x2545f4914f6cdd1du64;
        let mut next = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        let mut texts: Vec<String> = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/stems.txt"),
        )
        .unwrap()
        .lines()
        .map(|l| l.split('\t').next().unwrap_or("").to_string())
        .collect();
        for _ in 0..20_000 {
            let len = next(12);
            texts.push((0..len).map(|_| PIECES[next(PIECES.len())]).collect());
        }
        for text in &texts {
            let mut got = Vec::new();
            each_word(text, |w| got.push(w.to_string()));
            assert_eq!(got, words(text), "{text:?}");
        }
    }

    #[test]
    fn stop_words_are_sorted_and_folded() {
        let mut sorted = STOP_WORDS.to_vec();
        sorted.sort();
        assert_eq!(sorted, STOP_WORDS);
        assert!(STOP_WORDS.iter().all(|w| fold(w) == *w));
    }
}

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

pub mod index;
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

/// Every index key of `text`, in order, repeats kept.
pub fn keys(text: &str) -> Vec<String> {
    words(text)
        .into_iter()
        .filter(|w| is_indexed(w))
        .map(|w| key(&w))
        .collect()
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
    fn stop_words_are_sorted_and_folded() {
        let mut sorted = STOP_WORDS.to_vec();
        sorted.sort();
        assert_eq!(sorted, STOP_WORDS);
        assert!(STOP_WORDS.iter().all(|w| fold(w) == *w));
    }
}

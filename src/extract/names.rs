//! Shared helpers for the entity, quote and figure extractors: a tokenizer
//! that keeps byte offsets, sentence-start detection, the merge key for
//! names, and the word lists the hand-written rules consult.
//!
//! The lists are general English news vocabulary (titles, organisation
//! words, countries and capitals, common given names); nothing in them is
//! specific to one article.

use crate::text::slugify;
use std::borrow::Cow;
use std::cell::OnceCell;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// One token of a paragraph: a word (letters/digits with inner hyphens,
/// apostrophes, decimal points, thousands separators, or dotted initials
/// such as `U.S.`) or a single punctuation character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
    pub word: bool,
    /// The case of a word's first character, read once by the tokenizer:
    /// the rules ask [`Token::is_cap`] and [`Token::is_lower`] of nearly
    /// every token, several times over.
    case: Case,
}

/// The case of a token's first character (`Other` for punctuation, digits
/// and letters without case).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Case {
    Upper,
    Lower,
    Other,
}

impl Case {
    fn of_word(first: char) -> Case {
        if first.is_uppercase() {
            Case::Upper
        } else if first.is_lowercase() {
            Case::Lower
        } else {
            Case::Other
        }
    }
}

impl<'a> Token<'a> {
    /// A word whose first character is an upper-case letter.
    pub fn is_cap(&self) -> bool {
        self.case == Case::Upper
    }

    /// A word whose first character is a lower-case letter.
    pub fn is_lower(&self) -> bool {
        self.case == Case::Lower
    }

    /// The word without a possessive `'s` / `’s` / trailing `'`.
    pub fn base(&self) -> &'a str {
        strip_possessive(self.text)
    }

    /// Whether the word ends in a possessive `'s`.
    pub fn is_possessive(&self) -> bool {
        self.word && strip_possessive(self.text).len() != self.text.len()
    }

    /// Byte end of the word without its possessive suffix.
    pub fn base_end(&self) -> usize {
        self.start + self.base().len()
    }

    /// Punctuation token equal to `c`.
    pub fn is_punct(&self, c: char) -> bool {
        !self.word && self.text.starts_with(c)
    }

    /// Lower-cased word text, borrowed when it is lower-case ASCII already
    /// (most words), so asking costs no allocation.
    pub fn lower(&self) -> Cow<'a, str> {
        lower(self.text)
    }
}

/// `s.to_lowercase()`, borrowed when that would change nothing.
pub fn lower(s: &str) -> Cow<'_, str> {
    if s.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.to_lowercase())
    }
}

/// Calls `f` with `s.to_lowercase()`, lower-cased on the stack for a short
/// ASCII word: capitalised words are looked up in lower-case lists per
/// token, and a heap string each time was a large share of extraction.
pub fn with_lower<R>(s: &str, f: impl FnOnce(&str) -> R) -> R {
    const MAX: usize = 32;
    // Most words are lower-case ASCII already: no copy needed at all.
    if s.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        return f(s);
    }
    if s.len() <= MAX && s.is_ascii() {
        let mut buf = [0u8; MAX];
        let bytes = &mut buf[..s.len()];
        // Copied and lower-cased in one pass.
        for (lowered, &b) in bytes.iter_mut().zip(s.as_bytes()) {
            *lowered = b.to_ascii_lowercase();
        }
        match std::str::from_utf8(bytes) {
            Ok(lowered) => f(lowered),
            Err(_) => f(&s.to_lowercase()),
        }
    } else {
        f(&s.to_lowercase())
    }
}

/// A multiplicative hash for the short words looked up per token; the
/// word lists are fixed, so collision attacks are no concern here.
#[derive(Default, Clone, Copy)]
pub struct WordHasher(u64);

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.mix(u64::from_le_bytes(word));
        }
        // The short tail (most words are shorter than 8 bytes) as a
        // zero-padded little-endian word, assembled in a register: a
        // variable-length copy into a buffer was a `memcpy` call per lookup.
        let tail = chunks.remainder();
        if !tail.is_empty() {
            let word = tail
                .iter()
                .enumerate()
                .fold(0u64, |word, (i, &b)| word | u64::from(b) << (8 * i));
            self.mix(word);
        }
    }

    fn write_u8(&mut self, byte: u8) {
        self.mix(u64::from(byte));
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl WordHasher {
    #[inline]
    fn mix(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

pub type WordBuildHasher = BuildHasherDefault<WordHasher>;

/// A word list as a hash set, built on first use: the rules ask whether a
/// word is in a list of hundreds for nearly every token, and a linear scan
/// of the list was the largest single cost of extraction.
pub struct WordSet {
    words: &'static [&'static str],
    more: &'static [&'static str],
    set: OnceLock<HashSet<&'static str, WordBuildHasher>>,
}

impl WordSet {
    pub const fn new(words: &'static [&'static str]) -> Self {
        WordSet::union(words, &[])
    }

    /// Two lists as one set.
    pub const fn union(words: &'static [&'static str], more: &'static [&'static str]) -> Self {
        WordSet {
            words,
            more,
            set: OnceLock::new(),
        }
    }

    pub fn contains(&self, word: &str) -> bool {
        self.set().contains(word)
    }

    /// The list's own copy of `word`, if listed.
    pub fn get(&self, word: &str) -> Option<&'static str> {
        self.set().get(word).copied()
    }

    fn set(&self) -> &HashSet<&'static str, WordBuildHasher> {
        self.set
            .get_or_init(|| self.words.iter().chain(self.more).copied().collect())
    }
}

/// A list of (name, value) pairs as a hash map; the first pair with a
/// name wins, as a linear `find` over the list would.
pub struct WordMap {
    pairs: &'static [(&'static str, &'static str)],
    map: OnceLock<HashMap<&'static str, &'static str, WordBuildHasher>>,
}

impl WordMap {
    pub const fn new(pairs: &'static [(&'static str, &'static str)]) -> Self {
        WordMap {
            pairs,
            map: OnceLock::new(),
        }
    }

    pub fn get(&self, word: &str) -> Option<&'static str> {
        self.map
            .get_or_init(|| {
                let mut map = HashMap::default();
                for &(name, value) in self.pairs {
                    map.entry(name).or_insert(value);
                }
                map
            })
            .get(word)
            .copied()
    }
}

pub static HONORIFIC_ABBREVIATION_SET: WordSet = WordSet::new(HONORIFIC_ABBREVIATIONS);
pub static HONORIFIC_SET: WordSet = WordSet::new(HONORIFICS);
pub static OFFICE_TITLE_SET: WordSet = WordSet::new(OFFICE_TITLES);
pub static ROLE_NOUN_SET: WordSet = WordSet::union(ROLE_NOUNS, KIN_NOUNS);
pub static ROLE_MODIFIER_SET: WordSet = WordSet::new(ROLE_MODIFIERS);
/// Organisation words, company heads among them.
pub static ORG_WORD_SET: WordSet = WordSet::union(ORG_WORDS, COMPANY_WORDS);
pub static COMPANY_WORD_SET: WordSet = WordSet::new(COMPANY_WORDS);
pub static KNOWN_ORG_SET: WordSet = WordSet::new(KNOWN_ORGS);
pub static NOT_ACRONYM_SET: WordSet = WordSet::new(NOT_ACRONYMS);
pub static COUNTRY_ACRONYM_MAP: WordMap = WordMap::new(COUNTRY_ACRONYMS);
pub static ORG_ACRONYM_MAP: WordMap = WordMap::new(ORG_ACRONYMS);
pub static PLACE_ALIAS_MAP: WordMap = WordMap::new(PLACE_ALIASES);
pub static PLACE_SET: WordSet = WordSet::new(PLACES);
pub static DEMONYM_SET: WordSet = WordSet::new(DEMONYMS);
pub static STOPWORD_SET: WordSet = WordSet::new(STOPWORDS);
pub static CALENDAR_SET: WordSet = WordSet::new(CALENDAR);
pub static FAMILY_FIRST_SET: WordSet = WordSet::new(FAMILY_FIRST);
pub static GIVEN_NAME_SET: WordSet = WordSet::new(GIVEN_NAMES);

/// One text unit analysed once and shared by the entity, quote and figure
/// rules (each used to tokenize every unit again, some of them per quote).
pub struct Unit<'a> {
    pub text: &'a str,
    pub tokens: Vec<Token<'a>>,
    /// [`sentence_initial`] of the tokens.
    pub initial: Vec<bool>,
    sentences: OnceCell<Vec<(usize, usize)>>,
}

impl<'a> Unit<'a> {
    pub fn new(text: &'a str) -> Self {
        let tokens = tokenize(text);
        let initial = sentence_initial(&tokens);
        Unit {
            text,
            tokens,
            initial,
            sentences: OnceCell::new(),
        }
    }

    /// [`sentence_spans`] of the text, worked out on first use.
    pub fn sentences(&self) -> &[(usize, usize)] {
        self.sentences
            .get_or_init(|| sentence_spans_of(self.text, &self.tokens))
    }
}

/// Analyses every unit of a document.
pub fn analyse<'a>(paragraphs: &[&'a str]) -> Vec<Unit<'a>> {
    paragraphs.iter().map(|text| Unit::new(text)).collect()
}

/// Removes a possessive suffix (`Russia's` -> `Russia`).
pub fn strip_possessive(s: &str) -> &str {
    // Every suffix ends in `s` or `S`; most words end otherwise. A test of
    // the last byte: an ASCII byte there is the whole last character.
    if !matches!(s.as_bytes().last(), Some(b's' | b'S')) {
        return s;
    }
    for suffix in ["'s", "’s", "'S", "’S"] {
        if s.len() > suffix.len() + 1 && s.ends_with(suffix) {
            return &s[..s.len() - suffix.len()];
        }
    }
    s
}

fn is_initials(s: &str) -> bool {
    !s.is_empty()
        && s.split('.')
            .all(|p| p.chars().count() == 1 && p.chars().all(char::is_alphabetic))
}

/// The character starting at byte `at`, if any.
#[inline]
fn char_at(text: &str, at: usize) -> Option<char> {
    match text.as_bytes().get(at) {
        Some(&b) if b.is_ascii() => Some(b as char),
        Some(_) => text[at..].chars().next(),
        None => None,
    }
}

/// The character after the one starting at byte `at`, with its byte offset.
#[inline]
fn char_after(text: &str, at: usize, c: char) -> (usize, Option<char>) {
    let next = at + c.len_utf8();
    (next, char_at(text, next))
}

/// Splits text into words and punctuation, keeping byte offsets.
///
/// Walks the bytes once, decoding only what it looks at, without a copy
/// of the text's characters: this runs on every unit of every document.
pub fn tokenize(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::with_capacity(text.len() / 5 + 1);
    let mut pos = 0;
    while let Some(c) = char_at(text, pos) {
        let len = c.len_utf8();
        if c.is_whitespace() {
            pos += len;
            continue;
        }
        if !c.is_alphanumeric() {
            out.push(Token {
                text: &text[pos..pos + len],
                start: pos,
                end: pos + len,
                word: false,
                case: Case::Other,
            });
            pos += len;
            continue;
        }
        // `j` is the byte offset of the character being looked at, `prev`
        // the character before it (the last one taken into the word).
        let mut prev = c;
        let mut j = pos + len;
        loop {
            // Runs of ASCII letters and digits, most of any word, in a tight loop.
            let bytes = text.as_bytes();
            let run_start = j;
            while bytes.get(j).is_some_and(u8::is_ascii_alphanumeric) {
                j += 1;
            }
            if j > run_start {
                prev = bytes[j - 1] as char;
            }
            let Some(cj) = char_at(text, j) else { break };
            if cj.is_alphanumeric() {
                prev = cj;
                j += cj.len_utf8();
                continue;
            }
            // Only these can continue a word (the rules below); anything
            // else, a space most often, ends it without looking further.
            if !matches!(cj, '-' | '‑' | '\'' | '’' | ',' | '.') {
                break;
            }
            let (after_cj, next) = char_after(text, j, cj);
            let next_alnum = next.is_some_and(char::is_alphanumeric);
            let so_far = &text[pos..j];
            let take = match cj {
                '-' | '‑' | '\'' | '’' if next_alnum => true,
                ',' if prev.is_ascii_digit() && next.is_some_and(|n| n.is_ascii_digit()) && {
                    // Thousands separator: exactly three digits follow.
                    let n = next.unwrap_or(' ');
                    let (at2, c2) = char_after(text, after_cj, n);
                    let (at3, c3) = c2.map_or((at2, None), |c2| char_after(text, at2, c2));
                    let c4 = c3.and_then(|c3| char_after(text, at3, c3).1);
                    c3.is_some_and(|d| d.is_ascii_digit())
                        && !c4.is_some_and(|d| d.is_ascii_digit())
                } =>
                {
                    true
                }
                '.' if prev.is_ascii_digit() && next.is_some_and(|n| n.is_ascii_digit()) => true,
                // The cheap test first: a sentence's full stop is followed by a space.
                '.' if next.is_some_and(char::is_alphabetic) && is_initials(so_far) => {
                    // U.S / U.N: only single letters between dots.
                    let n = next.unwrap_or(' ');
                    let after = char_after(text, after_cj, n).1;
                    if after.is_none_or(|a| !a.is_alphanumeric()) {
                        true
                    } else {
                        break;
                    }
                }
                '.' if so_far.contains('.') && is_initials(so_far) => {
                    j = after_cj;
                    break;
                }
                // "PowerOutage.us", "Booking.com": a web address is one word.
                '.' if next.is_some_and(|n| n.is_ascii_lowercase()) => {
                    let tld_end = text[after_cj..]
                        .find(|ch: char| !ch.is_ascii_alphanumeric())
                        .map_or(text.len(), |k| after_cj + k);
                    if WEB_DOMAINS.contains(&&text[after_cj..tld_end]) {
                        j = tld_end;
                    }
                    break;
                }
                _ => break,
            };
            if take {
                prev = cj;
                j = after_cj;
            }
        }
        out.push(Token {
            text: &text[pos..j],
            start: pos,
            end: j,
            word: true,
            case: Case::of_word(c),
        });
        pos = j;
    }
    out
}

/// Top-level domains that end a web address written as a name
/// ("Booking.com", "Rentals.ca").
const WEB_DOMAINS: &[&str] = &[
    "com", "org", "net", "io", "us", "uk", "ca", "au", "de", "fr", "gov", "edu", "info", "co",
];

/// A web address used as a name: a capitalised word, a dot and a
/// top-level domain ("PowerOutage.us", "Booking.com").
pub fn is_web_name(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
        && w.rsplit_once('.').is_some_and(|(name, tld)| {
            name.len() >= 2 && !name.contains('.') && WEB_DOMAINS.contains(&tld)
        })
}

/// Opening quotation marks (straight quotes are decided by context elsewhere).
pub fn is_quote_char(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '‘' | '’' | '«' | '»' | '\'')
}

/// For every token, whether it begins a sentence (or a quotation, or the
/// text after a colon): the places where a capital letter says nothing.
pub fn sentence_initial(tokens: &[Token]) -> Vec<bool> {
    let mut out = vec![false; tokens.len()];
    let mut initial = true;
    let mut last_word: Option<&Token> = None;
    for (i, t) in tokens.iter().enumerate() {
        if t.word {
            out[i] = initial;
            initial = false;
            last_word = Some(t);
            continue;
        }
        let c = t.text.chars().next().unwrap_or(' ');
        match c {
            '.' => {
                let abbrev = last_word.is_some_and(|w| {
                    with_lower(w.text, |l| HONORIFIC_ABBREVIATION_SET.contains(l))
                        || (w.text.chars().count() == 1 && w.is_cap())
                });
                if !abbrev {
                    initial = true;
                }
            }
            '?' | '!' | '…' | ':' | '“' | '‘' | '"' | '«' => initial = true,
            _ => {}
        }
    }
    out
}

/// Byte ranges of the sentences of a paragraph (terminators outside
/// quotations only; abbreviations and initials don't end a sentence).
pub fn sentence_spans(text: &str) -> Vec<(usize, usize)> {
    sentence_spans_of(text, &tokenize(text))
}

/// [`sentence_spans`] from the text's tokens.
pub fn sentence_spans_of(text: &str, tokens: &[Token]) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start: Option<usize> = None;
    let mut in_quote = false;
    let mut last_word: Option<&Token> = None;
    for (i, t) in tokens.iter().enumerate() {
        if start.is_none() {
            start = Some(t.start);
        }
        if t.word {
            last_word = Some(t);
            continue;
        }
        let c = t.text.chars().next().unwrap_or(' ');
        match c {
            '“' => in_quote = true,
            '”' => in_quote = false,
            '"' => in_quote = !in_quote,
            '.' | '?' | '!' | '…' if !in_quote || is_quote_end_after(tokens, i) => {
                let abbrev = c == '.'
                    && last_word.is_some_and(|w| {
                        with_lower(w.text, |l| HONORIFIC_ABBREVIATION_SET.contains(l))
                            || (w.text.chars().count() == 1 && w.is_cap())
                    });
                let next = tokens.get(i + 1);
                let boundary = match next {
                    None => true,
                    Some(n) => {
                        n.start > t.end
                            || (!n.word && matches!(n.text, "\"" | "”" | "’" | "'" | ")"))
                    }
                };
                if !abbrev && boundary && !in_quote {
                    // Swallow closing quotes/brackets that follow.
                    let mut end = t.end;
                    let mut k = i + 1;
                    while let Some(n) = tokens.get(k) {
                        if !n.word && n.start == end && matches!(n.text, "”" | "\"" | "’" | ")")
                        {
                            end = n.end;
                            k += 1;
                        } else {
                            break;
                        }
                    }
                    spans.push((start.unwrap_or(0), end));
                    start = None;
                }
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        spans.push((s, text.len()));
    }
    // Merge spans made of closing quotes only.
    spans.retain(|&(s, e)| text[s..e].chars().any(char::is_alphanumeric));
    spans
}

fn is_quote_end_after(tokens: &[Token], i: usize) -> bool {
    tokens
        .get(i + 1)
        .is_some_and(|n| !n.word && matches!(n.text, "”" | "\""))
        && tokens
            .get(i + 2)
            .is_none_or(|n| n.start > tokens[i + 1].end)
}

/// A key for merging spelling variants of one name: lower-case ASCII with
/// accents folded, dots dropped (`U.S.` = `US`), hyphens and spaces unified
/// (`Kim Jong-un` = `Kim Jong Un`), possessive and a leading "the" removed.
pub fn name_key(name: &str) -> String {
    let name = name.trim();
    plain_name_key(name).unwrap_or_else(|| slug_name_key(name))
}

/// [`name_key`] by way of the slug: for names with dots, hyphens,
/// apostrophes or letters outside ASCII.
pub(super) fn slug_name_key(name: &str) -> String {
    let no_dots: Cow<str> = if name.contains('.') {
        name.chars()
            .filter(|&c| c != '.')
            .collect::<String>()
            .into()
    } else {
        name.into()
    };
    // A slug never has empty, leading or trailing segments, so its hyphens
    // are exactly the word breaks, and "the-" starts it only before another word.
    let slug = slugify(strip_possessive(&no_dots));
    slug.strip_prefix("the-").unwrap_or(&slug).replace('-', " ")
}

/// [`name_key`] of a name of ASCII letters, digits and spaces only (most
/// names): the same key without the slug's copies. `None` for any other.
pub(super) fn plain_name_key(name: &str) -> Option<String> {
    if !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b' ') {
        return None;
    }
    let mut key = String::with_capacity(name.len());
    for word in name.split_ascii_whitespace() {
        if !key.is_empty() {
            key.push(' ');
        }
        key.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
    }
    if key.starts_with("the ") {
        key.drain(..4);
    }
    Some(key)
}

pub fn contains(list: &[&str], word: &str) -> bool {
    list.contains(&word)
}

pub fn contains_ci(list: &[&str], word: &str) -> bool {
    let l = word.to_lowercase();
    list.iter().any(|w| w.eq_ignore_ascii_case(&l))
}

/// Abbreviations that end in a dot without ending the sentence.
pub const HONORIFIC_ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "adm", "st", "sen",
    "rep", "gov", "rev", "hon", "jr", "sr", "no", "vs", "etc", "inc", "ltd", "co", "corp",
];

/// Courtesy and academic/military titles: stripped from a name and not a role.
pub const HONORIFICS: &[&str] = &[
    "Mr",
    "Mrs",
    "Ms",
    "Miss",
    "Mx",
    "Dr",
    "Prof",
    "Professor",
    "Sir",
    "Dame",
    "Lord",
    "Lady",
    "Rev",
    "Reverend",
    "Sheikh",
    "General",
    "Gen",
    "Lieutenant",
    "Lt",
    "Colonel",
    "Col",
    "Major",
    "Maj",
    "Captain",
    "Capt",
    "Admiral",
    "Adm",
    "Sergeant",
    "Sgt",
    "Commander",
    "Brigadier",
    "Marshal",
    "Corporal",
    "Lieutenant-General",
    "Major-General",
    "Dr.",
    "Mr.",
    "Mrs.",
    "Ms.",
];

/// Office titles: stripped from a name, kept as the role.
pub const OFFICE_TITLES: &[&str] = &[
    "President",
    "Vice-President",
    "Minister",
    "Secretary",
    "Secretary-General",
    "Chancellor",
    "King",
    "Queen",
    "Prince",
    "Princess",
    "Emperor",
    "Pope",
    "Senator",
    "Sen",
    "Governor",
    "Gov",
    "Mayor",
    "Premier",
    "Ambassador",
    "Envoy",
    "Chairman",
    "Chairwoman",
    "Chairperson",
    "Director",
    "Director-General",
    "Commissioner",
    "Speaker",
    "Leader",
    "Spokesman",
    "Spokeswoman",
    "Spokesperson",
    "Treasurer",
    "Attorney-General",
    "Judge",
    "Justice",
    "Congressman",
    "Congresswoman",
    "Representative",
    "Rep",
    "Chief",
    "CEO",
    "Prosecutor",
    "Ayatollah",
    "Crown",
    "Councillor",
    "Councilor",
    "Alderman",
    "Superintendent",
    "Inspector",
    "Detective",
    "Bishop",
    "Archbishop",
    "Cardinal",
    "Rabbi",
    "Imam",
    "Administrator",
    "Chair",
    "Coach",
    "Sheriff",
    "Comptroller",
    "Ombudsman",
    "Provost",
    "Rector",
];

/// Lower-case role nouns: `spokesman X`, `X, a professor of ...`.
pub const ROLE_NOUNS: &[&str] = &[
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "leader",
    "ambassador",
    "envoy",
    "chair",
    "chairman",
    "chairwoman",
    "chairperson",
    "fellow",
    "minister",
    "president",
    "secretary",
    "professor",
    "director",
    "analyst",
    "adviser",
    "advisor",
    "researcher",
    "expert",
    "economist",
    "official",
    "commander",
    "chief",
    "head",
    "lawyer",
    "attorney",
    "judge",
    "senator",
    "governor",
    "mayor",
    "founder",
    "co-founder",
    "executive",
    "editor",
    "correspondent",
    "reporter",
    "author",
    "scientist",
    "historian",
    "lecturer",
    "counterpart",
    "deputy",
    "premier",
    "chancellor",
    "diplomat",
    "negotiator",
    "candidate",
    "manager",
    "officer",
    "coach",
    "politician",
    "activist",
    "campaigner",
    "strategist",
    "partner",
    "doctor",
    "surgeon",
    "teacher",
    "prosecutor",
    "investigator",
    "representative",
    "lawmaker",
    "congressman",
    "congresswoman",
    "dean",
    "vice-chancellor",
    "principal",
    "owner",
    "secretary-general",
    "director-general",
    "ceo",
    "chief executive",
    "general",
    "colonel",
    "captain",
    "admiral",
    "commissioner",
    "treasurer",
    "mp",
    "physicist",
    "engineer",
    "consultant",
    "specialist",
    "spokesperson",
    "king",
    "queen",
    "prince",
    "emperor",
    "judge",
    "speaker",
    "chairs",
    "aide",
    "farmer",
    "nurse",
    "student",
    "mother",
    "father",
    "resident",
    "organiser",
    "organizer",
    "architect",
    "designer",
    "pilot",
    "writer",
    "journalist",
    "novelist",
    "president-elect",
    "co-director",
    "co-chair",
    "broadcaster",
    "ecologist",
    "biologist",
    "epidemiologist",
    "virologist",
    "psychologist",
    "sociologist",
    "researcher",
    "councillor",
    "councilor",
    "alderman",
    "legislator",
    "trustee",
    "supervisor",
    "sheriff",
    "inspector",
    "superintendent",
    "detective",
    "magistrate",
    "coroner",
    "librarian",
    "curator",
    "archivist",
    "headteacher",
    "headmaster",
    "bishop",
    "archbishop",
    "rabbi",
    "imam",
    "priest",
    "pastor",
    "chaplain",
    "clerk",
    "harbourmaster",
    "harbormaster",
    "captain",
    "skipper",
];

/// Kin nouns, role nouns too: "his wife Maureen", "her son, Elijah,".
pub const KIN_NOUNS: &[&str] = &[
    "wife",
    "husband",
    "son",
    "daughter",
    "brother",
    "sister",
    "widow",
    "widower",
    "grandson",
    "granddaughter",
    "grandmother",
    "grandfather",
    "niece",
    "nephew",
    "cousin",
    "fiancé",
    "fiancée",
    "girlfriend",
    "boyfriend",
    "uncle",
    "aunt",
];

/// A role noun from the list, or an occupation by its ending
/// ("hydrologist", "statistician", "photographer").
pub fn is_role_noun(lower: &str) -> bool {
    if ROLE_NOUN_SET.contains(lower) {
        return true;
    }
    // "vice-president", "co-founder", "ex-minister": the head after a
    // modifier prefix.
    if let Some((prefix, head)) = lower.rsplit_once('-') {
        if matches!(
            prefix,
            "vice" | "co" | "ex" | "deputy" | "under" | "lieutenant"
        ) {
            return ROLE_NOUN_SET.contains(head) || OFFICE_TITLE_SET.contains(head);
        }
    }
    // The suffix first: it rules out nearly every word without walking its
    // characters.
    let role_suffix = lower.ends_with("ologist")
        || lower.ends_with("ician")
        || lower.ends_with("ographer")
        // "-qvist"/"-kvist" end Scandinavian surnames (Lindqvist), no trade.
        || (lower.ends_with("ist")
            && lower.chars().count() >= 7
            && !lower.ends_with("qvist")
            && !lower.ends_with("kvist"));
    role_suffix && lower.chars().all(|c| c.is_alphabetic() || c == '-')
}

/// Lower-case words that may sit inside a role phrase before a name
/// ("senior", "deputy", "foreign", ...).
pub const ROLE_MODIFIERS: &[&str] = &[
    "senior",
    "deputy",
    "former",
    "acting",
    "chief",
    "top",
    "foreign",
    "defence",
    "defense",
    "interim",
    "vice",
    "assistant",
    "associate",
    "adjunct",
    "special",
    "national",
    "security",
    "press",
    "military",
    "prime",
    "opposition",
    "party",
    "union",
    "state",
    "federal",
    "regional",
    "local",
    "army",
    "navy",
    "intelligence",
    "finance",
    "health",
    "trade",
    "energy",
    "interior",
    "justice",
    "education",
    "environment",
    "police",
    "government",
    "executive",
    "managing",
    "research",
    "visiting",
    "lead",
    "general",
    "supreme",
];

/// Words that make a capitalised run an organisation.
pub const ORG_WORDS: &[&str] = &[
    "Center",
    "Centre",
    "Institute",
    "Institution",
    "University",
    "College",
    "School",
    "Academy",
    "Agency",
    "Council",
    "Ministry",
    "Department",
    "Party",
    "Union",
    "Bank",
    "Commission",
    "Committee",
    "Programme",
    "Program",
    "Organisation",
    "Organization",
    "Office",
    "Army",
    "Navy",
    "Forces",
    "Force",
    "Corps",
    "Guard",
    "Guards",
    "Nations",
    "Court",
    "Parliament",
    "Congress",
    "Assembly",
    "Senate",
    "Foundation",
    "Association",
    "Federation",
    "Confederation",
    "League",
    "Society",
    "Alliance",
    "Coalition",
    "Fund",
    "Group",
    "Corporation",
    "Company",
    "Inc",
    "Ltd",
    "Authority",
    "Bureau",
    "Service",
    "Services",
    "Police",
    "Network",
    "Board",
    "Trust",
    "Administration",
    "Government",
    "Cabinet",
    "Secretariat",
    "Command",
    "Directorate",
    "Laboratory",
    "Hospital",
    "Museum",
    "Gallery",
    "Galleries",
    "Tribunal",
    "Forum",
    "Movement",
    "Brigade",
    "Staff",
    "Regiment",
    "Battalion",
    "Broadcasting",
    "Airlines",
    "Industries",
    "Holdings",
    "Watch",
    "International",
    "Institutes",
    "Observatory",
    "Chamber",
    "Reserve",
    "Exchange",
    "Treasury",
    "Studies",
    "Times",
    "Post",
    "Journal",
    "Herald",
    "Commonwealth",
    "Secretariat",
    "Conference",
    "Motors",
    "Airways",
    "Pharmaceuticals",
    "Technologies",
    "Labs",
    "Enterprises",
    "Ventures",
    "Studios",
    "Petroleum",
    "Mining",
    "Telecom",
    "Railways",
    "Logistics",
    "Insurance",
    "Corp",
    "Plc",
    "LLC",
    "Church",
    "Legion",
    "Club",
    "Brotherhood",
    "Gaming",
    "Lab",
    "Project",
    "Municipality",
    // Firm and sports-body heads.
    "Capital",
    "Partners",
    "Associates",
    "Brothers",
    "Engineering",
    "Consulting",
    "Athletics",
    "Regulator",
    // "Geological Survey", "Antarctic Survey": a survey body.
    "Survey",
    // "Catholic Charities", "Border Patrol", "Network Rail".
    "Charities",
    "Charity",
    "Patrol",
    "Rail",
];

/// Last words of company names ("the company said" prefers these).
pub const COMPANY_WORDS: &[&str] = &[
    "Motors",
    "Airways",
    "Airlines",
    "Pharmaceuticals",
    "Technologies",
    "Labs",
    "Enterprises",
    "Ventures",
    "Studios",
    "Petroleum",
    "Mining",
    "Telecom",
    "Railways",
    "Logistics",
    "Insurance",
    "Corp",
    "Plc",
    "LLC",
    "Inc",
    "Ltd",
    "Corporation",
    "Company",
    "Group",
    "Holdings",
    "Industries",
    "Bank",
    "Terminals",
    "Capital",
    "Partners",
    "Brothers",
    "Engineering",
    "Consulting",
    // Also organisation words: in `ORG_WORD_SET` with the list above.
    "Electronics",
    "Electric",
    "Devices",
    "Systems",
    "Semiconductor",
    "Chemicals",
    "Chemical",
    "Foods",
    "Brands",
    "Entertainment",
    "Software",
    "Therapeutics",
    "Solutions",
    "Securities",
    "Investments",
    "Shipping",
    "Automotive",
    "Aerospace",
    "Dynamics",
    "Robotics",
    "Energy",
    "Pharma",
    "Motor",
    "Communications",
    "Telecommunications",
    "Platforms",
    "Networks",
    "Resources",
    "Materials",
];

/// Organisations known by a single name or a fixed phrase.
pub const KNOWN_ORGS: &[&str] = &[
    "Pentagon",
    "Kremlin",
    "White House",
    "Reuters",
    "Congress",
    "Parliament",
    "Senate",
    "Hamas",
    "Hezbollah",
    "Taliban",
    "Interpol",
    "Europol",
    "Google",
    "Microsoft",
    "Amazon",
    "Facebook",
    "OpenAI",
    "Tesla",
    "Boeing",
    "Airbus",
    "Gazprom",
    "Huawei",
    "Samsung",
    "Toyota",
    "Downing Street",
    "Whitehall",
    "Bundestag",
    "Duma",
    "Knesset",
    "Politburo",
    "Bloomberg",
    "Yonhap",
    "Xinhua",
    "Al Jazeera",
    "Associated Press",
    "Nvidia",
    "Greenpeace",
    "Oxfam",
    "Vatican",
    // Humanitarian bodies named without an organisation word.
    "Red Cross",
    "Red Crescent",
    "Amnesty International",
    "Doctors Without Borders",
    "Médecins Sans Frontières",
    "Save the Children",
];

/// Upper-case abbreviations that are not organisations.
pub const NOT_ACRONYMS: &[&str] = &[
    "I", "A", "OK", "TV", "AM", "PM", "CEO", "CFO", "CTO", "GDP", "AI", "ID", "DNA", "HIV", "AIDS",
    "COVID", "ICBM", "UFO", "VIP", "FAQ", "MP", "MPS", "RPG", "GPS", "USB", "PDF", "HTML", "API",
    "II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XX", "NB", "PS", "AD", "BC", "CE", "BCE",
    "USD", "EUR", "GBP", "KM", "KG", "MW", "GW", "LGBT", "LGBTQ", "NGO", "UAV", "SUV", "EV",
    "CCTV", "HQ", "WMD", "IQ", "RSVP", "ASAP", "DIY", "IVF", "CO", "CO2", "SMS", "PR", "HR", "X",
    "IT", "US", "ET", "PT", "GMT", "UTC", "BST", "AEST", "AEDT", "EST", "PST", "NO", "THE", "AND",
    "OF", "NEWS",
];

/// Abbreviations that name a country (an alias of the place).
pub const COUNTRY_ACRONYMS: &[(&str, &str)] = &[
    ("US", "United States"),
    ("U.S.", "United States"),
    ("U.S", "United States"),
    ("USA", "United States"),
    ("U.S.A.", "United States"),
    ("UK", "United Kingdom"),
    ("U.K.", "United Kingdom"),
    ("DPRK", "North Korea"),
    ("ROK", "South Korea"),
    ("PRC", "China"),
    ("UAE", "United Arab Emirates"),
    ("DRC", "Democratic Republic of the Congo"),
];

/// Well-known organisation abbreviations and their full names.
pub const ORG_ACRONYMS: &[(&str, &str)] = &[
    ("UN", "United Nations"),
    ("U.N.", "United Nations"),
    ("EU", "European Union"),
    ("IMF", "International Monetary Fund"),
    ("IAEA", "International Atomic Energy Agency"),
    ("WHO", "World Health Organization"),
    // The wire agencies, named by their acronyms in datelines and credits.
    ("AP", "Associated Press"),
    ("AFP", "Agence France-Presse"),
    ("UPI", "United Press International"),
    ("DPA", "Deutsche Presse-Agentur"),
    // Short and house-style forms of well-known bodies ("the Fed", "Nato").
    ("Fed", "Federal Reserve"),
    ("Nato", "NATO"),
    ("Opec", "OPEC"),
    ("Unicef", "UNICEF"),
    ("Unesco", "UNESCO"),
    ("Fifa", "FIFA"),
    ("Uefa", "UEFA"),
    ("Nasa", "NASA"),
];

/// Alternative names of places, mapped to the canonical name.
pub const PLACE_ALIASES: &[(&str, &str)] = &[
    ("America", "United States"),
    ("United States of America", "United States"),
    ("Britain", "United Kingdom"),
    ("Great Britain", "United Kingdom"),
    ("Kiev", "Kyiv"),
    ("Burma", "Myanmar"),
    ("Democratic People's Republic of Korea", "North Korea"),
    ("Republic of Korea", "South Korea"),
    ("People's Republic of China", "China"),
    ("Holland", "Netherlands"),
    ("Odessa", "Odesa"),
    ("Donbass", "Donbas"),
    ("L.A.", "Los Angeles"),
    ("D.C.", "Washington D.C."),
    ("Washington D.C.", "Washington D.C."),
    ("Makkah", "Mecca"),
    ("Genova", "Genoa"),
    ("Toscana", "Tuscany"),
    ("Firenze", "Florence"),
    ("Napoli", "Naples"),
    ("Torino", "Turin"),
    ("Milano", "Milan"),
    ("Roma", "Rome"),
    ("Venezia", "Venice"),
    ("München", "Munich"),
    ("Köln", "Cologne"),
    ("Bombay", "Mumbai"),
    ("Calcutta", "Kolkata"),
    ("Madras", "Chennai"),
    ("Peking", "Beijing"),
    ("Canton", "Guangzhou"),
    // Countries by the other name wire copy gives them (GeoNames has one).
    ("Côte d'Ivoire", "Ivory Coast"),
    ("Cote d'Ivoire", "Ivory Coast"),
    ("Czech Republic", "Czechia"),
    ("Türkiye", "Turkey"),
    ("East Timor", "Timor-Leste"),
    ("Swaziland", "Eswatini"),
    ("Cape Verde", "Cabo Verde"),
];

/// Countries, capitals, major cities and regions.
pub const PLACES: &[&str] = &[
    // Former countries and mountain ranges.
    "Soviet Union",
    "Czechoslovakia",
    "Yugoslavia",
    "East Germany",
    "West Germany",
    "Ottoman Empire",
    "Alps",
    "Himalayas",
    "Andes",
    "Rockies",
    "Sahara",
    // Holy cities, regions and provinces the open lists spell otherwise.
    "Mecca",
    "Medina",
    "Tuscany",
    "Lombardy",
    "Sicily",
    "Sardinia",
    "Aceh",
    "Kurdistan",
    "Patagonia",
    "Bavaria",
    "Catalonia",
    "Andalusia",
    "Flanders",
    "Wallonia",
    // Countries.
    "Afghanistan",
    "Albania",
    "Algeria",
    "Andorra",
    "Angola",
    "Argentina",
    "Armenia",
    "Australia",
    "Austria",
    "Azerbaijan",
    "Bahamas",
    "Bahrain",
    "Bangladesh",
    "Barbados",
    "Belarus",
    "Belgium",
    "Belize",
    "Benin",
    "Bhutan",
    "Bolivia",
    "Bosnia",
    "Botswana",
    "Brazil",
    "Brunei",
    "Bulgaria",
    "Burkina Faso",
    "Burundi",
    "Cambodia",
    "Cameroon",
    "Canada",
    "Chad",
    "Chile",
    "China",
    "Colombia",
    "Congo",
    "Costa Rica",
    "Croatia",
    "Cuba",
    "Cyprus",
    "Czech Republic",
    "Czechia",
    "Denmark",
    "Djibouti",
    "Dominican Republic",
    "Ecuador",
    "Egypt",
    "El Salvador",
    "Eritrea",
    "Estonia",
    "Eswatini",
    "Ethiopia",
    "Fiji",
    "Finland",
    "France",
    "Gabon",
    "Gambia",
    "Georgia",
    "Germany",
    "Ghana",
    "Greece",
    "Greenland",
    "Guatemala",
    "Guinea",
    "Guyana",
    "Haiti",
    "Honduras",
    "Hungary",
    "Iceland",
    "India",
    "Indonesia",
    "Iran",
    "Iraq",
    "Ireland",
    "Israel",
    "Italy",
    "Ivory Coast",
    "Jamaica",
    "Japan",
    "Jordan",
    "Kazakhstan",
    "Kenya",
    "Kiribati",
    "Kosovo",
    "Kuwait",
    "Kyrgyzstan",
    "Laos",
    "Latvia",
    "Lebanon",
    "Lesotho",
    "Liberia",
    "Libya",
    "Liechtenstein",
    "Lithuania",
    "Luxembourg",
    "Madagascar",
    "Malawi",
    "Malaysia",
    "Maldives",
    "Mali",
    "Malta",
    "Mauritania",
    "Mauritius",
    "Mexico",
    "Moldova",
    "Monaco",
    "Mongolia",
    "Montenegro",
    "Morocco",
    "Mozambique",
    "Myanmar",
    "Namibia",
    "Nauru",
    "Nepal",
    "Netherlands",
    "New Zealand",
    "Nicaragua",
    "Niger",
    "Nigeria",
    "North Korea",
    "North Macedonia",
    "Norway",
    "Oman",
    "Pakistan",
    "Palau",
    "Palestine",
    "Panama",
    "Papua New Guinea",
    "Paraguay",
    "Peru",
    "Philippines",
    "Poland",
    "Portugal",
    "Qatar",
    "Romania",
    "Russia",
    "Rwanda",
    "Samoa",
    "San Marino",
    "Saudi Arabia",
    "Senegal",
    "Serbia",
    "Seychelles",
    "Sierra Leone",
    "Singapore",
    "Slovakia",
    "Slovenia",
    "Solomon Islands",
    "Somalia",
    "South Africa",
    "South Korea",
    "South Sudan",
    "Spain",
    "Sri Lanka",
    "Sudan",
    "Suriname",
    "Sweden",
    "Switzerland",
    "Syria",
    "Taiwan",
    "Tajikistan",
    "Tanzania",
    "Thailand",
    "Timor-Leste",
    "Togo",
    "Tonga",
    "Trinidad",
    "Tunisia",
    "Turkey",
    "Turkmenistan",
    "Tuvalu",
    "Uganda",
    "Ukraine",
    "United Arab Emirates",
    "United Kingdom",
    "United States",
    "Uruguay",
    "Uzbekistan",
    "Vanuatu",
    "Venezuela",
    "Vietnam",
    "Yemen",
    "Zambia",
    "Zimbabwe",
    "England",
    "Scotland",
    "Wales",
    "Northern Ireland",
    "Democratic Republic of the Congo",
    // Capitals and major cities.
    "Moscow",
    "Kyiv",
    "Pyongyang",
    "Seoul",
    "Beijing",
    "Washington",
    "London",
    "Paris",
    "Berlin",
    "Tokyo",
    "Tehran",
    "Jerusalem",
    "Tel Aviv",
    "Gaza",
    "Brussels",
    "Canberra",
    "Sydney",
    "Melbourne",
    "Brisbane",
    "Perth",
    "Adelaide",
    "New York",
    "Taipei",
    "Hong Kong",
    "New Delhi",
    "Delhi",
    "Mumbai",
    "Islamabad",
    "Kabul",
    "Baghdad",
    "Damascus",
    "Beirut",
    "Cairo",
    "Ankara",
    "Istanbul",
    "Warsaw",
    "Minsk",
    "Vilnius",
    "Riga",
    "Tallinn",
    "Helsinki",
    "Stockholm",
    "Oslo",
    "Copenhagen",
    "Rome",
    "Madrid",
    "Lisbon",
    "Vienna",
    "Budapest",
    "Prague",
    "Bucharest",
    "Sofia",
    "Athens",
    "Ottawa",
    "Toronto",
    "Vancouver",
    "Mexico City",
    "Brasilia",
    "Buenos Aires",
    "Nairobi",
    "Lagos",
    "Johannesburg",
    "Pretoria",
    "Riyadh",
    "Doha",
    "Dubai",
    "Abu Dhabi",
    "Manila",
    "Jakarta",
    "Bangkok",
    "Hanoi",
    "Kuala Lumpur",
    "Wellington",
    "Auckland",
    "Kharkiv",
    "Odesa",
    "Donetsk",
    "Luhansk",
    "Crimea",
    "Kursk",
    "Belgorod",
    "Zaporizhzhia",
    "Kherson",
    "Mariupol",
    "Bakhmut",
    "Dnipro",
    "Lviv",
    "Los Angeles",
    "Chicago",
    "San Francisco",
    "Shanghai",
    "Vladivostok",
    "St Petersburg",
    "Geneva",
    "The Hague",
    "Dhaka",
    "Karachi",
    "Lahore",
    "Kolkata",
    "Chennai",
    "Bengaluru",
    "Osaka",
    "Busan",
    "Sapporo",
    "Dublin",
    "Edinburgh",
    "Amsterdam",
    "Munich",
    "Frankfurt",
    "Milan",
    "Barcelona",
    "Havana",
    "Caracas",
    "Bogota",
    "Lima",
    "Santiago",
    "Addis Ababa",
    "Khartoum",
    "Kinshasa",
    "Tripoli",
    "Tunis",
    "Algiers",
    "Rabat",
    "Sanaa",
    "Aden",
    "Muscat",
    "Amman",
    "Ramallah",
    "Rafah",
    "Khan Younis",
    "Tbilisi",
    "Yerevan",
    "Baku",
    "Tashkent",
    "Astana",
    "Almaty",
    "Ulaanbaatar",
    "Kathmandu",
    "Colombo",
    "Yangon",
    "Phnom Penh",
    "Vientiane",
    "Darwin",
    "Hobart",
    "Houston",
    "Boston",
    "Miami",
    "Seattle",
    "Atlanta",
    "Dallas",
    "Detroit",
    "Philadelphia",
    // Regions.
    "Europe",
    "Asia",
    "Africa",
    "Middle East",
    "Indo-Pacific",
    "Asia-Pacific",
    "Pacific",
    "Atlantic",
    "Arctic",
    "Antarctica",
    "Latin America",
    "North America",
    "South America",
    "Southeast Asia",
    "Central Asia",
    "East Asia",
    "Balkans",
    "Caucasus",
    "Donbas",
    "Siberia",
    "Korean Peninsula",
    "West Bank",
    "Gaza Strip",
    "Taiwan Strait",
    "South China Sea",
    "Black Sea",
    "Baltic",
    "Scandinavia",
    "Kashmir",
    "Tibet",
    "Xinjiang",
    "Darfur",
    "Sahel",
    "Horn of Africa",
    "Persian Gulf",
    "Red Sea",
    "Mediterranean",
    "Caribbean",
    "Oceania",
    "Sinai",
    "Golan Heights",
];

/// Nationality adjectives: never part of a person's name.
pub const DEMONYMS: &[&str] = &[
    "American",
    "Russian",
    "Ukrainian",
    "Korean",
    "Chinese",
    "Japanese",
    "British",
    "English",
    "French",
    "German",
    "Italian",
    "Spanish",
    "Canadian",
    "Australian",
    "Indian",
    "Pakistani",
    "Iranian",
    "Iraqi",
    "Israeli",
    "Palestinian",
    "Syrian",
    "Turkish",
    "Egyptian",
    "Saudi",
    "Polish",
    "Dutch",
    "Belgian",
    "Swedish",
    "Norwegian",
    "Danish",
    "Finnish",
    "Greek",
    "Brazilian",
    "Mexican",
    "Argentine",
    "Cuban",
    "Venezuelan",
    "Nigerian",
    "Kenyan",
    "Ethiopian",
    "African",
    "European",
    "Asian",
    "Western",
    "Eastern",
    "Northern",
    "Southern",
    "Soviet",
    "Taiwanese",
    "Vietnamese",
    "Thai",
    "Lao",
    "Laotian",
    "Filipino",
    "Indonesian",
    "Malaysian",
    "Belarusian",
    "Georgian",
    "Armenian",
    "Lebanese",
    "Jordanian",
    "Afghan",
    "Irish",
    "Scottish",
    "Welsh",
    "Swiss",
    "Austrian",
    "Hungarian",
    "Czech",
    "Romanian",
    "Bulgarian",
    "Serbian",
    "Croatian",
    "Portuguese",
    "Kiwi",
    "Zealander",
    "Arab",
    "Kurdish",
    "Yemeni",
    "Qatari",
    "Emirati",
    "Libyan",
    "Sudanese",
    "Somali",
    "Chechen",
    "Latvian",
    "Lithuanian",
    "Estonian",
    "Moldovan",
    "Mongolian",
    "Koreans",
    "Russians",
    "Ukrainians",
    "Americans",
    "Chinese",
    "Islamic",
    "Muslim",
    "Christian",
    "Jewish",
    "Catholic",
    "Democrat",
    "Democrats",
    "Republican",
    "Republicans",
    "Labor",
    "Labour",
    "Liberal",
    "Conservative",
    "Communist",
    "Greens",
    "Atlantic",
    "Pacific",
];

/// Capitalised words that are never names on their own: function words,
/// sentence openers, weekdays, months and similar.
pub const STOPWORDS: &[&str] = &[
    // Religions and doctrines: capitalised, never a person or a body.
    "Islam",
    "Christianity",
    "Judaism",
    "Buddhism",
    "Hinduism",
    "Sikhism",
    "Catholicism",
    "Protestantism",
    "Communism",
    "Marxism",
    "The",
    "A",
    "An",
    "This",
    "That",
    "These",
    "Those",
    "It",
    "Its",
    "It's",
    "He",
    "She",
    "They",
    "We",
    "I",
    "You",
    "His",
    "Her",
    "Their",
    "Our",
    "My",
    "Your",
    "There",
    "Here",
    "Here's",
    "There's",
    "What",
    "What's",
    "When",
    "Where",
    "Why",
    "How",
    "Who",
    "Whom",
    "Whose",
    "Which",
    "Whether",
    "While",
    "If",
    "But",
    "And",
    "Or",
    "Nor",
    "So",
    "Yet",
    "As",
    "At",
    "In",
    "On",
    "Of",
    "For",
    "By",
    "With",
    "From",
    "To",
    "Into",
    "After",
    "Before",
    "During",
    "Since",
    "Until",
    "Although",
    "Though",
    "Because",
    "However",
    "Meanwhile",
    "Earlier",
    "Later",
    "Last",
    "Next",
    "Then",
    "Now",
    "Today",
    "Yesterday",
    "Tomorrow",
    "Tonight",
    "Some",
    "Many",
    "Most",
    "All",
    "Both",
    "Each",
    "Every",
    "Several",
    "Few",
    "Such",
    "Other",
    "Another",
    "Also",
    "Still",
    "Even",
    "Only",
    "Just",
    "Not",
    "No",
    "Yes",
    "Instead",
    "Despite",
    "According",
    "Asked",
    "Like",
    "Unlike",
    "Over",
    "Under",
    "Between",
    "Among",
    "Against",
    "Without",
    "Within",
    "Once",
    "Twice",
    "Again",
    "Indeed",
    "Experts",
    "Officials",
    "Analysts",
    "Critics",
    "Wait",
    "Is",
    "Are",
    "Was",
    "Were",
    "Do",
    "Does",
    "Did",
    "Can",
    "Could",
    "Will",
    "Would",
    "Should",
    "Might",
    "Must",
    "Let",
    "Please",
    "Well",
    "Oh",
    "Thanks",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
    "Western",
    "Eastern",
    "Northern",
    "Southern",
    "North",
    "South",
    "East",
    "West",
    "Central",
    "New",
    "Old",
    "First",
    "Second",
    "Third",
    "One",
    "Two",
    "Three",
    "Four",
    "Five",
    "Six",
    "Seven",
    "Eight",
    "Nine",
    "Ten",
    "Hundreds",
    "Thousands",
    "Millions",
    "Everything",
    "Nothing",
    "Something",
    "Anything",
    "Everyone",
    "Nobody",
    "Someone",
    "Anyone",
    "Why's",
    "Who's",
    "Let's",
    "Don't",
    "Isn't",
    "Can't",
    "Won't",
    "We're",
    "They're",
    "You're",
    "I'm",
    "I've",
    "We've",
    "They've",
    "Mrs",
    "Mr",
    "Ms",
    "Dr",
    "Photo",
    "Picture",
    "Image",
    "Video",
    "Source",
    "Sources",
    "Update",
    "Updated",
    "Read",
    "More",
    "Less",
    "Very",
    "Much",
    "Soon",
    "Already",
    "Perhaps",
    "Maybe",
    "Overall",
    "Together",
    "Finally",
    "Firstly",
    "Secondly",
    "Ultimately",
    "Currently",
    "Recently",
    "Previously",
    "Initially",
    "Separately",
    "Additionally",
    "Moreover",
    "Furthermore",
    "Nevertheless",
    "Nonetheless",
    "Otherwise",
    "Thus",
    "Therefore",
    "Hence",
    "Elsewhere",
    "Afterwards",
    "Government",
    "Internet",
    "God",
    "Christmas",
    "Easter",
    "Cold",
    "War",
    "World",
    "Day",
    "Year",
    "Week",
    "Month",
];

/// Weekdays and months.
pub const CALENDAR: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
];

/// Surnames written first (East Asian naming): `Kim Du-yeon`, `Xi Jinping`.
pub const FAMILY_FIRST: &[&str] = &[
    "Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim", "Han", "Oh", "Seo",
    "Shin", "Kwon", "Hwang", "Ahn", "Song", "Yoo", "Hong", "Moon", "Xi", "Li", "Wang", "Zhang",
    "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu", "Hu", "Deng", "Mao", "Jiang", "Wen",
    "Hun", "Nguyen", "Tran", "Le", "Pham", "Ri", "Choe", "Yi", "Chan", "Cheung", "Leung", "Wong",
    "Lau", "Kwok", "Lam", "Ho", "Yau", "Kwong", "Shiu", "Chow", "Tsang", "Tang", "Ng", "Yip",
    "Mak", "Fung", "Hui", "Yeung", "Yiu", "Chu", "Tam", "Lai", "Poon", "Tse", "Siu", "Cheng",
    "Chiang", "Tien", "Yung", "Mok", "Chau", "Kwan", "Choy", "Tsoi", "Leong", "Teo", "Goh", "Ong",
    "Koh", "Chua", "Yeo", "Lin", "Zhu", "Gao", "Luo", "Zheng", "Xie", "Xu", "Feng", "Cao", "Peng",
    "Zeng", "Xiao", "Tian", "Dong", "Yuan", "Cai", "Jia", "Wei", "Xue", "Yan", "Shen", "Yao",
    "Qian", "Cui", "Qiu", "Qin", "Hou", "Shao", "Meng", "Duan", "Zhong", "Chang", "Tsai", "Hsu",
    "Kuo", "Hsieh", "Huynh", "Phan", "Vu", "Vo", "Dang", "Bui", "Ngo", "Duong", "Ly",
];

/// Common given names (international mix) for the "looks like a person" rule.
pub const GIVEN_NAMES: &[&str] = &[
    "Aaron",
    "Adam",
    "Adrian",
    "Ahmed",
    "Aisha",
    "Alan",
    "Albert",
    "Alex",
    "Alexander",
    "Alexandra",
    "Alexei",
    "Alice",
    "Alison",
    "Amanda",
    "Amy",
    "Ana",
    "Andrea",
    "Andrew",
    "Andrei",
    "Andrzej",
    "Angela",
    "Anna",
    "Anne",
    "Anthony",
    "Antony",
    "Antonio",
    "Anthony",
    "Ashley",
    "Barack",
    "Barbara",
    "Ben",
    "Benjamin",
    "Bernard",
    "Bill",
    "Bob",
    "Boris",
    "Brian",
    "Bruce",
    "Carl",
    "Carlos",
    "Caroline",
    "Catherine",
    "Charles",
    "Charlotte",
    "Chris",
    "Christine",
    "Christopher",
    "Claire",
    "Claudia",
    "Craig",
    "Daniel",
    "David",
    "Deborah",
    "Dennis",
    "Diana",
    "Dmitry",
    "Dmitri",
    "Donald",
    "Douglas",
    "Edward",
    "Elena",
    "Elizabeth",
    "Emily",
    "Emma",
    "Emmanuel",
    "Eric",
    "Erik",
    "Fatima",
    "Frank",
    "Fiona",
    "Gary",
    "George",
    "Georgia",
    "Gerald",
    "Grace",
    "Graham",
    "Greg",
    "Hannah",
    "Harry",
    "Helen",
    "Henry",
    "Hugh",
    "Ian",
    "Igor",
    "Ivan",
    "Jack",
    "Jacob",
    "James",
    "Jane",
    "Janet",
    "Jason",
    "Javier",
    "Jean",
    "Jeff",
    "Jennifer",
    "Jens",
    "Jessica",
    "Jim",
    "Joe",
    "John",
    "Jonathan",
    "Jose",
    "Joseph",
    "Josh",
    "Juan",
    "Julia",
    "Julie",
    "Justin",
    "Kamala",
    "Karen",
    "Kate",
    "Katherine",
    "Kevin",
    "Kirsty",
    "Laura",
    "Lauren",
    "Lisa",
    "Lloyd",
    "Louise",
    "Luis",
    "Lucy",
    "Maria",
    "Marie",
    "Mark",
    "Martin",
    "Mary",
    "Matthew",
    "Michael",
    "Michelle",
    "Mike",
    "Mohammed",
    "Muhammad",
    "Nancy",
    "Natalia",
    "Nathan",
    "Neil",
    "Nicholas",
    "Nick",
    "Nicola",
    "Nikolai",
    "Olaf",
    "Olena",
    "Oleksandr",
    "Olga",
    "Olivia",
    "Pat",
    "Patrick",
    "Paul",
    "Pedro",
    "Penny",
    "Peter",
    "Philip",
    "Rachel",
    "Rebecca",
    "Richard",
    "Rishi",
    "Robert",
    "Roger",
    "Ruth",
    "Ryan",
    "Sam",
    "Samuel",
    "Sarah",
    "Scott",
    "Sean",
    "Sergei",
    "Sergey",
    "Simon",
    "Sophie",
    "Stephen",
    "Steve",
    "Steven",
    "Susan",
    "Tanya",
    "Thomas",
    "Tim",
    "Timothy",
    "Tom",
    "Tony",
    "Valerie",
    "Vasily",
    "Vassily",
    "Victor",
    "Viktor",
    "Vladimir",
    "Volodymyr",
    "Walter",
    "William",
    "Yulia",
    "Yuri",
    "Zoe",
    "Anthony",
    "Abdul",
    "Ali",
    "Hassan",
    "Hussein",
    "Omar",
    "Yusuf",
    "Ibrahim",
    "Mustafa",
    "Narendra",
    "Rahul",
    "Priya",
    "Raj",
    "Hiroshi",
    "Yuki",
    "Fumio",
    "Shinzo",
    "Takeshi",
    "Ursula",
    "Giorgia",
    "Pedro",
    "Luiz",
    "Keir",
    "Liz",
    "Theresa",
    "Anthony",
    "Malcolm",
    "Kevin",
    "Julia",
    "Scott",
    "Penny",
    "Peter",
    "Jacinda",
    "Chris",
    "Anwar",
    "Joko",
    "Recep",
    "Benjamin",
    "Mahmoud",
    "Yahya",
    "Marco",
    "Luca",
    "Giuseppe",
    "Francesco",
    "Hans",
    "Klaus",
    "Wolfgang",
    "Friedrich",
    "Annalena",
    "Pierre",
    "Jacques",
    "Francois",
    "Marine",
    "Nicolas",
    "Sophia",
    "Ivanka",
    "Hillary",
    "Nikki",
    "Ron",
    "Mitch",
    "Chuck",
    "Kim",
    "Dan",
    "Don",
    "Ken",
    "Ted",
    "Ed",
    "Fred",
    "Greta",
    "Maya",
    "Noah",
    "Liam",
    "Ethan",
    "Mia",
    "Ava",
    "Isabella",
    "Amelia",
    "Harper",
    "Evelyn",
    "Abigail",
    "Ella",
    "Grace",
    "Chloe",
    "Lily",
    "Hazel",
    "Nora",
    "Leah",
    "Ruby",
    "Stella",
    "Violet",
    "Sydney",
    "Rosa",
    "Julian",
    "Oliver",
    "Jasmine",
    "Kwame",
    "Amina",
    "Chinedu",
    "Ngozi",
    "Wei",
    "Ming",
    "Mei",
    "Hao",
    "Jun",
    "Akira",
    "Kenji",
    "Haruto",
    "Sakura",
    "Min",
    "Ji",
    "Seung",
    "Hyun",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strip_possessive_takes_only_a_possessive_ending() {
        let cases = [
            ("Russia's", "Russia"),
            ("Jones’s", "Jones"),
            ("NATO'S", "NATO"),
            ("analysts", "analysts"),
            ("'s", "'s"),
            ("Zürich", "Zürich"),
        ];
        for (word, base) in cases {
            assert_eq!(strip_possessive(word), base, "{word}");
        }
    }

    #[test]
    fn web_address_is_one_word() {
        let words: Vec<&str> = tokenize("Data from PowerOutage.us and Booking.com. Then it ended.")
            .iter()
            .filter(|t| t.word)
            .map(|t| t.text)
            .collect();
        assert_eq!(
            words,
            [
                "Data",
                "from",
                "PowerOutage.us",
                "and",
                "Booking.com",
                "Then",
                "it",
                "ended"
            ]
        );
        assert!(is_web_name("PowerOutage.us"));
        assert!(!is_web_name("U.S"));
        // A full stop with no space before a word is no address.
        let words: Vec<&str> = tokenize("It ended.then").iter().map(|t| t.text).collect();
        assert_eq!(words, ["It", "ended", ".", "then"]);
    }

    #[test]
    fn token_case_is_the_first_characters() {
        let tokens = tokenize("Étienne met élan, 3pm.");
        let case: Vec<(bool, bool)> = tokens.iter().map(|t| (t.is_cap(), t.is_lower())).collect();
        assert_eq!(
            case,
            [
                (true, false),
                (false, true),
                (false, true),
                (false, false),
                (false, false),
                (false, false)
            ]
        );
    }
}

//! Key figures: a number with what it counts.
//!
//! A figure is a numeral (`10,000`, `3.5`, `$5`, `3.5%`), optionally with a
//! scale word (`million`, `billion`, `per cent`, `percent`), or a number
//! word two to twelve / "dozens", "hundreds", "thousands", "millions" followed by
//! a noun. Qualifiers in front stay in the value ("about", "some", "more
//! than", "less than", "nearly", "up to", ...). The label is the noun
//! phrase right after the number: up to five words, stopping at
//! punctuation, a verb, a preposition or a conjunction, with one "of ..."
//! continuation ("square kilometres of Russian territory"); for a
//! percentage, the "of ..." phrase itself ("of Russia's forces"). Money and
//! percentages are kept without a label; other numbers need one.
//!
//! A figure keeps the sentence it appears in, narrowed to about 300
//! characters around it (at word boundaries) when the sentence is longer.
//!
//! Skipped while reading: dates (`September 25`, `25 September`), times
//! (`10:30`, `3pm`), ordinals (`25th`, `3rd`), numbers that are part of a
//! name (`Apollo 11`, `G7`) or follow "page", "No", "article", years
//! after an era written in capitals (`AD 43`, `CE 200`).
//!
//! Reading a figure at a number goes in these steps, in this order:
//!
//! 1. `skipped_for_before`: the word before makes it a date, a name, a
//!    reference number or an era year, or a `:` after a number makes it
//!    a time's minutes.
//! 2. `skipped_for_after`: (numerals only) a `:`, a month or a word glued
//!    on after, or a letter right before, makes it a time, a date, an
//!    ordinal or part of a name.
//! 3. `value_start`: a currency sign and a qualifier in front join the
//!    value.
//! 4. `value_end`: a percent sign or word, scale words, or (number words
//!    only) an "of" chain join the value.
//! 5. `plural_follows`: a bare year-like numeral is skipped unless a
//!    lower-case plural follows ("1950 tonnes").
//! 6. `label_at`: the label, as described above; a number with no label
//!    is skipped unless it is money or a percentage (number words always
//!    need one).
//!
//! Then each figure found goes through [`DROP_RULES`], in this order; the
//! first rule that matches drops it:
//!
//! 1. `year`: a bare four-digit number from 1900 to 2100 with no
//!    qualifier, comma or unit ("in 2014", "2014 protests", "2000 levels").
//! 2. `era_year`: a number with an era after it ("1325 BC").
//! 3. `zero`: nothing counted ("0 goals" in a score line).
//! 4. `name_after_number`: the label is a name, not a thing counted (a
//!    score "2 England", a title "30 Rock"): capitalised words only, the
//!    last not a plural ("Polaroids" and "Afghan refugees" stay).
//! 5. `unit_alone`: a unit of measure with nothing it measures ("3
//!    gigahertz", "800 km"); "40 tonnes of salt" keeps its "of" phrase and
//!    stays.
//!
//! Last, `same_figure`: a figure restated (the same number and scale, with
//! or without a qualifier, counting the same thing: the label's last word,
//! in any case, so "about 10,000 North Korean troops" and "some 10,000
//! troops" are one figure) is kept once, where it first appears.

use super::names::{self, CALENDAR_SET, Token, Unit, WordSet, contains};
use crate::model::Figure;
use std::sync::OnceLock;

const NUMBER_WORDS: &[&str] = &[
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "hundred",
    "dozens",
    "hundreds",
    "thousands",
    "millions",
    "billions",
    "tens",
];
const SCALES: &[&str] = &[
    "thousand", "million", "billion", "trillion", "hundred", "m", "bn", "k",
];
const QUALIFIERS_1: &[&str] = &[
    "about",
    "some",
    "around",
    "approximately",
    "roughly",
    "nearly",
    "almost",
    "over",
    "under",
    "only",
    "just",
    "estimated",
    "barely",
    "fully",
    "exactly",
    "precisely",
];
const QUALIFIERS_2: &[&str] = &[
    "more than",
    "less than",
    "fewer than",
    "up to",
    "at least",
    "at most",
    "as many as",
    "as few as",
    "an estimated",
    "close to",
    "in excess of",
    "upwards of",
];
/// Words that end a label.
const LABEL_STOP: &[&str] = &[
    "that",
    "which",
    "who",
    "are",
    "is",
    "were",
    "was",
    "have",
    "has",
    "had",
    "will",
    "would",
    "could",
    "can",
    "may",
    "might",
    "should",
    "must",
    "to",
    "in",
    "on",
    "at",
    "for",
    "from",
    "with",
    "by",
    "and",
    "or",
    "but",
    "than",
    "as",
    "into",
    "onto",
    "per",
    "since",
    "during",
    "after",
    "before",
    "while",
    "if",
    "when",
    "where",
    "because",
    "so",
    "the",
    "a",
    "an",
    "be",
    "been",
    "being",
    "do",
    "does",
    "did",
    "not",
    "no",
    "this",
    "these",
    "those",
    "its",
    "their",
    "his",
    "her",
    "our",
    "each",
    "every",
    "more",
    "less",
    "also",
    "already",
    "over",
    "under",
    "against",
    "across",
    "through",
    "between",
    "among",
    "including",
    "like",
    "about",
    "said",
    "says",
    "according",
    "ago",
    "earlier",
    "later",
    "until",
    "without",
    "within",
    "toward",
    "towards",
    "upon",
    "via",
    "there",
    "here",
    "then",
    "now",
    "still",
    "yet",
    "either",
    "neither",
    "both",
    "whether",
    "more",
    "most",
    "such",
    "what",
    "either",
    "they",
    "we",
    "it",
    "near",
    "outside",
    "inside",
    "around",
    "behind",
    "beyond",
    "above",
    "below",
    "along",
    "off",
    "out",
    "up",
    "down",
    "amid",
    "despite",
    "following",
    "who",
    "whose",
    "all",
    "some",
    "any",
    "he",
    "she",
    "you",
    "i",
    "them",
    "him",
    "us",
    "me",
    "of",
    "my",
    "your",
    "today",
    "yesterday",
    "tomorrow",
    "together",
];
static LABEL_STOP_SET: WordSet = WordSet::new(LABEL_STOP);
const PRE_SKIP: &[&str] = &[
    "page",
    "no",
    "number",
    "article",
    "chapter",
    "section",
    "resolution",
    "phase",
    "level",
    "grade",
    "room",
    "route",
    "flight",
    "episode",
    "season",
    "vol",
    "volume",
    "figure",
    "table",
    "item",
    "clause",
    "paragraph",
    "step",
];

fn is_numeral(tok: &Token) -> bool {
    tok.word
        && tok.text.chars().next().is_some_and(|c| c.is_ascii_digit())
        && tok
            .text
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
}

fn is_year(tok: &Token) -> bool {
    tok.text.len() == 4
        && tok.text.chars().all(|c| c.is_ascii_digit())
        && tok
            .text
            .parse::<u32>()
            .is_ok_and(|y| (1900..=2100).contains(&y))
}

fn is_number_word(tok: &Token) -> bool {
    // Every number word starts with a letter that lower-cases to one of
    // these; anything else is decided without lower-casing the word.
    if !tok.word
        || !tok.text.chars().next().is_some_and(|c| {
            !c.is_ascii()
                || matches!(
                    c.to_ascii_lowercase(),
                    'b' | 'd' | 'e' | 'f' | 'h' | 'm' | 'n' | 's' | 't'
                )
        })
    {
        return false;
    }
    static NUMBER_WORD_SET: WordSet = WordSet::new(NUMBER_WORDS);
    // Most words are ASCII without a hyphen: lower-casing keeps their
    // length, and they can only be listed if some number word has their
    // first letter and length (listed words are 3 to 9 letters). That
    // rules out most words before they are lower-cased and hashed.
    if tok.text.bytes().all(|b| b.is_ascii() && b != b'-') {
        return has_number_word_shape(tok.text)
            && names::with_lower(tok.text, |l| NUMBER_WORD_SET.contains(l));
    }
    // Longer ones only count in the "-and-" form.
    names::with_lower(tok.text, |l| {
        NUMBER_WORD_SET.contains(l)
            // The one-character search first: a substring search sets up
            // a searcher, a cost paid for nearly every word.
            || (l.contains('-')
                && l.contains("-and-")
                && l.split('-')
                    .next()
                    .is_some_and(|first| NUMBER_WORD_SET.contains(first)))
    })
}

/// Whether some number word has the first letter (either case) and the
/// byte length of the ASCII word `word`.
fn has_number_word_shape(word: &str) -> bool {
    // For each letter a-z, a bit per length of the number words it starts.
    static SHAPES: OnceLock<[u32; 26]> = OnceLock::new();
    let shapes = SHAPES.get_or_init(|| {
        let mut shapes = [0u32; 26];
        for w in NUMBER_WORDS {
            if let Some(&first) = w.as_bytes().first()
                && first.is_ascii_lowercase()
                && w.len() < 32
            {
                shapes[usize::from(first - b'a')] |= 1 << w.len();
            }
        }
        shapes
    });
    match word.as_bytes().first() {
        Some(&first) if first.is_ascii_alphabetic() && word.len() < 32 => {
            shapes[usize::from(first.to_ascii_lowercase() - b'a')] & (1 << word.len()) != 0
        }
        _ => false,
    }
}

/// The most characters a figure's sentence keeps: a "sentence" without
/// sentence ends can be a whole list, and every figure in it would copy it.
pub const MAX_SENTENCE_CHARS: usize = 300;

/// The byte range `[s, e)` of `text`, narrowed to about
/// [`MAX_SENTENCE_CHARS`] characters around byte `at` at word boundaries
/// when it is longer.
fn around(text: &str, s: usize, e: usize, at: usize) -> (usize, usize) {
    if text[s..e].chars().count() <= MAX_SENTENCE_CHARS {
        return (s, e);
    }
    let half = MAX_SENTENCE_CHARS / 2;
    // Walk back and forward `half` characters, then to a space.
    let start = text[s..at]
        .char_indices()
        .rev()
        .nth(half)
        .map_or(s, |(i, _)| s + i);
    let start = text[start..at].find(' ').map_or(start, |i| start + i + 1);
    let end = text[at..e]
        .char_indices()
        .nth(half)
        .map_or(e, |(i, _)| at + i);
    let end = text[at..end].rfind(' ').map_or(end, |i| at + i);
    (start, end)
}

/// Finds the key figures of one document.
pub fn find_figures(paragraphs: &[&str]) -> Vec<Figure> {
    find_figures_in(&names::analyse(paragraphs))
}

/// A rule that drops a figure found: its name and its test.
pub struct DropRule {
    pub name: &'static str,
    pub drops: fn(&Figure) -> bool,
}

/// The drop rules, in the order the module doc lists them.
pub const DROP_RULES: &[DropRule] = &[
    DropRule {
        name: "year",
        drops: is_bare_year,
    },
    DropRule {
        name: "era_year",
        drops: has_era,
    },
    DropRule {
        name: "zero",
        drops: is_zero,
    },
    DropRule {
        name: "name_after_number",
        drops: label_is_a_name,
    },
    DropRule {
        name: "unit_alone",
        drops: is_unit_alone,
    },
];

/// The first drop rule that matches `figure`, if any.
pub fn dropped_by(figure: &Figure) -> Option<&'static str> {
    DROP_RULES
        .iter()
        .find(|rule| (rule.drops)(figure))
        .map(|rule| rule.name)
}

fn is_bare_year(f: &Figure) -> bool {
    f.value.len() == 4
        && f.value.bytes().all(|b| b.is_ascii_digit())
        && f.value
            .parse::<u32>()
            .is_ok_and(|y| (1900..=2100).contains(&y))
}

const ERAS: &[&str] = &["bc", "bce", "ad", "ce", "b.c.", "a.d."];

fn has_era(f: &Figure) -> bool {
    let first = f.label.split_whitespace().next().unwrap_or("");
    ERAS.iter().any(|e| e.eq_ignore_ascii_case(first))
}

/// Eras written before the year ("AD 43", "CE 200"): only in capitals,
/// so "an ad 30 seconds long" still counts seconds.
fn is_era_before(word: &str) -> bool {
    matches!(word.trim_end_matches('.'), "AD" | "A.D" | "CE")
}

fn is_zero(f: &Figure) -> bool {
    f.value.trim() == "0"
}

fn label_is_a_name(f: &Figure) -> bool {
    let Some(last) = f.label.split_whitespace().next_back() else {
        return false;
    };
    f.label
        .split_whitespace()
        .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        && !(last.ends_with('s') && last.chars().nth(1).is_some_and(char::is_lowercase))
}

/// Units of measure: a figure of one of these alone says nothing.
const UNITS: &[&str] = &[
    "km",
    "kms",
    "kilometre",
    "kilometres",
    "kilometer",
    "kilometers",
    "m",
    "metre",
    "metres",
    "meter",
    "meters",
    "cm",
    "mm",
    "mile",
    "miles",
    "ft",
    "feet",
    "foot",
    "inch",
    "inches",
    "yard",
    "yards",
    "kg",
    "kilogram",
    "kilograms",
    "kilo",
    "kilos",
    "g",
    "gram",
    "grams",
    "lb",
    "lbs",
    "pound",
    "ounce",
    "ounces",
    "tonne",
    "tonnes",
    "ton",
    "tons",
    "hz",
    "hertz",
    "khz",
    "mhz",
    "megahertz",
    "ghz",
    "gigahertz",
    "kilohertz",
    "w",
    "watt",
    "watts",
    "kw",
    "kilowatt",
    "kilowatts",
    "mw",
    "megawatt",
    "megawatts",
    "gw",
    "gigawatt",
    "gigawatts",
    "kwh",
    "volt",
    "volts",
    "v",
    "amp",
    "amps",
    "byte",
    "bytes",
    "kb",
    "mb",
    "gb",
    "tb",
    "megabyte",
    "megabytes",
    "gigabyte",
    "gigabytes",
    "terabyte",
    "terabytes",
    "litre",
    "litres",
    "liter",
    "liters",
    "gallon",
    "gallons",
    "hectare",
    "hectares",
    "acre",
    "acres",
    "degree",
    "degrees",
    "°c",
    "°f",
    "celsius",
    "fahrenheit",
    "knot",
    "knots",
    "mph",
    "kph",
    "km/h",
];

fn is_unit_alone(f: &Figure) -> bool {
    let mut words = f.label.split_whitespace();
    match (words.next(), words.next()) {
        (Some(one), None) => {
            static UNIT_SET: WordSet = WordSet::new(UNITS);
            names::with_lower(one, |l| UNIT_SET.contains(l))
        }
        _ => false,
    }
}

/// The key a restated figure shares with its first statement: the
/// number's digits and scale without qualifiers, and the label's last word
/// (what is counted) in lower case.
fn same_figure_key(f: &Figure) -> String {
    // One string, "number\0counted", built without lower-cased copies:
    // this runs for every figure found.
    let mut key = String::with_capacity(f.value.len() + 16);
    for w in f.value.split_whitespace() {
        let counts = w.bytes().any(|b| b.is_ascii_digit())
            || w.ends_with('%')
            || SCALES.iter().any(|scale| scale.eq_ignore_ascii_case(w));
        if counts {
            push_lower(&mut key, w, ',');
        }
    }
    if key.is_empty() {
        push_lower(&mut key, &f.value, '\0');
    }
    key.push('\0');
    let counted = f.label.split_whitespace().last().unwrap_or("");
    push_lower(&mut key, counted, '\0');
    key
}

/// Appends `word` in lower case to `key`, leaving out `skip`.
fn push_lower(key: &mut String, word: &str, skip: char) {
    if word.is_ascii() {
        key.extend(
            word.bytes()
                .filter(|&b| char::from(b) != skip)
                .map(|b| char::from(b.to_ascii_lowercase())),
        );
    } else {
        key.extend(
            word.chars()
                .filter(|&c| c != skip)
                .flat_map(char::to_lowercase),
        );
    }
}

pub fn find_figures_in(units: &[Unit]) -> Vec<Figure> {
    let mut out = Vec::new();
    let mut seen: std::collections::HashSet<String, names::WordBuildHasher> =
        std::collections::HashSet::default();
    for (pi, unit) in units.iter().enumerate() {
        let text = unit.text;
        let t = &unit.tokens;
        let initial = &unit.initial;
        let mut k = 0;
        while k < t.len() {
            let numeral = is_numeral(&t[k]);
            let word = !numeral && is_number_word(&t[k]);
            if !numeral && !word {
                k += 1;
                continue;
            }
            if let Some((fig, next)) = figure_at(text, t, initial, k, numeral) {
                let (s, e) = unit
                    .sentences()
                    .iter()
                    .copied()
                    .find(|&(s, e)| t[k].start >= s && t[k].start < e)
                    .unwrap_or((0, text.len()));
                let (s, e) = around(text, s, e, t[k].start);
                let figure = Figure {
                    value: fig.0,
                    label: fig.1,
                    sentence: text[s..e].trim().to_string(),
                    paragraph: pi,
                };
                if dropped_by(&figure).is_none() && seen.insert(same_figure_key(&figure)) {
                    out.push(figure);
                }
                k = next;
            } else {
                k += 1;
            }
        }
    }
    out
}

type Found = ((String, String), usize);

/// Reads the figure whose number is token `k`, in the steps the module
/// doc lists under "Reading a figure".
fn figure_at(text: &str, t: &[Token], initial: &[bool], k: usize, numeral: bool) -> Option<Found> {
    if skipped_for_before(t, initial, k, numeral) || (numeral && skipped_for_after(text, t, k)) {
        return None;
    }
    let (vstart, money) = value_start(t, k);
    let (vend, j, percent) = value_end(t, k, numeral);
    let tok = &t[k];
    if numeral && is_year(tok) && !money && !percent && vend == tok.end && !plural_follows(t, j) {
        return None;
    }
    let value = text[vstart..vend].to_string();
    let (label, j) = label_at(text, t, j, percent);
    if label.is_empty() && !(money || percent) {
        return None;
    }
    if !numeral && label.is_empty() {
        return None;
    }
    Some(((value, label), j))
}

/// Whether the token before number `k` makes it part of a name, a date,
/// a reference number or an era year ("Apollo 11", "September 25",
/// "page 4", "AD 43"), or the minutes of a time ("10:30").
fn skipped_for_before(t: &[Token], initial: &[bool], k: usize, numeral: bool) -> bool {
    let tok = &t[k];
    let Some(p) = k.checked_sub(1).map(|i| &t[i]) else {
        return false;
    };
    if p.word && p.end + 1 >= tok.start {
        let pl = p.lower();
        if CALENDAR_SET.contains(p.text)
            || contains(PRE_SKIP, pl.trim_end_matches('.'))
            || is_era_before(p.text)
        {
            return true;
        }
        if p.is_cap()
            && !initial[k - 1]
            && numeral
            && !contains(
                &[
                    "About", "Some", "Nearly", "Almost", "Around", "Over", "Only",
                ],
                p.text,
            )
        {
            return true;
        }
    }
    p.is_punct(':') && k >= 2 && is_numeral(&t[k - 2]) && t[k - 2].end == p.start
}

/// Whether what touches numeral `k` makes it a time, a date, an ordinal
/// or part of a name ("10:30", "25 September", "25th", "3pm", "G7").
fn skipped_for_after(text: &str, t: &[Token], k: usize) -> bool {
    let tok = &t[k];
    let next = t.get(k + 1);
    if next
        .is_some_and(|n| (n.is_punct(':') && n.start == tok.end) || CALENDAR_SET.contains(n.text))
    {
        return true;
    }
    if next.is_some_and(|n| n.word && n.start == tok.end) {
        // "25th", "3pm", "G7" style tails.
        return true;
    }
    tok.start > 0
        && text[..tok.start]
            .chars()
            .next_back()
            .is_some_and(char::is_alphabetic)
}

/// Where the value of number `k` starts, taking in a currency sign and a
/// qualifier in front ("more than $5"), and whether it is money.
fn value_start(t: &[Token], k: usize) -> (usize, bool) {
    let tok = &t[k];
    let mut vstart = tok.start;
    if k >= 1
        && (t[k - 1].is_punct('$') || t[k - 1].is_punct('£') || t[k - 1].is_punct('€'))
        && t[k - 1].end == tok.start
    {
        vstart = t[k - 1].start;
    }
    let money = vstart != tok.start;
    let qi = if money { k - 1 } else { k };
    if qi >= 2 {
        // "more than": compared word by word, not built as a string (tokens
        // hold no spaces, so a listed phrase matches iff its halves do).
        let (first, second) = (t[qi - 2].lower(), t[qi - 1].lower());
        let two_words = QUALIFIERS_2
            .iter()
            .any(|q| q.split_once(' ') == Some((&*first, &*second)));
        if two_words {
            vstart = t[qi - 2].start;
        } else if contains(QUALIFIERS_1, &t[qi - 1].lower()) {
            vstart = t[qi - 1].start;
        }
    } else if qi >= 1 && contains(QUALIFIERS_1, &t[qi - 1].lower()) {
        vstart = t[qi - 1].start;
    }
    (vstart, money)
}

/// Where the value of number `k` ends, taking in a percent sign or word, a
/// scale ("million") or, for a number word, an "of" chain ("hundreds of
/// thousands of"); with the next token to read and whether it is a
/// percentage.
fn value_end(t: &[Token], k: usize, numeral: bool) -> (usize, usize, bool) {
    let tok = &t[k];
    let mut j = k + 1;
    let mut vend = tok.end;
    let mut percent = false;
    if t.get(j).is_some_and(|n| n.is_punct('%')) {
        vend = t[j].end;
        j += 1;
        percent = true;
    } else if t.get(j).is_some_and(|n| n.text == "per")
        && t.get(j + 1).is_some_and(|n| n.text == "cent")
    {
        vend = t[j + 1].end;
        j += 2;
        percent = true;
    } else if t.get(j).is_some_and(|n| n.text == "percent") {
        vend = t[j].end;
        j += 1;
        percent = true;
    }
    while !percent && t.get(j).is_some_and(|n| contains(SCALES, &n.lower())) {
        vend = t[j].end;
        j += 1;
    }
    // "hundreds of thousands of people": value spans the chain.
    if !numeral {
        while t.get(j).is_some_and(|n| n.text == "of") && t.get(j + 1).is_some_and(is_number_word) {
            vend = t[j + 1].end;
            j += 2;
        }
        if t.get(j).is_some_and(|n| n.text == "of") && tok.lower().ends_with('s') {
            j += 1;
        }
    }
    (vend, j, percent)
}

/// Whether a lower-case plural noun comes at token `j`, which makes a bare
/// year-like number a count ("1950 tonnes").
fn plural_follows(t: &[Token], j: usize) -> bool {
    t.get(j)
        .is_some_and(|n| n.is_lower() && n.text.ends_with('s') && !LABEL_STOP_SET.contains(n.text))
}

/// The label read from token `j` and the token after it: the noun phrase
/// there, or for a percentage its "of ..." phrase ("of the voters").
fn label_at(text: &str, t: &[Token], j: usize, percent: bool) -> (String, usize) {
    if percent && t.get(j).is_some_and(|n| n.text == "of") {
        let from = if t.get(j + 1).is_some_and(|n| n.text == "the") {
            j + 2
        } else {
            j + 1
        };
        let (s, e, nj) = noun_phrase(t, from, 5, true);
        let label = if e > s {
            text[t[j].start..e].to_string()
        } else {
            String::new()
        };
        (label, nj)
    } else {
        let (s, e, nj) = noun_phrase(t, j, 5, true);
        let label = if e > s {
            text[s..e].to_string()
        } else {
            String::new()
        };
        (label, nj)
    }
}

/// A noun phrase from token `j`: up to `max` words, with one "of ..." tail.
fn noun_phrase(t: &[Token], j: usize, max: usize, allow_of: bool) -> (usize, usize, usize) {
    let mut k = j;
    let mut words = 0;
    let mut start = None;
    let mut end = 0;
    while let Some(w) = t.get(k) {
        if !w.word {
            if w.text == "-" || w.text == "‑" {
                k += 1;
                continue;
            }
            break;
        }
        let l = w.lower();
        if l == "of"
            && allow_of
            && words > 0
            && !t
                .get(k + 1)
                .is_some_and(|n| LABEL_STOP_SET.contains(&n.lower()) && n.text != "the")
        {
            let skip_the = t.get(k + 1).is_some_and(|n| n.text == "the");
            let from = if skip_the { k + 2 } else { k + 1 };
            let (s2, e2, nk) = noun_phrase(t, from, 3, false);
            if e2 > s2 {
                end = e2;
                k = nk;
            }
            break;
        }
        if LABEL_STOP_SET.contains(&l)
            || (words > 0 && (l.ends_with("ly") || (l.ends_with("ed") && l.len() > 4)))
            || l.contains('\'') && !w.is_possessive()
        {
            break;
        }
        if is_numeral(w) {
            break;
        }
        start.get_or_insert(w.start);
        end = w.end;
        words += 1;
        k += 1;
        // A lower-case plural ends the phrase unless "of ..." follows.
        let plural = w.is_lower() && l.ends_with('s') && !l.ends_with("ss") && !w.is_possessive();
        if words >= max || (plural && t.get(k).is_none_or(|n| n.text != "of")) {
            break;
        }
    }
    match start {
        Some(s) => (s, end, k),
        None => (0, 0, j),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figs(s: &str) -> Vec<(String, String)> {
        find_figures(&[s])
            .into_iter()
            .map(|f| (f.value, f.label))
            .collect()
    }

    fn pair(v: &str, l: &str) -> (String, String) {
        (v.to_string(), l.to_string())
    }

    #[test]
    fn count_with_noun() {
        assert_eq!(
            figs("Officials said 4,500 workers lost their jobs."),
            vec![pair("4,500", "workers")]
        );
    }

    #[test]
    fn qualifier_kept_in_value() {
        assert_eq!(
            figs("About 300 boats were sunk."),
            vec![pair("About 300", "boats")]
        );
        assert_eq!(
            figs("They found more than 12 wells."),
            vec![pair("more than 12", "wells")]
        );
    }

    #[test]
    fn label_with_of_tail() {
        assert_eq!(
            figs("Farmers hold roughly 80 hectares of irrigated land near the river."),
            vec![pair("roughly 80", "hectares of irrigated land")]
        );
    }

    #[test]
    fn percent_of_phrase() {
        assert_eq!(
            figs("That is less than 2 per cent of the city's budget."),
            vec![pair("less than 2 per cent", "of the city's budget")]
        );
        assert_eq!(figs("Inflation hit 3.5% in June."), vec![pair("3.5%", "")]);
    }

    #[test]
    fn money_with_scale() {
        assert_eq!(
            figs("The fund pledged $5 billion in aid."),
            vec![pair("$5 billion", "")]
        );
    }

    #[test]
    fn number_words_need_a_noun() {
        assert_eq!(
            figs("Three ships and hundreds of volunteers came."),
            vec![pair("Three", "ships"), pair("hundreds", "volunteers")]
        );
        assert!(figs("The two of them left.").is_empty());
    }

    #[test]
    fn years_dates_times_ordinals_skipped() {
        assert!(figs("In 2023, on March 4 at 10:30, the 25th meeting began.").is_empty());
        assert!(figs("The plan dates from 1998.").is_empty());
    }

    #[test]
    fn numbers_in_names_skipped() {
        assert!(figs("The Apollo 11 crew and the G7 met.").is_empty());
    }

    #[test]
    fn long_sentence_is_narrowed_around_the_figure() {
        let list: Vec<String> = (0..200)
            .map(|i| format!("stall {i} sells bread and fish"))
            .collect();
        let text = format!(
            "{} and 40 tonnes of salt {}",
            list.join(" "),
            list.join(" ")
        );
        let figures = find_figures(&[text.as_str()]);
        let salt = figures
            .iter()
            .find(|f| f.sentence.contains("salt"))
            .unwrap();
        assert!(salt.sentence.chars().count() <= MAX_SENTENCE_CHARS);
        assert!(salt.sentence.contains("40 tonnes of salt"));
        assert!(!salt.sentence.starts_with(' ') && !salt.sentence.ends_with(' '));
    }

    #[test]
    fn year() {
        assert!(figs("Crowds at the 2014 protests filled the square.").is_empty());
        assert!(figs("Output is back at 2000 levels.").is_empty());
        // A count written with a comma is no year.
        assert_eq!(
            figs("Some 2,014 workers signed it."),
            vec![pair("Some 2,014", "workers")]
        );
    }

    #[test]
    fn era_year() {
        assert!(figs("The wall was raised in 1325 BC by the river people.").is_empty());
        assert_eq!(dropped_by(&figure("1325", "BC")), Some("era_year"));
    }

    #[test]
    fn era_before_the_year_is_skipped_while_reading() {
        assert!(figs("The fort dates from AD 43, when the legion came.").is_empty());
        // At the start of a sentence, where a capital says nothing.
        assert!(figs("AD 79 ash buried the town.").is_empty());
        assert_eq!(
            figs("The ad drew 40 complaints in a week."),
            vec![pair("40", "complaints")]
        );
    }

    #[test]
    fn zero() {
        assert_eq!(dropped_by(&figure("0", "goals")), Some("zero"));
    }

    #[test]
    fn name_after_number() {
        assert!(figs("Norway beat them 2 Ireland, they said afterwards.").is_empty());
        assert_eq!(dropped_by(&figure("30", "Rock")), Some("name_after_number"));
        assert_eq!(dropped_by(&figure("roughly 100", "Polaroids")), None);
        assert_eq!(dropped_by(&figure("3,000", "Afghan refugees")), None);
    }

    #[test]
    fn unit_alone() {
        assert!(figs("The new chip runs at 3 gigahertz.").is_empty());
        assert!(figs("The convoy drove 800 km before dawn.").is_empty());
        assert_eq!(
            figs("The barge carried 40 tonnes of salt to the mill."),
            vec![pair("40", "tonnes of salt")]
        );
    }

    #[test]
    fn bare_ordinals() {
        assert!(figs("It was the 3rd round and the 21st meeting.").is_empty());
    }

    #[test]
    fn same_figure() {
        let found = figs(
            "About 4,500 workers lost their jobs. Officials confirmed 4,500 workers were let go. \
             The union said 4,500 Workers had been told.",
        );
        assert_eq!(found, vec![pair("About 4,500", "workers")]);
        // A longer label naming the same thing is the same figure.
        assert_eq!(
            figs("About 900 striking dock workers marched. Later 900 workers went home."),
            vec![pair("About 900", "striking dock workers")]
        );
        // Another label is another figure.
        assert_eq!(
            figs("The port moved 4,500 containers and 4,500 workers."),
            vec![pair("4,500", "containers"), pair("4,500", "workers")]
        );
    }

    #[test]
    fn pronouns_and_day_words_end_a_label() {
        assert!(figs("Ten my father said were lost.").is_empty());
        assert_eq!(figs("He gave 58 today."), Vec::<(String, String)>::new());
    }

    fn figure(value: &str, label: &str) -> Figure {
        Figure {
            value: value.to_string(),
            label: label.to_string(),
            sentence: format!("{value} {label}"),
            paragraph: 0,
        }
    }
}

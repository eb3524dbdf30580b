//! Small text utilities shared by the parsers and the extractor: slugs and
//! anchors, sentence boundaries, word counts, HTML escaping. Pure functions,
//! no knowledge of documents.

/// Escapes text for use in HTML element content and attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    push_escaped(&mut out, text);
    out
}

/// Appends `text` to `out` with `&<>"'` escaped, as [`escape_html`] does.
pub fn push_escaped(out: &mut String, text: &str) {
    // The five characters are ASCII, so byte positions are char boundaries
    // and the text between them is copied in runs, not char by char.
    let bytes = text.as_bytes();
    let mut copied = 0;
    loop {
        let i = find_byte(bytes, copied, [b'&', b'<', b'>', b'"', b'\''], false);
        let Some(&b) = bytes.get(i) else { break };
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => "&#39;",
        };
        out.push_str(&text[copied..i]);
        out.push_str(entity);
        copied = i + 1;
    }
    out.push_str(&text[copied..]);
}

/// The position of the first byte at or after `from` that is one of
/// `needles` or, with `controls`, below 0x20; `bytes.len()` when there is
/// none. The escapers spend most of their time looking for the next byte to
/// escape, and text has few, so on x86-64 this looks at sixteen bytes at a
/// time with SSE2 (which every x86-64 processor has).
pub fn find_byte<const N: usize>(
    bytes: &[u8],
    from: usize,
    needles: [u8; N],
    controls: bool,
) -> usize {
    let mut i = from;
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{
            __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_min_epu8, _mm_movemask_epi8,
            _mm_or_si128, _mm_set1_epi8, _mm_setzero_si128,
        };
        while i + 16 <= bytes.len() {
            // SAFETY: SSE2 is part of every x86-64 processor, and the
            // sixteen bytes loaded from `i` are inside `bytes` (the loop
            // condition); an unaligned load may read them.
            let mask = unsafe {
                let chunk = _mm_loadu_si128(bytes.as_ptr().add(i).cast::<__m128i>());
                let mut hits = _mm_setzero_si128();
                for needle in needles {
                    let same = _mm_cmpeq_epi8(chunk, _mm_set1_epi8(needle as i8));
                    hits = _mm_or_si128(hits, same);
                }
                if controls {
                    // min(b, 0x1f) == b exactly when b <= 0x1f (unsigned).
                    let low = _mm_min_epu8(chunk, _mm_set1_epi8(0x1f));
                    hits = _mm_or_si128(hits, _mm_cmpeq_epi8(low, chunk));
                }
                _mm_movemask_epi8(hits)
            };
            if mask != 0 {
                return i + mask.trailing_zeros() as usize;
            }
            i += 16;
        }
    }
    while let Some(&b) = bytes.get(i) {
        if needles.contains(&b) || (controls && b < 0x20) {
            return i;
        }
        i += 1;
    }
    bytes.len()
}

/// Number of whitespace-separated words.
pub fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

/// Whether `text` has at least `n` whitespace-separated words; stops
/// counting at the `n`th, so a long text costs no more than a short one.
pub fn has_words(text: &str, n: usize) -> bool {
    n == 0 || text.split_whitespace().nth(n - 1).is_some()
}

const MONTH_NAMES: [&str; 12] = [
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
];

/// `date` as `2015-01-31` (chrono's `%Y-%m-%d`). Written directly rather
/// than through chrono's format strings: a site formats several dates per
/// page, and interpreting the format string cost more than the rest of a
/// list card.
pub fn iso_date(date: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    let year = date.year();
    if !(0..=9999).contains(&year) {
        return date.format("%Y-%m-%d").to_string();
    }
    let mut out = String::with_capacity(10);
    push_digits(&mut out, year as u32, 4);
    out.push('-');
    push_digits(&mut out, date.month(), 2);
    out.push('-');
    push_digits(&mut out, date.day(), 2);
    out
}

/// `date` as `31 January 2015` (chrono's `%-d %B %Y`), for readers; see
/// [`iso_date`] for why it is written directly.
pub fn display_date(date: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    let year = date.year();
    if !(0..=9999).contains(&year) {
        return date.format("%-d %B %Y").to_string();
    }
    let mut out = String::with_capacity(17);
    push_digits(&mut out, date.day(), 1);
    out.push(' ');
    out.push_str(MONTH_NAMES[date.month0() as usize]);
    out.push(' ');
    push_digits(&mut out, year as u32, 4);
    out
}

/// Appends `value` in decimal, zero-padded to at least `width` digits.
fn push_digits(out: &mut String, value: u32, width: usize) {
    let mut digits = [b'0'; 10];
    let mut rest = value;
    let mut start = digits.len();
    loop {
        start -= 1;
        digits[start] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    let start = start.min(digits.len().saturating_sub(width));
    out.push_str(std::str::from_utf8(&digits[start..]).unwrap_or_default());
}

/// Turns free text into a URL- and id-safe slug: lowercase ASCII letters,
/// digits and single hyphens. Apostrophes vanish ("Here's" -> "heres") so
/// contractions stay one word; common Latin accents are folded.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_hyphen = false;
    for c in text.chars() {
        if matches!(c, '\'' | '\u{2019}' | '\u{2018}') {
            continue;
        }
        let pushed = match fold_char(c) {
            Some(folded) => {
                // Every folded letter is pushed: no short-circuit.
                let mut pushed = false;
                for f in folded.chars() {
                    pushed |= push_slug_char(&mut out, &mut pending_hyphen, f);
                }
                pushed
            }
            None => push_slug_char(&mut out, &mut pending_hyphen, c),
        };
        if !pushed {
            pending_hyphen = true;
        }
    }
    out
}

/// Longest slug used as a folder name. A file name may hold 255 bytes; a
/// slug this long is already unreadable in a URL.
pub const MAX_SLUG_BYTES: usize = 100;

/// A slug that fits in a file name: one of at most [`MAX_SLUG_BYTES`] is
/// kept, a longer one is cut at a hyphen (or at the limit) and ends in
/// `-` and eight hex digits of a hash of the whole slug, so two long slugs
/// that share a beginning stay apart, the same on every build.
pub fn fit_slug(slug: String) -> String {
    if slug.len() <= MAX_SLUG_BYTES {
        return slug;
    }
    let hash = short_hash(&slug);
    let room = MAX_SLUG_BYTES - 9;
    format!("{}-{hash}", cut_at_hyphen(&slug, room, room / 2))
}

/// `slug` when at most `max` bytes long, else its start cut at the last
/// hyphen within `max` bytes that lies past byte `min_at` (else at `max`,
/// on a char boundary), without a trailing hyphen.
pub fn cut_at_hyphen(slug: &str, max: usize, min_at: usize) -> &str {
    if slug.len() <= max {
        return slug;
    }
    let end = (0..=max)
        .rev()
        .find(|&i| slug.is_char_boundary(i))
        .unwrap_or(0);
    let head = &slug[..end];
    let cut = match head.rfind('-') {
        Some(at) if at > min_at => at,
        _ => end,
    };
    slug[..cut].trim_end_matches('-')
}

/// Eight hex digits of a hash of `text` (32 bits of FNV-1a), for slug
/// suffixes: the same across builds, versions and platforms.
pub fn short_hash(text: &str) -> String {
    let hash = text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    format!("{:08x}", hash as u32)
}

/// Appends `f` to a slug when it is an ASCII letter or digit; says whether it did.
fn push_slug_char(out: &mut String, pending_hyphen: &mut bool, f: char) -> bool {
    if !f.is_ascii_alphanumeric() {
        return false;
    }
    if *pending_hyphen && !out.is_empty() {
        out.push('-');
    }
    *pending_hyphen = false;
    out.push(f.to_ascii_lowercase());
    true
}

/// Folds common accented Latin letters to ASCII; anything else is returned
/// as is (`None`, and then dropped by [`slugify`] when not alphanumeric).
/// Static strings, since slugs are made for every name key.
fn fold_char(c: char) -> Option<&'static str> {
    let s = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' | 'Ă' | 'Ą' => "A",
        'æ' => "ae",
        'Æ' => "AE",
        'ç' | 'ć' | 'č' => "c",
        'Ç' | 'Ć' | 'Č' => "C",
        'ď' | 'đ' => "d",
        'Ď' | 'Đ' => "D",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
        'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ė' | 'Ę' | 'Ě' => "E",
        'ğ' => "g",
        'Ğ' => "G",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => "i",
        'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' | 'Į' | 'İ' => "I",
        'ł' | 'ľ' => "l",
        'Ł' | 'Ľ' => "L",
        'ñ' | 'ń' | 'ň' => "n",
        'Ñ' | 'Ń' | 'Ň' => "N",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō' | 'Ő' => "O",
        'œ' => "oe",
        'Œ' => "OE",
        'ř' => "r",
        'Ř' => "R",
        'ś' | 'š' | 'ş' => "s",
        'Ś' | 'Š' | 'Ş' => "S",
        'ß' => "ss",
        'ť' | 'ţ' => "t",
        'Ť' | 'Ţ' => "T",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => "u",
        'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū' | 'Ů' | 'Ű' => "U",
        'ý' | 'ÿ' => "y",
        'Ý' | 'Ÿ' => "Y",
        'ž' | 'ź' | 'ż' => "z",
        'Ž' | 'Ź' | 'Ż' => "Z",
        _ => return None,
    };
    Some(s)
}

/// Words that end in a full stop without ending a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "maj", "st", "sr", "jr",
    "vs", "etc", "no", "inc", "ltd", "co", "corp", "dept", "govt", "approx", "e.g", "i.e", "u.s",
    "u.k", "u.n", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "rep", "sen", "gov", "pres", "rev", "hon", "est", "fig", "al",
];

/// Returns the first sentence of `text`: up to the first `.`, `?` or `!`
/// (with any closing quotes or brackets) that is followed by whitespace and
/// is not an abbreviation, an initial or a decimal point. A quotation left
/// open by the cut is closed so the sentence reads on its own.
pub fn first_sentence(text: &str) -> String {
    let text = text.trim();
    close_open_quote(text[..sentence_end(text)].trim())
}

/// The sentence of `text` that contains byte `offset`, trimmed.
pub fn sentence_at(text: &str, offset: usize) -> &str {
    let mut start = 0;
    while start < text.len() {
        let end = start + sentence_end(&text[start..]);
        if offset < end || end >= text.len() {
            return text[start..end].trim();
        }
        start = end;
    }
    text.trim()
}

/// How many sentences `text` holds, by the same ends as [`first_sentence`].
pub fn sentence_count(text: &str) -> usize {
    let mut count = 0;
    let mut rest = text.trim();
    while !rest.is_empty() {
        count += 1;
        rest = rest[sentence_end(rest)..].trim_start();
    }
    count
}

/// Byte index just past the first sentence of `text` (its length when the
/// whole text is one sentence).
fn sentence_end(text: &str) -> usize {
    // Walks the text once without collecting its characters: `sentence_at`
    // calls this for every sentence of a paragraph.
    // Closers skipped after a terminator are never terminators themselves,
    // so the walk simply goes on past them.
    for (pos, c) in text.char_indices() {
        if matches!(c, '.' | '?' | '!' | '\u{2026}') {
            // Swallow closing quotes/brackets after the terminator.
            let rest = &text[pos + c.len_utf8()..];
            let closers: usize = rest
                .chars()
                .take_while(|&ch| is_closer(ch))
                .map(char::len_utf8)
                .sum();
            let j = pos + c.len_utf8() + closers;
            let Some(after) = text[j..].chars().next() else {
                return text.len();
            };
            if after.is_whitespace() && !(c == '.' && is_non_terminal_period(text, pos)) {
                // The next word must plausibly start a sentence.
                let next = text[j..].chars().find(|ch| !ch.is_whitespace());
                let starts_sentence = next
                    .is_some_and(|ch| ch.is_uppercase() || ch.is_ascii_digit() || is_opener(ch));
                if starts_sentence {
                    return j;
                }
            }
        }
    }
    text.len()
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '\u{201D}' | '\u{2019}' | ')' | ']')
}

fn is_opener(c: char) -> bool {
    matches!(c, '"' | '\'' | '\u{201C}' | '\u{2018}' | '(' | '[')
}

/// True when the period at byte `pos` belongs to an abbreviation, an initial
/// ("J. Smith") or a number ("1.5").
fn is_non_terminal_period(text: &str, pos: usize) -> bool {
    let before = &text[..pos];
    let word: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric() || *c == '.')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    if word.is_empty() {
        return false;
    }
    let lower = word.to_lowercase();
    if ABBREVIATIONS.contains(&lower.as_str()) {
        return true;
    }
    // A single capital letter is an initial.
    let mut letters = word.chars().filter(|c| c.is_alphabetic());
    if let (Some(first), None) = (letters.next(), letters.next()) {
        if first.is_uppercase() && word.chars().count() == 1 {
            return true;
        }
    }
    // "U.S." style: letters separated by dots.
    word.contains('.') && word.split('.').all(|p| p.chars().count() <= 1)
}

/// Appends a closing quotation mark when `sentence` opens one it never closes.
fn close_open_quote(sentence: &str) -> String {
    let curly_open = sentence.matches('\u{201C}').count();
    let curly_close = sentence.matches('\u{201D}').count();
    if curly_open > curly_close {
        return format!("{sentence}\u{201D}");
    }
    if sentence.matches('"').count() % 2 == 1 && sentence.starts_with('"') {
        return format!("{sentence}\"");
    }
    sentence.to_string()
}

/// 1-based line and column of byte `offset` in `text`.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// A byte count for people: `16 MiB`, `200.0 MiB`, `512 bytes`.
pub fn human_size(bytes: u64) -> String {
    const MIB: u64 = 1 << 20;
    if bytes >= MIB && bytes % MIB == 0 {
        format!("{} MiB", bytes / MIB)
    } else if bytes >= MIB {
        format!("{:.1} MiB", bytes as f64 / MIB as f64)
    } else {
        format!("{bytes} bytes")
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn find_byte_finds_what_a_byte_by_byte_scan_finds() {
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let alphabet = b"ab &<\"\\\x01\x1f\x20\x7f\xe2\x80\xa8\xff";
        for _ in 0..4000 {
            let len = (next() % 70) as usize;
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    let r = next();
                    // Mostly plain letters, so whole chunks pass with no hit.
                    if r % 8 == 0 {
                        alphabet[(r >> 8) as usize % alphabet.len()]
                    } else {
                        b'x'
                    }
                })
                .collect();
            let from = if len == 0 {
                0
            } else {
                (next() as usize) % (len + 1)
            };
            for controls in [false, true] {
                let needles = [b'&', b'<', 0xe2];
                let want = (from..len)
                    .find(|&i| needles.contains(&bytes[i]) || (controls && bytes[i] < 0x20))
                    .unwrap_or(len);
                assert_eq!(
                    super::find_byte(&bytes, from, needles, controls),
                    want,
                    "{bytes:?} from {from}"
                );
            }
        }
    }

    #[test]
    fn dates_are_written_as_chrono_writes_them() {
        use chrono::{Datelike, NaiveDate};
        let mut day = NaiveDate::from_ymd_opt(1999, 1, 1).unwrap();
        while day.year() < 2031 {
            assert_eq!(super::iso_date(day), day.format("%Y-%m-%d").to_string());
            assert_eq!(
                super::display_date(day),
                day.format("%-d %B %Y").to_string()
            );
            day = day.succ_opt().unwrap();
        }
        for (y, m, d) in [
            (7, 3, 9),
            (999, 12, 31),
            (9999, 12, 31),
            (10000, 1, 1),
            (-44, 3, 15),
        ] {
            let day = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            assert_eq!(super::iso_date(day), day.format("%Y-%m-%d").to_string());
            assert_eq!(
                super::display_date(day),
                day.format("%-d %B %Y").to_string()
            );
        }
    }

    #[test]
    fn has_words_counts_up_to_the_number_asked() {
        assert!(super::has_words("one two  three", 3));
        assert!(!super::has_words("one two", 3));
        assert!(super::has_words("", 0));
        assert!(!super::has_words(" \n ", 1));
    }

    use super::*;

    #[test]
    fn line_column_counts_from_one() {
        assert_eq!(line_column("ab\ncd", 4), (2, 2));
        assert_eq!(line_column("ab", 0), (1, 1));
    }

    #[test]
    fn slug_drops_apostrophes_and_punctuation() {
        assert_eq!(
            slugify("Where are the North Korean troops?"),
            "where-are-the-north-korean-troops"
        );
        assert_eq!(slugify("Here's what we know"), "heres-what-we-know");
        assert_eq!(
            slugify("  Wait, how does this even work?  "),
            "wait-how-does-this-even-work"
        );
    }

    #[test]
    fn slug_folds_accents() {
        assert_eq!(
            slugify("Zelenskyy in Kraków: São Paulo"),
            "zelenskyy-in-krakow-sao-paulo"
        );
    }

    #[test]
    fn long_slugs_are_cut_at_a_hyphen_with_a_hash_suffix() {
        assert_eq!(fit_slug("short-one".to_string()), "short-one");
        let long = "word-".repeat(60) + "end";
        let other = "word-".repeat(60) + "fin";
        let (a, b) = (fit_slug(long.clone()), fit_slug(other));
        assert!(a.len() <= MAX_SLUG_BYTES, "{a}");
        assert!(a.starts_with("word-word-") && !a.contains("--"), "{a}");
        assert_ne!(a, b);
        assert_eq!(a, fit_slug(long), "the same slug every build");
        let unbroken = fit_slug("x".repeat(300));
        assert_eq!(unbroken.len(), MAX_SLUG_BYTES);
    }

    #[test]
    fn slug_of_symbols_only_is_empty() {
        assert_eq!(slugify("?!—"), "");
    }

    #[test]
    fn first_sentence_stops_at_full_stop() {
        assert_eq!(
            first_sentence("It is a grey area. Nobody agrees."),
            "It is a grey area."
        );
    }

    #[test]
    fn first_sentence_skips_abbreviations_initials_and_decimals() {
        assert_eq!(
            first_sentence("Mr. Lee met Dr. J. Park in the U.S. on a 1.5 day visit. Then he left."),
            "Mr. Lee met Dr. J. Park in the U.S. on a 1.5 day visit."
        );
    }

    #[test]
    fn first_sentence_closes_an_open_quote() {
        assert_eq!(
            first_sentence("\u{201C}We do not know. It may change,\u{201D} she said."),
            "\u{201C}We do not know.\u{201D}"
        );
        assert_eq!(
            first_sentence("\"We do not know. It may change,\" she said."),
            "\"We do not know.\""
        );
    }

    #[test]
    fn first_sentence_keeps_quote_closed_inside() {
        assert_eq!(
            first_sentence("He called it \"a gift.\" Others did not."),
            "He called it \"a gift.\""
        );
    }

    #[test]
    fn first_sentence_needs_a_capital_after_the_stop() {
        assert_eq!(
            first_sentence("Prices rose 3 p.c. across the board. Then fell."),
            "Prices rose 3 p.c. across the board."
        );
    }

    #[test]
    fn sentences_are_counted_by_their_ends() {
        assert_eq!(sentence_count("One. Two? Three!"), 3);
        assert_eq!(sentence_count("Mr. Smith met the U.S. envoy."), 1);
        assert_eq!(sentence_count(""), 0);
    }

    #[test]
    fn sentence_at_finds_the_sentence_around_an_offset() {
        let text = "First one. Dr. Lee spoke here. Last.";
        assert_eq!(sentence_at(text, 0), "First one.");
        assert_eq!(
            sentence_at(text, text.find("Lee").unwrap()),
            "Dr. Lee spoke here."
        );
        assert_eq!(sentence_at(text, text.len() - 2), "Last.");
    }

    #[test]
    fn escape_html_escapes_markup() {
        assert_eq!(
            escape_html("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }
}

/// Byte offsets where `needle` occurs in `text` as a whole word (so "Kim"
/// is not found inside "Kimberley").
pub fn word_occurrences<'a>(text: &'a str, needle: &'a str) -> impl Iterator<Item = usize> + 'a {
    let mut from = 0;
    std::iter::from_fn(move || {
        if needle.is_empty() {
            return None;
        }
        while let Some(pos) = text[from..].find(needle) {
            let start = from + pos;
            let end = start + needle.len();
            from = start + needle.chars().next().map_or(1, char::len_utf8);
            let before = text[..start].chars().next_back();
            let after = text[end..].chars().next();
            if !before.is_some_and(char::is_alphanumeric)
                && !after.is_some_and(char::is_alphanumeric)
            {
                return Some(start);
            }
        }
        None
    })
}

/// Hands out ids that are unique within one scope: the wanted id if free,
/// else `wanted-2`, `wanted-3`, ... Each base remembers its next suffix, so
/// 100,000 identical headings cost linear time, not quadratic.
#[derive(Debug, Default)]
pub struct UniqueIds {
    taken: std::collections::HashSet<String>,
    next_suffix: std::collections::HashMap<String, usize>,
}

impl UniqueIds {
    /// A scope where `reserved` ids are already taken.
    pub fn with_reserved(reserved: &[&str]) -> UniqueIds {
        let mut ids = UniqueIds::default();
        ids.taken.extend(reserved.iter().map(|s| s.to_string()));
        ids
    }

    pub fn claim(&mut self, wanted: &str) -> String {
        if self.taken.insert(wanted.to_string()) {
            return wanted.to_string();
        }
        let n = self.next_suffix.entry(wanted.to_string()).or_insert(2);
        loop {
            let candidate = format!("{wanted}-{n}");
            *n += 1;
            if self.taken.insert(candidate.clone()) {
                return candidate;
            }
        }
    }
}

#[cfg(test)]
mod unique_ids_tests {
    use super::UniqueIds;

    #[test]
    fn repeats_get_numbered_suffixes_that_skip_taken_ids() {
        let mut ids = UniqueIds::with_reserved(&["main"]);
        assert_eq!(ids.claim("main"), "main-2");
        assert_eq!(ids.claim("why"), "why");
        assert_eq!(ids.claim("why-2"), "why-2");
        assert_eq!(ids.claim("why"), "why-3");
        assert_eq!(ids.claim("why"), "why-4");
    }
}

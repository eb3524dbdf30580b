//! Raw text parser: plain-text news articles with no markup. Structure is
//! inferred line by line; the parser is infallible and never panics.
//!
//! Rules, in the order they are applied:
//!
//! 1. **Normalise.** A leading UTF-8 BOM is dropped, CRLF and lone CR become
//!    LF, every line is trimmed. Blank lines separate *runs*; inside a run
//!    lines may be hard-wrapped parts of one paragraph. Line numbers are
//!    1-based and refer to the original text.
//! 2. **Date marker.** When the first non-empty line starts with `date`
//!    (or `Date`), whitespace and a valid `YYYY-MM-DD`, the date becomes
//!    `text_date`. The rest of that line, if it ends in a parenthesised
//!    group, is a caption whose credit is the group's content; any other
//!    rest is an ordinary line. An invalid date means no marker.
//! 3. **Captions.** A line ending in `(X)` where `X` is at most 8 words,
//!    holds no sentence punctuation (`? ! ;`, or a `.` that is not part of an
//!    initial/abbreviation) and looks like a photo credit (`via`, `Reuters`,
//!    `AP`, `AFP`, `EPA`, `Getty`, `Bloomberg`, `Photo…`, `Picture…`,
//!    `Image…`, `Supplied`, `File`, or a `/` or `:`), or a line starting
//!    `Photo:`/`Picture:`/`Image:` (kept whole as the caption text). A
//!    sentence ending `(CSIS).` is not a caption.
//! 4. **Closing credit.** Only the last non-empty line, with no terminal
//!    punctuation (`. ? ! : ;`): either at most 6 words and 60 characters
//!    and a `Word/Word` pair, a leading dash (`—`, `--`) or a wire name
//!    alone (Reuters, AP, AFP, Associated Press, Bloomberg, PA, dpa); or a
//!    sign-off starting `By Name`, `Reporting by`, `Additional reporting
//!    by`, `Written by`, `Compiled by`, `Edited by`, `Editing by` of at most
//!    20 words.
//! 5. **Hard wraps.** Inside a run, line *i* is joined to line *i+1* (with
//!    one space; with no space after a word-final hyphen such as `Jong-`)
//!    when line *i* ends in `,` `;` a hyphen or a function word (`and`,
//!    `the`, `of`, …), or when it does not end in terminal punctuation or a
//!    closing quote and line *i+1* starts with a lowercase letter. Captions
//!    and the closing credit are never joined. Extension: an unfinished
//!    line that is not heading-shaped also joins a next line starting in
//!    uppercase (`... said on` / `Wednesday, ...`) when the next line's
//!    first word would not have fitted within the wrap width (the longest
//!    line that has a successor in its run, at most 100 characters; wider
//!    means one paragraph per line) and the next line is not heading-shaped.
//!    *Hard-wrapped copy* (wrap width 55 to 100, three in five lines
//!    with a successor at least three quarters of it, half of those
//!    stopping mid-sentence, at least 5 such lines): a *full* line (the next line's first word would not have
//!    fitted) always joins the next, heading-shaped or not, unless it ends
//!    a sentence and the next line is heading-shaped; joined lines that
//!    end like a caption are one caption. A line ending in `?` is never
//!    joined; a short statement-shaped line *is* joined when the next line
//!    starts in lowercase (a heading is never continued in lowercase). A
//!    paragraph stops taking lines at 20,000 bytes. A line of encoded data
//!    (40 characters or more, no space, only base64/hex characters, letters
//!    and digits: a pasted attachment) is never joined and becomes an
//!    `Encoded` metadata unit; `check` names the lines.
//! 6. **Metadata lines** ([`super::meta`], in its order: date line,
//!    byline, author blurb, dateline, residue). Date lines, bylines and
//!    author blurbs are looked for in the *head*: the units before the
//!    first full paragraph (a long headline on the first line does not end
//!    the head), at most 8. *Standfirst before byline*: a first full
//!    paragraph of at most 60 words with a byline right after it (one unit
//!    between allowed) does not end the head; the head runs to the byline
//!    and the dateline is looked for on the next full paragraph. The first date line's date becomes `text_date`
//!    when there is no date marker. The first full paragraph may open with
//!    a dateline, cut off as its own metadata unit. The last paragraph may
//!    be an author blurb. Residue lines are taken anywhere; a `Sources`
//!    line (not the first) followed only by short lines (at most 40 words)
//!    to the end makes them all residue. Metadata units become `Meta` blocks.
//! 7. **Quotations.** Per paragraph, straight `"` parity and curly `“`/`”`
//!    counts tell whether a quote is left open; news style continues it into
//!    the next paragraph (which re-opens with a quote mark). A paragraph
//!    inside an open quote is never a heading candidate. A quote left open
//!    by a stray mark stops hiding after 3 paragraphs without quote marks.
//! 8. **Heading candidates.** *Question*: ends in `?`, at most 16 words and
//!    120 characters, starts with an uppercase letter or digit, quotes in
//!    the line balanced. *Statement*: 2 to 12 words, at most 90 characters,
//!    starts with an uppercase letter or digit, does not end in
//!    `. ? ! : ; , … - —` or a closing quote or a function word, holds no
//!    sentence break (`Twain, Mark. A Yankee`), and is not a byline.
//!    *Blank-line copy* (at least 4 runs, two thirds of them one unit):
//!    a candidate must stand alone between blank lines (so a poem's lines
//!    or a list never head anything), and a single capitalised word
//!    (`Background`, `Interview`; not all capitals, not a weekday, month
//!    or page word such as `Advertisement`) is a statement candidate.
//!    *Interviews* (blank-line copy whose title says `interview`, `Q&A` or
//!    `in conversation with`, or where at least 4 paragraphs and a fifth
//!    of them are questions): a turn of at most 80 words and 3 sentences
//!    ending in `?` is a question candidate (lead-in sentences allowed; in
//!    a titled interview it may start in lowercase: `wikiHow now has...`).
//!    A candidate is **confirmed** only when the paragraphs up to the next
//!    candidate include a full one (at least 10 words or 60 characters; in
//!    a titled interview any answer confirms a question); unconfirmed
//!    candidates stay paragraphs, so a teaser question answered by one
//!    short line stays in the lead. In blank-line copy a statement
//!    candidate directly followed by a confirmed heading is confirmed too:
//!    a parent heading (`Operating the business` over `The costs`). A
//!    confirmed statement between the title and the first full paragraph
//!    that is not a heading candidate, and that is not a parent heading,
//!    is a *standfirst* (the summary line under a headline) and stays a
//!    paragraph.
//! 9. **Title.** Without a sidecar title, the first content line (after
//!    the date marker's caption, any caption and metadata) becomes the
//!    `Title` when it has the headline shape and more content follows: the
//!    statement shape, or at most 25 words and 200 characters starting
//!    with a capital or digit, not ending in `. ? ! : ; ,`, quotes
//!    balanced. A question is never a title. With a sidecar title the line
//!    goes through the normal rules.
//! 10. **Levels.** Headings are level 2, except a question heading
//!     starting with a coordinating word (`And`, `But`, `Or`, `So`, `Then`,
//!     `Also`) that follows a question section: a follow-up sub-question,
//!     level 3.
//!
//! Every non-empty input line ends up exactly once in the blocks (metadata
//! lines as `Meta` blocks, a dateline as a `Meta` block in front of the
//! rest of its paragraph); the `date YYYY-MM-DD` marker itself is consumed
//! into `text_date`.

use super::meta::{self, DateLine};
use crate::model::{
    Block, BlockKind, Caption, Document, MetaRole, Metadata, Paragraph, SourceFormat,
};
use crate::text::{escape_html, word_count};
use chrono::NaiveDate;
use std::path::Path;

/// Parses a raw plain-text article into a [`Document`]. Never fails.
pub fn parse(path: &Path, text: &str, meta: Metadata) -> Document {
    let (mut blocks, marker_date, content) = read_lines(text);
    let (units, line_date) = mark_metadata(build_units(&content));
    let units = split_labels(units);
    let text_date = marker_date.or(line_date);
    blocks.extend(classify(&units, meta.title.is_none()));

    Document {
        source: path.to_path_buf(),
        format: SourceFormat::Raw,
        meta,
        text_date,
        blocks,
    }
}

/// Splits a raw text into its leading date-marker blocks, the date, and
/// the trimmed non-empty lines with their blank-line-delimited run.
fn read_lines(text: &str) -> (Vec<Block>, Option<NaiveDate>, Vec<Line>) {
    let lines = normalise(text);
    let mut blocks = Vec::new();
    let mut text_date = None;

    // Non-empty lines with their run (blank-line-delimited group) number.
    let mut content: Vec<Line> = Vec::new();
    let mut run = 0usize;
    let mut prev_blank = true;
    let mut first_seen = false;
    // The lines are moved into `content`, not copied again.
    for (i, l) in lines.into_iter().enumerate() {
        if l.is_empty() {
            if !prev_blank {
                run += 1;
            }
            prev_blank = true;
            continue;
        }
        prev_blank = false;
        let no = i + 1;
        if !first_seen {
            first_seen = true;
            if let Some((date, rest)) = date_marker(&l) {
                text_date = Some(date);
                if rest.is_empty() {
                    continue;
                }
                if let Some((text, credit)) = split_paren_tail(rest) {
                    blocks.push(Block {
                        line: no,
                        kind: BlockKind::Caption(Caption {
                            text,
                            credit: Some(credit),
                        }),
                        rule: "2 date marker: caption",
                    });
                    // Lines after the caption start a fresh run.
                    run += 1;
                    continue;
                }
                content.push(Line {
                    no,
                    text: rest.to_string(),
                    run,
                });
                continue;
            }
        }
        content.push(Line { no, text: l, run });
    }

    (blocks, text_date, content)
}

/// A line of a raw source that the parser read as text but that a writer
/// may have meant otherwise (reported by `briefing check`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suspicion {
    /// 1-based line in the source.
    pub line: usize,
    pub kind: SuspicionKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SuspicionKind {
    /// One sentence ending in `?`, too long (words or characters) to be a
    /// question heading.
    LongQuestion { words: usize, chars: usize },
    /// A question-shaped line inside a quotation left open by an earlier
    /// paragraph, so never a heading.
    QuestionInsideQuote,
    /// A numeric date line whose day and month could be either way round.
    AmbiguousDate,
    /// A date line that names no real date (`31 February 2013`).
    UnreadableDate,
    /// `lines` lines of encoded data from here on, left out of the text.
    EncodedData { lines: usize },
}

/// Lines that look like headings but were not taken as headings, by the
/// same line grouping and quotation tracking the parser uses.
pub fn suspicious_lines(text: &str) -> Vec<Suspicion> {
    let (_, _, content) = read_lines(text);
    let (units, _) = mark_metadata(build_units(&content));
    let units = split_labels(units);
    let in_quote = inside_quotes(&units);
    let mut out = Vec::new();
    let mut encoded_run: Option<(usize, usize)> = None;
    for (u, quoted) in units.iter().zip(in_quote) {
        if let UnitKind::Meta(MetaRole::Encoded) = u.kind {
            let run = encoded_run.get_or_insert((u.no, 0));
            run.1 += 1;
            continue;
        }
        if let Some((line, lines)) = encoded_run.take() {
            out.push(Suspicion {
                line,
                kind: SuspicionKind::EncodedData { lines },
            });
        }
        if let UnitKind::Meta(MetaRole::Date { date: None }) = u.kind {
            let kind = match meta::date_line(&u.text) {
                DateLine::Ambiguous => SuspicionKind::AmbiguousDate,
                _ => SuspicionKind::UnreadableDate,
            };
            out.push(Suspicion { line: u.no, kind });
            continue;
        }
        if !matches!(u.kind, UnitKind::Text) || !u.text.ends_with('?') {
            continue;
        }
        if quoted {
            if is_question_shape(&u.text) {
                out.push(Suspicion {
                    line: u.no,
                    kind: SuspicionKind::QuestionInsideQuote,
                });
            }
            continue;
        }
        let words = word_count(&u.text);
        let chars = u.text.chars().count();
        let one_sentence = !u.text[..u.text.len() - 1].contains(['.', '!', '?']);
        if (words > 16 || chars > 120)
            && one_sentence
            && starts_upper_or_digit(&u.text)
            && quotes_balanced(&u.text)
            && quote_counts(&u.text) == (0, 0, 0)
        {
            out.push(Suspicion {
                line: u.no,
                kind: SuspicionKind::LongQuestion { words, chars },
            });
        }
    }
    if let Some((line, lines)) = encoded_run {
        out.push(Suspicion {
            line,
            kind: SuspicionKind::EncodedData { lines },
        });
    }
    out
}

/// One trimmed, non-empty source line.
struct Line {
    no: usize,
    text: String,
    run: usize,
}

/// A line or a group of joined lines, typed as far as line-local rules go.
struct Unit {
    no: usize,
    text: String,
    kind: UnitKind,
    /// The blank-line-delimited run the unit's lines come from.
    run: usize,
    /// The turn's speaker label in a transcript: `Some(true)` for the
    /// interviewer, `Some(false)` for anyone else.
    asks: Option<bool>,
}

enum UnitKind {
    Caption(Caption),
    Credit,
    /// Taken by a metadata rule ([`super::meta`]).
    Meta(MetaRole),
    Text,
}

#[derive(Clone, Copy, PartialEq)]
enum Candidate {
    Question,
    Statement,
}

/// Strips a BOM, unifies line endings and trims every line.
fn normalise(text: &str) -> Vec<String> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    // Most sources have Unix line endings: no need to copy them first.
    let unified: std::borrow::Cow<str> = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n").into()
    } else {
        text.into()
    };
    unified.split('\n').map(|l| l.trim().to_string()).collect()
}

/// `word_count(text)`, counting no further than `cap`: the shape rules only
/// ask whether a paragraph has more than a dozen or so words.
fn word_count_up_to(text: &str, cap: usize) -> usize {
    text.split_whitespace().take(cap).count()
}

/// `text.chars().count() <= max` without counting a long paragraph to its end.
fn at_most_chars(text: &str, max: usize) -> bool {
    // A char is at most four bytes. Counting the (short) rest is cheaper
    // than decoding it: `count` goes a word of bytes at a time.
    text.len() <= max || (text.len() <= 4 * max && text.chars().count() <= max)
}

/// `text.to_lowercase().starts_with(prefix)` for an ASCII `prefix`, without
/// lower-casing the whole line; also says whether anything follows it.
fn lower_starts_with(text: &str, prefix: &str) -> Option<bool> {
    let mut lowered = text.chars().flat_map(char::to_lowercase);
    for p in prefix.chars() {
        if lowered.next() != Some(p) {
            return None;
        }
    }
    Some(lowered.next().is_some())
}

/// `date YYYY-MM-DD rest` -> (date, rest trimmed).
fn date_marker(line: &str) -> Option<(NaiveDate, &str)> {
    let t = line.trim_start();
    let rest = t.strip_prefix("date").or_else(|| t.strip_prefix("Date"))?;
    if !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let rest = rest.trim_start();
    let ymd = rest.get(..10)?;
    let b = ymd.as_bytes();
    let shape_ok = b.iter().enumerate().all(|(i, c)| match i {
        4 | 7 => *c == b'-',
        _ => c.is_ascii_digit(),
    });
    if !shape_ok {
        return None;
    }
    let after = &rest[10..];
    if !(after.is_empty() || after.starts_with(char::is_whitespace)) {
        return None;
    }
    let y: i32 = ymd[..4].parse().ok()?;
    let m: u32 = ymd[5..7].parse().ok()?;
    let d: u32 = ymd[8..].parse().ok()?;
    let date = NaiveDate::from_ymd_opt(y, m, d)?;
    Some((date, after.trim()))
}

/// Splits `text (inner)` into (`text`, `inner`), both trimmed, when the line
/// ends in a balanced parenthesised group with non-empty content.
fn split_paren_tail(line: &str) -> Option<(String, String)> {
    let line = line.trim();
    if !line.ends_with(')') {
        return None;
    }
    let mut depth = 0usize;
    for (pos, c) in line.char_indices().rev() {
        match c {
            ')' => depth += 1,
            '(' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    let inner = line[pos + 1..line.len() - 1].trim();
                    if inner.is_empty() {
                        return None;
                    }
                    return Some((line[..pos].trim().to_string(), inner.to_string()));
                }
            }
            _ => {}
        }
    }
    None
}

/// Whether the content of a trailing `(...)` looks like a photo credit.
fn credit_like(inner: &str) -> bool {
    if word_count(inner) > 8 || has_sentence_punctuation(inner) {
        return false;
    }
    if inner.contains('/') || inner.contains(':') {
        return true;
    }
    inner
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .any(|w| {
            let lower = w.to_lowercase();
            matches!(w, "AP" | "AFP" | "EPA")
                || matches!(
                    lower.as_str(),
                    "via" | "reuters" | "getty" | "supplied" | "file" | "bloomberg"
                )
                || lower.starts_with("photo")
                || lower.starts_with("picture")
                || lower.starts_with("image")
        })
}

/// `? ! ;` anywhere, or a full stop that is not part of an initial or a
/// short abbreviation (`C.`, `U.S.`, `Jr.`).
fn has_sentence_punctuation(text: &str) -> bool {
    if text.contains(['?', '!', ';']) {
        return true;
    }
    text.split_whitespace()
        .filter(|w| w.contains('.'))
        .any(|w| {
            w.split('.')
                .any(|seg| seg.chars().filter(|c| c.is_alphanumeric()).count() > 3)
        })
}

/// Caption rule for any line (rule 3).
fn caption_of(line: &str) -> Option<Caption> {
    if let Some((text, inner)) = split_paren_tail(line) {
        if credit_like(&inner) {
            return Some(Caption {
                text,
                credit: Some(inner),
            });
        }
    }
    if ["photo:", "picture:", "image:"]
        .iter()
        .any(|p| lower_starts_with(line, p).is_some())
    {
        return Some(Caption {
            text: line.to_string(),
            credit: None,
        });
    }
    None
}

const BY_PREFIXES: &[&str] = &[
    "reporting by ",
    "additional reporting by ",
    "written by ",
    "compiled by ",
    "edited by ",
    "editing by ",
];

const WIRES: &[&str] = &[
    "reuters",
    "ap",
    "afp",
    "associated press",
    "bloomberg",
    "pa",
    "dpa",
];

/// `By Name`, `Reporting by ...` and similar sign-off openings.
fn is_byline(line: &str) -> bool {
    if let Some(rest) = line.strip_prefix("By ") {
        return rest
            .trim_start()
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase());
    }
    BY_PREFIXES
        .iter()
        .any(|p| lower_starts_with(line, p) == Some(true))
}

/// Closing credit rule for the last non-empty line (rule 4).
fn is_closing_credit(line: &str) -> bool {
    if line
        .chars()
        .last()
        .is_none_or(|c| matches!(c, '.' | '?' | '!' | ':' | ';'))
    {
        return false;
    }
    let words = word_count(line);
    if is_byline(line) {
        return words <= 20 && line.chars().count() <= 200;
    }
    if words > 6 || line.chars().count() > 60 {
        return false;
    }
    if let Some(rest) = line.strip_prefix('—').or_else(|| line.strip_prefix("--")) {
        return !rest.trim().is_empty();
    }
    let lower = line.to_lowercase();
    if WIRES.contains(&lower.as_str()) {
        return true;
    }
    has_word_slash(line)
}

/// A `/` with a letter on each side (spaces around it allowed).
fn has_word_slash(line: &str) -> bool {
    line.char_indices().any(|(pos, c)| {
        c == '/'
            && line[..pos]
                .trim_end()
                .chars()
                .last()
                .is_some_and(|p| p.is_alphabetic())
            && line[pos + 1..]
                .trim_start()
                .chars()
                .next()
                .is_some_and(|n| n.is_alphabetic())
    })
}

/// Lowercase words that never end a heading and signal a hard wrap.
const FUNCTION_WORDS: &[&str] = &[
    "and", "or", "nor", "but", "the", "a", "an", "of", "to", "that", "which", "whose", "its",
    "their",
];

fn ends_with_function_word(line: &str) -> bool {
    line.split_whitespace()
        .last()
        .is_some_and(|w| FUNCTION_WORDS.contains(&w))
}

fn is_closing_quote(c: char) -> bool {
    matches!(c, '"' | '\u{201D}' | '\'' | '\u{2019}')
}

/// Ends in `. ? ! : " ” ' ’ …` (a paragraph that is complete).
fn ends_complete(line: &str) -> bool {
    line.chars()
        .last()
        .is_some_and(|c| matches!(c, '.' | '?' | '!' | ':' | '…') || is_closing_quote(c))
}

/// Ends in a hyphen attached to a word (`Jong-`), not a dash.
fn ends_with_word_hyphen(line: &str) -> bool {
    let mut rev = line.chars().rev();
    rev.next() == Some('-') && rev.next().is_some_and(|c| c.is_alphanumeric())
}

/// Hard-wrapped text wraps at a column no wider than this; a wider "wrap
/// width" means one paragraph per line.
const MAX_WRAP_WIDTH: usize = 100;

/// Hard-wrap rule (rule 5): should `next` continue `cur`?
///
/// `wrap_width` is the longest line that has a successor in its run: in a
/// hard-wrapped file it is the wrap column, in a one-paragraph-per-line
/// file it is the longest paragraph.
fn should_join(cur: &str, next: &str, wrap_width: usize, wrapped: bool) -> bool {
    let first_word = next
        .split_whitespace()
        .next()
        .map_or(0, |w| w.chars().count());
    let full = cur.chars().count() + 1 + first_word > wrap_width;
    // In hard-wrapped copy a full line was cut by the wrap, so it goes on:
    // it is never a heading. Only a complete sentence before a
    // heading-shaped line ends there (rule 5, wrapped copy).
    if wrapped && full {
        return !ends_complete(cur) || !(is_statement_shape(next) || is_question_shape(next));
    }
    if cur.ends_with(',') || cur.ends_with(';') || ends_with_word_hyphen(cur) {
        return true;
    }
    if ends_with_function_word(cur) {
        return true;
    }
    if ends_complete(cur) {
        return false;
    }
    if next.chars().next().is_some_and(|c| c.is_lowercase()) {
        return true;
    }
    // An unfinished line that is not heading-shaped continues even when the
    // next line opens with a capital (`said on` / `Wednesday, ...`), provided
    // the next line's first word would not have fitted within the wrap
    // width (so the break was a wrap, not a paragraph end), and the next
    // line is not itself heading-shaped.
    wrap_width <= MAX_WRAP_WIDTH
        && full
        && !is_statement_shape(cur)
        && !is_question_shape(cur)
        && !is_statement_shape(next)
        && !is_question_shape(next)
}

/// Joined lines stop growing a paragraph at this size: a run of lines
/// without sentence ends (a list, a log) stays many paragraphs, so no
/// later stage meets a paragraph of megabytes.
const MAX_PARAGRAPH_BYTES: usize = 20_000;

/// The shortest line taken for encoded data.
const MIN_ENCODED_CHARS: usize = 40;

/// A line of encoded data (rule 5): at least [`MIN_ENCODED_CHARS`]
/// characters, no space, only base64 or hex characters (`A-Z a-z 0-9 + /
/// = - _`), and both letters and digits.
fn is_encoded_line(line: &str) -> bool {
    line.len() >= MIN_ENCODED_CHARS
        && line
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=' | b'-' | b'_'))
        && line.bytes().any(|b| b.is_ascii_digit())
        && line.bytes().any(|b| b.is_ascii_alphabetic())
}

/// The narrowest wrap width taken for hard wrapping: copy is wrapped at
/// 60 to 80 columns; a list of short lines is not wrapped copy.
const MIN_WRAP_WIDTH: usize = 55;

/// Hard-wrapped copy has at least this many lines followed by a line of
/// their run.
const MIN_WRAPPED_LINES: usize = 5;

/// Whether the copy is hard-wrapped (rule 5): the wrap width is from
/// [`MIN_WRAP_WIDTH`] to [`MAX_WRAP_WIDTH`], three in five of the lines followed by a line of
/// their run are at least three quarters of it long, and half of those
/// stop mid-sentence (one short paragraph per line ends in `.`).
fn is_hard_wrapped(content: &[Line], wrap_width: usize) -> bool {
    if !(MIN_WRAP_WIDTH..=MAX_WRAP_WIDTH).contains(&wrap_width) {
        return false;
    }
    let (mut lines, mut long, mut cut) = (0usize, 0usize, 0usize);
    for w in content.windows(2).filter(|w| w[0].run == w[1].run) {
        lines += 1;
        if w[0].text.chars().count() * 4 >= wrap_width * 3 {
            long += 1;
            cut += usize::from(!ends_complete(&w[0].text));
        }
    }
    lines >= MIN_WRAPPED_LINES && long * 5 >= lines * 3 && cut * 2 >= long
}

/// Groups lines into units: captions, the closing credit, and paragraphs
/// with hard-wrapped continuation lines joined in.
fn build_units(content: &[Line]) -> Vec<Unit> {
    let n = content.len();
    let captions: Vec<Option<Caption>> = content.iter().map(|l| caption_of(&l.text)).collect();
    let encoded: Vec<bool> = content.iter().map(|l| is_encoded_line(&l.text)).collect();
    let credit_at = n
        .checked_sub(1)
        .filter(|&last| is_closing_credit(&content[last].text));
    let wrap_width = content
        .windows(2)
        .filter(|w| w[0].run == w[1].run)
        .map(|w| w[0].text.chars().count())
        .max()
        .unwrap_or(0);
    let wrapped = is_hard_wrapped(content, wrap_width);
    let mut units = Vec::new();
    let mut i = 0;
    while i < n {
        let line = &content[i];
        if credit_at == Some(i) {
            units.push(Unit {
                no: line.no,
                text: line.text.clone(),
                kind: UnitKind::Credit,
                run: line.run,
                asks: None,
            });
            i += 1;
            continue;
        }
        if encoded[i] {
            units.push(Unit {
                no: line.no,
                text: line.text.clone(),
                kind: UnitKind::Meta(MetaRole::Encoded),
                run: line.run,
                asks: None,
            });
            i += 1;
            continue;
        }
        if let Some(c) = &captions[i] {
            units.push(Unit {
                no: line.no,
                text: line.text.clone(),
                kind: UnitKind::Caption(c.clone()),
                run: line.run,
                asks: None,
            });
            i += 1;
            continue;
        }
        let mut text = line.text.clone();
        let mut last = i;
        let mut ends_in_caption = false;
        while last + 1 < n && !ends_in_caption {
            let next = &content[last + 1];
            // A caption line ends a wrapped caption; otherwise it stands alone.
            ends_in_caption = captions[last + 1].is_some();
            if next.run != line.run
                || credit_at == Some(last + 1)
                || encoded[last + 1]
                || text.len() + 1 + next.text.len() > MAX_PARAGRAPH_BYTES
                || ends_in_caption && !wrapped
                || !should_join(&content[last].text, &next.text, wrap_width, wrapped)
            {
                break;
            }
            if !ends_with_word_hyphen(&content[last].text) {
                text.push(' ');
            }
            text.push_str(&next.text);
            last += 1;
        }
        let kind = match caption_of(&text) {
            // A caption wrapped over several lines is still one caption.
            Some(c) if last > i && (ends_in_caption || wrapped) => UnitKind::Caption(c),
            _ => UnitKind::Text,
        };
        units.push(Unit {
            no: line.no,
            text,
            kind,
            run: line.run,
            asks: None,
        });
        i = last + 1;
    }
    units
}

/// How many units from the top may hold date lines, bylines and blurbs.
const HEAD_UNITS: usize = 8;

/// The longest item of a sources list, in words.
const MAX_SOURCE_WORDS: usize = 40;

/// Applies the metadata rules of [`super::meta`] (rule 6): date lines,
/// bylines and author blurbs in the head (the text units before the first
/// full paragraph, at most [`HEAD_UNITS`]), a dateline on the first full
/// paragraph, an author blurb as the last paragraph, residue anywhere.
/// Returns the units and the first date a date line gave.
fn mark_metadata(units: Vec<Unit>) -> (Vec<Unit>, Option<NaiveDate>) {
    let n = units.len();
    let is_text = |u: &Unit| matches!(u.kind, UnitKind::Text);
    // The first text unit may be a long headline: it never ends the head.
    let first_text = units.iter().position(is_text);
    let first_full = units.iter().enumerate().position(|(k, u)| {
        is_text(u)
            && is_full_paragraph(&u.text)
            && !(Some(k) == first_text && is_headline_shape(&u.text))
    });
    let (head_end, first_full) = standfirst_before_byline(&units, first_full);
    let last_text = units.iter().rposition(is_text);
    let sources_at = units.iter().enumerate().position(|(k, u)| {
        is_text(u)
            && first_text.is_some_and(|f| k > f)
            && k + 1 < n
            && meta::is_sources_heading(&u.text)
            && units[k + 1..]
                .iter()
                .all(|v| word_count_up_to(&v.text, MAX_SOURCE_WORDS + 1) <= MAX_SOURCE_WORDS)
    });

    let mut date = None;
    let mut out = Vec::with_capacity(n + 1);
    for (k, mut u) in units.into_iter().enumerate() {
        if !matches!(u.kind, UnitKind::Text) {
            out.push(u);
            continue;
        }
        let role = if sources_at.is_some_and(|s| k >= s) || meta::residue(&u.text) {
            Some(MetaRole::Residue)
        } else if k < head_end {
            match meta::date_line(&u.text) {
                DateLine::Date(d) => {
                    date = date.or(Some(d));
                    Some(MetaRole::Date { date: Some(d) })
                }
                DateLine::Ambiguous | DateLine::Unreadable => Some(MetaRole::Date { date: None }),
                DateLine::No => {
                    meta::byline(&u.text).or_else(|| meta::author_blurb(&u.text, false))
                }
            }
        } else if Some(k) == last_text && Some(k) != first_full {
            meta::author_blurb(&u.text, true)
        } else {
            None
        };
        if let Some(role) = role {
            u.kind = UnitKind::Meta(role);
            out.push(u);
            continue;
        }
        if Some(k) == first_full {
            if let Some((role, at)) = meta::dateline(&u.text) {
                let text = u.text.split_off(at);
                let prefix = std::mem::take(&mut u.text).trim_end().to_string();
                out.push(Unit {
                    no: u.no,
                    text: prefix,
                    kind: UnitKind::Meta(role),
                    run: u.run,
                    asks: None,
                });
                u.text = text;
            }
        }
        out.push(u);
    }
    (out, date)
}

/// A standfirst is at most this many words.
const MAX_STANDFIRST_WORDS: usize = 60;

/// Standfirst before byline (rule 6): the head ends at the first full
/// paragraph, unless that paragraph is a standfirst (at most
/// [`MAX_STANDFIRST_WORDS`] words, no dateline of its own) with a byline
/// right after it (one unit between allowed). Then the head runs to the
/// byline and the first full paragraph (the one that may open with a
/// dateline) is the next one after it. Returns the head's end and that
/// paragraph.
fn standfirst_before_byline(units: &[Unit], first_full: Option<usize>) -> (usize, Option<usize>) {
    let n = units.len();
    let plain = (first_full.unwrap_or(n).min(HEAD_UNITS), first_full);
    let Some(f) = first_full else {
        return plain;
    };
    let is_text = |u: &Unit| matches!(u.kind, UnitKind::Text);
    if word_count_up_to(&units[f].text, MAX_STANDFIRST_WORDS + 1) > MAX_STANDFIRST_WORDS
        || meta::dateline(&units[f].text).is_some()
    {
        return plain;
    }
    let Some(by) = (f + 1..n.min(f + 3))
        .find(|&k| is_text(&units[k]) && meta::byline(&units[k].text).is_some())
    else {
        return plain;
    };
    if by >= HEAD_UNITS {
        return plain;
    }
    let next_full = (by + 1..n).find(|&k| is_text(&units[k]) && is_full_paragraph(&units[k].text));
    (by + 1, next_full)
}

/// A transcript has at least this many labelled turns.
const MIN_LABELLED_TURNS: usize = 3;

/// Speaker labels (rule 6, [`meta::speaker_label`]): in a transcript (at
/// least [`MIN_LABELLED_TURNS`] labelled paragraphs, two labels or more)
/// each label is cut off its turn as a `Label` unit. The interviewer is
/// `Q`/`Question` when used, else the label whose turns most often end in
/// `?`.
fn split_labels(units: Vec<Unit>) -> Vec<Unit> {
    let labels: Vec<Option<(String, usize)>> = units
        .iter()
        .map(|u| match u.kind {
            UnitKind::Text => meta::speaker_label(&u.text),
            _ => None,
        })
        .collect();
    let mut counts: std::collections::BTreeMap<&str, (usize, usize)> = Default::default();
    for (u, l) in units.iter().zip(&labels) {
        if let Some((label, at)) = l {
            let c = counts.entry(label.as_str()).or_default();
            c.0 += 1;
            c.1 += usize::from(u.text[*at..].trim_end().ends_with('?'));
        }
    }
    let turns: usize = counts.values().map(|c| c.0).sum();
    if turns < MIN_LABELLED_TURNS || counts.len() < 2 {
        return units;
    }
    let interviewer = counts
        .keys()
        .find(|l| meta::is_question_label(l))
        .copied()
        .or_else(|| {
            counts
                .iter()
                .max_by(|a, b| {
                    let share = |c: &(usize, usize)| c.1 as f64 / c.0 as f64;
                    share(a.1).total_cmp(&share(b.1))
                })
                .map(|(l, _)| *l)
        })
        .map(str::to_string);
    let mut out = Vec::with_capacity(units.len() + turns);
    for (mut u, l) in units.into_iter().zip(labels) {
        let Some((label, at)) = l else {
            out.push(u);
            continue;
        };
        let asks = interviewer.as_deref() == Some(label.as_str());
        let rest = u.text.split_off(at);
        out.push(Unit {
            no: u.no,
            text: std::mem::take(&mut u.text).trim_end().to_string(),
            kind: UnitKind::Meta(MetaRole::Label {
                speaker: label,
                asks,
            }),
            run: u.run,
            asks: None,
        });
        u.text = rest;
        u.asks = Some(asks);
        out.push(u);
    }
    out
}

fn starts_upper_or_digit(line: &str) -> bool {
    line.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// (straight `"` count, curly opens, curly closes)
fn quote_counts(text: &str) -> (usize, usize, usize) {
    // Three single-character searches, each memchr-fast, beat one
    // branchy loop over every byte.
    let straight = text.matches('"').count();
    // Both curly quotes start with byte E2; most text has none at all.
    if !text.as_bytes().contains(&0xE2) {
        return (straight, 0, 0);
    }
    (
        straight,
        text.matches('\u{201C}').count(),
        text.matches('\u{201D}').count(),
    )
}

fn quotes_balanced(text: &str) -> bool {
    let (s, o, c) = quote_counts(text);
    s % 2 == 0 && o == c
}

fn is_question_shape(line: &str) -> bool {
    line.ends_with('?')
        && at_most_chars(line, 120)
        && word_count_up_to(line, 17) <= 16
        && starts_upper_or_digit(line)
        && quotes_balanced(line)
}

fn is_statement_shape(line: &str) -> bool {
    at_most_chars(line, 90)
        && (2..=12).contains(&word_count_up_to(line, 13))
        && starts_upper_or_digit(line)
        && !line.chars().last().is_some_and(|c| {
            matches!(c, '.' | '?' | '!' | ':' | ';' | ',' | '…' | '-' | '—') || is_closing_quote(c)
        })
        && !ends_with_function_word(line)
        && !is_byline(line)
        && quotes_balanced(line)
}

/// Words that stand alone on a line without being a heading.
const NOT_ONE_WORD_HEADINGS: &[&str] = &[
    "advertisement",
    "updated",
    "share",
    "comments",
    "related",
    "reuters",
    "photo",
    "video",
    "listen",
    "subscribe",
    "close",
    "menu",
    "home",
    "ends",
    "end",
    "more",
    "contents",
];

/// A one-word heading (rule 8, blank-line copy only): a capitalised word
/// of letters (`Background`, `Interview`), not all capitals, not a
/// weekday, month or page word.
fn is_one_word_heading(line: &str) -> bool {
    let mut words = line.split_whitespace();
    let (Some(word), None) = (words.next(), words.next()) else {
        return false;
    };
    let mut chars = word.chars();
    let lower = word.to_lowercase();
    chars.next().is_some_and(char::is_uppercase)
        && word.chars().count() >= 3
        && chars.all(|c| c.is_lowercase())
        && !NOT_ONE_WORD_HEADINGS.contains(&lower.as_str())
        && meta::date_line(&format!("{word} 1, 2000")) == DateLine::No
        && !meta::is_sources_heading(word)
}

/// A title that announces an interview (`... interviews ...`, `Interview
/// with ...`, `Q&A: ...`, `in conversation with`).
pub fn is_interview_title(title: &str) -> bool {
    let lower = title.to_lowercase();
    lower
        .split(|c: char| !c.is_alphanumeric() && c != '&')
        .any(|w| matches!(w, "interview" | "interviews" | "interviewed" | "q&a"))
        || lower.contains("in conversation with")
}

/// The most words an interviewer's turn may have to be a question heading.
const MAX_INTERVIEW_QUESTION_WORDS: usize = 80;

/// An interviewer's question in an interview (rule 8): a turn of at most
/// [`MAX_INTERVIEW_QUESTION_WORDS`] words ending in `?` (a lead-in
/// sentence or two allowed), starting with a capital or digit (or, in a
/// titled interview, any letter: `wikiHow now has ...`).
fn is_interview_question(line: &str, any_start: bool) -> bool {
    line.ends_with('?')
        && (starts_upper_or_digit(line)
            || any_start && line.chars().next().is_some_and(char::is_alphabetic))
        && word_count_up_to(line, MAX_INTERVIEW_QUESTION_WORDS + 1) <= MAX_INTERVIEW_QUESTION_WORDS
        && crate::text::sentence_count(line) <= MAX_INTERVIEW_QUESTION_SENTENCES
        && quotes_balanced(line)
}

/// A question with a lead-in has at most this many sentences; a longer
/// turn that ends in `?` is an answer that asks something back.
const MAX_INTERVIEW_QUESTION_SENTENCES: usize = 3;

/// The most words a headline on the first line may have.
const MAX_HEADLINE_WORDS: usize = 25;

/// A first line that reads as a headline (rule 9): a statement heading, or
/// a longer line of at most [`MAX_HEADLINE_WORDS`] words and 200
/// characters that starts with a capital or digit, does not end like a
/// sentence (`. ? ! : ;` or a comma) and has balanced quotes.
fn is_headline_shape(line: &str) -> bool {
    is_statement_shape(line)
        || at_most_chars(line, 200)
            && word_count_up_to(line, MAX_HEADLINE_WORDS + 1) <= MAX_HEADLINE_WORDS
            && starts_upper_or_digit(line)
            && !line
                .chars()
                .last()
                .is_some_and(|c| matches!(c, '.' | '?' | '!' | ':' | ';' | ','))
            && quotes_balanced(line)
            && !is_byline(line)
}

/// A paragraph substantial enough to answer a heading.
fn is_full_paragraph(text: &str) -> bool {
    // The length test first: it settles most paragraphs without a word count.
    !at_most_chars(text, 59) || word_count_up_to(text, 10) >= 10
}

fn starts_with_coordinating_word(line: &str) -> bool {
    line.split_whitespace()
        .next()
        .map(|w| w.trim_end_matches(','))
        .is_some_and(|w| matches!(w, "And" | "But" | "Or" | "So" | "Then" | "Also"))
}

/// For each unit, whether it sits inside a quotation opened by an earlier
/// paragraph (rule 7).
fn inside_quotes(units: &[Unit]) -> Vec<bool> {
    let mut out = Vec::with_capacity(units.len());
    let mut open = false;
    let mut quiet = 0usize;
    for u in units {
        if !matches!(u.kind, UnitKind::Text) {
            out.push(false);
            continue;
        }
        out.push(open);
        let (s, o, c) = quote_counts(&u.text);
        let unbalanced = s % 2 == 1 || o > c;
        if !open {
            open = unbalanced;
            quiet = 0;
        } else if u.text.starts_with(['"', '\u{201C}']) {
            // News-style continuation: re-opened, still open if unbalanced.
            open = unbalanced;
            quiet = 0;
        } else if s + o + c == 0 {
            quiet += 1;
            if quiet >= 3 {
                open = false;
                quiet = 0;
            }
        } else {
            // A closing mark without a re-opening one ends the quote.
            open = !(s % 2 == 1 || c > o);
            quiet = 0;
        }
    }
    out
}

/// Turns units into blocks: title, confirmed headings, paragraphs. The
/// steps, in order: the title (rule 9), the copy's layout (blank-line copy,
/// interviews), each unit's heading candidacy (rules 7 and 8), which
/// candidates are confirmed (with parent headings), standfirsts, then one
/// block per unit with its level (rule 10).
fn classify(units: &[Unit], want_title: bool) -> Vec<Block> {
    let title_at = title_at(units, want_title);
    let layout = Layout::of(units, title_at);
    let in_quote = inside_quotes(units);
    let (cand, why): (Vec<Option<Candidate>>, Vec<&'static str>) = units
        .iter()
        .enumerate()
        .map(|(k, u)| candidate(u, k, &layout, in_quote[k], title_at))
        .unzip();
    let (mut confirmed, parent) = confirm(units, &cand, &layout);
    let standfirst = standfirsts(units, &cand, &why, title_at, &mut confirmed, &parent);
    let classes = Classes {
        title_at,
        cand,
        why,
        confirmed,
        parent,
        standfirst,
    };
    to_blocks(units, &classes)
}

/// Rule 9: the first content line, when it has the headline shape, the
/// sidecar gives no title and more content follows.
fn title_at(units: &[Unit], want_title: bool) -> Option<usize> {
    let first_text = units.iter().position(|u| matches!(u.kind, UnitKind::Text));
    first_text.filter(|&f| {
        want_title
            && is_headline_shape(&units[f].text)
            && units[f + 1..]
                .iter()
                .any(|u| matches!(u.kind, UnitKind::Text))
    })
}

/// Whether a unit is text (not a caption, credit or metadata line).
fn is_text(u: &Unit) -> bool {
    matches!(u.kind, UnitKind::Text)
}

/// What rule 8 asks of the copy as a whole: which units stand alone
/// between blank lines, whether it is blank-line copy, and whether it is
/// an interview.
struct Layout {
    /// Per unit: a blank line (or the edge) on each side.
    alone: Vec<bool>,
    /// Most runs are one paragraph, so a heading stands between blank
    /// lines too (a poem's lines never head anything).
    blank_style: bool,
    /// The title says it is an interview.
    interview_title: bool,
    /// Said so by the title, shaped like one (a fifth or more of the
    /// paragraphs are questions, at least four), or a labelled transcript.
    interview: bool,
}

impl Layout {
    fn of(units: &[Unit], title_at: Option<usize>) -> Layout {
        let n = units.len();
        let alone: Vec<bool> = (0..n)
            .map(|k| {
                (k == 0 || units[k - 1].run != units[k].run)
                    && (k + 1 == n || units[k + 1].run != units[k].run)
            })
            .collect();
        let runs = units.last().map_or(0, |u| u.run + 1);
        let single_runs = (0..n).filter(|&k| alone[k]).count();
        let blank_style = runs >= 4 && single_runs * 3 >= runs * 2;
        let interview_title = title_at.is_some_and(|t| is_interview_title(&units[t].text));
        let turns = (0..n)
            .filter(|&k| is_text(&units[k]) && alone[k] && title_at != Some(k))
            .count();
        let asked = (0..n)
            .filter(|&k| {
                is_text(&units[k]) && alone[k] && is_interview_question(&units[k].text, false)
            })
            .count();
        let transcript = units.iter().any(|u| u.asks.is_some());
        let interview =
            transcript || blank_style && (interview_title || asked >= 4 && asked * 5 >= turns);
        Layout {
            alone,
            blank_style,
            interview_title,
            interview,
        }
    }
}

/// Rules 7 and 8 for unit `k`: whether it is a heading candidate, with the
/// rule that decided (for `--explain`; empty for plain text).
fn candidate(
    u: &Unit,
    k: usize,
    layout: &Layout,
    in_quote: bool,
    title_at: Option<usize>,
) -> (Option<Candidate>, &'static str) {
    if !is_text(u) || title_at == Some(k) {
        (None, "")
    } else if in_quote {
        (None, "7 inside an open quotation")
    } else if u.asks == Some(false) {
        (None, "8 answer turn in a transcript")
    } else if u.asks == Some(true) {
        match is_interview_question(&u.text, true) {
            true => (Some(Candidate::Question), "8 interviewer's question"),
            false => (None, "8 interviewer's turn, not a question"),
        }
    } else if layout.blank_style && !layout.alone[k] {
        (None, "8 not alone between blank lines")
    } else if is_question_shape(&u.text) {
        (Some(Candidate::Question), "8 question shape")
    } else if is_statement_shape(&u.text)
        && word_count_up_to(&u.text, 2) >= 2
        && crate::text::sentence_count(&u.text) <= 1
    {
        (Some(Candidate::Statement), "8 statement shape")
    } else if layout.blank_style && is_one_word_heading(&u.text) {
        (Some(Candidate::Statement), "8 one-word heading")
    } else if layout.interview && is_interview_question(&u.text, layout.interview_title) {
        (Some(Candidate::Question), "8 interview question")
    } else {
        (None, "")
    }
}

/// Rule 8's confirmation: a candidate is a heading when a full paragraph
/// (in a titled interview, any answer) comes before the next candidate;
/// in blank-line copy, a statement directly followed by a confirmed
/// heading is one too, a parent heading. Returns the confirmed kind per
/// unit and which are parents.
fn confirm(
    units: &[Unit],
    cand: &[Option<Candidate>],
    layout: &Layout,
) -> (Vec<Option<Candidate>>, Vec<bool>) {
    let n = units.len();
    let mut confirmed: Vec<Option<Candidate>> = vec![None; n];
    let mut parent = vec![false; n];
    for k in 0..n {
        if let Some(kind) = cand[k] {
            let mut j = k + 1;
            let mut full = false;
            // One full paragraph before the next candidate is enough; in an
            // interview any answer is.
            while j < n && cand[j].is_none() && !full {
                if is_text(&units[j])
                    && (is_full_paragraph(&units[j].text)
                        || layout.interview_title && kind == Candidate::Question)
                {
                    full = true;
                }
                j += 1;
            }
            if full {
                confirmed[k] = Some(kind);
            }
        }
    }
    if layout.blank_style {
        for k in (0..n.saturating_sub(1)).rev() {
            if cand[k] == Some(Candidate::Statement)
                && confirmed[k].is_none()
                && confirmed[k + 1].is_some()
            {
                confirmed[k] = cand[k];
                parent[k] = true;
            }
        }
    }
    (confirmed, parent)
}

/// Standfirst (rule 8): a statement before the first full paragraph that
/// goes straight on to body text is the story's summary line, not a
/// heading (a parent heading there, over another heading, stays). Takes
/// those out of `confirmed` and returns which units they are.
fn standfirsts(
    units: &[Unit],
    cand: &[Option<Candidate>],
    why: &[&str],
    title_at: Option<usize>,
    confirmed: &mut [Option<Candidate>],
    parent: &[bool],
) -> Vec<bool> {
    let n = units.len();
    let first_full = (0..n)
        .find(|&k| is_text(&units[k]) && cand[k].is_none() && is_full_paragraph(&units[k].text));
    let mut standfirst = vec![false; n];
    let after_title = title_at.map_or(n, |t| t + 1);
    for k in after_title..first_full.unwrap_or(0) {
        if confirmed[k] == Some(Candidate::Statement) && !parent[k] && why[k] == "8 statement shape"
        {
            confirmed[k] = None;
            standfirst[k] = true;
        }
    }
    standfirst
}

/// What the steps of [`classify`] decided, per unit.
struct Classes {
    title_at: Option<usize>,
    cand: Vec<Option<Candidate>>,
    why: Vec<&'static str>,
    confirmed: Vec<Option<Candidate>>,
    parent: Vec<bool>,
    standfirst: Vec<bool>,
}

/// One block per unit, with the rule that made it.
fn to_blocks(units: &[Unit], c: &Classes) -> Vec<Block> {
    let mut blocks = Vec::with_capacity(units.len());
    let mut prev_heading: Option<Candidate> = None;
    for (k, u) in units.iter().enumerate() {
        let kind = match &u.kind {
            UnitKind::Caption(c) => BlockKind::Caption(c.clone()),
            UnitKind::Credit => BlockKind::Credit {
                text: u.text.clone(),
            },
            UnitKind::Meta(m) => BlockKind::Meta {
                text: u.text.clone(),
                meta: m.clone(),
            },
            UnitKind::Text if c.title_at == Some(k) => BlockKind::Title {
                text: u.text.clone(),
            },
            UnitKind::Text => match c.confirmed[k] {
                Some(heading) => {
                    let level = heading_level(heading, prev_heading, &u.text);
                    prev_heading = Some(heading);
                    BlockKind::Heading {
                        text: u.text.clone(),
                        level,
                    }
                }
                None => BlockKind::Paragraph(Paragraph {
                    text: u.text.clone(),
                    html: escape_html(&u.text),
                }),
            },
        };
        blocks.push(Block {
            line: u.no,
            kind,
            rule: block_rule(u, k, c),
        });
    }
    blocks
}

/// The rule behind unit `k`'s block, as `--explain` names it.
fn block_rule(u: &Unit, k: usize, c: &Classes) -> &'static str {
    match &u.kind {
        UnitKind::Caption(_) => "3 caption",
        UnitKind::Credit => "4 closing credit",
        UnitKind::Meta(m) => meta_rule(m),
        UnitKind::Text if c.title_at == Some(k) => "9 headline",
        UnitKind::Text => match (c.confirmed[k], c.parent[k]) {
            (Some(_), true) => "8 parent heading",
            (Some(_), false) => c.why[k],
            (None, _) if c.standfirst[k] => {
                "8 standfirst (statement before the first full paragraph)"
            }
            (None, _) if c.cand[k].is_some() => "8 candidate without a full paragraph after it",
            (None, _) if !c.why[k].is_empty() => c.why[k],
            (None, _) => "paragraph",
        },
    }
}

/// Rule 10: a question heading starting with a coordinating word right
/// after a question section is a follow-up, level 3; every other heading
/// is level 2.
fn heading_level(heading: Candidate, prev: Option<Candidate>, text: &str) -> u8 {
    if heading == Candidate::Question
        && prev == Some(Candidate::Question)
        && starts_with_coordinating_word(text)
    {
        3
    } else {
        2
    }
}

/// The metadata rule behind a `Meta` unit, as `--explain` names it.
fn meta_rule(meta: &MetaRole) -> &'static str {
    match meta {
        MetaRole::Date { date: Some(_) } => "6.1 date line",
        MetaRole::Date { date: None } => "6.1 date line (not read: ambiguous or impossible)",
        MetaRole::Byline { .. } => "6.2 byline",
        MetaRole::AuthorBlurb { .. } => "6.3 author blurb",
        MetaRole::Dateline { .. } => "6.4 dateline",
        MetaRole::Residue => "6.5 page residue",
        MetaRole::Label { .. } => "6.6 speaker label",
        MetaRole::Encoded => "5 encoded data",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn doc(text: &str) -> Document {
        parse(Path::new("t.txt"), text, Metadata::default())
    }

    fn doc_titled(text: &str) -> Document {
        let meta = Metadata {
            title: Some("Sidecar title".to_string()),
            ..Metadata::default()
        };
        parse(Path::new("t.txt"), text, meta)
    }

    /// Compact view of the blocks: `T:`, `H2:`, `H3:`, `P:`, `C:`, `CR:`.
    fn view(d: &Document) -> Vec<String> {
        d.blocks
            .iter()
            .map(|b| match &b.kind {
                BlockKind::Title { text } => format!("T:{text}"),
                BlockKind::Heading { text, level } => format!("H{level}:{text}"),
                BlockKind::Paragraph(p) => format!("P:{}", p.text),
                BlockKind::Caption(c) => match &c.credit {
                    Some(cr) => format!("C:{}|{cr}", c.text),
                    None => format!("C:{}", c.text),
                },
                BlockKind::Credit { text } => format!("CR:{text}"),
                BlockKind::Meta { text, meta } => format!("M:{}:{text}", meta_name(meta)),
            })
            .collect()
    }

    fn meta_name(meta: &MetaRole) -> &'static str {
        match meta {
            MetaRole::Date { .. } => "date",
            MetaRole::Byline { .. } => "byline",
            MetaRole::AuthorBlurb { .. } => "author",
            MetaRole::Dateline { .. } => "dateline",
            MetaRole::Residue => "residue",
            MetaRole::Label { .. } => "label",
            MetaRole::Encoded => "encoded",
        }
    }

    fn headings(d: &Document) -> Vec<(String, u8)> {
        d.blocks
            .iter()
            .filter_map(|b| match &b.kind {
                BlockKind::Heading { text, level } => Some((text.clone(), *level)),
                _ => None,
            })
            .collect()
    }

    /// Every non-empty input line is found, in order, exactly once in the
    /// blocks, and every block holds at least one input line.
    fn assert_nothing_lost(input: &str, d: &Document) {
        let mut pieces: Vec<String> = Vec::new();
        // A dateline or speaker label cut off a paragraph is found again
        // in front of it.
        let mut dateline: Option<String> = None;
        for b in &d.blocks {
            let piece = match &b.kind {
                BlockKind::Title { text }
                | BlockKind::Heading { text, .. }
                | BlockKind::Credit { text } => text.clone(),
                BlockKind::Paragraph(p) => {
                    assert_eq!(p.html, escape_html(&p.text));
                    p.text.clone()
                }
                BlockKind::Caption(c) => match &c.credit {
                    Some(cr) if c.text.is_empty() => format!("({cr})"),
                    Some(cr) => format!("{} ({cr})", c.text),
                    None => c.text.clone(),
                },
                BlockKind::Meta {
                    text,
                    meta: MetaRole::Dateline { .. } | MetaRole::Label { .. },
                } => {
                    dateline = Some(text.clone());
                    String::new()
                }
                BlockKind::Meta { text, .. } => text.clone(),
            };
            if piece.is_empty() {
                continue;
            }
            match dateline.take() {
                Some(prefix) => pieces.push(format!("{prefix} {piece}")),
                None => pieces.push(piece),
            }
        }
        let mut lines: Vec<String> = normalise(input)
            .into_iter()
            .filter(|l| !l.is_empty())
            .collect();
        if let Some((_, rest)) = date_marker(&lines[0]) {
            let rest = rest.to_string();
            if rest.is_empty() {
                lines.remove(0);
            } else {
                lines[0] = rest;
            }
        }
        let mut used = vec![false; pieces.len()];
        let (mut bi, mut pos) = (0usize, 0usize);
        for line in &lines {
            loop {
                assert!(
                    bi < pieces.len(),
                    "line lost: {line:?}\nblocks: {:#?}",
                    view(d)
                );
                if let Some(f) = pieces[bi][pos..].find(line.as_str()) {
                    pos += f + line.len();
                    used[bi] = true;
                    break;
                }
                bi += 1;
                pos = 0;
            }
        }
        assert!(
            used.iter().all(|u| *u),
            "block without input: {:#?}",
            view(d)
        );
        let line_chars: usize = lines.iter().map(|l| l.len()).sum();
        let piece_chars: usize = pieces.iter().map(|p| p.len()).sum();
        assert!(piece_chars <= line_chars + 3 * lines.len());
    }

    const QA: &str = "\
The city council approved a new plan for the harbour district on Monday night.
Residents have argued about the waterfront for more than a decade.
What does the plan change?
The plan allows taller buildings along the eastern pier and adds two new parks.
It also moves the ferry terminal closer to the railway station.
Who pays for it?
The state government will cover most of the cost, according to the mayor's office.
And what about the fishing fleet?
The fleet keeps its moorings, but will share the inner basin with pleasure boats.
Key dates for the harbour works
Construction is expected to begin in the spring and to last at least four years.
";

    const TEASER: &str = "\
Schools across the region will stay closed on Friday because of the storm warning.
Parents were told late on Thursday evening by text message and email.
So what happens now?
Here is what we know.
Which schools are affected?
All public primary and secondary schools in the northern districts are closed.
";

    const QUOTED: &str = "\
The new bridge opened to traffic on Saturday after six years of delays and disputes.
“What took so long?”
Engineers blamed the weather, the suppliers and two changes of government.
He asked the minister: \"Who signed off on the extra money?\"
The minister did not reply to the question at the press conference on Sunday.
";

    const LONG_QUESTION: &str = "\
The museum reopened its doors after a long renovation that cost far more than planned.
Would anyone have guessed that a museum of old clocks would attract this many visitors on a wet Tuesday in March?
Staff counted more than three thousand people by the early afternoon, the director said.
";

    const DATE_CAPTION: &str = " date 2023-06-14 Volunteers sort donated food at a warehouse in the city centre on Monday. (Jane Roe via Wire Service)

Food banks say demand has doubled since the start of the year as rents keep rising.

Charities have asked the government for emergency funding before the winter begins.
";

    const QUOTE_RUN: &str = "\
The counsellor described the first night at the shelter for the families who lost their homes.
“They ask us the same things again and again,” she said. “The children especially.
Where will we sleep tomorrow?
When can we go back?” she said, adding that nobody had clear answers yet.
How long will the shelter stay open?
The council says the shelter will stay open at least until the end of next month.
";

    const WRAPPED: &str = "\
The regional airport will add three new routes this summer, the operator said on
Wednesday, in a move that local businesses have long demanded.

The routes connect the city with two coastal resorts and a major hub, and the
operator expects the extra flights to bring in thousands of visitors.

Ticket sales open next week.
";

    const BLANKS: &str = "\n\
The orchestra announced its new season on Thursday with a focus on living composers.


Half of the works on the programme have never been performed in the country before.

The first concert takes place in September in the newly restored hall.

";

    const CREDITS: &str = "\
The river rose above its banks overnight and flooded several streets near the old town.
Emergency crews evacuated about two hundred people from low-lying houses.
AP/AFP
";

    const SIGN_OFF: &str = "\
Shares in the carmaker fell sharply after it cut its profit forecast for the year.
Analysts had expected a smaller cut given the strong sales in the first quarter.
Reporting by Ana Lima and Tom Berg; Editing by Sara Kent
";

    const AUTHOR_NOTE: &str = "\
Water is becoming the defining resource question of this decade in the region.
Farmers, cities and industry all compete for the same shrinking rivers and aquifers.
Jane Doe is a senior fellow at the Institute for Water Policy
";

    const HEADLINE: &str = "\
Storm knocks out power to thousands of homes
A powerful storm swept across the coast overnight, bringing down trees and power lines.
Crews expect to restore electricity to most homes by Sunday evening.
";

    const QUESTION_FIRST: &str = "\
Why are bus fares going up?
The transport authority says higher fuel and wage costs leave it no other choice this year.
Fares will rise by an average of five per cent from the first of next month.
";

    const CAPTIONS_BODY: &str = "\
The festival drew record crowds over the long weekend despite the heat.
Dancers perform on the main stage on Saturday night. (Photo: Lee Park/Festival)
Organisers said more than ninety thousand tickets were sold across the three days.
The number of arrests fell compared with last year (CSIS).
Photo: Crowds gather near the entrance on Friday.
The festival will return next summer.
";

    const STATEMENT_SECTIONS: &str = "\
A long drought has left reservoirs in the south at their lowest level in forty years.
Water restrictions in the south
From next week, households may only water gardens on two days of the week.
Advertisement
Farmers demand more support
Farm groups say the relief package announced so far covers only a fraction of their losses.
";

    fn fixtures() -> Vec<&'static str> {
        vec![
            QA,
            TEASER,
            QUOTED,
            LONG_QUESTION,
            DATE_CAPTION,
            QUOTE_RUN,
            WRAPPED,
            BLANKS,
            CREDITS,
            SIGN_OFF,
            AUTHOR_NOTE,
            HEADLINE,
            QUESTION_FIRST,
            CAPTIONS_BODY,
            STATEMENT_SECTIONS,
        ]
    }

    #[test]
    fn question_line_followed_by_answers_is_a_question_heading() {
        let d = doc(QA);
        let v = view(&d);
        assert_eq!(v[2], "H2:What does the plan change?");
        assert_eq!(v[5], "H2:Who pays for it?");
        assert_eq!(d.blocks[2].line, 3);
    }

    #[test]
    fn follow_up_question_is_level_3() {
        let d = doc(QA);
        assert_eq!(
            headings(&d),
            vec![
                ("What does the plan change?".to_string(), 2),
                ("Who pays for it?".to_string(), 2),
                ("And what about the fishing fleet?".to_string(), 3),
                ("Key dates for the harbour works".to_string(), 2),
            ]
        );
    }

    #[test]
    fn coordinating_question_after_statement_section_is_level_2() {
        let text = "\
The library will extend its opening hours from next month, the council said.
New opening hours
The library will open at eight in the morning and close at ten at night on weekdays.
But what about weekends?
Weekend hours stay the same for now, although a review is planned for the autumn.
";
        let d = doc(text);
        assert_eq!(
            headings(&d),
            vec![
                ("New opening hours".to_string(), 2),
                ("But what about weekends?".to_string(), 2),
            ]
        );
    }

    #[test]
    fn teaser_question_answered_by_next_short_line_stays_in_lead() {
        let d = doc(TEASER);
        let v = view(&d);
        assert_eq!(v[2], "P:So what happens now?");
        assert_eq!(v[3], "P:Here is what we know.");
        assert_eq!(v[4], "H2:Which schools are affected?");
        assert_eq!(headings(&d).len(), 1);
    }

    #[test]
    fn question_inside_a_quotation_is_not_a_heading() {
        let d = doc(QUOTED);
        assert!(headings(&d).is_empty(), "{:#?}", view(&d));
    }

    #[test]
    fn long_sentence_ending_in_question_mark_is_a_paragraph() {
        let d = doc(LONG_QUESTION);
        assert!(headings(&d).is_empty());
        assert!(view(&d)[1].starts_with("P:Would anyone"));
    }

    #[test]
    fn multi_paragraph_quote_hides_questions() {
        let d = doc(QUOTE_RUN);
        assert_eq!(
            headings(&d),
            vec![("How long will the shelter stay open?".to_string(), 2)]
        );
        assert_eq!(view(&d)[2], "P:Where will we sleep tomorrow?");
    }

    #[test]
    fn date_marker_with_caption_and_credit() {
        let d = doc(DATE_CAPTION);
        assert_eq!(d.text_date, NaiveDate::from_ymd_opt(2023, 6, 14));
        assert_eq!(
            d.blocks[0].kind,
            BlockKind::Caption(Caption {
                text: "Volunteers sort donated food at a warehouse in the city centre on Monday."
                    .to_string(),
                credit: Some("Jane Roe via Wire Service".to_string()),
            })
        );
        assert_eq!(d.blocks[0].line, 1);
        assert_eq!(d.blocks[1].line, 3);
        assert_eq!(d.blocks[2].line, 5);
        assert!(headings(&d).is_empty());
        assert!(!view(&d).iter().any(|b| b.starts_with("T:")));
    }

    #[test]
    fn date_marker_alone_is_consumed() {
        let d = doc("date 2022-01-31\nThe ferry service resumed after the winter break.\n");
        assert_eq!(d.text_date, NaiveDate::from_ymd_opt(2022, 1, 31));
        assert_eq!(
            view(&d),
            vec!["P:The ferry service resumed after the winter break."]
        );
        assert_eq!(d.blocks[0].line, 2);
    }

    #[test]
    fn date_marker_without_parenthesised_tail_is_an_ordinary_line() {
        let d = doc(
            "date 2022-01-31 The ferry service resumed today.\nIt had been suspended since December.\n",
        );
        assert_eq!(d.text_date, NaiveDate::from_ymd_opt(2022, 1, 31));
        assert_eq!(view(&d)[0], "P:The ferry service resumed today.");
        assert_eq!(d.blocks[0].line, 1);
    }

    #[test]
    fn date_marker_caption_takes_any_parenthesised_credit() {
        let d = doc(
            "date 2020-05-05 A kite over the beach. (Lena Ström)\nThe kite festival returns.\n",
        );
        assert_eq!(view(&d)[0], "C:A kite over the beach.|Lena Ström");
    }

    #[test]
    fn stray_open_quote_stops_hiding_headings_after_three_paragraphs() {
        let text = "\
The union's leader called the offer \"insulting and said members would vote on strike action this week.
Members have rejected two earlier offers since the spring.
The employers say they cannot afford more this year.
Talks are due to resume next month.
What happens if the strike goes ahead?
Trains on most regional lines would stop running for at least forty-eight hours.
";
        let d = doc(text);
        assert_eq!(
            headings(&d),
            vec![("What happens if the strike goes ahead?".to_string(), 2)]
        );
    }

    #[test]
    fn invalid_date_is_not_a_marker() {
        let text = "date 2023-02-30 Volunteers gather at the hall. (Jane Roe via Wire)\nThe hall reopened last week after repairs.\n";
        let d = doc(text);
        assert_eq!(d.text_date, None);
        // Still a caption by the general caption rule, with the text intact.
        assert_eq!(
            view(&d)[0],
            "C:date 2023-02-30 Volunteers gather at the hall.|Jane Roe via Wire"
        );
        assert_nothing_lost(text, &d);
        assert_eq!(doc("dated 2023-02-01 text here\n").text_date, None);
    }

    #[test]
    fn caption_line_in_the_body_and_sentence_ending_in_acronym() {
        let d = doc(CAPTIONS_BODY);
        let v = view(&d);
        assert_eq!(
            v[1],
            "C:Dancers perform on the main stage on Saturday night.|Photo: Lee Park/Festival"
        );
        assert_eq!(
            v[3],
            "P:The number of arrests fell compared with last year (CSIS)."
        );
        assert_eq!(v[4], "C:Photo: Crowds gather near the entrance on Friday.");
        assert_eq!(v[5], "P:The festival will return next summer.");
    }

    #[test]
    fn parenthesised_aside_is_not_a_caption() {
        let d = doc("Prices rose again in March (the third rise in a row)\n");
        assert!(view(&d)[0].starts_with("P:"));
        let d = doc("The fund was set up in 2019 (see the annual report for details)\n");
        assert!(view(&d)[0].starts_with("P:"));
    }

    #[test]
    fn closing_credit_slash_line() {
        let d = doc(CREDITS);
        assert_eq!(view(&d).last().unwrap(), "CR:AP/AFP");
    }

    #[test]
    fn credit_shape_only_counts_on_the_last_line() {
        let text =
            "AP/AFP\nThe river rose above its banks overnight and flooded several streets.\n";
        let d = doc(text);
        assert!(!view(&d).iter().any(|b| b.starts_with("CR:")));
    }

    #[test]
    fn wire_name_alone_and_dash_credit() {
        let d = doc("The vote was postponed until next week.\nReuters\n");
        assert_eq!(view(&d)[1], "CR:Reuters");
        let d = doc("The vote was postponed until next week.\n— Staff and agencies\n");
        assert_eq!(view(&d)[1], "CR:— Staff and agencies");
        let d = doc("The vote was postponed until next week.\nBy Maria Costa\n");
        assert_eq!(view(&d)[1], "CR:By Maria Costa");
    }

    #[test]
    fn sign_off_reporting_by_is_credit() {
        let d = doc(SIGN_OFF);
        assert_eq!(
            view(&d).last().unwrap(),
            "CR:Reporting by Ana Lima and Tom Berg; Editing by Sara Kent"
        );
    }

    #[test]
    fn sentence_starting_with_by_is_not_a_credit() {
        let d = doc("Prices doubled.\nBy the end of the year prices had doubled again.\n");
        assert!(view(&d)[1].starts_with("P:"));
        let d = doc("Prices doubled.\nBy the end of the year\n");
        assert!(view(&d)[1].starts_with("P:"));
    }

    #[test]
    fn author_note_at_the_end_is_an_author_blurb() {
        let d = doc(AUTHOR_NOTE);
        assert_eq!(
            view(&d).last().unwrap(),
            "M:author:Jane Doe is a senior fellow at the Institute for Water Policy"
        );
        let d = doc("Rivers are drying.\nJane Doe is a senior fellow at the Institute.\n");
        assert!(view(&d)[1].starts_with("P:"));
    }

    #[test]
    fn hard_wrapped_lines_join_into_one_paragraph() {
        let d = doc(WRAPPED);
        let v = view(&d);
        assert_eq!(v.len(), 3, "{v:#?}");
        assert_eq!(
            v[0],
            "P:The regional airport will add three new routes this summer, the operator said on Wednesday, in a move that local businesses have long demanded."
        );
        assert!(v[1].starts_with("P:The routes connect"));
        assert!(v[1].ends_with("thousands of visitors."));
        assert_eq!(d.blocks[1].line, 4);
        assert_eq!(v[2], "P:Ticket sales open next week.");
    }

    #[test]
    fn line_ending_in_comma_or_function_word_joins_next_line() {
        let d = doc(
            "The mayor thanked the volunteers,\nMarta, Jon and Ilse.\nShe praised the\nCoast Guard.\n",
        );
        assert_eq!(
            view(&d),
            vec![
                "P:The mayor thanked the volunteers, Marta, Jon and Ilse.",
                "P:She praised the Coast Guard."
            ]
        );
    }

    #[test]
    fn hyphenated_wrap_joins_without_space() {
        let d = doc("The plan is a long-\nterm fix for the harbour.\n");
        assert_eq!(
            view(&d),
            vec!["P:The plan is a long-term fix for the harbour."]
        );
    }

    #[test]
    fn one_paragraph_per_line_never_joins() {
        let d = doc(QA);
        assert_eq!(d.blocks.len(), QA.lines().count());
    }

    #[test]
    fn unfinished_line_in_one_paragraph_per_line_file_is_not_joined() {
        let text = "\
The council voted to close the old swimming pool at the end of the summer season
The decision follows an engineering report that found serious cracks in the main basin, the roof and the changing rooms.
Repairs would have cost more than building a new pool, the report concluded.
";
        assert_eq!(doc(text).blocks.len(), 3);
    }

    #[test]
    fn lines_in_different_runs_never_join() {
        let d = doc("The report was delayed until\n\nlater in the year, officials said.\n");
        assert_eq!(d.blocks.len(), 2);
    }

    #[test]
    fn blank_line_separated_paragraphs() {
        let d = doc(BLANKS);
        let lines: Vec<usize> = d.blocks.iter().map(|b| b.line).collect();
        assert_eq!(lines, vec![2, 5, 7]);
        assert!(view(&d).iter().all(|b| b.starts_with("P:")));
    }

    #[test]
    fn statement_heading_confirmed_by_full_paragraph() {
        let d = doc(STATEMENT_SECTIONS);
        assert_eq!(
            headings(&d),
            vec![
                ("Water restrictions in the south".to_string(), 2),
                ("Farmers demand more support".to_string(), 2),
            ]
        );
    }

    #[test]
    fn single_word_line_is_not_a_heading() {
        let d = doc(STATEMENT_SECTIONS);
        assert_eq!(view(&d)[3], "M:residue:Advertisement");
    }

    #[test]
    fn candidate_followed_by_candidate_is_not_a_heading() {
        let text = "\
The hospital opened a new emergency wing on Tuesday after two years of work.
New wing opens
Who will staff it?
The hospital says it has hired forty nurses and twelve doctors for the new wing.
";
        let d = doc(text);
        let v = view(&d);
        assert_eq!(v[1], "P:New wing opens");
        assert_eq!(v[2], "H2:Who will staff it?");
    }

    #[test]
    fn statement_without_full_paragraph_after_it_stays_a_paragraph() {
        let d = doc(
            "The talks ended without a deal on Friday evening in the capital.\nMore to follow\n",
        );
        assert_eq!(view(&d)[1], "P:More to follow");
    }

    #[test]
    fn headline_first_line_becomes_title() {
        let d = doc(HEADLINE);
        assert_eq!(
            view(&d)[0],
            "T:Storm knocks out power to thousands of homes"
        );
        assert!(headings(&d).is_empty());
    }

    #[test]
    fn title_after_date_caption() {
        let text = "date 2024-03-01 A tram passes the square. (File photo)\nTram line extended to the airport\nThe new line cuts the journey from the centre to the terminal to twenty minutes.\n";
        let d = doc(text);
        assert_eq!(view(&d)[1], "T:Tram line extended to the airport");
        assert_nothing_lost(text, &d);
    }

    #[test]
    fn sidecar_title_keeps_first_line_as_content() {
        let d = doc_titled(HEADLINE);
        assert_eq!(
            view(&d)[0],
            "H2:Storm knocks out power to thousands of homes"
        );
        assert!(!view(&d).iter().any(|b| b.starts_with("T:")));
        assert_eq!(d.meta.title.as_deref(), Some("Sidecar title"));
    }

    #[test]
    fn question_first_line_is_never_a_title() {
        let d = doc(QUESTION_FIRST);
        assert_eq!(view(&d)[0], "H2:Why are bus fares going up?");
    }

    #[test]
    fn crlf_and_bom_are_handled() {
        let text = "\u{FEFF}date 2021-11-05 Riders wait at a stop. (Ed Poe/Agency)\r\n\r\nBus drivers will strike on Monday over pay and working hours, the union said.\r\nWhat is the dispute about?\rThe union wants a pay rise in line with inflation and shorter shifts for drivers.\r\n";
        let d = doc(text);
        assert_eq!(d.text_date, NaiveDate::from_ymd_opt(2021, 11, 5));
        assert_eq!(
            view(&d),
            vec![
                "C:Riders wait at a stop.|Ed Poe/Agency",
                "P:Bus drivers will strike on Monday over pay and working hours, the union said.",
                "H2:What is the dispute about?",
                "P:The union wants a pay rise in line with inflation and shorter shifts for drivers.",
            ]
        );
        let lines: Vec<usize> = d.blocks.iter().map(|b| b.line).collect();
        assert_eq!(lines, vec![1, 3, 4, 5]);
        assert_nothing_lost(text, &d);
    }

    #[test]
    fn empty_input_gives_no_blocks() {
        for text in ["", "\n\n  \n", "\u{FEFF}", "\r\n\r\n", "date 2024-01-01"] {
            let d = doc(text);
            assert!(d.blocks.is_empty(), "{text:?}");
            assert_eq!(d.format, SourceFormat::Raw);
            assert_eq!(d.source, PathBuf::from("t.txt"));
        }
    }

    #[test]
    fn odd_input_does_not_panic() {
        let huge = "word ".repeat(200_000) + "end";
        let inputs = [
            huge.clone(),
            format!("{huge}\n{huge}?\n"),
            "((((((".to_string(),
            ")))) (".to_string(),
            "date".to_string(),
            "date 2024-1".to_string(),
            "date 2024-01-01(".to_string(),
            "date ２０２４-01-01 x".to_string(),
            "date 2024-01-0é x".to_string(),
            "é\u{301}\u{200B}🙂 ？\n—\n--\n/\n-\n( )\n?".to_string(),
            "\u{FEFF}\u{FEFF}\r\r\r".to_string(),
            "Photo:\n\"\n“\n”\nBy\nA/\n/B".to_string(),
        ];
        for text in &inputs {
            let d = doc(text);
            let _ = view(&d);
        }
    }

    #[test]
    fn html_is_escaped_text() {
        let d = doc("Profits at <Acme & Sons> rose by \"a lot\", it's said.\n");
        match &d.blocks[0].kind {
            BlockKind::Paragraph(p) => assert_eq!(p.html, escape_html(&p.text)),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn nothing_lost_on_every_fixture() {
        for text in fixtures() {
            assert_nothing_lost(text, &doc(text));
            assert_nothing_lost(text, &doc_titled(text));
        }
    }

    fn seed(name: &str) -> Option<String> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
        if !dir.is_dir() {
            if std::env::var("CI").as_deref() == Ok("true") {
                panic!("seed folder {} missing", dir.display());
            }
            eprintln!("skipping: seed folder {} missing", dir.display());
            return None;
        }
        Some(std::fs::read_to_string(dir.join(name)).expect("read seed"))
    }

    #[test]
    fn seed_000_question_headings_lead_and_credit() {
        let Some(text) = seed("000_374a940a17039e84.txt") else {
            return;
        };
        let d = doc(&text);
        let got: Vec<String> = headings(&d).into_iter().map(|(t, _)| t).collect();
        assert_eq!(
            got,
            vec![
                "Where are the North Korean troops?",
                "What role will these troops play?",
                "And for the regular troops?",
                "Wait, how does this even work?",
                "Is this fair game?",
                "What is North Korea getting out of this?",
                "Deployment could lengthen, broaden Ukraine war, officials warn",
            ]
        );
        let levels: Vec<u8> = headings(&d).into_iter().map(|(_, l)| l).collect();
        assert_eq!(levels, vec![2, 2, 3, 2, 2, 2, 2]);
        let v = view(&d);
        let teaser = v
            .iter()
            .position(|b| b == "P:But what exactly does this mean?")
            .expect("teaser paragraph");
        let first_heading = v.iter().position(|b| b.starts_with("H")).unwrap();
        assert!(teaser < first_heading);
        assert_eq!(v.last().unwrap(), "CR:ABC/Reuters");
        assert!(!v.iter().any(|b| b.starts_with("T:")));
        assert_nothing_lost(&text, &d);
    }

    #[test]
    fn seed_003_date_caption_no_headings() {
        let Some(text) = seed("003_38be661aca5eacde.txt") else {
            return;
        };
        let d = doc(&text);
        assert_eq!(d.text_date, NaiveDate::from_ymd_opt(2024, 10, 23));
        let captions: Vec<&Caption> = d
            .blocks
            .iter()
            .filter_map(|b| match &b.kind {
                BlockKind::Caption(c) => Some(c),
                _ => None,
            })
            .collect();
        assert_eq!(captions.len(), 1);
        assert_eq!(captions[0].credit.as_deref(), Some("Kremlin via Reuters"));
        assert!(headings(&d).is_empty());
        assert_nothing_lost(&text, &d);
    }

    const BLANK_LINE_STORY: &str = "\
Harbour towns brace for a stormy winter after a warm autumn at sea

Tuesday, November 4, 2025

By Mara Quist and Tobias Fenn, Harbour Wire

PORTWELL (Harbour Wire) - Forecasters in the coastal region expect more gales than usual this winter after an autumn of warm sea water.

Background

The sea off the coast was two degrees warmer than the long-run average in October, the weather service said on Monday.

Advertisement

Operating the sea walls

The repairs

The council has spent four years and most of its budget on raising the old walls along the front.

Share this article
";

    #[test]
    fn date_line_after_headline_sets_the_date_and_is_no_heading() {
        let d = doc(BLANK_LINE_STORY);
        assert_eq!(d.text_date, NaiveDate::from_ymd_opt(2025, 11, 4));
        let v = view(&d);
        assert_eq!(v[1], "M:date:Tuesday, November 4, 2025");
        assert!(!headings(&d).iter().any(|(h, _)| h.contains("2025")));
        assert_nothing_lost(BLANK_LINE_STORY, &d);
    }

    #[test]
    fn long_headline_on_the_first_line_is_the_title() {
        let d = doc(BLANK_LINE_STORY);
        assert_eq!(
            view(&d)[0],
            "T:Harbour towns brace for a stormy winter after a warm autumn at sea"
        );
    }

    #[test]
    fn byline_under_the_headline_is_metadata() {
        let d = doc(BLANK_LINE_STORY);
        assert_eq!(
            d.blocks[2].kind,
            BlockKind::Meta {
                text: "By Mara Quist and Tobias Fenn, Harbour Wire".into(),
                meta: MetaRole::Byline {
                    authors: vec!["Mara Quist".into(), "Tobias Fenn".into()],
                    agency: Some("Harbour Wire".into()),
                },
            }
        );
    }

    #[test]
    fn standfirst_before_byline() {
        let text = "\
Town votes to shut the old mill lane

A narrow vote ends ten years of rows over the lane behind the primary school.

By Nora Achterberg

KESWICK, England — The fog had hardly lifted when the council met on Tuesday to decide the fate of the mill lane.
";
        let v = view(&doc(text));
        assert_eq!(
            v[1],
            "P:A narrow vote ends ten years of rows over the lane behind the primary school."
        );
        assert_eq!(v[2], "M:byline:By Nora Achterberg");
        assert_eq!(v[3], "M:dateline:KESWICK, England —");
        assert!(v[4].starts_with("P:The fog had hardly lifted"));
    }

    #[test]
    fn long_first_paragraph_before_a_by_line_still_ends_the_head() {
        let text = "\
Town votes to shut the old mill lane

The council met on Tuesday to decide the fate of the mill lane, and after three hours of argument from parents, shop owners, bus drivers and the two farmers whose fields border it, the members voted by a single vote to close it to all traffic except bicycles from next spring, ending a row that began a decade ago when the school grew.

By Nora Achterberg

Parents said the vote came too late for the children who walk it every morning.
";
        let v = view(&doc(text));
        assert_eq!(v[2], "P:By Nora Achterberg");
    }

    #[test]
    fn dateline_is_cut_off_the_first_full_paragraph() {
        let d = doc(BLANK_LINE_STORY);
        let v = view(&d);
        assert_eq!(v[3], "M:dateline:PORTWELL (Harbour Wire) -");
        assert!(v[4].starts_with("P:Forecasters in the coastal region"));
        assert_eq!(d.blocks[3].line, d.blocks[4].line);
    }

    #[test]
    fn residue_lines_are_metadata_not_text() {
        let v = view(&doc(BLANK_LINE_STORY));
        assert!(v.contains(&"M:residue:Advertisement".to_string()));
        assert_eq!(v.last().unwrap(), "M:residue:Share this article");
    }

    #[test]
    fn one_word_heading_in_blank_line_copy() {
        let d = doc(BLANK_LINE_STORY);
        assert!(headings(&d).contains(&("Background".to_string(), 2)));
    }

    #[test]
    fn one_word_line_in_line_per_paragraph_copy_is_no_heading() {
        let text = "\
The port reopened on Friday after a week of storms kept every ship at anchor.
Background
The storms were the worst the port has seen in a decade, its manager said.
";
        assert!(headings(&doc(text)).is_empty());
    }

    #[test]
    fn parent_heading_over_a_sub_heading_in_blank_line_copy() {
        let h = headings(&doc(BLANK_LINE_STORY));
        let names: Vec<&str> = h.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(
            names,
            ["Background", "Operating the sea walls", "The repairs"]
        );
    }

    #[test]
    fn poem_lines_in_blank_line_copy_are_no_headings() {
        let text = "\
A poet reads at the harbour festival

The festival opened with a reading by a local poet who has written about the sea for forty years.

Wind along the empty quay
Gulls above the slate grey bay
Who will keep the lamps alight?

The crowd asked for a second poem and the poet read one about the lighthouse keepers.

The festival runs until Sunday and most of the readings are free to attend.
";
        let d = doc(text);
        assert!(headings(&d).is_empty(), "{:#?}", view(&d));
        assert_nothing_lost(text, &d);
    }

    const INTERVIEW: &str = "\
An interview with the keeper of the Portwell light

Saturday, May 3, 2025

The light at Portwell has had a keeper for two hundred years. We spoke to the present one about the job.

How long have you kept the light?

Eleven years this spring.

The light was automated in most harbours long ago. Why does Portwell still have a keeper?

The council decided that a person on the rock is worth the cost, because the fog here comes in faster than any sensor can tell.

I asked the council once whether they would change that, and they said no. You know what they said next? They said the keeper is the cheapest insurance the harbour has. Can you imagine?

Do you ever get lonely out there?

Not really, the boats call every day and the radio is always on.
";

    #[test]
    fn interview_question_with_a_lead_in_is_a_question_heading() {
        let h = headings(&doc(INTERVIEW));
        assert!(h.contains(&(
            "The light was automated in most harbours long ago. Why does Portwell still have a keeper?"
                .to_string(),
            2
        )));
    }

    #[test]
    fn interview_short_answer_confirms_its_question() {
        let h = headings(&doc(INTERVIEW));
        assert_eq!(h[0].0, "How long have you kept the light?");
    }

    #[test]
    fn answer_that_asks_back_is_no_question_heading() {
        let d = doc(INTERVIEW);
        assert!(
            !headings(&d)
                .iter()
                .any(|(t, _)| t.starts_with("I asked the council"))
        );
        assert_eq!(headings(&d).len(), 3);
        assert_nothing_lost(INTERVIEW, &d);
    }

    #[test]
    fn statement_with_a_sentence_break_is_no_heading() {
        let text = "\
The library lists its new audiobooks every month on its website.
Twain, Mark. The Prince and the Pauper
The recordings are made by volunteers who read one chapter at a time.
";
        assert!(headings(&doc(text)).is_empty());
    }

    #[test]
    fn ambiguous_date_line_is_reported_and_not_used() {
        let text = "Ferry fares rise again\n03/04/2024\nThe ferry company raised its fares for the second time this year on Monday.\n";
        let d = doc(text);
        assert_eq!(d.text_date, None);
        let s = suspicious_lines(text);
        assert_eq!(
            s,
            vec![Suspicion {
                line: 2,
                kind: SuspicionKind::AmbiguousDate
            }]
        );
    }

    #[test]
    fn sources_list_at_the_end_is_residue() {
        let text = "\
Ferry fares rise again

The ferry company raised its fares for the second time this year on Monday, blaming fuel.

Passengers said the rise would hurt people who cross every day for work.

The company said it had no choice.

Sources

Harbour Wire, fares report, 3 May

Ferry company statement
";
        let v = view(&doc(text));
        assert_eq!(
            &v[v.len() - 3..],
            [
                "M:residue:Sources",
                "M:residue:Harbour Wire, fares report, 3 May",
                "M:residue:Ferry company statement"
            ]
        );
    }

    const TRANSCRIPT: &str = "\
Talking tides with a harbour pilot

The harbour pilot has guided ships into Portwell for thirty years and spoke to us on the quay.

HW: How did you become a pilot?

Ida Brandt: My father was one, and his father before him, so the river was in the family.

HW: What is the hardest part of the job?

Ida Brandt: Fog, every time, because the radar cannot tell you what a tired captain will do next.
";

    #[test]
    fn transcript_labels_are_cut_off_their_turns() {
        let d = doc(TRANSCRIPT);
        let v = view(&d);
        assert!(v.contains(&"M:label:HW:".to_string()), "{v:#?}");
        assert!(v.contains(&"H2:How did you become a pilot?".to_string()));
        assert!(v.contains(&"M:label:Ida Brandt:".to_string()));
        assert!(v.iter().any(|b| b.starts_with("P:My father was one")));
        assert_nothing_lost(TRANSCRIPT, &d);
    }

    #[test]
    fn transcript_interviewer_is_the_label_that_asks() {
        let d = doc(TRANSCRIPT);
        let asks: Vec<(String, bool)> = d
            .blocks
            .iter()
            .filter_map(|b| match &b.kind {
                BlockKind::Meta {
                    meta: MetaRole::Label { speaker, asks },
                    ..
                } => Some((speaker.clone(), *asks)),
                _ => None,
            })
            .collect();
        assert_eq!(asks[0], ("HW".to_string(), true));
        assert_eq!(asks[1], ("Ida Brandt".to_string(), false));
    }

    #[test]
    fn two_labelled_lines_are_no_transcript() {
        let text = "Note: the ferry timetable changes on Monday.\nPassengers should check the new times before they travel to the harbour.\nUpdate: the first ferry now leaves at six.\n";
        assert!(!view(&doc(text)).iter().any(|b| b.starts_with("M:label")));
    }

    #[test]
    fn hard_wrapped_full_line_never_becomes_a_heading() {
        let text = "\
The council met on Tuesday to decide the future of the old
harbour wall, which has cracked in three places since the
storms of last winter, and voted to repair it by spring.
Marta Olsen, the engineer in charge of the works at the
Harbour Board, said the repairs would take ten weeks.
What happens to the boats?
They will moor in the outer basin until the work is done,
the harbour master said, and the ferry keeps its berth.
";
        let d = doc(text);
        assert_eq!(
            headings(&d),
            vec![("What happens to the boats?".to_string(), 2)]
        );
        // Without blank lines, a paragraph break after a full line is lost.
        assert!(view(&d).iter().any(|b| b.starts_with("P:")
            && b.contains(
                "Marta Olsen, the engineer in charge of the works at the Harbour Board"
            )));
        assert_nothing_lost(text, &d);
    }

    #[test]
    fn standfirst_under_the_headline_stays_in_the_lead() {
        let text = "\
Ferry fares rise for the second time this year

Daily riders face the biggest increase since the route opened

The ferry company raised its fares on Monday, blaming fuel costs and a new pay deal for its crews.

Riders said the rise would hurt people who cross every day for work, and asked the council to step in.
";
        let d = doc(text);
        assert!(headings(&d).is_empty(), "{:#?}", view(&d));
        assert_eq!(
            view(&d)[1],
            "P:Daily riders face the biggest increase since the route opened"
        );
    }

    #[test]
    fn encoded_lines_are_never_text() {
        let mut text = String::from(
            "Minutes of the harbour board\n\nThe board met on Monday and agreed the budget for the coming year.\n",
        );
        for i in 0..30 {
            text.push_str(&format!(
                "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo{i:02}YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXo\n"
            ));
        }
        text.push_str("\nThe next meeting is in June.\n");
        let d = doc(&text);
        let v = view(&d);
        assert_eq!(v.iter().filter(|b| b.starts_with("M:encoded:")).count(), 30);
        assert!(!v.iter().any(|b| b.starts_with("P:") && b.contains("QUJD")));
        assert_eq!(
            suspicious_lines(&text),
            vec![Suspicion {
                line: 4,
                kind: SuspicionKind::EncodedData { lines: 30 }
            }]
        );
        assert_nothing_lost(&text, &d);
    }

    #[test]
    fn paragraph_stops_growing_at_the_cap() {
        let line = "and the list of stalls goes on past the harbour wall and the old church,";
        let text = format!("Market day\n\n{}\nThe end.\n", vec![line; 1000].join("\n"));
        let d = doc(&text);
        assert!(d.blocks.iter().all(|b| match &b.kind {
            BlockKind::Paragraph(p) => p.text.len() <= MAX_PARAGRAPH_BYTES,
            _ => true,
        }));
        assert!(d.blocks.len() > 3);
        assert_nothing_lost(&text, &d);
    }

    #[test]
    fn short_list_lines_are_not_hard_wrapped_copy() {
        let text = "\
Prices at the market
Apples cost two dollars a kilo at Stall One
Pears cost three dollars a kilo at Stall Two
Plums cost four dollars a kilo at Stall Three
Figs cost nine dollars a kilo at Stall Four
Dates cost six dollars a kilo at Stall Five
Limes cost one dollar each at Stall Six
";
        let d = doc(text);
        let paragraphs = view(&d).iter().filter(|b| b.starts_with("P:")).count();
        assert_eq!(paragraphs, 6, "{:#?}", view(&d));
    }
}

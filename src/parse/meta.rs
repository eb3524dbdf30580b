//! Metadata lines of raw copy: the lines a website, a wire feed or an email
//! puts around an article that are not its text. [`crate::parse::raw`] asks
//! these rules about the lines at the top of a source (its *head*: the
//! lines before the first full paragraph), about the first full paragraph
//! (for a dateline) and about every line (for page residue). A line a rule
//! takes becomes a [`MetaRole`] block: never text, never a heading, and
//! still listed, so nothing in the source is lost.
//!
//! Rules, in the order they are tried on a line:
//!
//! 1. **Date line** ([`date_line`]). The whole line is a date in a common
//!    English format, optionally after `Published`, `Updated`, `Posted`,
//!    `Last updated`, `First published` (with `:` or `on`), with a weekday
//!    (`Thursday,`, `Tue`), a time (`10.21am`, `3:15 PM`) and a time zone
//!    (`BST`, `EDT`, `GMT+1`) anywhere in it, which are dropped: `Thursday,
//!    20 June 2013`, `June 5, 2024`, `5 June 2024, 10.21am BST`, `Updated
//!    3:15 PM EDT, Tue March 5, 2024`, `2024-06-05`. Numeric `D/M/Y` is
//!    read only when one part is over 12; `03/04/2024` is *ambiguous* and a
//!    line naming a month or weekday with numbers that do not make a date
//!    (`31 February 2013`) is *unreadable*: both are reported by `check`,
//!    neither sets the date.
//! 2. **Byline** ([`byline`]). `By NAME`, `By NAME and NAME`, `By NAME,
//!    NAME and NAME`, optionally followed by `, AGENCY`, `| AGENCY` or `-
//!    AGENCY` (at most 20 words, no sentence end): the names are the
//!    authors, the agency the credit. A trailing `in CITY` (`By NAME in
//!    Dublin`) is dropped. Without `By`: `NAME | AGENCY`, a full name
//!    and an agency word (`Hedda Lund | Nordic Press`). A name is one to four capitalised
//!    words (particles such as `de`, `van`, `al-` allowed).
//! 3. **Author blurb** ([`author_blurb`]). `NAME, ROLE` where ROLE holds a
//!    job word (`Professor`, `Lecturer`, `Fellow`, `Editor`,
//!    `Correspondent`, `Reporter`, …), at most 20 words and no sentence
//!    end; or, as the last paragraph, `NAME is a/an/the ROLE …` of at most
//!    40 words with a job word. The name is an author.
//! 4. **Dateline** ([`dateline`]), on the first full paragraph only: an
//!    upper-case place (`LONDON`, `RIO DE JANEIRO`, `WASHINGTON, D.C.`),
//!    optionally `, Region` and `, Month D` or `, D Month` (`CORK, Ireland,
//!    March 3`), optionally `(AGENCY)`, then a
//!    dash (`-`, `–`, `—`) and the text. Place and agency become metadata;
//!    the paragraph keeps the text after the dash.
//! 5. **Residue** ([`residue`]). Lines a web page or feed leaves in pasted
//!    copy: `Advertisement`, `Share this article`, `Share on …`, `Read
//!    more: …`, `Related: …`, `Sign up for …`, `Subscribe to …`, `Click
//!    here …`, `Categories: …`, `Image copyright …`, a line that is only a
//!    parenthesised photo credit (`(Photo: NAME/Getty Images)`), `Follow
//!    us on …`. A `Sources` / `References` line near the end, followed only
//!    by short lines, makes those lines residue too (decided by the caller,
//!    [`is_sources_heading`]).
//! 6. **Speaker label** ([`speaker_label`]), on every paragraph; the
//!    caller uses labels only in a transcript (at least 3 labelled
//!    paragraphs, at least 2 different labels): `Q:`, `A:`, `Question:`,
//!    `Answer:`, initials (`GV:`) or a name of at most 4 capitalised words
//!    (`Jane Roe:`) before `: ` and the turn. Words that open ordinary
//!    lines with a colon (`Note`, `Update`, `Photo`, `Source`, …) are no
//!    labels.

pub use crate::model::MetaRole;
use chrono::NaiveDate;

/// What [`date_line`] makes of a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateLine {
    /// Not a date line.
    No,
    /// A date line that reads as this date.
    Date(NaiveDate),
    /// Day and month could be either way round (`03/04/2024`).
    Ambiguous,
    /// Looks like a date line but names no real date (`31 February 2013`).
    Unreadable,
}

const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
];

/// `March`, `Mar`, `Mar.`, `Sept` -> 3 / 9; case-insensitive.
fn month_of(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_lowercase();
    if w.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .find(|(name, _)| *name == w || (w.len() <= 4 && name.starts_with(&w)))
        .map(|&(_, m)| m)
}

const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

fn is_weekday(word: &str) -> bool {
    let w = word.trim_end_matches('.').to_lowercase();
    w.len() >= 3
        && WEEKDAYS
            .iter()
            .any(|d| *d == w || (w.len() <= 4 && d.starts_with(&w)))
}

/// Words that may open a date line and are dropped.
const DATE_PREFIXES: &[&str] = &[
    "last updated",
    "first published",
    "published",
    "updated",
    "posted",
    "date",
];

/// `10.21am`, `3:15`, `15:04:05`, `3pm` (the `am`/`pm` may be the next token).
fn is_time(word: &str) -> bool {
    let lower = word.to_lowercase();
    let core = lower
        .strip_suffix("am")
        .or_else(|| lower.strip_suffix("pm"))
        .or_else(|| lower.strip_suffix("a.m."))
        .or_else(|| lower.strip_suffix("p.m."));
    let had_meridiem = core.is_some();
    let core = core.unwrap_or(&lower);
    let parts: Vec<&str> = core.split([':', '.']).collect();
    let digits = |p: &&str| !p.is_empty() && p.len() <= 2 && p.bytes().all(|b| b.is_ascii_digit());
    match parts.len() {
        1 => had_meridiem && digits(&parts[0]),
        2 | 3 => parts.iter().all(digits) && parts[1..].iter().all(|p| p.len() == 2),
        _ => false,
    }
}

/// `BST`, `EDT`, `GMT`, `UTC+1`, `+0100`, `ET`: dropped from date lines.
fn is_time_zone(word: &str) -> bool {
    let w = word.trim_matches(|c| c == '(' || c == ')');
    let (name, offset) = match w.find(['+', '-']) {
        Some(p) => (&w[..p], &w[p + 1..]),
        None => (w, ""),
    };
    let name_ok = (2..=5).contains(&name.len()) && name.bytes().all(|b| b.is_ascii_uppercase());
    let offset_ok = offset.len() <= 4 && offset.bytes().all(|b| b.is_ascii_digit());
    (name_ok || (name.is_empty() && !offset.is_empty())) && offset_ok
}

/// A day number, `5`, `05`, `5th`, `21st`.
fn day_of(word: &str) -> Option<u32> {
    let w = word
        .trim_end_matches("st")
        .trim_end_matches("nd")
        .trim_end_matches("rd")
        .trim_end_matches("th");
    if w.is_empty() || w.len() > 2 || !w.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    w.parse().ok()
}

fn year_of(word: &str) -> Option<i32> {
    if word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()) {
        word.parse().ok().filter(|y| (1000..=2999).contains(y))
    } else {
        None
    }
}

/// Date line rule (rule 1).
pub fn date_line(line: &str) -> DateLine {
    let line = line.trim();
    // Date lines are short; a paragraph is never one.
    if line.is_empty() || line.len() > 80 {
        return DateLine::No;
    }
    let mut rest = line;
    let lower = line.to_lowercase();
    for p in DATE_PREFIXES {
        if lower.starts_with(p) {
            let after = &line[p.len()..];
            if after.starts_with([':', ' ']) {
                rest = after.trim_start_matches([':', ' ']);
                rest = rest.strip_prefix("on ").unwrap_or(rest);
                break;
            }
        }
    }
    let mut kept: Vec<&str> = Vec::new();
    let mut named = false;
    let mut timed = false;
    for raw in rest.split([' ', ',', '|']).filter(|w| !w.is_empty()) {
        let word = raw.trim_end_matches([',', ';']);
        let lower = word.to_lowercase();
        if is_weekday(word) {
            named = true;
            continue;
        }
        if is_time(word) {
            timed = true;
            continue;
        }
        if matches!(
            lower.as_str(),
            "am" | "pm" | "a.m." | "p.m." | "at" | "on" | "-" | "–" | "—"
        ) || (!kept.is_empty() || named || timed) && is_time_zone(word)
        {
            continue;
        }
        if month_of(word).is_some() {
            named = true;
        }
        kept.push(word);
    }
    let numeric = |w: &str| w.bytes().all(|b| b.is_ascii_digit());
    match kept.as_slice() {
        // 2024-06-05
        [iso] if iso.len() == 10 && iso.as_bytes()[4] == b'-' && iso.as_bytes()[7] == b'-' => {
            match NaiveDate::parse_from_str(iso, "%Y-%m-%d") {
                Ok(d) => DateLine::Date(d),
                Err(_) if iso.bytes().filter(|b| b.is_ascii_digit()).count() == 8 => {
                    DateLine::Unreadable
                }
                Err(_) => DateLine::No,
            }
        }
        // 05/06/2024, 5.6.2024
        [slashed] if slashed.contains(['/', '.']) && !named => slash_date(slashed),
        [a, b, c] => {
            let (day, month, year) = if let (Some(m), Some(d)) = (month_of(a), day_of(b)) {
                (d, m, year_of(c))
            } else if let (Some(d), Some(m)) = (day_of(a), month_of(b)) {
                (d, m, year_of(c))
            } else {
                return DateLine::No;
            };
            match year {
                Some(y) => NaiveDate::from_ymd_opt(y, month, day)
                    .map_or(DateLine::Unreadable, DateLine::Date),
                None if numeric(c) => DateLine::Unreadable,
                None => DateLine::No,
            }
        }
        _ => DateLine::No,
    }
}

/// `D/M/YYYY` or `M/D/YYYY`, read only when one of the two is over 12.
fn slash_date(word: &str) -> DateLine {
    let parts: Vec<&str> = word.split(['/', '.']).collect();
    let [a, b, y] = parts.as_slice() else {
        return DateLine::No;
    };
    let (Some(a), Some(b), Some(y)) = (day_of(a), day_of(b), year_of(y)) else {
        return DateLine::No;
    };
    let (day, month) = match (a > 12, b > 12) {
        (true, false) => (a, b),
        (false, true) => (b, a),
        (false, false) if a == b => (a, b),
        (false, false) => return DateLine::Ambiguous,
        (true, true) => return DateLine::Unreadable,
    };
    NaiveDate::from_ymd_opt(y, month, day).map_or(DateLine::Unreadable, DateLine::Date)
}

/// Words that may sit inside a name (lower-case particles).
const NAME_PARTICLES: &[&str] = &[
    "de", "da", "del", "della", "der", "den", "di", "du", "van", "von", "la", "le", "bin", "ibn",
    "al", "el", "ter", "y",
];

/// One to four capitalised words (initials, hyphens, apostrophes and
/// particles allowed), the shape of a person's name in a byline.
fn is_name(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.is_empty() || words.len() > 5 {
        return false;
    }
    let capitalised = |w: &str| {
        let w = w.trim_start_matches("al-").trim_start_matches("el-");
        w.chars().next().is_some_and(char::is_uppercase)
            && w.chars()
                .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '\u{2019}'))
    };
    capitalised(words[0])
        && capitalised(words[words.len() - 1])
        && words
            .iter()
            .all(|w| capitalised(w) || NAME_PARTICLES.contains(w))
        && words.iter().filter(|w| capitalised(w)).count() >= 1
        && !words
            .iter()
            .any(|w| is_weekday(w) || month_of(w).is_some() && w.len() > 3)
}

/// Splits `A, B and C` / `A & B` into names.
fn names_in(list: &str) -> Option<Vec<String>> {
    let mut names = Vec::new();
    for part in list.split(',') {
        for name in part.split(" and ").flat_map(|p| p.split(" & ")) {
            let name = name.trim();
            if name.is_empty() {
                continue;
            }
            if !is_name(name) {
                return None;
            }
            names.push(name.to_string());
        }
    }
    (!names.is_empty()).then_some(names)
}

/// Byline rule (rule 2).
pub fn byline(line: &str) -> Option<MetaRole> {
    let Some(rest) = line
        .strip_prefix("By ")
        .or_else(|| line.strip_prefix("BY "))
        .or_else(|| line.strip_prefix("by "))
    else {
        return name_bar_agency(line);
    };
    if rest.split_whitespace().count() > 20
        || rest.ends_with(['.', '?', '!', ':', ';']) && !rest.ends_with(" Jr.")
    {
        return None;
    }
    // An agency after `|`, ` - ` or `—`.
    let (names_part, agency) = match rest
        .split_once(" | ")
        .or_else(|| rest.split_once(" - "))
        .or_else(|| rest.split_once(" — "))
    {
        Some((n, a)) => (n, Some(a.trim().to_string())),
        None => (rest, None),
    };
    // `By NAME in CITY`: where the author files from is no name.
    let names_part = match names_part.rsplit_once(" in ") {
        Some((names, city)) if is_region(city) => names,
        _ => names_part,
    };
    let last_is_agency = names_part
        .rsplit_once(',')
        .is_some_and(|(_, last)| is_agency_or_role(last));
    if !last_is_agency {
        if let Some(authors) = names_in(names_part) {
            return Some(MetaRole::Byline { authors, agency });
        }
    }
    // `By NAME and NAME, Associated Press`: the last comma part is the
    // agency, or the author's role (`Staff Writer`), which is dropped.
    let (names_part, last) = names_part.rsplit_once(',')?;
    let authors = names_in(names_part)?;
    let last = last.trim();
    if agency.is_some() || last.is_empty() || !last.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    let agency = (!has_job_word(last)).then(|| last.to_string());
    Some(MetaRole::Byline { authors, agency })
}

/// `NAME | AGENCY` with no `By`: a full name (two words or more, no
/// agency word) and an agency.
fn name_bar_agency(line: &str) -> Option<MetaRole> {
    let (name, agency) = line.split_once(" | ")?;
    let (name, agency) = (name.trim(), agency.trim());
    (is_name(name)
        && name.split_whitespace().count() >= 2
        && !is_agency_or_role(name)
        && is_agency_or_role(agency)
        && agency.split_whitespace().count() <= 4
        && !agency.ends_with(['.', '?', '!', ':', ';']))
    .then(|| MetaRole::Byline {
        authors: vec![name.to_string()],
        agency: Some(agency.to_string()),
    })
}

/// Words of a news organisation's name (`Associated Press`, `Reuters`).
const AGENCY_WORDS: &[&str] = &[
    "press",
    "news",
    "agency",
    "reuters",
    "ap",
    "afp",
    "bloomberg",
    "times",
    "post",
    "journal",
    "herald",
    "guardian",
    "telegraph",
    "media",
    "radio",
    "television",
    "network",
    "service",
    "wire",
    "dpa",
    "upi",
    "xinhua",
    "bbc",
    "cnn",
    "staff",
];

/// Whether a byline's last comma part names an agency or a role rather
/// than one more author.
fn is_agency_or_role(text: &str) -> bool {
    has_job_word(text)
        || text
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| AGENCY_WORDS.contains(&w.to_lowercase().as_str()))
}

/// Job words that make `NAME, ROLE` an author blurb.
const JOB_WORDS: &[&str] = &[
    "professor",
    "lecturer",
    "fellow",
    "researcher",
    "editor",
    "correspondent",
    "reporter",
    "columnist",
    "writer",
    "journalist",
    "director",
    "analyst",
    "contributor",
    "author",
    "scientist",
    "economist",
    "historian",
    "chair",
    "dean",
    "candidate",
    "student",
];

fn has_job_word(text: &str) -> bool {
    text.split(|c: char| !c.is_alphabetic())
        .any(|w| JOB_WORDS.contains(&w.to_lowercase().trim_end_matches('s')))
}

/// Author blurb rule (rule 3); `last` says the line is the source's last
/// paragraph, where the `NAME is a ...` form is allowed.
pub fn author_blurb(line: &str, last: bool) -> Option<MetaRole> {
    let words = line.split_whitespace().count();
    if let Some((name, role)) = line.split_once(", ") {
        if words <= 20
            && !line.ends_with(['.', '?', '!', ':', ';'])
            && is_name(name)
            && name.split_whitespace().count() >= 2
            && has_job_word(role)
        {
            return Some(MetaRole::AuthorBlurb {
                author: name.to_string(),
            });
        }
    }
    if last && words <= 40 {
        for verb in [
            " is a ",
            " is an ",
            " is the ",
            " is professor ",
            " is Professor ",
        ] {
            if let Some((name, role)) = line.split_once(verb) {
                if is_name(name) && name.split_whitespace().count() >= 2 && has_job_word(role) {
                    return Some(MetaRole::AuthorBlurb {
                        author: name.to_string(),
                    });
                }
            }
        }
    }
    None
}

/// Dateline rule (rule 4): the role and the byte offset where the text
/// after the dash starts.
pub fn dateline(paragraph: &str) -> Option<(MetaRole, usize)> {
    // The dash ends the dateline; it comes early.
    let head_end = paragraph
        .char_indices()
        .take(80)
        .find(|&(_, c)| matches!(c, '-' | '–' | '—'))
        .map(|(i, _)| i)?;
    let head = paragraph[..head_end].trim_end();
    let after = &paragraph[head_end..];
    let dash_len = after.chars().next().map_or(1, char::len_utf8);
    // `-` must stand alone (`LONDON -`), or be `--`; a hyphenated word is no dash.
    let after_dash = &after[dash_len..];
    let after_dash = after_dash.strip_prefix('-').unwrap_or(after_dash);
    if !after_dash.starts_with(' ') || !paragraph[..head_end].ends_with(' ') && !head.ends_with(')')
    {
        return None;
    }
    let (place_part, agency) = match head.strip_suffix(')').and_then(|h| h.rsplit_once('(')) {
        Some((p, a)) => (p.trim_end(), Some(a.trim().to_string())),
        None => (head, None),
    };
    // `GENEVA, March 3` / `GENEVA, 3 March`: the date after the place is dropped.
    // `KYIV, Ukraine`: AP style puts the region or country after the city.
    // `CORK, Ireland, March 3`: region and date both.
    let place_part = match place_part.rsplit_once(',') {
        Some((p, date)) if p.contains(',') && date_words(date) => p,
        _ => place_part,
    };
    let (place, region) = match place_part.split_once(',') {
        Some((p, date)) if date_words(date) => (p.trim(), None),
        Some((p, region)) if is_region(region) => (p.trim(), Some(region.trim())),
        _ => (place_part.trim(), None),
    };
    let letters: Vec<char> = place.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() < 2
        || !letters.iter().all(|c| c.is_uppercase())
        || place.split_whitespace().count() > 4
        || agency
            .as_deref()
            .is_some_and(|a| a.is_empty() || a.split_whitespace().count() > 3)
    {
        return None;
    }
    let text_start = paragraph.len() - after_dash.trim_start().len();
    Some((
        MetaRole::Dateline {
            place: match region {
                Some(region) => format!("{}, {region}", title_case(place)),
                None => title_case(place),
            },
            agency,
        },
        text_start,
    ))
}

/// `Ukraine`, `D.C.`, `New South Wales`: one to three capitalised words
/// after a dateline's city.
fn is_region(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    (1..=3).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().all(|c| c.is_alphabetic() || c == '.')
        })
}

/// `March 3`, `3 March`, `D.C.` (a state after the city).
fn date_words(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    match words.as_slice() {
        [a, b] => {
            month_of(a).is_some() && day_of(b).is_some()
                || day_of(a).is_some() && month_of(b).is_some()
        }
        _ => false,
    }
}

/// `RIO DE JANEIRO` -> `Rio de Janeiro`; keeps initials such as `D.C.`.
fn title_case(place: &str) -> String {
    place
        .split_whitespace()
        .enumerate()
        .map(|(i, w)| {
            let lower = w.to_lowercase();
            if i > 0 && NAME_PARTICLES.contains(&lower.as_str()) {
                return lower;
            }
            if w.split('.').all(|part| part.chars().count() <= 1) {
                return w.to_string();
            }
            let mut out = String::new();
            let mut first = true;
            for c in w.chars() {
                if first {
                    out.extend(c.to_uppercase());
                } else {
                    out.extend(c.to_lowercase());
                }
                first = !c.is_alphabetic();
            }
            out
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Lines that are page residue whole (compared lower-cased).
const RESIDUE_LINES: &[&str] = &[
    "advertisement",
    "advertising",
    "share this article",
    "share this story",
    "share this",
    "share",
    "sponsored",
    "sponsored content",
    "skip advertisement",
    "continue reading",
    "story continues below",
    "story continues below advertisement",
    "scroll to continue",
];

/// Openings that make a short line page residue (compared lower-cased).
const RESIDUE_OPENINGS: &[&str] = &[
    "read more:",
    "read more ",
    "related:",
    "related articles",
    "related stories",
    "related coverage",
    "sign up for ",
    "sign up to ",
    "subscribe to ",
    "click here ",
    "categories:",
    "category:",
    "image copyright",
    "image source",
    "follow us on ",
    "share on ",
    "listen to this article",
    "watch:",
];

/// Residue rule (rule 5).
pub fn residue(line: &str) -> bool {
    if line.split_whitespace().count() > 30 {
        return false;
    }
    let lower = line.to_lowercase();
    let bare = lower.trim_end_matches(['.', ':']);
    if RESIDUE_LINES.contains(&bare) {
        return true;
    }
    if RESIDUE_OPENINGS.iter().any(|p| lower.starts_with(p)) {
        return true;
    }
    // `(Photo: NAME/Getty Images)`: a credit in brackets and nothing else.
    if let Some(inner) = line.strip_prefix('(').and_then(|l| l.strip_suffix(')')) {
        let inner = inner.to_lowercase();
        return ["photo", "image", "picture", "video", "file photo"]
            .iter()
            .any(|p| inner.starts_with(p));
    }
    false
}

/// Words that end in a colon at the start of a line without being a
/// speaker.
const NOT_LABELS: &[&str] = &[
    "note",
    "update",
    "updated",
    "photo",
    "picture",
    "image",
    "source",
    "sources",
    "editor's note",
    "correction",
    "warning",
    "read more",
    "related",
    "watch",
    "listen",
    "video",
    "caption",
    "credit",
    "disclaimer",
    "categories",
    "category",
    "tags",
    "published",
    "posted",
    "date",
];

/// Speaker label rule (rule 6): the label and the byte offset where the
/// turn starts.
pub fn speaker_label(paragraph: &str) -> Option<(String, usize)> {
    let colon = paragraph
        .char_indices()
        .take_while(|&(i, _)| i <= 40)
        .find(|&(i, c)| c == ':' && paragraph[i + 1..].starts_with(' '))
        .map(|(i, _)| i)?;
    let label = paragraph[..colon].trim();
    let rest = paragraph[colon + 1..].trim_start();
    if label.is_empty() || rest.is_empty() || NOT_LABELS.contains(&label.to_lowercase().as_str()) {
        return None;
    }
    let initials = label.len() <= 4 && label.chars().all(|c| c.is_ascii_uppercase());
    let fixed = matches!(label, "Question" | "Answer");
    let name = label.split_whitespace().count() <= 4
        && label.split_whitespace().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\''))
        });
    (initials || fixed || name).then(|| (label.to_string(), paragraph.len() - rest.len()))
}

/// Whether a label is the interviewer's by its name (`Q`, `Question`).
pub fn is_question_label(label: &str) -> bool {
    matches!(label, "Q" | "Q." | "Question")
}

/// `Sources`, `References`, `External links`: a list of sources follows.
pub fn is_sources_heading(line: &str) -> bool {
    matches!(
        line.to_lowercase().trim_end_matches(':'),
        "sources" | "source" | "references" | "external links" | "further reading"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> DateLine {
        DateLine::Date(NaiveDate::from_ymd_opt(y, m, d).unwrap())
    }

    #[test]
    fn date_line_weekday_day_month_year() {
        assert_eq!(date_line("Thursday, 20 June 2013"), ymd(2013, 6, 20));
    }

    #[test]
    fn date_line_weekday_month_day_year() {
        assert_eq!(date_line("Friday, August 21, 2015"), ymd(2015, 8, 21));
        assert_eq!(date_line("June 5, 2024"), ymd(2024, 6, 5));
    }

    #[test]
    fn date_line_with_time_and_zone() {
        assert_eq!(date_line("5 June 2024, 10.21am BST"), ymd(2024, 6, 5));
        assert_eq!(
            date_line("Updated 3:15 PM EDT, Tue March 5, 2024"),
            ymd(2024, 3, 5)
        );
        assert_eq!(date_line("Mon 4 Nov 2024 14.05 GMT"), ymd(2024, 11, 4));
    }

    #[test]
    fn date_line_with_prefix() {
        assert_eq!(date_line("Published: 12 May 2023"), ymd(2023, 5, 12));
        assert_eq!(date_line("Posted on Sept. 3, 2021"), ymd(2021, 9, 3));
        assert_eq!(date_line("Last updated: 1st March 2022"), ymd(2022, 3, 1));
    }

    #[test]
    fn date_line_iso_and_unambiguous_numeric() {
        assert_eq!(date_line("2024-06-05"), ymd(2024, 6, 5));
        assert_eq!(date_line("25/12/2023"), ymd(2023, 12, 25));
        assert_eq!(date_line("12/25/2023"), ymd(2023, 12, 25));
    }

    #[test]
    fn date_line_ambiguous_numeric_is_not_guessed() {
        assert_eq!(date_line("03/04/2024"), DateLine::Ambiguous);
    }

    #[test]
    fn date_line_impossible_date_is_unreadable() {
        assert_eq!(
            date_line("Thursday, 31 February 2013"),
            DateLine::Unreadable
        );
        assert_eq!(date_line("Published: 32 May 2023"), DateLine::Unreadable);
    }

    #[test]
    fn date_line_rejects_headings_and_sentences() {
        for line in [
            "May the best team win",
            "March on Washington",
            "What happened on June 5?",
            "The vote on 5 June 2024 was close.",
            "Background",
            "June",
            "2024",
        ] {
            assert_eq!(date_line(line), DateLine::No, "{line}");
        }
    }

    #[test]
    fn byline_names_and_agency() {
        assert_eq!(
            byline("By Mara Quist and Tobias Fenn, Associated Press"),
            Some(MetaRole::Byline {
                authors: vec!["Mara Quist".into(), "Tobias Fenn".into()],
                agency: Some("Associated Press".into()),
            })
        );
    }

    #[test]
    fn byline_list_with_particles() {
        assert_eq!(
            byline("By Ana de la Cruz, Pim van Dijk and Lee Ho"),
            Some(MetaRole::Byline {
                authors: vec![
                    "Ana de la Cruz".into(),
                    "Pim van Dijk".into(),
                    "Lee Ho".into()
                ],
                agency: None,
            })
        );
    }

    #[test]
    fn byline_with_bar_agency() {
        assert_eq!(
            byline("By Odile Marchand | Reuters"),
            Some(MetaRole::Byline {
                authors: vec!["Odile Marchand".into()],
                agency: Some("Reuters".into()),
            })
        );
    }

    #[test]
    fn name_bar_agency() {
        assert_eq!(
            byline("Hedda Lund | Nordic Press"),
            Some(MetaRole::Byline {
                authors: vec!["Hedda Lund".into()],
                agency: Some("Nordic Press".into()),
            })
        );
        assert_eq!(byline("Breaking News | Reuters"), None);
        assert_eq!(byline("Hedda Lund | Politics"), None);
    }

    #[test]
    fn byline_in_city() {
        assert_eq!(
            byline("By Hedda Lund in Tromso"),
            Some(MetaRole::Byline {
                authors: vec!["Hedda Lund".into()],
                agency: None,
            })
        );
    }

    #[test]
    fn dateline_region_and_date() {
        let p = "TRALEE, Ireland, March 3 — Boats stayed in.";
        let (role, at) = dateline(p).unwrap();
        assert_eq!(
            role,
            MetaRole::Dateline {
                place: "Tralee, Ireland".into(),
                agency: None,
            }
        );
        assert_eq!(&p[at..], "Boats stayed in.");
    }

    #[test]
    fn byline_rejects_sentences() {
        assert_eq!(byline("By the end of the week the talks had failed."), None);
        assert_eq!(byline("By then, everyone knew"), None);
    }

    #[test]
    fn author_blurb_name_comma_role() {
        assert_eq!(
            author_blurb("Ines Okafor, Professor of Law, University of Tarn", false),
            Some(MetaRole::AuthorBlurb {
                author: "Ines Okafor".into()
            })
        );
    }

    #[test]
    fn author_blurb_closing_sentence() {
        let line = "Harlan Voss is a senior fellow at the Institute for Coastal Policy.";
        assert_eq!(
            author_blurb(line, true),
            Some(MetaRole::AuthorBlurb {
                author: "Harlan Voss".into()
            })
        );
        assert_eq!(author_blurb(line, false), None);
    }

    #[test]
    fn author_blurb_rejects_ordinary_text() {
        assert_eq!(
            author_blurb("Paris, France, is a city of writers", false),
            None
        );
        assert_eq!(
            author_blurb("The minister is a former professor of economics.", true),
            None
        );
    }

    #[test]
    fn dateline_place_agency_dash() {
        let p = "LONDON (Reuters) - The bank held rates on Thursday.";
        let (role, at) = dateline(p).unwrap();
        assert_eq!(
            role,
            MetaRole::Dateline {
                place: "London".into(),
                agency: Some("Reuters".into())
            }
        );
        assert_eq!(&p[at..], "The bank held rates on Thursday.");
    }

    #[test]
    fn dateline_with_date_and_em_dash() {
        let p = "GENEVA, March 3 (AFP) – Talks resumed.";
        let (role, at) = dateline(p).unwrap();
        assert_eq!(
            role,
            MetaRole::Dateline {
                place: "Geneva".into(),
                agency: Some("AFP".into())
            }
        );
        assert_eq!(&p[at..], "Talks resumed.");
        let p = "WASHINGTON (AP) — Senators met.";
        assert_eq!(&p[dateline(p).unwrap().1..], "Senators met.");
    }

    #[test]
    fn dateline_city_and_country() {
        let p = "KYIV, Ukraine (AP) — Sirens sounded across the city overnight.";
        let (role, at) = dateline(p).unwrap();
        assert_eq!(
            role,
            MetaRole::Dateline {
                place: "Kyiv, Ukraine".into(),
                agency: Some("AP".into())
            }
        );
        assert_eq!(&p[at..], "Sirens sounded across the city overnight.");
    }

    #[test]
    fn dateline_place_alone() {
        let p = "RIO DE JANEIRO — Rain fell for a week.";
        let (role, _) = dateline(p).unwrap();
        assert_eq!(
            role,
            MetaRole::Dateline {
                place: "Rio de Janeiro".into(),
                agency: None
            }
        );
    }

    #[test]
    fn dateline_rejects_ordinary_openings() {
        for p in [
            "The UN - which met on Monday - agreed.",
            "NATO allies met on Monday - and agreed.",
            "Long-range missiles were fired.",
            "US-China talks resumed.",
        ] {
            assert!(dateline(p).is_none(), "{p}");
        }
    }

    #[test]
    fn residue_page_furniture() {
        for line in [
            "Advertisement",
            "Share this article",
            "Read more: How the strike began",
            "Related: Ports reopen",
            "Sign up for our morning newsletter",
            "(Photo: Lena Park/Getty Images)",
            "Categories: Politics, Europe",
        ] {
            assert!(residue(line), "{line}");
        }
    }

    #[test]
    fn residue_keeps_text() {
        for line in [
            "Related talks will follow next week.",
            "Sharing the burden is the hard part.",
            "(The figures were revised on Monday.)",
        ] {
            assert!(!residue(line), "{line}");
        }
    }

    #[test]
    fn speaker_label_short_and_named() {
        let p = "GV: When did you start the project?";
        let (label, at) = speaker_label(p).unwrap();
        assert_eq!(label, "GV");
        assert_eq!(&p[at..], "When did you start the project?");
        let p = "Lena Park: We started in a garage.";
        assert_eq!(speaker_label(p).unwrap().0, "Lena Park");
        assert_eq!(speaker_label("Q: Why now?").unwrap().0, "Q");
        assert!(is_question_label("Q"));
    }

    #[test]
    fn speaker_label_rejects_notes_and_sentences() {
        for p in [
            "Note: the figures are provisional.",
            "Update: the road has reopened.",
            "The minister said this: nothing will change.",
            "At 10:30 the talks resumed.",
        ] {
            assert!(speaker_label(p).is_none(), "{p}");
        }
    }

    #[test]
    fn sources_heading_words() {
        assert!(is_sources_heading("Sources"));
        assert!(is_sources_heading("References:"));
        assert!(!is_sources_heading("Sources say"));
    }
}

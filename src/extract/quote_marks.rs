//! Quotation marks: where the quotations of one paragraph start and end.
//!
//! One pass over the marks of a paragraph, a small state machine (closed /
//! open double / open single), in linear time. The rules, in the order the
//! machine applies them to each mark:
//! 1. `double_open`: “ „ « open a double quotation; so does a straight `"`
//!    shaped as an opening (nothing, a space or an opening bracket or dash
//!    before it, a letter, digit or mark after it), or one glued to a
//!    comma or colon before a space and a word (`communities," For ...`).
//! 2. `double_close`: while a double quotation is open, ” » (and “ for a
//!    „ opening) close it, and so does a straight `"` shaped as a closing
//!    (not followed by a letter or digit). Curly and straight marks close
//!    each other: copy mixes them.
//! 3. `nested_double`: while one is open, a straight `"` shaped as an
//!    opening whose next mark closes, with one more mark after that, is a
//!    quotation inside the quotation (`"... called "research", would it?"`)
//!    and stays part of its text.
//! 4. `restart`: while one is open, another opening (“, or a straight one
//!    not nested) means the first was never closed: it is reported as
//!    unclosed and the new one opens. A mix of marks never merges two
//!    quotations into one.
//! 5. `single_open`: outside a double quotation, ‘ or a straight `'` shaped
//!    as an opening opens a single (British) quotation -- but only when a
//!    closing single mark follows in the paragraph.
//! 6. `apostrophe`: ’ or `'` with a letter or digit on both sides (don't,
//!    Jones's), or after a letter and before a space when no single
//!    quotation is open (the 1990s' boom, Jones' car), or an opening-shaped
//!    one with no closing after it ('90s, 'em) is an apostrophe and changes
//!    nothing.
//! 7. `single_close`: while a single quotation is open, ’ or `'` shaped as
//!    a closing closes it; double marks inside it are nested.
//! 8. `paragraph_end`: a double quotation still open at the end of the
//!    paragraph is left open ([`Span::closed`] false): the caller continues
//!    it into the next paragraph when that one opens with a mark (news
//!    style for a quotation over several paragraphs), else reports it
//!    unclosed. A single quotation never runs past its paragraph.
//!
//! Spans with no letter or digit inside are dropped.

/// A quoted span in one paragraph (byte offsets).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Span {
    /// Byte of the opening mark.
    pub open: usize,
    pub inner_start: usize,
    pub inner_end: usize,
    /// Byte after the closing mark (or the paragraph's end).
    pub close: usize,
    /// False when the paragraph ends inside the quotation.
    pub closed: bool,
}

/// The quotations of a paragraph and the openings never closed in it (bytes
/// of the marks; the last open one is not among them, it is the open span).
#[derive(Debug, Default, PartialEq)]
pub struct Segments {
    pub spans: Vec<Span>,
    pub unclosed: Vec<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Mark {
    /// “ „ «
    DoubleOpen(char),
    /// ” »
    DoubleClose,
    /// "
    Straight,
    /// ‘
    SingleOpen,
    /// ’ and '
    SingleEither,
}

fn mark(c: char) -> Option<Mark> {
    Some(match c {
        '“' | '„' | '«' => Mark::DoubleOpen(c),
        '”' | '»' => Mark::DoubleClose,
        '"' => Mark::Straight,
        '‘' => Mark::SingleOpen,
        '’' | '\'' => Mark::SingleEither,
        _ => return None,
    })
}

/// One mark with what surrounds it.
#[derive(Debug, Clone, Copy)]
struct At {
    pos: usize,
    c: char,
    kind: Mark,
    /// Shaped as an opening: start, space, bracket or dash before; a word or mark after.
    opening: bool,
    /// Shaped as a closing: no letter or digit after.
    closing: bool,
    /// Letter or digit on both sides.
    inside_word: bool,
    /// After `,` `:` or `;` and before a space and a word (a typo's opening).
    glued_open: bool,
}

fn surroundings(text: &str, pos: usize, c: char) -> (Option<char>, Option<char>) {
    let before = text[..pos].chars().next_back();
    let after = text[pos + c.len_utf8()..].chars().next();
    (before, after)
}

fn classify(text: &str, pos: usize, c: char, kind: Mark) -> At {
    let (before, after) = surroundings(text, pos, c);
    let word = |x: Option<char>| x.is_some_and(char::is_alphanumeric);
    // At the paragraph's start any mark opens (`"  I say ...`).
    let opening = before.is_none()
        || (before
            .is_some_and(|b| b.is_whitespace() || "([{—–-/".contains(b) || mark(b).is_some())
            && after.is_some_and(|a| !a.is_whitespace()));
    let glued_open = before.is_some_and(|b| ",:;".contains(b))
        && after.is_some_and(char::is_whitespace)
        && text[pos + c.len_utf8()..]
            .trim_start()
            .chars()
            .next()
            .is_some_and(|n| n.is_alphanumeric() || n == '[');
    At {
        pos,
        c,
        kind,
        opening,
        glued_open,
        closing: !word(after) && before.is_some_and(|b| !b.is_whitespace()),
        inside_word: word(before) && word(after),
    }
}

/// Bytes where a quotation mark may start: `"` and `'`, and the lead
/// bytes of the non-ASCII marks (`“ ” „ ‘ ’` start with 0xE2, `« »` with
/// 0xC2), each passed to `f` in order. Eight bytes are tested at a time
/// and only a word holding one of those bytes is looked at byte by byte:
/// this runs on every paragraph, and most of a paragraph is no mark.
fn mark_starts(text: &str, mut f: impl FnMut(usize)) {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // Non-zero when some byte of `word` is `b` (the classic zero-byte test
    // on `word ^ b..b`: exact about whether there is one).
    let holds = |word: u64, b: u8| {
        let x = word ^ (ONES * u64::from(b));
        x.wrapping_sub(ONES) & !x & HIGHS
    };
    let is_start = |b: u8| matches!(b, b'"' | b'\'' | 0xE2 | 0xC2);
    let bytes = text.as_bytes();
    let mut chunks = bytes.chunks_exact(8);
    let mut at = 0;
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let word = u64::from_le_bytes(word);
        if holds(word, b'"') | holds(word, b'\'') | holds(word, 0xE2) | holds(word, 0xC2) != 0 {
            for (k, &b) in chunk.iter().enumerate() {
                if is_start(b) {
                    f(at + k);
                }
            }
        }
        at += 8;
    }
    for (k, &b) in chunks.remainder().iter().enumerate() {
        if is_start(b) {
            f(at + k);
        }
    }
}

/// The quotations of one paragraph.
pub fn segment(text: &str) -> Segments {
    let mut marks: Vec<At> = Vec::new();
    mark_starts(text, |pos| {
        if let Some(c) = text[pos..].chars().next() {
            if let Some(kind) = mark(c) {
                marks.push(classify(text, pos, c, kind));
            }
        }
    });
    if marks.is_empty() {
        return Segments::default();
    }
    // For each mark, whether a closing single mark comes later (rule 5/6).
    let mut single_close_after = vec![false; marks.len()];
    let mut seen = false;
    for (i, m) in marks.iter().enumerate().rev() {
        single_close_after[i] = seen;
        if m.kind == Mark::SingleEither && m.closing && !m.inside_word {
            seen = true;
        }
    }
    // For each mark, the index of the next double mark (rule 3).
    let is_double = |m: &At| {
        matches!(
            m.kind,
            Mark::DoubleOpen(_) | Mark::DoubleClose | Mark::Straight
        )
    };
    let mut next_double = vec![usize::MAX; marks.len()];
    let mut next = usize::MAX;
    for (i, m) in marks.iter().enumerate().rev() {
        next_double[i] = next;
        if is_double(m) {
            next = i;
        }
    }

    let mut out = Segments::default();
    // (mark index, opening char, single?)
    let mut open: Option<(usize, char, bool)> = None;
    let span = |o: &At, close: Option<&At>| Span {
        open: o.pos,
        inner_start: o.pos + o.c.len_utf8(),
        inner_end: close.map_or(text.len(), |c| c.pos),
        close: close.map_or(text.len(), |c| c.pos + c.c.len_utf8()),
        closed: close.is_some(),
    };
    let mut i = 0;
    while i < marks.len() {
        let m = marks[i];
        match open {
            None => {
                let opens_double = match m.kind {
                    Mark::DoubleOpen(_) => true,
                    // `communities," For example ...`: a mark glued to the
                    // punctuation before it opens when nothing is open.
                    Mark::Straight => m.opening || m.glued_open,
                    _ => false,
                };
                let opens_single = match m.kind {
                    Mark::SingleOpen => single_close_after[i],
                    Mark::SingleEither => m.opening && !m.inside_word && single_close_after[i],
                    _ => false,
                };
                if opens_double {
                    open = Some((i, m.c, false));
                } else if opens_single {
                    open = Some((i, m.c, true));
                }
            }
            Some((o, oc, false)) => {
                let closes = match m.kind {
                    Mark::DoubleClose => true,
                    Mark::DoubleOpen('“') => oc == '„',
                    Mark::Straight => m.closing && !m.opening,
                    _ => false,
                };
                if closes {
                    out.spans.push(span(&marks[o], Some(&m)));
                    open = None;
                } else if matches!(m.kind, Mark::Straight) && m.opening {
                    // Nested: the next double mark closes and one more follows.
                    let first = next_double[i];
                    let nested = first != usize::MAX
                        && next_double[first] != usize::MAX
                        && marks[first].closing
                        && !marks[first].opening;
                    if nested {
                        // Skip past the nested closing mark.
                        i = first;
                    } else {
                        out.unclosed.push(marks[o].pos);
                        open = Some((i, m.c, false));
                    }
                } else if matches!(m.kind, Mark::DoubleOpen(_)) {
                    out.unclosed.push(marks[o].pos);
                    open = Some((i, m.c, false));
                }
            }
            Some((o, _, true)) => {
                if m.kind == Mark::SingleEither && m.closing && !m.inside_word {
                    out.spans.push(span(&marks[o], Some(&m)));
                    open = None;
                }
            }
        }
        i += 1;
    }
    if let Some((o, _, single)) = open {
        if !single {
            out.spans.push(span(&marks[o], None));
        }
    }
    out.spans.retain(|s| {
        text[s.inner_start..s.inner_end]
            .chars()
            .any(char::is_alphanumeric)
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The quoted texts of a paragraph, with `…` for one left open.
    fn quoted(text: &str) -> Vec<String> {
        segment(text)
            .spans
            .iter()
            .map(|s| {
                let t = &text[s.inner_start..s.inner_end];
                if s.closed {
                    t.to_string()
                } else {
                    format!("{t}…")
                }
            })
            .collect()
    }

    #[test]
    fn double_open_curly_and_straight() {
        assert_eq!(quoted("He said “go now” and left."), ["go now"]);
        assert_eq!(quoted("He said \"go now\" and left."), ["go now"]);
        assert_eq!(quoted("«Allez», dit-il."), ["Allez"]);
        assert_eq!(quoted("Er sagte „Geh jetzt“ und ging."), ["Geh jetzt"]);
    }

    #[test]
    fn double_open_glued_to_a_comma() {
        assert_eq!(
            quoted("Kits are ready for schools,\" For example, schools can vote.\""),
            [" For example, schools can vote."]
        );
    }

    #[test]
    fn double_close_mixed_marks_close_each_other() {
        assert_eq!(
            quoted("“First part\" she said, “second part.”"),
            ["First part", "second part."]
        );
    }

    #[test]
    fn nested_double_stays_inside() {
        assert_eq!(
            quoted("\"It would not be called \"research\", would it?\" he asked."),
            ["It would not be called \"research\", would it?"]
        );
    }

    #[test]
    fn restart_reports_the_unclosed_opening() {
        let text = "He called it “a farce. Later “we will appeal” she said.";
        let s = segment(text);
        assert_eq!(quoted(text), ["we will appeal"]);
        assert_eq!(s.unclosed, [text.find('“').unwrap_or(0)]);
    }

    #[test]
    fn single_open_british_quotes() {
        assert_eq!(quoted("‘We are ready,’ the coach said."), ["We are ready,"]);
        assert_eq!(quoted("'We are ready,' the coach said."), ["We are ready,"]);
    }

    #[test]
    fn apostrophe_is_not_a_quote() {
        assert!(quoted("Don't touch Jones' car from the 1990s' boom.").is_empty());
        assert!(quoted("In the ’90s it didn’t matter.").is_empty());
        assert_eq!(quoted("‘I don’t know,’ she said."), ["I don’t know,"]);
    }

    #[test]
    fn single_close_keeps_nested_doubles() {
        assert_eq!(
            quoted("‘He called it “a disgrace”, and left,’ she said."),
            ["He called it “a disgrace”, and left,"]
        );
    }

    #[test]
    fn single_inside_double_stays_inside() {
        assert_eq!(
            quoted("\"They told us 'just wait' and we waited,\" he said."),
            ["They told us 'just wait' and we waited,"]
        );
    }

    #[test]
    fn paragraph_end_leaves_a_double_open() {
        let s = segment("\"The first thing we did was count the boats.");
        assert_eq!(s.spans.len(), 1);
        assert!(!s.spans[0].closed);
        assert!(segment("‘Never closed at all").spans.is_empty());
    }

    #[test]
    fn mark_starts_finds_every_mark_on_and_off_word_edges() {
        // Marks at the end and start of 8-byte words, in the tail, and
        // next to other non-ASCII characters (é, an em dash).
        let text = "abcdefg\"h'ijklmn“op”qrstuv‘wx’yz «é» — it's \"";
        let naive: Vec<usize> = text
            .char_indices()
            .filter(|&(_, c)| mark(c).is_some())
            .map(|(pos, _)| pos)
            .collect();
        let mut found = Vec::new();
        mark_starts(text, |pos| {
            if text[pos..].chars().next().and_then(mark).is_some() {
                found.push(pos);
            }
        });
        assert_eq!(found, naive);
        assert_eq!(naive.len(), 10);
    }

    #[test]
    fn linear_on_many_marks() {
        let text = "\"a ".repeat(50_000);
        let start = std::time::Instant::now();
        let s = segment(&text);
        assert!(start.elapsed().as_secs_f64() < 2.0);
        assert!(
            s.spans.len() + s.unclosed.len() >= 25_000,
            "{}",
            s.spans.len()
        );
    }
}

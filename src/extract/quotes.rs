//! Quotations and who said them.
//!
//! A quotation is text between double quotes, curly (“ ”) or straight (")
//! ones; single quotes inside stay part of the outer quotation. A paragraph
//! that opens a quotation without closing it continues into the next
//! paragraph when that one opens with a quote mark (news style); the parts
//! become one [`Quote`], which keeps where it starts (paragraph and byte
//! offsets). A paragraph without marks that ends in a credit is a *pull
//! quote* (a block quotation pasted from a web page): `... — NAME` (or
//! `— NAME, on ...`), or first-person speech whose last sentence is only a
//! person's full name; its text is the paragraph before the credit.
//!
//! The speaker comes from an ordered table of rules (`RULES`); the first
//! that decides wins, and each gives a confidence:
//! 1. `said_after`: a speech verb (lexicon: [`super::speech`]) right after
//!    the quotation in its sentence: `"...," X said`, `"...," said X`
//!    (inverted: the name after the verb), `"...," he said`, `"...,"
//!    according to X`; an unnamed subject ("a spokesman said") means the
//!    text names nobody.
//! 2. `said_before`: the nearest speech or framing verb before the
//!    quotation in its sentence: `X said: "..."`, `X told the press, "..."`,
//!    `X called the plan "..."`; a participle (`..., saying "..."`, `with X
//!    stating: "..."`) gives the main clause's subject, except after "with"
//!    (`with one poster writing "..."`: the unnamed poster). A name after
//!    "by" ("a letter seen by X says") is not a subject; an owner's document
//!    speaks for its owner (`PC World's analysis concluded`), an owner's
//!    role noun is an unnamed person (`Reyes's lawyer said`).
//! 3. `according_to`: "according to X", "in the words of X", "attributed to
//!    X" elsewhere in the sentence: the first person after the phrase (else
//!    the first entity).
//! 4. `credit_dash`: a credit line right after the quotation: `"..." — X`,
//!    or a pull quote's bare name.
//! 5. `colon_intro`: a sentence without a speech verb that introduces the
//!    quotation with a colon (`X defended the record: "..."`): its first
//!    person, else its first entity.
//! 6. `said_later`: a speech verb later in the same sentence (`"small
//!    number" ..., the Pentagon said`).
//! 7. `next_sentence`: a quotation that ends its sentence, when the next
//!    sentence of the paragraph opens with a speaker and a speech verb and
//!    quotes nothing itself.
//! 8. `interview_turn`: in an interview (a document of question
//!    paragraphs), a quotation standing alone as a paragraph is the
//!    interviewee's: the person the title names (`X interviews Jane Roe`,
//!    the same person [`crate::extract`] gives the answers to), else the
//!    person mentioned most.
//! 9. `continues` (after the table): the speaker of the previous quotation
//!    in the paragraph, or, for a paragraph that opens with a quotation,
//!    whoever spoke last in the previous paragraph (quoted or reported:
//!    "X said ..." then a bare quote paragraph).
//!
//! Subjects resolve to entities: a name before the verb (skipping an
//! appositive `X, a ..., said`, and "X of ORG said" gives X); "he"/"she" to
//! the nearest salient person of matching sex (given-name sex from
//! [`super::gazetteer::given_name_sex`], titles Mr/Ms/Mrs; the leftmost,
//! subject-like, person of the nearest sentence that has one; a person of
//! unknown sex only when it is the one candidate there); "it", "the think
//! tank", "the ministry" to an organisation; "the professor" to the latest
//! person. A capital or country as subject ("Moscow said") is kept as that
//! place or organisation -- the government speaking, never a person.
//!
//! Every quote carries the rule and a confidence; below [`MIN_CONFIDENCE`]
//! (an ambiguous pronoun, a descriptor guessed from the latest
//! organisation) the speaker is left out rather than guessed. A speaker is
//! always an entity's canonical name. Reported speech without quotation
//! marks is not a quote.

use super::gazetteer::{Sex, given_name_sex, is_surname};
use super::names::{self, Token, Unit, contains, is_role_noun};
use super::quote_marks::{Span, segment};
use super::speech::{attribution_phrase, framing_verb, is_participle, is_speech_verb};
use crate::model::{Entity, EntityKind, Quote, Term};

/// Below this confidence a quote is shown without a speaker.
pub const MIN_CONFIDENCE: f32 = 0.5;

fn clean(text: &str) -> String {
    let t = text.trim();
    let t = t.trim_end_matches([',', ' ']);
    t.trim().to_string()
}

/// What [`find_quotations_in`] finds: quotations and quoted terms.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Quotations {
    pub quotes: Vec<Quote>,
    pub terms: Vec<Term>,
}

/// Most words of a quoted phrase that is a term when no speech verb is near.
pub const MAX_TERM_WORDS: usize = 4;

/// Words before a quotation within which a speech or framing verb makes a
/// short phrase a quote ("said a "more general reflection" is needed",
/// "told supporters at a hall in the east end that the result was "a
/// message"").
const TERM_VERB_WINDOW: usize = 16;

/// A quoted title or name: at most eight words, two or more capitalised
/// and every word of four or more letters capitalised, no sentence
/// punctuation ("The Internet Explorer 6
/// Countdown", "Better Idea of Afghan Girls").
fn title_case(text: &str) -> bool {
    let words: Vec<&str> = text
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect();
    let t = text.trim_end_matches([',', ' ']);
    !words.is_empty()
        && words.len() <= 8
        && !t.ends_with(['.', '!', '?', ':', ';'])
        && words
            .iter()
            .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
            .count()
            >= 2
        && words
            .iter()
            .all(|w| w.chars().count() < 4 || !w.chars().next().is_some_and(char::is_lowercase))
}

/// The parts of one quotation: (paragraph, span index) each.
type Chain = Vec<(usize, usize)>;

/// Chains of spans, each one quotation: a quotation left open continues
/// into the next paragraph when that paragraph opens with a quote mark.
/// The second list holds the openings never closed: (paragraph, byte).
fn chains(paragraphs: &[&str], spans: &[Vec<Span>]) -> (Vec<Chain>, Vec<(usize, usize)>) {
    let mut chains: Vec<Chain> = Vec::new();
    let mut unclosed = Vec::new();
    let mut continues: Option<usize> = None;
    let end_open = |chain: &[(usize, usize)], unclosed: &mut Vec<(usize, usize)>| {
        if let Some(&(p, s)) = chain.last() {
            if !spans[p][s].closed {
                let (p0, s0) = chain[0];
                unclosed.push((p0, spans[p0][s0].open));
            }
        }
    };
    for (pi, para) in paragraphs.iter().enumerate() {
        for (si, sp) in spans[pi].iter().enumerate() {
            let at_start = para[..sp.open].trim().is_empty();
            match continues {
                Some(c) if si == 0 && at_start => chains[c].push((pi, si)),
                c => {
                    if let Some(c) = c {
                        end_open(&chains[c], &mut unclosed);
                    }
                    chains.push(vec![(pi, si)]);
                }
            }
            continues = (!sp.closed).then(|| chains.len() - 1);
        }
        if spans[pi].is_empty() {
            if let Some(c) = continues.take() {
                end_open(&chains[c], &mut unclosed);
            }
        }
    }
    if let Some(c) = continues {
        end_open(&chains[c], &mut unclosed);
    }
    (chains, unclosed)
}

/// Quotation marks opened and never closed, in text order: (paragraph,
/// byte of the mark). `check` reports them with their line.
pub fn unclosed_quotes(paragraphs: &[&str]) -> Vec<(usize, usize)> {
    let segments: Vec<_> = paragraphs.iter().map(|p| segment(p)).collect();
    let spans: Vec<Vec<Span>> = segments.iter().map(|s| s.spans.clone()).collect();
    let (_, mut out) = chains(paragraphs, &spans);
    for (pi, s) in segments.iter().enumerate() {
        out.extend(s.unclosed.iter().map(|&b| (pi, b)));
    }
    out.sort_unstable();
    out
}

/// What a rule decides about a quotation's speaker.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Verdict {
    /// This entity, with this confidence.
    Speaker(usize, f32),
    /// The text gives a speaker that is no entity ("a spokesman said"):
    /// stop, and attribute to nobody.
    Nobody,
    /// The rule does not apply.
    Pass,
}

use Verdict::{Nobody, Pass, Speaker};

impl Verdict {
    fn or_else(self, f: impl FnOnce() -> Verdict) -> Verdict {
        if self == Pass { f() } else { self }
    }

    fn scaled(self, by: f32) -> Verdict {
        match self {
            Speaker(e, c) => Speaker(e, c * by),
            v => v,
        }
    }
}

/// One quotation as the rules see it.
struct At {
    pi: usize,
    sp: Span,
    /// Byte range of its sentence (from the quote's opening to its closing sentence).
    sent: (usize, usize),
    /// Bytes before the quotation that belong to its sentence (no other quotation in between).
    before_lo: usize,
    /// End of the sentence text after the quotation (before the next quotation).
    after_hi: usize,
}

type Rule = fn(&Ctx, &At) -> Verdict;

/// The speaker rules, in order; the first that decides wins.
const RULES: &[(&str, Rule)] = &[
    ("said_after", |c, a| c.said_after(a)),
    ("said_before", |c, a| c.said_before(a)),
    ("according_to", |c, a| c.according_to(a)),
    ("credit_dash", |c, a| c.credit_dash(a)),
    ("colon_intro", |c, a| c.colon_intro(a)),
    ("said_later", |c, a| c.said_later(a)),
    ("next_sentence", |c, a| c.next_sentence(a)),
    ("interview_turn", |c, a| c.interview_turn(a)),
];

/// Paragraphs and mentions a look-back for a referent goes through at most.
const LOOKBACK_PARAGRAPHS: usize = 20;
const LOOKBACK_MENTIONS: usize = 64;

/// Tokens a look-back for earlier speech verbs goes through at most.
const LOOKBACK_TOKENS: usize = 400;

/// Words after the quotation up to which a speech verb still attributes it directly.
const NEAR_WORDS: usize = 16;

struct Ctx<'a> {
    units: &'a [Unit<'a>],
    tokens: Vec<&'a [Token<'a>]>,
    spans: Vec<Vec<Span>>,
    /// Per paragraph: (start, end, entity index), sorted.
    mentions: Vec<Vec<(usize, usize, usize)>>,
    entities: &'a [Entity],
    /// Sex of each entity, when its given name or title says.
    sex: Vec<Option<Sex>>,
    /// The person an interview is with, when the document is one.
    interviewee: Option<usize>,
}

impl<'a> Ctx<'a> {
    fn inside_quote(&self, pi: usize, pos: usize) -> bool {
        let sp = &self.spans[pi];
        let k = sp.partition_point(|s| s.inner_start <= pos);
        k > 0 && pos < sp[k - 1].inner_end
    }

    /// Index of the sentence of paragraph `pi` holding byte `pos`.
    fn sentence_index(&self, pi: usize, pos: usize) -> usize {
        let sents = self.units[pi].sentences();
        sents.partition_point(|&(s, _)| s <= pos).saturating_sub(1)
    }

    /// Start of the sentence holding byte `pos`.
    /// Start of the sentence holding byte `pos`, no more than
    /// [`LOOKBACK_TOKENS`] tokens back (a sentence can be a whole file).
    fn sentence_start(&self, pi: usize, pos: usize) -> usize {
        let start = self.units[pi]
            .sentences()
            .get(self.sentence_index(pi, pos))
            .map_or(0, |&(s, _)| s.min(pos));
        let t = self.tokens[pi];
        let k = t
            .partition_point(|w| w.start < pos)
            .saturating_sub(LOOKBACK_TOKENS);
        start.max(t.get(k).map_or(0, |w| w.start).min(pos))
    }

    /// Token indices of paragraph `pi` starting in `lo..hi`.
    fn token_range(&self, pi: usize, lo: usize, hi: usize) -> std::ops::Range<usize> {
        let t = self.tokens[pi];
        let from = t.partition_point(|w| w.start < lo);
        let to = t.partition_point(|w| w.start < hi).max(from);
        from..to
    }

    /// Mentions of paragraph `pi` starting in `lo..hi` outside quotations.
    fn mentions_in(&self, pi: usize, lo: usize, hi: usize) -> impl Iterator<Item = (usize, usize)> {
        let ms = &self.mentions[pi];
        let from = ms.partition_point(|&(s, _, _)| s < lo);
        ms[from..]
            .iter()
            .take_while(move |&&(s, _, _)| s < hi)
            .filter(move |&&(s, _, _)| !self.inside_quote(pi, s))
            .map(|&(s, _, e)| (s, e))
    }

    /// The first person mentioned in `lo..hi` of paragraph `pi`, else the first entity.
    fn first_entity(&self, pi: usize, lo: usize, hi: usize) -> Option<usize> {
        let mut first = None;
        for (_, e) in self.mentions_in(pi, lo, hi) {
            if self.entities[e].kind == EntityKind::Person {
                return Some(e);
            }
            first = first.or(Some(e));
        }
        first
    }

    /// Most recent entity of `kind` mentioned outside quotations before `pos`.
    fn most_recent(&self, kind: EntityKind, pos: (usize, usize)) -> Option<usize> {
        self.mentions_back(pos)
            .map(|(_, _, e)| e)
            .find(|&e| self.entities[e].kind == kind)
    }

    /// Mentions outside quotations before `pos`, latest first, as (paragraph,
    /// start, entity): at most [`LOOKBACK_MENTIONS`] of them, so that a
    /// look-back costs the same on any input.
    fn mentions_back(&self, pos: (usize, usize)) -> impl Iterator<Item = (usize, usize, usize)> {
        (pos.0.saturating_sub(LOOKBACK_PARAGRAPHS)..=pos.0)
            .rev()
            .flat_map(move |pi| {
                let ms = &self.mentions[pi];
                let hi = if pi == pos.0 { pos.1 } else { usize::MAX };
                let upto = ms.partition_point(|&(s, _, _)| s < hi);
                ms[..upto].iter().rev().map(move |&(s, _, e)| (pi, s, e))
            })
            .take(LOOKBACK_MENTIONS)
            .filter(|&(pi, s, _)| !self.inside_quote(pi, s))
    }

    /// "he"/"she" at `pos`: the nearest salient person of that sex. Looks
    /// back sentence by sentence (up to eight, in this paragraph and the
    /// four before) over people not of the other sex (no plural groups, no
    /// modifiers as in "the Cruise video"): the leftmost person known to be
    /// of that sex in the nearest sentence that has one (a guess when people
    /// of unknown sex stand nearer); failing that, the one person of unknown
    /// sex in the nearest three sentences; otherwise a guess below the
    /// threshold.
    fn resolve_pronoun(&self, sex: Sex, pos: (usize, usize)) -> Verdict {
        let mut sentences_seen = 0;
        // People of unknown sex seen so far, nearest first.
        let mut unknown: Vec<usize> = Vec::new();
        for pi in (pos.0.saturating_sub(4)..=pos.0).rev() {
            let sents = self.units[pi].sentences();
            let last = if pi == pos.0 {
                self.sentence_index(pi, pos.1)
            } else {
                sents.len().saturating_sub(1)
            };
            for si in (0..=last.min(sents.len().saturating_sub(1))).rev() {
                let (lo, mut hi) = sents.get(si).copied().unwrap_or((0, usize::MAX));
                if pi == pos.0 && si == last {
                    hi = pos.1;
                }
                sentences_seen += 1;
                if sentences_seen > 8 {
                    break;
                }
                // People of the right or unknown sex, in sentence order.
                let mut compatible: Vec<(usize, bool)> = Vec::new();
                // The last few mentions of a (possibly huge) sentence.
                let ms_all = &self.mentions[pi];
                let upto = ms_all.partition_point(|&(s, _, _)| s < hi);
                let from = ms_all[..upto]
                    .partition_point(|&(s, _, _)| s < lo)
                    .max(upto.saturating_sub(LOOKBACK_MENTIONS));
                let window = ms_all[from..upto]
                    .iter()
                    .filter(|&&(s, _, _)| !self.inside_quote(pi, s))
                    .map(|&(s, _, e)| (s, e));
                for (ms, e) in window {
                    let ent = &self.entities[e];
                    if ent.kind != EntityKind::Person
                        || compatible.iter().any(|&(c, _)| c == e)
                        || plural_group(&ent.name)
                        || self.is_modifier(pi, ms)
                    {
                        continue;
                    }
                    match self.sex[e] {
                        Some(s) if s == sex => compatible.push((e, true)),
                        Some(_) => {}
                        None => compatible.push((e, false)),
                    }
                }
                if let Some(&(e, _)) = compatible.iter().find(|&&(_, known)| known) {
                    // The nearest person known to be of that sex; less sure
                    // with others beside it, a guess when people of unknown
                    // sex stand nearer.
                    let c = match (unknown.is_empty(), compatible.len()) {
                        (false, _) => 0.45,
                        (true, 1) => 0.85,
                        (true, _) => 0.65,
                    };
                    return Speaker(e, c);
                }
                // Only the nearest three sentences offer people of unknown sex.
                if sentences_seen <= 3 {
                    for &(e, _) in &compatible {
                        if !unknown.contains(&e) {
                            unknown.push(e);
                        }
                    }
                }
            }
        }
        // Nobody known to be of that sex: the one person of unknown sex, if
        // there is exactly one (and it is more than a bare word); else a guess.
        match unknown.as_slice() {
            [] => Pass,
            [e] if self.entities[*e].name.contains(' ') => Speaker(*e, 0.6),
            [e, ..] => Speaker(*e, 0.45),
        }
    }

    /// A mention used as a noun modifier ("the Cruise video"): "the" before
    /// it and a lower-case word right after it.
    fn is_modifier(&self, pi: usize, ms: usize) -> bool {
        let t = self.tokens[pi];
        let k = t.partition_point(|w| w.start < ms);
        let ms_all = &self.mentions[pi];
        let Some(&(_, me, _)) = ms_all.get(ms_all.partition_point(|&(s, _, _)| s < ms)) else {
            return false;
        };
        let after = t.partition_point(|w| w.start < me);
        k > 0
            && t[k - 1].text.eq_ignore_ascii_case("the")
            && t.get(after)
                .is_some_and(|w| w.is_lower() && !is_speech_verb(w.text))
    }

    /// Organisations mentioned before `pos` outside quotations, latest first.
    fn orgs_before(&self, pos: (usize, usize)) -> Vec<usize> {
        let mut seen: Vec<usize> = Vec::new();
        for (_, _, e) in self.mentions_back(pos) {
            if self.entities[e].kind == EntityKind::Organization && !seen.contains(&e) {
                seen.push(e);
            }
        }
        seen
    }

    /// "the board said": the latest organisation whose name ends in that
    /// word; "the company said": the latest with a company-like name;
    /// otherwise the latest organisation, with a low confidence.
    fn described_org(&self, word: &str, pos: (usize, usize)) -> Verdict {
        let orgs = self.orgs_before(pos);
        let last_word = |e: usize| {
            let n = &self.entities[e].name;
            n.rsplit(' ').next().unwrap_or(n).to_string()
        };
        // "the bureau" for "Bureau of Meteorology", "the board" for "Harbour Board".
        let named_so = |e: usize| {
            self.entities[e]
                .name
                .split(' ')
                .any(|w| w.eq_ignore_ascii_case(word))
        };
        if let Some(&e) = orgs.iter().find(|&&e| named_so(e)) {
            return Speaker(e, 0.8);
        }
        if contains(COMPANY_DESCRIPTORS, word) {
            if let Some(&e) = orgs
                .iter()
                .find(|&&e| contains(names::COMPANY_WORDS, &last_word(e)))
            {
                return Speaker(e, 0.75);
            }
        }
        match orgs.as_slice() {
            [] => Nobody,
            [e] => Speaker(*e, 0.7),
            // Several organisations, none named like the descriptor: a guess.
            [e, ..] => Speaker(*e, 0.45),
        }
    }

    /// What "it" refers to: the organisation that spoke earlier in the same
    /// paragraph, else the latest organisation mentioned.
    fn topic_org(&self, pos: (usize, usize)) -> Verdict {
        let (pi, at) = pos;
        let t = self.tokens[pi];
        let lo = self.recent_sentences_start(pi, at, 3);
        let mut found = None;
        for k in self.token_range(pi, lo, at) {
            if !self.is_verb(pi, k) || (k > 0 && t[k - 1].text.eq_ignore_ascii_case("it")) {
                continue;
            }
            let s_lo = self.sentence_start(pi, t[k].start);
            if let Speaker(e, _) = self.subject_before(pi, k, s_lo) {
                if self.entities[e].kind == EntityKind::Organization {
                    found = Some(e);
                }
            }
        }
        match found.or_else(|| self.most_recent(EntityKind::Organization, pos)) {
            Some(e) => Speaker(e, 0.75),
            None => Nobody,
        }
    }

    /// Start of the sentence `n` sentences back from the one holding `pos`,
    /// no more than [`LOOKBACK_TOKENS`] tokens back.
    fn recent_sentences_start(&self, pi: usize, pos: usize, n: usize) -> usize {
        let si = self.sentence_index(pi, pos);
        let start = self.units[pi]
            .sentences()
            .get(si.saturating_sub(n))
            .map_or(0, |&(s, _)| s);
        let t = self.tokens[pi];
        let k = t
            .partition_point(|w| w.start < pos)
            .saturating_sub(LOOKBACK_TOKENS);
        start.max(t.get(k).map_or(0, |w| w.start))
    }

    /// Entity whose mention covers token `k` of paragraph `pi`: (mention start, entity).
    fn entity_at(&self, pi: usize, k: usize) -> Option<(usize, usize)> {
        let t = &self.tokens[pi][k];
        let ms = &self.mentions[pi];
        let upto = ms.partition_point(|&(s, _, _)| s <= t.start);
        ms[..upto]
            .iter()
            .rev()
            .take(8)
            .find(|&&(s, e, _)| t.start >= s && t.start < e.max(s + 1))
            .map(|&(s, _, e)| (s, e))
    }

    /// A pronoun or descriptor subject at token `j`, when it is one.
    fn pronoun_subject(&self, pi: usize, j: usize) -> Option<Verdict> {
        let t = self.tokens[pi];
        let w = names::lower(t[j].text);
        let pos = (pi, t[j].start);
        Some(match w.as_ref() {
            "he" => self.resolve_pronoun(Sex::Male, pos).or_else(|| Nobody),
            "she" => self.resolve_pronoun(Sex::Female, pos).or_else(|| Nobody),
            "it" => self.topic_org(pos),
            "they" | "i" | "we" | "you" | "which" | "that" | "one" | "someone" => Nobody,
            _ => return None,
        })
    }

    /// Subject of the speech verb at token `k`, looking back no further than byte `lo`.
    fn subject_before(&self, pi: usize, k: usize, lo: usize) -> Verdict {
        let t = self.tokens[pi];
        if k == 0 {
            return Pass;
        }
        let mut j = k - 1;
        // Skip auxiliaries and adverbs: "has said", "also told", "was quoted".
        const SKIP: &[&str] = &[
            "also",
            "has",
            "had",
            "have",
            "was",
            "is",
            "were",
            "been",
            "later",
            "then",
            "earlier",
            "previously",
            "once",
            "again",
            "recently",
            "would",
            "will",
            "further",
            "quickly",
            "simply",
            "repeatedly",
            "subsequently",
            "separately",
            "publicly",
            "reportedly",
            "allegedly",
            "not",
        ];
        while j > 0 && t[j].is_lower() && contains(SKIP, t[j].text) {
            j -= 1;
        }
        if t[j].start < lo {
            return Pass;
        }
        // Appositive: "X, a professor at Y, said".
        if t[j].is_punct(',') {
            return match self.first_entity(pi, lo, t[j].start) {
                Some(e) if self.entities[e].kind == EntityKind::Person => Speaker(e, 0.9),
                // "The secretary general of ORG, NAME, said": a person the
                // entities missed, not the organisation.
                Some(_) if self.role_noun_in(pi, lo, t[j].start) => Nobody,
                Some(e) => Speaker(e, 0.8),
                None => Pass,
            };
        }
        // "X said A, and said B": the subject of the earlier verb.
        if matches!(t[j].text, "and" | "but") {
            // Back to the sentence start: a quotation may sit between the verbs.
            let s_lo = self.sentence_start(pi, t[j].start);
            let earlier = self
                .token_range(pi, s_lo, t[j].start)
                .rev()
                .find(|&x| self.is_verb(pi, x));
            // "X criticised ... and accused them of "...": the clause's subject.
            return match earlier {
                Some(x) => self.subject_before(pi, x, s_lo),
                None => match self.first_entity(pi, s_lo, t[j].start) {
                    Some(e) if self.entities[e].kind == EntityKind::Person => Speaker(e, 0.7),
                    _ => Nobody,
                },
            };
        }
        // "X, who said": X.
        if t[j].text == "who" {
            return match self.first_entity(pi, lo, t[j].start) {
                Some(e) => Speaker(e, 0.8),
                None => Nobody,
            };
        }
        if let Some(v) = self.pronoun_subject(pi, j) {
            return v;
        }
        // "PC World's analysis of ... concluded": the owner of a document
        // speaks through it; "Jones's lawyer said": an unnamed person does.
        if let Some(v) = self.possessive_source(pi, j, lo) {
            return v;
        }
        // A name right before the verb, allowing a few lower-case words and
        // a parenthesised acronym in between ("... (CSIS) think tank said").
        let mut m = j;
        let mut steps = 0;
        loop {
            if t[m].start < lo {
                break;
            }
            if t[m].word && !self.inside_quote(pi, t[m].start) {
                if let Some((ms, e)) = self.entity_at(pi, m) {
                    // "a letter seen by X says": X is not the subject.
                    let by = t[..m]
                        .iter()
                        .rev()
                        .filter(|w| w.end <= ms && !w.text.eq_ignore_ascii_case("the"))
                        .find(|w| w.word)
                        .is_some_and(|w| w.text.eq_ignore_ascii_case("by"));
                    if by {
                        return Nobody;
                    }
                    // "X of ORG said": the person before "of".
                    let person = self.person_before_of(pi, ms, lo);
                    return Speaker(person.unwrap_or(e), 0.95);
                }
            }
            let passable = (t[m].is_lower()
                && !is_speech_verb(t[m].text)
                && !matches!(t[m].text, "that" | "and" | "but" | "who" | "which"))
                || matches!(t[m].text, "(" | ")");
            if !passable || steps >= 4 || m == 0 {
                break;
            }
            m -= 1;
            steps += 1;
        }
        // "the think tank said", "the minister said".
        let w = names::lower(t[j].text);
        if t[j].is_lower() {
            let the_before =
                (j.saturating_sub(3)..j).any(|x| t[x].text.eq_ignore_ascii_case("the"));
            if the_before && contains(ORG_DESCRIPTORS, &w) {
                return self.described_org(&w, (pi, t[j].start));
            }
            if the_before && is_role_noun(&w) {
                return match self.most_recent(EntityKind::Person, (pi, t[j].start)) {
                    Some(e) => Speaker(e, 0.55),
                    None => Nobody,
                };
            }
        }
        Nobody
    }

    /// The subject "NAME's <document noun> ..." ending at token `j` (a
    /// noun phrase of lower-case words, "of" and "its" included, up to ten
    /// words): the entity when the noun after the possessive is a document
    /// or statement ([`DOCUMENT_NOUNS`]), nobody when it is a role noun (the
    /// person is not named), else no decision.
    fn possessive_source(&self, pi: usize, j: usize, lo: usize) -> Option<Verdict> {
        let t = self.tokens[pi];
        let mut m = j;
        for _ in 0..10 {
            if !t[m].is_lower() || m == 0 || t[m - 1].start < lo {
                return None;
            }
            let owner = &t[m - 1];
            if owner.is_possessive() {
                // The head noun: the first word after the possessive and its modifiers.
                let noun_phrase = &t[m..=j];
                let head = noun_phrase
                    .iter()
                    .take_while(|w| w.text != "of")
                    .last()
                    .map(|w| w.text)?;
                let (_, e) = self.entity_at(pi, m - 1)?;
                if is_role_noun(head) {
                    return Some(Nobody);
                }
                return contains(DOCUMENT_NOUNS, head).then_some(Speaker(e, 0.8));
            }
            if is_speech_verb(t[m].text) || matches!(t[m].text, "that" | "and" | "but" | "who") {
                return None;
            }
            m -= 1;
        }
        None
    }

    /// A lower-case role noun ("secretary", "spokesman") outside quotations in `lo..hi`.
    fn role_noun_in(&self, pi: usize, lo: usize, hi: usize) -> bool {
        let t = self.tokens[pi];
        self.token_range(pi, lo, hi).any(|k| {
            t[k].is_lower() && is_role_noun(t[k].text) && !self.inside_quote(pi, t[k].start)
        })
    }

    /// "X of the Y said": the person X whose mention ends right before "of
    /// <mention starting at ms>".
    fn person_before_of(&self, pi: usize, ms: usize, lo: usize) -> Option<usize> {
        let t = self.tokens[pi];
        let k = t.partition_point(|w| w.start < ms);
        let mut j = k.checked_sub(1)?;
        if t[j].text.eq_ignore_ascii_case("the") {
            j = j.checked_sub(1)?;
        }
        if t[j].text != "of" || j == 0 || t[j - 1].start < lo {
            return None;
        }
        let (_, e) = self.entity_at(pi, j - 1)?;
        (self.entities[e].kind == EntityKind::Person).then_some(e)
    }

    /// Subject after an inverted verb at token `k` ("said White House
    /// spokesperson X"), up to byte `hi`.
    fn subject_after(&self, pi: usize, k: usize, hi: usize) -> Verdict {
        let t = self.tokens[pi];
        let mut j = k + 1;
        while t
            .get(j)
            .is_some_and(|w| matches!(w.text, "to" | "of" | "by" | "the" | "words" | "in"))
            && j <= k + 4
        {
            j += 1;
        }
        if let Some(v) = t.get(j).and_then(|_| self.pronoun_subject(pi, j)) {
            return v;
        }
        let from = t.get(j).map_or(hi, |w| w.start);
        // Up to the end of the clause, past an apposition ("the prosecutor, X, QC").
        let clause_end = t[j.min(t.len())..]
            .iter()
            .find(|w| w.start >= from && matches!(w.text, ";" | "." | "—" | ":"))
            .map_or(hi, |w| w.start)
            .min(hi);
        match self.first_entity(pi, from, clause_end) {
            Some(e) => Speaker(e, 0.95),
            None => Nobody,
        }
    }

    fn is_verb(&self, pi: usize, k: usize) -> bool {
        let t = self.tokens[pi];
        let w = &t[k];
        if !w.is_lower() || self.inside_quote(pi, w.start) {
            return false;
        }
        is_speech_verb(w.text)
            || (w.text == "according" && t.get(k + 1).is_some_and(|n| n.text == "to"))
    }

    /// The subject a participle hangs on: "with X stating", or the main
    /// clause's subject ("X criticised ..., saying").
    fn participle_subject(&self, pi: usize, k: usize, lo: usize) -> Verdict {
        let t = self.tokens[pi];
        if k > 0 {
            if let Some((_, e)) = self.entity_at(pi, k - 1) {
                return Speaker(e, 0.85);
            }
        }
        // "with one poster writing", "with a spokesman adding": the
        // participle's own subject, named by no entity -- not the main clause's.
        let with = self
            .token_range(pi, lo, t[k].start)
            .rev()
            .take(4)
            .take_while(|&x| t[x].is_lower())
            .any(|x| t[x].text == "with");
        if with {
            return Nobody;
        }
        let first_word = self.token_range(pi, lo, t[k].start).find(|&x| t[x].word);
        if let Some(v) = first_word.and_then(|x| self.pronoun_subject(pi, x)) {
            return v.scaled(0.95);
        }
        match self.first_entity(pi, lo, t[k].start) {
            Some(e) => Speaker(e, 0.8),
            None => Nobody,
        }
    }

    /// A speech or framing verb among the few words before span `si` in
    /// its sentence, or a speech verb later in the sentence: what makes a
    /// short quoted phrase a quote rather than a term.
    fn speech_near(&self, pi: usize, si: usize) -> bool {
        let sp = self.spans[pi][si];
        let t = self.tokens[pi];
        let prev_close = si
            .checked_sub(1)
            .and_then(|p| self.spans[pi].get(p))
            .map_or(0, |o| o.close);
        let s_lo = self.sentence_start(pi, sp.open);
        // `called it "dangerous" and "ideological"`: the verb before the
        // first of two joined quotations governs both.
        let joined = {
            let between: Vec<&str> = self
                .token_range(pi, prev_close, sp.open)
                .filter(|&k| t[k].word)
                .map(|k| t[k].text)
                .collect();
            between.len() <= 2 && between.iter().any(|w| matches!(*w, "and" | "or"))
        };
        let lo = if joined { s_lo } else { s_lo.max(prev_close) };
        let before = self
            .token_range(pi, lo, sp.open)
            .rev()
            .filter(|&k| t[k].word && !self.inside_quote(pi, t[k].start))
            .take(TERM_VERB_WINDOW)
            .any(|k| self.is_verb(pi, k) || (t[k].is_lower() && framing_verb(t[k].text)));
        // Later in the sentence: `"...," X said`, `a "small number" ..., the Pentagon said`.
        let text = self.units[pi].text;
        let s_end = self.units[pi]
            .sentences()
            .get(self.sentence_index(pi, sp.close.saturating_sub(1)))
            .map_or(text.len(), |&(_, e)| e);
        let next_open = self.spans[pi].get(si + 1).map_or(usize::MAX, |o| o.open);
        let after = !ends_sentence(text, &sp)
            && self
                .token_range(pi, sp.close, s_end.min(next_open))
                .any(|k| self.is_verb(pi, k));
        // `"Supplies are low," ...`: the comma inside the marks announces an attribution.
        let comma = text[sp.inner_start..sp.inner_end].trim_end().ends_with(',');
        before || after || comma
    }

    /// A pull quote: a paragraph with no quote marks that ends in a credit,
    /// the way a block quotation pasted from a web page arrives. Either a
    /// dash and a person (`... tolerate it. — Rick Santorum`, `— Peres, on
    /// ...`), or, without the dash, a last sentence that is just a person's
    /// full name after first-person speech (`... I needed to leave. Ana
    /// Lind`). The span is the text before the credit (six words at least);
    /// [`Ctx::credit_dash`] then names the speaker.
    fn pull_quote(&self, pi: usize) -> Option<Span> {
        let text = self.units[pi].text;
        let person_mention_at = |from: usize| {
            let from = from + (text[from..].len() - text[from..].trim_start().len());
            self.mentions[pi]
                .iter()
                .find(|&&(s, _, e)| s == from && self.entities[e].kind == EntityKind::Person)
                .copied()
        };
        let quote_end = |end: usize| {
            let inner = text[..end].trim_end();
            let start = text.len() - text.trim_start().len();
            (inner.split_whitespace().count() >= 6).then_some(Span {
                open: start,
                inner_start: start,
                inner_end: inner.len(),
                close: end,
                closed: true,
            })
        };
        // Dash credit: the dash, a person, then nothing or ", on ...".
        // Two one-character searches (each a fast byte search) rather than
        // one for either dash, which decodes every character of the text.
        if let Some(dash) = text.rfind('—').max(text.rfind('–')) {
            let after = dash + text[dash..].chars().next().map_or(1, char::len_utf8);
            if let Some((_, end, _)) = person_mention_at(after) {
                let tail = text[end..].trim();
                if tail.is_empty() || tail.starts_with(',') {
                    return quote_end(dash);
                }
            }
        }
        // Bare credit: the last sentence is only a person's full name. Most
        // paragraphs end in no mention: settle those before splitting the
        // paragraph into sentences.
        let end = text.trim_end().len();
        if !self.mentions[pi].iter().any(|&(_, me, _)| me == end) {
            return None;
        }
        let &(last_start, _) = self.units[pi].sentences().last()?;
        let (s, end, e) = person_mention_at(last_start)?;
        let first_person = self.tokens[pi].iter().take_while(|w| w.start < s).any(|w| {
            matches!(
                w.text,
                "I" | "my" | "we" | "our" | "me" | "My" | "We" | "Our"
            )
        });
        let before = text[..s].trim_end();
        (text[end..].trim().is_empty()
            && self.entities[e].name.contains(' ')
            && first_person
            && before.ends_with(['.', '!', '?']))
        .then(|| quote_end(s))?
    }

    // ---- the rules ----

    fn said_after(&self, at: &At) -> Verdict {
        let t = self.tokens[at.pi];
        let after = self.token_range(at.pi, at.sp.close, at.after_hi);
        let Some(k) = after.clone().find(|&k| self.is_verb(at.pi, k)) else {
            return Pass;
        };
        let gap = after.take_while(|&x| x < k).filter(|&x| t[x].word).count();
        if gap > NEAR_WORDS {
            return Pass;
        }
        if gap == 0 {
            self.subject_after(at.pi, k, at.after_hi)
        } else if k > 0 && matches!(t[k - 1].text, "and" | "but" | "then") {
            // "... "for months", and said ...": the subject is before the quotation.
            Pass
        } else {
            self.subject_before(at.pi, k, at.sp.close)
        }
    }

    fn said_before(&self, at: &At) -> Verdict {
        let t = self.tokens[at.pi];
        let before = self.token_range(at.pi, at.before_lo, at.sp.open);
        let Some(k) = before
            .rev()
            .find(|&k| self.is_verb(at.pi, k) || (t[k].is_lower() && framing_verb(t[k].text)))
        else {
            return Pass;
        };
        if is_participle(t[k].text) {
            return self.participle_subject(at.pi, k, at.before_lo);
        }
        if t[k].text == "according" {
            return self.subject_after(at.pi, k, at.sp.open);
        }
        self.subject_before(at.pi, k, at.before_lo)
    }

    fn according_to(&self, at: &At) -> Verdict {
        let t = self.tokens[at.pi];
        // Between the neighbouring quotations: a phrase past one belongs to it.
        let range = self.token_range(at.pi, at.before_lo, at.after_hi);
        let mut words: Vec<String> = Vec::new();
        for k in range {
            if !t[k].word || self.inside_quote(at.pi, t[k].start) {
                continue;
            }
            words.push(names::lower(t[k].text).into_owned());
            let tail: Vec<&str> = words
                .iter()
                .rev()
                .take(4)
                .rev()
                .map(String::as_str)
                .collect();
            if attribution_phrase(&tail).is_some() {
                let hi = if t[k].start < at.sp.open {
                    at.sp.open
                } else {
                    at.sent.1
                };
                let from = t.get(k + 1).map_or(hi, |w| w.start);
                return match self.first_entity(at.pi, from, hi) {
                    Some(e) => Speaker(e, 0.9),
                    None => self
                        .named_at(at.pi, from)
                        .map_or(Nobody, |e| Speaker(e, 0.8)),
                };
            }
        }
        Pass
    }

    fn credit_dash(&self, at: &At) -> Verdict {
        let text = self.units[at.pi].text;
        let rest = &text[at.sp.close.min(text.len())..];
        let trimmed = rest.trim_start();
        let Some(after_dash) = trimmed.strip_prefix(['—', '–']) else {
            // A pull quote's bare credit: the rest of the paragraph is a person.
            let from = text.len() - trimmed.len();
            let end = text.trim_end().len();
            return match self.mentions[at.pi].iter().find(|&&(s, _, _)| s == from) {
                Some(&(_, me, e)) if me == end && self.entities[e].kind == EntityKind::Person => {
                    Speaker(e, 0.85)
                }
                _ => Pass,
            };
        };
        let from = text.len() - after_dash.len();
        let to = (from + 60).min(text.len());
        match self.mentions_in(at.pi, from, to).next() {
            Some((s, e)) if text[from..s].trim().is_empty() => Speaker(e, 0.9),
            _ => self.named_at(at.pi, from).map_or(Pass, |e| Speaker(e, 0.8)),
        }
    }

    /// The person named by the capitalised word at byte `from` when the
    /// entities did not mark it there: the one person whose last name or
    /// alias it is ("— Peres, on ..." for Shimon Peres).
    fn named_at(&self, pi: usize, from: usize) -> Option<usize> {
        let t = self.tokens[pi];
        let w = t.get(self.token_range(pi, from, usize::MAX).start)?;
        if !w.is_cap() || !self.units[pi].text[from..w.start].trim().is_empty() {
            return None;
        }
        let word = w.base();
        let mut found = self.entities.iter().enumerate().filter(|(_, e)| {
            e.kind == EntityKind::Person
                && (e.name.rsplit(' ').next() == Some(word) || e.aliases.iter().any(|a| a == word))
        });
        let first = found.next()?;
        found.next().is_none().then_some(first.0)
    }

    fn colon_intro(&self, at: &At) -> Verdict {
        let text = self.units[at.pi].text;
        let lead = text[..at.sp.open].trim_end();
        if !lead.ends_with(':') {
            return Pass;
        }
        let lo = self.sentence_start(at.pi, lead.len().saturating_sub(1));
        let t = self.tokens[at.pi];
        let first_word = self.token_range(at.pi, lo, at.sp.open).find(|&x| t[x].word);
        if let Some(v) = first_word.and_then(|x| self.pronoun_subject(at.pi, x)) {
            return v.scaled(0.8);
        }
        match self.first_entity(at.pi, lo, at.sp.open) {
            Some(e) if self.entities[e].kind == EntityKind::Person => Speaker(e, 0.65),
            // "The secretary general of ORG, NAME, ...:": an unknown person.
            Some(_) if self.role_noun_in(at.pi, lo, at.sp.open) => Nobody,
            Some(e) => Speaker(e, 0.6),
            None => Pass,
        }
    }

    fn said_later(&self, at: &At) -> Verdict {
        let mut after = self.token_range(at.pi, at.sp.close, at.after_hi);
        match after.find(|&k| self.is_verb(at.pi, k)) {
            Some(k) => self.subject_before(at.pi, k, at.sp.close).scaled(0.7),
            None => Pass,
        }
    }

    fn next_sentence(&self, at: &At) -> Verdict {
        let sents = self.units[at.pi].sentences();
        let next = if at.sent.1 == at.sp.close {
            // The quotation ends its sentence (`."`): the next one starts here.
            let si = self.sentence_index(at.pi, at.sp.close);
            sents.get(si).map(|&(_, e)| (at.sp.close, e))
        } else {
            let si = self.sentence_index(at.pi, at.sp.close.saturating_sub(1));
            sents.get(si + 1).copied()
        };
        let Some((lo, hi)) = next else {
            return Pass;
        };
        if lo < at.sp.close
            || self.spans[at.pi]
                .get(self.spans[at.pi].partition_point(|s| s.open < lo))
                .is_some_and(|s| s.open < hi)
        {
            return Pass;
        }
        let t = self.tokens[at.pi];
        let Some(k) = self
            .token_range(at.pi, lo, hi)
            .filter(|&k| t[k].word)
            .take(6)
            .find(|&k| self.is_verb(at.pi, k))
        else {
            return Pass;
        };
        match self.subject_before(at.pi, k, lo) {
            Speaker(e, c) => Speaker(e, c * 0.6),
            _ => Pass,
        }
    }

    fn interview_turn(&self, at: &At) -> Verdict {
        let Some(e) = self.interviewee else {
            return Pass;
        };
        let text = self.units[at.pi].text;
        let alone = text[..at.sp.open].trim().is_empty()
            && text[at.sp.close.min(text.len())..]
                .trim_matches(|c: char| c.is_whitespace() || ".,;".contains(c))
                .is_empty();
        if alone { Speaker(e, 0.6) } else { Pass }
    }

    /// Who spoke the quoted span `si` of paragraph `pi`, by the first rule that decides.
    fn attribute(&self, pi: usize, si: usize) -> (Verdict, &'static str) {
        let sp = self.spans[pi][si];
        let sents = self.units[pi].sentences();
        let s_start = self.sentence_start(pi, sp.open);
        let text = self.units[pi].text;
        let s_end = if ends_sentence(text, &sp) {
            sp.close
        } else {
            sents
                .get(self.sentence_index(pi, sp.close.saturating_sub(1)))
                .map_or(text.len(), |&(_, e)| e.max(sp.close))
        };
        // Other quotations in the sentence bound the search.
        let next_open = self.spans[pi].get(si + 1).map_or(usize::MAX, |o| o.open);
        let prev_close = si
            .checked_sub(1)
            .and_then(|p| self.spans[pi].get(p))
            .map_or(0, |o| o.close);
        let at = At {
            pi,
            sp,
            sent: (s_start, s_end),
            before_lo: s_start.max(prev_close),
            after_hi: s_end.min(next_open),
        };
        for &(name, rule) in RULES {
            let v = rule(self, &at);
            if v != Pass {
                return (v, name);
            }
        }
        (Pass, "")
    }

    /// The last speaker in paragraph `pi` before byte `before`: of a
    /// quotation, or of reported speech in the last few sentences.
    fn last_speaker(
        &self,
        pi: usize,
        resolved: &[(usize, usize, Verdict)],
        before: usize,
    ) -> Verdict {
        let mut best: Option<(usize, Verdict)> = None;
        // The quotation right before, if it is in this paragraph and has a speaker.
        for &(p, s, v) in resolved.iter().rev().take(2) {
            if p != pi {
                break;
            }
            if s < before {
                if matches!(v, Speaker(..)) {
                    best = Some((s, v));
                }
                break;
            }
        }
        let t = self.tokens[pi];
        let lo = self.recent_sentences_start(pi, before.min(self.units[pi].text.len()), 3);
        for k in self.token_range(pi, lo, before) {
            if !self.is_verb(pi, k) || best.is_some_and(|(b, _)| t[k].start < b) {
                continue;
            }
            let s_lo = self.sentence_start(pi, t[k].start);
            let v = self.subject_before(pi, k, s_lo);
            if matches!(v, Speaker(..)) {
                best = Some((t[k].start, v));
            }
        }
        best.map_or(Pass, |(_, v)| v)
    }
}

/// A quotation whose words end a sentence (`."`, `?"`) followed by a new
/// sentence: the attribution after it belongs to the next sentence.
fn ends_sentence(text: &str, sp: &Span) -> bool {
    let inner = text[sp.inner_start..sp.inner_end].trim_end();
    let next = text[sp.close.min(text.len())..].trim_start().chars().next();
    inner.ends_with(['.', '!', '?'])
        && !inner.ends_with("...")
        && next.is_some_and(|c| c.is_uppercase() || "\"“".contains(c))
}

/// A plural group taken for a person ("Refugees", "Democrats"): never a pronoun's referent.
/// A single word with a plural suffix that is no known surname or given name.
fn plural_group(name: &str) -> bool {
    const SUFFIXES: &[&str] = &["ans", "ees", "ats", "ims", "ists", "ites", "ers", "ons"];
    !name.contains(' ')
        && SUFFIXES.iter().any(|s| name.ends_with(s))
        && !is_surname(name)
        && given_name_sex(name).is_none()
}

/// The sex of an entity: a title in its names or before a mention (Mr,
/// Ms, Mrs, Miss), else its given name's.
fn entity_sex(e: &Entity, units: &[Unit]) -> Option<Sex> {
    if e.kind != EntityKind::Person {
        return None;
    }
    let title = |w: &str| match w.trim_end_matches('.') {
        "Mr" | "Sir" | "Lord" => Some(Sex::Male),
        "Ms" | "Mrs" | "Miss" | "Madam" | "Dame" | "Lady" => Some(Sex::Female),
        _ => None,
    };
    for name in std::iter::once(&e.name).chain(&e.aliases) {
        if let Some(s) = name.split(' ').next().and_then(title) {
            return Some(s);
        }
    }
    for m in &e.mentions {
        let before = units
            .get(m.paragraph)
            .and_then(|u| u.text.get(..m.start))
            .and_then(|b| b.split_whitespace().next_back());
        if let Some(s) = before.and_then(title) {
            return Some(s);
        }
    }
    let first = e.name.split(' ').next()?;
    match given_name_sex(first)? {
        Sex::Either => None,
        s => Some(s),
    }
}

/// The person an interview is with: in a document with at least three
/// question paragraphs, making up a sixth of its paragraphs, the person
/// mentioned most.
fn interviewee_by_mentions(units: &[Unit], entities: &[Entity]) -> Option<usize> {
    let questions = units
        .iter()
        .filter(|u| u.text.trim_end().ends_with('?'))
        .count();
    if questions < 3 || questions * 6 < units.len() {
        return None;
    }
    entities
        .iter()
        .enumerate()
        .filter(|(_, e)| e.kind == EntityKind::Person)
        .max_by_key(|(i, e)| (e.mentions.len(), std::cmp::Reverse(*i)))
        .map(|(i, _)| i)
}

/// Descriptors that mean a business.
/// Nouns for what a body or person puts out and speaks through: "the
/// ministry's statement said", "PC World's analysis concluded".
const DOCUMENT_NOUNS: &[&str] = &[
    "analysis",
    "announcement",
    "blog",
    "editorial",
    "filing",
    "letter",
    "memo",
    "post",
    "posts",
    "press",
    "release",
    "report",
    "review",
    "statement",
    "study",
    "submission",
    "survey",
    "tweet",
    "website",
];

const COMPANY_DESCRIPTORS: &[&str] = &[
    "company",
    "firm",
    "carmaker",
    "automaker",
    "maker",
    "manufacturer",
    "operator",
    "airline",
    "retailer",
    "insurer",
    "lender",
    "group",
    "business",
    "corporation",
    "miner",
    "supplier",
];

/// Nouns that, after "the", refer back to an organisation ("the think tank said").
const ORG_DESCRIPTORS: &[&str] = &[
    "tank",
    "agency",
    "ministry",
    "department",
    "company",
    "group",
    "organisation",
    "organization",
    "firm",
    "government",
    "office",
    "council",
    "committee",
    "institute",
    "bank",
    "party",
    "army",
    "military",
    "embassy",
    "statement",
    "report",
    "union",
    "commission",
    "centre",
    "center",
    "university",
    "newspaper",
    "broadcaster",
    "network",
    "alliance",
    "regulator",
    "board",
    "court",
    "authority",
    "charity",
    "watchdog",
    "body",
    "club",
    "church",
    "city",
    "municipality",
    "bureau",
    "service",
    "foundation",
    "federation",
    "association",
    "society",
    "league",
    "trust",
    "directorate",
    "secretariat",
];

/// Finds the quotations of one document and attributes each to an entity
/// from `entities` (which should come from [`super::entities::find_entities`]
/// on the same paragraphs).
pub fn find_quotes(paragraphs: &[&str], entities: &[Entity]) -> Vec<Quote> {
    find_quotes_in(&names::analyse(paragraphs), entities)
}

/// [`find_quotes`] on units already analysed.
pub fn find_quotes_in<'a>(units: &'a [Unit<'a>], entities: &'a [Entity]) -> Vec<Quote> {
    find_quotations_in(units, entities, None).quotes
}

/// The quotations (with speakers) and the quoted terms of analysed units.
/// `interviewee`: the person the document's title says the interview is
/// with, when it says so (else the person mentioned most in a document of
/// questions).
pub fn find_quotations_in<'a>(
    units: &'a [Unit<'a>],
    entities: &'a [Entity],
    interviewee: Option<&str>,
) -> Quotations {
    let paragraphs: Vec<&str> = units.iter().map(|u| u.text).collect();
    let mut mentions: Vec<Vec<(usize, usize, usize)>> = vec![Vec::new(); paragraphs.len()];
    for (ei, e) in entities.iter().enumerate() {
        for m in &e.mentions {
            if let Some(v) = mentions.get_mut(m.paragraph) {
                v.push((m.start, m.end, ei));
            }
        }
    }
    for v in &mut mentions {
        v.sort();
    }
    let ctx = Ctx {
        units,
        tokens: units.iter().map(|u| u.tokens.as_slice()).collect(),
        spans: paragraphs.iter().map(|p| segment(p).spans).collect(),
        mentions,
        entities,
        sex: entities.iter().map(|e| entity_sex(e, units)).collect(),
        interviewee: interviewee
            .and_then(|name| {
                entities
                    .iter()
                    .position(|e| e.kind == EntityKind::Person && e.name == name)
            })
            .or_else(|| interviewee_by_mentions(units, entities)),
    };

    let mut ctx = ctx;
    for pi in 0..paragraphs.len() {
        if ctx.spans[pi].is_empty() {
            if let Some(sp) = ctx.pull_quote(pi) {
                ctx.spans[pi].push(sp);
            }
        }
    }
    let (chains, _) = chains(&paragraphs, &ctx.spans);

    let mut resolved: Vec<(usize, usize, Verdict)> = Vec::new();
    let mut out = Vec::new();
    let mut terms = Vec::new();
    for chain in &chains {
        let (pi, si) = chain[0];
        let sp = ctx.spans[pi][si];
        // A quotation never closed is a broken mark, not a quote (`check` reports it).
        if chain.last().is_some_and(|&(p, s)| !ctx.spans[p][s].closed) {
            continue;
        }
        if chain.len() == 1 {
            let inner = clean(&paragraphs[pi][sp.inner_start..sp.inner_end]);
            let words = inner.split_whitespace().count();
            // A whole sentence quoted ("I smacked them around.") is speech.
            let sentence = words >= 2
                && inner.chars().next().is_some_and(char::is_uppercase)
                && inner.ends_with(['.', '!', '?']);
            let short = words <= MAX_TERM_WORDS && !sentence;
            if title_case(&inner) || (short && !ctx.speech_near(pi, si)) {
                terms.push(Term {
                    text: inner,
                    paragraph: pi,
                    start: sp.inner_start,
                    end: sp.inner_end,
                });
                continue;
            }
        }
        let mut verdict = (Pass, "");
        for &(pi, si) in chain.iter().rev() {
            verdict = ctx.attribute(pi, si);
            if verdict.0 != Pass {
                break;
            }
        }
        if verdict.0 == Pass {
            // Previous quotation in the same paragraph, or earlier reported speech.
            let mut v = ctx.last_speaker(pi, &resolved, sp.open);
            if v == Pass && pi > 0 && paragraphs[pi][..sp.open].trim().is_empty() {
                v = ctx.last_speaker(pi - 1, &resolved, usize::MAX);
            }
            verdict = (v.scaled(0.9), "continues");
        }
        for &(p, s) in chain {
            resolved.push((p, ctx.spans[p][s].open, verdict.0));
        }
        let text = chain
            .iter()
            .map(|&(p, s)| {
                let sp = ctx.spans[p][s];
                clean(&paragraphs[p][sp.inner_start..sp.inner_end])
            })
            .collect::<Vec<_>>()
            .join(" ");
        let (speaker, confidence, rule) = match verdict {
            (Speaker(e, c), rule) if c >= MIN_CONFIDENCE => {
                (Some(entities[e].name.clone()), c, Some(rule))
            }
            (Speaker(_, c), rule) => (None, c, Some(rule)),
            (Nobody, rule) => (None, 0.0, Some(rule)),
            (Pass, _) => (None, 0.0, None),
        };
        out.push(Quote {
            speaker,
            text,
            paragraph: pi,
            start: sp.inner_start,
            end: sp.inner_end,
            confidence: (confidence * 100.0).round() / 100.0,
            rule,
        });
    }
    Quotations { quotes: out, terms }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::entities::find_entities;

    fn quotes(paras: &[&str]) -> Vec<Quote> {
        let e = find_entities(paras);
        find_quotes(paras, &e)
    }

    fn speaker(q: &Quote) -> &str {
        q.speaker.as_deref().unwrap_or("<none>")
    }

    #[test]
    fn quote_then_name_said() {
        let q = quotes(&["\"The river is rising,\" Mayor Ana Lind said on Monday."]);
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].text, "The river is rising");
        assert_eq!(speaker(&q[0]), "Ana Lind");
    }

    #[test]
    fn quote_then_said_name() {
        let q = quotes(&["“We will rebuild,” said fire chief Tomas Reyes."]);
        assert_eq!(speaker(&q[0]), "Tomas Reyes");
    }

    #[test]
    fn name_said_colon_quote() {
        let q = quotes(&["Professor Ilse Brandt said: \"The data are clear.\""]);
        assert_eq!(speaker(&q[0]), "Ilse Brandt");
    }

    #[test]
    fn he_said_resolves_to_last_person() {
        let q = quotes(&[
            "Economist Ravi Menon, a fellow at the Hanley Institute, expects cuts.",
            "\"Rates will fall by spring,\" he said.",
        ]);
        assert_eq!(speaker(&q[0]), "Ravi Menon");
    }

    #[test]
    fn it_said_resolves_to_last_organisation() {
        let q = quotes(&[
            "The Bureau of Meteorology issued a warning for the coast.",
            "\"Residents should leave now,\" it said.",
        ]);
        assert_eq!(speaker(&q[0]), "Bureau of Meteorology");
    }

    #[test]
    fn pronoun_never_a_speaker() {
        let q = quotes(&["\"Nobody expected this,\" she said."]);
        assert_eq!(q[0].speaker, None);
    }

    #[test]
    fn reported_speech_is_not_a_quote() {
        let q = quotes(&["Minister Ola Berg said the bridge would reopen in June."]);
        assert!(q.is_empty());
    }

    #[test]
    fn nested_quote_stays_with_outer_speaker() {
        let q = quotes(&["\"They told us 'just wait' and we waited,\" farmer Gil Soto said."]);
        assert_eq!(q.len(), 1);
        assert!(q[0].text.contains("'just wait'"));
        assert_eq!(speaker(&q[0]), "Gil Soto");
    }

    #[test]
    fn bare_quote_paragraph_continues_previous_speaker() {
        let q = quotes(&[
            "Coach Ben Aldous said the team had trained hard.",
            "\"We are ready for anyone.\"",
        ]);
        assert_eq!(speaker(&q[0]), "Ben Aldous");
    }

    #[test]
    fn multi_paragraph_quote_is_one_quote() {
        let q = quotes(&[
            "\"The first thing we did was count the boats,\" said harbourmaster Nell Ferris. \"Then we counted the crews.",
            "\"Nobody was missing.\"",
        ]);
        assert_eq!(q.len(), 2, "{q:?}");
        assert_eq!(q[1].text, "Then we counted the crews. Nobody was missing.");
        assert_eq!(speaker(&q[1]), "Nell Ferris");
    }

    #[test]
    fn short_phrase_attributed_by_sentence() {
        let q = quotes(&["Senator Joan Pike called the plan a \"reckless gamble\" on Friday."]);
        assert_eq!(speaker(&q[0]), "Joan Pike");
    }

    #[test]
    fn think_tank_descriptor_resolves_to_org() {
        let q = quotes(&[
            "A report by the Lowland Policy Institute was published.",
            "\"Costs will double,\" the think tank said.",
        ]);
        assert_eq!(speaker(&q[0]), "Lowland Policy Institute");
    }

    #[test]
    fn appositive_between_quote_and_verb() {
        let q = quotes(&[
            "\"Supplies are low,\" Dara Quinn, a spokeswoman for the Red Valley Council, said.",
        ]);
        assert_eq!(speaker(&q[0]), "Dara Quinn");
    }

    #[test]
    fn company_descriptor_prefers_company_name() {
        let q = quotes(&[
            "Orla Motors recalled its chargers after the Product Safety Board found faults.",
            "In a statement, the company said it was sorry. \"We acted quickly,\" it said.",
        ]);
        assert_eq!(speaker(&q[0]), "Orla Motors");
    }

    #[test]
    fn saying_introduces_a_short_quote() {
        let q = quotes(&["Senator Ivo Marsh voted no, saying the bill was \"rushed\"."]);
        assert_eq!(speaker(&q[0]), "Ivo Marsh");
    }

    #[test]
    fn second_quote_in_paragraph_keeps_speaker() {
        let q = quotes(&["\"It was loud,\" Mr Hale told reporters. \"Then it stopped.\""]);
        assert_eq!(q.len(), 2);
        assert_eq!(speaker(&q[1]), speaker(&q[0]));
        assert_eq!(speaker(&q[0]), "Hale");
    }
}

/// One test per speaker rule and per subject case, named after it.
#[cfg(test)]
mod rule_tests {
    use super::*;
    use crate::extract::entities::find_entities;

    fn quotes(paras: &[&str]) -> (Vec<Entity>, Vec<Quote>) {
        let e = find_entities(paras);
        let q = find_quotes(paras, &e);
        (e, q)
    }

    fn said(paras: &[&str]) -> Vec<(Option<String>, Option<&'static str>)> {
        quotes(paras)
            .1
            .into_iter()
            .map(|q| (q.speaker, q.rule))
            .collect()
    }

    fn one(paras: &[&str]) -> (Option<String>, Option<&'static str>) {
        let all = said(paras);
        assert_eq!(all.len(), 1, "{all:?}");
        all.into_iter().next().unwrap_or((None, None))
    }

    fn named(who: &str, rule: &'static str) -> (Option<String>, Option<&'static str>) {
        (Some(who.to_string()), Some(rule))
    }

    #[test]
    fn said_after_inverted_takes_the_name_after_the_verb() {
        let got = one(&["\"The pumps held,\" said engineer Marta Ilves."]);
        assert_eq!(got, named("Marta Ilves", "said_after"));
    }

    #[test]
    fn said_after_unnamed_subject_names_nobody() {
        let got = one(&["\"The pumps held,\" a spokesman said."]);
        assert_eq!(got, (None, Some("said_after")));
    }

    #[test]
    fn said_after_coordinated_verb_gives_the_first_subject() {
        let got = said(&[
            "Councillor Ruth Okafor said her group had backed the plan \"for years\", and said the delay was \"a scandal in plain sight\".",
        ]);
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[0].0.as_deref(), Some("Ruth Okafor"));
        assert_eq!(got[1].0.as_deref(), Some("Ruth Okafor"));
    }

    #[test]
    fn said_before_participle_gives_the_main_subject() {
        let got = one(&[
            "Senator Ivo Marsh attacked the budget on Monday, saying \"nobody read the small print before the vote\".",
        ]);
        assert_eq!(got, named("Ivo Marsh", "said_before"));
    }

    #[test]
    fn said_before_with_name_stating() {
        let got = one(&[
            "The charity criticised the rules, with director Aino Salo stating: \"Families will pay for this.\"",
        ]);
        assert_eq!(got.0.as_deref(), Some("Aino Salo"));
    }

    #[test]
    fn said_before_agent_after_by_is_not_the_speaker() {
        let got = one(&[
            "A memo seen by the Daily Ledger says \"every office must cut its travel budget by half\".",
        ]);
        assert_eq!(got.0, None);
    }

    #[test]
    fn according_to_in_the_words_of() {
        let got = one(&[
            "The storm was brutal and, in the words of the harbour master, Karin Lundqvist, \"nothing moved for a day\".",
        ]);
        assert_eq!(got, named("Karin Lundqvist", "according_to"));
    }

    #[test]
    fn credit_dash_names_the_speaker() {
        let got = one(&[
            "Ines Varga has run the ferry for years.",
            "\"The sea decides when we sail, not the timetable.\" — Ines Varga",
        ]);
        assert_eq!(got, named("Ines Varga", "credit_dash"));
    }

    #[test]
    fn credit_dash_with_a_surname_only_named_there() {
        // The credit is the only mention of the speaker.
        let got = one(&[
            "Why build more roads?",
            "\"Roads fill up as fast as we pave them, and then we pave again.\" — Okonkwo, on the ring road plan",
        ]);
        assert_eq!(got, named("Okonkwo", "credit_dash"));
    }

    #[test]
    fn pull_quote_with_a_dash_credit() {
        let (_, q) = quotes(&[
            "Mayor Lena Holt opened the new bridge on Friday.",
            "This bridge is the best thing that has happened to the valley in a generation. — Lena Holt",
        ]);
        assert_eq!(q.len(), 1);
        assert!(q[0].text.starts_with("This bridge is the best"));
        assert!(q[0].text.ends_with("generation."), "{}", q[0].text);
        assert_eq!(q[0].speaker.as_deref().unwrap_or("<none>"), "Lena Holt");
        assert_eq!(q[0].rule, Some("credit_dash"));
    }

    #[test]
    fn pull_quote_with_a_bare_name_credit() {
        let (_, q) = quotes(&[
            "Former crew member Dagny Solberg says she was kept on the ship.",
            "I was told that I could not leave and that my letters would be read. Dagny Solberg",
        ]);
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].speaker.as_deref().unwrap_or("<none>"), "Dagny Solberg");
    }

    #[test]
    fn paragraph_ending_in_a_name_without_first_person_is_no_pull_quote() {
        let (_, q) = quotes(&[
            "Former crew member Dagny Solberg says she was kept on the ship.",
            "The ship sailed from the port in the spring of that year. Dagny Solberg",
        ]);
        assert!(q.is_empty(), "{q:?}");
    }

    #[test]
    fn dash_then_a_sentence_is_no_pull_quote() {
        let (_, q) = quotes(&[
            "Mayor Lena Holt opened the new bridge on Friday.",
            "The bridge cost more than planned and opened late — Lena Holt said so herself.",
        ]);
        assert!(q.is_empty(), "{q:?}");
    }

    #[test]
    fn with_an_unnamed_writer_is_nobody() {
        let got = one(&[
            "Fans of the Harbour Rovers criticised the board, with one supporter writing \"How can a club sell its own ground?\"",
        ]);
        assert_eq!(got.0, None);
    }

    #[test]
    fn possessive_owner_of_a_document_speaks_through_it() {
        let got = one(&[
            "Market share is falling. The Nordic Web Institute's quarterly review of its own browser figures concluded, \"the old browser is now third, behind two newer rivals.\"",
        ]);
        assert_eq!(got.0.as_deref(), Some("Nordic Web Institute"));
    }

    #[test]
    fn possessive_with_a_role_noun_is_an_unnamed_person() {
        let got = one(&[
            "Tomas Reyes appeared in court. Reyes's long-time lawyer told reporters, \"my client will appeal the ruling.\"",
        ]);
        assert_eq!(got.0, None);
    }

    #[test]
    fn colon_intro_gives_the_sentence_subject() {
        let got = one(&[
            "Premier Olaf Brandt defended his record in parliament: \"We built more homes than any government before us.\"",
        ]);
        assert_eq!(got, named("Olaf Brandt", "colon_intro"));
    }

    #[test]
    fn said_later_in_the_sentence() {
        let got = one(&[
            "A \"small number\" of the fishing boats that left the northern ports before the storm warning have already crossed the strait this week and reached safety, the Coast Guard said.",
        ]);
        assert_eq!(got, named("Coast Guard", "said_later"));
    }

    #[test]
    fn next_sentence_names_the_speaker() {
        let got = one(&[
            "\"We will not move from this land.\" Farmer Gil Soto said this on Tuesday at the gate.",
        ]);
        assert_eq!(got, named("Gil Soto", "next_sentence"));
    }

    #[test]
    fn interview_turn_goes_to_the_interviewee() {
        let got = said(&[
            "Wikinews spoke with glaciologist Hanna Ekholm about her work.",
            "How did you start?",
            "Hanna Ekholm began as a field assistant in Svalbard.",
            "What worries you most?",
            "The speed. Hanna Ekholm has measured it for twenty years.",
            "\"Ice does not negotiate.\"",
            "What comes next?",
            "More fieldwork.",
        ]);
        assert_eq!(got, vec![named("Hanna Ekholm", "interview_turn")]);
    }

    #[test]
    fn interview_turn_goes_to_the_person_the_title_names() {
        // The answers talk about Lars Dahl more than the interviewee is named.
        let paras = [
            "Wikinews spoke with Mia Sund about the mayor, Lars Dahl.",
            "How did Lars Dahl win?",
            "Lars Dahl knocked on every door. Lars Dahl listened.",
            "What did he promise?",
            "Lars Dahl promised a new harbour.",
            "\"Nobody believed him, and then he built it.\"",
            "What comes next?",
            "Another term.",
        ];
        let e = find_entities(&paras);
        let units = names::analyse(&paras);
        let by_mentions = find_quotations_in(&units, &e, None);
        assert_eq!(by_mentions.quotes[0].speaker.as_deref(), Some("Lars Dahl"));
        let by_title = find_quotations_in(&units, &e, Some("Mia Sund"));
        assert_eq!(by_title.quotes[0].speaker.as_deref(), Some("Mia Sund"));
        assert_eq!(by_title.quotes[0].rule, Some("interview_turn"));
    }

    #[test]
    fn she_goes_to_the_woman_not_the_last_named_man() {
        let got = one(&[
            "Mayor Margaret Olsen met the contractor, Robert Finch, on Friday.",
            "\"The bridge opens in May,\" she said.",
        ]);
        assert_eq!(got.0.as_deref(), Some("Margaret Olsen"));
    }

    #[test]
    fn he_goes_to_the_sentence_subject_not_the_object() {
        let got = one(&[
            "Coach Daniel Weber praised his striker, Thomas Brandt, after the match.",
            "\"He carried the whole team tonight,\" he said.",
        ]);
        assert_eq!(got.0.as_deref(), Some("Daniel Weber"));
    }

    #[test]
    fn title_gives_the_sex_of_an_unknown_given_name() {
        let got = one(&[
            "Ms Quarrie and Mr Dunmore spoke after the hearing.",
            "\"We expected a longer sentence,\" she said.",
        ]);
        assert_eq!(got.0.as_deref(), Some("Quarrie"));
    }

    #[test]
    fn pronoun_with_no_candidate_names_nobody() {
        let got = one(&["\"The roads are closed,\" she said."]);
        assert_eq!(got.0, None);
    }

    #[test]
    fn person_of_organisation_is_the_speaker() {
        let got =
            one(&["Dara Quinn of the Red Valley Council said: \"Supplies will last a week.\""]);
        assert_eq!(got.0.as_deref(), Some("Dara Quinn"));
    }

    #[test]
    fn capital_speaks_as_its_government_never_a_person() {
        let (e, q) = quotes(&["\"The sanctions are illegal,\" Moscow said on Tuesday."]);
        assert_eq!(q[0].speaker.as_deref(), Some("Moscow"));
        let moscow = e.iter().find(|x| x.name == "Moscow").map(|x| x.kind);
        assert!(matches!(
            moscow,
            Some(EntityKind::Place | EntityKind::Organization)
        ));
    }

    #[test]
    fn below_threshold_is_unattributed_but_keeps_its_rule() {
        let (_, q) = quotes(&[
            "The Harbour Board and the Port Authority met the Fishermen's Union.",
            "\"Nothing was agreed,\" the body said.",
        ]);
        assert_eq!(q[0].speaker, None);
        assert!(
            q[0].confidence > 0.0 && q[0].confidence < MIN_CONFIDENCE,
            "{q:?}"
        );
        assert_eq!(q[0].rule, Some("said_after"));
    }

    #[test]
    fn descriptor_matches_any_word_of_the_organisation_name() {
        let got = one(&[
            "The Bureau of Hydrology and the Coastal Institute published forecasts.",
            "\"One wet winter is not a recovery,\" the bureau said.",
        ]);
        assert_eq!(got.0.as_deref(), Some("Bureau of Hydrology"));
    }

    #[test]
    fn coordinated_framing_verb_takes_the_clause_subject() {
        let got = one(&[
            "Last year Senator Chiara Lombardi criticised the facilities and accused officials of \"treating athletes like employees\".",
        ]);
        assert_eq!(got.0.as_deref(), Some("Chiara Lombardi"));
    }

    #[test]
    fn unknown_sex_nearer_makes_a_known_match_a_guess() {
        let (_, q) = quotes(&[
            "Senator Robert Vane spoke first.",
            "The panel then heard Dr Kelso Marr and Dr Ashby Quint.",
            "\"We were not consulted,\" he said.",
        ]);
        assert!(
            q[0].speaker.is_none() || q[0].speaker.as_deref() != Some("Robert Vane"),
            "{q:?}"
        );
        assert!(q[0].confidence < MIN_CONFIDENCE, "{q:?}");
    }

    #[test]
    fn quote_keeps_its_span() {
        let text = "Ana said: \"Go now.\"";
        let (_, q) = quotes(&[text]);
        assert_eq!(&text[q[0].start..q[0].end], "Go now.");
        assert_eq!(q[0].paragraph, 0);
    }
}

/// The quote/term split and unclosed quotations.
#[cfg(test)]
mod term_tests {
    use super::*;
    use crate::extract::entities::find_entities;

    fn found(paras: &[&str]) -> Quotations {
        let e = find_entities(paras);
        find_quotations_in(&names::analyse(paras), &e, None)
    }

    fn texts(q: &Quotations) -> (Vec<&str>, Vec<&str>) {
        (
            q.quotes.iter().map(|q| q.text.as_str()).collect(),
            q.terms.iter().map(|t| t.text.as_str()).collect(),
        )
    }

    #[test]
    fn scare_quote_without_speech_is_a_term() {
        let q = found(&["Talks on the so-called \"peace deal\" resumed in Geneva."]);
        assert_eq!(texts(&q), (vec![], vec!["peace deal"]));
    }

    #[test]
    fn title_of_a_work_is_a_term_even_near_a_verb() {
        let q = found(&[
            "The ministry says on its site \"The Harbour Wall Project Explained\" that work starts soon.",
        ]);
        assert_eq!(texts(&q).1, vec!["The Harbour Wall Project Explained"]);
        assert!(q.quotes.is_empty());
    }

    #[test]
    fn short_phrase_with_a_speech_verb_is_a_quote() {
        let q = found(&["Senator Joan Pike said the plan was \"reckless\" and left."]);
        assert_eq!(texts(&q), (vec!["reckless"], vec![]));
    }

    #[test]
    fn joined_short_quotes_share_the_verb() {
        let q =
            found(&["Bishop Aldo Rinaldi called the ruling \"unfair\" and \"hasty\" on Sunday."]);
        assert_eq!(texts(&q).0, vec!["unfair", "hasty"]);
    }

    #[test]
    fn a_quoted_whole_sentence_is_a_quote() {
        let q = found(&["\"We waited all night,\" farmer Gil Soto said. \"Nobody came.\""]);
        assert_eq!(texts(&q).0, vec!["We waited all night", "Nobody came."]);
    }

    #[test]
    fn unclosed_quotation_is_no_quote_and_is_reported() {
        let paras = [
            "The mayor said \"we will rebuild the bridge and the road",
            "Work starts in May.",
        ];
        assert!(found(&paras).quotes.is_empty());
        assert_eq!(unclosed_quotes(&paras), vec![(0, 15)]);
    }

    #[test]
    fn multi_paragraph_quotation_is_not_unclosed() {
        let paras = [
            "\"The first thing we did was count the boats,\" said Nell Ferris. \"Then the crews.",
            "\"Nobody was missing.\"",
        ];
        assert!(unclosed_quotes(&paras).is_empty());
        assert_eq!(found(&paras).quotes.len(), 2);
    }

    #[test]
    fn many_unclosed_quotes_stay_linear() {
        let para = "\"an opening that never closes and so ".repeat(50_000);
        let start = std::time::Instant::now();
        let q = found(&[para.as_str()]);
        let unclosed = unclosed_quotes(&[para.as_str()]);
        // Debug builds are slow; the release test in tests/dense_input.rs holds the real limit.
        assert!(start.elapsed().as_secs() < 60, "{:?}", start.elapsed());
        assert!(q.quotes.is_empty());
        assert_eq!(unclosed.len(), 50_000);
    }
}

/// The real seed articles: speakers of their quotations.
#[cfg(test)]
mod seed_tests {
    use super::*;
    use crate::extract::entities::{find_entities, name_key};
    use std::collections::BTreeSet;

    /// Paragraphs of a seed (non-empty lines, without the ` date ...` marker),
    /// or None when the seeds are absent (an error in CI).
    pub(crate) fn seed(name: &str) -> Option<Vec<String>> {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/seeds/");
        match std::fs::read_to_string(format!("{dir}{name}")) {
            Ok(text) => Some(
                text.lines()
                    .map(str::trim)
                    .map(|l| match l.strip_prefix("date ") {
                        Some(rest) if rest.len() >= 10 => rest[10..].trim(),
                        _ => l,
                    })
                    .filter(|l| !l.is_empty())
                    .map(str::to_string)
                    .collect(),
            ),
            Err(_) if std::env::var("CI").as_deref() == Ok("true") => {
                panic!("seed {name} missing in CI")
            }
            Err(_) => {
                eprintln!("skipping: seed {name} not found");
                None
            }
        }
    }

    fn speakers(paras: &[String]) -> (Vec<Entity>, Vec<Quote>) {
        let refs: Vec<&str> = paras.iter().map(String::as_str).collect();
        let e = find_entities(&refs);
        let q = find_quotes(&refs, &e);
        (e, q)
    }

    fn said_by(q: &[Quote], starts: &str) -> Option<String> {
        q.iter()
            .find(|q| q.text.starts_with(starts))
            .unwrap_or_else(|| panic!("no quote starting {starts:?}"))
            .speaker
            .clone()
    }

    const PRONOUNS: &[&str] = &["he", "she", "it", "they", "him", "her", "we", "i"];

    #[test]
    fn explainer_seed_quotes_have_their_speakers() {
        let Some(paras) = seed("000_374a940a17039e84.txt") else {
            return;
        };
        let (e, q) = speakers(&paras);
        let all: BTreeSet<String> = q.iter().filter_map(|q| q.speaker.clone()).collect();
        for who in [
            "Pat Ryder",
            "Justin Hastings",
            "Joonkook Hwang",
            "Vassily Nebenzia",
            "John Kirby",
            "Lloyd Austin",
            "Volodymyr Zelenskyy",
        ] {
            assert!(all.contains(who), "{who} not among {all:?}");
        }
        let csis = "Center for Strategic and International Studies";
        assert_eq!(said_by(&q, "make this more").as_deref(), Some(csis));
        assert_eq!(
            said_by(&q, "But the troops will likely").as_deref(),
            Some(csis)
        );
        assert_eq!(said_by(&q, "Russia is desperate").as_deref(), Some(csis));
        assert_eq!(
            said_by(&q, "We are concerned").as_deref(),
            Some("Pat Ryder")
        );
        assert_eq!(
            said_by(&q, "If you want actual").as_deref(),
            Some("Justin Hastings")
        );
        assert_eq!(
            said_by(&q, "Any activities").as_deref(),
            Some("Joonkook Hwang")
        );
        for s in &all {
            assert!(
                !PRONOUNS.contains(&s.to_lowercase().as_str()),
                "pronoun speaker {s}"
            );
        }
        let find = |n: &str| e.iter().find(|x| x.name == n);
        assert!(find("Vladimir Putin").is_some());
        assert!(find("Kim Jong Un").is_some());
        assert!(find("North Korea").is_some_and(|x| x.kind == EntityKind::Place));
        let c = find(csis).expect("CSIS with its full name");
        assert!(c.aliases.contains(&"CSIS".to_string()));
        assert_eq!(
            find("Pat Ryder").and_then(|p| p.role.clone()).as_deref(),
            Some("Pentagon spokesman")
        );
    }

    #[test]
    fn analysis_seed_quotes_and_aliases() {
        let Some(paras) = seed("003_38be661aca5eacde.txt") else {
            return;
        };
        let (e, q) = speakers(&paras);
        let all: BTreeSet<String> = q.iter().filter_map(|q| q.speaker.clone()).collect();
        for who in ["Victor Cha", "Kim Du-yeon", "Sydney Seiler"] {
            assert!(all.contains(who), "{who} not among {all:?}");
        }
        // The nested 'you owe me' stays inside Cha's quotation.
        let nested = q
            .iter()
            .find(|q| q.text.contains("'you owe me'"))
            .expect("nested");
        assert_eq!(nested.speaker.as_deref(), Some("Victor Cha"));
        assert_eq!(name_key("Kim Jong-un"), name_key("Kim Jong Un"));
        assert!(
            e.iter()
                .any(|x| name_key(&x.name) == name_key("Kim Jong Un"))
        );
        let nk = e
            .iter()
            .find(|x| x.name == "North Korea")
            .expect("North Korea");
        assert!(nk.aliases.contains(&"DPRK".to_string()), "{:?}", nk.aliases);
        let csis: Vec<&Entity> = e
            .iter()
            .filter(|x| x.name == "CSIS" || x.aliases.contains(&"CSIS".to_string()))
            .collect();
        assert_eq!(csis.len(), 1, "{csis:?}");
        assert_eq!(
            csis[0].name,
            "Center for Strategic and International Studies"
        );
        for s in &all {
            assert!(
                !PRONOUNS.contains(&s.to_lowercase().as_str()),
                "pronoun speaker {s}"
            );
        }
    }
}

//! Quotations and who said them.
//!
//! A quotation is text between double quotes, curly (“ ”) or straight (")
//! ones; single quotes inside stay part of the outer quotation. A paragraph
//! that opens a quotation without closing it continues into the next
//! paragraph when that one opens with a quote mark (news style); the parts
//! become one [`Quote`].
//!
//! The speaker, first rule that applies:
//! 1. a speech verb right after the quotation (`"...," X said`, `"...,"
//!    said X`, `"...," he said`, `"...," it added`, `"...", according to X`):
//!    the subject before the verb (skipping an appositive `X, a ..., said`),
//!    or the name after an inverted verb;
//! 2. a speech verb earlier in the same sentence (`X said: "..."`, `X said
//!    that ... "..."`, `X called Y his "closest comrade"`);
//! 3. a speech verb later in the same sentence (`"small number" ..., the
//!    Pentagon said`);
//! 4. otherwise the speaker of the previous quotation in the paragraph, or,
//!    for a paragraph that opens with a quotation, whoever spoke last in the
//!    previous paragraph (quoted or reported: "X said ..." then a bare
//!    quote paragraph).
//!
//! Pronouns resolve to the most recent entity mentioned outside quotations
//! that fits: he/she a person, it (or "the think tank", "the ministry", ...)
//! an organisation, "the professor"/"the spokesman" a person. A pronoun that
//! cannot be resolved gives no speaker: a speaker is always an entity's
//! canonical name. Reported speech without quotation marks is not a quote.

use super::entities::{Entity, EntityKind, speech_verb};
use super::names::{self, Token, Unit, contains, is_role_noun};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quote {
    /// Canonical name of the speaking entity; never a pronoun.
    pub speaker: Option<String>,
    /// The quoted words, without the quote marks.
    pub text: String,
    /// Paragraph where the quotation starts.
    pub paragraph: usize,
}

/// A quoted span in one paragraph (byte offsets).
#[derive(Debug, Clone, Copy)]
struct Span {
    /// Byte of the opening mark.
    open: usize,
    inner_start: usize,
    inner_end: usize,
    /// Byte after the closing mark (or paragraph end).
    close: usize,
    closed: bool,
}

/// Quoted spans of a paragraph.
fn spans(text: &str) -> Vec<Span> {
    // Only quotation marks change the state, so visit just those, found
    // by single-character searches (memchr-fast) rather than by decoding
    // every character of the paragraph.
    let mut marks: Vec<(usize, char)> = text.match_indices('"').map(|(at, _)| (at, '"')).collect();
    // Only `“` or `"` opens a quotation.
    let curly_open = text.match_indices('“').map(|(at, _)| (at, '“'));
    marks.extend(curly_open);
    if marks.is_empty() {
        return Vec::new();
    }
    marks.extend(text.match_indices('”').map(|(at, _)| (at, '”')));
    marks.sort_unstable_by_key(|&(at, _)| at);
    let mut out = Vec::new();
    let mut open: Option<(usize, char)> = None;
    for (pos, c) in marks {
        let next = text[pos + c.len_utf8()..].chars().next();
        let before = text[..pos].chars().next_back();
        match (open, c) {
            (None, '“') => open = Some((pos, c)),
            (None, '"') if before.is_none_or(|p| !p.is_alphanumeric()) => open = Some((pos, c)),
            (Some((o, '“')), '”') | (Some((o, '"')), '"') => {
                // A straight quote followed by a letter is a nested opening; ignore.
                if c == '"'
                    && next.is_some_and(char::is_alphanumeric)
                    && before.is_some_and(char::is_whitespace)
                {
                    continue;
                }
                let ol = if text[o..].starts_with('“') {
                    '“'.len_utf8()
                } else {
                    1
                };
                out.push(Span {
                    open: o,
                    inner_start: o + ol,
                    inner_end: pos,
                    close: pos + c.len_utf8(),
                    closed: true,
                });
                open = None;
            }
            _ => {}
        }
    }
    if let Some((o, c)) = open {
        out.push(Span {
            open: o,
            inner_start: o + c.len_utf8(),
            inner_end: text.len(),
            close: text.len(),
            closed: false,
        });
    }
    out.retain(|s| {
        text[s.inner_start..s.inner_end]
            .chars()
            .any(char::is_alphanumeric)
    });
    out
}

fn clean(text: &str) -> String {
    let t = text.trim();
    let t = t.trim_end_matches([',', ' ']);
    t.trim().to_string()
}

struct Ctx<'a> {
    units: &'a [Unit<'a>],
    tokens: Vec<&'a [Token<'a>]>,
    spans: Vec<Vec<Span>>,
    /// Per paragraph: (start, end, entity index), sorted.
    mentions: Vec<Vec<(usize, usize, usize)>>,
    entities: &'a [Entity],
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Who {
    Entity(usize),
    Unknown,
}

impl<'a> Ctx<'a> {
    fn inside_quote(&self, pi: usize, pos: usize) -> bool {
        self.spans[pi]
            .iter()
            .any(|s| pos >= s.inner_start && pos < s.inner_end)
    }

    /// Most recent entity of `kind` mentioned outside quotations before `pos`.
    fn most_recent(&self, kind: EntityKind, pos: (usize, usize)) -> Who {
        let mut best: Option<((usize, usize), usize)> = None;
        for (pi, ms) in self.mentions.iter().enumerate().take(pos.0 + 1) {
            for &(s, _, e) in ms {
                if (pi, s) >= pos || self.entities[e].kind != kind || self.inside_quote(pi, s) {
                    continue;
                }
                if best.is_none_or(|(b, _)| (pi, s) > b) {
                    best = Some(((pi, s), e));
                }
            }
        }
        best.map_or(Who::Unknown, |(_, e)| Who::Entity(e))
    }

    /// Organisations mentioned before `pos` outside quotations, latest first.
    fn orgs_before(&self, pos: (usize, usize)) -> Vec<usize> {
        let mut seen: Vec<((usize, usize), usize)> = Vec::new();
        for (pi, ms) in self.mentions.iter().enumerate().take(pos.0 + 1) {
            for &(s, _, e) in ms {
                if (pi, s) < pos
                    && self.entities[e].kind == EntityKind::Organization
                    && !self.inside_quote(pi, s)
                {
                    seen.push(((pi, s), e));
                }
            }
        }
        seen.sort();
        seen.into_iter().rev().map(|(_, e)| e).collect()
    }

    /// "the board said": the latest organisation whose name ends in that
    /// word; "the company said": the latest with a company-like name;
    /// otherwise the latest organisation.
    fn described_org(&self, word: &str, pos: (usize, usize)) -> Who {
        let orgs = self.orgs_before(pos);
        let last_word = |e: usize| {
            let n = &self.entities[e].name;
            n.rsplit(' ').next().unwrap_or(n).to_string()
        };
        if let Some(&e) = orgs
            .iter()
            .find(|&&e| last_word(e).eq_ignore_ascii_case(word))
        {
            return Who::Entity(e);
        }
        if contains(COMPANY_DESCRIPTORS, word) {
            if let Some(&e) = orgs
                .iter()
                .find(|&&e| contains(names::COMPANY_WORDS, &last_word(e)))
            {
                return Who::Entity(e);
            }
        }
        orgs.first().map_or(Who::Unknown, |&e| Who::Entity(e))
    }

    /// What "it" refers to: the organisation that spoke earlier in the same
    /// paragraph, else the latest organisation mentioned.
    fn topic_org(&self, pi: usize, pos: (usize, usize)) -> Who {
        let t = &self.tokens[pi];
        let sents = self.units[pi].sentences();
        let mut found = Who::Unknown;
        for (k, tok) in t.iter().enumerate() {
            if tok.start >= pos.1 || !self.is_verb(pi, k, false) {
                continue;
            }
            // Only subjects that are not themselves "it".
            if k > 0 && t[k - 1].text.eq_ignore_ascii_case("it") {
                continue;
            }
            let lo = sents
                .iter()
                .rev()
                .find(|&&(s, _)| s <= tok.start)
                .map_or(0, |&(s, _)| s);
            if let Who::Entity(e) = self.subject_before(pi, k, lo, (pi, tok.start)) {
                if self.entities[e].kind == EntityKind::Organization {
                    found = Who::Entity(e);
                }
            }
        }
        if found != Who::Unknown {
            return found;
        }
        self.most_recent(EntityKind::Organization, pos)
    }

    /// Entity whose mention covers token `k` of paragraph `pi`.
    fn entity_at(&self, pi: usize, k: usize) -> Option<(usize, usize)> {
        let t = &self.tokens[pi][k];
        self.mentions[pi]
            .iter()
            .find(|&&(s, e, _)| t.start >= s && t.start < e.max(s + 1))
            .map(|&(s, _, e)| (s, e))
    }

    /// Subject of the speech verb at token `k`, looking back no further than byte `lo`.
    fn subject_before(&self, pi: usize, k: usize, lo: usize, anchor: (usize, usize)) -> Who {
        let t = &self.tokens[pi];
        if k == 0 {
            return Who::Unknown;
        }
        let mut j = k - 1;
        // Skip auxiliaries and adverbs: "has said", "also told", "later added".
        const SKIP: &[&str] = &[
            "also",
            "has",
            "had",
            "have",
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
            "had",
            "once",
            "subsequently",
            "separately",
        ];
        while j > 0 && t[j].is_lower() && contains(SKIP, t[j].text) {
            j -= 1;
        }
        if t[j].start < lo {
            return Who::Unknown;
        }
        // Appositive: "X, a professor at Y, said".
        if t[j].is_punct(',') {
            let first_person = self.mentions[pi]
                .iter()
                .filter(|&&(s, _, e)| {
                    s >= lo
                        && s < t[j].start
                        && !self.inside_quote(pi, s)
                        && self.entities[e].kind == EntityKind::Person
                })
                .map(|&(_, _, e)| e)
                .next();
            if let Some(e) = first_person {
                return Who::Entity(e);
            }
            let first = self.mentions[pi]
                .iter()
                .filter(|&&(s, _, _)| s >= lo && s < t[j].start && !self.inside_quote(pi, s))
                .map(|&(_, _, e)| e)
                .next();
            return first.map_or(Who::Unknown, Who::Entity);
        }
        let w = names::lower(t[j].text);
        match w.as_ref() {
            "he" | "she" => return self.most_recent(EntityKind::Person, anchor),
            "it" => return self.topic_org(pi, anchor),
            "they" | "i" | "we" | "you" | "who" | "which" | "that" => return Who::Unknown,
            _ => {}
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
                if let Some((_, e)) = self.entity_at(pi, m) {
                    return Who::Entity(e);
                }
            }
            let passable = (t[m].is_lower()
                && !speech_verb(t[m].text)
                && !matches!(t[m].text, "that" | "and" | "but" | "who" | "which"))
                || matches!(t[m].text, "(" | ")");
            if !passable || steps >= 4 || m == 0 {
                break;
            }
            m -= 1;
            steps += 1;
        }
        // "the think tank said", "the minister said".
        if t[j].is_lower() {
            let the_before =
                (j.saturating_sub(3)..j).any(|x| t[x].text.eq_ignore_ascii_case("the"));
            if the_before && contains(ORG_DESCRIPTORS, &w) {
                return self.described_org(&w, anchor);
            }
            if the_before && is_role_noun(&w) {
                return self.most_recent(EntityKind::Person, anchor);
            }
        }
        Who::Unknown
    }

    /// Subject after an inverted verb ("said White House spokesperson X").
    fn subject_after(&self, pi: usize, k: usize, hi: usize, anchor: (usize, usize)) -> Who {
        let t = &self.tokens[pi];
        let mut j = k + 1;
        if t.get(j).is_some_and(|w| w.text == "to") && t[k].text == "according" {
            j += 1;
        }
        if let Some(w) = t.get(j) {
            match names::lower(w.text).as_ref() {
                "he" | "she" => return self.most_recent(EntityKind::Person, anchor),
                "it" => return self.topic_org(pi, anchor),
                _ => {}
            }
        }
        let from = t.get(j).map_or(hi, |w| w.start);
        // Up to the end of the clause.
        let clause_end = t[j.min(t.len())..]
            .iter()
            .find(|w| w.start >= from && matches!(w.text, "," | ";" | "." | "—"))
            .map_or(hi, |w| w.start)
            .min(hi);
        let in_clause: Vec<usize> = self.mentions[pi]
            .iter()
            .filter(|&&(s, _, _)| s >= from && s < clause_end)
            .map(|&(_, _, e)| e)
            .collect();
        in_clause
            .iter()
            .find(|&&e| self.entities[e].kind == EntityKind::Person)
            .or(in_clause.first())
            .map_or(Who::Unknown, |&e| Who::Entity(e))
    }

    /// Sentence (byte range) containing the span.
    fn sentence(&self, pi: usize, sp: &Span) -> (usize, usize) {
        let sents = self.units[pi].sentences();
        let start = sents
            .iter()
            .rev()
            .find(|&&(s, _)| s <= sp.open)
            .map_or(0, |&(s, _)| s);
        let end = sents
            .iter()
            .find(|&&(_, e)| e >= sp.close)
            .map_or(self.units[pi].text.len(), |&(_, e)| e);
        (start, end)
    }

    fn is_verb(&self, pi: usize, k: usize, before_quote: bool) -> bool {
        let t = &self.tokens[pi];
        let w = &t[k];
        if !w.is_lower() || self.inside_quote(pi, w.start) {
            return false;
        }
        if speech_verb(w.text) {
            return true;
        }
        if w.text == "according" && t.get(k + 1).is_some_and(|n| n.text == "to") {
            return true;
        }
        before_quote
            && contains(
                &[
                    "called",
                    "calls",
                    "described",
                    "describes",
                    "dubbed",
                    "termed",
                    "labelled",
                    "labeled",
                    "branded",
                ],
                w.text,
            )
    }

    /// Who spoke the quoted span `si` of paragraph `pi`, from its sentence.
    fn attribute(&self, pi: usize, si: usize) -> Who {
        let sp = self.spans[pi][si];
        let t = &self.tokens[pi];
        let (s_start, s_end) = self.sentence(pi, &sp);
        let anchor = (pi, sp.open);
        // Limits: other quotations in the same sentence bound the search.
        let next_open = self.spans[pi]
            .iter()
            .filter(|o| o.open >= sp.close)
            .map(|o| o.open)
            .min()
            .unwrap_or(usize::MAX);
        let prev_close = self.spans[pi]
            .iter()
            .filter(|o| o.close <= sp.open)
            .map(|o| o.close)
            .max()
            .unwrap_or(0);
        let after_hi = s_end.min(next_open);
        let before_lo = s_start.max(prev_close);

        // Tokens are in text order and never overlap, so each window of
        // the sentence is a contiguous range of token indices.
        let after: Vec<usize> = {
            let from = t.partition_point(|w| w.start < sp.close);
            let to = t.partition_point(|w| w.start < after_hi).max(from);
            (from..to).collect()
        };
        let after_verb = after.iter().copied().find(|&k| self.is_verb(pi, k, false));
        let mut direct_after = None;
        let mut late_after = None;
        if let Some(k) = after_verb {
            let gap_words = after
                .iter()
                .take_while(|&&x| x < k)
                .filter(|&&x| t[x].word)
                .count();
            let who = if gap_words == 0 {
                self.subject_after(pi, k, after_hi, anchor)
            } else {
                self.subject_before(pi, k, sp.close, anchor)
            };
            if gap_words <= 16 {
                direct_after = Some(who);
            } else {
                late_after = Some(who);
            }
        }
        if let Some(Who::Entity(e)) = direct_after {
            return Who::Entity(e);
        }
        let before_verb = {
            let from = t.partition_point(|w| w.start < before_lo);
            let to = t.partition_point(|w| w.end <= sp.open).max(from);
            (from..to).find(|&k| self.is_verb(pi, k, true))
        };
        if let Some(k) = before_verb {
            let who = self.subject_before(pi, k, before_lo, anchor);
            if who != Who::Unknown {
                return who;
            }
        }
        if direct_after.is_some() {
            return Who::Unknown;
        }
        if let Some(Who::Entity(e)) = late_after {
            return Who::Entity(e);
        }
        Who::Unknown
    }

    /// The last speaker in a paragraph: of a quotation, or of reported speech.
    fn last_speaker(&self, pi: usize, resolved: &[(usize, usize, Who)], before: usize) -> Who {
        let t = &self.tokens[pi];
        let mut best: Option<(usize, Who)> = None;
        for &(p, s, who) in resolved {
            if p == pi && s < before && who != Who::Unknown && best.is_none_or(|(b, _)| s > b) {
                best = Some((s, who));
            }
        }
        let sents = self.units[pi].sentences();
        for (k, tok) in t.iter().enumerate() {
            if tok.start >= before || !self.is_verb(pi, k, false) {
                continue;
            }
            let lo = sents
                .iter()
                .rev()
                .find(|&&(s, _)| s <= t[k].start)
                .map_or(0, |&(s, _)| s);
            let who = self.subject_before(pi, k, lo, (pi, t[k].start));
            if who != Who::Unknown && best.is_none_or(|(b, _)| t[k].start > b) {
                best = Some((t[k].start, who));
            }
        }
        best.map_or(Who::Unknown, |(_, w)| w)
    }
}

/// Descriptors that mean a business.
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
];

/// Finds the quotations of one document and attributes each to an entity
/// from `entities` (which should come from [`super::entities::find_entities`]
/// on the same paragraphs).
pub fn find_quotes(paragraphs: &[&str], entities: &[Entity]) -> Vec<Quote> {
    find_quotes_in(&names::analyse(paragraphs), entities)
}

/// [`find_quotes`] on units already analysed.
pub fn find_quotes_in<'a>(units: &'a [Unit<'a>], entities: &'a [Entity]) -> Vec<Quote> {
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
        spans: paragraphs.iter().map(|p| spans(p)).collect(),
        mentions,
        entities,
    };

    // Chains of spans: a quotation left open continues into the next
    // paragraph when that paragraph opens with a quote mark.
    let mut chains: Vec<Vec<(usize, usize)>> = Vec::new();
    let mut continues: Option<usize> = None;
    for (pi, para) in paragraphs.iter().enumerate() {
        for si in 0..ctx.spans[pi].len() {
            let sp = ctx.spans[pi][si];
            let at_start = para[..sp.open].trim().is_empty();
            match continues {
                Some(c) if si == 0 && at_start => chains[c].push((pi, si)),
                _ => chains.push(vec![(pi, si)]),
            }
            continues = None;
            if !sp.closed {
                continues = Some(chains.len() - 1);
            }
        }
        if ctx.spans[pi].is_empty() {
            continues = None;
        }
    }

    let mut resolved: Vec<(usize, usize, Who)> = Vec::new();
    let mut out = Vec::new();
    for chain in &chains {
        let mut who = Who::Unknown;
        for &(pi, si) in chain.iter().rev() {
            who = ctx.attribute(pi, si);
            if who != Who::Unknown {
                break;
            }
        }
        let (pi, si) = chain[0];
        let sp = ctx.spans[pi][si];
        if who == Who::Unknown {
            // Previous quotation in the same paragraph, or earlier reported speech.
            who = ctx.last_speaker(pi, &resolved, sp.open);
            if who == Who::Unknown && pi > 0 && paragraphs[pi][..sp.open].trim().is_empty() {
                who = ctx.last_speaker(pi - 1, &resolved, usize::MAX);
            }
        }
        for &(p, s) in chain {
            resolved.push((p, ctx.spans[p][s].open, who));
        }
        let text = chain
            .iter()
            .map(|&(p, s)| {
                let sp = ctx.spans[p][s];
                clean(&paragraphs[p][sp.inner_start..sp.inner_end])
            })
            .collect::<Vec<_>>()
            .join(" ");
        out.push(Quote {
            speaker: match who {
                Who::Entity(e) => Some(entities[e].name.clone()),
                Who::Unknown => None,
            },
            text,
            paragraph: pi,
        });
    }
    out
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

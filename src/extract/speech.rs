//! The speech-verb lexicon: the one list of words that report speech or
//! writing ("said", "told", "added", "wrote", "warned", "argued",
//! "insisted", "asked", ...) in every tense a news sentence uses them
//! (`says`, `said`, `saying`), used by quote attribution and by the entity
//! rules that read roles around a speech verb. Multi-word attributions
//! ("according to", "in the words of", "attributed to") are
//! [`attribution_phrase`]s; verbs that frame a quoted label ("called",
//! "described ... as") are [`framing_verb`]s.

use super::names::WordSet;

/// Speech and writing verbs, every form.
const VERBS: &[&str] = &[
    "say",
    "says",
    "said",
    "saying",
    "tell",
    "tells",
    "told",
    "telling",
    "add",
    "adds",
    "added",
    "adding",
    "stated",
    "stating",
    "notes",
    "noted",
    "noting",
    "explain",
    "explains",
    "explained",
    "explaining",
    "emphasised",
    "emphasized",
    "stressed",
    "stresses",
    "warn",
    "warns",
    "warned",
    "argue",
    "argues",
    "argued",
    "arguing",
    "write",
    "writes",
    "wrote",
    "writing",
    "ask",
    "asks",
    "asked",
    "asking",
    "replies",
    "replied",
    "replying",
    "insist",
    "insists",
    "insisted",
    "insisting",
    "claims",
    "claimed",
    "claiming",
    "announce",
    "announces",
    "announced",
    "announcing",
    "confirm",
    "confirms",
    "confirmed",
    "admit",
    "admits",
    "admitted",
    "acknowledged",
    "acknowledges",
    "observe",
    "observes",
    "observed",
    "remarked",
    "commented",
    "commenting",
    "suggest",
    "suggests",
    "suggested",
    "predicted",
    "predicts",
    "believes",
    "thinks",
    "urge",
    "urges",
    "urged",
    "urging",
    "conclude",
    "concludes",
    "concluded",
    "concede",
    "concedes",
    "conceded",
    "recalls",
    "recalled",
    "recalling",
    "cautioned",
    "declare",
    "declares",
    "declared",
    "respond",
    "responds",
    "responded",
    "continue",
    "continues",
    "continued",
    "agreed",
    "disagreed",
    "tweeted",
    "tweeting",
    "posted",
    "reads",
    "reasoned",
    "reported",
    "asserted",
    "asserts",
    "contended",
    "contends",
    "maintained",
    "maintains",
    "pleaded",
    "promised",
    "promising",
    "vowed",
    "cited",
    "cites",
    "quoted",
    "recommended",
    "recommending",
    "complained",
    "complains",
    "boasted",
    "joked",
    "shouted",
    "screamed",
    "whispered",
    "testified",
    "mused",
    "quipped",
    "exclaimed",
    "demanded",
    "elaborated",
    "summed",
    "ventured",
];

static VERB_SET: WordSet = WordSet::new(VERBS);

/// A verb that reports speech or writing, any tense (`said`, `says`,
/// `saying`, `wrote`, `warned`), lower case as written.
pub fn is_speech_verb(word: &str) -> bool {
    VERB_SET.contains(word)
}

/// A speech verb whose object is the one spoken to, not the speaker:
/// "Tuchel told Sky", "she asked Ada Lind".
pub fn is_listener_verb(word: &str) -> bool {
    const LISTENER_VERBS: &[&str] = &[
        "told", "tell", "tells", "telling", "asked", "asks", "warned", "warns", "urged", "urges",
        "reminded", "assured", "informed", "briefed", "thanked",
    ];
    LISTENER_VERBS.contains(&word)
}

/// A present participle that hangs a quotation on the main clause's
/// subject: "X criticised the plan, saying ...", "with X stating: ...".
pub fn is_participle(word: &str) -> bool {
    is_speech_verb(word) && word.ends_with("ing")
}

/// Verbs that frame a quoted label or description: "called the plan a
/// "gamble"", "described him as "...", "characterised it as "...",
/// "accused officials of "..."".
pub fn framing_verb(word: &str) -> bool {
    const FRAMING: &[&str] = &[
        "called",
        "calls",
        "calling",
        "described",
        "describes",
        "describing",
        "dubbed",
        "termed",
        "labelled",
        "labeled",
        "branded",
        "characterized",
        "characterised",
        "characterizes",
        "characterises",
        "defined",
        "hailed",
        "accused",
        "accuses",
        "accusing",
    ];
    FRAMING.contains(&word)
}

/// Phrases whose next name is the source: "according to X", "in the
/// words of X", "attributed to X", "quoted by X". Given the lower-case
/// words ending at the phrase's last word, the number of words the phrase
/// takes, if it is one.
pub fn attribution_phrase(words: &[&str]) -> Option<usize> {
    const PHRASES: &[&[&str]] = &[
        &["according", "to"],
        &["in", "the", "words", "of"],
        &["attributed", "to"],
        &["quoted", "by"],
        &["as", "quoted", "by"],
    ];
    PHRASES
        .iter()
        .filter(|p| words.len() >= p.len() && words[words.len() - p.len()..] == ***p)
        .map(|p| p.len())
        .max()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_tense_of_say_is_a_speech_verb() {
        for w in ["say", "says", "said", "saying"] {
            assert!(is_speech_verb(w), "{w}");
        }
        assert!(!is_speech_verb("studies"));
        assert!(!is_speech_verb("Said"), "lexicon is lower case as written");
    }

    #[test]
    fn participles_are_the_ing_forms() {
        assert!(is_participle("stating"));
        assert!(is_participle("saying"));
        assert!(!is_participle("stated"));
    }

    #[test]
    fn framing_verbs_are_not_speech_verbs() {
        assert!(framing_verb("characterized"));
        assert!(!is_speech_verb("characterized"));
    }

    #[test]
    fn attribution_phrases_end_at_their_last_word() {
        assert_eq!(
            attribution_phrase(&["it", "is", "according", "to"]),
            Some(2)
        );
        assert_eq!(attribution_phrase(&["in", "the", "words", "of"]), Some(4));
        assert_eq!(attribution_phrase(&["as", "quoted", "by"]), Some(3));
        assert_eq!(attribution_phrase(&["according"]), None);
        assert_eq!(attribution_phrase(&["the", "words"]), None);
    }
}

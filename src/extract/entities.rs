//! People, organisations and places named in one document.
//!
//! The text is cut into *runs*: maximal sequences of capitalised words
//! (with connectors such as "of", "for", "and", "van", "de", "bin" inside,
//! chains of particles such as "von der" and "de la",
//! particles joined to a name such as "d'Ettorre" and "al-Amr", initials,
//! a number of one or two digits between name words ("Movimento 5
//! Stelle"), a campus after "at" ("University of North Carolina at Chapel
//! Hill"), and a possessive only at the end). Each run is classified by an ordered
//! table of rules (`RUN_RULES`); the first that decides wins, and each gives
//! its candidates a confidence:
//!
//! 1. `person_of_body`: "NAME of X" where NAME reads as a person without
//!    context (a given name first, or an East Asian name) is the person and
//!    X; X is what the rules make of it when that is a place or an
//!    organisation, else an organisation by its position ("Raymond Chan of
//!    People Power", "Frederick Fung of ADPL", and "Jean Morel of France
//!    Unbowed": a place that is only part of X); after a title no given
//!    name is needed ("Dr. Hanan Ali of ...") when no word is a body's.
//! 2. `coordination`: a run with "and" and no organisation word is two runs
//!    ("Eugene Burger and Michael Skinner"); a known name with "and" in it
//!    ("Globe and Mail", "Bosnia and Herzegovina") is one.
//! 3. `name_of_a_thing`: a run ending in the head of a law, treaty, plan,
//!    prize or disease ("the Paris Agreement", "the CHIPS and Science Act",
//!    "the Nobel Prize") names none of those, not even the place inside it;
//!    `coordination` leaves such a run whole.
//! 4. `heading_known_names`: a title-case paragraph (a heading) only names
//!    what is recognisable without context (known places and bodies).
//! 5. `person_by_title`: a title inside the run ("Russian President
//!    Vladimir Putin", "Pentagon spokesman Major General Pat Ryder"). Titles
//!    are stripped from the name; office titles and what precedes them form
//!    the role ("Pentagon spokesman"); courtesy, academic and military
//!    titles (Mr, Professor, Major General) are not a role. Name words
//!    before an office title that are no place, person or plain English
//!    words are the body ("Ryanair chief executive Ada Lind").
//! 6. `organisation_word`: the run contains an organisation word (Center,
//!    University, Council, Ministry, Party, ...) and is cut after the last
//!    one plus an "of/for ..." complement, less a country acronym after
//!    "of the" that the name is whole without ("Colorado State University
//!    of the US") or a name after the complement's places ("University of
//!    Texas Arlington Amrita Jovanek said"); a feature word in the complement ("... of the Rio
//!    Grande Valley") leaves it a body, and "School District" is one head.
//!    An acronym in parentheses after
//!    it makes the acronym an alias; a place right after the head of an
//!    institute, centre or university is its seat ("Conflict Studies
//!    Institute Oslo", "Queen's University Belfast").
//!    Organisation words on both sides of
//!    "and", the second ending in an organisation head (not a field such as
//!    "Studies"), make two bodies; "NAME of the ORG" with a given name first
//!    or a role right before it is the person and the body; "Chairman of
//!    the ORG" is the body.
//! 7. `name_before_a_known_acronym`: two name words or more right before a
//!    known body's acronym in parentheses are its name in full, in any
//!    language ("Alternative for Germany (AfD)", "the Social Democrats
//!    (SPD)"); not a person before their party ("Olaf Scholz (SPD)").
//! 8. `media_head`: 2-4 capitalised words ending in a newspaper or
//!    broadcaster word (News, Times, Gazette, Weekly, Press, Radio, ...):
//!    "Deseret News", "Saudi Gazette"; or in a masthead word (Sun, Star,
//!    Mail, Globe, ...) after a place, a demonym or "Daily": "Baltimore
//!    Sun", "Daily Mirror"; or a publication by what is done in it
//!    ("published in Nature", "the journal Cell"), never a place.
//! 9. `region_word`: "Kursk Oblast", "X Province", "X Region" (canonical:
//!    X); "Hillsborough County", "Orleans Parish" keep their word (a county
//!    in a paragraph with a score is left to the club rules).
//! 10. `region_noun_after`: "Kursk region", "X province", "X district".
//! 11. `city_of`: "city of X", "port of X" (canonical: X).
//! 12. `team_in_a_result`: a side of a match result, in a sentence with a
//!     score, even one named like a facility ("Liverpool beat Aston Villa 3-0", "a 2-1 win over
//!     Brentford"); a country or region stays a place, a city may be a club.
//! 13. `feature_place`: a facility or natural feature by its head word
//!     ("Fisht Stadium", "Ross Sea", "Bay of Bengal", "Constitution Hall"),
//!     or a head that comes first ("Mount Kenya", "Lake Chad", "Lough Erne", "County
//!     Cavan", "River Suir", "Camp David").
//! 14. `sports_club`: a known place with a club word ("Manchester United",
//!     "Real Madrid") or one plural name after it ("Boston Celtics") is a
//!     club, unless the whole is a place ("Mexico City").
//! 15. `compass_before_place`: a compass word before a known place
//!     ("Eastern Europe").
//! 16. `compass_after_place`: "Kowloon West", "New Territories East" are one
//!     place (a constituency or district), not the place and a direction.
//! 17. `known_name`: the whole run is a known place (a country, capital,
//!     city or region from the built-in list, an alternative name such as
//!     Britain or Kiev, a country acronym such as US, UK, DPRK; then the open
//!     gazetteer [`super::gazetteer`]: GeoNames cities, ISO 3166-2 regions),
//!     a known organisation ([`super::gazetteer::is_known_org`]: "Wikipedia",
//!     "Reuters", "Pentagon"), a web address used as a name
//!     ("PowerOutage.us") or an acronym (below).
//! 18. `body_in_a_country`: a known body and then a known country or
//!     region, and nothing else, are the body's branch there, one
//!     organisation ("NHS England", "BBC Scotland").
//! 19. `place_before_its_region`: a name followed by a comma and a known
//!     region or country ("Cambridge, Massachusetts", "Levico Terme,
//!     Trento, Italy"), when the gazetteer has it or it reads as no person.
//! 20. `company_after_stake`: what is held in a company: "shares in
//!     Velmora rose", "a stake in Halden Quays" (that "in" is no locative),
//!     "shares of Velmora"; never a place ("shares in Europe").
//! 21. `organisation_after_role_at`: a role noun and "at" before the run
//!     ("analysts at Jefferies", "an economist at Halden Capital"), or a
//!     role noun and "of the"/"for the" before a run that is no place
//!     ("leader of the National Rally").
//! 22. `organisation_in_a_kind_list`: a plural kind of body and
//!     "including", "such as" or "like" ("groups including Copa-Cogeca",
//!     "lenders such as Halden Bank"), or a kind and "called" or "named"
//!     ("a group called Parents for Fair Rates").
//! 23. `place_after_locative`: one word after "in", "near", "outside"
//!     that the gazetteer has, however small ("in Tiberias").
//! 24. `person_by_role_noun`: a role noun right before the run
//!     ("harbourmaster Ines Varga").
//! 25. `person_after_role_comma`: "its chief librarian, Oscar Lindqvist,",
//!     or a role for a body before the comma ("a spokesperson for the
//!     agency, Oscar Lindqvist,").
//! 26. `organisation_by_apposition`: "the port operator, Halden
//!     Terminals," or "Halden Quays, a port operator," or "Orvane,
//!     Norvia's largest airline," (a demonym or a
//!     known place may qualify the kind: "the Omdurman club"), or a
//!     body's kind right after a name that follows "the" or a possessive
//!     ("the Verdi union", "France's CGT union"), names joined by an
//!     ampersand ("Halden Power & Light"), or the kind
//!     right before a name that reads as no person ("the shipping group
//!     Maersk").
//! 27. `person_by_appositive`: 2-4 name-like words followed by an
//!     appositive with a role noun ("Justin Hastings, a professor of ..." --
//!     the appositive is the role).
//! 28. `organisation_by_speech`: a speech subject of name-like words, at
//!     least two of them English words (one, when the last is a trade in
//!     "-ing": "BC Housing says"), that ends in an ordinary English word no
//!     surname is, with no given name, surname, title or role in it ("Civil
//!     Defense said", "Advanced Micro Devices said").
//! 29. `organisation_in_another_language`: a name with a connector of
//!     another language that no person's name has inside it ("Médecins
//!     Sans Frontières", "Médicos Sin Fronteras", "Action contre la Faim"),
//!     or a body's head word of another language, which may come first
//!     ("Partido Popular", "Banco Santander", "Deutscher Bauernverband",
//!     "Deutsche Bahn").
//! 30. `person_by_speech`: the subject of a speech verb ("Victor Cha
//!     said", "said Victor Cha"), or the speaker's slot of a credit after a
//!     quotation (`"..." — Peres`) or "attributed to Einstein".
//! 31. `person_by_given_name`: a known given name first (the hand list or a
//!     census given name that is not an English word).
//! 32. `person_by_family_name`: an East Asian name, a family name first
//!     ("Kim Du-yeon", "Leung Kwok-hung"; a short word before a hyphenated
//!     given name, "Kwok Ka-ki"; two words ending in a family name, "Starry
//!     Lee").
//! 33. `single_word_speaker`: one word never used in lower case in the
//!     document, as a speech subject ("Okafor said"); never one after "the"
//!     ("the Onion said": people are not named with "the"), nor an
//!     English word opening a sentence ("Regulator warns").
//! 34. `undecided`: known parts of the run (places, acronyms) are kept as
//!     `known_name`; a run that may still be a person waits for pass B.
//!
//! Pass B (`PASS_B_RULES`), over the undecided runs, in order:
//!
//! B1. `organisation_named_elsewhere`: the same words are an organisation
//!     elsewhere in the document, or the one word opens such a name and
//!     names nothing else ("Voltaic" of "Voltaic Labs").
//! B2. `organisation_beside_an_organisation`: joined by "and" or "or" to an
//!     organisation, with no given name or person's word in it ("Deutsche
//!     Bank and BNP Paribas").
//! B3. `organisation_before_a_role`: right before a role noun and a name,
//!     with no person's word in it ("Velmora spokeswoman Ada Lind",
//!     "Velmora chief executive Ada Lind").
//! B4. `place_beside_a_place`: joined by "and" or "or" (or inside a list)
//!     to a place, with no person's word in it ("between Dublin and Cork",
//!     "Altadena and Pasadena").
//! B5. `place_in_a_place`: one or two words that are no person's, right
//!     before "in" and a known place ("Derna in eastern Libya").
//! B6. `place_after_in`: one or two name words that are no English words
//!     or given names, between "in" ("near", "outside") and the end of a
//!     clause ("the plant in Dunmore.").
//! B7. `person_by_later_honorific`: a surname later used with
//!     Mr/Ms/Dr/Professor.
//! B8. `person_in_a_list_of_people`: 2-3 name-like words in a list of names,
//!     "A, B, C and D", that names two people by other rules ("Ansel Adams,
//!     Chuck Close, and Helmut Newton").
//! B9. `unknown_name_pair`: 2-3 capitalised words that are no English words,
//!     the first may be a given name, never used in lower case in the
//!     document and not places: "Vitas Gerulaitis", "Terry Gross"; not "Star
//!     Wars", nor after "the" ("at the Alte Foersterei").
//! B10. `lone_capitalised_word`: a single word left, such as a census surname
//!     inside a sentence: "backed by Clinton", or a leader's name before what
//!     they lead: "the Biden administration"; never a word before what a
//!     state has ("Zorvan troops", "Zorvan authorities"), nor one after
//!     "its", "their", "his" ("its Blackwell chips": what is owned is a thing).
//!
//! Each entity carries its *evidence*: the rules that found its mentions,
//! and "repeated" when it is named more than once; its confidence is the
//! best of those rules' (0.1 more when repeated). Below
//! [`MIN_ENTITY_CONFIDENCE`] (a lone capitalised word named once) it is
//! doubtful: kept in `extract` output, listed by `check`, given no page.
//!
//! A place named like a person: a one-word gazetteer city that is the
//! surname of a person named in full in the document is folded into that
//! person ("Lloyd Austin" ... "Austin said"), and so is one that is the given
//! name of such a person ("Isabel Ruiz" ... "Isabel"). A one-word body
//! that is the first word of one longer body of the document is its short
//! form ("Velmora Motors" ... "Velmora engineer Ada Lind"). A run with an
//! organisation word that is a known place ("Soviet Union") is the place.
//!
//! **Acronyms**: a standalone all-caps word of 2-6 letters is an
//! organisation unless it is a country acronym (a place) or a common
//! non-name abbreviation (TV, GDP, CEO, ...). One never defined in the
//! text is kept only when well known (NASA, FIFA), listed, or named twice,
//! and never when it is an ordinary word in capitals ("UNLESS"); one named
//! as a person's body ("NAME of ACR", "ACR's NAME") is kept even when named
//! once. "X stands for Y" makes X an alias of Y. One the text defines by
//! lower-case words whose initials spell it ("liquefied natural gas (LNG)",
//! "exchange-traded funds (ETFs)") is a term, not a body
//! (`terms_defined_in_lower_case`).
//!
//! The title the writer gave (metadata or headline) is read last, as one
//! more unit: names in it count ("Wikinews interviews Jane Roe"), and a
//! title-case title, like a heading, only names what is recognisable
//! without context.
//!
//! Single-word references (a bare surname, "Professor Hastings", "Mr
//! Austin", "Mr Yoon") resolve to the person named in full whose last word
//! (or, for East Asian names, first word) matches, the most recent one
//! before the reference, becoming aliases; a lone given name ("Maya's
//! boxes") is the one person named in full with it first, when there is
//! exactly one. Sentence-initial words that are
//! function words or appear in lower case elsewhere in the document are
//! dropped from runs, unless the word is the last of a given name + word pair
//! elsewhere in the document ("Rick Santorum" ... "Santorum criticized") or
//! opens a known place or body ("North Korea", "New Zealand"); weekdays and
//! months (but a month that is a given name before a surname: "Jan
//! Brodsky"), event and storm words (Olympics, Games, Prize, Hurricane) and religions (Islam) are
//! never names. Title-case
//! paragraphs (headings) only add mentions of entities found in the body.
//!
//! "X stands for Y's official name, the Z" makes X and Z aliases of Y;
//! "X stands for Y" / "X, which stands for Y" makes Y canonical, X an alias.

use super::gazetteer;
use super::names::{
    self, CALENDAR_SET, COUNTRY_ACRONYM_MAP, DEMONYM_SET, FAMILY_FIRST_SET, GIVEN_NAME_SET,
    HONORIFIC_ABBREVIATION_SET, HONORIFIC_SET, KNOWN_ORG_SET, NOT_ACRONYM_SET, OFFICE_TITLE_SET,
    ORG_ACRONYM_MAP, ORG_WORD_SET, PLACE_ALIAS_MAP, PLACE_SET, ROLE_MODIFIER_SET, STOPWORD_SET,
    Token, Unit, WordBuildHasher, WordSet, contains, is_role_noun, with_lower,
};
use crate::model::{Entity, EntityKind, Mention};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::OnceLock;

/// A key for merging spelling variants across documents: "Kim Jong-un" and
/// "Kim Jong Un" give the same key, so do "U.S." and "US".
pub fn name_key(name: &str) -> String {
    names::name_key(name)
}

/// How a candidate was found; decides how it merges.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Evidence {
    /// A full name with strong evidence (title, appositive, org word, list).
    Full,
    /// A full name with weaker evidence (given name, speech subject).
    Weak,
    /// A single surname after an honorific ("Mr Austin").
    Surname,
    /// A single capitalised word that may be a surname ("Cha said").
    BareSurname,
}

#[derive(Debug, Clone)]
struct Cand {
    kind: EntityKind,
    name: String,
    evidence: Evidence,
    para: usize,
    start: usize,
    end: usize,
    role: Option<String>,
    /// Extra alias forms this candidate brings (e.g. a defined acronym).
    aliases: Vec<String>,
    /// The rule that found it ([`RUN_RULES`], [`PASS_B_RULES`]).
    rule: &'static str,
}

struct Para<'a> {
    text: &'a str,
    tokens: &'a [Token<'a>],
    initial: &'a [bool],
    heading_like: bool,
}

/// Words seen in lower case in a document.
type Vocab<'a> = HashSet<&'a str, WordBuildHasher>;

/// Finds the people, organisations and places of one document, in order of
/// first mention.
pub fn find_entities(paragraphs: &[&str]) -> Vec<Entity> {
    find_entities_in(&names::analyse(paragraphs))
}

/// The place of a wire dateline ("KYIV, March 3 (Reuters) -") as an
/// entity of the briefing: it is where the story was filed, a place the
/// reader should find on its page, though no paragraph names it. A known
/// place only; one the text names already is left as it is.
pub fn add_dateline_place(entities: &mut Vec<Entity>, dateline: &str) {
    let Some(place) = is_place(dateline.trim()) else {
        return;
    };
    let named = entities.iter().any(|e| {
        e.kind == EntityKind::Place && (e.name == place || e.aliases.iter().any(|a| a == place))
    });
    if !named {
        entities.push(Entity {
            name: place.to_string(),
            kind: EntityKind::Place,
            aliases: if dateline.trim() == place {
                vec![]
            } else {
                vec![dateline.trim().to_string()]
            },
            role: None,
            mentions: vec![],
            evidence: vec!["dateline"],
            confidence: rule_confidence("known_name"),
        });
    }
}

/// [`find_entities`] on units already analysed.
pub fn find_entities_in(units: &[Unit]) -> Vec<Entity> {
    let paras: Vec<Para> = units
        .iter()
        .map(|unit| Para {
            text: unit.text,
            tokens: &unit.tokens,
            initial: &unit.initial,
            heading_like: !unit.text.trim_end().ends_with('.') && is_title_case(&unit.tokens),
        })
        .collect();
    let mut lower_vocab: Vocab = Vocab::with_capacity_and_hasher(
        paras.iter().map(|p| p.tokens.len()).sum::<usize>() / 2,
        WordBuildHasher::default(),
    );
    lower_vocab.extend(
        paras
            .iter()
            .flat_map(|p| p.tokens.iter())
            .filter(|t| t.is_lower())
            .map(|t| t.base()),
    );

    let surnames = full_name_surnames(&paras);
    let mut cands: Vec<Cand> = Vec::new();
    let mut deferred: Vec<Deferred> = Vec::new();
    let mut definitions: Vec<(String, String, Option<String>)> = Vec::new();
    let mut terms: HashSet<String> = HashSet::new();
    // Per paragraph, the list each run belongs to ("A, B, C and D"), as
    // (first token of the run, list id).
    let mut list_of: HashMap<(usize, usize), usize, WordBuildHasher> = HashMap::default();
    let mut lists = 0;
    for (pi, p) in paras.iter().enumerate() {
        let para_runs = runs(p, &lower_vocab, &surnames);
        for (first, id) in name_lists(p, &para_runs, lists) {
            list_of.insert((pi, first), id);
            lists = lists.max(id + 1);
        }
        for run in para_runs {
            classify(pi, p, &run, &lower_vocab, &mut cands, &mut deferred);
        }
        definitions.extend(stands_for(p));
        terms.extend(terms_defined_in_lower_case(p));
    }
    // "liquefied natural gas (LNG)": the acronym names a thing, not a body.
    if !terms.is_empty() {
        cands.retain(|c| c.kind != EntityKind::Organization || !terms.contains(&c.name));
    }
    // Lists naming two people or more: their other names are people too.
    let mut people_in_list: HashMap<usize, usize, WordBuildHasher> = HashMap::default();
    for c in cands.iter().filter(|c| {
        c.kind == EntityKind::Person && matches!(c.evidence, Evidence::Full | Evidence::Weak)
    }) {
        let first = paras[c.para].tokens.partition_point(|w| w.start < c.start);
        if let Some(&id) = list_of.get(&(c.para, first)) {
            *people_in_list.entry(id).or_default() += 1;
        }
    }

    // What pass B reads of the document is gathered only when a run waits.
    if !deferred.is_empty() {
        let pass_b = PassB::new(
            &paras,
            &cands,
            &list_of,
            &people_in_list,
            &lower_vocab,
            &surnames,
        );
        let mut decided = Vec::new();
        for (pi, run, parts) in deferred {
            match pass_b.decide(pi, &run, !parts.is_empty()) {
                Some(cand) => decided.push(cand),
                None => decided.extend(parts),
            }
        }
        cands.extend(decided);
    }
    cands.sort_by_key(|c| (c.para, c.start));
    let mut entities = merge(&paras, cands, &lower_vocab);
    apply_definitions(&mut entities, &definitions);
    finish(entities)
}

/// A run left undecided by the first pass, with what it yields if no
/// later evidence makes it a person: (paragraph, run, fallback candidates).
type Deferred = (usize, Vec<usize>, Vec<Cand>);

/// What pass B knows of the whole document when it decides a deferred run.
struct PassB<'p, 'a> {
    paras: &'p [Para<'a>],
    /// Surnames used after an honorific ("Mr Austin").
    honorific_surnames: HashSet<String, WordBuildHasher>,
    /// Name keys of the organisations the first pass found.
    org_keys: HashSet<String, WordBuildHasher>,
    /// First words of the organisations of two or more words the first
    /// pass found, when such a word names nothing else ("Voltaic" of
    /// "Voltaic Labs"; not "University", "Colorado", "Solid").
    org_short_forms: HashSet<&'p str, WordBuildHasher>,
    /// (paragraph, byte) where an organisation candidate starts or ends,
    /// growing as pass B decides runs ("Amazon, Meta and Alphabet").
    org_edges: std::cell::RefCell<HashSet<(usize, usize), WordBuildHasher>>,
    /// (paragraph, byte) where a place candidate starts or ends.
    place_edges: HashSet<(usize, usize), WordBuildHasher>,
    /// Words of the people the first pass found.
    person_words: HashSet<&'p str, WordBuildHasher>,
    list_of: &'p HashMap<(usize, usize), usize, WordBuildHasher>,
    people_in_list: &'p HashMap<usize, usize, WordBuildHasher>,
    vocab: &'p Vocab<'a>,
    surnames: &'p Vocab<'a>,
}

/// One deferred run as a pass B rule sees it.
struct Deferral<'x, 'p, 'a> {
    b: &'x PassB<'p, 'a>,
    pi: usize,
    run: &'x [usize],
    /// Parts of the run the first pass knows (a place, a listed body).
    known_parts: bool,
    words: Vec<&'a str>,
    name: String,
}

/// A pass B rule: the kind it gives the run, if it decides it.
type PassBRule = fn(&Deferral) -> Option<EntityKind>;

/// The rules of the second pass, in order (the module doc lists them),
/// with their confidences.
const PASS_B_RULES: &[(&str, f32, PassBRule)] = &[
    (
        "organisation_named_elsewhere",
        0.9,
        organisation_named_elsewhere,
    ),
    (
        "organisation_beside_an_organisation",
        0.75,
        organisation_beside_an_organisation,
    ),
    (
        "organisation_before_a_role",
        0.7,
        organisation_before_a_role,
    ),
    ("place_beside_a_place", 0.75, place_beside_a_place),
    ("place_in_a_place", 0.7, place_in_a_place),
    ("place_after_in", 0.6, place_after_in),
    ("person_by_later_honorific", 0.85, person_by_later_honorific),
    (
        "person_in_a_list_of_people",
        0.75,
        person_in_a_list_of_people,
    ),
    ("unknown_name_pair", 0.55, unknown_name_pair_rule),
    ("lone_capitalised_word", 0.4, lone_capitalised_word),
];

impl<'p, 'a> PassB<'p, 'a> {
    fn new(
        paras: &'p [Para<'a>],
        cands: &'p [Cand],
        list_of: &'p HashMap<(usize, usize), usize, WordBuildHasher>,
        people_in_list: &'p HashMap<usize, usize, WordBuildHasher>,
        vocab: &'p Vocab<'a>,
        surnames: &'p Vocab<'a>,
    ) -> Self {
        let orgs = cands.iter().filter(|c| c.kind == EntityKind::Organization);
        PassB {
            paras,
            honorific_surnames: cands
                .iter()
                .filter(|c| c.evidence == Evidence::Surname)
                .map(|c| c.name.clone())
                .collect(),
            // Keyed once per organisation named, not per mention.
            org_keys: orgs
                .clone()
                .map(|c| c.name.as_str())
                .collect::<HashSet<&str, WordBuildHasher>>()
                .into_iter()
                .map(name_key)
                .collect(),
            org_short_forms: orgs
                .clone()
                .filter_map(|c| c.name.split_once(' ').map(|(first, _)| first))
                .filter(|w| short_form_word(w))
                .collect(),
            org_edges: std::cell::RefCell::new(
                orgs.flat_map(|c| [(c.para, c.start), (c.para, c.end)])
                    .collect(),
            ),
            place_edges: cands
                .iter()
                .filter(|c| c.kind == EntityKind::Place)
                .flat_map(|c| [(c.para, c.start), (c.para, c.end)])
                .collect(),
            person_words: cands
                .iter()
                .filter(|c| c.kind == EntityKind::Person)
                .flat_map(|c| c.name.split(' '))
                .collect(),
            list_of,
            people_in_list,
            vocab,
            surnames,
        }
    }

    /// The candidate the first rule that decides gives, if one does.
    fn decide(&self, pi: usize, run: &[usize], known_parts: bool) -> Option<Cand> {
        let p = &self.paras[pi];
        let d = Deferral {
            b: self,
            pi,
            run,
            known_parts,
            words: run.iter().map(|&i| p.tokens[i].base()).collect(),
            name: join_words(p, run),
        };
        let (rule, kind) = PASS_B_RULES
            .iter()
            .find_map(|&(rule, _, decide)| decide(&d).map(|kind| (rule, kind)))?;
        let (start, end) = span(p, run);
        if kind == EntityKind::Organization {
            let mut edges = self.org_edges.borrow_mut();
            edges.insert((pi, start));
            edges.insert((pi, end));
        }
        let last = run[run.len() - 1];
        let (name, evidence, role) = match (kind, rule) {
            (EntityKind::Person, "lone_capitalised_word") => {
                (d.words[0].to_string(), Evidence::BareSurname, None)
            }
            (EntityKind::Person, _) => (d.name, Evidence::Weak, appositive_role(p, last)),
            _ => (d.name, Evidence::Full, None),
        };
        Some(Cand {
            kind,
            name,
            evidence,
            para: pi,
            start,
            end,
            role,
            aliases: vec![],
            rule,
        })
    }
}

impl Deferral<'_, '_, '_> {
    fn para(&self) -> &Para<'_> {
        &self.b.paras[self.pi]
    }

    fn tokens(&self) -> &[Token<'_>] {
        self.para().tokens
    }

    /// No word of the run is a given name or a word of a person found,
    /// and it is not one ordinary word ("Senior", "Educational").
    fn no_person_words(&self) -> bool {
        let ordinary_word =
            self.words.len() == 1 && with_lower(self.words[0], gazetteer::is_english_word);
        let person_word = self.words.iter().any(|w| self.b.person_words.contains(w));
        !is_given_name(self.words[0]) && !person_word && !ordinary_word
    }
}

/// The same words are an organisation elsewhere in the document, or the
/// one word is the first of such an organisation's name ("Voltaic has
/// raised" ... "Voltaic Labs").
fn organisation_named_elsewhere(d: &Deferral) -> Option<EntityKind> {
    (d.b.org_keys.contains(&name_key(&d.name))
        || (d.words.len() == 1 && d.b.org_short_forms.contains(d.words[0])))
    .then_some(EntityKind::Organization)
}

/// A body's first word that may stand for the body: a name-like word that
/// is no organisation word, place, demonym, given name or English word.
fn short_form_word(w: &str) -> bool {
    name_like(w)
        && !ORG_WORD_SET.contains(w)
        && !DEMONYM_SET.contains(w)
        && is_place(w).is_none()
        && !is_given_name(w)
        && !is_title(w)
        && !with_lower(w, ordinary_word)
}

/// "Deutsche Bank and BNP Paribas", "Nasdaq, Reuters and Bloomberg": a run
/// no person word is in, joined by "and", "or" or a comma right beside an
/// organisation, is one too.
fn organisation_beside_an_organisation(d: &Deferral) -> Option<EntityKind> {
    let edges = d.b.org_edges.borrow();
    (beside(d, &edges) && d.no_person_words() && is_place(&d.name).is_none())
        .then_some(EntityKind::Organization)
}

/// Whether the run is joined by "and", "or" or a list's comma to a name
/// starting or ending at one of `edges`, and is 1-4 name-like words.
fn beside(d: &Deferral, edges: &HashSet<(usize, usize), WordBuildHasher>) -> bool {
    let t = d.tokens();
    let (first, last) = (d.run[0], d.run[d.run.len() - 1]);
    let word_joiner = |tok: &Token| tok.text == "and" || tok.text == "or";
    let joiner = |tok: &Token| word_joiner(tok) || tok.is_punct(',');
    // A comma joins only inside a list that goes on to a name: "Amazon,
    // Meta and Nvidia" (not "the head of NATO, Jaap Hoop, he said").
    let list_goes_on = t.get(last + 1).is_some_and(word_joiner)
        || (t.get(last + 1).is_some_and(|n| n.is_punct(','))
            && t.get(last + 2)
                .is_some_and(|n| n.is_cap() || word_joiner(n)));
    let joined_before =
        first >= 2 && (word_joiner(&t[first - 1]) || (t[first - 1].is_punct(',') && list_goes_on));
    let joined_after = t.get(last + 1).is_some_and(word_joiner)
        || (t.get(last + 1).is_some_and(|n| n.is_punct(',')) && first > 0 && joiner(&t[first - 1]));
    let before = joined_before && edges.contains(&(d.pi, t[first - 2].base_end()));
    let after = joined_after
        && t.get(last + 2)
            .is_some_and(|n| edges.contains(&(d.pi, n.start)));
    (before || after)
        && d.words.len() <= 4
        && !t[last].is_possessive()
        && d.words.iter().all(|w| name_like(w) || is_acronym_shape(w))
}

/// "between Dublin and Cork", "Altadena and Pasadena": beside a place.
fn place_beside_a_place(d: &Deferral) -> Option<EntityKind> {
    (beside(d, &d.b.place_edges)
        && d.no_person_words()
        && !d.words.iter().any(|w| gazetteer::is_surname(w))
        && !d.b.org_keys.contains(&name_key(&d.name)))
    .then_some(EntityKind::Place)
}

/// "reached Derna in eastern Libya": a name that is no person's right
/// before "in" (a compass adjective may follow) and a known place.
/// "the firm's plant in Dunmore.": one or two name words, no English word,
/// given name or possessive among them, right after "in", "near" or
/// "outside" and right before a comma, a full stop or a semicolon, are a
/// place the gazetteer does not know.
fn place_after_in(d: &Deferral) -> Option<EntityKind> {
    let t = d.tokens();
    let last = d.run[d.run.len() - 1];
    let clause_ends = t
        .get(last + 1)
        .is_none_or(|n| n.is_punct(',') || n.is_punct('.') || n.is_punct(';'));
    let ok = after_locative(t, d.run[0])
        && clause_ends
        && d.words.len() <= 2
        && !t[last].is_possessive()
        && d.run.iter().all(|&i| t[i].is_cap())
        && !d.words.iter().any(|w| {
            is_given_name(w)
                || with_lower(w, |l| {
                    d.b.vocab.contains(l) || gazetteer::is_english_word(l)
                })
        });
    ok.then_some(EntityKind::Place)
}

fn place_in_a_place(d: &Deferral) -> Option<EntityKind> {
    let t = d.tokens();
    let last = d.run[d.run.len() - 1];
    if t.get(last + 1).is_none_or(|n| n.text != "in") || t[last].is_possessive() {
        return None;
    }
    let mut k = last + 2;
    while t.get(k).is_some_and(|n| {
        n.is_lower()
            && matches!(
                n.text,
                "northern"
                    | "southern"
                    | "eastern"
                    | "western"
                    | "central"
                    | "north"
                    | "south"
                    | "east"
                    | "west"
                    | "northeastern"
                    | "northwestern"
                    | "southeastern"
                    | "southwestern"
                    | "rural"
                    | "coastal"
            )
    }) {
        k += 1;
    }
    let place_after = t
        .get(k)
        .is_some_and(|n| n.is_cap() && is_place(n.base()).is_some());
    // Not "the Magic Circle in London" nor "Santo Spirito and Immacolata
    // in Livorno": bodies and schools sit in places too; a town follows a
    // verb or a preposition ("reached", "from").
    let first = d.run[0];
    let after_a_verb = first > 0
        && t[first - 1].is_lower()
        && !matches!(t[first - 1].text, "the" | "and" | "or" | "of" | "a" | "an");
    (place_after
        && after_a_verb
        && d.words.len() <= 2
        && d.no_person_words()
        && !d.words.iter().any(|w| gazetteer::is_surname(w))
        && d.words.iter().all(|w| name_like(w)))
    .then_some(EntityKind::Place)
}

/// "Goldman Sachs economist Jan Hatzius", "Acme spokeswoman Ada Lind": a
/// run no person word is in, right before a role noun and a name, is the
/// body the person speaks for.
fn organisation_before_a_role(d: &Deferral) -> Option<EntityKind> {
    let t = d.tokens();
    let last = d.run[d.run.len() - 1];
    let mut k = last + 1;
    // Modifiers up to the role noun; "executive" modifies ("executive
    // director") or is the role ("chief executive Ada Lind").
    let role_then_name = |k: usize| {
        t.get(k).is_some_and(|n| is_role_noun(n.text)) && t.get(k + 1).is_some_and(|n| n.is_cap())
    };
    while t
        .get(k)
        .is_some_and(|n| n.is_lower() && ROLE_MODIFIER_SET.contains(n.text))
        && !role_then_name(k)
    {
        k += 1;
    }
    let role = t
        .get(k)
        .is_some_and(|n| n.is_lower() && is_role_noun(n.text));
    let name_after = t
        .get(k + 1)
        .is_some_and(|n| n.is_cap() && name_like(n.base()));
    (role
        && name_after
        && !t[last].is_possessive()
        && d.no_person_words()
        && d.words.iter().all(|w| name_like(w) || is_acronym_shape(w))
        && is_place(&d.name).is_none()
        && !d.words.iter().any(|w| DEMONYM_SET.contains(w)))
    .then_some(EntityKind::Organization)
}

/// A full name whose surname is used later with Mr/Ms/Dr/Professor.
fn person_by_later_honorific(d: &Deferral) -> Option<EntityKind> {
    ((2..=4).contains(&d.words.len())
        && d.b.honorific_surnames.contains(d.words[d.words.len() - 1])
        && d.words.iter().all(|w| name_like(w)))
    .then_some(EntityKind::Person)
}

/// 2-3 name-like words in a list that names two people by other rules.
fn person_in_a_list_of_people(d: &Deferral) -> Option<EntityKind> {
    ((2..=3).contains(&d.words.len())
        && !d.known_parts
        && d.words.iter().all(|w| name_like(w))
        && d.b
            .list_of
            .get(&(d.pi, d.run[0]))
            .and_then(|id| d.b.people_in_list.get(id))
            .is_some_and(|&n| n >= 2))
    .then_some(EntityKind::Person)
}

/// [`unknown_name_pair`] as a pass B rule.
fn unknown_name_pair_rule(d: &Deferral) -> Option<EntityKind> {
    (!d.known_parts && unknown_name_pair(d.para(), d.run, d.b.vocab)).then_some(EntityKind::Person)
}

/// "the Biden administration": one name between "the" and what a leader
/// leads.
fn led_by_name(t: &[Token], k: usize) -> bool {
    k > 0
        && t[k - 1].text.eq_ignore_ascii_case("the")
        && t.get(k + 1).is_some_and(|n| {
            // Not "government": "the Lao government" is a country's.
            matches!(n.text, "administration" | "presidency" | "campaign")
        })
}

/// A single word left, such as a census surname inside a sentence
/// ("backed by Clinton"), never a plural noun or a word after "the".
fn lone_capitalised_word(d: &Deferral) -> Option<EntityKind> {
    let p = d.para();
    // "Zorvan troops": a country's word before what a state has, not a
    // person ("the Monti government" may be a leader's, so not
    // "government").
    let state_noun_after = p.tokens.get(d.run[0] + 1).is_some_and(|n| {
        matches!(
            n.text,
            "authorities"
                | "officials"
                | "military"
                | "troops"
                | "forces"
                | "police"
                | "army"
                | "navy"
                | "embassy"
                | "economy"
                | "border"
                | "coast"
                | "capital"
                | "regime"
                | "leadership"
                | "parliament"
        )
    });
    // "its Blackwell chips", "their Velmora vans": what something owns is
    // a thing, never a person.
    let owned = d.run[0] > 0
        && matches!(
            p.tokens[d.run[0] - 1].text,
            "its" | "their" | "our" | "his" | "her" | "your" | "my"
        );
    let common_word_opening = p.initial[d.run[0]] && with_lower(d.words[0], ordinary_word);
    let name_here = d.b.surnames.contains(d.words[0]) || !common_word_opening;
    (d.words.len() == 1
        && !state_noun_after
        && !owned
        && !model_number_after(p.tokens, d.run[0])
        && !plural_common_noun(d.words[0])
        && !named_with_the(p, d.run)
        && name_here)
        .then_some(EntityKind::Person)
}

/// A paragraph in which (nearly) every word is capitalised: a heading.
fn is_title_case(tokens: &[Token]) -> bool {
    let words: Vec<&Token> = tokens
        .iter()
        .filter(|t| t.word && t.text.chars().any(char::is_alphabetic))
        .collect();
    if words.len() < 3 {
        return false;
    }
    let long: Vec<&&Token> = words.iter().filter(|t| t.text.len() > 3).collect();
    !long.is_empty() && long.iter().all(|t| t.is_cap())
}

/// A word that can be part of a personal name.
fn name_like(w: &str) -> bool {
    if particle_name(w) {
        return true;
    }
    if contains(EVENT_WORDS, w) {
        return false;
    }
    let first = w.chars().next();
    first.is_some_and(char::is_uppercase)
        && w.chars().count() > 1
        && !names::is_web_name(w)
        // Months that are given names ("Jan", "April"): runs already break
        // at them unless a surname follows.
        && (!is_never_name_word(w) || (CALENDAR_SET.contains(w) && is_given_name(w)))
        && (!is_acronym_shape(w) || dotted_initials(w))
        && !hyphen_adjective(w)
}

/// "J.D.", "J.K.": a person's initials written together, not a known
/// acronym such as "U.S." or "U.N.".
fn dotted_initials(w: &str) -> bool {
    let letters = w.split_terminator('.').collect::<Vec<_>>();
    w.ends_with('.')
        && (2..=3).contains(&letters.len())
        && letters.iter().all(|l| l.len() == 1)
        && COUNTRY_ACRONYM_MAP.get(w).is_none()
        && ORG_ACRONYM_MAP.get(w).is_none()
}

/// Words of events, prizes and storms: never part of a personal name
/// ("Winter Olympics", "Summer Paralympics", "Booker Prize", "Hurricane
/// Milton", "Typhoon Haiyan": a storm's given name names no person).
const EVENT_WORDS: &[&str] = &[
    "Hurricane",
    "Typhoon",
    "Cyclone",
    "Olympics",
    "Paralympics",
    "Olympiad",
    "Games",
    "Championship",
    "Championships",
    "Cup",
    "Festival",
    "Expo",
    "Summit",
    "Marathon",
    "Tournament",
    "Biennale",
    "Prize",
    "Award",
    "Awards",
];

/// Whether `w` is a stopword, organisation word (company heads too),
/// demonym, weekday or month, honorific or office title: the seven lists in one set, so
/// [`name_like`], asked for every word of nearly every run, hashes once.
fn is_never_name_word(w: &str) -> bool {
    static NEVER_NAME_WORDS: OnceLock<HashSet<&'static str, WordBuildHasher>> = OnceLock::new();
    NEVER_NAME_WORDS
        .get_or_init(|| {
            [
                names::STOPWORDS,
                names::ORG_WORDS,
                names::COMPANY_WORDS,
                names::DEMONYMS,
                names::CALENDAR,
                names::HONORIFICS,
                names::OFFICE_TITLES,
            ]
            .into_iter()
            .flatten()
            .copied()
            .collect()
        })
        .contains(w)
}

fn is_acronym_shape(w: &str) -> bool {
    let mut letters = 0;
    for c in w.chars() {
        if c == '.' {
            continue;
        }
        if !c.is_ascii_uppercase() {
            return false;
        }
        letters += 1;
    }
    (2..=6).contains(&letters) && !NOT_ACRONYM_SET.contains(w)
}

/// `Washington-based`, `Russian-made`: a capitalised word used as an adjective.
fn hyphen_adjective(w: &str) -> bool {
    const SUFFIXES: &[&str] = &[
        "based",
        "led",
        "backed",
        "born",
        "owned",
        "made",
        "style",
        "era",
        "like",
        "bound",
        "linked",
        "aligned",
        "controlled",
        "occupied",
        "run",
        "funded",
        "friendly",
        "speaking",
        "built",
        "held",
        "supplied",
        "allied",
        "installed",
        "produced",
        "designed",
        "related",
        "wide",
        "specific",
        "centric",
        "focused",
        "language",
    ];
    static SUFFIX_SET: WordSet = WordSet::new(SUFFIXES);
    w.rsplit_once(['-', '‑'])
        .is_some_and(|(_, suffix)| with_lower(suffix, |l| SUFFIX_SET.contains(l)))
}

fn is_title(w: &str) -> bool {
    // Honorifics and office titles in one set: one hash per word instead of two.
    static TITLE_WORDS: OnceLock<HashSet<&'static str, WordBuildHasher>> = OnceLock::new();
    let titles = TITLE_WORDS.get_or_init(|| {
        [names::HONORIFICS, names::OFFICE_TITLES]
            .into_iter()
            .flatten()
            .copied()
            .collect()
    });
    titles.contains(w)
        || (w.chars().next().is_some_and(char::is_uppercase) && with_lower(w, is_role_noun))
}

/// A known organisation: the hand list of [`names`] or the open list of
/// [`gazetteer::is_known_org`] (news media, platforms, companies).
fn is_known_org(name: &str) -> bool {
    KNOWN_ORG_SET.contains(name) || gazetteer::is_known_org(name)
}

fn is_honorific(w: &str) -> bool {
    HONORIFIC_SET.contains(w)
}

/// The canonical name of a known place (a place, an alternative name or a
/// country acronym).
fn is_place(name: &str) -> Option<&'static str> {
    PLACE_SET
        .get(name)
        .or_else(|| PLACE_ALIAS_MAP.get(name))
        .or_else(|| COUNTRY_ACRONYM_MAP.get(name))
        // "Toyota", "Gallup": a well-known body beats a city of the open
        // gazetteer (never one of the hand lists).
        .or_else(|| gazetteer::place_name(name).filter(|_| !gazetteer::is_known_org(name)))
}

/// A place of the hand lists or of the gazetteer however small ("in
/// Tiberias"): for contexts that need a name to be no place at all.
fn any_place_at_all(name: &str) -> bool {
    is_place(name).is_some() || gazetteer::any_place(name).is_some()
}

/// A given name from the hand list or the census gazetteer; census names
/// that are also English words ("Will", "Rose") count only from the hand list.
fn is_given_name(w: &str) -> bool {
    let known = |w: &str| {
        GIVEN_NAME_SET.contains(w) || gazetteer::given_name(w).is_some_and(|g| !g.is_word)
    };
    // "Jean-Luc", "Anne-Marie": two given names joined.
    // A byte scan first: most words have no hyphen, and this is asked of
    // nearly every capitalised word.
    known(w)
        || w.bytes().position(|b| b == b'-').is_some_and(|at| {
            let (a, b) = (&w[..at], &w[at + 1..]);
            b.chars().next().is_some_and(char::is_uppercase) && known(a) && known(b)
        })
}

/// A word cased as a name: a capital, then lower case, with the inner
/// capitals of "O'Connor", "McDonald", "MacKenzie", "DeSantis" and
/// hyphenated names ("Okonjo-Iweala") allowed.
fn name_cased(w: &str) -> bool {
    if let Some((a, b)) = w.split_once('-') {
        return name_cased(a) && name_cased(b);
    }
    let rest = ["O'", "O’", "Mc", "Mac", "De", "Di", "La", "Le", "Van"]
        .iter()
        .find_map(|p| {
            w.strip_prefix(p)
                .filter(|r| r.chars().next().is_some_and(char::is_uppercase))
        })
        .unwrap_or(w);
    let mut chars = rest.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.all(char::is_lowercase)
}

/// `Ka-ki`, `Jong-un`, `Che-cheung`: a romanised two-syllable East Asian
/// given name, capitalised and hyphenated with a lower-case second syllable.
fn hyphenated_given_name(w: &str) -> bool {
    let Some((a, b)) = w.split_once('-') else {
        return false;
    };
    let short = |x: &str| (1..=6).contains(&x.chars().count());
    short(a)
        && short(b)
        && a.chars().next().is_some_and(char::is_uppercase)
        && a.chars().skip(1).all(char::is_lowercase)
        && b.chars().all(char::is_lowercase)
}

/// Rule 4d, **East Asian name**: a family name first ("Kim Du-yeon",
/// "Leung Kwok-hung"), a short word before a hyphenated given name
/// ("Kwok Ka-ki"), or a two-word name ending in a family name ("Starry
/// Lee", "Baggio Leung").
fn east_asian_name(words: &[&str]) -> bool {
    let family_first = FAMILY_FIRST_SET.contains(words[0]) && words.len() <= 3;
    let hyphen_given = words.len() == 2
        && words[0].chars().count() <= 6
        && !words[0].contains('-')
        && hyphenated_given_name(words[1]);
    let family_last = words.len() == 2 && FAMILY_FIRST_SET.contains(words[1]);
    family_first || hyphen_given || family_last
}

/// `d'Ettorre`, `al-Amr`, `bin-Laden`: a lower-case particle joined to a
/// capitalised name, which continues a run (never starts one).
fn particle_name(w: &str) -> bool {
    const PARTICLES: &[&str] = &[
        "d'", "d’", "l'", "l’", "dell'", "dell’", "al-", "el-", "ad-", "as-", "ash-", "an-",
        "bin-", "ibn-", "ben-", "abu-",
    ];
    PARTICLES.iter().any(|p| {
        w.strip_prefix(p)
            .is_some_and(|rest| rest.chars().next().is_some_and(char::is_uppercase))
    })
}

/// Rule 4e, **unknown name pair**: two or three name-like words, none of
/// them used in lower case anywhere in the document, none a place or an
/// organisation word, the last no English word and the others no English
/// word either unless a given name ("Terry Gross" yes, "Star Wars", "Bat
/// Cave" no), and nothing else to say what they are: a person ("Romelu
/// Lukaku", "Vitas Gerulaitis"). Decided last, in pass B.
fn unknown_name_pair(p: &Para, run: &[usize], vocab: &Vocab) -> bool {
    let t = &p.tokens;
    let last = run.len().saturating_sub(1);
    let in_vocab = |w: &str| with_lower(w, |l| vocab.contains(l));
    // After a given name, the surname may be an English word too ("Terry
    // Gross"), when no word of the run is used in lower case here and no
    // article makes it a thing ("the Rose Garden").
    let given_first = run.first().is_some_and(|&i| {
        let w = t[i].base();
        gazetteer::given_name(w).is_some() && !in_vocab(w)
    }) && run.len() == 2
        && run[0] > 0
        && !matches!(t[run[0] - 1].text, "the" | "a" | "an" | "The" | "A" | "An");
    // "At the Alte Foersterei": people are not named with an article, and
    // here not even before a modifier ("the Alte Foersterei stadium"): a
    // person with a modifier has a given name and another rule.
    (2..=3).contains(&run.len())
        && !after_the(p, run)
        && run.iter().enumerate().all(|(k, &i)| {
            let w = t[i].base();
            let english = with_lower(w, |l| vocab.contains(l) || gazetteer::is_english_word(l));
            name_like(w)
                && name_cased(w)
                && w.chars().count() >= 3
                && is_place(w).is_none()
                && !ORG_WORD_SET.contains(w)
                && (!english
                    || (k < last && gazetteer::given_name(w).is_some() && !in_vocab(w))
                    || (k == last && given_first && !in_vocab(w) && !is_thing_head(w)))
        })
}

/// Rule 0, **person of a body**: 2-4 name-like words that read as a
/// person without context (a given name first, or an East Asian name), as
/// in "Raymond Chan of People Power".
fn person_shaped(p: &Para, run: &[usize]) -> bool {
    let t = &p.tokens;
    // "Dr Felipe Ortega of ...": titles before the name.
    let titles = run.iter().take_while(|&&i| is_title(t[i].text)).count();
    let words: Vec<&str> = run[titles..].iter().map(|&i| t[i].base()).collect();
    // After a title the title says it ("Dr. Hanan Ali of ..."), when no
    // word is an organisation's and the last is no plain English word
    // ("General Electric Company of ..." is a body).
    let titled = titles > 0
        && words.iter().all(|w| !ORG_WORD_SET.contains(w))
        && words.last().is_some_and(|w| {
            !with_lower(w, gazetteer::is_english_word)
                || gazetteer::is_surname_word(w)
                || gazetteer::is_surname(w)
        });
    // Surname particles inside ("Tina van de Flierdt") are no words of
    // their own.
    let particle = |w: &&str| {
        !matches!(*w, "of" | "for" | "and" | "on") && CONNECTORS.contains(w) && words.len() > 2
    };
    let named = words.iter().filter(|w| !particle(w)).count();
    (2..=4).contains(&named)
        && words.iter().all(|w| name_like(w) || particle(w))
        && !particle(&words[0])
        && ((is_given_name(words[0]) && is_place(words[0]).is_none())
            || east_asian_name(&words)
            || titled)
}

const CONNECTORS: &[&str] = &[
    "of", "for", "and", "van", "von", "der", "den", "de", "da", "di", "du", "la", "le", "bin",
    "ibn", "al", "el", "on", "del", "della", "dos", "do", "das",
];
/// Particles that may follow another inside a surname ("von der", "de la").
const SURNAME_PARTICLES: &[&str] = &["der", "den", "de", "la", "los", "las", "del", "van", "von"];
const POSSESSIVE_NOUNS: &[&str] = &["People", "Women", "Children", "Workers", "Veterans", "Men"];

/// Capitalised runs of a paragraph, as token indices (connectors included,
/// dots of initials excluded).
fn runs(p: &Para, vocab: &Vocab, surnames: &Vocab) -> Vec<Vec<usize>> {
    let t = &p.tokens;
    let mut out = Vec::new();
    let mut cur: Vec<usize> = Vec::new();
    let flush = |cur: &mut Vec<usize>, out: &mut Vec<Vec<usize>>| {
        while cur
            .last()
            .is_some_and(|&i| t[i].is_lower() && !particle_name(t[i].text))
        {
            cur.pop();
        }
        if !cur.is_empty() {
            out.push(std::mem::take(cur));
        }
        cur.clear();
    };
    let mut i = 0;
    while i < t.len() {
        let tok = &t[i];
        let capish = tok.is_cap() && !hyphen_adjective(tok.text);
        if capish {
            // Weekdays and months break runs (except "May" after a given name).
            let calendar = CALENDAR_SET.contains(tok.base())
                && !cur
                    .last()
                    .is_some_and(|&j| is_given_name(t[j].text) || is_honorific(t[j].text))
                && !month_as_given_name(t, i);
            if calendar {
                flush(&mut cur, &mut out);
                i += 1;
                continue;
            }
            // A sentence-initial function word never starts a run.
            if cur.is_empty()
                && p.initial[i]
                && droppable_initial(tok, vocab)
                && !surnames.contains(tok.base())
                && !opens_known_name(t, i)
            {
                i += 1;
                continue;
            }
            cur.push(i);
            // "St Aldric's Hospital", "King's College": a possessive before
            // an organisation word stays in the name.
            // Only a saint's or a monarch's name ("King Arthur's Court" is
            // a title of a work, its king a person).
            let saint_or_crown = cur.first().is_some_and(|&j| {
                matches!(t[j].base(), "St" | "Saint" | "Ste")
                    || (j == i && matches!(tok.base(), "King" | "Queen" | "Prince" | "Princess"))
            });
            let head_next = saint_or_crown
                && t.get(i + 1)
                    .is_some_and(|n| n.is_cap() && ORG_WORD_SET.contains(n.base()));
            if tok.is_possessive() && !contains(POSSESSIVE_NOUNS, tok.base()) && !head_next {
                flush(&mut cur, &mut out);
            }
            i += 1;
            continue;
        }
        if !cur.is_empty() {
            // Dot after an initial or an abbreviated title.
            if tok.is_punct('.') && tok.start == t[i - 1].end {
                let prev = t[i - 1].text;
                if ((prev.chars().count() == 1 && t[i - 1].is_cap())
                    || with_lower(prev, |l| HONORIFIC_ABBREVIATION_SET.contains(l)))
                    && t.get(i + 1).is_some_and(|n| n.is_cap())
                {
                    i += 1;
                    continue;
                }
            }
            // A particle joined to a name: "d'Ettorre", "al-Amr".
            if particle_name(tok.text) {
                cur.push(i);
                i += 1;
                continue;
            }
            // "Mary & Leigh Block Museum", "Procter & Gamble".
            if tok.is_punct('&') && t.get(i + 1).is_some_and(|n| n.is_cap()) {
                cur.push(i);
                i += 1;
                continue;
            }
            // "University of North Carolina at Greensboro": a campus.
            if tok.text == "at"
                && cur
                    .iter()
                    .any(|&j| matches!(t[j].base(), "University" | "College"))
                && place_after(p, i)
            {
                cur.push(i);
                i += 1;
                continue;
            }
            if number_inside_a_name(t, &cur, i) {
                cur.push(i);
                i += 1;
                continue;
            }
            if tok.is_lower() && contains(CONNECTORS, tok.text) {
                // Connector chain, optionally "of the" / "for a".
                let mut j = i + 1;
                if matches!(tok.text, "of" | "for")
                    && t.get(j).is_some_and(|n| matches!(n.text, "the" | "a"))
                {
                    j += 1;
                }
                // Particles in a chain: "von der Leyen", "van den Berg",
                // "de la Cruz", "van der Merwe".
                while j < i + 3
                    && t.get(j)
                        .is_some_and(|n| n.is_lower() && contains(SURNAME_PARTICLES, n.text))
                {
                    j += 1;
                }
                if t.get(j)
                    .is_some_and(|n| n.is_cap() && !hyphen_adjective(n.text))
                {
                    cur.extend(i..j);
                    i = j;
                    continue;
                }
            }
        }
        flush(&mut cur, &mut out);
        i += 1;
    }
    flush(&mut cur, &mut out);
    out
}

/// "... at Chapel Hill": a known place of one or two words right after
/// token `i`.
fn place_after(p: &Para, i: usize) -> bool {
    let t = &p.tokens;
    t.get(i + 1).is_some_and(|n| {
        n.is_cap()
            && (is_place(n.base()).is_some()
                || t.get(i + 2)
                    .is_some_and(|m| m.is_cap() && is_place(&p.text[n.start..m.end]).is_some()))
    })
}

/// "Movimento 5 Stelle", "Formula 1 Racing": a number of one or two digits
/// at token `i`, between name words (the run `cur` so far and the next
/// word) that are no known names or dates of their own ("Arsenal 3
/// Chelsea 0" is a score).
fn number_inside_a_name(t: &[Token], cur: &[usize], i: usize) -> bool {
    let tok = &t[i];
    let plain = |w: &Token| {
        !CALENDAR_SET.contains(w.base()) && is_place(w.base()).is_none() && !is_known_org(w.base())
    };
    tok.text.len() <= 2
        && tok.text.bytes().all(|b| b.is_ascii_digit())
        && t.get(i + 1).is_some_and(|n| n.is_cap() && plain(n))
        && cur.iter().all(|&j| plain(&t[j]))
}

/// "Jan Hatzius", "April Ryan": a month that is also a given name, right
/// before a surname-like word (no month, weekday, organisation word, place
/// or number), opens a name instead of breaking the run.
fn month_as_given_name(t: &[Token], i: usize) -> bool {
    is_given_name(t[i].text)
        && t.get(i + 1).is_some_and(|n| {
            n.is_cap()
                && n.start == t[i].end + 1
                && name_like(n.base())
                && !CALENDAR_SET.contains(n.base())
                && is_place(n.base()).is_none()
        })
}

/// Whether the capitalised words from `i` (two or three) are a known place
/// or body as a whole: "North Korea", "New Zealand", "United Nations" open
/// a sentence as names although "north" and "new" are ordinary words.
fn opens_known_name(t: &[Token], i: usize) -> bool {
    // Asked of nearly every sentence's first word: no string is built
    // unless a capitalised word follows.
    if !t
        .get(i + 1)
        .is_some_and(|n| n.is_cap() && n.start == t[i].end + 1)
    {
        return false;
    }
    let mut name = String::from(t[i].text);
    for k in i + 1..(i + 3).min(t.len()) {
        if !t[k].is_cap() || t[k].start != t[k - 1].end + 1 {
            return false;
        }
        name.push(' ');
        let before = name.len();
        name.push_str(t[k].base());
        if is_place(&name).is_some() || is_known_org(&name) {
            return true;
        }
        name.truncate(before);
        name.push_str(t[k].text);
    }
    false
}

/// Last words of given name + capitalised word pairs in the document
/// ("Rick Santorum"): such a word opening a sentence ("Santorum said") is
/// the person's surname even when the document also uses it in lower case
/// (a coined word, or a surname that is an ordinary word).
fn full_name_surnames<'a>(paras: &[Para<'a>]) -> Vocab<'a> {
    let mut out = Vocab::default();
    for p in paras {
        for w in p.tokens.windows(2) {
            if w[0].is_cap()
                && w[1].is_cap()
                && w[1].start == w[0].end + 1
                && is_given_name(w[0].text)
            {
                out.insert(w[1].base());
            }
        }
    }
    out
}

/// Lists of names in a paragraph: runs separated only by a comma, "and",
/// "or" or ", and" ("Ansel Adams, Chuck Close, and Helmut Newton"), three
/// runs at least. Yields (first token of each run, list id); ids count up
/// from `next_id`.
fn name_lists(p: &Para, runs: &[Vec<usize>], next_id: usize) -> Vec<(usize, usize)> {
    let t = &p.tokens;
    let mut out = Vec::new();
    let mut id = next_id;
    let mut group: Vec<usize> = Vec::new();
    let close = |group: &mut Vec<usize>, out: &mut Vec<(usize, usize)>, id: &mut usize| {
        if group.len() >= 3 {
            out.extend(group.iter().map(|&first| (first, *id)));
            *id += 1;
        }
        group.clear();
    };
    for (k, run) in runs.iter().enumerate() {
        let joined = k > 0 && {
            let prev_end = runs[k - 1][runs[k - 1].len() - 1] + 1;
            let between = &t[prev_end.min(run[0])..run[0]];
            let conj = |w: &Token| matches!(w.text, "and" | "or");
            match between {
                [a] => a.is_punct(',') || conj(a),
                [a, b] => a.is_punct(',') && conj(b),
                _ => false,
            }
        };
        if !joined {
            close(&mut group, &mut out, &mut id);
        }
        group.push(run[0]);
    }
    close(&mut group, &mut out, &mut id);
    out
}

/// A sentence-initial capitalised word that is an ordinary word here.
fn droppable_initial(tok: &Token, vocab: &Vocab) -> bool {
    let base = tok.base();
    // An event's or storm's word stays, and keeps the name after it out of
    // the people ("Hurricane Milton slammed ...").
    if is_title(base)
        || is_place(base).is_some()
        || is_known_org(base)
        || contains(EVENT_WORDS, base)
    {
        return false;
    }
    if STOPWORD_SET.contains(base) || STOPWORD_SET.contains(tok.text) {
        return true;
    }
    if is_acronym_shape(base) {
        return false;
    }
    with_lower(base, |l| vocab.contains(l)) && !is_given_name(base)
}

fn span(p: &Para, run: &[usize]) -> (usize, usize) {
    let first = &p.tokens[run[0]];
    let last = &p.tokens[*run.last().unwrap()];
    (first.start, last.base_end())
}

/// Canonical text of tokens: words joined by single spaces, possessive
/// dropped from the last one, initials keeping their dot.
fn join_words(p: &Para, run: &[usize]) -> String {
    // Never longer than the run's span plus a dot per word: one allocation.
    let span_len = match (run.first(), run.last()) {
        (Some(&first), Some(&last)) => p.tokens[last].end - p.tokens[first].start,
        _ => 0,
    };
    let mut s = String::with_capacity(span_len + run.len());
    for (k, &i) in run.iter().enumerate() {
        if k > 0 {
            s.push(' ');
        }
        let tok = &p.tokens[i];
        if k + 1 == run.len() {
            s.push_str(tok.base());
        } else {
            s.push_str(tok.text);
        }
        if p.tokens
            .get(i + 1)
            .is_some_and(|n| n.is_punct('.') && n.start == tok.end)
            && tok.text.chars().count() == 1
            && k + 1 < run.len()
        {
            s.push('.');
        }
    }
    s
}

/// A speech verb: the lexicon is [`super::speech`].
pub(crate) fn speech_verb(w: &str) -> bool {
    super::speech::is_speech_verb(w)
}

/// Role from the words before a name: `Pentagon spokesman`, `Russian
/// President`, `South Korea's UN ambassador`. `end` is the token index
/// right after the role (the first title-or-name token not in the role).
fn role_before(p: &Para, end: usize) -> Option<String> {
    let t = &p.tokens;
    let mut i = end;
    let mut start = end;
    while i > 0 {
        let tok = &t[i - 1];
        if !tok.word {
            break;
        }
        let ok = if tok.is_cap() {
            !STOPWORD_SET.contains(tok.base())
                || DEMONYM_SET.contains(tok.base())
                || matches!(tok.base(), "North" | "South" | "East" | "West" | "New")
        } else {
            is_role_noun(tok.text)
                || ROLE_MODIFIER_SET.contains(tok.text)
                || tok.text.contains('-') && is_role_noun(tok.text.rsplit('-').next().unwrap_or(""))
        };
        if !ok {
            break;
        }
        if p.initial[i - 1]
            && tok.is_cap()
            && STOPWORD_SET.contains(tok.base())
            && !matches!(tok.base(), "North" | "South" | "East" | "West" | "New")
        {
            break;
        }
        i -= 1;
        start = i;
    }
    // Trailing honorifics are not part of the role.
    let mut stop = end;
    while stop > start && is_honorific(t[stop - 1].text) {
        stop -= 1;
    }
    if start >= stop {
        return None;
    }
    let has_role = (start..stop)
        .any(|k| OFFICE_TITLE_SET.contains(t[k].base()) || with_lower(t[k].text, is_role_noun));
    if !has_role {
        return None;
    }
    Some(spell_out_titles(&p.text[t[start].start..t[stop - 1].end]))
}

/// Abbreviated titles and their full forms, for roles: "Sen" is no role a
/// reader should see ("Sen. Ada Lind" is a senator).
const TITLE_ABBREVIATIONS: &[(&str, &str)] = &[
    ("Sen", "Senator"),
    ("Rep", "Representative"),
    ("Gov", "Governor"),
    ("Lt", "Lieutenant"),
    ("Gen", "General"),
    ("Col", "Colonel"),
    ("Capt", "Captain"),
    ("Sgt", "Sergeant"),
    ("Maj", "Major"),
    ("Adm", "Admiral"),
    ("Cmdr", "Commander"),
    ("Supt", "Superintendent"),
    ("Insp", "Inspector"),
    ("Det", "Detective"),
    ("Pres", "President"),
    ("Atty", "Attorney"),
    ("Cllr", "Councillor"),
    ("Amb", "Ambassador"),
];

/// A role with its abbreviated titles spelled out ("Republican Sen" is
/// "Republican Senator").
fn spell_out_titles(role: &str) -> String {
    if !role
        .split(' ')
        .any(|w| TITLE_ABBREVIATIONS.iter().any(|&(a, _)| a == w))
    {
        return role.to_string();
    }
    role.split(' ')
        .map(|w| {
            TITLE_ABBREVIATIONS
                .iter()
                .find(|&&(a, _)| a == w)
                .map_or(w, |&(_, full)| full)
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// `Name, a professor of X at Y,` -> "professor of X at Y".
fn appositive_role(p: &Para, last: usize) -> Option<String> {
    let t = &p.tokens;
    let comma = t.get(last + 1)?;
    if !comma.is_punct(',') {
        return None;
    }
    let mut k = last + 2;
    while t
        .get(k)
        .is_some_and(|w| matches!(w.text, "a" | "an" | "the"))
    {
        k += 1;
    }
    let first = k;
    let mut has_role = false;
    let mut end = k;
    while let Some(w) = t.get(k) {
        if !w.word {
            if matches!(
                w.text,
                "," | "." | ";" | ")" | "—" | "–" | "\"" | "“" | "”" | ":"
            ) {
                break;
            }
            // Inner punctuation such as hyphens or brackets.
            k += 1;
            continue;
        }
        if k - first < 6 && with_lower(w.text, is_role_noun) {
            has_role = true;
        }
        if w.is_lower() && (speech_verb(w.text) || matches!(w.text, "who" | "which" | "that")) {
            return None;
        }
        end = k;
        k += 1;
        if k - first > 24 {
            return None;
        }
    }
    if !has_role || end < first {
        return None;
    }
    Some(p.text[t[first].start..t[end].end].to_string())
}

/// Whether the run is the subject of a speech verb ("X said", "X, a ...,
/// said", "said X").
fn speech_subject(p: &Para, run: &[usize]) -> bool {
    let t = &p.tokens;
    let last = *run.last().unwrap();
    let mut k = last + 1;
    while t
        .get(k)
        .is_some_and(|w| matches!(w.text, "also" | "has" | "had" | "later" | "then"))
    {
        k += 1;
    }
    if t.get(k).is_some_and(|w| speech_verb(w.text)) {
        return true;
    }
    let first = run[0];
    // A credit after a quotation (`"..." — X`) or "attributed to X",
    // "according to X": the speaker's slot.
    if first >= 2 {
        let (a, b) = (&t[first - 2], &t[first - 1]);
        let closing_mark = matches!(a.text, "\"" | "”" | "’" | "." | "!" | "?");
        if (b.is_punct('—') || b.is_punct('–')) && closing_mark {
            return true;
        }
        if b.text == "to" && matches!(a.text, "attributed" | "according") {
            return true;
        }
    }
    // "said X", "said harbourmaster X": up to three lower-case words between.
    let mut k = first;
    for _ in 0..4 {
        if k == 0 || !t[k - 1].is_lower() {
            return false;
        }
        if speech_verb(t[k - 1].text) {
            // "Tuchel told Sky", "she asked Ada Lind": after a subject and
            // a verb that takes a listener, the name is the one spoken to;
            // right after a quotation ("'Why?' asked Ada Lind") it speaks.
            let after_subject = k >= 2 && t[k - 2].word;
            return !(after_subject && super::speech::is_listener_verb(t[k - 1].text));
        }
        if matches!(
            t[k - 1].text,
            "that" | "and" | "the" | "a" | "to" | "of" | "in" | "on" | "at" | "by" | "for" | "with"
        ) {
            return false;
        }
        k -= 1;
    }
    false
}

/// One capitalised run as the classifier rules see it.
struct RunCx<'c, 'a> {
    pi: usize,
    p: &'c Para<'a>,
    /// Token indices of the run (a leading "The" dropped).
    run: Vec<usize>,
    /// Its words without possessives.
    words: Vec<&'a str>,
    /// Its canonical text ([`join_words`]).
    text: String,
    vocab: &'c Vocab<'a>,
    /// Every word reads as part of a name (worked out once: most rules ask).
    all_namey: bool,
}

impl RunCx<'_, '_> {
    fn cand(
        &self,
        kind: EntityKind,
        name: String,
        evidence: Evidence,
        role: Option<String>,
    ) -> Cand {
        let (start, end) = span(self.p, &self.run);
        Cand {
            kind,
            name,
            evidence,
            para: self.pi,
            start,
            end,
            role,
            aliases: vec![],
            rule: "",
        }
    }

    /// 1-4 words, each capitalised: the shape the context rules for a
    /// body's name need.
    fn body_sized(&self) -> bool {
        (1..=4).contains(&self.run.len()) && self.run.iter().all(|&i| self.p.tokens[i].is_cap())
    }

    /// The whole run as an organisation named in full, with the acronym
    /// in parentheses after it as an alias ("Movimento 5 Stelle (M5S)").
    fn body(&self) -> Cand {
        let mut c = self.cand(
            EntityKind::Organization,
            self.text.clone(),
            Evidence::Full,
            None,
        );
        c.aliases = parenthesised_acronym(self.p, self.run[self.run.len() - 1])
            .into_iter()
            .collect();
        c
    }

    /// Every word reads as part of a name (connectors and initials allowed).
    fn all_namey(&self) -> bool {
        self.all_namey
    }

    /// Whether the run has the size of a person's name: 2-4 words besides
    /// particles ("Luiz Inácio Lula da Silva" is four).
    fn person_sized(&self) -> bool {
        person_sized(self.p.tokens, &self.run, 2)
    }
}

/// `min`-4 words besides lower-case particles, and at most seven in all:
/// particles do not make a name longer ("Luiz Inácio Lula da Silva"); a
/// body's connector is no particle ("Troy Patterson of Slate Magazine").
fn person_sized(t: &[Token], run: &[usize], min: usize) -> bool {
    // "al-Amr", "d'Ettorre" are a surname each, though they start in lower
    // case; "van", "de" on their own are not counted.
    let words = run
        .iter()
        .filter(|&&i| !t[i].is_lower() || particle_name(t[i].text))
        .count();
    // "Florida Power & Light", "Marks & Spencer": an ampersand joins
    // a body's names, never a person's.
    (min..=4).contains(&words)
        && run.len() <= 7
        && !run.iter().any(|&i| t[i].is_punct('&'))
        && (run.len() <= 4
            || !run
                .iter()
                .any(|&i| matches!(t[i].text, "of" | "for" | "and" | "on")))
}

/// A classifier rule: true when it decided the run (candidates pushed, or
/// the run split and its parts classified).
type RunRule = fn(&RunCx, &mut Vec<Cand>, &mut Vec<Deferred>) -> bool;

/// The classifier rules, in order (the module doc lists them): the first
/// that decides wins. Each has the confidence its candidates carry.
const RUN_RULES: &[(&str, f32, RunRule)] = &[
    ("person_of_body", 0.85, person_of_body),
    ("coordination", 0.85, coordination),
    ("name_of_a_thing", 0.0, name_of_a_thing),
    ("heading_known_names", 0.9, heading_known_names),
    ("person_by_title", 0.95, person_by_title),
    ("organisation_word", 0.9, organisation_word),
    (
        "name_before_a_known_acronym",
        0.85,
        name_before_a_known_acronym,
    ),
    ("media_head", 0.85, media_head),
    ("region_word", 0.9, region_word),
    ("region_noun_after", 0.9, region_noun_after),
    ("city_of", 0.9, city_of),
    ("team_in_a_result", 0.8, team_in_a_result),
    ("feature_place", 0.85, feature_place_rule),
    ("sports_club", 0.8, sports_club),
    ("compass_before_place", 0.9, compass_before_place),
    ("compass_after_place", 0.9, compass_after_place),
    ("known_name", 0.95, known_name),
    ("body_in_a_country", 0.85, body_in_a_country),
    ("place_before_its_region", 0.85, place_before_its_region),
    ("company_after_stake", 0.8, company_after_stake),
    (
        "organisation_after_role_at",
        0.8,
        organisation_after_role_at,
    ),
    (
        "organisation_in_a_kind_list",
        0.8,
        organisation_in_a_kind_list,
    ),
    ("place_after_locative", 0.8, place_after_locative),
    ("person_by_role_noun", 0.85, person_by_role_noun),
    ("person_after_role_comma", 0.85, person_after_role_comma),
    (
        "organisation_by_apposition",
        0.8,
        organisation_by_apposition,
    ),
    ("person_by_appositive", 0.9, person_by_appositive),
    ("organisation_by_speech", 0.75, organisation_by_speech),
    (
        "organisation_in_another_language",
        0.8,
        organisation_in_another_language,
    ),
    ("person_by_speech", 0.8, person_by_speech),
    ("person_by_given_name", 0.75, person_by_given_name),
    ("person_by_family_name", 0.7, person_by_family_name),
    ("single_word_speaker", 0.6, single_word_speaker),
    // Decides nothing itself: what it keeps is `known_name`'s, or pass B's.
    ("undecided", 0.0, undecided),
];

/// The confidence a rule gives its candidates (0 for an unknown name).
pub fn rule_confidence(rule: &str) -> f32 {
    RUN_RULES
        .iter()
        .map(|&(n, c, _)| (n, c))
        .chain(PASS_B_RULES.iter().map(|&(n, c, _)| (n, c)))
        .find(|&(n, _)| n == rule)
        .map_or(0.0, |(_, c)| c)
}

/// Classifies one run into candidates; unresolved runs are deferred.
fn classify(
    pi: usize,
    p: &Para,
    run: &[usize],
    vocab: &Vocab,
    cands: &mut Vec<Cand>,
    deferred: &mut Vec<Deferred>,
) {
    let t = &p.tokens;
    let mut run: Vec<usize> = run.to_vec();
    // Leading "The" anywhere.
    // Leading "The", and a connector left by a split ("and Frederick Fung").
    while run.len() > 1 && (matches!(t[run[0]].text, "The" | "A" | "An") || t[run[0]].is_lower()) {
        run.remove(0);
    }
    let all_namey = run.iter().all(|&i| {
        name_like(t[i].base())
            || (t[i].is_lower() && contains(CONNECTORS, t[i].text))
            || t[i].text.chars().count() == 1
    });
    let cx = RunCx {
        pi,
        p,
        words: run.iter().map(|&i| t[i].base()).collect(),
        text: join_words(p, &run),
        run,
        vocab,
        all_namey,
    };
    for &(name, _, rule) in RUN_RULES {
        let (c0, d0) = (cands.len(), deferred.len());
        if rule(&cx, cands, deferred) {
            // Parts classified by a nested call keep their own rule.
            let unnamed = cands[c0..]
                .iter_mut()
                .chain(deferred[d0..].iter_mut().flat_map(|d| d.2.iter_mut()));
            for c in unnamed.filter(|c| c.rule.is_empty()) {
                c.rule = name;
            }
            return;
        }
    }
}

/// "Raymond Chan of People Power": a person, then the body.
fn person_of_body(cx: &RunCx, cands: &mut Vec<Cand>, deferred: &mut Vec<Deferred>) -> bool {
    let (t, run, p) = (&cx.p.tokens, &cx.run, cx.p);
    let Some(of) = run
        .iter()
        .position(|&i| t[i].text == "of")
        .filter(|_| !p.heading_like)
    else {
        return false;
    };
    if !person_shaped(p, &run[..of]) {
        return false;
    }
    classify(cx.pi, p, &run[..of], cx.vocab, cands, deferred);
    let mut rest = of + 1;
    while rest < run.len() && t[run[rest]].is_lower() {
        rest += 1;
    }
    if rest < run.len() {
        classify_body(cx.pi, p, &run[rest..], cx.vocab, cands, deferred);
    }
    true
}

/// Coordinated names ("Eugene Burger and Michael Skinner"): a run with
/// "and" but no organisation word is two names ("Department of Earth and
/// Planetary Sciences" keeps its "and").
fn coordination(cx: &RunCx, cands: &mut Vec<Cand>, deferred: &mut Vec<Deferred>) -> bool {
    let (t, run) = (&cx.p.tokens, &cx.run);
    let Some(a) = run.iter().position(|&i| t[i].text == "and") else {
        return false;
    };
    let known = is_known_org(&cx.text) || is_place(&cx.text).is_some();
    // "Minister for Immigration and Citizenship Chris Bowen": the "and" is
    // inside an office's complement, for `person_by_title`.
    let office_complement =
        is_title(t[run[0]].text) && run[1..a].first().is_some_and(|&i| t[i].is_lower());
    if a == 0
        || a + 1 >= run.len()
        || known
        || office_complement
        || names_a_thing(cx)
        || run.iter().any(|&i| ORG_WORD_SET.contains(t[i].base()))
    {
        return false;
    }
    classify(cx.pi, cx.p, &run[..a], cx.vocab, cands, deferred);
    classify(cx.pi, cx.p, &run[a + 1..], cx.vocab, cands, deferred);
    true
}

/// Last words of the names of laws, treaties, plans, prizes and diseases:
/// a run ending in one names that thing, not who or where it is named
/// after ("Paris Agreement", "CHIPS and Science Act", "Nobel Prize").
const LAW_AND_PRIZE_HEADS: &[&str] = &[
    "Act",
    "Treaty",
    "Accord",
    "Accords",
    "Agreement",
    "Doctrine",
    "Protocol",
    "Declaration",
    "Amendment",
    "Plan",
    "Prize",
    "Award",
    "Awards",
    "Medal",
    "Cup",
    "Trophy",
    "Index",
    "Syndrome",
    "Disease",
    "Manifesto",
];
static LAW_AND_PRIZE_HEAD_SET: WordSet = WordSet::new(LAW_AND_PRIZE_HEADS);

/// Whether the run is the name of a law, treaty, plan, prize or disease:
/// two words or more, the last such a head, and not a known body's name.
fn names_a_thing(cx: &RunCx) -> bool {
    cx.words.len() >= 2
        && LAW_AND_PRIZE_HEAD_SET.contains(cx.words[cx.words.len() - 1])
        && !is_known_org(&cx.text)
}

/// "the Paris Agreement", "the CHIPS and Science Act", "the Nobel Prize":
/// the name of a law, treaty, plan, prize or disease names no person,
/// body or place, not even the one inside it. Decides, with no candidate.
fn name_of_a_thing(cx: &RunCx, _: &mut Vec<Cand>, _: &mut Vec<Deferred>) -> bool {
    names_a_thing(cx)
}

/// Headings only name what is recognisable without context.
fn heading_known_names(cx: &RunCx, cands: &mut Vec<Cand>, _: &mut Vec<Deferred>) -> bool {
    if !cx.p.heading_like {
        return false;
    }
    let from = cands.len();
    known_parts(cx.pi, cx.p, &cx.run, cands);
    for c in &mut cands[from..] {
        c.rule = "heading_known_names";
    }
    true
}

/// A title inside the run or before the name ("Russian President Vladimir Putin").
fn person_by_title(cx: &RunCx, cands: &mut Vec<Cand>, deferred: &mut Vec<Deferred>) -> bool {
    let (t, run, p, pi) = (&cx.p.tokens, &cx.run, cx.p, cx.pi);
    let Some(k) = (0..run.len()).rev().find(|&k| is_title(t[run[k]].text)) else {
        return false;
    };
    let mut name_start = k + 1;
    // "Secretary of State Antony Blinken": skip the office's complement, at
    // least one word of it ("Director of Media" names nobody).
    if name_start < run.len() && t[run[name_start]].is_lower() {
        while name_start < run.len() && t[run[name_start]].is_lower() {
            name_start += 1;
        }
        name_start += 1;
        // The complement may join two fields with "and" ("for Immigration
        // and Citizenship"); two words are left for the name.
        while run.len().saturating_sub(name_start) > 2
            && (t[run[name_start]].is_cap() || t[run[name_start]].text == "and")
        {
            name_start += 1;
        }
    }
    let name_run: Vec<usize> = run[name_start.min(run.len())..].to_vec();
    // Titles before the name: any office title makes a role.
    let honorific_only = run[..name_start.min(run.len())]
        .iter()
        .all(|&i| is_honorific(t[i].text) || t[i].is_lower());
    // After a title read from its suffix alone ("-ist", "-ician") or an
    // office's complement, one English word is what the title describes
    // ("Communist Manifesto", "Director of Media Relations"), not a person;
    // a listed title right before it keeps it ("President Bush").
    let title_word = t[run[k]].text;
    let listed = OFFICE_TITLE_SET.contains(title_word) || HONORIFIC_SET.contains(title_word);
    let after_complement = name_start > k + 1;
    let common_word = |i: usize| {
        let w = t[i].base();
        with_lower(w, gazetteer::is_english_word) && !is_given_name(w)
    };
    // A title read from its suffix before English words only: "Rationalist
    // Atheists and Agnostics" is a body's name, not a person.
    let words_only = !listed && name_run.iter().all(|&i| t[i].is_lower() || common_word(i));
    // A name opens with a name or a particle ("de Gaulle"), never with the
    // "for" or "of" of a body's name ("Chairman of the Centre for Control
    // of ...").
    let opens_with_connector = name_run
        .first()
        .is_some_and(|&i| matches!(t[i].text, "of" | "for" | "and" | "on"));
    let ok = !name_run.is_empty()
        && !opens_with_connector
        && person_sized(t, &name_run, 1)
        && name_run
            .iter()
            .all(|&i| name_like(t[i].base()) || t[i].is_lower() || t[i].text.chars().count() == 1)
        && !(name_run.len() == 1
            && !honorific_only
            && (!listed || after_complement)
            && common_word(name_run[0]))
        && !words_only
        && is_place(&join_words(p, &name_run)).is_none();
    if !ok {
        return false;
    }
    let title_end = run[k] + 1;
    let last = name_run[name_run.len() - 1];
    let role = role_before(p, title_end).or_else(|| appositive_role(p, last));
    // Other entities among the words before the title (US, Pentagon).
    let mut title_start = k;
    while title_start > 0 && is_title(t[run[title_start - 1]].text) {
        title_start -= 1;
    }
    if title_start > 0 {
        let before = &run[..title_start];
        let found = cands.len();
        known_parts(pi, p, before, cands);
        // "Ryanair chief executive Ada Lind": name words that are no
        // place, no person's and not all English words ("Health Minister"),
        // before an office title, are the body the office is in.
        if cands.len() == found && body_before_office(p, before, t[run[k]].text) {
            cands.push(body_cand(pi, p, before, join_words(p, before)));
        }
    }
    // "CEO of the Refugee Council Enver Solomon": the office's complement
    // is a body of its own (what the rules make of it).
    if after_complement {
        let mut from = k + 1;
        while from < name_start && t[run[from]].is_lower() {
            from += 1;
        }
        let complement = &run[from..name_start.min(run.len())];
        let known = complement.len() == 1
            && (is_place(t[complement[0]].base()).is_some()
                || is_known_org(t[complement[0]].base()));
        if complement.len() >= 2 || known {
            classify(pi, p, complement, cx.vocab, cands, deferred);
        }
    }
    let single = name_run.len() == 1;
    let (start, end) = if single && honorific_only {
        let mut hs = k;
        while hs > 0 && is_honorific(t[run[hs - 1]].text) {
            hs -= 1;
        }
        (t[run[hs]].start, t[last].base_end())
    } else if single {
        // "President Putin": mention is the surname with its title.
        (t[run[k]].start, t[last].base_end())
    } else {
        span(p, &name_run)
    };
    cands.push(Cand {
        kind: EntityKind::Person,
        name: join_words(p, &name_run),
        evidence: if single {
            Evidence::Surname
        } else {
            Evidence::Full
        },
        para: pi,
        start,
        end,
        role,
        aliases: vec![],
        rule: "",
    });
    true
}

/// Whether the words `before` an office title name the body the office
/// is in ("Ryanair chief executive", "Velmora spokeswoman"): 1-3
/// capitalised name words, no place, demonym or given name among them,
/// not all of them English words, and the title no honorific ("Dr").
fn body_before_office(p: &Para, before: &[usize], title: &str) -> bool {
    let t = &p.tokens;
    let words: Vec<&str> = before.iter().map(|&i| t[i].base()).collect();
    (1..=3).contains(&words.len())
        && !is_honorific(title)
        && before
            .iter()
            .all(|&i| t[i].is_cap() && !t[i].is_possessive())
        && words.iter().all(|w| {
            name_like(w)
                && is_place(w).is_none()
                && !DEMONYM_SET.contains(w)
                && !is_given_name(w)
                && !is_title(w)
        })
        && words.iter().any(|w| !with_lower(w, ordinary_word))
        && is_place(&join_words(p, before)).is_none()
}

/// Where a trailing "of the COUNTRY" starts in `run[from..]`: the
/// country as an acronym or one known place ending the run, after "of
/// the", and either not the complement's first "of" or after a head that
/// has name words before it ("Communist Party of the Soviet Union" keeps
/// its complement: no acronym, and its first "of").
fn country_tail(p: &Para, run: &[usize], from: usize, named_before_head: bool) -> Option<usize> {
    let t = &p.tokens;
    let n = run.len();
    // "of the X": the shortest tail is three tokens.
    if n < from + 3 {
        return None;
    }
    let of = n - 3;
    if t[run[of]].text != "of" || t[run[of + 1]].text != "the" {
        return None;
    }
    let country = t[run[n - 1]].base();
    let acronym = COUNTRY_ACRONYM_MAP.get(country).is_some();
    let first_of = run[from..of].iter().all(|&i| !t[i].is_lower());
    (acronym && (named_before_head || !first_of)).then_some(of)
}

/// Whether a run with an organisation word and "and" at `a` names two
/// bodies: the part before has no organisation word, unless both sides
/// are ordinary words or names sharing one head.
fn two_bodies_at_and(cx: &RunCx, a: usize) -> bool {
    let (t, run, vocab) = (&cx.p.tokens, &cx.run, cx.vocab);
    let has_org_word = |part: &[usize]| part.iter().any(|&j| ORG_WORD_SET.contains(t[j].base()));
    // Two bodies ("MIT and Colorado State University") when the part
    // after "and" ends in an organisation head of its own, not a field
    // ("Center for Strategic and International Studies" is one).
    // The head is the last word, or the last before an "of the
    // US" complement ("Colorado State University of the US").
    let has_org_head = |part: &[usize]| {
        let is_head =
            |j: &usize| ORG_WORD_SET.contains(t[*j].base()) && !contains(FIELD_WORDS, t[*j].base());
        let before_complement = part
            .iter()
            .position(|&j| t[j].is_lower())
            .map_or(part, |of| &part[..of]);
        part.last().is_some_and(is_head) || before_complement.last().is_some_and(is_head)
    };
    // ... unless the words before that head are generic: "Museum and
    // Art Gallery", "Police and Fire Department" are one body.
    let generic = |part: &[usize]| {
        part.iter().all(|&j| {
            ORG_WORD_SET.contains(t[j].base())
                || contains(FIELD_WORDS, t[j].base())
                || contains(GENERIC_BODY_WORDS, t[j].base())
        })
    };
    let after = &run[a + 1..];
    // "Food and Drug Administration", "Disaster and Emergency Agency":
    // ordinary words on both sides of "and" name no body of their own
    // ("Apple and Samsung Electronics" are two).
    let ordinary = |part: &[usize]| {
        part.iter().all(|&j| {
            !is_acronym_shape(t[j].base())
                && with_lower(t[j].base(), gazetteer::is_english_word)
                && is_place(t[j].base()).is_none()
                && !is_given_name(t[j].base())
        })
    };
    // "Fermanagh and Omagh District Council", "Trinidad and Tobago
    // Football Association": two places (or unknown names) sharing one
    // body's head, or a firm's name and its head ("Corvin and
    // Partners"); a body, a person or an English word before "and"
    // stays apart ("Apple and Samsung Electronics").
    let bare_name = |j: usize| {
        let w = t[j].base();
        !is_known_org(w)
            && !is_given_name(w)
            && !is_acronym_shape(w)
            && !with_lower(w, |l| vocab.contains(l) || gazetteer::is_english_word(l))
    };
    // One name before "and", not in a list ("Harbour Bank, Qorvath
    // Lindeberg and Velmora Group" are three bodies).
    let in_list = run[0] > 0 && t[run[0] - 1].is_punct(',');
    let shared_head = a == 1
        && !in_list
        && bare_name(run[0])
        && (after.len() == 1
            || after
                .first()
                .is_some_and(|&j| bare_name(j) && !ORG_WORD_SET.contains(t[j].base())));
    let before = &run[..a];
    let one_body = !has_org_word(before)
        && ((ordinary(before) && after.first().is_some_and(|&j| ordinary(&[j]))) || shared_head)
        && has_org_head(after);
    !one_body && (!has_org_word(before) || (has_org_head(after) && !generic(after)))
}

/// An organisation word in the run (Center, University, Ministry, ...):
/// cut after the last one plus an "of/for ..." complement.
fn organisation_word(cx: &RunCx, cands: &mut Vec<Cand>, deferred: &mut Vec<Deferred>) -> bool {
    let (t, run, p, pi, vocab) = (&cx.p.tokens, &cx.run, cx.p, cx.pi, cx.vocab);
    // A company's head inside another head's complement is a field, not
    // the head: "Ministry of Energy and Mines", "Department of Energy".
    let complement_at = run.iter().position(|&i| matches!(t[i].text, "of" | "for"));
    let org_pos = (0..run.len()).rev().find(|&k| {
        let w = t[run[k]].base();
        let in_complement = complement_at.is_some_and(|c| c < k);
        ORG_WORD_SET.contains(w) && (contains(names::ORG_WORDS, w) || !in_complement)
    });
    let Some(k) = org_pos.filter(|_| is_place(&cx.text).is_none()) else {
        return false;
    };
    // "International Rivers, a California-based advocacy group": the
    // appositive says the whole run is one body.
    if org_appositive(p, run[run.len() - 1]) && run.iter().all(|&i| t[i].is_cap()) {
        cands.push(cx.cand(
            EntityKind::Organization,
            cx.text.clone(),
            Evidence::Full,
            None,
        ));
        return true;
    }
    // "O'Hare International Airport", "Central Bus Station": a facility
    // named by its last word is a place (`feature_place`), but not a
    // feature in the body's complement ("Catholic Charities of the Rio
    // Grande Valley" is the body of a region).
    let last_word = cx.words[cx.words.len() - 1];
    let feature_in_complement = run[k + 1..].iter().any(|&i| t[i].text == "of");
    if k + 1 < run.len()
        && contains(FEATURE_HEADS, last_word)
        && !ORG_WORD_SET.contains(last_word)
        && !feature_in_complement
    {
        return false;
    }
    // Split at "and" into two bodies, or keep one.
    if let Some(a) = (0..run.len()).find(|&a| t[run[a]].text == "and") {
        if two_bodies_at_and(cx, a) {
            classify(pi, p, &run[..a], vocab, cands, deferred);
            classify(pi, p, &run[a + 1..], vocab, cands, deferred);
            return true;
        }
    }
    // "Fernando Cheung of the Labour Party": a person, then the body.
    if let Some(of) = run.iter().position(|&i| t[i].text == "of") {
        let before = &run[..of];
        // A given name first, or a role right before the run ("opposition
        // leader Yoshihiko Noda of the ... Party").
        let role_before =
            run[0] > 0 && t[run[0] - 1].is_lower() && is_role_noun(t[run[0] - 1].text);
        let person_first = (2..=4).contains(&before.len())
            && (is_given_name(t[before[0]].base()) || role_before)
            && before
                .iter()
                .all(|&i| name_like(t[i].base()) && !ORG_WORD_SET.contains(t[i].base()));
        // "Chairman of the Refugee Council": the title is a role, not a name.
        let title_first = !before.is_empty() && before.iter().all(|&i| is_title(t[i].text));
        if person_first || title_first {
            if person_first {
                classify(pi, p, before, vocab, cands, deferred);
            }
            let mut rest = of + 1;
            while rest < run.len() && t[run[rest]].is_lower() {
                rest += 1;
            }
            if rest < run.len() {
                classify(pi, p, &run[rest..], vocab, cands, deferred);
            }
            return true;
        }
    }
    let mut end = k + 1;
    // "Irving Independent School District": a district that a school or
    // hospital board runs is the body's own last word.
    if end < run.len()
        && t[run[end]].base() == "District"
        && matches!(t[run[k]].base(), "School" | "Hospital")
    {
        end += 1;
    }
    // Keep an "of/for X" complement.
    if end < run.len() && t[run[end]].is_lower() && t[run[end]].text != "and" {
        end = run.len();
        // ... but not a country the body is in, after a name that is
        // whole without it: "Colorado State University of the US",
        // "University of Sheffield of the UK".
        let named_before_head = run[..k].iter().any(|&i| t[i].is_cap());
        if let Some(of) = country_tail(p, run, k + 1, named_before_head) {
            end = of;
        }
        // ... nor a name after the places of the complement: "University
        // of Texas Arlington Amneh Jafari said" is the body and a person.
        if let Some(cut) = name_after_complement_places(p, run, k + 1) {
            end = cut;
        }
    }
    // "Peace Research Institute Oslo": a place right after the head, with
    // no comma and nothing after it, is the seat in the body's name.
    if (1..=2).contains(&(run.len() - end))
        && ORG_HEAD_WITH_SEAT.contains(&t[run[k]].base())
        && is_place(&join_words(p, &run[end..])).is_some()
    {
        end = run.len();
    }
    let mut start = 0;
    // A demonym or place in front is part of an org name ("Russian
    // Defence Ministry"), but a lone org word is too vague.
    while start < k && (t[run[start]].is_lower()) {
        start += 1;
    }
    let org_run: Vec<usize> = run[start..end].to_vec();
    let org_name = join_words(p, &org_run);
    // "the West Bank and Gaza": a part split off that is a known place.
    if let Some(place) = is_place(&org_name) {
        cands.push(place_cand(pi, p, &org_run, place.to_string()));
        if end < run.len() {
            classify(pi, p, &run[end..], vocab, cands, deferred);
        }
        return true;
    }
    let caps = org_run.iter().filter(|&&i| t[i].is_cap()).count();
    if caps < 2 && !is_known_org(&org_name) {
        return false;
    }
    cands.push(body_cand(pi, p, &org_run, org_name));
    if end < run.len() {
        classify(pi, p, &run[end..], vocab, cands, deferred);
    }
    true
}

/// Where a name starts after the places of a body's complement: the
/// complement (from `from`, at "of") names known places only, then 2-3
/// name words follow that are no place, body word or English word
/// ("University of Texas Arlington Amneh Jafari"). None when the run ends
/// with the places.
fn name_after_complement_places(p: &Para, run: &[usize], from: usize) -> Option<usize> {
    let t = &p.tokens;
    let mut m = from;
    while m < run.len() && t[run[m]].is_lower() {
        m += 1;
    }
    let places_from = m;
    while m < run.len() && is_place(t[run[m]].base()).is_some() {
        m += 1;
    }
    let rest = &run[m..];
    let name_words = rest.iter().all(|&i| {
        let w = t[i].base();
        t[i].is_cap()
            && name_like(w)
            && is_place(w).is_none()
            && !ORG_WORD_SET.contains(w)
            && !with_lower(w, ordinary_word)
    });
    (m > places_from && (2..=3).contains(&rest.len()) && name_words).then_some(m)
}

/// Words that make a known place into a club: "Manchester United",
/// "Blackburn Rovers", "Boston Celtics" (a plural name after a place, see
/// [`sports_club`]), "Real Madrid", "Bayern Munich".
const CLUB_AFTER_PLACE: &[&str] = &[
    "United",
    "City",
    "Rovers",
    "Wanderers",
    "Athletic",
    "Albion",
    "Hotspur",
    "FC",
    "Town",
    "County",
];
const CLUB_BEFORE_PLACE: &[&str] = &[
    "Real",
    "Bayern",
    "Inter",
    "AC",
    "FC",
    "Dynamo",
    "Sporting",
    "Union",
    "Eintracht",
    "Borussia",
    "Hertha",
    "Werder",
    "Fortuna",
    "Bayer",
    "Olympique",
    "Atletico",
    "Racing",
];
/// Plural words after a place that name no club: agreements, events and
/// features ("Paris Accords", "Niagara Falls").
const NO_CLUB_PLURALS: &[&str] = &[
    "Accords",
    "Agreements",
    "Conventions",
    "Talks",
    "Games",
    "Islands",
    "Heights",
    "Falls",
    "Springs",
    "Hills",
    "Lakes",
    "Mountains",
    "Gardens",
    "Fields",
    "Towers",
    "Protests",
    "Riots",
    "Trials",
    "Rules",
    "Times",
    "News",
    "Papers",
    "Files",
    "Studios",
    "Hospitals",
    "Schools",
];

/// "Manchester United", "Real Madrid", "Boston Celtics": a known place
/// with a club word after or before it, or with one plural name after it,
/// is a club, not the place (unless the whole is a place: "Mexico City").
fn sports_club(cx: &RunCx, cands: &mut Vec<Cand>, _: &mut Vec<Deferred>) -> bool {
    let w = &cx.words;
    if w.len() < 2 || w.len() > 4 {
        return false;
    }
    let (first, tail) = (w[0], w[w.len() - 1]);
    // Most runs have neither shape: decided before any string is built.
    let plural_shape = tail.len() > 3 && tail.ends_with('s') && !tail.ends_with("ss");
    if !(plural_shape || contains(CLUB_AFTER_PLACE, tail) || contains(CLUB_BEFORE_PLACE, first))
        || is_place(&cx.text).is_some()
    {
        return false;
    }
    let (rest, head) = (w[1..].join(" "), w[..w.len() - 1].join(" "));
    let plural_name = plural_shape
        && !contains(NO_CLUB_PLURALS, tail)
        && !ORG_WORD_SET.contains(tail)
        && name_like(tail);
    let club = (is_place(&head).is_some() && (contains(CLUB_AFTER_PLACE, tail) || plural_name))
        || (contains(CLUB_BEFORE_PLACE, first) && is_place(&rest).is_some());
    if !club {
        return false;
    }
    cands.push(cx.cand(
        EntityKind::Organization,
        cx.text.clone(),
        Evidence::Full,
        None,
    ));
    true
}

/// A match score such as "2-1" or "3–0".
fn is_score(w: &str) -> bool {
    let mut parts = w.split(['-', '–']);
    let goals = |x: Option<&str>| {
        x.is_some_and(|x| (1..=2).contains(&x.len()) && x.bytes().all(|b| b.is_ascii_digit()))
    };
    goals(parts.next()) && goals(parts.next()) && parts.next().is_none()
}

/// Verbs of a result between two sides: "Liverpool beat Aston Villa".
const RESULT_VERBS: &[&str] = &[
    "beat", "beats", "beating", "defeated", "defeats", "edged", "thrashed", "hammered", "routed",
    "trounced", "overcame", "stunned",
];

/// A side of a match result, in a sentence with a score: "Liverpool beat
/// Aston Villa 3-0", "a 2-1 win over Brentford", "give Arsenal a 2-1 win",
/// "lost 2-0 at home to Newcastle". A country is left a place (a
/// newsroom names the country, not its team), and so is a name after "at"
/// (the ground).
fn team_in_a_result(cx: &RunCx, cands: &mut Vec<Cand>, _: &mut Vec<Deferred>) -> bool {
    let t = &cx.p.tokens;
    let (first, last) = (cx.run[0], cx.run[cx.run.len() - 1]);
    let lower_at = |k: usize| t.get(k).filter(|w| w.is_lower()).map(|w| w.text);
    let before = first.checked_sub(1).and_then(lower_at);
    let before2 = first.checked_sub(2).and_then(lower_at);
    let after = lower_at(last + 1);
    let cap_at = |k: Option<usize>| k.and_then(|k| t.get(k)).is_some_and(Token::is_cap);
    let verb_after = after.is_some_and(|w| contains(RESULT_VERBS, w)) && cap_at(Some(last + 2));
    let verb_before =
        before.is_some_and(|w| contains(RESULT_VERBS, w)) && cap_at(first.checked_sub(2));
    let after_result_word = matches!(before, Some("over" | "against" | "to"))
        && matches!(
            before2,
            Some("win" | "victory" | "defeat" | "home" | "lost" | "loss")
        );
    let before_a_win = matches!(after, Some("a" | "an"))
        && t.get(last + 2).is_some_and(|w| is_score(w.text))
        && matches!(
            lower_at(last + 3),
            Some("win" | "victory" | "defeat" | "draw")
        );
    if !(verb_after || verb_before || after_result_word || before_a_win)
        || cx.run.len() > 3
        || !cx.run.iter().all(|&i| t[i].is_cap())
        || is_given_name(cx.words[0])
    {
        return false;
    }
    // A country or region stays a place; a city may be its club.
    let city = gazetteer::place(&cx.text).is_some_and(|p| p.kind == gazetteer::PlaceKind::City);
    if is_place(&cx.text).is_some() && !city {
        return false;
    }
    // The score within the sentence (a bounded look: dense text stays
    // linear).
    let initial = &cx.p.initial;
    let from = (first.saturating_sub(40)..=first)
        .rev()
        .find(|&k| initial[k])
        .unwrap_or(first.saturating_sub(40));
    let to = (last + 1..(last + 40).min(t.len()))
        .find(|&k| initial[k])
        .unwrap_or((last + 40).min(t.len()));
    if !t[from..to].iter().any(|w| is_score(w.text)) {
        return false;
    }
    cands.push(cx.cand(
        EntityKind::Organization,
        cx.text.clone(),
        Evidence::Full,
        None,
    ));
    true
}

/// Organisation heads a seat may follow in the name itself ("Peace
/// Research Institute Oslo", "Max Planck Institute Leipzig").
const ORG_HEAD_WITH_SEAT: &[&str] = &[
    "University",
    "College",
    "Institute",
    "Institut",
    "Centre",
    "Center",
    "School",
    "Observatory",
    "Laboratory",
];

/// 2-4 capitalised words ending in a newspaper or broadcaster word:
/// "Deseret News", "Saudi Gazette", "LA Weekly".
fn media_head(cx: &RunCx, cands: &mut Vec<Cand>, _: &mut Vec<Deferred>) -> bool {
    let (t, run) = (&cx.p.tokens, &cx.run);
    // "Baltimore Sun", "Daily Mirror", "Irish Independent": heads that are
    // a newspaper's only after a place, a demonym or a paper's day word
    // ("Lone Star" is none).
    let head = last_word_of(&cx.words);
    let masthead = contains(PLACE_MEDIA_HEADS, head) && {
        let opener = cx.words[..cx.words.len() - 1].join(" ");
        is_place(&opener).is_some()
            || DEMONYM_SET.contains(cx.words[0])
            || matches!(cx.words[0], "Daily" | "Morning" | "Evening" | "Sunday")
    };
    // "published in Nature", "the journal Cell": a publication by what is
    // done in it (no place, "published in London"; no language).
    let t0 = run[0];
    let published_in = t0 >= 2
        && t[t0 - 1].text == "in"
        // Not "reported in" or "appeared in": places ("cases reported in X").
        && matches!(t[t0 - 2].text, "published" | "wrote" | "writing")
        && !any_place_at_all(&cx.text)
        && !DEMONYM_SET.contains(cx.words[0]);
    let journal_before = t0 >= 1 && matches!(t[t0 - 1].text, "journal" | "magazine");
    if (published_in || journal_before) && (1..=4).contains(&run.len()) && cx.all_namey() {
        cands.push(cx.body());
        return true;
    }
    let ok = (2..=4).contains(&run.len())
        && (contains(MEDIA_HEADS, head) || masthead)
        && run
            .iter()
            .all(|&i| t[i].is_cap() || t[i].text.chars().all(|c| c.is_ascii_digit()));
    if !ok {
        return false;
    }
    let mut c = cx.cand(
        EntityKind::Organization,
        cx.text.clone(),
        Evidence::Full,
        None,
    );
    c.aliases = parenthesised_acronym(cx.p, run[run.len() - 1])
        .into_iter()
        .collect();
    cands.push(c);
    true
}

/// "Kursk Oblast", "Hokkaido Prefecture": the place without its region word.
fn region_word(cx: &RunCx, cands: &mut Vec<Cand>, _: &mut Vec<Deferred>) -> bool {
    let last_word = last_word_of(&cx.words);
    // "Hillsborough County", "Orleans Parish": a county keeps its word in
    // its name; in a paragraph with a score it may be a club ("Derby
    // County 2-1"), for the club rules.
    let county = matches!(last_word, "County" | "Parish")
        && (2..=4).contains(&cx.run.len())
        && cx.run.iter().all(|&i| cx.p.tokens[i].is_cap())
        && !cx.p.tokens.iter().any(|w| is_score(w.text));
    if county {
        cands.push(cx.cand(EntityKind::Place, cx.text.clone(), Evidence::Full, None));
        return true;
    }
    if !matches!(
        last_word,
        "Oblast" | "Province" | "Region" | "Krai" | "Prefecture"
    ) || cx.run.len() < 2
    {
        return false;
    }
    let base = join_words(cx.p, &cx.run[..cx.run.len() - 1]);
    cands.push(cx.cand(EntityKind::Place, base, Evidence::Full, None));
    true
}

/// "Kursk region", "Sichuan province": the run and the region noun after it.
fn region_noun_after(cx: &RunCx, cands: &mut Vec<Cand>, _: &mut Vec<Deferred>) -> bool {
    let t = &cx.p.tokens;
    let Some(next) = t.get(cx.run[cx.run.len() - 1] + 1) else {
        return false;
    };
    let region_next = next.is_lower()
        && matches!(
            next.text,
            "region" | "oblast" | "province" | "district" | "county" | "prefecture"
        );
    if !region_next || cx.run.len() > 3 || !cx.run.iter().all(|&i| t[i].is_cap()) {
        return false;
    }
    let mut c = cx.cand(EntityKind::Place, cx.text.clone(), Evidence::Full, None);
    c.end = next.end;
    cands.push(c);
    true
}

/// "the city of X", "the port of X": X is a place.
fn city_of(cx: &RunCx, cands: &mut Vec<Cand>, _: &mut Vec<Deferred>) -> bool {
    let (t, first) = (&cx.p.tokens, cx.run[0]);
    let ok = first >= 2
        && t[first - 1].text == "of"
        && matches!(t[first - 2].text, "city" | "town" | "village" | "port")
        && cx.run.len() <= 3
        && is_place(&cx.text).is_none();
    if ok {
        cands.push(cx.cand(EntityKind::Place, cx.text.clone(), Evidence::Full, None));
    }
    ok
}

/// Facilities and natural features by their head word: "Fisht Stadium",
/// "Jamarat Bridge", "Bay of Bengal", "Ross Sea".
fn feature_place_rule(cx: &RunCx, cands: &mut Vec<Cand>, _: &mut Vec<Deferred>) -> bool {
    match feature_place(cx.p, &cx.run) {
        Some(place) => {
            cands.push(place_cand(cx.pi, cx.p, &cx.run, place));
            true
        }
        None => false,
    }
}

/// A compass word before a known place: "Eastern Europe", "South East Asia".
fn compass_before_place(cx: &RunCx, cands: &mut Vec<Cand>, _: &mut Vec<Deferred>) -> bool {
    let t = &cx.p.tokens;
    let compass = cx
        .run
        .iter()
        .take_while(|&&i| COMPASS_WORDS.contains(&t[i].base()))
        .count();
    let ok = compass > 0
        && compass < cx.run.len()
        && is_place(&join_words(cx.p, &cx.run[compass..])).is_some();
    if ok {
        cands.push(place_cand(cx.pi, cx.p, &cx.run, cx.text.clone()));
    }
    ok
}

/// A known place and a compass word: "Kowloon West".
fn compass_after_place(cx: &RunCx, cands: &mut Vec<Cand>, _: &mut Vec<Deferred>) -> bool {
    let ok = cx.run.len() >= 2
        && matches!(last_word_of(&cx.words), "North" | "South" | "East" | "West")
        && is_place(&join_words(cx.p, &cx.run[..cx.run.len() - 1])).is_some();
    if ok {
        cands.push(place_cand(cx.pi, cx.p, &cx.run, cx.text.clone()));
    }
    ok
}

/// "Cambridge, Massachusetts", "Levico Terme, Trento, Italy": a name
/// followed by a comma and a known region or country is a place -- when the
/// gazetteer has it, or it reads as no person and no body.
fn place_before_its_region(cx: &RunCx, cands: &mut Vec<Cand>, _: &mut Vec<Deferred>) -> bool {
    let t = &cx.p.tokens;
    let last = cx.run[cx.run.len() - 1];
    let (Some(comma), Some(next)) = (t.get(last + 1), t.get(last + 2)) else {
        return false;
    };
    let region_after = comma.is_punct(',')
        && next.is_cap()
        && !next.is_possessive()
        && is_place(next.text).is_some()
        // "Cambridge, Massachusetts." but not "Hernan Gomez, Panama coach".
        && t.get(last + 3).is_none_or(|w| {
            !w.word || matches!(w.text, "for" | "and" | "in" | "on" | "at" | "to" | "where" | "with")
        });
    let known = gazetteer::any_place(&cx.text).is_some();
    let no_person = !is_given_name(cx.words[0])
        && !cx.run.iter().any(|&i| ORG_WORD_SET.contains(t[i].base()))
        && cx.run.iter().all(|&i| t[i].is_cap());
    let ok = region_after
        && cx.run.len() <= 3
        && cx.all_namey()
        && (known || no_person)
        && !is_known_org(&cx.text);
    if ok {
        cands.push(place_cand(cx.pi, cx.p, &cx.run, cx.text.clone()));
    }
    ok
}

/// "in Tiberias", "near Bhubaneswar": one word after "in", "near" or
/// "outside" that the gazetteer has as a place, however small.
fn place_after_locative(cx: &RunCx, cands: &mut Vec<Cand>, _: &mut Vec<Deferred>) -> bool {
    let ok = after_locative(cx.p.tokens, cx.run[0])
        && cx.run.len() == 1
        && gazetteer::any_place(cx.words[0]).is_some()
        && !is_given_name(cx.words[0]);
    if ok {
        cands.push(place_cand(cx.pi, cx.p, &cx.run, cx.text.clone()));
    }
    ok
}

/// What is held in a company: "shares in Velmora rose", "a 5% stake in
/// Halden Quays". The "in" is no locative there.
const STAKE_NOUNS: &[&str] = &[
    "shares",
    "stake",
    "stakes",
    "holding",
    "holdings",
    "investment",
];

/// "shares in Velmora", "a stake in Halden Quays": the run is a company.
fn company_after_stake(cx: &RunCx, cands: &mut Vec<Cand>, _: &mut Vec<Deferred>) -> bool {
    let (t, first) = (&cx.p.tokens, cx.run[0]);
    // "shares of Ryanair": "of" after "shares" only ("a holding of
    // Lisbon" may be land).
    let ok = first >= 2
        && match t[first - 1].text {
            "in" => contains(STAKE_NOUNS, &t[first - 2].text.to_ascii_lowercase()),
            "of" => t[first - 2].text.eq_ignore_ascii_case("shares"),
            _ => false,
        }
        && cx.body_sized()
        && is_place(&cx.text).is_none();
    if ok {
        cands.push(cx.body());
    }
    ok
}

/// "analysts at Jefferies", "an economist at Halden Capital": a role
/// noun, "at", then the run is where the people work; "leader of the
/// National Rally": a role noun, "of the" or "for the", then what is no
/// place is the body the role is held in.
fn organisation_after_role_at(cx: &RunCx, cands: &mut Vec<Cand>, _: &mut Vec<Deferred>) -> bool {
    let (t, first) = (&cx.p.tokens, cx.run[0]);
    let role = |w: &str| {
        let lower = w.to_ascii_lowercase();
        is_role_noun(&lower) || lower.strip_suffix('s').is_some_and(is_role_noun)
    };
    let at = first >= 2 && t[first - 1].text == "at" && role(t[first - 2].text);
    // "leader of the National Rally", "a spokesman for the Free Syrian
    // Army", "members of the Bundestag": what the role is held in, when
    // that is no place ("president of the Philippines").
    let of_the = first >= 3
        && t[first - 1].text == "the"
        && matches!(t[first - 2].text, "of" | "for")
        && t[first - 3].is_lower()
        && (role(t[first - 3].text) || matches!(t[first - 3].text, "member" | "members"))
        && !modifies_a_noun(t, cx.run[cx.run.len() - 1])
        && !any_place_at_all(&cx.text);
    let ok = (at || of_the) && cx.body_sized() && !is_given_name(cx.words[0]);
    if ok {
        cands.push(cx.body());
    }
    ok
}

/// Whether the word after token `last` is a lower-case word the run may
/// modify ("the Ashby family"), not a clause's next word ("the Bundestag
/// voted", "the Tarn Front said", "the Front in ...").
fn modifies_a_noun(t: &[Token], last: usize) -> bool {
    t.get(last + 1).is_some_and(|n| {
        n.is_lower()
            && !speech_verb(n.text)
            && !n.text.ends_with("ed")
            && !matches!(
                n.text,
                "and"
                    | "or"
                    | "but"
                    | "in"
                    | "on"
                    | "at"
                    | "to"
                    | "of"
                    | "for"
                    | "from"
                    | "with"
                    | "by"
                    | "as"
                    | "that"
                    | "which"
                    | "who"
                    | "whose"
                    | "has"
                    | "had"
                    | "have"
                    | "is"
                    | "was"
                    | "were"
                    | "are"
                    | "will"
                    | "would"
                    | "could"
                    | "can"
                    | "may"
                    | "might"
                    | "should"
                    | "must"
                    | "also"
                    | "since"
                    | "until"
            )
    })
}

/// "groups including Copa-Cogeca", "lenders such as Halden Bank",
/// "firms like Velmora": a plural kind of body, then the list's first
/// member (the rest join it by pass B's `organisation_beside_an_organisation`).
fn organisation_in_a_kind_list(cx: &RunCx, cands: &mut Vec<Cand>, _: &mut Vec<Deferred>) -> bool {
    let (t, first) = (&cx.p.tokens, cx.run[0]);
    let kind_at = match first.checked_sub(1).map(|i| t[i].text) {
        Some("including" | "like") => first.checked_sub(2),
        Some("as") if first >= 2 && t[first - 2].text == "such" => first.checked_sub(3),
        _ => None,
    };
    // "a group called Parents for Local Schools", "a charity named X":
    // one body of a singular kind, named.
    let named_kind = first >= 2
        && matches!(t[first - 1].text, "called" | "named")
        && t[first - 2].is_lower()
        && contains(ORG_NOUNS, t[first - 2].text);
    let plural_kind = kind_at.is_some_and(|k| {
        let w = t[k].text.to_ascii_lowercase();
        (t[k].is_lower() || cx.p.initial[k])
            && (w
                .strip_suffix("ies")
                .is_some_and(|s| contains(ORG_NOUNS, &format!("{s}y")))
                || w.strip_suffix('s').is_some_and(|s| contains(ORG_NOUNS, s)))
    });
    // A name given in full may hold connectors ("Parents for Fair Rates").
    let n = cx.run.len();
    let named_whole = n <= 6 && t[cx.run[0]].is_cap() && t[cx.run[n - 1]].is_cap();
    let ok = ((plural_kind && cx.body_sized()) || (named_kind && named_whole))
        && !is_given_name(cx.words[0]);
    if ok {
        cands.push(cx.body());
    }
    ok
}

/// A town's or a region's name as the name of a model: "Falcon 9" (never
/// a country's: "Kenya 2" is more likely a list's numbering).
fn model_name(t: &[Token], i: usize, text: &str) -> bool {
    model_number_after(t, i)
        && gazetteer::place(text).is_none_or(|p| {
            !matches!(
                p.kind,
                gazetteer::PlaceKind::Country | gazetteer::PlaceKind::Continent
            )
        })
}

/// A number right after token `i`: "Falcon 9", "Model 3".
fn model_number_after(t: &[Token], i: usize) -> bool {
    t.get(i + 1).is_some_and(|n| {
        n.start == t[i].end + 1 && n.text.starts_with(|c: char| c.is_ascii_digit())
    })
}

/// "in", "near" or "outside" right before token `first`.
fn after_locative(t: &[Token], first: usize) -> bool {
    first > 0 && matches!(t[first - 1].text, "in" | "near" | "outside")
}

/// The kind of a body right before token `i`: "the chipmaker ASML".
fn kind_noun_before(t: &[Token], i: usize) -> bool {
    i >= 1 && t[i - 1].is_lower() && contains(ORG_NOUNS, t[i - 1].text)
}

/// The whole run is a known place or organisation, or an acronym.
fn known_name(cx: &RunCx, cands: &mut Vec<Cand>, _: &mut Vec<Deferred>) -> bool {
    // "Falcon 9 rockets", "Boeing 737": a model number makes a product of
    // a town's name.
    let model = cx.run.len() == 1 && model_name(cx.p.tokens, cx.run[0], &cx.text);
    if cx.run.len() == 1 && names::is_web_name(&cx.text) {
        cands.push(cx.body());
        return true;
    }
    let ok = !model && is_place(&cx.text).is_some()
        || is_known_org(&cx.text)
        || (cx.run.len() == 1 && acronym_entity(&cx.text).is_some());
    if ok {
        known_parts(cx.pi, cx.p, &cx.run, cands);
    }
    ok
}

/// "NHS England", "BBC Scotland", "Shell Nigeria": a known body (or a
/// body's acronym) and then a known country or region, and nothing else,
/// name the body's branch there: one organisation, not a body and a place.
fn body_in_a_country(cx: &RunCx, cands: &mut Vec<Cand>, _: &mut Vec<Deferred>) -> bool {
    let n = cx.words.len();
    let branch = (1..n).any(|k| {
        let (body, place) = (cx.words[..k].join(" "), cx.words[k..].join(" "));
        // A body's acronym counts: "NHS", "ITV" before a country name
        // their branch (an acronym and a country with no comma between
        // are no list).
        let known_body = is_known_org(&body)
            || ORG_ACRONYM_MAP.get(body.as_str()).is_some()
            || (k == 1 && is_acronym_shape(&body) && COUNTRY_ACRONYM_MAP.get(&body).is_none());
        known_body
            && is_place(&place).is_some()
            && cx.run[k] == cx.run[k - 1] + 1
            && cx.p.tokens[cx.run[k]].start == cx.p.tokens[cx.run[k - 1]].end + 1
    });
    if n < 2 || !branch || is_place(&cx.text).is_some() {
        return false;
    }
    cands.push(cx.body());
    true
}

/// A role noun right before the run: "harbourmaster Ines Varga".
fn person_by_role_noun(cx: &RunCx, cands: &mut Vec<Cand>, _: &mut Vec<Deferred>) -> bool {
    let (t, first) = (&cx.p.tokens, cx.run[0]);
    let role_prev = first > 0 && t[first - 1].is_lower() && is_role_noun(t[first - 1].text);
    if !(cx.all_namey() && person_sized(t, &cx.run, 1) && role_prev && !t[first].is_lower()) {
        return false;
    }
    let last = cx.run[cx.run.len() - 1];
    let role = role_before(cx.p, first).or_else(|| appositive_role(cx.p, last));
    let evidence = if cx.run.len() == 1 {
        Evidence::BareSurname
    } else {
        Evidence::Full
    };
    cands.push(cx.cand(EntityKind::Person, cx.text.clone(), evidence, role));
    true
}

/// "its chief librarian, Oscar Lindqvist,": role noun, comma, name.
fn person_after_role_comma(cx: &RunCx, cands: &mut Vec<Cand>, _: &mut Vec<Deferred>) -> bool {
    let (t, first) = (&cx.p.tokens, cx.run[0]);
    // One given name is enough after a comma, and after kin one name
    // ("His daughter, Niamh,").
    let one_name = cx.run.len() == 1
        && first >= 2
        && (is_given_name(cx.words[0]) || contains(names::KIN_NOUNS, t[first - 2].text));
    let role_end = if first >= 2 && t[first - 1].is_punct(',') {
        if t[first - 2].is_lower() && is_role_noun(t[first - 2].text) {
            Some(first - 1)
        } else {
            // "a lawyer for the firm, Halden Quays,": after a kind of
            // body, only a given name makes the name a person's.
            let body_before = contains(ORG_NOUNS, t[first - 2].text);
            role_for_a_body(t, first - 1).filter(|_| !body_before || is_given_name(cx.words[0]))
        }
    } else {
        None
    };
    let ok = cx.all_namey() && (cx.person_sized() || one_name) && role_end.is_some();
    if ok {
        let role = role_end.and_then(|end| role_before(cx.p, end));
        cands.push(cx.cand(EntityKind::Person, cx.text.clone(), Evidence::Full, role));
    }
    ok
}

/// "a spokesperson for the agency, NAME": the end of a role noun followed
/// by for/of/at/with and a short noun phrase that runs to the comma at
/// `comma`; the noun phrase names the body, the name after the comma the
/// person holding the role.
fn role_for_a_body(t: &[Token], comma: usize) -> Option<usize> {
    // The body's noun phrase: at most four words, no punctuation.
    for prep in (comma.saturating_sub(5)..comma).rev() {
        let tok = &t[prep];
        if !tok.word {
            return None;
        }
        if prep > 0
            && matches!(tok.text, "for" | "of" | "at" | "with")
            && t[prep - 1].is_lower()
            && is_role_noun(t[prep - 1].text)
        {
            return Some(prep);
        }
    }
    None
}

/// "the port operator, Halden Quays," / "Halden Quays, a port operator,".
fn organisation_by_apposition(cx: &RunCx, cands: &mut Vec<Cand>, _: &mut Vec<Deferred>) -> bool {
    let (t, first) = (&cx.p.tokens, cx.run[0]);
    let comma_prev = first >= 2 && t[first - 1].is_punct(',');
    let org_before =
        comma_prev && t[first - 2].is_lower() && contains(ORG_NOUNS, t[first - 2].text);
    // "the shipping group Maersk said", "French lender Crédit Lyonnais":
    // the kind right before the name, when the name reads as no person
    // ("the producer Ada Lind" is a person).
    let kind_before = kind_noun_before(t, first) && !is_given_name(cx.words[0]);
    let kind_after = body_kind_after(cx);
    // "Florida Power & Light", "Marks & Spencer": names joined by an
    // ampersand are a firm's.
    let ampersand = joined_inside(cx, 5, |w| w.is_punct('&'))
        // Not single letters ("S & M").
        && cx.run.iter().all(|&i| t[i].is_punct('&') || t[i].text.chars().count() >= 2);
    let ok = ampersand
        || cx.body_sized()
            && (org_before
                || kind_before
                || kind_after
                || org_appositive(cx.p, cx.run[cx.run.len() - 1]));
    if ok {
        cands.push(cx.cand(
            EntityKind::Organization,
            cx.text.clone(),
            Evidence::Full,
            None,
        ));
    }
    ok
}

/// A run of 3 to `max` tokens, capitalised at both ends, with a `joiner`
/// inside: "Halden Power & Light", "Médecins Sans Frontières".
fn joined_inside(cx: &RunCx, max: usize, joiner: impl Fn(&Token) -> bool) -> bool {
    let (t, run) = (&cx.p.tokens, &cx.run);
    let n = run.len();
    (3..=max).contains(&n)
        && run[1..n - 1].iter().any(|&i| joiner(&t[i]))
        && t[run[0]].is_cap()
        && t[run[n - 1]].is_cap()
}

/// Kinds of body that follow a name as its head noun: "the Verdi union",
/// "the Wagner group", "the Labour party".
const BODY_KINDS_AFTER: &[&str] = &[
    "union",
    "party",
    "group",
    "company",
    "firm",
    "bank",
    "club",
    "agency",
    "association",
    "organisation",
    "organization",
    "coalition",
    "charity",
    "airline",
    "broadcaster",
    "newspaper",
    "movement",
    "militia",
    "alliance",
    "federation",
    "conglomerate",
    "consultancy",
    "nonprofit",
    "insurer",
    "lender",
];

/// "the Verdi union staged a strike", "France's CGT union": after "the"
/// or a possessive, the run is the name before a body's kind, and no
/// place or person ("the Hollywood group" is a place's; "the producer
/// group Ada Lind" names a person after the kind).
fn body_kind_after(cx: &RunCx) -> bool {
    named_before_a_kind(cx.p.tokens, cx.run[0], cx.run[cx.run.len() - 1])
        && is_place(&cx.text).is_none()
        && !is_given_name(cx.words[0])
}

/// Tokens `first..=last` follow "the" or a possessive and come right
/// before a body's kind that no name follows ("the CGT union staged").
fn named_before_a_kind(t: &[Token], first: usize, last: usize) -> bool {
    let opener = first >= 1
        && (t[first - 1].text.eq_ignore_ascii_case("the") || t[first - 1].is_possessive());
    let kind = t
        .get(last + 1)
        .is_some_and(|n| n.is_lower() && BODY_KINDS_AFTER.contains(&n.text));
    let then_no_name = t.get(last + 2).is_none_or(|n| !n.is_cap());
    opener && kind && then_no_name
}

/// 2-4 name-like words: the shape the context rules for people need.
fn name_shaped(cx: &RunCx) -> bool {
    cx.all_namey() && cx.person_sized()
}

/// "Justin Hastings, a professor of ...": the appositive is the role.
fn person_by_appositive(cx: &RunCx, cands: &mut Vec<Cand>, _: &mut Vec<Deferred>) -> bool {
    let appos = appositive_role(cx.p, cx.run[cx.run.len() - 1]);
    if !name_shaped(cx) || appos.is_none() {
        return false;
    }
    cands.push(cx.cand(EntityKind::Person, cx.text.clone(), Evidence::Full, appos));
    true
}

/// Last words of named events, ideas and works beside those of
/// [`LAW_AND_PRIZE_HEADS`]: a given name before one ("Marshall Plan",
/// "Kyoto Protocol", "Boston Marathon") is no person ([`is_thing_head`]).
const OTHER_THING_HEADS: &[&str] = &[
    "Initiative",
    "Games",
    "Championship",
    "Championships",
    "Festival",
    "Summit",
    "Tech",
    "Week",
    "Report",
    "Rule",
    "Effect",
    "Theory",
    "Test",
    "Scale",
    "Method",
    "Model",
    "Strategy",
    "Deal",
    "Scheme",
    "Fellowship",
    "Lecture",
    "Series",
    "Tour",
    "Open",
    "Classic",
    "Marathon",
];

static OTHER_THING_HEAD_SET: WordSet = WordSet::new(OTHER_THING_HEADS);

/// The last word of a named plan, law, prize, event or idea.
fn is_thing_head(word: &str) -> bool {
    LAW_AND_PRIZE_HEAD_SET.contains(word) || OTHER_THING_HEAD_SET.contains(word)
}

/// An ordinary English word that is no surname and no given name
/// ("Defense", "Devices", "Plan", not "Brown"): a name ending in it names a
/// thing or a body, not a person.
fn common_noun_not_surname(word: &str) -> bool {
    with_lower(word, gazetteer::is_english_word)
        && !gazetteer::is_surname_word(word)
        && !gazetteer::is_surname(word)
        && !is_given_name(word)
}

/// "Civil Defense said", "Advanced Micro Devices said": a speech subject
/// of name-like words ending in an ordinary English noun, with no given
/// name, title or role in it, is a body.
fn organisation_by_speech(cx: &RunCx, cands: &mut Vec<Cand>, _: &mut Vec<Deferred>) -> bool {
    let t = &cx.p.tokens;
    let w = &cx.words;
    // No given name or census surname anywhere: "Troy Patterson of Slate
    // Magazine ventured" is a person of a body.
    // Mostly English words ("Advanced Micro Devices"): an unknown name
    // before an English word ("Vantor Quell said") may be a person's.
    let foreign = w
        .iter()
        .filter(|x| !with_lower(x, gazetteer::is_english_word))
        .count();
    // "BC Housing says", "Zorvex Mining said": a trade ending in "-ing"
    // is a body's, whatever comes before it (surnames in "-ing", Manning,
    // Fleming, are census surnames and fail below).
    let trade = w[w.len() - 1].ends_with("ing");
    let ok = name_shaped(cx)
        && (foreign + 2 <= w.len() || (trade && foreign < w.len()))
        && !w
            .iter()
            .any(|x| is_given_name(x) || gazetteer::is_surname(x))
        && common_noun_not_surname(w[w.len() - 1])
        && !cx
            .run
            .iter()
            .any(|&i| is_title(t[i].text) || with_lower(t[i].base(), is_role_noun))
        && speech_subject(cx.p, &cx.run);
    if ok {
        cands.push(cx.cand(
            EntityKind::Organization,
            cx.text.clone(),
            Evidence::Weak,
            None,
        ));
    }
    ok
}

/// Connectors of other languages that join the words of a body's name and
/// never a person's: without, against, for.
const FOREIGN_BODY_CONNECTORS: &[&str] = &[
    "sans", "sin", "sem", "senza", "ohne", "contre", "pour", "für", "contra",
];

/// Head words of bodies' names in other languages, and adjectives found
/// only in bodies' names; they may open the name ("Universidad de Chile",
/// "Partido Popular", "Deutsche Bahn"), so the run is kept whole.
const FOREIGN_BODY_HEADS: &[&str] = &[
    "Universidad",
    "Universidade",
    "Università",
    "Universität",
    "Université",
    "Hochschule",
    "Instituto",
    "Institut",
    "Istituto",
    "Fundación",
    "Fundação",
    "Fondazione",
    "Fondation",
    "Stiftung",
    "Partido",
    "Partito",
    "Parti",
    "Partei",
    "Banco",
    "Banca",
    "Banque",
    "Société",
    "Compagnie",
    "Asociación",
    "Associação",
    "Associazione",
    "Verband",
    "Verein",
    "Gesellschaft",
    "Ministerio",
    "Ministère",
    "Ministero",
    "Ministerium",
    "Consejo",
    "Conseil",
    "Consiglio",
    "Comité",
    "Comitato",
    "Federación",
    "Federazione",
    "Fédération",
    "Agencia",
    "Agência",
    "Agenzia",
    "Agence",
    "Servicio",
    "Servizio",
    "Zeitung",
    "Rundfunk",
    "Grupo",
    "Gruppo",
    "Groupe",
    "Movimiento",
    "Movimento",
    "Mouvement",
    "Rassemblement",
    "Sindicato",
    "Syndicat",
    "Confédération",
    "Alianza",
    "Alleanza",
    "Unión",
    "Unione",
    "Assemblée",
    // Adjectives no person's name has: "Deutsche Bahn", "Assemblée Nationale".
    "Deutsche",
    "Deutscher",
    "Deutsches",
    "Nationale",
    "Nacional",
    "Nazionale",
];

/// Endings of German compounds that name a body ("Bauernverband",
/// "Bundeskartellamt", "Bundesverfassungsgericht").
const GERMAN_BODY_ENDINGS: &[&str] = &[
    "verband",
    "verein",
    "gesellschaft",
    "stiftung",
    "partei",
    "ministerium",
    "kartellamt",
    "amt",
    "gericht",
    "kammer",
    "zeitung",
    "rundfunk",
    "werke",
    "kasse",
];

/// A body's head word of another language ([`FOREIGN_BODY_HEADS`]) or a
/// German compound ending in one, at least 8 letters ("Bauernverband").
fn foreign_body_head(w: &str) -> bool {
    FOREIGN_BODY_HEADS.contains(&w)
        || (w.chars().count() >= 8
            && w.chars().next().is_some_and(char::is_uppercase)
            && with_lower(w, |l| {
                GERMAN_BODY_ENDINGS
                    .iter()
                    .any(|e| l.ends_with(e) && l.len() > e.len() + 3)
            }))
}

/// "Médecins Sans Frontières said": a connector of another language inside
/// the run, with a name word on each side, names a body; so does a run
/// with a body's head word of another language ("Partido Popular").
fn organisation_in_another_language(
    cx: &RunCx,
    cands: &mut Vec<Cand>,
    _: &mut Vec<Deferred>,
) -> bool {
    let t = &cx.p.tokens;
    let n = cx.run.len();
    let connector = joined_inside(cx, 6, |w| {
        with_lower(w.text, |l| FOREIGN_BODY_CONNECTORS.contains(&l))
    });
    let head = n <= 6
        && cx.run.iter().any(|&i| foreign_body_head(t[i].base()))
        && t[cx.run[0]].is_cap()
        && t[cx.run[n - 1]].is_cap();
    let ok = connector || head;
    if ok {
        cands.push(cx.body());
    }
    ok
}

/// The subject of a speech verb ("Victor Cha said", "said Victor Cha"),
/// or the speaker's slot of a credit or "attributed to".
fn person_by_speech(cx: &RunCx, cands: &mut Vec<Cand>, _: &mut Vec<Deferred>) -> bool {
    if !name_shaped(cx) || !speech_subject(cx.p, &cx.run) {
        return false;
    }
    cands.push(cx.cand(EntityKind::Person, cx.text.clone(), Evidence::Weak, None));
    true
}

/// A known given name first (the hand list or a census given name).
fn person_by_given_name(cx: &RunCx, cands: &mut Vec<Cand>, _: &mut Vec<Deferred>) -> bool {
    let first = cx.words[0];
    let given = is_given_name(first) && (!PLACE_SET.contains(first) || cx.run.len() >= 2);
    // "Marshall Plan", "Nobel Prize": a given name before the head of a
    // named plan, law, prize or event names that thing.
    let thing = is_thing_head(cx.words[cx.words.len() - 1]);
    if !name_shaped(cx) || !given || thing {
        return false;
    }
    cands.push(cx.cand(EntityKind::Person, cx.text.clone(), Evidence::Weak, None));
    true
}

/// An East Asian name, family name first ("Kim Du-yeon", "Leung Kwok-hung").
fn person_by_family_name(cx: &RunCx, cands: &mut Vec<Cand>, _: &mut Vec<Deferred>) -> bool {
    if !name_shaped(cx) || !east_asian_name(&cx.words) {
        return false;
    }
    cands.push(cx.cand(EntityKind::Person, cx.text.clone(), Evidence::Weak, None));
    true
}

/// One word, never used in lower case here, as a speech subject ("Okafor said").
fn single_word_speaker(cx: &RunCx, cands: &mut Vec<Cand>, _: &mut Vec<Deferred>) -> bool {
    let after_the = named_with_the(cx.p, &cx.run);
    // "Regulator warns banks": an ordinary English word opening a headline
    // or sentence is no surname ("Brown said" is).
    // Not after a quotation ('"...", Water said' is a surname).
    let (word, first) = (cx.words[0], cx.run[0]);
    let opens = first == 0
        || (cx.p.initial[first]
            && ['.', '!', '?']
                .iter()
                .any(|&c| cx.p.tokens[first - 1].is_punct(c)));
    let common_word_opening = opens
        && with_lower(word, ordinary_word)
        && !is_given_name(word)
        && !gazetteer::is_surname(word)
        && !gazetteer::is_surname_word(word);
    let ok = cx.run.len() == 1
        && !after_the
        && !common_word_opening
        && cx.all_namey()
        && speech_subject(cx.p, &cx.run)
        && !with_lower(cx.words[0], |l| cx.vocab.contains(l))
        && !plural_common_noun(cx.words[0]);
    if ok {
        let role = appositive_role(cx.p, cx.run[0]);
        cands.push(cx.cand(
            EntityKind::Person,
            cx.text.clone(),
            Evidence::BareSurname,
            role,
        ));
    }
    ok
}

/// "the Onion said", "readers of the Onion.": a name after "the" that is
/// not a modifier ("the Monti government" is a person's, "the Cruise
/// video" too) names no person.
fn named_with_the(p: &Para, run: &[usize]) -> bool {
    after_the(p, run) && !modifies_a_noun(p.tokens, run[run.len() - 1])
}

/// The run follows "the" or "The".
fn after_the(p: &Para, run: &[usize]) -> bool {
    let first = run[0];
    first > 0 && p.tokens[first - 1].text.eq_ignore_ascii_case("the")
}

/// "Estimates suggest", "Analysts say": a capitalised English plural opening
/// a sentence is a group of things or people, not a person's name.
fn plural_common_noun(w: &str) -> bool {
    with_lower(w, |l| {
        let singular = l
            .strip_suffix("es")
            .filter(|s| gazetteer::is_english_word(s));
        gazetteer::is_english_word(l)
            && (singular.is_some() || l.strip_suffix('s').is_some_and(gazetteer::is_english_word))
    })
}

/// Otherwise: recognisable parts (places, acronyms) inside the run; a run
/// that may still be a person waits for the second pass.
fn undecided(cx: &RunCx, cands: &mut Vec<Cand>, deferred: &mut Vec<Deferred>) -> bool {
    let t = &cx.p.tokens;
    let run = &cx.run;
    let mut parts = Vec::new();
    known_parts(cx.pi, cx.p, run, &mut parts);
    // "Sofia Marchetti": a place name as a first name; decided in pass B.
    let person_shape = (2..=3).contains(&run.len())
        && run[1..].iter().all(|&i| name_like(t[i].base()))
        && is_place(last_word_of(&cx.words)).is_none()
        && parts.len() == 1
        && parts[0].end <= t[run[0]].end;
    for part in &mut parts {
        part.rule = "known_name";
    }
    if (parts.is_empty() && cx.all_namey()) || person_shape {
        deferred.push((cx.pi, run.clone(), parts));
    } else {
        cands.extend(parts);
    }
    true
}

/// The body after "PERSON of": what the rules make of it when that is a
/// place or an organisation, else an organisation by its position
/// ("Raymond Chan of People Power", "Frederick Fung of ADPL", "Jean Morel
/// of France Unbowed", where the place is only part of the name).
fn classify_body(
    pi: usize,
    p: &Para,
    run: &[usize],
    vocab: &Vocab,
    cands: &mut Vec<Cand>,
    deferred: &mut Vec<Deferred>,
) {
    let t = &p.tokens;
    let mut found = Vec::new();
    let mut undecided = Vec::new();
    classify(pi, p, run, vocab, &mut found, &mut undecided);
    let (start, end) = span(p, run);
    // "Jean Morel of France Unbowed": a place that is only part of the
    // body's name is no reading of it.
    let named = found.iter().any(|c| {
        c.kind != EntityKind::Person
            && !(c.kind == EntityKind::Place && (c.start > start || c.end < end))
    });
    let lone_word = run.len() == 1 && with_lower(t[run[0]].base(), |l| vocab.contains(l));
    if named || run.len() > 5 || lone_word || !t[run[0]].is_cap() {
        cands.extend(found);
        deferred.extend(undecided);
        return;
    }
    cands.push(body_cand(pi, p, run, join_words(p, run)));
}

fn last_word_of<'w>(words: &[&'w str]) -> &'w str {
    words.last().copied().unwrap_or_default()
}

/// Last words of newspaper, magazine and broadcaster names.
const MEDIA_HEADS: &[&str] = &[
    "News",
    "Times",
    "Post",
    "Herald",
    "Gazette",
    "Tribune",
    "Journal",
    "Telegraph",
    "Chronicle",
    "Magazine",
    "Weekly",
    "Press",
    "Paper",
    "Radio",
    "Examiner",
    "Courier",
    "Inquirer",
    "Observer",
];

/// Last words of newspaper names that are ordinary names elsewhere: a
/// newspaper's after a place, a demonym or "Daily" ("Baltimore Sun").
const PLACE_MEDIA_HEADS: &[&str] = &[
    "Sun",
    "Star",
    "Mirror",
    "Mail",
    "Express",
    "Standard",
    "Globe",
    "Bee",
    "Register",
    "Sentinel",
    "Dispatch",
    "Independent",
    "Guardian",
    "Record",
];

/// Organisation words that name a field of work, not a body: after "and"
/// they continue one name ("... for Strategic and International Studies").
/// Words that qualify an organisation head without naming a body of their
/// own ("Art Gallery", "Fire Department").
const GENERIC_BODY_WORDS: &[&str] = &[
    "Art", "Arts", "Fire", "Rescue", "Natural", "History", "Music", "Culture", "Heritage", "Sport",
    "Sports", "Public", "National", "Regional", "Local",
];

const FIELD_WORDS: &[&str] = &[
    "Studies",
    "Sciences",
    "Science",
    "Affairs",
    "Relations",
    "Research",
    "Technology",
    "Development",
    "Security",
    "Arts",
    "Humanities",
    "Engineering",
    "Medicine",
    "Health",
    "Culture",
    "Education",
    "Policy",
    "Economics",
    "Planning",
    "Services",
    "Trade",
];

const COMPASS_WORDS: &[&str] = &[
    "North",
    "South",
    "East",
    "West",
    "Northern",
    "Southern",
    "Eastern",
    "Western",
    "Central",
    "Northeast",
    "Northwest",
    "Southeast",
    "Southwest",
];

/// Head words of facilities and natural features: a run ending in one
/// (or with one followed by "of X") names a place.
const FEATURE_HEADS: &[&str] = &[
    "Stadium",
    "Arena",
    "Bridge",
    "Hotel",
    "Station",
    "Airport",
    "Square",
    "Mosque",
    "Cathedral",
    "Temple",
    "Tower",
    "Towers",
    "Sea",
    "Ocean",
    "River",
    "Lake",
    "Island",
    "Islands",
    "Mountains",
    "Valley",
    "Desert",
    "Peninsula",
    "Strait",
    "Gulf",
    "Canal",
    "Bay",
    "Coast",
    "Street",
    "Avenue",
    "Boulevard",
    "Glacier",
    "Volcano",
    "Alps",
    "Falls",
    "Harbour",
    "Harbor",
    "Hall",
    "Palace",
    "Castle",
    "Park",
    "Gardens",
    "Memorial",
    "Plaza",
    "Base",
    "Cave",
    "Springs",
    "Mountain",
    "Canyon",
    "Delta",
];

/// "Fisht Stadium", "Ross Sea", "Bay of Bengal", "Gulf of Aden".
fn feature_place(p: &Para, run: &[usize]) -> Option<String> {
    let t = &p.tokens;
    let words: Vec<&str> = run.iter().map(|&i| t[i].base()).collect();
    let last = *words.last()?;
    let head_last = words.len() >= 2 && contains(FEATURE_HEADS, last);
    let head_of = words.len() >= 3
        && contains(FEATURE_HEADS, words[0])
        && words[1] == "of"
        && t[run[2]].is_cap();
    // "Mount Kenya", "Lake Chad", "Masjid al-Nabawi": the head first.
    let head_first = (2..=3).contains(&words.len())
        && matches!(
            words[0],
            "Mount"
                | "Lake"
                | "Lough"
                | "Loch"
                | "Masjid"
                | "Cape"
                | "County"
                | "River"
                | "Camp"
                | "Isle"
        )
        && t[run[1]].is_cap();
    (head_last || head_of || head_first).then(|| join_words(p, run))
}

/// An organisation named in full by the run, with the acronym in
/// parentheses after it as an alias ("... Studies (CSIS)").
fn body_cand(pi: usize, p: &Para, run: &[usize], name: String) -> Cand {
    let mut c = full_cand(EntityKind::Organization, pi, p, run, name);
    c.aliases = parenthesised_acronym(p, run[run.len() - 1])
        .into_iter()
        .collect();
    c
}

fn place_cand(pi: usize, p: &Para, run: &[usize], name: String) -> Cand {
    full_cand(EntityKind::Place, pi, p, run, name)
}

/// A candidate of `kind` named in full by the run.
fn full_cand(kind: EntityKind, pi: usize, p: &Para, run: &[usize], name: String) -> Cand {
    let (start, end) = span(p, run);
    Cand {
        kind,
        name,
        evidence: Evidence::Full,
        para: pi,
        start,
        end,
        role: None,
        aliases: vec![],
        rule: "",
    }
}

/// A lower-case English word, or an organisation noun the word list lacks
/// ("carmaker"): capitalised at a sentence's start it is no name.
fn ordinary_word(lower: &str) -> bool {
    gazetteer::is_english_word(lower) || contains(ORG_NOUNS, lower)
}

/// Nouns that describe an organisation in apposition.
const ORG_NOUNS: &[&str] = &[
    "operator",
    "chipmaker",
    "carmaker",
    "automaker",
    "drugmaker",
    "planemaker",
    "steelmaker",
    "brokerage",
    "utility",
    "company",
    "firm",
    "group",
    "carrier",
    "airline",
    "retailer",
    "bank",
    "insurer",
    "developer",
    "manufacturer",
    "maker",
    "broadcaster",
    "publisher",
    "charity",
    "lender",
    "miner",
    "producer",
    "supplier",
    "contractor",
    "startup",
    "start-up",
    "giant",
    "conglomerate",
    "organisation",
    "organization",
    "association",
    "body",
    "agency",
    "regulator",
    "union",
    "coalition",
    "club",
    "network",
    "platform",
    "newspaper",
    "outlet",
    "consultancy",
    "think-tank",
    "tank",
    "nonprofit",
    "non-profit",
    "watchdog",
    "institute",
    "university",
    "party",
    "foundation",
];

/// `X, a trade group,`: an appositive whose head is an organisation noun.
fn org_appositive(p: &Para, last: usize) -> bool {
    let t = &p.tokens;
    if !t.get(last + 1).is_some_and(|w| w.is_punct(',')) {
        return false;
    }
    let mut k = last + 2;
    // "a ...", "the ...", or an owner's possessive: "India's largest
    // airline", "Pratt's parent company".
    if !t
        .get(k)
        .is_some_and(|w| matches!(w.text, "a" | "an" | "the") || (w.is_cap() && w.is_possessive()))
    {
        return false;
    }
    k += 1;
    for _ in 0..4 {
        match t.get(k) {
            // "a California-based advocacy group": a place-based modifier;
            // "the Swiss chocolate maker": a demonym; "the Omdurman
            // football club": a known place.
            Some(w)
                if w.is_lower()
                    || (w.word && w.text.ends_with("-based"))
                    || DEMONYM_SET.contains(w.text)
                    || (w.is_cap() && is_place(w.text).is_some()) =>
            {
                if contains(ORG_NOUNS, w.text) {
                    // Not "a company spokesman": the kind must end the
                    // phrase, or a clause on it ("a Colorado company working
                    // with BMW").
                    return t.get(k + 1).is_none_or(|n| {
                        !n.word
                            || !n.is_lower()
                            || matches!(n.text, "that" | "which" | "whose" | "based")
                            || (n.text.ends_with("ing") && n.text.len() > 5)
                    });
                }
                k += 1;
            }
            _ => return false,
        }
    }
    false
}

/// "Alternative for Germany (AfD)", "the Social Democrats (SPD)": two
/// name words or more right before a known body's acronym in parentheses
/// are that body's name in full (in English or another language, so the
/// letters need not spell it), the acronym its alias; never a person's
/// name before their party ("Olaf Scholz (SPD)") or a place.
fn name_before_a_known_acronym(cx: &RunCx, cands: &mut Vec<Cand>, _: &mut Vec<Deferred>) -> bool {
    // Known acronyms may have lower-case letters ("AfD", "PdL").
    let Some(acronym) = parenthesised_word(cx.p, cx.run[cx.run.len() - 1]) else {
        return false;
    };
    let known = acronym.chars().next().is_some_and(char::is_uppercase)
        && (is_known_org(acronym) || ORG_ACRONYM_MAP.get(acronym).is_some());
    if !known
        || cx.words.len() < 2
        || !cx.all_namey()
        || is_given_name(cx.words[0])
        || is_title(cx.words[0])
        || is_place(&cx.text).is_some()
        || is_known_org(&cx.text)
    {
        return false;
    }
    let mut body = cx.body();
    body.aliases = vec![acronym.to_string()];
    cands.push(body);
    true
}

/// The one word in parentheses right after token `last`: "... (AfD)".
fn parenthesised_word<'a>(p: &Para<'a>, last: usize) -> Option<&'a str> {
    let t = p.tokens;
    let closed = t.get(last + 1).is_some_and(|w| w.is_punct('('))
        && t.get(last + 3).is_some_and(|w| w.is_punct(')'));
    closed.then(|| t.get(last + 2).map(|w| w.text)).flatten()
}

/// Acronym in parentheses right after token `last`: "... Studies (CSIS)".
fn parenthesised_acronym(p: &Para, last: usize) -> Option<String> {
    let word = parenthesised_word(p, last)?;
    let letters: Vec<char> = word.chars().filter(|c| *c != '.').collect();
    ((2..=8).contains(&letters.len())
        && letters
            .iter()
            .all(|c| c.is_uppercase() || c.is_ascii_digit()))
    .then(|| word.to_string())
}

/// The canonical name of the body a credit names (`Reuters`, `AP`,
/// `ABC`): a known organisation or an organisation acronym.
pub fn credited_body(name: &str) -> Option<String> {
    if let Some(full) = ORG_ACRONYM_MAP.get(name) {
        return Some(full.to_string());
    }
    if is_known_org(name) {
        return Some(name.to_string());
    }
    match acronym_entity(name)? {
        (EntityKind::Organization, canonical) => Some(canonical),
        _ => None,
    }
}

/// What a standalone acronym names: a place (US, DPRK) or an organisation.
fn acronym_entity(w: &str) -> Option<(EntityKind, String)> {
    if let Some(c) = COUNTRY_ACRONYM_MAP.get(w) {
        return Some((EntityKind::Place, c.to_string()));
    }
    if let Some(c) = ORG_ACRONYM_MAP.get(w) {
        return Some((EntityKind::Organization, c.to_string()));
    }
    if is_acronym_shape(w) {
        return Some((EntityKind::Organization, w.to_string()));
    }
    None
}

/// Known places, organisations and acronyms inside a run, longest match first.
fn known_parts(pi: usize, p: &Para, run: &[usize], cands: &mut Vec<Cand>) {
    let t = &p.tokens;
    let mut k = 0;
    // Run index after the last part found: words before it are taken.
    let mut free_from = 0;
    while k < run.len() {
        let mut matched = 0;
        for len in (1..=(run.len() - k).min(6)).rev() {
            let sub = &run[k..k + len];
            // Sub-runs must be contiguous words in the text.
            let text = join_words(p, sub);
            let (s, e) = span(p, sub);
            let model = len == 1 && model_name(t, sub[0], &text);
            let (kind, name) = if let Some(place) = is_place(&text).filter(|_| !model) {
                (EntityKind::Place, place.to_string())
            } else if is_known_org(&text) {
                (EntityKind::Organization, text.clone())
            } else if len == 1 {
                match acronym_entity(&text) {
                    Some(x) => x,
                    None => continue,
                }
            } else {
                continue;
            };
            let _ = t;
            // "British Red Cross", "American Red Cross": a demonym right
            // before a known organisation is part of its name (a national
            // society, not the movement).
            let (name, text, s) = if kind == EntityKind::Organization
                && k > 0
                && k > free_from
                && DEMONYM_SET.contains(t[run[k - 1]].text)
                && run[k - 1] + 1 == sub[0]
            {
                let with = join_words(p, &run[k - 1..k + len]);
                (with.clone(), with, t[run[k - 1]].start)
            } else {
                (name, text, s)
            };
            let mut aliases = Vec::new();
            if name != text {
                aliases.push(text.clone());
            }
            if let Some(acr) = parenthesised_acronym(p, *sub.last().unwrap()) {
                aliases.push(acr);
            }
            cands.push(Cand {
                kind,
                name,
                evidence: Evidence::Full,
                para: pi,
                start: s,
                end: e,
                role: None,
                aliases,
                rule: "known_name",
            });
            matched = len;
            free_from = k + len;
            break;
        }
        k += matched.max(1);
    }
}

/// Acronyms the paragraph defines by lower-case words whose initials spell
/// them: "liquefied natural gas (LNG)", "exchange-traded funds (ETFs)",
/// "remotely operated vehicles (ROVs)". Such an acronym names a thing, not
/// a body (a body's name is capitalised: "World Health Organization
/// (WHO)"). Function words inside the expansion ("return on equity") need
/// not be spelt.
fn terms_defined_in_lower_case(p: &Para) -> Vec<String> {
    const SKIPPED: &[&str] = &["of", "and", "the", "for", "in", "on", "to", "a", "&"];
    let t = &p.tokens;
    let mut out = Vec::new();
    for open in 1..t.len() {
        let Some(acronym) = parenthesised_word(p, open - 1) else {
            continue;
        };
        let letters = acronym.strip_suffix('s').unwrap_or(acronym);
        if !is_acronym_shape(letters) && !is_acronym_shape(acronym) {
            continue;
        }
        let wanted: Vec<char> = letters
            .chars()
            .filter(|c| *c != '.')
            .map(|c| c.to_ascii_lowercase())
            .collect();
        // Initials of the words before, last first, hyphen parts each.
        let mut initials: Vec<char> = Vec::new();
        let mut k = open;
        while k > 0 && initials.len() < wanted.len() {
            k -= 1;
            let w = t[k].text;
            if SKIPPED.contains(&w) && !initials.is_empty() {
                continue;
            }
            if t[k].is_punct('-') {
                continue;
            }
            if !w.chars().next().is_some_and(char::is_lowercase) {
                break;
            }
            initials.extend(w.rsplit('-').filter_map(|part| part.chars().next()));
        }
        initials.reverse();
        if initials == wanted {
            out.push(acronym.to_string());
            if letters != acronym {
                out.push(letters.to_string());
            }
        }
    }
    out
}

/// "X stands for Y" / "X, which stands for Y": (X, Y, official-name-of).
fn stands_for(p: &Para) -> Vec<(String, String, Option<String>)> {
    let t = &p.tokens;
    let mut out = Vec::new();
    for i in 0..t.len() {
        if !(matches!(t[i].text, "stands" | "stood")
            && t.get(i + 1).is_some_and(|w| w.text == "for"))
        {
            continue;
        }
        // The acronym: nearest all-caps word before.
        let Some(acr) = (0..i)
            .rev()
            .take(3)
            .find(|&k| is_acronym_shape(t[k].text) || COUNTRY_ACRONYM_MAP.get(t[k].text).is_some())
        else {
            continue;
        };
        // Capitalised chunks after "for" up to the sentence end.
        let mut chunks: Vec<Vec<usize>> = Vec::new();
        let mut cur: Vec<usize> = Vec::new();
        let mut k = i + 2;
        while let Some(w) = t.get(k) {
            if w.is_punct('.') && t.get(k + 1).is_none_or(|n| n.start != w.end) {
                break;
            }
            if w.is_cap()
                || (w.is_lower()
                    && contains(CONNECTORS, w.text)
                    && !cur.is_empty()
                    && t.get(k + 1).is_some_and(|n| n.is_cap() || n.text == "the"))
                || (w.text == "the" && !cur.is_empty() && t.get(k + 1).is_some_and(Token::is_cap))
            {
                if !(w.text == "The" && cur.is_empty()) {
                    cur.push(k);
                }
                if w.is_possessive() && !contains(POSSESSIVE_NOUNS, w.base()) {
                    chunks.push(std::mem::take(&mut cur));
                }
            } else if !cur.is_empty() {
                chunks.push(std::mem::take(&mut cur));
            }
            k += 1;
        }
        if !cur.is_empty() {
            chunks.push(cur);
        }
        let para_like = Para {
            text: p.text,
            tokens: t,
            initial: p.initial,
            heading_like: false,
        };
        let texts: Vec<String> = chunks
            .iter()
            .map(|c| {
                let mut c = c.clone();
                while c.first().is_some_and(|&x| t[x].text == "the") {
                    c.remove(0);
                }
                join_words(&para_like, &c)
            })
            .collect();
        let official = t[i + 2..k.min(t.len())]
            .windows(2)
            .any(|w| w[0].text == "official" && w[1].text == "name");
        if official && texts.len() >= 2 {
            out.push((
                t[acr].text.to_string(),
                texts[0].clone(),
                Some(texts[1].clone()),
            ));
        } else if let Some(first) = texts.first() {
            out.push((t[acr].text.to_string(), first.clone(), None));
        }
    }
    out
}

/// Keys of the entities merged so far: (kind, name key) to index.
type ByKey = HashMap<(EntityKind, String), usize, WordBuildHasher>;

/// Candidates merged into entities, in three steps: full names, then
/// bodies named twice (a defined or spelled acronym, a name ending
/// another's), then surname (and lone given name) references to the
/// people named in full.
fn merge(paras: &[Para], cands: Vec<Cand>, vocab: &Vocab) -> Vec<Builder> {
    let (mut ents, mut by_key, acronyms, pending) = merge_full_names(paras, cands);
    merge_bodies_named_twice(&mut ents, &acronyms);
    ents.retain(|e| !e.name.is_empty());
    fold_places_named_like_people(&mut ents);
    fold_cities_named_as_clubs(&mut ents, paras);
    fold_short_forms_of_bodies(&mut ents);
    resolve_surnames(paras, &mut ents, &mut by_key, pending, vocab);
    fold_given_names_into_people(&mut ents);
    ents.retain(|e| {
        !is_stray_acronym(e, vocab) || e.mentions.iter().any(|m| affiliation(paras, m))
    });
    ents
}

/// Full names first (persons with >= 2 words, orgs, places), in order;
/// returns the entities, their keys, the acronyms they define and the
/// surname references left for later.
fn merge_full_names(
    paras: &[Para],
    cands: Vec<Cand>,
) -> (
    Vec<Builder>,
    ByKey,
    HashMap<String, usize, WordBuildHasher>,
    Vec<Cand>,
) {
    let mut ents: Vec<Builder> = Vec::new();
    // Keyed by names from one document: the word hasher, not SipHash.
    let mut by_key: ByKey = HashMap::default();
    let mut acronyms: HashMap<String, usize, WordBuildHasher> = HashMap::default();
    let mut pending: Vec<Cand> = Vec::new();
    for c in cands {
        let full = match c.kind {
            EntityKind::Person => matches!(c.evidence, Evidence::Full | Evidence::Weak),
            _ => true,
        };
        if !full {
            pending.push(c);
            continue;
        }
        let key = (c.kind, name_key(&c.name));
        let idx = match by_key.get(&key) {
            Some(&i) => i,
            None => {
                // An acronym seen earlier may already stand for this org.
                let i = ents.len();
                ents.push(Builder::new(c.kind, &c.name));
                by_key.insert(key, i);
                i
            }
        };
        for a in &c.aliases {
            // A known body's acronym may have lower-case letters ("AfD").
            let known_acronym = c.rule == "name_before_a_known_acronym";
            if is_acronym_shape(a) || a.contains('.') || known_acronym {
                acronyms.insert(a.clone(), idx);
            }
        }
        ents[idx].add(paras, &c);
    }

    (ents, by_key, acronyms, pending)
}

/// Bodies named twice: a standalone acronym defined elsewhere in the
/// document or spelling a body's initials, and a body whose name ends
/// another's, are merged into that body (emptied; the caller drops them).
fn merge_bodies_named_twice(
    ents: &mut [Builder],
    acronyms: &HashMap<String, usize, WordBuildHasher>,
) {
    // Standalone acronyms defined elsewhere in the document: merge them.
    let mut remap: Vec<Option<usize>> = vec![None; ents.len()];
    for (i, e) in ents.iter().enumerate() {
        if e.kind != EntityKind::Organization {
            continue;
        }
        if let Some(&target) = acronyms.get(&e.name) {
            if target != i {
                remap[i] = Some(target);
            }
            continue;
        }
        // An undefined acronym that spells the initials of an organisation
        // named in the same document ("CSIS" and "Center for Strategic
        // and International Studies").
        if is_acronym_shape(&e.name) {
            let acr: String = e.name.chars().filter(|c| *c != '.').collect();
            if let Some(j) = ents.iter().position(|o| {
                o.kind == EntityKind::Organization
                    && o.name.contains(' ')
                    && initials(&o.name) == acr
            }) {
                remap[i] = Some(j);
            }
        }
    }
    // Org whose name ends another org's name ("Security Council" in "UN
    // Security Council") is the same body. The word-suffixes of every
    // organisation's name are indexed once, so this stays linear in the
    // number of organisations (a pairwise scan took minutes at 40,000).
    let mut by_suffix: HashMap<&str, Vec<usize>, WordBuildHasher> = HashMap::default();
    for (j, e) in ents.iter().enumerate() {
        if e.kind == EntityKind::Organization {
            for (at, _) in e.name.match_indices(' ') {
                by_suffix.entry(&e.name[at + 1..]).or_default().push(j);
            }
        }
    }
    for i in 0..ents.len() {
        if remap[i].is_some() || ents[i].kind != EntityKind::Organization {
            continue;
        }
        let name = ents[i].name.as_str();
        if !name.contains(' ') {
            continue;
        }
        if let Some(&j) = by_suffix
            .get(name)
            .and_then(|js| js.iter().find(|&&j| j != i && remap[j].is_none()))
        {
            remap[i] = Some(j);
        }
    }
    for i in 0..ents.len() {
        if let Some(j) = remap[i] {
            let moved = std::mem::replace(&mut ents[i], Builder::new(EntityKind::Organization, ""));
            ents[j].absorb(moved);
        }
    }
}

/// Surname references resolve to a full-named person.
fn resolve_surnames(
    paras: &[Para],
    ents: &mut Vec<Builder>,
    by_key: &mut ByKey,
    pending: Vec<Cand>,
    vocab: &Vocab,
) {
    // Surname references resolve to a full-named person. People are
    // indexed by the surnames `has_surname` accepts, so each reference is a
    // lookup (a scan per reference was quadratic: 40,000 took seconds).
    let mut by_surname: HashMap<String, Vec<usize>, WordBuildHasher> = HashMap::default();
    for (i, e) in ents.iter().enumerate() {
        if e.kind == EntityKind::Person {
            for key in e.surname_keys() {
                by_surname.entry(key.to_string()).or_default().push(i);
            }
        }
    }
    for c in pending {
        let surname = c.name.clone();
        let pos = (c.para, c.start);
        let matches: Vec<usize> = by_surname
            .get(surname.as_str())
            .map(|v| {
                v.iter()
                    .copied()
                    .filter(|&i| ents[i].has_surname(&surname))
                    .collect()
            })
            .unwrap_or_default();
        let best = matches
            .iter()
            .copied()
            .filter(|&i| ents[i].first <= pos)
            .max_by_key(|&i| ents[i].last_before(pos))
            .or_else(|| matches.first().copied());
        if let Some(i) = best {
            ents[i].add(paras, &c);
            continue;
        }
        // Is it a known org/place after all?
        if is_place(&surname).is_some() || is_known_org(&surname) {
            continue;
        }
        match c.evidence {
            Evidence::Surname => {}
            Evidence::BareSurname => {
                // Only a speech subject or a role-noun person stands alone.
                let p = &paras[c.para];
                // Tokens are in text order: a search, not a scan of a
                // paragraph that may hold thousands of sentences.
                let tok_idx = p.tokens.binary_search_by_key(&c.start, |t| t.start).ok();
                let is_speaker = tok_idx.is_some_and(|k| speech_subject(p, &[k]));
                let role_prev =
                    tok_idx.is_some_and(|k| k > 0 && is_role_noun(p.tokens[k - 1].text));
                // A census surname inside a sentence ("backed by Clinton").
                let surname_mid_sentence = tok_idx.is_some_and(|k| !p.initial[k])
                    && gazetteer::is_surname(names::strip_possessive(&surname));
                // "the Biden administration", "the Modi government": a
                // leader's name before what they lead.
                let leader = tok_idx.is_some_and(|k| led_by_name(p.tokens, k))
                    && !with_lower(&surname, gazetteer::is_english_word);
                if !(is_speaker || role_prev || surname_mid_sentence || leader)
                    || with_lower(&surname, |l| vocab.contains(l))
                    || !name_like(&surname)
                {
                    continue;
                }
            }
            _ => {}
        }
        let key = (EntityKind::Person, name_key(&surname));
        let idx = match by_key.get(&key) {
            Some(&i)
                if i < ents.len()
                    && ents[i].kind == EntityKind::Person
                    && ents[i].name == surname =>
            {
                i
            }
            _ => {
                let same_name = if surname.contains([' ', '-']) {
                    ents.iter()
                        .position(|e| e.kind == EntityKind::Person && e.name == surname)
                } else {
                    by_surname
                        .get(surname.as_str())
                        .and_then(|v| v.iter().copied().find(|&i| ents[i].name == surname))
                };
                if let Some(i) = same_name {
                    i
                } else {
                    ents.push(Builder::new(EntityKind::Person, &surname));
                    let i = ents.len() - 1;
                    by_key.insert(key, i);
                    for k in ents[i].surname_keys() {
                        by_surname.entry(k.to_string()).or_default().push(i);
                    }
                    i
                }
            }
        };
        ents[idx].add(paras, &c);
    }
}

/// Rule 5b, **affiliation**: an acronym named as a person's body is an
/// organisation even when named once: "NAME of ACR" ("Frederick Fung of
/// ADPL") or "ACR's NAME" ("the DAB's Ben Chan"); so is one the text says
/// is a body, by an appositive ("TSMC, the contract chipmaker,"), the
/// kind before or after it ("the chipmaker TSMC", "the CGT union"), or
/// one that speaks ("KLM said": a person is no acronym; three letters at
/// least, so initials such as "JD said" stay out).
fn affiliation(paras: &[Para], m: &Mention) -> bool {
    let Some(p) = paras.get(m.paragraph) else {
        return false;
    };
    let t = p.tokens;
    let Ok(i) = t.binary_search_by_key(&m.start, |x| x.start) else {
        return false;
    };
    let of_before = i >= 2 && t[i - 1].text == "of" && t[i - 2].is_cap();
    let possessive_before_name = t[i].is_possessive()
        && t.get(i + 1)
            .is_some_and(|n| n.is_cap() && name_like(n.base()));
    // "Japan's JAXA", "India's ISRO": a country's own body.
    let place_owns = i >= 1 && t[i - 1].is_possessive() && is_place(t[i - 1].base()).is_some();
    // "KLM said": what speaks is a body (a person is not an acronym).
    of_before
        || possessive_before_name
        || place_owns
        || named_before_a_kind(t, i, i)
        || kind_noun_before(t, i)
        || org_appositive(p, i)
        || (t[i].text.chars().count() >= 3 && speech_subject(p, &[i]))
}

/// Organisation acronyms a reader knows without a definition: kept when
/// named once. Others need a definition, a listing or a second mention.
const WELL_KNOWN_ORG_ACRONYMS: &[&str] = &[
    "UN", "NATO", "EU", "WHO", "FBI", "CIA", "NSA", "NASA", "ESA", "JPL", "BBC", "CNN", "AFP",
    "AP", "DPA", "ANSA", "TASS", "KCNA", "IRNA", "SANA", "FIFA", "UEFA", "IOC", "NBA", "NFL",
    "MLB", "NHL", "IMF", "OPEC", "UNICEF", "UNESCO", "UNHCR", "UNRWA", "UNDP", "UNEP", "WFP",
    "WTO", "ILO", "IMO", "WMO", "ITU", "FAO", "WIPO", "IPCC", "IAEA", "ICC", "ICJ", "ICRC", "MSF",
    "OECD", "OSCE", "ASEAN", "APEC", "BRICS", "ECOWAS", "ECB", "CERN", "NHS", "MIT", "UCLA", "NYU",
    "ABC", "CBS", "NBC", "PBS", "NPR", "ITV", "EPA", "FDA", "CDC", "NIH", "NOAA", "USGS", "DOJ",
    "DHS", "TSA", "IRS", "SEC", "FCC", "FAA", "NTSB", "NAACP", "ACLU", "PLO", "ISIS", "ISIL",
    "IDF", "KGB", "FSB", "GRU", "GCHQ", "LAPD", "NYPD", "IBM", "BMW", "HSBC", "UBS", "KPMG", "GOP",
    "DNC", "RNC", "ANC", "BJP", "CDU", "SPD", "SNP", "DUP", "LDP", "KMT", "CCP", "PLA", "KPA",
    "PKK", "IRA", "AU", "EFTA", "NAFTA", "OAS", "SADC", "WWF", "AFL",
];

/// An all-caps word taken as an organisation only by its shape, never
/// defined in the text, listed or repeated ("ROV", "XML", "IRC"), or one that
/// is an ordinary word in capitals ("UNLESS", "HUGE"): too weak to print.
fn is_stray_acronym(e: &Builder, vocab: &Vocab) -> bool {
    e.kind == EntityKind::Organization
        && is_acronym_shape(&e.name)
        && e.forms.iter().all(|f| is_acronym_shape(f) || f == &e.name)
        && ORG_ACRONYM_MAP.get(&e.name).is_none()
        && !is_known_org(&e.name)
        && !contains(WELL_KNOWN_ORG_ACRONYMS, &e.name)
        && (e.mentions.len() < 2 || with_lower(&e.name, |l| vocab.contains(l)))
}

/// A one-word place known only from the open gazetteer ("Austin", a city of
/// a million) that is the surname of a person named in full in the same
/// document ("Lloyd Austin") is that person: in a text about him, "Austin
/// said" is him. Places from the hand lists (countries, capitals) are never
/// folded.
fn fold_places_named_like_people(ents: &mut Vec<Builder>) {
    for i in 0..ents.len() {
        let name = &ents[i].name;
        if ents[i].kind != EntityKind::Place
            || name.contains(' ')
            || PLACE_SET.contains(name)
            || PLACE_ALIAS_MAP.get(name).is_some()
            || COUNTRY_ACRONYM_MAP.get(name).is_some()
        {
            continue;
        }
        if let Some(j) = ents.iter().position(|e| {
            e.kind == EntityKind::Person
                && e.name.contains(' ')
                && (e.has_surname(name)
                    || (e.name.split(' ').next() == Some(name.as_str()) && is_given_name(name)))
        }) {
            fold_into(ents, i, j);
        }
    }
    ents.retain(|e| !e.name.is_empty());
}

/// "Kelworth beat Dunmore Rovers 2-1" ... "Kelworth manager Ada Lind": a
/// city that is a club by a match result (or a club word) names that club
/// everywhere in the document but after "in", "near" or "outside" ("fans
/// in Kelworth"), which stays the city.
fn fold_cities_named_as_clubs(ents: &mut Vec<Builder>, paras: &[Para]) {
    for i in 0..ents.len() {
        if ents[i].kind != EntityKind::Place {
            continue;
        }
        let Some(j) = ents.iter().position(|e| {
            e.kind == EntityKind::Organization
                && e.name == ents[i].name
                && e.rules
                    .iter()
                    .any(|r| matches!(*r, "team_in_a_result" | "sports_club"))
        }) else {
            continue;
        };
        let (stay, go): (Vec<Mention>, Vec<Mention>) = std::mem::take(&mut ents[i].mentions)
            .into_iter()
            .partition(|m| {
                let t = paras[m.paragraph].tokens;
                t.binary_search_by_key(&m.start, |x| x.start)
                    .is_ok_and(|k| after_locative(t, k))
            });
        ents[j].mentions.extend(go);
        ents[i].mentions = stay;
        if ents[i].mentions.is_empty() {
            ents[i].name.clear();
        }
    }
    ents.retain(|e| !e.name.is_empty());
}

/// "Maya Okonjo" ... "Maya's boxes": a person named by one given name
/// alone, when exactly one person of the document named in full has that
/// given name first, is that person.
fn fold_given_names_into_people(ents: &mut Vec<Builder>) {
    // People named in full, by their first word: one lookup per lone name.
    let mut by_given: HashMap<&str, Vec<usize>, WordBuildHasher> = HashMap::default();
    for (j, e) in ents.iter().enumerate() {
        if e.kind == EntityKind::Person {
            if let Some((first, _)) = e.name.split_once(' ') {
                by_given.entry(first).or_default().push(j);
            }
        }
    }
    let folds: Vec<(usize, usize)> = ents
        .iter()
        .enumerate()
        .filter(|(_, e)| {
            e.kind == EntityKind::Person && !e.name.contains(' ') && is_given_name(&e.name)
        })
        .filter_map(|(i, e)| match by_given.get(e.name.as_str())?.as_slice() {
            [j] => Some((i, *j)),
            _ => None,
        })
        .collect();
    for (i, j) in folds {
        let rules = std::mem::take(&mut ents[i].rules);
        ents[j].rules.extend(rules);
        fold_into(ents, i, j);
    }
    ents.retain(|e| !e.name.is_empty());
}

/// "Vantor Motors" ... "Vantor chief engineer Ada Lind": a one-word
/// organisation that is the first word of exactly one longer organisation
/// of the document, and no place, is that body's short form (an alias), not
/// a body of its own; so is a name that opens a longer one as its
/// possessive ("St Aldric" of "St Aldric's Hospital").
fn fold_short_forms_of_bodies(ents: &mut Vec<Builder>) {
    // Bodies by the word they open with ("Vantor" of "Vantor Motors") and
    // by the name before their possessive ("St Aldric" of "St Aldric's
    // Hospital"): one lookup per body, not a scan of all of them.
    let mut by_first_word: HashMap<&str, Vec<usize>, WordBuildHasher> = HashMap::default();
    let mut by_possessive: HashMap<&str, Vec<usize>, WordBuildHasher> = HashMap::default();
    for (j, e) in ents.iter().enumerate() {
        if e.kind != EntityKind::Organization {
            continue;
        }
        if let Some((first, _)) = e.name.split_once(' ') {
            by_first_word.entry(first).or_default().push(j);
        }
        if let Some(at) = e.name.find("'s ").or_else(|| e.name.find("’s ")) {
            by_possessive.entry(&e.name[..at]).or_default().push(j);
        }
    }
    let mut folds = Vec::new();
    for (i, e) in ents.iter().enumerate() {
        let name = e.name.as_str();
        if e.kind != EntityKind::Organization || is_place(name).is_some() || is_acronym_shape(name)
        {
            continue;
        }
        // A name of more words is a short form only of its possessive
        // ("Goldman Sachs Asset Management" is a body of its own).
        let one_word = !name.contains(' ');
        let mut longer = by_possessive
            .get(name)
            .into_iter()
            .chain(by_first_word.get(name).filter(|_| one_word))
            .flatten()
            .filter(|&&j| j != i);
        if let (Some(&j), None) = (longer.next(), longer.next()) {
            folds.push((i, j));
        }
    }
    for (i, j) in folds {
        // A body already folded into another is no target any more.
        if ents[i].name.is_empty() || ents[j].name.is_empty() {
            continue;
        }
        let rules = std::mem::take(&mut ents[i].rules);
        ents[j].rules.extend(rules);
        fold_into(ents, i, j);
    }
    ents.retain(|e| !e.name.is_empty());
}

/// Entity `i` becomes a form of entity `j`: its mentions and spellings
/// move there, its name is one more form, and it is left empty (dropped by
/// the caller's `retain`).
fn fold_into(ents: &mut [Builder], i: usize, j: usize) {
    let kind = ents[i].kind;
    let moved = std::mem::replace(&mut ents[i], Builder::new(kind, ""));
    ents[j].first = ents[j].first.min(moved.first);
    ents[j].mentions.extend(moved.mentions);
    ents[j].forms.extend(moved.forms);
    ents[j].forms.insert(moved.name);
}

struct Builder {
    kind: EntityKind,
    name: String,
    forms: BTreeSet<String>,
    role: Option<String>,
    mentions: Vec<Mention>,
    first: (usize, usize),
    /// Rules that found its mentions.
    rules: Vec<&'static str>,
}

impl Builder {
    fn new(kind: EntityKind, name: &str) -> Self {
        Builder {
            kind,
            name: name.to_string(),
            forms: BTreeSet::new(),
            role: None,
            mentions: Vec::new(),
            first: (usize::MAX, usize::MAX),
            rules: Vec::new(),
        }
    }

    fn add(&mut self, paras: &[Para], c: &Cand) {
        let text = names::strip_possessive(&paras[c.para].text[c.start..c.end]).to_string();
        // Fullest form wins as the name.
        if matches!(c.evidence, Evidence::Full | Evidence::Weak)
            && c.kind != EntityKind::Place
            && word_len(&c.name) > word_len(&self.name)
        {
            let old_name = std::mem::replace(&mut self.name, c.name.clone());
            self.forms.insert(old_name);
        }
        self.add_form(&text);
        self.add_form(&c.name);
        for a in &c.aliases {
            self.add_form(a);
        }
        if self.role.is_none() {
            self.role = c.role.clone();
        }
        self.first = self.first.min((c.para, c.start));
        if !c.rule.is_empty() && !self.rules.contains(&c.rule) {
            self.rules.push(c.rule);
        }
        self.mentions.push(Mention {
            paragraph: c.para,
            start: c.start,
            end: c.start + text.len(),
            text,
        });
    }

    /// Records a form, copying it only when it is new: most mentions
    /// repeat a form already seen.
    fn add_form(&mut self, form: &str) {
        if !self.forms.contains(form) {
            self.forms.insert(form.to_string());
        }
    }

    fn absorb(&mut self, other: Builder) {
        if word_len(&other.name) > word_len(&self.name) {
            self.forms
                .insert(std::mem::replace(&mut self.name, other.name.clone()));
        } else {
            self.forms.insert(other.name.clone());
        }
        self.forms.extend(other.forms);
        if self.role.is_none() {
            self.role = other.role;
        }
        self.first = self.first.min(other.first);
        self.mentions.extend(other.mentions);
        for rule in other.rules {
            if !self.rules.contains(&rule) {
                self.rules.push(rule);
            }
        }
    }

    /// Every `s` for which [`Builder::has_surname`] holds.
    fn surname_keys(&self) -> Vec<&str> {
        let words = self.name.split([' ', '-']).count();
        if words < 2 {
            return vec![self.name.as_str()];
        }
        let parts: Vec<&str> = self.name.split(' ').collect();
        let mut keys = vec![parts[parts.len() - 1]];
        if parts.len() >= 2 && FAMILY_FIRST_SET.contains(parts[0]) && parts[0] != keys[0] {
            keys.push(parts[0]);
        }
        keys
    }

    fn has_surname(&self, s: &str) -> bool {
        let words: Vec<&str> = self.name.split([' ', '-']).collect();
        if words.len() < 2 {
            return self.name == s;
        }
        let parts: Vec<&str> = self.name.split(' ').collect();
        *parts.last().unwrap() == s
            || (FAMILY_FIRST_SET.contains(parts[0]) && parts[0] == s && parts.len() >= 2)
    }

    fn last_before(&self, pos: (usize, usize)) -> (usize, usize) {
        self.mentions
            .iter()
            .map(|m| (m.paragraph, m.start))
            .filter(|&m| m <= pos)
            .max()
            .unwrap_or((0, 0))
    }
}

/// Initials of the capitalised words of a name ("Center for Strategic and
/// International Studies" -> "CSIS").
fn initials(name: &str) -> String {
    name.split([' ', '-'])
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .collect()
}

fn word_len(s: &str) -> usize {
    s.split([' ', '-']).filter(|w| !w.is_empty()).count() * 1000 + s.len()
}

fn apply_definitions(ents: &mut Vec<Builder>, defs: &[(String, String, Option<String>)]) {
    for (acr, target, official) in defs {
        let tkey = name_key(target);
        let target_canon = is_place(target).map(name_key).unwrap_or(tkey.clone());
        let Some(ti) = ents.iter().position(|e| {
            name_key(&e.name) == target_canon || e.forms.iter().any(|f| name_key(f) == tkey)
        }) else {
            continue;
        };
        let mut merge_from: Vec<usize> = Vec::new();
        for (i, e) in ents.iter().enumerate() {
            if i == ti {
                continue;
            }
            let hit = e.name == *acr
                || official
                    .as_ref()
                    .is_some_and(|o| name_key(&e.name) == name_key(o))
                || (e.kind != EntityKind::Person
                    && e.forms.contains(acr)
                    && e.name.split(' ').count() == 1);
            if hit {
                merge_from.push(i);
            }
        }
        ents[ti].forms.insert(acr.clone());
        if let Some(o) = official {
            ents[ti].forms.insert(o.clone());
        }
        for &i in merge_from.iter().rev() {
            let moved = ents.remove(i);
            let ti = if i < ti { ti - 1 } else { ti };
            let keep_name = ents[ti].name.clone();
            ents[ti].absorb(moved);
            if official.is_some() {
                // The official name is an alias; the common name stays.
                let cur = std::mem::replace(&mut ents[ti].name, keep_name.clone());
                ents[ti].forms.insert(cur);
            }
        }
        let _ = &target_canon;
    }
}

/// An entity's evidence, in rule order, and its confidence (see
/// [`Entity::confidence`]), from the rules that found its mentions.
fn evidence_of(mut rules: Vec<&'static str>, mentions: usize) -> (Vec<&'static str>, f32) {
    let order = |r: &&str| {
        RUN_RULES
            .iter()
            .map(|&(n, _, _)| n)
            .chain(PASS_B_RULES.iter().map(|&(n, _, _)| n))
            .position(|n| n == *r)
            .unwrap_or(usize::MAX)
    };
    rules.sort_by_key(order);
    let best = rules
        .iter()
        .map(|r| rule_confidence(r))
        .fold(0.0_f32, f32::max);
    let repeated = mentions >= 2;
    if repeated {
        rules.push("repeated");
    }
    let confidence = (best + if repeated { 0.1 } else { 0.0 }).min(1.0);
    (rules, (confidence * 100.0).round() / 100.0)
}

fn finish(ents: Vec<Builder>) -> Vec<Entity> {
    let mut out: Vec<Entity> = ents
        .into_iter()
        .filter(|e| !e.mentions.is_empty())
        .map(|mut e| {
            e.mentions.sort_by_key(|m| (m.paragraph, m.start));
            e.mentions.dedup_by_key(|m| (m.paragraph, m.start));
            let first = e
                .mentions
                .first()
                .map(|m| (m.paragraph, m.start))
                .unwrap_or_default();
            let aliases: Vec<String> = e
                .forms
                .iter()
                .filter(|f| **f != e.name && !f.is_empty())
                .cloned()
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect();
            let (evidence, confidence) = evidence_of(e.rules, e.mentions.len());
            (
                first,
                Entity {
                    name: e.name,
                    kind: e.kind,
                    aliases,
                    role: e.role,
                    mentions: e.mentions,
                    evidence,
                    confidence,
                },
            )
        })
        .collect::<BTreeMap<_, _>>()
        .into_values()
        .collect();
    // Persons named only by a surname that later match nothing stay; sort stable.
    out.sort_by_key(|e| e.mentions.first().map(|m| (m.paragraph, m.start)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(e: &[Entity], name: &str) -> Option<Entity> {
        e.iter().find(|x| x.name == name).cloned()
    }

    fn assert_kind(e: &[Entity], name: &str, kind: EntityKind) {
        let found = find(e, name).map(|x| x.kind);
        assert_eq!(found, Some(kind), "{name} in {:?}", names_of(e, kind));
    }

    /// The entities of `text`, asserting each (name, kind) is among them.
    fn entities_with(text: &str, expected: &[(&str, EntityKind)]) -> Vec<Entity> {
        let e = find_entities(&[text]);
        for &(name, kind) in expected {
            assert_kind(&e, name, kind);
        }
        e
    }

    fn names_of(e: &[Entity], kind: EntityKind) -> Vec<String> {
        e.iter()
            .filter(|x| x.kind == kind)
            .map(|x| x.name.clone())
            .collect()
    }

    #[test]
    fn title_before_name_gives_person_and_role() {
        let e = find_entities(&["Army spokesman Colonel Dana Marsh said the base was closed."]);
        let p = find(&e, "Dana Marsh").expect("person");
        assert_eq!(p.kind, EntityKind::Person);
        assert_eq!(p.role.as_deref(), Some("Army spokesman"));
    }

    #[test]
    fn office_title_inside_run_is_the_role() {
        let e = find_entities(&["Meanwhile, French President Lucie Arnaud flew to Rome."]);
        let p = find(&e, "Lucie Arnaud").expect("person");
        assert_eq!(p.role.as_deref(), Some("French President"));
        assert!(find(&e, "Rome").is_some_and(|x| x.kind == EntityKind::Place));
    }

    #[test]
    fn appositive_gives_role() {
        let e = find_entities(&[
            "Marta Quill, a lecturer in economics at the University of Leeds, said rents would rise.",
        ]);
        let p = find(&e, "Marta Quill").expect("person");
        assert_eq!(
            p.role.as_deref(),
            Some("lecturer in economics at the University of Leeds")
        );
        assert!(find(&e, "University of Leeds").is_some());
    }

    #[test]
    fn surname_references_become_aliases() {
        let e = find_entities(&[
            "Health minister Oren Vale announced the plan.",
            "Mr Vale said it would take a year. Vale added nothing more.",
        ]);
        let people = names_of(&e, EntityKind::Person);
        assert_eq!(people, vec!["Oren Vale"]);
        let p = find(&e, "Oren Vale").unwrap();
        assert!(
            p.aliases.contains(&"Mr Vale".to_string()),
            "{:?}",
            p.aliases
        );
        assert_eq!(p.mentions.len(), 3);
    }

    #[test]
    fn honorific_confirms_earlier_full_name() {
        let e = find_entities(&[
            "Tovan Brisk faced questions from reporters.",
            "Mr Brisk declined to comment.",
        ]);
        assert_eq!(names_of(&e, EntityKind::Person), vec!["Tovan Brisk"]);
    }

    #[test]
    fn acronym_in_parentheses_is_alias() {
        let e = find_entities(&[
            "The Institute for Coastal Research (ICR) published the data.",
            "ICR said the levels were rising.",
        ]);
        let orgs: Vec<&Entity> = e
            .iter()
            .filter(|x| x.kind == EntityKind::Organization)
            .collect();
        assert_eq!(orgs.len(), 1, "{orgs:?}");
        assert_eq!(orgs[0].name, "Institute for Coastal Research");
        assert_eq!(orgs[0].aliases, vec!["ICR"]);
        // The definition in parentheses is a mention too.
        assert_eq!(orgs[0].mentions.len(), 3);
    }

    #[test]
    fn stands_for_makes_alias() {
        let e = find_entities(&[
            "The ADB said growth slowed.",
            "ADB stands for the Asian Development Bank.",
        ]);
        let org = find(&e, "Asian Development Bank").expect("org");
        assert!(org.aliases.contains(&"ADB".to_string()));
        assert!(find(&e, "ADB").is_none());
    }

    #[test]
    fn official_name_definition_aliases_the_country() {
        let e = find_entities(&[
            "The ROK navy held a drill.",
            "ROK stands for South Korea's official name, the Republic of Korea.",
        ]);
        let sk = find(&e, "South Korea").expect("place");
        assert!(sk.aliases.contains(&"ROK".to_string()), "{:?}", sk.aliases);
        assert!(
            sk.aliases.iter().any(|a| a == "Republic of Korea"),
            "{:?}",
            sk.aliases
        );
    }

    #[test]
    fn possessive_maps_to_base_place() {
        let e = find_entities(&["Norway's fleet and Norway agreed."]);
        let n = find(&e, "Norway").unwrap();
        assert_eq!(n.mentions.len(), 2);
        assert_eq!(n.mentions[0].text, "Norway");
    }

    #[test]
    fn gazetteer_city_that_is_a_named_persons_surname_is_that_person() {
        let e = find_entities(&[
            "Defence Secretary Lloyd Austin flew to Kyiv.",
            "Austin said the aid would continue.",
        ]);
        assert!(find(&e, "Austin").is_none(), "{e:?}");
        let person = find(&e, "Lloyd Austin").expect("person");
        assert_eq!(person.mentions.len(), 2);
    }

    #[test]
    fn coordinated_names_are_two_people() {
        let e = find_entities(&["She learnt the trade from Eugene Burger and Michael Skinner."]);
        assert!(find(&e, "Eugene Burger").is_some_and(|x| x.kind == EntityKind::Person));
        assert!(find(&e, "Michael Skinner").is_some_and(|x| x.kind == EntityKind::Person));
    }

    #[test]
    fn census_surname_mid_sentence_is_a_person() {
        let e = find_entities(&["The treaty was later backed by Clinton in a speech."]);
        assert!(find(&e, "Clinton").is_some_and(|x| x.kind == EntityKind::Person));
    }

    #[test]
    fn facility_and_feature_head_words_make_places() {
        let e = find_entities(&[
            "Fans left Fisht Stadium after the match.",
            "The storm crossed the Bay of Bengal before reaching the Ross Sea of the story.",
        ]);
        for name in ["Fisht Stadium", "Bay of Bengal", "Ross Sea"] {
            assert!(
                find(&e, name).is_some_and(|x| x.kind == EntityKind::Place),
                "{name}: {e:?}"
            );
        }
    }

    #[test]
    fn compass_word_before_a_place_is_one_place() {
        let e = find_entities(&["Missile sites in Eastern Europe worried the ministers."]);
        assert!(find(&e, "Eastern Europe").is_some_and(|x| x.kind == EntityKind::Place));
        assert!(find(&e, "Europe").is_none(), "{e:?}");
        assert!(find(&e, "Eastern").is_none(), "{e:?}");
    }

    #[test]
    fn person_of_organisation_is_a_person_and_an_organisation() {
        let e = find_entities(&["The seat went to Fernando Cheung of the Labour Party on Sunday."]);
        assert!(find(&e, "Fernando Cheung").is_some_and(|x| x.kind == EntityKind::Person));
        assert!(find(&e, "Labour Party").is_some_and(|x| x.kind == EntityKind::Organization));
    }

    #[test]
    fn title_of_organisation_is_the_organisation() {
        let e = find_entities(&["He wrote to the Chairman of the Refugee Council last week."]);
        assert!(find(&e, "Refugee Council").is_some_and(|x| x.kind == EntityKind::Organization));
        assert!(!e.iter().any(|x| x.name.starts_with("Chairman")), "{e:?}");
    }

    #[test]
    fn two_bodies_joined_by_and_are_two_organisations() {
        let e = find_entities(&[
            "Researchers at Harlow Institute of Technology and Carver State University agreed.",
        ]);
        assert!(
            find(&e, "Harlow Institute of Technology").is_some(),
            "{e:?}"
        );
        assert!(find(&e, "Carver State University").is_some(), "{e:?}");
    }

    #[test]
    fn stray_acronym_named_once_is_not_an_organisation() {
        let e = find_entities(&["The files were saved as XML before the launch."]);
        assert!(find(&e, "XML").is_none(), "{e:?}");
    }

    #[test]
    fn shouted_word_is_not_an_organisation() {
        let e = find_entities(&[
            "Do not go out unless told. UNLESS you hear the siren, stay.",
            "UNLESS it stops, stay inside.",
        ]);
        assert!(find(&e, "UNLESS").is_none(), "{e:?}");
    }

    #[test]
    fn well_known_or_repeated_acronym_is_an_organisation() {
        let e = find_entities(&[
            "NASA confirmed the launch.",
            "The KRTF said so and the KRTF agreed.",
        ]);
        assert!(find(&e, "NASA").is_some_and(|x| x.kind == EntityKind::Organization));
        assert!(find(&e, "KRTF").is_some_and(|x| x.kind == EntityKind::Organization));
    }

    #[test]
    fn gazetteer_city_alone_is_a_place() {
        let e = find_entities(&["Flooding closed roads around Christchurch on Monday."]);
        assert!(find(&e, "Christchurch").is_some_and(|x| x.kind == EntityKind::Place));
    }

    #[test]
    fn region_pattern_is_place() {
        let e = find_entities(&["Fighting continued in the Tavor region and in the city of Melk."]);
        assert!(find(&e, "Tavor").is_some_and(|x| x.kind == EntityKind::Place));
        assert!(find(&e, "Melk").is_some_and(|x| x.kind == EntityKind::Place));
    }

    #[test]
    fn sentence_opener_is_not_an_entity() {
        let e = find_entities(&[
            "Earlier, prices rose. However, Traders stayed calm. Analysts expect more.",
        ]);
        assert!(e.is_empty(), "{e:?}");
    }

    #[test]
    fn month_and_weekday_are_not_entities() {
        let e = find_entities(&["On Tuesday the vote was moved to March, then to Friday in May."]);
        assert!(e.is_empty(), "{e:?}");
    }

    #[test]
    fn organisation_by_speech_a_common_noun_last() {
        entities_with(
            "Civil Protection said 300 homes were empty. Orvane Micro Devices said its results would be late.",
            &[
                ("Civil Protection", EntityKind::Organization),
                ("Orvane Micro Devices", EntityKind::Organization),
            ],
        );
    }

    #[test]
    fn organisation_by_speech_a_trade_in_ing() {
        let e = entities_with(
            "Meanwhile, BC Housing says its list grew. Then Zorvex Mining said output fell. Tom Manning said no.",
            &[
                ("BC Housing", EntityKind::Organization),
                ("Zorvex Mining", EntityKind::Organization),
                ("Tom Manning", EntityKind::Person),
            ],
        );
        assert_eq!(
            names_of(&e, EntityKind::Person),
            vec!["Tom Manning"],
            "{e:?}"
        );
    }

    #[test]
    fn organisation_by_speech_not_with_a_surname_or_of() {
        // A census surname ("Brown") and a person of a body stay people.
        let e = entities_with(
            "Kwame Brown said the plan was late. Tess Varnum of Lantern Weekly reported the fire.",
            &[("Kwame Brown", EntityKind::Person)],
        );
        assert!(find(&e, "Tess Varnum of Lantern Weekly").is_none(), "{e:?}");
    }

    #[test]
    fn person_sized_particles_do_not_count() {
        entities_with(
            "President Luiz Inácio Lula da Silva flew over the valley.",
            &[("Luiz Inácio Lula da Silva", EntityKind::Person)],
        );
    }

    #[test]
    fn person_by_title_never_opens_with_a_connector() {
        let e = find_entities(&[
            "Tomas Reed, Chairman of the Coastal Centre for Control of Salt Marsh Loss, said so.",
        ]);
        assert!(
            !names_of(&e, EntityKind::Person)
                .iter()
                .any(|n| n.starts_with("for ")),
            "{e:?}"
        );
    }

    #[test]
    fn person_by_given_name_not_before_a_thing_head() {
        let e = find_entities(&["A new Marshall Plan for the valley was promised."]);
        assert!(names_of(&e, EntityKind::Person).is_empty(), "{e:?}");
    }

    #[test]
    fn organisation_word_company_heads() {
        entities_with(
            "In Seoul, Halvor Electronics and Brannock Foods shares rose.",
            &[
                ("Halvor Electronics", EntityKind::Organization),
                ("Brannock Foods", EntityKind::Organization),
                ("Seoul", EntityKind::Place),
            ],
        );
    }

    #[test]
    fn affiliation_an_acronym_the_text_calls_a_body() {
        entities_with(
            "QXTL, the island's largest ferry operator, declined to comment. Shares of the chipmaker VRNM fell.",
            &[
                ("QXTL", EntityKind::Organization),
                ("VRNM", EntityKind::Organization),
            ],
        );
        entities_with(
            "The QRTV union vowed to strike. KMZ said its flights ran.",
            &[
                ("QRTV", EntityKind::Organization),
                ("KMZ", EntityKind::Organization),
            ],
        );
    }

    #[test]
    fn lone_capitalised_word_a_leader_before_what_they_lead() {
        entities_with(
            "Officials in the Varnokian administration said the rules were fair.",
            &[("Varnokian", EntityKind::Person)],
        );
    }

    #[test]
    fn connector_do_inside_a_place_name() {
        entities_with(
            "Rain fell across Rio Grande do Sul and Caxias do Sul.",
            &[
                ("Rio Grande do Sul", EntityKind::Place),
                ("Caxias do Sul", EntityKind::Place),
            ],
        );
    }

    #[test]
    fn feature_place_lough_first() {
        entities_with(
            "Mist hung over Lough Dorran at dawn.",
            &[("Lough Dorran", EntityKind::Place)],
        );
    }

    #[test]
    fn organisation_word_not_the_country_it_is_in() {
        let e = entities_with(
            "Scientists at Marlow State University of the US and the University of Dunmere of the UK took part. \
             The Communist Party of the Soviet Union met.",
            &[
                ("Marlow State University", EntityKind::Organization),
                ("University of Dunmere", EntityKind::Organization),
                (
                    "Communist Party of the Soviet Union",
                    EntityKind::Organization,
                ),
            ],
        );
        assert!(
            find(&e, "Marlow State University of the US").is_none(),
            "{e:?}"
        );
    }

    #[test]
    fn organisation_word_a_feature_in_its_complement() {
        entities_with(
            "Food Charities of the Marrow Valley fed 300 families.",
            &[(
                "Food Charities of the Marrow Valley",
                EntityKind::Organization,
            )],
        );
    }

    #[test]
    fn known_name_a_web_address_is_a_body() {
        let e = entities_with(
            "Power was out in 2 million homes, according to OutageMap.us.",
            &[("OutageMap.us", EntityKind::Organization)],
        );
        assert!(names_of(&e, EntityKind::Person).is_empty(), "{e:?}");
    }

    #[test]
    fn storm_named_like_a_person_is_no_person() {
        let e = find_entities(&[
            "Hurricane Dorian hit the coast. Typhoon Maria followed it.",
            "The hurricane and the typhoon were late.",
        ]);
        assert!(names_of(&e, EntityKind::Person).is_empty(), "{e:?}");
    }

    #[test]
    fn person_sized_never_with_an_ampersand() {
        let e = entities_with(
            "Then Halden Power & Light said crews were ready, not S & M.",
            &[("Halden Power & Light", EntityKind::Organization)],
        );
        assert!(names_of(&e, EntityKind::Person).is_empty(), "{e:?}");
        assert!(find(&e, "S & M").is_none(), "{e:?}");
    }

    #[test]
    fn region_word_a_county_keeps_its_word() {
        let e = entities_with(
            "Sheriff Ada Lind of Harrowgate County said so. Officials in Velmar County agreed.",
            &[
                ("Harrowgate County", EntityKind::Place),
                ("Velmar County", EntityKind::Place),
            ],
        );
        assert_eq!(names_of(&e, EntityKind::Person), vec!["Ada Lind"], "{e:?}");
    }

    #[test]
    fn organisation_word_a_person_of_the_body_after_a_role() {
        entities_with(
            "Opposition leader Tarokazu Imaeda of the Civic Renewal Party of Norvia objected.",
            &[
                ("Tarokazu Imaeda", EntityKind::Person),
                ("Civic Renewal Party of Norvia", EntityKind::Organization),
            ],
        );
    }

    #[test]
    fn organisation_word_a_name_after_the_complements_places() {
        entities_with(
            "University of Texas Arlington Amrita Jovanek said the clock was harmless.",
            &[
                ("University of Texas Arlington", EntityKind::Organization),
                ("Amrita Jovanek", EntityKind::Person),
            ],
        );
        // Places only: the body is whole.
        entities_with(
            "The University of California Berkeley said so.",
            &[(
                "University of California Berkeley",
                EntityKind::Organization,
            )],
        );
    }

    #[test]
    fn organisation_word_a_school_district() {
        entities_with(
            "The Marlow Unified School District suspended him.",
            &[("Marlow Unified School District", EntityKind::Organization)],
        );
    }

    #[test]
    fn organisation_word_a_universitys_seat() {
        let e = entities_with(
            "She teaches at Queen's University Belfast.",
            &[("Queen's University Belfast", EntityKind::Organization)],
        );
        assert!(find(&e, "Belfast").is_none(), "{e:?}");
    }

    #[test]
    fn person_by_role_noun_kin() {
        entities_with(
            "That was the winter his wife Maureen was ill. His daughter, Orla, started a petition.",
            &[
                ("Maureen", EntityKind::Person),
                ("Orla", EntityKind::Person),
            ],
        );
    }

    #[test]
    fn organisation_word_two_places_share_a_head() {
        let e = entities_with(
            "Dorrick and Lanmore District Council voted. Apple and Halvor Electronics sued.",
            &[
                (
                    "Dorrick and Lanmore District Council",
                    EntityKind::Organization,
                ),
                ("Apple", EntityKind::Organization),
                ("Halvor Electronics", EntityKind::Organization),
            ],
        );
        assert!(find(&e, "Dorrick").is_none(), "{e:?}");
    }

    #[test]
    fn team_in_a_result_sides_of_a_score() {
        entities_with(
            "Kelworth beat Liverpool 3-0, a day after a 2-1 win over Brannock. Dunmore lost 2-0 at home to Ostrava.",
            &[
                ("Kelworth", EntityKind::Organization),
                ("Liverpool", EntityKind::Organization),
                ("Brannock", EntityKind::Organization),
                ("Ostrava", EntityKind::Organization),
            ],
        );
    }

    #[test]
    fn team_in_a_result_not_a_country_nor_without_a_score() {
        let e = entities_with(
            "Kelworth beat Brazil 2-1. Liverpool beat inflation forecasts again.",
            &[
                ("Brazil", EntityKind::Place),
                ("Liverpool", EntityKind::Place),
            ],
        );
        assert!(find(&e, "Kelworth").is_some_and(|x| x.kind == EntityKind::Organization));
    }

    #[test]
    fn organisation_word_a_company_head_in_a_complement_is_a_field() {
        entities_with(
            "A spokesman for the Ministry of Energy and Mines said only that.",
            &[("Ministry of Energy and Mines", EntityKind::Organization)],
        );
    }

    #[test]
    fn organisation_word_whole_run_before_an_organisation_appositive() {
        let e = entities_with(
            "With help from International Waterways, a Dorset-based advocacy group, they won.",
            &[("International Waterways", EntityKind::Organization)],
        );
        assert!(find(&e, "Waterways").is_none(), "{e:?}");
    }

    #[test]
    fn person_after_role_comma_a_role_for_a_body() {
        // The body's common noun before the comma is no sign that the
        // name after it is a body.
        let e = entities_with(
            "A spokesperson for the harbour authority, Tobias Wren, said the quay was shut. \
             A lawyer for the Ashby family, Dara Quill, declined to comment.",
            &[
                ("Tobias Wren", EntityKind::Person),
                ("Dara Quill", EntityKind::Person),
            ],
        );
        assert!(names_of(&e, EntityKind::Organization).is_empty(), "{e:?}");
        // After a kind of body, a name with no given name is the body.
        entities_with(
            "A lawyer for the firm, Halden Quays, declined to comment.",
            &[("Halden Quays", EntityKind::Organization)],
        );
    }

    #[test]
    fn organisation_by_apposition_after_a_demonym() {
        entities_with(
            "Barry Tallow, the Swiss chocolate maker, cut its forecast.",
            &[("Barry Tallow", EntityKind::Organization)],
        );
    }

    #[test]
    fn organisation_by_apposition_kind_after_the_name() {
        let e = entities_with(
            "In Halden the Kestrel union staged a strike. Norvia's Tarn union joined it.",
            &[
                ("Kestrel", EntityKind::Organization),
                ("Tarn", EntityKind::Organization),
            ],
        );
        assert!(names_of(&e, EntityKind::Person).is_empty(), "{e:?}");
        // A person's name after the kind is the person's.
        let e = find_entities(&["The Halden group Ada Lind leads said so."]);
        assert!(names_of(&e, EntityKind::Organization).is_empty(), "{e:?}");
    }

    #[test]
    fn organisation_after_role_of_the() {
        let e = entities_with(
            "Ada Lind, leader of the Green Lantern Rally, spoke. So did a spokesman for the Tarn Front.",
            &[
                ("Green Lantern Rally", EntityKind::Organization),
                ("Tarn Front", EntityKind::Organization),
            ],
        );
        // A place stays a place.
        let e2 = find_entities(&["Ada Lind, president of the Philippines, spoke."]);
        assert!(
            names_of(&e2, EntityKind::Organization).is_empty(),
            "{e:?} {e2:?}"
        );
    }

    #[test]
    fn organisation_by_apposition_after_a_place() {
        entities_with(
            "Al Marrakh, the Omdurman football club, moved its games. Velt Power, a Kigali company working with banks, paid. Orvane, Norvia's largest airline, grounded jets.",
            &[
                ("Al Marrakh", EntityKind::Organization),
                ("Velt Power", EntityKind::Organization),
                ("Orvane", EntityKind::Organization),
            ],
        );
    }

    #[test]
    fn organisation_in_another_language_by_its_head_word() {
        let e = entities_with(
            "Germany's Deutscher Halmverband and the Partido Verdano objected. Ana Ruiz of Universidad Tarnense agreed. Deutsche Velbahn said so.",
            &[
                ("Deutscher Halmverband", EntityKind::Organization),
                ("Partido Verdano", EntityKind::Organization),
                ("Universidad Tarnense", EntityKind::Organization),
                ("Deutsche Velbahn", EntityKind::Organization),
                ("Ana Ruiz", EntityKind::Person),
            ],
        );
        assert_eq!(names_of(&e, EntityKind::Person), vec!["Ana Ruiz"], "{e:?}");
    }

    #[test]
    fn organisation_in_another_language_not_a_persons_particle() {
        let e = entities_with(
            "Pharmaciens Sans Frontières said 40 clinics had closed. Charles de Gaulle spoke later.",
            &[
                ("Pharmaciens Sans Frontières", EntityKind::Organization),
                ("Charles de Gaulle", EntityKind::Person),
            ],
        );
        assert!(names_of(&e, EntityKind::Person).len() == 1, "{e:?}");
    }

    #[test]
    fn organisation_by_apposition_whose() {
        entities_with(
            "NetLantern, a trade group whose members include banks, sued.",
            &[("NetLantern", EntityKind::Organization)],
        );
    }

    #[test]
    fn lone_capitalised_word_not_before_what_a_state_has() {
        let e = find_entities(&["Later, Zorvan troops crossed the river."]);
        assert!(names_of(&e, EntityKind::Person).is_empty(), "{e:?}");
    }

    #[test]
    fn place_after_in_an_unknown_town() {
        let e = entities_with(
            "The vans were built at the firm's plant in Carrowmore.",
            &[("Carrowmore", EntityKind::Place)],
        );
        assert!(names_of(&e, EntityKind::Person).is_empty(), "{e:?}");
    }

    #[test]
    fn place_after_in_not_an_english_word_or_given_name() {
        let e = find_entities(&["It was all written in Excel. She grew up in Maria."]);
        assert!(names_of(&e, EntityKind::Place).is_empty(), "{e:?}");
    }

    #[test]
    fn speech_subject_not_the_listener_of_told() {
        let e = find_entities(&["\"We were lucky,\" coach Ivo Marsh told Zentra after the game."]);
        assert!(
            find(&e, "Zentra").is_none_or(|x| x.kind != EntityKind::Person),
            "{e:?}"
        );
        assert_eq!(names_of(&e, EntityKind::Person), vec!["Ivo Marsh"]);
        // Right after a quotation, the verb's name is the speaker.
        let e = find_entities(&["\"Why now?\" asked Zentra Vell."]);
        let vell = find(&e, "Zentra Vell").expect("Zentra Vell");
        assert!(vell.evidence.contains(&"person_by_speech"), "{vell:?}");
    }

    #[test]
    fn single_word_speaker_not_an_english_word_opening_a_sentence() {
        let e = find_entities(&[
            "Regulator warns lenders over loans. Brown said it was fair.",
            "\"It was late,\" Meadow said.",
            "Carmaker says vans are safe. Okafor says the fault is rare.",
        ]);
        assert_eq!(
            names_of(&e, EntityKind::Person),
            vec!["Brown", "Meadow", "Okafor"],
            "{e:?}"
        );
    }

    #[test]
    fn organisation_before_a_role_chief_executive() {
        entities_with(
            "Prices rose. Halvex chief executive Ada Lind said so.",
            &[("Halvex", EntityKind::Organization)],
        );
    }

    #[test]
    fn person_by_title_body_before_the_office() {
        entities_with(
            "Halvex Chief Executive Ada Lind said it would hire.",
            &[
                ("Halvex", EntityKind::Organization),
                ("Ada Lind", EntityKind::Person),
            ],
        );
        // A field of government is no body of its own.
        let e = find_entities(&["Later Health Minister Ada Lind said so."]);
        assert!(names_of(&e, EntityKind::Organization).is_empty(), "{e:?}");
    }

    #[test]
    fn person_of_body_a_surname_with_particles() {
        entities_with(
            "Co-author Tina van de Velde of Harrow College London said so.",
            &[
                ("Tina van de Velde", EntityKind::Person),
                ("Harrow College London", EntityKind::Organization),
            ],
        );
    }

    #[test]
    fn person_of_body_a_place_inside_the_body() {
        entities_with(
            "Jean Morel of France Unbowed backed the strikers.",
            &[
                ("Jean Morel", EntityKind::Person),
                ("France Unbowed", EntityKind::Organization),
            ],
        );
        // A place that is the whole of it stays a place.
        entities_with(
            "Jean Morel of Lyon backed the strikers.",
            &[("Lyon", EntityKind::Place)],
        );
    }

    #[test]
    fn person_of_body_after_a_title_needs_no_given_name() {
        entities_with(
            "Dr. Hanan Zaqout of Ardent University for Women said it was late.",
            &[
                ("Hanan Zaqout", EntityKind::Person),
                ("Ardent University for Women", EntityKind::Organization),
            ],
        );
        // A body's word keeps the whole a body.
        let e = find_entities(&["General Velmora Company of Canada said it would hire."]);
        assert!(names_of(&e, EntityKind::Person).is_empty(), "{e:?}");
    }

    #[test]
    fn speech_subject_single_name() {
        let e = find_entities(&["\"It is late,\" Okafor said."]);
        assert_eq!(names_of(&e, EntityKind::Person), vec!["Okafor"]);
    }

    /// Each rule of the table, on its case: the entity it makes carries
    /// the rule as evidence.
    #[test]
    fn every_rule_is_the_evidence_of_its_case() {
        use EntityKind::{Organization as O, Person as P, Place as L};
        let cases: &[(&str, &[&str], &str, EntityKind)] = &[
            (
                "body_in_a_country",
                &["Reuters Norway reported the closure first."],
                "Reuters Norway",
                O,
            ),
            (
                "name_before_a_known_acronym",
                &["Polls put the Partei der Mitte (SPD) ahead, Lena Holt (SPD) said."],
                "Partei der Mitte",
                O,
            ),
            (
                "person_of_body",
                &["Mira Olsen of Blue Lantern spoke at the meeting."],
                "Blue Lantern",
                O,
            ),
            (
                "person_by_given_name",
                &["Lena Holt and Omar Diallo met in the square."],
                "Omar Diallo",
                P,
            ),
            (
                "heading_known_names",
                &["Storm Reaches Norway", "The storm reached the coast."],
                "Norway",
                L,
            ),
            (
                "person_by_title",
                &["Finance Minister Ada Kowalczyk resigned."],
                "Ada Kowalczyk",
                P,
            ),
            (
                "organisation_word",
                &["The Harbour Research Institute met."],
                "Harbour Research Institute",
                O,
            ),
            (
                "media_head",
                &["The Valley Gazette reported the fire."],
                "Valley Gazette",
                O,
            ),
            ("region_word", &["Floods hit Kursk Oblast."], "Kursk", L),
            (
                "region_noun_after",
                &["Floods hit the Tambov region."],
                "Tambov",
                L,
            ),
            (
                "city_of",
                &["Trade grew in the city of Vantorre."],
                "Vantorre",
                L,
            ),
            (
                "feature_place",
                &["Crowds filled Lindqvist Stadium."],
                "Lindqvist Stadium",
                L,
            ),
            (
                "compass_before_place",
                &["Storms swept Eastern Europe."],
                "Eastern Europe",
                L,
            ),
            (
                "compass_after_place",
                &["She won the seat of Kowloon West."],
                "Kowloon West",
                L,
            ),
            ("known_name", &["Talks were held in Norway."], "Norway", L),
            (
                "person_by_role_noun",
                &["The spokeswoman Ines Varga closed the port."],
                "Ines Varga",
                P,
            ),
            (
                "person_after_role_comma",
                &["Its chief librarian, Oscar Lindqvist, opened the doors."],
                "Oscar Lindqvist",
                P,
            ),
            (
                "organisation_by_apposition",
                &["The port operator, Halden Quays, raised fees."],
                "Halden Quays",
                O,
            ),
            (
                "person_by_appositive",
                &["Vantor Quell, a professor of geology, disagreed."],
                "Vantor Quell",
                P,
            ),
            (
                "company_after_stake",
                &["Shares in Velmora rose sharply."],
                "Velmora",
                O,
            ),
            (
                "organisation_after_role_at",
                &["Analysts at Quorvane said demand would slow."],
                "Quorvane",
                O,
            ),
            (
                "organisation_in_a_kind_list",
                &["Lenders such as Brisca warned of losses."],
                "Brisca",
                O,
            ),
            (
                "team_in_a_result",
                &["Dunmore Rovers beat Kelworth 2-1 on Saturday."],
                "Kelworth",
                O,
            ),
            (
                "place_after_in",
                &["The vans were built at the plant in Carrowmore."],
                "Carrowmore",
                L,
            ),
            (
                "organisation_by_speech",
                &["\"The river is rising,\" Coastal Rescue said."],
                "Coastal Rescue",
                O,
            ),
            (
                "organisation_in_another_language",
                &["Juristes Sans Murs said the court had erred."],
                "Juristes Sans Murs",
                O,
            ),
            (
                "person_by_speech",
                &["\"It is late,\" Vantor Quell said."],
                "Vantor Quell",
                P,
            ),
            (
                "person_by_given_name",
                &["Maria Quell arrived late."],
                "Maria Quell",
                P,
            ),
            (
                "person_by_family_name",
                &["Leung Kwok-hung arrived."],
                "Leung Kwok-hung",
                P,
            ),
            (
                "single_word_speaker",
                &["\"It is late,\" Okafor said."],
                "Okafor",
                P,
            ),
            (
                "known_name",
                &["The ships of Vantor Quell Norway sailed at dawn."],
                "Norway",
                L,
            ),
            (
                "organisation_named_elsewhere",
                &[
                    "Staff of Vantor Quell, a logistics company, walked out.",
                    "Vantor Quell hired new staff.",
                ],
                "Vantor Quell",
                O,
            ),
            (
                "person_by_later_honorific",
                &[
                    "Vantor Quell opened the hall.",
                    "Mr Quell thanked the builders.",
                ],
                "Vantor Quell",
                P,
            ),
            (
                "unknown_name_pair",
                &["Zoltar Vemmick won the final."],
                "Zoltar Vemmick",
                P,
            ),
            (
                "person_in_a_list_of_people",
                &["Painters such as Maria Quell, Ada Brandt, and Zoltar Vemmick came."],
                "Zoltar Vemmick",
                P,
            ),
            (
                "place_before_its_region",
                &["The talk was held at Brindlemoor, Ohio, last week."],
                "Brindlemoor",
                L,
            ),
            (
                "place_after_locative",
                &["She grew up in Tiberias before the war."],
                "Tiberias",
                L,
            ),
            (
                "lone_capitalised_word",
                &["The plan was backed by Clinton and the council."],
                "Clinton",
                P,
            ),
            (
                "organisation_beside_an_organisation",
                &["Profits fell. Harbour Bank and Qorvath Lindeberg cut forecasts."],
                "Qorvath Lindeberg",
                O,
            ),
            (
                "sports_club",
                &["Leeds United beat the visitors at home."],
                "Leeds United",
                O,
            ),
            (
                "place_beside_a_place",
                &["Trains between Dublin and Qorvanna were cancelled."],
                "Qorvanna",
                L,
            ),
            (
                "place_in_a_place",
                &["Rescue teams reached Qorvanna in eastern Libya at dawn."],
                "Qorvanna",
                L,
            ),
            (
                "organisation_before_a_role",
                &["Prices rose. Velmora spokeswoman Ada Lind said so."],
                "Velmora",
                O,
            ),
        ];
        for &(rule, paras, name, kind) in cases {
            let e = find_entities(paras);
            let found = find(&e, name).unwrap_or_else(|| panic!("{rule}: no {name} in {e:?}"));
            assert_eq!(found.kind, kind, "{rule}: {found:?}");
            assert!(found.evidence.contains(&rule), "{rule}: {found:?}");
            assert!(rule_confidence(rule) > 0.0, "{rule} has no confidence");
        }
        // Every rule of both tables has its case above, but `coordination`
        // and `undecided`, which only split or defer (their parts name
        // their own rules: the given names, `known_name`).
        for (rule, _, _) in RUN_RULES.iter().map(|&(n, c, f)| (n, c, f as usize)) {
            let covered = cases.iter().any(|c| c.0 == rule)
                || matches!(rule, "coordination" | "name_of_a_thing" | "undecided");
            assert!(covered, "{rule} has no case");
        }
        for &(rule, _, _) in PASS_B_RULES {
            assert!(cases.iter().any(|c| c.0 == rule), "{rule} has no case");
        }
    }

    #[test]
    fn a_joined_particle_surname_counts_as_a_word() {
        entities_with(
            "Omar al-Amr said he had waited. The clerk met Lina d'Ottavio on Monday.",
            &[
                ("Omar al-Amr", EntityKind::Person),
                ("Lina d'Ottavio", EntityKind::Person),
            ],
        );
    }

    #[test]
    fn initials_written_together_start_a_name() {
        let e = entities_with(
            "Later J.D. Venn said the U.S. would wait.",
            &[("J.D. Venn", EntityKind::Person)],
        );
        assert!(find(&e, "J.D.").is_none(), "{e:?}");
    }

    #[test]
    fn an_agency_administrator_is_an_office_title() {
        let e = entities_with(
            "NASA Administrator Bill Hamilton said the agency was ready.",
            &[
                ("Bill Hamilton", EntityKind::Person),
                ("NASA", EntityKind::Organization),
            ],
        );
        assert!(names_of(&e, EntityKind::Place).is_empty(), "{e:?}");
    }

    #[test]
    fn a_countrys_own_acronym_is_a_body() {
        entities_with(
            "Engineers at Japan's QSXA have booked a seat.",
            &[("QSXA", EntityKind::Organization)],
        );
    }

    #[test]
    fn shares_in_a_company_are_no_locative() {
        let e = entities_with(
            &[
                "Velmora Systems won the order.",
                "Shares in Velmora rose 3% in Oslo.",
            ][..]
                .join(" "),
            &[
                ("Velmora Systems", EntityKind::Organization),
                ("Oslo", EntityKind::Place),
            ],
        );
        assert!(find(&e, "Velmora").is_none(), "a short form: {e:?}");
    }

    #[test]
    fn analysts_at_a_firm_work_for_a_body() {
        entities_with(
            "An economist at Brisca Partners and analysts at Quorvane said prices would fall.",
            &[
                ("Brisca Partners", EntityKind::Organization),
                ("Quorvane", EntityKind::Organization),
            ],
        );
    }

    #[test]
    fn groups_including_a_name_make_it_a_body() {
        let e = entities_with(
            "Farm groups including Agrovane warned that prices could rise.",
            &[("Agrovane", EntityKind::Organization)],
        );
        assert!(names_of(&e, EntityKind::Person).is_empty(), "{e:?}");
    }

    #[test]
    fn what_is_owned_is_no_person() {
        let e = find_entities(&["The chipmaker will ship its Quillon chips next year."]);
        assert!(names_of(&e, EntityKind::Person).is_empty(), "{e:?}");
    }

    #[test]
    fn an_event_is_no_place_in_a_place() {
        let e = find_entities(&["He spoke at the chipmaker's Vantor Summit in Mumbai on Friday."]);
        assert!(find(&e, "Vantor Summit").is_none(), "{e:?}");
        assert_kind(&e, "Mumbai", EntityKind::Place);
    }

    #[test]
    fn a_side_named_like_a_facility_in_a_result_is_a_club() {
        entities_with(
            "Harbour Palace beat Kelworth Rovers 2-1 on Sunday.",
            &[("Harbour Palace", EntityKind::Organization)],
        );
    }

    #[test]
    fn a_city_that_is_a_club_is_the_club_but_after_in() {
        let e = find_entities(&[
            "Crystal Rovers beat Liverpool 2-1 on Sunday.",
            "Liverpool manager Ada Lind said the fans in Liverpool deserved better.",
        ]);
        let club = e
            .iter()
            .find(|x| x.name == "Liverpool" && x.kind == EntityKind::Organization)
            .expect("the club");
        assert_eq!(club.mentions.len(), 2, "{e:?}");
        let city = e
            .iter()
            .find(|x| x.name == "Liverpool" && x.kind == EntityKind::Place)
            .expect("the city");
        assert_eq!(city.mentions.len(), 1, "{e:?}");
    }

    /// The module doc lists pass B's rule table in its order.
    #[test]
    fn module_doc_lists_pass_b_rules_in_table_order() {
        let doc: Vec<&str> = include_str!("entities.rs")
            .lines()
            .take_while(|l| l.starts_with("//!") || l.is_empty())
            .filter_map(|l| {
                let rest = l.strip_prefix("//! B")?;
                let (_, rest) = rest.split_once(". `")?;
                rest.split_once('`').map(|(name, _)| name)
            })
            .collect();
        let table: Vec<&str> = PASS_B_RULES.iter().map(|&(n, _, _)| n).collect();
        assert_eq!(doc, table);
    }

    /// The module doc lists the rule table in its order.
    #[test]
    fn module_doc_lists_the_rules_in_table_order() {
        let doc: Vec<&str> = include_str!("entities.rs")
            .lines()
            .take_while(|l| l.starts_with("//!") || l.is_empty())
            .filter_map(|l| {
                let rest = l.strip_prefix("//! ")?;
                let (num, rest) = rest.split_once(". `")?;
                num.chars().all(|c| c.is_ascii_digit()).then_some(())?;
                rest.split_once('`').map(|(name, _)| name)
            })
            .collect();
        let table: Vec<&str> = RUN_RULES.iter().map(|&(n, _, _)| n).collect();
        assert_eq!(doc, table);
    }

    #[test]
    fn lone_word_named_once_is_doubtful_and_repeated_is_not() {
        let once = find_entities(&["The plan was backed by Clinton and the council."]);
        let clinton = find(&once, "Clinton").expect("Clinton");
        assert!(clinton.is_doubtful(), "{clinton:?}");
        let twice = find_entities(&[
            "The plan was backed by Clinton and the council.",
            "The council later thanked Clinton for it.",
        ]);
        let clinton = find(&twice, "Clinton").expect("Clinton");
        assert!(clinton.evidence.contains(&"repeated"), "{clinton:?}");
        assert!(!clinton.is_doubtful(), "{clinton:?}");
    }

    #[test]
    fn title_evidence_is_surer_than_a_given_name() {
        let e = find_entities(&["Finance Minister Ada Kowalczyk met Maria Quell."]);
        let by_title = find(&e, "Ada Kowalczyk").expect("Ada").confidence;
        let by_given = find(&e, "Maria Quell").expect("Maria").confidence;
        assert!(by_title > by_given, "{by_title} vs {by_given}");
    }

    #[test]
    fn credit_after_a_quotation_is_a_person() {
        let e = find_entities(&[
            "\"Roads fill up as fast as we pave them.\" — Okonkwo, on the ring road",
        ]);
        assert_eq!(names_of(&e, EntityKind::Person), vec!["Okonkwo"]);
    }

    #[test]
    fn name_after_attributed_to_is_a_person() {
        let e = find_entities(&["There is a line attributed to Brecht that every director knows."]);
        assert_eq!(names_of(&e, EntityKind::Person), vec!["Brecht"]);
    }

    #[test]
    fn sentence_initial_surname_of_a_full_name_is_kept() {
        // "savage" is used in lower case too; the full name makes it a surname.
        let e = find_entities(&[
            "The columnist Mara Savage wrote about the savage winter.",
            "Savage criticised the council for closing the shelter.",
        ]);
        let mara = find(&e, "Mara Savage").expect("Mara Savage");
        assert_eq!(mara.mentions.len(), 2, "{mara:?}");
    }

    #[test]
    fn org_words_make_organisations() {
        let e = find_entities(&[
            "She joined the Northern Rail Workers Union after leaving the Pentagon.",
        ]);
        let orgs = names_of(&e, EntityKind::Organization);
        assert!(
            orgs.contains(&"Northern Rail Workers Union".to_string()),
            "{orgs:?}"
        );
        assert!(orgs.contains(&"Pentagon".to_string()));
    }

    #[test]
    fn body_in_a_country_is_the_bodys_branch_not_a_place() {
        let e = find_entities(&[
            "Waiting lists grew, NHS England said, and BBC Scotland reported strikes in Scotland.",
        ]);
        for body in ["NHS England", "BBC Scotland"] {
            assert!(
                find(&e, body).is_some_and(|x| x.kind == EntityKind::Organization),
                "{body}: {e:?}"
            );
        }
        // The country on its own is still a place; "England" named only in
        // the branch's name is not.
        assert!(
            find(&e, "Scotland").is_some_and(|x| x.mentions.len() == 1),
            "{e:?}"
        );
        assert!(find(&e, "England").is_none(), "{e:?}");
    }

    #[test]
    fn name_before_a_known_acronym_is_the_bodys_full_name() {
        let e = find_entities(&[
            "Voters backed the Alternative for Halvania (AfD) and the Partei der Mitte (SPD) on Sunday.",
            "The AfD and the SPD both lost seats to Lena Holt (SPD) and her allies.",
        ]);
        let afd = find(&e, "Alternative for Halvania").expect("the alliance");
        assert_eq!(afd.kind, EntityKind::Organization);
        assert_eq!(afd.aliases, vec!["AfD"]);
        assert!(afd.mentions.len() >= 2, "{afd:?}");
        let spd = find(&e, "Partei der Mitte").expect("the party");
        assert_eq!(spd.aliases, vec!["SPD"]);
        // A person before their party stays a person.
        assert!(find(&e, "Lena Holt").is_some_and(|x| x.kind == EntityKind::Person));
        assert!(find(&e, "Halvania").is_none(), "{e:?}");
    }

    #[test]
    fn name_of_a_thing_a_treaty_names_no_place() {
        let e = find_entities(&[
            "The Tarsel Accord and the Vennmark Agreement were signed in Vennmark.",
            "Delegates from Tarsel praised the Vennmark Agreement.",
        ]);
        // Vennmark is a place only where it stands alone.
        let place = find(&e, "Vennmark");
        assert!(place.is_some_and(|p| p.mentions.len() == 1), "{e:?}");
        assert!(find(&e, "Vennmark Agreement").is_none(), "{e:?}");
        assert!(find(&e, "Tarsel Accord").is_none(), "{e:?}");
    }

    #[test]
    fn name_of_a_thing_a_law_with_and_is_one_name_and_no_body() {
        let e = find_entities(&[
            "The Ports and Harbours Act was passed, and the Halden Port Authority and its unions welcomed it.",
            "The Orvik Prize went to Lena Holt, who spoke for the Maritime Union and the Ports and Harbours Act.",
        ]);
        for thing in [
            "Harbours Act",
            "Ports and Harbours Act",
            "Ports",
            "Orvik Prize",
            "Orvik",
        ] {
            assert!(find(&e, thing).is_none(), "{thing}: {e:?}");
        }
        assert!(find(&e, "Halden Port Authority").is_some(), "{e:?}");
        assert!(find(&e, "Lena Holt").is_some(), "{e:?}");
    }

    #[test]
    fn an_acronym_defined_by_lower_case_words_is_a_term_not_a_body() {
        let e = find_entities(&[
            "Exports of liquefied natural gas (LNG) rose in March.",
            "LNG prices fell, and traders bought exchange-traded funds (ETFs).",
            "ETF flows doubled and each ETF gained, said Brenmark Subsea, whose remotely operated vehicles (ROVs) dived.",
            "An ROV pilot said the ROV dived twice.",
        ]);
        for term in ["LNG", "ETFs", "ETF", "ROVs", "ROV"] {
            assert!(find(&e, term).is_none(), "{term}: {e:?}");
        }
        assert!(find(&e, "Brenmark Subsea").is_some(), "{e:?}");
    }

    #[test]
    fn an_acronym_defined_by_a_capitalised_name_stays_a_body() {
        let e = find_entities(&[
            "The Harbour Safety Board (HSB) met, and officials of the regulator (NRB) came.",
            "HSB said the port would open. NRB said nothing.",
        ]);
        let body = find(&e, "Harbour Safety Board").expect("the board");
        assert_eq!(body.aliases, vec!["HSB"]);
        // Lower-case words that do not spell it leave it a body too.
        assert!(
            find(&e, "NRB").is_some_and(|x| x.kind == EntityKind::Organization),
            "{e:?}"
        );
    }

    #[test]
    fn standalone_acronym_is_org_but_us_is_place() {
        let e = find_entities(&["NATO and the US met in Brussels."]);
        assert!(find(&e, "NATO").is_some_and(|x| x.kind == EntityKind::Organization));
        assert!(find(&e, "United States").is_some_and(|x| x.kind == EntityKind::Place));
    }

    #[test]
    fn plain_name_key_is_the_slug_key() {
        use super::names::{plain_name_key, slug_name_key};
        for name in [
            "Mira Holt",
            "The Pentagon",
            "the",
            "The  Harbour   Board",
            "G7 summit",
            "THE WHO",
            "Theodore Kerr",
        ] {
            assert_eq!(plain_name_key(name), Some(slug_name_key(name)), "{name}");
        }
        assert_eq!(plain_name_key("José Martí"), None);
        assert_eq!(plain_name_key("O'Neill"), None);
    }

    #[test]
    fn name_key_unifies_variants() {
        assert_eq!(name_key("Kim Jong-un"), name_key("Kim Jong Un"));
        assert_eq!(name_key("U.S."), name_key("US"));
        assert_eq!(name_key("José Martí"), "jose marti");
        assert_eq!(name_key("The Pentagon"), name_key("Pentagon"));
    }

    #[test]
    fn hyphenated_adjective_is_not_a_place_mention() {
        let e = find_entities(&["The Lisbon-based group said so."]);
        assert!(find(&e, "Lisbon").is_none(), "{e:?}");
    }

    #[test]
    fn family_name_first() {
        let e = find_entities(&["Talks included Park Min-seo and later Mr Park."]);
        let p = find(&e, "Park Min-seo").expect("person");
        assert_eq!(p.mentions.len(), 2);
    }

    #[test]
    fn title_case_heading_adds_no_new_entities() {
        let e = find_entities(&["Why The Harbour Deal Matters For Everyone"]);
        assert!(e.is_empty(), "{e:?}");
    }

    #[test]
    fn place_name_as_first_name_confirmed_by_honorific() {
        let e = find_entities(&["Sofia Brandt won the vote.", "Ms Brandt thanked voters."]);
        assert_eq!(names_of(&e, EntityKind::Person), vec!["Sofia Brandt"]);
        assert!(names_of(&e, EntityKind::Place).is_empty(), "{e:?}");
    }

    #[test]
    fn place_first_word_without_confirmation_stays_a_place() {
        let e = find_entities(&["Oslo Harbour was quiet."]);
        assert!(names_of(&e, EntityKind::Person).is_empty(), "{e:?}");
        // The feature head word names the harbour itself as the place.
        assert_eq!(names_of(&e, EntityKind::Place), vec!["Oslo Harbour"]);
    }

    #[test]
    fn occupation_suffix_is_a_title() {
        let e = find_entities(&["Seismologist Ana Ruiz mapped the fault."]);
        let p = find(&e, "Ana Ruiz").expect("person");
        assert_eq!(p.role.as_deref(), Some("Seismologist"));
    }

    #[test]
    fn office_and_its_complement_alone_name_nobody() {
        let e = find_entities(&[
            "The Director of Media Relations and the Secretary of State met at the Communist Manifesto exhibit.",
        ]);
        assert!(names_of(&e, EntityKind::Person).is_empty(), "{e:?}");
        let e = find_entities(&["Secretary of State Antony Blinken met Chancellor Baker."]);
        assert_eq!(
            names_of(&e, EntityKind::Person),
            vec!["Antony Blinken", "Baker"]
        );
    }

    #[test]
    fn office_complement_is_a_body_of_its_own() {
        let e = entities_with(
            "CEO of the Harbour Refugee Council Mira Olsen said the queue was long.",
            &[
                ("Mira Olsen", EntityKind::Person),
                ("Harbour Refugee Council", EntityKind::Organization),
            ],
        );
        assert_eq!(
            find(&e, "Mira Olsen")
                .and_then(|p| p.role.clone())
                .as_deref(),
            Some("CEO")
        );
    }

    #[test]
    fn ampersand_joins_one_name() {
        entities_with(
            "She bought shares in Holt & Varga Shipping Company last year.",
            &[("Holt & Varga Shipping Company", EntityKind::Organization)],
        );
    }

    #[test]
    fn campus_after_at_stays_in_the_university() {
        entities_with(
            "She studied at the University of North Carolina at Greensboro for a year.",
            &[(
                "University of North Carolina at Greensboro",
                EntityKind::Organization,
            )],
        );
        entities_with(
            "He taught at the University of North Carolina at Chapel Hill.",
            &[(
                "University of North Carolina at Chapel Hill",
                EntityKind::Organization,
            )],
        );
    }

    #[test]
    fn small_number_inside_a_name_stays_in_the_run() {
        let e = entities_with(
            "Two deputies of Movimento 5 Verdi (M5V) voted against it.",
            &[("Movimento 5 Verdi", EntityKind::Organization)],
        );
        // The acronym after it is its alias.
        let m = find(&e, "Movimento 5 Verdi").expect("the movement");
        assert_eq!(m.aliases, vec!["M5V"], "{e:?}");
        // A score between two known names is no name.
        let e = find_entities(&["It ended Arsenal 3 Chelsea 1 at home."]);
        assert!(find(&e, "Arsenal 3 Chelsea").is_none(), "{e:?}");
    }

    #[test]
    fn generic_words_after_and_are_one_body() {
        let e = entities_with(
            "The Halden Maritime Museum and Art Gallery reopened, as did Oslo University and Bergen University.",
            &[
                (
                    "Halden Maritime Museum and Art Gallery",
                    EntityKind::Organization,
                ),
                ("Bergen University", EntityKind::Organization),
            ],
        );
        assert!(find(&e, "Art Gallery").is_none(), "{e:?}");
    }

    #[test]
    fn demonym_before_a_known_organisation_is_its_national_society() {
        entities_with(
            "The Norwegian Red Cross sent tents to the valley.",
            &[("Norwegian Red Cross", EntityKind::Organization)],
        );
    }

    #[test]
    fn titled_person_of_a_body_is_the_person_and_the_body() {
        entities_with(
            "Dr Ilse Marwood of the Royal College of Nurses disagreed.",
            &[
                ("Ilse Marwood", EntityKind::Person),
                ("Royal College of Nurses", EntityKind::Organization),
            ],
        );
    }

    #[test]
    fn ordinary_words_before_and_name_no_body_of_their_own() {
        let e = entities_with(
            "The Food and Drug Administration and the Flood and Storm Agency met.",
            &[
                ("Food and Drug Administration", EntityKind::Organization),
                ("Flood and Storm Agency", EntityKind::Organization),
            ],
        );
        assert!(find(&e, "Drug Administration").is_none(), "{e:?}");
        // An acronym or a body before "and" is still one of two.
        entities_with(
            "Tanya Lund of the Civic Party and Omar Diallo of DAB and Mira Olsen of the Labour Party won.",
            &[
                ("Civic Party", EntityKind::Organization),
                ("Mira Olsen", EntityKind::Person),
            ],
        );
    }

    #[test]
    fn saints_possessive_stays_in_the_name() {
        let e = entities_with(
            "She was taken to St Aldric's Hospital, near King's College.",
            &[
                ("St Aldric's Hospital", EntityKind::Organization),
                ("King's College", EntityKind::Organization),
            ],
        );
        assert!(find(&e, "Aldric").is_none(), "{e:?}");
        // A person's possessive before a head word is a title of a work.
        let e = find_entities(&["They staged King Arthur's Court last spring."]);
        assert!(find(&e, "King Arthur's Court").is_none(), "{e:?}");
    }

    #[test]
    fn firm_head_words_make_organisations() {
        entities_with(
            "Northgate Capital and Holt Brothers backed Bellweather Engineering.",
            &[
                ("Northgate Capital", EntityKind::Organization),
                ("Holt Brothers", EntityKind::Organization),
                ("Bellweather Engineering", EntityKind::Organization),
            ],
        );
    }

    #[test]
    fn given_name_with_an_english_word_surname_is_a_person() {
        let e = find_entities(&["She said it in an interview with Terry Gross last year."]);
        assert_eq!(names_of(&e, EntityKind::Person), vec!["Terry Gross"]);
        // An article before it makes it a thing.
        let e = find_entities(&["They met in the Rose Garden last year."]);
        assert!(names_of(&e, EntityKind::Person).is_empty(), "{e:?}");
    }

    #[test]
    fn connector_left_by_a_split_is_dropped() {
        entities_with(
            "In the harbour seat, Ho Kin-wai of the Tidewater Party and Frederick Lund of TVA both lost.",
            &[
                ("Ho Kin-wai", EntityKind::Person),
                ("Tidewater Party", EntityKind::Organization),
                ("Frederick Lund", EntityKind::Person),
            ],
        );
    }

    #[test]
    fn suffix_title_before_english_words_is_no_person() {
        let e = find_entities(&["The Union of Rationalist Atheists and Agnostics sued."]);
        assert!(names_of(&e, EntityKind::Person).is_empty(), "{e:?}");
    }

    #[test]
    fn word_after_the_is_no_person() {
        let e = find_entities(&[
            "The Onion has a process of its own, and the Beacon said so.",
            "Readers of the Onion laughed.",
        ]);
        assert!(names_of(&e, EntityKind::Person).is_empty(), "{e:?}");
    }

    #[test]
    fn name_as_a_modifier_after_the_is_still_a_person() {
        let e =
            find_entities(&["Mario Monti led the country. Taxes rose under the Monti government."]);
        let monti = find(&e, "Mario Monti").expect("Mario Monti");
        assert_eq!(monti.mentions.len(), 2, "{monti:?}");
    }

    #[test]
    fn region_after_a_comma_needs_the_phrase_to_end() {
        let e = find_entities(&["After the match, Hernan Dario Gomez, Panama coach, spoke."]);
        assert!(
            find(&e, "Hernan Dario Gomez").is_none_or(|h| h.kind != EntityKind::Place),
            "{e:?}"
        );
    }

    #[test]
    fn plural_noun_opening_a_sentence_is_no_speaker() {
        let e = find_entities(&["Estimates suggest that 8,000 people are at sea."]);
        assert!(names_of(&e, EntityKind::Person).is_empty(), "{e:?}");
    }

    #[test]
    fn municipality_of_a_place_is_an_organisation() {
        entities_with(
            "The Municipality of Vantorre asked the schools to pay.",
            &[("Municipality of Vantorre", EntityKind::Organization)],
        );
    }

    #[test]
    fn list_of_names_needs_two_people_by_other_rules() {
        let e =
            find_entities(&["Painters such as Maria Quell, Ada Brandt, and Zoltar Vemmick came."]);
        assert!(
            find(&e, "Zoltar Vemmick")
                .is_some_and(|z| z.evidence.contains(&"person_in_a_list_of_people")),
            "{e:?}"
        );
        // One person is not enough: the rest may be anything.
        let e = find_entities(&["Exhibits came from Maria Quell, Harbour Yard and Vantor Docks."]);
        assert!(
            find(&e, "Harbour Yard").is_none_or(|h| h.kind != EntityKind::Person),
            "{e:?}"
        );
    }

    #[test]
    fn scandinavian_surname_ending_in_ist_is_no_title() {
        let e = find_entities(&["Crowds filled Lindqvist Stadium as Erik Almqvist spoke."]);
        assert_kind(&e, "Lindqvist Stadium", EntityKind::Place);
        assert_kind(&e, "Erik Almqvist", EntityKind::Person);
    }

    #[test]
    fn role_noun_comma_name() {
        let e = find_entities(&["Its chief curator, Tobias Lund, hung the show."]);
        let p = find(&e, "Tobias Lund").expect("person");
        assert_eq!(p.role.as_deref(), Some("chief curator"));
    }

    #[test]
    fn apposed_organisation_without_org_word() {
        let e = find_entities(&[
            "Talks with the ferry operator, Bluewater Lines, failed.",
            "Kestrel Foods, a snack maker, said prices would rise.",
        ]);
        let orgs = names_of(&e, EntityKind::Organization);
        assert!(orgs.contains(&"Bluewater Lines".to_string()), "{orgs:?}");
        assert!(orgs.contains(&"Kestrel Foods".to_string()), "{orgs:?}");
    }

    #[test]
    fn undefined_acronym_matching_initials_merges() {
        let e = find_entities(&[
            "The Coastal Fisheries Council met.",
            "A CFC spokesman declined to comment.",
        ]);
        let orgs: Vec<&Entity> = e
            .iter()
            .filter(|x| x.kind == EntityKind::Organization)
            .collect();
        assert_eq!(orgs.len(), 1, "{orgs:?}");
        assert_eq!(orgs[0].aliases, vec!["CFC"]);
    }

    #[test]
    fn person_of_a_body_without_an_org_word_is_a_person_and_a_body() {
        entities_with(
            "The seat went to Marcus Wen of Harbour Voice on Sunday.",
            &[
                ("Marcus Wen", EntityKind::Person),
                ("Harbour Voice", EntityKind::Organization),
            ],
        );
    }

    #[test]
    fn person_of_a_place_keeps_the_place() {
        entities_with(
            "The prize went to Marcus Wen of Toronto on Sunday.",
            &[
                ("Marcus Wen", EntityKind::Person),
                ("Toronto", EntityKind::Place),
            ],
        );
    }

    #[test]
    fn hyphenated_given_name_after_a_family_name_is_a_person() {
        entities_with(
            "Voters in the east backed Tsui Ho-ming and his list.",
            &[("Tsui Ho-ming", EntityKind::Person)],
        );
    }

    #[test]
    fn family_name_last_after_a_western_given_name_is_a_person() {
        entities_with(
            "The list was led by Starling Chau this year.",
            &[("Starling Chau", EntityKind::Person)],
        );
    }

    #[test]
    fn hyphenated_word_with_capital_second_part_is_not_a_given_name() {
        assert!(hyphenated_given_name("Ka-ki"));
        assert!(!hyphenated_given_name("Jean-Luc"));
        assert!(!hyphenated_given_name("Anti-corruption"));
    }

    #[test]
    fn media_head_word_makes_an_organisation() {
        entities_with(
            "The story ran in the Harbour Gazette and on Valley Radio.",
            &[
                ("Harbour Gazette", EntityKind::Organization),
                ("Valley Radio", EntityKind::Organization),
            ],
        );
    }

    #[test]
    fn organisation_named_elsewhere_by_its_first_word() {
        let e = entities_with(
            "Engineers at Qorvane Labs bake wafers. Qorvane has raised $180 million.",
            &[("Qorvane Labs", EntityKind::Organization)],
        );
        let q = find(&e, "Qorvane Labs").expect("the lab");
        assert_eq!(q.mentions.len(), 2, "{e:?}");
        assert!(names_of(&e, EntityKind::Person).is_empty(), "{e:?}");
    }

    #[test]
    fn organisation_in_a_kind_list_a_kind_called_a_name() {
        let e = entities_with(
            "Last year a group called Parents for Fair Rates collected 2,000 signatures.",
            &[("Parents for Fair Rates", EntityKind::Organization)],
        );
        assert!(names_of(&e, EntityKind::Person).is_empty(), "{e:?}");
    }

    #[test]
    fn media_head_a_publication_by_what_is_done_in_it() {
        let e = entities_with(
            "The study was published in Nature on Monday, and a reply in the journal Cell. It was also published in Halden. Damage was reported in Kelvara.",
            &[
                ("Nature", EntityKind::Organization),
                ("Cell", EntityKind::Organization),
            ],
        );
        assert!(
            ["Halden", "Kelvara"]
                .iter()
                .all(|n| find(&e, n).is_none_or(|x| x.kind != EntityKind::Organization)),
            "{e:?}"
        );
    }

    #[test]
    fn media_head_a_masthead_word_after_a_place() {
        let e = entities_with(
            "The Baltimore Sun first reported it. Fans of the Lone Star cheered.",
            &[("Baltimore Sun", EntityKind::Organization)],
        );
        assert!(
            find(&e, "Lone Star").is_none_or(|x| x.kind != EntityKind::Organization),
            "{e:?}"
        );
    }

    #[test]
    fn company_after_stake_shares_of_but_no_place() {
        let e = entities_with(
            "On Monday shares of Velmora fell while shares in Europe rose.",
            &[("Velmora", EntityKind::Organization)],
        );
        assert!(
            find(&e, "Europe").is_none_or(|x| x.kind == EntityKind::Place),
            "{e:?}"
        );
    }

    #[test]
    fn known_name_a_well_known_body_beats_a_gazetteer_city() {
        let e = entities_with(
            "Toyota recalled 2,000 vans, a Gallup poll found. Nato allies met.",
            &[
                ("Toyota", EntityKind::Organization),
                ("Gallup", EntityKind::Organization),
                ("NATO", EntityKind::Organization),
            ],
        );
        assert!(names_of(&e, EntityKind::Place).is_empty(), "{e:?}");
        // A body's short form is an alias of its full name.
        let e =
            find_entities(&["The Federal Reserve held rates. The Fed said prices were easing."]);
        let fed = find(&e, "Federal Reserve").expect("Federal Reserve");
        assert!(fed.aliases.iter().any(|a| a == "Fed"), "{e:?}");
    }

    #[test]
    fn known_media_name_is_an_organisation() {
        entities_with(
            "The clip spread on YouTube after Sky News aired it.",
            &[
                ("YouTube", EntityKind::Organization),
                ("Sky News", EntityKind::Organization),
            ],
        );
    }

    #[test]
    fn compass_word_after_a_place_is_one_place() {
        let e = entities_with(
            "Turnout rose in Kowloon East and fell elsewhere.",
            &[("Kowloon East", EntityKind::Place)],
        );
        assert!(find(&e, "Kowloon").is_none());
    }

    #[test]
    fn known_name_a_country_by_its_other_name() {
        entities_with(
            "Growers in Côte d'Ivoire and Türkiye sold less. Prices in Britain rose.",
            &[
                ("Ivory Coast", EntityKind::Place),
                ("Turkey", EntityKind::Place),
                ("United Kingdom", EntityKind::Place),
            ],
        );
    }

    #[test]
    fn unknown_name_pair_is_a_person() {
        entities_with(
            "The second goal came from Ilkay Brzenczek after the break.",
            &[("Ilkay Brzenczek", EntityKind::Person)],
        );
    }

    #[test]
    fn unknown_name_pair_not_after_an_article() {
        let e = find_entities(&["At the Varnok Kessler, the home side scored twice."]);
        assert!(names_of(&e, EntityKind::Person).is_empty(), "{e:?}");
        // Before a modifier too: a venue's name with its head noun.
        let e = find_entities(&["Crowds filled the Varnok Kessler stadium again."]);
        assert!(names_of(&e, EntityKind::Person).is_empty(), "{e:?}");
    }

    #[test]
    fn capitalised_english_phrase_is_no_unknown_name_pair() {
        let e = find_entities(&["Fans queued for Silver Harvest and Iron Lantern tickets."]);
        assert!(names_of(&e, EntityKind::Person).is_empty(), "{e:?}");
    }

    #[test]
    fn particle_joined_to_a_name_continues_it() {
        entities_with(
            "The project ran under Professor Chiara d'Ascanio in Rome.",
            &[("Chiara d'Ascanio", EntityKind::Person)],
        );
        entities_with(
            "Director General Tariq al-Hamdan spoke first.",
            &[("Tariq al-Hamdan", EntityKind::Person)],
        );
    }

    #[test]
    fn acronym_named_once_as_a_persons_body_is_an_organisation() {
        entities_with(
            "The seat went to Marcus Wen of HKVA, ahead of the PLNX's Dana Ruiz.",
            &[
                ("HKVA", EntityKind::Organization),
                ("PLNX", EntityKind::Organization),
            ],
        );
    }

    #[test]
    fn two_bodies_joined_by_and_with_a_complement_are_two_organisations() {
        entities_with(
            "Scientists at Northfield Institute of Technology and Lakeside State University of the US agreed.",
            &[
                (
                    "Northfield Institute of Technology",
                    EntityKind::Organization,
                ),
                ("Lakeside State University", EntityKind::Organization),
            ],
        );
    }

    #[test]
    fn city_abbreviation_and_other_spelling_are_places() {
        entities_with(
            "Pilgrims flew from L.A. to Makkah and on to Herat.",
            &[
                ("Los Angeles", EntityKind::Place),
                ("Mecca", EntityKind::Place),
                ("Herat", EntityKind::Place),
            ],
        );
    }

    #[test]
    fn event_is_not_a_person() {
        let e = find_entities(&["She skied at the Winter Paralympics and the Summer Olympics."]);
        assert!(names_of(&e, EntityKind::Person).is_empty(), "{e:?}");
    }

    #[test]
    fn religion_is_not_a_person() {
        let e = find_entities(&["Many pilgrims said Islam asks them to travel once."]);
        assert!(names_of(&e, EntityKind::Person).is_empty(), "{e:?}");
    }

    #[test]
    fn gazetteer_city_that_is_a_named_persons_given_name_is_that_person() {
        let e = find_entities(&[
            "The studio is run by Isabel Marquet and a friend.",
            "Isabel wrote the story herself.",
        ]);
        assert!(find(&e, "Isabel").is_none(), "{e:?}");
        assert_kind(&e, "Isabel Marquet", EntityKind::Person);
    }

    #[test]
    fn hall_and_base_are_facility_heads() {
        entities_with(
            "The ceremony moved from Corran Memorial Hall to Tarn Lake Base.",
            &[
                ("Corran Memorial Hall", EntityKind::Place),
                ("Tarn Lake Base", EntityKind::Place),
            ],
        );
    }

    #[test]
    fn former_country_is_a_place_not_an_organisation() {
        entities_with(
            "Grain came from the Soviet Union in those years.",
            &[("Soviet Union", EntityKind::Place)],
        );
    }

    #[test]
    fn known_name_with_and_is_one_entity() {
        entities_with(
            "The Globe and Mail reported it from Bosnia and Herzegovina.",
            &[("Globe and Mail", EntityKind::Organization)],
        );
    }

    #[test]
    fn particles_in_a_chain_stay_in_the_surname() {
        let e = entities_with(
            "Commission head Ursula von der Leyen spoke first. Later von der Leyen left.",
            &[("Ursula von der Leyen", EntityKind::Person)],
        );
        assert!(find(&e, "Leyen").is_none(), "{e:?}");
    }

    #[test]
    fn known_place_opening_a_sentence_is_kept() {
        entities_with(
            "The talks ended. North Korea fired a missile. New Zealand objected.",
            &[
                ("North Korea", EntityKind::Place),
                ("New Zealand", EntityKind::Place),
            ],
        );
    }

    #[test]
    fn month_that_is_a_given_name_opens_a_name() {
        let e = entities_with(
            "Bank economist Jan Brodsky expects cuts in June, and April Okonjo agrees.",
            &[("Jan Brodsky", EntityKind::Person)],
        );
        assert!(find(&e, "June").is_none(), "{e:?}");
    }

    #[test]
    fn seat_after_an_institute_is_in_its_name() {
        entities_with(
            "Analysts at the Conflict Studies Institute Oslo said so.",
            &[("Conflict Studies Institute Oslo", EntityKind::Organization)],
        );
    }

    #[test]
    fn and_inside_an_office_complement_is_not_two_names() {
        let e = entities_with(
            "Minister for Fisheries and Forestry Tomas Reyl visited the port.",
            &[("Tomas Reyl", EntityKind::Person)],
        );
        assert!(find(&e, "Forestry Tomas Reyl").is_none(), "{e:?}");
    }

    #[test]
    fn hyphenated_office_after_a_name_is_a_role() {
        let e = entities_with(
            "The vote was close. K. L. Marwick, the vice-president, left early.",
            &[("K. L. Marwick", EntityKind::Person)],
        );
        let p = find(&e, "K. L. Marwick").expect("person");
        assert_eq!(p.role.as_deref(), Some("vice-president"));
    }

    #[test]
    fn ordinary_word_before_a_role_is_no_organisation() {
        let e = find_entities(&["Senior economist Ada Lind said so."]);
        assert!(find(&e, "Senior").is_none(), "{e:?}");
    }

    #[test]
    fn person_before_a_role_is_no_organisation() {
        let e = find_entities(&["The plan failed, Marwick said. Marwick aide Ada Lind agreed."]);
        assert!(
            find(&e, "Marwick").is_none_or(|m| m.kind == EntityKind::Person),
            "{e:?}"
        );
    }

    #[test]
    fn club_after_a_place_is_an_organisation_but_a_city_stays_a_place() {
        entities_with(
            "Boston Celtics fans cheered as Real Madrid lost in Mexico City.",
            &[
                ("Boston Celtics", EntityKind::Organization),
                ("Real Madrid", EntityKind::Organization),
                ("Mexico City", EntityKind::Place),
            ],
        );
    }

    #[test]
    fn agreement_named_after_a_place_is_no_club() {
        let e = find_entities(&["Delegates praised the Paris Accords again."]);
        assert!(
            find(&e, "Paris Accords").is_none_or(|x| x.kind != EntityKind::Organization),
            "{e:?}"
        );
    }

    #[test]
    fn abbreviated_title_is_spelled_out_in_the_role() {
        let e = find_entities(&["The bill passed. Sen. Ada Lindqvist (D-Ore.) voted no."]);
        let p = find(&e, "Ada Lindqvist").expect("person");
        assert_eq!(p.role.as_deref(), Some("Senator"));
    }

    #[test]
    fn known_place_split_off_a_body_stays_a_place() {
        entities_with(
            "Aid reached the West Bank and Gaza on Monday.",
            &[
                ("West Bank", EntityKind::Place),
                ("Gaza", EntityKind::Place),
            ],
        );
    }

    #[test]
    fn comma_after_a_body_joins_only_a_list() {
        let e = find_entities(&["The head of Harbour Bank, Brakel Oosting, he said, would go."]);
        assert!(
            find(&e, "Brakel Oosting").is_none_or(|x| x.kind != EntityKind::Organization),
            "{e:?}"
        );
        entities_with(
            "Harbour Bank, Qorvath Lindeberg and Velmora Group cut forecasts.",
            &[("Qorvath Lindeberg", EntityKind::Organization)],
        );
    }

    #[test]
    fn ordinary_words_in_a_list_beside_a_body_are_no_bodies() {
        let e = find_entities(&["Staff from Harbour Bank, Planning and Surveying came."]);
        assert!(find(&e, "Planning").is_none(), "{e:?}");
    }

    #[test]
    fn two_given_names_joined_by_a_hyphen_open_a_name() {
        assert!(is_given_name("Anne-Marie"));
        entities_with(
            "The crowd cheered. Anne-Marie Brassart rejected the plan.",
            &[("Anne-Marie Brassart", EntityKind::Person)],
        );
    }

    #[test]
    fn inner_capitals_of_a_surname_keep_it_a_name() {
        for w in [
            "O'Connor",
            "McAllister",
            "MacKenzie",
            "DeSantis",
            "Okonjo-Iweala",
        ] {
            assert!(name_cased(w), "{w}");
        }
        assert!(!name_cased("NATO") && !name_cased("iPhone") && !name_cased("YouTube"));
        entities_with(
            "The crowd cheered. Brannagh O'Dowd's family thanked fans.",
            &[("Brannagh O'Dowd", EntityKind::Person)],
        );
    }

    #[test]
    fn general_staff_is_a_body_not_a_general() {
        entities_with(
            "Shelling went on overnight, according to the army's General Staff.",
            &[("General Staff", EntityKind::Organization)],
        );
    }

    #[test]
    fn feature_head_first_is_a_place() {
        entities_with(
            "Pilgrims walked to Masjid Al-Qiblatain, then climbed Mount Kenya.",
            &[
                ("Masjid Al-Qiblatain", EntityKind::Place),
                ("Mount Kenya", EntityKind::Place),
            ],
        );
    }

    #[test]
    fn dateline_place_is_a_place_of_the_briefing() {
        let mut e = find_entities(&["Talks resumed on Monday."]);
        add_dateline_place(&mut e, "Brussels");
        add_dateline_place(&mut e, "Nowhere Special");
        assert_kind(&e, "Brussels", EntityKind::Place);
        assert_eq!(e.len(), 1, "{e:?}");
        let mut named = find_entities(&["Talks resumed in Brussels on Monday."]);
        add_dateline_place(&mut named, "Brussels");
        assert_eq!(named.len(), 1, "{named:?}");
    }

    #[test]
    fn kind_of_body_right_before_a_name_makes_it_a_body() {
        entities_with(
            "The shipping group Velmarsk said it had diverted ships.",
            &[("Velmarsk", EntityKind::Organization)],
        );
        let e = find_entities(&["The film producer Ada Lind said it would open."]);
        assert_kind(&e, "Ada Lind", EntityKind::Person);
    }

    #[test]
    fn parties_and_armed_groups_named_alone_are_bodies() {
        entities_with(
            "The vote was close. Labour and the Tories backed it; Boko Haram denied it.",
            &[
                ("Labour", EntityKind::Organization),
                ("Tories", EntityKind::Organization),
                ("Boko Haram", EntityKind::Organization),
            ],
        );
    }

    #[test]
    fn facility_named_by_its_last_word_is_a_place_not_a_body() {
        entities_with(
            "Flights at Velmora International Airport were delayed.",
            &[("Velmora International Airport", EntityKind::Place)],
        );
    }

    #[test]
    fn person_beside_a_place_stays_a_person() {
        let e = find_entities(&["Envoys from Germany and Ada Lindqvist met."]);
        assert!(
            find(&e, "Ada Lindqvist").is_none_or(|x| x.kind == EntityKind::Person),
            "{e:?}"
        );
    }

    #[test]
    fn body_in_a_place_is_no_place() {
        let e = find_entities(&["She joined the Velmora Circle in London and the Orsk Guild."]);
        assert!(
            find(&e, "Velmora Circle").is_none_or(|x| x.kind != EntityKind::Place),
            "{e:?}"
        );
    }

    #[test]
    fn lone_given_name_is_the_person_named_in_full() {
        let e = entities_with(
            "Maya Okafor joined in 2014. \"People thought Maya's boxes were a gadget,\" Tom Hale said.",
            &[("Maya Okafor", EntityKind::Person)],
        );
        assert!(find(&e, "Maya").is_none(), "{e:?}");
        let maya = find(&e, "Maya Okafor").expect("Maya Okafor");
        assert_eq!(maya.mentions.len(), 2, "{maya:?}");
    }

    #[test]
    fn first_word_of_a_body_is_its_short_form() {
        let e = entities_with(
            "Velmora Motors recalled cars. Velmora engineer Ada Lind said a fix was ready.",
            &[("Velmora Motors", EntityKind::Organization)],
        );
        assert!(find(&e, "Velmora").is_none(), "{e:?}");
        let motors = find(&e, "Velmora Motors").expect("body");
        assert!(
            motors.aliases.contains(&"Velmora".to_string()),
            "{motors:?}"
        );
        // A possessive of more words opens its body's name.
        let e = find_entities(&[
            "Doctors at St Brannoc's Hospital led it, said a surgeon at St Brannoc's.",
        ]);
        assert!(find(&e, "St Brannoc").is_none(), "{e:?}");
    }
}

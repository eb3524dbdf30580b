//! Open gazetteers: given names (with the sex they are most often given
//! to), surnames, places and listed companies, from the data files in
//! `extract/data/`.
//!
//! Each file is compiled in with `include_str!` and names its source and
//! licence on its first line (`# ...`); `data/generate.py` rebuilds them
//! from the packages it names. The hand-written lists in [`super::names`]
//! stay the first word: they hold the international names, aliases and
//! short forms the open lists lack; these add breadth.
//!
//! Lookups are hash-map reads; each table is parsed once per process, on
//! first use (about 40,000 lines, a few milliseconds).
//!
//! What the rules may ask, in the order the entity rules ask it:
//! 1. [`given_name`]: a census given name, or one of the hand list of
//!    given names common outside the US that the census lacks
//!    (`data/world_given_names.tsv`: "Luc", "Yoshihiko", "Ngozi"), with its
//!    sex and whether it is also an ordinary English word ("Will", "Rose",
//!    "Grant");
//! 2. [`is_surname`]: one of the 20,000 commonest census surnames that is
//!    not an ordinary English word;
//! 3. [`place`]: a country, continent, first-level subdivision or city of
//!    15,000 or more people, with its kind and population. A one-word city
//!    counts only from [`ONE_WORD_CITY_POPULATION`] people up, and one that
//!    is also a given name or surname from [`AMBIGUOUS_CITY_POPULATION`]
//!    ("Victoria", "Irving" yes; "Clinton", "Obama" no): small towns share
//!    their names with too many people and things;
//! 4. [`is_known_org`]: a well-known news outlet, agency, web platform,
//!    company, party, armed group, NGO, pollster, club or parliament that
//!    carries no organisation word ("Wikipedia", "Sky News", "Reuters",
//!    "Gallup"): a hand list in `data/known_orgs.txt`, and the listed
//!    companies;
//! 5. [`is_english_word`]: an ordinary lower-case English word (SCOWL, via
//!    Debian's `wamerican`), so that a pair of capitalised words nobody
//!    explains is taken for a name only when it is no phrase of English.

use super::names::WordBuildHasher;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

const GIVEN_NAMES_TSV: &str = include_str!("data/given_names.tsv");
const WORLD_GIVEN_NAMES_TSV: &str = include_str!("data/world_given_names.tsv");
const SURNAMES_TXT: &str = include_str!("data/surnames.txt");
const SURNAME_WORDS_TXT: &str = include_str!("data/surname_words.txt");
const PLACES_TSV: &str = include_str!("data/places.tsv");
const KNOWN_ORGS_TXT: &str = include_str!("data/known_orgs.txt");
const COMPANIES_TXT: &str = include_str!("data/companies.txt");
const ENGLISH_WORDS_TXT: &str = include_str!("data/english_words.txt");

/// Words that name a province or town somewhere ("Eastern" Province,
/// "Central", "Bay") but in English copy are almost always a direction or
/// a common noun capitalised in a longer name.
const GENERIC_PLACE_WORDS: &[&str] = &[
    "North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western", "Central",
    "Bay", "Upper", "Lower", "Coast", "Capital", "Centre", "Center", "Batman",
];

/// Below this population a one-word city name is not taken as a place.
pub const ONE_WORD_CITY_POPULATION: u64 = 50_000;
/// Below this population a city named like a person is not taken as a place.
pub const AMBIGUOUS_CITY_POPULATION: u64 = 200_000;

/// The sex a given name is most often given to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sex {
    Female,
    Male,
    /// Given to both within a factor of three.
    Either,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GivenName {
    pub sex: Sex,
    /// Also an ordinary lower-case English word ("Will", "Rose").
    pub is_word: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaceKind {
    Country,
    Continent,
    Region,
    City,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub kind: PlaceKind,
    pub population: u64,
}

type Map<V> = HashMap<&'static str, V, WordBuildHasher>;

/// Data lines of a gazetteer file: the header and blank lines skipped.
fn data_lines(file: &'static str) -> impl Iterator<Item = &'static str> {
    file.lines()
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
}

fn given_names() -> &'static Map<GivenName> {
    static TABLE: OnceLock<Map<GivenName>> = OnceLock::new();
    TABLE.get_or_init(|| {
        // The census list first; the world list adds the names it lacks.
        data_lines(WORLD_GIVEN_NAMES_TSV)
            .chain(data_lines(GIVEN_NAMES_TSV))
            .filter_map(|line| {
                let mut cols = line.split('\t');
                let name = cols.next()?;
                let sex = match cols.next()? {
                    "f" => Sex::Female,
                    "m" => Sex::Male,
                    _ => Sex::Either,
                };
                let is_word = cols.next()? == "w";
                Some((name, GivenName { sex, is_word }))
            })
            .collect()
    })
}

fn surnames() -> &'static HashSet<&'static str, WordBuildHasher> {
    static TABLE: OnceLock<HashSet<&'static str, WordBuildHasher>> = OnceLock::new();
    TABLE.get_or_init(|| data_lines(SURNAMES_TXT).collect())
}

fn surname_words() -> &'static HashSet<&'static str, WordBuildHasher> {
    static TABLE: OnceLock<HashSet<&'static str, WordBuildHasher>> = OnceLock::new();
    TABLE.get_or_init(|| data_lines(SURNAME_WORDS_TXT).collect())
}

fn known_orgs() -> &'static HashSet<&'static str, WordBuildHasher> {
    static TABLE: OnceLock<HashSet<&'static str, WordBuildHasher>> = OnceLock::new();
    TABLE.get_or_init(|| {
        data_lines(KNOWN_ORGS_TXT)
            .chain(data_lines(COMPANIES_TXT))
            .collect()
    })
}

/// A well-known organisation named without an organisation word, as
/// written: the hand list ("Wikipedia", "BBC News") and listed companies
/// ("Goldman Sachs", "BNP Paribas").
pub fn is_known_org(name: &str) -> bool {
    known_orgs().contains(name)
}

fn english_words() -> &'static HashSet<&'static str, WordBuildHasher> {
    static TABLE: OnceLock<HashSet<&'static str, WordBuildHasher>> = OnceLock::new();
    TABLE.get_or_init(|| data_lines(ENGLISH_WORDS_TXT).collect())
}

/// An ordinary English word, given in lower case ("gross", "cave").
pub fn is_english_word(lower: &str) -> bool {
    english_words().contains(lower)
}

fn places() -> &'static Map<Place> {
    static TABLE: OnceLock<Map<Place>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table: Map<Place> = data_lines(PLACES_TSV)
            .filter_map(|line| {
                let mut cols = line.split('\t');
                let name = cols.next()?;
                let kind = match cols.next()? {
                    "country" => PlaceKind::Country,
                    "continent" => PlaceKind::Continent,
                    "region" => PlaceKind::Region,
                    "city" => PlaceKind::City,
                    _ => return None,
                };
                let population = cols.next()?.parse().ok()?;
                Some((name, Place { kind, population }))
            })
            .collect();
        // "Herāt" is also found as "Herat", the way English copy spells it.
        let folded: Vec<(&'static str, Place)> = table
            .iter()
            .filter_map(|(name, place)| {
                let ascii = fold_diacritics(name)?;
                (!table.contains_key(ascii.as_str()))
                    .then(|| (&*Box::leak(ascii.into_boxed_str()), *place))
            })
            .collect();
        table.extend(folded);
        table
    })
}

/// `name` with Latin diacritics dropped ("Herāt" -> "Herat"), when it has
/// any and no other non-ASCII letter.
fn fold_diacritics(name: &str) -> Option<String> {
    if name.is_ascii() {
        return None;
    }
    name.chars()
        .map(|c| {
            if c.is_ascii() {
                return Some(c);
            }
            let base = match c {
                'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
                'Á' | 'À' | 'Â' | 'Ä' | 'Ã' | 'Å' | 'Ā' => 'A',
                'ç' | 'ć' | 'č' => 'c',
                'Ç' | 'Ć' | 'Č' => 'C',
                'é' | 'è' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
                'É' | 'È' | 'Ê' | 'Ë' | 'Ē' => 'E',
                'í' | 'ì' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => 'i',
                'Í' | 'Ì' | 'Î' | 'Ï' | 'Ī' | 'İ' => 'I',
                'ñ' | 'ń' | 'ň' | 'ņ' => 'n',
                'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ō' | 'ő' => 'o',
                'Ó' | 'Ò' | 'Ô' | 'Ö' | 'Ō' => 'O',
                'ú' | 'ù' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' => 'u',
                'Ú' | 'Ù' | 'Û' | 'Ü' | 'Ū' => 'U',
                'ś' | 'ş' | 'š' | 'ș' => 's',
                'Ś' | 'Ş' | 'Š' | 'Ș' => 'S',
                'ţ' | 'ť' | 'ț' => 't',
                'ź' | 'ż' | 'ž' => 'z',
                'Ź' | 'Ż' | 'Ž' => 'Z',
                'ý' | 'ÿ' => 'y',
                'ğ' => 'g',
                'ř' => 'r',
                'ł' => 'l',
                'ď' | 'đ' => 'd',
                _ => return None,
            };
            Some(base)
        })
        .collect()
}

/// A census given name ("Margaret" -> female).
pub fn given_name(word: &str) -> Option<GivenName> {
    given_names().get(word).copied()
}

/// The sex a given name is most often given to, if it is a known one.
pub fn given_name_sex(word: &str) -> Option<Sex> {
    given_name(word).map(|g| g.sex)
}

/// A common surname that is not also an ordinary English word.
pub fn is_surname(word: &str) -> bool {
    surnames().contains(word)
}

/// A common census surname that is also an English word ("Brown", "Hill"):
/// a given name before it may be a person's ("Gordon Brown"), before
/// another English word not ("Marshall Plan").
pub fn is_surname_word(word: &str) -> bool {
    surname_words().contains(word)
}

/// A place of the gazetteer by its exact name, however small: for contexts
/// that already say it is a place ("in X", "X, Texas").
pub fn any_place(name: &str) -> Option<Place> {
    if GENERIC_PLACE_WORDS.contains(&name) {
        return None;
    }
    places().get(name).copied()
}

/// A place by its exact name, leaving out small cities named like people.
pub fn place(name: &str) -> Option<Place> {
    place_entry(name).map(|(_, place)| place)
}

/// The table's own copy of a place name, for canonical names.
pub fn place_name(name: &str) -> Option<&'static str> {
    place_entry(name).map(|(key, _)| key)
}

/// [`place`] with the table's copy of the name, from one lookup.
fn place_entry(name: &str) -> Option<(&'static str, Place)> {
    let (&key, &found) = places().get_key_value(name)?;
    if GENERIC_PLACE_WORDS.contains(&name) {
        return None;
    }
    if found.kind != PlaceKind::City || name.contains(' ') {
        return Some((key, found));
    }
    let person_like = given_name(name).is_some() || is_surname(name);
    let floor = if person_like {
        AMBIGUOUS_CITY_POPULATION
    } else {
        ONE_WORD_CITY_POPULATION
    };
    (found.population >= floor).then_some((key, found))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_data_line_parses() {
        // The two lists share no name: each line is one entry.
        assert_eq!(
            given_names().len(),
            data_lines(GIVEN_NAMES_TSV).count() + data_lines(WORLD_GIVEN_NAMES_TSV).count()
        );
        assert!(places().len() >= data_lines(PLACES_TSV).count());
        assert_eq!(surnames().len(), data_lines(SURNAMES_TXT).count());
        assert_eq!(surname_words().len(), data_lines(SURNAME_WORDS_TXT).count());
        assert!(known_orgs().len() >= data_lines(COMPANIES_TXT).count());
        assert!(data_lines(KNOWN_ORGS_TXT).all(|name| known_orgs().contains(name)));
        assert_eq!(english_words().len(), data_lines(ENGLISH_WORDS_TXT).count());
    }

    #[test]
    fn each_file_names_its_source_and_licence() {
        for file in [
            GIVEN_NAMES_TSV,
            WORLD_GIVEN_NAMES_TSV,
            SURNAMES_TXT,
            SURNAME_WORDS_TXT,
            PLACES_TSV,
            KNOWN_ORGS_TXT,
            COMPANIES_TXT,
            ENGLISH_WORDS_TXT,
        ] {
            let header = file.lines().next().unwrap_or_default();
            assert!(header.starts_with("# "), "{header}");
            assert!(
                ["public domain", "CC BY", "MIT", "permission to use"]
                    .iter()
                    .any(|l| header.contains(l)),
                "{header}"
            );
        }
    }

    #[test]
    fn listed_company_is_known_but_not_an_english_word_company() {
        assert!(is_known_org("BNP Paribas"));
        assert!(is_known_org("Siemens Energy"));
        // "Target" and "Shell" are listed, but as one word they are
        // ordinary words: left out of the list.
        assert!(!is_known_org("Target"));
        assert!(!is_known_org("Shell"));
    }

    #[test]
    fn world_given_names_fill_what_the_census_lacks() {
        assert_eq!(given_name_sex("Yoshihiko"), Some(Sex::Male));
        assert_eq!(given_name_sex("Ségolène"), Some(Sex::Female));
        assert!(given_name("Luc").is_some_and(|g| !g.is_word));
    }

    #[test]
    fn given_name_has_the_sex_it_is_most_often_given_to() {
        assert_eq!(given_name_sex("Margaret"), Some(Sex::Female));
        assert_eq!(given_name_sex("Robert"), Some(Sex::Male));
        assert_eq!(given_name_sex("Jordan"), Some(Sex::Male));
        assert_eq!(given_name_sex("Table"), None);
    }

    #[test]
    fn given_name_that_is_an_english_word_is_flagged() {
        assert!(given_name("Rose").is_some_and(|g| g.is_word));
        assert!(given_name("Eugene").is_some_and(|g| !g.is_word));
    }

    #[test]
    fn surname_excludes_english_words() {
        assert!(is_surname("Rodriguez"));
        assert!(!is_surname("Brown"));
    }

    #[test]
    fn place_covers_states_regions_and_cities() {
        assert_eq!(
            place("Massachusetts").map(|p| p.kind),
            Some(PlaceKind::Region)
        );
        assert_eq!(place("Queensland").map(|p| p.kind), Some(PlaceKind::Region));
        assert_eq!(place("Christchurch").map(|p| p.kind), Some(PlaceKind::City));
        assert_eq!(place("Kenya").map(|p| p.kind), Some(PlaceKind::Country));
    }

    #[test]
    fn small_city_named_like_a_person_is_not_a_place() {
        // A town of 36,000 that is a common surname and given name.
        assert_eq!(place("Clinton"), None);
        // A town of 29,000 whose name is better known as a person's.
        assert_eq!(place("Obama"), None);
        // A large one is.
        assert!(place("Victoria").is_some());
    }

    #[test]
    fn direction_word_is_not_a_place() {
        assert_eq!(place("Eastern"), None);
        assert_eq!(place("Central"), None);
    }

    #[test]
    fn multi_word_city_counts_from_fifteen_thousand() {
        assert!(place("Mountain View").is_some());
    }

    #[test]
    fn known_org_is_matched_as_written() {
        assert!(is_known_org("Wikipedia"));
        assert!(is_known_org("Sky News"));
        assert!(!is_known_org("wikipedia"));
        assert!(!is_known_org("Sky"));
    }

    #[test]
    fn english_word_is_known_in_lower_case_only() {
        assert!(is_english_word("cave"));
        assert!(!is_english_word("Cave"));
        assert!(!is_english_word("lukasiewicz"));
    }

    #[test]
    fn place_spelt_without_diacritics_is_found() {
        assert_eq!(fold_diacritics("Herāt").as_deref(), Some("Herat"));
        assert_eq!(fold_diacritics("Paris"), None);
        assert_eq!(place("Herat").map(|p| p.kind), Some(PlaceKind::City));
        assert_eq!(place_name("Herat"), Some("Herat"));
    }

    #[test]
    fn city_that_is_an_english_word_is_left_out() {
        assert_eq!(place("Police"), None);
        assert_eq!(place("Reading"), None);
    }
}

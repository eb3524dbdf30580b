//! Site-wide entities: merges the people, organisations and places found in
//! each briefing into one entity per real-world name, across spelling
//! variants ("Kim Jong Un" / "Kim Jong-un") and acronyms ("CSIS"), with the
//! editorial registry (`content/entities.toml`) taking precedence.
//!
//! Merging is by shared keys through a union-find, so its cost grows with the
//! number of mentions, never with pairs of briefings. Only specific names
//! are keys: a full name, a multi-word alias, an acronym. A bare surname or
//! "Mr Kim" is never a key across briefings, since it names different people
//! in different stories.

use crate::extract::entities::name_key;
use crate::model::{Briefing, EntityKind, RegistryEntry, TextPlace};
use crate::text::slugify;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// One entity across the whole site.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SiteEntity {
    pub slug: String,
    pub name: String,
    pub kind: EntityKind,
    pub aliases: Vec<String>,
    /// Roles the briefings give it ("Pentagon spokesman"), most common first.
    pub roles: Vec<String>,
    pub description: Option<String>,
    pub link: Option<String>,
    pub in_registry: bool,
    /// One entry per briefing that mentions it, in site order.
    pub mentions: Vec<BriefingMention>,
    /// Quotes attributed to it: (briefing index, quote index in that briefing).
    pub quotes: Vec<(usize, usize)>,
}

/// Where a briefing first mentions an entity, and how often it does.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BriefingMention {
    pub briefing: usize,
    pub count: usize,
    /// The sentence of the first mention, for context on the entity page.
    /// Shared with the briefing's kept entity facts: a rebuild merges every
    /// briefing's facts again, and copying each sentence was most of it.
    pub sentence: Arc<str>,
    pub place: TextPlace,
    /// The first mention as written, and its byte range in its text unit.
    pub text: Arc<str>,
    pub start: usize,
    pub end: usize,
}

/// Words that make a person alias too vague to merge across briefings.
const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "professor",
    "prof",
    "president",
    "general",
    "major",
    "minister",
    "secretary",
    "sir",
    "dame",
    "lord",
    "lady",
    "judge",
    "senator",
    "governor",
    "mayor",
    "chancellor",
    "colonel",
    "captain",
    "lieutenant",
    "admiral",
    "sergeant",
    "ambassador",
    "king",
    "queen",
    "prince",
];

/// Keys under which an extracted entity may meet the same entity elsewhere.
/// A name as entities are joined by it: the kind (`None` matches any) and
/// the name's comparison key.
type Key = (Option<EntityKind>, String);

fn keys(kind: EntityKind, name: &str, aliases: &[String]) -> Vec<Key> {
    let mut keys = vec![(Some(kind), name_key(name))];
    for alias in aliases {
        let words: Vec<&str> = alias.split_whitespace().collect();
        let is_acronym = words.len() == 1
            && alias.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && alias
                .chars()
                .all(|c| c.is_uppercase() || c == '.' || c == '&' || c.is_ascii_digit());
        let specific = match kind {
            EntityKind::Person => {
                words.len() >= 2
                    && !words
                        .iter()
                        .any(|w| TITLES.contains(&w.trim_end_matches('.').to_lowercase().as_str()))
            }
            _ => words.len() >= 2 || is_acronym,
        };
        if specific {
            keys.push((Some(kind), name_key(alias)));
        }
    }
    keys.retain(|(_, k)| !k.is_empty());
    keys
}

/// What the merge needs of one briefing's entities, worked out from that
/// briefing and the registry alone: a session keeps it between rebuilds,
/// so a rebuild works it out for the changed briefings only.
#[derive(Debug, Clone, Default)]
pub struct EntityFacts {
    /// One per entity of the briefing, in its order.
    entities: Vec<OneEntity>,
}

#[derive(Debug, Clone)]
struct OneEntity {
    keys: Vec<Key>,
    /// Registry entries one of its names matches.
    in_registry: Vec<usize>,
    /// Its first mention that is in the briefing's text, with its sentence.
    first: Option<FirstMention>,
    /// How many of its mentions are in the briefing's text.
    mentions: usize,
}

#[derive(Debug, Clone)]
struct FirstMention {
    sentence: Arc<str>,
    place: TextPlace,
    text: Arc<str>,
    start: usize,
    end: usize,
}

/// The registry's names and aliases by comparison key: the entry each
/// names (the first, when several do).
#[derive(Debug, Default)]
pub struct RegistryKeys(FxHashMap<String, usize>);

impl RegistryKeys {
    pub fn new(registry: &[RegistryEntry]) -> RegistryKeys {
        let mut keys: FxHashMap<String, usize> = FxHashMap::default();
        for (i, entry) in registry.iter().enumerate() {
            for name in std::iter::once(&entry.name).chain(&entry.aliases) {
                keys.entry(name_key(name)).or_insert(i);
            }
        }
        RegistryKeys(keys)
    }
}

/// A place no paragraph names but the dateline does ("KYIV, March 3
/// (Reuters) -"): its mention is the dateline line, shown as written.
fn dateline_mention(briefing: &Briefing, entity: &crate::model::Entity) -> Option<FirstMention> {
    if !entity.mentions.is_empty() || !entity.evidence.contains(&"dateline") {
        return None;
    }
    let line = briefing
        .meta_lines
        .iter()
        .find(|l| matches!(l.meta, crate::model::MetaRole::Dateline { .. }))?;
    let text = line.text.trim();
    Some(FirstMention {
        sentence: Arc::from(text),
        place: TextPlace::Title,
        text: Arc::from(entity.name.as_str()),
        start: 0,
        end: 0,
    })
}

/// The [`EntityFacts`] of one briefing.
pub fn entity_facts(briefing: &Briefing, registry: &RegistryKeys) -> EntityFacts {
    let units = briefing.text_units();
    let entities = briefing
        .entities
        .iter()
        .map(|entity| {
            let in_registry = if registry.0.is_empty() {
                Vec::new()
            } else {
                std::iter::once(&entity.name)
                    .chain(&entity.aliases)
                    .filter_map(|name| registry.0.get(&name_key(name)).copied())
                    .collect()
            };
            let mut found = entity
                .mentions
                .iter()
                .filter_map(|m| units.get(m.paragraph).map(|unit| (m, unit)));
            let first = found
                .next()
                .map(|(m, (place, text))| FirstMention {
                    sentence: Arc::from(crate::text::sentence_at(text, m.start)),
                    place: *place,
                    text: Arc::from(m.text.as_str()),
                    start: m.start,
                    end: m.end,
                })
                .or_else(|| dateline_mention(briefing, entity));
            OneEntity {
                keys: keys(entity.kind, &entity.name, &entity.aliases),
                in_registry,
                mentions: usize::from(first.is_some()) + found.count(),
                first,
            }
        })
        .collect();
    EntityFacts { entities }
}

struct UnionFind(Vec<usize>);

impl UnionFind {
    fn find(&mut self, x: usize) -> usize {
        let mut root = x;
        while self.0[root] != root {
            root = self.0[root];
        }
        let mut node = x;
        while self.0[node] != root {
            let next = self.0[node];
            self.0[node] = root;
            node = next;
        }
        root
    }

    /// Joins two groups; the smaller index stays the root, so registry
    /// entries (indexed first) always lead their group.
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            let (keep, drop) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.0[drop] = keep;
        }
    }
}

/// The result of merging: site entities and how briefings map onto them.
#[derive(Debug, Clone)]
pub struct Merged {
    /// Entities mentioned in at least one briefing, by kind then name.
    pub entities: Vec<SiteEntity>,
    /// Per briefing, the site entity index of each of its own entities;
    /// `None` for a doubtful one (see [`Merged::doubtful`]).
    pub briefing_entities: Vec<Vec<Option<usize>>>,
    /// Registry names that match nothing in any briefing.
    pub unmatched_registry: Vec<String>,
    /// Entities no rule is sure of and no registry entry names: no page,
    /// no "Who's who" line, no link; `check` lists them for an editor.
    pub doubtful: Vec<DoubtfulEntity>,
}

/// An entity left out of the site for want of evidence, with where it is.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DoubtfulEntity {
    pub name: String,
    pub kind: EntityKind,
    /// The best confidence any briefing's rules gave it.
    pub confidence: f32,
    /// The rules that found it, over every briefing naming it.
    pub evidence: Vec<&'static str>,
    /// Indices of the briefings that name it, in site order.
    pub briefings: Vec<usize>,
}

/// Merges the entities of every briefing (in site order) with the registry.
pub fn merge(briefings: &[Briefing], registry: &[RegistryEntry]) -> Merged {
    let keys = RegistryKeys::new(registry);
    let facts: Vec<EntityFacts> = briefings
        .par_iter()
        .map(|b| entity_facts(b, &keys))
        .collect();
    merge_with(briefings, &facts, registry)
}

/// [`merge`], given each briefing's [`EntityFacts`] (`facts[i]` of
/// `briefings[i]`, worked out with the same registry).
pub fn merge_with<F: std::borrow::Borrow<EntityFacts> + Sync>(
    briefings: &[Briefing],
    facts: &[F],
    registry: &[RegistryEntry],
) -> Merged {
    // Nodes: registry entries first, then every (briefing, entity).
    let mut nodes: Vec<(Option<usize>, usize)> = (0..registry.len()).map(|i| (None, i)).collect();
    for (b, briefing) in briefings.iter().enumerate() {
        nodes.extend((0..briefing.entities.len()).map(|e| (Some(b), e)));
    }
    let mut uf = UnionFind((0..nodes.len()).collect());
    let fact = |b: usize, e: usize| &facts[b].borrow().entities[e];
    // Registry keys match any kind: the editor's word is final.
    let mut first_with_key: FxHashMap<&Key, usize> = FxHashMap::default();
    for (node, &(b, e)) in nodes.iter().enumerate().skip(registry.len()) {
        let one = fact(b.unwrap_or_default(), e);
        for &r in &one.in_registry {
            uf.union(r, node);
        }
        for key in &one.keys {
            match first_with_key.get(key) {
                Some(&other) => uf.union(other, node),
                None => {
                    first_with_key.insert(key, node);
                }
            }
        }
    }

    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for node in 0..nodes.len() {
        let root = uf.find(node);
        groups.entry(root).or_default().push(node);
    }

    let mut unmatched_registry = Vec::new();
    let mut node_entity = vec![usize::MAX; nodes.len()];
    let mut found_groups: Vec<&Vec<usize>> = Vec::new();
    for members in groups.values() {
        if members.iter().all(|&m| nodes[m].0.is_none()) {
            unmatched_registry.extend(members.iter().map(|&m| registry[nodes[m].1].name.clone()));
            continue;
        }
        for &m in members {
            node_entity[m] = found_groups.len();
        }
        found_groups.push(members);
    }
    let entities: Vec<SiteEntity> = found_groups
        .par_iter()
        .map(|members| build_entity(members, &nodes, briefings, &fact, registry))
        .collect();
    // A group no registry entry names and no rule is sure of is doubtful.
    let mut doubtful = Vec::new();
    let kept: Vec<bool> = found_groups
        .iter()
        .zip(&entities)
        .map(|(members, entity)| {
            let found = || {
                members.iter().filter_map(|&m| match nodes[m] {
                    (Some(b), e) => Some((b, &briefings[b].entities[e])),
                    _ => None,
                })
            };
            if entity.in_registry || found().any(|(_, e)| !e.is_doubtful()) {
                return true;
            }
            let mut evidence: Vec<&'static str> = Vec::new();
            for (_, e) in found() {
                for &rule in &e.evidence {
                    if !evidence.contains(&rule) {
                        evidence.push(rule);
                    }
                }
            }
            let mut named_in: Vec<usize> = found().map(|(b, _)| b).collect();
            named_in.dedup();
            doubtful.push(DoubtfulEntity {
                name: entity.name.clone(),
                kind: entity.kind,
                confidence: found().map(|(_, e)| e.confidence).fold(0.0, f32::max),
                evidence,
                briefings: named_in,
            });
            false
        })
        .collect();
    doubtful.sort_by(|a, b| (a.kind, &a.name).cmp(&(b.kind, &b.name)));

    // Stable order and slugs: by kind, then name.
    let mut order: Vec<usize> = (0..entities.len()).filter(|&i| kept[i]).collect();
    order.sort_by(|&a, &b| {
        (entities[a].kind, &entities[a].name).cmp(&(entities[b].kind, &entities[b].name))
    });
    let mut new_index = vec![None; entities.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = Some(new);
    }
    let mut slots: Vec<Option<SiteEntity>> = entities.into_iter().map(Some).collect();
    let mut sorted: Vec<SiteEntity> = order.iter().filter_map(|&i| slots[i].take()).collect();
    let mut taken = crate::text::UniqueIds::default();
    for entity in &mut sorted {
        entity.slug = match slugify(&entity.name) {
            s if s.is_empty() => taken.claim("entity"),
            s => taken.claim(&crate::text::fit_slug(s)),
        };
    }

    let mut briefing_entities: Vec<Vec<Option<usize>>> = briefings
        .iter()
        .map(|b| vec![None; b.entities.len()])
        .collect();
    for (node, &(b, e)) in nodes.iter().enumerate() {
        if let Some(b) = b {
            briefing_entities[b][e] = new_index[node_entity[node]];
        }
    }
    unmatched_registry.sort();
    Merged {
        entities: sorted,
        briefing_entities,
        unmatched_registry,
        doubtful,
    }
}

fn build_entity<'f>(
    members: &[usize],
    nodes: &[(Option<usize>, usize)],
    briefings: &[Briefing],
    fact: &(dyn Fn(usize, usize) -> &'f OneEntity + Sync),
    registry: &[RegistryEntry],
) -> SiteEntity {
    let entry = members.iter().find_map(|&m| match nodes[m] {
        (None, r) => Some(&registry[r]),
        _ => None,
    });
    let found: Vec<(usize, usize, &crate::model::Entity)> = members
        .iter()
        .filter_map(|&m| match nodes[m] {
            (Some(b), e) => Some((b, e, &briefings[b].entities[e])),
            _ => None,
        })
        .collect();

    // Canonical name: the registry's, else the form most mentioned.
    let mut name_votes: BTreeMap<&str, usize> = BTreeMap::new();
    let mut kind_votes: BTreeMap<EntityKind, usize> = BTreeMap::new();
    let mut role_votes: BTreeMap<&str, usize> = BTreeMap::new();
    let mut names: BTreeSet<String> = BTreeSet::new();
    for (_, _, e) in &found {
        *name_votes.entry(&e.name).or_default() += e.mentions.len().max(1);
        *kind_votes.entry(e.kind).or_default() += 1;
        if let Some(role) = &e.role {
            *role_votes.entry(role).or_default() += 1;
        }
        names.insert(e.name.clone());
        names.extend(e.aliases.iter().cloned());
    }
    let most = |votes: &BTreeMap<&str, usize>| {
        votes
            .iter()
            .max_by(|a, b| {
                a.1.cmp(b.1)
                    .then(a.0.len().cmp(&b.0.len()))
                    .then(b.0.cmp(a.0))
            })
            .map(|(name, _)| name.to_string())
    };
    let name = entry
        .map(|r| r.name.clone())
        .or_else(|| most(&name_votes))
        .unwrap_or_default();
    let kind = entry
        .map(|r| r.kind)
        .or_else(|| {
            kind_votes
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                .map(|(k, _)| *k)
        })
        .unwrap_or(EntityKind::Person);
    if let Some(entry) = entry {
        names.extend(entry.aliases.iter().cloned());
    }
    names.remove(&name);
    let mut roles: Vec<(&str, usize)> = role_votes.into_iter().collect();
    roles.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));

    // A briefing's first mention is that of its first entity in the group
    // with a mention in its text; the count is all of theirs.
    let mut mentions: BTreeMap<usize, BriefingMention> = BTreeMap::new();
    for &(b, e, _) in &found {
        let one = fact(b, e);
        let Some(first) = &one.first else {
            continue;
        };
        let entry = mentions.entry(b).or_insert_with(|| BriefingMention {
            briefing: b,
            count: 0,
            sentence: Arc::clone(&first.sentence),
            place: first.place,
            text: Arc::clone(&first.text),
            start: first.start,
            end: first.end,
        });
        entry.count += one.mentions;
    }
    SiteEntity {
        slug: String::new(),
        name,
        kind,
        aliases: names.into_iter().collect(),
        roles: roles.into_iter().map(|(r, _)| r.to_string()).collect(),
        description: entry.and_then(|r| r.description.clone()),
        link: entry.and_then(|r| r.link.clone()),
        in_registry: entry.is_some(),
        mentions: mentions.into_values().collect(),
        quotes: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Entity, Mention, Paragraph, SourceFormat};

    fn entity(name: &str, kind: EntityKind, aliases: &[&str]) -> Entity {
        Entity {
            name: name.into(),
            kind,
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            role: None,
            mentions: vec![Mention {
                paragraph: 0,
                start: 0,
                end: name.len(),
                text: name.into(),
            }],
            evidence: vec!["person_by_title"],
            confidence: 0.95,
        }
    }

    fn briefing(slug: &str, entities: Vec<Entity>) -> Briefing {
        let text = entities
            .iter()
            .map(|e| e.name.clone())
            .collect::<Vec<_>>()
            .join(" and ");
        Briefing {
            source: format!("{slug}.txt").into(),
            format: SourceFormat::Raw,
            slug: slug.into(),
            title: slug.into(),
            date: None,
            credit: None,
            authors: Vec::new(),
            dateline: None,
            meta_lines: Vec::new(),
            summary: None,
            tags: vec![],
            lead: vec![Paragraph {
                text: text.clone(),
                html: text,
            }],
            sections: vec![],
            captions: vec![],
            entities,
            quotes: vec![],
            terms: vec![],
            figures: vec![],
        }
    }

    fn names(merged: &Merged) -> Vec<&str> {
        merged.entities.iter().map(|e| e.name.as_str()).collect()
    }

    #[test]
    fn spelling_variants_merge_across_briefings() {
        let merged = merge(
            &[
                briefing("a", vec![entity("Kim Jong Un", EntityKind::Person, &[])]),
                briefing("b", vec![entity("Kim Jong-un", EntityKind::Person, &[])]),
            ],
            &[],
        );
        assert_eq!(merged.entities.len(), 1);
        assert_eq!(merged.entities[0].mentions.len(), 2);
        assert_eq!(merged.briefing_entities, vec![vec![Some(0)], vec![Some(0)]]);
    }

    #[test]
    fn acronym_alias_merges_with_full_name() {
        let merged = merge(
            &[
                briefing(
                    "a",
                    vec![entity(
                        "Center for Strategic and International Studies",
                        EntityKind::Organization,
                        &["CSIS"],
                    )],
                ),
                briefing("b", vec![entity("CSIS", EntityKind::Organization, &[])]),
            ],
            &[],
        );
        assert_eq!(
            names(&merged),
            vec!["Center for Strategic and International Studies"]
        );
        assert_eq!(merged.entities[0].aliases, vec!["CSIS"]);
    }

    #[test]
    fn shared_surname_does_not_merge_people_across_briefings() {
        let merged = merge(
            &[
                briefing(
                    "a",
                    vec![entity(
                        "Kim Jong Un",
                        EntityKind::Person,
                        &["Mr Kim", "Kim"],
                    )],
                ),
                briefing(
                    "b",
                    vec![entity(
                        "Kim Du-yeon",
                        EntityKind::Person,
                        &["Mr Kim", "Kim"],
                    )],
                ),
            ],
            &[],
        );
        assert_eq!(merged.entities.len(), 2);
    }

    #[test]
    fn same_name_of_different_kinds_stays_apart() {
        let merged = merge(
            &[
                briefing("a", vec![entity("Georgia", EntityKind::Place, &[])]),
                briefing("b", vec![entity("Georgia", EntityKind::Person, &[])]),
            ],
            &[],
        );
        assert_eq!(merged.entities.len(), 2);
    }

    fn doubtful(name: &str) -> Entity {
        let mut e = entity(name, EntityKind::Person, &[]);
        e.evidence = vec!["lone_capitalised_word"];
        e.confidence = 0.4;
        e
    }

    #[test]
    fn doubtful_entity_gets_no_site_entity_and_is_listed() {
        let merged = merge(
            &[briefing(
                "a",
                vec![
                    entity("Ana Lind", EntityKind::Person, &[]),
                    doubtful("Broadway"),
                ],
            )],
            &[],
        );
        assert_eq!(names(&merged), vec!["Ana Lind"]);
        assert_eq!(merged.briefing_entities, vec![vec![Some(0), None]]);
        assert_eq!(merged.doubtful.len(), 1);
        assert_eq!(merged.doubtful[0].name, "Broadway");
        assert_eq!(merged.doubtful[0].briefings, vec![0]);
        assert_eq!(merged.doubtful[0].evidence, vec!["lone_capitalised_word"]);
    }

    #[test]
    fn doubtful_in_one_briefing_sure_in_another_is_kept() {
        let merged = merge(
            &[
                briefing("a", vec![doubtful("Ana Lind")]),
                briefing("b", vec![entity("Ana Lind", EntityKind::Person, &[])]),
            ],
            &[],
        );
        assert_eq!(names(&merged), vec!["Ana Lind"]);
        assert!(merged.doubtful.is_empty());
        assert_eq!(merged.briefing_entities, vec![vec![Some(0)], vec![Some(0)]]);
    }

    #[test]
    fn registry_entry_makes_a_doubtful_entity_sure() {
        let registry = vec![RegistryEntry {
            name: "Broadway".into(),
            kind: EntityKind::Place,
            aliases: vec![],
            description: None,
            link: None,
        }];
        let merged = merge(&[briefing("a", vec![doubtful("Broadway")])], &registry);
        assert_eq!(names(&merged), vec!["Broadway"]);
        assert_eq!(merged.entities[0].kind, EntityKind::Place);
        assert!(merged.doubtful.is_empty());
    }

    #[test]
    fn registry_name_kind_and_description_win() {
        let registry = vec![RegistryEntry {
            name: "Democratic People's Republic of Korea".into(),
            kind: EntityKind::Place,
            aliases: vec!["North Korea".into(), "DPRK".into()],
            description: Some("Officially the DPRK.".into()),
            link: None,
        }];
        let merged = merge(
            &[
                briefing("a", vec![entity("North Korea", EntityKind::Place, &[])]),
                briefing("b", vec![entity("DPRK", EntityKind::Organization, &[])]),
            ],
            &registry,
        );
        assert_eq!(
            names(&merged),
            vec!["Democratic People's Republic of Korea"]
        );
        let e = &merged.entities[0];
        assert_eq!(
            (e.kind, e.in_registry, e.mentions.len()),
            (EntityKind::Place, true, 2)
        );
        assert_eq!(e.description.as_deref(), Some("Officially the DPRK."));
    }

    #[test]
    fn registry_entry_matching_nothing_is_reported() {
        let registry = vec![RegistryEntry {
            name: "Nobody Here".into(),
            kind: EntityKind::Person,
            aliases: vec![],
            description: None,
            link: None,
        }];
        let merged = merge(
            &[briefing(
                "a",
                vec![entity("Jane Roe", EntityKind::Person, &[])],
            )],
            &registry,
        );
        assert_eq!(merged.unmatched_registry, vec!["Nobody Here"]);
        assert_eq!(names(&merged), vec!["Jane Roe"]);
    }

    #[test]
    fn most_mentioned_spelling_is_canonical() {
        let mut often = entity("Kim Jong-un", EntityKind::Person, &[]);
        often.mentions = vec![often.mentions[0].clone(); 3];
        let merged = merge(
            &[
                briefing("a", vec![entity("Kim Jong Un", EntityKind::Person, &[])]),
                briefing("b", vec![often]),
            ],
            &[],
        );
        assert_eq!(names(&merged), vec!["Kim Jong-un"]);
        assert_eq!(merged.entities[0].aliases, vec!["Kim Jong Un"]);
    }

    #[test]
    fn entity_slugs_are_unique() {
        let merged = merge(
            &[briefing(
                "a",
                vec![
                    entity("Nova", EntityKind::Person, &[]),
                    entity("Nova", EntityKind::Place, &[]),
                ],
            )],
            &[],
        );
        let slugs: Vec<&str> = merged.entities.iter().map(|e| e.slug.as_str()).collect();
        assert_eq!(slugs, vec!["nova", "nova-2"]);
    }
}

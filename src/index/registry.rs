//! Applies the editorial registry (`content/entities.toml`) to extracted
//! briefings before they are merged: names listed under `ignore` stop being
//! entities, and registry names the rules missed are found in the text, so
//! an editor can fix any extraction mistake without touching a source.

use crate::extract::entities::name_key;
use crate::model::{Briefing, Entity, Mention, Registry};
use rayon::prelude::*;
use std::collections::HashSet;

/// Edits each briefing's entities (and quote speakers) by the registry.
pub fn apply(briefings: &mut [Briefing], registry: &Registry) {
    let ignored: HashSet<String> = registry.ignore.iter().map(|n| name_key(n)).collect();
    if ignored.is_empty() && registry.entity.is_empty() {
        return;
    }
    // Each briefing is edited on its own, so order across threads does not matter.
    briefings.par_iter_mut().for_each(|briefing| {
        if !ignored.is_empty() {
            drop_ignored(briefing, &ignored);
        }
        find_registry_names(briefing, registry);
    });
}

fn drop_ignored(briefing: &mut Briefing, ignored: &HashSet<String>) {
    let mut dropped = Vec::new();
    briefing.entities.retain(|e| {
        let keep = !ignored.contains(&name_key(&e.name));
        if !keep {
            dropped.push(e.name.clone());
        }
        keep
    });
    for entity in &mut briefing.entities {
        entity.aliases.retain(|a| !ignored.contains(&name_key(a)));
    }
    for quote in &mut briefing.quotes {
        if quote.speaker.as_ref().is_some_and(|s| dropped.contains(s)) {
            quote.speaker = None;
        }
    }
}

/// Adds registry entries the briefing names but extraction did not find.
fn find_registry_names(briefing: &mut Briefing, registry: &Registry) {
    if registry.entity.is_empty() {
        return;
    }
    let known: HashSet<String> = briefing
        .entities
        .iter()
        .flat_map(|e| std::iter::once(&e.name).chain(&e.aliases))
        .map(|n| name_key(n))
        .collect();
    // Borrows the text fields only, so entities can be pushed below.
    let units: Vec<&str> = crate::model::text_units(
        &briefing.captions,
        &briefing.lead,
        &briefing.sections,
        &briefing.title,
    )
    .into_iter()
    .map(|(_, t)| t)
    .collect();
    let mut taken: Vec<(usize, usize, usize)> = briefing
        .entities
        .iter()
        .flat_map(|e| e.mentions.iter().map(|m| (m.paragraph, m.start, m.end)))
        .collect();
    for entry in &registry.entity {
        let names: Vec<&String> = std::iter::once(&entry.name).chain(&entry.aliases).collect();
        if names.iter().any(|n| known.contains(&name_key(n))) {
            continue;
        }
        let mut mentions = Vec::new();
        for (paragraph, text) in units.iter().enumerate() {
            for name in &names {
                for start in crate::text::word_occurrences(text, name) {
                    let end = start + name.len();
                    let overlaps = taken
                        .iter()
                        .any(|&(p, s, e)| p == paragraph && start < e && s < end);
                    if !overlaps {
                        taken.push((paragraph, start, end));
                        mentions.push(Mention {
                            paragraph,
                            start,
                            end,
                            text: name.to_string(),
                        });
                    }
                }
            }
        }
        if !mentions.is_empty() {
            mentions.sort_by_key(|m| (m.paragraph, m.start));
            briefing.entities.push(Entity {
                name: entry.name.clone(),
                kind: entry.kind,
                aliases: Vec::new(),
                role: None,
                mentions,
                evidence: vec!["registry"],
                confidence: 1.0,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EntityKind, Paragraph, Quote, RegistryEntry, SourceFormat};

    fn briefing(text: &str, entities: Vec<Entity>) -> Briefing {
        Briefing {
            source: "a.txt".into(),
            format: SourceFormat::Raw,
            slug: "a".into(),
            title: "A".into(),
            date: None,
            credit: None,
            authors: Vec::new(),
            dateline: None,
            meta_lines: Vec::new(),
            summary: None,
            tags: vec![],
            lead: vec![Paragraph {
                text: text.into(),
                html: text.into(),
            }],
            sections: vec![],
            captions: vec![],
            entities,
            quotes: vec![],
            terms: vec![],
            figures: vec![],
        }
    }

    fn entity(name: &str, kind: EntityKind, start: usize) -> Entity {
        Entity {
            name: name.into(),
            kind,
            aliases: vec![],
            role: None,
            mentions: vec![Mention {
                paragraph: 0,
                start,
                end: start + name.len(),
                text: name.into(),
            }],
            evidence: vec!["person_by_title"],
            confidence: 0.95,
        }
    }

    #[test]
    fn ignored_names_stop_being_entities_and_speakers() {
        let mut b = briefing(
            "Forecasters said it would rain.",
            vec![entity("Forecasters", EntityKind::Organization, 0)],
        );
        b.quotes.push(Quote {
            speaker: Some("Forecasters".into()),
            text: "x".into(),
            ..Default::default()
        });
        let registry = Registry {
            entity: vec![],
            ignore: vec!["forecasters".into()],
        };
        apply(std::slice::from_mut(&mut b), &registry);
        assert!(b.entities.is_empty());
        assert_eq!(b.quotes[0].speaker, None);
    }

    #[test]
    fn registry_names_missed_by_the_rules_are_found_in_the_text() {
        let mut b = briefing("The River Tane rose. Later the River Tane fell.", vec![]);
        let registry = Registry {
            entity: vec![RegistryEntry {
                name: "River Tane".into(),
                kind: EntityKind::Place,
                aliases: vec![],
                description: None,
                link: None,
            }],
            ignore: vec![],
        };
        apply(std::slice::from_mut(&mut b), &registry);
        assert_eq!(b.entities.len(), 1);
        assert_eq!(b.entities[0].mentions.len(), 2);
        assert_eq!(b.entities[0].mentions[0].start, 4);
    }

    #[test]
    fn registry_names_already_found_are_not_added_twice() {
        let mut b = briefing(
            "Vantor Motors grew.",
            vec![entity("Vantor Motors", EntityKind::Organization, 0)],
        );
        let registry = Registry {
            entity: vec![RegistryEntry {
                name: "Vantor Motors".into(),
                kind: EntityKind::Organization,
                aliases: vec!["Vantor".into()],
                description: None,
                link: None,
            }],
            ignore: vec![],
        };
        apply(std::slice::from_mut(&mut b), &registry);
        assert_eq!(b.entities.len(), 1);
    }

    #[test]
    fn partial_words_are_not_registry_mentions() {
        let found: Vec<usize> = crate::text::word_occurrences("Tanes and Tane.", "Tane").collect();
        assert_eq!(found, vec![10]);
    }
}

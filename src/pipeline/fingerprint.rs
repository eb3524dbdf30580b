//! The fingerprint of each page job's inputs: a hash of what its view is
//! built from, never of the view itself (building every view would cost
//! most of a full render). Two runs that give a job the same fingerprint,
//! with the same tool, theme and settings, give it the same bytes: a
//! `serve` session re-renders only the jobs whose fingerprint changed, and
//! `briefing build` links the files of such a job from the last output
//! ([`super::jobs`]).
//!
//! - each briefing: its whole indexed model (hashed once);
//! - what other pages show of it: title, slug, date;
//! - each site entity: its identity (name, slug, kind, roles, aliases,
//!   description, link) and, for its own page, its mentions and quotes;
//! - the site-wide view every template receives.
//!
//! A briefing page depends on its briefing, its neighbours' links, its
//! related briefings and its entities; lists and print volumes on the
//! pages of the briefings they hold; an entity page on the entity and the
//! briefings that mention it. Templates and settings are not in it: the
//! caller keeps them fixed (a session) or names them in its cache's header.

use crate::index::Site;
use crate::render::pages::{Job, Plan};
use rayon::prelude::*;
use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

/// `std::io::Write` into a hasher, so serde can hash a value without
/// building its JSON text.
struct HashWriter<'a>(&'a mut DefaultHasher);

impl std::io::Write for HashWriter<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.write(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

pub fn hash_serialized(value: &impl serde::Serialize, hasher: &mut DefaultHasher) {
    // Serialising plain model structs to a hasher cannot fail; a failure
    // would only make the fingerprint coarser, never wrong, because the
    // marker below still changes with the value's type.
    let _ = serde_json::to_writer(HashWriter(hasher), value);
    0xffu8.hash(hasher);
}

pub fn hash_of(value: &impl serde::Serialize) -> u64 {
    let mut hasher = DefaultHasher::new();
    hash_serialized(value, &mut hasher);
    hasher.finish()
}

/// The fingerprint of every job's inputs (see the module documentation).
pub fn fingerprints(site: &Site, plan: &Plan, own: &[u64]) -> HashMap<Job, u64> {
    let mix = |parts: &[u64]| {
        let mut hasher = DefaultHasher::new();
        parts.hash(&mut hasher);
        hasher.finish()
    };
    let site_hash = hash_of(&plan.site_view);
    let link: Vec<u64> = site
        .briefings
        .iter()
        .map(|b| {
            let mut hasher = DefaultHasher::new();
            (&b.title, &b.slug, b.date).hash(&mut hasher);
            hasher.finish()
        })
        .collect();
    let entity_identity: Vec<u64> = site
        .entities
        .iter()
        .map(|e| {
            let mut hasher = DefaultHasher::new();
            (
                &e.slug,
                &e.name,
                hash_of(&e.kind),
                &e.aliases,
                &e.roles,
                &e.description,
                &e.link,
                e.in_registry,
            )
                .hash(&mut hasher);
            hasher.finish()
        })
        .collect();
    let briefing_page: Vec<u64> = (0..site.briefings.len())
        .into_par_iter()
        .map(|i| {
            let mut parts = vec![site_hash, own[i]];
            for r in &site.related[i] {
                parts.push(link[r.briefing]);
                parts.extend(r.shared.iter().map(|&e| entity_identity[e]));
                parts.extend(r.shared_tags.iter().map(hash_of));
            }
            parts.extend(
                site.briefing_entities[i]
                    .iter()
                    .flatten()
                    .map(|&e| entity_identity[e]),
            );
            mix(&parts)
        })
        .collect();
    let neighbours = |i: usize| {
        [
            i.checked_sub(1).map_or(0, |j| link[j]),
            link.get(i + 1).copied().unwrap_or(0),
        ]
    };

    let all: Vec<u64> = briefing_page.clone();
    let whole_site = mix(&[mix(&all), mix(&entity_identity), site_hash]);
    // In parallel: an entity page's fingerprint hashes all its mentions.
    let jobs = plan.jobs();
    jobs.par_iter()
        .map(|&job| {
            let fingerprint = match job {
                Job::Briefing(i) => {
                    let [prev, next] = neighbours(i);
                    mix(&[briefing_page[i], prev, next])
                }
                Job::BriefingJson(i) => own[i],
                Job::IndexPage(n) | Job::QuestionsPage(n) => {
                    let range = plan.list_range(n);
                    let mut parts = vec![site_hash, n as u64, plan.list_pages() as u64];
                    parts.extend(&briefing_page[range]);
                    mix(&parts)
                }
                Job::PrintVolume(n) => {
                    let range = plan.volume_range(n);
                    let mut parts = vec![site_hash, n as u64, plan.volumes() as u64];
                    parts.extend(&briefing_page[range]);
                    mix(&parts)
                }
                Job::Entity(e) => {
                    let entity = &site.entities[e];
                    // A mention's sentence and text come from its briefing,
                    // which `own` covers: hashing where it is suffices, and
                    // serialising every sentence cost most of the plan step.
                    let mut hasher = DefaultHasher::new();
                    for m in &entity.mentions {
                        (own[m.briefing], m.count, m.place, m.start, m.end).hash(&mut hasher);
                    }
                    let mut parts = vec![site_hash, entity_identity[e], hasher.finish()];
                    parts.extend(entity.quotes.iter().map(|&(b, q)| mix(&[own[b], q as u64])));
                    mix(&parts)
                }
                Job::EntitiesIndex => {
                    let mut parts = vec![site_hash];
                    parts.extend(&entity_identity);
                    parts.extend(
                        site.entities
                            .iter()
                            .map(|e| mix(&[e.mentions.len() as u64, e.quotes.len() as u64])),
                    );
                    mix(&parts)
                }
                Job::Tag(t) => {
                    let tag = &plan.tags[t];
                    let mut parts = vec![site_hash, hash_of(tag)];
                    parts.extend(tag.briefings.iter().map(|&i| briefing_page[i]));
                    mix(&parts)
                }
                Job::TagsIndex => mix(&[site_hash, hash_of(&plan.tags)]),
                Job::SearchPage | Job::Static(_) => site_hash,
                Job::BriefingList => mix(&link),
                // The search index, feed and sitemap are rebuilt when anything
                // changes; they read a little of everything.
                Job::SearchIndex | Job::Feed | Job::Sitemap => whole_site,
            };
            (job, fingerprint)
        })
        .collect()
}

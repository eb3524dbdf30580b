//! Related briefings: for each briefing, the others that share the most
//! telling people, organisations, tags and places. What is shared is
//! weighed twice:
//!
//! - **by kind**: a person, an organisation or a tag counts in full, a place
//!   for [`PLACE_WEIGHT`] of that: two stories that both mention "United
//!   States" or "Europe" are not about the same thing;
//! - **by rarity**: its inverse document frequency (`ln(1 + N / df)`), so a
//!   name in two briefings counts for more than one in twenty.
//!
//! A briefing is listed only when it shares at least one person,
//! organisation or tag (places alone never relate two stories) and its
//! score reaches [`MIN_SCORE_SHARE`] of what one shared person in just
//! two briefings would give (`ln(1 + N / 2)`): in a site of 100
//! briefings, one name shared by a fifth of them is not enough, two are. Built from an inverted index (feature ->
//! briefings), never by comparing all pairs; features named in a large
//! share of briefings are skipped, which bounds the work per briefing as
//! the site grows. Each related briefing keeps what it shares (entities
//! and tags, strongest first) so its link can say so.

use crate::model::EntityKind;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;

/// A related briefing, with the shared entities and tags that make it
/// related, strongest first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Related {
    pub briefing: usize,
    pub score: f64,
    /// Site entities both briefings mention.
    pub shared: Vec<usize>,
    /// Tags both briefings carry (as the first of them writes it).
    pub shared_tags: Vec<String>,
}

/// Features in more briefings than this share (and this floor) say little
/// about relatedness and would make the index quadratic.
const MAX_SHARE: f64 = 0.2;
const MIN_CAP: usize = 25;
/// ...and whatever the site's size, a feature named in more briefings than
/// this is skipped too: a share alone still lets the work per briefing grow
/// with the site (at 100,000 briefings a 20% entity is 20,000 postings for
/// every briefing naming it; the index stage took 79 s there before this).
const MAX_POSTINGS: usize = 1000;

/// How much a shared place counts beside a shared person, organisation or
/// tag (1.0).
pub const PLACE_WEIGHT: f64 = 0.3;

/// The least score listed, as a share of `ln(1 + N / 2)`, the weight of
/// one person named in exactly two of the site's N briefings.
pub const MIN_SCORE_SHARE: f64 = 0.6;

/// The weight of an entity of `kind` before rarity.
pub fn kind_weight(kind: EntityKind) -> f64 {
    match kind {
        EntityKind::Place => PLACE_WEIGHT,
        EntityKind::Person | EntityKind::Organization => 1.0,
    }
}

/// What each briefing has that another may share.
pub struct Features<'a> {
    /// `entities[b]` lists the site entities briefing `b` mentions with how
    /// many times (any order; an entity may appear more than once, counts
    /// add up).
    pub entities: &'a [Vec<(usize, usize)>],
    /// Each site entity's [`kind_weight`].
    pub entity_weight: &'a [f64],
    /// `tags[b]`: briefing `b`'s tags (matched without regard to case).
    pub tags: &'a [Vec<String>],
}

/// Each briefing's features: its entities, then its tags as features
/// numbered after the entities, in order of first use (matched without
/// regard to case); and each tag feature's name.
fn with_tags(features: &Features) -> (Vec<Vec<(usize, usize)>>, Vec<String>) {
    let entity_count = features.entity_weight.len();
    let mut tag_ids: BTreeMap<String, usize> = BTreeMap::new();
    let mut tag_names: Vec<String> = Vec::new();
    let mut all: Vec<Vec<(usize, usize)>> = Vec::with_capacity(features.entities.len());
    for (b, entities) in features.entities.iter().enumerate() {
        let mut list = entities.clone();
        for tag in features.tags.get(b).into_iter().flatten() {
            let key = tag.trim().to_lowercase();
            if key.is_empty() {
                continue;
            }
            let next = entity_count + tag_names.len();
            let id = *tag_ids.entry(key).or_insert_with(|| {
                tag_names.push(tag.trim().to_string());
                next
            });
            list.push((id, 1));
        }
        all.push(list);
    }
    (all, tag_names)
}

/// Up to `limit` related briefings for each briefing, best first, ties
/// broken by briefing order; none below the threshold. Each one's shared
/// entities are ordered by weight, then by how much both briefings talk
/// about them.
pub fn related(features: &Features, limit: usize) -> Vec<Vec<Related>> {
    let n = features.entities.len();
    let entity_count = features.entity_weight.len();
    let (all, tag_names) = with_tags(features);
    let feature_count = entity_count + tag_names.len();
    let kind: Vec<f64> = (0..feature_count)
        .map(|f| features.entity_weight.get(f).copied().unwrap_or(1.0))
        .collect();
    // Each posting list is sorted by briefing, since briefings are visited in order.
    let mut postings: Vec<Vec<(usize, usize)>> = vec![Vec::new(); feature_count];
    for (b, list) in all.iter().enumerate() {
        for &(f, count) in list {
            match postings[f].last_mut() {
                Some((last, total)) if *last == b => *total += count,
                _ => postings[f].push((b, count)),
            }
        }
    }
    let cap = MIN_CAP.max(((n as f64 * MAX_SHARE) as usize).min(MAX_POSTINGS));
    let weight: Vec<f64> = postings
        .iter()
        .zip(&kind)
        .map(|(p, k)| k * (1.0 + n as f64 / p.len().max(1) as f64).ln())
        .collect();
    let threshold = MIN_SCORE_SHARE * (1.0 + n as f64 / 2.0).ln();
    let count_in = |f: usize, b: usize| {
        let list = &postings[f];
        list.binary_search_by_key(&b, |&(x, _)| x)
            .ok()
            .map(|i| list[i].1)
    };

    all.par_iter()
        .enumerate()
        .map_init(
            // Dense per-thread scratch: scores indexed by briefing, whether
            // a full-weight feature is shared, and the briefings touched,
            // so each briefing costs its postings, not n.
            || (vec![0.0f64; n], vec![false; n], vec![false; n], Vec::new()),
            |(scores, seen, telling, touched), (b, list)| {
                let mut unique: Vec<usize> = list.iter().map(|&(f, _)| f).collect();
                unique.sort_unstable();
                unique.dedup();
                unique.retain(|&f| postings[f].len() <= cap);
                // Scores add up in ascending feature order, as always, so
                // floating-point sums (and so ties) stay the same.
                for &f in &unique {
                    for &(other, _) in &postings[f] {
                        if other != b {
                            if !seen[other] {
                                seen[other] = true;
                                touched.push(other);
                            }
                            scores[other] += weight[f];
                            telling[other] |= kind[f] >= 1.0;
                        }
                    }
                }
                let mut ranked: Vec<(f64, usize)> = touched
                    .iter()
                    .filter(|&&o| telling[o] && scores[o] >= threshold)
                    .map(|&o| (scores[o], o))
                    .collect();
                for &o in touched.iter() {
                    scores[o] = 0.0;
                    seen[o] = false;
                    telling[o] = false;
                }
                touched.clear();
                let order =
                    |x: &(f64, usize), y: &(f64, usize)| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1));
                if ranked.len() > limit && limit > 0 {
                    ranked.select_nth_unstable_by(limit - 1, order);
                }
                ranked.truncate(limit);
                ranked.sort_by(order);
                ranked
                    .into_iter()
                    .map(|(score, other)| {
                        // (feature, mentions in the less talkative of the two)
                        let mut shared: Vec<(usize, usize)> = unique
                            .iter()
                            .filter_map(|&f| {
                                let theirs = count_in(f, other)?;
                                Some((f, count_in(f, b).unwrap_or(0).min(theirs)))
                            })
                            .collect();
                        shared.sort_by(|x, y| {
                            weight[y.0]
                                .total_cmp(&weight[x.0])
                                .then(y.1.cmp(&x.1))
                                .then(x.0.cmp(&y.0))
                        });
                        let (entities, tags): (Vec<usize>, Vec<usize>) = shared
                            .into_iter()
                            .map(|(f, _)| f)
                            .partition(|&f| f < entity_count);
                        Related {
                            briefing: other,
                            score,
                            shared: entities,
                            shared_tags: tags
                                .into_iter()
                                .map(|f| tag_names[f - entity_count].clone())
                                .collect(),
                        }
                    })
                    .collect()
            },
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each entity mentioned once.
    fn ones(entities_of: &[Vec<usize>]) -> Vec<Vec<(usize, usize)>> {
        entities_of
            .iter()
            .map(|es| es.iter().map(|&e| (e, 1)).collect())
            .collect()
    }

    /// Related briefings of people and organisations only, no tags.
    fn of(
        entities_of: &[Vec<(usize, usize)>],
        entity_count: usize,
        limit: usize,
    ) -> Vec<Vec<Related>> {
        let weights = vec![1.0; entity_count];
        related(
            &Features {
                entities: entities_of,
                entity_weight: &weights,
                tags: &[],
            },
            limit,
        )
    }

    #[test]
    fn shared_entities_both_talk_about_come_first_among_equals() {
        let r = of(&[vec![(0, 1), (1, 5)], vec![(0, 1), (1, 4)]], 2, 5);
        assert_eq!(r[0][0].shared, vec![1, 0]);
    }

    #[test]
    fn briefings_sharing_an_entity_are_related() {
        let r = of(&ones(&[vec![0, 1], vec![1], vec![2]]), 3, 5);
        assert_eq!(r[0].iter().map(|x| x.briefing).collect::<Vec<_>>(), vec![1]);
        assert_eq!(r[0][0].shared, vec![1]);
        assert!(r[2].is_empty());
    }

    #[test]
    fn rare_shared_entities_outrank_common_ones() {
        // Entity 0 is in every briefing, entity 1 only in briefings 0 and 2.
        let r = of(&ones(&[vec![0, 1], vec![0], vec![0, 1], vec![0]]), 2, 5);
        assert_eq!(r[0][0].briefing, 2);
        assert!(r[0][0].score > r[0][1].score);
    }

    #[test]
    fn related_links_are_bounded() {
        let all: Vec<Vec<usize>> = (0..30).map(|_| vec![0]).collect();
        let r = of(&ones(&all), 1, 4);
        assert!(r.iter().all(|x| x.len() <= 4));
    }

    #[test]
    fn very_common_entities_are_skipped_in_large_sites() {
        let mut all: Vec<Vec<usize>> = (0..200).map(|_| vec![0]).collect();
        all[0].push(1);
        all[1].push(1);
        let r = of(&ones(&all), 2, 5);
        assert_eq!(
            r[0].len(),
            1,
            "only the rare entity links briefings 0 and 1"
        );
        assert!(r[5].is_empty());
    }

    #[test]
    fn entities_in_more_than_a_thousand_briefings_are_skipped_however_big_the_site() {
        // 20% of 6,000 would allow 1,200; the absolute cap does not.
        let mut all: Vec<Vec<usize>> = (0..6000).map(|_| Vec::new()).collect();
        for b in all.iter_mut().take(1100) {
            b.push(0);
        }
        all[0].push(1);
        all[5000].push(1);
        let r = of(&ones(&all), 2, 5);
        assert_eq!(
            r[0].iter().map(|x| x.briefing).collect::<Vec<_>>(),
            vec![5000],
            "only the rare entity links briefing 0 to another"
        );
        assert!(r[1].is_empty());
    }

    #[test]
    fn ties_are_broken_by_site_order() {
        let r = of(&ones(&[vec![0], vec![0], vec![0]]), 1, 5);
        assert_eq!(
            r[2].iter().map(|x| x.briefing).collect::<Vec<_>>(),
            vec![0, 1]
        );
    }

    /// Entities 0..3 are people, 3.. places; `tags` per briefing.
    fn mixed(entities_of: &[Vec<usize>], tags: &[&[&str]]) -> Vec<Vec<Related>> {
        let count = entities_of.iter().flatten().max().map_or(0, |m| m + 1);
        let weights: Vec<f64> = (0..count)
            .map(|e| if e < 3 { 1.0 } else { PLACE_WEIGHT })
            .collect();
        let tags: Vec<Vec<String>> = tags
            .iter()
            .map(|t| t.iter().map(|s| s.to_string()).collect())
            .collect();
        related(
            &Features {
                entities: &ones(entities_of),
                entity_weight: &weights,
                tags: &tags,
            },
            5,
        )
    }

    #[test]
    fn briefings_sharing_only_places_are_not_related() {
        // Both name the same two places (3, 4), nothing else.
        let r = mixed(&[vec![3, 4], vec![3, 4], vec![0], vec![1]], &[]);
        assert!(r[0].is_empty(), "{:?}", r[0]);
        assert!(r[1].is_empty(), "{:?}", r[1]);
    }

    #[test]
    fn a_shared_place_adds_to_a_shared_person() {
        let r = mixed(&[vec![0, 3], vec![0, 3], vec![0], vec![1]], &[]);
        assert_eq!(r[0][0].briefing, 1);
        assert_eq!(r[0][0].shared, vec![0, 3]);
        assert!(r[0][0].score > r[0].get(1).map_or(0.0, |x| x.score));
    }

    #[test]
    fn a_shared_tag_relates_briefings_and_is_named() {
        let r = mixed(
            &[vec![3], vec![3], vec![1], vec![2]],
            &[&["Plague"], &["plague", "rats"], &[], &[]],
        );
        assert_eq!(r[0].len(), 1, "{:?}", r[0]);
        assert_eq!(r[0][0].briefing, 1);
        assert_eq!(r[0][0].shared_tags, vec!["Plague".to_string()]);
        assert_eq!(r[0][0].shared, vec![3]);
    }

    #[test]
    fn one_name_common_across_the_site_is_below_the_threshold() {
        // 100 briefings; entity 0 in a fifth of them, entity 1 in another
        // fifth overlapping the first by ten.
        let mut all: Vec<Vec<usize>> = (0..100).map(|_| Vec::new()).collect();
        for b in all.iter_mut().take(20) {
            b.push(0);
        }
        for b in all.iter_mut().skip(10).take(20) {
            b.push(1);
        }
        let r = of(&ones(&all), 2, 30);
        // Briefing 0 shares only entity 0 with the others: not enough.
        assert!(r[0].is_empty(), "{:?}", r[0]);
        // Briefing 10 shares both with 11..19: listed; with 0..9 and 20..29 one only: not.
        let listed: Vec<usize> = r[10].iter().map(|x| x.briefing).collect();
        assert_eq!(listed, (11..20).collect::<Vec<_>>());
    }
}

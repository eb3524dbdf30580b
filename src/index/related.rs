//! Related briefings: for each briefing, the others that share the most
//! telling entities. An entity's weight is its inverse document frequency
//! (`ln(1 + N / df)`), so a rare shared name counts for more than a common
//! one. Built from an inverted index (entity -> briefings), never by
//! comparing all pairs; entities named in a large share of briefings are
//! skipped, which bounds the work per briefing as the site grows.

use rayon::prelude::*;
use serde::Serialize;

/// A related briefing, with the shared entities that make it related,
/// strongest first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Related {
    pub briefing: usize,
    pub score: f64,
    pub shared: Vec<usize>,
}

/// Entities in more briefings than this share (and this floor) say little
/// about relatedness and would make the index quadratic.
const MAX_SHARE: f64 = 0.2;
const MIN_CAP: usize = 25;
/// ...and whatever the site's size, an entity named in more briefings than
/// this is skipped too: a share alone still lets the work per briefing grow
/// with the site (at 100,000 briefings a 20% entity is 20,000 postings for
/// every briefing naming it; the index stage took 79 s there before this).
const MAX_POSTINGS: usize = 1000;

/// `entities_of[b]` lists the site entities briefing `b` mentions with how
/// many times (any order; an entity may appear more than once, counts add
/// up). Returns up to `limit` related briefings for each briefing, best
/// first, ties broken by briefing order. Each one's shared entities are
/// ordered by weight, then by how much both briefings talk about them.
pub fn related(
    entities_of: &[Vec<(usize, usize)>],
    entity_count: usize,
    limit: usize,
) -> Vec<Vec<Related>> {
    let n = entities_of.len();
    // Each posting list is sorted by briefing, since briefings are visited in order.
    let mut postings: Vec<Vec<(usize, usize)>> = vec![Vec::new(); entity_count];
    for (b, entities) in entities_of.iter().enumerate() {
        for &(e, count) in entities {
            match postings[e].last_mut() {
                Some((last, total)) if *last == b => *total += count,
                _ => postings[e].push((b, count)),
            }
        }
    }
    let cap = MIN_CAP.max(((n as f64 * MAX_SHARE) as usize).min(MAX_POSTINGS));
    let weight: Vec<f64> = postings
        .iter()
        .map(|p| (1.0 + n as f64 / p.len().max(1) as f64).ln())
        .collect();
    let count_in = |e: usize, b: usize| {
        let list = &postings[e];
        list.binary_search_by_key(&b, |&(x, _)| x)
            .ok()
            .map(|i| list[i].1)
    };

    entities_of
        .par_iter()
        .enumerate()
        .map_init(
            // Dense per-thread scratch: scores indexed by briefing, and the
            // briefings touched, so each briefing costs its postings, not n.
            || (vec![0.0f64; n], vec![false; n], Vec::new()),
            |(scores, seen, touched), (b, entities)| {
                let mut unique: Vec<usize> = entities.iter().map(|&(e, _)| e).collect();
                unique.sort_unstable();
                unique.dedup();
                unique.retain(|&e| postings[e].len() <= cap);
                // Scores add up in ascending entity order, as always, so
                // floating-point sums (and so ties) stay the same.
                for &e in &unique {
                    for &(other, _) in &postings[e] {
                        if other != b {
                            if !seen[other] {
                                seen[other] = true;
                                touched.push(other);
                            }
                            scores[other] += weight[e];
                        }
                    }
                }
                let mut ranked: Vec<(f64, usize)> =
                    touched.iter().map(|&o| (scores[o], o)).collect();
                for &o in touched.iter() {
                    scores[o] = 0.0;
                    seen[o] = false;
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
                        // (entity, mentions in the less talkative of the two)
                        let mut shared: Vec<(usize, usize)> = unique
                            .iter()
                            .filter_map(|&e| {
                                let theirs = count_in(e, other)?;
                                Some((e, count_in(e, b).unwrap_or(0).min(theirs)))
                            })
                            .collect();
                        shared.sort_by(|x, y| {
                            weight[y.0]
                                .total_cmp(&weight[x.0])
                                .then(y.1.cmp(&x.1))
                                .then(x.0.cmp(&y.0))
                        });
                        Related {
                            briefing: other,
                            score,
                            shared: shared.into_iter().map(|(e, _)| e).collect(),
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

    #[test]
    fn shared_entities_both_talk_about_come_first_among_equals() {
        let r = related(&[vec![(0, 1), (1, 5)], vec![(0, 1), (1, 4)]], 2, 5);
        assert_eq!(r[0][0].shared, vec![1, 0]);
    }

    #[test]
    fn briefings_sharing_an_entity_are_related() {
        let r = related(&ones(&[vec![0, 1], vec![1], vec![2]]), 3, 5);
        assert_eq!(r[0].iter().map(|x| x.briefing).collect::<Vec<_>>(), vec![1]);
        assert_eq!(r[0][0].shared, vec![1]);
        assert!(r[2].is_empty());
    }

    #[test]
    fn rare_shared_entities_outrank_common_ones() {
        // Entity 0 is in every briefing, entity 1 only in briefings 0 and 2.
        let r = related(&ones(&[vec![0, 1], vec![0], vec![0, 1], vec![0]]), 2, 5);
        assert_eq!(r[0][0].briefing, 2);
        assert!(r[0][0].score > r[0][1].score);
    }

    #[test]
    fn related_links_are_bounded() {
        let all: Vec<Vec<usize>> = (0..30).map(|_| vec![0]).collect();
        let r = related(&ones(&all), 1, 4);
        assert!(r.iter().all(|x| x.len() <= 4));
    }

    #[test]
    fn very_common_entities_are_skipped_in_large_sites() {
        let mut all: Vec<Vec<usize>> = (0..200).map(|_| vec![0]).collect();
        all[0].push(1);
        all[1].push(1);
        let r = related(&ones(&all), 2, 5);
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
        let r = related(&ones(&all), 2, 5);
        assert_eq!(
            r[0].iter().map(|x| x.briefing).collect::<Vec<_>>(),
            vec![5000],
            "only the rare entity links briefing 0 to another"
        );
        assert!(r[1].is_empty());
    }

    #[test]
    fn ties_are_broken_by_site_order() {
        let r = related(&ones(&[vec![0], vec![0], vec![0]]), 1, 5);
        assert_eq!(
            r[2].iter().map(|x| x.briefing).collect::<Vec<_>>(),
            vec![0, 1]
        );
    }
}

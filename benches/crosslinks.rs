//! Benchmark of the cross-link stage (`index::index`: entity merging across
//! briefings, quotes by speaker, related briefings) on synthetic sites of
//! 1,000 and 10,000 briefings. Run with `cargo bench --bench crosslinks`.
//!
//! Briefings draw ~15 entities each from a pool that grows with the site
//! (a few very common names, a long tail of rare ones, spelling variants),
//! as real archives do. Prints the median of 5 runs per size and the
//! growth ratio, which should stay near the size ratio (linear growth).

use briefing::index::{IndexOptions, SiteInfo, index};
use briefing::model::{Briefing, Entity, EntityKind, Mention, Paragraph, Registry, SourceFormat};
use std::time::{Duration, Instant};
#[path = "support/synthetic.rs"]
mod synthetic;
use synthetic::Rng;

fn person_name(i: usize) -> String {
    const GIVEN: [&str; 12] = [
        "Ana", "Ben", "Chen", "Dara", "Eli", "Farah", "Goran", "Hana", "Ivo", "Jun", "Kofi", "Lea",
    ];
    const FAMILY: [&str; 10] = [
        "Okafor",
        "Lindqvist",
        "Moreau",
        "Tanaka",
        "Novak",
        "Haddad",
        "Silva",
        "Kowalski",
        "Osei",
        "Park",
    ];
    format!("{} {}-{}", GIVEN[i % 12], FAMILY[(i / 12) % 10], i)
}

fn synthetic_site(n: usize) -> Vec<Briefing> {
    let mut rng = Rng(0x9e3779b97f4a7c15);
    let pool = n / 2 + 50;
    (0..n)
        .map(|b| {
            let mut entities = Vec::new();
            for k in 0..15 {
                // A few entities everybody mentions, most from a long tail.
                let id = if k < 2 { rng.below(5) } else { rng.below(pool) };
                let kind = match id % 3 {
                    0 => EntityKind::Person,
                    1 => EntityKind::Organization,
                    _ => EntityKind::Place,
                };
                let name = person_name(id);
                // Every other briefing spells the name with a space, not a hyphen.
                let written = if b % 2 == 0 {
                    name.replace('-', " ")
                } else {
                    name.clone()
                };
                entities.push(Entity {
                    name: written.clone(),
                    kind,
                    aliases: vec![],
                    role: None,
                    mentions: vec![Mention {
                        paragraph: 0,
                        start: 0,
                        end: written.len(),
                        text: written,
                    }],
                    evidence: vec!["person_by_title"],
                    confidence: 0.95,
                });
            }
            let text = "A synthetic lead paragraph. It names people.".to_string();
            Briefing {
                source: format!("seeds/b{b}.txt").into(),
                format: SourceFormat::Raw,
                slug: format!("b{b}"),
                title: format!("Briefing {b}"),
                date: chrono::NaiveDate::from_ymd_opt(
                    2020 + (b % 5) as i32,
                    1 + (b % 12) as u32,
                    1 + (b % 28) as u32,
                ),
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
        })
        .collect()
}

fn median_time(n: usize) -> (Duration, Duration, Duration, usize) {
    let info = SiteInfo {
        title: "Bench".into(),
        description: None,
        language: "en".into(),
        base_url: None,
    };
    let mut times = Vec::new();
    let mut entities = 0;
    for _ in 0..5 {
        let briefings = synthetic_site(n);
        let started = Instant::now();
        let site = index(
            info.clone(),
            briefings,
            &Registry::default(),
            &IndexOptions::default(),
        )
        .expect("index");
        times.push(started.elapsed());
        entities = site.entities.len();
        assert!(site.related.iter().all(|r| r.len() <= 5));
    }
    times.sort();
    (times[2], times[0], times[4], entities)
}

fn main() {
    println!("cross-link stage (index): median of 5 runs");
    let mut results = Vec::new();
    for n in [1_000, 10_000] {
        let (median, min, max, entities) = median_time(n);
        println!(
            "  {n:>6} briefings, {entities:>6} entities: median {median:>10.2?} (min {min:.2?}, max {max:.2?}), {:.1} µs per briefing",
            median.as_secs_f64() * 1e6 / n as f64
        );
        results.push(median);
    }
    let ratio = results[1].as_secs_f64() / results[0].as_secs_f64();
    println!(
        "  growth 1,000 -> 10,000 briefings: {ratio:.1}x time for 10x briefings (linear = 10x)"
    );
}

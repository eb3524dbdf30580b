//! Size of the shipped search index on synthetic sites of 1,000 and 10,000
//! briefings: `cargo run --release --example search_index_size [OUT_DIR]`.
//! With OUT_DIR, the index files of each size are written to
//! `OUT_DIR/<n>/search/` (e.g. to measure them gzipped).
//!
//! Each synthetic briefing is about the size of a real wire briefing
//! (~6 KB of text: a 3-paragraph lead and 6 sections of 3 paragraphs, about
//! 900 words) drawn from a Zipf-distributed vocabulary that grows with the
//! site (Heaps' law: 20,000 common words plus 6 new rare words, names and
//! places, per briefing), as an archive's does.

use briefing::index::{IndexOptions, SiteInfo, index};
use briefing::model::{Briefing, Paragraph, Registry, Section, SectionKind, SourceFormat};
use briefing::render::discovery;
use briefing::search::index::{DEFAULT_LIMITS, build};
use std::time::Instant;
#[path = "../benches/support/synthetic.rs"]
mod synthetic;
use synthetic::{Rng, Zipf, word};

fn paragraph(rng: &mut Rng, zipf: &Zipf, own: &[String], words: usize) -> Paragraph {
    let mut text = String::new();
    for k in 0..words {
        let w = if rng.next() % 40 == 0 {
            own[(rng.next() % own.len() as u64) as usize].clone()
        } else {
            word(zipf.sample(rng))
        };
        if k == 0 {
            let mut c = w.chars();
            text.extend(c.next().map(|f| f.to_ascii_uppercase()));
            text.push_str(c.as_str());
        } else {
            text.push(' ');
            text.push_str(&w);
        }
        if k % 15 == 14 {
            text.push('.');
        }
    }
    text.push('.');
    Paragraph {
        html: text.clone(),
        text,
    }
}

fn synthetic_site(n: usize) -> Vec<Briefing> {
    let mut rng = Rng(0x9e3779b97f4a7c15);
    let zipf = Zipf::new(20_000);
    (0..n)
        .map(|b| {
            let own: Vec<String> = (0..6).map(|k| word(1_000_000 + b * 6 + k)).collect();
            let sections = (0..6)
                .map(|s| {
                    let question = s % 3 != 2;
                    let heading = format!(
                        "{} {} {}{}",
                        if question { "Why did" } else { "The" },
                        word(zipf.sample(&mut rng)),
                        own[s],
                        if question { "?" } else { "" }
                    );
                    let paragraphs: Vec<Paragraph> = (0..3)
                        .map(|_| paragraph(&mut rng, &zipf, &own, 45))
                        .collect();
                    Section {
                        anchor: format!("section-{s}"),
                        kind: if question {
                            SectionKind::Question
                        } else {
                            SectionKind::Statement
                        },
                        level: 2,
                        short_answer: question.then(|| {
                            paragraphs[0]
                                .text
                                .split(". ")
                                .next()
                                .unwrap_or("")
                                .to_string()
                        }),
                        answer_guessed: question,
                        heading,
                        paragraphs,
                        line: 1,
                        speaker: None,
                    }
                })
                .collect();
            Briefing {
                source: format!("seeds/b{b}.txt").into(),
                format: SourceFormat::Raw,
                slug: format!("b{b}"),
                title: format!("{} {} {}", word(b % 500), own[0], own[1]),
                date: chrono::NaiveDate::from_ymd_opt(
                    2020 + (b % 5) as i32,
                    1 + (b % 12) as u32,
                    1 + (b % 28) as u32,
                ),
                credit: Some("Wires".into()),
                authors: Vec::new(),
                dateline: None,
                meta_lines: Vec::new(),
                summary: None,
                tags: vec![],
                lead: (0..3)
                    .map(|_| paragraph(&mut rng, &zipf, &own, 40))
                    .collect(),
                sections,
                captions: vec![],
                entities: vec![],
                quotes: vec![],
                terms: vec![],
                figures: vec![],
            }
        })
        .collect()
}

fn mb(bytes: usize) -> String {
    format!("{:.2} MB", bytes as f64 / 1_000_000.0)
}

fn main() {
    let out = std::env::args().nth(1).map(std::path::PathBuf::from);
    println!(
        "search index size (limits: term shards {} KB, document shards {} KB)",
        DEFAULT_LIMITS.term_shard / 1024,
        DEFAULT_LIMITS.doc_shard / 1024
    );
    for n in [1_000, 10_000] {
        let briefings = synthetic_site(n);
        let text: usize = briefings
            .iter()
            .flat_map(|b| b.text_units())
            .map(|(_, t)| t.len())
            .sum();
        let site = index(
            SiteInfo {
                title: "Size".into(),
                description: None,
                language: "en".into(),
                base_url: None,
            },
            briefings,
            &Registry::default(),
            &IndexOptions::default(),
        )
        .expect("index");
        let started = Instant::now();
        let mut docs: Vec<_> = (0..site.briefings.len())
            .flat_map(|i| discovery::briefing_search_docs(&site, i))
            .collect();
        docs.extend(discovery::site_search_docs(
            &site,
            &briefing::render::tags::tags(&site),
        ));
        let files = build(&docs, DEFAULT_LIMITS);
        let took = started.elapsed();
        let sized = |prefix: &str| -> Vec<usize> {
            files
                .files
                .iter()
                .filter(|(p, _)| p.starts_with(prefix))
                .map(|(_, c)| c.len())
                .collect()
        };
        let terms = sized("search/t");
        let docs_sizes = sized("search/d");
        println!(
            "  {n:>6} briefings ({} of text): {} documents, {} keys, {} postings",
            mb(text),
            files.docs,
            files.keys,
            files.postings
        );
        println!(
            "         total {} in {} files: manifest {}, {} term shards ({} total, largest {}), {} document shards ({} total, largest {}); built in {took:.2?}",
            mb(files.total_bytes()),
            files.files.len(),
            mb(files.files[0].1.len()),
            terms.len(),
            mb(terms.iter().sum()),
            mb(terms.iter().copied().max().unwrap_or(0)),
            docs_sizes.len(),
            mb(docs_sizes.iter().sum()),
            mb(docs_sizes.iter().copied().max().unwrap_or(0)),
        );
        if let Some(out) = &out {
            for (path, content) in &files.files {
                let path = out.join(n.to_string()).join(path);
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(path, content).unwrap();
            }
        }
    }
}

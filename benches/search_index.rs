//! Benchmark of the search index builder (`search::index::build`) on
//! synthetic sites of 1,000 and 10,000 briefings (15,000 and 150,000 search
//! documents, about 6 KB of text per briefing). Run with
//! `cargo bench --bench search_index`.
//!
//! Documents are built directly (not through the renderer), so the figure is
//! the index alone. Words follow a Zipf distribution over a vocabulary that
//! grows with the site (20,000 common words plus new rare names per
//! briefing), with stop words at about the rate English has them, curly
//! quotes and dashes from smart punctuation, accented names and numbers.
//! Prints the median of 5 runs per size, the time of its two steps
//! (`analyse_doc` on every document, `assemble`) and the growth ratio,
//! which should stay near the size ratio (linear growth).

use briefing::search::index::{DEFAULT_LIMITS, Doc, DocKind, analyse_doc, assemble, build};
use rayon::prelude::*;
use std::time::{Duration, Instant};
#[path = "support/synthetic.rs"]
mod synthetic;
use synthetic::{Rng, Zipf, word};

/// A capitalised made-up name, accented one time in three.
fn name(i: usize) -> String {
    const VOWELS: [&str; 5] = ["é", "ö", "ā", "ł", "ñ"];
    let plain = word(i * 7 + 3);
    let mut out: String = plain[..1].to_uppercase();
    out.push_str(&plain[1..]);
    if i % 3 == 0 {
        out.push_str(VOWELS[i % 5]);
        out.push_str("ska");
    }
    out
}

const STOP: [&str; 12] = [
    "the", "of", "and", "to", "in", "a", "that", "is", "was", "for", "on", "with",
];

/// `words` words of running text: stop words, common words, the briefing's
/// own names, numbers, and punctuation as smart quotes leave it.
fn text(rng: &mut Rng, zipf: &Zipf, own: &[String], words: usize) -> String {
    let mut out = String::new();
    for k in 0..words {
        if k > 0 {
            out.push_str(match rng.below(40) {
                0 => ", ",
                1 => " — ",
                2 => "’s ",
                3 => " “",
                4 => "” ",
                _ => " ",
            });
        }
        match rng.below(100) {
            0..=34 => out.push_str(STOP[rng.below(STOP.len())]),
            35..=37 => out.push_str(&own[rng.below(own.len())]),
            38 => out.push_str(&format!("{}", rng.below(100_000))),
            _ => out.push_str(&word(zipf.sample(rng))),
        }
        if k % 18 == 17 {
            out.push('.');
        }
    }
    out.push('.');
    out
}

fn synthetic_docs(briefings: usize) -> Vec<Doc> {
    let mut rng = Rng(0x9e3779b97f4a7c15);
    let zipf = Zipf::new(20_000);
    let mut docs = Vec::new();
    for b in 0..briefings {
        let own: Vec<String> = (0..6).map(|k| name(b * 6 + k)).collect();
        let title = format!("{} {} {}", word(b % 500), own[0], own[1]);
        let url = format!("briefings/b{b}/index.html");
        let doc = |kind, title: String, anchor: &str, text: String| Doc {
            kind,
            title,
            context: format!("{} June 2025", 1 + b % 28),
            url: format!("{url}{anchor}"),
            text,
            keywords: String::new(),
            meta: Default::default(),
        };
        let lead = text(&mut rng, &zipf, &own, 120);
        docs.push(Doc {
            keywords: format!("{} {}", word(b % 40), word(b % 70)),
            ..doc(DocKind::Briefing, title.clone(), "", lead)
        });
        for s in 0..6 {
            let heading = format!("Why did the {} {}?", word(zipf.sample(&mut rng)), own[s]);
            let body = text(&mut rng, &zipf, &own, 125);
            let kind = if s % 3 == 2 {
                DocKind::Section
            } else {
                DocKind::Question
            };
            docs.push(Doc {
                context: title.clone(),
                ..doc(kind, heading, &format!("#section-{s}"), body)
            });
        }
        for q in 0..5 {
            let quote = text(&mut rng, &zipf, &own, 30);
            docs.push(Doc {
                context: title.clone(),
                ..doc(
                    DocKind::Quote,
                    own[q].clone(),
                    &format!("#quote-{q}"),
                    quote,
                )
            });
        }
        for e in 0..3 {
            let about = text(&mut rng, &zipf, &own, 12);
            docs.push(Doc {
                url: format!("entities/{}.html", b * 6 + e),
                ..doc(DocKind::Entity, own[e].clone(), "", about)
            });
        }
    }
    docs
}

/// Median, min and max of 5 runs of `f`, and what the last run returned.
fn median_of_5<T>(mut f: impl FnMut() -> T) -> (Duration, Duration, Duration, T) {
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..5 {
        let started = Instant::now();
        let out = f();
        times.push(started.elapsed());
        last = Some(out);
    }
    times.sort();
    (times[2], times[0], times[4], last.expect("ran"))
}

fn main() {
    println!(
        "search index: median of 5 runs ({} threads)",
        rayon::current_num_threads()
    );
    let mut results = Vec::new();
    for briefings in [1_000, 10_000] {
        let docs = synthetic_docs(briefings);
        let text: usize = docs.iter().map(|d| d.title.len() + d.text.len()).sum();
        let (median, min, max, files) = median_of_5(|| build(&docs, DEFAULT_LIMITS));
        println!(
            "  {:>7} documents ({:.1} MB of text, index {:.1} MB): build median {median:>9.2?} (min {min:.2?}, max {max:.2?})",
            docs.len(),
            text as f64 / 1e6,
            files.total_bytes() as f64 / 1e6,
        );
        // The two steps build() is made of, as an incremental rebuild would
        // run them: analysis of every document (on warm per-thread word
        // memory), then assembly from the kept analysis.
        let (analyse, _, _, terms) =
            median_of_5(|| docs.par_iter().map(analyse_doc).collect::<Vec<_>>());
        let (assembly, _, _, again) = median_of_5(|| assemble(&docs, &terms, DEFAULT_LIMITS));
        assert_eq!(again.files, files.files);
        let pairs: usize = terms.iter().map(|t| t.len()).sum();
        println!(
            "           of which analyse_doc (all, in parallel) {analyse:.2?}, assemble {assembly:.2?} ({pairs} key-document pairs)"
        );
        results.push(median);
    }
    let ratio = results[1].as_secs_f64() / results[0].as_secs_f64();
    println!(
        "  growth 15,000 -> 150,000 documents: {ratio:.1}x time for 10x documents (linear = 10x)"
    );
}

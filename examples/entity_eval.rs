//! Runs the entity and quote extractors over the labelled articles in
//! `tests/fixtures/entities/` and prints precision, recall and F1 for
//! people, organisations and quote speakers, per article and overall.
//!
//! `cargo run --example entity_eval` for the table;
//! `cargo run --example entity_eval -- --dump FILE` to print what one
//! article yields (entities, quotes, figures).

use briefing::extract::entities::{find_entities, name_key};
use briefing::extract::figures::find_figures;
use briefing::extract::quotes::find_quotes;
use briefing::model::EntityKind;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn paragraphs(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .map(|l| {
            l.strip_prefix("date ")
                .map_or(l, |rest| rest.get(11..).unwrap_or("").trim())
        })
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

fn dump(path: &Path) {
    let text = std::fs::read_to_string(path).expect("read article");
    let paras = paragraphs(&text);
    let refs: Vec<&str> = paras.iter().map(String::as_str).collect();
    let entities = find_entities(&refs);
    for e in &entities {
        println!(
            "{:?} {:?} aliases={:?} role={:?} mentions={}",
            e.kind,
            e.name,
            e.aliases,
            e.role,
            e.mentions.len()
        );
    }
    println!();
    for q in find_quotes(&refs, &entities) {
        let short: String = q.text.chars().take(60).collect();
        println!("[{}] {:?} <- {:?}", q.paragraph, short, q.speaker);
    }
    println!();
    for f in find_figures(&refs) {
        println!("[{}] {:?} | {:?}", f.paragraph, f.value, f.label);
    }
}

#[derive(Default, Clone, Copy)]
struct Score {
    tp: usize,
    predicted: usize,
    expected: usize,
}

impl Score {
    fn add(&mut self, o: Score) {
        self.tp += o.tp;
        self.predicted += o.predicted;
        self.expected += o.expected;
    }
    fn p(&self) -> f64 {
        if self.predicted == 0 {
            1.0
        } else {
            self.tp as f64 / self.predicted as f64
        }
    }
    fn r(&self) -> f64 {
        if self.expected == 0 {
            1.0
        } else {
            self.tp as f64 / self.expected as f64
        }
    }
    fn f1(&self) -> f64 {
        let (p, r) = (self.p(), self.r());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn cell(&self) -> String {
        format!("{:>4.2} {:>4.2} {:>4.2}", self.p(), self.r(), self.f1())
    }
}

fn set_score(
    predicted: &BTreeSet<String>,
    expected: &BTreeSet<String>,
    name: &str,
    what: &str,
) -> Score {
    for miss in expected.difference(predicted) {
        eprintln!("  {name}: missed {what} {miss}");
    }
    for extra in predicted.difference(expected) {
        eprintln!("  {name}: extra {what} {extra}");
    }
    Score {
        tp: predicted.intersection(expected).count(),
        predicted: predicted.len(),
        expected: expected.len(),
    }
}

fn strings(v: &toml::Value, key: &str) -> Vec<String> {
    v.get(key)
        .and_then(|x| x.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

fn normalise(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn evaluate(txt: &Path, labels: &Path) -> [Score; 3] {
    let name = txt.file_stem().unwrap().to_string_lossy().to_string();
    let text = std::fs::read_to_string(txt).expect("read article");
    let labels: toml::Value =
        toml::from_str(&std::fs::read_to_string(labels).expect("read labels"))
            .expect("labels are TOML");
    let paras = paragraphs(&text);
    let refs: Vec<&str> = paras.iter().map(String::as_str).collect();
    let entities = find_entities(&refs);
    let keys = |kind: EntityKind| -> BTreeSet<String> {
        entities
            .iter()
            .filter(|e| e.kind == kind)
            .map(|e| name_key(&e.name))
            .collect()
    };
    let want = |key: &str| -> BTreeSet<String> {
        strings(&labels, key).iter().map(|s| name_key(s)).collect()
    };
    let people = set_score(&keys(EntityKind::Person), &want("people"), &name, "person");
    let orgs = set_score(
        &keys(EntityKind::Organization),
        &want("organizations"),
        &name,
        "org",
    );

    // Quote speakers: a labelled quote is found when a predicted quote
    // starts with its words and has the same speaker.
    let quotes = find_quotes(&refs, &entities);
    let expected: Vec<(String, String)> = labels
        .get("quotes")
        .and_then(|q| q.as_array())
        .map(|a| {
            a.iter()
                .map(|q| {
                    (
                        q.get("speaker")
                            .and_then(|s| s.as_str())
                            .unwrap_or("")
                            .to_string(),
                        q.get("starts")
                            .and_then(|s| s.as_str())
                            .unwrap_or("")
                            .to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    let mut score = Score {
        expected: expected.iter().filter(|(s, _)| !s.is_empty()).count(),
        ..Score::default()
    };
    for q in &quotes {
        let Some(speaker) = &q.speaker else { continue };
        score.predicted += 1;
        let text = normalise(&q.text);
        let label = expected
            .iter()
            .find(|(_, starts)| text.starts_with(&normalise(starts)));
        match label {
            Some((want, _)) if !want.is_empty() && name_key(want) == name_key(speaker) => {
                score.tp += 1
            }
            Some((want, starts)) => {
                eprintln!("  {name}: quote {starts:?} -> {speaker}, expected {want:?}")
            }
            None => eprintln!(
                "  {name}: unlabelled quote {:?} -> {speaker}",
                q.text.chars().take(40).collect::<String>()
            ),
        }
    }
    for (want, starts) in &expected {
        if want.is_empty() {
            continue;
        }
        let found = quotes.iter().any(|q| {
            normalise(&q.text).starts_with(&normalise(starts))
                && q.speaker
                    .as_ref()
                    .is_some_and(|s| name_key(s) == name_key(want))
        });
        if !found {
            eprintln!("  {name}: missed quote {starts:?} by {want}");
        }
    }
    [people, orgs, score]
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() == 3 && args[1] == "--dump" {
        dump(Path::new(&args[2]));
        return;
    }
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/entities");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/fixtures/entities exists")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    println!(
        "{:<22} | {:^14} | {:^14} | {:^14}",
        "article", "people P R F1", "orgs P R F1", "speakers P R F1"
    );
    println!("{}", "-".repeat(74));
    let mut total = [Score::default(); 3];
    // Articles named blind_* were labelled by someone who never saw the
    // rules; their total is the honest estimate for unseen articles.
    let mut blind = [Score::default(); 3];
    for txt in files {
        let labels = txt.with_extension("labels.toml");
        if !labels.is_file() {
            continue;
        }
        let s = evaluate(&txt, &labels);
        for (t, x) in total.iter_mut().zip(s) {
            t.add(x);
        }
        if txt
            .file_stem()
            .is_some_and(|n| n.to_string_lossy().starts_with("blind_"))
        {
            for (t, x) in blind.iter_mut().zip(s) {
                t.add(x);
            }
        }
        println!(
            "{:<22} | {} | {} | {}",
            txt.file_stem().unwrap().to_string_lossy(),
            s[0].cell(),
            s[1].cell(),
            s[2].cell()
        );
    }
    println!("{}", "-".repeat(74));
    println!(
        "{:<22} | {} | {} | {}",
        "blind articles",
        blind[0].cell(),
        blind[1].cell(),
        blind[2].cell()
    );
    println!(
        "{:<22} | {} | {} | {}",
        "overall",
        total[0].cell(),
        total[1].cell(),
        total[2].cell()
    );
}

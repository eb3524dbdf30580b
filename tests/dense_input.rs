//! Dense single documents: every line names a new person, organisation and
//! figure. Extraction must stay linear in the number of names; these run in
//! release mode in CI (`cargo test --release --test dense_input -- --ignored`),
//! where a quadratic step (a pairwise scan over 40,000 organisations took
//! minutes) would blow the CI time limit rather than a wall-clock assertion.

use briefing::extract::entities::find_entities;
use briefing::model::EntityKind;

/// A distinct made-up word for each line number.
fn word(i: usize) -> String {
    (0..4)
        .map(|k| char::from(b'a' + ((i / 26usize.pow(k)) % 26) as u8))
        .collect()
}

#[test]
#[ignore]
fn forty_thousand_new_names_extract() {
    let lines: Vec<String> = (0..40_000)
        .map(|i| {
            let w = word(i);
            format!(
                "Anna Q{w}ov of the Z{w}ian Institute said {} tonnes arrived.",
                i * 7
            )
        })
        .collect();
    let paragraphs: Vec<&str> = lines.iter().map(String::as_str).collect();
    let entities = find_entities(&paragraphs);
    let count = |kind| entities.iter().filter(|e| e.kind == kind).count();
    assert_eq!(count(EntityKind::Organization), 40_000);
    assert_eq!(count(EntityKind::Person), 40_000);
}

/// The whole build of one source naming 40,000 speakers: indexing quotes
/// under their speakers and linking first mentions were pairwise scans
/// (275 s once; minutes again before the lookups became tables).
#[test]
#[ignore]
fn forty_thousand_quoted_speakers_build() {
    let site = tempfile::tempdir().unwrap();
    std::fs::create_dir(site.path().join("seeds")).unwrap();
    let mut text = String::from("People of the year\n\n");
    for i in 0..40_000 {
        let w = word(i);
        text.push_str(&format!(
            "Anna Q{w}ov of the Z{w}ian Institute said \"we will build {i} homes this year\".\n"
        ));
    }
    std::fs::write(site.path().join("seeds/people.txt"), text).unwrap();
    let out = site.path().join("dist");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_briefing"))
        .arg("build")
        .arg(site.path())
        .arg("--out")
        .arg(&out)
        .arg("-q")
        .status()
        .unwrap();
    assert!(status.success());
    let people = std::fs::read_dir(out.join("entities")).unwrap().count();
    assert!(people >= 40_000, "{people} entity pages");
}

/// 40,000 footnotes in one Markdown source: block lines and bare-surname
/// checks were scans from the start (2.5 s at 20,000, 0.8 s at 10,000).
#[test]
#[ignore]
fn forty_thousand_footnotes_build() {
    let site = tempfile::tempdir().unwrap();
    std::fs::create_dir(site.path().join("content")).unwrap();
    let claims: Vec<String> = (0..40_000).map(|i| format!("Claim {i}[^{i}].")).collect();
    let notes: Vec<String> = (0..40_000)
        .map(|i| format!("[^{i}]: Source number {i}."))
        .collect();
    let text = format!(
        "---\ntitle: Notes\ndate: 2025-01-01\n---\n\n{}\n\n{}\n",
        claims.join(" "),
        notes.join("\n")
    );
    std::fs::write(site.path().join("content/notes.md"), text).unwrap();
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_briefing"))
        .arg("build")
        .arg(site.path())
        .arg("--out")
        .arg(site.path().join("dist"))
        .arg("-q")
        .status()
        .unwrap();
    assert!(status.success());
}

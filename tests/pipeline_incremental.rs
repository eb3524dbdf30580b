//! The one pipeline run two ways gives one output: a session's rebuilds
//! (`briefing serve`) after random edits, deletions and renames write the
//! same bytes as a full build (`briefing build`) of the same sources, on
//! the sample site and on a 1,000-briefing synthetic site
//! (`bench/gen_corpus.py`; ignored by default as it is slow in a debug
//! build, run by `.ci/run` in release).

mod common;

use briefing::config::Config;
use briefing::incremental::Session;
use common::{assert_same_as_full_build, copy_sample_sources, repo};
use std::path::{Path, PathBuf};

/// A small deterministic generator (xorshift), so a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// The site's sources (text files, not sidecars or the registry), sorted.
fn sources(site: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for dir in ["seeds", "content"] {
        let Ok(entries) = std::fs::read_dir(site.join(dir)) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "txt" || e == "md") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// The sidecar of a raw source, when it has one.
fn sidecar(source: &Path) -> Option<PathBuf> {
    let toml = source.with_extension("toml");
    (source.extension().is_some_and(|e| e == "txt") && toml.is_file()).then_some(toml)
}

/// One random change to the site: an edited sentence, a new paragraph, a
/// deleted source, or a renamed one (with its sidecar). Returns what it
/// did and the paths it touched, relative to the site.
fn random_change(site: &Path, rng: &mut Rng, n: usize) -> (String, Vec<PathBuf>) {
    let all = sources(site);
    let source = all[rng.below(all.len())].clone();
    let shown = |p: &Path| p.strip_prefix(site).unwrap().to_path_buf();
    let mut touched = vec![shown(&source)];
    let what = match rng.below(if all.len() > 3 { 4 } else { 2 }) {
        0 => {
            let text = std::fs::read_to_string(&source).unwrap();
            std::fs::write(
                &source,
                format!(
                    "{}\n\nChange {n} adds a closing line here.\n",
                    text.trim_end()
                ),
            )
            .unwrap();
            "an added paragraph"
        }
        1 => {
            let text = std::fs::read_to_string(&source).unwrap();
            // A word of the body changes; the first line (often a date or
            // the front matter's opening) stays.
            let at = text.find(" the ").unwrap_or(text.len());
            let edited = format!("{} a{n} {}", &text[..at], &text[(at + 5).min(text.len())..]);
            std::fs::write(&source, edited).unwrap();
            "an edited sentence"
        }
        2 => {
            std::fs::remove_file(&source).unwrap();
            if let Some(toml) = sidecar(&source) {
                touched.push(shown(&toml));
                std::fs::remove_file(toml).unwrap();
            }
            "a deleted source"
        }
        _ => {
            let stem = source.file_stem().unwrap().to_string_lossy();
            let ext = source.extension().unwrap().to_string_lossy();
            let renamed = source.with_file_name(format!("{stem}-r{n}.{ext}"));
            if let Some(toml) = sidecar(&source) {
                let moved = renamed.with_extension("toml");
                std::fs::rename(&toml, &moved).unwrap();
                touched.extend([shown(&toml), shown(&moved)]);
            }
            std::fs::rename(&source, &renamed).unwrap();
            touched.push(shown(&renamed));
            "a renamed source"
        }
    };
    (
        format!("change {n}, {what} ({})", touched[0].display()),
        touched,
    )
}

/// Runs `changes` random changes on `site`, rebuilding after each (told the
/// paths, as `serve`'s watcher does, or on every fourth change looking at
/// every source), and compares with a full build every `every` changes.
fn changes_rebuild_to_a_full_build(site: &Path, seed: u64, changes: usize, every: usize) {
    let out = site.parent().unwrap().join("incremental");
    let config = Config::load(site, Some(&out)).unwrap();
    let (mut session, first) = Session::start(config).unwrap();
    assert!(first.rendered_jobs > 0);
    assert_same_as_full_build(site, &out, "the first build");
    let mut rng = Rng(seed);
    for n in 1..=changes {
        let (what, touched) = random_change(site, &mut rng, n);
        let rebuilt = if n % 4 == 0 {
            session.rebuild()
        } else {
            session.rebuild_changed(&touched)
        }
        .unwrap_or_else(|e| panic!("{what}: the rebuild failed: {e}"));
        assert!(
            rebuilt.changed_sources + rebuilt.removed_sources > 0,
            "{what}: no change seen"
        );
        if n % every == 0 || n == changes {
            assert_same_as_full_build(site, &out, &what);
        }
    }
}

/// Copies the repository's sample site (config, content, seeds).
fn sample_site(into: &Path) {
    copy_sample_sources(into);
    std::fs::copy(repo().join("briefing.toml"), into.join("briefing.toml")).unwrap();
}

#[test]
fn the_sample_site_rebuilds_to_the_bytes_of_a_full_build_after_random_changes() {
    let root = tempfile::tempdir().unwrap();
    let site = root.path().join("site");
    sample_site(&site);
    changes_rebuild_to_a_full_build(&site, 0x5eed_0001, 12, 1);
}

#[test]
#[ignore = "slow in a debug build: .ci/run runs it in release"]
fn a_thousand_briefings_rebuild_to_the_bytes_of_a_full_build_after_50_random_changes() {
    let root = tempfile::tempdir().unwrap();
    let status = std::process::Command::new("python3")
        .arg(repo().join("bench/gen_corpus.py"))
        .args(["1000", "7"])
        .arg(root.path())
        .status()
        .expect("python3 runs bench/gen_corpus.py");
    assert!(status.success());
    let site = root.path().join("briefing-site");
    std::fs::write(
        site.join("briefing.toml"),
        "title = \"Synthetic\"\nbase_url = \"https://example.org/s/\"\n",
    )
    .unwrap();
    changes_rebuild_to_a_full_build(&site, 0x5eed_0002, 50, 10);
}

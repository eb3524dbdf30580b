//! The extraction cache `briefing build` keeps in the site folder
//! (`SITE/.briefing-cache/`, issue 26), never in the output: a build that
//! reads briefings from it
//! gives the same output, byte for byte, and the same `check` count, as a
//! build with no cache; a cache that is corrupt, or was written for other
//! settings, is ignored and written anew.

mod common;

use common::{build_printed, tree};
use std::path::Path;

/// A site of three raw briefings of our own; one has no headline line, so
/// `check` finds a guessed title in it.
fn site(dir: &Path) {
    let seeds = dir.join("seeds");
    std::fs::create_dir_all(&seeds).unwrap();
    let briefings = [("depot", "Easton Vale"), ("sluice", "Marrow Fen")];
    for (name, place) in briefings {
        let text = format!(
            "date 2026-05-11\n\n\
                 New {name} opens at {place}\n\n\
                 The county opened the {name} at {place} on Monday, its engineer Dana Whitlock said.\n\n\
                 Who paid for it?\n\n\
                 \"The county and two water companies shared the cost,\" Whitlock said.\n"
        );
        std::fs::write(seeds.join(format!("{name}.txt")), text).unwrap();
    }
    std::fs::write(
        seeds.join("ferry.txt"),
        "the ferry to Holm Point runs again from Tuesday, the harbour office said in a note.\n",
    )
    .unwrap();
}

/// Builds `site` into `out` (`-v`); returns what the build printed, but
/// the summary line (which ends in the build's time) and the cache's count.
fn build(site: &Path, out: &Path) -> String {
    build_printed(site, out, &["-v"])
        .lines()
        .filter(|l| {
            !l.starts_with("built ")
                && !l.contains("extraction cache")
                && !l.contains("(render cache)")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// What `build -v` says of the cache.
fn cached_count(site: &Path, out: &Path) -> String {
    build_printed(site, out, &["-v"])
        .lines()
        .find(|l| l.contains("extraction cache"))
        .unwrap_or_default()
        .to_string()
}

/// The shards of the site's extraction cache (its `.gitignore` and the
/// render cache's `jobs-NN` and the kept output aside).
fn cache_files(site: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(site.join(".briefing-cache"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|name| name != ".gitignore" && name != "output" && !name.starts_with("jobs-"))
        .collect();
    names.sort();
    names
}

#[test]
fn a_cached_build_is_a_cold_build_byte_for_byte() {
    let tmp = tempfile::tempdir().unwrap();
    site(tmp.path());
    let out = tmp.path().join("dist");
    let first = build(tmp.path(), &out);
    assert!(first.contains("warning"), "{first}");
    assert_eq!(cache_files(tmp.path()).len(), 64);
    assert!(
        !out.join(".briefing-cache").exists(),
        "the cache is not output"
    );

    // One source edited: the others come from the cache.
    let depot = tmp.path().join("seeds/depot.txt");
    let mut text = std::fs::read_to_string(&depot).unwrap();
    text.push_str("\nThe depot will hold forty lorries, the engineer added.\n");
    std::fs::write(&depot, text).unwrap();
    let cached = build(tmp.path(), &out);
    assert!(cached_count(tmp.path(), &out).starts_with("3 of 3"));
    let mut text = std::fs::read_to_string(&depot).unwrap();
    text.push_str("\nA second line was added.\n");
    std::fs::write(&depot, text).unwrap();
    assert!(cached_count(tmp.path(), &out).starts_with("2 of 3"));

    // The same site with no cache, built into a folder of its own.
    std::fs::remove_dir_all(tmp.path().join(".briefing-cache")).unwrap();
    let fresh = tmp.path().join("fresh");
    let cold = build(tmp.path(), &fresh);
    assert_eq!(cached, cold);
    let (a, b) = (tree(&out), tree(&fresh));
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        b.keys().collect::<Vec<_>>(),
        "the same files"
    );
    for (path, bytes) in &a {
        assert!(
            bytes == &b[path],
            "{path} differs from a build with no cache"
        );
    }
    let page =
        std::fs::read_to_string(out.join("briefings/new-depot-opens-at-easton-vale/index.html"))
            .or_else(|_| std::fs::read_to_string(out.join("briefings/depot/index.html")));
    if let Ok(page) = page {
        assert!(page.contains("forty lorries"));
    }
    // No page, sitemap or search shard names the cache.
    for (path, bytes) in &a {
        assert!(
            !String::from_utf8_lossy(bytes).contains(".briefing-cache"),
            "{path} names the cache"
        );
    }
}

#[test]
fn a_corrupt_or_foreign_cache_is_ignored_and_written_anew() {
    let tmp = tempfile::tempdir().unwrap();
    site(tmp.path());
    let out = tmp.path().join("dist");
    build(tmp.path(), &out);
    let good = tree(&out);
    let cache = tmp.path().join(".briefing-cache");
    let kept = tmp.path().join("kept-cache");
    std::fs::rename(&cache, &kept).unwrap();
    let fresh = tmp.path().join("fresh");
    let cold = build(tmp.path(), &fresh);
    assert!(
        tree(&fresh) == good,
        "a build with no cache gives the same site"
    );
    std::fs::remove_dir_all(&cache).unwrap();
    std::fs::rename(&kept, &cache).unwrap();

    // Garbage in some shards, another cache's shard in the others.
    let other = tmp.path().join("other");
    std::fs::create_dir_all(other.join("seeds")).unwrap();
    std::fs::copy(
        tmp.path().join("seeds/ferry.txt"),
        other.join("seeds/ferry.txt"),
    )
    .unwrap();
    let other_out = tmp.path().join("other-dist");
    build(&other, &other_out);
    for (n, name) in cache_files(tmp.path()).iter().enumerate() {
        let path = cache.join(name);
        if n % 2 == 0 {
            std::fs::write(&path, b"not a cache at all\n\x00\xff").unwrap();
        } else {
            std::fs::copy(other.join(".briefing-cache").join(name), &path).unwrap();
        }
    }
    let again = build(tmp.path(), &out);
    assert_eq!(again, cold);
    assert!(
        tree(&out) == good,
        "the output equals a build with no cache"
    );

    // A cache folder removed by hand is fine too.
    std::fs::remove_dir_all(&cache).unwrap();
    assert_eq!(build(tmp.path(), &out), cold);
    assert!(tree(&out) == good);
}

/// A site folder the cache cannot be written into (here a file stands
/// where its folder would be) still builds, the same site, with a note.
#[test]
fn a_cache_that_cannot_be_written_leaves_the_build_whole() {
    let tmp = tempfile::tempdir().unwrap();
    site(tmp.path());
    let good = tmp.path().join("good");
    build(tmp.path(), &good);
    std::fs::remove_dir_all(tmp.path().join(".briefing-cache")).unwrap();
    std::fs::write(tmp.path().join(".briefing-cache"), "a file of the user's\n").unwrap();
    let out = tmp.path().join("dist");
    let printed = build_printed(tmp.path(), &out, &[]);
    assert!(
        printed.contains("extraction cache was not written"),
        "{printed}"
    );
    assert!(tree(&out) == tree(&good));
    assert_eq!(
        std::fs::read_to_string(tmp.path().join(".briefing-cache")).unwrap(),
        "a file of the user's\n"
    );
}

/// Every fixture's briefing read back from its cache entry's JSON is the
/// briefing extracted (entities' evidence, quotes' rules, metadata roles,
/// confidences), and serialises to the same bytes as `extract --json` reads.
#[test]
fn every_fixture_briefing_survives_the_cache_unchanged() {
    let mut checked = 0;
    let mut stack = vec![std::path::PathBuf::from("tests/fixtures")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let Some(ext) = path.extension().and_then(|e| e.to_str()) else {
                continue;
            };
            if !matches!(ext, "txt" | "md") {
                continue;
            }
            let Ok(source) = briefing::load::load_file(&path) else {
                continue;
            };
            let Ok(extracted) = briefing::pipeline::extract_source(
                &source,
                briefing::parse::markdown::HtmlPolicy::Sanitize,
                &briefing::model::Registry::default(),
            ) else {
                continue;
            };
            let json = serde_json::to_string(&extracted).unwrap();
            let back: briefing::model::Briefing = serde_json::from_str(&json).unwrap();
            assert!(back == extracted, "{} changed in the cache", path.display());
            assert_eq!(serde_json::to_string(&back).unwrap(), json);
            checked += 1;
        }
    }
    assert!(checked >= 5, "only {checked} fixtures read");
}

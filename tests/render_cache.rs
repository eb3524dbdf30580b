//! The render cache `briefing build` keeps beside the extraction cache
//! (`SITE/.briefing-cache/jobs-NN`): a build renders only the page jobs
//! whose fingerprint changed and links the others' files from the last
//! output. After each kind of change (a source edited, deleted, renamed; a
//! template override; `briefing.toml`) the output and what `check` reports
//! are, byte for byte, those of a cold build of the same site; a page the
//! user edited in place in the output is never carried forward.

mod common;

use common::{build_printed, copy_sample_sources, tree};
use std::path::Path;

/// The sample site's sources, a dozen short raw briefings of our own (one
/// with a broken link, so `check` has a finding on a page that is reused)
/// and settings that make every kind of job: list pages, print volumes,
/// per-briefing JSON, feed and sitemap.
fn site(dir: &Path) {
    copy_sample_sources(dir);
    let seeds = dir.join("seeds");
    for n in 0..12 {
        let text = format!(
            "date 2026-04-{day:02}\n\n\
             Ferry route {n} reopens at Holm Point\n\n\
             The harbour office reopened route {n} on Monday, its master Ines Kowal said.\n\n\
             Who runs it?\n\n\
             \"The county runs route {n} with the Holm Point Trust,\" Kowal said.\n",
            day = n + 1
        );
        std::fs::write(seeds.join(format!("route-{n:02}.txt")), text).unwrap();
    }
    std::fs::write(
        dir.join("content/notes.md"),
        "---\ntitle: Harbour notes\ndate: 2026-04-20\n---\n\n\
         ## Where is the timetable?\n\nSee [the timetable](../timetable/) for the hours.\n",
    )
    .unwrap();
    std::fs::write(dir.join("briefing.toml"), settings("Holm Point Briefings")).unwrap();
}

fn settings(title: &str) -> String {
    format!(
        "title = \"{title}\"\nbase_url = \"https://example.org/briefs/\"\n\
         paginate_by = 4\nprint = true\nprint_volume_size = 3\njson = \"per-briefing\"\n"
    )
}

/// What `build -v` printed, but its lines about the caches and its
/// summary (which ends in the build's time).
fn findings(printed: &str) -> String {
    printed
        .lines()
        .filter(|l| !l.starts_with("built ") && !l.contains("cache"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// `(rendered, reused)` as `build -v` says them.
fn jobs(printed: &str) -> (usize, usize) {
    let line = printed
        .lines()
        .find(|l| l.contains("(render cache)"))
        .unwrap_or_else(|| panic!("no render cache line in {printed}"));
    let numbers: Vec<usize> = line
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|w| w.parse().ok())
        .collect();
    (numbers[0], numbers[1])
}

/// Builds `site` into `out`, then builds it cold (no caches, an output of
/// its own) and asserts both give the same files and the same findings;
/// returns what the first build printed.
fn build_matching_cold(site: &Path, out: &Path, what: &str) -> String {
    let printed = build_printed(site, out, &["-v"]);
    let cache = site.join(".briefing-cache");
    let aside = site.join("cache-aside");
    std::fs::rename(&cache, &aside).unwrap();
    let cold_out = site.join("cold");
    let _ = std::fs::remove_dir_all(&cold_out);
    let cold = build_printed(site, &cold_out, &["-v"]);
    std::fs::remove_dir_all(&cache).unwrap();
    std::fs::rename(&aside, &cache).unwrap();
    assert_eq!(findings(&printed), findings(&cold), "after {what}");
    common::assert_same_trees(
        out,
        &cold_out,
        &format!("after {what}, against a cold build"),
    );
    printed
}

#[test]
fn builds_after_each_kind_of_change_are_cold_builds_byte_for_byte() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("site");
    site(&dir);
    let out = dir.join("dist");
    let first = build_matching_cold(&dir, &out, "the first build");
    let (rendered, reused) = jobs(&first);
    assert_eq!(reused, 0, "{first}");
    let total = rendered;
    assert!(
        first.contains("1 broken link"),
        "the broken link is found: {first}"
    );

    // Files written in the manifest's own clock tick are rendered again
    // (an edit then would not show in their times): most are reused.
    let again = build_matching_cold(&dir, &out, "a build with nothing changed");
    let (rendered, reused) = jobs(&again);
    assert!(rendered + reused == total && reused > total / 2, "{again}");
    assert!(
        again.contains("1 broken link"),
        "found on a reused page: {again}"
    );

    let route = dir.join("seeds/route-05.txt");
    let text = std::fs::read_to_string(&route).unwrap();
    std::fs::write(&route, text.replace("on Monday", "on Tuesday")).unwrap();
    let edited = build_matching_cold(&dir, &out, "editing one source");
    let (rendered, reused) = jobs(&edited);
    assert!(rendered > 0 && rendered < total / 2, "{edited}");
    assert_eq!(rendered + reused, total);

    std::fs::remove_file(dir.join("seeds/route-02.txt")).unwrap();
    let deleted = build_matching_cold(&dir, &out, "deleting one source");
    let (rendered, reused) = jobs(&deleted);
    assert!(rendered > 0 && reused > 0, "{deleted}");

    std::fs::rename(
        dir.join("seeds/route-07.txt"),
        dir.join("seeds/route-07-renamed.txt"),
    )
    .unwrap();
    let renamed = build_matching_cold(&dir, &out, "renaming one source");
    assert!(jobs(&renamed).1 > 0, "{renamed}");

    // A template override renders everything again, and so does its removal.
    let glance = std::fs::read_to_string(common::repo().join("templates/partials/glance.html"))
        .unwrap()
        .replace("At a glance", "In short");
    std::fs::create_dir_all(dir.join("templates/partials")).unwrap();
    std::fs::write(dir.join("templates/partials/glance.html"), glance).unwrap();
    let overridden = build_matching_cold(&dir, &out, "a template override");
    assert_eq!(jobs(&overridden).1, 0, "{overridden}");
    assert!(
        tree(&out)
            .values()
            .any(|b| b.windows(8).any(|w| w == b"In short"))
    );
    std::fs::remove_dir_all(dir.join("templates")).unwrap();
    let restored = build_matching_cold(&dir, &out, "removing the override");
    assert_eq!(jobs(&restored).1, 0, "{restored}");

    std::fs::write(dir.join("briefing.toml"), settings("Holm Point Notes")).unwrap();
    let retitled = build_matching_cold(&dir, &out, "a change to briefing.toml");
    assert_eq!(jobs(&retitled).1, 0, "{retitled}");
    let settled = build_matching_cold(&dir, &out, "a build after the settings change");
    assert!(jobs(&settled).1 > total / 2, "{settled}");
}

/// The site of [`site`] in a temporary folder, built once into `dist`.
fn built_site() -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("site");
    site(&dir);
    let out = dir.join("dist");
    build_printed(&dir, &out, &["-v"]);
    (tmp, dir, out)
}

#[test]
fn an_output_file_edited_in_place_is_not_carried_forward() {
    let (_tmp, dir, out) = built_site();
    // The same number of bytes, in place (same inode): only its time says
    // it changed.
    let page = out.join("index.html");
    let text = std::fs::read_to_string(&page).unwrap();
    let edited = text.replacen("Holm", "HOLM", 1);
    assert_ne!(edited, text);
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(&page, &edited).unwrap();
    let printed = build_matching_cold(&dir, &out, "an edit in the output");
    assert!(jobs(&printed).0 >= 1, "{printed}");
    assert_eq!(std::fs::read_to_string(&page).unwrap(), text);
}

#[test]
fn a_linked_cache_folder_renders_everything_and_writes_nothing_through() {
    let (tmp, dir, out) = built_site();
    let elsewhere = tmp.path().join("elsewhere");
    std::fs::rename(dir.join(".briefing-cache"), &elsewhere).unwrap();
    std::os::unix::fs::symlink(&elsewhere, dir.join(".briefing-cache")).unwrap();
    let before = tree(&elsewhere);
    let printed = build_printed(&dir, &out, &["-v"]);
    assert_eq!(jobs(&printed).1, 0, "{printed}");
    assert!(
        tree(&elsewhere) == before,
        "nothing written through the link"
    );
}

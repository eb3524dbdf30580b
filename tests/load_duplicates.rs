//! Duplicates and orphans through the real binary: two sources with the
//! same title build with a warning naming both files; a sidecar whose name
//! matches no source is a warning naming the nearest source; sources of
//! the same name in subfolders get slugs with their folder, in `build` and
//! in `check`.

mod common;

use common::briefing;
use std::path::Path;

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// A site of three `fares.txt` (two in subfolders under the same title)
/// and a sidecar `fare.toml` that belongs to none of them.
fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "seeds/monday/fares.txt",
        "date 2025-05-05\nFerry fares rise on the north route\n\nThe ferry company raised its fares by a tenth on Monday.\n\nWhy are fares rising?\n\nFuel cost more over the winter.\n",
    );
    write(
        d,
        "seeds/tuesday/fares.txt",
        "date 2025-05-06\nFerry fares rise on the North Route!\n\nA second report of the same rise, filed a day later.\n\nWho pays more?\n\nCommuters on the early boats pay the most.\n",
    );
    write(
        d,
        "seeds/fares.txt",
        "date 2025-05-04\nHarbour wall repairs begin\n\nWork on the harbour wall began at dawn.\n\nHow long will it take?\n\nThe council expects six weeks of work.\n",
    );
    write(d, "seeds/fare.toml", "title = \"Harbour walls\"\n");
    dir
}

#[test]
fn duplicates_and_orphans_are_warnings_and_folders_part_the_slugs() {
    let dir = site();
    let out = dir.path().join("dist");
    let output = briefing()
        .arg("build")
        .arg(dir.path())
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    // Slugs with their folder where the names clash; the top one keeps its own.
    for slug in ["monday-fares", "tuesday-fares", "fares"] {
        assert!(
            out.join(format!("briefings/{slug}/index.html")).is_file(),
            "no {slug}: {stderr}"
        );
    }
    let page = std::fs::read_to_string(out.join("briefings/fares/index.html")).unwrap();
    assert!(page.contains("Harbour wall repairs begin"));
    // The same title (case and punctuation aside) names both files.
    let same = stderr
        .lines()
        .find(|l| l.contains("has the same title as"))
        .unwrap_or_else(|| panic!("no duplicate-title warning: {stderr}"));
    assert!(same.starts_with("warning: seeds/"), "{same}");
    assert!(
        same.contains("seeds/monday/fares.txt") && same.contains("seeds/tuesday/fares.txt"),
        "{same}"
    );
    // The orphan sidecar names the source it was probably meant for.
    let orphan = stderr
        .lines()
        .find(|l| l.contains("sidecar without a source"))
        .unwrap_or_else(|| panic!("no orphan warning: {stderr}"));
    assert!(orphan.starts_with("warning: seeds/fare.toml"), "{orphan}");
    assert!(
        orphan.contains("nearest source is seeds/fares.txt"),
        "{orphan}"
    );

    // `check` agrees: no slug error, the same two warnings.
    let output = briefing().arg("check").arg(dir.path()).output().unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.status.success(), "{text}");
    assert!(!text.contains("is also the slug of"), "{text}");
    assert!(text.contains("has the same title as"), "{text}");
    assert!(text.contains("sidecar without a source"), "{text}");
}

/// A slug the author wrote is theirs: a clash with it that is left after
/// the folders are added stays an error.
#[test]
fn a_clash_with_a_written_slug_is_still_an_error() {
    let dir = site();
    write(
        dir.path(),
        "seeds/monday/fares.toml",
        "slug = \"tuesday-fares\"\n",
    );
    let output = briefing()
        .arg("build")
        .arg(dir.path())
        .arg("--out")
        .arg(dir.path().join("dist"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(stderr.contains("the slug `tuesday-fares`"), "{stderr}");
}

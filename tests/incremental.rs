//! Incremental rebuilds give the same output as a full build, byte for
//! byte, after every kind of edit, while rendering only part of the site.

mod common;

use briefing::config::Config;
use briefing::incremental::{RebuildReport, Session};
use common::assert_same_as_full_build;
use std::path::Path;

const PEOPLE: [(&str, &str); 4] = [
    ("Mira Holt", "the harbour board chair"),
    ("Tomas Reyes", "a ferry captain"),
    ("Anika Brandt", "the port engineer"),
    ("Joel Okafor", "the mayor of Kelby"),
];
const GROUPS: [&str; 3] = [
    "Kelby Rowing Club",
    "Estuary Ferry Company",
    "Harbour Residents Association",
];

/// A raw briefing about the harbour, naming two people and one group.
fn story(i: usize, day: usize) -> String {
    let (a, a_role) = PEOPLE[i % 4];
    let (b, b_role) = PEOPLE[(i + 1) % 4];
    let group = GROUPS[i % 3];
    format!(
        "date 2026-04-{day:02}\n\n\
         Harbour works, part {i}\n\n\
         {a}, {a_role}, said on Monday that the slipway repairs in section {i} would start within a month.\n\n\
         Who pays for the repairs?\n\n\
         The {group} will cover a third of the cost of {i}0,000 euros, {b}, {b_role}, told reporters at the quay.\n\n\
         \"We cannot keep patching a wall that the tide undoes every winter,\" {a} said.\n\n\
         What happens to the boats?\n\n\
         Boats moored in section {i} move to the outer pontoon until the work ends, the {group} said in a statement.\n\n\
         Harbour Wire\n"
    )
}

fn write_site(site: &Path) {
    let seeds = site.join("seeds");
    std::fs::create_dir_all(&seeds).unwrap();
    for i in 1..=12 {
        std::fs::write(seeds.join(format!("part-{i:02}.txt")), story(i, i)).unwrap();
    }
    std::fs::write(
        site.join("briefing.toml"),
        "title = \"Harbour works\"\nbase_url = \"https://example.org/harbour/\"\n\
         paginate_by = 5\nprint_volume_size = 4\n",
    )
    .unwrap();
}

/// Whether a rebuild warned about the source file `name`.
fn warns_about(report: &RebuildReport, name: &str) -> bool {
    report.warnings.iter().any(|w| w.path.ends_with(name))
}

fn edit(site: &Path, name: &str, change: impl Fn(String) -> String) {
    let path = site.join("seeds").join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    let changed = change(text.clone());
    assert_ne!(text, changed, "the edit of {name} changed nothing");
    std::fs::write(path, changed).unwrap();
}

#[test]
fn every_kind_of_edit_rebuilds_to_the_same_bytes_as_a_full_build() {
    let root = tempfile::tempdir().unwrap();
    let site = root.path().join("site");
    write_site(&site);
    let out = root.path().join("live");
    let config = Config::load(&site, Some(&out)).unwrap();
    let (mut session, first) = Session::start(config).unwrap();
    assert_eq!(first.rendered_jobs, first.total_jobs);
    assert_same_as_full_build(&site, &out, "the first build");

    // Nothing changed: nothing is rendered or written.
    let idle = session.rebuild().unwrap();
    assert_eq!(
        (idle.changed_sources, idle.rendered_jobs, idle.written_files),
        (0, 0, 0)
    );

    // A sentence of the body: that briefing's pages and what shows its
    // text (lists, its volume, its entities, search), not the whole site.
    edit(&site, "part-03.txt", |t| {
        t.replace("outer pontoon", "north pontoon")
    });
    let body = session.rebuild().unwrap();
    assert_eq!(body.changed_sources, 1);
    assert!(
        body.rendered_jobs * 2 < body.total_jobs,
        "a one-sentence edit re-rendered {} of {} jobs",
        body.rendered_jobs,
        body.total_jobs
    );
    assert!(
        std::fs::read_to_string(out.join("briefings/part-03/index.html"))
            .unwrap()
            .contains("north pontoon")
    );
    assert_same_as_full_build(&site, &out, "a body edit");

    // The headline: every page that links to the briefing shows the new title.
    edit(&site, "part-05.txt", |t| {
        t.replace("Harbour works, part 5", "Harbour works, part 5 (revised)")
    });
    session.rebuild().unwrap();
    assert_same_as_full_build(&site, &out, "a title edit");

    // A new question, a new person and a new date that moves the briefing
    // to the top of the site order.
    edit(&site, "part-02.txt", |t| {
        t.replace("date 2026-04-02", "date 2026-05-30").replace(
            "Harbour Wire\n",
            "When will the quay reopen?\n\nLena Vogt, a council planner, expects the quay to reopen before the summer regatta in June.\n\nHarbour Wire\n",
        )
    });
    session.rebuild().unwrap();
    assert_same_as_full_build(&site, &out, "a date, question and person edit");

    // A briefing removed and another added.
    std::fs::remove_file(site.join("seeds/part-07.txt")).unwrap();
    std::fs::write(site.join("seeds/part-13.txt"), story(13, 20)).unwrap();
    let churn = session.rebuild().unwrap();
    assert_eq!((churn.changed_sources, churn.removed_sources), (1, 1));
    assert!(churn.removed_files > 0);
    assert!(!out.join("briefings/part-07").exists());
    assert_same_as_full_build(&site, &out, "a removed and an added briefing");
}

#[test]
fn a_broken_source_fails_the_rebuild_and_the_next_good_one_recovers() {
    let root = tempfile::tempdir().unwrap();
    let site = root.path().join("site");
    write_site(&site);
    std::fs::write(
        site.join("seeds/part-01.toml"),
        "title = \"Sidecar title\"\n",
    )
    .unwrap();
    let out = root.path().join("live");
    let (mut session, _) = Session::start(Config::load(&site, Some(&out)).unwrap()).unwrap();

    std::fs::write(site.join("seeds/part-01.toml"), "title = [unclosed\n").unwrap();
    let err = session.rebuild().unwrap_err().to_string();
    assert!(err.contains("part-01.toml"), "{err}");

    std::fs::write(
        site.join("seeds/part-01.toml"),
        "title = \"Better title\"\n",
    )
    .unwrap();
    session.rebuild().unwrap();
    assert_same_as_full_build(&site, &out, "a fixed sidecar");
}

#[test]
fn unchanged_sources_are_not_read_again_but_their_warnings_still_show() {
    let root = tempfile::tempdir().unwrap();
    let site = root.path().join("site");
    write_site(&site);
    // Latin-1 bytes: the loader reads them and warns about the encoding.
    let mut latin1 = story(14, 21).into_bytes();
    latin1.extend_from_slice(b"Caf\xe9 owners on the quay welcomed the plan.\n");
    std::fs::write(site.join("seeds/part-14.txt"), latin1).unwrap();
    let out = root.path().join("live");
    let (mut session, first) = Session::start(Config::load(&site, Some(&out)).unwrap()).unwrap();
    let warned = |report: &RebuildReport| warns_about(report, "part-14.txt");
    assert!(warned(&first), "{:?}", first.warnings);

    let idle = session.rebuild().unwrap();
    assert!(
        warned(&idle),
        "a rebuild drops the warning: {:?}",
        idle.warnings
    );
    assert_eq!(idle.warnings, first.warnings);

    // Saved again with the same bytes: read again (its stamp moved), found
    // unchanged, nothing rendered.
    let same = std::fs::read(site.join("seeds/part-04.txt")).unwrap();
    std::fs::write(site.join("seeds/part-04.txt"), same).unwrap();
    let saved = session.rebuild().unwrap();
    assert_eq!((saved.changed_sources, saved.rendered_jobs), (0, 0));

    // A sidecar added beside an unchanged source is seen.
    std::fs::write(
        site.join("seeds/part-06.toml"),
        "title = \"Sidecar title for part six\"\n",
    )
    .unwrap();
    let sidecar = session.rebuild().unwrap();
    assert_eq!(sidecar.changed_sources, 1);
    assert!(
        std::fs::read_to_string(out.join("briefings/part-06/index.html"))
            .unwrap()
            .contains("Sidecar title for part six")
    );
    assert_same_as_full_build(&site, &out, "a new sidecar");
}

#[test]
fn rebuilds_told_what_changed_give_the_bytes_of_a_full_build() {
    let root = tempfile::tempdir().unwrap();
    let site = root.path().join("site");
    write_site(&site);
    // An empty source: skipped with a warning at every build.
    std::fs::write(site.join("seeds/blank.txt"), "").unwrap();
    let out = root.path().join("live");
    let (mut session, first) = Session::start(Config::load(&site, Some(&out)).unwrap()).unwrap();
    let blank_warned = |report: &RebuildReport| warns_about(report, "blank.txt");
    assert!(blank_warned(&first), "{:?}", first.warnings);
    let told = |paths: &[&str]| -> Vec<std::path::PathBuf> {
        paths.iter().map(|p| Path::new("seeds").join(p)).collect()
    };

    // An edit, named: only that source is read.
    edit(&site, "part-03.txt", |t| t.replace("a month", "six weeks"));
    let edited = session.rebuild_changed(&told(&["part-03.txt"])).unwrap();
    assert_eq!(edited.changed_sources, 1);
    assert!(blank_warned(&edited), "{:?}", edited.warnings);
    assert_same_as_full_build(&site, &out, "a named edit");

    // A source not named is not looked at, until it is named.
    edit(&site, "part-05.txt", |t| {
        t.replace("Harbour works", "Quay works")
    });
    let unnamed = session.rebuild_changed(&[]).unwrap();
    assert_eq!((unnamed.changed_sources, unnamed.rendered_jobs), (0, 0));
    let named = session.rebuild_changed(&told(&["part-05.txt"])).unwrap();
    assert_eq!(named.changed_sources, 1);
    assert_same_as_full_build(&site, &out, "an edit named late");

    // A new sidecar, a removed source and a new one, named by the watcher.
    std::fs::write(
        site.join("seeds/part-06.toml"),
        "title = \"Part six, renamed\"\n",
    )
    .unwrap();
    std::fs::remove_file(site.join("seeds/part-07.txt")).unwrap();
    std::fs::write(site.join("seeds/part-20.txt"), story(20, 28)).unwrap();
    let churn = session
        .rebuild_changed(&told(&["part-06.toml", "part-07.txt", "part-20.txt"]))
        .unwrap();
    assert_eq!((churn.changed_sources, churn.removed_sources), (2, 1));
    assert!(blank_warned(&churn), "{:?}", churn.warnings);
    assert_same_as_full_build(&site, &out, "a sidecar, a removal and a new source");

    // A new folder is one only a walk can follow.
    std::fs::create_dir_all(site.join("seeds/more")).unwrap();
    std::fs::write(site.join("seeds/more/part-21.txt"), story(21, 29)).unwrap();
    let folder = session.rebuild_changed(&told(&["more"])).unwrap();
    assert_eq!(folder.changed_sources, 1);
    assert_same_as_full_build(&site, &out, "a new folder");

    // After a failed rebuild, every source is looked at again.
    std::fs::write(site.join("seeds/part-08.toml"), "title = \n").unwrap();
    assert!(session.rebuild_changed(&told(&["part-08.toml"])).is_err());
    std::fs::write(site.join("seeds/part-08.toml"), "title = \"Eight\"\n").unwrap();
    edit(&site, "part-09.txt", |t| {
        t.replace("a month", "a fortnight")
    });
    let recovered = session.rebuild_changed(&told(&["part-08.toml"])).unwrap();
    assert_eq!(recovered.changed_sources, 2);
    assert_same_as_full_build(&site, &out, "a rebuild after a failed one");
}

#[cfg(unix)]
#[test]
fn a_change_named_by_its_real_path_is_found_in_a_source_folder_reached_by_a_link() {
    let root = tempfile::tempdir().unwrap();
    let real = root.path().join("real-seeds");
    std::fs::create_dir_all(&real).unwrap();
    for i in 1..=3 {
        std::fs::write(real.join(format!("part-{i:02}.txt")), story(i, i)).unwrap();
    }
    let linked = root.path().join("linked-seeds");
    std::os::unix::fs::symlink(&real, &linked).unwrap();
    let site = root.path().join("site");
    std::fs::create_dir_all(&site).unwrap();
    std::fs::write(
        site.join("briefing.toml"),
        format!("source_dirs = [{:?}]\n", linked.to_string_lossy()),
    )
    .unwrap();
    let out = root.path().join("live");
    let (mut session, _) = Session::start(Config::load(&site, Some(&out)).unwrap()).unwrap();
    let file = real.join("part-02.txt");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replace("a month", "two months")).unwrap();
    // As a watcher names it: the real, absolute path.
    let report = session
        .rebuild_changed(&[file.canonicalize().unwrap()])
        .unwrap();
    assert_eq!(report.changed_sources, 1);
    assert_same_as_full_build(&site, &out, "an edit in a linked source folder");
}

//! A build killed at any moment (SIGKILL) leaves the previous output
//! complete and byte-for-byte untouched, and the next build leaves no
//! temporary folders behind, and an extraction cache (in the site folder)
//! whole: the build after reads every source from it. The first build
//! killed while writing is made of the output kept by the build before.

#![cfg(unix)]

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut all = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap().flatten() {
            if entry.path().is_dir() {
                stack.push(entry.path());
            } else {
                all.push((
                    entry.path().strip_prefix(dir).unwrap().to_path_buf(),
                    std::fs::read(entry.path()).unwrap(),
                ));
            }
        }
    }
    all.sort();
    all
}

fn staging_folders(site: &Path) -> Vec<String> {
    std::fs::read_dir(site)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n.contains(".briefing-") && n != ".briefing-cache")
        .collect()
}

#[test]
fn killed_builds_leave_the_previous_output_untouched() {
    let site = tempfile::tempdir().unwrap();
    let seeds = site.path().join("seeds");
    std::fs::create_dir_all(&seeds).unwrap();
    // Enough sources that a build takes a while to write.
    for i in 0..3000 {
        std::fs::write(
            seeds.join(format!("story-{i:04}.txt")),
            format!(
                "The harbour board met on day {i} and Mira Holt, its chair, said the vote would go ahead.\n\
                 Why does it matter?\nBecause the slipway is the only public one in town, the rowing club said.\n"
            ),
        )
        .unwrap();
    }
    let bin = assert_cmd::cargo::cargo_bin("briefing");
    let build = || {
        let status = std::process::Command::new(&bin)
            .args(["build", "-q"])
            .arg(site.path())
            .status()
            .unwrap();
        assert!(status.success());
    };
    // Twice, so that the output the second build replaced is kept in the
    // cache, and the first killed build that gets to write is made of it.
    build();
    build();
    assert!(site.path().join(".briefing-cache/output").is_dir());
    let dist = site.path().join("dist");
    let before = snapshot(&dist);

    // Change every source so a finished build would differ, then kill builds
    // at different moments: while reading, while rendering, while writing.
    for i in 0..3000 {
        let path = seeds.join(format!("story-{i:04}.txt"));
        let text = std::fs::read_to_string(&path)
            .unwrap()
            .replace("harbour", "marina");
        std::fs::write(path, text).unwrap();
    }
    // What a finished build of the changed sources writes, elsewhere.
    let finished_dir = tempfile::tempdir().unwrap();
    let status = std::process::Command::new(&bin)
        .args(["build", "-q"])
        .arg(site.path())
        .arg("--out")
        .arg(finished_dir.path().join("site"))
        .status()
        .unwrap();
    assert!(status.success());
    let finished = snapshot(&finished_dir.path().join("site"));
    // That build filled the site's cache with the changed sources; without
    // it the killed builds extract every source, and take as long as before.
    std::fs::remove_dir_all(site.path().join(".briefing-cache")).unwrap();
    let mut killed_while_writing = 0;
    // (wait for the staging folder first?, then this many ms)
    let moments = [
        (false, 20u64),
        (false, 200),
        (true, 0),
        (true, 20),
        (true, 50),
        (true, 150),
        (true, 300),
        (true, 600),
    ];
    for (after_staging, delay_ms) in moments {
        let mut child = std::process::Command::new(&bin)
            .args(["build", "-q"])
            .arg(site.path())
            .spawn()
            .unwrap();
        let started = Instant::now();
        if after_staging {
            while staging_folders(site.path()).is_empty()
                && started.elapsed() < Duration::from_secs(60)
            {
                if child.try_wait().unwrap().is_some() {
                    break;
                }
                std::thread::sleep(Duration::from_millis(1));
            }
        }
        std::thread::sleep(Duration::from_millis(delay_ms));
        let writing = !staging_folders(site.path()).is_empty();
        child.kill().unwrap();
        let status = child.wait().unwrap();
        if status.success() {
            // The build finished before the kill: a legal outcome, after which
            // the output has changed and later rounds prove nothing more.
            break;
        }
        let now = snapshot(&dist);
        if now != before {
            // The kill landed after the finished site was swapped in, while
            // the process was exiting: legal, if dist/ is the whole new site.
            // The marker's manifest names inodes and times, which differ.
            let site_only = |files: &[(PathBuf, Vec<u8>)]| -> Vec<(PathBuf, Vec<u8>)> {
                files
                    .iter()
                    .filter(|(p, _)| p != Path::new(".briefing-output"))
                    .cloned()
                    .collect()
            };
            assert!(
                site_only(&now) == site_only(&finished),
                "killed {delay_ms} ms in (after staging: {after_staging}): dist/ is neither the old site nor the new one"
            );
            break;
        }
        killed_while_writing += usize::from(writing);
    }
    assert!(
        killed_while_writing >= 2,
        "too few kills landed while the site was being written"
    );

    // The next build succeeds, replaces the output and cleans up after the killed ones.
    build();
    assert!(
        staging_folders(site.path()).is_empty(),
        "{:?}",
        staging_folders(site.path())
    );
    let page = std::fs::read_to_string(dist.join("briefings/story-0000/index.html")).unwrap();
    assert!(page.contains("marina"));
    let mut cache: Vec<String> = std::fs::read_dir(site.path().join(".briefing-cache"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n.starts_with('.'))
        .collect();
    cache.sort();
    assert_eq!(
        cache,
        [".gitignore"],
        "a killed build's temporary file was left"
    );
    let printed = common::build_printed(site.path(), &dist, &["-v"]);
    assert!(
        printed.contains("3000 of 3000 briefings read from the extraction cache"),
        "{printed}"
    );
}

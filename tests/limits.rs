//! Issue 25, item 5: every file the tool reads is a regular file under a
//! size limit. A FIFO or a device (`/dev/zero` behind a link) is refused at
//! once instead of hanging or reading until memory runs out, and a file
//! over its limit is refused before it is read; each error names the file.
#![cfg(target_os = "linux")]

mod common;

use common::briefing;
use std::ffi::CString;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;
use std::time::Duration;

/// A command that hung before the fix: far longer than any of these takes.
const HANG: Duration = Duration::from_secs(20);

fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("content")).unwrap();
    std::fs::write(
        dir.path().join("content/note.md"),
        "+++\ntitle = \"A short note\"\n+++\n\nThe council met on Tuesday to vote on the plan.\n",
    )
    .unwrap();
    dir
}

fn mkfifo(path: &Path) {
    let name = CString::new(path.as_os_str().as_bytes()).unwrap();
    // SAFETY: `name` is a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o644) }, 0);
}

/// A sparse file of `len` bytes: its size is all that is looked at.
fn sparse(path: &Path, len: u64) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::File::create(path).unwrap().set_len(len).unwrap();
}

/// Runs `briefing ARGS...` in `dir`; it must fail, not hang, and what it
/// printed is returned.
fn fails(dir: &Path, args: &[&str]) -> String {
    let output = briefing()
        .current_dir(dir)
        .args(args)
        .timeout(HANG)
        .output()
        .unwrap();
    // `check` prints its findings on stdout, a failed build on stderr.
    let stderr = String::from_utf8_lossy(&output.stderr).to_string()
        + &String::from_utf8_lossy(&output.stdout);
    assert!(
        !output.status.success() && output.status.code().is_some(),
        "`briefing {}` should fail with an error (a signal means it hung): {:?}\n{stderr}",
        args.join(" "),
        output.status
    );
    stderr
}

#[test]
fn a_fifo_config_fails_build_and_check_naming_it() {
    let dir = site();
    mkfifo(&dir.path().join("briefing.toml"));
    for command in ["build", "check"] {
        let stderr = fails(dir.path(), &[command]);
        assert!(stderr.contains("briefing.toml"), "{command}: {stderr}");
        assert!(
            stderr.contains("not a regular file (a FIFO)"),
            "{command}: {stderr}"
        );
    }
}

#[test]
fn a_config_linked_to_dev_zero_is_refused_not_read() {
    let dir = site();
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("briefing.toml")).unwrap();
    let stderr = fails(dir.path(), &["build"]);
    assert!(stderr.contains("briefing.toml"), "{stderr}");
    assert!(stderr.contains("not a regular file (a device)"), "{stderr}");
}

#[test]
fn a_config_over_sixteen_mib_is_refused() {
    let dir = site();
    sparse(&dir.path().join("briefing.toml"), (16 << 20) + 1);
    let stderr = fails(dir.path(), &["build"]);
    assert!(
        stderr.contains("briefing.toml: is 16.0 MiB, over the 16 MiB limit"),
        "{stderr}"
    );
}

#[test]
fn extract_of_a_fifo_or_a_device_fails_naming_it() {
    let dir = site();
    mkfifo(&dir.path().join("pipe.txt"));
    let stderr = fails(dir.path(), &["extract", "pipe.txt"]);
    assert!(
        stderr.contains("pipe.txt: is not a regular file (a FIFO)"),
        "{stderr}"
    );
    let stderr = fails(dir.path(), &["extract", "/dev/zero"]);
    assert!(
        stderr.contains("/dev/zero: is not a regular file (a device)"),
        "{stderr}"
    );
}

#[test]
fn a_source_over_max_source_mb_fails_naming_it_and_the_key() {
    let dir = site();
    std::fs::write(dir.path().join("briefing.toml"), "max_source_mb = 1\n").unwrap();
    sparse(&dir.path().join("seeds/wire.txt"), (1 << 20) + 1);
    let stderr = fails(dir.path(), &["build"]);
    assert!(
        stderr.contains("seeds/wire.txt: is 1.0 MiB, over the 1 MiB limit for a source"),
        "{stderr}"
    );
    assert!(stderr.contains("max_source_mb"), "{stderr}");
    let stderr = fails(dir.path(), &["check"]);
    assert!(stderr.contains("seeds/wire.txt"), "{stderr}");
    // Under the limit it builds.
    std::fs::write(dir.path().join("briefing.toml"), "max_source_mb = 2\n").unwrap();
    std::fs::write(
        dir.path().join("seeds/wire.txt"),
        "The port reopened on Monday after the storm.\n",
    )
    .unwrap();
    briefing()
        .current_dir(dir.path())
        .arg("build")
        .timeout(HANG)
        .assert()
        .success();
}

#[test]
fn an_oversized_sidecar_registry_or_template_fails_naming_it() {
    let cases = [
        ("seeds/wire.toml", "a sidecar"),
        ("content/entities.toml", "the entity registry"),
        ("templates/page.html", "a template"),
    ];
    for (file, what) in cases {
        let dir = site();
        std::fs::create_dir_all(dir.path().join("seeds")).unwrap();
        std::fs::write(
            dir.path().join("seeds/wire.txt"),
            "The port reopened on Monday after the storm.\n",
        )
        .unwrap();
        sparse(&dir.path().join(file), (16 << 20) + 1);
        let stderr = fails(dir.path(), &["build"]);
        assert!(stderr.contains(file), "{file}: {stderr}");
        assert!(
            stderr.contains(&format!("over the 16 MiB limit for {what}")),
            "{file}: {stderr}"
        );
    }
}

#[test]
fn a_fifo_registry_fails_naming_it() {
    let dir = site();
    mkfifo(&dir.path().join("content/entities.toml"));
    let stderr = fails(dir.path(), &["build"]);
    assert!(
        stderr.contains("content/entities.toml: is not a regular file (a FIFO)"),
        "{stderr}"
    );
}

#[test]
fn a_200_mb_source_is_refused_at_once_by_default() {
    let dir = site();
    sparse(&dir.path().join("seeds/dump.txt"), 200_000_000);
    let started = std::time::Instant::now();
    let stderr = fails(dir.path(), &["build"]);
    assert!(
        stderr.contains("seeds/dump.txt: is 190.7 MiB, over the 48 MiB limit for a source"),
        "{stderr}"
    );
    assert!(started.elapsed() < Duration::from_secs(10));
}

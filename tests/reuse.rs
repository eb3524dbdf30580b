//! Rebuilds reuse what is unchanged (issue 26): a file with the same bytes
//! as in the current output is hard-linked, not written again, and a
//! user's in-place edit of an output file between builds is never carried
//! forward, whether it is made at once or later.

mod common;

use common::{build_into, tree};
use std::os::unix::fs::MetadataExt;
use std::path::Path;

/// A site of two raw briefings of our own.
fn site(dir: &Path) {
    let seeds = dir.join("seeds");
    std::fs::create_dir_all(&seeds).unwrap();
    for (name, place) in [("depot", "Easton Vale"), ("sluice", "Marrow Fen")] {
        std::fs::write(
            seeds.join(format!("{name}.txt")),
            format!(
                "date 2026-05-11\n\n\
                 New {name} opens at {place}\n\n\
                 The county opened the {name} at {place} on Monday after two years of building, its engineer said.\n\n\
                 Who paid for it?\n\n\
                 The county and two water companies shared the cost, according to the engineer.\n"
            ),
        )
        .unwrap();
    }
}

fn inode(path: &Path) -> u64 {
    std::fs::metadata(path).unwrap().ino()
}

/// Changes bytes of `path` in place, keeping its size and inode, as an
/// editor writing over the file does.
fn edit_in_place(path: &Path) {
    let mut bytes = std::fs::read(path).unwrap();
    let at = bytes.iter().position(u8::is_ascii_alphabetic).unwrap();
    bytes[at] ^= 0x20; // the letter's other case
    let before = inode(path);
    std::fs::write(path, &bytes).unwrap();
    assert_eq!(inode(path), before);
}

#[test]
fn an_edit_of_an_output_file_is_not_carried_forward_by_a_rebuild() {
    let tmp = tempfile::tempdir().unwrap();
    site(tmp.path());
    let fresh = tmp.path().join("fresh");
    build_into(tmp.path(), &fresh);
    let out = tmp.path().join("dist");
    build_into(tmp.path(), &out);
    let page = "briefings/depot/index.html";
    assert!(out.join(page).is_file(), "{page}");
    let kept = inode(&out.join("static/style.css"));

    // Edited right after the build (in the manifest's last clock tick or
    // not), then rebuilt at once.
    edit_in_place(&out.join("index.html"));
    edit_in_place(&out.join(page));
    build_into(tmp.path(), &out);
    assert_eq!(
        tree(&out).remove("index.html"),
        tree(&fresh).remove("index.html")
    );
    assert_eq!(tree(&out).remove(page), tree(&fresh).remove(page));
    // What nobody touched was linked, not written again.
    assert_eq!(inode(&out.join("static/style.css")), kept);

    // Edited a while after the build, when the manifest vouches for
    // untouched files without reading them.
    std::thread::sleep(std::time::Duration::from_millis(50));
    edit_in_place(&out.join("static/style.css"));
    build_into(tmp.path(), &out);
    let files = tree(&out);
    let expected = tree(&fresh);
    for (path, bytes) in &expected {
        assert!(files.get(path) == Some(bytes), "{path} differs");
    }
    assert_eq!(
        files.keys().collect::<Vec<_>>(),
        expected.keys().collect::<Vec<_>>()
    );
}

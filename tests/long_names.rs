//! Issue 25, item 12: names too long for a file name. A file name, tag or
//! registry name of a few hundred bytes gets a shortened slug with a hash
//! suffix, and every link to it works; a `slug` the author wrote that long
//! is an error naming the source and the field, never `File name too long`
//! on a staging path.

mod common;

use common::briefing;
use std::path::Path;

/// Words, for names of `n` words joined by `sep`.
fn words(n: usize, sep: &str) -> String {
    (0..n)
        .map(|i| format!("harbour{i}"))
        .collect::<Vec<_>>()
        .join(sep)
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

#[test]
fn long_file_names_tags_and_registry_names_build_with_short_slugs() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path();
    // 26 words of 8-9 bytes: a 245-byte file name.
    let stem = words(26, "-");
    assert!(stem.len() > 240 && stem.len() < 251, "{}", stem.len());
    let tag = words(40, " ");
    let org = format!("The {} Authority", words(30, " "));
    write(
        &site.join(format!("content/{stem}.md")),
        &format!(
            "+++\ntitle = \"A long-named note\"\ntags = [\"{tag}\"]\n+++\n\n\
             The {org} met on Tuesday to vote on the new plan for the quay.\n"
        ),
    );
    write(
        &site.join("content/entities.toml"),
        &format!("[[entity]]\nname = \"{org}\"\nkind = \"organization\"\n"),
    );
    let output = briefing().current_dir(site).arg("build").output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    for folder in ["briefings", "tags", "entities"] {
        let names: Vec<String> = std::fs::read_dir(site.join("dist").join(folder))
            .unwrap()
            .flatten()
            .filter(|e| e.path().is_dir())
            .map(|e| e.file_name().to_string_lossy().to_string())
            .filter(|n| n.starts_with("harbour") || n.starts_with("the-harbour"))
            .collect();
        assert_eq!(names.len(), 1, "{folder}: {names:?}");
        assert!(names[0].len() <= 100, "{folder}: {}", names[0]);
    }
    // Every link to the shortened pages resolves.
    let output = briefing()
        .current_dir(site)
        .args(["check", "--format", "json"])
        .output()
        .unwrap();
    let findings = String::from_utf8_lossy(&output.stdout);
    assert!(!findings.contains("broken link"), "{findings}");
}

#[test]
fn a_long_slug_in_metadata_fails_naming_the_source_and_field() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path();
    let slug = words(30, "-");
    write(
        &site.join("content/note.md"),
        &format!(
            "+++\ntitle = \"A note\"\nslug = \"{slug}\"\n+++\n\nThe council met on Tuesday.\n"
        ),
    );
    let output = briefing().current_dir(site).arg("build").output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(
        stderr.contains(&format!(
            "content/note.md: the slug is {} bytes long",
            slug.len()
        )),
        "{stderr}"
    );
    assert!(!stderr.contains("File name too long"), "{stderr}");
}

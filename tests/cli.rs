//! The command line as a user meets it: help, version, exit codes, messages.

mod common;

use common::{briefing, repo};
use predicates::prelude::*;

#[test]
fn version_prints_the_crate_version() {
    briefing()
        .arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::contains(env!("CARGO_PKG_VERSION")));
}

#[test]
fn every_subcommand_has_help() {
    for sub in ["build", "extract"] {
        briefing()
            .args([sub, "--help"])
            .assert()
            .success()
            .stdout(predicate::str::contains("Usage: briefing"));
    }
}

#[test]
fn extract_without_files_is_a_usage_error() {
    briefing().arg("extract").assert().code(2);
}

#[test]
fn extract_markdown_with_toml_front_matter() {
    let output = briefing()
        .args(["extract", "--json"])
        .arg(repo().join("tests/fixtures/markdown/toml-front-matter.md"))
        .output()
        .unwrap();
    assert!(output.status.success());
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let b = &json[0];
    assert!(b["title"].as_str().is_some_and(|t| !t.is_empty()));
    assert!(b["date"].as_str().is_some_and(|d| d.len() == 10));
    let sections = b["sections"].as_array().unwrap();
    assert!(
        sections
            .iter()
            .any(|s| s["kind"] == "question" && s["level"] == 2)
    );
    assert!(sections.iter().any(|s| s["level"] == 3));
}

#[test]
fn extract_yaml_front_matter_short_answer_wins() {
    let output = briefing()
        .args(["extract", "--json"])
        .arg(repo().join("tests/fixtures/markdown/yaml-front-matter.md"))
        .output()
        .unwrap();
    assert!(output.status.success());
    let text = std::fs::read_to_string(repo().join("tests/fixtures/markdown/yaml-front-matter.md"))
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let answered = json[0]["sections"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["short_answer"].as_str())
        .filter(|answer| {
            text.contains(&format!(": {answer}")) || text.contains(&format!(": \"{answer}\""))
        })
        .count();
    assert!(
        answered >= 1,
        "no editor short answer used: {}",
        json[0]["sections"]
    );
}

#[test]
fn broken_toml_front_matter_fails_naming_file_and_line() {
    briefing()
        .arg("extract")
        .arg(repo().join("tests/fixtures/markdown/broken-toml.md"))
        .assert()
        .failure()
        .stderr(
            predicate::str::contains("broken-toml.md:4:")
                .and(predicate::str::contains("front matter")),
        );
}

#[test]
fn broken_yaml_front_matter_fails_naming_file_and_line() {
    briefing()
        .arg("extract")
        .arg(repo().join("tests/fixtures/markdown/broken-yaml.md"))
        .assert()
        .failure()
        .stderr(
            predicate::str::contains("broken-yaml.md:")
                .and(predicate::str::contains("front matter")),
        );
}

#[test]
fn unknown_front_matter_key_is_named() {
    briefing()
        .arg("extract")
        .arg(repo().join("tests/fixtures/markdown/unknown-key.md"))
        .assert()
        .failure()
        .stderr(predicate::str::contains("titel"));
}

#[test]
fn unreadable_file_is_named() {
    briefing()
        .args(["extract", "no/such/file.txt"])
        .assert()
        .failure()
        .stderr(
            predicate::str::contains("cannot read no/such/file.txt")
                .and(predicate::str::contains("No such file")),
        );
}

#[test]
fn extract_human_output_lists_sections() {
    briefing()
        .arg("extract")
        .arg(repo().join("tests/fixtures/raw/questions-one-per-line.txt"))
        .assert()
        .success()
        .stdout(predicate::str::contains("Q Why did the bank hold rates?"));
}

#[test]
fn extract_explain_names_the_rule_of_every_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ferry.txt");
    std::fs::write(
        &file,
        "Ferry fares rise again\n\nMonday, 5 May 2025\n\nBy Ada Lund, Harbour Wire\n\n\
         The ferry company raised its fares for the second time this year, blaming fuel.\n\n\
         Advertisement\n\nWho pays most?\n\nPeople who cross every day for work pay the most, riders said.\n",
    )
    .unwrap();
    briefing()
        .arg("extract")
        .arg("--explain")
        .arg(&file)
        .assert()
        .success()
        .stdout(
            predicate::str::contains("9 headline")
                .and(
                    predicate::str::is_match(r"3  metadata +6.1 date line +Monday, 5 May 2025")
                        .unwrap(),
                )
                .and(predicate::str::contains("6.2 byline"))
                .and(predicate::str::contains("6.5 page residue"))
                .and(
                    predicate::str::is_match(r"heading 2 +8 question shape +Who pays most\?")
                        .unwrap(),
                ),
        );
}

#[test]
fn build_reports_what_it_found() {
    let out = tempfile::tempdir().unwrap();
    briefing()
        .arg("build")
        .arg(repo())
        .arg("--out")
        .arg(out.path().join("site"))
        .assert()
        .success()
        .stderr(
            predicate::str::is_match(
                r"built 4 briefings \(\d+ questions, \d+ statement sections, \d+ entities\)",
            )
            .unwrap(),
        );
}

#[test]
fn build_of_missing_site_folder_fails() {
    briefing()
        .args(["build", "no-such-site"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("no-such-site"));
}

#[test]
fn build_fails_with_every_broken_source_named() {
    let site = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(site.path().join("content")).unwrap();
    std::fs::write(site.path().join("content/a.md"), "+++\ntitle = \n+++\n").unwrap();
    std::fs::write(site.path().join("content/b.md"), "---\ntitle: [\n---\n").unwrap();
    briefing()
        .arg("build")
        .arg(site.path())
        .assert()
        .failure()
        .stderr(
            predicate::str::contains("content/a.md:2:")
                .and(predicate::str::contains("content/b.md:")),
        );
    assert!(!site.path().join("dist").exists());
}

#[test]
fn build_refuses_site_folder_as_output() {
    let site = tempfile::tempdir().unwrap();
    // A site (an empty folder is refused before the output is looked at).
    std::fs::create_dir(site.path().join("content")).unwrap();
    briefing()
        .arg("build")
        .arg(site.path())
        .arg("--out")
        .arg(site.path())
        .assert()
        .failure()
        .stderr(predicate::str::contains("refusing"));
}

#[test]
fn unwritable_output_names_the_folder_and_the_reason() {
    let site = tempfile::tempdir().unwrap();
    std::fs::create_dir(site.path().join("content")).unwrap();
    std::fs::write(site.path().join("blocker"), "a file, not a folder").unwrap();
    briefing()
        .arg("build")
        .arg(site.path())
        .arg("--out")
        .arg(site.path().join("blocker/site"))
        .assert()
        .failure()
        .stderr(
            predicate::str::contains("cannot write")
                .and(predicate::str::contains("blocker"))
                .and(predicate::str::contains("File exists"))
                // The reason is in the message once, not repeated as a cause.
                .and(predicate::str::contains("caused by").not()),
        );
}

#[test]
fn verbose_build_names_skipped_files() {
    let site = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(site.path().join("seeds")).unwrap();
    std::fs::write(
        site.path().join("seeds/a.txt"),
        "Some text here for the story.\n",
    )
    .unwrap();
    std::fs::write(site.path().join("seeds/notes.odt"), "x").unwrap();
    briefing()
        .args(["build", "-v"])
        .arg(site.path())
        .assert()
        .success()
        .stderr(predicate::str::contains("skipped seeds/notes.odt"));
}

#[test]
fn build_timings_name_every_stage() {
    let out = tempfile::tempdir().unwrap();
    let output = briefing()
        .args(["build", "--timings"])
        .arg(repo())
        .arg("--out")
        .arg(out.path().join("site"))
        .output()
        .unwrap();
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    let stages: Vec<&str> = stderr
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .filter(|w| {
            [
                "load", "parse", "extract", "index", "render", "write", "total",
            ]
            .contains(w)
        })
        .collect();
    assert_eq!(
        stages,
        [
            "load", "parse", "extract", "index", "render", "write", "total"
        ],
        "{stderr}"
    );
    if cfg!(target_os = "linux") {
        // The peak resident memory, in MB: at least the binary's own pages.
        let peak: f64 = stderr
            .lines()
            .find_map(|l| l.trim().strip_prefix("peak"))
            .and_then(|rest| rest.trim().strip_suffix("MB"))
            .and_then(|mb| mb.trim().parse().ok())
            .unwrap_or_else(|| panic!("no peak memory line in {stderr}"));
        assert!(peak > 1.0 && peak < 4096.0, "{stderr}");
    }
}

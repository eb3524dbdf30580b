//! The author's workflow through the real binary: `init`, `new`, `check`,
//! `completions`, `man`, and `briefing.toml` validation.

mod common;

use common::{briefing, repo};
use predicates::prelude::*;
use std::path::Path;

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

#[test]
fn init_then_build_works_in_an_empty_folder() {
    let dir = tempfile::tempdir().unwrap();
    briefing()
        .arg("init")
        .arg(dir.path())
        .assert()
        .success()
        .stderr(
            predicate::str::contains("briefing.toml")
                .and(predicate::str::contains(
                    "seeds/northgate-library-reopens.toml",
                ))
                .and(predicate::str::contains(
                    "content/harbour-ferry-timetable.md",
                )),
        );
    briefing()
        .arg("build")
        .arg(dir.path())
        .assert()
        .success()
        .stderr(predicate::str::contains("built 2 briefings"));
    assert!(
        dir.path()
            .join("dist/briefings/harbour-ferry-timetable/index.html")
            .is_file()
    );
    assert!(
        dir.path()
            .join("dist/briefings/northgate-library-reopens/index.html")
            .is_file()
    );
    briefing()
        .arg("check")
        .arg(dir.path())
        .arg("--deny-warnings")
        .assert()
        .success();
}

#[test]
fn init_refuses_a_folder_that_holds_a_site() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("briefing.toml"), "title = \"Mine\"\n");
    briefing()
        .arg("init")
        .arg(dir.path())
        .assert()
        .failure()
        .stderr(predicate::str::contains("already holds a site"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("briefing.toml")).unwrap(),
        "title = \"Mine\"\n"
    );
    assert!(!dir.path().join("content").exists());
}

#[test]
fn new_then_build_shows_the_new_briefing() {
    let dir = tempfile::tempdir().unwrap();
    briefing().arg("init").arg(dir.path()).assert().success();
    briefing()
        .args(["new", "Why the tram line closed"])
        .arg(dir.path())
        .assert()
        .success()
        .stdout(predicate::str::ends_with(
            "content/why-the-tram-line-closed.md\n",
        ));
    briefing()
        .args(["new", "--raw", "Port workers vote on pay"])
        .arg(dir.path())
        .assert()
        .success()
        .stdout(
            predicate::str::contains("seeds/port-workers-vote-on-pay.txt").and(
                predicate::str::contains("seeds/port-workers-vote-on-pay.toml"),
            ),
        );
    let markdown =
        std::fs::read_to_string(dir.path().join("content/why-the-tram-line-closed.md")).unwrap();
    let today = chrono::Local::now()
        .date_naive()
        .format("%Y-%m-%d")
        .to_string();
    assert!(
        markdown.contains("title = \"Why the tram line closed\""),
        "{markdown}"
    );
    assert!(markdown.contains(&format!("date = {today}")), "{markdown}");
    assert!(
        markdown.contains("summary = \"\"") && markdown.contains("tags = []"),
        "{markdown}"
    );
    // A second `new` with the same title refuses to overwrite.
    briefing()
        .args(["new", "Why the tram line closed"])
        .arg(dir.path())
        .assert()
        .failure()
        .stderr(predicate::str::contains("already exists"));
    briefing()
        .arg("build")
        .arg(dir.path())
        .assert()
        .success()
        .stderr(predicate::str::contains("built 4 briefings"));
    let page = std::fs::read_to_string(
        dir.path()
            .join("dist/briefings/why-the-tram-line-closed/index.html"),
    )
    .unwrap();
    assert!(page.contains("Why the tram line closed"));
    let index = std::fs::read_to_string(dir.path().join("dist/index.html")).unwrap();
    assert!(index.contains("Port workers vote on pay"));
}

/// A site with a Markdown link to a briefing that does not exist (line 7)
/// and two sources with one slug.
fn broken_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(
        &dir.path().join("content/council-budget.md"),
        "+++\ntitle = \"The council budget\"\ndate = 2025-02-01\n+++\n\n\
         ## What is in the budget?\n\
         More money for roads, as [the roads briefing](../road-repairs/index.html) explains in detail.\n",
    );
    write(
        &dir.path().join("content/bus-fares.md"),
        "+++\ntitle = \"Bus fares\"\ndate = 2025-02-02\nslug = \"fares\"\n+++\n\n## Why are fares rising?\n\nFuel and wages cost more than last year, the operator says.\n",
    );
    write(
        &dir.path().join("seeds/fares.txt"),
        "date 2025-02-03\nTrain fares rise in March.\nWhy are train fares rising?\nThe rail company says its energy bill has doubled since last winter.\n",
    );
    dir
}

#[test]
fn check_finds_a_broken_link_and_a_duplicate_slug_with_file_and_line() {
    let dir = broken_site();
    let output = briefing().arg("check").arg(dir.path()).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains(
            "content/council-budget.md:7: error: broken link `../road-repairs/index.html`"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "seeds/fares.txt:1: error: the slug `fares` is also the slug of content/bus-fares.md"
        ),
        "{stdout}"
    );
    assert!(
        !dir.path().join("dist").exists(),
        "check wrote a dist/ folder"
    );

    let output = briefing()
        .args(["check", "--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let findings: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let link = findings
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["message"].as_str().unwrap().contains("road-repairs"))
        .unwrap();
    assert_eq!(link["file"], "content/council-budget.md");
    assert_eq!(link["line"], 7);
    assert_eq!(link["severity"], "error");
}

#[test]
fn check_keeps_going_past_a_broken_source() {
    let dir = broken_site();
    write(
        &dir.path().join("content/broken.md"),
        "+++\ntitle = \n+++\nText.\n",
    );
    let output = briefing().arg("check").arg(dir.path()).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("content/broken.md:2: error:"), "{stdout}");
    assert!(stdout.contains("road-repairs"), "{stdout}");
}

#[test]
fn check_is_clean_on_the_sample_site() {
    let output = briefing().arg("check").arg(repo()).output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}");
    assert!(!stdout.contains(": error:"), "{stdout}");
    assert!(
        String::from_utf8_lossy(&output.stderr).contains(": 0 errors"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn deny_warnings_fails_on_warnings() {
    let dir = tempfile::tempdir().unwrap();
    write(
        &dir.path().join("content/undated.md"),
        "# Undated\n\n## Why no date?\n\nBecause the writer forgot to add one to the front matter.\n",
    );
    briefing()
        .arg("check")
        .arg(dir.path())
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "content/undated.md:1: warning: no date",
        ));
    briefing()
        .args(["check", "--deny-warnings"])
        .arg(dir.path())
        .assert()
        .failure();
}

#[test]
fn check_flags_suspicious_raw_lines() {
    let dir = tempfile::tempdir().unwrap();
    write(
        &dir.path().join("seeds/ferry.txt"),
        "date 2025-03-01\n\
         The ferry company has cut its winter timetable again this year.\n\
         Why would a company that received a public subsidy of four million pounds last year cut the service people rely on most in the winter months?\n\
         Passengers say the evening boats are the ones they need most of all.\n\
         What happens next?\n\
         The council will meet the company on Friday to discuss the timetable.\n",
    );
    briefing()
        .arg("check")
        .arg(dir.path())
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "seeds/ferry.txt:3: warning: this line ends in `?` but was not taken as a question heading",
        ));
}

#[test]
fn briefing_toml_values_are_validated_with_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    write(
        &dir.path().join("briefing.toml"),
        "title = \"Site\"\nbase_url = \"example.org/briefings\"\n",
    );
    briefing()
        .arg("build")
        .arg(dir.path())
        .assert()
        .failure()
        .stderr(
            predicate::str::contains("briefing.toml:2:12:")
                .and(predicate::str::contains("http:// or https://")),
        );
    write(&dir.path().join("briefing.toml"), "related_links = 1000\n");
    briefing()
        .arg("check")
        .arg(dir.path())
        .assert()
        .failure()
        .stdout(
            predicate::str::contains("briefing.toml:1: error:")
                .and(predicate::str::contains("related_links")),
        );
    write(&dir.path().join("briefing.toml"), "language = \"\"\n");
    briefing()
        .arg("build")
        .arg(dir.path())
        .assert()
        .failure()
        .stderr(
            predicate::str::contains("briefing.toml:1:12:")
                .and(predicate::str::contains("`language` is empty")),
        );
}

#[test]
fn completions_and_man_page_come_from_the_cli_definition() {
    for shell in ["bash", "zsh", "fish"] {
        briefing()
            .args(["completions", shell])
            .assert()
            .success()
            .stdout(predicate::str::contains("serve").and(predicate::str::contains("check")));
    }
    briefing()
        .arg("man")
        .assert()
        .success()
        .stdout(predicate::str::contains(".TH briefing").and(predicate::str::contains("serve")));
}

#[test]
fn every_new_subcommand_has_help() {
    for sub in ["init", "new", "check", "serve", "completions", "man"] {
        briefing()
            .args([sub, "--help"])
            .assert()
            .success()
            .stdout(predicate::str::contains("Usage: briefing"));
    }
}

#[test]
fn check_traces_a_broken_template_link_to_the_template() {
    let dir = tempfile::tempdir().unwrap();
    briefing().arg("init").arg(dir.path()).assert().success();
    write(
        &dir.path().join("templates/index.html"),
        "{% extends \"base.html\" %}\n{% block main %}\n<h1>{{ site.title }}</h1>\n\
         <a href=\"{{ root }}nowhere.html\">x</a>\n{% endblock main %}\n",
    );
    briefing()
        .arg("check")
        .arg(dir.path())
        .assert()
        .failure()
        .stdout(predicate::str::contains(
            "templates/index.html:4: error: broken link `nowhere.html` (on index.html)",
        ));
}

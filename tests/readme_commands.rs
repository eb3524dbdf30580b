//! The README's command examples are true: every `briefing ...` line in its
//! code blocks names a real subcommand and real flags (as the binary's own
//! `--help` lists them), and every example that can run offline, without a
//! browser or a server, runs in a copy of the sample site without a usage
//! error.

mod common;

use std::collections::BTreeMap;

/// Subcommands whose examples are checked but not run: `serve` does not
/// return, `pdf` needs Chromium (tests/print_book.rs runs it).
const NOT_RUN: &[&str] = &["serve", "pdf"];

/// One example: the words after `briefing`, the comment cut off.
fn examples(readme: &str) -> Vec<(usize, Vec<String>)> {
    let mut out = Vec::new();
    let mut in_block = false;
    for (n, line) in readme.lines().enumerate() {
        if line.trim_start().starts_with("```") {
            in_block = !in_block;
            continue;
        }
        if !in_block {
            continue;
        }
        let line = line.trim().trim_start_matches("$ ");
        let Some(rest) = line.strip_prefix("briefing ") else {
            continue;
        };
        let command = rest.split("  #").next().unwrap_or(rest);
        let command = command.split(" # ").next().unwrap_or(command);
        out.push((n + 1, words(command)));
    }
    out
}

/// Shell-like words: double quotes group, nothing else is special.
fn words(command: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    for c in command.chars() {
        match c {
            '"' => quoted = !quoted,
            c if c.is_whitespace() && !quoted => {
                if !word.is_empty() {
                    out.push(std::mem::take(&mut word));
                }
            }
            c => word.push(c),
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

fn help_of(sub: Option<&str>) -> String {
    let mut cmd = common::briefing();
    if let Some(sub) = sub {
        cmd.arg(sub);
    }
    let out = cmd.arg("--help").output().unwrap();
    assert!(out.status.success(), "briefing {sub:?} --help failed");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn subcommands() -> Vec<String> {
    let help = help_of(None);
    help.lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .filter(|l| l.starts_with("  ") && !l.starts_with("    "))
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .collect()
}

/// The flags a word holds: `--out`, `[--format` and `--port=8000` give
/// `--out`, `--format`, `--port`; `--help | --version` gives both.
fn flags_in(word: &str) -> Option<String> {
    let word = word.trim_start_matches('[').trim_end_matches(']');
    let flag = word.split('=').next().unwrap_or(word);
    (flag.starts_with("--") && flag.len() > 2).then(|| flag.to_string())
}

/// Placeholders and shell syntax mark an example as a pattern, not a
/// command to run.
fn is_pattern(words: &[String]) -> bool {
    words.iter().any(|w| {
        w.contains('[')
            || w.contains("...")
            || w.contains('|')
            || w.contains('>')
            || w == "&&"
            || w.starts_with('/')
            || w.chars().any(|c| c.is_ascii_uppercase()) && w.chars().all(|c| !c.is_lowercase())
    })
}

#[test]
fn every_readme_example_names_real_subcommands_and_flags() {
    let readme = std::fs::read_to_string(common::repo().join("README.md")).unwrap();
    let subs = subcommands();
    assert!(subs.contains(&"build".to_string()), "{subs:?}");
    let mut helps: BTreeMap<String, String> = BTreeMap::new();
    let mut checked = 0;
    for (line, words) in examples(&readme) {
        let first = words.first().map(String::as_str).unwrap_or("");
        // Benchmark tables also start with "briefing": a first word that is
        // neither a subcommand nor a flag is a table row, not a command.
        let sub = if subs.iter().any(|s| s == first) {
            Some(first)
        } else if first.starts_with("--") {
            None
        } else {
            continue;
        };
        let key = sub.unwrap_or("").to_string();
        let help = helps.entry(key).or_insert_with(|| help_of(sub));
        for flag in words.iter().filter_map(|w| flags_in(w)) {
            assert!(
                help.contains(&flag),
                "README.md:{line}: `briefing {}` uses {flag}, which `briefing {} --help` does not list",
                words.join(" "),
                sub.unwrap_or("")
            );
        }
        checked += 1;
    }
    assert!(checked >= 30, "only {checked} README examples found");
}

#[test]
fn every_readme_example_that_can_run_offline_runs() {
    let readme = std::fs::read_to_string(common::repo().join("README.md")).unwrap();
    let subs = subcommands();
    let mut ran = Vec::new();
    for (line, words) in examples(&readme) {
        let first = words.first().map(String::as_str).unwrap_or("");
        let runnable = (subs.iter().any(|s| s == first) || first.starts_with("--"))
            && !NOT_RUN.contains(&first)
            && !is_pattern(&words);
        if !runnable {
            continue;
        }
        // Each example in a fresh copy of the sample site, as a reader
        // would try it from the site folder.
        let root = tempfile::tempdir().unwrap();
        let site = root.path().join("site");
        common::copy_sample_sources(&site);
        let out = common::briefing()
            .current_dir(&site)
            .args(&words)
            .timeout(std::time::Duration::from_secs(120))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        // Exit code 2 is a usage error (an unknown flag or subcommand);
        // examples of refused input (an empty folder) exit 1 with a message.
        assert_ne!(
            out.status.code(),
            Some(2),
            "README.md:{line}: `briefing {}` is a usage error: {stderr}",
            words.join(" ")
        );
        assert!(
            out.status.success() || stderr.contains("error:"),
            "README.md:{line}: `briefing {}` failed without saying why: {stderr}",
            words.join(" ")
        );
        ran.push(words.join(" "));
    }
    for expected in ["build --timings", "check --format json", "init harbourside"] {
        assert!(
            ran.iter().any(|r| r == expected),
            "`briefing {expected}` was not run; ran {ran:?}"
        );
    }
}

#[test]
fn examples_are_read_from_code_blocks_only() {
    let text = "briefing build --nope\n```\n$ briefing check --format json  # as JSON\n```\n";
    assert_eq!(
        examples(text),
        vec![(3, vec!["check".into(), "--format".into(), "json".into()])]
    );
    assert_eq!(
        words(r#"new "Dock strike" --raw"#),
        vec!["new", "Dock strike", "--raw"]
    );
    assert!(is_pattern(&words("extract FILE... --json")));
    assert!(!is_pattern(&words(r#"new "Why the harbour wall cracked""#)));
}

//! What `build` and `serve` tell the author, through the real binary: the
//! count of what `check` would report, `--deny-warnings`, one diagnostic a
//! line with its file and line, serde's wording turned into what to write,
//! and wrong folders refused with a suggestion.

mod common;
mod trust_support;

use common::briefing;
use std::path::Path;
use std::time::{Duration, Instant};
use trust_support::{next_line, serve};

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// A site with one good briefing, one broken link and one undated briefing.
fn site_with_problems() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "content/ferry.md",
        "+++\ntitle = \"Ferry times change\"\ndate = 2025-04-02\n+++\n\n## When do the boats run?\n\nThe first boat now leaves at six, and the last one at ten at night.\n\nSee [the bridge story](../bridge/index.html) too.\n",
    );
    write(
        dir.path(),
        "content/undated.md",
        "+++\ntitle = \"Market hall reopens\"\n+++\n\n## Who runs it?\n\nA trust of twelve traders runs the hall and sets the rents each spring.\n",
    );
    dir
}

fn stderr_of(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn build_ends_with_what_check_would_report() {
    let site = site_with_problems();
    let output = briefing().arg("build").arg(site.path()).output().unwrap();
    let stderr = stderr_of(&output);
    assert!(output.status.success(), "{stderr}");
    let last = stderr.lines().last().unwrap_or_default();
    assert_eq!(
        last, "check: 1 broken link, 1 warning: run `briefing check`",
        "{stderr}"
    );
    // The same numbers `check` gives.
    let checked = briefing().arg("check").arg(site.path()).output().unwrap();
    assert!(
        stderr_of(&checked).contains("1 error, 1 warning"),
        "{}",
        stderr_of(&checked)
    );
}

#[test]
fn build_of_a_clean_site_says_so() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "content/ferry.md",
        "+++\ntitle = \"Ferry times change\"\ndate = 2025-04-02\n+++\n\n## When do the boats run?\n\nThe first boat now leaves at six, and the last one at ten at night.\n",
    );
    let output = briefing().arg("build").arg(dir.path()).output().unwrap();
    let stderr = stderr_of(&output);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.ends_with("check: no errors or warnings\n"),
        "{stderr}"
    );
}

#[test]
fn deny_warnings_fails_the_build_and_writes_nothing() {
    let site = site_with_problems();
    let output = briefing()
        .arg("build")
        .arg(site.path())
        .arg("--deny-warnings")
        .output()
        .unwrap();
    let stderr = stderr_of(&output);
    assert!(!output.status.success(), "{stderr}");
    assert!(!site.path().join("dist").exists(), "dist/ was written");
    assert!(
        stderr.contains("warning: content/undated.md:1: no date"),
        "{stderr}"
    );
    assert!(
        stderr.contains("error: content/ferry.md:10: broken link `../bridge/index.html`"),
        "{stderr}"
    );
    // A previous dist/ stays as it was.
    std::fs::create_dir_all(site.path().join("dist")).unwrap();
    std::fs::write(site.path().join("dist/kept.txt"), "old").unwrap();
    let again = briefing()
        .arg("build")
        .arg(site.path())
        .arg("--deny-warnings")
        .output()
        .unwrap();
    assert!(!again.status.success());
    assert_eq!(
        std::fs::read_to_string(site.path().join("dist/kept.txt")).unwrap(),
        "old"
    );
}

#[test]
fn deny_warnings_passes_a_clean_site() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "content/ferry.md",
        "+++\ntitle = \"Ferry times change\"\ndate = 2025-04-02\n+++\n\n## When do the boats run?\n\nThe first boat now leaves at six, and the last one at ten at night.\n",
    );
    let output = briefing()
        .arg("build")
        .arg(dir.path())
        .arg("--deny-warnings")
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr_of(&output));
    assert!(dir.path().join("dist/index.html").is_file());
}

/// Every line before the closing note is a diagnostic of its own.
fn assert_every_line_is_a_diagnostic(stderr: &str) {
    for line in stderr.lines() {
        if line.starts_with("note:") {
            continue;
        }
        let rest = line
            .strip_prefix("error: ")
            .or_else(|| line.strip_prefix("warning: "))
            .unwrap_or_else(|| panic!("not a diagnostic line: {line:?}\n{stderr}"));
        let mut parts = rest.splitn(3, ':');
        let (file, number) = (parts.next().unwrap(), parts.next().unwrap_or(""));
        assert!(!file.is_empty(), "{line}");
        let number: usize = number
            .parse()
            .unwrap_or_else(|_| panic!("no line number: {line:?}"));
        assert!(number >= 1, "line 0 in {line:?}");
    }
}

#[test]
fn several_broken_sidecars_are_each_a_diagnostic_line_saying_what_to_write() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "seeds/pier.txt",
        "The pier reopened on Monday after a winter of repairs to its deck.\n",
    );
    write(
        dir.path(),
        "seeds/pier.toml",
        "title = \"Pier reopens\"\ntags = \"harbour\"\n",
    );
    write(
        dir.path(),
        "seeds/mill.txt",
        "The old mill will become a school for forty pupils next year.\n",
    );
    write(dir.path(), "seeds/mill.toml", "title = 7\n");
    write(
        dir.path(),
        "seeds/dock.txt",
        "Dock cranes stood still for a day while the wind blew hard.\n",
    );
    write(dir.path(), "seeds/dock.toml", "titel = \"Dock\"\n");
    let output = briefing().arg("build").arg(dir.path()).output().unwrap();
    let stderr = stderr_of(&output);
    assert!(!output.status.success(), "{stderr}");
    assert_every_line_is_a_diagnostic(&stderr);
    let errors = stderr.lines().filter(|l| l.starts_with("error: ")).count();
    assert_eq!(errors, 3, "{stderr}");
    assert!(
        stderr
            .contains("error: seeds/pier.toml:2:8: broken sidecar metadata: a list is wanted here")
            && stderr.contains("`tags = [\"harbour\"]`"),
        "{stderr}"
    );
    assert!(stderr.contains("write `\"7\"`"), "{stderr}");
    assert!(stderr.contains("unknown key `titel`"), "{stderr}");
    assert!(!stderr.contains("invalid type"), "{stderr}");
    assert!(!stderr.contains("expected a sequence"), "{stderr}");
}

#[test]
fn an_empty_file_and_a_latin1_file_are_placed_at_a_real_line() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "content/ferry.md",
        "+++\ntitle = \"Ferry times change\"\ndate = 2025-04-02\n+++\n\n## When do the boats run?\n\nThe first boat now leaves at six, and the last one at ten at night.\n",
    );
    write(dir.path(), "seeds/blank.txt", "");
    std::fs::write(
        dir.path().join("seeds/cafe.txt"),
        b"Harbour news\n\nThe caf\xe9 on the quay opens again today with a new menu for all.\n",
    )
    .unwrap();
    let output = briefing().arg("build").arg(dir.path()).output().unwrap();
    let stderr = stderr_of(&output);
    assert!(output.status.success(), "{stderr}");
    assert!(!stderr.contains(":0:"), "{stderr}");
    assert!(
        stderr.contains("warning: seeds/blank.txt:1: is empty; skipped"),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "warning: seeds/cafe.txt:3:8: not valid UTF-8 (first bad byte at line 3, column 8"
        ),
        "{stderr}"
    );
    let checked = briefing().arg("check").arg(dir.path()).output().unwrap();
    let report = String::from_utf8_lossy(&checked.stdout);
    assert!(!report.contains(":0:"), "{report}");
    assert!(
        report.contains("seeds/blank.txt:1: warning: is empty"),
        "{report}"
    );
    assert!(
        report.contains("seeds/cafe.txt:3: warning: not valid UTF-8"),
        "{report}"
    );
}

#[test]
fn serve_ends_each_build_with_what_check_would_report() {
    let site = site_with_problems();
    let (mut child, seen) = serve(site.path());
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut found = None;
    while found.is_none() && Instant::now() < deadline {
        if let Ok(line) = seen.recv_timeout(Duration::from_millis(200)) {
            found = line.starts_with("check: ").then_some(line);
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(
        found.as_deref(),
        Some("check: 1 broken link, 1 warning: run `briefing check`")
    );
}

/// Runs `briefing ARGS` in `dir`; it must fail. Returns stderr.
fn refused(dir: &Path, args: &[&str]) -> String {
    let output = briefing().current_dir(dir).args(args).output().unwrap();
    let stderr = stderr_of(&output);
    assert!(
        !output.status.success(),
        "`briefing {}` was not refused: {stderr}",
        args.join(" ")
    );
    stderr
}

#[test]
fn a_folder_inside_a_site_is_refused_with_the_site_suggested() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("mysite");
    write(
        &site,
        "seeds/pier.txt",
        "The pier reopened on Monday after repairs.\n",
    );
    write(&site, "content/ferry.md", "# Ferry\n\nBoats run again.\n");
    for command in ["build", "serve", "check", "pdf"] {
        let stderr = refused(dir.path(), &[command, "mysite/seeds"]);
        assert_eq!(
            stderr,
            format!(
                "error: no briefing.toml, content/ or seeds/ in mysite/seeds; did you mean `briefing {command} mysite`?\n"
            )
        );
    }
    assert!(
        !site.join("seeds/dist").exists(),
        "a site was built in seeds/"
    );
    // Run from inside the site's folder, the site is the folder above.
    let stderr = refused(&site.join("seeds"), &["build"]);
    assert!(
        stderr.contains("in the current folder; did you mean `briefing build ..`?"),
        "{stderr}"
    );
    // Run from the parent folder, `new` names the site below.
    let stderr = refused(dir.path(), &["new", "Dock strike"]);
    assert!(
        stderr.contains("did you mean `briefing new \"Dock strike\" mysite`?"),
        "{stderr}"
    );
    assert!(!dir.path().join("content").exists(), "new wrote ./content/");
}

#[test]
fn an_empty_folder_is_refused_with_init_suggested() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("empty")).unwrap();
    for command in ["build", "serve", "check", "pdf"] {
        let stderr = refused(dir.path(), &[command, "empty"]);
        assert_eq!(
            stderr,
            "error: no briefing.toml, content/ or seeds/ in empty; make a site there with `briefing init empty`\n"
        );
    }
    let stderr = refused(&dir.path().join("empty"), &["new", "Dock strike"]);
    assert!(
        stderr.contains("in the current folder; make a site here with `briefing init`"),
        "{stderr}"
    );
    assert!(!dir.path().join("empty/dist").exists());
    assert!(!dir.path().join("empty/content").exists());
}

#[test]
fn a_site_with_only_a_settings_file_is_a_site() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "briefing.toml",
        "title = \"Desk\"\nsource_dirs = [\"copy\"]\n",
    );
    write(
        dir.path(),
        "copy/ferry.md",
        "# Ferry times change\n\nThe first boat now leaves at six.\n",
    );
    let output = briefing().arg("build").arg(dir.path()).output().unwrap();
    assert!(output.status.success(), "{}", stderr_of(&output));
}

/// A briefing in Markdown with a date, a question section and `body`.
fn story(dir: &Path, slug: &str, title: &str, tags: &str, body: &str) {
    write(
        dir,
        &format!("content/{slug}.md"),
        &format!(
            "+++\ntitle = \"{title}\"\ndate = 2025-05-01\ntags = [{tags}]\n+++\n\n## What happened?\n\n{body}\n"
        ),
    );
}

#[test]
fn related_briefings_need_more_than_a_shared_big_place_and_say_what_they_share() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path();
    story(
        site,
        "grain",
        "Grain prices rise",
        "",
        "Farmers in the United States and in Europe paid more for seed this spring than last.",
    );
    story(
        site,
        "chips",
        "Chip plant opens",
        "",
        "A chip plant opened in the United States, and another is planned in Europe next year.",
    );
    story(
        site,
        "museum",
        "Museum wing closes",
        "\"culture\"",
        "Professor Ada Kowalczyk said the east wing would close for repairs until the autumn.",
    );
    story(
        site,
        "library",
        "Library hours change",
        "\"culture\"",
        "Professor Ada Kowalczyk said the reading room would open on Sundays from June onwards.",
    );
    story(
        site,
        "ferry",
        "Ferry fares",
        "",
        "The harbour board set new fares for the island boats, starting on the first of the month.",
    );
    let output = briefing().arg("build").arg(site).output().unwrap();
    assert!(output.status.success(), "{}", stderr_of(&output));
    let page = |slug: &str| {
        std::fs::read_to_string(site.join(format!("dist/briefings/{slug}/index.html"))).unwrap()
    };
    for slug in ["grain", "chips"] {
        assert!(
            !page(slug).contains("related-list"),
            "{slug} lists related briefings for shared places only"
        );
    }
    let museum = page("museum");
    let list = &museum[museum
        .find("related-list")
        .expect("no related list on museum")..];
    assert!(list.contains("Library hours change"), "{list}");
    assert!(
        list.contains("Also about Ada Kowalczyk, culture"),
        "the link does not say what is shared: {list}"
    );
}

#[test]
fn by_the_numbers_lists_each_figure_once_without_years_or_bare_units() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path();
    story(
        site,
        "mill",
        "The mill closes",
        "",
        "About 4,500 workers lost their jobs when the mill shut in 2014. The owners confirmed 4,500 workers were let go. \
         Its oldest wall was raised in 1325 BC. The new chip plant runs at 3 gigahertz. \
         The barge carried 40 tonnes of salt to the mill.",
    );
    let output = briefing().arg("build").arg(site).output().unwrap();
    assert!(output.status.success(), "{}", stderr_of(&output));
    let page = std::fs::read_to_string(site.join("dist/briefings/mill/index.html")).unwrap();
    let list = &page[page.find("figure-list").expect("no figures")..];
    let list = &list[..list.find("</dl>").unwrap()];
    let items: Vec<&str> = list.matches("<dt>").collect();
    assert_eq!(items.len(), 2, "{list}");
    assert!(
        list.contains("<dt>About 4,500</dt><dd>workers</dd>"),
        "{list}"
    );
    assert!(
        list.contains("<dt>40</dt><dd>tonnes of salt</dd>"),
        "{list}"
    );
    for absent in ["2014", "1325", "gigahertz"] {
        assert!(!list.contains(absent), "{absent} in {list}");
    }
}

#[test]
fn one_context_box_with_guessed_answers_marked_and_listed_by_check() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path();
    write(
        site,
        "content/wall.md",
        "+++\ntitle = \"The harbour wall\"\ndate = 2025-04-02\n[short_answers]\n\"Why did it crack?\" = \"The winter storms undercut it.\"\n+++\n\n\
         ## Why did it crack?\n\nEngineers found the base had been worn away by three winters of storms.\n\n\
         ## Who pays?\n\nThe council will pay for the first repairs, and the port for the rest.\n\n\
         ## The history of the wall\n\nThe wall was built of granite blocks brought by barge from the hills.\n",
    );
    let output = briefing().arg("build").arg(site).output().unwrap();
    assert!(output.status.success(), "{}", stderr_of(&output));
    // A guessed answer is a note: the build's count of warnings is untouched.
    assert!(
        stderr_of(&output).ends_with("check: no errors or warnings\n"),
        "{}",
        stderr_of(&output)
    );
    let page = std::fs::read_to_string(site.join("dist/briefings/wall/index.html")).unwrap();
    assert!(
        !page.contains("class=\"toc\""),
        "the contents box repeats the glance"
    );
    let glance = &page[page.find("class=\"glance\"").expect("no glance")..];
    let glance = &glance[..glance.find("</aside>").unwrap()];
    assert!(
        glance.contains("<p class=\"glance-answer\">The winter storms undercut it.</p>"),
        "{glance}"
    );
    assert!(
        glance.contains("<p class=\"glance-answer guessed\">The council will pay for the first repairs, and the port for the rest. <span class=\"guessed-note\">(first sentence of the answer)</span></p>"),
        "{glance}"
    );
    assert!(
        glance.contains("glance-statement\"><a class=\"glance-question\" href=\"#the-history-of-the-wall\">The history of the wall</a></li>"),
        "{glance}"
    );
    // The same page through the Tera templates.
    let tera = tempfile::tempdir().unwrap();
    let output = briefing()
        .arg("build")
        .arg(site)
        .arg("--tera-only")
        .arg("--out")
        .arg(tera.path().join("out"))
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr_of(&output));
    assert_eq!(
        std::fs::read_to_string(tera.path().join("out/briefings/wall/index.html")).unwrap(),
        page
    );
    let checked = briefing().arg("check").arg(site).output().unwrap();
    assert!(checked.status.success());
    let report = String::from_utf8_lossy(&checked.stdout);
    assert!(
        report.contains("content/wall.md:12: note: the short answer to `Who pays?` is guessed"),
        "{report}"
    );
    assert!(!report.contains("Why did it crack?"), "{report}");
    assert!(stderr_of(&checked).contains("1 short answer was guessed"));
}

/// `GET path` from the server on `port`: the whole response as text.
fn get(port: u16, path: &str) -> String {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    response
}

#[test]
fn the_serve_error_overlay_sets_its_own_colours() {
    let site = site_with_problems();
    let (mut child, seen) = serve(site.path());
    let serving = next_line(&seen, "serving http://127.0.0.1:").expect("no address");
    let port: u16 = serving["serving http://127.0.0.1:".len()..]
        .split('/')
        .next()
        .and_then(|p| p.parse().ok())
        .expect("no port");
    assert!(next_line(&seen, "check: ").is_some(), "no first build");
    write(
        site.path(),
        "seeds/pier.txt",
        "The pier reopened on Monday after repairs.\n",
    );
    write(site.path(), "seeds/pier.toml", "tags = \"harbour\"\n");
    let failed = next_line(&seen, "error: ");
    let page = get(port, "/index.html");
    let _ = child.kill();
    let _ = child.wait();
    let failed = failed.expect("the bad sidecar was not reported");
    assert!(
        failed.starts_with("error: seeds/pier.toml:1:8: "),
        "{failed}"
    );
    let at = page.find("id=\"__briefing-overlay\"").expect("no overlay");
    let overlay = &page[at..];
    // Box, title and error text each set a background and a text colour.
    assert!(
        overlay.contains("background:#141414!important;color:#f2f2f2!important"),
        "{overlay}"
    );
    assert_eq!(
        overlay.matches("background:transparent!important").count(),
        2,
        "{overlay}"
    );
    assert!(overlay.contains("color:#ff9c9c!important"), "{overlay}");
    assert!(overlay.contains("a list is wanted here"), "{overlay}");
}

#[test]
fn build_no_check_leaves_the_count_out() {
    let site = site_with_problems();
    let output = briefing()
        .arg("build")
        .arg(site.path())
        .arg("--no-check")
        .output()
        .unwrap();
    let stderr = stderr_of(&output);
    assert!(output.status.success(), "{stderr}");
    assert!(stderr.starts_with("built 2 briefings"), "{stderr}");
    assert!(!stderr.contains("check:"), "{stderr}");
}

#[test]
fn build_and_serve_open_their_summary_alike() {
    let site = site_with_problems();
    let output = briefing().arg("build").arg(site.path()).output().unwrap();
    let stderr = stderr_of(&output);
    let built = stderr.lines().find(|l| l.starts_with("built ")).unwrap();
    let head = &built[..built.find(')').unwrap() + 1];
    assert_eq!(
        head, "built 2 briefings (2 questions, 0 statement sections, 0 entities)",
        "{stderr}"
    );
    let (mut child, seen) = serve(site.path());
    let served = next_line(&seen, "built ");
    let _ = child.kill();
    let _ = child.wait();
    let served = served.expect("serve printed no summary");
    assert!(
        served.starts_with(&format!("{head}: rendered ")),
        "{served}"
    );
}

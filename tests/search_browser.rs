//! Search in a real headless Chromium, on the fixture site of
//! `tests/search.rs` built by the real binary: opened from disk
//! (`file://`) and served over http under a sub-path, with the same
//! results both ways. Skipped, with a note, without Chromium (a failure
//! when `CI=true`).

mod common;

// Shared with tests/browser.rs, which uses all of it.
#[allow(dead_code)]
#[path = "browser/driver.rs"]
mod driver;
#[allow(dead_code)]
#[path = "browser/server.rs"]
mod server;

use common::{build_into, repo};
use driver::Driver;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn chrome() -> Option<PathBuf> {
    match briefing::pdf::find_chrome(None) {
        Ok(path) => Some(path),
        Err(_) if std::env::var("CI").as_deref() == Ok("true") => {
            panic!("Chromium is missing, and CI=true")
        }
        Err(_) => {
            eprintln!("note: skipping the search browser tests: no Chromium");
            None
        }
    }
}

/// The fixture site built, served over http, and a Chromium to open it.
fn setup() -> Option<(tempfile::TempDir, PathBuf, server::Server, Driver)> {
    let chrome = chrome()?;
    let tmp = tempfile::tempdir().unwrap();
    let dist = tmp.path().join("dist");
    build_into(&repo().join("tests/fixtures/search-site"), &dist);
    let server = server::Server::start(&dist);
    Some((tmp, dist, server, Driver::launch(&chrome)))
}

fn file_url(dir: &Path) -> String {
    format!("file://{}/", dir.display())
}

/// Waits until `script` returns something other than null, false or an
/// empty list (or 10 s pass), and returns it.
fn wait_for(driver: &Driver, script: &str) -> Value {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let got = driver.eval(script);
        let empty = got.is_null()
            || got == Value::Bool(false)
            || got.as_array().is_some_and(|a| a.is_empty());
        if !empty || Instant::now() > deadline {
            return got;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The search page's status and its results as "kind url" lines (sub-results
/// indented), once the search has run.
const PAGE_RESULTS: &str = r##"
const status = document.getElementById("search-status").textContent;
if (!status || status === "Searching…") return null;
const lines = [];
for (const li of document.querySelectorAll("#search-results > li")) {
  lines.push(li.querySelector(".search-result-kind").textContent + " " + li.querySelector("h2 a").getAttribute("href"));
  for (const sub of li.querySelectorAll(".search-sub")) {
    lines.push("  " + sub.querySelector(".search-result-kind").textContent + " " + sub.querySelector("a").getAttribute("href"));
  }
}
return { status, lines };
"##;

/// The header box's options (kind label and href) after typing `words`.
fn box_options(driver: &Driver, page: &str, words: &str) -> Vec<String> {
    let problems = driver.goto(page);
    assert!(problems.is_empty(), "{page}: {problems:?}");
    driver
        .tab
        .find_element("#site-search-q")
        .unwrap()
        .click()
        .unwrap();
    driver.tab.type_str(words).unwrap();
    let got = wait_for(
        driver,
        "return [...document.querySelectorAll('#site-search-listbox [role=option]')]\
         .filter(o => !o.classList.contains('search-option-all'))\
         .map(o => (o.classList.contains('search-option-sub') ? '  ' : '') + o.querySelector('.search-option-meta').textContent.split(' · ')[0] + ' ' + o.getAttribute('data-href'))",
    );
    got.as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn search_behaves_the_same_from_file_and_over_http() {
    let Some((_tmp, dist, server, driver)) = setup() else {
        return;
    };
    // Spaces as `+`, as a form writes them (the address stays as typed).
    let long = "plague+".repeat(1500);
    let regex = ".*+?^${}()|[]\\/";
    let pages: [(&str, String); 8] = [
        ("WHO", "q=WHO".to_string()),
        ("what is plague", "q=what+is+plague".to_string()),
        ("phrase", "q=%22river+ports%22".to_string()),
        ("typo", "q=Thornbery".to_string()),
        ("filters", "tag=health&sort=date".to_string()),
        ("long", format!("q={}", &long[..10_000])),
        ("regex", format!("q={}", urlencode(regex))),
        ("common words", "q=the+of+and".to_string()),
    ];
    let mut seen: Vec<Vec<Value>> = Vec::new();
    for root in [file_url(&dist), server.base_url()] {
        let mut here = Vec::new();
        for (name, query) in &pages {
            let url = format!("{root}search/index.html?{query}");
            let problems = driver.goto(&url);
            assert!(problems.is_empty(), "{name} at {root}: {problems:?}");
            let got = wait_for(&driver, PAGE_RESULTS);
            assert!(
                !got.is_null(),
                "{name} at {root}: the search did not finish"
            );
            here.push(got);
        }
        let status = |i: usize| here[i]["status"].as_str().unwrap().to_string();
        let lines = |i: usize| -> Vec<String> {
            here[i]["lines"]
                .as_array()
                .unwrap()
                .iter()
                .map(|l| l.as_str().unwrap().to_string())
                .collect()
        };
        assert_eq!(
            lines(0),
            [
                "Who’s who ../entities/world-health-organization/index.html",
                "Briefing ../briefings/harbour-fever/index.html",
                "  Question ../briefings/harbour-fever/index.html#what-does-the-who-say",
            ],
            "{root}"
        );
        assert_eq!(
            lines(1)[1],
            "  Question ../briefings/plague-ports/index.html#what-is-plague"
        );
        assert_eq!(lines(2).len(), 2, "{:?}", lines(2));
        assert!(
            status(3).contains("Did you mean “Thornbury”?"),
            "{}",
            status(3)
        );
        assert_eq!(
            lines(4),
            [
                "Briefing ../briefings/harbour-fever/index.html",
                "Briefing ../briefings/plague-ports/index.html",
            ]
        );
        assert!(
            !lines(5).is_empty(),
            "a long query is read as its first words"
        );
        for i in [6, 7] {
            assert!(lines(i).is_empty());
            assert!(status(i).starts_with("No results"), "{}", status(i));
        }
        assert!(status(7).contains("only common words"), "{}", status(7));
        seen.push(here);
    }
    assert_eq!(seen[0], seen[1], "file:// and http differ");

    // The filter controls show what the address asked for, and changing
    // one searches again and keeps the address.
    let url = format!(
        "{}search/index.html?q=ports&tag=politics",
        server.base_url()
    );
    assert!(driver.goto(&url).is_empty());
    let tag = wait_for(
        &driver,
        "const s = document.querySelector('select[name=tag]'); return s.options.length > 1 ? s.value : null",
    );
    assert_eq!(tag, "politics");
    let got = wait_for(&driver, PAGE_RESULTS);
    assert_eq!(
        got["lines"][0],
        "Briefing ../briefings/budget-talks/index.html"
    );
    driver.eval(
        "const s = document.querySelector('select[name=kind]'); s.value = 'question'; s.dispatchEvent(new Event('change')); return true",
    );
    let address = wait_for(
        &driver,
        "return location.search.includes('kind=question') ? location.search : null",
    );
    assert_eq!(address, "?q=ports&tag=politics&kind=question");
}

/// The header box lists each briefing before its sections, one speaker's
/// quotes as one option, and the same from disk and over http.
#[test]
fn the_header_box_puts_briefings_first_and_collapses_quotes() {
    let Some((_tmp, dist, server, driver)) = setup() else {
        return;
    };
    let mut both = Vec::new();
    for root in [file_url(&dist), server.base_url()] {
        let page = format!("{root}briefings/plague-ports/index.html");
        let options = box_options(&driver, &page, "Imogen Salt");
        assert_eq!(
            options[..3],
            [
                "Who’s who ../../entities/imogen-salt/index.html",
                "Briefing ../../briefings/harbour-fever/index.html",
                "  3 quotes ../../briefings/harbour-fever/index.html#what-is-harbour-fever",
            ],
            "{options:#?}"
        );
        let heads = options.iter().filter(|o| !o.starts_with(' ')).count();
        assert_eq!(heads, 3, "{options:#?}");
        both.push(options);
    }
    assert_eq!(both[0], both[1]);
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

//! Builds whole sites into temporary folders and checks the output as a
//! browser would see it: pages exist, every internal link and anchor
//! resolves relative to its page, output is deterministic and atomic.

mod common;

use common::{SEED_QUESTIONS, briefing, copy_into, repo, shared_seeds, txt_files};
use scraper::{Html, Selector};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn build(site: &Path, out: &Path) {
    common::build_into(site, out);
}

fn html_pages(out: &Path) -> Vec<PathBuf> {
    let mut pages: Vec<PathBuf> = walk(out)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    pages.sort();
    pages
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

fn ids(page: &Path) -> BTreeSet<String> {
    let doc = Html::parse_document(&std::fs::read_to_string(page).unwrap());
    let sel = Selector::parse("[id]").unwrap();
    doc.select(&sel)
        .filter_map(|e| e.value().attr("id").map(String::from))
        .collect()
}

/// Every broken internal link in the site, as "page: href (why)".
fn broken_links(out: &Path) -> Vec<String> {
    let mut id_cache: BTreeMap<PathBuf, BTreeSet<String>> = BTreeMap::new();
    let mut broken = Vec::new();
    let sel = Selector::parse("a[href], link[href], script[src], img[src]").unwrap();
    for page in html_pages(out) {
        let doc = Html::parse_document(&std::fs::read_to_string(&page).unwrap());
        for element in doc.select(&sel) {
            let href = element
                .value()
                .attr("href")
                .or(element.value().attr("src"))
                .unwrap();
            if href.contains("://") || href.starts_with("mailto:") {
                continue;
            }
            let shown = format!("{}: {href}", page.strip_prefix(out).unwrap().display());
            if href.starts_with('/') {
                broken.push(format!("{shown} (absolute link)"));
                continue;
            }
            let (path, fragment) = href.split_once('#').unwrap_or((href, ""));
            let target = if path.is_empty() {
                page.clone()
            } else {
                normalise(&page.parent().unwrap().join(path))
            };
            if !target.starts_with(out) {
                broken.push(format!("{shown} (leaves the site)"));
            } else if path.ends_with('/') || target.is_dir() {
                broken.push(format!(
                    "{shown} (folder link without index.html breaks file://)"
                ));
            } else if !target.is_file() {
                broken.push(format!("{shown} (no such file)"));
            } else if !fragment.is_empty() {
                let ids = id_cache
                    .entry(target.clone())
                    .or_insert_with(|| ids(&target));
                if !ids.contains(fragment) {
                    broken.push(format!("{shown} (no id {fragment:?} in target)"));
                }
            }
        }
    }
    broken
}

fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

fn seeds_site() -> Option<tempfile::TempDir> {
    let seeds = shared_seeds()?;
    let site = tempfile::tempdir().unwrap();
    copy_into(&txt_files(&seeds), &site.path().join("seeds"));
    Some(site)
}

#[test]
fn sample_site_has_the_expected_pages() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("dist");
    build(&repo(), &out);
    for page in [
        "index.html",
        "questions/index.html",
        "print.html",
        "static/style.css",
    ] {
        assert!(out.join(page).is_file(), "missing {page}");
    }
    // Each briefing has its page folder and its `<slug>.json` beside it.
    let entries: Vec<_> = std::fs::read_dir(out.join("briefings"))
        .unwrap()
        .flatten()
        .collect();
    assert_eq!(entries.iter().filter(|e| e.path().is_dir()).count(), 4);
    assert_eq!(
        entries
            .iter()
            .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
            .count(),
        4
    );
}

#[test]
fn every_internal_link_and_anchor_resolves_in_the_sample_site() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("dist");
    build(&repo(), &out);
    let broken = broken_links(&out);
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn every_internal_link_and_anchor_resolves_in_the_seeds_site() {
    let Some(site) = seeds_site() else { return };
    let out = site.path().join("dist");
    build(site.path(), &out);
    let broken = broken_links(&out);
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

/// Link texts and hrefs of the elements matching `selector` in a page.
fn links(page: &Path, selector: &str) -> Vec<(String, String)> {
    let doc = Html::parse_document(&std::fs::read_to_string(page).unwrap());
    let sel = Selector::parse(selector).unwrap();
    doc.select(&sel)
        .map(|a| {
            (
                a.text().collect::<String>().trim().to_string(),
                a.value().attr("href").unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[test]
fn seeds_site_has_a_page_per_seed_and_the_six_questions() {
    let Some(site) = seeds_site() else { return };
    let out = site.path().join("dist");
    build(site.path(), &out);
    for slug in ["000-374a940a17039e84", "003-38be661aca5eacde"] {
        assert!(
            out.join("briefings")
                .join(slug)
                .join("index.html")
                .is_file(),
            "no page for {slug}"
        );
    }
    let page = out.join("briefings/000-374a940a17039e84/index.html");
    let page_ids = ids(&page);
    // Questions only: statement sections are in the glance too, marked.
    let glance = links(&page, ".glance li:not(.glance-statement) > a");
    let index = links(&out.join("questions/index.html"), "a.qa-question");
    for question in SEED_QUESTIONS {
        let (_, href) = glance
            .iter()
            .find(|(text, _)| text == question)
            .unwrap_or_else(|| panic!("{question} not in At a glance"));
        let anchor = href.strip_prefix('#').unwrap();
        assert!(
            page_ids.contains(anchor),
            "At a glance link {href} has no target"
        );
        let (_, href) = index
            .iter()
            .find(|(text, _)| text == question)
            .unwrap_or_else(|| panic!("{question} not in questions index"));
        assert!(
            href.ends_with(&format!("000-374a940a17039e84/index.html#{anchor}")),
            "{href}"
        );
    }
    assert_eq!(
        glance.len(),
        6,
        "only question sections belong in At a glance: {glance:?}"
    );
}

#[test]
fn two_builds_are_byte_identical() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    build(&repo(), &a);
    build(&repo(), &b);
    let files_a = walk(&a);
    assert_eq!(files_a.len(), walk(&b).len());
    // The marker is the build's bookkeeping, not output: its manifest holds
    // each file's mtime and inode (README, "Deterministic").
    let marker = std::ffi::OsStr::new(".briefing-output");
    for file in files_a
        .into_iter()
        .filter(|f| f.file_name() != Some(marker))
    {
        let twin = b.join(file.strip_prefix(&a).unwrap());
        assert_eq!(
            std::fs::read(&file).unwrap(),
            std::fs::read(&twin).unwrap(),
            "{} differs",
            file.display()
        );
    }
}

#[test]
fn a_failing_build_leaves_the_previous_output_untouched() {
    let site = tempfile::tempdir().unwrap();
    copy_into(
        &txt_files(&repo().join("seeds")),
        &site.path().join("seeds"),
    );
    let out = site.path().join("dist");
    build(site.path(), &out);
    let before: Vec<(PathBuf, Vec<u8>)> = walk(&out)
        .into_iter()
        .map(|p| (p.clone(), std::fs::read(&p).unwrap()))
        .collect();

    std::fs::create_dir_all(site.path().join("templates")).unwrap();
    std::fs::write(
        site.path().join("templates/briefing.html"),
        "{% extends \"base.html\" %}\n{% block main %}\n{{ unclosed \n{% endblock main %}\n",
    )
    .unwrap();
    let output = briefing().arg("build").arg(site.path()).output().unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("briefing.html"),
        "error does not name the template: {stderr}"
    );

    let after: Vec<(PathBuf, Vec<u8>)> = walk(&out)
        .into_iter()
        .map(|p| (p.clone(), std::fs::read(&p).unwrap()))
        .collect();
    assert_eq!(before, after, "the failed build changed dist/");
    let leftovers: Vec<_> = std::fs::read_dir(site.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .filter(|n| n.to_string_lossy().contains("briefing-") && n != ".briefing-cache")
        .collect();
    assert!(
        leftovers.is_empty(),
        "staging folders left behind: {leftovers:?}"
    );
}

#[test]
fn a_site_template_overrides_the_default_by_name() {
    let site = tempfile::tempdir().unwrap();
    copy_into(
        &txt_files(&repo().join("seeds")),
        &site.path().join("seeds"),
    );
    std::fs::create_dir_all(site.path().join("templates")).unwrap();
    std::fs::write(
        site.path().join("templates/questions.html"),
        "{% extends \"base.html\" %}{% block main %}<h1>Our own questions page</h1>{% endblock main %}",
    )
    .unwrap();
    let out = site.path().join("dist");
    build(site.path(), &out);
    let questions = std::fs::read_to_string(out.join("questions/index.html")).unwrap();
    assert!(questions.contains("Our own questions page"));
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(!index.contains("Our own questions page"));
}

#[test]
fn index_lists_briefings_newest_first_with_undated_last() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("dist");
    build(&repo(), &out);
    let json = briefing()
        .args(["extract", "--json"])
        .args(
            std::fs::read_dir(repo().join("content"))
                .unwrap()
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "md"))
                .chain(txt_files(&repo().join("seeds"))),
        )
        .output()
        .unwrap();
    let all: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let mut dated: Vec<(String, String)> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["date"].as_str().unwrap_or("").to_string(),
                b["slug"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    dated.sort_by(|a, b| b.0.cmp(&a.0));
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    let positions: Vec<usize> = dated
        .iter()
        .map(|(_, slug)| {
            index
                .find(&format!("briefings/{slug}/index.html"))
                .unwrap_or_else(|| panic!("{slug} not on index"))
        })
        .collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "index order wrong: {dated:?}"
    );
}

#[test]
fn print_book_holds_every_briefing_with_unique_ids() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("dist");
    build(&repo(), &out);
    let text = std::fs::read_to_string(out.join("print.html")).unwrap();
    let doc = Html::parse_document(&text);
    let sel = Selector::parse("[id]").unwrap();
    let all: Vec<&str> = doc
        .select(&sel)
        .filter_map(|e| e.value().attr("id"))
        .collect();
    let unique: BTreeSet<&&str> = all.iter().collect();
    assert_eq!(all.len(), unique.len(), "duplicate ids in print.html");
    for entry in std::fs::read_dir(out.join("briefings"))
        .unwrap()
        .flatten()
        .filter(|e| e.path().is_dir())
    {
        let slug = entry.file_name().to_string_lossy().to_string();
        assert!(unique.contains(&&slug.as_str()), "print book lacks {slug}");
    }
}

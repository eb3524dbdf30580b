//! The built-in theme's briefing and print pages are written natively
//! (`render::native`); every site here is built twice, natively and with
//! `--tera-only`, and the two outputs must be the same bytes. A template
//! edited without its native twin fails here, naming the page.

mod common;

use briefing::config::Config;
use briefing::render::{NativePages, Theme};
use common::{briefing, build_into_with, copy_into, repo, shared_seeds, tree, txt_files};
use std::path::Path;

/// The first line where two pages part, for a readable failure.
fn first_difference(a: &[u8], b: &[u8]) -> String {
    let (a, b) = (String::from_utf8_lossy(a), String::from_utf8_lossy(b));
    for (n, (x, y)) in a.lines().zip(b.lines()).enumerate() {
        if x != y {
            return format!("line {}:\n  native: {x}\n  tera:   {y}", n + 1);
        }
    }
    format!(
        "one ends first ({} vs {} lines)",
        a.lines().count(),
        b.lines().count()
    )
}

/// Which pages the theme of the site at `site` writes natively.
fn native_pages(site: &Path) -> NativePages {
    let config = Config::load(site, None).unwrap();
    Theme::for_config(&config).unwrap().native_pages()
}

/// Builds `site` natively and through Tera and compares every file.
fn assert_native_matches_tera(site: &Path, what: &str) {
    assert_eq!(
        native_pages(site),
        NativePages::ALL,
        "{what}: the built-in theme should be written natively"
    );
    let root = tempfile::tempdir().unwrap();
    let native_out = root.path().join("native");
    let tera_out = root.path().join("tera");
    build_into_with(site, &native_out, &["--print"]);
    let output = briefing()
        .arg("build")
        .arg(site)
        .arg("--out")
        .arg(&tera_out)
        .arg("--tera-only")
        .arg("--print")
        .output()
        .unwrap();
    assert!(output.status.success(), "{what}: --tera-only build failed");
    let native = tree(&native_out);
    let tera = tree(&tera_out);
    assert_eq!(
        native.keys().collect::<Vec<_>>(),
        tera.keys().collect::<Vec<_>>(),
        "{what}: the two builds wrote different files"
    );
    let briefing_pages = native
        .keys()
        .filter(|p| p.starts_with("briefings/") && p.ends_with("/index.html"))
        .count();
    assert!(
        briefing_pages > 0,
        "{what}: no briefing pages were compared"
    );
    for page in ["print.html", "index.html", "questions/index.html"] {
        assert!(native.contains_key(page), "{what}: no {page}");
    }
    assert!(
        native
            .keys()
            .any(|p| p.starts_with("entities/") && p != "entities/index.html"),
        "{what}: no entity pages were compared"
    );
    for (path, bytes) in &native {
        assert!(
            bytes == &tera[path],
            "{what}: {path} differs from the Tera rendering at {}",
            first_difference(bytes, &tera[path])
        );
    }
}

/// A site of the given sources with a `briefing.toml` that turns on every
/// optional part of the page: base URL (canonical links, feed), a
/// description with markup characters, several print volumes.
fn site_of(dir: &Path, seeds: &[std::path::PathBuf], content: &[std::path::PathBuf]) {
    copy_into(seeds, &dir.join("seeds"));
    copy_into(content, &dir.join("content"));
    std::fs::write(
        dir.join("briefing.toml"),
        "title = \"Tom & Jerry's <briefings>\"\n\
         description = \"Q&A on \\\"everything\\\" <b>\"\n\
         base_url = \"https://example.org/b/\"\n\
         paginate_by = 4\n\
         print_volume_size = 3\n",
    )
    .unwrap();
}

#[test]
fn the_sample_site_is_written_natively_to_the_same_bytes() {
    assert_native_matches_tera(&repo(), "the sample site");
}

#[test]
fn the_real_articles_are_written_natively_to_the_same_bytes() {
    let Some(seeds) = shared_seeds() else { return };
    let root = tempfile::tempdir().unwrap();
    site_of(root.path(), &txt_files(&seeds), &[]);
    assert_native_matches_tera(root.path(), "../shared/seeds");
}

#[test]
fn the_parser_fixtures_and_hostile_input_are_written_natively_to_the_same_bytes() {
    let fixtures = repo().join("tests/fixtures");
    let hostile = repo().join("tests/hostile/site");
    let mut seeds = txt_files(&fixtures.join("raw"));
    seeds.extend(txt_files(&fixtures.join("entities")));
    seeds.extend(txt_files(&hostile.join("seeds")));
    seeds.push(hostile.join("seeds/script-in-text.toml"));
    let content: Vec<_> = [
        "no-front-matter.md",
        "toml-front-matter.md",
        "yaml-front-matter.md",
    ]
    .iter()
    .map(|name| fixtures.join("markdown").join(name))
    .chain([hostile.join("content/raw-html.md")])
    .collect();
    let root = tempfile::tempdir().unwrap();
    site_of(root.path(), &seeds, &content);
    assert_native_matches_tera(root.path(), "the fixtures");
}

#[test]
fn an_empty_site_is_written_natively_to_the_same_bytes() {
    let root = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(root.path().join("content")).unwrap();
    let native = root.path().join("native");
    let tera = root.path().join("tera");
    build_into_with(root.path(), &native, &["--print"]);
    briefing()
        .arg("build")
        .arg(root.path())
        .arg("--out")
        .arg(&tera)
        .arg("--tera-only")
        .arg("--print")
        .assert()
        .success();
    assert_eq!(tree(&native), tree(&tera));
}

#[test]
fn an_overridden_partial_sends_the_pages_that_include_it_through_tera() {
    let root = tempfile::tempdir().unwrap();
    let site = root.path();
    copy_into(&txt_files(&repo().join("seeds")), &site.join("seeds"));
    let templates = site.join("templates/partials");
    std::fs::create_dir_all(&templates).unwrap();
    // An unchanged copy of a built-in template is still the built-in one.
    std::fs::write(
        templates.join("toc.html"),
        std::fs::read(repo().join("templates/partials/toc.html")).unwrap(),
    )
    .unwrap();
    assert_eq!(native_pages(site), NativePages::ALL);

    // A page of its own: only that page leaves the native path.
    std::fs::write(
        site.join("templates/print.html"),
        "{% extends \"base.html\" %}\n{% block main %}<p>Our own book</p>{% endblock main %}\n",
    )
    .unwrap();
    assert_eq!(
        native_pages(site),
        NativePages {
            print: false,
            ..NativePages::ALL
        }
    );
    // A partial both pages include: both go through Tera, the pages that
    // do not include it stay native.
    std::fs::write(
        templates.join("context.html"),
        "<p class=\"house-note\">Our own context box</p>\n",
    )
    .unwrap();
    assert_eq!(
        native_pages(site),
        NativePages {
            briefing: false,
            print: false,
            ..NativePages::ALL
        }
    );
    let out = root.path().join("out");
    build_into_with(site, &out, &["--print"]);
    let pages = tree(&out);
    let briefing_page = pages
        .iter()
        .find(|(p, _)| p.starts_with("briefings/") && p.ends_with("/index.html"))
        .map(|(_, bytes)| String::from_utf8_lossy(bytes).to_string())
        .unwrap();
    assert!(briefing_page.contains("Our own context box"));
    assert!(String::from_utf8_lossy(&pages["print.html"]).contains("Our own book"));
}

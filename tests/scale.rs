//! What keeps big sites usable: lists cut into pages, the print book into
//! volumes, the feed to the newest entries, and rebuilds that leave
//! unchanged files alone. Sites here are small, with small limits, so the
//! cuts are easy to check by hand.

mod common;

use scraper::{Html, Selector};
use std::collections::BTreeSet;
use std::path::Path;

/// Seven dated briefings, one question each: `story-1` is the oldest,
/// `story-7` the newest, so site order is story-7 ... story-1.
fn seven_stories(site: &Path, config: &str) {
    let seeds = site.join("seeds");
    std::fs::create_dir_all(&seeds).unwrap();
    for i in 1..=7 {
        std::fs::write(
            seeds.join(format!("story-{i}.txt")),
            format!(
                "date 2026-03-{i:02}\n\n\
                 Ferry timetable change number {i}\n\n\
                 The council changed the ferry timetable for the {i}th time this year, the harbour office said.\n\n\
                 Who is affected?\n\n\
                 Commuters on the early crossing lose their {i} o'clock boat, according to the office.\n"
            ),
        )
        .unwrap();
    }
    // Every test here reads the print book's volumes.
    std::fs::write(
        site.join("briefing.toml"),
        format!("{config}\nprint = true\n"),
    )
    .unwrap();
}

fn read(out: &Path, path: &str) -> String {
    std::fs::read_to_string(out.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn hrefs(html: &str, selector: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    let sel = Selector::parse(selector).unwrap();
    doc.select(&sel)
        .filter_map(|e| e.value().attr("href").map(String::from))
        .collect()
}

const LIMITS: &str = "title = \"Ferries\"\nbase_url = \"https://example.org/ferries/\"\n\
                      paginate_by = 3\nprint_volume_size = 2\nfeed_limit = 2\n";

#[test]
fn the_index_is_cut_into_pages_that_link_to_each_other() {
    let site = tempfile::tempdir().unwrap();
    seven_stories(site.path(), LIMITS);
    let out = site.path().join("dist");
    common::build_into(site.path(), &out);

    // 7 briefings, 3 per page: index.html, page/2/, page/3/ and no more.
    let pages = ["index.html", "page/2/index.html", "page/3/index.html"];
    assert!(!out.join("page/4/index.html").exists());
    assert!(!out.join("page/1/index.html").exists());
    let mut listed = Vec::new();
    for page in pages {
        let html = read(&out, page);
        let cards = hrefs(&html, ".briefing-list .card-title a");
        assert!(cards.len() <= 3, "{page} lists {}", cards.len());
        listed.extend(cards.iter().map(|h| {
            h.trim_start_matches("../")
                .trim_start_matches("../")
                .to_string()
        }));
    }
    // Every briefing on exactly one page, newest first.
    let expected: Vec<String> = (1..=7)
        .rev()
        .map(|i| format!("briefings/story-{i}/index.html"))
        .collect();
    assert_eq!(listed, expected);

    // The middle page links back to the first and on to the last.
    let middle = read(&out, "page/2/index.html");
    assert_eq!(hrefs(&middle, "a[rel=prev]"), ["../../index.html"]);
    assert_eq!(hrefs(&middle, "a[rel=next]"), ["../../page/3/index.html"]);
    assert!(middle.contains("Page 2 of 3"));
    let first = read(&out, "index.html");
    assert!(hrefs(&first, "a[rel=prev]").is_empty());
    assert_eq!(hrefs(&first, "a[rel=next]"), ["page/2/index.html"]);

    // The questions index is cut the same way.
    assert!(read(&out, "questions/page/3/index.html").contains("Who is affected?"));
    assert!(!out.join("questions/page/4/index.html").exists());

    // The sitemap lists every page of the lists, but no print volume.
    let sitemap = read(&out, "sitemap.xml");
    assert!(sitemap.contains("https://example.org/ferries/page/3/index.html"));
    assert!(sitemap.contains("https://example.org/ferries/questions/page/2/index.html"));
    assert!(!sitemap.contains("print"));
}

#[test]
fn the_print_book_comes_in_volumes_with_ids_unique_in_each() {
    let site = tempfile::tempdir().unwrap();
    seven_stories(site.path(), LIMITS);
    let out = site.path().join("dist");
    common::build_into(site.path(), &out);

    let volumes = ["print.html", "print-2.html", "print-3.html", "print-4.html"];
    assert!(!out.join("print-5.html").exists());
    let mut articles = Vec::new();
    for (n, volume) in volumes.iter().enumerate() {
        let html = read(&out, volume);
        assert!(
            html.contains(&format!("Volume {} of 4", n + 1)),
            "{volume} does not say which volume it is"
        );
        let doc = Html::parse_document(&html);
        let sel = Selector::parse(".book article[id]").unwrap();
        let ids: Vec<String> = doc
            .select(&sel)
            .map(|e| e.value().attr("id").unwrap().to_string())
            .collect();
        assert!(ids.len() <= 2, "{volume} holds {}", ids.len());
        // Every in-page link of the volume's contents resolves in the volume.
        let all_ids: BTreeSet<String> = doc
            .select(&Selector::parse("[id]").unwrap())
            .map(|e| e.value().attr("id").unwrap().to_string())
            .collect();
        for href in hrefs(&html, ".book-toc a") {
            let id = href.trim_start_matches('#');
            assert!(all_ids.contains(id), "{volume}: {href} goes nowhere");
        }
        articles.extend(ids);
    }
    let expected: Vec<String> = (1..=7).rev().map(|i| format!("story-{i}")).collect();
    assert_eq!(articles, expected);
    // Each volume links to the others, and its contents go on numbering
    // where the previous volume stopped (briefings 3 and 4).
    let second = read(&out, "print-2.html");
    assert!(second.contains("counter-reset: briefing 2\""), "{second}");
    let links = hrefs(&second, ".volume-list a");
    assert_eq!(links, ["print.html", "print-3.html", "print-4.html"]);
}

#[test]
fn the_feed_holds_only_the_newest_briefings() {
    let site = tempfile::tempdir().unwrap();
    seven_stories(site.path(), LIMITS);
    let out = site.path().join("dist");
    common::build_into(site.path(), &out);
    let feed = read(&out, "atom.xml");
    assert_eq!(feed.matches("<entry>").count(), 2, "{feed}");
    assert!(feed.contains("briefings/story-7/index.html"));
    assert!(feed.contains("briefings/story-6/index.html"));
    assert!(!feed.contains("briefings/story-5/index.html"));
}

#[test]
fn small_sites_keep_one_index_page_and_one_book() {
    let site = tempfile::tempdir().unwrap();
    seven_stories(site.path(), "title = \"Ferries\"\n");
    let out = site.path().join("dist");
    common::build_into(site.path(), &out);
    assert!(!out.join("page").exists());
    assert!(!out.join("print-2.html").exists());
    let index = read(&out, "index.html");
    assert_eq!(hrefs(&index, ".briefing-list .card-title a").len(), 7);
    assert!(!index.contains("class=\"pagination\""));
    let book = read(&out, "print.html");
    assert!(!book.contains("Volume 1"));
    assert_eq!(book.matches("<article").count(), 7);
}

#[test]
fn limits_out_of_range_are_errors_naming_the_line() {
    let site = tempfile::tempdir().unwrap();
    seven_stories(site.path(), "title = \"Ferries\"\npaginate_by = 0\n");
    let output = common::briefing()
        .arg("build")
        .arg(site.path())
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("briefing.toml:2") && stderr.contains("paginate_by = 0"),
        "{stderr}"
    );
}

#[cfg(unix)]
#[test]
fn a_rebuild_leaves_unchanged_files_alone_and_rewrites_changed_ones() {
    use std::os::unix::fs::MetadataExt;
    let site = tempfile::tempdir().unwrap();
    seven_stories(site.path(), "title = \"Ferries\"\n");
    let out = site.path().join("dist");
    common::build_into(site.path(), &out);
    let inode = |path: &str| std::fs::metadata(out.join(path)).unwrap().ino();
    let untouched = inode("briefings/story-1/index.html");
    let edited = inode("briefings/story-7/index.html");

    let source = site.path().join("seeds/story-7.txt");
    let text = std::fs::read_to_string(&source)
        .unwrap()
        .replace("early crossing", "late crossing");
    std::fs::write(&source, text).unwrap();
    common::build_into(site.path(), &out);

    // Same file (hard-linked from the previous output), not a new copy.
    assert_eq!(inode("briefings/story-1/index.html"), untouched);
    assert_ne!(inode("briefings/story-7/index.html"), edited);
    assert!(read(&out, "briefings/story-7/index.html").contains("late crossing"));
    // The previous output is kept in the site's cache for the next build,
    // and nowhere else: an unchanged page has one link there.
    let kept = site.path().join(".briefing-cache/output");
    assert_eq!(
        std::fs::metadata(kept.join("briefings/story-1/index.html"))
            .unwrap()
            .ino(),
        untouched
    );
    assert_eq!(
        std::fs::metadata(out.join("briefings/story-1/index.html"))
            .unwrap()
            .nlink(),
        2
    );
    // The next build is made of that kept output: the edited page is new
    // again, and the page the last build replaced is gone from the cache.
    common::build_into(site.path(), &out);
    assert_eq!(inode("briefings/story-1/index.html"), untouched);
    assert!(read(&out, "briefings/story-7/index.html").contains("late crossing"));
    assert_eq!(
        std::fs::metadata(out.join("briefings/story-1/index.html"))
            .unwrap()
            .nlink(),
        2
    );
    assert_eq!(
        std::fs::metadata(out.join("briefings/story-7/index.html"))
            .unwrap()
            .nlink(),
        2
    );
}

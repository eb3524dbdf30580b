//! Bad, huge and hostile input: every case has a documented outcome (built,
//! skipped with a warning, or a failed build naming the file), never a
//! panic, never code reaching a reader, never a write outside the output.
//! The corpus lives in `tests/hostile/`; large inputs are generated here.

mod common;

use common::{briefing, repo};
use scraper::{Html, Selector};
use std::path::{Path, PathBuf};

fn hostile(path: &str) -> PathBuf {
    repo().join("tests/hostile").join(path)
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut all = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        if entry.path().is_dir() {
            all.extend(files(&entry.path()));
        } else {
            all.push(entry.path());
        }
    }
    all.sort();
    all
}

/// Runs `briefing build SITE` and returns (success, stderr).
fn build(site: &Path) -> (bool, String) {
    let output = briefing().arg("build").arg(site).output().unwrap();
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stderr).to_string(),
    )
}

#[test]
fn hostile_text_never_reaches_a_reader_as_code() {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&hostile("site"), tmp.path());
    let (ok, stderr) = build(tmp.path());
    assert!(ok, "{stderr}");
    let dist = tmp.path().join("dist");
    let any = Selector::parse("*").unwrap();
    let mut pages = 0;
    let mut kept_rasters = 0;
    for file in files(&dist)
        .into_iter()
        .filter(|f| f.extension().is_some_and(|e| e == "html"))
    {
        pages += 1;
        let text = std::fs::read_to_string(&file).unwrap();
        let shown = file.strip_prefix(&dist).unwrap().display().to_string();
        for element in Html::parse_document(&text).select(&any) {
            let name = element.value().name();
            if name == "script" {
                // The theme's own scripts only: data or a file shipped with the site.
                let kind = element.value().attr("type");
                let src = element.value().attr("src").unwrap_or("");
                assert!(
                    kind == Some("application/ld+json")
                        || (src.ends_with(".js") && !src.contains(':')),
                    "{shown}: a script element from a source: {}",
                    element.html()
                );
                if kind == Some("application/ld+json") {
                    let inner = element.inner_html();
                    assert!(
                        !inner.to_lowercase().contains("</script"),
                        "{shown}: JSON-LD breaks out"
                    );
                }
            }
            assert!(
                !["iframe", "object", "embed", "svg"].contains(&name),
                "{shown}: <{name}> from a source"
            );
            for (attr, value) in element.value().attrs() {
                assert!(
                    !attr.starts_with("on"),
                    "{shown}: event handler {attr}={value}"
                );
                let value = value.trim().to_lowercase();
                // A raster image is the one `data:` URL a page may hold.
                let raster = name == "img"
                    && attr == "src"
                    && ["png", "jpeg", "gif", "webp"]
                        .iter()
                        .any(|t| value.starts_with(&format!("data:image/{t};")));
                if ["href", "src", "action", "formaction", "poster"].contains(&attr) {
                    assert!(
                        !value.starts_with("javascript:")
                            && (!value.starts_with("data:") || raster)
                            && !value.starts_with("vbscript:"),
                        "{shown}: {attr}={value}"
                    );
                }
                kept_rasters += usize::from(raster);
            }
        }
        // A `</title>` in a title is text, so every page still has exactly one title.
        assert_eq!(text.matches("<title>").count(), 1, "{shown}");
    }
    assert!(pages >= 4);
    // The raster `data:` image of `data-links.md` is kept, on its page and
    // in the print book.
    assert!(kept_rasters >= 1, "the raster data: image was dropped");
    // Tags whose plain slugs collide, and one written as a script, each get
    // a page of their own.
    let tags: Vec<String> = std::fs::read_dir(dist.join("tags"))
        .unwrap()
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().to_string())
        .collect();
    for slug in ["c", "c-plus-plus", "c-sharp", "ferries"] {
        assert!(tags.contains(&slug.to_string()), "{slug}: {tags:?}");
    }
    assert_eq!(
        tags.iter()
            .filter(|t| t.starts_with("c-") && t.len() == 10)
            .count(),
        1,
        "c-- gets c-HASH: {tags:?}"
    );
    assert!(
        tags.iter()
            .any(|t| t.starts_with("script-alert-tag-script-")),
        "{tags:?}"
    );
    // The hostile text is still there, as text, for the reader to see.
    let page = std::fs::read_to_string(dist.join("briefings/script-in-text/index.html")).unwrap();
    assert!(
        page.contains("&lt;script&gt;alert(&quot;lead&quot;)&lt;&#x2F;script&gt;")
            || page.contains("&lt;script&gt;alert(&quot;lead&quot;)&lt;/script&gt;"),
        "escaped text missing"
    );
    // A saved page and an email full of scripts and handlers are built,
    // their text kept as text and none of their code (checked above).
    for slug in ["hostile-page", "hostile-mail"] {
        let page = std::fs::read_to_string(dist.join(format!("briefings/{slug}/index.html")))
            .unwrap_or_else(|e| panic!("{slug}: {e}"));
        assert!(
            page.contains("What will close?"),
            "{slug}: the heading is kept"
        );
        assert!(
            page.contains("&lt;script&gt;alert(&quot;escaped&quot;)"),
            "{slug}: markup shown as text stays text"
        );
        assert!(
            !page.contains("srcdoc") && !page.contains("stolen"),
            "{slug}"
        );
    }
}

#[test]
fn every_encoding_case_has_its_documented_outcome() {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&hostile("encodings"), &tmp.path().join("seeds"));
    std::fs::remove_file(tmp.path().join("seeds/.gitattributes")).ok();
    let (ok, stderr) = build(tmp.path());
    assert!(ok, "{stderr}");
    assert!(
        stderr.contains("warning: seeds/latin1.txt:1:4: not valid UTF-8 (first bad byte at line 1, column 4, byte offset 3)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("warning: seeds/utf16le.txt:1: read as UTF-16"),
        "{stderr}"
    );
    assert!(
        stderr.contains("warning: seeds/binary.txt:1: looks like a binary file"),
        "{stderr}"
    );
    assert!(
        stderr.contains("warning: seeds/empty.txt:1: is empty; skipped"),
        "{stderr}"
    );
    assert!(
        stderr.contains("warning: seeds/blank.txt:1: is empty; skipped"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("utf8-bom"),
        "a UTF-8 BOM needs no warning: {stderr}"
    );
    let dist = tmp.path().join("dist/briefings");
    let latin1 = std::fs::read_to_string(dist.join("latin1/index.html")).unwrap();
    assert!(
        latin1.contains("café crème") && latin1.contains("“curly”"),
        "accents lost"
    );
    assert!(
        std::fs::read_to_string(dist.join("utf16le/index.html"))
            .unwrap()
            .contains("Kyiv desk")
    );
    let bom = std::fs::read_to_string(dist.join("utf8-bom/index.html")).unwrap();
    assert!(!bom.contains('\u{feff}'));
    assert!(!dist.join("binary").exists() && !dist.join("empty").exists());
}

#[test]
fn awkward_file_names_get_safe_slugs() {
    let tmp = tempfile::tempdir().unwrap();
    let seeds = tmp.path().join("seeds");
    std::fs::create_dir_all(&seeds).unwrap();
    for name in [
        "with space.txt",
        "ünïcödé name.txt",
        "-leading-dash.txt",
        "a..b.txt",
        "--.txt",
    ] {
        std::fs::write(
            seeds.join(name),
            "A short story about a harbour vote on Monday evening.\n",
        )
        .unwrap();
    }
    let (ok, stderr) = build(tmp.path());
    assert!(ok, "{stderr}");
    let mut slugs: Vec<String> = std::fs::read_dir(tmp.path().join("dist/briefings"))
        .unwrap()
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().to_string())
        .collect();
    slugs.sort();
    assert_eq!(
        slugs,
        [
            "a-b",
            "briefing",
            "leading-dash",
            "unicode-name",
            "with-space"
        ]
    );
}

#[test]
fn a_slug_from_metadata_cannot_leave_the_output_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    std::fs::create_dir_all(&content).unwrap();
    std::fs::write(
        content.join("escape.md"),
        "+++\nslug = \"../../escaped\"\n+++\nText.\n",
    )
    .unwrap();
    let (ok, stderr) = build(tmp.path());
    assert!(!ok);
    assert!(
        stderr.contains("content/escape.md") && stderr.contains("not usable in a URL"),
        "{stderr}"
    );
    let mut left: Vec<String> = std::fs::read_dir(tmp.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .collect();
    left.sort();
    assert_eq!(left, ["content"], "something was written");
    assert!(!tmp.path().parent().unwrap().join("escaped").exists());
}

#[test]
fn two_sources_with_one_slug_fail_naming_both() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(tmp.path().join("seeds")).unwrap();
    std::fs::create_dir_all(tmp.path().join("content")).unwrap();
    std::fs::write(
        tmp.path().join("seeds/vote.txt"),
        "A story about the harbour vote on Monday.\n",
    )
    .unwrap();
    std::fs::write(
        tmp.path().join("content/vote.md"),
        "The same story, written up in Markdown.\n",
    )
    .unwrap();
    let (ok, stderr) = build(tmp.path());
    assert!(!ok);
    assert!(
        stderr.contains("content/vote.md") && stderr.contains("seeds/vote.txt"),
        "{stderr}"
    );
}

#[test]
fn a_sidecar_date_that_does_not_parse_names_file_and_line() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(tmp.path().join("seeds")).unwrap();
    std::fs::write(tmp.path().join("seeds/a.txt"), "A story.\n").unwrap();
    std::fs::write(
        tmp.path().join("seeds/a.toml"),
        "title = \"A\"\ndate = \"23/10/2024\"\n",
    )
    .unwrap();
    let (ok, stderr) = build(tmp.path());
    assert!(!ok);
    assert!(
        stderr.contains("seeds/a.toml:2:") && stderr.contains("YYYY-MM-DD"),
        "{stderr}"
    );
}

#[cfg(unix)]
#[test]
fn symlinks_that_loop_or_leave_the_site_are_not_followed() {
    let tmp = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("secret.txt"),
        "Private notes that must not be published.\n",
    )
    .unwrap();
    let seeds = tmp.path().join("seeds");
    std::fs::create_dir_all(&seeds).unwrap();
    std::fs::write(
        seeds.join("real.txt"),
        "A story about the harbour vote on Monday.\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(outside.path(), seeds.join("outside")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("secret.txt"), seeds.join("secret.txt"))
        .unwrap();
    std::os::unix::fs::symlink(&seeds, seeds.join("loop")).unwrap();
    let output = briefing()
        .args(["build", "-v"])
        .arg(tmp.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    for link in ["seeds/outside", "seeds/secret.txt", "seeds/loop"] {
        assert!(
            stderr.contains(&format!("skipped {link}: symbolic link (not followed)")),
            "{stderr}"
        );
    }
    let published: String = files(&tmp.path().join("dist"))
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap_or_default())
        .collect();
    assert!(!published.contains("Private notes"));
}

#[test]
fn deeply_nested_markdown_and_a_one_megabyte_line_build() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(tmp.path().join("content")).unwrap();
    std::fs::create_dir_all(tmp.path().join("seeds")).unwrap();
    let nested = format!(
        "{}deep quote\n\n{}",
        "> ".repeat(2000),
        (0..1000)
            .map(|i| format!("{}- item {i}\n", "  ".repeat(i)))
            .collect::<String>()
    );
    std::fs::write(tmp.path().join("content/nested.md"), nested).unwrap();
    let line: String = "The council met again and the vote was delayed once more. ".repeat(18_000);
    assert!(line.len() > 1_000_000);
    std::fs::write(tmp.path().join("seeds/one-line.txt"), &line).unwrap();
    let (ok, stderr) = build(tmp.path());
    assert!(ok, "{stderr}");
    assert!(
        tmp.path()
            .join("dist/briefings/nested/index.html")
            .is_file()
    );
    assert!(
        tmp.path()
            .join("dist/briefings/one-line/index.html")
            .is_file()
    );
}

/// 100,000 headings and a 50 MB source. Slow in a debug build, so CI runs
/// it in release: `cargo test --release --test hostile -- --ignored`.
#[test]
#[ignore]
fn huge_sources_build() {
    let tmp = tempfile::tempdir().unwrap();
    let seeds = tmp.path().join("seeds");
    std::fs::create_dir_all(&seeds).unwrap();
    let headings: String = (0..100_000)
        .map(|i| format!("Why does it matter?\nBecause the council said so on day {i}, and the officials in the region agreed.\n"))
        .collect();
    std::fs::write(seeds.join("headings.txt"), headings).unwrap();
    let paragraph = "The harbour board met on Monday and said the vote would go ahead despite objections from crews. \
                     \"We will see,\" said Anna Berg, a spokesperson for the Rivers Agency.\n";
    std::fs::write(
        seeds.join("huge.txt"),
        paragraph.repeat(50_000_000 / paragraph.len() + 1),
    )
    .unwrap();
    let (ok, stderr) = build(tmp.path());
    assert!(ok, "{stderr}");
    let page =
        std::fs::read_to_string(tmp.path().join("dist/briefings/headings/index.html")).unwrap();
    assert!(page.contains("id=\"why-does-it-matter-100000\""));
}

/// Issue 25, 1: `dist -> /var/www/site` is built into, never emptied
/// through the link, and stays a link.
#[test]
fn a_symlinked_output_folder_is_built_into_and_kept_a_link() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    std::fs::create_dir_all(site.join("seeds")).unwrap();
    std::fs::write(
        site.join("seeds/harbour.txt"),
        "Harbour vote goes ahead\n\nThe board met on Monday and agreed the plan.\n",
    )
    .unwrap();
    let www = tmp.path().join("www");
    std::fs::create_dir_all(&www).unwrap();
    std::os::unix::fs::symlink(&www, site.join("dist")).unwrap();
    // An empty web root is built into; the build's marker then lets a
    // rebuild replace it.
    for _ in 0..2 {
        let (ok, stderr) = build(&site);
        assert!(ok, "{stderr}");
        let meta = std::fs::symlink_metadata(site.join("dist")).unwrap();
        assert!(
            meta.file_type().is_symlink(),
            "dist was replaced by a folder"
        );
        assert!(www.join("index.html").is_file());
    }
    // A web root that briefing did not make is refused and left whole.
    std::fs::remove_dir_all(&www).unwrap();
    std::fs::create_dir_all(&www).unwrap();
    std::fs::write(www.join("index.html"), "published").unwrap();
    let (ok, stderr) = build(&site);
    assert!(!ok);
    assert!(stderr.contains("not made by briefing"), "{stderr}");
    assert_eq!(std::fs::read(www.join("index.html")).unwrap(), b"published");
}

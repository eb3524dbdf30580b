use super::*;
use crate::index::SiteInfo;
use crate::model::{Briefing, Caption, Paragraph, Section, SectionKind, SourceFormat};
use crate::text::{escape_html, slugify};
use chrono::NaiveDate;
use scraper::{Html, Selector};
use std::collections::BTreeSet;

fn para(text: &str) -> Paragraph {
    Paragraph {
        text: text.to_string(),
        html: escape_html(text),
    }
}

fn section(heading: &str, level: u8, short: Option<&str>, paras: &[&str]) -> Section {
    let kind = if heading.trim_end().ends_with('?') {
        SectionKind::Question
    } else {
        SectionKind::Statement
    };
    Section {
        heading: heading.to_string(),
        kind,
        level,
        anchor: slugify(heading),
        short_answer: short.map(str::to_string),
        answer_guessed: false,
        paragraphs: paras.iter().map(|p| para(p)).collect(),
        line: 1,
        speaker: None,
    }
}

/// Three varied briefings: dated with captions, credit, a sub-question and
/// an escaped-looking title; dated Markdown-ish with block HTML and a link;
/// undated with no sections at all.
pub(crate) fn sample_site() -> Site {
    let troops = Briefing {
        source: "content/troops.txt".into(),
        format: SourceFormat::Raw,
        slug: "north-korean-troops".to_string(),
        title: "North Korean troops in Russia <script>alert(1)</script>: what we know".to_string(),
        date: NaiveDate::from_ymd_opt(2024, 10, 25),
        credit: Some("ABC/Reuters".to_string()),
        authors: Vec::new(),
        dateline: None,
        meta_lines: Vec::new(),
        summary: None,
        tags: vec![
            "Russia".to_string(),
            "North Korea".to_string(),
            "Ukraine war".to_string(),
        ],
        lead: vec![
            para(
                "Earlier this month the two leaders traded warm words at a summit, and both sides hinted that military ties would deepen before the winter.",
            ),
            para(
                "On Monday US defence officials put a number on it — roughly 10,000 soldiers from the North have now crossed into Russia.",
            ),
        ],
        sections: vec![
            section(
                "Where are the North Korean troops?",
                2,
                Some(
                    "About 10,000 are in Russia, and a \"small number\" have reached the Kursk region.",
                ),
                &[
                    "Shipments of shells and missiles from Pyongyang to Russian depots have been tracked by several Western and Asian intelligence services since last year.",
                    "The new estimate of soldiers on Russian soil is about three times the figure officials gave a week earlier, a defence spokesman said.",
                ],
            ),
            section(
                "How many are at the front?",
                3,
                Some("A few thousand more are due to arrive imminently."),
                &[
                    "A \"handful of units\" may already be close to the border region, a US spokesman told reporters on Tuesday.",
                ],
            ),
            section(
                "What role will these troops play?",
                2,
                Some("That is unclear; the Pentagon says Russia might field them as infantry."),
                &[
                    "Nobody outside Moscow knows yet how the soldiers will be used. Early signs point to infantry work, officials said.",
                ],
            ),
            section(
                "The view from Seoul",
                2,
                None,
                &[
                    "South Korea has summoned the Russian ambassador and is weighing a response, including possible arms supplies to Ukraine: https://example.org/a/really/long/url/that/must/wrap/on/a/small/screen/without/scrolling",
                ],
            ),
        ],
        captions: vec![Caption {
            text: "Kim Jong Un and Vladimir Putin at a welcoming ceremony in Pyongyang in June."
                .to_string(),
            credit: Some("Sputnik/Kremlin via Reuters".to_string()),
        }],
        entities: vec![],
        quotes: vec![],
        terms: vec![],
        figures: vec![],
    };

    let debt = Briefing {
        source: "content/debt.md".into(),
        format: SourceFormat::Markdown,
        slug: "putin-in-pyongyangs-debt".to_string(),
        title: "Could troops put Putin in Pyongyang's debt?".to_string(),
        date: NaiveDate::from_ymd_opt(2024, 10, 23),
        credit: None,
        authors: Vec::new(),
        dateline: None,
        meta_lines: Vec::new(),
        summary: Some("Experts say sending personnel could earn Kim reciprocal support from Moscow.".to_string()),
        tags: vec![],
        lead: vec![Paragraph {
            text: "North Korea's dispatch of personnel could put Putin in Pyongyang's debt, experts said.".to_string(),
            html: "<p>North Korea&#39;s dispatch of personnel could put Putin in <em>Pyongyang&#39;s debt</em>, experts <a href=\"https://www.csis.org/\">said</a>.</p>".to_string(),
        }],
        sections: vec![
            section(
                "What would Moscow owe?",
                2,
                Some("Possibly support for the North's military ambitions against South Korea."),
                &["Analysts expect Pyongyang to ask Moscow for help with its own weapons programmes in return, which worries planners in Seoul."],
            ),
            Section {
                paragraphs: vec![Paragraph {
                    text: "Treaty terms: mutual assistance; no delay.".to_string(),
                    html: "<ul>\n<li>mutual assistance</li>\n<li>&quot;without delay&quot;</li>\n</ul>\n".to_string(),
                }],
                ..section("The treaty", 2, None, &[])
            },
        ],
        captions: vec![
            Caption {
                text: "Officials gather around a long table in a Moscow conference hall in late September.".to_string(),
                credit: Some("Kremlin via Reuters".to_string()),
            },
            Caption {
                text: "A caption without a credit.".to_string(),
                credit: None,
            },
        ],
        entities: vec![],
        quotes: vec![],
        terms: vec![],
        figures: vec![],
    };

    let undated = Briefing {
        source: "content/background.txt".into(),
        format: SourceFormat::Raw,
        slug: "background".to_string(),
        title: "Background: the 2024 treaty & its terms".to_string(),
        date: None,
        credit: None,
        authors: Vec::new(),
        dateline: None,
        meta_lines: Vec::new(),
        summary: None,
        tags: vec![],
        lead: vec![para("A short background note with no sections.")],
        sections: vec![],
        captions: vec![],
        entities: vec![],
        quotes: vec![],
        terms: vec![],
        figures: vec![],
    };

    crate::index::index(
        SiteInfo {
            title: "Korea–Russia Desk".to_string(),
            description: Some("Plain answers to the questions behind the headlines.".to_string()),
            language: "en-AU".to_string(),
            base_url: None,
        },
        vec![troops, debt, undated],
        &crate::model::Registry::default(),
        &crate::index::IndexOptions::default(),
    )
    .expect("sample site indexes")
}

fn pages_by_path(pages: &[Page]) -> BTreeMap<String, String> {
    pages
        .iter()
        .map(|p| {
            (
                p.path.clone(),
                String::from_utf8(p.bytes.clone()).expect("utf-8 page"),
            )
        })
        .collect()
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

fn ids(doc: &Html) -> Vec<String> {
    doc.select(&sel("[id]"))
        .map(|e| e.value().attr("id").unwrap().to_string())
        .collect()
}

/// Resolves a relative `href` found in the page at `from` to (path, fragment).
fn resolve(from: &str, href: &str) -> (String, Option<String>) {
    let (path, frag) = match href.split_once('#') {
        Some((p, f)) => (p, Some(f.to_string())),
        None => (href, None),
    };
    if path.is_empty() {
        return (from.to_string(), frag);
    }
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for seg in path.split('/') {
        match seg {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            s => parts.push(s),
        }
    }
    (parts.join("/"), frag)
}

fn rendered() -> BTreeMap<String, String> {
    let theme = Theme::load(None).expect("default theme loads");
    pages_by_path(&render(&sample_site(), &theme).expect("renders"))
}

#[test]
fn pages_exist_at_their_paths() {
    let pages = rendered();
    let paths: Vec<&str> = pages
        .keys()
        .map(String::as_str)
        .filter(|p| !p.starts_with("search/t") && !p.starts_with("search/d"))
        .collect();
    assert_eq!(
        paths,
        [
            "briefings.json",
            "briefings/background.json",
            "briefings/background/index.html",
            "briefings/north-korean-troops.json",
            "briefings/north-korean-troops/index.html",
            "briefings/putin-in-pyongyangs-debt.json",
            "briefings/putin-in-pyongyangs-debt/index.html",
            "entities/index.html",
            "index.html",
            "print.html",
            "questions/index.html",
            "search/index.html",
            "search/index.js",
            "search/m.js",
            "static/favicon.svg",
            "static/search.js",
            "static/style.css",
            "tags/index.html",
            "tags/north-korea/index.html",
            "tags/russia/index.html",
            "tags/ukraine-war/index.html",
        ]
    );
    assert!(pages.contains_key("search/t0.js") && pages.contains_key("search/d0.js"));
}

#[test]
fn every_link_is_relative_and_resolves() {
    let pages = rendered();
    let docs: BTreeMap<&str, Html> = pages
        .iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(p, t)| (p.as_str(), Html::parse_document(t)))
        .collect();
    for (path, doc) in &docs {
        for el in doc.select(&sel("[href], [src]")) {
            let href = el.value().attr("href").or(el.value().attr("src")).unwrap();
            assert!(!href.starts_with('/'), "{path}: absolute link {href}");
            if href.starts_with("http") {
                continue;
            }
            assert!(
                !href.ends_with('/') && !href.contains("/#"),
                "{path}: folder link without index.html: {href}"
            );
            let (target, frag) = resolve(path, href);
            assert!(
                pages.contains_key(&target),
                "{path}: {href} -> {target} missing"
            );
            if let Some(frag) = frag {
                let target_ids = ids(&docs[target.as_str()]);
                assert!(
                    target_ids.contains(&frag),
                    "{path}: {href}: no id `{frag}` in {target}"
                );
            }
        }
    }
}

#[test]
fn ids_are_unique_on_every_page_and_in_the_book() {
    let pages = rendered();
    for (path, text) in pages.iter().filter(|(p, _)| p.ends_with(".html")) {
        let all = ids(&Html::parse_document(text));
        let unique: BTreeSet<_> = all.iter().collect();
        assert_eq!(all.len(), unique.len(), "{path}: duplicate ids in {all:?}");
    }
    let book = Html::parse_document(&pages["print.html"]);
    let book_ids = ids(&book);
    for slug in [
        "north-korean-troops",
        "putin-in-pyongyangs-debt",
        "background",
    ] {
        assert!(book_ids.contains(&slug.to_string()), "{book_ids:?}");
    }
    assert!(book_ids.contains(&"north-korean-troops--how-many-are-at-the-front".to_string()));
    assert!(book_ids.contains(&"putin-in-pyongyangs-debt--the-treaty".to_string()));
    // Every in-book link stays in the book.
    for a in book.select(&sel("main a[href]")) {
        let href = a.value().attr("href").unwrap();
        assert!(href.starts_with('#') || href.starts_with("http"), "{href}");
    }
    // Cover counts the briefings.
    let cover = book
        .select(&sel(".cover"))
        .next()
        .unwrap()
        .text()
        .collect::<String>();
    assert!(cover.contains("3 briefings"), "{cover}");
}

#[test]
fn at_a_glance_links_point_to_sections_on_the_page() {
    let pages = rendered();
    let doc = Html::parse_document(&pages["briefings/north-korean-troops/index.html"]);
    let page_ids = ids(&doc);
    let links: Vec<_> = doc
        .select(&sel("aside.glance a[href]"))
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    assert_eq!(
        links,
        [
            "#where-are-the-north-korean-troops",
            "#how-many-are-at-the-front",
            "#what-role-will-these-troops-play",
            "#the-view-from-seoul",
        ]
    );
    for link in &links {
        let id = &link[1..];
        assert!(page_ids.iter().any(|i| i == id));
        assert_eq!(
            doc.select(&sel(&format!("section[id=\"{id}\"]"))).count(),
            1
        );
    }
    let glance = doc
        .select(&sel("aside.glance"))
        .next()
        .unwrap()
        .text()
        .collect::<String>();
    assert!(glance.contains("About 10,000 are in Russia"));
    // One box: the glance holds the statement section too, so there is
    // no contents box repeating it; level 3 is indented there.
    assert_eq!(doc.select(&sel("nav.toc")).count(), 0);
    assert_eq!(
        doc.select(&sel("aside.glance li.glance-statement")).count(),
        1
    );
    assert_eq!(doc.select(&sel("aside.glance li.depth-2")).count(), 1);
    assert_eq!(
        doc.select(&sel("section#how-many-are-at-the-front > h3"))
            .count(),
        1
    );
    assert_eq!(
        doc.select(&sel("section#the-view-from-seoul > h2")).count(),
        1
    );
}

#[test]
fn briefing_page_structure() {
    let pages = rendered();
    let doc = Html::parse_document(&pages["briefings/north-korean-troops/index.html"]);
    assert_eq!(doc.select(&sel("h1")).count(), 1);
    assert_eq!(
        doc.select(&sel("html"))
            .next()
            .unwrap()
            .value()
            .attr("lang"),
        Some("en-AU")
    );
    let time = doc.select(&sel("article time")).next().unwrap();
    assert_eq!(time.value().attr("datetime"), Some("2024-10-25"));
    assert_eq!(time.text().collect::<String>(), "25 October 2024");
    let fig = doc
        .select(&sel("figure figcaption span.credit"))
        .next()
        .unwrap();
    assert_eq!(
        fig.text().collect::<String>(),
        "Sputnik/Kremlin via Reuters"
    );
    assert_eq!(doc.select(&sel(".closing-credit")).count(), 1);
    assert_eq!(doc.select(&sel("a.skip-link[href=\"#main\"]")).count(), 1);
    assert_eq!(doc.select(&sel("main#main")).count(), 1);
    assert_eq!(
        doc.select(&sel("link[rel=stylesheet]"))
            .next()
            .unwrap()
            .value()
            .attr("href"),
        Some("../../static/style.css")
    );
    // First in site order: no previous, next is the second.
    assert_eq!(doc.select(&sel("a[rel=prev]")).count(), 0);
    assert_eq!(
        doc.select(&sel("a[rel=next]"))
            .next()
            .unwrap()
            .value()
            .attr("href"),
        Some("../../briefings/putin-in-pyongyangs-debt/index.html")
    );

    // The undated briefing: no time, no glance, no contents, no empty boxes.
    let doc = Html::parse_document(&pages["briefings/background/index.html"]);
    assert_eq!(doc.select(&sel("article time")).count(), 0);
    assert_eq!(
        doc.select(&sel(".glance, .toc, figure, .tags, .meta, .closing-credit"))
            .count(),
        0
    );
    assert_eq!(doc.select(&sel("a[rel=next]")).count(), 0);
    assert_eq!(doc.select(&sel("a[rel=prev]")).count(), 1);

    // Block HTML is not wrapped in <p>; inline HTML is.
    let text = &pages["briefings/putin-in-pyongyangs-debt/index.html"];
    assert!(
        text.contains("<section class=\"section section-statement depth-1\" id=\"the-treaty\">")
    );
    assert!(!text.contains("<p><ul>") && !text.contains("<p><p>"));
}

#[test]
fn plain_text_is_escaped_and_html_is_not() {
    let pages = rendered();
    for path in [
        "index.html",
        "briefings/north-korean-troops/index.html",
        "briefings/putin-in-pyongyangs-debt/index.html",
        "questions/index.html",
        "print.html",
    ] {
        let text = &pages[path];
        assert!(
            text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{path}: title not escaped"
        );
        assert!(!text.contains("<script>alert"), "{path}");
    }
    // In JSON-LD, `<` is `\u003c`, so no value can close the script element.
    let page = &pages["briefings/north-korean-troops/index.html"];
    let (_, json_ld) = page
        .split_once("<script type=\"application/ld+json\">")
        .expect("JSON-LD on the briefing page");
    let json_ld = json_ld.split("</script>").next().unwrap();
    assert!(json_ld.contains("\\u003cscript\\u003ealert(1)\\u003c/script\\u003e"));
    let value: serde_json::Value = serde_json::from_str(json_ld).expect("JSON-LD parses");
    assert_eq!(
        value["@graph"][0]["headline"],
        "North Korean troops in Russia <script>alert(1)</script>: what we know"
    );
    let doc = Html::parse_document(&pages["briefings/north-korean-troops/index.html"]);
    let h1 = doc
        .select(&sel("h1"))
        .next()
        .unwrap()
        .text()
        .collect::<String>();
    assert!(h1.contains("<script>alert(1)</script>"), "{h1}");
    // Paragraph HTML is inserted as is.
    let text = &pages["briefings/putin-in-pyongyangs-debt/index.html"];
    assert!(text.contains("<em>Pyongyang&#39;s debt</em>"));
    assert!(text.contains("<a href=\"https://www.csis.org/\">said</a>"));
    assert!(pages["index.html"].contains("Background: the 2024 treaty &amp; its terms"));
}

#[test]
fn index_and_questions_pages() {
    let pages = rendered();
    let doc = Html::parse_document(&pages["index.html"]);
    assert_eq!(doc.select(&sel("h1")).count(), 1);
    let titles: Vec<String> = doc
        .select(&sel(".card-title a"))
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    assert_eq!(
        titles,
        [
            "briefings/north-korean-troops/index.html",
            "briefings/putin-in-pyongyangs-debt/index.html",
            "briefings/background/index.html",
        ]
    );
    let teasers: Vec<String> = doc
        .select(&sel(".teaser"))
        .map(|t| t.text().collect())
        .collect();
    assert!(teasers[0].starts_with("Earlier this month"));
    assert!(teasers[1].starts_with("Experts say"));
    assert_eq!(doc.select(&sel(".question-links a")).count(), 4);

    let doc = Html::parse_document(&pages["questions/index.html"]);
    assert_eq!(doc.select(&sel("h1")).count(), 1);
    assert_eq!(doc.select(&sel(".question-group")).count(), 2);
    assert_eq!(
        doc.select(&sel(".group-title a"))
            .next()
            .unwrap()
            .value()
            .attr("href"),
        Some("../briefings/north-korean-troops/index.html")
    );
    assert_eq!(
        doc.select(&sel(".qa-question"))
            .nth(1)
            .unwrap()
            .value()
            .attr("href"),
        Some("../briefings/north-korean-troops/index.html#how-many-are-at-the-front")
    );
}

#[test]
fn output_is_deterministic() {
    let theme = Theme::load(None).unwrap();
    let a = render(&sample_site(), &theme).unwrap();
    let b = render(&sample_site(), &Theme::load(None).unwrap()).unwrap();
    assert_eq!(a, b);
}

#[test]
fn reserved_and_clashing_ids_are_made_unique() {
    let mut site = sample_site();
    site.briefings[2].slug = "main".to_string();
    site.briefings[2].sections = vec![
        section("Main", 2, None, &["x"]),
        section("Main", 2, None, &["y"]),
    ];
    let theme = Theme::load(None).unwrap();
    let pages = pages_by_path(&render(&site, &theme).unwrap());
    for path in ["briefings/main/index.html", "print.html"] {
        let all = ids(&Html::parse_document(&pages[path]));
        let unique: BTreeSet<_> = all.iter().collect();
        assert_eq!(all.len(), unique.len(), "{path}: {all:?}");
    }
}

#[test]
fn section_ids_are_the_anchors_unless_empty_reserved_or_repeated() {
    let mut b = sample_site().briefings.remove(0);
    let with_anchors = |b: &mut Briefing, anchors: &[&str]| {
        b.sections = anchors
            .iter()
            .map(|a| Section {
                anchor: a.to_string(),
                ..section("Heading", 2, None, &["x"])
            })
            .collect();
    };
    with_anchors(&mut b, &["why", "where", "who"]);
    assert_eq!(views::section_ids(&b), ["why", "where", "who"]);
    with_anchors(&mut b, &["main", "why", "why", "", " a b "]);
    assert_eq!(
        views::section_ids(&b),
        ["main-2", "why", "why-2", "section-4", "a-b"]
    );
}

#[test]
fn empty_site_renders() {
    let mut site = sample_site();
    site.briefings.clear();
    let theme = Theme::load(None).unwrap();
    let pages = pages_by_path(&render(&site, &theme).unwrap());
    assert!(pages["index.html"].contains("No briefings yet."));
    assert!(pages["questions/index.html"].contains("No questions yet."));
    assert!(pages["print.html"].contains("0 briefings"));
}

#[test]
fn site_override_replaces_default() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("partials")).unwrap();
    std::fs::create_dir_all(dir.path().join("static")).unwrap();
    std::fs::write(
        dir.path().join("partials/glance.html"),
        "<p class=\"my-glance\">{{ briefing.questions | length }} questions</p>",
    )
    .unwrap();
    std::fs::write(dir.path().join("static/style.css"), "body{color:red}").unwrap();
    std::fs::write(dir.path().join("static/logo.txt"), "logo").unwrap();
    let theme = Theme::load(Some(dir.path())).unwrap();
    let pages = pages_by_path(&render(&sample_site(), &theme).unwrap());
    let page = &pages["briefings/north-korean-troops/index.html"];
    assert!(page.contains("<p class=\"my-glance\">3 questions</p>"));
    assert!(!page.contains("class=\"glance\""));
    assert_eq!(pages["static/style.css"], "body{color:red}");
    assert_eq!(pages["static/logo.txt"], "logo");
    // A missing folder is the default theme.
    let missing = dir.path().join("nope");
    assert!(Theme::load(Some(&missing)).is_ok());
}

#[test]
fn template_links_and_special_files_are_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "not for the site").unwrap();
    std::fs::write(outside.path().join("index.html"), "<p>linked page</p>").unwrap();
    let statics = dir.path().join("static");
    std::fs::create_dir_all(&statics).unwrap();
    std::fs::write(statics.join("own.txt"), "own").unwrap();
    std::os::unix::fs::symlink(outside.path().join("secret.txt"), statics.join("notes.txt"))
        .unwrap();
    // A link back up would load the folder inside itself, level after level.
    std::os::unix::fs::symlink("..", statics.join("up")).unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("index.html"),
        dir.path().join("index.html"),
    )
    .unwrap();
    // A FIFO would block the build if it were opened.
    let fifo = std::ffi::CString::new(
        statics
            .join("pipe.txt")
            .as_os_str()
            .as_encoded_bytes()
            .to_vec(),
    )
    .unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0);
    let theme = Theme::load(Some(dir.path())).unwrap();
    let pages = pages_by_path(&render(&sample_site(), &theme).unwrap());
    assert_eq!(pages["static/own.txt"], "own");
    assert!(!pages.contains_key("static/notes.txt"));
    assert!(!pages.contains_key("static/pipe.txt"));
    assert!(!pages.keys().any(|p| p.starts_with("static/up/")));
    assert!(!pages["index.html"].contains("linked page"));
}

#[test]
fn broken_override_names_the_file_and_position() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("index.html"),
        "{% extends \"base.html\" %}\n{% block main %}\n{{ oops \n{% endblock main %}",
    )
    .unwrap();
    let err = Theme::load(Some(dir.path())).unwrap_err();
    match &err {
        Error::Template { template, message } => {
            assert!(template.ends_with("index.html"), "{template}");
            assert!(
                template.contains(&dir.path().display().to_string()),
                "{template}"
            );
            assert!(message.contains("4:1"), "no line:col in {message}");
            assert!(err.to_string().contains("syntax error --> 4:1"), "{err}");
        }
        other => panic!("unexpected error {other:?}"),
    }
}

#[test]
fn unknown_variable_is_a_template_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("questions.html"),
        "{% extends \"base.html\" %}{% block main %}{{ no_such_thing }}{% endblock main %}",
    )
    .unwrap();
    let theme = Theme::load(Some(dir.path())).unwrap();
    let err = render(&sample_site(), &theme).unwrap_err();
    match &err {
        Error::Template { template, message } => {
            assert!(template.ends_with("questions.html"), "{template}");
            assert!(message.contains("no_such_thing"), "{message}");
        }
        other => panic!("unexpected error {other:?}"),
    }
}

#[test]
fn override_with_missing_parent_names_the_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("index.html"),
        "{% extends \"layout.html\" %}",
    )
    .unwrap();
    let err = Theme::load(Some(dir.path())).unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("index.html") && text.contains("layout.html"),
        "{text}"
    );
}

/// Writes the sample site to `/tmp/render-preview/` for a visual check:
/// `cargo test --lib render::tests::write_preview -- --ignored` (also writes
/// an edge-case site to `/tmp/render-preview-edge/` and an empty one to
/// `/tmp/render-preview-empty/`).
#[test]
#[ignore]
fn write_preview() {
    write_site(&sample_site(), "/tmp/render-preview");
    let mut edge = sample_site();
    edge.briefings[2].slug = "main".to_string();
    edge.briefings[2].sections = vec![
        section("Main", 2, None, &["x"]),
        section("Main", 3, None, &["y"]),
    ];
    edge.briefings[0].sections.remove(0);
    write_site(&edge, "/tmp/render-preview-edge");
    edge.briefings.clear();
    edge.info.description = None;
    write_site(&edge, "/tmp/render-preview-empty");
}

fn write_site(site: &Site, out: &str) {
    let out = std::path::Path::new(out);
    let _ = std::fs::remove_dir_all(out);
    let theme = Theme::load(None).unwrap();
    for page in render(site, &theme).unwrap() {
        let path = out.join(&page.path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, page.bytes).unwrap();
    }
}

#[test]
fn builtin_files_cover_the_theme() {
    let names: Vec<&str> = builtin_files().iter().map(|(n, _)| *n).collect();
    for name in [
        "base.html",
        "index.html",
        "briefing.html",
        "questions.html",
        "print.html",
        "partials/briefing_body.html",
        "static/style.css",
    ] {
        assert!(names.contains(&name), "{name}");
    }
}

#[test]
fn empty_title_falls_back_to_slug() {
    let mut site = sample_site();
    site.briefings[2].title = "  ".to_string();
    let theme = Theme::load(None).unwrap();
    let pages = pages_by_path(&render(&site, &theme).unwrap());
    let doc = Html::parse_document(&pages["briefings/background/index.html"]);
    let h1 = doc
        .select(&sel("h1"))
        .next()
        .unwrap()
        .text()
        .collect::<String>();
    assert_eq!(h1, "background");
}

#[test]
fn card_view_matches_the_page_view_on_every_field_it_has() {
    let site = sample_site();
    for i in 0..site.briefings.len() {
        let page = views::page_view(&site, i);
        let card = views::card_view(&site, i);
        assert_eq!(card.slug, page.slug);
        assert_eq!(card.title, page.title);
        assert_eq!(card.url, page.url);
        assert_eq!(card.date, page.date);
        assert_eq!(card.date_display, page.date_display);
        assert_eq!(card.credit, page.credit);
        assert_eq!(card.summary, page.summary);
        assert_eq!(card.teaser, page.teaser);
        assert_eq!(card.tags, page.tags);
        assert_eq!(
            serde_json::to_value(&card.tag_links).unwrap(),
            serde_json::to_value(&page.tag_links).unwrap()
        );
        assert_eq!(
            serde_json::to_value(&card.questions).unwrap(),
            serde_json::to_value(&page.questions).unwrap()
        );
    }
    // The sample has a sub-question, so depths are compared, not just headings.
    assert!(
        (0..site.briefings.len())
            .flat_map(|i| views::card_view(&site, i).questions)
            .any(|q| q.depth == 2)
    );
}

#[test]
fn script_safe_json_escapes_only_inside_strings_in_one_pass() {
    let value = serde_json::json!({"a": "</script><!-- & \u{2028}\u{2029} é \u{2019}\u{2026}", "b": [1, 2]});
    let text = super::jsonld::script_safe_json(&value);
    assert!(!text.contains('<') && !text.contains('>') && !text.contains('&'));
    // Other characters that start with the same byte as U+2028 stay as they are.
    assert!(
        text.contains("\\u003c/script\\u003e\\u003c!-- \\u0026 \\u2028\\u2029 é \u{2019}\u{2026}")
    );
    // Compact JSON that reads back to the same value.
    assert!(text.contains(",\"b\":[1,2]}") && !text.contains('\n'));
    let back: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(back, value);
}

#[test]
fn tag_slugs_keep_symbol_tags_apart_and_spellings_together() {
    use super::tags::tag_slug;
    assert_eq!(tag_slug("C++"), "c-plus-plus");
    assert_eq!(tag_slug("C#"), "c-sharp");
    assert_eq!(tag_slug("C"), "c");
    assert_eq!(tag_slug("R&D"), "r-and-d");
    let dashes = tag_slug("c--");
    assert!(dashes.starts_with("c-") && dashes.len() == 10, "{dashes}");
    let all = [
        tag_slug("C++"),
        tag_slug("C"),
        dashes.clone(),
        tag_slug("C#"),
    ];
    let distinct: BTreeSet<&String> = all.iter().collect();
    assert_eq!(distinct.len(), 4, "{all:?}");
    // One tag however it is cased, spaced or hyphenated.
    assert_eq!(tag_slug("Floods"), tag_slug("floods"));
    assert_eq!(tag_slug("Climate change"), "climate-change");
    assert_eq!(tag_slug("climate_change"), "climate-change");
    assert_eq!(tag_slug("climate  change "), "climate-change");
    assert_eq!(tag_slug("São Paulo"), "sao-paulo");
    assert_eq!(tag_slug("U.S."), "us");
    assert_eq!(tag_slug("C--"), dashes);
    // What the slug cannot say gets a hash of the name.
    assert_ne!(tag_slug("C/C++"), tag_slug("C C++"));
    assert!(tag_slug("C/C++").starts_with("c-c-plus-plus-"));
    assert_eq!(tag_slug("?!"), "");
}

//! Discovery and syndication, checked on built sites: the search index (in
//! Rust, and by running the shipped `search.js` over it in node and in
//! headless Chromium from `file://`), the shared stemmer vectors, tags,
//! the Atom feed and sitemap, JSON-LD and the JSON outputs.

mod common;

use common::{SEED_QUESTIONS, briefing, copy_into, repo, shared_seeds, txt_files};
use scraper::{Html, Selector};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

const SEED: &str = "000-374a940a17039e84";
const BASE: &str = "https://example.org/desk";

fn build(site: &Path) -> PathBuf {
    let out = site.join("dist");
    let output = briefing()
        .arg("build")
        .arg(site)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "build failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    out
}

/// The real seeds as a site with `base_url` set, built.
fn seeds_site() -> Option<(tempfile::TempDir, PathBuf)> {
    let seeds = shared_seeds()?;
    let site = tempfile::tempdir().unwrap();
    copy_into(&txt_files(&seeds), &site.path().join("seeds"));
    std::fs::write(
        site.path().join("briefing.toml"),
        format!("title = \"Desk\"\nbase_url = \"{BASE}\"\njson = \"per-briefing\"\n"),
    )
    .unwrap();
    let out = build(site.path());
    Some((site, out))
}

/// The repository's sample site (content/ and seeds/), built with the
/// per-briefing JSON files, optionally with `base_url`.
fn sample_site(base_url: bool) -> (tempfile::TempDir, PathBuf) {
    let site = tempfile::tempdir().unwrap();
    for dir in ["content", "seeds"] {
        let files: Vec<PathBuf> = std::fs::read_dir(repo().join(dir))
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.is_file())
            .collect();
        copy_into(&files, &site.path().join(dir));
    }
    let mut settings = "json = \"per-briefing\"\n".to_string();
    if base_url {
        settings.push_str(&format!("base_url = \"{BASE}/\"\n"));
    }
    std::fs::write(site.path().join("briefing.toml"), settings).unwrap();
    let out = build(site.path());
    (site, out)
}

/// A tool found on PATH, or None (skipping locally, failing in CI).
fn tool(name: &str, version_arg: &str) -> Option<String> {
    let found = Command::new(name)
        .arg(version_arg)
        .output()
        .is_ok_and(|o| o.status.success());
    if found {
        return Some(name.to_string());
    }
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!("{name} is not on PATH: CI must have it");
    }
    eprintln!("skipping: {name} not found on PATH");
    None
}

/// The JSON payload of a shard or manifest script (`... = {...};`).
fn script_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap();
    let start = text.find("={").unwrap() + 1;
    let end = text.rfind('}').unwrap();
    serde_json::from_str(&text[start..=end]).unwrap()
}

/// The index read back in Rust: key -> [(doc, weight)], and the documents
/// as (kind, title, context, url, text).
struct Index {
    postings: BTreeMap<String, Vec<(u64, u64)>>,
    docs: Vec<(String, String, String, String, String)>,
}

fn read_index(out: &Path) -> Index {
    let manifest = script_json(&out.join("search/index.js"));
    let kinds: Vec<String> = serde_json::from_value(manifest["kinds"].clone()).unwrap();
    let mut postings = BTreeMap::new();
    for (n, _) in manifest["terms"].as_array().unwrap().iter().enumerate() {
        let shard = script_json(&out.join(format!("search/t{n}.js")));
        for (key, list) in shard["t"]
            .as_array()
            .unwrap()
            .iter()
            .zip(shard["p"].as_array().unwrap())
        {
            let flat: Vec<u32> =
                briefing::search::index::decode_postings(list.as_str().unwrap()).unwrap();
            let mut id = 0;
            let pairs = flat
                .chunks(2)
                .map(|c| {
                    id += u64::from(c[0]);
                    (id, u64::from(c[1]))
                })
                .collect();
            postings.insert(key.as_str().unwrap().to_string(), pairs);
        }
    }
    let mut docs = Vec::new();
    for (n, _) in manifest["docs"].as_array().unwrap().iter().enumerate() {
        let shard = script_json(&out.join(format!("search/d{n}.js")));
        assert_eq!(shard["first"].as_u64().unwrap() as usize, docs.len());
        let mut rows = shard["d"].as_array().unwrap().clone();
        briefing::search::index::expand_doc_rows(&mut rows);
        for d in &rows {
            let s = |i: usize| d[i].as_str().unwrap().to_string();
            docs.push((
                kinds[d[0].as_u64().unwrap() as usize].clone(),
                s(1),
                s(2),
                s(3),
                s(4),
            ));
        }
    }
    assert_eq!(manifest["count"].as_u64().unwrap() as usize, docs.len());
    Index { postings, docs }
}

/// A word of a question's answer whose key is in no other document of the
/// site (nor in the question itself): (word, doc url).
fn answer_only_word(index: &Index) -> (String, String) {
    for (id, (kind, title, _, url, text)) in index.docs.iter().enumerate() {
        if kind != "question" || !url.contains(SEED) {
            continue;
        }
        let title_keys = briefing::search::keys(title);
        let mut words: Vec<String> = briefing::search::words(text)
            .into_iter()
            .filter(|w| w.len() >= 6 && w.chars().all(|c| c.is_ascii_lowercase()))
            .collect();
        words.sort();
        for word in words {
            let key = briefing::search::key(&word);
            if title_keys.contains(&key) {
                continue;
            }
            if index
                .postings
                .get(&key)
                .map(|p| p.iter().map(|x| x.0).collect::<Vec<_>>())
                == Some(vec![id as u64])
            {
                return (word, url.clone());
            }
        }
    }
    panic!("no question of {SEED} has a word of its own");
}

fn briefing_json(out: &Path, slug: &str) -> Value {
    serde_json::from_str(
        &std::fs::read_to_string(out.join(format!("briefings/{slug}.json"))).unwrap(),
    )
    .unwrap()
}

fn ids_of(page: &Path) -> Vec<String> {
    let doc = Html::parse_document(&std::fs::read_to_string(page).unwrap());
    let sel = Selector::parse("[id]").unwrap();
    doc.select(&sel)
        .filter_map(|e| e.value().attr("id").map(String::from))
        .collect()
}

#[test]
fn rust_analysis_matches_the_shared_vectors() {
    let text = std::fs::read_to_string(repo().join("tests/fixtures/stems.txt")).unwrap();
    let mut checked = 0;
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let (input, want) = line.split_once('\t').expect("input<TAB>keys");
        assert_eq!(briefing::search::analyse(input), want, "{input:?}");
        checked += 1;
    }
    assert!(checked > 150);
}

/// Runs `search.js` in node with a fake `window`: `body` sees `S` (the
/// `window.briefingSearch` API), `dist` and `fs`, and prints what to check.
fn node(dist: Option<&Path>, body: &str) -> Option<String> {
    tool("node", "--version")?;
    let script = format!(
        r#"
const fs = require("fs"), vm = require("vm"), path = require("path");
const dist = process.argv[1];
const sandbox = {{}};
sandbox.window = sandbox;
vm.createContext(sandbox);
vm.runInContext(fs.readFileSync(process.argv[2], "utf8"), sandbox);
const S = sandbox.briefingSearch;
S.engine.loadScript = (src) => {{
  vm.runInContext(fs.readFileSync(path.join(dist, src), "utf8"), sandbox);
  return Promise.resolve();
}};
(async () => {{ {body} }})().catch((e) => {{ console.error(e); process.exit(1); }});
"#
    );
    let output = Command::new("node")
        .arg("-e")
        .arg(script)
        .arg(dist.map_or(String::new(), |d| d.display().to_string()))
        .arg(repo().join("templates/static/search.js"))
        .arg(repo().join("tests/fixtures/stems.txt"))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "node failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    Some(String::from_utf8(output.stdout).unwrap())
}

#[test]
fn js_analysis_matches_the_shared_vectors_and_rust_stop_words() {
    let Some(out) = node(
        None,
        r##"
const lines = fs.readFileSync(process.argv[3], "utf8").split("\n");
const got = [];
for (const line of lines) {
  if (!line || line.startsWith("#")) continue;
  const [input, want] = line.split("\t");
  got.push([input, want, S.analyse(input)]);
}
console.log(JSON.stringify({ got, stop: S.STOP_WORDS }));
"##,
    ) else {
        return;
    };
    let value: Value = serde_json::from_str(&out).unwrap();
    let mut wrong = Vec::new();
    for row in value["got"].as_array().unwrap() {
        if row[1] != row[2] {
            wrong.push(format!("{} -> want {} got {}", row[0], row[1], row[2]));
        }
    }
    assert!(
        wrong.is_empty(),
        "search.js disagrees:\n{}",
        wrong.join("\n")
    );
    assert!(value["got"].as_array().unwrap().len() > 150);
    let stop: Vec<String> = serde_json::from_value(value["stop"].clone()).unwrap();
    assert_eq!(stop, briefing::search::STOP_WORDS, "stop words differ");
}

#[test]
fn index_holds_each_question_with_its_answer_at_its_anchor() {
    let Some((_site, out)) = seeds_site() else {
        return;
    };
    let index = read_index(&out);
    let page = out.join(format!("briefings/{SEED}/index.html"));
    let ids = ids_of(&page);
    let questions: Vec<_> = index
        .docs
        .iter()
        .filter(|d| d.0 == "question" && d.3.contains(SEED))
        .collect();
    let headings: Vec<&str> = questions.iter().map(|d| d.1.as_str()).collect();
    assert_eq!(headings, SEED_QUESTIONS);
    for (_, _, context, url, text) in &questions {
        let anchor = url
            .strip_prefix(&format!("briefings/{SEED}/index.html#"))
            .unwrap_or_else(|| panic!("{url} is not an anchor on the page"));
        assert!(ids.contains(&anchor.to_string()), "no id {anchor}");
        assert!(!text.is_empty() && !context.is_empty());
    }
    // Every kind is there: the lead, quotes and entities too.
    for kind in ["briefing", "question", "section", "quote", "entity"] {
        assert!(index.docs.iter().any(|d| d.0 == kind), "no {kind} document");
    }
    let (word, url) = answer_only_word(&index);
    let key = briefing::search::key(&word);
    let doc = &index.docs[index.postings[&key][0].0 as usize];
    assert_eq!(doc.3, url);
    assert!(!briefing::search::keys(&doc.1).contains(&key));
}

#[test]
fn js_search_finds_a_question_by_a_word_only_in_its_answer() {
    let Some((_site, out)) = seeds_site() else {
        return;
    };
    let (word, url) = answer_only_word(&read_index(&out));
    // Also typed in capitals, with an accent and half-typed: folding and
    // prefixes find it too.
    let accented = word.replacen('e', "é", 1).to_uppercase();
    let half = &word[..word.len() - 2];
    let Some(printed) = node(
        Some(&out),
        &format!(
            r#"
const runs = {{}};
for (const q of [{word:?}, {accented:?}, {half:?}]) runs[q] = await S.search(q, 10);
console.log(JSON.stringify(runs));
"#
        ),
    ) else {
        return;
    };
    let runs: Value = serde_json::from_str(&printed).unwrap();
    for query in [word.as_str(), accented.as_str(), half] {
        let results = runs[query]["results"].as_array().unwrap();
        let group = results
            .first()
            .unwrap_or_else(|| panic!("no result for {query:?}"));
        // Results are grouped per briefing: the briefing, then its best
        // matching sections.
        let first = &group["subs"][0];
        assert_eq!(first["url"], url.as_str(), "{query:?}: {group}");
        assert_eq!(first["kind"], "question");
        let marked: Vec<String> = first["snippet"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["mark"] == true)
            .map(|p| p["text"].as_str().unwrap().to_lowercase())
            .collect();
        assert!(
            marked.iter().any(|m| m == &word),
            "{query:?}: {word} not highlighted in {marked:?}"
        );
    }
}

#[test]
fn search_page_lists_the_result_from_file_url_in_chromium() {
    let Some((_site, out)) = seeds_site() else {
        return;
    };
    let Some(chromium) = tool("chromium", "--version") else {
        return;
    };
    let (word, url) = answer_only_word(&read_index(&out));
    let profile = tempfile::tempdir().unwrap();
    let page = format!(
        "file://{}?q={word}",
        out.join("search/index.html").display()
    );
    let output = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--virtual-time-budget=5000",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("--dump-dom")
        .arg(&page)
        .output()
        .unwrap();
    let dom = String::from_utf8_lossy(&output.stdout);
    let doc = Html::parse_document(&dom);
    let sel = Selector::parse("#search-results .search-result-title a").unwrap();
    let links: Vec<String> = doc
        .select(&sel)
        .filter_map(|a| a.value().attr("href").map(String::from))
        .collect();
    // The first result is the briefing, its first sub-result the section.
    assert_eq!(
        links.get(1).map(String::as_str),
        Some(format!("../{url}").as_str()),
        "{page}: results {links:?}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mark = Selector::parse("#search-results mark").unwrap();
    assert!(
        doc.select(&mark)
            .any(|m| m.text().collect::<String>().to_lowercase() == word),
        "{word} not highlighted"
    );
}

#[test]
fn every_page_has_the_search_box_and_the_search_page_works_without_js() {
    let (_site, out) = sample_site(false);
    let form = Selector::parse("form.site-search[action][data-search-root]").unwrap();
    let script = Selector::parse("script[defer][src$='static/search.js']").unwrap();
    for page in ["index.html", "questions/index.html", "tags/index.html"] {
        let doc = Html::parse_document(&std::fs::read_to_string(out.join(page)).unwrap());
        let f = doc.select(&form).next().unwrap_or_else(|| panic!("{page}"));
        assert!(
            f.value()
                .attr("action")
                .unwrap()
                .ends_with("search/index.html")
        );
        assert!(doc.select(&script).next().is_some(), "{page}");
    }
    let search = std::fs::read_to_string(out.join("search/index.html")).unwrap();
    let noscript = search.split("<noscript>").nth(1).expect("noscript");
    assert!(noscript.contains("href=\"../questions/index.html\""));
}

#[test]
fn tags_have_pages_and_link_from_briefings() {
    let (_site, out) = sample_site(false);
    let index = std::fs::read_to_string(out.join("tags/index.html")).unwrap();
    for tag in ["floods", "drought", "elmsworth"] {
        assert!(index.contains(&format!("href=\"../tags/{tag}/index.html\"")));
        assert!(out.join(format!("tags/{tag}/index.html")).is_file());
    }
    let page =
        std::fs::read_to_string(out.join("briefings/elmsworth-flood-barrier/index.html")).unwrap();
    assert!(page.contains("href=\"../../tags/floods/index.html\""));
    let floods = std::fs::read_to_string(out.join("tags/floods/index.html")).unwrap();
    assert!(floods.contains("href=\"../../briefings/elmsworth-flood-barrier/index.html\""));
    let elmsworth = std::fs::read_to_string(out.join("tags/elmsworth/index.html")).unwrap();
    assert!(
        elmsworth.contains("tane-valley-reservoirs")
            && elmsworth.contains("elmsworth-flood-barrier")
    );
    let home = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(home.contains("href=\"tags/floods/index.html\""));
}

/// The first Atom child element `name` of `node`.
fn child<'a, 'i>(node: roxmltree::Node<'a, 'i>, name: &str) -> roxmltree::Node<'a, 'i> {
    node.children()
        .find(|c| c.has_tag_name(("http://www.w3.org/2005/Atom", name)))
        .unwrap_or_else(|| panic!("no <{name}> in <{}>", node.tag_name().name()))
}

#[test]
fn feed_and_sitemap_are_xml_with_one_entry_per_briefing() {
    let Some((_site, out)) = seeds_site() else {
        return;
    };
    let briefings: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("briefings.json")).unwrap())
            .unwrap();
    let urls: Vec<String> = briefings
        .as_array()
        .unwrap()
        .iter()
        .map(|b| format!("{BASE}/{}", b["url"].as_str().unwrap()))
        .collect();
    assert_eq!(urls.len(), 2);

    let atom_ns = "http://www.w3.org/2005/Atom";
    let text = std::fs::read_to_string(out.join("atom.xml")).unwrap();
    let feed = roxmltree::Document::parse(&text).expect("atom.xml is XML");
    let root = feed.root_element();
    assert!(root.has_tag_name((atom_ns, "feed")));
    for name in ["id", "title", "updated", "author"] {
        child(root, name);
    }
    let updated = child(root, "updated").text().unwrap();
    assert!(updated.ends_with("T00:00:00Z"), "{updated}");
    let entries: Vec<_> = root
        .children()
        .filter(|c| c.has_tag_name((atom_ns, "entry")))
        .collect();
    assert_eq!(entries.len(), urls.len());
    for (entry, url) in entries.iter().zip(&urls) {
        assert_eq!(child(*entry, "id").text(), Some(url.as_str()));
        assert!(!child(*entry, "title").text().unwrap().is_empty());
        child(*entry, "updated");
        child(child(*entry, "author"), "name");
        assert_eq!(child(*entry, "link").attribute("href"), Some(url.as_str()));
    }
    // The seed's entry holds its summary and the questions it answers.
    let seed = entries
        .iter()
        .find(|e| child(**e, "id").text().unwrap().contains(SEED))
        .unwrap();
    let content: String = child(*seed, "content")
        .descendants()
        .filter_map(|n| n.text())
        .collect();
    for q in SEED_QUESTIONS {
        assert!(content.contains(q), "feed entry lacks {q}");
    }

    let text = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    let sitemap = roxmltree::Document::parse(&text).expect("sitemap.xml is XML");
    let ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
    assert!(sitemap.root_element().has_tag_name((ns, "urlset")));
    let locs: Vec<&str> = sitemap
        .descendants()
        .filter(|n| n.has_tag_name((ns, "loc")))
        .filter_map(|n| n.text())
        .collect();
    for url in &urls {
        assert_eq!(locs.iter().filter(|l| *l == url).count(), 1, "{url}");
    }
    assert!(locs.contains(&format!("{BASE}/index.html").as_str()));
    assert!(locs.iter().all(|l| l.starts_with(BASE)));

    // Pages point to the feed and carry their canonical address.
    let page = std::fs::read_to_string(out.join(format!("briefings/{SEED}/index.html"))).unwrap();
    assert!(page.contains(&format!(
        "<link rel=\"canonical\" href=\"{BASE}/briefings/{SEED}/index.html\">"
    )));
    assert!(page.contains("href=\"../../atom.xml\""));
    assert!(page.contains("<meta property=\"og:type\" content=\"article\">"));
}

#[test]
fn without_base_url_there_is_no_feed_sitemap_or_canonical() {
    let (_site, out) = sample_site(false);
    assert!(!out.join("atom.xml").exists() && !out.join("sitemap.xml").exists());
    let page = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(!page.contains("rel=\"canonical\"") && !page.contains("atom.xml"));
}

#[test]
fn json_ld_has_news_article_and_faq_page_with_the_six_questions() {
    let Some((_site, out)) = seeds_site() else {
        return;
    };
    let page = std::fs::read_to_string(out.join(format!("briefings/{SEED}/index.html"))).unwrap();
    let doc = Html::parse_document(&page);
    let sel = Selector::parse("script[type='application/ld+json']").unwrap();
    let scripts: Vec<String> = doc
        .select(&sel)
        .map(|s| s.text().collect::<String>())
        .collect();
    assert_eq!(scripts.len(), 1);
    assert!(!scripts[0].contains('<'), "`<` must be escaped in JSON-LD");
    let value: Value = serde_json::from_str(&scripts[0]).expect("JSON-LD parses");
    assert_eq!(value["@context"], "https://schema.org");
    let graph = value["@graph"].as_array().unwrap();
    let of_type = |t: &str| {
        graph
            .iter()
            .find(|g| g["@type"] == t)
            .unwrap_or_else(|| panic!("no {t}"))
    };
    let article = of_type("NewsArticle");
    assert!(!article["headline"].as_str().unwrap().is_empty());
    let date = &briefing_json(&out, SEED)["date"];
    assert_eq!(&article["datePublished"], date);
    assert!(article["author"][0]["name"].is_string());
    let about: Vec<&str> = article["about"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a["name"].as_str())
        .collect();
    assert!(about.contains(&"Pentagon"), "{about:?}");
    assert_eq!(
        article["url"],
        format!("{BASE}/briefings/{SEED}/index.html").as_str()
    );
    let faq = of_type("FAQPage");
    let questions: Vec<&str> = faq["mainEntity"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| {
            assert_eq!(q["@type"], "Question");
            assert!(!q["acceptedAnswer"]["text"].as_str().unwrap().is_empty());
            q["name"].as_str().unwrap()
        })
        .collect();
    assert_eq!(questions, SEED_QUESTIONS);
}

#[test]
fn json_outputs_match_extract_json() {
    let (site, out) = sample_site(false);
    let list: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("briefings.json")).unwrap())
            .unwrap();
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 4);
    for entry in list {
        let slug = entry["slug"].as_str().unwrap();
        assert_eq!(
            entry["url"],
            format!("briefings/{slug}/index.html").as_str()
        );
        assert_eq!(entry["json"], format!("briefings/{slug}.json").as_str());
        assert!(entry["title"].is_string() && entry.get("date").is_some());
        let built: Value = serde_json::from_str(
            &std::fs::read_to_string(out.join(format!("briefings/{slug}.json"))).unwrap(),
        )
        .unwrap();
        let source = site.path().join(built["source"].as_str().unwrap());
        let extracted = briefing()
            .current_dir(site.path())
            .args(["extract", "--json"])
            .arg(&source)
            .output()
            .unwrap();
        let extracted: Value = serde_json::from_slice(&extracted.stdout).unwrap();
        // The same shape and text; entity lists may differ, as the site
        // applies the entity registry (content/entities.toml).
        let one = &extracted[0];
        for field in [
            "slug", "title", "date", "credit", "lead", "sections", "captions",
        ] {
            assert_eq!(built[field], one[field], "{slug}: {field}");
        }
        for field in ["people", "organizations", "places", "quotes", "figures"] {
            assert!(built[field].is_array(), "{slug}: {field}");
        }
    }
}

#[test]
fn builds_with_feed_and_index_are_byte_identical() {
    let (_a, a) = sample_site(true);
    let (_b, b) = sample_site(true);
    for file in [
        "atom.xml",
        "sitemap.xml",
        "search/index.js",
        "search/t0.js",
        "search/d0.js",
        "briefings.json",
    ] {
        assert_eq!(
            std::fs::read(a.join(file)).unwrap(),
            std::fs::read(b.join(file)).unwrap(),
            "{file} differs"
        );
    }
}

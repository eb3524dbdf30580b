//! Cross-links on the real seed articles: entities merged across the two
//! briefings, quotes attributed to the right speakers, related briefings
//! naming what they share, entity pages linked from the text.

mod common;

use briefing::config::Config;
use briefing::extract::entities::name_key;
use common::{briefing, copy_into, shared_seeds, txt_files};
use serde_json::Value;

fn seeds_site() -> Option<tempfile::TempDir> {
    let seeds = shared_seeds()?;
    let site = tempfile::tempdir().unwrap();
    copy_into(&txt_files(&seeds), &site.path().join("seeds"));
    Some(site)
}

fn speakers(file: &std::path::Path) -> Vec<(Option<String>, String)> {
    let output = briefing()
        .args(["extract", "--json"])
        .arg(file)
        .output()
        .unwrap();
    assert!(output.status.success());
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    json[0]["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| {
            (
                q["speaker"].as_str().map(String::from),
                q["text"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn the_two_seeds_are_related_through_their_shared_entities() {
    let Some(site) = seeds_site() else { return };
    let config = Config::load(site.path(), None).unwrap();
    let (site, _) = briefing::pipeline::load_site(&config).unwrap();
    assert_eq!(site.briefings.len(), 2);
    for (b, other) in [(0, 1), (1, 0)] {
        let related = &site.related[b];
        assert_eq!(
            related.first().map(|r| r.briefing),
            Some(other),
            "seed {b} is not related to seed {other}"
        );
        let shared: Vec<&briefing::index::entities::SiteEntity> = related[0]
            .shared
            .iter()
            .map(|&e| &site.entities[e])
            .collect();
        let has = |name: &str| shared.iter().any(|e| name_key(&e.name) == name_key(name));
        for name in [
            "Vladimir Putin",
            "Kim Jong Un",
            "Center for Strategic and International Studies",
            "North Korea",
        ] {
            assert!(
                has(name),
                "shared entities lack {name}: {:?}",
                shared.iter().map(|e| &e.name).collect::<Vec<_>>()
            );
        }
        let csis = shared
            .iter()
            .find(|e| e.name == "Center for Strategic and International Studies")
            .unwrap();
        assert!(
            csis.aliases.contains(&"CSIS".to_string()),
            "{:?}",
            csis.aliases
        );
        let north_korea = shared.iter().find(|e| e.name == "North Korea").unwrap();
        assert!(
            north_korea.aliases.contains(&"DPRK".to_string()),
            "{:?}",
            north_korea.aliases
        );
    }
    // One entity for Kim Jong Un, whichever spelling each seed uses.
    let kims = site
        .entities
        .iter()
        .filter(|e| name_key(&e.name) == name_key("Kim Jong Un"))
        .count();
    assert_eq!(kims, 1);
}

#[test]
fn quotes_in_the_explainer_seed_have_their_speakers() {
    let Some(seeds) = shared_seeds() else { return };
    let quotes = speakers(&seeds.join("000_374a940a17039e84.txt"));
    let named: Vec<&str> = quotes.iter().filter_map(|(s, _)| s.as_deref()).collect();
    for speaker in [
        "Pat Ryder",
        "Justin Hastings",
        "Joonkook Hwang",
        "Vassily Nebenzia",
        "John Kirby",
        "Lloyd Austin",
        "Volodymyr Zelenskyy",
    ] {
        assert!(
            named.contains(&speaker),
            "no quote attributed to {speaker}: {named:?}"
        );
    }
    // The think tank's three statements (reported with "said", "it said", "it added").
    let by_csis: Vec<&String> = quotes
        .iter()
        .filter(|(s, _)| s.as_deref() == Some("Center for Strategic and International Studies"))
        .map(|(_, t)| t)
        .collect();
    assert_eq!(by_csis.len(), 3, "{by_csis:?}");
    for start in ["make this more", "But the troops", "Russia is desperate"] {
        assert!(
            by_csis.iter().any(|t| t.starts_with(start)),
            "CSIS quote starting {start:?} missing: {by_csis:?}"
        );
    }
}

#[test]
fn quotes_in_the_news_seed_have_their_speakers() {
    let Some(seeds) = shared_seeds() else { return };
    let quotes = speakers(&seeds.join("003_38be661aca5eacde.txt"));
    let named: Vec<&str> = quotes.iter().filter_map(|(s, _)| s.as_deref()).collect();
    for speaker in ["Victor Cha", "Kim Du-yeon", "Sydney Seiler"] {
        assert!(
            named.contains(&speaker),
            "no quote attributed to {speaker}: {named:?}"
        );
    }
    // A quotation inside a quotation stays with the outer speaker.
    let nested = quotes
        .iter()
        .find(|(_, t)| t.contains("you owe me"))
        .expect("the quote with a nested quote");
    assert_eq!(nested.0.as_deref(), Some("Victor Cha"));
}

#[test]
fn no_quote_is_attributed_to_a_pronoun() {
    let Some(seeds) = shared_seeds() else { return };
    for file in txt_files(&seeds) {
        for (speaker, _) in speakers(&file) {
            let speaker = speaker.unwrap_or_default().to_lowercase();
            assert!(
                !["he", "she", "it", "they", "we", "i"].contains(&speaker.as_str()),
                "{speaker}"
            );
        }
    }
}

#[test]
fn entity_pages_and_first_mention_links_in_the_built_site() {
    let Some(site) = seeds_site() else { return };
    let output = briefing().arg("build").arg(site.path()).output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let dist = site.path().join("dist");
    let putin = std::fs::read_to_string(dist.join("entities/vladimir-putin/index.html")).unwrap();
    assert!(putin.contains("briefings/000-374a940a17039e84/index.html"));
    assert!(putin.contains("briefings/003-38be661aca5eacde/index.html"));
    let page =
        std::fs::read_to_string(dist.join("briefings/003-38be661aca5eacde/index.html")).unwrap();
    assert_eq!(
        page.matches("class=\"entity-link\" href=\"../../entities/vladimir-putin/index.html\"")
            .count(),
        1
    );
    for heading in ["Who&rsquo;s who", "Key quotes", "Related briefings"] {
        assert!(page.contains(heading), "briefing page lacks {heading}");
    }
    let explainer =
        std::fs::read_to_string(dist.join("briefings/000-374a940a17039e84/index.html")).unwrap();
    assert!(explainer.contains("By the numbers"));
    // "about 10,000 North Korean troops", restated as "some 10,000
    // troops", is one figure.
    assert_eq!(explainer.matches("<dt>about 10,000</dt>").count(), 1);
    assert_eq!(explainer.matches("<dt>some 10,000</dt>").count(), 0);
    let index = std::fs::read_to_string(dist.join("entities/index.html")).unwrap();
    assert!(
        index.contains("People") && index.contains("Organisations") && index.contains("Places")
    );
}

/// A name only a capital letter speaks for: kept in `extract --json` with
/// its evidence and confidence, listed by `check`, given no page, no
/// "Who's who" line and no link; the registry confirms it.
#[test]
fn doubtful_entity_is_a_check_warning_and_gets_no_page_until_confirmed() {
    let site = tempfile::tempdir().unwrap();
    let seeds = site.path().join("seeds");
    std::fs::create_dir_all(&seeds).unwrap();
    let source = seeds.join("harbour-news.txt");
    std::fs::write(
        &source,
        "Harbour news\n\nThe ferry plan was backed by Clinton and the council on Monday.\n\n\
         Finance Minister Ada Kowalczyk said the fares would fall.\n",
    )
    .unwrap();

    let json: Value = serde_json::from_slice(&common::extract_json_bytes(&source)).unwrap();
    let people = json[0]["people"].as_array().unwrap();
    let clinton = people.iter().find(|p| p["name"] == "Clinton").unwrap();
    assert_eq!(clinton["evidence"][0], "lone_capitalised_word");
    assert!(clinton["confidence"].as_f64().unwrap() < 0.5);
    let ada = people
        .iter()
        .find(|p| p["name"] == "Ada Kowalczyk")
        .unwrap();
    assert_eq!(ada["evidence"][0], "person_by_title");

    let check = briefing().arg("check").arg(site.path()).output().unwrap();
    let report = String::from_utf8_lossy(&check.stdout).to_string()
        + &String::from_utf8_lossy(&check.stderr);
    assert!(
        report.contains("seeds/harbour-news.txt:3: warning: `Clinton` may be a person"),
        "{report}"
    );
    assert!(!report.contains("`Ada Kowalczyk`"), "{report}");

    let out = site.path().join("dist");
    common::build_into(site.path(), &out);
    let entity_pages = |out: &std::path::Path| -> Vec<String> {
        std::fs::read_dir(out.join("entities"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect()
    };
    let pages = entity_pages(&out);
    assert!(
        pages.iter().any(|p| p.starts_with("ada-kowalczyk")),
        "{pages:?}"
    );
    assert!(!pages.iter().any(|p| p.starts_with("clinton")), "{pages:?}");
    let page = std::fs::read_to_string(out.join("briefings/harbour-news/index.html")).unwrap();
    assert!(
        !page.contains("entities/clinton"),
        "a link to a doubtful entity"
    );

    // The editor confirms it: now it has a page.
    std::fs::create_dir_all(site.path().join("content")).unwrap();
    std::fs::write(
        site.path().join("content/entities.toml"),
        "[[entity]]\nname = \"Clinton\"\nkind = \"person\"\n",
    )
    .unwrap();
    let out2 = site.path().join("dist2");
    common::build_into(site.path(), &out2);
    assert!(entity_pages(&out2).iter().any(|p| p.starts_with("clinton")));
}

/// A registry that does not load stops the build with its file and line,
/// and nothing is written.
#[test]
fn broken_registry_is_an_error_naming_its_line() {
    let site = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(site.path().join("seeds")).unwrap();
    std::fs::write(
        site.path().join("seeds/note.txt"),
        "A note\n\nMayor Lena Holt opened the bridge.\n",
    )
    .unwrap();
    std::fs::create_dir_all(site.path().join("content")).unwrap();
    std::fs::write(
        site.path().join("content/entities.toml"),
        "[[entity]]\nname = \"Lena Holt\"\nkind = \"persn\"\n",
    )
    .unwrap();
    let out = site.path().join("dist");
    let run = briefing()
        .arg("build")
        .arg(site.path())
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(!run.status.success());
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("content/entities.toml:3:"), "{stderr}");
    assert!(stderr.contains("person"), "{stderr}");
    assert!(!out.exists(), "a failed build wrote {}", out.display());
}

#[test]
fn a_dateline_place_gets_an_entity_page_naming_the_briefing() {
    let site = tempfile::tempdir().unwrap();
    let seeds = site.path().join("seeds");
    std::fs::create_dir_all(&seeds).unwrap();
    std::fs::write(
        seeds.join("wire.txt"),
        "Ferry talks stall\n\nBRUSSELS, March 3 (Reuters) - Negotiators left the \
         harbour talks without a deal on Tuesday, officials said.\n",
    )
    .unwrap();
    let config = Config::load(site.path(), None).unwrap();
    let (site, _) = briefing::pipeline::load_site(&config).unwrap();
    let brussels = site
        .entities
        .iter()
        .find(|e| e.name == "Brussels")
        .expect("the dateline's place is an entity");
    assert_eq!(brussels.mentions.len(), 1, "{brussels:?}");
    assert!(
        brussels.mentions[0].sentence.starts_with("BRUSSELS"),
        "{brussels:?}"
    );
}

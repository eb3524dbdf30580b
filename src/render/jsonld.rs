//! JSON-LD for a briefing's page (schema.org `NewsArticle` and `FAQPage`),
//! and the script-safe JSON writer it is embedded with.

use super::paths::{base_url, entity_path};
use super::views::{BriefingView, JsonLdView};
use crate::index::Site;
use crate::model::EntityKind;
use serde::Serialize;

/// JSON made safe inside `<script>`: nothing in it can close the element
/// or start a comment. Compact (pretty-printing the JSON-LD of every page
/// added 8.6 MB to a 10,000-briefing site for no reader), with `<`, `>`,
/// `&`, U+2028 and U+2029 escaped as `\uXXXX` inside strings (the only
/// place they can be).
pub fn script_safe_json<T: Serialize + ?Sized>(value: &T) -> String {
    let mut out = Vec::with_capacity(1024);
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, ScriptSafe);
    if value.serialize(&mut serializer).is_err() {
        return "{}".to_string();
    }
    // serde_json writes UTF-8 and the escapes are ASCII.
    String::from_utf8(out).unwrap_or_else(|_| "{}".to_string())
}

/// serde_json's compact formatter, escaping in one pass as strings are
/// written (five `replace` passes over the text were a measurable part of
/// rendering a briefing page).
struct ScriptSafe;

impl serde_json::ser::Formatter for ScriptSafe {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        // Byte by byte, not char by char: the three ASCII characters are
        // single bytes, and U+2028 and U+2029 are the only characters
        // escaped here that start with 0xE2.
        let bytes = fragment.as_bytes();
        let (mut start, mut i) = (0, 0);
        loop {
            i = crate::text::find_byte(bytes, i, [b'<', b'>', b'&', 0xe2], false);
            let Some(&b) = bytes.get(i) else { break };
            let (escape, len) = match b {
                b'<' => ("\\u003c", 1),
                b'>' => ("\\u003e", 1),
                b'&' => ("\\u0026", 1),
                0xe2 => match crate::json::line_terminator_escape(&bytes[i..]) {
                    Some(escape) => (escape, 3),
                    None => {
                        i += 1;
                        continue;
                    }
                },
                _ => {
                    i += 1;
                    continue;
                }
            };
            writer.write_all(&bytes[start..i])?;
            writer.write_all(escape.as_bytes())?;
            i += len;
            start = i;
        }
        writer.write_all(&bytes[start..])
    }
}

fn named<'a>(kind: &'static str, name: &'a str) -> LdNamed<'a> {
    LdNamed {
        kind,
        name,
        url: None,
    }
}

fn schema_type(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "Person",
        EntityKind::Organization => "Organization",
        EntityKind::Place => "Place",
    }
}

// schema.org JSON-LD shapes. Fields are in byte order of their names, so the
// output reads as sorted keys, as it did when built from `serde_json::Value`.

#[derive(Serialize)]
struct LdDocument<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@graph")]
    graph: Vec<LdNode<'a>>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum LdNode<'a> {
    Article(Box<LdArticle<'a>>),
    Faq(LdFaq<'a>),
}

#[derive(Serialize)]
struct LdNamed<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LdArticle<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    about: Vec<LdNamed<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<Vec<LdNamed<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    credit_text: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_modified: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_published: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    headline: &'a str,
    in_language: &'a str,
    is_part_of: LdNamed<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    keywords: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    main_entity_of_page: Option<&'a str>,
    publisher: LdNamed<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LdFaq<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    main_entity: Vec<LdQuestion<'a>>,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LdQuestion<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    accepted_answer: LdAnswer<'a>,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

#[derive(Serialize)]
struct LdAnswer<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    text: &'a str,
}

/// schema.org `NewsArticle` (headline, date, credit, the entities it is
/// about) and, when it answers questions, `FAQPage` with each question and
/// its short answer, as one `@graph`.
pub fn json_ld(site: &Site, index: usize, view: &BriefingView) -> JsonLdView {
    let b = &site.briefings[index];
    let base = base_url(&site.info);
    let absolute = |path: &str| base.as_ref().map(|base| format!("{base}{path}"));
    let page_url = absolute(&view.url);

    let mut seen = std::collections::BTreeSet::new();
    let about: Vec<LdNamed> = site.briefing_entities[index]
        .iter()
        .flatten()
        .filter(|&&e| seen.insert(e))
        .map(|&e| {
            let entity = &site.entities[e];
            LdNamed {
                kind: schema_type(entity.kind),
                name: &entity.name,
                url: absolute(&entity_path(&entity.slug)),
            }
        })
        .collect();

    let article = LdArticle {
        kind: "NewsArticle",
        about,
        // The authors as people when the source names them, else the credit.
        author: if b.authors.is_empty() {
            view.credit
                .as_deref()
                .map(|credit| vec![named("Organization", credit)])
        } else {
            Some(b.authors.iter().map(|a| named("Person", a)).collect())
        },
        credit_text: view.credit.as_deref(),
        date_modified: view.date.as_deref(),
        date_published: view.date.as_deref(),
        description: view.teaser.as_deref(),
        headline: &view.title,
        in_language: &site.info.language,
        is_part_of: named("WebSite", &site.info.title),
        keywords: (!b.tags.is_empty()).then_some(b.tags.as_slice()),
        main_entity_of_page: page_url.as_deref(),
        publisher: named("Organization", &site.info.title),
        url: page_url.as_deref(),
    };
    let mut graph = vec![LdNode::Article(Box::new(article))];

    let questions: Vec<LdQuestion> = view
        .sections
        .iter()
        .filter(|s| s.is_question)
        .filter_map(|s| {
            Some(LdQuestion {
                kind: "Question",
                accepted_answer: LdAnswer {
                    kind: "Answer",
                    text: s.short_answer.as_deref()?,
                },
                name: &s.heading,
                url: page_url.as_ref().map(|url| format!("{url}#{}", s.id)),
            })
        })
        .collect();
    if !questions.is_empty() {
        graph.push(LdNode::Faq(LdFaq {
            kind: "FAQPage",
            main_entity: questions,
            name: &view.title,
            url: page_url.as_deref(),
        }));
    }
    JsonLdView {
        html: script_safe_json(&LdDocument {
            context: "https://schema.org",
            graph,
        }),
    }
}

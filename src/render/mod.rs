//! Render stage: turns an indexed [`Site`] into [`Page`]s (path + bytes),
//! through Tera templates. The default theme is embedded in the binary; a
//! site may override any of its files by putting a file with the same
//! relative name in its own `templates/` folder.
//!
//! Templates never see the model: [`views`] builds plain, documented view
//! structs (ids, nesting, prev/next, display dates are all decided there).
//! Every link is relative (each page gets a `root` prefix such as `../../`)
//! and links to folders end in `index.html`, so the output works from
//! `file://`, any sub-path and any server. Output is deterministic.

pub mod discovery;
pub mod views;

use crate::error::{Error, Result};
use crate::index::Site;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use tera::{Context, Tera};
use views::{BriefingView, SiteView};

/// The default templates, by their name relative to `templates/`.
const DEFAULT_TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("index.html", include_str!("../../templates/index.html")),
    (
        "briefing.html",
        include_str!("../../templates/briefing.html"),
    ),
    (
        "questions.html",
        include_str!("../../templates/questions.html"),
    ),
    ("print.html", include_str!("../../templates/print.html")),
    (
        "entities.html",
        include_str!("../../templates/entities.html"),
    ),
    ("entity.html", include_str!("../../templates/entity.html")),
    (
        "partials/context.html",
        include_str!("../../templates/partials/context.html"),
    ),
    (
        "partials/briefing_body.html",
        include_str!("../../templates/partials/briefing_body.html"),
    ),
    (
        "partials/glance.html",
        include_str!("../../templates/partials/glance.html"),
    ),
    (
        "partials/toc.html",
        include_str!("../../templates/partials/toc.html"),
    ),
    (
        "partials/meta.html",
        include_str!("../../templates/partials/meta.html"),
    ),
    (
        "partials/card.html",
        include_str!("../../templates/partials/card.html"),
    ),
    (
        "partials/tags.html",
        include_str!("../../templates/partials/tags.html"),
    ),
    (
        "partials/search_box.html",
        include_str!("../../templates/partials/search_box.html"),
    ),
    ("tags.html", include_str!("../../templates/tags.html")),
    ("tag.html", include_str!("../../templates/tag.html")),
    ("search.html", include_str!("../../templates/search.html")),
    ("atom.xml", include_str!("../../templates/atom.xml")),
    ("sitemap.xml", include_str!("../../templates/sitemap.xml")),
];

/// Static files copied as they are (never run through Tera), by output path.
const DEFAULT_STATIC: &[(&str, &[u8])] = &[
    (
        "static/style.css",
        include_bytes!("../../templates/static/style.css"),
    ),
    (
        "static/search.js",
        include_bytes!("../../templates/static/search.js"),
    ),
    (
        "static/favicon.svg",
        include_bytes!("../../templates/static/favicon.svg"),
    ),
];

/// The files of the default theme (templates and static files), by their
/// path relative to `templates/`, e.g. to copy them into a site for editing.
pub fn builtin_files() -> Vec<(&'static str, &'static [u8])> {
    DEFAULT_TEMPLATES
        .iter()
        .map(|(name, text)| (*name, text.as_bytes()))
        .chain(DEFAULT_STATIC.iter().copied())
        .collect()
}

/// One output file: a path relative to the output root (`/`-separated) and
/// its content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// The loaded templates and static files of a theme.
#[derive(Debug)]
pub struct Theme {
    tera: Tera,
    /// Template name -> where it came from (an override's path, or
    /// `built-in <name>`), for error messages.
    origins: BTreeMap<String, String>,
    /// Output path -> bytes, for files under `static/`.
    statics: BTreeMap<String, Vec<u8>>,
}

impl Theme {
    /// Default theme embedded in the binary, with any file of the same name
    /// in `site_templates` (a site's own `templates/` folder, may be `None`
    /// or missing) overriding it. A site may also add templates of its own
    /// (`*.html`, e.g. partials its overrides include) and extra files under
    /// `static/`, which are copied to the output as they are.
    pub fn load(site_templates: Option<&Path>) -> Result<Theme> {
        let mut sources: BTreeMap<String, (String, String)> = DEFAULT_TEMPLATES
            .iter()
            .map(|(name, text)| {
                (
                    name.to_string(),
                    (format!("built-in {name}"), text.to_string()),
                )
            })
            .collect();
        let mut statics: BTreeMap<String, Vec<u8>> = DEFAULT_STATIC
            .iter()
            .map(|(name, bytes)| (name.to_string(), bytes.to_vec()))
            .collect();

        if let Some(dir) = site_templates.filter(|d| d.is_dir()) {
            let mut files = Vec::new();
            walk(dir, dir, &mut files)?;
            for (name, path) in files {
                if name.starts_with("static/") {
                    let bytes = std::fs::read(&path).map_err(|source| Error::Read {
                        path: path.clone(),
                        source,
                    })?;
                    statics.insert(name, bytes);
                } else if name.ends_with(".html") || name.ends_with(".xml") {
                    let bytes = std::fs::read(&path).map_err(|source| Error::Read {
                        path: path.clone(),
                        source,
                    })?;
                    let text = String::from_utf8(bytes).map_err(|_| Error::Template {
                        template: path.display().to_string(),
                        message: "the template is not valid UTF-8".to_string(),
                    })?;
                    sources.insert(name, (path.display().to_string(), text));
                }
            }
        }

        // Parse each template alone first, so a syntax error names its file.
        for (name, (origin, text)) in &sources {
            tera::Template::new(name, None, text).map_err(|e| Error::Template {
                template: origin.clone(),
                message: format!("syntax error {}", error_chain(&e)),
            })?;
        }

        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html", ".htm", ".xml"]);
        // Tera's own escaper also turns `/` into `&#x2F;`, which makes every
        // relative URL unreadable; escaping `&<>"'` is what HTML needs.
        tera.set_escape_fn(crate::text::escape_html);
        let origins: BTreeMap<String, String> = sources
            .iter()
            .map(|(name, (origin, _))| (name.clone(), origin.clone()))
            .collect();
        tera.add_raw_templates(
            sources
                .iter()
                .map(|(name, (_, text))| (name.as_str(), text.as_str())),
        )
        .map_err(|e| {
            let culprit = match e.kind {
                tera::ErrorKind::MissingParent { ref current, .. } => origins
                    .get(current)
                    .cloned()
                    .unwrap_or_else(|| current.clone()),
                _ => "templates".to_string(),
            };
            Error::Template {
                template: culprit,
                message: error_chain(&e),
            }
        })?;

        Ok(Theme {
            tera,
            origins,
            statics,
        })
    }

    /// Where the template `name` came from, as shown in error messages.
    pub fn origin(&self, name: &str) -> String {
        self.origins
            .get(name)
            .cloned()
            .unwrap_or_else(|| name.to_string())
    }

    fn render_page(&self, template: &str, path: String, context: &Context) -> Result<Page> {
        let html = self
            .tera
            .render(template, context)
            .map_err(|e| Error::Template {
                template: self.origin(template),
                message: error_chain(&e),
            })?;
        Ok(Page {
            path,
            bytes: html.into_bytes(),
        })
    }
}

/// Collects the files under `dir` as (`/`-separated name relative to `base`,
/// path), sorted, skipping hidden files and folders.
fn walk(base: &Path, dir: &Path, out: &mut Vec<(String, PathBuf)>) -> Result<()> {
    let read_err = |source| Error::Read {
        path: dir.to_path_buf(),
        source,
    };
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .map_err(read_err)?
        .collect::<std::io::Result<_>>()
        .map_err(read_err)?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        if path.is_dir() {
            walk(base, &path, out)?;
        } else if let Ok(rel) = path.strip_prefix(base) {
            let name = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            out.push((name, path));
        }
    }
    Ok(())
}

/// Tera's message with every cause under it (the cause of a parse error
/// carries the line:column and a pointer to the spot).
fn error_chain(e: &tera::Error) -> String {
    let mut message = e.to_string().trim().to_string();
    let mut source = std::error::Error::source(e);
    while let Some(cause) = source {
        let text = cause.to_string();
        let text = text.trim();
        if !text.is_empty() && !message.contains(text) {
            message.push_str(": ");
            message.push_str(text);
        }
        source = cause.source();
    }
    message
}

/// The `../` prefix leading from a page at `path` back to the output root.
fn root_of(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

fn context(site: &SiteView, page: &str, path: &str) -> Context {
    let mut ctx = Context::new();
    ctx.insert("site", site);
    ctx.insert("page", page);
    ctx.insert("root", &root_of(path));
    ctx.insert(
        "canonical",
        &site.base_url.as_ref().map(|base| format!("{base}{path}")),
    );
    ctx
}

fn json_page(path: String, value: &impl serde::Serialize) -> Page {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_else(|_| "null".to_string());
    text.push('\n');
    Page {
        path,
        bytes: text.into_bytes(),
    }
}

/// Renders every page of the site, plus the theme's static files, in a
/// fixed order: `index.html`, each briefing (site order),
/// `questions/index.html`, `print.html`, the entities pages, the tags pages,
/// the search page and its index scripts, the JSON outputs, `atom.xml` and
/// `sitemap.xml` (when `base_url` is set), then `static/*` sorted by path.
pub fn render(site: &Site, theme: &Theme) -> Result<Vec<Page>> {
    for b in &site.briefings {
        let usable = !b.slug.is_empty()
            && b.slug != "."
            && b.slug != ".."
            && !b.slug.contains(['/', '\\', '?', '#', '%'])
            && !b.slug.chars().any(|c| c.is_whitespace() || c.is_control());
        if !usable {
            return Err(Error::BadSlug {
                path: b.source.clone(),
                slug: b.slug.clone(),
            });
        }
    }

    let site_view = views::site_view(&site.info, site);
    let briefings: Vec<BriefingView> = (0..site.briefings.len())
        .into_par_iter()
        .map(|i| views::page_view(site, i))
        .collect();
    let mut pages = Vec::with_capacity(site.briefings.len() + 4 + theme.statics.len());

    let path = "index.html".to_string();
    let mut ctx = context(&site_view, "index", &path);
    ctx.insert("briefings", &briefings);
    pages.push(theme.render_page("index.html", path, &ctx)?);

    let briefing_pages: Vec<Page> = briefings
        .par_iter()
        .enumerate()
        .map(|(i, view)| {
            let path = views::briefing_path(&view.slug);
            let mut ctx = context(&site_view, "briefing", &path);
            ctx.insert("briefing", view);
            ctx.insert(
                "prev",
                &i.checked_sub(1)
                    .map(|j| views::link_view(&site.briefings[j])),
            );
            ctx.insert("next", &site.briefings.get(i + 1).map(views::link_view));
            ctx.insert("heading_base", &1);
            ctx.insert("in_book", &false);
            theme.render_page("briefing.html", path, &ctx)
        })
        .collect::<Result<_>>()?;
    pages.extend(briefing_pages);

    let path = "questions/index.html".to_string();
    let mut ctx = context(&site_view, "questions", &path);
    ctx.insert("briefings", &briefings);
    pages.push(theme.render_page("questions.html", path, &ctx)?);

    let path = "print.html".to_string();
    let mut ctx = context(&site_view, "print", &path);
    ctx.insert("briefings", &views::book_views(site));
    ctx.insert("heading_base", &2);
    ctx.insert("in_book", &true);
    pages.push(theme.render_page("print.html", path, &ctx)?);

    let path = "entities/index.html".to_string();
    let mut ctx = context(&site_view, "entities", &path);
    ctx.insert("groups", &views::entity_groups(site));
    pages.push(theme.render_page("entities.html", path, &ctx)?);

    let entity_pages: Vec<Page> = site
        .entities
        .par_iter()
        .map(|entity| {
            let view = views::entity_page_view(site, entity);
            let path = view.url.clone();
            let mut ctx = context(&site_view, "entity", &path);
            ctx.insert("entity", &view);
            theme.render_page("entity.html", path, &ctx)
        })
        .collect::<Result<_>>()?;
    pages.extend(entity_pages);

    let tags = discovery::tags(site);
    let path = "tags/index.html".to_string();
    let mut ctx = context(&site_view, "tags", &path);
    ctx.insert("tags", &tags);
    pages.push(theme.render_page("tags.html", path, &ctx)?);
    for tag in &tags {
        let path = tag.url.clone();
        let mut ctx = context(&site_view, "tag", &path);
        ctx.insert("tag", tag);
        let tagged: Vec<&BriefingView> = tag.briefings.iter().map(|&i| &briefings[i]).collect();
        ctx.insert("briefings", &tagged);
        pages.push(theme.render_page("tag.html", path, &ctx)?);
    }

    let path = "search/index.html".to_string();
    let ctx = context(&site_view, "search", &path);
    pages.push(theme.render_page("search.html", path, &ctx)?);
    let docs = discovery::search_docs(site, &briefings, &tags);
    let index = crate::search::index::build(&docs, crate::search::index::DEFAULT_LIMITS);
    for (path, text) in index.files {
        pages.push(Page {
            path,
            bytes: text.into_bytes(),
        });
    }

    for b in &site.briefings {
        pages.push(json_page(
            discovery::briefing_json_path(&b.slug),
            &crate::json::BriefingJson::from(b),
        ));
    }
    pages.push(json_page(
        "briefings.json".to_string(),
        &discovery::briefing_list(&briefings),
    ));

    if let Some(base) = &site_view.base_url {
        let mut ctx = context(&site_view, "feed", "atom.xml");
        ctx.insert("feed", &discovery::feed_view(site, &briefings, base));
        pages.push(theme.render_page("atom.xml", "atom.xml".to_string(), &ctx)?);
        let paths: Vec<String> = pages.iter().map(|p| p.path.clone()).collect();
        let mut ctx = context(&site_view, "sitemap", "sitemap.xml");
        ctx.insert("urls", &discovery::sitemap(site, &paths, base));
        pages.push(theme.render_page("sitemap.xml", "sitemap.xml".to_string(), &ctx)?);
    }

    for (path, bytes) in &theme.statics {
        pages.push(Page {
            path: path.clone(),
            bytes: bytes.clone(),
        });
    }
    Ok(pages)
}

#[cfg(test)]
mod tests;

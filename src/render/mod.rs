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
pub mod jsonld;
pub mod native;
pub mod pages;
pub mod paths;
pub mod tags;
pub mod urls;
pub mod views;

pub use pages::{MemorySink, PageSink, Plan, RenderOptions, Renderer, SearchPart};

use crate::error::{Error, Result};
use crate::index::Site;
use crate::read::Limit;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use tera::{Context, Tera};
use views::SiteView;

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
        "partials/page_numbers.html",
        include_str!("../../templates/partials/page_numbers.html"),
    ),
    (
        "partials/pagination.html",
        include_str!("../../templates/partials/pagination.html"),
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
    /// Which pages [`native`] writes: those whose templates are all built in.
    native: NativePages,
}

/// The pages of a theme written by [`native`] rather than through Tera.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct NativePages {
    /// Each briefing's page (`briefing.html`).
    pub briefing: bool,
    /// The volumes of the print book (`print.html`).
    pub print: bool,
    /// The pages of the index (`index.html`).
    pub index: bool,
    /// The pages of the questions index (`questions.html`).
    pub questions: bool,
    /// Each entity's page (`entity.html`).
    pub entity: bool,
}

impl NativePages {
    /// Every page [`native`] can write.
    pub const ALL: NativePages = NativePages {
        briefing: true,
        print: true,
        index: true,
        questions: true,
        entity: true,
    };
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
                    let limit = Limit {
                        bytes: 64 << 20,
                        what: "a static file",
                        advice: "link to a file this large from elsewhere instead",
                    };
                    let bytes = crate::read::read_regular(&path, &path, limit)?;
                    statics.insert(name, bytes);
                } else if name.ends_with(".html") || name.ends_with(".xml") {
                    let limit = Limit::settings("a template");
                    let bytes = crate::read::read_regular(&path, &path, limit)?;
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

        // A page is written natively only when every template it reads,
        // found by following its `extends`, `include` and `import` tags, is
        // the built-in one (a site's unchanged copy of a built-in template,
        // `briefing init`'s theme, still is).
        let built_in = |root: &str| {
            reads(root, |name| {
                sources.get(name).map(|(_, text)| text.as_str())
            })
            .iter()
            .all(|name| {
                let default = DEFAULT_TEMPLATES.iter().find(|(n, _)| n == name);
                match (sources.get(name), default) {
                    (Some((_, text)), Some((_, default))) => text == default,
                    _ => false,
                }
            })
        };
        let native = NativePages {
            briefing: built_in("briefing.html"),
            print: built_in("print.html"),
            index: built_in("index.html"),
            questions: built_in("questions.html"),
            entity: built_in("entity.html"),
        };
        Ok(Theme {
            tera,
            origins,
            statics,
            native,
        })
    }

    /// The theme of a site: its `templates/` over the built-in one, every
    /// page through Tera when the config asks for it.
    pub fn for_config(config: &crate::config::Config) -> Result<Theme> {
        let mut theme = Theme::load(Some(&config.templates_dir))?;
        if config.tera_only {
            theme.native = NativePages::default();
        }
        Ok(theme)
    }

    /// Which pages are written natively (see [`native`]).
    pub fn native_pages(&self) -> NativePages {
        self.native
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

/// Every template `root` reads: itself and, transitively, each template
/// named by one of its `{% extends %}`, `{% include %}` and `{% import %}`
/// tags (`text_of` gives a template's text; a name it does not know is
/// listed, and not followed).
fn reads<'a>(root: &str, text_of: impl Fn(&str) -> Option<&'a str>) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut todo = vec![root.to_string()];
    while let Some(name) = todo.pop() {
        if let Some(text) = text_of(&name) {
            todo.extend(
                referenced(text)
                    .filter(|n| !seen.contains(*n))
                    .map(str::to_string),
            );
        }
        seen.insert(name);
    }
    seen
}

/// The template names the tags of `text` refer to: each quoted string of
/// an `extends`, `include` (one name or a list) or `import` tag.
fn referenced(text: &str) -> impl Iterator<Item = &str> {
    text.split("{%").skip(1).flat_map(|tag| {
        let tag = tag.split("%}").next().unwrap_or("");
        let body = tag.trim_start_matches('-').trim_start();
        let keyword = body.split_whitespace().next().unwrap_or("");
        let names = if matches!(keyword, "extends" | "include" | "import") {
            &body[keyword.len()..]
        } else {
            ""
        };
        // The quoted strings, up to `as` (an import's namespace) or
        // `ignore missing`: every other piece of a split on quotes.
        let names = names.split(" as ").next().unwrap_or("");
        names
            .split(['"', '\''])
            .skip(1)
            .step_by(2)
            .filter(|n| !n.is_empty())
    })
}

/// Collects the files under `dir` as (`/`-separated name relative to `base`,
/// path), sorted, skipping hidden files and folders. Only real folders and
/// regular files are taken: a symbolic link is not followed (it could
/// publish `/etc/passwd` as a static file, or loop back into the site), and
/// a FIFO or device is never opened (it could block or never end).
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
        // The entry's own type: a link is a link, not what it points to.
        let kind = entry.file_type().map_err(read_err)?;
        if kind.is_dir() {
            walk(base, &path, out)?;
        } else if !kind.is_file() {
            continue;
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

fn context(site: &SiteView, page: &str, path: &str) -> Context {
    let mut ctx = Context::new();
    ctx.insert("site", site);
    ctx.insert("page", page);
    ctx.insert("root", &paths::root_of(path));
    ctx.insert(
        "canonical",
        &paths::canonical(site.base_url.as_deref(), path),
    );
    ctx
}

/// Compact JSON with a trailing newline (`briefings.json`; the per-briefing
/// files are written by `BriefingJson::write_compact`, in the same form):
/// the files are for programs, and pretty-printing made the per-briefing
/// files of a 10,000-briefing site 16 MB (17%) larger.
fn json_page(path: String, value: &impl serde::Serialize) -> Page {
    let mut bytes = serde_json::to_vec(value).unwrap_or_else(|_| b"null".to_vec());
    bytes.push(b'\n');
    Page { path, bytes }
}

/// Refuses slugs that cannot be a folder name inside the output.
pub(crate) fn check_slugs(site: &Site) -> Result<()> {
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
    Ok(())
}

/// Renders every page of the site and the theme's static files into
/// `sink`, in parallel, each page handed over as soon as it is rendered.
/// Returns how many files were written.
pub fn render_into(
    site: &Site,
    theme: &Theme,
    options: RenderOptions,
    sink: &dyn PageSink,
) -> Result<usize> {
    check_slugs(site)?;
    let plan = Plan::new(site, theme, options);
    Renderer {
        site,
        theme,
        plan: &plan,
        search_parts: None,
        search_live: None,
    }
    .run_all(sink)
}

/// Every page of the site in memory, sorted by path, with the default
/// [`RenderOptions`] and every optional output on
/// ([`RenderOptions::everything`]).
pub fn render(site: &Site, theme: &Theme) -> Result<Vec<Page>> {
    render_with(site, theme, RenderOptions::everything())
}

/// Every page of the site in memory, sorted by path.
pub fn render_with(site: &Site, theme: &Theme, options: RenderOptions) -> Result<Vec<Page>> {
    let sink = MemorySink::default();
    render_into(site, theme, options, &sink)?;
    Ok(sink.into_pages())
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod reads_tests {
    use super::{DEFAULT_TEMPLATES, reads, referenced};

    fn built_in(root: &str) -> Vec<String> {
        let text_of = |name: &str| {
            DEFAULT_TEMPLATES
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, t)| *t)
        };
        reads(root, text_of).into_iter().collect()
    }

    #[test]
    fn extends_include_and_import_tags_name_templates() {
        let text = r#"{% extends "base.html" %}{%- include "a.html" %}
            {% include ["b.html", 'c.html'] ignore missing %}{% import "m.html" as m %}
            {% if x == "no.html" %}{{ "nor.html" }}{% endif %}"#;
        let names: Vec<&str> = referenced(text).collect();
        assert_eq!(names, ["base.html", "a.html", "b.html", "c.html", "m.html"]);
    }

    #[test]
    fn a_template_reads_what_its_includes_read_and_loops_end() {
        let text_of = |name: &str| match name {
            "page.html" => Some(r#"{% extends "base.html" %}{% include "p.html" %}"#),
            "p.html" => Some(r#"{% include "q.html" %}{% include "page.html" %}"#),
            _ => None,
        };
        let read: Vec<String> = reads("page.html", text_of).into_iter().collect();
        assert_eq!(read, ["base.html", "p.html", "page.html", "q.html"]);
    }

    /// The native pages restate these templates (`native.rs`): when a
    /// template gains or loses an include, this fails, and the native page
    /// must follow (the byte-for-byte tests in tests/native_theme.rs).
    #[test]
    fn the_native_pages_read_the_templates_they_restate() {
        let body = [
            "partials/briefing_body.html",
            "partials/context.html",
            "partials/glance.html",
            "partials/meta.html",
            "partials/tags.html",
            "partials/toc.html",
        ];
        let with = |own: &[&str]| {
            let mut names: Vec<String> = ["base.html", "partials/search_box.html"]
                .iter()
                .chain(own)
                .map(|s| s.to_string())
                .collect();
            names.sort();
            names
        };
        let mut briefing = body.to_vec();
        briefing.push("briefing.html");
        assert_eq!(built_in("briefing.html"), with(&briefing));
        let mut print = body.to_vec();
        print.extend(["print.html", "partials/page_numbers.html"]);
        assert_eq!(built_in("print.html"), with(&print));
        assert_eq!(
            built_in("index.html"),
            with(&[
                "index.html",
                "partials/card.html",
                "partials/meta.html",
                "partials/tags.html",
                "partials/pagination.html",
                "partials/page_numbers.html",
            ])
        );
        assert_eq!(
            built_in("questions.html"),
            with(&[
                "questions.html",
                "partials/meta.html",
                "partials/pagination.html",
                "partials/page_numbers.html",
            ])
        );
        assert_eq!(
            built_in("entity.html"),
            with(&[
                "entity.html",
                "partials/pagination.html",
                "partials/page_numbers.html",
            ])
        );
    }
}

//! Settings: `briefing.toml` plus command-line overrides, validated once into
//! a [`Config`] that every later stage reads. Unknown keys are errors naming
//! the key, the file and the line.

mod paper;

use crate::error::{Error, Result};
use crate::text::line_column;
pub use paper::{Paper, UnknownPaper};
use serde::Deserialize;
use std::path::{Component, Path, PathBuf};
use toml::Spanned;

/// Name of the optional config file at the site root.
pub const CONFIG_FILE: &str = "briefing.toml";

/// `briefing.toml` as written by the user. Every key is optional; values
/// keep their place in the file so a bad value is reported at its
/// line and column.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    title: Option<Spanned<String>>,
    description: Option<Spanned<String>>,
    language: Option<Spanned<String>>,
    base_url: Option<Spanned<String>>,
    source_dirs: Option<Spanned<Vec<PathBuf>>>,
    output_dir: Option<Spanned<PathBuf>>,
    templates_dir: Option<Spanned<PathBuf>>,
    related_links: Option<Spanned<i64>>,
    paginate_by: Option<Spanned<i64>>,
    print_volume_size: Option<Spanned<i64>>,
    feed_limit: Option<Spanned<i64>>,
    entities_file: Option<Spanned<PathBuf>>,
    allow_html: Option<bool>,
    max_source_mb: Option<Spanned<i64>>,
    paper: Option<Spanned<String>>,
    json: Option<Spanned<String>>,
    print: Option<bool>,
}

/// Largest `max_source_mb` accepted: 4 GiB.
pub const MAX_SOURCE_MB: i64 = 4096;

/// Most related briefings a page may list (`related_links`).
pub const MAX_RELATED_LINKS: i64 = 50;

/// Validated settings for one site.
#[derive(Debug, Clone)]
pub struct Config {
    /// The site folder: holds sources, optional templates and config.
    pub site_dir: PathBuf,
    /// Folders scanned for sources, in this order (default `content`, `seeds`).
    pub source_dirs: Vec<PathBuf>,
    /// The site's own templates folder (overrides the built-in theme by file name).
    pub templates_dir: PathBuf,
    /// Where the built site goes (default `SITE_DIR/dist`).
    pub out_dir: PathBuf,
    pub title: String,
    pub description: Option<String>,
    pub language: String,
    pub base_url: Option<String>,
    /// Most related briefings listed on a briefing page (default 5).
    pub related_links: usize,
    /// Briefings per page of the index and the questions index (default 50).
    pub paginate_by: usize,
    /// Briefings per volume of the print book (default 100).
    pub print_volume_size: usize,
    /// Newest briefings in the Atom feed, 0 for all (default 50).
    pub feed_limit: usize,
    /// The editorial entity registry (default `content/entities.toml`).
    pub entities_file: PathBuf,
    /// Pass raw HTML in Markdown through untouched (default: sanitise it).
    pub allow_html: bool,
    /// Largest source read, in bytes (`max_source_mb`, default 48 MiB); a
    /// larger one is an error naming it.
    pub max_source_bytes: u64,
    /// Render every page through Tera, even those the built-in theme
    /// writes natively (`build --tera-only`; not a `briefing.toml` key).
    pub tera_only: bool,
    /// Paper of the printed book (`paper`, default A4); `pdf --paper` wins.
    pub paper: Paper,
    /// Which JSON files a build writes (`json`, default the site's list only).
    pub json: JsonOutput,
    /// Write the print book's volumes (`print = true`, `build --print`;
    /// `briefing pdf` always does). Off by default: every briefing's body
    /// again, about a fifth of the output's bytes.
    pub print: bool,
    /// Keep the output a build replaces in the site's cache, for the next
    /// build to make its staging folder of (not a `briefing.toml` key; off
    /// for `briefing pdf`'s build into a temporary folder).
    pub keep_replaced: bool,
}

/// The `json` setting: which JSON files a build writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum JsonOutput {
    /// `json = "site"`: `briefings.json`, the list of every briefing.
    #[default]
    Site,
    /// `json = "per-briefing"`: the list and each briefing's
    /// `briefings/<slug>.json`, as `extract --json` gives it.
    PerBriefing,
}

impl std::str::FromStr for JsonOutput {
    type Err = String;

    fn from_str(value: &str) -> std::result::Result<JsonOutput, String> {
        match value.trim() {
            "site" => Ok(JsonOutput::Site),
            "per-briefing" => Ok(JsonOutput::PerBriefing),
            other => Err(format!(
                "`json = \"{other}\"` is not a choice; use \"site\" (briefings.json only) or \"per-briefing\" (also briefings/<slug>.json)"
            )),
        }
    }
}

impl Config {
    /// Reads `SITE_DIR/briefing.toml` if present and applies `out_override`
    /// (the `--out` flag), which wins over `output_dir` in the file.
    pub fn load(site_dir: &Path, out_override: Option<&Path>) -> Result<Config> {
        let config_path = site_dir.join(CONFIG_FILE);
        let limit = crate::read::Limit::settings(CONFIG_FILE);
        let text = match crate::read::read_utf8(&config_path, &config_path, limit) {
            Ok(text) => text,
            Err(Error::Read { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
                String::new()
            }
            Err(e) => return Err(e),
        };
        let error = |offset: usize, message: String| {
            let (line, column) = line_column(&text, offset);
            Error::Config {
                path: config_path.clone(),
                line,
                column,
                message,
            }
        };
        let file = parse_file(&text, &error)?;

        let text_value = |value: Option<Spanned<String>>, key: &str, default: &str| match value {
            None => Ok((default.to_string(), 0)),
            Some(v) if v.get_ref().trim().is_empty() => Err(error(
                v.span().start,
                format!("`{key}` is empty; give it a value or remove the line"),
            )),
            Some(v) => Ok((v.get_ref().trim().to_string(), v.span().start)),
        };
        let (title, _) = text_value(file.title, "title", "Briefings")?;
        let (language, language_at) = text_value(file.language, "language", "en")?;
        if !is_language_tag(&language) {
            return Err(error(
                language_at,
                format!(
                    "`language = \"{language}\"` is not a language tag; use one such as \"en\", \"en-GB\" or \"fr\""
                ),
            ));
        }
        let description = file
            .description
            .map(Spanned::into_inner)
            .map(|d| d.trim().to_string())
            .filter(|d| !d.is_empty());
        let base_url = file
            .base_url
            .map(|v| normalise_base_url(v.get_ref()).map_err(|why| error(v.span().start, why)))
            .transpose()?;
        let relative = |value: Option<Spanned<PathBuf>>, key: &str, default: &str| match value {
            None => Ok(site_dir.join(default)),
            Some(v) => {
                check_folder(v.get_ref(), key).map_err(|why| error(v.span().start, why))?;
                Ok(site_dir.join(v.get_ref()))
            }
        };
        let source_dirs = source_dirs(file.source_dirs, site_dir, &error)?;
        let out_dir = match out_override {
            Some(out) => out.to_path_buf(),
            None => relative(file.output_dir, "output_dir", "dist")?,
        };
        let templates_dir = relative(file.templates_dir, "templates_dir", "templates")?;
        let entities_file = relative(file.entities_file, "entities_file", "content/entities.toml")?;
        let ranged = |value, key, default, range, meaning| {
            ranged(value, key, default, range, meaning, &error)
        };
        let related_links = ranged(
            file.related_links,
            "related_links",
            5,
            0..=MAX_RELATED_LINKS,
            "(none)",
        )?;
        let paginate_by = ranged(
            file.paginate_by,
            "paginate_by",
            50,
            1..=100_000,
            "(briefings per page)",
        )?;
        let print_volume_size = ranged(
            file.print_volume_size,
            "print_volume_size",
            100,
            1..=100_000,
            "(briefings per volume)",
        )?;
        let feed_limit = ranged(file.feed_limit, "feed_limit", 50, 0..=100_000, "(all)")?;
        let default_mb = (crate::read::DEFAULT_MAX_SOURCE_BYTES >> 20) as usize;
        let max_source_mb = ranged(
            file.max_source_mb,
            "max_source_mb",
            default_mb,
            1..=MAX_SOURCE_MB,
            "(MiB)",
        )?;
        let paper = paper(file.paper, &error)?;
        let json = json_output(file.json, &error)?;
        Ok(Config {
            paper,
            json,
            print: file.print.unwrap_or(false),
            site_dir: site_dir.to_path_buf(),
            source_dirs,
            templates_dir,
            out_dir,
            title,
            description,
            language,
            base_url,
            related_links,
            paginate_by,
            print_volume_size,
            feed_limit,
            allow_html: file.allow_html.unwrap_or(false),
            tera_only: false,
            keep_replaced: true,
            max_source_bytes: (max_source_mb as u64) << 20,
            entities_file,
        })
    }
}

/// A BCP 47-shaped tag: letters first, then letter/digit subtags of 1-8
/// characters joined by `-` ("en", "en-GB", "zh-Hant-TW").
fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let first_ok = parts
        .next()
        .is_some_and(|p| (2..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphabetic()));
    first_ok
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// `source_dirs`, each checked and joined to the site folder (`content`
/// and `seeds` when unset).
fn source_dirs(
    value: Option<Spanned<Vec<PathBuf>>>,
    site_dir: &Path,
    error: &impl Fn(usize, String) -> Error,
) -> Result<Vec<PathBuf>> {
    let Some(v) = value else {
        return Ok(vec![site_dir.join("content"), site_dir.join("seeds")]);
    };
    let start = v.span().start;
    if v.get_ref().is_empty() {
        return Err(error(
            start,
            "`source_dirs` is empty; list at least one folder, e.g. [\"content\", \"seeds\"]"
                .to_string(),
        ));
    }
    let mut dirs = Vec::new();
    for dir in v.into_inner() {
        check_folder(&dir, "source_dirs").map_err(|why| error(start, why))?;
        dirs.push(site_dir.join(dir));
    }
    Ok(dirs)
}

/// A whole number setting within `range` (`meaning` says what its lowest
/// value means), or `default` when unset.
fn ranged(
    value: Option<Spanned<i64>>,
    key: &str,
    default: usize,
    range: std::ops::RangeInclusive<i64>,
    meaning: &str,
    error: &impl Fn(usize, String) -> Error,
) -> Result<usize> {
    let Some(v) = value else {
        return Ok(default);
    };
    let n = *v.get_ref();
    if !range.contains(&n) {
        return Err(error(
            v.span().start,
            format!(
                "`{key} = {n}` is out of range; use a number from {} {meaning} to {}",
                range.start(),
                range.end()
            ),
        ));
    }
    Ok(usize::try_from(n).unwrap_or(default))
}

/// The `paper` setting (A4 when unset).
fn paper(value: Option<Spanned<String>>, error: &impl Fn(usize, String) -> Error) -> Result<Paper> {
    match value {
        None => Ok(Paper::default()),
        Some(v) => v
            .get_ref()
            .parse()
            .map_err(|e: UnknownPaper| error(v.span().start, e.to_string())),
    }
}

/// The file's keys, or its first error at its place in the file.
fn parse_file(text: &str, error: &impl Fn(usize, String) -> Error) -> Result<ConfigFile> {
    toml::from_str(text).map_err(|e| {
        let offset = e.span().map_or(0, |span| span.start);
        let mut message = e.message().trim().to_string();
        if message.starts_with("unknown field") {
            message.push_str("; see the README's briefing.toml table for the keys");
        }
        error(offset, message)
    })
}

fn json_output(
    value: Option<Spanned<String>>,
    error: &impl Fn(usize, String) -> Error,
) -> Result<JsonOutput> {
    match value {
        None => Ok(JsonOutput::default()),
        Some(v) => v
            .get_ref()
            .parse()
            .map_err(|e: String| error(v.span().start, e)),
    }
}

/// `base_url` must be an absolute `http(s)://host/...` address; it gets a
/// trailing `/` so page paths can be appended.
pub fn normalise_base_url(url: &str) -> std::result::Result<String, String> {
    let url = url.trim();
    let advice =
        "write the published site's absolute address, e.g. \"https://example.org/briefings/\"";
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| {
            format!("`base_url = \"{url}\"` must start with http:// or https://; {advice}")
        })?;
    let host = rest.split('/').next().unwrap_or("");
    if host.is_empty() || host.starts_with(':') || host.contains('@') {
        return Err(format!("`base_url = \"{url}\"` has no host name; {advice}"));
    }
    if url
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>' | '\\'))
    {
        return Err(format!(
            "`base_url = \"{url}\"` contains spaces or characters a URL cannot hold; {advice}"
        ));
    }
    if url.contains(['?', '#']) {
        return Err(format!(
            "`base_url = \"{url}\"` has a query or fragment; {advice}"
        ));
    }
    Ok(if url.ends_with('/') {
        url.to_string()
    } else {
        format!("{url}/")
    })
}

/// A folder setting: not empty, and relative paths may not climb out of the
/// site with `..` (absolute paths are the user's explicit choice).
fn check_folder(path: &Path, key: &str) -> std::result::Result<(), String> {
    if path.as_os_str().is_empty() {
        return Err(format!(
            "`{key}` is empty; name a folder inside the site, e.g. \"dist\""
        ));
    }
    if !path.is_absolute() && path.components().any(|c| c == Component::ParentDir) {
        return Err(format!(
            "`{key} = \"{}\"` leaves the site folder with `..`; use a path inside the site, or an absolute path",
            path.display()
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_without_config_file() {
        let dir = tempfile::tempdir().unwrap();
        let config = Config::load(dir.path(), None).unwrap();
        assert_eq!(config.out_dir, dir.path().join("dist"));
        assert_eq!(
            config.source_dirs,
            vec![dir.path().join("content"), dir.path().join("seeds")]
        );
        assert_eq!(config.language, "en");
    }

    #[test]
    fn unknown_key_names_key_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(CONFIG_FILE),
            "title = \"X\"\ntitel = \"Y\"\n",
        )
        .unwrap();
        let err = Config::load(dir.path(), None).unwrap_err().to_string();
        assert!(err.contains("briefing.toml:2:"), "{err}");
        assert!(err.contains("titel"), "{err}");
    }

    #[test]
    fn out_flag_wins_over_output_dir() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(CONFIG_FILE), "output_dir = \"public\"\n").unwrap();
        assert_eq!(
            Config::load(dir.path(), None).unwrap().out_dir,
            dir.path().join("public")
        );
        let out = dir.path().join("elsewhere");
        assert_eq!(Config::load(dir.path(), Some(&out)).unwrap().out_dir, out);
    }

    fn load_with(text: &str) -> Result<Config> {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(CONFIG_FILE), text).unwrap();
        Config::load(dir.path(), None)
    }

    #[test]
    fn base_url_gets_a_trailing_slash_and_must_be_absolute() {
        let config = load_with("base_url = \"https://example.org/b\"\n").unwrap();
        assert_eq!(config.base_url.as_deref(), Some("https://example.org/b/"));
        for bad in [
            "example.org",
            "ftp://example.org/",
            "https:///x",
            "https://a b/",
            "https://x/?q=1",
        ] {
            let err = load_with(&format!("title = \"T\"\nbase_url = \"{bad}\"\n"))
                .unwrap_err()
                .to_string();
            assert!(err.contains("briefing.toml:2:12:"), "{bad}: {err}");
        }
    }

    #[test]
    fn values_are_checked_at_their_line_and_column() {
        for (text, expected) in [
            (
                "related_links = -1\n",
                "briefing.toml:1:17: `related_links = -1` is out of range",
            ),
            ("related_links = 51\n", "briefing.toml:1:17:"),
            (
                "language = \"  \"\n",
                "briefing.toml:1:12: `language` is empty",
            ),
            (
                "language = \"en GB\"\n",
                "briefing.toml:1:12: `language = \"en GB\"` is not a language tag",
            ),
            ("title = \"\"\n", "briefing.toml:1:9: `title` is empty"),
            (
                "source_dirs = []\n",
                "briefing.toml:1:15: `source_dirs` is empty",
            ),
            ("\noutput_dir = \"../elsewhere\"\n", "briefing.toml:2:14:"),
            ("related_links = \"five\"\n", "briefing.toml:1:17:"),
        ] {
            let err = load_with(text).unwrap_err().to_string();
            assert!(err.contains(expected), "{text}: {err}");
        }
        let config = load_with("language = \"zh-Hant-TW\"\nrelated_links = 0\n").unwrap();
        assert_eq!(
            (config.language.as_str(), config.related_links),
            ("zh-Hant-TW", 0)
        );
    }

    #[test]
    fn paper_defaults_to_a4_and_names_a_bad_size_at_its_line() {
        assert_eq!(load_with("").unwrap().paper, Paper::A4);
        let config = load_with("paper = \"Letter\"\n").unwrap();
        assert_eq!(config.paper, Paper::Letter);
        let err = load_with("title = \"T\"\npaper = \"tabloid\"\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("briefing.toml:2:9:"), "{err}");
        assert!(err.contains("a4, letter, a5, legal"), "{err}");
    }

    #[test]
    fn json_defaults_to_site_and_names_a_bad_choice_at_its_line() {
        assert_eq!(load_with("").unwrap().json, JsonOutput::Site);
        let config = load_with("json = \"per-briefing\"\n").unwrap();
        assert_eq!(config.json, JsonOutput::PerBriefing);
        let err = load_with("title = \"T\"\njson = \"each\"\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("briefing.toml:2:8:"), "{err}");
        assert!(err.contains("\"per-briefing\""), "{err}");
    }

    #[test]
    fn print_is_off_unless_asked_for() {
        assert!(!load_with("").unwrap().print);
        assert!(load_with("print = true\n").unwrap().print);
        assert!(load_with("print = \"yes\"\n").is_err());
    }
}

//! Settings: `briefing.toml` plus command-line overrides, validated once into
//! a [`Config`] that every later stage reads. Unknown keys are errors naming
//! the key, the file and the line.

use crate::error::{Error, Result};
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// Name of the optional config file at the site root.
pub const CONFIG_FILE: &str = "briefing.toml";

/// `briefing.toml` as written by the user. Every key is optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    title: Option<String>,
    description: Option<String>,
    language: Option<String>,
    base_url: Option<String>,
    source_dirs: Option<Vec<PathBuf>>,
    output_dir: Option<PathBuf>,
    templates_dir: Option<PathBuf>,
    related_links: Option<usize>,
    entities_file: Option<PathBuf>,
    allow_html: Option<bool>,
}

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
    /// The editorial entity registry (default `content/entities.toml`).
    pub entities_file: PathBuf,
    /// Pass raw HTML in Markdown through untouched (default: sanitise it).
    pub allow_html: bool,
}

impl Config {
    /// Reads `SITE_DIR/briefing.toml` if present and applies `out_override`
    /// (the `--out` flag), which wins over `output_dir` in the file.
    pub fn load(site_dir: &Path, out_override: Option<&Path>) -> Result<Config> {
        let config_path = site_dir.join(CONFIG_FILE);
        let file: ConfigFile = match std::fs::read_to_string(&config_path) {
            Ok(text) => toml::from_str(&text).map_err(|e| {
                let (line, column) = e
                    .span()
                    .map(|span| line_column(&text, span.start))
                    .unwrap_or((1, 1));
                Error::Config {
                    path: config_path.clone(),
                    line,
                    column,
                    message: e.message().to_string(),
                }
            })?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => ConfigFile::default(),
            Err(source) => {
                return Err(Error::Read {
                    path: config_path,
                    source,
                });
            }
        };
        let source_dirs = file
            .source_dirs
            .unwrap_or_else(|| vec![PathBuf::from("content"), PathBuf::from("seeds")])
            .into_iter()
            .map(|dir| site_dir.join(dir))
            .collect();
        let out_dir = match (out_override, file.output_dir) {
            (Some(out), _) => out.to_path_buf(),
            (None, Some(dir)) => site_dir.join(dir),
            (None, None) => site_dir.join("dist"),
        };
        Ok(Config {
            site_dir: site_dir.to_path_buf(),
            source_dirs,
            templates_dir: site_dir.join(file.templates_dir.unwrap_or_else(|| "templates".into())),
            out_dir,
            title: file.title.unwrap_or_else(|| "Briefings".to_string()),
            description: file.description,
            language: file.language.unwrap_or_else(|| "en".to_string()),
            base_url: file.base_url,
            related_links: file.related_links.unwrap_or(5),
            allow_html: file.allow_html.unwrap_or(false),
            entities_file: site_dir.join(
                file.entities_file
                    .unwrap_or_else(|| "content/entities.toml".into()),
            ),
        })
    }
}

/// 1-based line and column of byte `offset` in `text`.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
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

    #[test]
    fn line_column_counts_from_one() {
        assert_eq!(line_column("ab\ncd", 4), (2, 2));
        assert_eq!(line_column("ab", 0), (1, 1));
    }
}

//! `briefing init` and `briefing new`: new sites and new briefings, made
//! from short example texts written for this tool. Nothing existing is ever
//! overwritten: every file is checked before the first one is written.

use crate::config::{CONFIG_FILE, Config};
use crate::error::{Error, Result};
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

/// The files `briefing init` writes, relative to the site folder.
const SITE_FILES: &[(&str, &str)] = &[
    (CONFIG_FILE, include_str!("scaffold/briefing.toml")),
    (
        ".gitignore",
        "/dist/\n/.briefing-serve/\n/.briefing-cache/\n",
    ),
    (
        "content/harbour-ferry-timetable.md",
        include_str!("scaffold/harbour-ferry-timetable.md"),
    ),
    (
        "content/entities.toml",
        include_str!("scaffold/entities.toml"),
    ),
    (
        "seeds/northgate-library-reopens.txt",
        include_str!("scaffold/northgate-library-reopens.txt"),
    ),
    (
        "seeds/northgate-library-reopens.toml",
        include_str!("scaffold/northgate-library-reopens.toml"),
    ),
];

/// Folders `briefing init` makes even when it puts no file in them.
const SITE_FOLDERS: &[&str] = &["content", "seeds", "templates"];

/// What `init` or `new` made, relative to the folder it was given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Created {
    /// Every file and folder made, in the order made.
    pub paths: Vec<PathBuf>,
}

/// Makes a new site in `dir` (created if missing): `briefing.toml`,
/// `content/` with a Markdown briefing and an entity registry, `seeds/`
/// with a raw article and its sidecar, an empty `templates/`, and a
/// `.gitignore` for the output folders. Refuses a folder that already holds
/// a site, or any file it would overwrite.
pub fn init(dir: &Path) -> Result<Created> {
    if dir.join(CONFIG_FILE).exists() {
        return Err(Error::Refused(format!(
            "{} already holds a site ({CONFIG_FILE} exists); choose an empty or new folder, \
             or use `briefing new` to add a briefing to it",
            dir.display()
        )));
    }
    if dir.exists() && !dir.is_dir() {
        return Err(Error::Refused(format!(
            "{} exists and is not a folder; choose another name",
            dir.display()
        )));
    }
    let clashes: Vec<String> = SITE_FILES
        .iter()
        .map(|(name, _)| dir.join(name))
        .filter(|path| path.exists())
        .map(|path| path.display().to_string())
        .collect();
    if !clashes.is_empty() {
        return Err(Error::Refused(format!(
            "{} is not empty and these files would be overwritten: {}; choose an empty or new folder",
            dir.display(),
            clashes.join(", ")
        )));
    }
    let mut created = Vec::new();
    if !dir.exists() {
        create_dir(dir)?;
    }
    for folder in SITE_FOLDERS {
        let path = dir.join(folder);
        if !path.exists() {
            create_dir(&path)?;
            created.push(PathBuf::from(format!("{folder}/")));
        }
    }
    for (name, text) in SITE_FILES {
        write_new(&dir.join(name), text)?;
        created.push(PathBuf::from(name));
    }
    Ok(Created { paths: created })
}

/// The kind of briefing `briefing new` makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewKind {
    /// `content/<slug>.md` with TOML front matter.
    Markdown,
    /// `seeds/<slug>.txt` with a `seeds/<slug>.toml` sidecar.
    Raw,
}

/// Adds a briefing titled `title` dated `today` to the site in `site_dir`:
/// Markdown in the first source folder (`content/`), raw text and its
/// sidecar in the last (`seeds/`). The file name is the title's slug.
/// Refuses to overwrite anything. Returns the files made, as paths under
/// `site_dir`.
pub fn new_briefing(
    config: &Config,
    title: &str,
    kind: NewKind,
    today: NaiveDate,
) -> Result<Created> {
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    let slug = crate::text::slugify(&title);
    if slug.is_empty() {
        return Err(Error::Refused(format!(
            "the title `{title}` has no letters or digits to make a file name from; give a title with words"
        )));
    }
    let folder = match kind {
        NewKind::Markdown => config.source_dirs.first(),
        NewKind::Raw => config.source_dirs.last(),
    }
    .cloned()
    .unwrap_or_else(|| config.site_dir.join("content"));
    let quoted = toml_string(&title);
    let date = today.format("%Y-%m-%d");
    let files: Vec<(PathBuf, String)> = match kind {
        NewKind::Markdown => vec![(
            folder.join(format!("{slug}.md")),
            format!(
                "+++\ntitle = {quoted}\ndate = {date}\nsummary = \"\"\ntags = []\n+++\n\n\
                 Write the lead here: what happened, where and when, in two or three sentences.\n\n\
                 ## What happened?\n\n\
                 Answer the question in the first sentence; it becomes the short answer under \"At a glance\".\n"
            ),
        )],
        NewKind::Raw => vec![
            (
                folder.join(format!("{slug}.txt")),
                "Paste the article text here, one paragraph per line or with blank lines between paragraphs.\n\
                 What happened?\n\
                 A line ending in a question mark, followed by a full paragraph, becomes a question heading.\n"
                    .to_string(),
            ),
            (
                folder.join(format!("{slug}.toml")),
                format!(
                    "# Metadata for {slug}.txt; every key overrides what is read from the text.\n\
                     title = {quoted}\ndate = {date}\nsummary = \"\"\ntags = []\n"
                ),
            ),
        ],
    };
    for (path, _) in &files {
        if path.exists() {
            return Err(Error::Refused(format!(
                "{} already exists; give the briefing another title, or edit that file",
                path.display()
            )));
        }
    }
    if !folder.exists() {
        create_dir(&folder)?;
    }
    let mut created = Vec::new();
    for (path, text) in files {
        write_new(&path, &text)?;
        created.push(path);
    }
    Ok(Created { paths: created })
}

/// A TOML basic string with every special character escaped.
fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

fn create_dir(path: &Path) -> Result<()> {
    std::fs::create_dir_all(path).map_err(|source| Error::Write {
        path: path.to_path_buf(),
        source,
    })
}

/// Writes a file that must not exist yet (`create_new`, so a file appearing
/// in the meantime is not overwritten either).
fn write_new(path: &Path, text: &str) -> Result<()> {
    use std::io::Write;
    if let Some(parent) = path.parent() {
        create_dir(parent)?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|source| Error::Write {
            path: path.to_path_buf(),
            source,
        })?;
    file.write_all(text.as_bytes())
        .map_err(|source| Error::Write {
            path: path.to_path_buf(),
            source,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 6, 2).unwrap()
    }

    #[test]
    fn init_makes_a_site_that_loads_and_refuses_a_second_time() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        let created = init(&site).unwrap();
        assert!(created.paths.contains(&PathBuf::from(CONFIG_FILE)));
        let config = Config::load(&site, None).unwrap();
        let (loaded, _) = crate::pipeline::load_site(&config).unwrap();
        assert_eq!(loaded.briefings.len(), 2);
        assert!(loaded.briefings.iter().all(|b| !b.sections.is_empty()));
        assert!(loaded.briefings.iter().all(|b| b.date.is_some()));
        let err = init(&site).unwrap_err().to_string();
        assert!(err.contains("already holds a site"), "{err}");
    }

    #[test]
    fn init_never_overwrites_a_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content")).unwrap();
        std::fs::write(dir.path().join("content/entities.toml"), "# mine\n").unwrap();
        let err = init(dir.path()).unwrap_err().to_string();
        assert!(err.contains("entities.toml"), "{err}");
        assert!(!dir.path().join(CONFIG_FILE).exists());
    }

    #[test]
    fn new_briefing_fills_front_matter_and_refuses_to_overwrite() {
        let dir = tempfile::tempdir().unwrap();
        let config = Config::load(dir.path(), None).unwrap();
        let title = "Why the \"night bus\" stopped";
        let made = new_briefing(&config, title, NewKind::Markdown, day()).unwrap();
        assert_eq!(
            made.paths,
            vec![dir.path().join("content/why-the-night-bus-stopped.md")]
        );
        let source = crate::load::load_file(&made.paths[0]).unwrap();
        let doc = crate::parse::parse(&source).unwrap();
        assert_eq!(doc.meta.title.as_deref(), Some(title));
        assert_eq!(doc.meta.date, Some(day()));
        let err = new_briefing(&config, title, NewKind::Markdown, day())
            .unwrap_err()
            .to_string();
        assert!(err.contains("already exists"), "{err}");
    }

    #[test]
    fn new_raw_briefing_gets_a_sidecar() {
        let dir = tempfile::tempdir().unwrap();
        let config = Config::load(dir.path(), None).unwrap();
        let made = new_briefing(&config, "Rail fares rise", NewKind::Raw, day()).unwrap();
        assert_eq!(
            made.paths,
            vec![
                dir.path().join("seeds/rail-fares-rise.txt"),
                dir.path().join("seeds/rail-fares-rise.toml")
            ]
        );
        let source = crate::load::load_file(&made.paths[0]).unwrap();
        let meta = source.sidecar.unwrap();
        assert_eq!(meta.title.as_deref(), Some("Rail fares rise"));
        assert_eq!(meta.summary.as_deref(), Some(""));
    }

    #[test]
    fn a_title_without_words_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let config = Config::load(dir.path(), None).unwrap();
        assert!(new_briefing(&config, "?!", NewKind::Markdown, day()).is_err());
    }
}

//! The site-wide name checks, over every briefing at once: clashing file
//! names in subfolders get their folder in the slug ([`folder_slugs`]),
//! and two briefings with the same title are a warning naming both files
//! ([`duplicate_titles`]).

use crate::model::{Briefing, Warning};
use std::path::Path;

/// Gives sources in subfolders whose slugs clash a slug that includes the
/// folder: `seeds/a/x.txt` and `seeds/b/x.txt` become `a-x` and `b-x`, and
/// `seeds/x.txt` beside them keeps `x`. Only slugs made from the file name
/// change (a `slug` the author wrote stays, unless it is the one the file
/// name gives, and a clash left over is still an error); the folder is the
/// source's path past its source folder (its first component).
pub fn folder_slugs(briefings: &mut [Briefing]) {
    // Each briefing's slug from its file name and with its folder, or
    // `None` when its slug is the author's own. A slug already given its
    // folder by an earlier build (`serve` keeps briefings between builds)
    // is taken back first, so a clash that is gone leaves the plain one.
    let forms: Vec<Option<(String, String)>> = briefings
        .iter_mut()
        .map(|b| {
            let stem = b
                .source
                .file_stem()
                .map(|s| s.to_string_lossy().replace('_', "-"))
                .unwrap_or_default();
            let plain = crate::text::fit_slug(crate::text::slugify(&stem));
            let folders: Vec<String> = b
                .source
                .parent()
                .map(|p| {
                    p.components()
                        .skip(1)
                        .map(|c| c.as_os_str().to_string_lossy().to_string())
                        .collect()
                })
                .unwrap_or_default();
            let with_folder = if folders.is_empty() {
                plain.clone()
            } else {
                crate::text::fit_slug(crate::text::slugify(&format!(
                    "{}-{stem}",
                    folders.join("-")
                )))
            };
            if b.slug != plain && b.slug != with_folder {
                return None;
            }
            b.slug.clone_from(&plain);
            Some((plain, with_folder))
        })
        .collect();
    let mut count: std::collections::HashMap<String, usize> = Default::default();
    for b in briefings.iter() {
        *count.entry(b.slug.clone()).or_default() += 1;
    }
    for (b, form) in briefings.iter_mut().zip(forms) {
        if let Some((plain, with_folder)) = form
            && count.get(&plain).is_some_and(|&n| n > 1)
            && !with_folder.is_empty()
        {
            b.slug = with_folder;
        }
    }
}

/// A warning for each briefing whose title, folded to lowercase letters and
/// digits, is that of an earlier one (in `briefings`' order), naming both
/// files: readers cannot tell them apart in lists and search.
pub fn duplicate_titles(briefings: &[Briefing]) -> Vec<Warning> {
    let mut seen: std::collections::HashMap<String, &Path> = Default::default();
    let mut out = Vec::new();
    for b in briefings {
        let key = crate::search::words(&b.title).join(" ");
        if key.is_empty() {
            continue;
        }
        match seen.get(key.as_str()) {
            Some(first) => out.push(Warning {
                path: b.source.clone(),
                message: format!(
                    "has the same title as {}: “{}”; readers cannot tell them apart in lists and search, so give one a title of its own",
                    first.display(),
                    b.title
                ),
            }),
            None => {
                seen.insert(key, &b.source);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Source, SourceFormat};

    fn briefing_at(source: &str, slug: &str, title: &str) -> Briefing {
        let source = Source {
            path: source.into(),
            format: SourceFormat::Raw,
            text: "A title\n\nA line of text.\n".to_string(),
            sidecar: None,
            converted: None,
        };
        let doc = crate::parse::parse(&source).expect("parses");
        let mut b = crate::extract::extract(&doc).expect("extracts");
        b.slug = slug.to_string();
        b.title = title.to_string();
        b
    }

    #[test]
    fn clashing_names_in_subfolders_get_their_folder_in_the_slug() {
        let mut briefings = vec![
            briefing_at("seeds/a/x.txt", "x", "One"),
            briefing_at("seeds/b/c/x.txt", "x", "Two"),
            briefing_at("seeds/x.txt", "x", "Three"),
            briefing_at("seeds/d/y.txt", "y", "Four"),
            briefing_at("seeds/e/x.txt", "mine", "Five"),
        ];
        folder_slugs(&mut briefings);
        let slugs: Vec<String> = briefings.iter().map(|b| b.slug.clone()).collect();
        assert_eq!(slugs, ["a-x", "b-c-x", "x", "y", "mine"]);
        // Again, as a rebuild does with the briefings it kept: the same; and
        // once the clash is gone, the plain slug comes back.
        folder_slugs(&mut briefings);
        let again: Vec<String> = briefings.iter().map(|b| b.slug.clone()).collect();
        assert_eq!(again, slugs);
        let mut alone = vec![briefings.remove(0)];
        folder_slugs(&mut alone);
        assert_eq!(alone[0].slug, "x");
    }

    #[test]
    fn the_same_title_twice_names_both_files() {
        let briefings = vec![
            briefing_at("seeds/a.txt", "a", "Ferry fares rise"),
            briefing_at("seeds/b.txt", "b", "FERRY fares: rise!"),
            briefing_at("seeds/c.txt", "c", "Ferry fares fall"),
        ];
        let warnings = duplicate_titles(&briefings);
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].path, Path::new("seeds/b.txt"));
        assert!(warnings[0].message.contains("seeds/a.txt"));
    }
}

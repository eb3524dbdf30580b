//! The site's URL scheme: where every page lives in the output, relative to
//! its root, and the helpers that turn such a path into a link. Every path
//! is a folder's `index.html` (or a top-level file), so the output works from
//! `file://` and any sub-path. The only absolute URLs are built from
//! `base_url`, which [`crate::config`] has already normalised (absolute, with
//! a trailing `/`).

use crate::index::SiteInfo;

/// Where a briefing's page lives, relative to the site root.
pub fn briefing_path(slug: &str) -> String {
    format!("briefings/{slug}/index.html")
}

/// Where an entity's page lives.
pub fn entity_path(slug: &str) -> String {
    format!("entities/{slug}/index.html")
}

/// Where a tag's page lives (`slug` from `render::tags::tag_slug`).
pub fn tag_path(slug: &str) -> String {
    format!("tags/{slug}/index.html")
}

/// Page `n` (from 0) of the index: `index.html`, then `page/2/index.html`...
pub fn index_path(n: usize) -> String {
    if n == 0 {
        "index.html".to_string()
    } else {
        format!("page/{}/index.html", n + 1)
    }
}

/// Page `n` (from 0) of the questions index.
pub fn questions_path(n: usize) -> String {
    if n == 0 {
        "questions/index.html".to_string()
    } else {
        format!("questions/page/{}/index.html", n + 1)
    }
}

/// Page `n` (from 0) of an entity's page: `entities/<slug>/index.html`,
/// then `entities/<slug>/page/2/index.html`...
pub fn entity_page_path(slug: &str, n: usize) -> String {
    if n == 0 {
        entity_path(slug)
    } else {
        format!("entities/{slug}/page/{}/index.html", n + 1)
    }
}

/// Volume `n` (from 0) of the print book: `print.html`, then `print-2.html`...
pub fn volume_path(n: usize) -> String {
    if n == 0 {
        "print.html".to_string()
    } else {
        format!("print-{}.html", n + 1)
    }
}

/// The `../` prefix leading from a page at `path` back to the output root.
pub fn root_of(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

/// The page's full URL, when the site has a `base_url`.
pub fn canonical(base_url: Option<&str>, path: &str) -> Option<String> {
    base_url.map(|base| format!("{base}{path}"))
}

/// The site's `base_url` (normalised by the config: absolute, ending in
/// `/`), or `None` when it has none.
pub fn base_url(info: &SiteInfo) -> Option<String> {
    info.base_url.clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_pages_have_short_paths_and_later_ones_are_numbered_from_two() {
        assert_eq!(index_path(0), "index.html");
        assert_eq!(index_path(1), "page/2/index.html");
        assert_eq!(questions_path(0), "questions/index.html");
        assert_eq!(questions_path(2), "questions/page/3/index.html");
        assert_eq!(volume_path(0), "print.html");
        assert_eq!(volume_path(1), "print-2.html");
    }

    #[test]
    fn root_climbs_one_level_per_folder() {
        assert_eq!(root_of("index.html"), "");
        assert_eq!(root_of(&briefing_path("a")), "../../");
        assert_eq!(root_of(&questions_path(1)), "../../../");
    }

    #[test]
    fn canonical_is_the_base_and_the_path_or_nothing() {
        assert_eq!(
            canonical(Some("https://example.org/b/"), &entity_path("x")).as_deref(),
            Some("https://example.org/b/entities/x/index.html")
        );
        assert_eq!(canonical(None, &tag_path("x")), None);
    }
}

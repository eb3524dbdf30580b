//! Every file of the built-in theme can be overridden: a site's
//! `templates/NAME` replaces the built-in `NAME`, whether the page would
//! otherwise be written natively or through Tera. Each override below
//! carries a marker of its own, and the build must show every marker.

mod common;

use briefing::config::Config;
use common::{copy_sample_sources, tree};
use std::path::Path;

/// `text` with `marker` where it shows in the output: inside the `main`
/// block of a page that extends `base.html`, before `</body>` in
/// `base.html`, and at the end of a partial, an XML template or a static
/// file (in a comment of its language).
fn marked(name: &str, text: &str, marker: &str) -> String {
    let comment = if name.ends_with(".css") {
        format!("/* {marker} */\n")
    } else if name.ends_with(".js") {
        format!("// {marker}\n")
    } else {
        format!("<!-- {marker} -->\n")
    };
    if name == "base.html" {
        return text.replacen("</body>", &format!("{comment}</body>"), 1);
    }
    if text.starts_with("{% extends") {
        let open = "{% block main %}";
        assert!(text.contains(open), "{name} has no main block");
        return text.replacen(open, &format!("{open}{comment}"), 1);
    }
    format!("{text}{comment}")
}

fn sample_site(into: &Path) {
    copy_sample_sources(into);
    // A base_url, so the feed and the sitemap are written too, short lists
    // and volumes, so the page numbers are, and the print book.
    std::fs::write(
        into.join("briefing.toml"),
        "title = \"Overrides\"\nbase_url = \"https://example.org/o/\"\n\
         paginate_by = 2\nprint_volume_size = 2\nprint = true\n",
    )
    .unwrap();
}

#[test]
fn every_template_and_static_file_of_the_theme_can_be_overridden() {
    let root = tempfile::tempdir().unwrap();
    let site = root.path().join("site");
    sample_site(&site);
    let files = briefing::render::builtin_files();
    assert!(files.len() > 20, "the theme lists {} files", files.len());
    let mut markers = Vec::new();
    for (name, bytes) in &files {
        let text = std::str::from_utf8(bytes).unwrap();
        let marker = format!("override of {name}");
        let path = site.join("templates").join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, marked(name, text, &marker)).unwrap();
        markers.push((name.to_string(), marker));
    }
    let out = root.path().join("out");
    let config = Config::load(&site, Some(&out)).unwrap();
    let theme = briefing::render::Theme::for_config(&config).unwrap();
    assert_eq!(
        theme.native_pages(),
        briefing::render::NativePages::default(),
        "a page whose templates are overridden is not written natively"
    );
    briefing::pipeline::build(&config).unwrap();
    let output = tree(&out);
    let missing: Vec<&String> = markers
        .iter()
        .filter(|(_, marker)| {
            !output
                .values()
                .any(|bytes| String::from_utf8_lossy(bytes).contains(marker.as_str()))
        })
        .map(|(name, _)| name)
        .collect();
    assert!(
        missing.is_empty(),
        "these overrides did not reach the output: {missing:?}"
    );
}

#[test]
fn a_site_copy_of_the_theme_left_as_it_is_keeps_the_native_pages() {
    let root = tempfile::tempdir().unwrap();
    let site = root.path().join("site");
    sample_site(&site);
    for (name, bytes) in briefing::render::builtin_files() {
        let path = site.join("templates").join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, bytes).unwrap();
    }
    let config = Config::load(&site, Some(&root.path().join("out"))).unwrap();
    let theme = briefing::render::Theme::for_config(&config).unwrap();
    assert_eq!(theme.native_pages(), briefing::render::NativePages::ALL);
}

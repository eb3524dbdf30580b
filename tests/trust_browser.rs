//! The `briefing serve` error overlay in a real headless Chromium: drawn
//! by the live-reload script over an open page, and by the server on a
//! page loaded after the failure, it stays readable in the light and the
//! dark colour scheme (contrast of its text on its own background).
//! Skipped, with a note, without Chromium (a failure when `CI=true`).

// Shared with tests/browser.rs, which uses all of it.
#[allow(dead_code)]
#[path = "browser/driver.rs"]
mod driver;

mod trust_support;

use driver::Driver;
use std::path::Path;
use std::time::{Duration, Instant};
use trust_support::{next_line, serve};

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// The lowest contrast ratio (WCAG) of the overlay's title and error text
/// against the box's background, or null without an overlay.
const CONTRAST: &str = r#"
const box = document.getElementById("__briefing-overlay");
if (!box) return null;
const rgb = (c) => c.match(/[\d.]+/g).slice(0, 3).map(Number);
const lum = (c) => {
  const [r, g, b] = rgb(c).map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
const bg = getComputedStyle(box).backgroundColor;
let least = 99;
for (const el of [box.querySelector("p"), box.querySelector("pre")]) {
  const style = getComputedStyle(el);
  // Text on the box's own background: the children must not paint one.
  if (style.backgroundColor !== "rgba(0, 0, 0, 0)") return "own background " + style.backgroundColor;
  least = Math.min(least, ratio(style.color, bg));
}
return least;
"#;

#[test]
fn the_error_overlay_is_readable_in_light_and_dark_schemes() {
    let Ok(chrome) = briefing::pdf::find_chrome(None) else {
        if std::env::var("CI").as_deref() == Ok("true") {
            panic!("Chromium is missing, and CI=true");
        }
        eprintln!("note: skipping the overlay browser test: no Chromium");
        return;
    };
    let site = tempfile::tempdir().unwrap();
    write(
        site.path(),
        "content/ferry.md",
        "+++\ntitle = \"Ferry times change\"\ndate = 2025-04-02\n+++\n\n## When do the boats run?\n\nThe first boat now leaves at six.\n\n```\nA code block, so the site's own pre style is on the page.\n```\n",
    );
    let (mut child, seen) = serve(site.path());
    let wait_for = |prefix: &str| next_line(&seen, prefix);
    let serving = wait_for("serving http://127.0.0.1:").expect("no address");
    let url = serving["serving ".len()..]
        .split(' ')
        .next()
        .unwrap()
        .to_string();
    assert!(wait_for("built ").is_some(), "no first build");
    let driver = Driver::launch(&chrome);
    let page = format!("{url}briefings/ferry/index.html");
    driver.goto(&page);
    write(
        site.path(),
        "content/ferry.md",
        "+++\ntags = \"ferries\"\n+++\n\nBroken.\n",
    );
    assert!(
        wait_for("error: ").is_some(),
        "the bad edit was not reported"
    );
    // Drawn by live.js over the open page.
    let deadline = Instant::now() + Duration::from_secs(20);
    while driver.eval(CONTRAST).is_null() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    let mut results = Vec::new();
    for scheme in ["light", "dark"] {
        driver.set_color_scheme(scheme);
        results.push((scheme, "script", driver.eval(CONTRAST)));
        // Drawn by the server on a page loaded now.
        driver.goto(&page);
        results.push((scheme, "server", driver.eval(CONTRAST)));
    }
    let _ = child.kill();
    let _ = child.wait();
    for (scheme, by, contrast) in results {
        let ratio = contrast
            .as_f64()
            .unwrap_or_else(|| panic!("{scheme}, {by}: {contrast}"));
        assert!(
            ratio >= 7.0,
            "{scheme} scheme, overlay drawn by the {by}: contrast {ratio:.1}"
        );
    }
}

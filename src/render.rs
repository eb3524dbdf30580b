//! Render stage (placeholder until the theme lands).
use crate::error::Result;
use crate::index::Site;
use std::path::Path;

pub struct Theme;
impl Theme {
    pub fn load(_site_templates: Option<&Path>) -> Result<Theme> {
        Ok(Theme)
    }
}
pub struct Page {
    pub path: String,
    pub bytes: Vec<u8>,
}
pub fn render(site: &Site, _theme: &Theme) -> Result<Vec<Page>> {
    Ok(site
        .briefings
        .iter()
        .map(|b| Page {
            path: format!("briefings/{}/index.html", b.slug),
            bytes: b.title.clone().into_bytes(),
        })
        .collect())
}

//! Index stage: gathers every extracted [`Briefing`] into a [`Site`], checks
//! what only the whole set can reveal (duplicate slugs), and orders it
//! (newest first, undated last). Cross-links are computed here, never while
//! rendering.

use crate::model::Briefing;
use serde::Serialize;

/// Site-wide settings the renderer needs, taken from the validated config.
#[derive(Debug, Clone, Serialize)]
pub struct SiteInfo {
    pub title: String,
    pub description: Option<String>,
    /// BCP 47 language tag for `<html lang>`.
    pub language: String,
}

/// The whole site, ready to render: briefings newest first (undated last,
/// ties by title then slug).
#[derive(Debug, Clone, Serialize)]
pub struct Site {
    pub info: SiteInfo,
    pub briefings: Vec<Briefing>,
}

//! `briefing` turns raw articles and authored Markdown into a static,
//! cross-linked, printable briefing site.
//!
//! The pipeline, one module per stage, data flowing one way:
//! [`load`] sources -> [`parse`] documents -> [`extract`] briefings ->
//! [`index`] the site -> [`render`] pages -> [`write`] the output folder.

// No function longer than clippy.toml's threshold (120 lines).
#![cfg_attr(not(test), warn(clippy::too_many_lines))]

pub mod check;
pub mod config;
pub mod decode;
pub mod error;
pub mod extract;
pub mod incremental;
pub mod index;
pub mod json;
pub mod load;
pub mod model;
pub mod parse;
pub mod pdf;
pub mod pipeline;
pub mod read;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod sources;
pub mod text;
pub mod write;

pub use error::{Error, Result};

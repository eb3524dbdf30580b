//! Entity extraction (stub until the real rules land).
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Organization,
    Place,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entity {
    pub name: String,
    pub kind: EntityKind,
    pub aliases: Vec<String>,
    pub role: Option<String>,
    pub mentions: Vec<Mention>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mention {
    pub paragraph: usize,
    pub start: usize,
    pub end: usize,
    pub text: String,
}

pub fn find_entities(_paragraphs: &[&str]) -> Vec<Entity> {
    Vec::new()
}

pub fn name_key(name: &str) -> String {
    crate::text::slugify(name)
}

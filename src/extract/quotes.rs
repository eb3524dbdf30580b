//! Quote extraction (stub).
use super::entities::Entity;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quote {
    pub speaker: Option<String>,
    pub text: String,
    pub paragraph: usize,
}

pub fn find_quotes(_paragraphs: &[&str], _entities: &[Entity]) -> Vec<Quote> {
    Vec::new()
}

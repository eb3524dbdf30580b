//! Figure extraction (stub).
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    pub value: String,
    pub label: String,
    pub sentence: String,
    pub paragraph: usize,
}

pub fn find_figures(_paragraphs: &[&str]) -> Vec<Figure> {
    Vec::new()
}

//! The nothing-lost property: every non-empty line of a raw source ends up
//! exactly once in the extracted briefing (title, lead, a heading, a
//! paragraph, a caption, the credit or a metadata line), and the briefing
//! holds nothing else.

mod common;

use briefing::model::{Briefing, MetaRole};
use common::{repo, shared_seeds, txt_files};
use std::path::Path;

fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every piece of text the briefing holds, each as consumable text.
fn pieces(b: &Briefing, title_from_text: bool) -> Vec<String> {
    let mut pieces = Vec::new();
    if title_from_text {
        pieces.push(b.title.clone());
    }
    for c in &b.captions {
        pieces.push(match &c.credit {
            Some(credit) => format!("{} ({credit})", c.text),
            None => c.text.clone(),
        });
    }
    pieces.extend(b.lead.iter().map(|p| p.text.clone()));
    for s in &b.sections {
        pieces.push(s.heading.clone());
        pieces.extend(s.paragraphs.iter().map(|p| p.text.clone()));
    }
    // A credit taken from a byline's or dateline's agency is part of that line.
    let agency = |m: &briefing::model::MetaLine| match &m.meta {
        MetaRole::Byline { agency, .. } | MetaRole::Dateline { agency, .. } => agency.clone(),
        _ => None,
    };
    pieces.extend(
        b.credit
            .clone()
            .filter(|c| !b.meta_lines.iter().any(|m| agency(m).as_ref() == Some(c))),
    );
    // Date lines, bylines, blurbs and residue are kept as metadata lines.
    pieces.extend(
        b.meta_lines
            .iter()
            .filter(|m| !is_prefix(m))
            .map(|m| m.text.clone()),
    );
    pieces.into_iter().map(|p| normalise(&p)).collect()
}

/// Datelines and speaker labels are cut off the front of a paragraph.
fn is_prefix(m: &briefing::model::MetaLine) -> bool {
    matches!(m.meta, MetaRole::Dateline { .. } | MetaRole::Label { .. })
}

fn assert_nothing_lost(path: &Path) {
    let source = briefing::load::load_file(path).unwrap();
    let doc = briefing::parse::parse(&source).unwrap();
    let title_from_text = doc
        .blocks
        .iter()
        .any(|b| matches!(b.kind, briefing::model::BlockKind::Title { .. }));
    let b = briefing::extract::extract(&doc).unwrap();
    let mut remaining = pieces(&b, title_from_text);
    let mut prefixes: Vec<String> = b
        .meta_lines
        .iter()
        .filter(|m| is_prefix(m))
        .map(|m| normalise(&m.text))
        .collect();
    for line in source.text.lines() {
        let mut line = normalise(line);
        if line.is_empty() {
            continue;
        }
        // The date marker is consumed into the date; the rest of its line is content.
        if let Some(rest) = line.strip_prefix("date ") {
            if let Some(date) = rest
                .get(..10)
                .filter(|d| b.date.map(|bd| bd.to_string()).as_deref() == Some(*d))
            {
                line = normalise(&rest[date.len()..]);
                if line.is_empty() {
                    continue;
                }
            }
        }
        // A line that opened with a dateline or label: the rest is text.
        if let Some(at) = prefixes.iter().position(|p| line.starts_with(p.as_str())) {
            let prefix = prefixes.remove(at);
            line = normalise(&line[prefix.len()..]);
        }
        let found = remaining.iter_mut().find(|piece| piece.contains(&line));
        match found {
            Some(piece) => *piece = piece.replacen(&line, "", 1),
            None => panic!("{}: line lost or used twice: {line:?}", path.display()),
        }
    }
    for piece in remaining {
        assert!(
            piece.trim().is_empty(),
            "{}: extracted text not from any line: {piece:?}",
            path.display()
        );
    }
}

#[test]
fn nothing_lost_in_shared_seeds() {
    let Some(seeds) = shared_seeds() else { return };
    for file in txt_files(&seeds) {
        assert_nothing_lost(&file);
    }
}

#[test]
fn nothing_lost_in_raw_fixtures() {
    let files = txt_files(&repo().join("tests/fixtures/raw"));
    assert!(files.len() >= 10);
    for file in files {
        assert_nothing_lost(&file);
    }
}

#[test]
fn nothing_lost_in_sample_seeds() {
    for file in txt_files(&repo().join("seeds")) {
        assert_nothing_lost(&file);
    }
}

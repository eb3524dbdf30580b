//! `briefing extract`.

use briefing::model::{Briefing, SectionKind};
use std::path::PathBuf;
use std::process::ExitCode;

/// Print what is extracted from source files (raw .txt or Markdown).
#[derive(clap::Args)]
pub struct Args {
    /// Files to extract.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Print a JSON array, one object per file (a stable format).
    #[arg(long)]
    pub json: bool,
    /// Show, line by line, what each block of the source was read as and
    /// the parser rule that decided it (metadata and residue lines too),
    /// then every quote with its speaker, the rule that chose the speaker
    /// and its confidence (and the quoted terms that are not quotes).
    #[arg(long, conflicts_with = "json")]
    pub explain: bool,
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let sources = args
        .files
        .iter()
        .map(|path| briefing::load::load_file(path))
        .collect::<Result<Vec<_>, _>>()?;
    let briefings = briefing::pipeline::extract_all(&sources, Default::default())?;
    let output = if args.json {
        briefing::json::to_json(&briefings)
    } else if args.explain {
        let mut out = String::new();
        for (source, b) in sources.iter().zip(&briefings) {
            out.push_str(&describe(b));
            out.push_str(&explain_blocks(source)?);
            out.push_str(&explain_entities(b));
            out.push_str(&explain_quotes(b));
        }
        out
    } else {
        briefings.iter().map(describe).collect()
    };
    super::write_stdout(&output)?;
    Ok(ExitCode::SUCCESS)
}

/// Human-readable outline of one briefing.
fn describe(b: &Briefing) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let _ = writeln!(out, "{}", b.source.display());
    let _ = writeln!(out, "  title:   {}", b.title);
    let _ = writeln!(out, "  slug:    {}", b.slug);
    let _ = writeln!(
        out,
        "  date:    {}",
        b.date.map_or("-".to_string(), |d| d.to_string())
    );
    let _ = writeln!(out, "  credit:  {}", b.credit.as_deref().unwrap_or("-"));
    let _ = writeln!(out, "  lead:    {} paragraphs", b.lead.len());
    for c in &b.captions {
        let _ = writeln!(
            out,
            "  caption: {} ({})",
            c.text,
            c.credit.as_deref().unwrap_or("no credit")
        );
    }
    for s in &b.sections {
        let indent = if s.level > 2 { "    " } else { "  " };
        let marker = match s.kind {
            SectionKind::Question => "Q",
            SectionKind::Statement => "S",
        };
        let _ = writeln!(
            out,
            "{indent}{marker} {} (#{}, line {}, {} paragraphs)",
            s.heading,
            s.anchor,
            s.line,
            s.paragraphs.len()
        );
        if let Some(answer) = &s.short_answer {
            let _ = writeln!(out, "{indent}  -> {answer}");
        }
    }
    out.push('\n');
    out
}

/// Every block of a source with its line, what it became and the rule.
fn explain_blocks(source: &briefing::model::Source) -> anyhow::Result<String> {
    use briefing::model::BlockKind;
    use std::fmt::Write;
    let doc = briefing::parse::parse(source)?;
    let mut out = String::from("  blocks (line, read as, rule):\n");
    for block in &doc.blocks {
        let (what, text) = match &block.kind {
            BlockKind::Title { text } => ("title", text.as_str()),
            BlockKind::Heading { text, level: 3 } => ("heading 3", text.as_str()),
            BlockKind::Heading { text, .. } => ("heading 2", text.as_str()),
            BlockKind::Paragraph(p) => ("paragraph", p.text.as_str()),
            BlockKind::Caption(c) => ("caption", c.text.as_str()),
            BlockKind::Credit { text } => ("credit", text.as_str()),
            BlockKind::Meta { text, .. } => ("metadata", text.as_str()),
        };
        let preview: String = text.chars().take(60).collect();
        let more = if text.chars().count() > 60 { "…" } else { "" };
        let _ = writeln!(
            out,
            "    {:>5}  {what:<10} {:<44} {preview}{more}",
            block.line, block.rule
        );
    }
    out.push('\n');
    Ok(out)
}

/// Each entity with the rules that found it and its confidence; a
/// doubtful one says so (no page, a `check` warning).
fn explain_entities(b: &Briefing) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    for e in &b.entities {
        let kind = match e.kind {
            briefing::model::EntityKind::Person => "person",
            briefing::model::EntityKind::Organization => "organisation",
            briefing::model::EntityKind::Place => "place",
        };
        let first = e
            .mentions
            .first()
            .map(|m| format!(", first as \"{}\" in unit {}", m.text, m.paragraph))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "  {kind} {} ({} mentions{first})",
            e.name,
            e.mentions.len()
        );
        if !e.aliases.is_empty() {
            let _ = writeln!(out, "    aliases: {}", e.aliases.join(", "));
        }
        let verdict = if e.is_doubtful() {
            format!(
                " below {:.2}: doubtful, no page; confirm it in the registry",
                briefing::model::MIN_ENTITY_CONFIDENCE
            )
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "    evidence: {} (confidence {:.2}{verdict})",
            e.evidence.join(", "),
            e.confidence
        );
    }
    if !b.entities.is_empty() {
        out.push('\n');
    }
    out
}

/// Each quote with its speaker, rule and confidence.
fn explain_quotes(b: &Briefing) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    for q in &b.quotes {
        let words: Vec<&str> = q.text.split_whitespace().take(8).collect();
        let _ = writeln!(
            out,
            "  quote (paragraph {}, bytes {}-{}): \"{}{}\"",
            q.paragraph,
            q.start,
            q.end,
            words.join(" "),
            if q.text.split_whitespace().count() > 8 {
                " ..."
            } else {
                ""
            }
        );
        let _ = match (&q.speaker, q.rule) {
            (Some(s), Some(rule)) => writeln!(
                out,
                "    speaker: {s} (rule {rule}, confidence {:.2})",
                q.confidence
            ),
            (None, Some(rule)) if q.confidence == 0.0 => {
                writeln!(
                    out,
                    "    speaker: none (rule {rule}: the text names no entity)"
                )
            }
            (None, Some(rule)) => writeln!(
                out,
                "    speaker: none (rule {rule}, confidence {:.2} below {:.2})",
                q.confidence,
                briefing::extract::quotes::MIN_CONFIDENCE
            ),
            _ => writeln!(out, "    speaker: none (no rule applies)"),
        };
    }
    for t in &b.terms {
        let _ = writeln!(
            out,
            "  term (paragraph {}, not a quote: no speech verb near, or a title): \"{}\"",
            t.paragraph, t.text
        );
    }
    if !(b.quotes.is_empty() && b.terms.is_empty()) {
        out.push('\n');
    }
    out
}

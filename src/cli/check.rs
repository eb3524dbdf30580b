//! `briefing check`.

use super::{Cli, count, report};
use std::path::PathBuf;
use std::process::ExitCode;

/// Check the site without writing anything: broken sources, duplicate
/// slugs, missing dates, briefings without headings, suspicious raw lines,
/// unused registry entries, template errors, broken links and anchors, and
/// (as notes) short answers guessed from the answer's first sentence.
///
/// Prints one finding a line, `file:line: error|warning|note: message`, and
/// exits non-zero when there is an error (or a warning, with
/// --deny-warnings); a note never fails.
#[derive(clap::Args)]
pub struct Args {
    /// Site folder.
    #[arg(default_value = ".")]
    pub site_dir: PathBuf,
    /// Output format: `text` (one finding a line) or `json` (an array of
    /// {file, line, severity, message}).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Fail on warnings too (for CI).
    #[arg(long)]
    pub deny_warnings: bool,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}

pub fn run(cli: &Cli, args: &Args) -> anyhow::Result<ExitCode> {
    super::require_site(&args.site_dir, |site| super::command_for("check", site))?;
    let spinner = report::spinner(cli.quiet, "checking");
    let report = briefing::check::check(&args.site_dir);
    spinner.finish_and_clear();
    match args.format {
        Format::Json => {
            let mut text = serde_json::to_string_pretty(&report.findings)?;
            text.push('\n');
            super::write_stdout(&text)?;
        }
        Format::Text => {
            let text: String = report
                .findings
                .iter()
                .filter(|f| !cli.quiet || f.severity == briefing::check::Severity::Error)
                .map(|f| {
                    format!(
                        "{}:{}: {}: {}\n",
                        f.file,
                        f.line,
                        report::styled(&f.severity.to_string()),
                        f.message
                    )
                })
                .collect();
            use std::io::Write;
            let mut out = anstream::stdout().lock();
            match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
                other => other?,
            }
        }
    }
    let passes = report.passes(args.deny_warnings);
    if !cli.quiet {
        report::plain(&format!(
            "checked {} and {} ({}): {}, {}",
            count(report.briefings, "briefing", "briefings"),
            count(report.links, "link", "links"),
            count(report.pages, "file", "files"),
            count(report.errors(), "error", "errors"),
            count(report.warnings(), "warning", "warnings"),
        ));
        if report.notes() > 0 {
            report::note(&format!(
                "{}: see the `note:` lines",
                count(
                    report.notes(),
                    "short answer was guessed",
                    "short answers were guessed"
                )
            ));
        }
        if !passes && report.errors() == 0 {
            report::note("failing on warnings (--deny-warnings)");
        }
    }
    Ok(if passes {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

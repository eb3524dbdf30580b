//! `briefing new`.

use super::Cli;
use briefing::config::Config;
use briefing::scaffold::{NewKind, new_briefing};
use std::path::PathBuf;
use std::process::ExitCode;

/// Add a briefing: content/<slug>.md with front matter, or with --raw
/// seeds/<slug>.txt and its seeds/<slug>.toml sidecar. Prints the path(s).
#[derive(clap::Args)]
pub struct Args {
    /// The briefing's title; the file name is made from it.
    pub title: String,
    /// Site folder.
    #[arg(default_value = ".")]
    pub site_dir: PathBuf,
    /// A raw text file with a sidecar, instead of Markdown.
    #[arg(long)]
    pub raw: bool,
}

pub fn run(_cli: &Cli, args: &Args) -> anyhow::Result<ExitCode> {
    super::require_site(&args.site_dir, |site| {
        let raw = if args.raw { " --raw" } else { "" };
        super::command_for(&format!("new{raw} {:?}", args.title), site)
    })?;
    let config = Config::load(&args.site_dir, None)?;
    let kind = if args.raw {
        NewKind::Raw
    } else {
        NewKind::Markdown
    };
    let today = chrono::Local::now().date_naive();
    let created = new_briefing(&config, &args.title, kind, today)?;
    let text: String = created
        .paths
        .iter()
        .map(|p| format!("{}\n", p.strip_prefix(".").unwrap_or(p).display()))
        .collect();
    super::write_stdout(&text)?;
    Ok(ExitCode::SUCCESS)
}

//! `briefing serve`.
use super::Cli;
use std::process::ExitCode;

/// Build, serve and rebuild on every change.
#[derive(clap::Args)]
pub struct Args {}

pub fn run(_cli: &Cli, _args: &Args) -> anyhow::Result<ExitCode> {
    Ok(ExitCode::SUCCESS)
}

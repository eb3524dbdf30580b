//! `briefing completions` and `briefing man`, generated from the clap
//! definition so they never drift from the real command line.

use std::process::ExitCode;

/// Print shell completions, e.g. `briefing completions bash > ~/.local/share/bash-completion/completions/briefing`.
#[derive(clap::Args)]
pub struct Args {
    /// The shell to complete for.
    pub shell: clap_complete::Shell,
}

/// Print the man page (roff), e.g. `briefing man > briefing.1`.
#[derive(clap::Args)]
pub struct ManArgs {}

pub fn completions(args: &Args, mut command: clap::Command) -> anyhow::Result<ExitCode> {
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut command, "briefing", &mut out);
    super::write_stdout(&String::from_utf8_lossy(&out))?;
    Ok(ExitCode::SUCCESS)
}

pub fn man(_args: &ManArgs, command: clap::Command) -> anyhow::Result<ExitCode> {
    let mut out = Vec::new();
    clap_mangen::Man::new(command).render(&mut out)?;
    super::write_stdout(&String::from_utf8_lossy(&out))?;
    Ok(ExitCode::SUCCESS)
}

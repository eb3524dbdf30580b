//! The command line: one module per subcommand. Each parses its arguments
//! (clap), calls the library and reports; no decisions are made here.

mod build;
mod check;
mod completions;
mod extract;
mod init;
mod new;
mod pdf;
mod report;
mod serve;

use clap::{CommandFactory, Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "briefing",
    version,
    about = "Turn source documents into a cross-linked, printable briefing site"
)]
pub struct Cli {
    /// Say more: skipped files, sources without headings.
    #[arg(short, long, global = true, conflicts_with = "quiet")]
    pub verbose: bool,
    /// Print errors only.
    #[arg(short, long, global = true)]
    pub quiet: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    Build(build::Args),
    Extract(extract::Args),
    Pdf(pdf::Args),
    Init(init::Args),
    New(new::Args),
    Check(check::Args),
    Serve(serve::Args),
    Completions(completions::Args),
    Man(completions::ManArgs),
}

/// Parses the command line, runs the subcommand and turns its outcome into
/// an exit code: 0 success, 1 failure (2, usage errors, comes from clap).
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match &cli.command {
        Command::Build(args) => build::run(&cli, args),
        Command::Extract(args) => extract::run(args),
        Command::Pdf(args) => pdf::run(&cli, args),
        Command::Init(args) => init::run(&cli, args),
        Command::New(args) => new::run(&cli, args),
        Command::Check(args) => check::run(&cli, args),
        Command::Serve(args) => serve::run(&cli, args),
        Command::Completions(args) => completions::completions(args, Cli::command()),
        Command::Man(args) => completions::man(args, Cli::command()),
    };
    match outcome {
        Ok(code) => code,
        Err(error) => {
            if let Some(library) = error.downcast_ref::<briefing::Error>() {
                report::library_error(library);
                return ExitCode::FAILURE;
            }
            let message = error.to_string();
            report::error(&message);
            // Library errors already say why (`cannot write x: No space
            // left on device`); print only causes the message leaves out.
            for cause in error.chain().skip(1) {
                let cause = cause.to_string();
                if !message.contains(&cause) {
                    report::plain(&format!("  caused by: {cause}"));
                }
            }
            ExitCode::FAILURE
        }
    }
}

/// "1 briefing", "3 briefings".
pub fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// Fails early, with the folder's name, when a site folder is missing.
pub fn require_site_dir(site_dir: &std::path::Path) -> anyhow::Result<()> {
    if !site_dir.is_dir() {
        anyhow::bail!(
            "site folder {} does not exist; make one with `briefing init {}`",
            site_dir.display(),
            site_dir.display()
        );
    }
    Ok(())
}

/// Writes to stdout; a closed pipe (`briefing ... | head`) is not an error.
pub fn write_stdout(text: &str) -> anyhow::Result<()> {
    use anyhow::Context;
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other.context("cannot write to standard output")?),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_command_line_definition_is_consistent() {
        use clap::CommandFactory;
        super::Cli::command().debug_assert();
    }
}

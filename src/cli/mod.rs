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

/// What `build` and `serve` both open their summary with: "built 4
/// briefings (13 questions, 2 statement sections, 15 entities)".
pub fn built(briefings: usize, questions: usize, statements: usize, entities: usize) -> String {
    format!(
        "built {} ({}, {}, {})",
        count(briefings, "briefing", "briefings"),
        count(questions, "question", "questions"),
        count(statements, "statement section", "statement sections"),
        count(entities, "entity", "entities"),
    )
}

/// "1 briefing", "3 briefings".
pub fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// Fails early when `site_dir` is not a site folder: missing, or holding
/// none of `briefing.toml`, `content/` and `seeds/` (an empty folder, or a
/// folder inside a site such as `mysite/seeds`). The message suggests the
/// command that was probably meant, `command(site)` for the site folder
/// found above or below it, else `briefing init`.
pub fn require_site(
    site_dir: &std::path::Path,
    command: impl Fn(&std::path::Path) -> String,
) -> anyhow::Result<()> {
    if !site_dir.is_dir() {
        anyhow::bail!(
            "site folder {} does not exist; make one with `briefing init {}`",
            site_dir.display(),
            site_dir.display()
        );
    }
    if is_site(site_dir) {
        return Ok(());
    }
    let here = site_dir == std::path::Path::new(".");
    let suggestion = match nearby_site(site_dir) {
        Some(site) => format!("did you mean `{}`?", command(&site)),
        None if here => "make a site here with `briefing init`".to_string(),
        None => format!(
            "make a site there with `briefing init {}`",
            site_dir.display()
        ),
    };
    let name = if here {
        "the current folder".to_string()
    } else {
        site_dir.display().to_string()
    };
    anyhow::bail!("no briefing.toml, content/ or seeds/ in {name}; {suggestion}")
}

/// `briefing SUB SITE`, or `briefing SUB` when the site is here.
pub fn command_for(sub: &str, site: &std::path::Path) -> String {
    if site == std::path::Path::new(".") {
        format!("briefing {sub}")
    } else {
        format!("briefing {sub} {}", site.display())
    }
}

/// Whether a folder holds a site: `briefing.toml`, `content/` or `seeds/`.
fn is_site(dir: &std::path::Path) -> bool {
    dir.join(briefing::config::CONFIG_FILE).is_file()
        || dir.join("content").is_dir()
        || dir.join("seeds").is_dir()
}

/// The site folder `dir` is probably inside (up to four levels up, named
/// as the user named `dir`: `mysite/seeds` -> `mysite`, `.` -> `..`), else
/// the one site folder directly inside it.
fn nearby_site(dir: &std::path::Path) -> Option<std::path::PathBuf> {
    use std::path::{Component, PathBuf};
    let mut named: Vec<Component> = dir
        .components()
        .filter(|c| *c != Component::CurDir)
        .collect();
    let mut physical = dir.to_path_buf();
    for _ in 0..4 {
        physical.push("..");
        match named.last() {
            Some(Component::Normal(_)) => {
                named.pop();
            }
            Some(Component::RootDir | Component::Prefix(_)) => return None,
            _ => named.push(Component::ParentDir),
        }
        if is_site(&physical) {
            let shown: PathBuf = named.iter().collect();
            return Some(if shown.as_os_str().is_empty() {
                PathBuf::from(".")
            } else {
                shown
            });
        }
    }
    let mut inside: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir() && is_site(p))
        .collect();
    inside.sort();
    match inside.as_slice() {
        [one] => Some(one.strip_prefix(".").unwrap_or(one).to_path_buf()),
        _ => None,
    }
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

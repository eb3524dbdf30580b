//! `briefing init`.

use super::{Cli, report};
use std::path::PathBuf;
use std::process::ExitCode;

/// Make a new site: briefing.toml, content/, seeds/, templates/ and an
/// example briefing of each kind, ready to build.
#[derive(clap::Args)]
pub struct Args {
    /// Folder for the new site (made if missing; default: the current folder).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
}

pub fn run(cli: &Cli, args: &Args) -> anyhow::Result<ExitCode> {
    let created = briefing::scaffold::init(&args.dir)?;
    if !cli.quiet {
        report::plain(&format!("created a new site in {}:", args.dir.display()));
        for path in &created.paths {
            report::plain(&format!("  {}", path.display()));
        }
        let here = args.dir == std::path::Path::new(".");
        let with_dir = |sub: &str| {
            if here {
                format!("briefing {sub}")
            } else {
                format!("briefing {sub} {}", args.dir.display())
            }
        };
        let (build, serve) = (with_dir("build"), with_dir("serve"));
        report::plain(&format!(
            "next: `{build}` writes the site to dist/; `{serve}` previews it while you edit"
        ));
    }
    Ok(ExitCode::SUCCESS)
}

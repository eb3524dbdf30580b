//! `briefing pdf`.

use super::{Cli, count, report};
use briefing::config::Config;
use briefing::pdf::{BOOK_FILE, EACH_DIR, Paper, PdfOptions, print_book, print_each};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// Print the briefing book (or each briefing) to PDF with a local Chromium or Chrome.
///
/// Builds the site into a temporary folder (SITE_DIR/dist is left alone)
/// and prints it with the browser's headless mode.
#[derive(clap::Args)]
pub struct Args {
    /// Site folder holding content/, seeds/, optional templates/ and briefing.toml.
    #[arg(default_value = ".")]
    pub site_dir: PathBuf,
    /// Where to write: the book's PDF (default SITE_DIR/briefing-book.pdf),
    /// or with --each a folder (default SITE_DIR/pdf).
    #[arg(long, short)]
    pub out: Option<PathBuf>,
    /// One PDF per briefing, OUT/<slug>.pdf, instead of the book.
    #[arg(long)]
    pub each: bool,
    /// The Chromium or Chrome to use (default: $BRIEFING_CHROME, else chromium,
    /// chromium-browser, google-chrome, google-chrome-stable or chrome on PATH).
    #[arg(long, value_name = "PATH")]
    pub chrome: Option<PathBuf>,
    /// Seconds one browser run may take before it is stopped.
    #[arg(long, value_name = "SECONDS", default_value_t = 60)]
    pub timeout: u64,
    /// Paper size: a4, letter, a5 or legal (default: `paper` in briefing.toml, else a4).
    #[arg(long, value_name = "NAME")]
    pub paper: Option<Paper>,
    /// Date of issue on the cover, YYYY-MM-DD (default: the newest briefing's date).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<chrono::NaiveDate>,
}

pub fn run(cli: &Cli, args: &Args) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    super::require_site(&args.site_dir, |site| super::command_for("pdf", site))?;
    let config = Config::load(&args.site_dir, None)?;
    let options = PdfOptions {
        chrome: args.chrome.clone(),
        timeout: std::time::Duration::from_secs(args.timeout.max(1)),
        paper: args.paper,
        date: args.date,
    };
    let report = if args.each {
        let dir = args
            .out
            .clone()
            .unwrap_or_else(|| args.site_dir.join(EACH_DIR));
        print_each(&config, &dir, &options)?
    } else {
        let file = args
            .out
            .clone()
            .unwrap_or_else(|| args.site_dir.join(BOOK_FILE));
        print_book(&config, &file, &options)?
    };
    if !cli.quiet {
        if cli.verbose {
            report::plain(&format!("printed with {}", report.browser.display()));
        }
        for file in &report.files {
            report::plain(&format!("wrote {}", file.display()));
        }
        report::plain(&format!(
            "printed {} ({} on {}) in {:.2?}",
            count(report.files.len(), "PDF", "PDFs"),
            count(report.pages as usize, "page", "pages"),
            report.paper,
            started.elapsed()
        ));
    }
    Ok(ExitCode::SUCCESS)
}

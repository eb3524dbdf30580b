//! The `briefing` command line: argument parsing and reporting only; every
//! decision lives in the library.

use anyhow::Context;
use briefing::config::Config;
use briefing::model::{Briefing, SectionKind};
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

#[derive(Parser)]
#[command(
    name = "briefing",
    version,
    about = "Turn source documents into a cross-linked, printable briefing site"
)]
struct Cli {
    /// Say more: skipped files, sources without headings.
    #[arg(short, long, global = true, conflicts_with = "quiet")]
    verbose: bool,
    /// Print errors only.
    #[arg(short, long, global = true)]
    quiet: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site from content/ and seeds/ into dist/.
    Build {
        /// Site folder holding content/, seeds/, optional templates/ and briefing.toml.
        #[arg(default_value = ".")]
        site_dir: PathBuf,
        /// Output folder (default: SITE_DIR/dist). Replaced atomically on success.
        #[arg(long, short)]
        out: Option<PathBuf>,
        /// Print the time each stage took (load, parse, extract, index, render, write).
        #[arg(long)]
        timings: bool,
    },
    /// Print what is extracted from source files (raw .txt or Markdown).
    Extract {
        /// Files to extract.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Print a JSON array, one object per file (a stable format).
        #[arg(long)]
        json: bool,
    },
    /// Print the briefing book (or each briefing) to PDF with a local Chromium or Chrome.
    ///
    /// Builds the site into a temporary folder (SITE_DIR/dist is left alone)
    /// and prints it with the browser's headless mode.
    Pdf {
        /// Site folder holding content/, seeds/, optional templates/ and briefing.toml.
        #[arg(default_value = ".")]
        site_dir: PathBuf,
        /// Where to write: the book's PDF (default SITE_DIR/briefing-book.pdf),
        /// or with --each a folder (default SITE_DIR/pdf).
        #[arg(long, short)]
        out: Option<PathBuf>,
        /// One PDF per briefing, OUT/<slug>.pdf, instead of the book.
        #[arg(long)]
        each: bool,
        /// The Chromium or Chrome to use (default: $BRIEFING_CHROME, else chromium,
        /// chromium-browser, google-chrome, google-chrome-stable or chrome on PATH).
        #[arg(long, value_name = "PATH")]
        chrome: Option<PathBuf>,
        /// Seconds one browser run may take before it is stopped.
        #[arg(long, value_name = "SECONDS", default_value_t = 60)]
        timeout: u64,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(&cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            for cause in error.chain().skip(1) {
                eprintln!("  caused by: {cause}");
            }
            ExitCode::FAILURE
        }
    }
}

fn run(cli: &Cli) -> anyhow::Result<()> {
    match &cli.command {
        Command::Build {
            site_dir,
            out,
            timings,
        } => build(cli, site_dir, out.as_deref(), *timings),
        Command::Extract { files, json } => extract(files, *json),
        Command::Pdf {
            site_dir,
            out,
            each,
            chrome,
            timeout,
        } => pdf(cli, site_dir, out.as_deref(), *each, chrome, *timeout),
    }
}

fn pdf(
    cli: &Cli,
    site_dir: &std::path::Path,
    out: Option<&std::path::Path>,
    each: bool,
    chrome: &Option<PathBuf>,
    timeout: u64,
) -> anyhow::Result<()> {
    use briefing::pdf::{BOOK_FILE, EACH_DIR, PdfOptions, print_book, print_each};
    let started = Instant::now();
    if !site_dir.is_dir() {
        anyhow::bail!("site folder {} does not exist", site_dir.display());
    }
    let config = Config::load(site_dir, None)?;
    let options = PdfOptions {
        chrome: chrome.clone(),
        timeout: std::time::Duration::from_secs(timeout.max(1)),
    };
    let report = if each {
        let dir = out.map_or_else(|| site_dir.join(EACH_DIR), std::path::Path::to_path_buf);
        print_each(&config, &dir, &options)?
    } else {
        let file = out.map_or_else(|| site_dir.join(BOOK_FILE), std::path::Path::to_path_buf);
        print_book(&config, &file, &options)?
    };
    if !cli.quiet {
        if cli.verbose {
            eprintln!("printed with {}", report.browser.display());
        }
        for file in &report.files {
            eprintln!("wrote {}", file.display());
        }
        eprintln!(
            "printed {} in {:.2?}",
            count(report.files.len(), "PDF", "PDFs"),
            started.elapsed()
        );
    }
    Ok(())
}

fn build(
    cli: &Cli,
    site_dir: &std::path::Path,
    out: Option<&std::path::Path>,
    timings: bool,
) -> anyhow::Result<()> {
    let started = Instant::now();
    if !site_dir.is_dir() {
        anyhow::bail!("site folder {} does not exist", site_dir.display());
    }
    let config = Config::load(site_dir, out)?;
    let report = briefing::pipeline::build(&config).map_err(|e| {
        anyhow::anyhow!(
            "{e}\nnote: the build failed and wrote nothing; {} is as it was",
            config.out_dir.display()
        )
    })?;
    if !cli.quiet {
        for warning in &report.warnings {
            eprintln!("warning: {warning}");
        }
    }
    if cli.verbose {
        for skipped in &report.skipped {
            eprintln!("skipped {}: {}", skipped.path.display(), skipped.reason);
        }
        for name in &report.unmatched_registry {
            eprintln!(
                "note: the entity registry names `{name}`, but no briefing mentions it; check its spelling or aliases"
            );
        }
        for source in &report.without_headings {
            eprintln!("note: no headings found in {source}; it is shown as one block of text");
        }
    }
    if !cli.quiet {
        eprintln!(
            "built {} ({}, {}, {}) into {}: {} in {:.2?}",
            count(report.briefings, "briefing", "briefings"),
            count(report.questions, "question", "questions"),
            count(report.statements, "statement section", "statement sections"),
            count(report.entities, "entity", "entities"),
            config.out_dir.display(),
            count(report.pages, "file", "files"),
            started.elapsed()
        );
    }
    if timings {
        let total: std::time::Duration = report.timings.stages.iter().map(|(_, t)| *t).sum();
        for (stage, time) in &report.timings.stages {
            let share = 100.0 * time.as_secs_f64() / total.as_secs_f64().max(f64::EPSILON);
            eprintln!(
                "  {stage:<8} {:>10.1} ms  {share:>5.1}%",
                time.as_secs_f64() * 1000.0
            );
        }
        eprintln!("  {:<8} {:>10.1} ms", "total", total.as_secs_f64() * 1000.0);
    }
    Ok(())
}

/// "1 briefing", "3 briefings".
fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

fn extract(files: &[PathBuf], json: bool) -> anyhow::Result<()> {
    let sources = files
        .iter()
        .map(|path| briefing::load::load_file(path))
        .collect::<Result<Vec<_>, _>>()?;
    let briefings = briefing::pipeline::extract_all(&sources, Default::default())?;
    let output = if json {
        briefing::json::to_json(&briefings)
    } else {
        briefings.iter().map(describe).collect()
    };
    write_stdout(&output)
}

/// Writes to stdout; a closed pipe (`briefing extract ... | head`) is not an error.
fn write_stdout(text: &str) -> anyhow::Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other.context("cannot write to standard output")?),
    }
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

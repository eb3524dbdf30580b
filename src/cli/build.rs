//! `briefing build`.

use super::{Cli, count, report};
use briefing::config::Config;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// Build the site from content/ and seeds/ into dist/.
#[derive(clap::Args)]
pub struct Args {
    /// Site folder holding content/, seeds/, optional templates/ and briefing.toml.
    #[arg(default_value = ".")]
    pub site_dir: PathBuf,
    /// Output folder (default: SITE_DIR/dist). Replaced atomically on success.
    #[arg(long, short)]
    pub out: Option<PathBuf>,
    /// Print the time each stage took (load, parse, extract, index, render,
    /// write) and the peak memory.
    #[arg(long)]
    pub timings: bool,
    /// Render every page through the Tera templates, even the built-in
    /// theme's briefing and print pages, which are otherwise written
    /// directly (same bytes, faster); for checking a theme.
    #[arg(long)]
    pub tera_only: bool,
    /// Fail, writing nothing, when `briefing check` would report a warning
    /// (for CI); errors always fail.
    #[arg(long)]
    pub deny_warnings: bool,
    /// Skip counting what `briefing check` would report (gathered in the
    /// build's own run: each source as it is extracted, each page's links
    /// as it is written).
    #[arg(long, conflicts_with = "deny_warnings")]
    pub no_check: bool,
    /// Also write the print book (`print.html`, `print-2.html`, ...), as
    /// `print = true` in briefing.toml does; `briefing pdf` always does.
    #[arg(long)]
    pub print: bool,
}

/// `-v`: what came from the extraction cache and the render cache (a
/// `--no-check` build uses neither).
fn say_cached(report: &briefing::pipeline::BuildReport, no_check: bool) {
    report::plain(&format!(
        "{} of {} read from the extraction cache",
        report.cached_sources,
        count(report.briefings, "briefing", "briefings")
    ));
    if !no_check {
        report::plain(&format!(
            "{} rendered, {} linked unrendered from the last output (render cache)",
            count(report.rendered_jobs, "page job", "page jobs"),
            report.reused_jobs
        ));
    }
}

pub fn run(cli: &Cli, args: &Args) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    no_huge_pages();
    super::require_site(&args.site_dir, |site| super::command_for("build", site))?;
    let mut config = Config::load(&args.site_dir, args.out.as_deref())?;
    config.tera_only = args.tera_only;
    config.print |= args.print;
    let spinner = report::spinner(cli.quiet, "building");
    let progress = spinner.clone();
    // What `check` would report comes from the build's own run; with
    // --deny-warnings, a finding leaves the output as it was.
    let on_stage = move |stage| progress.set_message(format!("building: {stage}"));
    let (result, checked) = if args.no_check {
        let result = briefing::pipeline::build_observed(&config, on_stage);
        (result, briefing::check::CheckReport::default())
    } else {
        match briefing::check::build(&config, args.deny_warnings, on_stage) {
            Ok(built) if !built.written => {
                spinner.finish_and_clear();
                return Ok(refuse(cli, &built.checked, &config));
            }
            Ok(built) => {
                if let Some(why) = built.cache_note.as_deref().filter(|_| !cli.quiet) {
                    report::note(&format!(
                        "the extraction cache was not written ({why}); the next build extracts every source"
                    ));
                }
                (Ok(built.report), built.checked)
            }
            Err(e) => {
                // Every finding, as `check` gives them, when they fail the build.
                let checked = if args.deny_warnings {
                    briefing::check::check(&args.site_dir)
                } else {
                    briefing::check::CheckReport::default()
                };
                if !checked.passes(args.deny_warnings) {
                    spinner.finish_and_clear();
                    return Ok(refuse(cli, &checked, &config));
                }
                (Err(e), checked)
            }
        }
    };
    spinner.finish_and_clear();
    let report = match result {
        Ok(report) => report,
        Err(e) => {
            report::library_error(&e);
            report::note(&format!(
                "the build failed and wrote nothing; {} is as it was",
                config.out_dir.display()
            ));
            return Ok(ExitCode::FAILURE);
        }
    };
    if !cli.quiet {
        for warning in &report.warnings {
            report::located_warning(&warning.path, &warning.message);
        }
    }
    if cli.verbose {
        say_cached(&report, args.no_check);
        for skipped in &report.skipped {
            report::plain(&format!(
                "skipped {}: {}",
                skipped.path.display(),
                skipped.reason
            ));
        }
        for name in &report.unmatched_registry {
            report::note(&format!(
                "the entity registry names `{name}`, but no briefing mentions it; check its spelling or aliases"
            ));
        }
        for source in &report.without_headings {
            report::note(&format!(
                "no headings found in {source}; it is shown as one block of text"
            ));
        }
    }
    if !cli.quiet {
        report::plain(&format!(
            "{} into {}: {} in {:.2?}",
            super::built(
                report.briefings,
                report.questions,
                report.statements,
                report.entities
            ),
            config.out_dir.display(),
            count(report.pages, "file", "files"),
            started.elapsed()
        ));
        if !args.no_check {
            report::plain(&format!("check: {}", checked.summary()));
        }
    }
    if args.timings {
        let total: std::time::Duration = report.timings.stages.iter().map(|(_, t)| *t).sum();
        for (stage, time) in &report.timings.stages {
            let share = 100.0 * time.as_secs_f64() / total.as_secs_f64().max(f64::EPSILON);
            report::plain(&format!(
                "  {stage:<8} {:>10.1} ms  {share:>5.1}%",
                time.as_secs_f64() * 1000.0
            ));
        }
        report::plain(&format!(
            "  {:<8} {:>10.1} ms",
            "total",
            total.as_secs_f64() * 1000.0
        ));
        if let Some(kb) = peak_memory_kb() {
            report::plain(&format!("  {:<8} {:>10.1} MB", "peak", kb as f64 / 1024.0));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `--deny-warnings` and `check` found something: every finding, the
/// count, and a failure with the output folder untouched.
fn refuse(cli: &Cli, checked: &briefing::check::CheckReport, config: &Config) -> ExitCode {
    for finding in &checked.findings {
        if cli.quiet && finding.severity != briefing::check::Severity::Error {
            continue;
        }
        let line = format!("{}:{}: {}", finding.file, finding.line, finding.message);
        match finding.severity {
            briefing::check::Severity::Error => report::error(&line),
            briefing::check::Severity::Warning => report::warning(&line),
            briefing::check::Severity::Note => {}
        }
    }
    report::error(&format!(
        "{} (--deny-warnings); nothing was written and {} is as it was",
        checked.summary(),
        config.out_dir.display()
    ));
    ExitCode::FAILURE
}

/// Asks the kernel not to back this process's memory with transparent huge
/// pages. A build touches much fresh memory once; zeroing a 2 MB page for
/// each first touch was a fifth of a 10,000-briefing build's samples
/// (`clear_page_erms`), and without huge pages its system time halved
/// (1.5 s to 0.7 s) and its peak fell by 35 MB, user time unchanged.
#[cfg(target_os = "linux")]
fn no_huge_pages() {
    // SAFETY: PR_SET_THP_DISABLE takes plain integers and only sets a flag
    // on this process; a kernel without it returns an error, ignored.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

#[cfg(not(target_os = "linux"))]
fn no_huge_pages() {}

/// The most memory the build held at once (resident set, KB), so a site
/// that outgrows the machine shows without `/usr/bin/time -v`.
#[cfg(target_os = "linux")]
fn peak_memory_kb() -> Option<u64> {
    // SAFETY: `rusage` is a plain C struct for which all zeroes is a valid
    // value, and getrusage only writes into the one it is given.
    let (ok, usage) = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        (libc::getrusage(libc::RUSAGE_SELF, &mut usage) == 0, usage)
    };
    // Linux reports ru_maxrss in KB.
    ok.then(|| u64::try_from(usage.ru_maxrss).ok()).flatten()
}

#[cfg(not(target_os = "linux"))]
fn peak_memory_kb() -> Option<u64> {
    None
}

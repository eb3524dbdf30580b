//! Times an incremental rebuild after one source changes:
//! `cargo run --release --example rebuild_one -- SITE_DIR [OUT_DIR]`
//! (e.g. a corpus from `bench/gen_corpus.py`). Builds the site once, then
//! edits one sentence of the middle source three times, rebuilding after
//! each edit as `briefing serve` does (told by its watcher which file
//! changed), and prints each step's time. The source is restored at the
//! end. Used by `bench/run` for the "one-source rebuild" line.

// The allocator of the `briefing` binary, which `briefing serve` runs with.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use briefing::config::Config;
use briefing::incremental::Session;
use std::path::PathBuf;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let site = PathBuf::from(args.next().ok_or("usage: rebuild_one SITE_DIR [OUT_DIR]")?);
    let out = args
        .next()
        .map(PathBuf::from)
        .unwrap_or_else(|| site.join("incremental-out"));
    let config = Config::load(&site, Some(&out))?;
    let started = Instant::now();
    let (mut session, first) = Session::start(config.clone())?;
    println!(
        "full build: {} briefings, {} jobs in {:.2?}",
        first.briefings,
        first.total_jobs,
        started.elapsed()
    );

    let mut sources: Vec<PathBuf> = std::fs::read_dir(&config.source_dirs[1])
        .or_else(|_| std::fs::read_dir(&config.source_dirs[0]))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "md"))
        .collect();
    sources.sort();
    let victim = sources
        .get(sources.len() / 2)
        .ok_or("the site has no sources")?;
    let original = std::fs::read_to_string(victim)?;
    let mut worst = std::time::Duration::ZERO;
    for round in 1..=3 {
        // Change one sentence: a word of the last paragraph.
        let edited = format!(
            "{}\nEdit number {round} adds this closing sentence.\n",
            original.trim_end()
        );
        std::fs::write(victim, edited)?;
        let started = Instant::now();
        // As `briefing serve` does: its watcher names the file that changed.
        let report = session.rebuild_changed(&[victim.strip_prefix(&site)?.to_path_buf()])?;
        let took = started.elapsed();
        worst = worst.max(took);
        let steps: Vec<String> = report
            .timings
            .iter()
            .map(|(name, d)| format!("{name} {:.0?}", d))
            .collect();
        println!(
            "edit {round}: re-rendered {} of {} jobs, wrote {} files in {:.2?} ({})",
            report.rendered_jobs,
            report.total_jobs,
            report.written_files,
            took,
            steps.join(", ")
        );
    }
    std::fs::write(victim, original)?;
    println!("slowest one-source rebuild: {:.2?}", worst);
    Ok(())
}

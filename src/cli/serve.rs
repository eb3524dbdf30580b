//! `briefing serve`.

use super::{Cli, count, report};
use briefing::serve::{self, DEFAULT_PORT, SERVE_DIR, ServeEvent};
use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;

/// Build the site, serve it on this machine, rebuild on every change and
/// reload open pages.
///
/// Builds into SITE_DIR/.briefing-serve/ (dist/ is never touched). A build
/// error is shown in the terminal and over the page; the last good build
/// stays served until the next good save.
#[derive(clap::Args)]
pub struct Args {
    /// Site folder.
    #[arg(default_value = ".")]
    pub site_dir: PathBuf,
    /// Port to listen on (0: any free port).
    #[arg(long, short, default_value_t = DEFAULT_PORT)]
    pub port: u16,
    /// Address to listen on. Anything but loopback shows your drafts to the
    /// network.
    #[arg(long, default_value = "127.0.0.1", value_name = "ADDR")]
    pub bind: IpAddr,
    /// Open the site in the default browser.
    #[arg(long)]
    pub open: bool,
}

pub fn run(cli: &Cli, args: &Args) -> anyhow::Result<ExitCode> {
    super::require_site(&args.site_dir, |site| super::command_for("serve", site))?;
    let listener = serve::bind(args.bind, args.port)?;
    let addr = listener.local_addr()?;
    let host = match addr.ip() {
        IpAddr::V6(ip) => format!("[{ip}]"),
        IpAddr::V4(ip) => ip.to_string(),
    };
    let url = format!("http://{host}:{}/", addr.port());
    if !args.bind.is_loopback() {
        report::warning(&format!(
            "listening on {}, not loopback: anyone who can reach this machine can read the drafts",
            args.bind
        ));
    }
    report::plain(&format!(
        "serving {url} (site {}, built into {}; Ctrl-C to stop)",
        args.site_dir.display(),
        args.site_dir.join(SERVE_DIR).display()
    ));
    let quiet = cli.quiet;
    let verbose = cli.verbose;
    // After each good build, what `check` would report, counted on a
    // thread of its own so serving and rebuilding never wait for it;
    // builds that come while it runs are counted once, after the newest.
    let (checks, pending) = std::sync::mpsc::channel::<()>();
    let site_dir = args.site_dir.clone();
    std::thread::spawn(move || {
        while pending.recv().is_ok() {
            while pending.try_recv().is_ok() {}
            let checked = briefing::check::check(&site_dir);
            if !quiet {
                report::plain(&format!("check: {}", checked.summary()));
            }
        }
    });
    let on_event = move |event: ServeEvent| match event {
        ServeEvent::Changed(paths) if !quiet => {
            let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
            report::plain(&format!("changed: {}", names.join(", ")));
        }
        ServeEvent::Built(built, elapsed) if !quiet => {
            if verbose {
                for warning in &built.warnings {
                    report::located_warning(&warning.path, &warning.message);
                }
            }
            report::plain(&format!(
                "{}: rendered {} of {} pages, {} written in {:.2?}",
                super::built(
                    built.briefings,
                    built.questions,
                    built.statements,
                    built.entities
                ),
                built.rendered_jobs,
                built.total_jobs,
                count(built.written_files, "file", "files"),
                elapsed
            ));
            // The counting thread lives as long as the process.
            let _ = checks.send(());
        }
        ServeEvent::Failed(error) => {
            report::library_error(error);
            report::note("the build failed; still serving the last good build");
        }
        ServeEvent::WatchError(message) => report::warning(&message),
        _ => {}
    };
    if args.open {
        // The first build runs before requests are answered; the browser's
        // request waits in the listen queue until then.
        if let Err(e) = serve::open_browser(&url) {
            report::warning(&format!("cannot open a browser ({e}); open {url} yourself"));
        }
    }
    serve::run(&args.site_dir, listener, &on_event)?;
    Ok(ExitCode::SUCCESS)
}

//! Messages on stderr: `error:`, `warning:` and `note:` prefixes in colour
//! on a terminal only (anstream strips colour when stderr is not a terminal
//! or `NO_COLOR` is set), and a spinner for builds on a terminal.

use anstyle::{AnsiColor, Style};
use std::time::Duration;

const ERROR: Style = AnsiColor::Red.on_default().bold();
const WARNING: Style = AnsiColor::Yellow.on_default().bold();
const NOTE: Style = AnsiColor::Cyan.on_default().bold();
const GOOD: Style = AnsiColor::Green.on_default().bold();

pub fn error(message: &str) {
    anstream::eprintln!("{ERROR}error:{ERROR:#} {message}");
}

pub fn warning(message: &str) {
    anstream::eprintln!("{WARNING}warning:{WARNING:#} {message}");
}

pub fn note(message: &str) {
    anstream::eprintln!("{NOTE}note:{NOTE:#} {message}");
}

pub fn plain(message: &str) {
    anstream::eprintln!("{message}");
}

/// `word` in the style of a severity, for lines built elsewhere.
pub fn styled(severity: &str) -> String {
    let style = match severity {
        "error" => ERROR,
        "warning" => WARNING,
        "note" => NOTE,
        _ => GOOD,
    };
    format!("{style}{severity}{style:#}")
}

/// A spinner with the elapsed time while a build runs. Draws nothing when
/// stderr is not a terminal (indicatif hides itself) or with `-q`.
pub fn spinner(quiet: bool, message: &str) -> indicatif::ProgressBar {
    if quiet {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new_spinner();
    bar.set_style(
        indicatif::ProgressStyle::with_template("{spinner} {msg} {elapsed}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
    );
    bar.set_message(message.to_string());
    bar.enable_steady_tick(Duration::from_millis(100));
    bar
}

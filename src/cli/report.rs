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

/// A library error as diagnostics, one a line, each starting with
/// `error:` (several broken sources give several lines; a hint on the
/// lines after a message is kept on its line, after `; `), so editors'
/// and CI's problem matchers see every one.
pub fn library_error(error: &briefing::error::Error) {
    for line in diagnostic_lines(error) {
        self::error(&line);
    }
}

/// One line per error: nested lists flattened, continuation lines joined.
pub fn diagnostic_lines(error: &briefing::error::Error) -> Vec<String> {
    match error {
        briefing::error::Error::Many(errors) => errors.iter().flat_map(diagnostic_lines).collect(),
        other => vec![one_line(&other.to_string())],
    }
}

/// `text`'s lines joined with `; ` (blank lines dropped).
pub fn one_line(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("; ")
}

/// A warning about `path`, placed at the line (and column) its message
/// names, else line 1: `warning: seeds/x.txt:2:5: ...`.
pub fn located_warning(path: &std::path::Path, message: &str) {
    let place = match briefing::check::message_location(message) {
        (line, Some(column)) => format!("{line}:{column}"),
        (line, None) => line.to_string(),
    };
    warning(&format!("{}:{place}: {message}", path.display()));
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

#[cfg(test)]
mod tests {
    use briefing::error::Error;
    use std::path::PathBuf;

    #[test]
    fn several_broken_sidecars_give_one_line_each() {
        let sidecar = |name: &str| Error::Sidecar {
            path: PathBuf::from(name),
            line: 1,
            column: 8,
            message: "x".to_string(),
        };
        let lines = super::diagnostic_lines(&Error::Many(vec![
            sidecar("seeds/a.toml"),
            Error::Many(vec![sidecar("seeds/b.toml")]),
        ]));
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert!(lines[0].starts_with("seeds/a.toml:1:8: "), "{lines:?}");
        assert!(lines[1].starts_with("seeds/b.toml:1:8: "), "{lines:?}");
        assert!(lines.iter().all(|l| !l.contains('\n')), "{lines:?}");
    }
}

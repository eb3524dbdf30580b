//! Helpers the trust tests share: a `briefing serve` whose stderr arrives
//! line by line, and waiting for one of its lines.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Starts `briefing serve SITE --port 0`; its stderr arrives line by line.
pub fn serve(site: &Path) -> (std::process::Child, std::sync::mpsc::Receiver<String>) {
    let mut command = Command::new(assert_cmd::cargo::cargo_bin("briefing"));
    command.arg("serve").arg(site).args(["--port", "0"]);
    command.stdin(Stdio::null()).stdout(Stdio::null());
    let mut child = command.stderr(Stdio::piped()).spawn().unwrap();
    let pipe = child.stderr.take().unwrap();
    let (lines, seen) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(pipe).lines().map_while(Result::ok) {
            if lines.send(line).is_err() {
                break;
            }
        }
    });
    (child, seen)
}

/// The next line from `seen` that starts with `prefix`, within a minute.
pub fn next_line(seen: &std::sync::mpsc::Receiver<String>, prefix: &str) -> Option<String> {
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        if let Ok(line) = seen.recv_timeout(Duration::from_millis(200))
            && line.starts_with(prefix)
        {
            return Some(line);
        }
    }
    None
}

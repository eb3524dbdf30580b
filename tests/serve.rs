//! `briefing serve` through the real binary: serves, rebuilds on a change,
//! keeps serving (and reports) after a bad edit, recovers, and refuses
//! traversal. Requests are written by hand over TCP so that `..` and
//! `%2e%2e` reach the server exactly as sent.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A running `briefing serve`, killed when dropped (also when a test fails).
struct Server {
    child: Child,
    port: u16,
    stderr: Arc<Mutex<String>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    fn start(site: &Path) -> Server {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("briefing"))
            .arg("serve")
            .arg(site)
            .args(["--port", "0"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = Arc::new(Mutex::new(String::new()));
        let pipe = child.stderr.take().unwrap();
        let sink = Arc::clone(&stderr);
        std::thread::spawn(move || {
            for line in BufReader::new(pipe).lines().map_while(Result::ok) {
                let mut all = sink.lock().unwrap();
                all.push_str(&line);
                all.push('\n');
            }
        });
        let mut server = Server {
            child,
            port: 0,
            stderr,
        };
        let port = wait_for(Duration::from_secs(20), || {
            let text = server.stderr.lock().unwrap().clone();
            let at = text.find("http://127.0.0.1:")?;
            let rest = &text[at + "http://127.0.0.1:".len()..];
            rest.split('/').next()?.parse::<u16>().ok()
        });
        server.port = port.unwrap_or_else(|| panic!("no address printed: {}", server.stderr()));
        server
    }

    fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// Sends `GET target` as written and returns (status, headers, body).
    fn get(&self, target: &str) -> (u16, String, String) {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .unwrap();
        write!(
            stream,
            "GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut response = Vec::new();
        stream.read_to_end(&mut response).unwrap();
        let response = String::from_utf8_lossy(&response).to_string();
        let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
        let status = head
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        (status, head.to_ascii_lowercase(), body.to_string())
    }

    fn status(&self) -> serde_json::Value {
        let (code, _, body) = self.get("/__briefing/status");
        assert_eq!(code, 200);
        serde_json::from_str(&body).unwrap()
    }
}

/// Polls `f` until it gives a value or `limit` passes.
fn wait_for<T>(limit: Duration, mut f: impl FnMut() -> Option<T>) -> Option<T> {
    let start = Instant::now();
    while start.elapsed() < limit {
        if let Some(value) = f() {
            return Some(value);
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    None
}

fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    common::briefing()
        .arg("init")
        .arg(dir.path())
        .assert()
        .success();
    dir
}

const PAGE: &str = "/briefings/harbour-ferry-timetable/index.html";
const SOURCE: &str = "content/harbour-ferry-timetable.md";
const LIMIT: Duration = Duration::from_secs(20);

#[test]
fn serve_rebuilds_on_change_survives_a_bad_edit_and_recovers() {
    let dir = site();
    let server = Server::start(dir.path());
    let (code, headers, body) = server.get(PAGE);
    assert_eq!(code, 200, "{}", server.stderr());
    assert!(headers.contains("content-type: text/html; charset=utf-8"));
    assert!(headers.contains("x-content-type-options: nosniff"));
    assert!(
        body.contains("/__briefing/live.js"),
        "no live-reload script"
    );
    assert!(body.contains("What changes on Monday?"));

    // An edit is served after the rebuild.
    let source = dir.path().join(SOURCE);
    let original = std::fs::read_to_string(&source).unwrap();
    std::fs::write(
        &source,
        original.replace("What changes on Monday?", "What changes from next Monday?"),
    )
    .unwrap();
    wait_for(LIMIT, || {
        server
            .get(PAGE)
            .2
            .contains("What changes from next Monday?")
            .then_some(())
    })
    .unwrap_or_else(|| panic!("the edit was never served: {}", server.stderr()));

    // A bad edit: the server stays up, serves the last good build, and
    // reports the error (status endpoint, overlay, terminal).
    let version = server.status()["version"].as_u64().unwrap();
    // An unknown key whose name is markup: the error quotes it.
    std::fs::write(
        &source,
        "+++\n\"<script>alert(1)</script>\" = 1\n+++\nText.\n",
    )
    .unwrap();
    let status = wait_for(LIMIT, || {
        let status = server.status();
        (status["version"].as_u64().unwrap() > version && !status["error"].is_null())
            .then_some(status)
    })
    .unwrap_or_else(|| panic!("the error was never reported: {}", server.stderr()));
    assert!(
        status["error"]
            .as_str()
            .unwrap()
            .contains("harbour-ferry-timetable.md:2"),
        "{status}"
    );
    let (code, _, body) = server.get(PAGE);
    assert_eq!(code, 200);
    assert!(
        body.contains("What changes from next Monday?"),
        "last good build not served"
    );
    assert!(body.contains("__briefing-overlay"), "no error overlay");
    assert!(
        !body.contains("title = <script>"),
        "the overlay must escape the error"
    );
    wait_for(LIMIT, || {
        server
            .stderr()
            .contains("harbour-ferry-timetable.md:2")
            .then_some(())
    })
    .unwrap_or_else(|| panic!("no error in the terminal: {}", server.stderr()));

    // Fixed: recovery.
    std::fs::write(
        &source,
        original.replace("What changes on Monday?", "What is new?"),
    )
    .unwrap();
    wait_for(LIMIT, || {
        let status = server.status();
        status["error"].is_null().then_some(())
    })
    .unwrap_or_else(|| panic!("never recovered: {}", server.stderr()));
    let (_, _, body) = server.get(PAGE);
    assert!(body.contains("What is new?"));
    assert!(!body.contains("__briefing-overlay"));

    // A new folder with a briefing in it (the watcher names the folder:
    // the rebuild walks), then that briefing removed (named: no walk).
    let folder = dir.path().join("content/quay");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(
        folder.join("quay-lights.md"),
        "+++\ntitle = \"Quay lights\"\n+++\nThe quay lights go on at dusk from Friday.\n",
    )
    .unwrap();
    const NEW_PAGE: &str = "/briefings/quay-lights/index.html";
    wait_for(LIMIT, || (server.get(NEW_PAGE).0 == 200).then_some(()))
        .unwrap_or_else(|| panic!("the new briefing was never served: {}", server.stderr()));
    std::fs::remove_file(folder.join("quay-lights.md")).unwrap();
    wait_for(LIMIT, || (server.get(NEW_PAGE).0 == 404).then_some(()))
        .unwrap_or_else(|| panic!("the removed briefing is still served: {}", server.stderr()));

    // dist/ was never touched by serve; a real build has no live-reload script.
    assert!(!dir.path().join("dist").exists());
    common::briefing()
        .arg("build")
        .arg(dir.path())
        .assert()
        .success();
    for page in walk(&dir.path().join("dist")) {
        let text = String::from_utf8_lossy(&std::fs::read(&page).unwrap()).to_string();
        assert!(
            !text.contains("__briefing"),
            "{} has the serve script",
            page.display()
        );
    }
}

#[test]
fn serve_never_builds_a_source_caught_half_saved() {
    let dir = site();
    let server = Server::start(dir.path());
    assert_eq!(server.get(PAGE).0, 200, "{}", server.stderr());
    // An editor saving in place: the file is truncated, and written a
    // while later (longer than the watcher's quiet time, as under load),
    // here with a bad edit. The empty file is never built: the page is
    // served all along, and after the error.
    let source = dir.path().join(SOURCE);
    std::fs::write(&source, "").unwrap();
    let start = Instant::now();
    while start.elapsed() < Duration::from_millis(400) {
        let (code, _, body) = server.get(PAGE);
        assert_eq!(
            code,
            200,
            "page missing mid-save: {body}\n{}",
            server.stderr()
        );
        std::thread::sleep(Duration::from_millis(40));
    }
    std::fs::write(&source, "+++\ntitle = \n+++\nText.\n").unwrap();
    wait_for(LIMIT, || {
        (!server.status()["error"].is_null()).then_some(())
    })
    .unwrap_or_else(|| panic!("the error was never reported: {}", server.stderr()));
    let (code, _, body) = server.get(PAGE);
    assert_eq!(code, 200, "{body}\n{}", server.stderr());
    assert!(
        body.contains("What changes on Monday?"),
        "last good build not served"
    );
}

#[test]
fn serve_stays_inside_its_folder() {
    let dir = site();
    std::fs::write(dir.path().join("secret.txt"), "top secret").unwrap();
    let server = Server::start(dir.path());
    wait_for(LIMIT, || (server.get("/").0 == 200).then_some(()))
        .unwrap_or_else(|| panic!("never served /: {}", server.stderr()));
    for target in [
        "/../secret.txt",
        "/../../../../etc/passwd",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2E%2E/secret.txt",
        "/..%2fsecret.txt",
        "/briefings/..%2f..%2fsecret.txt",
        "/static/..%5c..%5csecret.txt",
        "/%00",
    ] {
        let (code, headers, body) = server.get(target);
        assert!(code == 400 || code == 404, "{target}: {code}");
        assert!(
            !body.contains("top secret") && !body.contains("root:"),
            "{target}"
        );
        assert!(
            headers.contains("x-content-type-options: nosniff"),
            "{target}"
        );
    }
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(
            dir.path().join("secret.txt"),
            dir.path().join(".briefing-serve/leak.txt"),
        )
        .unwrap();
        let (code, _, body) = server.get("/leak.txt");
        assert_eq!(code, 404);
        assert!(!body.contains("top secret"));
    }
    // Folders, 404s and content types.
    let (code, headers, _) = server.get("/briefings/harbour-ferry-timetable");
    assert_eq!(code, 301);
    assert!(headers.contains("location: /briefings/harbour-ferry-timetable/"));
    let (code, _, body) = server.get("/briefings/harbour-ferry-timetable/");
    assert_eq!(code, 200);
    assert!(body.contains("What changes on Monday?"));
    let (code, headers, body) = server.get("/no-such-page.html");
    assert_eq!(code, 404);
    assert!(headers.contains("x-content-type-options: nosniff"));
    assert!(body.contains("Not found"));
    for (path, kind) in [
        ("/static/style.css", "text/css"),
        ("/static/search.js", "text/javascript"),
        ("/static/favicon.svg", "image/svg+xml"),
        ("/briefings.json", "application/json"),
    ] {
        let (code, headers, _) = server.get(path);
        assert_eq!(code, 200, "{path}");
        assert!(
            headers.contains(&format!("content-type: {kind}")),
            "{path}: {headers}"
        );
    }
    // A burst of garbage and of clients that never finish their request
    // does not stop the server.
    let mut idle = Vec::new();
    for i in 0..20 {
        let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
        if i % 2 == 0 {
            let _ = stream.write_all(b"\x00\x01garbage\r\n\r\n");
        } else {
            let _ = stream.write_all(b"GET / HTTP/1.1\r\nHost: slow");
        }
        idle.push(stream);
    }
    let (code, _, _) = server.get("/index.html");
    assert_eq!(code, 200);
    drop(idle);
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

//! Issue 25, items 11, 7 and 9: `briefing serve` against a hostile browser
//! page and hostile clients. Redirects stay on this host; a request naming
//! another host (DNS rebinding) is refused; a deleted output folder is
//! rebuilt; idle, slow and live-reload connections never stop pages being
//! answered. Everything here talks to 127.0.0.1 only, with bounded counts
//! and timeouts.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// `briefing serve --port 0` on a new site; killed when dropped.
struct Serve {
    child: Child,
    port: u16,
    log: Arc<Mutex<String>>,
    _site: tempfile::TempDir,
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn until<T>(limit: Duration, mut f: impl FnMut() -> Option<T>) -> Option<T> {
    let start = Instant::now();
    loop {
        if let Some(v) = f() {
            return Some(v);
        }
        if start.elapsed() > limit {
            return None;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

impl Serve {
    fn new() -> Serve {
        let site = tempfile::tempdir().unwrap();
        common::briefing()
            .arg("init")
            .arg(site.path())
            .assert()
            .success();
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("briefing"))
            .args(["serve", "--port", "0"])
            .arg(site.path())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let log = Arc::new(Mutex::new(String::new()));
        let pipe = child.stderr.take().unwrap();
        let into = Arc::clone(&log);
        std::thread::spawn(move || {
            for line in BufReader::new(pipe).lines().map_while(Result::ok) {
                into.lock().unwrap().push_str(&(line + "\n"));
            }
        });
        let marker = "http://127.0.0.1:";
        let port = until(Duration::from_secs(30), || {
            let log = log.lock().unwrap();
            let rest = &log[log.find(marker)? + marker.len()..];
            rest.split('/').next()?.parse().ok()
        });
        let mut serve = Serve {
            child,
            port: 0,
            log,
            _site: site,
        };
        serve.port = port.unwrap_or_else(|| panic!("no address: {}", serve.log()));
        // Answering pages means the first build is done.
        until(Duration::from_secs(30), || {
            (serve
                .send("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                .0
                == 200)
                .then_some(())
        })
        .unwrap_or_else(|| panic!("not serving: {}", serve.log()));
        serve
    }

    fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    fn site(&self) -> &Path {
        self._site.path()
    }

    /// Sends `raw` as written; (status, lowercased head, body).
    fn send(&self, raw: &str) -> (u16, String, String) {
        let Ok(mut stream) = TcpStream::connect(("127.0.0.1", self.port)) else {
            return (0, String::new(), String::new());
        };
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        if stream.write_all(raw.as_bytes()).is_err() {
            return (0, String::new(), String::new());
        }
        let mut bytes = Vec::new();
        let _ = stream.read_to_end(&mut bytes);
        let text = String::from_utf8_lossy(&bytes).to_string();
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let code = head
            .split_whitespace()
            .nth(1)
            .and_then(|c| c.parse().ok())
            .unwrap_or(0);
        (code, head.to_ascii_lowercase(), body.to_string())
    }

    /// `GET target` naming `host`.
    fn get_as(&self, host: &str, target: &str) -> (u16, String, String) {
        self.send(&format!(
            "GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        ))
    }
}

#[test]
fn redirects_are_path_only_and_other_hosts_are_refused() {
    let serve = Serve::new();
    let (code, head, _) = serve.get_as("127.0.0.1", "//briefings");
    assert_eq!(code, 301, "{head}");
    assert!(head.contains("\r\nlocation: /briefings/\r\n"), "{head}");
    let (code, head, _) = serve.get_as("127.0.0.1", "/briefings");
    assert!(
        code == 301 && head.contains("\r\nlocation: /briefings/\r\n"),
        "{head}"
    );
    // A DNS-rebinding page's requests name its own host.
    for target in ["/", "/__briefing/status", "/briefings/"] {
        let (code, _, _) = serve.get_as("attacker.example", target);
        assert_eq!(code, 421, "{target}");
        let (code, _, _) = serve.get_as(&format!("attacker.example:{}", serve.port), target);
        assert_eq!(code, 421, "{target}");
    }
    let (code, _, _) = serve.send(&format!(
        "GET http://attacker.example:{}/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
        serve.port
    ));
    assert_eq!(code, 421);
    for host in ["localhost", "127.0.0.1", "[::1]"] {
        let (code, _, _) = serve.get_as(&format!("{host}:{}", serve.port), "/");
        assert_eq!(code, 200, "{host}");
    }
}

#[test]
fn a_deleted_output_folder_is_rebuilt_whole() {
    let serve = Serve::new();
    let out = serve.site().join(".briefing-serve");
    assert!(out.join("static").is_dir());
    std::fs::remove_dir_all(&out).unwrap();
    // Rebuilt by itself, with nothing edited.
    let back = until(Duration::from_secs(20), || {
        (out.join("static").is_dir() && out.join("index.html").is_file()).then_some(())
    });
    assert!(back.is_some(), "not rebuilt: {}", serve.log());
    // And a later edit still rebuilds, into a whole site.
    let source = serve.site().join("content/harbour-ferry-timetable.md");
    let text = std::fs::read_to_string(&source).unwrap();
    std::fs::remove_dir_all(&out).unwrap();
    std::fs::write(&source, text.replace("Monday", "Tuesday")).unwrap();
    let page = "/briefings/harbour-ferry-timetable/index.html";
    let edited = until(Duration::from_secs(20), || {
        let (code, _, body) = serve.get_as("127.0.0.1", page);
        (code == 200 && body.contains("Tuesday")).then_some(())
    });
    assert!(edited.is_some(), "edit not served: {}", serve.log());
    let (code, _, _) = serve.get_as("127.0.0.1", "/static/style.css");
    assert_eq!(code, 200, "{}", serve.log());
    assert!(!serve.log().contains("error:"), "{}", serve.log());
}

/// Opens a connection and sends `raw`, keeping it open.
fn hold(port: u16, raw: &str) -> Option<TcpStream> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream.write_all(raw.as_bytes()).ok()?;
    Some(stream)
}

#[test]
fn pages_are_answered_within_a_second_under_streams_idle_and_slow_clients() {
    let serve = Serve::new();
    let port = serve.port;
    let get = |target: &str, connection: &str| {
        format!("GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: {connection}\r\n\r\n")
    };
    // 100 open pages listening for live reload.
    let streams: Vec<TcpStream> = (0..100)
        .filter_map(|_| hold(port, &get("/__briefing/events?since=0", "keep-alive")))
        .collect();
    // 70 idle keep-alive connections, each after one request.
    let idle: Vec<TcpStream> = (0..70)
        .filter_map(|_| hold(port, &get("/", "keep-alive")))
        .collect();
    assert_eq!((streams.len(), idle.len()), (100, 70));
    // A slowloris wave: 100 request heads sent one byte every 200 ms.
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let slow = {
        let stop = Arc::clone(&stop);
        std::thread::spawn(move || {
            let head = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ";
            let mut slow: Vec<TcpStream> = (0..100)
                .filter_map(|_| TcpStream::connect(("127.0.0.1", port)).ok())
                .collect();
            let mut sent = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let byte = [*head.get(sent).unwrap_or(&b'a')];
                slow.retain_mut(|s| s.write_all(&byte).is_ok());
                sent += 1;
                std::thread::sleep(Duration::from_millis(200));
            }
            slow.len()
        })
    };
    std::thread::sleep(Duration::from_millis(300));
    // 20 readers fetching pages for 5 seconds.
    let page = "/briefings/harbour-ferry-timetable/index.html";
    let readers: Vec<_> = (0..20)
        .map(|_| {
            let request = get(page, "close");
            std::thread::spawn(move || {
                let mut times = Vec::new();
                let started = Instant::now();
                while started.elapsed() < Duration::from_secs(5) {
                    let asked = Instant::now();
                    let mut bytes = Vec::new();
                    let ok = TcpStream::connect(("127.0.0.1", port)).is_ok_and(|mut s| {
                        s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
                        s.write_all(request.as_bytes()).is_ok()
                            && s.read_to_end(&mut bytes).is_ok()
                            && bytes.starts_with(b"HTTP/1.1 200")
                    });
                    times.push((ok, asked.elapsed()));
                    std::thread::sleep(Duration::from_millis(50));
                }
                times
            })
        })
        .collect();
    let times: Vec<(bool, Duration)> = readers
        .into_iter()
        .flat_map(|r| r.join().unwrap())
        .collect();
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    slow.join().unwrap();
    let failed = times.iter().filter(|(ok, _)| !ok).count();
    let slowest = times.iter().map(|(_, t)| *t).max().unwrap_or_default();
    assert!(times.len() >= 200, "{} requests", times.len());
    assert_eq!(
        failed,
        0,
        "{failed} of {} page requests failed",
        times.len()
    );
    assert!(
        slowest < Duration::from_secs(1),
        "slowest page: {slowest:?}"
    );
    // The live-reload streams are still there, and the server is up.
    drop(idle);
    let (code, _, _) = serve.get_as("127.0.0.1", "/__briefing/status");
    assert_eq!(code, 200, "{}", serve.log());
    drop(streams);
}

#[cfg(unix)]
#[test]
fn a_fifo_left_in_the_output_is_replaced_not_opened() {
    let serve = Serve::new();
    let index = serve.site().join(".briefing-serve/index.html");
    std::fs::remove_file(&index).unwrap();
    let made = Command::new("mkfifo").arg(&index).status().unwrap();
    assert!(made.success());
    let source = serve.site().join("content/harbour-ferry-timetable.md");
    let text = std::fs::read_to_string(&source).unwrap();
    std::fs::write(&source, text.replace("title = \"", "title = \"Revised: ")).unwrap();
    // The rebuild rewrites the index; reading the FIFO to compare would
    // wait for a writer forever.
    let rebuilt = until(Duration::from_secs(20), || {
        let (code, _, body) = serve.get_as("127.0.0.1", "/index.html");
        (code == 200 && body.contains("Revised: ")).then_some(())
    });
    assert!(rebuilt.is_some(), "{}", serve.log());
}

#[test]
fn live_reload_streams_each_build_as_a_server_sent_event() {
    let serve = Serve::new();
    let mut stream = hold(
        serve.port,
        "GET /__briefing/events?since=0 HTTP/1.1\r\nHost: localhost\r\n\r\n",
    )
    .unwrap();
    stream
        .set_read_timeout(Some(Duration::from_millis(200)))
        .unwrap();
    let mut seen = String::new();
    let mut read_until = |want: &str, seen: &mut String| {
        until(Duration::from_secs(20), || {
            let mut buf = [0u8; 4096];
            if let Ok(n) = stream.read(&mut buf) {
                seen.push_str(&String::from_utf8_lossy(&buf[..n]));
            }
            seen.contains(want).then_some(())
        })
    };
    // The first build already happened: it comes at once.
    assert!(
        read_until("data: {\"version\":1,\"error\":null}", &mut seen).is_some(),
        "{seen}"
    );
    assert!(
        seen.to_ascii_lowercase()
            .contains("content-type: text/event-stream"),
        "{seen}"
    );
    // A broken edit comes as an error, on the same connection.
    let source = serve.site().join("content/harbour-ferry-timetable.md");
    let text = std::fs::read_to_string(&source).unwrap();
    std::fs::write(&source, text.replacen("title = \"", "title = ", 1)).unwrap();
    assert!(
        read_until("data: {\"version\":2,\"error\":\"", &mut seen).is_some(),
        "{seen}\n{}",
        serve.log()
    );
    // Page connections are untouched by it.
    let (code, _, _) = serve.get_as("127.0.0.1", "/");
    assert_eq!(code, 200);
}

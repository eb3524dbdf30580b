//! `briefing serve`: builds the site into a folder of its own, serves it on
//! loopback, rebuilds when a source, template, the registry or the config
//! changes, and reloads open pages.
//!
//! - **Output**: `SITE_DIR/.briefing-serve/` ([`SERVE_DIR`]), written by the
//!   same atomic staging as `build`, so `dist/` is never touched and a
//!   failed rebuild leaves the last good build being served.
//! - **Live reload**: HTML responses get a small script injected at serve
//!   time (never in `build` output) that listens on one long-lived channel,
//!   `/__briefing/events?since=N` (server-sent events): one `data:` line of
//!   `{"version": N, "error": ...}` for every build after N, a comment every
//!   [`STREAM_KEEPALIVE`]. A good build reloads the page, a failed one shows
//!   its error in an overlay (set as text, never as HTML; the server-side
//!   copy is HTML-escaped). `/__briefing/reload?since=N` (a long poll, 25 s)
//!   is kept for pages loaded before; `/__briefing/status` answers at once,
//!   for tools and tests.
//! - **Connections** ([`conns`]): live-reload streams are counted apart
//!   from page connections (at most [`MAX_STREAMS`], the oldest closed past
//!   that). Past [`MAX_CONNECTIONS`] page connections a newcomer sheds the
//!   one idle longest (a kept-alive connection, or a slow client still
//!   sending its head), never a busy one; a client has [`HEADER_TIMEOUT`]
//!   for its request head, [`IDLE_TIMEOUT`] between requests and
//!   [`CONNECTION_TIMEOUT`] in all.
//! - **Half-saved files**: an editor saving in place truncates a file and
//!   then writes it; a rebuild that read it between the two would publish
//!   a site without that page (and a bad edit next would leave that build
//!   served, the page missing). A watched file that had content and is
//!   now empty or gone is given up to [`SETTLE`] to get it back before the
//!   rebuild reads it (`settle`); a file really emptied or deleted is
//!   built after that wait.
//! - **Output deleted**: every [`OUTPUT_CHECK`], and before every rebuild,
//!   the server looks for the output's marker; when the folder was deleted
//!   it builds everything again instead of patching an empty folder.
//! - **Safety**: binds to 127.0.0.1 unless told otherwise; serves only files
//!   inside the output folder (`..`, `%2e%2e`, encoded `/` or `\` and NUL
//!   are refused with 400, symbolic links leading out are 404 after
//!   canonicalising); redirects are path-only, built from the path's
//!   segments, so never `//host`; a request whose `Host` is not a loopback
//!   name or address, or the bound address, is refused with 421
//!   ([`host`]: DNS rebinding); `X-Content-Type-Options: nosniff` on every
//!   response; two worker threads.

use crate::config::{CONFIG_FILE, Config};
use crate::error::Error;
use crate::incremental::{RebuildReport, Session};
use bytes::Bytes;
use http_body_util::Full;
use hyper::body::Incoming;
use hyper::header::{self, HeaderValue};
use hyper::{Method, Request, Response, StatusCode};
use std::collections::{BTreeMap, BTreeSet};
use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::watch;

/// The folder, inside the site folder, that `serve` builds into.
pub const SERVE_DIR: &str = ".briefing-serve";
/// Default port.
pub const DEFAULT_PORT: u16 = 8000;
/// Page connections held at once; a newcomer past this sheds the one idle
/// longest ([`conns`]).
pub const MAX_CONNECTIONS: usize = 64;
/// Live-reload streams held at once (not counted against pages); past
/// this the oldest is closed, and its page reconnects.
pub const MAX_STREAMS: usize = 256;
/// Time a client has to send a request's head.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);
/// Longest a page connection may sit idle between requests.
pub const IDLE_TIMEOUT: Duration = Duration::from_secs(15);
/// Longest a page connection may stay open (closed when next idle).
pub const CONNECTION_TIMEOUT: Duration = Duration::from_secs(120);
/// Longest a live-reload poll is held open.
pub const POLL_TIMEOUT: Duration = Duration::from_secs(25);
/// How often a live-reload stream sends a comment, so a client that left
/// is noticed and a proxy keeps it open.
pub const STREAM_KEEPALIVE: Duration = Duration::from_secs(15);
/// How often the server looks whether its output folder was deleted.
pub const OUTPUT_CHECK: Duration = Duration::from_secs(1);
/// Quiet time after the last change before a rebuild starts.
pub const DEBOUNCE: Duration = Duration::from_millis(200);
/// Longest a rebuild waits for a watched file that turned empty or
/// vanished to get its content back (`settle`: a save caught half-way).
pub const SETTLE: Duration = Duration::from_secs(1);
/// How often `settle` looks again.
const SETTLE_POLL: Duration = Duration::from_millis(20);

mod conns;
mod host;

use conns::State as ConnState;

/// The script injected into HTML pages in serve mode.
const LIVE_JS: &str = include_str!("serve/live.js");

/// What the server tells whoever runs it (the CLI prints these).
#[derive(Debug)]
pub enum ServeEvent<'a> {
    /// Files changed; a rebuild starts.
    Changed(&'a [PathBuf]),
    /// A build succeeded (the first, or an incremental rebuild).
    Built(&'a RebuildReport, Duration),
    /// A build failed; the last good build is still served.
    Failed(&'a Error),
    /// Watching a path failed (changes there will not trigger rebuilds).
    WatchError(String),
}

/// The state pages poll: the build number and, when the last build failed,
/// its error.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Status {
    /// Goes up by one after every build, good or bad.
    pub version: u64,
    /// The last build's error, or `None` when it succeeded.
    pub error: Option<String>,
}

/// Why the server could not listen.
#[derive(Debug)]
pub enum BindError {
    /// The port is taken; `free` is a nearby port that was free just now.
    InUse { addr: SocketAddr, free: Option<u16> },
    Other {
        addr: SocketAddr,
        source: std::io::Error,
    },
}

impl std::fmt::Display for BindError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BindError::InUse { addr, free } => {
                write!(f, "port {} on {} is already in use", addr.port(), addr.ip())?;
                match free {
                    Some(port) => write!(
                        f,
                        "; try `--port {port}` (free just now), or `--port 0` for any free port"
                    ),
                    None => write!(f, "; try `--port 0` for any free port"),
                }
            }
            BindError::Other { addr, source } => write!(f, "cannot listen on {addr}: {source}"),
        }
    }
}

impl std::error::Error for BindError {}

/// Opens the listening socket (port 0: any free port). A taken port is
/// reported with a free one nearby.
pub fn bind(ip: IpAddr, port: u16) -> Result<TcpListener, BindError> {
    let addr = SocketAddr::new(ip, port);
    TcpListener::bind(addr).map_err(|source| {
        if source.kind() == std::io::ErrorKind::AddrInUse {
            let free = (1..=50u16)
                .filter_map(|step| port.checked_add(step))
                .find(|&p| TcpListener::bind(SocketAddr::new(ip, p)).is_ok());
            BindError::InUse { addr, free }
        } else {
            BindError::Other { addr, source }
        }
    })
}

/// The config `serve` builds with: the site's own, writing to [`SERVE_DIR`].
pub fn serve_config(site_dir: &Path) -> crate::Result<Config> {
    Config::load(site_dir, Some(&site_dir.join(SERVE_DIR)))
}

/// Shared between the HTTP server and the rebuild loop.
struct Shared {
    root: PathBuf,
    /// The address listened on: a `Host` naming it is answered.
    bound: IpAddr,
    status: watch::Sender<Status>,
    /// What the last build learnt, for incremental rebuilds; `None` until
    /// the first build succeeds and after the config or templates change.
    session: std::sync::Mutex<Option<Session>>,
}

/// Builds, then serves `listener` forever, rebuilding on changes. Returns
/// only when the server cannot run (the runtime or the watcher fails to
/// start).
pub fn run(
    site_dir: &Path,
    listener: TcpListener,
    on_event: &(dyn Fn(ServeEvent) + Sync),
) -> std::io::Result<()> {
    let root = site_dir.join(SERVE_DIR);
    let (status, _) = watch::channel(Status::default());
    let shared = Arc::new(Shared {
        root,
        bound: listener.local_addr()?.ip(),
        status,
        session: std::sync::Mutex::new(None),
    });
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .max_blocking_threads(8)
        .thread_name("briefing-serve")
        .enable_all()
        .build()?;
    listener.set_nonblocking(true)?;
    let listener = {
        let _guard = runtime.enter();
        tokio::net::TcpListener::from_std(listener)?
    };
    // Watch first, then build and serve, so no change made while the
    // first build runs is missed.
    watch_and_rebuild(site_dir, &shared, on_event, || {
        rebuild(site_dir, &shared, on_event, &[], true);
        runtime.spawn(accept_loop(listener, Arc::clone(&shared)));
    })
}

/// Rebuilds and publishes the outcome to every waiting page. Changes to
/// sources rebuild incrementally; a change to `briefing.toml`, the
/// templates or the registry (`changed`, relative to the site) starts over
/// with a full build.
fn rebuild(
    site_dir: &Path,
    shared: &Shared,
    on_event: &(dyn Fn(ServeEvent) + Sync),
    changed: &[PathBuf],
    told: bool,
) {
    let started = Instant::now();
    let mut session = shared.session.lock().unwrap_or_else(|e| e.into_inner());
    let starts_over = changed.iter().any(|path| {
        let path = site_dir.join(path);
        path == site_dir.join(CONFIG_FILE)
            || serve_config(site_dir)
                .is_ok_and(|c| path.starts_with(&c.templates_dir) || path == c.entities_file)
    });
    // A deleted output folder cannot be patched in place (a rebuild would
    // write only the changed pages into an empty folder): start over.
    if starts_over || output_gone(&shared.root) {
        *session = None;
    }
    let outcome = match session.as_mut() {
        // Told every change by the watcher: only the changed files are
        // looked at, not every source.
        Some(live) if told => live.rebuild_changed(changed),
        Some(live) => live.rebuild(),
        None => serve_config(site_dir)
            .and_then(Session::start)
            .map(|(live, report)| {
                *session = Some(live);
                report
            }),
    };
    drop(session);
    let error = match &outcome {
        Ok(report) => {
            on_event(ServeEvent::Built(report, started.elapsed()));
            None
        }
        Err(e) => {
            on_event(ServeEvent::Failed(e));
            Some(e.to_string())
        }
    };
    shared.status.send_modify(|status| {
        status.version += 1;
        status.error = error;
    });
}

/// Whether the output folder lost its marker, i.e. was deleted (or
/// emptied) behind the server's back.
fn output_gone(root: &Path) -> bool {
    !root.join(crate::write::MARKER_FILE).is_file()
}

/// What to watch for a config: the site folder itself (for `briefing.toml`
/// and folders appearing), every source folder, the templates and the
/// registry's folder.
fn watch_targets(site_dir: &Path) -> Vec<(PathBuf, bool)> {
    let mut targets = vec![(site_dir.to_path_buf(), false)];
    if let Ok(config) = serve_config(site_dir) {
        for dir in &config.source_dirs {
            targets.push((dir.clone(), true));
        }
        targets.push((config.templates_dir.clone(), true));
        if let Some(parent) = config.entities_file.parent() {
            targets.push((parent.to_path_buf(), false));
        }
    } else {
        for dir in ["content", "seeds", "templates"] {
            targets.push((site_dir.join(dir), true));
        }
    }
    targets
}

/// The folders and files whose changes matter: the source folders, the
/// templates and the registry (read from the config once, not per file).
fn watched_paths(site_dir: &Path) -> Vec<PathBuf> {
    match serve_config(site_dir) {
        Ok(c) => c
            .source_dirs
            .iter()
            .cloned()
            .chain([c.templates_dir.clone(), c.entities_file.clone()])
            .collect(),
        Err(_) => ["content", "seeds", "templates"]
            .iter()
            .map(|d| site_dir.join(d))
            .collect(),
    }
}

/// Whether a changed path should trigger a rebuild: inside one of the
/// `watched` folders (see [`watched_paths`]) or the config, and not a
/// hidden, backup or editor swap file, and not the output.
fn is_watched(site_dir: &Path, watched: &[PathBuf], path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let hidden_or_backup = name.starts_with('.')
        || name.ends_with('~')
        || (name.starts_with('#') && name.ends_with('#'))
        || [".swp", ".swo", ".swx", ".tmp", ".bak", ".orig"]
            .iter()
            .any(|ext| name.ends_with(ext))
        || name.chars().all(|c| c.is_ascii_digit());
    if hidden_or_backup || path.starts_with(site_dir.join(SERVE_DIR)) {
        return false;
    }
    path == site_dir.join(CONFIG_FILE) || watched.iter().any(|w| path.starts_with(w))
}

fn watch_and_rebuild(
    site_dir: &Path,
    shared: &Shared,
    on_event: &(dyn Fn(ServeEvent) + Sync),
    start: impl FnOnce(),
) -> std::io::Result<()> {
    use notify::RecursiveMode;
    use notify_debouncer_mini::new_debouncer;
    // Events carry absolute paths; compare against an absolute site folder.
    let site_dir_abs = site_dir
        .canonicalize()
        .unwrap_or_else(|_| site_dir.to_path_buf());
    let (tx, rx) = std::sync::mpsc::channel();
    let mut debouncer = new_debouncer(DEBOUNCE, tx).map_err(std::io::Error::other)?;
    let mut watched: BTreeSet<PathBuf> = BTreeSet::new();
    let mut sync_watches = |debouncer: &mut notify_debouncer_mini::Debouncer<_>| {
        for (path, recursive) in watch_targets(&site_dir_abs) {
            if watched.contains(&path) || !path.is_dir() {
                continue;
            }
            let mode = if recursive {
                RecursiveMode::Recursive
            } else {
                RecursiveMode::NonRecursive
            };
            match debouncer.watcher().watch(&path, mode) {
                Ok(()) => {
                    watched.insert(path);
                }
                Err(e) => on_event(ServeEvent::WatchError(format!(
                    "cannot watch {}: {e}",
                    path.display()
                ))),
            }
        }
    };
    sync_watches(&mut debouncer);
    let mut last = fingerprint(&site_dir_abs);
    // Whether every change since the last rebuild is in `last`'s updates;
    // after a watcher error, the next rebuild looks at every source.
    let mut told = true;
    start();
    // The folders and files whose changes matter, read from the config
    // again only after a rebuild: reading it on every batch of events made
    // access events of its own, and woke the loop every debounce forever.
    let mut watched_now = watched_paths(&site_dir_abs);
    let mut checked = Instant::now();
    loop {
        let received = rx.recv_timeout(OUTPUT_CHECK);
        let timed_out = matches!(received, Err(std::sync::mpsc::RecvTimeoutError::Timeout));
        if timed_out || checked.elapsed() >= OUTPUT_CHECK {
            checked = Instant::now();
            // The output folder deleted (by hand, by a cleaner) while the
            // last build was good: build everything again, at once.
            if output_gone(&shared.root) && shared.status.borrow().error.is_none() {
                let shown = [PathBuf::from(SERVE_DIR)];
                on_event(ServeEvent::Changed(&shown));
                rebuild(site_dir, shared, on_event, &[], told);
            }
        }
        let result = match received {
            Ok(result) => result,
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => continue,
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => break,
        };
        match result {
            Ok(events) => {
                let mut paths: Vec<&Path> = events
                    .iter()
                    .map(|e| e.path.as_path())
                    .filter(|path| is_watched(&site_dir_abs, &watched_now, path))
                    .collect();
                if paths.is_empty() {
                    continue;
                }
                paths.sort();
                paths.dedup();
                // Reading sources during a build makes access events too;
                // rebuild only when a watched file really changed, and name
                // the files that did. Events name files, so only those are
                // looked at; a folder created, removed or renamed takes a
                // walk of everything watched.
                let folder = paths.iter().any(|path| {
                    path.is_dir()
                        || (!path.exists()
                            && last
                                .range(path.to_path_buf()..)
                                .next()
                                .is_some_and(|(file, _)| file != path && file.starts_with(path)))
                });
                let changed = changed_files(&site_dir_abs, &mut last, &paths, folder || !told);
                if changed.is_empty() {
                    continue;
                }
                let shown: Vec<PathBuf> = changed
                    .iter()
                    .map(|p| p.strip_prefix(&site_dir_abs).unwrap_or(p).to_path_buf())
                    .collect();
                on_event(ServeEvent::Changed(&shown));
                rebuild(site_dir, shared, on_event, &shown, told);
                told = true;
                sync_watches(&mut debouncer);
                watched_now = watched_paths(&site_dir_abs);
            }
            Err(e) => {
                told = false;
                on_event(ServeEvent::WatchError(e.to_string()));
            }
        }
    }
    Ok(())
}

/// Size and modification time of a file; `None` when it is not a file.
type FileStamp = (u64, Option<std::time::SystemTime>);

fn file_stamp(path: &Path) -> Option<FileStamp> {
    std::fs::symlink_metadata(path)
        .ok()
        .filter(|meta| !meta.is_dir())
        .map(|meta| (meta.len(), meta.modified().ok()))
}

/// The watched files that changed since `last` (brought up to date):
/// those of `paths` (the files the watcher named), or, when `walk`, every
/// watched file. A file that lost its content is given [`SETTLE`] to get
/// it back first ([`settle`]).
fn changed_files(
    site_dir: &Path,
    last: &mut BTreeMap<PathBuf, FileStamp>,
    paths: &[&Path],
    walk: bool,
) -> Vec<PathBuf> {
    // Files that had content and are now empty or gone: maybe caught
    // half-saved, waited for below.
    let mut emptied = Vec::new();
    let changed: Vec<PathBuf> = if walk {
        let now = fingerprint(site_dir);
        let changed: Vec<PathBuf> = last
            .iter()
            .filter(|(path, stamp)| now.get(*path) != Some(stamp))
            .chain(now.iter().filter(|(path, _)| !last.contains_key(*path)))
            .map(|(path, _)| path.clone())
            .collect();
        emptied.extend(
            changed
                .iter()
                .filter(|path| lost_content(last.get(*path), now.get(*path)))
                .cloned(),
        );
        *last = now;
        changed
    } else {
        let mut changed = Vec::new();
        for &path in paths {
            let now = file_stamp(path);
            if last.get(path) != now.as_ref() {
                if lost_content(last.get(path), now.as_ref()) {
                    emptied.push(path.to_path_buf());
                }
                match now {
                    Some(stamp) => last.insert(path.to_path_buf(), stamp),
                    None => last.remove(path),
                };
                changed.push(path.to_path_buf());
            }
        }
        changed
    };
    if !emptied.is_empty() {
        settle(&emptied, SETTLE);
        for path in emptied {
            match file_stamp(&path) {
                Some(stamp) => last.insert(path, stamp),
                None => last.remove(&path),
            };
        }
    }
    changed
}

/// Whether a file that had content (`before`) is now empty or gone.
fn lost_content(before: Option<&FileStamp>, now: Option<&FileStamp>) -> bool {
    before.is_some_and(|(len, _)| *len > 0) && now.is_none_or(|(len, _)| *len == 0)
}

/// Waits, up to `limit`, while any of `paths` (files that had content) is
/// empty or missing: an editor saving in place truncates the file and then
/// writes it (some delete it and write it anew), and a rebuild that read it
/// in between would build the site without its page. Returns whether every
/// one got content back in time.
fn settle(paths: &[PathBuf], limit: Duration) -> bool {
    let start = Instant::now();
    while paths
        .iter()
        .any(|path| file_stamp(path).is_none_or(|(len, _)| len == 0))
    {
        if start.elapsed() >= limit {
            return false;
        }
        std::thread::sleep(SETTLE_POLL);
    }
    true
}

/// Every file a build reads, with its [`file_stamp`], so a burst of events
/// that changed nothing (access events while building, an editor touching
/// a file) does not trigger a rebuild.
fn fingerprint(site_dir: &Path) -> BTreeMap<PathBuf, FileStamp> {
    let mut files = BTreeMap::new();
    let mut add = |path: &Path| {
        if let Some(stamp) = file_stamp(path) {
            files.insert(path.to_path_buf(), stamp);
        }
    };
    add(&site_dir.join(CONFIG_FILE));
    let watched = watched_paths(site_dir);
    for (dir, recursive) in watch_targets(site_dir).into_iter().skip(1) {
        let walker = walkdir::WalkDir::new(&dir)
            .follow_links(false)
            .max_depth(if recursive { usize::MAX } else { 1 });
        for entry in walker.into_iter().flatten() {
            if entry.file_type().is_file() && is_watched(site_dir, &watched, entry.path()) {
                add(entry.path());
            }
        }
    }
    files
}

async fn accept_loop(listener: tokio::net::TcpListener, shared: Arc<Shared>) {
    let conns = Arc::new(conns::Conns::new(conns::Limits {
        pages: MAX_CONNECTIONS,
        streams: MAX_STREAMS,
        idle: IDLE_TIMEOUT,
        lifetime: CONNECTION_TIMEOUT,
    }));
    let reaper = Arc::clone(&conns);
    tokio::spawn(async move {
        let mut every = tokio::time::interval(Duration::from_secs(1));
        loop {
            every.tick().await;
            reaper.reap();
        }
    });
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(_) => {
                // Out of file descriptors or a connection reset before accept:
                // wait a little rather than spin.
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let Some((id, conn)) = conns.admit() else {
            drop(stream);
            continue;
        };
        let shared = Arc::clone(&shared);
        let conns = Arc::clone(&conns);
        tokio::spawn(async move {
            let service = {
                let conn = Arc::clone(&conn);
                let conns = Arc::clone(&conns);
                hyper::service::service_fn(move |request| {
                    let shared = Arc::clone(&shared);
                    let conn = Arc::clone(&conn);
                    let conns = Arc::clone(&conns);
                    async move {
                        conn.set(ConnState::Busy);
                        let response = handle(request, &shared, &conn, &conns).await;
                        // Idle again unless it now holds a stream (a long
                        // poll that answered is a page connection again).
                        if matches!(response.body(), Body::Left(_)) {
                            conn.set(ConnState::Idle);
                        }
                        Ok::<_, Infallible>(response)
                    }
                })
            };
            let connection = hyper::server::conn::http1::Builder::new()
                .timer(hyper_util::rt::TokioTimer::new())
                .header_read_timeout(HEADER_TIMEOUT)
                .max_buf_size(64 * 1024)
                .serve_connection(hyper_util::rt::TokioIo::new(stream), service);
            // Dropping the connection closes it: when it is shed for a
            // newcomer, or idle too long.
            tokio::select! {
                _ = connection => {}
                _ = conn.shed_signal() => {}
            }
            conns.leave(id);
        });
    }
}

/// A response body: a whole file or message, or a live-reload stream.
type Body = http_body_util::Either<Full<Bytes>, EventStream>;

/// The body of a live-reload stream: server-sent events handed over by the
/// task that watches the build status; it ends when that task does.
pub struct EventStream(tokio::sync::mpsc::Receiver<Bytes>);

impl hyper::body::Body for EventStream {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<hyper::body::Frame<Bytes>, Infallible>>> {
        self.0
            .poll_recv(cx)
            .map(|event| event.map(|bytes| Ok(hyper::body::Frame::data(bytes))))
    }
}

/// `/__briefing/events?since=N`: server-sent events, one `data:` line of
/// [`Status`] JSON for every build after `N` (at once when one already
/// came), a comment every [`STREAM_KEEPALIVE`].
fn event_stream(shared: &Shared, since: u64) -> Response<Body> {
    let (sender, receiver) = tokio::sync::mpsc::channel::<Bytes>(4);
    let mut status = shared.status.subscribe();
    tokio::spawn(async move {
        if sender
            .send(Bytes::from_static(b"retry: 1000\n\n"))
            .await
            .is_err()
        {
            return;
        }
        let mut seen = since;
        loop {
            let now = status.borrow_and_update().clone();
            if now.version > seen {
                seen = now.version;
                let json = serde_json::to_string(&now).unwrap_or_else(|_| "{}".to_string());
                if sender
                    .send(Bytes::from(format!("data: {json}\n\n")))
                    .await
                    .is_err()
                {
                    return;
                }
            }
            tokio::select! {
                changed = status.changed() => if changed.is_err() { return },
                _ = tokio::time::sleep(STREAM_KEEPALIVE) => {
                    if sender.send(Bytes::from_static(b": keep-alive\n\n")).await.is_err() {
                        return;
                    }
                }
            }
        }
    });
    let mut response = Response::new(Body::Right(EventStream(receiver)));
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/event-stream"),
    );
    response
}

async fn handle(
    request: Request<Incoming>,
    shared: &Shared,
    conn: &conns::Conn,
    conns: &conns::Conns,
) -> Response<Body> {
    // The target's own authority wins over `Host`, as in hyper and browsers.
    let host = match request.uri().authority() {
        Some(authority) => Some(authority.as_str()),
        None => request
            .headers()
            .get(header::HOST)
            .map(|v| v.to_str().unwrap_or("")),
    };
    if !host::allowed(host, shared.bound) {
        return secure(whole(text_response(
            StatusCode::MISDIRECTED_REQUEST,
            "this preview server answers only to localhost, a loopback address or the address it \
             listens on; open it as http://localhost:PORT/ or http://127.0.0.1:PORT/\n",
        )));
    }
    let head = request.method() == Method::HEAD;
    if request.method() != Method::GET && !head {
        let mut response = text_response(
            StatusCode::METHOD_NOT_ALLOWED,
            "only GET and HEAD are served\n",
        );
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return secure(whole(response));
    }
    let path = request.uri().path().to_string();
    let query = request.uri().query().unwrap_or("").to_string();
    let since = || {
        query
            .split('&')
            .find_map(|kv| kv.strip_prefix("since="))
            .and_then(|v| v.parse::<u64>().ok())
            .unwrap_or(0)
    };
    if path == "/__briefing/events" {
        // A stream is not a page connection: counted apart.
        conns.stream(conn);
        let mut response = event_stream(shared, since());
        if head {
            *response.body_mut() = Body::Left(Full::new(Bytes::new()));
        }
        return secure(response);
    }
    let mut response = match path.as_str() {
        "/__briefing/status" => json_response(&shared.status.borrow().clone()),
        "/__briefing/reload" => {
            // The long poll of older pages: held like a stream.
            conns.stream(conn);
            let since = since();
            let mut receiver = shared.status.subscribe();
            let _ = tokio::time::timeout(
                POLL_TIMEOUT,
                receiver.wait_for(|status| status.version > since),
            )
            .await;
            json_response(&shared.status.borrow().clone())
        }
        "/__briefing/live.js" => {
            typed(StatusCode::OK, "js", Bytes::from_static(LIVE_JS.as_bytes()))
        }
        _ => serve_file(&shared.root, &path, shared).await,
    };
    if head {
        *response.body_mut() = Full::new(Bytes::new());
    }
    secure(whole(response))
}

/// A whole response as a [`Body`].
fn whole(response: Response<Full<Bytes>>) -> Response<Body> {
    response.map(Body::Left)
}

/// Headers every response carries.
fn secure<B>(mut response: Response<B>) -> Response<B> {
    let headers = response.headers_mut();
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    response
}

/// Where a request path leads inside the output folder.
#[derive(Debug, PartialEq, Eq)]
pub enum Resolved {
    /// A file inside the output folder (canonical path).
    File(PathBuf),
    /// A folder asked for without its trailing `/`: redirect here.
    Redirect(String),
    /// Refused outright (traversal, encoded separators, bad encoding).
    BadRequest(&'static str),
    NotFound,
}

/// Maps a request path (still percent-encoded) to a file inside `root`.
/// `..` and `.` segments, encoded `/` or `\`, NUL and invalid UTF-8 are
/// refused; a path that leaves `root` through a symbolic link is not found.
pub fn resolve(root: &Path, raw_path: &str) -> Resolved {
    if !raw_path.starts_with('/') {
        return Resolved::BadRequest("the path must start with /");
    }
    let lower = raw_path.to_ascii_lowercase();
    if ["%2f", "%5c", "%00"].iter().any(|bad| lower.contains(bad)) {
        return Resolved::BadRequest("encoded `/`, `\\` or NUL in the path");
    }
    let Ok(decoded) = percent_encoding::percent_decode_str(raw_path).decode_utf8() else {
        return Resolved::BadRequest("the path is not UTF-8");
    };
    if decoded.contains(['\\', '\0']) {
        return Resolved::BadRequest("`\\` or NUL in the path");
    }
    let mut path = root.to_path_buf();
    let segments = || raw_path.split('/').filter(|s| !s.is_empty());
    for segment in decoded.split('/').filter(|s| !s.is_empty()) {
        if segment == ".." || segment == "." {
            return Resolved::BadRequest("`..` or `.` in the path");
        }
        path.push(segment);
    }
    let Ok(canonical_root) = root.canonicalize() else {
        return Resolved::NotFound;
    };
    if path.is_dir() {
        if !decoded.ends_with('/') {
            // Path-only, built from the segments: never `//host/...`, which
            // a browser reads as another host.
            let segments: Vec<&str> = segments().collect();
            return Resolved::Redirect(format!("/{}/", segments.join("/")));
        }
        path.push("index.html");
    }
    match path.canonicalize() {
        Ok(real) if real.starts_with(&canonical_root) && real.is_file() => Resolved::File(real),
        _ => Resolved::NotFound,
    }
}

async fn serve_file(root: &Path, path: &str, shared: &Shared) -> Response<Full<Bytes>> {
    let status = shared.status.borrow().clone();
    match resolve(root, path) {
        Resolved::BadRequest(why) => {
            text_response(StatusCode::BAD_REQUEST, &format!("bad request: {why}\n"))
        }
        Resolved::Redirect(to) => {
            let mut response = text_response(StatusCode::MOVED_PERMANENTLY, "moved\n");
            if let Ok(value) = HeaderValue::from_str(&to) {
                response.headers_mut().insert(header::LOCATION, value);
            }
            response
        }
        Resolved::NotFound => {
            let page = format!(
                "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not found</title></head>\
                 <body><main><h1>Not found</h1><p>Nothing at <code>{}</code> in this build.</p>\
                 <p><a href=\"/index.html\">Back to the index</a></p></main></body></html>",
                crate::text::escape_html(path)
            );
            typed(
                StatusCode::NOT_FOUND,
                "html",
                Bytes::from(inject_live_reload(&page, &status)),
            )
        }
        Resolved::File(file) => {
            let extension = file
                .extension()
                .and_then(|e| e.to_str())
                .map(str::to_ascii_lowercase)
                .unwrap_or_default();
            let read = tokio::task::spawn_blocking(move || std::fs::read(file)).await;
            match read {
                Ok(Ok(bytes)) if extension == "html" || extension == "htm" => {
                    let html = String::from_utf8_lossy(&bytes);
                    typed(
                        StatusCode::OK,
                        "html",
                        Bytes::from(inject_live_reload(&html, &status)),
                    )
                }
                Ok(Ok(bytes)) => typed(StatusCode::OK, &extension, Bytes::from(bytes)),
                _ => text_response(StatusCode::NOT_FOUND, "not found\n"),
            }
        }
    }
}

/// The Content-Type for a file extension.
pub fn content_type(extension: &str) -> &'static str {
    match extension {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "txt" => "text/plain; charset=utf-8",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        _ => "application/octet-stream",
    }
}

/// Adds the live-reload script to an HTML page (before `</body>`), and an
/// overlay with the build error when the last build failed. The error is
/// HTML-escaped.
pub fn inject_live_reload(html: &str, status: &Status) -> String {
    let mut snippet = String::new();
    if let Some(error) = &status.error {
        snippet.push_str(&overlay(error));
    }
    snippet.push_str(&format!(
        "<script src=\"/__briefing/live.js\" data-version=\"{}\"></script>",
        status.version
    ));
    let at = html
        .to_ascii_lowercase()
        .rfind("</body>")
        .unwrap_or(html.len());
    let mut out = String::with_capacity(html.len() + snippet.len());
    out.push_str(&html[..at]);
    out.push_str(&snippet);
    out.push_str(&html[at..]);
    out
}

/// The overlay's own colours and type, on every element it draws (the
/// box, its title, the error text), marked `!important` so no site
/// stylesheet (a cream `pre` background, a dark-scheme text colour) can
/// make it unreadable; `serve/live.js` draws the same.
pub const OVERLAY_BOX_STYLE: &str = "position:fixed!important;inset:0!important;z-index:2147483647!important;\
     overflow:auto!important;margin:0!important;padding:2rem!important;color-scheme:dark!important;\
     background:#141414!important;color:#f2f2f2!important;font:15px/1.5 ui-monospace,monospace!important;\
     text-align:left!important";
pub const OVERLAY_TITLE_STYLE: &str = "font:bold 15px/1.5 ui-monospace,monospace!important;\
     color:#ff9c9c!important;background:transparent!important;margin:0 0 1rem!important;padding:0!important;border:0!important";
pub const OVERLAY_TEXT_STYLE: &str = "white-space:pre-wrap!important;margin:0!important;padding:0!important;\
     border:0!important;background:transparent!important;color:#f2f2f2!important;\
     font:15px/1.5 ui-monospace,monospace!important;overflow:visible!important";

/// The build-error overlay, as the script also draws it.
fn overlay(error: &str) -> String {
    format!(
        "<div id=\"__briefing-overlay\" role=\"alert\" style=\"{OVERLAY_BOX_STYLE}\">\
         <p style=\"{OVERLAY_TITLE_STYLE}\">briefing: the build failed; still showing the last good build. \
         Fix the file and save: the page reloads.</p><pre style=\"{OVERLAY_TEXT_STYLE}\">{}</pre></div>",
        crate::text::escape_html(error)
    )
}

fn typed(status: StatusCode, extension: &str, body: Bytes) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(body));
    *response.status_mut() = status;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(content_type(extension)),
    );
    response
}

fn text_response(status: StatusCode, text: &str) -> Response<Full<Bytes>> {
    typed(status, "txt", Bytes::from(text.to_string()))
}

fn json_response(status: &Status) -> Response<Full<Bytes>> {
    let body = serde_json::to_string(status).unwrap_or_else(|_| "{}".to_string());
    typed(StatusCode::OK, "json", Bytes::from(body))
}

/// Opens `url` in the desktop's browser (`xdg-open`, `open` or `start`),
/// without waiting for it.
pub fn open_browser(url: &str) -> std::io::Result<()> {
    let mut command = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        std::process::Command::new("xdg-open")
    };
    command
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_overlay_sets_its_own_colours_on_every_element() {
        let html = super::overlay("content/a.md:1:1: broken");
        for style in [
            super::OVERLAY_BOX_STYLE,
            super::OVERLAY_TITLE_STYLE,
            super::OVERLAY_TEXT_STYLE,
        ] {
            assert!(html.contains(&format!("style=\"{style}\"")), "{html}");
            assert!(style.contains("background:"), "{style}");
            assert!(style.contains("color:#"), "{style}");
            // The script draws the same box.
            for declaration in style.split(';') {
                assert!(
                    super::LIVE_JS.contains(declaration),
                    "live.js lacks `{declaration}`"
                );
            }
        }
    }
    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("out/briefings/a")).unwrap();
        std::fs::write(dir.path().join("out/index.html"), "home").unwrap();
        std::fs::write(dir.path().join("out/briefings/a/index.html"), "a").unwrap();
        std::fs::write(dir.path().join("secret.txt"), "secret").unwrap();
        dir
    }

    #[test]
    fn paths_resolve_inside_the_folder_only() {
        let dir = site();
        let root = dir.path().join("out");
        let real = root.canonicalize().unwrap();
        assert_eq!(resolve(&root, "/"), Resolved::File(real.join("index.html")));
        assert_eq!(
            resolve(&root, "/briefings/a/"),
            Resolved::File(real.join("briefings/a/index.html"))
        );
        assert_eq!(
            resolve(&root, "/briefings/a"),
            Resolved::Redirect("/briefings/a/".into())
        );
        assert_eq!(resolve(&root, "/nope.html"), Resolved::NotFound);
        // Redirects are path-only: `//briefings` would be another host.
        for (asked, to) in [
            ("//briefings", "/briefings/"),
            ("///briefings//a", "/briefings/a/"),
            ("/briefings//a", "/briefings/a/"),
        ] {
            assert_eq!(
                resolve(&root, asked),
                Resolved::Redirect(to.into()),
                "{asked}"
            );
        }
        for bad in [
            "/../secret.txt",
            "/%2e%2e/secret.txt",
            "/%2E%2E/secret.txt",
            "/..%2fsecret.txt",
            "/briefings/..%5c..%5csecret.txt",
            "/a/%00",
            "/./index.html",
            "relative",
        ] {
            assert!(
                matches!(resolve(&root, bad), Resolved::BadRequest(_)),
                "{bad}"
            );
        }
    }

    /// A folder with one source, saved.
    fn saved() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("tide.md");
        std::fs::write(&file, "The tide turns at noon.\n").unwrap();
        (dir, file)
    }

    /// Writes `text` to `file` after 150 ms, on a thread of its own.
    fn write_later(file: &Path, text: &'static str) -> std::thread::JoinHandle<()> {
        let file = file.to_path_buf();
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(150));
            std::fs::write(&file, text).unwrap();
        })
    }

    #[test]
    fn a_file_caught_half_saved_is_waited_for_until_written() {
        let (_dir, file) = saved();
        // Truncated, then written a while later, as an editor saving in
        // place under load.
        std::fs::write(&file, "").unwrap();
        let writer = write_later(&file, "The tide turns at one.\n");
        assert!(settle(std::slice::from_ref(&file), Duration::from_secs(30)));
        assert_eq!(
            std::fs::read_to_string(&file).unwrap(),
            "The tide turns at one.\n"
        );
        writer.join().unwrap();
        // Deleted and written anew: waited for too.
        std::fs::remove_file(&file).unwrap();
        let writer = write_later(&file, "The tide turns at two.\n");
        assert!(settle(std::slice::from_ref(&file), Duration::from_secs(30)));
        assert!(file.is_file());
        writer.join().unwrap();
    }

    #[test]
    fn a_file_really_emptied_or_deleted_is_built_after_the_wait() {
        let (_dir, file) = saved();
        std::fs::write(&file, "").unwrap();
        assert!(!settle(
            std::slice::from_ref(&file),
            Duration::from_millis(60)
        ));
        std::fs::remove_file(&file).unwrap();
        assert!(!settle(
            std::slice::from_ref(&file),
            Duration::from_millis(60)
        ));
    }

    #[test]
    fn only_a_file_that_had_content_and_lost_it_counts_as_half_saved() {
        let full = (24, None);
        let empty = (0, None);
        assert!(lost_content(Some(&full), Some(&empty)));
        assert!(lost_content(Some(&full), None));
        // A new empty file, one empty before, or one still with content.
        assert!(!lost_content(None, Some(&empty)));
        assert!(!lost_content(Some(&empty), None));
        assert!(!lost_content(Some(&full), Some(&(30, None))));
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_out_of_the_folder_are_not_followed() {
        let dir = site();
        let root = dir.path().join("out");
        std::os::unix::fs::symlink(dir.path().join("secret.txt"), root.join("leak.txt")).unwrap();
        std::os::unix::fs::symlink(dir.path(), root.join("up")).unwrap();
        assert_eq!(resolve(&root, "/leak.txt"), Resolved::NotFound);
        assert_eq!(resolve(&root, "/up/secret.txt"), Resolved::NotFound);
    }

    #[test]
    fn the_script_goes_before_body_end_and_errors_are_escaped() {
        let status = Status {
            version: 3,
            error: Some("content/x.md:2:1: <script>alert(1)</script>".into()),
        };
        let html = inject_live_reload("<html><body><p>x</p></body></html>", &status);
        assert!(
            html.ends_with("data-version=\"3\"></script></body></html>"),
            "{html}"
        );
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{html}"
        );
        assert!(!html.contains("<script>alert"), "{html}");
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type("html"), "text/html; charset=utf-8");
        assert_eq!(content_type("svg"), "image/svg+xml");
        assert_eq!(content_type("pdf"), "application/pdf");
        assert_eq!(content_type("exe"), "application/octet-stream");
    }

    #[test]
    fn a_taken_port_names_a_free_one() {
        let taken = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = taken.local_addr().unwrap().port();
        match bind(IpAddr::from([127, 0, 0, 1]), port) {
            Err(e @ BindError::InUse { .. }) => {
                assert!(e.to_string().contains("--port"), "{e}")
            }
            other => panic!("expected InUse, got {other:?}"),
        }
    }
}

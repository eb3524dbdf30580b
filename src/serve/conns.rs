//! The connections `serve` holds, and which one goes when there are too
//! many. Page connections (waiting for a request, or serving one) and
//! live-reload streams are counted apart, so a hundred open tabs never stop
//! a page being answered, and a flood of idle or slow connections costs the
//! oldest of them, not the newcomer:
//!
//! 1. `a_new_connection_sheds_the_oldest_idle_one`: a connection arriving
//!    while [`Limits::pages`] page connections are open closes the one
//!    idle longest (kept alive, or never finishing its request head:
//!    slowloris), then is let in.
//! 2. `busy_connections_are_never_shed`: one serving a request is not
//!    closed for a newcomer; when none is idle, newcomers are still let in
//!    up to twice the limit, and refused past it.
//! 3. `the_oldest_stream_goes_past_the_stream_limit`: past
//!    [`Limits::streams`] live-reload streams, the oldest is closed (its
//!    page reconnects by itself).
//! 4. `idle_connections_time_out`: a page connection idle for
//!    [`Limits::idle`], or open for [`Limits::lifetime`] and idle, is
//!    closed by [`Conns::reap`], run every second.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::Notify;

/// What a connection is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum State {
    /// Waiting for (the rest of) a request head.
    Idle = 0,
    /// Serving a request.
    Busy = 1,
    /// Holding a live-reload stream (or a long poll).
    Stream = 2,
    /// Told to close.
    Shed = 3,
}

impl State {
    fn from_u8(n: u8) -> State {
        match n {
            0 => State::Idle,
            1 => State::Busy,
            2 => State::Stream,
            _ => State::Shed,
        }
    }
}

/// How many connections of each kind, and for how long.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Page connections held before the oldest idle one is shed.
    pub pages: usize,
    /// Live-reload streams held before the oldest is shed.
    pub streams: usize,
    /// Longest a page connection may sit idle.
    pub idle: Duration,
    /// Longest a page connection may stay open (closed when next idle).
    pub lifetime: Duration,
}

/// One connection: its state, since when, and how to tell it to close.
#[derive(Debug)]
pub struct Conn {
    state: AtomicU8,
    /// When the state last changed, and when the connection opened.
    since: Mutex<Instant>,
    opened: Instant,
    shed: Notify,
}

impl Conn {
    fn new(now: Instant) -> Conn {
        Conn {
            state: AtomicU8::new(State::Idle as u8),
            since: Mutex::new(now),
            opened: now,
            shed: Notify::new(),
        }
    }

    pub fn state(&self) -> State {
        State::from_u8(self.state.load(Ordering::Acquire))
    }

    /// Moves to `state` (a shed connection stays shed).
    pub fn set(&self, state: State) {
        let mut since = self.since.lock().unwrap_or_else(|e| e.into_inner());
        if self.state() != State::Shed {
            self.state.store(state as u8, Ordering::Release);
            *since = Instant::now();
        }
    }

    fn since(&self) -> Instant {
        *self.since.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn shed(&self) {
        self.state.store(State::Shed as u8, Ordering::Release);
        self.shed.notify_one();
    }

    /// Resolves when the connection is told to close.
    pub async fn shed_signal(&self) {
        self.shed.notified().await
    }
}

/// Every open connection, by the order it arrived.
#[derive(Debug)]
pub struct Conns {
    limits: Limits,
    open: Mutex<(u64, BTreeMap<u64, Arc<Conn>>)>,
}

impl Conns {
    pub fn new(limits: Limits) -> Conns {
        Conns {
            limits,
            open: Mutex::new((0, BTreeMap::new())),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, (u64, BTreeMap<u64, Arc<Conn>>)> {
        self.open.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Lets a new connection in, shedding the oldest idle one when the page
    /// limit is reached; `None` when it must be refused (every connection
    /// busy, twice the limit open).
    pub fn admit(&self) -> Option<(u64, Arc<Conn>)> {
        let mut open = self.lock();
        let pages: Vec<(&u64, &Arc<Conn>)> = open
            .1
            .iter()
            .filter(|(_, c)| matches!(c.state(), State::Idle | State::Busy))
            .collect();
        if pages.len() >= self.limits.pages {
            let oldest_idle = pages
                .iter()
                .filter(|(_, c)| c.state() == State::Idle)
                .min_by_key(|(_, c)| c.since());
            match oldest_idle {
                Some((_, conn)) => conn.shed(),
                None if pages.len() >= 2 * self.limits.pages => return None,
                None => {}
            }
        }
        let id = open.0;
        open.0 += 1;
        let conn = Arc::new(Conn::new(Instant::now()));
        open.1.insert(id, Arc::clone(&conn));
        Some((id, conn))
    }

    /// Marks connection `conn` as holding a stream, shedding the oldest
    /// stream past the limit.
    pub fn stream(&self, conn: &Conn) {
        conn.set(State::Stream);
        let open = self.lock();
        let streams: Vec<&Arc<Conn>> = open
            .1
            .values()
            .filter(|c| c.state() == State::Stream)
            .collect();
        if streams.len() > self.limits.streams
            && let Some(oldest) = streams.iter().min_by_key(|c| c.since())
        {
            oldest.shed();
        }
    }

    /// Forgets a closed connection.
    pub fn leave(&self, id: u64) {
        self.lock().1.remove(&id);
    }

    /// Sheds page connections idle too long, or open too long and idle.
    pub fn reap(&self) {
        let now = Instant::now();
        for conn in self.lock().1.values() {
            if conn.state() == State::Idle
                && (now.duration_since(conn.since()) >= self.limits.idle
                    || now.duration_since(conn.opened) >= self.limits.lifetime)
            {
                conn.shed();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conns(pages: usize, streams: usize) -> Conns {
        Conns::new(Limits {
            pages,
            streams,
            idle: Duration::from_millis(50),
            lifetime: Duration::from_secs(60),
        })
    }

    #[test]
    fn a_new_connection_sheds_the_oldest_idle_one() {
        let c = conns(3, 10);
        let (_, first) = c.admit().unwrap();
        std::thread::sleep(Duration::from_millis(2));
        let (_, second) = c.admit().unwrap();
        std::thread::sleep(Duration::from_millis(2));
        let (_, third) = c.admit().unwrap();
        // The first one served a request since: the second is idle longest.
        first.set(State::Busy);
        first.set(State::Idle);
        let (_, fourth) = c.admit().unwrap();
        assert_eq!(second.state(), State::Shed);
        for conn in [&first, &third, &fourth] {
            assert_eq!(conn.state(), State::Idle);
        }
    }

    #[test]
    fn busy_connections_are_never_shed() {
        let c = conns(2, 10);
        let busy = || {
            let (_, conn) = c.admit().unwrap();
            conn.set(State::Busy);
            conn
        };
        let all: Vec<Arc<Conn>> = (0..4).map(|_| busy()).collect();
        assert!(all.iter().all(|conn| conn.state() == State::Busy));
        assert!(c.admit().is_none(), "twice the limit, all busy");
    }

    #[test]
    fn the_oldest_stream_goes_past_the_stream_limit() {
        let c = conns(2, 2);
        let streams: Vec<Arc<Conn>> = (0..3)
            .map(|_| {
                let (_, conn) = c.admit().unwrap();
                c.stream(&conn);
                std::thread::sleep(Duration::from_millis(2));
                conn
            })
            .collect();
        assert_eq!(streams[0].state(), State::Shed);
        assert_eq!(streams[1].state(), State::Stream);
        assert_eq!(streams[2].state(), State::Stream);
        // Streams do not count against pages: two page connections fit.
        let pages: Vec<Arc<Conn>> = (0..2).map(|_| c.admit().unwrap().1).collect();
        assert!(pages.iter().all(|p| p.state() == State::Idle));
    }

    #[test]
    fn idle_connections_time_out() {
        let c = conns(10, 10);
        let (_, idle) = c.admit().unwrap();
        let (_, busy) = c.admit().unwrap();
        busy.set(State::Busy);
        let (_, stream) = c.admit().unwrap();
        c.stream(&stream);
        c.reap();
        assert_eq!(idle.state(), State::Idle, "not idle long enough yet");
        std::thread::sleep(Duration::from_millis(60));
        c.reap();
        assert_eq!(idle.state(), State::Shed);
        assert_eq!(busy.state(), State::Busy);
        assert_eq!(stream.state(), State::Stream);
    }
}

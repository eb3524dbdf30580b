#!/usr/bin/env python3
"""Load on `briefing serve`, bounded in count and time, loopback only.

Starts `briefing serve --port 0` on a new site (`briefing init`) in a
temporary folder, then holds, all at once:

  - STREAMS live-reload clients (server-sent events, /__briefing/events),
  - IDLE keep-alive connections, each idle after one request,
  - a slowloris wave: SLOW connections sending a request head one byte
    every 200 ms,

while READERS clients fetch a briefing page (a new connection each, one
request, then 50 ms pause) for SECONDS seconds. Prints how many page
requests were answered, how many failed, the median, 99th percentile and
slowest time, and whether the server still answers afterwards. Exits 1 when
a page request failed, took a second or more, or the server is down after;
the server is stopped in any case.

usage: bench/serve_load.py [--binary target/release/briefing]
       [--streams 100] [--idle 70] [--slow 100] [--readers 20] [--seconds 10]

Every connection goes to 127.0.0.1; counts are capped at 1,000 each and
the run at 120 seconds.
"""

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time

HOST = "127.0.0.1"
PAGE = "/briefings/harbour-ferry-timetable/index.html"


def request(target, connection):
    return (
        f"GET {target} HTTP/1.1\r\nHost: {HOST}\r\nConnection: {connection}\r\n\r\n"
    ).encode()


def hold(port, raw):
    try:
        s = socket.create_connection((HOST, port), timeout=5)
        s.sendall(raw)
        return s
    except OSError:
        return None


def fetch(port):
    """One page request on a new connection: (ok, seconds)."""
    started = time.monotonic()
    try:
        with socket.create_connection((HOST, port), timeout=5) as s:
            s.settimeout(5)
            s.sendall(request(PAGE, "close"))
            data = b""
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                data += chunk
        ok = data.startswith(b"HTTP/1.1 200")
    except OSError:
        ok = False
    return ok, time.monotonic() - started


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default="target/release/briefing")
    parser.add_argument("--streams", type=int, default=100)
    parser.add_argument("--idle", type=int, default=70)
    parser.add_argument("--slow", type=int, default=100)
    parser.add_argument("--readers", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=10)
    args = parser.parse_args()
    for name in ("streams", "idle", "slow", "readers"):
        setattr(args, name, max(0, min(getattr(args, name), 1000)))
    args.seconds = max(1.0, min(args.seconds, 120.0))

    site = tempfile.mkdtemp(prefix="briefing-serve-load-")
    server = None
    held = []
    try:
        subprocess.run(
            [args.binary, "init", site], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        server = subprocess.Popen(
            [args.binary, "serve", site, "--port", "0"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        port = None
        deadline = time.monotonic() + 30
        while port is None and time.monotonic() < deadline:
            line = server.stderr.readline()
            match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
            if match:
                port = int(match.group(1))
        if port is None:
            print("the server printed no address", file=sys.stderr)
            return 1
        threading.Thread(target=lambda: server.stderr.read(), daemon=True).start()
        while not fetch(port)[0]:
            if time.monotonic() > deadline:
                print("the server never served a page", file=sys.stderr)
                return 1
            time.sleep(0.1)

        held += [hold(port, request("/__briefing/events?since=0", "keep-alive")) for _ in range(args.streams)]
        held += [hold(port, request("/", "keep-alive")) for _ in range(args.idle)]
        opened = sum(1 for s in held if s is not None)

        stop = threading.Event()

        def slowloris():
            head = request("/", "keep-alive")[:-2] + b"X-Slow: "
            slow = [hold(port, b"") for _ in range(args.slow)]
            sent = 0
            while not stop.is_set():
                byte = head[sent : sent + 1] or b"a"
                for i, s in enumerate(slow):
                    if s is None:
                        continue
                    try:
                        s.sendall(byte)
                    except OSError:
                        s.close()
                        slow[i] = None
                sent += 1
                stop.wait(0.2)
            for s in slow:
                if s is not None:
                    s.close()

        wave = threading.Thread(target=slowloris)
        wave.start()
        time.sleep(0.3)

        times = []
        lock = threading.Lock()

        def reader():
            end = time.monotonic() + args.seconds
            while time.monotonic() < end:
                result = fetch(port)
                with lock:
                    times.append(result)
                time.sleep(0.05)

        readers = [threading.Thread(target=reader) for _ in range(args.readers)]
        for r in readers:
            r.start()
        for r in readers:
            r.join()
        stop.set()
        wave.join()

        up = fetch(port)[0]
        answered = sorted(t for ok, t in times if ok)
        failed = sum(1 for ok, _ in times if not ok)
        slowest = max((t for _, t in times), default=0.0)

        def pct(p):
            return answered[min(len(answered) - 1, int(p * len(answered)))] if answered else 0.0

        print(
            f"held {opened} of {args.streams + args.idle} streams and keep-alives, "
            f"{args.slow} slowloris; {args.readers} readers for {args.seconds:g} s"
        )
        print(
            f"page requests: {len(answered)} answered, {failed} failed; "
            f"median {pct(0.5) * 1000:.1f} ms, p99 {pct(0.99) * 1000:.1f} ms, "
            f"slowest {slowest * 1000:.1f} ms; server up after: {'yes' if up else 'NO'}"
        )
        return 0 if failed == 0 and slowest < 1.0 and up else 1
    finally:
        for s in held:
            if s is not None:
                s.close()
        if server is not None:
            server.kill()
            server.wait()
        shutil.rmtree(site, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())

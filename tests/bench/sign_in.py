#!/usr/bin/env python3
"""Sign-in under attack: prints figures, asserts nothing.

Starts the release server on a demo SQLite database and measures, in this order:

1. 64 clients signing in at once for 10 seconds, each waiting for its answer: answers by
   status, the server's resident memory during and after, and a right sign-in right after;
2. a burst of abandoned sign-ins (each POST sent complete, its connection closed at once, as
   fast as this machine can for a few seconds) while a person signs in with the right
   password every quarter second: that person's latency during and right after the burst,
   and the server's memory.

BENCH_PHASES=concurrent or BENCH_PHASES=burst runs one of them.

Every attacking request comes from its own address (the server trusts 127.0.0.1 as a proxy
and each request carries another X-Forwarded-For) and names its own unknown email, so the
per-account and per-address limits never step in: this measures the hashing queue alone.

Usage: python3 tests/bench/sign_in.py [path/to/support-contacts]
"""

import http.client
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

BIN = sys.argv[1] if len(sys.argv) > 1 else "target/release/support-contacts"
PORT = 18281
PASSWORD = "bench-password-123"
PERSON = "helpdesk@contoso.example"


def rss_mib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def get_form():
    """A session cookie and CSRF token from GET /sign-in."""
    c = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
    c.request("GET", "/sign-in")
    r = c.getresponse()
    body = r.read().decode()
    cookie = r.getheader("Set-Cookie").split(";")[0]
    token = re.search(r'name="csrf_token" value="([0-9a-f]+)"', body).group(1)
    c.close()
    return cookie, token


def post_sign_in(cookie, token, email, password, forwarded=None, timeout=60):
    body = urllib.parse.urlencode({"csrf_token": token, "email": email, "password": password})
    headers = {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"}
    if forwarded:
        headers["X-Forwarded-For"] = forwarded
    c = http.client.HTTPConnection("127.0.0.1", PORT, timeout=timeout)
    c.request("POST", "/sign-in", body, headers)
    r = c.getresponse()
    r.read()
    c.close()
    return r.status


def random_address():
    return f"10.{random.randint(0, 255)}.{random.randint(0, 255)}.{random.randint(1, 254)}"


def abandoned(cookie, token):
    """One complete sign-in POST, its connection closed without reading the answer."""
    body = urllib.parse.urlencode({
        "csrf_token": token,
        "email": f"x{random.randint(0, 10**9)}@attack.example",
        "password": "wrong",
    })
    request = (
        f"POST /sign-in HTTP/1.1\r\nHost: 127.0.0.1:{PORT}\r\nCookie: {cookie}\r\n"
        f"X-Forwarded-For: {random_address()}\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\n"
        f"Content-Length: {len(body)}\r\n\r\n{body}"
    ).encode()
    s = socket.create_connection(("127.0.0.1", PORT))
    s.sendall(request)
    s.close()


class Memory:
    """Samples the server's resident memory every 0.1 s while running; keeps the peak."""

    def __init__(self, pid):
        self.pid = pid
        self.peak = 0.0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._watch)

    def _watch(self):
        while not self.stop.is_set():
            self.peak = max(self.peak, rss_mib(self.pid))
            time.sleep(0.1)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *_):
        self.stop.set()
        self.thread.join()


def burst(server, cookie, token, seconds=3.3):
    """Abandoned sign-ins from 4 threads for `seconds`, a person signing in every 0.25 s
    during the burst and for 5 s after it."""
    sent = [0]
    samples = []  # (phase, latency ms, status)
    over = threading.Event()
    done = threading.Event()

    def attacker():
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            try:
                abandoned(cookie, token)
                sent[0] += 1
            except OSError:
                pass

    def person():
        while not done.is_set():
            c, tok = get_form()
            t = time.monotonic()
            try:
                status = post_sign_in(c, tok, PERSON, PASSWORD)
            except OSError:
                status = 0
            phase = "after" if over.is_set() else "during"
            samples.append((phase, 1000 * (time.monotonic() - t), status))
            time.sleep(0.25)

    with Memory(server.pid) as memory:
        attackers = [threading.Thread(target=attacker) for _ in range(4)]
        watcher = threading.Thread(target=person)
        for th in attackers + [watcher]:
            th.start()
        for th in attackers:
            th.join()
        over.set()
        time.sleep(5)
        done.set()
        watcher.join()
    print(f"\nburst: {sent[0]} abandoned sign-ins sent in {seconds} s by 4 threads")
    for phase in ("during", "after"):
        lat = [s[1] for s in samples if s[0] == phase]
        statuses = [s[2] for s in samples if s[0] == phase]
        if lat:
            print(f"  the person's sign-ins {phase} the burst: {len(lat)}, "
                  f"median {statistics.median(lat):.0f} ms, max {max(lat):.0f} ms "
                  f"({statuses.count(303)} signed in, {statuses.count(503)} told to retry, "
                  f"{len(statuses) - statuses.count(303) - statuses.count(503)} other)")
    print(f"  server RSS: peak {memory.peak:.0f} MiB, 5 s after {rss_mib(server.pid):.0f} MiB")


def concurrent(server, person_cookie, person_token, clients=64, seconds=10):
    """`clients` clients signing in at once for `seconds`, each waiting for its answer."""
    done = threading.Event()
    statuses = {}
    lock = threading.Lock()

    def client():
        c, tok = get_form()
        while not done.is_set():
            try:
                s = post_sign_in(c, tok, f"x{random.randint(0, 10**9)}@attack.example",
                                 "wrong", forwarded=random_address())
            except OSError:
                s = 0
            with lock:
                statuses[s] = statuses.get(s, 0) + 1

    with Memory(server.pid) as memory:
        threads = [threading.Thread(target=client) for _ in range(clients)]
        for th in threads:
            th.start()
        time.sleep(seconds)
        done.set()
        for th in threads:
            th.join()
    print(f"\n{clients} concurrent sign-ins for {seconds} s: answers by status "
          f"{dict(sorted(statuses.items()))}")
    time.sleep(2)
    print(f"  server RSS: peak {memory.peak:.0f} MiB, 2 s after {rss_mib(server.pid):.0f} MiB")
    t = time.monotonic()
    status = post_sign_in(person_cookie, person_token, PERSON, PASSWORD)
    print(f"  right after: a right sign-in answers {status} in "
          f"{1000 * (time.monotonic() - t):.0f} ms")


def main():
    work = tempfile.mkdtemp()
    env = dict(os.environ, DATABASE_URL=f"sqlite://{work}/bench.db", DEMO_PASSWORD=PASSWORD,
               TRUSTED_PROXIES="127.0.0.1", RUST_LOG="warn")
    server = subprocess.Popen([BIN, "serve", "--demo", "--bind", f"127.0.0.1:{PORT}"], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(200):
            try:
                get_form()
                break
            except OSError:
                time.sleep(0.1)
        cookie, token = get_form()
        person_cookie, person_token = get_form()
        t = time.monotonic()
        status = post_sign_in(person_cookie, person_token, PERSON, PASSWORD)
        print(f"quiet: a right sign-in answers {status} in {1000 * (time.monotonic() - t):.0f} ms")
        print(f"server RSS at rest: {rss_mib(server.pid):.0f} MiB")
        phases = os.environ.get("BENCH_PHASES", "burst,concurrent").split(",")
        if "concurrent" in phases:
            concurrent(server, person_cookie, person_token)
        if "burst" in phases:
            burst(server, cookie, token)
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()

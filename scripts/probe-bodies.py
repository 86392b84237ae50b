#!/usr/bin/env python3
"""Sends request heads that announce huge bodies, and a little of the body, then waits for the
answer: a refused body must be answered without being read.

    probe-bodies.py HOST PORT PID STAFF_TOKEN HR_TOKEN
"""
import http.client
import re
import socket
import sys
import time
import urllib.parse

host, port, pid, staff, hr = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]


def rss_mib():
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0


def session(token):
    """A dashboard session cookie for `token`, signed in through the sign-in form."""
    conn = http.client.HTTPConnection(host, port, timeout=10)
    conn.request("GET", "/signin/token")
    response = conn.getresponse()
    page = response.read().decode()
    cookie = re.search(r"dxs_signin=([^;]+)", response.getheader("Set-Cookie") or "").group(1)
    csrf = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
    body = urllib.parse.urlencode({"_csrf": csrf, "token": token, "next": "/"})
    conn.request("POST", "/signin/token", body=body, headers={
        "Content-Type": "application/x-www-form-urlencoded", "Cookie": f"dxs_signin={cookie}"})
    response = conn.getresponse()
    response.read()
    return re.search(r"(dxs_session=[^;]+)", response.getheader("Set-Cookie") or "").group(1)


def probe(method, path, token, content_type, announced):
    """The status line of the answer and the seconds it took, after sending 64 KiB of `announced`.
    `token` is a bearer token, or a `dxs_session=…` cookie for the dashboard."""
    s = socket.create_connection((host, port), timeout=10)
    auth = f"Cookie: {token}" if token.startswith("dxs_session=") else f"Authorization: Bearer {token}"
    head = (f"{method} {path} HTTP/1.1\r\nHost: {host}\r\n{auth}\r\n"
            f"Content-Type: {content_type}\r\nContent-Length: {announced}\r\n\r\n")
    started = time.monotonic()
    s.sendall(head.encode())
    try:
        s.sendall(b" " * 65536)
    except OSError:
        pass  # the server may already have closed its input
    answer = b""
    try:
        while b"\r\n" not in answer:
            chunk = s.recv(4096)
            if not chunk:
                break
            answer += chunk
        seconds = time.monotonic() - started
        # Keep sending: a server that drains the refused body takes it all; one that stopped
        # reading makes the send fail once the socket buffers are full.
        sent, deadline = 0, time.monotonic() + 3
        s.settimeout(1)
        try:
            while sent < 256 * 1048576 and time.monotonic() < deadline:
                sent += s.send(b" " * 1048576)
        except OSError:
            pass
    finally:
        s.close()
    return answer.split(b"\r\n", 1)[0].decode(errors="replace"), seconds, sent


failures = 0
before = rss_mib()
web = session(staff)
for method, path, token, kind, announced, want in [
    ("PUT", "/api/v1/criteria", staff, "application/json", 1_300_000_000, " 403 "),
    ("PUT", "/api/v1/targets", staff, "application/json", 1_300_000_000, " 403 "),
    ("POST", "/api/v1/transfers/impact", staff, "text/csv", 512 * 1048576, " 403 "),
    ("POST", "/api/v1/imports/training", staff, "text/csv", 600_000_000, " 403 "),
    ("PUT", "/api/v1/criteria", hr, "application/json", 1_300_000_000, " 413 "),
    ("POST", "/api/v1/imports/training", hr, "text/csv", 600_000_000, " 413 "),
    ("POST", "/api/v1/units", hr, "application/json", 1_300_000_000, " 413 "),
    ("POST", "/api/v1/no-such-route", staff, "application/json", 1_300_000_000, " 413 "),
    ("POST", "/coverage", web, "application/x-www-form-urlencoded", 300_000_000, " 404 "),
    ("POST", "/signout", web, "application/x-www-form-urlencoded", 300_000_000, " 413 "),
    ("POST", "/transfers", web, "multipart/form-data; boundary=x", 300_000_000, " 403 "),
    ("POST", "/imports/training", web, "multipart/form-data; boundary=x", 600_000_000, " 403 "),
]:
    status, seconds, more = probe(method, path, token, kind, announced)
    # Socket buffers on loopback hold a few MiB; a draining server would take hundreds.
    ok = want in status + " " and seconds < 5 and more < 64 * 1048576
    failures += not ok
    print(f"probe: {'ok' if ok else 'FAILED'} {method} {path} announcing {announced} bytes: {status} in {seconds:.2f} s,"
          f" then {more / 1048576:.0f} MiB more accepted")
after = rss_mib()
print(f"probe: service RSS {before:.0f} MiB before, {after:.0f} MiB after")
if after - before > 100:
    failures += 1
    print("probe: FAILED the service grew by more than 100 MiB")
sys.exit(1 if failures else 0)

"""The confirmation page (issue 16) under 200 concurrent clients (issue 20): p99 < 200 ms.

The real server as staff run it: ``circular web`` (uvicorn, its default single worker) in its
own process on 127.0.0.1, over a ledger where CL-21/4 (dated today) went to the 193 Member
States of contacts/samples/member-states.csv, each with its personal link. The clients stand
where the reverse proxy does (``--forwarded-allow-ips`` 127.0.0.1, the default): each says
whose request it forwards (``X-Forwarded-For``, one address per client), so the per-address
rate limit applies per client as in production.

Each client (asyncio, a bare HTTP/1.1 keep-alive connection and a cookie jar each: httpx spent
three times the server's CPU) loads its contact's page,
takes the CSRF field from the form (the cookie comes with the page), posts an answer, and
follows the 303 to the page that says it was saved: three requests, each timed. All clients
start together; a round is every client doing that once; several rounds. Reported: p50, p95,
p99 of all requests (and per kind), and requests per second over the rounds.

    python -m bench --only web [--quick]
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from urllib.parse import urlencode

from bench.harness import Section, Table, Verdict, fmt, process_tree_cpu
from bench.poll import CAMPAIGN, sent_ledger

ROOT = Path(__file__).resolve().parent.parent
TARGET_MS, GOAL_MS = 200.0, 50.0
_CSRF = re.compile(r'name="csrf" value="([0-9a-f]+)"')


def percentile(values: list[float], share: float) -> float:
    """The ``share`` (0-1) percentile, nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))]


def free_port() -> int:
    """A port on 127.0.0.1 nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def links(ledger_path: Path) -> list[str]:
    """Every contact's link token (made as ``circular links`` makes them)."""
    from circular.ledger import Ledger, contacts_of
    from circular.letters.links import ensure_links

    ledger = Ledger(f"sqlite:///{ledger_path}")
    try:
        with ledger.session() as session:
            ids = [c.id for c in contacts_of(session, CAMPAIGN)]
            return list(ensure_links(session, CAMPAIGN, ids).values())
    finally:
        ledger.dispose()


class Connection:
    """A bare HTTP/1.1 keep-alive connection with its cookie jar: the load generator must cost
    less than the server it measures (httpx spent three times the server's CPU here)."""

    def __init__(self, port: int, forwarded_for: str) -> None:
        self.port = port
        self.forwarded_for = forwarded_for
        self.cookies: dict[str, str] = {}

    async def open(self) -> None:
        """Connect (as the reverse proxy keeps its connections to the page open)."""
        self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)

    async def request(
        self, method: str, target: str, form: dict[str, str] | None = None
    ) -> tuple[int, dict[str, str], str]:
        """Send one request and read the whole answer: status, headers, body."""
        body = urlencode(form).encode() if form is not None else b""
        head = [
            f"{method} {target} HTTP/1.1",
            f"host: 127.0.0.1:{self.port}",
            f"x-forwarded-for: {self.forwarded_for}",
            "accept-language: en",
        ]
        if self.cookies:
            head.append("cookie: " + "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        if form is not None:
            head += [
                "content-type: application/x-www-form-urlencoded",
                f"content-length: {len(body)}",
            ]
        self.writer.write(("\r\n".join(head) + "\r\n\r\n").encode() + body)
        status = int((await self.reader.readline()).split()[1])
        headers: dict[str, str] = {}
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode("latin-1").partition(":")
            headers[name.strip().lower()] = value.strip()
            if name.strip().lower() == "set-cookie":
                cookie_name, _, rest = value.strip().partition("=")
                self.cookies[cookie_name] = rest.split(";", 1)[0]
        data = await self.reader.readexactly(int(headers.get("content-length", "0")))
        return status, headers, data.decode("utf-8", "replace")

    def close(self) -> None:
        """Hang up."""
        self.writer.close()


async def client(
    port: int, token: str, number: int, start: asyncio.Event, timings: dict[str, list[float]]
) -> None:
    """One respondent: load the page, answer, see it saved (module doc)."""
    connection = Connection(port, f"10.20.{number // 250}.{number % 250 + 1}")
    await connection.open()
    try:
        await start.wait()
        started = time.perf_counter()
        status, _, page = await connection.request("GET", f"/r/{token}")
        timings["GET page"].append(time.perf_counter() - started)
        found = _CSRF.search(page)
        if status != 200 or found is None or "circular_csrf" not in connection.cookies:
            raise RuntimeError(f"GET /r/...: {status} {page[:300]}")
        form = {
            "csrf": found.group(1),
            "lang": "en",
            "answer": "accept" if number % 3 else "decline",
            "speaker_name": f"H.E. Minister {number}",
            "speaker_title": "Minister of Communications",
            "day": "",
            "note": "",
        }
        started = time.perf_counter()
        status, headers, page = await connection.request("POST", f"/r/{token}?lang=en", form)
        timings["POST answer"].append(time.perf_counter() - started)
        if status != 303:
            raise RuntimeError(f"POST /r/...: {status} {page[:300]}")
        started = time.perf_counter()
        status, _, page = await connection.request("GET", headers["location"])
        timings["GET saved page"].append(time.perf_counter() - started)
        if status != 200:
            raise RuntimeError(f"GET after the answer: {status}")
    finally:
        connection.close()


async def rounds(port: int, tokens: list[str], count: int) -> tuple[dict[str, list[float]], float]:
    """``count`` rounds of every client at once; the timings, and the seconds they took."""
    timings: dict[str, list[float]] = {"GET page": [], "POST answer": [], "GET saved page": []}
    began = time.perf_counter()
    for _ in range(count):
        start = asyncio.Event()
        tasks = [
            asyncio.create_task(client(port, token, number, start, timings))
            for number, token in enumerate(tokens)
        ]
        await asyncio.sleep(0.2)  # every client connected and waiting
        start.set()
        await asyncio.gather(*tasks)
    return timings, time.perf_counter() - began


def wait_until_up(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    """Wait for the server to answer /healthz."""
    import httpx

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"circular web ended: {log.read_text(errors='replace')[-2000:]}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise RuntimeError(f"circular web did not start: {log.read_text(errors='replace')[-2000:]}")


def prepare(root: Path, clients: int, port: int) -> tuple[list[str], dict[str, str]]:
    """A fresh ledger and campaign folder in ``root`` (created) for ``clients`` clients: their
    link tokens, and the environment that serves them with ``circular web`` on ``port``."""
    from demo.run import write_shifted_campaign

    root.mkdir()
    ledger_path = root / "ledger.sqlite3"
    sent_ledger(ledger_path, contacts=clients)
    tokens = links(ledger_path)[:clients]
    if len(tokens) < clients:
        raise RuntimeError(f"only {len(tokens)} contacts for {clients} clients")
    write_shifted_campaign(ROOT / "letters" / CAMPAIGN, root / "letters", date.today())
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("CIRCULAR_")},
        "CIRCULAR_DATABASE_URL": f"sqlite:///{ledger_path}",
        "CIRCULAR_LETTERS_DIR": str(root / "letters"),
        "CIRCULAR_OUT_DIR": str(root / "out"),
        "CIRCULAR_WEB_PORT": str(port),
    }
    return tokens, env


def measure(
    root: Path, clients: int, count: int, options: list[str]
) -> tuple[dict[str, list[float]], float, float, float]:
    """Serve a fresh ledger with ``circular web OPTIONS`` and run the rounds against it; the
    timings, the seconds the rounds took, and the CPU seconds the server (all its processes)
    and the clients used meanwhile."""
    port = free_port()
    tokens, env = prepare(root, clients, port)
    log = root / "web.log"
    with log.open("wb") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "circular", "web", *options],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_until_up(port, server, log)
        server_before, clients_before = process_tree_cpu(server.pid), time.process_time()
        timings, seconds = asyncio.run(rounds(port, tokens, count))
        server_cpu = process_tree_cpu(server.pid) - server_before
        return timings, seconds, server_cpu, time.process_time() - clients_before
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def run(quick: bool) -> Section:
    """The measurement (module doc), with the default single worker and with one worker per
    core (docs/operations.md runs several)."""
    clients = 20 if quick else 200
    count = 1 if quick else 3
    cores = os.cpu_count() or 1
    section = Section(
        f"Confirmation page: {clients} concurrent clients",
        "python -m bench --only web" + (" --quick" if quick else ""),
    )
    load = os.getloadavg()
    root = Path(tempfile.mkdtemp(prefix="circular-bench-web-"))
    configurations: dict[str, list[str]] = {"`circular web` (1 worker: the default)": []}
    if not quick:
        configurations[f"`circular web --workers {cores}` (one per core)"] = [
            "--workers",
            str(cores),
        ]
    table = Table(
        ["server", "requests", "count:", "p50 ms:", "p95 ms:", "p99 ms:", "max ms:", "requests/s:"]
    )
    cpu = Table(["server", "server CPU ms per request:", "clients' CPU ms per request:", "wall s:"])
    try:
        for number, (name, options) in enumerate(configurations.items()):
            timings, seconds, server_cpu, client_cpu = measure(
                root / str(number), clients, count, options
            )
            every = [t for kind in timings.values() for t in kind]
            cpu.add(
                name,
                fmt(server_cpu * 1000 / len(every), 2),
                fmt(client_cpu * 1000 / len(every), 2),
                fmt(seconds, 1),
            )
            rate = len(every) / seconds
            for kind, values in [*timings.items(), ("all", every)]:
                table.add(
                    name,
                    kind,
                    f"{len(values):,}",
                    *(fmt(percentile(values, share) * 1000) for share in (0.5, 0.95, 0.99)),
                    fmt(max(values) * 1000),
                    fmt(rate) if kind == "all" else "",
                )
            p99 = percentile(every, 0.99) * 1000
            section.verdicts.append(
                Verdict(
                    f"web page, {clients} concurrent clients, {name}: p99 < {TARGET_MS:.0f} ms "
                    f"(goal < {GOAL_MS:.0f} ms)",
                    f"p99 {fmt(p99)} ms, p50 {fmt(percentile(every, 0.5) * 1000)} ms, "
                    f"{fmt(rate)} requests/s",
                    p99 < TARGET_MS,
                )
            )
            section.figures[f"web_p99_ms_{number}"] = p99
            section.figures[f"web_requests_per_second_{number}"] = rate
    finally:
        shutil.rmtree(root, ignore_errors=True)
    section.notes += [
        f"- {clients} clients at once, {count} round(s) per server: each client loads its page, "
        "posts an answer with the page's CSRF field and cookie, and follows the 303 to the "
        "saved page (3 requests, each timed from sending to the whole answer read)",
        f"- SQLite ledger of CL-21/4 to {max(clients, 193)} contacts (the 193 Member States, "
        "a deputy in some) with their links, fresh for each server; the clients: one asyncio "
        "process on the same machine, a bare HTTP/1.1 keep-alive connection each, connected "
        "before the start (their CPU comes from the same 2 shared cores)",
        f"- load average when it started: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} "
        "(the machine is shared)",
    ]
    section.tables.append(("", table))
    section.tables.append(
        (
            "Where the time goes: CPU used during the rounds by the server (every process of "
            "it) and by the clients, per request; the rest of the wall time is waiting for a "
            "core (2 cores, shared with other work):",
            cpu,
        )
    )
    return section

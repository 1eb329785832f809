"""SMTP sinks for the sending benchmark, each in its own process (so the server's work never
shares the client's interpreter):

- **loopback**: Postfix's ``smtp-sink`` (C, event-driven: it costs the client nothing), or,
  where Postfix is not installed, the project's recording aiosmtpd sink
  (``tests.servers.smtp_server``);
- **realistic**: aiosmtpd demanding STARTTLS (a certificate from a throw-away test CA) and AUTH,
  offering PIPELINING, each answer leaving 25 ms after its command arrived, as a provider
  across the internet does (pipelined answers leave together). Run by
  ``python -m bench.sinks --port P --folder F --user U --password W --delay 0.025``; it writes
  one line per message received to ``F/received.log`` and prints ``ready`` once listening.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import secrets
import signal
import socket
import ssl
import subprocess
import sys
import threading
import time
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.harness import smtp_sink_path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    """A TCP port free on 127.0.0.1 now (aiosmtpd cannot be given port 0)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_for_port(port: int, process: subprocess.Popen[Any], timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the sink exited ({process.returncode}) before listening")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"the sink did not listen on 127.0.0.1:{port}")


class _Process:
    """A sink process; ``stop()`` ends it (and only it)."""

    port: int
    process: subprocess.Popen[Any]

    def stop(self) -> None:
        """Terminate the sink and wait for it."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def __enter__(self) -> _Process:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


class LoopbackSink(_Process):
    """A fast sink, no TLS, no login: ``smtp-sink`` when installed, else aiosmtpd."""

    def __init__(self, folder: Path) -> None:
        self.port = free_port()
        sink = smtp_sink_path()
        if sink is not None:
            self.description = "Postfix smtp-sink (C, own process), no TLS, no AUTH"
            argv = [sink]
            if os.getuid() == 0:
                argv += ["-u", "nobody"]  # smtp-sink refuses to run as root otherwise
            argv += [f"127.0.0.1:{self.port}", "1000"]
        else:
            self.description = "aiosmtpd recording sink (own process; smtp-sink missing)"
            argv = [
                sys.executable, "-m", "tests.servers.smtp_server",
                "--port", str(self.port), "--log", str(folder / f"loopback-{self.port}.log"),
            ]  # fmt: skip
        self.process = subprocess.Popen(
            argv, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        _wait_for_port(self.port, self.process)


@dataclass(frozen=True)
class Credentials:
    """The realistic sink's account and the CA that signed its certificate."""

    user: str
    password: str
    ca_file: Path


class RealisticSink(_Process):
    """aiosmtpd with STARTTLS and AUTH required, PIPELINING offered, every answer leaving
    ``delay`` seconds after its command arrived."""

    def __init__(self, folder: Path, delay: float = 0.025) -> None:
        from tests.servers.dovecot import write_test_pki

        self.folder = folder
        self.delay = delay
        pki = folder / "pki"
        pki.mkdir(parents=True, exist_ok=True)
        ca_file = write_test_pki(pki)  # also writes server.pem and server.key beside it
        self.credentials = Credentials("circular", secrets.token_urlsafe(12), ca_file)
        self.log = folder / "received.log"
        self.log.unlink(missing_ok=True)
        self.port = free_port()
        self.process = subprocess.Popen(
            [
                sys.executable, "-m", "bench.sinks", "--port", str(self.port),
                "--cert", str(pki / "server.pem"), "--key", str(pki / "server.key"),
                "--log", str(self.log), "--user", self.credentials.user,
                "--delay", str(delay),
            ],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        assert self.process.stdin is not None and self.process.stdout is not None
        # The password goes by stdin: never on a command line other users can read.
        self.process.stdin.write(self.credentials.password + "\n")
        self.process.stdin.close()
        if self.process.stdout.readline().strip() != "ready":
            self.stop()
            raise RuntimeError("the realistic sink did not start")
        self.description = (
            f"aiosmtpd (own process), STARTTLS and AUTH required, PIPELINING offered, each answer "
            f"leaving {delay * 1000:.0f} ms after its command arrived"
        )

    def received(self) -> int:
        """How many messages the sink has taken so far (from its log)."""
        if not self.log.exists():
            return 0
        with self.log.open("rb") as handle:
            return sum(1 for _ in handle)


# ---------------------------------------------------------------------------- the server


def _delayed_smtp_class(delay: float) -> type:
    from aiosmtpd.smtp import SMTP

    class DelayedSMTP(SMTP):  # type: ignore[misc]
        """Every answer leaves ``delay`` seconds after its command was read: a network
        between client and server, each way's latency put on the answer. A client that waits
        for each answer waits ``delay`` per command; the answers to pipelined commands (RFC
        2920), read together, leave together. The answers before a change of transport
        (220 to STARTTLS, 221 to QUIT) wait their turn and then go at once, in order."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._late: deque[tuple[float, bytes]] = deque()  # (when due, answer line)

        async def push(self, status: Any) -> None:
            text = status.decode() if isinstance(status, bytes) else status
            loop = asyncio.get_running_loop()
            if text.startswith(("220 ", "221 ")):
                await asyncio.sleep(max(self._late[-1][0] - loop.time(), 0) if self._late else 0)
                self._release(all_of_them=True)
                await asyncio.sleep(delay)
                await super().push(status)
                return
            line = text.encode("utf-8" if self.enable_SMTPUTF8 else "ascii") + b"\r\n"
            self._late.append((loop.time() + delay, line))
            loop.call_later(delay, self._release)

        def _release(self, all_of_them: bool = False) -> None:
            """Write, in order, every answer now due (or all of them)."""
            now = asyncio.get_running_loop().time()
            while self._late and (all_of_them or self._late[0][0] <= now):
                _, line = self._late.popleft()
                if self.transport is not None and not self.transport.is_closing():
                    self._writer.write(line)

    return DelayedSMTP


class _CountingHandler:
    def __init__(self, log: Path) -> None:
        self._log = log.open("a", buffering=1)
        self._lock = threading.Lock()

    async def handle_EHLO(
        self, server: Any, session: Any, envelope: Any, hostname: str, responses: list[str]
    ) -> list[str]:
        """Offer PIPELINING, as smtp.office365.com and smtp.gmail.com do."""
        session.host_name = hostname
        return [responses[0], "250-PIPELINING", *responses[1:]]

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self._lock:
            self._log.write(f"{time.time():.6f} {len(envelope.content)}\n")
        return "250 2.0.0 Queued"


def _serve(args: argparse.Namespace, password: str) -> None:
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult, LoginPassword

    def authenticate(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> Any:
        ok = (
            isinstance(data, LoginPassword)
            and data.login == args.user.encode()
            and data.password == password.encode()
        )
        return AuthResult(success=ok, handled=False)

    tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    tls.load_cert_chain(str(args.cert), str(args.key))
    smtp_class = _delayed_smtp_class(args.delay)

    class DelayedController(Controller):  # type: ignore[misc]
        def factory(self) -> Any:
            return smtp_class(self.handler, **self.SMTP_kwargs)

    controller = DelayedController(
        _CountingHandler(args.log),
        hostname="127.0.0.1",
        port=args.port,
        server_hostname="127.0.0.1",
        tls_context=tls,
        require_starttls=True,
        authenticator=authenticate,
        auth_required=True,
        auth_require_tls=True,
        # Messages carry a DOCX: aiosmtpd's default 32 MiB limit is ample; nothing to change.
    )
    controller.start()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    print("ready", flush=True)
    stop.wait()
    controller.stop()


def main() -> None:
    """Run the realistic sink until SIGTERM (the password is read from stdin)."""
    # aiosmtpd logs a warning about its own use of Session.login_data at every AUTH.
    logging.getLogger("mail.log").setLevel(logging.ERROR)
    parser = argparse.ArgumentParser(description="the sending benchmark's realistic SMTP sink")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--cert", type=Path, required=True)
    parser.add_argument("--key", type=Path, required=True)
    parser.add_argument("--log", type=Path, required=True)
    parser.add_argument("--user", required=True)
    parser.add_argument("--delay", type=float, default=0.025)
    args = parser.parse_args()
    password = sys.stdin.readline().rstrip("\n")
    _serve(args, password)


if __name__ == "__main__":
    main()

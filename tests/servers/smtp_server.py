"""A real SMTP server for tests and benchmarks: aiosmtpd on 127.0.0.1 with a handler that
records what it receives (time, Message-ID, envelope) and injects faults per recipient.

Faults are keyed by recipient address, so each test gives the letters it wants to fail their
own addresses. Run as a module it is a recording sink in its own process, writing one line
per message ("<unix time> <Message-ID>") to a log file:

    python -m tests.servers.smtp_server --port 2525 --log received.log
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import re
import signal
import socket
import ssl
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

_MESSAGE_ID = re.compile(rb"^Message-ID:\s*(<[^>\r\n]+>)", re.IGNORECASE | re.MULTILINE)


def free_port() -> int:
    """A TCP port free on 127.0.0.1 now (aiosmtpd's Controller cannot use port 0)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass(frozen=True)
class Received:
    """One message the server accepted (or took and then dropped the connection)."""

    at: float
    message_id: str
    mail_from: str
    rcpt_tos: tuple[str, ...]
    data: bytes
    smtputf8: bool = False  # MAIL FROM said SMTPUTF8


@dataclass
class Faults:
    """Faults by recipient address. Counts say how many times the fault happens before the
    server behaves; ``None`` means always."""

    rcpt: dict[str, str] = field(default_factory=dict)  # permanent answer, e.g. "550 ..."
    temporary: dict[str, int] = field(default_factory=dict)  # 451 at RCPT, N times
    close_421: dict[str, int] = field(default_factory=dict)  # 421 and close at RCPT
    drop_at_rcpt: dict[str, int] = field(default_factory=dict)  # close without answer
    slow_rcpt: dict[str, int] = field(default_factory=dict)  # sleep `delay` before RCPT answer
    drop_after_data: set[str] = field(default_factory=set)  # take the message, close silently
    slow_after_data: set[str] = field(default_factory=set)  # take it, answer after `delay`
    delay: float = 2.0
    answer_delay: float = 0.0  # every message: take it, answer this many seconds later
    hold_after: int = 0  # messages after the first N: take them, answer after `delay`


class RecordingHandler:
    """aiosmtpd handler: records every message and applies ``faults``."""

    def __init__(self, faults: Faults | None = None, log_file: Path | None = None) -> None:
        self.faults = faults or Faults()
        self.received: list[Received] = []
        self.attempts: Counter[str] = Counter()  # RCPT commands seen per address
        self._lock = threading.Lock()
        self._log = log_file.open("a", buffering=1) if log_file else None

    @staticmethod
    def _take(counts: dict[str, int], address: str) -> bool:
        left = counts.get(address)
        if left is None or left <= 0:
            return False
        counts[address] = left - 1
        return True

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: list[str]
    ) -> str:
        """Accept, or fail as the faults say."""
        faults = self.faults
        with self._lock:
            self.attempts[address] += 1
        if address in faults.rcpt:
            return faults.rcpt[address]
        if self._take(faults.temporary, address):
            return "451 4.3.0 Try again later"
        if self._take(faults.close_421, address):
            server.transport.close()
            return "421 4.3.2 Service shutting down"
        if self._take(faults.drop_at_rcpt, address):
            server.transport.close()
            return "250 never seen"
        if self._take(faults.slow_rcpt, address):
            await asyncio.sleep(faults.delay)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        """Record the message; then answer, or drop/delay as the faults say."""
        data: bytes = envelope.original_content or envelope.content
        match = _MESSAGE_ID.search(data.split(b"\r\n\r\n", 1)[0])
        message_id = match.group(1).decode() if match else ""
        item = Received(
            time.time(),
            message_id,
            envelope.mail_from,
            tuple(envelope.rcpt_tos),
            data,
            bool(getattr(envelope, "smtp_utf8", False)),
        )
        with self._lock:
            self.received.append(item)
            if self._log is not None:
                self._log.write(f"{item.at:.6f} {message_id}\n")
        if set(envelope.rcpt_tos) & self.faults.drop_after_data:
            server.transport.close()
            return "250 never seen"
        held = 0 < self.faults.hold_after < len(self.received)
        if held or set(envelope.rcpt_tos) & self.faults.slow_after_data:
            await asyncio.sleep(self.faults.delay)
        if self.faults.answer_delay:
            await asyncio.sleep(self.faults.answer_delay)
        return "250 2.0.0 Queued"

    def message_ids(self) -> Counter[str]:
        """How many times each Message-ID was received."""
        with self._lock:
            return Counter(item.message_id for item in self.received)


class _Authenticator:
    def __init__(self, username: str, password: str) -> None:
        self.username, self.password = username.encode(), password.encode()

    def __call__(self, server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any):
        ok = isinstance(auth_data, LoginPassword) and (
            auth_data.login == self.username and auth_data.password == self.password
        )
        return AuthResult(success=ok, handled=False)


@contextlib.contextmanager
def smtp_server(
    handler: RecordingHandler | None = None,
    *,
    starttls: ssl.SSLContext | None = None,
    implicit_tls: ssl.SSLContext | None = None,
    login: tuple[str, str] | None = None,
    smtputf8: bool = True,
) -> Iterator[tuple[Controller, RecordingHandler]]:
    """Run an aiosmtpd server on 127.0.0.1 (a real free port) for the block. ``smtputf8``:
    offer SMTPUTF8 (RFC 6531) in the EHLO answer, as aiosmtpd's Controller does by default."""
    handler = handler or RecordingHandler()
    kwargs: dict[str, Any] = {"enable_SMTPUTF8": smtputf8}
    if starttls is not None:
        kwargs.update(tls_context=starttls, require_starttls=True)
    if login is not None:
        kwargs.update(authenticator=_Authenticator(*login), auth_require_tls=True)
    else:
        kwargs.update(auth_require_tls=False)
    controller = Controller(
        handler,
        hostname="127.0.0.1",
        port=free_port(),
        ssl_context=implicit_tls,
        server_hostname="127.0.0.1",
        **kwargs,
    )
    controller.start()
    try:
        yield controller, handler
    finally:
        controller.stop()


def make_test_tls(folder: Path) -> tuple[ssl.SSLContext, Path]:
    """A server TLS context for 127.0.0.1 signed by a fresh test CA (the IMAP tests' PKI),
    and the CA's file, which a client must trust."""
    from tests.servers.dovecot import write_test_pki

    folder.mkdir(parents=True, exist_ok=True)
    ca_file = write_test_pki(folder)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(str(folder / "server.pem"), str(folder / "server.key"))
    return context, ca_file


def main() -> None:
    """Run a recording sink until SIGTERM/SIGINT (for benchmarks and crash tests)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--log", type=Path, required=True)
    parser.add_argument(
        "--answer-delay", type=float, default=0.0, help="seconds between taking and answering"
    )
    args = parser.parse_args()
    handler = RecordingHandler(Faults(answer_delay=args.answer_delay), log_file=args.log)
    controller = Controller(handler, hostname="127.0.0.1", port=args.port, auth_require_tls=False)
    controller.start()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    print("ready", flush=True)
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    main()

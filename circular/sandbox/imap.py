"""The sandbox's IMAP server (pymap, in memory) and the client that files replies in it.

pymap's ``dict`` backend keeps one user's mailboxes in memory: UIDVALIDITY is new at each
start and custom keywords are dropped, so nothing but the messages themselves lives there.
It runs in this process on its own asyncio loop in a thread, started the way ``pymap dict``
starts it, so stopping the sandbox leaves no process behind.
"""

from __future__ import annotations

import argparse
import asyncio
import imaplib
import logging
import socket
import threading
from contextlib import AsyncExitStack, suppress

from imap_tools import MailBoxUnencrypted
from imap_tools.errors import MailboxAppendError, MailboxLoginError
from pymap.backend.dict import DictBackend
from pymap.concurrent import Subsystem
from pymap.imap import IMAPService

from circular.sandbox.net import LOOPBACK, start_on_free_port

log = logging.getLogger(__name__)

_IMAP_ERRORS = (OSError, imaplib.IMAP4.error, MailboxAppendError, MailboxLoginError)


class SandboxError(RuntimeError):
    """A sandbox server could not be started or used."""


def _pymap_arguments(port: int, user: str, password: str) -> argparse.Namespace:
    # pymap's own parsers build the namespace, so its backend sees what `pymap dict` gives it.
    parser = argparse.ArgumentParser(prog="pymap")
    parser.set_defaults(debug=False, skip_services=[], passlib_cfg=None)
    IMAPService.add_arguments(parser)
    backends = parser.add_subparsers(dest="backend")
    DictBackend.add_subparser("dict", backends)
    return parser.parse_args(
        [
            *("--host", LOOPBACK, "--port", str(port), "--no-tls"),
            # "--opt=value": a password starting with "-" must not read as an option.
            *("dict", f"--demo-user={user}", f"--demo-password={password}"),
        ]
    )


class ImapServer:
    """pymap on 127.0.0.1 holding one mailbox user (``user``/``password``), no TLS."""

    def __init__(self, user: str, password: str, *, port: int | None = None) -> None:
        self.user = user
        self._password = password
        self._requested_port = port
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self.port = 0

    def start(self) -> None:
        """Start pymap in a thread and wait until it listens."""
        self.port = start_on_free_port(self._start_on, self._requested_port)
        log.info("sandbox IMAP listening on %s:%d (user %s)", LOOPBACK, self.port, self.user)

    def _start_on(self, port: int) -> None:
        ready = threading.Event()
        failure: list[BaseException] = []
        args = _pymap_arguments(port, self.user, self._password)

        async def serve() -> None:
            self._loop = asyncio.get_running_loop()
            self._stop = asyncio.Event()
            try:
                # pymap's default hashes passwords on a thread pool it never shuts down;
                # hashing on the loop leaves no thread behind (one login per client here).
                backend, config = await DictBackend.init(
                    args, cpu_subsystem=Subsystem.for_asyncio()
                )
                config.apply_context()
                async with AsyncExitStack() as stack:
                    await backend.start(stack)
                    await IMAPService(backend, config).start(stack)
                    ready.set()
                    await self._stop.wait()
            except BaseException as error:
                failure.append(error)
                raise
            finally:
                ready.set()

        def run() -> None:
            # Errors reach start() through `failure`; the thread itself stays quiet.
            with suppress(BaseException):
                asyncio.run(serve())

        thread = threading.Thread(target=run, name=f"sandbox-imap-{port}", daemon=True)
        thread.start()
        if not ready.wait(30):
            raise SandboxError(f"the sandbox IMAP server did not start on port {port} in 30 s")
        if failure:
            thread.join()
            raise failure[0]
        self._thread = thread

    def stop(self) -> None:
        """Stop pymap (its open connections are closed) and join its thread."""
        if self._loop is not None and self._stop is not None and self._thread is not None:
            self._loop.call_soon_threadsafe(self._stop.set)
            self._thread.join(30)
        self._thread = self._loop = self._stop = None


class ImapAppender:
    """Files messages in a mailbox with IMAP APPEND over one connection, reopened if lost."""

    def __init__(
        self, host: str, port: int, user: str, password: str, folder: str = "INBOX"
    ) -> None:
        self._address = (host, port)
        self._user = user
        self._password = password
        self._folder = folder
        self._mailbox: MailBoxUnencrypted | None = None

    def append(self, raw: bytes) -> None:
        """APPEND ``raw`` to the folder (one retry on a new connection)."""
        for attempt in range(2):
            try:
                self._connected().append(raw, self._folder, flag_set=())
                return
            except _IMAP_ERRORS as error:
                self.close()
                if attempt:
                    raise SandboxError(
                        f"APPEND to {self._folder} on {self._address[0]}:{self._address[1]} "
                        f"failed: {error}"
                    ) from None

    def _connected(self) -> MailBoxUnencrypted:
        if self._mailbox is None:
            mailbox = MailBoxUnencrypted(*self._address, timeout=30)
            # Without TCP_NODELAY each APPEND can wait ~44 ms on small packets.
            mailbox.client.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            mailbox.login(self._user, self._password)
            self._mailbox = mailbox
        return self._mailbox

    def close(self) -> None:
        """Log out (quietly: the server may already be gone)."""
        mailbox, self._mailbox = self._mailbox, None
        if mailbox is not None:
            with suppress(Exception):
                mailbox.logout()

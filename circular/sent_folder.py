"""The IMAP Sent folder: where each sent letter is appended (as mail clients do) and where a
letter left ``sending`` by a crash is looked for by its Message-ID.

imap-tools is synchronous and imaplib is not thread-safe: one connection, used under a lock,
called from a worker thread by the async sender.
"""

from __future__ import annotations

import contextlib
import socket
import ssl
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from imap_tools import AND, BaseMailBox, H, MailBox, MailBoxStartTls, MailBoxUnencrypted
from imap_tools.consts import MailMessageFlags
from pydantic import SecretStr

from circular.settings import Security, Settings


@dataclass(frozen=True)
class ImapConfig:
    """How to reach the Sent folder."""

    host: str
    port: int
    username: str
    password: SecretStr
    folder: str
    security: Security = Security.TLS
    ca_file: Path | None = None
    timeout: float = 60.0


class SentFolder:
    """Append sent messages to, and find Message-IDs in, one IMAP folder."""

    def __init__(self, config: ImapConfig) -> None:
        self.config = config
        self._lock = threading.Lock()
        self._box: BaseMailBox | None = None

    @classmethod
    def from_settings(cls, settings: Settings) -> SentFolder | None:
        """The Sent folder the settings name, or None when ``imap_sent_folder`` is empty."""
        if not settings.imap_sent_folder:
            return None
        return cls(
            ImapConfig(
                host=settings.imap_host,
                port=settings.imap_port,
                username=settings.imap_username,
                password=settings.imap_password,
                folder=settings.imap_sent_folder,
                security=settings.imap_security,
                ca_file=settings.imap_ca_file,
            )
        )

    def _open(self) -> BaseMailBox:
        if self._box is not None:
            return self._box
        config = self.config
        context = None
        if config.security != Security.NONE:
            context = ssl.create_default_context()
            if config.ca_file is not None:
                context.load_verify_locations(cafile=str(config.ca_file))
        if config.security == Security.TLS:
            box: BaseMailBox = MailBox(
                config.host, config.port, timeout=config.timeout, ssl_context=context
            )
        elif config.security == Security.STARTTLS:
            box = MailBoxStartTls(
                config.host, config.port, timeout=config.timeout, ssl_context=context
            )
        else:
            box = MailBoxUnencrypted(config.host, config.port, timeout=config.timeout)
        # Without TCP_NODELAY each APPEND can wait ~40 ms on Nagle's algorithm.
        box.client.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        box.login(config.username, config.password.get_secret_value())
        if not box.folder.exists(config.folder):
            box.folder.create(config.folder)
        self._box = box
        return box

    def append(self, data: bytes) -> None:
        """Append one sent message, marked as seen."""
        with self._lock:
            self._open().append(data, self.config.folder, flag_set=[MailMessageFlags.SEEN])

    def find(self, message_ids: Iterable[str]) -> set[str]:
        """The Message-IDs among ``message_ids`` that are in the folder."""
        found: set[str] = set()
        with self._lock:
            box = self._open()
            box.folder.set(self.config.folder)  # afresh: see the latest appends
            for message_id in message_ids:
                if box.uids(AND(header=H("Message-ID", message_id))):
                    found.add(message_id)
        return found

    def close(self) -> None:
        """Log out; errors on the way out are ignored."""
        with self._lock:
            box, self._box = self._box, None
        if box is not None:
            with contextlib.suppress(OSError, ssl.SSLError, box.client.error):
                box.logout()

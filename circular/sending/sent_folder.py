"""The IMAP Sent folder: where each sent letter is appended (as mail clients do) and where a
letter left ``sending`` by a crash is looked for by its Message-ID.

imap-tools is synchronous and imaplib is not thread-safe: one connection, used under a lock,
called from a worker thread by the async sender.
"""

from __future__ import annotations

import contextlib
import dataclasses
import ssl
import threading
from collections.abc import Iterable

from imap_tools import AND, BaseMailBox, H
from imap_tools.consts import MailMessageFlags

from circular.sending.imap import ImapConfig, open_mailbox
from circular.settings import Settings

__all__ = ["ImapConfig", "SentFolder"]


class SentFolder:
    """Append sent messages to, and find Message-IDs in, one IMAP folder (``config.folder``).

    The connection is the poller's (``circular.sending.imap.open_mailbox``): same TLS rules, same
    refusal of plain IMAP to a remote host, same errors."""

    def __init__(self, config: ImapConfig) -> None:
        self.config = config
        self._lock = threading.Lock()
        self._box: BaseMailBox | None = None

    @classmethod
    def from_settings(cls, settings: Settings) -> SentFolder | None:
        """The Sent folder the settings name, or None when ``imap_sent_folder`` is empty."""
        if not settings.imap_sent_folder:
            return None
        config = ImapConfig.from_settings(settings)
        return cls(dataclasses.replace(config, folder=settings.imap_sent_folder))

    def _open(self) -> BaseMailBox:
        if self._box is not None:
            return self._box
        box = open_mailbox(self.config)
        if not box.folder.exists(self.config.folder):
            box.folder.create(self.config.folder)
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

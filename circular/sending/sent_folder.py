"""The IMAP Sent folder: where each sent letter is appended (as mail clients do) and where a
letter left ``sending`` by a crash is looked for by its Message-ID.

The folder is the one the server marks ``\\Sent`` (RFC 6154 special-use), else the one the
setting names; it is never created: a missing folder is an error that says so. Exchange Online
and Gmail keep their own copy of what is submitted through them (``append=False``): circular
then only looks there, and appending one more would make duplicates.

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

from circular.sending.imap import ImapConfig, ImapError, open_mailbox
from circular.settings import Settings

__all__ = ["ImapConfig", "SentFolder"]


class SentFolder:
    """Append sent messages to, and find Message-IDs in, one IMAP folder (``config.folder``).

    The connection is the poller's (``circular.sending.imap.open_mailbox``): same TLS rules, same
    refusal of plain IMAP to a remote host, same errors."""

    def __init__(self, config: ImapConfig, *, append: bool = True) -> None:
        self.config = config
        self.append_copies = append
        self._lock = threading.Lock()
        self._box: BaseMailBox | None = None
        self._name = ""  # the folder found on the server (``name``)

    @classmethod
    def from_settings(cls, settings: Settings) -> SentFolder | None:
        """The Sent folder the settings name, or None when ``imap_sent_folder`` is empty."""
        if not settings.imap_sent_folder:
            return None
        config = ImapConfig.from_settings(settings)
        return cls(
            dataclasses.replace(config, folder=settings.imap_sent_folder),
            append=settings.imap_sent_append,
        )

    @property
    def name(self) -> str:
        """The folder's name on the server (after the first use)."""
        return self._name

    def _open(self) -> BaseMailBox:
        if self._box is not None:
            return self._box
        box = open_mailbox(self.config)
        try:
            self._name = find_sent_folder(box, self.config.folder, self.config.where)
        except ImapError:
            with contextlib.suppress(OSError, ssl.SSLError, box.client.error):
                box.logout()
            raise
        self._box = box
        return box

    def append(self, data: bytes) -> None:
        """Append one sent message, marked as seen (nothing when the server keeps its own
        copy)."""
        if not self.append_copies:
            return
        with self._lock:
            box = self._open()
            box.append(data, self._name, flag_set=[MailMessageFlags.SEEN])

    def find(self, message_ids: Iterable[str]) -> set[str]:
        """The Message-IDs among ``message_ids`` that are in the folder."""
        found: set[str] = set()
        with self._lock:
            box = self._open()
            box.folder.set(self._name)  # afresh: see the latest appends
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


def find_sent_folder(box: BaseMailBox, setting: str, where: str) -> str:
    """The folder the server marks ``\\Sent``, else ``setting`` when it exists. Raises
    ImapError when there is neither: a Sent folder is never created behind the operator's
    back."""
    folders = box.folder.list()
    for info in folders:
        if "\\Sent" in info.flags:
            return info.name
    if setting and any(info.name == setting for info in folders):
        return setting
    raise ImapError(
        f"the IMAP server {where} has no Sent folder: none is marked \\Sent and "
        f"CIRCULAR_IMAP_SENT_FOLDER={setting!r} does not exist; create it, or name the "
        "existing one"
    )

"""The sandbox's SMTP server: accepts every message, keeps it, hands it on."""

from __future__ import annotations

import email
import email.policy
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, Session

from circular.sandbox.net import LOOPBACK, start_on_free_port

log = logging.getLogger(__name__)


def _not_aiosmtpd_own_deprecation(record: logging.LogRecord) -> bool:
    # aiosmtpd warns about its own use of Session.login_data at every AUTH; nothing to act on.
    return "login_data is deprecated" not in record.getMessage()


logging.getLogger("mail.log").addFilter(_not_aiosmtpd_own_deprecation)


@dataclass(frozen=True)
class ReceivedMessage:
    """One message the sandbox's SMTP server accepted."""

    mail_from: str
    rcpt_tos: tuple[str, ...]
    data: bytes
    message_id: str
    received_at: datetime

    @property
    def message(self) -> EmailMessage:
        """The message parsed with the modern email API."""
        parsed = email.message_from_bytes(self.data, policy=email.policy.default)
        assert isinstance(parsed, EmailMessage)
        return parsed


def _message_id(data: bytes) -> str:
    head = data.split(b"\r\n\r\n", 1)[0]
    parsed = email.message_from_bytes(head + b"\r\n\r\n", policy=email.policy.compat32)
    return str(parsed.get("Message-ID", "")).strip()


def _accept_any_login(
    server: SMTP, session: Session, envelope: Envelope, mechanism: str, auth_data: Any
) -> AuthResult:
    # AUTH is optional: a client configured with a username may log in with anything.
    return AuthResult(success=True)


class _Handler:
    def __init__(self, catcher: SmtpCatcher) -> None:
        self._catcher = catcher

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        data = envelope.original_content or envelope.content or b""
        if isinstance(data, str):
            data = data.encode("utf-8")
        message = ReceivedMessage(
            mail_from=envelope.mail_from or "",
            rcpt_tos=tuple(envelope.rcpt_tos),
            data=data,
            message_id=_message_id(data),
            received_at=datetime.now(UTC),
        )
        self._catcher._keep(message)
        return f"250 2.0.0 Ok: queued as {len(self._catcher.received())}"


class SmtpCatcher:
    """An aiosmtpd server on 127.0.0.1 that accepts every message.

    Each message is logged (envelope and Message-ID), kept in memory (``received()``) and
    passed to ``on_message``, which runs on the server's thread and must return quickly."""

    def __init__(
        self,
        on_message: Callable[[ReceivedMessage], None] | None = None,
        *,
        port: int | None = None,
        hostname: str = "sandbox.test",
    ) -> None:
        self._on_message = on_message
        self._requested_port = port
        self._hostname = hostname
        self._messages: list[ReceivedMessage] = []
        self._lock = threading.Lock()
        self._controller: Controller | None = None
        self.port = 0

    def start(self) -> None:
        """Start listening (on a free port unless one was given)."""

        def start_on(port: int) -> None:
            controller = Controller(
                _Handler(self),
                hostname=LOOPBACK,
                port=port,
                server_hostname=self._hostname,
                ready_timeout=10.0,
                enable_SMTPUTF8=True,
                auth_require_tls=False,
                authenticator=_accept_any_login,
            )
            controller.start()
            self._controller = controller

        self.port = start_on_free_port(start_on, self._requested_port)
        log.info("sandbox SMTP listening on %s:%d", LOOPBACK, self.port)

    def stop(self) -> None:
        """Stop the server and its thread."""
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def received(self) -> list[ReceivedMessage]:
        """Every message accepted so far, oldest first."""
        with self._lock:
            return list(self._messages)

    def _keep(self, message: ReceivedMessage) -> None:
        with self._lock:
            self._messages.append(message)
        log.info(
            "sandbox SMTP accepted %s from=%s to=%s",
            message.message_id or "(no Message-ID)",
            message.mail_from,
            ",".join(message.rcpt_tos),
        )
        if self._on_message is not None:
            self._on_message(message)

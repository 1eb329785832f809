"""The mail account's IMAP side: connecting (TLS verified, plain only to loopback or when
allowed), logging in, and the folders replies are filed in.

Sending uses it for the Sent folder (``sent_folder``); the reply poller
(``circular.replies.inbox``) for the reply folder. Takes the settings; gives a logged-in
imap-tools mailbox or an ``ImapError`` that names the server and never the password.
"""

from __future__ import annotations

import email
import email.policy
import enum
import imaplib
import logging
import socket
import ssl
from collections.abc import Mapping
from dataclasses import dataclass, field
from email.parser import BytesHeaderParser
from pathlib import Path
from typing import Any

from imap_tools import BaseMailBox, MailBox, MailBoxStartTls, MailBoxUnencrypted, MailMessage
from imap_tools.errors import MailboxLoginError
from pydantic import SecretStr

from circular.sending.oauth import OAuthError, TokenSource, token_source
from circular.sending.smtp import is_loopback
from circular.settings import AuthMethod, Security, Settings

log = logging.getLogger(__name__)


class Outcome(enum.StrEnum):
    """Where a processed message is filed."""

    ACCEPTED = "accepted"
    DECLINED = "declined"
    OTHER = "other"
    AUTO_REPLIES = "auto_replies"
    BOUNCES = "bounces"
    NEEDS_REVIEW = "needs_review"


class ImapError(RuntimeError):
    """The mailbox could not be reached or used; the message says which server and why."""


@dataclass(frozen=True)
class ImapConfig:
    """Everything a poll needs to know about the mailbox (from ``Settings``)."""

    host: str
    port: int
    username: str
    password: SecretStr
    security: Security = Security.TLS
    folder: str = "INBOX"
    ca_file: Path | None = None
    allow_plain: bool = False
    timeout: float = 60.0
    auth: AuthMethod = AuthMethod.PASSWORD
    #: Where XOAUTH2 tokens come from (``auth=xoauth2``).
    tokens: TokenSource | None = field(default=None, compare=False, repr=False)
    move: bool = True
    #: A larger message is not downloaded: its headers are, and it goes to review unread.
    max_message_bytes: int = 25 * 1024 * 1024
    folders: Mapping[Outcome, str] = field(
        default_factory=lambda: {
            Outcome.ACCEPTED: "Circular/Accepted",
            Outcome.DECLINED: "Circular/Declined",
            Outcome.OTHER: "Circular/Other",
            Outcome.AUTO_REPLIES: "Circular/Auto-replies",
            Outcome.BOUNCES: "Circular/Bounces",
            Outcome.NEEDS_REVIEW: "Circular/Needs review",
        }
    )

    @classmethod
    def from_settings(cls, settings: Settings) -> ImapConfig:
        """The IMAP part of circular's settings."""
        return cls(
            host=settings.imap_host,
            port=settings.imap_port,
            username=settings.imap_username,
            password=settings.imap_password,
            security=settings.imap_security,
            folder=settings.imap_folder,
            ca_file=settings.imap_ca_file,
            allow_plain=settings.imap_allow_plain,
            timeout=settings.imap_timeout,
            auth=settings.imap_auth,
            tokens=(
                token_source(settings, settings.imap_username)
                if settings.imap_auth == AuthMethod.XOAUTH2
                else None
            ),
            move=settings.imap_move,
            max_message_bytes=settings.mail_max_bytes,
            folders={
                Outcome.ACCEPTED: settings.imap_folder_accepted,
                Outcome.DECLINED: settings.imap_folder_declined,
                Outcome.OTHER: settings.imap_folder_other,
                Outcome.AUTO_REPLIES: settings.imap_folder_auto_replies,
                Outcome.BOUNCES: settings.imap_folder_bounces,
                Outcome.NEEDS_REVIEW: settings.imap_folder_needs_review,
            },
        )

    @property
    def mailbox_key(self) -> str:
        """How the ledger names this folder (``Reply.mailbox``, ``MailboxState.folder``)."""
        return f"{self.username}@{self.host}:{self.port}/{self.folder}"

    @property
    def where(self) -> str:
        """The server, for messages (never the password)."""
        return f"{self.host}:{self.port}"


class RawMailMessage(MailMessage):
    """imap-tools' message, keeping the raw bytes the classifier reads."""

    def __init__(self, fetch_data: list[Any]) -> None:
        # Not MailMessage.__init__: it parses the whole message, outside any limit; a body
        # nested a thousand deep exhausted the stack there and stopped every poll. Only the
        # headers are parsed here; the classifier reads the body under its limits.
        self.raw, self._raw_uid_data, self._raw_flag_data = self._get_message_data_parts(fetch_data)
        self.obj = BytesHeaderParser(policy=email.policy.compat32).parsebytes(self.raw)


def tls_context(config: ImapConfig) -> ssl.SSLContext:
    context = ssl.create_default_context()
    if config.ca_file is not None:
        # An extra CA (a private one), on top of the system's, not instead of it.
        context.load_verify_locations(cafile=str(config.ca_file))
    return context


def open_mailbox(config: ImapConfig) -> BaseMailBox:
    """Connect and log in (no folder selected). Raises ``ImapError`` naming the server."""
    mailbox = connect_mailbox(config)
    try:
        log_in(mailbox, config)
    except ImapError:
        close_mailbox(mailbox)
        raise
    refresh_capabilities(mailbox)
    mailbox.email_message_class = RawMailMessage
    return mailbox


def connect_mailbox(config: ImapConfig) -> BaseMailBox:
    """Connect (TLS verified), not logged in yet. Raises ``ImapError`` naming the server."""
    if config.security == Security.NONE and not (config.allow_plain or is_loopback(config.host)):
        raise ImapError(
            f"refusing to send the IMAP password to {config.where} without TLS: set "
            "CIRCULAR_IMAP_SECURITY=tls (or starttls), or CIRCULAR_IMAP_ALLOW_PLAIN=true"
        )
    try:
        mailbox: BaseMailBox
        if config.security == Security.TLS:
            mailbox = MailBox(
                config.host, config.port, timeout=config.timeout, ssl_context=tls_context(config)
            )
        elif config.security == Security.STARTTLS:
            mailbox = MailBoxStartTls(
                config.host, config.port, timeout=config.timeout, ssl_context=tls_context(config)
            )
        else:
            mailbox = MailBoxUnencrypted(config.host, config.port, timeout=config.timeout)
    except ssl.SSLCertVerificationError as error:
        raise ImapError(
            f"the IMAP server {config.where} presented a certificate that is not trusted "
            f"({error.verify_message}); give its CA with CIRCULAR_IMAP_CA_FILE"
        ) from None
    except (OSError, imaplib.IMAP4.error) as error:
        raise ImapError(f"cannot connect to the IMAP server {config.where}: {error}") from None
    # Small IMAP commands otherwise wait on Nagle's algorithm (~40 ms each).
    mailbox.client.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return mailbox


def log_in(mailbox: BaseMailBox, config: ImapConfig) -> None:
    """Log in with the configured method. A refused XOAUTH2 token is replaced once; a second
    refusal raises ImapError naming the token's provider and the settings to check."""
    if config.auth == AuthMethod.PASSWORD:
        try:
            mailbox.login(config.username, config.password.get_secret_value(), initial_folder=None)
        except MailboxLoginError as error:
            raise ImapError(
                f"the IMAP server {config.where} refused the login of {config.username!r}: "
                f"{server_answer(error)}"
            ) from None
        return
    tokens = config.tokens
    assert tokens is not None, "auth=xoauth2 needs a token source"
    if "AUTH=XOAUTH2" not in mailbox.client.capabilities:
        offered = [c for c in mailbox.client.capabilities if c.startswith("AUTH=")]
        raise ImapError(
            f"the IMAP server {config.where} does not offer XOAUTH2 (it offers: "
            f"{' '.join(offered) or 'no AUTH= mechanism'}): check CIRCULAR_IMAP_HOST and "
            "CIRCULAR_IMAP_SECURITY, or set CIRCULAR_IMAP_AUTH=password"
        )
    try:
        token = tokens.token()
        try:
            mailbox.xoauth2(config.username, token, initial_folder=None)
            return
        except (MailboxLoginError, imaplib.IMAP4.error):
            token = tokens.refresh(token)  # expired or revoked early: one new token
        try:
            mailbox.xoauth2(config.username, token, initial_folder=None)
        except (MailboxLoginError, imaplib.IMAP4.error) as error:
            raise ImapError(
                str(tokens.refused(f"the IMAP server {config.where}", server_answer(error)))
            ) from None
    except OAuthError as error:
        raise ImapError(str(error)) from None


def server_answer(error: Exception) -> str:
    # imap-tools puts the server's tagged answer in the message; the command is not repeated,
    # so the password is not in it.
    return str(error).split("Data:", 1)[-1].strip() or str(error)


def refresh_capabilities(mailbox: BaseMailBox) -> None:
    typ, data = mailbox.client.capability()
    if typ == "OK" and data and isinstance(data[-1], bytes):
        mailbox.client.capabilities = tuple(data[-1].decode().upper().split())


def close_mailbox(mailbox: BaseMailBox) -> None:
    try:
        mailbox.logout()
    except Exception:  # closing is best effort: the work is already recorded
        log.debug("IMAP logout failed", exc_info=True)

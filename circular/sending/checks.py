"""``circular check-mail``: a doctor for the mail settings, the first thing a person runs.

Each step is one ``Check`` (✓ or ✗ with the fix): the hosts resolve, the connection opens, the
TLS certificate (subject, issuer, expiry), an OAuth2 token when the login uses XOAUTH2, the login
itself, the capabilities that matter (XOAUTH2, SMTPUTF8, SIZE; IDLE, SPECIAL-USE), the reply
folder and the Sent folder; optionally one test message sent and found again. A step that
cannot run because an earlier one failed is not shown. The campaign flow runs the same checks
before its first letter. No secret is ever part of a check's text.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import aiosmtplib
from imap_tools import AND, BaseMailBox, H

from circular.sending import imap as imap_side
from circular.sending.mime import Mailbox, MessageBuildError, OutgoingMessage, build_message
from circular.sending.oauth import OAuthError, TokenSource
from circular.sending.sent_folder import find_sent_folder
from circular.sending.smtp import (
    Outcome,
    SmtpConfig,
    SmtpConnection,
    SmtpSetupError,
    authenticate,
)
from circular.settings import AuthMethod, Security, Settings
from circular.tokens import new_token

OK, FAILED = "✓", "✗"


@dataclass(frozen=True)
class Check:
    """One line of the checklist."""

    ok: bool
    what: str
    detail: str = ""
    fix: str = ""

    def line(self) -> str:
        """``✓ what: detail`` or ``✗ what: detail; fix: ...`` (never wrapped)."""
        text = f"{OK if self.ok else FAILED} {self.what}"
        if self.detail:
            text += f": {self.detail}"
        if not self.ok and self.fix:
            text += f" — fix: {self.fix}"
        return text


class Checklist(list[Check]):
    """The checks in order; ``ok`` when none failed."""

    @property
    def ok(self) -> bool:
        """True when every check passed."""
        return all(check.ok for check in self)

    def text(self) -> str:
        """One line per check."""
        return "\n".join(check.line() for check in self)

    def markdown(self, title: str) -> str:
        """The checklist as a markdown artifact."""
        lines = [f"# {title}", ""]
        lines += [f"- {check.line()}" for check in self]
        return "\n".join(lines) + "\n"

    def add(self, ok: bool, what: str, detail: str = "", fix: str = "") -> bool:
        self.append(Check(ok, what, detail, fix))
        return ok


def resolves(checks: Checklist, label: str, host: str, port: int, setting: str) -> bool:
    """The host's addresses (DNS)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as error:
        return checks.add(False, f"{label} host {host}", f"does not resolve ({error})", setting)
    addresses = sorted({str(info[4][0]) for info in infos})
    return checks.add(True, f"{label} host {host}", "resolves to " + ", ".join(addresses[:4]))


def describe_certificate(cert: dict[str, Any] | None) -> str:
    """Subject, issuer and expiry of a verified peer certificate (``getpeercert()``)."""
    if not cert:
        return "no certificate"

    def name(field: str) -> str:
        parts = dict(item for rdn in cert.get(field, ()) for item in rdn)
        return parts.get("commonName") or parts.get("organizationName") or "?"

    expires = datetime.fromtimestamp(ssl.cert_time_to_seconds(cert["notAfter"]), UTC)
    days = (expires - datetime.now(UTC)).days
    return (
        f"subject {name('subject')}, issuer {name('issuer')}, "
        f"expires {expires:%Y-%m-%d} ({days} days)"
    )


def token_check(checks: Checklist, label: str, tokens: TokenSource | None) -> bool:
    """An OAuth2 token can be had (for an XOAUTH2 login)."""
    if tokens is None:
        return True
    try:
        tokens.token()
    except OAuthError as error:
        return checks.add(False, f"{label} OAuth2 token", str(error), "see docs/providers.md")
    minutes = int((tokens.expires_in() or 0) // 60)
    return checks.add(
        True, f"{label} OAuth2 token", f"from {tokens.describe}, valid for {minutes} min"
    )


# SMTP -------------------------------------------------------------------------------------


async def _smtp_checks(checks: Checklist, config: SmtpConfig) -> None:
    label = "SMTP"
    if not resolves(checks, label, config.host, config.port, "check CIRCULAR_SMTP_HOST"):
        return
    try:
        config.check()
    except SmtpSetupError as error:
        checks.add(False, f"{label} {config.where}", str(error))
        return
    tls = config.security != Security.NONE
    smtp = aiosmtplib.SMTP(
        hostname=config.host,
        port=config.port,
        use_tls=config.security == Security.TLS,
        start_tls=config.security == Security.STARTTLS,
        tls_context=config.tls_context() if tls else None,
        timeout=min(config.timeout, 30.0),
    )
    try:
        await smtp.connect()
    except (aiosmtplib.SMTPException, OSError) as error:
        checks.add(
            False,
            f"{label} {config.where}",
            f"cannot connect: {error.__class__.__name__}: {error}",
            "check CIRCULAR_SMTP_PORT and CIRCULAR_SMTP_SECURITY (587: starttls, 465: tls)",
        )
        return
    try:
        await _smtp_session(checks, smtp, config)
    finally:
        with contextlib.suppress(aiosmtplib.SMTPException, OSError):
            await smtp.quit()
        smtp.close()


async def _smtp_session(checks: Checklist, smtp: aiosmtplib.SMTP, config: SmtpConfig) -> None:
    label = "SMTP"
    if config.security == Security.NONE:
        checks.add(True, f"{label} {config.where}", "connected without TLS (loopback or allowed)")
    else:
        cert = smtp.get_transport_info("peercert")
        checks.add(True, f"{label} {config.where} TLS", describe_certificate(cert))
    if smtp.is_ehlo_or_helo_needed:
        await smtp.ehlo()
    methods = " ".join(sorted(smtp.server_auth_methods)).upper() or "none"
    wanted = "xoauth2" if config.auth == AuthMethod.XOAUTH2 else None
    has = {name: smtp.supports_extension(name) for name in ("smtputf8", "size")}
    detail = f"AUTH {methods}; " + ", ".join(
        f"{k.upper()} {'yes' if v else 'no'}" for k, v in has.items()
    )
    offered = wanted is None or wanted in smtp.server_auth_methods
    checks.add(
        offered,
        f"{label} capabilities",
        detail,
        "this server does not offer XOAUTH2: check CIRCULAR_SMTP_HOST, or set "
        "CIRCULAR_SMTP_AUTH=password",
    )
    if not offered or not token_check(checks, label, config.tokens):
        return
    if not config.username:
        checks.add(True, f"{label} login", "none (CIRCULAR_SMTP_USERNAME is empty)")
        return
    try:
        await authenticate(smtp, config)
    except (SmtpSetupError, aiosmtplib.SMTPException) as error:
        checks.add(False, f"{label} login as {config.username}", str(error))
        return
    checks.add(True, f"{label} login as {config.username}", f"accepted ({config.auth.value})")


# IMAP -------------------------------------------------------------------------------------


def _imap_checks(checks: Checklist, config: imap_side.ImapConfig, settings: Settings) -> None:
    label = "IMAP"
    if not resolves(checks, label, config.host, config.port, "check CIRCULAR_IMAP_HOST"):
        return
    try:
        box = imap_side.connect_mailbox(config)
    except imap_side.ImapError as error:
        checks.add(
            False,
            f"{label} {config.where}",
            str(error),
            "check CIRCULAR_IMAP_PORT and CIRCULAR_IMAP_SECURITY (993: tls, 143: starttls)",
        )
        return
    try:
        _imap_session(checks, box, config, settings)
    finally:
        imap_side.close_mailbox(box)


def _imap_session(
    checks: Checklist, box: BaseMailBox, config: imap_side.ImapConfig, settings: Settings
) -> None:
    label = "IMAP"
    sock = box.client.sock
    if isinstance(sock, ssl.SSLSocket):
        checks.add(True, f"{label} {config.where} TLS", describe_certificate(sock.getpeercert()))
    else:
        checks.add(True, f"{label} {config.where}", "connected without TLS (loopback or allowed)")
    if not token_check(checks, label, config.tokens):
        return
    try:
        imap_side.log_in(box, config)
    except imap_side.ImapError as error:
        checks.add(False, f"{label} login as {config.username}", str(error))
        return
    checks.add(True, f"{label} login as {config.username}", f"accepted ({config.auth.value})")
    imap_side.refresh_capabilities(box)
    capabilities = set(box.client.capabilities)
    wanted = ("IDLE", "SPECIAL-USE")
    checks.add(
        True,
        f"{label} capabilities",
        ", ".join(f"{name} {'yes' if name in capabilities else 'no'}" for name in wanted),
    )
    exists = box.folder.exists(config.folder)
    checks.add(
        exists,
        f"{label} reply folder {config.folder}",
        "found" if exists else "not found",
        "set CIRCULAR_IMAP_FOLDER to the folder replies arrive in",
    )
    if not settings.imap_sent_folder:
        checks.add(True, f"{label} Sent folder", "not used (CIRCULAR_IMAP_SENT_FOLDER is empty)")
        return
    try:
        name = find_sent_folder(box, settings.imap_sent_folder, config.where)
    except imap_side.ImapError as error:
        checks.add(False, f"{label} Sent folder", str(error))
        return
    copies = (
        "circular appends a copy of each letter"
        if settings.imap_sent_append
        else "the provider keeps the copy (CIRCULAR_IMAP_SENT_APPEND=false)"
    )
    checks.add(True, f"{label} Sent folder {name}", copies)


# The test message -------------------------------------------------------------------------


def _send_test(
    checks: Checklist,
    settings: Settings,
    address: str,
    wait: float,
    sender: str,
    sleep: Callable[[float], None] = time.sleep,
) -> None:
    config = SmtpConfig.from_settings(settings)
    sender = sender or settings.smtp_username
    outgoing = OutgoingMessage(
        campaign="check-mail",
        contact_id=0,
        kind="test",
        language="en",
        sender=Mailbox(sender, "circular check-mail"),
        reply_to=sender,
        to=Mailbox(address, ""),
        subject="circular check-mail: test message",
        text="This message was sent by `circular check-mail --send-test` to check the "
        "mail settings. It needs no answer.",
    )
    try:
        built = build_message(outgoing, new_token())
    except MessageBuildError as error:
        checks.add(
            False,
            f"test message to {address}",
            str(error),
            "give the mailbox's address with --from",
        )
        return

    async def send_once() -> Any:
        connection = SmtpConnection(config)
        try:
            return await connection.send(built)
        finally:
            await connection.close()

    try:
        result = asyncio.run(send_once())
    except SmtpSetupError as error:
        checks.add(False, f"test message to {address}", str(error))
        return
    if result.outcome != Outcome.ACCEPTED:
        checks.add(
            False, f"test message to {address}", f"not accepted: {result.code} {result.answer}"
        )
        return
    checks.add(True, f"test message to {address}", f"accepted, {built.message_id}")
    _find_test(checks, settings, built.data, built.message_id, wait, sleep)


def _find_test(
    checks: Checklist,
    settings: Settings,
    data: bytes,
    message_id: str,
    wait: float,
    sleep: Callable[[float], None],
) -> None:
    """Look for the test message in the Sent folder and the reply folder (sent to the
    mailbox itself, it arrives there), as the sender and the poller will."""
    config = imap_side.ImapConfig.from_settings(settings)
    try:
        box = imap_side.open_mailbox(config)
    except imap_side.ImapError as error:
        checks.add(False, "test message found", str(error))
        return
    try:
        folders = [config.folder]
        if settings.imap_sent_folder:
            sent = find_sent_folder(box, settings.imap_sent_folder, config.where)
            folders.insert(0, sent)
            if settings.imap_sent_append:  # as the sender does after each letter
                box.append(data, sent)
        deadline = time.monotonic() + wait
        while True:
            for folder in folders:
                box.folder.set(folder)
                if box.uids(AND(header=H("Message-ID", message_id))):
                    checks.add(True, "test message found", f"in {folder}")
                    return
            if time.monotonic() >= deadline:
                break
            sleep(1.0)
    except imap_side.ImapError as error:
        checks.add(False, "test message found", str(error))
        return
    finally:
        imap_side.close_mailbox(box)
    checks.add(
        False,
        "test message found",
        f"not in {' or '.join(folders)} after {wait:.0f} s",
        "send it to the mailbox itself, or look in the recipient's mailbox; check "
        "CIRCULAR_IMAP_SENT_FOLDER",
    )


def run_checks(
    settings: Settings,
    *,
    send_test: str = "",
    sender: str = "",
    wait: float = 30.0,
    imap: bool = True,
) -> Checklist:
    """Every check of the mail settings, in order (``imap=False``: the SMTP side only). With
    ``send_test``, one message from ``sender`` (default: the SMTP user) is sent there and
    looked for."""
    checks = Checklist()
    checks.add(
        True,
        "settings",
        f"provider {settings.mail_provider.value}, SMTP login {settings.smtp_auth.value}, "
        f"IMAP login {settings.imap_auth.value}"
        + (f", tokens from {settings.oauth_provider.value}" if settings.oauth_provider else ""),
    )
    try:
        smtp_config = SmtpConfig.from_settings(settings)
        imap_config = imap_side.ImapConfig.from_settings(settings)
    except OAuthError as error:
        checks.add(False, "OAuth2 settings", str(error), "see docs/providers.md")
        return checks
    asyncio.run(_smtp_checks(checks, smtp_config))
    if imap:
        _imap_checks(checks, imap_config, settings)
    if send_test and checks.ok:
        _send_test(checks, settings, send_test, wait, sender)
    return checks

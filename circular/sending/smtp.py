"""One SMTP connection (aiosmtplib) that sends pre-serialised messages and says exactly how
each send ended.

The outcome distinguishes what the exactly-once ledger needs to know:

- ``accepted``: the server answered 250 to the end of DATA (some Cc may have been refused);
- ``temporary``: a 4xx answer, or the connection dropped or timed out *before* the end of the
  message was written: nothing was delivered, the send may be retried;
- ``permanent``: a 5xx answer: recorded, never retried;
- ``ambiguous``: the whole message was written but no answer came (drop or timeout): the server
  may have taken it. Never retried automatically.

aiosmtplib's ``sendmail`` cannot tell the last two cases apart, so the transaction is driven
here: MAIL, RCPT..., DATA, then the message bytes; one command per round trip, or, when the
server offers PIPELINING (RFC 2920), MAIL, every RCPT and DATA in one write (2 round trips a
message instead of 5 for a letter with To and Cc; circular.sending.pipelining).
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import ssl
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

import aiosmtplib
from aiosmtplib.response import SMTPResponse
from pydantic import SecretStr

from circular.sending import answers, pipelining
from circular.sending.mime import BuiltMessage
from circular.sending.oauth import OAuthError, TokenSource, token_source
from circular.settings import AuthMethod, Security, Settings

#: Seconds a closing connection waits for the answer to QUIT (its letters are recorded already).
QUIT_TIMEOUT = 5.0


class SmtpSetupError(Exception):
    """The SMTP server cannot be used as configured (TLS verification, login, a plain connection
    to a remote host): retrying will not help. The text never holds the password."""


class SmtpUnavailable(SmtpSetupError):
    """The server cannot be reached (refused, unreachable, not answering its greeting): the
    run stops with every unsent letter left pending, to be sent by a later run."""


_CONNECT_TRIES = 3


class Outcome(StrEnum):
    """How one send ended (see the module docstring)."""

    ACCEPTED = "accepted"
    TEMPORARY = "temporary"
    PERMANENT = "permanent"
    AMBIGUOUS = "ambiguous"


@dataclass(frozen=True)
class SendResult:
    """The outcome of one send, with the server's last answer and any refused recipients."""

    outcome: Outcome
    code: int | None = None
    answer: str = ""
    refused: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class SmtpConfig:
    """Where and how to connect. Built from the settings with ``from_settings``."""

    host: str
    port: int
    security: Security = Security.STARTTLS
    username: str = ""
    password: SecretStr = field(default_factory=lambda: SecretStr(""))
    timeout: float = 60.0
    ca_file: Path | None = None
    allow_plain: bool = False
    auth: AuthMethod = AuthMethod.PASSWORD
    #: RFC 2920: MAIL, RCPT and DATA in one write when the server offers PIPELINING.
    pipelining: bool = True
    #: Where XOAUTH2 tokens come from (``auth=xoauth2``); shared by every connection.
    tokens: TokenSource | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        if not isinstance(self.password, SecretStr):  # a plain string given in code
            object.__setattr__(self, "password", SecretStr(str(self.password)))

    @classmethod
    def from_settings(cls, settings: Settings) -> SmtpConfig:
        """The SMTP part of ``settings``."""
        return cls(
            host=settings.smtp_host,
            port=settings.smtp_port,
            security=settings.smtp_security,
            username=settings.smtp_username,
            password=settings.smtp_password,
            timeout=settings.smtp_timeout,
            ca_file=settings.smtp_ca_file,
            allow_plain=settings.smtp_allow_plain,
            auth=settings.smtp_auth,
            pipelining=settings.smtp_pipelining,
            tokens=(
                token_source(settings, settings.smtp_username)
                if settings.smtp_auth == AuthMethod.XOAUTH2
                else None
            ),
        )

    @property
    def where(self) -> str:
        """The server, for messages."""
        return f"{self.host}:{self.port}"

    def check(self) -> None:
        """Refuse a plain connection to anything but loopback unless explicitly allowed."""
        if self.security == Security.NONE and not (self.allow_plain or is_loopback(self.host)):
            raise SmtpSetupError(
                f"refusing unencrypted SMTP to {self.host}: set CIRCULAR_SMTP_SECURITY to "
                "starttls or tls, or CIRCULAR_SMTP_ALLOW_PLAIN=true to allow it"
            )

    def tls_context(self) -> ssl.SSLContext:
        """A verifying client context: the system's CAs plus ``ca_file`` when given."""
        context = ssl.create_default_context(ssl.Purpose.SERVER_AUTH)
        if self.ca_file is not None:
            context.load_verify_locations(cafile=str(self.ca_file))
        return context


def is_loopback(host: str) -> bool:
    """True for localhost and loopback addresses."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _dot_stuffed(data: bytes) -> bytes:
    """``data`` with a dot doubled at the start of every line (RFC 5321 4.5.2). A search and a
    bytes replace: a multiline regex over a 50 KB message cost more than building it."""
    if data.startswith(b"."):
        data = b"." + data
    return data.replace(b"\n.", b"\n..") if b"\n." in data else data


def _by_code(code: int, answer: str, refused: dict[str, str] | None = None) -> SendResult:
    outcome = Outcome.TEMPORARY if 400 <= code < 500 else Outcome.PERMANENT
    return SendResult(outcome, code, answer, refused or {})


async def authenticate(smtp: aiosmtplib.SMTP, config: SmtpConfig) -> None:
    """Log in as the settings say (nothing without a user name). A refused XOAUTH2 token is
    replaced once; a second refusal, or a refused password, raises SmtpSetupError explaining
    the provider's answer."""
    if not config.username:
        return
    if config.auth == AuthMethod.PASSWORD:
        try:
            await smtp.login(config.username, config.password.get_secret_value())
        except aiosmtplib.SMTPAuthenticationError as error:
            raise SmtpSetupError(_login_refused(config, error.code, error.message)) from None
        return
    tokens = config.tokens
    assert tokens is not None, "auth=xoauth2 needs a token source"
    if smtp.is_ehlo_or_helo_needed:
        await smtp.ehlo()
    if "xoauth2" not in smtp.server_auth_methods:
        offered = " ".join(smtp.server_auth_methods).upper() or "none"
        raise SmtpSetupError(
            f"the SMTP server {config.where} does not offer XOAUTH2 (it offers: {offered}): "
            "check CIRCULAR_SMTP_HOST and CIRCULAR_SMTP_SECURITY, or set "
            "CIRCULAR_SMTP_AUTH=password"
        )
    try:
        token = await asyncio.to_thread(tokens.token)
        try:
            await smtp.auth_xoauth2(config.username, token)
            return
        except aiosmtplib.SMTPAuthenticationError as error:
            if not _token_may_be_stale(error.code, error.message):
                raise SmtpSetupError(_login_refused(config, error.code, error.message)) from None
        # Expired or revoked before its time: one new token, one more try.
        token = await asyncio.to_thread(tokens.refresh, token)
        try:
            await smtp.auth_xoauth2(config.username, token)
        except aiosmtplib.SMTPAuthenticationError as error:
            raise SmtpSetupError(
                str(tokens.refused(f"the SMTP server {config.where}", _answer(error)))
            ) from None
    except OAuthError as error:
        raise SmtpSetupError(str(error)) from None


def _answer(error: aiosmtplib.SMTPResponseException) -> str:
    return f"{error.code} {error.message}"


def _token_may_be_stale(code: int, message: str) -> bool:
    """A refusal a new token may cure (not "password logins are off", not a 4xx)."""
    understood = answers.understand(code, message)
    return understood is not None and understood.name == "login"


def _login_refused(config: SmtpConfig, code: int, message: str) -> str:
    understood = answers.understand(code, message)
    where = f"login to {config.where} as {config.username!r} ({config.auth.value})"
    if understood is None:
        return f"{where} refused: {code} {message}"
    return f"{where} refused: {understood.message(code, message)}"


def _no_smtputf8(config: SmtpConfig) -> SendResult:
    return SendResult(
        Outcome.PERMANENT,
        None,
        f"not sent: an address is outside ASCII and {config.host}:{config.port} does not offer "
        "SMTPUTF8",
    )


def _mail_command(
    smtp: aiosmtplib.SMTP, message: BuiltMessage, config: SmtpConfig
) -> list[bytes] | SendResult:
    """MAIL FROM with its options (SIZE, SMTPUTF8), or the result when the server cannot take
    the letter's addresses."""
    options = [f"SIZE={len(message.data)}"] if smtp.supports_extension("size") else []
    encoding = "ascii"
    if message.smtputf8:
        # Addresses outside ASCII (RFC 6531): only a server that offers SMTPUTF8 takes them.
        if not smtp.supports_extension("smtputf8"):
            return _no_smtputf8(config)
        options += ["SMTPUTF8", "BODY=8BITMIME"]
        encoding = "utf-8"
    return [
        b"MAIL",
        b"FROM:<" + message.envelope_from.encode(encoding) + b">",
        *(option.encode("ascii") for option in options),
    ]


def _rcpt_commands(message: BuiltMessage) -> list[bytes]:
    encoding = "utf-8" if message.smtputf8 else "ascii"
    return [b"RCPT TO:<" + address.encode(encoding) + b">" for address in message.recipients]


class _Recipients:
    """The judgement of each RCPT answer, in order, the same whether pipelined or not."""

    def __init__(self, recipients: Sequence[str]) -> None:
        self.recipients = recipients
        self.refused: dict[str, str] = {}  # address: "code answer"
        self.first: SMTPResponse | None = None  # the addressee's (To) refusal

    def answer(self, index: int, answer: SMTPResponse) -> SendResult | None:
        """None to go on; else the letter's result (421: the server is closing)."""
        if answer.code in (250, 251):
            return None
        if answer.code == 421:
            return _by_code(answer.code, answer.message)
        if answers.understand(answer.code, answer.message) is not None:
            # Too many recipients, a quota, a refused sender: the letter's, not this
            # address's; the whole letter waits, never delivered to some recipients only.
            return _by_code(answer.code, answer.message)
        if index == 0:
            self.first = answer
        self.refused[self.recipients[index]] = f"{answer.code} {answer.message}"
        return None

    def verdict(self) -> SendResult | None:
        """After every answer: the addressee (To) refused means the letter is not delivered,
        whatever the Cc."""
        if self.first is None:
            return None
        return _by_code(self.first.code, self.first.message, self.refused)


class SmtpConnection:
    """A reusable connection: opened on first use, reopened after a drop. One send at a time
    (aiosmtplib serialises them anyway): use one connection per parallel worker."""

    def __init__(self, config: SmtpConfig) -> None:
        config.check()
        self.config = config
        self._smtp: aiosmtplib.SMTP | None = None
        self._used = False

    @property
    def connected(self) -> bool:
        """Whether a connection is open (as far as the client knows)."""
        return self._smtp is not None and self._smtp.is_connected

    async def _connect(self) -> aiosmtplib.SMTP:
        """Open a connection; a server that cannot be reached after a few tries stops the run
        (SmtpUnavailable) rather than failing every letter in turn."""
        for attempt in range(_CONNECT_TRIES):
            try:
                return await self._connect_once()
            except (aiosmtplib.SMTPException, OSError) as error:
                problem = f"{error.__class__.__name__}: {error}"
                if attempt + 1 < _CONNECT_TRIES:
                    await asyncio.sleep(0.5 * 2**attempt)
        config = self.config
        raise SmtpUnavailable(
            f"cannot connect to SMTP server {config.host}:{config.port} "
            f"after {_CONNECT_TRIES} tries: {problem}; the letters not sent stay pending: "
            "run again when the server is back"
        )

    async def _connect_once(self) -> aiosmtplib.SMTP:
        config = self.config
        tls = config.security != Security.NONE
        smtp = aiosmtplib.SMTP(
            hostname=config.host,
            port=config.port,
            use_tls=config.security == Security.TLS,
            start_tls=config.security == Security.STARTTLS,
            tls_context=config.tls_context() if tls else None,
            timeout=config.timeout,
        )
        try:
            await smtp.connect()
            if smtp.sock is not None:
                # Small commands otherwise wait for Nagle's algorithm on every round trip.
                smtp.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            await authenticate(smtp, config)
            if smtp.is_ehlo_or_helo_needed:
                await smtp.ehlo()
        except ssl.SSLError as error:
            smtp.close()
            raise SmtpSetupError(
                f"TLS with {config.host}:{config.port} failed: {error.__class__.__name__}: "
                f"{getattr(error, 'verify_message', '') or error.reason}"
            ) from None
        except SmtpSetupError:
            smtp.close()
            raise
        except aiosmtplib.SMTPException as error:
            smtp.close()
            if isinstance(error.__cause__, ssl.SSLError):
                raise SmtpSetupError(
                    f"TLS with {config.host}:{config.port} failed: {error.__cause__}"
                ) from None
            raise
        self._smtp, self._used = smtp, False
        return smtp

    async def offers_smtputf8(self) -> bool:
        """Whether the server offers SMTPUTF8 (RFC 6531) in its EHLO answer; connects first
        when needed (SmtpSetupError / SmtpUnavailable as for a send)."""
        smtp = self._smtp if self.connected else await self._connect()
        return smtp.supports_extension("smtputf8")

    async def close(self) -> None:
        """Say QUIT and close; errors on the way out are ignored. A server slow to answer the
        QUIT is not waited for beyond QUIT_TIMEOUT: the connection is simply closed."""
        smtp, self._smtp = self._smtp, None
        if smtp is None:
            return
        try:
            if smtp.is_connected:
                await smtp.quit(timeout=QUIT_TIMEOUT)
        except (aiosmtplib.SMTPException, OSError):
            smtp.close()

    def abort(self) -> None:
        """Close at once, without QUIT: for a send interrupted mid-transaction, whose answer
        was never read (a QUIT would wait behind it)."""
        self._drop()

    def _drop(self) -> None:
        if self._smtp is not None:
            self._smtp.close()
        self._smtp = None

    async def send(self, message: BuiltMessage) -> SendResult:
        """Send ``message`` (MAIL, RCPT for each recipient, DATA). Raises SmtpSetupError when
        the server cannot be used at all; every other failure is a SendResult."""
        reused = self.connected and self._used
        result = await self._send_once(message)
        if reused and result.outcome == Outcome.TEMPORARY and result.code is None:
            # An idle connection the server closed meanwhile: one fresh connection, at once.
            result = await self._send_once(message)
        return result

    async def _send_once(self, message: BuiltMessage) -> SendResult:
        try:
            smtp = self._smtp if self.connected else await self._connect()
            assert smtp is not None
            self._used = True
            mail = _mail_command(smtp, message, self.config)
            if isinstance(mail, SendResult):
                return mail
            if self.config.pipelining and smtp.supports_extension("pipelining"):
                stop, refused = await self._pipelined(smtp, message, mail)
            else:
                stop, refused = await self._one_by_one(smtp, message, mail)
            if stop is not None:
                return stop
            if smtp.protocol is None or not smtp.is_connected:
                raise aiosmtplib.SMTPServerDisconnected("connection lost before the message")
        except aiosmtplib.SMTPResponseException as error:
            self._drop()
            return _by_code(error.code, error.message)
        except (aiosmtplib.SMTPException, OSError) as error:
            # Connection refused, dropped or timed out before the message was written.
            self._drop()
            return SendResult(Outcome.TEMPORARY, None, f"{error.__class__.__name__}: {error}")
        return await self._transfer(smtp, message, refused)

    async def _one_by_one(
        self, smtp: aiosmtplib.SMTP, message: BuiltMessage, mail: list[bytes]
    ) -> tuple[SendResult | None, dict[str, str]]:
        """MAIL, each RCPT and DATA, one round trip each (the server does not pipeline).
        Returns a result when the message cannot be written, and the recipients refused."""
        answer = await smtp.execute_command(*mail)
        stop = await self._judge_mail(smtp, answer)
        if stop is not None:
            return stop, {}
        judge = _Recipients(message.recipients)
        for index, rcpt in enumerate(_rcpt_commands(message)):
            stop = judge.answer(index, await smtp.execute_command(rcpt))
            if stop is not None:
                await self._reset(smtp, stop.code or 0)
                return stop, {}
        stop = judge.verdict()
        if stop is None:
            start = await smtp.execute_command(b"DATA")
            if start.code == 354:
                return None, judge.refused
            stop = _by_code(start.code, start.message, judge.refused)
        await self._reset(smtp, stop.code or 0)
        return stop, {}

    async def _pipelined(
        self, smtp: aiosmtplib.SMTP, message: BuiltMessage, mail: list[bytes]
    ) -> tuple[SendResult | None, dict[str, str]]:
        """RFC 2920: MAIL, every RCPT and DATA in one write, their answers read in order; the
        same judgement of each answer as ``_one_by_one``. Returns as it does."""
        rcpts = _rcpt_commands(message)
        protocol = pipelining.install(smtp)
        said = await protocol.pipeline(
            [b" ".join(mail), *rcpts, b"DATA"], timeout=self.config.timeout
        )
        if len(said) < len(rcpts) + 2:
            self._drop()  # lost mid-group: what came is judged, nothing was delivered
        mail_answer, rcpt_answers = said[0], said[1 : len(rcpts) + 1]
        start = said[-1] if len(said) == len(rcpts) + 2 else None
        accepted = any(answer.code in (250, 251) for answer in rcpt_answers)
        stop = await self._judge_mail(smtp, mail_answer, start, accepted)
        if stop is not None:
            return stop, {}
        judge = _Recipients(message.recipients)
        for index, answer in enumerate(rcpt_answers):
            stop = judge.answer(index, answer)
            if stop is not None:
                return await self._abandon(smtp, stop, start, accepted), {}
        stop = judge.verdict()
        if stop is None and start is None:
            why = protocol.failure
            stop = SendResult(
                Outcome.TEMPORARY,
                None,
                f"connection lost before the message ({why.__class__.__name__}: {why})",
            )
        if stop is None and start is not None and start.code != 354:
            stop = _by_code(start.code, start.message, judge.refused)
        if stop is not None:
            return await self._abandon(smtp, stop, start, accepted), {}
        return None, judge.refused

    async def _judge_mail(
        self,
        smtp: aiosmtplib.SMTP,
        answer: SMTPResponse,
        start: SMTPResponse | None = None,
        accepted: bool = False,
    ) -> SendResult | None:
        """None when MAIL was taken, else the letter's result (the transaction cleaned up:
        ``start`` is the pipelined DATA's answer, ``accepted`` whether a RCPT was taken)."""
        if answer.code == 530:
            # "Authentication required" / "Must issue a STARTTLS command first": the settings
            # are wrong for this server, not the letter: stop instead of failing every letter.
            self._drop()
            raise SmtpSetupError(
                f"{self.config.host}:{self.config.port} refused to take mail: "
                f"{answer.code} {answer.message} (check CIRCULAR_SMTP_SECURITY and the login)"
            )
        if answer.code == 250:
            return None
        return await self._abandon(smtp, _by_code(answer.code, answer.message), start, accepted)

    async def _abandon(
        self,
        smtp: aiosmtplib.SMTP,
        stop: SendResult,
        start: SMTPResponse | None,
        accepted: bool,
    ) -> SendResult:
        """End a transaction whose message must not be written; ``start`` is the answer to
        DATA when it was sent already (pipelined), ``accepted`` whether any RCPT was taken.

        A server that answers 354 is waiting for a message. With no recipient taken, RFC 2920
        (3.1) has the client end it with an empty body (".") the server then refuses; with a
        recipient taken that body would reach them, so the connection is closed instead: a
        message is delivered only after its final "." (RFC 5321 4.1.1.4)."""
        if start is None or start.code != 354:
            await self._reset(smtp, stop.code or 0)
            return stop
        protocol = smtp.protocol
        if accepted or protocol is None:
            self._drop()
            return stop
        try:
            protocol.write(b".\r\n")
            await protocol.read_response(timeout=self.config.timeout)
        except (aiosmtplib.SMTPException, OSError):
            self._drop()
            return stop
        await self._reset(smtp, stop.code or 0)
        return stop

    async def _reset(self, smtp: aiosmtplib.SMTP, code: int) -> None:
        if code == 421 or not smtp.is_connected:
            self._drop()  # the server is closing the connection
            return
        try:
            await smtp.rset()
        except (aiosmtplib.SMTPException, OSError):
            self._drop()

    async def _transfer(
        self, smtp: aiosmtplib.SMTP, message: BuiltMessage, refused: dict[str, str]
    ) -> SendResult:
        """Write the message and read the final answer. From here a silent drop is ambiguous."""
        protocol = smtp.protocol
        assert protocol is not None
        data = _dot_stuffed(message.data)
        if not data.endswith(b"\r\n"):
            data += b"\r\n"
        try:
            protocol.write(data + b".\r\n")
            answer = await protocol.read_response(timeout=self.config.timeout)
        except (aiosmtplib.SMTPException, OSError) as error:
            self._drop()
            return SendResult(
                Outcome.AMBIGUOUS,
                None,
                f"no answer after the message was sent ({error.__class__.__name__}: {error})",
                refused,
            )
        if answer.code == 250:
            return SendResult(Outcome.ACCEPTED, 250, answer.message, refused)
        await self._reset(smtp, answer.code)
        return _by_code(answer.code, answer.message, refused)

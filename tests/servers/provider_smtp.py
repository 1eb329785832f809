"""aiosmtpd answering as Exchange Online and Gmail do: SASL XOAUTH2 validated against the test
token server, and the providers' own answers at AUTH, MAIL, RCPT and the end of DATA.

``ProviderHandler`` is the recording handler of ``tests.servers.smtp_server`` plus:

- ``auth_XOAUTH2``: the bearer token checked with ``validate(token, user)`` (a failure answers
  as the providers do: a base64 JSON challenge, then ``535 5.7.3``);
- ``login_answer``: what a password login gets (``535 5.7.3 ...``, ``550 5.7.30 ...``);
- ``mail_answers`` / ``rcpt_answers`` / ``data_answers``: answers given once each, in order,
  to the next MAIL, RCPT or end of DATA (then the server behaves).
"""

from __future__ import annotations

import base64
import contextlib
import json
import ssl
from collections.abc import Callable, Iterator
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import MISSING, AuthResult, LoginPassword

from tests.servers.smtp_server import RecordingHandler, free_port


class ProviderHandler(RecordingHandler):
    """See the module docstring."""

    def __init__(self, validate: Callable[[str, str], bool] | None = None) -> None:
        super().__init__()
        self.validate = validate
        self.login_answer = ""
        self.mail_answers: list[str] = []
        self.rcpt_answers: list[str] = []
        self.data_answers: list[str] = []
        self.answered: list[tuple[tuple[str, int], str]] = []  # (peer, answer) given
        self.peers: list[tuple[str, int]] = []  # the connection of each message taken
        self.xoauth2_logins = 0
        #: Called with each message taken: Exchange and Gmail keep a copy in the sender's Sent.
        self.keep_copy: Callable[[bytes], None] | None = None

    async def auth_XOAUTH2(self, server: Any, args: list[str]) -> AuthResult:
        """RFC-less but universal: ``user=U^Aauth=Bearer T^A^A``, base64."""
        self.xoauth2_logins += 1
        if len(args) > 1:
            blob: Any = base64.b64decode(args[1])
        else:
            blob = await server.challenge_auth("")
            if blob is MISSING:
                return AuthResult(success=False, handled=True)
        fields = dict(part.split("=", 1) for part in blob.decode().split("\x01") if "=" in part)
        user, token = fields.get("user", ""), fields.get("auth", "").removeprefix("Bearer ")
        if self.validate is not None and self.validate(token, user):
            return AuthResult(success=True, auth_data=user)
        error = json.dumps({"status": "401", "schemes": "bearer", "scope": "outlook"})
        await server.challenge_auth(error)  # the client answers with an empty line
        return AuthResult(
            success=False, handled=False, message="535 5.7.3 Authentication unsuccessful"
        )

    def authenticator(
        self, server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any
    ) -> AuthResult:
        """Password logins (PLAIN, LOGIN): refused with ``login_answer`` when set."""
        if self.login_answer:
            return AuthResult(success=False, handled=False, message=self.login_answer)
        return AuthResult(success=isinstance(auth_data, LoginPassword))

    def _next(self, queue: list[str], peer: tuple[str, int]) -> str | None:
        if not queue:
            return None
        answer = queue.pop(0)
        self.answered.append((peer, answer))
        return answer

    async def handle_MAIL(
        self, server: Any, session: Any, envelope: Any, address: str, mail_options: list[str]
    ) -> str:
        answer = self._next(self.mail_answers, session.peer)
        if answer is not None:
            return answer
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: list[str]
    ) -> str:
        answer = self._next(self.rcpt_answers, session.peer)
        if answer is not None:
            return answer
        return await super().handle_RCPT(server, session, envelope, address, rcpt_options)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        answer = self._next(self.data_answers, session.peer)
        if answer is not None:
            return answer
        self.peers.append(session.peer)
        if self.keep_copy is not None:
            self.keep_copy(envelope.original_content or envelope.content)
        return await super().handle_DATA(server, session, envelope)


@contextlib.contextmanager
def provider_smtp(
    handler: ProviderHandler, starttls: ssl.SSLContext | None = None
) -> Iterator[Controller]:
    """aiosmtpd with ``handler`` on 127.0.0.1, AUTH offered without TLS (loopback tests);
    with ``starttls``, STARTTLS required first, as the providers' port 587 does."""
    extra: dict[str, Any] = {}
    if starttls is not None:
        extra.update(tls_context=starttls, require_starttls=True)
    controller = Controller(
        handler,
        hostname="127.0.0.1",
        port=free_port(),
        server_hostname="127.0.0.1",
        authenticator=handler.authenticator,
        auth_require_tls=False,
        **extra,
    )
    controller.start()
    try:
        yield controller
    finally:
        controller.stop()

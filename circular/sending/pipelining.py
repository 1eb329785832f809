"""RFC 2920 PIPELINING for an aiosmtplib connection: several commands written at once, their
answers read back in order.

aiosmtplib (5.1.3) reads one answer per command: its protocol drops bytes that arrive while no
command awaits an answer, and parses only the first answer of what it has buffered. So a group
of pipelined answers (MAIL, RCPT, RCPT, DATA arriving in one packet) would be lost. No
maintained Python library offers pipelined asynchronous SMTP (docs/architecture.md), hence this
small subclass of aiosmtplib's protocol: while a group is outstanding it parses *every* answer
it receives into a queue, with aiosmtplib's own parser; otherwise it is aiosmtplib's protocol,
unchanged.

The hook: aiosmtplib builds its ``SMTPProtocol`` inside a private method, so ``install`` turns
the connection's protocol into this subclass (``__class__``) once it is connected; the subclass
adds methods and class-level defaults only, no state of its own at construction.
tests/sending/test_pipelining.py checks the aiosmtplib internals relied on here, so a new
aiosmtplib that changes them fails loudly there rather than losing answers.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Sequence

import aiosmtplib
from aiosmtplib.protocol import COMMAND_INJECTION_REGEX, MAX_RESPONSE_LENGTH, SMTPProtocol
from aiosmtplib.response import SMTPResponse


class PipeliningProtocol(SMTPProtocol):
    """aiosmtplib's protocol plus ``pipeline``: see the module docstring."""

    # Class-level defaults: ``install`` changes the class of a protocol already built.
    _collecting = False
    _answers: deque[SMTPResponse]
    _answer_waiter: asyncio.Future[None] | None = None
    _failure: BaseException | None = None

    def data_received(self, data: bytes) -> None:
        if not self._collecting:
            super().data_received(data)
            return
        self._buffer.extend(data)
        try:
            while (answer := self._read_response_from_buffer()) is not None:
                self._answers.append(answer)
            if len(self._buffer) > MAX_RESPONSE_LENGTH:  # what is left is one partial answer
                raise aiosmtplib.SMTPResponseException(-1, "Response too long")
        except Exception as error:  # a malformed answer: the group fails with it
            self._failure = error
        self._wake()

    def connection_lost(self, exc: Exception | None) -> None:
        super().connection_lost(exc)
        if self._collecting and self._failure is None:
            self._failure = aiosmtplib.SMTPServerDisconnected("Connection lost")
        self._wake()

    @property
    def failure(self) -> BaseException | None:
        """Why the last group's answers were cut short (None when they were not)."""
        return self._failure

    def _wake(self) -> None:
        if self._answer_waiter is not None and not self._answer_waiter.done():
            self._answer_waiter.set_result(None)

    async def pipeline(self, commands: Sequence[bytes], timeout: float) -> list[SMTPResponse]:
        """Write ``commands`` (each without its CRLF) in one write and return their answers
        in order. Fewer answers than commands means the connection was lost (or an answer was
        malformed) after the last one returned (``failure`` says which); no answer at all
        raises, as aiosmtplib does.
        Waits at most ``timeout`` seconds for each answer (SMTPReadTimeoutError)."""
        for command in commands:
            if COMMAND_INJECTION_REGEX.search(command):
                raise ValueError("Command contains a prohibited control character")
        if self._command_lock is None:
            raise aiosmtplib.SMTPServerDisconnected("Server not connected")
        async with self._command_lock:
            self._answers, self._failure, self._collecting = deque(), None, True
            try:
                self.write(b"".join(command + b"\r\n" for command in commands))
                return await self._collect(len(commands), timeout)
            finally:
                self._collecting, self._answer_waiter = False, None

    async def _collect(self, count: int, timeout: float) -> list[SMTPResponse]:
        answers: list[SMTPResponse] = []
        while len(answers) < count:
            if self._answers:
                answers.append(self._answers.popleft())
                continue
            if self._failure is not None:
                if not answers:
                    raise self._failure
                return answers
            self._answer_waiter = self._loop.create_future()
            try:
                await asyncio.wait_for(self._answer_waiter, timeout)
            except TimeoutError as error:
                raise aiosmtplib.SMTPReadTimeoutError(
                    "Timed out waiting for pipelined answers"
                ) from error
        return answers


def install(smtp: aiosmtplib.SMTP) -> PipeliningProtocol:
    """Make the protocol of the connected ``smtp`` a PipeliningProtocol (module docstring)."""
    protocol = smtp.protocol
    if protocol is None:
        raise aiosmtplib.SMTPServerDisconnected("Server not connected")
    if type(protocol) is SMTPProtocol:
        protocol.__class__ = PipeliningProtocol
    if not isinstance(protocol, PipeliningProtocol):
        raise TypeError(f"cannot pipeline over {type(protocol).__name__}")
    return protocol

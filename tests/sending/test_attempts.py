"""Attempts are counted across runs (issue 15 §6): a message that keeps getting 4xx is not
retried afresh by every run; after ``max_attempts`` in all it is ``failed`` with the last
answer. Against a real aiosmtpd server."""

from __future__ import annotations

import asyncio
import contextlib
import time

from sqlalchemy import select

from circular.ledger import Ledger, Message, MessageStatus
from circular.sending.outbox import SendOptions, send, send_messages
from circular.sending.smtp import SmtpConfig
from circular.settings import Security
from tests.servers.smtp_server import Faults, RecordingHandler, smtp_server
from tests.support.outbox_helpers import add_contacts, letters_for


def _row(ledger: Ledger, contact_id: int) -> Message:
    with ledger.session() as session:
        row = session.scalar(select(Message).where(Message.contact_id == contact_id))
        assert row is not None
        return row


async def _interrupted(ledger: Ledger, messages: list, smtp: SmtpConfig, options: SendOptions):  # type: ignore[no-untyped-def]
    """A run stopped (as a killed process or a Prefect timeout stops it) while it waits to
    retry: the row is given back ``pending`` for a later run."""
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(send_messages(ledger, messages, smtp, options), timeout=0.5)


def test_attempts_add_up_across_runs_and_end_in_failed(ledger: Ledger) -> None:
    [contact] = add_contacts(ledger, 1)
    messages = letters_for([contact])
    address = messages[0].to.email
    options = SendOptions(connections=1, retry_delay=1.0, max_attempts=2)
    handler = RecordingHandler(Faults(temporary={address: 99}))
    with smtp_server(handler) as (server, _):
        smtp = SmtpConfig("127.0.0.1", server.port, security=Security.NONE)
        asyncio.run(_interrupted(ledger, messages, smtp, options))
        first = _row(ledger, contact)
        assert (first.status, first.attempts) == (MessageStatus.PENDING, 1)
        time.sleep(1.1)  # the retry time the first run set has come
        report = send(ledger, messages, smtp, options)
    row = _row(ledger, contact)
    assert report.failed == ["contact-0"]
    assert handler.attempts[address] == 2  # not 1 + a fresh 2
    assert row.status == MessageStatus.FAILED and row.attempts == 2
    assert row.last_smtp_code == 451 and "gave up after 2 attempts" in row.last_smtp_answer

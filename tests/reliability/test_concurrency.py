"""Scale-out on one ledger, on SQLite and on PostgreSQL: two sender processes on the same
campaign, and two campaigns sending while two polls overlap.

Claims are ``circular.sending.claims.claim`` (one conditional UPDATE per letter as its send starts);
the claim race itself is tested in tests/sending/test_claims.py, and three sender threads in one
process in tests/sending/test_outbox.py. Here the whole sender runs twice at once, in two processes,
against one SMTP server, and the server's count is what is checked."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from pydantic import SecretStr
from sqlalchemy import func, select

from circular.ledger import Ledger, Message, MessageStatus, Reply
from circular.replies.inbox import ImapConfig, Poller, PollResult
from circular.sending.outbox import SendOptions, SendReport, send
from circular.sending.smtp import SmtpConfig
from circular.settings import Security
from tests.servers.dovecot import ImapAccount
from tests.servers.smtp_server import smtp_server
from tests.support.inbox_support import RENDEZVOUS, reply_bytes
from tests.support.outbox_helpers import add_contacts, letters_for

pytestmark = pytest.mark.both_databases

ROOT = Path(__file__).resolve().parents[2]
LETTERS = 400
ROUNDS = 2


def statuses(ledger: Ledger, campaign: str | None = None) -> dict[str, int]:
    """How many messages are in each status (of ``campaign``, or all)."""
    query = select(Message.status, func.count(Message.id)).group_by(Message.status)
    if campaign is not None:
        query = query.where(Message.campaign == campaign)
    with ledger.session() as session:
        return {str(status): count for status, count in session.execute(query)}


@pytest.mark.slow
def test_two_sender_processes_on_one_campaign_send_each_letter_once(ledger: Ledger) -> None:
    splits = []
    for round_ in range(ROUNDS):
        campaign = f"cl-2{round_}-1"
        add_contacts(ledger, LETTERS, campaign=campaign)
        with smtp_server() as (server, handler):
            command = [
                sys.executable,
                "-m",
                "tests.support.send_driver",
                ledger.url,
                str(server.port),
            ]
            senders = [
                subprocess.Popen(
                    [*command, campaign],
                    cwd=ROOT,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    text=True,
                )
                for _ in range(2)
            ]
            outputs = [sender.communicate(timeout=300) for sender in senders]
        for sender, (_out, err) in zip(senders, outputs, strict=True):
            assert sender.returncode == 0, err
        reports = [json.loads(out) for out, _err in outputs]
        counts = handler.message_ids()
        assert len(counts) == LETTERS, f"{LETTERS - len(counts)} letters never received"
        assert set(counts.values()) == {1}, "a letter was received twice"
        assert sum(r["sent"] for r in reports) == LETTERS
        assert statuses(ledger, campaign) == {MessageStatus.SENT.value: LETTERS}
        splits.append([r["sent"] for r in reports])
    print(f"\ntwo sender processes, {LETTERS} letters, {ROUNDS} rounds: sent by each {splits}")


def test_two_campaigns_sending_while_two_polls_overlap(
    ledger: Ledger, imap_account: ImapAccount
) -> None:
    campaigns = {"cl-21-4": 120, "cl-22-7": 80}
    messages = {
        name: letters_for(add_contacts(ledger, n, campaign=name), campaign=name)
        for name, n in campaigns.items()
    }
    replies = 40
    for n in range(replies):
        imap_account.deliver(reply_bytes(sender=f"cabinet{n}@gov{n}.example", kind="accept"))
    config = ImapConfig(
        host=imap_account.host,
        port=imap_account.port,
        username=imap_account.user,
        password=SecretStr(imap_account.password),
        security=Security.NONE,
    )
    options = SendOptions(connections=3, retry_delay=0.05)
    reports: list[SendReport] = []
    polls: list[PollResult] = []
    errors: list[BaseException] = []
    RENDEZVOUS.arm(2)  # the two polls meet at their first message: they overlap for certain
    try:
        with smtp_server() as (server, handler):
            smtp = SmtpConfig("127.0.0.1", server.port, security=Security.NONE)

            def guarded(work: object) -> threading.Thread:
                def run() -> None:
                    try:
                        work()  # type: ignore[operator]
                    except BaseException as error:
                        errors.append(error)

                return threading.Thread(target=run)

            threads = [
                *(
                    guarded(lambda items=items: reports.append(send(ledger, items, smtp, options)))
                    for items in messages.values()
                ),
                *(
                    guarded(
                        lambda: polls.append(Poller(ledger, config, RENDEZVOUS.classify).poll())
                    )
                    for _ in range(2)
                ),
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=300)
            assert not any(thread.is_alive() for thread in threads), "a sender or poll hung"
    finally:
        RENDEZVOUS.disarm()
    assert errors == []
    counts = handler.message_ids()
    assert set(counts.values()) == {1}, "a letter was received twice"
    assert len(counts) == sum(campaigns.values())
    for name, n in campaigns.items():
        assert statuses(ledger, name) == {MessageStatus.SENT.value: n}
    assert sum(r.sent for r in reports) == sum(campaigns.values())
    assert sum(p.processed for p in polls) == replies  # each reply recorded by one poll
    assert sum(p.fetched for p in polls) == 2 * replies  # both polls saw every reply
    with ledger.session() as session:
        uids = session.scalars(select(Reply.uid)).all()
    assert sorted(uids) == list(range(1, replies + 1))

"""The ``poll-replies`` Prefect flow against the real Prefect test server and Dovecot.

The classifier is the stand-in of tests/support/inbox_support.py (``X-Test-Kind`` header), wrapped
so
that the two flow runs are sure to overlap: both hold the same messages before either records
one."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from circular.ledger import Ledger, Message, Reply
from flows.poll import poll_replies
from tests.servers.dovecot import ImapAccount
from tests.servers.smtp_server import smtp_server
from tests.support.followup_support import copy_campaign, open_every_day
from tests.support.inbox_support import RENDEZVOUS, add_letter, reply_bytes

pytestmark = [pytest.mark.prefect, pytest.mark.dovecot]


@pytest.fixture
def mailbox_env(imap_account: ImapAccount, monkeypatch: pytest.MonkeyPatch) -> ImapAccount:
    """The CIRCULAR_IMAP_* settings of the test account."""
    monkeypatch.setenv("CIRCULAR_IMAP_HOST", imap_account.host)
    monkeypatch.setenv("CIRCULAR_IMAP_PORT", str(imap_account.port))
    monkeypatch.setenv("CIRCULAR_IMAP_USERNAME", imap_account.user)
    monkeypatch.setenv("CIRCULAR_IMAP_PASSWORD", imap_account.password)
    monkeypatch.setenv("CIRCULAR_IMAP_SECURITY", "none")
    return imap_account


def test_two_overlapping_flow_runs_process_each_message_once(
    prefect_server: None, ledger: Ledger, mailbox_env: ImapAccount, tmp_path: Path
) -> None:
    with ledger.session() as session:
        letter = add_letter(session, "FRA", "ministre@gouv.example")
        message_id = letter.message_id
    count = 10
    for number in range(count):
        kind = ["accept", "decline"][number % 2]
        mailbox_env.deliver(
            reply_bytes(sender="ministre@gouv.example", kind=kind, in_reply_to=message_id)
        )
    RENDEZVOUS.arm(2)
    results: list[dict[str, Any]] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            results.append(
                poll_replies(
                    database_url=ledger.url,
                    classifier="tests.support.inbox_support:rendezvous_classifier",
                )
            )
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=run) for _ in range(2)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        RENDEZVOUS.disarm()

    assert errors == []
    assert [r["fetched"] for r in results] == [count, count]
    assert sum(r["processed"] for r in results) == count
    assert sum(r["skipped"] for r in results) == count
    with ledger.session() as session:
        assert session.scalar(select(func.count(Reply.id))) == count
    assert mailbox_env.folder_uids("INBOX") == {}

    again = poll_replies(
        database_url=ledger.url, classifier="tests.support.inbox_support:header_classifier"
    )
    assert (again["fetched"], again["processed"]) == (0, 0)


def test_an_acceptance_is_acknowledged_by_the_poll_that_records_it(
    prefect_server: None,
    ledger: Ledger,
    mailbox_env: ImapAccount,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    campaign = copy_campaign(tmp_path)
    assert campaign.folder is not None
    open_every_day(campaign.folder)  # acknowledgements wait on the secretariat's days off
    with ledger.session() as session:
        letter = add_letter(session, "ESP", "ministra@gob.example")
        message_id = letter.message_id
    mailbox_env.deliver(
        reply_bytes(sender="ministra@gob.example", kind="accept", in_reply_to=message_id)
    )
    with smtp_server() as (server, handler):
        for name, value in {
            "CIRCULAR_LETTERS_DIR": str(tmp_path / "letters"),
            "CIRCULAR_OUT_DIR": str(tmp_path / "out"),
            "CIRCULAR_SMTP_HOST": "127.0.0.1",
            "CIRCULAR_SMTP_PORT": str(server.port),
            "CIRCULAR_SMTP_SECURITY": "none",
        }.items():
            monkeypatch.setenv(name, value)
        classifier = "tests.support.inbox_support:header_classifier"
        first = poll_replies(database_url=ledger.url, classifier=classifier)
        received_after_first = len(handler.received)
        again = poll_replies(database_url=ledger.url, classifier=classifier)
    print(f"poll 1: recorded {first['processed']}, acknowledged {first['acknowledged']}")
    print(f"poll 2: recorded {again['processed']}, acknowledged {again['acknowledged']}")
    assert (first["processed"], first["acknowledged"]) == (1, 1)
    assert received_after_first == 1 and handler.received[0].rcpt_tos == ("ministra@gob.example",)
    with ledger.session() as session:
        ack = session.scalars(select(Message).where(Message.kind == "ack")).one()
        print(f"ack {ack.message_id} {ack.status} at {ack.sent_at:%H:%M:%S}")
        assert ack.status == "sent"
    assert (again["acknowledged"], len(handler.received)) == (0, 1)  # once

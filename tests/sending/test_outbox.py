"""Sending against a real aiosmtpd server on 127.0.0.1 with injected faults: every letter
exactly once, retries only before the server could have taken the message."""

from __future__ import annotations

import threading
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from circular.ledger import Ledger, Message, MessageStatus, utcnow
from circular.sending.claims import reconcile
from circular.sending.outbox import SendOptions, send, write_previews
from circular.sending.smtp import SmtpConfig, SmtpSetupError
from circular.settings import Security
from tests.servers.smtp_server import (
    Faults,
    RecordingHandler,
    make_test_tls,
    smtp_server,
)
from tests.support.outbox_helpers import add_contacts, letter, letters_for

FAST = SendOptions(connections=3, retry_delay=0.05)


def plain(port: int, **kwargs: object) -> SmtpConfig:
    """A plain connection to the local test server."""
    return SmtpConfig("127.0.0.1", port, security=Security.NONE, **kwargs)  # type: ignore[arg-type]


def rows(ledger: Ledger) -> dict[int, Message]:
    """Message rows by contact id."""
    with ledger.session() as session:
        return {m.contact_id: m for m in session.scalars(select(Message))}


def addr(n: int) -> str:
    return f"minister-{n}@country{n}.example"


def test_every_letter_once_and_a_second_run_sends_nothing(ledger: Ledger) -> None:
    ids = add_contacts(ledger, 12)
    messages = letters_for(ids)
    with smtp_server() as (server, handler):
        first = send(ledger, messages, plain(server.port), FAST)
        again = send(ledger, messages, plain(server.port), FAST)
    assert first.sent == 12 and again.sent == 0 and again.already_done == 12
    counts = handler.message_ids()
    assert len(counts) == 12 and set(counts.values()) == {1}
    book = rows(ledger)
    assert {m.message_id for m in book.values()} == set(counts)
    assert all(m.status == MessageStatus.SENT and m.sent_at for m in book.values())
    # Envelope: To and Cc are recipients; the Message-ID's token is the ledger's.
    received = {r.message_id: r for r in handler.received}
    for contact_id, n in zip(ids, range(12), strict=True):
        got = received[book[contact_id].message_id]
        assert got.rcpt_tos == (addr(n), f"cabinet-{n}@country{n}.example")
        assert book[contact_id].token in got.message_id


def test_temporary_answers_and_drops_before_data_are_retried(ledger: Ledger) -> None:
    ids = add_contacts(ledger, 6)
    faults = Faults(
        temporary={addr(1): 2},
        close_421={addr(2): 1},
        drop_at_rcpt={addr(3): 1},
    )
    with smtp_server(RecordingHandler(faults)) as (server, handler):
        report = send(ledger, letters_for(ids), plain(server.port), FAST)
    assert report.sent == 6 and not report.failed and not report.unknown
    assert set(handler.message_ids().values()) == {1}
    book = rows(ledger)
    assert book[ids[1]].attempts == 3 and handler.attempts[addr(1)] == 3
    assert book[ids[2]].attempts >= 2 and handler.attempts[addr(2)] == 2
    assert handler.attempts[addr(3)] == 2
    assert book[ids[0]].attempts == 1


def test_retries_run_out_into_a_failure_with_the_answer(ledger: Ledger) -> None:
    ids = add_contacts(ledger, 2)
    faults = Faults(temporary={addr(0): 99})
    options = SendOptions(connections=1, retry_delay=0.01, max_attempts=3)
    with smtp_server(RecordingHandler(faults)) as (server, handler):
        report = send(ledger, letters_for(ids), plain(server.port), options)
    assert report.failed == ["contact-0"] and report.sent == 1
    row = rows(ledger)[ids[0]]
    assert row.status == MessageStatus.FAILED and row.attempts == 3
    assert row.last_smtp_code == 451 and "gave up after 3 attempts" in row.last_smtp_answer
    assert handler.attempts[addr(0)] == 3


def test_unknown_user_is_a_permanent_failure_never_retried(ledger: Ledger) -> None:
    ids = add_contacts(ledger, 3)
    faults = Faults(rcpt={addr(1): "550 5.1.1 <minister-1@country1.example>: unknown user"})
    with smtp_server(RecordingHandler(faults)) as (server, handler):
        report = send(ledger, letters_for(ids), plain(server.port), FAST)
        send(ledger, letters_for(ids), plain(server.port), FAST)
    assert report.failed == ["contact-1"] and report.sent == 2
    row = rows(ledger)[ids[1]]
    assert row.status == MessageStatus.FAILED and row.last_smtp_code == 550
    assert "unknown user" in row.last_smtp_answer
    assert handler.attempts[addr(1)] == 1
    assert len(handler.received) == 2


def test_partial_refusal_of_cc_is_recorded(ledger: Ledger) -> None:
    ids = add_contacts(ledger, 2)
    faults = Faults(rcpt={"cabinet-1@country1.example": "550 5.1.1 mailbox unavailable"})
    with smtp_server(RecordingHandler(faults)) as (server, handler):
        report = send(ledger, letters_for(ids), plain(server.port), FAST)
    assert report.sent == 2
    assert report.refused_cc == {
        "contact-1": {"cabinet-1@country1.example": "550 5.1.1 mailbox unavailable"}
    }
    row = rows(ledger)[ids[1]]
    assert row.status == MessageStatus.SENT
    assert row.refused == {"cabinet-1@country1.example": "550 5.1.1 mailbox unavailable"}
    [got] = [r for r in handler.received if r.message_id == row.message_id]
    assert got.rcpt_tos == (addr(1),)


def test_a_drop_after_the_message_is_unknown_and_never_resent(ledger: Ledger) -> None:
    ids = add_contacts(ledger, 3)
    faults = Faults(drop_after_data={addr(1)})
    with smtp_server(RecordingHandler(faults)) as (server, handler):
        report = send(ledger, letters_for(ids), plain(server.port), FAST)
        again = send(ledger, letters_for(ids), plain(server.port), FAST)
    assert report.unknown == ["contact-1"] and report.sent == 2 and again.sent == 0
    row = rows(ledger)[ids[1]]
    assert row.status == MessageStatus.UNKNOWN and "no answer" in row.last_smtp_answer
    assert handler.message_ids()[row.message_id] == 1  # the server did take it, once


def test_a_server_slower_than_the_timeout(ledger: Ledger) -> None:
    ids = add_contacts(ledger, 3)
    # Slow at RCPT (before DATA): retried. Slow after the message: ambiguous, unknown.
    faults = Faults(slow_rcpt={addr(0): 1}, slow_after_data={addr(2)}, delay=1.5)
    options = SendOptions(connections=1, retry_delay=0.01)
    with smtp_server(RecordingHandler(faults)) as (server, handler):
        report = send(ledger, letters_for(ids), plain(server.port, timeout=0.5), options)
    book = rows(ledger)
    assert book[ids[0]].status == MessageStatus.SENT and book[ids[0]].attempts == 2
    assert book[ids[1]].status == MessageStatus.SENT
    assert book[ids[2]].status == MessageStatus.UNKNOWN
    assert report.unknown == ["contact-2"]
    assert set(handler.message_ids().values()) == {1}


def test_a_letter_that_cannot_be_built_fails_alone(ledger: Ledger) -> None:
    ids = add_contacts(ledger, 3)
    messages = letters_for(ids)
    messages[1] = letter(ids[1], 1, to="minister@esp.example\r\nBcc: spy@evil.example")
    with smtp_server() as (server, handler):
        report = send(ledger, messages, plain(server.port), FAST)
    assert report.failed == ["contact-1"] and report.sent == 2
    row = rows(ledger)[ids[1]]
    assert row.status == MessageStatus.FAILED and "not a valid e-mail address" in (
        row.last_smtp_answer
    )
    assert all("spy@evil.example" not in r.rcpt_tos for r in handler.received)
    assert all(b"spy@evil.example" not in r.data for r in handler.received)


def test_starttls_verified_against_the_test_ca_and_login(ledger: Ledger, tmp_path: Path) -> None:
    context, ca_file = make_test_tls(tmp_path / "certs")
    ids = add_contacts(ledger, 3)
    secret = "s3cret-Passw0rd"
    with smtp_server(starttls=context, login=("circular", secret)) as (server, handler):
        good = SmtpConfig(
            "127.0.0.1",
            server.port,
            security=Security.STARTTLS,
            ca_file=ca_file,
            username="circular",
            password=secret,  # type: ignore[arg-type]
        )
        # Without the test CA the certificate cannot be verified: refused, nothing sent.
        with pytest.raises(SmtpSetupError, match="TLS") as unverified:
            send(ledger, letters_for(ids), SmtpConfig(**{**good.__dict__, "ca_file": None}), FAST)
        assert secret not in str(unverified.value)
        wrong = SmtpConfig(**{**good.__dict__, "password": "wrong-" + secret})
        with pytest.raises(SmtpSetupError, match="login") as refused:
            send(ledger, letters_for(ids), wrong, FAST)
        assert secret not in str(refused.value) and secret not in repr(refused.value)
        assert not handler.received
        assert {m.status for m in rows(ledger).values()} == {MessageStatus.PENDING}
        report = send(ledger, letters_for(ids), good, FAST)
    assert report.sent == 3 and len(handler.received) == 3


def test_implicit_tls(ledger: Ledger, tmp_path: Path) -> None:
    context, ca_file = make_test_tls(tmp_path / "certs")
    ids = add_contacts(ledger, 2)
    with smtp_server(implicit_tls=context) as (server, handler):
        config = SmtpConfig("127.0.0.1", server.port, security=Security.TLS, ca_file=ca_file)
        report = send(ledger, letters_for(ids), config, FAST)
    assert report.sent == 2 and len(handler.received) == 2


def test_plain_smtp_only_to_loopback_unless_allowed() -> None:
    with pytest.raises(SmtpSetupError, match="CIRCULAR_SMTP_ALLOW_PLAIN"):
        SmtpConfig("smtp.itu.example", 25, security=Security.NONE).check()
    SmtpConfig("smtp.itu.example", 25, security=Security.NONE, allow_plain=True).check()
    SmtpConfig("::1", 25, security=Security.NONE).check()
    SmtpConfig("localhost", 25, security=Security.NONE).check()


def _max_in_window(times: list[float], window: float) -> int:
    times = sorted(times)
    start, best = 0, 0
    for end, moment in enumerate(times):
        while moment - times[start] >= window:
            start += 1
        best = max(best, end - start + 1)
    return best


@pytest.mark.slow
def test_rate_limit_is_never_exceeded_as_the_server_counts(ledger: Ledger) -> None:
    ids = add_contacts(ledger, 25)
    # 10 per (shortened) 1-second window over 4 connections.
    options = SendOptions(connections=4, per_minute=10, rate_window=1.0)
    with smtp_server() as (server, handler):
        report = send(ledger, letters_for(ids), plain(server.port), options)
    assert report.sent == 25
    assert _max_in_window([r.at for r in handler.received], 1.0) <= 10


def test_daily_quota_stops_the_run_and_counts_across_runs(ledger: Ledger) -> None:
    ids = add_contacts(ledger, 8)
    # Each letter goes to two recipients (To and Cc): the quota counts recipients.
    options = SendOptions(connections=2, per_day=10)
    with smtp_server() as (server, handler):
        first = send(ledger, letters_for(ids), plain(server.port), options)
        second = send(ledger, letters_for(ids), plain(server.port), options)
    assert first.sent == 5 and first.left_pending == 3
    assert first.quota_resume_at is not None and first.quota_resume_at > utcnow()
    assert first.quota_resume_at - utcnow() <= timedelta(days=1)
    assert second.sent == 0 and second.quota_resume_at == first.quota_resume_at
    assert len(handler.received) == 5
    statuses = Counter(m.status for m in rows(ledger).values())
    assert statuses == {MessageStatus.SENT: 5, MessageStatus.PENDING: 3}
    # The unsent keep their claim count at zero: they were never tried.
    assert all(m.attempts == 0 for m in rows(ledger).values() if m.status == "pending")


def test_limit_sends_the_first_n(ledger: Ledger) -> None:
    ids = add_contacts(ledger, 6)
    with smtp_server() as (server, handler):
        report = send(ledger, letters_for(ids), plain(server.port), SendOptions(limit=2))
    assert report.sent == 2 and report.left_pending == 4
    book = rows(ledger)
    assert [book[i].status for i in ids[:3]] == ["sent", "sent", "pending"]
    assert len(handler.received) == 2


def test_concurrent_senders_never_send_a_letter_twice(ledger: Ledger) -> None:
    ids = add_contacts(ledger, 60)
    messages = letters_for(ids)
    reports = []
    with smtp_server() as (server, handler):

        def run() -> None:
            reports.append(send(ledger, messages, plain(server.port), FAST))

        threads = [threading.Thread(target=run) for _ in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    counts = handler.message_ids()
    assert len(counts) == 60 and set(counts.values()) == {1}
    assert sum(r.sent for r in reports) == 60


def test_a_letter_left_sending_by_a_dead_process_becomes_unknown(ledger: Ledger) -> None:
    ids = add_contacts(ledger, 3)
    messages = letters_for(ids)
    with smtp_server() as (server, handler):
        send(ledger, messages[:1], plain(server.port), FAST)
        # Simulate a crash: a row claimed by a process that no longer exists.
        with ledger.session() as session:
            row = session.scalar(select(Message).where(Message.contact_id == ids[0]))
            assert row is not None
            row.status, row.claimed_by = MessageStatus.SENDING, "elsewhere:1:dead"
            row.claimed_at = utcnow() - timedelta(hours=2)
        # A claim that may still be alive (recent, other host) is left alone.
        assert reconcile(ledger, "cl-21-4", stale_after=3 * 3600).still_sending == 1
        report = send(ledger, messages, plain(server.port), FAST)
    assert report.reconciled is not None
    assert len(report.reconciled.unknown) == 1 and report.sent == 2
    assert rows(ledger)[ids[0]].status == MessageStatus.UNKNOWN
    assert len(handler.received) == 3  # the first letter was not sent again


def test_dry_run_writes_eml_files_and_sends_nothing(ledger: Ledger, tmp_path: Path) -> None:
    ids = add_contacts(ledger, 3)
    paths = write_previews(letters_for(ids), tmp_path / "out", ledger=ledger)
    assert sorted(p.name for p in paths) == [f"contact-{n}.invitation.eml" for n in range(3)]
    assert b"Subject: =?utf-8?" in paths[0].read_bytes()
    assert not rows(ledger)


@pytest.mark.dovecot
def test_sent_copies_go_to_the_sent_folder_and_settle_a_crash(ledger: Ledger, imap_account) -> None:  # type: ignore[no-untyped-def]
    from pydantic import SecretStr

    from circular.sending.outbox import prepare
    from circular.sending.sent_folder import ImapConfig, SentFolder

    sent_folder = SentFolder(
        ImapConfig(
            host="127.0.0.1",
            port=imap_account.port,
            username=imap_account.user,
            password=SecretStr(imap_account.password),
            folder="Sent",
            security=Security.NONE,
        )
    )
    imap_account.doveadm("mailbox", "create", "Sent")  # never created by circular
    ids = add_contacts(ledger, 4)
    messages = letters_for(ids)
    with smtp_server() as (server, handler):
        report = send(ledger, messages[:2], plain(server.port), FAST, sent_folder=sent_folder)
        assert report.sent == 2
        assert len(imap_account.folder_uids("Sent")) == 2
        # Two crashed sends: letter 0 went out (its copy is in Sent), letter 3 did not get
        # that far. Only the copy in Sent proves a send.
        prepare(ledger, messages)
        with ledger.session() as session:
            for contact_id in (ids[0], ids[3]):
                row = session.scalar(select(Message).where(Message.contact_id == contact_id))
                assert row is not None
                row.status, row.claimed_by = MessageStatus.SENDING, "elsewhere:1:dead"
                row.claimed_at = utcnow() - timedelta(hours=2)
        again = send(ledger, messages, plain(server.port), FAST, sent_folder=sent_folder)
    sent_folder.close()
    assert again.reconciled is not None
    book = rows(ledger)
    assert again.reconciled.sent == (book[ids[0]].message_id,)
    assert again.reconciled.unknown == (book[ids[3]].message_id,)
    assert book[ids[0]].status == MessageStatus.SENT
    assert book[ids[3]].status == MessageStatus.UNKNOWN
    assert again.sent == 1  # letter 2 only; 0 and 1 are not sent again, 3 waits for a person
    assert len(handler.received) == 3 and set(handler.message_ids().values()) == {1}
    assert len(imap_account.folder_uids("Sent")) == 3


def test_an_unreachable_server_stops_the_run_and_fails_no_letter(ledger: Ledger) -> None:
    from circular.sending.smtp import SmtpUnavailable
    from tests.servers.smtp_server import free_port

    ids = add_contacts(ledger, 3)
    with pytest.raises(SmtpUnavailable, match=r"cannot connect to SMTP server 127\.0\.0\.1"):
        send(ledger, letters_for(ids), plain(free_port()), FAST)
    book = rows(ledger)
    assert {m.status for m in book.values()} == {MessageStatus.PENDING}
    assert all(m.attempts == 0 for m in book.values())


def test_a_server_that_demands_starttls_is_a_setup_error(ledger: Ledger, tmp_path: Path) -> None:
    context, _ca_file = make_test_tls(tmp_path / "certs")
    ids = add_contacts(ledger, 2)
    with (
        smtp_server(starttls=context) as (server, handler),
        pytest.raises(SmtpSetupError, match=r"530 .*CIRCULAR_SMTP_SECURITY"),
    ):
        send(ledger, letters_for(ids), plain(server.port), FAST)
    assert {m.status for m in rows(ledger).values()} == {MessageStatus.PENDING}
    assert not handler.received

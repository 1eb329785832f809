"""The poll records a batch of messages in one transaction, fetches and files on its own IMAP
thread, and matches on the headers before parsing whole messages (issue 20): the same outcome
as one message at a time, against a real Dovecot."""

from __future__ import annotations

import email.policy
from email.parser import BytesHeaderParser, BytesParser

import pytest

import circular.replies.inbox
from circular.ledger import Ledger, MailboxState, Reply
from circular.replies.inbox import KEPT, Poller
from circular.replies.matching import Matcher, MatchMethod
from tests.replies.test_inbox import config_for, replies
from tests.servers.dovecot import ImapAccount
from tests.support.inbox_support import add_letter, header_classifier, reply_bytes

pytestmark = pytest.mark.dovecot


@pytest.fixture
def letter(ledger: Ledger) -> str:
    """One sent letter's Message-ID."""
    with ledger.session() as session:
        return add_letter(session, "FRA", "ministre@gouv.example").message_id


def test_batches_record_every_message_once_and_file_it(
    ledger: Ledger, imap_account: ImapAccount, letter: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(circular.replies.inbox, "FETCH_BATCH", 4)
    monkeypatch.setattr(circular.replies.inbox, "FILE_EVERY", 5)  # filed after batches 2, 4
    kinds = ["accept", "decline", "other", "auto_reply"] * 3
    twice = reply_bytes(sender="ministre@gouv.example", kind="accept", in_reply_to=letter)
    for kind in kinds:
        imap_account.deliver(
            reply_bytes(sender="ministre@gouv.example", kind=kind, in_reply_to=letter)
        )
    imap_account.deliver(twice)  # UID 13 and 14: the same message twice, in one batch
    imap_account.deliver(twice)
    config = config_for(imap_account)

    result = Poller(ledger, config, header_classifier).poll()

    assert (result.fetched, result.processed, result.skipped) == (14, 13, 1)
    assert imap_account.folder_uids("INBOX") == {}
    assert len(imap_account.folder_uids("Circular/Accepted")) == 5  # the copy beside the first
    rows = replies(ledger)
    assert [r.uid for r in rows] == list(range(1, 14))
    assert [r.kind for r in rows] == [*kinds, "accept"]
    assert all(r.matched_message_id is not None and r.filed_to for r in rows)
    with ledger.session() as session:
        state = session.get(MailboxState, config.mailbox_key)
        assert state is not None and state.last_uid == 14
    assert Poller(ledger, config, header_classifier).poll().fetched == 0


def test_a_batch_whose_insert_conflicts_is_recorded_one_at_a_time(
    ledger: Ledger, imap_account: ImapAccount, letter: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = config_for(imap_account)
    assert Poller(ledger, config, header_classifier).poll().fetched == 0  # the state row
    with ledger.session() as session:
        state = session.get(MailboxState, config.mailbox_key)
        assert state is not None
        # What an overlapping poll recorded for UID 2 where this one's check missed it (as on
        # a database without SQLite's write lock).
        session.add(
            Reply(
                mailbox=config.mailbox_key,
                uidvalidity=state.uidvalidity,
                uid=2,
                kind="other",
                filed_to=KEPT,  # not for this poll to file
            )
        )
    for kind in ["accept", "decline", "accept"]:
        imap_account.deliver(
            reply_bytes(sender="ministre@gouv.example", kind=kind, in_reply_to=letter)
        )
    known = Poller._known

    def blind_to_uids(self: Poller, session: object, readings: list) -> tuple:
        return set(), known(self, session, readings)[1]  # type: ignore[arg-type]

    monkeypatch.setattr(Poller, "_known", blind_to_uids)

    result = Poller(ledger, config, header_classifier).poll()

    assert (result.fetched, result.processed, result.skipped) == (3, 2, 1)
    assert [(r.uid, r.kind) for r in replies(ledger)] == [
        (1, "accept"),
        (2, "other"),
        (3, "accept"),
    ]
    assert sorted(imap_account.folder_uids("INBOX")) == [2]  # the other poll's to file
    assert len(imap_account.folder_uids("Circular/Accepted")) == 2


def test_matching_on_the_headers_finds_what_the_whole_message_would(
    ledger: Ledger, letter: str
) -> None:
    answer = reply_bytes(sender="someone@else.example", kind="accept", in_reply_to=letter)
    bounce = (
        b"From: MAILER-DAEMON@mx.example\r\nTo: circulars@itu.example\r\n"
        b"Subject: Undelivered Mail\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/report; report-type=delivery-status; boundary="B"\r\n\r\n'
        b"--B\r\nContent-Type: text/plain\r\n\r\nUser unknown\r\n"
        b"--B\r\nContent-Type: text/rfc822-headers\r\n\r\n"
        b"Message-ID: " + letter.encode() + b"\r\n\r\n--B--\r\n"
    )
    with ledger.session() as session:
        matcher = Matcher(session)
        for raw, by_headers, method in [
            (answer, True, MatchMethod.REFERENCES),
            (bounce, False, MatchMethod.BOUNCE),  # the letter is named in the body only
        ]:
            headers = BytesHeaderParser(policy=email.policy.default).parsebytes(raw)
            whole = BytesParser(policy=email.policy.default).parsebytes(raw)
            full = matcher.match(whole, is_bounce=True)
            assert full.method == method and full.matched
            found = matcher.match_headers(headers)
            assert found.matched is by_headers
            assert found == (full if by_headers else matcher.match_headers(whole))

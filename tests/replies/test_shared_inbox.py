"""A shared inbox stays the staff's inbox (issue 15 §2): a poll moves only what it matched to
a campaign; staff mail stays in INBOX with its unread state untouched and is not put up for
review; a message naming the campaign's reference but matching no letter goes to review.
Real Dovecot, real classifier."""

from __future__ import annotations

import imaplib
import time
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

import pytest
from sqlalchemy import select

from circular.followups.review import pending_reviews
from circular.ledger import Ledger, Reply, ReplyStatus, utcnow
from circular.replies.classify import classify_message
from circular.replies.inbox import Poller
from circular.replies.matching import default_country_lookup
from tests.replies.test_inbox import config_for
from tests.servers.dovecot import ImapAccount
from tests.support.inbox_support import add_letter

pytestmark = pytest.mark.dovecot

REFERENCES = {"cl-21-4": "CL-21/4"}


def _mail(sender: str, subject: str, body: str, in_reply_to: str = "") -> bytes:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = "wsis-info@itu.example"
    message["Subject"] = subject
    message["Date"] = format_datetime(utcnow())
    message["Message-ID"] = make_msgid(domain="mail.example")
    if in_reply_to:
        message["In-Reply-To"] = in_reply_to
    message.set_content(body)
    return message.as_bytes()


def _append(account: ImapAccount, raw: bytes, flags: str) -> None:
    """Deliver ``raw`` into INBOX already carrying ``flags`` (a message staff have read)."""
    with imaplib.IMAP4("127.0.0.1", account.port) as client:
        client.login(account.user, account.password)
        typ, data = client.append("INBOX", flags, imaplib.Time2Internaldate(time.time()), raw)
        assert typ == "OK", data


def _poller(ledger: Ledger, account: ImapAccount, unmatched: str = "leave") -> Poller:
    return Poller(
        ledger,
        config_for(account),
        classify_message,
        references=REFERENCES,
        country_lookup=default_country_lookup,
        unmatched=unmatched,
    )


@pytest.fixture
def letter_id(ledger: Ledger) -> str:
    with ledger.session() as session:
        return add_letter(session, "FRA", "ministre@gouv.example").message_id


def test_staff_mail_stays_in_inbox_unread_and_out_of_review(
    ledger: Ledger, imap_account: ImapAccount, letter_id: str
) -> None:
    imap_account.deliver(
        _mail(
            "ministre@gouv.example",
            "RE: CL-21/4",
            "The Minister accepts the invitation and will attend.",
            letter_id,
        )
    )
    imap_account.deliver(
        _mail("colleague@itu.example", "Lunch on Friday?", "Shall we have lunch on Friday?")
    )
    _append(
        imap_account,
        _mail("finance@itu.example", "Budget figures", "Attached are the figures."),
        r"(\Seen)",
    )
    imap_account.deliver(
        _mail("someone@mail.example", "About CL-21/4", "Could you send the letter again?")
    )

    result = _poller(ledger, imap_account).poll()

    inbox = imap_account.folder_uids("INBOX")
    assert sorted(inbox) == [2, 3]  # the two staff messages, where they were
    assert "\\Seen" not in inbox[2] and "\\Seen" in inbox[3]  # unread state untouched
    assert len(imap_account.folder_uids("Circular/Accepted")) == 1
    assert len(imap_account.folder_uids("Circular/Needs review")) == 1
    with ledger.session() as session:
        waiting = pending_reviews(session)
        assert [item.subject for item in waiting] == ["About CL-21/4"]
        staff = session.scalars(select(Reply).where(Reply.status == ReplyStatus.NOT_OURS)).all()
        # Only what the poll needs to skip them later: no sender, subject or text kept.
        assert sorted(r.uid for r in staff) == [2, 3]
        assert {(r.from_addr, r.subject, r.text_excerpt) for r in staff} == {("", "", "")}
    assert (result.processed, result.left_in_place, result.needs_review) == (4, 2, 1)

    again = _poller(ledger, imap_account).poll()
    assert again.fetched == 0 and sorted(imap_account.folder_uids("INBOX")) == [2, 3]


def test_unmatched_review_files_everything_as_before(
    ledger: Ledger, imap_account: ImapAccount, letter_id: str
) -> None:
    imap_account.deliver(
        _mail("colleague@itu.example", "Lunch on Friday?", "Shall we have lunch on Friday?")
    )
    result = _poller(ledger, imap_account, unmatched="review").poll()
    assert result.needs_review == 1 and imap_account.folder_uids("INBOX") == {}
    assert len(imap_account.folder_uids("Circular/Needs review")) == 1

"""A contact's status from its replies (circular.replies.outcomes), with the precedence rules."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import count

from sqlalchemy.orm import Session

from circular.ledger import Contact, Ledger, Message, Reply, ReplyKind, ReplyStatus
from circular.replies.matching import NO_MATCH, Match, MatchMethod
from circular.replies.outcomes import (
    ContactStatus,
    Incoming,
    can_mail,
    contact_status,
    decide_reply,
    new_reply,
)
from circular.sending.blocked import blocked_addresses
from tests.support.inbox_support import StandInClassification, add_letter

_uids = count(1)
START = datetime(2021, 2, 10, 9, 0, tzinfo=UTC)


def incoming(day: int) -> Incoming:
    uid = next(_uids)
    return Incoming(
        mailbox="test/INBOX",
        uidvalidity=1,
        uid=uid,
        message_id=f"<{uid}@reply.example>",
        from_addr="ministre@gouv.example",
        subject="Re: CL-21/4",
        received_at=START + timedelta(days=day),
    )


def reply(session: Session, letter: Message, kind: str, day: int, **fields: object) -> Reply:
    """A classified reply to ``letter`` received on day ``day`` of the campaign."""
    match = Match(letter.id, letter.campaign, letter.contact_id, MatchMethod.REFERENCES)
    row = new_reply(incoming(day), StandInClassification(kind=kind, **fields), match)  # type: ignore[arg-type]
    session.add(row)
    session.flush()
    return row


def contact_of(session: Session, letter: Message) -> Contact:
    contact = session.get(Contact, letter.contact_id)
    assert contact is not None
    return contact


def test_no_letter_then_awaiting(ledger: Ledger) -> None:
    with ledger.session() as session:
        letter = add_letter(session, "FRA", "ministre@gouv.example")
        contact = contact_of(session, letter)
        assert contact_status(session, contact) == ContactStatus.AWAITING
        letter.status = "pending"
        session.flush()
        assert contact_status(session, contact) == ContactStatus.NOT_SENT


def test_a_human_reply_beats_an_auto_reply_even_a_later_one(ledger: Ledger) -> None:
    with ledger.session() as session:
        letter = add_letter(session, "FRA", "ministre@gouv.example")
        contact = contact_of(session, letter)
        reply(session, letter, "auto_reply", day=1)
        assert contact_status(session, contact) == ContactStatus.AUTO_REPLY
        reply(session, letter, "accept", day=2)
        reply(session, letter, "auto_reply", day=3)
        assert contact_status(session, contact) == ContactStatus.ACCEPTED


def test_the_latest_human_reply_wins_by_date_received(ledger: Ledger) -> None:
    with ledger.session() as session:
        letter = add_letter(session, "FRA", "ministre@gouv.example")
        contact = contact_of(session, letter)
        reply(session, letter, "decline", day=5)
        reply(session, letter, "accept", day=2)  # recorded later, received earlier
        assert contact_status(session, contact) == ContactStatus.DECLINED


def test_other_and_replies_under_review_need_a_person(ledger: Ledger) -> None:
    with ledger.session() as session:
        letter = add_letter(session, "FRA", "ministre@gouv.example")
        contact = contact_of(session, letter)
        question = reply(session, letter, "other", day=1)
        assert question.status == ReplyStatus.NEEDS_REVIEW
        assert contact_status(session, contact) == ContactStatus.NEEDS_REVIEW


def test_a_persons_decision_beats_the_classifier(ledger: Ledger) -> None:
    with ledger.session() as session:
        letter = add_letter(session, "FRA", "ministre@gouv.example")
        contact = contact_of(session, letter)
        first = reply(session, letter, "other", day=1)
        reply(session, letter, "decline", day=2)  # the classifier read a later reply as decline
        assert contact_status(session, contact) == ContactStatus.DECLINED
        decide_reply(first, ReplyKind.ACCEPT, note="the minister confirmed by phone")
        session.flush()
        assert contact_status(session, contact) == ContactStatus.ACCEPTED
        decide_reply(first, ReplyKind.OTHER, note="a question, answered")
        session.flush()
        assert contact_status(session, contact) == ContactStatus.REPLIED


def test_a_permanent_bounce_stops_mail_to_that_address(ledger: Ledger) -> None:
    with ledger.session() as session:
        letter = add_letter(session, "FRA", "ministre@gouv.example")
        contact = contact_of(session, letter)
        reply(
            session,
            letter,
            "bounce",
            day=1,
            bounce_recipient="Ministre@Gouv.example",
            bounce_permanent=True,
        )
        assert contact_status(session, contact) == ContactStatus.BOUNCED
        assert not can_mail(session, contact)


def test_a_permanent_bounce_blocks_the_address_even_after_an_acceptance(ledger: Ledger) -> None:
    with ledger.session() as session:
        letter = add_letter(session, "FRA", "ministre@gouv.example", cc=["cab@gouv.example"])
        contact = contact_of(session, letter)
        reply(session, letter, "accept", day=1)
        reply(
            session,
            letter,
            "bounce",
            day=2,
            bounce_recipient="cab@gouv.example",
            bounce_permanent=True,
        )
        assert contact_status(session, contact) == ContactStatus.ACCEPTED
        assert can_mail(session, contact)  # the Cc bounced, not the minister's address
        assert blocked_addresses(session, ["cab@gouv.example", "ministre@gouv.example"]) == {
            "cab@gouv.example"
        }
        reply(
            session,
            letter,
            "bounce",
            day=3,
            bounce_recipient="ministre@gouv.example",
            bounce_permanent=True,
        )
        assert contact_status(session, contact) == ContactStatus.ACCEPTED
        assert not can_mail(session, contact)


def test_a_temporary_bounce_does_not_stop_mail(ledger: Ledger) -> None:
    with ledger.session() as session:
        letter = add_letter(session, "FRA", "ministre@gouv.example")
        contact = contact_of(session, letter)
        reply(
            session,
            letter,
            "bounce",
            day=1,
            bounce_recipient="ministre@gouv.example",
            bounce_permanent=False,
        )
        assert contact_status(session, contact) == ContactStatus.AUTO_REPLY
        assert can_mail(session, contact)


def test_an_unmatched_reply_goes_to_review_with_the_reason() -> None:
    row = new_reply(incoming(1), StandInClassification(kind="accept"), NO_MATCH)
    assert row.status == ReplyStatus.NEEDS_REVIEW
    assert row.matched_message_id is None
    assert "no letter matched" in row.decision_note

"""A person settles what the pipeline cannot: an answer that came without e-mail, a letter
whose fate is unknown, a cancelled campaign, a corrected address. Each command is recorded in
the ledger (``circular.followups.actions``) with who gave it.

A letter is re-sent as a new row of the same kind (``generation`` + 1, a new token and
Message-ID); the old row is kept, ``superseded``, pointing to the new one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from circular.followups.actions import (
    CANCEL,
    DECIDE,
    READDRESS,
    RESOLVE,
    ActionError,
    find_contact,
    record,
)
from circular.followups.review import DECISIONS
from circular.ledger import (
    Contact,
    Ledger,
    Message,
    MessageKind,
    MessageStatus,
    ReplyKind,
    campaign_cancelled,
    contacts_of,
    utcnow,
)
from circular.replies.outcomes import (
    ContactStatus,
    contact_status,
    record_person_decision,
)
from circular.sending.blocked import blocked_addresses
from circular.tokens import message_id_for, new_token

#: Rows ``circular unknown`` lists: the fate is unknown, or sending gave up.
UNSETTLED = (MessageStatus.UNKNOWN, MessageStatus.FAILED)


def current_message(session: Session, contact: Contact, kind: str) -> Message | None:
    """``contact``'s row of ``kind`` that counts now (the newest generation)."""
    query = (
        select(Message)
        .where(Message.contact_id == contact.id, Message.kind == kind)
        .order_by(Message.generation.desc())
        .limit(1)
    )
    return session.scalar(query)


def decide_contact(ledger: Ledger, campaign: str, key: str, kind: str, note: str, by: str) -> str:
    """Record a person's decision on contact ``key`` without a reply (telephone, letter, note
    verbale). Returns what was recorded, in words."""
    if kind not in DECISIONS:
        raise ActionError(f"decision {kind!r} is not one of {', '.join(DECISIONS)}")
    with ledger.session() as session:
        contact = find_contact(session, campaign, key)
        letter = current_message(session, contact, MessageKind.INVITATION)
        if letter is None:
            raise ActionError(f"{contact.contact_key}: no letter in the ledger to answer")
        action = record(
            session, campaign, DECIDE, by, contact_id=contact.id, detail=f"{kind}: {note}"
        )
        record_person_decision(session, letter, ReplyKind(kind), note, by, action.id)
        status = contact_status(session, contact)
    return f"{contact.contact_key}: decided {kind} by {by}; status now {status}"


@dataclass(frozen=True)
class Cancelled:
    """What cancelling a campaign did (or, in a dry run, would do)."""

    cancelled: int  # pending rows (letters, reminders, acknowledgements) cancelled
    in_flight: int  # rows being sent right now: they finish, nothing is cut in half
    already: bool  # the campaign was cancelled before


def cancel_campaign(ledger: Ledger, campaign: str, by: str, *, dry_run: bool = False) -> Cancelled:
    """Cancel every pending message of ``campaign`` and record the cancellation: from then on
    no stage sends anything for it. A message being sent finishes (never half-sent)."""
    with ledger.session() as session:
        already = campaign_cancelled(session, campaign)
        pending = select(Message.id).where(
            Message.campaign == campaign, Message.status == MessageStatus.PENDING
        )
        count = len(session.scalars(pending).all())
        in_flight = len(
            session.scalars(
                select(Message.id).where(
                    Message.campaign == campaign, Message.status == MessageStatus.SENDING
                )
            ).all()
        )
        if dry_run:
            return Cancelled(count, in_flight, already)
        # The record first: a sender that starts after this commit sends nothing.
        record(session, campaign, CANCEL, by, detail=f"{count} pending messages cancelled")
        session.execute(
            update(Message)
            .where(Message.campaign == campaign, Message.status == MessageStatus.PENDING)
            .values(status=MessageStatus.CANCELLED, last_smtp_answer=f"cancelled by {by}")
        )
    return Cancelled(count, in_flight, already)


@dataclass(frozen=True)
class UnsettledLetter:
    """A message whose fate a person must settle, with the evidence."""

    contact_key: str
    kind: str
    status: str
    to: str
    message_id: str
    attempts: int
    claimed_at: datetime | None
    last_answer: str
    in_sent_folder: str  # "found", "not found", or why it could not be looked up


def unsettled(
    ledger: Ledger, campaign: str, find_sent: Callable[[Sequence[str]], set[str]] | None
) -> list[UnsettledLetter]:
    """The messages of ``campaign`` whose fate is unknown or whose sending gave up, each with
    the server's last answer, the times, and a fresh look in the Sent folder."""
    with ledger.session() as session:
        contacts = {c.id: c for c in contacts_of(session, campaign)}
        keys = {cid: c.contact_key for cid, c in contacts.items()}
        # A message never confirmed has no recorded recipients: show where it was going.
        addresses = {cid: ", ".join([c.email, *(c.cc or [])]) for cid, c in contacts.items()}
        rows = list(
            session.scalars(
                select(Message)
                .where(Message.campaign == campaign, Message.status.in_(UNSETTLED))
                .order_by(Message.contact_id, Message.kind)
            )
        )
    looked: dict[str, str] = {}
    if find_sent is None:
        looked = dict.fromkeys((r.message_id for r in rows), "no Sent folder configured")
    elif rows:
        try:
            found = find_sent([r.message_id for r in rows])
            looked = {r.message_id: "found" if r.message_id in found else "not found" for r in rows}
        except Exception as error:  # the evidence says why it is missing; the list still shows
            looked = dict.fromkeys((r.message_id for r in rows), f"lookup failed: {error}")
    return [
        UnsettledLetter(
            contact_key=keys.get(r.contact_id, str(r.contact_id)),
            kind=r.kind,
            status=r.status,
            to=", ".join(r.to_addrs or []) or addresses.get(r.contact_id, ""),
            message_id=r.message_id,
            attempts=r.attempts,
            claimed_at=r.claimed_at,
            last_answer=r.last_smtp_answer,
            in_sent_folder=looked.get(r.message_id, ""),
        )
        for r in rows
    ]


def supersede(session: Session, old: Message, domain: str) -> Message:
    """A new pending row in place of ``old`` (new token and Message-ID); ``old`` is kept,
    ``superseded``, pointing to it."""
    token = new_token()
    new = Message(
        campaign=old.campaign,
        contact_id=old.contact_id,
        kind=old.kind,
        generation=old.generation + 1,
        token=token,
        message_id=message_id_for(token, old.campaign, domain),
        status=MessageStatus.PENDING,
    )
    session.add(new)
    session.flush()
    old.status = MessageStatus.SUPERSEDED
    old.superseded_by = new.id
    return new


def resolve(
    ledger: Ledger,
    campaign: str,
    key: str,
    *,
    resend: bool,
    by: str,
    domain: str,
    kind: str = MessageKind.INVITATION,
    dry_run: bool = False,
) -> str:
    """Settle contact ``key``'s unknown (or failed) message of ``kind``: it went out
    (``resend=False``: marked sent), or it is sent again (a new row, pending, for the outbox
    to send; the old one superseded). Returns what was done, in words."""
    with ledger.session() as session:
        contact = find_contact(session, campaign, key)
        row = current_message(session, contact, kind)
        if row is None or row.status not in UNSETTLED:
            state = row.status if row is not None else "no such message"
            raise ActionError(
                f"{contact.contact_key}: the {kind} is {state}, not unknown or failed: "
                "nothing to resolve"
            )
        if not resend and row.status != MessageStatus.UNKNOWN:
            raise ActionError(
                f"{contact.contact_key}: the {kind} failed ({row.last_smtp_answer}); the "
                "server refused it, so it was not sent: use --resend"
            )
        if dry_run:
            what = "would be sent again" if resend else "would be marked sent"
            return f"{contact.contact_key}: the {kind} {row.message_id} {what} (dry run)"
        old_id = row.message_id
        if resend:
            new = supersede(session, row, domain)
            record(
                session,
                campaign,
                RESOLVE,
                by,
                contact_id=contact.id,
                detail=f"resend {kind}: {old_id} superseded by {new.message_id}",
            )
            return f"{contact.contact_key}: {old_id} superseded by {new.message_id}, to send"
        row.status = MessageStatus.SENT
        row.sent_at = row.sent_at or row.claimed_at or utcnow()
        row.last_smtp_answer = f"{row.last_smtp_answer} (marked sent by {by})".strip()
        record(
            session, campaign, RESOLVE, by, contact_id=contact.id, detail=f"sent {kind}: {old_id}"
        )
        return f"{contact.contact_key}: the {kind} {old_id} marked sent by {by}"


def readdress(ledger: Ledger, campaign: str, domain: str, by: str) -> list[str]:
    """Contacts whose address a newer contact file corrected after their letter bounced, was
    refused or may not have gone out: their letter gets a new row (sent once by the next
    ``send``); the old one is kept, superseded. Returns their keys."""
    done: list[str] = []
    with ledger.session() as session:
        if campaign_cancelled(session, campaign):
            return done
        for contact in contacts_of(session, campaign):
            row = current_message(session, contact, MessageKind.INVITATION)
            if row is None or not row.to_addrs:
                continue
            old = str(row.to_addrs[0]).strip().lower()
            if old == contact.email.strip().lower():
                continue
            bounced = bool(blocked_addresses(session, [old]))
            if row.status in UNSETTLED or (row.status == MessageStatus.SENT and bounced):
                if contact_status(session, contact) in (
                    ContactStatus.ACCEPTED,
                    ContactStatus.DECLINED,
                ):
                    continue  # answered anyway: nothing to send again
                new = supersede(session, row, domain)
                record(
                    session,
                    campaign,
                    READDRESS,
                    by,
                    contact_id=contact.id,
                    detail=f"address corrected {old} -> {contact.email}; "
                    f"{row.message_id} superseded by {new.message_id}",
                )
                done.append(contact.contact_key)
    return done

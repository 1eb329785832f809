"""What replies mean for a contact: store a reply, derive the contact's status, decide whether
an address may still be mailed.

A contact's status is never stored; it is derived from the replies matched to its letters with
this precedence:

1. a person's decision, or the contact's own answer on its confirmation page (``decided_by``
   ``web``, ``circular.web``), beats the classifier's; among these the latest wins, so a later
   decision of staff beats a web answer, and a later web answer beats an earlier decision;
2. a human reply (accept, decline, other) beats an automatic one; among human replies the
   latest wins; a classified ``other`` (or a reply waiting for review) means ``needs_review``;
3. without a human reply: a permanent bounce makes the contact ``bounced``; an auto-reply
   (or a temporary bounce) leaves it ``auto_reply`` (still waiting, someone is away);
4. otherwise ``awaiting`` once a letter went out, ``not_sent`` before.

Independently of the status, a permanent bounce stops all mail to the address that bounced
(``can_mail``, ``circular.sending.blocked``), even for a contact that had accepted.

A bounce counts against the contact only when it is about the contact's address *now*: the
bounce of a Cc address drops that Cc from later mail (``circular.sending.blocked.dropped_cc``)
and leaves the country as it was; the bounce of an address a newer contact file corrected no
longer marks it.

A person may decide a contact's answer without any e-mail (telephone, letter, note verbale):
``record_person_decision`` keeps it as a reply of the person's own (mailbox ``person``),
matched to the contact's letter, so the same precedence applies.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from circular.ledger import (
    DECIDING,
    HUMAN_REPLY_KINDS,
    Contact,
    DecidedBy,
    Message,
    MessageStatus,
    Reply,
    ReplyKind,
    ReplyStatus,
    utcnow,
)
from circular.replies.matching import Match
from circular.sending.blocked import blocked_addresses

#: How much of a reply's text the ledger keeps (enough for a person to judge it).
EXCERPT_CHARS = 2000
#: ``Reply.message_id``'s length (RFC 5322's line limit; a longer Message-ID is cut).
MESSAGE_ID_CHARS = 998


class ContactStatus(enum.StrEnum):
    """Where a contact stands in a campaign, derived from the ledger."""

    NOT_SENT = "not_sent"
    AWAITING = "awaiting"
    AUTO_REPLY = "auto_reply"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    NEEDS_REVIEW = "needs_review"
    REPLIED = "replied"  # a person read a reply that neither accepts nor declines
    BOUNCED = "bounced"


@dataclass(frozen=True)
class Incoming:
    """Where a message was found and what its headers say (everything but its meaning)."""

    mailbox: str
    uidvalidity: int
    uid: int
    message_id: str
    from_addr: str
    subject: str
    received_at: datetime | None


def storable(value: object, limit: int | None = None) -> str:
    """``value`` as text every ledger database stores: NUL characters dropped (PostgreSQL
    refuses them), lone surrogates (undecodable header bytes) replaced, cut to ``limit``
    characters (the column's length)."""
    text = str(value or "").replace("\x00", "")
    text = text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    return text if limit is None else text[:limit]


#: The start of a classification's evidence when the message was not read (over a limit,
#: malformed): the evidence then says why, and is the reason a person is asked to look.
NOT_READ = "not read:"


def new_reply(incoming: Incoming, classification: Any, match: Match) -> Reply:
    """A ``Reply`` row for a classified, matched message (not yet added to a session).

    ``classification`` is a ``circular.replies.classify.Classification``. A reply goes to review
    when it
    is ``other``, when no letter was found for it, or when it has no sender address (nobody
    can say who accepted)."""
    kind = ReplyKind(str(classification.kind))
    evidence = storable(getattr(classification, "evidence", ""))
    reasons = []
    if not match.matched:
        reasons.append("no letter matched this message")
    if kind == ReplyKind.OTHER:
        not_read = evidence.startswith(NOT_READ)
        # The classifier's own reason names its best guess ("confidence 0.62 below the
        # threshold 0.90; best guess accept"): the review form shows it to the person.
        said = getattr(classification, "review_reason", None)
        undecided = "the classifier could not decide accept or decline"
        reasons.append(evidence if not_read else f"{undecided}: {said}" if said else undecided)
    if not incoming.from_addr.strip():
        reasons.append("the message has no From address")
    return Reply(
        **_header_fields(incoming),
        campaign=match.campaign,
        kind=kind,
        language=getattr(classification, "language", None),
        evidence=evidence,
        confidence=float(getattr(classification, "confidence", 0.0) or 0.0),
        delegate=storable(getattr(classification, "delegate", "")),
        return_date=_as_date(getattr(classification, "return_date", None)),
        bounce_recipient=storable(getattr(classification, "bounce_recipient", ""), 320),
        bounce_permanent=getattr(classification, "bounce_permanent", None),
        matched_message_id=match.message_id,
        match_method=str(match.method or ""),
        decided_by=DecidedBy.CLASSIFIER,
        decision_note=storable("; ".join(reasons)),
        status=ReplyStatus.NEEDS_REVIEW if reasons else ReplyStatus.DONE,
        text_excerpt=storable(getattr(classification, "text", ""), EXCERPT_CHARS),
    )


def unreadable_reply(incoming: Incoming, reason: str) -> Reply:
    """A ``Reply`` row for a message that could not be read at all: a person looks at it."""
    return Reply(
        **_header_fields(incoming),
        kind=ReplyKind.OTHER,
        confidence=0.0,
        decided_by=DecidedBy.CLASSIFIER,
        decision_note=storable(f"unreadable message: {reason}"),
        status=ReplyStatus.NEEDS_REVIEW,
    )


def _header_fields(incoming: Incoming) -> dict[str, Any]:
    """The columns a reply takes from its headers, fit for the ledger's column lengths."""
    return {
        "mailbox": incoming.mailbox,
        "uidvalidity": incoming.uidvalidity,
        "uid": incoming.uid,
        "message_id": storable(incoming.message_id, MESSAGE_ID_CHARS),
        "from_addr": storable(incoming.from_addr, 320),
        "subject": storable(incoming.subject),
        "received_at": incoming.received_at,
    }


def decide_reply(reply: Reply, kind: ReplyKind, note: str = "") -> None:
    """Record a person's decision on ``reply``: it then beats whatever the classifier said."""
    reply.kind = ReplyKind(kind)
    reply.decided_by = DecidedBy.PERSON
    reply.decision_note = note
    reply.status = ReplyStatus.DONE
    reply.decided_at = utcnow()


def replies_of(session: Session, contact: Contact) -> list[Reply]:
    """Every reply matched to one of ``contact``'s letters, oldest first."""
    query = (
        select(Reply)
        .join(Message, Reply.matched_message_id == Message.id)
        .where(Message.contact_id == contact.id)
        .order_by(Reply.received_at.asc().nulls_first(), Reply.id.asc())
    )
    return list(session.scalars(query))


def contact_status(session: Session, contact: Contact) -> ContactStatus:
    """``contact``'s status by the precedence rules (module doc)."""
    replies = replies_of(session, contact)
    latest = latest_decision(replies)
    if latest is not None:
        return _status_of_human(latest, decided=True)
    human = [r for r in replies if r.kind in HUMAN_REPLY_KINDS]
    if human:
        return _status_of_human(human[-1], decided=False)
    # Bounces of a Cc, or of an address since corrected, say nothing of the contact.
    replies = [r for r in replies if r.kind != ReplyKind.BOUNCE or _hits(session, r, contact)]
    if any(r.kind == ReplyKind.BOUNCE and r.bounce_permanent for r in replies):
        return ContactStatus.BOUNCED
    if replies:
        return ContactStatus.AUTO_REPLY
    sent = session.scalar(
        select(func.count(Message.id)).where(
            Message.contact_id == contact.id,
            Message.status.in_([MessageStatus.SENT, MessageStatus.UNKNOWN]),
        )
    )
    return ContactStatus.AWAITING if sent else ContactStatus.NOT_SENT


def latest_decision(replies: Iterable[Reply]) -> Reply | None:
    """The latest of the firm answers among ``replies`` (a person's decision, a web answer)."""
    firm = [r for r in replies if r.decided_by in DECIDING]
    return max(firm, key=lambda r: (r.decided_at or r.created_at, r.id)) if firm else None


def _status_of_human(reply: Reply, *, decided: bool) -> ContactStatus:
    if reply.kind == ReplyKind.ACCEPT and (decided or reply.status == ReplyStatus.DONE):
        return ContactStatus.ACCEPTED
    if reply.kind == ReplyKind.DECLINE and (decided or reply.status == ReplyStatus.DONE):
        return ContactStatus.DECLINED
    if decided and reply.kind == ReplyKind.OTHER:
        return ContactStatus.REPLIED
    if decided:
        # A person filed the reply as automatic or a bounce: no human answer after all.
        return ContactStatus.AUTO_REPLY
    return ContactStatus.NEEDS_REVIEW


def can_mail(session: Session, contact: Contact) -> bool:
    """False once ``contact``'s address bounced permanently (even after an acceptance)."""
    address = contact.email.strip().lower()
    if address in blocked_addresses(session, [address]):
        return False
    # A permanent bounce matched to this contact's letter that did not name its recipient
    # is about the main address the letter went to.
    for reply in replies_of(session, contact):
        if (
            reply.kind == ReplyKind.BOUNCE
            and reply.bounce_permanent
            and not reply.bounce_recipient
            and _hits(session, reply, contact)
        ):
            return False
    return True


def _hits(session: Session, bounce: Reply, contact: Contact) -> bool:
    """Whether ``bounce`` is about ``contact``'s current main address: the address it names,
    else the first recipient of the letter it returned."""
    current = contact.email.strip().lower()
    named = bounce.bounce_recipient.strip().lower()
    if named:
        return named == current
    letter = session.get(Message, bounce.matched_message_id) if bounce.matched_message_id else None
    if letter is None or not letter.to_addrs:
        return True
    return str(letter.to_addrs[0]).strip().lower() == current


#: ``Reply.mailbox`` of a decision a person recorded without an e-mail.
PERSON_MAILBOX = "person"


def record_person_decision(
    session: Session, letter: Message, kind: ReplyKind, note: str, by: str, serial: int
) -> Reply:
    """A person's decision on ``letter``'s contact with no e-mail behind it (an answer by
    telephone, letter or note verbale), as a reply of its own; ``serial`` (the id of the
    recorded command) makes it unique. Beats every classified reply, like any decision."""
    now = utcnow()
    reply = Reply(
        campaign=letter.campaign,
        mailbox=PERSON_MAILBOX,
        uidvalidity=0,
        uid=serial,
        message_id="",
        from_addr=by,
        subject=f"decision recorded by {by}",
        received_at=now,
        kind=ReplyKind(kind),
        matched_message_id=letter.id,
        match_method="person",
        decided_by=DecidedBy.PERSON,
        decision_note=storable(note),
        status=ReplyStatus.DONE,
        filed_to="(no e-mail)",
        decided_at=now,
    )
    session.add(reply)
    session.flush()
    return reply


def _as_date(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else None

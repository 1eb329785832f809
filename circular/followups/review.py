"""Replies that wait for a person, and a person's decision on them.

A reply waits when the classifier could not decide (``other``) or when no letter matched it
(status ``needs_review``). A person's decision (accept, decline, other) is recorded with
``circular.replies.outcomes.decide_reply`` and beats whatever the classifier said.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from circular.followups.actions import DECIDE, record
from circular.ledger import Contact, Ledger, Message, Reply, ReplyKind, ReplyStatus
from circular.replies.outcomes import decide_reply

#: What a person may decide.
DECISIONS: tuple[str, ...] = (ReplyKind.ACCEPT, ReplyKind.DECLINE, ReplyKind.OTHER)
_EXCERPT = 600


class ReviewError(ValueError):
    """A decision that cannot be recorded; the message names the reply and what is wrong."""


@dataclass(frozen=True)
class ReviewItem:
    """One reply as a person sees it when deciding."""

    reply_id: int
    campaign: str | None
    received_at: datetime | None
    sender: str
    subject: str
    excerpt: str
    kind: str
    evidence: str
    confidence: float
    reason: str
    country: str | None  # ISO3 of the matched contact, when a letter matched
    contact_key: str | None
    status: str


def _item(reply: Reply, contact: Contact | None) -> ReviewItem:
    excerpt = " ".join(reply.text_excerpt.split())
    if len(excerpt) > _EXCERPT:
        excerpt = excerpt[: _EXCERPT - 1] + "…"
    return ReviewItem(
        reply_id=reply.id,
        campaign=reply.campaign,
        received_at=reply.received_at,
        sender=reply.from_addr,
        subject=reply.subject,
        excerpt=excerpt,
        kind=reply.kind,
        evidence=reply.evidence,
        confidence=reply.confidence,
        reason=reply.decision_note,
        country=contact.iso3 if contact else None,
        contact_key=contact.contact_key if contact else None,
        status=reply.status,
    )


def _with_contacts(session: Session, query):  # type: ignore[no-untyped-def]
    joined = (
        query.add_columns(Contact)
        .outerjoin(Message, Reply.matched_message_id == Message.id)
        .outerjoin(Contact, Message.contact_id == Contact.id)
    )
    return [_item(reply, contact) for reply, contact in session.execute(joined)]


def pending_reviews(session: Session, campaign: str | None = None) -> list[ReviewItem]:
    """The replies waiting for a person (oldest first), of ``campaign`` or of every campaign
    (unmatched replies have no campaign and are always listed)."""
    query = select(Reply).where(Reply.status == ReplyStatus.NEEDS_REVIEW)
    if campaign is not None:
        query = query.where((Reply.campaign == campaign) | Reply.campaign.is_(None))
    query = query.order_by(Reply.received_at.asc().nulls_first(), Reply.id.asc())
    return _with_contacts(session, query)  # type: ignore[no-any-return]


def review_item(session: Session, reply_id: int) -> ReviewItem:
    """The reply ``reply_id`` as a person sees it. Raises ReviewError when there is none."""
    items = _with_contacts(session, select(Reply).where(Reply.id == reply_id))
    if not items:
        raise ReviewError(f"reply {reply_id}: no such reply in the ledger")
    return items[0]  # type: ignore[no-any-return]


def decide(
    ledger: Ledger, reply_id: int, kind: str, note: str = "", by: str = "person"
) -> ReviewItem:
    """Record a person's decision ``kind`` (accept, decline, other) on reply ``reply_id``.

    ``by`` names who decided (kept in the note when it is not just "person"). Deciding again
    replaces the earlier decision. Raises ReviewError naming the reply and the bad value."""
    if kind not in DECISIONS:
        raise ReviewError(
            f"reply {reply_id}: decision {kind!r} is not one of {', '.join(DECISIONS)}"
        )
    with ledger.session() as session:
        reply = session.get(Reply, reply_id)
        if reply is None:
            raise ReviewError(f"reply {reply_id}: no such reply in the ledger")
        text = note.strip()
        if by and by != "person":
            text = f"{text} (decided by {by})" if text else f"decided by {by}"
        decide_reply(reply, ReplyKind(kind), text)
        letter = (
            session.get(Message, reply.matched_message_id) if reply.matched_message_id else None
        )
        record(
            session,
            reply.campaign or "",
            DECIDE,
            by,
            contact_id=letter.contact_id if letter else None,
            detail=f"reply {reply_id}: {kind}" + (f": {note.strip()}" if note.strip() else ""),
        )
        session.flush()
        return review_item(session, reply_id)

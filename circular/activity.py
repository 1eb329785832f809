"""What happened in a campaign, as plain data for the orchestration layer to show: the replies
recorded since a point in the ledger (for events) and every country's status (for a table).

Nothing here knows about Prefect: flows turn these records into events and artifacts.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from circular.ledger import Contact, Message, MessageKind, MessageStatus, Reply, ReplyKind
from circular.outcomes import contact_status

#: How much of a bounce's diagnostic an event carries (the ledger keeps the rest).
DIAGNOSTIC_CHARS = 300


@dataclass(frozen=True)
class ReplyNotice:
    """One recorded reply, as an operator would want to be told about it."""

    reply_id: int
    campaign: str | None
    kind: str
    country: str | None
    language: str | None
    needs_review: bool
    bounce_recipient: str
    bounce_permanent: bool | None
    diagnostic: str


def last_reply_id(session: Session) -> int:
    """The highest reply id in the ledger (0 when there is none): a bookmark for
    ``replies_after``."""
    return int(session.scalar(select(func.max(Reply.id))) or 0)


def replies_after(session: Session, reply_id: int) -> list[ReplyNotice]:
    """Every reply recorded after the bookmark ``reply_id``, oldest first, with the country of
    the letter it was matched to (None when unmatched)."""
    query = (
        select(Reply, Contact.iso3)
        .outerjoin(Message, Reply.matched_message_id == Message.id)
        .outerjoin(Contact, Message.contact_id == Contact.id)
        .where(Reply.id > reply_id)
        .order_by(Reply.id)
    )
    notices = []
    for reply, iso3 in session.execute(query):
        is_bounce = reply.kind == ReplyKind.BOUNCE
        notices.append(
            ReplyNotice(
                reply_id=reply.id,
                campaign=reply.campaign,
                kind=str(reply.kind),
                country=iso3,
                language=reply.language,
                needs_review=str(reply.status) == "needs_review",
                bounce_recipient=reply.bounce_recipient if is_bounce else "",
                bounce_permanent=reply.bounce_permanent if is_bounce else None,
                # For a bounce the classifier keeps the server's diagnostic as the text.
                diagnostic=reply.text_excerpt[:DIAGNOSTIC_CHARS] if is_bounce else "",
            )
        )
    return notices


@dataclass(frozen=True)
class CountryStatus:
    """One contact's line in a campaign's status table."""

    country: str
    language: str
    status: str
    invitation: str
    reminders_sent: int


def campaign_status(session: Session, campaign: str) -> list[CountryStatus]:
    """Every contact of ``campaign`` with its derived status (``circular.outcomes``), its
    invitation's state and how many reminders went out, ordered by country."""
    messages: dict[int, list[Message]] = {}
    for message in session.scalars(select(Message).where(Message.campaign == campaign)):
        messages.setdefault(message.contact_id, []).append(message)
    contacts = session.scalars(
        select(Contact).where(Contact.campaign == campaign).order_by(Contact.iso3, Contact.id)
    )
    rows = []
    for contact in contacts:
        sent = messages.get(contact.id, [])
        invitation = next((m for m in sent if m.kind == MessageKind.INVITATION), None)
        rows.append(
            CountryStatus(
                country=contact.iso3,
                language=contact.language,
                status=str(contact_status(session, contact)),
                invitation=str(invitation.status) if invitation else "not created",
                reminders_sent=sum(
                    1
                    for m in sent
                    if m.kind.startswith("reminder-") and m.status == MessageStatus.SENT
                ),
            )
        )
    return rows


def status_counts(rows: list[CountryStatus]) -> Counter[str]:
    """How many contacts stand in each status."""
    return Counter(row.status for row in rows)

"""What happened in a campaign, as plain data for the orchestration layer to show: the replies
recorded since a point in the ledger (for events).

Nothing here knows about Prefect: flows turn these records into events and artifacts.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from circular.ledger import WEB_MAILBOX, Contact, Message, Reply, ReplyKind

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
    #: The reply's identity beyond this ledger (mailbox, UIDVALIDITY, UID, Message-ID): event
    #: ids derive from it, so two ledgers' reply 7 are two events, and one reply one event.
    identity: str = ""


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
        # Answers given on the confirmation page are announced from their own rows
        # (circular.web.answers.unannounced): whenever they came, exactly once.
        .where(Reply.id > reply_id, Reply.mailbox != WEB_MAILBOX)
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
                identity=f"{reply.mailbox}:{reply.uidvalidity}:{reply.uid}:{reply.message_id}",
            )
        )
    return notices

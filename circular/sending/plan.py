"""What a sending command is about to do and where a campaign stands, in words a person reads
before and after a run: how many messages, to how many countries, in which languages, which
were sent and what is left.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

from sqlalchemy import select

from circular.countries import labelled
from circular.ledger import Contact, Ledger, Message, MessageStatus, utcnow
from circular.sending.mime import OutgoingMessage

#: Up to this many countries are named one by one; more are counted.
NAMED = 10


def not_yet_sent(
    ledger: Ledger, messages: Sequence[OutgoingMessage], now: datetime | None = None
) -> list[OutgoingMessage]:
    """The messages a run would try: no ledger row yet, or a row still ``pending`` and due."""
    when = now or utcnow()
    keys = {(m.campaign, m.kind) for m in messages}
    rows: dict[tuple[str, str, int], Message] = {}
    with ledger.session() as session:
        for campaign, kind in keys:
            query = select(Message).where(Message.campaign == campaign, Message.kind == kind)
            rows.update({(campaign, kind, r.contact_id): r for r in session.scalars(query)})
    waiting = []
    for message in messages:
        row = rows.get((message.campaign, message.kind, message.contact_id))
        if row is None or (
            row.status == MessageStatus.PENDING
            and (row.scheduled_for is None or _aware(row.scheduled_for) <= when)
        ):
            waiting.append(message)
    return waiting


def _aware(moment: datetime) -> datetime:
    # SQLite gives naive datetimes back; the ledger stores UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def standing(ledger: Ledger, campaign: str, kind: str) -> dict[str, list[str]]:
    """The contact keys of ``campaign``'s messages of ``kind`` by status; contacts with no
    message yet count as ``pending``."""
    by_status: dict[str, list[str]] = {}
    with ledger.session() as session:
        statuses = dict(
            session.execute(
                select(Message.contact_id, Message.status).where(
                    Message.campaign == campaign, Message.kind == kind
                )
            ).all()
        )
        for contact in session.scalars(
            select(Contact).where(Contact.campaign == campaign).order_by(Contact.contact_key)
        ):
            status = str(statuses.get(contact.id, MessageStatus.PENDING))
            by_status.setdefault(status, []).append(contact.contact_key)
    return by_status


def countries(keys: Iterable[str]) -> str:
    """``ESP (Spain), FRA (France)`` for a few contact keys; a count beyond ``NAMED``."""
    chosen = sorted(keys)
    if not chosen:
        return "none"
    if len(chosen) > NAMED:
        shown = ", ".join(chosen[:NAMED])
        return f"{len(chosen)} countries: {shown} and {len(chosen) - NAMED} more"
    return ", ".join(labelled(key) for key in chosen)


def languages(messages: Iterable[OutgoingMessage]) -> str:
    """``en 117, fr 24`` for the messages' languages."""
    counts = Counter(m.language for m in messages)
    return ", ".join(f"{language} {counts[language]}" for language in sorted(counts))


def plan_line(
    what: str, campaign: str, waiting: Sequence[OutgoingMessage], total: int, limit: int | None
) -> str:
    """``cl-21-4: 5 invitations to send (es 1, fr 1, ...), 0 already sent of 5``."""
    chosen = list(waiting[:limit] if limit else waiting)
    line = f"{campaign}: {len(chosen)} {what} to send"
    if chosen:
        line += f" ({languages(chosen)}) to {countries(m.label for m in chosen)}"
    line += f"; {total - len(waiting)} of {total} already sent or settled"
    if limit and len(waiting) > limit:
        line += f"; {len(waiting) - limit} left for later (--limit {limit})"
    return line

"""Addresses no more mail goes to: those that bounced permanently.

Here in ``sending`` (not in ``replies``, which records the bounces) because every message
that goes out asks: a first or resent invitation, a reminder, an acknowledgement. A bounce a
person re-filed as something else no longer blocks (its kind changed).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from circular.ledger import Contact, Reply, ReplyKind
from circular.sending.mime import OutgoingMessage


def blocked_addresses(session: Session, addresses: Iterable[str] | None = None) -> set[str]:
    """Addresses (lower case) that bounced permanently, among ``addresses`` (or all)."""
    query = select(Reply.bounce_recipient).where(
        Reply.kind == ReplyKind.BOUNCE,
        Reply.bounce_permanent.is_(True),
        Reply.bounce_recipient != "",
    )
    blocked = {address.strip().lower() for address in session.scalars(query)}
    if addresses is None:
        return blocked
    return {a.strip().lower() for a in addresses} & blocked


def dropped_cc(session: Session, contact: Contact) -> list[str]:
    """The Cc addresses of ``contact`` that bounced permanently: later mail goes without them."""
    blocked = blocked_addresses(session, contact.cc or [])
    return [address for address in contact.cc or [] if address.strip().lower() in blocked]


def without_cc(message: OutgoingMessage, dropped: Iterable[str]) -> OutgoingMessage:
    """``message`` without the Cc addresses ``dropped`` (any case); the country still gets it."""
    gone = {address.strip().lower() for address in dropped}
    if not gone:
        return message
    return replace(message, cc=tuple(a for a in message.cc if a.strip().lower() not in gone))

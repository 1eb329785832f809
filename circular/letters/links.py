"""Each contact's personal link to the confirmation page: ``<public URL>/r/<token>``.

The token is random (``secrets``, 192 bits), stored in the ledger (``reply_links``) and
revocable; it says nothing about the contact, so a link cannot be guessed from a country. The
letter, the e-mail and the reminders write it as ``{{ reply_url }}``; the page (``circular.web``)
finds the contact from it. Shared by the letters, sending, follow-up and web stages, hence here.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from circular.ledger import Contact, Ledger, ReplyLink, utcnow

#: Bytes of randomness in a token (192 bits; the issue asks for at least 128).
TOKEN_BYTES = 24
#: What a token looks like (``secrets.token_urlsafe``): anything else is not looked up.
TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{32}")
#: The path of the page under the public URL.
LINK_PATH = "/r/"


def new_token() -> str:
    """A fresh random token."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def public_base() -> str:
    """The public base URL the settings give (``CIRCULAR_PUBLIC_URL``), without a final slash."""
    from circular.settings import load_settings

    return load_settings().resolved_public_url


def reply_url(base: str, token: str) -> str:
    """The personal link of ``token`` under ``base``."""
    return f"{base.rstrip('/')}{LINK_PATH}{token}"


def active_links(session: Session, campaign: str) -> dict[int, ReplyLink]:
    """The active (latest, not revoked) link of each contact of ``campaign`` that has one."""
    query = (
        select(ReplyLink)
        .where(ReplyLink.campaign == campaign, ReplyLink.revoked_at.is_(None))
        .order_by(ReplyLink.id)
    )
    return {link.contact_id: link for link in session.scalars(query)}


def ensure_links(session: Session, campaign: str, contact_ids: Iterable[int]) -> dict[int, str]:
    """The token of each contact's active link, making one for a contact without any."""
    links = active_links(session, campaign)
    tokens = {}
    for contact_id in contact_ids:
        link = links.get(contact_id)
        if link is None:
            link = ReplyLink(campaign=campaign, contact_id=contact_id, token=new_token())
            session.add(link)
            links[contact_id] = link
        tokens[contact_id] = link.token
    session.flush()
    return tokens


def reply_urls(ledger: Ledger, campaign: str, contact_ids: Iterable[int]) -> dict[int, str]:
    """The personal link of each contact (made where missing), under the public base URL."""
    base = public_base()
    with ledger.session() as session:
        tokens = ensure_links(session, campaign, contact_ids)
    return {contact_id: reply_url(base, token) for contact_id, token in tokens.items()}


def contact_reply_url(session: Session, contact: Contact) -> str:
    """``contact``'s personal link (made if missing), under the public base URL."""
    token = ensure_links(session, contact.campaign, [contact.id])[contact.id]
    return reply_url(public_base(), token)


def revoke(session: Session, campaign: str, contact_id: int, by: str) -> ReplyLink | None:
    """Revoke ``contact_id``'s active link (its page then answers like an unknown link); the
    next ``ensure_links`` makes a new one. None when it had no active link."""
    link = active_links(session, campaign).get(contact_id)
    if link is not None:
        link.revoked_at = utcnow()
        link.revoked_by = by
    return link


def find_link(session: Session, token: str) -> ReplyLink | None:
    """The link of ``token`` (revoked or not), or None. A malformed token is looked up too (as a
    well-formed one that exists nowhere): every unknown token costs the same query."""
    wanted = token if TOKEN_SHAPE.fullmatch(token) else "~" * 32
    return session.scalar(select(ReplyLink).where(ReplyLink.token == wanted))

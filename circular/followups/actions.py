"""A person's commands, each recorded in the ledger (``actions``) with who gave it and when.

Who is ``CIRCULAR_OPERATOR`` when set, else the OS user. The holds on reminders are not a
column of the contact: they are read from these records (the latest hold or release of a
contact wins), so the record is the one source of truth.
"""

from __future__ import annotations

import getpass
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from circular.ledger import CANCEL_COMMAND, Action, Contact, Ledger

HOLD = "hold"
RELEASE = "release"
CANCEL = CANCEL_COMMAND
DECIDE = "decide"
RESOLVE = "resolve"
READDRESS = "readdress"


class ActionError(ValueError):
    """A command that cannot be applied; the message names the campaign or contact."""


def operator(configured: str = "") -> str:
    """Who gives the commands: the configured operator, else the OS user."""
    if configured.strip():
        return configured.strip()
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (a container's arbitrary uid)
        return "unknown user"


def record(
    session: Session,
    campaign: str,
    command: str,
    by: str,
    *,
    contact_id: int | None = None,
    detail: str = "",
) -> Action:
    """Add the record of one command to ``session`` (committed with what the command did)."""
    action = Action(campaign=campaign, contact_id=contact_id, command=command, detail=detail, by=by)
    session.add(action)
    session.flush()
    return action


def find_contact(session: Session, campaign: str, key: str) -> Contact:
    """The contact of ``campaign`` whose key (ISO3, or ISO3:email) is ``key``, any case."""
    wanted = key.strip().upper()
    for contact in session.scalars(select(Contact).where(Contact.campaign == campaign)):
        if contact.contact_key.upper() == wanted:
            return contact
    raise ActionError(f"campaign {campaign}: no contact {key!r} in the ledger")


def held_contacts(session: Session, campaign: str) -> set[int]:
    """The contacts of ``campaign`` whose reminders a person held and did not release."""
    query = (
        select(Action.contact_id, Action.command)
        .where(Action.campaign == campaign, Action.command.in_((HOLD, RELEASE)))
        .order_by(Action.at, Action.id)
    )
    latest: dict[int, str] = {}
    for contact_id, command in session.execute(query):
        if contact_id is not None:
            latest[contact_id] = command
    return {cid for cid, command in latest.items() if command == HOLD}


def set_hold(ledger: Ledger, campaign: str, key: str, hold: bool, by: str, note: str = "") -> str:
    """Hold (or release) the reminders of contact ``key``; what happened, in words."""
    with ledger.session() as session:
        contact = find_contact(session, campaign, key)
        was_held = contact.id in held_contacts(session, campaign)
        record(
            session,
            campaign,
            HOLD if hold else RELEASE,
            by,
            contact_id=contact.id,
            detail=note,
        )
    if hold:
        state = "already held; held" if was_held else "held"
        return f"{contact.contact_key}: reminders {state} (by {by})"
    state = "released" if was_held else "were not held; released"
    return f"{contact.contact_key}: reminders {state} (by {by})"


def actions_of(session: Session, contact_ids: Iterable[int]) -> list[Action]:
    """Every command given about these contacts, oldest first."""
    ids = list(contact_ids)
    query = select(Action).where(Action.contact_id.in_(ids)).order_by(Action.at, Action.id)
    return list(session.scalars(query))

"""Loading checked contacts into the ledger: new contacts are inserted, known ones updated, and
every changed field is recorded as a ContactChange (history is never silently overwritten)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from circular.contacts.rows import TEXT_FIELDS, ContactRow
from circular.countries import LANGUAGES
from circular.ledger import Contact, ContactChange, Ledger

#: Contacts looked up and written per batch: bounded memory, few round trips.
_BATCH = 500
#: Fields compared when a newer file updates a contact.
COMPARED_FIELDS = ("language", "email", "cc", *TEXT_FIELDS, "extra")


@dataclass
class LoadCounts:
    """What loading a file did to the campaign's contacts."""

    rows: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    changes: int = 0


def load_contacts(
    session: Session,
    campaign: str,
    source_file_id: int,
    contacts: Iterable[ContactRow],
    *,
    contacts_per_country: int = 1,
) -> LoadCounts:
    """Insert or update ``contacts`` in ``campaign`` inside ``session`` (not committed here: the
    caller commits the whole file at once)."""
    counts = LoadCounts()
    for batch in _batches(contacts, _BATCH):
        keyed = {row.key(contacts_per_country): row for row in batch}
        query = select(Contact).where(
            Contact.campaign == campaign, Contact.contact_key.in_(list(keyed))
        )
        existing = {contact.contact_key: contact for contact in session.scalars(query)}
        for key, row in keyed.items():
            counts.rows += 1
            contact = existing.get(key)
            if contact is None:
                session.add(_new_contact(campaign, key, row, source_file_id))
                counts.inserted += 1
                continue
            changed = _update(session, contact, row, source_file_id)
            counts.changes += changed
            if changed:
                counts.updated += 1
            else:
                counts.unchanged += 1
        session.flush()
        # Forget the flushed objects so a 100,000-row file does not pile up in the session.
        session.expunge_all()
    return counts


def _batches(items: Iterable[ContactRow], size: int) -> Iterator[list[ContactRow]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _values(row: ContactRow) -> dict[str, object]:
    values: dict[str, object] = {name: getattr(row, name) for name in TEXT_FIELDS}
    values.update(language=row.language, email=row.email, cc=list(row.cc), extra=dict(row.extra))
    return values


def _new_contact(campaign: str, key: str, row: ContactRow, source_file_id: int) -> Contact:
    return Contact(
        campaign=campaign,
        contact_key=key,
        iso3=row.iso3,
        source_file_id=source_file_id,
        source_row=row.row,
        **_values(row),
    )


def _update(session: Session, contact: Contact, row: ContactRow, source_file_id: int) -> int:
    """Apply ``row`` to ``contact``, recording each changed field; the number changed."""
    changed = 0
    for name, new in _values(row).items():
        old = getattr(contact, name)
        if old == new:
            continue
        session.add(
            ContactChange(
                contact_id=contact.id,
                field=name,
                old_value=_as_text(old),
                new_value=_as_text(new),
                source_file_id=source_file_id,
            )
        )
        setattr(contact, name, new)
        changed += 1
    contact.source_file_id = source_file_id
    contact.source_row = row.row
    return changed


def _as_text(value: object) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def summarise_contacts(ledger: Ledger, campaign: str) -> dict[str, int]:
    """How many contacts ``campaign`` has in each of the six languages (zeros included)."""
    with ledger.session() as session:
        query = (
            select(Contact.language, func.count())
            .where(Contact.campaign == campaign)
            .group_by(Contact.language)
        )
        counts = {language: int(count) for language, count in session.execute(query)}
    return {language: counts.get(language, 0) for language in LANGUAGES}

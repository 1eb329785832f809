from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from circular.ledger import Contact, Ledger, Message, MessageStatus, reminder_kind

# The ledger's own suite runs on SQLite and on PostgreSQL: nothing in the model is SQLite-only.
pytestmark = pytest.mark.both_databases


def _contact(campaign: str = "cl-21-4", iso3: str = "ESP") -> Contact:
    return Contact(
        campaign=campaign, contact_key=iso3, iso3=iso3, language="es", email="m@esp.example"
    )


def test_tables_created_on_first_use(ledger: Ledger) -> None:
    with ledger.session() as session:
        session.add(_contact())
    with ledger.session() as session:
        found = session.scalars(select(Contact)).one()
        assert found.email == "m@esp.example"
        assert found.created_at.tzinfo is not None


def test_one_message_per_contact_and_kind(ledger: Ledger) -> None:
    with ledger.session() as session:
        contact = _contact()
        session.add(contact)
        session.flush()
        session.add(
            Message(
                campaign="cl-21-4",
                contact_id=contact.id,
                kind="invitation",
                token="a" * 16,
                message_id="<a.cl-21-4@example.org>",
            )
        )
    with pytest.raises(IntegrityError), ledger.session() as session:
        session.add(
            Message(
                campaign="cl-21-4",
                contact_id=contact.id,
                kind="invitation",
                token="b" * 16,
                message_id="<b.cl-21-4@example.org>",
            )
        )


def test_timestamps_are_utc_aware(ledger: Ledger) -> None:
    sent = datetime(2021, 2, 3, 9, 0, tzinfo=UTC)
    with ledger.session() as session:
        contact = _contact()
        session.add(contact)
        session.flush()
        session.add(
            Message(
                campaign="cl-21-4",
                contact_id=contact.id,
                kind="invitation",
                token="c" * 16,
                message_id="<c.cl-21-4@example.org>",
                status=MessageStatus.SENT,
                sent_at=sent,
            )
        )
    with ledger.session() as session:
        message = session.scalars(select(Message)).one()
        assert message.sent_at == sent


def test_naive_datetimes_are_refused(ledger: Ledger) -> None:
    with pytest.raises(Exception, match="naive"), ledger.session() as session:
        contact = _contact()
        contact.created_at = datetime(2021, 2, 3)
        session.add(contact)


def test_reminder_kinds() -> None:
    assert reminder_kind(1) == "reminder-1"
    with pytest.raises(ValueError):
        reminder_kind(0)

"""The ledger's migrations, on SQLite and on PostgreSQL: a ledger made by commit 542ad48's schema
(no version table) is upgraded by ``circular db upgrade`` with its rows kept; a ledger at another
revision is refused with the command to run; and the migrations make exactly the models' schema
(Alembic's compare_metadata): a column added to a model without its revision fails here."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import MetaData, create_engine, select, text
from typer.testing import CliRunner

from circular.cli import _register, app
from circular.ledger import (
    Base,
    Contact,
    IntakeFile,
    Ledger,
    LedgerRevisionError,
    MailboxState,
    Message,
    Reply,
    known_revisions,
    upgrade_ledger,
)

pytestmark = pytest.mark.both_databases

OLD_SCHEMA = Path(__file__).parent / "data" / "ledger_542ad48"
WHEN = datetime(2026, 11, 28, 9, 30, tzinfo=UTC)


def _old_ledger(url: str) -> None:
    """A ledger as commit 542ad48 made it, with a row in every table."""
    engine = create_engine(url)
    script = (OLD_SCHEMA / f"schema.{engine.dialect.name}.sql").read_text(encoding="utf-8")
    code = "\n".join(line for line in script.splitlines() if not line.startswith("--"))
    statements = [s for s in code.split(";") if s.strip()]
    with engine.begin() as connection:
        for statement in statements:
            connection.execute(text(statement))
        # The rows as the old code wrote them: into the old tables, read back from the database
        # (today's models have columns those tables lack).
        old = MetaData()
        old.reflect(connection)
        tables = dict(old.tables)
        connection.execute(
            tables["intake_files"].insert(),
            dict(id=1, campaign="cl-21-4", name="ministers.csv", sha256="ab" * 32, size=10,
                 status="loaded", rows=1, report="", stored_path="", received_at=WHEN),
        )  # fmt: skip
        connection.execute(
            tables["contacts"].insert(),
            dict(id=1, campaign="cl-21-4", contact_key="ESP", iso3="ESP", language="es",
                 email="ministra@esp.example", cc=["gabinete@esp.example"], salutation="",
                 title="Excma. Sra.", name="Ministra", position="", ministry="", extra={},
                 source_file_id=1, source_row=2, created_at=WHEN, updated_at=WHEN),
        )  # fmt: skip
        connection.execute(
            tables["messages"].insert(),
            dict(id=1, campaign="cl-21-4", contact_id=1, kind="invitation", token="t1",
                 message_id="<t1.cl-21-4@itu.example>", status="sent", attempts=1,
                 to_addrs=["ministra@esp.example"], refused={}, last_smtp_code=250,
                 last_smtp_answer="OK", claimed_by="", created_at=WHEN, sent_at=WHEN),
        )  # fmt: skip
        connection.execute(
            tables["replies"].insert(),
            dict(id=1, campaign="cl-21-4", mailbox="INBOX", uidvalidity=4_000_000_000, uid=7,
                 message_id="<r1@esp.example>", from_addr="ministra@esp.example", subject="Re",
                 kind="accept", evidence="acepto", confidence=0.9, delegate="",
                 bounce_recipient="", matched_message_id=1, match_method="in-reply-to",
                 decided_by="classifier", decision_note="", status="done", text_excerpt="",
                 filed_to="Circular/Accepted", created_at=WHEN),
        )  # fmt: skip
        connection.execute(
            tables["mailbox_state"].insert(),
            dict(folder="INBOX", uidvalidity=4_000_000_000, last_uid=7, updated_at=WHEN),
        )
    engine.dispose()


def _schema_differences(url: str) -> list[object]:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            return list(compare_metadata(context, Base.metadata))
    finally:
        engine.dispose()


def test_an_old_ledger_is_refused_then_upgraded_with_its_rows(ledger_url: str) -> None:
    _old_ledger(ledger_url)
    with pytest.raises(LedgerRevisionError, match="run `circular db upgrade`"):
        Ledger(ledger_url)
    _register()
    result = CliRunner().invoke(app, ["db", "upgrade", "--url", ledger_url])
    print(result.output)
    assert result.exit_code == 0, result.output
    head = known_revisions()[0]
    assert f"ledger upgraded from revision none (baseline) to {head}" in result.output
    again = CliRunner().invoke(app, ["db", "upgrade", "--url", ledger_url])
    assert f"ledger already at revision {head}" in again.output

    ledger = Ledger(ledger_url)  # opens now
    try:
        with ledger.session() as session:
            contact = session.scalars(select(Contact)).one()
            message = session.scalars(select(Message)).one()
            reply = session.scalars(select(Reply)).one()
            assert (contact.email, contact.cc) == ("ministra@esp.example", ["gabinete@esp.example"])
            assert (message.status, message.sent_at) == ("sent", WHEN)
            assert (reply.uidvalidity, reply.matched_message_id) == (4_000_000_000, message.id)
            assert session.scalars(select(IntakeFile)).one().name == "ministers.csv"
            assert session.get(MailboxState, "INBOX").last_uid == 7
    finally:
        ledger.dispose()
    assert _schema_differences(ledger_url) == []


def test_the_migrations_make_the_models_schema(ledger_url: str) -> None:
    """Fails when a model gains a column, table or index that no revision adds: write the
    revision (docs/operations.md, "Ledger migrations")."""
    assert upgrade_ledger(ledger_url) == (None, known_revisions()[0])
    assert _schema_differences(ledger_url) == []


def test_a_revision_this_circular_does_not_know_is_refused(ledger_url: str) -> None:
    Ledger(ledger_url).dispose()  # a new ledger, at the head revision
    engine = create_engine(ledger_url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9fe1c0ffee'"))
    engine.dispose()
    with pytest.raises(LedgerRevisionError, match="9fe1c0ffee, which this circular does not know"):
        Ledger(ledger_url)

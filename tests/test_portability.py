"""What PostgreSQL enforces and SQLite does not: the ledger and the intake behave alike on both
(text lengths, 32-bit unsigned IMAP numbers, NUL characters)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from circular.contacts import ProblemKind, check_file, intake_folder
from circular.ledger import Contact, IntakeStatus, Ledger, MailboxState, Reply, ReplyKind
from circular.settings import Settings, load_settings

pytestmark = pytest.mark.both_databases

NOW = datetime(2021, 2, 3, 9, 30, tzinfo=UTC)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings whose folders are all under a temporary folder."""
    return load_settings(
        data_dir=tmp_path / "data",
        drop_folder=tmp_path / "inbox",
        processed_folder=tmp_path / "processed",
        rejected_folder=tmp_path / "rejected",
    )


def test_long_free_text_from_a_contact_file_loads(settings: Settings, ledger: Ledger) -> None:
    # Contact files set no length limit on names and titles: what SQLite accepts, PostgreSQL
    # must accept too (it enforces VARCHAR lengths).
    ministry = "Ministère " + "de l'Europe et des Affaires étrangères, " * 40 + "Paris"
    name = "Jean-" * 150 + "Yves"
    settings.drop_folder.mkdir(parents=True)
    (settings.drop_folder / "long.csv").write_text(
        f'country,email,name,ministry,title\nFRA,m@fra.example,{name},"{ministry}",{"T" * 300}\n',
        encoding="utf-8",
    )
    [result] = intake_folder(settings, ledger, now=NOW)
    assert result.status == IntakeStatus.LOADED, result.report
    with ledger.session() as session:
        contact = session.query(Contact).one()
        assert (contact.name, contact.ministry, contact.title) == (name, ministry, "T" * 300)


def test_imap_numbers_use_all_32_bits(ledger: Ledger) -> None:
    # UIDVALIDITY and UIDs are unsigned 32-bit numbers (RFC 3501 nz-number): up to 2**32 - 1.
    top = 2**32 - 1
    with ledger.session() as session:
        session.add(MailboxState(folder="INBOX", uidvalidity=top, last_uid=top - 1))
        session.add(Reply(mailbox="INBOX", uidvalidity=top, uid=top, kind=ReplyKind.OTHER.value))
    with ledger.session() as session:
        state = session.get(MailboxState, "INBOX")
        reply = session.query(Reply).one()
        assert state is not None and (state.uidvalidity, state.last_uid) == (top, top - 1)
        assert (reply.uidvalidity, reply.uid) == (top, top)


def test_a_nul_character_in_utf16_text_is_refused_clearly(settings: Settings) -> None:
    # PostgreSQL cannot store U+0000 and no contact value holds one: refused on every database.
    settings.drop_folder.mkdir(parents=True)
    path = settings.drop_folder / "nul.csv"
    path.write_bytes("country,email,name\nESP,m@esp.example,Jo\x00sé\n".encode("utf-16"))
    [problem] = check_file(path).problems
    assert problem.kind == ProblemKind.UNREADABLE_ENCODING
    assert "NUL characters" in problem.detail

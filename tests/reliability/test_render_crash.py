"""Crash test of rendering: letters are written without an fsync each (their folder is synced
once per batch, before the ledger records their sha256). A renderer killed with SIGKILL
mid-batch leaves every recorded letter whole; a letter torn afterwards (what a power cut may
leave of an unsynced file) is refused when its message is built and rendered again, never
sent torn."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from circular.campaign import load_campaign
from circular.ledger import Contact, Ledger, Letter, contacts_of
from circular.letters.render import render_campaign
from circular.sending.outgoing import campaign_messages

ROOT = Path(__file__).resolve().parents[2]
CAMPAIGN = ROOT / "letters" / "cl-21-4"
LETTERS = 3000  # a forked pool writes 500 letters in about half a second: room to kill it mid-run
KILL_AFTER = 700  # letters written, and the first batch of RECORD_BATCH (500) recorded


def _add_contacts(ledger: Ledger, count: int) -> None:
    with ledger.session() as session:
        session.add_all(
            Contact(
                campaign="cl-21-4", contact_key=f"ESP:{n}", iso3="ESP", language="es",
                email=f"minister-{n}@country{n}.example", name=f"Ministra {n}",
            )
            for n in range(count)
        )  # fmt: skip


def _any_recorded(ledger: Ledger) -> bool:
    with ledger.session() as session:
        return session.scalars(select(Letter.contact_id).limit(1)).first() is not None


def _recorded(ledger: Ledger) -> dict[int, Letter]:
    with ledger.session() as session:
        return {row.contact_id: row for row in session.scalars(select(Letter))}


@pytest.mark.slow
def test_a_renderer_killed_mid_batch_and_a_torn_letter_are_rendered_again(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'ledger.sqlite3'}"
    ledger = Ledger(url)
    _add_contacts(ledger, LETTERS)
    out = tmp_path / "out"
    out.mkdir()
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.support.render_driver", url, str(out)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 180
    # Killed once a batch is recorded and more letters are written: the workers write ahead
    # of the records, by as many letters as are in flight, so the count of files alone does
    # not tell that a batch is recorded.
    while (
        len(list(out.glob("*.docx"))) < KILL_AFTER or not _any_recorded(ledger)
    ) and process.poll() is None:
        assert time.monotonic() < deadline, "the renderer made no progress"
        time.sleep(0.005)
    assert process.poll() is None, "the renderer finished before it could be killed"
    process.kill()
    process.communicate()

    written = len(list(out.glob("*.docx")))
    recorded = _recorded(ledger)
    assert KILL_AFTER <= written < LETTERS
    assert len(recorded) < written  # letters written since the last batch have no record
    for row in recorded.values():  # every recorded letter is whole
        assert hashlib.sha256(Path(row.path).read_bytes()).hexdigest() == row.sha256

    # A power cut may leave an unsynced letter torn: tear a recorded one.
    torn = Path(next(iter(recorded.values())).path)
    torn.write_bytes(torn.read_bytes()[:1000])
    campaign = load_campaign(CAMPAIGN).model_copy(update={"attach": ["docx"]})
    built = campaign_messages(ledger, campaign, out.parent)
    assert (
        f"{torn.name} is not the letter recorded when it was rendered (torn or changed); "
        "run the rendering again"
    ) in "\n".join(built.problems)
    assert all(torn not in message.attachments for message in built.messages)

    # Rendering again remakes the torn letter and those without a record, and only them.
    with ledger.session() as session:
        contacts = contacts_of(session, campaign.id)
    report = render_campaign(campaign, contacts, out, ledger, several_per_country=True)
    assert report.rendered == LETTERS - len(recorded) + 1
    after = _recorded(ledger)
    assert len(after) == LETTERS
    for row in after.values():
        assert hashlib.sha256(Path(row.path).read_bytes()).hexdigest() == row.sha256
    built = campaign_messages(ledger, campaign, out.parent)
    assert not [p for p in built.problems if "torn" in p]
    ledger.dispose()

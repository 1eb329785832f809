"""Claiming pending messages (``claim_pending``): two claimers never get the same row, on
SQLite and on PostgreSQL, in one process or in two."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import insert, select, text

from circular.ledger import (
    Contact,
    Ledger,
    Message,
    MessageKind,
    MessageStatus,
    claim_pending,
    reminder_kind,
)

pytestmark = pytest.mark.both_databases

ROOT = Path(__file__).resolve().parent.parent
CAMPAIGN = "cl-21-4"
INVITATION = MessageKind.INVITATION.value


def add_messages(ledger: Ledger, count: int, **fields: object) -> list[int]:
    """``count`` contacts with one invitation each (``fields`` override the message's); their
    message ids in order."""
    with ledger.session() as session:
        first = session.scalar(select(Contact.id).order_by(Contact.id.desc()).limit(1)) or 0
        session.execute(
            insert(Contact),
            [
                {
                    "campaign": CAMPAIGN,
                    "contact_key": f"K{first + n}",
                    "iso3": "ESP",
                    "language": "es",
                    "email": f"m{first + n}@esp.example",
                }
                for n in range(1, count + 1)
            ],
        )
        keys = [f"K{first + n}" for n in range(1, count + 1)]
        contacts = session.scalars(select(Contact.id).where(Contact.contact_key.in_(keys)))
        rows = [
            {
                "campaign": CAMPAIGN,
                "contact_id": contact_id,
                "kind": INVITATION,
                "token": f"t{contact_id}",
                "message_id": f"<t{contact_id}.{CAMPAIGN}@example.org>",
                **fields,
            }
            for contact_id in contacts
        ]
        session.execute(insert(Message), rows)
    with ledger.session() as session:
        query = select(Message.id).where(Message.token.in_([row["token"] for row in rows]))
        return sorted(session.scalars(query))


def test_claims_take_due_pending_rows_of_the_campaign_and_kind_once(ledger: Ledger) -> None:
    now = datetime(2021, 2, 3, 9, 0, tzinfo=UTC)
    due = add_messages(ledger, 3)
    due += add_messages(ledger, 1, scheduled_for=now - timedelta(minutes=1))
    later = add_messages(ledger, 1, scheduled_for=now + timedelta(minutes=1))
    add_messages(ledger, 1, status=MessageStatus.SENT.value)
    add_messages(ledger, 1, kind=reminder_kind(1))
    add_messages(ledger, 1, campaign="cl-22-1")

    with ledger.session() as session:
        first = claim_pending(session, CAMPAIGN, INVITATION, 3, "a", now=now)
    with ledger.session() as session:
        second = claim_pending(session, CAMPAIGN, INVITATION, 3, "b", now=now)
    with ledger.session() as session:
        third = claim_pending(session, CAMPAIGN, INVITATION, 3, "c", now=now)

    assert [m.id for m in first] == due[:3]
    assert [m.id for m in second] == due[3:]
    assert third == []
    for message, claimer in [*((m, "a") for m in first), *((m, "b") for m in second)]:
        assert (message.status, message.claimed_by) == (MessageStatus.SENDING, claimer)
        assert message.attempts == 1
        assert message.claimed_at == now
    with ledger.session() as session:
        waiting = session.get(Message, later[0])
        assert waiting is not None and waiting.status == MessageStatus.PENDING
    with ledger.session() as session:
        assert [m.id for m in claim_pending(session, CAMPAIGN, INVITATION, 5, "d")] == later


def start_claimer(ledger: Ledger, name: str, folder: Path, go: Path) -> subprocess.Popen[str]:
    """A claimer process (tests/claim_driver.py) that claims 3 rows per transaction."""
    ready = folder / f"ready-{name}"
    command = ["-m", "tests.claim_driver", ledger.url, CAMPAIGN, INVITATION, "3", name]
    return subprocess.Popen(
        [sys.executable, *command, str(ready), str(go)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_processes_never_claim_the_same_row(ledger: Ledger, tmp_path: Path) -> None:
    messages = add_messages(ledger, 600)
    go = tmp_path / "go"
    workers = {name: start_claimer(ledger, name, tmp_path, go) for name in ("one", "two")}
    try:
        deadline = time.monotonic() + 60
        while not all((tmp_path / f"ready-{name}").exists() for name in workers):
            assert time.monotonic() < deadline, "the claimers did not start"
            assert all(worker.poll() is None for worker in workers.values())
            time.sleep(0.01)
        go.touch()
        outputs = {name: worker.communicate(timeout=120) for name, worker in workers.items()}
    finally:
        for worker in workers.values():
            if worker.poll() is None:
                worker.kill()
    for name, worker in workers.items():
        assert worker.returncode == 0, outputs[name][1]
    claimed = {name: json.loads(out) for name, (out, _err) in outputs.items()}

    one, two = set(claimed["one"]), set(claimed["two"])
    assert len(one) == len(claimed["one"]) and len(two) == len(claimed["two"])
    assert not one & two, "a row was claimed twice"
    assert one | two == set(messages), "a pending row was left unclaimed"
    with ledger.session() as session:
        rows = session.execute(select(Message.id, Message.claimed_by, Message.status)).all()
    assert {(id_, by) for id_, by, _ in rows} == {
        *((id_, "one") for id_ in one),
        *((id_, "two") for id_ in two),
    }
    assert {status for _, _, status in rows} == {MessageStatus.SENDING}
    print(f"claims: one {len(one)}, two {len(two)}")


@pytest.mark.postgres
def test_on_postgresql_a_claim_in_progress_is_skipped_not_waited_for(postgres_url: str) -> None:
    ledger = Ledger(postgres_url)
    try:
        messages = add_messages(ledger, 5)
        with ledger.session() as holding:
            # Not yet committed: these rows are locked by this transaction.
            held = [m.id for m in claim_pending(holding, CAMPAIGN, INVITATION, 2, "slow")]
            with ledger.session() as other:
                # Were the held rows waited for, this would fail after 5 s instead of hanging.
                other.execute(text("SET LOCAL lock_timeout = '5s'"))
                # Returns at once with the other rows: it neither waits nor takes the held ones.
                taken = claim_pending(other, CAMPAIGN, INVITATION, 10, "fast")
            holding.rollback()  # the slow claimer gives up: its rows are pending again
        with ledger.session() as session:
            retaken = claim_pending(session, CAMPAIGN, INVITATION, 10, "late")
    finally:
        ledger.dispose()
    assert held == messages[:2]
    assert [m.id for m in taken] == messages[2:]
    assert [m.id for m in retaken] == messages[:2]

"""Claiming a message for sending (``circular.sending.claims.claim``, what the outbox calls as each
send starts): two claimers never get the same row, on SQLite and on PostgreSQL, in one process
or in two."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import insert, select, update

from circular.ledger import Contact, Ledger, Message, MessageKind, MessageStatus, utcnow
from circular.sending.claims import claim

pytestmark = pytest.mark.both_databases

ROOT = Path(__file__).resolve().parents[2]
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


def test_a_claim_takes_a_due_pending_row_once(ledger: Ledger) -> None:
    now = utcnow()
    due = add_messages(ledger, 3)
    due += add_messages(ledger, 1, scheduled_for=now - timedelta(minutes=1))
    later = add_messages(ledger, 1, scheduled_for=now + timedelta(hours=1))
    done = add_messages(ledger, 1, status=MessageStatus.SENT.value)
    every = [*due, *later, *done]

    first = [row_id for row_id in every if claim(ledger, row_id, "a")]
    second = [row_id for row_id in every if claim(ledger, row_id, "b")]

    assert first == due
    assert second == []
    with ledger.session() as session:
        for row_id in first:
            message = session.get(Message, row_id)
            assert message is not None
            assert (message.status, message.claimed_by) == (MessageStatus.SENDING, "a")
            assert message.attempts == 1
            assert message.claimed_at is not None and message.claimed_at >= now
        waiting = session.get(Message, later[0])
        assert waiting is not None and waiting.status == MessageStatus.PENDING
    # The run that scheduled a retry claims it before its time; nobody else does.
    assert claim(ledger, later[0], "d", retry=True)


def start_claimer(ledger: Ledger, name: str, folder: Path, go: Path) -> subprocess.Popen[str]:
    """A claimer process (tests/support/claim_driver.py) that tries to claim every pending row."""
    ready = folder / f"ready-{name}"
    command = ["-m", "tests.support.claim_driver", ledger.url, CAMPAIGN, INVITATION, name]
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
def test_on_postgresql_a_claim_waits_only_for_a_claim_in_flight_on_its_row(
    postgres_url: str,
) -> None:
    ledger = Ledger(postgres_url)
    outcome: dict[str, list[int]] = {}
    try:
        messages = add_messages(ledger, 5)
        with ledger.engine.connect() as holding:
            # Another sender's claim of the first two rows, not yet committed: PostgreSQL
            # holds their row locks until it ends.
            holding.begin()
            claim_two = (
                update(Message)
                .where(Message.id.in_(messages[:2]), Message.status == MessageStatus.PENDING)
                .values(status=MessageStatus.SENDING, claimed_by="slow")
                .returning(Message.id)
            )
            held = sorted(holding.scalars(claim_two))
            # The other rows are not locked: claiming them does not wait.
            taken = [row_id for row_id in messages[2:] if claim(ledger, row_id, "fast")]

            def claim_held() -> None:
                outcome["late"] = [
                    row_id for row_id in messages[:2] if claim(ledger, row_id, "late")
                ]

            # This claim waits for the one in flight, then sees its outcome: the slow claimer
            # gives up (rollback), so the rows are pending again and the late claim wins them.
            late = threading.Thread(target=claim_held)
            late.start()
            holding.rollback()
        late.join(timeout=60)
        assert not late.is_alive(), "a claim hung on a row no longer locked"
    finally:
        ledger.dispose()
    assert held == messages[:2]
    assert taken == messages[2:]
    assert outcome["late"] == messages[:2]

"""Group commit (issue 20): claims and acceptances written in batches of at most N messages or
T seconds. A batch the process dies with is reconciled (Sent folder, else ``unknown``), never
sent again."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from circular.ledger import Ledger, Message, MessageStatus, utcnow
from circular.sending import claims
from circular.sending.commits import OutcomeLog
from circular.sending.outbox import SendOptions, prepare, send
from circular.sending.smtp import SmtpConfig
from circular.settings import Security, Settings
from tests.servers.smtp_server import smtp_server
from tests.support.outbox_helpers import add_contacts, letters_for

ROOT = Path(__file__).resolve().parents[2]


def _statuses(ledger: Ledger) -> dict[int, str]:
    with ledger.session() as session:
        return {m.id: m.status for m in session.scalars(select(Message))}


def _claimed_rows(ledger: Ledger, count: int, claimer: str) -> list[int]:
    rows = prepare(ledger, letters_for(add_contacts(ledger, count)))
    ids = [row.id for row in rows]
    assert claims.claim_many(ledger, ids, claimer) == set(ids)
    return ids


def _accepted(row_id: int) -> claims.Accepted:
    return claims.Accepted(row_id, ("a@x.example",), 250, "ok", {}, sent_at=utcnow())


@pytest.mark.both_databases
def test_acceptances_wait_for_a_full_batch_of_n(ledger: Ledger) -> None:
    ids = _claimed_rows(ledger, 7, "me")
    log = OutcomeLog(ledger, "me", batch=3, interval=3600)
    for row_id in ids[:2]:
        log.accepted(_accepted(row_id))
    assert set(_statuses(ledger).values()) == {MessageStatus.SENDING}  # 2 < N: not yet
    log.accepted(_accepted(ids[2]))
    written = _statuses(ledger)
    assert [written[i] for i in ids[:3]] == [MessageStatus.SENT] * 3  # N reached: one write
    for row_id in ids[3:]:
        log.accepted(_accepted(row_id))
    assert [written[i] for i in ids[3:]] == [MessageStatus.SENDING] * 4
    after = _statuses(ledger)
    assert [after[i] for i in ids[3:6]] == [MessageStatus.SENT] * 3
    assert after[ids[6]] == MessageStatus.SENDING and log.waiting  # the 7th waits
    log.flush()
    assert set(_statuses(ledger).values()) == {MessageStatus.SENT}


def test_an_acceptance_waits_at_most_t(ledger: Ledger) -> None:
    ids = _claimed_rows(ledger, 2, "me")

    async def scenario() -> tuple[str, str, float]:
        log = OutcomeLog(ledger, "me", batch=1000, interval=0.3)
        timer = asyncio.create_task(log.run())
        started = asyncio.get_running_loop().time()
        log.accepted(_accepted(ids[0]))
        await asyncio.sleep(0.1)
        early = _statuses(ledger)[ids[0]]
        while _statuses(ledger)[ids[0]] != MessageStatus.SENT:
            await asyncio.sleep(0.01)
        waited = asyncio.get_running_loop().time() - started
        timer.cancel()
        return early, _statuses(ledger)[ids[1]], waited

    early, untouched, waited = asyncio.run(scenario())
    assert early == MessageStatus.SENDING  # within T: still waiting
    assert untouched == MessageStatus.SENDING  # never accepted: not written
    assert 0.3 <= waited < 1.5


@pytest.mark.both_databases
def test_a_claim_batch_skips_rows_another_sender_won(ledger: Ledger) -> None:
    rows = prepare(ledger, letters_for(add_contacts(ledger, 5)))
    ids = [row.id for row in rows]
    assert claims.claim(ledger, ids[1], "other")
    assert claims.claim_many(ledger, ids, "me") == set(ids) - {ids[1]}
    assert claims.claim_many(ledger, ids, "third") == set()


def test_settings_give_the_batch_and_its_time_bound() -> None:
    settings = Settings(_env_file=None, smtp_commit_batch=8, smtp_commit_ms=250)  # type: ignore[call-arg]
    options = SendOptions.from_settings(settings)
    assert (options.commit_batch, options.commit_interval) == (8, 0.25)
    default = SendOptions.from_settings(Settings(_env_file=None))  # type: ignore[call-arg]
    assert (default.commit_batch, default.commit_interval) == (32, 0.1)


# The sender dies by SIGKILL (sent to itself) once the server has accepted every letter, with
# every acceptance still waiting in its batch (N and T far away).
_DIE_WITH_A_BATCH = """
import os, signal, sys
import pytest
from sqlalchemy import select
from circular.ledger import Contact, Ledger
from circular.sending.outbox import SendOptions, send
from circular.sending.smtp import SmtpConfig
from circular.settings import Security
from tests.support.outbox_helpers import letters_for
ledger = Ledger(sys.argv[1])
with ledger.session() as session:
    ids = list(session.scalars(select(Contact.id).order_by(Contact.id)))
sent = []
def progress(event, message):
    sent.append(event)
    if len(sent) == len(ids):
        os.kill(os.getpid(), signal.SIGKILL)
options = SendOptions(connections=2, commit_batch=1000, commit_interval=3600)
config = SmtpConfig("127.0.0.1", int(sys.argv[2]), security=Security.NONE)
send(ledger, letters_for(ids), config, options, progress=progress)
"""


def test_a_batch_lost_in_a_crash_is_reconciled_never_resent(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'ledger.sqlite3'}"
    ledger = Ledger(url)
    letters = letters_for(add_contacts(ledger, 12))
    with smtp_server() as (server, handler):
        died = subprocess.run(
            [sys.executable, "-c", _DIE_WITH_A_BATCH, url, str(server.port)],
            cwd=ROOT,
            capture_output=True,
            timeout=120,
        )
        assert died.returncode == -9, died.stderr.decode()
        received = handler.message_ids()
        assert len(received) == 12 and set(received.values()) == {1}
        # Every acceptance died in the batch: the rows are still ``sending``.
        assert set(_statuses(ledger).values()) == {MessageStatus.SENDING}
        # The Sent folder (here: what the server received) knows 5 of them.
        in_sent = set(sorted(received)[:5])
        reconciled = claims.reconcile(ledger, "cl-21-4", lambda ids: set(ids) & in_sent)
        again = send(
            ledger,
            letters,
            SmtpConfig("127.0.0.1", server.port, security=Security.NONE),
            SendOptions(connections=2),
        )
        after = handler.message_ids()
    assert set(reconciled.sent) == in_sent and len(reconciled.unknown) == 7
    assert again.sent == 0 and again.already_done == 12
    assert after == received  # nothing sent twice
    with ledger.session() as session:
        statuses = {m.message_id: m.status for m in session.scalars(select(Message))}
    ledger.dispose()
    assert {m for m, s in statuses.items() if s == MessageStatus.SENT} == in_sent
    assert sum(1 for s in statuses.values() if s == MessageStatus.UNKNOWN) == 7

"""Crash test: a sender process killed with SIGKILL at random points never causes a letter to
be mailed twice, and no letter is lost: each is received by the server or reported ``unknown``.
"""

from __future__ import annotations

import random
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from circular.ledger import Ledger, Message, MessageStatus
from tests.servers.smtp_server import RecordingHandler, smtp_server
from tests.support.outbox_helpers import add_contacts

LETTERS = 500
TRIALS = 5
ROOT = Path(__file__).resolve().parents[2]


def _start(url: str, port: int) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.support.send_driver", url, str(port)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _kill_after(process: subprocess.Popen[bytes], handler: RecordingHandler, count: int) -> bool:
    """SIGKILL ``process`` once the server has received ``count`` messages. False if it
    finished first."""
    deadline = time.monotonic() + 120
    while len(handler.received) < count and process.poll() is None:
        if time.monotonic() > deadline:
            process.kill()
            raise AssertionError("the sender made no progress for 120 s")
        time.sleep(0.001)
    killed = process.poll() is None
    process.kill()
    process.communicate()
    return killed


@pytest.mark.slow
def test_sigkill_at_random_points_never_duplicates_nor_loses(tmp_path: Path) -> None:
    rng = random.Random()
    figures = {
        "trials": TRIALS,
        "letters": 0,
        "kills": 0,
        "duplicates": 0,
        "unknown": 0,
        "unknown_received": 0,
        "lost": 0,
    }
    for trial in range(TRIALS):
        url = f"sqlite:///{tmp_path / f'trial{trial}.sqlite3'}"
        ledger = Ledger(url)
        add_contacts(ledger, LETTERS)
        with smtp_server() as (server, handler):
            # Two kills at random points, then a run to the end.
            first = rng.randint(1, LETTERS - 100)
            second = rng.randint(first + 1, LETTERS - 10)
            for point in (first, second):
                figures["kills"] += _kill_after(_start(url, server.port), handler, point)
            final = _start(url, server.port)
            _out, err = final.communicate(timeout=300)
            assert final.returncode == 0, err.decode()
            received = handler.message_ids()
        with ledger.session() as session:
            messages = list(session.scalars(select(Message)))
        ledger.dispose()
        duplicates = sum(count - 1 for count in received.values() if count > 1)
        unknown = [m for m in messages if m.status == MessageStatus.UNKNOWN]
        lost = [
            m
            for m in messages
            if m.status != MessageStatus.UNKNOWN
            and not (m.status == MessageStatus.SENT and received[m.message_id] == 1)
        ]
        assert len(messages) == LETTERS
        assert set(received) <= {m.message_id for m in messages}
        assert duplicates == 0, f"trial {trial}: {duplicates} letters received twice"
        assert not lost, f"trial {trial}: lost {[(m.contact_id, m.status) for m in lost]}"
        figures["letters"] += LETTERS
        figures["duplicates"] += duplicates
        figures["unknown"] += len(unknown)
        figures["unknown_received"] += sum(1 for m in unknown if received[m.message_id])
        figures["lost"] += len(lost)
    print("\ncrash test:", figures)
    assert figures["kills"] >= TRIALS  # the kills did land mid-run

"""A sender stops when told, at any moment: two ``circular send`` processes share one limit
(CIRCULAR_SMTP_RATE_PER_MINUTE=120, so their workers mostly wait for the limiter's slot in the
ledger) and get SIGINT or SIGTERM; each must exit within STOP_WITHIN seconds with its
documented status (130 for SIGINT, 143 for SIGTERM), having said what it left, and the ledger
must agree with what the SMTP server received: no letter twice, none received but ``pending``.

Also a Ctrl-C that lands while the process still starts and is lost there (C extensions such
as PyYAML's and lxml's swallow a KeyboardInterrupt raised during their import; seen in a run of
test_shared_limit, where a sender then sent its whole campaign): the send must not begin."""

from __future__ import annotations

import asyncio
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import select, update

from circular.ledger import Ledger, Message, MessageStatus, SendAccount, SendSlot
from circular.sending.ratelimit import SharedRateLimiter
from tests.reliability.test_shared_limit import ROOT, campaign_copy, send_together, sender_env
from tests.servers.smtp_server import Received, smtp_server

#: A few seconds: the run's cleanup, well within one SMTP timeout.
STOP_WITHIN = 10.0

pytestmark = [pytest.mark.slow, pytest.mark.both_databases]


def _wait_until_both_send(received: list[Received], campaigns: list[str]) -> None:
    """Until the server has a letter of each campaign (the Message-ID names its campaign)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if all(any(f".{name}@" in item.message_id for item in received) for name in campaigns):
            return
        time.sleep(0.05)
    raise AssertionError(f"the senders did not both start sending: {len(received)} received")


def _stop(processes: list[subprocess.Popen[bytes]], signum: int) -> list[tuple[int, str]]:
    """Send ``signum`` to each; their exit statuses and error output, failing if one does not
    exit within STOP_WITHIN seconds."""
    for process in processes:
        process.send_signal(signum)
    deadline = time.monotonic() + STOP_WITHIN
    stopped = []
    for process in processes:
        try:
            _out, err = process.communicate(timeout=max(deadline - time.monotonic(), 0.1))
        except subprocess.TimeoutExpired:
            for other in processes:
                other.kill()
            _out, err = process.communicate()
            raise AssertionError(
                f"a sender ignored {signal.Signals(signum).name} for {STOP_WITHIN:g} s:\n"
                + err.decode()[-2000:]
            ) from None
        stopped.append((process.returncode, err.decode()))
    return stopped


def _check_ledger(ledger: Ledger, received: list[Received]) -> Counter[str]:
    """No letter received twice; every ``sent`` row received; nothing received left
    ``pending`` (a next run would send it again). Returns the rows per status."""
    got = Counter(item.message_id for item in received)
    assert max(got.values(), default=1) == 1, [m for m, n in got.items() if n > 1]
    with ledger.session() as session:
        rows = session.execute(select(Message.message_id, Message.status)).all()
    status = {message_id: state for message_id, state in rows}
    assert [m for m, s in status.items() if s == MessageStatus.SENT and m not in got] == []
    assert [m for m in got if status.get(m) == MessageStatus.PENDING] == []
    assert set(got) <= set(status), "the server received a letter the ledger does not know"
    return Counter(status.values())


@pytest.mark.parametrize(
    ("signum", "expected"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)], ids=["int", "term"]
)
def test_two_senders_sharing_the_limit_stop_at_several_moments(
    tmp_path: Path, ledger: Ledger, signum: int, expected: int
) -> None:
    # The moments after both sent their first letter: slots come every 0.5 s, so these land
    # while a worker waits for its slot, holds the ledger's lock, sends or records.
    moments = [0.0, 0.7] if signum == signal.SIGINT else [0.35]
    with smtp_server() as (server, handler):
        for round_, moment in enumerate(moments):
            names = [f"cl-21-{10 + 2 * round_}", f"cl-21-{11 + 2 * round_}"]
            folders = [campaign_copy(tmp_path, ledger, name) for name in names]
            processes = send_together(tmp_path, ledger, folders, server.port)
            _wait_until_both_send(handler.received, names)
            time.sleep(moment)
            for status, err in _stop(processes, signum):
                assert status == expected, err
                assert "interrupted: sent" in err, err
            counts = _check_ledger(ledger, handler.received)
            print(f"{signal.Signals(signum).name} at +{moment:g} s: {dict(counts)}")


def test_a_ctrl_c_lost_while_starting_still_stops_the_send(tmp_path: Path, ledger: Ledger) -> None:
    folder = campaign_copy(tmp_path, ledger, "cl-21-4")
    # The swallowing as a C extension's import does it, at the same moment: after the CLI's
    # package is imported, before the command runs.
    starter = (
        "import os, signal, sys, time\n"
        "import circular.cli\n"
        "try:\n"
        "    os.kill(os.getpid(), signal.SIGINT)\n"
        "    time.sleep(5)\n"
        "except KeyboardInterrupt:\n"
        "    pass\n"
        "sys.argv = ['circular', 'send', '--force', '--campaign', sys.argv[1]]\n"
        "circular.cli.main()\n"
    )
    with smtp_server() as (server, handler):
        process = subprocess.Popen(
            [sys.executable, "-c", starter, str(folder)],
            env=sender_env(tmp_path, ledger, server.port),
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        try:
            _out, err = process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            _out, err = process.communicate()
        assert process.returncode == 130, err.decode()[-2000:]
        assert handler.received == [], f"{len(handler.received)} letters sent after Ctrl-C"
    assert "interrupted: sent 0" in err.decode(), err.decode()
    assert _check_ledger(ledger, []).keys() <= {MessageStatus.PENDING}


def test_a_sender_stopped_while_the_ledger_is_locked_leaves_no_slot(ledger: Ledger) -> None:
    """Cancelled while its look at the limit waits for the ledger's lock (another process's
    transaction), the limiter gives back the slot the look then takes: left in flight, it
    would count against every sender of the account for ``stale_after`` (15 minutes)."""

    async def stopped_mid_look(limiter: SharedRateLimiter) -> None:
        limiter._ensure_account()
        with ledger.engine.connect() as other:  # another sender's transaction holds the lock
            other.execute(update(SendAccount).values(turns=SendAccount.turns + 1))
            waiting = asyncio.create_task(limiter.acquire())
            await asyncio.sleep(0.5)
            waiting.cancel()
            with pytest.raises(asyncio.CancelledError):
                await waiting
            other.commit()
        for _ in range(100):  # the look ends in its thread, then gives its slot back
            await asyncio.sleep(0.05)
            with ledger.session() as session:
                slots = session.execute(select(SendSlot.done_at, SendSlot.delivered)).all()
            if slots and slots[0].done_at is not None:
                break
        assert len(slots) == 1, slots  # the one slot the look took...
        assert slots[0].done_at is not None and slots[0].delivered is False  # ...given back

    asyncio.run(stopped_mid_look(SharedRateLimiter(ledger, "a@127.0.0.1:25", 120, holder="h:1")))

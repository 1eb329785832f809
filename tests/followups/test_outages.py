"""Reminders and acknowledgements exactly once across outages (issue 15 §1): a wave that meets
a mail server that is down ends with a message, not a traceback; the reminders stay pending and
the next run sends each of them once. Against real aiosmtpd servers."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from circular.followups.reminders import (
    FollowupResult,
    Sender,
    run_wave,
    send_acknowledgements,
    send_due_reminders,
)
from circular.ledger import Ledger, Message, MessageStatus
from circular.sending.smtp import SmtpConfig
from circular.settings import Security
from tests.followups.test_reminders import World, make_world, run_times
from tests.servers.smtp_server import free_port


@pytest.fixture
def world(ledger: Ledger, tmp_path: Path) -> Iterator[World]:
    yield from make_world(ledger, tmp_path)


def _down(world: World) -> World:
    """The same world, its mail server unreachable (nothing listens on the port)."""
    dead = SmtpConfig(host="127.0.0.1", port=free_port(), security=Security.NONE)
    return World(world.ledger, world.campaign, world.handler, replace(world.sender, smtp=dead))


def _statuses(ledger: Ledger, kind: str) -> list[str]:
    with ledger.session() as session:
        return sorted(session.scalars(select(Message.status).where(Message.kind == kind)))


def _wave(world: World, sender: Sender) -> list[FollowupResult]:
    """Wave 1 run at each of its runs' moments (the recipients' windows), with ``sender``."""
    return [run_wave(world.ledger, world.campaign, 1, sender, now=at) for at in run_times(world, 1)]


def test_a_wave_cut_by_an_outage_is_completed_by_the_next_run(world: World) -> None:
    everyone = world.arrived()
    cut = _wave(world, _down(world).sender)
    pending = [key for result in cut for key in result.pending]
    assert all(r.sent == [] and r.pending == sorted(r.pending) for r in cut)
    assert len(pending) == 3
    down = _down(world).sender  # a message naming the server, no traceback
    for result in _wave(world, down):
        assert result.problems
        assert result.problems == [p for p in result.problems if f"127.0.0.1:{down.smtp.port}" in p]
        assert result.pending and result.sent == []
    assert _statuses(world.ledger, "reminder-1") == ["pending"] * 3
    assert world.arrived() == []
    again = _wave(world, world.sender)
    assert sum(len(r.sent) for r in again) == 3 and world.arrived() == everyone  # each once
    assert _statuses(world.ledger, "reminder-1") == ["sent"] * 3
    third = _wave(world, world.sender)
    assert all(r.sent == [] for r in third) and world.arrived() == []


def test_a_followup_run_without_a_wave_sends_what_an_outage_left(world: World) -> None:
    world.arrived()
    _wave(world, _down(world).sender)
    # Each pending reminder goes in its recipient's window: those the outage made miss their
    # window wait for their next one (scheduled_for), the others go with the next run.
    with world.ledger.session() as session:
        later = session.scalars(select(Message.scheduled_for).where(Message.kind == "reminder-1"))
        next_windows = sorted({at for at in later if at is not None})
    times = run_times(world, 1) + next_windows
    due = [send_due_reminders(world.ledger, world.campaign, world.sender, now=t) for t in times]
    assert sum(len(r.sent) for r in due) == 3 and len(world.arrived()) == 3
    again = [send_due_reminders(world.ledger, world.campaign, world.sender, now=t) for t in times]
    assert all(r.sent == [] for r in again)


def test_an_acknowledgement_cut_by_an_outage_goes_once_later(world: World) -> None:
    first, _second, _third = world.arrived()
    world.reply(first, "accept")
    now = datetime(2021, 2, 5, tzinfo=UTC)
    cut = send_acknowledgements(world.ledger, world.campaign, _down(world).sender, now=now)
    assert cut.sent == [] and len(cut.pending) == 1 and cut.problems
    assert _statuses(world.ledger, "ack") == [MessageStatus.PENDING]
    done = send_acknowledgements(world.ledger, world.campaign, world.sender, now=now)
    assert len(done.sent) == 1 and world.arrived() == [first]
    assert send_acknowledgements(world.ledger, world.campaign, world.sender, now=now).sent == []
    assert world.arrived() == []

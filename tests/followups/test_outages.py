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
    campaign_waves,
    run_wave,
    send_acknowledgements,
    send_due_reminders,
)
from circular.ledger import Ledger, Message, MessageStatus
from circular.sending.smtp import SmtpConfig
from circular.settings import Security
from tests.followups.test_reminders import World, make_world
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


def test_a_wave_cut_by_an_outage_is_completed_by_the_next_run(world: World) -> None:
    everyone = world.arrived()
    wave = campaign_waves(world.campaign)[0]
    cut = run_wave(world.ledger, world.campaign, 1, _down(world).sender, now=wave.at)
    assert cut.sent == [] and cut.pending == sorted(cut.pending) and len(cut.pending) == 3
    down = _down(world).sender  # a message naming the server, no traceback
    cut = run_wave(world.ledger, world.campaign, 1, down, now=wave.at)
    assert cut.problems == [p for p in cut.problems if f"127.0.0.1:{down.smtp.port}" in p]
    assert cut.problems and cut.pending and cut.sent == []
    assert _statuses(world.ledger, "reminder-1") == ["pending"] * 3
    assert world.arrived() == []
    later = wave.at.replace(hour=14)
    again = run_wave(world.ledger, world.campaign, 1, world.sender, now=later)
    assert len(again.sent) == 3 and world.arrived() == everyone  # each once
    assert _statuses(world.ledger, "reminder-1") == ["sent"] * 3
    third = run_wave(world.ledger, world.campaign, 1, world.sender, now=later)
    assert third.sent == [] and world.arrived() == []


def test_a_followup_run_without_a_wave_sends_what_an_outage_left(world: World) -> None:
    world.arrived()
    wave = campaign_waves(world.campaign)[0]
    run_wave(world.ledger, world.campaign, 1, _down(world).sender, now=wave.at)
    due = send_due_reminders(world.ledger, world.campaign, world.sender, now=wave.at)
    assert len(due.sent) == 3 and len(world.arrived()) == 3
    assert send_due_reminders(world.ledger, world.campaign, world.sender, now=wave.at).sent == []


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

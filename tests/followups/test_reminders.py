"""Reminder waves and acknowledgements against a real aiosmtpd server, replies written straight
into the ledger, on a simulated clock."""

from __future__ import annotations

import email
import json
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from email.policy import default
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from circular.campaign import Campaign
from circular.countries import capital_zone
from circular.followups.reminders import (
    FollowupResult,
    ReminderError,
    Sender,
    campaign_waves,
    invited_timing,
    run_wave,
    send_acknowledgements,
    send_due_reminders,
)
from circular.ledger import Ledger, Message, Reply
from circular.sending.outbox import SendOptions, send
from circular.sending.outgoing import campaign_messages
from circular.sending.smtp import SmtpConfig
from circular.settings import Security
from tests.servers.smtp_server import RecordingHandler, smtp_server
from tests.support.followup_support import add_contacts, copy_campaign, sample_rows


class World:
    """A campaign whose three invitations went out, and a way to see what arrives next."""

    def __init__(
        self, ledger: Ledger, campaign: Campaign, handler: RecordingHandler, sender: Sender
    ):
        self.ledger, self.campaign, self.handler, self.sender = ledger, campaign, handler, sender
        self.seen = 0

    def arrived(self) -> list[str]:
        """Recipients (To) of the messages received since the last call, sorted."""
        new = self.handler.received[self.seen :]
        self.seen = len(self.handler.received)
        return sorted(item.rcpt_tos[0] for item in new)

    def reply(self, address: str, kind: str, **fields: object) -> None:
        with self.ledger.session() as session:
            letter = session.scalars(
                select(Message)
                .where(Message.kind == "invitation")
                .where(Message.to_addrs.is_not(None))
            ).all()
            [mine] = [m for m in letter if address in m.to_addrs]
            session.add(
                Reply(
                    campaign=self.campaign.id,
                    mailbox="m",
                    uidvalidity=1,
                    uid=session.query(Reply).count() + 1,
                    message_id=f"<r{address}>",
                    from_addr=address,
                    kind=kind,
                    matched_message_id=mine.id,
                    received_at=datetime(2021, 2, 4, tzinfo=UTC),
                    **fields,
                )
            )


def run_times(world: World, number: int) -> list[datetime]:
    """The moments of wave ``number``'s runs (its recipients' windows grouped)."""
    plan = invited_timing(world.ledger, world.campaign)
    return [group.at for group in plan.groups(plan.waves[number - 1])]


def whole_wave(world: World, number: int) -> list[FollowupResult]:
    """Wave ``number`` run at each of its runs' moments, as the scheduled runs do."""
    return [
        run_wave(world.ledger, world.campaign, number, world.sender, now=at)
        for at in run_times(world, number)
    ]


def make_world(ledger: Ledger, tmp_path: Path, **policy: object) -> Iterator[World]:
    campaign = copy_campaign(tmp_path, **policy)
    add_contacts(ledger, sample_rows({"en": 1, "fr": 1, "es": 1}), tmp_path / "out")
    handler = RecordingHandler()
    with smtp_server(handler) as (controller, _):
        smtp = SmtpConfig(host="127.0.0.1", port=controller.port, security=Security.NONE)
        sender = Sender(smtp, SendOptions(connections=1), tmp_path / "out")
        built = campaign_messages(ledger, campaign, tmp_path / "out")
        send(ledger, built.messages, smtp, sender.options)
        yield World(ledger, campaign, handler, sender)


@pytest.fixture
def world(ledger: Ledger, tmp_path: Path) -> Iterator[World]:
    yield from make_world(ledger, tmp_path)


def test_a_wave_goes_once_in_the_thread_and_not_before_its_time(world: World) -> None:
    everyone = world.arrived()
    assert len(everyone) == 3
    # AFG, AND and ARG: three zones, three runs, each in its recipient's window.
    times = run_times(world, 1)
    assert len(times) == 3
    with pytest.raises(ReminderError, match=r"wave 1 is due from 2021-02-11T09:00:00\+04:30"):
        run_wave(world.ledger, world.campaign, 1, world.sender, now=times[0] - timedelta(minutes=1))
    with pytest.raises(ReminderError, match="no reminder wave 7"):
        run_wave(world.ledger, world.campaign, 7, world.sender, now=times[0])
    first = run_wave(world.ledger, world.campaign, 1, world.sender, now=times[0])
    assert len(first.sent) == 1 and len(first.waiting) == 2
    assert len(world.arrived()) == 1
    rest = [run_wave(world.ledger, world.campaign, 1, world.sender, now=at) for at in times[1:]]
    assert [len(r.sent) for r in rest] == [1, 1]
    assert len(world.arrived()) == 2
    again = run_wave(
        world.ledger, world.campaign, 1, world.sender, now=times[-1] + timedelta(hours=1)
    )
    assert world.arrived() == [] and again.sent == []
    reminder = email.message_from_bytes(world.handler.received[-1].data, policy=default)
    assert reminder["Subject"].split(":")[0] in {"Reminder", "Rappel", "Recordatorio"}
    assert reminder["In-Reply-To"] == reminder["References"]
    assert reminder["In-Reply-To"].endswith(".cl-21-4@itu.example>")


def test_a_run_after_a_window_closed_defers_to_the_next_window(world: World) -> None:
    world.arrived()
    times = run_times(world, 1)
    late = times[-1] + timedelta(hours=3)  # every window of the wave has closed
    result = run_wave(world.ledger, world.campaign, 1, world.sender, now=late)
    assert result.sent == [] and world.arrived() == []
    for key, at in result.deferred.items():
        local = at.astimezone(ZoneInfo(capital_zone(key)))
        assert at > late and local.strftime("%H:%M") == "09:00", (key, local)


def test_out_of_office_defers_and_the_deferred_run_checks_the_ledger_again(world: World) -> None:
    first, second, third = world.arrived()
    world.reply(first, "auto_reply", return_date=date(2021, 2, 17))  # back Wednesday
    world.reply(second, "auto_reply", return_date=date(2021, 2, 17))
    results = whole_wave(world, 1)
    assert world.arrived() == [third]
    deferred = {key: at for r in results for key, at in r.deferred.items()}
    assert len(deferred) == 2
    # Their first window after the return: Thursday 18 February, 09:00 where they are.
    for key, at in deferred.items():
        assert f"{at.astimezone(ZoneInfo(capital_zone(key))):%a %d %b %H:%M}" == (
            "Thu 18 Feb 09:00"
        )
    with world.ledger.session() as session:  # pending, held until the day after the return
        held = session.scalars(select(Message).where(Message.kind == "reminder-1")).all()
        assert sorted((m.status, m.scheduled_for) for m in held if m.status != "sent") == sorted(
            ("pending", at) for at in deferred.values()
        )
    earliest, latest = min(deferred.values()), max(deferred.values())
    assert (
        send_due_reminders(
            world.ledger, world.campaign, world.sender, now=earliest - timedelta(hours=1)
        ).sent
        == []
    )
    assert world.arrived() == []
    world.reply(second, "decline")  # answered meanwhile
    due = send_due_reminders(world.ledger, world.campaign, world.sender, now=latest)
    assert world.arrived() == [first]
    assert len(due.cancelled) == 1 and len(due.sent) == 1
    assert send_due_reminders(world.ledger, world.campaign, world.sender, now=latest).sent == []


def test_acknowledgement_once_per_acceptance(world: World) -> None:
    first, second, _third = world.arrived()
    world.reply(first, "accept")
    world.reply(second, "decline")
    now = datetime(2021, 2, 5, tzinfo=UTC)
    assert len(send_acknowledgements(world.ledger, world.campaign, world.sender, now=now).sent) == 1
    assert world.arrived() == [first]
    ack = email.message_from_bytes(world.handler.received[-1].data, policy=default)
    assert ack["In-Reply-To"] == f"<r{first}>" and not list(ack.iter_attachments())
    assert send_acknowledgements(world.ledger, world.campaign, world.sender, now=now).sent == []
    assert world.arrived() == []


def test_max_per_contact_and_acknowledgement_off(ledger: Ledger, tmp_path: Path) -> None:
    for world in make_world(ledger, tmp_path, max_per_contact=1, acknowledgement=False):
        first, _second, _third = world.arrived()
        whole_wave(world, 1)
        assert len(world.arrived()) == 3
        assert all(result.sent == [] for result in whole_wave(world, 2))
        world.reply(first, "accept")
        now = run_times(world, 2)[-1]
        assert send_acknowledgements(world.ledger, world.campaign, world.sender, now=now).sent == []
        assert world.arrived() == []


def test_working_days_of_the_campaign_move_waves(tmp_path: Path) -> None:
    campaign = copy_campaign(tmp_path, working_days=["mon", "tue", "wed", "thu"])
    # 26 Feb 2021 (the last wave, moved from Sunday) is a Friday: now the Thursday.
    assert [w.day for w in campaign_waves(campaign)] == [
        date(2021, 2, 15),
        date(2021, 2, 24),
        date(2021, 2, 25),
    ]


def test_thread_headers_are_checked() -> None:
    from dataclasses import replace

    from circular.sending.mime import MessageBuildError, build_message
    from circular.tokens import new_token
    from tests.support.outbox_helpers import letter

    threaded = replace(letter(1, 1), in_reply_to="<a.cl-21-4@itu.example>")
    built = email.message_from_bytes(build_message(threaded, new_token()).data, policy=default)
    assert built["In-Reply-To"] == built["References"] == "<a.cl-21-4@itu.example>"
    injected = replace(letter(1, 1), in_reply_to="<a@b.example>\r\nBcc: all@x.example")
    with pytest.raises(MessageBuildError, match="is not a Message-ID"):
        build_message(injected, new_token())


def test_cli_followup_names_a_missing_wave_and_a_passed_deadline(
    ledger: Ledger, tmp_path: Path
) -> None:
    from typer.testing import CliRunner

    from circular.cli import _register, app

    campaign = copy_campaign(tmp_path)
    _register()
    env = {"CIRCULAR_DATABASE_URL": ledger.url, "CIRCULAR_IMAP_SENT_FOLDER": ""}
    missing = CliRunner().invoke(
        app, ["followup", "--campaign", str(campaign.folder), "--wave", "9"], env=env
    )
    assert missing.exit_code == 2 and "no reminder wave 9" in missing.output
    late = CliRunner().invoke(
        app, ["followup", "--campaign", str(campaign.folder), "--wave", "1"], env=env
    )
    assert late.exit_code == 0, late.output
    assert "the deadline 2021-03-01T23:59:59+01:00 has passed" in late.output
    # For a person, not raw JSON; --json gives the same for scripts.
    assert not late.output.lstrip().startswith("[") and ": sent 0, deferred 0" in late.output
    scripted = CliRunner().invoke(
        app,
        ["followup", "--campaign", "cl-21-4", "--wave", "1", "--json"],
        env={**env, "CIRCULAR_LETTERS_DIR": str(campaign.folder.parent)},  # type: ignore[union-attr]
    )
    assert scripted.exit_code == 0, scripted.output
    assert [r["sent"] for r in json.loads(scripted.stdout)] == [[], []]  # human lines: stderr


def _followup_cli(world: World, tmp_path: Path, *args: str):  # type: ignore[no-untyped-def]
    from typer.testing import CliRunner

    import circular.cli.followup
    from circular.cli import _register, app

    _register()
    # A working day of the secretariat's (Wednesday 10 February 2021), whatever today is:
    # acknowledgements wait on its days off.
    patch = pytest.MonkeyPatch()
    patch.setattr(circular.cli.followup, "utcnow", lambda: datetime(2021, 2, 10, 9, tzinfo=UTC))
    env = {
        "CIRCULAR_DATABASE_URL": world.ledger.url,
        "CIRCULAR_IMAP_SENT_FOLDER": "",
        "CIRCULAR_OUT_DIR": str(tmp_path / "out"),
        "CIRCULAR_SMTP_HOST": "127.0.0.1",
        "CIRCULAR_SMTP_PORT": str(world.sender.smtp.port),
        "CIRCULAR_SMTP_SECURITY": "none",
    }
    folder = str(world.campaign.folder)
    try:
        return CliRunner().invoke(app, ["followup", "--campaign", folder, *args], env=env)
    finally:
        patch.undo()


def test_cli_followup_without_a_wave_sends_no_acknowledgement_unasked(
    world: World, tmp_path: Path
) -> None:
    invited = world.arrived()
    for address in invited[:2]:
        world.reply(address, "accept")
    plain = _followup_cli(world, tmp_path)
    assert plain.exit_code == 0, plain.output
    assert "2 acceptances wait for an acknowledgement: send them with --acks" in plain.output
    assert world.arrived() == []
    preview = _followup_cli(world, tmp_path, "--acks", "--dry-run")
    assert preview.exit_code == 0, preview.output
    assert "dry run: cl-21-4: deferred reminders due: 0 to send: none" in preview.output
    assert "2 acknowledgements to send: " in preview.output
    assert world.arrived() == []
    sent = _followup_cli(world, tmp_path, "--acks")
    assert sent.exit_code == 0, sent.output
    assert world.arrived() == invited[:2]
    assert "ack: sent 2," in sent.output


def test_cli_followup_refuses_a_broken_template_once_with_its_line(
    world: World, tmp_path: Path
) -> None:
    invited = world.arrived()
    for address in invited:
        world.reply(address, "accept")
    assert world.campaign.folder is not None
    for language in world.campaign.languages:
        path = world.campaign.template_path("ack", language)
        path.write_text(
            "Subject: Thank you\n\n{{ contact.salutation }},\nby {{ campaign.deadline }.\n",
            encoding="utf-8",
        )
    result = _followup_cli(world, tmp_path, "--acks")
    assert result.exit_code == 2
    assert world.arrived() == []
    # One line per broken file (three languages here), not one per contact.
    assert result.output.count("template syntax error") == 3
    ack_en = world.campaign.template_path("ack", "en")
    assert f"{ack_en}:4: template syntax error: unexpected '}}'" in result.output
    assert "nothing was sent" in result.output

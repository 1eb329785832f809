"""A person's commands (issue 15 §3-5) through the real CLI, against a real aiosmtpd server:
corrected addresses re-sent once, Cc bounces, decide --contact, hold/release, unknown and
resolve, cancel, history. Every command is recorded with who gave it."""

from __future__ import annotations

import email
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from email.policy import default
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from circular.campaign import Campaign
from circular.contacts.intake import intake_file
from circular.followups.reminders import Sender, invited_timing, run_wave
from circular.ledger import Action, Contact, Ledger, Message, Reply, ReplyKind
from circular.replies.outcomes import ContactStatus, contact_status
from circular.sending.outbox import SendOptions
from circular.sending.smtp import SmtpConfig
from circular.settings import Security, load_settings
from tests.servers.smtp_server import Faults, RecordingHandler, smtp_server
from tests.support.followup_support import SAMPLES, copy_campaign

COUNTRIES = ("FRA", "GIN", "GBR")
NEW_GIN = "ministre.cabinet@gin.example"


def _rows(overrides: dict[str, str] | None = None) -> str:
    lines = SAMPLES.read_text(encoding="utf-8").splitlines()
    chosen = [line for line in lines[1:] if line.split(",")[0] in COUNTRIES]
    text = "\n".join([lines[0], *chosen]) + "\n"
    for old, new in (overrides or {}).items():
        text = text.replace(old, new)
    return text


@dataclass
class Desk:
    """A campaign whose three invitations went out through the CLI."""

    ledger: Ledger
    folder: Path
    env: dict[str, str]
    handler: RecordingHandler
    tmp: Path

    def run(self, *args: str) -> tuple[int, str]:
        from circular.cli import _register, app

        _register()
        result = CliRunner().invoke(app, list(args), env=self.env)
        return result.exit_code, result.output

    def contact(self, key: str) -> Contact:
        with self.ledger.session() as session:
            found = session.scalar(select(Contact).where(Contact.contact_key == key))
            assert found is not None
            return found

    def status(self, key: str) -> ContactStatus:
        with self.ledger.session() as session:
            return contact_status(session, self.contact(key))

    def to(self, address: str) -> list[str]:
        """Message-IDs the server received for ``address``."""
        return [r.message_id for r in self.handler.received if address in r.rcpt_tos]

    def bounce(self, key: str, recipient: str) -> None:
        """A permanent bounce of ``recipient`` matched to ``key``'s invitation (as a poll
        records it)."""
        with self.ledger.session() as session:
            letter = session.scalar(
                select(Message).where(
                    Message.contact_id == self.contact(key).id, Message.kind == "invitation"
                )
            )
            assert letter is not None
            session.add(
                Reply(
                    campaign="cl-21-4",
                    mailbox="m",
                    uidvalidity=1,
                    uid=session.query(Reply).count() + 1,
                    message_id=f"<bounce{recipient}>",
                    from_addr="MAILER-DAEMON@mx.gin.example",
                    kind=ReplyKind.BOUNCE,
                    bounce_recipient=recipient,
                    bounce_permanent=True,
                    matched_message_id=letter.id,
                    received_at=datetime(2021, 2, 4, tzinfo=UTC),
                )
            )

    def actions(self) -> list[tuple[str, str]]:
        with self.ledger.session() as session:
            return [(a.command, a.by) for a in session.scalars(select(Action).order_by(Action.id))]


@pytest.fixture
def desk(ledger: Ledger, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Desk]:
    campaign = copy_campaign(tmp_path)
    handler = RecordingHandler(Faults(drop_after_data={"minister@gbr.example"}, delay=0.1))
    with smtp_server(handler) as (server, _):
        env = {
            "CIRCULAR_DATABASE_URL": ledger.url,
            "CIRCULAR_DATA_DIR": str(tmp_path / "data"),
            "CIRCULAR_OUT_DIR": str(tmp_path / "out"),
            "CIRCULAR_REPORTS_DIR": str(tmp_path / "reports"),
            "CIRCULAR_DROP_FOLDER": str(tmp_path / "inbox"),
            "CIRCULAR_PROCESSED_FOLDER": str(tmp_path / "processed"),
            "CIRCULAR_REJECTED_FOLDER": str(tmp_path / "rejected"),
            "CIRCULAR_SMTP_HOST": "127.0.0.1",
            "CIRCULAR_SMTP_PORT": str(server.port),
            "CIRCULAR_SMTP_SECURITY": "none",
            "CIRCULAR_SMTP_CONNECTIONS": "1",
            "CIRCULAR_IMAP_SENT_FOLDER": "",
            "CIRCULAR_OPERATOR": "amina",
            "PREFECT_API_URL": "",
        }
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        desk = Desk(ledger, campaign.folder, env, handler, tmp_path)
        _intake(desk, _rows(), "first.csv")
        for key in COUNTRIES:
            language = desk.contact(key).language
            letter = tmp_path / "out" / "cl-21-4" / f"{key}.{language}.docx"
            letter.parent.mkdir(parents=True, exist_ok=True)
            letter.write_bytes(b"PK stand-in letter " + key.encode())
        code, output = desk.run("send", "--force", "--campaign", str(campaign.folder))
        assert code == 1 and "unknown 1" in output, output  # GBR: taken, then the line dropped
        yield desk


def _intake(desk: Desk, text: str, name: str) -> str:
    path = desk.tmp / "inbox" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    result = intake_file(path, "cl-21-4", load_settings(), desk.ledger)
    assert result.status == "loaded", result
    return str(result)


def test_a_corrected_address_is_sent_the_letter_once(desk: Desk) -> None:
    old = desk.contact("GIN").email
    assert len(desk.to(old)) == 1
    desk.bounce("GIN", old)
    assert desk.status("GIN") == ContactStatus.BOUNCED
    _intake(desk, _rows({old: NEW_GIN}), "corrected.csv")
    assert desk.contact("GIN").email == NEW_GIN

    code, output = desk.run("send", "--force", "--campaign", str(desk.folder))
    assert "letters sent again: GIN" in output and "sent 1," in output, output
    assert len(desk.to(NEW_GIN)) == 1 and len(desk.to(old)) == 1
    assert desk.status("GIN") == ContactStatus.AWAITING  # the old bounce no longer marks it
    _code, again = desk.run("send", "--force", "--campaign", str(desk.folder))
    assert "sent 0," in again and len(desk.to(NEW_GIN)) == 1
    with desk.ledger.session() as session:
        rows = session.scalars(
            select(Message).where(Message.contact_id == desk.contact("GIN").id)
        ).all()
        assert sorted((m.generation, m.status) for m in rows) == [(0, "superseded"), (1, "sent")]
    assert ("readdress", "amina") in desk.actions()

    code, history = desk.run("history", "--campaign", str(desk.folder), "--contact", "gin")
    assert code == 0, history
    for fact in (f"email: {old} -> {NEW_GIN}", "superseded", "bounce of", "readdress by amina"):
        assert fact in history, fact
    assert history.index("bounce of") < history.index(f"email: {old} -> {NEW_GIN}")


def _window_of(desk: Desk, campaign: Campaign, number: int, key: str) -> datetime:
    """A moment inside ``key``'s send window for wave ``number`` (issue 17's windows)."""
    plan = invited_timing(desk.ledger, campaign)
    return plan.slots[number][desk.contact(key).id].start


def test_a_cc_bounce_drops_the_cc_and_not_the_country(desk: Desk) -> None:
    gin = desk.contact("GIN")
    cc = gin.cc[0]
    desk.bounce("GIN", cc)
    assert desk.status("GIN") == ContactStatus.AWAITING
    campaign = copy_campaign(desk.tmp / "again")  # same policy, another folder
    smtp = SmtpConfig("127.0.0.1", int(desk.env["CIRCULAR_SMTP_PORT"]), security=Security.NONE)
    sender = Sender(smtp, SendOptions(connections=1), desk.tmp / "out")
    before = len(desk.handler.received)
    result = run_wave(desk.ledger, campaign, 1, sender, now=_window_of(desk, campaign, 1, "GIN"))
    assert "GIN" in result.sent
    [reminder] = [r for r in desk.handler.received[before:] if gin.email in r.rcpt_tos]
    assert cc not in reminder.rcpt_tos and set(gin.cc[1:]) <= set(reminder.rcpt_tos)
    parsed = email.message_from_bytes(reminder.data, policy=default)
    assert cc not in str(parsed["Cc"])
    code, report = desk.run("report", "--campaign", str(desk.folder))
    assert code == 0 and f"GIN Cc bounced: {cc}" in report, report


def test_decide_by_contact_and_hold_release_are_recorded(desk: Desk) -> None:
    folder = str(desk.folder)
    code, said = desk.run(
        "decide", "--campaign", folder, "--contact", "FRA", "accept", "--note", "note verbale"
    )
    assert code == 0 and "decided accept by amina" in said, said
    assert desk.status("FRA") == ContactStatus.ACCEPTED
    assert desk.run("hold", "--campaign", folder, "--contact", "GIN")[0] == 0
    campaign = copy_campaign(desk.tmp / "again")
    smtp = SmtpConfig("127.0.0.1", int(desk.env["CIRCULAR_SMTP_PORT"]), security=Security.NONE)
    sender = Sender(smtp, SendOptions(connections=1), desk.tmp / "out")
    first = _window_of(desk, campaign, 1, "GIN")
    assert run_wave(desk.ledger, campaign, 1, sender, now=first).sent == []  # held
    code, said = desk.run("release", "--campaign", folder, "--contact", "GIN")
    assert code == 0 and "GIN: reminders released (by amina)" in said
    second = _window_of(desk, campaign, 2, "GIN")
    assert run_wave(desk.ledger, campaign, 2, sender, now=second).sent == ["GIN"]
    assert desk.actions() == [("decide", "amina"), ("hold", "amina"), ("release", "amina")]
    code, history = desk.run("history", "--campaign", folder, "--contact", "FRA")
    assert "command   decide by amina: accept: note verbale" in history, history
    assert history.splitlines()[0].endswith(": accepted")


def test_unknown_lists_the_evidence_and_resolve_resends_once(desk: Desk) -> None:
    folder = str(desk.folder)
    code, listing = desk.run("unknown", "--campaign", folder)
    assert code == 0 and "GBR invitation unknown" in listing, listing
    assert "attempts 1" in listing and "Sent folder: no Sent folder configured" in listing
    assert "server's last answer:" in listing
    [first] = desk.to("minister@gbr.example")
    args = ("resolve", "--campaign", folder, "--contact", "GBR", "--resend")
    code, dry = desk.run(*args, "--dry-run")
    assert code == 0 and "dry run" in dry and len(desk.to("minister@gbr.example")) == 1
    desk.handler.faults.drop_after_data.clear()
    code, done = desk.run(*args)
    assert code == 0 and "superseded by" in done and "sent 1," in done, done
    second = desk.to("minister@gbr.example")[-1]
    assert second != first and len(desk.to("minister@gbr.example")) == 2
    code, nothing = desk.run("unknown", "--campaign", folder)
    assert "no message of unknown fate" in nothing
    code, again = desk.run(*args)
    assert code == 2 and "nothing to resolve" in again
    assert ("resolve", "amina") in desk.actions()


def test_resolve_sent_marks_it_sent(desk: Desk) -> None:
    folder = str(desk.folder)
    code, said = desk.run("resolve", "--campaign", folder, "--contact", "GBR", "--sent")
    assert code == 0 and "marked sent by amina" in said
    assert desk.status("GBR") == ContactStatus.AWAITING
    assert len(desk.to("minister@gbr.example")) == 1


def test_cancel_stops_everything_pending(desk: Desk) -> None:
    folder = str(desk.folder)
    _intake(
        desk, _rows() + "ESP,es,,S.E. Sra.,Ana,Ministra,Ministerio,m@esp.example,\n", "more.csv"
    )
    code, dry = desk.run("cancel", "--campaign", folder, "--dry-run")
    assert code == 0 and "would cancel" in dry
    code, said = desk.run("cancel", "--campaign", folder)
    assert code == 0 and "campaign cl-21-4: cancelled" in said, said
    assert "PREFECT_API_URL is not set" in said
    before = len(desk.handler.received)
    desk.run("send", "--force", "--campaign", folder)
    assert len(desk.handler.received) == before  # ESP's letter never goes
    campaign = copy_campaign(desk.tmp / "again")
    smtp = SmtpConfig("127.0.0.1", int(desk.env["CIRCULAR_SMTP_PORT"]), security=Security.NONE)
    sender = Sender(smtp, SendOptions(connections=1), desk.tmp / "out")
    when = _window_of(desk, campaign, 1, "GIN")  # a country whose letter went before
    assert run_wave(desk.ledger, campaign, 1, sender, now=when).sent == []
    assert ("cancel", "amina") in desk.actions()


def test_a_resent_letter_skips_a_cc_that_bounced(desk: Desk) -> None:
    """A letter sent again (to a corrected address, or by resolve --resend) goes without the
    Cc addresses that bounced permanently; the other Cc still get it."""
    gin = desk.contact("GIN")
    gbr_cc = ["cabinet@gbr.example", "protocol@gbr.example"]
    desk.bounce("GIN", gin.email)
    desk.bounce("GIN", gin.cc[0])
    desk.bounce("GBR", gbr_cc[0])
    # The corrected file: GIN's new address, and GBR's Cc (its letter's fate is unknown).
    rows = {gin.email: NEW_GIN, "minister@gbr.example,": f"minister@gbr.example,{';'.join(gbr_cc)}"}
    _intake(desk, _rows(rows), "corrected.csv")
    code, output = desk.run("send", "--force", "--campaign", str(desk.folder))
    assert "letters sent again: GIN" in output and "sent 1," in output, output
    [again] = [r for r in desk.handler.received if NEW_GIN in r.rcpt_tos]
    assert gin.cc[0] not in again.rcpt_tos and set(gin.cc[1:]) <= set(again.rcpt_tos)
    assert gin.cc[0] not in str(email.message_from_bytes(again.data, policy=default)["Cc"])

    desk.handler.faults.drop_after_data.clear()
    args = ("resolve", "--campaign", str(desk.folder), "--contact", "GBR", "--resend")
    code, done = desk.run(*args)
    assert code == 0 and "sent 1," in done, done
    resent = [r for r in desk.handler.received if "minister@gbr.example" in r.rcpt_tos][-1]
    assert gbr_cc[0] not in resent.rcpt_tos and gbr_cc[1] in resent.rcpt_tos

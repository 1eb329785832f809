"""``circular send``: dry run, --limit, a full run, and clear errors, against a real local
SMTP server."""

from __future__ import annotations

import email
import os
import signal
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta
from email.policy import default
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from circular.campaign import LANGUAGES, TEMPLATE_KINDS, load_campaign
from circular.cli import _register, app
from circular.ledger import Contact, Ledger, Message
from demo.run import write_shifted_campaign
from tests.servers.smtp_server import Faults, RecordingHandler, smtp_server

ROOT = Path(__file__).resolve().parents[2]
COVER_NOTE = (
    "Subject: {{ campaign.title }} – {{ campaign.reference }}\n"
    "\n"
    "{{ contact.salutation }}:\n"
    "\n"
    "Please find attached circular letter {{ campaign.reference }} ({{ contact.country }}).\n"
)
COUNTRIES = [("ESP", "es"), ("FRA", "fr"), ("CHN", "zh"), ("EGY", "ar"), ("GBR", "en")]
TODAY = date.today()


@pytest.fixture
def campaign_env(tmp_path: Path) -> tuple[Path, Path, dict[str, str]]:
    """A copy of CL-21/4 dated today (its deadline ahead) with stub templates, five contacts,
    their letters, and settings."""
    folder = write_shifted_campaign(ROOT / "letters" / "cl-21-4", tmp_path / "letters", TODAY)
    for kind in TEMPLATE_KINDS:
        for language in LANGUAGES:
            name = f"{kind}.{language}.{'docx' if kind == 'letter' else 'txt'}"
            (folder / name).write_text(COVER_NOTE, encoding="utf-8")
    data, out = tmp_path / "data", tmp_path / "out"
    ledger = Ledger(f"sqlite:///{data / 'circular.sqlite3'}")
    with ledger.session() as session:
        for iso3, language in COUNTRIES:
            session.add(
                Contact(
                    campaign="cl-21-4",
                    contact_key=iso3,
                    iso3=iso3,
                    language=language,
                    email=f"minister@{iso3.lower()}.example",
                    cc=[f"cabinet@{iso3.lower()}.example"],
                    title="H.E.",
                    name=f"Minister of {iso3}",
                )
            )
            (out / "cl-21-4").mkdir(parents=True, exist_ok=True)
            (out / "cl-21-4" / f"{iso3}.{language}.docx").write_bytes(b"PK fake " + iso3.encode())
    ledger.dispose()
    env = {
        "CIRCULAR_DATA_DIR": str(data),
        "CIRCULAR_OUT_DIR": str(out),
        "CIRCULAR_SMTP_HOST": "127.0.0.1",
        "CIRCULAR_SMTP_SECURITY": "none",
        "CIRCULAR_SMTP_CONNECTIONS": "2",
    }
    return folder, tmp_path, env


def _run(args: list[str], env: dict[str, str]):  # type: ignore[no-untyped-def]
    _register()
    return CliRunner().invoke(app, args, env=env)


def test_dry_run_writes_eml_and_sends_nothing(campaign_env) -> None:  # type: ignore[no-untyped-def]
    folder, tmp_path, env = campaign_env
    with smtp_server() as (server, handler):
        env = {**env, "CIRCULAR_SMTP_PORT": str(server.port)}
        result = _run(
            ["send", "--campaign", str(folder), "--dry-run", "--out", str(tmp_path / "eml")], env
        )
        assert result.exit_code == 0, result.output
        assert not handler.received
    files = sorted((tmp_path / "eml").glob("*.eml"))
    assert [f.name for f in files] == [f"{iso3}.invitation.eml" for iso3, _ in sorted(COUNTRIES)]
    spanish = email.message_from_bytes(
        (tmp_path / "eml" / "ESP.invitation.eml").read_bytes(), policy=default
    )
    assert spanish["Subject"].endswith("(CMSI) de 2021 – CL-21/4")
    assert spanish["To"].addresses[0].display_name == "H.E. Minister of ESP"
    assert spanish["Reply-To"] == "wsis-info@itu.example"
    assert spanish["Message-ID"].endswith(".cl-21-4@itu.example>")
    body = spanish.get_body(("plain",))
    assert body is not None and "España" in body.get_content()
    [attachment] = list(spanish.iter_attachments())
    assert attachment.get_filename() == "ESP.es.docx"


def test_limit_then_the_rest_each_exactly_once(campaign_env) -> None:  # type: ignore[no-untyped-def]
    folder, _tmp, env = campaign_env
    with smtp_server() as (server, handler):
        env = {**env, "CIRCULAR_SMTP_PORT": str(server.port)}
        first = _run(["send", "--campaign", str(folder), "--limit", "1"], env)
        assert first.exit_code == 0, first.output
        assert "sent 1," in first.output and len(handler.received) == 1
        # It says whom it reached: the one country, by code and name.
        [reached] = handler.received
        iso3 = reached.rcpt_tos[0].split("@")[1].split(".")[0].upper()
        assert f"sent to: {iso3} (" in first.output
        second = _run(["send", "--campaign", str(folder), "--limit", "1"], env)
        assert "sent 1," in second.output and len(handler.received) == 2
        rest = _run(["send", "--campaign", str(folder)], env)
        assert rest.exit_code == 0, rest.output
        assert "sent 3," in rest.output
        again = _run(["send", "--campaign", str(folder)], env)
        assert "sent 0," in again.output
    counts = handler.message_ids()
    assert len(counts) == 5 and set(counts.values()) == {1}
    envelopes = {r.mail_from for r in handler.received}
    assert all(e.startswith("bounces+") and e.endswith("@itu.example") for e in envelopes)


def test_missing_letter_is_named(campaign_env) -> None:  # type: ignore[no-untyped-def]
    folder, tmp_path, env = campaign_env
    (tmp_path / "out" / "cl-21-4" / "FRA.fr.docx").unlink()
    result = _run(["send", "--campaign", str(folder), "--dry-run"], env)
    assert result.exit_code == 2
    assert "FRA: no rendered letter" in result.output


def test_broken_cover_note_names_file_and_line(campaign_env) -> None:  # type: ignore[no-untyped-def]
    folder, _tmp, env = campaign_env
    (folder / "email.fr.txt").write_text("Bonjour {{ contact.name }}\n", encoding="utf-8")
    result = _run(["send", "--campaign", str(folder), "--dry-run"], env)
    assert result.exit_code == 2
    assert f"{folder / 'email.fr.txt'}:1: must start with 'Subject: ...'" in result.output


def test_a_broken_cover_note_is_named_whole_in_a_narrow_pipe(campaign_env) -> None:  # type: ignore[no-untyped-def]
    """As a person piping `circular send` into a log: the path is never cut, whatever COLUMNS
    and however long the temporary folder's name."""
    folder, _tmp, env = campaign_env
    (folder / "email.fr.txt").write_text("Bonjour {{ contact.name }}\n", encoding="utf-8")
    clean = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "TTY_COMPATIBLE")}
    done = subprocess.run(
        [sys.executable, "-m", "circular", "send", "--campaign", str(folder), "--dry-run"],
        cwd=ROOT,
        env={**clean, **env, "COLUMNS": "20", "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    named = f"{folder / 'email.fr.txt'}:1: must start with 'Subject: ...'"
    assert any(named in line for line in done.stderr.splitlines()), done.stderr
    assert "\x1b[" not in done.stderr


def test_a_refused_letter_is_reported_and_the_exit_status_says_so(campaign_env) -> None:  # type: ignore[no-untyped-def]
    folder, _tmp, env = campaign_env
    faults = Faults(rcpt={"minister@fra.example": "550 5.1.1 no such mailbox"})
    with smtp_server(RecordingHandler(faults)) as (server, handler):
        env = {**env, "CIRCULAR_SMTP_PORT": str(server.port)}
        result = _run(["send", "--campaign", str(folder)], env)
    assert result.exit_code == 1
    assert "sent 4, failed 1" in result.output and "failed: FRA" in result.output
    assert len(handler.received) == 4


# --- mistakes caught before they cost anything (issue 12 §3) --------------------------------


def test_a_broken_cover_note_is_reported_once_with_its_line(campaign_env) -> None:  # type: ignore[no-untyped-def]
    folder, _tmp, env = campaign_env
    (folder / "email.en.txt").write_text(
        "Subject: Invitation\n\nDear {{ contact.name }},\nReply by {{ campaign.deadline }.\n",
        encoding="utf-8",
    )
    with smtp_server() as (server, handler):
        result = _run(
            ["send", "--campaign", str(folder)], {**env, "CIRCULAR_SMTP_PORT": str(server.port)}
        )
    assert result.exit_code == 2
    assert not handler.received  # nothing went out, not even to the other languages
    assert result.output.count("unexpected '}'") == 1
    assert f"{folder / 'email.en.txt'}:4: template syntax error: unexpected '}}'" in result.output
    assert "nothing was sent" in result.output
    assert "circular check-templates --campaign" in result.output


def test_send_after_the_deadline_needs_force(campaign_env, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    folder, _tmp, env = campaign_env
    deadline = load_campaign(folder).deadline
    # The clock is injected: the day after the deadline, whatever day the test runs.
    after = datetime.combine(deadline.date + timedelta(days=1), datetime.min.time(), UTC)
    monkeypatch.setattr("circular.cli.send.utcnow", lambda: after + timedelta(hours=12))
    with smtp_server() as (server, handler):
        env = {**env, "CIRCULAR_SMTP_PORT": str(server.port)}
        for args in (["--dry-run"], []):
            refused = _run(["send", "--campaign", str(folder), *args], env)
            assert refused.exit_code == 2
            passed = f"the reply deadline {deadline.date} (Europe/Zurich) passed 1 day ago"
            assert f"deadline.date: {passed}" in refused.output
            assert "give --force to send anyway" in refused.output
        assert not handler.received
        forced = _run(["send", "--campaign", str(folder), "--force"], env)
    assert forced.exit_code == 0, forced.output
    assert "warning (--force): deadline.date" in forced.output
    assert len(handler.received) == len(COUNTRIES)


def test_a_copied_campaign_with_old_event_dates_is_flagged(campaign_env) -> None:  # type: ignore[no-untyped-def]
    folder, _tmp, env = campaign_env
    path = folder / "campaign.yaml"
    text = path.read_text(encoding="utf-8")
    high_level = load_campaign(folder).events["high_level"]
    old = high_level.start.replace(year=high_level.start.year - 5)
    path.write_text(text.replace(str(high_level.start), str(old)), encoding="utf-8")
    result = _run(["send", "--campaign", str(folder), "--dry-run"], env)
    assert result.exit_code == 2
    assert f"events.high_level: starts {old}, more than a year from the letter's date" in (
        result.output
    )


def test_send_says_what_it_will_send_and_what_is_left(campaign_env) -> None:  # type: ignore[no-untyped-def]
    folder, _tmp, env = campaign_env
    with smtp_server() as (server, _handler):
        env = {**env, "CIRCULAR_SMTP_PORT": str(server.port)}
        preview = _run(["send", "--campaign", str(folder), "--dry-run", "--limit", "1"], env)
        one = _run(["send", "--campaign", str(folder), "--limit", "1"], env)
    assert preview.exit_code == 0 and one.exit_code == 0, preview.output + one.output
    plan = (
        "cl-21-4: 1 invitations to send (zh 1) to CHN (China); 0 of 5 already sent or "
        "settled; 4 left for later (--limit 1)"
    )
    assert f"dry run: {plan}" in preview.output
    assert plan in one.output
    assert "sent to: CHN (China)" in one.output
    assert (
        "cl-21-4: 1 of 5 invitations sent; left to send: EGY (Egypt), ESP (Spain), "
        "FRA (France), GBR (United Kingdom"
    ) in one.output


def test_ctrl_c_during_send_reports_what_was_sent_and_what_is_left(campaign_env) -> None:  # type: ignore[no-untyped-def]
    folder, tmp_path, env = campaign_env
    # Two messages are answered at once, the third only after a minute: Ctrl-C comes while it
    # is in flight and two are left, however slowly this machine runs the test.
    handler = RecordingHandler(Faults(hold_after=2, delay=60.0))
    with smtp_server(handler) as (server, _):
        process = subprocess.Popen(
            [sys.executable, "-m", "circular", "send", "--campaign", str(folder)],
            env={
                **{k: v for k, v in os.environ.items() if not k.startswith("CIRCULAR_")},
                **env,
                "CIRCULAR_SMTP_PORT": str(server.port),
                "CIRCULAR_SMTP_CONNECTIONS": "1",
                "PYTHONPATH": str(ROOT),
            },
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        deadline = time.monotonic() + 60
        while len(handler.received) < 3 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(handler.received) == 3, process.communicate(timeout=30)
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=60)
    output = out + err
    assert process.returncode == 130, output
    assert "interrupted: sent " in output
    ledger = Ledger(f"sqlite:///{tmp_path / 'data' / 'circular.sqlite3'}")
    with ledger.session() as session:
        rows = session.execute(select(Contact.contact_key, Message.status).join(Message)).all()
    ledger.dispose()
    status = {key: str(state) for key, state in rows}
    sent = sorted(key for key, state in status.items() if state == "sent")
    assert sent, output
    assert f"interrupted: sent {len(sent)} in this run: " in output
    caught = sorted(key for key, state in status.items() if state == "sending")
    # Every row stuck mid-send is named for a person; none is left unreported.
    if caught:
        assert f"may or may not have gone out: {', '.join(caught)}" in output
    left = sorted(k for k, _ in COUNTRIES if status.get(k, "pending") == "pending")
    assert left, output
    assert f"{len(sent)} of {len(COUNTRIES)} invitations sent; left to send: " in output
    assert all(key in output.rpartition("left to send: ")[2] for key in left)

"""``circular send``: dry run, --limit, a full run, and clear errors, against a real local
SMTP server."""

from __future__ import annotations

import email
import os
import shutil
import subprocess
import sys
from email.policy import default
from pathlib import Path

import pytest
from typer.testing import CliRunner

from circular.campaign import LANGUAGES, TEMPLATE_KINDS
from circular.cli import _register, app
from circular.ledger import Contact, Ledger
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


@pytest.fixture
def campaign_env(tmp_path: Path) -> tuple[Path, Path, dict[str, str]]:
    """A copy of CL-21/4 with stub templates, five contacts, their letters, and settings."""
    folder = tmp_path / "letters" / "cl-21-4"
    folder.mkdir(parents=True)
    shutil.copy(ROOT / "letters" / "cl-21-4" / "campaign.yaml", folder)
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
    assert "email.fr.txt: line 1 must be 'Subject: ...'" in result.output


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
    named = f"{folder / 'email.fr.txt'}: line 1 must be 'Subject: ...'"
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

"""What the commands print does not depend on the terminal: messages are never cut, tables are
one line per row when the output is not a terminal and fit it when it is, no colour codes unless
``--color``, ``--json`` for scripts, times in the campaign's zone, a campaign named by id or
folder alike."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from circular.cli import _register, app
from circular.ledger import Ledger, Message, MessageStatus, Reply, ReplyStatus
from tests.support.followup_support import add_contacts, copy_campaign, sample_rows

ROOT = Path(__file__).resolve().parents[1]
ANSI = re.compile(r"\x1b\[")
BOX = re.compile(r"[─━│┃┏┓┗┛╇╈┡┩╭╮╰╯]")
LONG_TEXT = (
    "Thank you for the letter of the Secretary-General; we will revert in due course once "
    "the Minister's agenda for the week of the Forum is known to the protocol office"
)

_register()


def circular(args: list[str], env: dict[str, str], columns: int) -> subprocess.CompletedProcess:  # type: ignore[type-arg]
    """``circular ARGS`` in its own process, its output a pipe, as in a log or a script."""
    clean = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "TTY_COMPATIBLE")}
    return subprocess.run(
        [sys.executable, "-m", "circular", *args],
        cwd=ROOT,
        env={**clean, **env, "COLUMNS": str(columns), "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def world(ledger: Ledger, tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """CL-21/4 in ``tmp_path/letters``: three contacts sent to, one reply waiting for a person
    with a long text. Returns the campaign folder and the settings as environment."""
    campaign = copy_campaign(tmp_path)
    ids = add_contacts(ledger, sample_rows({"en": 2, "fr": 1}), tmp_path / "out")
    with ledger.session() as session:
        for n, contact_id in enumerate(ids.values()):
            message = Message(
                campaign="cl-21-4",
                contact_id=contact_id,
                kind="invitation",
                token=f"tok{n:013d}",
                message_id=f"<tok{n}.cl-21-4@itu.example>",
                status=MessageStatus.SENT,
                sent_at=datetime(2021, 2, 3, 9, tzinfo=UTC),
            )
            session.add(message)
            session.flush()
            if n == 0:
                session.add(
                    Reply(
                        campaign="cl-21-4",
                        mailbox="imap://inbox",
                        uidvalidity=1,
                        uid=1,
                        message_id="<r1@x.example>",
                        from_addr="protocol.office@ministry-of-foreign-affairs.example",
                        subject="RE: CL-21/4",
                        received_at=datetime(2021, 2, 10, 9, tzinfo=UTC),
                        kind="other",
                        evidence="no accept or decline sentence",
                        text_excerpt=LONG_TEXT,
                        matched_message_id=message.id,
                        status=ReplyStatus.NEEDS_REVIEW,
                    )
                )
    assert campaign.folder is not None
    env = {
        "CIRCULAR_DATABASE_URL": ledger.url,
        "CIRCULAR_LETTERS_DIR": str(tmp_path / "letters"),
        "CIRCULAR_REPORTS_DIR": str(tmp_path / "reports"),
    }
    return campaign.folder, env


def test_a_failing_command_names_the_whole_path_on_one_line(tmp_path: Path) -> None:
    # A long path, as pytest's temporary folders are on some machines: never cut.
    folder = tmp_path / ("a-rather-long-folder-name-" * 4) / "cl-21-4"
    folder.mkdir(parents=True)
    source = (ROOT / "letters" / "cl-21-4" / "campaign.yaml").read_text(encoding="utf-8")
    (folder / "campaign.yaml").write_text(
        source.replace("timezone: Europe/Zurich", "timezone: Mars/Olympus_Mons"), encoding="utf-8"
    )
    done = circular(["report", "--campaign", str(folder)], {}, columns=20)
    assert done.returncode == 2, done.stderr
    named = str(folder / "campaign.yaml")
    lines = done.stderr.splitlines()
    assert any(named in line and "Mars/Olympus_Mons" in line for line in lines), done.stderr
    assert lines[0].startswith("error: ")
    assert not ANSI.search(done.stderr)


def test_piped_help_and_usage_errors_have_no_box() -> None:
    helped = circular(["send", "--help"], {}, columns=40)
    assert helped.returncode == 0 and "--dry-run" in helped.stdout, helped.stderr
    wrong = circular(["send", "--no-such-option"], {}, columns=40)
    assert wrong.returncode == 2 and "--no-such-option" in wrong.stderr, wrong.stderr
    for output in (helped.stdout, wrong.stderr):
        assert not BOX.search(output) and not ANSI.search(output), output


def test_piped_output_has_no_colour_no_box_and_one_line_per_row(
    world: tuple[Path, dict[str, str]],
) -> None:
    folder, env = world
    for columns in (20, 300):
        done = circular(["review", "--campaign", str(folder)], env, columns)
        assert done.returncode == 0, done.stderr
        assert not ANSI.search(done.stdout + done.stderr) and not BOX.search(done.stdout)
        [row] = [line for line in done.stdout.splitlines() if "protocol.office@" in line]
        # The whole row on one line: the address, the whole text, the classifier's reading.
        assert "protocol.office@ministry-of-foreign-affairs.example" in row
        assert LONG_TEXT in row and "no accept or decline sentence" in row
        assert "2021-02-10 10:00 Europe/Zurich" in row  # 09:00 UTC in the campaign's zone
    coloured = circular(["--color", "review", "--campaign", str(folder)], env, 80)
    assert coloured.returncode == 0 and ANSI.search(coloured.stdout), coloured.stdout


def test_on_a_terminal_tables_fit_its_width(world: tuple[Path, dict[str, str]]) -> None:
    _folder, env = world
    for columns in (40, 120):
        # --color makes the output a terminal for rich: boxes, colours, the terminal's width.
        result = CliRunner().invoke(
            app, ["--color", "review"], env={**env, "COLUMNS": str(columns)}
        )
        assert result.exit_code == 0, result.output
        plain = re.sub(r"\x1b\[[0-9;]*m", "", result.output)
        table = [line for line in plain.splitlines() if BOX.search(line) or line.startswith(" ")]
        assert table and all(len(line) <= columns for line in table), plain
        # The messages around the table are never cut, however narrow the terminal.
        assert "decide with: circular decide <id> accept|decline|other [--note TEXT]" in plain


def test_a_campaign_is_named_by_id_or_folder_alike(world: tuple[Path, dict[str, str]]) -> None:
    folder, env = world
    by_id = CliRunner().invoke(app, ["review", "--campaign", "cl-21-4", "--json"], env=env)
    by_folder = CliRunner().invoke(app, ["review", "--campaign", str(folder), "--json"], env=env)
    assert by_id.exit_code == 0 and by_folder.exit_code == 0, by_id.output + by_folder.output
    assert json.loads(by_id.output) == json.loads(by_folder.output)
    assert [item["sender"] for item in json.loads(by_id.output)] == [
        "protocol.office@ministry-of-foreign-affairs.example"
    ]
    missing = CliRunner().invoke(app, ["report", "--campaign", "cl-99-1"], env=env)
    assert missing.exit_code == 2
    assert "campaign 'cl-99-1': no campaign.yaml in" in missing.output


def test_report_for_a_person_and_for_a_script(world: tuple[Path, dict[str, str]]) -> None:
    _folder, env = world
    human = CliRunner().invoke(app, ["report", "--campaign", "cl-21-4"], env=env)
    assert human.exit_code == 0, human.output
    assert "| --- |" not in human.output and "**" not in human.output  # not raw Markdown
    assert "letters sent 3" in human.output and "the deadline (2021-03-01)" in human.output
    assert "sent (Europe/Zurich)" in human.output and "2021-02-03 10:00" in human.output
    assert "AFG (Afghanistan)" in human.output  # the country named, beside its code
    assert "Excel report: " in human.output
    scripted = CliRunner().invoke(app, ["report", "--campaign", "cl-21-4", "--json"], env=env)
    assert scripted.exit_code == 0, scripted.output
    # One JSON object per contact and line (issue 18), times in the campaign's zone.
    records = [json.loads(line) for line in scripted.stdout.splitlines()]
    assert len(records) == 3 and "AFG" in {r["country"] for r in records}
    assert all(
        {"country", "outcome", "channel", "decided_by", "speaker", "day"} <= set(r) for r in records
    )
    assert any(r["sent_at"] == "2021-02-03 10:00" for r in records)

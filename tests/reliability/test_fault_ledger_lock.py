"""Fault: the SQLite ledger locked by another process (``BEGIN EXCLUSIVE`` and a write, held a
few seconds) while ``circular intake``, ``circular send`` and ``circular poll`` run, each in its
own process.

A lock shorter than the busy timeout: every command waits for it and succeeds. A lock longer
than the busy timeout (``CIRCULAR_LEDGER_BUSY_TIMEOUT``): every command stops with a message
naming the ledger's file, and once the lock is gone a re-run of each does the whole work, once:
the contact file is loaded once, each letter received once, each reply recorded once."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from circular.ledger import Contact, Ledger, Reply
from tests.servers.dovecot import ImapAccount
from tests.servers.smtp_server import RecordingHandler, smtp_server
from tests.support.fault_support import (
    ROOT,
    StubCampaign,
    check_exactly_once,
    circular_command,
    stub_campaign,
    wait_until,
)
from tests.support.inbox_support import reply_bytes

pytestmark = pytest.mark.dovecot

LETTERS = 40
REPLIES = 12
INTAKE_CAMPAIGN = "cl-22-1"
CONTACT_FILE = "country,email\nFRA,ministre@fra.example\nESP,ministro@esp.example\n"


def hold_lock(
    ledger_file: Path, seconds: float, folder: Path, release: Path | None = None
) -> subprocess.Popen[str]:
    """A process holding the ledger locked for ``seconds`` (or until ``release`` exists),
    started and holding on return."""
    ready = folder / "locked"
    ready.unlink(missing_ok=True)
    locker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.support.ledger_locker",
            str(ledger_file),
            str(seconds),
            str(ready),
            *([str(release)] if release else []),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    wait_until(lambda: ready.exists() or locker.poll() is not None, "the ledger lock")
    assert locker.poll() is None, locker.communicate()[1]
    return locker


@pytest.fixture
def workload(
    tmp_path: Path, imap_account: ImapAccount
) -> Iterator[tuple[StubCampaign, dict[str, str], RecordingHandler]]:
    """A campaign of LETTERS letters to send, a contact file to take in, REPLIES replies in
    the mailbox, and the environment of the three commands; the SMTP server's handler."""
    campaign = stub_campaign(tmp_path, LETTERS)
    # Intake takes files only for a campaign that exists (a folder with its campaign.yaml).
    (tmp_path / "letters" / INTAKE_CAMPAIGN).mkdir()
    (tmp_path / "letters" / INTAKE_CAMPAIGN / "campaign.yaml").write_text("id: cl-22-1\n")
    drop = tmp_path / "drop"
    (drop / INTAKE_CAMPAIGN).mkdir(parents=True)
    (drop / INTAKE_CAMPAIGN / "ministers.csv").write_text(CONTACT_FILE, encoding="utf-8")
    for number in range(REPLIES):
        imap_account.deliver(
            reply_bytes(sender=f"cabinet{number}@gov.example", kind="accept", in_reply_to=None)
        )
    with smtp_server() as (server, handler):
        env = campaign.env(
            smtp_port=str(server.port),
            drop_folder=str(drop),
            letters_dir=str(tmp_path / "letters"),
            processed_folder=str(tmp_path / "processed"),
            rejected_folder=str(tmp_path / "rejected"),
            imap_host=imap_account.host,
            imap_port=str(imap_account.port),
            imap_username=imap_account.user,
            imap_password=imap_account.password,
            imap_security="none",
        )
        yield campaign, env, handler


COMMANDS = {
    "intake": ["intake"],
    "send": ["send", "--campaign"],
    "poll": ["poll", "--classifier", "tests.support.inbox_support:header_classifier"],
}


def start_all(campaign: StubCampaign, env: dict[str, str]) -> dict[str, subprocess.Popen[str]]:
    """The three commands, started at once."""
    processes = {}
    for name, args in COMMANDS.items():
        command = circular_command(*args, *([str(campaign.folder)] if name == "send" else []))
        processes[name] = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
    return processes


def finish_all(processes: dict[str, subprocess.Popen[str]]) -> dict[str, tuple[int, str]]:
    """Each command's exit status and output (stdout + stderr)."""
    results = {}
    for name, process in processes.items():
        out, err = process.communicate(timeout=120)
        results[name] = (process.returncode, out + err)
    return results


def check_all_done_once(campaign: StubCampaign, handler: RecordingHandler) -> None:
    """The contact file loaded once, each letter received once, each reply recorded once."""
    tally = check_exactly_once(campaign.url, handler.message_ids())
    assert tally.sent == LETTERS
    ledger = Ledger(campaign.url)
    try:
        with ledger.session() as session:
            loaded = session.scalar(
                select(func.count(Contact.id)).where(Contact.campaign == INTAKE_CAMPAIGN)
            )
            replies = session.scalar(select(func.count(Reply.id)))
            uids = session.scalars(select(Reply.uid)).all()
    finally:
        ledger.dispose()
    assert loaded == 2
    assert replies == REPLIES and len(set(uids)) == REPLIES


@pytest.mark.slow
def test_a_short_lock_is_waited_for(
    workload: tuple[StubCampaign, dict[str, str], RecordingHandler], tmp_path: Path
) -> None:
    campaign, env, handler = workload
    ledger_file = campaign.data / "circular.sqlite3"
    locker = hold_lock(ledger_file, 3.0, tmp_path)
    results = finish_all(start_all(campaign, env))
    released_at = float(locker.communicate(timeout=30)[0])
    for name, (status, output) in results.items():
        assert status == 0, f"{name}: {output}"
    check_all_done_once(campaign, handler)
    # They did meet the lock: nothing was recorded before the locker let go.
    assert min(r.at for r in handler.received) >= released_at


@pytest.mark.slow
def test_a_lock_held_too_long_stops_each_command_with_a_message_naming_the_ledger(
    workload: tuple[StubCampaign, dict[str, str], RecordingHandler], tmp_path: Path
) -> None:
    campaign, env, handler = workload
    ledger_file = campaign.data / "circular.sqlite3"
    # Held until every command has given up (at most five minutes), not for a fixed time: the
    # commands must meet the lock however long they take to start.
    release = tmp_path / "release"
    locker = hold_lock(ledger_file, 300.0, tmp_path, release)
    try:
        results = finish_all(start_all(campaign, {**env, "CIRCULAR_LEDGER_BUSY_TIMEOUT": "1"}))
    finally:
        release.touch()
    for name, (status, output) in results.items():
        assert status == 2, f"{name}: {output}"
        assert f"the ledger {ledger_file} is locked by another process" in output, output
        assert "Traceback" not in output, output
    print("\n" + results["send"][1].strip().splitlines()[-1])
    locker.communicate(timeout=30)
    # Nothing lost: the contact file is still to be taken in, and a re-run does it all.
    assert (tmp_path / "drop" / INTAKE_CAMPAIGN / "ministers.csv").exists()
    rerun = finish_all(start_all(campaign, env))
    for name, (status, output) in rerun.items():
        assert status == 0, f"{name}: {output}"
    check_all_done_once(campaign, handler)

"""Helpers of the fault tests (tests/test_fault_*.py): a campaign ready to send, a recording
SMTP sink in its own process that a test can kill with SIGKILL and restart on the same port,
and the checks every fault test ends with (each letter received once, or reported)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select

from circular.campaign import LANGUAGES, TEMPLATE_KINDS
from circular.countries import member_states
from circular.ledger import Contact, Ledger, Message, MessageStatus
from demo.run import write_shifted_campaign

ROOT = Path(__file__).resolve().parents[2]
CAMPAIGN = "cl-21-4"
COVER_NOTE = (
    "Subject: {{ campaign.title }} – {{ campaign.reference }}\n"
    "\n"
    "{{ contact.salutation }}:\n"
    "\n"
    "Please find attached circular letter {{ campaign.reference }} ({{ contact.country }}).\n"
)


def wait_until(condition: Callable[[], bool], what: str, timeout: float = 60.0) -> None:
    """Poll ``condition`` until it holds; fail naming ``what`` after ``timeout`` seconds (a
    bound, so that a broken test stops by itself instead of hanging)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(0.01)


@dataclass
class StubCampaign:
    """CL-21/4 with stub templates and one contact per Member State (up to ``count``), whose
    letters are already "rendered" (small stand-in files): ready for ``circular send``."""

    folder: Path
    data: Path
    out: Path
    url: str

    def env(self, **settings: str) -> dict[str, str]:
        """The environment of a ``python -m circular`` subprocess on this campaign, with
        ``settings`` (``smtp_port="2525"`` → ``CIRCULAR_SMTP_PORT``) added."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("CIRCULAR_")}
        env.update(
            PYTHONPATH=str(ROOT),  # this checkout's code, not the editable install's
            CIRCULAR_DATA_DIR=str(self.data),
            CIRCULAR_OUT_DIR=str(self.out),
            CIRCULAR_SMTP_HOST="127.0.0.1",
            CIRCULAR_SMTP_SECURITY="none",
            CIRCULAR_SMTP_RETRY_DELAY="0.1",
            CIRCULAR_SMTP_TIMEOUT="10",
        )
        env.update({f"CIRCULAR_{key.upper()}": value for key, value in settings.items()})
        return env


def stub_campaign(root: Path, count: int) -> StubCampaign:
    """Write the campaign folder, the ledger's contacts and their stand-in letters."""
    # Dated today, so that its deadline lies ahead (`circular send` refuses a passed one).
    folder = write_shifted_campaign(ROOT / "letters" / CAMPAIGN, root / "letters", date.today())
    for kind in TEMPLATE_KINDS:
        for language in LANGUAGES:
            name = f"{kind}.{language}.{'docx' if kind == 'letter' else 'txt'}"
            (folder / name).write_text(COVER_NOTE, encoding="utf-8")
    data, out = root / "data", root / "out"
    (out / CAMPAIGN).mkdir(parents=True)
    url = f"sqlite:///{data / 'circular.sqlite3'}"
    ledger = Ledger(url)
    states = member_states()
    assert count <= len(states), f"at most {len(states)} contacts (one per Member State)"
    with ledger.session() as session:
        for n, country in enumerate(states[:count]):
            iso3 = country.iso3
            session.add(
                Contact(
                    campaign=CAMPAIGN,
                    contact_key=iso3,
                    iso3=iso3,
                    language="en",
                    email=f"minister-{n}@{iso3.lower()}.example",
                    title="H.E.",
                    name=f"Minister of {iso3}",
                )
            )
            (out / CAMPAIGN / f"{iso3}.en.docx").write_bytes(b"PK stand-in " + iso3.encode())
    ledger.dispose()
    return StubCampaign(folder, data, out, url)


def circular_command(*args: str) -> list[str]:
    """The command line of ``python -m circular ARGS``."""
    return [sys.executable, "-m", "circular", *args]


class SinkProcess:
    """The recording SMTP sink (tests/servers/smtp_server.py) in its own process: one line per
    message received ("<time> <Message-ID>") in ``log``, kept across restarts."""

    def __init__(self, port: int, log: Path, answer_delay: float = 0.0) -> None:
        self.port, self.log, self.answer_delay = port, log, answer_delay
        self.process: subprocess.Popen[str] | None = None

    def start(self) -> None:
        """Start the sink and wait until it says it is ready."""
        command = [sys.executable, "-m", "tests.servers.smtp_server", "--port", str(self.port)]
        self.process = subprocess.Popen(
            [*command, "--log", str(self.log), "--answer-delay", str(self.answer_delay)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        line = self.process.stdout.readline()  # "ready" once listening
        if line.strip() != "ready":
            self.process.kill()
            raise AssertionError(f"the SMTP sink did not start: {self.process.stderr.read()}")

    def kill(self) -> None:
        """SIGKILL the sink: no goodbye to its clients, nothing flushed but what was written."""
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)
        self.process = None

    def stop(self) -> None:
        """Stop the sink if it runs."""
        if self.process is not None:
            self.process.kill()
            self.process.wait(timeout=30)
            self.process = None

    def received(self) -> Counter[str]:
        """How many times each Message-ID was received, over every life of the sink."""
        if not self.log.exists():
            return Counter()
        lines = self.log.read_text().splitlines()
        return Counter(line.split(" ", 1)[1] for line in lines if " " in line)

    def count(self) -> int:
        """Messages received so far."""
        return sum(self.received().values())


@dataclass(frozen=True)
class Tally:
    """Where the letters of a campaign ended, checked against what the sink received."""

    letters: int
    sent: int
    unknown: int
    unknown_received: int
    duplicates: int
    lost: int


def check_exactly_once(url: str, received: Counter[str], campaign: str = CAMPAIGN) -> Tally:
    """Assert that no letter of ``campaign`` was received twice, that every ``sent`` one was
    received exactly once, that nothing else was received, and that every letter is ``sent`` or
    ``unknown`` (a person decides): none lost, pending or stuck in ``sending``."""
    ledger = Ledger(url)
    try:
        with ledger.session() as session:
            query = select(Message).where(Message.campaign == campaign)
            messages = list(session.scalars(query))
    finally:
        ledger.dispose()
    ids = {m.message_id for m in messages}
    duplicates = {mid: n for mid, n in received.items() if n > 1 and mid in ids}
    assert not duplicates, f"received more than once: {duplicates}"
    unknown = [m for m in messages if m.status == MessageStatus.UNKNOWN]
    lost = [
        (m.contact_id, m.status, received[m.message_id])
        for m in messages
        if not (
            (m.status == MessageStatus.SENT and received[m.message_id] == 1)
            or m.status == MessageStatus.UNKNOWN
        )
    ]
    assert not lost, f"letters neither sent once nor reported unknown: {lost}"
    return Tally(
        letters=len(messages),
        sent=sum(1 for m in messages if m.status == MessageStatus.SENT),
        unknown=len(unknown),
        unknown_received=sum(1 for m in unknown if received[m.message_id]),
        duplicates=0,
        lost=0,
    )

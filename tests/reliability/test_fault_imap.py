"""Fault: the IMAP server (a Dovecot of this test's own) killed with SIGKILL mid-poll, and
frozen (SIGSTOP) mid-poll, while a poll works through many replies.

Each interrupted poll must end with an ``ImapError`` naming the server (a frozen server within
the configured timeout: no hang); after Dovecot is restarted the next polls carry on. In the
end every reply is recorded exactly once (one ``Reply`` row per delivered message, none missing)
and filed out of the inbox."""

from __future__ import annotations

import contextlib
import email
import imaplib
import shutil
import signal
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pydantic import SecretStr
from sqlalchemy import select

from circular.ledger import Ledger, Reply
from circular.replies.inbox import ImapConfig, ImapError, Poller, PollResult
from circular.settings import Security
from tests.servers.dovecot import DOVECOT, DovecotServer, ImapAccount
from tests.support.inbox_support import StandInClassification, header_classifier, reply_bytes

pytestmark = pytest.mark.dovecot

# Eight fetch batches of 50: a poll fetches the next batch while it records one, so a fault
# lets the batch already fetched be recorded too; each of the three faulty polls below must
# still find messages to work on when its fault strikes.
REPLIES = 400
KINDS = ["accept", "decline", "other", "auto_reply"]
# Unmatched replies (no letter in this ledger) are all filed for review; the others are listed
# in case the matching finds a letter.
FOLDERS = [
    "Circular/Accepted",
    "Circular/Declined",
    "Circular/Other",
    "Circular/Auto-replies",
    "Circular/Needs review",
]
POLL_BOUND = 90.0  # a poll that takes longer than this is hanging


@pytest.fixture
def own_dovecot() -> Iterator[DovecotServer]:
    """A Dovecot for this test alone (the session's one must not be killed)."""
    if not Path(DOVECOT).exists():
        pytest.skip("Dovecot is not installed: apt-get install dovecot-imapd (make test does)")
    root = Path(tempfile.mkdtemp(prefix="circular-dovecot-fault-"))
    root.chmod(0o755)
    server = DovecotServer(root)
    server.start()
    try:
        yield server
    finally:
        with contextlib.suppress(AssertionError, ProcessLookupError):
            server.signal_all(signal.SIGCONT)  # a frozen server cannot hear SIGTERM
        server.stop()
        shutil.rmtree(root, ignore_errors=True)


def deliver_all(account: ImapAccount, messages: list[bytes]) -> None:
    """APPEND every message to INBOX over one connection."""
    with imaplib.IMAP4(account.host, account.port) as client:
        client.login(account.user, account.password)
        for raw in messages:
            typ, data = client.append("INBOX", None, None, raw)
            assert typ == "OK", data


class FaultAt:
    """A classifier (the stand-in one) that does ``action`` once, at its ``at``-th message of
    the current poll: the fault strikes in the middle of a poll, between two fetch batches'
    work, at a point the test chooses."""

    def __init__(self) -> None:
        self.calls = 0
        self.at = 0
        self.action: Callable[[], None] | None = None

    def arm(self, at: int, action: Callable[[], None]) -> None:
        """Do ``action`` at the ``at``-th message of the next poll."""
        self.calls, self.at, self.action = 0, at, action

    def __call__(self, raw: bytes) -> StandInClassification:
        self.calls += 1
        if self.action is not None and self.calls == self.at:
            action, self.action = self.action, None
            action()
        return header_classifier(raw)


def bounded_poll(poller: Poller) -> PollResult | BaseException:
    """One poll in a thread; its result or its exception. Fails if it runs past POLL_BOUND."""
    outcome: list[PollResult | BaseException] = []

    def run() -> None:
        try:
            outcome.append(poller.poll())
        except BaseException as error:
            outcome.append(error)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(POLL_BOUND)
    assert not thread.is_alive(), f"the poll hung for more than {POLL_BOUND:.0f} s"
    return outcome[0]


@pytest.mark.slow
def test_imap_server_killed_and_frozen_mid_poll(own_dovecot: DovecotServer, ledger: Ledger) -> None:
    account = own_dovecot.new_account()
    delivered = [
        reply_bytes(sender=f"cabinet{n}@gov{n}.example", kind=KINDS[n % 4]) for n in range(REPLIES)
    ]
    deliver_all(account, delivered)
    config = ImapConfig(
        host=account.host,
        port=account.port,
        username=account.user,
        password=SecretStr(account.password),
        security=Security.NONE,
        timeout=3.0,  # how long a silent server is waited for
    )
    classifier = FaultAt()
    poller = Poller(ledger, config, classifier, references={"cl-21-4": "CL-21/4"})
    errors: list[str] = []

    # Killed twice at different points, frozen once, each time mid-poll.
    for at, fault in [(30, "kill"), (70, "kill"), (40, "freeze")]:
        action = (
            own_dovecot.kill if fault == "kill" else lambda: own_dovecot.signal_all(signal.SIGSTOP)
        )
        classifier.arm(at, action)
        outcome = bounded_poll(poller)
        assert isinstance(outcome, ImapError), f"{fault} at message {at}: {outcome!r}"
        assert f"{account.host}:{account.port}" in str(outcome)
        assert "the next poll carries on" in str(outcome)
        if fault == "freeze":
            assert "did not answer within 3 s" in str(outcome)
        errors.append(f"{fault}: {outcome}")
        if fault == "kill":
            own_dovecot.restart()
        else:
            own_dovecot.signal_all(signal.SIGCONT)

    final = bounded_poll(poller)
    assert isinstance(final, PollResult), final
    again = bounded_poll(poller)
    assert isinstance(again, PollResult) and again.fetched == 0

    with ledger.session() as session:
        recorded = session.execute(select(Reply.message_id, Reply.uid, Reply.filed_to)).all()
    sent_ids = [email.message_from_bytes(raw)["Message-ID"] for raw in delivered]
    assert len(recorded) == REPLIES, f"{len(recorded)} replies recorded of {REPLIES}"
    assert sorted(r.message_id for r in recorded) == sorted(sent_ids)  # each once, none missing
    assert len({r.uid for r in recorded}) == REPLIES
    assert {r.filed_to for r in recorded} <= set(FOLDERS), {r.filed_to for r in recorded}
    assert account.folder_uids("INBOX") == {}
    assert sum(len(account.folder_uids(folder)) for folder in FOLDERS) == REPLIES
    print("\n" + "\n".join(errors))

"""Simulated respondents: they read each letter the SMTP server accepts, decide what to do
by the scenario, and after a delay file their answer in the campaign's reply inbox."""

from __future__ import annotations

import dataclasses
import email.policy
import hashlib
import heapq
import itertools
import logging
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from email.message import Message
from email.utils import format_datetime

from circular.sandbox.dsn import delivery_status_notification
from circular.sandbox.letter import Letter, read_letter
from circular.sandbox.replies import HUMAN_KINDS, human_reply, out_of_office
from circular.sandbox.scenario import WEB_KINDS, Kind, Scenario, seeded_random
from circular.sandbox.smtp import ReceivedMessage
from circular.sandbox.web import answer_on_page, personal_link

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SimulatedReply:
    """An answer a simulated respondent wrote (and, once delivered, filed in the inbox)."""

    kind: Kind
    respondent: str
    country: str | None
    language: str
    in_reply_to: str
    message_id: str
    data: bytes = field(repr=False)
    #: ``email`` (filed in the inbox) or ``web`` (posted on the page at ``url``).
    channel: str = "email"
    url: str = ""


class Respondents:
    """Answers letters per the scenario; ``deliver`` files each answer (IMAP APPEND), and
    ``answer_on_web`` posts the answers of the web kinds on the letter's personal page.

    ``receive`` may be called from any thread; answers are delivered on this object's own
    thread when their delay has passed. Every choice (who does what, which sentence, how
    long to wait) is drawn from the scenario's seed, so a run can be repeated."""

    def __init__(
        self,
        scenario: Scenario,
        deliver: Callable[[bytes], None],
        *,
        today: Callable[[], date] = date.today,
        answer_on_web: Callable[[SimulatedReply], None] | None = None,
    ) -> None:
        self._scenario = scenario
        self._deliver = deliver
        self._answer_on_web = answer_on_web or post_on_page
        self._today = today
        self._queue: list[tuple[float, int, SimulatedReply]] = []
        self._order = itertools.count()
        self._letters_seen: dict[str, int] = {}
        self._delivered: list[SimulatedReply] = []
        self._failures = 0
        self._filing = 0  # popped from the queue, APPEND under way
        self._changed = threading.Condition()
        self._stopping = False
        self._thread: threading.Thread | None = None

    # -- lifecycle -------------------------------------------------------------------------

    def start(self) -> None:
        """Start delivering answers."""
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name="sandbox-respondents", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop; answers not yet due are dropped."""
        with self._changed:
            self._stopping = True
            self._changed.notify_all()
        if self._thread is not None:
            self._thread.join(30)
            self._thread = None

    # -- input -----------------------------------------------------------------------------

    def receive(self, received: ReceivedMessage) -> None:
        """Plan the answers to one received letter (one per recipient that answers)."""
        try:
            letter = read_letter(received.data, received.mail_from, received.received_at)
            for recipient in received.rcpt_tos:
                self._plan_answers(letter, recipient, received)
        except Exception:
            # A letter the respondents cannot read must not make the SMTP server refuse it.
            log.exception("sandbox respondents could not read %s", received.message_id)

    def _plan_answers(self, letter: Letter, recipient: str, received: ReceivedMessage) -> None:
        address = recipient.lower()
        primary = address in letter.primary_recipients
        plan = self._scenario.plan_for(address, letter.country, primary=primary)
        with self._changed:
            number = self._letters_seen.get(address, 0)
            self._letters_seen[address] = number + 1
        delay = self._scenario.delay(address, number)
        if plan.kind is Kind.BOUNCE:
            # A dead address bounces every letter.
            reply = self._write(letter, recipient, Kind.BOUNCE, number, received)
            self._schedule(delay, reply)
            return
        if plan.kind is Kind.SILENCE or number != plan.after:
            return
        self._schedule(delay, self._write(letter, recipient, plan.kind, number, received))
        if plan.then is not None:
            later = delay + plan.then_delay_seconds / self._scenario.speed
            self._schedule(later, self._write(letter, recipient, plan.then, number, received))

    # -- writing ---------------------------------------------------------------------------

    def _write(
        self, letter: Letter, recipient: str, kind: Kind, number: int, received: ReceivedMessage
    ) -> SimulatedReply:
        seed = self._scenario.seed
        rng = seeded_random(seed, "text", recipient.lower(), kind, number)
        message_id = _message_id(seed, letter.message_id, recipient, kind, number)
        message: Message
        if kind in WEB_KINDS:
            return SimulatedReply(
                kind=kind,
                respondent=recipient,
                country=letter.country,
                language=letter.language,
                in_reply_to=letter.message_id,
                message_id=message_id,
                data=b"",
                channel="web",
                url=personal_link(letter.text) or "",
            )
        if kind is Kind.BOUNCE:
            message = delivery_status_notification(
                letter, recipient, self._scenario.bounce, received.received_at, message_id
            )
        elif kind is Kind.OUT_OF_OFFICE:
            low, high = self._scenario.return_in_days
            back_on = self._today() + timedelta(days=rng.randint(low, high))
            message = out_of_office(letter, recipient, back_on, rng, message_id)
        elif kind in HUMAN_KINDS:
            message = human_reply(letter, recipient, kind, rng, message_id)
        else:  # pragma: no cover - silence never writes
            raise ValueError(f"nothing to write for {kind}")
        return SimulatedReply(
            kind=kind,
            respondent=recipient,
            country=letter.country,
            language=letter.language,
            in_reply_to=letter.message_id,
            message_id=message_id,
            data=message.as_bytes(policy=email.policy.SMTP),
        )

    # -- delivery --------------------------------------------------------------------------

    def _schedule(self, delay: float, reply: SimulatedReply) -> None:
        with self._changed:
            heapq.heappush(self._queue, (time.monotonic() + delay, next(self._order), reply))
            self._changed.notify_all()

    def _run(self) -> None:
        while True:
            with self._changed:
                while not self._stopping:
                    now = time.monotonic()
                    if self._queue and self._queue[0][0] <= now:
                        break
                    self._changed.wait(self._queue[0][0] - now if self._queue else None)
                if self._stopping:
                    return
                _, _, reply = heapq.heappop(self._queue)
                self._filing += 1
            try:
                if reply.channel == "web":
                    self._answer_on_web(reply)
                else:
                    reply = dataclasses.replace(reply, data=_dated_now(reply.data))
                    self._deliver(reply.data)
            except Exception:
                log.exception(
                    "sandbox could not file the %s reply %s", reply.kind, reply.message_id
                )
                with self._changed:
                    self._filing -= 1
                    self._failures += 1
                    self._changed.notify_all()
                continue
            log.info(
                "sandbox respondent %s (%s, %s) answered %s: %s",
                reply.respondent,
                reply.country or "?",
                reply.language,
                reply.in_reply_to,
                reply.kind,
            )
            with self._changed:
                self._filing -= 1
                self._delivered.append(reply)
                self._changed.notify_all()

    # -- output ----------------------------------------------------------------------------

    def delivered(self) -> list[SimulatedReply]:
        """Every answer filed in the inbox so far, in the order it was filed."""
        with self._changed:
            return list(self._delivered)

    def pending(self) -> int:
        """How many answers are written but not filed yet (waiting for their delay, or
        being appended)."""
        with self._changed:
            return len(self._queue) + self._filing

    def wait_for(self, count: int, timeout: float) -> list[SimulatedReply]:
        """Block until ``count`` answers are filed; return them all. TimeoutError otherwise."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while len(self._delivered) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(
                        f"{len(self._delivered)} of {count} sandbox replies filed after "
                        f"{timeout:g} s ({len(self._queue)} still waiting for their delay, "
                        f"{self._failures} failed to file)"
                    )
                self._changed.wait(left)
            return list(self._delivered)


def post_on_page(reply: SimulatedReply) -> None:
    """Answer ``reply`` on its personal page (``circular.sandbox.web``), the way a browser
    posts the form; the speaker and day drawn from the reply's own seed."""
    if not reply.url:
        raise ValueError(f"the letter {reply.in_reply_to} gives no personal link to answer on")
    rng = seeded_random(0, "web", reply.message_id)
    answer_on_page(reply.url, reply.kind is Kind.WEB_ACCEPT, rng)


def _dated_now(data: bytes) -> bytes:
    # Answers are written when the letter arrives but dated when they are filed, as if
    # written then (an out-of-office's follow-up comes days later in real life).
    head, blank, body = data.partition(b"\r\n\r\n")
    stamp = f"Date: {format_datetime(datetime.now(UTC))}\r\n".encode()
    return _DATE_LINE.sub(stamp, head + b"\r\n", count=1)[:-2] + blank + body


_DATE_LINE = re.compile(rb"(?im)^Date:[^\r\n]*\r\n")


def _message_id(seed: int, letter_id: str, recipient: str, kind: Kind, number: int) -> str:
    # Derived from the seed and the letter, so a repeated run writes the same Message-IDs.
    digest = hashlib.sha256(f"{seed}|{letter_id}|{recipient}|{kind}|{number}".encode()).hexdigest()
    domain = recipient.rpartition("@")[2] or "sandbox.test"
    return f"<{digest[:24]}@{domain}>"

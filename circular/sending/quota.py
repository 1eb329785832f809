"""The providers' daily limit as they count it: recipients (To and Cc), over a rolling 24 hours.

Exchange Online allows 10,000 recipients a day, Google Workspace 10,000: a letter with two Cc
spends three, and the count is of the last 24 hours, not of a UTC day. The budget starts from
the ledger (every campaign: the quota is the mailbox's), so a run started after another, or
after a crash, still respects what was sent before it.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

from sqlalchemy import and_, or_, select

from circular.ledger import Ledger, Message, MessageStatus, utcnow
from circular.sending import answers

WINDOW = timedelta(hours=24)
#: Added to a computed resume time: a letter is counted when it is claimed, a little before
#: the provider counts it, and the two clocks may differ a little.
MARGIN = timedelta(minutes=1)


class RecipientQuotaReached(Exception):
    """The rolling 24-hour recipient budget (or the provider's quota) is spent; sending may
    resume at ``resume_at`` (UTC)."""

    def __init__(self, message: str, resume_at: datetime) -> None:
        super().__init__(f"{message}; sending resumes at {resume_at:%Y-%m-%d %H:%M} UTC")
        self.resume_at = resume_at


def recent_sends(ledger: Ledger, now: datetime) -> list[tuple[datetime, int]]:
    """(time, recipients) of every message sent, or possibly sent, in the last 24 hours."""
    since = now - WINDOW
    maybe_sent = (MessageStatus.SENDING, MessageStatus.UNKNOWN)
    with ledger.session() as session:
        rows = session.execute(
            select(Message.sent_at, Message.claimed_at, Message.to_addrs).where(
                or_(
                    Message.sent_at >= since,
                    and_(Message.status.in_(maybe_sent), Message.claimed_at >= since),
                )
            )
        ).all()
    # A message in doubt counts once at least: its recipients are not recorded yet.
    return sorted(
        (sent_at or claimed_at, max(len(to_addrs or []), 1))
        for sent_at, claimed_at, to_addrs in rows
        if (sent_at or claimed_at) is not None
    )


def paused_until(ledger: Ledger, now: datetime) -> datetime | None:
    """When a provider's quota answer recorded by an earlier run lets sending resume: a
    letter released for it waits, ``pending``, scheduled for that time (None: no pause)."""
    with ledger.session() as session:
        rows = session.execute(
            select(Message.scheduled_for, Message.last_smtp_code, Message.last_smtp_answer).where(
                Message.status == MessageStatus.PENDING, Message.scheduled_for > now
            )
        ).all()
    pauses = [
        scheduled_for
        for scheduled_for, code, answer in rows
        if (understood := answers.understand(code, answer or "")) is not None
        and understood.action == answers.Action.PAUSE
    ]
    return max(pauses, default=None)


class RecipientBudget:
    """At most ``per_day`` recipients in any 24 hours (0: no limit)."""

    def __init__(
        self,
        per_day: int,
        sent: Iterable[tuple[datetime, int]] = (),
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.per_day = per_day
        self._clock = clock
        self._sent: deque[tuple[datetime, int]] = deque(sorted(sent))

    def _prune(self, now: datetime) -> None:
        while self._sent and self._sent[0][0] <= now - WINDOW:
            self._sent.popleft()

    @property
    def used(self) -> int:
        """Recipients counted in the last 24 hours."""
        self._prune(self._clock())
        return sum(count for _, count in self._sent)

    def window_opens(self, needed: int = 1) -> datetime | None:
        """When enough of the last 24 hours' recipients have left the window for ``needed``
        more (None: the ledger knows of no send in the window). Without a limit of our own
        (the provider's quota was met first): when the oldest send leaves it."""
        now = self._clock()
        self._prune(now)
        if not self.per_day:
            return self._sent[0][0] + WINDOW + MARGIN if self._sent else None
        excess = sum(count for _, count in self._sent) + needed - self.per_day
        for moment, count in self._sent:
            excess -= count
            if excess <= 0:
                return moment + WINDOW + MARGIN
        return self._sent[-1][0] + WINDOW + MARGIN if self._sent else None

    def take(self, recipients: int) -> None:
        """Count a letter to ``recipients`` addresses, or raise RecipientQuotaReached."""
        now = self._clock()
        self._prune(now)
        if self.per_day and self.used + recipients > self.per_day:
            resume = self.window_opens(recipients) or now + WINDOW
            raise RecipientQuotaReached(
                f"{self.per_day} recipients in 24 hours reached (CIRCULAR_SMTP_RECIPIENTS_PER_DAY)",
                resume,
            )
        self._sent.append((now, recipients))

    def give_back(self, recipients: int) -> None:
        """Uncount the last letter taken: the server did not take it."""
        for index in range(len(self._sent) - 1, -1, -1):
            if self._sent[index][1] == recipients:
                del self._sent[index]
                return

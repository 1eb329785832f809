"""The operator's sending limits (messages per minute and per day), shared by every connection.

Two rules keep the per-minute limit true as the *server* counts, not only as we do:

- sends start at least ``60 / per_minute`` seconds apart (even pacing, no bursts), and
- a send occupies its slot until its answer arrives; a new send may start only when fewer
  than ``per_minute`` sends have *finished* within the last 60 seconds, counting the ones
  still in flight. Since the server records a message before we read its answer, any
  ``per_minute + 1`` messages it receives are more than 60 seconds apart, whatever the latency.

The daily count starts from the ledger (messages sent today, UTC), so a quota spent by an
earlier run, or before a crash, still counts; when it is spent, ``acquire`` raises
``DailyQuotaReached`` with the time the next day starts, and what is left waits for it.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta

WINDOW = 60.0


class DailyQuotaReached(Exception):
    """The day's quota is spent; sending may resume at ``resume_at`` (UTC)."""

    def __init__(self, per_day: int, resume_at: datetime) -> None:
        super().__init__(
            f"daily quota of {per_day} messages reached; sending resumes at "
            f"{resume_at:%Y-%m-%d %H:%M} UTC"
        )
        self.per_day = per_day
        self.resume_at = resume_at


def day_start(moment: datetime) -> datetime:
    """Midnight UTC of ``moment``'s day: where a daily quota resets."""
    moment = moment.astimezone(UTC)
    return moment.replace(hour=0, minute=0, second=0, microsecond=0)


class RateLimiter:
    """Per-minute and per-day limits for all the sends of one process (0: no limit)."""

    def __init__(
        self,
        per_minute: int = 0,
        per_day: int = 0,
        *,
        window: float = WINDOW,
        sent_today: int = 0,
        recent: Iterable[datetime] = (),
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.per_minute = per_minute
        self.per_day = per_day
        self._clock = clock
        self._wall = wall_clock
        self._lock = asyncio.Lock()
        self._day = day_start(wall_clock())
        self._sent_today = sent_today
        self.window = window  # 60 s; shorter only so that tests can watch several windows
        self._interval = window / per_minute if per_minute else 0.0
        self._next_start = 0.0
        self._in_flight = 0
        # Finish times (monotonic) of the sends of the last minute, oldest first; seeded from
        # the ledger's sent_at so that a run started right after another respects it too.
        now_wall, now = wall_clock(), clock()
        self._finished: deque[float] = deque(
            sorted(now - (now_wall - moment).total_seconds() for moment in recent)
        )

    @property
    def sent_today(self) -> int:
        """Messages counted against today's quota so far (including those in flight)."""
        return self._sent_today

    def _roll_day(self) -> None:
        today = day_start(self._wall())
        if today != self._day:
            self._day, self._sent_today = today, self._in_flight

    async def acquire(self) -> None:
        """Wait until one more send is allowed, and take its slot. Pair with ``release``.

        Raises DailyQuotaReached when the day's quota is spent."""
        async with self._lock:  # one waiter at a time: slots are granted in order
            while True:
                self._roll_day()
                if self.per_day and self._sent_today >= self.per_day:
                    raise DailyQuotaReached(self.per_day, self._day + timedelta(days=1))
                wait = self._wait_time()
                if wait <= 0:
                    break
                await asyncio.sleep(wait)
            now = self._clock()
            self._next_start = max(now, self._next_start) + self._interval
            self._in_flight += 1
            self._sent_today += 1

    def _wait_time(self) -> float:
        if not self.per_minute:
            return 0.0
        now = self._clock()
        while self._finished and self._finished[0] <= now - self.window:
            self._finished.popleft()
        wait = self._next_start - now
        if len(self._finished) + self._in_flight >= self.per_minute:
            if self._finished:
                wait = max(wait, self._finished[0] + self.window - now)
            else:
                # Every slot is in flight: wait for an answer (release) and look again.
                wait = max(wait, 0.01)
        return wait

    def release(self, *, delivered: bool) -> None:
        """Free the slot taken by ``acquire``. A send the server did not take
        (``delivered=False``: refused before DATA, never reached it) gives back its share of the
        daily quota, but still counts in the minute: the server saw the attempt."""
        self._in_flight -= 1
        if self.per_minute:
            self._finished.append(self._clock())
        if not delivered:
            self._sent_today -= 1

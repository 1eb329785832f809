"""The sending limits of one account (recipients per minute and per rolling day), shared by every
sender at once: CLI runs, Prefect workers and machines that share the ledger.

The ledger is the one source of truth. Every send takes a *slot* in ``send_slots`` before it
starts, inside a transaction that first locks the account's row of ``send_accounts`` (an
``UPDATE``: a row lock on PostgreSQL, the write lock on SQLite). So whoever sends, from
wherever, sees every other sender's slots, and two senders never both take the last one.

Three rules decide when the next slot is granted:

- **pacing**: slots start at least ``60 / per_minute`` seconds a recipient apart (the
  account's ``next_at``), so there is no burst at start;
- **the minute**: a slot is granted only when the recipients of the slots finished in the last
  60 seconds, plus those in flight, leave room. The server records a message before we read its
  answer, so any ``per_minute + 1`` recipients it receives are more than 60 seconds apart,
  whatever the latency;
- **the day**: the recipients of the slots started in the last 24 hours (rolling) that the
  server took, or may have, stay within ``per_day``; when they would not, ``acquire`` raises
  ``DailyQuotaReached`` with the moment enough of them leave the window.

Fairness: a sender that must wait registers in ``send_waiters``; a slot goes to the sender
waiting longest (among those seen in the last few seconds: a dead process holds no one
back). Two senders sharing an account thus take turns, each making progress.

A process runs one limiter per account for all its connections; its connections queue on an
asyncio lock, so only one of them waits in the ledger at a time. Clocks: slots carry each
machine's UTC time, so machines sharing a ledger need synchronised clocks (NTP).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.sql.dml import Delete

from circular.ledger import Ledger, SendAccount, SendSlot, SendWaiter, utcnow

WINDOW = 60.0
DAY = timedelta(days=1)
#: A waiter not seen for this long (its process died, or it sleeps) lets the others go first.
WAITER_ALIVE = timedelta(seconds=5)
#: The longest a waiter sleeps before looking again (keeps it ``alive`` in the queue).
MAX_NAP = 2.0
#: How often a sender whose turn it is not looks again.
TURN_POLL = 0.05


class DailyQuotaReached(Exception):
    """The day's quota is spent; sending may resume at ``resume_at`` (UTC)."""

    def __init__(self, per_day: int, resume_at: datetime) -> None:
        super().__init__(
            f"daily quota of {per_day} recipients (rolling 24 hours) reached; sending resumes "
            f"at {resume_at:%Y-%m-%d %H:%M} UTC"
        )
        self.per_day = per_day
        self.resume_at = resume_at


@dataclass(frozen=True)
class Slot:
    """A send the limiter let go: release it with ``SharedRateLimiter.release``."""

    id: int | None  # None: no limit is set, nothing was recorded
    recipients: int


@dataclass(frozen=True)
class _Verdict:
    slot: Slot | None = None
    wait: float = 0.0
    quota: DailyQuotaReached | None = None


class SharedRateLimiter:
    """Per-minute and per-day limits of ``account`` (0: no limit), held in the ledger."""

    def __init__(
        self,
        ledger: Ledger,
        account: str,
        per_minute: int = 0,
        per_day: int = 0,
        *,
        holder: str,
        window: float = WINDOW,
        stale_after: float = 900.0,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.ledger, self.account, self.holder = ledger, account, holder
        self.per_minute, self.per_day = per_minute, per_day
        self.window = window  # 60 s; shorter only so that tests can watch several windows
        self.stale_after = stale_after  # an in-flight slot this old belongs to a dead sender
        self._clock = clock
        self._lock = asyncio.Lock()
        self._account_ready = False

    @property
    def limited(self) -> bool:
        """Whether any limit is set (without one, nothing touches the ledger)."""
        return bool(self.per_minute or self.per_day)

    async def acquire(self, recipients: int = 1) -> Slot:
        """Wait until a send to ``recipients`` recipients may start, and take its slot.

        Raises DailyQuotaReached when the rolling day's quota leaves no room."""
        if not self.limited:
            return Slot(None, recipients)
        # A message to more recipients than a minute allows still goes, alone in its minute.
        wanted = min(recipients, self.per_minute) if self.per_minute else recipients
        async with self._lock:
            while True:
                look = asyncio.ensure_future(asyncio.to_thread(self._try, wanted))
                try:
                    verdict = await asyncio.shield(look)
                except asyncio.CancelledError:
                    # Stopped mid-look: the look goes on in its thread; a slot it takes is
                    # given back, or it would count against every sender for ``stale_after``.
                    look.add_done_callback(self._give_back)
                    raise
                if verdict.quota is not None:
                    raise verdict.quota
                if verdict.slot is not None:
                    return verdict.slot
                await asyncio.sleep(min(verdict.wait, MAX_NAP))

    def release(self, slot: Slot, *, delivered: bool) -> None:
        """The server answered (or the send ended): the slot counts in the minute from now.
        ``delivered=False`` (refused before DATA, never reached the server) gives back its
        share of the day."""
        if slot.id is None:
            return
        with self.ledger.session() as session:
            session.execute(
                update(SendSlot)
                .where(SendSlot.id == slot.id)
                .values(done_at=self._clock(), delivered=delivered)
            )

    def _give_back(self, look: asyncio.Future[_Verdict]) -> None:
        if look.cancelled() or look.exception() is not None:
            return
        slot = look.result().slot
        if slot is not None:
            self.release(slot, delivered=False)

    def _ensure_account(self) -> None:
        if self._account_ready:
            return
        try:
            with self.ledger.session() as session:
                if session.get(SendAccount, self.account) is None:
                    session.add(SendAccount(account=self.account, next_at=None, turns=0))
        except IntegrityError:
            pass  # another sender made it at the same moment
        self._account_ready = True

    def _try(self, recipients: int) -> _Verdict:
        """One look, in one transaction holding the account's lock: a slot, or how long to
        wait, or the day's quota."""
        self._ensure_account()
        with self.ledger.session() as session:
            # The lock: every sender of this account queues here until this commits.
            session.execute(
                update(SendAccount)
                .where(SendAccount.account == self.account)
                .values(turns=SendAccount.turns + 1)
            )
            now = self._clock()
            quota = self._day_quota(session, now, recipients)
            if quota is not None:
                session.execute(self._forget_me())
                return _Verdict(quota=quota)
            wait = self._minute_wait(session, now, recipients)
            if not self._my_turn(session, now):
                wait = max(wait, TURN_POLL)
            if wait > 0:
                return _Verdict(wait=wait)
            slot = SendSlot(
                account=self.account, holder=self.holder, recipients=recipients, started_at=now
            )
            session.add(slot)
            if self.per_minute:
                pace = timedelta(seconds=self.window * recipients / self.per_minute)
                session.execute(
                    update(SendAccount)
                    .where(SendAccount.account == self.account)
                    .values(next_at=now + pace)
                )
            session.execute(self._forget_me())
            session.flush()
            if slot.id % 500 == 0:  # now and then, forget slots older than any window
                session.execute(
                    delete(SendSlot).where(
                        SendSlot.account == self.account,
                        SendSlot.started_at < now - DAY - timedelta(hours=1),
                    )
                )
            return _Verdict(slot=Slot(slot.id, recipients))

    def _forget_me(self) -> Delete:
        return delete(SendWaiter).where(
            SendWaiter.account == self.account, SendWaiter.holder == self.holder
        )

    def _day_quota(self, session: Session, now: datetime, wanted: int) -> DailyQuotaReached | None:
        if not self.per_day:
            return None
        rows = session.execute(
            select(SendSlot.started_at, SendSlot.recipients)
            .where(
                SendSlot.account == self.account,
                SendSlot.started_at > now - DAY,
                or_(SendSlot.delivered.is_(None), SendSlot.delivered.is_(True)),
            )
            .order_by(SendSlot.started_at)
        ).all()
        used = sum(count for _start, count in rows)
        if used + wanted <= self.per_day:
            return None
        # Room comes back as the oldest slots leave the 24-hour window.
        excess = used + wanted - self.per_day
        for started, count in rows:
            excess -= count
            if excess <= 0:
                return DailyQuotaReached(self.per_day, started + DAY)
        return DailyQuotaReached(self.per_day, now + DAY)  # wanted alone exceeds the day

    def _minute_wait(self, session: Session, now: datetime, wanted: int) -> float:
        if not self.per_minute:
            return 0.0
        account = session.get(SendAccount, self.account)
        wait = 0.0
        if account is not None and account.next_at is not None and account.next_at > now:
            wait = (account.next_at - now).total_seconds()
        window = timedelta(seconds=self.window)
        busy = session.execute(
            select(SendSlot.done_at, SendSlot.recipients).where(
                SendSlot.account == self.account,
                or_(
                    SendSlot.done_at > now - window,
                    SendSlot.done_at.is_(None)
                    & (SendSlot.started_at > now - timedelta(seconds=self.stale_after)),
                ),
            )
        ).all()
        used = sum(count for _done, count in busy)
        if used + wanted <= self.per_minute:
            return wait
        # Full: wait until enough finished slots leave the window (in-flight ones first end).
        excess = used + wanted - self.per_minute
        for done, count in sorted((d, c) for d, c in busy if d is not None):
            excess -= count
            if excess <= 0:
                return max(wait, (done + window - now).total_seconds(), 0.01)
        return max(wait, 0.01)  # every slot is in flight: look again soon

    def _my_turn(self, session: Session, now: datetime) -> bool:
        """Register as waiting; True when no live sender has waited longer."""
        me = session.get(SendWaiter, (self.account, self.holder))
        if me is None:
            session.add(
                SendWaiter(account=self.account, holder=self.holder, since=now, seen_at=now)
            )
        else:
            me.seen_at = now
        session.flush()
        first = session.scalar(
            select(SendWaiter.holder)
            .where(SendWaiter.account == self.account, SendWaiter.seen_at > now - WAITER_ALIVE)
            .order_by(SendWaiter.since, SendWaiter.holder)
            .limit(1)
        )
        return first in (None, self.holder)


def account_key(host: str, port: int, username: str) -> str:
    """The name of a sending account in the ledger: its limits are the provider's, per
    mailbox, whatever campaign sends."""
    return f"{username or '-'}@{host}:{port}"

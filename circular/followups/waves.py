"""Reminder waves: when they go out and who gets them.

Everything here is a pure function of its inputs, the clock included (``now`` is always a
parameter), so every rule can be tested on a simulated calendar.

Rules (issue 6):
- wave *n* is sent ``offsets_days[n-1]`` days before the reply deadline, at ``send_time`` in the
  campaign's time zone; a wave that falls on a Saturday or Sunday moves to the Friday before;
- a wave goes only to contacts with no human reply, no permanent bounce, no reminder of that
  wave yet, and fewer than ``max_reminders`` reminders so far;
- a contact who is out of office until after a wave gets that wave's reminder on the next working
  day after the return, at ``send_time``, when that is still before the deadline; otherwise that
  wave skips them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

SATURDAY = 5

#: Whether a day is a working day (the campaign's ``reminders.working_days``).
WorkingDay = Callable[[date], bool]


def monday_to_friday(day: date) -> bool:
    """The default working week."""
    return day.weekday() < SATURDAY


@dataclass(frozen=True)
class Wave:
    """One reminder wave: its number (1-based) and when it goes out (timezone-aware)."""

    number: int
    at: datetime

    @property
    def kind(self) -> str:
        """The ledger's message kind for this wave's reminders."""
        return f"reminder-{self.number}"


def working_day_on_or_before(day: date, is_working: WorkingDay = monday_to_friday) -> date:
    """``day`` itself on a working day; else the last working day before it (the Friday
    before a weekend, by default)."""
    for _ in range(7):
        if is_working(day):
            return day
        day -= timedelta(days=1)
    raise ValueError("no working day in the week: check reminders.working_days")


def next_working_day_after(day: date, is_working: WorkingDay = monday_to_friday) -> date:
    """The first working day strictly after ``day``."""
    for _ in range(7):
        day += timedelta(days=1)
        if is_working(day):
            return day
    raise ValueError("no working day in the week: check reminders.working_days")


def _local(day: date, at: time, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, at, tzinfo=zone)


def wave_schedule(
    deadline: datetime,
    offsets_days: Sequence[int],
    send_time: time,
    zone: ZoneInfo,
    is_working: WorkingDay = monday_to_friday,
) -> list[Wave]:
    """The campaign's reminder waves, earliest first.

    ``deadline`` is the reply deadline (timezone-aware). Offsets are days before the deadline's
    local date; duplicates after the weekend shift (two offsets landing on the same Friday) are
    merged, and a wave not strictly before the deadline is dropped."""
    if deadline.tzinfo is None:
        raise ValueError("the deadline must be timezone-aware")
    local_deadline = deadline.astimezone(zone)
    times: list[datetime] = []
    for offset in sorted(set(offsets_days), reverse=True):
        if offset < 0:
            raise ValueError(f"reminder offset {offset} is negative: offsets are days BEFORE")
        day = working_day_on_or_before(local_deadline.date() - timedelta(days=offset), is_working)
        at = _local(day, send_time, zone)
        if at < deadline and at not in times:
            times.append(at)
    return [Wave(number, at) for number, at in enumerate(times, start=1)]


@dataclass(frozen=True)
class ContactFacts:
    """What the wave rules need to know of one contact, read from the ledger at wave time."""

    contact_id: int
    has_human_reply: bool
    permanently_bounced: bool
    reminders_sent: frozenset[str]
    out_of_office_until: date | None = None
    held: bool = False  # a person said: no reminders to this contact for now


@dataclass(frozen=True)
class ReminderPlan:
    """A reminder to send: to whom, for which wave, and when (now, or deferred)."""

    contact_id: int
    wave: Wave
    send_at: datetime


def plan_wave(
    wave: Wave,
    contacts: Sequence[ContactFacts],
    *,
    deadline: datetime,
    send_time: time,
    zone: ZoneInfo,
    max_reminders: int,
    is_working: WorkingDay = monday_to_friday,
) -> list[ReminderPlan]:
    """Who gets ``wave``'s reminder, and when. Contacts who may not get it are left out."""
    plans: list[ReminderPlan] = []
    for facts in contacts:
        if facts.has_human_reply or facts.permanently_bounced or facts.held:
            continue
        if wave.kind in facts.reminders_sent or len(facts.reminders_sent) >= max_reminders:
            continue
        send_at = wave.at
        away_until = facts.out_of_office_until
        if away_until is not None and away_until > wave.at.astimezone(zone).date():
            send_at = _local(next_working_day_after(away_until, is_working), send_time, zone)
            if send_at >= deadline:
                continue
        plans.append(ReminderPlan(facts.contact_id, wave, send_at))
    return plans

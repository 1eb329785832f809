"""Reminder waves: on which day they go out, when each recipient gets them, and who gets them.

Everything here is a pure function of its inputs, the clock included (``now`` is always a
parameter), so every rule can be tested on a simulated calendar.

Rules (issues 6 and 17):
- wave *n* is a *day*: ``offsets_days[n-1]`` days before the reply deadline's date, moved back
  to the secretariat's previous working day when it falls on its weekend, a public holiday of
  its calendar or one of its closing days; two offsets landing on the same day merge;
- each recipient gets the wave in their own send window (``circular.sending.windows``) on the
  wave day, or on their previous working day when the wave day is their weekend or holiday;
  never before the letter's day, never after the deadline, and later than their previous wave
  (when two waves land on the same working day of a recipient, they get the first only);
- a campaign in which some recipient can get a wave in no window is refused, naming them;
- a wave goes only to contacts with no human reply, no permanent bounce, no reminder of that
  wave yet, and fewer than ``max_reminders`` reminders so far;
- a contact who is out of office until after their wave day gets the reminder in their first
  window after the return, when that is still before the deadline; otherwise that wave skips
  them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from circular.sending.windows import (
    Recipient,
    Slot,
    Timing,
    TimingError,
    first_slot_from,
    labels,
    slot_on_or_before,
)

SATURDAY = 5

#: Whether a day is a working day of the secretariat.
WorkingDay = Callable[[date], bool]


def monday_to_friday(day: date) -> bool:
    """The default working week."""
    return day.weekday() < SATURDAY


@dataclass(frozen=True)
class Wave:
    """One reminder wave: its number (1-based) and its day in the secretariat's calendar."""

    number: int
    day: date

    @property
    def kind(self) -> str:
        """The ledger's message kind for this wave's reminders."""
        return f"reminder-{self.number}"


def working_day_on_or_before(day: date, is_working: WorkingDay = monday_to_friday) -> date:
    """``day`` itself on a working day; else the last working day before it (the Friday
    before a weekend, by default)."""
    for _ in range(31):
        if is_working(day):
            return day
        day -= timedelta(days=1)
    raise ValueError("no working day in a month: check reminders.working_days and the calendar")


def wave_days(
    deadline_day: date,
    offsets_days: Sequence[int],
    is_working: WorkingDay = monday_to_friday,
    first_day: date | None = None,
) -> list[Wave]:
    """The campaign's reminder waves, earliest first: each offset's day before
    ``deadline_day``, moved back to a working day; merged when two land on one day, dropped
    when not strictly before the deadline day or before ``first_day`` (the letter's)."""
    days: list[date] = []
    for offset in sorted(set(offsets_days), reverse=True):
        if offset < 0:
            raise ValueError(f"reminder offset {offset} is negative: offsets are days BEFORE")
        day = working_day_on_or_before(deadline_day - timedelta(days=offset), is_working)
        if day < deadline_day and day not in days and (first_day is None or day >= first_day):
            days.append(day)
    return [Wave(number, day) for number, day in enumerate(days, start=1)]


#: Each wave's slot per contact id (a contact missing from a wave: that wave merged with their
#: previous one).
WaveSlots = dict[int, dict[int, Slot]]


def wave_slots(waves: Sequence[Wave], recipients: Sequence[Recipient], timing: Timing) -> WaveSlots:
    """When each recipient gets each wave. Raises TimingError naming the recipients for whom
    some wave fits in no window before the deadline."""
    slots: WaveSlots = {wave.number: {} for wave in waves}
    unfit: dict[int, list[Recipient]] = {}
    for who in recipients:
        previous: Slot | None = None
        for wave in waves:
            after = previous.start if previous is not None else None
            slot = slot_on_or_before(wave.day, who, timing, after)
            if slot is not None:
                slots[wave.number][who.contact_id] = previous = slot
            elif previous is None or slot_on_or_before(wave.day, who, timing) is None:
                unfit.setdefault(wave.number, []).append(who)
    if unfit:
        raise TimingError(
            f"the send window {timing.window} cannot fit between the letter's day "
            f"{timing.not_before.date().isoformat()} and the deadline "
            f"{timing.deadline.isoformat()} on a working day of: "
            + "; ".join(
                f"wave {number} ({waves[number - 1].day.isoformat()}): {labels(who)}"
                for number, who in sorted(unfit.items())
            )
        )
    return slots


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
    """A reminder to send: to whom, for which wave, and in which window."""

    contact_id: int
    wave: Wave
    slot: Slot
    #: True when the slot is not the wave's own (out of office, a missed window).
    deferred: bool = False

    @property
    def send_at(self) -> datetime:
        """When the window opens."""
        return self.slot.start


def plan_wave(
    wave: Wave,
    contacts: Sequence[ContactFacts],
    slots: dict[int, Slot],
    recipients: dict[int, Recipient],
    *,
    timing: Timing,
    max_reminders: int,
) -> list[ReminderPlan]:
    """Who gets ``wave``'s reminder, and in which window. Contacts who may not get it (or
    whose waves merged) are left out."""
    plans: list[ReminderPlan] = []
    for facts in contacts:
        if facts.has_human_reply or facts.permanently_bounced or facts.held:
            continue
        if wave.kind in facts.reminders_sent or len(facts.reminders_sent) >= max_reminders:
            continue
        slot = slots.get(facts.contact_id)
        if slot is None:
            continue
        away_until = facts.out_of_office_until
        if away_until is not None and away_until > slot.start.date():
            who = recipients[facts.contact_id]
            back = datetime.combine(away_until + timedelta(days=1), time(0), tzinfo=who.zone)
            later = first_slot_from(back, who, timing)
            if later is not None:
                plans.append(ReminderPlan(facts.contact_id, wave, later, deferred=True))
            continue
        plans.append(ReminderPlan(facts.contact_id, wave, slot))
    return plans


__all__ = [
    "ContactFacts",
    "ReminderPlan",
    "TimingError",
    "Wave",
    "WaveSlots",
    "plan_wave",
    "wave_days",
    "wave_slots",
    "working_day_on_or_before",
]

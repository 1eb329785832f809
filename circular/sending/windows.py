"""When a message may reach one recipient: their send window, on their working days.

A recipient lives in a time zone (their capital's, ``circular.countries.capital_zone``, unless
the contact file's ``timezone`` column says otherwise) and by their country's calendar
(``circular.sending.calendars``). A *slot* is one day's send window in that zone. A slot is
usable when the day is a working day of the recipient, the secretariat is open on the days (in
its own zone) on which the window opens and closes, the window opens no earlier than the day of
the letter and closes no later than the reply deadline.

Slots are grouped for sending: one run at a moment that lies in the first half of every
member's window (see ``group_slots``), so 193 countries make a handful of runs, not 193.
Everything here is a pure function of its inputs; the clock is a parameter.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from circular.campaign import Campaign
from circular.contacts.columns import normalise_header
from circular.countries import capital_zone, get_country
from circular.ledger import Contact
from circular.sending.calendars import WorkCalendar, country_calendar, secretariat_calendar

#: How far a slot is looked for, before or after a day: longer than any run of days off.
SEARCH_DAYS = 31

#: Header names of the contact file's column that overrides the capital's time zone.
TIMEZONE_COLUMNS = frozenset({"timezone", "time zone", "tz", "fuseau horaire", "zona horaria"})


class TimingError(ValueError):
    """Mail that cannot be timed: an unknown time zone, a window that cannot fit before the
    deadline. The message names the countries."""


@dataclass(frozen=True)
class Recipient:
    """One contact as the calendar sees it."""

    contact_id: int
    key: str
    iso3: str
    zone: ZoneInfo
    calendar: WorkCalendar

    @property
    def label(self) -> str:
        """The country's English short name and the contact key: "Fiji (FJI)"."""
        try:
            name = get_country(self.iso3).name("en")
        except KeyError:
            name = self.iso3
        return f"{name} ({self.key})"


def recipient(contact_id: int, key: str, iso3: str, extra: Mapping[str, str]) -> Recipient:
    """The recipient of a contact: the zone from its ``timezone`` column, else its capital's;
    its country's weekend and public holidays."""
    override = next(
        (v.strip() for k, v in extra.items() if normalise_header(k) in TIMEZONE_COLUMNS), ""
    )
    name = override or capital_zone(iso3)
    try:
        zone = ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise TimingError(
            f"contact {key}: timezone {name!r} is not an IANA time zone (e.g. 'Asia/Riyadh')"
        ) from None
    return Recipient(contact_id, key, iso3, zone, country_calendar(get_country(iso3).iso2))


def recipient_of(contact: Contact) -> Recipient:
    """The recipient of a contact of the ledger (``recipient``)."""
    return recipient(contact.id, contact.contact_key, contact.iso3, contact.extra or {})


@dataclass(frozen=True)
class Timing:
    """What places mail in time for a campaign: the window, the secretariat's calendar and
    zone, the first moment mail may go (the letter's day) and the reply deadline."""

    start: time
    end: time
    secretariat: WorkCalendar
    office_zone: ZoneInfo
    not_before: datetime
    deadline: datetime

    @classmethod
    def of(cls, campaign: Campaign) -> Timing:
        """The timing of ``campaign``, from its campaign.yaml."""
        zone = campaign.deadline.zone
        return cls(
            start=campaign.send_window.start,
            end=campaign.send_window.end,
            secretariat=secretariat_calendar(campaign),
            office_zone=zone,
            not_before=datetime.combine(campaign.date, time(0), tzinfo=zone),
            deadline=campaign.deadline.at,
        )

    @property
    def window(self) -> str:
        """The window as written: "09:00–11:00"."""
        return f"{self.start:%H:%M}–{self.end:%H:%M}"


@dataclass(frozen=True)
class Slot:
    """One day's send window of a recipient (aware datetimes in the recipient's zone)."""

    start: datetime
    end: datetime

    @property
    def latest_run(self) -> datetime:
        """The latest moment a run may start for this slot: half the window stays for
        sending and for a worker that starts late."""
        return self.start + (self.end - self.start) / 2


def slot_on(day: date, who: Recipient, timing: Timing) -> Slot | None:
    """The recipient's window on their local ``day``, or None when it may not be used."""
    if not who.calendar.is_working_day(day):
        return None
    start = datetime.combine(day, timing.start, tzinfo=who.zone)
    end = datetime.combine(day, timing.end, tzinfo=who.zone)
    if start < timing.not_before or end > timing.deadline:
        return None
    for moment in (start, end - timedelta(seconds=1)):
        if not timing.secretariat.is_working_day(moment.astimezone(timing.office_zone).date()):
            return None
    return Slot(start, end)


def slot_on_or_before(
    day: date, who: Recipient, timing: Timing, after: datetime | None = None
) -> Slot | None:
    """The recipient's last usable window on ``day`` or before it (their previous working
    day when ``day`` is their weekend or holiday), opening after ``after``; None if none."""
    for back in range(SEARCH_DAYS):
        slot = slot_on(day - timedelta(days=back), who, timing)
        if slot is None:
            continue
        if after is not None and slot.start <= after:
            return None
        return slot
    return None


def first_slot_from(moment: datetime, who: Recipient, timing: Timing) -> Slot | None:
    """The recipient's first usable window opening at ``moment`` or later, before the
    deadline; None if there is none."""
    day = moment.astimezone(who.zone).date()
    for ahead in range(SEARCH_DAYS):
        slot = slot_on(day + timedelta(days=ahead), who, timing)
        if slot is not None and slot.start >= moment:
            return slot
        if datetime.combine(day + timedelta(days=ahead), time(0), tzinfo=who.zone) > (
            timing.deadline
        ):
            return None
    return None


@dataclass(frozen=True)
class SendGroup:
    """One run: its moment (UTC), the contacts it serves and their time zones."""

    at: datetime
    members: tuple[int, ...]
    zones: tuple[str, ...]


def group_slots(slots: Mapping[int, Slot], zones: Mapping[int, ZoneInfo]) -> list[SendGroup]:
    """Slots (by contact id) grouped into as few runs as a simple sweep gives: a group's run
    starts at the latest window opening among its members, and every member's
    ``latest_run`` is still ahead then. Earliest run first."""
    ordered = sorted(slots.items(), key=lambda item: (item[1].start.astimezone(UTC), item[0]))
    groups: list[list[int]] = []
    bounds: list[tuple[datetime, datetime]] = []  # (run moment, latest allowed)
    for contact_id, slot in ordered:
        start = slot.start.astimezone(UTC)
        if groups and start <= bounds[-1][1]:
            groups[-1].append(contact_id)
            bounds[-1] = (start, min(bounds[-1][1], slot.latest_run.astimezone(UTC)))
        else:
            groups.append([contact_id])
            bounds.append((start, slot.latest_run.astimezone(UTC)))
    return [
        SendGroup(at, tuple(members), tuple(sorted({zones[m].key for m in members})))
        for members, (at, _latest) in zip(groups, bounds, strict=True)
    ]


def labels(recipients: Iterable[Recipient]) -> str:
    """Recipients' labels, sorted, for messages."""
    return ", ".join(sorted(r.label for r in recipients))

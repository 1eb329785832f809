"""Whose day off is it: the working days of the secretariat and of each recipient.

Public holidays and weekends come from the ``holidays`` package (its data are kept by many
contributors for every country; no table here): Switzerland with the canton of Geneva has
31 December (Restoration Day), Saudi Arabia's weekend is Friday–Saturday, Iran's is Friday.
The secretariat's working week is the campaign's ``reminders.working_days``; its own closing days
come from ``calendar.closing_days`` in campaign.yaml.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cache

import holidays

from circular.campaign import Campaign

_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class WorkCalendar:
    """The days off of one place: weekend, public holidays and closing days.

    ``weekend`` holds weekday numbers (0 = Monday); None means the country's own weekend as
    the ``holidays`` package knows it, year by year (the United Arab Emirates moved theirs
    from Friday–Saturday in 2022) with its make-up working days (China's Saturdays around
    the Spring Festival). ``name`` says whose calendar it is in messages ("CH-GE", "SA")."""

    name: str
    weekend: frozenset[int] | None
    public_holidays: holidays.HolidayBase | None = field(default=None, compare=False)
    closing_days: frozenset[date] = frozenset()

    def day_off(self, day: date) -> str | None:
        """Why ``day`` is a day off ("Christmas Day", "closing day", "weekend (Friday)"), or
        None on a working day."""
        if day in self.closing_days:
            return "closing day"
        known = self.public_holidays
        if known is not None:
            # The package fills in a year's holidays on the first question about it.
            name = known.get(day)
            if name:
                return str(name)
        if self.weekend is None:
            off = known is not None and not known.is_working_day(day)
        else:
            off = day.weekday() in self.weekend
        return f"weekend ({_WEEKDAY_NAMES[day.weekday()]})" if off else None

    def is_working_day(self, day: date) -> bool:
        """Whether ``day`` is a working day here."""
        return self.day_off(day) is None


@cache
def country_calendar(iso2: str, subdivision: str | None = None) -> WorkCalendar:
    """The calendar of a country (ISO alpha-2) or of one of its subdivisions: its own weekend
    and public holidays, as the ``holidays`` package knows them."""
    known = holidays.country_holidays(iso2, subdiv=subdivision)
    name = f"{iso2}-{subdivision}" if subdivision else iso2
    return WorkCalendar(name, None, known)


def secretariat_calendar(campaign: Campaign) -> WorkCalendar:
    """The secretariat's calendar: ``reminders.working_days`` for its week, the holidays of
    ``calendar.country``/``subdivision``, and ``calendar.closing_days``."""
    weekend = frozenset(
        number for number, day in enumerate(_WEEKDAYS) if day not in campaign.reminders.working_days
    )
    setting = campaign.calendar
    if setting is None:
        return WorkCalendar("secretariat", weekend)
    place = country_calendar(setting.country, setting.subdivision)
    return WorkCalendar(place.name, weekend, place.public_holidays, frozenset(setting.closing_days))


def closing_day_warnings(campaign: Campaign) -> list[str]:
    """Warnings about the campaign's dates that fall on a day the secretariat is closed: the
    reply deadline, first of all (replies sent that day find nobody to read them)."""
    calendar = secretariat_calendar(campaign)
    warnings = []
    reason = calendar.day_off(campaign.deadline.date)
    if reason is not None:
        warnings.append(
            f"deadline.date: {campaign.deadline.date.isoformat()} is a day the secretariat is "
            f"closed ({reason}, calendar {calendar.name}); choose a working day"
        )
    return warnings

"""Dates written the way each of the six UN languages writes them in an official letter.

Babel's "long" formats are not the ones letters use (Russian ``3 февраля 2021 г.`` instead of
``3 февраля 2021 года``, no form at all for "from 17 to 21 May"), so each language has its own
pattern table here; Babel supplies only the month names (in the grammatical form that follows
a day: Russian genitive ``мая``).

Arabic spans use the hyphen-minus, not the en dash: between two numbers the Unicode
bidirectional algorithm keeps ``17-21`` together, while an en dash (a neutral) lets a
right-to-left paragraph display ``21–17``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache

from babel.dates import format_date


@dataclass(frozen=True)
class _Patterns:
    """How one language writes a date, a span of dates, and "from … to …".

    Fields: {d} day, {M} month number, {MMMM} month name, {y} year; spans number them
    {d1} {d2} {M1} {M2} {MMMM1} {MMMM2}; ``*_any`` join two full dates {date1} {date2}."""

    date: str
    span_month: str
    span_year: str
    span_any: str
    from_month: str
    from_year: str
    from_any: str
    month: str


PATTERNS: dict[str, _Patterns] = {
    "ar": _Patterns(
        date="{d} {MMMM} {y}",
        span_month="{d1}-{d2} {MMMM1} {y}",
        span_year="{d1} {MMMM1} - {d2} {MMMM2} {y}",
        span_any="{date1} - {date2}",
        from_month="من {d1} إلى {d2} {MMMM1} {y}",
        from_year="من {d1} {MMMM1} إلى {d2} {MMMM2} {y}",
        from_any="من {date1} إلى {date2}",
        month="{MMMM}",
    ),
    "en": _Patterns(
        date="{d} {MMMM} {y}",
        span_month="{d1}–{d2} {MMMM1} {y}",
        span_year="{d1} {MMMM1} – {d2} {MMMM2} {y}",
        span_any="{date1} – {date2}",
        from_month="from {d1} to {d2} {MMMM1} {y}",
        from_year="from {d1} {MMMM1} to {d2} {MMMM2} {y}",
        from_any="from {date1} to {date2}",
        month="{MMMM}",
    ),
    "es": _Patterns(
        date="{d} de {MMMM} de {y}",
        span_month="{d1}–{d2} de {MMMM1} de {y}",
        span_year="{d1} de {MMMM1} – {d2} de {MMMM2} de {y}",
        span_any="{date1} – {date2}",
        from_month="del {d1} al {d2} de {MMMM1} de {y}",
        from_year="del {d1} de {MMMM1} al {d2} de {MMMM2} de {y}",
        from_any="del {date1} al {date2}",
        month="{MMMM}",
    ),
    "fr": _Patterns(
        date="{d} {MMMM} {y}",
        span_month="{d1}–{d2} {MMMM1} {y}",
        span_year="{d1} {MMMM1} – {d2} {MMMM2} {y}",
        span_any="{date1} – {date2}",
        from_month="du {d1} au {d2} {MMMM1} {y}",
        from_year="du {d1} {MMMM1} au {d2} {MMMM2} {y}",
        from_any="du {date1} au {date2}",
        month="{MMMM}",
    ),
    "ru": _Patterns(
        date="{d} {MMMM} {y} года",
        span_month="{d1}–{d2} {MMMM1} {y} года",
        span_year="{d1} {MMMM1} – {d2} {MMMM2} {y} года",
        span_any="{date1} – {date2}",
        from_month="с {d1} по {d2} {MMMM1} {y} года",
        from_year="с {d1} {MMMM1} по {d2} {MMMM2} {y} года",
        from_any="с {date1} по {date2}",
        month="{MMMM}",
    ),
    "zh": _Patterns(
        date="{y}年{M}月{d}日",
        span_month="{y}年{M1}月{d1}日至{d2}日",
        span_year="{y}年{M1}月{d1}日至{M2}月{d2}日",
        span_any="{date1}至{date2}",
        from_month="{y}年{M1}月{d1}日至{d2}日",
        from_year="{y}年{M1}月{d1}日至{M2}月{d2}日",
        from_any="{date1}至{date2}",
        month="{M}月",
    ),
}

# Babel locales for the month names; en_GB writes day-month-year like the ITU.
_LOCALES = {"ar": "ar", "en": "en_GB", "es": "es", "fr": "fr", "ru": "ru", "zh": "zh"}


def _patterns(language: str) -> _Patterns:
    try:
        return PATTERNS[language]
    except KeyError:
        raise ValueError(
            f"no date patterns for language {language!r}; expected one of "
            + ", ".join(sorted(PATTERNS))
        ) from None


@cache
def month_name(month: int, language: str) -> str:
    """The name of ``month`` as it is written after a day number (``мая``, ``mayo``)."""
    _patterns(language)
    return format_date(date(2000, month, 1), "MMMM", locale=_LOCALES[language])


def _day(day: date, language: str) -> str:
    # French writes the first day of a month as an ordinal: "1er mars 2021".
    return "1er" if language == "fr" and day.day == 1 else str(day.day)


def _fields(day: date, language: str, suffix: str = "") -> dict[str, object]:
    return {
        f"d{suffix}": _day(day, language),
        f"M{suffix}": day.month,
        f"MMMM{suffix}": month_name(day.month, language),
    }


def format_day(day: date, language: str) -> str:
    """``day`` as a letter writes it: ``3 de febrero de 2021``, ``2021年2月3日``."""
    return _patterns(language).date.format(y=day.year, **_fields(day, language))


def format_month(day: date, language: str) -> str:
    """The month of ``day`` as in "from January": ``enero``, ``января``, ``1月``."""
    return _patterns(language).month.format(**_fields(day, language))


def format_span(start: date, end: date, language: str, *, from_to: bool = False) -> str:
    """The days ``start`` to ``end``: ``17–21 de mayo de 2021``, or with ``from_to``
    ``del 17 al 21 de mayo de 2021``. A single day is written as a date."""
    if end < start:
        raise ValueError(f"a span cannot end ({end}) before it starts ({start})")
    patterns = _patterns(language)
    if start == end:
        return format_day(start, language)
    if start.year != end.year:
        pattern = patterns.from_any if from_to else patterns.span_any
        return pattern.format(date1=format_day(start, language), date2=format_day(end, language))
    if start.month == end.month:
        pattern = patterns.from_month if from_to else patterns.span_month
    else:
        pattern = patterns.from_year if from_to else patterns.span_year
    return pattern.format(
        y=start.year, **_fields(start, language, "1"), **_fields(end, language, "2")
    )

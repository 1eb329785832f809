from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from circular.followups.waves import (
    ContactFacts,
    next_working_day_after,
    plan_wave,
    wave_schedule,
    working_day_on_or_before,
)

ZURICH = ZoneInfo("Europe/Zurich")
# CL-21/4: replies by 1 March 2021 (a Monday), end of day in Geneva.
DEADLINE = datetime(2021, 3, 1, 23, 59, 59, tzinfo=ZURICH)
NINE = time(9, 0)


def test_weekend_moves_to_friday_before() -> None:
    assert working_day_on_or_before(date(2021, 2, 27)) == date(2021, 2, 26)  # Sat → Fri
    assert working_day_on_or_before(date(2021, 2, 28)) == date(2021, 2, 26)  # Sun → Fri
    assert working_day_on_or_before(date(2021, 2, 24)) == date(2021, 2, 24)
    assert next_working_day_after(date(2021, 2, 26)) == date(2021, 3, 1)


def test_cl_21_4_waves() -> None:
    waves = wave_schedule(DEADLINE, [14, 5, 1], NINE, ZURICH)
    # 14 days before = Mon 15 Feb; 5 days = Wed 24 Feb; 1 day = Sun 28 Feb → Fri 26 Feb.
    assert [w.at for w in waves] == [
        datetime(2021, 2, 15, 9, tzinfo=ZURICH),
        datetime(2021, 2, 24, 9, tzinfo=ZURICH),
        datetime(2021, 2, 26, 9, tzinfo=ZURICH),
    ]
    assert [w.kind for w in waves] == ["reminder-1", "reminder-2", "reminder-3"]


def test_offsets_landing_on_same_friday_merge_and_late_waves_drop() -> None:
    waves = wave_schedule(DEADLINE, [2, 1, 0], NINE, ZURICH)
    # 2 → Sat 27 → Fri 26; 1 → Sun 28 → Fri 26 (merged); 0 → Mon 1 Mar 09:00 (before 23:59).
    assert [w.at.date() for w in waves] == [date(2021, 2, 26), date(2021, 3, 1)]
    early_deadline = datetime(2021, 3, 1, 8, 0, tzinfo=ZURICH)
    assert [w.at.date() for w in wave_schedule(early_deadline, [0], NINE, ZURICH)] == []


def test_negative_offset_and_naive_deadline_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        wave_schedule(DEADLINE, [-1], NINE, ZURICH)
    with pytest.raises(ValueError, match="timezone-aware"):
        wave_schedule(datetime(2021, 3, 1), [1], NINE, ZURICH)


def _facts(cid: int, **kw) -> ContactFacts:
    base = dict(has_human_reply=False, permanently_bounced=False, reminders_sent=frozenset())
    base.update(kw)
    return ContactFacts(contact_id=cid, **base)


def test_wave_recipients_follow_the_rules() -> None:
    first, second, _third = wave_schedule(DEADLINE, [14, 5, 1], NINE, ZURICH)
    contacts = [
        _facts(1),
        _facts(2, has_human_reply=True),
        _facts(3, permanently_bounced=True),
        _facts(4, reminders_sent=frozenset({"reminder-2"})),
        _facts(5, reminders_sent=frozenset({"reminder-1"})),
        _facts(6, out_of_office_until=date(2021, 2, 19)),  # away over wave 1 (Mon 15 Feb)
        _facts(7, out_of_office_until=date(2021, 3, 5)),  # back after the deadline
        _facts(8, out_of_office_until=date(2021, 2, 15)),  # back on wave 1's day
    ]
    plans = plan_wave(
        first, contacts, deadline=DEADLINE, send_time=NINE, zone=ZURICH, max_reminders=2
    )
    by_id = {p.contact_id: p.send_at for p in plans}
    assert set(by_id) == {1, 4, 6, 8}  # 5 already had wave 1; 7 is away past the deadline
    assert by_id[1] == by_id[8] == first.at
    assert by_id[6] == datetime(2021, 2, 22, 9, tzinfo=ZURICH)  # Fri 19 → Mon 22

    plans = plan_wave(
        second, contacts, deadline=DEADLINE, send_time=NINE, zone=ZURICH, max_reminders=1
    )
    # max one reminder: 4 and 5 have had theirs; 6 is back by 24 Feb.
    assert {p.contact_id for p in plans} == {1, 6, 8}
    assert all(p.send_at == second.at for p in plans)

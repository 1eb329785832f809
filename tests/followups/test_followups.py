"""The wave rules on simulated calendars: the clock, the secretariat's calendar and every
recipient's are inputs, so nothing here depends on today's date."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml

from circular.campaign import Campaign, load_campaign
from circular.countries import capital_zone, member_states
from circular.followups.reminders import (
    CampaignTiming,
    ReminderError,
    campaign_waves,
    member_states_timing,
    wave_notes,
)
from circular.followups.waves import (
    ContactFacts,
    plan_wave,
    wave_days,
    working_day_on_or_before,
)
from circular.sending.calendars import closing_day_warnings, country_calendar
from circular.sending.windows import TimingError, group_slots, recipient
from circular.settings import PROJECT_ROOT

ZURICH = ZoneInfo("Europe/Zurich")
CL_21_4 = PROJECT_ROOT / "letters" / "cl-21-4"
SHOWN = ("SAU", "IRN", "ARG", "CHN", "FJI", "CHE")


def _campaign(tmp_path: Path, **changes: object) -> Campaign:
    """A copy of CL-21/4's campaign.yaml with top-level ``changes``."""
    folder = tmp_path / "cl-21-4"
    folder.mkdir()
    data = yaml.safe_load((CL_21_4 / "campaign.yaml").read_text(encoding="utf-8"))
    data.update(changes)
    (folder / "campaign.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    return load_campaign(folder, check_templates=False)


def test_working_day_on_or_before() -> None:
    assert working_day_on_or_before(date(2021, 2, 27)) == date(2021, 2, 26)  # Sat → Fri
    assert working_day_on_or_before(date(2021, 2, 28)) == date(2021, 2, 26)  # Sun → Fri
    assert working_day_on_or_before(date(2021, 2, 24)) == date(2021, 2, 24)


def test_wave_days_merge_and_drop() -> None:
    waves = wave_days(date(2021, 3, 1), [14, 5, 1])
    assert [w.day for w in waves] == [date(2021, 2, 15), date(2021, 2, 24), date(2021, 2, 26)]
    assert [w.kind for w in waves] == ["reminder-1", "reminder-2", "reminder-3"]
    # 2 and 1 days before Monday 1 March are Saturday and Sunday: both the Friday.
    assert [w.day for w in wave_days(date(2021, 3, 1), [3, 2, 1])] == [date(2021, 2, 26)]
    assert wave_days(date(2021, 3, 1), [14], first_day=date(2021, 2, 20)) == []
    with pytest.raises(ValueError, match="negative"):
        wave_days(date(2021, 3, 1), [-1])


def test_calendars_come_from_the_holidays_package() -> None:
    saudi, iran, emirates = (country_calendar(c) for c in ("SA", "IR", "AE"))
    friday, saturday, sunday = date(2021, 2, 19), date(2021, 2, 20), date(2021, 2, 21)
    assert [saudi.is_working_day(d) for d in (friday, saturday, sunday)] == [False, False, True]
    assert [iran.is_working_day(d) for d in (friday, saturday, sunday)] == [False, True, True]
    assert emirates.is_working_day(sunday) and not emirates.is_working_day(date(2026, 12, 20))
    assert country_calendar("CN").is_working_day(saturday)  # made up for the Spring Festival
    geneva = country_calendar("CH", "GE")
    assert geneva.day_off(date(2026, 12, 31)) == "Restoration Day"
    assert geneva.day_off(date(2026, 12, 25)) == "Christmas Day"
    assert geneva.is_working_day(date(2026, 12, 24))
    assert capital_zone("ARG") == "America/Argentina/Buenos_Aires"
    assert capital_zone("BRA") == "America/Sao_Paulo"  # Brasília, not Rio Branco
    assert capital_zone("USA") == "America/New_York"


def test_every_member_state_has_a_capital_zone() -> None:
    for country in member_states(date(2024, 9, 19)):
        ZoneInfo(capital_zone(country.iso3))


def test_december_2026_waves_skip_the_secretariat_holidays() -> None:
    demo = load_campaign(CL_21_4).shifted_to(date(2026, 12, 6))
    assert demo.deadline.date == date(2027, 1, 1)
    # 14, 5 and 1 days before: Fri 18 Dec; Sun 27 → (Christmas) Thu 24; Thu 31 (Geneva) → Wed 30.
    assert [w.day for w in campaign_waves(demo)] == [
        date(2026, 12, 18),
        date(2026, 12, 24),
        date(2026, 12, 30),
    ]
    assert "2026-12-25: Christmas Day" in wave_notes(demo)[1]
    assert "2026-12-31: Restoration Day" in wave_notes(demo)[2]
    [warning] = closing_day_warnings(demo)
    assert "2027-01-01" in warning and "New Year's Day" in warning
    assert closing_day_warnings(load_campaign(CL_21_4)) == []


def test_organisation_closing_days_move_waves(tmp_path: Path) -> None:
    campaign = _campaign(
        tmp_path, calendar={"country": "CH", "subdivision": "GE", "closing_days": ["2021-02-24"]}
    )
    assert [w.day for w in campaign_waves(campaign)] == [
        date(2021, 2, 15),
        date(2021, 2, 23),
        date(2021, 2, 26),
    ]


def _sends(plan: CampaignTiming) -> list[tuple[int, int, datetime]]:
    """(wave, contact id, UTC moment of its run) for every letter of the plan."""
    return [
        (wave.number, member, group.at)
        for wave in plan.waves
        for group in plan.groups(wave)
        for member in group.members
    ]


def _check_every_rule(campaign: Campaign, plan: CampaignTiming) -> None:
    """No mail on a secretariat day off, on a recipient's day off, outside the window, after
    the deadline or before the letter; at most once per wave; later waves later."""
    secretariat = plan.timing.secretariat
    seen: set[tuple[int, int]] = set()
    last: dict[int, datetime] = {}
    for number, member, at in _sends(plan):
        who = plan.recipients[member]
        local = at.astimezone(who.zone)
        assert (number, member) not in seen
        seen.add((number, member))
        assert secretariat.is_working_day(at.astimezone(ZURICH).date()), (who.iso3, at)
        assert who.calendar.is_working_day(local.date()), (who.iso3, local)
        assert campaign.send_window.start <= local.time() < campaign.send_window.end
        # The run leaves at least half the window for sending.
        slot = plan.slots[number][member]
        assert slot.start <= at <= slot.latest_run
        assert at < campaign.deadline.at
        assert at >= datetime.combine(campaign.date, datetime.min.time(), tzinfo=ZURICH)
        assert member not in last or at > last[member]
        last[member] = at


def _table(plan: CampaignTiming) -> dict[str, list[str]]:
    """ISO3 → the local time of each wave ("Mon 15 Feb 09:00", or "-" when merged)."""
    rows: dict[str, list[str]] = {}
    for cid, who in plan.recipients.items():
        if who.iso3 not in SHOWN:
            continue
        cells = []
        for wave in plan.waves:
            group = next((g for g in plan.groups(wave) if cid in g.members), None)
            cells.append(f"{group.at.astimezone(who.zone):%a %d %b %H:%M}" if group else "-")
        rows[who.iso3] = cells
    return rows


def _print(title: str, plan: CampaignTiming) -> None:
    print(f"\n{title}: waves {', '.join(f'{w.number} {w.day:%a %d %b}' for w in plan.waves)}")
    for iso3, cells in sorted(_table(plan).items()):
        zone = plan.recipients[next(c for c, w in plan.recipients.items() if w.iso3 == iso3)].zone
        print(f"  {iso3} {zone.key:32} " + " | ".join(f"{c:16}" for c in cells))
    for wave in plan.waves:
        groups = plan.groups(wave)
        print(
            f"  {wave.kind}: {len(groups)} runs, "
            + ", ".join(f"{g.at.astimezone(UTC):%d %b %H:%M}Z×{len(g.members)}" for g in groups)
        )


def test_cl_21_4_over_every_member_state() -> None:
    campaign = load_campaign(CL_21_4)
    plan = member_states_timing(campaign)
    assert len(plan.recipients) == 193
    _check_every_rule(campaign, plan)
    assert _table(plan) == {
        # Riyadh: wave 3's Friday is the weekend → Thursday.
        "SAU": ["Mon 15 Feb 09:00", "Wed 24 Feb 09:00", "Thu 25 Feb 09:00"],
        # Tehran: Friday off, and Thursday 25 Feb is a holiday (13 Rajab): wave 3 merges.
        "IRN": ["Mon 15 Feb 09:30", "Wed 24 Feb 09:30", "-"],
        # Buenos Aires: Carnival on 15 and 16 Feb → the Friday before.
        "ARG": ["Fri 12 Feb 10:00", "Wed 24 Feb 10:00", "Fri 26 Feb 10:00"],
        # Beijing: the Spring Festival from 11 Feb → Wednesday 10 Feb.
        "CHN": ["Wed 10 Feb 09:00", "Wed 24 Feb 10:00", "Fri 26 Feb 10:00"],
        # Suva: Monday 09:00 is Sunday night in Geneva (closed) → the Friday before.
        "FJI": ["Fri 12 Feb 10:00", "Wed 24 Feb 10:00", "Fri 26 Feb 10:00"],
        "CHE": ["Mon 15 Feb 09:00", "Wed 24 Feb 09:00", "Fri 26 Feb 10:00"],
    }
    assert all(len(plan.groups(wave)) < 20 for wave in plan.waves)  # not 193 runs
    _print("CL-21/4", plan)


def test_december_2026_demo_over_every_member_state() -> None:
    campaign = load_campaign(CL_21_4).shifted_to(date(2026, 12, 6))
    plan = member_states_timing(campaign)
    assert len(plan.recipients) == 194  # Palau is a member since 2024
    _check_every_rule(campaign, plan)
    assert _table(plan) == {
        "SAU": ["Thu 17 Dec 10:00", "Thu 24 Dec 10:00", "Wed 30 Dec 09:00"],
        "IRN": ["Thu 17 Dec 09:00", "Thu 24 Dec 09:00", "Wed 30 Dec 09:30"],
        "ARG": ["Fri 18 Dec 10:00", "Thu 24 Dec 10:00", "Wed 30 Dec 10:00"],
        "CHN": ["Fri 18 Dec 09:00", "Thu 24 Dec 09:00", "Wed 30 Dec 09:00"],
        "FJI": ["Fri 18 Dec 09:00", "Thu 24 Dec 09:00", "Wed 30 Dec 09:00"],
        "CHE": ["Fri 18 Dec 09:00", "Thu 24 Dec 10:00", "Wed 30 Dec 09:00"],
    }
    _print("CL-21/4 dated 6 December 2026", plan)


def test_a_window_that_cannot_fit_is_refused_naming_the_countries(tmp_path: Path) -> None:
    # A letter of Monday 22 Feb with replies by the Tuesday: the wave of the Monday cannot
    # reach the Pacific, whose Monday morning is Sunday in Geneva (and before the letter).
    campaign = _campaign(tmp_path, date="2021-02-22", deadline={"date": "2021-02-23",
                         "timezone": "Europe/Zurich"})  # fmt: skip
    with pytest.raises(TimingError) as refused:
        member_states_timing(campaign)
    message = str(refused.value)
    assert "send window 09:00–11:00 cannot fit" in message
    assert "Fiji (FJI)" in message and "New Zealand (NZL)" in message
    assert "Switzerland" not in message and "Argentina" not in message


def test_the_timezone_column_overrides_the_capital() -> None:
    assert recipient(1, "USA", "USA", {}).zone.key == "America/New_York"
    assert recipient(1, "USA", "USA", {"Time zone": "America/Los_Angeles"}).zone.key == (
        "America/Los_Angeles"
    )
    with pytest.raises(TimingError, match="contact USA: timezone 'Mars/Olympus'"):
        recipient(1, "USA", "USA", {"timezone": "Mars/Olympus"})


def test_groups_start_inside_every_members_window() -> None:
    campaign = load_campaign(CL_21_4)
    plan = member_states_timing(campaign)
    slots = plan.slots[1]
    zones = {cid: who.zone for cid, who in plan.recipients.items()}
    groups = group_slots(slots, zones)
    assert sorted(m for g in groups for m in g.members) == sorted(slots)
    for group in groups:
        for member in group.members:
            assert slots[member].start <= group.at <= slots[member].latest_run


def _facts(cid: int, **kw: object) -> ContactFacts:
    base: dict[str, object] = dict(
        has_human_reply=False, permanently_bounced=False, reminders_sent=frozenset()
    )
    base.update(kw)
    return ContactFacts(contact_id=cid, **base)  # type: ignore[arg-type]


def test_wave_recipients_follow_the_rules() -> None:
    campaign = load_campaign(CL_21_4)
    swiss = [recipient(cid, f"C{cid}", "CHE", {}) for cid in range(1, 9)]
    from circular.followups.reminders import timing_for

    plan = timing_for(campaign, swiss)
    first, second, _third = plan.waves
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
    common = {"timing": plan.timing, "recipients": plan.recipients}
    plans = plan_wave(first, contacts, plan.slots[1], max_reminders=2, **common)  # type: ignore[arg-type]
    by_id = {p.contact_id: p for p in plans}
    assert set(by_id) == {1, 4, 6, 8}  # 5 already had wave 1; 7 is away past the deadline
    nine = datetime(2021, 2, 15, 9, tzinfo=ZURICH)
    assert by_id[1].send_at == by_id[8].send_at == nine
    assert by_id[6].send_at == nine + timedelta(days=7) and by_id[6].deferred  # Fri 19 → Mon 22

    plans = plan_wave(second, contacts, plan.slots[2], max_reminders=1, **common)  # type: ignore[arg-type]
    # max one reminder: 4 and 5 have had theirs; 6 is back by 24 Feb.
    assert {p.contact_id for p in plans} == {1, 6, 8}
    assert all(p.send_at == datetime(2021, 2, 24, 9, tzinfo=ZURICH) for p in plans)


def test_reminder_error_names_the_campaign(tmp_path: Path) -> None:
    from circular.followups.reminders import campaign_timing
    from circular.ledger import Contact

    campaign = _campaign(tmp_path)
    odd = Contact(id=1, contact_key="USA", iso3="USA", extra={"timezone": "Nowhere/City"})
    with pytest.raises(ReminderError, match="campaign cl-21-4: contact USA: timezone"):
        campaign_timing(campaign, [odd])

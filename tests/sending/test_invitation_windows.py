"""Invitations in their recipients' send windows (``send_window.invitations``), over CL-21/4's
calendar with an injected clock: each invitation goes inside its recipient's window, on a
working day of theirs and of the secretariat, once, never after the deadline."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

from circular.campaign import Campaign, load_campaign
from circular.countries import get_country
from circular.ledger import Contact
from circular.sending.calendars import country_calendar, secretariat_calendar
from circular.sending.invitation_windows import invitation_windows
from circular.settings import PROJECT_ROOT

ZURICH = ZoneInfo("Europe/Zurich")
CL_21_4 = PROJECT_ROOT / "letters" / "cl-21-4"
SHOWN = ("SAU", "IRN", "ARG", "CHN", "FJI", "CHE", "NZL", "USA", "AFG")


def windowed_campaign(tmp_path: Path) -> Campaign:
    """CL-21/4 with ``send_window.invitations: true``."""
    folder = tmp_path / "cl-21-4"
    folder.mkdir()
    data = yaml.safe_load((CL_21_4 / "campaign.yaml").read_text(encoding="utf-8"))
    data["send_window"] = {"start": "09:00", "end": "11:00", "invitations": True}
    (folder / "campaign.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    return load_campaign(folder, check_templates=False)


def contacts(keys: tuple[str, ...] = SHOWN) -> list[Contact]:
    return [Contact(id=n, contact_key=k, iso3=k, extra={}) for n, k in enumerate(keys, 1)]


def simulate(campaign: Campaign, start: datetime) -> dict[str, datetime]:
    """What the campaign flow does: send to the open windows, then run again at the next
    group's time, until nothing is left. Each contact's send time."""
    left = {c.id: c for c in contacts()}
    sent: dict[str, datetime] = {}
    now = start
    for _ in range(50):
        found = invitation_windows(campaign, left.values(), now)
        assert not found.no_window
        for cid in found.open_now:
            key = left.pop(cid).contact_key
            assert key not in sent
            sent[key] = now
        groups = found.groups()
        if not groups:
            break
        assert groups[0].at > now
        now = groups[0].at
    assert not left
    return sent


def test_cl_21_4_invitations_go_in_each_recipients_window(tmp_path: Path) -> None:
    campaign = windowed_campaign(tmp_path)
    office = secretariat_calendar(campaign)
    # The campaign run starts on the letter's day at 07:30 in Geneva.
    start = datetime(2021, 2, 3, 7, 30, tzinfo=ZURICH)
    sent = simulate(campaign, start)
    table, local = [], {}
    for contact in contacts():
        zone = invitation_windows(campaign, [contact], start).recipients[contact.id].zone
        at = local[contact.contact_key] = sent[contact.contact_key].astimezone(zone)
        assert campaign.send_window.start <= at.time() < campaign.send_window.end
        assert country_calendar(get_country(contact.iso3).iso2).is_working_day(at.date())
        assert office.is_working_day(at.astimezone(ZURICH).date())
        assert at <= campaign.deadline.at
        table.append(
            f"{contact.contact_key} {zone.key:31} {at:%a %d %b %H:%M} local, "
            f"{at.astimezone(UTC):%a %d %b %H:%M} UTC"
        )
    print("\n" + "\n".join(table))
    # Riyadh and Tehran are mid-morning at 07:30 in Geneva: sent at once.
    assert local["SAU"] == datetime(2021, 2, 3, 9, 30, tzinfo=ZoneInfo("Asia/Riyadh"))
    assert local["IRN"] == datetime(2021, 2, 3, 10, 0, tzinfo=ZoneInfo("Asia/Tehran"))
    # Geneva, Buenos Aires and Washington at 09:00 that day.
    for key in ("CHE", "ARG", "USA"):
        assert (local[key].date(), local[key].hour, local[key].minute) == (date(2021, 2, 3), 9, 0)
    # Kabul's window closed at 11:00 (06:30 UTC), Beijing's afternoon and Suva's evening are
    # past: their next morning.
    for key in ("AFG", "CHN", "FJI"):
        assert (local[key].date(), local[key].hour) == (date(2021, 2, 4), 9)


def test_a_weekend_and_the_secretariats_weekend_move_the_window(tmp_path: Path) -> None:
    campaign = windowed_campaign(tmp_path)
    # Friday 5 February 2021, 08:00 in Geneva: the weekend in Riyadh and Tehran.
    now = datetime(2021, 2, 5, 8, 0, tzinfo=ZURICH)
    found = invitation_windows(campaign, contacts(("SAU", "IRN", "CHE")), now)
    assert found.open_now == set()  # Geneva's window opens at 09:00
    starts = {found.recipients[c].key: slot.start for c, slot in found.later.items()}
    # Saturday is a working day in Tehran and Sunday in Riyadh, but Geneva is closed then:
    # both get Monday morning.
    assert starts["IRN"] == datetime(2021, 2, 8, 9, tzinfo=ZoneInfo("Asia/Tehran"))
    assert starts["SAU"] == datetime(2021, 2, 8, 9, tzinfo=ZoneInfo("Asia/Riyadh"))
    assert starts["CHE"] == datetime(2021, 2, 5, 9, tzinfo=ZURICH)
    lines = found.waiting_lines()
    assert lines[0] == "Switzerland (CHE): Fri 05 Feb 2021 09:00 Europe/Zurich (05 Feb 08:00 UTC)"
    assert "Iran (Islamic Republic of) (IRN): Mon 08 Feb 2021 09:00 Asia/Tehran" in lines[1]


def test_no_invitation_after_the_deadline(tmp_path: Path) -> None:
    campaign = windowed_campaign(tmp_path)
    # The deadline day, 13:00 in Geneva: Buenos Aires' morning is open; Suva's next morning
    # ends after midnight in Geneva, after the deadline.
    now = datetime(2021, 3, 1, 13, 0, tzinfo=ZURICH)
    found = invitation_windows(campaign, contacts(("ARG", "FJI", "CHN")), now)
    assert {found.recipients[c].key for c in found.open_now} == {"ARG"}
    assert sorted(who.key for who in found.no_window) == ["CHN", "FJI"]
    assert found.groups() == []
    assert found.waiting_lines()[-1] == (
        "Fiji (FJI): no send window left before the deadline; not sent"
    )

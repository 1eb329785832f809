"""The orchestration layer's own pieces, without a server: finding a campaign from what an
event carries, the demo's campaign dated today, which deployments a checkout can deploy, and the
campaign run's summary."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from circular.campaign import CampaignError, campaign_folder, load_campaign
from circular.settings import PROJECT_ROOT, load_settings
from demo.run import deployable, write_shifted_campaign

SOURCE = PROJECT_ROOT / "letters" / "cl-21-4"


def test_a_campaign_is_found_by_id_or_by_folder(tmp_path: Path) -> None:
    settings = load_settings(letters_dir=PROJECT_ROOT / "letters")
    assert campaign_folder("cl-21-4", settings) == PROJECT_ROOT / "letters" / "cl-21-4"
    assert campaign_folder(str(SOURCE), settings) == SOURCE
    with pytest.raises(CampaignError, match=r"campaign 'cl-99-1': no campaign.yaml in .*cl-99-1"):
        campaign_folder("cl-99-1", settings)
    # An id from an event must not walk out of the letters folder.
    with pytest.raises(ValueError, match=r"campaign id '\.\./cl-21-4' is not valid"):
        campaign_folder("../cl-21-4", load_settings(letters_dir=tmp_path))


def test_the_demo_campaign_is_dated_today_with_every_date_moved_alike(tmp_path: Path) -> None:
    today = date(2026, 11, 28)
    original = load_campaign(SOURCE)
    folder = write_shifted_campaign(SOURCE, tmp_path / "letters", today)
    copy = load_campaign(folder)  # valid, templates included
    assert folder == tmp_path / "letters" / "cl-21-4"
    assert copy.date == today
    shift = today - original.date
    assert copy.deadline.date == original.deadline.date + shift
    assert copy.deadline.at > datetime.combine(today, datetime.min.time(), tzinfo=UTC)
    assert {k: e.start for k, e in copy.events.items()} == {
        k: e.start + shift for k, e in original.events.items()
    }
    assert copy.reminders == original.reminders and copy.title == original.title
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in SOURCE.iterdir())
    assert load_campaign(SOURCE).date == original.date  # the source is untouched


def test_only_deployments_whose_flow_file_exists_are_deployable(tmp_path: Path) -> None:
    (tmp_path / "flows").mkdir()
    (tmp_path / "flows" / "here.py").write_text("", encoding="utf-8")
    (tmp_path / "prefect.yaml").write_text(
        "deployments:\n"
        "  - {name: here, entrypoint: 'flows/here.py:f'}\n"
        "  - {name: missing, entrypoint: 'flows/missing.py:f'}\n",
        encoding="utf-8",
    )
    assert deployable(tmp_path / "prefect.yaml") == ["here"]
    assert set(deployable()) >= {"intake", "campaign", "poll", "followup", "report"}


def test_the_summary_gives_per_wave_the_letters_at_each_utc_time() -> None:
    from flows.campaign import campaign_summary
    from flows.followup import ScheduledRun

    campaign = load_campaign(SOURCE)
    at = datetime(2021, 2, 15, 8, 0, tzinfo=UTC)
    runs = [
        ScheduledRun("b", "reminder-1", at, 69, ("Africa/Lagos", "Europe/Zurich")),
        ScheduledRun("a", "reminder-1", at - timedelta(hours=5), 12, ("Asia/Dhaka",)),
    ]
    totals = {"sent": 3, "rendered": 3, "failed": [], "unknown": ["x"], "problems": []}
    text = campaign_summary(campaign, "ab" * 32, totals, runs)
    assert "letters sent in this run: **3**" in text
    assert "unknown (a person decides): 1" in text
    assert "### reminder-1: 81 letters" in text
    assert text.index("| 2021-02-15 03:00 | 12 | Asia/Dhaka |") < text.index(
        "| 2021-02-15 08:00 | 69 | Africa/Lagos, Europe/Zurich |"
    )
    assert "`abababababab…`" in text
    assert "## Unknown" in text and "- x" in text
    assert campaign_summary(campaign, None, totals, []).count("Reminder waves scheduled: 0") == 1


def test_demo_summary_shows_languages_replies_and_waves() -> None:
    from collections import Counter

    from rich.console import Console

    from demo.run import DemoResult, print_summary

    result = DemoResult(
        "http://127.0.0.1:4200",
        campaign_run="abc",
        contacts=3,
        languages=Counter({"es": 2, "ar": 1}),
        letters_sent=3,
        replies=Counter({"accept": 2, "bounce": 1}),
        reminders=[
            ("cl-21-4 · reminder-1 · 18 Dec 08:00 UTC · Europe/Zurich", "2026-12-18 08:00 UTC"),
            ("cl-21-4 · reminder-1 · 17 Dec 21:00 UTC · Pacific/Fiji", "2026-12-17 21:00 UTC"),
        ],
        wave_days=["reminder-3: Wed 2026-12-30 (skips 2026-12-31: Restoration Day)"],
        calendar_warnings=["deadline.date: 2027-01-01 is a day the secretariat is closed"],
    )
    terminal = Console(record=True, width=200, force_terminal=True)
    print_summary(terminal, result)
    assert re.search(r"contacts by language +│ 3: ar 1, es 2", terminal.export_text())
    # Through a pipe: plain lines, whole, without the table's box characters.
    console = Console(record=True, width=40, force_terminal=False)
    print_summary(console, result)
    text = console.export_text()
    assert "contacts by language: 3: ar 1, es 2" in text
    assert not set("│─┃━┏┗") & set(text)
    assert "3: accept 2, bounce 1" in text
    assert "2: 2026-12-17 21:00, 2026-12-18 08:00" in text
    assert "skips 2026-12-31: Restoration Day" in text
    assert "2027-01-01 is a day the secretariat is closed" in text
    assert "http://127.0.0.1:4200/runs/flow-run/abc" in text

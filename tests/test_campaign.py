"""The campaign definition: loading, validation errors that name the field, safe YAML, dates."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml

from circular.campaign import (
    LANGUAGES,
    TEMPLATE_KINDS,
    Campaign,
    CampaignError,
    date_problems,
    load_campaign,
)
from circular.settings import PROJECT_ROOT

SHIPPED = PROJECT_ROOT / "letters" / "cl-21-4"


@pytest.fixture
def shipped() -> Campaign:
    return load_campaign(SHIPPED)


def _write(tmp_path: Path, data: dict[str, Any] | str, name: str = "cl-21-4") -> Path:
    folder = tmp_path / name
    folder.mkdir(exist_ok=True)
    text = data if isinstance(data, str) else yaml.safe_dump(data, allow_unicode=True)
    (folder / "campaign.yaml").write_text(text, encoding="utf-8")
    return folder


def _data() -> dict[str, Any]:
    return yaml.safe_load((SHIPPED / "campaign.yaml").read_text(encoding="utf-8"))


def _error(tmp_path: Path, data: dict[str, Any] | str) -> str:
    folder = _write(tmp_path, data)
    with pytest.raises(CampaignError) as caught:
        load_campaign(folder, check_templates=False)
    return str(caught.value)


def test_shipped_campaign_loads_with_its_dates(shipped: Campaign) -> None:
    assert shipped.id == "cl-21-4"
    assert shipped.reference == "CL-21/4"
    assert shipped.languages == list(LANGUAGES)
    assert shipped.date == date(2021, 2, 3)
    assert shipped.deadline.date == date(2021, 3, 1)
    assert shipped.events["high_level"].start == date(2021, 3, 22)
    assert shipped.events["high_level"].last == date(2021, 3, 26)
    assert shipped.events["final_week"].start == date(2021, 5, 17)
    assert shipped.events["final_week"].last == date(2021, 5, 21)
    assert shipped.contacts_per_country == 1
    assert shipped.reminders.acknowledgement is True
    assert shipped.text(shipped.signatory.title, "fr") == "Secrétaire général"
    # Reserved domains only in the shipped file: nothing can reach a real mailbox.
    assert shipped.reply_inbox.endswith(".example")
    assert shipped.sender.domain.endswith(".example")


def test_deadline_is_the_end_of_the_day_in_zurich(shipped: Campaign) -> None:
    at = shipped.deadline.at
    assert at.tzinfo is not None
    # Zurich is UTC+1 in winter: 23:59:59 local is 22:59:59 UTC.
    assert at.astimezone(UTC) == datetime(2021, 3, 1, 22, 59, 59, tzinfo=UTC)
    assert at.date() == shipped.deadline.date


def test_every_template_file_exists(shipped: Campaign) -> None:
    assert shipped.missing_templates() == []
    paths = {shipped.template_path(k, lang) for k in TEMPLATE_KINDS for lang in LANGUAGES}  # type: ignore[arg-type]
    assert len(paths) == len(TEMPLATE_KINDS) * len(LANGUAGES)
    assert SHIPPED / "letter.ar.docx" in paths


def test_reminder_policy_is_read_earliest_wave_first(tmp_path: Path) -> None:
    data = _data()
    data["reminders"].update(waves=[1, 14, 5], working_days=["mon", "tue"])
    campaign = load_campaign(_write(tmp_path, data), check_templates=False)
    policy = campaign.reminders
    assert policy.waves == [14, 5, 1]
    assert policy.send_time == time(9, 0)
    assert policy.max_per_contact == 3
    assert policy.is_working_day(date(2021, 2, 16))  # a Tuesday
    assert not policy.is_working_day(date(2021, 2, 17))  # a Wednesday


def test_unquoted_send_window_times_are_read_as_times(tmp_path: Path) -> None:
    text = (SHIPPED / "campaign.yaml").read_text(encoding="utf-8")
    text = text.replace('start: "09:00"', "start: 10:30").replace('end: "11:00"', "end: 12:00")
    folder = _write(tmp_path, text)
    window = load_campaign(folder, check_templates=False).send_window
    assert (window.start, window.end) == (time(10, 30), time(12, 0))


def test_an_older_file_with_only_send_time_gets_a_window_opening_then(tmp_path: Path) -> None:
    text = (SHIPPED / "campaign.yaml").read_text(encoding="utf-8")
    start = text.index("send_window:")
    text = text[:start] + text[text.index("reminders:") :]
    text = text.replace("  waves: [14, 5, 1]", "  waves: [14, 5, 1]\n  send_time: 10:30")
    campaign = load_campaign(_write(tmp_path, text), check_templates=False)
    assert campaign.reminders.send_time == time(10, 30)
    assert (campaign.send_window.start, campaign.send_window.end) == (time(10, 30), time(12, 30))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"send_window": {"start": "11:00", "end": "09:00"}}, "end 09:00 is not after start"),
        ({"calendar": {"country": "XX"}}, "not a country the holidays package knows"),
        ({"calendar": {"country": "CH", "subdivision": "ZZ"}}, "'ZZ' is not a subdivision"),
    ],
)
def test_calendar_and_window_mistakes_are_named(
    tmp_path: Path, change: dict[str, object], message: str
) -> None:
    data = yaml.safe_load((SHIPPED / "campaign.yaml").read_text(encoding="utf-8"))
    data.update(change)
    folder = _write(tmp_path, yaml.safe_dump(data, allow_unicode=True))
    with pytest.raises(CampaignError, match=message):
        load_campaign(folder, check_templates=False)


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        (
            lambda d: d["deadline"].update(timezone="Mars/Olympus"),
            "deadline.timezone",
            "unknown time zone",
        ),
        (lambda d: d["title"].pop("fr"), "title.fr", "missing translation"),
        (lambda d: d.update(deadine="2021-03-01"), "deadine", "Extra inputs"),
        (lambda d: d.update(id="CL_21/4"), "id", "not valid"),
        (lambda d: d["reminders"].update(waves=[14, 14]), "reminders.waves", "distinct"),
        (
            lambda d: d["reminders"].update(waves=[0]),
            "reminders.waves.0",
            "greater than or equal to 1",
        ),
        (
            lambda d: d["events"]["final_week"].update(end="2021-05-01"),
            "events.final_week",
            "before start",
        ),
        (lambda d: d.update(reply_inbox="wsis-info at itu"), "reply_inbox", "not a valid e-mail"),
        (lambda d: d["deadline"].update(date="2021-02-30"), "deadline.date", "date"),
        (
            lambda d: d["templates"].update(letter="../../etc/letter.{lang}.docx"),
            "templates.letter",
            "plain file name",
        ),
        (lambda d: d["links"].update(items="https://x.example"), "links", "not usable"),
        (
            lambda d: d.update(contacts_per_country=0),
            "contacts_per_country",
            "greater than or equal",
        ),
        (lambda d: d.pop("reference"), "reference", "Field required"),
        (lambda d: d.update(date="2021-04-01"), "deadline.date", "before the letter's date"),
    ],
)
def test_validation_errors_name_the_file_and_field(
    tmp_path: Path, change: Any, field: str, words: str
) -> None:
    data = _data()
    change(data)
    message = _error(tmp_path, data)
    assert f"campaign.yaml: {field}" in message
    assert words in message


def test_python_tags_are_refused_and_never_run(tmp_path: Path) -> None:
    target = tmp_path / "pwned"
    text = f'id: !!python/object/apply:os.mkdir ["{target}"]\n'
    message = _error(tmp_path, text)
    assert "campaign.yaml" in message
    assert "!!python" in message
    assert not target.exists()


def test_yaml_that_is_not_a_mapping_is_refused(tmp_path: Path) -> None:
    assert "expected a mapping" in _error(tmp_path, "- just\n- a list\n")
    assert "not valid YAML" in _error(tmp_path, "id: [unclosed\n")


def test_missing_campaign_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(CampaignError, match=r"cl-21-4/campaign\.yaml: no such campaign file"):
        load_campaign(tmp_path / "cl-21-4")


def test_missing_template_is_named(tmp_path: Path) -> None:
    folder = tmp_path / "cl-21-4"
    shutil.copytree(SHIPPED, folder)
    (folder / "reminder.ru.txt").unlink()
    with pytest.raises(CampaignError, match=r"templates: missing files: .*reminder\.ru\.txt"):
        load_campaign(folder)


def test_id_must_match_the_folder(tmp_path: Path) -> None:
    folder = _write(tmp_path, _data(), name="cl-21-5")
    with pytest.raises(CampaignError, match="does not match the folder name 'cl-21-5'"):
        load_campaign(folder, check_templates=False)


def _dates(value: Any) -> list[date]:
    if isinstance(value, date) and not isinstance(value, datetime):
        return [value]
    if isinstance(value, dict):
        return [d for item in value.values() for d in _dates(item)]
    if isinstance(value, list):
        return [d for item in value for d in _dates(item)]
    return []


def test_shifted_to_moves_every_date_by_the_same_offset(shipped: Campaign) -> None:
    today = date(2026, 11, 28)
    shifted = shipped.shifted_to(today)
    assert shifted.date == today
    delta = today - shipped.date
    before = _dates(shipped.model_dump())
    after = _dates(shifted.model_dump())
    assert len(before) == len(after) >= 6
    assert all(b + delta == a for b, a in zip(before, after, strict=True))
    assert shifted.deadline.date - shifted.date == shipped.deadline.date - shipped.date
    assert shifted.deadline.at.tzinfo is not None
    # The original is untouched and the copy still finds its templates.
    assert shipped.date == date(2021, 2, 3)
    assert shifted.folder == shipped.folder
    assert shifted.missing_templates() == []


def test_shifted_deadline_is_still_the_end_of_its_day(shipped: Campaign) -> None:
    shifted = shipped.shifted_to(date(2026, 11, 28))
    assert shifted.deadline.date == date(2026, 12, 24)
    assert shifted.deadline.at == datetime(2026, 12, 24, 23, 59, 59, tzinfo=shifted.deadline.zone)
    assert shifted.deadline.at.utcoffset() == timedelta(hours=1)


# --- the dates against each other and against today (issue 12 §3) ---------------------------

#: The clock is injected: each check runs at a fixed instant, whatever day the test runs.
DURING = datetime(2021, 2, 10, 9, 0, tzinfo=UTC)


def test_the_shipped_campaign_dates_are_consistent_while_it_runs(shipped: Campaign) -> None:
    assert date_problems(shipped, DURING) == []


def test_a_passed_deadline_is_named_from_the_first_second_after_its_day(
    shipped: Campaign,
) -> None:
    zurich = shipped.deadline.zone
    last = datetime(2021, 3, 1, 23, 59, 59, tzinfo=zurich)
    assert date_problems(shipped, last) == []
    assert date_problems(shipped, last + timedelta(seconds=1)) == [
        "deadline.date: the reply deadline 2021-03-01 (Europe/Zurich) passed 1 day ago"
    ]
    assert date_problems(shipped, datetime(2021, 3, 4, 12, tzinfo=UTC)) == [
        "deadline.date: the reply deadline 2021-03-01 (Europe/Zurich) passed 3 days ago"
    ]


def test_a_copied_campaign_with_old_event_dates_is_flagged(tmp_path: Path) -> None:
    # Copied from CL-21/4: the letter's date and the deadline moved to 2026, the events not.
    data = _data()
    data["date"] = "2026-02-03"
    data["deadline"]["date"] = "2026-03-01"
    copied = load_campaign(_write(tmp_path, data), check_templates=False)
    problems = date_problems(copied, datetime(2026, 2, 10, tzinfo=UTC))
    assert sorted(problems) == [
        f"events.{name}: starts {start}, more than a year from the letter's date 2026-02-03 "
        "(deadline 2026-03-01): left from an earlier campaign?"
        for name, start in (
            ("final_week", "2021-05-17"),
            ("high_level", "2021-03-22"),
            ("opening", "2021-01-01"),
        )
    ]


def test_a_letter_dated_long_ago_and_a_far_deadline_are_flagged(tmp_path: Path) -> None:
    data = _data()
    data["deadline"]["date"] = "2022-06-01"
    campaign = load_campaign(_write(tmp_path, data), check_templates=False)
    assert date_problems(campaign, datetime(2022, 5, 1, tzinfo=UTC)) == [
        "deadline.date: 2022-06-01 is more than a year after the letter's date 2021-02-03",
        "date: the letter is dated 2021-02-03, more than a year from today (2022-05-01)",
    ]

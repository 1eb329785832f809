"""``circular check-templates`` checks the campaign's calendar too: a warning when the deadline
is a day the secretariat is closed, a refusal when the send window cannot fit."""

from __future__ import annotations

from pathlib import Path

import yaml
from typer.testing import CliRunner

from circular.cli import _register, app
from tests.support.followup_support import copy_campaign


def _dated(tmp_path: Path, day: str, deadline: str) -> Path:
    folder = copy_campaign(tmp_path).folder
    assert folder is not None
    path = folder / "campaign.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["date"] = day
    data["deadline"]["date"] = deadline
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return folder


def _check(folder: Path) -> tuple[int, str]:
    _register()
    done = CliRunner().invoke(app, ["check-templates", "--campaign", str(folder)])
    return done.exit_code, done.output


def test_a_deadline_on_new_years_day_is_warned_about(tmp_path: Path) -> None:
    code, output = _check(_dated(tmp_path, "2026-12-06", "2027-01-01"))
    assert code == 0, output
    assert "warning: " in output and "deadline.date: 2027-01-01 is a day the secretariat" in output
    assert "New Year's Day, calendar CH-GE" in output


def test_cl_21_4_has_no_calendar_warning(tmp_path: Path) -> None:
    code, output = _check(copy_campaign(tmp_path).folder)  # type: ignore[arg-type]
    assert code == 0 and "warning" not in output, output


def test_a_window_that_cannot_fit_is_refused(tmp_path: Path) -> None:
    code, output = _check(_dated(tmp_path, "2021-02-22", "2021-02-23"))
    assert code == 1
    assert "send window 09:00–11:00 cannot fit" in output and "Fiji (FJI)" in output

"""``circular check-templates`` checks every template of a campaign, each problem with its file
and line (issue 12 §3): the letters, and the e-mail, reminder and acknowledgement texts in
every language."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from circular.campaign import load_campaign
from circular.cli import _register, app
from circular.letters.checks import check_campaign_templates
from circular.letters.render import CONTACT_FIELDS

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def campaign(tmp_path: Path) -> Path:
    """A copy of the shipped campaign, every template included."""
    return Path(shutil.copytree(ROOT / "letters" / "cl-21-4", tmp_path / "cl-21-4"))


def _check(folder: Path):  # type: ignore[no-untyped-def]
    _register()
    return CliRunner().invoke(app, ["check-templates", "--campaign", str(folder)])


def test_the_shipped_campaign_passes_every_check(campaign: Path) -> None:
    result = _check(campaign)
    assert result.exit_code == 0, result.output
    assert "all 24 templates of cl-21-4 (letters, e-mails, reminders, acknowledgements)" in (
        result.output
    )
    assert f"{campaign / 'reminder.ru.txt'}:" in result.output


def test_a_broken_reminder_is_caught_with_file_and_line(campaign: Path) -> None:
    # The mistake of the issue: a brace missing in reminder.en.txt, which send and the
    # followup command did not notice until the wave day.
    reminder = campaign / "reminder.en.txt"
    text = reminder.read_text(encoding="utf-8")
    assert "{{ campaign.deadline }}" in text
    reminder.write_text(text.replace("{{ campaign.deadline }}", "{{ campaign.deadline }"))
    line = 1 + text[: text.index("{{ campaign.deadline }}")].count("\n")
    result = _check(campaign)
    assert result.exit_code == 1
    assert "1 problem(s) in the templates of cl-21-4:" in result.output
    assert f"  {reminder}:{line}: template syntax error: unexpected '}}'" in result.output


@pytest.mark.parametrize(
    ("name", "source", "line", "message"),
    [
        (
            "ack.fr.txt",
            "Subject: Merci\n\n{{ contact.salutation }},\n{{ campaign.deadine }}\n",
            4,
            "uses 'campaign.deadine', which campaign.yaml does not define",
        ),
        (
            "email.es.txt",
            "Subject: Invitación\n\n{{ contact.favourite }}\n",
            3,
            "uses 'contact.favourite', which the contacts do not have",
        ),
        (
            "email.zh.txt",
            "Invitation {{ campaign.reference }}\n\nText\n",
            1,
            "must start with 'Subject: ...', found 'Invitation {{ campaign.reference }}'",
        ),
        (
            "reminder.ar.txt",
            "Subject: x\n\nline\n{{ campaign.reference | int(base=0) + campaign.date }}\n",
            4,
            "cannot be rendered: ",
        ),
    ],
)
def test_each_kind_of_text_problem_names_file_and_line(
    campaign: Path, name: str, source: str, line: int, message: str
) -> None:
    (campaign / name).write_text(source, encoding="utf-8")
    result = _check(campaign)
    assert result.exit_code == 1
    assert f"  {campaign / name}:{line}: {message}" in result.output


def test_a_missing_text_template_is_named(campaign: Path) -> None:
    (campaign / "ack.zh.txt").unlink()
    problems = check_campaign_templates(
        load_campaign(campaign, check_templates=False), CONTACT_FIELDS
    )
    assert [str(p) for p in problems] == [f"{campaign / 'ack.zh.txt'} (file): the file is missing"]

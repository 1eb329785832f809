"""International addresses at intake: internationalised domains are taken (and sent in ASCII
where the server lacks SMTPUTF8); letters outside ASCII before the @ only when the operator
says the provider supports SMTPUTF8 (CIRCULAR_SMTP_UTF8=yes), else refused at intake, naming
the file, row and column."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from circular.contacts import ProblemKind, check_file, intake_folder
from circular.contacts.values import check_email
from circular.ledger import Contact, IntakeStatus, Ledger
from circular.settings import Settings, SettingsError, load_settings

NOW = datetime(2021, 2, 3, 9, 30, tzinfo=UTC)
CORPUS = Path(__file__).parents[1] / "data" / "contacts" / "bad" / "non-ascii-local-part.csv"


def drop(settings: Settings, path: Path) -> None:
    settings.drop_folder.mkdir(parents=True, exist_ok=True)
    (settings.drop_folder / path.name).write_bytes(path.read_bytes())


def emails(ledger: Ledger) -> dict[str, tuple[str, list[str]]]:
    with ledger.session() as session:
        return {c.iso3: (c.email, list(c.cc)) for c in session.scalars(select(Contact))}


def test_internationalised_domains_are_taken_and_normalised(
    settings: Settings, ledger: Ledger, tmp_path: Path
) -> None:
    source = tmp_path / "idn.csv"
    source.write_text(
        "country,email,cc\n"
        "RUS,info@MID.РФ,\n"
        "FRA,ministre@ÉCONOMIE.example,cabinet@économie.example\n"
        "CHN,info@外交部.example,\n",
        encoding="utf-8",
    )
    drop(settings, source)
    [result] = intake_folder(settings, ledger, now=NOW)
    assert result.status == IntakeStatus.LOADED, result.report
    # Kept in Unicode (what staff read); sending writes the ASCII form where it must.
    assert emails(ledger) == {
        "RUS": ("info@mid.рф", []),
        "FRA": ("ministre@économie.example", ["cabinet@économie.example"]),
        "CHN": ("info@外交部.example", []),
    }


def test_a_local_part_outside_ascii_is_refused_at_intake_by_default(
    settings: Settings, ledger: Ledger
) -> None:
    assert settings.smtp_utf8 == "auto"
    drop(settings, CORPUS)
    [result] = intake_folder(settings, ledger, now=NOW)
    assert result.status == IntakeStatus.REJECTED
    report = result.report
    assert f"Contact file: {CORPUS.name}" in report
    assert 'row 2, column "email", value "почта@mid.рф"' in report
    assert 'row 3, column "cc", value "josé@fra.example"' in report
    assert "CIRCULAR_SMTP_UTF8=yes" in report
    assert emails(ledger) == {}


def test_with_smtputf8_yes_the_same_file_loads(settings: Settings, ledger: Ledger) -> None:
    settings = settings.model_copy(update={"smtp_utf8": "yes"})
    drop(settings, CORPUS)
    [result] = intake_folder(settings, ledger, now=NOW)
    assert result.status == IntakeStatus.LOADED, result.report
    assert emails(ledger) == {
        "RUS": ("почта@mid.рф", []),
        "FRA": ("ministre@économie.example", ["josé@fra.example"]),
        "ESP": ("ministro@esp.example", []),
    }


def test_the_check_reads_the_file_again_with_the_same_rule() -> None:
    from circular.contacts import iter_contacts

    check = check_file(CORPUS, smtputf8=True)
    assert check.ok, check.problems
    assert [row.email for row in iter_contacts(CORPUS, check)] == [
        "почта@mid.рф",
        "ministre@économie.example",
        "ministro@esp.example",
    ]
    refused = check_file(CORPUS)
    assert {p.kind for p in refused.problems} == {ProblemKind.INVALID_EMAIL}


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("info@-рф.example", "hyphen"),
        ("info@xn--zz.example", "not valid"),
        ("jo sé@fra.example", "SPACE"),
    ],
)
def test_bad_international_addresses_say_why(address: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        check_email(address, smtputf8=True)


def test_the_setting_takes_only_auto_yes_or_no() -> None:
    with pytest.raises(SettingsError, match="CIRCULAR_SMTP_UTF8"):
        load_settings(smtp_utf8="maybe")

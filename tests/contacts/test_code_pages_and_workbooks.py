"""Contact files as offices really exchange them: CSV in any Windows or Mac code page, and
Excel / OpenDocument workbooks. Names are checked letter for letter in the ledger."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from circular.contacts import intake_folder
from circular.contacts.sheets import cell_name, split_sheet_name
from circular.countries import lookup_country
from circular.ledger import Contact, IntakeStatus, Ledger
from circular.settings import Settings, load_settings

GOOD = Path(__file__).parents[1] / "data" / "contacts" / "good"
CODE_PAGE_FILES = sorted(GOOD.glob("*.csv"))
WORKBOOKS = sorted(GOOD.glob("ministers#Ministers.*"))
NOW = datetime(2021, 2, 3, 9, 30, tzinfo=UTC)
#: The code page each file must be reported as read in (ISO-8859-1 text without C1 bytes
#: reads identically as Windows-1252, which charset-normalizer names; GBK is a part of GB18030).
ENCODINGS = {
    "russian.cp1251.csv": "cp1251",
    "arabic.cp1256.csv": "cp1256",
    "chinese.gbk.csv": "gb18030",
    "chinese.gb18030.csv": "gb18030",
    "japanese.shift_jis.csv": "cp932",
    "western.iso-8859-1.csv": "cp1252",
    "western.cp1252.csv": "cp1252",
    "western.mac_roman.csv": "mac_roman",
}


def drop_copy(settings: Settings, original: Path, name: str = "") -> Path:
    settings.drop_folder.mkdir(parents=True, exist_ok=True)
    target = settings.drop_folder / (name or original.name)
    target.write_bytes(original.read_bytes())
    return target


def stored_contacts(ledger: Ledger) -> list[Contact]:
    with ledger.session() as session:
        return list(session.scalars(select(Contact).order_by(Contact.source_row)))


def test_every_code_page_of_the_issue_has_a_file() -> None:
    assert set(ENCODINGS) == {path.name for path in CODE_PAGE_FILES}


@pytest.mark.parametrize("original", CODE_PAGE_FILES, ids=lambda path: path.name)
def test_code_page_file_loads_names_letter_for_letter(
    original: Path, settings: Settings, ledger: Ledger
) -> None:
    drop_copy(settings, original)

    [result] = intake_folder(settings, ledger, now=NOW)

    assert result.status == IntakeStatus.LOADED, result.report
    assert f"read as {ENCODINGS[original.name]}, detected by charset-normalizer" in result.report
    assert "% mess" in result.report  # how sure, in every report
    assert result.stored_path is not None
    assert result.stored_path.read_bytes() == original.read_bytes()
    expected = [
        line.split("\t")
        for line in Path(f"{original}.expected.txt").read_text(encoding="utf-8").splitlines()
    ]
    stored = stored_contacts(ledger)
    assert [(c.iso3, c.name, c.ministry) for c in stored] == [
        (lookup_country(country).iso3, name, ministry)  # type: ignore[union-attr]
        for country, name, ministry in expected
    ]


@pytest.mark.parametrize("original", WORKBOOKS, ids=lambda path: path.suffix)
def test_workbook_loads_the_sheet_its_name_gives(
    original: Path, settings: Settings, ledger: Ledger
) -> None:
    drop_copy(settings, original)

    [result] = intake_folder(settings, ledger, now=NOW)

    assert result.status == IntakeStatus.LOADED, result.report
    assert "sheet 'Ministers'" in result.report
    assert result.stored_path is not None
    assert result.stored_path.read_bytes() == original.read_bytes()
    stored = stored_contacts(ledger)
    assert [c.iso3 for c in stored] == ["RUS", "SAU", "CHN", "FRA", "ESP"]
    assert stored[0].name == "Тимур Маратович Ахметов"
    assert stored[1].name == "أحمد سالم المنصوري"
    assert stored[4].name == "María José Núñez"
    # A phone number typed as a number stays its digits, a date is a date, a formula its value.
    assert stored[0].extra == {
        "Phone": "41227305113",
        "Since": "2021-02-02",
        "Reference": "CL-21/2",
    }
    assert [c.source_row for c in stored] == [2, 3, 4, 5, 6]


def test_the_sheet_setting_chooses_the_sheet_when_the_name_gives_none(
    tmp_path: Path, ledger: Ledger
) -> None:
    original = GOOD / "ministers#Ministers.xlsx"
    first = load_settings(
        data_dir=tmp_path / "a", drop_folder=tmp_path / "in-a", rejected_folder=tmp_path / "rej"
    )
    drop_copy(first, original, "ministers.xlsx")
    [refused] = intake_folder(first, ledger, now=NOW)
    # The first sheet is a cover page: no contact columns there.
    assert refused.status == IntakeStatus.REJECTED
    assert "missing column" in refused.report and "sheet 'Read me'" in refused.report

    chosen = load_settings(
        data_dir=tmp_path / "b",
        drop_folder=tmp_path / "in-b",
        processed_folder=tmp_path / "done",
        contact_sheet="Ministers",
    )
    drop_copy(chosen, original, "ministers.xlsx")
    [loaded] = intake_folder(chosen, ledger, now=NOW)
    assert loaded.status == IntakeStatus.LOADED, loaded.report
    assert loaded.rows == 5


def test_sheet_names_in_file_names() -> None:
    assert split_sheet_name("contacts.xlsx#Ministers") == ("contacts.xlsx", "Ministers")
    assert split_sheet_name("contacts#Ministers.ods") == ("contacts.ods", "Ministers")
    assert split_sheet_name("contacts.xlsx") == ("contacts.xlsx", None)
    assert split_sheet_name("notes#1.csv") == ("notes#1.csv", None)


def test_cell_names_as_a_spreadsheet_writes_them() -> None:
    assert cell_name("Sheet1", 17, 3) == "Sheet1!D17"
    assert cell_name("Sheet1", 2, 26) == "Sheet1!AA2"
    assert cell_name("My list", 5, 0) == "'My list'!A5"
    assert cell_name("Bob's", 1, 701) == "'Bob''s'!ZZ1"

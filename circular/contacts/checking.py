"""Checking a whole contact file, streaming: its encoding, format, header and every row.

A file is all or nothing, so it is checked completely before anything is loaded, and read a
second time (``iter_contacts``) to load it: two streaming passes keep memory bounded for files
of 100,000 rows where holding every contact would not.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from circular.contacts.columns import ColumnMap, map_columns
from circular.contacts.problems import Problem, ProblemKind
from circular.contacts.reading import (
    CsvFormat,
    FileFingerprint,
    UnreadableFile,
    fingerprint,
    read_records,
    sniff_format,
)
from circular.contacts.rows import ContactRow, parse_row

#: A report lists at most this many problems (and counts the rest): a file with the wrong
#: delimiter can have one per row, and nobody reads 100,000 lines.
MAX_PROBLEMS = 1000


@dataclass
class FileCheck:
    """What checking a file found: its identity, format, rows and problems."""

    fingerprint: FileFingerprint
    form: CsvFormat | None = None
    columns: ColumnMap | None = None
    rows: int = 0
    problems: list[Problem] = field(default_factory=list)
    omitted: int = 0

    @property
    def ok(self) -> bool:
        """True when the file can be loaded."""
        return not self.problems and not self.omitted

    def add(self, problem: Problem) -> None:
        """Record a problem, counting those beyond the report's limit."""
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(problem)
        else:
            self.omitted += 1


def check_file(
    path: Path, *, contacts_per_country: int = 1, known: FileFingerprint | None = None
) -> FileCheck:
    """Check every row of ``path``; the result's ``problems`` name each thing wrong.

    ``known`` is the file's fingerprint when the caller has already computed it."""
    if contacts_per_country < 1:
        raise ValueError("contacts_per_country must be at least 1")
    check = FileCheck(known or fingerprint(path))
    if check.fingerprint.problem or not check.fingerprint.encoding:
        check.add(check.fingerprint.problem or _unreadable())
        return check
    try:
        check.form = sniff_format(path, check.fingerprint.encoding)
        check.columns, header_problems = map_columns(check.form.header)
        for problem in header_problems:
            check.add(problem)
        if header_problems:
            return check
        _check_rows(path, check, contacts_per_country)
    except UnreadableFile as error:
        check.add(error.problem)
    if check.rows == 0 and not check.problems:
        check.add(Problem(ProblemKind.EMPTY_FILE, "the file has a header row but no contacts"))
    return check


def _unreadable() -> Problem:
    return Problem(ProblemKind.UNREADABLE_ENCODING, "the file cannot be read as text")


def _check_rows(path: Path, check: FileCheck, contacts_per_country: int) -> None:
    assert check.form is not None and check.columns is not None
    first_row: dict[str, int] = {}
    per_country: Counter[str] = Counter()
    for row, cells in read_records(path, check.form):
        check.rows += 1
        parsed = parse_row(row, cells, check.columns)
        if isinstance(parsed, list):
            for problem in parsed:
                check.add(problem)
            continue
        key = parsed.key(contacts_per_country)
        if key in first_row:
            check.add(
                _duplicate(parsed, cells, check.columns, first_row[key], contacts_per_country)
            )
            continue
        first_row[key] = row
        per_country[parsed.iso3] += 1
        if per_country[parsed.iso3] > contacts_per_country:
            check.add(
                Problem(
                    ProblemKind.TOO_MANY_CONTACTS,
                    f"{parsed.iso3} has more than the {contacts_per_country} contacts "
                    "this campaign allows per country",
                    row,
                    check.columns.label("country"),
                    cells[check.columns.fields["country"]],
                )
            )


def _duplicate(
    contact: ContactRow, cells: list[str], columns: ColumnMap, first: int, per_country: int
) -> Problem:
    if per_country == 1:
        detail = f"{contact.iso3} is already on row {first}; one contact per country"
    else:
        detail = f"{contact.iso3} with {contact.email} is already on row {first}"
    return Problem(
        ProblemKind.DUPLICATE_COUNTRY,
        detail,
        contact.row,
        columns.label("country"),
        cells[columns.fields["country"]],
    )


def iter_contacts(path: Path, check: FileCheck) -> Iterator[ContactRow]:
    """The contacts of a file that ``check_file`` found valid, read again in chunks."""
    if not check.ok or check.form is None or check.columns is None:
        raise ValueError(f"{path.name} was not found valid; it cannot be loaded")
    for row, cells in read_records(path, check.form):
        parsed = parse_row(row, cells, check.columns)
        if isinstance(parsed, list):
            # The file changed between the two passes: refuse rather than half-load it.
            raise UnreadableFile(parsed[0])
        yield parsed

"""Checking a whole contact file, streaming: its encoding, format, header and every row.

A file is all or nothing, so it is checked completely before anything is loaded, and read a
second time (``iter_contacts``) to load it: two streaming passes keep memory bounded for files
of 100,000 rows where holding every contact would not.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
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
from circular.contacts.sheets import (
    SheetError,
    SheetFormat,
    cell_name,
    formula_errors,
    open_sheet,
    read_sheet_records,
    spreadsheet_kind,
)

#: A report lists at most this many problems (and counts the rest): a file with the wrong
#: delimiter can have one per row, and nobody reads 100,000 lines.
MAX_PROBLEMS = 1000


@dataclass
class FileCheck:
    """What checking a file found: its identity, format, rows and problems."""

    fingerprint: FileFingerprint
    form: CsvFormat | SheetFormat | None = None
    columns: ColumnMap | None = None
    rows: int = 0
    problems: list[Problem] = field(default_factory=list)
    omitted: int = 0
    #: Addresses may have letters outside ASCII before the @ (CIRCULAR_SMTP_UTF8=yes).
    smtputf8: bool = False

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


def fingerprint_file(path: Path) -> FileFingerprint:
    """The file's hash, and its text encoding unless it is a workbook (by its name)."""
    kind = spreadsheet_kind(path)
    if kind is None:
        return fingerprint(path)
    return replace(fingerprint(path, text=False), detection=kind)


def check_file(
    path: Path,
    *,
    contacts_per_country: int = 1,
    known: FileFingerprint | None = None,
    sheet: str | None = None,
    smtputf8: bool = False,
) -> FileCheck:
    """Check every row of ``path``; the result's ``problems`` name each thing wrong.

    ``known`` is the file's fingerprint when the caller has already computed it; ``sheet`` is
    the sheet of a workbook to read when its file name names none (default: the first);
    ``smtputf8`` accepts addresses with letters outside ASCII before the @."""
    if contacts_per_country < 1:
        raise ValueError("contacts_per_country must be at least 1")
    check = FileCheck(known or fingerprint_file(path), smtputf8=smtputf8)
    workbook = spreadsheet_kind(path) is not None
    if check.fingerprint.problem or not (check.fingerprint.encoding or workbook):
        check.add(check.fingerprint.problem or _unreadable())
        return check
    try:
        if workbook:
            check.form, layout = open_sheet(path, sheet or None)
            for problem in layout:
                check.add(problem)
            if layout:
                return check
        else:
            assert check.fingerprint.encoding is not None
            check.form = sniff_format(path, check.fingerprint.encoding)
        check.columns, header_problems = map_columns(check.form.header)
        for problem in header_problems:
            check.add(problem)
        if header_problems:
            return check
        _check_rows(path, check, contacts_per_country)
    except (UnreadableFile, SheetError) as error:
        check.add(error.problem)
    if check.rows == 0 and not check.problems:
        check.add(Problem(ProblemKind.EMPTY_FILE, "the file has a header row but no contacts"))
    if isinstance(check.form, SheetFormat):
        check.problems = [_with_cell(problem, check.form) for problem in check.problems]
    return check


def detection(check: FileCheck) -> str:
    """How the file was read, for its report: the encoding and how sure, or the sheet."""
    if isinstance(check.form, SheetFormat):
        return check.form.detection
    return check.fingerprint.detection


def _with_cell(problem: Problem, form: SheetFormat) -> Problem:
    """``problem`` with the spreadsheet cell it is about (``Sheet1!D17``), where it has one."""
    if problem.cell is not None or problem.row is None or problem.column is None:
        return problem
    labels = [cell.strip() for cell in form.header]
    if problem.column not in labels:
        return problem
    return replace(problem, cell=cell_name(form.sheet, problem.row, labels.index(problem.column)))


def records(path: Path, form: CsvFormat | SheetFormat) -> Iterator[tuple[int, list[str]]]:
    """The data records of a text file or a workbook's sheet, as (row number, cells)."""
    if isinstance(form, SheetFormat):
        return read_sheet_records(path, form)
    return read_records(path, form)


def _unreadable() -> Problem:
    return Problem(ProblemKind.UNREADABLE_ENCODING, "the file cannot be read as text")


def _check_rows(path: Path, check: FileCheck, contacts_per_country: int) -> None:
    assert check.form is not None and check.columns is not None
    first_row: dict[str, int] = {}
    per_country: Counter[str] = Counter()
    sheet = check.form if isinstance(check.form, SheetFormat) else None
    for row, cells in records(path, check.form):
        check.rows += 1
        if sheet is not None and (failed := formula_errors(sheet, row, cells)):
            for problem in failed:
                check.add(problem)
            continue
        parsed = parse_row(row, cells, check.columns, smtputf8=check.smtputf8)
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
    for row, cells in records(path, check.form):
        parsed = parse_row(row, cells, check.columns, smtputf8=check.smtputf8)
        if isinstance(parsed, list):
            # The file changed between the two passes: refuse rather than half-load it.
            raise UnreadableFile(parsed[0])
        yield parsed

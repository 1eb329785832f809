"""Excel and OpenDocument contact files (.xlsx, .xlsm, .xls, .ods), read with python-calamine.

Which sheet: the one named in the file's name (``contacts.xlsx#Ministers`` or
``contacts#Ministers.xlsx``), else the ``CIRCULAR_CONTACT_SHEET`` setting, else the first.
The header is the sheet's row 1, as in a CSV.

Cells are read as the workbook stores them: a formula as the value it was last calculated to,
a date as a date (written ``2021-02-03``), a whole number as digits without ``.0`` (a phone
number typed as a number stays ``41227305111``), text as text. A merged range is refused with
its cells named: merged header cells hide which column is which, and merged data cells leave
every row but the first blank. A cell showing a formula error (``#REF!``) is refused too.

calamine is the engine pandas itself uses for these formats (``read_excel(engine="calamine")``);
it is called directly because pandas would turn blank cells into NaN and whole numbers into
floats, and the merged ranges and cell positions that reports name are calamine's anyway.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from python_calamine import CalamineError, CalamineWorkbook

from circular.contacts.problems import Problem, ProblemKind

#: The spreadsheet formats taken in, by file suffix, as reports name them.
SPREADSHEET_KINDS = {
    ".xlsx": "Excel workbook (.xlsx)",
    ".xlsm": "Excel workbook (.xlsm)",
    ".xls": "Excel 97-2003 workbook (.xls)",
    ".ods": "OpenDocument spreadsheet (.ods)",
}
#: What Excel and LibreOffice show in a cell whose formula failed.
_FORMULA_ERRORS = frozenset(
    {"#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!", "#SPILL!", "#CALC!"}
)
_PLAIN_SHEET = re.compile(r"[A-Za-z_][A-Za-z0-9_.]*")


@dataclass(frozen=True)
class SheetFormat:
    """How to read a spreadsheet's records: the sheet and its header cells."""

    sheet: str
    header: tuple[str, ...]
    kind: str

    @property
    def detection(self) -> str:
        """What the report says instead of a text encoding."""
        return f"{self.kind}, sheet {self.sheet!r} (cells as stored: no text encoding involved)"


class SheetError(Exception):
    """The workbook cannot be read as contacts; ``problem`` says why."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def split_sheet_name(name: str) -> tuple[str, str | None]:
    """The file name without the sheet part, and the sheet named in it (or None):
    ``contacts.xlsx#Ministers`` and ``contacts#Ministers.xlsx`` both name "Ministers"."""
    if "#" not in name:
        return name, None
    before, _, after = name.rpartition("#")
    if _suffix(before) in SPREADSHEET_KINDS and after:
        return before, after
    suffix = _suffix(after)
    if suffix in SPREADSHEET_KINDS and after[: -len(suffix)]:
        return before + suffix, after[: -len(suffix)]
    return name, None


def _suffix(name: str) -> str:
    return Path(name).suffix.lower()


def spreadsheet_kind(path: Path) -> str | None:
    """The spreadsheet format of ``path`` by its name ("Excel workbook (.xlsx)"), or None."""
    return SPREADSHEET_KINDS.get(_suffix(split_sheet_name(path.name)[0]))


def cell_name(sheet: str, row: int, column: int) -> str:
    """A cell as a spreadsheet names it: ``Sheet1!D17`` (``'My list'!D17`` when quoted).

    ``row`` counts from 1, ``column`` from 0."""
    letters = ""
    number = column + 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    shown = sheet if _PLAIN_SHEET.fullmatch(sheet) else "'" + sheet.replace("'", "''") + "'"
    return f"{shown}!{letters}{row}"


def _open(path: Path) -> CalamineWorkbook:
    try:
        return CalamineWorkbook.from_path(str(path))
    except (CalamineError, ValueError) as error:
        kind = spreadsheet_kind(path) or "spreadsheet"
        detail = f"the file cannot be opened as an {kind}: {error}"
        raise SheetError(Problem(ProblemKind.UNREADABLE_ENCODING, detail)) from None


def _grid(path: Path, wanted: str | None) -> tuple[str, list[list[Any]], list[Any]]:
    """The chosen sheet's name, its cells from A1, and its merged ranges."""
    workbook = _open(path)
    try:
        names = list(workbook.sheet_names)
        sheet = split_sheet_name(path.name)[1] or wanted or (names[0] if names else "")
        if sheet not in names:
            where = (
                "the file's name" if split_sheet_name(path.name)[1] else ("CIRCULAR_CONTACT_SHEET")
            )
            detail = (
                f"there is no sheet {sheet!r} (named by {where}); the workbook has "
                + ", ".join(repr(name) for name in names)
            )
            raise SheetError(Problem(ProblemKind.MISSING_SHEET, detail))
        data = workbook.get_sheet_by_name(sheet)
        # From A1 even when the first rows or columns are blank, so row numbers and cell
        # names are the ones the spreadsheet shows.
        cells = data.to_python(skip_empty_area=False)
        merged = list(data.merged_cell_ranges or [])
    except CalamineError as error:
        detail = f"the sheet cannot be read: {error}"
        raise SheetError(Problem(ProblemKind.UNREADABLE_ENCODING, detail)) from None
    finally:
        workbook.close()
    return sheet, cells, merged


def open_sheet(path: Path, wanted: str | None = None) -> tuple[SheetFormat, list[Problem]]:
    """The sheet to read and its header, with the problems of its layout (merged cells)."""
    sheet, cells, merged = _grid(path, wanted)
    if not any(_text(value).strip() for row in cells[:1] for value in row):
        detail = f"sheet {sheet!r} has no header in row 1"
        raise SheetError(Problem(ProblemKind.EMPTY_FILE, detail))
    header = tuple(_text(value) for value in cells[0])
    problems = [_merged_problem(sheet, header, span) for span in merged]
    return SheetFormat(sheet, header, spreadsheet_kind(path) or "spreadsheet"), problems


def _merged_problem(sheet: str, header: tuple[str, ...], span: Any) -> Problem:
    (top, left), (bottom, right) = span
    first = cell_name(sheet, top + 1, left)
    last = cell_name(sheet, bottom + 1, right).rpartition("!")[2]
    where = "the header's cells" if top == 0 else "cells"
    detail = (
        f"{where} are merged: unmerge them and give every column its own header and every "
        "row its own values"
    )
    column = header[left].strip() if top > 0 and left < len(header) else None
    return Problem(
        ProblemKind.MERGED_CELLS, detail, row=top + 1, column=column, cell=f"{first}:{last}"
    )


def read_sheet_records(path: Path, form: SheetFormat) -> Iterator[tuple[int, list[str]]]:
    """The data records of the sheet as (row number, cells as text); blank rows skipped.

    A cell holding a formula error raises nothing here: it becomes a problem of its row in
    ``formula_errors``."""
    _, cells, _ = _grid(path, form.sheet)
    width = len(form.header)
    for index, row in enumerate(cells[1:], start=2):
        values = [_text(value) for value in row[:width]]
        values += [""] * (width - len(values))
        if any(value.strip() for value in values):
            yield index, values


def formula_errors(form: SheetFormat, row: int, cells: list[str]) -> list[Problem]:
    """A problem for each cell of ``row`` showing a formula error."""
    return [
        Problem(
            ProblemKind.FORMULA_ERROR,
            "the cell's formula failed in the spreadsheet; correct it and save again",
            row=row,
            column=form.header[position].strip() or f"column {position + 1}",
            value=value,
            cell=cell_name(form.sheet, row, position),
        )
        for position, value in enumerate(cells)
        if value.strip() in _FORMULA_ERRORS
    ]


def _text(value: Any) -> str:
    """A cell's value as the text a contact field holds."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        # A phone number typed as a number is a float to the workbook: keep its digits.
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)

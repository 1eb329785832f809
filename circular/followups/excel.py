"""Excel output that cannot run anything: every value is written as a typed cell, text as text.

A contact's data may hold ``=HYPERLINK(...)`` or ``@SUM(...)``: written with ``write_string`` it
stays a text cell, so Excel shows it and never evaluates it (no formula injection)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path

import xlsxwriter

Cell = str | int | float | bool | date | datetime | None


def write_table(
    path: Path,
    sheet: str,
    header: Sequence[str],
    rows: Iterable[Sequence[Cell]],
    widths: Sequence[float] = (),
) -> Path:
    """Write ``rows`` under ``header`` to a new workbook at ``path`` (atomically: a temporary
    file renamed into place), with a frozen header row, an autofilter and, where ``widths``
    gives them, column widths in characters. Returns ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(handle)
    try:
        workbook = xlsxwriter.Workbook(
            temporary,
            {
                "strings_to_formulas": False,
                "strings_to_urls": False,
                "remove_timezone": True,
                "constant_memory": True,
            },
        )
        bold = workbook.add_format({"bold": True, "text_wrap": True, "valign": "top"})
        when = workbook.add_format({"num_format": "yyyy-mm-dd hh:mm"})
        day = workbook.add_format({"num_format": "yyyy-mm-dd"})
        worksheet = workbook.add_worksheet(sheet[:31])
        for column, width in enumerate(widths):
            worksheet.set_column(column, column, width)
        worksheet.set_row(0, 30)  # headers in words may take two lines
        for column, title in enumerate(header):
            worksheet.write_string(0, column, title, bold)
        count = 0
        for count, row in enumerate(rows, start=1):
            for column, value in enumerate(row):
                _write_cell(worksheet, count, column, value, when, day)
        worksheet.freeze_panes(1, 0)
        worksheet.autofilter(0, 0, max(count, 1), max(len(header) - 1, 0))
        workbook.close()
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def _write_cell(worksheet, row: int, column: int, value: Cell, when, day) -> None:  # type: ignore[no-untyped-def]
    if value is None:
        return
    if isinstance(value, bool):
        worksheet.write_boolean(row, column, value)
    elif isinstance(value, int | float):
        worksheet.write_number(row, column, value)
    elif isinstance(value, datetime):
        worksheet.write_datetime(row, column, value, when)
    elif isinstance(value, date):
        worksheet.write_datetime(row, column, value, day)
    else:
        worksheet.write_string(row, column, str(value))

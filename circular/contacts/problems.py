"""Problems found in a contact file, and the report that names them for the person who sent it.

A problem names the row as a spreadsheet user counts it (the header is row 1), the column as
it is written in the file (in a workbook, the cell too: ``Sheet1!D17``), and the offending
value, shown safely (control characters escaped, long values cut) so that the report itself
never carries a CR/LF or a formula.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

#: At most this many characters of a value are shown in a report line.
_VALUE_SHOWN = 80


class ProblemKind(enum.StrEnum):
    """The kinds of problem a contact file can have (the report's vocabulary)."""

    UNREADABLE_ENCODING = "unreadable encoding"
    FILE_TOO_LARGE = "file too large"
    VALUE_TOO_LONG = "value too long"
    EMPTY_FILE = "empty file"
    MISSING_COLUMN = "missing column"
    DUPLICATE_COLUMN = "duplicate column"
    MALFORMED_ROW = "malformed row"
    UNKNOWN_COUNTRY = "unknown country"
    INVALID_EMAIL = "invalid e-mail"
    DUPLICATE_COUNTRY = "duplicate country"
    TOO_MANY_CONTACTS = "too many contacts for a country"
    UNSUPPORTED_LANGUAGE = "unsupported language"
    INVALID_CAMPAIGN = "invalid campaign folder"
    MISSING_SHEET = "missing sheet"
    MERGED_CELLS = "merged cells"
    FORMULA_ERROR = "formula error"
    UNKNOWN_CAMPAIGN = "unknown campaign"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a contact file. ``row`` is None for a problem of the whole file."""

    kind: ProblemKind
    detail: str
    row: int | None = None
    column: str | None = None
    value: str | None = None
    #: The cell in a spreadsheet (``Sheet1!D17``, or a range ``Sheet1!A1:B1``).
    cell: str | None = None

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column {show_value(self.column)}")
        if self.cell is not None:
            where.append(f"cell {self.cell}")
        if self.value is not None:
            where.append(f"value {show_value(self.value)}")
        place = ", ".join(where) if where else "file"
        return f"{place}: {self.kind}: {self.detail}"


def show_value(value: str) -> str:
    """``value`` quoted for a report line: control characters escaped, long text cut."""
    escaped = "".join(_escape_char(char) for char in value[: _VALUE_SHOWN + 1])
    if len(value) > _VALUE_SHOWN:
        escaped = escaped[:_VALUE_SHOWN] + "…"
    return f'"{escaped}"'


def _escape_char(char: str) -> str:
    # Everything a terminal or a text editor would act on is written out, so the report
    # shows what the cell holds instead of breaking a line.
    if char == "\n":
        return "\\n"
    if char == "\r":
        return "\\r"
    if char == "\t":
        return "\\t"
    if char == '"':
        return '\\"'
    if not char.isprintable() and char != " ":
        return f"\\u{ord(char):04x}"
    return char


def render_report(
    *,
    file_name: str,
    campaign: str,
    sha256: str,
    problems: list[Problem],
    omitted: int = 0,
    encoding: str = "",
) -> str:
    """The text of a rejection report: what was wrong, row by row, and what to do."""
    count = len(problems) + omitted
    lines = [
        f"Contact file: {file_name}",
        f"Campaign: {campaign}",
        f"SHA-256: {sha256}",
        *([f"Read as: {encoding}"] if encoding else []),
        "Result: REJECTED. Nothing from this file was loaded.",
        "Correct every problem below, then drop the whole file again.",
        "Rows are counted as in a spreadsheet: the header is row 1.",
        "",
        f"{count} problem{'s' if count != 1 else ''}:",
    ]
    lines.extend(str(problem) for problem in problems)
    if omitted:
        lines.append(f"... and {omitted} more problems not listed")
    return "\n".join(lines) + "\n"


def problem_lines(report: str) -> list[str]:
    """The problem lines of a report written by ``render_report`` (for tests and tools)."""
    lines = report.splitlines()
    for index, line in enumerate(lines):
        if line.endswith(" problem:") or line.endswith(" problems:"):
            return lines[index + 1 :]
    return []

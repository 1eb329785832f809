"""How every command prints, whatever the terminal and wherever the output goes.

- A message (error, warning, summary) is never wrapped by the program: a path, an address, a
  country or a command stays on one line, so ``grep`` finds it in a log and a person can copy
  it (rich's ``soft_wrap``; the terminal may fold a long line, the program never cuts one).
- Errors go to stderr, whole, prefixed ``error:``.
- Tables fit the terminal: cells wrap, lines don't. When the output is not a terminal, a table
  is plain columns, one line per row, as wide as its content (no box drawing), and nothing
  depends on ``COLUMNS``.
- No colour, spinner or progress bar when the output is not a terminal, unless ``--color``
  asks (as git and pip behave); ``--no-color`` (or ``NO_COLOR``) turns colour off anywhere.
- ``--json`` output is plain JSON printed by ``print_json``, never through rich.
"""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

import typer
from rich import box
from rich.console import Console
from rich.progress import Progress, ProgressColumn
from rich.table import Table
from rich.text import Text

#: Width of output that is not a terminal: wide enough that no table row is ever folded.
_PIPE_WIDTH = 100_000


class _Choice:
    """The ``--color/--no-color`` choice of the running command (None: decide by the output)."""

    color: bool | None = None


def set_color(choice: bool | None) -> None:
    """Record ``--color`` (True), ``--no-color`` (False) or neither (None) for this command."""
    _Choice.color = choice


def console(*, stderr: bool = False) -> Console:
    """The console every command prints through (stdout, or stderr for progress and errors)."""
    choice = _Choice.color
    made = Console(
        stderr=stderr,
        soft_wrap=True,  # messages are never cut by the program
        highlight=False,  # no guessing colours for numbers and paths
        emoji=False,  # ":flag:" in a ministry's name stays text
        markup=False,  # "[reason]" in a message stays text
        force_terminal=True if choice else None,
        no_color=True if choice is False else None,
    )
    if not made.is_terminal:
        made.width = _PIPE_WIDTH
    return made


def say(message: str | Text, *, style: str = "", stderr: bool = False) -> None:
    """Print one message whole (stdout, or stderr)."""
    console(stderr=stderr).print(message, style=style or None)


def warn(message: str) -> None:
    """Print a warning whole on stderr."""
    out = console(stderr=True)
    out.print(Text.assemble(("warning: ", "yellow"), message))


def error(message: str) -> None:
    """Print an error whole on stderr."""
    out = console(stderr=True)
    out.print(Text.assemble(("error: ", "bold red"), message))


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print ``message`` as an error and return the exit to raise (``raise fail(...)``)."""
    error(message)
    return typer.Exit(code)


def print_json(data: Any) -> None:
    """Print ``data`` as JSON for scripts (datetimes as ISO 8601, non-ASCII kept)."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=_jsonable) + "\n")
    sys.stdout.flush()


def _jsonable(value: object) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value)


def table(out: Console, *columns: str) -> Table:
    """An empty table for ``out``: boxed and fitted to a terminal (cells wrap), plain columns
    one line per row elsewhere."""
    if out.is_terminal:
        made = Table(box=box.SIMPLE_HEAD, show_edge=False)
    else:
        made = Table(box=None, show_edge=False, pad_edge=False, header_style="")
    for name in columns:
        made.add_column(name, overflow="fold")
    return made


def progress(out: Console, *columns: str | ProgressColumn) -> Progress:
    """A progress bar shown only on a terminal (or with ``--color``): a no-op elsewhere."""
    return Progress(*columns, console=out, disable=not out.is_terminal)


def zone_of(name: str | None) -> tzinfo:
    """The time zone called ``name`` (UTC when there is none)."""
    return ZoneInfo(name) if name else UTC


def local_time(moment: datetime | None, zone: tzinfo) -> str:
    """``moment`` in ``zone`` as ``2021-02-03 10:00`` (empty for None); a table names the zone
    in its header, a sentence with ``when``."""
    if moment is None:
        return ""
    if moment.tzinfo is None:  # the ledger stores UTC
        moment = moment.replace(tzinfo=UTC)
    return f"{moment.astimezone(zone):%Y-%m-%d %H:%M}"


def when(moment: datetime | None, zone: tzinfo) -> str:
    """``moment`` in ``zone`` with the zone's name: ``2021-02-03 10:00 Europe/Zurich``."""
    return f"{local_time(moment, zone)} {zone_name(zone)}" if moment else ""


def zone_name(zone: tzinfo) -> str:
    """The IANA name of ``zone`` (``Europe/Zurich``), or ``UTC``."""
    return getattr(zone, "key", None) or str(zone)


def country(key: str) -> str:
    """A contact key (``ESP``, or ``ESP:someone@example.org``) with the country's English short
    name: ``ESP (Spain)``."""
    from circular.countries import labelled

    return labelled(key)

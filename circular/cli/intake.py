"""``circular intake``: take in the contact files of the drop folder and show what became of
each one. Exit code 1 when any file was rejected, so scripts and schedulers notice."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.text import Text

from circular.cli import app
from circular.cli.common import JsonOption
from circular.cli.output import console as make_console
from circular.cli.output import fail, print_json, table
from circular.contacts import IntakeResult, Outcome, intake_folder, summarise_contacts
from circular.countries import member_states
from circular.ledger import Ledger, contacts_of, open_ledger
from circular.settings import SettingsError, load_settings

#: Problems printed per rejected file; the rest are in its report.
_SHOWN_PROBLEMS = 20
_STATUS_STYLE = {"loaded": "green", "rejected": "bold red", "duplicate": "yellow"}
_LANGUAGE_NAMES = {
    "ar": "Arabic",
    "en": "English",
    "es": "Spanish",
    "fr": "French",
    "ru": "Russian",
    "zh": "Chinese",
}


@app.command("intake")
def intake(
    folder: Annotated[
        Path | None,
        typer.Option("--folder", help="Drop folder to read (default: CIRCULAR_DROP_FOLDER)."),
    ] = None,
    contacts_per_country: Annotated[
        int,
        typer.Option("--contacts-per-country", min=1, help="Contacts allowed per country."),
    ] = 1,
    as_json: JsonOption = False,
) -> None:
    """Check and load every contact CSV in the drop folder; move each to processed/ or, with a
    report naming every problem, to rejected/."""
    try:
        settings = load_settings(**({"drop_folder": folder} if folder else {}))
    except SettingsError as error:
        raise fail(str(error)) from None
    console = make_console()
    if not settings.drop_folder.is_dir():
        raise fail(f"the drop folder {settings.drop_folder} does not exist")
    ledger = open_ledger(settings.resolved_database_url)
    try:
        results = intake_folder(settings, ledger, contacts_per_country=contacts_per_country)
        if as_json:
            print_json([_as_json(result) for result in results])
        elif not results:
            console.print(f"No contact files waiting in {settings.drop_folder}.")
        else:
            print_results(console, results)
            for campaign in sorted({r.campaign for r in results if r.status == "loaded"}):
                print_language_summary(console, ledger, campaign)
    finally:
        ledger.dispose()
    if any(result.status == "rejected" for result in results):
        raise typer.Exit(1)


def print_results(console: Console, results: list[IntakeResult]) -> None:
    """A table of what became of each file, then the problems of every rejected file."""
    console.print(Text("Contact intake", style="bold"))
    shown = table(console, "File", "Campaign", "Status", "Rows", "Details")
    shown.columns[3].justify = "right"
    for result in results:
        shown.add_row(
            Text(result.file),
            Text(result.campaign),
            Text(result.status, style=_STATUS_STYLE.get(result.status, "")),
            str(result.rows),
            Text(_details(result)),
        )
    console.print(shown)
    for result in results:
        if result.status != "rejected":
            continue
        console.print(Text(f"\n{result.file} was rejected; nothing from it was loaded:", "red"))
        for problem in result.problems[:_SHOWN_PROBLEMS]:
            console.print(Text(f"  {problem}"))
        if len(result.problems) > _SHOWN_PROBLEMS:
            console.print(f"  ... {len(result.problems) - _SHOWN_PROBLEMS} more in the report")
        if result.stored_path:
            console.print(Text(f"  file kept unchanged: {result.stored_path}"))
            console.print(Text(f"  report: {result.stored_path}.report.txt"))


def _shown(path: Path | None) -> str:
    # processed/<campaign>/<file>: enough to find it, short enough for a table cell.
    return str(Path(*path.parts[-3:])) if path else ""


def _details(result: IntakeResult) -> str:
    if result.outcome == Outcome.RESUMED:
        stored = _shown(result.stored_path)
        return f"already in the ledger; move finished after an interruption → {stored}"
    if result.outcome == Outcome.NOT_OPENED:
        return "could not be opened; left in the drop folder for the next run"
    if result.outcome == Outcome.CHANGED_WHILE_READING:
        return "the file changed while it was read; left in the drop folder for the next run"
    if result.status == "loaded":
        return (
            f"{result.inserted} new, {result.updated} updated ({result.changes} fields changed)"
            f" → {_shown(result.stored_path)}"
        )
    if result.status == "duplicate":
        return f"same bytes already loaded; not loaded again → {_shown(result.stored_path)}"
    count = len(result.problems)
    return f"{count} problem{'s' if count != 1 else ''}; see the report"


def print_language_summary(console: Console, ledger: Ledger, campaign: str) -> None:
    """Contacts of ``campaign`` per language, and the Member States that have none."""
    counts = summarise_contacts(ledger, campaign)
    console.print(Text(f"\nContacts of campaign {campaign} by language", style="bold"))
    shown = table(console, "Language", "Contacts")
    shown.columns[1].justify = "right"
    for language, count in counts.items():
        shown.add_row(f"{language} {_LANGUAGE_NAMES[language]}", str(count))
    shown.add_row("total", str(sum(counts.values())), style="bold")
    console.print(shown)
    with ledger.session() as session:
        covered = {contact.iso3 for contact in contacts_of(session, campaign)}
    missing = sorted(state.iso3 for state in member_states() if state.iso3 not in covered)
    line = f"{len(covered)} countries have a contact"
    if missing:
        shown = ", ".join(missing) if len(missing) <= 10 else f"{len(missing)} of them"
        line += f"; Member States today without one: {shown}"
    console.print(line)


def _as_json(result: IntakeResult) -> dict[str, object]:
    return {
        "file": result.file,
        "campaign": result.campaign,
        "status": str(result.status),
        "outcome": str(result.outcome),
        "rows": result.rows,
        "inserted": result.inserted,
        "updated": result.updated,
        "changes": result.changes,
        "problems": [str(problem) for problem in result.problems],
        "stored_path": str(result.stored_path) if result.stored_path else None,
        "report": f"{result.stored_path}.report.txt"
        if result.status == "rejected" and result.stored_path
        else None,
    }

"""``circular demo``: the main job on embedded defaults, for a laptop.

For now: the sample contacts are dropped into a demo drop folder under the data folder, taken
in to the SQLite ledger, and summarised per language. Each step is a small function taking a
``DemoContext`` so that later capabilities (letters, sending, replies) append their own step
to ``STEPS``.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass

import typer
from rich.console import Console

from circular.cli import app
from circular.cli.intake import print_language_summary, print_results
from circular.contacts import intake_folder
from circular.ledger import Ledger, open_ledger
from circular.settings import PROJECT_ROOT, Settings, SettingsError, load_settings

SAMPLE_CONTACTS = PROJECT_ROOT / "contacts" / "samples" / "member-states.csv"


@dataclass
class DemoContext:
    """What the demo's steps share: settings pointing at the demo folders, the ledger, the
    console."""

    settings: Settings
    ledger: Ledger
    console: Console


def demo_settings(settings: Settings) -> Settings:
    """``settings`` with the drop, processed and rejected folders under ``data/demo/``, so the
    demo never touches the real drop folder."""
    root = settings.data_dir / "demo"
    return settings.model_copy(
        update={
            "drop_folder": root / "inbox",
            "processed_folder": root / "processed",
            "rejected_folder": root / "rejected",
        }
    )


def step_intake(context: DemoContext) -> None:
    """Drop the sample contacts for the default campaign, take them in, show the summary."""
    settings = context.settings
    settings.drop_folder.mkdir(parents=True, exist_ok=True)
    dropped = settings.drop_folder / SAMPLE_CONTACTS.name
    shutil.copyfile(SAMPLE_CONTACTS, dropped)
    context.console.print(f"Dropped {SAMPLE_CONTACTS.name} into {settings.drop_folder}")
    results = intake_folder(settings, context.ledger)
    print_results(context.console, results)
    if any(result.status == "rejected" for result in results):
        raise typer.Exit(1)
    print_language_summary(context.console, context.ledger, settings.default_campaign)


#: The demo's steps, in order. Later capabilities append theirs.
STEPS: list[Callable[[DemoContext], None]] = [step_intake]


def run_demo(settings: Settings, console: Console) -> None:
    """Run every demo step against ``settings``' ledger and the demo folders."""
    ledger = open_ledger(settings.resolved_database_url)
    try:
        context = DemoContext(demo_settings(settings), ledger, console)
        console.print(f"Ledger: {settings.resolved_database_url}")
        for step in STEPS:
            step(context)
    finally:
        ledger.dispose()


@app.command("demo")
def demo() -> None:
    """Run the main job on embedded defaults: sample contacts into the SQLite ledger, with a
    per-language summary."""
    try:
        settings = load_settings()
    except SettingsError as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(2) from None
    run_demo(settings, Console())

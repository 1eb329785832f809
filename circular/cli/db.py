"""``circular db``: the ledger's schema. ``circular db upgrade`` brings a ledger to this
circular's schema revision (Alembic migrations, rows kept); ``make deploy`` runs it."""

from __future__ import annotations

from typing import Annotated

import typer

from circular.cli import app
from circular.ledger import known_revisions, upgrade_ledger
from circular.settings import SettingsError, load_settings

db_app = typer.Typer(help="The ledger's schema: show its revision, upgrade it.")
app.add_typer(db_app, name="db")


def _url(url: str | None) -> str:
    if url:
        return url
    try:
        return load_settings().resolved_database_url
    except SettingsError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from None


@db_app.command("upgrade")
def upgrade(
    url: Annotated[
        str | None,
        typer.Option("--url", help="The ledger's SQLAlchemy URL (default: the settings')."),
    ] = None,
) -> None:
    """Upgrade the ledger to this circular's schema revision, keeping every row. A ledger made
    before revisions existed (commit 542ad48) is taken as the baseline first."""
    before, after = upgrade_ledger(_url(url))
    if before == after:
        typer.echo(f"ledger already at revision {after}")
    else:
        typer.echo(f"ledger upgraded from revision {before or 'none (baseline)'} to {after}")


@db_app.command("head")
def head() -> None:
    """Print the schema revision this circular needs."""
    typer.echo(known_revisions()[0])

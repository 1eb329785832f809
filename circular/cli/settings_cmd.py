"""``circular settings``: show the effective configuration (secrets masked)."""

from __future__ import annotations

import typer

from circular.cli import app
from circular.cli.output import fail
from circular.settings import SettingsError, load_settings


@app.command("settings")
def show_settings() -> None:
    """Print every setting and its value; passwords are shown as ******."""
    try:
        settings = load_settings()
    except SettingsError as error:
        raise fail(str(error)) from None
    for name, value in settings.model_dump().items():
        shown = "******" if "password" in name and str(value) else value
        typer.echo(f"CIRCULAR_{name.upper()}={shown}")

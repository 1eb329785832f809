"""``circular settings``: show the effective configuration (secrets masked)."""

from __future__ import annotations

import typer
from pydantic import SecretStr

from circular.cli import app
from circular.cli.output import fail
from circular.settings import SettingsError, load_settings


@app.command("settings")
def show_settings() -> None:
    """Print every setting and its value; passwords and secrets are shown as ******."""
    try:
        settings = load_settings()
    except SettingsError as error:
        raise fail(str(error)) from None
    for name, value in settings.model_dump().items():
        # Every secret (passwords, the OAuth2 client secret) is a SecretStr.
        secret = isinstance(getattr(settings, name), SecretStr)
        shown = "******" if secret and str(value) else value
        typer.echo(f"CIRCULAR_{name.upper()}={shown}")

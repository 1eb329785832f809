"""``circular check-mail``: check the mail settings, one line per check (docs/providers.md)."""

from __future__ import annotations

import typer

from circular.cli import app
from circular.settings import SettingsError, load_settings


@app.command("check-mail")
def check_mail(
    send_test: str = typer.Option(
        "", "--send-test", metavar="ADDRESS", help="Also send one test message and find it."
    ),
    sender: str = typer.Option(
        "", "--from", metavar="ADDRESS", help="From of the test message; default: the SMTP user."
    ),
    wait: float = typer.Option(30.0, help="Seconds to look for the test message."),
) -> None:
    """Check the mail settings: hosts, TLS certificates, login, capabilities, the reply and
    Sent folders. Exit status 1 when a check fails."""
    from circular.sending.checks import run_checks

    try:
        settings = load_settings()
    except SettingsError as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(2) from None
    checks = run_checks(settings, send_test=send_test, sender=sender, wait=wait)
    typer.echo(checks.text())
    if not checks.ok:
        raise typer.Exit(1)

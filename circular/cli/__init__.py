"""The ``circular`` command line. Each command group lives in its own module here and is
registered on ``app`` below; the commands only parse arguments and call the domain."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="circular",
    help="Official letter campaigns: contacts, letters, sending, replies, reminders.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.command()
def version() -> None:
    """Print circular's version."""
    from circular import __version__

    typer.echo(__version__)


def _register() -> None:
    # Command modules register themselves on import (``@app.command()``).
    from circular.cli import (  # noqa: F401
        classify,
        db,
        followup,
        intake,
        letters,
        poll,
        sandbox,
        send,
        settings_cmd,
    )


def main() -> None:
    """Entry point of the ``circular`` console script."""
    import sys

    from circular.ledger import LedgerLockedError, LedgerRevisionError

    _register()
    try:
        app()
    except (LedgerLockedError, LedgerRevisionError) as error:
        # Any command may meet a ledger another process holds: a message, not a traceback.
        print(f"error: {error}", file=sys.stderr)
        raise SystemExit(2) from None

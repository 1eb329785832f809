"""The ``circular`` command line. Each command group lives in its own module here and is
registered on ``app`` below; the commands only parse arguments and call the domain."""

from __future__ import annotations

import sys

from circular.sending.stops import remember_interrupts

# First, before the slow imports: a Ctrl-C that one of them swallows is still obeyed (stops).
remember_interrupts()

import typer  # noqa: E402
import typer.core  # noqa: E402

app = typer.Typer(
    name="circular",
    help="Official letter campaigns: contacts, letters, sending, replies, reminders.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _options(
    color: bool | None = typer.Option(
        None,
        "--color/--no-color",
        help="Colours, progress bars and boxed tables even when the output is not a terminal "
        "(or never). Default: only on a terminal.",
    ),
) -> None:
    from circular.cli.output import set_color

    set_color(color)


@app.command()
def version() -> None:
    """Print circular's version."""
    from circular import __version__

    typer.echo(__version__)


def _register() -> None:
    # Command modules register themselves on import (``@app.command()``).
    from circular.cli import (  # noqa: F401
        check_mail,
        classify,
        commands,
        db,
        followup,
        intake,
        letters,
        poll,
        sandbox,
        send,
        settings_cmd,
        web,
    )


def main() -> None:
    """Entry point of the ``circular`` console script."""
    from circular.cli.output import error
    from circular.ledger import LedgerLockedError, LedgerRevisionError

    _register()
    if "--color" not in sys.argv[1:] and not sys.stdout.isatty():
        # Help and usage errors in plain text when piped, as git and pip print them: Typer
        # draws them in rich boxes otherwise. (What the TYPER_USE_RICH variable sets, which
        # Typer reads when imported, before this function runs.)
        typer.core.HAS_RICH = False
    try:
        app()
    except (LedgerLockedError, LedgerRevisionError) as failure:
        # Any command may meet a ledger another process holds: a message, not a traceback.
        error(str(failure))
        raise SystemExit(2) from None

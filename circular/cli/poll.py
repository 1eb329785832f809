"""``circular poll``: read the reply mailbox once."""

from __future__ import annotations

import logging

import typer

from circular.cli import app
from circular.cli.output import fail, print_json, say
from circular.settings import SettingsError, load_settings


@app.command("poll")
def poll(
    as_json: bool = typer.Option(False, "--json", help="Print the result as one JSON object."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Log each message processed."),
    classifier: str = typer.Option(
        "", "--classifier", hidden=True, help="module:function of another classifier."
    ),
) -> None:
    """Poll the reply mailbox once: classify, match, record and file every new message."""
    from circular.ledger import open_ledger
    from circular.replies.inbox import ImapError, load_classifier, poll_once

    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(message)s")
    try:
        settings = load_settings()
        classify = load_classifier(classifier or None)
    except (SettingsError, ValueError) as error:
        raise fail(str(error)) from None
    ledger = open_ledger(settings.resolved_database_url)
    try:
        result = poll_once(ledger, settings, classify)
    except ImapError as error:
        raise fail(f"poll failed: {error}", 1) from None
    finally:
        ledger.dispose()
    if as_json:
        print_json(result.as_dict())
    else:
        say(result.summary())

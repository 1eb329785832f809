"""``circular demo`` (``make demo``): the whole pipeline on one machine, on embedded servers.

A Prefect server, the sandbox mail servers, the deployments and a worker are started; the
sample contacts are dropped for a copy of CL-21/4 dated today, and the pipeline runs by itself
(see ``flows.demo``). The orchestration lives in ``flows/``: this module only parses options,
so the domain package never imports Prefect.
"""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer
from rich.console import Console

from circular.cli import app
from circular.settings import PROJECT_ROOT, SettingsError, load_settings

SAMPLE_CONTACTS = PROJECT_ROOT / "contacts" / "samples" / "member-states.csv"


def _once_by_default() -> bool:
    # DEMO_ONCE=1, or no terminal to press Ctrl-C in (CI, a pipe): stop after the summary.
    return os.environ.get("DEMO_ONCE", "") not in ("", "0") or not sys.stdin.isatty()


@app.command("demo")
def demo(
    once: Annotated[
        bool | None,
        typer.Option(
            "--once/--keep-running",
            help="Stop after the summary, or keep everything running for the Prefect UI until "
            "Ctrl-C. Default: --once when DEMO_ONCE=1 or stdin is not a terminal.",
        ),
    ] = None,
    speed: Annotated[
        float, typer.Option(min=0.1, help="Respondents answer this many times sooner.")
    ] = 1.0,
) -> None:
    """Run a whole campaign on a laptop: Prefect server, sandbox mail servers, deployments and a
    worker; sample contacts for CL-21/4 dated today; letters, replies, reminders."""
    try:
        settings = load_settings()
    except SettingsError as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(2) from None
    # Imported here: flows.demo pulls in the orchestration layer, which the CLI's other
    # commands do not need.
    from flows.demo import run_demo

    keep_running = not (_once_by_default() if once is None else once)
    status = run_demo(settings.data_dir / "demo", Console(), keep_running=keep_running, speed=speed)
    raise typer.Exit(status)

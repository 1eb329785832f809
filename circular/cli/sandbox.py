"""``circular sandbox``: run the sandbox mail servers and simulated respondents until Ctrl-C."""

from __future__ import annotations

import logging
import shlex
import signal
import threading
from pathlib import Path
from typing import Annotated

import typer

from circular.cli import app
from circular.cli.output import fail


def export_lines(environment: dict[str, str]) -> str:
    """``environment`` as lines a POSIX shell runs as they are (and python-dotenv reads):
    ``export NAME='value'``, each value quoted where it needs it."""
    return "".join(f"export {name}={shlex.quote(value)}\n" for name, value in environment.items())


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


@app.command("sandbox")
def run_sandbox(
    scenario: Annotated[
        Path | None,
        typer.Option(help="Scenario YAML (default: circular/data/scenario.default.yaml)."),
    ] = None,
    seed: Annotated[int | None, typer.Option(help="Override the scenario's seed.")] = None,
    speed: Annotated[
        float | None,
        typer.Option(min=0.001, help="Answer this many times sooner than the scenario says."),
    ] = None,
    smtp_port: Annotated[
        int | None, typer.Option(min=1, max=65535, help="SMTP port (default: a free one).")
    ] = None,
    imap_port: Annotated[
        int | None, typer.Option(min=1, max=65535, help="IMAP port (default: a free one).")
    ] = None,
    imap_user: Annotated[str, typer.Option(help="The reply inbox's login.")] = (
        "replies@sandbox.test"
    ),
    imap_password: Annotated[
        str | None, typer.Option(help="Default: a new random password at each start.")
    ] = None,
    env_file: Annotated[
        Path | None,
        typer.Option(
            help="Also write the settings as `export` lines to this file while the servers "
            "listen (for scripts: wait for the file, then source it); removed on exit."
        ),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Log only problems.")] = False,
) -> None:
    """Run an SMTP server and an IMAP reply inbox on 127.0.0.1 whose simulated respondents
    answer every letter per the scenario: a safe place to try a campaign."""
    from circular.sandbox import Sandbox, SandboxError, ScenarioError

    # `kill` (as `make demo` stops it) shuts down as cleanly as Ctrl-C.
    signal.signal(signal.SIGTERM, _interrupt)
    logging.basicConfig(level=logging.WARNING if quiet else logging.INFO, format="%(message)s")
    # aiosmtpd logs every SMTP command at INFO: the sandbox's own one line per letter is enough.
    logging.getLogger("mail.log").setLevel(logging.WARNING)
    try:
        sandbox = Sandbox(
            scenario,
            seed=seed,
            speed=speed,
            smtp_port=smtp_port,
            imap_port=imap_port,
            imap_user=imap_user,
            imap_password=imap_password,
        )
    except ScenarioError as error:
        raise fail(str(error)) from None
    try:
        with sandbox:
            environment = export_lines(sandbox.environment())
            # Everything on stdout is shell: the settings as `export` lines, the rest as
            # comments, so `circular sandbox > sandbox.env` gives a file to `source` as is.
            typer.echo(
                f"# SMTP  {sandbox.host}:{sandbox.smtp_port}  (no TLS, any login accepted)\n"
                f"# IMAP  {sandbox.host}:{sandbox.imap_port}  (no TLS) user {sandbox.imap_user}\n"
                f"# scenario {scenario or 'default'}, seed {sandbox.scenario.seed}, "
                f"speed {sandbox.scenario.speed:g}\n"
                "# Point circular at it: paste these lines into your shell (or source them)\n"
                f"{environment}"
                "# Press Ctrl-C to stop."
            )
            # The file is written inside the `try`: a script that sees it may press Ctrl-C at
            # once, before this process has gone on to wait.
            try:
                if env_file is not None:
                    # Written whole, then renamed: a script waiting for it never reads half.
                    partial = env_file.with_name(env_file.name + ".partial")
                    partial.write_text(
                        "# circular sandbox: source this file (removed when the sandbox stops)\n"
                        + environment,
                        encoding="utf-8",
                    )
                    partial.replace(env_file)
                threading.Event().wait()
            except KeyboardInterrupt:
                typer.echo(
                    f"# stopping: {len(sandbox.received())} letters received, "
                    f"{len(sandbox.replies())} replies filed"
                )
            finally:
                # A stale file would point a script at servers that are gone.
                if env_file is not None:
                    env_file.unlink(missing_ok=True)
    except (SandboxError, OSError) as error:
        raise fail(f"the sandbox could not start: {error}", 1) from None

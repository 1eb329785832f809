"""``make demo`` (``demo.run.Demo``) with known passwords, for tests/reliability/test_secrets.py.

Run in its own process (the demo points Prefect at its own server through the environment,
which a pytest process that already imported Prefect cannot do)::

    python -m tests.support.demo_secrets_driver ROOT CONTACTS.csv SMTP_USER SMTP_PASSWORD
    IMAP_PASSWORD

The demo is the real one, with three changes: the sandbox's IMAP inbox has IMAP_PASSWORD
instead of a random one, circular logs in to the sandbox's SMTP server (which takes any login)
as SMTP_USER with SMTP_PASSWORD, and Prefect logs at DEBUG with circular's loggers sent to the
API. CONTACTS.csv replaces the 193 sample contacts, to keep the run short. While the demo's
Prefect server is still up, everything it holds about the runs (flow runs, state histories,
task runs, logs, artifacts) is written to ROOT/prefect-api.json, and every message the sandbox
received to ROOT/received/; then everything is stopped.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from rich.console import Console

import circular.sandbox.smtp as sandbox_smtp
import demo.run as demo_module
from circular.sandbox import Sandbox
from demo.run import Demo, DemoError, print_summary


class KnownPasswordsDemo(Demo):
    """The demo, logging in with known passwords."""

    def __init__(self, root: Path, smtp_user: str, smtp_password: str, imap_password: str):
        super().__init__(root, Console(width=1000), speed=20.0)
        self.sandbox = Sandbox(speed=20.0, imap_password=imap_password)
        self.smtp_login = {
            "CIRCULAR_SMTP_USERNAME": smtp_user,
            "CIRCULAR_SMTP_PASSWORD": smtp_password,
        }

    def prefect_environment(self) -> dict[str, str]:
        """The demo's Prefect settings, logging at DEBUG, circular's loggers to the API."""
        return {
            **super().prefect_environment(),
            "PREFECT_LOGGING_LEVEL": "DEBUG",
            "PREFECT_LOGGING_EXTRA_LOGGERS": "circular,flows",
        }

    def environment(self) -> dict[str, str]:
        """The demo's environment, with the SMTP login."""
        return {**super().environment(), **self.smtp_login}


#: SMTP logins the sandbox saw, and whether each carried the expected password.
LOGINS: list[bool] = []


def counting_login(expected: bytes) -> Any:
    """The sandbox's SMTP authenticator (any login accepted), also recording whether each
    login carried ``expected``: proof that the known password really travelled."""

    def authenticate(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> Any:
        LOGINS.append(getattr(data, "password", None) == expected)
        return sandbox_smtp.AuthResult(success=True)

    return authenticate


def dump_prefect(path: Path) -> int:
    """Everything the demo's Prefect server holds about its runs, as JSON; returns the number
    of flow runs."""
    from prefect import get_client
    from prefect.client.schemas.filters import (
        ArtifactFilter,
        ArtifactFilterFlowRunId,
        FlowRunFilter,
        FlowRunFilterId,
        LogFilter,
        LogFilterFlowRunId,
    )

    def every(read: Any, **filters: Any) -> list[Any]:
        found: list[Any] = []
        while True:
            page = read(**filters, limit=200, offset=len(found))
            found += page
            if len(page) < 200:
                return found

    dump: dict[str, list[str]] = {"flow runs": [], "states": [], "task runs": [], "logs": []}
    with get_client(sync_client=True) as client:
        runs = every(client.read_flow_runs)
        ids = [run.id for run in runs]
        for run in runs:
            dump["flow runs"].append(run.model_dump_json())
            dump["states"] += [s.model_dump_json() for s in client.read_flow_run_states(run.id)]
        by_run = FlowRunFilter(id=FlowRunFilterId(any_=ids))
        task_runs = every(client.read_task_runs, flow_run_filter=by_run)
        dump["task runs"] = [task_run.model_dump_json() for task_run in task_runs]
        logs = LogFilter(flow_run_id=LogFilterFlowRunId(any_=ids))
        dump["logs"] = [log.model_dump_json() for log in every(client.read_logs, log_filter=logs)]
        artifacts = ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=ids))
        dump["artifacts"] = [
            a.model_dump_json() for a in client.read_artifacts(artifact_filter=artifacts)
        ]
    path.write_text(json.dumps(dump, indent=1), encoding="utf-8")
    return len(runs)


def main() -> int:
    """Run the demo once, dump what it left in Prefect, stop it; exit status 0 on success."""
    root, contacts, smtp_user, smtp_password, imap_password = sys.argv[1:6]
    demo_module.SAMPLE_CONTACTS = Path(contacts)
    sandbox_smtp._accept_any_login = counting_login(smtp_password.encode())
    demo = KnownPasswordsDemo(Path(root), smtp_user, smtp_password, imap_password)
    try:
        result = demo.run()
        print_summary(demo.console, result)
        runs = dump_prefect(Path(root) / "prefect-api.json")
        received = Path(root) / "received"
        received.mkdir()
        for number, message in enumerate(demo.sandbox.received()):
            (received / f"{number:04d}.eml").write_bytes(message.data)
        summary = {"flow_runs": runs, "letters_sent": result.letters_sent}
        summary["replies"] = sum(result.replies.values())
        summary["received"] = len(demo.sandbox.received())
        summary["smtp_logins"], summary["smtp_logins_ok"] = len(LOGINS), sum(LOGINS)
        print("DEMO-RESULT " + json.dumps(summary), flush=True)
        return 0
    except DemoError as error:
        print(f"demo failed: {error}", file=sys.stderr)
        return 1
    finally:
        demo.stop()


if __name__ == "__main__":
    sys.exit(main())

"""``make demo``: the whole pipeline on one machine, against the sandbox mail servers.

What it starts (and stops again): a Prefect server (SQLite, its own PREFECT_HOME under
``data/demo/``, a free port), the sandbox (SMTP catcher, IMAP inbox, simulated respondents, in
this process), the confirmation page (``circular web``, a process of its own on a free port,
``CIRCULAR_PUBLIC_URL`` pointing at it, so the letters' personal links lead there), the
deployments of ``prefect.yaml`` and one process worker. Then it drops the
sample contacts into the demo's drop folder for a copy of CL-21/4 dated today, and lets the
pipeline run by itself:

    intake (scheduled, every minute) ──circular.contacts.loaded──▶ campaign (render + send,
    schedule the reminder waves) ──▶ respondents reply by e-mail, or answer on the page
    (the scenario's web_accept / web_decline) ──▶ poll (triggered here, and every 5 minutes)
    ──▶ classification in the ledger

The terminal shows the progress; at the end a summary (letters sent, replies by kind and by
channel, reminder waves scheduled) and the Prefect UI's address. Everything lives under
``data/demo/`` and is wiped at the next start. Prefect is imported only once the environment
points at the demo's server (its settings are read at import).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date
from pathlib import Path
from typing import Annotated, Any

import typer
import yaml
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn
from rich.table import Table
from sqlalchemy import func, select

from circular.campaign import CAMPAIGN_FILE, Campaign, load_campaign
from circular.followups.reminders import wave_notes
from circular.followups.report import campaign_report, channel_of
from circular.ledger import (
    Contact,
    Ledger,
    Message,
    MessageKind,
    MessageStatus,
    Reply,
    open_ledger,
    utcnow,
)
from circular.sandbox import Sandbox
from circular.sending.calendars import closing_day_warnings
from circular.settings import PROJECT_ROOT, SettingsError, load_settings

SAMPLE_CONTACTS = PROJECT_ROOT / "contacts" / "samples" / "member-states.csv"
CAMPAIGN_SOURCE = PROJECT_ROOT / "letters" / "cl-21-4"
POOL = "circular"
#: The whole demo must finish well inside five minutes; past this it gives up and says where.
TIMEOUT_SECONDS = 270.0


class DemoError(RuntimeError):
    """The demo could not go on; the message says which step and where its log is."""


@dataclass(frozen=True)
class DemoPaths:
    """Every file the demo writes, under one folder (``data/demo``)."""

    root: Path

    @property
    def prefect_home(self) -> Path:
        """The demo Prefect server's home (its SQLite database)."""
        return self.root / "prefect"

    @property
    def letters(self) -> Path:
        """The demo's campaign folders (the copy of CL-21/4 dated today)."""
        return self.root / "letters"

    @property
    def logs(self) -> Path:
        """The logs of the processes the demo starts."""
        return self.root / "logs"

    @property
    def state(self) -> Path:
        """Where the demo writes its addresses and run ids (for tools/screenshots.py)."""
        return self.root / "demo.json"

    def environment(self) -> dict[str, str]:
        """The CIRCULAR_* folder settings of the demo: nothing outside ``root`` is touched."""
        return {
            "CIRCULAR_DATA_DIR": str(self.root),
            "CIRCULAR_DATABASE_URL": f"sqlite:///{self.root / 'circular.sqlite3'}",
            "CIRCULAR_LETTERS_DIR": str(self.letters),
            "CIRCULAR_OUT_DIR": str(self.root / "out"),
            "CIRCULAR_REPORTS_DIR": str(self.root / "reports"),
            "CIRCULAR_DROP_FOLDER": str(self.root / "inbox"),
            "CIRCULAR_PROCESSED_FOLDER": str(self.root / "processed"),
            "CIRCULAR_REJECTED_FOLDER": str(self.root / "rejected"),
        }


def write_shifted_campaign(source: Path, letters_dir: Path, today: date) -> Path:
    """A copy of the campaign in ``source`` with its dates moved so that the letter is dated
    ``today`` (its deadline and reminder waves then lie ahead), templates included; returns
    the new campaign folder under ``letters_dir``."""
    campaign = load_campaign(source).shifted_to(today)
    target = letters_dir / campaign.id
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(CAMPAIGN_FILE))
    data = campaign.model_dump(mode="json", exclude={"folder"})
    header = f"# {campaign.reference}, dated {today.isoformat()} for the demo (from {source}).\n"
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    (target / CAMPAIGN_FILE).write_text(header + text, encoding="utf-8")
    load_campaign(target)  # the copy must be a valid campaign
    return target


def deployable(prefect_yaml: Path = PROJECT_ROOT / "prefect.yaml") -> list[str]:
    """The deployments of ``prefect_yaml`` whose flow file exists in this checkout (a branch
    without the follow-up flows still deploys the rest)."""
    spec = yaml.safe_load(prefect_yaml.read_text(encoding="utf-8"))
    return [
        item["name"]
        for item in spec["deployments"]
        if (prefect_yaml.parent / item["entrypoint"].partition(":")[0]).is_file()
    ]


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Processes:
    """The processes the demo started, each in its own process group (a Prefect server or
    worker starts children of its own); stopped newest first."""

    logs: Path
    started: list[tuple[str, subprocess.Popen[bytes]]] = field(default_factory=list)

    def start(self, name: str, args: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
        """Start ``args`` with its output in ``logs/<name>.log``."""
        self.logs.mkdir(parents=True, exist_ok=True)
        with (self.logs / f"{name}.log").open("wb") as log:
            process = subprocess.Popen(
                args,
                env=env,
                cwd=PROJECT_ROOT,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.started.append((name, process))
        return process

    def check(self) -> None:
        """Raise DemoError when a started process has died."""
        for name, process in self.started:
            if process.poll() is not None:
                raise DemoError(
                    f"{name} stopped (exit {process.returncode}); see {self.logs / name}.log"
                )

    def stop(self) -> None:
        """Stop every process started, newest first: SIGTERM to its group, SIGKILL after 10 s.
        One after the other, so that the worker still finds its server while it stops."""
        while self.started:
            _name, process = self.started.pop()
            if process.poll() is None:
                _signal_group(process, signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                _signal_group(process, signal.SIGKILL)
                process.wait()


def _signal_group(process: subprocess.Popen[bytes], signum: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signum)


def _prefect(*args: str) -> list[str]:
    return [sys.executable, "-m", "prefect", *args]


def _run(args: list[str], env: dict[str, str], log: Path, what: str) -> None:
    """Run a command to completion; DemoError with its log's tail if it fails."""
    with log.open("ab") as out:
        done = subprocess.run(
            args, env=env, cwd=PROJECT_ROOT, stdin=subprocess.DEVNULL, stdout=out, stderr=out
        )
    if done.returncode != 0:
        tail = "\n".join(log.read_text(errors="replace").splitlines()[-15:])
        raise DemoError(f"{what} failed (exit {done.returncode}); {log}:\n{tail}")


def _wait_for(
    condition: Callable[[], bool], what: str, deadline: float, processes: Processes
) -> None:
    while not condition():
        processes.check()
        if time.monotonic() > deadline:
            raise DemoError(f"timed out waiting for {what}; logs in {processes.logs}")
        time.sleep(0.5)


def _page_healthy(page_url: str) -> bool:
    import httpx

    try:
        return httpx.get(f"{page_url}/healthz", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


def _server_healthy(api_url: str) -> bool:
    import httpx

    try:
        return httpx.get(f"{api_url}/health", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


@dataclass
class DemoResult:
    """What the demo saw at the end, for the summary (and for tests and tools)."""

    ui_url: str
    campaign_run: str | None = None
    contacts: int = 0
    languages: Counter[str] = field(default_factory=Counter)
    letters_sent: int = 0
    replies: Counter[str] = field(default_factory=Counter)
    #: The answers by how they came (email, web) and the outcomes by the channel that decided.
    channels: Counter[str] = field(default_factory=Counter)
    decided_through: Counter[str] = field(default_factory=Counter)
    page_url: str = ""
    needs_review: int = 0
    statuses: Counter[str] = field(default_factory=Counter)
    reminders: list[tuple[str, str]] = field(default_factory=list)  # (run name, when UTC)
    #: Each wave's day and the secretariat's days off it skips; warnings on the deadline.
    wave_days: list[str] = field(default_factory=list)
    calendar_warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0


class Demo:
    """One run of the demo: ``run()`` brings everything up, lets the pipeline work and returns
    what happened; ``stop()`` stops everything it started."""

    def __init__(self, root: Path, console: Console, *, speed: float = 1.0) -> None:
        self.paths = DemoPaths(root)
        self.console = console
        self.processes = Processes(self.paths.logs)
        self.sandbox = Sandbox(speed=speed)
        self.port = free_port()
        self.api_url = f"http://127.0.0.1:{self.port}/api"
        self.ui_url = f"http://127.0.0.1:{self.port}"
        #: The confirmation page (``circular web``): the letters' links lead here.
        self.web_port = free_port()
        self.page_url = f"http://127.0.0.1:{self.web_port}"
        self.started = time.monotonic()
        self.campaign_run: str | None = None
        self._ledger: Ledger | None = None

    @property
    def ledger(self) -> Ledger:
        """The demo's ledger (the same SQLite file the flows write)."""
        if self._ledger is None:
            self._ledger = open_ledger(self.paths.environment()["CIRCULAR_DATABASE_URL"])
        return self._ledger

    # -- environment -----------------------------------------------------------------------

    def prefect_environment(self) -> dict[str, str]:
        """The PREFECT_* settings of every process of the demo (and of this one)."""
        return {
            "PREFECT_HOME": str(self.paths.prefect_home),
            "PREFECT_API_URL": self.api_url,
            "PREFECT_UI_API_URL": self.api_url,
            "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
            "PREFECT_SERVER_SERVICES_SCHEDULER_LOOP_SECONDS": "5",
            "PREFECT_SERVER_SERVICES_EVENT_PERSISTER_FLUSH_INTERVAL": "1",
            "PREFECT_WORKER_QUERY_SECONDS": "2",
            "PREFECT_WORKER_PREFETCH_SECONDS": "5",
            "PREFECT_RUNNER_POLL_FREQUENCY": "2",
            "PREFECT_LOGGING_LEVEL": "INFO",
            "PREFECT_CLI_COLORS": "false",
        }

    def environment(self) -> dict[str, str]:
        """This process's environment plus the demo's Prefect, folder and sandbox settings."""
        return {
            **os.environ,
            **self.prefect_environment(),
            **self.paths.environment(),
            **self.sandbox.environment(),
            **self.page_environment(),
            "CIRCULAR_HOME": str(PROJECT_ROOT),
            "CIRCULAR_PYTHON": sys.executable,
        }

    def page_environment(self) -> dict[str, str]:
        """Where the confirmation page listens, and the links' base URL (the same)."""
        return {
            "CIRCULAR_WEB_HOST": "127.0.0.1",
            "CIRCULAR_WEB_PORT": str(self.web_port),
            "CIRCULAR_PUBLIC_URL": self.page_url,
        }

    # -- the run ---------------------------------------------------------------------------

    def run(self) -> DemoResult:
        """Bring everything up and let the pipeline run; the result once replies are
        classified and the reminder waves scheduled."""
        deadline = self.started + TIMEOUT_SECONDS
        if self.paths.root.exists():
            shutil.rmtree(self.paths.root)  # the demo's own folder: a fresh start each time
        self.paths.logs.mkdir(parents=True)
        campaign_dir = write_shifted_campaign(CAMPAIGN_SOURCE, self.paths.letters, date.today())
        campaign = load_campaign(campaign_dir)
        columns = (
            SpinnerColumn(finished_text="[green]✓"),
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("[dim]{task.fields[note]}"),
        )
        with Progress(*columns, console=self.console, transient=False) as progress:

            def step(description: str, total: float | None = 1, note: str = "") -> Any:
                return progress.add_task(description, total=total, note=note)

            server = step("Prefect server", note=self.ui_url)
            self._start_server(deadline)
            progress.update(server, completed=1)
            self._write_state(DemoResult(self.ui_url), ready=False)  # where to look meanwhile

            sandbox = step("Sandbox mail servers", note="SMTP + IMAP on 127.0.0.1")
            self.sandbox.start()
            progress.update(
                sandbox,
                completed=1,
                note=f"SMTP :{self.sandbox.smtp_port}, IMAP :{self.sandbox.imap_port}",
            )
            # Only now may Prefect be imported here: its settings come from the environment.
            os.environ.update(self.environment())

            page = step("Confirmation page (circular web)", note=self.page_url)
            self._start_page(deadline)
            progress.update(page, completed=1)

            deploy = step("Work pool and deployments", note="prefect.yaml")
            self._deploy()
            progress.update(deploy, completed=1)

            worker = step("Worker", note=f"pool {POOL}")
            self.processes.start(
                "worker",
                _prefect(
                    "worker", "start", "--pool", POOL, "--name", "demo-worker", "--limit", "4"
                ),
                self.environment(),
            )
            progress.update(worker, completed=1)

            drop = Path(self.paths.environment()["CIRCULAR_DROP_FOLDER"])
            drop.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(SAMPLE_CONTACTS, drop / SAMPLE_CONTACTS.name)
            intake = step("Intake (scheduled every minute)", note=f"{SAMPLE_CONTACTS.name}")
            _wait_for(lambda: self._count(Contact.id) > 0, "the intake run", deadline,
                      self.processes)  # fmt: skip
            contacts = self._count(Contact.id)
            progress.update(intake, completed=1, note=f"{contacts} contacts loaded")

            sending = step("Campaign: invitations sent", total=contacts, note=campaign.id)
            replies = step("Respondents' answers (mail, page)", total=None, note="sandbox")

            def letters_sent() -> int:
                return self._count(Message.id, Message.status == MessageStatus.SENT)

            def sent_all() -> bool:
                sent = letters_sent()
                progress.update(sending, completed=sent)
                progress.update(replies, completed=len(self.sandbox.replies()))
                return self._campaign_run_finished()

            _wait_for(sent_all, "the campaign run", deadline, self.processes)
            progress.update(sending, completed=letters_sent(), total=letters_sent())

            def answered() -> bool:
                filed = len(self.sandbox.replies())
                progress.update(replies, completed=filed, total=filed)
                return len(self.sandbox.received()) >= letters_sent() and (
                    self.sandbox.pending_replies() == 0
                )

            _wait_for(answered, "the respondents", deadline, self.processes)
            filed = len(self.sandbox.replies())
            progress.update(replies, completed=filed, total=filed)

            poll = step("Poll: replies classified", total=filed, note="poll-replies/poll")
            while self._count(Reply.id) < filed:
                self._poll_once(deadline)
                progress.update(poll, completed=self._count(Reply.id))
            progress.update(poll, completed=self._count(Reply.id))
            report = step("Report: status per country", note="report/report")
            self._run_deployment(
                "report/report",
                {"campaign_dir": str(campaign_dir)},
                deadline,
                f"{campaign.id} · report",
            )
            progress.update(report, completed=1)
            result = self._result(campaign)
            step("Reminder waves scheduled", total=max(1, len(result.reminders)),
                 note="followup/followup")  # fmt: skip
            progress.update(progress.task_ids[-1], completed=max(1, len(result.reminders)))
        result.seconds = time.monotonic() - self.started
        self._write_state(result, ready=True)
        return result

    def _start_server(self, deadline: float) -> None:
        env = {**os.environ, **self.prefect_environment()}
        self.processes.start(
            "prefect-server",
            _prefect("server", "start", "--host", "127.0.0.1", "--port", str(self.port)),
            env,
        )
        _wait_for(lambda: _server_healthy(self.api_url), "the Prefect server", deadline,
                  self.processes)  # fmt: skip

    def _start_page(self, deadline: float) -> None:
        """``circular web`` in a process of its own, as in production (docs/operations.md)."""
        self.processes.start(
            "circular-web", [sys.executable, "-m", "circular", "web"], self.environment()
        )
        _wait_for(lambda: _page_healthy(self.page_url), "the confirmation page", deadline,
                  self.processes)  # fmt: skip

    def _deploy(self) -> None:
        env = self.environment()
        log = self.paths.logs / "deploy.log"
        _run(_prefect("work-pool", "create", POOL, "--type", "process", "--overwrite"),
             env, log, "creating the work pool")  # fmt: skip
        names = [f"--name={name}" for name in deployable()]
        _run(_prefect("--no-prompt", "deploy", *names), env, log, "prefect deploy")

    def _count(self, column: Any, *where: Any) -> int:
        with self.ledger.session() as session:
            return int(session.scalar(select(func.count(column)).where(*where)) or 0)

    def _flow_runs(self, flow_name: str) -> list[Any]:
        from prefect.client.orchestration import get_client
        from prefect.client.schemas.filters import FlowFilter, FlowFilterName

        with get_client(sync_client=True) as client:
            return list(
                client.read_flow_runs(
                    flow_filter=FlowFilter(name=FlowFilterName(any_=[flow_name])), limit=50
                )
            )

    def _campaign_run_finished(self) -> bool:
        runs = self._flow_runs("campaign")
        for run in runs:
            if run.state is not None and run.state.is_final():
                if not run.state.is_completed():
                    raise DemoError(
                        f"the campaign run {run.name} ended {run.state.name}: "
                        f"{self.ui_url}/runs/flow-run/{run.id}"
                    )
                self.campaign_run = str(run.id)
                return True
        return False

    def _poll_once(self, deadline: float) -> None:
        """One run of the poll deployment (besides its schedule), to its end."""
        self._run_deployment("poll-replies/poll", {}, deadline, "replies · poll")

    def _run_deployment(
        self, name: str, parameters: dict[str, Any], deadline: float, run_name: str
    ) -> None:
        """One run of deployment ``name`` (through the worker), called ``run_name``, waited
        for to its end."""
        from prefect.client.orchestration import get_client
        from prefect.deployments import run_deployment

        run = run_deployment(name, parameters=parameters, timeout=0, flow_run_name=run_name)
        with get_client(sync_client=True) as client:
            while True:
                state = client.read_flow_run(run.id).state
                if state is not None and state.is_final():
                    if not state.is_completed():
                        raise DemoError(
                            f"the {name} run ended {state.name}: "
                            f"{self.ui_url}/runs/flow-run/{run.id}"
                        )
                    return
                self.processes.check()
                if time.monotonic() > deadline:
                    raise DemoError(f"timed out waiting for {name}; logs in {self.paths.logs}")
                time.sleep(0.5)

    def _result(self, campaign: Campaign) -> DemoResult:
        result = DemoResult(self.ui_url, campaign_run=self.campaign_run)
        with self.ledger.session() as session:
            rows = campaign_report(session, campaign, utcnow())
            result.contacts = len(rows)
            result.languages = Counter(row.language for row in rows)
            result.statuses = Counter(row.outcome for row in rows)
            result.letters_sent = int(
                session.scalar(
                    select(func.count(Message.id)).where(
                        Message.kind == MessageKind.INVITATION,
                        Message.status == MessageStatus.SENT,
                    )
                )
                or 0
            )
            for reply in session.scalars(select(Reply)):
                result.replies[str(reply.kind)] += 1
                result.channels[channel_of(reply)] += 1
                result.needs_review += reply.status == "needs_review"
            result.decided_through = Counter(row.channel for row in rows if row.channel)
            result.page_url = self.page_url
        for run in self._flow_runs("followup"):
            if run.state is not None and run.state.is_scheduled():
                when = run.next_scheduled_start_time or run.expected_start_time
                utc = when.astimezone(UTC) if when else None
                result.reminders.append((run.name, f"{utc:%Y-%m-%d %H:%M} UTC" if utc else "?"))
        result.reminders.sort(key=lambda item: item[1])
        result.wave_days = wave_notes(campaign)
        result.calendar_warnings = closing_day_warnings(campaign)
        return result

    def _write_state(self, result: DemoResult, *, ready: bool) -> None:
        state = {
            "ready": ready,
            "ui": self.ui_url,
            "api": self.api_url,
            "campaign_run": result.campaign_run,
            "letters_sent": result.letters_sent,
            "replies": dict(result.replies),
            "page": self.page_url,
            "reminders": result.reminders,
        }
        self.paths.state.write_text(json.dumps(state, indent=2), encoding="utf-8")

    def stop(self) -> None:
        """Stop the worker, the server and the sandbox (whatever was started)."""
        self.processes.stop()
        self.sandbox.stop()
        if self._ledger is not None:
            self._ledger.dispose()
        self.paths.state.unlink(missing_ok=True)


def reminder_times(runs: list[tuple[str, str]]) -> dict[str, list[str]]:
    """The scheduled follow-up runs' UTC times by wave, from their names
    ("cl-21-4 · reminder-1 · 18 Dec 08:00 UTC · …") and times ("2026-12-18 08:00 UTC")."""
    times: dict[str, list[str]] = {}
    for name, when in sorted(runs, key=lambda item: item[1]):
        kind = next((part for part in name.split(" · ") if part.startswith("reminder-")), name)
        times.setdefault(kind, []).append(when.removesuffix(" UTC"))
    return dict(sorted(times.items()))


def print_summary(console: Console, result: DemoResult) -> None:
    """The demo's summary: letters, replies by kind, statuses, reminder waves, where to look."""
    table = Table(title="circular demo: CL-21/4 dated today", show_header=False)
    table.add_column(style="bold")
    table.add_column()
    languages = ", ".join(f"{lang} {n}" for lang, n in sorted(result.languages.items()))
    table.add_row("contacts by language", f"{result.contacts}: {languages}")
    table.add_row("letters sent", str(result.letters_sent))
    replies = ", ".join(f"{kind} {count}" for kind, count in result.replies.most_common())
    table.add_row("replies by kind", f"{sum(result.replies.values())}: {replies or 'none'}")
    channels = ", ".join(f"{name} {count}" for name, count in result.channels.most_common())
    table.add_row("answers by channel", f"{sum(result.channels.values())}: {channels or 'none'}")
    decided = ", ".join(f"{name} {n}" for name, n in result.decided_through.most_common())
    table.add_row("outcomes decided through", decided or "none")
    table.add_row("for a person to review", str(result.needs_review))
    statuses = ", ".join(f"{status} {count}" for status, count in result.statuses.most_common())
    table.add_row("contacts by status", statuses)
    for note in result.wave_days:
        table.add_row("reminder wave day", note)
    for kind, times in reminder_times(result.reminders).items():
        table.add_row(f"{kind} runs (UTC)", f"{len(times)}: {', '.join(times)}")
    if not result.reminders:
        table.add_row("reminder waves scheduled", "none")
    for warning in result.calendar_warnings:
        table.add_row("calendar warning", warning)
    table.add_row("took", f"{result.seconds:.0f} s")
    if console.is_terminal:
        console.print(table)
    else:
        # A pipe or a log gets plain "name: value" lines, whole: no box to cut an address.
        console.print(str(table.title), soft_wrap=True)
        for name, value in zip(table.columns[0].cells, table.columns[1].cells, strict=True):
            console.print(f"{name}: {value}", soft_wrap=True, markup=False, highlight=False)
    console.print(f"Prefect UI: [bold]{result.ui_url}[/]", soft_wrap=True)
    if result.page_url:
        console.print(
            f"Confirmation page: {result.page_url}/r/<token> (circular links)", soft_wrap=True
        )
    if result.campaign_run:
        url = f"{result.ui_url}/runs/flow-run/{result.campaign_run}"
        console.print(f"Campaign run: {url}", soft_wrap=True)  # a URL must not be cut


def run_demo(root: Path, console: Console, *, keep_running: bool, speed: float = 1.0) -> int:
    """Run the demo under ``root``; with ``keep_running``, keep everything up for the UI until
    Ctrl-C (or SIGTERM). Returns the exit status."""
    demo = Demo(root, console, speed=speed)
    # Both stop the demo cleanly, even where SIGINT came in ignored (a background job).
    previous = {sig: signal.signal(sig, _interrupt) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        result = demo.run()
        print_summary(console, result)
        if keep_running:
            console.print("Everything keeps running for the UI. Press Ctrl-C to stop.")
            while True:
                demo.processes.check()
                time.sleep(1)
        return 0
    except DemoError as error:
        console.print(f"[red]demo failed:[/] {error}")
        return 1
    except KeyboardInterrupt:
        console.print("stopping…")
        return 0
    finally:
        demo.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _once_by_default() -> bool:
    # DEMO_ONCE=1, or no terminal to press Ctrl-C in (CI, a pipe): stop after the summary.
    return os.environ.get("DEMO_ONCE", "") not in ("", "0") or not sys.stdin.isatty()


def demo_command(
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
    """Run a whole campaign on a laptop (``make demo``): Prefect server, sandbox mail servers,
    deployments and a worker; sample contacts for CL-21/4 dated today; letters, replies,
    reminders."""
    try:
        settings = load_settings()
    except SettingsError as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(2) from None
    keep_running = not (_once_by_default() if once is None else once)
    status = run_demo(settings.data_dir / "demo", Console(), keep_running=keep_running, speed=speed)
    raise typer.Exit(status)


def main() -> None:
    """``python -m demo``: the demo lives outside the domain package, so ``circular`` (and its
    CLI) never imports Prefect."""
    typer.run(demo_command)


if __name__ == "__main__":
    main()

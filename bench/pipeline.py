"""The whole pipeline through Prefect (issue 8, item 4): N contacts from the CSV drop to every
letter sent to the sink, through a Prefect server and a worker, against the same domain
functions called directly without Prefect. Target: Prefect's wall time at most 1.3x.

- **Prefect**: ``prefect server start`` (SQLite, own process), a ``process`` work pool, the
  project's ``intake``, ``campaign`` and ``followup`` deployments as prefect.yaml defines them
  (the campaign's event trigger included; intake's 60-second schedule left out: the driver
  starts intake itself, as that schedule would), and ``prefect worker start`` (own process,
  polling every second: ``PREFECT_WORKER_QUERY_SECONDS=1``; the default 10 s would only
  measure waiting). A driver moves the CSV into the drop folder and runs the intake deployment;
  intake's ``circular.contacts.loaded`` event triggers the campaign deployment (render and send
  in batches, reminder waves, the status report); the clock stops when that run completes.
  The worker runs every flow run in a fresh Python process, as in production.
- **direct**: a process that moves the CSV in, then calls the flows' task functions
  (``intake_task.fn``, ``render_batch.fn`` and ``send_batch.fn`` per batch,
  ``campaign_rows.fn``) in the same order and batches: no Prefect API at all.

Both on a fresh ledger and folders, the sink Postfix's smtp-sink, alternating.

    python -m bench --only pipeline [--quick]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from bench.harness import (
    Section,
    Table,
    Verdict,
    alternate,
    fmt,
    median,
    process_tree_cpu,
    times_said,
)
from bench.memory import write_contacts_csv
from bench.sinks import LoopbackSink, free_port
from circular.sandbox.imap import ImapServer

ROOT = Path(__file__).resolve().parent.parent
CAMPAIGN = "cl-21-4"
TARGET = 1.3
POOL = "bench-pool"
#: The campaign flow's default batch size (flows/campaign.py).
BATCH = 200
#: The prefect.yaml deployments the pipeline needs.
DEPLOYMENTS = ("intake", "campaign", "followup")
#: (contacts, repetitions), quick and full.
SIZES = {True: (30, 1), False: (10_000, 1)}


# ---------------------------------------------------------------------------- one run's world


def campaign_copy(letters_dir: Path, per_country: int) -> Path:
    """CL-21/4 copied under ``letters_dir``, allowing ``per_country`` contacts per country."""
    target = letters_dir / CAMPAIGN
    shutil.copytree(ROOT / "letters" / CAMPAIGN, target)
    config = target / "campaign.yaml"
    text = config.read_text(encoding="utf-8")
    if "contacts_per_country: 1\n" not in text:
        raise RuntimeError(f"{config}: no 'contacts_per_country: 1' line to raise")
    config.write_text(
        text.replace("contacts_per_country: 1\n", f"contacts_per_country: {per_country}\n"),
        encoding="utf-8",
    )
    return target


#: The reply inbox the campaign flow checks before its first letter (issue 14's pre-flight):
#: the sandbox's pymap, a stand-in account on 127.0.0.1.
IMAP_USER, IMAP_PASSWORD = "wsis-info", "bench-only"


class _Stopping:
    """Stops the stand-in inbox on close (``contextlib.closing``)."""

    def __init__(self, server: ImapServer) -> None:
        self.server = server

    def close(self) -> None:
        self.server.stop()


def run_environment(
    run_dir: Path, letters_dir: Path, sink_port: int, imap_port: int
) -> dict[str, str]:
    """circular's settings for one run: its own ledger and folders, the sink, the stand-in
    reply inbox, no Sent folder."""
    return {
        "CIRCULAR_DATABASE_URL": f"sqlite:///{run_dir / 'ledger.sqlite3'}",
        "CIRCULAR_DATA_DIR": str(run_dir / "data"),
        "CIRCULAR_DROP_FOLDER": str(run_dir / "inbox"),
        "CIRCULAR_PROCESSED_FOLDER": str(run_dir / "processed"),
        "CIRCULAR_REJECTED_FOLDER": str(run_dir / "rejected"),
        "CIRCULAR_LETTERS_DIR": str(letters_dir),
        "CIRCULAR_OUT_DIR": str(run_dir / "out"),
        "CIRCULAR_REPORTS_DIR": str(run_dir / "reports"),
        "CIRCULAR_DEFAULT_CAMPAIGN": CAMPAIGN,
        "CIRCULAR_SMTP_HOST": "127.0.0.1",
        "CIRCULAR_SMTP_PORT": str(sink_port),
        "CIRCULAR_SMTP_SECURITY": "none",
        "CIRCULAR_IMAP_HOST": "127.0.0.1",
        "CIRCULAR_IMAP_PORT": str(imap_port),
        "CIRCULAR_IMAP_SECURITY": "none",
        "CIRCULAR_IMAP_USERNAME": IMAP_USER,
        "CIRCULAR_IMAP_PASSWORD": IMAP_PASSWORD,
        "CIRCULAR_IMAP_SENT_FOLDER": "",
    }


def _drop(staged: Path, drop_folder: Path) -> float:
    """Move the staged CSV into the drop folder (one rename, as a finished copy lands);
    returns the moment it landed."""
    drop_folder.mkdir(parents=True, exist_ok=True)
    landed = time.perf_counter()
    os.replace(staged, drop_folder / staged.name)
    return landed


def _sent(database_url: str) -> int:
    from sqlalchemy import func, select

    from circular.ledger import Ledger, Message, MessageStatus

    ledger = Ledger(database_url)
    try:
        with ledger.session() as session:
            query = select(func.count()).where(Message.status == MessageStatus.SENT)
            return int(session.scalar(query) or 0)
    finally:
        ledger.dispose()


# ---------------------------------------------------------------------------- the drivers


def drive_direct(staged: Path, per_country: int) -> None:
    """The pipeline without Prefect (module doc); prints seconds and letters sent."""
    from circular.settings import load_settings
    from flows.campaign import campaign_rows
    from flows.intake import intake_task
    from flows.send import batches, campaign_contacts, render_batch, send_batch

    settings = load_settings()
    campaign_dir = str(settings.letters_dir / CAMPAIGN)
    landed = _drop(staged, settings.drop_folder)
    intake_task.fn(None, per_country)
    # What send_in_batches does around its batches: the campaign's contacts and fields.
    _campaign, ids, fields = campaign_contacts(campaign_dir)
    for batch in batches(ids, BATCH):
        render_batch.fn(campaign_dir, batch, fields)
        send_batch.fn(campaign_dir, batch, None)
    campaign_rows.fn(campaign_dir)  # the campaign flow's status report
    elapsed = time.perf_counter() - landed
    print(json.dumps({"seconds": elapsed, "sent": _sent(settings.resolved_database_url)}))


def drive_prefect(staged: Path, per_country: int) -> None:
    """The pipeline through the deployments (module doc); prints seconds and letters sent."""
    from prefect import get_client
    from prefect.client.schemas.filters import DeploymentFilter, DeploymentFilterName
    from prefect.client.schemas.sorting import FlowRunSort
    from prefect.deployments import run_deployment

    from circular.settings import load_settings

    settings = load_settings()
    only_campaign = DeploymentFilter(name=DeploymentFilterName(any_=["campaign"]))
    with get_client(sync_client=True) as client:
        before = {run.id for run in client.read_flow_runs(deployment_filter=only_campaign)}
    landed = _drop(staged, settings.drop_folder)
    intake = run_deployment(
        "intake/intake",
        parameters={"contacts_per_country": per_country},
        timeout=None,
        poll_interval=1,
    )
    if intake.state is None or not intake.state.is_completed():
        raise SystemExit(f"intake ended {intake.state}")
    # The campaign run is started by intake's event: wait for it to appear and complete.
    deadline = time.monotonic() + 4 * 3600
    with get_client(sync_client=True) as client:
        while time.monotonic() < deadline:
            runs = [
                run
                for run in client.read_flow_runs(
                    deployment_filter=only_campaign, sort=FlowRunSort.START_TIME_DESC
                )
                if run.id not in before
            ]
            state = runs[0].state if runs else None
            if state is not None and state.is_final():
                if not state.is_completed():
                    raise SystemExit(f"the campaign run ended {state}")
                break
            time.sleep(0.5)
        else:
            raise SystemExit("the campaign run did not complete in time")
    elapsed = time.perf_counter() - landed
    print(json.dumps({"seconds": elapsed, "sent": _sent(settings.resolved_database_url)}))


#: What the ``deploy`` child prints once the work pool exists (the worker can start then).
POOL_READY = "pool ready"


def create_pool() -> None:
    """The benchmark's ``process`` work pool, with the process worker's default job template,
    as ``prefect work-pool create POOL --type process`` makes it (here, to spare that CLI's
    start: seconds of imports)."""
    from prefect import get_client
    from prefect.client.schemas.actions import WorkPoolCreate
    from prefect.workers.process import ProcessWorker

    pool = WorkPoolCreate(
        name=POOL, type="process", base_job_template=ProcessWorker.get_default_base_job_template()
    )
    with get_client(sync_client=True) as client:
        client.create_work_pool(work_pool=pool)


def deploy() -> None:
    """Create the work pool (then print ``POOL_READY``), then the pipeline's deployments from
    prefect.yaml (entrypoints, trigger) in it, from this tree (run once per server)."""
    import yaml
    from prefect import flow
    from prefect.events.schemas.deployment_triggers import DeploymentEventTrigger

    create_pool()
    print(POOL_READY, flush=True)
    spec = yaml.safe_load((ROOT / "prefect.yaml").read_text(encoding="utf-8"))
    for deployment in spec["deployments"]:
        if deployment["name"] not in DEPLOYMENTS:
            continue
        triggers = [
            DeploymentEventTrigger(**{k: v for k, v in trigger.items() if k != "type"})
            for trigger in deployment.get("triggers", [])
        ]
        source = flow.from_source(source=str(ROOT), entrypoint=deployment["entrypoint"])
        source.deploy(  # type: ignore[union-attr]
            name=deployment["name"],
            work_pool_name=POOL,
            triggers=triggers,
            print_next_steps=False,
            ignore_warnings=True,
        )


def main() -> None:
    """The child processes' entry point: ``direct``, ``prefect`` or ``deploy``."""
    parser = argparse.ArgumentParser(description="a pipeline benchmark child")
    parser.add_argument("step", choices=("direct", "prefect", "deploy"))
    parser.add_argument("--csv", type=Path)
    parser.add_argument("--per-country", type=int, default=1)
    args = parser.parse_args()
    if args.step == "deploy":
        deploy()
    elif args.step == "direct":
        drive_direct(args.csv, args.per_country)
    else:
        drive_prefect(args.csv, args.per_country)


# ---------------------------------------------------------------------------- the stack


#: Quick runs only: the server services the pipeline does not need, switched off to spare the
#: shared cores (the triggers service, which turns intake's event into the campaign run, and
#: the event and log streams stay). The full run keeps Prefect's defaults: it measures them.
UNUSED_SERVICES = (
    "SCHEDULER",  # the deployments have no schedules here (the driver starts intake)
    "LATE_RUNS",
    "FOREMAN",
    "CANCELLATION_CLEANUP",
    "PAUSE_EXPIRATIONS",
    "REPOSSESSOR",
    "TASK_RUN_RECORDER",
    "EVENT_PERSISTER",
)


class PrefectStack:
    """A Prefect server and a process worker, each in its own process, in a scratch home;
    ``lean``: without the server services in ``UNUSED_SERVICES``."""

    def __init__(self, home: Path, worker_env: dict[str, str], *, lean: bool = False) -> None:
        self.port = free_port()
        self.api = f"http://127.0.0.1:{self.port}/api"
        self.env = {
            **os.environ,
            "PREFECT_HOME": str(home),
            "PREFECT_API_URL": self.api,
            "PREFECT_UI_API_URL": self.api,
            "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
            "PREFECT_UI_ENABLED": "false",
            # Nothing here uses blocks: registering Prefect's block types would only slow the
            # fresh server's start (a second or two).
            "PREFECT_API_BLOCKS_REGISTER_ON_START": "false",
            "PREFECT_LOGGING_LEVEL": "WARNING",
            "PREFECT_WORKER_QUERY_SECONDS": "1",
            "PYTHONPATH": str(ROOT),
        }
        if lean:
            for service in UNUSED_SERVICES:
                self.env[f"PREFECT_SERVER_SERVICES_{service}_ENABLED"] = "false"
        self.logs = home / "logs"
        self.logs.mkdir(parents=True, exist_ok=True)
        self.worker: subprocess.Popen[bytes] | None = None
        self.server = self._start(
            "server",
            [self.prefect, "server", "start", "--host", "127.0.0.1", "--port", str(self.port)],
        )
        try:
            self._wait_healthy()
            self._deploy_and_start_worker(worker_env)
        except BaseException:
            self.stop()
            raise

    @property
    def prefect(self) -> str:
        """The venv's ``prefect`` command."""
        return str(Path(sys.executable).with_name("prefect"))

    def _deploy_and_start_worker(self, worker_env: dict[str, str]) -> None:
        # One child creates the pool, then the deployments; the worker starts as soon as the
        # pool exists, while the deployments are made (they need not exist before it polls).
        log = self.logs / "deploy.log"
        with log.open("wb") as errors:
            deployer = subprocess.Popen(
                [sys.executable, "-m", "bench.pipeline", "deploy"],
                cwd=ROOT,
                env=self.env,
                stdout=subprocess.PIPE,
                stderr=errors,
                text=True,
            )
            assert deployer.stdout is not None
            ready = any(line.strip() == POOL_READY for line in deployer.stdout)
            if ready:
                self.worker = self._start(
                    "worker",
                    [self.prefect, "worker", "start", "--pool", POOL, "--type", "process"],
                    extra=worker_env,
                )
            deployer.communicate()
        if deployer.returncode != 0 or not ready:
            tail = log.read_text(errors="replace")[-1500:]
            raise RuntimeError(f"creating the work pool and deployments failed: {tail}")

    def _start(
        self, name: str, argv: list[str], extra: dict[str, str] | None = None
    ) -> subprocess.Popen[bytes]:
        log = (self.logs / f"{name}.log").open("wb")
        return subprocess.Popen(
            argv, cwd=ROOT, env={**self.env, **(extra or {})}, stdout=log, stderr=log
        )

    def _wait_healthy(self, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.server.poll() is not None:
                raise RuntimeError(f"the Prefect server exited; see {self.logs / 'server.log'}")
            try:
                with urllib.request.urlopen(f"{self.api}/health", timeout=2) as answer:
                    if answer.status == 200:
                        return
            except OSError:
                time.sleep(0.5)
        raise RuntimeError(f"the Prefect server did not answer in {timeout:.0f} s")

    def orchestration_cpu(self) -> float:
        """CPU seconds used so far by the server (with its child processes) and by the worker
        itself (not its flow-run processes: they do the pipeline's work)."""
        worker = process_tree_cpu(self.worker.pid, children=False) if self.worker else 0.0
        return process_tree_cpu(self.server.pid) + worker

    def stop(self) -> None:
        """Stop the worker, then the server (only the processes started here)."""
        for process in (self.worker, self.server):
            if process is None or process.poll() is not None:
                continue
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


# ---------------------------------------------------------------------------- the benchmark


def run(quick: bool) -> Section:
    """Prefect against direct calls, side by side (module doc)."""
    count, repetitions = SIZES[quick]
    section = Section(
        f"Whole pipeline through Prefect: {count:,} contacts, CSV drop to all letters sent",
        "python -m bench --only pipeline" + (" --quick" if quick else ""),
    )
    scratch = Path(tempfile.mkdtemp(prefix="circular-bench-pipeline-"))
    stack: PrefectStack | None = None
    try:
        source = scratch / "contacts.csv"
        per_country = write_contacts_csv(source, count)
        letters_dir = scratch / "letters"
        campaign_copy(letters_dir, per_country)
        inbox = ImapServer(IMAP_USER, IMAP_PASSWORD)
        inbox.start()
        with LoopbackSink(scratch) as sink, contextlib.closing(_Stopping(inbox)):
            # The triggered campaign run takes its settings from the worker's environment, so
            # the Prefect path always uses the same run folder, emptied before each run.
            run_dirs = {"direct": scratch / "run-direct", "prefect": scratch / "run-prefect"}
            envs = {
                kind: run_environment(folder, letters_dir, sink.port, inbox.port)
                for kind, folder in run_dirs.items()
            }
            stack = PrefectStack(
                scratch / "prefect", {**envs["prefect"], "PYTHONPATH": str(ROOT)}, lean=quick
            )
            overhead: dict[str, list[float]] = {"direct": [], "prefect": []}

            def contender(kind: str) -> Callable[[], float]:
                def measure() -> float:
                    run_dir = run_dirs[kind]
                    shutil.rmtree(run_dir, ignore_errors=True)
                    run_dir.mkdir()
                    staged = run_dir / "staged" / "contacts.csv"
                    staged.parent.mkdir()
                    shutil.copyfile(source, staged)
                    assert stack is not None
                    child_env = {**stack.env, **envs[kind]}
                    argv = [sys.executable, "-m", "bench.pipeline", kind, "--csv", str(staged),
                            "--per-country", str(per_country)]  # fmt: skip
                    before = stack.orchestration_cpu()
                    done = subprocess.run(
                        argv, cwd=ROOT, env=child_env, capture_output=True, text=True
                    )
                    overhead[kind].append(stack.orchestration_cpu() - before)
                    if done.returncode != 0:
                        raise RuntimeError(f"{kind} run failed: {done.stderr[-2000:]}")
                    result = json.loads(done.stdout.strip().splitlines()[-1])
                    if result["sent"] != count:
                        raise RuntimeError(f"{kind}: {result['sent']} of {count} letters sent")
                    return float(result["seconds"])

                return measure

            times = alternate(
                {"direct": contender("direct"), "prefect": contender("prefect")}, repetitions
            )
    finally:
        if stack is not None:
            stack.stop()
        shutil.rmtree(scratch, ignore_errors=True)
    medians = {name: median(runs) for name, runs in times.items()}
    ratio = medians["prefect"] / medians["direct"]
    table = Table(
        ["path", "median wall time (s):", "letters/s:", "ratio to direct:", "each run (s)"]
    )
    labels = {
        "direct": "domain functions called directly, one process (anchor)",
        "prefect": "Prefect server + process worker: intake deployment, event, campaign run",
    }
    for name, runs in times.items():
        table.add(labels[name], fmt(medians[name]), fmt(count / medians[name]),
                  f"{medians[name] / medians['direct']:.2f}x",
                  ", ".join(fmt(t) for t in runs))  # fmt: skip
    section.notes = [
        f"- {count:,} contacts in one CSV ({per_country} per country at most), CL-21/4 allowing "
        f"that many; render and send in batches of {BATCH} (the campaign flow's default)",
        "- wall time from the CSV landing in the drop folder to every letter accepted by "
        "Postfix's smtp-sink and the campaign's status report written; a fresh ledger and "
        "folders for every run",
        f"- {times_said(repetitions)} of each, alternating; the Prefect server, its SQLite "
        "database and "
        "the worker run on the same 2 shared cores as everything else",
        "- Prefect: the driver runs the intake deployment (as its 60 s schedule would); "
        "intake's event triggers the campaign deployment; the clock stops when the campaign "
        "run completes (letters sent, reminder waves scheduled, status report written)",
        f"- CPU used by the orchestration itself (the Prefect server and the worker process, "
        f"not the flow runs) during a run, median: {fmt(median(overhead['prefect']))} s for "
        f"the Prefect path, {fmt(median(overhead['direct']))} s while the direct path ran "
        "(server and worker idle, but running); on 2 shared cores that CPU is taken from the "
        "work",
    ]
    if quick:
        section.notes.append(
            "- quick run: the server runs without the services the pipeline does not use ("
            + ", ".join(service.lower() for service in UNUSED_SERVICES)
            + "), to spare the cores; the full run keeps Prefect's defaults"
        )
    section.tables.append(("", table))
    section.verdicts.append(
        Verdict(
            f"Prefect wall time at most {TARGET}x the direct calls",
            f"{ratio:.2f}x ({fmt(medians['prefect'])} vs {fmt(medians['direct'])} s)",
            ratio <= TARGET,
        )
    )
    section.figures = {
        "ratio": ratio,
        "prefect_s": medians["prefect"],
        "direct_s": medians["direct"],
    }
    return section


if __name__ == "__main__":
    main()

"""Several workers, for real: a Prefect server, `make deploy`, two process workers, a PostgreSQL
ledger and one campaign of 2,000 letters to a local SMTP server, limited to 600 recipients a
minute (docs/operations.md, "Several workers, for real").

Two runs of the campaign deployment, one per worker (``--limit 1``), send it together; midway
one worker is SIGKILLed with its flow run. Checked: the most the server received in any 60-second
window is at most 600; no letter is received twice; the other run finishes; the dead run is
marked Crashed by the zombie automation `make deploy` created; the reconcile deployment then
starts a new campaign run that settles the letters the dead one left ``sending``."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from circular.campaign import load_campaign
from circular.countries import member_states
from circular.ledger import Contact, Ledger, Message, contacts_of
from circular.letters.render import contact_fields_of, render_campaign
from circular.sandbox.imap import ImapServer
from tests.servers.smtp_server import Faults, RecordingHandler, free_port, smtp_server

ROOT = Path(__file__).resolve().parents[2]
LETTERS = 2000
PER_MINUTE = 600
CAMPAIGN = "cl-21-4"
#: The reply inbox's password, passed to the workers in their environment: looked for, after
#: the kill, in every file the workers left in their temporary folder.
IMAP_PASSWORD = "tw0-Workers-imap!"

pytestmark = [pytest.mark.slow, pytest.mark.prefect, pytest.mark.postgres]


def _descendants(pid: int) -> list[int]:
    found, stack = [], [pid]
    while stack:
        parent = stack.pop()
        for task in Path(f"/proc/{parent}/task").glob("*"):
            children = (task / "children").read_text().split() if task.exists() else []
            stack += [int(c) for c in children]
            found += [int(c) for c in children]
    return found


def _kill_tree(process: subprocess.Popen[bytes]) -> None:
    for pid in [process.pid, *_descendants(process.pid)]:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    process.wait(timeout=30)


def max_in_window(moments: list[tuple[float, int]], window: float = 60.0) -> int:
    """The most recipients received within any ``window`` seconds."""
    moments = sorted(moments)
    start = total = best = 0
    for at, count in moments:
        total += count
        while at - moments[start][0] >= window:
            total -= moments[start][1]
            start += 1
        best = max(best, total)
    return best


@pytest.fixture
def prefect_api(tmp_path: Path) -> Iterator[str]:
    """A Prefect server of its own (the workers are other processes), on a free port."""
    port = free_port()
    api = f"http://127.0.0.1:{port}/api"
    env = {
        **os.environ,
        "PREFECT_HOME": str(tmp_path / "prefect"),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_UI_ENABLED": "false",
        "PREFECT_SERVER_SERVICES_EVENT_PERSISTER_FLUSH_INTERVAL": "0.5",
    }
    log = (tmp_path / "server.log").open("wb")
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/prefect"), "server", "start", "--host", "127.0.0.1",
         "--port", str(port)],
        env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{api}/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        else:
            raise AssertionError((tmp_path / "server.log").read_text())
        yield api
    finally:
        server.terminate()
        server.wait(timeout=30)


def _campaign(tmp_path: Path, ledger: Ledger) -> None:
    """CL-21/4 with 2,000 contacts (about ten a country, one recipient each), rendered."""
    import shutil

    folder = tmp_path / "letters" / CAMPAIGN
    shutil.copytree(ROOT / "letters" / CAMPAIGN, folder, ignore=shutil.ignore_patterns("text"))
    path = folder / "campaign.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "contacts_per_country: 1", "contacts_per_country: 11"
        ),
        encoding="utf-8",
    )
    states = member_states()
    with ledger.session() as session:
        for number in range(LETTERS):
            iso3 = states[number % len(states)].iso3
            email = f"m{number}@{iso3.lower()}.example"
            session.add(
                Contact(campaign=CAMPAIGN, contact_key=f"{iso3}:{email}", iso3=iso3,
                        language="en", email=email, cc=[], title="H.E.",
                        name=f"Minister {number}")
            )  # fmt: skip
    with ledger.session() as session:
        contacts = contacts_of(session, CAMPAIGN)
    render_campaign(
        load_campaign(folder),
        contacts,
        tmp_path / "out" / CAMPAIGN,
        ledger,
        contact_fields=sorted(contact_fields_of(contacts)),
    )


def _sent(ledger: Ledger) -> dict[str, int]:
    with ledger.session() as session:
        rows = session.execute(
            select(Message.status, func.count(Message.id))
            .where(Message.kind == "invitation")
            .group_by(Message.status)
        )
        return {str(status): count for status, count in rows}


def _deployments(api: str) -> dict[str, str]:
    """Deployment ids by name."""
    found = httpx.post(f"{api}/deployments/filter", json={}, timeout=10).json()
    return {item["name"]: item["id"] for item in found}


def _start(api: str, deployment: str, parameters: dict[str, str]) -> str:
    """A run of ``deployment`` now; its id."""
    url = f"{api}/deployments/{deployment}/create_flow_run"
    created = httpx.post(url, json={"parameters": parameters}, timeout=30)
    assert created.status_code == 201, created.text
    return str(created.json()["id"])


def _runs(api: str) -> list[str]:
    """Every flow run: name, state, message, in the order they were created."""
    found = httpx.post(f"{api}/flow_runs/filter", json={"sort": "ID_DESC"}, timeout=10).json()
    return [
        f"{run['name']}: {run['state']['type']} {run['state']['message'] or ''}".strip()
        for run in sorted(found, key=lambda r: r["created"])
    ]


def _state(api: str, run_id: str) -> str:
    return str(httpx.get(f"{api}/flow_runs/{run_id}", timeout=10).json()["state"]["type"])


def _wait(condition, timeout: float, what: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(2)
    raise AssertionError(f"timed out waiting for {what}")


def test_two_workers_share_the_limit_and_a_dead_one_is_noticed(
    tmp_path: Path, postgres_url: str, prefect_api: str
) -> None:
    ledger = Ledger(postgres_url)
    _campaign(tmp_path, ledger)
    # The server answers each message 0.3 s after taking it, as a busy one does: the dead run
    # dies with letters in flight, which the server has and the ledger cannot know about.
    # The reply inbox the campaign flow checks before its first letter (issue 14's pre-flight).
    inbox = ImapServer("wsis-info", IMAP_PASSWORD)
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    inbox.start()
    with (
        contextlib.ExitStack() as stack,
        smtp_server(RecordingHandler(Faults(answer_delay=0.3))) as (server, handler),
    ):
        stack.callback(inbox.stop)
        env = {
            **os.environ,
            "PREFECT_API_URL": prefect_api,
            "PREFECT_HOME": str(tmp_path / "client"),
            "PREFECT_WORKER_QUERY_SECONDS": "2",
            "PREFECT_FLOWS_HEARTBEAT_FREQUENCY": "30",
            "CIRCULAR_DATABASE_URL": postgres_url,
            "CIRCULAR_DATA_DIR": str(tmp_path / "data"),
            "CIRCULAR_LETTERS_DIR": str(tmp_path / "letters"),
            "CIRCULAR_OUT_DIR": str(tmp_path / "out"),
            "CIRCULAR_REPORTS_DIR": str(tmp_path / "reports"),
            "CIRCULAR_DROP_FOLDER": str(tmp_path / "drop"),
            "CIRCULAR_SMTP_HOST": "127.0.0.1",
            "CIRCULAR_SMTP_PORT": str(server.port),
            "CIRCULAR_SMTP_SECURITY": "none",
            "CIRCULAR_SMTP_CONNECTIONS": "4",
            "CIRCULAR_SMTP_RATE_PER_MINUTE": str(PER_MINUTE),
            "CIRCULAR_IMAP_HOST": "127.0.0.1",
            "CIRCULAR_IMAP_PORT": str(inbox.port),
            "CIRCULAR_IMAP_SECURITY": "none",
            "CIRCULAR_IMAP_USERNAME": "wsis-info",
            "CIRCULAR_IMAP_PASSWORD": IMAP_PASSWORD,
            "TMPDIR": str(temporary),
            "CIRCULAR_IMAP_SENT_FOLDER": "",
        }
        deploy = subprocess.run(
            ["make", "deploy"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
        )
        print(deploy.stdout[-3000:])
        assert deploy.returncode == 0, deploy.stderr[-3000:]
        # Only the runs this test starts: the scheduled deployments wait.
        deployments = _deployments(prefect_api)
        for name in ("intake", "poll", "report", "reconcile"):
            httpx.post(f"{prefect_api}/deployments/{deployments[name]}/pause_deployment")

        logs = [(tmp_path / f"worker{n}.log").open("wb") for n in (1, 2)]
        workers = [
            subprocess.Popen(
                [
                    str(ROOT / ".venv/bin/prefect"),
                    "worker",
                    "start",
                    "--pool",
                    "circular",
                    "--limit",
                    "1",
                    "--name",
                    f"worker-{n}",
                ],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
            for n, log in zip((1, 2), logs, strict=True)
        ]
        try:
            run_ids = [
                _start(prefect_api, deployments["campaign"], {"campaign": CAMPAIGN})
                for _ in range(2)
            ]
            started = time.monotonic()
            # 45%: mid-batch (batches are 200 letters), with letters in flight
            _wait(lambda: _sent(ledger).get("sent", 0) >= LETTERS * 0.45, 600, "45% sent")
            assert all(_state(prefect_api, r) == "RUNNING" for r in run_ids), "both runs send"
            with ledger.session() as session:
                senders = Counter(
                    c.rsplit(":", 1)[0]
                    for c in session.scalars(select(Message.claimed_by)).all()
                    if c
                )
            print(f"senders at the kill (host:pid: letters): {dict(senders)}")
            assert len(senders) == 2, "both workers send"
            _kill_tree(workers[0])
            killed_at = time.monotonic()
            print(f"worker 1 SIGKILLed after {killed_at - started:.0f} s: {_sent(ledger)}")

            def finished() -> bool:
                return any(_state(prefect_api, r) == "COMPLETED" for r in run_ids)

            _wait(finished, 900, "the other run to finish")
            [dead] = [r for r in run_ids if _state(prefect_api, r) != "COMPLETED"]
            _wait(lambda: _state(prefect_api, dead) == "CRASHED", 300, "the automation")
            state = httpx.get(f"{prefect_api}/flow_runs/{dead}", timeout=10).json()["state"]
            print(
                f"dead run {dead}: {state['type']} ({state['message']}) "
                f"{time.monotonic() - killed_at:.0f} s after the kill"
            )
            left = _sent(ledger)
            print(f"after the other run finished: {left}")

            httpx.post(f"{prefect_api}/deployments/{deployments['reconcile']}/resume_deployment")
            reconciling = _start(prefect_api, deployments["reconcile"], {})
            _wait(lambda: _state(prefect_api, reconciling) == "COMPLETED", 300, "reconcile")
            _wait(lambda: "sending" not in _sent(ledger), 600, "the letters to be settled")
            time.sleep(5)
            print(f"after reconcile: {_sent(ledger)}; runs:")
            for run in _runs(prefect_api):
                print(f"  {run}")
        finally:
            for worker in workers:
                if worker.poll() is None:
                    _kill_tree(worker)
        received = list(handler.received)

    per_letter = Counter(item.message_id for item in received)
    window = max_in_window([(item.at, len(item.rcpt_tos)) for item in received])
    span = max(i.at for i in received) - min(i.at for i in received)
    print(
        f"received {len(received)} letters ({len(per_letter)} distinct) in {span:.0f} s; "
        f"most in any 60-second window: {window}; most copies of one letter: "
        f"{max(per_letter.values())}"
    )
    final = _sent(ledger)
    assert window <= PER_MINUTE
    assert max(per_letter.values()) == 1  # nothing twice
    assert final.get("sent", 0) + final.get("unknown", 0) == LETTERS
    # A letter the dead run left in flight is `unknown` (a person decides): at most its
    # connections' worth, and only those may be missing from the server.
    assert final.get("unknown", 0) <= 4
    assert len(per_letter) >= final.get("sent", 0)
    ledger.dispose()
    # Prefect 3.9's process worker writes each run's whole environment to a file in its
    # temporary folder unless the deployment names its command (prefect.yaml does), and a
    # SIGKILLed worker leaves that file behind with every password the environment held.
    holding = [
        str(path.relative_to(temporary))
        for path in temporary.rglob("*")
        if path.is_file() and IMAP_PASSWORD.encode() in path.read_bytes()
    ]
    assert holding == [], f"the IMAP password left in {holding}"

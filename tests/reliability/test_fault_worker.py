"""Fault: the Prefect worker killed (SIGKILL, with the flow-run process it started) in the
middle of the send-invitations flow, then the flow run again.

The real thing: the ``prefect_server`` fixture's server, the flow deployed from flows/send.py
to a ``process`` work pool, and ``prefect worker start`` in a subprocess. Letters go to a real
SMTP server, paced (CIRCULAR_SMTP_RATE_PER_MINUTE) so that the kill lands mid-send. After the
kill a new worker runs the deployment again: it settles the letters left ``sending`` (their
sender is dead: ``unknown``, for a person, as there is no Sent folder here) and sends the rest.
Every letter is received exactly once or reported unknown; none is received twice."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from circular.countries import member_states
from circular.ledger import Contact, Ledger, Message, MessageStatus
from tests.servers.smtp_server import Faults, RecordingHandler, smtp_server
from tests.support.fault_support import CAMPAIGN, ROOT, check_exactly_once, wait_until

pytestmark = [pytest.mark.prefect, pytest.mark.slow]

LETTERS = 40
KILL_AFTER = 10  # letters received before the worker is killed
POOL = "circular-faults"


def process_tree(root: int) -> list[int]:
    """``root`` and every process descended from it (read from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(children.get(pid, []))
    return tree


def kill_tree(process: subprocess.Popen[str]) -> int:
    """SIGKILL ``process`` and all its descendants at once (the flow run may be in a session
    of its own); how many processes were killed."""
    tree = process_tree(process.pid)
    for pid in tree:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    process.wait(timeout=30)
    return len(tree)


@pytest.fixture
def deployment(prefect_server: None) -> Iterator[str]:
    """The send-invitations flow deployed from this checkout to a process work pool."""
    from prefect import flow
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.actions import WorkPoolCreate
    from prefect.exceptions import ObjectAlreadyExists

    with get_client(sync_client=True) as client, contextlib.suppress(ObjectAlreadyExists):
        client.create_work_pool(WorkPoolCreate(name=POOL, type="process"))
    source = flow.from_source(source=str(ROOT), entrypoint="flows/send.py:send_invitations")
    source.deploy(
        name="faults",
        work_pool_name=POOL,
        build=False,
        print_next_steps=False,
        ignore_warnings=True,
    )
    # As `make deploy` does: a deployed run with a per-minute limit waits on Prefect's global
    # rate limit, which must exist (strict). Another test may have made it already.
    sys.path.insert(0, str(ROOT / "tools"))
    import prefect_setup

    prefect_setup.ensure_smtp_limit(600)
    yield "send-invitations/faults"


def start_worker(env: dict[str, str], log: Path) -> subprocess.Popen[str]:
    """``prefect worker start`` on the pool, its output in ``log``."""
    command = [sys.executable, "-m", "prefect", "worker", "start", "--pool", POOL]
    return subprocess.Popen(
        [*command, "--type", "process"],
        cwd=ROOT,
        env=env,
        stdout=log.open("a"),
        stderr=subprocess.STDOUT,
        text=True,
    )


def add_contacts(url: str) -> None:
    """LETTERS contacts of CL-21/4, one per Member State, in their usual languages."""
    ledger = Ledger(url)
    with ledger.session() as session:
        for country in member_states()[:LETTERS]:
            session.add(
                Contact(
                    campaign=CAMPAIGN,
                    contact_key=country.iso3,
                    iso3=country.iso3,
                    language=country.language,
                    email=f"minister@{country.iso3.lower()}.example",
                    salutation="",
                    title="H.E.",
                    name=f"Minister {country.iso3}",
                    position="Minister",
                    ministry="Ministry of Communications",
                )
            )
    ledger.dispose()


def wait_for_final_state(run_id: object, timeout: float) -> str:
    """The flow run's final state name (fails after ``timeout`` seconds)."""
    from prefect.client.orchestration import get_client

    deadline = time.monotonic() + timeout
    with get_client(sync_client=True) as client:
        while True:
            state = client.read_flow_run(run_id).state  # type: ignore[arg-type]
            if state is not None and state.is_final():
                return str(state.name)
            assert time.monotonic() < deadline, f"flow run still {state} after {timeout:.0f} s"
            time.sleep(0.5)


def test_worker_killed_mid_send_then_rerun_sends_each_letter_once(
    deployment: str, tmp_path: Path
) -> None:
    from prefect.deployments import run_deployment
    from prefect.settings import PREFECT_API_URL

    data, out = tmp_path / "data", tmp_path / "out"
    url = f"sqlite:///{data / 'circular.sqlite3'}"
    add_contacts(url)
    parameters = {"campaign_dir": str(ROOT / "letters" / CAMPAIGN), "batch_size": LETTERS}
    # The server holds each answer half a second after taking the message: at the kill, the
    # letters in flight are received but not confirmed, and left ``sending`` in the ledger.
    emails = {f"minister@{c.iso3.lower()}.example" for c in member_states()[:LETTERS]}
    slow = RecordingHandler(Faults(slow_after_data=emails, delay=0.5))
    with smtp_server(slow) as (server, handler):
        env = {k: v for k, v in os.environ.items() if not k.startswith("CIRCULAR_")}
        env.update(
            PYTHONPATH=str(ROOT),
            PREFECT_API_URL=str(PREFECT_API_URL.value()),
            PREFECT_WORKER_QUERY_SECONDS="1",
            PREFECT_LOGGING_LEVEL="INFO",
            CIRCULAR_DATA_DIR=str(data),
            CIRCULAR_OUT_DIR=str(out),
            CIRCULAR_SMTP_HOST="127.0.0.1",
            CIRCULAR_SMTP_PORT=str(server.port),
            CIRCULAR_SMTP_SECURITY="none",
            CIRCULAR_SMTP_RATE_PER_MINUTE="600",  # 10 a second: the kill lands mid-send
        )
        log = tmp_path / "worker.log"
        worker = start_worker(env, log)
        try:
            first = run_deployment(deployment, parameters=parameters, timeout=0)
            wait_until(
                lambda: len(handler.received) >= KILL_AFTER or worker.poll() is not None,
                "the first letters of the first run",
                timeout=240,
            )
            assert worker.poll() is None, log.read_text()
            killed = kill_tree(worker)
            received_at_kill = len(handler.received)
            assert received_at_kill < LETTERS, "the run ended before the kill"

            worker = start_worker(env, log)
            second = run_deployment(deployment, parameters=parameters, timeout=0)
            final_state = wait_for_final_state(second.id, timeout=300)
        finally:
            if worker.poll() is None:
                kill_tree(worker)
        received = handler.message_ids()
    assert final_state == "Completed", log.read_text()[-3000:]
    tally = check_exactly_once(url, received)
    assert tally.letters == LETTERS
    # The letters in flight at the kill were settled as unknown (received, never confirmed):
    # not sent again, and shown for a person to decide.
    assert tally.unknown >= 1 and tally.unknown_received == tally.unknown
    ledger = Ledger(url)
    with ledger.session() as session:
        left = session.scalars(select(Message).where(Message.status == MessageStatus.SENDING))
        assert list(left) == []
    ledger.dispose()
    print(
        f"\nworker (+ flow-run process: {killed} processes) killed after {received_at_kill} of "
        f"{LETTERS} letters; first run {first.id}; after the re-run: {tally}"
    )

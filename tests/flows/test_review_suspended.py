"""Review runs of the deployment, on a real worker: each reply waiting for a person gets one
run, which suspends (its worker process ends, so waiting replies hold no process), refuses
invalid input, and on a valid Resume runs again from the top and records the decision.

The real thing: the ``prefect_server`` fixture's server, flows/review.py deployed to a
``process`` work pool, and ``prefect worker start`` in a subprocess."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from circular.ledger import Ledger, Reply
from flows.review import request_reviews
from tests.followups.test_review_report import story  # noqa: F401 (fixture)
from tests.reliability.test_fault_worker import kill_tree, process_tree
from tests.support.fault_support import ROOT

pytestmark = [pytest.mark.prefect, pytest.mark.slow]

POOL = "circular-review"


def _runs_in(run_ids: list[str], timeout: float, done) -> list:  # type: ignore[no-untyped-def]
    from prefect.client.orchestration import get_client

    deadline = time.monotonic() + timeout
    with get_client(sync_client=True) as client:
        while True:
            runs = [client.read_flow_run(run_id) for run_id in run_ids]  # type: ignore[arg-type]
            if all(run.state is not None and done(run.state) for run in runs):
                return runs
            states = [run.state.name if run.state else None for run in runs]
            assert time.monotonic() < deadline, f"review runs still {states}"
            time.sleep(0.5)


def test_review_runs_suspend_free_the_worker_and_record_the_decision(
    prefect_server: None,
    ledger: Ledger,
    story: dict[str, int],  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    from prefect import flow
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.actions import WorkPoolCreate
    from prefect.exceptions import ObjectAlreadyExists
    from prefect.flow_runs import resume_flow_run
    from prefect.settings import PREFECT_API_URL

    with get_client(sync_client=True) as client, contextlib.suppress(ObjectAlreadyExists):
        client.create_work_pool(WorkPoolCreate(name=POOL, type="process"))
    flow.from_source(source=str(ROOT), entrypoint="flows/review.py:review_reply").deploy(
        name="suspended", work_pool_name=POOL, build=False, print_next_steps=False
    )
    monkeypatch.setenv("CIRCULAR_DATABASE_URL", ledger.url)
    run_ids = request_reviews(deployment_name="review-reply/suspended")
    assert len(run_ids) == 2  # the 'other' and the stranger's reply
    assert request_reviews(deployment_name="review-reply/suspended") == run_ids

    env = {k: v for k, v in os.environ.items() if not k.startswith("CIRCULAR_")}
    env.update(
        PYTHONPATH=str(ROOT),
        PREFECT_API_URL=str(PREFECT_API_URL.value()),
        PREFECT_WORKER_QUERY_SECONDS="1",
        CIRCULAR_DATABASE_URL=ledger.url,
    )
    log = tmp_path / "worker.log"
    worker = subprocess.Popen(
        [sys.executable, "-m", "prefect", "worker", "start", "--pool", POOL, "--type", "process"],
        cwd=ROOT,
        env=env,
        stdout=log.open("a"),
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        runs = _runs_in(run_ids, 240, lambda state: state.is_paused() or state.is_final())
        assert [run.state.name for run in runs] == ["Suspended", "Suspended"], log.read_text()
        # The flow-run processes exit once suspended; on a loaded machine that takes a moment.
        deadline = time.monotonic() + 60
        while process_tree(worker.pid) != [worker.pid] and time.monotonic() < deadline:
            time.sleep(0.5)
        assert process_tree(worker.pid) == [worker.pid], "a suspended review holds a process"

        waiting = runs[0]
        with pytest.raises(RuntimeError, match="kind"):
            resume_flow_run(waiting.id, run_input={"kind": "maybe"})
        resume_flow_run(waiting.id, run_input={"kind": "decline", "note": "letter of 3 March"})
        (done,) = _runs_in([str(waiting.id)], 240, lambda state: state.is_final())
        assert done.state.name == "Completed", log.read_text()[-3000:]
    finally:
        kill_tree(worker)
    reply_id = waiting.parameters["reply_id"]
    with ledger.session() as session:
        reply = session.get(Reply, reply_id)
        assert reply is not None
        assert (reply.kind, reply.decided_by, reply.decision_note) == (
            "decline",
            "person",
            "letter of 3 March (decided by the Prefect UI)",
        )

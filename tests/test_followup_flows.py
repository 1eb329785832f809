"""The follow-up, review and report flows against a real Prefect server."""

from __future__ import annotations

import json
import threading
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml
from prefect import get_client
from prefect.artifacts import Artifact
from prefect.client.schemas.filters import (
    FlowFilter,
    FlowFilterName,
    FlowRunFilter,
    FlowRunFilterTags,
)
from prefect.flow_runs import resume_flow_run

from circular.ledger import Ledger, Reply
from flows.followup import followup, schedule_reminder_waves
from flows.report import report
from flows.review import review_reply
from tests.followup_support import copy_campaign
from tests.test_review_report import story  # noqa: F401 (fixture)

pytestmark = pytest.mark.usefixtures("prefect_server")
ZURICH = ZoneInfo("Europe/Zurich")


def _set_deadline(folder: Path, day: str) -> None:
    path = folder / "campaign.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["deadline"]["date"] = day
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def _wave_runs(campaign: str) -> list:  # type: ignore[type-arg]
    with get_client(sync_client=True) as client:
        return client.read_flow_runs(
            flow_run_filter=FlowRunFilter(
                tags=FlowRunFilterTags(all_=["circular", f"campaign:{campaign}", "wave"])
            )
        )


def test_waves_become_scheduled_runs_once_and_follow_the_deadline(tmp_path: Path) -> None:
    followup.to_deployment(name="followup").apply()
    campaign = copy_campaign(tmp_path)
    folder = str(campaign.folder)
    _set_deadline(campaign.folder, "2030-03-01")  # a Friday

    first = schedule_reminder_waves(folder)
    expected = [
        datetime(2030, 2, 15, 9, tzinfo=ZURICH),
        datetime(2030, 2, 22, 9, tzinfo=ZURICH),
        datetime(2030, 2, 28, 9, tzinfo=ZURICH),
    ]
    assert [at for _id, _kind, at in first.runs] == expected
    runs = _wave_runs("cl-21-4")
    assert len(runs) == 3 and {r.state.type.value for r in runs} == {"SCHEDULED"}
    assert sorted(r.expected_start_time for r in runs) == expected
    assert sorted(r.parameters["wave"] for r in runs) == [1, 2, 3]

    again = schedule_reminder_waves(folder)
    assert [r[0] for r in again.runs] == [r[0] for r in first.runs] and not again.cancelled
    assert len(_wave_runs("cl-21-4")) == 3

    _set_deadline(campaign.folder, "2030-03-15")
    moved = schedule_reminder_waves(folder)
    assert sorted(moved.cancelled) == sorted(r[0] for r in first.runs)
    states = {str(r.id): r.state.type.value for r in _wave_runs("cl-21-4")}
    assert len(states) == 6
    assert {states[r[0]] for r in first.runs} == {"CANCELLED"}
    assert {states[r[0]] for r in moved.runs} == {"SCHEDULED"}
    assert [at.date().isoformat() for _i, _k, at in moved.runs] == [
        "2030-03-01",
        "2030-03-08",
        "2030-03-14",
    ]


def _paused_run(name: str, timeout: float = 60.0):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    with get_client(sync_client=True) as client:
        while time.monotonic() < deadline:
            runs = client.read_flow_runs(flow_filter=FlowFilter(name=FlowFilterName(any_=[name])))
            paused = [r for r in runs if r.state and r.state.is_paused()]
            if paused:
                return paused[0]
            time.sleep(0.5)
    raise AssertionError(f"no paused {name} run")


def test_review_form_pauses_rejects_bad_input_and_records_the_decision(
    ledger: Ledger,
    story: dict[str, int],  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CIRCULAR_DATABASE_URL", ledger.url)
    reply_id = story[list(story)[2]]  # the 'other'
    outcome: dict[str, object] = {}
    worker = threading.Thread(
        target=lambda: outcome.update(result=review_reply(reply_id, timeout=120)), daemon=True
    )
    worker.start()
    paused = _paused_run("review-reply")
    assert paused.parameters["reply_id"] == reply_id

    with pytest.raises(RuntimeError):
        resume_flow_run(paused.id, run_input={"kind": "maybe"})
    with get_client(sync_client=True) as client:
        assert client.read_flow_run(paused.id).state.is_paused()

    resume_flow_run(paused.id, run_input={"kind": "accept", "note": "phoned the ministry"})
    worker.join(60)
    assert outcome["result"] == {
        "reply_id": reply_id,
        "kind": "accept",
        "note": "phoned the ministry",
    }
    with ledger.session() as session:
        reply = session.get(Reply, reply_id)
        assert reply is not None
        assert (reply.kind, reply.decided_by, reply.decision_note) == (
            "accept",
            "person",
            "phoned the ministry",
        )


def test_report_flow_publishes_table_summary_and_excel(
    ledger: Ledger,
    story: dict[str, int],  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CIRCULAR_DATABASE_URL", ledger.url)
    monkeypatch.setenv("CIRCULAR_REPORTS_DIR", str(tmp_path / "reports"))
    campaign = copy_campaign(tmp_path / "c")
    result = report(str(campaign.folder))
    assert result["rows"] == 5
    assert Path(result["xlsx"]) == tmp_path / "reports" / "cl-21-4.xlsx"
    assert Path(result["xlsx"]).is_file()
    table = Artifact.get("cl-21-4-status")
    summary = Artifact.get("cl-21-4-summary")
    assert table is not None and summary is not None
    assert table.type == "table" and summary.type == "markdown"
    records = json.loads(table.data) if isinstance(table.data, str) else table.data
    outcomes = sorted(r["outcome"] for r in records)
    assert outcomes == ["accepted", "awaiting", "awaiting", "declined", "needs_review"]
    assert "| accepted | 1 |" in summary.data and "CL-21/4" in summary.data

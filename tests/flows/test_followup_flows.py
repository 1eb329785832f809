"""The follow-up, review and report flows against a real Prefect server."""

from __future__ import annotations

import json
import threading
import time
from datetime import UTC, date, datetime, timedelta
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
from sqlalchemy import select

from circular.campaign import load_campaign
from circular.followups.reminders import campaign_waves, invited_timing
from circular.ledger import Ledger, Message, Reply
from circular.sending.outbox import SendOptions, send
from circular.sending.outgoing import campaign_messages
from circular.sending.smtp import SmtpConfig
from circular.settings import load_settings
from flows.followup import followup, schedule_reminder_waves
from flows.report import report
from flows.review import request_reviews, review_reply
from tests.followups.test_review_report import story  # noqa: F401 (fixture)
from tests.servers.smtp_server import RecordingHandler, smtp_server
from tests.support.followup_support import add_contacts, copy_campaign, sample_rows

pytestmark = pytest.mark.usefixtures("prefect_server")
ZURICH = ZoneInfo("Europe/Zurich")


def _set_deadline(folder: Path, day: str) -> None:
    path = folder / "campaign.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["deadline"]["date"] = day
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def _forget_runs(campaign: str) -> None:
    """Delete the runs other tests scheduled for ``campaign`` on this shared server: their
    idempotency keys (campaign, wave, time, deadline) would hand them back to this test."""
    with get_client(sync_client=True) as client:
        for run in client.read_flow_runs(
            flow_run_filter=FlowRunFilter(
                tags=FlowRunFilterTags(all_=["circular", f"campaign:{campaign}"])
            )
        ):
            client.delete_flow_run(run.id)


def _wave_runs(campaign: str) -> list:  # type: ignore[type-arg]
    with get_client(sync_client=True) as client:
        return client.read_flow_runs(
            flow_run_filter=FlowRunFilter(
                tags=FlowRunFilterTags(all_=["circular", f"campaign:{campaign}", "wave"])
            )
        )


def test_waves_become_scheduled_runs_once_and_follow_the_deadline(
    ledger: Ledger, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    followup.to_deployment(name="followup").apply()
    _forget_runs("cl-21-4")
    monkeypatch.setenv("CIRCULAR_DATABASE_URL", ledger.url)
    campaign = copy_campaign(tmp_path)
    add_contacts(ledger, sample_rows({"en": 1, "fr": 1}), tmp_path / "out")  # Kabul, Andorra
    folder = str(campaign.folder)
    _set_deadline(campaign.folder, "2030-03-01")  # a Friday
    now = datetime(2030, 1, 1, tzinfo=UTC)

    first = schedule_reminder_waves(folder, now=now)
    # Each wave: 09:00 in Kabul on its Thursday (Friday is the weekend there), then 09:00
    # in Andorra la Vella on the wave's day.
    expected = [
        datetime(2030, 2, 14, 4, 30, tzinfo=UTC),
        datetime(2030, 2, 15, 8, tzinfo=UTC),
        datetime(2030, 2, 21, 4, 30, tzinfo=UTC),
        datetime(2030, 2, 22, 8, tzinfo=UTC),
        datetime(2030, 2, 28, 4, 30, tzinfo=UTC),
        datetime(2030, 2, 28, 8, tzinfo=UTC),
    ]
    assert [run.at for run in first.runs] == expected
    assert [run.letters for run in first.runs] == [1] * 6
    runs = _wave_runs("cl-21-4")
    assert len(runs) == 6 and {r.state.type.value for r in runs} == {"SCHEDULED"}
    assert sorted(r.expected_start_time for r in runs) == expected
    assert sorted(r.parameters["wave"] for r in runs) == [1, 1, 2, 2, 3, 3]
    assert "cl-21-4 · reminder-1 · 14 Feb 04:30 UTC · Asia/Kabul" in {r.name for r in runs}

    again = schedule_reminder_waves(folder, now=now)
    assert [r.id for r in again.runs] == [r.id for r in first.runs] and not again.cancelled
    assert len(_wave_runs("cl-21-4")) == 6

    _set_deadline(campaign.folder, "2030-03-15")
    moved = schedule_reminder_waves(folder, now=now)
    assert sorted(moved.cancelled) == sorted(r.id for r in first.runs)
    states = {str(r.id): r.state.type.value for r in _wave_runs("cl-21-4")}
    assert len(states) == 12
    assert {states[r.id] for r in first.runs} == {"CANCELLED"}
    assert {states[r.id] for r in moved.runs} == {"SCHEDULED"}
    assert [f"{run.kind} {run.at:%m-%d}" for run in moved.runs] == [
        "reminder-1 02-28",
        "reminder-1 03-01",
        "reminder-2 03-07",
        "reminder-2 03-08",
        "reminder-3 03-13",  # Andorra: 14 March is Constitution Day
        "reminder-3 03-14",
    ]


def _paused_run(name: str, reply_id: int, timeout: float = 60.0):  # type: ignore[no-untyped-def]
    # Other tests leave review runs of their own (suspended ones) on this server.
    deadline = time.monotonic() + timeout
    with get_client(sync_client=True) as client:
        while time.monotonic() < deadline:
            runs = client.read_flow_runs(flow_filter=FlowFilter(name=FlowFilterName(any_=[name])))
            paused = [
                r
                for r in runs
                if r.state and r.state.name == "Paused" and r.parameters["reply_id"] == reply_id
            ]
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
    paused = _paused_run("review-reply", reply_id)
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
            "phoned the ministry (decided by the Prefect UI)",
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


def test_followup_flow_sends_a_wave_and_schedules_the_deferred_run(
    ledger: Ledger, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    followup.to_deployment(name="followup").apply()
    today = datetime.now(ZURICH).date()
    campaign = copy_campaign(tmp_path)
    data = yaml.safe_load((campaign.folder / "campaign.yaml").read_text(encoding="utf-8"))
    data["date"] = (today - timedelta(days=20)).isoformat()
    data["deadline"]["date"] = (today + timedelta(days=12)).isoformat()
    data["id"] = "cl-21-5"  # its own tags on the shared server
    folder = tmp_path / "letters" / "cl-21-5"
    campaign.folder.rename(folder)
    (folder / "campaign.yaml").write_text(yaml.safe_dump(data, allow_unicode=True))
    ids = add_contacts(ledger, sample_rows({"en": 2}), tmp_path / "out", campaign="cl-21-5")
    away_key, other_key = ids
    handler = RecordingHandler()
    with smtp_server(handler) as (controller, _):
        for name, value in {
            "CIRCULAR_DATABASE_URL": ledger.url,
            "CIRCULAR_SMTP_HOST": "127.0.0.1",
            "CIRCULAR_SMTP_PORT": str(controller.port),
            "CIRCULAR_SMTP_SECURITY": "none",
            "CIRCULAR_OUT_DIR": str(tmp_path / "out"),
            "CIRCULAR_IMAP_SENT_FOLDER": "",
        }.items():
            monkeypatch.setenv(name, value)
        loaded = load_campaign(folder)
        built = campaign_messages(ledger, loaded, tmp_path / "out")
        send(ledger, built.messages, SmtpConfig.from_settings(load_settings()), SendOptions())
        away_until = today + timedelta(days=2)
        with ledger.session() as session:
            away = session.scalars(select(Message).where(Message.contact_id == ids[away_key])).one()
            session.add(
                Reply(
                    campaign="cl-21-5",
                    mailbox="m",
                    uidvalidity=1,
                    uid=1,
                    kind="auto_reply",
                    return_date=away_until,
                    matched_message_id=away.id,
                )
            )
        # The clock of the run: when the other contact's window of wave 1 opened (past).
        plan = invited_timing(ledger, loaded)
        now = plan.slots[1][ids[other_key]].start
        result = followup(str(folder), wave=1, now=now)
    wave_run = result["runs"][0]
    assert wave_run["sent"] == [other_key] and list(wave_run["deferred"]) == [away_key]
    deferred_at = datetime.fromisoformat(wave_run["deferred"][away_key])
    assert deferred_at.date() > away_until
    with get_client(sync_client=True) as client:
        runs = client.read_flow_runs(
            flow_run_filter=FlowRunFilter(
                tags=FlowRunFilterTags(all_=["circular", "campaign:cl-21-5", "deferred"])
            )
        )
    assert [(r.expected_start_time, r.parameters["wave"]) for r in runs] == [(deferred_at, None)]


def test_one_review_run_per_waiting_reply(
    ledger: Ledger,
    story: dict[str, int],  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CIRCULAR_DATABASE_URL", ledger.url)
    review_reply.to_deployment(name="review-reply").apply()
    first = request_reviews()
    assert len(first) == 2  # the 'other' and the stranger's
    assert request_reviews() == first
    with get_client(sync_client=True) as client:
        runs = [client.read_flow_run(run_id) for run_id in first]
    assert sorted(r.parameters["reply_id"] for r in runs) == sorted(list(story.values())[2:])


def test_demo_schedules_the_waves_of_a_campaign_shifted_to_today(
    ledger: Ledger, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    followup.to_deployment(name="followup").apply()
    _forget_runs("cl-21-4")
    monkeypatch.setenv("CIRCULAR_DATABASE_URL", ledger.url)
    campaign = copy_campaign(tmp_path)
    add_contacts(ledger, sample_rows({"es": 1, "zh": 1}), tmp_path / "out")
    day = date(2026, 12, 6)  # the demo's day in issue 17
    now = datetime(2026, 12, 6, 12, tzinfo=UTC)
    scheduled = schedule_reminder_waves(str(campaign.folder), shifted_to=day, now=now)
    shifted = campaign.shifted_to(day)
    assert sorted({run.at.date() for run in scheduled.runs}) <= [
        w.day for w in campaign_waves(shifted)
    ]
    assert {run.kind for run in scheduled.runs} == {"reminder-1", "reminder-2", "reminder-3"}
    with get_client(sync_client=True) as client:
        runs = [client.read_flow_run(run.id) for run in scheduled.runs]
    assert {r.parameters["shifted_to"] for r in runs} == {day.isoformat()}

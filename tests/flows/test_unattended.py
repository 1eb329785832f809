"""Unattended running against a real Prefect server: the continuation a quota-stopped campaign
run schedules, and what `make deploy` sets up (the SMTP global concurrency limit and the
zombie-run automation)."""

from __future__ import annotations

import os
import sys
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from prefect import get_client
from prefect.automations import Automation

from circular.ledger import Contact, Ledger, utcnow

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.prefect, pytest.mark.usefixtures("prefect_server")]


def test_a_quota_schedules_one_continuation_run_at_the_resume_time() -> None:
    from flows.campaign import campaign_flow, schedule_continuation

    campaign_flow.to_deployment(name="campaign").apply()
    resume_at = (utcnow() + timedelta(hours=20)).replace(microsecond=0)
    first = schedule_continuation("cl-21-4", resume_at)
    again = schedule_continuation("cl-21-4", resume_at)  # a re-run of the stopped run
    assert first == again
    with get_client(sync_client=True) as client:
        run = client.read_flow_run(first)
    print(f"continuation {run.name}: {run.state_name} at {run.expected_start_time}")
    assert run.state_name == "Scheduled" and run.expected_start_time == resume_at
    assert run.parameters == {"campaign": "cl-21-4"}
    assert run.name == "cl-21-4 · invitations (continued)"


def test_deploy_setup_creates_the_limit_and_the_zombie_automation() -> None:
    sys.path.insert(0, str(ROOT / "tools"))
    import prefect_setup

    assert prefect_setup.ensure_smtp_limit(0).startswith("no circular-smtp limit")
    created = prefect_setup.ensure_smtp_limit(120)
    assert created == "circular-smtp: created (120 recipients, 2 slots/s decay)"
    assert prefect_setup.ensure_smtp_limit(600).startswith("circular-smtp: kept (limit 120")
    assert prefect_setup.ensure_zombie_automation().endswith("created")
    assert prefect_setup.ensure_zombie_automation().endswith("kept")
    automation = Automation.read(name=prefect_setup.ZOMBIE_AUTOMATION)
    assert automation.trigger.posture == "Proactive"
    assert automation.trigger.within == timedelta(seconds=90)
    assert automation.actions[0].type == "change-flow-run-state"


def test_reconcile_starts_the_missing_campaign_run_once(tmp_path: Path, ledger: Ledger) -> None:
    """A campaign whose contacts landed but whose event was lost: the reconcile schedule starts
    its run; a second reconcile, with that run due, starts none."""
    from flows.campaign import campaign_flow
    from flows.reconcile import reconcile

    campaign_flow.to_deployment(name="campaign").apply()
    campaign = f"cl-{uuid.uuid4().int % 90 + 10}-9"  # this server holds other tests' runs
    with ledger.session() as session:
        session.add(Contact(campaign=campaign, contact_key="ESP", iso3="ESP", language="es",
                            email="ministra@esp.example", cc=[]))  # fmt: skip
    os.environ["CIRCULAR_DATABASE_URL"] = ledger.url
    try:
        first = reconcile(followup_deployment="followup/none", review_deployment="review/none")
        again = reconcile(followup_deployment="followup/none", review_deployment="review/none")
    finally:
        del os.environ["CIRCULAR_DATABASE_URL"]
    print(f"reconcile 1 started {first['started']}; reconcile 2 started {again['started']}")
    assert len(first["started"]) == 1 and again["started"] == []
    with get_client(sync_client=True) as client:
        run = client.read_flow_run(first["started"][0])
    assert (run.parameters, run.state_name) == ({"campaign": campaign}, "Scheduled")
    assert "reconcile" in run.tags

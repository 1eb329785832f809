"""The ``followup`` flow and the scheduling of a campaign's reminder waves.

Each wave becomes a scheduled run of the follow-up deployment at its time, visible in the UI
as an upcoming run. The idempotency key holds the campaign, the wave and the deadline, so
scheduling again creates nothing new; when the deadline in campaign.yaml changes, the runs
scheduled for the old deadline are cancelled and new ones made. A wave run reads the ledger
when it runs (``circular.followups.reminders``), not when it was scheduled. A contact out of office
gets a deferred reminder: the wave schedules one more run at that time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from prefect import flow, get_client, get_run_logger
from prefect.client.schemas.filters import (
    FlowRunFilter,
    FlowRunFilterState,
    FlowRunFilterStateType,
    FlowRunFilterTags,
)
from prefect.client.schemas.objects import StateType
from prefect.deployments import run_deployment
from prefect.exceptions import ObjectNotFound
from prefect.states import Cancelled

from circular.campaign import Campaign, load_campaign
from circular.followups.reminders import campaign_waves, followup_now
from circular.ledger import utcnow
from flows.common import flow_settings

DEPLOYMENT = "followup/followup"


def campaign_tags(campaign: Campaign) -> list[str]:
    """The tags every scheduled follow-up run of ``campaign`` carries."""
    return ["circular", f"campaign:{campaign.id}"]


def deadline_tag(campaign: Campaign) -> str:
    """The tag naming the deadline version a run was scheduled for."""
    return f"deadline:{campaign.deadline.at.isoformat()}"


def load_for_run(campaign_dir: str, shifted_to: date | None = None) -> Campaign:
    """The campaign of ``campaign_dir``; with ``shifted_to`` (the demo), its dates moved so that
    the letter is dated that day (``Campaign.shifted_to``)."""
    campaign = load_campaign(campaign_dir)
    return campaign.shifted_to(shifted_to) if shifted_to is not None else campaign


@dataclass
class Scheduled:
    """What ``schedule_reminder_waves`` did: runs (id, wave kind, time) and cancelled ids."""

    runs: list[tuple[str, str, datetime]] = field(default_factory=list)
    cancelled: list[str] = field(default_factory=list)


def _schedule(
    deployment_name: str,
    campaign_dir: str,
    wave: int | None,
    at: datetime,
    key: str,
    tags: list[str],
    name: str,
    shifted_to: date | None = None,
) -> Any:
    # timeout=0: create the scheduled run and return at once (do not wait for it).
    return run_deployment(
        deployment_name,
        parameters={
            "campaign_dir": campaign_dir,
            "wave": wave,
            "shifted_to": shifted_to.isoformat() if shifted_to else None,
        },
        scheduled_time=at,
        idempotency_key=key,
        tags=tags,
        # Named now, as the UI lists upcoming runs by name: "cl-21-4 · reminder-1".
        flow_run_name=name,
        timeout=0,
        as_subflow=False,
    )


def schedule_reminder_waves(
    campaign_dir: str,
    deployment_name: str = DEPLOYMENT,
    *,
    now: datetime | None = None,
    shifted_to: date | None = None,
) -> Scheduled:
    """Schedule one run of the follow-up deployment per reminder wave still ahead of ``now``,
    and cancel the scheduled wave runs of an older deadline of the same campaign.
    ``shifted_to`` (the demo) moves the campaign's dates first, and is passed to the runs."""
    campaign = load_for_run(campaign_dir, shifted_to)
    now = now or utcnow()
    version = campaign.deadline.at.isoformat()
    tags = [*campaign_tags(campaign), "wave", deadline_tag(campaign)]
    result = Scheduled()
    for wave in campaign_waves(campaign):
        if wave.at <= now:
            continue  # a wave whose time has passed is not sent late
        run = _schedule(
            deployment_name,
            campaign_dir,
            wave.number,
            wave.at,
            f"{campaign.id}:{wave.kind}:{version}",
            [*tags, wave.kind],
            f"{campaign.id} · {wave.kind}",
            shifted_to,
        )
        result.runs.append((str(run.id), wave.kind, wave.at))
    with get_client(sync_client=True) as client:
        scheduled = client.read_flow_runs(
            flow_run_filter=FlowRunFilter(
                tags=FlowRunFilterTags(all_=[*campaign_tags(campaign), "wave"]),
                state=FlowRunFilterState(type=FlowRunFilterStateType(any_=[StateType.SCHEDULED])),
            )
        )
        for run in scheduled:
            if deadline_tag(campaign) not in run.tags:
                client.set_flow_run_state(
                    run.id,
                    Cancelled(message=f"the deadline of {campaign.id} changed to {version}"),
                    force=True,
                )
                result.cancelled.append(str(run.id))
    return result


@flow(name="followup")
def followup(
    campaign_dir: str,
    wave: int | None = None,
    deployment_name: str = DEPLOYMENT,
    shifted_to: date | None = None,
) -> dict[str, Any]:
    """Send reminder wave ``wave`` (or, with none, the deferred reminders now due) and the
    acknowledgements not sent yet; schedule a run for each deferred reminder's time.
    ``shifted_to`` (the demo) runs the campaign with its dates moved to that day."""
    campaign = load_for_run(campaign_dir, shifted_to)
    results = followup_now(flow_settings(), campaign, wave, now=utcnow())
    logger = get_run_logger()
    for at in sorted(set(results[0].deferred.values())):
        try:
            _schedule(
                deployment_name,
                campaign_dir,
                None,
                at,
                f"{campaign.id}:deferred:{at.isoformat()}",
                [*campaign_tags(campaign), "deferred"],
                f"{campaign.id} · deferred reminders",
                shifted_to,
            )
        except ObjectNotFound:
            logger.warning(
                "no deployment %s: the reminders deferred to %s wait for the next run",
                deployment_name,
                at.isoformat(),
            )
    for result in results:
        for problem in result.problems:
            logger.warning(problem)
    return {"runs": [r.as_dict() for r in results]}

"""The ``followup`` flow and the scheduling of a campaign's reminder waves.

A wave is a day; each recipient gets it in their own send window
(``circular.sending.windows``). The windows of a wave are grouped, and each group becomes a
scheduled run of the follow-up deployment at its time, named with the wave, the UTC time and
the time zones it serves ("cl-21-4 · reminder-1 · 15 Feb 08:00 UTC · Africa/Lagos, Europe/Zurich
+67"): 193 countries make a dozen runs a wave, visible in the UI as upcoming runs. The
idempotency key holds the campaign, the wave, the run's time and the deadline, so scheduling
again creates nothing new; when the deadline (or the contacts, hence the groups) change, the
scheduled runs no longer wanted are cancelled and new ones made. A wave run reads the ledger
when it runs (``circular.followups.reminders``), not when it was scheduled. A contact out of office
gets a deferred reminder: the wave schedules one more run at that time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, NamedTuple

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
from circular.followups.reminders import campaign_timing, followup_now
from circular.followups.waves import Wave
from circular.ledger import contacts_of, utcnow
from circular.sending.windows import SendGroup
from flows.common import flow_ledger, flow_settings

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


class ScheduledRun(NamedTuple):
    """One scheduled run of a wave: its id, the wave's kind, its time, how many letters it
    sends (as the contacts stand when scheduled) and the time zones of their recipients."""

    id: str
    kind: str
    at: datetime
    letters: int
    zones: tuple[str, ...]


@dataclass
class Scheduled:
    """What ``schedule_reminder_waves`` did: the runs scheduled and the ids cancelled."""

    runs: list[ScheduledRun] = field(default_factory=list)
    cancelled: list[str] = field(default_factory=list)


def wave_run_name(campaign: Campaign, wave: Wave, group: SendGroup, shown: int = 3) -> str:
    """The run's name in the UI: campaign, wave, UTC time and the zones it serves."""
    return group_run_name(campaign, wave.kind, group, shown)


def group_run_name(campaign: Campaign, kind: str, group: SendGroup, shown: int = 3) -> str:
    """A run serving a group of send windows, named for the UI: campaign, kind (a wave,
    ``invitations``), UTC time and the zones it serves."""
    zones = ", ".join(group.zones[:shown])
    if len(group.zones) > shown:
        zones += f" +{len(group.zones) - shown}"
    return f"{campaign.id} · {kind} · {group.at.astimezone(UTC):%d %b %H:%M} UTC · {zones}"


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
    """Schedule one run of the follow-up deployment per group of send windows of each wave
    still ahead of ``now`` (over the campaign's contacts in the ledger), and cancel the
    scheduled wave runs of the same campaign no longer wanted (an older deadline, groups that
    changed). ``shifted_to`` (the demo) moves the campaign's dates first, and is passed to the
    runs. A campaign whose window cannot fit raises ReminderError naming the countries."""
    campaign = load_for_run(campaign_dir, shifted_to)
    now = now or utcnow()
    version = campaign.deadline.at.isoformat()
    tags = [*campaign_tags(campaign), "wave", deadline_tag(campaign)]
    ledger = flow_ledger(flow_settings())
    try:
        with ledger.session() as session:
            plan = campaign_timing(campaign, contacts_of(session, campaign.id))
    finally:
        ledger.dispose()
    result = Scheduled()
    for wave in plan.waves:
        for group in plan.groups(wave):
            if group.at <= now:
                continue  # a window that has opened is served by the run already there
            run = _schedule(
                deployment_name,
                campaign_dir,
                wave.number,
                group.at,
                f"{campaign.id}:{wave.kind}:{group.at.astimezone(UTC).isoformat()}:{version}",
                [*tags, wave.kind],
                wave_run_name(campaign, wave, group),
                shifted_to,
            )
            result.runs.append(
                ScheduledRun(str(run.id), wave.kind, group.at, len(group.members), group.zones)
            )
    wanted = {run.id for run in result.runs}
    with get_client(sync_client=True) as client:
        scheduled = client.read_flow_runs(
            flow_run_filter=FlowRunFilter(
                tags=FlowRunFilterTags(all_=[*campaign_tags(campaign), "wave"]),
                state=FlowRunFilterState(type=FlowRunFilterStateType(any_=[StateType.SCHEDULED])),
            )
        )
        for run in scheduled:
            ahead = run.expected_start_time is None or run.expected_start_time > now
            if str(run.id) not in wanted and ahead:
                changed = "deadline" if deadline_tag(campaign) not in run.tags else "schedule"
                client.set_flow_run_state(
                    run.id,
                    Cancelled(message=f"the {changed} of {campaign.id} changed ({version})"),
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
    now: datetime | None = None,
) -> dict[str, Any]:
    """Send reminder wave ``wave`` to the contacts whose send window is open (or, with no
    wave, the deferred reminders now due) and the acknowledgements not sent yet; schedule a
    run for each deferred reminder's time. ``shifted_to`` (the demo) runs the campaign with
    its dates moved to that day; ``now`` replaces the clock (tests, a replay)."""
    campaign = load_for_run(campaign_dir, shifted_to)
    results = followup_now(flow_settings(), campaign, wave, now=now or utcnow())
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

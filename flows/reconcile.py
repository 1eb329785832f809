"""The ``reconcile`` flow: a schedule, so that nothing depends on one event arriving.

Every few minutes it looks at the ledger and at the runs in progress, and starts what is
missing, idempotently with the event-triggered runs:

- a campaign with letters not yet sent (pending, or left ``sending`` by a dead run) and no
  campaign run in progress gets one. This is also how a run that died is followed up: once
  the zombie automation (``make deploy``) marks it Crashed, the next reconcile starts a new
  run, whose first step settles the letters the dead one left ``sending``;
- a reminder wave with letters not yet sent and no follow-up run in progress gets its run again
  (a wave sends each reminder once: the ledger);
- a ``review-reply`` run waiting in the UI for a reply already decided with ``circular decide``
  is cancelled, naming the decision (one decision, two doors).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from prefect import flow, get_client, get_run_logger
from prefect.client.schemas.filters import (
    DeploymentFilter,
    DeploymentFilterName,
    FlowRunFilter,
    FlowRunFilterState,
    FlowRunFilterStateType,
)
from prefect.client.schemas.objects import FlowRun, StateType
from prefect.deployments import run_deployment
from prefect.runtime import flow_run
from prefect.states import Cancelled
from sqlalchemy import select

from circular.followups.review import ReviewItem, review_item
from circular.ledger import Contact, Message, MessageKind, MessageStatus, Reply, ReplyStatus
from flows.common import flow_ledger, flow_settings

#: States of a run that is still going (or about to): a second one would be redundant.
IN_PROGRESS = [StateType.SCHEDULED, StateType.PENDING, StateType.RUNNING, StateType.PAUSED]
UNSENT = (MessageStatus.PENDING, MessageStatus.SENDING)


def unsent_work() -> tuple[list[str], list[tuple[str, int]]]:
    """Campaigns with invitations not yet sent (a contact without a sent, failed... invitation)
    and (campaign, wave) pairs with reminders not yet sent."""
    ledger = flow_ledger(flow_settings())
    try:
        with ledger.session() as session:
            settled = (
                select(Message.contact_id)
                .where(Message.kind == MessageKind.INVITATION)
                .where(Message.status.not_in(UNSENT))
            )
            campaigns = sorted(
                set(session.scalars(select(Contact.campaign).where(Contact.id.not_in(settled))))
            )
            reminders = session.execute(
                select(Message.campaign, Message.kind)
                .where(Message.kind.like("reminder-%"), Message.status.in_(UNSENT))
                .distinct()
            ).all()
    finally:
        ledger.dispose()
    waves = sorted((campaign, int(kind.split("-")[1])) for campaign, kind in reminders)
    return campaigns, waves


def runs_in_progress(deployment_name: str) -> list[FlowRun]:
    """The runs of ``deployment_name`` (``flow/deployment``) not finished, scheduled for now."""
    with get_client(sync_client=True) as client:
        return client.read_flow_runs(
            deployment_filter=DeploymentFilter(
                name=DeploymentFilterName(any_=[deployment_name.split("/")[-1]])
            ),
            flow_run_filter=FlowRunFilter(
                state=FlowRunFilterState(type=FlowRunFilterStateType(any_=IN_PROGRESS))
            ),
        )


def _busy(runs: list[FlowRun], key: str, value: object) -> bool:
    """Whether a run of ``runs`` whose parameter ``key`` names ``value`` (an id, or a folder
    of that name) is going or due now. A continuation scheduled for tomorrow is not."""
    now = datetime.now(UTC)
    for run in runs:
        if str(run.parameters.get(key)).rsplit("/", 1)[-1] != str(value):
            continue
        later = run.state_type == StateType.SCHEDULED and (run.expected_start_time or now) > now
        if not later:
            return True
    return False


def decided_reviews(runs: list[FlowRun]) -> list[tuple[FlowRun, ReviewItem]]:
    """Review runs waiting in the UI whose reply a person already decided elsewhere."""
    ledger = flow_ledger(flow_settings())
    decided = []
    try:
        with ledger.session() as session:
            for run in runs:
                reply = session.get(Reply, run.parameters.get("reply_id"))
                if reply is not None and reply.status == ReplyStatus.DONE:
                    decided.append((run, review_item(session, reply.id)))
    finally:
        ledger.dispose()
    return decided


@flow(name="reconcile", flow_run_name="reconcile")
def reconcile(
    campaign_deployment: str = "campaign/campaign",
    followup_deployment: str = "followup/followup",
    review_deployment: str = "review-reply/review-reply",
) -> dict[str, Any]:
    """Start the campaign and follow-up runs the ledger needs and nothing runs; cancel review
    runs whose reply was decided with the CLI."""
    logger = get_run_logger()
    campaigns, waves = unsent_work()
    started: list[str] = []
    running = runs_in_progress(campaign_deployment)
    for campaign in campaigns:
        if _busy(running, "campaign", campaign):
            continue
        run = run_deployment(
            campaign_deployment,
            parameters={"campaign": campaign},
            idempotency_key=f"reconcile:{flow_run.id}:{campaign}",
            tags=["circular", f"campaign:{campaign}", "reconcile"],
            timeout=0,
            as_subflow=False,
        )
        started.append(str(run.id))
        logger.info("%s: letters wait and no campaign run is going: started one", campaign)
    running = runs_in_progress(followup_deployment)
    for campaign, wave in waves:
        same_wave = [r for r in running if r.parameters.get("wave") == wave]
        if _busy(same_wave, "campaign_dir", campaign):
            continue
        run = run_deployment(
            followup_deployment,
            parameters={"campaign_dir": campaign, "wave": wave},
            idempotency_key=f"reconcile:{flow_run.id}:{campaign}:{wave}",
            tags=["circular", f"campaign:{campaign}", "reconcile"],
            timeout=0,
            as_subflow=False,
        )
        started.append(str(run.id))
        logger.info("%s: reminder-%d letters wait: started its follow-up run", campaign, wave)
    cancelled = []
    waiting = [r for r in runs_in_progress(review_deployment) if r.state_type == StateType.PAUSED]
    with get_client(sync_client=True) as client:
        for run, item in decided_reviews(waiting):
            client.set_flow_run_state(
                run.id,
                Cancelled(message=f"decided {item.kind} outside this form (circular decide)"),
                force=True,
            )
            cancelled.append(str(run.id))
    return {"started": started, "cancelled_reviews": cancelled}

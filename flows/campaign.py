"""The campaign flow: what runs when a campaign's contacts land (the ``circular.contacts.loaded``
event of intake triggers its deployment).

It composes the pieces that already exist, adding nothing of its own to the domain:

1. the invitations, rendered and sent batch by batch (``flows.send.send_in_batches``: a
   progress artifact and a ``circular.letter.sent`` event per batch);
2. the reminder waves, scheduled as runs of the ``followup`` deployment, one per group of
   recipients' send windows (``flows.followup.schedule_reminder_waves``, idempotent per
   campaign, wave, time and deadline);
3. what an operator looks at: a table artifact with every country's status and a markdown
   summary.

Safe to re-run: sending is exactly-once by the ledger, and scheduling a wave twice yields the
same scheduled run.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NONE
from prefect.deployments import run_deployment
from prefect.runtime import deployment

from circular.campaign import Campaign, campaign_folder, load_campaign
from circular.followups.report import ReportRow, campaign_report, summary_markdown, table_records
from circular.ledger import utcnow
from circular.sending.checks import run_checks
from circular.settings import load_settings
from flows.common import campaign_run_name, flow_ledger, flow_settings
from flows.followup import DEPLOYMENT, ScheduledRun, schedule_reminder_waves
from flows.send import schedule_invitation_runs, send_in_batches, window_lines

#: The deployment the reminder waves are runs of (``flow name/deployment name``).
FOLLOWUP_DEPLOYMENT = DEPLOYMENT
#: This flow's own deployment: a run stopped by a quota schedules its continuation there, and
#: the invitations waiting for their send windows are runs of it.
CAMPAIGN_DEPLOYMENT = "campaign/campaign"


def schedule_continuation(
    campaign_id: str, resume_at: datetime, deployment_name: str = CAMPAIGN_DEPLOYMENT
) -> str:
    """One scheduled run of the campaign deployment at ``resume_at`` (an upcoming run in the
    UI), whatever the number of calls: its idempotency key is the campaign and the time."""
    run = run_deployment(
        deployment_name,
        parameters={"campaign": campaign_id},
        scheduled_time=resume_at,
        idempotency_key=f"{campaign_id}:continue:{resume_at.isoformat()}",
        tags=["circular", f"campaign:{campaign_id}", "continuation"],
        flow_run_name=f"{campaign_id} · invitations (continued)",
        timeout=0,
        as_subflow=False,
    )
    return str(run.id)


@task(name="campaign status", cache_policy=NONE)
def campaign_rows(campaign_dir: str) -> list[ReportRow]:
    """Every country's line of the campaign report (``circular.followups.report``), from the
    ledger."""
    campaign = load_campaign(campaign_dir, check_templates=False)
    ledger = flow_ledger(load_settings())
    try:
        with ledger.session() as session:
            return campaign_report(session, campaign, utcnow())
    finally:
        ledger.dispose()


class MailSettingsError(RuntimeError):
    """A check of the mail settings failed before the first letter (the checklist artifact
    says which and how to fix it)."""


@task(name="check mail settings", cache_policy=NONE)
def check_mail_settings(campaign_id: str) -> None:
    """``circular check-mail``'s checks, before the first letter: when one fails, the
    checklist becomes an artifact and the run stops, having sent nothing."""
    checks = run_checks(flow_settings())
    if checks.ok:
        return
    create_markdown_artifact(
        key=f"{campaign_id}-mail-checks",
        markdown=checks.markdown(f"{campaign_id}: the mail settings need fixing"),
        description=f"{campaign_id}: circular check-mail before sending",
    )
    failed = [check.line() for check in checks if not check.ok]
    raise MailSettingsError("mail settings: " + "; ".join(failed))


@flow(name="campaign", flow_run_name=campaign_run_name("invitations"), log_prints=False)
def campaign_flow(
    campaign: str,
    sha256: str | None = None,
    batch_size: int = 200,
    limit: int | None = None,
    followup_deployment: str = FOLLOWUP_DEPLOYMENT,
    continuation_deployment: str | None = None,
    campaign_deployment: str = CAMPAIGN_DEPLOYMENT,
    now: datetime | None = None,
) -> dict[str, Any]:
    """Send a campaign's invitations, then schedule its reminder waves.

    ``campaign`` is an id (``cl-21-4``) or a campaign folder; ``sha256`` names the contact file
    whose loading triggered the run (shown in the summary). ``limit`` caps the letters sent in
    this run. A deployed run stopped by the daily quota schedules its continuation (a run of
    the campaign deployment, or of ``continuation_deployment``). The SMTP password comes
    from CIRCULAR_SMTP_PASSWORD_BLOCK (a Prefect Secret) or the environment, never from a
    parameter. With ``send_window.invitations``, only the invitations whose recipient's window
    is open go now; the rest become scheduled runs of ``campaign_deployment`` at their windows.
    ``now`` replaces the clock (tests, a replay)."""
    logger = get_run_logger()
    folder = campaign_folder(campaign)
    definition = load_campaign(folder)
    check_mail_settings(definition.id)
    totals = send_in_batches(str(folder), batch_size, limit, now=now)
    logger.info("%s: %d letters sent in this run", definition.id, totals["sent"])
    if totals.get("quota_resume_at") and (deployment.id or continuation_deployment):
        # The daily quota stopped this run: its continuation is a scheduled run, not a person.
        resume_at = datetime.fromisoformat(totals["quota_resume_at"])
        totals["continuation"] = schedule_continuation(
            definition.id, resume_at, continuation_deployment or CAMPAIGN_DEPLOYMENT
        )
        logger.info("%s: sending continues at %s", definition.id, resume_at.isoformat())
    # The invitations waiting for their send windows: one scheduled run of this flow's
    # deployment per group of windows (idempotent per campaign, time and deadline).
    parameters = {"campaign": campaign, "batch_size": batch_size, "limit": limit}
    later = schedule_invitation_runs(str(folder), campaign_deployment, parameters, now)

    # One scheduled run of the follow-up deployment per group of send windows of each wave
    # ahead; idempotent per campaign, wave, time and deadline, so a re-run schedules nothing new.
    scheduled = schedule_reminder_waves(str(folder), followup_deployment, now=now)
    waves = scheduled.runs
    logger.info(
        "%s: %d reminder waves scheduled in %d runs",
        definition.id,
        len({run.kind for run in waves}),
        len(waves),
    )

    rows = campaign_rows(str(folder))
    create_table_artifact(
        key=f"{definition.id}-status",
        table=table_records(rows, definition.deadline.zone),
        description=f"{definition.reference}: status per country",
    )
    create_markdown_artifact(
        key=f"{definition.id}-summary",
        markdown=campaign_summary(definition, sha256, totals, waves)
        + "\n"
        + summary_markdown(rows, definition, utcnow()),
        description=f"{definition.reference}: summary",
    )
    return {
        "campaign": definition.id,
        "sent": totals["sent"],
        "rendered": totals["rendered"],
        "failed": len(totals["failed"]),
        "unknown": len(totals["unknown"]),
        "problems": len(totals["problems"]),
        "reminder_waves": [(run.kind, run.at.isoformat()) for run in waves],
        "invitations_waiting": totals["waiting"],
        "invitation_runs": later,
        "outcomes": dict(Counter(row.outcome for row in rows)),
        "continuation": totals.get("continuation"),
    }


def campaign_summary(
    campaign: Campaign,
    sha256: str | None,
    totals: dict[str, Any],
    waves: list[ScheduledRun],
) -> str:
    """What this campaign run did, in markdown: letters sent and, per reminder wave, how many
    letters go at which UTC time."""
    lines = [
        f"# {campaign.reference}: invitations sent",
        "",
        f"- letters sent in this run: **{totals['sent']}** (rendered: {totals['rendered']})",
        f"- failed: {len(totals['failed'])}; unknown (a person decides): "
        f"{len(totals['unknown'])}; cannot be sent yet: {len(totals['problems'])}",
    ]
    if sha256:
        lines.append(f"- triggered by the contact file `{sha256[:12]}…`")
    if totals.get("quota_resume_at"):
        lines.append(f"- daily quota reached; sending resumes after {totals['quota_resume_at']}")
        if totals.get("continuation"):
            lines.append(f"- continuation: the scheduled run `{totals['continuation']}`")
    lines += window_lines(totals)
    kinds = sorted({run.kind for run in waves}, key=lambda kind: int(kind.rpartition("-")[2]))
    lines += ["", f"## Reminder waves scheduled: {len(kinds)}", ""]
    for kind in kinds:
        runs = sorted((run for run in waves if run.kind == kind), key=lambda run: run.at)
        lines += [f"### {kind}: {sum(run.letters for run in runs)} letters", ""]
        lines += ["| UTC | letters | time zones |", "| --- | ---: | --- |"]
        lines += [
            f"| {run.at.astimezone(UTC):%Y-%m-%d %H:%M} | {run.letters} | {', '.join(run.zones)} |"
            for run in runs
        ]
        lines.append("")
    for title, key in (("Failed", "failed"), ("Unknown", "unknown"), ("Problems", "problems")):
        if totals[key]:
            lines += ["", f"## {title}", "", *[f"- {item}" for item in totals[key][:50]]]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    campaign_flow("cl-21-4")

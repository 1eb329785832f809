"""The campaign flow: what runs when a campaign's contacts land (the ``circular.contacts.loaded``
event of intake triggers its deployment).

It composes the pieces that already exist, adding nothing of its own to the domain:

1. the invitations, rendered and sent batch by batch (``flows.send.send_in_batches``: a
   progress artifact and a ``circular.letter.sent`` event per batch);
2. the reminder waves, scheduled as runs of the ``followup`` deployment
   (``flows.followup.schedule_reminder_waves``, idempotent per campaign, wave and deadline);
3. what an operator looks at: a table artifact with every country's status and a markdown
   summary.

Safe to re-run: sending is exactly-once by the ledger, and scheduling a wave twice yields the
same scheduled run.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NONE
from prefect.runtime import flow_run

from circular.activity import CountryStatus, campaign_status, status_counts
from circular.campaign import load_campaign
from circular.settings import load_settings
from flows.common import campaign_folder, flow_ledger
from flows.send import send_in_batches

#: The deployment the reminder waves are runs of (``flow name/deployment name``).
FOLLOWUP_DEPLOYMENT = "followup/followup"


def campaign_run_name(step: str) -> Callable[[], str]:
    """A ``flow_run_name`` for a campaign's flows: ``cl-21-4 · invitations``. The campaign
    parameter may be a folder; the run is named after its id (the folder's name)."""

    def name() -> str:
        campaign = str(flow_run.parameters.get("campaign", "?"))
        return f"{Path(campaign).name} · {step}"

    return name


def _reminder_scheduler() -> Callable[[str, str], Any] | None:
    """``flows.followup.schedule_reminder_waves`` when the follow-up flows are installed."""
    try:
        from flows.followup import schedule_reminder_waves
    except ImportError:  # an installation without the follow-up flows: no reminders
        return None
    return schedule_reminder_waves  # type: ignore[no-any-return]


@task(name="campaign status", cache_policy=NONE)
def country_statuses(campaign_id: str) -> list[CountryStatus]:
    """Every country's status in the campaign, from the ledger."""
    ledger = flow_ledger(load_settings())
    try:
        with ledger.session() as session:
            return campaign_status(session, campaign_id)
    finally:
        ledger.dispose()


@flow(name="campaign", flow_run_name=campaign_run_name("invitations"), log_prints=False)
def campaign_flow(
    campaign: str,
    sha256: str | None = None,
    batch_size: int = 200,
    limit: int | None = None,
    smtp_password_secret: str | None = None,
    followup_deployment: str = FOLLOWUP_DEPLOYMENT,
) -> dict[str, Any]:
    """Send a campaign's invitations, then schedule its reminder waves.

    ``campaign`` is an id (``cl-21-4``) or a campaign folder; ``sha256`` names the contact file
    whose loading triggered the run (shown in the summary). ``limit`` caps the letters sent in
    this run; ``smtp_password_secret`` names a Prefect Secret block with the SMTP password."""
    logger = get_run_logger()
    folder = campaign_folder(campaign)
    campaign_id = load_campaign(folder).id
    totals = send_in_batches(str(folder), batch_size, limit, smtp_password_secret)
    logger.info("%s: %d letters sent in this run", campaign_id, totals["sent"])

    scheduler = _reminder_scheduler()
    reminders: Any = None
    if scheduler is None:
        logger.warning("flows.followup is not installed: no reminder waves scheduled")
    else:
        reminders = scheduler(str(folder), followup_deployment)
    scheduled = _count(reminders)

    rows = country_statuses(campaign_id)
    create_table_artifact(
        key=f"{campaign_id}-status",
        table=[
            {
                "country": row.country,
                "language": row.language,
                "status": row.status,
                "invitation": row.invitation,
                "reminders sent": row.reminders_sent,
            }
            for row in rows
        ],
        description=f"Every country's status in {campaign_id}",
    )
    create_markdown_artifact(
        key=f"{campaign_id}-summary",
        markdown=campaign_summary(campaign_id, sha256, totals, rows, scheduled),
        description=f"Summary of {campaign_id}",
    )
    return {
        "campaign": campaign_id,
        "sent": totals["sent"],
        "rendered": totals["rendered"],
        "failed": len(totals["failed"]),
        "unknown": len(totals["unknown"]),
        "problems": len(totals["problems"]),
        "reminder_waves": scheduled,
        "statuses": dict(status_counts(rows)),
    }


def _count(reminders: Any) -> int:
    # The scheduler returns the runs (or waves) it scheduled; anything sized counts.
    if reminders is None:
        return 0
    try:
        return len(reminders)
    except TypeError:
        return int(reminders) if isinstance(reminders, int) else 0


def campaign_summary(
    campaign_id: str,
    sha256: str | None,
    totals: dict[str, Any],
    rows: list[CountryStatus],
    reminder_waves: int,
) -> str:
    """The markdown summary of a campaign run."""
    counts = status_counts(rows)
    lines = [
        f"# {campaign_id}: invitations",
        "",
        f"- contacts: **{len(rows)}**",
        f"- letters sent in this run: **{totals['sent']}** (rendered: {totals['rendered']})",
        f"- failed: {len(totals['failed'])}; unknown (a person decides): "
        f"{len(totals['unknown'])}; cannot be sent yet: {len(totals['problems'])}",
        f"- reminder waves scheduled: **{reminder_waves}**",
    ]
    if sha256:
        lines.append(f"- triggered by the contact file `{sha256[:12]}…`")
    if totals.get("quota_resume_at"):
        lines.append(f"- daily quota reached; sending resumes after {totals['quota_resume_at']}")
    lines += ["", "| status | contacts |", "| --- | ---: |"]
    lines += [f"| {status} | {count} |" for status, count in sorted(counts.items())]
    for title, key in (("Failed", "failed"), ("Unknown", "unknown"), ("Problems", "problems")):
        if totals[key]:
            lines += ["", f"## {title}", "", *[f"- {item}" for item in totals[key][:50]]]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    campaign_flow("cl-21-4")

"""The Prefect flow that renders and sends a campaign's invitations: a thin layer over
``circular.letters.render`` and ``circular.sending.outbox``.

Contacts go in batches; each batch is one render task then one send task, so the UI shows
progress batch by batch and a failed batch can be retried alone. Exactly-once sending is the
ledger's (claims on ``messages`` rows), not Prefect's: a retried task, a re-run flow or two
runs at once never mail a letter twice. Batches are sent one after the other: each send task
seeds its rate limiter from the ledger (what was sent in the last minute and today), so the
operator's limits hold across batches and runs.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.artifacts import (
    create_markdown_artifact,
    create_progress_artifact,
    update_progress_artifact,
)
from prefect.cache_policies import NONE
from prefect.deployments import run_deployment
from prefect.events import emit_event
from prefect.exceptions import ObjectNotFound

from circular.campaign import Campaign, load_campaign
from circular.followups.actions import operator
from circular.followups.settle import readdress
from circular.ledger import contacts_of, utcnow
from circular.letters.render import contact_fields_of, render_campaign
from circular.sending.invitation_windows import unsent_windows
from circular.sending.outbox import SendOptions, send
from circular.sending.outgoing import campaign_messages, require_attachments
from circular.sending.sent_folder import SentFolder
from circular.sending.smtp import SmtpConfig
from circular.settings import load_settings
from flows.common import flow_ledger, flow_settings, smtp_gate
from flows.followup import campaign_tags, deadline_tag, group_run_name


# No caching anywhere: these tasks write files, the ledger and mail.
@task(name="render letters", cache_policy=NONE, retries=1, retry_delay_seconds=10)
def render_batch(campaign_dir: str, contact_ids: list[int], fields: list[str]) -> dict[str, int]:
    """Render the letters of one batch (unchanged letters are skipped)."""
    settings = load_settings()
    campaign = load_campaign(campaign_dir)
    ledger = flow_ledger(settings)
    try:
        with ledger.session() as session:
            wanted = set(contact_ids)
            contacts = [c for c in contacts_of(session, campaign.id) if c.id in wanted]
        out = settings.out_dir / campaign.id
        report = render_campaign(
            campaign,
            contacts,
            out,
            ledger,
            contact_fields=fields,
            template_cache_dir=settings.template_cache_dir,
        )
        return {"rendered": report.rendered, "unchanged": report.skipped}
    finally:
        ledger.dispose()


@task(name="check attachments", cache_policy=NONE)
def check_attachments(campaign_dir: str) -> None:
    """Refuse to start when the campaign sends PDFs (campaign.yaml ``attach``) and a letter
    has none, or one made from an earlier version: ``MissingAttachments`` lists them, so the
    run fails before anything is sent (the same rule as ``circular send``)."""
    settings = load_settings()
    campaign = load_campaign(campaign_dir)
    ledger = flow_ledger(settings)
    try:
        require_attachments(ledger, campaign, settings.out_dir)
    finally:
        ledger.dispose()


@task(name="send letters", cache_policy=NONE, retries=1, retry_delay_seconds=30)
def send_batch(campaign_dir: str, contact_ids: list[int], limit: int | None) -> dict[str, Any]:
    """Send the invitations of one batch not sent yet; returns what happened.

    The SMTP password comes from the Prefect Secret block CIRCULAR_SMTP_PASSWORD_BLOCK names
    (else CIRCULAR_SMTP_PASSWORD): it is read here, never passed as a parameter, so it appears
    in no run's parameters or logs."""
    settings = flow_settings()
    campaign = load_campaign(campaign_dir)
    ledger = flow_ledger(settings)
    sent_folder = SentFolder.from_settings(settings)
    try:
        built = campaign_messages(ledger, campaign, settings.out_dir, contact_ids=contact_ids)
        report = send(
            ledger,
            built.messages,
            SmtpConfig.from_settings(settings),
            SendOptions.from_settings(settings, limit=limit, gate=smtp_gate(settings)),
            sent_folder=sent_folder,
        )
    finally:
        if sent_folder is not None:
            sent_folder.close()
        ledger.dispose()
    for problem in built.problems:
        get_run_logger().warning(problem)
    return {
        "sent": report.sent,
        "failed": report.failed,
        "unknown": report.unknown,
        "problems": built.problems,
        "left_pending": report.left_pending,
        "quota_resume_at": report.quota_resume_at.isoformat() if report.quota_resume_at else None,
    }


@task(name="corrected addresses", cache_policy=NONE)
def readdress_letters(campaign_dir: str) -> list[str]:
    """Letters whose address a newer contact file corrected after a bounce (or an unknown
    fate) get a new row, sent once by this run, as ``circular send`` does (issue 15 §4)."""
    settings = flow_settings()
    campaign = load_campaign(campaign_dir)
    ledger = flow_ledger(settings)
    try:
        return readdress(ledger, campaign.id, campaign.sender.domain, operator(settings.operator))
    finally:
        ledger.dispose()


@task(name="send windows", cache_policy=NONE)
def outside_windows(campaign_dir: str, now: datetime | None) -> tuple[list[int], list[str]]:
    """With campaign.yaml's ``send_window.invitations``: the contacts whose invitation waits
    for their send window (or has none left before the deadline), and when each opens."""
    settings = load_settings()
    campaign = load_campaign(campaign_dir)
    ledger = flow_ledger(settings)
    try:
        windows = unsent_windows(ledger, campaign, now or utcnow())
    finally:
        ledger.dispose()
    if windows is None:
        return [], []
    return sorted(windows.waiting), windows.waiting_lines()


def schedule_invitation_runs(
    campaign_dir: str, deployment_name: str, parameters: dict[str, Any], now: datetime | None
) -> list[str]:
    """One scheduled run of the campaign deployment (``parameters``) per group of the send
    windows still ahead of the invitations not sent yet (``send_window.invitations``), as the
    reminder waves are scheduled; idempotent per campaign, time and deadline. Their names."""
    settings = load_settings()
    campaign = load_campaign(campaign_dir)
    ledger = flow_ledger(settings)
    now = now or utcnow()
    try:
        windows = unsent_windows(ledger, campaign, now)
    finally:
        ledger.dispose()
    names: list[str] = []
    for group in windows.groups() if windows is not None else []:
        name = group_run_name(campaign, "invitations", group)
        try:
            run_deployment(
                deployment_name,
                parameters=parameters,
                scheduled_time=group.at,
                idempotency_key=f"{campaign.id}:invitations:{group.at.astimezone(UTC).isoformat()}"
                f":{campaign.deadline.at.isoformat()}",
                tags=[*campaign_tags(campaign), "invitations", deadline_tag(campaign)],
                flow_run_name=name,
                timeout=0,
                as_subflow=False,
            )
        except ObjectNotFound:
            get_run_logger().warning(
                "no deployment %s: the invitations waiting for %s need another run",
                deployment_name,
                name,
            )
            break
        names.append(name)
    return names


def batches(items: list[int], size: int) -> list[list[int]]:
    """``items`` cut into lists of at most ``size``."""
    return [items[start : start + size] for start in range(0, len(items), size)]


LETTER_SENT_EVENT = "circular.letter.sent"


def campaign_contacts(campaign_dir: str) -> tuple[Campaign, list[int], list[str]]:
    """The campaign, its contacts' ids (the batches are cut from these) and the contact fields
    its templates may use."""
    settings = load_settings()
    campaign = load_campaign(campaign_dir)
    ledger = flow_ledger(settings)
    try:
        with ledger.session() as session:
            contacts = contacts_of(session, campaign.id)
            return campaign, [c.id for c in contacts], sorted(contact_fields_of(contacts))
    finally:
        ledger.dispose()


def send_in_batches(
    campaign_dir: str,
    batch_size: int,
    limit: int | None = None,
    now: datetime | None = None,
) -> dict[str, Any]:
    """Render and send a campaign's invitations batch by batch, inside the calling flow.

    While it works, a progress artifact (``<campaign>-sending``) moves batch by batch, and
    each batch that sent letters emits a ``circular.letter.sent`` event (resource
    ``circular.campaign.<id>``) with its counts. Returns the totals. A campaign that sends
    PDFs fails at once, sending nothing, when a letter lacks its PDF (``check_attachments``).
    Letters to corrected addresses are sent again once (``readdressed``); with
    ``send_window.invitations``, only the contacts whose window is open at ``now`` are sent to
    (``waiting``: when the others' windows open)."""
    check_attachments(campaign_dir)
    readdressed = readdress_letters(campaign_dir)
    campaign, ids, fields = campaign_contacts(campaign_dir)
    totals: dict[str, Any] = {"rendered": 0, "sent": 0, "failed": [], "unknown": [], "problems": []}
    totals["readdressed"] = readdressed
    waiting, totals["waiting"] = outside_windows(campaign_dir, now)
    later = set(waiting)
    ids = [i for i in ids if i not in later]  # their send windows are not open now
    parts = batches(ids, batch_size)
    progress = create_progress_artifact(
        0.0,
        key=f"{campaign.id}-sending",
        description=f"Invitations of {campaign.id}: {len(ids)} contacts, {len(parts)} batches",
    )
    for number, batch in enumerate(parts, start=1):
        left = None if limit is None else limit - totals["sent"]
        if left is not None and left <= 0:
            break
        rendered = render_batch(campaign_dir, batch, fields)
        totals["rendered"] += rendered["rendered"]
        result = send_batch(campaign_dir, batch, left)
        totals["sent"] += result["sent"]
        for key in ("failed", "unknown", "problems"):
            totals[key] += result[key]
        update_progress_artifact(
            progress,
            100.0 * number / len(parts),
            description=f"Invitations of {campaign.id}: batch {number}/{len(parts)}, "
            f"{totals['sent']} sent in this run",
        )
        if result["sent"] or result["failed"] or result["unknown"]:
            emit_event(
                event=LETTER_SENT_EVENT,
                resource={"prefect.resource.id": f"circular.campaign.{campaign.id}"},
                payload={
                    "campaign": campaign.id,
                    "kind": "invitation",
                    "batch": number,
                    "batches": len(parts),
                    "sent": result["sent"],
                    "failed": len(result["failed"]),
                    "unknown": len(result["unknown"]),
                },
            )
        if result["quota_resume_at"]:
            totals["quota_resume_at"] = result["quota_resume_at"]
            break  # the daily quota is spent: the next run (tomorrow) goes on
    if not parts:
        update_progress_artifact(progress, 100.0, description=f"{campaign.id}: no contacts")
    return totals


@flow(name="send-invitations")
def send_invitations(
    campaign_dir: str,
    batch_size: int = 100,
    limit: int | None = None,
) -> dict[str, Any]:
    """Render and send a campaign's invitations, batch by batch, each letter exactly once.

    ``limit`` sends at most that many new letters in this run (start small). The SMTP
    password comes from CIRCULAR_SMTP_PASSWORD_BLOCK (a Prefect Secret) or the environment."""
    campaign = load_campaign(campaign_dir)
    totals = send_in_batches(campaign_dir, batch_size, limit)
    create_markdown_artifact(
        key=f"send-{campaign.id}",
        markdown=send_summary(campaign.id, totals),
        description=f"Invitations of {campaign.id}",
    )
    return totals


def send_summary(campaign_id: str, totals: dict[str, Any]) -> str:
    """The markdown account of one sending run (``send_in_batches``' totals)."""
    lines = [
        f"# Invitations of {campaign_id}",
        "",
        f"- sent in this run: **{totals['sent']}** (letters rendered: {totals['rendered']})",
        f"- failed: {len(totals['failed'])}",
        f"- unknown (may have been sent; a person decides): {len(totals['unknown'])}",
        f"- cannot be sent yet: {len(totals['problems'])}",
    ]
    if totals.get("quota_resume_at"):
        lines.append(f"- daily quota reached; sending resumes after {totals['quota_resume_at']}")
    lines += window_lines(totals)
    for title, key in (("Failed", "failed"), ("Unknown", "unknown"), ("Problems", "problems")):
        if totals[key]:
            lines += ["", f"## {title}", "", *[f"- {item}" for item in totals[key]]]
    return "\n".join(lines) + "\n"


def window_lines(totals: dict[str, Any]) -> list[str]:
    """Markdown lines: the letters sent again to corrected addresses, and the invitations
    waiting for their recipients' send windows (when each opens)."""
    lines = []
    if totals.get("readdressed"):
        lines.append(
            f"- corrected addresses, letters sent again: {', '.join(totals['readdressed'])}"
        )
    if totals.get("waiting"):
        lines += ["", f"## Waiting for their send window: {len(totals['waiting'])}", ""]
        lines += [f"- {line}" for line in totals["waiting"]]
    return lines


if __name__ == "__main__":
    send_invitations(str(Path("letters") / "cl-21-4"))

"""A person's commands on a campaign: ``hold``/``release`` a contact's reminders, ``cancel`` a
campaign, a contact's ``history``, the letters whose fate is ``unknown`` and ``resolve``.
Each is recorded in the ledger with who gave it (``CIRCULAR_OPERATOR``, else the OS user)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from circular.campaign import Campaign, CampaignError, load_campaign
from circular.cli import app
from circular.followups.actions import ActionError, operator, set_hold
from circular.ledger import Ledger, MessageKind, open_ledger
from circular.settings import Settings, SettingsError, load_settings

console = Console(stderr=True)
out = Console(width=200, soft_wrap=True)

CampaignOption = Annotated[
    Path, typer.Option("--campaign", help="The campaign folder, e.g. letters/cl-21-4.")
]
ContactOption = Annotated[str, typer.Option("--contact", help="The contact key (ISO3), e.g. GIN.")]


def _fail(message: str, code: int = 2) -> typer.Exit:
    console.print(f"[red]error:[/red] {message}", markup=True, highlight=False)
    return typer.Exit(code)


def _open(campaign_dir: Path) -> tuple[Settings, Campaign, Ledger]:
    try:
        settings = load_settings()
        campaign = load_campaign(campaign_dir, check_templates=False)
    except (SettingsError, CampaignError) as error:
        raise _fail(str(error)) from None
    return settings, campaign, open_ledger(settings.resolved_database_url)


def _hold(campaign_dir: Path, contact: str, note: str, hold: bool) -> None:
    settings, campaign, ledger = _open(campaign_dir)
    try:
        out.print(set_hold(ledger, campaign.id, contact, hold, operator(settings.operator), note))
    except ActionError as error:
        raise _fail(str(error)) from None
    finally:
        ledger.dispose()


@app.command("hold")
def hold_command(
    campaign_dir: CampaignOption,
    contact: ContactOption,
    note: Annotated[str, typer.Option("--note", help="Why (kept in the ledger).")] = "",
) -> None:
    """No reminders to this contact until `circular release`."""
    _hold(campaign_dir, contact, note, True)


@app.command("release")
def release_command(
    campaign_dir: CampaignOption,
    contact: ContactOption,
    note: Annotated[str, typer.Option("--note", help="Why (kept in the ledger).")] = "",
) -> None:
    """Reminders to this contact again (from the next wave)."""
    _hold(campaign_dir, contact, note, False)


@app.command("cancel")
def cancel_command(
    campaign_dir: CampaignOption,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Say what would be cancelled; change nothing.")
    ] = False,
) -> None:
    """Cancel a campaign: its pending letters, reminders and acknowledgements, in the ledger,
    and its scheduled runs on the Prefect server (when PREFECT_API_URL names one)."""
    from circular.followups.settle import cancel_campaign

    settings, campaign, ledger = _open(campaign_dir)
    try:
        done = cancel_campaign(ledger, campaign.id, operator(settings.operator), dry_run=dry_run)
    finally:
        ledger.dispose()
    verb = "would cancel" if dry_run else "cancelled"
    out.print(
        f"campaign {campaign.id}: {verb} {done.cancelled} pending messages"
        + (f"; {done.in_flight} being sent finish as they are" if done.in_flight else "")
        + ("; it was already cancelled" if done.already else "")
    )
    _cancel_on_prefect(campaign.id, dry_run)


def _cancel_on_prefect(campaign_id: str, dry_run: bool) -> None:
    """Delete the campaign's scheduled runs with flows/cancel.py, in its own process (circular
    never imports Prefect), when a Prefect server is configured."""
    if not os.environ.get("PREFECT_API_URL"):
        out.print(
            "Prefect: PREFECT_API_URL is not set; delete the scheduled runs with "
            f"`python -m flows.cancel --campaign {campaign_id}` where the server is reachable"
        )
        return
    command = [sys.executable, "-m", "flows.cancel", "--campaign", campaign_id]
    if dry_run:
        command.append("--dry-run")
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    out.print((done.stdout or done.stderr).strip())
    if done.returncode != 0:
        raise typer.Exit(1)


@app.command("history")
def history_command(campaign_dir: CampaignOption, contact: ContactOption) -> None:
    """Everything about one contact, in time order: letters, messages and the server's
    answers, replies, decisions, address changes, commands."""
    from circular.followups.history import contact_history

    _settings, campaign, ledger = _open(campaign_dir)
    try:
        with ledger.session() as session:
            found, status, events = contact_history(session, campaign.id, contact)
    except ActionError as error:
        raise _fail(str(error)) from None
    finally:
        ledger.dispose()
    out.print(f"{found.contact_key} ({found.language}) {found.email}: {status}", highlight=False)
    for event in events:
        out.print(f"{event.at:%Y-%m-%d %H:%M:%S}  {event.what:<8}  {event.detail}", highlight=False)


@app.command("unknown")
def unknown_command(campaign_dir: CampaignOption) -> None:
    """Messages whose fate is unknown (may have been sent) or whose sending gave up, with the
    evidence: the server's last answer, the Sent folder, the times."""
    from circular.followups.settle import unsettled
    from circular.sending.sent_folder import SentFolder

    settings, campaign, ledger = _open(campaign_dir)
    sent_folder = SentFolder.from_settings(settings)
    try:
        items = unsettled(ledger, campaign.id, sent_folder.find if sent_folder else None)
    finally:
        if sent_folder is not None:
            sent_folder.close()
        ledger.dispose()
    if not items:
        out.print(f"campaign {campaign.id}: no message of unknown fate, none failed")
        return
    out.print(f"campaign {campaign.id}: {len(items)} messages to settle")
    for item in items:
        when = f"{item.claimed_at:%Y-%m-%d %H:%M:%S}" if item.claimed_at else "-"
        out.print(
            f"{item.contact_key} {item.kind} {item.status}: {item.message_id}\n"
            f"  to: {item.to or '-'}; attempts {item.attempts}; last handed to SMTP {when} UTC\n"
            f"  server's last answer: {item.last_answer or '-'}\n"
            f"  Sent folder: {item.in_sent_folder}",
            highlight=False,
        )
    out.print(
        "settle with: circular resolve --campaign C --contact KEY --sent | --resend [--dry-run]"
    )


@app.command("resolve")
def resolve_command(
    campaign_dir: CampaignOption,
    contact: ContactOption,
    sent: Annotated[bool, typer.Option("--sent", help="It went out: mark it sent.")] = False,
    resend: Annotated[
        bool, typer.Option("--resend", help="Send it again (new Message-ID; old row kept).")
    ] = False,
    kind: Annotated[str, typer.Option("--kind", help="Which message.")] = "invitation",
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Say what would happen; send and change nothing.")
    ] = False,
) -> None:
    """Settle a message whose fate is unknown (or that failed): --sent or --resend."""
    from circular.followups.settle import resolve

    if sent == resend:
        raise _fail("give exactly one of --sent and --resend")
    settings, campaign, ledger = _open(campaign_dir)
    try:
        said = resolve(
            ledger,
            campaign.id,
            contact,
            resend=resend,
            by=operator(settings.operator),
            domain=campaign.sender.domain,
            kind=kind,
            dry_run=dry_run,
        )
        out.print(said, highlight=False)
        if resend and not dry_run:
            if kind == MessageKind.INVITATION:
                _send_now(settings, campaign, ledger, contact)
            else:
                out.print(f"the {kind} goes with the next `circular followup` run")
    except ActionError as error:
        raise _fail(str(error)) from None
    finally:
        ledger.dispose()


def _send_now(settings: Settings, campaign: Campaign, ledger: Ledger, key: str) -> None:
    """Send the one invitation a resend made pending, through the exactly-once outbox."""
    from circular.followups.actions import find_contact
    from circular.sending.outbox import SendOptions, send
    from circular.sending.outgoing import campaign_messages
    from circular.sending.sent_folder import SentFolder
    from circular.sending.smtp import SmtpConfig, SmtpSetupError

    with ledger.session() as session:
        contact_id = find_contact(session, campaign.id, key).id
    built = campaign_messages(ledger, campaign, settings.out_dir, contact_ids=[contact_id])
    if built.problems:
        raise _fail("; ".join(built.problems))
    sent_folder = SentFolder.from_settings(settings)
    try:
        report = send(
            ledger,
            built.messages,
            SmtpConfig.from_settings(settings),
            SendOptions.from_settings(settings),
            sent_folder=sent_folder,
        )
    except SmtpSetupError as error:
        raise _fail(f"{error} (the new message stays pending: `circular send` sends it)") from None
    finally:
        if sent_folder is not None:
            sent_folder.close()
    out.print(
        f"sent {report.sent}, failed {len(report.failed)}, unknown {len(report.unknown)}",
        highlight=False,
    )
    if report.failed or report.unknown:
        raise typer.Exit(1)

"""``circular send``: send a campaign's invitations (or preview them with ``--dry-run``)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from circular.campaign import Campaign, CampaignError, load_campaign
from circular.cli import app
from circular.ledger import Ledger, MessageKind, open_ledger
from circular.sending.mime import MessageBuildError, OutgoingMessage
from circular.sending.outbox import SendOptions, SendReport, send, write_previews
from circular.sending.outgoing import campaign_messages
from circular.sending.sent_folder import SentFolder
from circular.sending.smtp import SmtpConfig, SmtpSetupError
from circular.settings import Settings, SettingsError, load_settings

console = Console(stderr=True)


def _fail(message: str, code: int = 2) -> typer.Exit:
    console.print(f"[red]error:[/red] {message}", markup=True, highlight=False)
    return typer.Exit(code)


@app.command("send")
def send_command(
    campaign_dir: Annotated[
        Path, typer.Option("--campaign", help="The campaign folder, e.g. letters/cl-21-4.")
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Write each message as an .eml file; send nothing.")
    ] = False,
    limit: Annotated[
        int | None, typer.Option("--limit", min=1, help="Send only the first N not yet sent.")
    ] = None,
    kind: Annotated[str, typer.Option("--kind", help="Message kind to send.")] = "invitation",
    out: Annotated[
        Path | None,
        typer.Option("--out", help="Folder for --dry-run (default: data/outbox/<campaign>)."),
    ] = None,
) -> None:
    """Send a campaign's letters, each exactly once, within the configured rate limits.

    Exit status: 0 when every letter tried was sent, 1 when some failed or may or may not
    have gone out (unknown: a person decides), 2 on bad settings, campaign or letters."""
    if kind != MessageKind.INVITATION:
        raise _fail(
            f"--kind {kind}: only invitations are sent here; reminders are sent by the "
            "follow-up flow"
        )
    try:
        settings = load_settings()
        campaign = load_campaign(campaign_dir)
    except (SettingsError, CampaignError) as error:
        raise _fail(str(error)) from None
    ledger = open_ledger(settings.resolved_database_url)
    if not dry_run:
        _readdress(settings, campaign, ledger)
    built = campaign_messages(ledger, campaign, settings.out_dir, kind=kind)
    messages, problems = built.messages, built.problems
    if not messages and not problems:
        raise _fail(f"campaign {campaign.id} has no contacts in the ledger: load a contact file")
    if problems:
        shown = "\n  ".join(problems[:20])
        more = f"\n  ... and {len(problems) - 20} more" if len(problems) > 20 else ""
        raise _fail(f"{len(problems)} letters cannot be sent:\n  {shown}{more}")

    if dry_run:
        folder = out or settings.data_dir / "outbox" / campaign.id
        chosen = messages[:limit] if limit else messages
        try:
            paths = write_previews(
                chosen,
                folder,
                bounce_address=settings.smtp_bounce_address,
                ledger=ledger,
                smtputf8=settings.smtp_utf8 != "no",
            )
        except MessageBuildError as error:
            raise _fail(str(error)) from None
        console.print(f"dry run: wrote {len(paths)} messages to {folder}; nothing was sent")
        return

    options = SendOptions.from_settings(settings, limit=limit)
    with Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[detail]}"),
        TimeElapsedColumn(),
        console=console,
    ) as progress:
        task = progress.add_task(f"sending {campaign.id}", total=None, detail="")
        counts = {"sent": 0, "failed": 0, "unknown": 0, "retry": 0}

        def step(event: str, message: OutgoingMessage) -> None:
            counts[event] += 1
            detail = " ".join(f"{k} {v}" for k, v in counts.items() if v)
            progress.update(task, advance=0 if event == "retry" else 1, detail=detail)

        sent_folder = SentFolder.from_settings(settings)
        try:
            report = send(
                ledger,
                messages,
                SmtpConfig.from_settings(settings),
                options,
                sent_folder=sent_folder,
                progress=step,
                on_plan=lambda planned: progress.update(task, total=planned),
            )
        except SmtpSetupError as error:
            raise _fail(str(error)) from None
        finally:
            if sent_folder is not None:
                sent_folder.close()
    _summary(report)
    if report.failed or report.unknown:
        raise typer.Exit(1)  # scripts and schedulers notice letters that need a person


def _summary(report: SendReport) -> None:
    console.print(
        f"sent {report.sent}, failed {len(report.failed)}, unknown {len(report.unknown)}, "
        f"already done {report.already_done}, left pending {report.left_pending}"
    )
    if report.reconciled and (report.reconciled.sent or report.reconciled.unknown):
        console.print(
            f"interrupted sends settled: {len(report.reconciled.sent)} found in the Sent "
            f"folder, {len(report.reconciled.unknown)} marked unknown"
        )
    for name in report.failed:
        console.print(f"  failed: {name}")
    for name in report.unknown:
        console.print(f"  unknown (may have been sent; check and decide): {name}")
    for name, refused in report.refused_cc.items():
        for address, answer in refused.items():
            console.print(f"  {name}: Cc {address} refused: {answer}")
    if report.quota_resume_at:
        console.print(
            f"daily quota reached: the rest goes out from {report.quota_resume_at:%Y-%m-%d %H:%M} "
            "UTC (run the command again then)"
        )


def _readdress(settings: Settings, campaign: Campaign, ledger: Ledger) -> None:
    """Letters whose address a newer contact file corrected after a bounce (or an unknown
    fate) get a new row, sent once by this run (issue 15 §4)."""
    from circular.followups.actions import operator
    from circular.followups.settle import readdress

    keys = readdress(ledger, campaign.id, campaign.sender.domain, operator(settings.operator))
    if keys:
        console.print(f"corrected addresses, letters sent again: {', '.join(keys)}")

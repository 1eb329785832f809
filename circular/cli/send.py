"""``circular send``: send a campaign's invitations (or preview them with ``--dry-run``).

Before anything goes out it checks the campaign's dates (a passed deadline needs ``--force``)
and the e-mail templates, and says what it will send and to how many; it ends with what was
sent and what is left, also when Ctrl-C stops it (exit status 130).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from circular.campaign import Campaign, CampaignError, date_problems, load_campaign
from circular.cli import app
from circular.ledger import Ledger, MessageKind, MessageStatus, open_ledger, utcnow
from circular.sending.mime import MessageBuildError, OutgoingMessage
from circular.sending.outbox import SendOptions, SendReport, send, write_previews
from circular.sending.outgoing import campaign_messages
from circular.sending.plan import countries, not_yet_sent, plan_line, standing
from circular.sending.sent_folder import SentFolder
from circular.sending.smtp import SmtpConfig, SmtpSetupError
from circular.settings import SettingsError, load_settings

console = Console(stderr=True)


def _fail(message: str, code: int = 2) -> typer.Exit:
    # Plain stderr: a message naming a file must never be wrapped.
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


def check_dates(campaign: Campaign, force: bool) -> None:
    """Refuse a campaign whose dates are wrong (a passed deadline, dates copied from an earlier
    campaign) unless ``force``; with it, say what is wrong and go on."""
    problems = date_problems(campaign, utcnow())
    if problems and not force:
        shown = "\n  ".join(problems)
        raise _fail(
            f"the dates of campaign {campaign.id} are wrong:\n  {shown}\ncorrect "
            f"{campaign.folder}/campaign.yaml, or give --force to send anyway"
        )
    for problem in problems:
        typer.echo(f"warning (--force): {problem}", err=True)


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
    force: Annotated[
        bool,
        typer.Option("--force", help="Send although the deadline passed or the dates look wrong."),
    ] = False,
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
    check_dates(campaign, force)
    ledger = open_ledger(settings.resolved_database_url)
    built = campaign_messages(ledger, campaign, settings.out_dir, kind=kind)
    messages, problems = built.messages, built.problems
    if not messages and not problems:
        raise _fail(f"campaign {campaign.id} has no contacts in the ledger: load a contact file")
    if built.broken_templates:
        shown = "\n  ".join(built.broken_templates)
        raise _fail(
            f"the e-mail templates of {campaign.id} cannot be rendered; nothing was sent:\n"
            f"  {shown}\ncheck every template with: circular check-templates --campaign "
            f"{campaign_dir}"
        )
    if problems:
        shown = "\n  ".join(problems[:20])
        more = f"\n  ... and {len(problems) - 20} more" if len(problems) > 20 else ""
        raise _fail(f"{len(problems)} letters cannot be sent:\n  {shown}{more}")

    waiting = not_yet_sent(ledger, messages)
    typer.echo(
        ("dry run: " if dry_run else "")
        + plan_line("invitations", campaign.id, waiting, len(messages), limit),
        err=True,
    )
    if dry_run:
        folder = out or settings.data_dir / "outbox" / campaign.id
        chosen = waiting[:limit] if limit else waiting
        try:
            paths = write_previews(
                chosen, folder, bounce_address=settings.smtp_bounce_address, ledger=ledger
            )
        except MessageBuildError as error:
            raise _fail(str(error)) from None
        typer.echo(f"dry run: wrote {len(paths)} messages to {folder}; nothing was sent", err=True)
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
        sent_now: list[str] = []

        def step(event: str, message: OutgoingMessage) -> None:
            counts[event] += 1
            if event == "sent":
                sent_now.append(message.label)
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
        except KeyboardInterrupt:
            progress.stop()
            _interrupted(ledger, campaign, kind, sent_now, campaign_dir)
            raise typer.Exit(130) from None
        finally:
            if sent_folder is not None:
                sent_folder.close()
    _summary(report)
    typer.echo(f"sent to: {countries(sent_now)}", err=True)
    _left(ledger, campaign, kind, campaign_dir)
    if report.failed or report.unknown:
        raise typer.Exit(1)  # scripts and schedulers notice letters that need a person


def _interrupted(
    ledger: Ledger, campaign: Campaign, kind: str, sent_now: list[str], campaign_dir: Path
) -> None:
    """What Ctrl-C left: sent in this run, caught mid-send (named: a person may have to
    decide), and not sent."""
    typer.echo(f"interrupted: sent {len(sent_now)} in this run: {countries(sent_now)}", err=True)
    caught = standing(ledger, campaign.id, kind).get(MessageStatus.SENDING, [])
    if caught:
        typer.echo(
            f"{len(caught)} were being sent when interrupted and may or may not have gone out: "
            f"{', '.join(caught)}; the next `circular send` settles them (found in the Sent "
            "folder, else marked unknown for a person to decide)",
            err=True,
        )
    _left(ledger, campaign, kind, campaign_dir)


def _left(ledger: Ledger, campaign: Campaign, kind: str, campaign_dir: Path) -> None:
    by_status = standing(ledger, campaign.id, kind)
    done = len(by_status.get(MessageStatus.SENT, []))
    left = by_status.get(MessageStatus.PENDING, [])
    total = sum(len(keys) for keys in by_status.values())
    if not left:
        typer.echo(f"{campaign.id}: {done} of {total} {kind}s sent; none left to send", err=True)
        return
    typer.echo(
        f"{campaign.id}: {done} of {total} {kind}s sent; left to send: {countries(left)} "
        f"(circular send --campaign {campaign_dir})",
        err=True,
    )


def _summary(report: SendReport) -> None:
    lines = [
        f"sent {report.sent}, failed {len(report.failed)}, unknown {len(report.unknown)}, "
        f"already done {report.already_done}, left pending {report.left_pending}"
    ]
    if report.reconciled and (report.reconciled.sent or report.reconciled.unknown):
        lines.append(
            f"interrupted sends settled: {len(report.reconciled.sent)} found in the Sent "
            f"folder, {len(report.reconciled.unknown)} marked unknown"
        )
    lines += [f"  failed: {name}" for name in report.failed]
    lines += [
        f"  unknown (may have been sent; check and decide): {name}" for name in report.unknown
    ]
    for name, refused in report.refused_cc.items():
        lines += [
            f"  {name}: Cc {address} refused: {answer}" for address, answer in refused.items()
        ]
    if report.quota_resume_at:
        lines.append(
            f"daily quota reached: the rest goes out from {report.quota_resume_at:%Y-%m-%d %H:%M} "
            "UTC (run the command again then)"
        )
    for line in lines:
        typer.echo(line, err=True)

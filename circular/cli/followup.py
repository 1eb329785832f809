"""``circular review``, ``circular decide``, ``circular report`` and ``circular followup``:
replies waiting for a person, a person's decision, the campaign report, a reminder wave."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from circular.campaign import CampaignError, load_campaign
from circular.cli import app
from circular.followups.review import DECISIONS, ReviewError, decide, pending_reviews
from circular.ledger import open_ledger, utcnow
from circular.settings import SettingsError, load_settings

console = Console(stderr=True)
out = Console(width=200)


def _fail(message: str, code: int = 2) -> typer.Exit:
    # Plain stderr: a message naming a file must never be wrapped.
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


@app.command("review")
def review_command(
    campaign: Annotated[
        str | None, typer.Option("--campaign", help="Only this campaign id (e.g. cl-21-4).")
    ] = None,
) -> None:
    """List the replies that wait for a person's decision."""
    try:
        settings = load_settings()
    except SettingsError as error:
        raise _fail(str(error)) from None
    ledger = open_ledger(settings.resolved_database_url)
    try:
        with ledger.session() as session:
            items = pending_reviews(session, Path(campaign).name if campaign else None)
    finally:
        ledger.dispose()
    if not items:
        out.print("nothing waits for a decision")
        return
    table = Table(title=f"{len(items)} replies wait for a decision")
    for column in ("id", "received", "from", "country", "subject", "text", "classifier"):
        table.add_column(column, overflow="fold")
    for item in items:
        received = item.received_at.strftime("%Y-%m-%d %H:%M") if item.received_at else ""
        classifier = f"{item.kind} ({item.confidence:.2f})"
        if item.evidence:
            classifier += f": {item.evidence}"
        if item.reason:
            classifier += f" [{item.reason}]"
        table.add_row(
            str(item.reply_id),
            received,
            item.sender,
            item.country or "unmatched",
            item.subject,
            item.excerpt[:200],
            classifier,
        )
    out.print(table)
    out.print("decide with: circular decide <id> accept|decline|other [--note TEXT]")


@app.command("decide")
def decide_command(
    reply_id: Annotated[int, typer.Argument(help="The reply's id (see `circular review`).")],
    kind: Annotated[str, typer.Argument(help="accept, decline or other.")],
    note: Annotated[str, typer.Option("--note", help="Why (kept in the ledger).")] = "",
) -> None:
    """Record a person's decision on a reply: it beats the classifier's."""
    if kind not in DECISIONS:
        raise _fail(f"decision {kind!r} is not one of {', '.join(DECISIONS)}")
    try:
        settings = load_settings()
    except SettingsError as error:
        raise _fail(str(error)) from None
    ledger = open_ledger(settings.resolved_database_url)
    try:
        item = decide(ledger, reply_id, kind, note)
    except ReviewError as error:
        raise _fail(str(error)) from None
    finally:
        ledger.dispose()
    where = item.country or "no matched letter"
    out.print(f"reply {item.reply_id} from {item.sender} ({where}): decided {item.kind}")


@app.command("report")
def report_command(
    campaign_dir: Annotated[
        Path, typer.Option("--campaign", help="The campaign folder, e.g. letters/cl-21-4.")
    ],
    xlsx: Annotated[
        Path | None,
        typer.Option("--xlsx", help="Excel file to write (default: reports/<campaign>.xlsx)."),
    ] = None,
) -> None:
    """The campaign's status per country: table, summary and an Excel file."""
    from circular.followups.report import (
        campaign_report,
        report_path,
        summary_markdown,
        table_records,
        write_report_xlsx,
    )

    try:
        settings = load_settings()
        campaign = load_campaign(campaign_dir, check_templates=False)
    except (SettingsError, CampaignError) as error:
        raise _fail(str(error)) from None
    now = utcnow()
    ledger = open_ledger(settings.resolved_database_url)
    try:
        with ledger.session() as session:
            rows = campaign_report(session, campaign, now)
    finally:
        ledger.dispose()
    table = Table(title=f"{campaign.reference}: {len(rows)} contacts")
    shown = ("country", "language", "sent_at", "reminders_sent", "outcome", "delegate", "reply_at")
    for column in shown:
        table.add_column(column, overflow="fold")
    for record in table_records(rows):
        table.add_row(*(str(record[c]) for c in shown))
    out.print(table)
    out.print(summary_markdown(rows, campaign, now))
    path = write_report_xlsx(rows, xlsx or report_path(settings.reports_dir, campaign))
    out.print(f"Excel report: {path}")


@app.command("followup")
def followup_command(
    campaign_dir: Annotated[
        Path, typer.Option("--campaign", help="The campaign folder, e.g. letters/cl-21-4.")
    ],
    wave: Annotated[
        int | None,
        typer.Option("--wave", min=1, help="Reminder wave to send (default: deferred ones due)."),
    ] = None,
    acks: Annotated[
        bool,
        typer.Option(
            "--acks",
            help="Also thank the acceptances not thanked yet (a --wave run always does).",
        ),
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Say what would be sent; send nothing.")
    ] = False,
) -> None:
    """Send a reminder wave (or the deferred reminders now due) and, with --acks or a wave,
    the acknowledgements; says what it will send first, and what was sent at the end."""
    from circular.followups.reminders import ReminderError, followup_now, preview_followup

    try:
        settings = load_settings()
        campaign = load_campaign(campaign_dir)
    except (SettingsError, CampaignError) as error:
        raise _fail(str(error)) from None
    # A scheduled wave thanks the acceptances too (as the follow-up flow does); a run without
    # one sends acknowledgements only when asked, so none go out unannounced.
    thank = acks or wave is not None
    now = utcnow()
    ledger = open_ledger(settings.resolved_database_url)
    try:
        preview = preview_followup(ledger, campaign, wave, now=now, acknowledgements=thank)
    except ReminderError as error:
        raise _fail(str(error)) from None
    finally:
        ledger.dispose()
    if preview.broken_templates:
        shown = "\n  ".join(preview.broken_templates)
        raise _fail(
            f"the follow-up templates of {campaign.id} cannot be rendered; nothing was sent:\n"
            f"  {shown}\ncheck every template with: circular check-templates --campaign "
            f"{campaign_dir}"
        )
    for line in _preview_lines(campaign.id, preview, dry_run):
        typer.echo(line, err=True)
    if dry_run or not (preview.send or preview.thank or preview.cancelled or preview.deferred):
        typer.echo(_what_is_next(campaign, now), err=True)
        return
    try:
        results = followup_now(settings, campaign, wave, now=now, acknowledgements=thank)
    except ReminderError as error:
        raise _fail(str(error)) from None
    for result in results:
        for line in _result_lines(result):
            typer.echo(line, err=True)
    typer.echo(_what_is_next(campaign, now), err=True)
    if any(r.failed or r.unknown or r.problems for r in results):
        raise typer.Exit(1)


def _preview_lines(campaign: str, preview: Any, dry_run: bool) -> list[str]:
    from circular.sending.plan import countries

    head = "dry run: " if dry_run else ""
    what = "deferred reminders due" if preview.kind == "deferred" else preview.kind
    lines = [f"{head}{campaign}: {what}: {len(preview.send)} to send: {countries(preview.send)}"]
    if preview.deferred:
        lines.append(f"  {len(preview.deferred)} deferred (out of office until later)")
    if preview.cancelled:
        lines.append(f"  {len(preview.cancelled)} cancelled (answered or bounced meanwhile)")
    if preview.thank:
        lines.append(f"  {len(preview.thank)} acknowledgements to send: {countries(preview.thank)}")
    if preview.thank_waiting:
        lines.append(
            f"  {len(preview.thank_waiting)} acceptances wait for an acknowledgement: "
            "send them with --acks"
        )
    lines += [f"  problem: {problem}" for problem in preview.problems]
    return lines


def _what_is_next(campaign: Any, now: Any) -> str:
    from circular.followups.reminders import campaign_waves

    upcoming = [wave for wave in campaign_waves(campaign) if wave.at > now]
    if not upcoming:
        return f"left: no reminder wave before the deadline {campaign.deadline.date}"
    wave = upcoming[0]
    zone = campaign.deadline.timezone
    return f"left: wave {wave.number} ({wave.kind}) at {wave.at:%Y-%m-%d %H:%M} {zone}"


def _result_lines(result: Any) -> list[str]:
    from circular.sending.plan import countries

    lines = [f"{result.kind}: sent {len(result.sent)}: {countries(result.sent)}"]
    if result.deferred:
        lines.append(f"  deferred {len(result.deferred)}: {countries(result.deferred)}")
    if result.cancelled:
        lines.append(f"  cancelled {len(result.cancelled)}: {countries(result.cancelled)}")
    lines += [f"  failed: {name}" for name in result.failed]
    lines += [f"  unknown (may have been sent; check and decide): {n}" for n in result.unknown]
    lines += [f"  problem: {problem}" for problem in result.problems]
    return lines

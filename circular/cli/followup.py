"""``circular review``, ``circular decide``, ``circular report`` and ``circular followup``:
replies waiting for a person, a person's decision, the campaign report, a reminder wave."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

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
    console.print(f"[red]error:[/red] {message}", markup=True, highlight=False)
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
    out.print(
        "or in the Prefect UI (each waits there too, as a review-reply run); a decision taken "
        "with circular decide closes that run at the next reconcile"
    )


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
        item = decide(ledger, reply_id, kind, note, by="circular decide")
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
) -> None:
    """Send a reminder wave (or the deferred reminders now due) and acknowledgements."""
    from circular.followups.reminders import ReminderError, followup_now

    try:
        settings = load_settings()
        campaign = load_campaign(campaign_dir)
    except (SettingsError, CampaignError) as error:
        raise _fail(str(error)) from None
    try:
        results = followup_now(settings, campaign, wave, now=utcnow())
    except ReminderError as error:
        raise _fail(str(error)) from None
    out.print(json.dumps([r.as_dict() for r in results], indent=2, ensure_ascii=False))

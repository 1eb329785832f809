"""``circular review``, ``circular decide``, ``circular report`` and ``circular followup``:
replies waiting for a person, a person's decision, the campaign report, a reminder wave."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from datetime import datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from circular.cli import app
from circular.cli.common import CampaignOption, JsonOption, campaign_or_fail, settings_or_fail
from circular.cli.output import (
    console,
    country,
    fail,
    local_time,
    print_json,
    say,
    table,
    when,
    zone_name,
)
from circular.followups.review import DECISIONS, ReviewError, decide, pending_reviews
from circular.ledger import open_ledger, utcnow

if TYPE_CHECKING:
    from circular.campaign import Campaign
    from circular.followups.reminders import FollowupResult
    from circular.followups.report import ReportRow, Summary
    from circular.settings import Settings


def _zones(settings: Settings, campaign_ids: set[str]) -> dict[str, tzinfo]:
    """Each campaign's time zone (its deadline's), for the campaigns whose folder is found."""
    from circular.campaign import CampaignError, campaign_folder, load_campaign

    zones: dict[str, tzinfo] = {}
    for campaign_id in campaign_ids:
        try:
            found = load_campaign(campaign_folder(campaign_id, settings), check_templates=False)
        except (CampaignError, OSError):
            continue  # a campaign whose folder is gone: its times stay in UTC
        zones[campaign_id] = found.deadline.zone
    return zones


@app.command("review")
def review_command(
    campaign: Annotated[
        str | None,
        typer.Option("--campaign", help="Only this campaign: its id (cl-21-4) or its folder."),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """List the replies that wait for a person's decision."""
    from datetime import UTC

    settings = settings_or_fail()
    chosen = campaign_or_fail(campaign, settings, check_templates=False) if campaign else None
    ledger = open_ledger(settings.resolved_database_url)
    try:
        with ledger.session() as session:
            items = pending_reviews(session, chosen.id if chosen else None)
    finally:
        ledger.dispose()
    if as_json:
        print_json([asdict(item) for item in items])
        return
    if not items:
        say("nothing waits for a decision")
        return
    zones = _zones(settings, {item.campaign for item in items if item.campaign})
    out = console()
    say(f"{len(items)} replies wait for a decision")
    shown = table(out, "id", "received", "from", "country", "subject", "text", "classifier")
    for item in items:
        classifier = f"{item.kind} ({item.confidence:.2f})"
        if item.evidence:
            classifier += f": {item.evidence}"
        if item.reason:
            classifier += f" [{item.reason}]"
        shown.add_row(
            str(item.reply_id),
            when(item.received_at, zones.get(item.campaign or "", UTC)),
            item.sender,
            item.country or "unmatched",
            item.subject,
            item.excerpt[:200],
            classifier,
        )
    out.print(shown)
    say("decide with: circular decide <id> accept|decline|other [--note TEXT]")
    say(
        "or in the Prefect UI (each waits there too, as a review-reply run); a decision taken "
        "with circular decide closes that run at the next reconcile"
    )


@app.command("decide")
def decide_command(
    first: Annotated[
        str,
        typer.Argument(
            metavar="[REPLY_ID] KIND",
            help="The reply's id (see `circular review`) and accept, decline or other; with "
            "--contact, only the decision.",
        ),
    ],
    second: Annotated[str | None, typer.Argument(metavar="", show_default=False)] = None,
    note: Annotated[str, typer.Option("--note", help="Why (kept in the ledger).")] = "",
    contact: Annotated[
        str | None,
        typer.Option(
            "--contact",
            help="Decide for this contact (ISO3) without a reply: an answer by telephone, "
            "letter or note verbale. Needs --campaign.",
        ),
    ] = None,
    campaign_dir: Annotated[
        str | None,
        typer.Option("--campaign", help="The campaign, its id or folder (with --contact)."),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Record a person's decision on a reply, or on a contact: it beats the classifier's."""
    from circular.followups.actions import ActionError, operator

    kind = first if contact else (second or "")
    if kind not in DECISIONS:
        raise fail(f"decision {kind!r} is not one of {', '.join(DECISIONS)}")
    settings = settings_or_fail()
    who = operator(settings.operator)
    if contact:
        if second is not None or campaign_dir is None:
            raise fail("with --contact: give --campaign and only the decision (accept|...)")
        from circular.followups.settle import decide_contact

        campaign_id = campaign_or_fail(campaign_dir, settings, check_templates=False).id
        ledger = open_ledger(settings.resolved_database_url)
        try:
            said = decide_contact(ledger, campaign_id, contact, kind, note, who)
        except ActionError as error:
            raise fail(str(error)) from None
        finally:
            ledger.dispose()
        if as_json:
            print_json({"contact": contact, "kind": kind, "by": who, "said": said})
        else:
            say(said)
        return
    if not first.isdigit():
        raise fail(f"reply id {first!r} is not a number (or use --contact KEY)")
    reply_id = int(first)
    ledger = open_ledger(settings.resolved_database_url)
    try:
        item = decide(ledger, reply_id, kind, note, by=who)
    except ReviewError as error:
        raise fail(str(error)) from None
    finally:
        ledger.dispose()
    if as_json:
        print_json(asdict(item))
        return
    where = item.country or "no matched letter"
    say(f"reply {item.reply_id} from {item.sender} ({where}): decided {item.kind}")


@app.command("report")
def report_command(
    campaign_dir: CampaignOption,
    xlsx: Annotated[
        Path | None,
        typer.Option("--xlsx", help="Excel file to write (default: reports/<campaign>.xlsx)."),
    ] = None,
    as_json: Annotated[
        bool,
        typer.Option(
            "--json", help="One JSON object per contact, one per line (no table, no Excel)."
        ),
    ] = False,
) -> None:
    """The campaign's status per country: a table, a summary and an Excel file."""
    from circular.followups.report import (
        campaign_report,
        report_path,
        summarise,
        table_records,
        write_report_xlsx,
    )

    settings = settings_or_fail()
    campaign = campaign_or_fail(campaign_dir, settings, check_templates=False)
    now = utcnow()
    ledger = open_ledger(settings.resolved_database_url)
    try:
        with ledger.session() as session:
            rows = campaign_report(session, campaign, now)
    finally:
        ledger.dispose()
    zone = campaign.deadline.zone
    if as_json:
        # One object per contact and line, for scripts (``jq``, a spreadsheet import).
        for record in table_records(rows, zone):
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        return
    path = write_report_xlsx(rows, xlsx or report_path(settings.reports_dir, campaign), zone)
    summary = summarise(rows, campaign, now)
    _print_report(rows, summary, campaign)
    say(f"Excel report: {path}")


def _print_report(rows: list[ReportRow], summary: Summary, campaign: Campaign) -> None:
    """The report for a person: one line per country, then the campaign at a glance."""
    zone = campaign.deadline.zone
    out = console()
    say(f"{summary.reference}: {len(rows)} contacts, status on {when(summary.at, zone)}")
    times = f"({zone_name(zone)})"
    shown = table(
        out,
        "country",
        "minister",
        "outcome",
        "channel",
        f"sent {times}",
        "reminders",
        f"reply {times}",
    )
    for row in rows:
        speaker = row.speaker or row.delegate
        outcome = row.outcome + (f" (by {speaker})" if speaker else "")
        outcome += f", day {row.day}" if row.day else ""
        shown.add_row(
            country(row.country),
            row.minister,
            outcome,
            row.channel,
            local_time(row.sent_at, zone),
            str(row.reminders_sent),
            local_time(row.reply_at, zone),
        )
    out.print(shown)
    say("")
    say(
        f"contacts {summary.contacts}, letters sent {summary.letters_sent}, reminders sent "
        f"{summary.reminders_sent}; {summary.deadline_text()}"
    )
    say("outcomes: " + ", ".join(f"{name} {n}" for name, n in summary.outcomes.items()))
    languages = table(out, "language", "contacts", "accepted", "declined", "open")
    for language, count in summary.languages.items():
        languages.add_row(
            language,
            str(count.contacts),
            str(count.accepted),
            str(count.declined),
            str(count.open),
        )
    out.print(languages)
    for row in rows:
        if row.cc_bounced:
            say(f"{row.contact} Cc bounced: {row.cc_bounced} (dropped from later mail)")
        if row.to_settle:
            say(f"{row.contact} to settle: {row.to_settle}")


@app.command("followup")
def followup_command(
    campaign_dir: CampaignOption,
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
    as_json: JsonOption = False,
) -> None:
    """Send a reminder wave (or the deferred reminders now due) and, with --acks or a wave,
    the acknowledgements; says what it will send first, and what was sent at the end."""
    from circular.followups.reminders import ReminderError, followup_now, preview_followup

    settings = settings_or_fail()
    campaign = campaign_or_fail(campaign_dir, settings)
    # A scheduled wave thanks the acceptances too (as the follow-up flow does); a run without
    # one sends acknowledgements only when asked, so none go out unannounced.
    thank = acks or wave is not None
    now = utcnow()
    ledger = open_ledger(settings.resolved_database_url)
    try:
        preview = preview_followup(ledger, campaign, wave, now=now, acknowledgements=thank)
    except ReminderError as error:
        raise fail(str(error)) from None
    finally:
        ledger.dispose()
    if preview.broken_templates:
        shown = "\n  ".join(preview.broken_templates)
        raise fail(
            f"the follow-up templates of {campaign.id} cannot be rendered; nothing was sent:\n"
            f"  {shown}\ncheck every template with: circular check-templates --campaign "
            f"{campaign_dir}"
        )
    zone = campaign.deadline.zone
    # With --json the human lines go to stderr, so that stdout is JSON alone.
    for line in _preview_lines(campaign.id, preview, dry_run, zone):
        say(line, stderr=as_json)
    if dry_run:
        if as_json:
            print_json({"dry_run": True, "preview": asdict(preview)})
        say(_what_is_next(campaign, now), stderr=as_json)
        return
    try:
        results = followup_now(settings, campaign, wave, now=now, acknowledgements=thank)
    except ReminderError as error:
        raise fail(str(error)) from None
    if as_json:
        print_json([r.as_dict() for r in results])
    else:
        for result in results:
            _print_followup(result, zone)
    say(_what_is_next(campaign, now), stderr=as_json)
    if any(r.pending or r.failed or r.unknown for r in results):
        # Scripts and schedulers notice: some reminders wait for a later run or a person.
        raise typer.Exit(1)


def _print_followup(result: FollowupResult, zone: tzinfo) -> None:
    """One follow-up run for a person: what went out, to whom, and what is left."""
    say(
        f"{result.kind}: sent {len(result.sent)}, deferred {len(result.deferred)}, "
        f"cancelled {len(result.cancelled)}, failed {len(result.failed)}, "
        f"unknown {len(result.unknown)}"
    )
    if result.sent:
        say("  sent to: " + ", ".join(country(key) for key in result.sent))
    for key, at in result.deferred.items():
        say(f"  deferred: {country(key)} until {when(at, zone)}")
    if result.waiting:
        first = min(result.waiting.values())
        say(
            f"  waiting for their send window: {len(result.waiting)} (the first opens "
            f"{when(first, zone)}; a later run of the wave sends them)"
        )
    if result.cancelled:
        say("  cancelled: " + ", ".join(country(key) for key in result.cancelled))
    for key in result.failed:
        say(f"  failed: {country(key)}")
    for key in result.unknown:
        say(f"  unknown (may have been sent; check and decide): {country(key)}")
    for key in result.pending:
        say(f"  pending (the server could not be reached; the next run sends it): {country(key)}")
    for problem in result.problems:
        say(f"  problem: {problem}")


def _preview_lines(campaign: str, preview: Any, dry_run: bool, zone: tzinfo) -> list[str]:
    from circular.sending.plan import countries

    head = "dry run: " if dry_run else ""
    what = "deferred reminders due" if preview.kind == "deferred" else preview.kind
    lines = [f"{head}{campaign}: {what}: {len(preview.send)} to send: {countries(preview.send)}"]
    if preview.deferred:
        lines.append(f"  {len(preview.deferred)} deferred (out of office until later)")
    if preview.waiting:
        first = min(preview.waiting.values())
        lines.append(
            f"  {len(preview.waiting)} wait for their send window (the first opens "
            f"{when(first, zone)})"
        )
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


def _what_is_next(campaign: Any, now: datetime) -> str:
    from circular.followups.reminders import campaign_waves

    today = now.astimezone(campaign.deadline.zone).date()
    upcoming = [wave for wave in campaign_waves(campaign) if wave.day > today]
    if not upcoming:
        return f"left: no reminder wave before the deadline {campaign.deadline.date}"
    wave = upcoming[0]
    return (
        f"left: wave {wave.number} ({wave.kind}) on {wave.day:%a} {wave.day.isoformat()}, "
        "in each recipient's send window"
    )

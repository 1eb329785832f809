"""``circular send``: send a campaign's invitations (or preview them with ``--dry-run``).

Before anything goes out it checks the campaign's dates (a passed deadline needs ``--force``)
and the e-mail templates, and says what it will send and to how many; it ends with what was
sent and what is left, also when Ctrl-C stops it (exit status 130) or SIGTERM (143).
"""

from __future__ import annotations

from datetime import tzinfo
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn

from circular.campaign import Campaign, date_problems
from circular.cli import app
from circular.cli.common import CampaignOption, JsonOption, campaign_or_fail, settings_or_fail
from circular.cli.output import console, country, fail, print_json, progress, say, when
from circular.ledger import Ledger, MessageKind, MessageStatus, open_ledger, utcnow
from circular.sending.invitation_windows import InvitationWindows, unsent_windows
from circular.sending.mime import MessageBuildError, OutgoingMessage
from circular.sending.outbox import SendOptions, SendReport, send, write_previews
from circular.sending.outgoing import campaign_messages
from circular.sending.plan import countries, not_yet_sent, plan_line, standing
from circular.sending.sent_folder import SentFolder
from circular.sending.smtp import SmtpConfig, SmtpSetupError
from circular.sending.stops import Stopped
from circular.settings import Settings


def check_dates(campaign: Campaign, force: bool) -> None:
    """Refuse a campaign whose dates are wrong (a passed deadline, dates copied from an earlier
    campaign) unless ``force``; with it, say what is wrong and go on."""
    problems = date_problems(campaign, utcnow())
    if problems and not force:
        shown = "\n  ".join(problems)
        raise fail(
            f"the dates of campaign {campaign.id} are wrong:\n  {shown}\ncorrect "
            f"{campaign.folder}/campaign.yaml, or give --force to send anyway"
        )
    for problem in problems:
        say(f"warning (--force): {problem}", stderr=True)


@app.command("send")
def send_command(
    campaign_dir: CampaignOption,
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
    as_json: JsonOption = False,
) -> None:
    """Send a campaign's letters, each exactly once, within the configured rate limits.

    Exit status: 0 when every letter tried was sent, 1 when some failed or may or may not
    have gone out (unknown: a person decides), 2 on bad settings, campaign or letters; 130
    when interrupted (Ctrl-C, SIGINT), 143 when stopped by SIGTERM."""
    if kind != MessageKind.INVITATION:
        raise fail(
            f"--kind {kind}: only invitations are sent here; reminders are sent by the "
            "follow-up flow"
        )
    settings = settings_or_fail()
    campaign = campaign_or_fail(campaign_dir, settings)
    check_dates(campaign, force)
    ledger = open_ledger(settings.resolved_database_url)
    if not dry_run:
        _readdress(settings, campaign, ledger)
    built = campaign_messages(ledger, campaign, settings.out_dir, kind=kind)
    messages, problems = built.messages, built.problems
    if not messages and not problems:
        raise fail(f"campaign {campaign.id} has no contacts in the ledger: load a contact file")
    if built.broken_templates:
        shown = "\n  ".join(built.broken_templates)
        raise fail(
            f"the e-mail templates of {campaign.id} cannot be rendered; nothing was sent:\n"
            f"  {shown}\ncheck every template with: circular check-templates --campaign "
            f"{campaign_dir}"
        )
    if problems:
        shown = "\n  ".join(problems[:20])
        more = f"\n  ... and {len(problems) - 20} more" if len(problems) > 20 else ""
        raise fail(f"{len(problems)} letters cannot be sent:\n  {shown}{more}")

    # With --json the human lines go to stderr, so that stdout is JSON alone.
    waiting = not_yet_sent(ledger, messages)
    windows = unsent_windows(ledger, campaign, utcnow(), [m.contact_id for m in waiting])
    later = windows.waiting if windows is not None else frozenset()
    if later:  # not their recipients' window: this run leaves them out
        waiting = [m for m in waiting if m.contact_id not in later]
        messages = [m for m in messages if m.contact_id not in later]
    plan = plan_line("invitations", campaign.id, waiting, len(messages), limit)
    say(("dry run: " if dry_run else "") + plan, stderr=as_json)
    _windows(windows, campaign_dir, stderr=as_json)
    if dry_run:
        folder = out or settings.data_dir / "outbox" / campaign.id
        chosen = waiting[:limit] if limit else waiting
        try:
            paths = write_previews(
                chosen,
                folder,
                bounce_address=settings.smtp_bounce_address,
                ledger=ledger,
                smtputf8=settings.smtp_utf8 != "no",
            )
        except MessageBuildError as error:
            raise fail(str(error)) from None
        if as_json:
            print_json({"dry_run": True, "folder": str(folder), "written": [str(p) for p in paths]})
        else:
            say(f"dry run: wrote {len(paths)} messages to {folder}; nothing was sent")
        return

    options = SendOptions.from_settings(settings, limit=limit)
    sent_now: list[str] = []  # contact keys this run reached, named in the summary
    with progress(
        console(stderr=True),
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[detail]}"),
        TimeElapsedColumn(),
    ) as bar:
        task = bar.add_task(f"sending {campaign.id}", total=None, detail="")
        counts = {"sent": 0, "failed": 0, "unknown": 0, "retry": 0}

        def step(event: str, message: OutgoingMessage) -> None:
            counts[event] += 1
            if event == "sent":
                sent_now.append(message.name)
            detail = " ".join(f"{k} {v}" for k, v in counts.items() if v)
            bar.update(task, advance=0 if event == "retry" else 1, detail=detail)

        sent_folder = SentFolder.from_settings(settings)
        try:
            report = send(
                ledger,
                messages,
                SmtpConfig.from_settings(settings),
                options,
                sent_folder=sent_folder,
                progress=step,
                on_plan=lambda planned: bar.update(task, total=planned),
            )
        except SmtpSetupError as error:
            raise fail(str(error)) from None
        except KeyboardInterrupt as stop:
            bar.stop()
            _interrupted(ledger, campaign, kind, sent_now, campaign_dir)
            raise typer.Exit(stop.exit_status if isinstance(stop, Stopped) else 130) from None
        finally:
            if sent_folder is not None:
                sent_folder.close()
    sent_to = sorted(country(key) for key in sent_now)
    if as_json:
        print_json(_as_json(report, sent_to, windows))
    else:
        _summary(report, sent_to, campaign.deadline.zone)
    _left(ledger, campaign, kind, campaign_dir, stderr=as_json)
    if windows is not None and windows.no_window:
        raise typer.Exit(1)  # letters that can no longer go before the deadline: a person decides
    if report.failed or report.unknown:
        raise typer.Exit(1)  # scripts and schedulers notice letters that need a person


def _interrupted(
    ledger: Ledger, campaign: Campaign, kind: str, sent_now: list[str], campaign_dir: str
) -> None:
    """What Ctrl-C left: sent in this run, caught mid-send (named: a person may have to
    decide), and not sent."""
    say(f"interrupted: sent {len(sent_now)} in this run: {countries(sent_now)}", stderr=True)
    caught = standing(ledger, campaign.id, kind).get(MessageStatus.SENDING, [])
    if caught:
        say(
            f"{len(caught)} were being sent when interrupted and may or may not have gone out: "
            f"{', '.join(caught)}; the next `circular send` settles them (found in the Sent "
            "folder, else marked unknown for a person to decide)",
            stderr=True,
        )
    _left(ledger, campaign, kind, campaign_dir, stderr=True)


def _left(
    ledger: Ledger, campaign: Campaign, kind: str, campaign_dir: str, *, stderr: bool = False
) -> None:
    """What is left to send of ``kind``, with the command that sends it."""
    by_status = standing(ledger, campaign.id, kind)
    done = len(by_status.get(MessageStatus.SENT, []))
    left = by_status.get(MessageStatus.PENDING, [])
    total = sum(len(keys) for keys in by_status.values())
    if not left:
        say(f"{campaign.id}: {done} of {total} {kind}s sent; none left to send", stderr=stderr)
        return
    say(
        f"{campaign.id}: {done} of {total} {kind}s sent; left to send: {countries(left)} "
        f"(circular send --campaign {campaign_dir})",
        stderr=stderr,
    )


def _summary(report: SendReport, sent_to: list[str], zone: tzinfo) -> None:
    """What the run did, for a person: counts, then who was reached and what needs a look."""
    say(
        f"sent {report.sent}, failed {len(report.failed)}, unknown {len(report.unknown)}, "
        f"already done {report.already_done}, left pending {report.left_pending}"
    )
    if sent_to:
        say(f"sent to: {', '.join(sent_to)}")
    if report.reconciled and (report.reconciled.sent or report.reconciled.unknown):
        say(
            f"interrupted sends settled: {len(report.reconciled.sent)} found in the Sent "
            f"folder, {len(report.reconciled.unknown)} marked unknown"
        )
    for name in report.failed:
        say(f"  failed: {name}")
    for name in report.unknown:
        say(f"  unknown (may have been sent; check and decide): {name}")
    for name, refused in report.refused_cc.items():
        for address, answer in refused.items():
            say(f"  {name}: Cc {address} refused: {answer}")
    if report.quota_resume_at:
        say(
            f"daily quota reached: the rest goes out from {when(report.quota_resume_at, zone)} "
            "(run the command again then)"
        )


def _readdress(settings: Settings, campaign: Campaign, ledger: Ledger) -> None:
    """Letters whose address a newer contact file corrected after a bounce (or an unknown
    fate) get a new row, sent once by this run (issue 15 §4)."""
    from circular.followups.actions import operator
    from circular.followups.settle import readdress

    keys = readdress(ledger, campaign.id, campaign.sender.domain, operator(settings.operator))
    if keys:
        say(f"corrected addresses, letters sent again: {', '.join(keys)}")


def _windows(windows: InvitationWindows | None, campaign_dir: str, *, stderr: bool) -> None:
    """The invitations left for their recipients' send windows, and when each window opens."""
    if windows is None or not windows.waiting:
        return
    say(
        f"{len(windows.waiting)} invitations wait for their recipient's send window "
        "(campaign.yaml send_window.invitations); it opens:",
        stderr=stderr,
    )
    for line in windows.waiting_lines():
        say(f"  {line}", stderr=stderr)
    if windows.later:
        say(
            f"run `circular send --campaign {campaign_dir}` again once a window is open",
            stderr=stderr,
        )


def _as_json(
    report: SendReport, sent_to: list[str], windows: InvitationWindows | None
) -> dict[str, object]:
    later = windows.later.items() if windows is not None else ()
    return {
        "window_opens": {windows.recipients[c].key: s.start.isoformat() for c, s in later},
        "no_window": [who.key for who in windows.no_window] if windows is not None else [],
        "sent": report.sent,
        "sent_to": sent_to,
        "failed": report.failed,
        "unknown": report.unknown,
        "already_done": report.already_done,
        "left_pending": report.left_pending,
        "refused_cc": report.refused_cc,
        "quota_resume_at": report.quota_resume_at,
    }

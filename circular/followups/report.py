"""The campaign report: per contact (country) the letter, when it went out, the reminders, the
outcome and the reply that decided it; a markdown summary; an Excel file.

The outcome is ``circular.replies.outcomes.contact_status``: the same precedence everywhere. The
Excel file is written by ``circular.followups.excel.write_table``, where a cell starting with = + -
@
stays text and never runs as a formula.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import astuple, dataclass, fields
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from circular.campaign import Campaign
from circular.countries import get_country
from circular.followups.excel import write_table
from circular.ledger import (
    HUMAN_REPLY_KINDS,
    WEB_MAILBOX,
    Letter,
    Message,
    MessageKind,
    MessageStatus,
    Reply,
    WebAnswer,
    contacts_of,
)
from circular.replies.outcomes import (
    PERSON_MAILBOX,
    ContactStatus,
    contact_status,
    dropped_cc,
    latest_decision,
    replies_of,
)


@dataclass(frozen=True)
class ReportRow:
    """One contact's line in the report."""

    country: str  # ISO3
    country_name: str  # UN short name in English
    contact: str  # contact key
    language: str
    email: str
    letter: str  # file name of the rendered letter
    sent_at: datetime | None
    reminders_sent: int
    last_reminder_at: datetime | None
    outcome: str
    delegate: str  # who will deliver the statement, when the reply says so
    reply_at: datetime | None
    evidence: str
    decided_by: str
    ack_sent_at: datetime | None
    cc_bounced: str = ""  # Cc addresses that bounced permanently (dropped from later mail)
    to_settle: str = ""  # a message failed or of unknown fate, with the server's last answer
    channel: str = ""  # how the deciding answer came: email, web (the page) or person (staff)
    speaker: str = ""  # who will speak, as the web answer gives it (name, title)
    day: str = ""  # the preferred day (YYYY-MM-DD) of the web answer


#: The report's column titles, in ``ReportRow``'s order.
HEADER: tuple[str, ...] = tuple(f.name for f in fields(ReportRow))

_SENT = (MessageStatus.SENT, MessageStatus.UNKNOWN)


def _country_name(iso3: str) -> str:
    try:
        return get_country(iso3).name("en")
    except (KeyError, ValueError, LookupError):
        return iso3


def campaign_report(session: Session, campaign: Campaign, now: datetime) -> list[ReportRow]:
    """One row per contact of ``campaign`` as the ledger stands at ``now`` (the moment of the
    report: the reply columns show what had arrived by then)."""
    letters = {
        letter.contact_id: Path(letter.path).name
        for letter in session.scalars(select(Letter).where(Letter.campaign == campaign.id))
    }
    messages: dict[int, list[Message]] = {}
    for message in session.scalars(
        select(Message).where(Message.campaign == campaign.id, Message.status.in_(_SENT))
    ):
        messages.setdefault(message.contact_id, []).append(message)
    unsettled: dict[int, list[str]] = {}
    for message in session.scalars(
        select(Message).where(
            Message.campaign == campaign.id,
            Message.status.in_((MessageStatus.FAILED, MessageStatus.UNKNOWN)),
        )
    ):
        unsettled.setdefault(message.contact_id, []).append(
            f"{message.kind} {message.status} after {message.attempts} attempt(s): "
            f"{message.last_smtp_answer or '-'}"
        )
    web_answers = {
        answer.reply_id: answer
        for answer in session.scalars(select(WebAnswer).where(WebAnswer.campaign == campaign.id))
    }
    rows = []
    for contact in contacts_of(session, campaign.id):
        mine = messages.get(contact.id, [])
        invitation = next((m for m in mine if m.kind == MessageKind.INVITATION), None)
        reminders = sorted(
            (m for m in mine if m.kind.startswith("reminder-")),
            key=lambda m: m.sent_at or now,
        )
        ack = next((m for m in mine if m.kind == MessageKind.ACK), None)
        deciding = _deciding_reply(replies_of(session, contact), now)
        web = web_answers.get(deciding.id) if deciding is not None else None
        rows.append(
            ReportRow(
                country=contact.iso3,
                country_name=_country_name(contact.iso3),
                contact=contact.contact_key,
                language=contact.language,
                email=contact.email,
                letter=letters.get(contact.id, ""),
                sent_at=invitation.sent_at if invitation else None,
                reminders_sent=len(reminders),
                last_reminder_at=reminders[-1].sent_at if reminders else None,
                outcome=contact_status(session, contact).value,
                delegate=deciding.delegate if deciding else "",
                reply_at=deciding.received_at if deciding else None,
                evidence=deciding.evidence if deciding else "",
                decided_by=deciding.decided_by if deciding else "",
                ack_sent_at=ack.sent_at if ack else None,
                cc_bounced=", ".join(dropped_cc(session, contact)),
                to_settle="; ".join(unsettled.get(contact.id, [])),
                channel=channel_of(deciding) if deciding else "",
                speaker=_speaker(web) if web else (deciding.delegate if deciding else ""),
                day=web.day.isoformat() if web and web.day else "",
            )
        )
    return rows


def _deciding_reply(replies: Sequence[Reply], now: datetime) -> Reply | None:
    """The reply the outcome rests on: a person's latest decision, else the latest human
    reply, else the latest reply of any kind."""
    seen = [r for r in replies if r.received_at is None or r.received_at <= now]
    decided = latest_decision(seen)
    if decided is not None:
        return decided
    for group in ([r for r in seen if r.kind in HUMAN_REPLY_KINDS], seen):
        if group:
            return group[-1]
    return None


def channel_of(reply: Reply) -> str:
    """How ``reply`` came: ``web`` (the confirmation page), ``person`` (staff recorded it with
    no e-mail behind it) or ``email``."""
    if reply.mailbox == WEB_MAILBOX:
        return "web"
    if reply.mailbox == PERSON_MAILBOX:
        return "person"
    return "email"


def _speaker(answer: WebAnswer) -> str:
    return ", ".join(part for part in (answer.speaker_name, answer.speaker_title) if part)


def days_left(campaign: Campaign, now: datetime) -> int:
    """Whole days from ``now`` (in the deadline's time zone) to the deadline day; negative
    once it has passed."""
    today = now.astimezone(campaign.deadline.zone).date()
    return (campaign.deadline.date - today).days


def summary_markdown(rows: Sequence[ReportRow], campaign: Campaign, now: datetime) -> str:
    """The campaign at a glance: counts per outcome and per language, days to the deadline."""
    outcomes = Counter(r.outcome for r in rows)
    left = days_left(campaign, now)
    when = (
        f"**{left}** day(s) left until the deadline ({campaign.deadline.date.isoformat()}, "
        f"{campaign.deadline.timezone})"
        if left >= 0
        else f"the deadline ({campaign.deadline.date.isoformat()}) passed {-left} day(s) ago"
    )
    lines = [
        f"# {campaign.reference} ({campaign.id}): status on "
        f"{now.astimezone(UTC):%Y-%m-%d %H:%M} UTC",
        "",
        f"- contacts: **{len(rows)}**, letters sent: {sum(1 for r in rows if r.sent_at)}",
        f"- reminders sent: {sum(r.reminders_sent for r in rows)}",
        f"- {when}",
        "",
        "## Outcomes",
        "",
        "| outcome | contacts |",
        "| --- | ---: |",
    ]
    lines += [f"| {s.value} | {outcomes.get(s.value, 0)} |" for s in ContactStatus]
    lines += ["", "## Per language", "", "| language | contacts | accepted | declined | open |"]
    lines.append("| --- | ---: | ---: | ---: | ---: |")
    for language in sorted({r.language for r in rows}):
        mine = [r for r in rows if r.language == language]
        accepted = sum(1 for r in mine if r.outcome == ContactStatus.ACCEPTED)
        declined = sum(1 for r in mine if r.outcome == ContactStatus.DECLINED)
        lines.append(
            f"| {language} | {len(mine)} | {accepted} | {declined} | "
            f"{len(mine) - accepted - declined} |"
        )
    notes = [f"- {r.contact} Cc bounced: {r.cc_bounced} (dropped)" for r in rows if r.cc_bounced]
    notes += [f"- {r.contact} to settle: {r.to_settle}" for r in rows if r.to_settle]
    if notes:
        lines += ["", "## For a person", "", *notes]
    return "\n".join(lines) + "\n"


def table_records(rows: Sequence[ReportRow]) -> list[dict[str, str | int]]:
    """The rows as records of plain values (for a table artifact or JSON)."""
    records = []
    for row in rows:
        record: dict[str, str | int] = {}
        for name, value in zip(HEADER, astuple(row), strict=True):
            if isinstance(value, datetime):
                record[name] = value.strftime("%Y-%m-%d %H:%M")
            else:
                record[name] = "" if value is None else value
        records.append(record)
    return records


def report_path(reports_dir: Path, campaign: Campaign) -> Path:
    """Where the campaign's Excel report goes: ``<reports>/<campaign>.xlsx``."""
    return reports_dir / f"{campaign.id}.xlsx"


def write_report_xlsx(rows: Sequence[ReportRow], path: Path) -> Path:
    """Write the report to ``path`` as an Excel file (text stays text). Returns ``path``."""
    return write_table(path, "status", HEADER, (astuple(row) for row in rows))

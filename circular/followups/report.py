"""The campaign report: per contact (country) the letter, when it went out, the reminders, the
outcome and the reply that decided it; a markdown summary; an Excel file.

The outcome is ``circular.replies.outcomes.contact_status``: the same precedence everywhere. The
Excel file is for a person: the minister beside the country code, headers in words, set widths,
times in the campaign's time zone (named in the header), the staff's decision and note beside the
classifier's reading. It is written by ``circular.followups.excel.write_table``, where a cell
starting with = + - @ stays text and never runs as a formula.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import astuple, dataclass, field, fields
from datetime import UTC, date, datetime, tzinfo
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from circular.campaign import Campaign
from circular.countries import get_country
from circular.followups.excel import write_table
from circular.ledger import (
    HUMAN_REPLY_KINDS,
    WEB_MAILBOX,
    DecidedBy,
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
    latest_decision,
    replies_of,
)
from circular.sending.blocked import dropped_cc


@dataclass(frozen=True)
class ReportRow:
    """One contact's line in the report."""

    country: str  # ISO3
    country_name: str  # UN short name in English
    contact: str  # contact key
    minister: str  # title and name: "H.E. Mr John Smith"
    position: str
    ministry: str
    language: str
    email: str
    letter: str  # file name of the rendered letter
    sent_at: datetime | None
    reminders_sent: int
    last_reminder_at: datetime | None
    outcome: str
    delegate: str  # who will deliver the statement, when the reply says so
    reply_at: datetime | None
    evidence: str  # the classifier's reading: the sentence that decided
    confidence: float | None  # the classifier's confidence in it
    decided_by: str  # classifier or person
    staff_decision: str  # accept, decline or other, when a person decided
    staff_note: str  # why the person decided so
    decided_at: datetime | None  # when the person decided
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
                minister=" ".join(p for p in (contact.title, contact.name) if p),
                position=contact.position,
                ministry=contact.ministry,
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
                confidence=round(deciding.confidence, 2) if deciding else None,
                decided_by=deciding.decided_by if deciding else "",
                staff_decision=_by_person(deciding, "kind", ""),
                staff_note=_by_person(deciding, "decision_note", ""),
                decided_at=_by_person(deciding, "decided_at", None),
                ack_sent_at=ack.sent_at if ack else None,
                cc_bounced=", ".join(dropped_cc(session, contact)),
                to_settle="; ".join(unsettled.get(contact.id, [])),
                channel=channel_of(deciding) if deciding else "",
                speaker=_speaker(web) if web else (deciding.delegate if deciding else ""),
                day=web.day.isoformat() if web and web.day else "",
            )
        )
    return rows


def _by_person(reply: Reply | None, attribute: str, nothing: object) -> Any:
    """``reply``'s ``attribute`` when a person decided it, else ``nothing``."""
    if reply is None or reply.decided_by != DecidedBy.PERSON:
        return nothing
    return getattr(reply, attribute)


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


@dataclass(frozen=True)
class LanguageCount:
    """One language's line of the summary."""

    contacts: int
    accepted: int
    declined: int

    @property
    def open(self) -> int:
        return self.contacts - self.accepted - self.declined


@dataclass(frozen=True)
class Summary:
    """The campaign at a glance; printed for a person (the CLI) or as Markdown (a flow)."""

    reference: str
    campaign: str
    at: datetime  # the moment of the report, in the campaign's time zone
    contacts: int
    letters_sent: int
    reminders_sent: int
    deadline: date
    timezone: str
    days_left: int  # negative once the deadline passed
    outcomes: dict[str, int] = field(default_factory=dict)  # every outcome, in order
    languages: dict[str, LanguageCount] = field(default_factory=dict)

    def deadline_text(self) -> str:
        """``9 day(s) left until the deadline (2021-03-01, Europe/Zurich)``, or how long ago
        it passed."""
        if self.days_left >= 0:
            return (
                f"{self.days_left} day(s) left until the deadline ({self.deadline.isoformat()}, "
                f"{self.timezone})"
            )
        return f"the deadline ({self.deadline.isoformat()}) passed {-self.days_left} day(s) ago"


def summarise(rows: Sequence[ReportRow], campaign: Campaign, now: datetime) -> Summary:
    """Counts per outcome and per language, and the days to the deadline, at ``now``."""
    outcomes = Counter(r.outcome for r in rows)
    languages = {}
    for language in sorted({r.language for r in rows}):
        mine = [r for r in rows if r.language == language]
        languages[language] = LanguageCount(
            contacts=len(mine),
            accepted=sum(1 for r in mine if r.outcome == ContactStatus.ACCEPTED),
            declined=sum(1 for r in mine if r.outcome == ContactStatus.DECLINED),
        )
    return Summary(
        reference=campaign.reference,
        campaign=campaign.id,
        at=now.astimezone(campaign.deadline.zone),
        contacts=len(rows),
        letters_sent=sum(1 for r in rows if r.sent_at),
        reminders_sent=sum(r.reminders_sent for r in rows),
        deadline=campaign.deadline.date,
        timezone=campaign.deadline.timezone,
        days_left=days_left(campaign, now),
        outcomes={s.value: outcomes.get(s.value, 0) for s in ContactStatus},
        languages=languages,
    )


def summary_markdown(rows: Sequence[ReportRow], campaign: Campaign, now: datetime) -> str:
    """The summary as Markdown (a Prefect artifact)."""
    summary = summarise(rows, campaign, now)
    when = summary.deadline_text()
    if summary.days_left >= 0:
        when = when.replace(f"{summary.days_left} day(s)", f"**{summary.days_left}** day(s)", 1)
    lines = [
        f"# {summary.reference} ({summary.campaign}): status on "
        f"{summary.at:%Y-%m-%d %H:%M} {summary.timezone}",
        "",
        f"- contacts: **{summary.contacts}**, letters sent: {summary.letters_sent}",
        f"- reminders sent: {summary.reminders_sent}",
        f"- {when}",
        "",
        "## Outcomes",
        "",
        "| outcome | contacts |",
        "| --- | ---: |",
    ]
    lines += [f"| {name} | {count} |" for name, count in summary.outcomes.items()]
    lines += ["", "## Per language", "", "| language | contacts | accepted | declined | open |"]
    lines.append("| --- | ---: | ---: | ---: | ---: |")
    for language, count in summary.languages.items():
        lines.append(
            f"| {language} | {count.contacts} | {count.accepted} | {count.declined} | "
            f"{count.open} |"
        )
    notes = [f"- {r.contact} Cc bounced: {r.cc_bounced} (dropped)" for r in rows if r.cc_bounced]
    notes += [f"- {r.contact} to settle: {r.to_settle}" for r in rows if r.to_settle]
    if notes:
        lines += ["", "## For a person", "", *notes]
    return "\n".join(lines) + "\n"


def table_records(
    rows: Sequence[ReportRow], zone: tzinfo = UTC
) -> list[dict[str, str | int | float]]:
    """The rows as records of plain values (for a table artifact), times in ``zone``."""
    records = []
    for row in rows:
        record: dict[str, str | int | float] = {}
        for name, value in zip(HEADER, astuple(row), strict=True):
            if isinstance(value, datetime):
                record[name] = value.astimezone(zone).strftime("%Y-%m-%d %H:%M")
            else:
                record[name] = "" if value is None else value
        records.append(record)
    return records


def report_path(reports_dir: Path, campaign: Campaign) -> Path:
    """Where the campaign's Excel report goes: ``<reports>/<campaign>.xlsx``."""
    return reports_dir / f"{campaign.id}.xlsx"


#: The Excel report's columns: (header in words, width in characters, ReportRow field).
EXCEL_COLUMNS: tuple[tuple[str, float, str], ...] = (
    ("Country code", 8, "country"),
    ("Country", 24, "country_name"),
    ("Minister", 28, "minister"),
    ("Title", 36, "position"),
    ("Ministry", 36, "ministry"),
    ("Language", 9, "language"),
    ("E-mail", 30, "email"),
    ("Letter file", 16, "letter"),
    ("Letter sent", 17, "sent_at"),
    ("Reminders sent", 10, "reminders_sent"),
    ("Last reminder", 17, "last_reminder_at"),
    ("Outcome", 13, "outcome"),
    ("Delivered by (delegate)", 36, "delegate"),
    ("Answered through", 12, "channel"),
    ("Speaker (web answer)", 36, "speaker"),
    ("Preferred day", 12, "day"),
    ("Reply received", 17, "reply_at"),
    ("Classifier's reading", 60, "evidence"),
    ("Classifier's confidence", 11, "confidence"),
    ("Decided by", 11, "decided_by"),
    ("Staff decision", 10, "staff_decision"),
    ("Staff note", 40, "staff_note"),
    ("Staff decided", 17, "decided_at"),
    ("Acknowledgement sent", 17, "ack_sent_at"),
)


def write_report_xlsx(rows: Sequence[ReportRow], path: Path, zone: tzinfo = UTC) -> Path:
    """Write the report to ``path`` as an Excel file for a person (text stays text; times in
    ``zone``, the campaign's, named in their headers). Returns ``path``."""
    name = getattr(zone, "key", None) or str(zone)
    header = [
        f"{title} ({name})" if attr.endswith("_at") else title
        for title, _width, attr in EXCEL_COLUMNS
    ]

    def cells(row: ReportRow) -> list[object]:
        values = [getattr(row, attr) for _title, _width, attr in EXCEL_COLUMNS]
        return [v.astimezone(zone) if isinstance(v, datetime) else v for v in values]

    return write_table(
        path,
        "status",
        header,
        (cells(row) for row in rows),
        widths=[width for _title, width, _attr in EXCEL_COLUMNS],
    )

"""Reminder waves and acknowledgements, sent: the ledger read at the moment a wave runs, the
rules of ``circular.followups.waves`` applied, and the messages sent through the same exactly-once
outbox as the invitations (kinds ``reminder-N`` and ``ack``).

A reminder answers in the thread of the original letter (In-Reply-To and References are the
invitation's Message-ID), in the contact's language (``reminder.<lang>.txt``), with the letter
attached again. A contact who is out of office until after a wave gets a ``pending`` row whose
``scheduled_for`` is the day after the return; ``send_due_reminders`` sends it then, after
checking the ledger again (a reply that arrived meanwhile cancels it).

An acceptance gets a short thank-you (``ack.<lang>.txt``), once, unless the campaign's
``reminders.acknowledgement`` is off.

Every function takes the clock as ``now``: the rules are tested on a simulated calendar.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from circular.campaign import Campaign, TemplateKind
from circular.followups.waves import ContactFacts, ReminderPlan, Wave, plan_wave, wave_schedule
from circular.ledger import (
    Contact,
    Ledger,
    Letter,
    Message,
    MessageKind,
    MessageStatus,
    Reply,
    ReplyKind,
    contacts_of,
    open_ledger,
)
from circular.replies.outcomes import ContactStatus, can_mail, contact_status, replies_of
from circular.sending import claims
from circular.sending.mime import OutgoingMessage
from circular.sending.outbox import SendOptions, SendReport, send
from circular.sending.outgoing import CoverNoteError, letter_paths, message_for
from circular.sending.sent_folder import SentFolder
from circular.sending.smtp import SmtpConfig
from circular.settings import Settings

#: Statuses that mean a person answered: no reminder goes to them.
ANSWERED = frozenset(
    {
        ContactStatus.ACCEPTED,
        ContactStatus.DECLINED,
        ContactStatus.REPLIED,
        ContactStatus.NEEDS_REVIEW,
    }
)
_REMINDER_PREFIX = "reminder-"
_MESSAGE_ID = re.compile(r"<[!-;=?-~]{1,900}>")


class ReminderError(ValueError):
    """A wave that cannot run (unknown number, before its time); the message says why."""


def campaign_waves(campaign: Campaign) -> list[Wave]:
    """The campaign's reminder waves from its deadline and ``reminders`` policy, earliest
    first."""
    policy = campaign.reminders
    return wave_schedule(
        campaign.deadline.at,
        policy.waves,
        policy.send_time,
        campaign.deadline.zone,
        policy.is_working_day,
    )


def contact_facts(session: Session, contact: Contact) -> ContactFacts:
    """What the wave rules need to know of ``contact``, read from the ledger now."""
    status = contact_status(session, contact)
    replies = replies_of(session, contact)
    auto = [r for r in replies if r.kind == ReplyKind.AUTO_REPLY]
    reminders = session.scalars(
        select(Message.kind).where(
            Message.contact_id == contact.id,
            Message.kind.like(f"{_REMINDER_PREFIX}%"),
            Message.status != MessageStatus.CANCELLED,
        )
    )
    return ContactFacts(
        contact_id=contact.id,
        has_human_reply=status in ANSWERED,
        permanently_bounced=status == ContactStatus.BOUNCED or not can_mail(session, contact),
        reminders_sent=frozenset(reminders),
        # The latest auto-reply says when the person is back (an older one is out of date).
        out_of_office_until=auto[-1].return_date if auto else None,
    )


@dataclass
class FollowupResult:
    """What one follow-up run did, by contact key."""

    kind: str
    sent: list[str] = field(default_factory=list)
    deferred: dict[str, datetime] = field(default_factory=dict)
    cancelled: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        """A JSON-friendly summary (flows return it, the CLI prints it)."""
        return {
            "kind": self.kind,
            "sent": self.sent,
            "deferred": {key: at.isoformat() for key, at in self.deferred.items()},
            "cancelled": self.cancelled,
            "failed": self.failed,
            "unknown": self.unknown,
            "problems": self.problems,
        }


@dataclass(frozen=True)
class Sender:
    """How follow-ups are sent: the SMTP server, the outbox's options, the Sent folder, and
    where the rendered letters are."""

    smtp: SmtpConfig
    options: SendOptions
    out_dir: Path
    sent_folder: SentFolder | None = None


def run_wave(
    ledger: Ledger, campaign: Campaign, number: int, sender: Sender, *, now: datetime
) -> FollowupResult:
    """Send reminder wave ``number`` of ``campaign`` as the ledger stands at ``now``.

    Contacts out of office until after the wave get a deferred row (``scheduled_for``), sent
    later by ``send_due_reminders``. Running a wave again sends nothing twice."""
    waves = campaign_waves(campaign)
    wave = next((w for w in waves if w.number == number), None)
    if wave is None:
        raise ReminderError(
            f"campaign {campaign.id}: no reminder wave {number} (waves: "
            + ", ".join(f"{w.number} at {w.at.isoformat()}" for w in waves)
            + ")"
        )
    result = FollowupResult(kind=wave.kind)
    if now < wave.at:
        raise ReminderError(
            f"campaign {campaign.id}: wave {number} is due at {wave.at.isoformat()}, "
            f"not at {now.isoformat()}"
        )
    if now >= campaign.deadline.at:
        result.problems.append(f"the deadline {campaign.deadline.at.isoformat()} has passed")
        return result
    policy = campaign.reminders
    with ledger.session() as session:
        invited = _invited(session, campaign.id)
        facts = [contact_facts(session, c) for c in invited]
        plans = plan_wave(
            wave,
            facts,
            deadline=campaign.deadline.at,
            send_time=policy.send_time,
            zone=campaign.deadline.zone,
            max_reminders=policy.max_per_contact,
            is_working=policy.is_working_day,
        )
    by_id = {c.id: c for c in invited}
    due = [p for p in plans if p.send_at <= now]
    later = [p for p in plans if p.send_at > now]
    _defer(ledger, campaign, later, by_id)
    result.deferred = {by_id[p.contact_id].contact_key: p.send_at for p in later}
    _send(ledger, campaign, [(by_id[p.contact_id], wave.kind) for p in due], sender, result)
    return result


def send_due_reminders(
    ledger: Ledger, campaign: Campaign, sender: Sender, *, now: datetime
) -> FollowupResult:
    """Send the deferred reminders whose time has come, after checking the ledger again: a
    contact who answered or bounced meanwhile gets nothing (the row is cancelled)."""
    result = FollowupResult(kind="deferred")
    with ledger.session() as session:
        rows = list(
            session.scalars(
                select(Message)
                .where(
                    Message.campaign == campaign.id,
                    Message.kind.like(f"{_REMINDER_PREFIX}%"),
                    Message.status == MessageStatus.PENDING,
                    Message.scheduled_for.is_not(None),
                    Message.scheduled_for <= now,
                )
                .order_by(Message.scheduled_for, Message.id)
            )
        )
        items: list[tuple[Contact, str]] = []
        for row in rows:
            contact = session.get(Contact, row.contact_id)
            assert contact is not None  # a foreign key
            facts = contact_facts(session, contact)
            if facts.has_human_reply or facts.permanently_bounced or now >= campaign.deadline.at:
                row.status = MessageStatus.CANCELLED
                result.cancelled.append(contact.contact_key)
            else:
                # Due by this run's clock: the row no longer waits (the outbox checks
                # ``scheduled_for`` against the wall clock, which a simulated clock is not).
                row.scheduled_for = None
                items.append((contact, row.kind))
    _send(ledger, campaign, items, sender, result)
    return result


def send_acknowledgements(
    ledger: Ledger, campaign: Campaign, sender: Sender, *, now: datetime
) -> FollowupResult:
    """Thank every contact whose acceptance is in the ledger at ``now``, once, in the thread of
    their reply. Nothing when the campaign's ``reminders.acknowledgement`` is off."""
    result = FollowupResult(kind=MessageKind.ACK)
    if not campaign.reminders.acknowledgement:
        return result
    with ledger.session() as session:
        acked = set(
            session.scalars(
                select(Message.contact_id).where(
                    Message.campaign == campaign.id, Message.kind == MessageKind.ACK
                )
            )
        )
        items = [
            (contact, MessageKind.ACK.value)
            for contact in _invited(session, campaign.id)
            if contact.id not in acked
            and contact_status(session, contact) == ContactStatus.ACCEPTED
            and can_mail(session, contact)
        ]
    _send(ledger, campaign, items, sender, result)
    return result


def _invited(session: Session, campaign_id: str) -> list[Contact]:
    """Contacts whose invitation went out (only they can be reminded or thanked)."""
    sent = set(
        session.scalars(
            select(Message.contact_id).where(
                Message.campaign == campaign_id,
                Message.kind == MessageKind.INVITATION,
                Message.status == MessageStatus.SENT,
            )
        )
    )
    return [c for c in contacts_of(session, campaign_id) if c.id in sent]


def _defer(
    ledger: Ledger, campaign: Campaign, plans: Sequence[ReminderPlan], by_id: dict[int, Contact]
) -> None:
    """Create the deferred reminders' rows, ``pending`` until their ``scheduled_for``."""
    for plan in plans:
        rows = claims.ensure_rows(
            ledger, campaign.id, plan.wave.kind, [(plan.contact_id, campaign.sender.domain)]
        )
        with ledger.session() as session:
            session.execute(
                update(Message)
                .where(
                    Message.id == rows[plan.contact_id].id,
                    Message.status == MessageStatus.PENDING,
                )
                .values(scheduled_for=plan.send_at)
            )


def _send(
    ledger: Ledger,
    campaign: Campaign,
    items: Sequence[tuple[Contact, str]],
    sender: Sender,
    result: FollowupResult,
) -> None:
    """Build each (contact, kind) message in the letter's thread and send it exactly once."""
    messages: list[OutgoingMessage] = []
    with ledger.session() as session:
        for contact, kind in items:
            try:
                messages.append(_message(session, campaign, contact, kind, sender.out_dir))
            except (CoverNoteError, ReminderError) as error:
                result.problems.append(f"{contact.contact_key}: {error}")
    if not messages:
        return

    def progress(event: str, message: OutgoingMessage) -> None:
        if event == "sent":
            result.sent.append(message.label)

    report: SendReport = send(
        ledger,
        messages,
        sender.smtp,
        sender.options,
        sent_folder=sender.sent_folder,
        progress=progress,
    )
    result.failed += report.failed
    result.unknown += report.unknown


def _message(
    session: Session, campaign: Campaign, contact: Contact, kind: str, out_dir: Path
) -> OutgoingMessage:
    invitation = session.scalar(
        select(Message).where(
            Message.campaign == campaign.id,
            Message.contact_id == contact.id,
            Message.kind == MessageKind.INVITATION,
        )
    )
    if invitation is None:
        raise ReminderError("no invitation in the ledger to follow up")
    thread = [invitation.message_id]
    template: TemplateKind = "reminder"
    attachments: list[Path] = []
    if kind == MessageKind.ACK:
        template = "ack"
        acceptance = _latest_acceptance(session, contact)
        if acceptance is not None and _MESSAGE_ID.fullmatch(acceptance.message_id.strip()):
            thread.append(acceptance.message_id.strip())
    else:
        letter = session.scalar(
            select(Letter).where(Letter.campaign == campaign.id, Letter.contact_id == contact.id)
        )
        attachments = letter_paths(
            campaign, out_dir, contact, Path(letter.path) if letter else None
        )
        if not attachments:
            raise ReminderError("no rendered letter to attach again; run the rendering first")
    return message_for(
        campaign,
        contact,
        attachments,
        kind=kind,
        template=template,
        in_reply_to=thread[-1],
        references=thread,
    )


def _latest_acceptance(session: Session, contact: Contact) -> Reply | None:
    accepted = [r for r in replies_of(session, contact) if r.kind == ReplyKind.ACCEPT]
    return accepted[-1] if accepted else None


@contextmanager
def _sender(settings: Settings) -> Iterator[tuple[Ledger, Sender]]:
    """The ledger and the sender of a run with the operator's settings, closed afterwards."""
    ledger = open_ledger(settings.resolved_database_url)
    sent_folder = SentFolder.from_settings(settings)
    sender = Sender(
        SmtpConfig.from_settings(settings),
        SendOptions.from_settings(settings),
        settings.out_dir,
        sent_folder,
    )
    try:
        yield ledger, sender
    finally:
        if sent_folder is not None:
            sent_folder.close()
        ledger.dispose()


def followup_now(
    settings: Settings, campaign: Campaign, wave: int | None, *, now: datetime
) -> list[FollowupResult]:
    """One follow-up run with the operator's settings: reminder wave ``wave`` (or, with
    ``None``, the deferred reminders now due), then the acknowledgements not sent yet."""
    with _sender(settings) as (ledger, sender):
        if wave is None:
            first = send_due_reminders(ledger, campaign, sender, now=now)
        else:
            first = run_wave(ledger, campaign, wave, sender, now=now)
        return [first, send_acknowledgements(ledger, campaign, sender, now=now)]


def acknowledge_now(settings: Settings, campaign: Campaign, *, now: datetime) -> FollowupResult:
    """The acknowledgements not sent yet, with the operator's settings: what the poll sends
    right after recording acceptances (each still once: the ledger's ``ack`` row)."""
    with _sender(settings) as (ledger, sender):
        return send_acknowledgements(ledger, campaign, sender, now=now)

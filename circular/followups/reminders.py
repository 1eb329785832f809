"""Reminder waves and acknowledgements, sent: the ledger read at the moment a wave runs, the
rules of ``circular.followups.waves`` applied, and the messages sent through the same exactly-once
outbox as the invitations (kinds ``reminder-N`` and ``ack``).

A reminder answers in the thread of the original letter (In-Reply-To and References are the
invitation's Message-ID), in the contact's language (``reminder.<lang>.txt``), with the letter
attached again. A wave run sends to every contact whose send window is open at ``now``
(``circular.sending.windows``); contacts whose window opens later wait for a later run of the
same wave. A contact who is out of office until after a wave (or whose window closed before
any run reached them) gets a ``pending`` row whose ``scheduled_for`` is their first window
after the return; ``send_due_reminders`` sends it then, after checking the ledger again (a reply
that arrived meanwhile cancels it).

An acceptance gets a short thank-you (``ack.<lang>.txt``), once, unless the campaign's
``reminders.acknowledgement`` is off.

Every function takes the clock as ``now``: the rules are tested on a simulated calendar.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from circular.campaign import Campaign, TemplateKind
from circular.countries import DATA_SINCE, member_states
from circular.followups.actions import held_contacts
from circular.followups.waves import (
    ContactFacts,
    ReminderPlan,
    Wave,
    WaveSlots,
    plan_wave,
    wave_days,
    wave_slots,
    working_day_on_or_before,
)
from circular.ledger import (
    Contact,
    Ledger,
    Letter,
    Message,
    MessageKind,
    MessageStatus,
    Reply,
    ReplyKind,
    campaign_cancelled,
    contacts_of,
    open_ledger,
)
from circular.letters.checks import check_campaign_templates
from circular.letters.links import contact_reply_url
from circular.letters.render import contact_fields_of
from circular.replies.outcomes import (
    ContactStatus,
    can_mail,
    contact_status,
    replies_of,
)
from circular.sending import claims
from circular.sending.blocked import dropped_cc, without_cc
from circular.sending.calendars import secretariat_calendar
from circular.sending.mime import OutgoingMessage
from circular.sending.outbox import SendOptions, SendReport, send
from circular.sending.outgoing import CoverNoteError, letter_paths, message_for
from circular.sending.sent_folder import SentFolder
from circular.sending.smtp import SmtpConfig, SmtpSetupError
from circular.sending.windows import (
    Recipient,
    SendGroup,
    Timing,
    TimingError,
    first_slot_from,
    group_slots,
    recipient,
    recipient_of,
)
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
#: Rows that do not count as a reminder given: not sent yet (an outage left them pending, the
#: next run sends them), cancelled, or replaced by a newer row.
_NOT_GIVEN = (MessageStatus.PENDING, MessageStatus.CANCELLED, MessageStatus.SUPERSEDED)
_MESSAGE_ID = re.compile(r"<[!-;=?-~]{1,900}>")


class ReminderError(ValueError):
    """A wave that cannot run (unknown number, before its time); the message says why."""


def campaign_waves(campaign: Campaign) -> list[Wave]:
    """The campaign's reminder waves (days of the secretariat's calendar) from its deadline,
    ``reminders`` policy and ``calendar``, earliest first."""
    timing = Timing.of(campaign)
    return wave_days(
        campaign.deadline.date,
        campaign.reminders.waves,
        timing.secretariat.is_working_day,
        campaign.date,
    )


def wave_notes(campaign: Campaign) -> list[str]:
    """Each wave's day and, when it moved, the secretariat's days off it skipped:
    "reminder-2: Thu 2026-12-24 (not 2026-12-27: weekend (Sunday); 2026-12-26: ...)"."""
    calendar = Timing.of(campaign).secretariat
    notes = []
    for wave in campaign_waves(campaign):
        offset = next(
            o
            for o in campaign.reminders.waves
            if working_day_on_or_before(
                campaign.deadline.date - timedelta(days=o), calendar.is_working_day
            )
            == wave.day
        )
        skipped = []
        day = campaign.deadline.date - timedelta(days=offset)
        while day > wave.day:
            skipped.append(f"{day.isoformat()}: {calendar.day_off(day)}")
            day -= timedelta(days=1)
        note = f"{wave.kind}: {wave.day:%a} {wave.day.isoformat()}"
        notes.append(note + (f" (skips {'; '.join(skipped)})" if skipped else ""))
    return notes


@dataclass(frozen=True)
class CampaignTiming:
    """A campaign's waves placed in its recipients' windows."""

    timing: Timing
    waves: list[Wave]
    recipients: dict[int, Recipient]
    slots: WaveSlots

    def groups(self, wave: Wave) -> list[SendGroup]:
        """The runs of ``wave``: its recipients' slots grouped (``windows.group_slots``)."""
        zones = {cid: who.zone for cid, who in self.recipients.items()}
        return group_slots(self.slots[wave.number], zones)


def campaign_timing(campaign: Campaign, contacts: Sequence[Contact]) -> CampaignTiming:
    """When each of ``contacts`` gets each wave of ``campaign``. Raises ReminderError naming
    the countries when a window cannot fit (or a contact's time zone is unknown)."""
    try:
        return timing_for(campaign, [recipient_of(c) for c in contacts])
    except TimingError as error:
        raise ReminderError(f"campaign {campaign.id}: {error}") from None


def timing_for(campaign: Campaign, recipients: Sequence[Recipient]) -> CampaignTiming:
    """When each recipient gets each wave of ``campaign``; TimingError when a window cannot
    fit."""
    timing = Timing.of(campaign)
    waves = campaign_waves(campaign)
    slots = wave_slots(waves, recipients, timing)
    return CampaignTiming(timing, waves, {r.contact_id: r for r in recipients}, slots)


def member_states_timing(campaign: Campaign) -> CampaignTiming:
    """``timing_for`` every ITU Member State on the letter's day, each in its capital's zone
    (the check of a campaign before any contact is loaded; the simulations)."""
    states = member_states(max(campaign.date, DATA_SINCE))
    return timing_for(campaign, [recipient(n, c.iso3, c.iso3, {}) for n, c in enumerate(states)])


def invited_timing(ledger: Ledger, campaign: Campaign) -> CampaignTiming:
    """``campaign_timing`` over the contacts whose invitation went out, read from the ledger."""
    with ledger.session() as session:
        return campaign_timing(campaign, _invited(session, campaign.id))


def contact_facts(session: Session, contact: Contact, *, held: bool = False) -> ContactFacts:
    """What the wave rules need to know of ``contact``, read from the ledger now."""
    status = contact_status(session, contact)
    replies = replies_of(session, contact)
    auto = [r for r in replies if r.kind == ReplyKind.AUTO_REPLY]
    reminders = session.scalars(
        select(Message.kind).where(
            Message.contact_id == contact.id,
            Message.kind.like(f"{_REMINDER_PREFIX}%"),
            Message.status.not_in(_NOT_GIVEN),
        )
    )
    return ContactFacts(
        contact_id=contact.id,
        has_human_reply=status in ANSWERED,
        permanently_bounced=status == ContactStatus.BOUNCED or not can_mail(session, contact),
        reminders_sent=frozenset(reminders),
        # The latest auto-reply says when the person is back (an older one is out of date).
        out_of_office_until=auto[-1].return_date if auto else None,
        held=held,
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
    # Not sent by this run (the server could not be reached): the next run sends them.
    pending: list[str] = field(default_factory=list)
    #: Contacts whose window for this wave opens after this run (a later run serves them).
    waiting: dict[str, datetime] = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        """A JSON-friendly summary (flows return it, the CLI prints it)."""
        return {
            "kind": self.kind,
            "sent": self.sent,
            "deferred": {key: at.isoformat() for key, at in self.deferred.items()},
            "cancelled": self.cancelled,
            "failed": self.failed,
            "unknown": self.unknown,
            "pending": self.pending,
            "problems": self.problems,
            "waiting": {key: at.isoformat() for key, at in self.waiting.items()},
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
    """Send reminder wave ``number`` of ``campaign`` to every contact whose send window is
    open at ``now``, as the ledger stands then.

    Contacts whose window opens later wait for a later run (``waiting``); contacts out of
    office until after the wave, or whose window closed before any run reached them, get a
    deferred row (``scheduled_for``), sent later by ``send_due_reminders``. Running a wave
    again sends nothing twice."""
    split = _wave_split(ledger, campaign, _wave_of(campaign, number), now)
    result = FollowupResult(kind=split.wave.kind, problems=list(split.problems))
    result.waiting = {split.by_id[p.contact_id].contact_key: p.send_at for p in split.waiting}
    _defer(ledger, campaign, split.later, split.by_id)
    result.deferred = {split.by_id[p.contact_id].contact_key: p.send_at for p in split.later}
    due = [(split.by_id[p.contact_id], split.wave.kind) for p in split.due]
    _send(ledger, campaign, due, sender, result)
    return result


def _wave_of(campaign: Campaign, number: int) -> Wave:
    """Wave ``number`` of the campaign; ReminderError names the waves there are."""
    waves = campaign_waves(campaign)
    wave = next((w for w in waves if w.number == number), None)
    if wave is None:
        raise ReminderError(
            f"campaign {campaign.id}: no reminder wave {number} (waves: "
            + ", ".join(f"{w.number} on {w.day.isoformat()}" for w in waves)
            + ")"
        )
    return wave


@dataclass
class _WaveSplit:
    """A wave at ``now``, read from the ledger with nothing changed (a preview uses it too):
    due now, deferred to a later window, waiting for their window to open, and problems."""

    wave: Wave
    due: list[ReminderPlan] = field(default_factory=list)
    later: list[ReminderPlan] = field(default_factory=list)
    waiting: list[ReminderPlan] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    by_id: dict[int, Contact] = field(default_factory=dict)


def _wave_split(ledger: Ledger, campaign: Campaign, wave: Wave, now: datetime) -> _WaveSplit:
    """Who of ``wave`` gets a reminder at ``now``; ReminderError when the wave is not due."""
    split = _WaveSplit(wave)
    with ledger.session() as session:
        if campaign_cancelled(session, campaign.id):
            split.problems.append(f"campaign {campaign.id} was cancelled: nothing is sent")
            return split
        invited = _invited(session, campaign.id)
        held = held_contacts(session, campaign.id)
        facts = [contact_facts(session, c, held=c.id in held) for c in invited]
    plan = campaign_timing(campaign, invited)
    slots = plan.slots[wave.number]
    if slots and now < min(slot.start for slot in slots.values()):
        first = min(slot.start for slot in slots.values())
        raise ReminderError(
            f"campaign {campaign.id}: wave {wave.number} is due from {first.isoformat()} "
            f"(its first window), not at {now.isoformat()}"
        )
    if now >= campaign.deadline.at:
        split.problems.append(f"the deadline {campaign.deadline.at.isoformat()} has passed")
        return split
    plans = plan_wave(
        wave,
        facts,
        slots,
        plan.recipients,
        timing=plan.timing,
        max_reminders=campaign.reminders.max_per_contact,
    )
    split.by_id = {c.id: c for c in invited}
    for item in plans:
        key = split.by_id[item.contact_id].contact_key
        if item.slot.start <= now < item.slot.end:
            split.due.append(item)
        elif item.slot.end <= now:  # no run reached them in their window: the next one
            who = plan.recipients[item.contact_id]
            slot = first_slot_from(now, who, plan.timing)
            if slot is None:
                split.problems.append(f"{key}: window missed and none left before the deadline")
            else:
                split.later.append(ReminderPlan(item.contact_id, wave, slot, deferred=True))
        elif item.deferred:
            split.later.append(item)
        else:
            split.waiting.append(item)
    return split


def send_due_reminders(
    ledger: Ledger, campaign: Campaign, sender: Sender, *, now: datetime
) -> FollowupResult:
    """Send the reminders whose time has come and that are still pending: the deferred ones,
    and those a run cut short left behind (the server was down). The ledger is checked again
    first: a contact who answered, bounced or was held meanwhile gets nothing (the row is
    cancelled)."""
    result = FollowupResult(kind="deferred")
    with ledger.session() as session:
        items: list[tuple[Contact, str]] = []
        for row, contact, cancel in _due_rows(session, campaign, now):
            if cancel:
                row.status = MessageStatus.CANCELLED
                result.cancelled.append(contact.contact_key)
            else:
                # Due by this run's clock: the row no longer waits (the outbox checks
                # ``scheduled_for`` against the wall clock, which a simulated clock is not).
                row.scheduled_for = None
                items.append((contact, row.kind))
    _send(ledger, campaign, items, sender, result)
    return result


def _due_rows(
    session: Session, campaign: Campaign, now: datetime
) -> list[tuple[Message, Contact, bool]]:
    """The pending reminders whose time has come, each with its contact and whether it is to
    be cancelled (an answer, a bounce or a hold came meanwhile, the campaign was cancelled, or
    the deadline passed)."""
    cancelled = campaign_cancelled(session, campaign.id)
    rows = list(
        session.scalars(
            select(Message)
            .where(
                Message.campaign == campaign.id,
                Message.kind.like(f"{_REMINDER_PREFIX}%"),
                Message.status == MessageStatus.PENDING,
                Message.scheduled_for.is_(None) | (Message.scheduled_for <= now),
            )
            .order_by(Message.scheduled_for.asc().nulls_first(), Message.id)
        )
    )
    held = held_contacts(session, campaign.id)
    due = []
    for row in rows:
        contact = session.get(Contact, row.contact_id)
        assert contact is not None  # a foreign key
        facts = contact_facts(session, contact, held=contact.id in held)
        cancel = (
            facts.has_human_reply
            or facts.permanently_bounced
            or facts.held
            or cancelled
            or now >= campaign.deadline.at
        )
        due.append((row, contact, cancel))
    return due


def send_acknowledgements(
    ledger: Ledger, campaign: Campaign, sender: Sender, *, now: datetime
) -> FollowupResult:
    """Thank every contact whose acceptance is in the ledger at ``now``, once, in the thread of
    their reply. Nothing when the campaign's ``reminders.acknowledgement`` is off."""
    result = FollowupResult(kind=MessageKind.ACK)
    if not campaign.reminders.acknowledgement:
        return result
    closed = _secretariat_closed(campaign, now)
    if closed is not None:  # thanks go out on the secretariat's next working day
        result.problems.append(f"acknowledgements wait: the secretariat is closed ({closed})")
        return result
    items = [(contact, MessageKind.ACK.value) for contact in _to_thank(ledger, campaign)]
    _send(ledger, campaign, items, sender, result)
    return result


def _secretariat_closed(campaign: Campaign, now: datetime) -> str | None:
    """Why the secretariat is closed on ``now``'s day (None when it is open)."""
    calendar = secretariat_calendar(campaign)
    return calendar.day_off(now.astimezone(campaign.deadline.zone).date())


def _to_thank(ledger: Ledger, campaign: Campaign) -> list[Contact]:
    """Contacts whose acceptance is in the ledger and who were not thanked yet (none when
    the campaign's ``reminders.acknowledgement`` is off or the campaign was cancelled). A
    pending acknowledgement (an outage stopped its run) counts as not sent: it goes now, once."""
    if not campaign.reminders.acknowledgement:
        return []
    with ledger.session() as session:
        if campaign_cancelled(session, campaign.id):
            return []
        acked = set(
            session.scalars(
                select(Message.contact_id).where(
                    Message.campaign == campaign.id,
                    Message.kind == MessageKind.ACK,
                    Message.status.not_in(_NOT_GIVEN),
                )
            )
        )
        return [
            contact
            for contact in _invited(session, campaign.id)
            if contact.id not in acked
            and contact_status(session, contact) == ContactStatus.ACCEPTED
            and can_mail(session, contact)
        ]


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
    """Build each (contact, kind) message in the letter's thread and send it exactly once.
    A broken template is one problem (file and line), and nothing of this run is sent."""
    broken = template_problems(campaign, items)
    if broken:
        result.problems += broken
        return
    messages: list[OutgoingMessage] = []
    with ledger.session() as session:
        for contact, kind in items:
            try:
                messages.append(_message(session, campaign, contact, kind, sender.out_dir))
            except (CoverNoteError, ReminderError) as error:
                result.problems.append(f"{contact.contact_key}: {error}")
    if not messages:
        return

    settled: set[str] = set()

    def progress(event: str, message: OutgoingMessage) -> None:
        if event in ("sent", "failed", "unknown"):
            settled.add(message.name)
        if event == "sent":
            result.sent.append(message.label)

    try:
        report: SendReport = send(
            ledger,
            messages,
            sender.smtp,
            sender.options,
            sent_folder=sender.sent_folder,
            progress=progress,
        )
    except SmtpSetupError as error:
        # The rows not sent are pending (never claimed, or given back): the next follow-up
        # run sends them. A message for the person, not a traceback.
        result.problems.append(str(error))
        result.pending += sorted(m.name for m in messages if m.name not in settled)
        return
    result.failed += report.failed
    result.unknown += report.unknown
    # Left for a later run (a limit, the daily quota, a retry this run did not wait for).
    result.pending += sorted(m.name for m in messages if m.name not in settled)


def _template_kind(kind: str) -> TemplateKind:
    return "ack" if kind == MessageKind.ACK else "reminder"


def template_problems(campaign: Campaign, items: Sequence[tuple[Contact, str]]) -> list[str]:
    """The problems of the templates ``items`` need (each kind in each language), once."""
    if not items:
        return []
    kinds = sorted({_template_kind(kind) for _, kind in items})
    languages = {contact.language for contact, _ in items}
    fields = contact_fields_of(contact for contact, _ in items)
    return [str(p) for p in check_campaign_templates(campaign, fields, kinds, languages)]


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
    template = _template_kind(kind)
    attachments: list[Path] = []
    if kind == MessageKind.ACK:
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
    message = message_for(
        campaign,
        contact,
        attachments,
        kind=kind,
        template=template,
        in_reply_to=thread[-1],
        references=thread,
        reply_url=contact_reply_url(session, contact),
    )
    # A Cc that bounced permanently gets no more mail; the country still does.
    return without_cc(message, dropped_cc(session, contact))


def _latest_acceptance(session: Session, contact: Contact) -> Reply | None:
    accepted = [r for r in replies_of(session, contact) if r.kind == ReplyKind.ACCEPT]
    return accepted[-1] if accepted else None


@dataclass
class FollowupPreview:
    """What a follow-up run would send at ``now``, by contact key, with nothing changed:
    reminders due, deferred, waiting for their window and cancelled, acknowledgements to send
    or left waiting."""

    kind: str
    send: list[str] = field(default_factory=list)
    deferred: dict[str, datetime] = field(default_factory=dict)
    waiting: dict[str, datetime] = field(default_factory=dict)
    cancelled: list[str] = field(default_factory=list)
    thank: list[str] = field(default_factory=list)
    thank_waiting: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    broken_templates: list[str] = field(default_factory=list)


def preview_followup(
    ledger: Ledger,
    campaign: Campaign,
    wave: int | None,
    *,
    now: datetime,
    acknowledgements: bool,
) -> FollowupPreview:
    """What ``followup_now`` would do at ``now``, read from the ledger without changing it.
    Raises ReminderError for a wave that does not exist or is not due."""
    items: list[tuple[Contact, str]] = []
    if wave is None:
        preview = FollowupPreview(kind="deferred")
        with ledger.session() as session:
            for row, contact, cancel in _due_rows(session, campaign, now):
                if cancel:
                    preview.cancelled.append(contact.contact_key)
                else:
                    items.append((contact, row.kind))
    else:
        split = _wave_split(ledger, campaign, _wave_of(campaign, wave), now)
        preview = FollowupPreview(kind=split.wave.kind, problems=list(split.problems))
        items += [(split.by_id[p.contact_id], split.wave.kind) for p in split.due]
        preview.deferred = {split.by_id[p.contact_id].contact_key: p.send_at for p in split.later}
        preview.waiting = {split.by_id[p.contact_id].contact_key: p.send_at for p in split.waiting}
    preview.send = [contact.contact_key for contact, _ in items]
    thank = _to_thank(ledger, campaign)
    if acknowledgements and thank and (closed := _secretariat_closed(campaign, now)):
        preview.problems.append(f"acknowledgements wait: the secretariat is closed ({closed})")
        preview.thank_waiting = [contact.contact_key for contact in thank]
    elif acknowledgements:
        preview.thank = [contact.contact_key for contact in thank]
        items += [(contact, MessageKind.ACK.value) for contact in thank]
    else:
        preview.thank_waiting = [contact.contact_key for contact in thank]
    preview.broken_templates = template_problems(campaign, items)
    return preview


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
    settings: Settings,
    campaign: Campaign,
    wave: int | None,
    *,
    now: datetime,
    acknowledgements: bool = True,
) -> list[FollowupResult]:
    """One follow-up run with the operator's settings: reminder wave ``wave`` (or, with
    ``None``, the deferred reminders now due), then, with ``acknowledgements``, the
    acknowledgements not sent yet."""
    with _sender(settings) as (ledger, sender):
        if wave is None:
            first = send_due_reminders(ledger, campaign, sender, now=now)
        else:
            first = run_wave(ledger, campaign, wave, sender, now=now)
        if not acknowledgements:
            return [first]
        return [first, send_acknowledgements(ledger, campaign, sender, now=now)]


def acknowledge_now(settings: Settings, campaign: Campaign, *, now: datetime) -> FollowupResult:
    """The acknowledgements not sent yet, with the operator's settings: what the poll sends
    right after recording acceptances (each still once: the ledger's ``ack`` row)."""
    with _sender(settings) as (ledger, sender):
        return send_acknowledgements(ledger, campaign, sender, now=now)

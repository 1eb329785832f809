"""One contact's whole history, in time order: its letters and messages (every generation,
with the server's answers), the replies and decisions, the changes made by contact files, and
the commands people gave about it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from circular.followups.actions import actions_of, find_contact
from circular.ledger import Contact, ContactChange, IntakeFile, Message
from circular.replies.outcomes import PERSON_MAILBOX, contact_status, replies_of


@dataclass(frozen=True)
class Event:
    """One line of a contact's history."""

    at: datetime
    what: str  # contact, change, message, reply, decision, command
    detail: str


def _message_events(message: Message) -> list[Event]:
    to = ", ".join(message.to_addrs or []) or "(not sent)"
    answer = f"{message.last_smtp_code or ''} {message.last_smtp_answer}".strip()
    base = f"{message.kind} #{message.generation} {message.message_id}"
    events = [Event(message.created_at, "message", f"{base} created (pending)")]
    if message.claimed_at:
        events.append(
            Event(
                message.claimed_at, "message", f"{base} handed to SMTP (attempt {message.attempts})"
            )
        )
    final = message.sent_at or message.claimed_at or message.created_at
    refused = "".join(f"; Cc {a} refused: {r}" for a, r in (message.refused or {}).items())
    superseded = f"; superseded by row {message.superseded_by}" if message.superseded_by else ""
    events.append(
        Event(
            final,
            "message",
            f"{base} {message.status} to {to}; server: {answer or '-'}{refused}{superseded}",
        )
    )
    return events


def contact_history(session: Session, campaign: str, key: str) -> tuple[Contact, str, list[Event]]:
    """The contact ``key`` of ``campaign``, its status now, and its history, oldest first."""
    contact = find_contact(session, campaign, key)
    events = [
        Event(
            contact.created_at,
            "contact",
            f"contact created; address now {contact.email}"
            + (f" (Cc {', '.join(contact.cc)})" if contact.cc else "")
            + " (last from"
            + (_source(session, contact.source_file_id, contact.source_row) or " -")
            + ")",
        )
    ]
    for change in session.scalars(
        select(ContactChange).where(ContactChange.contact_id == contact.id)
    ):
        events.append(
            Event(
                change.changed_at,
                "change",
                f"{change.field}: {change.old_value} -> {change.new_value}"
                + _source(session, change.source_file_id, None),
            )
        )
    messages = session.scalars(select(Message).where(Message.contact_id == contact.id))
    for message in messages:
        events += _message_events(message)
    for reply in replies_of(session, contact):
        if reply.mailbox == PERSON_MAILBOX:
            continue  # shown as the command that recorded it
        when = reply.received_at or reply.created_at
        detail = f"{reply.kind} from {reply.from_addr or '?'}: {reply.subject!r}"
        if reply.bounce_recipient:
            detail += f" (bounce of {reply.bounce_recipient})"
        if reply.evidence:
            detail += f"; evidence: {reply.evidence[:120]}"
        events.append(Event(when, "reply", f"#{reply.id} {detail} [{reply.status}]"))
        if reply.decided_at:
            events.append(
                Event(
                    reply.decided_at,
                    "decision",
                    f"reply #{reply.id}: {reply.kind}; {reply.decision_note}",
                )
            )
    for action in actions_of(session, [contact.id]):
        events.append(
            Event(action.at, "command", f"{action.command} by {action.by}: {action.detail}")
        )
    events.sort(key=lambda e: e.at)
    return contact, contact_status(session, contact), events


def _source(session: Session, file_id: int | None, row: int | None) -> str:
    if file_id is None:
        return ""
    intake = session.get(IntakeFile, file_id)
    name = intake.name if intake else f"file {file_id}"
    return f" from {name}" + (f" row {row}" if row else "")

"""Invitations in their recipients' send windows (campaign.yaml ``send_window.invitations``).

With the setting on, an invitation goes only while its recipient's window is open (the same
windows as the reminder waves: ``circular.sending.windows``, their working day and the
secretariat's), so a letter does not arrive at 03:00 in Buenos Aires. The others wait for
their next window; the windows still ahead are grouped into runs (``group_slots``), which the
campaign flow schedules. An invitation whose recipient has no window left before the deadline
is not sent: it is named, for a person to decide.

A pure function of the campaign, the contacts and the clock.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import select

from circular.campaign import Campaign
from circular.ledger import Contact, Ledger, Message, MessageKind, MessageStatus, contacts_of
from circular.sending.windows import (
    Recipient,
    SendGroup,
    Slot,
    Timing,
    first_slot_from,
    group_slots,
    recipient_of,
    slot_on,
)


@dataclass(frozen=True)
class InvitationWindows:
    """Where each invitation not sent yet stands at ``now``."""

    now: datetime
    recipients: dict[int, Recipient]
    open_now: frozenset[int]  # contact ids whose window is open: send now
    later: dict[int, Slot] = field(default_factory=dict)  # the next window of the others
    no_window: tuple[Recipient, ...] = ()  # no window left before the deadline

    @property
    def waiting(self) -> frozenset[int]:
        """Contacts not to send to now: their window is ahead, or there is none."""
        return frozenset(self.later) | {who.contact_id for who in self.no_window}

    def groups(self) -> list[SendGroup]:
        """The windows still ahead, grouped into runs (``windows.group_slots``)."""
        zones = {cid: self.recipients[cid].zone for cid in self.later}
        return group_slots(self.later, zones)

    def waiting_lines(self) -> list[str]:
        """For a person: when each waiting recipient's window opens, in their zone and in
        UTC ("Fiji (FJI): Thu 04 Feb 2021 09:00 Pacific/Fiji (03 Feb 21:00 UTC)"), earliest
        first; then those with no window left."""
        lines = [
            f"{self.recipients[cid].label}: {slot.start:%a %d %b %Y %H:%M} "
            f"{self.recipients[cid].zone.key} ({slot.start.astimezone(UTC):%d %b %H:%M} UTC)"
            for cid, slot in sorted(self.later.items(), key=lambda item: (item[1].start, item[0]))
        ]
        lines += [
            f"{who.label}: no send window left before the deadline; not sent"
            for who in sorted(self.no_window, key=lambda who: who.label)
        ]
        return lines


def open_slot(who: Recipient, timing: Timing, now: datetime) -> Slot | None:
    """The recipient's window open at ``now``, or None."""
    slot = slot_on(now.astimezone(who.zone).date(), who, timing)
    return slot if slot is not None and slot.start <= now < slot.end else None


def invitation_windows(
    campaign: Campaign, contacts: Iterable[Contact], now: datetime
) -> InvitationWindows:
    """Split the invitations of ``contacts`` (those not sent yet) at ``now``: open window
    (send now), a window ahead (its slot), no window before the deadline. Raises TimingError
    for a contact whose time zone is unknown."""
    timing = Timing.of(campaign)
    recipients = {c.id: recipient_of(c) for c in contacts}
    open_now: set[int] = set()
    later: dict[int, Slot] = {}
    none: list[Recipient] = []
    for cid, who in recipients.items():
        if open_slot(who, timing, now) is not None:
            open_now.add(cid)
        elif (slot := first_slot_from(now, who, timing)) is not None:
            later[cid] = slot
        else:
            none.append(who)
    return InvitationWindows(now, recipients, frozenset(open_now), later, tuple(none))


def unsent_windows(
    ledger: Ledger,
    campaign: Campaign,
    now: datetime,
    contact_ids: Collection[int] | None = None,
) -> InvitationWindows | None:
    """``invitation_windows`` at ``now`` for the campaign's invitations not sent yet (of
    ``contact_ids``, or those with no row or a pending one), or None when the campaign sends
    its invitations whenever it runs (``send_window.invitations`` off)."""
    if not campaign.send_window.invitations:
        return None
    with ledger.session() as session:
        contacts = contacts_of(session, campaign.id)
        if contact_ids is None:
            settled = set(
                session.scalars(
                    select(Message.contact_id).where(
                        Message.campaign == campaign.id,
                        Message.kind == MessageKind.INVITATION,
                        Message.status.not_in((MessageStatus.PENDING, MessageStatus.SUPERSEDED)),
                    )
                )
            )
            contact_ids = {c.id for c in contacts} - settled
    wanted = set(contact_ids)
    return invitation_windows(campaign, [c for c in contacts if c.id in wanted], now)

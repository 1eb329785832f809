"""Helpers shared by the sending tests, the crash-test subprocess and the benchmark: contacts in
a ledger and the letters to send them."""

from __future__ import annotations

from pathlib import Path

from circular.ledger import Contact, Ledger
from circular.sending.mime import Mailbox, OutgoingMessage

CAMPAIGN = "cl-21-4"
SENDER = Mailbox("sg@itu.example", "Secretary-General, ITU")
INBOX = "wsis-replies@itu.example"


def add_contacts(ledger: Ledger, count: int, campaign: str = CAMPAIGN) -> list[int]:
    """``count`` contacts (minister-<n>@country<n>.example), returning their ids in order."""
    with ledger.session() as session:
        contacts = [
            Contact(
                campaign=campaign,
                contact_key=f"C{n:05d}",
                iso3="ESP",
                language="es",
                email=f"minister-{n}@country{n}.example",
                cc=[f"cabinet-{n}@country{n}.example"],
                name=f"Ministra Número {n}",
            )
            for n in range(count)
        ]
        session.add_all(contacts)
        session.flush()
        return [c.id for c in contacts]


def letter(
    contact_id: int,
    n: int,
    *,
    attachment: Path | None = None,
    to: str | None = None,
    cc: tuple[str, ...] | None = None,
    name: str | None = None,
    campaign: str = CAMPAIGN,
) -> OutgoingMessage:
    """The invitation of contact ``n`` (in Spanish, with a non-ASCII subject and name)."""
    return OutgoingMessage(
        campaign=campaign,
        contact_id=contact_id,
        kind="invitation",
        language="es",
        sender=SENDER,
        reply_to=INBOX,
        to=Mailbox(to or f"minister-{n}@country{n}.example", name or f"Ministra Número {n}"),
        cc=cc if cc is not None else (f"cabinet-{n}@country{n}.example",),
        subject="Invitación al Foro de la CMSI de 2021 – CL-21/4",
        text=f"Excelentísima Señora:\n\nAdjunto la carta circular CL-21/4 ({n}).\n\nAtentamente,",
        attachments=(attachment,) if attachment else (),
        reference="CL-21/4",
        label=f"contact-{n}",
    )


def letters_for(
    contact_ids: list[int], attachment: Path | None = None, campaign: str = CAMPAIGN
) -> list[OutgoingMessage]:
    """One invitation of ``campaign`` per contact id, numbered in order."""
    return [
        letter(cid, n, attachment=attachment, campaign=campaign)
        for n, cid in enumerate(contact_ids)
    ]

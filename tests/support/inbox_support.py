"""Helpers shared by the reply-polling tests: letters in the ledger, replies as bytes, and a
stand-in classifier.

``header_classifier`` is NOT circular's classifier: it reads the kind from an ``X-Test-Kind``
header, so that the polling tests exercise IMAP, matching and the ledger whatever the real
classifier (``circular.replies.classify``) decides. It raises on a message without that header,
which
stands for a message the classifier cannot read."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import UTC, date, datetime
from email import message_from_bytes
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from sqlalchemy.orm import Session

from circular.ledger import Contact, Message, MessageStatus
from circular.tokens import message_id_for, new_token

CAMPAIGN = "cl-21-4"
DOMAIN = "secretariat.example.org"


@dataclass(frozen=True)
class StandInClassification:
    """The shape of ``circular.replies.classify.Classification``."""

    kind: str
    language: str | None = "en"
    confidence: float = 0.95
    evidence: str = ""
    text: str = ""
    return_date: date | None = None
    bounce_recipient: str | None = None
    bounce_permanent: bool | None = None
    bounce_diagnostic: str | None = None
    delegate: str | None = None


def header_classifier(raw: bytes) -> StandInClassification:
    """The kind written in the message's ``X-Test-Kind`` header (see the module doc)."""
    message = message_from_bytes(raw)
    kind = message.get("X-Test-Kind")
    if not kind:
        raise ValueError("not an e-mail the stand-in classifier can read (no X-Test-Kind)")
    return StandInClassification(
        kind=str(kind),
        evidence=f"X-Test-Kind: {kind}",
        text=str(message.get_payload())[:200],
        bounce_recipient=message.get("X-Test-Bounce-Recipient"),
        bounce_permanent=True if kind == "bounce" else None,
    )


def add_letter(
    session: Session,
    iso3: str,
    email: str,
    *,
    cc: list[str] | None = None,
    campaign: str = CAMPAIGN,
    language: str = "en",
) -> Message:
    """A contact and the invitation sent to it (as the sending step leaves them)."""
    contact = Contact(
        campaign=campaign,
        contact_key=iso3,
        iso3=iso3,
        language=language,
        email=email,
        cc=cc or [],
    )
    session.add(contact)
    session.flush()
    token = new_token()
    letter = Message(
        campaign=campaign,
        contact_id=contact.id,
        kind="invitation",
        token=token,
        message_id=message_id_for(token, campaign, DOMAIN),
        status=MessageStatus.SENT,
        to_addrs=[email, *(cc or [])],
        sent_at=datetime.now(UTC),
    )
    session.add(letter)
    session.flush()
    return letter


def reply_bytes(
    *,
    sender: str,
    kind: str | None,
    in_reply_to: str | None = None,
    subject: str = "Re: Circular letter CL-21/4",
    body: str = "Thank you for your letter.",
    to: str = f"circulars@{DOMAIN}",
    extra: dict[str, str] | None = None,
) -> bytes:
    """A reply as a mail server would deliver it."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = format_datetime(datetime.now(UTC))
    message["Message-ID"] = make_msgid(domain="reply.example")
    if in_reply_to:
        message["In-Reply-To"] = in_reply_to
        message["References"] = in_reply_to
    if kind:
        message["X-Test-Kind"] = kind
    for name, value in (extra or {}).items():
        message[name] = value
    message.set_content(body)
    return message.as_bytes()


class Rendezvous:
    """Makes concurrent polls overlap for certain: each poll (thread) waits at its first
    message until ``parties`` polls have fetched theirs, then all race to record them."""

    def __init__(self) -> None:
        self._barrier: threading.Barrier | None = None
        self._local = threading.local()

    def arm(self, parties: int) -> None:
        """The next ``parties`` polls meet before classifying."""
        self._barrier = threading.Barrier(parties, timeout=60)

    def disarm(self) -> None:
        """Back to a plain stand-in classifier."""
        self._barrier = None
        self._local = threading.local()

    def classify(self, raw: bytes) -> StandInClassification:
        """``header_classifier``, after the meeting."""
        if self._barrier is not None and not getattr(self._local, "waited", False):
            self._local.waited = True
            self._barrier.wait()
        return header_classifier(raw)


RENDEZVOUS = Rendezvous()

#: ``module:function`` name of the meeting classifier (for flows and the CLI).
rendezvous_classifier = RENDEZVOUS.classify

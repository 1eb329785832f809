"""Building one outgoing letter as MIME, serialised once to the bytes SMTP sends.

The message is ``multipart/mixed``: the cover note as ``multipart/alternative`` (text and
HTML, in the contact's language), then the DOCX letter (and its PDF when there is one). The
letter's token is in the Message-ID and in ``X-Circular-Token``; the envelope sender carries it
too when a bounce address is configured (see ``circular.tokens``).

Nothing a contact file holds can add a header: display names lose their control characters,
addresses must be plain ``local@domain`` (anything else is refused with a message naming the
field), and the standard library's SMTP policy refuses a header value with CR or LF.
"""

from __future__ import annotations

import html
import mimetypes
import re
from collections.abc import Sequence
from dataclasses import dataclass
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from pathlib import Path

from circular.ledger import utcnow
from circular.tokens import envelope_sender_for, message_id_for

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_RTL_LANGUAGES = frozenset({"ar"})

# A deliberately plain address grammar: dot-atom local part, LDH domain labels, ASCII only.
# Quoted local parts and address literals are legal but never appear in a ministry's contact
# list, and refusing them closes every door to header or command injection.
_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_ADDRESS = re.compile(rf"(?P<local>{_ATOM}(?:\.{_ATOM})*)@(?P<domain>{_LABEL}(?:\.{_LABEL})+)")
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u0085\u2028\u2029]+")


class MessageBuildError(ValueError):
    """A message cannot be built; the text names the message and the field at fault."""


def check_address(value: str, what: str) -> str:
    """Return ``value`` stripped if it is a plain ``local@domain`` address, else raise
    MessageBuildError naming ``what`` (e.g. "contact 12 (FRA) cc[1]")."""
    candidate = value.strip()
    if not _ADDRESS.fullmatch(candidate) or len(candidate) > 254:
        raise MessageBuildError(f"{what}: {value!r} is not a valid e-mail address")
    return candidate


def clean_text(value: str) -> str:
    """``value`` with control characters (CR, LF, tab, NUL...) turned into single spaces:
    safe for a display name or a subject."""
    return " ".join(_CONTROL.sub(" ", value).split())


def domain_of(address: str) -> str:
    """The domain part of a checked address."""
    return address.rpartition("@")[2].lower()


@dataclass(frozen=True)
class Mailbox:
    """An address with an optional display name (may be non-ASCII)."""

    email: str
    name: str = ""


@dataclass(frozen=True)
class OutgoingMessage:
    """Everything needed to build one letter's e-mail. The ledger row is keyed by
    (campaign, contact_id, kind)."""

    campaign: str
    contact_id: int
    kind: str
    language: str
    sender: Mailbox
    reply_to: str
    to: Mailbox
    subject: str
    text: str
    cc: tuple[str, ...] = ()
    html: str | None = None
    attachments: tuple[Path, ...] = ()
    reference: str = ""
    label: str = ""  # how error messages name this message, e.g. "FRA (contact 12)"
    message_id_domain: str = ""  # default: the sender's domain
    bounce_address: str = ""  # bounces@domain → envelope bounces+<token>@domain

    @property
    def name(self) -> str:
        """How messages about this letter name it."""
        return self.label or f"contact {self.contact_id} ({self.kind})"

    @property
    def id_domain(self) -> str:
        """The domain of this letter's Message-ID."""
        return (self.message_id_domain or domain_of(self.sender.email)).lower()


@dataclass(frozen=True)
class BuiltMessage:
    """A message serialised once: the exact bytes, the envelope and the Message-ID."""

    data: bytes
    envelope_from: str
    recipients: tuple[str, ...]
    message_id: str


def cover_note_html(text: str, language: str) -> str:
    """The cover note as a small HTML document: paragraphs from blank-line-separated blocks,
    every character escaped, right-to-left for Arabic."""
    direction = ' dir="rtl"' if language in _RTL_LANGUAGES else ""
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text.strip()) if b.strip()]
    paragraphs = "\n".join(
        "<p>" + "<br>\n".join(html.escape(line) for line in block.splitlines()) + "</p>"
        for block in blocks
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{html.escape(language)}"{direction}>\n'
        '<head><meta charset="utf-8"></head>\n'
        f"<body>\n{paragraphs}\n</body>\n</html>\n"
    )


def _address(mailbox: Mailbox, what: str) -> Address:
    email = check_address(mailbox.email, what)
    local, _, domain = email.rpartition("@")
    return Address(display_name=clean_text(mailbox.name), username=local, domain=domain)


def _attach(message: EmailMessage, path: Path, what: str) -> None:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise MessageBuildError(f"{what}: cannot read attachment {path}: {error}") from None
    if path.suffix.lower() == ".docx":
        content_type = DOCX_TYPE
    else:
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    maintype, _, subtype = content_type.partition("/")
    message.add_attachment(data, maintype=maintype, subtype=subtype, filename=path.name)


def build_message(outgoing: OutgoingMessage, token: str, bounce_address: str = "") -> BuiltMessage:
    """Build ``outgoing`` with the letter's ``token`` and serialise it once (policy SMTP).

    The Message-ID's domain is ``outgoing.id_domain``. With a bounce address (the message's
    own, else ``bounce_address``: ``bounces@domain``), the envelope sender becomes
    ``bounces+<token>@domain``; otherwise it is the From address.
    Raises MessageBuildError naming the message and field on bad input."""
    what = outgoing.name
    sender = _address(outgoing.sender, f"{what}: sender")
    to = _address(outgoing.to, f"{what}: to")
    cc = tuple(check_address(addr, f"{what}: cc[{i}]") for i, addr in enumerate(outgoing.cc))
    reply_to = check_address(outgoing.reply_to, f"{what}: reply_to")
    if not outgoing.text.strip():
        raise MessageBuildError(f"{what}: the cover note is empty")
    subject = clean_text(outgoing.subject)
    if not subject:
        raise MessageBuildError(f"{what}: the subject is empty")
    message_id = message_id_for(token, outgoing.campaign, outgoing.id_domain)
    bounce_address = outgoing.bounce_address or bounce_address
    if bounce_address:
        bounce = check_address(bounce_address, "smtp_bounce_address")
        local, _, domain = bounce.rpartition("@")
        envelope_from = envelope_sender_for(token, local, domain)
    else:
        envelope_from = sender.addr_spec

    message = EmailMessage(policy=SMTP)
    message["From"] = sender
    message["To"] = to
    if cc:
        message["Cc"] = ", ".join(cc)
    message["Reply-To"] = reply_to
    message["Subject"] = subject
    message["Date"] = format_datetime(utcnow())
    message["Message-ID"] = message_id
    message["X-Circular-Campaign"] = outgoing.campaign
    message["X-Circular-Token"] = token
    if outgoing.reference:
        message["X-Circular-Reference"] = clean_text(outgoing.reference)
    # No Auto-Submitted: these are personal letters, and auto-responders rightly stay silent
    # for auto-submitted mail, which would hide out-of-office replies we want to see.
    # Quoted-printable keeps the message 7-bit: no server needs 8BITMIME to carry it intact.
    message.set_content(outgoing.text, subtype="plain", charset="utf-8", cte="quoted-printable")
    message.add_alternative(
        outgoing.html or cover_note_html(outgoing.text, outgoing.language),
        subtype="html",
        charset="utf-8",
        cte="quoted-printable",
    )
    for path in outgoing.attachments:
        _attach(message, Path(path), what)
    # After the body: set_content() drops Content-* headers set before it.
    message["Content-Language"] = outgoing.language
    return BuiltMessage(
        data=message.as_bytes(policy=SMTP),
        envelope_from=envelope_from,
        recipients=_unique((to.addr_spec, *cc)),
        message_id=message_id,
    )


def _unique(addresses: Sequence[str]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for address in addresses:
        seen.setdefault(address.lower(), address)
    return tuple(seen.values())

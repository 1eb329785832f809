"""Building one outgoing letter as MIME, serialised once to the bytes SMTP sends.

The message is ``multipart/mixed``: the cover note as ``multipart/alternative`` (text and
HTML, in the contact's language), then the DOCX letter (and its PDF when there is one). The
letter's token is in the Message-ID and in ``X-Circular-Token``; the envelope sender carries it
too when a bounce address is configured (see ``circular.tokens``).

Nothing a contact file holds can add a header: display names lose their control characters,
addresses must be plain ``local@domain`` (anything else is refused with a message naming the
field), and the standard library's SMTP policy refuses a header value with CR or LF.

International addresses: built for a server without SMTPUTF8 (the default), an
internationalised domain is written in ASCII (IDNA 2008, ``info@mid.xn--p1ai``) in the
envelope and the headers alike, and a local part outside ASCII cannot be sent at all. Built
``smtputf8=True`` (the server offers SMTPUTF8, RFC 6531), addresses stay as they are, in UTF-8
(RFC 6532), and the message says it needs SMTPUTF8 (``BuiltMessage.smtputf8``).
"""

from __future__ import annotations

import html
import mimetypes
import re
from binascii import b2a_base64, b2a_qp
from collections.abc import Sequence
from dataclasses import dataclass
from email.utils import format_datetime, formataddr
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

import idna

from circular.campaign_id import check_campaign_id
from circular.ledger import utcnow
from circular.tokens import TOKEN_LENGTH, envelope_sender_for, message_id_for

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_RTL_LANGUAGES = frozenset({"ar"})

# A deliberately plain address grammar: dot-atom local part, LDH domain labels, ASCII only.
# Quoted local parts and address literals are legal but never appear in a ministry's contact
# list, and refusing them closes every door to header or command injection.
_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_ADDRESS = re.compile(rf"(?P<local>{_ATOM}(?:\.{_ATOM})*)@(?P<domain>{_LABEL}(?:\.{_LABEL})+)")
# RFC 6532 atext: ASCII atext plus any non-ASCII character that is neither a control, a space
# nor a line or paragraph separator (nothing that could end a header or a command).
_UTF8_ATOM = r"(?:[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]|[^\x00-\x7f\x80-\x9f\s\u2028\u2029])+"
_UTF8_LOCAL = re.compile(rf"{_UTF8_ATOM}(?:\.{_UTF8_ATOM})*")
_TOKEN = re.compile(rf"[a-z2-7]{{{TOKEN_LENGTH}}}")
_LANGUAGE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")
_MSGID = re.compile(r"<[!-;=?-~]{1,900}>")  # printable ASCII without < > or spaces
_WORD_BYTES = 45  # UTF-8 bytes per encoded-word: 60 base64 characters, 72 with the markers
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u0085\u2028\u2029]+")


class MessageBuildError(ValueError):
    """A message cannot be built; the text names the message and the field at fault."""


def check_address(value: str, what: str, *, smtputf8: bool = False) -> str:
    """``value`` as it goes into the envelope and headers, if it is a plain ``local@domain``
    address, else MessageBuildError naming ``what`` (e.g. "contact 12 (FRA) cc[1]").

    An internationalised domain is given in ASCII (IDNA 2008) unless ``smtputf8``; a local
    part outside ASCII is refused unless ``smtputf8`` (no ASCII form exists)."""
    candidate = value.strip()
    if candidate.isascii():
        if not _ADDRESS.fullmatch(candidate) or len(candidate) > 254:
            raise MessageBuildError(f"{what}: {value!r} is not a valid e-mail address")
        return candidate
    local, at, domain = candidate.rpartition("@")
    ascii_domain = ascii_domain_of(domain) if at else None
    if (
        ascii_domain is None
        or not _ADDRESS.fullmatch(f"x@{ascii_domain}")
        or not _UTF8_LOCAL.fullmatch(local)
    ):
        raise MessageBuildError(f"{what}: {value!r} is not a valid e-mail address")
    if smtputf8:
        if len(candidate.encode("utf-8")) > 254:
            raise MessageBuildError(f"{what}: {value!r} is not a valid e-mail address")
        return candidate
    if not local.isascii():
        raise MessageBuildError(
            f"{what}: {value!r} has letters outside ASCII before the @: it can only be sent "
            "through a server that offers SMTPUTF8"
        )
    return check_address(f"{local}@{ascii_domain}", what)


@lru_cache(maxsize=4096)
def ascii_domain_of(domain: str) -> str | None:
    """``domain`` in ASCII: an internationalised domain as its IDNA 2008 A-labels
    (``mid.рф`` → ``mid.xn--p1ai``, after UTS #46 mapping, so ``MID.РФ`` gives the same), an
    ASCII one lower-cased; None when it is not a valid domain name."""
    try:
        return idna.encode(domain, uts46=True).decode("ascii").lower()
    except (idna.IDNAError, UnicodeError):
        return None


def needs_smtputf8(outgoing: OutgoingMessage) -> bool:
    """Whether any address of ``outgoing`` is outside ASCII: only then does SMTPUTF8 change
    how it is sent."""
    addresses = (outgoing.sender.email, outgoing.to.email, outgoing.reply_to, *outgoing.cc)
    return not all(address.isascii() for address in (*addresses, outgoing.bounce_address))


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
    # Threading (reminders, acknowledgements): the Message-ID answered, and the thread so far.
    in_reply_to: str = ""
    references: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        """How messages about this letter name it."""
        return self.label or f"contact {self.contact_id} ({self.kind})"

    @property
    def id_domain(self) -> str:
        """The domain of this letter's Message-ID."""
        domain = self.message_id_domain or domain_of(self.sender.email)
        # Always ASCII: a Message-ID is written where SMTPUTF8 may not be (the ledger too).
        return (ascii_domain_of(domain) or domain).lower()


@dataclass(frozen=True)
class BuiltMessage:
    """A message serialised once: the exact bytes, the envelope and the Message-ID."""

    data: bytes
    envelope_from: str
    recipients: tuple[str, ...]
    message_id: str
    #: Addresses outside ASCII are in the envelope and headers: send with SMTPUTF8 only.
    smtputf8: bool = False


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


def _header(name: str, value: str) -> bytes:
    """One header line. Non-ASCII values become RFC 2047 encoded-words (folded)."""
    if "\r" in value or "\n" in value:  # every caller cleans its values; this is the backstop
        raise MessageBuildError(f"header {name}: line breaks are not allowed in {value!r}")
    if value.isascii() and len(name) + len(value) < 996:
        return f"{name}: {value}\r\n".encode("ascii")
    return _encoded_header(name, value)


@lru_cache(maxsize=1024)
def _encoded_header(name: str, value: str) -> bytes:
    # Cached: a campaign's subjects and sender name repeat for every letter of a language.
    return f"{name}: {encode_words(value, len(name) + 2)}\r\n".encode("ascii")


def encode_words(text: str, used: int = 0) -> str:
    """``text`` as RFC 2047 encoded-words (``=?utf-8?b?...?=``), each at most 75 characters
    and never splitting a character, folded with CRLF + space so that lines stay within 78
    characters (``used``: how much of the first line the header name takes). Written here
    because ``email.header.Header`` costs a tenth of a millisecond per name."""
    budget = min(_WORD_BYTES, (min(75, 78 - used) - 12) // 4 * 3)
    words, chunk, size = [], [], 0
    for char in text:
        length = len(char.encode("utf-8"))
        # A loop: what follows the space may itself leave no room for this character.
        while size + length > budget and chunk:
            # Break after a space where there is one: readers that (wrongly) keep the fold
            # between encoded-words then show a double space, not a space inside a word.
            cut = max((i + 1 for i, c in enumerate(chunk) if c == " "), default=len(chunk))
            words.append("".join(chunk[:cut]))
            chunk, budget = chunk[cut:], _WORD_BYTES
            size = len("".join(chunk).encode("utf-8"))
        chunk.append(char)
        size += length
    words.append("".join(chunk))
    return "\r\n ".join(
        "=?utf-8?b?" + b2a_base64(word.encode("utf-8"), newline=False).decode("ascii") + "?="
        for word in words
    )


def _address_header(name: str, value: str) -> bytes:
    """A header of checked addresses: ASCII, or UTF-8 as RFC 6532 has it (never encoded-words,
    which are not allowed in an address)."""
    if value.isascii() or "\r" in value or "\n" in value:
        return _header(name, value)  # refuses line breaks (the backstop)
    return f"{name}: {value}\r\n".encode()


def _mailbox_header(field: str, mailbox: Mailbox, what: str, smtputf8: bool = False) -> bytes:
    """A From/To header line: the display name quoted (ASCII) or RFC 2047-encoded and folded."""
    address = check_address(mailbox.email, what, smtputf8=smtputf8)
    name = clean_text(mailbox.name)
    if not name:
        return _address_header(field, address)
    if name.isascii():
        # formataddr quotes the name as needed but takes only ASCII addresses.
        return _address_header(field, formataddr((name, "x@x"))[: -len("<x@x>")] + f"<{address}>")
    return _encoded_address(field, name, address)


@lru_cache(maxsize=1024)
def _encoded_address(field: str, name: str, address: str) -> bytes:
    words = encode_words(name, len(field) + 2)
    last_line = len(words.rpartition("\n")[2]) + (len(field) + 2 if "\n" not in words else 0)
    gap = " " if last_line + len(address) + 3 <= 78 else "\r\n "
    return f"{field}: {words}{gap}<{address}>\r\n".encode()


def _qp(text: str) -> bytes:
    # Quoted-printable keeps the message 7-bit: no server needs 8BITMIME to carry it intact.
    lines = "\n".join(text.splitlines()).encode("utf-8")
    return b2a_qp(lines).replace(b"\n", b"\r\n")


def _filename_params(filename: str) -> str:
    if filename.isascii() and not any(c in filename for c in '"\\\r\n'):
        return f'filename="{filename}"'
    return f"filename*=utf-8''{quote(filename, safe='')}"  # RFC 2231


def _attachment_part(path: Path, what: str) -> bytes:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise MessageBuildError(f"{what}: cannot read attachment {path}: {error}") from None
    if path.suffix.lower() == ".docx":
        content_type = DOCX_TYPE
    else:
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    filename = clean_text(path.name)
    return (
        f"Content-Type: {content_type}\r\n"
        f"Content-Disposition: attachment; {_filename_params(filename)}\r\n"
        "Content-Transfer-Encoding: base64\r\n\r\n"
    ).encode("ascii") + _base64_lines(data)


def _base64_lines(data: bytes) -> bytes:
    # One b2a_base64 call and slicing: base64.encodebytes loops in Python per 57 bytes.
    encoded = b2a_base64(data, newline=False)
    lines = [encoded[start : start + 76] for start in range(0, len(encoded), 76)]
    return b"\r\n".join(lines) + b"\r\n"


def _multipart(subtype: str, boundary: str, parts: list[bytes]) -> bytes:
    head = f'Content-Type: multipart/{subtype}; boundary="{boundary}"\r\n\r\n'.encode()
    separator = f"\r\n--{boundary}\r\n".encode()
    return (
        head
        + separator.lstrip(b"\r\n")
        + separator.join(parts)
        + f"\r\n--{boundary}--\r\n".encode()
    )


def build_message(
    outgoing: OutgoingMessage, token: str, bounce_address: str = "", *, smtputf8: bool = False
) -> BuiltMessage:
    """Build ``outgoing`` with the letter's ``token`` and serialise it, once, to the bytes
    SMTP sends (CRLF, 7-bit: RFC 2047 headers, quoted-printable text, base64 attachments).

    The bytes are written directly rather than through ``email.message.EmailMessage``, whose
    header objects cost several milliseconds a message: at thousands of letters that is the
    whole sending budget. The tests parse the result back with the standard library.

    The Message-ID's domain is ``outgoing.id_domain``. With a bounce address (the message's
    own, else ``bounce_address``: ``bounces@domain``), the envelope sender becomes
    ``bounces+<token>@domain``; otherwise it is the From address.

    ``smtputf8``: for a server that offers SMTPUTF8, addresses outside ASCII stay as they are
    (the result's ``smtputf8`` says whether any is); otherwise internationalised domains are
    written in ASCII and a local part outside ASCII is refused (see ``check_address``).
    Raises MessageBuildError naming the message and field on bad input."""
    what = outgoing.name
    utf8 = smtputf8

    def checked(value: str, field: str) -> str:
        return check_address(value, f"{what}: {field}", smtputf8=utf8)

    sender = checked(outgoing.sender.email, "sender")
    to = checked(outgoing.to.email, "to")
    cc = tuple(checked(addr, f"cc[{i}]") for i, addr in enumerate(outgoing.cc))
    reply_to = checked(outgoing.reply_to, "reply_to")
    if not _TOKEN.fullmatch(token):
        raise MessageBuildError(f"{what}: {token!r} is not a letter token")
    if not _LANGUAGE.fullmatch(outgoing.language):
        raise MessageBuildError(f"{what}: language {outgoing.language!r} is not a language code")
    check_campaign_id(outgoing.campaign)
    if not outgoing.text.strip():
        raise MessageBuildError(f"{what}: the cover note is empty")
    subject = clean_text(outgoing.subject)
    if not subject:
        raise MessageBuildError(f"{what}: the subject is empty")
    message_id = message_id_for(token, outgoing.campaign, outgoing.id_domain)
    bounce_address = outgoing.bounce_address or bounce_address
    if bounce_address:
        bounce = check_address(bounce_address, "bounce address", smtputf8=utf8)
        local, _, domain = bounce.rpartition("@")
        envelope_from = envelope_sender_for(token, local, domain)
    else:
        envelope_from = sender

    head = [
        _mailbox_header("From", outgoing.sender, f"{what}: sender", utf8),
        _mailbox_header("To", outgoing.to, f"{what}: to", utf8),
    ]
    if cc:
        head.append(_address_header("Cc", ", ".join(cc)))
    head += [
        _address_header("Reply-To", reply_to),
        _header("Subject", subject),
        _header("Date", format_datetime(utcnow())),
        _header("Message-ID", message_id),
    ]
    if outgoing.in_reply_to:
        head.append(_header("In-Reply-To", _message_id_value(outgoing.in_reply_to, what)))
    if outgoing.references or outgoing.in_reply_to:
        thread = outgoing.references or (outgoing.in_reply_to,)
        head.append(_header("References", " ".join(_message_id_value(m, what) for m in thread)))
    head += [
        _header("Content-Language", outgoing.language),
        _header("X-Circular-Campaign", outgoing.campaign),
        _header("X-Circular-Token", token),
    ]
    if outgoing.reference:
        head.append(_header("X-Circular-Reference", clean_text(outgoing.reference)))
    # No Auto-Submitted: these are personal letters, and auto-responders rightly stay silent
    # for auto-submitted mail, which would hide out-of-office replies we want to see.
    head.append(b"MIME-Version: 1.0\r\n")

    html_text = outgoing.html or cover_note_html(outgoing.text, outgoing.language)
    text_parts = [
        b'Content-Type: text/plain; charset="utf-8"\r\n'
        b"Content-Transfer-Encoding: quoted-printable\r\n\r\n" + _qp(outgoing.text),
        b'Content-Type: text/html; charset="utf-8"\r\n'
        b"Content-Transfer-Encoding: quoted-printable\r\n\r\n" + _qp(html_text),
    ]
    # Boundaries from the token: unique per letter, and never inside QP or base64 content
    # (both exclude "=_" at a line start followed by our marker).
    body = _multipart("alternative", f"=_alt_{token}", text_parts)
    if outgoing.attachments:
        parts = [body] + [_attachment_part(Path(p), what) for p in outgoing.attachments]
        body = _multipart("mixed", f"=_mix_{token}", parts)
    return BuiltMessage(
        data=b"".join(head) + body,
        envelope_from=envelope_from,
        recipients=_unique((to, *cc)),
        message_id=message_id,
        smtputf8=not all(a.isascii() for a in (envelope_from, sender, reply_to, to, *cc)),
    )


def _message_id_value(value: str, what: str) -> str:
    """``value`` as a ``<id@domain>`` for In-Reply-To/References; refuses header injection."""
    value = value.strip()
    if not value.startswith("<"):
        value = f"<{value}>"
    if not _MSGID.fullmatch(value):
        raise MessageBuildError(f"{what}: {value!r} is not a Message-ID")
    return value


def _unique(addresses: Sequence[str]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for address in addresses:
        seen.setdefault(address.lower(), address)
    return tuple(seen.values())

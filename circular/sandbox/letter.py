"""What a simulated respondent needs to know about a letter it received."""

from __future__ import annotations

import email
import email.policy
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import getaddresses, parseaddr, parsedate_to_datetime
from functools import lru_cache

import html2text
from babel.core import get_global
from babel.languages import get_official_languages

#: The six official languages replies are written in.
LANGUAGES = ("ar", "en", "es", "fr", "ru", "zh")


@dataclass(frozen=True)
class Letter:
    """A received letter, reduced to what a reply needs."""

    message_id: str
    references: str
    subject: str
    sender: str
    to: tuple[tuple[str, str], ...]
    reply_to: str
    envelope_sender: str
    language: str
    country: str | None
    date: datetime
    text: str
    headers: str

    def display_name(self, address: str) -> str:
        """The name the letter gave ``address`` in its To or Cc header ('' if none)."""
        for name, known in self.to:
            if known.lower() == address.lower():
                return name
        return ""

    @property
    def primary_recipients(self) -> set[str]:
        """The lower-cased addresses in the letter's To header."""
        return {address.lower() for _, address in self.to}


def read_letter(raw: bytes, envelope_sender: str, arrived: datetime) -> Letter:
    """Parse the bytes of a received letter."""
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    to = tuple(getaddresses(message.get_all("To", [])))
    domain = to[0][1].rpartition("@")[2] if to else ""
    return Letter(
        message_id=str(message.get("Message-ID", "")).strip(),
        references=str(message.get("References", "")).strip(),
        subject=str(message.get("Subject", "")),
        sender=str(message.get("From", "")),
        to=to,
        reply_to=str(message.get("Reply-To", "") or message.get("From", "")),
        envelope_sender=envelope_sender,
        language=letter_language(message, domain),
        country=letter_country(message, domain),
        date=_date(message, arrived),
        text=_text(message),
        headers=_header_block(raw),
    )


def letter_language(message: EmailMessage, domain: str) -> str:
    """The letter's language: ``X-Circular-Language``, else ``Content-Language`` (of the
    message or of its first part that has one), else the To domain's country, else English."""
    declared = [message.get("X-Circular-Language"), message.get("Content-Language")]
    declared += [part.get("Content-Language") for part in message.walk()]
    for value in declared:
        language = _un_language(str(value or ""))
        if language:
            return language
    iso2 = _domain_territory(domain)
    if iso2:
        for language in get_official_languages(iso2, de_facto=True):
            if language in LANGUAGES:
                return language
    return "en"


def letter_country(message: EmailMessage, domain: str) -> str | None:
    """The letter's country (ISO3): ``X-Circular-Country``, else a country code among the To
    domain's labels (``mfa.fra.example``, ``diplomatie.gouv.fr.example``), else None."""
    declared = str(message.get("X-Circular-Country", "")).strip().upper()
    if len(declared) == 3 and declared.isalpha():
        return declared
    iso2 = _domain_territory(domain)
    return _iso3_by_iso2().get(iso2) if iso2 else None


def _un_language(value: str) -> str | None:
    # "fr-FR", "zh-Hans-CN", "en, fr": the first tag's primary subtag.
    primary = value.split(",")[0].strip().split("-")[0].split("_")[0].lower()
    return primary if primary in LANGUAGES else None


def _domain_territory(domain: str) -> str | None:
    # The labels before the reserved top-level domain, most specific last: gouv.fr.example.
    labels = [label.upper() for label in domain.split(".")[:-1]]
    iso3 = _iso2_by_iso3()
    for label in reversed(labels):
        if label in iso3:
            return iso3[label]
        if len(label) == 2 and label in _iso3_by_iso2():
            return label
    return None


@lru_cache(maxsize=1)
def _iso2_by_iso3() -> dict[str, str]:
    aliases = get_global("territory_aliases")
    return {
        code: targets[0]
        for code, targets in aliases.items()
        if len(code) == 3 and code.isalpha() and len(targets) == 1 and len(targets[0]) == 2
    }


@lru_cache(maxsize=1)
def _iso3_by_iso2() -> dict[str, str]:
    return {iso2: iso3 for iso3, iso2 in _iso2_by_iso3().items() if iso3 not in _WITHDRAWN_ISO3}


# Babel's alias table also maps withdrawn codes to today's countries (Burma, Zaire, ...).
_WITHDRAWN_ISO3 = frozenset({"BUR", "ZAR", "DDR", "FXX", "TMP", "YMD"})


def _date(message: EmailMessage, arrived: datetime) -> datetime:
    try:
        value = parsedate_to_datetime(str(message["Date"]))
    except (TypeError, ValueError):
        return arrived
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _text(message: EmailMessage) -> str:
    body = message.get_body(preferencelist=("plain", "html"))
    if body is None:
        return ""
    content = body.get_content()
    if body.get_content_subtype() == "html":
        converter = html2text.HTML2Text()
        converter.body_width = 0
        content = converter.handle(content)
    return str(content).strip()


def _header_block(raw: bytes) -> str:
    head = raw.split(b"\r\n\r\n", 1)[0] if b"\r\n\r\n" in raw else raw.split(b"\n\n", 1)[0]
    return head.decode("utf-8", "replace").replace("\r\n", "\n")


def address_of(value: str) -> str:
    """The bare address in a header value such as ``Name <a@b.example>``."""
    return parseaddr(value)[1]

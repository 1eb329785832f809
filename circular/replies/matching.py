"""Match an incoming message to the letter it answers.

A letter carries its identity in three places (see ``circular.tokens``): the envelope sender
``bounces+<token>@domain``, the Message-ID ``<token.campaign@domain>``, and the campaign's
reference (``CL-21/4``) in the subject and body. The methods are tried in this order, most
certain first, and the first that finds exactly one letter wins:

1. ``envelope``: a token in a recipient address (To, Delivered-To, X-Original-To, Envelope-To);
   bounces and some auto-replies go to the envelope sender.
2. ``references``: a token in In-Reply-To, then References (newest first).
3. ``bounce``: a token in the Message-ID of the returned original (an attached message or
   text/rfc822-headers part, or quoted headers in the bounce's text), then the DSN's
   Final-Recipient / Original-Recipient (and the classifier's bounce recipient) as an address.
4. ``address``: the sender's address, then a Cc address, equal to a contact's e-mail or Cc.
5. ``domain``: the sender's domain equal to the domain of exactly one contact (public
   webmail domains never count: they say nothing about the sender's ministry).
6. ``reference_country``: the campaign's reference plus one country's name (any of the UN
   names in the six languages) in the subject or body.

A message that none of these place is left unmatched: the caller sends it to review; it is
never dropped. Matching reads the ledger only; it writes nothing.
"""

from __future__ import annotations

import enum
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.message import Message as EmailMessageBase
from email.utils import getaddresses
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from circular.ledger import Contact, Message, MessageStatus
from circular.sending.mime import ascii_domain_of
from circular.tokens import token_from_address, tokens_in_references

#: ``lookup(name) -> ISO3 or None``: which Member State a name (in any of the six languages)
#: designates.
CountryLookup = Callable[[str], str | None]


class MatchMethod(enum.StrEnum):
    """How a reply was matched to its letter (stored in ``Reply.match_method``)."""

    ENVELOPE = "envelope"
    REFERENCES = "references"
    BOUNCE = "bounce"
    ADDRESS = "address"
    DOMAIN = "domain"
    REFERENCE_COUNTRY = "reference_country"


@dataclass(frozen=True)
class Match:
    """The outcome of matching: the letter (a ledger ``Message`` id) and how it was found,
    or nothing (``message_id is None``)."""

    message_id: int | None = None
    campaign: str | None = None
    contact_id: int | None = None
    method: MatchMethod | None = None
    detail: str = ""

    @property
    def matched(self) -> bool:
        """True when a letter was found."""
        return self.message_id is not None


NO_MATCH = Match()

#: Domains shared by millions of unrelated people: a sender there is not identified by domain.
PUBLIC_MAIL_DOMAINS = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "yahoo.com",
        "yahoo.fr",
        "hotmail.com",
        "hotmail.fr",
        "outlook.com",
        "live.com",
        "msn.com",
        "aol.com",
        "icloud.com",
        "me.com",
        "mail.ru",
        "yandex.ru",
        "gmx.com",
        "gmx.de",
        "proton.me",
        "protonmail.com",
        "qq.com",
        "163.com",
        "126.com",
        "sina.com",
    }
)

_RECIPIENT_HEADERS = ("To", "Delivered-To", "X-Original-To", "Envelope-To")
_DSN_RECIPIENT_FIELDS = ("Final-Recipient", "Original-Recipient")
_WORD = re.compile(r"[^\W\d_][\w'’.-]*", re.UNICODE)
_CJK_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_MAX_NAME_WORDS = 7
_MAX_CJK_NAME = 14


def _norm_address(value: str) -> str:
    address = value.strip().strip("<>").lower()
    local, at, domain = address.rpartition("@")
    if at and not domain.isascii():
        # One form for an internationalised domain: the contact file's Unicode (mid.рф) and
        # the ASCII a reply or bounce may carry (mid.xn--p1ai) are the same address.
        domain = ascii_domain_of(domain) or domain
    return f"{local}{at}{domain}"


def _domain(address: str) -> str:
    return address.rpartition("@")[2].lower() if "@" in address else ""


def _addresses(message: EmailMessageBase, *headers: str) -> list[str]:
    values: list[str] = []
    for header in headers:
        values.extend(str(v) for v in message.get_all(header, []) or [])
    return [_norm_address(addr) for _name, addr in getaddresses(values) if "@" in addr]


@dataclass
class ContactIndex:
    """The campaign contacts by address, domain and country, built once per poll."""

    by_address: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    by_domain: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    by_country: dict[tuple[str, str], set[int]] = field(default_factory=lambda: defaultdict(set))
    campaigns: set[str] = field(default_factory=set)

    @classmethod
    def build(cls, session: Session) -> ContactIndex:
        """Index every contact in the ledger."""
        index = cls()
        for contact in session.scalars(select(Contact)):
            index.campaigns.add(contact.campaign)
            index.by_country[(contact.campaign, contact.iso3.upper())].add(contact.id)
            for address in [contact.email, *(contact.cc or [])]:
                normalised = _norm_address(address or "")
                if "@" not in normalised:
                    continue
                index.by_address[normalised].add(contact.id)
                index.by_domain[_domain(normalised)].add(contact.id)
        return index


@dataclass
class Matcher:
    """Matches messages against one ledger session.

    ``references`` maps a campaign id to its reference (``{"cl-21-4": "CL-21/4"}``);
    ``country_lookup`` names the country a phrase designates. Without either, the
    reference-and-country method is skipped. ``index`` (built from the ledger when not given)
    lets a poll index the contacts once for all its messages."""

    session: Session
    references: Mapping[str, str] = field(default_factory=dict)
    country_lookup: CountryLookup | None = None
    index: ContactIndex | None = None
    #: Letters by token already looked up (``letters_by_token``: a poll looks up a batch's in
    #: one query); a token not in it is looked up, then kept.
    letters: dict[str, Message | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.contacts: ContactIndex = self.index or ContactIndex.build(self.session)
        self._reference_patterns = {
            campaign: _reference_pattern(reference)
            for campaign, reference in self.references.items()
            if reference
        }

    def match(
        self,
        message: EmailMessageBase,
        *,
        bounce_recipient: str | None = None,
        is_bounce: bool = False,
    ) -> Match:
        """The letter ``message`` answers, by the first method that finds one (module doc)."""
        for method in (
            self._by_envelope,
            self._by_references,
            lambda m: self._by_bounce(m, bounce_recipient, is_bounce),
            self._by_address,
            self._by_domain,
            self._by_reference_and_country,
        ):
            found = method(message)
            if found.matched:
                return found
        return NO_MATCH

    def match_headers(self, message: EmailMessageBase) -> Match:
        """The letter by the methods that read only headers (envelope, references), which
        ``match`` tries first: a caller may try them on the headers alone before parsing a
        whole message, with the same outcome."""
        for method in (self._by_envelope, self._by_references):
            found = method(message)
            if found.matched:
                return found
        return NO_MATCH

    def named_campaign(self, message: EmailMessageBase) -> str | None:
        """The one campaign whose reference ``message`` names (subject or text), if any: an
        unmatched message that names it is the campaign's business (a person looks); one that
        names none is someone else's mail in a shared inbox."""
        if not self._reference_patterns:
            return None
        text = f"{message.get('Subject', '')}\n{_plain_text(message)}"
        named = [c for c, pattern in self._reference_patterns.items() if pattern.search(text)]
        return named[0] if len(named) == 1 else None

    # -- the methods, in order -------------------------------------------------------------

    def _by_envelope(self, message: EmailMessageBase) -> Match:
        tokens = [token_from_address(a) for a in _addresses(message, *_RECIPIENT_HEADERS)]
        return self._first_token([t for t in tokens if t], MatchMethod.ENVELOPE)

    def _by_references(self, message: EmailMessageBase) -> Match:
        tokens = tokens_in_references(str(message.get("In-Reply-To", "") or ""))
        # References lists the thread oldest first: the newest letter is the best answer.
        tokens += reversed(tokens_in_references(str(message.get("References", "") or "")))
        return self._first_token(tokens, MatchMethod.REFERENCES)

    def _by_bounce(
        self, message: EmailMessageBase, bounce_recipient: str | None, is_bounce: bool
    ) -> Match:
        found = self._first_token(
            _returned_tokens(message, scan_text=is_bounce), MatchMethod.BOUNCE
        )
        if found.matched:
            return found
        recipients = _dsn_recipients(message)
        if bounce_recipient:
            recipients.append(_norm_address(bounce_recipient))
        return self._first_by_address(recipients, MatchMethod.BOUNCE)

    def _by_address(self, message: EmailMessageBase) -> Match:
        senders = [*_addresses(message, "From", "Sender"), *_addresses(message, "Cc")]
        return self._first_by_address(senders, MatchMethod.ADDRESS)

    def _first_by_address(self, addresses: list[str], method: MatchMethod) -> Match:
        """The latest letter to the contact of the first address that is a contact's."""
        for address in addresses:
            found = self._latest_for_contacts(
                self.contacts.by_address.get(address, set()), method, address
            )
            if found.matched:
                return found
        return NO_MATCH

    def _by_domain(self, message: EmailMessageBase) -> Match:
        for address in _addresses(message, "From"):
            domain = _domain(address)
            if not domain or domain in PUBLIC_MAIL_DOMAINS:
                continue
            contacts = self.contacts.by_domain.get(domain, set())
            if len(contacts) == 1:  # only when the domain designates one contact
                return self._latest_for_contacts(contacts, MatchMethod.DOMAIN, domain)
        return NO_MATCH

    def _by_reference_and_country(self, message: EmailMessageBase) -> Match:
        if not self._reference_patterns or self.country_lookup is None:
            return NO_MATCH
        text = f"{message.get('Subject', '')}\n{_plain_text(message)}"
        campaigns = [c for c, pattern in self._reference_patterns.items() if pattern.search(text)]
        if len(campaigns) != 1:
            return NO_MATCH
        countries = _countries_in(text, self.country_lookup)
        if len(countries) != 1:
            return NO_MATCH
        (iso3,) = countries
        contacts = self.contacts.by_country.get((campaigns[0], iso3), set())
        return self._latest_for_contacts(contacts, MatchMethod.REFERENCE_COUNTRY, iso3)

    # -- ledger look-ups -------------------------------------------------------------------

    def _first_token(self, tokens: Iterable[str], method: MatchMethod) -> Match:
        for token in tokens:
            if token not in self.letters:
                self.letters[token] = self.session.scalar(
                    select(Message).where(Message.token == token)
                )
            letter = self.letters[token]
            if letter is not None:
                return _match_of(letter, method, token)
        return NO_MATCH

    def _latest_for_contacts(self, contact_ids: set[int], method: MatchMethod, why: str) -> Match:
        """The most recent letter sent to any of ``contact_ids`` (a reply answers the latest)."""
        if not contact_ids:
            return NO_MATCH
        query = (
            select(Message)
            .where(
                Message.contact_id.in_(contact_ids),
                Message.status.in_([MessageStatus.SENT, MessageStatus.UNKNOWN]),
            )
            .order_by(Message.sent_at.desc().nulls_last(), Message.id.desc())
            .limit(1)
        )
        letter = self.session.scalar(query)
        return _match_of(letter, method, why) if letter is not None else NO_MATCH


def letters_by_token(session: Session, tokens: Iterable[str]) -> dict[str, Message | None]:
    """The letter of each of ``tokens`` (None where no letter has it), in few queries: for
    ``Matcher.letters``."""
    wanted = sorted(set(tokens))
    found: dict[str, Message | None] = dict.fromkeys(wanted)
    for start in range(0, len(wanted), 500):
        query = select(Message).where(Message.token.in_(wanted[start : start + 500]))
        for letter in session.scalars(query):
            found[letter.token] = letter
    return found


def _match_of(letter: Message, method: MatchMethod, detail: str) -> Match:
    return Match(
        message_id=letter.id,
        campaign=letter.campaign,
        contact_id=letter.contact_id,
        method=method,
        detail=detail,
    )


def _returned_tokens(message: EmailMessageBase, *, scan_text: bool) -> list[str]:
    """Tokens in the Message-ID (and In-Reply-To/References) of a returned original."""
    tokens: list[str] = []
    for part in message.walk():
        content_type = part.get_content_type()
        if content_type in {"message/rfc822", "message/global"}:
            payload = part.get_payload()
            inner = payload[0] if isinstance(payload, list) and payload else None
            if isinstance(inner, EmailMessageBase):
                tokens += tokens_in_references(str(inner.get("Message-ID", "") or ""))
        elif content_type in {"text/rfc822-headers", "message/rfc822-headers"}:
            tokens += _message_id_tokens(_part_text(part))
        elif scan_text and part.get_content_maintype() == "text":
            # Bounces from some MTAs quote the original's headers as plain text.
            tokens += _message_id_tokens(_part_text(part))
    return tokens


_MESSAGE_ID_LINE = re.compile(r"^message-id:\s*(.+)$", re.IGNORECASE | re.MULTILINE)


def _message_id_tokens(text: str) -> list[str]:
    tokens: list[str] = []
    for line in _MESSAGE_ID_LINE.findall(text):
        tokens += tokens_in_references(line)
    return tokens


def _dsn_recipients(message: EmailMessageBase) -> list[str]:
    """Final-Recipient and Original-Recipient addresses of an RFC 3464 delivery report."""
    found: list[str] = []
    for part in message.walk():
        if part.get_content_type() not in {
            "message/delivery-status",
            "message/global-delivery-status",
        }:
            continue
        payload = part.get_payload()
        blocks = payload if isinstance(payload, list) else []
        for block in blocks:
            for name in _DSN_RECIPIENT_FIELDS:
                for value in block.get_all(name, []) or []:
                    # "rfc822; someone@example.org"
                    address = str(value).partition(";")[2] or str(value)
                    address = _norm_address(address)
                    if "@" in address and address not in found:
                        found.append(address)
    return found


def _part_text(part: EmailMessageBase) -> str:
    try:
        if isinstance(part, EmailMessage):
            content = part.get_content()
            if isinstance(content, str):
                return content
        raw = part.get_payload(decode=True)
        if isinstance(raw, bytes):
            return raw.decode(part.get_content_charset() or "utf-8", errors="replace")
        payload = part.get_payload()
        return payload if isinstance(payload, str) else ""
    except (LookupError, ValueError, AssertionError):
        # An unknown charset or a broken encoding: the text is unreadable, not the match.
        return ""


def _plain_text(message: EmailMessageBase) -> str:
    return "\n".join(
        _part_text(part)
        for part in message.walk()
        if part.get_content_maintype() == "text" and part.get_content_disposition() != "attachment"
    )


def _reference_pattern(reference: str) -> re.Pattern[str]:
    """``CL-21/4`` also as ``CL 21/4``, ``CL‑21/4`` (any dash) or ``cl-21 / 4``."""
    parts = re.split(r"[\s\-‐-―/]+", reference.strip())
    separators = r"\s*[\-‐-―/]?\s*"
    body = separators.join(re.escape(p) for p in parts if p)
    # Latin letters and digits bound it, not any word character: Chinese writes "关于CL-21/4号".
    return re.compile(rf"(?<![A-Za-z0-9]){body}(?![A-Za-z0-9])", re.IGNORECASE)


def _countries_in(text: str, lookup: CountryLookup) -> set[str]:
    """Every country whose name appears in ``text``: word n-grams (longest first) and, for
    Chinese, substrings of runs of CJK characters."""
    found: set[str] = set()
    for line in text.splitlines():
        words = _WORD.findall(line)
        start = 0
        while start < len(words):
            for size in range(min(_MAX_NAME_WORDS, len(words) - start), 0, -1):
                iso3 = lookup(" ".join(words[start : start + size]))
                if iso3:
                    found.add(iso3.upper())
                    start += size
                    break
            else:
                start += 1
    for run in _CJK_RUN.findall(text):
        start = 0
        while start < len(run):
            for size in range(min(_MAX_CJK_NAME, len(run) - start), 1, -1):
                iso3 = lookup(run[start : start + size])
                if iso3:
                    found.add(iso3.upper())
                    start += size
                    break
            else:
                start += 1
    return found


_CODE_LIKE = re.compile(r"[A-Za-z]{1,3}")


def default_country_lookup(name: str) -> str | None:
    """The ISO3 of the Member State ``name`` designates in running text, or None.

    ``circular.countries.lookup_country`` also accepts ISO codes; in prose that would read
    "in" as India and "us" as the United States, so short Latin words are never codes here."""
    from circular.countries import lookup_country

    if _CODE_LIKE.fullmatch(name.strip()):
        return None
    country = lookup_country(name)
    return country.iso3 if country is not None else None


def _campaign_data(campaign: str, letters_dir: Path | None) -> dict[str, Any]:
    """The raw ``letters/<campaign>/campaign.yaml`` ({} when there is none or it is unreadable:
    loading the campaign reports that; a poll must not stop on it)."""
    if letters_dir is None:
        return {}
    path = letters_dir / campaign / "campaign.yaml"
    if not path.exists():
        return {}
    from circular.campaign import CampaignError, read_campaign_file

    try:
        return read_campaign_file(path)
    except CampaignError:
        return {}


def campaign_reference(campaign: str, letters_dir: Path | None = None) -> str:
    """A campaign's reference as written in its letters: the ``reference`` of
    ``letters/<campaign>/campaign.yaml`` when it says one, else derived from the id
    (``cl-21-4`` → ``CL-21/4``: upper case, the last hyphen is the slash)."""
    reference = _campaign_data(campaign, letters_dir).get("reference")
    if isinstance(reference, str) and reference.strip():
        return reference.strip()
    head, _, tail = campaign.upper().rpartition("-")
    return f"{head}/{tail}" if head else campaign.upper()


def campaign_event_names(campaign: str, letters_dir: Path | None = None) -> tuple[str, ...]:
    """The names the campaign's file gives its event (``event_names``, every language), for
    the reply classifier; () when it names none (round 13)."""
    names = _campaign_data(campaign, letters_dir).get("event_names")
    if not isinstance(names, dict):
        return ()
    found = (n for per in names.values() if isinstance(per, list) for n in per)
    return tuple(dict.fromkeys(n.strip() for n in found if isinstance(n, str) and n.strip()))

"""What a template sees: the one place that turns a campaign and a contact into template fields.

Every template (the DOCX letter, the e-mail, the reminder, the acknowledgement) is rendered
with :func:`letter_context`, so a field means the same thing everywhere:

``contact``
    ``title``, ``name``, ``position``, ``ministry``, ``email``, ``iso3``, ``country`` (the UN
    short name in the letter's language), ``salutation`` (without its final punctuation, which
    the template writes), plus the contact's extra columns.
``campaign``
    ``id``, ``reference``, ``title``, ``office``, ``place``, ``date``, ``deadline`` (dates
    written the way the language writes them), ``contact`` (``name``, ``phone``, ``email``),
    ``signatory`` (``name``, ``title``), ``reply_inbox``, ``sender`` (``name``, ``address``),
    ``events.<name>`` (``start``, ``end``, ``range``, ``from_to``, ``month``),
    ``links.<name>``.
``language``
    The letter's language code.
``reply_url``
    The contact's personal link to the confirmation page (``circular.letters.links``), or "" where
    none was given (a template check's probe contact). In a Word letter it is never empty: see
    :func:`docx_letter_context`.
``reply_qr``
    Word letters only: the QR code of ``reply_url`` (``circular.letters.qr``), an image put in at
    rendering, like ``signature``.

Values are plain strings in nested dicts, so a sandboxed template can reach nothing else.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from circular.campaign import LANGUAGES, Campaign
from circular.countries import get_country
from circular.letters.dates import format_day, format_month, format_span

#: The formal salutations of a letter: (neither known, to a woman, to a man).
SALUTATIONS: dict[str, tuple[str, str, str]] = {
    "ar": ("حضرة السيد/السيدة", "حضرة السيدة", "حضرة السيد"),
    "en": ("Dear Sir/Madam", "Dear Madam", "Dear Sir"),
    "es": ("Muy Señora mía/Muy Señor mío", "Muy Señora mía", "Muy Señor mío"),
    "fr": ("Madame, Monsieur", "Madame", "Monsieur"),
    "ru": ("Уважаемая госпожа, уважаемый господин", "Уважаемая госпожа", "Уважаемый господин"),
    "zh": ("尊敬的先生/女士", "尊敬的女士", "尊敬的先生"),
}

# Words that say a contact is a woman or a man, in any of the six languages, as they appear in
# a salutation, title or gender column (compared lower-case, without dots).
_FEMALE = frozenset(
    [
        "ms",
        "mrs",
        "miss",
        "madam",
        "madame",
        "mme",
        "mlle",
        "sra",
        "srta",
        "señora",
        "senora",
        "doña",
        "dona",
        "excma",
        "г-жа",
        "госпожа",
        "f",
        "female",
        "woman",
        "女士",
        "夫人",
        "السيدة",
    ]
)
_MALE = frozenset(
    [
        "mr",
        "sir",
        "monsieur",
        "m",
        "sr",
        "señor",
        "senor",
        "don",
        "excmo",
        "г-н",
        "господин",
        "male",
        "man",
        "先生",
        "السيد",
    ]
)
# Honorifics that say nothing about gender ("H.E. Mr", "S.E. M.", "Dr").
_NEUTRAL = frozenset(
    [
        *("he", "se", "his", "her", "excellency", "dr", "prof", "hon", "rt", "д-р", "проф"),
        *("阁下", "معالي", "سعادة"),
    ]
)

_FIELDS = ("title", "name", "position", "ministry", "salutation", "email")
_GENDER_COLUMNS = ("gender", "sex")
_TOKEN_SPLIT = re.compile(r"[\s/,;]+")
_TRAILING_PUNCTUATION = ":,;!.،：，！ \t"


def _tokens(text: str) -> list[str]:
    return [t for t in _TOKEN_SPLIT.split(text.casefold().replace(".", "")) if t]


def _gender_in(tokens: list[str]) -> str | None:
    found = {"f" for t in tokens if t in _FEMALE} | {"m" for t in tokens if t in _MALE}
    return found.pop() if len(found) == 1 else None


def _is_marker(text: str) -> bool:
    """Whether ``text`` is only gender markers and honorifics ("Sra.", "H.E. Mr", "г-жа")."""
    tokens = _tokens(text)
    return bool(tokens) and all(t in _FEMALE | _MALE | _NEUTRAL for t in tokens)


def salutation_for(language: str, salutation: str = "", gender: str = "", title: str = "") -> str:
    """The formal salutation of a letter in ``language``, without final punctuation.

    ``salutation`` (the contact's column) may be the salutation itself ("Excelentísimo Señor
    Ministro", used as written) or a gender marker ("Sra.", "Mr", "M.", "Mme", "г-н"); failing
    that, a ``gender`` column or a marker in the ``title`` ("Excmo. Sr.") decides. When nothing
    says, the neutral form of the seed letter: "Muy Señora mía/Muy Señor mío"."""
    try:
        neutral, female, male = SALUTATIONS[language]
    except KeyError:
        raise ValueError(
            f"no salutations for language {language!r}; expected one of {', '.join(LANGUAGES)}"
        ) from None
    salutation = salutation.strip()
    if salutation and not _is_marker(salutation):
        return salutation.rstrip(_TRAILING_PUNCTUATION)
    for source in (salutation, gender, title):
        found = _gender_in(_tokens(source))
        if found:
            return female if found == "f" else male
    return neutral


def _get(contact: Any, field: str) -> Any:
    if isinstance(contact, Mapping):
        return contact.get(field)
    return getattr(contact, field, None)


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def contact_fields(contact: Any, language: str) -> dict[str, str]:
    """The ``contact`` part of the context: a ledger Contact, a dataclass or a mapping with
    ``iso3`` and any of title, name, position, ministry, salutation, email, extra."""
    iso3 = _text(_get(contact, "iso3")).upper()
    if not iso3:
        raise ValueError("contact has no iso3: cannot name its country")
    extra_value = _get(contact, "extra") or {}
    if not isinstance(extra_value, Mapping):
        raise ValueError(f"contact {iso3}: extra must be a mapping of column to value")
    extra = {str(key): _text(value) for key, value in extra_value.items()}
    fields = {name: _text(_get(contact, name)) for name in _FIELDS}
    gender = next((extra[c] for c in _GENDER_COLUMNS if extra.get(c)), "")
    fields["salutation"] = salutation_for(
        language, fields["salutation"], gender=gender, title=fields["title"]
    )
    fields["iso3"] = iso3
    fields["country"] = get_country(iso3).name(language)
    # Extra columns are visible too, but never hide a standard field.
    return {**{k: v for k, v in extra.items() if k not in fields}, **fields}


#: ``campaign_fields`` made once per campaign and language (a campaign is frozen once loaded):
#: its texts and some twenty dates cost half of a letter's context (0.03 ms, issue 20).
_CAMPAIGN_FIELDS: dict[tuple[int, str], tuple[Campaign, dict[str, Any]]] = {}


def campaign_fields(campaign: Campaign, language: str) -> dict[str, Any]:
    """The ``campaign`` part of the context, every text and date in ``language``: a copy of
    its own for each caller, who may change it."""
    key = (id(campaign), language)
    cached = _CAMPAIGN_FIELDS.get(key)
    if cached is None or cached[0] is not campaign:  # holding the campaign keeps its id
        if len(_CAMPAIGN_FIELDS) >= 64:
            _CAMPAIGN_FIELDS.clear()
        cached = _CAMPAIGN_FIELDS[key] = (campaign, _campaign_fields(campaign, language))
    return _copy(cached[1])


def _copy(fields: dict[str, Any]) -> dict[str, Any]:
    """A copy of nested dicts of strings (``copy.deepcopy`` costs ten times as much)."""
    return {name: _copy(value) if type(value) is dict else value for name, value in fields.items()}


def _campaign_fields(campaign: Campaign, language: str) -> dict[str, Any]:
    if language not in campaign.languages:
        raise ValueError(
            f"campaign {campaign.id} has no {language!r} letter; its languages are "
            + ", ".join(campaign.languages)
        )

    def text(value: Any) -> str:
        return campaign.text(value, language)

    events = {
        name: {
            "start": format_day(event.start, language),
            "end": format_day(event.last, language),
            "range": format_span(event.start, event.last, language),
            "from_to": format_span(event.start, event.last, language, from_to=True),
            "month": format_month(event.start, language),
        }
        for name, event in campaign.events.items()
    }
    return {
        "id": campaign.id,
        "reference": campaign.reference,
        "title": text(campaign.title),
        "office": text(campaign.office),
        "place": text(campaign.place),
        "date": format_day(campaign.date, language),
        "deadline": format_day(campaign.deadline.date, language),
        "contact": {
            "name": text(campaign.contact.name),
            "phone": campaign.contact.phone,
            "email": campaign.contact.email,
        },
        "signatory": {
            "name": text(campaign.signatory.name),
            "title": text(campaign.signatory.title),
        },
        "reply_inbox": campaign.reply_inbox,
        "sender": {"name": text(campaign.sender.name), "address": campaign.sender.address},
        "events": events,
        "links": {name: text(value) for name, value in campaign.links.items()},
    }


def letter_context(
    campaign: Campaign, contact: Any, language: str, *, reply_url: str = ""
) -> dict[str, Any]:
    """Everything a template of ``campaign`` may use for ``contact``, in ``language``."""
    # The campaign first: it says which languages exist, before any contact is looked at.
    fields = campaign_fields(campaign, language)
    return {
        "contact": contact_fields(contact, language),
        "campaign": fields,
        "language": language,
        # The signature image goes here when rendering (``circular.letters.signature``);
        # empty when the campaign has none, so a template may always carry the field.
        "signature": "",
        "reply_url": reply_url,
    }


def docx_letter_context(
    campaign: Campaign, contact: Any, language: str, *, reply_url: str = ""
) -> dict[str, Any]:
    """What a Word letter sees: ``letter_context`` with ``reply_url`` never empty, since a
    printed letter must point somewhere. Without a personal link (letters rendered from a
    contact file, outside the ledger) it is the campaign's public page (campaign.yaml
    ``web.public_page``), which knows nothing of the contact: the answer then comes by mail.
    E-mails keep "" there and leave their "your personal page" sentence out instead."""
    context = letter_context(
        campaign, contact, language, reply_url=reply_url or campaign.public_page(language)
    )
    # The QR code goes here when rendering (``circular.letters.qr``).
    context["reply_qr"] = ""
    return context

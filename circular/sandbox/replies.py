"""Replies of simulated respondents: human answers and out-of-office notices, in the
letter's language, threaded to it and quoting it the way mail clients do."""

from __future__ import annotations

import html
import io
import random
import textwrap
import zipfile
from datetime import UTC, date, datetime
from email.message import EmailMessage
from email.utils import format_datetime, formataddr
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from babel.dates import format_date
from babel.dates import format_datetime as babel_datetime

from circular.sandbox.letter import Letter
from circular.sandbox.mime import stable_boundaries
from circular.sandbox.scenario import Kind

PHRASES = Path(__file__).resolve().parent.parent / "data" / "sandbox.phrases.yaml"

#: The kinds a person writes (the others are automatic or nothing).
HUMAN_KINDS = frozenset(
    {Kind.ACCEPT, Kind.ACCEPT_DELEGATE, Kind.ACCEPT_ATTACHED, Kind.DECLINE, Kind.QUESTION}
)


@lru_cache(maxsize=1)
def phrases() -> dict[str, dict[str, Any]]:
    """The respondents' texts, by language (``circular/data/sandbox.phrases.yaml``)."""
    loaded: dict[str, dict[str, Any]] = yaml.safe_load(PHRASES.read_text(encoding="utf-8"))
    return loaded


def human_reply(
    letter: Letter, respondent: str, kind: Kind, rng: random.Random, message_id: str
) -> EmailMessage:
    """A person's answer of ``kind`` from ``respondent``, with the letter quoted below it.

    Like real mail it varies (drawn from ``rng``): some answers also carry an HTML version,
    some use the language's legacy charset (KOI8-R, GB18030, ...), and ``accept_attached``
    says only "please find attached" with the acceptance in a DOCX letter."""
    if kind not in HUMAN_KINDS:
        raise ValueError(f"{kind} is not something a person writes")
    words = phrases()[letter.language]
    stated = Kind.ACCEPT if kind is Kind.ACCEPT_ATTACHED else kind
    sentence = rng.choice(words[stated.value]).format(delegate=rng.choice(words["delegates"]))
    signed = [words["greeting"], sentence, f"{words['closing']}\n{words['signature']}"]
    said = [words["attached"], signed[2]] if kind is Kind.ACCEPT_ATTACHED else signed
    body = "\n\n".join([*said, _quote(letter, words, rng)]) + "\n"
    message = _reply_headers(letter, respondent, words["reply_prefix"], message_id)
    charset = _charset(body, letter.language, rng)
    message.set_content(body, charset=charset)
    if rng.random() < HTML_SHARE:
        message.add_alternative(_html(body, letter.language), subtype="html", charset=charset)
    if kind is Kind.ACCEPT_ATTACHED:
        message.make_mixed()
        message.add_attachment(
            _docx("\n\n".join(signed), letter.date),
            maintype="application",
            subtype="vnd.openxmlformats-officedocument.wordprocessingml.document",
            filename=f"reply-{(letter.country or letter.language).lower()}.docx",
        )
    _declare_language(message, letter.language)
    stable_boundaries(message, message_id)
    return message


#: Share of human answers that also carry an HTML version, and that use a legacy charset.
HTML_SHARE = 0.35
LEGACY_SHARE = 0.3
LEGACY_CHARSETS = {
    "ar": "windows-1256",
    "es": "iso-8859-1",
    "fr": "iso-8859-1",
    "ru": "koi8-r",
    "zh": "gb18030",
}


def _charset(body: str, language: str, rng: random.Random) -> str:
    legacy = LEGACY_CHARSETS.get(language)
    if legacy and rng.random() < LEGACY_SHARE:
        try:
            body.encode(legacy)
        except UnicodeEncodeError:
            return "utf-8"  # the quoted letter has a character the old charset lacks
        return legacy
    return "utf-8"


def _html(body: str, language: str) -> str:
    direction = ' dir="rtl"' if language == "ar" else ""
    paragraphs = "".join(
        f"<p>{html.escape(block).replace(chr(10), '<br>')}</p>" for block in body.split("\n\n")
    )
    return f'<html><body><div{direction} lang="{language}">{paragraphs}</div></body></html>\n'


def _docx(text: str, written: datetime) -> bytes:
    """A Word letter holding ``text``, the same bytes for the same text and date: the
    document's dates and the zip entries' times are ``written``, not the clock's."""
    from docx import Document

    document = Document()
    document.core_properties.created = document.core_properties.modified = written
    for paragraph in text.split("\n\n"):
        document.add_paragraph(paragraph)
    saved = io.BytesIO()
    document.save(saved)
    stamp = written.timetuple()[:6]
    packed = io.BytesIO()
    with zipfile.ZipFile(saved) as source, zipfile.ZipFile(packed, "w") as target:
        for entry in source.infolist():
            fixed = zipfile.ZipInfo(entry.filename, date_time=stamp)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(entry))
    return packed.getvalue()


def out_of_office(
    letter: Letter, respondent: str, back_on: date, rng: random.Random, message_id: str
) -> EmailMessage:
    """An RFC 3834 automatic reply from ``respondent`` naming the day it is back."""
    words = phrases()[letter.language]
    returning = format_date(back_on, "long", locale=letter.language)
    sentence = rng.choice(words["out_of_office"]).format(return_date=returning)
    message = _reply_headers(letter, respondent, words["auto_reply_prefix"], message_id)
    message["Auto-Submitted"] = "auto-replied"
    # What Exchange adds so that other auto-responders do not answer back.
    message["X-Auto-Response-Suppress"] = "All"
    message.set_content(f"{sentence}\n\n{words['signature']}\n", charset="utf-8")
    _declare_language(message, letter.language)
    return message


def _reply_headers(letter: Letter, respondent: str, prefix: str, message_id: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = formataddr((letter.display_name(respondent), respondent))
    message["To"] = letter.reply_to
    message["Subject"] = _prefixed(prefix, letter.subject)
    message["Date"] = format_datetime(datetime.now(UTC))
    message["Message-ID"] = message_id
    if letter.message_id:
        message["In-Reply-To"] = letter.message_id
        message["References"] = f"{letter.references} {letter.message_id}".strip()
    return message


def _declare_language(message: EmailMessage, language: str) -> None:
    # After set_content, which drops every Content-* header set before it.
    message["Content-Language"] = language


def _prefixed(prefix: str, subject: str) -> str:
    return subject if subject.lower().startswith(prefix.strip().lower()) else prefix + subject


def _quote(letter: Letter, words: dict[str, Any], rng: random.Random) -> str:
    """The original below the answer: Gmail/Thunderbird style ("On … wrote:" and "> "
    lines) or Outlook style (a localised "Original Message" header block)."""
    # CLDR puts narrow no-break spaces in times; mail clients write plain ones (and the
    # legacy charsets have no narrow no-break space).
    sent = babel_datetime(letter.date, "medium", locale=letter.language)
    sent = sent.replace("\u202f", " ").replace("\u00a0", " ")
    if rng.random() < 0.5:
        attribution = words["attribution"].format(date=sent, sender=letter.sender)
        quoted = textwrap.indent(letter.text, "> ", predicate=lambda _: True)
        return f"{attribution}\n{quoted}"
    labels = words["labels"]
    to = ", ".join(formataddr(pair) for pair in letter.to)
    block = [
        words["original_message"],
        f"{labels['from']} {letter.sender}",
        f"{labels['sent']} {sent}",
        f"{labels['to']} {to}",
        f"{labels['subject']} {letter.subject}",
    ]
    return "\n".join(block) + "\n\n" + letter.text

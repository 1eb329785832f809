"""From a campaign, a contact and its rendered letter to the ``OutgoingMessage`` the outbox
sends: the cover note (``email.<lang>.txt``, whose first line is ``Subject: ...``) rendered in
the contact's language with the same fields as the letter.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import TemplateError
from sqlalchemy import select

from circular.campaign import Campaign, TemplateKind
from circular.ledger import Contact, Ledger, Letter, contacts_of
from circular.letters.context import letter_context
from circular.letters.docx_safety import UnsafeNameError, letter_filename
from circular.letters.jinja_sandbox import sandboxed_environment
from circular.links import reply_urls
from circular.sending.mime import Mailbox, OutgoingMessage

# Plain text: no autoescaping here (the HTML part escapes the rendered text itself).
_ENV = sandboxed_environment(autoescape=False, keep_trailing_newline=True)


class CoverNoteError(ValueError):
    """A cover note template cannot be rendered; the message names the file and contact."""


def render_cover_note(
    campaign: Campaign,
    contact: Contact | Any,
    language: str,
    kind: TemplateKind = "email",
    *,
    reply_url: str = "",
) -> tuple[str, str]:
    """The (subject, text) of ``contact``'s cover note from the campaign's ``kind`` template;
    ``reply_url`` is the contact's personal link (``circular.links``)."""
    path = campaign.template_path(kind, language)
    who = f"contact {getattr(contact, 'contact_key', '') or getattr(contact, 'iso3', '?')}"
    try:
        source = path.read_text(encoding="utf-8")
    except OSError as error:
        raise CoverNoteError(f"{path}: cannot read the cover note: {error.strerror}") from None
    try:
        context = letter_context(campaign, contact, language, reply_url=reply_url)
        rendered = _ENV.from_string(source).render(context)
    except (TemplateError, ValueError, OverflowError) as error:
        raise CoverNoteError(f"{path}: {who}: {error}") from None
    first, _, body = rendered.lstrip("\ufeff").partition("\n")
    name, colon, subject = first.partition(":")
    if not colon or name.strip().lower() != "subject" or not subject.strip():
        raise CoverNoteError(f"{path}: line 1 must be 'Subject: ...', found {first[:60]!r}")
    return subject.strip(), body.strip("\n") + "\n"


def message_for(
    campaign: Campaign,
    contact: Contact,
    attachments: Sequence[Path],
    *,
    kind: str = "invitation",
    template: TemplateKind = "email",
    in_reply_to: str = "",
    references: Sequence[str] = (),
    reply_url: str = "",
) -> OutgoingMessage:
    """The e-mail of ``kind`` to ``contact``, with ``attachments`` (the letter, its PDF).

    A reminder or acknowledgement answers in the letter's thread: ``in_reply_to`` is the
    Message-ID it answers, ``references`` the thread (default: ``in_reply_to``)."""
    language = contact.language
    subject, text = render_cover_note(campaign, contact, language, template, reply_url=reply_url)
    sender = campaign.sender
    return OutgoingMessage(
        campaign=campaign.id,
        contact_id=contact.id,
        kind=kind,
        language=language,
        sender=Mailbox(sender.address, campaign.text(sender.name, language)),
        reply_to=campaign.reply_inbox,
        to=Mailbox(contact.email, " ".join(p for p in (contact.title, contact.name) if p)),
        cc=tuple(contact.cc or ()),
        subject=subject,
        text=text,
        attachments=tuple(attachments),
        reference=campaign.reference,
        label=contact.contact_key,
        message_id_domain=sender.domain,
        bounce_address=f"{sender.bounce_local_part}@{sender.domain}",
        in_reply_to=in_reply_to,
        references=tuple(references),
    )


def letter_paths(
    campaign: Campaign, out_dir: Path, contact: Contact, rendered: Path | None
) -> list[Path]:
    """The attachments of ``contact``'s letter: the DOCX the ledger recorded (``rendered``),
    else the one the rendering names (``<out>/<campaign>/<ISO3>.<lang>.docx``), and its PDF
    when one was made. Empty when there is no letter."""
    if rendered is None:
        number = contact.id if campaign.contacts_per_country > 1 else None
        try:
            name = letter_filename(contact.iso3, contact.language, number)
        except UnsafeNameError:
            return []
        rendered = out_dir / campaign.id / name
    return [path for path in (rendered, rendered.with_suffix(".pdf")) if path.is_file()]


@dataclass
class CampaignMessages:
    """The e-mails of a campaign's contacts, and the contacts that cannot have one yet."""

    messages: list[OutgoingMessage]
    problems: list[str]


def campaign_messages(
    ledger: Ledger,
    campaign: Campaign,
    out_dir: Path,
    *,
    contact_ids: Sequence[int] | None = None,
    kind: str = "invitation",
    template: TemplateKind = "email",
) -> CampaignMessages:
    """The e-mail of ``kind`` for every contact of ``campaign`` (or those of ``contact_ids``),
    in the ledger's order, each with its rendered letter. A contact without a letter, or whose
    cover note cannot be rendered, is a problem naming it; it is not silently left out."""
    with ledger.session() as session:
        contacts = contacts_of(session, campaign.id)
        rendered = {
            letter.contact_id: Path(letter.path)
            for letter in session.scalars(select(Letter).where(Letter.campaign == campaign.id))
        }
    if contact_ids is not None:
        wanted = set(contact_ids)
        contacts = [c for c in contacts if c.id in wanted]
    result = CampaignMessages([], [])
    urls = reply_urls(ledger, campaign.id, [c.id for c in contacts])
    for contact in contacts:
        attachments = letter_paths(campaign, out_dir, contact, rendered.get(contact.id))
        if not attachments:
            result.problems.append(
                f"{contact.contact_key}: no rendered letter; run the rendering first"
            )
            continue
        try:
            result.messages.append(
                message_for(
                    campaign,
                    contact,
                    attachments,
                    kind=kind,
                    template=template,
                    reply_url=urls[contact.id],
                )
            )
        except CoverNoteError as error:
            result.problems.append(str(error))
    return result

"""From a campaign, a contact and its rendered letter to the ``OutgoingMessage`` the outbox
sends: the cover note (``email.<lang>.txt``, whose first line is ``Subject: ...``) rendered in
the contact's language with the same fields as the letter.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import TemplateError
from sqlalchemy import select

from circular.campaign import Campaign, TemplateKind
from circular.ledger import Contact, Ledger, Letter, contacts_of
from circular.letters.checks import check_campaign_templates, text_environment
from circular.letters.context import letter_context
from circular.letters.docx_safety import UnsafeNameError, letter_filename
from circular.letters.render import contact_fields_of
from circular.sending.mime import Mailbox, OutgoingMessage

_ENV = text_environment()


class CoverNoteError(ValueError):
    """A cover note template cannot be rendered; the message names the file and contact."""


def render_cover_note(
    campaign: Campaign, contact: Contact | Any, language: str, kind: TemplateKind = "email"
) -> tuple[str, str]:
    """The (subject, text) of ``contact``'s cover note from the campaign's ``kind`` template."""
    path = campaign.template_path(kind, language)
    who = f"contact {getattr(contact, 'contact_key', '') or getattr(contact, 'iso3', '?')}"
    try:
        source = path.read_text(encoding="utf-8")
    except OSError as error:
        raise CoverNoteError(f"{path}: cannot read the cover note: {error.strerror}") from None
    try:
        rendered = _ENV.from_string(source).render(letter_context(campaign, contact, language))
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
) -> OutgoingMessage:
    """The e-mail of ``kind`` to ``contact``, with ``attachments`` (the letter, its PDF).

    A reminder or acknowledgement answers in the letter's thread: ``in_reply_to`` is the
    Message-ID it answers, ``references`` the thread (default: ``in_reply_to``)."""
    language = contact.language
    subject, text = render_cover_note(campaign, contact, language, template)
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
    """The attachments of ``contact``'s letter that exist, in the campaign's ``attach`` order
    (default: the PDF, then the DOCX): the DOCX the ledger recorded (``rendered``), else the
    one the rendering names (``<out>/<campaign>/<ISO3>.<lang>.docx``), and the PDF beside it.
    Empty when there is no letter; ``missing_attachments`` names what is not there."""
    if rendered is None:
        number = contact.id if campaign.contacts_per_country > 1 else None
        try:
            name = letter_filename(contact.iso3, contact.language, number)
        except UnsafeNameError:
            return []
        rendered = out_dir / campaign.id / name
    if not rendered.is_file():
        return []
    wanted = {"docx": rendered, "pdf": rendered.with_suffix(".pdf")}
    return [wanted[kind] for kind in campaign.attach if wanted[kind].is_file()]


def missing_attachments(campaign: Campaign, attachments: Sequence[Path]) -> list[str]:
    """The kinds of attachment (``pdf``, ``docx``) the campaign sends but ``attachments``
    lacks: a letter whose PDF was not made must not go out as DOCX alone."""
    have = {path.suffix.lower().lstrip(".") for path in attachments}
    return [kind for kind in campaign.attach if kind not in have]


@dataclass
class CampaignMessages:
    """The e-mails of a campaign's contacts, and the contacts that cannot have one yet.

    When a template the messages need is broken, ``broken_templates`` names each problem
    once (file and line), ``problems`` holds the same lines, and there are no messages."""

    messages: list[OutgoingMessage]
    problems: list[str]
    broken_templates: list[str] = field(default_factory=list)


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
    # The template is checked once for the languages these contacts read: a broken one is
    # one problem with its line, not the same error for every contact.
    broken = [
        str(problem)
        for problem in check_campaign_templates(
            campaign, contact_fields_of(contacts), (template,), {c.language for c in contacts}
        )
    ]
    if broken:
        return CampaignMessages([], list(broken), broken_templates=broken)
    result = CampaignMessages([], [])
    for contact in contacts:
        attachments = letter_paths(campaign, out_dir, contact, rendered.get(contact.id))
        if not attachments:
            result.problems.append(
                f"{contact.contact_key}: no rendered letter; run the rendering first"
            )
            continue
        if missing := missing_attachments(campaign, attachments):
            result.problems.append(
                f"{contact.contact_key}: no {' or '.join(k.upper() for k in missing)} of its "
                "letter, which campaign.yaml's attach sends; run 'circular render --pdf'"
            )
            continue
        try:
            result.messages.append(
                message_for(campaign, contact, attachments, kind=kind, template=template)
            )
        except CoverNoteError as error:
            result.problems.append(str(error))
    return result

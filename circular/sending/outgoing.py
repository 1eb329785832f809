"""From a campaign, a contact and its rendered letter to the ``OutgoingMessage`` the outbox
sends: the cover note (``email.<lang>.txt``, whose first line is ``Subject: ...``) rendered in
the contact's language with the same fields as the letter.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import TemplateError
from sqlalchemy import select

from circular.campaign import Campaign, TemplateKind
from circular.ledger import Contact, Ledger, Letter, LetterPdf, contacts_of
from circular.letters.checks import check_campaign_templates, text_environment
from circular.letters.context import letter_context
from circular.letters.docx_safety import UnsafeNameError, letter_filename
from circular.letters.links import reply_urls
from circular.letters.render import contact_fields_of
from circular.sending.blocked import blocked_addresses, without_cc
from circular.sending.mime import Mailbox, OutgoingMessage

_ENV = text_environment()


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
    ``reply_url`` is the contact's personal link (``circular.letters.links``)."""
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


class MissingAttachments(ValueError):
    """Letters lack a file campaign.yaml's ``attach`` sends (the PDF): sending must not start.
    ``problems`` names each contact; the message lists them and says what to run."""

    def __init__(self, campaign: Campaign, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        shown = "\n  ".join(self.problems[:50])
        more = f"\n  ... and {len(problems) - 50} more" if len(problems) > 50 else ""
        super().__init__(
            f"campaign {campaign.id} sends {' and '.join(k.upper() for k in campaign.attach)} "
            f"(campaign.yaml attach), and {len(self.problems)} letter(s) cannot go: nothing was "
            f"sent. Run 'circular render --pdf --campaign <folder>' first.\n  {shown}{more}"
        )


def _contacts(
    ledger: Ledger, campaign: Campaign, contact_ids: Sequence[int] | None
) -> list[Contact]:
    """The contacts of ``campaign`` (or those of ``contact_ids``), in the ledger's order."""
    with ledger.session() as session:
        contacts = contacts_of(session, campaign.id)
    if contact_ids is None:
        return contacts
    wanted = set(contact_ids)
    return [c for c in contacts if c.id in wanted]


def _contact_letters(
    ledger: Ledger, campaign: Campaign, out_dir: Path, contacts: Sequence[Contact]
) -> Iterator[tuple[Contact, list[Path] | str]]:
    """Each of ``contacts`` with the files its e-mail carries, or the problem that keeps it
    from having them."""
    with ledger.session() as session:
        letters = {
            letter.contact_id: letter
            for letter in session.scalars(select(Letter).where(Letter.campaign == campaign.id))
        }
        pdfs: dict[int, LetterPdf] = {}
        if "pdf" in campaign.attach:
            query = select(LetterPdf).where(LetterPdf.campaign == campaign.id)
            pdfs = {row.contact_id: row for row in session.scalars(query)}
    for contact in contacts:
        letter = letters.get(contact.id)
        rendered = Path(letter.path) if letter is not None else None
        attachments = letter_paths(campaign, out_dir, contact, rendered)
        if not attachments:
            yield contact, f"{contact.contact_key}: no rendered letter; run the rendering first"
        elif missing := missing_attachments(campaign, attachments):
            yield (
                contact,
                f"{contact.contact_key}: no {' or '.join(k.upper() for k in missing)} of its "
                "letter, which campaign.yaml's attach sends; run 'circular render --pdf'",
            )
        elif torn := _torn_letter(attachments, letter):
            yield contact, f"{contact.contact_key}: {torn}; run the rendering again"
        elif "pdf" in campaign.attach and (
            stale := _stale_pdf(attachments, letter, pdfs.get(contact.id))
        ):
            yield contact, f"{contact.contact_key}: {stale}; run 'circular render --pdf'"
        else:
            yield contact, attachments


def _torn_letter(attachments: Sequence[Path], letter: Letter | None) -> str:
    """Why the DOCX among ``attachments`` must not go out, or "" when its bytes are those the
    ledger recorded when it was rendered. Letters are written without an fsync each (their
    folder is synced once per batch): after a power cut a letter may be torn, and it is told
    here, by its sha256, and rendered again, never sent torn."""
    docx = next((path for path in attachments if path.suffix.lower() == ".docx"), None)
    if docx is None or letter is None or not letter.sha256:
        return ""
    try:
        current = hashlib.sha256(docx.read_bytes()).hexdigest()
    except OSError as error:
        return f"{docx.name} cannot be read: {error.strerror}"
    if current != letter.sha256:
        return f"{docx.name} is not the letter recorded when it was rendered (torn or changed)"
    return ""


def _stale_pdf(attachments: Sequence[Path], letter: Letter | None, made: LetterPdf | None) -> str:
    """Why the PDF among ``attachments`` must not go out, or "" when it is the checked PDF
    of the letter as it is now (``circular render --pdf`` records each one it checked)."""
    pdf = next(path for path in attachments if path.suffix.lower() == ".pdf")
    if made is None or made.path != str(pdf):
        return f"{pdf.name} was never checked (the ledger has no record of it)"
    if letter is not None and made.docx_sha256 != letter.sha256:
        return f"{pdf.name} was made from an earlier version of the letter"
    try:
        current = hashlib.sha256(pdf.read_bytes()).hexdigest()
    except OSError as error:
        return f"{pdf.name} cannot be read: {error.strerror}"
    return "" if current == made.sha256 else f"{pdf.name} changed since it was checked"


def require_attachments(
    ledger: Ledger, campaign: Campaign, out_dir: Path, *, contact_ids: Sequence[int] | None = None
) -> None:
    """Refuse to start sending a campaign that sends PDFs while any of its letters has none
    (or no letter at all): ``MissingAttachments`` lists them. A DOCX-only campaign passes, as
    its letters are rendered while sending. The same rule as ``campaign_messages``'."""
    if "pdf" not in campaign.attach:
        return
    problems = [
        found
        for _, found in _contact_letters(
            ledger, campaign, out_dir, _contacts(ledger, campaign, contact_ids)
        )
        if isinstance(found, str)
    ]
    if problems:
        raise MissingAttachments(campaign, problems)


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
    in the ledger's order, each with its rendered letter, without the Cc addresses that
    bounced permanently (a resent letter, issue 15). A contact without a letter (or
    without a file ``attach`` sends), or whose cover note cannot be rendered, is a problem
    naming it; it is not silently left out."""
    contacts = _contacts(ledger, campaign, contact_ids)
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
    urls = reply_urls(ledger, campaign.id, [c.id for c in contacts])
    with ledger.session() as session:  # a Cc that bounced permanently gets no more mail
        blocked = blocked_addresses(session, [a for c in contacts for a in c.cc or ()])
    for contact, found in _contact_letters(ledger, campaign, out_dir, contacts):
        if isinstance(found, str):
            result.problems.append(found)
            continue
        try:
            message = message_for(
                campaign, contact, found, kind=kind, template=template, reply_url=urls[contact.id]
            )
            result.messages.append(without_cc(message, blocked))
        except CoverNoteError as error:
            result.problems.append(str(error))
    return result

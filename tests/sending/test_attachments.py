"""Which files a letter's e-mail carries: campaign.yaml's ``attach`` (default PDF then DOCX),
and a letter whose PDF was not made is refused, never sent as DOCX alone."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from sqlalchemy import select

from circular.campaign import Campaign, load_campaign
from circular.ledger import Contact, Ledger, Letter, LetterPdf
from circular.sending.outgoing import (
    MissingAttachments,
    campaign_messages,
    letter_paths,
    missing_attachments,
    require_attachments,
)

CAMPAIGN = Path(__file__).resolve().parents[2] / "letters" / "cl-21-4"


def test_default_attachments_are_the_pdf_then_the_docx(tmp_path: Path) -> None:
    campaign = load_campaign(CAMPAIGN).model_copy(update={"attach": ["pdf", "docx"]})
    contact = Contact(campaign="cl-21-4", contact_key="FRA", iso3="FRA", language="fr", id=1)
    docx = tmp_path / "FRA.fr.docx"
    docx.write_bytes(b"docx")

    only_docx = letter_paths(campaign, tmp_path, contact, docx)
    assert only_docx == [docx]
    assert missing_attachments(campaign, only_docx) == ["pdf"]

    docx.with_suffix(".pdf").write_bytes(b"%PDF")
    both = letter_paths(campaign, tmp_path, contact, docx)
    assert both == [docx.with_suffix(".pdf"), docx]
    assert missing_attachments(campaign, both) == []


def test_a_docx_only_campaign_needs_no_pdf(tmp_path: Path) -> None:
    campaign = load_campaign(CAMPAIGN).model_copy(update={"attach": ["docx"]})
    contact = Contact(campaign="cl-21-4", contact_key="FRA", iso3="FRA", language="fr", id=1)
    docx = tmp_path / "FRA.fr.docx"
    docx.write_bytes(b"docx")
    docx.with_suffix(".pdf").write_bytes(b"%PDF")
    assert letter_paths(campaign, tmp_path, contact, docx) == [docx]


def _campaign_with_letters(
    ledger: Ledger, out: Path, attach: list[str]
) -> tuple[Campaign, dict[str, Path]]:
    """A campaign whose FRA and ESP letters are rendered (and recorded) in ``out``."""
    campaign = load_campaign(CAMPAIGN).model_copy(update={"attach": attach})
    docx = {}
    with ledger.session() as session:
        for iso3, language in (("FRA", "fr"), ("ESP", "es")):
            contact = Contact(
                campaign="cl-21-4", contact_key=iso3, iso3=iso3, language=language,
                email=f"minister@{iso3.lower()}.example",
            )  # fmt: skip
            session.add(contact)
            session.flush()
            path = out / f"{iso3}.{language}.docx"
            path.write_bytes(f"docx of {iso3}".encode())
            sha = hashlib.sha256(path.read_bytes()).hexdigest()
            session.add(
                Letter(campaign="cl-21-4", contact_id=contact.id, language=language,
                       path=str(path), sha256=sha)
            )  # fmt: skip
            docx[iso3] = path
    return campaign, docx


def _record_pdf(ledger: Ledger, docx: Path) -> None:
    """What 'circular render --pdf' leaves: the PDF beside the DOCX, and its ledger row."""
    pdf = docx.with_suffix(".pdf")
    pdf.write_bytes(b"%PDF-1.7 " + docx.read_bytes())
    with ledger.session() as session:
        letter = session.scalars(select(Letter).where(Letter.path == str(docx))).one()
        session.add(
            LetterPdf(campaign="cl-21-4", contact_id=letter.contact_id, path=str(pdf),
                      sha256=hashlib.sha256(pdf.read_bytes()).hexdigest(),
                      docx_sha256=letter.sha256)
        )  # fmt: skip


def test_sending_pdfs_refuses_to_start_without_every_checked_pdf(
    ledger: Ledger, tmp_path: Path
) -> None:
    campaign, docx = _campaign_with_letters(ledger, tmp_path, ["pdf", "docx"])
    _record_pdf(ledger, docx["FRA"])
    with pytest.raises(MissingAttachments) as error:
        require_attachments(ledger, campaign, tmp_path)
    assert error.value.problems == [
        "ESP: no PDF of its letter, which campaign.yaml's attach sends; run 'circular render --pdf'"
    ]
    assert "nothing was sent" in str(error.value) and "ESP: no PDF" in str(error.value)
    # campaign_messages, which the CLI and each send batch use, says the same.
    built = campaign_messages(ledger, campaign, tmp_path)
    assert built.problems == error.value.problems
    assert [m.label for m in built.messages] == ["FRA"]

    _record_pdf(ledger, docx["ESP"])
    require_attachments(ledger, campaign, tmp_path)  # every PDF there: it may start


def test_a_pdf_not_made_from_the_letter_as_it_is_now_is_refused(
    ledger: Ledger, tmp_path: Path
) -> None:
    campaign, docx = _campaign_with_letters(ledger, tmp_path, ["pdf", "docx"])
    _record_pdf(ledger, docx["FRA"])
    docx["ESP"].with_suffix(".pdf").write_bytes(b"%PDF made by hand")
    docx["FRA"].write_bytes(b"docx of FRA, rendered again")
    with ledger.session() as session:  # FRA's letter rendered again after its PDF was made
        row = session.scalars(select(Letter).where(Letter.path == str(docx["FRA"]))).one()
        row.sha256 = hashlib.sha256(docx["FRA"].read_bytes()).hexdigest()
    with pytest.raises(MissingAttachments) as error:
        require_attachments(ledger, campaign, tmp_path)
    assert error.value.problems == [
        "ESP: ESP.es.pdf was never checked (the ledger has no record of it); "
        "run 'circular render --pdf'",
        "FRA: FRA.fr.pdf was made from an earlier version of the letter; "
        "run 'circular render --pdf'",
    ]


def test_a_docx_only_campaign_starts_before_its_letters_are_rendered(
    ledger: Ledger, tmp_path: Path
) -> None:
    campaign, docx = _campaign_with_letters(ledger, tmp_path, ["docx"])
    docx["FRA"].unlink()
    require_attachments(ledger, campaign, tmp_path)  # the flow renders them as it goes

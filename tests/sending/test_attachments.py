"""Which files a letter's e-mail carries: campaign.yaml's ``attach`` (default PDF then DOCX),
and a letter whose PDF was not made is refused, never sent as DOCX alone."""

from __future__ import annotations

from pathlib import Path

from circular.campaign import load_campaign
from circular.ledger import Contact
from circular.sending.outgoing import letter_paths, missing_attachments

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

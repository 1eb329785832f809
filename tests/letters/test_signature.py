"""The signature block: campaign.yaml's ``signature:`` PNG placed in every letter in the
paragraph above the signatory's name, in the six shipped templates, by the fast path and by
docxtpl alike; absent by default."""

from __future__ import annotations

import io
import re
import shutil
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from lxml import etree

from circular.campaign import Campaign, load_campaign
from circular.countries import LANGUAGES
from circular.ledger import Contact
from circular.letters.pdfpool import check_uno
from circular.letters.render import LetterError, LetterTemplate, render_campaign
from circular.letters.signature import MAX_HEIGHT, MAX_WIDTH, Signature

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "letters" / "cl-21-4"
NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
COUNTRY = {"ar": "EGY", "en": "GBR", "es": "ESP", "fr": "FRA", "ru": "RUS", "zh": "CHN"}
EMU_PER_PIXEL = 9525  # at 96 dpi


def png(width: int, height: int) -> bytes:
    """A real grey-scale PNG of ``width`` × ``height`` pixels (a dark diagonal stroke)."""
    rows = b"".join(
        b"\x00" + bytes(0 if abs(x * height - y * width) < width else 255 for x in range(width))
        for y in range(height)
    )

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


SIGNATURE_PNG = png(300, 100)


def campaign_copy(folder: Path, signature: bytes | None) -> Campaign:
    """The shipped campaign in ``folder``, naming ``signature.png`` when one is given."""
    shutil.copytree(SHIPPED, folder)
    if signature is not None:
        (folder / "signature.png").write_bytes(signature)
        with (folder / "campaign.yaml").open("a", encoding="utf-8") as file:
            file.write("signature: signature.png\n")
    return load_campaign(folder)


def contact(language: str) -> Contact:
    iso3 = COUNTRY[language]
    return Contact(
        campaign="cl-21-4", contact_key=iso3, iso3=iso3, language=language,
        email=f"minister@{iso3.lower()}.example", cc=[], name="Name", title="", salutation="",
        position="Minister", ministry="Ministry", extra={},
    )  # fmt: skip


def paragraphs(docx: bytes) -> list[etree._Element]:
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        body = etree.fromstring(package.read("word/document.xml"))
    return body.findall(".//w:body/w:p", NS)


def text(paragraph: etree._Element) -> str:
    return "".join(paragraph.itertext()).strip()


def image_target(docx: bytes, rid: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        rels = etree.fromstring(package.read("word/_rels/document.xml.rels"))
        [target] = [r.get("Target") for r in rels if r.get("Id") == rid]
        return package.read(f"word/{target}")


def pictures(docx: bytes) -> list[tuple[int, etree._Element, bytes]]:
    """Each paragraph with a picture: its index, itself and the picture's bytes."""
    found = []
    for index, p in enumerate(paragraphs(docx)):
        blip = p.find(".//a:blip", NS)
        if blip is not None:
            found.append((index, p, image_target(docx, blip.get(f"{{{NS['r']}}}embed"))))
    return found


def signature_paragraph(docx: bytes) -> tuple[int, etree._Element]:
    # The other picture of a letter is the QR code of its link (tests/letters/test_qr.py).
    found = [(index, p) for index, p, data in pictures(docx) if data == SIGNATURE_PNG]
    assert len(found) == 1, "one signature in the letter"
    return found[0]


@pytest.mark.parametrize("language", LANGUAGES)
def test_signature_stands_above_the_signatory_in_every_language(
    language: str, tmp_path: Path
) -> None:
    campaign = campaign_copy(tmp_path / "cl-21-4", SIGNATURE_PNG)
    report = render_campaign(campaign, [contact(language)], tmp_path / "out")
    docx = report.letters[0].path.read_bytes()
    index, picture = signature_paragraph(docx)
    following = [text(p) for p in paragraphs(docx)[index + 1 :] if text(p)]
    assert following[:2] == [
        campaign.text(campaign.signatory.name, language),
        campaign.text(campaign.signatory.title, language),
    ]
    # The very PNG of campaign.yaml, fitted into the signature box with its proportions.
    blip = picture.find(".//a:blip", NS)
    assert image_target(docx, blip.get(f"{{{NS['r']}}}embed")) == SIGNATURE_PNG
    extent = picture.find(".//wp:extent", NS)
    assert (int(extent.get("cx")), int(extent.get("cy"))) == (int(MAX_WIDTH), int(MAX_WIDTH) // 3)
    if language == "ar":  # right to left, like the name under it
        assert picture.find("w:pPr/w:bidi", NS) is not None or _rtl_by_style(docx)


def _rtl_by_style(docx: bytes) -> bool:
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        styles = package.read("word/styles.xml").decode()
    return bool(re.search(r'<w:style [^>]*w:styleId="Normal".*?<w:bidi/>', styles, re.S))


def test_fast_path_and_docxtpl_give_the_same_letter(tmp_path: Path) -> None:
    campaign = campaign_copy(tmp_path / "cl-21-4", SIGNATURE_PNG)
    signature = Signature.read(tmp_path / "cl-21-4" / "signature.png")
    path = campaign.template_path("letter", "fr")
    fast = LetterTemplate(path, "fr", signature=signature)
    slow = LetterTemplate(path, "fr", signature=signature, fast=False)
    assert fast.fast and not slow.fast
    from circular.letters.context import docx_letter_context

    # With the QR code of the link too: two pictures, one of them different in every letter.
    # Several letters: from the third on, the body is written without lxml's round trip.
    for link in "abc":
        url = f"https://x.test/r/{link}"
        context = docx_letter_context(campaign, contact("fr"), "fr", reply_url=url)
        letters = [template.render(context) for template in (fast, slow)]
        with (
            zipfile.ZipFile(io.BytesIO(letters[0])) as one,
            zipfile.ZipFile(io.BytesIO(letters[1])) as two,
        ):
            assert sorted(one.namelist()) == sorted(two.namelist())
            media = [name for name in one.namelist() if name.startswith("word/media/")]
            assert len(media) == 2
            for name in ("word/document.xml", "word/_rels/document.xml.rels", *media):
                assert one.read(name) == two.read(name), name
    assert fast._fast is not None and fast._fast._use_written_body is True


def test_no_signature_by_default(tmp_path: Path) -> None:
    campaign = campaign_copy(tmp_path / "cl-21-4", None)
    assert campaign.signature is None
    report = render_campaign(campaign, [contact("en")], tmp_path / "out")
    docx = report.letters[0].path.read_bytes()
    # The one picture is the QR code of the link, in the body above the closing.
    [(index, _paragraph, data)] = pictures(docx)
    assert data.startswith(b"\x89PNG") and data != SIGNATURE_PNG
    assert "Yours faithfully," in [text(p) for p in paragraphs(docx)[index + 1 :]]
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        assert len([n for n in package.namelist() if n.startswith("word/media/")]) == 1
    names = [text(p) for p in paragraphs(docx)]
    assert "Houlin ZHAO" in names and "{{" not in "".join(names)


def test_a_new_signature_renders_the_letters_again(tmp_path: Path) -> None:
    campaign = campaign_copy(tmp_path / "cl-21-4", SIGNATURE_PNG)
    path = campaign.template_path("letter", "en")
    one = LetterTemplate(path, "en", signature=Signature.read(campaign.signature_path))
    (tmp_path / "cl-21-4" / "signature.png").write_bytes(png(200, 100))
    two = LetterTemplate(path, "en", signature=Signature.read(campaign.signature_path))
    context = {"same": "context"}
    assert one.inputs_sha256(context) != two.inputs_sha256(context)


def test_a_tall_signature_is_fitted_into_its_box(tmp_path: Path) -> None:
    (tmp_path / "tall.png").write_bytes(png(50, 200))
    signature = Signature.read(tmp_path / "tall.png")
    assert signature.height == int(MAX_HEIGHT) and signature.width == int(MAX_HEIGHT) // 4


@pytest.mark.parametrize(
    ("content", "problem"),
    [(b"GIF89a not a png", "is not a PNG image"), (None, "cannot be read")],
)
def test_a_bad_signature_file_is_refused_naming_it(
    tmp_path: Path, content: bytes | None, problem: str
) -> None:
    campaign = campaign_copy(tmp_path / "cl-21-4", content or b"")
    if content is None:
        (tmp_path / "cl-21-4" / "signature.png").unlink()
    with pytest.raises(LetterError, match=f"signature image .*signature.png {problem}"):
        render_campaign(campaign, [contact("en")], tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_a_template_without_the_signature_field_is_refused(tmp_path: Path) -> None:
    from docx import Document

    document = Document()
    document.add_paragraph("{{ campaign.signatory.name }}")
    document.save(str(tmp_path / "letter.en.docx"))
    (tmp_path / "signature.png").write_bytes(SIGNATURE_PNG)
    signature = Signature.read(tmp_path / "signature.png")
    with pytest.raises(LetterError, match=r"no \{\{ signature \}\} field"):
        LetterTemplate(tmp_path / "letter.en.docx", "en", signature=signature)


@pytest.mark.skipif(
    shutil.which("soffice") is None or check_uno() is not None,
    reason="LibreOffice and python3-uno are not installed (make system-deps installs them)",
)
def test_signed_letters_stay_on_their_pages_in_pdf(tmp_path: Path) -> None:
    """The picture makes the signature block taller than the template's blank line: each
    signed letter still passes the PDF check (no more pages than its template) and its PDF
    holds the picture."""
    from pypdf import PdfReader

    from circular.letters.pdfletters import make_pdfs

    campaign = campaign_copy(tmp_path / "cl-21-4", SIGNATURE_PNG)
    contacts = [contact(language) for language in LANGUAGES]
    letters = render_campaign(campaign, contacts, tmp_path / "out").letters
    report = make_pdfs(campaign, letters, workers=2)
    assert report.made == len(LANGUAGES)
    for checked in report.pdfs:
        last = PdfReader(checked.path).pages[-1]  # where the signatory's name is
        drawn = re.findall(rb"/(\w+) Do\b", last.get_contents().get_data())
        images = {
            name.lstrip("/"): (xobject["/Width"], xobject["/Height"])
            for name, ref in last["/Resources"]["/XObject"].items()
            if (xobject := ref.get_object())["/Subtype"] == "/Image"
        }
        # The signature; the QR code of the link (164 × 164 pixels) may stand on this page too.
        shown = [images[name.decode()] for name in drawn if name.decode() in images]
        assert (300, 100) in shown and set(shown) <= {(300, 100), (164, 164)}, checked.path.name

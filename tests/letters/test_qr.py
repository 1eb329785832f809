"""The personal link in the Word letter and its QR code (issue 18): in the six shipped
templates, read back from the rendered .docx as a reader and a phone would (python-docx for
the text, zxing-cpp for the picture), on the fast path and through docxtpl alike; the
campaign's public page where a letter has no personal link. Codes of many links are also read
by a second, independent reader (ZBar), whole and printed at half the resolution."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path

import numpy as np
import pytest
import zxingcpp
from docx import Document
from lxml import etree
from PIL import Image
from pyzbar import pyzbar

from circular.campaign import CampaignError, load_campaign
from circular.countries import LANGUAGES
from circular.ledger import Contact, Ledger
from circular.letters.context import docx_letter_context
from circular.letters.fastdocx import PreparedTemplate
from circular.letters.links import active_links, new_token
from circular.letters.qr import MASK, SCALE, SIZE, png_1bit, qr_image
from circular.letters.render import LetterTemplate, make_environment, render_campaign

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "letters" / "cl-21-4"
PUBLIC_URL = "https://confirm.example.org"
COUNTRY = {"ar": "EGY", "en": "GBR", "es": "ESP", "fr": "FRA", "ru": "RUS", "zh": "CHN"}
NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
_LINK = re.compile(r"https?://[A-Za-z0-9_~:/?#@!$&'*+,;=%.-]+")


def contact(language: str, number: int = 0) -> Contact:
    iso3 = COUNTRY[language]
    return Contact(
        campaign="cl-21-4", contact_key=f"{iso3}{number or ''}", iso3=iso3, language=language,
        email=f"minister{number}@{iso3.lower()}.example", cc=[], name="Name", title="",
        salutation="", position="Minister", ministry="Ministry", extra={},
    )  # fmt: skip


def letter_links(docx: bytes) -> list[str]:
    """The web addresses in the letter's text (paragraphs and table cells)."""
    document = Document(io.BytesIO(docx))
    texts = [p.text for p in document.paragraphs]
    texts += [p.text for t in document.tables for c in t._cells for p in c.paragraphs]
    return [link.rstrip(".,;:") for text in texts for link in _LINK.findall(text)]


def qr_codes(docx: bytes) -> list[tuple[int, str]]:
    """Each picture of the letter that a QR reader reads: its paragraph's index and text."""
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        body = etree.fromstring(package.read("word/document.xml"))
        rels = etree.fromstring(package.read("word/_rels/document.xml.rels"))
        targets = {r.get("Id"): r.get("Target") for r in rels}
        found = []
        for index, paragraph in enumerate(body.findall(".//w:body/w:p", NS)):
            for blip in paragraph.findall(".//a:blip", NS):
                data = package.read("word/" + targets[blip.get(f"{{{NS['r']}}}embed")])
                for result in zxingcpp.read_barcodes(Image.open(io.BytesIO(data))):
                    assert result.format == zxingcpp.BarcodeFormat.QRCode
                    found.append((index, result.text))
                extent = paragraph.find(".//wp:extent", NS)
                assert (int(extent.get("cx")), int(extent.get("cy"))) == (SIZE, SIZE)
        return found


def paragraph_text(docx: bytes, index: int) -> str:
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        body = etree.fromstring(package.read("word/document.xml"))
    return "".join(body.findall(".//w:body/w:p", NS)[index].itertext())


@pytest.fixture
def public_url(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("CIRCULAR_PUBLIC_URL", PUBLIC_URL)
    return PUBLIC_URL


def read_both(image: Image.Image) -> tuple[list[str], list[str]]:
    """What zxing-cpp and ZBar read in ``image`` (QR codes only)."""
    zxing = [code.text for code in zxingcpp.read_barcodes(image, formats=zxingcpp.QRCode)]
    zbar = [found.data.decode() for found in pyzbar.decode(image, [pyzbar.ZBarSymbol.QRCODE])]
    return zxing, zbar


def test_every_personal_link_reads_back_with_two_independent_readers() -> None:
    """The codes are drawn by zxing-cpp's writer (libzint, one data mask for every code,
    ``qr.MASK``): read back by zxing-cpp's reader and by ZBar, whole and at half the
    pixels (2 per module, smoothed, as a coarse print or scan gives), for links of the
    shapes letters carry: personal links of several public addresses, a public page."""
    bases = ["https://confirm.example.org", "http://127.0.0.1:8080", "https://a.test/w/replies"]
    links = [f"{bases[n % 3]}/r/{new_token()}" for n in range(60)]
    links.append("https://www.itu.int/net4/wsis/forum/2021/en/HighLevel")
    for link in links:
        image = Image.open(io.BytesIO(qr_image(link).data))
        assert read_both(image) == ([link], [link])
        half = image.convert("L").resize((image.width // 2,) * 2, Image.Resampling.BILINEAR)
        assert read_both(half) == ([link], [link]), link
    [code] = zxingcpp.read_barcodes(image)
    assert (code.format, code.ec_level) == (zxingcpp.BarcodeFormat.QRCode, "M")


def test_the_png_holds_the_pixels_zxing_cpp_draws() -> None:
    """circular writes the PNG itself (issue 20): Pillow decodes it to exactly the pixels
    zxing-cpp draws at SCALE pixels a module with its quiet zone (what Pillow's own PNG
    held before), in 1-bit greyscale."""
    for link in ["https://confirm.example.org/r/" + new_token(), "https://a.test/" + "x" * 150]:
        image = Image.open(io.BytesIO(qr_image(link).data))
        code = zxingcpp.create_barcode(
            link, zxingcpp.BarcodeFormat.QRCode, ec_level="M", data_mask=MASK
        )
        drawn = np.asarray(code.to_image(scale=SCALE, add_quiet_zones=True))
        assert image.mode == "1"
        assert np.array_equal(np.asarray(image.convert("L")), drawn)


def test_png_1bit_rows_of_any_width() -> None:
    """Rows whose pixels are not a multiple of 8 are padded as PNG wants: Pillow reads back
    the same pixels for odd sizes and scales."""
    modules = np.array([[0, 255, 0, 255, 255], [255, 0, 0, 0, 255], [0, 0, 255, 255, 0]])
    for scale in (1, 3):
        image = Image.open(io.BytesIO(png_1bit(modules.astype(np.uint8), scale)))
        expected = modules.repeat(scale, axis=0).repeat(scale, axis=1)
        assert image.size == (5 * scale, 3 * scale)
        assert np.array_equal(np.asarray(image.convert("L")), expected)


def test_the_shipped_templates_are_what_make_templates_builds() -> None:
    from tools.make_templates import build_letter, load_text

    for language in LANGUAGES:
        built = build_letter(load_text(SHIPPED, language), language)
        assert built == (SHIPPED / f"letter.{language}.docx").read_bytes(), (
            f"letters/cl-21-4/letter.{language}.docx differs from tools/make_templates.py's "
            "output: run `python tools/make_templates.py letters/cl-21-4`"
        )


@pytest.mark.usefixtures("public_url")
def test_each_letter_gives_its_personal_link_in_words_and_in_a_qr_code(
    ledger: Ledger, tmp_path: Path
) -> None:
    campaign = load_campaign(SHIPPED)
    with ledger.session() as session:
        contacts = [contact(language) for language in LANGUAGES] + [contact("fr", 2)]
        session.add_all(contacts)
        session.flush()
        session.expunge_all()
    report = render_campaign(campaign, contacts, tmp_path / "out", ledger, several_per_country=True)
    with ledger.session() as session:
        tokens = {c: link.token for c, link in active_links(session, campaign.id).items()}
    seen = set()
    for letter in report.letters:
        docx = letter.path.read_bytes()
        personal = f"{PUBLIC_URL}/r/{tokens[letter.contact_id]}"
        # The sentence "either by correspondence or through our website: <link>" gives it...
        assert letter_links(docx).count(personal) == 1, (letter.path.name, letter_links(docx))
        # ...and the picture just under that sentence reads as the same link.
        [(index, read)] = qr_codes(docx)
        assert read == personal, letter.path.name
        assert personal in paragraph_text(docx, index - 1), letter.path.name
        assert campaign.text(campaign.links["high_level"], letter.language) not in (
            letter_links(docx)
        )
        seen.add(read)
    assert len(seen) == len(contacts)  # two contacts of one country: two links


def test_without_a_ledger_the_letter_points_to_the_campaigns_public_page(tmp_path: Path) -> None:
    campaign = load_campaign(SHIPPED)
    report = render_campaign(campaign, [contact(lang) for lang in LANGUAGES], tmp_path / "out")
    for letter in report.letters:
        docx = letter.path.read_bytes()
        page = campaign.text(campaign.links["high_level"], letter.language)
        assert page in letter_links(docx) and "/r/" not in " ".join(letter_links(docx))
        assert [read for _, read in qr_codes(docx)] == [page]


def test_the_public_page_is_a_link_of_the_campaign(tmp_path: Path) -> None:
    folder = tmp_path / "cl-21-4"
    shutil.copytree(SHIPPED, folder)
    text = (folder / "campaign.yaml").read_text(encoding="utf-8")
    (folder / "campaign.yaml").write_text(
        text.replace("  days_from: high_level", "  days_from: high_level\n  public_page: forum"),
        encoding="utf-8",
    )
    assert load_campaign(folder).public_page("fr") == "wsis.org/forum"
    (folder / "campaign.yaml").write_text(
        text.replace("  days_from: high_level", "  days_from: high_level\n  public_page: home"),
        encoding="utf-8",
    )
    with pytest.raises(CampaignError, match=r"web.public_page: no link 'home'"):
        load_campaign(folder)


@pytest.mark.parametrize("language", ["ar", "zh"])
def test_fast_path_and_docxtpl_draw_the_same_qr_code(language: str) -> None:
    campaign = load_campaign(SHIPPED)
    path = campaign.template_path("letter", language)
    fast = LetterTemplate(path, language)
    slow = LetterTemplate(path, language, fast=False)
    assert fast.fast and fast.qr and not slow.fast
    letters = []
    for url in ("https://x.test/r/" + "a" * 32, "https://x.test/r/" + "b" * 32):
        context = docx_letter_context(campaign, contact(language), language, reply_url=url)
        pair = [template.render(context) for template in (fast, slow)]
        with (
            zipfile.ZipFile(io.BytesIO(pair[0])) as one,
            zipfile.ZipFile(io.BytesIO(pair[1])) as two,
        ):
            assert sorted(one.namelist()) == sorted(two.namelist())
            for name in one.namelist():
                if name.startswith("word/"):
                    assert one.read(name) == two.read(name), name
        assert [read for _, read in qr_codes(pair[0])] == [url]
        fast.validate(pair[0], "letter")
        letters.append(pair[0])
    # The placeholder of the prepared template never reaches a letter: each has its own code.
    assert qr_codes(letters[0]) != qr_codes(letters[1])


def test_a_template_without_the_qr_field_gets_no_picture(tmp_path: Path) -> None:
    document = Document()
    document.add_paragraph("Answer at {{ reply_url }}.")
    document.save(str(tmp_path / "letter.docx"))
    template = LetterTemplate(tmp_path / "letter.docx", "en")
    assert template.fast and not template.qr
    docx = template.render({"reply_url": "https://x.test/r/abc"})
    assert letter_links(docx) == ["https://x.test/r/abc"]
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        assert not [n for n in package.namelist() if n.startswith("word/media/")]


def test_a_per_letter_image_must_be_declared(tmp_path: Path) -> None:
    document = Document()
    document.add_paragraph("{{ name }}")
    document.save(str(tmp_path / "letter.docx"))
    prepared = PreparedTemplate(tmp_path / "letter.docx", make_environment())
    with pytest.raises(ValueError, match="'reply_qr' is not a per-letter image"):
        prepared.render_bytes({"name": "x"}, media={"reply_qr": b"\x89PNG"})


def test_render_from_a_contact_file_says_its_letters_point_to_the_public_page(
    tmp_path: Path,
) -> None:
    from typer.testing import CliRunner

    from circular.cli import _register, app

    _register()
    rows = (ROOT / "contacts" / "samples" / "member-states.csv").read_text(encoding="utf-8")
    contacts = tmp_path / "contacts.csv"
    contacts.write_text("\n".join(rows.splitlines()[:3]) + "\n", encoding="utf-8")
    args = ["render", "--campaign", str(SHIPPED), "--contacts", str(contacts)]
    result = CliRunner().invoke(app, [*args, "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    page = "https://www.itu.int/net4/wsis/forum/2021/en/HighLevel"
    said = " ".join(result.output.split())  # the note as one line, whatever the width
    assert f"their link and QR code are the campaign's public page (web.public_page: {page})" in (
        said
    )
    for letter in sorted((tmp_path / "out").glob("*.docx")):
        assert [read for _, read in qr_codes(letter.read_bytes())] == [page]

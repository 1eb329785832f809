"""Build the Word templates of a campaign (letter.<lang>.docx) from its texts.

    python tools/make_templates.py letters/cl-21-4            # all six languages
    python tools/make_templates.py letters/cl-21-4 --lang ar  # one

The texts live in ``letters/<id>/text/<lang>.yaml`` (labels, subject, body paragraphs, closing)
with a small markup: ``**bold**``, ``*italic*``, ``<link>``; ``{{ … }}`` and ``{% … %}`` are
docxtpl/Jinja tags and are copied as they are, each into a run of its own. The layout is the
ITU circular letter's: sender block and place/date, then Ref./Contact/Tel./E-mail beside the
addressee, the subject in bold, the body, the closing and the signature. The paragraph that
gives the contact's personal link (``{{ reply_url }}``) is followed by one holding its QR code
(``{{ reply_qr }}``, see circular/letters/qr.py).

The output is byte-for-byte reproducible (fixed zip timestamps and document dates). Once
built, the committed .docx files are what staff edit in Word; run this again only to start
over from the texts.

Language setup lives in the styles, where Word keeps it when staff edit: Arabic paragraphs are
right to left (``w:bidi`` on the Normal style and the section, ``w:bidiVisual`` on tables,
``w:lang w:bidi="ar-SA"``, a complex-script font), Chinese has ``w:lang w:eastAsia="zh-CN"``
and an East Asian font. Arabic runs carry ``w:rtl`` (and ``w:bCs``/``w:iCs`` for bold and
italic, which Word applies to complex-script text); runs that are Latin only (``CL-21/4``,
e-mail addresses, links) carry none, so they read left to right inside the Arabic text.
"""

from __future__ import annotations

import argparse
import io
import re
import sys
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

LANGUAGES = ("ar", "en", "es", "fr", "ru", "zh")

# One fixed instant for document properties and zip entries: the same texts give the same bytes.
_FIXED = datetime(2021, 2, 3, 0, 0, 0)


@dataclass(frozen=True)
class Script:
    """How a language is set: fonts, language tags, direction, sizes (half-points)."""

    lang: str  # w:lang w:val (Latin text)
    latin_font: str = "Calibri"
    east_asia_font: str = "SimSun"
    east_asia_lang: str = "zh-CN"
    cs_font: str = "Arial"
    bidi_lang: str = "ar-SA"
    size: int = 22
    size_cs: int = 22
    rtl: bool = False
    cjk: bool = False
    line: int = 240  # line spacing, 240ths of a line


SCRIPTS: dict[str, Script] = {
    # Arabic text is set larger: at the same point size it reads much smaller than Latin.
    # Arabic needs room for its marks above and below the line.
    "ar": Script(lang="en-GB", cs_font="Arial", size=24, size_cs=26, rtl=True, line=252),
    "en": Script(lang="en-GB"),
    "es": Script(lang="es-ES"),
    "fr": Script(lang="fr-CH"),
    "ru": Script(lang="ru-RU"),
    # SimSun is Word's Chinese default; LibreOffice substitutes Noto Serif CJK SC for it.
    "zh": Script(lang="en-GB", east_asia_font="SimSun", cjk=True),
}

# Template fields whose values are always Latin script: no w:rtl on them in Arabic.
_LATIN_FIELDS = re.compile(
    r"\{\{\s*(campaign\.(reference|contact\.phone|contact\.email|reply_inbox|links\.\w+)"
    r"|contact\.email|reply_url)\s*\}\}"
)
_MARKUP = re.compile(r"(\*\*.+?\*\*|\*.+?\*|<[^<>]+>)")
_TAG = re.compile(r"(\{\{.*?\}\}|\{%.*?%\})")
_ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")
_CJK = re.compile(r"[\u3000-\u303F\u3400-\u9FFF\uFF00-\uFFEF\u201C\u201D]")
# In Arabic text, a stretch of Latin words (WSIS, an address) is its own left-to-right run.
_LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z0-9@._/:+-]*(?:[ ][A-Za-z][A-Za-z0-9@._/:+-]*)*")

PAGE_WIDTH = Cm(21.0)
PAGE_HEIGHT = Cm(29.7)
MARGIN = Cm(2.0)
LABEL_WIDTH = Cm(3.6)
VALUE_WIDTH = Cm(5.6)
ADDRESSEE_WIDTH = Cm(7.8)


def _set(parent: Any, tag: str, **attributes: str) -> Any:
    """The child ``tag`` of ``parent`` (created if absent) with ``attributes`` set."""
    element = parent.find(qn(tag))
    if element is None:
        element = OxmlElement(tag)
        parent.append(element)
    for name, value in attributes.items():
        element.set(qn(f"w:{name}"), value)
    return element


def _language_rpr(rpr: Any, script: Script) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is not None:
        rpr.remove(fonts)
    fonts = OxmlElement("w:rFonts")
    fonts.set(qn("w:ascii"), script.latin_font)
    fonts.set(qn("w:hAnsi"), script.latin_font)
    fonts.set(qn("w:eastAsia"), script.east_asia_font)
    fonts.set(qn("w:cs"), script.cs_font)
    rpr.insert(0, fonts)
    _set(rpr, "w:sz", val=str(script.size))
    _set(rpr, "w:szCs", val=str(script.size_cs))
    _set(rpr, "w:lang", val=script.lang, eastAsia=script.east_asia_lang, bidi=script.bidi_lang)


def _setup_styles(document: Any, script: Script) -> None:
    """Put the language's fonts, tags and direction into docDefaults and the Normal style."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    default_rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _language_rpr(default_rpr, script)
    default_ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    _set(default_ppr, "w:spacing", after="0", line=str(script.line), lineRule="auto")

    normal = document.styles["Normal"]
    _language_rpr(normal.element.get_or_add_rPr(), script)
    if script.rtl:
        # Right to left by default and in Normal: paragraphs staff add inherit it either way.
        _set(default_ppr, "w:bidi")
        _set(normal.element.get_or_add_pPr(), "w:bidi")

    body = document.styles.add_style("Letter Body", 1)
    body.base_style = normal
    body.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    body.paragraph_format.space_before = Pt(6)

    link = document.styles.add_style("Letter Link", 2)
    link.font.color.rgb = RGBColor(0x05, 0x63, 0xC1)
    link.font.underline = True

    _set(
        document.settings.element,
        "w:themeFontLang",
        val=script.lang,
        eastAsia=script.east_asia_lang,
        bidi=script.bidi_lang,
    )


def _pieces(text: str) -> list[tuple[str, str]]:
    """Split marked-up text into (kind, text): kind is plain, bold, italic or link."""
    pieces = []
    for part in _MARKUP.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            pieces.append(("bold", part[2:-2]))
        elif part.startswith("*") and part.endswith("*") and len(part) > 1:
            pieces.append(("italic", part[1:-1]))
        elif part.startswith("<") and part.endswith(">"):
            pieces.append(("link", part[1:-1]))
        else:
            pieces.append(("plain", part))
    return pieces


def _runs(text: str, rtl: bool) -> list[tuple[str, bool]]:
    """Split ``text`` into runs: every tag alone in its run; in Arabic, Latin stretches too.

    Returns (text, is_rtl) pairs."""
    runs: list[tuple[str, bool]] = []
    for chunk in _TAG.split(text):
        if not chunk:
            continue
        if _TAG.fullmatch(chunk):
            runs.append((chunk, rtl and not _LATIN_FIELDS.fullmatch(chunk)))
        elif not rtl:
            runs.append((chunk, False))
        else:
            position = 0
            for match in _LATIN_RUN.finditer(chunk):
                if match.start() > position:
                    runs.append((chunk[position : match.start()], True))
                runs.append((match.group(), False))
                position = match.end()
            if position < len(chunk):
                runs.append((chunk[position:], True))
    return runs


def add_text(paragraph: Paragraph, text: str, script: Script, *, bold: bool = False) -> None:
    """Append marked-up ``text`` to ``paragraph`` as runs set for ``script``."""
    for kind, piece in _pieces(text):
        for run_text, rtl in _runs(piece, script.rtl):
            run = paragraph.add_run(run_text)
            rpr = run._r.get_or_add_rPr()
            if kind == "link":
                run.style = "Letter Link"
            if bold or kind == "bold":
                run.bold = True
                if rtl:
                    _set(rpr, "w:bCs")
            if kind == "italic":
                run.italic = True
                if rtl:
                    _set(rpr, "w:iCs")
            if rtl:
                _set(rpr, "w:rtl")
            if script.cjk and _CJK.search(run_text):
                # Curly quotes and CJK punctuation are shared with Latin: the hint makes Word
                # draw them with the East Asian font, full width.
                run._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:hint"), "eastAsia")


def _paragraph(
    container: Any, text: str, script: Script, *, style: str | None = None, bold: bool = False
) -> Paragraph:
    paragraph = container.add_paragraph(style=style)
    add_text(paragraph, text, script, bold=bold)
    return paragraph


def _first_paragraph(cell: _Cell, text: str, script: Script, *, bold: bool = False) -> Paragraph:
    paragraph = cell.paragraphs[0]
    add_text(paragraph, text, script, bold=bold)
    return paragraph


def _table(document: Any, rows: int, widths: list[Any], script: Script) -> Table:
    table = document.add_table(rows=rows, cols=len(widths))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    _set(tbl_pr, "w:tblLayout", type="fixed")
    if script.rtl:
        # The first column stands on the right, as an Arabic reader expects.
        _set(tbl_pr, "w:bidiVisual")
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    return table


# Most languages put the title before the name ("Excma. Sra. María López"); a language that
# puts it after (Chinese "王明阁下") says so with ``addressee_name`` in its text file.
_TITLE_THEN_NAME = "{% if contact.title %}{{ contact.title }} {% endif %}{{ contact.name }}"


def _addressee(cell: _Cell, text: dict[str, Any], script: Script) -> None:
    """The addressee block: the contact when named, else the seed's generic addressee."""
    lines = [
        "{%p if contact.name %}",
        text.get("addressee_name", _TITLE_THEN_NAME),
        "{%p if contact.position %}",
        "{{ contact.position }}",
        "{%p endif %}",
        "{%p if contact.ministry %}",
        "{{ contact.ministry }}",
        "{%p endif %}",
        "{{ contact.country }}",
        "{%p else %}",
        text["addressee_generic"],
        "{%p endif %}",
    ]
    _first_paragraph(cell, lines[0], script)
    for line in lines[1:]:
        _paragraph(cell, line, script)


def build_letter(text: dict[str, Any], language: str) -> bytes:
    """The letter template for ``language`` from its ``text`` (a parsed text/<lang>.yaml)."""
    script = SCRIPTS[language]
    document = Document()
    _setup_styles(document, script)
    properties = document.core_properties
    properties.title = "{{ campaign.reference }}"
    properties.author = "circular"
    properties.last_modified_by = "circular"
    properties.created = properties.modified = _FIXED
    properties.language = {"ar": "ar-SA", "zh": "zh-CN"}.get(language, script.lang)

    section = document.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.left_margin = section.right_margin = MARGIN
    section.top_margin = section.bottom_margin = Cm(1.5)
    if script.rtl:
        _set(section._sectPr, "w:bidi")

    labels = text["labels"]
    header = _table(document, 5, [LABEL_WIDTH, VALUE_WIDTH, ADDRESSEE_WIDTH], script)
    office = header.cell(0, 0).merge(header.cell(0, 1))
    _first_paragraph(office, "{{ campaign.office }}", script, bold=True)
    place = _first_paragraph(header.cell(0, 2), text["place_date"], script)
    place.paragraph_format.space_after = Pt(18)
    header_rows = [
        (labels["reference"], "**{{ campaign.reference }}**"),
        (labels["contact"], "{{ campaign.contact.name }}"),
        (labels["phone"], "{{ campaign.contact.phone }}"),
        (labels["email"], "<{{ campaign.contact.email }}>"),
    ]
    for row, (label, value) in enumerate(header_rows, start=1):
        _first_paragraph(header.cell(row, 0), label, script)
        paragraph = _first_paragraph(header.cell(row, 1), value, script)
        if script.rtl:
            # A phone number in a right-to-left paragraph reads backwards ("40 62 730 22
            # +41"): these values are Latin, so their paragraph is left to right, set against
            # the column's right edge like the Arabic around it.
            _set(paragraph._p.get_or_add_pPr(), "w:bidi", val="0")
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    addressee = header.cell(1, 2).merge(header.cell(4, 2))
    _addressee(addressee, text, script)

    _paragraph(document, "", script)
    subject = _table(document, 1, [LABEL_WIDTH, VALUE_WIDTH + ADDRESSEE_WIDTH], script)
    _first_paragraph(subject.cell(0, 0), labels["subject"], script)
    _first_paragraph(subject.cell(0, 1), text["subject"], script, bold=True)

    _paragraph(document, "", script)
    _paragraph(document, text["salutation"], script)
    for paragraph in text["body"]:
        body = _paragraph(document, paragraph, script, style="Letter Body")
        if "{{ reply_url }}" in paragraph:
            # The QR code of the personal link, under the sentence that gives it, on the same
            # page: a letter read on paper leads to the page too.
            body.paragraph_format.keep_with_next = True
            _paragraph(document, "{{ reply_qr }}", script).paragraph_format.space_before = Pt(6)
    closing = _paragraph(document, text["closing"], script, style="Letter Body")
    closing.paragraph_format.keep_with_next = True
    # The signature image (campaign.yaml signature:) goes in the paragraph above the name;
    # without one the field is empty and the paragraph is the blank line it always was.
    for line in ("", text["signed"], "{{ signature }}", "{{ campaign.signatory.name }}"):
        # The closing and the signature stay together on one page.
        _paragraph(document, line, script).paragraph_format.keep_with_next = True
    _paragraph(document, "{{ campaign.signatory.title }}", script)

    buffer = io.BytesIO()
    document.save(buffer)
    return _reproducible_zip(buffer.getvalue())


def _reproducible_zip(data: bytes) -> bytes:
    """``data`` (a zip) rewritten with fixed timestamps, so equal inputs give equal bytes."""
    output = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=_FIXED.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(item.filename))
    return output.getvalue()


def load_text(folder: Path, language: str) -> dict[str, Any]:
    """The parsed ``text/<language>.yaml`` of the campaign in ``folder``."""
    path = folder / "text" / f"{language}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    required = ("labels", "place_date", "addressee_generic", "subject", "salutation", "body")
    missing = [key for key in (*required, "closing", "signed") if key not in data]
    if missing:
        raise SystemExit(f"{path}: missing keys: {', '.join(missing)}")
    return data


def main(argv: list[str] | None = None) -> int:
    """Build the letter templates of a campaign folder."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="campaign folder, e.g. letters/cl-21-4")
    parser.add_argument("--lang", action="append", choices=LANGUAGES, help="only these")
    args = parser.parse_args(argv)
    for language in args.lang or LANGUAGES:
        target = args.folder / f"letter.{language}.docx"
        target.write_bytes(build_letter(load_text(args.folder, language), language))
        print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

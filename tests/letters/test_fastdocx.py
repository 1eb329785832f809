"""The fast path gives docxtpl's letters: every part byte-for-byte, for the same template,
context and Jinja environment; it refuses what it cannot do; the sandbox still holds."""

from __future__ import annotations

import dis
import io
import re
import struct
import zipfile
import zlib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import docx
import jinja2
import pytest
from docx.shared import Inches
from docxtpl import DocxTemplate, InlineImage, Listing, RichText
from hypothesis import given
from hypothesis import strategies as st
from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment, SecurityError
from lxml import etree
from markupsafe import Markup

from circular.letters.deflate import deflate_part
from circular.letters.fastdocx import FastPathUnsupported, PreparedTemplate, _needs_listing
from tests.support.fastdocx_samples import (
    LANGUAGES,
    build_letter_template,
    campaign_letters,
    sample_context,
)

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
REAL_TEMPLATES = sorted(Path(__file__).parents[2].glob("letters/*/letter.*.docx"))


def sandbox() -> SandboxedEnvironment:
    return SandboxedEnvironment(autoescape=True, undefined=StrictUndefined)


def docxtpl_bytes(path: Path, context: Mapping[str, Any], env: jinja2.Environment) -> bytes:
    """The usual way: a fresh DocxTemplate per letter."""
    template = DocxTemplate(path)
    template.render(dict(context), env)
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()


def members(data: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        return [(name, archive.read(name)) for name in archive.namelist()]


def paragraph_texts(data: bytes) -> list[str]:
    document = docx.Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        texts += [cell.text for row in table.rows for cell in row.cells]
    for section in document.sections:
        texts += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
    return texts


def assert_same_letter(path: Path, context: Mapping[str, Any], env: jinja2.Environment) -> bytes:
    """The fast path's letter is a valid DOCX whose parts are docxtpl's, byte for byte."""
    prepared = PreparedTemplate(path, env)
    assert prepared.supported, prepared.unsupported_reasons
    fast = prepared.render_bytes(context)
    slow = docxtpl_bytes(path, context, env)
    fast_members, slow_members = members(fast), members(slow)
    assert [n for n, _ in fast_members] == [n for n, _ in slow_members]
    for (name, fast_part), (_, slow_part) in zip(fast_members, slow_members, strict=True):
        if name.endswith((".xml", ".rels")):
            etree.fromstring(fast_part)  # well-formed
        assert fast_part == slow_part, f"{path.name}: {name} differs from docxtpl's"
    assert paragraph_texts(fast) == paragraph_texts(slow)
    return fast


def rewrite_docx(path: Path, edits: Mapping[str, Callable[[bytes], bytes]]) -> Path:
    """Rewrite members of a .docx in place (``edits`` may add new members)."""
    with zipfile.ZipFile(path) as archive:
        contents = {name: archive.read(name) for name in archive.namelist()}
    for name, edit in edits.items():
        contents[name] = edit(contents.get(name, b""))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in contents.items():
            archive.writestr(name, data)
    return path


def add_relationship(rel_type: str, target: str, rel_id: str) -> Callable[[bytes], bytes]:
    relationship = (
        f'<Relationship Id="{rel_id}" Target="{target}" '
        f'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{rel_type}"/>'
    )
    return lambda xml: xml.replace(b"</Relationships>", relationship.encode() + b"</Relationships>")


def with_footnotes(path: Path, note: str) -> Path:
    footnotes = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:footnotes xmlns:w="{W_NS}">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
        "</w:footnote>"
        f'<w:footnote w:id="1"><w:p><w:r><w:t>{note}</w:t></w:r></w:p></w:footnote>'
        "</w:footnotes>"
    )
    override = (
        '<Override PartName="/word/footnotes.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>'
    )
    return rewrite_docx(
        path,
        {
            "word/footnotes.xml": lambda _: footnotes.encode(),
            "[Content_Types].xml": lambda xml: xml.replace(
                b"</Types>", override.encode() + b"</Types>"
            ),
            "word/_rels/document.xml.rels": add_relationship("footnotes", "footnotes.xml", "rId90"),
        },
    )


def tiny_png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\x80\x00"))
        + chunk(b"IEND", b"")
    )


def build_features_template(path: Path) -> Path:
    """docxtpl's other constructs: {%tc %} loops growing a table, colspan, cellbg, vm, {%r %},
    {%- -%}, {#p #} comments, a picture repeated by a loop (docPr ids renumbered), dynamic
    core properties."""
    document = docx.Document()
    document.add_paragraph("{#p a comment paragraph #}")
    document.add_paragraph("{%p for item in items %}")
    document.add_picture(io.BytesIO(tiny_png()), width=Inches(0.2))
    document.add_paragraph("Item {{ item }}")
    document.add_paragraph("{%p endfor %}")
    joined = document.add_paragraph("Joined: ")
    joined.add_run("{%- if flag -%}").italic = True
    joined.add_run("yes")
    joined.add_run("{%- endif -%}")
    document.add_paragraph("Rich: {{r rich }} and listing: {{ listing }}")
    document.add_paragraph("{%r if flag %}run{%r endif %} end")

    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "{%tc for c in columns %}"
    table.cell(0, 1).text = "{{ c }}{%tc endfor %}"
    table.cell(1, 0).text = "{% colspan span %}spanned"
    table.cell(1, 1).text = "{% cellbg colour %}coloured"
    merged = document.add_table(rows=1, cols=2)
    merged.cell(0, 0).text = "{%tr for row in rows %}"
    merged.add_row()
    merged.cell(1, 0).text = "{% vm %}{{ row.group }}"
    merged.cell(1, 1).text = "{{ row.value }}"
    merged.add_row().cells[0].text = "{%tr endfor %}"
    document.core_properties.title = "Letter for {{ name }}"
    document.core_properties.subject = "CL-21/4"
    document.save(str(path))
    return path


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("templates")
    return {lang: build_letter_template(folder / f"letter.{lang}.docx", lang) for lang in LANGUAGES}


HOSTILE = {
    "name": "Dr A & B <w:t>x</w:t> {{ 7*7 }} {% if true %}",
    "ministry": "Ministerio de Economía\r\nTransformación Digital\tDirección",
    "position": "الوزير «المفوض» — 部长（代理）",
    "country": 'Côte d\'Ivoire "quoted" ‘smart’',
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_matches_docxtpl(samples: dict[str, Path], language: str) -> None:
    env = sandbox()
    for index in range(4):  # with and without position, e-mail, copies
        assert_same_letter(samples[language], sample_context(index, language), env)


@pytest.mark.parametrize("language", ["en", "ar", "zh"])
def test_hostile_values_come_out_as_text(samples: dict[str, Path], language: str) -> None:
    letter = assert_same_letter(
        samples[language], sample_context(1, language, **HOSTILE), sandbox()
    )
    text = "\n".join(paragraph_texts(letter))
    assert "Dr A & B <w:t>x</w:t> {{ 7*7 }} {% if true %}" in text
    assert "49" not in text
    assert 'Côte d\'Ivoire "quoted" ‘smart’' in text
    assert HOSTILE["position"] in text
    # docxtpl turns a newline into a line break and a tab into a tab: the fast path too.
    body = dict(members(letter))["word/document.xml"].decode()
    assert "Ministerio de Economía" in body
    assert "<w:br/>" in body
    assert "<w:tab/>" in body


def test_split_tags_and_paragraph_blocks_render(samples: dict[str, Path]) -> None:
    prepared = PreparedTemplate(samples["en"], sandbox())
    with_position = paragraph_texts(prepared.render_bytes(sample_context(1, "en")))
    without = paragraph_texts(prepared.render_bytes(sample_context(3, "en", position="")))
    assert "Ref.: CL-21/4" in with_position
    assert "H.E. Minister Number 1" in with_position
    assert "Minister of Communications" in with_position
    assert "Minister of Communications" not in without
    assert not any("{{" in text or "{%" in text for text in with_position)
    assert "High-level policy sessions" in with_position  # the {%tr for %} rows
    assert "International Telecommunication Union · CL-21/4" in with_position  # header


def test_docxtpl_features_match(tmp_path: Path) -> None:
    path = build_features_template(tmp_path / "features.docx")
    context = {
        "items": ["one", "two & three", "four"],
        "flag": True,
        "rich": RichText("bold red", bold=True, color="FF0000"),
        "listing": Listing("first line\nsecond line"),
        "columns": ["a", "b", "c", "d"],
        "span": 2,
        "colour": "FFCC00",
        "rows": [
            {"group": "G1", "value": 1},
            {"group": "G1", "value": 2},
            {"group": "G2", "value": 3},
        ],
        "name": "Ms <Example>",
    }
    letter = assert_same_letter(path, context, sandbox())
    parts = dict(members(letter))
    body = parts["word/document.xml"].decode()
    # Three pictures from one, renumbered as docxtpl does; the table grew to four columns.
    assert re.findall(r'<wp:docPr id="(\d+)"', body) == ["1001", "1002", "1003"]
    assert body.count("<w:gridCol ") >= 4
    # docxtpl renders the title with autoescape and python-docx escapes it again: same here.
    assert (
        b"<dc:title>Letter for Ms &amp;lt;Example&amp;gt;</dc:title>" in parts["docProps/core.xml"]
    )
    assert assert_same_letter(path, {**context, "flag": False, "items": []}, sandbox())


def test_plain_environment_matches_too(samples: dict[str, Path]) -> None:
    env = jinja2.Environment(autoescape=True)
    assert_same_letter(samples["fr"], sample_context(2, "fr"), env)


def test_template_given_as_bytes(samples: dict[str, Path]) -> None:
    env = sandbox()
    context = sample_context(2, "es")
    from_bytes = PreparedTemplate(samples["es"].read_bytes(), env).render_bytes(context)
    assert from_bytes == PreparedTemplate(samples["es"], env).render_bytes(context)


def test_letters_are_deterministic(samples: dict[str, Path]) -> None:
    prepared = PreparedTemplate(samples["ru"], sandbox())
    first = prepared.render_bytes(sample_context(5, "ru"))
    assert prepared.render_bytes(sample_context(5, "ru")) == first
    assert prepared.render_bytes(sample_context(6, "ru")) != first


def test_isal_deflate_holds_the_same_parts(samples: dict[str, Path]) -> None:
    """A letter deflated by ISA-L (``deflate_part``, what ``LetterTemplate`` uses) holds the
    very parts zlib's deflate gives, each read back through its CRC: only the compressed
    bytes differ (issue 20, round 6)."""
    env = sandbox()
    for language in ("en", "ar", "zh"):
        context = sample_context(3, language)
        isal = PreparedTemplate(samples[language], env, deflate=deflate_part)
        made = isal.render_bytes(context)
        by_zlib = PreparedTemplate(samples[language], env, compresslevel=1).render_bytes(context)
        assert made != by_zlib
        assert members(made) == members(by_zlib)
        assert paragraph_texts(made) == paragraph_texts(by_zlib)


def test_illegal_characters_fail_like_docxtpl(samples: dict[str, Path]) -> None:
    # The caller sanitises values; unsanitised, both paths give the same outcome.
    context = sample_context(1, "en", name="bell\a and \x0b vertical tab")
    env = sandbox()
    outcomes = []
    for render in (
        lambda: PreparedTemplate(samples["en"], env).render_bytes(context),
        lambda: docxtpl_bytes(samples["en"], context, env),
    ):
        try:
            outcomes.append(members(render()))
        except Exception as error:
            outcomes.append(type(error))
    assert outcomes[0] == outcomes[1]


def test_sandbox_still_applies(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("{{ ''.__class__.__mro__ }}")
    path = tmp_path / "escape.docx"
    document.save(str(path))
    prepared = PreparedTemplate(path, sandbox())
    with pytest.raises(SecurityError):
        prepared.render_bytes({})
    with pytest.raises(SecurityError):
        docxtpl_bytes(path, {}, sandbox())


def test_missing_field_fails_with_docxtpl_context(samples: dict[str, Path]) -> None:
    context = sample_context(1, "en")
    del context["contact"]["ministry"]
    with pytest.raises(jinja2.UndefinedError, match="ministry") as caught:
        PreparedTemplate(samples["en"], sandbox()).render_bytes(context)
    assert any("{{ contact.ministry }}" in line for line in caught.value.docx_context)


def test_syntax_error_is_raised_when_preparing(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("{% if contact.name %} never closed")
    path = tmp_path / "broken.docx"
    document.save(str(path))
    with pytest.raises(jinja2.TemplateSyntaxError) as caught:
        PreparedTemplate(path, sandbox())
    assert any("never closed" in line for line in caught.value.docx_context)


def test_footnotes_with_tags_are_left_to_docxtpl(tmp_path: Path) -> None:
    path = build_letter_template(tmp_path / "notes.docx")
    with_footnotes(path, "Note for {{ contact.name }}")
    prepared = PreparedTemplate(path, sandbox())
    assert not prepared.supported
    assert "footnotes" in prepared.unsupported_reasons[0]
    with pytest.raises(FastPathUnsupported, match="docxtpl"):
        prepared.render_bytes(sample_context(1))


def test_static_footnotes_are_supported(tmp_path: Path) -> None:
    path = with_footnotes(build_letter_template(tmp_path / "notes.docx"), "A plain note &amp; more")
    assert_same_letter(path, sample_context(1), sandbox())


def test_header_shared_by_two_relationships_is_left_to_docxtpl(tmp_path: Path) -> None:
    path = build_letter_template(tmp_path / "shared.docx")
    with zipfile.ZipFile(path) as archive:
        rels = archive.read("word/_rels/document.xml.rels").decode()
    header = re.search(r'Target="(header\d*\.xml)"', rels)
    assert header is not None
    rewrite_docx(
        path, {"word/_rels/document.xml.rels": add_relationship("header", header[1], "rId91")}
    )
    prepared = PreparedTemplate(path, sandbox())
    assert not prepared.supported
    with pytest.raises(FastPathUnsupported):
        prepared.render_bytes(sample_context(1))


def test_inline_images_in_the_context_are_refused(samples: dict[str, Path]) -> None:
    prepared = PreparedTemplate(samples["en"], sandbox())
    image = InlineImage(DocxTemplate(samples["en"]), io.BytesIO(tiny_png()))
    context = sample_context(1)
    context["contact"]["name"] = image
    with pytest.raises(FastPathUnsupported, match="InlineImage"):
        prepared.render_bytes(context)


def test_undeclared_fields_are_attribute_chains(samples: dict[str, Path]) -> None:
    fields = PreparedTemplate(samples["en"], sandbox()).undeclared_fields()
    assert {"contact.name", "contact.position", "campaign.reference", "campaign.events"} <= fields
    assert "contact.cc" in fields  # used through a filter
    assert not any(field.startswith(("event", "item")) for field in fields)  # loop variables


@pytest.mark.skipif(not REAL_TEMPLATES, reason="the campaign's templates are not on this branch")
@pytest.mark.parametrize("path", REAL_TEMPLATES, ids=lambda p: p.name)
def test_real_templates_match_docxtpl(path: Path) -> None:
    language = path.suffixes[-2].lstrip(".")  # letter.<lang>.docx
    letters = [c for lang, c in campaign_letters(path.parent) if lang == language]
    assert letters, f"no sample contact writes in {language}"
    hostile = letters[0] | {"contact": letters[0]["contact"] | HOSTILE}
    env = sandbox()
    for context in [*letters[:3], hostile]:
        assert_same_letter(path, context, env)


_TEXTS = st.text(alphabet="ab <&\t\a\n\f", max_size=6).map(
    lambda text: text.replace("&", "&amp;").replace("<", "&lt;")
)
_RUN_ITEMS = st.one_of(
    _TEXTS.map(lambda text: f"<w:t>{text}</w:t>"),
    _TEXTS.map(lambda text: f'<w:t xml:space="preserve">{text}</w:t>'),
    st.just("<w:tab/>"),
    st.just('<w:drawing>\n  <wp:inline>\n    <wp:extent cx="1"/>\n  </wp:inline>\n</w:drawing>'),
)
_RUNS = st.lists(_RUN_ITEMS, max_size=3).map(lambda items: "<w:r>" + "".join(items) + "</w:r>")
_PARAGRAPHS = st.lists(_RUNS, max_size=3).map(lambda runs: "<w:p>" + "".join(runs) + "</w:p>")
_BODIES = st.lists(st.one_of(_PARAGRAPHS, st.just("\n"), st.just("<w:tbl>\t</w:tbl>")), max_size=4)


@given(_BODIES)
def test_resolve_listing_is_skipped_only_where_it_changes_nothing(pieces: list[str]) -> None:
    """The fast path skips docxtpl's ``resolve_listing`` when no listing character is in a
    ``<w:t>``'s text (an image's XML has newlines between its elements): exact, never a guess."""
    xml = "".join(pieces)
    if not _needs_listing(xml):
        assert DocxTemplate.resolve_listing(None, xml) == xml


def build_table_template(path: Path) -> Path:
    """A letter whose table has fields and a paragraph block in its cells, but whose rows and
    cells are the template's: docxtpl's fix_tables can be left out (issue 20)."""
    document = docx.Document()
    document.add_paragraph("Dear {{ name }},")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "{{ name }}"
    table.cell(0, 1).text = "{%p if flag %}"
    table.cell(0, 1).add_paragraph("flagged {{ name }}")
    table.cell(0, 1).add_paragraph("{%p endif %}")
    table.cell(1, 0).text = "{{ cell }}"
    document.save(str(path))
    return path


def letters_from_one_preparation(path: Path, contexts: list[dict[str, Any]]) -> PreparedTemplate:
    """Several letters from one PreparedTemplate (the first decides whether fix_tables may be
    left out, the next ones use that), each checked against docxtpl's, part for part."""
    env = sandbox()
    prepared = PreparedTemplate(path, env)
    for context in contexts:
        fast, slow = (
            members(prepared.render_bytes(context)),
            members(docxtpl_bytes(path, context, env)),
        )
        assert fast == slow
    return prepared


def test_static_tables_skip_fix_tables_and_match_docxtpl(tmp_path: Path) -> None:
    path = build_table_template(tmp_path / "table.docx")
    contexts = [{"name": f"N{n} <&>", "flag": n % 2 == 0, "cell": "x" * n} for n in range(4)]
    prepared = letters_from_one_preparation(path, contexts)
    assert prepared._tables_static and prepared._skip_table_fix is True
    # Markup in the context (not the prepared images') could add cells: fix_tables runs.
    extra = Markup("</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>added")
    letters_from_one_preparation(path, [contexts[0], {**contexts[1], "cell": extra}])


def test_a_static_table_fix_tables_repairs_keeps_being_repaired(tmp_path: Path) -> None:
    """A grid with a column no row fills: fix_tables removes it in every letter."""
    grid = re.compile(rb"(<w:tblGrid>)")
    extra_column = rewrite_docx(
        build_table_template(tmp_path / "table.docx"),
        {"word/document.xml": lambda xml: grid.sub(rb'\1<w:gridCol w:w="999"/>', xml, 1)},
    )
    contexts = [{"name": f"N{n}", "flag": True, "cell": "c"} for n in range(3)]
    prepared = letters_from_one_preparation(extra_column, contexts)
    assert prepared._tables_static and prepared._skip_table_fix is False


@pytest.mark.parametrize(
    "cells",
    [
        ("{%tc for c in columns %}", "{{ c }}", "{%tc endfor %}"),  # cells from a loop
        ("{% colspan span %}spanned", ""),  # an attribute from an expression
        ("{{ name|safe }}", ""),  # unescaped markup
    ],
)
def test_tables_that_may_change_keep_fix_tables(tmp_path: Path, cells: tuple[str, ...]) -> None:
    document = docx.Document()
    row = document.add_table(rows=1, cols=len(cells)).rows[0]
    for cell, text in zip(row.cells, cells, strict=True):
        cell.text = text
    document.save(str(tmp_path / "t.docx"))
    context = {"columns": ["a", "b", "c"], "span": 2, "name": "n"}
    prepared = letters_from_one_preparation(tmp_path / "t.docx", [context, context])
    assert not prepared._tables_static


def test_the_shipped_templates_have_static_tables() -> None:
    for path in REAL_TEMPLATES:
        assert PreparedTemplate(path, sandbox())._tables_static, path.name


#: Values the written body must put right per letter (markupsafe's quotes, an element left
#: empty, text that looks like a drawing or an escape) or leave to lxml (docxtpl's listing).
WRITTEN_BODY_VALUES = [
    {"name": "Quotes \" and ' in a name", "cell": "\u2018smart\u2019 & <angle>"},
    {"name": "", "cell": ""},
    {"name": "&#34; &amp; &lt;w:t/&gt; {_{ 1 }_}", "cell": "<w:t></w:t> \ue000 0 \ue001"},
    {"name": "docPr", "cell": '<wp:docPr id="7"/>'},
    {"name": "tab\tin a name", "cell": "line\nbreak"},
]


def test_the_body_is_written_as_python_docx_writes_it(tmp_path: Path) -> None:
    """Once the first letters showed it exact, a static template's body comes from its text
    normalised once, without lxml's parse and serialisation of every letter: docxtpl's bytes
    still, whatever the values."""
    path = build_table_template(tmp_path / "table.docx")
    contexts = [{"flag": n % 2 == 0, **values} for n, values in enumerate(WRITTEN_BODY_VALUES * 3)]
    prepared = letters_from_one_preparation(path, contexts)
    assert prepared._use_written_body is True
    # The written body serves the letters it can: not text that names a drawing (its ids
    # are counted) nor one docxtpl's listing changes; lxml gives those the same bytes.
    served = [prepared._written_body_xml(context) is not None for context in contexts[:5]]
    assert served == [True, True, True, False, False]


def test_a_body_lxml_would_rewrite_per_letter_is_not_written(tmp_path: Path) -> None:
    """A template whose tables may change keeps lxml's round trip for every letter."""
    document = docx.Document()
    document.add_table(rows=1, cols=1).rows[0].cells[0].text = "{{ name|safe }}"
    document.save(str(tmp_path / "t.docx"))
    prepared = letters_from_one_preparation(tmp_path / "t.docx", [{"name": "n"}] * 3)
    assert prepared._written_body is None and prepared._use_written_body is False


def test_listing_characters_beside_an_image_are_counted_exactly() -> None:
    """With a QR code in the letter (an image whose XML has newlines between its elements),
    a letter's newlines are counted instead of searching every text: a value with a newline
    still goes through docxtpl's listing and lxml, and both ways give the same bytes."""
    from circular.letters.render import LetterTemplate

    path = next(p for p in REAL_TEMPLATES if p.name == "letter.fr.docx")
    template = LetterTemplate(path, "fr")
    prepared = template._fast
    assert prepared is not None and prepared._listing_counted
    contexts = [c for lang, c in campaign_letters(path.parent) if lang == "fr"][:3]
    with_images = [template._with_images(c)[0] for c in contexts]
    for context in with_images:
        prepared.render_parts(context)
    assert prepared._use_written_body is True
    plain = with_images[0]
    broken = {**plain, "contact": {**plain["contact"], "name": "two\nlines"}}
    assert prepared._written_body_xml(plain) is not None
    assert prepared._written_body_xml(broken) is None
    for context in (plain, broken):
        written = prepared.render_parts(context)
        prepared._use_written_body = False
        assert prepared.render_parts(context) == written
        prepared._use_written_body = True


@given(st.text(alphabet="{}%_a", max_size=12))
def test_escapes_are_found_by_their_underscore(text: str) -> None:
    from circular.letters.fastdocx import _ESCAPES, _has_escape

    assert _has_escape(text) == any(escaped in text for escaped, _ in _ESCAPES)


_DRAWING_PIECES = st.sampled_from(
    ['<wp:docPr id="7" name="P"/>', '<wp:docPr id="12"><w:t>b</w:t></wp:docPr>', "<w:t>docPr</w:t>",
     '<pic:docPr id="3"/>', '<wp:docPr name="x" id="4"/>', '<wp:docPr id=""/>', "<w:t>a</w:t>"]
)  # fmt: skip


@given(st.lists(_DRAWING_PIECES, max_size=5))
def test_drawings_are_numbered_as_lxml_numbers_them_or_left_to_it(pieces: list[str]) -> None:
    """``_renumber_drawings`` gives lxml's numbering (every ``wp:docPr`` in order from 1001)
    or refuses; it refuses only where some ``docPr`` is not a plain start or end tag."""
    from circular.letters.fastdocx import _renumber_drawings

    xml = "<w:body " + f'xmlns:wp="{WP_NS}" xmlns:pic="urn:p" xmlns:w="{W_NS}">'
    xml += "<w:p/>" + "".join(pieces) + "</w:body>"
    xml = etree.tostring(etree.fromstring(xml), encoding="unicode")  # as lxml writes it
    split = xml.split("docPr")
    plain = {'<wp:docPr id="7" name="P"/>', '<wp:docPr id="12"><w:t>b</w:t></wp:docPr>'}
    plain.add("<w:t>a</w:t>")
    assert _renumber_drawings(split) == (set(pieces) <= plain)
    if set(pieces) <= plain:
        body = etree.fromstring(xml)
        for number, element in enumerate(body.iter(f"{{{WP_NS}}}docPr"), start=1001):
            element.set("id", str(number))
        assert "docPr".join(split) == etree.tostring(body, encoding="unicode")


def _operations(code: Any) -> list[tuple[str, Any]]:
    """What ``code`` does, instruction by instruction: each operation with the value it
    loads or names (a function's code as its own operations, a jump as the number of the
    instruction it goes to). Python's compiler shares equal constants, so two equal chunks
    are one constant in Jinja's code and two in ours: the same operations either way."""
    instructions = [i for i in dis.get_instructions(code) if i.opname != "EXTENDED_ARG"]
    numbers = {instruction.offset: number for number, instruction in enumerate(instructions)}
    operations: list[tuple[str, Any]] = []
    for instruction in instructions:
        value = instruction.argval
        if isinstance(value, type(_operations.__code__)):
            value = _operations(value)
        elif instruction.opcode in dis.hasjrel or instruction.opcode in dis.hasjabs:
            value = numbers[value]
        operations.append((instruction.opname, value))
    return operations


def _same_code(ours: Any, jinjas: Any) -> None:
    assert _operations(ours) == _operations(jinjas)
    assert ours.co_names == jinjas.co_names and ours.co_varnames == jinjas.co_varnames


_CHUNKED_SOURCES = [
    "<w:p>{{ a }}</w:p><w:p>{{ 'folded' }}</w:p>{% if b %}<w:r>{{ b }}</w:r>{% endif %}",
    "{% set kept %}<x>{{ a }}</x>{% endset %}<y>{{ kept }}</y>{% for c in a %}<z/>{% endfor %}",
    "{% macro m(v) %}<m>{{ v }}</m>{% endmacro %}<w:t>{{ m(a) }}</w:t>{% filter upper %}"
    "<f>{{ a }}</f>{% endfilter %}<e>{% autoescape false %}{{ a }}{% endautoescape %}</e>",
]


@pytest.mark.parametrize("source", _CHUNKED_SOURCES)
def test_the_body_compiled_once_is_jinjas_code(source: str) -> None:
    """``_chunked_code`` with each template's own chunks put back (``_with_chunks``) is the
    code Jinja compiles for the tree with those chunks (issue 20: the body and the written
    body from one compile), and the names it notes are Jinja's ``meta``'s."""
    from jinja2 import meta, nodes

    from circular.letters.fastdocx import _chunked_code, _with_chunks
    from circular.letters.render import make_environment

    environment = make_environment()
    tree = environment.parse(source)
    chunks = list(tree.find_all(nodes.TemplateData))
    code, undeclared = _chunked_code(environment, tree)
    assert code is not None
    assert undeclared == meta.find_undeclared_variables(tree)
    _same_code(_with_chunks(code, [chunk.data for chunk in chunks]), environment.compile(tree))
    other = [f"<o n='{number}'>\\ & '{chunk.data}'</o>" for number, chunk in enumerate(chunks)]
    for chunk, text in zip(chunks, other, strict=True):
        chunk.data = text
    _same_code(_with_chunks(code, other), environment.compile(tree))


@pytest.mark.skipif(not REAL_TEMPLATES, reason="the campaign's templates are not on this branch")
@pytest.mark.parametrize("path", REAL_TEMPLATES, ids=lambda p: p.name)
def test_each_real_body_compiled_once_is_jinjas_code(path: Path) -> None:
    """The same for the campaign's bodies, as ``LetterTemplate`` parses and compiles them."""
    from jinja2 import meta, nodes

    from circular.letters.fastdocx import _with_chunks, parse_body
    from circular.letters.render import make_environment

    environment = make_environment()
    template = DocxTemplate(path)
    template.init_docx()
    body = parse_body(environment, template.patch_xml(template.get_xml()))
    assert body.code is not None
    chunks = [chunk.data for chunk in body.tree.find_all(nodes.TemplateData)]
    _same_code(_with_chunks(body.code, chunks), environment.compile(body.tree))
    assert body.undeclared == meta.find_undeclared_variables(body.tree)

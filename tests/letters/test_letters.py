"""Rendering letters: sandboxing, escaping, field checks, safe and valid output, skipping.

These tests use small Word templates made here with python-docx, so that they test the engine
alone; tests of the real CL-21/4 templates follow in test_letters_campaign.py."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from circular.ledger import Contact, Ledger, Letter
from circular.letters.docx_safety import (
    InvalidDocxError,
    UnsafeNameError,
    docx_parts,
    letter_filename,
    safe_output_path,
    sanitize_text,
    validate_docx,
)
from circular.letters.render import (
    ContactError,
    LetterTemplate,
    TemplateFieldError,
    TemplateRenderError,
    check_templates,
    render_campaign,
)


@dataclass
class FakeCampaign:
    """What rendering needs from a campaign, shaped like ``circular.campaign.Campaign``."""

    id: str
    templates: dict[str, Path] = field(default_factory=dict)

    @property
    def languages(self) -> list[str]:
        return list(self.templates)

    def template_path(self, kind: str, language: str) -> Path:
        assert kind == "letter"
        return self.templates[language]


def context_for(campaign: Any, contact: Contact, language: str) -> Mapping[str, Any]:
    """A letter context shaped like the real one: ``contact`` and ``campaign`` mappings."""
    return {
        "contact": {
            "name": contact.name,
            "ministry": contact.ministry,
            "title": contact.title,
            "iso3": contact.iso3,
            **(contact.extra or {}),
        },
        "campaign": {"reference": "CL-21/4", "id": campaign.id},
    }


def make_template(path: Path, paragraphs: list[list[str]]) -> Path:
    """A Word file whose paragraphs are made of the given runs (each string one run, every
    other run bold so that Word would really keep them apart)."""
    document = Document()
    for runs in paragraphs:
        paragraph = document.add_paragraph()
        for index, text in enumerate(runs):
            paragraph.add_run(text).bold = index % 2 == 1
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


def paragraphs_of(path_or_bytes: Path | bytes) -> list[str]:
    source = io.BytesIO(path_or_bytes) if isinstance(path_or_bytes, bytes) else str(path_or_bytes)
    return [p.text for p in Document(source).paragraphs]


def contact(iso3: str = "ESP", language: str = "es", **values: Any) -> Contact:
    values.setdefault("name", "Ana García")
    values.setdefault("ministry", "Ministerio de Asuntos Económicos")
    return Contact(
        campaign="test",
        contact_key=iso3,
        iso3=iso3,
        language=language,
        email="a@example.org",
        cc=[],
        **values,
    )


@pytest.fixture
def templates(tmp_path: Path) -> Path:
    folder = tmp_path / "templates"
    make_template(
        folder / "letter.es.docx",
        [
            ["Ref.: ", "{{ campaign.reference }}"],
            # One tag split across three runs, as Word saves a tag typed in pieces.
            ["Sr./Sra. ", "{{ con", "tact.na", "me }}"],
            ["{{ contact.ministry }}"],
        ],
    )
    make_template(folder / "letter.en.docx", [["Dear ", "{{ contact.name }}"]])
    return folder


@pytest.fixture
def campaign(templates: Path) -> FakeCampaign:
    return FakeCampaign(
        "test",
        {"es": templates / "letter.es.docx", "en": templates / "letter.en.docx"},
    )


def render(campaign: FakeCampaign, contacts: list[Contact], out: Path, **kw: Any) -> Any:
    return render_campaign(campaign, contacts, out, context_for=context_for, **kw)


def test_a_tag_split_across_word_runs_renders(campaign: FakeCampaign, tmp_path: Path) -> None:
    report = render(campaign, [contact(name="Ana García")], tmp_path / "out")
    letter = report.letters[0]
    assert letter.path == tmp_path / "out" / "ESP.es.docx"
    assert paragraphs_of(letter.path) == [
        "Ref.: CL-21/4",
        "Sr./Sra. Ana García",
        "Ministerio de Asuntos Económicos",
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("{{ 7*7 }}", "{{ 7*7 }}"),
        ("{% if true %}x{% endif %}", "{% if true %}x{% endif %}"),
        ("</w:t></w:r><w:r><w:t>injected", "</w:t></w:r><w:r><w:t>injected"),
        ("<w:t>", "<w:t>"),
        ("Trade & Industry <b>", "Trade & Industry <b>"),
        ("a < b > c \" ' &amp;", "a < b > c \" ' &amp;"),
        ("line one\r\nline two\rthree\nfour", "line one line two three four"),
        ("tab\there", "tab here"),
        ("bell\a form\f vt\v nul\x00 esc\x1b c1\x85x\x9b", "bell form vt nul esc c1 x"),
        ("Министерство 外交部 وزارة", "Министерство 外交部 وزارة"),
    ],
)
def test_values_come_out_as_literal_text(
    campaign: FakeCampaign, tmp_path: Path, value: str, expected: str
) -> None:
    report = render(campaign, [contact(ministry=value)], tmp_path / "out")
    assert paragraphs_of(report.letters[0].path)[2] == expected


def test_sanitize_text_keeps_clean_values_as_they_are_and_cleans_the_rest() -> None:
    """The shortcut for clean values (issue 20) changes nothing: for every character of the
    Basic Multilingual Plane, and a CR LF pair, the result is the two substitutions'."""
    from circular.letters.docx_safety import _BREAKS, _ILLEGAL

    for value in [f"a{chr(code)}b" for code in range(0x10000)] + ["a\r\nb\u2028"]:
        assert sanitize_text(value) == _ILLEGAL.sub("", _BREAKS.sub(" ", value)), repr(value)


def test_sanitize_text_keeps_text_and_drops_controls() -> None:
    assert sanitize_text("a\r\nb") == "a b"
    assert sanitize_text("x\ud800y\ufffez") == "xyz"
    assert sanitize_text("Côte d’Ivoire") == "Côte d’Ivoire"


@pytest.mark.parametrize(
    "tag",
    [
        "{{ ''.__class__.__mro__ }}",
        "{{ contact.__class__ }}",
        "{{ contact.name.__class__.__mro__[1].__subclasses__() }}",
    ],
)
@pytest.mark.parametrize("fast", [True, False], ids=["fast", "docxtpl"])
def test_a_template_reaching_python_internals_fails_clearly(
    tmp_path: Path, tag: str, fast: bool
) -> None:
    path = make_template(tmp_path / "evil.es.docx", [["Hello ", tag]])
    template = LetterTemplate(path, "es", fast=fast)
    assert template.fast is fast
    with pytest.raises(TemplateRenderError) as caught:
        template.render({"contact": {"name": "x"}})
    message = str(caught.value)
    assert str(path) in message
    assert "Python internals" in message
    assert "__class__" in message


def test_check_templates_flags_python_internals(tmp_path: Path) -> None:
    path = make_template(tmp_path / "evil.es.docx", [["{{ ''.__class__.__mro__ }}"]])
    problems = check_templates(FakeCampaign("t", {"es": path}), ["name"], context_for=context_for)
    assert [p.field for p in problems] == ["__class__", "__mro__"]
    assert all(str(path) in str(p) for p in problems)


def test_a_missing_field_fails_before_any_letter_is_rendered(
    campaign: FakeCampaign, tmp_path: Path
) -> None:
    bad = make_template(
        tmp_path / "bad.en.docx",
        [["Dear ", "{{ contact.na", "me }}"], ["{{ contact.favourite", "_colour }}"]],
    )
    campaign.templates["en"] = bad
    out = tmp_path / "out"
    # The good Spanish letter comes first in the batch: it must not be written either.
    contacts = [contact("ESP", "es"), contact("GBR", "en", name="Jane Doe")]
    with pytest.raises(TemplateFieldError) as caught:
        render(campaign, contacts, out)
    problems = caught.value.problems
    assert [(p.template, p.part, p.field) for p in problems] == [
        (str(bad), "body", "contact.favourite_colour")
    ]
    assert "contact.favourite_colour" in str(caught.value)
    assert not out.exists() or list(out.iterdir()) == []


def test_check_templates_knows_which_contact_columns_exist(campaign: FakeCampaign) -> None:
    # Contacts without a ministry column: the Spanish template's {{ contact.ministry }} fails.
    problems = check_templates(campaign, ["name", "title"], context_for=context_for)
    assert [(Path(p.template).name, p.field) for p in problems] == [
        ("letter.es.docx", "contact.ministry")
    ]
    assert check_templates(campaign, ["name", "ministry"], context_for=context_for) == []


def test_extra_contact_fields_are_available(tmp_path: Path) -> None:
    path = make_template(tmp_path / "x.es.docx", [["{{ contact.delegation }}"]])
    campaign = FakeCampaign("t", {"es": path})
    assert check_templates(campaign, ["name"], context_for=context_for) != []
    assert check_templates(campaign, ["name", "delegation"], context_for=context_for) == []
    report = render(
        campaign, [contact(extra={"delegation": "Misión Permanente"})], tmp_path / "out"
    )
    assert paragraphs_of(report.letters[0].path) == ["Misión Permanente"]


def test_an_unchanged_letter_is_skipped(
    campaign: FakeCampaign, tmp_path: Path, ledger: Ledger
) -> None:
    with ledger.session() as session:
        session.add_all([contact("ESP", "es"), contact("GBR", "en", name="Jane Doe")])
    with ledger.session() as session:
        contacts = list(session.scalars(select(Contact).order_by(Contact.iso3)))
    out = tmp_path / "out"

    first = render(campaign, contacts, out, ledger=ledger)
    assert (first.rendered, first.skipped) == (2, 0)
    with ledger.session() as session:
        rows = {row.contact_id: row for row in session.scalars(select(Letter))}
    assert {Path(row.path).name for row in rows.values()} == {"ESP.es.docx", "GBR.en.docx"}
    for letter in first.letters:
        import hashlib

        assert hashlib.sha256(letter.path.read_bytes()).hexdigest() == letter.sha256
    mtime = (out / "ESP.es.docx").stat().st_mtime_ns

    second = render(campaign, contacts, out, ledger=ledger)
    assert (second.rendered, second.skipped) == (0, 2)
    assert (out / "ESP.es.docx").stat().st_mtime_ns == mtime

    # A changed contact is rendered again; so is a letter whose file was deleted.
    contacts[0].ministry = "Ministerio de Industria"
    (out / "GBR.en.docx").unlink()
    third = render(campaign, contacts, out, ledger=ledger)
    assert {(x.iso3, x.skipped) for x in third.letters} == {("ESP", False), ("GBR", False)}
    assert paragraphs_of(out / "ESP.es.docx")[2] == "Ministerio de Industria"

    # A changed template is rendered again too.
    make_template(campaign.templates["en"], [["Dear ", "{{ contact.name }}", "!"]])
    fourth = render(campaign, contacts, out, ledger=ledger)
    assert {(x.iso3, x.skipped) for x in fourth.letters} == {("ESP", True), ("GBR", False)}


def test_validation_catches_a_corrupt_part(campaign: FakeCampaign, tmp_path: Path) -> None:
    data = LetterTemplate(campaign.templates["en"], "en").render({"contact": {"name": "A"}})
    validate_docx(data, "good")  # sound as rendered

    def rewrite(part: str, content: bytes) -> bytes:
        source = zipfile.ZipFile(io.BytesIO(data))
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as target:
            for item in source.infolist():
                target.writestr(item, content if item.filename == part else source.read(item))
        return buffer.getvalue()

    broken = rewrite("word/document.xml", b"<w:document><w:body></w:document>")
    with pytest.raises(InvalidDocxError, match=r"ESP\.es\.docx: part word/document\.xml"):
        validate_docx(broken, "ESP.es.docx")
    # Parts known good (the template's) are not parsed again, but a changed part still is.
    with pytest.raises(InvalidDocxError, match=r"part word/document\.xml"):
        validate_docx(broken, "ESP.es.docx", known_good=docx_parts(data))
    broken_styles = rewrite("word/styles.xml", b"<w:styles>")
    with pytest.raises(InvalidDocxError, match=r"part word/styles\.xml"):
        validate_docx(broken_styles, "ESP.es.docx", known_good=docx_parts(data))
    with pytest.raises(InvalidDocxError, match="not a zip"):
        validate_docx(data[: len(data) // 2], "half.docx")
    truncated_crc = bytearray(data)
    # Flip a byte inside the first stored member's data: the CRC check must catch it.
    offset = data.index(b"PK\x03\x04") + 30 + len("[Content_Types].xml") + 5
    truncated_crc[offset] ^= 0xFF
    with pytest.raises(InvalidDocxError):
        validate_docx(bytes(truncated_crc), "flipped.docx")

    # A structure python-docx has opened is not opened again; every part is still checked,
    # and a letter whose relationships differ is opened again (and refused when unsound).
    opened: set[str] = set()
    validate_docx(data, "first", docx_parts(data), opened)
    assert len(opened) == 1
    validate_docx(data, "second", docx_parts(data), opened)
    assert len(opened) == 1
    with pytest.raises(InvalidDocxError, match=r"part word/document\.xml"):
        validate_docx(broken, "ESP.es.docx", docx_parts(data), opened)
    rels = zipfile.ZipFile(io.BytesIO(data)).read("word/_rels/document.xml.rels")
    dangling = rels.replace(
        b"</Relationships>",
        b'<Relationship Id="rId999" Type="http://schemas.openxmlformats.org/officeDocument/'
        b'2006/relationships/image" Target="media/missing.png"/></Relationships>',
    )
    with pytest.raises(InvalidDocxError, match="python-docx cannot open it"):
        validate_docx(rewrite("word/_rels/document.xml.rels", dangling), "X.docx", None, opened)
    assert len(opened) == 1


@pytest.mark.parametrize(
    ("iso3", "language"),
    [
        ("../../etc/passwd", "es"),
        ("ES", "es"),
        ("esp", "es"),
        ("ESP/", "es"),
        ("E.P", "es"),
        ("ESP", "../x"),
        ("ESP", "e"),
        ("ESP", "ES"),
    ],
)
def test_file_names_cannot_be_injected(iso3: str, language: str) -> None:
    with pytest.raises(UnsafeNameError):
        letter_filename(iso3, language)


def test_output_paths_stay_in_the_folder(tmp_path: Path) -> None:
    assert letter_filename("ESP", "es") == "ESP.es.docx"
    assert letter_filename("ESP", "es", 12) == "ESP.12.es.docx"
    for name in ("../ESP.es.docx", "a/b.docx", "..", ""):
        with pytest.raises(UnsafeNameError):
            safe_output_path(tmp_path, name)


def test_a_bad_contact_stops_the_batch_before_writing(
    campaign: FakeCampaign, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    with pytest.raises(ContactError, match=r"not an ISO 3166"):
        render(campaign, [contact("ESP"), contact("../../evil")], out)
    with pytest.raises(ContactError, match=r"^contact 'XYZ': no ITU Member State has"):
        render(campaign, [contact("ESP"), contact("XYZ")], out)
    with pytest.raises(ContactError, match=r"no template for language 'de'"):
        render(campaign, [contact("ESP"), contact("DEU", "de")], out)
    with pytest.raises(ContactError, match=r"second letter named ESP\.es\.docx"):
        render(campaign, [contact("ESP"), contact("ESP")], out)
    assert not out.exists()


def test_no_half_files_are_left(campaign: FakeCampaign, tmp_path: Path) -> None:
    out = tmp_path / "out"
    render(campaign, [contact("ESP"), contact("GBR", "en")], out)
    assert sorted(p.name for p in out.iterdir()) == ["ESP.es.docx", "GBR.en.docx"]


def test_check_templates_reports_syntax_errors_and_broken_files(tmp_path: Path) -> None:
    syntax = make_template(tmp_path / "syntax.es.docx", [["{{ contact.name ", "}} {% if %}"]])
    broken = tmp_path / "broken.en.docx"
    broken.write_bytes(b"this is not a Word file")
    campaign = FakeCampaign("t", {"es": syntax, "en": broken})
    problems = check_templates(campaign, ["name"], context_for=context_for)
    assert [(Path(p.template).name, p.part) for p in problems] == [
        ("broken.en.docx", "file"),
        ("syntax.es.docx", "body"),
    ]
    assert "not a zip archive" in problems[0].message
    assert "syntax error" in problems[1].message
    with pytest.raises(TemplateFieldError, match="syntax error"):
        render(campaign, [contact("ESP")], tmp_path / "out")
    assert not (tmp_path / "out").exists()


# docxtpl turns "{_{", "}_}", "{_%" and "%_}" in its output into "{{", "}}", "{%" and "%}" (its
# escape for literal tags): the one place a value is not kept character for character.
_DOCXTPL_ESCAPES = ("{_{", "}_}", "{_%", "%_}")


@pytest.mark.parametrize("fast", [True, False], ids=["fast", "docxtpl"])
@settings(max_examples=30, deadline=None)
@given(value=st.text(max_size=40))
def test_any_value_comes_out_as_its_sanitised_text(
    tmp_path_factory: pytest.TempPathFactory, fast: bool, value: str
) -> None:
    assume(not any(escape in value for escape in _DOCXTPL_ESCAPES))
    folder = tmp_path_factory.mktemp("any")
    path = make_template(folder / "t.es.docx", [["[", "{{ contact.ministry }}", "]"]])
    data = LetterTemplate(path, "es", fast=fast).render({"contact": {"ministry": value}})
    validate_docx(data, "letter")
    assert paragraphs_of(data) == [f"[{sanitize_text(value)}]"]


def test_fast_path_and_docxtpl_give_the_same_letter(campaign: FakeCampaign) -> None:
    context = {
        "campaign": {"reference": "CL-21/4"},
        "contact": {"name": "{{ 7*7 }} <w:t> & <", "ministry": "a\r\nb\x07c\x0cd\te"},
    }
    fast = LetterTemplate(campaign.templates["es"], "es")
    slow = LetterTemplate(campaign.templates["es"], "es", fast=False)
    assert (fast.fast, slow.fast) == (True, False)
    assert (
        docx_parts(fast.render(context))["word/document.xml"]
        == (docx_parts(slow.render(context))["word/document.xml"])
    )
    assert paragraphs_of(fast.render(context))[1:] == [
        "Sr./Sra. {{ 7*7 }} <w:t> & <",
        "a bcd e",
    ]


def test_a_letter_is_written_whole_for_its_owner_only(tmp_path: Path) -> None:
    from circular.letters.docx_safety import write_atomically

    letter = tmp_path / "new folder" / "FRA.fr.docx"
    write_atomically(letter, b"first", durable=False)  # makes its folder
    write_atomically(letter, b"second")
    assert letter.read_bytes() == b"second"
    assert letter.stat().st_mode & 0o777 == 0o600  # letters hold personal links
    with pytest.raises(TypeError):
        write_atomically(letter, "not bytes")  # type: ignore[arg-type]
    assert letter.read_bytes() == b"second"  # the old letter, whole
    assert [p.name for p in letter.parent.iterdir()] == ["FRA.fr.docx"]  # no temporary left


def test_a_new_letter_is_written_in_place_and_an_old_one_replaced_whole(tmp_path: Path) -> None:
    """write_letter (issue 20): a new name is written without a temporary file; one already
    there is replaced whole; a failed write leaves no part of a letter."""
    from circular.letters.docx_safety import write_letter

    letter = tmp_path / "new folder" / "FRA.fr.docx"
    write_letter(letter, b"first")  # makes its folder
    assert letter.read_bytes() == b"first"
    assert letter.stat().st_mode & 0o777 == 0o600
    write_letter(letter, b"second")
    assert letter.read_bytes() == b"second"
    with pytest.raises(TypeError):
        write_letter(letter, "not bytes")  # type: ignore[arg-type]
    assert letter.read_bytes() == b"second"  # the old letter, whole
    fresh = letter.with_name("ESP.es.docx")
    with pytest.raises(TypeError):
        write_letter(fresh, "not bytes")  # type: ignore[arg-type]
    assert [p.name for p in letter.parent.iterdir()] == ["FRA.fr.docx"]  # nothing half written
    link = letter.with_name("GBR.en.docx")
    link.symlink_to(tmp_path / "elsewhere.docx")
    write_letter(link, b"third")  # replaces the link itself, never writes through it
    assert not (tmp_path / "elsewhere.docx").exists()


def test_the_inputs_hash_reuses_the_campaigns_json_and_only_while_it_is_equal(
    tmp_path: Path,
) -> None:
    """The JSON hashed for a letter is ``json.dumps`` of its context whatever was hashed
    before it: a campaign part equal to the last one reuses its text, a changed one (even
    the same dict changed in place, or a value equal but written otherwise) does not."""
    from circular.letters import render as render_module

    document = Document()
    document.add_paragraph("{{ contact.name }} {{ campaign.title }}")
    document.save(str(tmp_path / "t.docx"))
    template = LetterTemplate(tmp_path / "t.docx", "en")
    campaign = {"title": "CL-21/4", "events": {"forum": {"start": "1 May"}}}
    contexts = [
        {"contact": {"name": "A"}, "campaign": campaign, "language": "en"},
        {"contact": {"name": "B"}, "campaign": dict(campaign), "language": "en"},
    ]
    campaign["title"] = "changed in place"
    contexts.append({"contact": {"name": "A"}, "campaign": campaign, "language": "en"})
    contexts.append({"contact": {"name": "A"}, "campaign": {"title": 1}, "language": "en"})
    contexts.append({"contact": {"name": "A"}, "campaign": {"title": True}, "language": "en"})
    contexts.append({"z": "last", "contact": {"name": "é"}, "campaign": {"title": "x"}})
    for context in contexts * 2:
        assert template._context_json(context) == render_module._context_json(context)


@pytest.mark.parametrize(
    "source",
    [
        "{{ contact.name }}",
        "{{ contact.items }}",  # a dict's method, not the key
        "{% for k, v in contact.items() %}{{ k }}={{ v }};{% endfor %}",
        "{{ contact.missing }}",
        "{{ contact.__class__ }}",
        "{{ contact.nested.deeper }}",
        "{{ contact.get('name') }}",
    ],
)
def test_the_sandbox_reads_a_dicts_fields_as_jinjas_sandbox_does(source: str) -> None:
    """``jinja_sandbox`` looks a plain dict's fields up first (issue 20): the same value,
    error or refusal as Jinja's own sandbox for every name."""
    context = {"contact": {"name": "N", "items": "a key named items", "nested": {"deeper": 1}}}
    ours, jinjas = _rendered_by_both_sandboxes(source, context)
    assert ours == jinjas


def _rendered_by_both_sandboxes(source: str, context: dict[str, Any]) -> list[str]:
    """``source`` rendered (or its error) by ``jinja_sandbox`` and by Jinja's own sandbox."""
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    from circular.letters.jinja_sandbox import sandboxed_environment

    outcomes = []
    for environment in (
        sandboxed_environment(autoescape=True),
        SandboxedEnvironment(autoescape=True, undefined=StrictUndefined),
    ):
        try:
            outcomes.append(environment.from_string(source).render(context))
        except Exception as error:
            outcomes.append(f"{type(error).__name__}: {error}")
    return outcomes


@pytest.mark.parametrize(
    "source",
    [
        "{{ value }}|{{ number }}|{{ day }}|{{ markup }}",
        "{% set kept %}<{{ value }}>{% endset %}{{ kept }}|{{ kept|length }}",
        "{% macro m(v) %}[{{ v }}]{% endmacro %}{{ m(value) }}{{ m(markup) }}",
        "{% filter upper %}{{ value }}{% endfilter %}",
        "{{ value|e }}{{ value|safe }}{{ (value ~ markup) }}",
        "{% autoescape false %}{{ value }}{% endautoescape %}{{ value }}",
        "{% for c in value %}{{ c }}{% endfor %}",
        "{{ missing }}",
    ],
)
def test_the_sandbox_escapes_as_markupsafe_does(source: str) -> None:
    """``jinja_sandbox.text_escape`` (issue 20) puts out the text Jinja's own autoescaping
    does, in blocks, macros, filters and ``autoescape`` blocks alike."""
    import datetime

    from markupsafe import Markup, escape

    from circular.letters.jinja_sandbox import text_escape

    value = "<w:t>Tom & \"Jerry\" 'O'Neil' \u00e9\u4e2d</w:t>"
    context = {"value": value, "number": 3, "day": datetime.date(2026, 12, 7)}
    context["markup"] = Markup("<w:br/>")
    ours, jinjas = _rendered_by_both_sandboxes(source, context)
    assert ours == jinjas
    assert text_escape(value) == str(escape(value))
    assert type(text_escape(value)) is str

"""Letters of the real CL-21/4 campaign: its campaign.yaml, its letter context and (where they
exist) its six Word templates, through the domain function and the CLI."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from docx import Document
from typer.testing import CliRunner

from circular.campaign import load_campaign
from circular.cli import _register, app
from circular.countries import member_states
from circular.ledger import Contact, Ledger, Letter
from circular.letters.render import check_templates, render_campaign
from circular.settings import get_settings

ROOT = Path(__file__).resolve().parents[2]
CAMPAIGN = ROOT / "letters" / "cl-21-4"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

# The letter's date (3 February 2021) as each language writes it.
DATES = {
    "ar": "3 فبراير 2021",
    "en": "3 February 2021",
    "es": "3 de febrero de 2021",
    "fr": "3 février 2021",
    "ru": "3 февраля 2021 года",
    "zh": "2021年2月3日",
}
# UNTERM short names of the Russian Federation, written out here rather than read from the
# shipped data, so that a wrong table cannot pass.
RUSSIA = {
    "ar": "الاتحاد الروسي",
    "en": "Russian Federation",
    "es": "Federación de Rusia",
    "fr": "Fédération de Russie",
    "ru": "Российская Федерация",
    "zh": "俄罗斯联邦",
}

runner = CliRunner()
_register()


def text_of(path: Path) -> str:
    document = Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


@pytest.fixture
def small_campaign(tmp_path: Path) -> Path:
    """The real campaign.yaml with small templates of its own, one per language."""
    folder = tmp_path / "cl-21-4"
    folder.mkdir()
    shutil.copy(CAMPAIGN / "campaign.yaml", folder / "campaign.yaml")
    for text in CAMPAIGN.glob("*.txt"):  # the e-mail, reminder and acknowledgement texts
        shutil.copy(text, folder / text.name)
    for language in DATES:
        document = Document()
        document.add_paragraph("{{ campaign.place }}, {{ campaign.date }}")
        document.add_paragraph("{{ contact.country }}")
        document.add_paragraph("{{ contact.salutation }}")
        document.add_paragraph("{{ contact.name }} {{ contact.ministry }}")
        document.save(str(folder / f"letter.{language}.docx"))
    return folder


def write_csv(path: Path, rows: list[tuple[str, str, str]]) -> Path:
    lines = ["country,language,email,name,ministry"]
    lines += [
        f"{iso3},{lang},m{i}@example.org,{name},Ministry"
        for i, (iso3, lang, name) in enumerate(rows)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("language", sorted(DATES))
def test_dates_and_country_names_in_six_languages(
    small_campaign: Path, tmp_path: Path, language: str
) -> None:
    campaign = load_campaign(small_campaign, check_templates=False)
    contact = Contact(
        campaign="cl-21-4",
        contact_key="RUS",
        iso3="RUS",
        language=language,
        email="a@example.org",
        cc=[],
        name="A",
        title="",
        salutation="",
        position="",
        ministry="M",
        extra={},
    )
    report = render_campaign(campaign, [contact], tmp_path / "out")
    paragraphs = [p.text for p in Document(str(report.letters[0].path)).paragraphs]
    assert paragraphs[0].endswith(DATES[language])
    assert paragraphs[1] == RUSSIA[language]


def test_cli_renders_from_a_csv(small_campaign: Path, tmp_path: Path) -> None:
    contacts = write_csv(
        tmp_path / "c.csv", [("ESP", "es", "Ana"), ("FRA", "fr", "Luc"), ("CHN", "zh", "Li")]
    )
    out = tmp_path / "out"
    result = runner.invoke(
        app,
        [
            "render",
            "--campaign",
            str(small_campaign),
            "--contacts",
            str(contacts),
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "3 letters" in result.output
    assert sorted(p.name for p in out.iterdir()) == ["CHN.zh.docx", "ESP.es.docx", "FRA.fr.docx"]
    assert "España" in text_of(out / "ESP.es.docx")
    assert "中国" in text_of(out / "CHN.zh.docx")


def test_cli_render_refuses_a_bad_csv_with_intakes_report(
    small_campaign: Path, tmp_path: Path
) -> None:
    contacts = tmp_path / "c.csv"
    contacts.write_text("country,email\nNarnia,a@example.org\n", encoding="utf-8")
    result = runner.invoke(
        app,
        [
            "render",
            "--campaign",
            str(small_campaign),
            "--contacts",
            str(contacts),
            "--out",
            str(tmp_path / "out"),
        ],
    )
    assert result.exit_code == 2
    assert "Narnia" in result.output
    assert "row 2" in result.output.lower() or "Row 2" in result.output
    assert not (tmp_path / "out").exists()


def test_cli_check_templates_lists_fields_and_missing_columns(
    small_campaign: Path, tmp_path: Path
) -> None:
    contacts = tmp_path / "c.csv"
    contacts.write_text("country,email,name\nESP,a@example.org,Ana\n", encoding="utf-8")
    result = runner.invoke(
        app, ["check-templates", "--campaign", str(small_campaign), "--contacts", str(contacts)]
    )
    # The templates use contact.ministry; this file has no ministry column.
    assert result.exit_code == 1
    assert "campaign.date" in result.output
    assert "contact.country" in result.output
    assert result.output.count("'contact.ministry', which the contacts do not have") == 6
    full = write_csv(tmp_path / "full.csv", [("ESP", "es", "Ana")])
    result = runner.invoke(
        app, ["check-templates", "--campaign", str(small_campaign), "--contacts", str(full)]
    )
    assert result.exit_code == 0, result.output


def test_cli_render_stops_on_a_missing_field_before_writing(
    small_campaign: Path, tmp_path: Path
) -> None:
    contacts = tmp_path / "c.csv"
    contacts.write_text("country,email,name\nESP,a@example.org,Ana\n", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(
        app,
        [
            "render",
            "--campaign",
            str(small_campaign),
            "--contacts",
            str(contacts),
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 1
    assert "contact.ministry" in result.output
    assert not out.exists()


@pytest.fixture
def fresh_settings() -> Iterator[None]:
    """Settings read afresh from the (patched) environment, and forgotten afterwards."""
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.mark.usefixtures("fresh_settings")
def test_cli_renders_the_ledger_contacts_and_records_them(
    small_campaign: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'ledger.sqlite3'}"
    monkeypatch.setenv("CIRCULAR_DATABASE_URL", url)
    ledger = Ledger(url)
    states = member_states()[:5]
    with ledger.session() as session:
        for country in states:
            session.add(
                Contact(
                    campaign="cl-21-4",
                    contact_key=country.iso3,
                    iso3=country.iso3,
                    language=country.language,
                    email=f"{country.iso3}@example.org",
                    ministry="Ministry",
                )
            )
    # No --out: the letters go to CIRCULAR_OUT_DIR/<campaign id>.
    monkeypatch.setenv("CIRCULAR_OUT_DIR", str(tmp_path / "out"))
    args = ["render", "--campaign", str(small_campaign)]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    assert "5 rendered, 0 unchanged" in first.output
    assert sorted(p.name for p in (tmp_path / "out" / "cl-21-4").iterdir()) == sorted(
        f"{c.iso3}.{c.language}.docx" for c in states
    )
    second = runner.invoke(app, args)
    assert "0 rendered, 5 unchanged" in second.output
    with ledger.session() as session:
        assert session.query(Letter).count() == 5
    ledger.dispose()


def test_preview_without_libreoffice_says_how_to_install_it(
    small_campaign: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    contacts = write_csv(tmp_path / "c.csv", [("ESP", "es", "Ana")])
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    result = runner.invoke(
        app,
        [
            "preview",
            "--campaign",
            str(small_campaign),
            "--contacts",
            str(contacts),
            "--country",
            "ESP",
            "--out",
            str(tmp_path / "p"),
            "--pdf",
        ],
    )
    assert result.exit_code == 2
    assert "LibreOffice is not installed" in result.output
    assert "apt-get install" in result.output
    # The DOCX itself was still made.
    assert (tmp_path / "p" / "ESP.es.docx").is_file()


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_preview_makes_a_pdf(small_campaign: Path, tmp_path: Path) -> None:
    contacts = write_csv(tmp_path / "c.csv", [("ESP", "es", "Ana")])
    result = runner.invoke(
        app,
        [
            "preview",
            "--campaign",
            str(small_campaign),
            "--contacts",
            str(contacts),
            "--country",
            "esp",
            "--out",
            str(tmp_path / "p"),
            "--png",
        ],
    )
    assert result.exit_code == 0, result.output
    pdf = tmp_path / "p" / "ESP.es.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    from pypdf import PdfReader

    assert "Federación de Rusia" not in PdfReader(str(pdf)).pages[0].extract_text()
    assert "España" in PdfReader(str(pdf)).pages[0].extract_text()
    if shutil.which("pdftoppm"):
        assert (tmp_path / "p" / "ESP.es.png").read_bytes().startswith(b"\x89PNG")


# --------------------------------------------------------------------------- real templates

REAL_TEMPLATES = all((CAMPAIGN / f"letter.{lang}.docx").is_file() for lang in DATES)
needs_real = pytest.mark.skipif(not REAL_TEMPLATES, reason="the CL-21/4 templates are not here")


@needs_real
def test_the_real_templates_check_clean_against_ledger_fields() -> None:
    campaign = load_campaign(CAMPAIGN, check_templates=False)
    from circular.letters.render import CONTACT_FIELDS

    assert check_templates(campaign, CONTACT_FIELDS) == []


@needs_real
@pytest.mark.parametrize("language", sorted(DATES))
def test_the_real_letters_have_dates_and_country_names(tmp_path: Path, language: str) -> None:
    campaign = load_campaign(CAMPAIGN, check_templates=False)
    contact = Contact(
        campaign="cl-21-4",
        contact_key="RUS",
        iso3="RUS",
        language=language,
        email="a@example.org",
        cc=[],
        name="Name",
        title="",
        salutation="",
        position="P",
        ministry="M",
        extra={},
    )
    report = render_campaign(campaign, [contact], tmp_path / "out")
    text = text_of(report.letters[0].path)
    assert DATES[language] in text
    assert RUSSIA[language] in text
    if language == "ar":
        body = Document(str(report.letters[0].path)).element.body
        paragraphs = [p for p in body.iter(f"{W}p") if "".join(p.itertext()).strip()]
        styles = Document(str(report.letters[0].path)).styles.element
        # Every paragraph with text is right-to-left, by its own properties or its style's.
        bidi_styles = {
            s.get(f"{W}styleId")
            for s in styles.iter(f"{W}style")
            if s.find(f"{W}pPr/{W}bidi") is not None
        }
        for paragraph in paragraphs:
            own = paragraph.find(f"{W}pPr/{W}bidi") is not None
            style = paragraph.find(f"{W}pPr/{W}pStyle")
            styled = style is not None and style.get(f"{W}val") in bidi_styles
            default = styles.find(f"{W}docDefaults/{W}pPrDefault/{W}pPr/{W}bidi") is not None
            assert own or styled or default, "".join(paragraph.itertext())


@needs_real
def test_the_real_templates_take_the_fast_path_with_docxtpls_text(tmp_path: Path) -> None:
    from circular.letters.context import docx_letter_context
    from circular.letters.render import LetterTemplate, letter_templates

    campaign = load_campaign(CAMPAIGN, check_templates=False)
    for language, path in letter_templates(campaign).items():
        contact = Contact(
            campaign="cl-21-4",
            contact_key="FRA",
            iso3="FRA",
            language=language,
            email="a@example.org",
            cc=[],
            name="Nom & <Prénom>",
            title="",
            salutation="",
            position="P",
            ministry="M",
            extra={},
        )
        context = docx_letter_context(campaign, contact, language)
        fast = LetterTemplate(path, language)
        assert fast.fast, language
        slow = LetterTemplate(path, language, fast=False)
        fast_letter, slow_letter = tmp_path / "fast.docx", tmp_path / "slow.docx"
        fast_letter.write_bytes(fast.render(context))
        slow_letter.write_bytes(slow.render(context))
        assert text_of(fast_letter) == text_of(slow_letter)
        assert "Nom & <Prénom>" in text_of(fast_letter)

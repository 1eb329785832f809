"""What templates see: dates in six languages, salutations, country names, and the shipped
templates rendered with it."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docxtpl import DocxTemplate
from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from circular.campaign import LANGUAGES, Campaign, load_campaign
from circular.ledger import Contact
from circular.letters.context import (
    SALUTATIONS,
    docx_letter_context,
    letter_context,
    salutation_for,
)
from circular.letters.dates import format_day, format_span
from circular.settings import PROJECT_ROOT

SHIPPED = PROJECT_ROOT / "letters" / "cl-21-4"


@pytest.fixture(scope="module")
def campaign() -> Campaign:
    return load_campaign(SHIPPED)


SPAIN = {"iso3": "ESP", "name": "María López", "email": "ministra@mineco.gob.example"}

# The letter's date, the deadline and the two event spans as each language writes them.
EXPECTED = {
    "es": ("3 de febrero de 2021", "1 de marzo de 2021", "17–21 de mayo de 2021",
           "del 17 al 21 de mayo de 2021", "del 22 al 26 de marzo de 2021", "enero"),
    "en": ("3 February 2021", "1 March 2021", "17–21 May 2021",
           "from 17 to 21 May 2021", "from 22 to 26 March 2021", "January"),
    "fr": ("3 février 2021", "1er mars 2021", "17–21 mai 2021",
           "du 17 au 21 mai 2021", "du 22 au 26 mars 2021", "janvier"),
    "ru": ("3 февраля 2021 года", "1 марта 2021 года", "17–21 мая 2021 года",
           "с 17 по 21 мая 2021 года", "с 22 по 26 марта 2021 года", "января"),
    "zh": ("2021年2月3日", "2021年3月1日", "2021年5月17日至21日",
           "2021年5月17日至21日", "2021年3月22日至26日", "1月"),
    "ar": ("3 فبراير 2021", "1 مارس 2021", "17-21 مايو 2021",
           "من 17 إلى 21 مايو 2021", "من 22 إلى 26 مارس 2021", "يناير"),
}  # fmt: skip


@pytest.mark.parametrize("language", LANGUAGES)
def test_dates_are_written_the_way_the_language_writes_them(
    campaign: Campaign, language: str
) -> None:
    letter, deadline, final_range, final_from_to, high_from_to, opening = EXPECTED[language]
    fields = letter_context(campaign, SPAIN, language)["campaign"]
    assert fields["date"] == letter
    assert fields["deadline"] == deadline
    assert fields["events"]["final_week"]["range"] == final_range
    assert fields["events"]["final_week"]["from_to"] == final_from_to
    assert fields["events"]["high_level"]["from_to"] == high_from_to
    assert fields["events"]["opening"]["month"] == opening


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("es", "28 de febrero – 3 de marzo de 2021"),
        ("en", "28 February – 3 March 2021"),
        ("fr", "28 février – 3 mars 2021"),
        ("ru", "28 февраля – 3 марта 2021 года"),
        ("zh", "2021年2月28日至3月3日"),
        ("ar", "28 فبراير - 3 مارس 2021"),
    ],
)
def test_spans_across_months(language: str, expected: str) -> None:
    assert format_span(date(2021, 2, 28), date(2021, 3, 3), language) == expected


def test_spans_across_years_and_single_days() -> None:
    assert format_span(date(2021, 12, 30), date(2022, 1, 2), "en") == (
        "30 December 2021 – 2 January 2022"
    )
    assert format_span(date(2021, 12, 30), date(2022, 1, 2), "es", from_to=True) == (
        "del 30 de diciembre de 2021 al 2 de enero de 2022"
    )
    assert format_span(date(2021, 5, 17), date(2021, 5, 17), "ru") == format_day(
        date(2021, 5, 17), "ru"
    )
    with pytest.raises(ValueError, match="before it starts"):
        format_span(date(2021, 5, 21), date(2021, 5, 17), "en")
    with pytest.raises(ValueError, match="no date patterns for language 'de'"):
        format_day(date(2021, 5, 17), "de")


def test_arabic_spans_keep_their_numbers_in_order() -> None:
    # An en dash between two numbers lets a right-to-left line show "21–17"; the hyphen-minus
    # keeps "17-21" together.
    span = format_span(date(2021, 5, 17), date(2021, 5, 21), "ar")
    assert "–" not in span
    assert re.search(r"17-21", span)


@pytest.mark.parametrize("language", LANGUAGES)
def test_unknown_gender_gets_the_neutral_salutation(campaign: Campaign, language: str) -> None:
    contact = letter_context(campaign, SPAIN, language)["contact"]
    assert contact["salutation"] == SALUTATIONS[language][0]


def test_neutral_spanish_salutation_is_the_seed_letters(campaign: Campaign) -> None:
    assert letter_context(campaign, SPAIN, "es")["contact"]["salutation"] == (
        "Muy Señora mía/Muy Señor mío"
    )


@pytest.mark.parametrize(
    ("language", "marker", "expected"),
    [
        ("es", "Sra.", "Muy Señora mía"),
        ("es", "Sr.", "Muy Señor mío"),
        ("es", "Mr", "Muy Señor mío"),
        ("en", "Ms", "Dear Madam"),
        ("en", "Mrs.", "Dear Madam"),
        ("en", "H.E. Mr", "Dear Sir"),
        ("fr", "M.", "Monsieur"),
        ("fr", "Mme", "Madame"),
        ("ru", "г-н", "Уважаемый господин"),
        ("ru", "г-жа", "Уважаемая госпожа"),
        ("zh", "Ms", "尊敬的女士"),
        ("zh", "先生", "尊敬的先生"),
        ("ar", "Mr", "حضرة السيد"),
        ("ar", "السيدة", "حضرة السيدة"),
        ("ar", "معالي السيدة", "حضرة السيدة"),
        ("zh", "阁下", "尊敬的先生/女士"),
        ("es", "Sr./Sra.", "Muy Señora mía/Muy Señor mío"),
        ("en", "Dr", "Dear Sir/Madam"),
    ],
)
def test_gender_markers_give_the_formal_salutation(
    language: str, marker: str, expected: str
) -> None:
    assert salutation_for(language, marker) == expected


def test_written_salutation_is_used_as_written_without_its_punctuation() -> None:
    assert salutation_for("es", "Excelentísimo Señor Ministro:") == "Excelentísimo Señor Ministro"
    assert salutation_for("fr", "Monsieur le Ministre,") == "Monsieur le Ministre"


def test_gender_column_and_title_decide_when_the_salutation_is_empty(
    campaign: Campaign,
) -> None:
    by_title = {**SPAIN, "title": "Excma. Sra."}
    assert letter_context(campaign, by_title, "es")["contact"]["salutation"] == "Muy Señora mía"
    by_column = {**SPAIN, "extra": {"gender": "M"}}
    assert letter_context(campaign, by_column, "fr")["contact"]["salutation"] == "Monsieur"
    # The salutation column beats the title.
    both = {**SPAIN, "title": "Excma. Sra.", "salutation": "Mr"}
    assert letter_context(campaign, both, "en")["contact"]["salutation"] == "Dear Sir"


@pytest.mark.parametrize(
    ("iso3", "language", "name"),
    [
        ("ESP", "es", "España"),
        ("ESP", "en", "Spain"),
        ("ESP", "fr", "Espagne"),
        ("ESP", "ru", "Испания"),
        ("ESP", "zh", "西班牙"),
        ("ESP", "ar", "إسبانيا"),
        ("RUS", "es", "Federación de Rusia"),
        ("GBR", "en", "United Kingdom of Great Britain and Northern Ireland"),
        ("VAT", "en", "Holy See"),
        ("chn", "zh", "中国"),
    ],
)
def test_country_is_the_un_short_name_in_the_letters_language(
    campaign: Campaign, iso3: str, language: str, name: str
) -> None:
    contact = letter_context(campaign, {"iso3": iso3}, language)["contact"]
    assert contact["country"] == name
    assert contact["iso3"] == iso3.upper()


@dataclass
class PlainContact:
    iso3: str
    name: str
    title: str = ""
    salutation: str = ""
    extra: dict[str, str] = field(default_factory=dict)


def test_ledger_contact_dataclass_and_mapping_give_the_same_context(campaign: Campaign) -> None:
    values = {"iso3": "FRA", "name": "Jean Dupont", "title": "S.E. M.", "salutation": ""}
    ledger_contact = Contact(campaign="cl-21-4", contact_key="FRA", language="fr",
                             email="", position="", ministry="", extra={}, **values)  # fmt: skip
    contexts = [
        letter_context(campaign, c, "fr") for c in (values, PlainContact(**values), ledger_contact)
    ]
    assert contexts[0] == contexts[1] == contexts[2]
    contact = contexts[0]["contact"]
    assert contact["salutation"] == "Monsieur"
    assert contact["country"] == "France"
    assert contact["ministry"] == ""


def test_extra_columns_are_visible_but_never_hide_a_standard_field(campaign: Campaign) -> None:
    contact = {**SPAIN, "extra": {"delegate": "Juan Pérez", "country": "Narnia", "name": "X"}}
    fields = letter_context(campaign, contact, "es")["contact"]
    assert fields["delegate"] == "Juan Pérez"
    assert fields["country"] == "España"
    assert fields["name"] == "María López"


def test_bad_contacts_and_languages_are_refused(campaign: Campaign) -> None:
    with pytest.raises(ValueError, match="no iso3"):
        letter_context(campaign, {"name": "Nobody"}, "en")
    with pytest.raises(KeyError, match="XYZ"):
        letter_context(campaign, {"iso3": "XYZ"}, "en")
    with pytest.raises(ValueError, match="has no 'de' letter"):
        letter_context(campaign, SPAIN, "de")


def test_shifted_campaign_gives_shifted_dates(campaign: Campaign) -> None:
    shifted = campaign.shifted_to(date(2026, 11, 30))
    fields = letter_context(shifted, SPAIN, "es")["campaign"]
    assert fields["date"] == "30 de noviembre de 2026"
    delta = date(2026, 11, 30) - campaign.date
    assert fields["deadline"] == format_day(campaign.deadline.date + delta, "es")


# --- the shipped templates, rendered with the context -------------------------------------


def _environment() -> SandboxedEnvironment:
    return SandboxedEnvironment(autoescape=True, undefined=StrictUndefined)


def _render_docx(campaign: Campaign, contact: dict[str, Any], language: str) -> str:
    template = DocxTemplate(campaign.template_path("letter", language))
    context = docx_letter_context(campaign, contact, language)
    template.render(context, jinja_env=_environment())
    buffer = io.BytesIO()
    template.save(buffer)
    document = Document(io.BytesIO(buffer.getvalue()))
    texts = [p.text for p in document.paragraphs]
    texts += [p.text for t in document.tables for c in t._cells for p in c.paragraphs]
    return "\n".join(texts)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_letter_template_renders_completely(campaign: Campaign, language: str) -> None:
    contact = {"iso3": "ESP", "name": "María López", "position": "Ministra",
               "ministry": "Ministerio de Asuntos Económicos", "salutation": "Sra."}  # fmt: skip
    text = _render_docx(campaign, contact, language)
    context = letter_context(campaign, contact, language)
    for expected in (
        context["contact"]["country"],
        context["contact"]["salutation"],
        "Ministerio de Asuntos Económicos",
        context["campaign"]["date"],
        context["campaign"]["deadline"],
        context["campaign"]["events"]["final_week"]["range"],
        context["campaign"]["signatory"]["title"],
        "CL-21/4",
        campaign.reply_inbox,
    ):
        assert expected in text, (language, expected)
    assert "{{" not in text and "{%" not in text


def test_letter_without_a_named_addressee_uses_the_seed_addressee(campaign: Campaign) -> None:
    text = _render_docx(campaign, {"iso3": "ESP"}, "es")
    assert "A los Ministros, Estados Miembros de la UIT" in text
    assert "España" not in text


def test_spanish_letter_follows_the_seed(campaign: Campaign) -> None:
    seed_sentences = [
        "El Foro es acogido por la UIT y organizado conjuntamente por la UIT, la UNESCO, la "
        "UNCTAD y el PNUD.",
        "La última semana del Foro de la CMSI 2021 se celebrará del 17 al 21 de mayo de 2021.",
        "le agradeceríamos formulase una declaración política durante las sesiones de alto "
        "nivel sobre política previstas del 22 al 26 de marzo de 2021.",
        "Le agradecería confirmara su aceptación antes del 1 de marzo de 2021, ya sea por "
        "correspondencia o a través de nuestro sitio web: "
        "https://www.itu.int/net4/wsis/forum/2021/es/HighLevel.",
        "Le ruego acepte el testimonio de mi más alta consideración.",
        "Muy Señora mía/Muy Señor mío:",
        "Invitación al Foro de la Cumbre Mundial sobre la Sociedad de la Información (CMSI) de "
        "2021 (desde enero hasta la semana final: 17–21 de mayo de 2021)",
    ]
    text = _render_docx(campaign, {"iso3": "ESP", "name": "María López"}, "es")
    for sentence in seed_sentences:
        assert sentence in text


@pytest.mark.parametrize("kind", ["email", "reminder", "ack"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_mail_templates_render_with_a_subject_line(
    campaign: Campaign, kind: str, language: str
) -> None:
    source = campaign.template_path(kind, language).read_text(encoding="utf-8")  # type: ignore[arg-type]
    context = letter_context(campaign, SPAIN, language)
    text = SandboxedEnvironment(undefined=StrictUndefined).from_string(source).render(context)
    subject, blank, *body = text.splitlines()
    assert subject.startswith("Subject: ") and "CL-21/4" in subject
    assert blank == ""
    body_text = "\n".join(body)
    assert context["contact"]["salutation"] in body_text
    assert campaign.reply_inbox in body_text
    if kind != "ack":
        assert context["campaign"]["deadline"] in body_text


def _xml(path: Path, part: str) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read(part).decode("utf-8")


def test_arabic_template_is_right_to_left_in_its_styles() -> None:
    path = SHIPPED / "letter.ar.docx"
    styles = _xml(path, "word/styles.xml")
    document = _xml(path, "word/document.xml")
    assert "<w:bidi/>" in styles
    assert 'w:bidi="ar-SA"' in styles
    assert re.search(r'<w:rFonts [^>]*w:cs="[^"]+"', styles)
    assert re.search(r"<w:sectPr[^>]*>.*<w:bidi/>.*</w:sectPr>", document, re.S)
    assert "<w:bidiVisual/>" in document
    runs = re.findall(r"<w:r>(.*?)</w:r>", document, re.S)
    arabic = [r for r in runs if re.search(r"<w:t[^>]*>[^<]*[\u0600-\u06FF]", r)]
    assert arabic and all("<w:rtl/>" in r for r in arabic)
    latin = [r for r in runs if "campaign.reference" in r or "campaign.contact.email" in r]
    assert latin and not any("<w:rtl" in r for r in latin)


def test_chinese_template_has_east_asian_language_and_font() -> None:
    styles = _xml(SHIPPED / "letter.zh.docx", "word/styles.xml")
    assert 'w:eastAsia="zh-CN"' in styles
    assert re.search(r'<w:rFonts [^>]*w:eastAsia="SimSun"', styles)
    document = _xml(SHIPPED / "letter.zh.docx", "word/document.xml")
    assert "，" in document and "。" in document  # Chinese punctuation, full width


def test_template_builder_is_reproducible() -> None:
    from tools.make_templates import build_letter, load_text

    text = load_text(SHIPPED, "ar")
    assert build_letter(text, "ar") == build_letter(text, "ar")


def test_titles_stand_where_each_language_puts_them(campaign: Campaign) -> None:
    zh = _render_docx(campaign, {"iso3": "CHN", "name": "王明", "title": "部长阁下"}, "zh")
    assert "王明部长阁下" in zh
    es = _render_docx(
        campaign, {"iso3": "ESP", "name": "María López", "title": "Excma. Sra."}, "es"
    )
    assert "Excma. Sra. María López" in es

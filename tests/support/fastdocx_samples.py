"""Letter templates and contexts like CL-21/4's, built with python-docx, for the fast-path tests
and the rendering benchmark (used when the campaign's real templates are not at hand).

Each template is a two-page circular letter: a header with the reference, a static footer,
a sender block, tags split across Word runs the way Word splits them (spell-check marks
between runs, different formatting inside one tag), ``{%p if %}`` paragraphs, a bold subject,
a table whose rows come from a ``{%tr for %}`` loop, about forty paragraphs, and a signature.
The Arabic one is right-to-left, the Chinese one has an East Asian font.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph

LANGUAGES = ("ar", "en", "es", "fr", "ru", "zh")
ROOT = Path(__file__).resolve().parents[2]
SAMPLE_CONTACTS = ROOT / "contacts" / "samples" / "member-states.csv"

#: Body text per language: (greeting line, subject label, sentences cycled into paragraphs).
_TEXT: dict[str, tuple[str, str, list[str]]] = {
    "en": (
        "I have the honour to invite you to the WSIS Forum.",
        "Subject:",
        [
            "The high-level policy sessions will be held online.",
            "Your participation as a high-level track speaker would be most welcome.",
            "Please confirm your acceptance by the deadline below.",
            "The final week will take place in Geneva, subject to conditions.",
            "Further information is available on the Forum website.",
        ],
    ),
    "es": (
        "Tengo el honor de invitarle al Foro de la CMSI.",
        "Asunto:",
        [
            "Las sesiones de política de alto nivel se celebrarán en línea.",
            "Su participación como orador de alto nivel sería muy bienvenida.",
            "Le ruego confirme su aceptación antes de la fecha límite indicada.",
            "La semana final tendrá lugar en Ginebra, si las condiciones lo permiten.",
            "Encontrará más información en el sitio web del Foro.",
        ],
    ),
    "fr": (
        "J'ai l'honneur de vous inviter au Forum du SMSI.",
        "Objet:",
        [
            "Les sessions de politique générale de haut niveau se tiendront en ligne.",
            "Votre participation en tant qu'orateur de haut niveau serait très appréciée.",
            "Je vous saurais gré de bien vouloir confirmer votre participation.",
            "La semaine finale aura lieu à Genève, si les conditions le permettent.",
            "De plus amples informations sont disponibles sur le site web du Forum.",
        ],
    ),
    "ru": (
        "Имею честь пригласить Вас на Форум ВВУИО.",
        "Предмет:",
        [
            "Сессии по вопросам политики высокого уровня пройдут в онлайновом формате.",
            "Ваше участие в качестве докладчика высокого уровня было бы весьма желательным.",
            "Просим подтвердить Ваше участие до указанного ниже срока.",
            "Заключительная неделя состоится в Женеве, если позволят условия.",
            "Дополнительная информация размещена на веб-сайте Форума.",
        ],
    ),
    "zh": (
        "谨邀请您出席信息社会世界峰会论坛。",
        "事由：",
        [
            "高级别政策会议将以在线方式举行。",
            "诚挚欢迎您作为高级别发言人参会。",
            "请在下列截止日期前确认是否接受邀请。",
            "最后一周会议将视情况在日内瓦举行。",
            "更多信息请见论坛网站。",
        ],
    ),
    "ar": (
        "يشرفني أن أدعوكم إلى منتدى القمة العالمية لمجتمع المعلومات.",
        "الموضوع:",
        [
            "ستعقد جلسات السياسات الرفيعة المستوى عبر الإنترنت.",
            "ونرحب ترحيباً حاراً بمشاركتكم بصفتكم متحدثاً رفيع المستوى.",
            "يرجى تأكيد قبولكم قبل الموعد النهائي المبين أدناه.",
            "وسيعقد الأسبوع الأخير في جنيف إذا سمحت الظروف بذلك.",
            "وتتاح معلومات إضافية في الموقع الإلكتروني للمنتدى.",
        ],
    ),
}


def _proof_error(paragraph: Paragraph, kind: str) -> None:
    mark = OxmlElement("w:proofErr")
    mark.set(qn("w:type"), kind)
    paragraph._p.append(mark)


def _split_runs(paragraph: Paragraph, pieces: list[str], bold_piece: int | None = None) -> None:
    """Write text in several runs with spell-check marks between, as Word stores a tag the
    author typed in several goes."""
    for index, piece in enumerate(pieces):
        run = paragraph.add_run(piece)
        run.bold = index == bold_piece or None
        if index < len(pieces) - 1:
            _proof_error(paragraph, "spellStart" if index % 2 == 0 else "spellEnd")


def _language_setup(document: Any, language: str) -> None:
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(11)
    r_pr = style.element.get_or_add_rPr()
    fonts = r_pr.find(qn("w:rFonts"))
    if language == "zh":
        fonts.set(qn("w:eastAsia"), "SimSun")
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "en-GB")
    lang.set(qn("w:eastAsia"), "zh-CN")
    lang.set(qn("w:bidi"), "ar-SA")
    r_pr.append(lang)
    if language == "ar":
        style.paragraph_format.element.get_or_add_pPr().append(OxmlElement("w:bidi"))
        r_pr.append(OxmlElement("w:rtl"))
        section_pr = document.sections[0]._sectPr
        section_pr.append(OxmlElement("w:bidi"))


def build_letter_template(path: Path, language: str = "en") -> Path:
    """Write a CL-21/4-like letter template in ``language`` to ``path``."""
    greeting, subject_label, sentences = _TEXT[language]
    document = Document()
    _language_setup(document, language)
    section = document.sections[0]

    header = section.header.paragraphs[0]
    header.add_run("International Telecommunication Union · ")
    _split_runs(header, ["{{ campaign.", "reference }}"])
    footer = section.footer.paragraphs[0]
    footer.text = "Place des Nations · CH-1211 Geneva 20 · Switzerland · www.itu.int"

    for line in ("Telecommunication Development Bureau", "Office of the Director"):
        document.add_paragraph(line)
    ref = document.add_paragraph("Ref.: ")
    _split_runs(ref, ["{{ camp", "aign.ref", "erence }}"], bold_piece=1)
    contact = document.add_paragraph("Contact: ")
    _split_runs(contact, ["{{ campaign.contact.name }}", " ", "{{ campaign.contact.email }}"])
    document.add_paragraph("{{ campaign.place }}, {{ campaign.date }}")

    addressee = document.add_paragraph()
    _split_runs(addressee, ["{{ contact.title }} ", "{{ contact.", "name }}"])
    document.add_paragraph("{%p if contact.position %}")
    document.add_paragraph("{{ contact.position }}")
    document.add_paragraph("{%p endif %}")
    document.add_paragraph("{{ contact.ministry }}")
    document.add_paragraph("{{ contact.country }}")
    document.add_paragraph("{%p if contact.email %}")
    document.add_paragraph("E-mail: {{ contact.email }}")
    document.add_paragraph("{%p endif %}")

    subject = document.add_paragraph()
    subject.add_run(subject_label + " ").bold = True
    subject.add_run("{{ campaign.title }}").bold = True

    salutation = document.add_paragraph()
    _split_runs(salutation, ["{{ contact.salu", "tation }}", ","])
    document.add_paragraph(greeting)

    for index in range(26):
        paragraph = document.add_paragraph(sentences[index % len(sentences)] + " ")
        paragraph.add_run(sentences[(index + 2) % len(sentences)])
        if index == 6:
            paragraph.add_run(" {{ campaign.deadline }}").bold = True
        if index == 12:
            paragraph.add_run(" {{ campaign.reply_inbox }}")

    table = document.add_table(rows=3, cols=2)
    table.style = "Table Grid"
    table.cell(0, 0).text = "Session"
    table.cell(0, 1).text = "Dates"
    table.cell(1, 0).text = "{%tr for event in campaign.events %}"
    table.cell(2, 0).text = "{{ event.name }}"
    table.cell(2, 1).text = "{{ event.range }}"
    table.add_row().cells[0].text = "{%tr endfor %}"

    document.add_paragraph("{%p if contact.cc %}")
    document.add_paragraph("Copy: {{ contact.cc|join(', ') }}")
    document.add_paragraph("{%p endif %}")
    document.add_paragraph("Yours faithfully,")
    signature = document.add_paragraph()
    _split_runs(signature, ["{{ campaign.signatory.", "name }}"])
    document.add_paragraph("{{ campaign.signatory.title }}")
    document.core_properties.title = "CL-21/4 " + language
    document.save(str(path))
    return path


def sample_context(index: int, language: str = "en", **contact: Any) -> dict[str, Any]:
    """A letter context shaped like ``circular.letters.context``'s for contact ``index``."""
    names = {
        "ar": "سعادة السيد أحمد المنصوري",
        "zh": "王伟先生",
        "ru": "Господин Иван Петров",
    }
    values: dict[str, Any] = {
        "title": "H.E.",
        "name": names.get(language, f"Minister Number {index}"),
        "position": "Minister of Communications" if index % 3 else "",
        "ministry": "Ministry of Communications & Digital Affairs",
        "country": f"Country {index}",
        "email": f"minister{index}@ministry.example" if index % 4 else "",
        "salutation": "Dear Sir/Madam",
        "cc": [f"deputy{index}@ministry.example"] if index % 2 else [],
    }
    values.update(contact)
    return {
        "language": language,
        "contact": values,
        "campaign": {
            "reference": "CL-21/4",
            "title": "WSIS Forum 2021: invitation to the high-level track",
            "place": "Geneva",
            "date": "3 February 2021",
            "deadline": "1 March 2021",
            "reply_inbox": "wsis-info@itu.example",
            "contact": {"name": "Mr Example Officer", "email": "officer@itu.example"},
            "signatory": {"name": "Doreen Example", "title": "Director"},
            "events": [
                {"name": "High-level policy sessions", "range": "22-26 March 2021"},
                {"name": "Final week", "range": "17-21 May 2021"},
            ],
        },
    }


def campaign_letters(campaign_folder: Path) -> list[tuple[str, dict[str, Any]]]:
    """(language, context) of the letter of each sample Member State contact, built by
    ``circular.letters.context`` for the campaign in ``campaign_folder``."""
    from circular.campaign import load_campaign
    from circular.letters.context import docx_letter_context

    campaign = load_campaign(campaign_folder)
    with SAMPLE_CONTACTS.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [
        (
            row["language"],
            docx_letter_context(campaign, {**row, "iso3": row["country"]}, row["language"]),
        )
        for row in rows
    ]

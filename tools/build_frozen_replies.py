"""Build the frozen reply test set (tests/data/replies/frozen/) from its YAML source.

The replies were written by hand in tests/data/replies/frozen/source/*.yaml, apart from the
classifier's cue lists; this script only dresses them as real mail: headers, a signature, the
quoted invitation in the style of the mail client (Outlook, Gmail, Thunderbird), HTML markup,
legacy charsets, and the PDF or DOCX note verbale when the answer is only in an attachment.
Output is deterministic (fixed dates, Message-IDs and MIME boundaries) so that a rebuild
changes nothing; the set itself is frozen: never edit it, add a new set instead.

Run: python tools/build_frozen_replies.py           (rebuild; must change no byte)
     python tools/build_frozen_replies.py --check   (parse every file, print the counts)
"""

# The quoted invitations are mail text as clients write it, long lines included.
# ruff: noqa: E501

from __future__ import annotations

import collections
import csv
import html
import io
import re
import sys
import zipfile
from datetime import datetime
from email import message_from_bytes, policy
from email.header import Header
from email.message import EmailMessage
from email.utils import formataddr
from pathlib import Path
from typing import Any

import docx
import pypdf
import yaml

ROOT = Path(__file__).resolve().parent.parent
FROZEN = ROOT / "tests" / "data" / "replies" / "frozen"
SECRETARIAT = ("WSIS Info", "wsis-info@itu.example")
FIXED_TIME = datetime(2021, 2, 10, 9, 0, 0)
LANGUAGES = ("ar", "en", "es", "fr", "ru", "zh")
KINDS = ("accept", "decline", "other")

SUBJECTS = {
    "en": "RE: CL-21/4 – Invitation to the WSIS Forum 2021 High-Level Track",
    "fr": "RE: CL-21/4 – Invitation au Forum du SMSI 2021 – Segment de haut niveau",
    "es": "RE: CL-21/4 – Invitación al Foro de la CMSI 2021 – Vía de Alto Nivel",
    "ru": "RE: CL-21/4 – Приглашение на Форум ВВУИО 2021 – сегмент высокого уровня",
    "zh": "RE: CL-21/4 – 邀请参加2021年信息社会世界峰会论坛高级别会议",
    "ar": "RE: CL-21/4 – دعوة إلى منتدى القمة العالمية لمجتمع المعلومات 2021",
}

ORIGINAL_SUBJECTS = {lang: subject[4:] for lang, subject in SUBJECTS.items()}

# The invitation as e-mailed to each ministry, in its language; quoted under many replies.
INVITATIONS = {
    "en": """Dear Sir/Madam,

The World Summit on the Information Society (WSIS) Forum 2021 began in a virtual format in January; its final week will be held from 17 to 21 May 2021.

In view of your country's important steps towards information and knowledge societies, we would be honoured if you would deliver a policy statement during the High-Level Policy Sessions from 22 to 26 March 2021.

Kindly confirm your acceptance and participation, and the name of the person who will deliver the policy statement, by 1 March 2021, either by correspondence or through our website: https://www.itu.int/net4/wsis/forum/2021/en/HighLevel.

Yours faithfully,

Houlin Zhao
Secretary-General""",
    "fr": """Madame, Monsieur,

Le Forum du Sommet mondial sur la société de l'information (SMSI) 2021 a débuté en janvier sous forme virtuelle ; sa dernière semaine se tiendra du 17 au 21 mai 2021.

Compte tenu des mesures importantes prises par votre pays, nous serions honorés que vous prononciez une déclaration de politique générale lors des sessions de haut niveau prévues du 22 au 26 mars 2021.

Je vous saurais gré de bien vouloir confirmer votre acceptation et votre participation, ainsi que le nom de la personne qui prononcera la déclaration, d'ici au 1er mars 2021, par courrier ou sur notre site web.

Veuillez agréer, Madame, Monsieur, l'assurance de ma haute considération.

Houlin Zhao
Secrétaire général""",
    "es": """Muy Señora mía/Muy Señor mío:

El Foro de la Cumbre Mundial sobre la Sociedad de la Información (CMSI) 2021 ha comenzado con un formato virtual en el mes de enero. La última semana del Foro se celebrará del 17 al 21 de mayo de 2021.

Habida cuenta de las importantes medidas adoptadas por su país, le agradeceríamos formulase una declaración política durante las sesiones de alto nivel sobre política previstas del 22 al 26 de marzo de 2021.

Le agradecería confirmara su aceptación y participación antes del 1 de marzo de 2021, ya sea por correspondencia o a través de nuestro sitio web.

Le ruego acepte el testimonio de mi más alta consideración.

Houlin Zhao
Secretario General""",
    "ru": """Уважаемая госпожа,
Уважаемый господин,

Форум Всемирной встречи на высшем уровне по вопросам информационного общества (ВВУИО) 2021 года начался в январе в виртуальном формате; его заключительная неделя пройдет 17–21 мая 2021 года.

Мы были бы признательны, если бы Вы выступили с заявлением по вопросам политики в ходе сессий высокого уровня, запланированных на 22–26 марта 2021 года.

Просим Вас подтвердить Ваше согласие и участие, а также сообщить имя лица, которое выступит с заявлением, до 1 марта 2021 года письмом или на нашем веб-сайте.

С уважением,

Хоулинь Чжао
Генеральный секретарь""",
    "zh": """尊敬的先生/女士：

2021年信息社会世界峰会（WSIS）论坛已于一月份以虚拟形式开幕，最后一周将于2021年5月17日至21日举行。

鉴于贵国在发展信息社会和知识社会方面采取的重要举措，我们诚邀您在2021年3月22日至26日举行的高级别政策会议上发表政策声明。

请于2021年3月1日前通过信函或我们的网站确认您接受邀请并出席，并告知发表政策声明人员的姓名。

顺致崇高敬意！

秘书长
赵厚麟""",
    "ar": """السيد/السيدة،

بدأ منتدى القمة العالمية لمجتمع المعلومات لعام 2021 بصيغة افتراضية في شهر يناير، وسيُعقد أسبوعه الختامي من 17 إلى 21 مايو 2021.

ونظراً للخطوات المهمة التي اتخذها بلدكم، يسعدنا أن تدلوا ببيان سياساتي خلال جلسات السياسات الرفيعة المستوى المقررة من 22 إلى 26 مارس 2021.

ونرجو منكم التفضل بتأكيد قبولكم ومشاركتكم، واسم الشخص الذي سيلقي البيان، في موعد أقصاه 1 مارس 2021، بالمراسلة أو عبر موقعنا على الإنترنت.

وتفضلوا بقبول فائق الاحترام.

هولين جاو
الأمين العام""",
}

# Headers mail clients put above the quoted message, per language and client.
OUTLOOK_HEADERS = {
    "en": "From: WSIS Info <wsis-info@itu.example>\nSent: Wednesday, February 3, 2021 10:15 AM\nTo: {to}\nSubject: {subject}",
    "fr": "De : WSIS Info <wsis-info@itu.example>\nEnvoyé : mercredi 3 février 2021 10:15\nÀ : {to}\nObjet : {subject}",
    "es": "De: WSIS Info <wsis-info@itu.example>\nEnviado el: miércoles, 3 de febrero de 2021 10:15\nPara: {to}\nAsunto: {subject}",
    "ru": "От: WSIS Info <wsis-info@itu.example>\nОтправлено: 3 февраля 2021 г. 10:15\nКому: {to}\nТема: {subject}",
    "zh": "发件人: WSIS Info <wsis-info@itu.example>\n发送时间: 2021年2月3日 10:15\n收件人: {to}\n主题: {subject}",
    "ar": "من: WSIS Info <wsis-info@itu.example>\nتاريخ الإرسال: الأربعاء، 3 فبراير 2021 10:15 ص\nإلى: {to}\nالموضوع: {subject}",
}
GMAIL_HEADERS = {
    "en": "On Wed, 3 Feb 2021 at 10:15, WSIS Info <wsis-info@itu.example> wrote:",
    "fr": "Le mer. 3 févr. 2021 à 10:15, WSIS Info <wsis-info@itu.example> a écrit :",
    "es": "El mié, 3 feb 2021 a las 10:15, WSIS Info (<wsis-info@itu.example>) escribió:",
    "ru": "ср, 3 февр. 2021 г. в 10:15, WSIS Info <wsis-info@itu.example>:",
    "zh": "WSIS Info <wsis-info@itu.example> 于2021年2月3日周三 上午10:15写道：",
    "ar": "في الأربعاء، 3 فبراير 2021 في 10:15 ص، كتب WSIS Info <wsis-info@itu.example>:",
}
THUNDERBIRD_HEADERS = {
    "en": "On 03/02/2021 10:15, WSIS Info wrote:",
    "fr": "Le 03/02/2021 à 10:15, WSIS Info a écrit :",
    "es": "El 03/02/2021 a las 10:15, WSIS Info escribió:",
    "ru": "03.02.2021 10:15, WSIS Info пишет:",
    "zh": "在 2021/2/3 10:15, WSIS Info 写道:",
    "ar": "في 03/02/2021 10:15، كتب WSIS Info:",
}
OUTLOOK_RULE = "________________________________"
QUOTE_STYLES = ("outlook", "gmail", "none", "thunderbird", "outlook", "gmail", "none")

SIGNATURES = {
    "en": [
        "Protocol Division\nMinistry of Communications and Digital Economy",
        "Office of the Minister\nMinistry of Information and Communications Technology",
        "Permanent Mission to the United Nations Office at Geneva",
    ],
    "fr": [
        "Service du Protocole\nMinistère de l'Économie numérique et des Postes",
        "Cabinet du Ministre\nMinistère de la Communication et du Numérique",
        "Mission permanente auprès de l'Office des Nations Unies à Genève",
    ],
    "es": [
        "Dirección de Protocolo\nMinisterio de Tecnologías de la Información y las Comunicaciones",
        "Gabinete del Ministro\nMinisterio de Transformación Digital",
        "Misión Permanente ante la Oficina de las Naciones Unidas en Ginebra",
    ],
    "ru": [
        "Протокольный отдел\nМинистерство цифрового развития, связи и массовых коммуникаций",
        "Аппарат Министра\nМинистерство транспорта и коммуникаций",
        "Постоянное представительство при Отделении ООН в Женеве",
    ],
    "zh": [
        "工业和信息化部 国际合作司",
        "外事办公室\n国家互联网信息办公室",
        "常驻联合国日内瓦办事处和瑞士其他国际组织代表团",
    ],
    "ar": [
        "إدارة المراسم\nوزارة الاتصالات وتقنية المعلومات",
        "مكتب الوزير\nوزارة الاقتصاد الرقمي والريادة",
        "البعثة الدائمة لدى مكتب الأمم المتحدة في جنيف",
    ],
}

SENDERS = {
    "en": [
        "gbr",
        "ind",
        "ken",
        "nga",
        "gha",
        "zaf",
        "pak",
        "phl",
        "jam",
        "uga",
        "zmb",
        "mys",
        "aus",
        "nzl",
        "lka",
    ],
    "fr": [
        "fra",
        "sen",
        "civ",
        "cmr",
        "bel",
        "che",
        "mli",
        "ner",
        "bfa",
        "tcd",
        "gab",
        "cog",
        "ben",
        "tgo",
        "mdg",
        "hti",
    ],
    "es": [
        "esp",
        "mex",
        "arg",
        "col",
        "chl",
        "per",
        "ecu",
        "bol",
        "ury",
        "pry",
        "cri",
        "pan",
        "gtm",
        "hnd",
        "dom",
        "cub",
    ],
    "ru": ["rus", "blr", "kaz", "kgz", "tjk", "uzb", "arm", "aze", "tkm", "mda"],
    "zh": ["chn"],
    "ar": [
        "sau",
        "egy",
        "jor",
        "mar",
        "dza",
        "tun",
        "omn",
        "qat",
        "kwt",
        "lbn",
        "irq",
        "sdn",
        "are",
        "bhr",
        "lby",
        "mrt",
    ],
}
MAILBOXES = [
    "protocol@mofa",
    "cabinet@mincom",
    "minister.office@mict",
    "intl.coop@digital",
    "mission.geneva@mfa",
]
ZH_MAILBOXES = ["gjs@miit", "waishi@cac", "itu@mofcom", "geneva@mfa", "gjhz@most"]


def _sender(lang: str, index: int, country: str | None) -> str:
    countries = SENDERS[lang]
    country = country or countries[index % len(countries)]
    boxes = ZH_MAILBOXES if lang == "zh" else MAILBOXES
    return f"{boxes[(index // len(countries) + index) % len(boxes)]}.{country}.example"


def _quote(lang: str, style: str, to: str) -> str:
    original = INVITATIONS[lang]
    subject = ORIGINAL_SUBJECTS[lang]
    if style == "outlook":
        head = OUTLOOK_HEADERS[lang].format(to=to, subject=subject)
        return f"\n\n{OUTLOOK_RULE}\n{head}\n\n{original}\n"
    header = GMAIL_HEADERS[lang] if style == "gmail" else THUNDERBIRD_HEADERS[lang]
    quoted = "\n".join(f"> {line}" if line else ">" for line in original.splitlines())
    return f"\n\n{header}\n\n{quoted}\n"


def _signature(entry: dict[str, Any], lang: str, index: int) -> str:
    sig = entry.get("sig")
    if sig == "none":
        return f"\n\n{entry['footer'].strip()}" if entry.get("footer") else ""
    if sig is None:
        sig = SIGNATURES[lang][index % len(SIGNATURES[lang])]
    footer = entry.get("footer")
    return f"\n\n{sig.strip()}" + (f"\n\n{footer.strip()}" if footer else "")


def _plain_text(entry: dict[str, Any], lang: str, style: str, to: str, index: int) -> str:
    text = entry["body"].rstrip() + _signature(entry, lang, index)
    if style != "none":
        text += _quote(lang, style, to)
    return text.rstrip() + "\n"


def _paragraphs_html(text: str, tag: str, cls: str) -> str:
    parts = []
    for para in text.strip().split("\n\n"):
        lines = "<br>\n".join(html.escape(line) for line in para.splitlines())
        parts.append(f'<{tag} class="{cls}">{lines}</{tag}>')
    return "\n".join(parts)


def _html(entry: dict[str, Any], lang: str, style: str, to: str, index: int) -> str:
    direction = ' dir="rtl"' if lang == "ar" else ""
    reply = entry["body"].rstrip() + _signature(entry, lang, index)
    original = INVITATIONS[lang]
    if style == "gmail":
        body = (
            f'<div dir="{"rtl" if lang == "ar" else "ltr"}">'
            + _paragraphs_html(reply, "div", "gmail_default")
            + "</div>\n"
        )
        if entry.get("quote", True) is not False:
            body += (
                '<br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">'
                + html.escape(GMAIL_HEADERS[lang])
                + '<br></div>\n<blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;'
                'border-left:1px solid rgb(204,204,204);padding-left:1ex">\n'
                + _paragraphs_html(original, "div", "quoted")
                + "\n</blockquote></div>\n"
            )
        return (
            f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
            f"</head><body{direction}>\n{body}</body></html>\n"
        )
    # Outlook (Word) markup: MsoNormal paragraphs, the reply header in a bordered div, then the
    # original; Outlook does not use <blockquote> for replies but some gateways re-wrap it so.
    head = OUTLOOK_HEADERS[lang].format(to=html.escape(to), subject=ORIGINAL_SUBJECTS[lang])
    head_html = "<br>\n".join(
        f"<b>{line.split(':', 1)[0]}:</b>{line.split(':', 1)[1]}" if ":" in line else line
        for line in head.splitlines()
    )
    body = (
        '<div class="WordSection1">\n'
        + _paragraphs_html(reply, "p", "MsoNormal")
        + '\n<p class="MsoNormal">&nbsp;</p>\n'
    )
    if entry.get("quote", True) is not False:
        body += (
            '<div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm">\n'
            f'<p class="MsoNormal">{head_html}</p></div>\n'
            '<blockquote style="margin-left:30.0pt">\n'
            + _paragraphs_html(original, "p", "MsoNormal")
            + "\n</blockquote>\n"
        )
    body += "</div>\n"
    return (
        '<html xmlns:o="urn:schemas-microsoft-com:office:office" '
        'xmlns:w="urn:schemas-microsoft-com:office:word">\n'
        '<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
        '<meta name="Generator" content="Microsoft Word 15 (filtered medium)">\n'
        "<style>p.MsoNormal{margin:0cm;font-size:11.0pt;font-family:Calibri,sans-serif}</style>"
        f'</head>\n<body lang="{lang.upper()}" link="#0563C1"{direction}>\n{body}</body></html>\n'
    )


# What a legacy mail client does with characters its charset lacks (dashes, curly quotes).
LEGACY_FALLBACK = str.maketrans(
    {"–": "-", "—": "-", "“": '"', "”": '"', "’": "'", "«": '"', "»": '"'}
)


def _legacy(text: str, charset: str, ident: str) -> str:
    """Replace what `charset` cannot encode as a mail client would; fail on anything else."""
    out = []
    for char in text:
        try:
            char.encode(charset)
        except UnicodeEncodeError:
            char = char.translate(LEGACY_FALLBACK)
            char.encode(charset)  # raises, naming the character, if no fallback exists
        out.append(char)
    return "".join(out)


def _legacy_subject(raw: bytes, subject: str, charset: str) -> bytes:
    """Encode the Subject in the body's legacy charset, as the old clients do (RFC 2047)."""
    encoded = Header(subject, charset).encode().encode("ascii")
    return re.sub(
        rb"^Subject:.*?\r?\n(?![ \t])",
        b"Subject: " + encoded.replace(b"\\", b"\\\\") + b"\n",
        raw,
        count=1,
        flags=re.S | re.M,
    )


def _pdf_text(text: str) -> bytes:
    """A one-page PDF whose text layer holds `text` (Helvetica, WinAnsi: Latin scripts only)."""
    lines: list[str] = []
    for para in text.strip().splitlines():
        words, line = para.split(" "), ""
        for word in words:
            if len(line) + len(word) + 1 > 85:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}".strip()
        lines.append(line)
    ops = ["BT", "/F1 11 Tf", "14 TL", "60 780 Td"]
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(f"({escaped}) Tj T*")
    ops.append("ET")
    stream = "\n".join(ops).encode("cp1252")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + obj + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def _docx_text(text: str) -> bytes:
    document = docx.Document()
    document.core_properties.author = "Protocol"
    for para in text.strip().split("\n"):
        document.add_paragraph(para)
    document.core_properties.created = FIXED_TIME
    document.core_properties.modified = FIXED_TIME
    saved = io.BytesIO()
    document.save(saved)
    # Rewrite the zip with fixed member times so that a rebuild gives identical bytes.
    out = io.BytesIO()
    with (
        zipfile.ZipFile(saved) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zipped,
    ):
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            zipped.writestr(fixed, source.read(info.filename))
    return out.getvalue()


def _message(entry: dict[str, Any], category: str, index: int) -> EmailMessage:
    lang = entry["lang"]
    domain = _sender(lang, index, entry.get("country"))
    to = formataddr(SECRETARIAT)
    style = entry.get("quote") or QUOTE_STYLES[index % len(QUOTE_STYLES)]
    if entry.get("quote") is False:
        style = "none"
    msg = EmailMessage()
    msg["From"] = entry.get("from") or domain
    msg["To"] = to
    msg["Subject"] = entry.get("subject") or SUBJECTS[lang]
    day = 4 + index % 24
    msg["Date"] = (
        f"{['Thu', 'Fri', 'Sat', 'Sun', 'Mon', 'Tue', 'Wed'][(day - 4) % 7]}, {day} Feb 2021 {8 + index % 9:02d}:{(index * 7) % 60:02d}:00 +0100"
    )
    country = domain.split("@")[1].split(".")[1]
    msg["Message-ID"] = f"<{entry['id']}.{index:04d}@{domain.split('@')[1]}>"
    original_id = f"<CL-21-4.{country}.20210203101500@itu.example>"
    msg["In-Reply-To"] = original_id
    msg["References"] = original_id
    msg["X-Mailer"] = {
        "outlook": "Microsoft Outlook 16.0",
        "thunderbird": "Mozilla Thunderbird 78.7.0",
    }.get(style, "")
    if not msg["X-Mailer"]:
        del msg["X-Mailer"]
    charset = entry.get("charset", "utf-8")
    cte = entry.get("cte")
    if entry.get("html"):
        markup = _html(
            entry, lang, style if style in ("gmail", "outlook") else "outlook", to, index
        )
        if charset != "utf-8":
            markup = _legacy(
                markup.replace("charset=utf-8", f"charset={charset}"), charset, entry["id"]
            )
        msg.set_content(markup, subtype="html", charset=charset, cte=cte or "quoted-printable")
    else:
        text = _plain_text(entry, lang, style, to, index)
        if charset != "utf-8":
            text = _legacy(text, charset, entry["id"])
        msg.set_content(text, charset=charset, cte=cte or ("8bit" if charset != "utf-8" else None))
    attachment = entry.get("attachment")
    if attachment:
        kind = attachment["type"]
        payload = _pdf_text(attachment["text"]) if kind == "pdf" else _docx_text(attachment["text"])
        maintype, subtype = (
            ("application", "pdf")
            if kind == "pdf"
            else ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document")
        )
        msg.add_attachment(payload, maintype=maintype, subtype=subtype, filename=attachment["name"])
    for number, part in enumerate(msg.walk()):
        if part.is_multipart():
            part.set_boundary(f"=_frozen_{entry['id']}_{number}")
    return msg


def main() -> None:
    rows = []
    seen: set[str] = set()
    index = 0
    for source in sorted((FROZEN / "source").glob("*.yaml")):
        data = yaml.safe_load(source.read_text(encoding="utf-8"))
        category = data["category"]
        for entry in data["replies"]:
            ident = entry["id"]
            if ident in seen:
                raise SystemExit(f"{source.name}: duplicate id {ident}")
            seen.add(ident)
            if entry["lang"] not in LANGUAGES or entry["kind"] not in KINDS:
                raise SystemExit(f"{source.name}: {ident}: bad lang or kind")
            msg = _message(entry, category, index)
            raw = bytes(msg)
            charset = entry.get("charset", "utf-8")
            if charset != "utf-8":
                subject = _legacy(str(msg["Subject"]), charset, ident)
                raw = _legacy_subject(raw, subject, charset)
            (FROZEN / f"{ident}.eml").write_bytes(raw)
            note = " ".join(str(entry.get("note", "")).split())
            rows.append([f"{ident}.eml", entry["kind"], entry["lang"], category, note])
            index += 1
    with (FROZEN / "labels.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["file", "kind", "language", "category", "note"])
        writer.writerows(rows)
    print(f"{len(rows)} replies written to {FROZEN}")


def _attachment_text(part: EmailMessage) -> str:
    data = part.get_content()
    if part.get_content_type() == "application/pdf":
        return "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)
    return "\n".join(para.text for para in docx.Document(io.BytesIO(data)).paragraphs)


def check() -> None:
    """Parse every message with the default policy and print category x kind and language counts."""
    with (FROZEN / "labels.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    on_disk = {path.name for path in FROZEN.glob("*.eml")}
    if on_disk != {row["file"] for row in rows}:
        raise SystemExit(
            f"labels.csv and the .eml files differ: {on_disk ^ {r['file'] for r in rows}}"
        )
    for row in rows:
        msg = message_from_bytes((FROZEN / row["file"]).read_bytes(), policy=policy.default)
        assert isinstance(msg, EmailMessage)
        defects = [d for part in msg.walk() for d in part.defects]
        body = msg.get_body(("plain", "html"))
        if defects or body is None or "CL-21/4" not in str(msg["Subject"]):
            raise SystemExit(f"{row['file']}: defects {defects} or no body or bad Subject")
        body.get_content()
        if row["category"] == "attachment_only":
            (attachment,) = list(msg.iter_attachments())
            if not _attachment_text(attachment).strip():
                raise SystemExit(f"{row['file']}: attachment has no text layer")
    counts = collections.Counter((row["category"], row["kind"]) for row in rows)
    print(f"| category | {' | '.join(KINDS)} | total |\n|---|---:|---:|---:|---:|")
    for category in sorted({row["category"] for row in rows}):
        cells = [counts[(category, kind)] for kind in KINDS]
        print(f"| {category} | {' | '.join(map(str, cells))} | {sum(cells)} |")
    kinds = collections.Counter(row["kind"] for row in rows)
    print(f"| **all** | {' | '.join(str(kinds[k]) for k in KINDS)} | {len(rows)} |\n")
    languages = collections.Counter(row["language"] for row in rows)
    print("| language | " + " | ".join(LANGUAGES) + " |\n|---|" + "---:|" * len(LANGUAGES))
    print("| replies | " + " | ".join(str(languages[lang]) for lang in LANGUAGES) + " |")


if __name__ == "__main__":
    check() if "--check" in sys.argv else main()

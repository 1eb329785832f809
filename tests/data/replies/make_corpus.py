"""Generate the labelled reply corpus for CL-21/4 (tests/data/replies/*.eml + labels.csv).

Every message was written for this project: replies from ministries in the six languages, in
the quoting styles of Outlook, Gmail, Thunderbird and Apple Mail, in the charsets real offices
use, plus auto-replies and bounces from several MTAs. Only reserved domains appear
(example.org, *.example, *.test). The messages are built with the standard library so that
charsets, quoted-printable/base64 and RFC 2047 headers are exactly right.

Run: python tests/data/replies/make_corpus.py   (rewrites the .eml files and labels.csv)
"""

# Bounces are written verbatim as MTAs write them, long lines included.
# ruff: noqa: E501

from __future__ import annotations

import csv
import io
import zipfile
import zlib
from dataclasses import dataclass
from datetime import datetime
from email import charset as email_charset
from email.header import Header
from email.message import Message
from email.mime.application import MIMEApplication
from email.mime.multipart import MIMEMultipart
from email.mime.nonmultipart import MIMENonMultipart
from email.mime.text import MIMEText
from email.utils import formataddr
from pathlib import Path

HERE = Path(__file__).parent
SECRETARIAT = ("WSIS Forum Secretariat", "wsis-forum@example.org")
SENT = "Wed, 3 Feb 2021 10:12:00 +0100"
INVITATION_ID = "<k7x2m9.cl-21-4@example.org>"
FIXED_TIME = datetime(2021, 2, 4, 9, 0, 0)

SUBJECTS = {
    "en": "CL-21/4: WSIS Forum 2021 – High-Level Track policy statements",
    "fr": "CL-21/4 : Forum du SMSI 2021 – déclarations de politique générale",
    "es": "CL-21/4: Foro de la CMSI 2021 – declaraciones de política de alto nivel",
    "ru": "CL-21/4: Форум ВВУИО 2021 года – заявления высокого уровня",
    "zh": "CL-21/4：2021年信息社会世界峰会论坛高级别政策发言",
    "ar": "CL-21/4: منتدى القمة العالمية لمجتمع المعلومات 2021 – البيانات الرفيعة المستوى",
}

INVITATIONS = {
    "en": (
        "Dear Minister,\n\nI have the honour to invite you to participate in the High-Level Track"
        " of the WSIS Forum 2021, which will be held online from 15 to 19 March 2021, and to\n"
        "deliver a policy statement on behalf of your Government.\n\nPolicy statements are"
        " limited to three minutes. I would be grateful if you could confirm acceptance before"
        " 1 March 2021 by replying to this e-mail.\n\nPlease accept, Dear Minister, the"
        " assurances of my highest consideration.\n\nSecretary-General"
    ),
    "fr": (
        "Monsieur le Ministre,\n\nJ'ai l'honneur de vous inviter à participer au segment de haut"
        " niveau du Forum du SMSI 2021, qui se tiendra en ligne du 15 au 19 mars 2021, et à y"
        " prononcer une déclaration de politique générale au nom de votre Gouvernement.\n\nLes"
        " déclarations sont limitées à trois minutes. Je vous serais reconnaissant de bien"
        " vouloir confirmer votre acceptation avant le 1er mars 2021 en répondant à ce"
        " courriel.\n\nVeuillez agréer, Monsieur le Ministre, les assurances de ma très haute"
        " considération.\n\nLe Secrétaire général"
    ),
    "es": (
        "Señor Ministro:\n\nTengo el honor de invitarle a participar en la serie de sesiones de"
        " alto nivel del Foro de la CMSI 2021, que se celebrará en línea del 15 al 19 de marzo"
        " de 2021, y a pronunciar una declaración de política en nombre de su Gobierno.\n\nLas"
        " declaraciones tendrán una duración máxima de tres minutos. Le agradecería que"
        " confirmara su aceptación antes del 1 de marzo de 2021 respondiendo a este correo.\n\n"
        "Aprovecho la oportunidad para reiterarle las seguridades de mi más alta"
        " consideración.\n\nEl Secretario General"
    ),
    "ru": (
        "Уважаемый господин министр!\n\nИмею честь пригласить Вас принять участие в сегменте"
        " высокого уровня Форума ВВУИО 2021 года, который пройдет в онлайновом формате 15–19"
        " марта 2021 года, и выступить с заявлением о политике от имени Вашего правительства.\n\n"
        "Продолжительность заявлений не должна превышать трех минут. Буду признателен, если Вы"
        " подтвердите свое согласие до 1 марта 2021 года, ответив на это письмо.\n\nПримите,"
        " господин министр, уверения в моем самом высоком уважении.\n\nГенеральный секретарь"
    ),
    "zh": (
        "尊敬的部长阁下：\n\n我谨邀请您参加2021年信息社会世界峰会论坛高级别会议，该会议将于2021年"
        "3月15日至19日以线上方式举行，并请您代表贵国政府作政策发言。\n\n每位发言时间限三分钟。"
        "请于2021年3月1日前回复本邮件确认接受邀请。\n\n顺致最崇高的敬意。\n\n秘书长"
    ),
    "ar": (
        "معالي الوزير،\n\nيشرفني أن أدعوكم إلى المشاركة في الجزء الرفيع المستوى من منتدى القمة"
        " العالمية لمجتمع المعلومات لعام 2021، الذي سيُعقد عبر الإنترنت في الفترة من 15 إلى 19"
        " مارس 2021، وإلى إلقاء بيان بشأن السياسات باسم حكومتكم.\n\nولا تتجاوز مدة البيانات ثلاث"
        " دقائق. وأرجو التفضل بتأكيد قبولكم قبل 1 مارس 2021 بالرد على هذه الرسالة.\n\nوتفضلوا،"
        " معالي الوزير، بقبول فائق الاحترام والتقدير.\n\nالأمين العام"
    ),
}

# Outlook's localised header block labels: From, Sent, To, Subject.
OUTLOOK_LABELS = {
    "en": ("From", "Sent", "To", "Subject", "Wednesday, February 3, 2021 10:12 AM"),
    "fr": ("De", "Envoyé", "À", "Objet", "mercredi 3 février 2021 10:12"),
    "es": ("De", "Enviado el", "Para", "Asunto", "miércoles, 3 de febrero de 2021 10:12"),
    "ru": ("От", "Отправлено", "Кому", "Тема", "3 февраля 2021 г. 10:12"),
    "zh": ("发件人", "发送时间", "收件人", "主题", "2021年2月3日 10:12"),
    "ar": ("من", "تاريخ الإرسال", "إلى", "الموضوع", "الأربعاء، 3 فبراير، 2021 10:12 ص"),
}
GMAIL_ATTRIBUTION = {
    "en": "On Wed, 3 Feb 2021 at 10:12, WSIS Forum Secretariat <wsis-forum@example.org> wrote:",
    "fr": "Le mer. 3 févr. 2021 à 10:12, WSIS Forum Secretariat <wsis-forum@example.org> a écrit :",
    "es": "El mié, 3 feb 2021 a las 10:12, WSIS Forum Secretariat (<wsis-forum@example.org>)"
    " escribió:",
    "ru": "ср, 3 февр. 2021 г. в 10:12, WSIS Forum Secretariat <wsis-forum@example.org>:",
    "zh": "WSIS Forum Secretariat <wsis-forum@example.org> 于2021年2月3日周三 上午10:12写道：",
    "ar": "في الأربعاء، 3 فبراير 2021 في 10:12 ص، WSIS Forum Secretariat"
    " <wsis-forum@example.org> كتب:",
}
THUNDERBIRD_ATTRIBUTION = {
    "en": "On 03/02/2021 10:12, WSIS Forum Secretariat wrote:",
    "fr": "Le 03/02/2021 à 10:12, WSIS Forum Secretariat a écrit :",
    "es": "El 03/02/2021 a las 10:12, WSIS Forum Secretariat escribió:",
    "ru": "03.02.2021 10:12, WSIS Forum Secretariat пишет:",
    "zh": "在 2021/2/3 10:12, WSIS Forum Secretariat 写道:",
    "ar": "في 03/02/2021 10:12، كتب WSIS Forum Secretariat:",
}
APPLE_ATTRIBUTION = {
    "en": "On 3 Feb 2021, at 10:12, WSIS Forum Secretariat <wsis-forum@example.org> wrote:",
    "fr": "Le 3 févr. 2021 à 10:12, WSIS Forum Secretariat <wsis-forum@example.org> a écrit :",
    "es": "El 3 feb 2021, a las 10:12, WSIS Forum Secretariat <wsis-forum@example.org> escribió:",
    "ru": "3 февр. 2021 г., в 10:12, WSIS Forum Secretariat <wsis-forum@example.org> написал(а):",
    "zh": "2021年2月3日 10:12，WSIS Forum Secretariat <wsis-forum@example.org> 写道：",
    "ar": "في 3 فبراير 2021، الساعة 10:12، كتب WSIS Forum Secretariat <wsis-forum@example.org>:",
}
REPLY_PREFIX = {
    "en": "RE: ",
    "fr": "RE : ",
    "es": "RE: ",
    "ru": "RE: ",
    "zh": "回复：",
    "ar": "رد: ",
}


@dataclass
class Label:
    """One row of labels.csv."""

    file: str
    kind: str
    language: str = ""
    recipient: str = ""
    permanent: str = ""
    return_date: str = ""
    delegate: str = ""


LABELS: list[Label] = []


def _quote(lang: str, client: str) -> str:
    invitation = INVITATIONS[lang]
    quoted = "\n".join("> " + line if line else ">" for line in invitation.split("\n"))
    if client == "outlook":
        frm, sent, to, subj, when = OUTLOOK_LABELS[lang]
        return (
            "\n\n________________________________\n"
            f"{frm}: WSIS Forum Secretariat <wsis-forum@example.org>\n{sent}: {when}\n"
            f"{to}: Minister's Office\n{subj}: {SUBJECTS[lang]}\n\n{invitation}\n"
        )
    if client == "outlook-original":
        return (
            "\n\n-----Original Message-----\nFrom: WSIS Forum Secretariat"
            f" [mailto:wsis-forum@example.org]\nSent: 03 February 2021 10:12\nTo: Office\n"
            f"Subject: {SUBJECTS[lang]}\n\n{invitation}\n"
        )
    if client == "gmail":
        return f"\n\n{GMAIL_ATTRIBUTION[lang]}\n\n{quoted}\n"
    if client == "thunderbird":
        return f"\n\n{THUNDERBIRD_ATTRIBUTION[lang]}\n{quoted}\n"
    if client == "apple":
        return f"\n\n{APPLE_ATTRIBUTION[lang]}\n\n{quoted}\n"
    return ""


def _html(reply: str, lang: str, client: str) -> str:
    """An HTML body as Outlook or Gmail write it, with the quoted invitation in its container."""
    direction = ' dir="rtl"' if lang == "ar" else ""
    paragraphs = "".join(f"<p>{p.replace(chr(10), '<br>')}</p>" for p in reply.split("\n\n"))
    invitation = "".join(
        f"<p>{p.replace(chr(10), '<br>')}</p>" for p in INVITATIONS[lang].split("\n\n")
    )
    if client == "gmail":
        quote = (
            f'<div class="gmail_quote"><div dir="ltr" class="gmail_attr">'
            f"{GMAIL_ATTRIBUTION[lang].replace('<', '&lt;')}<br></div>"
            f'<blockquote class="gmail_quote" style="margin:0 0 0 .8ex;border-left:1px #ccc'
            f' solid;padding-left:1ex">{invitation}</blockquote></div>'
        )
    elif client == "outlook":
        frm, sent, to, subj, when = OUTLOOK_LABELS[lang]
        quote = (
            '<div id="appendonsend"></div><hr style="display:inline-block;width:98%">'
            f'<div id="divRplyFwdMsg" dir="ltr"><font face="Calibri"><b>{frm}:</b> WSIS Forum'
            f" Secretariat &lt;wsis-forum@example.org&gt;<br><b>{sent}:</b> {when}<br>"
            f"<b>{to}:</b> Minister's Office<br><b>{subj}:</b> {SUBJECTS[lang]}</font></div>"
            f"<div>{invitation}</div>"
        )
    else:
        quote = ""
    return (
        f'<html><head><meta charset="utf-8"><style>p {{margin:0}}</style></head>'
        f'<body{direction}><div style="font-family:Calibri,sans-serif">{paragraphs}</div>'
        f"{quote}</body></html>"
    )


_APPROXIMATIONS = {"–": "-", "—": "-", "’": "'", "“": '"', "”": '"', "\u00a0": " ", "…": "..."}


def _fit(text: str, charset: str) -> str:
    """Replace what the charset cannot carry, as a mail client does before sending."""
    codec = email_charset.Charset(charset).output_codec or "utf-8"
    out = []
    for char in text:
        try:
            char.encode(codec)
        except UnicodeEncodeError:
            char = _APPROXIMATIONS.get(char, "?")
        out.append(char)
    return "".join(out)


def _text_part(text: str, subtype: str, charset: str, encoding: str) -> MIMEText:
    text = _fit(text, charset)
    cs = email_charset.Charset(charset)
    cs.body_encoding = email_charset.QP if encoding == "qp" else email_charset.BASE64
    return MIMEText(text, subtype, cs)  # type: ignore[arg-type]


def _headers(
    msg: Message,
    *,
    sender: tuple[str, str],
    subject: str,
    charset: str,
    date: str,
    msgid: str,
    extra: dict[str, str] | None = None,
) -> None:
    header_charset = charset if charset not in ("us-ascii",) else "utf-8"
    msg["From"] = formataddr(
        (str(Header(_fit(sender[0], header_charset), header_charset)), sender[1])
    )
    msg["To"] = formataddr(SECRETARIAT)
    msg["Subject"] = Header(_fit(subject, header_charset), header_charset)
    msg["Date"] = date
    msg["Message-ID"] = msgid
    for name, value in (extra or {}).items():
        msg[name] = value


def human(
    name: str,
    *,
    lang: str,
    kind: str,
    sender: tuple[str, str],
    body: str,
    client: str = "gmail",
    charset: str = "utf-8",
    encoding: str = "qp",
    html: str | None = None,
    attachments: list[tuple[str, str, bytes]] | None = None,
    date: str = "Thu, 4 Feb 2021 09:41:17 +0000",
    delegate: str = "",
    subject: str | None = None,
    label_language: str | None = None,
) -> None:
    """A person's reply. ``html`` is "only" for an HTML-only message, "alt" for
    multipart/alternative; the quoted invitation follows the client's style."""
    subject = subject if subject is not None else REPLY_PREFIX[lang] + SUBJECTS[lang]
    text = body + _quote(lang, client)
    if html == "only":
        main: Message = _text_part(_html(body, lang, client), "html", charset, encoding)
    elif html == "alt":
        # Fixed boundaries keep the generated files identical from one run to the next.
        main = MIMEMultipart("alternative", boundary=f"=_alt_{name}")
        main.attach(_text_part(text, "plain", charset, encoding))
        main.attach(_text_part(_html(body, lang, client), "html", charset, encoding))
    else:
        main = _text_part(text, "plain", charset, encoding)
    if attachments:
        outer = MIMEMultipart("mixed", boundary=f"=_mixed_{name}")
        outer.attach(main)
        for filename, ctype, data in attachments:
            maintype, subtype = ctype.split("/", 1)
            part = (
                MIMEApplication(data, subtype)
                if maintype == "application"
                else MIMENonMultipart(maintype, subtype)
            )
            if maintype != "application":
                part.set_payload(data)
                from email import encoders

                encoders.encode_base64(part)
            part.add_header("Content-Disposition", "attachment", filename=filename)
            outer.attach(part)
        msg: Message = outer
    else:
        msg = main
    _headers(
        msg,
        sender=sender,
        subject=subject,
        charset=charset,
        date=date,
        msgid=f"<{name}@{sender[1].split('@')[1]}>",
        extra={"In-Reply-To": INVITATION_ID, "References": INVITATION_ID},
    )
    _write(name, msg)
    LABELS.append(
        Label(name, kind, lang if label_language is None else label_language, delegate=delegate)
    )


def auto(
    name: str,
    *,
    lang: str,
    sender: tuple[str, str],
    subject: str,
    body: str,
    headers: dict[str, str],
    return_date: str = "",
    charset: str = "utf-8",
    encoding: str = "qp",
    date: str = "Wed, 3 Feb 2021 10:13:02 +0100",
) -> None:
    """An automatic reply (out-of-office, robot) with the given identifying headers."""
    msg = _text_part(body, "plain", charset, encoding)
    _headers(
        msg,
        sender=sender,
        subject=subject,
        charset=charset,
        date=date,
        msgid=f"<{name}@{sender[1].split('@')[1]}>",
        extra={"In-Reply-To": INVITATION_ID, **headers},
    )
    _write(name, msg)
    LABELS.append(Label(name, "auto_reply", lang, return_date=return_date))


def raw(name: str, text: str, label: Label) -> None:
    """A message written out verbatim (bounces, read receipts): MTAs' exact layouts."""
    (HERE / name).write_bytes(text.lstrip("\n").replace("\n", "\r\n").encode("utf-8"))
    LABELS.append(label)


def _write(name: str, msg: Message) -> None:
    from email.generator import BytesGenerator

    buffer = io.BytesIO()
    BytesGenerator(buffer, mangle_from_=False, maxheaderlen=78).flatten(msg, linesep="\r\n")
    (HERE / name).write_bytes(buffer.getvalue())


# --- attachments ----------------------------------------------------------------------------


def docx(paragraphs: list[str], rtl: bool = False) -> bytes:
    """A small Word document holding the given paragraphs."""
    from docx import Document

    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.core_properties.created = document.core_properties.modified = FIXED_TIME
    document.save(buffer)
    # Re-pack with fixed member times so that the file is the same at every run.
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            stable = zipfile.ZipInfo(info.filename, date_time=(2021, 2, 4, 9, 0, 0))
            stable.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(stable, source.read(info.filename))
    return packed.getvalue()


def pdf(lines: list[str]) -> bytes:
    """A one-page PDF with a real text layer (Helvetica, WinAnsi): what a ministry's scanner
    with OCR or a word processor's "Save as PDF" produces. An empty list gives a page with a
    drawing and no text, like a scan without OCR."""
    ops = []
    if lines:
        ops.append("BT /F1 11 Tf 72 760 Td 14 TL")
        for line in lines:
            escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            ops.append(f"({escaped}) Tj T*")
        ops.append("ET")
    else:
        ops.append("0.2 g 72 500 450 250 re f 0.8 g 100 540 390 170 re f")
    stream = zlib.compress("\n".join(ops).encode("cp1252"))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


# A 1×1 PNG: a "scanned letter" image with no text layer.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


# --- the messages ---------------------------------------------------------------------------


def english() -> None:
    """Replies in English."""
    human(
        "en_accept_outlook.eml",
        lang="en",
        kind="accept",
        client="outlook",
        sender=("Peter Mwale", "p.mwale@ict.gov.example"),
        charset="windows-1252",
        body="Dear Sir,\n\nOn behalf of Hon. Grace Tembo, Minister of Information and"
        " Communications Technology, I am pleased to confirm her participation in the High-Level"
        " Track of the WSIS Forum 2021. She will deliver the policy statement through the online"
        " platform.\n\nKindly share the technical guidelines and the provisional schedule with"
        " this office.\n\nBest regards,\nPeter Mwale\nPrivate Secretary to the Minister\n"
        "Ministry of ICT | Tel. +000 555 0100",
    )
    human(
        "en_accept_gmail.eml",
        lang="en",
        kind="accept",
        client="gmail",
        sender=("Anna Lindqvist", "anna.lindqvist@digital.gov.example"),
        body="Hello,\n\nThe Minister accepts with pleasure. Our focal point for the recording"
        " will be Mr Erik Holm (erik.holm@digital.gov.example), who can be reached any time"
        " next week.\n\nThanks,\nAnna",
    )
    human(
        "en_delegate_outlook.eml",
        lang="en",
        kind="accept",
        client="outlook-original",
        sender=("Office of the Minister", "minister.office@moc.gov.example"),
        html="alt",
        delegate="the Deputy Minister of Communications, Dr. Samuel Okello",
        body="Dear Colleagues,\n\nThank you for the kind invitation addressed to the Minister."
        " As the Minister will be attending the Cabinet retreat during that week, the Deputy"
        " Minister of Communications, Dr. Samuel Okello, will deliver the statement on the"
        " Minister's behalf. His office will send the name of the technical contact"
        " separately.\n\nKind regards,\nJoan Achieng\nChief of Protocol",
    )
    human(
        "en_accept_apple.eml",
        lang="en",
        kind="accept",
        client="apple",
        sender=("Lars Vik", "lars.vik@mdt.gov.example"),
        body="Yes, count us in. Minister Larsen will record a three-minute video statement and"
        " we will upload it by 5 March.\n\nSent from my iPhone",
    )
    human(
        "en_accept_interleaved.eml",
        lang="en",
        kind="accept",
        client="none",
        sender=("Nadia Haddad", "n.haddad@telecom.gov.example"),
        body="Dear WSIS team,\n\n> I would be grateful if you could confirm acceptance before"
        " 1 March 2021\n> by replying to this e-mail.\n\nConfirmed: Minister Haddad will speak"
        " at the session. We will send her biography separately.\n\n> Policy statements are"
        " limited to three minutes.\n\nNoted, thank you.\n\nNadia",
    )
    human(
        "en_decline_outlook.eml",
        lang="en",
        kind="decline",
        client="outlook",
        sender=("Ministry of Digital Economy", "registry@mde.gov.example"),
        body="Dear Secretary-General,\n\nThe Ministry of Digital Economy thanks the ITU for the"
        " invitation to the WSIS Forum 2021. Regrettably, owing to commitments in Parliament"
        " during the budget session, the Minister is unable to take part this year and will not"
        " be sending a representative. We wish the Forum every success.\n\nYours sincerely,\n"
        "Director of International Cooperation",
    )
    human(
        "en_decline_thunderbird.eml",
        lang="en",
        kind="decline",
        client="thunderbird",
        sender=("Helen Roberts", "h.roberts@dcms.gov.example"),
        charset="iso-8859-1",
        body="Good afternoon,\n\nI am afraid the Minister will not be in a position to\n"
        "participate in the High-Level Track, as she is travelling to the regional summit\n"
        "on those dates. Please accept our apologies.\n\nRegards,\nHelen Roberts\n-- \n"
        "International Affairs Unit",
    )
    human(
        "en_decline_gmail.eml",
        lang="en",
        kind="decline",
        client="gmail",
        html="alt",
        sender=("Rui Tan", "rui.tan@imda.gov.example"),
        body="Hi, thanks for this. Unfortunately we have to decline this time: the new Minister"
        " takes office on 1 March and her agenda for March is not yet set.\n\nBest,\nRui",
    )
    human(
        "en_decline_neither.eml",
        lang="en",
        kind="decline",
        client="apple",
        sender=("Protocol Office", "protocol@mtic.gov.example"),
        body="Dear Sir or Madam,\n\nThe Minister regrets that neither she nor the Deputy"
        " Minister will be available during the week of 15 March, which coincides with the"
        " national elections.\n\nWith best wishes,\nProtocol Office",
    )
    human(
        "en_decline_html.eml",
        lang="en",
        kind="decline",
        client="outlook",
        html="only",
        sender=("Kofi Mensah", "k.mensah@moc.gov.example"),
        body="Dear all,\n\nregretfully the Minister cannot attend the WSIS Forum this year. We"
        " hope to be part of it in 2022.\n\nBest,\nKofi",
    )
    human(
        "en_other_question.eml",
        lang="en",
        kind="other",
        client="gmail",
        sender=("Maria Santos", "m.santos@dict.gov.example"),
        body="Dear WSIS team,\n\nBefore we confirm, could you tell us whether the statement can"
        " be pre-recorded, and in which time zone the sessions will run?\n\nMany thanks,\nMaria",
    )
    human(
        "en_other_revert.eml",
        lang="en",
        kind="other",
        client="outlook",
        sender=("Registry", "registry@ministry-ict.gov.example"),
        body="Dear colleagues,\n\nWell received with thanks. The invitation has been forwarded to"
        " the Honourable Minister's office and we will revert shortly with the Minister's"
        " decision.\n\nRegards,\nRegistry Unit",
    )
    human(
        "en_other_conditional.eml",
        lang="en",
        kind="other",
        client="thunderbird",
        sender=("Tom Becker", "t.becker@bmdv.gov.example"),
        body="Hello,\n\nThe Minister would very much like to take part, but we cannot confirm"
        " anything until her travel plans for March are approved by the Cabinet Office. I hope"
        " to have news for you by the end of next week.\n\nTom",
    )
    note = [
        "The Ministry of Information and Communications Technology presents its compliments to",
        "the International Telecommunication Union and, with reference to letter CL-21/4, has",
        "the honour to inform that the Minister will participate in the High-Level Track of the",
        "WSIS Forum 2021 and will deliver a policy statement of three minutes.",
        "The Ministry avails itself of this opportunity to renew to the Union the assurances",
        "of its highest consideration.",
    ]
    human(
        "en_attach_docx_accept.eml",
        lang="en",
        kind="accept",
        client="outlook",
        sender=("Registry", "registry@mict.gov.example"),
        body="Dear Sir/Madam,\n\nPlease find attached our reply to your letter CL-21/4.\n\n"
        "Regards,\nRegistry",
        attachments=[("Reply_CL-21-4.docx", DOCX_TYPE, docx([" ".join(note)]))],
    )
    human(
        "en_attach_scan.eml",
        lang="en",
        kind="other",
        client="outlook",
        sender=("Front Office", "frontoffice@most.gov.example"),
        body="Good morning,\n\nPlease see the attached letter from the Minister.\n\nRegards,\n"
        "Front Office",
        attachments=[("scan_0001.png", "image/png", PNG)],
    )
    human(
        "en_attach_pdf_decline.eml",
        lang="en",
        kind="decline",
        client="gmail",
        sender=("Secretariat", "secretariat@moic.gov.example"),
        body="Dear ITU colleagues,\n\nAttached please find the official response of the"
        " Ministry.\n\nRegards",
        attachments=[
            (
                "response.pdf",
                "application/pdf",
                pdf(
                    [
                        "Ref: MOIC/IC/2021/117",
                        "Dear Secretary-General,",
                        "With reference to your letter CL-21/4, I regret to inform you that the Minister",
                        "will not be able to attend the WSIS Forum 2021 owing to prior engagements.",
                        "Please accept the assurances of my highest consideration.",
                    ]
                ),
            )
        ],
    )


def french() -> None:
    """Replies in French."""
    human(
        "fr_accept_outlook.eml",
        lang="fr",
        kind="accept",
        client="outlook",
        sender=("Cabinet du Ministre", "cabinet@numerique.gouv.example"),
        charset="windows-1252",
        body="Madame, Monsieur,\n\nSuite à votre courrier CL-21/4, j'ai le plaisir de vous"
        " confirmer que Monsieur le Ministre participera au segment de haut niveau du Forum du"
        " SMSI 2021 et y prononcera une déclaration de politique générale.\n\nLe point focal"
        " pour les aspects techniques est Mme Aïcha Diallo (aicha.diallo@numerique.gouv.example)."
        "\n\nCordialement,\nLe Chef de Cabinet",
    )
    human(
        "fr_decline_gmail.eml",
        lang="fr",
        kind="decline",
        client="gmail",
        sender=("Sophie Lambert", "s.lambert@economie.gouv.example"),
        charset="iso-8859-1",
        body="Bonjour,\n\nNous vous remercions pour cette aimable invitation. Malheureusement, en"
        " raison d'obligations gouvernementales prévues de longue date, Madame la Ministre ne"
        " pourra pas prendre part au Forum cette année.\n\nBien cordialement,\nSophie Lambert",
    )
    human(
        "fr_delegate_thunderbird.eml",
        lang="fr",
        kind="accept",
        client="thunderbird",
        sender=("Secrétariat particulier", "sp@ptn.gouv.example"),
        charset="iso-8859-1",
        delegate="le Secrétaire d'État chargé du Numérique, M. Julien Moreau",
        body="Monsieur le Secrétaire général,\n\nLe Ministre, retenu par le Conseil des"
        " ministres à ces dates, a désigné le Secrétaire d'État chargé du Numérique, M. Julien"
        " Moreau, qui prononcera la déclaration en son nom.\n\nVeuillez agréer, Monsieur le"
        " Secrétaire général, l'expression de notre haute considération.",
    )
    human(
        "fr_other_question.eml",
        lang="fr",
        kind="other",
        client="gmail",
        html="only",
        sender=("Didier Kaboré", "d.kabore@mdenp.gouv.example"),
        body="Bonjour,\n\nPourriez-vous nous indiquer si la déclaration peut être transmise sous"
        " forme de vidéo préenregistrée ? Nous vous confirmerons ensuite la participation de la"
        " Ministre.\n\nMerci d'avance,\nDidier",
    )
    human(
        "fr_other_revert.eml",
        lang="fr",
        kind="other",
        client="apple",
        sender=("Courrier", "courrier@mtn.gouv.example"),
        body="Bien reçu, merci. Nous revenons vers vous dans les meilleurs délais.\n\n"
        "Envoyé de mon iPad",
    )
    human(
        "fr_attach_pdf_decline.eml",
        lang="fr",
        kind="decline",
        client="outlook",
        sender=("Bureau d'ordre", "bo@mpt.gouv.example"),
        charset="windows-1252",
        body="Madame, Monsieur,\n\nVeuillez trouver ci-joint la réponse du Ministère à votre"
        " lettre circulaire.\n\nCordialement",
        attachments=[
            (
                "Reponse_MPT.pdf",
                "application/pdf",
                pdf(
                    [
                        "Le Ministère des Postes et des Télécommunications présente ses compliments à",
                        "l'Union internationale des télécommunications et, se référant à la lettre",
                        "circulaire CL-21/4, a l'honneur de l'informer que le Ministre ne sera pas en",
                        "mesure de participer au Forum du SMSI 2021 en raison d'engagements antérieurs.",
                    ]
                ),
            )
        ],
    )
    human(
        "fr_accept_plaisir.eml",
        lang="fr",
        kind="accept",
        client="outlook",
        html="only",
        sender=("Claire Nguema", "c.nguema@tic.gouv.example"),
        charset="windows-1252",
        body="Bonjour,\n\nC'est avec plaisir que la Ministre accepte votre invitation. Elle"
        " enregistrera son intervention à l'avance et nous vous ferons parvenir la vidéo dans"
        " les délais indiqués.\n\nBien à vous,\nClaire Nguema",
    )
    human(
        "fr_decline_empeche.eml",
        lang="fr",
        kind="decline",
        client="thunderbird",
        sender=("Protocole", "protocole@mcn.gouv.example"),
        body="Monsieur,\n\nEmpêché par un déplacement officiel à l'étranger, le Ministre se voit"
        " contraint de décliner votre invitation, et vous prie de bien vouloir l'en excuser.\n\n"
        "Respectueusement,\nLe Service du Protocole",
    )
    human(
        "fr_other_conditional.eml",
        lang="fr",
        kind="other",
        client="gmail",
        sender=("Jean Mbarga", "j.mbarga@minpostel.gouv.example"),
        body="Bonjour,\n\nLa participation du Ministre est envisagée, sous réserve de la"
        " confirmation de son agenda par la Présidence. Je vous tiendrai informé dès que"
        " possible.\n\nCordialement,\nJean Mbarga",
    )


def spanish() -> None:
    """Replies in Spanish."""
    human(
        "es_accept_outlook.eml",
        lang="es",
        kind="accept",
        client="outlook",
        sender=("Despacho del Ministro", "despacho@mintic.gob.example"),
        charset="iso-8859-1",
        body="Estimados señores:\n\nPor instrucciones del señor Ministro, me complace confirmar"
        " su participación en la serie de sesiones de alto nivel del Foro de la CMSI 2021. El"
        " señor Ministro pronunciará la declaración de política de forma virtual.\n\n"
        "Atentamente,\nJefa de Despacho",
    )
    human(
        "es_decline_gmail.eml",
        lang="es",
        kind="decline",
        client="gmail",
        sender=("Lucía Fernández", "lucia.fernandez@mtt.gob.example"),
        body="Buenos días:\n\nLamentamos informarles que, debido a compromisos previamente"
        " adquiridos, la señora Ministra no podrá participar en el Foro de la CMSI 2021.\n\n"
        "Saludos cordiales,\nLucía",
    )
    human(
        "es_delegate_thunderbird.eml",
        lang="es",
        kind="accept",
        client="thunderbird",
        sender=("Carlos Ramírez", "c.ramirez@mtc.gob.example"),
        charset="windows-1252",
        delegate="el señor Viceministro de Telecomunicaciones, Ing. Carlos Ramírez",
        body="Estimado Secretario General:\n\nEn atención a su carta CL-21/4, le informo que el"
        " señor Viceministro de Telecomunicaciones, Ing. Carlos Ramírez, intervendrá en"
        " representación del señor Ministro, quien tiene compromisos ineludibles en esas"
        " fechas.\n\nUn cordial saludo,\nOficina de Cooperación Internacional",
    )
    human(
        "es_other_question.eml",
        lang="es",
        kind="other",
        client="apple",
        sender=("Paula Gómez", "p.gomez@sct.gob.example"),
        body="Hola, ¿sería posible que la declaración la pronuncie nuestro Embajador en"
        " Ginebra? Quedamos atentos a su respuesta.\n\nEnviado desde mi iPhone",
    )
    human(
        "es_other_revert.eml",
        lang="es",
        kind="other",
        client="outlook",
        html="only",
        sender=("Correspondencia", "correspondencia@mintel.gob.example"),
        charset="windows-1252",
        body="Estimados:\n\nAcusamos recibo de su amable invitación, que ha sido remitida al"
        " Despacho del Ministro para su consideración. Le confirmaremos la participación a la"
        " mayor brevedad.\n\nSaludos",
    )
    human(
        "es_decline_agenda.eml",
        lang="es",
        kind="decline",
        client="outlook",
        sender=("Gabinete", "gabinete@micitt.gob.example"),
        html="alt",
        body="Señores Secretaría del Foro:\n\nPor medio de la presente, y con pesar, les"
        " comunicamos que la agenda de la señora Ministra para la semana del 15 de marzo no le"
        " permite asistir al evento.\n\nAgradecemos la invitación y les deseamos éxito.\n\n"
        "Atentamente,\nGabinete",
    )
    nota = [
        "La Misión Permanente ante la Oficina de las Naciones Unidas en Ginebra saluda",
        "atentamente a la Unión Internacional de Telecomunicaciones y, con referencia a la",
        "carta circular CL-21/4, tiene el honor de comunicar que la señora Ministra de",
        "Ciencia y Tecnología participará en la serie de sesiones de alto nivel del Foro de la",
        "CMSI 2021 y pronunciará una declaración de política.",
    ]
    human(
        "es_attach_docx_accept.eml",
        lang="es",
        kind="accept",
        client="gmail",
        sender=("Misión Permanente", "mision.ginebra@mrree.gob.example"),
        body="Estimados señores:\n\nAdjunto remitimos la nota de respuesta.\n\nAtentamente",
        attachments=[("Nota_respuesta.docx", DOCX_TYPE, docx(nota))],
    )
    human(
        "es_attach_scan_pdf.eml",
        lang="es",
        kind="other",
        client="outlook",
        sender=("Mesa de partes", "mesadepartes@mtc.gob.example"),
        charset="iso-8859-1",
        body="Buenas tardes,\n\nSe adjunta el oficio firmado por el señor Ministro.\n\nSaludos",
        attachments=[("oficio_firmado.pdf", "application/pdf", pdf([]))],
    )
    human(
        "es_accept_html_gmail.eml",
        lang="es",
        kind="accept",
        client="gmail",
        html="only",
        sender=("Valentina Rojas", "v.rojas@subtel.gob.example"),
        body="Hola:\n\nCon mucho gusto, la Ministra participará en la sesión de alto nivel y"
        " enviará su declaración grabada antes del 5 de marzo.\n\nSaludos,\nValentina",
    )


def russian() -> None:
    """Replies in Russian."""
    human(
        "ru_accept_outlook.eml",
        lang="ru",
        kind="accept",
        client="outlook",
        sender=("Мария Иванова", "m.ivanova@mincifry.gov.example"),
        charset="windows-1251",
        encoding="base64",
        body="Уважаемые коллеги!\n\nПодтверждаем участие Министра цифрового развития в сегменте"
        " высокого уровня Форума ВВУИО 2021 года. Министр выступит с заявлением в режиме"
        " видеоконференции.\n\nКонтактное лицо по техническим вопросам: Иванова Мария,"
        " m.ivanova@mincifry.gov.example.\n\nС уважением,\nДепартамент международного"
        " сотрудничества",
    )
    human(
        "ru_decline_thunderbird.eml",
        lang="ru",
        kind="decline",
        client="thunderbird",
        sender=("Олег Смирнов", "o.smirnov@mincom.gov.example"),
        charset="koi8-r",
        body="Добрый день!\n\nБлагодарим за приглашение. К сожалению, в связи с ранее\n"
        "запланированными мероприятиями Министр не сможет принять участие в Форуме\n"
        "ВВУИО 2021 года.\n\nС уважением,\nО. Смирнов",
    )
    human(
        "ru_delegate_gmail.eml",
        lang="ru",
        kind="accept",
        client="gmail",
        sender=("Аппарат министра", "apparat@minsvyaz.gov.example"),
        delegate="заместитель министра связи Петров Алексей Николаевич",
        body="Здравствуйте!\n\nВместо министра с заявлением выступит заместитель министра связи"
        " Петров Алексей Николаевич. Просим включить его в список выступающих.\n\nСпасибо.",
    )
    human(
        "ru_other_question.eml",
        lang="ru",
        kind="other",
        client="outlook",
        charset="koi8-r",
        sender=("Ирина Ким", "i.kim@mdai.gov.example"),
        body="Уважаемые коллеги,\n\nпросим уточнить, возможно ли выступление на русском языке и"
        " будет ли обеспечен синхронный перевод.\n\nЗаранее благодарим,\nИ. Ким",
    )
    human(
        "ru_other_revert.eml",
        lang="ru",
        kind="other",
        client="outlook-original",
        sender=("Канцелярия", "kanc@mtk.gov.example"),
        charset="windows-1251",
        html="only",
        body="Ваше письмо получено и передано на рассмотрение руководству министерства. О"
        " принятом решении сообщим дополнительно.\n\nКанцелярия",
    )
    human(
        "ru_decline_otklonit.eml",
        lang="ru",
        kind="decline",
        client="apple",
        sender=("Протокольный отдел", "protocol@mintrans.gov.example"),
        body="Уважаемый господин Генеральный секретарь,\n\nк сожалению, вынуждены отклонить"
        " Ваше любезное приглашение: в указанные даты министр будет находиться в зарубежной"
        " командировке.\n\nС уважением,\nПротокольный отдел",
    )
    human(
        "ru_accept_gladly.eml",
        lang="ru",
        kind="accept",
        client="thunderbird",
        sender=("Алия Нурланова", "a.nurlanova@mdai.gov.example"),
        charset="windows-1251",
        body="Добрый день,\n\nМинистр с удовольствием примет участие в Форуме и выступит с"
        " заявлением в онлайн-формате. Текст выступления направим до 10 марта.\n\n"
        "С уважением,\nА. Нурланова",
    )
    zapiska = [
        "Министерство цифрового развития свидетельствует свое уважение Международному союзу",
        "электросвязи и, ссылаясь на письмо CL-21/4, имеет честь сообщить, что Министр",
        "к сожалению, не сможет принять участие в Форуме ВВУИО 2021 года в связи с ранее",
        "принятыми обязательствами.",
    ]
    human(
        "ru_attach_docx_decline.eml",
        lang="ru",
        kind="decline",
        client="outlook",
        sender=("Канцелярия", "office@mcd.gov.example"),
        charset="windows-1251",
        body="Добрый день!\n\nНаправляем ответ министерства во вложении.\n\nКанцелярия",
        attachments=[("Otvet_CL-21-4.docx", DOCX_TYPE, docx([" ".join(zapiska)]))],
    )


def chinese() -> None:
    """Replies in Chinese."""
    human(
        "zh_accept_outlook.eml",
        lang="zh",
        kind="accept",
        client="outlook",
        charset="gb2312",
        encoding="base64",
        sender=("国际合作司", "gjs@miit.gov.example"),
        body="尊敬的秘书处：\n\n感谢贵方邀请。我部部长将出席2021年信息社会世界峰会论坛高级别会议，"
        "并以视频方式作政策发言。技术联络人为王磊先生，邮箱 wanglei@miit.gov.example。\n\n"
        "此致\n敬礼\n\n国际合作司",
    )
    human(
        "zh_decline_gmail.eml",
        lang="zh",
        kind="decline",
        client="gmail",
        charset="gb2312",
        sender=("刘洋", "liuyang@mic.gov.example"),
        body="您好！\n\n很遗憾地通知您，由于日程冲突，部长无法出席本次论坛。\n\n谢谢！\n刘洋",
    )
    human(
        "zh_delegate_big5.eml",
        lang="zh",
        kind="accept",
        client="outlook",
        charset="big5",
        encoding="base64",
        sender=("部長辦公室", "office@moc.gov.example"),
        delegate="副部長李明",
        body="敬啟者：\n\n部長因另有公務，無法親自出席，將由副部長李明代表部長發表政策聲明。\n\n"
        "順頌 時祺\n\n部長辦公室",
    )
    human(
        "zh_other_question.eml",
        lang="zh",
        kind="other",
        client="gmail",
        html="only",
        sender=("陈静", "chenjing@most.gov.example"),
        body="您好，\n\n请问政策发言是否可以提前录制？另外，能否告知发言的具体时间安排？\n\n陈静",
    )
    human(
        "zh_other_revert.eml",
        lang="zh",
        kind="other",
        client="apple",
        charset="gb2312",
        sender=("办公厅", "bgt@mps.gov.example"),
        body="来函收悉。我们正在协调部长的日程安排，稍后将另行回复。\n\n发自我的iPhone",
    )
    human(
        "zh_accept_thunderbird.eml",
        lang="zh",
        kind="accept",
        client="thunderbird",
        sender=("张伟", "zhangwei@cac.gov.example"),
        body="秘书处：\n\n部长欣然接受邀请，届时将在线发言。请告知会议链接。\n\n张伟",
    )
    fuhan = [
        "国际电信联盟秘书处：",
        "贵方CL-21/4号函收悉。部长因另有要务，无法出席2021年信息社会世界峰会论坛，特此函告。",
        "顺致崇高敬意。",
    ]
    human(
        "zh_attach_docx_decline.eml",
        lang="zh",
        kind="decline",
        client="outlook",
        charset="gb2312",
        sender=("外事处", "wsc@mii.gov.example"),
        body="您好：\n\n附件为我部复函，请查收。\n\n外事处",
        attachments=[("复函.docx", DOCX_TYPE, docx(fuhan))],
    )
    human(
        "zh_decline_gbk.eml",
        lang="zh",
        kind="decline",
        client="gmail",
        charset="gb2312",
        html="alt",
        sender=("赵敏", "zhaomin@ndrc.gov.example"),
        body="秘书处同事：\n\n谢谢邀请。部长三月中旬已有出访安排，不能参加今年的论坛，敬请谅解。\n\n赵敏",
    )


def arabic() -> None:
    """Replies in Arabic."""
    human(
        "ar_accept_outlook.eml",
        lang="ar",
        kind="accept",
        client="outlook",
        charset="windows-1256",
        encoding="base64",
        sender=("مكتب الوزير", "office@mtit.gov.example"),
        body="السادة الأفاضل،\n\nيسرنا أن نؤكد مشاركة معالي الوزير في الجزء الرفيع المستوى من"
        " منتدى القمة العالمية لمجتمع المعلومات 2021، وسيلقي معاليه بياناً بشأن السياسات عبر"
        " الاتصال المرئي.\n\nمع خالص التحيات،\nمكتب الوزير",
    )
    human(
        "ar_decline_gmail.eml",
        lang="ar",
        kind="decline",
        client="gmail",
        sender=("إدارة العلاقات الدولية", "ir@mcit.gov.example"),
        body="تحية طيبة وبعد،\n\nنشكركم على دعوتكم الكريمة، ويؤسفنا إبلاغكم بأنه يتعذر على معالي"
        " الوزير المشاركة في المنتدى هذا العام نظراً لارتباطات سابقة.\n\nوتفضلوا بقبول فائق"
        " الاحترام.",
    )
    human(
        "ar_delegate_thunderbird.eml",
        lang="ar",
        kind="accept",
        client="thunderbird",
        charset="windows-1256",
        sender=("العلاقات العامة", "pr@moc.gov.example"),
        delegate="سعادة وكيل الوزارة",
        body="السلام عليكم،\n\nنحيطكم علماً بأن سعادة وكيل الوزارة سيلقي البيان نيابة عن معالي"
        " الوزير، لتزامن موعد المنتدى مع اجتماع مجلس الوزراء.\n\nمع التحية",
    )
    human(
        "ar_other_question.eml",
        lang="ar",
        kind="other",
        client="gmail",
        html="only",
        sender=("سارة المنصوري", "s.almansouri@tra.gov.example"),
        body="مرحباً،\n\nهل يمكن أن يُلقى البيان باللغة العربية مع توفير الترجمة الفورية؟ نرجو"
        " إفادتنا بذلك.\n\nشكراً",
    )
    human(
        "ar_other_revert.eml",
        lang="ar",
        kind="other",
        client="outlook",
        charset="windows-1256",
        sender=("الديوان", "diwan@mtc.gov.example"),
        body="تم استلام رسالتكم وإحالتها إلى مكتب معالي الوزير، وسنوافيكم بالرد في أقرب وقت"
        " ممكن.\n\nالديوان",
    )
    human(
        "ar_accept_apple.eml",
        lang="ar",
        kind="accept",
        client="apple",
        sender=("خالد العتيبي", "k.alotaibi@mcit.gov.example"),
        body="نعم، يسعدني قبول الدعوة، وسأرسل البيان المسجل قبل الموعد المحدد.\n\nأرسلت من"
        " iPhone الخاص بي",
    )
    mudhakkira = [
        "تهدي وزارة الاتصالات وتكنولوجيا المعلومات أطيب تحياتها إلى الاتحاد الدولي للاتصالات،",
        "وبالإشارة إلى الرسالة CL-21/4، تتشرف بإفادته بأن معالي الوزير سيشارك في منتدى القمة"
        " العالمية لمجتمع المعلومات 2021 وسيلقي بياناً بشأن السياسات.",
        "وتغتنم الوزارة هذه الفرصة لتعرب للاتحاد عن فائق تقديرها واحترامها.",
    ]
    human(
        "ar_attach_docx_accept.eml",
        lang="ar",
        kind="accept",
        client="outlook",
        charset="windows-1256",
        sender=("الصادر والوارد", "registry@moict.gov.example"),
        body="السادة الكرام،\n\nمرفق طيه رد الوزارة على رسالتكم.\n\nمع التحية",
        attachments=[("rad.docx", DOCX_TYPE, docx(mudhakkira, rtl=True))],
    )
    human(
        "ar_attach_scan.eml",
        lang="ar",
        kind="other",
        client="gmail",
        sender=("مكتب الوزير", "minister@mtcit.gov.example"),
        body="مرفق طيه كتاب معالي الوزير الموقع.\n\nمع التحية",
        attachments=[("kitab.png", "image/png", PNG)],
    )
    human(
        "ar_decline_html.eml",
        lang="ar",
        kind="decline",
        client="outlook",
        html="only",
        charset="windows-1256",
        sender=("أحمد يوسف", "a.yousef@moc.gov.example"),
        body="السادة أمانة المنتدى،\n\nنعتذر عن عدم تمكن معالي الوزير من المشاركة في المنتدى"
        " لهذا العام بسبب التزامات مسبقة.\n\nمع التقدير",
    )


def auto_replies() -> None:
    """Out-of-office replies, robots and read receipts."""
    auto(
        "auto_en_exchange.eml",
        lang="en",
        sender=("Grace Tembo", "g.tembo@ict.gov.example"),
        subject="Automatic reply: " + SUBJECTS["en"],
        return_date="2021-02-15",
        headers={
            "Auto-Submitted": "auto-replied",
            "X-Auto-Response-Suppress": "All",
            "X-MS-Exchange-Inbox-Rules-Loop": "g.tembo@ict.gov.example",
        },
        body="Thank you for your message. I am out of the office with limited access to e-mail"
        " and will be back on 15 February. For urgent matters please contact my assistant,"
        " Ms Ruth Banda (r.banda@ict.gov.example).",
    )
    auto(
        "auto_fr_absence.eml",
        lang="fr",
        sender=("Aïcha Diallo", "a.diallo@numerique.gouv.example"),
        subject="Réponse automatique : " + SUBJECTS["fr"],
        return_date="2021-02-15",
        charset="iso-8859-1",
        headers={"X-Autoreply": "yes"},
        body="Bonjour,\n\nJe suis absente du bureau jusqu'au 12 février inclus. Je serai de"
        " retour le lundi 15 février 2021 et traiterai votre message à mon retour.\n\n"
        "Cordialement,\nAïcha Diallo",
    )
    auto(
        "auto_es_vacaciones.eml",
        lang="es",
        sender=("Lucía Fernández", "lucia@mtt.gob.example"),
        subject="Respuesta automática: " + SUBJECTS["es"],
        return_date="2021-02-22",
        headers={"Auto-Submitted": "auto-replied"},
        body="Me encuentro de vacaciones. Regresaré el 22 de febrero. Para asuntos urgentes,"
        " escriba a gabinete@mtt.gob.example.",
    )
    auto(
        "auto_ru_otpusk.eml",
        lang="ru",
        sender=("Олег Смирнов", "o.smirnov@mincom.gov.example"),
        subject="Автоматический ответ: " + SUBJECTS["ru"],
        return_date="2021-02-22",
        charset="windows-1251",
        encoding="base64",
        headers={"Auto-Submitted": "auto-replied"},
        body="Здравствуйте!\n\nНахожусь в отпуске до 19 февраля, вернусь 22 февраля. По срочным"
        " вопросам обращайтесь к Анне Петровой.",
    )
    auto(
        "auto_zh_gb2312.eml",
        lang="zh",
        sender=("王磊", "wanglei@miit.gov.example"),
        subject="自动回复：" + SUBJECTS["zh"],
        return_date="2021-02-15",
        charset="gb2312",
        encoding="base64",
        headers={"Auto-Submitted": "auto-replied"},
        body="您好！我目前不在办公室，将于2月15日返回。紧急事务请联系李女士，电话 010-5550100。",
    )
    auto(
        "auto_ar_1256.eml",
        lang="ar",
        sender=("مكتب الوزير", "office@mtit.gov.example"),
        subject="رد تلقائي: " + SUBJECTS["ar"],
        return_date="2021-02-21",
        charset="windows-1256",
        headers={"Auto-Submitted": "auto-replied"},
        body="شكراً لرسالتكم. أنا خارج المكتب حالياً، وسأعود يوم 21 فبراير 2021. للأمور العاجلة"
        " يرجى التواصل مع مكتب السكرتارية.",
    )
    auto(
        "auto_en_robot.eml",
        lang="en",
        sender=("Registry", "registry@mde.gov.example"),
        subject="Re: " + SUBJECTS["en"],
        headers={},
        body="Thank you for your e-mail.\n\nThis is an automated response to confirm that your"
        " message has been received by the Ministry's central registry. It will be assigned to"
        " the responsible department. Please do not reply to this message.",
    )
    auto(
        "auto_fr_numeric.eml",
        lang="fr",
        sender=("Jean Mbarga", "j.mbarga@minpostel.gouv.example"),
        subject="Absent du bureau",
        return_date="2021-03-01",
        headers={"X-Autorespond": "true"},
        body="Bonjour,\n\nAbsent jusqu'au 26/02/2021. Retour prévu le 01/03/2021.\n\n"
        "Pour toute urgence, merci de contacter le secrétariat.",
    )
    auto(
        "auto_es_iso.eml",
        lang="es",
        sender=("Paula Gómez", "p.gomez@sct.gob.example"),
        subject="Fuera de la oficina",
        return_date="2021-02-19",
        charset="windows-1252",
        headers={"Precedence": "auto_reply"},
        body="Estaré fuera de la oficina hasta el 2021-02-19 sin acceso al correo electrónico."
        " Su mensaje será atendido a mi regreso.",
    )
    auto(
        "auto_ru_koi8.eml",
        lang="ru",
        sender=("Ирина Ким", "i.kim@mdai.gov.example"),
        subject="Вне офиса: " + SUBJECTS["ru"],
        return_date="2021-03-01",
        charset="koi8-r",
        headers={
            "X-Auto-Response-Suppress": "All",
            "X-MS-Exchange-Inbox-Rules-Loop": "i.kim@mdai.gov.example",
        },
        body="Добрый день! Я в командировке и буду на работе с 1 марта. Ваше письмо будет"
        " рассмотрено после моего возвращения.",
    )
    auto(
        "auto_zh_big5.eml",
        lang="zh",
        sender=("林怡君", "lin@moc.gov.example"),
        subject="自動回覆：休假中",
        return_date="2021-02-22",
        charset="big5",
        encoding="base64",
        headers={"Auto-Submitted": "auto-generated"},
        body="您好，本人休假中，2月22日回國後將盡快回覆您的郵件。謝謝。",
    )
    auto(
        "auto_ar_levant.eml",
        lang="ar",
        sender=("رامي حداد", "r.haddad@mot.gov.example"),
        subject="خارج المكتب",
        return_date="2021-03-01",
        headers={"Precedence": "bulk"},
        body="سأكون خارج المكتب حتى 28 شباط، وسأعود إلى العمل في 1 آذار. في الحالات الطارئة"
        " يرجى الاتصال بالمكتب.",
    )
    raw(
        "auto_read_receipt.eml",
        """
From: Helen Roberts <h.roberts@dcms.gov.example>
To: WSIS Forum Secretariat <wsis-forum@example.org>
Subject: Read: CL-21/4: WSIS Forum 2021 - High-Level Track policy statements
Date: Thu, 4 Feb 2021 08:02:11 +0000
Message-ID: <rr-20210204080211@dcms.gov.example>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=disposition-notification;
 boundary="----=_NextPart_RR_01"

------=_NextPart_RR_01
Content-Type: text/plain; charset="utf-8"

Your message

  To: Helen Roberts
  Subject: CL-21/4: WSIS Forum 2021 - High-Level Track policy statements
  Sent: Wednesday, February 3, 2021 9:12:00 AM (UTC+00:00) Dublin, Edinburgh, Lisbon, London

was read on Thursday, February 4, 2021 8:02:05 AM (UTC+00:00) Dublin, Edinburgh, Lisbon, London.

------=_NextPart_RR_01
Content-Type: message/disposition-notification

Reporting-UA: mail.dcms.gov.example; Microsoft Exchange Server
Final-Recipient: rfc822;h.roberts@dcms.gov.example
Original-Message-ID: <k7x2m9.cl-21-4@example.org>
Disposition: automatic-action/MDN-sent-automatically; displayed

------=_NextPart_RR_01--
""",
        Label("auto_read_receipt.eml", "auto_reply", "en"),
    )


ORIGINAL_HEADERS = """From: WSIS Forum Secretariat <bounces+{token}@example.org>
To: {rcpt}
Subject: CL-21/4: WSIS Forum 2021 - High-Level Track policy statements
Date: Wed, 3 Feb 2021 10:12:00 +0100
Message-ID: <{token}.cl-21-4@example.org>"""


def _original(token: str, rcpt: str) -> str:
    return ORIGINAL_HEADERS.format(token=token, rcpt=rcpt)


def bounces() -> None:
    """Delivery failures and delays as Postfix, Exim, Exchange, Gmail, Sendmail and qmail write
    them."""
    rcpt = "minister@mict.gov.example"
    raw(
        "bounce_postfix_permanent.eml",
        f"""
Return-Path: <>
Received: by mx1.example.org (Postfix) id 4DVq1Z2kJ7z9sWB; Wed,  3 Feb 2021 10:12:09 +0100
Date: Wed,  3 Feb 2021 10:12:09 +0100 (CET)
From: MAILER-DAEMON@mx1.example.org (Mail Delivery System)
Subject: Undelivered Mail Returned to Sender
To: bounces+k7x2m9@example.org
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
	boundary="4DVq1Z2kJ7z9sWB.1612343529/mx1.example.org"
Message-Id: <20210203091209.4DVq1Z2kJ7z9sWB@mx1.example.org>

This is a MIME-encapsulated message.

--4DVq1Z2kJ7z9sWB.1612343529/mx1.example.org
Content-Description: Notification
Content-Type: text/plain; charset=us-ascii

This is the mail system at host mx1.example.org.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients. It's attached below.

For further assistance, please send mail to postmaster.

If you do so, please include this problem report. You can
delete your own text from the attached returned message.

                   The mail system

<{rcpt}>: host mail.mict.gov.example[192.0.2.25] said: 550
    5.1.1 <{rcpt}>: Recipient address rejected: User unknown in
    virtual mailbox table (in reply to RCPT TO command)

--4DVq1Z2kJ7z9sWB.1612343529/mx1.example.org
Content-Description: Delivery report
Content-Type: message/delivery-status

Reporting-MTA: dns; mx1.example.org
X-Postfix-Queue-ID: 4DVq1Z2kJ7z9sWB
X-Postfix-Sender: rfc822; bounces+k7x2m9@example.org
Arrival-Date: Wed,  3 Feb 2021 10:12:00 +0100 (CET)

Final-Recipient: rfc822; {rcpt}
Original-Recipient: rfc822;{rcpt}
Action: failed
Status: 5.1.1
Remote-MTA: dns; mail.mict.gov.example
Diagnostic-Code: smtp; 550 5.1.1 <{rcpt}>: Recipient address rejected: User
    unknown in virtual mailbox table

--4DVq1Z2kJ7z9sWB.1612343529/mx1.example.org
Content-Description: Undelivered Message Headers
Content-Type: text/rfc822-headers

{_original("k7x2m9", rcpt)}

--4DVq1Z2kJ7z9sWB.1612343529/mx1.example.org--
""",
        Label("bounce_postfix_permanent.eml", "bounce", "", rcpt, "true"),
    )

    rcpt = "cabinet@ptn.gouv.example"
    raw(
        "bounce_postfix_delayed.eml",
        f"""
Return-Path: <>
Date: Sat,  6 Feb 2021 10:20:31 +0100 (CET)
From: MAILER-DAEMON@mx1.example.org (Mail Delivery System)
Subject: Delayed Mail (still being retried)
To: bounces+q3v8d1@example.org
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
	boundary="4DXx7b0Pqkz9sWC.1612603231/mx1.example.org"
Message-Id: <20210206092031.4DXx7b0Pqkz9sWC@mx1.example.org>

--4DXx7b0Pqkz9sWC.1612603231/mx1.example.org
Content-Description: Notification
Content-Type: text/plain; charset=us-ascii

This is the mail system at host mx1.example.org.

####################################################################
# THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #
####################################################################

Your message could not be delivered for more than 72 hour(s).
It will be retried until it is 5 day(s) old.

                   The mail system

<{rcpt}>: connect to mx.ptn.gouv.example[198.51.100.7]:25: Connection timed
    out

--4DXx7b0Pqkz9sWC.1612603231/mx1.example.org
Content-Description: Delivery report
Content-Type: message/delivery-status

Reporting-MTA: dns; mx1.example.org
X-Postfix-Queue-ID: 4DXx7b0Pqkz9sWC
Arrival-Date: Wed,  3 Feb 2021 10:12:00 +0100 (CET)

Final-Recipient: rfc822; {rcpt}
Action: delayed
Status: 4.4.1
Diagnostic-Code: X-Postfix; connect to mx.ptn.gouv.example[198.51.100.7]:25:
    Connection timed out
Will-Retry-Until: Mon,  8 Feb 2021 10:12:00 +0100 (CET)

--4DXx7b0Pqkz9sWC.1612603231/mx1.example.org
Content-Type: text/rfc822-headers

{_original("q3v8d1", rcpt)}

--4DXx7b0Pqkz9sWC.1612603231/mx1.example.org--
""",
        Label("bounce_postfix_delayed.eml", "bounce", "", rcpt, "false"),
    )

    rcpt = "despacho@mintic.gob.example"
    raw(
        "bounce_exim_permanent.eml",
        f"""
Return-path: <>
Received: from Debian-exim by relay.example.org with local (Exim 4.94)
	id 1l7Fz3-0004Qx-8L
	for bounces+w2n5r7@example.org; Wed, 03 Feb 2021 10:12:13 +0100
X-Failed-Recipients: {rcpt}
Auto-Submitted: auto-replied
From: Mail Delivery System <Mailer-Daemon@relay.example.org>
To: bounces+w2n5r7@example.org
Content-Type: text/plain; charset=us-ascii
Subject: Mail delivery failed: returning message to sender
Message-Id: <E1l7Fz3-0004Qx-8L@relay.example.org>
Date: Wed, 03 Feb 2021 10:12:13 +0100

This message was created automatically by mail delivery software.

A message that you sent could not be delivered to one or more of its
recipients. This is a permanent error. The following address(es) failed:

  {rcpt}
    host mx.mintic.gob.example [203.0.113.12]
    SMTP error from remote mail server after RCPT TO:<{rcpt}>:
    550 5.1.1 User unknown

------ This is a copy of the message, including all the headers. ------

Return-path: <bounces+w2n5r7@example.org>
{_original("w2n5r7", rcpt)}

Dear Minister,

I have the honour to invite you to participate in the High-Level Track of the
WSIS Forum 2021 ...
""",
        Label("bounce_exim_permanent.eml", "bounce", "", rcpt, "true"),
    )

    rcpt = "office@mcd.gov.example"
    raw(
        "bounce_exim_delayed.eml",
        f"""
Return-path: <>
X-Failed-Recipients: {rcpt}
Auto-Submitted: auto-replied
From: Mail Delivery System <Mailer-Daemon@relay.example.org>
To: bounces+h4k9p2@example.org
Content-Type: text/plain; charset=us-ascii
Subject: Warning: message 1l7Fz9-0004R2-1c delayed 24 hours
Message-Id: <E1l8Abc-0007Zz-2x@relay.example.org>
Date: Thu, 04 Feb 2021 10:15:02 +0100

This message was created automatically by mail delivery software.
A message that you sent has not yet been delivered to one or more of its
recipients after more than 24 hours on the queue on relay.example.org.

The message identifier is:     1l7Fz9-0004R2-1c
The subject of the message is: CL-21/4: WSIS Forum 2021 - High-Level Track policy statements
The date of the message is:    Wed, 03 Feb 2021 10:12:00 +0100

The address to which the message has not yet been delivered is:

  {rcpt}
    host mx.mcd.gov.example [192.0.2.80]
    Delay reason: SMTP error from remote mail server after RCPT TO:<{rcpt}>:
    451 4.7.1 Greylisted, please try again later

No action is required on your part. Delivery attempts will continue for
some time, and this warning may be repeated at intervals if the message
remains undelivered. Eventually the mail delivery software will give up,
and when that happens, the message will be returned to you.
""",
        Label("bounce_exim_delayed.eml", "bounce", "", rcpt, "false"),
    )

    rcpt = "minister.office@moc.gov.example"
    raw(
        "bounce_exchange_ndr.eml",
        f"""
From: Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@example.org>
To: <bounces+t6y1u3@example.org>
Date: Wed, 3 Feb 2021 09:12:15 +0000
Subject: Undeliverable: CL-21/4: WSIS Forum 2021 - High-Level Track policy statements
Content-Type: multipart/report; report-type=delivery-status;
	boundary="_000_ndr_b1c2d3"
Message-ID: <b1c2d3e4-0000-4000-8000-ndr@example.org>
MIME-Version: 1.0
X-MS-Exchange-Message-Is-Ndr:
Auto-Submitted: auto-replied

--_000_ndr_b1c2d3
Content-Type: multipart/alternative; boundary="_002_ndr_b1c2d3"

--_002_ndr_b1c2d3
Content-Type: text/plain; charset="us-ascii"

Your message to {rcpt} couldn't be delivered.
{rcpt.split("@")[0]} wasn't found at moc.gov.example.

Office 365      {rcpt.split("@")[0]}
Action Required                     Recipient
Unknown To address

How to Fix It
The address may be misspelled or may not exist. Try one or more of the following:
Retype the recipient's address, then resend the message.

Diagnostic information for administrators:
Generating server: AM6PR01MB1234.eurprd01.prod.exchangelabs.example
{rcpt}
Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'

--_002_ndr_b1c2d3
Content-Type: text/html; charset="us-ascii"

<html><body><p>Your message to <a href="mailto:{rcpt}">{rcpt}</a> couldn't be delivered.</p>
<p><b>Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound'</b></p></body></html>

--_002_ndr_b1c2d3--

--_000_ndr_b1c2d3
Content-Type: message/delivery-status

Reporting-MTA: dns;AM6PR01MB1234.eurprd01.prod.exchangelabs.example
Received-From-MTA: dns;mail.example.org
Arrival-Date: Wed, 3 Feb 2021 09:12:14 +0000

Final-Recipient: rfc822;{rcpt}
Action: failed
Status: 5.1.10
Diagnostic-Code: smtp;550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup

--_000_ndr_b1c2d3
Content-Type: message/rfc822

{_original("t6y1u3", rcpt)}
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"

Dear Minister, ...

--_000_ndr_b1c2d3--
""",
        Label("bounce_exchange_ndr.eml", "bounce", "", rcpt, "true"),
    )

    rcpt = "n.haddad@telecom.gov.example"
    raw(
        "bounce_exchange_2003.eml",
        f"""
From: System Administrator <postmaster@telecom.gov.example>
To: bounces+z8x7c6@example.org
Subject: Undeliverable: CL-21/4: WSIS Forum 2021 - High-Level Track policy statements
Date: Wed, 3 Feb 2021 10:14:40 +0200
Message-ID: <NDR-20210203-101440@telecom.gov.example>
MIME-Version: 1.0
Content-Type: text/plain; charset="iso-8859-1"

Your message did not reach some or all of the intended recipients.

      Subject:	CL-21/4: WSIS Forum 2021 - High-Level Track policy statements
      Sent:	03/02/2021 10:12

The following recipient(s) cannot be reached:

      '{rcpt}' on 03/02/2021 10:14
            The e-mail account does not exist at the organization this message was sent to.  Check the e-mail address, or contact the recipient directly to find out the correct address.
            <EXCH01.telecom.gov.example #5.1.1>
""",
        Label("bounce_exchange_2003.eml", "bounce", "", rcpt, "true"),
    )

    rcpt = "rui.tan@imda.gov.example"
    raw(
        "bounce_gmail_failure.eml",
        f"""
Return-Path: <>
Received: by mail-sor-f69.google.example with SMTP id a1sor123456qkb.1
MIME-Version: 1.0
From: Mail Delivery Subsystem <mailer-daemon@googlemail.example>
To: bounces+m1n2b3@example.org
Auto-Submitted: auto-replied
Subject: Delivery Status Notification (Failure)
Message-ID: <5f1a2b3c.1c69fb81.gmail-dsn@mx.google.example>
Date: Wed, 03 Feb 2021 01:12:20 -0800
Content-Type: multipart/report; boundary="000000000000a1b2c3d4e5f60718"; report-type=delivery-status

--000000000000a1b2c3d4e5f60718
Content-Type: multipart/related; boundary="000000000000a1b2c3d4e5f60720"

--000000000000a1b2c3d4e5f60720
Content-Type: multipart/alternative; boundary="000000000000a1b2c3d4e5f60721"

--000000000000a1b2c3d4e5f60721
Content-Type: text/plain; charset="UTF-8"


** Address not found **

Your message wasn't delivered to {rcpt} because the address couldn't be found, or is unable to receive mail.

Learn more here: https://support.google.example/mail/?p=NoSuchUser

The response was:

550 5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient's email address for typos or unnecessary spaces.

--000000000000a1b2c3d4e5f60721
Content-Type: text/html; charset="UTF-8"

<html><body><h2>Address not found</h2><p>Your message wasn't delivered to <b>{rcpt}</b>.</p></body></html>

--000000000000a1b2c3d4e5f60721--

--000000000000a1b2c3d4e5f60720--

--000000000000a1b2c3d4e5f60718
Content-Type: message/delivery-status

Reporting-MTA: dns; googlemail.example
Received-From-MTA: dns; wsis-forum@example.org
Arrival-Date: Wed, 03 Feb 2021 01:12:19 -0800 (PST)
X-Original-Message-ID: <m1n2b3.cl-21-4@example.org>

Final-Recipient: rfc822; {rcpt}
Action: failed
Status: 5.1.1
Remote-MTA: dns; imda-gov-example.mail.protection.outlook.example. (203.0.113.50, the server for the domain imda.gov.example.)
Diagnostic-Code: smtp; 550 5.1.1 The email account that you tried to reach does not exist.
Last-Attempt-Date: Wed, 03 Feb 2021 01:12:20 -0800 (PST)

--000000000000a1b2c3d4e5f60718
Content-Type: message/rfc822

{_original("m1n2b3", rcpt)}

Dear Minister, ...

--000000000000a1b2c3d4e5f60718--
""",
        Label("bounce_gmail_failure.eml", "bounce", "", rcpt, "true"),
    )

    rcpt = "s.almansouri@tra.gov.example"
    raw(
        "bounce_gmail_delay.eml",
        f"""
Return-Path: <>
MIME-Version: 1.0
From: Mail Delivery Subsystem <mailer-daemon@googlemail.example>
To: bounces+p0o9i8@example.org
Auto-Submitted: auto-replied
Subject: Delivery Status Notification (Delay)
Message-ID: <5f1a2b3c.delay.gmail-dsn@mx.google.example>
Date: Thu, 04 Feb 2021 05:40:02 -0800
Content-Type: multipart/report; boundary="00000000000099887766"; report-type=delivery-status

--00000000000099887766
Content-Type: text/plain; charset="UTF-8"

** Message not delivered yet **

There was a temporary problem delivering your message to {rcpt}. Gmail will retry for 46 more hours. You'll be notified if the delivery fails permanently.

The response was:

The recipient server did not accept our requests to connect.

--00000000000099887766
Content-Type: message/delivery-status

Reporting-MTA: dns; googlemail.example
Arrival-Date: Wed, 03 Feb 2021 01:12:19 -0800 (PST)

Final-Recipient: rfc822; {rcpt}
Action: delayed
Status: 4.4.1
Diagnostic-Code: smtp; The recipient server did not accept our requests to connect.
Will-Retry-Until: Fri, 05 Feb 2021 01:12:20 -0800 (PST)

--00000000000099887766
Content-Type: text/rfc822-headers

{_original("p0o9i8", rcpt)}

--00000000000099887766--
""",
        Label("bounce_gmail_delay.eml", "bounce", "", rcpt, "false"),
    )

    rcpt = "zhangwei@cac.gov.example"
    raw(
        "bounce_sendmail.eml",
        f"""
Return-Path: <>
Received: from localhost (localhost) by mail.cac.gov.example (8.15.2/8.15.2) id 113ACMxk012345;
	Wed, 3 Feb 2021 17:12:22 +0800
Date: Wed, 3 Feb 2021 17:12:22 +0800
From: Mail Delivery Subsystem <MAILER-DAEMON@mail.cac.gov.example>
Message-Id: <202102030912.113ACMxk012345@mail.cac.gov.example>
To: <bounces+r5t6y7@example.org>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
	boundary="113ACMxk012345.1612343542/mail.cac.gov.example"
Subject: Returned mail: see transcript for details
Auto-Submitted: auto-generated (failure)

This is a MIME-encapsulated message

--113ACMxk012345.1612343542/mail.cac.gov.example

The original message was received at Wed, 3 Feb 2021 17:12:21 +0800
from mx.example.org [192.0.2.1]

   ----- The following addresses had permanent fatal errors -----
<{rcpt}>
    (reason: 550 5.2.1 Mailbox disabled for this recipient)

   ----- Transcript of session follows -----
... while talking to local mailbox:
>>> RCPT To:<{rcpt}>
<<< 550 5.2.1 Mailbox disabled for this recipient
550 5.1.1 <{rcpt}>... User unknown

--113ACMxk012345.1612343542/mail.cac.gov.example
Content-Type: message/delivery-status

Reporting-MTA: dns; mail.cac.gov.example
Received-From-MTA: DNS; mx.example.org
Arrival-Date: Wed, 3 Feb 2021 17:12:21 +0800

Final-Recipient: RFC822; {rcpt}
Action: failed
Status: 5.2.1
Diagnostic-Code: SMTP; 550 5.2.1 Mailbox disabled for this recipient
Last-Attempt-Date: Wed, 3 Feb 2021 17:12:22 +0800

--113ACMxk012345.1612343542/mail.cac.gov.example
Content-Type: text/rfc822-headers

{_original("r5t6y7", rcpt)}

--113ACMxk012345.1612343542/mail.cac.gov.example--
""",
        Label("bounce_sendmail.eml", "bounce", "", rcpt, "true"),
    )

    rcpt = "k.mensah@moc.gov.example"
    raw(
        "bounce_qmail.eml",
        f"""
Return-Path: <>
Date: 3 Feb 2021 09:12:25 -0000
From: MAILER-DAEMON@mail.moc.gov.example
To: bounces+u1i2o3@example.org
Subject: failure notice
Message-ID: <20210203091225.30211.qmail@mail.moc.gov.example>

Hi. This is the qmail-send program at mail.moc.gov.example.
I'm afraid I wasn't able to deliver your message to the following addresses.
This is a permanent error; I've given up. Sorry it didn't work out.

<{rcpt}>:
Sorry, no mailbox here by that name. (#5.1.1)

--- Below this line is a copy of the message.

Return-Path: <bounces+u1i2o3@example.org>
{_original("u1i2o3", rcpt)}

Dear Minister, ...
""",
        Label("bounce_qmail.eml", "bounce", "", rcpt, "true"),
    )

    rcpt = "a.yousef@moc.gov.example"
    raw(
        "bounce_exchange_fr_quota.eml",
        f"""
From: postmaster@moc.gov.example
To: bounces+l9k8j7@example.org
Date: Wed, 3 Feb 2021 11:12:30 +0200
Subject: =?utf-8?q?Non_remis=C2=A0=3A_CL-21/4=3A_WSIS_Forum_2021?=
Content-Type: multipart/report; report-type=delivery-status;
	boundary="_000_ndrfr_9f8e7d"
Message-ID: <ndr-fr-9f8e7d@moc.gov.example>
MIME-Version: 1.0
Auto-Submitted: auto-replied

--_000_ndrfr_9f8e7d
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: quoted-printable

Votre message n'a pas pu =C3=AAtre remis =C3=A0 {rcpt}, car la bo=C3=AEte aux=
 lettres du destinataire est pleine.

--_000_ndrfr_9f8e7d
Content-Type: message/delivery-status

Reporting-MTA: dns;EXCH02.moc.gov.example

Final-Recipient: rfc822;{rcpt}
Action: failed
Status: 5.2.2
Diagnostic-Code: smtp;554 5.2.2 mailbox full; STOREDRV.Deliver.Exception:QuotaExceededException

--_000_ndrfr_9f8e7d--
""",
        Label("bounce_exchange_fr_quota.eml", "bounce", "", rcpt, "true"),
    )


def main() -> None:
    """Write every message and labels.csv."""
    for old in HERE.glob("*.eml"):
        old.unlink()
    LABELS.clear()
    for section in (english, french, spanish, russian, chinese, arabic, auto_replies, bounces):
        section()
    with (HERE / "labels.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            ["file", "kind", "language", "recipient", "permanent", "return_date", "delegate"]
        )
        for label in sorted(LABELS, key=lambda row: row.file):
            writer.writerow(
                [
                    label.file,
                    label.kind,
                    label.language,
                    label.recipient,
                    label.permanent,
                    label.return_date,
                    label.delegate,
                ]
            )
    print(f"wrote {len(LABELS)} messages to {HERE}")


if __name__ == "__main__":
    main()

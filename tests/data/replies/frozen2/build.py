"""Build frozen test set 2 (tests/data/replies/frozen2/) from its YAML sources.

The replies in source/*.yaml were written by a helper session that never saw the classifier,
its cue lists, its tests or the first frozen set. This script only dresses them as mail: sender
on a reserved domain, localized reply subject, signature, the quoted invitation in the style of
the client (Outlook, Outlook for Mac, Gmail, Thunderbird, Lotus Notes, "Original Message"),
forwarded chains inside the ministry, HTML-only markup, legacy charsets and the PDF or DOCX
note verbale. It reuses the first set's generator (tools/build_frozen_replies.py) for the
invitation texts, the legacy-charset fallback and the PDF/DOCX writers, without changing it.

Output is deterministic (fixed dates, Message-IDs, boundaries). Never edit the set after its
first score; add a new set instead.

Run: python tests/data/replies/frozen2/build.py           (write the .eml files and labels.csv)
     python tests/data/replies/frozen2/build.py --check   (parse every file, print the counts)
"""

# Quoted mail headers are text as clients write it, long lines included.
# ruff: noqa: E501

from __future__ import annotations

import collections
import csv
import importlib.util
import sys
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import formataddr
from html import escape
from pathlib import Path
from types import ModuleType
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[3]
LANGUAGES = ("ar", "en", "es", "fr", "ru", "zh")
KINDS = ("accept", "decline", "other")
CATEGORIES = (
    "plain",
    "double_negative_litotes",
    "not_x_but_y",
    "delegate",
    "conditional_tentative",
    "question",
    "ack_forward",
    "boilerplate_words",
    "forwarded_chain",
    "attachment_only",
    "html_only",
    "legacy_charset",
)
MINIMUM_PER_CATEGORY = 40
MINIMUM_TOTAL = 480


def _first_generator() -> ModuleType:
    """The first set's generator, loaded by path (tools/ is not a package)."""
    path = ROOT / "tools" / "build_frozen_replies.py"
    spec = importlib.util.spec_from_file_location("build_frozen_replies", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


FIRST = _first_generator()
SECRETARIAT = formataddr(("WSIS Info", "wsis-info@itu.example"))

REPLY_PREFIX = {
    "en": ["RE: ", "Re: ", "RE: "],
    "fr": ["RE : ", "Re: ", "RE: "],
    "es": ["RE: ", "Re: ", "RV: RE: "],
    "ru": ["RE: ", "Re: ", "Ответ: "],
    "zh": ["回复: ", "答复: ", "Re: "],
    "ar": ["رد: ", "RE: ", "Re: "],
}
FORWARD_PREFIX = {
    "en": "FW: ",
    "fr": "TR : ",
    "es": "RV: ",
    "ru": "Fwd: ",
    "zh": "转发: ",
    "ar": "إعادة توجيه: ",
}

COUNTRIES = {
    "en": ["irl", "can", "sgp", "bwa", "mwi", "tza", "fji", "tto", "bgd", "nam", "sle", "mus"],
    "fr": ["lux", "mco", "gin", "cod", "caf", "dji", "com", "bdi", "rwa", "vut"],
    "es": ["ven", "nic", "slv", "gnq", "ury", "mex", "arg", "col", "chl", "per", "pry"],
    "ru": ["rus", "blr", "kaz", "kgz", "tjk", "uzb", "arm", "aze"],
    "zh": ["chn"],
    "ar": ["yem", "syr", "pse", "som", "sau", "egy", "jor", "mar", "tun", "kwt", "omn"],
}
MAILBOXES = {
    "en": ["cabinet@mptic", "protocol@mofa", "geneva.mission@mfa", "permsec@mict"],
    "fr": ["cabinet@mptic", "protocole@maec", "mission.geneve@diplomatie", "sg@numerique"],
    "es": ["despacho@mintic", "protocolo@cancilleria", "misionginebra@rree", "dgci@mtd"],
    "ru": ["cabinet@mptic", "protocol@mid", "geneva@mid", "intl@mincifry"],
    "zh": ["waishiju@miit", "gjs@cac", "geneva@mfa", "gjhzs@mofcom"],
    "ar": ["cabinet@mptic", "protocol@mofa", "geneva@mofa", "minister.office@mcit"],
}
SIGNATURES = {
    "en": [
        "Office of the Minister\nMinistry of Posts, Telecommunications and ICT",
        "Multilateral Affairs Desk\nMinistry of Foreign Affairs",
        "First Secretary\nPermanent Mission, Geneva",
        "Permanent Secretary's Office\nMinistry of ICT and Innovation",
    ],
    "fr": [
        "Cabinet du Ministre\nMinistère des Postes, des Télécommunications et du Numérique",
        "Direction des Organisations internationales\nMinistère des Affaires étrangères",
        "Premier Conseiller\nMission permanente, Genève",
        "Secrétariat général\nMinistère de l'Économie numérique",
    ],
    "es": [
        "Despacho del Ministro\nMinisterio de Tecnologías de la Información y las Comunicaciones",
        "Dirección General de Ceremonial y Protocolo\nMinisterio de Relaciones Exteriores",
        "Consejero\nMisión Permanente en Ginebra",
        "Dirección de Cooperación Internacional\nMinisterio de Transformación Digital",
    ],
    "ru": [
        "Аппарат Министра\nМинистерство связи и информатизации",
        "Департамент международных организаций\nМинистерство иностранных дел",
        "Первый секретарь\nПостоянное представительство в Женеве",
        "Управление международного сотрудничества\nМинистерство цифрового развития",
    ],
    "zh": [
        "工业和信息化部 外事司",
        "国家互联网信息办公室 国际合作局",
        "中国常驻日内瓦代表团 多边处",
        "商务部 国际经贸关系司",
    ],
    "ar": [
        "مكتب معالي الوزير\nوزارة البريد والاتصالات وتكنولوجيا المعلومات",
        "إدارة المنظمات الدولية\nوزارة الخارجية",
        "السكرتير الأول\nالبعثة الدائمة في جنيف",
        "إدارة التعاون الدولي\nوزارة الاقتصاد الرقمي",
    ],
}

# Header labels of a quoted or forwarded message, per client language: from, sent, to, subject.
LABELS = {
    "en": ("From", "Sent", "To", "Subject"),
    "fr": ("De", "Envoyé", "À", "Objet"),
    "es": ("De", "Enviado el", "Para", "Asunto"),
    "ru": ("От", "Отправлено", "Кому", "Тема"),
    "zh": ("发件人", "发送时间", "收件人", "主题"),
    "ar": ("من", "تاريخ الإرسال", "إلى", "الموضوع"),
}
SEPARATOR = {"en": " ", "fr": " : ", "es": ": ", "ru": ": ", "zh": ": ", "ar": ": "}
ORIGINAL_MESSAGE = {
    "en": "-----Original Message-----",
    "fr": "-----Message d'origine-----",
    "es": "-----Mensaje original-----",
    "ru": "-----Исходное сообщение-----",
    "zh": "-----原始邮件-----",
    "ar": "-----الرسالة الأصلية-----",
}
FORWARDED = {
    "en": "---------- Forwarded message ---------",
    "fr": "-------- Message transféré --------",
    "es": "---------- Mensaje reenviado ---------",
    "ru": "-------- Пересылаемое сообщение --------",
    "zh": "-------- 转发邮件信息 --------",
    "ar": "---------- الرسالة المُعاد توجيهها ---------",
}
INVITATION_SENT = {
    "en": "Wednesday, 3 February 2021 10:15",
    "fr": "mercredi 3 février 2021 10:15",
    "es": "miércoles, 3 de febrero de 2021 10:15",
    "ru": "3 февраля 2021 г. 10:15",
    "zh": "2021年2月3日 10:15",
    "ar": "الأربعاء، 3 فبراير 2021 10:15",
}
QUOTE_STYLES = ("outlook", "gmail", "none", "notes", "thunderbird", "mac", "original", "outlook")


def _sender(entry: dict[str, Any], index: int) -> str:
    if entry.get("from"):
        return str(entry["from"])
    lang = entry["lang"]
    countries, boxes = COUNTRIES[lang], MAILBOXES[lang]
    country = entry.get("country") or countries[index % len(countries)]
    return f"{boxes[(index // 3) % len(boxes)]}.{country}.example"


def _header_block(lang: str, sender: str, sent: str, to: str, subject: str) -> str:
    labels, sep = LABELS[lang], SEPARATOR[lang]
    if lang == "en":
        sep = ": "
    values = (sender, sent, to, subject)
    return "\n".join(f"{label}{sep}{value}" for label, value in zip(labels, values, strict=True))


def _notes_header(lang: str, to: str, subject: str) -> str:
    """Lotus Notes puts the sender and date first, then To/cc/Subject in two columns."""
    return (
        f"WSIS Info <wsis-info@itu.example>\n03/02/2021 10:15\n\nTo\t{to}\ncc\t\nSubject\t{subject}"
    )


def _quoted_invitation(lang: str, style: str, to: str) -> str:
    original = FIRST.INVITATIONS[lang]
    subject = FIRST.ORIGINAL_SUBJECTS[lang]
    wsis = SECRETARIAT
    if style == "outlook":
        head = _header_block(lang, wsis, INVITATION_SENT[lang], to, subject)
        return f"\n\n{FIRST.OUTLOOK_RULE}\n{head}\n\n{original}\n"
    if style == "original":
        head = _header_block(lang, wsis, INVITATION_SENT[lang], to, subject)
        return f"\n\n{ORIGINAL_MESSAGE[lang]}\n{head}\n\n{original}\n"
    if style == "mac":
        head = (
            f"From: {wsis}\nDate: Wednesday, 3 February 2021 at 10:15\nTo: {to}\nSubject: {subject}"
        )
        return f"\n\n{head}\n\n{original}\n"
    if style == "notes":
        return f"\n\n\n\n{_notes_header(lang, to, subject)}\n\n\n\n\n{original}\n"
    header = FIRST.GMAIL_HEADERS[lang] if style == "gmail" else FIRST.THUNDERBIRD_HEADERS[lang]
    quoted = "\n".join(f"> {line}" if line else ">" for line in original.splitlines())
    return f"\n\n{header}\n\n{quoted}\n"


def _signature(entry: dict[str, Any], index: int) -> str:
    sig = entry.get("sig")
    if sig == "none":
        return ""
    if sig is None:
        options = SIGNATURES[entry["lang"]]
        sig = options[index % len(options)]
    return f"\n\n{str(sig).strip()}"


def _chain(entry: dict[str, Any], to: str) -> str:
    """Messages forwarded inside the ministry, newest first, below the top message."""
    lang = entry["lang"]
    subject = FIRST.ORIGINAL_SUBJECTS[lang]
    out = []
    for link in entry.get("chain", []):
        style = link.get("style", "outlook")
        who, when, text = link["who"], link["when"], link["text"].rstrip()
        link_to = link.get("to", to)
        if style == "notes":
            name = who.split("<")[0].strip()
            out.append(f"\n\n----- Forwarded by {name}/MIN/GOV on {when} -----\n\n{text}")
        elif style == "gmail":
            head = _header_block(lang, who, when, link_to, FORWARD_PREFIX[lang] + subject)
            out.append(f"\n\n{FORWARDED[lang]}\n{head}\n\n{text}")
        else:
            head = _header_block(lang, who, when, link_to, FORWARD_PREFIX[lang] + subject)
            out.append(f"\n\n{FIRST.OUTLOOK_RULE}\n{head}\n\n{text}")
    return "".join(out)


def _plain(entry: dict[str, Any], style: str, to: str, index: int) -> str:
    text = entry["body"].rstrip() + _signature(entry, index) + _chain(entry, to)
    if style != "none":
        text += _quoted_invitation(entry["lang"], style, to)
    return text.rstrip() + "\n"


def _paragraphs(text: str, tag: str, attrs: str = "") -> str:
    parts = []
    for para in text.strip().split("\n\n"):
        lines = "<br>\n".join(escape(line) for line in para.splitlines())
        parts.append(f"<{tag}{attrs}>{lines}</{tag}>")
    return "\n".join(parts)


def _html(entry: dict[str, Any], style: str, to: str, index: int) -> str:
    lang = entry["lang"]
    if style in ("outlook", "gmail"):
        # The first generator's markup, with this set's signature already in the body.
        dressed = dict(entry, body=entry["body"].rstrip() + _signature(entry, index), sig="none")
        if entry.get("quote") is False:
            dressed["quote"] = False
        return str(FIRST._html(dressed, lang, style, to, index))
    # Apple Mail / Thunderbird markup: <div>s and a cite blockquote.
    direction = ' dir="rtl"' if lang == "ar" else ""
    reply = entry["body"].rstrip() + _signature(entry, index)
    body = _paragraphs(reply, "div") + "\n"
    if entry.get("quote") is not False:
        body += (
            f'<div><br><blockquote type="cite"><div>{escape(FIRST.THUNDERBIRD_HEADERS[lang])}</div>\n'
            + _paragraphs(FIRST.INVITATIONS[lang], "div")
            + "\n</blockquote></div>\n"
        )
    return (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head>'
        f'<body style="word-wrap: break-word;"{direction}>\n{body}</body></html>\n'
    )


def _message(entry: dict[str, Any], index: int) -> tuple[EmailMessage, str]:
    lang, ident = entry["lang"], entry["id"]
    sender = _sender(entry, index)
    style = entry.get("quote") or QUOTE_STYLES[index % len(QUOTE_STYLES)]
    if entry.get("quote") is False:
        style = "none"
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = SECRETARIAT
    prefix = REPLY_PREFIX[lang][index % 3]
    if entry.get("chain"):
        prefix = prefix + FORWARD_PREFIX[lang]
    subject = entry.get("subject") or prefix + FIRST.ORIGINAL_SUBJECTS[lang]
    msg["Subject"] = subject
    day = 4 + (index * 5) % 23
    weekday = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][(day - 4) % 7]
    msg["Date"] = f"{weekday}, {day} Feb 2021 {8 + index % 10:02d}:{(index * 13) % 60:02d}:00 +0100"
    domain = sender.split("@")[1]
    msg["Message-ID"] = f"<f2.{ident}.{index:04d}@{domain}>"
    country = domain.split(".")[-2]
    original_id = f"<CL-21-4.{country}.20210203101500@itu.example>"
    msg["In-Reply-To"] = original_id
    msg["References"] = original_id
    charset = entry.get("charset", "utf-8")
    cte = entry.get("cte")
    if entry.get("html"):
        markup = _html(entry, str(entry["html"]), sender, index)
        if charset != "utf-8":
            markup = FIRST._legacy(
                markup.replace("charset=utf-8", f"charset={charset}"), charset, ident
            )
        msg.set_content(markup, subtype="html", charset=charset, cte=cte or "quoted-printable")
    else:
        text = _plain(entry, style, sender, index)
        if charset != "utf-8":
            text = FIRST._legacy(text, charset, ident)
        msg.set_content(text, charset=charset, cte=cte or ("8bit" if charset != "utf-8" else None))
    attachment = entry.get("attachment")
    if attachment:
        if attachment["type"] == "pdf":
            payload, subtype = FIRST._pdf_text(attachment["text"]), "pdf"
        else:
            payload = FIRST._docx_text(attachment["text"])
            subtype = "vnd.openxmlformats-officedocument.wordprocessingml.document"
        msg.add_attachment(
            payload, maintype="application", subtype=subtype, filename=attachment["name"]
        )
    for number, part in enumerate(msg.walk()):
        if part.is_multipart():
            part.set_boundary(f"=_frozen2_{ident}_{number}")
    return msg, subject


def main() -> None:
    rows = []
    seen: set[str] = set()
    index = 0
    for source in sorted((HERE / "source").glob("*.yaml")):
        data = yaml.safe_load(source.read_text(encoding="utf-8"))
        category = data["category"]
        if category not in CATEGORIES:
            raise SystemExit(f"{source.name}: unknown category {category}")
        for entry in data["replies"]:
            ident = entry["id"]
            if ident in seen:
                raise SystemExit(f"{source.name}: duplicate id {ident}")
            seen.add(ident)
            if entry["lang"] not in LANGUAGES or entry["kind"] not in KINDS:
                raise SystemExit(f"{source.name}: {ident}: bad lang or kind")
            msg, subject = _message(entry, index)
            raw = bytes(msg)
            charset = entry.get("charset", "utf-8")
            if charset != "utf-8":
                raw = FIRST._legacy_subject(raw, FIRST._legacy(subject, charset, ident), charset)
            (HERE / f"{ident}.eml").write_bytes(raw)
            note = " ".join(str(entry.get("note", "")).split())
            rows.append([f"{ident}.eml", entry["kind"], entry["lang"], category, note])
            index += 1
    with (HERE / "labels.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["file", "kind", "language", "category", "note"])
        writer.writerows(rows)
    print(f"{len(rows)} replies written to {HERE}")


def check() -> None:
    """Parse every message (default policy, no defects) and print the counts tables."""
    with (HERE / "labels.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    on_disk = {path.name for path in HERE.glob("*.eml")}
    listed = {row["file"] for row in rows}
    if on_disk != listed:
        raise SystemExit(f"labels.csv and the .eml files differ: {sorted(on_disk ^ listed)}")
    problems = []
    for row in rows:
        msg = message_from_bytes((HERE / row["file"]).read_bytes(), policy=policy.default)
        assert isinstance(msg, EmailMessage)
        defects = [d for part in msg.walk() for d in part.defects]
        body = msg.get_body(("plain", "html"))
        if defects or body is None or "CL-21/4" not in str(msg["Subject"]):
            problems.append(f"{row['file']}: defects {defects} or no body or bad Subject")
            continue
        body.get_content()
        if row["category"] == "attachment_only":
            attachments = list(msg.iter_attachments())
            if len(attachments) != 1 or not FIRST._attachment_text(attachments[0]).strip():
                problems.append(f"{row['file']}: not exactly one attachment with a text layer")
        if row["category"] == "html_only" and msg.get_content_type() != "text/html":
            problems.append(f"{row['file']}: html_only but {msg.get_content_type()}")
        if row["category"] == "legacy_charset" and body.get_content_charset() in ("utf-8", None):
            problems.append(f"{row['file']}: legacy_charset but {body.get_content_charset()}")
    counts = collections.Counter((row["category"], row["kind"]) for row in rows)
    cells = collections.Counter((row["category"], row["language"]) for row in rows)
    print(f"| category | {' | '.join(KINDS)} | total | {' | '.join(LANGUAGES)} |")
    print("|---" + "|---:" * (len(KINDS) + 1 + len(LANGUAGES)) + "|")
    for category in CATEGORIES:
        kinds = [counts[(category, kind)] for kind in KINDS]
        langs = [cells[(category, lang)] for lang in LANGUAGES]
        print(
            f"| {category} | {' | '.join(map(str, kinds))} | {sum(kinds)} | {' | '.join(map(str, langs))} |"
        )
        if sum(kinds) < MINIMUM_PER_CATEGORY or 0 in langs:
            problems.append(f"{category}: {sum(kinds)} replies, languages {langs}")
    kinds_all = collections.Counter(row["kind"] for row in rows)
    langs_all = collections.Counter(row["language"] for row in rows)
    print(
        f"| **all** | {' | '.join(str(kinds_all[k]) for k in KINDS)} | {len(rows)} | "
        f"{' | '.join(str(langs_all[lang]) for lang in LANGUAGES)} |"
    )
    if len(rows) < MINIMUM_TOTAL:
        problems.append(f"{len(rows)} replies in all, fewer than {MINIMUM_TOTAL}")
    if problems:
        raise SystemExit("\n".join(problems))
    print(f"\nall {len(rows)} files parse without defects; minimums met")


if __name__ == "__main__":
    check() if "--check" in sys.argv else main()

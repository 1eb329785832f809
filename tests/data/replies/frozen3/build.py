"""Build frozen reply test set 3 (this folder) from source/*.yaml.

The replies were written by hand in source/*.yaml, apart from the classifier and from the earlier
sets; this script only dresses them as mail. It reuses the dressing helpers of the first set's
generator (tools/build_frozen_replies.py: invitations, Outlook/Gmail/Thunderbird headers, HTML
markup, legacy charsets, PDF/DOCX notes) and adds the clients that set lacked: Outlook mobile,
Apple Mail, Lotus Notes, Zimbra, and forwarded chains inside a ministry. Ids, dates, senders,
Message-IDs and MIME boundaries are derived from the order of the source, so a rebuild changes
no byte. The set is frozen: never edit it, add a new set instead.

Run: python tests/data/replies/frozen3/build.py           (rebuild; must change no byte)
     python tests/data/replies/frozen3/build.py --check   (parse every file, print the counts)
"""

# Quote headers are mail text as clients write it, long lines included.
# ruff: noqa: E501

from __future__ import annotations

import csv
import sys
from email.message import EmailMessage
from email.utils import formataddr
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[3] / "tools"))
import build_frozen_replies as base  # noqa: E402

LANGUAGES = base.LANGUAGES
KINDS = base.KINDS
TO = formataddr(base.SECRETARIAT)
ITU = "WSIS Info <wsis-info@itu.example>"

APPLE = {
    "en": f"On 3 Feb 2021, at 10:15, {ITU} wrote:",
    "fr": f"Le 3 févr. 2021 à 10:15, {ITU} a écrit :",
    "es": f"El 3 feb 2021, a las 10:15, {ITU} escribió:",
    "ru": f"3 февр. 2021 г., в 10:15, {ITU} написал(а):",
    "zh": f"2021年2月3日 10:15，{ITU} 写道：",
    "ar": f"في 3 فبراير 2021، الساعة 10:15 ص، كتب {ITU}:",
}
NOTES = {  # Lotus Notes / Domino: labelled lines, original not prefixed
    "en": ("From:", "To:", "Date:", "Subject:", "03/02/2021 10:15"),
    "fr": ("De :", "A :", "Date :", "Objet :", "03/02/2021 10:15"),
    "es": ("De:", "Para:", "Fecha:", "Asunto:", "03/02/2021 10:15"),
    "ru": ("От:", "Кому:", "Дата:", "Тема:", "03.02.2021 10:15"),
    "zh": ("发件人:", "收件人:", "日期:", "主题:", "2021/02/03 10:15"),
    "ar": ("من:", "إلى:", "التاريخ:", "الموضوع:", "03/02/2021 10:15"),
}
ZIMBRA = {
    "en": (
        "----- Original Message -----",
        "From:",
        "To:",
        "Sent:",
        "Wednesday, February 3, 2021 10:15:00 AM",
        "Subject:",
    ),
    "fr": (
        "----- Mail original -----",
        "De:",
        "À:",
        "Envoyé:",
        "Mercredi 3 Février 2021 10:15:00",
        "Objet:",
    ),
    "es": (
        "----- Mensaje original -----",
        "De:",
        "Para:",
        "Enviados:",
        "Miércoles, 3 de Febrero 2021 10:15:00",
        "Asunto:",
    ),
    "ru": (
        "----- Исходное сообщение -----",
        "От:",
        "Кому:",
        "Отправленные:",
        "Среда, 3 Февраль 2021 г 10:15:00",
        "Тема:",
    ),
    "zh": (
        "----- 原始邮件 -----",
        "发件人:",
        "收件人:",
        "发送时间:",
        "星期三, 2021年 2 月 03日 上午 10:15:00",
        "主题:",
    ),
    "ar": (
        "----- الرسالة الأصلية -----",
        "من:",
        "إلى:",
        "أرسلت:",
        "الأربعاء 3 فبراير 2021 10:15:00",
        "الموضوع:",
    ),
}
MOBILE = {
    "en": ("Sent from my iPhone", "Get Outlook for Android"),
    "fr": ("Envoyé de mon iPhone", "Obtenir Outlook pour Android"),
    "es": ("Enviado desde mi iPhone", "Obtener Outlook para Android"),
    "ru": ("Отправлено с iPhone", "Получить Outlook для Android"),
    "zh": ("发自我的iPhone", "获取 Outlook for Android"),
    "ar": ("أرسلت من iPhone الخاص بي", "احصل على Outlook لنظام Android"),
}
FORWARD = {  # the header of an internal message quoted in a forwarded chain (Outlook style)
    "en": ("-----Original Message-----", "From:", "Sent:", "To:", "Subject:", "FW: "),
    "fr": ("-----Message d'origine-----", "De :", "Envoyé :", "À :", "Objet :", "TR: "),
    "es": ("-----Mensaje original-----", "De:", "Enviado el:", "Para:", "Asunto:", "RV: "),
    "ru": ("-----Original Message-----", "От:", "Отправлено:", "Кому:", "Тема:", "FW: "),
    "zh": ("-----邮件原件-----", "发件人:", "发送时间:", "收件人:", "主题:", "转发: "),
    "ar": ("-----Original Message-----", "من:", "تاريخ الإرسال:", "إلى:", "الموضوع:", "FW: "),
}
STYLES = ("outlook", "gmail", "apple", "none", "notes", "thunderbird", "zimbra", "mobile")

COUNTRIES = {
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
        "mwi",
        "bwa",
        "fji",
        "tto",
        "sgp",
        "lka",
        "ban",
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
        "lux",
        "cod",
        "bdi",
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
        "slv",
        "nic",
        "ven",
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
        "pse",
        "yem",
    ],
}
OFFICES = [
    "protocol",
    "cabinet",
    "minister.office",
    "intl.relations",
    "secretariat",
    "chef.cabinet",
    "mission",
]
MINISTRIES = ["mict", "mofa", "digital", "mincom", "moc", "mfa", "telecom"]
ZH_BOXES = ["gjs@miit", "waishi@cac", "gjc@most", "geneva@mfa", "wsb@mofcom", "ict@mps", "gj@nrta"]


def _sender(lang: str, index: int, country: str | None = None) -> str:
    countries = COUNTRIES[lang]
    country = country or countries[index % len(countries)]
    if lang == "zh":
        return f"{ZH_BOXES[index % len(ZH_BOXES)]}.{country}.example"
    office = OFFICES[(index * 3) % len(OFFICES)]
    ministry = MINISTRIES[(index // 2) % len(MINISTRIES)]
    return f"{office}@{ministry}.{country}.example"


def _quote(lang: str, style: str, sender: str) -> str:
    original = base.INVITATIONS[lang]
    subject = base.ORIGINAL_SUBJECTS[lang]
    prefixed = "\n".join(f"> {line}" if line else ">" for line in original.splitlines())
    if style in ("outlook", "mobile"):
        head = base.OUTLOOK_HEADERS[lang].format(to=sender, subject=subject)
        return f"\n\n{base.OUTLOOK_RULE}\n{head}\n\n{original}\n"
    if style == "gmail":
        return f"\n\n{base.GMAIL_HEADERS[lang]}\n\n{prefixed}\n"
    if style == "thunderbird":
        return f"\n\n{base.THUNDERBIRD_HEADERS[lang]}\n{prefixed}\n"
    if style == "apple":
        return f"\n\n{APPLE[lang]}\n\n{prefixed}\n"
    if style == "notes":
        frm, to, date, subj, when = NOTES[lang]
        pad = "        "
        return f"\n\n\n{frm}{pad}{ITU}\n{to}{pad}{sender}\n{date}{pad}{when}\n{subj}{pad}{subject}\n\n\n\n{original}\n"
    if style == "zimbra":
        rule, frm, to, sent, when, subj = ZIMBRA[lang]
        return f'\n\n{rule}\n{frm} "WSIS Info" <wsis-info@itu.example>\n{to} {sender}\n{sent} {when}\n{subj} {subject}\n\n{prefixed}\n'
    return ""


def _chain(lang: str, chain: list[dict[str, str]], sender: str) -> str:
    """Internal messages below the top one: listed oldest first in the source, shown newest first."""
    rule, frm, sent, to, subj, fw = FORWARD[lang]
    domain = sender.split("@")[1]
    out = ""
    for number, link in enumerate(reversed(chain)):
        who = f"{link['who']} <{link.get('box', 'staff' + str(number + 1))}@{domain}>"
        dest = link.get("to", sender)
        out += (
            f"\n\n{rule}\n{frm} {who}\n{sent} {link.get('when', f'{8 - number} February 2021 1{number}:20')}\n"
            f"{to} {dest}\n{subj} {fw}{base.ORIGINAL_SUBJECTS[lang]}\n\n{link['text'].strip()}"
        )
    return out


def _message(entry: dict[str, Any], index: int) -> EmailMessage:
    lang = entry["lang"]
    sender = _sender(lang, index, entry.get("country"))
    style = entry.get("quote") or STYLES[index % len(STYLES)]
    sig = entry.get("sig")
    if style == "mobile" and sig is None:
        sig = MOBILE[lang][index % 2]
    msg = EmailMessage()
    name = entry.get("name")
    msg["From"] = formataddr((name, sender)) if name else sender
    msg["To"] = TO
    if entry.get("cc"):
        msg["Cc"] = entry["cc"]
    msg["Subject"] = entry.get("subject") or base.SUBJECTS[lang]
    day = 4 + (index * 5) % 23
    weekday = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][(day - 4) % 7]
    msg["Date"] = (
        f"{weekday}, {day} Feb 2021 {7 + index % 11:02d}:{(index * 13) % 60:02d}:{index % 60:02d} +0{1 + index % 3}00"
    )
    country = sender.split(".")[-2]
    msg["Message-ID"] = f"<{entry['id']}.{index:04d}@{sender.split('@')[1]}>"
    original_id = f"<CL-21-4.{country}.20210203101500@itu.example>"
    msg["In-Reply-To"] = original_id
    msg["References"] = original_id
    mailer = {
        "outlook": "Microsoft Outlook 16.0",
        "thunderbird": "Mozilla/5.0 Thunderbird/78.7.1",
        "notes": "Lotus Notes Release 9.0.1FP10 SHF68",
        "zimbra": "Zimbra 8.8.15_GA_3869 (ZimbraWebClient - FF85)",
        "apple": "Apple Mail (2.3654.40.0.2.32)",
    }.get(style)
    if mailer:
        msg["X-Mailer"] = mailer
    charset = entry.get("charset", "utf-8")
    text = entry["body"].rstrip()
    if sig and sig != "none":
        text += "\n\n" + sig.strip()
    if entry.get("chain"):
        text += _chain(lang, entry["chain"], sender)
    if entry.get("html"):
        dressed = dict(entry, body=text, sig="none")
        markup = base._html(dressed, lang, "gmail" if style == "gmail" else "outlook", TO, index)
        if charset != "utf-8":
            markup = base._legacy(
                markup.replace("charset=utf-8", f"charset={charset}"), charset, entry["id"]
            )
        msg.set_content(
            markup, subtype="html", charset=charset, cte=entry.get("cte", "quoted-printable")
        )
    else:
        if entry.get("quote") is not False:
            text += _quote(lang, style, sender)
        text = text.rstrip() + "\n"
        if charset != "utf-8":
            text = base._legacy(text, charset, entry["id"])
        default_cte = "8bit" if charset != "utf-8" else None
        msg.set_content(text, charset=charset, cte=entry.get("cte", default_cte))
    attachment = entry.get("attachment")
    if attachment:
        kind = attachment["type"]
        if kind == "pdf":
            payload, subtype = base._pdf_text(attachment["text"]), "pdf"
        else:
            payload = base._docx_text(attachment["text"])
            subtype = "vnd.openxmlformats-officedocument.wordprocessingml.document"
        msg.add_attachment(
            payload, maintype="application", subtype=subtype, filename=attachment["name"]
        )
    for number, part in enumerate(msg.walk()):
        if part.is_multipart():
            part.set_boundary(f"=_frozen3_{entry['id']}_{number}")
    return msg


def main() -> None:
    rows = []
    index = 0
    for source in sorted((HERE / "source").glob("*.yaml")):
        data = yaml.safe_load(source.read_text(encoding="utf-8"))
        category = data["category"]
        per_lang: dict[str, int] = {}
        for entry in data["replies"]:
            lang, kind = entry["lang"], entry["kind"]
            if lang not in LANGUAGES or kind not in KINDS:
                raise SystemExit(f"{source.name}: reply {len(rows) + 1}: bad lang or kind")
            per_lang[lang] = per_lang.get(lang, 0) + 1
            entry["id"] = f"{category}-{lang}-{per_lang[lang]:02d}"
            msg = _message(entry, index)
            raw = bytes(msg)
            charset = entry.get("charset", "utf-8")
            if charset != "utf-8":
                subject = base._legacy(str(msg["Subject"]), charset, entry["id"])
                raw = base._legacy_subject(raw, subject, charset)
            (HERE / f"{entry['id']}.eml").write_bytes(raw)
            note = " ".join(str(entry.get("note", "")).split())
            rows.append([f"{entry['id']}.eml", kind, lang, category, note])
            index += 1
    with (HERE / "labels.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["file", "kind", "language", "category", "note"])
        writer.writerows(rows)
    print(f"{len(rows)} replies written to {HERE}")


def _check_minimums() -> None:
    """At least 40 replies per category, every category in all six languages."""
    with (HERE / "labels.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for category in sorted({row["category"] for row in rows}):
        mine = [row for row in rows if row["category"] == category]
        missing = set(LANGUAGES) - {row["language"] for row in mine}
        if len(mine) < 40 or missing:
            raise SystemExit(f"{category}: {len(mine)} replies, languages missing {missing}")
    print(f"minimums hold: {len(rows)} replies, every category >= 40 and in all six languages")


if __name__ == "__main__":
    if "--check" in sys.argv:
        base.FROZEN = HERE
        base.check()
        _check_minimums()
    else:
        main()

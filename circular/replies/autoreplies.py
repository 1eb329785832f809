"""Recognising automatic replies (out-of-office, read receipts, "message received" robots) and
reading an out-of-office reply's return date.

Headers decide first, because they are set by software and do not depend on language: RFC 3834
``Auto-Submitted``, ``X-Autoreply``/``X-Autorespond``, Exchange's ``X-Auto-Response-Suppress``
together with ``X-MS-Exchange-Inbox-Rules-Loop``, ``Precedence: auto_reply|bulk|junk`` and
read receipts (RFC 8098 disposition notifications). Then localised subjects, then a few
unmistakable body sentences ("this is an automatic reply").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from email.message import Message

from circular.replies.mailtext import header_text, raw_header


@dataclass(frozen=True)
class AutoReply:
    """Why a message is automatic, and how sure that is."""

    evidence: str
    confidence: float
    #: Only a sentence of the body says so (no header, no robot's subject): a person may have
    #: written it, so beside words of an answer it is not trusted (round 11).
    body_only: bool = False


# Unambiguous anywhere in a subject ("Automatic reply: CL-21/4 …").
_SUBJECT_ANYWHERE = re.compile(
    r"(out of (the )?office|automatic reply|auto[- ]?reply|autoreply|auto[- ]?response"
    r"|vacation reply|réponse automatique|absence du bureau|absent du bureau"
    r"|respuesta automática|fuera de la oficina|автоматический ответ|автоответ|вне офиса"
    r"|自动回复|自動回覆|自动答复|不在办公室|رد تلقائي|رد آلي|خارج المكتب)",
    re.I,
)
# Words a person could also put in a subject ("Minister on leave"): only as the subject's start,
# where out-of-office tools put them.
_SUBJECT_START = re.compile(
    r"^\s*(read|delivered|lu|leído|прочитано|已读|تمت القراءة|message received|accusé de réception"
    r"|acuse de recibo|on leave|away from (the )?office|ausencia|absence|нет на месте|в отпуске"
    r"|休假|إجازة)\b",
    re.I,
)
# "Your message has been received" is also what a person writes when acknowledging by hand:
# it marks a robot only when the subject is not a person's "Re:" answer (round 5).
_BODY_AMBIGUOUS = re.compile(r"(your|the) (e-?mail|message) (has been|was) received", re.I)
_BODY = re.compile(
    r"(this is an? (automatic|automated|auto-generated)( reply| response| message| e-?mail)"
    r"|ceci est une réponse automatique|ceci est un message automatique"
    r"|esta es una respuesta automática|este es un mensaje automático"
    r"|это автоматический ответ|это автоматическое сообщение|сообщение сформировано автоматически"
    r"|此(邮件|郵件)为自动回复|这是一封自动回复|這是自動回覆|هذا رد تلقائي|هذه رسالة تلقائية"
    r"|هذا رد آلي)",
    re.I,
)

# Round 13: a records system that files the letter under a number and promises an answer
# ("radicada con el número 2110…", "registered under reference 4411"): the answer is still to
# come, and the number is what a person follows it up by; never a final auto-reply.
REGISTERED = re.compile(
    r"(registered|logged|filed)\s+(\w+\s+){0,3}?(under|with)\s+(\w+\s+){0,2}?(number|no\.|ref)"
    r"|enregistrée?\s+(\w+\s+){0,3}?sous\s+(le\s+)?(numéro|n°|la\s+référence)"
    r"|(radicad[oa]|registrad[oa])\s+(\w+\s+){0,3}?(con|bajo)\s+(el\s+)?(número|radicado|n\.?º)"
    # Round 14: a date may come first ("зарегистрировано 08.02.2021 за № …"), and "под №".
    r"|зарегистрирован\w*\s+([\w.]+\s+){0,3}?(под\s+(номером|№)|за\s+№|с\s+номером)"
    r"|(已登记|已登記|登记号|登記號|收文编号|收文編號|文号为|文號為)"
    # Round 24: with the object pronoun glued on ("تم استلام رسالتكم وتسجيلها برقم وارد …").
    r"|(?:تم\s+)?(?:تسجيل|قيد|سجلت|سُجلت)(?:ها|ه|هما)?\s+(?:\S+\s+){0,3}?(?:برقم|تحت\s+رقم)"
    # Round 16: filed *as* a numbered case ("caratulado como expediente EX-2021-00871", "opened
    # as case no. 4471", « ouvert comme dossier n° », «как обращение № …», "立案号", "كملف رقم").
    r"|\b(as|under)\s+(case|file|docket|record)\s+(no\.?\s*|number\s+)?[a-z]*[-/]?\d"
    r"|\b(comme|sous\s+le)\s+(dossier|affaire)\s+(n[°o]\.?\s*)?[a-z]*[-/]?\d"
    r"|\b(como|bajo\s+el)\s+(expediente|caso|trámite)\s+(n\.?[ºo°]\s*)?[a-z]*[-/]?\d"
    r"|как\s+(обращение|дело)\s+(№\s*)?[а-яa-z]*[-/]?\d|(立案号|立案號|案卷号|案卷號)"
    r"|(?:كملف|كمعاملة|كقضية)\s+(?:رقم|برقم)"
    # Round 17: a reference number given to the letter ("参考编号为 MCI-2021-00841", "your
    # reference number is …", « numéro de référence », "número de referencia", «номер
    # обращения», "الرقم المرجعي"): a person's office has logged it and will answer.
    r"|\breference\s+(?:number|no\.?)\s*(?:is\s+|:\s*)?[a-z]*[-/]?[a-z0-9-]*\d"
    r"|\bnuméro\s+de\s+référence\b|\bnúmero\s+de\s+referencia\b"
    r"|(?:регистрационный|контрольный)\s+номер|номер\s+(?:вашего\s+)?обращения"
    r"|参考编号|參考編號|受理编号|受理編號|(?:الرقم|رقم)\s+(?:ال)?مرجعي"
    # Round 19: a number to be assigned to the letter ("will be assigned a case number", « se
    # verra attribuer un numéro », "se le asignará un número de trámite", «будет присвоен
    # номер», "将分配编号", "سيتم منحها رقم"): the records system files it, a person answers.
    r"|\b(?:assign|allocat|giv)\w*\s+(?:\w+\s+){0,2}?(?:reference|case|file|tracking"
    r"|registration|record)\s+(?:number|no\b)|\battribu\w*\s+(?:\S+\s+){0,2}?numéro\b"
    r"|\bnuméro\s+(?:\S+\s+){0,3}?(?:lui\s+|vous\s+)?sera\s+attribué"
    r"|\basign\w*\s+(?:\S+\s+){0,2}?número\b|\bnúmero\s+(?:\S+\s+){0,3}?(?:le\s+)?será\s+asignado"
    r"|присво\w*\s+(?:\S+\s+){0,3}?(?:номер|№)|(?:分配|编配|編配|赋予|賦予)[^。；]{0,6}(?:编号|編號)"
    r"|(?:منح|إعطاء|تخصيص|سيمنح|ستمنح|يمنح|تمنح)\S*\s+(?:\S+\s+){0,3}?رقم",
    re.I,
)

# Round 15: a records system that hands the letter to a department and promises the outcome
# ("you will be informed of the outcome", "within 30 days", « vous serez informé de la suite »,
# "se le comunicará el resultado", «О результатах рассмотрения Вам будет сообщено», "处理结果将另行
# 告知", "سيتم إبلاغكم بالنتيجة"): the answer is still to come, as after a number (REGISTERED); a
# robot that only confirms receipt stays an automatic reply.
OUTCOME_TO_COME = re.compile(
    r"(informed|notified|advised)\s+(\w+\s+){0,2}?of\s+the\s+(outcome|result|decision)"
    r"|(outcome|result|decision)\s+(\w+\s+){0,3}?(will\s+be\s+)?(communicated|notified|sent)"
    r"|informée?s?\s+(\w+\s+){0,2}?(de\s+la\s+suite|du\s+résultat|de\s+la\s+décision)"
    r"|(suite|résultat|décision)\s+(\w+\s+){0,3}?vous\s+sera\s+(communiquée?|notifiée?)"
    r"|(comunicará|notificará|informará)\s+(\w+\s+){0,3}?(el\s+resultado|la\s+decisión"
    r"|la\s+respuesta)|(informad[oa]|notificad[oa])\s+(\w+\s+){0,2}?del\s+(resultado|trámite)"
    r"|о\s+результатах\s+(\w+\s+){0,2}?(вам\s+)?будет\s+(сообщено|сообщено\s+дополнительно)"
    r"|(ответ|решение)\s+(\w+\s+){0,3}?будет\s+(направлен|сообщено|дан)"
    r"|(处理|办理|辦理|處理)结果.{0,6}(告知|通知|答复)|(处理|办理)結果.{0,6}(告知|通知)"
    r"|(?:إبلاغكم|إخطاركم|إعلامكم)\s+(?:\S+\s+){0,2}?(?:بالنتيجة|بنتيجة|بالقرار|بالرد)",
    re.I,
)


def detect_auto_reply(msg: Message, body: str | None = None) -> AutoReply | None:
    """An ``AutoReply`` when ``msg`` was sent by software on someone's behalf, else None.

    ``body`` (the decoded text) lets a robot without headers be recognised by its words."""
    auto_submitted = raw_header(msg, "Auto-Submitted").strip().lower()
    if auto_submitted and not auto_submitted.startswith("no"):
        return AutoReply(f"Auto-Submitted: {auto_submitted}", 0.99)
    for name in ("X-Autoreply", "X-Autorespond", "X-Autoresponder", "X-Auto-Reply"):
        if msg.get(name) is not None:
            return AutoReply(f"{name}: {raw_header(msg, name).strip()}", 0.98)
    if msg.get("X-Auto-Response-Suppress") and msg.get("X-MS-Exchange-Inbox-Rules-Loop"):
        return AutoReply("X-Auto-Response-Suppress with X-MS-Exchange-Inbox-Rules-Loop", 0.97)
    precedence = raw_header(msg, "Precedence").strip().lower()
    if precedence in ("auto_reply", "bulk", "junk"):
        return AutoReply(f"Precedence: {precedence}", 0.95)
    if msg.get_content_type() == "multipart/report":
        params = {k.lower(): v.lower() for k, v in msg.get_params() or []}
        if params.get("report-type") == "disposition-notification":
            return AutoReply("read receipt (disposition-notification report)", 0.99)
        if params.get("report-type") == "delivery-status":
            # A delivery report that is not a failure (bounces are decided before this):
            # "delivered" or "relayed" notices.
            return AutoReply("delivery notification without a failure", 0.9)
    subject = header_text(msg, "Subject")
    # "Re: Automatic reply: …" is a person answering an auto-reply: a human reply, not a robot.
    is_answer = re.match(r"^\s*(re|aw|sv|ответ|回复|答复|رد)\s*[:：]", subject, re.I)
    if not is_answer and (_SUBJECT_ANYWHERE.search(subject) or _SUBJECT_START.search(subject)):
        return AutoReply(f"Subject: {subject}", 0.9)
    if body:
        match = _BODY.search(body[:1500]) or (
            None if is_answer else _BODY_AMBIGUOUS.search(body[:1500])
        )
        if match:
            return AutoReply(
                _sentence_around(body, match.start(), match.end()), 0.85, body_only=True
            )
    return None


def _sentence_around(text: str, start: int, end: int) -> str:
    left = max(text.rfind(stop, 0, start) for stop in ".!?\n。")
    rights = [i for i in (text.find(stop, end) for stop in ".!?\n。") if i != -1]
    right = min(rights) + 1 if rights else len(text)
    return " ".join(text[left + 1 : right].split())


# --- return dates ---------------------------------------------------------------------------

_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    [
        "january jan janvier janv enero ene января январь янв يناير كانون الثاني جانفي",
        "february feb février fevrier févr fevr febrero feb февраля февраль фев февр فبراير شباط"
        " فيفري",
        "march mar mars marzo марта март مارس آذار",
        "april apr avril avr abril abr апреля апрель апр أبريل ابريل إبريل نيسان أفريل",
        "may mai mayo мая май مايو أيار ماي",
        "june jun juin junio июня июнь يونيو يونيه حزيران جوان",
        "july jul juillet juil julio июля июль يوليو يوليه تموز جويلية",
        "august aug août aout agosto ago августа август авг أغسطس اغسطس آب أوت",
        "september sep sept septembre septiembre setiembre сентября сентябрь сен сент سبتمبر أيلول",
        "october oct octobre octubre октября октябрь окт أكتوبر اكتوبر تشرين الأول",
        "november nov novembre noviembre ноября ноябрь ноя нояб نوفمبر تشرين الثاني",
        "december dec décembre decembre déc diciembre dic декабря декабрь дек ديسمبر كانون الأول",
    ],
    start=1,
):
    for _name in _names.split():
        _MONTHS.setdefault(_name, _number)
# Two-word Levantine month names would be split above; they are matched whole here.
_MULTI = {
    "كانون الثاني": 1,
    "تشرين الأول": 10,
    "تشرين الثاني": 11,
    "كانون الأول": 12,
}
_MONTH_WORD = "|".join(sorted((re.escape(m) for m in [*_MULTI, *_MONTHS]), key=len, reverse=True))
# Month names that are also ordinary words or bare abbreviations ("may", "march", "mar" = sea
# in Spanish): months only beside a day number, or capitalised inside a sentence ("not the
# March sessions but May"). Russian names the month of a period in the prepositional ("в мае").
_AMBIGUOUS = frozenset(
    n for n in _MONTHS if len(n) <= 3 and n not in {"mai", "мая", "май", "ماي"}
) | {"march"}
_PREPOSITIONAL = dict(
    zip(
        [
            "январе",
            "феврале",
            "марте",
            "апреле",
            "мае",
            "июне",
            "июле",
            "августе",
            "сентябре",
            "октябре",
            "ноябре",
            "декабре",
        ],
        range(1, 13),
        strict=True,
    )
)
_HAN_MONTHS = {
    m: i
    for i, m in enumerate(
        ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"], start=1
    )
}
_NAMED_MONTH = re.compile(
    rf"(?<![^\W\d_])({_MONTH_WORD}|{'|'.join(_PREPOSITIONAL)})(?![^\W\d_])"
    r"|(十[一二]|[一二三四五六七八九十]|1[0-2]|0?[1-9])\s*月",
    re.I,
)


def months_named(text: str) -> frozenset[int]:
    """The months a text names ("March", "mars", "в мае", "مارس", "三月", "5月"), to tell a
    change of month from a change of day in "not X but Y"."""
    found: set[int] = set()
    for match in _NAMED_MONTH.finditer(text):
        word, han = match.group(1), match.group(2)
        if han is not None:
            found.add(int(han) if han.isdigit() else _HAN_MONTHS[han])
            continue
        name = " ".join(word.lower().split())
        if name in _AMBIGUOUS:
            near = text[max(0, match.start() - 4) : match.end() + 4]
            inside = match.start() > 0 and not re.search(r"[.!?]\s*$", text[: match.start()])
            if not re.search(r"\d", near) and not (word[0].isupper() and inside):
                continue
        found.add(_MULTI.get(name) or _MONTHS.get(name) or _PREPOSITIONAL[name])
    return frozenset(found)


_DAY_MONTH = re.compile(
    rf"(?<!\d)(\d{{1,2}})(?:er|st|nd|rd|th|-?го)?\.?\s*(?:de\s+)?({_MONTH_WORD})(?![^\W\d_])\.?"
    rf"(?:\s*(?:de\s+|,\s*)?(\d{{4}}))?",
    re.I,
)
_MONTH_DAY = re.compile(
    rf"\b({_MONTH_WORD})(?![^\W\d_])\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s*(\d{{4}}))?", re.I
)
_CJK = re.compile(r"(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*[日号號]")
_ISO = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
# A reference such as "CL-21/4" is not a date: nothing may touch the number on its left.
_NUMERIC = re.compile(r"(?<![\w.\-/])(\d{1,2})[./](\d{1,2})(?:[./](\d{2,4}))?(?![\d.]*\d)")

_RETURN_CUE = re.compile(
    r"(\bback\b|\breturn|\bresume|\bin the office (again )?on|\bavailable again"
    r"|de retour|\bretour\b|\breviens|\breprendrai|\brentre"
    r"|regres|\bvuelta\b|\bde vuelta|\breincorpor|\bvolveré|\bvuelvo"
    r"|вернусь|возвращусь|выйду|буду на (работе|месте)|буду в офисе|возвращени"
    r"|返回|回来|回到|返岗|返回办公室|上班|回國|回国"
    r"|سأعود|أعود|العودة|عودتي|سأكون متواجد|سأباشر)",
    re.I,
)
_UNTIL_CUE = re.compile(
    r"(\buntil\b|\btill\b|jusqu'?au|\bau(?=\s+\d)|\bal(?=\s+\d)|\bhasta\b|\bпо\b|\bдо\b|至|到"
    r"|حتى|لغاية)",
    re.I,
)

_ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def _dates_in(text: str, reference: date) -> list[tuple[int, date]]:
    """Every date found in ``text`` with its position; years missing are inferred as the next
    occurrence on or after ``reference`` (an out-of-office reply speaks of its near future)."""
    found: list[tuple[int, date]] = []

    def add(pos: int, year: str | None, month: int, day: int) -> None:
        y = int(year) if year else None
        if y is not None and y < 100:
            y += 2000
        try:
            if y is None:
                candidate = date(reference.year, month, day)
                if candidate < reference - timedelta(days=7):
                    candidate = date(reference.year + 1, month, day)
            else:
                candidate = date(y, month, day)
        except ValueError:
            return
        found.append((pos, candidate))

    for m in _ISO.finditer(text):
        add(m.start(), m.group(1), int(m.group(2)), int(m.group(3)))
    for m in _CJK.finditer(text):
        add(m.start(), m.group(1), int(m.group(2)), int(m.group(3)))
    for m in _DAY_MONTH.finditer(text):
        month = _MULTI.get(m.group(2)) or _MONTHS.get(m.group(2).lower())
        if month:
            add(m.start(), m.group(3), month, int(m.group(1)))
    for m in _MONTH_DAY.finditer(text):
        month = _MONTHS.get(m.group(1).lower())
        if month and not any(abs(p - m.start()) < 12 for p, _ in found):
            add(m.start(), m.group(3), month, int(m.group(2)))
    for m in _NUMERIC.finditer(text):
        if any(abs(p - m.start()) < 12 for p, _ in found):
            continue
        a, b = int(m.group(1)), int(m.group(2))
        # Day first, as nearly everywhere outside the US; month first only when day-first is
        # impossible (13/02 is day-first, 02/13 can only be month-first).
        day, month = (a, b) if b <= 12 else (b, a)
        if month <= 12:
            add(m.start(), m.group(3), month, day)
    found.sort()
    return found


def extract_return_date(text: str, reference: date) -> date | None:
    """When the absent person is back, from an out-of-office text, or None.

    The date nearest a "back/return" word (in any of the six languages) wins; failing that, the
    date after an "until" word; a date near neither is not taken."""
    text = text.translate(_ARABIC_DIGITS)[:3000]
    dates = _dates_in(text, reference)
    if not dates:
        return None
    for cue in (_RETURN_CUE, _UNTIL_CUE):
        best: tuple[int, date] | None = None
        for m in cue.finditer(text):
            for pos, when in dates:
                # Chinese and Arabic often put the date before the verb ("2月15日返回").
                distance = pos - m.end() if pos >= m.start() else (m.start() - pos) + 5
                if distance <= 60 and (best is None or distance < best[0]):
                    best = (distance, when)
        if best is not None:
            return best[1]
    # A date with no "back"/"until" word near it (a read receipt's "read on 4 February", a
    # conference date) is not a return date.
    return None

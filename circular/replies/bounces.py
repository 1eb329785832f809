"""Recognising delivery failures (bounces) and reading which address failed and why.

Order of trust: an RFC 3464 delivery-status report (machine-readable, exact) → flufl.bounce's
detectors for the many non-standard MTAs → the text of a message from MAILER-DAEMON/postmaster
with a bounce subject. Permanent vs temporary comes from the status code (5.x.x / 4.x.x), the
``Action`` field (failed / delayed), flufl.bounce's split, or the words of the text.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from email.message import Message

from circular.replies.mailtext import header_text, html_to_text, part_text, raw_header

logging.getLogger("flufl.bounce").setLevel(logging.CRITICAL)


@dataclass(frozen=True)
class Bounce:
    """What a bounce says: the failed address, permanence, the server's words, what decided."""

    recipient: str | None
    permanent: bool | None
    diagnostic: str | None
    evidence: str
    confidence: float


_DAEMON_SENDER = re.compile(
    r"(mailer-daemon|postmaster|mail delivery (subsystem|system)|microsoftexchange"
    r"|mail-daemon|mdaemon)",
    re.I,
)
_BOUNCE_SUBJECT = re.compile(
    r"(delivery failure|message status - undeliverable|nicht zustellbar|non recapitabile"
    r"|notification d'état de remise|undeliver|undelivered mail|mail delivery fail"
    r"|delivery status notification"
    r"|returned mail|failure notice|delivery fail|could not send|delivery (has )?delayed"
    r"|delayed mail|warning: message|non remis|non distribuable|échec de (la )?remise"
    r"|no se puede entregar|no entregado|error de entrega|не доставлено|недоставленное"
    r"|ошибка доставки|无法投递|未送达|退信|投递失败|تعذر التسليم|لم يتم التسليم|فشل التسليم)",
    re.I,
)
_TEMPORARY_WORDS = re.compile(
    r"(delayed|not yet been delivered|will (continue to )?(retry|try)|temporar|retrying"
    r"|warning: could not|still trying|deferred)",
    re.I,
)
_ADDRESS = re.compile(r"[\w+-][\w.+'-]*@[\w-]+(?:\.[\w-]+)+")
_ENHANCED_STATUS = re.compile(r"(?<![\d.])([245])\.\d{1,3}\.\d{1,3}(?![\d.])")
_PERMANENT_WORDS = re.compile(
    r"(does not exist|doesn't exist|user unknown|unknown user|no such (user|mailbox)|not found"
    r"|permanent|mailbox (is )?(disabled|unavailable)|invalid recipient|address rejected)",
    re.I,
)
_SMTP_REPLY = re.compile(r"\b([245]\d\d)[ -]((?:[245]\.\d{1,3}\.\d{1,3})?.{0,200})")


# The plain-text reports of servers that send no RFC 3464 part, by the sentence each writes
# (security gateways, carriers' servers, Exchange, Domino/Notes, GroupWise, qmail, Courier,
# Sendmail, Postfix). A sentence this specific is a bounce whoever sent it; a person quoting
# one would also have to write from a mail daemon to be taken for one (see detect_bounce).
_REPORT_SENTENCE = re.compile(
    r"(this is the qmail-send program|i'm afraid i wasn't able to deliver your message"
    r"|this is the mail system at host|i'm sorry to have to inform you that your message could"
    r" not\s+be delivered|the following addresses had permanent fatal errors"
    r"|transcript of session follows|delivery has failed to these recipients or groups"
    r"|your message (couldn't|could not|wasn't|was not) (be )?delivered"
    r"|the following recipient\(s\) (cannot|could not) be reached|remote server returned '?[45]\d\d"
    r"|diagnostic information for administrators|was not delivered to:?\s|delivery failure report"
    r"|not listed in (the )?(domino|public) directory|the message that you sent was undeliverable"
    r"|message status - undeliverable|running the courier mail server|undeliverable mail"
    r"|your message to the following recipients cannot be delivered"
    r"|message (delivery|could not be delivered|was rejected|has been rejected|was blocked)"
    r"[^\n]{0,60}(failed|recipient|following|permanently|address)"
    r"|(permanent|fatal) (error|failure)[^\n]{0,40}(deliver|recipient)"
    r"|delivery to the following recipient(s)? (failed|has been delayed)"
    r"|could not be delivered to (one or more|the following) recipients?"
    r"|unable to deliver (your|this|the) message|mail(box)? (is )?(full|over quota)"
    r"|ce message n'a pas pu être (remis|distribué)|la remise (du message )?a échoué"
    r"|impossible de remettre le message|votre message n'a pas pu être remis"
    r"|no se ha podido entregar|no se pudo entregar (el|su) mensaje|error permanente de entrega"
    r"|сообщение не (было )?доставлено|не удалось доставить (ваше )?сообщение"
    r"|доставка (сообщения )?не удалась|ваше письмо не (может быть|было) доставлено"
    r"|邮件(无法|未能|不能)(投递|送达)|系统退信|投递失败|退信原因|无法发送到"
    r"|تعذر تسليم (الرسالة|رسالتك)|لم يتم تسليم (الرسالة|رسالتك)|فشل تسليم)",
    re.I,
)


def detect_bounce(msg: Message) -> Bounce | None:
    """A ``Bounce`` when ``msg`` is a delivery failure or delay notice, else None.

    Checked before automatic replies: a delivery report is a bounce whatever its
    ``Auto-Submitted`` header says (most MTAs set ``auto-replied`` on their reports)."""
    ctype = msg.get_content_type()
    has_report, dsn = _read_dsn(msg)
    if has_report:
        # The machine-readable report is the truth (wherever it sits: some gateways wrap it in
        # multipart/mixed): no failed or delayed recipient in it means a success notice.
        return dsn
    sender = header_text(msg, "From") + " " + header_text(msg, "Return-Path")
    subject = header_text(msg, "Subject")
    daemon = bool(_DAEMON_SENDER.search(sender))
    bounce_subject = bool(_BOUNCE_SUBJECT.search(subject))
    null_sender = raw_header(msg, "Return-Path").strip() == "<>"
    text = ""
    sentence = None
    if daemon or bounce_subject or null_sender or ctype == "multipart/report":
        text = _report_text(msg)
        sentence = _REPORT_SENTENCE.search(text[:4000])
    # RFC 3834 auto-replies also use a null envelope sender, so "<>" alone does not make a bounce.
    if not (daemon or bounce_subject or ctype == "multipart/report" or sentence):
        return None
    flufl = _flufl(msg)
    if flufl is not None:
        return flufl
    if sentence is not None and (daemon or bounce_subject or null_sender):
        return _from_text(msg, f"delivery report sentence: {sentence.group(0)!r}", 0.9)
    if bounce_subject and (daemon or null_sender):
        return _from_text(msg, f"bounce subject from mail daemon: {subject}", 0.8)
    return None


def is_abuse_report(msg: Message) -> bool:
    """Whether ``msg`` is an ARF abuse report (RFC 5965 ``multipart/report;
    report-type=feedback-report``): someone reported a letter as spam. Never an answer."""
    if msg.get_content_type() != "multipart/report":
        return False
    params = {k.lower(): v.lower() for k, v in msg.get_params() or []}
    return params.get("report-type") == "feedback-report"


def _read_dsn(msg: Message) -> tuple[bool, Bounce | None]:
    """(whether a delivery-status part with recipients was found, the failure it reports)."""
    has_report = False
    for part in msg.walk():
        if part.get_content_type() != "message/delivery-status":
            continue
        blocks = part.get_payload()
        if not isinstance(blocks, list):
            continue
        # The first block describes the message; the others one recipient each. The first
        # failed recipient is the one reported (a letter goes to one ministry address).
        found: list[Bounce] = []
        for block in blocks[1:] or blocks:
            recipient = _address(
                raw_header(block, "Final-Recipient") or raw_header(block, "Original-Recipient")
            )
            if recipient is None:
                continue
            has_report = True
            status = raw_header(block, "Status").strip()
            action = raw_header(block, "Action").strip().lower()
            diagnostic = " ".join(raw_header(block, "Diagnostic-Code").split()) or None
            if diagnostic and ";" in diagnostic.split(" ", 1)[0]:
                diagnostic = diagnostic.split(";", 1)[1].strip()
            permanent: bool | None
            if status.startswith("5"):
                permanent = True
            elif status.startswith("4"):
                permanent = False
            elif action in ("failed",):
                permanent = True
            elif action == "delayed":
                permanent = False
            else:
                permanent = None
            if action not in ("failed", "delayed") and not status.startswith(("4", "5")):
                # delivered / relayed / expanded: a success notice, not a failure.
                continue
            evidence = f"delivery-status report: Action: {action or '?'}; Status: {status or '?'}"
            found.append(Bounce(recipient, permanent, diagnostic, evidence, 0.99))
        if found:
            # A permanent failure matters more than a delay of another recipient.
            return True, next((b for b in found if b.permanent), found[0])
    return has_report, None


def _address(field: str | None) -> str | None:
    if not field:
        return None
    value = field.split(";", 1)[-1]
    match = _ADDRESS.search(value)
    return match.group(0).lower() if match else None


def _flufl(msg: Message) -> Bounce | None:
    from flufl.bounce import all_failures

    try:
        temporary, permanent = all_failures(msg)
    except Exception:  # a detector choking on odd input must not stop classification
        return None
    if not temporary and not permanent:
        return None
    address = sorted(permanent or temporary)[0]
    recipient = address.decode("utf-8", "replace") if isinstance(address, bytes) else address
    text = _report_text(msg)
    # flufl's Exim detector reports X-Failed-Recipients as permanent even on a delay warning:
    # the server's own code and words are the better witness when they exist.
    said = _permanence(header_text(msg, "Subject"), text)
    is_permanent = said if said is not None else bool(permanent)
    return Bounce(
        recipient.strip("<>").lower(),
        is_permanent,
        _diagnostic(text),
        f"flufl.bounce found a {'permanent' if is_permanent else 'temporary'} failure",
        0.95,
    )


def _from_text(msg: Message, evidence: str, sure: float) -> Bounce:
    text = _report_text(msg)
    # The failed address is one the report names that is neither the report's sender nor its
    # recipient (the campaign's own address).
    ours = {
        a.lower()
        for name in ("To", "From", "Return-Path", "Sender")
        for a in _ADDRESS.findall(header_text(msg, name))
    }
    recipient = next((a.lower() for a in _ADDRESS.findall(text) if a.lower() not in ours), None)
    diagnostic = _diagnostic(text)
    permanent = _permanence(header_text(msg, "Subject"), text)
    return Bounce(recipient, permanent, diagnostic, evidence, sure)


def _permanence(subject: str, text: str) -> bool | None:
    """Permanent (True) or temporary (False) from a bounce's words: the SMTP reply code, then
    an enhanced status code, then delay words, then failure words; None when nothing says."""
    code = _SMTP_REPLY.search(text)
    if code:
        return code.group(1).startswith("5")
    status = _ENHANCED_STATUS.search(text)
    if status:
        return status.group(1) == "5"
    if _TEMPORARY_WORDS.search(subject + "\n" + text):
        return False
    if _PERMANENT_WORDS.search(text):
        return True
    return None


def _report_text(msg: Message) -> str:
    """The first text parts of a report (HTML turned to text when there is no plain part)."""
    texts, html = [], []
    for part in msg.walk():
        if part.get_content_type() == "text/plain":
            texts.append(part_text(part))
        elif part.get_content_type() == "text/html" and not html:
            html.append(part)
        if len(texts) >= 2:
            break
    if not texts and html:
        texts.append(html_to_text(part_text(html[0])))
    return "\n".join(texts)


def _diagnostic(text: str) -> str | None:
    match = _SMTP_REPLY.search(text)
    if match:
        return " ".join((match.group(1) + " " + match.group(2)).split())
    for line in text.splitlines():
        if re.search(r"(said|error|reason|diagnostic)", line, re.I) and len(line.strip()) > 10:
            return line.strip()[:300]
    return None

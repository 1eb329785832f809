"""Bounces in the plain-text formats of servers without an RFC 3464 part, delivery reports that
carry ``Auto-Submitted``, and ARF abuse reports (never an answer)."""

from __future__ import annotations

from email.message import EmailMessage
from email.mime.message import MIMEMessage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText

import pytest

from circular.ledger import ReplyKind
from circular.replies.classify import classify_message

FAILED = "minister@mofa.gov.example"


def _plain(sender: str, subject: str, body: str, **headers: str) -> bytes:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = "bounces+abc123@example.org"
    msg["Subject"] = subject
    for name, value in headers.items():
        msg[name.replace("_", "-")] = value
    msg.set_content(body)
    return msg.as_bytes()


PLAIN_REPORTS = {
    "domino": (
        "Postmaster <postmaster@mofa.gov.example>",
        "DELIVERY FAILURE: User minister (minister@mofa.gov.example) not listed in Domino "
        "Directory",
        "Your message\n\n  Subject: CL-21/4\n\nwas not delivered to:\n\n  "
        f"{FAILED}\n\nbecause:\n\n  User minister ({FAILED}) not listed in Domino Directory",
    ),
    "groupwise": (
        "Mail Administrator <gwia@mofa.gov.example>",
        "Message status - undeliverable",
        "The message that you sent was undeliverable to the following:\n"
        f"\t{FAILED} (user not found)\n\nPossible reason: The recipient's address is wrong.",
    ),
    "courier": (
        "Courier mail server at mx.mofa.gov.example <@>",
        "NOTICE: mail delivery status.",
        "This is a delivery status notification from mx.mofa.gov.example, running the Courier"
        " mail server, version 1.1.\n\nUNDELIVERABLE MAIL\n\nYour message to the following "
        f"recipients cannot be delivered:\n\n<{FAILED}>:\n    550 5.1.1 mailbox unavailable",
    ),
    "gateway": (
        "Security Gateway <noreply@gateway.example>",
        "Message blocked",
        f"Your message couldn't be delivered to {FAILED}.\nThe recipient's server said: "
        "550 5.7.1 Message rejected by policy.",
    ),
    "carrier_fr": (
        "Orange <no-reply@orange.example>",
        "Erreur de distribution",
        f"Ce message n'a pas pu être remis à {FAILED} : la boîte aux lettres est pleine.",
    ),
    "carrier_ru": (
        "Яндекс <devnull@yandex.example>",
        "Ошибка",
        f"Сообщение не доставлено получателю {FAILED}: такого ящика нет.",
    ),
    "carrier_zh": (
        "系统管理员 <postmaster@163.example>",
        "系统退信",
        f"您发送的邮件无法投递到 {FAILED}。退信原因：收件人不存在。",
    ),
}


@pytest.mark.parametrize("name", sorted(PLAIN_REPORTS))
def test_plain_text_reports_are_bounces(name: str) -> None:
    sender, subject, body = PLAIN_REPORTS[name]
    raw = _plain(sender, subject, body, Auto_Submitted="auto-replied", Return_Path="<>")
    result = classify_message(raw)
    assert result.kind == ReplyKind.BOUNCE, result.evidence
    assert result.bounce_recipient == FAILED


def test_delivery_report_with_auto_submitted_inside_mixed_is_a_bounce() -> None:
    """A gateway wraps the RFC 3464 report in multipart/mixed and says Auto-Submitted."""
    raw = (
        "From: Gateway <notify@gateway.example>\nTo: bounces+abc123@example.org\n"
        "Subject: Notification\nAuto-Submitted: auto-replied\nMIME-Version: 1.0\n"
        'Content-Type: multipart/mixed; boundary="b"\n\n--b\nContent-Type: text/plain\n\n'
        "See the attached report.\n--b\nContent-Type: message/delivery-status\n\n"
        "Reporting-MTA: dns; gateway.example\n\n"
        f"Final-Recipient: rfc822; {FAILED}\nAction: failed\nStatus: 5.1.1\n\n--b--\n"
    )
    result = classify_message(raw.encode())
    assert result.kind == ReplyKind.BOUNCE, result.evidence
    assert result.bounce_recipient == FAILED
    assert result.bounce_permanent is True


def test_arf_abuse_report_is_never_an_answer() -> None:
    report = MIMEMultipart("report", report_type="feedback-report")
    report["From"] = "abuse@isp.example"
    report["To"] = "bounces+abc123@example.org"
    report["Subject"] = "Abuse report: the Minister accepts with pleasure"
    report["Auto-Submitted"] = "auto-generated"
    report.attach(MIMEText("The Minister accepts. This is an abuse report.", "plain"))
    feedback = MIMEText("Feedback-Type: abuse\nUser-Agent: x/1\nVersion: 1\n", "plain")
    feedback.set_type("message/feedback-report")
    report.attach(feedback)
    report.attach(MIMEMessage(EmailMessage()))
    result = classify_message(report.as_bytes())
    assert result.kind == ReplyKind.OTHER
    assert result.needs_review and "abuse report" in (result.review_reason or "")


def test_person_quoting_a_failure_sentence_is_not_a_bounce() -> None:
    raw = _plain(
        "Office of the Minister <minister@mofa.gov.example>",
        "Re: CL-21/4",
        "Your message could not be delivered to our old address, so we reply here: the"
        " Minister will attend.",
    )
    assert classify_message(raw).kind != ReplyKind.BOUNCE

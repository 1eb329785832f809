"""Bounces: RFC 3464 delivery status notifications, as a recipient's mail server sends them."""

from __future__ import annotations

from datetime import UTC, datetime
from email.message import Message
from email.mime.base import MIMEBase
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import format_datetime

from circular.sandbox.letter import Letter
from circular.sandbox.mime import stable_boundaries
from circular.sandbox.scenario import BounceSettings


def delivery_status_notification(
    letter: Letter,
    recipient: str,
    settings: BounceSettings,
    arrived: datetime,
    message_id: str,
) -> MIMEMultipart:
    """A ``multipart/report; report-type=delivery-status`` from MAILER-DAEMON saying that
    ``recipient`` did not get ``letter``: a human part, the machine-readable status
    (Final-Recipient, Action, Status, Diagnostic-Code) and the letter's headers.

    It goes to the letter's envelope sender (RFC 3464 §2), where the letter's token is."""
    domain = recipient.rpartition("@")[2] or "invalid"
    mta = f"mx.{domain}"
    failed = settings.status.startswith("5")
    action = "failed" if failed else "delayed"

    human = MIMEText(
        f"This is the mail system at host {mta}.\n\n"
        + (
            "I'm sorry to have to inform you that your message could not\n"
            "be delivered to one or more recipients. It's attached below.\n\n"
            if failed
            else "Your message could not be delivered yet; delivery will be retried.\n\n"
        )
        + f"<{recipient}>: host {mta} said: {settings.diagnostic}\n",
        "plain",
        "us-ascii",
    )
    human["Content-Description"] = "Notification"

    per_message = Message()
    per_message["Reporting-MTA"] = f"dns; {mta}"
    per_message["Arrival-Date"] = format_datetime(arrived)
    per_recipient = Message()
    per_recipient["Final-Recipient"] = f"rfc822; {recipient}"
    per_recipient["Original-Recipient"] = f"rfc822;{recipient}"
    per_recipient["Action"] = action
    per_recipient["Status"] = settings.status
    per_recipient["Remote-MTA"] = f"dns; {mta}"
    per_recipient["Diagnostic-Code"] = f"smtp; {settings.diagnostic}"
    status = MIMEBase("message", "delivery-status")
    # The generator writes a delivery-status payload as header blocks separated by blank lines.
    status.set_payload([per_message, per_recipient])
    status["Content-Description"] = "Delivery report"

    headers = MIMEText(letter.headers.rstrip("\n") + "\n", "rfc822-headers", _charset(letter))
    headers["Content-Description"] = "Undelivered Message Headers"

    report = MIMEMultipart("report", report_type="delivery-status")
    report["From"] = f"MAILER-DAEMON@{mta} (Mail Delivery System)"
    report["To"] = letter.envelope_sender or letter.reply_to
    report["Subject"] = (
        "Undelivered Mail Returned to Sender" if failed else "Delayed Mail (still being retried)"
    )
    report["Date"] = format_datetime(datetime.now(UTC))
    report["Message-ID"] = message_id
    report["Auto-Submitted"] = "auto-replied"
    report.preamble = "This is a MIME-encapsulated message."
    for part in (human, status, headers):
        report.attach(part)
    stable_boundaries(report, message_id)
    return report


def _charset(letter: Letter) -> str:
    return "us-ascii" if letter.headers.isascii() else "utf-8"

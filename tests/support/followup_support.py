"""Helpers shared by the follow-up tests: a copy of CL-21/4 with its real reminder and
acknowledgement texts, contacts from the sample file with stand-in letters, and replies."""

from __future__ import annotations

import csv
import shutil
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

import yaml

from circular.campaign import Campaign, load_campaign
from circular.ledger import Contact, Ledger
from circular.settings import PROJECT_ROOT

SAMPLES = PROJECT_ROOT / "contacts" / "samples" / "member-states.csv"
CAMPAIGN_ID = "cl-21-4"


def copy_campaign(root: Path, **reminders: object) -> Campaign:
    """CL-21/4 copied under ``root/letters`` (reminder policy overridden by ``reminders``)."""
    source = PROJECT_ROOT / "letters" / CAMPAIGN_ID
    folder = root / "letters" / CAMPAIGN_ID
    shutil.copytree(source, folder, ignore=shutil.ignore_patterns("text"))
    if reminders:
        path = folder / "campaign.yaml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data["reminders"].update(reminders)
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return load_campaign(folder)


def open_every_day(folder: Path) -> None:
    """Make the campaign in ``folder`` a secretariat open every day (no holidays, a seven-day
    week), for tests that must not depend on the weekday they run on: acknowledgements and
    waves wait on the secretariat's days off (tests/followups checks those)."""
    path = folder / "campaign.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["calendar"] = None
    data["reminders"]["working_days"] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def sample_rows(per_language: dict[str, int]) -> list[dict[str, str]]:
    """The first rows of the sample contact file in each language, as many as asked."""
    wanted = dict(per_language)
    rows = []
    with SAMPLES.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if wanted.get(row["language"], 0) > 0:
                wanted[row["language"]] -= 1
                rows.append(row)
    return rows


def add_contacts(
    ledger: Ledger, rows: list[dict[str, str]], out_dir: Path, campaign: str = CAMPAIGN_ID
) -> dict[str, int]:
    """The rows as contacts of ``campaign``, each with a stand-in letter file under
    ``out_dir/<campaign>/<ISO3>.<lang>.docx``. Returns ISO3 → contact id."""
    folder = out_dir / campaign
    folder.mkdir(parents=True, exist_ok=True)
    with ledger.session() as session:
        contacts = [
            Contact(
                campaign=campaign,
                contact_key=row["country"],
                iso3=row["country"],
                language=row["language"],
                email=row["email"],
                cc=[a.strip() for a in row["cc"].split(";") if a.strip()],
                salutation=row["salutation"],
                title=row["title"],
                name=row["name"],
                position=row["position"],
                ministry=row["ministry"],
            )
            for row in rows
        ]
        session.add_all(contacts)
        session.flush()
        for contact in contacts:
            path = folder / f"{contact.iso3}.{contact.language}.docx"
            path.write_bytes(b"PK stand-in letter " + contact.iso3.encode())
        return {c.iso3: c.id for c in contacts}


def reply_bytes(
    sender: str,
    body: str,
    when: datetime,
    *,
    subject: str = "RE: CL-21/4",
    in_reply_to: str = "",
    auto: bool = False,
    to: str = "wsis-info@itu.example",
) -> bytes:
    """A reply as a ministry's mail system would send it, dated ``when``."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = format_datetime(when)
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2])
    if in_reply_to:
        message["In-Reply-To"] = in_reply_to
        message["References"] = in_reply_to
    if auto:
        message["Auto-Submitted"] = "auto-replied"
    message.set_content(body)
    return message.as_bytes()


def dsn_bytes(envelope_sender: str, recipient: str, when: datetime) -> bytes:
    """A permanent-failure delivery report (RFC 3464) for a letter to ``recipient``."""
    domain = recipient.rpartition("@")[2]
    return (
        f"From: MAILER-DAEMON@mx.{domain} (Mail Delivery System)\r\n"
        f"To: {envelope_sender}\r\n"
        f"Subject: Undelivered Mail Returned to Sender\r\n"
        f"Date: {format_datetime(when)}\r\n"
        f"Message-ID: {make_msgid(domain='mx.' + domain)}\r\n"
        f"Auto-Submitted: auto-replied\r\n"
        f"MIME-Version: 1.0\r\n"
        f'Content-Type: multipart/report; report-type=delivery-status; boundary="BB"\r\n\r\n'
        f"--BB\r\nContent-Type: text/plain\r\n\r\n"
        f"<{recipient}>: host mx.{domain} said: 550 5.1.1 User unknown\r\n\r\n"
        f"--BB\r\nContent-Type: message/delivery-status\r\n\r\n"
        f"Reporting-MTA: dns; mx.{domain}\r\n\r\n"
        f"Final-Recipient: rfc822; {recipient}\r\nAction: failed\r\nStatus: 5.1.1\r\n"
        f"Diagnostic-Code: smtp; 550 5.1.1 User unknown\r\n\r\n"
        f"--BB--\r\n"
    ).encode()

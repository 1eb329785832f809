"""End to end: letters sent by circular's outbox through a real aiosmtpd server, the
respondents' replies delivered into a real Dovecot, then ``circular poll`` (the CLI, in its own
process, with circular's real classifier) classifies, matches, records and files them; a second
poll finds nothing new, and a UIDVALIDITY reset re-processes nothing.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, date, datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from circular.ledger import Contact, Ledger, Message, Reply, ReplyStatus
from circular.replies.outcomes import ContactStatus, can_mail, contact_status
from circular.sending.mime import Mailbox, OutgoingMessage
from circular.sending.outbox import SendOptions, send
from circular.sending.smtp import SmtpConfig
from circular.settings import PROJECT_ROOT, Security
from tests.servers.dovecot import ImapAccount
from tests.servers.smtp_server import Received, smtp_server

pytestmark = [pytest.mark.dovecot, pytest.mark.slow]

CAMPAIGN = "cl-21-4"
SECRETARIAT = Mailbox("sg@itu.example", "Secretary-General, ITU")
REPLIES_TO = "wsis-replies@itu.example"
BOUNCES = "bounces@itu.example"

# (ISO3, language, minister's address, cabinet Cc)
CONTACTS = [
    ("FRA", "fr", "ministre@numerique.gouv.example", "cabinet@numerique.gouv.example"),
    ("ESP", "es", "ministra@mineco.example", "gabinete@mineco.example"),
    ("RUS", "ru", "minister@digital.gov.example", "office@digital.gov.example"),
    ("CHN", "zh", "minister@miit.example", "office@miit.example"),
    ("BRA", "en", "gabinete@mcom.example", "assessoria@mcom.example"),
]


def send_letters(ledger: Ledger) -> dict[str, Received]:
    """One invitation per contact through the outbox and a real SMTP server: ISO3 → what the
    server received."""
    with ledger.session() as session:
        contacts = [
            Contact(
                campaign=CAMPAIGN,
                contact_key=iso3,
                iso3=iso3,
                language=language,
                email=email,
                cc=[cc],
                name=f"Minister of {iso3}",
            )
            for iso3, language, email, cc in CONTACTS
        ]
        session.add_all(contacts)
        session.flush()
        ids = {c.iso3: c.id for c in contacts}
    letters = [
        OutgoingMessage(
            campaign=CAMPAIGN,
            contact_id=ids[iso3],
            kind="invitation",
            language=language,
            sender=SECRETARIAT,
            reply_to=REPLIES_TO,
            to=Mailbox(email, f"Minister of {iso3}"),
            cc=(cc,),
            subject="WSIS Forum 2021 – CL-21/4",
            text="Please confirm the acceptance of the Minister by 31 March 2021.",
            reference="CL-21/4",
            label=iso3,
        )
        for iso3, language, email, cc in CONTACTS
    ]
    with smtp_server() as (controller, handler):
        smtp = SmtpConfig(host="127.0.0.1", port=controller.port, security=Security.NONE)
        report = send(ledger, letters, smtp, SendOptions(connections=2, bounce_address=BOUNCES))
    assert report.sent == len(CONTACTS)
    by_address = {item.rcpt_tos[0]: item for item in handler.received}
    return {iso3: by_address[email] for iso3, _lang, email, _cc in CONTACTS}


def reply(
    sender: str,
    to: str,
    subject: str,
    body: str,
    *,
    in_reply_to: str = "",
    headers: dict[str, str] | None = None,
) -> bytes:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = format_datetime(datetime.now(UTC))
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2])
    if in_reply_to:
        message["In-Reply-To"] = in_reply_to
        message["References"] = in_reply_to
    for name, value in (headers or {}).items():
        message[name] = value
    message.set_content(body)
    return message.as_bytes()


def dsn(received: Received) -> bytes:
    """A Postfix-style delivery report for ``received``, sent to its envelope sender."""
    recipient = received.rcpt_tos[0]
    original_headers = received.data.split(b"\r\n\r\n", 1)[0].decode()
    return (
        f"From: MAILER-DAEMON@mx.miit.example (Mail Delivery System)\r\n"
        f"To: {received.mail_from}\r\n"
        f"Subject: Undelivered Mail Returned to Sender\r\n"
        f"Date: {format_datetime(datetime.now(UTC))}\r\n"
        f"Message-ID: {make_msgid(domain='mx.miit.example')}\r\n"
        f"Auto-Submitted: auto-replied\r\n"
        f"MIME-Version: 1.0\r\n"
        f'Content-Type: multipart/report; report-type=delivery-status; boundary="BB"\r\n\r\n'
        f"--BB\r\nContent-Type: text/plain\r\n\r\n"
        f"<{recipient}>: host mx.miit.example said: 550 5.1.1 User unknown\r\n\r\n"
        f"--BB\r\nContent-Type: message/delivery-status\r\n\r\n"
        f"Reporting-MTA: dns; mx.miit.example\r\n\r\n"
        f"Final-Recipient: rfc822; {recipient}\r\nAction: failed\r\nStatus: 5.1.1\r\n"
        f"Diagnostic-Code: smtp; 550 5.1.1 User unknown\r\n\r\n"
        f"--BB\r\nContent-Type: text/rfc822-headers\r\n\r\n{original_headers}\r\n\r\n"
        f"--BB--\r\n"
    ).encode()


def run_poll(env: dict[str, str]) -> dict[str, Any]:
    """``circular poll --json`` in its own process, as an operator runs it."""
    done = subprocess.run(
        [sys.executable, "-m", "circular", "poll", "--json", "--verbose"],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    print(f"$ circular poll --json --verbose\n{done.stderr}{done.stdout}")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def test_letters_out_replies_in_poll_classifies_matches_files_and_records(
    ledger: Ledger, imap_account: ImapAccount, tmp_path: Path
) -> None:
    sent = send_letters(ledger)
    fra, esp, chn = (sent[k] for k in ["FRA", "ESP", "CHN"])
    accept = reply(
        "ministre@numerique.gouv.example",
        REPLIES_TO,
        "RE: WSIS Forum 2021 – CL-21/4",
        "Monsieur le Secrétaire général,\n\nLe Ministre accepte avec plaisir votre invitation "
        "et prononcera la déclaration de la France.\n\n-----Message d'origine-----\n"
        "De : Secretary-General, ITU\nPlease confirm the acceptance of the Minister.",
        in_reply_to=fra.message_id,
    )
    replies = [
        accept,
        reply(
            "ministra@mineco.example",
            REPLIES_TO,
            "RE: WSIS Forum 2021 – CL-21/4",
            "Estimado Secretario General:\n\nLamentablemente, la Ministra no podrá participar.",
            in_reply_to=esp.message_id,
        ),
        reply(
            "minister@digital.gov.example",
            REPLIES_TO,
            "Автоматический ответ: WSIS Forum 2021 – CL-21/4",
            "Я в отпуске до 15 февраля 2021 г. и не имею доступа к почте.",
            headers={"Auto-Submitted": "auto-replied"},
        ),
        dsn(chn),
        reply(
            "assessoria@mcom.example",
            REPLIES_TO,
            "CL-21/4",
            "Dear Sir, we have received your letter and will revert shortly.",
        ),
        reply(
            "someone@unknown.example",
            REPLIES_TO,
            # Names the campaign's reference: its business, for review (staff mail that names
            # none stays in INBOX: test_shared_inbox.py).
            "Question about CL-21/4",
            "Is the Forum open to the public?",
        ),
        # From the ministry of foreign affairs, unknown here, not threaded: the reference
        # and the country's name place it.
        reply(
            "protocol@mfa-cn.example",
            REPLIES_TO,
            "回复：CL-21/4号通函",
            "尊敬的秘书长：\n\n中国工业和信息化部部长接受贵组织的邀请，"
            "将出席2021年信息社会世界峰会论坛。",
        ),
        b"\x00\x01\x02 this is not an e-mail \xff\xfe\r\n",
    ]
    for raw in replies:
        imap_account.deliver(raw)

    env = {
        **os.environ,
        "CIRCULAR_DATABASE_URL": ledger.url,
        "CIRCULAR_IMAP_HOST": imap_account.host,
        "CIRCULAR_IMAP_PORT": str(imap_account.port),
        "CIRCULAR_IMAP_USERNAME": imap_account.user,
        "CIRCULAR_IMAP_PASSWORD": imap_account.password,
        "CIRCULAR_IMAP_SECURITY": "none",
        "CIRCULAR_LETTERS_DIR": str(tmp_path / "letters"),
    }
    first = run_poll(env)

    assert (first["fetched"], first["processed"], first["unreadable"]) == (8, 8, 1)
    assert first["filed"] == {
        "Circular/Accepted": 2,
        "Circular/Declined": 1,
        "Circular/Auto-replies": 1,
        "Circular/Bounces": 1,
        "Circular/Other": 1,
        "Circular/Needs review": 1,
    }
    assert sorted(imap_account.folder_uids("INBOX")) == [8]  # the unreadable one stays
    for folder in ["Accepted", "Declined", "Auto-replies", "Bounces", "Other", "Needs review"]:
        messages = imap_account.folder_uids(f"Circular/{folder}")
        assert len(messages) == (2 if folder == "Accepted" else 1), folder
        assert all("\\Seen" not in flags for flags in messages.values())

    with ledger.session() as session:
        rows = {r.uid: r for r in session.scalars(select(Reply))}
        letters = {m.contact_id: m for m in session.scalars(select(Message))}  # one invitation each
        contacts = {c.iso3: c for c in session.scalars(select(Contact))}
        letter_of = {iso3: letters[c.id].id for iso3, c in contacts.items()}
        expected = {
            1: ("accept", "references", letter_of["FRA"]),
            2: ("decline", "references", letter_of["ESP"]),
            3: ("auto_reply", "address", letter_of["RUS"]),
            4: ("bounce", "envelope", letter_of["CHN"]),
            5: ("other", "address", letter_of["BRA"]),
            6: ("other", "", None),
            7: ("accept", "reference_country", letter_of["CHN"]),
        }
        for uid, (kind, method, letter_id) in expected.items():
            assert (rows[uid].kind, rows[uid].match_method, rows[uid].matched_message_id) == (
                kind,
                method,
                letter_id,
            ), uid
        assert rows[6].status == rows[8].status == ReplyStatus.NEEDS_REVIEW
        assert "unreadable" in rows[8].decision_note and "NotAnEmail" in rows[8].decision_note
        assert rows[4].bounce_recipient == "minister@miit.example"
        assert rows[4].bounce_permanent is True
        assert rows[3].return_date == date(2021, 2, 15)
        assert [rows[uid].language for uid in (1, 2, 3, 7)] == ["fr", "es", "ru", "zh"]
        statuses = {iso3: contact_status(session, c) for iso3, c in contacts.items()}
        assert statuses == {
            "FRA": ContactStatus.ACCEPTED,
            "ESP": ContactStatus.DECLINED,
            "RUS": ContactStatus.AUTO_REPLY,
            "CHN": ContactStatus.ACCEPTED,  # a human reply beats the bounce...
            "BRA": ContactStatus.NEEDS_REVIEW,
        }
        assert not can_mail(session, contacts["CHN"])  # ...but that address gets no more mail
        assert can_mail(session, contacts["FRA"])

    second = run_poll(env)
    assert (second["fetched"], second["processed"]) == (0, 0)

    # The folder is rebuilt (new UIDVALIDITY) and someone drags the acceptance back into it.
    imap_account.doveadm("mailbox", "update", "--uid-validity", "777", "INBOX")
    imap_account.deliver(accept)
    third = run_poll(env)
    assert third["uidvalidity_changed"] is True
    assert (third["fetched"], third["processed"], third["skipped"]) == (2, 0, 2)
    assert third["filed"] == {"Circular/Accepted": 1}  # back where its first copy went
    with ledger.session() as session:
        assert len(session.scalars(select(Reply)).all()) == 8

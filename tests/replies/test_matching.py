"""Matching a reply to its letter, one test per method (circular.replies.matching), against a real
SQLite ledger."""

from __future__ import annotations

import email
import email.policy
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage

from sqlalchemy.orm import Session

from circular.ledger import Ledger, Message
from circular.replies.matching import (
    NO_MATCH,
    Matcher,
    MatchMethod,
    campaign_reference,
    default_country_lookup,
)
from circular.tokens import envelope_sender_for
from tests.support.inbox_support import CAMPAIGN, DOMAIN, add_letter

REFERENCES = {CAMPAIGN: "CL-21/4"}


def parse(raw: str) -> EmailMessage:
    message = email.message_from_bytes(raw.encode(), policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    return message


def simple(headers: dict[str, str], body: str = "Thank you.") -> EmailMessage:
    message = EmailMessage()
    for name, value in headers.items():
        message[name] = value
    message.set_content(body)
    return message


def matcher(session: Session) -> Matcher:
    return Matcher(session, references=REFERENCES, country_lookup=default_country_lookup)


def reminder_for(session: Session, letter: Message) -> Message:
    """A later reminder to the same contact (so "the latest letter" is a different row)."""
    reminder = Message(
        campaign=letter.campaign,
        contact_id=letter.contact_id,
        kind="reminder-1",
        token="b" * 16,
        message_id=f"<{'b' * 16}.{letter.campaign}@{DOMAIN}>",
        status="sent",
        to_addrs=letter.to_addrs,
        sent_at=datetime.now(UTC) + timedelta(days=7),
    )
    session.add(reminder)
    session.flush()
    return reminder


def test_envelope_token_in_a_recipient_address(ledger: Ledger) -> None:
    with ledger.session() as session:
        letter = add_letter(session, "FRA", "ministre@gouv.example")
        bounce_to = envelope_sender_for(letter.token, "bounces", DOMAIN)
        found = matcher(session).match(simple({"From": "x@y.example", "To": bounce_to}))
        assert (found.message_id, found.method) == (letter.id, MatchMethod.ENVELOPE)
        delivered = simple({"From": "x@y.example", "To": "a@b.example", "Delivered-To": bounce_to})
        assert matcher(session).match(delivered).message_id == letter.id


def test_in_reply_to_then_newest_reference(ledger: Ledger) -> None:
    with ledger.session() as session:
        letter = add_letter(session, "FRA", "ministre@gouv.example")
        reminder = reminder_for(session, letter)
        direct = simple({"From": "x@y.example", "In-Reply-To": letter.message_id})
        found = matcher(session).match(direct)
        assert (found.message_id, found.method) == (letter.id, MatchMethod.REFERENCES)
        thread = simple(
            {
                "From": "x@y.example",
                "References": f"<other@z.example> {letter.message_id} {reminder.message_id}",
            }
        )
        assert matcher(session).match(thread).message_id == reminder.id


DSN = """From: MAILER-DAEMON@mx.gouv.example
To: {to}
Subject: Undelivered Mail Returned to Sender
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="B"

--B
Content-Type: text/plain

The mail system could not deliver your message.

--B
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.gouv.example

Final-Recipient: rfc822; {recipient}
Original-Recipient: rfc822;{recipient}
Action: failed
Status: 5.1.1

--B
Content-Type: text/rfc822-headers

From: Secretariat <circulars@{domain}>
To: {recipient}
Subject: Circular letter CL-21/4
{message_id_line}
--B--
"""


def test_bounce_returned_headers_name_the_exact_letter(ledger: Ledger) -> None:
    with ledger.session() as session:
        letter = add_letter(session, "FRA", "ministre@gouv.example")
        reminder_for(session, letter)  # the later letter must not be chosen
        raw = DSN.format(
            to=f"circulars@{DOMAIN}",
            recipient="ministre@gouv.example",
            domain=DOMAIN,
            message_id_line=f"Message-ID: {letter.message_id}",
        )
        found = matcher(session).match(parse(raw), is_bounce=True)
        assert (found.message_id, found.method) == (letter.id, MatchMethod.BOUNCE)


def test_bounce_final_recipient_gives_the_latest_letter_to_that_address(ledger: Ledger) -> None:
    with ledger.session() as session:
        letter = add_letter(session, "FRA", "ministre@gouv.example", cc=["cab@gouv.example"])
        reminder = reminder_for(session, letter)
        raw = DSN.format(
            to=f"circulars@{DOMAIN}",
            recipient="cab@gouv.example",
            domain=DOMAIN,
            message_id_line="",
        )
        found = matcher(session).match(parse(raw), is_bounce=True)
        assert (found.message_id, found.method) == (reminder.id, MatchMethod.BOUNCE)
        assert found.detail == "cab@gouv.example"


def test_bounce_quoting_the_headers_as_text(ledger: Ledger) -> None:
    with ledger.session() as session:
        letter = add_letter(session, "FRA", "ministre@gouv.example")
        body = (
            "This message was created automatically by mail delivery software.\n\n"
            "A message that you sent could not be delivered to one or more of its recipients.\n"
            "------ This is a copy of the message's headers. ------\n"
            f"Message-ID: {letter.message_id}\n"
        )
        bounce = simple({"From": "Mail Delivery System <mailer-daemon@mx.example>"}, body)
        assert matcher(session).match(bounce).message_id is None  # text scanned for bounces only
        found = matcher(session).match(bounce, is_bounce=True)
        assert (found.message_id, found.method) == (letter.id, MatchMethod.BOUNCE)


def test_sender_or_cc_address_of_a_contact(ledger: Ledger) -> None:
    with ledger.session() as session:
        fra = add_letter(session, "FRA", "ministre@gouv.example", cc=["Cabinet@Gouv.example"])
        bra = add_letter(session, "BRA", "gabinete@mc.example")
        from_cc = simple({"From": "Le Cabinet <cabinet@gouv.example>"})
        found = matcher(session).match(from_cc)
        assert (found.message_id, found.method) == (fra.id, MatchMethod.ADDRESS)
        # an assistant writes from elsewhere and copies the minister
        assistant = simple({"From": "assistant@private.example", "Cc": "gabinete@mc.example"})
        found = matcher(session).match(assistant)
        assert (found.message_id, found.method) == (bra.id, MatchMethod.ADDRESS)


def test_sender_domain_only_when_it_designates_one_contact(ledger: Ledger) -> None:
    with ledger.session() as session:
        fra = add_letter(session, "FRA", "ministre@gouv.example")
        add_letter(session, "BRA", "gabinete@mc.example")
        add_letter(session, "ARG", "a@shared.example")
        add_letter(session, "CHL", "b@shared.example")
        add_letter(session, "USA", "someone@gmail.com")
        found = matcher(session).match(simple({"From": "protocole@gouv.example"}))
        assert (found.message_id, found.method) == (fra.id, MatchMethod.DOMAIN)
        assert matcher(session).match(simple({"From": "c@shared.example"})) == NO_MATCH
        assert matcher(session).match(simple({"From": "other@gmail.com"})) == NO_MATCH


def test_reference_and_one_country_name_in_any_language(ledger: Ledger) -> None:
    with ledger.session() as session:
        fra = add_letter(session, "FRA", "ministre@gouv.example")
        rus = add_letter(session, "RUS", "mincom@gov.example", language="ru")
        chn = add_letter(session, "CHN", "miit@gov2.example", language="zh")
        french = simple(
            {"From": "secretariat@autre.example", "Subject": "Réponse à la lettre CL‑21/4"},
            "Au nom de la France, le Ministre accepte votre invitation.",
        )
        found = matcher(session).match(french)
        assert (found.message_id, found.method) == (fra.id, MatchMethod.REFERENCE_COUNTRY)
        russian = simple(
            {"From": "x@mail.example", "Subject": "Ответ на циркулярное письмо CL 21/4"},
            "Российская Федерация подтверждает участие министра.",
        )
        assert matcher(session).match(russian).message_id == rus.id
        chinese = simple(
            {"From": "y@mail.example", "Subject": "关于CL-21/4号通函"},
            "中国工业和信息化部部长将出席会议。",
        )
        assert matcher(session).match(chinese).message_id == chn.id


def test_reference_and_country_needs_both_and_only_one_country(ledger: Ledger) -> None:
    with ledger.session() as session:
        add_letter(session, "FRA", "ministre@gouv.example")
        add_letter(session, "BRA", "gabinete@mc.example")
        no_reference = simple({"From": "x@mail.example", "Subject": "Hello"}, "France accepts.")
        two = simple({"From": "x@mail.example", "Subject": "CL-21/4"}, "France and Brazil agree.")
        # "in" and "us" are ISO codes of India and the United States, never read as such
        words = simple({"From": "x@mail.example", "Subject": "CL-21/4"}, "Join us in Geneva.")
        for message in (no_reference, two, words):
            assert matcher(session).match(message) == NO_MATCH


def test_no_match_is_reported_as_such(ledger: Ledger) -> None:
    with ledger.session() as session:
        add_letter(session, "FRA", "ministre@gouv.example")
        stranger = simple({"From": "someone@unknown.example", "Subject": "Hello"})
        found = matcher(session).match(stranger)
        assert not found.matched and found.method is None


def test_campaign_reference_from_yaml_or_id(tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert campaign_reference("cl-21-4") == "CL-21/4"
    folder = tmp_path / "cl-22-9"
    folder.mkdir()
    (folder / "campaign.yaml").write_text("reference: 'CL-22/9 Rev.1'\n")
    assert campaign_reference("cl-22-9", tmp_path) == "CL-22/9 Rev.1"


def test_an_internationalised_domain_matches_in_either_form(ledger: Ledger) -> None:
    """The contact file says info@mid.рф; a reply may come from its ASCII form (mail sent
    through a server without SMTPUTF8), or the other way round."""
    with ledger.session() as session:
        rus = add_letter(session, "RUS", "info@mid.рф")
        fra = add_letter(session, "FRA", "ministre@xn--conomie-9xa.example")
        found = matcher(session).match(simple({"From": "info@MID.xn--p1ai"}))
        assert (found.message_id, found.method) == (rus.id, MatchMethod.ADDRESS)
        found = matcher(session).match(simple({"From": "ministre@économie.example"}))
        assert (found.message_id, found.method) == (fra.id, MatchMethod.ADDRESS)

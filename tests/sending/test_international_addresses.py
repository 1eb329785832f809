"""International addresses against real aiosmtpd servers, with and without SMTPUTF8: the
envelope (MAIL FROM, RCPT TO) and the headers each server received."""

from __future__ import annotations

import email
from email.policy import default

import pytest
from sqlalchemy import select

from circular import tokens
from circular.ledger import Ledger, Message, MessageStatus
from circular.sending.mime import MessageBuildError, build_message
from circular.sending.outbox import SendOptions, send
from circular.sending.smtp import SmtpConfig
from circular.settings import Security, SmtpUtf8
from tests.servers.smtp_server import Received, smtp_server
from tests.support.outbox_helpers import add_contacts, letter

IDN_TO = "info@mid.рф"
IDN_TO_ASCII = "info@mid.xn--p1ai"
IDN_CC = "ministre@économie.example"
IDN_CC_ASCII = "ministre@xn--conomie-9xa.example"
UTF8_LOCAL = "josé@fra.example"


def plain(port: int) -> SmtpConfig:
    return SmtpConfig("127.0.0.1", port, security=Security.NONE)


def options(mode: SmtpUtf8 = "auto") -> SendOptions:
    return SendOptions(connections=1, retry_delay=0.05, smtputf8=mode)


def head(item: Received) -> dict[str, str]:
    """The received message's header lines, as UTF-8 text (RFC 6532 allows raw UTF-8)."""
    lines = item.data.split(b"\r\n\r\n", 1)[0].decode("utf-8").replace("\r\n ", " ")
    return dict(line.split(": ", 1) for line in lines.split("\r\n"))


def statuses(ledger: Ledger) -> dict[int, Message]:
    with ledger.session() as session:
        return {m.contact_id: m for m in session.scalars(select(Message))}


def test_without_smtputf8_internationalised_domains_go_in_ascii(ledger: Ledger) -> None:
    [cid] = add_contacts(ledger, 1)
    item = letter(cid, 0, to=IDN_TO, cc=(IDN_CC,), name="Ministère des Affaires étrangères")
    with smtp_server(smtputf8=False) as (server, handler):
        report = send(ledger, [item], plain(server.port), options())
    assert report.sent == 1 and not report.failed
    [got] = handler.received
    assert got.rcpt_tos == (IDN_TO_ASCII, IDN_CC_ASCII)
    assert got.mail_from.isascii() and not got.smtputf8
    assert got.data.isascii()  # nothing 8-bit anywhere: the message is what it was before
    parsed = email.message_from_bytes(got.data, policy=default)
    assert parsed["To"].addresses[0].addr_spec == IDN_TO_ASCII
    assert parsed["To"].addresses[0].display_name == "Ministère des Affaires étrangères"
    assert parsed["Cc"] == IDN_CC_ASCII
    [row] = statuses(ledger).values()
    assert row.status == MessageStatus.SENT


def test_with_smtputf8_addresses_go_as_they_are(ledger: Ledger) -> None:
    ids = add_contacts(ledger, 2)
    items = [
        letter(ids[0], 0, to=IDN_TO, cc=(IDN_CC,), name="Ministère"),
        letter(ids[1], 1, to=UTF8_LOCAL, cc=()),
    ]
    with smtp_server(smtputf8=True) as (server, handler):
        report = send(ledger, items, plain(server.port), options())
    assert report.sent == 2 and not report.failed
    received = {item.rcpt_tos[0]: item for item in handler.received}
    assert set(received) == {IDN_TO, UTF8_LOCAL}
    assert received[IDN_TO].rcpt_tos == (IDN_TO, IDN_CC)
    for item in received.values():
        assert item.smtputf8  # MAIL FROM ... SMTPUTF8
        assert item.mail_from.startswith("bounces+") or item.mail_from == "sg@itu.example"
    headers = head(received[IDN_TO])
    assert headers["To"].endswith(f"<{IDN_TO}>") and headers["Cc"] == IDN_CC
    assert head(received[UTF8_LOCAL])["To"].endswith(f"<{UTF8_LOCAL}>")
    # The Message-ID stays ASCII and is the ledger's.
    book = statuses(ledger)
    assert {head(r)["Message-ID"] for r in received.values()} == {
        m.message_id for m in book.values()
    }


def test_ascii_addresses_never_ask_for_smtputf8(ledger: Ledger) -> None:
    [cid] = add_contacts(ledger, 1)
    with smtp_server(smtputf8=True) as (server, handler):
        send(ledger, [letter(cid, 0)], plain(server.port), options())
    [got] = handler.received
    assert not got.smtputf8 and got.data.isascii()


def test_setting_no_keeps_ascii_even_where_the_server_offers_smtputf8(ledger: Ledger) -> None:
    [cid] = add_contacts(ledger, 1)
    with smtp_server(smtputf8=True) as (server, handler):
        send(ledger, [letter(cid, 0, to=IDN_TO, cc=())], plain(server.port), options("no"))
    [got] = handler.received
    assert got.rcpt_tos == (IDN_TO_ASCII,) and not got.smtputf8


@pytest.mark.parametrize(
    ("mode", "server_utf8", "why"),
    [("yes", False, "does not offer SMTPUTF8"), ("no", True, "CIRCULAR_SMTP_UTF8=no")],
)
def test_a_local_part_outside_ascii_fails_alone_when_smtputf8_cannot_be_used(
    ledger: Ledger, mode: SmtpUtf8, server_utf8: bool, why: str
) -> None:
    ids = add_contacts(ledger, 2)
    items = [letter(ids[0], 0, to=UTF8_LOCAL, cc=()), letter(ids[1], 1, to=IDN_TO, cc=())]
    with smtp_server(smtputf8=server_utf8) as (server, handler):
        report = send(ledger, items, plain(server.port), options(mode))
    assert report.failed == ["contact-0"] and report.sent == 1
    # Neither run may use SMTPUTF8, so the domain goes in ASCII.
    assert [r.rcpt_tos for r in handler.received] == [(IDN_TO_ASCII,)]
    failed = statuses(ledger)[ids[0]]
    assert failed.status == MessageStatus.FAILED
    assert "josé@fra.example" in failed.last_smtp_answer and why in failed.last_smtp_answer
    assert "outside ASCII before the @" in failed.last_smtp_answer


def test_message_built_for_smtputf8_is_refused_by_a_server_without_it(ledger: Ledger) -> None:
    """The server's EHLO is checked at MAIL time too (a connection to another server than the
    one asked): the letter fails with the reason, nothing is received."""
    import asyncio

    from circular.sending.smtp import Outcome, SmtpConnection

    built = build_message(letter(1, 0, to=UTF8_LOCAL, cc=()), tokens.new_token(), smtputf8=True)
    assert built.smtputf8

    async def attempt(port: int) -> tuple[Outcome, str]:
        connection = SmtpConnection(plain(port))
        try:
            result = await connection.send(built)
        finally:
            await connection.close()
        return result.outcome, result.answer

    with smtp_server(smtputf8=False) as (server, handler):
        outcome, answer = asyncio.run(attempt(server.port))
    assert outcome == Outcome.PERMANENT and "does not offer SMTPUTF8" in answer
    assert handler.received == []


@pytest.mark.parametrize(
    "bad",
    [
        "josé\r\nBcc: spy@evil.example@fra.example",
        "jo sé@fra.example",
        "josé@fra\u2028.example",
        "info@mid..рф",
        "info@-рф.example",
    ],
)
def test_addresses_outside_ascii_are_still_checked(bad: str) -> None:
    with pytest.raises(MessageBuildError, match="contact-1: to:"):
        build_message(letter(1, 1, to=bad, cc=()), tokens.new_token(), smtputf8=True)

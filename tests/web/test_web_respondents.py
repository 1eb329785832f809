"""The sandbox's respondents who answer on the confirmation page (``web_accept``,
``web_decline``; what ``make demo`` shows): from the e-mail they received, through the real
page (GET, the form's CSRF token and cookie, POST), into the ledger as web answers."""

from __future__ import annotations

import copy
import time
from datetime import UTC, datetime

from circular.followups.report import campaign_report
from circular.ledger import utcnow
from circular.sandbox.respondents import Respondents
from circular.sandbox.scenario import Scenario
from circular.sandbox.smtp import ReceivedMessage
from tests.support.web_support import WebDesk


def _received(desk: WebDesk, language: str) -> ReceivedMessage:
    mail = desk.mails[language]
    return ReceivedMessage(
        mail_from="bounces@itu.example",
        rcpt_tos=(str(mail["To"].addresses[0].addr_spec),),
        data=mail.as_bytes(),
        message_id=str(mail["Message-ID"]),
        received_at=datetime.now(UTC),
    )


def test_web_respondents_answer_on_the_page_not_by_mail(web_desk: WebDesk) -> None:
    accept, decline = web_desk.countries["fr"], web_desk.countries["ar"]
    scenario = Scenario(
        seed=5,
        delay_seconds=(0, 0),
        fractions={"silence": 1},
        countries={accept: "web_accept", decline: "web_decline"},
    )
    filed: list[bytes] = []
    respondents = Respondents(scenario, filed.append)
    respondents.start()
    try:
        for language in ("fr", "ar", "en"):
            respondents.receive(_received(web_desk, language))
        answers = respondents.wait_for(2, timeout=30)
    finally:
        respondents.stop()
    assert filed == []  # nothing came by mail
    assert {(a.country, a.channel, a.kind) for a in answers} == {
        (accept, "web", "web_accept"),
        (decline, "web", "web_decline"),
    }
    assert all(a.url.startswith(web_desk.base + "/r/") for a in answers)
    with web_desk.ledger.session() as session:
        rows = {row.country: row for row in campaign_report(session, web_desk.campaign, utcnow())}
    assert (rows[accept].outcome, rows[accept].channel) == ("accepted", "web")
    assert (rows[decline].outcome, rows[decline].channel) == ("declined", "web")
    assert rows[web_desk.countries["en"]].outcome == "awaiting"


def test_a_letter_without_a_personal_link_is_a_failed_web_answer(web_desk: WebDesk) -> None:
    country = web_desk.countries["es"]
    scenario = Scenario(delay_seconds=(0, 0), countries={country: "web_accept"})
    respondents = Respondents(scenario, lambda data: None)
    received = _received(web_desk, "es")
    mail = copy.deepcopy(web_desk.mails["es"])
    for part in mail.walk():
        if part.get_content_maintype() == "text":
            text = part.get_content().replace(web_desk.link("es"), "(no link)")
            part.set_content(text, subtype=part.get_content_subtype())
    stripped = mail.as_bytes()
    assert b"/r/" not in stripped
    respondents.start()
    try:
        respondents.receive(
            ReceivedMessage(
                received.mail_from, received.rcpt_tos, stripped, received.message_id,
                received.received_at,
            )
        )  # fmt: skip
        deadline = time.monotonic() + 10
        while respondents.pending() and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        respondents.stop()
    assert respondents.delivered() == [] and respondents.pending() == 0
    with web_desk.ledger.session() as session:
        rows = {row.country: row for row in campaign_report(session, web_desk.campaign, utcnow())}
    assert rows[country].outcome == "awaiting"

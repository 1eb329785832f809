"""The providers' SMTP answers, each given by a real aiosmtpd, and what circular does: stop and
say what to fix, retry on fewer connections, pause until the quota's window reopens (and stay
paused in the next run), retry a letter whose recipients were too many."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from circular.ledger import Ledger, Message, MessageStatus, utcnow
from circular.sending import answers
from circular.sending.outbox import SendOptions, send
from circular.sending.quota import RecipientBudget
from circular.sending.smtp import SmtpConfig, SmtpSetupError
from circular.settings import Security
from tests.servers.provider_smtp import ProviderHandler, provider_smtp
from tests.support.outbox_helpers import add_contacts, letters_for

FAST = SendOptions(connections=3, retry_delay=0.05)
USER = "wsis-info@itu.example"


def config(port: int) -> SmtpConfig:
    return SmtpConfig("127.0.0.1", port, security=Security.NONE, username=USER, password="pw")  # type: ignore[arg-type]


def statuses(ledger: Ledger) -> list[MessageStatus]:
    with ledger.session() as session:
        return list(session.scalars(select(Message.status).order_by(Message.contact_id)))


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("535 5.7.3 Authentication unsuccessful", "authentication unsuccessful"),
        (
            "535 5.7.139 Authentication unsuccessful, the user credentials were incorrect.",
            "authentication unsuccessful",
        ),
        (
            "550 5.7.30 Basic authentication is not supported for Client Submission.",
            "use CIRCULAR_SMTP_AUTH=xoauth2, see docs/providers.md",
        ),
    ],
)
def test_a_refused_login_stops_the_run_and_says_what_to_fix(
    ledger: Ledger, answer: str, expected: str
) -> None:
    handler = ProviderHandler()
    handler.login_answer = answer
    ids = add_contacts(ledger, 3)
    with provider_smtp(handler) as server, pytest.raises(SmtpSetupError) as caught:
        send(ledger, letters_for(ids), config(server.port), FAST)
    assert expected in str(caught.value) and answer.split()[1] in str(caught.value)
    assert "pw" not in str(caught.value).split("(")[0].split()  # never the password
    assert statuses(ledger) == [MessageStatus.PENDING] * 3 and not handler.received


def test_send_as_denied_stops_the_run_and_fails_no_letter(ledger: Ledger) -> None:
    handler = ProviderHandler()
    handler.data_answers = [
        "554 5.2.0 STOREDRV.Submission.Exception:SendAsDeniedException.MapiExceptionSendAsDenied;"
        " Failed to process message due to a permanent exception"
    ]
    ids = add_contacts(ledger, 4)
    with provider_smtp(handler) as server, pytest.raises(SmtpSetupError) as caught:
        send(ledger, letters_for(ids), config(server.port), SendOptions(connections=1))
    assert "may not send as the From address" in str(caught.value)
    assert "Add-RecipientPermission" in str(caught.value)
    assert statuses(ledger) == [MessageStatus.PENDING] * 4  # not failed: the settings' fault
    assert not handler.received
    with ledger.session() as session:
        first = session.scalars(select(Message).order_by(Message.contact_id)).first()
        assert first is not None and first.attempts == 0 and first.last_smtp_code == 554


def test_too_many_connections_closes_one_and_retries_the_letter(ledger: Ledger) -> None:
    handler = ProviderHandler()
    handler.mail_answers = ["432 4.3.2 STOREDRV.ClientSubmit; sender thread limit exceeded"]
    ids = add_contacts(ledger, 9)
    with provider_smtp(handler) as server:
        report = send(ledger, letters_for(ids), config(server.port), FAST)
    assert report.sent == 9 and report.retried == 1 and not report.failed
    assert set(handler.message_ids().values()) == {1}
    ((refused_on, _answer),) = handler.answered
    # The connection the server refused sent nothing more: circular closed it.
    assert refused_on not in handler.peers
    assert len(set(handler.peers)) == 2


@pytest.mark.parametrize(
    ("answer", "pause"),
    [
        ("550 5.4.5 Daily user sending quota exceeded. Learn more at support.google.com", 24),
        ("450 4.7.0 Sending rate limit exceeded, try again later", 1),
    ],
)
def test_a_quota_pauses_until_the_window_reopens_and_the_next_run_waits(
    ledger: Ledger, answer: str, pause: int
) -> None:
    handler = ProviderHandler()
    ids = add_contacts(ledger, 5)
    messages = letters_for(ids)
    with provider_smtp(handler) as server:
        assert send(ledger, messages[:2], config(server.port), FAST).sent == 2
        handler.data_answers = [answer]
        started = utcnow()
        report = send(ledger, messages, config(server.port), SendOptions(connections=1))
        # The next run (a schedule, a retry by hand) sends nothing before that time.
        again = send(ledger, messages, config(server.port), SendOptions(connections=1))
    assert report.sent == 0 and not report.failed and report.quota_resume_at is not None
    assert len(handler.received) == 2
    wait = report.quota_resume_at - started
    assert abs(wait - timedelta(hours=pause)) < timedelta(minutes=2)
    assert again.sent == 0 and again.quota_resume_at == report.quota_resume_at
    assert statuses(ledger).count(MessageStatus.PENDING) == 3
    assert len(handler.received) == 2  # nothing was tried in the paused run


def test_too_many_recipients_retries_the_whole_letter(ledger: Ledger) -> None:
    handler = ProviderHandler()
    # The letter's Cc (its second RCPT) is refused for now.
    handler.rcpt_answers = ["250 OK", "452 4.5.3 Too many recipients"]
    ids = add_contacts(ledger, 1)
    with provider_smtp(handler) as server:
        report = send(ledger, letters_for(ids), config(server.port), FAST)
    assert report.sent == 1 and report.retried == 1 and not report.refused_cc
    (received,) = handler.received
    assert received.rcpt_tos == ("minister-0@country0.example", "cabinet-0@country0.example")


def test_recipients_count_to_and_cc_over_a_rolling_24_hours(ledger: Ledger) -> None:
    handler = ProviderHandler()
    ids = add_contacts(ledger, 4)  # each letter: one To and one Cc
    with provider_smtp(handler) as server:
        options = SendOptions(connections=1, recipients_per_day=5)
        report = send(ledger, letters_for(ids), config(server.port), options)
    assert report.sent == 2 and report.left_pending == 2
    with ledger.session() as session:
        first_sent = min(
            session.scalars(select(Message.sent_at).where(Message.sent_at.isnot(None)))
        )
    # Two recipients more fit when the first letter's leave the window: 24 hours after it
    # (and the minute's margin), not at midnight UTC.
    expected = first_sent + timedelta(hours=24, minutes=1)
    assert report.quota_resume_at is not None
    assert abs(report.quota_resume_at - expected) < timedelta(seconds=1)


def test_the_budget_rolls_rather_than_resetting_at_midnight() -> None:
    now = utcnow().replace(hour=0, minute=30)
    clock = [now]
    budget = RecipientBudget(
        10, [(now - timedelta(hours=23), 6), (now - timedelta(hours=1), 3)], clock=lambda: clock[0]
    )
    assert budget.used == 9  # yesterday's evening still counts after midnight UTC
    with pytest.raises(Exception, match="resumes at"):
        budget.take(2)
    assert budget.window_opens(2) == now + timedelta(hours=1, minutes=1)
    clock[0] = now + timedelta(hours=1, seconds=1)  # the 6 sent 23 hours ago have left
    budget.take(2)
    assert budget.used == 5


@pytest.mark.parametrize(
    ("code", "answer", "name"),
    [
        (535, "5.7.3 Authentication unsuccessful", "login"),
        (535, "5.7.139 Authentication unsuccessful", "login"),
        (550, "5.7.30 Basic authentication is not supported for Client Submission", "basic-auth"),
        (432, "4.3.2 STOREDRV.ClientSubmit; sender thread limit exceeded", "connections"),
        (554, "5.2.0 STOREDRV.Submission.Exception:SendAsDeniedException", "send-as"),
        (550, "5.4.5 Daily user sending quota exceeded", "quota"),
        (421, "4.7.0 Try again later, closing connection. (rate limit)", "rate"),
        (452, "4.5.3 Too many recipients", "recipients"),
        (550, "5.1.1 The email account that you tried to reach does not exist", None),
        (421, "4.3.2 Service shutting down", None),
    ],
)
def test_each_answer_is_understood(code: int, answer: str, name: str | None) -> None:
    understood = answers.understand(code, answer)
    assert (understood.name if understood else None) == name

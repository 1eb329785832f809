"""A whole campaign on a simulated calendar (issue 6, Must show).

Twenty contacts of the sample file (six languages) get CL-21/4's invitation through a real
aiosmtpd server. Their replies (acceptances, declines, a delegate, questions, out-of-office
replies with return dates, permanent bounces, one from a stranger) arrive on different days in
a real Dovecot; the mailbox is polled on those days with circular's real classifier; a person
decides one question; the reminder waves (14, 5 and 1 day before the 1 March 2021 deadline,
the last one moved from Sunday to Friday) run at each of their runs' times, every recipient in
their own send window on their working day, the deferred out-of-office reminders at theirs,
and the acknowledgements after each poll. The test asserts the exact set of contacts that each
wave reaches, as the SMTP server received them, and that each arrived in its window.

Run with ``-s`` to see the table.
"""

from __future__ import annotations

import email
from collections.abc import Callable
from datetime import datetime
from email.policy import default
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from circular.countries import capital_zone
from circular.followups.reminders import (
    Sender,
    campaign_waves,
    invited_timing,
    run_wave,
    send_acknowledgements,
    send_due_reminders,
)
from circular.followups.report import campaign_report, summary_markdown
from circular.followups.review import decide, pending_reviews
from circular.ledger import Contact, Ledger, Message
from circular.replies.inbox import poll_once
from circular.replies.outcomes import contact_status
from circular.sending.outbox import SendOptions, send
from circular.sending.outgoing import campaign_messages
from circular.sending.smtp import SmtpConfig
from circular.settings import Security, load_settings
from tests.servers.dovecot import ImapAccount
from tests.servers.smtp_server import RecordingHandler, smtp_server
from tests.support.followup_support import (
    add_contacts,
    copy_campaign,
    dsn_bytes,
    reply_bytes,
    sample_rows,
)

pytestmark = [pytest.mark.dovecot, pytest.mark.slow]

GENEVA = ZoneInfo("Europe/Zurich")

ACCEPT = (
    "Dear Secretary-General,\n\nThe Minister is pleased to accept your invitation and will "
    "deliver the policy statement."
)
ACCEPT_FR = (
    "Monsieur le Secrétaire général,\n\nLe Ministre accepte avec plaisir votre invitation et "
    "prononcera la déclaration."
)
DECLINE_ES = "Estimado Secretario General:\n\nLamentablemente, la Ministra no podrá participar."
DECLINE = (
    "Dear Secretary-General,\n\nRegrettably, the Minister is unable to accept the invitation "
    "owing to prior commitments."
)
DELEGATE = (
    "Dear Secretary-General,\n\nThe Minister accepts the invitation. The Deputy Minister, "
    "Mr John Smith, will deliver the statement on his behalf."
)
QUESTION = "Dear Sir, is the Forum open to the public? Could you send the programme?"
RECEIVED = "Dear Sir, we have received your letter and will revert shortly."


def away(until: str) -> str:
    return f"I am out of the office until {until} with no access to e-mail."


def at(day: int, hour: int = 10, month: int = 2) -> datetime:
    """A moment of 2021 in Geneva."""
    return datetime(2021, month, day, hour, 0, tzinfo=GENEVA)


# The story of each contact, by position in the list of twenty: (replies, what it shows).
# A reply is (day, kind, text): kind "human", "auto", "bounce".
STORIES: list[tuple[list[tuple[int, str, str]], str]] = [
    ([(5, "human", ACCEPT)], "accepts early"),
    ([(5, "human", ACCEPT_FR)], "accepts (reply in French)"),
    ([(8, "human", DECLINE_ES)], "declines (reply in Spanish)"),
    ([(4, "bounce", "")], "bounces (permanent)"),
    ([(10, "human", RECEIVED)], "'other'; staff decide accept on 16 Feb"),
    ([(4, "auto", away("19 February 2021"))], "away until Fri 19 Feb: W1 deferred"),
    ([(4, "auto", away("19 February 2021")), (21, "human", ACCEPT)], "away, accepts 21 Feb"),
    ([(18, "human", ACCEPT)], "accepts after W1"),
    ([(25, "human", DECLINE)], "declines after W2"),
    (
        [(10, "auto", away("10 March 2021")), (22, "auto", away("23 February 2021"))],
        "away past deadline, then back 23 Feb",
    ),
    ([], "silent"),
    ([(12, "human", DELEGATE)], "accepts by delegate"),
    ([(19, "human", QUESTION)], "asks a question after W1"),
    ([(20, "bounce", "")], "bounces after W1"),
    ([(3, "auto", away("10 February 2021"))], "away until 10 Feb (before W1)"),
    ([], "silent"),
    ([], "silent"),
    ([], "silent"),
    ([], "silent"),
    ([], "silent"),
]


def test_whole_campaign_on_a_simulated_clock(
    ledger: Ledger, imap_account: ImapAccount, tmp_path: Path
) -> None:
    # max 2 reminders a contact: the third wave only reaches who missed one.
    campaign = copy_campaign(tmp_path, max_per_contact=2)
    rows = sample_rows({"ar": 4, "en": 6, "es": 3, "fr": 3, "ru": 3, "zh": 1})
    assert len(rows) == len(STORIES) == 20
    out_dir = tmp_path / "out"
    ids = add_contacts(ledger, rows, out_dir)
    keys = [row["country"] for row in rows]
    story = {key: STORIES[n][1] for n, key in enumerate(keys)}
    email_of = {row["country"]: row["email"] for row in rows}
    key_of = {address: key for key, address in email_of.items()}
    language = {row["country"]: row["language"] for row in rows}

    waves = campaign_waves(campaign)
    assert [f"{w.day:%d %b}" for w in waves] == ["15 Feb", "24 Feb", "26 Feb"]  # 28 is a Sunday

    settings = load_settings(
        database_url=ledger.url,
        imap_host=imap_account.host,
        imap_port=imap_account.port,
        imap_username=imap_account.user,
        imap_password=imap_account.password,
        imap_security="none",
        letters_dir=tmp_path / "letters",
    )
    handler = RecordingHandler()
    received: dict[str, dict[str, str]] = {key: {} for key in keys}  # key → column → day

    with smtp_server(handler) as (controller, _):
        smtp = SmtpConfig(host="127.0.0.1", port=controller.port, security=Security.NONE)
        sender = Sender(smtp, SendOptions(connections=2), out_dir)

        def delivered(column: str, when: datetime) -> set[str]:
            """Who the server received mail from since the last look, noted in the table."""
            new = handler.received[delivered.seen :]  # type: ignore[attr-defined]
            delivered.seen = len(handler.received)  # type: ignore[attr-defined]
            reached = {key_of[item.rcpt_tos[0]] for item in new}
            for key in reached:
                received[key][column] = f"{when:%d %b}"
            return reached

        delivered.seen = 0  # type: ignore[attr-defined]

        # 3 February: the invitations.
        built = campaign_messages(ledger, campaign, out_dir)
        assert not built.problems
        send(ledger, built.messages, smtp, SendOptions(connections=2))
        assert delivered("invitation", at(3)) == set(keys)
        invitation = {key_of[item.rcpt_tos[0]]: item for item in handler.received if item.rcpt_tos}

        # Replies by day.
        by_day: dict[int, list[bytes]] = {}
        for n, key in enumerate(keys):
            for day, kind, text in STORIES[n][0]:
                letter = invitation[key]
                when = at(day, 8)
                if kind == "bounce":
                    raw = dsn_bytes(letter.mail_from, email_of[key], when)
                else:
                    raw = reply_bytes(
                        email_of[key],
                        text,
                        when,
                        in_reply_to=letter.message_id,
                        auto=kind == "auto",
                    )
                by_day.setdefault(day, []).append(raw)
        stranger = reply_bytes(
            "someone@unknown.example", QUESTION, at(12, 8), subject="Question on CL-21/4"
        )
        by_day[12].append(stranger)

        def poll(day: int) -> None:
            for raw in by_day.pop(day, []):
                imap_account.deliver(raw)
            poll_once(ledger, settings)
            send_acknowledgements(ledger, campaign, sender, now=at(day, 9, 2))
            delivered("ack", at(day))

        wave_sets: dict[str, set[str]] = {}
        deferred: dict[str, dict[str, datetime]] = {}
        events: list[tuple[datetime, Callable[[], None]]] = []
        for day in sorted(by_day):
            events.append((at(day, 8), lambda day=day: poll(day)))

        sent_at: dict[tuple[str, str], datetime] = {}  # (contact, column) → moment

        def wave(number: int, when: datetime) -> None:
            result = run_wave(ledger, campaign, number, sender, now=when)
            reached = delivered(f"W{number}", when)
            assert set(result.sent) == reached
            wave_sets.setdefault(f"W{number}", set()).update(reached)
            deferred.setdefault(f"W{number}", {}).update(result.deferred)
            for key in reached:
                sent_at[key, f"W{number}"] = when
            for moment in result.deferred.values():
                events.append((moment, lambda moment=moment: due(moment)))

        def due(when: datetime) -> None:
            result = send_due_reminders(ledger, campaign, sender, now=when)
            reached = delivered("deferred", when)
            for key in reached:
                sent_at[key, "deferred"] = when
            wave_sets.setdefault("deferred", set()).update(reached)
            wave_sets.setdefault("cancelled", set()).update(result.cancelled)

        def staff_decides() -> None:
            with ledger.session() as session:
                [waiting] = [i for i in pending_reviews(session) if i.country == keys[4]]
            decide(ledger, waiting.reply_id, "accept", "called the ministry: the Minister comes")
            send_acknowledgements(ledger, campaign, sender, now=at(16, 11))
            delivered("ack", at(16))

        # Each wave's runs at their times, as Prefect would start them (one per group of
        # windows); the contacts are those invited on 3 February.
        plan = invited_timing(ledger, campaign)
        for number, one in enumerate(plan.waves, start=1):
            for group in plan.groups(one):
                events.append((group.at, lambda n=number, t=group.at: wave(n, t)))
        events.append((at(16, 11), staff_decides))
        done = 0
        while done < len(events):  # a wave run may add the runs of its deferred reminders
            events[done:] = sorted(events[done:], key=lambda e: e[0])
            events[done][1]()
            done += 1

        # Every follow-up answers in its letter's thread, in its language; reminders carry
        # the letter again; an acknowledgement answers the acceptance itself.
        with ledger.session() as session:
            kind_of = dict(session.execute(select(Message.message_id, Message.kind)).all())
        for item in handler.received:
            kind = kind_of[item.message_id]
            if kind == "invitation":
                continue
            message = email.message_from_bytes(item.data, policy=default)
            key = key_of[item.rcpt_tos[0]]
            letter_id = invitation[key].message_id
            assert message["References"].split()[0] == letter_id
            assert message["Content-Language"] == language[key]
            if kind.startswith("reminder-"):
                assert message["In-Reply-To"] == letter_id
                [attached] = list(message.iter_attachments())
                assert attached.get_filename() == f"{key}.{language[key]}.docx"
                assert message.get_body(("html",)) is not None
            else:
                assert kind == "ack" and message["In-Reply-To"] != letter_id
                assert not list(message.iter_attachments())

    k = keys
    silent = {k[10], *k[15:20]}
    assert wave_sets["W1"] == {k[7], k[8], k[12], k[13], k[14], *silent}
    # Back on Friday 19 February: Monday 22 at 09:00 where they are (Buenos Aires, Yerevan).
    assert {
        key: f"{when.astimezone(ZoneInfo(capital_zone(key))):%a %d %b %H:%M}"
        for key, when in deferred["W1"].items()
    } == {
        k[5]: "Mon 22 Feb 09:00",
        k[6]: "Mon 22 Feb 09:00",
    }
    assert wave_sets["deferred"] == {k[5]}
    assert wave_sets["cancelled"] == {k[6]}  # accepted on the 21st
    assert wave_sets["W2"] == {k[5], k[8], k[9], k[14], *silent}
    assert wave_sets["W3"] == {k[9]}  # the only one with fewer than 2 reminders
    # Every reminder reached its recipient in the window, on a working day of theirs and of
    # the secretariat, before the deadline.
    secretariat = plan.timing.secretariat
    for (key, column), when in sent_at.items():
        local = when.astimezone(ZoneInfo(capital_zone(key)))
        assert "09:00" <= f"{local:%H:%M}" < "11:00", (key, column, local)
        assert plan.recipients[ids[key]].calendar.is_working_day(local.date()), (key, local)
        assert secretariat.is_working_day(when.astimezone(GENEVA).date()), (key, when)
        assert when < campaign.deadline.at
    acks = {key for key in keys if "ack" in received[key]}
    assert acks == {k[0], k[1], k[4], k[6], k[7], k[11]}

    with ledger.session() as session:
        waiting = pending_reviews(session)
        assert {(i.country, i.sender) for i in waiting} == {
            (k[12], email_of[k[12]]),
            (None, "someone@unknown.example"),
        }
        contacts = {c.iso3: c for c in session.scalars(select(Contact))}
        outcome = {key: contact_status(session, contacts[key]).value for key in keys}
        report = campaign_report(session, campaign, at(26, 12))
    assert {row.contact: row.outcome for row in report} == outcome
    assert {row.contact: row.reminders_sent for row in report} == {
        key: sum(1 for c in ("W1", "deferred", "W2", "W3") if c in received[key]) for key in keys
    }
    assert [row.delegate for row in report if row.delegate] == [
        "The Deputy Minister, Mr John Smith"
    ]

    columns = ["invitation", "W1", "deferred", "W2", "W3", "ack"]
    for (key, column), when in sent_at.items():  # the table shows the reminders' local times
        received[key][column] = f"{when.astimezone(ZoneInfo(capital_zone(key))):%d %b %H:%M}"
    print()
    print(
        f"{'contact':8} {'lang':4} {'story':40} "
        + " ".join(f"{c:>12}" for c in columns)
        + "  outcome"
    )
    for key in keys:
        cells = " ".join(f"{received[key].get(c, '-'):>12}" for c in columns)
        print(f"{key:8} {language[key]:4} {story[key]:40} {cells}  {outcome[key]}")
    print(
        "contacts per column: "
        + ", ".join(f"{c} {sum(1 for key in keys if c in received[key])}" for c in columns)
    )
    print()
    print(summary_markdown(report, campaign, at(26, 12)))
    assert ids  # every contact had a ledger row

"""The sandbox against real clients: aiosmtplib sends letters to its aiosmtpd server, imap-tools
reads the answers from its pymap inbox."""

from __future__ import annotations

import asyncio
import email
import email.policy
import io
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

import aiosmtplib
import docx
import pytest
from babel.dates import format_date
from flufl.bounce import all_failures
from imap_tools import MailBoxUnencrypted, MailMessage

from circular.sandbox import Kind, Plan, Sandbox, Scenario, ScenarioError, load_scenario
from circular.sandbox.letter import read_letter
from circular.sandbox.replies import human_reply, phrases
from circular.sandbox.scenario import seeded_random
from circular.settings import Security, load_settings
from circular.tokens import envelope_sender_for, message_id_for, new_token

REPLY_TO = "campaign@itu.example"
NOW = datetime.now(UTC)
LETTER_TEXT = "We have the honour to invite you to deliver a statement. Please confirm acceptance."

#: Fast answers: the tests wait for replies, never for a fixed time.
QUICK = {"delay_seconds": (0.0, 0.05), "return_in_days": (3, 3), "seed": 5}


class Sent:
    """A letter as sent, with what its replies must point back to."""

    def __init__(self, to: str, language: str | None, token: str | None = None) -> None:
        self.token = token or new_token()
        self.to = to
        self.message_id = message_id_for(self.token, "cl-21-4", "itu.example")
        self.envelope_sender = envelope_sender_for(self.token, "bounces", "itu.example")
        message = EmailMessage()
        message["From"] = "Secretary-General <sg@itu.example>"
        message["To"] = f"Minister <{to}>"
        message["Reply-To"] = REPLY_TO
        message["Subject"] = "CL-21/4: World Telecommunication and Information Society Day"
        message["Message-ID"] = self.message_id
        message["Date"] = format_datetime(NOW)
        message.set_content(LETTER_TEXT)
        if language:  # after set_content, which drops the Content-* headers set before it
            message["Content-Language"] = language
        self.message = message


def send(sandbox: Sandbox, letters: Iterable[Sent], **login: str) -> None:
    """Send over one SMTP connection, as circular's outbox does."""

    async def run() -> None:
        async with aiosmtplib.SMTP(
            hostname=sandbox.host, port=sandbox.smtp_port, start_tls=False, **login
        ) as smtp:
            for letter in letters:
                await smtp.send_message(letter.message, sender=letter.envelope_sender)

    asyncio.run(run())


def inbox(sandbox: Sandbox) -> list[MailMessage]:
    """Every message in the sandbox's IMAP inbox, left unseen."""
    with MailBoxUnencrypted(sandbox.host, sandbox.imap_port) as mailbox:
        mailbox.client.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        mailbox.login(sandbox.imap_user, sandbox.imap_password)
        return list(mailbox.fetch(mark_seen=False))


def text_of(message: MailMessage) -> str:
    return message.text.replace("\r\n", "\n")


def scenario(**fields: object) -> Scenario:
    return Scenario.model_validate({**QUICK, **fields})


@pytest.fixture
def no_new_threads() -> Iterator[None]:
    before = set(threading.enumerate())
    yield
    assert set(threading.enumerate()) - before == set()


def refused(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) != 0


def test_replies_thread_to_the_letter_in_its_language_per_scenario(no_new_threads: None) -> None:
    plans = {
        "FRA": ("fr", Kind.ACCEPT),
        "CHN": ("zh", Kind.ACCEPT_DELEGATE),
        "RUS": ("ru", Kind.DECLINE),
        "ESP": ("es", Kind.QUESTION),
        "SAU": ("ar", Kind.DECLINE),
        "IND": ("en", Kind.ACCEPT),
        "CHE": ("fr", Kind.ACCEPT_ATTACHED),
    }
    chosen = scenario(countries={iso3: kind.value for iso3, (_, kind) in plans.items()})
    letters = {
        iso3: Sent(f"minister@mfa.{iso3.lower()}.example", language)
        for iso3, (language, _) in plans.items()
    }
    with Sandbox(chosen) as sandbox:
        send(sandbox, letters.values())
        assert [m.message_id for m in sandbox.received()] == [
            letter.message_id for letter in letters.values()
        ]
        sandbox.wait_for_replies(len(letters), timeout=60)
        replies = {m.headers["in-reply-to"][0]: m for m in inbox(sandbox)}

    assert len(replies) == len(letters)
    for iso3, letter in letters.items():
        language, kind = plans[iso3]
        reply = replies[letter.message_id]
        assert reply.from_ == letter.to
        assert reply.to == (REPLY_TO,)
        assert letter.message_id in reply.headers["references"][0]
        assert reply.headers["content-language"] == (language,)
        assert "auto-submitted" not in reply.headers
        body = text_of(reply)
        # The answer is one of the scenario kind's sentences in the letter's language...
        words = phrases()[language]
        if kind is Kind.ACCEPT_ATTACHED:
            # The text only points to the attachment; the acceptance is in the DOCX.
            assert words["attached"] in body
            (attachment,) = reply.attachments
            assert attachment.filename == "reply-che.docx"
            document = docx.Document(io.BytesIO(attachment.payload))
            written = "\n".join(p.text for p in document.paragraphs)
            assert any(s in written for s in (x.split("{")[0] for x in words["accept"]))
            continue
        sentences = [s.split("{")[0] for s in words[kind.value]]
        assert any(s in body for s in sentences), (iso3, body)
        assert words["greeting"] in body
        # ...above the quoted letter (never the other way round: classifiers cut the quote).
        assert body.index(words["greeting"]) < body.index("Please confirm acceptance")
        assert words["attribution"].split("{")[0] in body or words["original_message"] in body


def test_bounce_is_an_rfc3464_report_to_the_envelope_sender(no_new_threads: None) -> None:
    dead = "old.address@mfa.deu.example"
    chosen = scenario(addresses={dead: "bounce"}, countries={"DEU": "accept"})
    first, second = Sent(dead, "en"), Sent(dead, "en")
    with Sandbox(chosen) as sandbox:
        send(sandbox, [first, second])
        replies = sandbox.wait_for_replies(2, timeout=60)
        messages = inbox(sandbox)

    assert {reply.kind for reply in replies} == {Kind.BOUNCE}  # a dead address bounces each time
    for message in messages:
        report = email.message_from_bytes(message.obj.as_bytes(), policy=email.policy.default)
        assert report.get_content_type() == "multipart/report"
        assert report.get_param("report-type") == "delivery-status"
        assert report["From"].startswith("MAILER-DAEMON@")
        assert report["Auto-Submitted"] == "auto-replied"
        parts = {part.get_content_type(): part for part in report.iter_parts()}
        assert set(parts) == {"text/plain", "message/delivery-status", "text/rfc822-headers"}
        per_message, per_recipient = parts["message/delivery-status"].get_payload()
        assert per_message["Reporting-MTA"].startswith("dns; ")
        assert per_recipient["Final-Recipient"] == f"rfc822; {dead}"
        assert per_recipient["Action"] == "failed"
        assert per_recipient["Status"] == "5.1.1"
        returned = parts["text/rfc822-headers"].get_content()
        letter = first if first.message_id in returned else second
        assert f"Message-ID: {letter.message_id}" in returned
        assert report["To"] == letter.envelope_sender  # where the letter's token is
        # A standard bounce parser reads it as a permanent failure of that address.
        temporary, permanent = all_failures(email.message_from_bytes(message.obj.as_bytes()))
        assert permanent == {dead.encode()} and not temporary


def test_out_of_office_is_auto_submitted_and_names_the_return_day(no_new_threads: None) -> None:
    chosen = scenario(countries={"EGY": {"kind": "out_of_office", "then": "accept"}})
    letter = Sent("minister@mfa.egy.example", "ar")
    with Sandbox(chosen, speed=100) as sandbox:
        send(sandbox, [letter])
        replies = sandbox.wait_for_replies(2, timeout=60)
        messages = {m.headers["message-id"][0]: m for m in inbox(sandbox)}

    assert [reply.kind for reply in replies] == [Kind.OUT_OF_OFFICE, Kind.ACCEPT]
    auto, person = (messages[reply.message_id] for reply in replies)
    assert auto.headers["auto-submitted"] == ("auto-replied",)
    assert auto.headers["in-reply-to"] == (letter.message_id,)
    assert auto.subject.startswith(phrases()["ar"]["auto_reply_prefix"].strip())
    back_on = format_date(date.today() + timedelta(days=3), "long", locale="ar")
    assert back_on in text_of(auto)
    assert "auto-submitted" not in person.headers
    assert person.headers["in-reply-to"] == (letter.message_id,)


def test_silence_gets_no_answer_and_a_late_answer_comes_with_the_reminder(
    no_new_threads: None,
) -> None:
    chosen = scenario(
        countries={"ARG": "silence", "GBR": {"kind": "accept", "after": 1}, "FRA": "accept"}
    )
    arg, gbr, fra = (Sent(f"minister@mfa.{c}.example", None) for c in ("arg", "gbr", "fra"))
    with Sandbox(chosen) as sandbox:
        send(sandbox, [arg, gbr, fra])
        # Answers are planned when the letter is accepted: only France's is due.
        assert sandbox.pending_replies() + len(sandbox.replies()) == 1
        assert [r.respondent for r in sandbox.wait_for_replies(1, timeout=60)] == [fra.to]
        reminders = [Sent(arg.to, None), Sent(gbr.to, None)]
        send(sandbox, reminders)
        replies = sandbox.wait_for_replies(2, timeout=60)
        assert sandbox.pending_replies() == 0

    late = replies[1]
    assert (late.respondent, late.kind) == (gbr.to, Kind.ACCEPT)
    assert late.in_reply_to == reminders[1].message_id
    assert late.language == "en"  # .gbr.: the United Kingdom writes English


def test_language_and_country_come_from_the_domain_when_not_declared() -> None:
    cases = {
        "minister@mfa.mex.example": ("es", "MEX"),
        "cabinet@diplomatie.gouv.fr.example": ("fr", "FRA"),
        "office@mid.ru.example": ("ru", "RUS"),
        "desk@mofa.egy.example": ("ar", "EGY"),
        "someone@ministry.example": ("en", None),
    }
    for address, expected in cases.items():
        raw = Sent(address, None).message.as_bytes()
        letter = read_letter(raw, "", NOW)
        assert (letter.language, letter.country) == expected, address
    # A declared language wins over the domain; the X-Circular-* headers win over both.
    declared = Sent("minister@mfa.mex.example", "fr").message
    assert read_letter(declared.as_bytes(), "", NOW).language == "fr"
    declared["X-Circular-Language"] = "zh"
    declared["X-Circular-Country"] = "CHN"
    letter = read_letter(declared.as_bytes(), "", NOW)
    assert (letter.language, letter.country) == ("zh", "CHN")


def test_fractions_are_drawn_from_the_seed() -> None:
    fractions = {"accept": 0.5, "decline": 0.3, "silence": 0.2}
    countries = [f"C{n:02d}" for n in range(60)]

    def draws(seed: int) -> list[Kind]:
        chosen = Scenario(seed=seed, fractions=fractions)  # type: ignore[arg-type]
        return [chosen.plan_for("x@y.example", c, primary=True).kind for c in countries]

    assert draws(1) == draws(1)
    assert draws(1) != draws(2)
    assert set(draws(1)) == {Kind.ACCEPT, Kind.DECLINE, Kind.SILENCE}
    # A Cc recipient stays silent unless an address rule says otherwise.
    chosen = Scenario(seed=1, addresses={"cc@y.example": "bounce"})  # type: ignore[arg-type]
    assert chosen.plan_for("other@y.example", "FRA", primary=False) == Plan(kind=Kind.SILENCE)
    assert chosen.plan_for("CC@y.example", None, primary=False).kind is Kind.BOUNCE


CODES = ("fra", "bel", "che", "can", "sen", "civ", "mli", "hti")


def test_a_seeded_run_repeats_byte_for_byte(no_new_threads: None) -> None:
    fractions = {kind: 1 for kind in ("accept", "accept_attached", "decline", "question", "bounce")}
    tokens = [new_token() for _ in CODES]

    def run() -> dict[tuple[str, Kind], bytes]:
        letters = [
            Sent(f"minister@mfa.{code}.example", "fr", token)
            for code, token in zip(CODES, tokens, strict=True)
        ]
        chosen = scenario(seed=42, fractions=fractions)
        with Sandbox(chosen) as sandbox:
            send(sandbox, letters)
            replies = sandbox.wait_for_replies(len(letters), timeout=60)
        # Only the Date headers tell the runs apart.
        return {
            (r.message_id, r.kind): re.sub(rb"(?m)^(Date|Arrival-Date): .*\r\n", b"", r.data)
            for r in replies
        }

    first, second = run(), run()
    assert first == second
    assert len({kind for _, kind in first}) >= 3  # drawn from the fractions, not all alike
    assert len({reply.split(b"\r\n\r\n")[0] for reply in first.values()}) == len(tokens)


def test_environment_points_circular_at_the_sandbox_and_login_is_optional(
    monkeypatch: pytest.MonkeyPatch, no_new_threads: None
) -> None:
    with Sandbox(scenario(fractions={"silence": 1}), imap_password="-s3cret") as sandbox:
        for name, value in sandbox.environment().items():
            monkeypatch.setenv(name, value)
        settings = load_settings()
        assert (settings.smtp_port, settings.imap_port) == (sandbox.smtp_port, sandbox.imap_port)
        assert settings.smtp_security is settings.imap_security is Security.NONE
        assert settings.imap_password.get_secret_value() == "-s3cret"
        # The same, for code that takes a Settings object.
        direct = sandbox.settings_for(load_settings(smtp_port=25, imap_security="tls"))
        assert direct.model_dump() == settings.model_dump()
        # A client configured with a login may use it; one without may not.
        send(sandbox, [Sent("a@mfa.fra.example", "fr")], username="u", password="p")
        send(sandbox, [Sent("b@mfa.fra.example", "fr")])
        assert len(sandbox.received()) == 2
        assert inbox(sandbox) == []  # the password (even one that looks like an option) works
        ports = (sandbox.smtp_port, sandbox.imap_port)
    assert all(refused(port) for port in ports)


def test_scenario_errors_name_the_file_and_the_field(tmp_path: Path) -> None:
    bad = tmp_path / "scenario.yaml"
    cases = {
        "fractions: {accept: -1}\n": "fractions",
        "countries: {FRANCE: accept}\n": "FRANCE",
        "countries: {FRA: maybe}\n": "countries.FRA.kind",
        "delay_seconds: [5, 1]\n": "delay_seconds",
        "speed: 0\n": "speed",
        "- just a list\n": "mapping",
        "seed: [unclosed\n": "not valid YAML",
    }
    for text, named in cases.items():
        bad.write_text(text, encoding="utf-8")
        with pytest.raises(ScenarioError) as caught:
            load_scenario(bad)
        assert str(bad) in str(caught.value) and named in str(caught.value), text
    with pytest.raises(ScenarioError, match="cannot read"):
        load_scenario(tmp_path / "missing.yaml")
    assert load_scenario().countries["EGY"].then is Kind.ACCEPT  # the shipped one loads


def test_cli_runs_until_ctrl_c_and_leaves_nothing_behind(tmp_path: Path) -> None:
    env_file = tmp_path / "sandbox.env"
    process = subprocess.Popen(
        [sys.executable, "-m", "circular", "sandbox", "--quiet", "--env-file", str(env_file)],
        cwd=Path(__file__).resolve().parents[2],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
    )
    try:
        deadline = time.monotonic() + 60
        while not env_file.exists():
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline, "the sandbox did not start"
            time.sleep(0.1)
        # The file is shell as it is: `source` it and the settings are exported.
        shown = subprocess.run(
            ["sh", "-c", f'. "{env_file}" && env'], capture_output=True, text=True, check=True
        ).stdout
        settings = dict(line.split("=", 1) for line in shown.splitlines() if "=" in line)
        smtp_port, imap_port = (
            int(settings["CIRCULAR_SMTP_PORT"]),
            int(settings["CIRCULAR_IMAP_PORT"]),
        )
        assert not refused(smtp_port) and not refused(imap_port)
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 0, err
    assert f"export CIRCULAR_SMTP_PORT={smtp_port}\n" in out and "# stopping:" in out
    # What it prints is shell too: every line an `export` or a comment.
    assert all(line.startswith(("export CIRCULAR_", "#")) for line in out.splitlines() if line)
    assert not env_file.exists()
    assert refused(smtp_port) and refused(imap_port)


def test_cli_refuses_a_bad_scenario_naming_it(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from circular.cli import _register, app

    _register()
    bad = tmp_path / "scenario.yaml"
    bad.write_text("fractions: {maybe: 1}\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["sandbox", "--scenario", str(bad)])
    assert result.exit_code == 2
    assert str(bad) in result.output and "fractions" in result.output


def test_every_reply_decodes_whatever_charset_and_parts_it_uses() -> None:
    charsets: dict[str, set[str]] = {}
    for language in ("ar", "en", "es", "fr", "ru", "zh"):
        raw = Sent("minister@mfa.example", language).message.as_bytes()
        letter = read_letter(raw, "bounces@itu.example", NOW)
        for number in range(20):
            rng = seeded_random(3, language, number)
            written = human_reply(letter, "minister@mfa.example", Kind.DECLINE, rng, "<r@x>")
            parsed = email.message_from_bytes(written.as_bytes(), policy=email.policy.default)
            plain = parsed.get_body(("plain",))
            assert plain is not None
            charsets.setdefault(language, set()).add(plain.get_content_charset())
            text = plain.get_content()
            assert any(s in text for s in phrases()[language]["decline"]), (language, number)
            html = parsed.get_body(("html",))
            if html is not None:
                assert phrases()[language]["greeting"].split("\n")[0] in html.get_content()
    # Mail in the wild is not all UTF-8: each language other than English uses its old charset.
    assert all(len(charsets[language]) == 2 for language in ("ar", "es", "fr", "ru", "zh"))


def test_stopping_drops_answers_not_yet_due_and_leaves_no_thread(no_new_threads: None) -> None:
    slow = scenario(delay_seconds=(3600, 3600), fractions={"accept": 1})
    with Sandbox(slow) as sandbox:
        send(sandbox, [Sent("minister@mfa.fra.example", "fr")])
        assert sandbox.pending_replies() == 1
        with pytest.raises(TimeoutError, match="0 of 1 sandbox replies filed"):
            sandbox.wait_for_replies(1, timeout=0.1)
    assert sandbox.replies() == []

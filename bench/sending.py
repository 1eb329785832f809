"""Sending (issue 8, item 2): the same letters (cover note in Spanish, To + Cc, a rendered
CL-21/4 DOCX attached) sent under two conditions, contenders alternating:

- **loopback** (``bench.sinks.LoopbackSink``: smtp-sink, no TLS, no login): circular's send path
  with its ledger (``circular.sending.outbox.send``: ledger rows, claims, MIME built per message,
  the
  settings' parallel connections) against the anchor, a bare aiosmtplib loop on one connection
  sending bytes serialised beforehand (no ledger). Target (issue 20): circular >= 1.0x the loop,
  goal 1.2x.
- **realistic** (``bench.sinks.RealisticSink``: STARTTLS and AUTH required, PIPELINING
  offered as the providers do, each answer leaving 25 ms after its command arrived): circular
  (which pipelines: 2 round trips a letter) against awdeorio's ``mailmerge`` CLI (a new
  connection, STARTTLS and login per message) and against the bare one-connection loop (now
  with STARTTLS and login). Targets:
  circular >= 10x mailmerge (goal 15x) and >= 3x the loop.

Every contender's time includes connecting (TLS, login) and, for circular, creating its ledger
rows; the contacts are put in a fresh ledger beforehand. Latency-bound contenders are slow by
design and do not pipeline (a message costs the loop 5 round trips, mailmerge about 10): in the
full run the loop sends 250 and mailmerge 100 of the messages per repetition, and their
per-message rate is what is compared (their cost is the same for every message; said again in
results.md).

    python -m bench --only sending [--quick]
"""

from __future__ import annotations

import asyncio
import csv
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import aiosmtplib

from bench.harness import Section, Verdict, alternate, comparison_table, fmt, times_said
from bench.sinks import LoopbackSink, RealisticSink
from circular.ledger import Ledger
from circular.sending.mime import BuiltMessage, OutgoingMessage, build_message
from circular.sending.outbox import SendOptions, send
from circular.sending.smtp import SmtpConfig
from circular.settings import Security, Settings
from circular.tokens import new_token
from tests.support.outbox_helpers import SENDER, add_contacts, letters_for

ROOT = Path(__file__).resolve().parent.parent
# Issue 20's floors (the verdict) and goals (said beside the figure).
LOOPBACK_TARGET = 1.0
LOOPBACK_GOAL = 1.2
MAILMERGE_TARGET = 10.0
MAILMERGE_GOAL = 15.0
LOOP_TARGET = 3.0
#: A letter (To + Cc) costs the loop 5 round trips (MAIL, RCPT, RCPT, DATA, end of data) and a
#: pipelining circular 2 (MAIL..DATA together, end of data): its ceiling per connection.
ROUND_TRIPS_SAVED = 5 / 2


@dataclass(frozen=True)
class Sizes:
    """How many messages each contender sends per repetition."""

    circular: int
    loop: int
    mailmerge: int
    repetitions: int


def sizes(quick: bool) -> tuple[Sizes, Sizes]:
    """(loopback, realistic) sizes."""
    if quick:
        return Sizes(100, 100, 0, 1), Sizes(24, 12, 4, 1)
    return Sizes(2000, 2000, 0, 3), Sizes(2000, 250, 100, 3)


def attachment(folder: Path) -> Path:
    """A real CL-21/4 letter: the Spanish one of the first Spanish-speaking sample contact,
    rendered by circular's engine."""
    from bench.rendering import workload
    from circular.letters.render import LetterTemplate

    work = workload(200)
    context = next(c for lang, c in work.letters if lang == "es")
    path = folder / "ESP.es.docx"
    path.write_bytes(LetterTemplate(work.templates["es"], "es").render(context))
    return path


# ---------------------------------------------------------------------------- contenders


def circular_send(
    folder: Path, config: SmtpConfig, count: int, letter: Path, connections: int
) -> Callable[[], float]:
    """circular's send path: a fresh ledger with ``count`` contacts (not timed), then
    ``circular.sending.outbox.send`` with the settings' defaults but ``connections`` (timed)."""

    def measure() -> float:
        ledger = Ledger(f"sqlite:///{folder / f'ledger-{new_token()}.sqlite3'}")
        try:
            messages = letters_for(add_contacts(ledger, count), attachment=letter)
            options = SendOptions.from_settings(_settings(), connections=connections)
            started = time.perf_counter()
            report = send(ledger, messages, config, options)
            elapsed = time.perf_counter() - started
        finally:
            ledger.dispose()
        if report.sent != count:
            raise RuntimeError(f"circular sent {report.sent} of {count}: {report}")
        return elapsed

    return measure


def prebuilt(count: int, letter: Path) -> list[BuiltMessage]:
    """The loop's messages, serialised beforehand (as circular builds them)."""
    outgoing: list[OutgoingMessage] = letters_for(list(range(1, count + 1)), attachment=letter)
    return [build_message(item, new_token()) for item in outgoing]


def bare_loop(config: SmtpConfig, messages: list[BuiltMessage]) -> Callable[[], float]:
    """The anchor: one aiosmtplib connection, ``sendmail`` with bytes, no ledger."""

    async def run() -> float:
        started = time.perf_counter()
        tls = config.security == Security.STARTTLS
        smtp = aiosmtplib.SMTP(
            hostname=config.host,
            port=config.port,
            start_tls=tls,
            tls_context=config.tls_context() if tls else None,
            username=config.username or None,
            password=config.password.get_secret_value() or None,
        )
        await smtp.connect()
        for message in messages:
            refused, _ = await smtp.sendmail(
                message.envelope_from, list(message.recipients), message.data
            )
            if refused:
                raise RuntimeError(f"the sink refused {refused}")
        await smtp.quit()
        return time.perf_counter() - started

    return lambda: asyncio.run(run())


def mailmerge_files(folder: Path, sink: RealisticSink, count: int, letter: Path) -> list[str]:
    """mailmerge's config, template and CSV database for ``count`` letters; its command."""
    config = folder / "mailmerge_server.conf"
    config.write_text(
        "[smtp_server]\n"
        "host = 127.0.0.1\n"
        f"port = {sink.port}\n"
        "security = STARTTLS\n"
        f"username = {sink.credentials.user}\n",
        encoding="utf-8",
    )
    template = folder / "mailmerge_template.txt"
    sample = letters_for([0], attachment=letter)[0]
    # The same letter circular sends: the Spanish cover note, To + Cc, the DOCX attached.
    body = sample.text.replace("(0)", "({{number}})")
    template.write_text(
        f'TO: "{{{{name}}}}" <{{{{email}}}}>\n'
        "CC: {{cc}}\n"
        f'FROM: "{SENDER.name}" <{SENDER.email}>\n'
        f"REPLY-TO: {sample.reply_to}\n"
        f"SUBJECT: {sample.subject}\n"
        f"ATTACHMENT: {letter}\n"
        "\n"
        f"{body}\n",
        encoding="utf-8",
    )
    database = folder / "mailmerge_database.csv"
    with database.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["email", "cc", "name", "number"])
        for n in range(count):
            writer.writerow(
                [
                    f"minister-{n}@country{n}.example",
                    f"cabinet-{n}@country{n}.example",
                    f"Ministra Número {n}",
                    n,
                ]
            )
    executable = Path(sys.executable).with_name("mailmerge")
    return [
        str(executable), "--no-dry-run", "--no-limit", "--output-format", "text",
        "--template", str(template), "--database", str(database), "--config", str(config),
    ]  # fmt: skip


def mailmerge_run(command: list[str], sink: RealisticSink, count: int) -> Callable[[], float]:
    """mailmerge as its users run it. It asks for the password with ``getpass``: started in a
    new session (no terminal), it reads it from stdin. SSL_CERT_FILE names the test CA."""
    env = {**os.environ, "SSL_CERT_FILE": str(sink.credentials.ca_file)}

    def measure() -> float:
        before = sink.received()
        started = time.perf_counter()
        done = subprocess.run(
            command,
            input=sink.credentials.password + "\n",
            capture_output=True,
            text=True,
            env=env,
            start_new_session=True,
            check=False,
        )
        elapsed = time.perf_counter() - started
        if done.returncode != 0:
            raise RuntimeError(f"mailmerge failed ({done.returncode}): {done.stderr[-1500:]}")
        if sink.received() - before != count:
            raise RuntimeError(f"mailmerge: the sink got {sink.received() - before} of {count}")
        return elapsed

    return measure


# ---------------------------------------------------------------------------- the conditions


CIRCULAR = "circular send path (ledger, claims, MIME per message, {n} connections)"
#: The realistic condition also measures circular with this many connections: the count is a
#: setting (CIRCULAR_SMTP_CONNECTIONS), and against a slow server it sets the pace.
MORE_CONNECTIONS = 8


def _settings() -> Settings:
    return Settings(_env_file=None)  # type: ignore[call-arg]


LOOP = "bare aiosmtplib loop, one connection, pre-serialised bytes, no ledger"
MAILMERGE = "mailmerge CLI 2.3.0 (new connection + STARTTLS + login per message)"


def loopback(folder: Path, size: Sizes, letter: Path, section: Section) -> None:
    """The loopback condition (module doc)."""
    connections = _settings().smtp_connections
    circular_name = CIRCULAR.format(n=connections)
    with LoopbackSink(folder) as sink:
        config = SmtpConfig("127.0.0.1", sink.port, security=Security.NONE)
        messages = prebuilt(size.loop, letter)
        times = alternate(
            {
                LOOP: bare_loop(config, messages),
                circular_name: circular_send(folder, config, size.circular, letter, connections),
            },
            size.repetitions,
        )
    # Where circular's extra time goes: building the messages (tokens, MIME, serialising) is
    # work the loop was spared; the rest is the ledger (rows, claims, outcomes).
    started = time.perf_counter()
    prebuilt(size.circular, letter)
    build_ms = (time.perf_counter() - started) * 1000 / size.circular
    table, medians = comparison_table(
        times, {LOOP: size.loop, circular_name: size.circular}, "message", LOOP
    )
    ratio = medians[circular_name] / medians[LOOP]
    section.tables.append(
        (
            f"**Loopback** ({sink.description}); {times_said(size.repetitions)}, alternating; "
            f"message size {len(messages[0].data):,} bytes, 2 recipients (To + Cc):",
            table,
        )
    )
    extra_ms = 1000 / medians[circular_name] - 1000 / medians[LOOP]
    section.notes.append(
        f"- loopback, where circular's time goes: {fmt(1000 / medians[circular_name], 2)} ms "
        f"per message against the loop's {fmt(1000 / medians[LOOP], 2)}; building a message "
        f"(token, MIME, serialising; measured alone after the runs) takes {fmt(build_ms, 2)} "
        f"ms, the ledger and scheduling the remaining {fmt(max(extra_ms - build_ms, 0), 2)} ms. "
        "One Python thread does all of it, so on loopback more connections cannot hide it"
    )
    verdict = Verdict(
        f"loopback: circular >= {LOOPBACK_TARGET}x the bare one-connection loop",
        f"{ratio:.2f}x ({fmt(medians[circular_name])} vs {fmt(medians[LOOP])} messages/s); "
        f"goal {LOOPBACK_GOAL}x {'met' if ratio >= LOOPBACK_GOAL else 'not met'}",
        ratio >= LOOPBACK_TARGET,
    )
    if not verdict.met:
        verdict.note = (
            f"gap: circular spends {fmt(extra_ms, 2)} ms more per message than the loop, of "
            f"which {fmt(build_ms, 2)} ms building the message in the sending thread, the rest "
            "its ledger writes (group commit: claims and acceptances in batches) and scheduling"
        )
    section.verdicts.append(verdict)
    section.figures["loopback_build_ms"] = build_ms
    section.figures["loopback_ratio"] = ratio


def realistic_config(sink: RealisticSink) -> SmtpConfig:
    """How circular reaches the realistic sink: STARTTLS verified against its test CA, login."""
    return SmtpConfig(
        "127.0.0.1",
        sink.port,
        security=Security.STARTTLS,
        username=sink.credentials.user,
        password=sink.credentials.password,  # type: ignore[arg-type]
        ca_file=sink.credentials.ca_file,
    )


def realistic(folder: Path, size: Sizes, letter: Path, section: Section) -> None:
    """The realistic condition (module doc)."""
    connections = _settings().smtp_connections
    circular_name = CIRCULAR.format(n=connections)
    more_name = CIRCULAR.format(n=MORE_CONNECTIONS) + " (CIRCULAR_SMTP_CONNECTIONS)"
    with RealisticSink(folder) as sink:
        config = realistic_config(sink)
        messages = prebuilt(size.loop, letter)
        command = mailmerge_files(folder, sink, size.mailmerge, letter)
        times = alternate(
            {
                MAILMERGE: mailmerge_run(command, sink, size.mailmerge),
                LOOP: bare_loop(config, messages),
                circular_name: circular_send(folder, config, size.circular, letter, connections),
                more_name: circular_send(folder, config, size.circular, letter, MORE_CONNECTIONS),
            },
            size.repetitions,
        )
        description = sink.description
    counts = {
        MAILMERGE: size.mailmerge,
        LOOP: size.loop,
        circular_name: size.circular,
        more_name: size.circular,
    }
    table, medians = comparison_table(times, counts, "message", MAILMERGE)
    versus_mailmerge = medians[circular_name] / medians[MAILMERGE]
    versus_loop = medians[circular_name] / medians[LOOP]
    section.tables.append(
        (
            f"**Realistic** ({description}); {times_said(size.repetitions)}, alternating. "
            "The latency-bound anchors send fewer messages per run (their cost per message is "
            "constant: the rate is what is compared):",
            table,
        )
    )
    more_mailmerge = medians[more_name] / medians[MAILMERGE]
    more_loop = medians[more_name] / medians[LOOP]
    ceiling = connections * ROUND_TRIPS_SAVED * medians[LOOP] / medians[MAILMERGE]
    versus = Verdict(
        f"realistic: circular >= {MAILMERGE_TARGET:.0f}x mailmerge",
        f"{versus_mailmerge:.1f}x with the default {connections} connections "
        f"({fmt(medians[circular_name])} vs {fmt(medians[MAILMERGE])} messages/s); "
        f"{more_mailmerge:.1f}x with {MORE_CONNECTIONS}; goal {MAILMERGE_GOAL:.0f}x "
        f"{'met' if versus_mailmerge >= MAILMERGE_GOAL else 'not met'}",
        versus_mailmerge >= MAILMERGE_TARGET,
    )
    if not versus.met:
        versus.note = (
            f"gap: {connections} pipelining connections can reach at most "
            f"{connections * ROUND_TRIPS_SAVED:.0f}x the one-connection loop (2 round trips a "
            f"message instead of its 5), here {ceiling:.1f}x mailmerge; with "
            f"{MORE_CONNECTIONS} connections (a setting), {more_mailmerge:.1f}x"
        )
    section.verdicts += [
        versus,
        Verdict(
            f"realistic: circular >= {LOOP_TARGET:.0f}x the one-connection loop",
            f"{versus_loop:.2f}x with the default {connections} connections "
            f"({fmt(medians[circular_name])} vs {fmt(medians[LOOP])} messages/s); "
            f"{more_loop:.2f}x with {MORE_CONNECTIONS}",
            versus_loop >= LOOP_TARGET,
        ),
    ]
    section.figures["realistic_vs_mailmerge"] = versus_mailmerge
    section.figures["realistic_vs_loop"] = versus_loop


def run(quick: bool) -> Section:
    """Both conditions (module doc)."""
    loop_size, real_size = sizes(quick)
    section = Section(
        f"Sending: {loop_size.circular:,} messages, loopback and realistic",
        "python -m bench --only sending" + (" --quick" if quick else ""),
    )
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        letter = attachment(folder)
        section.notes = [
            f"- each message: Spanish cover note (text + HTML), To + Cc, the rendered CL-21/4 "
            f"letter attached ({letter.stat().st_size:,} bytes of DOCX)",
            "- times include connecting (STARTTLS, login) and, for circular, creating the "
            "ledger rows; the contacts are loaded into a fresh SQLite ledger before the clock",
            "- not pinned: the sink runs in its own process, on the other core",
        ]
        loopback(folder, loop_size, letter, section)
        realistic(folder, real_size, letter, section)
    return section

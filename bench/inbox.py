"""Inbox (issue 8, item 3): the cost of an idle poll must not grow with the mailbox, and the
classifier must keep up.

- **idle poll**: a real Dovecot (``tests.servers.dovecot``) with two mailboxes, one holding 10
  and one holding 10,000 replies (the labelled corpus's messages, each with its own
  Message-ID), every one already processed by an earlier poll (classified, matched, recorded in
  that mailbox's ledger), so a poll finds nothing new. Measured in both filing modes: messages
  moved to the ``Circular/*`` folders (the default), and left in INBOX with a keyword
  (``imap_move`` off, for a shared mailbox: then INBOX itself holds them). Polls of the two
  mailboxes alternate; the ratio of the medians must stay under 1.5.
- **classification**: ``circular.replies.classify.classify_message`` over the labelled corpus
  (tests/data/replies), on one core, after one warm-up pass; messages per second, target 500.

    python -m bench --only inbox [--quick]
"""

from __future__ import annotations

import csv
import os
import shutil
import socket
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

from pydantic import SecretStr

from bench.harness import Section, Table, Verdict, alternate, fmt, median, one_core
from circular.ledger import Ledger
from circular.replies.inbox import ImapConfig, Poller
from circular.settings import Security

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "replies"
RATIO_LIMIT = 1.5
CLASSIFY_TARGET = 500.0


def corpus() -> list[bytes]:
    """The labelled corpus's messages, in the order of labels.csv."""
    with (CORPUS / "labels.csv").open(encoding="utf-8") as handle:
        return [(CORPUS / row["file"]).read_bytes() for row in csv.DictReader(handle)]


def _with_message_id(raw: bytes, number: int) -> bytes:
    """``raw`` with a Message-ID of its own (a mailbox of copies must not look like
    duplicates to the ledger)."""
    return with_headers(raw, {"Message-ID": f"<bench-{number}@replies.example>"})


def with_headers(raw: bytes, headers: dict[str, str]) -> bytes:
    """``raw`` with each of ``headers`` set (any earlier value of that header removed)."""
    head, separator, body = raw.partition(b"\r\n\r\n")
    newline = b"\r\n"
    if not separator:
        head, separator, body = raw.partition(b"\n\n")
        newline = b"\n"
    names = tuple(f"{name.lower()}:".encode() for name in headers)
    lines = [line for line in head.split(newline) if not line.lower().startswith(names)]
    lines += [f"{name}: {value}".encode() for name, value in headers.items()]
    return newline.join(lines) + separator + body


def fill_maildir(server: object, user: str, count: int, messages: list[bytes]) -> None:
    """Put ``count`` messages straight into the user's Maildir ``new/`` (Dovecot assigns their
    UIDs at the next SELECT, as it does for mail an MTA delivered): much faster than 10,000
    IMAP APPENDs, and the same mailbox afterwards."""
    deliver_maildir(
        server, user, (_with_message_id(messages[n % len(messages)], n) for n in range(count))
    )


def deliver_maildir(server: object, user: str, raws: Iterable[bytes]) -> None:
    """Put ``raws`` as they are into the user's Maildir ``new/`` (see ``fill_maildir``)."""
    maildir = Path(server.root) / "mail" / user  # type: ignore[attr-defined]
    uid, gid = server.uid, server.gid  # type: ignore[attr-defined]
    for sub in ("cur", "new", "tmp"):
        (maildir / sub).mkdir(parents=True, exist_ok=True)
    for path in (maildir, *(maildir / sub for sub in ("cur", "new", "tmp"))):
        os.chown(path, uid, gid)
    host = socket.gethostname()
    started = int(time.time())
    for n, raw in enumerate(raws):
        path = maildir / "new" / f"{started}.M{n}P{os.getpid()}.{host}"
        path.write_bytes(raw)
        os.chown(path, uid, gid)


def server_costs(account: object, repetitions: int) -> tuple[float, float]:
    """Median seconds Dovecot takes to answer SELECT and STATUS (UIDVALIDITY UIDNEXT) for the
    account's INBOX, on one logged-in connection: where an idle poll's growth comes from."""
    import imaplib

    client = imaplib.IMAP4("127.0.0.1", account.port)  # type: ignore[attr-defined]
    client.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    client.login(account.user, account.password)  # type: ignore[attr-defined]
    selects, statuses = [], []
    try:
        for _ in range(repetitions):
            started = time.perf_counter()
            client.status("INBOX", "(UIDVALIDITY UIDNEXT)")
            statuses.append(time.perf_counter() - started)
            started = time.perf_counter()
            client.select("INBOX", readonly=True)
            selects.append(time.perf_counter() - started)
            client.close()
    finally:
        client.logout()
    return median(selects), median(statuses)


def idle_poll(quick: bool, section: Section) -> None:
    """Idle polls of a small and a large mailbox, in both filing modes (module doc)."""
    from circular.replies.classify import classify_message
    from tests.servers.dovecot import DOVECOT, DovecotServer

    if not Path(DOVECOT).exists():
        section.pending = "Dovecot is not installed (apt-get install dovecot-imapd)"
        return
    small, large = (10, 50) if quick else (10, 10_000)
    repetitions = 3 if quick else 15
    messages = corpus()
    root = Path(tempfile.mkdtemp(prefix="circular-bench-dovecot-"))
    root.chmod(0o755)  # Dovecot's login processes (another user) must reach the sockets
    server = DovecotServer(root)
    server.start()
    table = Table(
        ["filing mode", "messages held:", "first poll (processing them), s:",
         "idle poll, median ms:", "server: SELECT INBOX, ms:", "server: STATUS INBOX, ms:",
         "each idle poll (ms)"]
    )  # fmt: skip
    try:
        for move in (True, False):
            mode = "moved to Circular/* (default)" if move else "left in INBOX, keyword set"
            pollers = {}
            for held in (small, large):
                account = server.new_account()
                fill_maildir(server, account.user, held, messages)
                ledger = Ledger(f"sqlite:///{root / f'ledger-{account.user}.sqlite3'}")
                config = ImapConfig(
                    host=account.host,
                    port=account.port,
                    username=account.user,
                    password=SecretStr(account.password),
                    security=Security.NONE,
                    move=move,
                )
                poller = Poller(ledger, config, classify_message)
                started = time.perf_counter()
                first = poller.poll()
                processing = time.perf_counter() - started
                if first.processed != held:
                    raise RuntimeError(f"the first poll processed {first.processed} of {held}")
                pollers[held] = (poller, processing, account)

            def idle(poller: Poller) -> None:
                result = poller.poll()
                if result.fetched or result.processed:
                    raise RuntimeError(f"an idle poll found something: {result.summary()}")

            times = alternate(
                {str(held): (lambda p=entry[0]: idle(p)) for held, entry in pollers.items()},
                repetitions,
            )
            medians = {held: median(times[str(held)]) for held in pollers}
            for held, (_, processing, account) in pollers.items():
                select, status = server_costs(account, repetitions)
                table.add(mode, f"{held:,}", fmt(processing, 1), fmt(medians[held] * 1000, 1),
                          fmt(select * 1000, 2), fmt(status * 1000, 2),
                          ", ".join(fmt(t * 1000, 0) for t in times[str(held)]))  # fmt: skip
                section.figures[f"select_ms_{'move' if move else 'keep'}_{held}"] = select * 1000
            ratio = medians[large] / medians[small]
            verdict = Verdict(
                f"idle poll, {mode}: {large:,} vs {small} processed messages, ratio < "
                f"{RATIO_LIMIT}",
                f"{ratio:.2f} ({fmt(medians[large] * 1000)} vs {fmt(medians[small] * 1000)} ms)",
                ratio < RATIO_LIMIT,
            )
            if not verdict.met:
                verdict.note = (
                    "gap: Dovecot's own SELECT of the polled folder grows with the messages it "
                    "holds (see the SELECT column), and every poll selects the folder; STATUS "
                    "(UIDVALIDITY UIDNEXT) answers in the same time at any size, so a poll that "
                    "asked STATUS first and selected only when UIDNEXT moved past the last UID "
                    "(or UIDVALIDITY changed) would stay flat"
                )
            section.verdicts.append(verdict)
            section.figures[f"idle_ratio_{'move' if move else 'keep'}"] = ratio
            for poller, _, _ in pollers.values():
                poller.ledger.dispose()
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)
    section.tables.append(
        (
            "**Idle poll** (Dovecot, plain IMAP on 127.0.0.1; a poll = connect, login, select, "
            "search, ledger, logout; real classifier for the first poll): "
            f"{repetitions} polls of each mailbox, alternating",
            table,
        )
    )


def classification(quick: bool, section: Section) -> None:
    """Throughput of the classifier on the corpus, one core (module doc)."""
    from circular.replies.classify import classify_message

    messages = corpus()
    rounds = 1 if quick else 5
    repetitions = 1 if quick else 5
    with one_core() as pinned:
        for raw in messages:  # warm-up: language models and cue patterns built
            classify_message(raw)

        def one_pass() -> None:
            for _ in range(rounds):
                for raw in messages:
                    classify_message(raw)

        times = alternate({"classify": one_pass}, repetitions)["classify"]
    count = rounds * len(messages)
    per_second = [count / t for t in times]
    rate = median(per_second)
    table = Table(["corpus", "messages per run:", "median messages/s:", "each run (messages/s)"])
    table.add(
        f"tests/data/replies ({len(messages)} labelled replies, six languages)",
        f"{count:,}",
        fmt(rate),
        ", ".join(fmt(r) for r in per_second),
    )
    section.tables.append(
        (f"**Classification** (classify_message on raw bytes; one core, {pinned}):", table)
    )
    section.verdicts.append(
        Verdict(
            f"classification at least {CLASSIFY_TARGET:.0f} messages/s on one core",
            f"{fmt(rate)} messages/s",
            rate >= CLASSIFY_TARGET,
        )
    )
    section.figures["classify_per_second"] = rate


def run(quick: bool) -> Section:
    """Both measurements (module doc)."""
    section = Section(
        "Inbox: idle poll cost and classification throughput",
        "python -m bench --only inbox" + (" --quick" if quick else ""),
    )
    classification(quick, section)
    idle_poll(quick, section)
    return section

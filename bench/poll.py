"""Poll and classify 10,000 new replies (issue 20): the whole poll against the classifier alone.

- **anchor**: one ``circular classify --json`` process over the 10,000 replies as .eml files on
  disk (reading, classifying, printing; its start-up included).
- **contender**: one ``circular poll --json`` process, as an operator runs it, over the same
  10,000 messages in a real Dovecot's INBOX (``tests.servers.dovecot``, plain IMAP on
  127.0.0.1): fetching, classifying, matching each to its letter in the ledger, recording the
  replies, moving every message to its ``Circular/*`` folder (its start-up included).

The messages are the labelled corpus (tests/data/replies) cycled, each with a Message-ID of its
own and an In-Reply-To/References naming one of the letters of a ledger set up beforehand
(CL-21/4 sent to the 193 Member States of contacts/samples/member-states.csv), so matching
finds every letter for real. Each poll gets a fresh account holding the messages and a fresh
copy of that ledger. The two alternate; the ratio of the medians must be at most 1.5 (goal 1.2).

    python -m bench --only poll [--quick]
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import func, select

from bench.harness import Section, Table, Verdict, alternate, fmt, median, times_said
from bench.inbox import corpus, deliver_maildir, with_headers
from circular.ledger import Contact, Ledger, Message, MessageStatus, Reply
from circular.tokens import message_id_for, new_token

ROOT = Path(__file__).resolve().parent.parent
CONTACTS = ROOT / "contacts" / "samples" / "member-states.csv"
CAMPAIGN = "cl-21-4"
TARGET, GOAL = 1.5, 1.2


def sent_ledger(path: Path, contacts: int = 0) -> list[str]:
    """A ledger at ``path`` where CL-21/4 went to every Member State (to ``contacts``
    contacts when more: the first states then have a second one, their deputy); the letters'
    Message-IDs."""
    ledger = Ledger(f"sqlite:///{path}")
    with CONTACTS.open(encoding="utf-8", newline="") as handle:
        states = list(csv.DictReader(handle))
    rows = [{**row, "key": row["country"]} for row in states]
    for n in range(max(0, contacts - len(states))):
        row = states[n % len(states)]
        rows.append(
            {
                **row,
                "key": f"{row['country']}-deputy",
                "email": f"deputy@{row['country'].lower()}.example",
            }
        )
    ids = []
    try:
        with ledger.session() as session:
            contacts = [
                Contact(
                    campaign=CAMPAIGN,
                    contact_key=row["key"],
                    iso3=row["country"],
                    language=row["language"],
                    email=row["email"],
                    cc=[a for a in row["cc"].split(";") if a],
                    name=row["name"],
                )
                for row in rows
            ]
            session.add_all(contacts)
            session.flush()
            for contact in contacts:
                token = new_token()
                ids.append(message_id_for(token, CAMPAIGN, "itu.example"))
                session.add(
                    Message(
                        campaign=CAMPAIGN,
                        contact_id=contact.id,
                        kind="invitation",
                        token=token,
                        message_id=ids[-1],
                        status=MessageStatus.SENT,
                        to_addrs=[contact.email],
                        sent_at=datetime.now(UTC),
                    )
                )
    finally:
        ledger.dispose()
    return ids


def replies(count: int, letters: list[str]) -> list[bytes]:
    """``count`` replies: the corpus cycled, each its own Message-ID, each answering a letter."""
    messages = corpus()
    return [
        with_headers(
            messages[n % len(messages)],
            {
                "Message-ID": f"<poll-bench-{n}@replies.example>",
                "In-Reply-To": letters[n % len(letters)],
                "References": letters[n % len(letters)],
            },
        )
        for n in range(count)
    ]


def circular(*args: str, env: dict[str, str]) -> str:
    """``python -m circular ARGS`` in its own process; its stdout."""
    done = subprocess.run(
        [sys.executable, "-m", "circular", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"circular {args[0]} failed ({done.returncode}): {done.stderr[-2000:]}")
    return done.stdout


def run(quick: bool) -> Section:
    """The side-by-side measurement (module doc)."""
    from tests.servers.dovecot import DOVECOT, DovecotServer

    count = 50 if quick else 10_000
    repetitions = 1 if quick else 2
    section = Section(
        f"Poll and classify {count:,} new replies",
        "python -m bench --only poll" + (" --quick" if quick else ""),
    )
    if not Path(DOVECOT).exists():
        section.pending = "Dovecot is not installed (apt-get install dovecot-imapd)"
        return section
    load = os.getloadavg()
    root = Path(tempfile.mkdtemp(prefix="circular-bench-poll-"))
    root.chmod(0o755)  # Dovecot's login processes (another user) must reach the sockets
    template = root / "sent.sqlite3"
    letters = sent_ledger(template)
    raws = replies(count, letters)
    files = root / "eml"
    files.mkdir()
    paths = []
    for n, raw in enumerate(raws):
        paths.append(files / f"{n:05}.eml")
        paths[-1].write_bytes(raw)
    base_env = {k: v for k, v in os.environ.items() if not k.startswith("CIRCULAR_")}
    (root / "dovecot").mkdir(mode=0o755)
    server = DovecotServer(root / "dovecot")
    server.start()
    outcomes: list[dict[str, object]] = []
    try:

        def classify() -> None:
            out = circular("classify", "--json", *map(str, paths), env=base_env)
            if out.count("\n") != count:
                raise RuntimeError(f"circular classify printed {out.count(chr(10))} lines")

        def poll() -> float:
            account = server.new_account()
            deliver_maildir(server, account.user, raws)
            ledger_path = root / f"ledger-{account.user}.sqlite3"
            shutil.copyfile(template, ledger_path)
            env = {
                **base_env,
                "CIRCULAR_DATABASE_URL": f"sqlite:///{ledger_path}",
                "CIRCULAR_IMAP_HOST": account.host,
                "CIRCULAR_IMAP_PORT": str(account.port),
                "CIRCULAR_IMAP_USERNAME": account.user,
                "CIRCULAR_IMAP_PASSWORD": account.password,
                "CIRCULAR_IMAP_SECURITY": "none",
            }
            started = time.perf_counter()
            result = json.loads(circular("poll", "--json", env=env))
            seconds = time.perf_counter() - started
            ledger = Ledger(env["CIRCULAR_DATABASE_URL"])
            try:
                with ledger.session() as session:
                    matched = session.scalar(
                        select(func.count()).where(Reply.matched_message_id.is_not(None))
                    )
            finally:
                ledger.dispose()
            if result["processed"] != count or sum(result["filed"].values()) != count:
                raise RuntimeError(f"the poll did not process every message: {result}")
            outcomes.append({**result, "matched": matched})
            return seconds

        times = alternate(
            {"classify": classify, "poll": poll},  # type: ignore[dict-item]
            repetitions,
        )
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)
    anchor, contender = median(times["classify"]), median(times["poll"])
    ratio = contender / anchor
    last = outcomes[-1]
    section.notes += [
        f"- {count:,} messages: the {len(corpus())} labelled replies of tests/data/replies "
        f"cycled, each with its own Message-ID and an In-Reply-To naming one of "
        f"{len(letters)} letters (CL-21/4 to each Member State) in the poll's ledger",
        f"- the last poll: {last['processed']:,} processed, {last['matched']:,} matched to "
        f"their letter, {last['needs_review']:,} for review, filed: "
        + ", ".join(f"{k} {v:,}" for k, v in sorted(last["filed"].items())),  # type: ignore[attr-defined]
        f"- {times_said(repetitions)}, alternating; both are whole processes (start-up "
        "included); not pinned (Dovecot serves the poll from its own processes)",
        f"- load average when it started: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} "
        "(the machine is shared)",
    ]
    table = Table(["contender", "median s:", "messages/s:", "ratio to the anchor:", "each run (s)"])
    for name, label in (
        ("classify", "`circular classify --json` over the .eml files (anchor)"),
        ("poll", "`circular poll --json`: IMAP fetch, classify, match, ledger, MOVE"),
    ):
        table.add(
            label,
            fmt(median(times[name]), 2),
            fmt(count / median(times[name])),
            f"{median(times[name]) / anchor:.2f}x",
            ", ".join(fmt(t, 2) for t in times[name]),
        )
    section.tables.append(("", table))
    section.verdicts.append(
        Verdict(
            f"poll and classify {count:,} new replies: at most {TARGET}x one `circular "
            f"classify` process over the same files (goal {GOAL}x)",
            f"{ratio:.2f}x ({fmt(contender, 1)} vs {fmt(anchor, 1)} s)",
            ratio <= TARGET,
        )
    )
    section.figures["poll_ratio"] = ratio
    return section

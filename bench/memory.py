"""Memory (issue 8, item 5): intake of N contacts from one CSV, then rendering of their N
letters, each step in a child process of its own whose peak resident memory (its ``VmHWM``,
see ``bench.harness.child_peak_rss``) is what is reported: the harness's own memory never
counts. Target: under
500 MB each, for N = 100,000 (quick: 300).

- intake: ``circular.contacts.intake_file`` on a generated CSV of N Member State contacts
  (several per country: ``contacts_per_country``), into a fresh SQLite ledger;
- rendering: every contact of that ledger, read in batches of 500 by id, each letter's context
  built and sanitised and the letter rendered by the engine's ``LetterTemplate`` (the six
  CL-21/4 templates prepared once), written to its own file. Not ``render_campaign`` itself:
  its per-letter validation (python-docx re-opens every letter) makes 100,000 letters take
  ~25 minutes, and adds nothing to what is held in memory (each letter is checked and
  dropped).

The child runs as ``python -m bench.memory intake|render ...``.

    python -m bench --only memory [--quick]
"""

from __future__ import annotations

import argparse
import csv
import shutil
import sys
import tempfile
import time
from pathlib import Path

from bench.harness import Section, Table, Verdict, child_peak_rss, fmt, report_peak_rss

ROOT = Path(__file__).resolve().parent.parent
CAMPAIGN = "cl-21-4"
LIMIT_MB = 500.0
#: Contacts read from the ledger per query while rendering.
BATCH = 500


def write_contacts_csv(path: Path, count: int) -> int:
    """A contact file of ``count`` rows over the Member States (in their working languages),
    several contacts per country; returns the contacts-per-country the campaign must allow."""
    from circular.countries import member_states

    states = list(member_states())
    per_country = -(-count // len(states))
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            ["country", "language", "salutation", "title", "name", "position", "ministry",
             "email", "cc"]
        )  # fmt: skip
        for n in range(count):
            state = states[n % len(states)]
            code = state.iso3.lower()
            writer.writerow(
                [
                    state.iso3,
                    state.language,
                    "",
                    "H.E. Ms" if n % 2 else "H.E. Mr",
                    f"Contact Number {n}",
                    "Minister of Communications",
                    "Ministry of Communications and Digital Economy",
                    f"minister-{n}@{code}.example",
                    f"cabinet-{n}@{code}.example" if n % 3 == 0 else "",
                ]
            )
    return per_country


# ---------------------------------------------------------------------------- the children


def child_intake(csv_path: Path, ledger_url: str, folder: Path, per_country: int) -> None:
    """Take the CSV in (as the drop folder's intake does) and print what was loaded."""
    from circular.contacts import intake_file
    from circular.ledger import Ledger
    from circular.settings import Settings

    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        drop_folder=csv_path.parent,
        processed_folder=folder / "processed",
        rejected_folder=folder / "rejected",
    )
    ledger = Ledger(ledger_url)
    started = time.perf_counter()
    result = intake_file(csv_path, CAMPAIGN, settings, ledger, contacts_per_country=per_country)
    elapsed = time.perf_counter() - started
    if result.problems:
        raise SystemExit(f"intake rejected the file: {result.problems[:3]}")
    print(f"contacts={result.inserted} seconds={elapsed:.3f}")


def child_render(ledger_url: str, out: Path) -> None:
    """Render the letter of every contact in the ledger, streaming them in batches by id
    (never the whole campaign in memory); print how many."""
    from sqlalchemy import select

    from circular.campaign import load_campaign
    from circular.ledger import Contact, Ledger
    from circular.letters.context import docx_letter_context
    from circular.letters.docx_safety import sanitize_context
    from circular.letters.render import LetterTemplate

    folder = ROOT / "letters" / CAMPAIGN
    campaign = load_campaign(folder)
    templates = {
        language: LetterTemplate(folder / f"letter.{language}.docx", language)
        for language in campaign.languages
    }
    ledger = Ledger(ledger_url)
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    rendered, last_id = 0, 0
    while True:
        with ledger.session() as session:
            batch = list(
                session.scalars(
                    select(Contact)
                    .where(Contact.campaign == CAMPAIGN, Contact.id > last_id)
                    .order_by(Contact.id)
                    .limit(BATCH)
                )
            )
            for contact in batch:
                context = sanitize_context(docx_letter_context(campaign, contact, contact.language))
                data = templates[contact.language].render_clean(context)
                name = f"{contact.iso3}.{contact.language}.{contact.id}.docx"
                (out / name).write_bytes(data)
                rendered += 1
        if not batch:
            break
        last_id = batch[-1].id
    elapsed = time.perf_counter() - started
    print(f"letters={rendered} seconds={elapsed:.3f}")


def main() -> None:
    """The child processes' entry point."""
    parser = argparse.ArgumentParser(description="a memory benchmark child")
    sub = parser.add_subparsers(dest="step", required=True)
    intake = sub.add_parser("intake")
    intake.add_argument("csv", type=Path)
    intake.add_argument("ledger")
    intake.add_argument("folder", type=Path)
    intake.add_argument("per_country", type=int)
    render = sub.add_parser("render")
    render.add_argument("ledger")
    render.add_argument("out", type=Path)
    args = parser.parse_args()
    if args.step == "intake":
        child_intake(args.csv, args.ledger, args.folder, args.per_country)
    else:
        child_render(args.ledger, args.out)
    report_peak_rss()


# ---------------------------------------------------------------------------- the benchmark


def _figure(stdout: str, name: str) -> float:
    for line in stdout.splitlines():
        for word in line.split():
            key, _, value = word.partition("=")
            if key == name:
                return float(value)
    raise RuntimeError(f"the child did not report {name}: {stdout[-500:]}")


def run(quick: bool) -> Section:
    """Both steps, each in its own child (module doc)."""
    count = 300 if quick else 100_000
    section = Section(
        f"Memory: intake and rendering of {count:,} contacts",
        "python -m bench --only memory" + (" --quick" if quick else ""),
    )
    table = Table(["step", "contacts:", "peak RSS (MB):", "seconds:", "letters or contacts/s:"])
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        drop = folder / "drop"
        drop.mkdir()
        csv_path = drop / "contacts.csv"
        per_country = write_contacts_csv(csv_path, count)
        ledger_url = f"sqlite:///{folder / 'ledger.sqlite3'}"
        me = [sys.executable, "-m", "bench.memory"]
        peak, out = child_peak_rss(
            [*me, "intake", str(csv_path), ledger_url, str(folder), str(per_country)], cwd=ROOT
        )
        loaded, seconds = _figure(out, "contacts"), _figure(out, "seconds")
        if loaded != count:
            raise RuntimeError(f"intake loaded {loaded:.0f} of {count} contacts")
        table.add("intake (check + load, one CSV)", f"{count:,}", fmt(peak / 2**20), fmt(seconds),
                  fmt(count / seconds))  # fmt: skip
        section.figures["intake_mb"] = peak / 2**20
        letters = folder / "letters"
        peak_render, out = child_peak_rss([*me, "render", ledger_url, str(letters)], cwd=ROOT)
        rendered, seconds = _figure(out, "letters"), _figure(out, "seconds")
        on_disk = sum(1 for _ in letters.iterdir())
        shutil.rmtree(letters)
        if rendered != count or on_disk != count:
            raise RuntimeError(f"rendered {rendered:.0f}, {on_disk} files, of {count}")
        table.add("rendering (one DOCX file per contact)", f"{count:,}",
                  fmt(peak_render / 2**20), fmt(seconds), fmt(count / seconds))  # fmt: skip
        section.figures["render_mb"] = peak_render / 2**20
    section.notes = [
        f"- a generated CSV of {count:,} contacts over the 193 Member States "
        f"({per_country} per country at most: the campaign's contacts_per_country), "
        "in each state's working language",
        "- each step in its own child process; peak RSS is the child's own high-water mark "
        "(VmHWM, read by the child as it ends; Python and every imported library included). "
        "Not ru_maxrss: Linux carries the parent's high-water mark into a child's ru_maxrss "
        "across fork and exec, which would count the harness",
    ]
    section.tables.append(("", table))
    for step, key in (("intake", "intake_mb"), ("rendering", "render_mb")):
        section.verdicts.append(
            Verdict(
                f"{step} of {count:,} contacts under {LIMIT_MB:.0f} MB peak",
                f"{section.figures[key]:.0f} MB",
                section.figures[key] < LIMIT_MB,
            )
        )
    return section


if __name__ == "__main__":
    main()

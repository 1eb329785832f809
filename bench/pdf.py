"""PDF letters (issue 20): circular's ``make_pdfs`` on every core (LibreOffice kept running,
one per core, through unoserver; every PDF checked: its pages against its template's, the
country's name and the reference in its text) against ``soffice --convert-to pdf`` started
once per letter, the usual way, on the same rendered CL-21/4 letters.

The soffice loop is slow per letter (LibreOffice starts each time), so it converts fewer
letters per run: the rate is what is compared. It runs one letter at a time (the anchor) and,
for reference, one per core at a time, each soffice with its own profile.

    python -m bench --only pdf [--quick]
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench.harness import Section, Verdict, alternate, comparison_table, fmt, times_said
from bench.rendering import letter_context, workload
from circular.letters.pdf import convert_to_pdf, find_soffice
from circular.letters.pdfletters import make_pdfs
from circular.letters.pdfpool import check_uno
from circular.letters.render import RenderedLetter, render_campaign

TARGET = 5.0
POOL = "circular make_pdfs (unoserver, one LibreOffice per core, start included, every PDF checked)"
SOFFICE = "soffice --convert-to pdf once per letter, one at a time"
SOFFICE_CORES = "soffice --convert-to pdf once per letter, one per core at a time"


def soffice_loop(letters: list[RenderedLetter], out: Path, parallel: int) -> None:
    """One soffice started per letter, ``parallel`` at once."""
    with ThreadPoolExecutor(parallel) as running:
        list(running.map(lambda letter: convert_to_pdf(letter.path, out), letters))


def run(quick: bool) -> Section:
    """Measure the pool against soffice per letter, side by side (see the module doc)."""
    # Quick: a smoke run (LibreOffice's start dominates), letters of one language only, so
    # the pool converts one template; no soffice per core.
    count, sample, repetitions = (2, 1, 1) if quick else (96, 12, 2)
    section = Section(
        f"PDF letters: {count:,} letters of CL-21/4, all cores",
        "python -m bench --only pdf" + (" --quick" if quick else ""),
    )
    if find_soffice() is None:
        raise RuntimeError("LibreOffice is needed (soffice): make system-deps")
    if problem := check_uno():
        raise RuntimeError(problem)
    cores = len(os.sched_getaffinity(0))
    work = workload(count * 20 if quick else count)
    if quick:
        english = [contact for contact in work.contacts if contact.language == "en"]
        work.contacts = english[:count]
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        report = render_campaign(
            work.campaign,
            work.contacts,
            folder / "letters",
            several_per_country=True,
            context_for=letter_context,
            workers=1,
        )
        letters = report.letters

        def pool() -> None:
            # Each run converts the letters anew (no ledger: nothing is skipped).
            for pdf in (folder / "letters").glob("*.pdf"):
                pdf.unlink()
            done = make_pdfs(work.campaign, letters)
            if done.made != len(letters):
                raise RuntimeError(f"make_pdfs made {done.made} of {len(letters)}")

        def loop(parallel: int) -> Callable[[], None]:
            return lambda: soffice_loop(
                letters[:sample], Path(tempfile.mkdtemp(dir=folder)), parallel
            )

        contenders = {SOFFICE: loop(1), POOL: pool}
        if not quick:
            contenders[SOFFICE_CORES] = loop(cores)
        times = alternate(contenders, repetitions)
    counts = {SOFFICE: sample, POOL: count, SOFFICE_CORES: sample}
    table, medians = comparison_table(times, counts, "PDF", SOFFICE)
    ratio = medians[POOL] / medians[SOFFICE]
    cores_ratio = medians[POOL] / medians.get(SOFFICE_CORES, medians[SOFFICE])
    load = os.getloadavg()
    languages = ", ".join(sorted({letter.language for letter in letters}))
    section.notes = [
        f"- {count:,} letters rendered by the engine (languages {languages}, a QR code "
        f"each); the pool converts them all, each soffice loop the first {sample}",
        f"- {cores} cores, not pinned; {times_said(repetitions)}, alternating order, medians",
        f"- the pool's time includes starting its {cores} LibreOffices, converting each "
        "language's template once (its page count is each letter's limit) and checking "
        "every PDF (pypdf: pages, the country's name, the reference)",
        f"- load average at the end: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} (2 cores "
        "shared with other jobs)",
    ]
    section.tables.append(("", table))
    section.verdicts.append(
        Verdict(
            f"PDF letters on all cores at least {TARGET:.0f}x soffice --convert-to pdf once "
            "per letter",
            f"{ratio:.1f}x ({fmt(medians[POOL], 2)} vs {fmt(medians[SOFFICE], 2)} PDFs/s)"
            + ("" if quick else f"; {cores_ratio:.1f}x soffice run on {cores} at a time"),
            ratio >= TARGET,
        )
    )
    section.figures = {
        "ratio": ratio,
        "cores_ratio": cores_ratio,
        "pool": medians[POOL],
        "soffice": medians[SOFFICE],
    }
    return section

"""The PDF of every rendered letter: converted by LibreOffice kept running (``pdfpool``),
each checked (``pdfcheck``) and its sha256 recorded in the ledger beside the DOCX's.

A letter's PDF is made again only when its DOCX changed (the ledger keeps the DOCX's sha256
each PDF was made from) or the PDF file is gone or altered. The page limit of each language
is the page count of its template converted the same way, so a letter that overflows its
layout is caught.
"""

from __future__ import annotations

import hashlib
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from circular.countries import get_country
from circular.ledger import Ledger, LetterPdf, utcnow
from circular.letters.pdfcheck import CheckedPdf, PdfCheckError, check_pdf, page_count
from circular.letters.pdfpool import PDFA_OPTIONS, Converted, PdfPool
from circular.letters.render import RenderedLetter, letter_templates


@dataclass
class PdfReport:
    """What ``make_pdfs`` did: every letter's checked PDF, and how long it took."""

    pdfs: list[CheckedPdf] = field(default_factory=list)
    made: int = 0
    skipped: int = 0
    seconds: float = 0.0
    restarts: int = 0
    workers: int = 0

    @property
    def per_second(self) -> float:
        """PDFs converted and checked per second (skipped ones left out)."""
        return self.made / self.seconds if self.seconds else 0.0


def _sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def template_pages(campaign: Any, languages: set[str], pool: PdfPool) -> dict[str, int]:
    """The page count of each language's letter template, converted like the letters."""
    templates = letter_templates(campaign)
    with tempfile.TemporaryDirectory(prefix="circular-template-pdf-") as work:
        jobs = [
            (templates[lang], Path(work) / f"template.{lang}.pdf") for lang in sorted(languages)
        ]
        pool.convert_many(jobs)
        return {
            lang: page_count(pdf) for lang, (_, pdf) in zip(sorted(languages), jobs, strict=True)
        }


def make_pdfs(
    campaign: Any,
    letters: Sequence[RenderedLetter],
    ledger: Ledger | None = None,
    *,
    workers: int | None = None,
    progress: Callable[[Path], None] | None = None,
) -> PdfReport:
    """Convert and check the PDF of each of ``letters`` (beside its DOCX, ``.pdf``).

    Every PDF is checked; those that pass are recorded, then ``PdfCheckError`` names each
    that failed. ``MissingToolError`` without LibreOffice. ``progress`` gets each new PDF."""
    started = time.perf_counter()
    report = PdfReport()
    recorded = _recorded(ledger, campaign.id) if ledger is not None else {}
    todo: list[RenderedLetter] = []
    for letter in letters:
        pdf = letter.path.with_suffix(".pdf")
        previous = recorded.get(letter.contact_id) if letter.contact_id is not None else None
        if (
            previous is not None
            and previous.docx_sha256 == letter.sha256
            and previous.path == str(pdf)
            and _sha256(pdf) == previous.sha256
        ):
            report.pdfs.append(CheckedPdf(pdf, previous.pages, previous.sha256))
            report.skipped += 1
        else:
            todo.append(letter)
    if not todo:
        report.seconds = time.perf_counter() - started
        return report
    options = PDFA_OPTIONS if getattr(campaign, "archive", False) else ()
    by_pdf = {letter.path.with_suffix(".pdf"): letter for letter in todo}
    checked: dict[Path, CheckedPdf] = {}
    failures: list[str] = []

    def check(done: Converted) -> None:
        # Each PDF is checked as soon as it is made, here, while the LibreOffices convert
        # the next ones: the checks (pypdf, 50-150 ms a letter) overlap the conversions
        # instead of following them all (issue 20).
        letter = by_pdf[done.pdf]
        country = get_country(letter.iso3).name(letter.language)
        try:
            checked[done.pdf] = check_pdf(
                done.pdf,
                {"the country's name": country, "the reference": campaign.reference},
                limits[letter.language],
            )
        except PdfCheckError as error:
            failures.append(str(error))
        if progress is not None:
            progress(done.pdf)

    with PdfPool(workers) as pool:
        report.workers = pool.workers
        limits = template_pages(campaign, {letter.language for letter in todo}, pool)
        pool.convert_many([(letter.path, pdf) for pdf, letter in by_pdf.items()], options, check)
        report.restarts = pool.restarts
    for pdf, letter in by_pdf.items():
        if pdf not in checked:
            continue
        if ledger is not None and letter.contact_id is not None:
            _record(ledger, campaign.id, letter, checked[pdf], bool(options))
        report.pdfs.append(checked[pdf])
        report.made += 1
    report.seconds = time.perf_counter() - started
    if failures:
        raise PdfCheckError(
            f"{len(failures)} PDF letter(s) failed their check and must not be sent:\n  "
            + "\n  ".join(failures)
        )
    return report


def _recorded(ledger: Ledger, campaign_id: str) -> dict[int, LetterPdf]:
    with ledger.session() as session:
        rows = session.scalars(select(LetterPdf).where(LetterPdf.campaign == campaign_id))
        return {row.contact_id: row for row in rows}


def _record(
    ledger: Ledger, campaign_id: str, letter: RenderedLetter, checked: CheckedPdf, pdfa: bool
) -> None:
    with ledger.session() as session:
        row = session.scalars(
            select(LetterPdf).where(
                LetterPdf.campaign == campaign_id, LetterPdf.contact_id == letter.contact_id
            )
        ).one_or_none()
        if row is None:
            row = LetterPdf(campaign=campaign_id, contact_id=letter.contact_id)
            session.add(row)
        row.path = str(checked.path)
        row.sha256 = checked.sha256
        row.docx_sha256 = letter.sha256
        row.pages = checked.pages
        row.pdfa = pdfa
        row.made_at = utcnow()

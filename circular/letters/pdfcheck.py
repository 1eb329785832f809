"""Checking a PDF letter before it is sent: it opens (pypdf), its text layer holds the
country's name and the campaign's reference, and it has no more pages than its template.

A PDF that fails is never attached: a letter whose fonts lack the script (no Arabic or
Chinese font installed) has no such text to find, and one that overflows onto an extra page
has a name or title too long for the layout; both must be seen by a person.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import PdfReadError


class PdfCheckError(ValueError):
    """A PDF letter is not fit to send; the message names the file and what is wrong."""


@dataclass(frozen=True)
class CheckedPdf:
    """A PDF that passed: its pages and its sha256 (recorded in the ledger)."""

    path: Path
    pages: int
    sha256: str


def _squeezed(text: str) -> str:
    # Compatibility forms (Arabic presentation forms, full-width digits) to their letters, and
    # no whitespace: a long name may wrap onto two lines of the layout.
    return "".join(unicodedata.normalize("NFKC", text).split())


def pdf_text(path: Path) -> tuple[str, int]:
    """The text layer of every page and the page count (``PdfCheckError`` if it won't open)."""
    try:
        reader = PdfReader(path)
        return "\n".join(page.extract_text() or "" for page in reader.pages), len(reader.pages)
    except (PdfReadError, OSError, ValueError) as error:
        raise PdfCheckError(f"{path}: not a readable PDF: {error}") from None


def check_pdf(path: Path, must_contain: dict[str, str], max_pages: int) -> CheckedPdf:
    """Check ``path``: every value of ``must_contain`` (what: text) in its text layer, at
    most ``max_pages`` pages. Raises PdfCheckError naming the file and each failure."""
    text, pages = pdf_text(path)
    found = _squeezed(text)
    missing = [
        f"{what} {value!r} is not in its text"
        for what, value in must_contain.items()
        if _squeezed(value) not in found
    ]
    if pages > max_pages:
        missing.append(f"it has {pages} pages where its template has {max_pages}")
    if missing:
        raise PdfCheckError(f"{path}: " + "; ".join(missing))
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return CheckedPdf(path, pages, digest)


def page_count(path: Path) -> int:
    """How many pages a PDF has (its text is not extracted: that is most of pypdf's time)."""
    try:
        return len(PdfReader(path).pages)
    except (PdfReadError, OSError, ValueError) as error:
        raise PdfCheckError(f"{path}: not a readable PDF: {error}") from None

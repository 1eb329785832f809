"""DOCX to PDF with LibreOffice headless, an optional system dependency.

LibreOffice is only needed to look at letters (``circular preview --pdf``, the PNGs in the
docs); rendering and sending never need it, so its absence is a clear message, not a crash.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

INSTALL_HINT = (
    "LibreOffice is not installed (no 'soffice' on PATH); it is only needed to make PDFs. "
    "Install it with 'apt-get install -y libreoffice-writer' (Debian/Ubuntu), "
    "'brew install --cask libreoffice' (macOS) or from https://www.libreoffice.org/download/, "
    "then run the command again."
)


class MissingToolError(RuntimeError):
    """A program needed to look at letters is not installed; the message says how to get it."""


class LibreOfficeMissingError(MissingToolError):
    """LibreOffice (``soffice``) is not installed; the message says how to install it."""

    def __init__(self) -> None:
        super().__init__(INSTALL_HINT)


class PdfConversionError(RuntimeError):
    """LibreOffice ran but made no PDF; the message carries what it said."""


def find_soffice() -> str | None:
    """The path of LibreOffice's ``soffice`` (or ``libreoffice``), or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_pdf(docx: Path, out_dir: Path, timeout: float = 180.0) -> Path:
    """Convert ``docx`` to ``out_dir/<stem>.pdf`` and return its path.

    Each conversion gets its own throw-away LibreOffice profile: two conversions sharing the
    user's profile block each other, and a running desktop LibreOffice would swallow the job."""
    soffice = find_soffice()
    if soffice is None:
        raise LibreOfficeMissingError()
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{docx.stem}.pdf"
    with tempfile.TemporaryDirectory(prefix="circular-lo-") as profile:
        command = [
            soffice,
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out_dir),
            str(docx),
        ]
        try:
            result = subprocess.run(
                command, capture_output=True, text=True, timeout=timeout, check=False
            )
        except subprocess.TimeoutExpired:
            raise PdfConversionError(
                f"LibreOffice took more than {timeout:.0f} s to convert {docx}"
            ) from None
    if not target.is_file():
        said = (result.stderr or result.stdout).strip()[:500]
        raise PdfConversionError(
            f"LibreOffice made no PDF from {docx} (exit code {result.returncode}): {said}"
        )
    return target


def pdf_to_png(pdf: Path, png: Path, dpi: int = 80) -> Path:
    """The first page of ``pdf`` as the PNG ``png`` (poppler's ``pdftoppm``)."""
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        raise MissingToolError(
            "pdftoppm is not installed; it is only needed to make PNGs. Install it with "
            "'apt-get install -y poppler-utils' (Debian/Ubuntu) or 'brew install poppler' (macOS)."
        )
    stem = png.with_suffix("")
    subprocess.run(
        [
            pdftoppm,
            "-png",
            "-r",
            str(dpi),
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(pdf),
            str(stem),
        ],
        check=True,
        capture_output=True,
    )
    return png

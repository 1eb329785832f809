"""PDF letters per second: LibreOffice kept running (unoserver, one per core) against
``soffice --convert-to pdf`` started once per letter, on the same rendered letters.

``python -m bench.pdf LETTERS_DIR [--soffice N]``: the pool converts every DOCX of the folder
(its start counted in); soffice converts the first N of them (default 20), once one after the
other and once with one soffice per core at a time, each with its own profile.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from circular.letters.pdf import convert_to_pdf
from circular.letters.pdfpool import PdfPool


def pool_rate(letters: list[Path], out: Path) -> tuple[float, float]:
    """(seconds, PDFs per second) for the pool, its LibreOffices' start included."""
    started = time.perf_counter()
    with PdfPool() as pool:
        pool.convert_many([(docx, out / f"{docx.stem}.pdf") for docx in letters])
    seconds = time.perf_counter() - started
    return seconds, len(letters) / seconds


def soffice_rate(letters: list[Path], out: Path, parallel: int) -> tuple[float, float]:
    """(seconds, PDFs per second) for one soffice started per letter, ``parallel`` at once."""
    started = time.perf_counter()
    with ThreadPoolExecutor(parallel) as running:
        list(running.map(lambda docx: convert_to_pdf(docx, out), letters))
    seconds = time.perf_counter() - started
    return seconds, len(letters) / seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("letters", type=Path)
    parser.add_argument("--soffice", type=int, default=20, help="letters for the soffice side")
    args = parser.parse_args()
    letters = sorted(args.letters.glob("*.docx"))
    sample = letters[: args.soffice]
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        for name in ("pool", "soffice-1", "soffice-n"):
            (folder / name).mkdir()
        seconds, rate = pool_rate(letters, folder / "pool")
        print(f"unoserver, {cores} LibreOffice kept running: {len(letters)} letters "
              f"in {seconds:.1f} s = {rate:.2f} PDFs/s")  # fmt: skip
        seconds, rate = soffice_rate(sample, folder / "soffice-1", 1)
        print(f"soffice --convert-to pdf once per letter, one at a time: {len(sample)} letters "
              f"in {seconds:.1f} s = {rate:.2f} PDFs/s")  # fmt: skip
        seconds, rate = soffice_rate(sample, folder / "soffice-n", cores)
        print(f"soffice --convert-to pdf once per letter, {cores} at a time: {len(sample)} "
              f"letters in {seconds:.1f} s = {rate:.2f} PDFs/s")  # fmt: skip


if __name__ == "__main__":
    main()

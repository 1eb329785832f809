"""Reading a contact file as offices really send them: the encoding (UTF-8 with or without BOM,
Excel's UTF-16 "Unicode text", else the code page charset-normalizer finds: Windows-1251,
Windows-1256, GBK/GB18030, Shift-JIS, Windows-1252, Mac Roman...), the delimiter (``,``
``;`` or tab), the header, then the records in chunks with pandas so that a 100,000-row file
is read in bounded memory.

Every value is read as text (``dtype=str`` and no NA guessing: Namibia's ISO code "NA" must stay
"NA"), and nothing is interpreted: a formula or a template tag stays the text it is.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import itertools
import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from charset_normalizer import from_path

from circular.contacts.problems import Problem, ProblemKind

#: Bytes read at a time when hashing and checking the encoding.
_BLOCK = 1 << 20
#: How much decoded text is used to find the header and the delimiter.
_SAMPLE = 1 << 16
#: Records per pandas chunk.
CHUNK_ROWS = 5000
#: Candidate delimiters, in order of preference when they tie.
DELIMITERS = (",", ";", "\t")

_SIGNATURES = {
    b"PK\x03\x04": "an Excel workbook (.xlsx) or another zip archive",
    b"\xd0\xcf\x11\xe0": "an old Excel workbook (.xls) or another Office document",
    b"%PDF": "a PDF document",
}
_SAVE_AS = "save it from Excel with 'Save As' → 'CSV UTF-8 (comma delimited)' and drop it again"

#: The code pages charset-normalizer chooses among for a file that is not UTF-8 or UTF-16:
#: those Windows and Mac Excel write text in for the six UN languages (plus Japanese and
#: Korean names). Central European cp1250 is left out on purpose: it reads every Western file
#: as well as cp1252 does ("Ministčre" against "Ministère"), so it would make each one ambiguous.
CODE_PAGES = (
    "cp1252",
    "latin_1",
    "mac_roman",
    "cp1251",
    "koi8_r",
    "mac_cyrillic",
    "cp1256",
    "iso8859_6",
    "gb18030",
    "big5",
    "cp932",
    "euc_jp",
    "cp949",
)
#: Two candidates whose "mess" (charset-normalizer's chaos) differs by no more than this are
#: equally likely: if they read the file differently, the file is ambiguous and refused.
_TIE = 0.01


class UnreadableFile(Exception):
    """The file cannot be read as contact CSV; ``problem`` says why."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


@dataclass(frozen=True)
class FileFingerprint:
    """The file's identity (sha256, size) and the text encoding it was found to use."""

    sha256: str
    size: int
    encoding: str | None
    problem: Problem | None = None
    #: How the encoding was found and how sure that is, for the report ("UTF-8", "cp1251,
    #: detected by charset-normalizer: 0.0% mess, next candidate mac_cyrillic 1.7% mess").
    detection: str = ""


@dataclass(frozen=True)
class CsvFormat:
    """How to read a file's records: its encoding, delimiter and header cells."""

    encoding: str
    delimiter: str
    header: tuple[str, ...]


def fingerprint(path: Path, *, text: bool = True) -> FileFingerprint:
    """Hash ``path`` and find its encoding, streaming (bounded memory).

    The encoding is ``None`` (with a problem) when the file is empty, binary, or text in none
    of the encodings Excel and spreadsheets write. With ``text=False`` (a workbook) the file
    is only hashed."""
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as stream:
        first = stream.read(_BLOCK)
        encoding, problem = _encoding_from_start(first) if text else (None, None)
        error = None
        decoder = codecs.getincrementaldecoder(encoding or "utf-8")("strict")
        block = first
        while block:
            digest.update(block)
            if encoding and error is None:
                error = _check_block(decoder, block, size, encoding)
            size += len(block)
            block = stream.read(_BLOCK)
        if encoding and error is None:
            error = _check_block(decoder, b"", size, encoding, final=True)
    detection = _DETECTIONS.get(encoding or "", "")
    if size == 0:
        problem = Problem(ProblemKind.EMPTY_FILE, "the file has no content (0 bytes)")
    elif error is not None and encoding == "utf-8" and "NUL" not in error:
        # Not UTF-8: Excel's "CSV (comma delimited)" is written in the Windows code page of
        # the sender's language, which only the bytes can tell.
        encoding, detection, problem = detect_code_page(path)
        error = None
    if problem is None and error is not None:
        problem = Problem(ProblemKind.UNREADABLE_ENCODING, error)
    digest_hex = digest.hexdigest()
    return FileFingerprint(digest_hex, size, None if problem else encoding, problem, detection)


_DETECTIONS = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 (with byte-order mark)",
    "utf-16": "UTF-16 (with byte-order mark)",
}


def detect_code_page(path: Path) -> tuple[str | None, str, Problem | None]:
    """The code page of a file that is not UTF-8, found by charset-normalizer among
    ``CODE_PAGES``: (encoding, how sure, None), or (None, what was tried, the problem).

    When the best candidates are equally likely but read the letters differently ("Сергей"
    in cp1251 is "رهًمهé" in cp1256), guessing would put wrong names into letters: refused."""
    results = list(from_path(path, cp_isolation=list(CODE_PAGES)))
    if not results:
        detail = (
            "the file is neither UTF-8 nor UTF-16, and no code page Excel writes "
            f"({', '.join(CODE_PAGES)}) reads it as text; {_SAVE_AS}"
        )
        return None, "unknown", Problem(ProblemKind.UNREADABLE_ENCODING, detail)
    best, text = results[0], str(results[0])
    rivals = [r for r in results[1:] if r.chaos <= best.chaos + _TIE and str(r) != text]
    if rivals:
        names = [best.encoding, *(r.encoding for r in rivals)]
        more = f" (or {len(names) - 3} more)" if len(names) > 3 else ""
        which = f"{', '.join(names[:3][:-1])} or {names[:3][-1]}{more}"
        shown = _first_difference(text, str(rivals[0]))
        detail = (
            f"the file is not UTF-8 and its code page cannot be told for sure: "
            f"{which}? They read the same bytes as different letters "
            f"({best.encoding}: {shown[0]!r}, {rivals[0].encoding}: {shown[1]!r}); {_SAVE_AS}"
        )
        tried = f"{which}? (charset-normalizer found them equally likely)"
        return None, tried, Problem(ProblemKind.UNREADABLE_ENCODING, detail)
    runner_up = next((r for r in results[1:] if str(r) != text), None)
    how_sure = f"{best.encoding}, detected by charset-normalizer: {best.chaos:.1%} mess"
    if runner_up is not None:
        how_sure += f", next candidate {runner_up.encoding} {runner_up.chaos:.1%} mess"
    else:
        how_sure += ", no other code page reads it differently"
    return best.encoding, how_sure, None


def _first_difference(one: str, other: str) -> tuple[str, str]:
    """The first line where two readings of a file differ, cut to what a report can show."""
    for left, right in zip(one.splitlines(), other.splitlines(), strict=False):
        if left != right:
            return left[:60], right[:60]
    return one[:60], other[:60]


def _encoding_from_start(first: bytes) -> tuple[str | None, Problem | None]:
    """The encoding a byte-order mark announces, "utf-8" to try first, or a binary format."""
    if first.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", None
    if first.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", None
    for signature, what in _SIGNATURES.items():
        if first.startswith(signature):
            rename = (
                "a workbook is read when its name ends in .xlsx, .xls or .ods: rename it, or "
                if "workbook" in what
                else ""
            )
            detail = f"this is {what}, not CSV text; {rename}{_SAVE_AS}"
            return None, Problem(ProblemKind.UNREADABLE_ENCODING, detail)
    return "utf-8", None


def _check_block(
    decoder: codecs.IncrementalDecoder,
    block: bytes,
    offset: int,
    encoding: str,
    *,
    final: bool = False,
) -> str | None:
    """Decode one block strictly; the reason it is not text in ``encoding``, or None."""
    if b"\x00" in block and not encoding.startswith("utf-16"):
        return (
            "the file contains NUL bytes: it is binary, or UTF-16 text without its "
            f"byte-order mark; {_SAVE_AS}"
        )
    try:
        text = decoder.decode(block, final=final)
    except UnicodeDecodeError as error:
        byte = error.object[error.start : error.start + 1].hex()
        where = f"byte 0x{byte} near byte offset {offset + error.start}" if byte else "the end"
        return f"{where} is not valid {_NAMES.get(encoding, encoding)}: {_SAVE_AS}"
    if "\x00" in text:
        # UTF-16 text holding a NUL character: no contact value has one, and PostgreSQL cannot
        # store it, so the file is refused on every database alike.
        return f"the file contains NUL characters: it is binary data saved as text; {_SAVE_AS}"
    return None


_NAMES = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8", "utf-16": "UTF-16"}


def sniff_format(path: Path, encoding: str) -> CsvFormat:
    """The delimiter and header of a file already known to be text in ``encoding``.

    The delimiter is the candidate that splits the header into the most cells (a header
    rarely holds a delimiter, while values such as "Ministry of Foreign Affairs, Trade and
    Development" often hold a comma). Raises UnreadableFile when there is nothing but blanks.
    """
    with path.open("r", encoding=encoding, newline="") as stream:
        sample = stream.read(_SAMPLE)
    if not sample.strip():
        raise UnreadableFile(
            Problem(ProblemKind.EMPTY_FILE, "the file holds only blank lines or spaces")
        )
    best: tuple[str, ...] = ()
    chosen = DELIMITERS[0]
    for delimiter in DELIMITERS:
        # newline="": a lone CR ends a line, as it does for pandas (else csv raises on it).
        lines = io.StringIO(sample, newline="")
        try:
            header = tuple(next(csv.reader(lines, delimiter=delimiter), []))
        except csv.Error as error:
            problem = Problem(ProblemKind.MALFORMED_ROW, f"the header cannot be read: {error}", 1)
            raise UnreadableFile(problem) from None
        if len(header) > len(best):
            best, chosen = header, delimiter
    return CsvFormat(encoding, chosen, best)


_PANDAS_LINE = re.compile(r"Expected (\d+) fields in line (\d+), saw (\d+)")


def read_records(path: Path, form: CsvFormat) -> Iterator[tuple[int, list[str]]]:
    """The data records of ``path`` as (spreadsheet row number, cells), read in chunks.

    Blank records are skipped but still counted, so row numbers match what a spreadsheet
    shows. A record with more cells than the header raises UnreadableFile naming its row.
    """
    reader = pd.read_csv(
        path,
        sep=form.delimiter,
        encoding=form.encoding,
        dtype=str,
        keep_default_na=False,
        na_filter=False,
        skip_blank_lines=False,
        header=0,
        index_col=False,
        chunksize=CHUNK_ROWS,
        engine="c",
    )
    try:
        with reader:
            chunks = iter(reader)
            with warnings.catch_warnings():
                # When the first record is the one longer than the header, pandas only warns
                # and drops its extra cells: data lost, so it is refused like any other.
                warnings.simplefilter("error", pd.errors.ParserWarning)
                first = next(chunks, None)
            for chunk in itertools.chain([] if first is None else [first], chunks):
                rows = chunk.itertuples(index=False, name=None)
                for index, cells in zip(chunk.index, rows, strict=True):
                    values = [str(cell) for cell in cells]
                    if any(value.strip() for value in values):
                        # Header is row 1, first record row 2.
                        yield int(index) + 2, values
    except pd.errors.ParserError as error:
        raise UnreadableFile(_malformed(str(error), form)) from None
    except pd.errors.ParserWarning:
        detail = (
            f"the first row after the header has more cells than the header's "
            f"{len(form.header)}: {_stray(form)}"
        )
        raise UnreadableFile(Problem(ProblemKind.MALFORMED_ROW, detail)) from None


def _stray(form: CsvFormat) -> str:
    separator = {",": "comma", ";": "semicolon", "\t": "tab"}[form.delimiter]
    return f"a stray {separator}, or text with a delimiter that is not in quotes"


def _malformed(message: str, form: CsvFormat) -> Problem:
    """A pandas tokenizer error as a problem that names the spreadsheet row."""
    match = _PANDAS_LINE.search(message)
    if not match:
        return Problem(ProblemKind.MALFORMED_ROW, f"the CSV cannot be parsed: {message}")
    expected, line, seen = (int(group) for group in match.groups())
    return Problem(
        ProblemKind.MALFORMED_ROW,
        f"{seen} cells but the header has {expected}: {_stray(form)}",
        row=line,
    )

"""Safety of rendered letters: clean values going in, safe names and whole files coming out.

Three guards, each small:

- ``sanitize_text`` / ``sanitize_context``: CSV values lose the characters that XML forbids and
  the layout characters docxtpl turns into Word structure (``\\a`` new paragraph, ``\\f`` page
  break, ``\\t`` tab, ``\\n`` line break), so a value can only ever be text in its own run.
- ``letter_filename``: output names come from validated ISO codes and languages, never from
  free text, so no value can choose where a file lands.
- ``validate_docx`` and ``write_atomically``: a letter is checked (zip, every XML part
  well-formed, reopens in python-docx) before it is written, and it is written under a
  temporary name in the same folder, then renamed, so a reader never sees half a file.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import secrets
import zipfile
import zlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from xml.parsers import expat

from lxml import etree

# XML 1.0 allows TAB, LF, CR and everything from U+0020 except surrogates, U+FFFE and U+FFFF.
# C1 controls (U+007F-U+009F) are legal XML but invisible and never meant in a name or a
# ministry, so they go too.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
# Line and paragraph separators: a value is one line of the letter, so each break (CR LF
# counted once) becomes a single space rather than gluing two words together.
_BREAKS = re.compile("\r\n|[\r\n\t\x85\u2028\u2029]")
#: Any character either of them changes: most values have none and are kept as they are, one
#: search instead of two substitutions (a letter's context has some 50 strings; issue 20).
_UNCLEAN = re.compile("[" + _ILLEGAL.pattern[1:-1] + "\r\n\t\x85\u2028\u2029]")

_ISO3 = re.compile(r"^[A-Z]{3}$")
_LANGUAGE = re.compile(r"^[a-z]{2}$")


class UnsafeNameError(ValueError):
    """A letter's file name would be built from something that is not a valid code."""


class InvalidDocxError(ValueError):
    """A rendered letter is not a sound DOCX; the message names the letter and the part."""


def sanitize_text(value: str) -> str:
    """``value`` with XML-illegal and layout characters removed; line breaks become spaces."""
    if _UNCLEAN.search(value) is None:
        return value
    return _ILLEGAL.sub("", _BREAKS.sub(" ", value))


def sanitize_context(value: Any) -> Any:
    """A copy of a template context with every string sanitised (see ``sanitize_text``).

    Mappings, lists and tuples are walked; other values (dates, numbers) pass unchanged.
    A ``str`` subclass such as ``markupsafe.Markup`` becomes a plain ``str`` on purpose:
    nothing in a context may bypass autoescaping and inject WordprocessingML.
    """
    if isinstance(value, str):
        return sanitize_text(str(value))
    if isinstance(value, Mapping):
        return {str(key): sanitize_context(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [sanitize_context(item) for item in value]
    return value


def letter_filename(iso3: str, language: str, number: int | None = None) -> str:
    """The file name of a letter: ``<ISO3>.<lang>.docx``, or ``<ISO3>.<n>.<lang>.docx`` when a
    campaign allows several contacts per country (``number`` is the contact's ledger id).

    Only validated codes go into the name; anything else raises ``UnsafeNameError``."""
    if not isinstance(iso3, str) or not _ISO3.fullmatch(iso3):
        raise UnsafeNameError(f"country code {iso3!r} is not an ISO 3166 alpha-3 code")
    if not isinstance(language, str) or not _LANGUAGE.fullmatch(language):
        raise UnsafeNameError(f"language {language!r} is not a two-letter language code")
    if number is None:
        return f"{iso3}.{language}.docx"
    if not isinstance(number, int) or isinstance(number, bool) or number < 0:
        raise UnsafeNameError(f"contact number {number!r} is not a non-negative integer")
    return f"{iso3}.{number}.{language}.docx"


def safe_output_path(out_dir: Path, filename: str) -> Path:
    """``out_dir / filename``, refusing any name that would leave ``out_dir``."""
    if filename != Path(filename).name or filename in {"", ".", ".."}:
        raise UnsafeNameError(f"file name {filename!r} is not a plain file name")
    return out_dir / filename


def _secure_parser() -> etree.XMLParser:
    # No entities, no network, no DTD: a rendered part is checked, never trusted.
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def docx_parts(data: bytes) -> dict[str, bytes]:
    """Every part of a DOCX package by name (for ``validate_docx``'s ``known_good``)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {part: archive.read(part) for part in archive.namelist()}


def validate_docx(
    data: bytes,
    name: str,
    known_good: Mapping[str, bytes] | None = None,
    opened: set[str] | None = None,
    *,
    known_crcs: Mapping[str, tuple[int, int]] | None = None,
) -> None:
    """Check that ``data`` is a sound DOCX: a readable zip whose CRCs match, every XML part
    well-formed, and a package python-docx opens. Raise ``InvalidDocxError`` naming ``name``
    and the part at fault otherwise.

    ``known_good`` maps part names to bytes already found well-formed (the template's own
    parts): a letter part identical to one of them is not parsed again, because most of a
    letter (styles, theme, fonts) is copied from its template unchanged. ``known_crcs``
    says the same by CRC-32 and size, for a caller that has them already (the fast path
    compared those members with the template's bytes when it prepared it).

    ``opened`` collects the package structures (part names, content types and every
    relationship part, byte for byte) python-docx has opened: a letter whose structure is one
    of them, and whose every part was just found sound, would open the same way, so it is not
    opened again. What python-docx reads beyond that is the XML just parsed."""
    from docx import Document

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as error:
        raise InvalidDocxError(f"{name}: not a zip archive ({error})") from None
    known = known_good or {}
    parser = _secure_parser()
    # A member whose CRC and size are those of the known-good part with its name is that part
    # (the fast path copies unchanged members as they are): it is neither inflated nor parsed.
    known_crc = known_crcs if known_crcs is not None else _crcs(known)
    structure = hashlib.sha256()
    with archive:
        infos = archive.infolist()
        if "[Content_Types].xml" not in {info.filename for info in infos}:
            raise InvalidDocxError(f"{name}: [Content_Types].xml is missing")
        for info in infos:
            part = info.filename
            structure.update(part.encode() + b"\0")
            if part == "[Content_Types].xml" or part.endswith(".rels"):
                structure.update(f"{info.CRC}:{info.file_size}\0".encode())
            if known_crc.get(part) == (info.CRC, info.file_size):
                continue
            try:
                # Reading a member to its end checks its CRC.
                content = archive.read(info)
            except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as error:
                raise InvalidDocxError(f"{name}: part {part} is corrupt ({error})") from None
            if not part.endswith((".xml", ".rels")):
                continue
            try:
                etree.fromstring(content, parser)
            except etree.XMLSyntaxError as error:
                raise InvalidDocxError(
                    f"{name}: part {part} is not well-formed XML: {error}"
                ) from None
    digest = structure.hexdigest()
    if opened is not None and digest in opened:
        return
    try:
        Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises many kinds; all mean "not a DOCX"
        raise InvalidDocxError(f"{name}: python-docx cannot open it: {error}") from None
    if opened is not None:
        opened.add(digest)


_CRC_CACHE: dict[int, tuple[Mapping[str, bytes], dict[str, tuple[int, int]]]] = {}


def _crcs(parts: Mapping[str, bytes]) -> dict[str, tuple[int, int]]:
    """CRC-32 and size of each part, computed once per mapping (a template's parts are
    validated against thousands of letters)."""
    cached = _CRC_CACHE.get(id(parts))
    if cached is not None and cached[0] is parts:
        return cached[1]
    crcs = {part: (zlib.crc32(content), len(content)) for part, content in parts.items()}
    if len(_CRC_CACHE) > 64:
        _CRC_CACHE.clear()
    _CRC_CACHE[id(parts)] = (parts, crcs)  # holding ``parts`` keeps its id from being reused
    return crcs


def check_well_formed(
    parts: Mapping[str, bytes], name: str, checked: dict[str, bytes] | None = None
) -> None:
    """Check that each XML part of ``parts`` is well-formed, with a streaming parse (expat:
    no tree is built), raising ``InvalidDocxError`` naming ``name`` and the part. A part
    with a document type declaration is refused: a rendered part never has one, and none may
    bring entities in.

    This is the per-letter check of the fast path, which knows which parts a letter changed
    (``PreparedTemplate.render_parts``): every other member is the template's own, copied as
    stored, and the template was checked whole (``validate_docx``).

    ``checked``: the last part of each name found well-formed, kept by the caller; a part
    that is that very bytes object (immutable, and held there so its id is not reused) is
    not parsed again: the core properties part is one object for every letter whose
    properties render the same (``PreparedTemplate``), a tenth of the check (issue 20)."""
    for part, content in parts.items():
        if not part.endswith((".xml", ".rels")):
            continue
        if checked is not None and checked.get(part) is content:
            continue
        parser = expat.ParserCreate()
        parser.StartDoctypeDeclHandler = _refuse_doctype
        try:
            parser.Parse(content, True)
        except (expat.ExpatError, InvalidDocxError) as error:
            raise InvalidDocxError(f"{name}: part {part} is not well-formed XML: {error}") from None
        if checked is not None:
            checked[part] = content


def _refuse_doctype(*_: object) -> None:
    raise InvalidDocxError("a document type declaration")


def write_atomically(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename, so
    ``path`` holds either the old file or the whole new one, never a part. The file is
    readable by its owner only (letters hold personal links), as ``tempfile`` makes them.

    ``durable=False`` leaves out the file's fsync: a process killed after the rename leaves
    the whole file, but a machine that loses power may leave it torn. Callers that write many
    files that way fsync their folder once (``sync_folder``) and keep each file's sha256
    somewhere durable, to tell a torn file from a whole one.

    Plain ``os`` calls rather than ``tempfile.NamedTemporaryFile``: a letter is written in
    a fraction of a millisecond, and the file object, its buffer and the folder check (one
    ``mkdir`` attempt per letter) cost a third more (issue 20)."""
    try:
        descriptor, temporary = _create_beside(path)
    except FileNotFoundError:  # the folder is made once, by the first letter
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = _create_beside(path)
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(descriptor, view) :]
            if durable:
                os.fsync(descriptor)
        finally:
            os.close(descriptor)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def write_letter(path: Path, data: bytes) -> None:
    """Write a rendered letter to ``path`` without an fsync: a new name is written in place,
    an existing letter is replaced whole (``write_atomically``).

    A new file needs no temporary name and rename: a process killed while writing it leaves
    a torn file whose sha256 no ledger record holds (the ledger records a letter's sha256
    only after its folder is synced, see ``circular.letters.render``), so it is rendered
    again and never sent (``circular.sending.outgoing`` checks the sha256); a write that
    fails (disk full) removes it. A letter already there may be recorded and sendable: it
    stays whole until the new one replaces it. The temporary name and rename cost about a
    third of writing a new letter (0.058 against 0.038 ms a file on this machine's ext4,
    issue 20)."""
    try:
        descriptor = os.open(path, _NEW_FILE | getattr(os, "O_NOFOLLOW", 0), 0o600)
    except FileExistsError:
        write_atomically(path, data, durable=False)
        return
    except FileNotFoundError:  # the folder is made once, by the first letter
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, _NEW_FILE | getattr(os, "O_NOFOLLOW", 0), 0o600)
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(descriptor, view) :]
        finally:
            os.close(descriptor)
    except BaseException:
        path.unlink(missing_ok=True)  # this call made it (O_EXCL): no letter is half written
        raise


_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)


def _create_beside(path: Path) -> tuple[int, Path]:
    """A new file of this process beside ``path`` (O_EXCL: never one another writer holds),
    open for writing, mode 0600; and its name."""
    for _ in range(100):
        temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.part")
        try:
            return os.open(temporary, _NEW_FILE, 0o600), temporary
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name beside {path}")


def sync_folder(folder: Path) -> None:
    """fsync ``folder`` itself, making the names renamed into it durable (once per batch of
    letters written with ``write_atomically(durable=False)``)."""
    descriptor = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)

"""A content-addressed cache of prepared letter templates (issue 20).

Preparing a template (``render.LetterTemplate``: python-docx opening the package, docxtpl's
``patch_xml``, Jinja parsing the parts, generating and compiling their Python code, the
package's members saved and compared with the template's, the fields read) depends only on
the template's bytes, the campaign's signature image and the engine's code. Its outcome is
kept here the way Jinja's own ``BytecodeCache`` keeps compiled templates (``jinja2.bccache``):
``marshal`` of plain values and code objects, in a file named by a checksum of what it was
made from, so that every later run of the same template (a campaign rendered in batches, a
re-render after a contact file was edited, the next ``circular render``) skips that work.

Never a wrong letter: the key is the sha256 of the template's bytes, the signature's sha256
and ``version``, which names the engine's code (a digest of every module of
``circular.letters``), docxtpl, python-docx, lxml, Jinja, Python and the marshal format;
a template edited in Word has new bytes, so a new key. An entry that cannot be read, does not
match its own sha256 (truncated, corrupt), or names another version or key is a miss, and is
written again: to a temporary file first, then renamed over the old one (``os.replace``), so
a reader never sees half an entry. A cache that cannot be written (a read-only folder) only
costs the next run the preparation.

An entry holds Python code the renderer runs, so, like Python's own ``__pycache__``, the
folder must be as trusted as the code: it is made readable by its owner alone, and an entry
that is not a regular file of this user, or that others may write, is a miss.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import marshal
import os
import stat
import sys
import tempfile
from pathlib import Path
from typing import Any

import docx
import jinja2
import lxml.etree

__all__ = ["TemplateCache", "cache_version"]

#: The layout of an entry: bumped when what an entry holds changes shape.
ENTRY_FORMAT = "circular-template-cache-1"
_MAGIC = b"CTC1"
#: Entries kept: each run of an edited template adds one (a few hundred KB at most); the
#: least recently written go first.
KEPT_ENTRIES = 64


@functools.cache
def _engine_digest() -> str:
    """A digest of every module of ``circular.letters``: the code that prepares and renders a
    template. Any change to it, even one that forgets ``RENDERER_VERSION``, is a new key."""
    digest = hashlib.sha256()
    folder = Path(__file__).resolve().parent
    for module in sorted(folder.glob("*.py")):
        digest.update(module.name.encode("utf-8") + b"\0" + module.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def cache_version(renderer: str) -> str:
    """The version tag of entries made by this engine (``renderer``: ``RENDERER_VERSION``)."""
    return "/".join(
        (
            ENTRY_FORMAT,
            renderer,
            f"engine-{_engine_digest()}",
            f"python-docx-{docx.__version__}",  # type: ignore[attr-defined]
            f"lxml-{lxml.etree.__version__}",
            f"jinja2-{jinja2.__version__}",
            f"python-{sys.version_info[0]}.{sys.version_info[1]}",
            f"marshal-{marshal.version}",
        )
    )


def _trusted(status: os.stat_result) -> bool:
    """Whether an entry may be read: a regular file of this user, that no one else may write
    (its code is run by the renderer). Where there are no user ids (Windows), any file."""
    getuid = getattr(os, "getuid", None)
    if getuid is None:
        return True
    return (
        stat.S_ISREG(status.st_mode)
        and status.st_uid == getuid()
        and not (status.st_mode & (stat.S_IWGRP | stat.S_IWOTH))
    )


class TemplateCache:
    """Prepared templates kept in ``folder``, one file an entry, for entries of ``version``."""

    def __init__(self, folder: Path, version: str) -> None:
        self.folder = Path(folder)
        self.version = version

    def key(self, *parts: str) -> str:
        """The entry's name for what it is made from (the template's and the signature's
        sha256), and the version."""
        digest = hashlib.sha256(self.version.encode("utf-8"))
        for part in parts:
            digest.update(b"\0" + part.encode("utf-8"))
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}.prepared"

    def load(self, key: str) -> Any | None:
        """The value stored under ``key``, or None for a miss (none, unreadable, corrupt,
        another version)."""
        try:
            with self._path(key).open("rb") as file:
                if not _trusted(os.fstat(file.fileno())):
                    return None
                data = file.read()
        except OSError:
            return None
        if not data.startswith(_MAGIC) or len(data) < len(_MAGIC) + 32:
            return None
        body = data[len(_MAGIC) + 32 :]
        if hashlib.sha256(body).digest() != data[len(_MAGIC) : len(_MAGIC) + 32]:
            return None
        try:
            # An entry holds code run as the renderer's: only this user's own files are read
            # (``_trusted``), as Python reads its own __pycache__.
            version, stored_key, value = marshal.loads(body)  # noqa: S302
        except (EOFError, ValueError, TypeError):
            return None
        if version != self.version or stored_key != key:
            return None
        return value

    def store(self, key: str, value: Any) -> None:
        """Keep ``value`` (plain values and code objects: what ``marshal`` writes) under
        ``key``, atomically; a failure to write is ignored (the cache only saves time)."""
        try:
            body = marshal.dumps((self.version, key, value))
        except ValueError:
            return  # something marshal cannot write: not cached
        data = _MAGIC + hashlib.sha256(body).digest() + body
        try:
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".entry-")
            try:
                with os.fdopen(handle, "wb") as file:
                    file.write(data)
                os.replace(temporary, self._path(key))
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
                raise
            self._prune()
        except OSError:
            return

    def _prune(self) -> None:
        entries = []
        for path in self.folder.glob("*.prepared"):
            with contextlib.suppress(OSError):
                entries.append((path.stat().st_mtime, path))
        entries.sort()
        for _, path in entries[: max(len(entries) - KEPT_ENTRIES, 0)]:
            with contextlib.suppress(OSError):
                path.unlink()

"""Looking for known passwords, OAuth2 client secrets, access tokens and private keys
everywhere circular and Prefect leave traces.

A ``SecretScan`` knows the passwords in every form they could travel in (raw, base64 as SMTP
AUTH PLAIN/LOGIN and IMAP AUTHENTICATE send them, URL-encoded, the distinctive core alone) and
scans what it is given: text, bytes, files, folders. Containers are opened rather than grepped
as bytes, since a password inside them would not show in the raw bytes: ZIP files (DOCX, XLSX)
member by member, and mail (.eml, maildir files, what the SMTP server received) part by part,
decoded from base64 and quoted-printable. Every place scanned is counted, so the test (and
docs/reliability.md) can say how many were looked at.
"""

from __future__ import annotations

import base64
import email
import email.policy
import io
import os
import sqlite3
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from email.message import Message
from pathlib import Path
from urllib.parse import quote, quote_plus


def secret_forms(user: str, password: str) -> dict[str, bytes]:
    """Every form of ``password`` worth looking for, by name."""
    forms = {
        "raw": password,
        "url-encoded": quote(password, safe=""),
        "form-encoded": quote_plus(password),
        # The distinctive middle alone: catches a password half-escaped or cut at its ends.
        "core": password[2:-2],
    }
    found = {name: value.encode() for name, value in forms.items()}
    b64 = base64.b64encode
    found["base64"] = b64(password.encode())  # AUTH LOGIN sends the password alone
    found["base64 PLAIN"] = b64(f"\0{user}\0{password}".encode())  # AUTH PLAIN, IMAP PLAIN
    found["base64 PLAIN authzid"] = b64(f"{user}\0{user}\0{password}".encode())
    found["utf-16"] = password.encode("utf-16-le")
    return found


def token_forms(user: str, token: str) -> dict[str, bytes]:
    """Every form of an OAuth2 access token worth looking for: raw, its core, and the SASL
    XOAUTH2 string SMTP AUTH and IMAP AUTHENTICATE send (base64)."""
    xoauth2 = f"user={user}\x01auth=Bearer {token}\x01\x01".encode()
    return {
        "raw": token.encode(),
        "core": token[4:-4].encode(),
        "url-encoded": quote(token, safe="").encode(),
        "base64 XOAUTH2": base64.b64encode(xoauth2),
    }


def private_key_forms(pem: str) -> dict[str, bytes]:
    """A PEM private key: each of its base64 lines stands for the whole (one is enough to
    know a key leaked), and the JSON-escaped form a key file holds."""
    lines = [line for line in pem.splitlines() if line and not line.startswith("-----")]
    forms = {f"PEM line {number}": line.encode() for number, line in enumerate(lines[1:4], 1)}
    forms["JSON-escaped"] = pem.replace("\n", "\\n")[40:120].encode()
    return forms


@dataclass
class Leak:
    """One password found: which one, in which form, where, and the text around it."""

    secret: str
    form: str
    place: str
    context: str


@dataclass
class SecretScan:
    """Scans places for the passwords; ``leaks`` lists what was found, ``places`` what was
    looked at."""

    secrets: dict[str, dict[str, bytes]] = field(default_factory=dict)
    places: list[str] = field(default_factory=list)
    leaks: list[Leak] = field(default_factory=list)

    def add_secret(self, name: str, user: str, password: str) -> None:
        """Look for ``password`` (of ``user``) from now on."""
        self.secrets[name] = secret_forms(user, password)

    def add_token(self, name: str, user: str, token: str) -> None:
        """Look for an OAuth2 access token (used by ``user``) from now on."""
        self.secrets[name] = token_forms(user, token)

    def add_private_key(self, name: str, pem: str) -> None:
        """Look for a private key (a service account's, a certificate's) from now on."""
        self.secrets[name] = private_key_forms(pem)

    # -- scanning ----------------------------------------------------------------------------

    def text(self, place: str, value: str | bytes) -> None:
        """Scan one string or byte string."""
        data = value.encode("utf-8", "surrogateescape") if isinstance(value, str) else value
        self.places.append(place)
        for secret, forms in self.secrets.items():
            for form, needle in forms.items():
                at = data.find(needle)
                if at >= 0:
                    around = data[max(0, at - 80) : at + len(needle) + 80]
                    self.leaks.append(Leak(secret, form, place, around.decode("utf-8", "replace")))

    def blob(self, place: str, data: bytes, *, mail: bool = False) -> None:
        """Scan bytes, opening a ZIP or (with ``mail``, or an .eml name) a mail message."""
        self.text(place, data)
        if data[:4] == b"PK\x03\x04":
            self._zip(place, data)
        elif mail or place.endswith(".eml"):
            self.mail(place, data)

    def _zip(self, place: str, data: bytes) -> None:
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
        except zipfile.BadZipFile:
            return
        with archive:
            for info in archive.infolist():
                self.blob(f"{place}!{info.filename}", archive.read(info))

    def mail(self, place: str, data: bytes) -> None:
        """Scan a mail message's headers (decoded) and every part's decoded content."""
        message = email.message_from_bytes(data, policy=email.policy.default)
        self._message(place, message)

    def _message(self, place: str, message: Message) -> None:
        headers = "\n".join(f"{name}: {value}" for name, value in message.items())
        self.text(f"{place} (headers)", headers)
        for number, part in enumerate(message.walk()):
            if part.is_multipart():
                continue
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes):
                self.blob(f"{place} (part {number})", payload)

    def file(self, path: Path, *, mail: bool = False) -> None:
        """Scan one file (a SQLite database also table by table)."""
        data = path.read_bytes()
        self.blob(str(path), data, mail=mail)
        if data[:16] == b"SQLite format 3\x00":
            self.sqlite(path)

    def tree(self, root: Path, *, mail: bool = False, skip: Iterable[Path] = ()) -> None:
        """Scan every file under ``root`` (except under ``skip``)."""
        skipped = [Path(s) for s in skip]
        for folder, _dirs, files in os.walk(root):
            for name in files:
                path = Path(folder) / name
                if any(path.is_relative_to(s) for s in skipped) or not path.is_file():
                    continue
                self.file(path, mail=mail)

    def sqlite(self, path: Path) -> None:
        """Every row of every table, every column, as text (a second look besides the bytes:
        a value split over pages would escape the raw grep)."""
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            tables = [
                row[0]
                for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
            ]
            for table in tables:
                rows = connection.execute(f'SELECT * FROM "{table}"').fetchall()
                for number, row in enumerate(rows):
                    self.text(f"{path}:{table}[{number}]", repr(row))
                    for value in row:
                        if isinstance(value, bytes):
                            self.blob(f"{path}:{table}[{number}] (blob)", value)
        finally:
            connection.close()

    # -- the verdict -------------------------------------------------------------------------

    def report(self) -> str:
        """What was found, for an assertion message."""
        return "\n".join(
            f"{leak.secret} ({leak.form}) in {leak.place}: …{leak.context}…" for leak in self.leaks
        )

"""Hostile and broken incoming mail for the reliability tests, built here (nothing is stored).

Every builder returns the raw bytes of one message that replies to a letter (``In-Reply-To``
its Message-ID), so that what decides its fate is the hostile content, not a missing match.
"""

from __future__ import annotations

import base64
import hashlib
import io
import re
import zipfile
from email import message_from_bytes
from email.policy import compat32
from pathlib import Path

CORPUS = Path(__file__).parents[1] / "data" / "replies"
CRLF = b"\r\n"


def headers(
    letter_id: str,
    *,
    sender: str | None = "ministre@gouv.example",
    subject: str = "Re: CL-21/4",
    message_id: str | None = None,
    extra: str = "",
) -> bytes:
    """The top header block (without the blank line), as ASCII/bytes."""
    lines = []
    if sender is not None:
        lines.append(f"From: {sender}")
    lines += [
        "To: circulars@secretariat.example.org",
        f"Subject: {subject}",
        "Date: Mon, 01 Mar 2021 10:00:00 +0100",
        f"Message-ID: {message_id or _default_id(subject)}",
        f"In-Reply-To: {letter_id}",
        f"References: {letter_id}",
        "MIME-Version: 1.0",
    ]
    if extra:
        lines.append(extra)
    return CRLF.join(line.encode("utf-8") for line in lines)


def plain(
    letter_id: str, text: str = "We are pleased to accept the invitation.", **kw: str
) -> bytes:
    """A plain, readable reply (used as the message after each hostile one)."""
    head = headers(letter_id, **kw)  # type: ignore[arg-type]
    body = text.encode("utf-8")
    return head + CRLF + b"Content-Type: text/plain; charset=utf-8" + CRLF * 2 + body + CRLF


def _multipart(letter_id: str, parts: list[bytes], *, close: bool = True, **kw: str) -> bytes:
    head = headers(letter_id, **kw)  # type: ignore[arg-type]
    out = [head, b'Content-Type: multipart/mixed; boundary="==hostile=="', b""]
    for part in parts:
        out += [b"--==hostile==", part]
    if close:
        out.append(b"--==hostile==--")
    return CRLF.join(out) + CRLF


def _attachment(name: str, ctype: str, data: bytes) -> bytes:
    encoded = base64.encodebytes(data).replace(b"\n", CRLF)
    return CRLF.join(
        [
            f"Content-Type: {ctype}; name={name}".encode(),
            f"Content-Disposition: attachment; filename={name}".encode(),
            b"Content-Transfer-Encoding: base64",
            b"",
            encoded,
        ]
    )


_TEXT_PART = b"Content-Type: text/plain; charset=utf-8" + CRLF * 2 + b"Please see the attached."


def truncated_mime(letter_id: str) -> bytes:
    """A multipart cut off in the middle of its base64 attachment (no closing boundary)."""
    whole = _multipart(
        letter_id,
        [_TEXT_PART, _attachment("reply.docx", "application/octet-stream", bytes(range(256)) * 40)],
        subject="Re: CL-21/4 (truncated)",
    )
    return whole[: len(whole) * 2 // 3]


def nested(letter_id: str, depth: int = 1000) -> bytes:
    """Multiparts nested ``depth`` deep around one line of text."""
    head = headers(letter_id, subject=f"Re: CL-21/4 (nested {depth})")
    opening = b"".join(
        b'Content-Type: multipart/mixed; boundary="b%d"\r\n\r\n--b%d\r\n' % (i, i)
        for i in range(depth)
    )
    text = b"Content-Type: text/plain\r\n\r\nWe accept.\r\n"
    closing = b"".join(b"\r\n--b%d--\r\n" % i for i in reversed(range(depth)))
    return head + CRLF + opening + text + closing


def large(letter_id: str, size: int = 50 * 1024 * 1024) -> bytes:
    """A reply of about ``size`` bytes: a line of text and a large base64 attachment."""
    raw_bytes = size * 3 // 4
    return _multipart(
        letter_id,
        [_TEXT_PART, _attachment("scan.tif", "image/tiff", b"\x49\x49\x2a\x00" * (raw_bytes // 4))],
        subject="Re: CL-21/4 (large)",
    )


def unknown_charset(letter_id: str) -> bytes:
    """Russian text in KOI8-R labelled with a charset no codec knows."""
    head = headers(letter_id, subject="Re: CL-21/4 (charset)")
    body = "Министр с удовольствием принимает приглашение.".encode("koi8-r")
    ctype = b'Content-Type: text/plain; charset="x-klingon-8"'
    return head + CRLF + ctype + CRLF + b"Content-Transfer-Encoding: 8bit" + CRLF * 2 + body + CRLF


def nul_headers(letter_id: str) -> bytes:
    """NUL bytes in the From, Subject and Message-ID headers."""
    head = headers(
        letter_id,
        sender="ministre@gouv.example\x00<evil@x.example>",
        subject="Re: CL-21/4 \x00 NUL",
        message_id="<nul\x00id@gouv.example>",
    )
    return head + CRLF + b"Content-Type: text/plain" + CRLF * 2 + b"We accept." + CRLF


def zip_bomb_docx(letter_id: str, inflated: int = 200 * 1024 * 1024) -> bytes:
    """A DOCX whose word/document.xml inflates to ``inflated`` bytes (about 0.1% of that on
    the wire)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            block = b" " * (1 << 20)
            for _ in range(inflated // len(block)):
                member.write(block)
    return _multipart(
        letter_id,
        [_TEXT_PART, _attachment("reply.docx", "application/octet-stream", buffer.getvalue())],
        subject="Re: CL-21/4 (zip bomb)",
    )


def _corpus_pdf() -> bytes:
    message = message_from_bytes(
        (CORPUS / "en_attach_pdf_decline.eml").read_bytes(), policy=compat32
    )
    for part in message.walk():
        if part.get_content_type() == "application/pdf":
            data = part.get_payload(decode=True)
            assert isinstance(data, bytes)
            return data
    raise AssertionError("the corpus PDF is gone")


def broken_pdf() -> bytes:
    """The corpus's declining PDF with its cross-reference table and trailer destroyed."""
    data = _corpus_pdf()
    data = re.sub(rb"startxref\s+\d+", b"startxref\n999999999", data)
    return re.sub(rb"xref\s+0 \d+", b"xref\n0 garbage", data)


def broken_xref_pdf(letter_id: str) -> bytes:
    """A reply whose only content is a PDF with a broken cross-reference table."""
    return _multipart(
        letter_id,
        [_TEXT_PART, _attachment("reply.pdf", "application/pdf", broken_pdf())],
        subject="Re: CL-21/4 (broken PDF)",
    )


def no_from(letter_id: str) -> bytes:
    """A reply without a From header."""
    return plain(letter_id, sender=None, subject="Re: CL-21/4 (no From)")  # type: ignore[arg-type]


def long_message_id(letter_id: str) -> bytes:
    """A Message-ID of 2,000 characters (folded by no one)."""
    return plain(letter_id, message_id="<" + "m" * 2000 + "@gouv.example>", subject="Re: long id")


def long_from(letter_id: str) -> bytes:
    """A From address of about 400 characters."""
    sender = "Ministre <" + "x" * 64 + "@" + ".".join(["sub" + "d" * 56] * 6) + ".example>"
    return plain(letter_id, sender=sender, subject="Re: CL-21/4 (long From)")


def _default_id(subject: str) -> str:
    return f"<hostile.{hashlib.sha256(subject.encode()).hexdigest()[:16]}@gouv.example>"

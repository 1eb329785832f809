"""The QR code of a contact's personal link, printed in the Word letter so that a letter read
on paper leads to the confirmation page too (issue 18).

A template shows it where it has the ``{{ reply_qr }}`` field; the code encodes the letter's
``reply_url`` (the personal link, or the campaign's public page for a letter rendered without
one, see ``circular.letters.context.docx_letter_context``). It is an image like the signature
and goes into the letter the same way (``circular.letters.signature.inline_image_xml``), but
it differs per letter: on the fast path the template is prepared with a placeholder image
whose bytes each letter replaces (``circular.letters.fastdocx``), so a letter costs one QR
code and one more zip member, not a package rebuilt by python-docx.

The code is made by ``segno`` (error correction M, which survives a fold or a smudge; mask
chosen by the standard's penalty rules), as a PNG of 4 pixels per module with the standard's
4-module quiet zone, printed ``SIZE`` square whatever the link's length.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cache

import segno
from docx.shared import Mm

#: The context field, and template tag, where the image goes.
QR_FIELD = "reply_qr"
#: The printed size (square): about 0.6 mm per module for a link of 60 characters.
SIZE = Mm(25)
#: Pixels per module in the PNG (about 170 dpi at ``SIZE``) and the quiet zone in modules.
SCALE = 4
BORDER = 4
#: Part of the renderer's identity: a new segno may draw the same link differently.
QR_VERSION = f"segno-{segno.__version__}"


@dataclass(frozen=True)
class QrImage:
    """A QR code as the letters place images (see ``signature.inline_image_xml``): its PNG
    bytes and its size in the letter (EMU)."""

    name: str
    data: bytes
    width: int = SIZE
    height: int = SIZE


def qr_image(url: str) -> QrImage:
    """The QR code of ``url``, made afresh (about a millisecond or a few: see bench/)."""
    buffer = io.BytesIO()
    segno.make(url, error="m", micro=False).save(buffer, kind="png", scale=SCALE, border=BORDER)
    return QrImage(name="reply-qr.png", data=buffer.getvalue())


@cache
def placeholder() -> QrImage:
    """The image a prepared template holds where each letter's own QR code goes. Its bytes
    are the template's own (no letter's link), so python-docx never merges it with another
    image of the package and every letter replaces only it."""
    image = qr_image("circular: the QR code of each letter's reply_url goes here")
    return QrImage(name="reply-qr-placeholder.png", data=image.data)

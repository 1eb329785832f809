"""The QR code of a contact's personal link, printed in the Word letter so that a letter read
on paper leads to the confirmation page too (issue 18).

A template shows it where it has the ``{{ reply_qr }}`` field; the code encodes the letter's
``reply_url`` (the personal link, or the campaign's public page for a letter rendered without
one, see ``circular.letters.context.docx_letter_context``). It is an image like the signature
and goes into the letter the same way (``circular.letters.signature.inline_image_xml``), but
it differs per letter: on the fast path the template is prepared with a placeholder image
whose bytes each letter replaces (``circular.letters.fastdocx``), so a letter costs one QR
code and one more zip member, not a package rebuilt by python-docx.

The code is made by zxing-cpp's writer (libzint's QR encoder, in C): error correction M, which
survives a fold or a smudge; the mask chosen among the eight by the standard's penalty rules
(ISO/IEC 18004, 7.8.3), as segno did before issue 20 in pure Python at 5-17 ms a letter, the
largest cost of a letter (measured side by side: ``python -m bench.qrcost``). The image, 4
pixels per module with the standard's 4-module quiet zone, is a 1-bit PNG written by Pillow,
printed ``SIZE`` square whatever the link's length.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cache
from importlib.metadata import version

import zxingcpp
from docx.shared import Mm
from PIL import Image

#: The context field, and template tag, where the image goes.
QR_FIELD = "reply_qr"
#: The printed size (square): about 0.6 mm per module for a link of 60 characters.
SIZE = Mm(25)
#: Pixels per module in the PNG (about 170 dpi at ``SIZE``); the quiet zone is the standard's
#: 4 modules (zxing-cpp adds it).
SCALE = 4
BORDER = 4
#: Part of the renderer's identity: a new encoder may draw the same link differently.
QR_VERSION = f"zxing-cpp-{version('zxing-cpp')}"


@dataclass(frozen=True)
class QrImage:
    """A QR code as the letters place images (see ``signature.inline_image_xml``): its PNG
    bytes and its size in the letter (EMU)."""

    name: str
    data: bytes
    width: int = SIZE
    height: int = SIZE


def qr_image(url: str) -> QrImage:
    """The QR code of ``url`` (a fraction of a millisecond: see ``python -m bench.qrcost``)."""
    code = zxingcpp.create_barcode(url, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    pixels = code.to_image(scale=SCALE, add_quiet_zones=True)  # 8-bit grey, 0 or 255
    height, width = pixels.shape
    image = Image.frombuffer("L", (width, height), pixels, "raw", "L", 0, 1)
    buffer = io.BytesIO()
    image.convert("1", dither=Image.Dither.NONE).save(buffer, format="PNG")
    return QrImage(name="reply-qr.png", data=buffer.getvalue())


@cache
def placeholder() -> QrImage:
    """The image a prepared template holds where each letter's own QR code goes. Its bytes
    are the template's own (no letter's link), so python-docx never merges it with another
    image of the package and every letter replaces only it."""
    image = qr_image("circular: the QR code of each letter's reply_url goes here")
    return QrImage(name="reply-qr-placeholder.png", data=image.data)

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
survives a fold or a smudge, and data mask ``MASK`` for every code. Choosing the mask among the
eight by the standard's penalty rules (ISO/IEC 18004, 7.8.3), as segno did before issue 20 in
pure Python at 5-17 ms a letter, is 80 % of the encoder's time (0.17 against 0.03 ms a code,
issue 20 round 4); any mask reads the same, the reader takes it from the code's format
information. Mask 2 was chosen by reading 300 personal links drawn with each mask back with
zxing-cpp and ZBar: every code of every mask reads whole and at half the pixels; at 1.5 pixels
a module (a stress no letter meets) mask 2 failed 54 of 300, the penalty-chosen masks 179, the
other fixed masks 166-276 (tests/letters/test_qr.py reads back the codes as they are drawn).
The image, 4 pixels per module with the standard's 4-module quiet zone, is a 1-bit greyscale
PNG printed ``SIZE`` square whatever the link's length.

The PNG is written here (``png_1bit``), not by Pillow: a QR code is the simplest image there
is (one bit a pixel, each module row repeated), and Pillow's image objects, mode conversion
and plug-in machinery cost twice zxing-cpp's encoder for it (0.14 of 0.29 ms a code, issue
20). The same pixels either way (tests/letters/test_qr.py decodes both with Pillow).
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass
from functools import cache
from importlib.metadata import version

import numpy as np
import zxingcpp
from docx.shared import Mm

from circular.letters.deflate import png_stream

#: The context field, and template tag, where the image goes.
QR_FIELD = "reply_qr"
#: The printed size (square): about 0.6 mm per module for a link of 60 characters.
SIZE = Mm(25)
#: Pixels per module in the PNG (about 170 dpi at ``SIZE``); the quiet zone is the standard's
#: 4 modules (zxing-cpp adds it).
SCALE = 4
BORDER = 4
_QR_CODE = zxingcpp.BarcodeFormat.QRCode
#: The data mask of every code (see above).
MASK = 2
#: Part of the renderer's identity: a new encoder may draw the same link differently.
QR_VERSION = f"zxing-cpp-{version('zxing-cpp')}/mask-{MASK}/png-3"


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
    code = zxingcpp.create_barcode(url, _QR_CODE, ec_level="M", data_mask=MASK)
    # One byte a module (0 dark, 255 light), quiet zone included; scaled up here, which
    # costs less than zxing-cpp drawing every pixel.
    modules = np.asarray(code.to_image(scale=1, add_quiet_zones=True))
    return QrImage(name="reply-qr.png", data=png_1bit(modules, SCALE))


def png_1bit(modules: np.ndarray, scale: int) -> bytes:
    """A 1-bit greyscale PNG of ``modules`` (a 2-D array of grey levels, 0 dark and 255
    light), each module ``scale`` pixels square: the pixels Pillow writes in mode "1",
    without its image objects. Rows are unfiltered (filter type 0) and deflated fast
    (``png_stream``): deflate finds the repeated rows itself, and zlib's level 6 took three
    times as long as its level 1 for 80 bytes less in a letter of 40 KB (issue 20). Each
    row of modules is packed once, then repeated ``scale`` times."""
    light = modules > 127
    height, width = light.shape[0] * scale, light.shape[1] * scale
    rows = np.packbits(light.repeat(scale, axis=1), axis=1)  # a set bit is a light pixel
    raw = np.zeros((light.shape[0], rows.shape[1] + 1), np.uint8)  # a filter byte (0) a row
    raw[:, 1:] = rows
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1 bit, greyscale
    return b"".join(
        (
            b"\x89PNG\r\n\x1a\n",
            _chunk(b"IHDR", header),
            _chunk(b"IDAT", png_stream(raw.repeat(scale, axis=0).tobytes())),
            _chunk(b"IEND", b""),
        )
    )


def _chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(kind + data)
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


@cache
def placeholder() -> QrImage:
    """The image a prepared template holds where each letter's own QR code goes. Its bytes
    are the template's own (no letter's link), so python-docx never merges it with another
    image of the package and every letter replaces only it."""
    image = qr_image("circular: the QR code of each letter's reply_url goes here")
    return QrImage(name="reply-qr-placeholder.png", data=image.data)

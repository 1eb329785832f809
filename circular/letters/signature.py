"""The signature image of a campaign (campaign.yaml ``signature:``), placed in every letter in
the paragraph above the signatory's name, the way secretariats sign circulars.

A template shows it where it has the ``{{ signature }}`` field (the letter context's
``signature`` is empty when the campaign has none, so a template may always carry the field).
The image is sized to fit ``MAX_WIDTH`` × ``MAX_HEIGHT``, keeping its proportions.
"""

from __future__ import annotations

import hashlib
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from docx.shared import Mm

#: The context field, and template tag, where the image goes.
SIGNATURE_FIELD = "signature"
#: The box a signature is fitted into: wide and low, like a pen signature.
MAX_WIDTH = Mm(50)
MAX_HEIGHT = Mm(20)

_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


class SignatureError(ValueError):
    """The signature image cannot be used; the message names the file."""


@dataclass(frozen=True)
class Signature:
    """A signature PNG read once: its bytes, hash and size in the letter (EMU)."""

    name: str
    data: bytes
    sha256: str
    width: int
    height: int

    @classmethod
    def read(cls, path: Path) -> Signature:
        """The PNG at ``path``, checked; SignatureError naming the file otherwise."""
        try:
            data = path.read_bytes()
        except OSError as error:
            raise SignatureError(
                f"signature image {path} cannot be read: {error.strerror or error}"
            ) from None
        # The PNG header: signature, then the IHDR chunk with width and height in pixels.
        if len(data) < 24 or not data.startswith(_PNG_MAGIC) or data[12:16] != b"IHDR":
            raise SignatureError(f"signature image {path} is not a PNG image")
        pixels_wide, pixels_high = struct.unpack(">II", data[16:24])
        if not pixels_wide or not pixels_high:
            raise SignatureError(f"signature image {path} has no pixels")
        scale = min(MAX_WIDTH / pixels_wide, MAX_HEIGHT / pixels_high)
        return cls(
            name=path.name,
            data=data,
            sha256=hashlib.sha256(data).hexdigest(),
            width=max(1, round(pixels_wide * scale)),
            height=max(1, round(pixels_high * scale)),
        )


def campaign_signature(campaign: object) -> Signature | None:
    """The signature of ``campaign`` (its ``signature_path``), or None when it has none."""
    path = getattr(campaign, "signature_path", None)
    return Signature.read(path) if path is not None else None


class PlacedImage(Protocol):
    """An image a letter places (the signature, the QR code): PNG bytes and size in EMU."""

    @property
    def data(self) -> bytes: ...
    @property
    def width(self) -> int: ...
    @property
    def height(self) -> int: ...


def inline_image_xml(part: object, image: PlacedImage) -> str:
    """What docxtpl's ``InlineImage`` writes in place of its tag, for ``image`` added to
    ``part`` (a python-docx story part): the text run closed, a run with the drawing, a text
    run opened again."""
    import io

    inline = part.new_pic_inline(  # type: ignore[attr-defined]
        io.BytesIO(image.data), image.width, image.height
    )
    return (
        f'</w:t></w:r><w:r><w:drawing>{inline.xml}</w:drawing></w:r><w:r><w:t xml:space="preserve">'
    )

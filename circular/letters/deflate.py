"""Deflate for the bytes each letter makes anew (its rendered parts, its QR code's PNG):
ISA-L's (the ``isal`` package), which deflates a letter's body in about half zlib's time at
the same size (issue 20, bench/results.md round 6).

The bytes differ from zlib's for the same input (both are valid deflate: every reader of a
DOCX or PNG inflates them alike), and may differ between ISA-L releases: ``DEFLATE_VERSION``
is part of the renderer's identity (``circular.letters.render.RENDERER_VERSION``), so a
letter made by another deflater is rendered again rather than taken as unchanged."""

from __future__ import annotations

from importlib.metadata import version

from isal import isal_zlib

#: Part of the renderer's identity: another ISA-L may deflate the same bytes differently.
DEFLATE_VERSION = f"isal-{version('isal')}"

#: ISA-L's level for a letter's rendered parts: 1 is zlib level 1's size (3,024 against
#: 3,038 bytes for the English body) in 0.017 against 0.031 ms; 0 is faster (0.010 ms) but
#: 12 % larger.
PART_LEVEL = 1
#: ISA-L's level for a QR code's rows (4 KB): 2 took 0.005-0.006 ms against zlib level 1's
#: 0.009-0.020 ms, 10 % smaller; ISA-L's level 1 was as fast once and 0.014 ms once.
PNG_LEVEL = 2


def deflate_part(data: bytes) -> bytes:
    """``data`` raw-deflated (no header), as a zip member's compressed bytes."""
    return isal_zlib.compress(data, PART_LEVEL, -15)


def png_stream(data: bytes) -> bytes:
    """``data`` as a zlib stream (header and Adler-32), as a PNG's IDAT holds it."""
    return isal_zlib.compress(data, PNG_LEVEL)

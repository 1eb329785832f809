"""What one letter's QR code costs, by way of drawing it (issue 20): the choice behind
``circular.letters.qr``, measured side by side on the same personal links.

- segno (pure Python), the mask chosen by the standard's penalty rules (ISO/IEC 18004 7.8.3):
  eight masks applied and scored per code, then its own PNG writer;
- segno with one fixed mask (any mask is valid; the search only optimises readability);
- zxing-cpp's writer (C++: libzint's encoder, which scores the eight masks by the same rules),
  its image drawn in C++ and made a PNG by Pillow (``circular.letters.qr`` before round 3 of
  issue 20);
- the same code, its PNG written from the module matrix by ``circular.letters.qr.png_1bit``
  (the same pixels; ``circular.letters.qr`` in round 3 of issue 20);
- zxing-cpp's writer with one fixed mask (``circular.letters.qr.MASK``), the PNG from its
  modules: what ``circular.letters.qr`` does (round 4).

    python -m bench.qrcost [LINKS]
"""

from __future__ import annotations

import hashlib
import io
import sys
from collections.abc import Callable

import numpy as np
import segno
import zxingcpp
from PIL import Image

from bench.harness import alternate, median
from circular.letters.qr import BORDER, SCALE, png_1bit, qr_image

SEGNO_AUTO = "segno, best of 8 masks (pure Python), segno's PNG"
SEGNO_FIXED = "segno, fixed mask 2 (pure Python), segno's PNG"
ZXING_PILLOW = "zxing-cpp (C++, best of 8 masks), Pillow's PNG"
ZXING_AUTO = "zxing-cpp (C++, best of 8 masks), PNG from its modules"
ZXING = "zxing-cpp (C++, fixed mask 2), PNG from its modules: circular.letters.qr"


def links(count: int) -> list[str]:
    """``count`` personal links like the ledger's (a 32-character token each)."""
    return [
        "https://confirm.example.org/r/" + hashlib.sha256(f"qr|{n}".encode()).hexdigest()[:32]
        for n in range(count)
    ]


def _segno(mask: int | None) -> Callable[[str], bytes]:
    def draw(url: str) -> bytes:
        buffer = io.BytesIO()
        code = segno.make(url, error="m", micro=False, mask=mask)
        code.save(buffer, kind="png", scale=SCALE, border=BORDER)
        return buffer.getvalue()

    return draw


def _zxing_pillow(url: str) -> bytes:
    code = zxingcpp.create_barcode(url, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    pixels = code.to_image(scale=SCALE, add_quiet_zones=True)
    height, width = pixels.shape
    image = Image.frombuffer("L", (width, height), pixels, "raw", "L", 0, 1)
    buffer = io.BytesIO()
    image.convert("1", dither=Image.Dither.NONE).save(buffer, format="PNG")
    return buffer.getvalue()


def _zxing_auto(url: str) -> bytes:
    code = zxingcpp.create_barcode(url, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    return png_1bit(np.asarray(code.to_image(scale=1, add_quiet_zones=True)), SCALE)


def costs(count: int, repetitions: int) -> dict[str, float]:
    """Median milliseconds per QR code (PNG bytes included) of each way, alternating."""
    urls = links(count)
    ways: dict[str, Callable[[str], bytes]] = {
        SEGNO_AUTO: _segno(None),
        SEGNO_FIXED: _segno(2),
        ZXING_PILLOW: _zxing_pillow,
        ZXING_AUTO: _zxing_auto,
        ZXING: lambda url: qr_image(url).data,
    }

    def contender(draw: Callable[[str], bytes]) -> Callable[[], None]:
        return lambda: [draw(url) for url in urls] and None

    times = alternate({name: contender(draw) for name, draw in ways.items()}, repetitions)
    return {name: median(seconds) / count * 1000 for name, seconds in times.items()}


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    for name, ms in costs(count, 3).items():
        print(f"{ms:6.3f} ms per QR code  {name}")


if __name__ == "__main__":
    main()

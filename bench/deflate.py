"""What deflating a letter's own bytes costs with each deflater: the rendered body of the
first English and Arabic CL-21/4 letters (raw deflate, as a zip member) and a QR code's PNG
rows (a zlib stream, as an IDAT), with zlib, ISA-L (``isal``, what the letters use: see
circular/letters/deflate.py) and, when installed, zlib-ng (``zlib-ng``, not a dependency).
Best of 9 x 300, ms, and the compressed size; every output inflates back to the input.

    python -m bench.deflate
"""

from __future__ import annotations

import timeit
import zlib
from collections.abc import Callable
from typing import Any

import numpy as np
import zxingcpp
from isal import isal_zlib

from bench.rendering import letter_context, workload
from circular.letters import render
from circular.letters.qr import _QR_CODE, MASK, SCALE


def deflaters() -> dict[str, Any]:
    found: dict[str, Any] = {"zlib": zlib, "isal": isal_zlib}
    try:
        from zlib_ng import zlib_ng

        found["zlib-ng"] = zlib_ng
    except ImportError:
        pass
    return found


def bodies() -> dict[str, bytes]:
    work = workload(12)
    found = {}
    for language in ("en", "ar"):
        template = render.LetterTemplate(work.templates[language], language)
        contact = next(c for c in work.contacts if c.language == language)
        context = render.sanitize_context(letter_context(work.campaign, contact, language))
        assert template._fast is not None
        parts = template._fast.render_parts(template._with_images(context)[0])
        found[f"body {language}"] = parts["word/document.xml"]
    return found


def qr_rows() -> bytes:
    """The rows ``qr.png_1bit`` deflates for a link of 62 characters."""
    url = "https://confirm.example.org/r/" + "x" * 32
    code = zxingcpp.create_barcode(url, _QR_CODE, ec_level="M", data_mask=MASK)
    light = np.asarray(code.to_image(scale=1, add_quiet_zones=True)) > 127
    rows = np.packbits(light.repeat(SCALE, axis=1), axis=1)
    raw = np.zeros((light.shape[0], rows.shape[1] + 1), np.uint8)
    raw[:, 1:] = rows
    return raw.repeat(SCALE, axis=0).tobytes()


def measure(label: str, make: Callable[[], bytes], inflate: Callable[[bytes], bytes]) -> None:
    out = make()
    best = min(timeit.repeat(make, number=300, repeat=9)) / 300 * 1000
    print(f"  {label}: {best:.4f} ms, {len(out):,} bytes")
    assert inflate(out) is not None


def main() -> None:
    modules = deflaters()
    for name, data in bodies().items():
        print(f"{name} ({len(data):,} bytes), raw deflate")
        for label, module in modules.items():
            for level in (0, 1, 2) if label == "isal" else (1,):
                measure(
                    f"{label} level {level}",
                    lambda m=module, lv=level, d=data: m.compress(d, lv, -15),
                    lambda out, d=data: zlib.decompress(out, -15) == d or None,
                )
    rows = qr_rows()
    print(f"QR code rows ({len(rows):,} bytes), zlib stream")
    for label, module in modules.items():
        for level in (0, 1, 2) if label == "isal" else (1,):
            measure(
                f"{label} level {level}",
                lambda m=module, lv=level: m.compress(rows, lv),
                lambda out: zlib.decompress(out) == rows or None,
            )


if __name__ == "__main__":
    main()

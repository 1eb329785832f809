"""The realistic sink's change (issue 20) checked: circular with CIRCULAR_SMTP_PIPELINING off
and on, alternating, against ``bench.sinks.RealisticSink`` (PIPELINING offered, each answer
leaving 25 ms after its command arrived), with the default 4 connections. Off, circular pays
one 25 ms round trip per command as before the sink changed; on, 2 a letter.

    python -m bench.pipelining_off [COUNT]   # COUNT letters per run, 500 by default
"""

from __future__ import annotations

import dataclasses
import sys
import tempfile
from pathlib import Path

from bench.sending import attachment, circular_send, realistic_config
from bench.sinks import RealisticSink


def main() -> None:
    """Two runs each way, alternating; prints messages/s per run."""
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        letter = attachment(folder)
        with RealisticSink(folder) as sink:
            base = realistic_config(sink)
            for pipelining in (False, True, True, False):
                config = dataclasses.replace(base, pipelining=pipelining)
                elapsed = circular_send(folder, config, count, letter, 4)()
                print(
                    f"pipelining {'on ' if pipelining else 'off'}: {count / elapsed:.1f} "
                    f"messages/s ({count} in {elapsed:.1f} s)",
                    flush=True,
                )


if __name__ == "__main__":
    main()

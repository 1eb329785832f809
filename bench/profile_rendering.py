"""Where a letter's time goes in the render engine: cProfile over ``render_campaign`` on one
core, the same workload as ``bench.rendering`` (CL-21/4, six languages, a QR code per letter),
after one warm-up run. The figures in bench/results.md's rendering notes come from it.

    python -m bench.profile_rendering [LETTERS]    # default 600
"""

from __future__ import annotations

import cProfile
import os
import pstats
import sys
import tempfile
from pathlib import Path

from bench.rendering import engine, workload


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 600
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {max(os.sched_getaffinity(0))})
    work = workload(count)
    with tempfile.TemporaryDirectory() as scratch:
        engine(work, Path(scratch) / "warm-up")
        profile = cProfile.Profile()
        profile.enable()
        engine(work, Path(scratch) / "measured")
        profile.disable()
    stats = pstats.Stats(profile)
    print(f"{count} letters; per-letter ms = cumtime / {count} * 1000 (profiled: slower than real)")
    stats.sort_stats("cumulative").print_stats(40)
    stats.sort_stats("tottime").print_stats(20)


if __name__ == "__main__":
    main()

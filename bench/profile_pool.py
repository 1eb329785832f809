"""Where a pooled rendering run's CPU goes: the caller's before the fork (the templates'
preparation) and after it (the first letters' whole checks, the results, the pool's end), and
each forked worker's, its first chunk apart (CPU seconds, ``time.process_time`` in each process:
less sensitive than wall time to other jobs on a shared machine, not immune). The same workload
as ``bench.rendering``'s all-cores comparison, after one warm-up run. Each run is made
three ways: without the cache of prepared templates, with an empty one (cold: the templates
prepared and stored) and with the one the cold run filled (warm: restored,
``circular.letters.prepcache``), as the benchmark's contenders find it.

    python -m bench.profile_pool [RUNS] [LETTERS]    # default 3 runs of 3,000 letters
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.harness import remove_at_exit
from bench.rendering import OUT, engine, workload
from circular.letters import fields, renderpool

_SPAN = renderpool._render_span
#: The writing end of the pipe the workers report each chunk's CPU on.
_PIPE = [-1]


def _timed_span(start: int, stop: int) -> Any:
    before = time.process_time()
    made = _SPAN(start, stop)
    line = f"{os.getpid()} {time.process_time() - before} {time.process_time()}\n"
    os.write(_PIPE[0], line.encode())
    return made


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    letters = int(sys.argv[2]) if len(sys.argv) > 2 else 3000
    reading, _PIPE[0] = os.pipe()
    os.set_blocking(reading, False)
    start_pool = renderpool.start_pool
    forks: list[float] = []

    def timed_start(*args: Any, **kwargs: Any) -> Any:
        forks.append(time.process_time())
        return start_pool(*args, **kwargs)

    # Sent to the workers by name: this module's, which the forked workers inherit.
    renderpool._render_span = _timed_span
    renderpool.start_pool = timed_start  # type: ignore[assignment]
    work = workload(letters)
    OUT.mkdir(parents=True, exist_ok=True)
    folder = remove_at_exit(Path(tempfile.mkdtemp(dir=OUT, prefix="profile-pool-")))
    engine(work, folder / "warm-up", 2)
    for run, mode in ((run, mode) for run in range(runs) for mode in ("none", "cold", "warm")):
        _drain(reading)
        forks.clear()
        cache = None if mode == "none" else folder / f"cache-{run}"
        fields._sources_of.cache_clear()  # a template's sources read in an earlier run
        before = time.process_time()
        engine(work, folder / f"{run}-{mode}", 2, cache)
        after = time.process_time()
        first: dict[str, float] = {}
        total: dict[str, float] = {}
        chunks: list[float] = []
        for line in _drain(reading).splitlines():
            pid, cpu, cumulative = line.split()
            first.setdefault(pid, float(cpu))
            total[pid] = float(cumulative)
            chunks.append(float(cpu))
        print(
            f"run {run + 1}, cache {mode}: caller before the fork {forks[0] - before:.3f} s, after "
            f"{after - forks[0]:.3f} s; workers {', '.join(f'{t:.3f}' for t in total.values())} "
            f"s, their first chunk {', '.join(f'{t:.3f}' for t in first.values())} s (median "
            f"chunk {sorted(chunks)[len(chunks) // 2]:.3f} s); load {os.getloadavg()[0]:.2f}"
        )


def _drain(reading: int) -> str:
    data = b""
    try:
        while chunk := os.read(reading, 1 << 16):
            data += chunk
    except BlockingIOError:
        pass
    return data.decode()


if __name__ == "__main__":
    main()

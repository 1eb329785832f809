"""How long a render pool of every core takes to start, by start method: workers started
(forked, from a forkserver, or spawned), each given an empty chunk, until all have answered,
i.e. imported the renderer and prepared the templates where they must
(`python -m bench.pool_start [REPEAT]`). A forkserver is started once per process: its first
pool pays its start and imports, the next ones do not."""

from __future__ import annotations

import os
import sys
import time

from bench.rendering import workload
from circular.letters import renderpool
from circular.letters.render import LetterTemplate

METHODS = ("fork", "forkserver", "spawn")


def ready_after(templates: dict[str, LetterTemplate], workers: int, method: str) -> float:
    """Seconds from starting a pool of ``workers`` to every worker having answered."""
    started = time.perf_counter()
    with renderpool.start_pool(templates, workers, method) as pool:
        for future in [pool.submit(renderpool._render_chunk, []) for _ in range(workers)]:
            future.result()
        return time.perf_counter() - started


def main() -> None:
    repeat = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    workers = len(os.sched_getaffinity(0))
    templates = {lang: LetterTemplate(path, lang) for lang, path in workload(6).templates.items()}
    print(f"start method this process would use: {renderpool.start_method()}")
    for method in METHODS:
        for _ in range(repeat):
            ready = ready_after(templates, workers, method)
            load = os.getloadavg()[0]
            print(f"{workers} workers ({method}) ready: {ready:.3f} s (load average {load:.2f})")


if __name__ == "__main__":
    main()

"""How long a render pool of every core takes to start: spawned workers importing the renderer
and preparing the templates, before the first letter (`python -m bench.pool_start [REPEAT]`)."""

from __future__ import annotations

import multiprocessing
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor

from bench.rendering import workload
from circular.letters import renderpool
from circular.letters.render import LetterTemplate


def main() -> None:
    repeat = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    workers = len(os.sched_getaffinity(0))
    templates = {lang: LetterTemplate(path, lang) for lang, path in workload(6).templates.items()}
    sources = {lang: (t.path, t.label, t.data) for lang, t in templates.items()}
    for _ in range(repeat):
        started = time.perf_counter()
        with ProcessPoolExecutor(
            workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=renderpool._start,
            initargs=(sources, None),
        ) as pool:
            for future in [pool.submit(renderpool._render_chunk, []) for _ in range(workers)]:
                future.result()
            ready = time.perf_counter() - started
        load = os.getloadavg()[0]
        print(f"{workers} spawned workers ready: {ready:.2f} s (load average {load:.2f})")


if __name__ == "__main__":
    main()

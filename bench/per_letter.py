"""The render engine's own cost per letter, without the once-a-run work (templates prepared
before the clock) and, by default, without the file system: CPU time (user + system) of
building each letter's context, rendering, checking, writing and hashing it as
``render_campaign`` does (``_jobs`` + ``_write_letter``), 300 CL-21/4 letters a run, pinned
to one core, best and median of 7 runs. CPU time, unlike wall time, is hardly moved by the
other jobs sharing the core; run it in two trees alternately to compare them.

    python -m bench.per_letter [LETTERS] [FOLDER]    # default 300 letters, /dev/shm

FOLDER is where the letters' folders are made: /dev/shm (tmpfs) leaves the disk out; a folder
on the disk adds what creating each file costs there (the kernel's, in system time).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from bench.rendering import letter_context, workload
from circular.letters import render


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    folder = sys.argv[2] if len(sys.argv) > 2 else "/dev/shm"
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {max(os.sched_getaffinity(0))})
    work = workload(count)
    templates = {lang: render.LetterTemplate(path, lang) for lang, path in work.templates.items()}
    plan = [(c, f"{c.iso3}.{c.id}.{c.language}.docx") for c in work.contacts]
    runs = []
    with tempfile.TemporaryDirectory(dir=folder) as scratch:
        for run in range(8):  # the first warms the templates up (first letters checked whole)
            out = Path(scratch) / str(run)
            out.mkdir()
            started = time.process_time()
            for job in render._jobs(plan, templates, work.campaign, letter_context, out, {}):
                render._write_letter(templates[job.language], job)
            runs.append((time.process_time() - started) / count * 1000)
    measured = sorted(runs[1:])
    print(
        f"{count} letters in {folder}: CPU ms per letter best {measured[0]:.3f}, "
        f"median {measured[3]:.3f} (runs: {', '.join(f'{ms:.2f}' for ms in runs[1:])})"
    )


if __name__ == "__main__":
    main()

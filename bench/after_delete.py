"""Whether deleting files slows the creations that follow, on the disk of a folder: 1,000
letter-sized files created (and then deleted, as a run's cleanup does) several times in a row,
then 9,000 written and kept, then those deleted, then two rounds right after and one 20 s later.
The disk is synced before each timing.

    python -m bench.after_delete bench/out

On the machine of bench/results.md (ext4 mounted with ``discard``), creations after a deletion
took 6-10 times as long as after writes alone, for 20 s and more: a benchmark run right after
another one's cleanup pays for it (bench/results.md, Rendering, round 7's quiet runs).
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time

from bench.file_create import COUNT, SIZE, create


def main(folder: str) -> None:
    data = os.urandom(SIZE)
    os.makedirs(folder, exist_ok=True)

    def measure(what: str) -> None:
        scratch = tempfile.mkdtemp(dir=folder)
        os.sync()
        seconds = create(scratch, data)
        shutil.rmtree(scratch)
        os.sync()
        print(f"{what}\t{seconds * 1000 / COUNT:.3f} ms a file", flush=True)

    measure("first")
    measure("after the first's deletion")
    kept = tempfile.mkdtemp(dir=folder)
    for _ in range(9):
        create(tempfile.mkdtemp(dir=kept), data)
    os.sync()
    scratch = tempfile.mkdtemp(dir=folder)
    print(f"after writing 9,000 (kept)\t{create(scratch, data) * 1000 / COUNT:.3f} ms a file")
    shutil.rmtree(scratch)
    shutil.rmtree(kept)
    os.sync()
    measure("right after deleting 10,000")
    measure("again")
    time.sleep(20)
    measure("20 s later")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "bench/out")

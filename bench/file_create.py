"""What creating a letter's file costs the kernel in each folder named: 1,000 files of 40,000
bytes (a CL-21/4 letter's size) written with one open/write/close each in a new folder under
every folder given, alternating, best and median of 5.

    python -m bench.file_create /tmp bench/out /dev/shm

Every letter pays this on top of the engine's work, and on the machine of bench/results.md it
swung from 0.02 to 0.7 ms a file (all of it system time) from one minute to the next, in /tmp as
in a folder of the project, on the same ext4 disk; tmpfs held at 0.03 ms. Nothing is deleted
until every round is done (deleting thousands of files slows the creations that follow).
"""

from __future__ import annotations

import os
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path

from bench.harness import FILE_SIZE, create_files

COUNT = 1000
SIZE = FILE_SIZE


def create(scratch: str, data: bytes) -> float:
    """Seconds to create COUNT files in the new folder ``scratch``."""
    return create_files(scratch, data, COUNT)


def main(folders: list[str]) -> None:
    data = os.urandom(SIZE)
    times: dict[str, list[float]] = {folder: [] for folder in folders}
    with ExitStack() as cleanup:
        for _ in range(5):
            for folder in folders:
                Path(folder).mkdir(parents=True, exist_ok=True)
                scratch = cleanup.enter_context(tempfile.TemporaryDirectory(dir=folder))
                times[folder].append(create(scratch, data))
    print(f"load average {os.getloadavg()[0]:.2f}; ms a file, best / median of 5 x {COUNT:,}")
    for folder, seconds in times.items():
        ordered = sorted(seconds)
        print(f"{folder}\t{ordered[0] * 1000 / COUNT:.3f} / {ordered[2] * 1000 / COUNT:.3f}")


if __name__ == "__main__":
    main(sys.argv[1:] or ["/tmp", "bench/out"])

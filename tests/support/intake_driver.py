"""Contact intake in a process of its own, for the memory-bound tests.

    python -m tests.support.intake_driver

Takes in the drop folder named by the ``CIRCULAR_*`` environment (``circular.settings``) and
prints one JSON object: each file's result and the process's peak resident memory.

The peak is ``VmHWM`` of /proc/self/status: the high-water mark of this program's own memory.
Not ``ru_maxrss`` (of the process, or the parent's ``RUSAGE_CHILDREN``): Linux carries the
high-water mark of the memory an ``execve`` replaced into it, so a child forked (or vforked)
from a test run holding 600 MB reported 600 MB whatever it used itself."""

from __future__ import annotations

import json
import resource
from pathlib import Path

from circular.contacts import intake_folder
from circular.ledger import Ledger
from circular.settings import load_settings


def main() -> None:
    """Run the intake once and print what became of each file, and the peak memory."""
    settings = load_settings()
    ledger = Ledger(settings.resolved_database_url)
    results = intake_folder(settings, ledger)
    peak_kib = _peak_kib()
    print(
        json.dumps(
            {
                "results": [
                    {
                        "file": result.file,
                        "status": str(result.status),
                        "rows": result.rows,
                        "sha256": result.sha256,
                        "stored_path": str(result.stored_path),
                        "report": result.report,
                    }
                    for result in results
                ],
                "peak_rss_bytes": peak_kib * 1024,
            }
        )
    )


def _peak_kib() -> int:
    """This program's peak resident memory in KiB (see the module doc)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux; an upper bound


if __name__ == "__main__":
    main()

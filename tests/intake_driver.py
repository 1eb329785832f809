"""Contact intake in a process of its own, for the memory-bound tests.

    python -m tests.intake_driver

Takes in the drop folder named by the ``CIRCULAR_*`` environment (``circular.settings``) and
prints one JSON object: each file's result and the process's peak resident memory
(``ru_maxrss`` of the process itself, so that no other child of the test run counts)."""

from __future__ import annotations

import json
import resource

from circular.contacts import intake_folder
from circular.ledger import Ledger
from circular.settings import load_settings


def main() -> None:
    """Run the intake once and print what became of each file, and the peak memory."""
    settings = load_settings()
    ledger = Ledger(settings.resolved_database_url)
    results = intake_folder(settings, ledger)
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
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


if __name__ == "__main__":
    main()

"""What recording rendered letters in the ledger costs ``render_campaign`` per letter: the
batches of ``_record_pending`` (the folder's fsync, then one transaction of RECORD_BATCH
records) for 1,000 letters in a SQLite ledger on /dev/shm, first inserted, then updated
three times, as a campaign rendered again does. CPU and wall ms a letter, pinned to one core.

    python -m bench.ledger_record
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from circular.ledger import Contact, Ledger
from circular.letters import render

COUNT = 1000


def main() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {max(os.sched_getaffinity(0))})
    with tempfile.TemporaryDirectory(dir="/dev/shm") as scratch:
        ledger = Ledger(f"sqlite:///{scratch}/ledger.sqlite3")
        with ledger.session() as session:
            session.add_all(
                Contact(
                    campaign="c",
                    contact_key=f"K{n}",
                    iso3="CHE",
                    language="en",
                    email=f"{n}@example.org",
                )
                for n in range(COUNT)
            )
        with ledger.session() as session:
            contacts = session.query(Contact).all()
            session.expunge_all()
        out = Path(scratch) / "out"
        out.mkdir()
        for run in range(4):
            pending = [
                render._Pending(c, out / f"{c.id}.docx", f"{run:064d}", "a" * 64) for c in contacts
            ]
            cpu, wall = time.process_time(), time.perf_counter()
            for start in range(0, COUNT, render.RECORD_BATCH):
                batch = pending[start : start + render.RECORD_BATCH]
                render._record_pending(ledger, "c", out, batch)
            cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
            kind = "inserted" if run == 0 else "updated"
            per = f"CPU {cpu / COUNT * 1000:.3f} ms, wall {wall / COUNT * 1000:.3f} ms"
            print(f"{kind}: {per} a letter")
        ledger.dispose()


if __name__ == "__main__":
    main()

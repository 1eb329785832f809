"""Holds a SQLite ledger locked, as another program might: for the ledger-lock fault test.

    python -m tests.support.ledger_locker LEDGER_FILE SECONDS READY_FILE [RELEASE_FILE]

Takes ``BEGIN EXCLUSIVE`` on LEDGER_FILE, writes a row (so that every reader's snapshot is stale
once it commits), creates READY_FILE, holds the lock SECONDS or until RELEASE_FILE exists,
commits, and prints the time it let go (``time.time()``). A test that needs the commands to
meet the lock releases it itself: on a loaded machine three Python processes may take longer
to start than any fixed hold."""

from __future__ import annotations

import sqlite3
import sys
import time
from pathlib import Path


def main() -> None:
    """Lock, hold, commit."""
    path, seconds, ready = sys.argv[1], float(sys.argv[2]), Path(sys.argv[3])
    release = Path(sys.argv[4]) if len(sys.argv) > 4 else None
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("CREATE TABLE IF NOT EXISTS lock_probe (held_at REAL)")
    connection.execute("BEGIN EXCLUSIVE")
    connection.execute("INSERT INTO lock_probe VALUES (?)", (time.time(),))
    ready.touch()
    until = time.monotonic() + seconds
    while time.monotonic() < until and not (release and release.exists()):
        time.sleep(0.05)
    connection.execute("COMMIT")
    print(f"{time.time():.6f}", flush=True)
    connection.close()


if __name__ == "__main__":
    main()

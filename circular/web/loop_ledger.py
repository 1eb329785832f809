"""The event loop's own connection to a SQLite ledger: what never waits runs on the loop.

In WAL a read never waits for a writer, and a write waits only when another process holds the
write lock. This connection has SQLite's busy timeout at zero: a read or a write that would
wait fails at once instead (nothing applied: a write's transaction rolls back at its first
statement), and the page then does it in a thread with the ledger's busy timeout. The common
case costs no thread hop, pool checkout or connection made per request: each of those cost as
much CPU as the query (bench/results.md, issue 20).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import Connection

from circular.ledger import Ledger, LedgerLockedError
from circular.web.answers import Visit, visit


def _locked(error: BaseException) -> bool:
    text = str(error)
    return "database is locked" in text or "database is busy" in text


class LoopLedger:
    """One connection for the event loop's thread only, taken from the ledger's pool on first
    use and kept."""

    def __init__(self, ledger: Ledger) -> None:
        assert ledger.is_sqlite
        self.ledger = ledger
        self._connection: Connection | None = None

    def _open(self) -> Connection:
        if self._connection is None:
            connection = self.ledger.engine.connect()
            driver = connection.connection.driver_connection
            assert driver is not None
            driver.execute("PRAGMA busy_timeout=0")  # this connection only (module doc)
            self._connection = connection
        return self._connection

    def visit(self, token: str, campaign_of: object, now: datetime) -> Visit | None:
        """``answers.visit`` now, or None when the ledger cannot be read without waiting.
        Each read is one statement run to its end outside any transaction: it sees every
        commit made before it."""
        connection = self._open()
        try:
            return visit(connection.connection, connection.dialect, token, campaign_of, now)
        except sqlite3.OperationalError as error:
            if _locked(error):
                return None
            raise

    def write(self, work: Callable[[Connection], Any]) -> bool:
        """Run ``work`` in one transaction, committed: True; False when another process holds
        the write lock (nothing applied)."""
        connection = self._open()
        try:
            with connection.begin():  # committed on exit, rolled back on error
                work(connection)
        except LedgerLockedError:  # the ledger's name for SQLite's "database is locked"
            return False
        return True

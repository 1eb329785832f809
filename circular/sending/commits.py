"""Group commit of send outcomes (issue 20): the server's acceptances are recorded ``sent`` in
batches of at most N messages or T seconds, whichever comes first, in one ledger transaction,
as databases group their commits.

A batch not yet written when the process dies leaves its rows ``sending``; the next run's
reconciliation (``claims.reconcile``) finds them in the Sent folder or marks them ``unknown``
for a person to decide. So a crash costs more ``unknown`` rows, never a letter sent twice:
a row only ever goes back to ``pending`` from a run that knows it was not delivered.

Only acceptances wait: a failure, an ``unknown`` or a row released for a retry is written at
once (they are rare, and a retry must find its row ``pending``).
"""

from __future__ import annotations

import asyncio

from circular.ledger import Ledger
from circular.sending import claims


class OutcomeLog:
    """The acceptances of one run not yet in the ledger. ``batch`` of 1 or ``interval`` of 0
    writes each at once (no grouping)."""

    def __init__(self, ledger: Ledger, claimer: str, batch: int, interval: float) -> None:
        self.ledger, self.claimer = ledger, claimer
        self.batch, self.interval = max(batch, 1), max(interval, 0.0)
        self.waiting: list[claims.Accepted] = []
        self._first = asyncio.Event()  # an acceptance came into an empty batch

    def accepted(self, item: claims.Accepted) -> None:
        """Record an acceptance: written now when the batch is full, else within
        ``interval`` seconds (``run``)."""
        self.waiting.append(item)
        if len(self.waiting) >= self.batch or self.interval == 0:
            self.flush()
        elif len(self.waiting) == 1:
            self._first.set()

    def flush(self) -> None:
        """Write every waiting acceptance in one transaction. On a ledger error they stay
        waiting (a later flush tries again) and the error is raised."""
        if not self.waiting:
            return
        claims.mark_sent_many(self.ledger, self.claimer, self.waiting)
        self.waiting = []

    async def run(self) -> None:
        """The time bound: no acceptance waits longer than ``interval`` seconds. Runs until
        cancelled; a ledger error ends it (the send run watches it and stops)."""
        while True:
            await self._first.wait()
            self._first.clear()
            await asyncio.sleep(self.interval)
            self.flush()

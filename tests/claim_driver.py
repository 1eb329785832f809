"""One claimer process for the concurrent-claim test: claims batches until none is left.

    python -m tests.claim_driver URL CAMPAIGN KIND BATCH CLAIMER READY_FILE GO_FILE

Connects, creates READY_FILE, waits for GO_FILE (so that both processes start claiming at the
same moment), then claims ``BATCH`` messages per transaction until a claim returns nothing,
and prints the ids it claimed as a JSON list."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from circular.ledger import Ledger, claim_pending


def main() -> None:
    """Claim until nothing is left; print the claimed ids."""
    url, campaign, kind, batch, claimer, ready, go = sys.argv[1:8]
    ledger = Ledger(url)
    with ledger.engine.connect():
        pass  # connected before the start signal, so both claimers start on equal terms
    Path(ready).touch()
    deadline = time.monotonic() + 60
    while not Path(go).exists():
        if time.monotonic() > deadline:
            raise SystemExit("no start signal within 60 s")
        time.sleep(0.005)
    claimed: list[int] = []
    while True:
        with ledger.session() as session:
            got = [
                message.id
                for message in claim_pending(session, campaign, kind, int(batch), claimer)
            ]
        if not got:
            break
        claimed.extend(got)
    ledger.dispose()
    print(json.dumps(claimed))


if __name__ == "__main__":
    main()

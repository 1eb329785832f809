"""One claimer process for the concurrent-claim test: tries to claim every pending message.

    python -m tests.support.claim_driver URL CAMPAIGN KIND CLAIMER READY_FILE GO_FILE

Connects, reads the ids of the campaign's pending messages of KIND, creates READY_FILE, waits
for GO_FILE (so that both processes start claiming at the same moment), then claims each row
with ``circular.sending.claims.claim``, as the outbox does when a send starts, and prints the ids it
won as a JSON list."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from sqlalchemy import select

from circular.ledger import Ledger, Message, MessageStatus
from circular.sending.claims import claim


def main() -> None:
    """Claim every pending row; print the ids won."""
    url, campaign, kind, claimer, ready, go = sys.argv[1:7]
    ledger = Ledger(url)
    with ledger.session() as session:
        ids = list(
            session.scalars(
                select(Message.id)
                .where(
                    Message.campaign == campaign,
                    Message.kind == kind,
                    Message.status == MessageStatus.PENDING,
                )
                .order_by(Message.id)
            )
        )
    Path(ready).touch()
    deadline = time.monotonic() + 60
    while not Path(go).exists():
        if time.monotonic() > deadline:
            raise SystemExit("no start signal within 60 s")
        time.sleep(0.005)
    won = [row_id for row_id in ids if claim(ledger, row_id, claimer)]
    ledger.dispose()
    print(json.dumps(won))


if __name__ == "__main__":
    main()

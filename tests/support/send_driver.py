"""The crash test's sender process: sends one invitation to every contact of the ledger.

    python -m tests.support.send_driver LEDGER_URL PORT [CAMPAIGN]

CAMPAIGN: only that campaign's contacts, and letters of that campaign (default: every contact,
letters of cl-21-4).

Prints the run's report as JSON when it finishes (the crash test kills it before, mostly)."""

from __future__ import annotations

import json
import sys

from sqlalchemy import select

from circular.ledger import Contact, Ledger
from circular.sending.outbox import SendOptions, send
from circular.sending.smtp import SmtpConfig
from circular.settings import Security
from tests.support.outbox_helpers import letters_for


def main() -> None:
    """Send every contact's letter to the local server on PORT."""
    url, port = sys.argv[1], int(sys.argv[2])
    campaign = sys.argv[3] if len(sys.argv) > 3 else None
    ledger = Ledger(url)
    query = select(Contact.id).order_by(Contact.id)
    if campaign is not None:
        query = query.where(Contact.campaign == campaign)
    with ledger.session() as session:
        ids = list(session.scalars(query))
    messages = letters_for(ids) if campaign is None else letters_for(ids, campaign=campaign)
    config = SmtpConfig("127.0.0.1", port, security=Security.NONE, timeout=10)
    report = send(ledger, messages, config, SendOptions(connections=4, retry_delay=0.05))
    print(json.dumps({"sent": report.sent, "unknown": len(report.unknown)}))


if __name__ == "__main__":
    main()

"""The rendering crash test's subprocess: render every contact of CL-21/4 in a ledger, the way
``circular render`` does (the ledger records each letter), until it is killed.

    python -m tests.support.render_driver LEDGER_URL OUT_DIR
"""

from __future__ import annotations

import sys
from pathlib import Path

from circular.campaign import load_campaign
from circular.ledger import Ledger, contacts_of
from circular.letters.render import render_campaign

CAMPAIGN = Path(__file__).resolve().parents[2] / "letters" / "cl-21-4"


def main(url: str, out: str) -> None:
    ledger = Ledger(url)
    campaign = load_campaign(CAMPAIGN)
    with ledger.session() as session:
        contacts = contacts_of(session, campaign.id)
    render_campaign(campaign, contacts, Path(out), ledger, several_per_country=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

"""The render pool's crash test subprocess: render LETTERS sample letters of CL-21/4 with a pool
of 2 workers started by METHOD, without a ledger, until it is killed.

    python -m tests.support.pool_driver METHOD OUT_DIR
"""

from __future__ import annotations

import sys
from pathlib import Path

from circular.campaign import load_campaign
from circular.ledger import Contact
from circular.letters import renderpool
from circular.letters.render import render_campaign

CAMPAIGN = Path(__file__).resolve().parents[2] / "letters" / "cl-21-4"
LETTERS = 5000


def main(method: str, out: str) -> None:
    renderpool.start_method = lambda: method  # type: ignore[assignment]
    campaign = load_campaign(CAMPAIGN)
    contacts = [
        Contact(id=n + 1, campaign=campaign.id, contact_key=f"ESP:{n}", iso3="ESP",
                language="es", email=f"m{n}@es.example", name=f"Nombre {n}", cc=[], extra={})
        for n in range(LETTERS)
    ]  # fmt: skip
    render_campaign(campaign, contacts, Path(out), several_per_country=True, workers=2)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

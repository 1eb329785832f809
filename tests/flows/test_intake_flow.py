"""The intake flow against a real Prefect server: it loads the files and announces each loaded
one with a ``circular.contacts.loaded`` event for its campaign."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from circular.ledger import Contact, Ledger

pytestmark = pytest.mark.prefect

GOOD = (
    "country,email\nFRA,ministre@fra.example\nESP,ministro@esp.example\nCHN,buzhang@chn.example\n"
)


def read_loaded_events(campaign: str, expected: int) -> list:
    """The loaded events of ``campaign``, polled until ``expected`` are readable: the server
    persists events in batches, a moment after they are emitted."""
    from prefect.client.orchestration import get_client
    from prefect.events.filters import EventFilter, EventNameFilter, EventResourceFilter

    event_filter = EventFilter(
        event=EventNameFilter(name=["circular.contacts.loaded"]),
        resource=EventResourceFilter(id=[f"circular.campaign.{campaign}"]),
    )
    events: list = []
    deadline = time.monotonic() + 30
    with get_client(sync_client=True) as client:
        while time.monotonic() < deadline:
            events = client.read_events(filter=event_filter, limit=50).events
            if len(events) >= expected:
                break
            time.sleep(0.5)
    return events


def test_intake_flow_loads_and_emits_one_event_per_loaded_file(
    prefect_server: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flows.intake import intake_flow

    campaign = f"flow-{tmp_path.name[-8:].lower().replace('_', '-')}"
    for name, folder in (
        ("DATA_DIR", "data"),
        ("PROCESSED_FOLDER", "processed"),
        ("REJECTED_FOLDER", "rejected"),
    ):
        monkeypatch.setenv(f"CIRCULAR_{name}", str(tmp_path / folder))
    # Intake takes files only for a campaign that exists (a folder with its campaign.yaml).
    (tmp_path / "letters" / campaign).mkdir(parents=True)
    (tmp_path / "letters" / campaign / "campaign.yaml").write_text(f"id: {campaign}\n")
    monkeypatch.setenv("CIRCULAR_LETTERS_DIR", str(tmp_path / "letters"))
    inbox = tmp_path / "inbox"
    (inbox / campaign).mkdir(parents=True)
    (inbox / campaign / "ministers.csv").write_text(GOOD, encoding="utf-8")
    (inbox / campaign / "broken.csv").write_text("country,email\nAtlantis,x@y.example\n")

    results = intake_flow(drop_folder=str(inbox))

    by_file = {result.file: result for result in results}
    assert by_file["ministers.csv"].status == "loaded"
    assert by_file["broken.csv"].status == "rejected"
    ledger = Ledger(f"sqlite:///{tmp_path / 'data' / 'circular.sqlite3'}")
    with ledger.session() as session:
        loaded = session.scalar(select(func.count()).select_from(Contact))
    ledger.dispose()
    assert loaded == 3

    [event] = read_loaded_events(campaign, expected=1)
    assert event.resource.id == f"circular.campaign.{campaign}"
    assert event.payload == {
        "campaign": campaign,
        "sha256": by_file["ministers.csv"].sha256,
        "file": "ministers.csv",
        "rows": 3,
    }

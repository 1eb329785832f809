"""What `make deploy` sets up on the Prefect server besides the deployments (idempotent).

- The global concurrency limit ``circular-smtp`` (``flows.common.SMTP_LIMIT``): a rate limit on
  SMTP recipients with slot decay, from CIRCULAR_SMTP_RATE_PER_MINUTE; staff see and change it
  in the UI's Concurrency page. An existing limit is left as staff set it. None without a
  per-minute limit.
- Prefect's documented zombie-run automation (docs: "How to detect and respond to zombie
  flows"): a run that sent a heartbeat (PREFECT_FLOWS_HEARTBEAT_FREQUENCY, prefect.yaml) and
  then none for 90 s, nor a final state, is set Crashed.

    python tools/prefect_setup.py        # against $PREFECT_API_URL
"""

from __future__ import annotations

import sys
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from prefect import get_client
from prefect.automations import Automation
from prefect.client.schemas.actions import GlobalConcurrencyLimitCreate
from prefect.client.schemas.objects import StateType
from prefect.events.actions import ChangeFlowRunState
from prefect.events.schemas.automations import EventTrigger, Posture
from prefect.events.schemas.events import ResourceSpecification
from prefect.exceptions import ObjectNotFound

from circular.settings import load_settings
from flows.common import SMTP_LIMIT

ZOMBIE_AUTOMATION = "circular: crash zombie flow runs"
#: Three missed heartbeats (every 30 s) and the run is taken for dead.
SILENCE = timedelta(seconds=90)


def ensure_smtp_limit(per_minute: int) -> str:
    """Create the SMTP rate limit when missing; say what was done."""
    if not per_minute:
        return f"no {SMTP_LIMIT} limit: CIRCULAR_SMTP_RATE_PER_MINUTE is 0 (no limit)"
    with get_client(sync_client=True) as client:
        try:
            found = client.read_global_concurrency_limit_by_name(SMTP_LIMIT)
            decay = found.slot_decay_per_second
            return f"{SMTP_LIMIT}: kept (limit {found.limit}, decay {decay}/s)"
        except ObjectNotFound:
            client.create_global_concurrency_limit(
                GlobalConcurrencyLimitCreate(
                    name=SMTP_LIMIT,
                    limit=per_minute,
                    slot_decay_per_second=per_minute / 60,
                    active=True,
                )
            )
    return f"{SMTP_LIMIT}: created ({per_minute} recipients, {per_minute / 60:g} slots/s decay)"


def zombie_automation() -> Automation:
    """The automation of Prefect's zombie-flow guide."""
    return Automation(
        name=ZOMBIE_AUTOMATION,
        trigger=EventTrigger(
            after={"prefect.flow-run.heartbeat"},
            expect={
                "prefect.flow-run.heartbeat",
                "prefect.flow-run.Completed",
                "prefect.flow-run.Failed",
                "prefect.flow-run.Cancelled",
                "prefect.flow-run.Crashed",
            },
            match=ResourceSpecification({"prefect.resource.id": ["prefect.flow-run.*"]}),
            for_each={"prefect.resource.id"},
            posture=Posture.Proactive,
            threshold=1,
            within=SILENCE,
        ),
        actions=[
            ChangeFlowRunState(
                state=StateType.CRASHED,
                message="no heartbeat for 90 s: its worker died (circular's zombie automation)",
            )
        ],
    )


def ensure_zombie_automation() -> str:
    """Create the zombie-run automation when missing."""
    try:
        Automation.read(name=ZOMBIE_AUTOMATION)
        return f"automation {ZOMBIE_AUTOMATION!r}: kept"
    except ValueError:
        zombie_automation().create()
        return f"automation {ZOMBIE_AUTOMATION!r}: created"


def main() -> None:
    """Set up the limit and the automation, printing what was done."""
    print(ensure_smtp_limit(load_settings().smtp_rate_per_minute))
    print(ensure_zombie_automation())


if __name__ == "__main__":
    main()

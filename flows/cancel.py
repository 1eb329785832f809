"""Cancel a campaign on the Prefect server: delete its scheduled runs (reminder waves, deferred
reminders), so none starts later. The ledger side is ``circular cancel`` (which calls this in
its own process when ``PREFECT_API_URL`` is set): circular itself never imports Prefect.

Runs are deleted, not set Cancelled: a cancelled run keeps its idempotency key, and a campaign
started again later must be able to schedule its waves anew.

    python -m flows.cancel --campaign cl-21-4 [--dry-run]
"""

from __future__ import annotations

import argparse

from prefect import flow
from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import (
    FlowRunFilter,
    FlowRunFilterState,
    FlowRunFilterStateType,
    FlowRunFilterTags,
)
from prefect.client.schemas.objects import StateType

from circular.followups.actions import operator
from circular.followups.settle import cancel_campaign
from circular.ledger import open_ledger
from flows.common import flow_settings

#: Runs not started yet: deleting them is all it takes for them never to run.
_NOT_STARTED = [StateType.SCHEDULED, StateType.PENDING]
_PAGE = 200


def delete_scheduled_runs(campaign_id: str, *, dry_run: bool = False) -> list[str]:
    """Delete every not-yet-started run tagged ``campaign:<campaign_id>``; their names."""
    names: list[str] = []
    with get_client(sync_client=True) as client:
        while True:  # page by page: the server returns at most _PAGE runs at a time
            runs = client.read_flow_runs(
                flow_run_filter=FlowRunFilter(
                    tags=FlowRunFilterTags(all_=["circular", f"campaign:{campaign_id}"]),
                    state=FlowRunFilterState(type=FlowRunFilterStateType(any_=_NOT_STARTED)),
                ),
                limit=_PAGE,
                offset=len(names) if dry_run else 0,  # deleted runs leave the list
            )
            names += [run.name for run in runs]
            if not dry_run:
                for run in runs:
                    client.delete_flow_run(run.id)
            if len(runs) < _PAGE:
                return names


@flow(name="cancel-campaign")
def cancel(campaign_id: str) -> dict[str, object]:
    """Cancel ``campaign_id``: pending messages in the ledger, scheduled runs on the server."""
    settings = flow_settings()
    ledger = open_ledger(settings.resolved_database_url)
    try:
        done = cancel_campaign(ledger, campaign_id, operator(settings.operator))
    finally:
        ledger.dispose()
    deleted = delete_scheduled_runs(campaign_id)
    return {"cancelled": done.cancelled, "in_flight": done.in_flight, "runs_deleted": deleted}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--campaign", required=True, help="campaign id, e.g. cl-21-4")
    parser.add_argument("--dry-run", action="store_true", help="list the runs; delete none")
    args = parser.parse_args()
    names = delete_scheduled_runs(args.campaign, dry_run=args.dry_run)
    verb = "would delete" if args.dry_run else "deleted"
    print(
        f"Prefect: {verb} {len(names)} scheduled runs of {args.campaign}: {', '.join(names) or '-'}"
    )


if __name__ == "__main__":
    main()

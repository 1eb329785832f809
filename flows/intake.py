"""Prefect flow for contact intake: a thin layer over ``circular.contacts``.

The task does the work (the domain); the flow reports it: a table artifact of the files, and one
``circular.contacts.loaded`` event per loaded file, with the campaign as resource
(``circular.campaign.<id>``), so a deployment can trigger the campaign when its contacts land.
"""

from __future__ import annotations

from pathlib import Path
from uuid import NAMESPACE_URL, UUID, uuid5

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_table_artifact
from prefect.cache_policies import NONE
from prefect.events import emit_event

from circular.contacts import IntakeResult, intake_folder
from circular.ledger import open_ledger
from circular.settings import load_settings

LOADED_EVENT = "circular.contacts.loaded"


def loaded_event_id(campaign: str, sha256: str) -> UUID:
    """The event's id is derived from the campaign and the file's sha256: Prefect's triggers
    ignore an event id they have seen, so a re-emitted event cannot start a second campaign
    run for the same file."""
    return uuid5(NAMESPACE_URL, f"circular:contacts-loaded:{campaign}:{sha256}")


def campaign_resource(campaign: str) -> str:
    """The Prefect resource id of a campaign (what event triggers match on)."""
    return f"circular.campaign.{campaign}"


# No caching: intake moves files and writes the ledger, so it must really run every time.
@task(name="take in contact files", cache_policy=NONE)
def intake_task(drop_folder: str | None, contacts_per_country: int) -> list[IntakeResult]:
    """Take in every file of the drop folder (``CIRCULAR_DROP_FOLDER`` unless given)."""
    settings = load_settings(**({"drop_folder": Path(drop_folder)} if drop_folder else {}))
    ledger = open_ledger(settings.resolved_database_url)
    try:
        return intake_folder(settings, ledger, contacts_per_country=contacts_per_country)
    finally:
        ledger.dispose()


@flow(name="intake", flow_run_name="contacts · intake", log_prints=False)
def intake_flow(
    drop_folder: str | None = None, contacts_per_country: int = 1
) -> list[IntakeResult]:
    """Check and load the contact files waiting in the drop folder; announce each loaded one."""
    logger = get_run_logger()
    results = intake_task(drop_folder, contacts_per_country)
    for result in results:
        problems = f", {len(result.problems)} problems" if result.problems else ""
        logger.info("%s → %s: %s (%d rows%s)", result.file, result.campaign, result.status,
                    result.rows, problems)  # fmt: skip
        if result.status == "loaded":
            emit_event(
                event=LOADED_EVENT,
                id=loaded_event_id(result.campaign, result.sha256),
                resource={"prefect.resource.id": campaign_resource(result.campaign)},
                payload={
                    "campaign": result.campaign,
                    "sha256": result.sha256,
                    "file": result.file,
                    "rows": result.rows,
                },
            )
    if results:
        create_table_artifact(
            key="contact-intake",
            table=[
                {
                    "file": r.file,
                    "campaign": r.campaign,
                    "status": str(r.status),
                    "rows": r.rows,
                    "problems": len(r.problems),
                    "stored at": str(r.stored_path or ""),
                }
                for r in results
            ],
            description="Contact files taken in by this run.",
        )
    return results

"""The ``report`` flow: the campaign's status as a table artifact, a markdown summary and an
Excel file under reports/. A thin layer over ``circular.followups.report``."""

from __future__ import annotations

from typing import Any

from prefect import flow
from prefect.artifacts import create_markdown_artifact, create_table_artifact

from circular.campaign import load_campaign
from circular.followups.report import (
    campaign_report,
    report_path,
    summary_markdown,
    table_records,
    write_report_xlsx,
)
from circular.ledger import utcnow
from flows.common import campaign_run_name, flow_ledger, flow_settings


@flow(name="report", flow_run_name=campaign_run_name("report"))
def report(campaign_dir: str) -> dict[str, Any]:
    """Write ``reports/<campaign>.xlsx`` and publish ``<campaign>-status`` (table) and
    ``<campaign>-summary`` (markdown) artifacts."""
    settings = flow_settings()
    campaign = load_campaign(campaign_dir, check_templates=False)
    now = utcnow()
    ledger = flow_ledger(settings)
    try:
        with ledger.session() as session:
            rows = campaign_report(session, campaign, now)
    finally:
        ledger.dispose()
    path = write_report_xlsx(
        rows, report_path(settings.reports_dir, campaign), campaign.deadline.zone
    )
    summary = summary_markdown(rows, campaign, now)
    create_table_artifact(
        key=f"{campaign.id}-status",
        table=table_records(rows, campaign.deadline.zone),
        description=f"{campaign.reference}: status per country",
    )
    create_markdown_artifact(
        key=f"{campaign.id}-summary",
        markdown=summary + f"\nExcel file: `{path}`\n",
        description=f"{campaign.reference}: summary",
    )
    return {"rows": len(rows), "xlsx": str(path)}

"""The Prefect flow that polls the reply mailbox: a thin layer over ``circular.inbox``.

Overlapping runs (a slow poll still going when the schedule starts the next one, or two
workers) are safe: each message is claimed in the ledger by its (mailbox, UIDVALIDITY, UID),
so it is processed by exactly one run, whatever Prefect does.
"""

from __future__ import annotations

from typing import Any

from prefect import flow, get_run_logger, task

from circular.inbox import load_classifier, poll_once
from circular.ledger import open_ledger
from flows.common import flow_settings


@task(name="poll-mailbox", retries=2, retry_delay_seconds=30)
def poll_mailbox(database_url: str | None, classifier: str | None) -> dict[str, Any]:
    """One poll of the configured mailbox into the ledger; returns what it did."""
    # Settings are read at each run, not cached: a long-lived worker sees changed settings.
    # flow_settings: the IMAP password may be in the Secret block CIRCULAR_IMAP_PASSWORD_BLOCK
    # names, as for every other flow.
    settings = flow_settings()
    classify = load_classifier(classifier)
    ledger = open_ledger(database_url or settings.resolved_database_url)
    try:
        result = poll_once(ledger, settings, classify)
    finally:
        ledger.dispose()
    get_run_logger().info(result.summary())
    return result.as_dict()


@flow(name="poll-replies", log_prints=False)
def poll_replies(database_url: str | None = None, classifier: str | None = None) -> dict[str, Any]:
    """Read new replies: classify, match to their letters, record in the ledger, file them.

    ``classifier`` (``module:function``) replaces circular's classifier, for trials."""
    return poll_mailbox(database_url, classifier)


if __name__ == "__main__":
    poll_replies()

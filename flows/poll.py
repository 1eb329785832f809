"""The Prefect flow that polls the reply mailbox: a thin layer over ``circular.replies.inbox``.

Overlapping runs (a slow poll still going when the schedule starts the next one, or two
workers) are safe: each message is claimed in the ledger by its (mailbox, UIDVALIDITY, UID),
so it is processed by exactly one run, whatever Prefect does.

Each reply recorded emits ``circular.reply.received`` (payload: kind, country), and each
bounce also ``circular.reply.bounce`` (payload: recipient, diagnostic), on the resource
``circular.campaign.<id>``: operators hang notifications on them (docs/operations.md).
"""

from __future__ import annotations

from typing import Any
from uuid import NAMESPACE_URL, uuid5

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NONE
from prefect.events import emit_event
from prefect.runtime import deployment

from circular.campaign import CampaignError, campaign_folder, load_campaign
from circular.followups.reminders import acknowledge_now
from circular.ledger import open_ledger, utcnow
from circular.replies.activity import ReplyNotice, last_reply_id, replies_after
from circular.replies.inbox import load_classifier, poll_once
from circular.sending.smtp import SmtpSetupError
from circular.web.answers import mark_announced, unannounced
from flows.common import flow_settings
from flows.review import request_reviews


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
        with ledger.session() as session:
            bookmark = last_reply_id(session)
        result = poll_once(ledger, settings, classify)
        with ledger.session() as session:
            new = replies_after(session, bookmark)
    finally:
        ledger.dispose()
    get_run_logger().info(result.summary())
    return {**result.as_dict(), "new_replies": new}


@task(name="announce-web-answers")
def announce_web_answers(database_url: str | None) -> int:
    """Emit ``circular.reply.received`` (channel ``web``) for each answer given on the
    confirmation page since the last poll: the page's process never imports Prefect, so the
    poll reports its answers. Event ids derive from the answer's id (announced once)."""
    ledger = open_ledger(database_url or flow_settings().resolved_database_url)
    try:
        with ledger.session() as session:
            notices = unannounced(session)
            for notice in notices:
                emit_event(
                    event=REPLY_EVENT,
                    id=uuid5(NAMESPACE_URL, f"circular:web-answer:{notice.identity}"),
                    resource={"prefect.resource.id": f"circular.campaign.{notice.campaign}"},
                    payload={
                        "kind": notice.kind,
                        "country": notice.country,
                        "language": notice.language,
                        "channel": "web",
                        "speaker": notice.speaker,
                        "day": notice.day,
                        "needs_review": False,
                        "reply_id": notice.reply_id,
                    },
                )
            mark_announced(session, [n.answer_id for n in notices])
    finally:
        ledger.dispose()
    return len(notices)


@flow(name="poll-replies", flow_run_name="replies · poll", log_prints=False)
def poll_replies(database_url: str | None = None, classifier: str | None = None) -> dict[str, Any]:
    """Read new replies: classify, match to their letters, record in the ledger, file them.

    ``classifier`` (``module:function``) replaces circular's classifier, for trials."""
    result = poll_mailbox(database_url, classifier)
    new_replies = result.pop("new_replies")
    for notice in new_replies:
        announce(notice)
    result["web_answers"] = announce_web_answers(database_url)
    accepted = sorted({n.campaign for n in new_replies if n.kind == "accept" and n.campaign})
    # Thanked now, not with the next reminder wave: exactly once still (the ledger's ack row).
    result["acknowledged"] = sum(acknowledge(campaign, database_url) for campaign in accepted)
    if deployment.id and any(notice.needs_review for notice in new_replies):
        # Deployed: each reply waiting for a person gets its review run (a form in the UI).
        result["review_runs"] = len(request_reviews())
    return result


@task(name="acknowledge", cache_policy=NONE)
def acknowledge(campaign_id: str, database_url: str | None = None) -> int:
    """Send ``campaign_id``'s acknowledgements not sent yet; returns how many went out. A
    campaign without its folder, or a send that fails, is logged: the next poll, follow-up or
    reconcile run tries again."""
    logger = get_run_logger()
    settings = flow_settings()
    if database_url:  # the poll's own ledger
        settings = settings.model_copy(update={"database_url": database_url})
    try:
        campaign = load_campaign(campaign_folder(campaign_id, settings), check_templates=False)
        result = acknowledge_now(settings, campaign, now=utcnow())
    except (CampaignError, SmtpSetupError, OSError) as error:
        logger.warning("%s: acknowledgements not sent now: %s", campaign_id, error)
        return 0
    for problem in result.problems:
        logger.warning(problem)
    return len(result.sent)


REPLY_EVENT = "circular.reply.received"
BOUNCE_EVENT = "circular.reply.bounce"


def announce(notice: ReplyNotice) -> None:
    """The events of one recorded reply. Their ids derive from the reply's, so an overlapping
    poll that saw the same new rows cannot announce a reply twice."""
    resource = {"prefect.resource.id": f"circular.campaign.{notice.campaign or 'unmatched'}"}
    emit_event(
        event=REPLY_EVENT,
        id=uuid5(NAMESPACE_URL, f"circular:reply:{notice.identity}"),
        resource=resource,
        payload={
            "kind": notice.kind,
            "country": notice.country,
            "language": notice.language,
            "needs_review": notice.needs_review,
            "reply_id": notice.reply_id,
            "channel": "email",
        },
    )
    if notice.kind == "bounce":
        emit_event(
            event=BOUNCE_EVENT,
            id=uuid5(NAMESPACE_URL, f"circular:bounce:{notice.identity}"),
            resource=resource,
            payload={
                "recipient": notice.bounce_recipient,
                "diagnostic": notice.diagnostic,
                "permanent": notice.bounce_permanent,
                "country": notice.country,
                "reply_id": notice.reply_id,
            },
        )


if __name__ == "__main__":
    poll_replies()

"""The ``review-reply`` flow: one reply waits for a person, who decides it in the Prefect UI.

The run pauses with a form (a ``RunInput``: accept / decline / other, and a note) whose
description shows the sender, the reply's text and the classifier's evidence; on resume the
decision goes to the ledger through ``circular.followups.review.decide``, which the CLI uses too."""

from __future__ import annotations

import hashlib
from typing import Any, Literal

from prefect import flow, get_run_logger
from prefect.flow_runs import pause_flow_run, suspend_flow_run
from prefect.input import RunInput
from prefect.runtime import deployment

from circular.followups.review import ReviewItem, decide, pending_reviews, review_item
from flows.common import flow_ledger, flow_settings

#: How long a reply may wait for a person (the run fails after that; a new one can be started).
REVIEW_TIMEOUT = 30 * 24 * 3600


class Decision(RunInput):
    """A person's decision on a reply."""

    kind: Literal["accept", "decline", "other"]
    note: str = ""


def _quote(text: str) -> str:
    return "\n".join(f"> {line}" for line in (text or "(no text)").splitlines())


def review_markdown(item: ReviewItem) -> str:
    """The form's description: who wrote, what they wrote, what the classifier made of it."""
    received = item.received_at.strftime("%Y-%m-%d %H:%M UTC") if item.received_at else "?"
    country = item.country or "no letter matched this message"
    return "\n".join(
        [
            f"### Reply {item.reply_id} from {item.sender}",
            "",
            f"- **Subject:** {item.subject}",
            f"- **Received:** {received}",
            f"- **Country:** {country}",
            f"- **Classifier:** {item.kind} (confidence {item.confidence:.2f})",
            f"- **Evidence:** {item.evidence or '(none)'}",
            f"- **Why it waits:** {item.reason or '(not given)'}",
            "",
            "**The reply's text:**",
            "",
            _quote(item.excerpt),
            "",
            "Decide **accept**, **decline** or **other**, with a note for the file.",
        ]
    )


@flow(name="review-reply", flow_run_name="reply {reply_id} · review")
def review_reply(reply_id: int, timeout: int = REVIEW_TIMEOUT) -> dict[str, Any]:
    """Wait for a person's decision on reply ``reply_id``, then record it in the ledger."""
    ledger = flow_ledger(flow_settings())
    try:
        with ledger.session() as session:
            item = review_item(session, reply_id)
    finally:
        ledger.dispose()
    form = Decision.with_initial_data(description=review_markdown(item), kind="other", note="")
    # A run of the deployment is suspended: its worker process ends, so a hundred replies
    # waiting for a person hold no process; on Resume it runs again from the top and this call
    # returns the decision. A run outside a deployment (tests, a script) can only pause.
    wait = suspend_flow_run if deployment.id else pause_flow_run
    decision = wait(wait_for_input=form, timeout=timeout, key=f"reply-{reply_id}")
    ledger = flow_ledger(flow_settings())
    try:
        decided = decide(ledger, reply_id, decision.kind, decision.note, by="the Prefect UI")
    finally:
        ledger.dispose()
    get_run_logger().info("reply %s decided %s", reply_id, decided.kind)
    return {"reply_id": reply_id, "kind": decided.kind, "note": decision.note}


def request_reviews(
    campaign: str | None = None, deployment_name: str = "review-reply/review-reply"
) -> list[str]:
    """Start one ``review-reply`` run (of the deployment) per reply waiting for a person, once
    per reply whatever the number of calls (idempotency key ``review-reply:<ledger>:<id>``).
    The deployed poll calls this when replies wait for review. Returns the flow run ids."""
    from prefect.deployments import run_deployment

    ledger = flow_ledger(flow_settings())
    try:
        with ledger.session() as session:
            waiting = pending_reviews(session, campaign)
    finally:
        ledger.dispose()
    # Reply ids are unique within one ledger; a Prefect server may serve several.
    book = hashlib.sha256(ledger.url.encode()).hexdigest()[:12]
    runs = []
    for item in waiting:
        key = f"review-reply:{book}:{item.reply_id}"
        tags = ["circular", "review", *([f"campaign:{item.campaign}"] if item.campaign else [])]
        run = run_deployment(
            deployment_name,
            parameters={"reply_id": item.reply_id},
            idempotency_key=key,
            tags=tags,
            timeout=0,
            as_subflow=False,
        )
        if run.state is not None and run.state.is_final() and not run.state.is_completed():
            # That run crashed, failed or timed out without a decision: the reply still waits,
            # so it gets a new run (its key names the run it replaces).
            run = run_deployment(
                deployment_name,
                parameters={"reply_id": item.reply_id},
                idempotency_key=f"{key}:after:{run.id}",
                tags=tags,
                timeout=0,
                as_subflow=False,
            )
        runs.append(str(run.id))
    return runs

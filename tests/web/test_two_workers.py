"""``circular web --workers 2`` over one ledger (SQLite and PostgreSQL): answers posted at once
through both worker processes are each recorded exactly once, as a web answer and as its reply
(issue 20: on SQLite a write runs on the event loop only when no other process holds the lock,
else it waits for it in a thread)."""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from circular.ledger import WEB_MAILBOX, Ledger, Reply, WebAnswer
from circular.letters.links import ensure_links
from circular.settings import PROJECT_ROOT
from demo.run import write_shifted_campaign
from tests.support.followup_support import add_contacts, sample_rows
from tests.support.web_support import free_port, page_env, web_process

_CSRF = re.compile(r'name="csrf" value="([0-9a-f]{64})"')
ROUNDS = 4


def _respondent(base: str, token: str, number: int) -> list[str]:
    """Answer ``ROUNDS`` times, each on a new connection (so either worker may take it)."""
    speakers = []
    for round_ in range(ROUNDS):
        speaker = f"Speaker {number}.{round_}"
        with httpx.Client(timeout=60) as client:
            page = client.get(f"{base}/r/{token}")
            found = _CSRF.search(page.text)
            assert page.status_code == 200 and found is not None, page.text
            posted = client.post(
                f"{base}/r/{token}",
                data={"csrf": found.group(1), "lang": "en", "answer": "accept",
                      "speaker_name": speaker},
            )  # fmt: skip
            assert posted.status_code == 303, posted.text
            assert speaker in client.get(f"{base}{posted.headers['location']}").text
        speakers.append(speaker)
    return speakers


@pytest.mark.both_databases
def test_answers_through_two_workers_at_once_are_each_recorded_once(
    ledger: Ledger, tmp_path: Path
) -> None:
    folder = write_shifted_campaign(
        PROJECT_ROOT / "letters" / "cl-21-4", tmp_path / "letters", date.today()
    )
    ids = add_contacts(ledger, sample_rows({"en": 6, "fr": 6}), tmp_path / "out")
    with ledger.session() as session:
        tokens = list(ensure_links(session, folder.name, ids.values()).values())
    port = free_port()
    env = page_env(
        ledger,
        tmp_path,
        port,
        CIRCULAR_WEB_RATE_PER_MINUTE="100000",
        CIRCULAR_WEB_TOKEN_RATE_PER_MINUTE="100000",
    )
    base = f"http://127.0.0.1:{port}"
    with web_process(env, "--workers", "2"), ThreadPoolExecutor(len(tokens)) as pool:
        posted = [
            s for found in pool.map(_respondent, [base] * len(tokens), tokens, range(len(tokens)))
            for s in found
        ]  # fmt: skip
    assert len(posted) == len(tokens) * ROUNDS
    with ledger.session() as session:
        names = session.scalars(select(WebAnswer.speaker_name)).all()
        assert sorted(names) == sorted(posted)  # none lost, none twice
        replies = session.scalar(
            select(func.count()).select_from(Reply).where(Reply.mailbox == WEB_MAILBOX)
        )
        assert replies == len(posted)
        linked = session.scalar(select(func.count(func.distinct(WebAnswer.reply_id))))
        assert linked == len(posted)  # each answer its own reply

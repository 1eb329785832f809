"""The page's SQLite work on the event loop never waits for a lock (circular/web/loop_ledger.py,
issue 20): while another process holds the ledger's write lock, pages are still served at once,
and an answer posted meanwhile waits for the lock in a thread and is recorded exactly once when
it is free."""

from __future__ import annotations

import re
import sqlite3
import threading
import time

import httpx
from sqlalchemy import func, make_url, select

from circular.ledger import WebAnswer
from tests.support.web_support import WebDesk

_CSRF = re.compile(r'name="csrf" value="([0-9a-f]{64})"')


def _answers(desk: WebDesk) -> int:
    with desk.ledger.session() as session:
        return int(session.scalar(select(func.count()).select_from(WebAnswer)) or 0)


def test_a_locked_ledger_blocks_no_page_and_loses_no_answer(web_desk: WebDesk) -> None:
    url = web_desk.link("en")
    with httpx.Client(timeout=60) as client:
        page = client.get(url)
        found = _CSRF.search(page.text)
        assert found is not None
        form = {"csrf": found.group(1), "lang": "en", "answer": "accept", "speaker_name": "Held"}
        other = sqlite3.connect(str(make_url(web_desk.ledger.url).database), timeout=10)
        other.execute("BEGIN IMMEDIATE")  # another process's write, holding the lock
        try:
            posted: list[httpx.Response] = []
            poster = threading.Thread(target=lambda: posted.append(client.post(url, data=form)))
            poster.start()
            time.sleep(1.0)
            assert not posted, "the answer was recorded while another process held the lock"
            started = time.monotonic()
            shown = httpx.get(web_desk.link("fr"), timeout=10)  # the loop is not waiting
            assert shown.status_code == 200 and time.monotonic() - started < 1.0
            assert _answers(web_desk) == 0
        finally:
            other.rollback()
            other.close()
        poster.join(30)
    assert posted and posted[0].status_code == 303, posted
    assert _answers(web_desk) == 1

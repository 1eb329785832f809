"""What the page keeps between requests (issue 20: the skeletons of circular/web/contact_page.py,
round 1's cache of rendered pages before them) never shows a stale state: an answer posted, or a
contact changed, shows at once; and two server processes over one ledger, each with its own
skeletons, each show what the other recorded on the very next request."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import httpx
from sqlalchemy import select

from circular.ledger import Contact, Ledger
from circular.letters.links import ensure_links
from circular.settings import PROJECT_ROOT
from demo.run import write_shifted_campaign
from tests.support.followup_support import add_contacts, sample_rows
from tests.support.web_support import WebDesk, free_port, web_process

_CSRF = re.compile(r'name="csrf" value="([0-9a-f]{64})"')
_SPEAKER = re.compile(r'name="speaker_name" maxlength="\d+" value="([^"]*)"')


def _page(client: httpx.Client, url: str) -> tuple[str, str]:
    """The page's speaker field and CSRF field."""
    page = client.get(url)
    assert page.status_code == 200, page.text
    speaker, csrf = _SPEAKER.search(page.text), _CSRF.search(page.text)
    assert speaker is not None and csrf is not None, page.text
    return speaker.group(1), csrf.group(1)


def _answer(client: httpx.Client, url: str, answer: str, speaker: str) -> None:
    _, csrf = _page(client, url)
    posted = client.post(
        url, data={"csrf": csrf, "answer": answer, "speaker_name": speaker, "lang": "en"}
    )
    assert posted.status_code == 303, posted.text


def test_a_cached_page_shows_each_answer_and_contact_change_at_once(web_desk: WebDesk) -> None:
    url = web_desk.link("en")
    with httpx.Client() as first, httpx.Client() as second:
        shown, first_csrf = _page(first, url)
        assert _page(first, url)[0] == shown  # served again, now from a skeleton
        _, second_csrf = _page(second, url)
        # Each visitor still gets the field of their own cookie, cached page or not.
        assert first_csrf != second_csrf

        _answer(first, url, "accept", "Speaker One")
        assert _page(first, url)[0] == "Speaker One"
        assert _page(second, url)[0] == "Speaker One"
        _answer(second, url, "decline", "Speaker Two")
        assert _page(first, url)[0] == "Speaker Two"

    with web_desk.ledger.session() as session:
        contact = session.scalar(select(Contact).where(Contact.language == "ru"))
        assert contact is not None
        contact.name = "Renamed Minister"
    with httpx.Client() as client:
        assert "Renamed Minister" in _page(client, web_desk.link("ru"))[0]


def test_two_server_processes_never_serve_a_stale_page(ledger: Ledger, tmp_path: Path) -> None:
    folder = write_shifted_campaign(
        PROJECT_ROOT / "letters" / "cl-21-4", tmp_path / "letters", date.today()
    )
    ids = add_contacts(ledger, sample_rows({"en": 1}), tmp_path / "out")
    with ledger.session() as session:
        (token,) = ensure_links(session, folder.name, ids.values()).values()
    settings = {
        "CIRCULAR_DATABASE_URL": ledger.url,
        "CIRCULAR_LETTERS_DIR": str(tmp_path / "letters"),
        "CIRCULAR_OUT_DIR": str(tmp_path / "out"),
        # As `circular web --workers N` gives every worker the same key.
        "CIRCULAR_WEB_SECRET": "one-key-for-both-processes",
    }
    port_a, port_b = free_port(), free_port()
    with (
        web_process({**settings, "CIRCULAR_WEB_PORT": str(port_a)}),
        web_process({**settings, "CIRCULAR_WEB_PORT": str(port_b)}),
        httpx.Client() as client,  # one browser, its requests spread over both processes
    ):
        on_a, on_b = f"http://127.0.0.1:{port_a}/r/{token}", f"http://127.0.0.1:{port_b}/r/{token}"
        before, _ = _page(client, on_a)
        assert _page(client, on_a)[0] == before and _page(client, on_b)[0] == before  # cached
        for number in range(1, 4):
            writer, reader = (on_b, on_a) if number % 2 else (on_a, on_b)
            _answer(client, writer, "accept", f"Speaker {number}")
            assert _page(client, reader)[0] == f"Speaker {number}"
            assert _page(client, writer)[0] == f"Speaker {number}"

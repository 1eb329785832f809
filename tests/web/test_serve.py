"""``circular web`` as staff run it (its own process, uvicorn): the page answers a personal link,
and nothing it prints holds the link's token (the token lets anyone answer for the contact)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import httpx
import pytest

from circular.ledger import Ledger
from circular.letters.links import ensure_links
from circular.settings import PROJECT_ROOT, load_settings
from circular.web.app import create_app
from demo.run import write_shifted_campaign
from tests.support.followup_support import add_contacts, sample_rows
from tests.support.web_support import free_port, page_env, web_process


def test_the_served_page_answers_a_link_and_never_prints_its_token(
    ledger: Ledger, tmp_path: Path
) -> None:
    folder = write_shifted_campaign(
        PROJECT_ROOT / "letters" / "cl-21-4", tmp_path / "letters", date.today()
    )
    ids = add_contacts(ledger, sample_rows({"fr": 1}), tmp_path / "out")
    with ledger.session() as session:
        (token,) = ensure_links(session, folder.name, ids.values()).values()
    port = free_port()
    env = page_env(ledger, tmp_path, port)
    with web_process(env) as server:
        page = httpx.get(f"http://127.0.0.1:{port}/r/{token}", timeout=10)
        assert page.status_code == 200 and 'name="csrf"' in page.text
    output, _ = server.communicate(timeout=20)
    assert f"127.0.0.1:{port}" in output  # what it printed was read
    assert token not in output


def test_the_page_starts_beside_a_campaign_it_cannot_read(
    ledger: Ledger,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    write_shifted_campaign(PROJECT_ROOT / "letters" / "cl-21-4", tmp_path / "letters", date.today())
    broken = tmp_path / "letters" / "cl-99-1"
    broken.mkdir()
    (broken / "campaign.yaml").write_text("reference: [unclosed\n", encoding="utf-8")
    monkeypatch.setenv("CIRCULAR_LETTERS_DIR", str(tmp_path / "letters"))
    create_app(load_settings(), ledger, b"k" * 32)  # warms up the campaign it can read

    assert "campaign cl-99-1 cannot be read" in caplog.text

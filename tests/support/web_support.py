"""A campaign whose invitations went out (to a real aiosmtpd) with personal links, and the
confirmation page served by a real uvicorn on 127.0.0.1: shared by the page's tests."""

from __future__ import annotations

import email
import os
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from email.message import EmailMessage
from email.policy import default
from pathlib import Path

import httpx
import pytest
import uvicorn

from circular.campaign import Campaign, load_campaign
from circular.ledger import Ledger
from circular.sending.outbox import SendOptions, send
from circular.sending.outgoing import campaign_messages
from circular.sending.smtp import SmtpConfig
from circular.settings import PROJECT_ROOT, Security, load_settings
from circular.web.app import create_app
from demo.run import write_shifted_campaign
from tests.servers.smtp_server import RecordingHandler, smtp_server
from tests.support.followup_support import add_contacts, sample_rows

LANGUAGES = ("ar", "en", "es", "fr", "ru", "zh")
_URL = re.compile(r"https?://127\.0\.0\.1:\d+/r/[A-Za-z0-9_-]{32}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class WebDesk:
    """The campaign, its ledger, the e-mails as received, the page's base URL."""

    ledger: Ledger
    campaign: Campaign
    base: str
    mails: dict[str, EmailMessage]  # by language
    countries: dict[str, str]  # language -> ISO3
    tmp: Path

    def link(self, language: str) -> str:
        """The personal link, as the rendered e-mail of ``language``'s contact gives it."""
        body = self.mails[language].get_body(("plain",))
        assert body is not None
        found = _URL.findall(body.get_content())
        assert len(found) == 1, found
        return found[0]


@contextmanager
def serve(ledger: Ledger, key: bytes = b"k" * 32) -> Iterator[str]:
    """The page over ``ledger`` on a real uvicorn in a thread; yields its base URL."""
    settings = load_settings()
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(settings, ledger, key),
            host="127.0.0.1",
            port=settings.web_port,
            log_level="warning",
            server_header=False,  # as `circular web` runs it
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "the page's server did not start"
        time.sleep(0.05)
    try:
        yield settings.resolved_public_url
    finally:
        server.should_exit = True
        thread.join(10)


def page_env(ledger: Ledger, tmp_path: Path, port: int, **more: str) -> dict[str, str]:
    """The ``CIRCULAR_*`` settings of a page over ``ledger`` with its folders in ``tmp_path``
    on ``port``, and ``more`` of them."""
    return {
        "CIRCULAR_DATABASE_URL": ledger.url,
        "CIRCULAR_LETTERS_DIR": str(tmp_path / "letters"),
        "CIRCULAR_OUT_DIR": str(tmp_path / "out"),
        "CIRCULAR_WEB_PORT": str(port),
        **more,
    }


@contextmanager
def web_process(env: dict[str, str], *options: str) -> Iterator[subprocess.Popen[str]]:
    """``circular web OPTIONS`` in its own process with ``env`` (``CIRCULAR_*`` settings; the
    rest is this process's environment), up once it answers /healthz; stopped on leaving,
    its output then in ``communicate()``'s result."""
    port = env["CIRCULAR_WEB_PORT"]
    server = subprocess.Popen(
        [sys.executable, "-m", "circular", "web", *options],
        cwd=PROJECT_ROOT,
        env={**{k: v for k, v in os.environ.items() if not k.startswith("CIRCULAR_")}, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None and time.monotonic() < deadline, "did not start"
            try:
                httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        yield server
    finally:
        server.terminate()
        try:
            server.wait(20)
        except subprocess.TimeoutExpired:
            server.kill()


@pytest.fixture
def web_desk(ledger: Ledger, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[WebDesk]:
    folder = write_shifted_campaign(
        PROJECT_ROOT / "letters" / "cl-21-4", tmp_path / "letters", date.today()
    )
    port = free_port()
    for name, value in page_env(
        ledger,
        tmp_path,
        port,
        CIRCULAR_PUBLIC_URL="",
        CIRCULAR_WEB_RATE_PER_MINUTE="600",
        CIRCULAR_WEB_TOKEN_RATE_PER_MINUTE="100",
    ).items():
        monkeypatch.setenv(name, value)
    campaign = load_campaign(folder)
    ids = add_contacts(ledger, sample_rows(dict.fromkeys(LANGUAGES, 1)), tmp_path / "out")
    handler = RecordingHandler()
    with smtp_server(handler) as (server, _):
        built = campaign_messages(ledger, campaign, tmp_path / "out")
        assert not built.problems, built.problems
        smtp = SmtpConfig("127.0.0.1", server.port, security=Security.NONE)
        report = send(ledger, built.messages, smtp, SendOptions(connections=1))
        assert report.sent == len(ids), report
    mails: dict[str, EmailMessage] = {}
    countries: dict[str, str] = {}
    for item in handler.received:
        message = email.message_from_bytes(item.data, policy=default)
        language = str(message["Content-Language"])
        mails[language] = message  # type: ignore[assignment]
    with ledger.session() as session:
        from circular.ledger import contacts_of

        for contact in contacts_of(session, campaign.id):
            countries[contact.language] = contact.iso3
    with serve(ledger) as base:
        yield WebDesk(ledger, campaign, base, mails, countries, tmp_path)

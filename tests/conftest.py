"""Shared fixtures. Servers (Prefect, SMTP, IMAP) are real and started by the tests."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from circular.ledger import Ledger

# The Dovecot IMAP server fixtures (dovecot_server, imap_account).
pytest_plugins = ["tests.servers.dovecot"]

# Tests never talk to a real Prefect Cloud or a user's server, and send no analytics.
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_SERVER_SERVICES_EVENT_PERSISTER_FLUSH_INTERVAL", "0.5")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")


@pytest.fixture
def ledger(tmp_path: Path) -> Iterator[Ledger]:
    """A fresh SQLite ledger in a temporary folder."""
    book = Ledger(f"sqlite:///{tmp_path / 'ledger.sqlite3'}")
    yield book
    book.dispose()


@pytest.fixture(scope="session")
def prefect_server() -> Iterator[None]:
    """One real Prefect server (prefect_test_harness) for the whole test session.

    Starting one takes several seconds, so every Prefect test shares it."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=60):
        yield

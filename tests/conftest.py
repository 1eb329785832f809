"""Shared fixtures. Servers (Prefect, SMTP, IMAP) are real and started by the tests."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from circular.ledger import Ledger
from tests.servers.postgres import postgres_server, postgres_url  # noqa: F401 (fixtures)

# The Dovecot IMAP server fixtures (dovecot_server, imap_account).
pytest_plugins = ["tests.servers.dovecot"]

# Tests never talk to a real Prefect Cloud or a user's server, and send no analytics.
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_SERVER_SERVICES_EVENT_PERSISTER_FLUSH_INTERVAL", "0.5")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")


#: The databases a test marked ``both_databases`` runs on.
LEDGER_BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Run the tests marked ``both_databases`` once on SQLite and once on PostgreSQL."""
    marked = metafunc.definition.get_closest_marker("both_databases") is not None
    if marked and "ledger_url" in metafunc.fixturenames:
        metafunc.parametrize("ledger_url", LEDGER_BACKENDS, indirect=True)


@pytest.fixture
def ledger_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of a fresh, empty ledger database: a SQLite file in a temporary folder, or (for
    tests marked ``both_databases``, in their ``postgresql`` run) a new database on the
    session's PostgreSQL test cluster."""
    if getattr(request, "param", "sqlite") == "postgresql":
        return str(request.getfixturevalue("postgres_url"))
    return f"sqlite:///{tmp_path / 'ledger.sqlite3'}"


@pytest.fixture
def ledger(ledger_url: str) -> Iterator[Ledger]:
    """A fresh ledger: SQLite, or both SQLite and PostgreSQL for tests marked
    ``both_databases``."""
    book = Ledger(ledger_url)
    yield book
    book.dispose()


@pytest.fixture(scope="session")
def prefect_server() -> Iterator[None]:
    """One real Prefect server (prefect_test_harness) for the whole test session.

    Starting one takes several seconds, so every Prefect test shares it."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=60):
        yield


#: Top-level entries of the clone that the suite itself may create (tool caches).
CACHES = {".pytest_cache", ".hypothesis", ".ruff_cache", "__pycache__"}
_ROOT = Path(__file__).resolve().parents[1]
_BEFORE: set[str] = set()


def pytest_sessionstart(session: pytest.Session) -> None:
    _BEFORE.update(entry.name for entry in _ROOT.iterdir())


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fail the run when a test wrote into the clone (a report, a data folder): a second run
    would start from what the first left, and a person's working copy fills with test files.
    Only a run of the whole suite checks (a run of one file may follow a stray one)."""
    if session.config.args not in ([], [str(_ROOT)], [str(_ROOT / "tests")], ["tests"]):
        return
    left = sorted({entry.name for entry in _ROOT.iterdir()} - _BEFORE - CACHES)
    if left:
        print(f"\nthe tests left new files in {_ROOT}: {', '.join(left)}")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture(autouse=True)
def _children_hear_ctrl_c() -> Iterator[None]:
    """Tests send SIGINT to the processes they start (senders, the sandbox). A shell's
    background job (`make test &`, nohup) starts with SIGINT ignored, and an ignored signal
    stays ignored in every child, so a sender would rightly ignore Ctrl-C as POSIX asks: give
    the children Python's default (a handled signal is reset to the default across exec),
    whatever the launcher did."""
    previous = signal.getsignal(signal.SIGINT)
    if previous == signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    if previous == signal.SIG_IGN:
        signal.signal(signal.SIGINT, previous)

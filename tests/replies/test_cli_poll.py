"""``circular poll``'s error handling (the successful runs are in test_poll_e2e.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from circular.cli import _register, app
from tests.servers.dovecot import free_port

_register()


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {
        "CIRCULAR_DATABASE_URL": f"sqlite:///{tmp_path / 'ledger.sqlite3'}",
        "CIRCULAR_IMAP_HOST": "127.0.0.1",
        "CIRCULAR_IMAP_PORT": str(free_port()),  # nothing listens there
        "CIRCULAR_IMAP_USERNAME": "someone",
        "CIRCULAR_IMAP_PASSWORD": "pw-never-shown",
        "CIRCULAR_IMAP_SECURITY": "none",
    }


def test_an_unreachable_server_is_named_and_exits_1(env: dict[str, str]) -> None:
    result = CliRunner().invoke(
        app, ["poll", "--classifier", "tests.support.inbox_support:header_classifier"], env=env
    )
    assert result.exit_code == 1
    assert f"cannot connect to the IMAP server 127.0.0.1:{env['CIRCULAR_IMAP_PORT']}" in (
        result.output
    )
    assert "pw-never-shown" not in result.output


def test_an_unknown_classifier_is_refused_before_any_mail_is_touched(
    env: dict[str, str],
) -> None:
    result = CliRunner().invoke(app, ["poll", "--classifier", "nowhere:nothing"], env=env)
    assert result.exit_code == 2
    assert "classifier 'nowhere:nothing' not found" in result.output


def test_plain_imap_to_a_remote_host_is_refused(env: dict[str, str]) -> None:
    env["CIRCULAR_IMAP_HOST"] = "imap.example.org"
    result = CliRunner().invoke(
        app, ["poll", "--classifier", "tests.support.inbox_support:header_classifier"], env=env
    )
    assert result.exit_code == 1
    assert "without TLS" in result.output

"""``circular check-mail`` against servers configured as Microsoft 365 is: STARTTLS aiosmtpd
taking XOAUTH2, Dovecot taking XOAUTH2 (oauth2 passdb) over TLS with its Sent folder marked
``\\Sent``, tokens from msal at the test token server. Every line green there; the right ✗ line
for each failure; never a secret in the output."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from circular.cli import _register, app
from circular.sending.checks import run_checks
from circular.settings import load_settings
from tests.servers.dovecot_oauth2 import DovecotOAuth2Server
from tests.servers.oauth_server import TokenServer
from tests.servers.provider_smtp import ProviderHandler, provider_smtp
from tests.servers.smtp_server import make_test_tls

pytestmark = pytest.mark.dovecot


@pytest.fixture
def microsoft365(
    token_server: TokenServer,
    oauth_dovecot: DovecotOAuth2Server,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[tuple[dict[str, str], ProviderHandler]]:
    """The environment an operator sets for a Microsoft 365 mailbox, pointed at the local
    servers; yields it and the SMTP server's handler."""
    account = oauth_dovecot.new_account()
    token_server.app_mailboxes.add(account.user)
    handler = ProviderHandler(validate=token_server.validate)
    # Exchange keeps a copy of what it is given in the sender's Sent Items.
    handler.keep_copy = lambda data: oauth_dovecot.save(account.user, data, "Sent Items")
    context, smtp_ca = make_test_tls(tmp_path / "smtp-pki")
    with provider_smtp(handler, starttls=context) as server:
        env = {
            "CIRCULAR_MAIL_PROVIDER": "microsoft365",
            "CIRCULAR_SMTP_HOST": "127.0.0.1",
            "CIRCULAR_SMTP_PORT": str(server.port),
            "CIRCULAR_SMTP_CA_FILE": str(smtp_ca),
            "CIRCULAR_SMTP_USERNAME": account.user,
            "CIRCULAR_IMAP_HOST": "127.0.0.1",
            "CIRCULAR_IMAP_PORT": str(oauth_dovecot.tls_port),
            "CIRCULAR_IMAP_CA_FILE": str(oauth_dovecot.ca_file),
            "CIRCULAR_IMAP_USERNAME": account.user,
            # A name that does not exist: the folder marked \Sent is found first.
            "CIRCULAR_IMAP_SENT_FOLDER": "Sent",
            "CIRCULAR_OAUTH_TENANT": token_server.tenant,
            "CIRCULAR_OAUTH_CLIENT_ID": token_server.client_id,
            "CIRCULAR_OAUTH_CLIENT_SECRET": token_server.client_secret,
            "CIRCULAR_OAUTH_AUTHORITY_HOST": token_server.url,
            "CIRCULAR_OAUTH_CA_FILE": str(token_server.ca_file),
            "CIRCULAR_DATA_DIR": str(tmp_path / "data"),
        }
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        yield env, handler


def check_mail(*args: str) -> tuple[int, str]:
    _register()
    result = CliRunner().invoke(app, ["check-mail", *args])
    return result.exit_code, result.output


def test_every_line_green_and_the_test_message_found(
    microsoft365: tuple[dict[str, str], ProviderHandler],
) -> None:
    env, handler = microsoft365
    code, output = check_mail(
        "--send-test", "someone@example.org", "--from", "wsis-info@itu.example", "--wait", "10"
    )
    print(output)
    lines = output.splitlines()
    assert code == 0, output
    assert all(line.startswith("✓ ") for line in lines), output
    text = "\n".join(lines)
    assert "provider microsoft365, SMTP login xoauth2, IMAP login xoauth2" in text
    assert "SMTP 127.0.0.1:" in text and "TLS: subject localhost, issuer circular test CA" in text
    assert "AUTH LOGIN PLAIN XOAUTH2;" in text and "SMTPUTF8 yes" in text
    assert "OAuth2 token: from microsoft (tenant example.org" in text
    assert f"SMTP login as {env['CIRCULAR_SMTP_USERNAME']}: accepted (xoauth2)" in text
    assert "IDLE yes, SPECIAL-USE yes" in text
    assert "IMAP reply folder INBOX: found" in text
    assert "IMAP Sent folder Sent Items: the provider keeps the copy" in text
    assert "test message found: in Sent Items" in text
    assert len(handler.received) == 1
    assert env["CIRCULAR_OAUTH_CLIENT_SECRET"] not in output and "tok-" not in output


def test_a_wrong_secret_is_the_one_red_line_and_exit_1(
    microsoft365: tuple[dict[str, str], ProviderHandler], monkeypatch: pytest.MonkeyPatch
) -> None:
    wrong = "not-the-secret-" + "z" * 20
    monkeypatch.setenv("CIRCULAR_OAUTH_CLIENT_SECRET", wrong)
    code, output = check_mail()
    print(output)
    assert code == 1
    failed = [line for line in output.splitlines() if line.startswith("✗ ")]
    assert failed and all("AADSTS7000215" in line for line in failed), output
    assert "CIRCULAR_OAUTH_CLIENT_SECRET" in failed[0]
    assert wrong not in output


def test_basic_auth_refused_is_named_with_the_fix(
    microsoft365: tuple[dict[str, str], ProviderHandler], monkeypatch: pytest.MonkeyPatch
) -> None:
    _env, handler = microsoft365
    handler.login_answer = "550 5.7.30 Basic authentication is not supported for Client Submission."
    monkeypatch.setenv("CIRCULAR_SMTP_AUTH", "password")
    monkeypatch.setenv("CIRCULAR_SMTP_PASSWORD", "old-password-123")
    code, output = check_mail()
    print(output)
    assert code == 1
    (failed,) = [line for line in output.splitlines() if line.startswith("✗ ")]
    assert failed.startswith("✗ SMTP login as ")
    assert "use CIRCULAR_SMTP_AUTH=xoauth2, see docs/providers.md" in failed
    assert "old-password-123" not in output


def test_a_missing_sent_folder_is_never_created(
    token_server: TokenServer, imap_account, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    settings = load_settings(
        smtp_port=imap_account.port,  # no SMTP there: only the IMAP lines matter here
        imap_port=imap_account.port,
        imap_security="none",
        imap_username=imap_account.user,
        imap_password=imap_account.password,
        imap_sent_folder="Sent",
        data_dir=tmp_path,
    )
    checks = run_checks(settings)
    (sent,) = [check for check in checks if check.what.startswith("IMAP Sent folder")]
    assert not sent.ok and "none is marked \\Sent" in sent.detail
    assert "Sent" not in [f.name for f in _folders(imap_account)]


def _folders(account):  # type: ignore[no-untyped-def]
    import imaplib

    with imaplib.IMAP4("127.0.0.1", account.port) as client:
        client.login(account.user, account.password)
        _typ, data = client.list()
    return [type("F", (), {"name": line.decode().rsplit(" ", 1)[-1].strip('"')}) for line in data]

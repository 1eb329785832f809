"""XOAUTH2 end to end: msal and google-auth fetching tokens from a real HTTPS token server on
127.0.0.1, aiosmtpd and Dovecot (its oauth2 passdb) validating them; and each failure: wrong
secret, expired or revoked token, a server without XOAUTH2, clocks that differ."""

from __future__ import annotations

from pathlib import Path

import pytest

from circular.ledger import Ledger, MessageStatus
from circular.sending.imap import ImapConfig, ImapError, close_mailbox, open_mailbox
from circular.sending.oauth import OAuthError, token_source
from circular.sending.outbox import SendOptions, send
from circular.sending.smtp import SmtpConfig, SmtpSetupError
from circular.settings import Settings, load_settings
from tests.servers.dovecot_oauth2 import DovecotOAuth2Server
from tests.servers.oauth_server import TokenServer
from tests.servers.provider_smtp import ProviderHandler, provider_smtp
from tests.servers.smtp_server import smtp_server
from tests.support.outbox_helpers import add_contacts, letters_for

MAILBOX = "wsis-info@itu.example"
FAST = SendOptions(connections=3, retry_delay=0.05)


def microsoft(server: TokenServer, **overrides: object) -> Settings:
    """Settings as an operator of a Microsoft 365 mailbox writes them, pointed at the test
    token server (its own CA) and the local servers."""
    values: dict[str, object] = {
        "mail_provider": "microsoft365",
        "smtp_host": "127.0.0.1",
        "smtp_security": "none",
        "smtp_username": MAILBOX,
        "imap_host": "127.0.0.1",
        "imap_security": "none",
        "imap_username": MAILBOX,
        "oauth_tenant": server.tenant,
        "oauth_client_id": server.client_id,
        "oauth_client_secret": server.client_secret,
        "oauth_authority_host": server.url,
        "oauth_ca_file": server.ca_file,
    }
    values.update(overrides)
    return load_settings(**values)


def google(server: TokenServer, key_file: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "mail_provider": "google",
        "smtp_host": "127.0.0.1",
        "smtp_security": "none",
        "smtp_username": MAILBOX,
        "imap_username": MAILBOX,
        "oauth_service_account_file": key_file,
        "oauth_ca_file": server.ca_file,
    }
    values.update(overrides)
    return load_settings(**values)


def test_msal_gets_a_token_once_and_it_is_cached(token_server: TokenServer) -> None:
    source = token_source(microsoft(token_server, oauth_scope=""), MAILBOX)
    first, second = source.token(), source.token()
    assert first == second and first.startswith("tok-")
    assert token_server.requests["microsoft"] == 1  # msal's POST, once
    assert token_server.requests["discovery"] == 1  # msal's tenant discovery
    assert token_server.validate(first, MAILBOX) is False  # no mailbox granted yet
    token_server.app_mailboxes.add(MAILBOX)
    assert token_server.validate(first, MAILBOX)


def test_a_wrong_client_secret_names_the_provider_and_the_setting(
    token_server: TokenServer,
) -> None:
    wrong = "wrong-secret-" + "x" * 20
    settings = microsoft(token_server, oauth_client_secret=wrong)
    with pytest.raises(OAuthError) as caught:
        token_source(settings, MAILBOX).token()
    message = str(caught.value)
    assert "AADSTS7000215" in message and "microsoft (tenant example.org" in message
    assert "CIRCULAR_OAUTH_CLIENT_SECRET" in message
    assert wrong not in message and token_server.client_secret not in message


def test_google_service_account_token_for_the_mailbox(
    token_server: TokenServer, service_account_file: Path
) -> None:
    token_server.delegated.add(MAILBOX)
    token = token_source(google(token_server, service_account_file), MAILBOX).token()
    assert token_server.validate(token, MAILBOX)
    assert not token_server.validate(token, "someone-else@itu.example")


def test_google_without_delegation_is_a_clear_error(
    token_server: TokenServer, service_account_file: Path
) -> None:
    with pytest.raises(OAuthError, match=r"unauthorized_client.*domain-wide delegation"):
        token_source(google(token_server, service_account_file), MAILBOX).token()


def test_clocks_that_differ_are_named(
    token_server: TokenServer, service_account_file: Path
) -> None:
    token_server.delegated.add(MAILBOX)
    token_server.skew = 2 * 3600.0  # the token server's clock is two hours ahead
    with pytest.raises(OAuthError, match=r"iat and exp.*clocks .* differ: check the time"):
        token_source(google(token_server, service_account_file), MAILBOX).token()


def _validating_handler(server: TokenServer) -> ProviderHandler:
    return ProviderHandler(validate=server.validate)


def test_send_with_xoauth2_one_token_for_the_whole_run(
    ledger: Ledger, token_server: TokenServer
) -> None:
    token_server.app_mailboxes.add(MAILBOX)
    handler = _validating_handler(token_server)
    ids = add_contacts(ledger, 9)
    with provider_smtp(handler) as server:
        settings = microsoft(token_server, smtp_port=server.port)
        report = send(ledger, letters_for(ids), SmtpConfig.from_settings(settings), FAST)
    assert report.sent == 9 and len(handler.received) == 9
    assert token_server.requests["microsoft"] == 1  # three connections, one token
    assert handler.xoauth2_logins == 3


def test_an_expired_token_is_refreshed_once_mid_campaign(
    ledger: Ledger, token_server: TokenServer
) -> None:
    token_server.app_mailboxes.add(MAILBOX)
    handler = _validating_handler(token_server)
    ids = add_contacts(ledger, 6)
    messages = letters_for(ids)
    with provider_smtp(handler) as server:
        config = SmtpConfig.from_settings(microsoft(token_server, smtp_port=server.port))
        assert send(ledger, messages[:3], config, FAST).sent == 3
        token_server.expire_all()  # revoked early: circular's cache still thinks it valid
        report = send(ledger, messages, config, FAST)
    assert report.sent == 3 and len(handler.received) == 6
    assert token_server.requests["microsoft"] == 2  # one refresh, shared by 3 connections


def test_a_token_refused_after_its_refresh_stops_with_the_setting_to_fix(
    ledger: Ledger, token_server: TokenServer
) -> None:
    handler = _validating_handler(token_server)  # the app was given no mailbox
    ids = add_contacts(ledger, 5)
    with provider_smtp(handler) as server:
        config = SmtpConfig.from_settings(microsoft(token_server, smtp_port=server.port))
        with pytest.raises(SmtpSetupError) as caught:
            send(ledger, letters_for(ids), config, FAST)
    message = str(caught.value)
    assert "refused the XOAUTH2 login with a fresh token from microsoft" in message
    assert "CIRCULAR_OAUTH_CLIENT_ID" in message and "535 5.7.3" in message
    assert "tok-" not in message and token_server.client_secret not in message
    assert token_server.requests["microsoft"] == 2  # the first token and one refresh: no storm
    assert handler.xoauth2_logins <= 2 * 3 and not handler.received
    with ledger.session() as session:
        from sqlalchemy import select

        from circular.ledger import Message

        statuses = set(session.scalars(select(Message.status)))
    assert statuses == {MessageStatus.PENDING}


def test_a_server_without_xoauth2_is_a_setup_error(
    ledger: Ledger, token_server: TokenServer
) -> None:
    token_server.app_mailboxes.add(MAILBOX)
    ids = add_contacts(ledger, 2)
    with smtp_server() as (server, handler):
        config = SmtpConfig.from_settings(microsoft(token_server, smtp_port=server.port))
        with pytest.raises(SmtpSetupError, match=r"does not offer XOAUTH2 \(it offers: .*LOGIN"):
            send(ledger, letters_for(ids), config, FAST)
    assert not handler.received and token_server.requests["microsoft"] == 0


@pytest.mark.dovecot
def test_imap_xoauth2_against_dovecots_oauth2_passdb(
    token_server: TokenServer, oauth_dovecot: DovecotOAuth2Server
) -> None:
    account = oauth_dovecot.new_account()
    token_server.app_mailboxes.add(account.user)
    settings = microsoft(token_server, imap_username=account.user, imap_port=oauth_dovecot.port)
    config = ImapConfig.from_settings(settings)
    box = open_mailbox(config)
    try:
        assert "INBOX" in [folder.name for folder in box.folder.list()]
    finally:
        close_mailbox(box)
    assert token_server.requests["introspect"] >= 1  # Dovecot asked the token server
    # Revoked mid-run: the next login fetches one new token and goes on.
    token_server.expire_all()
    close_mailbox(open_mailbox(config))
    assert token_server.requests["microsoft"] == 2


@pytest.mark.dovecot
def test_imap_refuses_a_token_for_another_mailbox_naming_the_provider(
    token_server: TokenServer, oauth_dovecot: DovecotOAuth2Server
) -> None:
    account = oauth_dovecot.new_account()
    token_server.app_mailboxes.add("someone-else@itu.example")
    settings = microsoft(token_server, imap_username=account.user, imap_port=oauth_dovecot.port)
    with pytest.raises(ImapError, match=r"fresh token from microsoft .*CIRCULAR_OAUTH_TENANT"):
        open_mailbox(ImapConfig.from_settings(settings))
    assert token_server.requests["microsoft"] == 2


@pytest.mark.dovecot
def test_an_imap_server_without_xoauth2_is_named(imap_account, token_server: TokenServer) -> None:  # type: ignore[no-untyped-def]
    # The password-only Dovecot of the other tests: said plainly, and no token is fetched.
    settings = microsoft(token_server, imap_username=imap_account.user, imap_port=imap_account.port)
    with pytest.raises(ImapError, match=r"does not offer XOAUTH2 \(it offers: AUTH=PLAIN"):
        open_mailbox(ImapConfig.from_settings(settings))
    assert token_server.requests["microsoft"] == 0


def test_a_token_command_serves_any_other_identity_provider(
    ledger: Ledger, token_server: TokenServer, tmp_path: Path
) -> None:
    """``command``: a program prints the token (as msmtp's passwordeval does); a failing one
    is named with the setting, its error output left out (a token helper may print secrets)."""
    import sys

    token = token_server.issue(frozenset({MAILBOX}))["access_token"]
    helper = tmp_path / "token-helper.py"
    helper.write_text(f"print({token!r})\n")
    handler = _validating_handler(token_server)
    ids = add_contacts(ledger, 2)
    with provider_smtp(handler) as server:
        settings = load_settings(
            smtp_host="127.0.0.1",
            smtp_port=server.port,
            smtp_security="none",
            smtp_username=MAILBOX,
            smtp_auth="xoauth2",
            oauth_provider="command",
            oauth_token_command=f"{sys.executable} {helper}",
        )
        report = send(ledger, letters_for(ids), SmtpConfig.from_settings(settings), FAST)
    assert report.sent == 2
    helper.write_text("import sys; sys.stderr.write('client_secret=hunter2'); sys.exit(3)\n")
    failing = settings.model_copy(update={"oauth_token_command": f"{sys.executable} {helper} x"})
    with pytest.raises(OAuthError) as caught:
        token_source(failing, MAILBOX).token()
    assert "exit status 3" in str(caught.value) and "CIRCULAR_OAUTH_TOKEN_COMMAND" in str(
        caught.value
    )
    assert "hunter2" not in str(caught.value)


def test_presets_are_overridable_one_by_one() -> None:
    preset = load_settings(mail_provider="microsoft365", smtp_connections=2)
    assert (preset.smtp_host, preset.smtp_port, preset.imap_host) == (
        "smtp.office365.com",
        587,
        "outlook.office365.com",
    )
    assert preset.smtp_connections == 2  # the operator's value wins
    assert (preset.smtp_rate_per_minute, preset.smtp_recipients_per_day) == (30, 10_000)
    assert preset.smtp_auth == preset.imap_auth == "xoauth2"
    assert preset.imap_sent_append is False and preset.oauth_provider == "microsoft"
    gmail = load_settings(mail_provider="google", imap_sent_folder="Sent")
    assert gmail.imap_host == "imap.gmail.com" and gmail.imap_sent_folder == "Sent"
    assert load_settings().smtp_auth == "password"  # generic: nothing changes

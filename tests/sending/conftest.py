"""Fixtures of the sending tests: the OAuth2 servers (tests/servers/oauth_fixtures.py)."""

from tests.servers.oauth_fixtures import (  # noqa: F401 (fixtures)
    oauth_dovecot,
    service_account_file,
    token_pki,
    token_server,
    token_server_session,
)

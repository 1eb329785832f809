"""OAuth2 fixtures (tests/sending, tests/reliability): the HTTPS token server, a Google service
account key file it knows, and a Dovecot validating its tokens (oauth2 passdb)."""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.servers.dovecot import running_dovecot, write_test_pki
from tests.servers.dovecot_oauth2 import DovecotOAuth2Server
from tests.servers.oauth_server import RunningTokenServer, TokenServer


@pytest.fixture(scope="session")
def token_pki() -> Iterator[Path]:
    """A folder with a test CA (``ca.pem``) and a certificate for 127.0.0.1 signed by it."""
    folder = Path(tempfile.mkdtemp(prefix="circular-oauth-"))
    folder.chmod(0o755)  # Dovecot's auth process reads the CA
    write_test_pki(folder)
    (folder / "ca.pem").chmod(0o644)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def token_server_session(token_pki: Path) -> Iterator[TokenServer]:
    with RunningTokenServer(TokenServer(ca_file=token_pki / "ca.pem"), token_pki) as server:
        yield server


@pytest.fixture
def token_server(token_server_session: TokenServer) -> TokenServer:
    """The session's token server, its grants and counters reset for this test (and circular's
    token cache emptied, as in a new process)."""
    from circular.sending.oauth import forget_tokens

    forget_tokens()
    server = token_server_session
    server.app_mailboxes.clear()
    server.delegated.clear()
    server.service_accounts.clear()
    server.tokens.clear()
    server.requests.clear()
    server.skew, server.expires_in = 0.0, 3600
    return server


@pytest.fixture(scope="session")
def oauth_dovecot(
    token_server_session: TokenServer, token_pki: Path
) -> Iterator[DovecotOAuth2Server]:
    """A Dovecot that takes XOAUTH2 logins only, validated by the token server."""
    ca_file = token_pki / "ca.pem"
    yield from running_dovecot(
        lambda root: DovecotOAuth2Server(root, token_server_session.url, ca_file)
    )


@pytest.fixture
def service_account_file(token_server: TokenServer, tmp_path: Path) -> Path:
    """A Google service account key file (a fresh RSA key) whose ``token_uri`` is the token
    server; the server knows its public key."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    email = "circular-mail@circular-test.iam.gserviceaccount.com"
    token_server.service_accounts[email] = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    path = tmp_path / "service-account.json"
    path.write_text(
        json.dumps(
            {
                "type": "service_account",
                "project_id": "circular-test",
                "private_key_id": "0123456789abcdef",
                "private_key": key.private_bytes(
                    serialization.Encoding.PEM,
                    serialization.PrivateFormat.PKCS8,
                    serialization.NoEncryption(),
                ).decode(),
                "client_email": email,
                "client_id": "123456789012345678901",
                "token_uri": f"{token_server.url}/google/token",
            }
        )
    )
    return path

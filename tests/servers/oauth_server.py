"""A real OAuth2 token server for the tests, over HTTPS on 127.0.0.1, speaking what the
libraries really send, so that msal's and google-auth's own code runs:

- Microsoft Entra (msal): ``GET /<tenant>/v2.0/.well-known/openid-configuration`` (msal's
  tenant discovery) and ``POST /<tenant>/oauth2/v2.0/token`` with the client-credentials
  grant (``client_id``, ``client_secret``, ``scope``), answering AADSTS errors as Entra does;
- Google (google-auth): ``POST /google/token`` with the JWT bearer grant, the assertion signed
  with the service account's RSA key and checked here with its public key (issuer, audience,
  subject, ``iat``/``exp`` against this server's clock, which a test may set off);
- ``POST /introspect`` (RFC 7662, ``token=...``), which Dovecot's oauth2 passdb calls to
  validate a bearer token, and ``validate`` for the aiosmtpd XOAUTH2 authenticator.

Tokens are random strings kept here with their mailbox and expiry; ``expire_all`` makes every
token issued so far expire, as a revocation or an early expiry does.
"""

from __future__ import annotations

import json
import secrets
import ssl
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import jwt


@dataclass
class Issued:
    """One access token: whom it is for and until when (this server's clock)."""

    mailboxes: frozenset[str]  # empty: an app token, valid for ``app_mailboxes``
    expires_at: float


@dataclass
class TokenServer:
    """The token endpoints' state; ``url`` once started."""

    ca_file: Path
    tenant: str = "example.org"
    client_id: str = "11111111-2222-3333-4444-555555555555"
    client_secret: str = field(default_factory=lambda: "cs~" + secrets.token_urlsafe(24))
    #: The mailboxes the Entra app was given (Add-MailboxPermission in real life).
    app_mailboxes: set[str] = field(default_factory=set)
    #: Service accounts: client_email → PEM public key; their delegated mailboxes.
    service_accounts: dict[str, bytes] = field(default_factory=dict)
    delegated: set[str] = field(default_factory=set)
    expires_in: int = 3600
    #: Seconds this server's clock is ahead of the machine's (clock-skew tests).
    skew: float = 0.0
    url: str = ""
    tokens: dict[str, Issued] = field(default_factory=dict)
    requests: Counter[str] = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def now(self) -> float:
        """This server's clock."""
        return time.time() + self.skew

    def issue(self, mailboxes: frozenset[str]) -> dict[str, Any]:
        token = "tok-" + secrets.token_urlsafe(32)
        with self.lock:
            self.tokens[token] = Issued(mailboxes, self.now() + self.expires_in)
        return {"token_type": "Bearer", "expires_in": self.expires_in, "access_token": token}

    def validate(self, token: str, mailbox: str) -> bool:
        """Whether ``token`` lets ``mailbox`` be used now."""
        with self.lock:
            issued = self.tokens.get(token)
        if issued is None or issued.expires_at <= self.now():
            return False
        allowed = issued.mailboxes or frozenset(self.app_mailboxes)
        return mailbox in allowed

    def introspect(self, token: str) -> dict[str, Any]:
        with self.lock:
            issued = self.tokens.get(token)
        if issued is None or issued.expires_at <= self.now():
            return {"active": False}
        mailboxes = sorted(issued.mailboxes or self.app_mailboxes)
        # Dovecot compares the XOAUTH2 user with this attribute.
        return {"active": True, "email": mailboxes[0] if len(mailboxes) == 1 else ""}

    def expire_all(self) -> None:
        """Every token issued so far stops working (revoked, or expired early)."""
        with self.lock:
            for issued in self.tokens.values():
                issued.expires_at = 0.0

    def microsoft_token(self, tenant: str, form: dict[str, str]) -> tuple[int, dict[str, Any]]:
        if tenant != self.tenant:
            return 400, _entra("invalid_request", "AADSTS90002: Tenant not found.")
        if form.get("grant_type") != "client_credentials":
            return 400, _entra("unsupported_grant_type", "AADSTS70003: grant type")
        if form.get("client_id") != self.client_id:
            return 400, _entra(
                "unauthorized_client",
                f"AADSTS700016: Application with identifier '{form.get('client_id')}' was not "
                "found in the directory.",
            )
        if not secrets.compare_digest(form.get("client_secret", ""), self.client_secret):
            return 401, _entra(
                "invalid_client",
                "AADSTS7000215: Invalid client secret provided. Ensure the secret being sent "
                "in the request is the client secret value, not the client secret ID.",
            )
        if form.get("scope") != "https://outlook.office365.com/.default":
            return 400, _entra("invalid_scope", "AADSTS70011: The provided scope is not valid.")
        return 200, self.issue(frozenset())

    def google_token(self, form: dict[str, str]) -> tuple[int, dict[str, Any]]:
        if form.get("grant_type") != "urn:ietf:params:oauth:grant-type:jwt-bearer":
            return 400, {"error": "unsupported_grant_type", "error_description": "grant type"}
        assertion = form.get("assertion", "")
        issuer = jwt.decode(assertion, options={"verify_signature": False}).get("iss", "")
        key = self.service_accounts.get(issuer)
        if key is None:
            return 401, {"error": "invalid_client", "error_description": "client not found"}
        try:
            claims = jwt.decode(
                assertion,
                key,
                algorithms=["RS256"],
                # What google-auth puts in every assertion, whatever the token_uri.
                audience="https://oauth2.googleapis.com/token",
                options={"verify_exp": False, "verify_iat": False},
            )
        except jwt.InvalidTokenError:
            return 400, {"error": "invalid_grant", "error_description": "Invalid JWT Signature."}
        now = self.now()
        if not (claims["iat"] - 300 <= now <= claims["exp"] + 300):
            return 400, {
                "error": "invalid_grant",
                "error_description": "Invalid JWT: Token must be a short-lived token (60 "
                "minutes) and in a reasonable timeframe. Check your iat and exp values in the "
                "JWT claim.",
            }
        subject = claims.get("sub", "")
        if claims.get("scope") != "https://mail.google.com/" or subject not in self.delegated:
            return 401, {
                "error": "unauthorized_client",
                "error_description": "Client is unauthorized to retrieve access tokens using "
                "this method, or client not authorized for any of the scopes requested.",
            }
        return 200, self.issue(frozenset({subject}))


def _entra(error: str, description: str) -> dict[str, Any]:
    return {"error": error, "error_description": description, "error_codes": [7000215]}


def _handler(server: TokenServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:  # quiet: tests read the counters
            return

        def _answer(self, status: int, body: dict[str, Any]) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            path = urlsplit(self.path).path
            parts = path.strip("/").split("/")
            if path.endswith("/v2.0/.well-known/openid-configuration"):
                server.requests["discovery"] += 1
                base = f"{server.url}/{parts[0]}"
                self._answer(
                    200,
                    {
                        "authorization_endpoint": f"{base}/oauth2/v2.0/authorize",
                        "token_endpoint": f"{base}/oauth2/v2.0/token",
                        "issuer": f"{server.url}/{parts[0]}/v2.0",
                    },
                )
                return
            self._answer(404, {"error": "not_found"})

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length).decode()
            form = {key: values[0] for key, values in parse_qs(raw).items()}
            path = urlsplit(self.path).path
            parts = path.strip("/").split("/")
            if path.endswith("/oauth2/v2.0/token"):
                server.requests["microsoft"] += 1
                self._answer(*server.microsoft_token(parts[0], form))
            elif path == "/google/token":
                server.requests["google"] += 1
                self._answer(*server.google_token(form))
            elif path == "/introspect":
                server.requests["introspect"] += 1
                self._answer(200, server.introspect(form.get("token", "")))
            else:
                self._answer(404, {"error": "not_found"})

    return Handler


class RunningTokenServer:
    """The HTTPS server thread around a ``TokenServer``."""

    def __init__(self, state: TokenServer, cert_folder: Path) -> None:
        self.state = state
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(str(cert_folder / "server.pem"), str(cert_folder / "server.key"))
        self.httpd.socket = context.wrap_socket(self.httpd.socket, server_side=True)
        state.url = f"https://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> TokenServer:
        self.thread.start()
        return self.state

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

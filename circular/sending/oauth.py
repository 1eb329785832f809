"""OAuth2 access tokens for SASL XOAUTH2 (SMTP and IMAP), from the provider the settings name.

- ``microsoft``: msal's client-credentials flow (an unattended app, no user signs in), scope
  ``https://outlook.office365.com/.default``, a client secret or a certificate;
- ``google``: google-auth's service account with domain-wide delegation, the mailbox as the
  subject, scope ``https://mail.google.com/``;
- ``command``: any other identity provider, through a command that prints a token (as msmtp's
  ``passwordeval`` and mutt's ``oauth2.py`` do).

A token is cached until shortly before it expires, so a campaign logs in with one token per
hour, not one per message. When a server refuses a token, ``refresh(rejected)`` fetches one new
token; callers try once more and then stop with an ``OAuthError`` naming the provider and the
setting to fix: never a retry storm. Tokens, secrets and keys never appear in messages.
"""

from __future__ import annotations

import hashlib
import shlex
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC
from pathlib import Path
from typing import TYPE_CHECKING, Any

from circular.settings import OAuthProvider, Settings

if TYPE_CHECKING:
    import requests

#: The scopes the providers' mail servers ask for (docs/providers.md).
SCOPES = {
    OAuthProvider.MICROSOFT: "https://outlook.office365.com/.default",
    OAuthProvider.GOOGLE: "https://mail.google.com/",
}
#: A token this close to its expiry is replaced before use (a send must not start on a token
#: that dies mid-connection, and clocks differ a little).
REFRESH_MARGIN = 300.0
#: How long a token printed by a command is kept: the command says nothing of its lifetime.
COMMAND_TOKEN_LIFETIME = 600.0
#: At most one forced refresh in this many seconds, however many connections see a refusal
#: (one that logs in just after a refresh would otherwise force another).
FORCED_REFRESH_INTERVAL = 60.0
_COMMAND_TIMEOUT = 60.0
#: Words of a token endpoint's answer that mean the two clocks disagree.
_CLOCK_WORDS = ("iat", "exp", "timeframe", "not yet valid", "clock", "AADSTS700024")


class OAuthError(Exception):
    """No usable token: the message names the provider and the setting to check, never a
    secret or a token."""


@dataclass(frozen=True)
class Fetched:
    """A token and when it expires (seconds since the epoch)."""

    token: str
    expires_at: float

    def __repr__(self) -> str:  # the token itself is never shown
        return f"Fetched(token=<hidden>, expires_at={self.expires_at})"


class TokenSource:
    """One provider's tokens for one mailbox, cached; safe to share between threads."""

    def __init__(
        self,
        provider: str,
        describe: str,
        settings_hint: str,
        fetch: Callable[[], Fetched],
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.provider = provider
        self.describe = describe  # e.g. "microsoft (tenant example.org, app 1234…)"
        self.settings_hint = settings_hint  # which settings a refusal points to
        self._fetch = fetch
        self._clock = clock
        self._lock = threading.Lock()
        self._current: Fetched | None = None
        self._forced_at: float | None = None
        self.fetches = 0

    def token(self) -> str:
        """A token valid for at least ``REFRESH_MARGIN`` seconds (cached, or fetched now)."""
        with self._lock:
            current = self._current
            if current is None or current.expires_at - self._clock() < REFRESH_MARGIN:
                current = self._fetch_now()
            return current.token

    def refresh(self, rejected: str) -> str:
        """A new token after a server refused ``rejected``. When another connection has
        already replaced it, or a refresh was forced less than ``FORCED_REFRESH_INTERVAL``
        ago, no new fetch: the refusal then stands."""
        with self._lock:
            current = self._current
            recent = (
                self._forced_at is not None
                and self._clock() - self._forced_at < FORCED_REFRESH_INTERVAL
            )
            if current is None or (current.token == rejected and not recent):
                self._forced_at = self._clock()
                current = self._fetch_now()
            return current.token

    def expires_in(self) -> float | None:
        """Seconds until the cached token expires (None: none fetched yet)."""
        current = self._current
        return None if current is None else current.expires_at - self._clock()

    def _fetch_now(self) -> Fetched:
        self.fetches += 1
        self._current = self._fetch()
        return self._current

    def refused(self, where: str, answer: str) -> OAuthError:
        """The error for a server that refused a freshly fetched token too."""
        return OAuthError(
            f"{where} refused the XOAUTH2 login with a fresh token from {self.describe}: "
            f"{answer}; check {self.settings_hint} and the mailbox's permissions "
            "(docs/providers.md)"
        )


_SOURCES: dict[str, TokenSource] = {}
_SOURCES_LOCK = threading.Lock()


def forget_tokens() -> None:
    """Drop every cached token (a new process starts so; tests start each case so)."""
    with _SOURCES_LOCK:
        _SOURCES.clear()


def token_source(settings: Settings, mailbox: str) -> TokenSource:
    """The process's token source for ``mailbox`` with these settings (shared by SMTP and IMAP
    and by every connection, so one token serves them all)."""
    provider = settings.oauth_provider
    if provider is None:
        raise OAuthError(
            "XOAUTH2 needs a token provider: set CIRCULAR_OAUTH_PROVIDER to microsoft, google "
            "or command (docs/providers.md)"
        )
    # The key is a digest: the secret takes part (a changed secret is a new source) without
    # being kept in a readable form.
    parts = [
        provider.value,
        mailbox,
        settings.oauth_tenant,
        settings.oauth_client_id,
        settings.oauth_client_secret.get_secret_value(),
        str(settings.oauth_certificate),
        settings.oauth_authority_host,
        str(settings.oauth_service_account_file),
        settings.oauth_token_command,
        settings.oauth_scope,
        str(settings.oauth_ca_file),
    ]
    key = hashlib.sha256("\0".join(parts).encode()).hexdigest()
    with _SOURCES_LOCK:
        source = _SOURCES.get(key)
        if source is None:
            source = _SOURCES[key] = _new_source(settings, provider, mailbox)
        return source


def _new_source(settings: Settings, provider: OAuthProvider, mailbox: str) -> TokenSource:
    scope = settings.oauth_scope or SCOPES.get(provider, "")
    if provider == OAuthProvider.MICROSOFT:
        return _microsoft(settings, scope)
    if provider == OAuthProvider.GOOGLE:
        return _google(settings, scope, mailbox)
    return _command(settings)


def _http_session(settings: Settings) -> requests.Session:
    """The HTTP session msal and google-auth talk through: a time limit on every request, and
    ``oauth_ca_file`` really used (requests otherwise lets REQUESTS_CA_BUNDLE win over a
    session's ``verify``)."""
    import requests

    ca_file = str(settings.oauth_ca_file) if settings.oauth_ca_file else None

    class Session(requests.Session):
        def request(self, *args: Any, **kwargs: Any) -> requests.Response:  # type: ignore[override]
            kwargs.setdefault("timeout", _COMMAND_TIMEOUT)
            return super().request(*args, **kwargs)

        def merge_environment_settings(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
            merged = super().merge_environment_settings(*args, **kwargs)
            if ca_file is not None:
                merged["verify"] = ca_file
            return merged

    return Session()


def _microsoft(settings: Settings, scope: str) -> TokenSource:
    missing = [
        name
        for name, value in (
            ("CIRCULAR_OAUTH_TENANT", settings.oauth_tenant),
            ("CIRCULAR_OAUTH_CLIENT_ID", settings.oauth_client_id),
        )
        if not value
    ]
    secret = settings.oauth_client_secret.get_secret_value()
    if not secret and settings.oauth_certificate is None:
        missing.append("CIRCULAR_OAUTH_CLIENT_SECRET (or CIRCULAR_OAUTH_CERTIFICATE)")
    if missing:
        raise OAuthError(f"OAuth2 with microsoft needs {', '.join(missing)}")
    credential_setting = "CIRCULAR_OAUTH_CLIENT_SECRET" if secret else "CIRCULAR_OAUTH_CERTIFICATE"
    authority = f"{settings.oauth_authority_host.rstrip('/')}/{settings.oauth_tenant}"
    describe = f"microsoft (tenant {settings.oauth_tenant}, app {settings.oauth_client_id})"
    hint = f"CIRCULAR_OAUTH_TENANT, CIRCULAR_OAUTH_CLIENT_ID, {credential_setting}"

    def fetch() -> Fetched:
        import msal
        import requests

        credential: str | dict[str, str] = secret or _certificate(settings.oauth_certificate)
        session = _http_session(settings)
        try:
            # A new application per fetch: msal keeps its own token cache, and a token the
            # server refused must not come back from it.
            app = msal.ConfidentialClientApplication(
                settings.oauth_client_id,
                client_credential=credential,
                authority=authority,
                # Sovereign clouds and the tests name their own host: no discovery at
                # login.microsoftonline.com for it.
                instance_discovery=settings.oauth_authority_host.rstrip("/")
                == "https://login.microsoftonline.com",
                http_client=session,
            )
            result = app.acquire_token_for_client(scopes=[scope])
        except (requests.RequestException, ValueError) as error:
            raise OAuthError(
                f"cannot get a token from {describe} at {authority}: "
                f"{error.__class__.__name__}: {_first_line(str(error))}; check "
                "CIRCULAR_OAUTH_AUTHORITY_HOST, CIRCULAR_OAUTH_TENANT and the network"
            ) from None
        finally:
            session.close()
        if "access_token" not in result:
            answer = f"{result.get('error')}: {_first_line(result.get('error_description', ''))}"
            raise OAuthError(f"{describe} refused to give a token: {answer}; check {hint}")
        return Fetched(str(result["access_token"]), time.time() + int(result["expires_in"]))

    return TokenSource("microsoft", describe, hint, fetch)


def _certificate(path: Path | None) -> dict[str, str]:
    """msal's certificate credential from a PEM file holding the key and the certificate."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes

    assert path is not None
    try:
        pem = path.read_bytes()
        certificate = x509.load_pem_x509_certificate(pem)
    except (OSError, ValueError) as error:
        raise OAuthError(
            f"CIRCULAR_OAUTH_CERTIFICATE {path}: not a PEM file with a private key and a "
            f"certificate ({error.__class__.__name__})"
        ) from None
    return {
        "private_key": pem.decode(),
        # Entra names an app's certificate by its SHA-1 thumbprint.
        "thumbprint": certificate.fingerprint(hashes.SHA1()).hex(),  # noqa: S303
    }


def _google(settings: Settings, scope: str, mailbox: str) -> TokenSource:
    path = settings.oauth_service_account_file
    if path is None:
        raise OAuthError("OAuth2 with google needs CIRCULAR_OAUTH_SERVICE_ACCOUNT_FILE")
    describe = f"google (service account file {path.name}, mailbox {mailbox})"
    hint = "CIRCULAR_OAUTH_SERVICE_ACCOUNT_FILE and the domain-wide delegation of the scope"

    def fetch() -> Fetched:
        from google.auth.exceptions import GoogleAuthError
        from google.auth.transport.requests import Request
        from google.oauth2 import service_account

        try:
            credentials = service_account.Credentials.from_service_account_file(
                str(path), scopes=[scope], subject=mailbox
            )
        except (OSError, ValueError, KeyError) as error:
            raise OAuthError(
                f"CIRCULAR_OAUTH_SERVICE_ACCOUNT_FILE {path}: not a usable service account "
                f"key file ({error.__class__.__name__})"
            ) from None
        session = _http_session(settings)
        try:
            credentials.refresh(Request(session))
        except GoogleAuthError as error:
            answer = _first_line(str(error.args[0]) if error.args else str(error))
            clock = (
                "; the clocks of this machine and the token server seem to differ: check the "
                "time (NTP)"
                if any(word in answer for word in _CLOCK_WORDS)
                else ""
            )
            raise OAuthError(f"{describe} gave no token: {answer}{clock}; check {hint}") from None
        finally:
            session.close()
        assert credentials.expiry is not None
        expires_at = credentials.expiry.replace(tzinfo=UTC).timestamp()
        return Fetched(str(credentials.token), expires_at)

    return TokenSource("google", describe, hint, fetch)


def _command(settings: Settings) -> TokenSource:
    command = settings.oauth_token_command
    if not command:
        raise OAuthError("OAuth2 with command needs CIRCULAR_OAUTH_TOKEN_COMMAND")
    program = shlex.split(command)[0]
    describe = f"the command {program}"
    hint = "CIRCULAR_OAUTH_TOKEN_COMMAND"

    def fetch() -> Fetched:
        try:
            done = subprocess.run(
                shlex.split(command),
                capture_output=True,
                text=True,
                timeout=_COMMAND_TIMEOUT,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            raise OAuthError(f"{describe} did not run: {error.__class__.__name__}") from None
        token = done.stdout.strip()
        if done.returncode != 0 or not token:
            # Its error output is not shown: a token helper may print secrets there.
            raise OAuthError(
                f"{describe} printed no token (exit status {done.returncode}); run it by hand "
                f"to see why; check {hint}"
            )
        return Fetched(token, time.time() + COMMAND_TOKEN_LIFETIME)

    return TokenSource("command", describe, hint, fetch)


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0][:300] if text.strip() else "(no description)"

"""What keeps the page safe on the open internet: CSRF tokens, security headers, rate limits.

- CSRF: a signed double submit. A random cookie (HttpOnly, SameSite=Strict, path ``/r/``) and a
  form field that is the HMAC of that cookie and the link's token under the server's key; a
  form posted from elsewhere has neither. No server-side session, so several workers agree
  as long as they share the key (``CIRCULAR_WEB_SECRET``, or the one ``circular web`` makes).
- Headers: a CSP allowing nothing but the page's own stylesheet and form (no script at all),
  ``frame-ancestors 'none'``, ``Referrer-Policy: no-referrer`` (the token is in the URL: it
  never leaks to another site), ``nosniff``, ``no-store``.
- Rate limits: a sliding window per client address and per token, in each worker's memory
  (the reverse proxy limits across workers: docs/operations.md).
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import threading
import time
from collections import deque

CSRF_COOKIE = "circular_csrf"

SECURITY_HEADERS = {
    "content-security-policy": (
        "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; "
        "base-uri 'none'"
    ),
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "x-content-type-options": "nosniff",
    "cache-control": "no-store",
    "cross-origin-opener-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=()",
}


#: A CSRF cookie of the page's making (``new_cookie``): any other value is taken as none, so
#: nothing a client sent is echoed into a Set-Cookie header.
COOKIE_SHAPE = re.compile(r"[A-Za-z0-9_-]{16,64}")


def header_list(headers: dict[str, str]) -> list[tuple[bytes, bytes]]:
    """``headers`` as ASGI wants them, made once (not per request)."""
    return [(name.encode("latin-1"), value.encode("latin-1")) for name, value in headers.items()]


def cookie_header(value: str, path: str, *, secure: bool) -> tuple[bytes, bytes]:
    """The Set-Cookie header of the CSRF cookie ``value`` (of ``COOKIE_SHAPE``): HttpOnly,
    SameSite=Strict, for ``path`` only, Secure over https."""
    flags = f"; HttpOnly; Path={path}; SameSite=strict" + ("; Secure" if secure else "")
    return (b"set-cookie", f"{CSRF_COOKIE}={value}{flags}".encode("latin-1"))


def new_cookie() -> str:
    """A fresh CSRF cookie value."""
    return secrets.token_urlsafe(24)


def csrf_token(key: bytes, cookie: str, link_token: str) -> str:
    """The form field that goes with ``cookie`` on ``link_token``'s page."""
    message = f"{cookie}\x00{link_token}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def csrf_ok(key: bytes, cookie: str | None, field: str | None, link_token: str) -> bool:
    """Whether a posted form carries the field that matches its cookie (constant time)."""
    if not cookie or not field:
        return False
    return hmac.compare_digest(csrf_token(key, cookie, link_token), field)


class RateLimiter:
    """At most ``limit`` hits per key in any ``window`` seconds (a sliding log per key)."""

    def __init__(self, limit: int, window: float = 60.0, max_keys: int = 100_000) -> None:
        self.limit = limit
        self.window = window
        self.max_keys = max_keys
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def allow(self, key: str, now: float | None = None) -> bool:
        """Count a hit of ``key``; False when it is over the limit (the hit is not kept)."""
        now = time.monotonic() if now is None else now
        with self._lock:
            if len(self._hits) >= self.max_keys:
                self._prune(now)
            hits = self._hits.setdefault(key, deque())
            while hits and hits[0] <= now - self.window:
                hits.popleft()
            if len(hits) >= self.limit:
                return False
            hits.append(now)
            return True

    def _prune(self, now: float) -> None:
        # A flood of distinct addresses must not grow memory without bound.
        for key in [
            k for k, hits in self._hits.items() if not hits or hits[-1] <= now - self.window
        ]:
            del self._hits[key]
        if len(self._hits) >= self.max_keys:
            self._hits.clear()

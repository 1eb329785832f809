"""The little of ASGI the page needs, without a framework: a request's method, path, query,
headers, cookies and client, its body up to a limit, and a whole response sent at once.

Why not Starlette: the page has three routes and no middleware; Starlette's routing, middleware
stack, ``Request`` and ``Response`` objects cost about as much CPU per request as the page's own
work (bench/results.md, issue 20). uvicorn still does the HTTP (httptools).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, quote

from starlette.requests import cookie_parser

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]
Headers = list[tuple[bytes, bytes]]


class Disconnected(Exception):
    """The client went away before its request's body was read: nothing to answer."""


@dataclass(slots=True)
class Request:
    """What the page reads of an HTTP request."""

    method: str
    path: str
    query_string: bytes
    #: Lower-case names (as ASGI gives them); the first of a repeated header.
    headers: dict[bytes, bytes]
    #: The client's address (uvicorn puts the proxy's X-Forwarded-For here when trusted).
    client: str
    _query: dict[str, str] | None = field(default=None, repr=False)

    @classmethod
    def of(cls, scope: Scope) -> Request:
        client = scope.get("client")
        return cls(
            scope["method"],
            scope["path"],
            scope.get("query_string", b""),
            dict(reversed(scope["headers"])),
            client[0] if client else "?",
        )

    def header(self, name: bytes) -> str:
        """The header's value ("" when absent)."""
        return self.headers.get(name, b"").decode("latin-1")

    def query(self, name: str) -> str | None:
        """A query parameter's value (the last when repeated), None when absent."""
        if self._query is None:
            text = self.query_string.decode("latin-1")
            self._query = dict(parse_qsl(text, keep_blank_values=True)) if text else {}
        return self._query.get(name)

    def cookie(self, name: str) -> str:
        """A cookie's value ("" when absent)."""
        raw = self.header(b"cookie")
        return cookie_parser(raw).get(name, "") if raw else ""


async def read_body(receive: Receive, declared: str, limit: int) -> bytes | None:
    """The request's body, or None once it passes ``limit`` bytes (read no further);
    ``declared`` is its Content-Length header. Raises ``Disconnected``."""
    if declared.isdigit() and int(declared) > limit:
        return None
    body = bytearray()
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise Disconnected
        body += message.get("body", b"")
        if len(body) > limit:
            return None
        if not message.get("more_body", False):
            return bytes(body)


@dataclass(slots=True)
class Response:
    """A whole response: status, headers (without Content-Length), body."""

    status: int
    headers: Headers
    body: bytes = b""

    async def send(self, send: Send) -> None:
        """Send it (uvicorn leaves out the body of an answer to HEAD)."""
        length = (b"content-length", str(len(self.body)).encode())
        await send(
            {
                "type": "http.response.start",
                "status": self.status,
                "headers": [*self.headers, length],
            }
        )
        await send({"type": "http.response.body", "body": self.body})


def location(target: str) -> tuple[bytes, bytes]:
    """A Location header for ``target`` (a path and query), quoted as a URL."""
    return (b"location", quote(target, safe=":/%#?=@[]!$&'()*+,;").encode("latin-1"))


async def lifespan(receive: Receive, send: Send) -> None:
    """Answer the server's start and stop (nothing to do: the app is ready when made)."""
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return

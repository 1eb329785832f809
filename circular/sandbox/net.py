"""Ports on the loopback interface for the sandbox's servers."""

from __future__ import annotations

import errno
import socket
from collections.abc import Callable

#: The sandbox listens on loopback only: it must never be reachable from elsewhere.
LOOPBACK = "127.0.0.1"

_ATTEMPTS = 5


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((LOOPBACK, 0))
        return int(probe.getsockname()[1])


def start_on_free_port(start: Callable[[int], None], requested: int | None) -> int:
    """Call ``start(port)`` on ``requested``, or on a free port; return the port used.

    aiosmtpd's Controller cannot listen on port 0 (its ready check connects to the port it
    was given), so a free port is chosen first. Another process may take it in between:
    then a new one is tried, a few times. A requested port that is taken is an error."""
    if requested:
        start(requested)
        return requested
    for attempt in range(_ATTEMPTS):
        port = free_port()
        try:
            start(port)
        except OSError as error:
            if error.errno != errno.EADDRINUSE or attempt == _ATTEMPTS - 1:
                raise
            continue
        return port
    raise AssertionError("unreachable")  # pragma: no cover

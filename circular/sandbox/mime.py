"""MIME details shared by the sandbox's replies and bounces."""

from __future__ import annotations

import hashlib
from email.message import Message


def stable_boundaries(message: Message, seed: str) -> None:
    """Give every multipart part a boundary derived from ``seed`` (the reply's Message-ID)
    instead of a random one, so that a seeded run writes the same bytes again."""
    for number, part in enumerate(message.walk()):
        if part.is_multipart():
            digest = hashlib.sha256(f"{seed}|{number}".encode()).hexdigest()[:24]
            part.set_boundary(f"=_part{number}_{digest}")

"""A letter's identity, carried in three places so that any reply can be matched to it.

- the envelope sender: ``bounces+<token>@<domain>`` (plus addressing),
- the Message-ID: ``<<token>.<campaign>@<domain>>``,
- the subject/body reference (``CL-21/4``), which is the campaign's, not the letter's.
"""

from __future__ import annotations

import base64
import re
import secrets

_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567"  # base32 (RFC 4648), lower-case
TOKEN_LENGTH = 16
_TOKEN = rf"[a-z2-7]{{{TOKEN_LENGTH}}}"
_MESSAGE_ID = re.compile(rf"<?(?P<token>{_TOKEN})\.(?P<campaign>[a-z0-9-]+)@[^>\s]+>?")
_ENVELOPE = re.compile(rf"\+(?P<token>{_TOKEN})@", re.IGNORECASE)


def new_token() -> str:
    """A fresh random token: 16 characters of lower-case base32 (80 bits)."""
    # 10 random bytes are exactly 16 base32 characters, of _ALPHABET once lower-cased: one
    # call instead of 16 ``secrets.choice`` (a token is made for every letter of a campaign).
    return base64.b32encode(secrets.token_bytes(TOKEN_LENGTH * 5 // 8)).decode("ascii").lower()


def message_id_for(token: str, campaign: str, domain: str) -> str:
    """The Message-ID header value of the letter with ``token``."""
    return f"<{token}.{campaign}@{domain}>"


def envelope_sender_for(token: str, local_part: str, domain: str) -> str:
    """The envelope sender (``bounces+token@domain``) of the letter with ``token``."""
    return f"{local_part}+{token}@{domain}"


def token_from_message_id(value: str) -> str | None:
    """The token in a Message-ID we generated, or None."""
    match = _MESSAGE_ID.search(value or "")
    return match.group("token") if match else None


def tokens_in_references(value: str) -> list[str]:
    """Every token found in an In-Reply-To or References header, newest last."""
    return [m.group("token") for m in _MESSAGE_ID.finditer(value or "")]


def token_from_address(address: str) -> str | None:
    """The token in a plus-addressed envelope or recipient address, or None."""
    match = _ENVELOPE.search(address or "")
    return match.group("token").lower() if match else None

"""What the mail providers' SMTP answers mean, and what circular does about each.

Exchange Online and Gmail answer some conditions with codes that a plain "4xx: retry, 5xx:
fail" reading gets wrong: a refused login or a Send As denial is not the letter's fault (every
letter would fail the same way: stop and fix the settings), a quota is not a failure at all
(pause until the window reopens). ``understand`` recognises them by their enhanced status code
(RFC 3463) and the provider's words; docs/providers.md lists them with their fixes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum


class Action(StrEnum):
    """What the sender does on an answer."""

    STOP = "stop: fix the settings"
    FEWER_CONNECTIONS = "one connection fewer, retry the letter"
    PAUSE = "pause until the window reopens, then resume"
    RETRY = "retry the whole letter later"


#: The actions that stop a run's claiming (the letter goes back to ``pending``).
STOPPING = (Action.STOP, Action.PAUSE)


@dataclass(frozen=True)
class Understood:
    """A recognised answer: the action and the message for the operator."""

    name: str  # "login", "basic-auth", "send-as", "connections", "quota", "rate", "recipients"
    action: Action
    explanation: str
    #: For PAUSE: how long the provider's window is (when nothing better is known).
    pause: timedelta | None = None

    def message(self, code: int | None, answer: str) -> str:
        """The explanation followed by the server's own answer."""
        return f"{self.explanation} (server answered: {code} {answer.strip()})"


_ENHANCED = re.compile(r"\b([245])\.(\d{1,3})\.(\d{1,3})\b")

_LOGIN_REFUSED = Understood(
    "login",
    Action.STOP,
    "authentication unsuccessful: the server refused circular's login; check "
    "CIRCULAR_SMTP_USERNAME and the password or OAuth2 settings, and that SMTP AUTH is enabled "
    "for the mailbox (docs/providers.md)",
)
_BASIC_AUTH = Understood(
    "basic-auth",
    Action.STOP,
    "the server no longer accepts password logins: use CIRCULAR_SMTP_AUTH=xoauth2, see "
    "docs/providers.md",
)
_SEND_AS = Understood(
    "send-as",
    Action.STOP,
    "the account may not send as the From address: give it Send As on that mailbox "
    "(Add-RecipientPermission) or send from the account's own address",
)
_CONNECTIONS = Understood(
    "connections",
    Action.FEWER_CONNECTIONS,
    "too many concurrent connections to the mailbox: circular closes one and retries the "
    "letter; lower CIRCULAR_SMTP_CONNECTIONS (Exchange Online allows 3)",
)
_DAILY_QUOTA = Understood(
    "quota",
    Action.PAUSE,
    "the provider's sending quota is reached: sending pauses and resumes when its 24-hour "
    "window reopens; set CIRCULAR_SMTP_RECIPIENTS_PER_DAY below the quota",
    pause=timedelta(hours=24),
)
_RATE = Understood(
    "rate",
    Action.PAUSE,
    "the provider is limiting the sending rate: sending pauses for an hour, then resumes; "
    "lower CIRCULAR_SMTP_RATE_PER_MINUTE",
    pause=timedelta(hours=1),
)
_RECIPIENTS = Understood(
    "recipients",
    Action.RETRY,
    "too many recipients for the server at present (per message or per period): the letter is "
    "retried later with all its recipients, never delivered to some only",
)


def enhanced_code(answer: str) -> str:
    """The enhanced status code in ``answer`` (``5.7.30``), or ''."""
    match = _ENHANCED.search(answer)
    return match.group(0) if match else ""


def understand(code: int | None, answer: str) -> Understood | None:
    """The meaning of a provider's answer, or None for an ordinary one."""
    if code is None:
        return None
    status = enhanced_code(answer)
    words = answer.lower()
    if status == "5.7.30" or "basic authentication is not supported" in words:
        return _BASIC_AUTH
    if code == 535 or status in ("5.7.3", "5.7.139", "5.7.8"):
        return _LOGIN_REFUSED
    if "sendasdenied" in words.replace(" ", "") or (status == "5.2.0" and "send as" in words):
        return _SEND_AS
    if code == 432 or (status == "4.3.2" and "concurren" in words):
        return _CONNECTIONS
    daily = "daily" in words and ("quota" in words or "limit" in words)
    if status == "5.4.5" or "submissionquotaexceeded" in words or daily:
        return _DAILY_QUOTA
    if status == "4.7.0" and any(word in words for word in ("quota", "rate", "limit")):
        return _RATE
    if code == 452 or status == "4.5.3":
        return _RECIPIENTS
    return None


def resume_time(understood: Understood, now: datetime, window_opens: datetime | None) -> datetime:
    """When a paused sender may try again: when the ledger's rolling window frees room
    (``window_opens``), else after the provider's pause."""
    assert understood.pause is not None
    if window_opens is not None and window_opens > now:
        return window_opens
    return now + understood.pause

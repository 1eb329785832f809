"""The table-driven checks of the classifier rounds (tests/replies/test_round13.py onwards): a
round lists its sentences by rule, in ``READINGS`` tables, and every reading is checked the same
way."""

from __future__ import annotations

from circular.ledger import ReplyKind
from circular.replies.classify import classify_message, classify_text

Readings = dict[str, list[tuple[str, str]]]


def cases(readings: Readings) -> list[tuple[str, str, str]]:
    """(table, text, kind) for every row of every table, for ``pytest.mark.parametrize``."""
    return [(table, text, kind) for table, rows in readings.items() for text, kind in rows]


def assert_reading(table: str, text: str, kind: str) -> None:
    """``text`` is read as ``kind`` (the table names the rule in the failure)."""
    decision = classify_text(text)
    assert decision.kind.value == kind, (table, text, decision.reason, decision.cues)


def assert_to_a_person(raw: bytes, reason: str) -> None:
    """The message goes to a person as ``other``, for a reason that says ``reason``."""
    result = classify_message(raw)
    assert result.kind == ReplyKind.OTHER and result.needs_review, result
    assert reason in (result.review_reason or ""), result


def assert_accept_without_delegate(text: str) -> None:
    """``text`` accepts, and names no delegate: who approves, or the Minister herself, is none."""
    decision = classify_text(text)
    assert decision.kind.value == "accept", decision.cues
    assert not any(cue.startswith("accept (delegate") for cue in decision.cues), decision.cues

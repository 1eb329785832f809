"""Rules added after the third frozen set was scored (issue 13), each held to sentences written
for them here (tests/data/replies/dev/dev3.csv), not taken from any frozen set: unfulfilled
wishes ("was keen to accept, but …"), accepting apologies as a courtesy, the absolute use of
"confirm", politeness conditions ("if this is convenient"), conditions by "provided",
"otherwise", "pending", Arabic قد + imperfect, asides addressed to the reader ("for your
confidential information"), clipped titles of delegates, Chinese "不会不"."""

from __future__ import annotations

from circular.ledger import ReplyKind
from circular.replies.classify import classify_text
from tests.replies.test_generalisation import ROWS3 as ROWS

# Each dev3.csv sentence is held to its label by test_generalisation.test_sentence_is_read_as_meant.


def test_every_language_is_covered_for_conditions() -> None:
    langs = {r["language"] for r in ROWS if r["category"] == "conditional"}
    assert langs == {"ar", "en", "es", "fr", "ru", "zh"}


def test_a_condition_never_gives_a_final_answer() -> None:
    for row in ROWS:
        if row["category"] == "conditional":
            assert classify_text(row["text"]).kind == ReplyKind.OTHER, row["text"]


def test_an_unfulfilled_wish_alone_decides_nothing() -> None:
    # Without the refusal after it, the wish neither accepts nor declines: a person reads it.
    for text in (
        "The Minister was keen to accept.",
        "Le Ministre aurait aimé participer.",
        "Министр хотел принять приглашение.",
        "部长本想接受邀请。",
    ):
        assert classify_text(text).kind == ReplyKind.OTHER, text

"""Rules added after the third frozen set was scored (issue 13), each held to sentences written
for them here (tests/data/replies/dev/dev3.csv), not taken from any frozen set: unfulfilled
wishes ("was keen to accept, but …"), accepting apologies as a courtesy, the absolute use of
"confirm", politeness conditions ("if this is convenient"), conditions by "provided",
"otherwise", "pending", Arabic قد + imperfect, asides addressed to the reader ("for your
confidential information"), clipped titles of delegates, Chinese "不会不"."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from circular.ledger import ReplyKind
from circular.replies.classify import classify_text

DEV3 = Path(__file__).parents[1] / "data" / "replies" / "dev" / "dev3.csv"
ROWS = list(csv.DictReader(DEV3.open(encoding="utf-8")))


@pytest.mark.parametrize(
    "row", ROWS, ids=[f"{r['language']}-{r['category']}-{i}" for i, r in enumerate(ROWS)]
)
def test_sentence_is_read_as_meant(row: dict[str, str]) -> None:
    decision = classify_text(row["text"])
    # "other" means a person decides; an answer must be the right one and final.
    assert decision.kind.value == row["kind"], (row["text"], decision.reason, decision.cues)


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

"""Rules added after the second frozen set was scored (issue 13), each held to sentences
written for them here, not taken from any frozen set: litotes of obstacle and waste words,
exceptives ("no choice but"), negated reasons, "not without regret", Russian post-verbal
negation, hopes and inverted conditions, concessive and reported clauses, "in any case",
requests after an answer, closings and footer words in ordinary sentences."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from circular.ledger import ReplyKind
from circular.replies.classify import classify_text
from circular.replies.mailtext import cut_quoted

DEV = Path(__file__).parents[1] / "data" / "replies" / "dev"
ROWS = list(csv.DictReader((DEV / "dev2.csv").open(encoding="utf-8")))
# dev3.csv: the rules of the fourth round (tests/replies/test_generalisation3.py).
ROWS3 = list(csv.DictReader((DEV / "dev3.csv").open(encoding="utf-8")))


@pytest.mark.parametrize(
    "row",
    ROWS + ROWS3,
    ids=[f"{r['language']}-{r['category']}-{i}" for i, r in enumerate(ROWS + ROWS3)],
)
def test_sentence_is_read_as_meant(row: dict[str, str]) -> None:
    decision = classify_text(row["text"])
    if row["text"] in BELOW_THRESHOLD:
        # Round 9: an answer with a request or a condition beside it (0.88) is below the
        # threshold held-out data supports (0.90): a person decides, shown the right guess.
        assert decision.kind == ReplyKind.OTHER and decision.needs_review, decision.reason
        assert decision.best_guess.value == row["kind"], (row["text"], decision.cues)
        return
    # "other" means a person decides; an answer must be the right one and final.
    assert decision.kind.value == row["kind"], (row["text"], decision.reason, decision.cues)


# Sentences whose answer stood at 0.88 before round 9 raised the threshold to 0.90.
BELOW_THRESHOLD = {
    "部长确认出席，请告知发言顺序。",
    "Просим, если можно, перенести выступление на 25 марта; в любом случае Министр выступит.",
}


def test_every_language_is_covered() -> None:
    assert {r["language"] for r in ROWS} == {"ar", "en", "es", "fr", "ru", "zh"}


def test_a_conditional_or_hope_never_gives_a_final_answer() -> None:
    for row in ROWS:
        if row["category"] == "conditional_tentative":
            assert classify_text(row["text"]).kind == ReplyKind.OTHER, row["text"]


@pytest.mark.parametrize(
    "quoted",
    [
        # Notes' header table flattened with tabs, in Arabic and Chinese labels.
        "Secretariat <s@example.org>\n01/03/2021 09:00\n\nإلى\tm@x.example\nنسخة\t\nالموضوع\tCL",
        "Secretariat <s@example.org>\n01/03/2021 09:00\n\n收件人\tm@x.example\n抄送\t\n主题\tCL",
    ],
)
def test_the_quoted_request_to_confirm_never_speaks(quoted: str) -> None:
    text = (
        "The Minister regrets that she cannot attend.\n\n"
        + quoted
        + "\n\nKindly confirm your acceptance."
    )
    kept, _ = cut_quoted(text)
    assert kept == "The Minister regrets that she cannot attend."

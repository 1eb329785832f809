"""The frozen test sets (tests/data/replies/frozen/, frozen by commit f029c1e on branch testset,
and frozen2/, frozen3/, frozen4/, each written apart from the cue lists and scored once; all
four are development data now): the targets of issue 13 that hold are asserted here on each,
so a change that breaks one fails. The scores are in docs/classification.md."""

from __future__ import annotations

import pytest

from bench.classify_frozen import FROZEN, hard_categories_met, score

pytestmark = pytest.mark.skipif(
    not (FROZEN / "labels.csv").exists(), reason="the frozen test set is not in this tree"
)


@pytest.fixture(scope="module", params=["frozen", "frozen2", "frozen3"])
def result(request):  # type: ignore[no-untyped-def]
    folder = FROZEN.parent / request.param
    if not (folder / "labels.csv").exists():
        pytest.skip(f"{request.param} is not in this tree")
    return score(folder)


def test_no_accept_decline_swap(result) -> None:  # type: ignore[no-untyped-def]
    swapped = [
        row["file"]
        for row, r in result.rows
        if {row["kind"], r.kind.value} == {"accept", "decline"}
    ]
    assert swapped == []


def test_overall_at_least_95_percent(result) -> None:  # type: ignore[no-untyped-def]
    assert result.overall.total >= 300
    assert result.overall.accuracy >= 0.95


def test_every_hard_category_at_least_85_percent_and_misses_go_to_a_person(result) -> None:  # type: ignore[no-untyped-def]
    assert all(hard_categories_met(result).values()), hard_categories_met(result)
    assert result.overall.wrong_final == 0


def test_every_language_is_scored(result) -> None:  # type: ignore[no-untyped-def]
    assert set(result.tables["language"]) == {"ar", "en", "es", "fr", "ru", "zh"}


def test_frozen4_no_swap_and_no_wrong_final_answer() -> None:
    """frozen4 (development data since its first score: 86.5 %, 7 swaps, 12 wrong without a
    person) is below 95 % overall, so only the safety targets are asserted on it: no swap, and
    every miss goes to a person (round 4)."""
    folder = FROZEN.parent / "frozen4"
    if not (folder / "labels.csv").exists():
        pytest.skip("frozen4 is not in this tree")
    result = score(folder)
    assert result.overall.swaps == 0
    assert result.overall.wrong_final == 0

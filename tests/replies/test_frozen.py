"""The frozen test sets (tests/data/replies/frozen/, frozen by commit f029c1e on branch testset,
and frozen2/ … frozen5/, each written apart from the cue lists and scored once; all five are
development data now): the targets of issue 13 are asserted here on each (frozen4 and frozen5
meet them since round 5), so a change that breaks one fails. The scores are in
docs/classification.md; they are development figures, not results."""

from __future__ import annotations

import pytest

from bench.classify_frozen import FROZEN, hard_categories_met, score

pytestmark = pytest.mark.skipif(
    not (FROZEN / "labels.csv").exists(), reason="the frozen test set is not in this tree"
)


@pytest.fixture(scope="module", params=["frozen", "frozen2", "frozen3", "frozen4", "frozen5"])
def result(request):  # type: ignore[no-untyped-def]
    folder = FROZEN.parent / request.param
    if not (folder / "labels.csv").exists():
        pytest.skip(f"{request.param} is not in this tree")
    return score(folder)


def _swaps(result) -> list[str]:  # type: ignore[no-untyped-def]
    """The replies read as the opposite answer (accept for decline or the reverse)."""
    return [
        row["file"]
        for row, r in result.rows
        if {row["kind"], r.kind.value} == {"accept", "decline"}
    ]


def test_no_accept_decline_swap(result) -> None:  # type: ignore[no-untyped-def]
    assert _swaps(result) == []


# Round 9 raised the final threshold from 0.80 to 0.90 (the 0.80-0.90 band was right 68.5 % of
# the time on the nine sets' first scores): answers at 0.86-0.89 that were right here went to a
# person, and some targets were no longer met (docs/classification.md, "Round 9"). Strict: each
# turns into a failure the day it is met again, so the list cannot go stale. Round 10 met
# frozen2's overall target again, round 13 frozen4's; the second reader (trained on these sets,
# so development figures) confirmed frozen2's attachment-only guesses at 0.89 and met its last.
UNMET_SINCE_ROUND9: set[tuple[str, str]] = set()


def _unmet(request, target: str) -> None:  # type: ignore[no-untyped-def]
    name = request.node.callspec.params["result"]
    if (target, name) in UNMET_SINCE_ROUND9:
        request.applymarker(pytest.mark.xfail(reason="threshold 0.90 (round 9)", strict=True))


def test_overall_at_least_95_percent(result, request) -> None:  # type: ignore[no-untyped-def]
    _unmet(request, "overall")
    assert result.overall.total >= 300
    assert result.overall.accuracy >= 0.95


def test_every_hard_category_at_least_85_percent_and_misses_go_to_a_person(result, request) -> None:  # type: ignore[no-untyped-def]
    assert result.overall.wrong_final == 0
    _unmet(request, "hard")
    assert all(hard_categories_met(result).values()), hard_categories_met(result)


def test_every_language_is_scored(result) -> None:  # type: ignore[no-untyped-def]
    assert set(result.tables["language"]) == {"ar", "en", "es", "fr", "ru", "zh"}


# Sets 6-37 were scored once each and tuned on after (rounds 6-38, the second reader's retraining):
# their accuracy targets are not all met, but no reply of theirs may be swapped or answered wrongly
# without a person (frozen24 since round 24, which sent its acknowledgement filed under a number to
# a person; frozen27 since round 26, which sent a promise to report back to a person; frozen28 and
# frozen29 since the second reader was trained with them: frozen29's swap, a delegate after "quien
# no estará disponible", is the rules' and was vetoed, then mended in round 28; frozen30 since round
# 30, which sent a confirmation deferred to a person; frozen31 and frozen32 had none on their
# first scores; frozen33 since round 33, which sent a draft's words reported to a person;
# frozen34, frozen35 and frozen36 had none on their first scores; frozen37 since round 38, which
# reads an earlier letter's reported refusal as superseded).
@pytest.mark.parametrize(
    "name",
    [
        "frozen6",
        "frozen7",
        "frozen8",
        "frozen9",
        "frozen10",
        "frozen11",
        "frozen12",
        "frozen13",
        "frozen14",
        "frozen15",
        "frozen16",
        "frozen17",
        "frozen18",
        "frozen19",
        "frozen20",
        "frozen21",
        "frozen22",
        "frozen23",
        "frozen24",
        "frozen25",
        "frozen26",
        "frozen27",
        "frozen28",
        "frozen29",
        "frozen30",
        "frozen31",
        "frozen32",
        "frozen33",
        "frozen34",
        "frozen35",
        "frozen36",
        "frozen37",
    ],
)
def test_later_sets_no_swap_and_no_wrong_final_answer(name: str) -> None:
    folder = FROZEN.parent / name
    if not (folder / "labels.csv").exists():
        pytest.skip(f"{name} is not in this tree")
    scored = score(folder)
    assert _swaps(scored) == []
    assert scored.overall.wrong_final == 0

"""Score the classifier on a frozen test set (tests/data/replies/frozen/ by default, or
frozen2/ with ``--set frozen2``; each written apart from the cue lists): per kind, per
language, per category, accept<->decline swaps, replies sent to a person, and the reliability
of the confidence.

    python bench/classify_frozen.py [--set frozen2] [--errors] [--markdown]

The targets (issue 13): 0 swaps; >= 95 % overall; every hard category (all but ``plain``)
>= 85 % with its misses going to a person.
"""

from __future__ import annotations

import argparse
import csv
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from circular.replies.classify import Classification, classify_message
from circular.replies.confidence import THRESHOLD
from circular.replies.matching import campaign_event_names

SETS = Path(__file__).parents[1] / "tests" / "data" / "replies"
FROZEN = SETS / "frozen"
#: Every set answers the sample campaign's letter (CL-21/4): its file names the event, as the
#: poll passes each campaign's names to the classifier.
EVENT_NAMES = campaign_event_names("cl-21-4", Path(__file__).parents[1] / "letters")
ANSWERS = {"accept", "decline"}


@dataclass
class Tally:
    """Counts of one row of a table."""

    total: int = 0
    right: int = 0
    swaps: int = 0
    to_person: int = 0  # classified other (a person decides)
    wrong_final: int = 0  # wrong and final, with no person (the misses that hurt)

    def add(self, label: str, result: Classification) -> None:
        got = result.kind.value
        self.total += 1
        self.right += got == label
        self.swaps += {got, label} == ANSWERS
        self.to_person += got == "other"
        self.wrong_final += got != label and got != "other"

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else 0.0


@dataclass(frozen=True)
class Score:
    """Everything the report shows."""

    rows: list[tuple[dict[str, str], Classification]]
    tables: dict[str, dict[str, Tally]]
    overall: Tally


def score(folder: Path = FROZEN, *, second_reader: bool = True) -> Score:
    with (folder / "labels.csv").open(encoding="utf-8") as handle:
        labels = list(csv.DictReader(handle))
    rows = [
        (
            row,
            classify_message(
                (folder / row["file"]).read_bytes(),
                event_names=EVENT_NAMES,
                second_reader=second_reader,
            ),
        )
        for row in labels
    ]
    tables: dict[str, dict[str, Tally]] = {
        "kind": defaultdict(Tally),
        "language": defaultdict(Tally),
        "category": defaultdict(Tally),
    }
    overall = Tally()
    for row, result in rows:
        overall.add(row["kind"], result)
        for name, table in tables.items():
            table[row[name] or "none"].add(row["kind"], result)
    return Score(rows, tables, overall)


def hard_categories_met(result: Score) -> dict[str, bool]:
    """Per hard category: >= 85 % right and every miss sent to a person."""
    return {
        name: tally.accuracy >= 0.85 and tally.wrong_final == 0
        for name, tally in result.tables["category"].items()
        if name != "plain"
    }


def reliability(result: Score) -> list[tuple[str, int, int]]:
    """(confidence band, accept/decline guesses in it, right) on the frozen set."""
    bands = [(0.0, 0.6), (0.6, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 0.95), (0.95, 1.01)]
    out = []
    for low, high in bands:
        inside = [
            (row, r)
            for row, r in result.rows
            if (r.best_guess or r.kind.value) in ANSWERS and low <= r.confidence < high
        ]
        right = sum(1 for row, r in inside if (r.best_guess or r.kind.value) == row["kind"])
        out.append((f"{low:.2f}–{min(high, 1.0):.2f}", len(inside), right))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--errors", action="store_true", help="list every wrong message")
    parser.add_argument("--set", default="frozen", help="the set's folder under tests/data/replies")
    parser.add_argument(
        "--rules-only", action="store_true", help="the rules' reading, without the second reader"
    )
    args = parser.parse_args()
    result = score(SETS / args.set, second_reader=not args.rules_only)
    head = "| {} | replies | right | accuracy | swaps | to a person | wrong without a person |"
    for name, table in result.tables.items():
        print(head.format(name))
        print("|---|---|---|---|---|---|---|")
        for key, t in sorted(table.items()):
            print(
                f"| {key} | {t.total} | {t.right} | {t.accuracy:.1%} | {t.swaps} | {t.to_person}"
                f" | {t.wrong_final} |"
            )
        print()
    o = result.overall
    print(
        f"overall: {o.right}/{o.total} = {o.accuracy:.1%}; accept<->decline swaps: {o.swaps};"
        f" sent to a person: {o.to_person}; wrong without a person: {o.wrong_final}"
    )
    met = hard_categories_met(result)
    print(
        "hard categories meeting >=85 % with misses to a person:", sum(met.values()), "/", len(met)
    )
    print(f"\nreliability (accept/decline guesses; final at >= {THRESHOLD}):")
    print("| confidence band | guesses | right | observed accuracy |")
    print("|---|---|---|---|")
    for band, n, right in reliability(result):
        print(f"| {band} | {n} | {right} | {right / n:.1%} |" if n else f"| {band} | 0 | – | – |")
    if args.errors:
        for row, r in result.rows:
            if r.kind.value != row["kind"]:
                print(
                    f"WRONG {row['file']} [{row['category']}]: expected {row['kind']}, got "
                    f"{r.kind.value} (guess {r.best_guess}, {r.confidence:.2f}) {r.evidence[:90]!r}"
                )


if __name__ == "__main__":
    main()

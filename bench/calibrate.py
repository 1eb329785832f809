"""Calibrate the classifier's confidence on the development set and print the reliability table.

The development set is everything the cue lists were written or tuned against: the dev
sentences (tests/data/replies/dev/dev.csv), the older held-out sentences
(tests/data/replies/sentences.csv, tuned on in earlier rounds) and the labelled corpus of
e-mails (tests/data/replies/labels.csv), the sentences for the rules added after the second
frozen score (dev/dev2.csv), and the first two frozen sets (frozen/, frozen2/), which became
development data once scored. Never a set that has not been scored yet (frozen3/).

    python bench/calibrate.py          # the reliability table with the weights in use
    python bench/calibrate.py --fit    # also refit the weights (logistic regression, L2 toward
                                       # the weights in use) and show the table with them
"""

from __future__ import annotations

import argparse
import csv
import math
from pathlib import Path

from circular.replies.classify import classify_message, classify_text, detect_language
from circular.replies.confidence import FEATURES, THRESHOLD, WEIGHTS, Evidence, confidence

DATA = Path(__file__).parents[1] / "tests" / "data" / "replies"
HUMAN = {"accept", "decline", "other"}


def development_set() -> list[tuple[str, Evidence | None, str, str]]:
    """(source, the evidence of the guess, the guess, the label) for every dev reply."""
    out = []
    for name in ("dev/dev.csv", "dev/dev2.csv", "sentences.csv"):
        with (DATA / name).open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                text = row["text"]
                decision = classify_text(text, language_known=detect_language(text) is not None)
                out.append((name, decision.basis, decision.best_guess.value, row["kind"]))
    with (DATA / "labels.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["kind"] not in HUMAN:
                continue
            result = classify_message((DATA / row["file"]).read_bytes())
            out.append(("labels.csv", result.basis, result.best_guess or "other", row["kind"]))
    for folder in ("frozen", "frozen2"):
        with (DATA / folder / "labels.csv").open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                result = classify_message((DATA / folder / row["file"]).read_bytes())
                out.append((folder, result.basis, result.best_guess or "other", row["kind"]))
    return out


def fit(samples: list[tuple[Evidence, bool]], prior: tuple[float, ...]) -> tuple[float, ...]:
    """Logistic regression by gradient descent, with an L2 pull toward ``prior`` (the dev set
    is small and mostly right: without the pull, rare features get extreme weights)."""
    w = list(prior)
    rate, pull = 0.05, 0.05
    for _ in range(3000):
        grad = [pull * (wi - pi) for wi, pi in zip(w, prior, strict=True)]
        for evidence, right in samples:
            x = evidence.features()
            p = 1.0 / (1.0 + math.exp(-sum(a * b for a, b in zip(w, x, strict=True))))
            for i, xi in enumerate(x):
                grad[i] += (p - float(right)) * xi / len(samples)
        w = [wi - rate * g for wi, g in zip(w, grad, strict=True)]
    return tuple(round(wi, 1) for wi in w)


def table(samples: list[tuple[Evidence, bool]], weights: tuple[float, ...]) -> None:
    """Print confidence band → replies, observed accuracy of the guess, final without a person."""
    bands = [(0.0, 0.5), (0.5, 0.6), (0.6, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 0.95), (0.95, 1.01)]
    print("| confidence band | replies | guess right | observed accuracy | final (no person) |")
    print("|---|---|---|---|---|")
    for low, high in bands:
        inside = [r for e, r in samples if low <= confidence(e, weights) < high]
        if not inside:
            print(f"| {low:.2f}–{min(high, 1):.2f} | 0 | – | – | – |")
            continue
        final = "yes" if low >= THRESHOLD else "no (needs_review)"
        ok = sum(inside)
        print(
            f"| {low:.2f}–{min(high, 1):.2f} | {len(inside)} | {ok} | {ok / len(inside):.1%} "
            f"| {final} |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--fit", action="store_true", help="refit the weights and show them")
    args = parser.parse_args()
    rows = development_set()
    samples = [(e, guess == label) for _, e, guess, label in rows if e is not None]
    others = [(guess, label) for _, e, guess, label in rows if e is None]
    swaps = sum(1 for _, _, g, lab in rows if {g, lab} == {"accept", "decline"})
    print(f"development set: {len(rows)} replies; {len(samples)} with an accept/decline guess;")
    print(f"  accept<->decline swaps among the guesses: {swaps}")
    right_other = sum(1 for g, lab in others if lab == "other")
    print(f"  {len(others)} with no guess (other, to a person), {right_other} labelled other\n")
    print("weights in use:", dict(zip(FEATURES, WEIGHTS, strict=True)))
    table(samples, WEIGHTS)
    if args.fit:
        fitted = fit(samples, WEIGHTS)
        print("\nfitted weights:", dict(zip(FEATURES, fitted, strict=True)))
        print(f"WEIGHTS = {fitted}")
        table(samples, fitted)


if __name__ == "__main__":
    main()

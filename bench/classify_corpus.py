"""Score the classifier on the labelled corpus (per kind and per language) and measure its
throughput on one core.

    python bench/classify_corpus.py [--corpus tests/data/replies] [--rounds 5] [--errors]
"""

from __future__ import annotations

import argparse
import csv
import time
from collections import defaultdict
from pathlib import Path

from bench.classify_frozen import EVENT_NAMES
from circular.replies.classify import classify_message, detect_language


def main() -> None:
    """Print the score tables and the messages per second."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=Path("tests/data/replies"))
    parser.add_argument("--rounds", type=int, default=5, help="passes over the corpus for speed")
    parser.add_argument("--errors", action="store_true", help="list every wrong message")
    args = parser.parse_args()

    with (args.corpus / "labels.csv").open(encoding="utf-8") as handle:
        labels = list(csv.DictReader(handle))
    messages = {row["file"]: (args.corpus / row["file"]).read_bytes() for row in labels}

    by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_language: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    language_right = [0, 0]
    errors = []
    for row in labels:
        result = classify_message(messages[row["file"]], event_names=EVENT_NAMES)
        right = result.kind.value == row["kind"]
        for table, key in ((by_kind, row["kind"]), (by_language, row["language"] or "none")):
            table[key][0] += right
            table[key][1] += 1
        language_ok = (result.language or "") == row["language"]
        language_right[0] += language_ok
        language_right[1] += 1
        if not right or not language_ok:
            errors.append((row["file"], row["kind"], row["language"], result))

    print("kind         correct/total")
    for kind, (ok, total) in sorted(by_kind.items()):
        print(f"{kind:<12} {ok:>3}/{total:<3}")
    print("\nlanguage     correct/total (kind right, by the message's language)")
    for language, (ok, total) in sorted(by_language.items()):
        print(f"{language:<12} {ok:>3}/{total:<3}")
    all_ok = sum(ok for ok, _ in by_kind.values())
    print(f"\nall          {all_ok:>3}/{len(labels)}")
    print(f"language detected right: {language_right[0]}/{language_right[1]}")
    if args.errors:
        for file, kind, language, result in errors:
            print(
                f"WRONG {file}: expected {kind}/{language or None}, got {result.kind.value}/"
                f"{result.language} ({result.confidence:.2f}) {result.evidence[:120]!r}"
            )

    detect_language("warm-up so that lingua's models are loaded before timing")
    started, cpu_started = time.perf_counter(), time.process_time()
    count = 0
    for _ in range(args.rounds):
        for raw in messages.values():
            classify_message(raw, event_names=EVENT_NAMES)
            count += 1
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    # The wall clock includes waiting for a shared CPU; the process's CPU time does not.
    print(
        f"\nthroughput: {count} messages, wall {elapsed:.2f} s = {count / elapsed:.0f} msg/s,"
        f" CPU {cpu:.2f} s = {count / cpu:.0f} msg/s (one process, one core)"
    )


if __name__ == "__main__":
    main()

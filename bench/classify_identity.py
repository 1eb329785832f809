"""Result-equivalence check for speed work on the reply classifier: classify every .eml under
tests/data/replies (the sample corpus and every frozen set) and write one JSON line per message
with every field of the result, so that two commits' dumps can be compared byte for byte.

    python bench/classify_identity.py --out /tmp/base.jsonl          # dump
    python bench/classify_identity.py --compare /tmp/base.jsonl /tmp/new.jsonl

``--compare`` prints each message whose result differs (field by field) and exits 1 if any.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path

from bench.classify_frozen import EVENT_NAMES, SETS
from circular.replies.classify import Classification, classify_message


def _fields(result: Classification) -> dict[str, object]:
    """Every field of the result, floats as their repr (exact), the rest as text."""
    out: dict[str, object] = {}
    for item in dataclasses.fields(result):
        value = getattr(result, item.name)
        if isinstance(value, float):
            out[item.name] = repr(value)
        elif item.name == "kind":
            out[item.name] = value.value
        elif item.name == "cues":
            out[item.name] = list(value)
        elif value is None or isinstance(value, (str, bool, int)):
            out[item.name] = value
        else:
            out[item.name] = repr(value)
    return out


def dump(corpus: Path, out: Path, second_reader: bool) -> int:
    """Classify every message under ``corpus`` in path order; one JSON line each."""
    files = sorted(corpus.rglob("*.eml"))
    with out.open("w", encoding="utf-8") as handle:
        for path in files:
            result = classify_message(
                path.read_bytes(), event_names=EVENT_NAMES, second_reader=second_reader
            )
            line = {"file": str(path.relative_to(corpus)), **_fields(result)}
            handle.write(json.dumps(line, ensure_ascii=False, sort_keys=True) + "\n")
    return len(files)


def compare(old: Path, new: Path) -> int:
    """Print the differences between two dumps; the number of differing messages."""
    before = [json.loads(line) for line in old.read_text(encoding="utf-8").splitlines()]
    after = [json.loads(line) for line in new.read_text(encoding="utf-8").splitlines()]
    old_by = {row["file"]: row for row in before}
    new_by = {row["file"]: row for row in after}
    differing = 0
    for name in sorted(old_by.keys() | new_by.keys()):
        a, b = old_by.get(name), new_by.get(name)
        if a == b:
            continue
        differing += 1
        if a is None or b is None:
            print(f"{name}: only in {'new' if a is None else 'old'} dump")
            continue
        for key in sorted(a.keys() | b.keys()):
            if a.get(key) != b.get(key):
                print(f"{name}: {key}: {a.get(key)!r} -> {b.get(key)!r}")
    same_bytes = old.read_bytes() == new.read_bytes()
    print(
        f"{len(old_by)} vs {len(new_by)} messages compared, {differing} differ;"
        f" files byte-identical: {same_bytes}"
    )
    return differing if differing else (0 if same_bytes else 1)


def main() -> None:
    """Dump or compare."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=SETS)
    parser.add_argument("--out", type=Path, help="write the dump here")
    parser.add_argument("--no-second-reader", action="store_true")
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("OLD", "NEW"))
    args = parser.parse_args()
    if args.compare:
        sys.exit(1 if compare(*args.compare) else 0)
    if not args.out:
        parser.error("--out or --compare is required")
    count = dump(args.corpus, args.out, not args.no_second_reader)
    print(f"{count} messages written to {args.out}")


if __name__ == "__main__":
    main()

"""How the second reader would have changed the frozen sets' FIRST scores (issue 13).

Each frozen set was scored once by the classifier of the day, before any round tuned on it
(``bench/results/classify_<set>_first.txt``, committed at that classifier's commit). This script
replays those readings and checks each with a second reader trained without that set:

    python bench/second_reader_replay.py replay frozen14 … frozen24
        # the rules' reading of each set at the commit of its first score (a temporary git
        # worktree per commit), into bench/results/second_reader_replay.csv
    python tools/train_second_reader.py --loso frozen14 … frozen24 --out loso.json
        # each set read by a model trained on every other scored set
    python bench/second_reader_replay.py score loso.json
        # per set: the rules alone, and with circular.replies.second_reader.reconsider

The replayed rules are the old ones (development figures for the thresholds, which were chosen
on them); the second reader's texts are the current rules' (what it reads in production).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

import numpy as np

from circular.ledger import ReplyKind
from circular.replies.classify import Decision, classify_message
from circular.replies.matching import campaign_event_names
from circular.replies.second_reader import reconsider

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
REPLAY = RESULTS / "second_reader_replay.csv"
EVENTS = campaign_event_names("cl-21-4", ROOT / "letters")
FIELDS = ["set", "file", "label", "category", "kind", "best_guess", "confidence", "reason"]

# Run inside the old tree (its own circular first on sys.path): one JSON line per reply.
_READ = """
import csv, json, sys
from pathlib import Path
import circular.replies.classify as C
root, folder = Path(sys.argv[1]), Path(sys.argv[2])
try:
    from circular.replies.matching import campaign_event_names
    kw = {"event_names": campaign_event_names("cl-21-4", root / "letters")}
except Exception:
    kw = {}
for row in csv.DictReader((folder / "labels.csv").open(encoding="utf-8")):
    raw = (folder / row["file"]).read_bytes()
    try:
        r = C.classify_message(raw, second_reader=False, **kw)
    except TypeError:
        r = C.classify_message(raw, **kw)
    print(json.dumps({"file": row["file"], "label": row["kind"], "category": row["category"],
        "kind": r.kind.value, "best_guess": getattr(r, "best_guess", None),
        "confidence": r.confidence, "reason": getattr(r, "review_reason", None)}))
"""


def first_commit(name: str) -> str:
    """The commit that recorded the set's first score (the classifier that made it)."""
    path = f"bench/results/classify_{name}_first.txt"
    out = subprocess.run(
        ["git", "log", "--format=%H", "--diff-filter=A", "--", path],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    if not out:
        raise SystemExit(f"{path}: no first score on record")
    return out[-1]


def replay(names: list[str]) -> None:
    rows = []
    for name in names:
        commit = first_commit(name)
        folder = ROOT / "tests" / "data" / "replies" / name
        with tempfile.TemporaryDirectory() as tmp:
            tree = Path(tmp) / "tree"
            subprocess.run(
                ["git", "worktree", "add", "-q", "--detach", str(tree), commit],
                cwd=ROOT,
                check=True,
            )
            try:
                out = subprocess.run(
                    [sys.executable, "-c", _READ, str(tree), str(folder)],
                    cwd=tree,
                    env={**os.environ, "PYTHONPATH": str(tree)},
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout
            finally:
                subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=ROOT)
        read = [json.loads(line) for line in out.splitlines()]
        right = sum(r["kind"] == r["label"] for r in read)
        print(f"{name} at {commit[:8]}: {right}/{len(read)}", flush=True)
        rows.extend({"set": name, **r} for r in read)
    with REPLAY.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


class _Fixed:
    """A second reader that answers with the probabilities read by the leave-one-out model."""

    def __init__(self, p: list[float]) -> None:
        self.p = np.array(p)

    def probabilities(self, text: str) -> np.ndarray:
        return self.p


def _decision(row: dict[str, str]) -> Decision:
    kind = ReplyKind(row["kind"]) if row["kind"] in ("accept", "decline") else ReplyKind.OTHER
    guess = row["best_guess"] or row["kind"]
    return Decision(
        kind,
        float(row["confidence"]),
        "",
        best_guess=ReplyKind(guess) if guess in ("accept", "decline") else ReplyKind.OTHER,
        needs_review=kind == ReplyKind.OTHER,
        reason=row["reason"] or None,
    )


def score(loso: Path) -> None:
    probs = json.loads(loso.read_text(encoding="utf-8"))
    with REPLAY.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    by_set: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        by_set.setdefault(row["set"], []).append(row)
    print(
        "| set | replies | rules alone: right | swaps | wrong final | with the second reader:"
        " right | swaps | wrong final | vetoed | confirmed |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    total: Counter[str] = Counter()
    for name, read in by_set.items():
        tally: Counter[str] = Counter()
        for row in read:
            label = row["label"]
            if row["kind"] not in ("accept", "decline", "other"):
                got_rules = got = row["kind"]  # bounces and auto-replies: not the reader's
            else:
                got_rules = row["kind"]
                # The text as the current rules show it (what the second reader reads, and
                # what its length rule counts); the probabilities are the left-out model's.
                raw = (ROOT / "tests" / "data" / "replies" / name / row["file"]).read_bytes()
                text = classify_message(raw, event_names=EVENTS, second_reader=False).text
                after = reconsider(_decision(row), text, _Fixed(probs[f"{name}|{row['file']}"]))
                got = after.kind.value
                tally["vetoed"] += got_rules != "other" and got == "other"
                tally["confirmed"] += got_rules == "other" and got != "other"
            for key, kind in (("rules", got_rules), ("both", got)):
                tally[f"{key} right"] += kind == label
                tally[f"{key} swaps"] += {kind, label} == {"accept", "decline"}
                tally[f"{key} wrong"] += kind not in (label, "other")
        tally["replies"] += len(read)
        total.update(tally)
        print(_line(name, tally))
    print(_line("**all**", total))


def _line(name: str, t: Counter[str]) -> str:
    n = t["replies"]
    return (
        f"| {name} | {n} | {t['rules right']} ({t['rules right'] / n:.1%}) | {t['rules swaps']}"
        f" | {t['rules wrong']} | {t['both right']} ({t['both right'] / n:.1%}) | {t['both swaps']}"
        f" | {t['both wrong']} | {t['vetoed']} | {t['confirmed']} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("replay").add_argument("sets", nargs="+")
    sub.add_parser("score").add_argument("loso", type=Path)
    args = parser.parse_args()
    if args.command == "replay":
        replay(args.sets)
    else:
        score(args.loso)


if __name__ == "__main__":
    main()

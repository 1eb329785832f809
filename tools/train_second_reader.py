"""Train the second reader (circular/replies/second_reader.py) on the development sets.

A maintainer's tool, not part of the product: it needs scikit-learn (pinned in the ``test``
extra); circular itself only reads the weights this script writes.

The training data are the frozen reply sets that have been scored once already (a set is test
data until ``bench/results/classify_<set>_first.txt`` records its first score; after that it is
development data like the rest): each reply's text as the rules read it
(``classify_message(..., second_reader=False).text``) and its label.

    python tools/train_second_reader.py            # rewrites circular/data/second_reader.{npz,json}
    python tools/train_second_reader.py --check    # fails if the shipped model is out of date
    python tools/train_second_reader.py --loso frozen14 … frozen23 --out probs.json
        # each listed set read by a model trained without it (docs/classification.md)
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import re
import sys
from pathlib import Path

import numpy as np
import sklearn
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression

from circular.replies.classify import classify_message
from circular.replies.matching import campaign_event_names
from circular.replies.second_reader import CLASSES, DIM, features

ROOT = Path(__file__).resolve().parents[1]
SETS = ROOT / "tests" / "data" / "replies"
RESULTS = ROOT / "bench" / "results"
DATA = ROOT / "circular" / "data"
#: Inverse regularisation strength (chosen by leave-one-set-out on sets 14–23: 10 and 40 read
#: the same share right, 40 gives sharper probabilities).
C = 40.0
#: The solver's tolerance (round 36): at lbfgs's default (1e-4) the fit stopped short of the
#: optimum wherever the data let it, so one changed text of 17,652 moved other replies'
#: probabilities by several hundredths (0.97 to 0.94, under the threshold); at 1e-6 the
#: weights are the optimum's and a small change in the data stays small.
TOL = 1e-6


def scored_sets() -> list[str]:
    """The frozen sets with a first score on record, in numeric order."""
    names = []
    for path in SETS.glob("frozen*"):
        if path.is_dir() and (RESULTS / f"classify_{path.name}_first.txt").exists():
            names.append(path.name)
    return sorted(names, key=lambda name: int(re.sub(r"\D", "", name) or 1))


def read_set(name: str) -> list[tuple[str, str, str]]:
    """(file, text read by the rules, label) of every reply of one set."""
    folder = SETS / name
    events = campaign_event_names("cl-21-4", ROOT / "letters")
    with (folder / "labels.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    out = []
    for row in rows:
        raw = (folder / row["file"]).read_bytes()
        text = classify_message(raw, event_names=events, second_reader=False).text
        out.append((row["file"], text, row["kind"]))
    return out


def matrix(texts: list[str]) -> csr_matrix:
    """The texts' hashed features, each row of unit length (as second_reader reads them)."""
    data: list[float] = []
    indices: list[int] = []
    pointers = [0]
    for text in texts:
        slots = np.sort(features(text))
        indices.extend(slots.tolist())
        data.extend([1.0 / np.sqrt(max(len(slots), 1))] * len(slots))
        pointers.append(len(indices))
    return csr_matrix((data, indices, pointers), shape=(len(texts), DIM))


def fit(texts: list[str], labels: list[str]) -> LogisticRegression:
    """The multinomial logistic regression on these texts (classes in ``CLASSES`` order)."""
    order = [kind.value for kind in CLASSES]
    y = np.array([order.index(label) for label in labels])
    model = LogisticRegression(C=C, max_iter=3000, tol=TOL)
    model.fit(matrix(texts), y)
    return model


def digest(rows: list[tuple[str, str, str, str]]) -> str:
    """sha256 of the training data (set, file, label, text), in order."""
    hasher = hashlib.sha256()
    for name, file, text, label in rows:
        hasher.update(f"{name}\0{file}\0{label}\0{text}\0".encode())
    return hasher.hexdigest()


def training_rows() -> tuple[list[str], list[tuple[str, str, str, str]]]:
    """The scored sets' names and their (set, file, text, label) rows."""
    names = scored_sets()
    rows = []
    for name in names:
        rows.extend((name, file, text, label) for file, text, label in read_set(name))
    return names, rows


def train(names: list[str], rows: list[tuple[str, str, str, str]]) -> tuple[bytes, dict]:
    """The weights file's bytes and the description of what they were trained on."""
    model = fit([r[2] for r in rows], [r[3] for r in rows])
    buffer = io.BytesIO()
    np.savez_compressed(
        buffer,
        weights=model.coef_.astype(np.float32),
        intercepts=model.intercept_.astype(np.float64),
    )
    labels = [r[3] for r in rows]
    about = {
        "sets": names,
        "replies": len(rows),
        "labels": {kind.value: labels.count(kind.value) for kind in CLASSES},
        "data_sha256": digest(rows),
        "C": C,
        "tol": TOL,
        "slots": DIM,
        "scikit_learn": sklearn.__version__,
        "iterations": int(model.n_iter_.max()),
    }
    return buffer.getvalue(), about


def loso(names: list[str], out: Path) -> None:
    """P(accept, decline, other) of each reply of each listed set, by a model trained on every
    other scored set (never on the set it reads)."""
    every = {name: read_set(name) for name in sorted(set(scored_sets()) | set(names))}
    probs: dict[str, list[float]] = {}
    for name in names:
        rest = [row for other, rows in every.items() if other != name for row in rows]
        model = fit([text for _, text, _ in rest], [label for _, _, label in rest])
        p = model.predict_proba(matrix([text for _, text, _ in every[name]]))
        right = sum(
            CLASSES[int(row.argmax())].value == label
            for row, (_, _, label) in zip(p, every[name], strict=True)
        )
        print(f"{name}: {right}/{len(p)} read right by a model trained without it", flush=True)
        for row, (file, _, _) in zip(p, every[name], strict=True):
            probs[f"{name}|{file}"] = [round(float(x), 6) for x in row]
    out.write_text(json.dumps(probs, indent=0, sort_keys=True), encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="fail if the shipped model differs")
    parser.add_argument("--loso", nargs="+", metavar="SET", help="leave-one-set-out readings")
    parser.add_argument("--out", type=Path, default=Path("second_reader_loso.json"))
    args = parser.parse_args()
    if args.loso:
        loso(args.loso, args.out)
        return 0
    names, rows = training_rows()
    if args.check:
        # The data, not the weights: a fit's last bits may differ between machines' BLAS.
        shipped = json.loads((DATA / "second_reader.json").read_text(encoding="utf-8"))
        if shipped["data_sha256"] != digest(rows) or shipped["sets"] != names:
            print(
                "circular/data/second_reader.json: trained on other data than the scored sets"
                " as the rules read them now; run python tools/train_second_reader.py"
            )
            return 1
        print(f"second reader up to date: {len(rows)} replies of {len(names)} sets")
        return 0
    weights, about = train(names, rows)
    text = json.dumps(about, indent=2, sort_keys=True) + "\n"
    (DATA / "second_reader.npz").write_bytes(weights)
    (DATA / "second_reader.json").write_text(text, encoding="utf-8")
    print(text, end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())

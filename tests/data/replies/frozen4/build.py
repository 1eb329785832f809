"""Build the fourth frozen reply test set (this folder) from source/*.yaml.

The replies were written by hand in source/<category>.yaml, apart from the classifier, its cue
lists and the earlier sets. Dressing them as mail (headers, signature, quoted invitation in the
style of Outlook, Gmail or Thunderbird, HTML markup, legacy charsets, PDF/DOCX notes) reuses
tools/build_frozen_replies.py unchanged, so both sets look like the same mail. Ids are
`<category>_<lang>_<n>`, numbered in file order per category and language. Output is
deterministic; the set is frozen: never edit it, add a new set instead.

Run: python tests/data/replies/frozen4/build.py           (rebuild; must change no byte)
     python tests/data/replies/frozen4/build.py --check   (parse every file, counts, minimums)
"""

from __future__ import annotations

import collections
import csv
import importlib.util
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[3]
_spec = importlib.util.spec_from_file_location("base", ROOT / "tools" / "build_frozen_replies.py")
assert _spec is not None and _spec.loader is not None
base = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(base)
base.FROZEN = HERE  # the shared check() reads the folder from this module global

MIN_PER_CATEGORY = 40
MIN_TOTAL = 480


def build() -> None:
    rows = []
    index = 0
    for source in sorted((HERE / "source").glob("*.yaml")):
        data = yaml.safe_load(source.read_text(encoding="utf-8"))
        category = data["category"]
        numbers: collections.Counter[str] = collections.Counter()
        for entry in data["replies"]:
            lang, kind = entry["lang"], entry["kind"]
            if lang not in base.LANGUAGES or kind not in base.KINDS:
                raise SystemExit(f"{source.name}: entry {index}: bad lang {lang} or kind {kind}")
            numbers[lang] += 1
            entry["id"] = f"{category}_{lang}_{numbers[lang]:02d}"
            msg = base._message(entry, category, index)
            raw = bytes(msg)
            charset = entry.get("charset", "utf-8")
            if charset != "utf-8":
                subject = base._legacy(str(msg["Subject"]), charset, entry["id"])
                raw = base._legacy_subject(raw, subject, charset)
            (HERE / f"{entry['id']}.eml").write_bytes(raw)
            note = " ".join(str(entry.get("note", "")).split())
            rows.append([f"{entry['id']}.eml", kind, lang, category, note])
            index += 1
    with (HERE / "labels.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["file", "kind", "language", "category", "note"])
        writer.writerows(rows)
    print(f"{len(rows)} replies written to {HERE}")


def check() -> None:
    base.check()
    with (HERE / "labels.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    per_category = collections.Counter(row["category"] for row in rows)
    cells = {(row["category"], row["language"]) for row in rows}
    problems = [f"{c}: {n} < {MIN_PER_CATEGORY}" for c, n in per_category.items() if n < 40]
    problems += [
        f"{c}: no {lang}" for c in per_category for lang in base.LANGUAGES if (c, lang) not in cells
    ]
    if len(rows) < MIN_TOTAL:
        problems.append(f"{len(rows)} replies < {MIN_TOTAL}")
    if problems:
        raise SystemExit("minimums not met: " + "; ".join(problems))
    print(f"minimums hold: {len(per_category)} categories, each >= {MIN_PER_CATEGORY}, all six")


if __name__ == "__main__":
    check() if "--check" in sys.argv else build()

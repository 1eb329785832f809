"""Build the fourth frozen reply test set (this folder) from source/*.yaml.

The replies were written by hand in source/<category>.yaml, apart from the classifier, its cue
lists and the earlier sets. Dressing them as mail (headers, signature, quoted invitation in the
style of Outlook, Gmail or Thunderbird, HTML markup, legacy charsets, PDF/DOCX notes) reuses
tools/build_frozen_replies.py unchanged (its main() and check() pointed at this folder), so
both sets look like the same mail. Ids are `<category>_<lang>_<nn>`. Output is deterministic;
the set is frozen: never edit it, add a new set instead.

Run: python tests/data/replies/frozen4/build.py           (rebuild; must change no byte)
     python tests/data/replies/frozen4/build.py --check   (parse every file, counts, minimums)
"""

from __future__ import annotations

import collections
import csv
import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[3]
_spec = importlib.util.spec_from_file_location("base", ROOT / "tools" / "build_frozen_replies.py")
assert _spec is not None and _spec.loader is not None
base = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(base)
base.FROZEN = HERE  # the shared main() and check() read the folder from this global

MIN_PER_CATEGORY = 40
MIN_TOTAL = 480


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
    check() if "--check" in sys.argv else base.main()

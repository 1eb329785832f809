"""Build frozen test set 37 (this folder) from source/<language>.yaml.

Each source file maps a category to its replies, written by hand for that language (en, fr, es
by one writer; ru, zh, ar by another); this script gives every reply its id
(<language>_<category>_<nn>) and dresses it as mail with the shared generator
tools/build_frozen_replies.py (headers, signature, quoted invitation, HTML, legacy charsets,
PDF/DOCX note verbale), imported unchanged. Output is deterministic. The set is frozen: never
edit it, add a new set instead (frozen38).

Only the languages whose source file is present are built (so that one writer's half can be
built and checked before the other's arrives); the per-category minimum is enforced only when
all six are present, and a partial build says which languages are missing. Message indices run
over the languages present, so a partial build's bytes differ from the full set's.

Run: python tests/data/replies/frozen37/build.py           (rebuild; must change no byte)
     python tests/data/replies/frozen37/build.py --check   (parse every file, print the counts)
"""

from __future__ import annotations

import csv
import importlib.util
import sys
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[3]
_spec = importlib.util.spec_from_file_location(
    "build_frozen_replies", ROOT / "tools" / "build_frozen_replies.py"
)
assert _spec and _spec.loader
gen = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(gen)
gen.FROZEN = HERE  # the generator's check() reads labels.csv and the .eml files from here

CATEGORIES = (
    "plain",
    "double_negative_litotes",
    "not_x_but_y",
    "delegate",
    "conditional_tentative",
    "question",
    "ack_forward",
    "boilerplate_words",
    "forwarded_chain",
    "attachment_only",
    "html_only",
    "legacy_charset",
)
MINIMUM_PER_CATEGORY = 40
MINIMUM_PER_CELL = 7  # category x language
# The label mix of sets 5 to 20 in every category x language cell (accept, decline, other), so
# that the scores of sets 5 to 37 compare.
MIX = {
    "plain": (4, 3, 0),
    "double_negative_litotes": (5, 2, 0),
    "not_x_but_y": (4, 3, 0),
    "delegate": (6, 0, 1),
    "conditional_tentative": (0, 0, 7),
    "question": (0, 0, 7),
    "ack_forward": (0, 0, 7),
    "boilerplate_words": (3, 2, 2),
    "forwarded_chain": (3, 3, 1),
    "attachment_only": (3, 3, 1),
    "html_only": (3, 2, 2),
    "legacy_charset": (3, 2, 2),
}


def _languages() -> list[str]:
    present = [lang for lang in gen.LANGUAGES if (HERE / "source" / f"{lang}.yaml").exists()]
    missing = [lang for lang in gen.LANGUAGES if lang not in present]
    if missing:
        print(f"partial set: no source for {', '.join(missing)}", file=sys.stderr)
    return present


def _entries(languages: list[str]) -> list[tuple[str, dict[str, Any]]]:
    out = []
    for lang in languages:
        data = yaml.safe_load((HERE / "source" / f"{lang}.yaml").read_text(encoding="utf-8"))
        missing_or_extra = set(data) ^ set(CATEGORIES)
        if missing_or_extra:
            raise SystemExit(f"source/{lang}.yaml: categories differ: {sorted(missing_or_extra)}")
        for category, replies in data.items():
            if len(replies) < MINIMUM_PER_CELL:
                raise SystemExit(f"source/{lang}.yaml: {category} has {len(replies)} replies")
            for number, reply in enumerate(replies, start=1):
                if reply.get("kind") not in gen.KINDS or not reply.get("body"):
                    raise SystemExit(f"source/{lang}.yaml: {category} #{number}: bad kind or body")
            mix = tuple(sum(1 for r in replies if r["kind"] == k) for k in gen.KINDS)
            if mix != MIX[category]:
                raise SystemExit(f"source/{lang}.yaml: {category} mix {mix}, not {MIX[category]}")
            for number, reply in enumerate(replies, start=1):
                entry = dict(reply, lang=lang, id=f"{lang}_{category}_{number:02d}")
                out.append((category, entry))
    return out


def main() -> None:
    languages = _languages()
    entries = _entries(languages)
    for stale in HERE.glob("*.eml"):  # a partial build leaves no file of an earlier one behind
        stale.unlink()
    rows = []
    for index, (category, entry) in enumerate(entries):
        msg = gen._message(entry, category, index)
        raw = bytes(msg)
        charset = entry.get("charset", "utf-8")
        if charset != "utf-8":
            subject = gen._legacy(str(msg["Subject"]), charset, entry["id"])
            raw = gen._legacy_subject(raw, subject, charset)
        (HERE / f"{entry['id']}.eml").write_bytes(raw)
        note = " ".join(str(entry.get("note", "")).split())
        rows.append([f"{entry['id']}.eml", entry["kind"], entry["lang"], category, note])
    with (HERE / "labels.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["file", "kind", "language", "category", "note"])
        writer.writerows(rows)
    per_category = {c: sum(1 for row in rows if row[3] == c) for c in CATEGORIES}
    short = {c: n for c, n in per_category.items() if n < MINIMUM_PER_CATEGORY}
    if short and len(languages) == len(gen.LANGUAGES):
        raise SystemExit(f"categories under {MINIMUM_PER_CATEGORY}: {short}")
    print(f"{len(rows)} replies ({', '.join(languages)}) written to {HERE}")


def _check_mix() -> None:
    """Refuse a built set whose labels.csv breaks the mix, so --check catches hand edits too."""
    with (HERE / "labels.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for lang in sorted({row["language"] for row in rows}):
        for category in CATEGORIES:
            kinds = [
                row["kind"]
                for row in rows
                if (row["language"], row["category"]) == (lang, category)
            ]
            mix = tuple(kinds.count(kind) for kind in gen.KINDS)
            if mix != MIX[category]:
                raise SystemExit(f"labels.csv: {lang} {category} mix {mix}, not {MIX[category]}")


if __name__ == "__main__":
    if "--check" in sys.argv:
        _languages()
        gen.check()
        _check_mix()
    else:
        main()

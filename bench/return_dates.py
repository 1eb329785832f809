"""Out-of-office return dates: the own extractor (circular.replies.autoreplies) against
dateparser's ``search_dates`` (six languages), on the development cases: the auto-replies of
the labelled corpus and the sentences below. Prints accuracy and time per text.

    python bench/return_dates.py
"""

from __future__ import annotations

import csv
import time
from datetime import date, datetime
from pathlib import Path

from circular.replies.autoreplies import extract_return_date
from circular.replies.classify import classify_message
from circular.replies.mailtext import clean_reply, extract_body, parse_message

DATA = Path(__file__).parents[1] / "tests" / "data" / "replies"
REFERENCE = date(2021, 2, 3)
SENTENCES: list[tuple[str, date | None]] = [
    ("I will be back on 15 February.", date(2021, 2, 15)),
    (
        "I am out of the office until Friday 19 February with limited access to e-mail.",
        date(2021, 2, 19),
    ),
    ("Back in the office on February 15th.", date(2021, 2, 15)),
    ("Je serai de retour le 15 février.", date(2021, 2, 15)),
    ("Je suis absent du 3 au 12 février inclus.", date(2021, 2, 12)),
    ("Regresaré el 15 de febrero.", date(2021, 2, 15)),
    ("Estaré fuera de la oficina hasta el lunes 22 de febrero.", date(2021, 2, 22)),
    ("Вернусь 15 февраля.", date(2021, 2, 15)),
    ("Я в отпуске до 22 февраля 2021 г.", date(2021, 2, 22)),
    ("我将于2月15日返回办公室。", date(2021, 2, 15)),
    ("本人休假至2021年2月22日。", date(2021, 2, 22)),
    ("سأعود في ١٥ فبراير.", date(2021, 2, 15)),
    ("أنا خارج المكتب حتى 22 فبراير 2021.", date(2021, 2, 22)),
    ("Out of office until 2021-02-19.", date(2021, 2, 19)),
    ("Absent jusqu'au 19/02/2021.", date(2021, 2, 19)),
    ("Re: CL-21/4 – I am away.", None),
    ("Your message was read on 4 February.", None),
]


def dateparser_return_date(text: str, reference: date) -> date | None:
    """The last date dateparser finds after the reference day (an absence ends last)."""
    from dateparser.search import search_dates

    found = search_dates(
        text,
        languages=["en", "fr", "es", "ru", "zh", "ar"],
        settings={
            "RELATIVE_BASE": datetime(reference.year, reference.month, reference.day),
            "PREFER_DATES_FROM": "future",
            "DATE_ORDER": "DMY",
        },
    )
    days = [when.date() for _, when in found or [] if when.date() >= reference]
    return max(days) if days else None


def dateparser_near_cues(text: str, reference: date) -> date | None:
    """dateparser's dates, chosen the way the own extractor chooses (the date nearest a
    "back/return" word, then after an "until" word): a fairer match for dateparser."""
    from dateparser.search import search_dates

    from circular.replies.autoreplies import _RETURN_CUE, _UNTIL_CUE

    found = search_dates(
        text,
        languages=["en", "fr", "es", "ru", "zh", "ar"],
        settings={
            "RELATIVE_BASE": datetime(reference.year, reference.month, reference.day),
            "PREFER_DATES_FROM": "future",
            "DATE_ORDER": "DMY",
        },
    )
    dated = [(text.find(said), when.date()) for said, when in found or []]
    for cue in (_RETURN_CUE, _UNTIL_CUE):
        best: tuple[int, date] | None = None
        for m in cue.finditer(text):
            for pos, when in dated:
                distance = pos - m.end() if pos >= m.start() else (m.start() - pos) + 5
                if 0 <= distance <= 60 and (best is None or distance < best[0]):
                    best = (distance, when)
        if best is not None:
            return best[1]
    return None


def cases() -> list[tuple[str, date, date | None]]:
    out = [(text, REFERENCE, want) for text, want in SENTENCES]
    with (DATA / "labels.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["kind"] != "auto_reply":
                continue
            raw = (DATA / row["file"]).read_bytes()
            msg = parse_message(raw)
            text = clean_reply(extract_body(msg).text)
            sent = classify_message(raw)
            want = date.fromisoformat(row["return_date"]) if row["return_date"] else None
            reference = _reference(msg) or REFERENCE
            out.append((text, reference, want))
            assert sent.kind.value == "auto_reply"
    return out


def _reference(msg) -> date | None:  # type: ignore[no-untyped-def]
    from email.utils import parsedate_to_datetime

    try:
        return parsedate_to_datetime(str(msg["Date"])).date()
    except (TypeError, ValueError):
        return None


def main() -> None:
    data = cases()
    for name, extract in (
        ("own", extract_return_date),
        ("dateparser", dateparser_return_date),
        ("dateparser+cues", dateparser_near_cues),
    ):
        extract(data[0][0], data[0][1])  # warm-up (dateparser loads its language data)
        started = time.perf_counter()
        right = 0
        wrong = []
        for text, reference, want in data:
            got = extract(text, reference)
            right += got == want
            if got != want:
                wrong.append((" ".join(text.split())[:70], want, got))
        per = (time.perf_counter() - started) / len(data) * 1000
        print(f"{name:<16} {right}/{len(data)} right, {per:.2f} ms per text")
        for text, want, got in wrong:
            print(f"    wrong: {text!r}: wanted {want}, got {got}")


if __name__ == "__main__":
    main()

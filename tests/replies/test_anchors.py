"""The anchor prefilter of the cue lexicons (``circular.replies.anchors``) never skips a
lexicon that would match: a skipped search must be one that finds nothing."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from circular.replies import cues
from circular.replies.anchors import (
    AnchorScan,
    RequirementTest,
    anchor_words,
    anchors,
    fold,
    requirement_test,
)

DATA = Path(__file__).parents[1] / "data" / "replies"

# Every alternative of every lexicon, with the parts of its script (compiled as the lexicon
# compiles them: one pattern and one anchor test).
ALTERNATIVES = [
    (alternative, tuple(parts))
    for lexicon in cues._LEXICONS
    for parts in lexicon._by_script.values()
    for part in parts
    for alternative in cues._alternatives(part)
]
_Compiled = tuple[re.Pattern[str], AnchorScan | None, RequirementTest | None]
_TESTS: dict[tuple[str, ...], _Compiled] = {}


def _scan(words: frozenset[str] | None) -> AnchorScan | None:
    return None if words is None else AnchorScan(words)


def _compiled(parts: tuple[str, ...]) -> _Compiled:
    if parts not in _TESTS:
        each = [a for part in parts for a in cues._alternatives(part)]
        _TESTS[parts] = (
            re.compile(cues._factored(list(parts)), re.I),
            _scan(anchor_words(list(parts))),
            requirement_test(each),
        )
    return _TESTS[parts]


def _assert_not_skipped(parts: tuple[str, ...], text: str) -> None:
    pattern, test, required = _compiled(parts)
    if pattern.search(text) is not None:
        assert test is None or test.present(fold(text)), (parts[0][:80], text)
        # The finer test: every anchor set the alternatives need.
        assert required is None or required.possible(fold(text)), (parts[0][:80], text)


# Characters that re.IGNORECASE equates with others beyond simple lower case.
_CASE_TWINS = {"i": "ıİI", "s": "ſS", "k": "K", "в": "ᲀВ", "о": "ᲂО", "т": "ᲄᲅ"}


@st.composite
def _matching_text(draw: st.DrawFn) -> tuple[tuple[str, ...], str]:
    alternative, parts = draw(st.sampled_from(ALTERNATIVES))
    core = draw(st.from_regex(re.compile(alternative, re.I), fullmatch=True))
    chars = list(core)
    for i, char in enumerate(chars):
        twins = _CASE_TWINS.get(char.lower())
        if twins and draw(st.booleans()):
            chars[i] = draw(st.sampled_from(twins))
    words = st.sampled_from(["", " ", "the ", "Le ", "и ", "的", "في ", ", "])
    return parts, draw(words) + "".join(chars) + draw(words)


@settings(max_examples=1500, deadline=None, suppress_health_check=list(HealthCheck))
@given(_matching_text())
def test_a_lexicons_own_cues_are_never_skipped(case: tuple[tuple[str, ...], str]) -> None:
    _assert_not_skipped(*case)


def _dev_texts() -> list[str]:
    texts = []
    for name in ("dev/dev.csv", "dev/dev2.csv", "dev/dev3.csv", "sentences.csv"):
        with (DATA / name).open(encoding="utf-8") as handle:
            texts += [row["text"] for row in csv.DictReader(handle)]
    return texts


def test_searches_find_what_the_plain_patterns_find_on_the_dev_sentences() -> None:
    texts = _dev_texts()
    assert len(texts) > 300
    for lexicon in cues._LEXICONS:
        for text in texts:
            scripts = cues.scripts_of(text)
            parts = [p for name in sorted(scripts) for p in lexicon._by_script.get(name, [])]
            if not parts:
                continue
            plain = re.compile(cues._factored(parts), re.I)
            for clause in (text, *re.split(r"[,;:]", text)):
                cues.forget()
                got = lexicon.search(clause, scripts)
                want = plain.search(clause)
                assert (got and got.span()) == (want and want.span()), clause
                assert [m.span() for m in lexicon.finditer(clause, scripts)] == [
                    m.span() for m in plain.finditer(clause)
                ]


def test_fold_keeps_the_length_and_equates_re_case_twins() -> None:
    for text in ("İstanbul ſtate", "ᲀОЗМОЖНО", "KELVIN Kk", "Ministre", "部长"):
        assert len(fold(text)) == len(text)
    assert fold("İıIi") == "iiii"
    assert fold("ſS") == "ss"


def test_an_alternative_without_a_literal_leaves_the_lexicon_unanchored() -> None:
    assert anchors(r"\bwill\s+attend|\b\w+\s\d") is None
    assert anchor_words([r"\bwill\s+attend", r"\b\w+\s\d"]) is None
    assert anchors(r"\b(will|shall)\s+attend") == frozenset({"attend"})
    assert anchors(r"(?<!had\s)\bhope[sd]?\b") == frozenset({"hope"})
    assert anchors(r"\b(не|ни)\b") == frozenset({"не", "ни"})  # a shared first letter


def test_an_alternative_needs_all_its_anchors() -> None:
    required = requirement_test([r"\bthis\s+communication\b[^.]{0,40}\bintended\s+recipient"])
    assert required is not None
    assert not required.possible(fold("Thank you for your communication of 3 May."))
    assert required.possible(fold("This communication is for the intended recipient only."))
    # A longer anchor starting where a shorter one does: both are present.
    required = requirement_test([r"\baccept\w*\s+(the\s+)?acceptance"])
    assert required is not None and required.possible(fold("ACCEPTS THE ACCEPTANCE"))
    assert requirement_test([r"\bwill\s+attend", r"\b\w+\s\d"]) is None

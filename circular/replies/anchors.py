"""Literal anchors of a cue pattern: a cheap test that a text *cannot* match it.

Most clauses match none of most lexicons, yet each search runs a large alternation over every
position of the clause. From the parsed pattern (``re._parser``, the parser ``re.compile``
itself uses) we take, for each top-level alternative, a set of literal strings one of which
every match of that alternative must contain. If none of a lexicon's anchors is in the clause,
the search is skipped: its answer is known to be "no match". Anchors are computed from the
lexicon itself, so a cue added to a word list is anchored without anyone listing words; an
alternative without an anchor (``\\w+`` alone) makes the whole lexicon unanchored (always
searched).

Case: the patterns are compiled with ``re.IGNORECASE``, under which a character of the text
matches a literal when their simple lower cases are equal or belong to one of the few extra
case classes of ``re`` (``ı``/``i``, ``ſ``/``s``, Cyrillic ``в``/``ᲀ``, …). ``fold`` maps
every character to one representative of that relation, keeping the length, so
"the anchor is in the folded text" is a necessary condition for a match.
"""

from __future__ import annotations

import re
from functools import cache
from re import _casefix, _parser  # type: ignore[attr-defined]

# re's extra case classes (beyond simple lower case), each mapped to its smallest member.
_REPRESENTATIVE: dict[int, int] = {}
for _char, _others in _casefix._EXTRA_CASES.items():
    _REPRESENTATIVE[_char] = min(_char, *_others)
_SPECIAL_TABLE = {c: r for c, r in _REPRESENTATIVE.items() if c != r}
# "İ": its full lower case (``str.lower``) is two characters, its simple one (``re``'s) "i".
_SPECIAL_TABLE[0x130] = ord("i")
_SPECIAL = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_SPECIAL_TABLE)) + "]")


def fold(text: str) -> str:
    """``text`` in the case ``re.IGNORECASE`` compares by, one character for one."""
    lowered = text.lower()
    if _SPECIAL.search(lowered) is None and "\u0130" not in text:
        return lowered  # the usual case: no character of the extra classes
    return "".join(
        chr(_SPECIAL_TABLE.get(ord(low), ord(low)))
        for low in (c if c == "\u0130" else c.lower() for c in text)
    )


_MIN_LENGTH = 2  # shorter anchors would pass nearly every clause: not worth the test
_IDEOGRAPHS = 0x3400  # ... except one Han character, a word of its own
_CONSUMING_GROUPS = (_parser.SUBPATTERN, _parser.ATOMIC_GROUP)
_REPEATS = (_parser.MAX_REPEAT, _parser.MIN_REPEAT, _parser.POSSESSIVE_REPEAT)


def _choose(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    """The better of two anchor sets: the longer shortest string (up to 4 characters, already
    rare enough), then fewer strings."""
    if a is None or b is None:
        return a if b is None else b
    return min(a, b, key=lambda s: (-min(4, *map(len, s)), len(s)))


def _long_enough(anchor: str) -> bool:
    return len(anchor) >= _MIN_LENGTH or (anchor != "" and ord(anchor[0]) >= _IDEOGRAPHS)


_MAX_PREFIXES = 16
_ZERO_WIDTH = (_parser.AT, _parser.ASSERT, _parser.ASSERT_NOT)


def _prefixes(items: list[tuple[object, object]]) -> set[str]:
    """Literal strings one of which every match of ``items`` starts with ("н(е|и)" → {"не",
    "ни"}): literals, small classes and alternations, up to the first other element."""
    out = {""}
    for op, av in items:
        if op is _parser.LITERAL:
            out = {p + chr(av) for p in out}  # type: ignore[arg-type]
        elif op in _ZERO_WIDTH:
            continue
        elif op is _parser.IN and all(o is _parser.LITERAL for o, _ in av):  # type: ignore[attr-defined]
            out = {p + chr(c) for p in out for _, c in av}  # type: ignore[attr-defined]
        else:
            if op is _parser.BRANCH:
                heads = set().union(*(_prefixes(list(b)) for b in av[1]))  # type: ignore[index]
            elif op in _CONSUMING_GROUPS:
                heads = _prefixes(list(av[-1] if op is _parser.SUBPATTERN else av))  # type: ignore[index,arg-type]
            else:
                heads = {""}
            if len(out) * len(heads) > _MAX_PREFIXES:
                return {""}
            return {p + h for p in out for h in heads}
        if len(out) > _MAX_PREFIXES:
            return {""}
    return out


def _sequence(items: list[tuple[object, object]]) -> frozenset[str] | None:
    """Anchors of a sequence: a run of literals, the literal prefixes of a stretch of it, or
    the anchors of one required element."""
    best: frozenset[str] | None = None
    for candidate in _candidates(items):
        best = _choose(best, candidate)
    return best


def _candidates(items: list[tuple[object, object]]) -> list[frozenset[str] | None]:
    """Every anchor set of a sequence, in order (None for an element without one): each is
    needed by every match, so all of them together are too."""
    found: list[frozenset[str] | None] = []
    run: list[str] = []

    def close_run() -> None:
        if _long_enough("".join(run)):
            found.append(frozenset({fold("".join(run))}))
        run.clear()

    stretch = False  # inside a stretch of literals and classes (its prefixes are known)
    for i, (op, av) in enumerate(items):
        if op not in _ZERO_WIDTH and not stretch:
            heads = _prefixes(items[i:])
            if all(map(_long_enough, heads)):
                found.append(frozenset(map(fold, heads)))
        if op not in _ZERO_WIDTH:
            stretch = op is _parser.LITERAL or op is _parser.IN
        if op is _parser.LITERAL:
            run.append(chr(av))  # type: ignore[arg-type]
            continue
        if op in _ZERO_WIDTH:
            continue  # zero-width: consumes nothing, so the literal run goes on
        close_run()
        found.append(_element(op, av))
    close_run()
    return found


def _element(op: object, av: object) -> frozenset[str] | None:
    """Anchors one of which any match of this element contains (None: no such set)."""
    if op is _parser.BRANCH:
        found: set[str] = set()
        for branch in av[1]:  # type: ignore[index]
            anchors = _sequence(list(branch))
            if anchors is None:
                return None
            found |= anchors
        return frozenset(found)
    if op in _CONSUMING_GROUPS:
        sub = av[-1] if op is _parser.SUBPATTERN else av  # type: ignore[index]
        return _sequence(list(sub))
    if op in _REPEATS and av[0] >= 1:  # type: ignore[index]
        return _sequence(list(av[2]))  # type: ignore[index]
    return None


@cache
def anchors(pattern: str) -> frozenset[str] | None:
    """The literal anchors of ``pattern`` (compiled with ``re.IGNORECASE``), folded; None when
    some match may contain no literal string we can name (then always search)."""
    parsed = _parser.parse(pattern, re.IGNORECASE)
    return _sequence(list(parsed))


def _trie(words: frozenset[str]) -> dict[str, dict]:  # type: ignore[type-arg]
    root: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return root


def anchor_words(parts: list[str]) -> frozenset[str] | None:
    """Anchors of ``parts``: whenever one of them (with ``re.IGNORECASE``) matches a text, one
    of these words is in ``fold(text)`` (``AnchorScan`` finds them). None: some part has no
    anchors (always search). Each part is analysed once, whatever scripts it is combined with."""
    found: set[str] = set()
    for part in parts:
        anchored = anchors(part)
        if not anchored:
            return None
        found |= anchored
    return frozenset(found)


def _longest_first(node: dict[str, dict]) -> str:  # type: ignore[type-arg]
    """The trie as an alternation that finds the longest word starting at a position (a
    word's continuations are tried before the word itself ends)."""
    alternatives = [re.escape(char) + _longest_first(node[char]) for char in sorted(node) if char]
    if "" in node:
        alternatives.append("")
    return alternatives[0] if len(alternatives) == 1 else f"(?:{'|'.join(alternatives)})"


class AnchorScan:
    """Which of ``words`` a folded text contains, found in one pass: one scan serves every
    lexicon whose anchors are among ``words`` (``cues``: one per text, not one per lexicon)."""

    def __init__(self, words: frozenset[str]) -> None:
        self._finder = re.compile(f"(?=({_longest_first(_trie(words))}))")
        # Every anchor starting where a longer one starts is one of its prefixes.
        shorter = {w: tuple(w[:k] for k in range(1, len(w)) if w[:k] in words) for w in words}
        self._shorter = {w: found for w, found in shorter.items() if found}
        self._shorter_keys = frozenset(self._shorter)

    def present(self, folded: str) -> set[str]:
        """Every word of the scan that occurs in ``folded`` (the longest at each position, and
        the words it starts with)."""
        present = set(self._finder.findall(folded))
        for word in self._shorter_keys.intersection(present):
            present.update(self._shorter[word])
        return present


class RequirementTest:
    """A second, finer prefilter than ``anchor_words``: every top-level alternative of a
    lexicon needs *all* its anchor sets (each required element's, ``_candidates``), not just
    one of them, so "communication" alone does not let "this communication … intended
    recipient" be searched. ``possible(folded)`` is False only when no alternative can match
    (a search would find nothing)."""

    def __init__(self, needs: list[tuple[frozenset[str], ...]]) -> None:
        self.words = frozenset().union(*(s for need in needs for s in need))
        alone: set[str] = set()  # anchors of an alternative that needs nothing else
        self._by_anchor: dict[str, list[tuple[frozenset[str], ...]]] = {}
        for need in needs:
            first = min(need, key=lambda s: (len(s), -min(map(len, s))))
            rest = tuple(s for s in need if s is not first)
            for word in first:
                if rest:
                    self._by_anchor.setdefault(word, []).append(rest)
                else:
                    alone.add(word)
        self._alone = frozenset(alone)
        self._firsts = frozenset(self._by_anchor)

    def possible(self, folded: str) -> bool:
        """Whether some alternative has all its anchor sets in ``folded`` (``fold(text)``)."""
        # Alone (not behind ``cues``' shared scan): a scan of its own words.
        return self.possible_with(AnchorScan(self.words).present(folded))

    def possible_with(self, present: set[str]) -> bool:
        """``possible`` from the anchors found in the folded text (``AnchorScan.present`` of
        any word set that holds ``self.words``: other words found change nothing)."""
        if not self._alone.isdisjoint(present):
            return True
        for word in self._firsts.intersection(present):
            for rest in self._by_anchor[word]:
                if all(not need.isdisjoint(present) for need in rest):
                    return True
        return False


def requirement_test(alternatives: list[str]) -> RequirementTest | None:
    """The finer prefilter of ``alternatives`` (each a top-level alternative of a lexicon's
    parts, as ``re.IGNORECASE`` compiles it); None when one of them has no anchor at all or
    cannot be read alone (then ``anchor_words`` decides alone)."""
    needs: list[tuple[frozenset[str], ...]] = []
    for alternative in alternatives:
        try:
            parsed = _parser.parse(alternative, re.IGNORECASE)
        except re.error:
            return None
        need = tuple(dict.fromkeys(s for s in _candidates(list(parsed)) if s))
        if not need:
            return None
        needs.append(need)
    return RequirementTest(needs) if needs else None

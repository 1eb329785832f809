"""A second reader of a reply: a linear model over the reply's words, trained on the labelled
development sets, that checks the rules' reading (``circular.replies.decide``) before it stands.

Takes the text the rules read (the reply's own text, or the attachment or forwarded message
that answered) and their ``Decision``; gives the decision back, changed in two cases only:

- **veto**: the rules' answer is final, but the second reader reads the opposite answer (at
  ``VETO`` or more) or no answer at all (``other`` at ``VETO_OTHER`` or more): a person decides.
- **confirmation**: the rules' accept/decline guess fell below the confidence threshold only
  for lack of evidence (no conflict, no risk named), and the second reader reads the same answer
  at ``CONFIRM`` or more: the answer stands, its confidence the chance that both readers erred
  independently (``1 - (1 - rules) × (1 - model)``), which must reach the threshold too.

It never settles a conflict of cues, a risk the rules named (a signature block, a forwarded
draft, a condition) or a reply where the rules found no answer: those stay with a person. The
thresholds were chosen on the rules' own first scores of frozen sets 14–23 (each set read by the
classifier of the day it was frozen, before any round tuned on it) against a model trained
without that set (leave one set out): docs/classification.md, "A second reader".

The model: word unigrams, word bigrams and five-letter prefixes (Chinese: characters and
character pairs), hashed (CRC-32) into ``2**18`` slots, scaled to unit length, multinomial
logistic regression (scikit-learn, ``tools/train_second_reader.py``); the weights ship in
``circular/data/second_reader.npz``, with what they were trained on in
``second_reader.json``. Reading needs only numpy.
"""

from __future__ import annotations

import json
import re
import unicodedata
import zlib
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

import numpy as np

from circular.ledger import ReplyKind
from circular.replies.confidence import THRESHOLD

if TYPE_CHECKING:
    from circular.replies.classify import Decision

#: Hashed feature slots (a power of two).
DIM = 1 << 18
#: The classes, in the order of the model's rows.
CLASSES = (ReplyKind.ACCEPT, ReplyKind.DECLINE, ReplyKind.OTHER)
#: A final answer goes to a person when the second reader reads the opposite answer this surely…
VETO = 0.7
#: … or reads no answer (``other``) this surely.
VETO_OTHER = 0.5
#: A guess held back only by its confidence stands when the second reader agrees this surely.
CONFIRM = 0.8
#: The reason the rules give for a guess held back only by its confidence (decide.py).
_LOW_CONFIDENCE = "confidence "

_WORD = re.compile(r"[^\W\d_]+")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def tokens(text: str) -> list[str]:
    """The features of ``text`` before hashing: words, word pairs, five-letter prefixes (so that
    inflected forms share one), and for Chinese characters and character pairs."""
    text = unicodedata.normalize("NFKC", text).lower().replace("\u2019", "'")
    out: list[str] = []
    previous = "^"
    for word in _WORD.findall(text):
        if _HAN.match(word):
            out.extend("c:" + char for char in word)
            out.extend("c2:" + word[i : i + 2] for i in range(len(word) - 1))
            previous = "^"
            continue
        out.append("w:" + word)
        if len(word) > 5:
            out.append("p:" + word[:5])
        out.append("b:" + previous + " " + word)
        previous = word
    return out


def features(text: str) -> np.ndarray:
    """The distinct hashed slots of ``text``, sorted (each weighs ``1/sqrt(count)``)."""
    slots = {zlib.crc32(token.encode()) & (DIM - 1) for token in tokens(text)}
    return np.fromiter(sorted(slots), dtype=np.int64, count=len(slots))


@dataclass(frozen=True)
class Model:
    """Weights (classes × slots) and intercepts of the multinomial logistic regression."""

    weights: np.ndarray
    intercepts: np.ndarray

    def probabilities(self, text: str) -> np.ndarray:
        """P(accept), P(decline), P(other) for ``text``."""
        slots = features(text)
        score = self.intercepts.astype(np.float64)
        if len(slots):
            score = score + self.weights[:, slots].sum(axis=1) / np.sqrt(len(slots))
        score -= score.max()
        exp = np.exp(score)
        return exp / exp.sum()


@lru_cache(maxsize=1)
def model() -> Model:
    """The shipped model (circular/data/second_reader.npz)."""
    with resources.files("circular.data").joinpath("second_reader.npz").open("rb") as handle:
        stored = np.load(handle)
        return Model(stored["weights"].astype(np.float32), stored["intercepts"])


def trained_on() -> dict[str, object]:
    """What the shipped model was trained on (circular/data/second_reader.json)."""
    text = resources.files("circular.data").joinpath("second_reader.json").read_text("utf-8")
    return json.loads(text)


def reconsider(decision: Decision, text: str, reader: Model | None = None) -> Decision:
    """``decision`` vetoed, confirmed or unchanged by the second reader of ``text``."""
    answers = (ReplyKind.ACCEPT, ReplyKind.DECLINE)
    final = decision.kind in answers and not decision.needs_review
    held_back = (
        decision.needs_review
        and decision.best_guess in answers
        and (decision.reason or "").startswith(_LOW_CONFIDENCE)
    )
    if not (final or held_back) or not text.strip():
        return decision
    p = (reader or model()).probabilities(text)
    read = CLASSES[int(p.argmax())]
    sure = float(p.max())
    said = f"second reader: {read.value} {sure:.2f}"
    if final:
        if read == decision.kind:
            return replace(decision, cues=(*decision.cues, said))
        limit = VETO_OTHER if read == ReplyKind.OTHER else VETO
        if sure < limit:
            return replace(decision, cues=(*decision.cues, said))
        reason = (
            f"the second reader reads {read.value} ({sure:.2f}), not {decision.kind.value};"
            f" best guess {decision.kind.value}"
        )
        return replace(
            decision,
            kind=ReplyKind.OTHER,
            confidence=min(decision.confidence, 1.0 - sure),
            best_guess=decision.kind,
            needs_review=True,
            reason=reason,
            cues=(*decision.cues, said),
        )
    both = 1.0 - (1.0 - decision.confidence) * (1.0 - sure)
    if read != decision.best_guess or sure < CONFIRM or both < THRESHOLD:
        return replace(decision, cues=(*decision.cues, said))
    return replace(
        decision,
        kind=decision.best_guess,
        confidence=both,
        needs_review=False,
        reason=None,
        cues=(*decision.cues, f"{said} (confirms the guess held below the threshold)"),
    )

"""How sure a reading of a reply is, computed from its evidence, and when it may stand without a
person.

The confidence of an accept/decline guess is a logistic function of the evidence:

    confidence = 1 / (1 + exp(-(w · features)))

with the features below and weights fitted on the development set (tests/data/replies/dev/,
the older corpus and sentences; ``python bench/calibrate.py`` refits them and prints the
reliability table, quoted in docs/classification.md). A guess becomes final (``accept`` or
``decline`` without a person) only when its confidence is at least ``THRESHOLD`` and no cue
contradicts it unresolved; otherwise the reply is ``other`` with ``needs_review`` set, the
reason, and the guess kept as ``best_guess`` for the person who decides.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

#: An accept or decline stands without a person only at or above this confidence. Set from
#: held-out data, not the development sets (round 9): on the nine frozen sets' FIRST scores,
#: pooled, the 0.80-0.90 band was right 89/130 times (68.5 %), the bands from 0.90 up
#: 2283/2368 (96.4 %); see docs/classification.md, "Round 9".
THRESHOLD = 0.9

#: Names of the features, in the order of ``WEIGHTS``.
FEATURES = (
    "bias",
    "extra_agreeing",  # agreeing signals beyond the first (capped at 2)
    "conflicting",  # signals for the opposite answer, resolved by a contrast or a delegate
    "pending",  # hedges or questions beside the answer ("we will send the names later")
    "conditional",  # a condition or tentative sentence beside it ("subject to", "perhaps")
    "contrast",  # the answer came from the clause after "but/however"
    "negation",  # a decline read from a negation's scope rather than a refusal word
    "litotes",  # an accept read through a double negative
    "substitution",  # an accept from the Y of "not X but Y", or a delegate
    "attachment",  # the answer was only in an attached document
    "language_unknown",  # the language of the text could not be told
    "long",  # more than six sentences, of which few decide
)

#: Fitted by bench/calibrate.py on the development set (rounded; see its output).
WEIGHTS = (3.6, 0.7, -1.0, -1.6, -2.5, -0.6, -0.2, -0.8, -0.6, -0.7, -1.0, -0.5)


@dataclass(frozen=True)
class Evidence:
    """What a reading of a reply rests on (the inputs of the confidence)."""

    agreeing: int
    conflicting: int = 0
    pending: int = 0
    conditional: int = 0
    contrast: bool = False
    negation: bool = False
    litotes: bool = False
    substitution: bool = False
    attachment: bool = False
    language_known: bool = True
    sentences: int = 1

    def features(self) -> tuple[float, ...]:
        """The feature vector, in the order of ``FEATURES``."""
        return (
            1.0,
            float(min(max(self.agreeing - 1, 0), 2)),
            float(min(self.conflicting, 2)),
            float(min(self.pending, 2)),
            float(min(self.conditional, 1)),
            float(self.contrast),
            float(self.negation),
            float(self.litotes),
            float(self.substitution),
            float(self.attachment),
            float(not self.language_known),
            float(self.sentences > 6),
        )

    def describe(self) -> list[str]:
        """The evidence in words, for the JSON output and the review form."""
        said = [f"{self.agreeing} agreeing cue(s)"]
        for flag, words in (
            (self.conflicting, f"{self.conflicting} conflicting cue(s)"),
            (self.pending, f"{self.pending} pending or question sentence(s)"),
            (self.conditional, f"{self.conditional} conditional or tentative sentence(s)"),
            (self.contrast, "decided by the clause after a contrast"),
            (self.negation, "decline read from a negation's scope"),
            (self.litotes, "accept read through a double negative"),
            (self.substitution, "accept through a delegate or a 'not X but Y'"),
            (self.attachment, "answer read in an attachment"),
            (not self.language_known, "language not recognised"),
            (self.sentences > 6, f"long reply ({self.sentences} sentences)"),
        ):
            if flag:
                said.append(words)
        return said


def confidence(evidence: Evidence, weights: tuple[float, ...] = WEIGHTS) -> float:
    """The probability that an accept/decline guess with this evidence is right."""
    score = sum(w * x for w, x in zip(weights, evidence.features(), strict=True))
    return 1.0 / (1.0 + math.exp(-score))

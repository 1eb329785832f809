"""Why the rules send a reply to a person: the reasons another stage reads.

Takes nothing in; gives the opening words of the reasons that classify.py and safety.py write
into a decision and that the second reader (second_reader.py) recognises, so that each phrase
has one source: a reworded reason cannot silently stop the second reader recognising it.
"""

from __future__ import annotations

#: No sentence held a cue: the only reason the second reader may answer alone.
NO_CUE = "no sentence accepts or declines"
#: A guess held back only by its confidence (followed by the figure and the threshold).
LOW_CONFIDENCE = "confidence "

# Reasons that name cues of both answers, or an answer found elsewhere than in the reply's own
# words: the second reader never settles them.
CONFLICT = "conflicting cues"
SPLIT_CUES = "accept and decline cues"
ACCEPT_BESIDE_DECLINE = "an acceptance word beside"
SUBSTITUTE_BESIDE_DECLINE = "a substitute or a delegate beside"
REFUSAL_AND_LATER = "a refusal now and another occasion"
FORWARDED = "the answer is in a forwarded message"
SIGNATURE_ONLY = "the only answer is in the signature block"
SIGNATURE_OTHERWISE = "the signature block answers otherwise"
#: The body's own condition over the answer in an attachment ("our reply is attached, subject to
#: the Cabinet's approval"): the attached letter's words outweigh the body's in the model.
BODY_CONDITIONAL = "the message's own text is conditional"

NOT_SETTLED = (
    CONFLICT,
    SPLIT_CUES,
    ACCEPT_BESIDE_DECLINE,
    SUBSTITUTE_BESIDE_DECLINE,
    REFUSAL_AND_LATER,
    FORWARDED,
    SIGNATURE_ONLY,
    SIGNATURE_OTHERWISE,
    BODY_CONDITIONAL,
)

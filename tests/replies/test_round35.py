"""Round 35 of issue 13: the thirty-fifth set's attached letters. A letter's head (letterhead,
address, "The Secretary-General" / "International Telecommunication Union" on short lines above
"Dear Secretary-General,") looked like a sender's signature block opening after some text, so the
whole letter below it was cut off as a block and its answer sent to a person ("the only answer is
in the signature block"). No block starts before the salutation now. Every letter was written for
this test; none is copied from a set."""

from __future__ import annotations

import pytest

from circular.replies.classify import classify_text

LETTER = (
    "MINISTRY OF TRANSPORT AND COMMUNICATIONS\nPrivate Bag 0032, Gaborone\n\nThe Secretary-General"
    "\nInternational Telecommunication Union\n\n{salutation}\n\n{body}\n\nYours sincerely,\n\n"
    "Permanent Secretary"
)


@pytest.mark.parametrize(
    ("salutation", "body", "kind"),
    [
        (
            "Dear Secretary-General,",
            "I am pleased to inform you that the Minister will deliver the national statement at"
            " the High-Level Policy Sessions.",
            "accept",
        ),
        (
            "Dear Secretary-General,",
            "I regret to inform you that the Minister will not be able to take part in the"
            " High-Level Policy Sessions this year.",
            "decline",
        ),
        (
            "Monsieur le Secrétaire général,",
            "J'ai l'honneur de vous informer que la Ministre prononcera la déclaration nationale"
            " lors des sessions de haut niveau.",
            "accept",
        ),
        (
            "Estimado Secretario General:",
            "Lamento informarle que el Ministro no podrá participar en las sesiones de alto nivel.",
            "decline",
        ),
    ],
)
def test_a_letters_head_is_no_signature_block(salutation: str, body: str, kind: str) -> None:
    text = LETTER.format(salutation=salutation, body=body)
    decision = classify_text(text, attachment=True)
    assert decision.kind.value == kind, (decision.reason, decision.cues)


def test_a_name_and_title_after_the_letter_still_open_a_block() -> None:
    # The block after the body is still cut: a motto there answers nothing.
    text = LETTER.format(
        salutation="Dear Secretary-General,",
        body="The Minister will deliver the national statement at the High-Level Policy Sessions.",
    ).replace("Permanent Secretary", 'Neo Dube\nPermanent Secretary\n\n"Never decline a challenge"')
    decision = classify_text(text, attachment=True)
    assert decision.kind.value == "accept", (decision.reason, decision.cues)

"""Round 4 of issue 13: safety on unseen mail. Structurally risky readings go to a person with
the best guess, never final; and the scope fixes of that round. Every sentence here was written
for this test (none is copied from a frozen set)."""

from __future__ import annotations

import pytest

from circular.ledger import ReplyKind
from circular.replies.classify import classify_text

ACCEPT, DECLINE, OTHER = ReplyKind.ACCEPT, ReplyKind.DECLINE, ReplyKind.OTHER

# (text, best guess a person is shown) — each must go to a person, never be final.
TO_A_PERSON = [
    # "unless" in six languages: the sentence is pending (conditional → other)
    ("Unless the cabinet meets that day, the Minister will open the session.", OTHER),
    ("À moins que le Parlement ne siège, la Ministre prononcera le discours.", OTHER),
    ("A menos que surja una emergencia, el Ministro intervendrá en la apertura.", OTHER),
    ("Если только не изменится график, Министр выступит на открытии.", OTHER),
    ("除非内阁临时开会，部长将出席开幕式并致辞。", OTHER),
    ("ما لم يطرأ طارئ، سيشارك معالي الوزير في الجلسة الافتتاحية.", OTHER),
    # a condition in another sentence than the answer
    ("The Minister will attend. This depends on the budget vote, however.", ACCEPT),
    # inclination is not a decision
    ("We are inclined to accept; the Minister decides on Monday.", OTHER),
    ("Nos inclinamos a aceptar la invitación, pero falta la firma del Ministro.", OTHER),
    ("Мы склоняемся к тому, чтобы принять приглашение.", OTHER),
    ("我们倾向于接受邀请，最终由部长决定。", OTHER),
    ("نرجح المشاركة، وسنبلغكم بالقرار النهائي الأسبوع المقبل.", OTHER),
    # deciding later, and "not yet"
    ("La Ministre se prononcera après lecture du programme.", OTHER),
    ("لم يتقرر موعد سفر الوزير بعد.", OTHER),
    # accept and decline cues in different sentences, even with a contrast between them
    (
        "The Deputy Minister regrets he cannot travel. However, the Minister accepts gladly.",
        ACCEPT,
    ),
]


@pytest.mark.parametrize(("text", "guess"), TO_A_PERSON)
def test_risky_readings_go_to_a_person(text: str, guess: ReplyKind) -> None:
    decision = classify_text(text)
    assert decision.kind == OTHER and decision.needs_review, (text, decision)
    if guess != OTHER:
        assert decision.best_guess == guess, (text, decision.reason)


# Disclaimers phrased around "receive … in error" in any form of the verb.
@pytest.mark.parametrize(
    "text",
    [
        "Anyone receiving this note in error accepts to delete it.",
        "Quiconque reçoit ce courriel par erreur accepte de le détruire.",
        "Quien reciba este correo por error acepta eliminarlo.",
    ],
)
def test_receiving_in_error_is_a_disclaimer(text: str) -> None:
    assert classify_text(text).best_guess == OTHER


# "not X but Y" where Y is a reason, an impediment or nobody: never final.
@pytest.mark.parametrize(
    ("text", "guess"),
    [
        (
            "It is not the topic but the campaign that keeps the Minister from travelling.",
            DECLINE,
        ),
        (
            "El Ministro no rechaza la invitación por desinterés, sino por la crisis sanitaria.",
            DECLINE,
        ),
        ("No irá el Viceministro en su lugar, sino que nadie podrá viajar.", None),
    ],
)
def test_unsafe_not_x_but_y_goes_to_a_person(text: str, guess: ReplyKind | None) -> None:
    decision = classify_text(text)
    assert decision.kind == OTHER and decision.needs_review, (text, decision)
    if guess is not None:
        assert decision.best_guess == guess, (text, decision.reason)


# A plain substitution (another person, another way) still stands without a person.
@pytest.mark.parametrize(
    "text",
    [
        "Not the Minister but the Deputy Minister will deliver the statement.",
        "No será el Ministro sino la Viceministra quien hable en la sesión.",
        "部长不是现场出席，而是以视频方式致辞。",
    ],
)
def test_plain_substitution_stays_final(text: str) -> None:
    assert classify_text(text).kind == ACCEPT, text


# Scope fixes: a double negative read as one, and "neither … nor" is no nesting.
@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Возражений против поездки у Министра нет — она будет не прочь выступить.", ACCEPT),
        ("部长表示没有不出席的理由，将如期发言。", ACCEPT),
        ("我们没有理由不参加，部长将出席。", ACCEPT),
        ("Neither the Minister nor the Secretary of State will be able to attend.", DECLINE),
    ],
)
def test_double_negatives_read_as_one(text: str, kind: ReplyKind) -> None:
    assert classify_text(text).kind == kind, (text, classify_text(text).reason)


def test_a_negation_inside_a_negation_never_declines_finally() -> None:
    # Two negators nested around a participation verb the rules do not know as a litotes.
    decision = classify_text("Министр не может не не приехать на Форум.")
    assert decision.kind != DECLINE

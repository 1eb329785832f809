"""Round 7 of issue 13: the structural safety net (``circular.replies.safety``) and the general
causes of the seventh unseen set's swaps. Every sentence was written for this test, in the six
languages; none is copied from a development set. Each rule has sentences that must become a
final answer and sentences that must NOT (they go to a person with the best guess)."""

from __future__ import annotations

import pytest

from circular.replies.classify import classify_text
from circular.replies.safety import unsafe

# Litotes and exceptives that now read the right way round, final.
FINAL = [
    # "will not be slow to answer" (Arabic litotes with the subject between verb and عن).
    ("لن تتأخر الوزيرة عن المشاركة في الجلسة الرفيعة المستوى يوم 24 مارس.", "accept"),
    ("لن نتأخر عن تلبية الدعوة، وسيلقي معالي الوزير البيان الوطني.", "accept"),
    # "no alternative but to decline": an exceptive, a decline.
    ("The Ministry has no choice but to decline the invitation this year.", "decline"),
    ("Faced with the budget debate, the Minister has no option but to decline.", "decline"),
    ("La Ministre n'a d'autre choix que de décliner l'invitation cette année.", "decline"),
    ("El Ministro no tiene más remedio que declinar la invitación.", "decline"),
    # "no puede menos que aceptar": cannot help but accept.
    ("La Ministra no puede menos que aceptar tan amable invitación.", "accept"),
    # A first-person refusal, then a deputy who speaks in one's stead: a delegate accepts.
    ("لن أتمكن من السفر في مارس، لذلك كلفت نائبي أن يتحدث باسم الوزارة في الجلسة.", "accept"),
    ("部长那周出访 来不了 副司长替他发言 名单随后发", "accept"),
    # Nothing near the answer could turn it round: these stay final.
    ("The Minister regrets that she is unable to attend the Forum this year.", "decline"),
    ("Le Ministre prononcera la déclaration le 23 mars.", "accept"),
    ("Министр с удовольствием выступит на сессии высокого уровня.", "accept"),
    ("部长很遗憾不能出席本届论坛。", "decline"),
    # A substitute that is itself negated, or a "sino" that gives the cause: still a decline.
    ("Ni la Ministra ni su Viceministra podrán viajar a Ginebra en marzo.", "decline"),
    ("El Ministro no declina por desinterés, sino por la sesión del Congreso.", "decline"),
]


@pytest.mark.parametrize(("text", "kind"), FINAL)
def test_final_answers(text: str, kind: str) -> None:
    decision = classify_text(text)
    assert decision.kind.value == kind, (text, decision.reason)


# Sentences whose answer must NOT stand without a person; the best guess is kept.
TO_A_PERSON = [
    # A refusal of one way of taking part, then a substitute: pending, never a final decline.
    "The Minister cannot join live (time difference); a recorded video will be sent instead.",
    "Le Ministre ne pourra pas se connecter en direct ; à la place, nous enverrons une vidéo.",
    "Вживую Министр выступить не сможет, а вот запись пришлём заранее.",
    "部长无法现场出席，改为书面发言。",
    "لن يتمكن الوزير من الحضور، وإنما سيرسل رسالة مسجلة.",
    # "Not this time, but next year": never a final accept.
    "Not this time, sadly, but the Minister looks forward to joining you next year.",
    "Esta vez no, por desgracia, pero la Ministra estará con ustedes el próximo año.",
    # A refusal word beside an acceptance word.
    "The Secretary-General's office accepts the note, but the Minister must decline.",
    "يعتذر الوزير عن إلقاء الكلمة، غير أن الوزارة يسرها المشاركة في المعرض.",
    # Quoted drafts and drafts inside forwards.
    "Draft: «The Minister is pleased to accept the invitation.»",
    "مسودة: «يسعد معالي الوزير قبول الدعوة».",
    "草稿：“部长接受邀请并将发言。”",
    # An approval still to come.
    "部长出国须经总理批准，如获批准，将出席论坛。",
    "La participation du Ministre est sous réserve de l'approbation du Conseil des ministres.",
    "Участие Министра возможно после согласования с Правительством, он выступит.",
    # An indirect question that mentions a speech.
    "Сообщите, пожалуйста, кто ещё выступает на сессии — это нужно для доклада Министру.",
    "Could you let us know who else will speak at the session, for the Minister's briefing?",
]


@pytest.mark.parametrize("text", TO_A_PERSON)
def test_not_final(text: str) -> None:
    decision = classify_text(text)
    assert decision.kind.value == "other", (text, decision.kind, decision.reason)
    assert decision.needs_review


def test_net_names_its_reason() -> None:
    """The reason shown to the person names the marker that stopped the answer."""
    text = "部长无法现场出席，改为书面发言。"
    said = unsafe("decline", text, [text], 0)
    assert said is not None and "改为" in said
    text = "草稿：“部长接受邀请。”"
    said = unsafe("accept", text, [text], 0, cue="接受邀请")
    assert said is not None and "草稿" in said
    assert unsafe("accept", "The Minister will speak.", ["The Minister will speak."], 0) is None


def test_next_clause_is_read() -> None:
    """A marker in the first clause of the next sentence stops the answer too."""
    parts = ["The Minister cannot attend in person.", "Instead, she will send a video message."]
    assert unsafe("decline", parts[0], parts, 0, cue="cannot") is not None


def test_disregarded_draft_does_not_block_the_answer() -> None:
    """ "Please ignore the draft sent by mistake: <the answer>" — the answer is the sender's."""
    text = "Please ignore the draft sent by mistake: the Minister will deliver the statement."
    assert classify_text(text).kind.value == "accept"

"""Round 9 of issue 13: a final answer needs the confidence that held on unseen mail (0.90),
dialect future negations, observers sent in the speaker's place, answers still to be
confirmed, dependencies, inverted conditions, delegates only envisaged, and footers that
disclaim responsibility. Every sentence was written for this test, in the six languages; none
is copied from a development set."""

from __future__ import annotations

import pytest

from circular.replies.classify import classify_text
from circular.replies.confidence import THRESHOLD, Evidence, confidence


def test_threshold_is_where_unseen_mail_held() -> None:
    # Pooled first scores of the nine frozen sets: 0.80-0.90 right 68.5 %, >= 0.90 96.4 %.
    assert THRESHOLD == 0.9
    # One clean cue with a hedge beside it (0.88) was final before the round; now a person.
    assert 0.8 <= confidence(Evidence(agreeing=1, pending=1)) < THRESHOLD
    assert confidence(Evidence(agreeing=1)) >= THRESHOLD
    assert confidence(Evidence(agreeing=1, litotes=True)) >= THRESHOLD


def test_below_threshold_names_it_and_keeps_the_guess() -> None:
    decision = classify_text(
        "The Minister will speak at the opening. The list of the delegation is not yet settled."
    )
    assert decision.kind.value == "other" and decision.needs_review
    assert decision.best_guess.value == "accept"
    assert "threshold 0.90" in (decision.reason or ""), decision.reason


# Answers that stood at 0.88 before the round (an answer with a request or a "later" beside
# it): now a person decides, shown the answer as the best guess (the clauses are still read).
# Round 10: a request or promise about the speech's practical side ("let us know the time
# slot", "发言稿稍后发您") presupposes it and no longer holds the answer back (test_round10.py);
# the two such sentences of this list were replaced by requests that wait on a decision.
# Round 13: material sent later ("材料稍后发送") is practical too (test_round13.py); replaced by
# a detail still to be confirmed.
BELOW = [
    ("The Minister will deliver the statement. Could the deadline be extended?", "accept"),
    ("确定出席🙂 人选稍后确认", "accept"),
    ("确定参加 发言时间能否推迟请告知", "accept"),
    ("Nous déclinons l'invitation. Le détail suivra ultérieurement.", "decline"),
]


@pytest.mark.parametrize(("text", "guess"), BELOW)
def test_answer_with_a_hedge_goes_to_a_person_with_its_guess(text: str, guess: str) -> None:
    decision = classify_text(text)
    assert decision.kind.value == "other" and decision.needs_review, (text, decision.reason)
    assert decision.best_guess.value == guess, (text, decision.cues)


FINAL = [
    # "ما" before a dialect future (Sudanese ح, Egyptian ه): a refusal.
    ("معليش، الوزيرة ما حتقدر تحضر الاجتماع ده.", "decline"),
    ("للأسف ما هنشارك في المنتدى السنة دي.", "decline"),
    ("الوزير مسافر الأسبوع داك، فما حيحضر الجلسة.", "decline"),
    # The same future without a negator stays an acceptance.
    ("الوزير حيشارك في الجلسة الافتتاحية.", "accept"),
    ("الوزيرة هتلقي كلمة في الجلسة الأولى.", "accept"),
    # Litotes of absence, in five languages.
    ("The Minister will not be absent from the opening session.", "accept"),
    ("La Ministre ne sera pas absente de la séance d'ouverture.", "accept"),
    ("El Ministro no faltará a la sesión inaugural.", "accept"),
    ("部长不会缺席开幕式。", "accept"),
    ("لن يغيب الوزير عن الجلسة الافتتاحية.", "accept"),
    # "It would be unforgivable/unthinkable that … not": the two negations cancel; the answer
    # beside it stands.
    ("Sería imperdonable que la Ministra no estuviera presente; intervendrá el día 23.", "accept"),
    (
        "It would be unthinkable for the Minister not to speak at the Forum; she will deliver"
        " the statement.",
        "accept",
    ),
    (
        "Il serait impensable pour la Ministre de ne pas prendre la parole ; elle interviendra.",
        "accept",
    ),
    ("Было бы непростительно не выступить: министр выступит 23-го.", "accept"),
    ("部长不会不出席这次论坛。", "accept"),
    ("من غير المعقول ألا يشارك الوزير في المنتدى، وسيلقي كلمة يوم 23.", "accept"),
    (
        "Sería una lástima que la Ministra no pudiera asistir, pero lamentablemente no podrá.",
        "decline",
    ),
    # A plain answer beside nothing that suspends it stays final at the new threshold.
    ("Министр примет участие в открытии форума.", "accept"),
    ("Le Ministre a bien voulu accepter de prononcer le discours.", "accept"),
    ("The Minister regrets that she cannot attend.", "decline"),
]


@pytest.mark.parametrize(("text", "kind"), FINAL)
def test_final_answers(text: str, kind: str) -> None:
    decision = classify_text(text)
    assert decision.kind.value == kind, (text, decision.reason)


# Never a final answer: a person decides.
TO_A_PERSON = [
    # An observer in the speaker's place, or someone there only to follow.
    "We will have no speaker; an observer from our mission will attend only to follow the debate.",
    "La Ministre ne prendra pas la parole, mais un observateur de la Mission assistera.",
    "La Ministra no intervendrá, sino que asistirá un observador de la Embajada.",
    "Министр выступать не будет, а на заседании будет присутствовать наблюдатель.",
    "部长不发言，而是派一名观察员参加。",
    "لن تلقي الوزيرة كلمة، بل سيحضر مراقب من السفارة للمتابعة فقط.",
    # The answer, or its level, still to be confirmed.
    "Участие министра и уровень делегации будут подтверждены дополнительно.",
    "The Minister's participation and its level will be confirmed separately.",
    "La participación del Ministro se confirmará más adelante.",
    # A dependency, not an answer.
    "De esto depende que la Ministra acepte la invitación.",
    "От этого зависит, кто будет выступать.",
    "It depends on this whether the Minister will accept the invitation.",
    "部长能否出席取决于此。",
    "يتوقف على ذلك من سيلقي الكلمة.",
    # A condition after the main clause, by inversion or by "si".
    "The Minister would be honoured to speak should his visit to Geneva be confirmed.",
    "Le Ministre serait honoré de prendre la parole, si sa visite à Genève se confirme.",
    "El Ministro tendría el honor de intervenir, si su visita a Ginebra se confirma.",
    # A delegate only envisaged.
    "La Ministre envisage de se faire représenter par son adjoint.",
    "La Ministra contempla hacerse representar por un viceministro.",
    "The Minister is considering being represented by the Ambassador.",
    "Министр рассматривает возможность направить заместителя.",
    "初步考虑由一位副部长出席，人选尚待确定。",
    # Not possible yet, or not before something happens: pending, not a refusal.
    "Решение об участии принять не представляется возможным до возвращения министра.",
    "It has not yet been possible to present the invitation to the Minister.",
    "Il n'a pas encore été possible de soumettre l'invitation au Ministre.",
    "No ha sido posible todavía presentar la invitación a la Ministra.",
]


@pytest.mark.parametrize("text", TO_A_PERSON)
def test_not_final(text: str) -> None:
    decision = classify_text(text)
    assert decision.kind.value == "other", (text, decision.kind, decision.reason)


# Closing courtesies and liability footers decide nothing, not even a best guess.
FOOTERS = [
    "Please accept, Excellency, the assurances of my highest consideration.",
    "Veuillez accepter, Madame, l'assurance de ma très haute considération.",
    "وتقبلوا سعادتكم أسمى عبارات التقدير والاحترام.",
    "The Ministry does not accept responsibility for the content of this message.",
    "Le Ministère n'accepte aucune responsabilité quant au contenu de ce message.",
    "El Ministerio no acepta responsabilidad alguna por el contenido de este mensaje.",
    "Министерство не несёт ответственности за содержание этого сообщения.",
    "本部不对本邮件内容承担任何责任。",
    "لا تتحمل الوزارة أي مسؤولية عن محتوى هذه الرسالة.",
]


@pytest.mark.parametrize("text", FOOTERS)
def test_footer_decides_nothing(text: str) -> None:
    decision = classify_text(text)
    assert decision.kind.value == "other", (text, decision.reason)
    assert decision.best_guess.value == "other", (text, decision.best_guess)


# A blame word over a negation, alone, answers nothing.
def test_unforgivable_not_alone_is_not_a_refusal() -> None:
    decision = classify_text("Sería imperdonable que la Ministra no estuviera presente.")
    assert decision.best_guess.value != "decline", decision.cues


# "ما هي" is a question, not a negated future.
def test_question_word_is_not_a_negator() -> None:
    decision = classify_text("ما هي الترتيبات المطلوبة للمشاركة؟")
    assert decision.kind.value == "other"
    assert decision.best_guess.value != "decline"

"""Round 8 of issue 13: litotes with nouns of objection or hesitation, recorded messages sent
in place of a live one, footers that deny being an answer, approvals still needed, and a role
of listening only. Every sentence was written for this test, in the six languages; none is
copied from a development set."""

from __future__ import annotations

import pytest

from circular.replies.classify import classify_text

FINAL = [
    # A negator and a noun of objection, qualm or reservation: a litotes, an acceptance.
    ("The Minister has no qualms about speaking at the session.", "accept"),
    ("The Minister has no reservations about taking part.", "accept"),
    ("La ministre n'a aucune réserve à intervenir lors du débat.", "accept"),
    ("La ministre ne voit aucun inconvénient à prendre la parole.", "accept"),
    ("La Ministra no pone reparo alguno a participar en el panel.", "accept"),
    ("La Ministra no tiene ningún reparo en pronunciar el discurso.", "accept"),
    ("У министра нет никаких возражений против участия в форуме.", "accept"),
    ("Министр не видит препятствий для своего выступления.", "accept"),
    ("部长对出席本次论坛没有任何顾虑。", "accept"),
    ("部长对出席论坛没有任何异议。", "accept"),
    ("ليس لدى الوزير أي تحفظ على المشاركة.", "accept"),
    ("ليس لدى الوزير أي مانع من المشاركة في المنتدى.", "accept"),
    # A recorded message in place of a live one: the Minister still speaks.
    (
        "Instead of a live intervention the Minister will send a pre-recorded video message.",
        "accept",
    ),
    ("The Minister will send a recorded video statement of three minutes.", "accept"),
    (
        "Au lieu d'une intervention en direct, la ministre enverra un message vidéo préenregistré.",
        "accept",
    ),
    (
        "En lugar de una intervención presencial, el Ministro enviará un mensaje grabado.",
        "accept",
    ),
    ("Вместо очного выступления министр направит записанное видеообращение.", "accept"),
    ("部长将不现场致辞，而是将发送录制的视频讲话。", "accept"),
    ("بدلا من الكلمة المباشرة، سيرسل الوزير رسالة مصورة مسجلة مسبقا.", "accept"),
    # "Not a live speech but a recorded one": the Y is the same act done another way.
    ("Non pas une allocution en direct mais un message vidéo préenregistré.", "accept"),
    ("No un discurso en directo, sino una grabación del Ministro.", "accept"),
    # Litotes of passing up a chance: "hardly pass up", "ne se fera pas faute", "пройти мимо".
    ("The Minister would hardly pass up the chance to speak there.", "accept"),
    ("Le Ministre ne se fera pas faute de prendre la parole au Forum.", "accept"),
    ("Министр никак не может пройти мимо такого форума и выступит с заявлением.", "accept"),
    # Booking the Minister into a slot.
    ("Please put her down for the 24th.", "accept"),
    ("Inscrivez-la le mardi 23, s'il vous plaît.", "accept"),
    ("Apúntelo el jueves, por favor.", "accept"),
    ("Запишите его на 24-е, пожалуйста.", "accept"),
    ("请把部长排在24日上午。", "accept"),
    ("يرجى إدراج معاليه في جلسة يوم 24.", "accept"),
    # Reading out the Minister's text, or standing in for him: a delegate accepts.
    ("The Deputy Minister will read the Minister's statement.", "accept"),
    ("Le Ministre sera remplacé par son directeur de cabinet, qui lira le discours.", "accept"),
    ("El Embajador dará lectura al mensaje del Ministro.", "accept"),
    ("Посол зачитает заявление Министра.", "accept"),
    ("陈大使将代部长宣读声明。", "accept"),
    ("سيلقي السفير كلمة الوزير نيابة عنه.", "accept"),
    # Consent and the terse forms of staff.
    ("The Minister has graciously consented to deliver the statement.", "accept"),
    ("Cuenten conmigo.", "accept"),
    ("Буду.", "accept"),
    ("可以，我来讲。", "accept"),
    # "I'll be there", registering for a day, a dated speech without a future marker.
    ("J'y serai.", "accept"),
    ("Encantado, ahí estaré.", "accept"),
    ("Буду обязательно.", "accept"),
    ("我会到场。", "accept"),
    ("سأكون حاضرا.", "accept"),
    ("Kindly register him for the 22nd.", "accept"),
    ("Vous pouvez l'inscrire le 25.", "accept"),
    ("好的，部长22日发言。", "accept"),
    ("تأكيد: معالي الوزير يلقي بيان الدولة يوم 23 مارس.", "accept"),
    # Asking to excuse the Minister declines.
    ("Kindly excuse the Minister from the sessions this year.", "decline"),
    ("Veuillez excuser la Ministre pour cette session.", "decline"),
    ("Le ruego disculpe al Ministro por su ausencia.", "decline"),
    ("Просим извинить министра.", "decline"),
    # Excusing a delay is not excusing the Minister.
    ("Please excuse the delay; the Minister will attend.", "accept"),
    # Two negations that affirm, and a negated reason or preamble that negates nothing.
    ("Не участвовать мы не можем: министр выступит.", "accept"),
    ("ماكو مانع، الوزير يشارك.", "accept"),
    ("Выступлю.", "accept"),
    ("Не выступлю.", "decline"),
    ("Ce n'est pas faute d'intérêt, mais la Ministre ne pourra pas venir.", "decline"),
    (
        "No sin antes agradecer la invitación, le informamos que el Ministro no participará.",
        "decline",
    ),
    ("The Minister will not attend, not without first thanking you for the invitation.", "decline"),
    ("Не то чтобы министр не хотел — просто невозможно приехать.", "decline"),
    # Cannot get away.
    ("部长那一周要开会，实在抽不开身。", "decline"),
    # A written text in the speech's place: the refusal of the speech stands.
    ("今年我们不安排部长发言，改为提交一份书面报告。", "decline"),
    ("El Ministro no intervendrá; en su lugar enviaremos una contribución escrita.", "decline"),
    # The rejected alternative is not an answer; a refusal after it still declines.
    ("Instead of attending, the Minister will send her regrets.", "decline"),
    ("Rather than attend in person, the Minister will not take part at all.", "decline"),
]


@pytest.mark.parametrize(("text", "kind"), FINAL)
def test_final_answers(text: str, kind: str) -> None:
    decision = classify_text(text)
    assert decision.kind.value == kind, (text, decision.reason)


# A footer that denies being an answer decides nothing: not even a best guess.
FOOTERS = [
    "This e-mail does not constitute acceptance of any commitment by the Ministry.",
    "Ce courriel ne constitue ni une acceptation ni un refus de la part du ministère.",
    "Este correo no constituye aceptación ni rechazo por parte del Ministerio.",
    "Это письмо не является согласием или отказом Министерства.",
    "本邮件不构成任何接受或拒绝。",
    "لا تعد هذه الرسالة قبولا أو رفضا من الوزارة.",
]


@pytest.mark.parametrize("text", FOOTERS)
def test_footer_decides_nothing(text: str) -> None:
    decision = classify_text(text)
    assert decision.kind.value == "other", (text, decision.reason)
    assert decision.best_guess.value == "other", (text, decision.best_guess)


# An answer beside an approval still needed, or a role of listening only: never final.
TO_A_PERSON = [
    "The Minister will attend, but we need the Cabinet's approval first.",
    "La ministre participera, mais il nous faut l'aval du Premier ministre.",
    "El Ministro participará; necesitamos primero la aprobación de Presidencia.",
    "Министр примет участие, но нужно одобрение правительства.",
    "部长将出席，但需要国务院批准。",
    "سيشارك الوزير، لكننا نحتاج إلى موافقة رئاسة الوزراء أولا.",
    "The Minister will not speak but will attend as an observer.",
    "La ministre assistera au forum en tant qu'observatrice.",
    "El Ministro asistirá como observador.",
    "Не выступление, а участие делегации в качестве наблюдателей.",
    "سيحضر الوزير بصفة مراقب.",
    # Consent withheld is not consent.
    "The Minister has not agreed to speak.",
    # "I'll be there" under a condition.
    "J'y serai si le calendrier le permet.",
    # A tentative booking is not an answer.
    "请暂定将部长列入24日的发言名单。",
    # A refusal to come, then a recorded speech: which invitation it answers is for a person.
    "The Minister cannot attend the Forum, but will send a pre-recorded video message.",
    "La ministre ne pourra pas assister au Forum mais enverra un message vidéo préenregistré.",
    "El Ministro no podrá asistir al Foro, pero enviará un mensaje grabado.",
    "Министр не сможет приехать, но направит записанное видеообращение.",
    "部长无法出席论坛，但将发送录制的视频讲话。",
    "لن يتمكن الوزير من الحضور، لكنه سيرسل كلمة مسجلة.",
]


@pytest.mark.parametrize("text", TO_A_PERSON)
def test_not_final(text: str) -> None:
    decision = classify_text(text)
    assert decision.kind.value == "other", (text, decision.kind, decision.reason)
    assert decision.needs_review


# "remiss not to", "dommage de ne pas", "no sería correcto que … no", "неправильно не": the two
# negations cancel; what is left names taking part without a finite answer, so it no longer
# reads as a refusal.
NOT_A_REFUSAL = [
    "It would be remiss of us not to take part in the Forum.",
    "Il serait dommage de ne pas participer au Forum.",
    "No sería correcto que el país no estuviera presente en el Foro.",
    "Было бы неправильно не принять участие.",
]


@pytest.mark.parametrize("text", NOT_A_REFUSAL)
def test_cancelled_negations_refuse_nothing(text: str) -> None:
    assert classify_text(text).best_guess.value != "decline", text


# The factored alternation (one shared "\b" for consecutive alternatives) must find exactly
# what the plain alternation of the fragments finds, for every lexicon.
SAMPLES = [
    "The Minister regrets that she cannot attend, but the Deputy Minister will speak instead.",
    "Le Ministre ne manquera pas d'intervenir ; il n'a aucune objection.",
    "El Ministro no tiene reparo alguno en intervenir, sino que lo hará con gusto.",
    "Министр не сможет принять участие, однако его заместитель выступит.",
    "部长不能出席，改为由副部长代为发言。",
    "لن يتمكن الوزير من الحضور، وإنما سيلقي نائبه الكلمة نيابة عنه.",
]


def test_factored_alternation_matches_like_the_plain_one() -> None:
    import re

    from circular.replies import cues

    assert cues._LEXICONS
    for lexicon in cues._LEXICONS:
        for script, parts in lexicon._by_script.items():
            plain = re.compile("|".join(f"(?:{p})" for p in parts), re.I)
            factored = re.compile(cues._factored(parts), re.I)
            for text in SAMPLES:
                got = [(m.span(), m.groups()) for m in factored.finditer(text)]
                want = [(m.span(), m.groups()) for m in plain.finditer(text)]
                assert got == want, (script, text)

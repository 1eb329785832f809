"""Round 12 of issue 13: the Y of "instead" or "not X but Y" that is another meeting, internal
forwards asking staff to prepare the answer, and a refusal "in person" followed by someone only
proposed to represent the Minister. Every sentence was written for this test, in the six
languages; none is copied from a development set."""

from __future__ import annotations

import pytest

from circular.ledger import ReplyKind
from circular.replies.classify import classify_text

# Attending another meeting instead is never an acceptance of this one.
ANOTHER_EVENT = [
    "The Minister will not speak at the Forum; instead, he will attend the G20 digital"
    " ministers' meeting in Rome that week.",
    "La Ministre ne prendra pas la parole au Forum ; elle participera plutôt à la réunion des"
    " ministres de la CEDEAO à Abuja.",
    "El Ministro no intervendrá en el Foro; en su lugar, asistirá a la cumbre del Mercosur en"
    " Asunción esa semana.",
    "Министр не выступит на Форуме; вместо этого он примет участие в совещании министров СНГ"
    " в Минске.",
    "部长不在论坛发言，而是出席同期在雅加达举行的东盟数字部长级会议。",
    "لن يتحدث معالي الوزير في المنتدى، بل سيشارك في اجتماع وزراء الاتصالات العرب في القاهرة.",
    "The Minister will attend another ministerial meeting in Nairobi that week.",
]


@pytest.mark.parametrize("text", ANOTHER_EVENT)
def test_attending_another_event_instead_is_never_an_acceptance(text: str) -> None:
    decision = classify_text(text)
    assert decision.kind != ReplyKind.ACCEPT, (text, decision.reason, decision.cues)


# The Y that is the Forum itself, or another day of it, still accepts.
SAME_EVENT = [
    (
        "The Minister will not speak on 22 March; instead, she will deliver the statement at the"
        " Forum's high-level session on 24 March.",
        "accept",
    ),
    ("Министр выступит не из Минска, а из Женевы, где будет на совещании ВОИС.", "accept"),
    (
        "The Minister not only accepts the invitation but also hopes to meet the Director.",
        "accept",
    ),
]


@pytest.mark.parametrize(("text", "kind"), SAME_EVENT)
def test_the_forum_itself_after_instead_still_accepts(text: str, kind: str) -> None:
    decision = classify_text(text)
    assert decision.kind.value == kind, (text, decision.reason, decision.cues)


# Staff asked to prepare the reply: whatever the brief says of the Minister is not the answer.
TASKED = [
    "Dear Maria, please prepare a draft reply for the Minister confirming that he will speak on"
    " 23 March, and send it to me by Friday.",
    "Chère Sophie, merci de préparer un projet de réponse : la Ministre participera à la session"
    " du 24 mars.",
    "Estimado Luis, favor de preparar una propuesta de respuesta indicando que el Ministro"
    " participará en la sesión.",
    "Коллеги, подготовьте, пожалуйста, проект ответа: Министр примет участие и выступит 25 марта.",
    "请国际司准备复函稿，说明部长将出席论坛并发言。",
    "يرجى إعداد مسودة رد على الاتحاد تفيد بأن معالي الوزير سيشارك ويلقي الكلمة.",
]


@pytest.mark.parametrize("text", TASKED)
def test_staff_asked_to_prepare_the_answer_is_never_final(text: str) -> None:
    decision = classify_text(text)
    assert decision.kind == ReplyKind.OTHER, (text, decision.reason, decision.cues)


# "Please disregard the draft below": not a request to prepare one; the answer stands.
def test_a_draft_disregarded_is_no_request_to_prepare_one() -> None:
    decision = classify_text(
        "Please disregard the draft sent earlier. The Minister will deliver the statement on 24"
        " March."
    )
    assert decision.kind == ReplyKind.ACCEPT, (decision.reason, decision.cues)


# A refusal of the Minister's own person, then someone only proposed: a person decides.
HIMSELF_THEN_PROPOSED = [
    "The Minister regrets that she cannot deliver the statement herself. She has asked that"
    " either the Permanent Secretary or the Ambassador represent the country; we will confirm"
    " which later.",
    "Le Ministre regrette de ne pouvoir prononcer lui-même la déclaration. Il propose que le"
    " Secrétaire d'État ou l'Ambassadeur le représente ; nous vous confirmerons le nom.",
    "La Ministra lamenta no poder pronunciar personalmente la declaración. Propone que la"
    " Viceministra o el Embajador la represente; les confirmaremos el nombre.",
    "Министр, к сожалению, не сможет лично выступить с заявлением. Он предлагает, чтобы его"
    " представлял заместитель министра или посол; имя сообщим позднее。",
    "部长遗憾不能亲自发言。拟由副部长或大使代表部长发言，人选稍后确认。",
    "يعتذر معالي الوزير عن عدم إلقاء البيان بنفسه. ويقترح أن يمثله وكيل الوزارة أو السفير،"
    " وسنؤكد الاسم لاحقاً.",
]


@pytest.mark.parametrize("text", HIMSELF_THEN_PROPOSED)
def test_a_refusal_in_person_then_a_proposed_delegate_goes_to_a_person(text: str) -> None:
    decision = classify_text(text)
    assert decision.kind == ReplyKind.OTHER, (text, decision.reason, decision.cues)


# Without anyone named after it, the refusal stands.
def test_a_refusal_in_person_alone_still_declines() -> None:
    decision = classify_text(
        "The Minister regrets that he cannot deliver the statement himself, as he will be abroad."
    )
    assert decision.kind == ReplyKind.DECLINE, (decision.reason, decision.cues)


# Recall (round 12): "as in the provisional programme" names the programme, not a hedge; a slot
# proposed "if that suits you" binds no answer; asking the organisers about the technical test
# presupposes the speech.
RECALL = [
    "The Minister will speak, but not on 22 March as in the provisional programme: on 25 March.",
    "Le Ministre interviendra le 25 mars, et non le 22 comme dans le programme provisoire.",
    "La Ministra intervendrá el 25 de marzo y no el 22, como figura en el programa provisional.",
    "Министр выступит 25 марта, а не 22-го, как указано в предварительной программе.",
    "معالي الوزير سيلقي الكلمة يوم 25 مارس وليس يوم 22 كما ورد في البرنامج المبدئي.",
    "The Minister will deliver the statement. Please put her on 23 March in the afternoon, if"
    " that suits you.",
    "La Ministre prononcera la déclaration. Nous proposons le 23 mars après-midi, si cela vous"
    " convient.",
    "El Ministro pronunciará la declaración. Proponemos el 23 de marzo por la tarde, si les"
    " conviene.",
    "Министр выступит с заявлением. Предлагаем 23 марта после обеда, если вам удобно.",
    "部长将发表政策声明。建议安排在3月23日下午，如贵方方便。",
    "الوزير موافق على إلقاء الكلمة. خلوها يوم 23 آذار بعد الضهر إذا بيمشي الحال.",
    "سيلقي معالي الوزير البيان يوم 24 مارس. ونرجو إفادتنا بموعد التجربة التقنية، وما إذا كانت"
    " الترجمة الفورية متاحة.",
]


@pytest.mark.parametrize("text", RECALL)
def test_details_beside_an_acceptance_leave_it_final(text: str) -> None:
    decision = classify_text(text)
    assert decision.kind == ReplyKind.ACCEPT, (text, decision.reason, decision.cues)


# The hedge itself still holds the answer back.
STILL_PENDING = [
    "The Minister's participation is provisional until the Cabinet decides.",
    "Участие Министра пока предварительное.",
    "مشاركة الوزير مبدئية حتى الآن.",
    "The Minister will speak if that is acceptable to the President.",
]


@pytest.mark.parametrize("text", STILL_PENDING)
def test_a_provisional_answer_is_still_not_final(text: str) -> None:
    decision = classify_text(text)
    assert decision.kind == ReplyKind.OTHER, (text, decision.reason, decision.cues)


# An acknowledgement of receipt beside an acceptance is courtesy; alone it still waits.
RECEIPT_THEN_ACCEPT = [
    "We acknowledge receipt of your letter of 3 February. The Minister will deliver the"
    " statement on 24 March.",
    "J'accuse réception de votre lettre du 3 février. La Ministre interviendra le 24 mars.",
    "Acusamos recibo de su carta del 3 de febrero. El Ministro intervendrá el 24 de marzo.",
    "Подтверждаем получение Вашего письма от 3 февраля. Министр выступит 24 марта.",
    "贵方2月3日来函收悉。部长将于3月24日在高级别会议上发言。",
    "نفيدكم باستلام رسالتكم المؤرخة 3 فبراير. وسيلقي معالي الوزير الكلمة يوم 24 مارس.",
]


@pytest.mark.parametrize("text", RECEIPT_THEN_ACCEPT)
def test_an_acknowledgement_beside_an_acceptance_leaves_it_final(text: str) -> None:
    decision = classify_text(text)
    assert decision.kind == ReplyKind.ACCEPT, (text, decision.reason, decision.cues)


@pytest.mark.parametrize(
    "text",
    [
        "We acknowledge receipt of your letter of 3 February.",
        "Подтверждаем получение Вашего письма; ответ направим позднее.",
    ],
)
def test_an_acknowledgement_alone_is_not_final(text: str) -> None:
    decision = classify_text(text)
    assert decision.kind == ReplyKind.OTHER, (text, decision.reason, decision.cues)


# A Minister of State named in Chinese speaks for the Minister; "if the programme changes,
# tell us" binds nothing.
def test_a_minister_of_state_in_chinese_is_a_delegate() -> None:
    decision = classify_text(
        "部长当周出访，无法出席。经部长指定，政务部长将代表部长于3月25日发言。"
    )
    assert decision.kind == ReplyKind.ACCEPT, (decision.reason, decision.cues)
    assert decision.delegate


def test_a_programme_change_to_be_told_binds_no_chinese_acceptance() -> None:
    decision = classify_text("部长将于3月24日发言。如会议流程有任何调整，请及时告知。")
    assert decision.kind == ReplyKind.ACCEPT, (decision.reason, decision.cues)


# The letter already passed on to the Minister, beside an acceptance, is past courtesy; alone it
# still waits for the Minister's answer.
FORWARDED_THEN_ACCEPT = [
    "Your letter was forwarded to the Minister. She will deliver the statement on 24 March.",
    "Votre lettre a été transmise au Ministre. Il prononcera la déclaration le 24 mars.",
    "Su carta fue transmitida al Ministro. Él pronunciará la declaración el 24 de marzo.",
    "Ваше письмо передано Министру. Он выступит с заявлением 24 марта.",
]


@pytest.mark.parametrize("text", FORWARDED_THEN_ACCEPT)
def test_a_letter_passed_on_beside_an_acceptance_leaves_it_final(text: str) -> None:
    decision = classify_text(text)
    assert decision.kind == ReplyKind.ACCEPT, (text, decision.reason, decision.cues)


@pytest.mark.parametrize(
    "text",
    [
        "Your letter has been forwarded to the Minister for decision.",
        "Votre lettre a été transmise au Ministre.",
        "Ваше письмо передано Министру на рассмотрение.",
    ],
)
def test_a_letter_passed_on_alone_still_waits(text: str) -> None:
    decision = classify_text(text)
    assert decision.kind == ReplyKind.OTHER, (text, decision.reason, decision.cues)


# The slot's own condition in another sentence ("if the programme allows") binds no answer; the
# same condition on the speech itself still does.
SLOT_CONDITION = [
    "The Minister will deliver the statement. She asks for the session on security if the"
    " programme allows.",
    "Le Ministre prononcera la déclaration. Il souhaite la séance d'ouverture s'il reste une"
    " place.",
    "La Ministra pronunciará la declaración. Prefiere la sesión inaugural si el programa lo"
    " permite.",
    "Министр выступит с заявлением. Просим поставить его на открытие, если позволит программа.",
    "部长将于3月24日发言。如议程允许，请安排在开幕式。",
    "سيلقي معالي الوزير البيان. ونفضل الجلسة الافتتاحية إذا سمح البرنامج.",
]


@pytest.mark.parametrize("text", SLOT_CONDITION)
def test_a_condition_on_the_slot_binds_no_acceptance(text: str) -> None:
    decision = classify_text(text)
    assert decision.kind == ReplyKind.ACCEPT, (text, decision.reason, decision.cues)


def test_a_condition_on_the_speech_itself_still_binds() -> None:
    decision = classify_text("The Minister will deliver the statement if the programme allows.")
    assert decision.kind == ReplyKind.OTHER, (decision.reason, decision.cues)

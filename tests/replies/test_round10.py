"""Round 10 of issue 13: a litotes of reluctance around a refusal, letting an opportunity pass,
"not X but Y" that moves to another month, the colloquial "if", filing stamps and footers that
deny any commitment by e-mail. Every sentence was written for this test, in the six languages;
none is copied from a development set."""

from __future__ import annotations

import pytest

from circular.replies.autoreplies import months_named
from circular.replies.classify import classify_text

# "Not without reluctance/hesitation" is "with reluctance": the act after it decides, and
# letting the opportunity pass is a refusal; negated ("will not let it pass") it is a litotes.
FINAL = [
    ("Not without some hesitation, the Minister has to let this chance slip.", "decline"),
    ("It is not without misgivings that the Secretary must let the occasion pass.", "decline"),
    ("The Minister would never let such an opportunity pass by.", "accept"),
    ("Ce n'est pas sans réticence que le Ministre doit laisser passer cette occasion.", "decline"),
    ("Madame la Ministre ne laissera pas échapper cette occasion.", "accept"),
    ("No sin cierta vacilación, la Ministra debe dejar pasar esta oportunidad.", "decline"),
    ("El Viceministro no dejará escapar esta ocasión.", "accept"),
    ("Не без колебаний министр вынужден упустить эту возможность.", "decline"),
    ("Министр такую возможность не упустит.", "accept"),
    ("部长不无遗憾地只能错过这次机会。", "decline"),
    ("部长绝不会错过这次机会。", "accept"),
    ("ليس دون تردد يضطر معالي الوزير إلى تفويت هذه الفرصة.", "decline"),
    ("لن تفوت الوزيرة هذه الفرصة.", "accept"),
]


@pytest.mark.parametrize(("text", "kind"), FINAL)
def test_reluctance_and_letting_the_opportunity_pass(text: str, kind: str) -> None:
    decision = classify_text(text)
    assert decision.best_guess.value == kind, (text, decision.cues)
    assert decision.kind.value == kind, (text, decision.reason)


# Nothing here answers: footers denying that an e-mail commits anyone, filing stamps.
NO_ANSWER = [
    "No acceptance or commitment may arise from this exchange of e-mails.",
    "Received by: mail-archiving robot.",
    "Aucun engagement contractuel ne saurait naître d'un simple courrier électronique.",
    "Accepté par : système de classement automatique.",
    "Ninguna aceptación de compromisos puede derivarse de un correo electrónico.",
    "Registrado por: sistema automático de correspondencia.",
    "Никакие обязательства не возникают из переписки по электронной почте.",
    "Принято: система автоматической регистрации документов.",
    "本电子邮件不构成任何具有约束力的承诺。",
    "签收：公文自动登记系统",
    "لا يترتب أي التزام قانوني على رسائل البريد الإلكتروني.",
    "تم الاستلام بواسطة: نظام الأرشفة الآلي.",
]


@pytest.mark.parametrize("text", NO_ANSWER)
def test_footers_and_stamps_answer_nothing(text: str) -> None:
    decision = classify_text(text)
    assert decision.best_guess.value == "other", (text, decision.cues)


# A colloquial "if" makes the answer conditional (never final).
CONDITIONAL = [
    "الوزيرة بتحضر لو الطيران اشتغل عادي.",
    "部长要是身体允许就来发言。",
    "Министр выступит, ежели позволит здоровье.",
]


@pytest.mark.parametrize("text", CONDITIONAL)
def test_colloquial_if_is_a_condition(text: str) -> None:
    decision = classify_text(text)
    assert decision.kind.value == "other" and decision.needs_review, (text, decision.reason)


# "Even if" and the polite "if you please" are not conditions of the answer.
STILL_FINAL = [
    ("الوزير سيشارك ولو عن بعد.", "accept"),
    ("سيشارك الوزير في الجلسة. لو سمحتم أرسلوا لنا البرنامج.", "accept"),
]


@pytest.mark.parametrize(("text", "kind"), STILL_FINAL)
def test_even_if_and_please_are_no_condition(text: str, kind: str) -> None:
    assert classify_text(text).kind.value == kind, text


# "Not X but Y" that moves to another month: the Y is most likely another event; a person
# decides. A change of day in the same month stays final.
MOVED = [
    "The Minister will take part not in the March sessions but in the May week.",
    "La Ministre participera non pas aux sessions de mars, mais à la semaine de mai.",
    "El Ministro participará no en las sesiones de marzo, sino en la semana de mayo.",
    "Министр примет участие не в мартовской сессии 22 марта, а в заседании 18 мая.",
    "部长出席的不是三月的会议，而是五月的论坛周。",
    "سيشارك الوزير ليس في جلسات مارس بل في أسبوع مايو.",
]


@pytest.mark.parametrize("text", MOVED)
def test_not_x_but_y_to_another_month_goes_to_a_person(text: str) -> None:
    decision = classify_text(text)
    assert decision.kind.value == "other", (text, decision.reason)


def test_a_change_of_day_in_the_same_month_stays_final() -> None:
    text = "La Ministre interviendra non pas le 22 mars, mais le 24 mars."
    assert classify_text(text).kind.value == "accept"


def test_months_named() -> None:
    assert months_named("not the March sessions but May") == {3, 5}
    assert months_named("May the Minister speak first?") == frozenset()
    assert months_named("三月的会议，而是十二月") == {3, 12}
    assert months_named("в мае, а не 22 марта") == {3, 5}
    assert months_named("في 24 مارس") == {3}


# A legal footer after the signature is the footer's throughout: its slogans and imperatives
# ("Decline to open links", "¡No a la corrupción!") do not contradict the reply's answer.
FOOTERS = [
    (
        "The Minister accepts with pleasure and will deliver the statement.\n\n"
        "Jane Roe\nHead of Protocol\n\n"
        "Notice: this e-mail is confidential. Decline to open unexpected attachments.",
        "accept",
    ),
    (
        "La Ministra acepta la invitación y pronunciará la declaración.\n\n"
        "Ana Pérez\nDirección de Protocolo\n\n"
        "Este mensaje es confidencial. Aceptamos sus comentarios en nuestra web.",
        "accept",
    ),
    (
        "Le Ministre regrette de ne pouvoir participer aux sessions.\n\n"
        "Paul Martin\nChef du Protocole\n\n"
        "Ce courriel est confidentiel. Nous acceptons vos remarques sur notre site.",
        "decline",
    ),
]


@pytest.mark.parametrize(("text", "kind"), FOOTERS)
def test_a_legal_footer_does_not_contradict_the_answer(text: str, kind: str) -> None:
    decision = classify_text(text)
    assert decision.kind.value == kind, (decision.reason, decision.cues)


# General forms of an answer that no cue read before the round: the near future, the speech in
# the passive with its speaker, consent given, making oneself available, a negated "taking
# part", and delegates with civil-service titles.
FORMS = [
    ("The Minister is going to address the opening session.", "accept"),
    ("The Secretary will make herself available to deliver the statement.", "accept"),
    ("The Cabinet has granted clearance for the Minister to take part virtually.", "accept"),
    ("Regrettably the Minister will not be taking part this year.", "decline"),
    (
        "Ms A. Rao, Joint Secretary, has been nominated to speak in place of the Minister.",
        "accept",
    ),
    ("Le secrétaire d'État va prendre la parole lors de la session.", "accept"),
    ("L'allocution sera prononcée par la secrétaire parlementaire.", "accept"),
    ("Madame la Ministre a donné son feu vert pour intervenir le 23.", "accept"),
    ("Le Ministre ne prendra finalement pas part aux travaux.", "decline"),
    ("El Secretario va a hacer uso de la palabra el martes.", "accept"),
    ("La intervención será leída por la Embajadora en Ginebra.", "accept"),
    ("La Ministra ha dado su visto bueno para participar en la sesión.", "accept"),
    ("Обращение министра будет зачитано послом в Женеве.", "accept"),
    ("Руководство одобрило участие министра в сессии.", "accept"),
    ("部长已获批准出席高级别会议。", "accept"),
    ("ستلقى الكلمة باسم الوزارة في الجلسة الافتتاحية.", "accept"),
]


@pytest.mark.parametrize(("text", "kind"), FORMS)
def test_general_forms_of_an_answer(text: str, kind: str) -> None:
    decision = classify_text(text)
    assert decision.best_guess.value == kind, (text, decision.cues)
    assert decision.kind.value == kind, (text, decision.reason)


# Requests and promises about the speech's practical side presuppose it: beside an acceptance
# they leave nothing pending. Those that still wait on a decision keep it with a person.
LOGISTICS = [
    "The Minister will deliver the statement. Kindly share the Zoom link for the rehearsal.",
    "La Ministre interviendra. Merci de nous indiquer le créneau retenu.",
    "El Ministro intervendrá el martes. Les enviaremos su biografía y una foto.",
    "Министр выступит. Просим прислать ссылку для технической проверки.",
    "部长将出席并发言。请告知具体时间安排和会议链接。",
    "سيلقي الوزير الكلمة. نرجو إرسال الرابط وموعد الجلسة.",
]


@pytest.mark.parametrize("text", LOGISTICS)
def test_logistics_beside_an_acceptance_leave_it_final(text: str) -> None:
    decision = classify_text(text)
    assert decision.kind.value == "accept", (text, decision.reason)


STILL_PENDING = [
    "The Minister will deliver the statement. Could the deadline for the text be extended?",
    "La Ministre interviendra. Nous vous confirmerons le créneau après décision du Cabinet.",
    "部长将发言。能否推迟发言时段，请告知。",
]


@pytest.mark.parametrize("text", STILL_PENDING)
def test_logistics_waiting_on_a_decision_stay_with_a_person(text: str) -> None:
    decision = classify_text(text)
    assert decision.kind.value == "other" and decision.best_guess.value == "accept", (
        text,
        decision.reason,
    )


# An elliptic condition ("if possible", "si besoin") in another sentence than the answer
# qualifies a detail; a full condition, or one in the answer's own sentence, still suspends it.
DETAIL = [
    ("The Minister will take part. Please schedule her on the 24th if possible.", "accept"),
    ("La Ministre prendra la parole. Elle peut enregistrer une vidéo si besoin.", "accept"),
    ("El Ministro intervendrá. De ser posible, prefiere la tarde del martes.", "accept"),
    ("Министр выступит. При необходимости пришлём запись заранее.", "accept"),
    ("部长将出席并发言。如有需要，可提前录制视频。", "accept"),
    ("سيشارك الوزير بكلمة. ويمكن تسجيل الكلمة مسبقا إن أمكن.", "accept"),
    (
        "The Minister regrets that she cannot attend. A written note can follow if needed.",
        "decline",
    ),
]


@pytest.mark.parametrize(("text", "kind"), DETAIL)
def test_elliptic_condition_elsewhere_binds_a_detail(text: str, kind: str) -> None:
    decision = classify_text(text)
    assert decision.kind.value == kind, (text, decision.reason)


SUSPENDED = [
    "The Minister will attend if possible.",
    "La Ministre interviendra. Elle confirmera si son agenda le permet.",
    "El Ministro intervendrá si es posible.",
]


@pytest.mark.parametrize("text", SUSPENDED)
def test_a_full_or_same_sentence_condition_still_suspends(text: str) -> None:
    assert classify_text(text).kind.value == "other", text


# A quoted approval followed by the sender's own words of the same answer stands on them; a
# quotation alone still goes to a person.
def test_quoted_approval_with_own_words_is_final() -> None:
    assert classify_text("已批示「同意参加」，现确认部长出席并发言。").kind.value == "accept"
    assert classify_text(
        "وافق الوزير بعبارة «موافق»، وعليه نؤكد مشاركته في الجلسة."
    ).kind.value == ("accept")
    assert classify_text("The note reads “the Minister accepts”.").kind.value == "other"


# The formal Chinese opening "your letter is received", a mailbox's rule against advertising,
# and a Russian footer denying obligations from mail answer nothing.
def test_openings_and_footers_answer_nothing() -> None:
    assert classify_text("贵部2月3日函收悉。部长将出席并发言。").kind.value == "accept"
    assert classify_text("部长确认出席。谢绝推销广告邮件。").kind.value == "accept"
    text = "Министр выступит 23 марта. Министерство не принимает на себя обязательств по письмам."
    assert classify_text(text).kind.value == "accept"


# Two of round 9's "answer with a hedge" sentences: their hedge is a practical request or
# promise, so since this round they are final.
@pytest.mark.parametrize(
    "text",
    [
        "The Minister will deliver the statement. Please let us know the time slot.",
        "确定参加 发言稿稍后发您",
    ],
)
def test_round9_practical_hedges_are_final_now(text: str) -> None:
    assert classify_text(text).kind.value == "accept", text


# An earlier answer withdrawn names the old answer, not the present one.
RETRACTIONS = [
    ("Please disregard our previous regrets: the Minister will speak on 24 March.", "accept"),
    ("Merci d'ignorer notre refus précédent : la Ministre interviendra le 24.", "accept"),
    ("Dejamos sin efecto la negativa anterior; el Ministro intervendrá el martes.", "accept"),
    ("Просим считать недействительным предыдущий отказ: министр выступит 24 марта.", "accept"),
    ("更正：部长决定出席并发言。此前婉拒复函作废。", "accept"),
    ("نرجو تجاهل الاعتذار السابق، وسيشارك الوزير بكلمة يوم 24 مارس.", "accept"),
    (
        "Please disregard our earlier confirmation: the Minister regrets she cannot attend.",
        "decline",
    ),
]


@pytest.mark.parametrize(("text", "kind"), RETRACTIONS)
def test_a_withdrawn_earlier_answer_is_not_read(text: str, kind: str) -> None:
    decision = classify_text(text)
    assert decision.kind.value == kind, (text, decision.reason, decision.cues)


def test_deputies_passives_and_denied_reasons() -> None:
    # "his deputy" speaks for the Minister; a passive with its speaker names the delegate.
    assert classify_text("Министр сам не сможет, выступит его заместитель.").kind.value == "accept"
    text = "The Minister is away, so the statement will be read by the Deputy Minister."
    assert classify_text(text).kind.value == "accept"
    # Reasons to refuse denied after the refusal verb: a litotes.
    text = "Пропускать такой форум причин нет, министр будет."
    assert classify_text(text).best_guess.value == "accept"


# Colloquial and participle forms: "معتذر", "не получится", "只好作罢", "排不开", "会讲",
# "会连线发言", the Arabic present with the Minister after the verb (not after a negator or
# the subjunctive "أن").
COLLOQUIAL = [
    ("معالي الوزيرة معتذرة عن المشاركة لارتباطات العمل.", "decline"),
    ("У министра в эти дни визит, так что выступить не получится.", "decline"),
    ("部长那几天出访，实在排不开，只好作罢。", "decline"),
    ("部长会讲，时间定在23号上午。", "accept"),
    ("副部长25号会连线发言。", "accept"),
    ("تتحدث السيدة الوزيرة يوم 24 مارس في الجلسة الثانية.", "accept"),
]


@pytest.mark.parametrize(("text", "kind"), COLLOQUIAL)
def test_colloquial_and_participle_forms(text: str, kind: str) -> None:
    decision = classify_text(text)
    assert decision.kind.value == kind, (text, decision.reason, decision.cues)


def test_arabic_present_after_a_negator_or_a_likelihood_is_not_an_acceptance() -> None:
    assert classify_text("الأرجح أن يشارك الوزير، لكن لم يتأكد ذلك بعد.").kind.value == "other"
    text = "ما أرسلناه ليس قبولا بل اعتذار، فلن يشارك الوزير في الجلسات."
    assert classify_text(text).best_guess.value == "decline"


# Arabic negators with the conjunction ف glued on ("فلن", "فلا", "فلم") negate like "لن":
# "فلا يستطيع المشاركة" was read as an acceptance before the round.
@pytest.mark.parametrize(
    "text",
    ["الوزير مسافر في تلك الأيام، فلن يشارك في الجلسة.", "الوزير مشغول فلا يستطيع المشاركة."],
)
def test_arabic_negators_with_fa(text: str) -> None:
    assert classify_text(text).kind.value == "decline", text


# Printing notices and "n'engage que son auteur" make a footer line: its slogans ("Refuse
# paper") do not contradict the answer above the signature.
PRINT_FOOTERS = [
    "The Minister will take part.\n\nJ. Doe\nProtocol\n\n"
    "Think before printing this email. Decline paper, save trees.",
    "La Ministre participera.\n\nJ. Dupont\nProtocole\n\n"
    "Ce courriel n'engage que son auteur. Refusez le papier.",
    "El Ministro participará.\n\nJ. Pérez\nProtocolo\n\n"
    "Al responder este correo usted acepta nuestra política. Rechace el papel.",
    "Министр выступит.\n\nИ. Иванов\nПротокол\n\nНе распечатывайте письмо. Откажитесь от бумаги.",
    "部长将出席。\n\n王明\n礼宾司\n\n请勿打印本邮件。拒绝纸张浪费。",
    "سيشارك الوزير.\n\nأحمد علي\nالمراسم\n\n"
    "تمت الموافقة على إرسال هذه الرسالة من قبل النظام الآلي. نرفض الورق.",
]


@pytest.mark.parametrize("text", PRINT_FOOTERS)
def test_printing_footers_do_not_contradict(text: str) -> None:
    assert classify_text(text).kind.value == "accept", classify_text(text).reason


# The formal acknowledgement of the letter is an opening: beside an answer in another sentence
# it leaves the answer final; alone it answers nothing.
ACKNOWLEDGED = [
    ("We acknowledge receipt of your kind letter. The Minister will take part.", "accept"),
    ("Nous accusons réception de votre lettre. La Ministre ne pourra pas y participer.", "decline"),
    ("Acusamos recibo de su amable invitación. El Ministro intervendrá el martes.", "accept"),
    ("Подтверждаем получение вашего письма. Министр выступит 23 марта.", "accept"),
    ("نؤكد استلام رسالتكم. سيشارك الوزير بكلمة في الجلسة.", "accept"),
]


@pytest.mark.parametrize(("text", "kind"), ACKNOWLEDGED)
def test_acknowledgement_of_the_letter_is_an_opening(text: str, kind: str) -> None:
    assert classify_text(text).kind.value == kind, classify_text(text).reason


def test_an_acknowledgement_alone_answers_nothing() -> None:
    decision = classify_text("We acknowledge receipt of your letter of 3 February.")
    assert decision.kind.value == "other" and decision.best_guess.value == "other"


# The date allotted and the details to follow are practical too.
@pytest.mark.parametrize(
    "text",
    [
        "The Minister will deliver the statement. Please advise the date allocated to her.",
        "Le Ministre interviendra. Les détails suivront.",
        "تمام، الوزير مشارك، التفاصيل لاحقا",
        "部长将出席并发言，细节稍后发您。",
    ],
)
def test_date_allotted_and_details_to_follow(text: str) -> None:
    assert classify_text(text).kind.value == "accept", classify_text(text).reason


# A Russian request not to list the country ("просим … не включать") is a refusal: the
# negated infinitive at the end governs the clause.
def test_russian_request_not_to_list() -> None:
    text = "Просим на этот раз нашу страну в список выступающих не включать."
    assert classify_text(text).kind.value == "decline"
    assert classify_text("Просим включить министра в список выступающих.").kind.value == "accept"

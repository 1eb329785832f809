"""Round 16 of issue 13: the sixteenth set's slips. An official asked by the Minister to read the
statement after her regret read as a decline; "we have not forgotten it" (a letter remembered)
read as a litotes of acceptance; a "before confirming …," clause read as the confirmation; an
attachment that would not open read as a refusal; a records system that filed the letter as a
numbered case read as a plain automatic reply. Every sentence was written for this test, in the
six languages; none is copied from a development set."""

from __future__ import annotations

import pytest

from circular.ledger import ReplyKind
from circular.replies.classify import classify_text
from tests.replies.test_round11 import _mail
from tests.support.readings import assert_reading, assert_to_a_person, cases

# A regret, then an official the Minister asked to deliver the statement: she accepts through a
# delegate (a decline read from the regret alone was a swap).
ASKED_TO_SPEAK = [
    "The Minister regrets that the budget debate keeps him in Port Louis that week. He has asked"
    " our Permanent Representative in Geneva, who knows the file well, to deliver the statement"
    " for him.",
    "La Ministre regrette que le débat budgétaire la retienne à Dakar. Elle a chargé notre"
    " Ambassadeur à Genève, M. Diop, de lire la déclaration en son nom.",
    "El Ministro lamenta que el debate presupuestario lo retenga en Lima. Ha pedido a nuestra"
    " Embajadora en Ginebra, la Sra. Ruiz, que lea la declaración.",
    "Министр сожалеет, что бюджетные слушания задержат его в Бишкеке. Он поручил нашему послу в"
    " Женеве, г-ну Асанову, зачитать заявление.",
    "部长很遗憾届时因预算审议须留在国内。他已委托我国常驻日内瓦代表宣读发言。",
    "يأسف معالي الوزير لأن مناقشة الميزانية ستبقيه في عمان. وقد كلف سفيرنا في جنيف، السيد خالد،"
    " بإلقاء البيان.",
]

# The official asked only to carry the regret is a messenger, not a delegate.
MESSENGERS = [
    "She has asked our Ambassador to inform you that she cannot attend.",
    "Elle a prié notre Ambassadeur de vous faire part de ses regrets.",
    "Она попросила посла передать её сожаление.",
]

# "We have not forgotten your letter": remembering a thing is no answer; "will not forget to
# attend" (an act after it) is a litotes of acceptance. The second was a **final decline** in
# English and French before the round (found while writing these tests).
REMEMBERED_THINGS = [
    "We have not forgotten it.",
    "The Minister has not forgotten your kind invitation.",
    "Nous n'avons pas oublié votre lettre.",
    "No hemos olvidado su carta.",
    "Мы не забыли о вашем письме.",
    "我们没有忘记您的来函。",
    "لم ننس رسالتكم.",
    "لن ينسى معالي الوزير أن رسالتكم وصلت متأخرة.",
]
NOT_FORGETTING_TO_ATTEND = [
    "The Minister will not forget to attend.",
    "La Ministre n'oubliera pas de participer.",
    "El Ministro no olvidará participar.",
    "Министр не забудет выступить.",
    "部长不会忘记出席会议。",
    "لن ينسى الوزير أن يشارك في الجلسات.",
]

# "Before confirming the Minister's participation, …": an act placed later is not asserted,
# at the start of a sentence or after a letterhead that runs into it.
BEFORE_CONFIRMING = [
    "Before confirming the Minister's participation, we would be grateful for the list of"
    " speakers.",
    "Avant de confirmer la participation du Ministre, nous vous saurions gré de nous communiquer"
    " la liste des thèmes.",
    "Instituto Nacional de Telecomunicaciones Antes de confirmar nuestra participación, les"
    " solicitamos la lista de oradores.",
    "Прежде чем подтвердить участие министра, хотели бы уточнить формат сессий.",
    "在部长确认出席之前，我们想了解会议的具体安排。",
    "قبل تأكيد مشاركة الوزير، نرجو موافاتنا بقائمة المتحدثين.",
]
STILL_CONFIRMED = [
    "Avant de partir pour Genève, le Ministre confirme qu'il prononcera la déclaration.",
    "Before leaving for Geneva, the Minister will deliver the statement on 23 March.",
]

# An attachment that would not open is no refusal (five of the six were **final declines**
# before the round).
UNOPENED_ATTACHMENT = [
    "Thank you for your letter; unfortunately we cannot open the attachment, please resend it"
    " as a PDF.",
    "Nous n'avons malheureusement pas pu ouvrir la pièce jointe ; merci de nous la renvoyer en"
    " PDF.",
    "Lamentablemente no pudimos abrir el archivo adjunto; les rogamos reenviarlo en PDF.",
    "К сожалению, вложение не открывается, просим направить приглашение в формате PDF.",
    "来函收到，但附件无法打开，请重新发送。",
    "نشكركم على رسالتكم، إلا أنه تعذر فتح المرفق، يرجى إعادة إرساله بصيغة PDF.",
]


def test_a_refusal_beside_an_attachment_still_declines() -> None:
    decision = classify_text(
        "The Minister regrets that she cannot attend; the attached letter explains why."
    )
    assert decision.kind == ReplyKind.DECLINE, decision.cues


# A records system that files the letter as a numbered case: a person follows it up.
FILED_AS_A_CASE = [
    "Your letter was received and opened as case no. EX-2021-0087. It will be sent to the"
    " competent unit. This is an automatic message.",
    "Votre courrier a été reçu et ouvert comme dossier n° CAB-2021-0087. Ceci est un message"
    " automatique.",
    "Su nota ingresó por Mesa de Entradas y se caratuló como expediente EX-2021-0087. Este es un"
    " mensaje automático.",
    "Ваше письмо поступило и оформлено как обращение № ОГ-2021-0087. Это автоматическое сообщение.",
    "来函已收悉，立案号：2021-0087。此邮件为自动回复。",
    "وردت رسالتكم وسجلت كملف رقم 2021-0087. هذه رسالة تلقائية.",
]


@pytest.mark.parametrize("body", FILED_AS_A_CASE)
def test_a_letter_filed_as_a_numbered_case_goes_to_a_person(body: str) -> None:
    assert_to_a_person(_mail("RE: CL-21/4 Invitation", body), "filed the letter under a number")


# Recall (step 2). Another invitation refused, counted or set apart (a number, "other", an
# indefinite event), is the background of the answer. The English one was a **final decline**
# before the round (found while writing these tests).
OTHER_INVITATIONS = [
    "The Minister has declined two other invitations for 24 March; she will deliver the"
    " statement that day.",
    "Le Ministre a décliné une invitation à un colloque le même jour ; il prononcera donc la"
    " déclaration le 25 mars.",
    "La Directora declinó la invitación a un panel el mismo día, de modo que intervendrá el 23 de"
    " marzo.",
    "В марте министр отказался от всех зарубежных командировок, однако выступит на виртуальной"
    " сессии.",
    "部长婉拒了另外两个邀请，将于3月24日发言。",
    "اعتذر الوزير عن دعوتين أخريين في اليوم نفسه، وسيلقي البيان يوم 24 مارس.",
]
THIS_INVITATION_DECLINED = [
    "The Minister has declined the invitation to the Forum.",
    "The Minister must decline an invitation as kind as yours.",
]

# A footer that accepts the mail system's terms or warns about passwords, after the reply's own
# answer: the answer stands.
FOOTER_TERMS = [
    (
        "We confirm that the Minister will not deliver a statement in March. Use of this e-mail"
        " constitutes acceptance of the Ministry's information security policy.",
        "decline",
    ),
    (
        "Nous vous confirmons que la Ministre ne prononcera pas de déclaration. En ouvrant ce"
        " message, le destinataire accepte les conditions d'utilisation de la messagerie.",
        "decline",
    ),
    (
        "Confirmamos que el Ministro no presentará declaración. El uso de este correo implica la"
        " aceptación de la Política de Seguridad de la Información.",
        "decline",
    ),
    (
        "Министр не сможет выступить на сессиях. Используя эту почту, вы принимаете условия её"
        " использования.",
        "decline",
    ),
    ("部长将出席会议并发言。使用本邮箱即表示接受上述使用条件。", "accept"),
    (
        "يسرنا تأكيد مشاركة معالي الوزير وسيلقي كلمة يوم 23 مارس. تنبيه أمني: لن تطلب منك الوزارة"
        " أبدا رمز التحقق أو كلمة المرور.",
        "accept",
    ),
]
TERMS_OF_THE_INVITATION = [
    "Le Ministre accepte l'invitation aux conditions proposées.",
    "El Ministro acepta la invitación en las condiciones propuestas.",
    "The Minister accepts the invitation and the conditions you propose.",
]

# Double negatives that affirm: "will not let the chance pass without taking part" (a **final
# decline** in English and Spanish before the round), a Russian infinitive of refusal put first
# with the intent negated last (a **final decline**), "cannot not" with a longer clause,
# Arabic "does not intend to decline" (a **final decline**), a letter not left unanswered.
AFFIRMING_DOUBLE_NEGATIVES = [
    "The Minister will not let this opportunity pass without taking part.",
    "Le Ministre ne laissera pas passer cette occasion sans y participer.",
    "El Ministro no dejará pasar esta oportunidad sin participar.",
    "لن يدع الوزير هذه الفرصة تمر دون أن يشارك في الجلسات.",
    "Однако отказываться от выступления на сессиях Министр не намерен, тем более что формат"
    " виртуальный.",
    "Отказываться от такого приглашения мы не собираемся.",
    "لا ينوي الوزير الاعتذار عن الدعوة.",
    "Министр не счёл возможным оставить без ответа столь лестное приглашение. Он выступит 23"
    " марта.",
    "The Minister could not leave so kind an invitation unanswered: she will speak on 23 March.",
    "El Ministro no podía dejar tan amable invitación sin respuesta: intervendrá el 23 de marzo.",
    "И всё же не выступить на Форуме он себе позволить не может. Поэтому подтверждаем: министр"
    " выступит.",
]
REFUSALS_KEPT = [
    "Министр отказался от участия и не намерен менять решение.",
    "Министр решил отказаться от участия и не намерен менять решение.",
    "Министр не сможет выступить на сессии и не может прислать запись.",
    "Министр не счёл возможным принять приглашение.",
    "لا يسعنا سوى الاعتذار عن المشاركة.",
]


@pytest.mark.parametrize(
    "text",
    ["Не участвовать мы не можем.", "Не принять участие в таком форуме министр никак не может."],
)
def test_cannot_not_take_part_is_never_a_refusal(text: str) -> None:
    assert classify_text(text).best_guess != ReplyKind.DECLINE, text


# The content of an impression, or of a message that said something, is reported, not
# answered; the sender's own words after it decide.
IMPRESSIONS = [
    "Our call may have given the impression that the Minister would not take part. She will"
    " speak on 23 March.",
    "Notre appel a pu donner l'impression que le Ministre ne participerait pas. Il interviendra"
    " le 23 mars.",
    "Nuestra llamada pudo dar la impresión de que el Ministro no participaría. Intervendrá el 23"
    " de marzo.",
    "Могло сложиться впечатление, что министр не будет участвовать. Министр выступит 23 марта.",
    "我们的电话可能给贵方造成了部长不出席的印象。部长将于3月23日发言。",
    "أعطى اتصالنا الهاتفي انطباعا بأن الوزير لن يشارك. وسيلقي الوزير كلمته يوم 23 مارس.",
    "Хотим уточнить: министр выступит 23 марта.",
    # The impression ends at a contrast: the sender's own words after it answer.
    "We had the impression that the Forum was postponed, but the Minister will attend.",
    "On a eu l'impression que le Forum était reporté, mais le Ministre participera.",
    "Tuvimos la impresión de que el Foro se aplazaba, pero el Ministro participará.",
    "Сложилось впечатление, что Форум перенесён, но министр выступит.",
    "كان لدينا انطباع بأن المنتدى تأجل، لكن الوزير سيشارك.",
]
MESSAGES_REPORTED = [
    "You may have received an automated message stating that we accept. The Minister regrets"
    " that she cannot attend.",
    "Vous avez peut-être reçu un message automatique indiquant notre acceptation. Le Ministre ne"
    " pourra malheureusement pas participer.",
    "تلقيتم رسالة آلية تفيد بقبول الدعوة. ولن يتمكن الوزير من المشاركة في الجلسات.",
]

# An adverb of repetition between the auxiliary and the verb; "the last to miss it"; "address
# the Forum"; "not lightly" (with regret: the act after it decides).
AGAIN_AND_LAST = [
    "He will again deliver the national statement this year.",
    "He will once again speak at the Forum.",
    "El Ministro volverá a pronunciar la declaración este año.",
    "部长今年将再次发言。",
    "The Minister would be the last to miss a WSIS session.",
    "The Minister would be the last person to turn down such an invitation.",
    "La Ministre serait la dernière à manquer ce Forum.",
    "El Ministro sería el último en faltar a este Foro.",
    "سيكون الوزير آخر من يتخلف عن هذا المنتدى.",
    "The Minister will address the high-level sessions on 23 March.",
]
NOT_AGAIN = [
    "He will not again deliver a statement.",
    "部长今年不会再次发言。",
    "El Ministro no volverá a intervenir este año.",
    "He will not be able to address the WSIS Forum.",
    "It is not lightly that the Minister foregoes this occasion, but he will not be able to"
    " address the Forum.",
]
NEITHER = [
    "The Minister will be the last to speak on 23 March.",
    "سيكون الوزير آخر من يتحدث يوم 23 مارس.",
    "The Minister cannot address the issue of funding today.",
]


@pytest.mark.parametrize(
    "text",
    [
        "Ce n'est pas de gaieté de cœur que le Ministre renonce à cette occasion, mais il ne"
        " pourra pas intervenir au Forum.",
        "No es a la ligera que el Ministro renuncia a esta ocasión, pero no podrá intervenir en el"
        " Foro.",
        "Министр не с лёгким сердцем отказывается от этой возможности, но выступить он не сможет.",
    ],
)
def test_a_refusal_not_made_lightly_is_never_an_acceptance(text: str) -> None:
    decision = classify_text(text)
    assert decision.kind != ReplyKind.ACCEPT and decision.best_guess == ReplyKind.DECLINE, text


# An invitation taken note of is not accepted («принял к сведению приглашение»); a footer that
# tells the reader to reply a word of consent to subscribe answers nothing; Russian "не
# позднее" (no later than) and "предварительная переписка" (earlier correspondence) hedge
# nothing.
NOTED_THEN_REFUSED = [
    "Министр с благодарностью принял к сведению приглашение выступить. Однако выступить он не"
    " сможет.",
    "The Minister has taken note of the invitation with thanks. However, he will not be able to"
    " speak.",
    "Le Ministre a pris bonne note de l'invitation. Il ne pourra toutefois pas intervenir.",
    "El Ministro tomó nota de la invitación con agradecimiento. Sin embargo, no podrá intervenir.",
    "部长已知悉贵方邀请。但部长无法出席会议。",
    "أحاط الوزير علما بالدعوة مع الشكر. غير أنه لن يتمكن من المشاركة.",
    "部长不参加此次会议。【温馨提示】回复“同意”即可订阅本部政务信息推送；回复“退订”即可取消。",
    "The Minister will not attend. Reply AGREE to subscribe to our newsletter; reply STOP to"
    " unsubscribe.",
    "Le Ministre ne pourra pas participer. Répondez OUI pour vous abonner à notre lettre"
    " d'information.",
    "El Ministro no podrá participar. Responda ACEPTO para suscribirse al boletín.",
    "Министр не сможет принять участие. Ответьте «Согласен», чтобы подписаться на рассылку.",
    "لن يتمكن الوزير من المشاركة. أرسل كلمة موافق لتأكيد الاشتراك في النشرة الإخبارية.",
]
STILL_ACCEPTED = [
    "Министр с благодарностью принял ваше приглашение.",
    "Please remove our old address from your mailing list (we tried to unsubscribe it); the"
    " Minister confirms his participation.",
    "Министр выступит не на русском, как мы указывали в предварительной переписке, а на"
    " кыргызском языке.",
    "Министр выступит 23 марта. Текст направим заранее, не позднее 15 марта.",
]


# A closing formula whose vocative splits it with commas, after a decline: the formula's
# "accept" is no acceptance beside the refusal.
CLOSING_AFTER_A_DECLINE = [
    "J'ai le regret de vous confirmer que le Ministre ne sera pas en mesure de prononcer une"
    " déclaration au Forum en mars, en raison de la campagne électorale. Je vous prie d'accepter,"
    " Madame, Monsieur, l'assurance de ma haute considération.",
    "Lamentamos informarle que el Ministro no podrá intervenir en marzo, debido a la campaña. Le"
    " ruego acepte, señor Secretario General, las seguridades de mi más alta consideración.",
    "I regret that the Minister will not be able to speak in March, owing to the campaign. Please"
    " accept, Excellency, the assurances of my highest consideration.",
    "К сожалению, министр не сможет выступить в марте, так как идёт избирательная кампания."
    " Примите, господин Генеральный секретарь, уверения в моем глубоком уважении.",
    "يؤسفني إبلاغكم أن الوزير لن يتمكن من المشاركة في مارس، بسبب الحملة الانتخابية. وتقبلوا،"
    " سعادة الأمين العام، فائق الاحترام.",
]


# An apology for a message or an error is no refusal; an apology for not taking part still is.
APOLOGY_FOR_A_MESSAGE = [
    "The Minister will speak on 23 March. We apologise for the confusion caused by our previous"
    " message.",
    "Le Ministre interviendra le 23 mars. Nous nous excusons pour l'erreur de notre précédent"
    " message.",
    "El Ministro intervendrá el 23 de marzo. Pedimos disculpas por el error de nuestro mensaje"
    " anterior.",
    "Министр выступит 23 марта. Приносим извинения за ошибку в предыдущем письме.",
    "部长将于3月23日发言。对昨天误发的邮件深表歉意。",
    "نعتذر عن الرسالة التي وصلتكم منا يوم أمس. سيشارك الوزير في الجلسات.",
]
APOLOGY_FOR_NOT_COMING = [
    "部长无法出席会议，深表歉意。",
    "نعتذر عن عدم المشاركة في الجلسات.",
    "نعتذر عن اللبس، تم إلغاء مشاركة معالي الوزير بسبب ارتباط طارئ.",
]


# Every reading of a reply's kind this round checks, table by table (the name says which rule).
READINGS = {
    "an_official_asked_to_speak_accepts_for_the_minister": [
        (text, "accept") for text in ASKED_TO_SPEAK
    ],
    "an_official_asked_to_carry_the_regret_is_a_messenger": [
        (text, "decline") for text in MESSENGERS
    ],
    "a_thing_not_forgotten_is_no_answer": [(text, "other") for text in REMEMBERED_THINGS],
    "not_forgetting_to_attend_accepts": [(text, "accept") for text in NOT_FORGETTING_TO_ATTEND],
    "a_before_confirming_clause_is_not_asserted": [(text, "other") for text in BEFORE_CONFIRMING],
    "a_main_clause_after_before_still_answers": [(text, "accept") for text in STILL_CONFIRMED],
    "an_attachment_that_will_not_open_is_no_refusal": [
        (text, "other") for text in UNOPENED_ATTACHMENT
    ],
    "another_invitation_refused_is_background": [(text, "accept") for text in OTHER_INVITATIONS],
    "this_invitation_declined_still_declines": [
        (text, "decline") for text in THIS_INVITATION_DECLINED
    ],
    "a_footer_accepting_terms_answers_nothing": FOOTER_TERMS,
    "the_terms_of_the_invitation_are_accepted": [
        (text, "accept") for text in TERMS_OF_THE_INVITATION
    ],
    "a_double_negative_that_affirms_accepts": [
        (text, "accept") for text in AFFIRMING_DOUBLE_NEGATIVES
    ],
    "a_refusal_kept_beside_a_negated_intent_declines": [
        (text, "decline") for text in REFUSALS_KEPT
    ],
    "an_impression_is_reported_not_answered": [(text, "accept") for text in IMPRESSIONS],
    "a_message_that_said_something_is_reported": [(text, "decline") for text in MESSAGES_REPORTED],
    "again_and_the_last_to_miss_accept": [(text, "accept") for text in AGAIN_AND_LAST],
    "not_again_declines": [(text, "decline") for text in NOT_AGAIN],
    "the_last_to_speak_answers_nothing": [(text, "other") for text in NEITHER],
    "noted_or_subscribed_is_no_acceptance": [(text, "decline") for text in NOTED_THEN_REFUSED],
    "an_acceptance_beside_them_stands": [(text, "accept") for text in STILL_ACCEPTED],
    "an_apology_for_a_message_is_no_refusal": [(t, "accept") for t in APOLOGY_FOR_A_MESSAGE],
    "an_apology_for_not_coming_declines": [(t, "decline") for t in APOLOGY_FOR_NOT_COMING],
    "a_closing_formula_after_a_decline_accepts_nothing": [
        (text, "decline") for text in CLOSING_AFTER_A_DECLINE
    ],
}


@pytest.mark.parametrize(("table", "text", "kind"), cases(READINGS))
def test_each_reading(table: str, text: str, kind: str) -> None:
    assert_reading(table, text, kind)

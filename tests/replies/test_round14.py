"""Round 14 of issue 13: the fourteenth set's slips. "Future" read as "accept" in Arabic, two
coordinated "without" read as a double negative, traditional Chinese titles of a delegate, a
regret followed by another event attended, the Y of "not X but Y" that only endorses another's
statement, and a document system's registration notice. Every sentence was written for this
test, in the six languages; none is copied from a development set."""

from __future__ import annotations

import pytest

from circular.ledger import ReplyKind
from circular.replies.classify import classify_message, classify_text
from tests.replies.test_round11 import _mail
from tests.support.readings import assert_reading, cases

# "المستقبل" (the future) and "استقبل" (received) hold the letters of "تقبل" (accepts); asking
# for future mail to go elsewhere answers nothing, in any language.
FUTURE_CORRESPONDENCE = [
    "يرجى في المستقبل توجيه المراسلات إلى وزارة الاقتصاد الرقمي مباشرة.",
    "نرجو أن تكون المراسلات المستقبلية باسم مدير مكتب الوزير.",
    "استقبلت الوزارة رسالتكم وأحالتها إلى الإدارة المختصة.",
    "In future, kindly send such letters to the Ministry of Transport and Communications.",
    "À l'avenir, nous vous prions d'adresser ce courrier au ministère de l'Économie numérique.",
    "En adelante, les rogamos enviar la correspondencia a la Secretaría de Comunicaciones.",
    "Впредь просим направлять подобные письма в Министерство цифрового развития.",
    "今后此类函件请径寄数字经济部。",
]


# Two absences side by side ("without X and without Y") are no double negative.
TWO_ABSENCES = [
    "The copy we received came without a signature and without a reference number.",
    "La copie reçue est arrivée sans signature et sans numéro d'enregistrement.",
    "La copia recibida llegó sin firma y sin número de registro.",
    "Полученная копия пришла без подписи и без регистрационного номера.",
]


@pytest.mark.parametrize("text", FUTURE_CORRESPONDENCE + TWO_ABSENCES)
def test_future_mail_and_two_absences_are_no_answer(text: str) -> None:
    decision = classify_text(text)
    assert decision.kind == ReplyKind.OTHER, (text, decision.reason, decision.cues)
    assert decision.best_guess == ReplyKind.OTHER, (text, decision.cues)


# Traditional characters: the delegate's title and the authorisation ("授權", "局長", "司長").
def test_an_authorised_bureau_director_is_never_a_decline() -> None:
    text = "電信管理局局長因公務未能出席，特授權副局長陳志明代表局長於三月二十三日發表政策聲明。"
    assert classify_text(text).kind != ReplyKind.DECLINE, classify_text(text).cues


def test_a_refusal_in_traditional_chinese_still_declines() -> None:
    text = "司長因另有公務，未能出席論壇，敬請見諒。"
    assert classify_text(text).kind == ReplyKind.DECLINE, classify_text(text).cues


# A regret, then another event the Minister attends: never an acceptance.
REGRET_THEN_ANOTHER_EVENT = [
    "Unfortunately, that week the Minister will attend the Council of Ministers in Kampala.",
    "Malheureusement, la Ministre participera ces jours-là au Conseil des ministres à Dakar.",
    "Lamentablemente, esa semana el Ministro participará en el Consejo de Ministros en Quito.",
    "К сожалению, в эти дни Министр будет участвовать в заседании коллегии министерства.",
    "很遗憾，届时部长将出席国务院常务会议。",
    "للأسف، سيشارك معالي الوزير في تلك الأيام في اجتماع مجلس الوزراء.",
    "К сожалению, Министр будет на заседании правительства, а его заместители — в мероприятиях"
    " областного фестиваля молодёжи.",
]


# "Not X but Y" where Y only endorses a group's statement: the country does not speak.
ALIGNED_ONLY = [
    "Our country will not deliver a national statement, but will align itself with the statement"
    " of the Pacific Islands Forum group.",
    "Notre pays ne prononcera pas de déclaration nationale, mais se ralliera à la déclaration du"
    " groupe des pays les moins avancés.",
    "Nuestro país no hará una declaración nacional, sino que se sumará a la declaración del grupo"
    " centroamericano.",
    "Наша страна не будет выступать отдельно, а присоединится к заявлению группы государств"
    " Центральной Азии.",
    "我国不单独发言，而是赞同东盟主席代表东盟国家所作的发言。",
    "لن يلقي بلدنا بيانا وطنيا، بل سيكتفي بتأييد البيان الذي ستلقيه رئاسة المجموعة العربية.",
]


@pytest.mark.parametrize("text", REGRET_THEN_ANOTHER_EVENT + ALIGNED_ONLY)
def test_another_event_or_statement_is_never_an_acceptance(text: str) -> None:
    decision = classify_text(text)
    assert decision.kind != ReplyKind.ACCEPT, (text, decision.reason, decision.cues)


# What must keep its acceptance: the Arabic verb itself, double negatives (the "without" rule
# must not touch them), a delegate in traditional characters, a regret about something else,
# and "associating with the Forum" after a litotes.
STILL_ACCEPTS = [
    "يقبل معالي الوزير الدعوة بكل سرور.",
    "تقبل الوزيرة الدعوة وستلقي البيان.",
    "The Minister will not fail to deliver the statement on 23 March.",
    "La Ministre ne manquera pas de prononcer la déclaration le 23 mars.",
    "El Ministro no dejará de pronunciar la declaración el 23 de marzo.",
    "Министр не преминет выступить с заявлением 23 марта.",
    "部长绝不会缺席，将于3月23日发言。",
    "لن يتردد معالي الوزير في إلقاء البيان يوم 23 مارس.",
    "部長因公務未能出席，特授權常駐代表代表部長於三月二十四日發表聲明。",
    "Unfortunately our reply is late; the Minister will attend the Forum on 23 March.",
    "The Minister has no hesitation in associating herself with the Forum and will speak.",
]


# A document system registering the letter under a number: a person records the number.
REGISTRATION_NOTICES = [
    "This is an automated message. Your letter was registered under reference CORR-2021-00871"
    " and passed to the Protocol Unit.",
    "Ceci est un message automatique. Votre courrier a été enregistré sous le numéro 2021/00453.",
    "Este es un mensaje automático. Su oficio fue registrado con el número 20210077123.",
    "Это автоматическое сообщение. Ваше письмо зарегистрировано под № 12-07/3381.",
    "此邮件为自动回复。您的来函已登记，收文编号 2021-0562。",
    "هذه رسالة تلقائية. تم تسجيل رسالتكم برقم 4471/2021 وإحالتها إلى الإدارة المختصة.",
]


@pytest.mark.parametrize("body", REGISTRATION_NOTICES)
def test_a_registration_notice_goes_to_a_person(body: str) -> None:
    result = classify_message(_mail("RE: CL-21/4 Invitation", body))
    assert result.kind == ReplyKind.OTHER and result.needs_review, result
    assert "filed the letter under a number" in (result.review_reason or ""), result


def test_a_robot_without_a_number_stays_an_automatic_reply() -> None:
    body = "This is an automated response: your message has been received. Please do not reply."
    assert classify_message(_mail("RE: CL-21/4 Invitation", body)).kind == ReplyKind.AUTO_REPLY


def test_a_dated_robot_is_no_registration() -> None:
    body = "This is an automatic reply. I am out of the office until 22.02.2021 with no e-mail."
    assert classify_message(_mail("RE: CL-21/4 Invitation", body)).kind == ReplyKind.AUTO_REPLY


# Recall (step 2): beside an acceptance, the mail system's terms ("by sending this e-mail you
# agree"), an apology for the inconvenience and a refusal of press interviews decide nothing.
BESIDE_AN_ACCEPTANCE = [
    "The Minister will deliver the statement on 23 March. By sending this e-mail you agree to"
    " the Ministry's data policy.",
    "Le Ministre prononcera la déclaration le 23 mars. En répondant à ce courriel, vous acceptez"
    " notre politique de confidentialité.",
    "Министр выступит 23 марта. Отправляя ответ на это письмо, вы соглашаетесь с правилами"
    " обработки данных.",
    "部长将于3月23日发言。发送本邮件即视为您同意本单位的保密规定。",
    "سيلقي معالي الوزير البيان يوم 23 مارس. بإرسال هذه الرسالة فإنك توافق على سياسة الخصوصية.",
    "The Minister will speak on 23 March. We apologise for any inconvenience caused by our"
    " earlier message.",
    "La Ministre interviendra le 23 mars. Nous nous excusons pour la confusion.",
    "El Ministro intervendrá el 23 de marzo. Disculpen las molestias.",
    "Министр выступит 23 марта. Приносим извинения за доставленные неудобства.",
    "部长将于3月23日发言。对由此带来的不便，敬请见谅。",
    "سيلقي معالي الوزير البيان يوم 23 مارس. نعتذر عن أي لبس.",
    "The Minister will deliver the statement on 23 March and declines all media interviews.",
    "La Ministre prononcera la déclaration le 23 mars ; elle refuse toutes les interviews.",
    "El Ministro intervendrá el 23 de marzo; no concederá entrevistas.",
    "Министр выступит 23 марта и не будет давать интервью.",
    "部长将于3月23日发言，届时谢绝记者采访。",
    "سيلقي معالي الوزير البيان يوم 23 مارس، ولن يدلي بأي تصريحات صحفية.",
]


# The refusal itself still declines with such words beside it.
STILL_DECLINES = [
    "The Minister regrets that she cannot attend. We apologise for any inconvenience.",
    "Le Ministre ne pourra pas participer au Forum. Nous nous excusons pour la gêne occasionnée.",
    "Министр не сможет принять участие в Форуме. Приносим извинения за неудобства.",
    "部长无法出席本次会议。对由此造成的不便，深表歉意。",
]


# A question about the speech's broadcast or press release, or an earlier "pending" now settled,
# beside an acceptance presupposes the speech: the answer stays final.
BROADCAST_OR_SETTLED = [
    "The Minister will deliver the statement on 23 March. Could you tell us whether the session"
    " will be webcast?",
    "La Ministre prononcera la déclaration le 23 mars. Pourriez-vous nous indiquer si la séance"
    " sera retransmise en direct ?",
    "El Ministro pronunciará la declaración el 23 de marzo. ¿Podrían indicarnos si habrá"
    " transmisión en directo de la sesión?",
    "Министр выступит с заявлением 23 марта. Просим сообщить, будет ли вестись трансляция"
    " заседания.",
    "部长将于3月23日发言。请告知会议是否有网络直播。",
    "سيلقي معالي الوزير البيان يوم 23 مارس. نرجو إفادتنا بما إذا كان سيسمح بإعادة بث الجلسة.",
    "现正式确认：部长将于3月23日发言。此前我方答复“待定”，现已确定。",
]


# A broadcast as the condition of the speech, or "whether" about the answer itself, still waits.
STILL_PENDING = [
    "The Minister will speak only if the session is broadcast live.",
    "La Ministre interviendra si la séance est retransmise en direct.",
    "部长是否发言，取决于会议是否直播。",
    "Pourriez-vous nous indiquer si le Ministre peut encore être inscrit ? Il souhaiterait"
    " intervenir.",
]


# An offer "if that is helpful" and the mail system's banners (external sender, spam filter)
# beside an acceptance bind nothing.
OFFER_OR_BANNER = [
    "The Minister will deliver the statement on 23 March. We can send the text in advance, if"
    " that is helpful.",
    "La Ministre interviendra le 23 mars. Nous pouvons envoyer le texte à l'avance, si cela vous"
    " est utile.",
    "El Ministro intervendrá el 23 de marzo. Podemos enviar el texto con antelación, si les"
    " resulta útil.",
    "Министр выступит 23 марта. Можем заранее направить текст, если это будет полезно.",
    "部长将于3月23日发言。我们可提前提供讲稿，如对贵方有帮助。",
    "سيلقي معالي الوزير البيان يوم 23 مارس. يمكننا إرسال النص مسبقا إذا كان ذلك مفيدا.",
    "The Minister will speak on 23 March.\n\nCAUTION: this e-mail originated from outside the"
    " organization. Do not click links unless you recognise the sender.",
    "La Ministre interviendra le 23 mars.\n\nCe message provient de l'extérieur. N'ouvrez pas les"
    " pièces jointes si vous ne connaissez pas l'expéditeur.",
    "El Ministro intervendrá el 23 de marzo.\n\nNo abra los adjuntos si no conoce al remitente."
    " Si su correo fue rechazado, contacte al administrador.",
    "Министр выступит 23 марта.\n\nПисьмо получено из внешней сети. Не открывайте вложения, если"
    " не уверены в отправителе.",
    "部长将于3月23日发言。\n\n本邮箱已启用反垃圾邮件过滤。如您的邮件被系统拒收，请联系管理员。",
    "سيلقي معالي الوزير البيان يوم 23 مارس.\n\nهذه الرسالة من خارج المؤسسة، لا تفتح المرفقات"
    " إلا إذا كنت تعرف المرسل.",
]


# The WSIS Prizes instead of the speech: never an acceptance (the Prizes are not the speech).
PRIZES_INSTEAD = [
    "经研究，我部本次不安排领导发言，而是提交一份项目材料参加奖项评选。",
    "The Minister will not speak; instead, the Ministry will take part in the WSIS Prizes contest.",
    "Le Ministre ne prendra pas la parole ; le ministère participera plutôt au concours des Prix"
    " du SMSI.",
    "El Ministro no intervendrá; en su lugar, el Ministerio participará en el concurso de los"
    " Premios CMSI.",
    "Министр не выступит; вместо этого министерство примет участие в конкурсе премий ВВУИО.",
    "لن يتحدث معالي الوزير، بل ستشارك الوزارة في مسابقة جوائز القمة.",
]


@pytest.mark.parametrize("text", PRIZES_INSTEAD)
def test_the_prizes_instead_of_the_speech_are_never_an_acceptance(text: str) -> None:
    decision = classify_text(text)
    assert decision.kind != ReplyKind.ACCEPT, (text, decision.reason, decision.cues)


# "不作发言" negates; written material after "而是" is no substitute for the speech.
NO_SPEECH_BUT_MATERIAL = [
    "遗憾的是，部长无法在高级别会议上发言，而是委托研究中心提交项目材料。",
    "部长本次无法出席，局长亦不作发言。",
]


# "非…不可" (must: "not … not possible") affirms the verb between; "非常" is only "very".
@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("今年的會議「非參加不可」，局長將親自發表政策聲明。", ReplyKind.ACCEPT),
        ("本次会议部长非出席不可，将于3月23日发言。", ReplyKind.ACCEPT),
        ("部长非常高兴出席会议。", ReplyKind.ACCEPT),
        ("部长不参加会议。", ReplyKind.DECLINE),
    ],
)
def test_chinese_must_is_an_affirmation(text: str, kind: ReplyKind) -> None:
    decision = classify_text(text)
    assert decision.kind == kind, (text, decision.reason, decision.cues)


# A preference "if a choice is possible" binds only the slot; "please do not take into account
# the draft sent by mistake" retracts the draft, not the answer beside it.
@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "The Minister will deliver the statement. She would prefer 24 March if a choice is"
            " possible, but will speak on any day.",
            ReplyKind.ACCEPT,
        ),
        (
            "La Ministre prononcera la déclaration. Elle préférerait le 24 mars si un choix est"
            " possible.",
            ReplyKind.ACCEPT,
        ),
        (
            "El Ministro pronunciará la declaración. Preferiría el 24 de marzo, si cabe elegir.",
            ReplyKind.ACCEPT,
        ),
        (
            "Министр выступит с заявлением. Если есть выбор, он предпочёл бы 24 марта.",
            ReplyKind.ACCEPT,
        ),
        ("部长将发言。如可选择，请安排在3月24日。", ReplyKind.ACCEPT),
        ("سيلقي معالي الوزير البيان. ويفضل يوم 24 مارس إذا أمكن الاختيار.", ReplyKind.ACCEPT),
        (
            "Après examen, le Ministre ne donnera pas suite à votre invitation. Je vous prie de ne"
            " pas tenir compte du projet transmis par erreur plus bas.",
            ReplyKind.DECLINE,
        ),
        (
            "El Ministro no podrá participar. Les ruego no tener en cuenta el borrador enviado por"
            " error.",
            ReplyKind.DECLINE,
        ),
        ("The Minister will speak if there is a choice of day.", ReplyKind.OTHER),
    ],
)
def test_a_choice_of_day_or_a_retracted_draft_leaves_the_answer(text: str, kind: ReplyKind) -> None:
    decision = classify_text(text)
    assert decision.kind == kind, (text, decision.reason, decision.cues)


# Every reading of a reply's kind this round checks, table by table (the name says which rule).
READINGS = {
    "what_accepted_still_accepts": [(text, "accept") for text in STILL_ACCEPTS],
    "terms_apologies_and_no_press_leave_the_acceptance": [
        (text, "accept") for text in BESIDE_AN_ACCEPTANCE
    ],
    "a_refusal_beside_an_apology_still_declines": [(text, "decline") for text in STILL_DECLINES],
    "a_broadcast_question_or_a_settled_pending_leaves_the_acceptance": [
        (text, "accept") for text in BROADCAST_OR_SETTLED
    ],
    "a_broadcast_condition_still_waits": [(text, "other") for text in STILL_PENDING],
    "an_offer_or_a_banner_leaves_the_acceptance": [(text, "accept") for text in OFFER_OR_BANNER],
    "no_speech_but_material_declines": [(text, "decline") for text in NO_SPEECH_BUT_MATERIAL],
}


@pytest.mark.parametrize(("table", "text", "kind"), cases(READINGS))
def test_each_reading(table: str, text: str, kind: str) -> None:
    assert_reading(table, text, kind)

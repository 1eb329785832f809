"""Round 17 of issue 13: the seventeenth and eighteenth sets' slips. A letter of congratulations
handed on "through our Permanent Mission" (代表团, a mission, read as 代表, "represent") made a
decline an acceptance; "will not take decisions in his absence" read as a litotes; an office
that cannot decide on the Minister's participation read as a refusal; "savoir si, selon …," (an
indirect question with an incise) and "при положительном решении" (upon a favourable decision)
read as answers; an automatic acknowledgement that gives the letter a reference number read as
a plain automatic reply. Then recall (delegates, other events, mail and papers accepted,
double negatives, the reader's question, Russian aspect), and a swap found while writing them
(«может ли заместитель министра выступить», an indirect question). Every sentence was written
for this test, in the six languages where the language has the construction; none is copied
from a development set."""

from __future__ import annotations

import pytest

from circular.ledger import ReplyKind
from circular.replies.classify import classify_text
from tests.replies.test_round11 import _mail
from tests.support.readings import assert_reading, assert_to_a_person, cases

# The speech declined, a letter handed on through the mission: no delegate speaks (the Chinese
# one was a **swap**, an acceptance through "代表团"). Some go to a person ("transmitted" is a
# forward), none is an acceptance.
LETTER_THROUGH_THE_MISSION = [
    "The Minister will not speak at the sessions; a letter of congratulations will be transmitted"
    " through our Permanent Mission before 15 March.",
    "Le Ministre ne prendra pas la parole ; une lettre de félicitations sera transmise par notre"
    " Mission permanente avant le 15 mars.",
    "El Ministro no intervendrá en las sesiones; una carta de felicitación se transmitirá por"
    " conducto de nuestra Misión Permanente antes del 15 de marzo.",
    "Министр не будет выступать на сессиях; поздравительное письмо будет передано через наше"
    " Постоянное представительство до 15 марта.",
    "部长不在高级别会议上发言。贺信将于3月15日前经我国常驻代表团转交。",
    "لن يلقي الوزير كلمة في الجلسات، وستسلم رسالة تهنئة عن طريق بعثتنا الدائمة قبل 15 مارس.",
]


# Arabic "بعدم" (a proclitic on عدم) negates: "instructions that ministers not take part" is no
# participation in the Y of "not X but Y" (it read as an acceptance by substitution).
NOT_TAKING_PART_BY_INSTRUCTION = [
    "إن اعتذار الوزارة لا يعني عدم الاهتمام بالمنتدى، بل يعود إلى تعليمات رئاسة مجلس الوزراء بعدم"
    " مشاركة الوزراء في أي فعاليات خارجية. لذا لن يلقي الوزير بيانا.",
    "أصدر مجلس الوزراء تعليمات بعدم مشاركة الوزراء في الفعاليات الخارجية.",
    "Министр не выступит на Форуме. Отправляя ответ на это письмо, Вы подтверждаете согласие на"
    " хранение переписки в архиве Министерства.",
]


@pytest.mark.parametrize("text", LETTER_THROUGH_THE_MISSION + NOT_TAKING_PART_BY_INSTRUCTION)
def test_a_refusal_beside_something_else_is_no_acceptance(text: str) -> None:
    decision = classify_text(text)
    assert decision.kind != ReplyKind.ACCEPT and decision.best_guess == ReplyKind.DECLINE, (
        text,
        decision.cues,
    )


# "in his absence" sets a time, it denies nothing (the English one was a **final acceptance**,
# a litotes "not … absence"); "will not be absent" is still one.
IN_HIS_ABSENCE = [
    "The Minister is abroad until 15 February, and the office will not take decisions on"
    " invitations in his absence.",
    "La Ministre est en mission jusqu'au 15 février et le cabinet ne prend pas de décision sur les"
    " invitations en son absence.",
    "El Ministro está de viaje hasta el 15 de febrero y la oficina no toma decisiones sobre"
    " invitaciones en su ausencia.",
    "Министр в командировке до 15 февраля, а в его отсутствие мы не принимаем решения о"
    " приглашениях.",
    "部长出访至2月15日，部长缺席期间办公室不对邀请作出决定。",
    "الوزير في مهمة حتى 15 فبراير، ولا يتخذ المكتب قرارات بشأن الدعوات في غيابه.",
]
NOT_ABSENT = [
    "The Minister will not be absent from the sessions.",
    "Le Ministre ne sera pas absent des sessions.",
    "部长不会缺席会议。",
    "لن يتغيب الوزير عن الجلسات.",
]

# An office that cannot decide on the Minister's participation refuses nothing (the Russian
# one, «Принимать решения об участии … не можем», was a **final decline**; so were the French,
# Spanish, Chinese and Arabic ones before the round, found while writing these tests).
CANNOT_DECIDE = [
    "We cannot take decisions on the Minister's participation; please await the Ministry's reply.",
    "Nous ne pouvons pas prendre de décision sur la participation du Ministre ; veuillez attendre"
    " la réponse du Ministère.",
    "No podemos tomar decisiones sobre la participación del Ministro; les rogamos esperar la"
    " respuesta del Ministerio.",
    "Принимать решения об участии Министра мы не можем, поэтому просим ожидать ответа от"
    " Министерства.",
    "我们无法就部长出席一事作出决定，请等待部里的答复。",
    "我们无权就部长是否出席作出决定，请等待外交部的答复。",
    "لا يمكننا اتخاذ قرار بشأن مشاركة الوزير، ونرجو انتظار رد الوزارة.",
]
STILL_REFUSED = [
    "Министр не сможет принять участие.",
    "Принять приглашение Министр не может.",
    "The Minister has decided not to participate.",
]

# An indirect question ("whether", « savoir si », "saber si", "может ли", "能否", "ما إذا"), also
# with an incise after "si" (the French one was a **final acceptance**), and an answer promised
# only after it is answered.
WHETHER = [
    "Nous souhaiterions savoir si, selon la pratique de l'UIT, un ministre démissionnaire peut"
    " valablement prononcer une déclaration au nom de l'État.",
    "Le Ministre ne donnera suite à votre invitation qu'après avoir reçu cette précision.",
    "We would like to know whether, under ITU practice, a caretaker minister may deliver a policy"
    " statement on behalf of the State.",
    "We would like to know if, under ITU practice, a caretaker minister may deliver a policy"
    " statement.",
    "The Minister will reply to your invitation only after receiving this clarification.",
    "Quisiéramos saber si, según la práctica de la UIT, un ministro en funciones puede pronunciar"
    " una declaración en nombre del Estado.",
    "El Ministro solo dará respuesta a su invitación después de recibir esta aclaración.",
    "Хотели бы узнать, может ли, согласно практике МСЭ, исполняющий обязанности министра"
    " выступить с заявлением от имени государства.",
    "Министр ответит на приглашение только после получения этого разъяснения.",
    "我们想了解，按照国际电联的惯例，看守内阁的部长能否代表国家发表政策声明。",
    "部长将在收到上述说明之后才答复贵方邀请。",
    "نود أن نعرف ما إذا كان بإمكان وزير في حكومة تصريف أعمال، وفقا لممارسة الاتحاد، أن يلقي بيانا"
    " باسم الدولة.",
    "لن يرد الوزير على دعوتكم إلا بعد تلقي هذا التوضيح.",
]

# "Upon a favourable decision the Minister will speak": the answer waits on the decision (the
# Russian one was a **final acceptance**, and so was the English one).
UPON_A_DECISION = [
    "При положительном решении Министр выступит; ответ ожидаем в течение двух недель.",
    "При одобрении Администрацией Президента министр выступит.",
    "Upon a positive decision, the Minister will deliver the statement; we expect the answer"
    " within two weeks.",
    "Upon approval by the Cabinet, the Minister will speak.",
    "En cas de décision favorable, le Ministre prononcera la déclaration.",
    "En caso de decisión favorable, el Ministro intervendrá.",
    "如获批准，部长将在会上发言。",
    "获批后部长将发言。",
    "في حال صدور قرار إيجابي، سيلقي الوزير البيان.",
]
NOT_A_CONDITION = [
    "При подготовке к Форуму Министр выступит с заявлением 23 марта.",
    "Upon arrival in Geneva, the Minister will deliver the statement.",
    # A manner before the verb: the Minister speaks (the first was a delegate read only through
    # a mission's "代表团" before the round).
    "副部长将通过视频方式在北京发言。",
    "部长将以线上形式出席会议。",
    "我国常驻代表将代表部长发言。",
]

# An automatic acknowledgement that gives the letter a reference number: a person's office has
# logged it and will answer, so a person reads it (the Chinese one was a final automatic reply).
REFERENCE_NUMBER = [
    "This is an automatic reply. We have received your letter; your reference number is"
    " MCI-2021-00841. We will reply within five working days.",
    "Ceci est une réponse automatique. Votre courrier a bien été reçu sous le numéro de référence"
    " CAB-2021-0841 ; une réponse vous sera adressée.",
    "Esta es una respuesta automática. Hemos recibido su carta, con número de referencia"
    " DG-2021-0841; le responderemos en cinco días hábiles.",
    "Это автоматический ответ. Ваше письмо получено, регистрационный номер 01-2021/841. Ответ"
    " будет дан в течение пяти рабочих дней.",
    "这是一封自动回复邮件。我们已收到您的来信，参考编号为 MCI-2021-0841。"
    "我们会在五个工作日内回复。",
    "هذه رسالة تلقائية. تم استلام رسالتكم، والرقم المرجعي هو 2021-0841. سيتم الرد خلال خمسة أيام"
    " عمل.",
]


@pytest.mark.parametrize("body", REFERENCE_NUMBER)
def test_a_reference_number_given_by_a_robot_goes_to_a_person(body: str) -> None:
    assert_to_a_person(_mail("RE: CL-21/4 Invitation", body), "filed the letter under a number")


# Recall (step 2). The Spanish "formular la declaración" (to deliver it) and the Russian
# impersonal passive "поручено X выступить" (X is tasked to speak), either order, name a
# delegate; nobody tasked is no answer.
DESIGNATED = [
    "El Ministro ha encomendado al Director Ejecutivo de la Agencia que formule en su nombre la"
    " declaración del país.",
    "Por encargo del Ministro, el Director Ejecutivo del Programa formulará la declaración en las"
    " sesiones de alto nivel.",
    "La declaración del país la formulará el Viceministro de Comunicaciones, en representación del"
    " Gobierno.",
    "Решением Кабинета Министров выступить на Форуме от имени страны поручено председателю"
    " Агентства связи.",
    "Выступить с заявлением поручено заместителю министра.",
]
NOT_DESIGNATED = [
    ("El Ministro no formulará ninguna declaración este año.", "decline"),
    ("Выступить на Форуме никому не поручено.", "other"),
]

# Another event's invitation accepted, or taking part in another event given up: the answer to
# this invitation is in the rest of the sentence.
OTHER_EVENTS = [
    (
        "The Minister will speak on 25 March; to do so she has cancelled her participation in"
        " another event that day.",
        "accept",
    ),
    (
        "The Minister had already accepted another invitation for that week and will therefore"
        " not be able to attend.",
        "decline",
    ),
    (
        "Le Ministre interviendra le 25 mars ; il a pour cela renoncé à participer à une autre"
        " réunion le même jour.",
        "accept",
    ),
    (
        "La Ministre avait déjà accepté une autre invitation pour cette semaine et ne pourra donc"
        " pas participer.",
        "decline",
    ),
    (
        "El Ministro intervendrá el 25 de marzo; para ello ha renunciado a participar en otro"
        " evento ese día.",
        "accept",
    ),
    (
        "La Ministra ya había aceptado otra invitación para esa semana, por lo que no podrá"
        " asistir.",
        "decline",
    ),
    (
        "Министр рад сообщить, что выступит 25 марта. Ради этого он отказался от участия в другом"
        " мероприятии в тот же день.",
        "accept",
    ),
    (
        "Министр ранее принял другое приглашение на эту неделю и поэтому не сможет выступить.",
        "decline",
    ),
    ("局长早前已接受另一项国际活动的邀请，时间与高级别政策会议重叠，因此无法出席发言。", "decline"),
    ("部长将于3月25日发言，为此已婉拒了另外一个邀请。", "accept"),
    (
        "سيلقي الوزير كلمته يوم 25 مارس، وقد اعتذر عن المشاركة في اجتماع آخر في اليوم نفسه.",
        "accept",
    ),
    ("كان الوزير قد قبل دعوة أخرى في الأسبوع نفسه، ولذلك لن يتمكن من المشاركة.", "decline"),
    ("The Minister accepts the invitation to the Forum.", "accept"),
]

# Mail, files and documents accepted or rejected by the mail system or the office, and a
# closing formula in the plural or with "راجية قبول": none answers the invitation.
MAIL_AND_PAPERS = [
    (
        "We accept with thanks the concept note and the background documents you shared."
        " Regrettably, the Cabinet Secretary will not be able to deliver a statement.",
        "decline",
    ),
    (
        "Nous avons le plaisir de vous confirmer que le Directeur prononcera la déclaration le 23"
        " mars. Veuillez noter que cette adresse n'accepte pas les courriels chiffrés ni les pièces"
        " jointes de plus de 5 Mo.",
        "accept",
    ),
    (
        "Министр выступит с заявлением 23 марта. Министерство не принимает на себя"
        " ответственности за содержание вложений, полученных из внешних источников.",
        "accept",
    ),
    (
        "Министр принимает приглашение и выступит 24 марта. ВНИМАНИЕ: письма с вложениями в"
        " формате .exe и .zip отклоняются почтовым сервером автоматически.",
        "accept",
    ),
    (
        "The Minister will speak on 24 March. Please note that this address does not accept"
        " encrypted e-mails or attachments over 5 MB.",
        "accept",
    ),
    (
        "El Ministro intervendrá el 24 de marzo. Tenga en cuenta que esta dirección no acepta"
        " correos cifrados ni adjuntos de más de 5 MB.",
        "accept",
    ),
    (
        "La Ministra no podrá intervenir. Agradecemos y aceptamos los documentos de referencia que"
        " nos enviaron.",
        "decline",
    ),
    ("部长将于3月24日发言。请注意，本邮箱不接收超过5MB的附件。", "accept"),
    (
        "سيلقي الوزير كلمته يوم 24 مارس. يرجى العلم بأن هذا العنوان لا يقبل الرسائل المشفرة.",
        "accept",
    ),
    ("Министр с удовольствием принимает ваше письмо-приглашение.", "accept"),
    ("The Minister accepts your kind invitation and will send the documents next week.", "accept"),
    (
        "يأسف الوزير لعدم تمكنه من المشاركة في الجلسات. وتنتهز الوزارة هذه المناسبة لتعرب عن أسمى"
        " اعتبارها، راجية قبول فائق الاحترام.",
        "decline",
    ),
    (
        "Lamentamos informar que el Ministro no podrá intervenir. Sírvanse aceptar las expresiones"
        " de mi especial consideración.",
        "decline",
    ),
]

# A head of state or government as the subject of a relative clause: the act is theirs (the
# English one went to a person as "both accept and decline"); the Minister as that subject
# still accepts.
PRINCIPAL_IN_A_RELATIVE = [
    (
        "Regrettably, the Minister will not be able to deliver a statement, as the dates clash"
        " with the national launch of the programme, which the President will attend.",
        "decline",
    ),
    (
        "Malheureusement, le Ministre ne pourra pas intervenir : les dates coïncident avec le"
        " lancement du programme, que le Président inaugurera.",
        "decline",
    ),
    (
        "Lamentablemente, el Ministro no podrá intervenir, pues las fechas coinciden con la cumbre"
        " nacional, a la que asistirá el Presidente.",
        "decline",
    ),
    (
        "К сожалению, министр не сможет выступить: даты совпадают с национальным форумом, который"
        " откроет Президент.",
        "decline",
    ),
    (
        "للأسف لن يتمكن الوزير من إلقاء كلمة، لتزامن الموعد مع المؤتمر الوطني، الذي سيحضره الرئيس.",
        "decline",
    ),
    (
        "The Minister has cancelled the cabinet retreat, which the Prime Minister chairs, and will"
        " attend the Forum.",
        "accept",
    ),
    (
        "Our delegation is preparing for the Forum, which the Minister will attend on 23 March.",
        "accept",
    ),
]


# The listener's role as the X of "not X but Y": denied, the speaker's role stands (the Spanish
# and Russian ones went to a person as "taking part only to listen"); a listener alone still
# goes to a person.
NOT_AS_A_LISTENER = [
    "El Director General no participará esta vez como observador, sino como orador: formulará la"
    " declaración del país.",
    "Le Directeur général ne participera pas en tant qu'observateur, mais comme orateur : il"
    " prononcera la déclaration.",
    "The Director-General will take part not as an observer but as a speaker, and will deliver"
    " the statement.",
    "Заместитель министра примет участие в сессиях не в качестве наблюдателя, как мы писали"
    " ранее, а с полноценным заявлением.",
    "副部长将出席会议，不是作为观察员，而是作为发言人发表政策声明。",
    "سيشارك نائب الوزير ليس بصفة مراقب بل متحدثا، وسيلقي بيان الدولة.",
]
ONLY_A_LISTENER = [
    "The Director-General will take part as an observer.",
    "The Deputy Minister will attend the sessions only to follow them, as an observer.",
]

# Russian: "рассматривается как" (regarded as) and a perfective "согласовав / согласован с
# Министром" (agreed already) leave nothing pending; "не согласовано", "будет согласовано"
# and "рассматривается" alone still do. "заявление … сделает X" (the object first) accepts,
# not across a negator.
RUSSIAN_SETTLED = [
    (
        "Участие в Форуме рассматривается нами не как формальность, а как приоритет: генеральный"
        " директор Агентства выступит с заявлением.",
        "accept",
    ),
    (
        "Новый директор с удовольствием выступит на сессии от имени страны, согласовав это с"
        " Государственной канцелярией.",
        "accept",
    ),
    (
        "Заявление от имени страны сделает Государственный секретарь. Текст заявления согласован"
        " с Министром.",
        "accept",
    ),
    ("Участие министра пока не согласовано.", "other"),
    ("Вопрос об участии министра рассматривается.", "other"),
    ("Участие министра будет согласовано позже.", "other"),
    ("Участие министра ещё не согласовали с Администрацией.", "other"),
    ("Заявление министр не сделает.", "other"),
    ("Заявление от имени страны министр, к сожалению, не сделает.", "decline"),
]

# A hope that the arrangement suits the reader, after the answer, is courtesy (the English one
# went to a person as a hope).
HOPE_IT_SUITS = [
    "The Minister is glad to accept. She will speak from notes, so we will not be able to send an"
    " advance copy of the statement; we hope that is acceptable.",
    "La Ministre prononcera la déclaration sans texte écrit ; nous espérons que cela ne vous pose"
    " pas de problème.",
    "El Ministro intervendrá sin texto escrito; esperamos que esto no sea un inconveniente.",
    "Министр выступит без заранее подготовленного текста; надеемся, что это вас устроит.",
    "部长将在会上发言，讲稿将在会后提供，希望这样可以接受。",
    "سيلقي الوزير كلمته دون نص مكتوب، ونأمل أن يكون ذلك مقبولا.",
]


# Double negatives that affirm: a blame for not taking part with a long subject or "strange"
# ("remiss of the Minister for … not to take up", « étrange de ne pas », "extraño no", «странно
# не»), a possibility of not taking part never considered, no reason "for X not to be" there,
# "nothing that would prevent" (a Russian subjunctive «что помешало бы»), "ما من سبب يحول دون",
# "لا يجد أي حرج", «не счёл возможным отказаться» (the possibility of refusing is no
# participation), "طالما كانت" (since it has long been: no condition). Each of the set messages
# behind them went to a person as "both accept and decline". A real condition and a refusal
# kept stay as they were.
DOUBLE_NEGATIVES = [
    (
        "It would be remiss of the Minister for the Digital Economy and Communications"
        " not to take up an invitation from the Secretary-General, and she will deliver"
        " the statement herself.",
        "accept",
    ),
    (
        "Il serait étrange de ne pas participer : la Ministre prononcera la déclaration.",
        "accept",
    ),
    (
        "Sería extraño no participar: el Ministro intervendrá el 23 de marzo.",
        "accept",
    ),
    (
        "После региональных мероприятий МСЭ было бы странно не принять приглашение."
        " Министр выступит 23 марта.",
        "accept",
    ),
    (
        "El Secretario ni siquiera se planteó la posibilidad de no participar: hará la"
        " declaración del país.",
        "accept",
    ),
    (
        "The Minister did not even consider not taking part: she will deliver the statement.",
        "accept",
    ),
    (
        "Le Ministre n'a même pas envisagé de ne pas participer : il prononcera la déclaration.",
        "accept",
    ),
    (
        "Министр даже не рассматривал возможность не участвовать и выступит 23 марта.",
        "accept",
    ),
    (
        "部长从未考虑过不参加，将于3月23日发言。",
        "accept",
    ),
    (
        "لم يفكر الوزير لحظة في عدم المشاركة، وسيلقي بيان الدولة.",
        "accept",
    ),
    (
        "No hay razón alguna para que el país no esté presente en este Foro. El Ministro"
        " intervendrá en persona.",
        "accept",
    ),
    (
        "Министр не видит ничего, что помешало бы ему выступить на сессии, и подтверждает"
        " своё участие.",
        "accept",
    ),
    (
        "We see nothing that would prevent the Minister from attending, and she confirms"
        " her participation.",
        "accept",
    ),
    (
        "Nous ne voyons rien qui puisse empêcher la Ministre de participer, et elle"
        " confirme sa participation.",
        "accept",
    ),
    (
        "No vemos nada que impida la participación del Ministro, y él confirma su asistencia.",
        "accept",
    ),
    (
        "ما من سبب يحول دون مشاركة معالي الوزير، وقد وافق معاليه على إلقاء البيان.",
        "accept",
    ),
    (
        "Министр, несмотря на сложную обстановку, не счёл возможным отказаться от столь"
        " важного приглашения и выступит с заявлением.",
        "accept",
    ),
    (
        "لا يجد الوزير أي حرج في تعديل جدول أعماله، وسيلقي بيان الدولة.",
        "accept",
    ),
    (
        "تؤكد الوزارة أن مصر لا يمكن أن تغيب عن منتدى طالما كانت من أوائل الداعمين له."
        " وعليه سيلقي الوزير بيان مصر.",
        "accept",
    ),
    (
        "The Minister will speak as long as the connection holds.",
        "other",
    ),
    (
        "سيلقي الوزير كلمته طالما سمح الوقت بذلك.",
        "other",
    ),
    (
        "Министр не счёл возможным принять приглашение.",
        "decline",
    ),
    (
        "The Minister did not consider it possible to attend.",
        "decline",
    ),
]


# The reader's own question or assumption is reported, not answered: "your question whether the
# Deputy could speak another day" (« votre question de savoir si », "su consulta sobre si",
# "استفساركم عن إذا"), "as you might assume" (« comme vous pourriez le penser », "como podrían
# suponer", «как могло показаться»). The Russian indirect question "может ли заместитель
# министра выступить" was a **final acceptance** (a swap: the answer after it declines) before
# the round, found while writing these tests: a finite verb with "ли" is "whether"; it goes to a
# person now.
READER_QUESTIONS = [
    (
        "What keeps the Minister away is not the lockdown, as you might assume, but a"
        " parliamentary hearing on 23 March. He therefore declines the invitation with"
        " regret.",
        "decline",
    ),
    (
        "Ce qui retient le Ministre n'est pas le confinement, comme vous pourriez le"
        " penser, mais une audition parlementaire. Il décline donc l'invitation avec"
        " regret.",
        "decline",
    ),
    (
        "Lo que impide al Ministro asistir no es el confinamiento, como podrían suponer,"
        " sino una audiencia parlamentaria. Por ello declina la invitación.",
        "decline",
    ),
    (
        "Причина отказа не техническая, как могло показаться, а политическая. Министр"
        " выступать не будет.",
        "decline",
    ),
    (
        "Ante su consulta sobre si la Subsecretaria podría intervenir otro día, debemos"
        " aclarar que su agenda internacional ha sido suspendida. Chile no tomará la"
        " palabra.",
        "decline",
    ),
    (
        "In answer to your question whether the Deputy Minister could speak on another"
        " day, we must explain that all travel is suspended. The Minister will not take"
        " the floor.",
        "decline",
    ),
    (
        "En réponse à votre question de savoir si la Vice-ministre pourrait intervenir un"
        " autre jour, nous devons préciser que son agenda est suspendu. Le Ministre ne"
        " prendra pas la parole.",
        "decline",
    ),
    (
        "В ответ на ваш вопрос о том, может ли заместитель министра выступить в другой"
        " день, сообщаем, что все поездки отменены. Министр выступать не будет.",
        "other",
    ),
    (
        "ردا على استفساركم عن إذا كان بإمكان نائب الوزير التحدث في يوم آخر، نوضح أن جميع"
        " المهام الخارجية معلقة. لن يلقي الوزير كلمة.",
        "decline",
    ),
    (
        "Сможет ли министр выступить, пока неясно.",
        "other",
    ),
    (
        "Просим сообщить, будет ли у министра возможность выступить.",
        "other",
    ),
    (
        "Министр вряд ли сможет выступить, и поэтому отказывается от участия.",
        "other",
    ),
]


# Footers that refuse or accept something else: a bribe, newsletters, the processing of one's
# data, mail with executable files, informal correspondence. Five of the six were "both accept
# and decline" before the round; the answer above them now stands.
FOOTER_OBJECTS = [
    (
        "We confirm that the Minister will deliver the statement. Say NO to corruption."
        " Decline the bribe, report it.",
        "accept",
    ),
    (
        "Le Ministre prononcera la déclaration le 25 mars. Vous pouvez refuser le"
        " traitement de vos données en écrivant au délégué.",
        "accept",
    ),
    (
        "The Minister will speak on 24 March. Stay informed: subscribe to our newsletter"
        " | Decline future newsletters | Privacy",
        "accept",
    ),
    (
        "El Ministro intervendrá el 24 de marzo. Usted puede rechazar el tratamiento de"
        " sus datos escribiendo a la oficina.",
        "accept",
    ),
    (
        "Министр выступит 24 марта. Вы можете отказаться от рассылки в любой момент.",
        "accept",
    ),
    (
        "部长将于3月24日发言。廉洁提示：拒绝贿赂，举报电话12388。",
        "accept",
    ),
    (
        "سيلقي رئيس الهيئة بيان الدولة في الجلسات. تنبيه: يُرفض تلقائياً أي بريد يحتوي"
        " على ملفات تنفيذية. لا تقبل الهيئة المراسلات غير الرسمية عبر هذا العنوان.",
        "accept",
    ),
    (
        "The Minister must decline the invitation.",
        "decline",
    ),
]


# The statement delivered by someone, in the passive, after the Minister's own unavailability
# ("Malta's statement will be delivered by the Executive Chairman of …", « la déclaration sera
# prononcée par le Directeur de … », "será pronunciada por", "将由…宣读"): whoever is named speaks
# for the Minister (the English and French ones went to a person as "both accept and decline");
# a statement that nobody will deliver still declines.
PASSIVE_DELEGATES = [
    (
        "The Minister regrets that a Cabinet commitment prevents her from speaking. With"
        " the Government's agreement, Malta's statement will be delivered by the"
        " Executive Chairman of the Digital Innovation Authority, who will speak on"
        " certification.",
        "accept",
    ),
    (
        "La Conseillère fédérale ne pouvant pas se libérer, la déclaration de la Suisse"
        " sera prononcée par le Directeur de l'Office fédéral de la communication, qui"
        " conduit la délégation.",
        "accept",
    ),
    (
        "Como el Ministro estará en el Congreso, la declaración del país será pronunciada"
        " por el Presidente de la Agencia de Gobierno Digital.",
        "accept",
    ),
    (
        "The Minister regrets that he cannot attend; the statement will not be delivered"
        " by anyone else.",
        "decline",
    ),
    (
        "Le Ministre ne pourra pas participer et aucune déclaration ne sera prononcée.",
        "decline",
    ),
    (
        "Поскольку министр будет в парламенте, заявление от имени страны сделает"
        " председатель Агентства цифрового развития.",
        "accept",
    ),
    (
        "部长届时须出席议会会议，政策声明将由数字政府局局长宣读。",
        "accept",
    ),
    (
        "نظرا لارتباط الوزير بجلسات البرلمان، سيلقي بيان الدولة رئيس هيئة الحكومة الرقمية.",
        "accept",
    ),
]


# Phrasings of one language each: "take up the invitation", "will make <country>'s statement",
# "將如期發表" (will deliver as scheduled), « a tenu à prononcer » (insisted on speaking); and a
# Chinese footer asking to reply "同意" to receive news (each went to a person before).
ONE_LANGUAGE_PHRASINGS = [
    (
        "The Honourable Minister is pleased to take up the Secretary-General's invitation"
        " and will make Jamaica's policy statement during the week of 22 March.",
        "accept",
    ),
    (
        "The Minister will not make a statement this year.",
        "decline",
    ),
    (
        "創新科技署署長將如期發表政策聲明。",
        "accept",
    ),
    (
        "Le Ministre a tenu à prononcer lui-même la déclaration lors des sessions de haut niveau.",
        "accept",
    ),
    (
        "我部本届不安排在高级别政策会议上发言，敬请谅解。温馨提示：如您同意接收本部政务信息推送，请回复“同意”。",
        "decline",
    ),
    (
        "The Minister is unable to take up the invitation.",
        "decline",
    ),
]


# « s'exprimer » (to speak) and "be represented" are ways of taking part: negated, they decline
# (each went to a person as "no sentence accepts or declines"); "will be represented by the
# Deputy Minister" still accepts.
SPEAK_AND_BE_REPRESENTED = [
    (
        "Le décret n'ayant pas paru, le Ministre ne s'exprimera pas aux sessions de haut niveau.",
        "decline",
    ),
    (
        "Forwarding the instruction of the Undersecretary: the Department will not be"
        " represented in the High-Level Policy Sessions.",
        "decline",
    ),
    (
        "Le Ministère ne sera pas représenté aux sessions de haut niveau.",
        "decline",
    ),
    (
        "The Ministry will be represented by the Deputy Minister, who will deliver the statement.",
        "accept",
    ),
]


# "not only X declines" (« ce n'est pas seulement … qui décline », "no es solo … la que declina")
# is no litotes: X declines; the Russian «Уточняем:» before a colon announces, and «Сроки
# уточняем» (we are checking the dates) is still pending.
NOT_ONLY = [
    (
        "No es solo la Subsecretaría la que declina la invitación, sino el Ministerio en su"
        " conjunto.",
        "decline",
    ),
    (
        "Ce n'est pas seulement le Secrétariat d'État qui décline l'invitation, mais le"
        " Ministère tout entier.",
        "decline",
    ),
    (
        "It is not only the Under-Secretary who declines the invitation, but the Ministry"
        " as a whole.",
        "decline",
    ),
    (
        "Отказывается от приглашения не только Управление, но и Министерство в целом.",
        "decline",
    ),
    (
        "Сроки выступления уточняем.",
        "other",
    ),
    (
        "Уточняем: министр выступать на сессиях не будет.",
        "decline",
    ),
]


# "However much" concedes ("Por mucho que … no quisiera faltar", "however much … would not want
# to miss", «как бы … ни хотел»): the litotes inside it is no answer (the Spanish went to a
# person as "both accept and decline"); the reader's question in Chinese ("貴處來電詢問…是否")
# is reported, so the answer after it stands.
HOWEVER_MUCH_AND_YOUR_QUESTION = [
    (
        "Por mucho que el Director no quisiera faltar a una cita de este nivel, no podrá"
        " intervenir en las sesiones.",
        "decline",
    ),
    (
        "However much the Minister would not want to miss such a meeting, he will not be"
        " able to speak.",
        "decline",
    ),
    (
        "Как бы министр ни хотел выступить, он не сможет принять участие в сессиях.",
        "decline",
    ),
    (
        "貴處來電詢問香港是否只提供簡短的錄影致辭。現正式回覆：並非致辭，而是完整的政策聲明，由政府資訊科技總監親自發表。",
        "accept",
    ),
    (
        "贵方询问部长是否出席。部长将于3月23日发言。",
        "accept",
    ),
]


# Every reading of a reply's kind this round checks, table by table (the name says which rule).
READINGS = {
    "an_absence_as_a_time_is_no_litotes": [(text, "other") for text in IN_HIS_ABSENCE],
    "not_absent_is_still_a_litotes": [(text, "accept") for text in NOT_ABSENT],
    "an_office_that_cannot_decide_refuses_nothing": [(text, "other") for text in CANNOT_DECIDE],
    "a_refusal_to_take_part_still_declines": [(text, "decline") for text in STILL_REFUSED],
    "an_indirect_question_answers_nothing": [(text, "other") for text in WHETHER],
    "upon_a_favourable_decision_is_a_condition": [(text, "other") for text in UPON_A_DECISION],
    "a_circumstance_or_a_manner_is_no_condition": [(text, "accept") for text in NOT_A_CONDITION],
    "a_delegate_formulates_or_is_tasked": [(text, "accept") for text in DESIGNATED],
    "no_one_designated": NOT_DESIGNATED,
    "another_event_is_background": OTHER_EVENTS,
    "mail_and_papers_accepted_answer_nothing": MAIL_AND_PAPERS,
    "a_head_of_state_in_a_relative_clause_acts_for_no_one_here": PRINCIPAL_IN_A_RELATIVE,
    "a_listener_denied_is_a_speaker": [(text, "accept") for text in NOT_AS_A_LISTENER],
    "a_listener_alone_goes_to_a_person": [(text, "other") for text in ONLY_A_LISTENER],
    "russian_regarded_as_and_agreed_already": RUSSIAN_SETTLED,
    "a_hope_that_it_suits_is_courtesy": [(text, "accept") for text in HOPE_IT_SUITS],
    "double_negatives_that_affirm": DOUBLE_NEGATIVES,
    "the_readers_question_or_assumption_is_reported": READER_QUESTIONS,
    "a_footer_refusing_something_else_answers_nothing": FOOTER_OBJECTS,
    "a_statement_delivered_by_someone_is_a_delegate": PASSIVE_DELEGATES,
    "phrasings_of_one_language": ONE_LANGUAGE_PHRASINGS,
    "to_speak_and_to_be_represented_are_taking_part": SPEAK_AND_BE_REPRESENTED,
    "not_only_x_declines_and_we_clarify": NOT_ONLY,
    "however_much_concedes_and_your_question_is_reported": HOWEVER_MUCH_AND_YOUR_QUESTION,
    "a_letter_alone_through_the_mission_answers_nothing": [
        ("贺信将于3月15日前经我国常驻代表团转交。", "other")
    ],
}


@pytest.mark.parametrize(("table", "text", "kind"), cases(READINGS))
def test_each_reading(table: str, text: str, kind: str) -> None:
    assert_reading(table, text, kind)

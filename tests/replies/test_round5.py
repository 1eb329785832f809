"""Round 5 of issue 13: general grammar for negation scope, "not X but Y", delegates and
missed answers, each rule checked in the six languages on sentences written for this test (none
copied from a frozen set; the rule each group checks is named above it)."""

from __future__ import annotations

import pytest

from circular.replies.classify import classify_text

# (text, the final kind expected: accept / decline, or other = a person decides)
CASES = [
    # negative concord + a word of impediment (nothing prevents …): a litotes, accept
    (
        "Nothing stands in the way of the Minister's participation; she will speak on 18 May.",
        "accept",
    ),
    ("Nothing prevents the Minister from attending, and he will deliver the statement.", "accept"),
    ("Rien n'empêche la Ministre de participer : elle prononcera la déclaration.", "accept"),
    ("Nada impide al Ministro asistir al Foro; intervendrá el 18 de mayo.", "accept"),
    ("Ничто не мешает Министру принять участие в Форуме.", "accept"),
    ("没有什么能阻止部长出席论坛，部长将发言。", "accept"),
    ("لا شيء يمنع معالي الوزير من المشاركة، وسيلقي كلمة.", "accept"),
    ("Возражений у Министра нет, он выступит 18 мая.", "accept"),
    # Russian postposed existential negation (возражений … нет): a litotes
    ("Сомнений в участии Министра нет: он будет присутствовать.", "accept"),
    ("Ningún miembro del gabinete podrá asistir al Foro este año.", "decline"),
    # negative pronouns as subjects (nadie, ningún, никто, personne) negate the verb; an n-word
    # and its verbal negator are one negation (concord), not two
    ("Nadie de nuestra delegación podrá participar en mayo.", "decline"),
    ("Никто из руководства министерства не сможет принять участие.", "decline"),
    ("Personne au ministère ne pourra participer au Forum.", "decline"),
    ("Aucun membre du gouvernement ne pourra assister au Forum.", "decline"),
    ("We cannot but decline, given the state visit that week.", "decline"),
    # exceptives (cannot but, no … sino): 'must', no 'not X but Y'
    ("No podemos sino declinar la invitación, con pesar.", "decline"),
    ("The Government cannot help but accept such a kind invitation.", "accept"),
    (
        "It is not any lack of interest but the budget debate that keeps the Minister from"
        " attending.",
        "decline",
    ),
    # a negated reason (not a lack of interest) negates nothing; the impediment after it declines
    (
        "No es la falta de interés, sino el debate presupuestario, lo que le impide asistir.",
        "decline",
    ),
    (
        "Ce n'est pas un manque d'intérêt, mais le conseil des ministres qui l'empêche de venir.",
        "decline",
    ),
    (
        "Не отсутствие желания, а визит премьер-министра не позволяет Министру участвовать.",
        "decline",
    ),
    ("ليس لعدم الاهتمام بل بسبب زيارة رسمية يتعذر على الوزير الحضور.", "decline"),
    ("Our reply is negative, I am afraid.", "decline"),
    # the answer named as such (the answer is no / réponse positive / 答复是肯定的), also as the Y
    # of 'not yes but no'
    ("The answer is yes: the Minister will be there.", "accept"),
    ("La réponse du Ministre est positive.", "accept"),
    ("La respuesta es negativa, lo sentimos.", "decline"),
    ("Ответ Министра отрицательный.", "decline"),
    ("部长的答复是肯定的。", "accept"),
    ("الجواب بالنفي مع الأسف.", "decline"),
    ("The reply is not no, as you feared, but yes.", "accept"),
    ("La respuesta no es sí sino no.", "decline"),
    ("Ответ не положительный, а отрицательный.", "decline"),
    ("The Minister will not travel to Geneva but will take part by video.", "accept"),
    # the Y of a substitution as a way of taking part (not in person but by video)
    ("La Ministre ne sera pas présente à Genève, mais interviendra par vidéo.", "accept"),
    ("El Ministro no asistirá en persona sino por video.", "accept"),
    ("Министр выступит не лично, а дистанционно.", "accept"),
    ("部长不是亲自出席，而是通过视频发言。", "accept"),
    ("لن يحضر الوزير شخصيا بل سيشارك عن بعد.", "accept"),
    ("The speaker will not be the Deputy Minister but the Minister herself.", "accept"),
    # the Minister as the Y of a substitution (not the Ambassador but the Minister herself)
    ("L'orateur ne sera pas l'Ambassadeur, mais le Ministre en personne.", "accept"),
    ("Intervendrá no la Embajadora sino la Ministra.", "accept"),
    ("Выступать будет не заместитель, а сам министр.", "accept"),
    ("致辞的不是副部长，而是部长本人。", "accept"),
    ("لن يلقي الكلمة السفير بل الوزير نفسه.", "accept"),
    ("The Minister has appointed Mr. Tan, Head of the ICT Authority, to represent her.", "accept"),
    # a designation (has appointed X to represent her): X is a delegate, whatever X's title
    ("La Ministre a mandaté Mme Diallo, directrice des TIC, pour la représenter.", "accept"),
    ("El Ministro ha encomendado a la Sra. Ruiz que lo represente en el Foro.", "accept"),
    ("Министр поручил начальнику управления Петрову выступить от его имени.", "accept"),
    ("部长指派信息司司长王明代表其出席。", "accept"),
    ("انتدب الوزير السيد كريم حداد لتمثيله في المنتدى.", "accept"),
    ("The sender disclaims any liability for viruses.", "other"),
    # disclaiming responsibility is a footer, not a refusal
    ("La empresa declina toda responsabilidad por el contenido.", "other"),
    ("Министерство не несёт ответственности за содержание вложений.", "other"),
    ("本部不承担任何责任。", "other"),
    ("لا تتحمل الوزارة أي مسؤولية عن محتوى المرفقات.", "other"),
    ("We will do our best to secure the Minister's attendance.", "other"),
    # trying and withholding a guarantee are tentative
    ("Nous ferons notre possible pour que la Ministre participe.", "other"),
    ("Haremos lo posible para que el Ministro asista.", "other"),
    ("Постараемся обеспечить участие Министра.", "other"),
    ("我们将尽量安排部长出席。", "other"),
    ("سنبذل قصارى جهدنا لضمان مشاركة الوزير.", "other"),
    ("The Minister hopes to attend but we cannot guarantee it.", "other"),
    ("مشاركة الوزير مرهونة بموافقة رئاسة الوزراء.", "other"),
    # Arabic 'subject to' (مرهون ب، يتوقف على) is a condition
    ("الحضور يتوقف على جدول أعمال البرلمان.", "other"),
    ("部长下周出国，来不了。", "decline"),
    # an elided verb after a negated modal; the Chinese potential complement (来不了)
    ("部长去不成了，抱歉。", "decline"),
    ("el ministro no puede esa semana, lo sentimos", "decline"),
    ("The Minister can't, sorry.", "decline"),
    (
        "The Minister will attend another conference in Nairobi that week and must decline.",
        "decline",
    ),
    # taking part in another event is a prior commitment
    ("Le Ministre participera à une autre réunion ce jour-là.", "decline"),
    ("La Ministra asistirá a otra cumbre en esas fechas.", "decline"),
    ("Министр будет участвовать в другом форуме в эти дни.", "decline"),
    ("部长届时将参加其他会议，无法出席。", "decline"),
    ("سيشارك الوزير في مؤتمر آخر في نفس الموعد.", "decline"),
    ("El Ministro no podría rechazar semejante invitación: participará.", "accept"),
    # a tentative modal inside a litotes (could not refuse) is no hedge
    ("La Ministre ne pourrait refuser une telle invitation ; elle interviendra.", "accept"),
    ("It is no small honour for the Minister, who will deliver the statement.", "accept"),
    # negated smallness (no small honour) and 'no reason not to' are pseudo-negations
    ("We see no reason why the Minister should not attend; she will be there.", "accept"),
    ("No hay razón para no aceptar: el Ministro participará.", "accept"),
    ("Нет никаких причин не участвовать: Министр выступит.", "accept"),
    # (round 9: with a request beside it the answer is 0.88, below the threshold 0.90: see
    # tests/replies/test_round9.py)
    # an answer followed by a request for details; 'vous pouvez' is no question
    ("Vous pouvez inscrire la Ministre comme oratrice.", "accept"),
    ("We confirm the Minister's statement for the opening.", "accept"),
    # confirming the statement / intervention accepts
    ("Confirmamos la intervención del Ministro.", "accept"),
    ("Подтверждаем выступление Министра.", "accept"),
    ("نؤكد إلقاء الوزير كلمته.", "accept"),
    ("Министр отказывается от участия.", "decline"),
]

# The second batch of round 5: answers the first score of frozen4 missed entirely ("no sentence
# accepts or declines"), each cause as a rule.
CASES2 = [
    # a decision taken (decided to attend), six languages; "decided not to" is negated
    ("After reading the programme, the Minister decided to take part.", "accept"),
    ("La Ministre a décidé de participer au segment de haut niveau.", "accept"),
    ("El Ministro ha decidido participar en la sesión de apertura.", "accept"),
    ("Министр решил принять участие в Форуме.", "accept"),
    ("部长研究后决定出席论坛。", "accept"),
    ("قرر معالي الوزير المشاركة في المنتدى.", "accept"),
    ("The Minister decided not to attend this year.", "decline"),
    # a participation called off declines; a trip elsewhere called off does not
    ("The Minister's participation has been cancelled owing to the elections.", "decline"),
    ("La participation du Ministre est annulée en raison du deuil national.", "decline"),
    ("La participación de la Ministra ha sido cancelada por la emergencia.", "decline"),
    ("Участие Министра в Форуме отменяется.", "decline"),
    ("部长已取消出席本届论坛。", "decline"),
    ("ألغى الوزير مشاركته في المنتدى بسبب الانتخابات.", "decline"),
    # a negated plan or event after the participation noun (Russian)
    ("Участие Министра в сессии высокого уровня не планируется.", "decline"),
    ("Выступление Министра на Форуме не состоится.", "decline"),
    # first persons and the present for the near future (fr, es); "fera la déclaration"
    ("Je participerai volontiers à la session de haut niveau.", "accept"),
    ("Nous interviendrons le 18 mai.", "accept"),
    ("La Ministre y participe et fera la déclaration d'ouverture.", "accept"),
    ("Intervendré personalmente en la sesión del 18 de mayo.", "accept"),
    # en: says yes, will read / give the statement; "must say no"
    ("The Minister says yes to the invitation.", "accept"),
    ("She will read the national statement herself.", "accept"),
    ("I'm afraid we have to say no this time.", "decline"),
    # fr: plural adjectives of availability, "des vôtres", "ne donnera pas suite"
    ("Ni la Ministre ni son directeur de cabinet ne seront disponibles en mai.", "decline"),
    ("Le Ministre ne pourra être des vôtres en mai.", "decline"),
    ("La Ministre ne donnera pas suite à votre aimable invitation.", "decline"),
    ("C'est la SG qui représente le ministre et qui lira la déclaration.", "accept"),
    # es: an elided verb after "no va a poder"
    ("la viceministra tampoco, el ministro no va a poder este año", "decline"),
    # Arabic dialects: negators مش / ما راح, futures with ب / ح, "ألبي الدعوة", "أدلي ببيان"
    ("الوزير مش هيقدر يشارك السنة دي.", "decline"),
    ("الوزير ما راح يحضر هالمرة، معلش.", "decline"),
    ("الوزير بيشارك في الجلسة الافتتاحية.", "accept"),
    ("يسعدني أن ألبي دعوتكم، وسأدلي ببيان في الجلسة.", "accept"),
    ("لا يسعنا إلا أن نلبي الدعوة بكل سرور.", "accept"),
    # zh: "由部长本人发言"
    ("本次会议由部长本人发言。", "accept"),
]


# The third batch: footers in more forms, French intensifier "si", litotes of displeasure and of
# "unthinkable not to", "no reason why … not" across a comma, relative clauses, superseded notes.
CASES3 = [
    # footers: refusing claims, "by reading this e-mail", "not the addressee" in every form
    ("The Minister will attend. We reject all claims arising from this message.", "accept"),
    ("Министр выступит. Мы отвергаем все претензии, связанные с этим письмом.", "accept"),
    ("部长将出席。阅读本邮件即视为同意以下条款。", "accept"),
    ("سيشارك الوزير. إذا لم تكن المرسل إليه فاحذف الرسالة.", "accept"),
    ("La Ministre participera. Si vous n'en êtes pas le destinataire, détruisez-le.", "accept"),
    ("سيشارك الوزير. تخلي الوزارة مسؤوليتها عن أي ضرر.", "accept"),
    # French "si" before an adjective is "so", not "if"
    ("Après un échange si constructif, la Ministre participera au Forum.", "accept"),
    ("Si possible, la Ministre participera au Forum.", "other"),
    # negated displeasure / indifference is a litotes
    ("The Minister is not unhappy to speak again; she will deliver the statement.", "accept"),
    ("Le Ministre n'est pas mécontent d'intervenir ; il participera.", "accept"),
    # "unthinkable / impossible not to": must
    ("It would be inconceivable for our Minister not to take part; he will speak.", "accept"),
    ("Il serait impensable pour la Ministre de ne pas participer ; elle interviendra.", "accept"),
    ("Невозможно не откликнуться на такое приглашение: Министр выступит.", "accept"),
    # no reason why … not, across a comma
    ("Не вижу никаких причин, почему бы Министру не выступить: он выступит 18 мая.", "accept"),
    ("No veo ninguna razón por la que la Ministra no participe: participará.", "accept"),
    # "not without regret" in Chinese
    ("并非没有遗憾，部长无法出席本次论坛。", "decline"),
    # a litotes in a relative clause speaks of the other meeting
    ("The Minister must decline; the summit, which she cannot miss, is that week.", "decline"),
    (
        "La Ministre doit décliner : le sommet, qu'elle ne peut manquer, a lieu ce jour-là.",
        "decline",
    ),
    # a superseded note the reply asks to ignore
    (
        "Please disregard my earlier e-mail saying she was unavailable: the Minister will attend.",
        "accept",
    ),
    ("请忽略同事此前说部长无法出席的邮件，部长将出席并发言。", "accept"),
]


# The fourth batch: "not X but Y" — 不只是 as "not only", answer words after a regret adverb, a
# negated cause keeps its refusal, a rejected alternative action, Arabic nominal sentences.
CASES4 = [
    # Chinese "不只是" is "not only"
    ("部长不只是出席开幕式，还将作主旨发言。", "accept"),
    # an answer word after a regret adverb or an article, as the Y
    ("The answer is not yes but unfortunately no.", "decline"),
    ("La respuesta no es afirmativa sino una negativa.", "decline"),
    ("Ответ не положительный, а к сожалению отрицательный.", "decline"),
    ("الجواب ليس نعم بل للأسف لا.", "decline"),
    # a negated cause keeps its explicit refusal, final
    ("The Minister does not decline for lack of interest but because of the elections.", "decline"),
    ("Le Ministre ne refuse pas par manque d'intérêt, mais à cause du budget.", "decline"),
    # a rejected alternative action is backgrounded; "instead of" a person substitutes
    ("Rather than promising what we cannot keep, the Minister prefers to decline now.", "decline"),
    ("Au lieu de promettre une présence incertaine, le Ministre préfère décliner.", "decline"),
    ("En lugar de la Viceministra, intervendrá el propio Ministro.", "accept"),
    # Arabic nominal sentence; "لأن" only as a word
    ("معالي الوزيرة حاضرة في الجلسة الافتتاحية.", "accept"),
    ("ليس الأحد بل الاثنين هو الأنسب، والوزير موافق على المشاركة.", "accept"),
]


# A fresh set written before looking at how the classifier reads it (not aimed at any rule). Its
# first score: 35/44 right, 4 wrong final answers (one swap: "не намерен упускать"); the fixes:
# "barring / sauf imprévu / salvo imprevistos" are conditions, imperfective "упускать" is a
# word of missing, "ne le permet pas" / "no lo permite" / "impide … asistir" / "日程已满"
# decline, "venir" is participation.
FRESH = [
    # dn / litotes
    (
        "The Minister would hardly miss an occasion of this kind and will be glad to deliver the"
        " statement.",
        "accept",
    ),
    (
        "We are not in a position to refuse such a gracious invitation: the Minister accepts.",
        "accept",
    ),
    ("It is not without pleasure that the Minister accepts to speak at the Forum.", "accept"),
    ("The Minister does not intend to let this opportunity pass and will take part.", "accept"),
    ("Le Ministre ne saurait décliner une telle invitation et y participera.", "accept"),
    ("La Ministre n'entend pas se soustraire à cette invitation : elle interviendra.", "accept"),
    ("El Ministro no piensa desaprovechar esta ocasión y participará en la sesión.", "accept"),
    ("No dejaremos de estar presentes: la Ministra intervendrá el día 18.", "accept"),
    ("Министр не намерен упускать такую возможность и выступит на Форуме.", "accept"),
    ("Министр отнюдь не возражает против участия и подтверждает выступление.", "accept"),
    ("部长绝不会放弃这次发言机会，将亲自出席。", "accept"),
    ("部长并不反对出席，将如期发言。", "accept"),
    ("لن يتوانى معالي الوزير عن المشاركة في المنتدى.", "accept"),
    ("لا يمانع معالي الوزير في إلقاء الكلمة.", "accept"),
    (
        "The Minister cannot fail to note the clash with the Cabinet meeting and must therefore"
        " decline.",
        "decline",
    ),
    ("Il n'est pas sans regret que le Ministre doit renoncer à venir.", "decline"),
    # not x but y
    (
        "It is not the Minister but her Deputy, Dr. Ama Owusu, who will address the session.",
        "accept",
    ),
    ("Ce n'est pas le Ministre mais son directeur de cabinet qui lira la déclaration.", "accept"),
    (
        "No es falta de voluntad sino la agenda parlamentaria lo que impide al Ministro asistir.",
        "decline",
    ),
    ("Не Министр, а его первый заместитель выступит на сессии.", "accept"),
    ("不是部长不愿意，而是议会会期冲突，部长无法出席。", "decline"),
    ("ليس الوزير بل نائبه هو من سيلقي الكلمة.", "accept"),
    (
        "The Minister will not attend in Geneva but rather join online for the High-Level session.",
        "accept",
    ),
    (
        "The issue is not the date but the Minister's health: he cannot travel or speak this"
        " spring.",
        "decline",
    ),
    # delegate
    ("The Permanent Representative will speak on behalf of the Minister.", "accept"),
    ("En l'absence du Ministre, c'est l'Ambassadeur qui prendra la parole.", "accept"),
    ("La Ministra estará representada por el Subsecretario de Telecomunicaciones.", "accept"),
    ("Вместо Министра выступит его советник, г-н Иванов.", "accept"),
    ("部长将委托副部长代表其出席并致辞。", "accept"),
    ("سينوب عن معالي الوزير سعادة السفير في إلقاء الكلمة.", "accept"),
    # plain declines phrased as regret/unable
    ("Sadly the Minister's diary does not allow it this time.", "decline"),
    ("Malheureusement, l'agenda de la Ministre ne le permet pas.", "decline"),
    ("Por desgracia, la agenda del Ministro no lo permite en esas fechas.", "decline"),
    ("К сожалению, график Министра этого не позволяет.", "decline"),
    ("很抱歉，部长届时日程已满。", "decline"),
    ("نأسف لعدم تمكن معالي الوزير من الحضور.", "decline"),
    # conditional / tentative
    ("Barring unforeseen events, the Minister will attend.", "other"),
    ("Sauf imprévu, la Ministre participera.", "other"),
    ("Salvo imprevistos, el Ministro asistirá.", "other"),
    ("Если ничего не изменится, Министр выступит.", "other"),
    ("如无意外，部长将出席。", "other"),
    ("ما لم يطرأ أي طارئ، سيشارك الوزير.", "other"),
    # boilerplate words
    (
        "The Minister accepts with pleasure. This message is confidential; if received in error,"
        " delete it.",
        "accept",
    ),
    (
        "Le Ministre ne pourra pas venir. Ce courriel et ses pièces jointes sont confidentiels.",
        "decline",
    ),
]


# A second fresh set, written the same way. Its first score: 44/48 right, 3 wrong final answers
# (one swap: "he will nonetheless speak" was not read, so the Deputy's "regrets" decided); the
# fixes: adverbs between "will" and the verb, "not (yet) confirmed" is pending, "not certain
# that" is tentative, in six languages. Here every reply must be right or go to a person.
FRESH2 = [
    ("Much to his regret, the Minister is unable to accept the invitation this year.", "decline"),
    ("The Minister will, regrettably, not be in a position to take part.", "decline"),
    (
        "The Minister has no hesitation in accepting and will deliver the statement in person.",
        "accept",
    ),
    (
        "There is no question of the Minister missing the Forum: she will speak on the 18th.",
        "accept",
    ),
    ("The Minister won't be travelling, but she will definitely speak remotely.", "accept"),
    (
        "Not the 17th but the 18th would suit the Minister, who confirms his participation.",
        "accept",
    ),
    ("We acknowledge receipt of your letter and will revert in due course.", "other"),
    ("The Minister may be able to join, depending on the parliamentary calendar.", "other"),
    ("Could you tell us whether a remote statement is possible?", "other"),
    ("Le Ministre n'hésitera pas à prendre la parole lors de la session de haut niveau.", "accept"),
    ("Faute de disponibilité, la Ministre se voit contrainte de décliner l'invitation.", "decline"),
    ("Ce n'est pas la Ministre mais le Secrétaire d'État qui interviendra.", "accept"),
    ("Nous accusons réception de votre invitation, que nous transmettons au Cabinet.", "other"),
    ("La Ministre participera probablement, sous réserve de confirmation du Président.", "other"),
    ("Le Ministre ne manquera pas d'intervenir, comme chaque année.", "accept"),
    ("El Ministro no podrá asistir debido a compromisos previamente adquiridos.", "decline"),
    ("La Ministra no dudará en intervenir en la sesión de alto nivel.", "accept"),
    (
        "No asistirá el Ministro, sino su Viceministra, la Sra. Paula Díaz, quien leerá la"
        " declaración.",
        "accept",
    ),
    ("Acusamos recibo de su invitación y la hemos remitido al despacho del Ministro.", "other"),
    ("Es posible que el Ministro participe, aunque aún no lo sabemos.", "other"),
    ("Lamentamos informarle que el Ministro no participará este año.", "decline"),
    ("Министр с благодарностью принимает приглашение и выступит лично.", "accept"),
    ("К сожалению, Министр не сможет принять участие из-за визита за рубеж.", "decline"),
    ("Министр не откажется выступить на сессии высокого уровня.", "accept"),
    ("Выступит не Министр, а его заместитель г-н Сидоров.", "accept"),
    ("Подтверждаем получение вашего письма; ответ направим позднее.", "other"),
    ("Возможно, Министр сможет выступить в режиме видеосвязи.", "other"),
    ("部长很高兴接受邀请，将出席高级别会议并发言。", "accept"),
    ("由于国事访问，部长遗憾无法出席。", "decline"),
    ("部长不会错过这次论坛，将亲自发言。", "accept"),
    ("部长不能出席，将由副部长代表部长发言。", "accept"),
    ("来函收悉，我们将尽快答复。", "other"),
    ("部长或许可以出席，待日程确定后再告知。", "other"),
    ("يسرني أن أؤكد مشاركة معالي الوزير في الجلسة الرفيعة المستوى.", "accept"),
    ("يؤسفنا إبلاغكم بأن معالي الوزير لن يتمكن من الحضور.", "decline"),
    ("لن يتردد معالي الوزير في إلقاء كلمة بلاده.", "accept"),
    ("لن يحضر الوزير، بل سيلقي سعادة السفير الكلمة نيابة عنه.", "accept"),
    ("نفيدكم باستلام رسالتكم وسنوافيكم بالرد لاحقا.", "other"),
    ("ربما يشارك الوزير إذا سمح جدول أعماله.", "other"),
    # traps
    (
        "The Minister regrets that the Deputy Minister cannot attend; he will nonetheless speak"
        " himself.",
        "accept",
    ),
    ("We do not yet know whether the Minister can attend.", "other"),
    ("The Minister has not yet decided; we will let you know.", "other"),
    (
        "The Minister is not available in March, but would be glad to speak in May if possible.",
        "decline",
    ),
    ("Il n'est pas certain que la Ministre puisse venir.", "other"),
    ("No está confirmada aún la participación del Ministro.", "other"),
    ("Участие Министра пока не подтверждено.", "other"),
    ("部长是否出席尚未确定。", "other"),
    ("لم يتم تأكيد مشاركة الوزير بعد.", "other"),
]


# A third fresh set. First score: 36/40 right, 0 wrong final answers; the four misses went to a
# person. Fixes: "sorry to say" / "désolé de vous annoncer" / "sentimos comunicarles" and
# "tied up" decline; last year's answer ("last year", "l'an dernier", "el año pasado", "в
# прошлом году", "去年", "العام الماضي") is reported, not given.
FRESH3 = [
    ("Happy to confirm: the Minister is coming and will give a five-minute statement.", "accept"),
    ("Sorry, the Minister is tied up with the budget that week. Maybe next year.", "decline"),
    ("The Minister is honoured to accept and looks forward to the session.", "accept"),
    ("We are sorry to say the Minister will be abroad on those dates.", "decline"),
    ("Please note that the Minister will not be attending.", "decline"),
    (
        "The Minister will be represented by the Director of Digital Policy, Mr. Jonas Berg.",
        "accept",
    ),
    ("In the Minister's absence, the State Secretary will take the floor.", "accept"),
    ("The Minister would not dream of missing it and will be there.", "accept"),
    ("There is no obstacle to the Minister's participation; count on her.", "accept"),
    ("Ravie de vous confirmer la participation de la Ministre.", "accept"),
    ("La Ministre sera en mission à l'étranger et ne pourra donc pas participer.", "decline"),
    ("Le Secrétaire général du ministère interviendra au nom de la Ministre.", "accept"),
    (
        "Aucun obstacle ne s'oppose à la participation du Ministre, qui interviendra le 18.",
        "accept",
    ),
    ("Avec regret, le Ministre doit se désister.", "decline"),
    ("Con mucho gusto la Ministra participará en la sesión.", "accept"),
    ("Le informamos que el Ministro estará de viaje oficial y no podrá acompañarlos.", "decline"),
    ("En nombre del Ministro intervendrá el Director General de Telecomunicaciones.", "accept"),
    (
        "No hay ningún inconveniente en que el Ministro participe; confirmamos su asistencia.",
        "accept",
    ),
    ("Sentimos comunicarles que la Ministra declina la invitación.", "decline"),
    ("Министр с удовольствием примет участие в сессии.", "accept"),
    ("Министр будет в командировке и не сможет присутствовать.", "decline"),
    ("От имени Министра выступит директор департамента цифровой политики.", "accept"),
    ("Никаких препятствий для участия нет, Министр выступит 18 мая.", "accept"),
    ("Министр вынужден отказаться от участия в Форуме.", "decline"),
    ("部长欣然应邀出席并发言。", "accept"),
    ("部长届时在外访问，无法与会，深表歉意。", "decline"),
    ("部长委派信息化司司长出席并代为发言。", "accept"),
    ("部长出席没有任何障碍，将准时发言。", "accept"),
    ("部长婉拒了此次邀请。", "decline"),
    ("يسعدنا إبلاغكم بموافقة معالي الوزير على المشاركة.", "accept"),
    ("معالي الوزير في مهمة رسمية خارج البلاد ولن يتمكن من المشاركة.", "decline"),
    ("سيمثل معالي الوزير المدير العام للاتصالات ويلقي الكلمة نيابة عنه.", "accept"),
    ("لا يوجد ما يمنع مشاركة معالي الوزير، وسيلقي الكلمة.", "accept"),
    ("يعتذر معالي الوزير عن عدم المشاركة.", "decline"),
    # traps
    ("The Minister cannot commit at this stage.", "other"),
    ("We have forwarded your invitation to the Minister's office.", "other"),
    (
        "The Minister accepted a similar invitation last year; this year she must decline.",
        "decline",
    ),
    ("Le Ministre, qui a accepté l'an dernier, ne pourra pas venir cette année.", "decline"),
    ("El año pasado el Ministro participó; este año no le será posible.", "decline"),
    ("В прошлом году Министр выступал, но в этом году участвовать не сможет.", "decline"),
]


# A fourth fresh set on double negatives and "not X but Y". First score: 22/30 right, 3 wrong
# final answers (one swap: "ne se privera pas de cette occasion et interviendra"). Fixes: "far
# from / loin de / lejos de / by no means" are negators, "deprive oneself / se priver / privarse
# / лишать себя" are words of forgoing, a coordinated finite verb ("and will", "et
# interviendra", "y hablará") ends a scope, a confirmation withheld ("unable to confirm at
# this time", "impossible de confirmer", "无法确认") is pending.
FRESH4 = [
    ("The Minister is by no means unwilling to speak and will do so on 18 May.", "accept"),
    ("Far from declining, the Minister accepts with great pleasure.", "accept"),
    ("The Minister will not be absent from the High-Level Track.", "accept"),
    (
        "It is not the Minister's wish to decline, but the state visit leaves him no choice: he"
        " cannot attend.",
        "decline",
    ),
    (
        "Not in March, unfortunately, nor at any other time this spring: the Minister cannot"
        " travel.",
        "decline",
    ),
    (
        "The Minister will not be speaking in person; instead, the Ambassador will read his"
        " statement.",
        "accept",
    ),
    ("Loin de décliner, la Ministre accepte avec plaisir.", "accept"),
    ("Le Ministre ne se privera pas de cette occasion et interviendra.", "accept"),
    ("Ce ne sera pas le Ministre mais l'Ambassadrice qui prononcera la déclaration.", "accept"),
    ("Non pas en personne, mais par liaison vidéo, la Ministre interviendra.", "accept"),
    ("Le Ministre ne pourra pas se rendre à Genève ni intervenir à distance.", "decline"),
    ("Lejos de rechazar la invitación, el Ministro la acepta gustoso.", "accept"),
    ("La Ministra no se perderá el Foro y hará uso de la palabra.", "accept"),
    ("No será la Ministra quien intervenga sino el Embajador, en su nombre.", "accept"),
    ("El Ministro no podrá viajar ni intervenir por vídeo este año.", "decline"),
    ("Министр отнюдь не против участия и выступит лично.", "accept"),
    ("Министр не упустит возможности выступить на Форуме.", "accept"),
    ("Выступит не Министр, а Посол от его имени.", "accept"),
    ("Ни лично, ни по видеосвязи Министр выступить не сможет.", "decline"),
    ("部长不会不参加，将如期发言。", "accept"),
    ("部长并非不愿出席，而是因国事访问无法成行。", "decline"),
    ("不是部长本人，而是副部长代表部长发言。", "accept"),
    ("部长既不能到场，也无法线上发言。", "decline"),
    ("لن يفوت معالي الوزير هذه المناسبة وسيلقي كلمة.", "accept"),
    ("ليس الوزير من سيلقي الكلمة بل سعادة السفير نيابة عنه.", "accept"),
    ("لن يتمكن الوزير من الحضور ولا من المشاركة عن بعد.", "decline"),
    ("لا يرى معالي الوزير أي مانع من المشاركة، وسيلقي الكلمة.", "accept"),
    ("The Minister has no intention of declining and will attend.", "accept"),
    ("We are unable to confirm the Minister's participation at this time.", "other"),
    ("Il nous est impossible de confirmer dès à présent la participation du Ministre.", "other"),
]


# A fifth fresh set on apologies for delay, side events and concessions. First score: 17/25, 3
# wrong final answers (two swaps: "部长将发言，但无法出席晚宴" — the refusal after "but" was of
# the dinner). Fixes: a refusal after a contrast does not overrule a plain acceptance without a
# person; an apology for the delay is courtesy; "even if / même si" is concessive, not a
# condition; "neither accepts nor declines" is pending; what "we had thought" is reported.
FRESH5 = [
    ("We regret the late reply. The Minister will be pleased to attend.", "accept"),
    ("Apologies for the delay: the Minister accepts and will speak on the 18th.", "accept"),
    (
        "Unfortunately our earlier message went astray; the Minister does accept the invitation.",
        "accept",
    ),
    ("Nous regrettons ce retard de réponse ; la Ministre participera avec plaisir.", "accept"),
    ("Lamentamos la demora; el Ministro participará en la sesión de alto nivel.", "accept"),
    ("Приносим извинения за задержку с ответом: Министр примет участие.", "accept"),
    ("抱歉回复迟了，部长将出席并发言。", "accept"),
    ("نعتذر عن التأخر في الرد، وسيشارك معالي الوزير في الجلسة.", "accept"),
    (
        "The Minister will gladly participate, although she cannot stay for the whole week.",
        "accept",
    ),
    ("La Ministre interviendra, même si elle ne pourra pas rester pour le dîner.", "accept"),
    ("El Ministro intervendrá, aunque no podrá quedarse a la recepción.", "accept"),
    ("Министр выступит, хотя и не сможет остаться на приём.", "accept"),
    ("部长将发言，但无法出席晚宴。", "accept"),
    ("سيلقي الوزير كلمته، لكنه لن يتمكن من حضور حفل العشاء.", "accept"),
    ("The Minister is unable to attend the dinner but will deliver the statement.", "accept"),
    ("The Minister will attend the opening but, regrettably, not the High-Level Track.", "decline"),
    ("Thank you; the Minister will not be able to join you in Geneva this time.", "decline"),
    (
        "Le Ministre, retenu par le Conseil des ministres, ne sera pas en mesure de participer.",
        "decline",
    ),
    ("Retenido por compromisos ineludibles, el Ministro no podrá intervenir.", "decline"),
    ("Ввиду загруженности графика Министр не сможет выступить.", "decline"),
    ("因公务繁忙，部长此次不克出席。", "decline"),
    ("نظرا لانشغالات معالي الوزير، يتعذر عليه المشاركة.", "decline"),
    ("The Minister neither accepts nor declines for now; we await the Cabinet's view.", "other"),
    ("The Minister would like to attend but cannot confirm before April.", "other"),
    ("Could the Minister speak by video instead of in person?", "other"),
]


# A sixth fresh set, written after all the fixes above (the nearest to a held-out measure this
# round has). First score: 25/30, 1 wrong final answer (a swap: "There is nothing the Minister
# would like more than to speak"). Fixes: a comparative negation ("nothing … more than",
# "rien ne … plus que", "nada … más que") affirms; "接受…邀请" with words between; "forgo
# the Forum" declines; "as planned / как планировалось" is reported.
FRESH6 = [
    (
        "The Minister is delighted to take part and will open the session with a short address.",
        "accept",
    ),
    ("The Minister will, alas, be at the G20 digital ministerial that week.", "decline"),
    ("Owing to the general election, the Minister must forgo the Forum this year.", "decline"),
    ("The Minister cannot but accept so generous an invitation.", "accept"),
    ("There is nothing the Minister would like more than to speak, and she will.", "accept"),
    (
        "It is not the Deputy Minister, as first announced, but the Minister who will speak.",
        "accept",
    ),
    ("Le Ministre se fera un plaisir d'intervenir lors de la session de haut niveau.", "accept"),
    ("Le Ministre ne saurait être présent, retenu par une visite d'État.", "decline"),
    ("Ce n'est pas sans plaisir que la Ministre accepte votre invitation.", "accept"),
    ("Ni la visite d'État ni le budget n'empêcheront la Ministre d'intervenir.", "accept"),
    ("El Ministro tendrá el gusto de intervenir en la sesión.", "accept"),
    ("La Ministra se ve imposibilitada de asistir por motivos de agenda.", "decline"),
    ("No hay nada que impida la participación del Ministro; intervendrá el 18.", "accept"),
    ("No el Ministro, sino la Secretaria de Estado, intervendrá en su nombre.", "accept"),
    ("Министр будет рад выступить на сессии высокого уровня.", "accept"),
    ("Министр, к сожалению, будет в это время за границей.", "decline"),
    ("Министр не может не принять столь почётное приглашение.", "accept"),
    ("Выступит не Посол, как планировалось, а сам Министр.", "accept"),
    ("部长乐于出席并作政策发言。", "accept"),
    ("部长届时正在国外访问，未能出席，敬请谅解。", "decline"),
    ("部长不能不接受如此盛情的邀请。", "accept"),
    ("发言的将不是大使，而是部长本人。", "accept"),
    ("يسر معالي الوزير أن يلبي دعوتكم ويلقي كلمة.", "accept"),
    ("يعتذر معالي الوزير لارتباطه بزيارة رسمية في الموعد نفسه.", "decline"),
    ("لا يسع معالي الوزير إلا أن يقبل هذه الدعوة الكريمة.", "accept"),
    ("لن يلقي الكلمة سعادة السفير بل معالي الوزير شخصيا.", "accept"),
    ("The Minister will join if the Cabinet meeting is moved.", "other"),
    ("Nous revenons vers vous dès que l'agenda de la Ministre sera arrêté.", "other"),
    ("¿Sería posible que el Ministro interviniera por la tarde?", "other"),
    ("已收到贵方邀请函，正在报部长审批。", "other"),
]


# Sentences that must NOT be read as an acceptance (a person or a decline is right).
NOT_ACCEPT = [
    "The Deputy Minister will not attend, but the Minister's office will send a written note.",
    "El Viceministro no asistirá, pero el Ministro enviará un saludo por escrito al Foro.",
    "We cannot but note that the dates clash with the summit.",
    "Nothing has been decided yet about the Minister's participation.",
    "Nadie ha confirmado todavía la participación del Ministro.",
    "Ничто пока не решено относительно участия Министра.",
    "Our answer is not yet ready; we will revert.",
    "The Minister has asked us to tell you that he cannot attend.",
    "The Minister has designated nobody to represent him and will not take part.",
]


@pytest.mark.parametrize(("text", "kind"), CASES + CASES2 + CASES3 + CASES4 + FRESH)
def test_round5_rule(text: str, kind: str) -> None:
    decision = classify_text(text)
    assert decision.kind.value == kind, (text, decision.reason, decision.cues)


@pytest.mark.parametrize("text", NOT_ACCEPT)
def test_round5_never_a_false_acceptance(text: str) -> None:
    decision = classify_text(text)
    assert decision.kind.value != "accept", (text, decision.cues)


@pytest.mark.parametrize(("text", "kind"), FRESH2 + FRESH3 + FRESH4 + FRESH5 + FRESH6)
def test_round5_fresh_replies_never_wrong_final(text: str, kind: str) -> None:
    decision = classify_text(text)
    assert decision.kind.value in (kind, "other"), (text, decision.reason, decision.cues)


# A decline read only from a negation whose scope reaches the participation word over a
# coordinating conjunction goes to a person: with a verb of forgoing the rules do not know, the
# negation belongs to that verb, not to the coordinated one (each fresh set's swap was a scope
# that ran too far).
@pytest.mark.parametrize(
    "text",
    [
        "Министр не собирается игнорировать такую возможность и выступит на Форуме.",
        "部长不会忽视这次论坛并将发言。",
        "لن يتجاهل الوزير هذه الدعوة وسيلقي كلمة.",
    ],
)
def test_round5_negation_over_a_coordination_goes_to_a_person(text: str) -> None:
    decision = classify_text(text)
    assert decision.kind.value == "other" and decision.needs_review, (text, decision.cues)


@pytest.mark.parametrize(
    "text",
    [
        "The Minister cannot attend and will send a video message.",
        "Министр не сможет приехать и выступить.",
        "Le Ministre ne pourra malheureusement pas y donner suite.",
    ],
)
def test_round5_plain_negated_declines_stay_final(text: str) -> None:
    assert classify_text(text).kind.value == "decline"

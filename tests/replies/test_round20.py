"""Round 20 of issue 13: the twenty-first set's slip, then recall. The conditional mood of
pleasure in the act ("would be pleased to speak", « serait heureux d'intervenir », "tendría
mucho gusto en participar", «охотно принял бы участие», "会很乐意发言", "سيكون من دواعي سرور
الوزير المشاركة") is an offer, not a commitment: it accepts nothing, while a verb of telling
after it ("would be delighted to confirm that …") and a second act beside it still answer. A
denied reason ("the reason is not the date but the summit he must attend") gives the real reason
in its Y, not a substitute act. "If you are not the intended recipient" is a footer in Russian
and Chinese too; beside a refusal, a condition on another occasion or on the event's records
("如日後有專題會議，本局樂意參與") binds nothing of it. Mail refused by a server or a gateway, and
liability refused, are mailbox rules, not answers.
Every sentence was written for this test, in the six languages; none is copied from a
development set."""

from __future__ import annotations

import pytest

from tests.support.readings import assert_reading, cases

READINGS = {
    # The offer alone: nothing is committed, a person reads it.
    "conditional offer": [
        ("The Minister would be pleased to speak at the high-level session.", "other"),
        ("Our Minister would certainly be honoured to deliver the statement.", "other"),
        ("The Minister would gladly take part in the session on 23 March.", "other"),
        ("Le Ministre serait très heureux de prendre la parole lors de la session.", "other"),
        ("La Ministre se ferait un plaisir d'intervenir au Forum.", "other"),
        ("Le Ministre participerait volontiers à la session de haut niveau.", "other"),
        ("El Ministro tendría mucho gusto en intervenir en la sesión.", "other"),
        ("Sería un honor para la Ministra participar en el Foro.", "other"),
        ("Al Viceministro le encantaría participar en la sesión de alto nivel.", "other"),
        ("Министр охотно принял бы участие в сессии высокого уровня.", "other"),
        ("Министр с удовольствием выступил бы на Форуме.", "other"),
        ("部长会很乐意在高级别会议上发言。", "other"),
        ("如果日程允许，部长将很乐意发言。", "other"),
        ("سيكون من دواعي سرور الوزير المشاركة في الجلسة.", "other"),
        ("لكان من دواعي سرور الوزير أن يشارك في الجلسة.", "other"),
    ],
    # A verb of telling after the courtesy: the answer it carries stands.
    "courtesy around an answer": [
        ("I would be delighted to confirm that the Minister will attend.", "accept"),
        ("We would like to confirm the Minister's participation in the session.", "accept"),
        ("Le Cabinet serait heureux de vous confirmer la participation du Ministre.", "accept"),
        ("Sería un placer confirmarles la participación del Ministro.", "accept"),
        ("Nos gustaría confirmar la participación de la Ministra.", "accept"),
        ("部长很乐意出席并发言。", "accept"),
        # The future is no conditional: « participerai » (future) against « participerais ».
        ("Je participerai volontiers à la session de haut niveau.", "accept"),
        ("Je serai heureux d'intervenir lors de la session.", "accept"),
        ("Je me ferai un plaisir d'intervenir lors de la session.", "accept"),
        ("يسرني أن أؤكد مشاركة الوزير في الجلسة.", "accept"),
        ("Министр с удовольствием выступит на сессии высокого уровня.", "accept"),
    ],
    # A second act beside the offer is asserted: it answers.
    "act beside the offer": [
        ("The Minister would be pleased to attend and will deliver the statement.", "accept"),
        ("The Minister will attend and would be glad to chair the round table.", "accept"),
        ("La Ministre participera et serait heureuse de présider la table ronde.", "accept"),
    ],
    # An offer turned down in the same sentence: the refusal decides.
    "offer then refusal": [
        (
            "Министерство охотно приняло бы участие в обсуждении, но в марте Министр проводит"
            " выборы и не сможет участвовать.",
            "decline",
        ),
        (
            "The Minister regrets that he cannot attend, but would be happy to send a video"
            " message.",
            "decline",
        ),
    ],
    # The reason itself denied ("the reason is not X but Y"): Y is the real reason, and the
    # act it names (another meeting's) is no substitute; the refusal stands. (Before the round
    # the Spanish one was a final acceptance, a swap, and four others leaned to accept.)
    "denied reason": [
        (
            "The reason for the Minister's regrets is not the date, but a cabinet retreat she"
            " must attend that week.",
            "decline",
        ),
        (
            "The Minister cannot attend: the reason is not the date but the summit he must"
            " attend in Addis Ababa.",
            "decline",
        ),
        (
            "La raison de ce refus n'est pas le calendrier, mais la session budgétaire à laquelle"
            " le Ministre doit participer.",
            "decline",
        ),
        (
            "El Ministro no podrá asistir: el motivo no es la fecha, sino la cumbre regional a la"
            " que debe asistir.",
            "decline",
        ),
        (
            "Министр не сможет принять участие; причина не в сроках, а в заседании правительства,"
            " в котором он обязан участвовать.",
            "decline",
        ),
        ("部长无法出席，原因不是日期问题，而是部长当周须参加全国人大会议。", "decline"),
        (
            "ليس السبب في اعتذار الوزير توقيت المنتدى، بل مشاركته في القمة الإقليمية في الأسبوع"
            " نفسه.",
            "decline",
        ),
        (
            "لا يتعلق اعتذار الوزارة بموضوع المنتدى، بل بمشاركة الوزير في اجتماع مجلس الوزراء.",
            "decline",
        ),
        # A way of taking part after a denied act is still the Y of "not X but Y".
        ("The Minister will not attend in person but by video.", "accept"),
        ("El Ministro no asistirá en persona, sino que intervendrá por video.", "accept"),
        ("部长不是亲自出席，而是以视频方式发言。", "accept"),
    ],
    # "Not the intended recipient" in a footer (Russian with an adjective before the noun,
    # Chinese "若您不是…收件人"): a footer, not a condition on the acceptance above it.
    "recipient footer": [
        (
            "The Minister accepts the invitation and will speak on 24 March. If you are not the"
            " intended recipient, please do not read, copy or forward this message.",
            "accept",
        ),
        (
            "Le Ministre accepte l'invitation et interviendra le 24 mars. Si vous n'êtes pas le"
            " destinataire prévu, veuillez ne pas lire, copier ni transférer ce message.",
            "accept",
        ),
        (
            "El Ministro acepta la invitación e intervendrá el 24 de marzo. Si usted no es el"
            " destinatario previsto, le rogamos no leer, copiar ni reenviar este mensaje.",
            "accept",
        ),
        (
            "Министр принимает приглашение и выступит 24 марта. Если вы не являетесь"
            " предполагаемым получателем, просим не читать и не пересылать это письмо.",
            "accept",
        ),
        (
            "部长接受邀请，将于3月24日发言。若您不是本邮件的指定收件人，请勿阅读、复制或转发。",
            "accept",
        ),
        (
            "部長接受邀請，將於3月24日發言。若閣下並非本郵件的收件人，請勿閱讀、複製或轉發。",
            "accept",
        ),
        (
            "يقبل الوزير الدعوة وسيلقي كلمة في 24 مارس. إذا لم تكن المرسل إليه المقصود، يرجى عدم"
            " قراءة هذه الرسالة أو نسخها.",
            "accept",
        ),
    ],
    # Beside a refusal, a condition on another occasion or on the event's records binds
    # nothing of it; a condition on another day of this session still goes to a person.
    "later occasion beside a refusal": [
        (
            "The Minister regrets that she cannot attend the Forum this year. Should a future"
            " session address e-health, she would gladly take part.",
            "decline",
        ),
        (
            "The Minister will not be able to take part. If the minutes are published, please"
            " send them to our office.",
            "decline",
        ),
        (
            "Le Ministre ne pourra pas participer au Forum. Si le compte rendu est publié, merci"
            " de nous l'adresser.",
            "decline",
        ),
        (
            "El Ministro lamenta no poder asistir al Foro. Si en el futuro se organiza una"
            " sesión sobre salud digital, con gusto participará.",
            "decline",
        ),
        (
            "Министр, к сожалению, не сможет принять участие в Форуме. Если в будущем будет"
            " сессия по цифровому здравоохранению, мы охотно примем участие.",
            "decline",
        ),
        ("部长无法出席本届论坛。如日后有关于数字健康的专题会议，本部乐意参与。", "decline"),
        ("局長未能出席論壇高級別會議。若論壇其後發表會議紀要，請寄給本局參考。", "decline"),
        (
            "يعتذر الوزير عن عدم المشاركة في المنتدى. وإذا عقدت جلسة مماثلة في المستقبل،"
            " فسيسعدنا المشاركة.",
            "decline",
        ),
        (
            "The Minister cannot attend on 22 March. If the session can be moved to 24 March,"
            " she will attend.",
            "other",
        ),
        (
            "El Ministro no podrá asistir el 22 de marzo. Si la sesión puede pasar al 24,"
            " intervendrá.",
            "other",
        ),
        ("部长无法在3月22日出席。如会议可改至24日，部长将出席。", "other"),
    ],
    # The cleft denies the reason, not the refusal ("it is not for lack of interest that the
    # Minister declines"); before the round the Spanish "no es por desinterés que … renunciar"
    # was a final acceptance (a swap), read as the litotes "not uninterested".
    "denied reason, cleft": [
        (
            "It is not for lack of interest that the Minister must decline the invitation.",
            "decline",
        ),
        (
            "It is not out of indifference to the Forum that the Minister declines to attend.",
            "decline",
        ),
        ("Ce n'est pas par manque d'intérêt que le Ministre décline l'invitation.", "decline"),
        ("Ce n'est pas faute d'intérêt que la Ministre doit renoncer à participer.", "decline"),
        ("No es por falta de interés que el Ministro declina la invitación.", "decline"),
        ("No es por desinterés que la Ministra debe renunciar a participar.", "decline"),
        ("Не из-за отсутствия интереса Министр вынужден отказаться от участия.", "decline"),
        ("并非因为不感兴趣，部长才婉拒邀请。", "decline"),
        ("ليس زهدا في المنتدى ولا قلة اهتمام بمواضيعه أن يعتذر الوزير عن المشاركة.", "decline"),
        ("ليس عن قلة اهتمام أن تعتذر الوزارة عن المشاركة هذا العام.", "decline"),
    ],
    # The mail system's rules (mail refused by a server or a gateway, liability refused) are a
    # footer beside the answer; a refusal of the invitation with "blocked by" a meeting stays.
    "mailbox rules": [
        (
            "The Minister will deliver the statement on 24 March. Attachments larger than 10"
            " MB are declined automatically by the government mail server.",
            "accept",
        ),
        (
            "La Ministre interviendra le 24 mars. Les messages non sollicités sont refusés"
            " par notre passerelle.",
            "accept",
        ),
        (
            "El Ministro intervendrá el 24 de marzo. Los archivos adjuntos de más de 10 MB"
            " son rechazados automáticamente por el servidor.",
            "accept",
        ),
        (
            "Министр выступит 24 марта. Вложения размером более 10 МБ автоматически"
            " отклоняются почтовым сервером.",
            "accept",
        ),
        (
            "部长将于3月24日发言。超过10MB的附件将被邮件服务器自动拒收。",
            "accept",
        ),
        (
            "سيلقي الوزير كلمة في 24 مارس. لا تقبل الوزارة أي مسؤولية عن أضرار ناتجة عن الفيروسات.",
            "accept",
        ),
        (
            "The Minister has declined the invitation: his week is blocked by the budget session.",
            "decline",
        ),
        (
            "El Ministro rechaza la invitación, pues su agenda está bloqueada por el debate"
            " del presupuesto.",
            "decline",
        ),
    ],
}


@pytest.mark.parametrize(("table", "text", "kind"), cases(READINGS))
def test_each_reading(table: str, text: str, kind: str) -> None:
    assert_reading(table, text, kind)

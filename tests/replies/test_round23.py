"""Round 23 of issue 13: the twenty-third set's conflicts. In a forwarded chain inside the
ministry the top message decides: a sentence that points at a lower message ("below", « ci-
dessous », "más abajo", «ниже», "见下", "أدناه") and says it does not stand (a draft, sent in
error, not approved, void, to be disregarded, overruled) no longer answers beside the top's own
answer. Then double negatives whose other clause restates the answer ("not without pleasure",
"cannot do without", "and still less of declining", "no reasons for which he should decline",
"not to speak would be wrong"), a permission of absence denied (no litotes), English "neither …
nor" after its verb, and refusals of something other than the invitation (a service's reserved
right or refused requests, another engagement declined so as to take part, a mail server
unavailable). Every sentence was written for this test, in the six languages; none is copied
from a development set."""

from __future__ import annotations

import pytest

from tests.support.readings import assert_reading, cases

READINGS = {
    # The top message decides; the lower message it voids is not its answer.
    "lower message void": [
        (
            "The Minister will deliver the statement on 23 March. Please disregard the draft"
            " refusal below, which was sent in error.",
            "accept",
        ),
        (
            "The Minister will not take part this year. The draft acceptance below was never"
            " approved and should not be used.",
            "decline",
        ),
        (
            "La Ministre prononcera la déclaration. Le projet de réponse de refus ci-dessous a été"
            " envoyé par erreur.",
            "accept",
        ),
        (
            "El Ministro no participará en las sesiones. El borrador de aceptación que figura más"
            " abajo no fue aprobado.",
            "decline",
        ),
        (
            "Министр выступит на сессии сам. Проект письма с отказом (см. ниже) руководством не"
            " согласован, просим его не учитывать.",
            "accept",
        ),
        ("部长不出席本次会议。下方的同意出席回复稿未获批准，请勿采用。", "decline"),
        ("部长将出席并发言。此前告知无法出席的邮件（见下）作废。", "accept"),
        (
            "يسعدنا تأكيد مشاركة الوزيرة في الجلسات. أما مسودة الاعتذار أدناه فقد أرسلت خطأ.",
            "accept",
        ),
        ("لن يشارك الوزير في الجلسات. يرجى اعتبار موافقته السابقة (أدناه) لاغية.", "decline"),
        # The top's own answer in another clause of the same sentence stands.
        (
            "The Minister will not attend in March, and please disregard the draft reply below.",
            "decline",
        ),
        ("经研究，部长将出席并发言，下方初稿作废。", "accept"),
        # A pointer alone, or a verdict alone, voids nothing.
        ("The Minister will deliver the statement (see the exchange below).", "accept"),
    ],
    # "Not without": the two negations cancel.
    "not without": [
        ("C'est non sans fierté que le Ministre prendra la parole en mars.", "accept"),
        ("Non sans regret, la Ministre ne pourra pas participer aux sessions.", "decline"),
        ("The Minister will, not without pleasure, deliver the statement in person.", "accept"),
        ("Не без удовольствия Министр выступит на сессии высокого уровня.", "accept"),
        ("部长不无欣喜地表示，将出席高级别会议并发言。", "accept"),
        ("ليس دون سرور سيلقي الوزير كلمة بلاده في الجلسة.", "accept"),
    ],
    # "Cannot do without": what one cannot do without is affirmed.
    "cannot do without": [
        ("لا غنى للوزارة عن المشاركة في هذا المنتدى.", "accept"),
        ("La Ministre ne saurait se passer de participer à ce Forum.", "accept"),
        ("El Ministerio no puede prescindir de participar en este Foro.", "accept"),
        ("Министерство не может обойтись без участия в этом Форуме.", "accept"),
    ],
    # "…, and still less of declining": the comparative carries the negation.
    "still less": [
        (
            "The Minister has no intention of leaving the letter aside, and still less of"
            " declining it; she will speak.",
            "accept",
        ),
        (
            "La Ministre n'a aucune intention d'ignorer l'invitation, et encore moins de la"
            " refuser : elle interviendra.",
            "accept",
        ),
        (
            "El Ministro no piensa ignorar la carta, y mucho menos rechazarla: intervendrá en"
            " marzo.",
            "accept",
        ),
        # A comparison of quantity is no negation.
        ("The Minister has much less time this spring, but she will speak on 23 March.", "accept"),
    ],
    # "No reasons for which he should decline", a relative clause after the denied reasons.
    "no reason to refuse": [
        (
            "Министр не видит причин, по которым ему пришлось бы отказаться, и не собирается"
            " отклонять приглашение.",
            "accept",
        ),
        (
            "The Minister sees no reasons, for which she ought to decline, and will deliver the"
            " statement.",
            "accept",
        ),
        (
            "El Ministro no ve razones, por las que debiera declinar, e intervendrá en la sesión.",
            "accept",
        ),
        ("部长认为没有任何理由拒绝邀请，将出席会议。", "accept"),
        # A plain refusal after the denied reasons is still one.
        ("Министр отказывается от участия в Форуме.", "decline"),
    ],
    # "Not to speak would be wrong": the act stands.
    "not acting would be wrong": [
        (
            "Министр не против выступления, и более того, считает, что не выступить было бы"
            " ошибкой.",
            "accept",
        ),
        ("For the Minister, not to attend would be a mistake; she will speak in March.", "accept"),
        ("Pour la Ministre, ne pas participer serait une erreur : elle interviendra.", "accept"),
        ("Para el Ministro, no participar sería un error: intervendrá en marzo.", "accept"),
    ],
    # A permission of absence denied is no litotes of attendance.
    "absence not permitted": [
        (
            "The budget debate does not allow the Minister to be absent, and she will not take"
            " part.",
            "decline",
        ),
        (
            "La session budgétaire ne lui permet pas de s'absenter, et il ne participera pas au"
            " Forum.",
            "decline",
        ),
        (
            "El debate presupuestario no le permite ausentarse, y el Ministro no participará.",
            "decline",
        ),
        ("预算审议不允许部长缺席，部长不出席本次会议。", "decline"),
        ("جلسات البرلمان لا تسمح له بالغياب، ولن يشارك الوزير في المنتدى.", "decline"),
        # Without the permission the litotes still affirms.
        ("The Minister will not be absent from the Forum.", "accept"),
    ],
    # English puts "neither … nor" after the verb it denies.
    "post-verbal neither": [
        (
            "The Republic will be represented neither by the Minister nor by a deputy in March.",
            "decline",
        ),
        ("The Minister will take part neither in person nor by video.", "decline"),
        ("Neither the Minister nor her deputy will attend the sessions.", "decline"),
        ("La République ne sera représentée ni par le Ministre ni par un adjoint.", "decline"),
        ("La República no participará ni con el Ministro ni con un adjunto.", "decline"),
        ("Республика не будет представлена ни Министром, ни его заместителем.", "decline"),
    ],
    # A service's rules in a footer of the own text: no refusal of the invitation.
    "service rules": [
        (
            "The Minister accepts and will speak on 23 March. The Ministry does not accept requests"
            " for information by e-mail.",
            "accept",
        ),
        (
            "La Ministre interviendra le 23 mars. Le Ministère se réserve le droit de refuser les"
            " messages non sollicités.",
            "accept",
        ),
        (
            "La Ministra intervendrá el 23 de marzo. El Ministerio no acepta solicitudes de"
            " información por correo.",
            "accept",
        ),
        (
            "Министр выступит 23 марта. Отправитель вправе отклонить запросы без регистрации.",
            "accept",
        ),
        ("部长将出席并发言。本部保留拒绝接收未经登记邮件的权利。", "accept"),
        ("سيشارك الوزير في الجلسة. تحتفظ الوزارة بالحق في رفض الطلبات غير المسجلة.", "accept"),
        # Not entitled («не вправе») is no reserved right.
        ("Министр не вправе выступать с заявлениями от имени нового правительства.", "decline"),
    ],
    # Another engagement declined so as to take part: the price, not the answer.
    "declined so as to take part": [
        (
            "The Minister declined a visit to Lima precisely in order to attend your sessions;"
            " she will speak on 23 March.",
            "accept",
        ),
        (
            "La Ministre a décliné une visite à Dakar afin de pouvoir participer aux sessions."
            " Elle interviendra le 23 mars.",
            "accept",
        ),
        (
            "El Ministro rechazó una gira para poder participar en las sesiones. Intervendrá el 23"
            " de marzo.",
            "accept",
        ),
        (
            "На ту же неделю было ещё одно приглашение; его Министр отклонил именно для того,"
            " чтобы выступить у вас. Министр выступит 23 марта.",
            "accept",
        ),
        ("部长将出席会议并发言。部长已婉拒同期的另一场活动，专门为本次会议留出时间。", "accept"),
        (
            "سيلقي الوزير كلمته في الجلسة. وقد اعتذر عن زيارة أخرى كي يتمكن من المشاركة.",
            "accept",
        ),
        # A refusal of this invitation for another engagement still declines.
        ("The Minister must decline the invitation because of a visit to Lima.", "decline"),
    ],
    # A mail server unavailable explains a delay; it refuses nothing.
    "system unavailable": [
        (
            "Please excuse the delay: our mail servers were unavailable for a week. The Minister"
            " will deliver the statement.",
            "accept",
        ),
        (
            "Veuillez excuser ce retard : nos serveurs de messagerie ont été indisponibles. La"
            " Ministre prononcera la déclaration.",
            "accept",
        ),
        (
            "Disculpen la demora: nuestros servidores de correo no estuvieron disponibles. El"
            " Ministro intervendrá.",
            "accept",
        ),
        (
            "Просим извинить за задержку: почтовый сервер был недоступен. Министр выступит на"
            " сессии.",
            "accept",
        ),
        ("因邮件系统故障，回复迟了几天，十分抱歉。部长将出席并发言。", "accept"),
        ("نعتذر عن التأخير، فقد كان البريد الإلكتروني معطلا. سيشارك الوزير في الجلسة.", "accept"),
        # The Minister unavailable is still a refusal.
        ("The Minister is unavailable on those dates and will not attend.", "decline"),
    ],
    # A litotes of attitude about a theme is no answer; the refusal beside it decides.
    "attitude litotes": [
        (
            "The Minister is far from indifferent to the Forum's theme. She will not take part in"
            " March.",
            "decline",
        ),
        (
            "La Ministre n'est pas indifférente au thème du Forum. Elle ne participera pas aux"
            " sessions.",
            "decline",
        ),
        (
            "El Ministro no es indiferente al tema del Foro. No participará en las sesiones.",
            "decline",
        ),
        ("Министр не безразличен к теме Форума. Министр не сможет выступить.", "decline"),
        ("部长对论坛主题并非漠不关心。部长无法出席本次会议。", "decline"),
        ("الوزير ليس غير مبال بموضوع المنتدى. لن يشارك الوزير في الجلسات.", "decline"),
        # With the act in its clause the litotes still affirms.
        ("The Minister is not indifferent to taking part, and will speak.", "accept"),
    ],
    # Pending words that wait on nothing: a consultation already held, a condition with no
    # clause of its own (provided for, a discrepancy, as far as possible), a technical test.
    "nothing pending": [
        (
            "After consulting her, we have decided that the Minister will not take part. We"
            " would be glad of the report.",
            "decline",
        ),
        (
            "Après avoir consulté le Ministre, nous confirmons qu'il prendra la parole le 23 mars.",
            "accept",
        ),
        (
            "Tras consultar a la Ministra, confirmamos que intervendrá el 23 de marzo.",
            "accept",
        ),
        (
            "После консультаций с аппаратом подтверждаем, что Министр выступит 23 марта.",
            "accept",
        ),
        ("بعد التشاور مع الجهات المعنية، سيلقي الوزير كلمة المملكة.", "accept"),
        (
            "The Minister will deliver the statement. Subtitles will follow, if this is provided"
            " for.",
            "accept",
        ),
        (
            "Le Ministre prononcera la déclaration. En cas de divergence, la lettre officielle"
            " fait foi.",
            "accept",
        ),
        (
            "La Ministra intervendrá el 23 de marzo. Rogamos, en la medida de lo posible, una"
            " hora de la mañana.",
            "accept",
        ),
        (
            "Министр выступит на сессии. Текст направим заранее, если это предусмотрено.",
            "accept",
        ),
        ("部长将出席并发言。如有不一致，以正式公文为准。", "accept"),
        ("部长将出席并发言。请尽量将发言安排在上午。", "accept"),
        ("سيلقي الوزير كلمة بلاده. نرجو إفادتنا بموعد الاختبار الفني.", "accept"),
        # A consultation still to come is pending.
        ("The Minister will consult the Cabinet before he can answer.", "other"),
        ("The Minister will speak. We are still consulting the Cabinet on the date.", "other"),
    ],
    # What will be confirmed "based on your reply" waits on the organisers.
    "based on your reply": [
        ("Based on your reply we will confirm the nature of our participation.", "other"),
        ("En fonction de votre réponse, nous confirmerons notre participation.", "other"),
        ("Según su respuesta, confirmaremos nuestra participación.", "other"),
        ("В зависимости от вашего ответа мы подтвердим участие Министра.", "other"),
        ("根据贵方答复，我们将确认参会方式。", "other"),
        ("بناء على ردكم سنؤكد لكم طبيعة المشاركة.", "other"),
    ],
}


@pytest.mark.parametrize(("table", "text", "kind"), cases(READINGS))
def test_each_reading(table: str, text: str, kind: str) -> None:
    assert_reading(table, text, kind)

"""Round 21 of issue 13: the twenty-second set's slips. The task of speaking handed to a named
official ("has delegated to the Deputy Minister the task of delivering …") was not read as a
delegate, so the addressee's own "cannot" decided; a past participation in an earlier edition
("had the honour of taking part in the 2019 sessions") and an act in the conditional perfect
("would have accepted gladly") were read as acceptances; a confirmation that can only come later
("can only confirm his participation once …") was read as one. Then recall: a polite request
("we would be grateful if …") read as a condition, a denied effect on the participation ("does
not affect her participation") and how a letter "might be understood" read as answers. Every
sentence was written for this test, in the six languages; none is copied from a development
set."""

from __future__ import annotations

import pytest

from tests.support.readings import assert_reading, cases

READINGS = {
    # The addressee cannot come; the task of speaking is handed to a named official, who speaks
    # for the Minister: an acceptance through a delegate, in either word order.
    "task delegated": [
        (
            "The Minister cannot attend. She has delegated to the Deputy Minister the task of"
            " delivering the statement on her behalf.",
            "accept",
        ),
        (
            "The Minister will be abroad. He has entrusted the task of delivering the statement"
            " to the Permanent Secretary.",
            "accept",
        ),
        (
            "La Ministre ne pourra pas intervenir. Elle a confié au Directeur général le soin de"
            " prononcer la déclaration en son nom.",
            "accept",
        ),
        (
            "El Ministro no podrá intervenir. Ha delegado en la Viceministra la tarea de"
            " pronunciar la declaración en su nombre.",
            "accept",
        ),
        (
            "Министр не сможет выступить. Он возложил на своего заместителя задачу выступить с"
            " заявлением от его имени.",
            "accept",
        ),
        ("部长无法出席。部长已将发言任务交由信息化司司长承担。", "accept"),
        (
            "لن يتمكن الوزير من الحضور. وقد أوكل إلى وكيل الوزارة مهمة إلقاء البيان نيابة عنه.",
            "accept",
        ),
        # Nobody is given the task: the refusal stands.
        (
            "The Minister regrets that she cannot attend and has not delegated to anyone the task"
            " of delivering a statement.",
            "decline",
        ),
    ],
    # An earlier edition's participation is background: the answer for this year decides.
    "earlier edition": [
        (
            "Kenya had the honour of taking part in the 2019 sessions, but the Minister will not"
            " attend this year.",
            "decline",
        ),
        (
            "Le Sénégal a eu l'honneur de participer aux sessions de 2019, mais la Ministre ne"
            " participera pas cette année.",
            "decline",
        ),
        (
            "Chile tuvo el honor de participar en las sesiones de 2019, pero este año el Ministro"
            " no participará.",
            "decline",
        ),
        (
            "Министр участвовал в Форуме 2019 года, однако в этом году он не примет участия.",
            "decline",
        ),
        ("部长曾有幸出席2019年论坛，但今年无法出席。", "decline"),
        ("شاركت المملكة في دورة 2019، إلا أن الوزير لن يشارك هذا العام.", "decline"),
        # The earlier edition alone answers nothing.
        ("Portugal took part in the 2019 sessions with great interest.", "other"),
        # The answer beside it is still read.
        (
            "The Minister, who took part in the 2019 sessions, will again deliver the statement.",
            "accept",
        ),
        (
            "La Ministre, qui a participé aux sessions de 2019, prononcera de nouveau la"
            " déclaration.",
            "accept",
        ),
        (
            "El Ministro participó en las sesiones de 2019 y participará de nuevo este año.",
            "accept",
        ),
    ],
    # What would have been done was not done: no acceptance, the refusal stands.
    "would have accepted": [
        ("The Minister would have accepted with pleasure, but he cannot attend.", "decline"),
        ("Le Ministre aurait volontiers accepté, mais il ne pourra pas participer.", "decline"),
        (
            "La Secretaria de Estado habría aceptado con gusto, pero no podrá participar.",
            "decline",
        ),
        ("Министр с удовольствием принял бы приглашение, но не сможет участвовать.", "decline"),
        ("部长本会欣然接受，但届时无法出席。", "decline"),
        ("كان الوزير سيقبل الدعوة بكل سرور، لكنه لن يتمكن من الحضور.", "decline"),
        # The plain act still accepts.
        ("The Minister has accepted with pleasure and will deliver the statement.", "accept"),
    ],
    # A confirmation that can only come later is not given: pending, neither accept nor decline
    # (the Spanish, Russian and Arabic negated forms were final declines before the round).
    "confirmation only later": [
        (
            "The Minister can only confirm his participation once he is sure of a stable"
            " connection.",
            "other",
        ),
        (
            "The Minister will be able to confirm her participation only after the Cabinet meets.",
            "other",
        ),
        (
            "Le Ministre ne pourra confirmer sa participation qu'une fois assuré de disposer d'une"
            " salle équipée.",
            "other",
        ),
        (
            "La Ministra solo podrá confirmar su participación una vez que se apruebe el"
            " presupuesto.",
            "other",
        ),
        (
            "El Ministro no podrá confirmar su participación hasta que se apruebe el presupuesto.",
            "other",
        ),
        (
            "Министр сможет подтвердить участие только после того, как будет утверждён бюджет.",
            "other",
        ),
        ("只有在网络连接稳定的情况下，部长才能确认出席。", "other"),
        ("部长要等预算批准后才能确认出席。", "other"),
        ("لن يتمكن الوزير من تأكيد مشاركته إلا بعد التأكد من استقرار الاتصال.", "other"),
        # "Only after" on another verb, after the confirmation, does not suspend it.
        (
            "The Minister confirms his participation and will arrive only after the opening.",
            "accept",
        ),
        ("لا يسعنا إلا أن نؤكد مشاركة معالي الوزير في الجلسات.", "accept"),
    ],
    # Recall. A polite request to the reader is no condition on the answer, and what the reader
    # is asked to do is no answer.
    "polite request": [
        (
            "The Minister will deliver the statement. We would be grateful if the list of"
            " speakers could be updated accordingly.",
            "accept",
        ),
        (
            "La Ministre prononcera la déclaration. Nous vous serions reconnaissants si la liste"
            " des orateurs pouvait être mise à jour.",
            "accept",
        ),
        (
            "El Ministro pronunciará la declaración. Les agradeceríamos si pudieran actualizar la"
            " lista de oradores.",
            "accept",
        ),
        (
            "Министр выступит с заявлением. Мы были бы признательны, если бы список ораторов был"
            " обновлён.",
            "accept",
        ),
        ("部长将发表政策声明。如能及时更新发言名单，我们将不胜感激。", "accept"),
        ("سيلقي الوزير البيان. ونكون ممتنين لو تم تحديث قائمة المتحدثين.", "accept"),
        ("We would be grateful if you could accept a late reply.", "other"),
        ("The Minister will speak if the session is moved to the afternoon.", "other"),
    ],
    # Recall: an effect on the participation, denied, leaves the participation standing.
    "no effect on the participation": [
        ("The change of venue does not affect the Minister's participation.", "accept"),
        ("Le changement de date n'affecte pas la participation du Ministre.", "accept"),
        ("El cambio de fecha no afecta la participación del Ministro.", "accept"),
        ("Перенос сроков не повлияет на участие Министра.", "accept"),
        ("日期调整并不影响部长出席会议。", "accept"),
        ("إن تغيير الموعد لا يؤثر على مشاركة الوزير.", "accept"),
        ("The strike affects the Minister's participation: he cannot attend.", "decline"),
    ],
    # Recall: how an earlier letter "might be understood" is reported, not answered.
    "as might be understood": [
        (
            "We are not asking to postpone the slot, as might be understood from our letter; we"
            " confirm the Minister's participation.",
            "accept",
        ),
        (
            "Nous ne demandons pas de report, comme on pourrait le comprendre de notre lettre :"
            " nous confirmons la participation du Ministre.",
            "accept",
        ),
        ("لا نطلب تأجيل الموعد كما قد يفهم من رسالتنا، بل نؤكد مشاركة الوزير.", "accept"),
    ],
}


@pytest.mark.parametrize(("table", "text", "kind"), cases(READINGS))
def test_each_reading(table: str, text: str, kind: str) -> None:
    assert_reading(table, text, kind)

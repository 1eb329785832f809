"""Round 32 of issue 13: the thirty-second set's misses. A request not to publish, disclose or
mention something ("please do not make the reason public") speaks of publication, not of
taking part; "not content with / not limited to" is "not only" by another verb; "not without
careful thought" and "changes nothing to" deny nothing of the answer; a litotes in the
conditional perfect ("would not have hesitated to attend") did not happen; a wording quoted to
be corrected ("the phrase “the Minister may attend”") is named, not said; a written text sent
"instead of a statement" in the next sentence declines the speech. Every sentence was written
for this test; none is copied from a set."""

from __future__ import annotations

import pytest

from tests.support.readings import assert_reading, cases

READINGS = {
    "a request not to publish": [
        (
            "The Minister will be unable to attend the Forum. Please do not disclose the reason"
            " for her absence in the public report.",
            "decline",
        ),
        (
            "La Ministre ne pourra pas participer au Forum. Merci de ne pas mentionner le motif"
            " de cette absence dans le compte rendu.",
            "decline",
        ),
        (
            "El Viceministro no podrá asistir a las sesiones. Les rogamos no divulgar el motivo"
            " de su ausencia.",
            "decline",
        ),
        (
            "Министр не сможет принять участие в Форуме. Просим не разглашать причину отказа до"
            " окончания сессий.",
            "decline",
        ),
        (
            "Министр выступит на сессии высокого уровня. Текст заявления направим заранее;"
            " просим не публиковать его до открытия сессии.",
            "accept",
        ),
        (
            "The Secretary of State will deliver the statement. Kindly do not publish the text"
            " before the day of the speech.",
            "accept",
        ),
        ("部长将出席会议并发言。请勿对外公布发言稿的内容。", "accept"),
        ("部长无法出席本次会议。请勿对外公开不出席的原因。", "decline"),
        ("لن يتمكن الوزير من المشاركة في المنتدى. نرجو عدم نشر سبب الاعتذار.", "decline"),
    ],
    "not content with, not limited to": [
        (
            "Le Secrétaire d'État ne se contentera pas d'une déclaration écrite : il prendra la"
            " parole en personne.",
            "accept",
        ),
        (
            "The Minister will not settle for a recorded statement: she will speak at the"
            " opening session.",
            "accept",
        ),
        (
            "La Ministra no se limitará a enviar un mensaje grabado, sino que intervendrá en"
            " directo.",
            "accept",
        ),
        (
            "Министр не ограничится письменным заявлением: он лично выступит на сессии высокого"
            " уровня.",
            "accept",
        ),
        ("部长不满足于书面发言，将亲自出席会议并发言。", "accept"),
        ("لن يكتفي الوزير بقبول الدعوة، بل سيقترح أيضاً جلسة حول التحول الرقمي.", "accept"),
    ],
    "not without thought, changes nothing": [
        (
            "It is not without long reflection that the Ministry answers. The Minister regrets"
            " that she cannot attend this year.",
            "decline",
        ),
        (
            "Ваше письмо не осталось без внимания. К сожалению, Министр не сможет выступить на"
            " Форуме.",
            "decline",
        ),
        (
            "Le Ministre accepte l'invitation. Le changement de format ne change rien à notre"
            " confirmation.",
            "accept",
        ),
        (
            "The Minister accepts the invitation. The move to a virtual format does not change"
            " anything in our confirmation of her participation.",
            "accept",
        ),
        (
            "Министр примет участие в сессии. Перенос заседания ничего не меняет в нашем"
            " подтверждении участия.",
            "accept",
        ),
        (
            "El Ministro participará en la sesión. El cambio de sala no cambia en nada nuestra"
            " confirmación de su participación.",
            "accept",
        ),
        ("部长将出席会议。会期调整不改变部长出席的安排。", "accept"),
    ],
    "a litotes in the conditional perfect": [
        ("The Minister would not have hesitated to attend in other circumstances.", "other"),
        ("Le Ministre n'aurait pas hésité à participer en d'autres temps.", "other"),
        ("La Ministra no habría dudado en intervenir en otras circunstancias.", "other"),
        (
            "La Ministra no habría dudado en intervenir; sin embargo, este año no le será posible"
            " asistir.",
            "decline",
        ),
    ],
    "a wording quoted to be corrected": [
        ("关于我方3月1日来函中“部长或许出席”的表述，特此更正：部长将不出席本次会议。", "decline"),
        ("对于此前电话中“部长可能参加”的提法，我方更正如下：部长将不参加会议。", "decline"),
        (
            'Regarding the phrase "the Minister may attend" in our e-mail of 2 March, please note'
            " the correction: the Minister will not attend.",
            "decline",
        ),
        (
            "Concernant la mention « la Ministre pourrait participer » de notre courriel, nous"
            " rectifions : la Ministre ne participera pas.",
            "decline",
        ),
        (
            "بخصوص عبارة «قد يشارك الوزير» في رسالتنا السابقة، نود التصحيح: لن يشارك الوزير.",
            "decline",
        ),
    ],
    "a written text in the speech's place": [
        (
            "El Ministro no podrá intervenir en las sesiones. En lugar de una declaración, el"
            " Ministerio remitirá su aporte escrito al inventario.",
            "decline",
        ),
        (
            "The Minister cannot attend the sessions. Instead of a statement, the Ministry will"
            " send a written contribution to the stocktaking.",
            "decline",
        ),
        (
            "Le Ministre ne pourra pas participer. Au lieu d'une déclaration, le Ministère"
            " enverra une contribution écrite.",
            "decline",
        ),
    ],
    "what keeps its reading": [
        # Someone who speaks beside the written text: the substitute stands, or waits.
        (
            "The Minister cannot attend the sessions. Instead of a statement, a written"
            " contribution will be sent and the Ambassador will speak.",
            "accept",
        ),
        (
            "The Minister cannot attend the sessions. Instead, the Deputy Minister will speak."
            " In addition, a written contribution will be sent.",
            "accept",
        ),
        # A quotation alone (no wording named, or nothing said outside it) still answers nothing.
        ('The Minister has annotated the letter "will attend".', "other"),
        ("部长已批示“同意出席”。", "other"),
        (
            'Regarding the wording "the Minister will not attend" in our earlier e-mail, please'
            " disregard it.",
            "other",
        ),
        # A request not to list or register the country declines (round 29).
        ("Please do not include the Minister in the list of speakers.", "decline"),
        # Without a request, the negated verb of publishing is the answer's own.
        ("The Minister will not deliver a statement at the Forum.", "decline"),
        # A litotes in the future or the present conditional still accepts.
        ("The Minister will not hesitate to attend the Forum.", "accept"),
        ("El Ministro no dudará en participar en las sesiones.", "accept"),
        ("Le Ministre n'hésitera pas à prendre la parole.", "accept"),
        # A request to note an answer is no request not to publish: the answer is read.
        ("Please note that the Minister will not attend.", "decline"),
        ("Les rogamos tomar nota de que el Ministro no asistirá.", "decline"),
        ("Просим учесть, что Министр не сможет выступить.", "decline"),
        # Limiting oneself to a written text, not negated, beside the refusal.
        ("Министр не сможет выступить и ограничится письменным заявлением.", "decline"),
        ("El Ministro no asistirá y se limitará a enviar una contribución escrita.", "decline"),
        # A change denied does not carry the negation onto the act after it.
        (
            "Le report ne change rien au fait que la Ministre ne pourra pas participer.",
            "decline",
        ),
    ],
}


@pytest.mark.parametrize(("table", "text", "kind"), cases(READINGS))
def test_each_reading(table: str, text: str, kind: str) -> None:
    assert_reading(table, text, kind)

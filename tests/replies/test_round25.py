"""Round 25 of issue 13: the twenty-sixth set's conflicts. Beside a refusal, an acceptance of
another occasion than the invitation (future editions, a month the refusal does not name, the
engagement that keeps the Minister away, an act after the Forum) is no conflict: the refusal
stands; a closing formula with a title's abbreviation point ("Please accept, Mr.
Secretary-General, …") answers nothing; a preference not to speak on one day asks for a slot and
refuses nothing; a double negative over a verb of noticing ("cannot fail to notice that …",
"no puede dejar de notar") accepts nothing. A real conflict still goes to a person. Every
sentence was written for this test, in the six languages; none is copied from a development
set."""

from __future__ import annotations

from pathlib import Path

import pytest

from circular.replies.classify import classify_text
from circular.replies.matching import campaign_event_names
from tests.support.readings import assert_reading, cases

READINGS = {
    # A refusal of the March sessions, and an acceptance of a later edition or another month.
    "another occasion": [
        (
            "The Minister cannot attend the sessions in March. She will gladly take part in future"
            " editions.",
            "decline",
        ),
        (
            "La Ministre ne pourra pas participer aux sessions de mars. Elle participera volontiers"
            " aux éditions futures.",
            "decline",
        ),
        (
            "El Ministro no podrá intervenir en las sesiones del 22 al 26 de marzo. Participará con"
            " gusto en futuras ediciones.",
            "decline",
        ),
        (
            "Министр не сможет выступить 22–26 марта. Мы с удовольствием примем участие в майских"
            " сессиях.",
            "decline",
        ),
        ("部长3月下旬无法出席，只能婉拒。5月论坛期间如有专题讨论，我们愿意派专家参加。", "decline"),
        (
            "يتعذر على الوزير المشاركة في جلسات مارس. وسنشارك بكل سرور في الدورة المقبلة.",
            "decline",
        ),
        # The refusal and the acceptance name the same month: a person still reads it.
        ("The Minister accepts to speak on 25 March. He cannot attend on 22 March.", "other"),
        # No occasion named: a real conflict.
        ("The Minister accepts the invitation. The Minister cannot attend.", "other"),
    ],
    # The engagement that keeps the Minister away, as the object of the accepting verb or as
    # the antecedent of a relative clause.
    "an engagement elsewhere": [
        (
            "The Minister regrets that he cannot take part. That week he will be attending the"
            " independence celebrations.",
            "decline",
        ),
        (
            "К сожалению, Министр не сможет выступить. В эти дни он участвует в торжествах по"
            " случаю юбилея города.",
            "decline",
        ),
        (
            "К сожалению, мы вынуждены отказаться от выступления. На эту неделю назначено"
            " совещание в регионах, в котором участвует Министр.",
            "decline",
        ),
        (
            "Le Ministre regrette de ne pas pouvoir intervenir. Il participera cette semaine-là"
            " aux cérémonies du cinquantenaire.",
            "decline",
        ),
        (
            "Lamentablemente, la Ministra no podrá intervenir. Esa semana participará en las"
            " ceremonias del bicentenario.",
            "decline",
        ),
        ("很遗憾，部长无法出席。届时部长将出席国庆庆典活动。", "decline"),
        (
            "يعتذر الوزير عن عدم المشاركة. وسيشارك معاليه في ذلك الأسبوع في مراسم العيد الوطني.",
            "decline",
        ),
    ],
    # A closing formula with the addressee's title abbreviated inside it.
    "closing formula": [
        (
            "I regret that I will be unable to take part. Please accept, Mr. Secretary-General,"
            " the assurances of my highest consideration.",
            "decline",
        ),
        (
            "The Minister will deliver the statement. Please accept, Dr. Weber, the assurances of"
            " my highest consideration.",
            "accept",
        ),
    ],
    # A preference not to speak on one day, beside an acceptance.
    "not on that day": [
        (
            "The Minister will deliver the statement. He would prefer not to speak on Friday 26"
            " March.",
            "accept",
        ),
        (
            "La Ministre prononcera la déclaration. Elle préférerait ne pas intervenir le vendredi"
            " 26 mars.",
            "accept",
        ),
        (
            "El Ministro pronunciará la declaración. Preferiría no intervenir el viernes 26.",
            "accept",
        ),
        ("Министр выступит с заявлением. Он предпочёл бы не выступать в пятницу.", "accept"),
        ("部长将出席并发言。最好不要安排在周五。", "accept"),
        ("سيلقي الوزير البيان. ويفضل عدم التحدث يوم الجمعة.", "accept"),
        # No day: the refusal stands beside the acceptance, a person reads it.
        (
            "The Minister will deliver the statement. He would prefer not to speak at all.",
            "other",
        ),
    ],
    # A double negative over a verb of noticing.
    "noticing": [
        (
            "The Minister cannot fail to notice that the sessions fall in budget week. He must"
            " therefore decline the invitation.",
            "decline",
        ),
        (
            "El Ministro no puede dejar de notar que las sesiones coinciden con el presupuesto."
            " Por eso declina la invitación.",
            "decline",
        ),
        (
            "Le Ministre ne peut manquer de constater que les sessions tombent pendant le budget."
            " Il décline donc l'invitation.",
            "decline",
        ),
        (
            "Министр не может не заметить, что сессии совпадают с бюджетом. Поэтому он вынужден"
            " отказаться.",
            "decline",
        ),
        ("部长不能不注意到会议与预算审议重叠，因此只能婉拒。", "decline"),
        (
            "لا يسع الوزير إلا أن يلاحظ تزامن الجلسات مع الميزانية، ولذلك يعتذر عن عدم المشاركة.",
            "decline",
        ),
        # A double negative over the act itself still accepts.
        ("The Minister cannot fail to attend this year's sessions.", "accept"),
    ],
}


@pytest.mark.parametrize(("table", "text", "kind"), cases(READINGS))
def test_each_reading(table: str, text: str, kind: str) -> None:
    assert_reading(table, text, kind)


EVENT_NAMES = campaign_event_names("cl-21-4", Path(__file__).parents[2] / "letters")


# An act after the event ("will be presented after the Forum") accepts nothing of it.
@pytest.mark.parametrize(
    "text",
    [
        "The Minister will not speak at the sessions this year, as the national strategy will be"
        " presented after the Forum.",
        "Lamentamos informar que el Ministro no intervendrá en las sesiones, ya que el plan"
        " nacional se presentará después del Foro.",
        "La Ministre n'interviendra pas cette année : la stratégie sera présentée après le Forum.",
    ],
)
def test_after_the_event(text: str) -> None:
    decision = classify_text(text, event_names=EVENT_NAMES)
    assert decision.kind.value == "decline", (decision.reason, decision.cues)

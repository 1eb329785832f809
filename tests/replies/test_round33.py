"""Round 33 of issue 13: a renouncing denied whose object is a stance. « Le Ministère ne renonce
pas à ses réserves sur le format », "will not forgo its reservations", «не отказывается от своих
замечаний», "不放弃对会议形式的保留意见" keep the stance, not the participation: they answer nothing
(they were final acceptances, a known weakness since the eleventh session). A renouncing denied
whose object is the occasion or the act still accepts, and so does a stance denied ("has no
reservations about attending"). Every sentence was written for this test; none is copied from a
set."""

from __future__ import annotations

import pytest

from tests.support.readings import assert_reading, cases

READINGS = {
    "a stance kept answers nothing": [
        ("Le Ministère ne renonce pas à ses réserves sur le format de la session.", "other"),
        ("The Ministry will not forgo its reservations about the format of the session.", "other"),
        ("Министерство не отказывается от своих замечаний по формату сессии.", "other"),
        ("El Ministerio no renuncia a sus reservas sobre el formato de la sesión.", "other"),
        ("本部不放弃对会议形式的保留意见。", "other"),
        ("لا تتخلى الوزارة عن تحفظاتها على شكل الجلسة.", "other"),
        ("The Ministry does not give up its objections to the format of the sessions.", "other"),
    ],
    "the occasion or the act, renounced and denied, still accepts": [
        (
            "Le Ministre ne renoncera pas à cette occasion de présenter les réformes du pays.",
            "accept",
        ),
        ("The Minister will not pass up this opportunity to address the Forum.", "accept"),
        ("Министр не откажется от приглашения и выступит на сессии.", "accept"),
        ("部长不会放弃这次发言机会。", "accept"),
        ("El Ministro no renunciará a su intervención en la sesión de alto nivel.", "accept"),
        ("El Ministerio no renuncia a participar pese a sus reservas sobre el formato.", "accept"),
        (
            "La Ministre ne renonce pas à prendre la parole, malgré ses réserves sur le format.",
            "accept",
        ),
        ("部长不会放弃出席会议，尽管对会议形式有保留意见。", "accept"),
    ],
    "a stance denied still accepts": [
        (
            "The Minister has no reservations about attending the High-Level Policy Sessions.",
            "accept",
        ),
        (
            "La Ministre n'a aucune réserve quant à sa participation aux sessions de haut niveau.",
            "accept",
        ),
        ("El Viceministro no tiene reparos en intervenir en la sesión de alto nivel.", "accept"),
        ("Министр не имеет возражений против участия в сессиях высокого уровня.", "accept"),
        ("部长对出席高级别政策会议没有任何异议。", "accept"),
        ("لا يمانع معالي الوزير في المشاركة في الجلسات رفيعة المستوى.", "accept"),
    ],
    "a salutation on its own line ends the letterhead": [
        (
            "Ministère de l'Économie numérique\nMonsieur le Secrétaire général\nUnion"
            " internationale des télécommunications\nMonsieur le Secrétaire général,\nAu nom de"
            " la Ministre, je vous remercie de l'invitation à prononcer une déclaration aux"
            " sessions de haut niveau.",
            "other",
        ),
        (
            "وزارة الاقتصاد الرقمي\nالأمين العام للاتحاد الدولي للاتصالات\nسعادة الأمين العام،\n"
            "نيابة عن معالي الوزير، أشكركم على الدعوة لإلقاء بيان في الجلسات رفيعة المستوى.",
            "other",
        ),
        (
            "MINISTRY OF DIGITAL ECONOMY\nThe Secretary-General\nInternational Telecommunication"
            " Union\nDear Secretary-General,\nOn behalf of the Minister, I thank you for the"
            " invitation to deliver a statement at the High-Level Policy Sessions.",
            "other",
        ),
        (
            "数字经济部\n国际电信联盟秘书长\n尊敬的秘书长先生：\n谨代表部长感谢您邀请部长在高级别政策会议上发言。",
            "other",
        ),
        (
            "Ministère de l'Économie numérique\nMonsieur le Secrétaire général,\nLe Secrétaire"
            " général du ministère prononcera la déclaration au nom de la Ministre.",
            "accept",
        ),
        (
            "Dear Secretary-General, the Minister will attend the High-Level Policy Sessions.",
            "accept",
        ),
        (
            "Estimado Secretario General:\nEl Ministro participará en las sesiones de alto nivel"
            " y pronunciará la declaración nacional.",
            "accept",
        ),
        (
            "Уважаемый господин Генеральный секретарь!\nК сожалению, Министр не сможет принять"
            " участие в сессиях высокого уровня.",
            "decline",
        ),
    ],
    "the answer named as an option is still to come": [
        (
            "Les enviaremos la confirmación o, en su caso, nuestra declinación en cuanto la"
            " tengamos.",
            "other",
        ),
        (
            "We will send you our confirmation or, as the case may be, our regrets once the"
            " Cabinet has met.",
            "other",
        ),
        (
            "Мы направим вам согласие или отказ, как только график Министра будет утверждён.",
            "other",
        ),
        (
            "Nous vous adresserons notre confirmation ou, le cas échéant, nos regrets après le"
            " Conseil des ministres.",
            "other",
        ),
        ("我们将在部长日程确定后告知确认或婉拒。", "other"),
        ("سنرسل إليكم القبول أو الاعتذار فور تحديد جدول معالي الوزير.", "other"),
        (
            "Sin confirmación o respuesta de la Presidencia, lamentamos declinar la invitación.",
            "decline",
        ),
        ("We regret that the Minister is unable to attend in person or by video.", "decline"),
        (
            "Le Ministre ne pourra pas participer ; nous vous prions d'accepter nos regrets.",
            "decline",
        ),
    ],
    "what a text says, reported, is no answer": [
        (
            "Below is the reply I have drafted. Shall I send it as it stands? It says that you"
            " accept and will speak yourself.",
            "other",
        ),
        (
            "Voici le projet de réponse. Le projet indique que vous acceptez et prononcerez"
            " vous-même la déclaration.",
            "other",
        ),
        ("El borrador dice que usted acepta y pronunciará la declaración.", "other"),
        ("В проекте говорится, что вы принимаете приглашение и выступите лично.", "other"),
        ("稿中写明您接受邀请并将亲自发言。", "other"),
        ("The Minister says that he will attend the High-Level Policy Sessions.", "accept"),
        ("The Minister has confirmed that she will deliver the statement herself.", "accept"),
    ],
    "thanks given in an official's name are no delegation": [
        (
            "Je vous remercie, au nom du secrétaire d'État chargé du Numérique, pour l'invitation"
            " du Secrétaire général. Le secrétaire d'État ne pourra malheureusement pas participer"
            " aux sessions de haut niveau.",
            "decline",
        ),
        (
            "I thank you, on behalf of the Minister of State for Digital Affairs, for the"
            " Secretary-General's invitation. Unfortunately the Minister of State will not be able"
            " to take part.",
            "decline",
        ),
        (
            "Le agradezco, en nombre del Viceministro de Telecomunicaciones, la invitación del"
            " Secretario General. Lamentablemente, el Viceministro no podrá participar.",
            "decline",
        ),
        (
            "От имени заместителя министра благодарю вас за приглашение. К сожалению, заместитель"
            " министра не сможет принять участие.",
            "decline",
        ),
        (
            "On behalf of the Minister, I thank you for the invitation; the Deputy Minister will"
            " deliver the statement in her place.",
            "accept",
        ),
        (
            "Au nom du Ministre, le Secrétaire général du ministère prononcera la déclaration.",
            "accept",
        ),
        ("谨代表部长感谢您的邀请，副部长将代表部长出席并发言。", "accept"),
    ],
    "a litotes over a habit answers nothing": [
        (
            "Il n'est guère dans les habitudes du Gabon de décliner une invitation de l'UIT. Le"
            " Ministre n'a pourtant d'autre choix que de le faire cette année.",
            "other",
        ),
        (
            "It is not the custom of our Ministry to decline an invitation from the ITU; this year,"
            " however, the Minister has no choice.",
            "other",
        ),
        ("No es costumbre de este Ministerio declinar una invitación de la UIT.", "other"),
        ("Не в наших правилах отказываться от приглашений МСЭ.", "other"),
        ("我部一向不拒绝国际电联的邀请。", "other"),
        ("ليس من عادتنا الاعتذار عن دعوات الاتحاد.", "other"),
        ("The Minister will not fail to attend the High-Level Policy Sessions.", "accept"),
        ("Le Ministre ne manquera pas de prendre la parole aux sessions de haut niveau.", "accept"),
    ],
    "«тем не менее» negates nothing": [
        (
            "Тем не менее Министр вынужден отказаться от выступления на сессиях высокого уровня.",
            "decline",
        ),
        ("Тем не менее Министр не сможет принять участие в сессиях высокого уровня.", "decline"),
        ("Тем не менее Министр не откажется от выступления на сессии высокого уровня.", "accept"),
    ],
    "another month, not counted from the accepting sentence": [
        (
            "El Ministro no intervendrá en las sesiones de alto nivel de marzo. El Ministerio"
            " estará presente en la semana final de mayo. Lamentamos no poder dar una respuesta"
            " afirmativa en esta ocasión.",
            "decline",
        ),
        (
            "The Minister will not take part in the High-Level Policy Sessions in March. Our"
            " Ministry will be present at the final week in May. We regret that we cannot give a"
            " positive answer this time.",
            "decline",
        ),
    ],
}


@pytest.mark.parametrize(("table", "text", "kind"), cases(READINGS))
def test_round33_reading(table: str, text: str, kind: str) -> None:
    assert_reading(table, text, kind)

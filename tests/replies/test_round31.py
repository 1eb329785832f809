"""Round 31 of issue 13: the thirtieth and thirty-first sets' misses. A renouncing denied in
any tense (« n'a pas renoncé à participer », "has not given up on attending") affirms, as "ne
renoncera pas" and "will not forgo" did; and the formal acknowledgement of the letter in any
person or in the infinitive ("The Ministry has the honour to acknowledge receipt of your letter
and to inform you that …") is the opening round 10 removed for "we acknowledge receipt", not a
reply that only waits. A question time in the programme, conditionally ("如会议设有问答环节"),
is a detail of the session, not a condition on the answer. Every sentence was written for this
test; none is copied from a set."""

from __future__ import annotations

import pytest

from tests.support.readings import assert_reading, cases

READINGS = {
    "a renouncing denied": [
        (
            "La Secrétaire d'État n'a pas renoncé à participer aux sessions de haut niveau.",
            "accept",
        ),
        ("Le Ministre ne renonce pas à prendre la parole à la session d'ouverture.", "accept"),
        (
            "Malgré le remaniement, la Ministre n'a pas renoncé à intervenir ; au contraire, elle"
            " prononcera la déclaration du Bénin.",
            "accept",
        ),
        (
            "The Deputy Minister has not given up on attending the High-Level Policy Sessions.",
            "accept",
        ),
        (
            "The Minister never gave up on speaking at the Forum; he will deliver the statement on"
            " 23 March.",
            "accept",
        ),
    ],
    "an acknowledgement of the letter, in any person": [
        (
            "The Ministry has the honour to acknowledge receipt of your letter and to inform you"
            " that the Minister accepts to deliver the statement.",
            "accept",
        ),
        (
            "L'Ambassade a l'honneur d'accuser réception de votre lettre et de vous faire savoir"
            " que la Ministre prononcera la déclaration.",
            "accept",
        ),
        (
            "La Secretaría acusa recibo de su carta y le comunica que el Ministro participará en"
            " las sesiones de alto nivel.",
            "accept",
        ),
        (
            "Министерство подтверждает получение письма и сообщает, что Министр выступит на"
            " сессии высокого уровня.",
            "accept",
        ),
    ],
    "a question time, conditionally": [
        ("部长将在会上发言。如会议设有问答环节，请提前告知问题范围。", "accept"),
        (
            "El Ministro pronunciará la declaración. Si hay una ronda de preguntas, les rogamos nos"
            " indiquen los temas con antelación.",
            "accept",
        ),
        (
            "Министр выступит с заявлением. Если предусмотрены вопросы, просим заранее сообщить их"
            " тематику.",
            "accept",
        ),
        ("سيلقي الوزير الكلمة. وإذا كانت هناك جلسة أسئلة، يرجى إبلاغنا بمواضيعها مسبقا.", "accept"),
        ("部长不能出席。如有问答环节，请提前告知。", "decline"),
    ],
    "what keeps its reading": [
        # The question time as the condition of taking part binds the answer.
        ("如有问答环节，部长将出席。", "other"),
        ("Si hay una ronda de preguntas, el Ministro participará.", "other"),
        ("La Ministre a renoncé à participer au Forum cette année.", "decline"),
        ("Le Ministre renonce à prendre la parole lors des sessions.", "decline"),
        # Only the acknowledgement: nothing is answered.
        ("Le Cabinet a l'honneur d'accuser réception de votre lettre du 3 février.", "other"),
        ("The Ministry has the honour to acknowledge receipt of your letter.", "other"),
        # Glad to acknowledge and having noted the dates: no one is glad to take part.
        ("Рады подтвердить получение вашего письма и приняли к сведению даты Форума.", "other"),
        ("We are glad to acknowledge receipt of your letter and have noted the dates.", "other"),
        # A future acknowledgement is a promise: the reply still waits.
        (
            "The Ministry will acknowledge receipt of your letter once the Minister has decided.",
            "other",
        ),
        (
            "Le Ministère accusera réception de votre lettre dès que la Ministre aura décidé.",
            "other",
        ),
    ],
}


@pytest.mark.parametrize(("table", "text", "kind"), cases(READINGS))
def test_each_reading(table: str, text: str, kind: str) -> None:
    assert_reading(table, text, kind)

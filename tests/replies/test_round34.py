"""Round 34 of issue 13: the thirty-fourth set's swaps by the rules alone (the second reader had
vetoed them). A statement delivered by someone in the passive is read across a parenthetical
("será pronunciada, en representación del Gobierno, por el Comisionado …"); an arrangement made
so that someone speaks ("ha coordinado … para que la Secretaria … pronuncie") is an acceptance
word; a designation negated inside itself ("La declaración no será pronunciada por el Ministro")
names no delegate; a thematic event or a seminar in the Y of "not X but Y" is another event.
Every sentence was written for this test; none is copied from a set."""

from __future__ import annotations

import pytest

from tests.support.readings import assert_reading, cases

READINGS = {
    "the passive statement across a parenthetical": [
        (
            "El Ministro no podrá intervenir personalmente y la declaración será pronunciada, en"
            " representación del Gobierno, por el Comisionado Presidencial de Gobierno Abierto.",
            "accept",
        ),
        (
            "The Minister cannot attend in person; Malta's statement will be delivered, on behalf"
            " of the Government, by the Executive Chairman of the Communications Authority.",
            "accept",
        ),
        (
            "Le Ministre ne pourra pas être présent ; la déclaration sera prononcée, au nom du"
            " Gouvernement, par le Directeur général de l'ARTP.",
            "accept",
        ),
    ],
    "a designation negated inside itself names no delegate": [
        ("La declaración no será pronunciada por el Ministro.", "decline"),
        ("La declaración no será pronunciada, en esta ocasión, por el Ministro.", "decline"),
        ("The statement will not be delivered by the Minister.", "decline"),
    ],
    "an arrangement made so that someone speaks": [
        (
            "El señor Ministro, impedido de asistir por su agenda en regiones, ha coordinado con"
            " la Presidencia del Consejo de Ministros para que la Secretaria de Gobierno Digital"
            " pronuncie la declaración en representación del Gobierno.",
            "other",
        ),
        (
            "El señor Ministro, impedido de asistir, ha dispuesto que el Viceministro de"
            " Comunicaciones pronuncie la declaración en su nombre.",
            "accept",
        ),
    ],
    "a thematic event in the Y is another event": [
        (
            "经研究，我部此次不派部领导在高级别政策会议上发言，而是推荐一名专家参加5月份的专题活动。",
            "other",
        ),
        ("经研究，部长此次不能出席，而是由副部长代表部长在高级别政策会议上发言。", "accept"),
    ],
}


@pytest.mark.parametrize(("table", "text", "kind"), cases(READINGS))
def test_round34_reading(table: str, text: str, kind: str) -> None:
    assert_reading(table, text, kind)

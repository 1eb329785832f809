"""Round 29 of issue 13: asking that the Minister *not* be taken off the list of speakers.
Round 27 read "please remove the Minister from the list of speakers" as a refusal; its negation
was then read as a refusal too ("not" over "speakers"), a final wrong answer. Negating a removal
from a list keeps the name on it: the two negatives cancel and what the list is of stands.
Every sentence was written for this test; none is copied from a set."""

from __future__ import annotations

import pytest

from tests.support.readings import assert_reading, cases

READINGS = {
    "a removal from the list, denied": [
        ("Please do not remove the Minister from the list of speakers.", "accept"),
        (
            "We would ask you not to take the Minister off the list of speakers for 24 March.",
            "accept",
        ),
        ("Veuillez ne pas retirer le Ministre de la liste des orateurs.", "accept"),
        (
            "Nous vous prions de ne pas rayer la Ministre de la liste des intervenants du 23 mars.",
            "accept",
        ),
        ("Les rogamos no retirar al Ministro de la lista de oradores.", "accept"),
        (
            "Por favor, no eliminen a la Viceministra de la lista de oradores del 24 de marzo.",
            "accept",
        ),
        ("Просим не исключать Министра из списка выступающих.", "accept"),
        ("Просим не вычеркивать заместителя министра из списка выступающих 24 марта.", "accept"),
        ("请不要将部长从发言名单中删除。", "accept"),
        ("请不要将我部部长从发言名单中去掉。", "accept"),
        ("يرجى عدم حذف اسم معالي الوزير من قائمة المتحدثين.", "accept"),
        ("نرجو ألا تحذفوا اسم معالي الوزيرة من قائمة المتحدثين يوم 24 مارس.", "accept"),
    ],
    "what keeps its reading": [
        # The removal asked for is still a refusal (round 27).
        ("Please remove the Minister from the list of speakers.", "decline"),
        ("请将我部部长从3月24日发言名单中去掉。", "decline"),
        ("The Minister will not attend; please remove him from the list of speakers.", "decline"),
        # A removal of something else, denied, says nothing of the Minister's part.
        ("The Minister will not withdraw his support for the Action Lines.", "other"),
        ("We cannot remove the item from the agenda.", "other"),
    ],
}


@pytest.mark.parametrize(("table", "text", "kind"), cases(READINGS))
def test_each_reading(table: str, text: str, kind: str) -> None:
    assert_reading(table, text, kind)

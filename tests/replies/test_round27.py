"""Round 27 of issue 13: the twenty-eighth set's wrong final answer, then the list of speakers.
"发言人" is the speaker, a noun: "将于3月1日前告知发言人姓名" (the name is still to come) is no
acceptance, though "将于…发言" is. Asking to put the Minister on the list of speakers is an
acceptance, in six languages (the Russian form was read before; the Chinese one only without the
ministry's name); asking to take the Minister or the country off it is a refusal. Every sentence
was written for this test; none is copied from a set."""

from __future__ import annotations

import pytest

from tests.support.readings import assert_reading, cases

READINGS = {
    "the speaker, a noun": [
        ("我们将于3月1日前告知发言人姓名和职务，届时再正式确认。", "other"),
        ("我方将于2月底前提供发言人名单。", "other"),
        # The verb still accepts.
        ("部长将于3月23日在高级别会议上发言。", "accept"),
        ("副部长将于3月24日在会上发言，介绍我国数字化转型经验。", "accept"),
    ],
    "put on the list of speakers": [
        ("Please include the Minister in the list of speakers for 24 March.", "accept"),
        ("Veuillez inscrire la Ministre sur la liste des orateurs du 24 mars.", "accept"),
        ("Les rogamos incluir al Ministro en la lista de oradores del 24 de marzo.", "accept"),
        ("Просим включить Министра в список выступающих на 24 марта.", "accept"),
        ("请将工业和信息化部部长列入3月24日的发言名单。", "accept"),
        ("يرجى إدراج معالي الوزير في قائمة المتحدثين يوم 24 مارس.", "accept"),
        # Under a condition it waits; refused, it is a refusal.
        ("Please include the Minister in the list of speakers if the Cabinet approves.", "other"),
        ("请不要将部长列入发言名单。", "decline"),
    ],
    "taken off the list of speakers": [
        ("Please remove the Minister from the list of speakers.", "decline"),
        ("Veuillez retirer le Ministre de la liste des orateurs.", "decline"),
        ("Les rogamos retirar al Ministro de la lista de oradores.", "decline"),
        ("Просим исключить Министра из списка выступающих.", "decline"),
        ("请将中国从发言人名单中去掉。", "decline"),
        ("يرجى حذف اسم معالي الوزير من قائمة المتحدثين.", "decline"),
    ],
}


@pytest.mark.parametrize(("table", "text", "kind"), cases(READINGS))
def test_each_reading(table: str, text: str, kind: str) -> None:
    assert_reading(table, text, kind)

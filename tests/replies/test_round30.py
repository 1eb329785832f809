"""Round 30 of issue 13: the thirtieth set's wrong final answer. A confirmation deferred ("the
confirmation of the Minister's participation will come after the new Government is formed") is
still to come, in six languages: the noun of confirmation as the subject of a verb of coming
later is a hedge, where the rules read "confirmation of participation" as an acceptance. And in
Arabic, "our reply will not be late" (لن يتأخر ردنا) promises an answer; it is no litotes of
participation. Every sentence was written for this test; none is copied from a set."""

from __future__ import annotations

import pytest

from tests.support.readings import assert_reading, cases

READINGS = {
    "a confirmation deferred": [
        ("إن تأكيد حضور معالي الوزيرة سيتم بعد اجتماع مجلس الوزراء المقبل.", "other"),
        (
            "Confirmation of the Minister's attendance will only come after the budget vote on"
            " 26 February.",
            "other",
        ),
        (
            "Formal confirmation of the Secretary of State's participation will be sent once the"
            " new Cabinet is appointed.",
            "other",
        ),
        (
            "La confirmation de la présence de la Ministre ne pourra être donnée qu'après le"
            " Conseil des ministres du 24 février.",
            "other",
        ),
        (
            "La confirmación de la asistencia de la Ministra llegará tras la reunión del Gabinete.",
            "other",
        ),
        (
            "Подтверждение участия заместителя министра будет направлено после заседания коллегии.",
            "other",
        ),
        ("部长与会的确认需等到2月底内阁会议之后。", "other"),
    ],
    "a reply promised": [
        ("ونود إفادتكم بأن جوابنا لن يتأخر عن نهاية الشهر.", "other"),
        ("وسوف لن يتأخر ردنا عن منتصف فبراير.", "other"),
    ],
    "what keeps its reading": [
        (
            "We are pleased to confirm the Minister's participation in the High-Level Policy"
            " Sessions.",
            "accept",
        ),
        ("Nous confirmons la participation de la Ministre aux sessions de haut niveau.", "accept"),
        ("Подтверждаем участие Министра в сессиях высокого уровня.", "accept"),
        ("我们确认部长将在开幕式后发言。", "accept"),
        ("يسرنا تأكيد مشاركة معالي الوزير في الجلسات الرفيعة المستوى.", "accept"),
        # The Minister who will not be late to take part still accepts (round 7).
        ("لن تتأخر الوزيرة عن المشاركة في الجلسات.", "accept"),
    ],
}


@pytest.mark.parametrize(("table", "text", "kind"), cases(READINGS))
def test_each_reading(table: str, text: str, kind: str) -> None:
    assert_reading(table, text, kind)

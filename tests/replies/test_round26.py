"""Round 26 of issue 13: the twenty-seventh set's wrong final answer. A double negative over a
verb of reporting back ("will not fail to get back to you", « ne manquerons pas de revenir vers
vous », "no dejaremos de responderles", «не преминем сообщить», "لن نتوانى عن إبلاغكم") promises
news of the answer, not the answer: a person reads it. The same double negatives over taking part
still accept. Every sentence was written for this test; none is copied from a set."""

from __future__ import annotations

import pytest

from tests.support.readings import assert_reading, cases

READINGS = {
    # A promise to report back: the answer is still to come.
    "reporting back": [
        ("Nous ne manquerons pas de revenir vers vous sur ce point.", "other"),
        ("Le Cabinet ne manquera pas de vous répondre dès que l'agenda sera arrêté.", "other"),
        ("We will not fail to get back to you once the Cabinet has met.", "other"),
        ("No dejaremos de responderles en cuanto tengamos la agenda del Ministro.", "other"),
        ("Министерство не преминет сообщить вам о решении Министра.", "other"),
        ("Мы не преминем проинформировать вас о решении руководства.", "other"),
        ("لن نتوانى عن إبلاغكم بقرار معالي الوزير.", "other"),
        # And the promise beside an answer it announces is still no final answer.
        ("Не преминем сообщить, что Министр примет участие в сессии.", "other"),
    ],
    # The same double negatives over taking part are acceptances, as before.
    "taking part": [
        ("Le Ministre ne manquera pas de participer à la session de haut niveau.", "accept"),
        ("The Minister will not fail to attend the high-level session.", "accept"),
        ("El Ministro no dejará de participar en la sesión de alto nivel.", "accept"),
        ("Министр не преминет выступить на сессии высокого уровня.", "accept"),
        ("لن يتوانى معالي الوزير عن المشاركة في الجلسة الرفيعة المستوى.", "accept"),
    ],
}


@pytest.mark.parametrize(("table", "text", "kind"), cases(READINGS))
def test_each_reading(table: str, text: str, kind: str) -> None:
    assert_reading(table, text, kind)

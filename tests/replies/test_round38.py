"""Round 38 of issue 13: the thirty-seventh set's swap. An earlier letter's answer, reported with
its date or as earlier ("我司2月5日函告委领导无法出席。现委领导…将出席", "我局2月17日曾答复，部领导…
无法出席", "We informed you on 5 February that the Minister could not attend"), is superseded by
what follows: it was read as the reply's own refusal, and its date's month (February) made the
acceptance after it look like another occasion, so a final decline was recorded for a Minister
who accepted. A promise to answer by a date ("将于3月1日前答复") is no report. Whoever "has asked
me to thank the ITU for the invitation to deliver a statement" asked the writer to write: the
writer is no delegate (the set's other swap by the rules alone). Every sentence was
written for this test; none is copied from a set."""

from __future__ import annotations

import pytest

from tests.support.readings import assert_reading, cases

READINGS = {
    "an earlier letter's answer, reported": [
        (
            "我部2月8日函告部领导无法出席。现部领导日程已调整，将出席高级别政策会议并发言。",
            "accept",
        ),
        (
            "我局2月10日曾答复，局领导因工作会议无法出席。现局领导日程调整，将出席会议并发言。",
            "accept",
        ),
        ("我司2月12日的复函称部领导不出席。部领导将出席高级别政策会议并发言。", "accept"),
        (
            "We informed you on 8 February that the Minister could not attend. His schedule has"
            " changed and he will deliver the statement himself.",
            "accept",
        ),
        (
            "Nous vous avions informés le 8 février que la Ministre ne pourrait pas participer."
            " Son agenda a changé : elle prononcera la déclaration.",
            "accept",
        ),
        (
            "Les informamos el 8 de febrero que el Ministro no podría participar. Su agenda ha"
            " cambiado y pronunciará la declaración.",
            "accept",
        ),
        # Reported alone, the earlier refusal answers nothing now: a person reads it.
        ("We informed you on 8 February that the Minister could not attend.", "other"),
        # The reply's own refusal still refuses.
        ("部领导因全国性工作会议无法出席本次高级别政策会议。", "decline"),
    ],
    "who was asked to write is no delegate": [
        (
            "The Minister has asked me to thank the ITU for the invitation to deliver a policy"
            " statement. Unfortunately the Minister is unable to accept.",
            "decline",
        ),
        (
            "She has asked our Ambassador, who is also accredited to the United Nations Office at"
            " Geneva, to read the statement for her.",
            "accept",
        ),
    ],
    "a promise to answer by a date is no report": [
        ("来函已收悉，我们将于3月1日前答复是否出席。", "other"),
    ],
}


@pytest.mark.parametrize(("table", "text", "kind"), cases(READINGS))
def test_round_38_reading(table: str, text: str, kind: str) -> None:
    assert_reading(table, text, kind)

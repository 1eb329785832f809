"""Round 37 of issue 13: the thirty-sixth set's two swaps by the rules alone (the second reader
vetoed both) and a delegate. "On behalf of" beside a verb of writing says for whom the letter is
written, not who speaks ("пишу по поручению Посла" made the Ambassador a delegate of a refusal); a
topicalised infinitive of refusal denied by "не намерен" may have a long subject between
("Отказываться от такой возможности Министр по развитию … и коммуникаций не намерен"); a Russian
statement made by someone named after its verb ("заявление … сделает руководитель …") names a
delegate, but not "лично", "он" or the Minister. Also: "let … pass" across a longer object,
"will not stop the Minister from delivering", "no le cabe ninguna duda"; an answer word quoted
after a negator ("“yes”, not “maybe”") is named, not said; an earlier message "que confirmaba la
participación" is reported; whoever "prononcera la déclaration au nom de Madame la Ministre"
speaks for her; the Permanent Representative written out in Chinese is a delegate, and "其他国际
组织" in a Mission's name is no other event; a delegate only considered, in the past ("considered
asking the Minister of State to speak in his place"), is no delegate (frozen35's rules-alone
swap). Every sentence was written for this test; none is
copied from a set."""

from __future__ import annotations

import pytest

from tests.support.readings import assert_accept_without_delegate, assert_reading, cases

READINGS = {
    "on behalf of beside a verb of writing": [
        (
            "I am writing on behalf of the Ambassador. The Minister regrets that he cannot speak"
            " at the sessions.",
            "decline",
        ),
        (
            "Je vous écris au nom de l'Ambassadeur : la Ministre ne pourra pas intervenir lors"
            " des sessions de haut niveau.",
            "decline",
        ),
        ("Пишу по поручению Посла. Министр, к сожалению, не сможет выступить.", "decline"),
        ("بالنيابة عن السفير نفيدكم بأن معالي الوزير لن يتمكن من المشاركة.", "decline"),
        # Who speaks on someone's behalf still speaks.
        (
            "The Minister cannot attend. The Deputy Minister will deliver the statement on his"
            " behalf.",
            "accept",
        ),
        (
            "On behalf of the Minister, I am pleased to inform you that the Deputy Minister will"
            " deliver the statement.",
            "accept",
        ),
    ],
    "a refusal denied across a long subject": [
        (
            "Отказываться от такой возможности Министр связи и информатизации Республики"
            " Беларусь не намерен: выступление уже внесено в его график.",
            "accept",
        ),
        ("Министр отказался от выступления и не намерен менять решение.", "decline"),
    ],
    "a Russian statement made by someone named after its verb": [
        (
            "Министр выступить не сможет. По его поручению заявление от имени Республики сделает"
            " руководитель Государственного агентства связи.",
            "accept",
        ),
    ],
    "a delegate only considered, in the past": [
        (
            "The Minister considered asking the Minister of State to speak in his place. Both are"
            " committed in Parliament that week, so our answer is a reluctant no.",
            "other",
        ),
    ],
    "litotes: let pass, stop from, no doubt": [
        (
            "The Minister does not intend to let this year's High-Level Track pass"
            " without a statement from Fiji, and will deliver it herself.",
            "accept",
        ),
        (
            "The by-election will not stop the Minister from delivering the statement: please"
            " register him as the speaker.",
            "accept",
        ),
        (
            "Al Ministro no le cabe ninguna duda de que el país debe estar presente, y él mismo"
            " pronunciará la declaración.",
            "accept",
        ),
    ],
    "an answer word quoted after a negator": [
        ("Our answer is “yes”, not “maybe”: the Minister will deliver the statement.", "accept"),
        (
            'جوابنا هو "نعم" لا "ربما": سيلقي معالي الوزير كلمة بلاده في الجلسات الرفيعة المستوى.',
            "accept",
        ),
    ],
    "an earlier message that confirmed": [
        (
            "Les rogamos disculpen: el correo de esta mañana, que confirmaba la participación de"
            " la Ministra, se envió por error. La Ministra no participará en las sesiones.",
            "decline",
        ),
    ],
    "whoever speaks in the Minister's name": [
        (
            "Ses obligations ne lui permettant pas de se libérer, le directeur de l'Office"
            " fédéral prononcera la déclaration au nom de Madame la Ministre.",
            "accept",
        ),
        (
            "Por compromisos del Ministro, el Director Nacional de Telecomunicaciones pronunciará"
            " la declaración en nombre del señor Ministro.",
            "accept",
        ),
        (
            "部长因公务安排不能出席。中方将由我常驻联合国日内瓦办事处和瑞士其他国际组织代表在高级别政策会议上代表"
            "中国政府发言。",
            "accept",
        ),
    ],
}


@pytest.mark.parametrize(("table", "text", "kind"), cases(READINGS))
def test_round_37_reading(table: str, text: str, kind: str) -> None:
    assert_reading(table, text, kind)


@pytest.mark.parametrize(
    "text",
    [
        "Возражений против участия в сессиях высокого уровня нет: заявление сделает лично Министр.",
        "Министр примет участие в сессиях высокого уровня: заявление сделает лично Министр.",
    ],
)
def test_the_minister_herself_is_no_delegate(text: str) -> None:
    assert_accept_without_delegate(text)

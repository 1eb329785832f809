"""Round 24 of issue 13: recall on the twenty-fourth and twenty-fifth sets. "Not merely" and
"no solamente" negate nothing; "not for lack of interest, but because …" gives a reason, not a
substitute, so the refusal before it stands; a decision that someone will speak, with the act in
the subjunctive ("تقرر أن يلقي", "se decidió que … pronuncie") or after "决定由", is an
acceptance, and Arabic "ألا" (أن + لا) negates the verb after it; "not this year but the next
one" is no acceptance of this year's Forum (a person reads it); a hope in the past ("كنا نأمل",
"esperábamos", "原本希望") is a wish in vain, and an impediment of the act named before it ("…,
but his duties prevented it", "حالت دون ذلك") is the refusal; the Minister with a long title
("بل وزير الاتصالات والتحول الرقمي", "but by the Minister of Communications and …") is the Y of
"not X but Y"; an Arabic filing number with the pronoun glued on ("وتسجيلها برقم") sends an
acknowledgement to a person. Every sentence was written for this test, in the six languages;
none is copied from a development set."""

from __future__ import annotations

import pytest

from tests.support.readings import assert_reading, assert_to_a_person, cases

READINGS = {
    # "Not merely", "no solamente", "no únicamente": the verb after them stands.
    "not only": [
        ("The Minister not merely accepts the invitation but will open the session.", "accept"),
        (
            "La Ministra no solamente acepta la invitación, sino que quiere hablar de la red"
            " rural.",
            "accept",
        ),
        (
            "El Viceministro no únicamente confirma su participación, sino que intervendrá.",
            "accept",
        ),
        ("Le Ministre accepte non seulement l'invitation, mais prendra la parole.", "accept"),
        ("Министр не только принимает приглашение, но и выступит с заявлением.", "accept"),
        ("部长不仅接受邀请，而且将在会上发言。", "accept"),
        ("لا يقبل الوزير الدعوة فحسب، بل سيلقي كلمة في الافتتاح.", "accept"),
        # A refusal under "not only" is still no acceptance.
        ("La Ministra no solamente no participará, sino que tampoco enviará a nadie.", "other"),
    ],
    # "Not for lack of interest, but because …": the Y is a reason; the refusal stands.
    "not for A but because B": [
        (
            "The Republic will not make a statement this year, not for lack of interest, but"
            " because the budget session falls in that week.",
            "decline",
        ),
        (
            "La République ne fera pas de déclaration cette année, non par manque d'intérêt, mais"
            " parce que la session budgétaire tombe cette semaine-là.",
            "decline",
        ),
        (
            "El país no pronunciará ninguna declaración este año, no por falta de interés, sino"
            " porque esa semana se vota el presupuesto.",
            "decline",
        ),
        (
            "Республика не выступит в этом году, не из-за отсутствия интереса, а потому что в эти"
            " дни парламент утверждает бюджет.",
            "decline",
        ),
        ("我国今年不作发言，并非因为缺乏兴趣，而是因为当周正值预算审议。", "decline"),
        (
            "لن تلقي الجمهورية بياناً هذا العام، لا لقلة اهتمام بالمنتدى، بل لأن الأسبوع نفسه"
            " يشهد مناقشة الميزانية.",
            "decline",
        ),
        # A "but because" without a denied reason before it decides nothing by this rule: the
        # act after it may be a way of taking part.
        (
            "The Minister will not speak in person but because of the time difference will send"
            " a video.",
            "other",
        ),
    ],
    # A decision that someone will speak, with the act in the subjunctive or after "决定由".
    "decided that X speaks": [
        (
            "نظراً لانشغال الوزير، تقرر أن يلقي وكيل الوزارة كلمة المملكة في الجلسات.",
            "accept",
        ),
        ("قررت الوزارة أن يمثلها المدير العام في الجلسة الافتتاحية.", "accept"),
        ("تقرر ألا يشارك الوزير في الجلسات هذا العام.", "decline"),
        (
            "Se ha decidido que la Subsecretaria de Telecomunicaciones pronuncie la declaración"
            " del país.",
            "accept",
        ),
        ("El Ministro decidió que el Viceministro lo represente en la sesión de marzo.", "accept"),
        ("Se decidió que el Ministro no intervenga en las sesiones.", "decline"),
        # A negative pronoun before the act: nobody is decided on.
        ("El Ministro decidió que nadie lo represente en la sesión de marzo.", "other"),
        ("经研究，决定由电信管理局局长代表我国发言。", "accept"),
        ("我部决定不由部长出席。", "decline"),
        # "To determine who will speak" decides nobody.
        ("为确定由哪个部门派员发言，请提供议程。", "other"),
        (
            "It has been decided that the Chair of the Regulator will deliver the statement.",
            "accept",
        ),
        ("Il a été décidé que la Présidente de l'Autorité prononcera la déclaration.", "accept"),
        ("Было решено, что заявление зачитает председатель комитета.", "accept"),
    ],
    # "Not this year but the next one": no acceptance of this year's Forum.
    "not this year but the next": [
        ("The Minister will take part not in this edition but in the next one.", "other"),
        ("La Ministre interviendra non pas cette année, mais la prochaine.", "other"),
        ("El Ministro intervendrá no este año, sino el próximo.", "other"),
        ("Министр выступит не в нынешнем цикле Форума, а в следующем.", "other"),
        ("部长将不是今年而是明年发言。", "other"),
        ("سيشارك الوزير ليس في هذه الدورة بل في الدورة المقبلة.", "other"),
        # Another day or meeting of this Forum is the answer itself.
        ("Министр выступит не 22 марта, а на следующем заседании.", "accept"),
        ("El Ministro intervendrá no el 22, sino el próximo día 24.", "accept"),
    ],
    # A wish or hope in vain, then an impediment of that act: the refusal, however long.
    "hoped in vain, then prevented": [
        (
            "We had hoped the Minister would speak, but the budget debate in Parliament that"
            " week prevented it.",
            "decline",
        ),
        (
            "La Ministre souhaitait intervenir, mais le débat budgétaire au Parlement cette"
            " semaine-là l'en empêche.",
            "decline",
        ),
        (
            "El Ministro quería intervenir, pero el debate presupuestario en el Parlamento esa"
            " semana lo impide.",
            "decline",
        ),
        (
            "Министр хотел выступить, но этому помешало внеочередное заседание парламента по"
            " бюджету.",
            "decline",
        ),
        ("部长本想出席并发言，但因议会当周审议预算未能成行。", "decline"),
        (
            "كنا نأمل أن يلقي معالي الوزير كلمة في الجلسات، غير أن انشغال معاليه بمناقشة"
            " الميزانية في البرلمان حال دون ذلك.",
            "decline",
        ),
        (
            "Esperábamos que la Ministra interviniera, pero no podrá.",
            "decline",
        ),
        # Not after an answer, and not when the impediment is denied.
        ("The Minister will speak, but the strike nearly prevented it.", "accept"),
        ("The Minister had hoped to speak, but nothing will prevent it.", "other"),
    ],
    # The Y of "not X but Y" is the Minister with a long title.
    "not X but the Minister of …": [
        (
            "لن يلقي البيان الوكيل، بل وزير الاتصالات والتحول الرقمي المعين حديثاً.",
            "accept",
        ),
        (
            "The statement will not be delivered by the Ambassador but by the Minister of"
            " Communications and Digital Economy.",
            "accept",
        ),
        (
            "La déclaration ne sera pas prononcée par l'Ambassadeur, mais par la Ministre des"
            " Postes et de l'Économie numérique.",
            "accept",
        ),
        (
            "La declaración no la pronunciará el Embajador, sino el Ministro de Ciencia,"
            " Tecnología y Telecomunicaciones.",
            "accept",
        ),
        ("Заявление зачитает не посол, а министр связи и цифрового развития.", "accept"),
        # A Y that says something else of another minister answers nothing.
        (
            "لن يلقي البيان الوزير، بل وزير الخارجية لديه ارتباط آخر في ذلك اليوم.",
            "other",
        ),
    ],
}


@pytest.mark.parametrize(("table", "text", "kind"), cases(READINGS))
def test_each_reading(table: str, text: str, kind: str) -> None:
    assert_reading(table, text, kind)


def _mail(body: str) -> bytes:
    return (
        "From: office@ministry.example\nTo: forum@secretariat.example\nSubject: RE: invitation\n"
        "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n"
        "MIME-Version: 1.0\n\n" + body
    ).encode("utf-8")


# A records system that files the letter under a number, the pronoun glued on to the verbal
# noun ("وتسجيلها برقم", "وقيده برقم"): the answer is still to come, a person follows it up.
@pytest.mark.parametrize(
    "body",
    [
        "تم استلام خطابكم وتسجيله برقم 2021/118 وإحالته إلى الجهة المعنية. هذه رسالة تلقائية،"
        " يرجى عدم الرد عليها.",
        "هذا رد آلي. وصلتنا دعوتكم وتم قيدها برقم صادر 77 لدى مكتب الوزير.",
    ],
)
def test_filed_under_a_number_goes_to_a_person(body: str) -> None:
    assert_to_a_person(_mail(body), "records system filed")

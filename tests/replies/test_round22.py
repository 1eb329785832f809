"""Round 22 of issue 13: the twenty-third set's slips. An Arabic conditional opened by "إن"
before a verb, with its answer after "ف" ("فإن تشكلت الحكومة …، فسيشارك …"), or written without
the hamza ("فان", "اذا") as legacy-charset mail often is, was read as an acceptance; an
acceptance followed by "but we need …" (the sender still needs something before the answer can
stand) was read as final. Then recall on double negatives, which showed more slips: a past "did
not fail to" reports an act done («не преминул поручить подготовить выступление» was read as a
refusal; "did not fail to note", "no dejó de señalar", "لم يتوان عن الإشادة" as acceptances),
and a preventer in the conditional ("no circumstances that would prevent him", «которые
помешали бы», « qui l'empêcherait ») was read as a refusal. Every sentence was written for this
test, in the six languages; none is copied from a development set."""

from __future__ import annotations

import pytest

from tests.support.readings import assert_reading, cases

READINGS = {
    # A conditional governs the act: who takes part depends on an event still to come.
    "conditional governs the act": [
        (
            "If the new government is formed before the forum, then the new Minister will be the"
            " one to take part.",
            "other",
        ),
        (
            "Si le nouveau gouvernement est formé avant le forum, c'est le nouveau ministre qui"
            " participera.",
            "other",
        ),
        (
            "Si el nuevo gobierno se forma antes del foro, quien participará será el nuevo"
            " ministro.",
            "other",
        ),
        (
            "Если новое правительство будет сформировано до форума, то участие примет новый"
            " министр.",
            "other",
        ),
        ("若新政府在论坛前组成，则出席的将是新任部长。", "other"),
        ("فإن تشكلت الحكومة الجديدة قبل المنتدى، فسيشارك الوزير الجديد.", "other"),
        ("وإن تمكن الوزير من السفر في الموعد، فسيلقي البيان بنفسه.", "other"),
        ("إن وافق مجلس الوزراء على السفر، فستشارك الوزيرة في الجلسات.", "other"),
        # Legacy-charset mail is often typed without the hamza.
        ("فان اكتمل التعديل الوزاري قبل الموعد، فمن سيلقي الكلمة هو الوزير الجديد.", "other"),
        ("اذا سمحت الظروف الصحية للوزير، فسيشارك في الجلسة.", "other"),
        # The bare "اذا" after a verb of knowing is "whether": the answer beside it stands.
        ("الوزير سيشارك يوم 23 مارس. ونبي نعرف اذا الكلمة تنبث مباشرة.", "accept"),
        # "إنّ" before a noun asserts: the answer stands.
        ("فإن الوزير سيشارك في الجلسات ويلقي البيان بنفسه.", "accept"),
        ("وعليه فإن معالي الوزير، في ضوء ما تقدم، سيشارك في الجلسات.", "accept"),
        ("نود أن نؤكد أن الوزير سيشارك، فالموضوع يهمه كثيرا.", "accept"),
    ],
    # An acceptance followed by "but we need …": the sender still needs something first.
    "but we need": [
        (
            "The Minister has agreed to attend (see below), but we need the speaking time before"
            " we can prepare the statement.",
            "other",
        ),
        (
            "Le Ministre a accepté de participer (voir ci-dessous), mais nous avons besoin de"
            " connaître le temps de parole pour préparer le discours.",
            "other",
        ),
        (
            "El Ministro ha aceptado participar (ver más abajo), pero necesitamos conocer el tiempo"
            " de intervención para preparar el discurso.",
            "other",
        ),
        (
            "Министр согласился выступить (см. ниже), но нам нужно знать регламент, чтобы"
            " подготовить текст выступления.",
            "other",
        ),
        ("部长已同意参会（见下），但我们需要先了解发言时长才能准备讲稿。", "other"),
        (
            "وافق الوزير على المشاركة (انظر أدناه)، لكننا نحتاج إلى معرفة مدة الكلمة"
            " لإعداد البيان.",
            "other",
        ),
        # Without the contrast the need is logistics beside a plain answer.
        ("The Minister will attend. We need the link to the platform by Friday.", "accept"),
        ("Le Ministre ne pourra pas participer, et nous le regrettons.", "decline"),
    ],
    # A past "did not fail to" reports an act done: the act after it decides, not the figure
    # (« n'a pas manqué de souligner », «не преминул отметить» accept nothing; before the round
    # «не преминул поручить подготовить выступление» was a final decline, the «не» read over
    # the speech).
    "past litotes": [
        (
            "Получив письмо, Министр не преминул поручить подготовить выступление, и он выступит"
            " сам.",
            "accept",
        ),
        ("Получив письмо, Министр не преминул поручить подготовить выступление.", "other"),
        ("Министр не преминул отметить важность Форума.", "other"),
        ("Министр не преминет выступить на сессии.", "accept"),
        ("Le Ministre n'a pas manqué de souligner l'importance du Forum.", "other"),
        (
            "Le Ministre n'a pas manqué de demander que son discours soit préparé : il"
            " interviendra le 23 mars.",
            "accept",
        ),
        (
            "The Minister did not fail to ask for his statement to be prepared; he will deliver"
            " it himself.",
            "accept",
        ),
        (
            "El Ministro no dejó de pedir que se preparara su intervención y hablará él mismo.",
            "accept",
        ),
        ("部长没有忘记嘱咐准备讲稿，并将亲自发言。", "accept"),
        ("لم يتوان الوزير عن طلب إعداد كلمته، وسيلقيها بنفسه.", "accept"),
        ("The Minister did not fail to note the importance of the Forum.", "other"),
        ("El Ministro no dejó de señalar la importancia del Foro.", "other"),
        ("لم يتوان الوزير عن الإشادة بأهمية المنتدى.", "other"),
        # The future figure still promises the act.
        ("The Minister will not fail to attend.", "accept"),
        ("El Ministro no dejará de participar.", "accept"),
        ("لن يتوانى الوزير عن المشاركة.", "accept"),
    ],
    # A preventer in the conditional is hypothetical ("no circumstances that would prevent
    # him"): it declines nothing (the Russian and French forms were final declines before).
    "hypothetical preventer": [
        ("There are no circumstances that would prevent the Minister from speaking.", "accept"),
        ("Il n'existe aucune circonstance qui l'empêcherait d'intervenir.", "other"),
        ("Il n'y a aucune circonstance qui empêcherait le Ministre d'intervenir.", "other"),
        ("No hay ninguna circunstancia que le impida intervenir.", "accept"),
        ("Нет никаких обстоятельств, которые помешали бы ему выступить.", "other"),
        ("Нет обстоятельств, которые могли бы помешать Министру выступить.", "other"),
        ("没有任何情况会妨碍部长发言。", "accept"),
        ("لا توجد أي ظروف تمنع الوزير من المشاركة.", "accept"),
        # A preventer in fact still declines.
        ("Болезнь помешала Министру выступить.", "decline"),
        ("Une session du Parlement l'empêchera d'intervenir.", "decline"),
    ],
}


@pytest.mark.parametrize(("table", "text", "kind"), cases(READINGS))
def test_each_reading(table: str, text: str, kind: str) -> None:
    assert_reading(table, text, kind)

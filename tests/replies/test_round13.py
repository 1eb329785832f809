"""Round 13 of issue 13: the thirteenth set's slips. A negation inside a counterfactual, a
refusal placed in earlier years, a page not found, options laid out, a condition on taking part
in an incise, a choice of speaker still to make, a refusal in person followed by deputies only
offered, and a records system's receipt under a file number. Every sentence was written for
this test, in the six languages; none is copied from a development set."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from circular.campaign import load_campaign
from circular.ledger import ReplyKind
from circular.replies.classify import classify_message, classify_text
from circular.replies.inbox import with_limits
from circular.replies.mailtext import Limits
from circular.replies.matching import campaign_event_names
from tests.support.inbox_support import reply_bytes
from tests.support.readings import assert_reading, cases

# "It would be odd for us not to …": a litotes of acceptance, never a final refusal.
COUNTERFACTUAL = [
    "It would be strange for the Minister not to take part in a session on digital inclusion.",
    "Il serait étrange que la Ministre ne participe pas à une session sur l'inclusion numérique.",
    "Sería extraño que la Ministra no participara en una sesión sobre inclusión digital.",
    "Было бы странно нашему министерству не принять участие в сессии о цифровой инклюзии.",
    "在数字包容这样的议题上，我部不参加就太奇怪了。",
    "سيكون من الغريب ألا يشارك الوزير في جلسة عن الشمول الرقمي.",
]


# An absence in earlier years answers an earlier invitation.
EARLIER_YEARS = [
    "In previous years the Minister was unable to take part in the high-level sessions.",
    "Les années précédentes, le Ministre n'a pas pu participer aux sessions de haut niveau.",
    "En años anteriores, el Ministro no pudo participar en las sesiones de alto nivel.",
    "В прошлые годы министр не смог принять участие в сессиях высокого уровня.",
    "往年我部因预算周期未能派员出席高级别会议。",
    "في السنوات الماضية لم يتمكن الوزير من المشاركة في الجلسات الرفيعة المستوى.",
]


# A form or a link not found is no refusal of the invitation.
PAGE_NOT_FOUND = [
    "We are unable to locate the speaker registration form on your site.",
    "Nous ne parvenons pas à trouver le formulaire d'inscription des orateurs sur votre site.",
    "No encontramos el formulario de inscripción de oradores en su sitio web.",
    "Не можем найти форму регистрации докладчика на сайте; пришлите прямую ссылку.",
    "我们在贵方网站上找不到发言人报名表，请发送直接链接。",
    "لم نتمكن من العثور على استمارة تسجيل المتحدثين في موقعكم، نرجو إرسال الرابط المباشر.",
]


# Options laid out for the organisers: none of them is chosen yet.
OPTIONS = [
    "We see two options: the Minister records a video address, or we send a written statement"
    " and do not take part in the session.",
    "Nous avons deux options : la Ministre enregistre une vidéo, ou elle ne participe pas à la"
    " session.",
    "Tenemos dos opciones: el Ministro graba un vídeo, o enviamos una declaración escrita y no"
    " participamos en la sesión.",
    "У нас два варианта: министр записывает видеообращение либо мы не участвуем в сессии и"
    " направляем письменное заявление.",
    "我部有两个方案：一是部长录制视频讲话；二是只提交书面声明，不参加会议。",
    "أمامنا خياران: أن يسجل الوزير كلمة مصورة، أو أن نرسل بيانا مكتوبا ولا نشارك في الجلسة.",
]


# A condition on taking part itself, even in an incise between the verb and its object.
IF_TAKING_PART = [
    "The Minister will deliver, if he attends, the statement in English.",
    "Le Ministre prononcera, s'il participe, sa déclaration en anglais.",
    "El Ministro pronunciará, si asiste, su declaración en inglés.",
    "Министр выступит, если примет участие, на английском языке.",
    "部长如能出席，将在会上发表政策声明。",
    "سيلقي الوزير، إذا حضر، كلمته باللغة الإنجليزية.",
]


# Who speaks is still to be decided: the verb of speaking is what the decision is about.
DECIDING_WHO = [
    "We need to settle the interpretation question before deciding who will speak.",
    "Il faut régler la question de l'interprétation avant de décider qui interviendra.",
    "Hay que aclarar la interpretación antes de decidir quién intervendrá.",
    "Нужно решить вопрос с переводом, прежде чем определить, кто выступит.",
    "需先明确口译安排，再决定由谁发言。",
    "يجب توضيح مسألة الترجمة قبل تحديد من سيلقي الكلمة.",
]


# A refusal in person, then deputies only offered (plural titles too).
HIMSELF_THEN_DEPUTIES = [
    "The Minister cannot deliver the statement himself. We could send one of the two deputies;"
    " please tell us which topic suits.",
    "La Ministre ne pourra pas participer elle-même. Nous pourrions envoyer l'un de ses adjoints.",
    "El Ministro no podrá intervenir personalmente. Podríamos enviar a uno de los dos"
    " viceministros; indíquennos qué tema conviene.",
    "Министр не сможет выступить лично. Можем направить одного из заместителей; подскажите,"
    " какая тема подойдёт.",
    "部长不能亲自出席。我们可以派一位副部长参加，请告知哪个议题更合适。",
    "لن يتمكن الوزير من المشاركة بنفسه. يمكننا إيفاد أحد نائبيه.",
]


GROUPS = {
    "counterfactual": COUNTERFACTUAL,
    "earlier years": EARLIER_YEARS,
    "page not found": PAGE_NOT_FOUND,
    "options": OPTIONS,
    "if taking part": IF_TAKING_PART,
    "deciding who": DECIDING_WHO,
    "himself then deputies": HIMSELF_THEN_DEPUTIES,
}


@pytest.mark.parametrize(
    ("group", "text"), [(group, text) for group, texts in GROUPS.items() for text in texts]
)
def test_each_slip_of_the_thirteenth_set_goes_to_a_person(group: str, text: str) -> None:
    decision = classify_text(text)
    assert decision.kind == ReplyKind.OTHER and decision.needs_review, (
        group,
        text,
        decision.reason,
        decision.cues,
    )


# The same words that must keep their old, final reading.
KEEP = [
    (
        "Last year the Minister could not attend because of the budget debate; this year she"
        " will speak on 24 March.",
        "accept",
    ),
    ("As previously indicated, the Minister cannot attend the Forum this year.", "decline"),
    (
        "The Minister regrets that he cannot attend; he could not find any free slot in his"
        " agenda.",
        "decline",
    ),
    ("El Ministro no puede participar; no encontramos hueco en su agenda.", "decline"),
    ("The Minister cannot deliver the statement himself.", "decline"),
    ("The Minister has decided that he will speak on 24 March.", "accept"),
]


def _mail(body: str) -> bytes:
    return reply_bytes(sender="registry@ministry.example", kind=None, body=body)


# A records system files the letter under a number: the answer is still to come, and a person
# follows it up by that number.
FILED = [
    "Your letter has been registered under number 2021-4471 and will be answered within ten"
    " working days. This is an automatic message.",
    "Votre courrier a été enregistré sous le numéro 2021-4471. Ceci est un message automatique.",
    "Su comunicación quedó registrada con el número 2021-4471. Este es un mensaje automático.",
    "Ваше письмо зарегистрировано под номером 2021-4471. Это автоматическое сообщение.",
    "来函已登记，编号2021-4471。此邮件为自动回复。",
    "تم تسجيل رسالتكم برقم 2021-4471. هذه رسالة تلقائية.",
]


@pytest.mark.parametrize("body", FILED)
def test_a_letter_filed_under_a_number_goes_to_a_person(body: str) -> None:
    result = classify_message(_mail(body))
    assert result.kind == ReplyKind.OTHER and result.needs_review, result
    assert "number" in (result.review_reason or "")


def test_a_robot_without_a_file_number_stays_an_auto_reply() -> None:
    raw = _mail("This is an automatic message, thank you.")
    assert classify_message(raw).kind == ReplyKind.AUTO_REPLY


# Recall (step 2). What binds only the organisers' needs or the material leaves the answer final.
RECALL = [
    ("部长将于3月23日在高级别政策会议上发表政策声明。如贵处需要部长照片，请告知。", "accept"),
    ("部长将于3月23日发言。如数据有问题，请与我司联系。", "accept"),
    ("部长确认出席，讲稿稍后提交。", "accept"),
    ("部长确定3月25日发言。", "accept"),
    ("部长将于3月24日发言，发言题目暂定为“数字包容”。", "accept"),
    ("The Deputy Minister is confirmed for 24 March at 10:00.", "accept"),
    ("La Ministre est confirmée pour le 24 mars à 10 h.", "accept"),
    ("La Viceministra queda confirmada para el 24 de marzo a las 10:00.", "accept"),
    ("Выступление министра подтверждено на 24 марта, 10:00.", "accept"),
    ("Malheureusement, la Ministre ne pourra pas se libérer cette semaine-là.", "decline"),
    ("Unfortunately the Minister cannot get away that week.", "decline"),
    ("К сожалению, министр не сможет освободиться на этой неделе.", "decline"),
    ("很遗憾，部长那一周无法抽身。", "decline"),
    ("للأسف لن يتمكن الوزير من التفرغ في ذلك الأسبوع.", "decline"),
    ("Lamentablemente, el Ministro no podrá liberarse esa semana.", "decline"),
    ("La Ministre pourra se libérer et interviendra le 24 mars.", "accept"),
]


# Still pending: an answer to come, a tentative attendance, a question, a negated confirmation.
STILL_PENDING = [
    "我们稍后答复。",
    "部长暂定出席。",
    "Is the Minister confirmed for 24 March?",
    "The Minister is not confirmed for 24 March yet.",
]


# The campaign's own event names come from its campaign file (event_names), not from the code.
SAMPLE = Path(__file__).parents[2] / "letters"
INSTEAD = (
    "The Minister will not speak on 22 March; instead, she will deliver the statement at the"
    " Digital Week summit on 24 March."
)


def test_the_sample_campaign_names_its_event_in_every_language() -> None:
    campaign = load_campaign(SAMPLE / "cl-21-4", check_templates=False)
    assert set(campaign.event_names) == {"ar", "en", "es", "fr", "ru", "zh"}
    names = campaign_event_names("cl-21-4", SAMPLE)
    assert "WSIS" in names and "高级别" in names and "المنتدى" in names
    assert names == tuple(dict.fromkeys(n for v in campaign.event_names.values() for n in v))


def test_another_campaigns_event_name_is_honoured() -> None:
    sample = campaign_event_names("cl-21-4", SAMPLE)
    # For the WSIS campaign, a summit after "instead" is another event: a person decides.
    assert classify_text(INSTEAD, event_names=sample).kind == ReplyKind.OTHER
    # For a campaign whose file names "Digital Week", it is the invitation's own event.
    decision = classify_text(INSTEAD, event_names=("Digital Week",))
    assert decision.kind == ReplyKind.ACCEPT, (decision.reason, decision.cues)


def test_a_campaign_naming_no_event_sends_such_replies_to_a_person(tmp_path: Path) -> None:
    folder = tmp_path / "cl-99-1"
    folder.mkdir()
    (folder / "campaign.yaml").write_text("id: cl-99-1\nreference: CL-99/1\n", encoding="utf-8")
    assert campaign_event_names("cl-99-1", tmp_path) == ()
    assert campaign_event_names("cl-99-2", tmp_path) == ()  # no file at all
    decision = classify_text(INSTEAD)
    assert decision.kind == ReplyKind.OTHER and "another event" in (decision.reason or "")


def test_the_poll_passes_the_event_names_to_the_classifier() -> None:
    bound = with_limits(classify_message, Limits(), ("Digital Week",))
    assert isinstance(bound, functools.partial)
    assert bound.keywords["event_names"] == ("Digital Week",)
    # A classifier without the parameter is left as it is.
    assert with_limits(lambda raw: raw, Limits(), ("Digital Week",))(b"x") == b"x"


# Recall: a refusal whose Y is only a written document, or an official who only follows
# "without taking the floor", or "neither X, nor Y", stands; a Chinese place phrase does not
# use up the negation's window.
REFUSALS = [
    "The Minister will not speak at the Forum; instead, the Ministry will send a written"
    " contribution.",
    "El Ministro no intervendrá en el Foro, sino que el Ministerio enviará un aporte escrito.",
    "部长不在会上发言，而是以书面形式提交我部的政策材料。",
    "Министр не выступит, а министерство направит письменный доклад.",
    "Выступать на сессии ни министр, ни его заместители не будут.",
    "The Minister will not make a statement; a senior official will rather follow the sessions"
    " online, without taking the floor.",
    "Le Ministre ne prononcera pas de déclaration ; un conseiller suivra plutôt les sessions en"
    " ligne, sans prendre la parole.",
    "El Ministro no pronunciará la declaración; en su lugar un asesor seguirá las sesiones en"
    " línea, sin hacer uso de la palabra.",
    "Министр не выступит; вместо него сессии будет онлайн отслеживать советник, без выступления.",
    "部长不发言，而是由一名官员在线关注会议，但不发言。",
    "我委本次不安排领导在高级别政策会议上发表政策声明。",
]


# A substitute who speaks is still no refusal; a Chinese place phrase without a negator accepts.
SUBSTITUTE_SPEAKS = [
    "The Minister will not speak; instead, the Deputy Minister will deliver the statement.",
    "Министр не выступит, а заместитель министра выступит с заявлением.",
    "部长将在高级别政策会议上发表政策声明。",
]


# A condition the reply itself says is met binds nothing; one still to be met binds.
SETTLED = [
    "Her participation was conditional on her visa. The visa was issued yesterday, so she will"
    " deliver the statement on 24 March.",
    "Sa participation dépendait de son visa. Le visa lui a été accordé hier : elle interviendra"
    " donc le 24 mars.",
    "Su participación dependía del visado. Ya fue concedido, de modo que intervendrá el 24 de"
    " marzo.",
    "Участие министра зависело от визы. Виза уже выдана, поэтому министр выступит 24 марта.",
    "部长出席的前提是申根签证。目前签证已经签发，部长将于3月24日发言。",
    "كانت مشاركة الوزير متوقفة على التأشيرة. وقد صدرت بالفعل، وسيلقي الوزير كلمته يوم 24 مارس.",
]
NOT_YET_MET = [
    "The Minister will speak on 24 March if the visa is granted.",
    "Her participation is conditional on her visa, which has not been issued yet; she will"
    " deliver the statement on 24 March.",
    "Министр выступит 24 марта, если виза будет выдана.",
    "Участие министра зависит от визы, которая ещё не выдана; министр выступит 24 марта.",
    "إذا تم منح التأشيرة فسيلقي الوزير كلمته يوم 24 مارس.",
    "La Ministre interviendra le 24 mars si le visa lui a été accordé d'ici là.",
]


# "Не можем не …" (we cannot not …) affirms what follows; "سيتلو" (will read out) the statement
# is delivering it.
AFFIRMED = [
    ("Не можем не выразить сожаления: министр в эти дни будет за рубежом.", "decline"),
    ("Не можем не принять участие в такой сессии: министр выступит 24 марта.", "accept"),
    ("سيتلو المندوب الدائم بيان الوزير في جلسة 24 مارس.", "accept"),
]


# An apology for answering late names a past approval; a post not yet filled is the reason for
# a refusal beside it. Neither holds the answer back.
NOTHING_PENDING = [
    (
        "Veuillez excuser ce retard : le courrier a longtemps circulé pour approbation. La"
        " Ministre interviendra le 24 mars.",
        "accept",
    ),
    (
        "Приносим извинения за задержку: письмо долго шло по согласованию. Министр выступит 24"
        " марта.",
        "accept",
    ),
    ("由于内部审批流程较长，回复迟了几天，十分抱歉。部长将于3月24日发言。", "accept"),
    (
        "The new Minister has not yet been appointed. In these circumstances the Ministry cannot"
        " take part in the high-level sessions.",
        "decline",
    ),
    (
        "Le nouveau ministre n'a pas encore été nommé. Dans ces conditions, le Ministère ne"
        " pourra pas participer aux sessions de haut niveau.",
        "decline",
    ),
    (
        "El nuevo Ministro aún no ha sido nombrado. En estas circunstancias, el Ministerio no"
        " podrá participar en las sesiones de alto nivel.",
        "decline",
    ),
    (
        "Новый министр пока не назначен. В этих условиях министерство не сможет принять участие"
        " в сессиях высокого уровня.",
        "decline",
    ),
    ("新部门的部长人选目前尚未公布。在这种情况下，我们无法派员出席高级别会议。", "decline"),
    (
        "لم يتم تعيين الوزير الجديد بعد. وفي هذه الظروف لن تتمكن الوزارة من المشاركة في الجلسات"
        " الرفيعة المستوى.",
        "decline",
    ),
    # Beside an acceptance, a post not yet filled still waits (who speaks may change).
    (
        "The Minister will speak on 24 March. The speaker's deputy has not yet been appointed.",
        "other",
    ),
]


# An earlier answer or proposal revoked ("… is no longer relevant") answers nothing itself.
REVOKED = [
    (
        "The Minister will speak on 24 March; the note below about declining is no longer"
        " relevant.",
        "accept",
    ),
    (
        "La Ministre interviendra le 24 mars ; la note ci-dessous proposant de décliner n'est plus"
        " d'actualité.",
        "accept",
    ),
    (
        "El Ministro intervendrá el 24 de marzo; la nota de abajo que proponía declinar ya no está"
        " vigente.",
        "accept",
    ),
    ("Министр выступит 24 марта, записка ниже про отказ не актуальна.", "accept"),
    ("部长将于3月24日发言，下面关于婉拒的建议已作废。", "accept"),
    ("سيتحدث الوزير يوم 24 مارس. الاقتراح أدناه بالاعتذار لم يعد قائما.", "accept"),
    # An acceptance revoked is no acceptance (it was read as one before the round).
    ("Our earlier acceptance no longer stands.", "other"),
    ("Notre acceptation n'est plus valable.", "other"),
    ("Nuestra aceptación ya no está vigente.", "other"),
    ("Наше согласие больше не актуально.", "other"),
    ("此前的接受答复已作废。", "other"),
    ("لم يعد القبول السابق قائما.", "other"),
    ("The Minister will not attend; the earlier acceptance is withdrawn.", "decline"),
]


# One day said to be impossible, then another offered: the acceptance stands.
DAY_NOT_POSSIBLE = [
    (
        "The Minister is pleased to confirm her participation. However, the date of 22 March is"
        " not possible; please schedule her on 25 March.",
        "accept",
    ),
    (
        "La Ministre a le plaisir de confirmer sa participation. Toutefois, la date du 22 mars"
        " n'est pas possible ; merci de l'inscrire le 25 mars.",
        "accept",
    ),
    (
        "El Ministro confirma con gusto su participación. Sin embargo, el 22 de marzo no es"
        " posible; les rogamos inscribirlo el 25.",
        "accept",
    ),
    (
        "Министр подтверждает участие. Однако 22 марта не подходит, просим записать его на 25"
        " марта.",
        "accept",
    ),
    ("部长确认出席。但22日不行，请安排在25日。", "accept"),
    ("يؤكد الوزير مشاركته. لكن يوم 22 مارس غير ممكن، ونرجو تسجيله يوم 25 مارس.", "accept"),
    (
        "The Minister regrets that he cannot attend; 22 March is not possible and no other day"
        " suits.",
        "decline",
    ),
]


# Two refusals coordinated by "and" (or a negator and an n-word in concord) are not a double
# negative: the reply declines.
COORDINATED = [
    ("The Minister will not attend and will not send a delegate.", "decline"),
    ("La Ministre ne participera pas et ne désignera personne pour la remplacer.", "decline"),
    ("El Ministro no participará y no enviará a ningún representante.", "decline"),
    ("Министерство участвовать не будет и заявления не представит.", "decline"),
    ("部长不出席，也不派人代为发言。", "decline"),
    ("لن يستطيع الوزير إلقاء البيان ولن تنتدب الوزارة أحدا عنه.", "decline"),
]

# A refusal of the journey, then a remote speech the Minister "limits himself to": never a final
# refusal (the French one was read as a decline before the round).
LIMITED_TO_A_SPEECH = [
    (
        "The Minister will not come to Geneva; instead, he will limit himself to a video address.",
        "accept",
    ),
    (
        "Le Ministre ne viendra pas à Genève ; il se limitera à une intervention par vidéo.",
        "other",
    ),
    ("El Ministro no viajará a Ginebra; se limitará a un mensaje en vídeo.", "accept"),
    ("Министр не приедет в Женеву, а ограничится видеообращением.", "accept"),
    ("部长不现场发言，而是仅以视频方式发言。", "accept"),
    ("لن يحضر الوزير إلى جنيف، بل سيكتفي بكلمة مصورة.", "accept"),
]

# Every reading this round fixes or keeps, table by table (the name says which rule).
READINGS = {
    "keep": KEEP,
    "recall": RECALL,
    "affirmed": AFFIRMED,
    "nothing_pending": NOTHING_PENDING,
    "revoked": REVOKED,
    "day_not_possible": DAY_NOT_POSSIBLE,
    "coordinated": COORDINATED,
    "limited_to_a_speech": LIMITED_TO_A_SPEECH,
    "still_pending": [(text, "other") for text in STILL_PENDING],
    "refusals": [(text, "decline") for text in REFUSALS],
    "substitute_speaks": [(text, "accept") for text in SUBSTITUTE_SPEAKS],
    "settled": [(text, "accept") for text in SETTLED],
    "not_yet_met": [(text, "other") for text in NOT_YET_MET],
}


@pytest.mark.parametrize(("table", "text", "kind"), cases(READINGS))
def test_each_reading(table: str, text: str, kind: str) -> None:
    assert_reading(table, text, kind)

"""Round 18 of issue 13: the nineteenth set's slips. A concession "not that … did not value the
Forum — on the contrary" read as an affirming double negative («напротив» held «против»); an
approval note on a forwarded decline draft («Согласен — Руководитель аппарата») read as an
acceptance; an invitation to another event declined to make room for this one read as the
refusal; "available every other day, only the 22nd not" (只是22日无法…) read as a refusal; an
invitation acknowledged and put to the board ("que se presentará en la próxima sesión") read as
an acceptance. Every sentence was written for this test, in the six languages; none is copied
from a development set."""

from __future__ import annotations

import pytest

from circular.ledger import ReplyKind
from circular.replies.classify import classify_text
from tests.support.readings import assert_reading, cases

# "Not that … did not value" concedes; the refusal after it answers (the Russian one was a
# **swap**, an acceptance through «не … напротив»). Never an acceptance.
NOT_THAT = [
    "Not that the management of the Federal Communications Agency did not value the Forum — on the"
    " contrary, we have taken part every year. However, the Head of the Agency must refrain from"
    " taking part this March.",
    "Non pas que la direction de l'Agence fédérale des communications n'apprécie pas le Forum — au"
    " contraire, nous y avons participé chaque année. Le Directeur doit toutefois renoncer à y"
    " participer en mars.",
    "No es que la dirección de la Agencia Federal de Comunicaciones no valore el Foro; al"
    " contrario, hemos participado cada año. Sin embargo, el Director no podrá participar en"
    " marzo.",
    "Не то чтобы руководство Федерального агентства связи не ценило значения Форума — напротив, мы"
    " неизменно участвовали в нём. Однако в марте Руководитель агентства вынужден воздержаться от"
    " участия.",
    "并不是说联邦通信署领导不重视论坛——恰恰相反，我们每年都参加。但署长今年三月无法出席。",
    "ليس لأن إدارة الوكالة الاتحادية للاتصالات لا تقدر المنتدى، بل على العكس شاركنا فيه كل عام."
    " غير أن رئيس الوكالة لن يتمكن من المشاركة في مارس.",
]

# "Available every other day, only the 22nd not": one day excepted, not a refusal (the Chinese
# one was a **swap**, a final decline).
ONE_DAY_EXCEPTED = [
    "其餘日子局長均可出席，只是22日無法調動。",
    "其余日子署长均可出席，只是22日无法安排。",
    "The Director-General can attend on any other day; only the 22nd cannot be rearranged.",
    "Le Directeur peut venir tous les autres jours ; seul le 22 ne peut pas être déplacé.",
    "El Director puede asistir cualquier otro día; solo el 22 no puede modificarse.",
    "В остальные дни Директор может присутствовать, только 22-го не получится.",
    "يمكن للمدير الحضور في سائر الأيام، باستثناء يوم 22 فلا يمكن تغييره.",
]


# What each may never be read as: the concession is no acceptance, the day excepted no refusal.
NEVER = [(text, ReplyKind.ACCEPT) for text in NOT_THAT] + [
    (text, ReplyKind.DECLINE) for text in ONE_DAY_EXCEPTED
]


@pytest.mark.parametrize(("text", "never"), NEVER)
def test_never_read_the_other_way(text: str, never: ReplyKind) -> None:
    decision = classify_text(text)
    assert decision.kind != never, (text, decision.cues)


# An official's approval note on a forwarded draft: a visa, not an acceptance (the Russian one,
# under a decline, was a **swap**). One that says what happens still answers.
APPROVAL_NOTES = [
    ("Agreed — Chief of Staff", "other"),
    ("Vu et approuvé — le Directeur de cabinet", "other"),
    ("Conforme — Jefe de Gabinete", "other"),
    ("Согласен — Руководитель аппарата", "other"),
    ("同意——办公厅主任", "other"),
    ("موافق — مدير المكتب", "other"),
    (
        "The Minister will not take part in other international events in March. Please accept"
        " our regrets.\n\nAgreed — Chief of Staff",
        "decline",
    ),
    (
        "Министр не будет принимать участие в других международных мероприятиях в марте. Просим"
        " принять наши сожаления.\n\nСогласен — Руководитель аппарата",
        "decline",
    ),
    ("Agreed: the Minister will speak.", "accept"),
    ("Согласен — Министр выступит.", "accept"),
]

# An invitation to another event declined *in order to* speak here: the refusal is of the other
# one (the Russian one was a **swap**, a final decline). Without the purpose it still declines.
DECLINED_TO_MAKE_ROOM = [
    (
        "The Minister declined the invitation to the regional conference in Almaty, held on the"
        " same days, so as to speak at the high-level session of the Forum.",
        "other",
    ),
    (
        "Le Ministre a décliné l'invitation à la conférence régionale d'Almaty, qui se tient les"
        " mêmes jours, afin de prendre la parole à la session de haut niveau du Forum.",
        "other",
    ),
    (
        "El Ministro declinó la invitación a la conferencia regional de Almaty, que se celebra los"
        " mismos días, para poder intervenir en la sesión de alto nivel del Foro.",
        "other",
    ),
    (
        "Министр отклонил приглашение на региональную конференцию в Алматы, которая проходит в те"
        " же дни, чтобы выступить на сессии высокого уровня Форума.",
        "other",
    ),
    ("部长婉拒了阿拉木图地区会议的邀请，以便在论坛高级别会议上发言。", "other"),
    (
        "اعتذر الوزير عن دعوة إلى مؤتمر إقليمي في ألماتي يعقد في الأيام نفسها كي يلقي كلمة في"
        " الجلسة الرفيعة المستوى للمنتدى.",
        "other",
    ),
    ("The Minister has declined the invitation to the Forum.", "decline"),
    ("Министр отклонил приглашение, чтобы не создавать прецедента.", "decline"),
    ("Министр отклонил приглашение.", "decline"),
]

# The invitation acknowledged and put to a board: nobody presents anything yet (the Spanish one
# was a **final acceptance** through «presentará»). A minister who presents still accepts.
PUT_TO_A_BOARD = [
    (
        "We acknowledge receipt of your invitation, which will be presented at the next session of"
        " the Ministry's Board for the choice of speaker.",
        "other",
    ),
    (
        "Nous accusons réception de votre invitation, qui sera présentée à la prochaine session du"
        " Conseil de direction du Ministère pour le choix de l'orateur.",
        "other",
    ),
    (
        "Damos por recibida su invitación, que se presentará en la próxima sesión del Consejo"
        " Directivo del Ministerio para la definición del orador.",
        "other",
    ),
    (
        "Мы получили ваше приглашение, которое будет представлено на следующем заседании коллегии"
        " министерства для определения выступающего.",
        "other",
    ),
    (
        "Подтверждаем получение вашего приглашения, которое будет представлено на следующем"
        " заседании коллегии министерства.",
        "other",
    ),
    ("贵方邀请已收悉，将提交部务委员会下次会议审议，以确定发言人。", "other"),
    (
        "نفيدكم باستلام دعوتكم التي ستعرض على الاجتماع القادم لمجلس إدارة الوزارة لتحديد المتحدث.",
        "other",
    ),
    ("El Ministro presentará la declaración en la sesión de alto nivel.", "accept"),
    ("El Ministro, que presentará la declaración en la sesión, llegará el 21.", "accept"),
]

# «напротив» (on the contrary) is no «против» (against); «не против» still affirms.
ON_THE_CONTRARY = [
    (
        "Не то чтобы руководство Федерального агентства связи не ценило значения Форума —"
        " напротив, мы неизменно участвовали в нём в прошлые годы.",
        "other",
    ),
    ("Министр не против участия.", "accept"),
    ("Министр не против — напротив, он выступит.", "accept"),
    ("部长无法出席，只是22日无法安排。", "decline"),
]

READINGS = {
    "an_approval_note_is_a_visa": APPROVAL_NOTES,
    "another_invitation_declined_to_make_room": DECLINED_TO_MAKE_ROOM,
    "an_invitation_put_to_a_board_is_pending": PUT_TO_A_BOARD,
    "on_the_contrary_is_not_against": ON_THE_CONTRARY,
}


@pytest.mark.parametrize(("table", "text", "kind"), cases(READINGS))
def test_each_reading(table: str, text: str, kind: str) -> None:
    assert_reading(table, text, kind)

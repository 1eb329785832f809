"""Round 19 of issue 13: the twentieth set's slips. A confirmation still to come, in a "before"
clause that closes the sentence ("… to compose its delegation before confirming its
participation", with a French or Spanish object pronoun on the verb), read as an acceptance; a
footer agreeing to the privacy policy "by sending your reply to this message" (Arabic: the
pronoun on the verbal noun, the verb "توافق على") read as an acceptance; an automatic
acknowledgement that will assign the letter a case number read as a plain automatic reply.
Every sentence was written for this test, in the six languages; none is copied from a
development set."""

from __future__ import annotations

import pytest

from circular.replies.classify import classify_message
from tests.replies.test_round11 import _mail
from tests.support.readings import assert_reading, assert_to_a_person, cases

READINGS = {
    # The confirmation is still to come: the "before" clause is not an answer, whether it opens
    # or closes the sentence, with the object pronoun the grammar puts on or before the verb.
    "confirmation to come": [
        (
            "These details will allow the Ministry to compose its delegation before confirming"
            " its participation to you.",
            "other",
        ),
        ("The Ministry needs the agenda before we can confirm the Minister's attendance.", "other"),
        (
            "Ces précisions permettront au Ministère de composer sa délégation avant de vous"
            " confirmer sa participation.",
            "other",
        ),
        (
            "Le Cabinet souhaiterait connaître l'horaire exact de la session avant de confirmer la"
            " présence du Ministre.",
            "other",
        ),
        (
            "Estos datos permitirán al Ministerio conformar su delegación antes de confirmarles su"
            " participación.",
            "other",
        ),
        (
            "Эти сведения позволят Министерству сформировать делегацию, прежде чем подтвердить"
            " своё участие.",
            "other",
        ),
        ("这些信息将有助于部里在向贵方确认出席之前组建代表团。", "other"),
        ("ستمكن هذه المعلومات الوزارة من تشكيل وفدها قبل تأكيد مشاركتها.", "other"),
    ],
    # The main clause is still read: an act done before something else still answers.
    "main clause stands": [
        ("The Minister will attend the session before flying to Geneva.", "accept"),
        ("We confirm the Minister's participation before the deadline.", "accept"),
        ("Le Ministre confirme sa participation avant de se rendre à Genève.", "accept"),
        ("El Ministro confirma su participación antes de viajar a Ginebra.", "accept"),
        ("Министр примет участие в сессии, прежде чем вылететь в Женеву.", "accept"),
        ("部长将在3月1日之前确认出席。", "accept"),
        ("سيشارك الوزير في الجلسة قبل أن يتوجه إلى جنيف.", "accept"),
        ("The Minister regrets that he cannot attend before the 24th.", "decline"),
    ],
    # A footer: by replying, the reader agrees to the mail system's privacy policy.
    "privacy footer": [
        (
            "By sending a reply to this message you agree to the privacy policy. If you do not"
            " agree, please do not reply.",
            "other",
        ),
        (
            "En envoyant une réponse à ce message, vous acceptez la politique de confidentialité."
            " Si vous n'êtes pas d'accord, ne répondez pas.",
            "other",
        ),
        (
            "Al enviar una respuesta a este mensaje, usted acepta la política de privacidad. Si"
            " no está de acuerdo, no responda.",
            "other",
        ),
        (
            "Отправляя ответ на это сообщение, вы соглашаетесь с политикой конфиденциальности."
            " Если вы не согласны, не отвечайте.",
            "other",
        ),
        ("回复本邮件即表示您同意隐私政策。如不同意，请勿回复。", "other"),
        (
            "بإرسالك رداً على هذه الرسالة فإنك توافق على سياسة الخصوصية. في حال عدم القبول، يرجى"
            " عدم الرد.",
            "other",
        ),
        ("بالردّ على هذه الرسالة الإلكترونية فإنكم توافقون على سياسة الخصوصية.", "other"),
        ("إن الوزارة توافق على سياسة الخصوصية الخاصة بالموقع.", "other"),
        # Agreeing to the invitation still accepts.
        ("يسر معالي الوزير أن يوافق على الدعوة وسيلقي البيان.", "accept"),
    ],
}


@pytest.mark.parametrize(("table", "text", "kind"), cases(READINGS))
def test_each_reading(table: str, text: str, kind: str) -> None:
    assert_reading(table, text, kind)


# An automatic acknowledgement that will assign the letter a case number: the records system
# files it and a person answers later, so a person reads it (the Spanish one was a final
# automatic reply).
NUMBER_TO_BE_ASSIGNED = [
    "This is an automatic message. Your e-mail was received by the Records Unit and will be"
    " assigned a case number within 48 hours. Please do not reply to this address.",
    "Ceci est un message automatique. Votre courriel a été reçu par le Bureau d'ordre et se verra"
    " attribuer un numéro de dossier sous 48 heures. Merci de ne pas répondre.",
    "Este es un mensaje automático. Su correo fue recibido por la Oficina de Archivo y se le"
    " asignará un número de trámite en 48 horas. Por favor, no responda.",
    "Это автоматическое сообщение. Ваше письмо получено канцелярией, в течение 48 часов ему будет"
    " присвоен номер. Просьба не отвечать на это письмо.",
    "这是一封自动回复。您的邮件已由文书处收到，将在48小时内为其分配编号。请勿回复。",
    "هذه رسالة تلقائية. تم استلام بريدكم لدى وحدة الأرشيف وسيتم منحه رقم معاملة خلال 48 ساعة."
    " يرجى عدم الرد.",
]


@pytest.mark.parametrize("body", NUMBER_TO_BE_ASSIGNED)
def test_a_number_to_be_assigned_by_a_robot_goes_to_a_person(body: str) -> None:
    assert_to_a_person(_mail("RE: CL-21/4 Invitation", body), "filed the letter under a number")


# Recall: the sender's own earlier message resent under a separator that names it ("-----
# Previous message -----"): the correction on top decides, the earlier answer below is not read
# against it (before the round the two answers sent the reply to a person). (top, earlier
# message, the final reading)
EARLIER_MESSAGE_BELOW = [
    (
        "Please disregard our message below: the Minister will now deliver the statement on"
        " 23 March.",
        "----- Previous message -----\nThe Minister regrets that he cannot take part.",
        "accept",
    ),
    (
        "Merci de ne pas tenir compte de notre message ci-dessous : la Ministre prononcera la"
        " déclaration le 23 mars.",
        "----- Message précédent -----\nLa Ministre ne pourra malheureusement pas participer.",
        "accept",
    ),
    (
        "Les rogamos no tener en cuenta nuestro mensaje de abajo: el Ministro no podrá intervenir"
        " finalmente.",
        "----- Mensaje anterior -----\nEl Ministro intervendrá con mucho gusto el 23 de marzo.",
        "decline",
    ),
    (
        "Просим не учитывать наше письмо ниже: Министр выступит на сессии 24 марта.",
        "----- Ранее отправленное -----\nК сожалению, Министр не сможет принять участие.",
        "accept",
    ),
    (
        "请忽略下面的邮件：部长将于3月23日在会上发言。",
        "----- 之前发送的邮件 -----\n很遗憾，部长无法出席。",
        "accept",
    ),
    (
        "نرجو عدم اعتبار رسالتنا أدناه؛ فقد أصبح بإمكان الوزير إلقاء كلمة يوم 23 مارس.",
        "----- رسالة سابقة -----\nنعتذر عن عدم مشاركة الوزير.",
        "accept",
    ),
]


@pytest.mark.parametrize(("top", "earlier", "kind"), EARLIER_MESSAGE_BELOW)
def test_the_correction_on_top_decides(top: str, earlier: str, kind: str) -> None:
    result = classify_message(_mail("RE: CL-21/4 Invitation", f"{top}\n\n{earlier}\n"))
    assert result.kind.value == kind and not result.needs_review, result


# With nothing on top, the earlier message's answer is forwarded, not the reply's own: a person.
@pytest.mark.parametrize("earlier", [row[1] for row in EARLIER_MESSAGE_BELOW])
def test_an_earlier_message_alone_is_not_a_final_answer(earlier: str) -> None:
    result = classify_message(_mail("FW: CL-21/4 Invitation", f"FYI.\n\n{earlier}\n"))
    assert result.kind.value == "other", result

"""Round 28 of issue 13: the twenty-ninth set's swap and slips.
The statement put in someone's charge ("la declaración … estará a cargo del Gerente General",
"will be the responsibility of", « sera assurée par », «будет возложено на», "将由…负责",
"ستكون من مسؤولية") is an acceptance through a delegate, and a negation in a relative clause about
the Minister who sends someone ("quien no estará disponible", "届时无法出席的部长") is the
Minister's, not a refusal of the country's part. Then: thanks and wishes offered for acceptance
are a courtesy, confidentiality denied is no footer, a connective between commas cuts no clause,
"can't do it", « répondre favorablement », "لن نقدم بياناً", a long deciding body in Arabic,
and thanks for inviting the Minister in Chinese. Every sentence was written for this test;
none is copied from a set."""

from __future__ import annotations

import pytest

from tests.support.readings import assert_reading, cases

READINGS = {
    "the statement in someone's charge": [
        (
            "On behalf of the Minister, who will not be available that week, we can tell you "
            "that Ghana's statement will be the responsibility of the Deputy Minister.",
            "accept",
        ),
        ("Kenya's statement will be in the hands of the Principal Secretary.", "accept"),
        (
            "À la demande de la Ministre, qui ne sera pas disponible à ces dates, nous vous "
            "informons que la déclaration du Sénégal sera assurée par le Directeur général.",
            "accept",
        ),
        ("La déclaration de la Tunisie incombera au Secrétaire d'État.", "accept"),
        (
            "Por encargo de la Ministra, quien no podrá viajar en esas fechas, les comunicamos "
            "que la intervención de Colombia correrá a cargo de la Directora de Conectividad.",
            "accept",
        ),
        (
            "La participación de Bolivia en las sesiones de marzo estará a cargo del Director "
            "Ejecutivo de la autoridad reguladora.",
            "accept",
        ),
        ("La intervención de Panamá quedará en manos de la Administradora General.", "accept"),
        (
            "По поручению Министра, который не сможет быть в Женеве в эти дни, сообщаем, что "
            "выступление Казахстана будет возложено на председателя Комитета связи.",
            "accept",
        ),
        ("Выступление Армении будет доверено генеральному директору агентства.", "accept"),
        ("部长因届时另有公务无法出席，我国的发言将由国家网信办主任负责。", "accept"),
        (
            "بتكليف من معالي الوزير، الذي لن يتمكن من الحضور في تلك الفترة، نفيدكم بأن كلمة "
            "المملكة ستكون من مسؤولية رئيس هيئة الاتصالات.",
            "accept",
        ),
        ("سيتولى المدير التنفيذي للهيئة إلقاء كلمة الأردن.", "accept"),
        # Negated, or not the statement: nothing is put in anyone's charge.
        ("Kenya's statement will not be in the hands of the Principal Secretary.", "other"),
        ("The travel costs will be the responsibility of the delegation.", "other"),
        ("La déclaration de la Tunisie ne sera pas confiée au Secrétaire d'État.", "other"),
        ("La declaración de Chile no estará a cargo del Ministro.", "other"),
        ("Los gastos de viaje estarán a cargo del Ministerio.", "other"),
        ("我国的发言将不由副部长负责。", "other"),
        # The Minister's own refusal, with no one sent, stays a refusal.
        (
            "El Ministro, quien no estará disponible en esas fechas, lamenta no poder asistir.",
            "decline",
        ),
    ],
    "a Chinese relative clause about the Minister": [
        ("届时无法出席会议的部长已委托副部长代表其发言。", "accept"),
        ("因公务无法出席的部长委派信息通信管理局局长宣读我国声明。", "accept"),
        # The designation itself negated: a refusal.
        ("部长没有委托副部长代表其发言。", "decline"),
        ("部长不会委派副部长出席。", "decline"),
    ],
    "thanks and wishes offered for acceptance": [
        ("Please accept our thanks and best wishes for the Forum.", "other"),
        (
            "Veuillez accepter nos remerciements et nos meilleurs vœux de succès pour le Forum.",
            "other",
        ),
        ("Les ruego acepten nuestro agradecimiento y mejores deseos para el Foro.", "other"),
        ("Примите нашу благодарность и наилучшие пожелания успеха Форуму.", "other"),
        ("请接受我们的谢意和良好祝愿。", "other"),
        ("تقبلوا شكرنا وأطيب تمنياتنا بنجاح المنتدى.", "other"),
        # The answer after the courtesy, and "accept our regrets", still answer.
        (
            "Please accept our thanks for the invitation, which the Minister accepts with "
            "pleasure.",
            "accept",
        ),
        ("Please accept our regrets.", "decline"),
        ("The Minister accepts with thanks.", "accept"),
    ],
    "confidentiality denied": [
        (
            "This reply is not confidential and may be shared: the Minister cannot attend the "
            "Forum.",
            "decline",
        ),
        (
            "Ce message n'est pas confidentiel : le Ministre ne pourra pas participer au Forum.",
            "decline",
        ),
        ("Este mensaje no es confidencial: la Ministra no podrá participar en el Foro.", "decline"),
        (
            "Это письмо не является конфиденциальным: Министр не сможет принять участие в Форуме.",
            "decline",
        ),
        ("本邮件内容不涉密，可转交会议主办方：部长不能出席本次会议。", "decline"),
        (
            "هذه الرسالة ليست سرية، ويمكن إبلاغ المنظمين بأن الوزير لن يتمكن من المشاركة في "
            "المنتدى.",
            "decline",
        ),
    ],
    "a connective between commas": [
        ("Les confirmamos, por tanto, su participación en las sesiones de alto nivel.", "accept"),
        (
            "We confirm, therefore, the Minister's participation in the high-level sessions.",
            "accept",
        ),
        (
            "Nous confirmons, donc, la participation du Ministre aux sessions de haut niveau.",
            "accept",
        ),
        ("Подтверждаем, таким образом, участие Министра в сессиях высокого уровня.", "accept"),
        # A promise to confirm later is still one.
        ("Le confirmaremos, por tanto, su participación más adelante.", "other"),
        ("El Ministro no podrá asistir, por tanto, no enviaremos declaración.", "decline"),
    ],
    "words of refusal and acceptance": [
        ("Minister can't do it this time unfortunately.", "decline"),
        ("Sorry, the Minister won't be able to do it this year.", "decline"),
        ("Please do it by 1 March.", "other"),
        (
            "Je vous remercie de cette invitation, à laquelle il ne pourra malheureusement pas "
            "répondre favorablement.",
            "decline",
        ),
        ("Le Ministre ne pourra pas répondre favorablement à votre invitation.", "decline"),
        ("ولن نقدم بياناً.", "decline"),
        ("لن يقدم الوفد أي بيان في الجلسات.", "decline"),
        ("لا نملك بيانات عن موعد الجلسة.", "other"),
        ("قررت الهيئة الوطنية للأمن السيبراني المشاركة في الجلسات.", "accept"),
        ("قررت الهيئة الوطنية للأمن السيبراني عدم المشاركة في الجلسات.", "decline"),
        ("感谢贵方邀请科学技术部部长出席高级别政策会议。", "other"),
        ("谢谢您邀请部长出席。", "other"),
        ("感谢贵方邀请，部长将出席高级别政策会议。", "accept"),
    ],
}


@pytest.mark.parametrize(("table", "text", "kind"), cases(READINGS))
def test_each_reading(table: str, text: str, kind: str) -> None:
    assert_reading(table, text, kind)

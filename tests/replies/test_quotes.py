"""Quote headers of Lotus Notes / Domino and Outlook for Mac are cut: the quoted invitation
("please confirm acceptance") never speaks for the reply."""

from __future__ import annotations

import pytest

from circular.replies.mailtext import cut_quoted

CASES = {
    "notes_classic": "\n".join(
        [
            "The Minister will attend.",
            "",
            "",
            "",
            '"WSIS Forum Secretariat" <wsis@example.org>',
            "03/02/2021 10:15",
            "",
            "To",
            "minister@mofa.gov.example",
            "cc",
            "",
            "Subject",
            "CL-21/4: please confirm acceptance",
            "",
            "We invite the Minister to confirm acceptance.",
        ]
    ),
    "notes_fr": "\n".join(
        [
            "Le Ministre participera.",
            "",
            '"Secrétariat" <wsis@example.org>',
            "03/02/2021 10:15",
            "",
            "A",
            "minister@mofa.gov.example",
            "cc",
            "",
            "Objet",
            "CL-21/4",
            "",
            "Merci de confirmer.",
        ]
    ),
    "notes_wrote_on": "\n".join(
        [
            "The Minister will attend.",
            "",
            "WSIS Secretariat/ITU@ITU wrote on 03/02/2021 10:15:12:",
            "",
            "> please confirm acceptance",
        ]
    ),
    "notes_wrote_on2": "\n".join(
        [
            "The Minister will attend.",
            "",
            "WSIS Secretariat/ITU@ITU wrote on 03/02/2021 10:15:12:",
            "",
            "please confirm acceptance",
        ]
    ),
    "notes_dash": "\n".join(
        [
            "The Minister will attend.",
            "",
            '-----"WSIS Forum" <wsis@example.org> wrote: -----',
            "",
            "To: minister@x",
            "please confirm acceptance",
        ]
    ),
    "notes_fwd": "\n".join(
        [
            "The Minister will attend.",
            "",
            "----- Forwarded by John Smith/MOFA on 03/02/2021 10:15 -----",
            "",
            "please confirm acceptance",
        ]
    ),
    "mac_en": "\n".join(
        [
            "The Minister will attend.",
            "",
            "From: WSIS Forum Secretariat <wsis@example.org>",
            "Date: Wednesday, 3 February 2021 at 10:15",
            "To: Minister <m@x>",
            "Subject: CL-21/4",
            "",
            "please confirm acceptance",
        ]
    ),
    "mac_ru": "\n".join(
        [
            "Министр примет участие.",
            "",
            "От кого: WSIS <wsis@example.org>",
            "Дата: среда, 3 февраля 2021 г. в 10:15",
            "Кому: m@x",
            "Тема: CL-21/4",
            "",
            "просим подтвердить участие",
        ]
    ),
    # Notes' header table flattened to text: each label and its value on one line, a tab
    # between them (the form Notes and Verse give when the reply is sent as plain text).
    "notes_tabbed_ru": "\n".join(
        [
            "Министр примет участие.",
            "",
            "Секретариат ВВУИО <wsis@example.org>",
            "05/02/2021 09:40",
            "",
            "Кому\tmid@mfa.example",
            "Копия\t",
            "Тема\tCL-21/4",
            "",
            "Просим подтвердить Ваше согласие.",
        ]
    ),
    "notes_tabbed_en": "\n".join(
        [
            "Regrettably the Minister cannot attend.",
            "",
            "Forum Office <forum@example.org>",
            "05/02/2021 09:40",
            "",
            "To\tdesk@mfa.example",
            "cc\t",
            "Subject\tHigh-level track",
            "",
            "Please confirm your acceptance and participation.",
        ]
    ),
    "mac_fr": "\n".join(
        [
            "Le Ministre participera.",
            "",
            "De : WSIS <wsis@example.org>",
            "Date : mercredi 3 février 2021 à 10:15",
            "À : m@x",
            "Objet : CL-21/4",
            "",
            "confirmer",
        ]
    ),
    "mac_es_replyto": "\n".join(
        [
            "El Ministro participará.",
            "",
            "De: WSIS <wsis@example.org>",
            "Responder a: WSIS <wsis@example.org>",
            "Fecha: miércoles, 3 de febrero de 2021, 10:15",
            "Para: m@x",
            "Asunto: CL-21/4",
            "",
            "confirmar",
        ]
    ),
    "mac_zh": "\n".join(
        [
            "部长将出席。",
            "",
            "发件人: WSIS <wsis@example.org>",
            "日期: 2021年2月3日 星期三 上午10:15",
            "收件人: m@x",
            "主题: CL-21/4",
            "",
            "请确认",
        ]
    ),
    "mac_ar": "\n".join(
        [
            "سيشارك الوزير.",
            "",
            "من: WSIS <wsis@example.org>",
            "التاريخ: الأربعاء، 3 فبراير 2021 10:15",
            "إلى: m@x",
            "الموضوع: CL-21/4",
            "",
            "يرجى التأكيد",
        ]
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_quote_header_is_cut(name: str) -> None:
    kept, quoted = cut_quoted(CASES[name])
    assert "\n" not in kept.strip(), kept
    assert quoted


def test_a_line_saying_to_is_not_a_notes_header_without_its_labels() -> None:
    text = "The Minister will attend.\nTo\nbe confirmed."
    assert cut_quoted(text)[0] == text


def test_a_tab_after_to_is_no_notes_header_without_its_labels() -> None:
    text = "The Minister will attend.\nTo\tbe confirmed: the speaking slot."
    assert cut_quoted(text)[0] == text

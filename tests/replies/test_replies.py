"""Reply classification: the labelled corpus, and the pieces (charsets, quotes, negation,
delegates, return dates, limits, bad input, the CLI)."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections import defaultdict
from datetime import date
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from pathlib import Path

import pytest
from typer.testing import CliRunner

from circular.cli import _register, app
from circular.ledger import ReplyKind
from circular.replies.autoreplies import extract_return_date
from circular.replies.classify import NotAnEmail, classify_message, classify_text, detect_language
from circular.replies.mailtext import (
    Limits,
    clean_reply,
    cut_quoted,
    decode_bytes,
    docx_text,
    header_text,
    html_to_text,
    parse_message,
)

CORPUS = Path(__file__).parents[1] / "data" / "replies"
LABELS = list(csv.DictReader((CORPUS / "labels.csv").open(encoding="utf-8")))


@pytest.fixture(scope="module")
def results() -> dict[str, object]:
    """Every corpus message classified once."""
    return {row["file"]: classify_message((CORPUS / row["file"]).read_bytes()) for row in LABELS}


# --- the corpus -----------------------------------------------------------------------------


def test_corpus_is_large_and_covers_every_kind_and_language() -> None:
    assert len(LABELS) >= 72
    kinds = {row["kind"] for row in LABELS}
    assert kinds == {"accept", "decline", "other", "auto_reply", "bounce"}
    for language in ("ar", "en", "es", "fr", "ru", "zh"):
        mine = {row["kind"] for row in LABELS if row["language"] == language}
        assert {"accept", "decline", "other", "auto_reply"} <= mine, language
    assert all((CORPUS / row["file"]).exists() for row in LABELS)


@pytest.mark.parametrize("row", LABELS, ids=[row["file"] for row in LABELS])
def test_corpus_message(row: dict[str, str], results: dict) -> None:
    result = results[row["file"]]
    if row["file"] in BELOW_THRESHOLD:
        # Round 9: a decline with "not yet set" beside it (0.86) is below the threshold 0.90;
        # the second reader (never trained on this corpus) confirms it.
        assert result.kind.value == row["kind"] and not result.needs_review, result.evidence
        assert "confirms the guess the rules held back" in result.cues[-1], result.cues
    else:
        assert result.kind.value == row["kind"], result.evidence
    assert (result.language or "") == row["language"]
    assert result.evidence
    assert 0.0 <= result.confidence <= 1.0
    if row["kind"] == "bounce":
        assert result.bounce_recipient == row["recipient"]
        assert result.bounce_permanent is (row["permanent"] == "true")
    if row["kind"] == "auto_reply":
        assert (result.return_date.isoformat() if result.return_date else "") == row["return_date"]
    assert (result.delegate or "") == row["delegate"]


# Messages whose answer stood at 0.86-0.89 before round 9 raised the threshold to 0.90: the
# rules alone send them to a person, with the right guess; the second reader (never trained on
# this corpus) confirms it, and the answer stands (test_corpus_message checks both). Round 10 made
# zh_attach_docx_decline.eml final again: its "贵方…函收悉" is the formal opening, not a hedge.
BELOW_THRESHOLD = {"en_decline_gmail.eml"}


def test_corpus_score_per_kind_and_language(results: dict) -> None:
    """Every message right, per kind and per language (the table the report shows)."""
    table: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for row in LABELS:
        result = results[row["file"]]
        guess = result.kind.value
        right = guess == row["kind"]
        for key in (f"kind:{row['kind']}", f"language:{row['language'] or 'none'}"):
            table[key][0] += right
            table[key][1] += 1
    wrong = {key: f"{ok}/{total}" for key, (ok, total) in table.items() if ok != total}
    assert wrong == {}


def test_quoted_invitation_never_decides(results: dict) -> None:
    """Replies that only ask or promise an answer quote an invitation asking to "confirm
    acceptance"; none of them may be read as an acceptance."""
    for row in LABELS:
        if row["kind"] == "other":
            assert results[row["file"]].kind == ReplyKind.OTHER, row["file"]
            assert "confirm acceptance" not in results[row["file"]].evidence


# --- charsets and MIME ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "charset"),
    [
        ("Le Ministre participera à la séance", "iso-8859-1"),
        ("Министр примет участие", "windows-1251"),
        ("Министр примет участие", "koi8-r"),
        ("سيشارك معالي الوزير", "windows-1256"),
        ("部长将出席", "gb2312"),
        ("部長將出席", "big5"),
        ("Señora Ministra", "utf-8"),
    ],
)
def test_decode_bytes_round_trips(text: str, charset: str) -> None:
    assert decode_bytes(text.encode(charset), charset) == text


def test_gb2312_label_on_gbk_text_and_latin1_label_on_windows_1252() -> None:
    # 镕 is GBK, not GB2312: offices label GBK text gb2312 all the time.
    assert decode_bytes("朱镕基".encode("gbk"), "gb2312") == "朱镕基"
    assert decode_bytes(b"\x93quoted\x94 \x96 dash", "iso-8859-1") == "“quoted” – dash"


def test_unknown_charset_label_falls_back_to_detection() -> None:
    text = "Министр не сможет принять участие в форуме в этом году, к сожалению."
    decoded = decode_bytes(text.encode("windows-1251"), "x-unknown-charset")
    assert "участие" in decoded


def test_encoded_header_is_decoded() -> None:
    msg = MIMEText("x", "plain", "utf-8")
    msg["Subject"] = (
        "=?koi8-r?b?" + __import__("base64").b64encode("Автоответ".encode("koi8-r")).decode() + "?="
    )
    assert header_text(msg, "Subject") == "Автоответ"


def test_html_only_reply_is_read_without_its_blockquote() -> None:
    html = (
        "<html><body><p>The Minister regrets that she cannot attend.</p>"
        '<div class="gmail_quote"><blockquote>Please confirm acceptance before 1 March.'
        "</blockquote></div></body></html>"
    )
    text = html_to_text(html)
    assert "cannot attend" in text
    assert "confirm acceptance" not in clean_reply(text)


# --- quotes and signatures ------------------------------------------------------------------


@pytest.mark.parametrize(
    "header",
    [
        "From: WSIS <a@example.org>\nSent: Wednesday, 3 February 2021 10:12\nTo: Office",
        "De : WSIS <a@example.org>\nEnvoyé : mercredi 3 février 2021 10:12\nÀ : Cabinet",
        "De: WSIS <a@example.org>\nEnviado el: miércoles, 3 de febrero de 2021\nPara: Despacho",
        "От: WSIS <a@example.org>\nОтправлено: 3 февраля 2021 г. 10:12\nКому: Министр",
        "发件人: WSIS <a@example.org>\n发送时间: 2021年2月3日 10:12\n收件人: 部长办公室",
        "من: WSIS <a@example.org>\nتاريخ الإرسال: 3 فبراير 2021\nإلى: مكتب الوزير",
        "On Wed, 3 Feb 2021 at 10:12, WSIS Forum Secretariat <a@example.org>\nwrote:",
        "Le mer. 3 févr. 2021 à 10:12, WSIS <a@example.org> a écrit :",
        "El mié, 3 feb 2021 a las 10:12, WSIS (<a@example.org>) escribió:",
        "03.02.2021 10:12, WSIS пишет:",
        "在 2021/2/3 10:12, WSIS 写道:",
        "في 3 فبراير 2021، كتب WSIS <a@example.org>:",
        "-----Original Message-----",
        "-----Mensaje original-----",
        "-----Исходное сообщение-----",
        "------------------ 原始邮件 ------------------",
    ],
)
def test_cut_quoted_in_every_style(header: str) -> None:
    text = f"Our answer follows.\n\n{header}\n\nPlease confirm acceptance before 1 March 2021."
    mine, quoted = cut_quoted(text)
    assert mine == "Our answer follows."
    assert "confirm acceptance" in quoted


def test_lines_starting_with_gt_are_dropped_and_interleaved_answers_kept() -> None:
    text = "> Please confirm acceptance.\nThe Minister accepts.\n> Three minutes.\nNoted."
    assert cut_quoted(text)[0] == "The Minister accepts.\nNoted."


def test_signature_and_close_are_cut() -> None:
    text = "The Minister will attend.\n\nBest regards,\nJohn\nPlease accept our apologies"
    assert clean_reply(text) == "The Minister will attend."
    assert clean_reply("Le Ministre participera.\nCordialement,\nX") == "Le Ministre participera."
    assert clean_reply("部长将出席。\n此致\n敬礼") == "部长将出席。"


def test_reply_that_only_quotes_is_other() -> None:
    text = (
        "Thanks, received.\n\nOn 3 Feb 2021, at 10:12, WSIS wrote:\n\n> Please confirm acceptance"
    )
    assert classify_text(clean_reply(text)).kind == ReplyKind.OTHER


# --- deciding: negation, hedging, delegates (sentences not in the corpus) ------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The Minister cannot accept the invitation this year.",
        "It will not be possible for the Minister to take part in the Forum.",
        "We are sorry to say that the Minister has a scheduling conflict and must decline.",
        "Le Ministre n'est pas en mesure d'accepter cette invitation.",
        "La Ministra no podrá asistir al Foro por motivos de agenda.",
        "Lamentablemente no será posible la participación del Ministro.",
        "Министр, к сожалению, не сможет выступить на Форуме.",
        "部长届时无法出席论坛。",
        "يتعذر على معالي الوزير حضور المنتدى.",
        "لن يتمكن الوزير من المشاركة هذا العام.",
    ],
)
def test_negated_participation_is_a_decline(sentence: str) -> None:
    assert classify_text(sentence).kind == ReplyKind.DECLINE


@pytest.mark.parametrize(
    "sentence",
    [
        "The Minister is happy to take part and will join the session online.",
        "Madame la Ministre prendra part au segment de haut niveau.",
        "El Ministro participará con mucho gusto.",
        "Министр примет участие в Форуме.",
        "部长将参加论坛并发言。",
        "سيشارك معالي الوزير في المنتدى.",
    ],
)
def test_positive_participation_is_an_accept(sentence: str) -> None:
    assert classify_text(sentence).kind == ReplyKind.ACCEPT


@pytest.mark.parametrize(
    "text",
    [
        "We will revert shortly.",
        "The request is under consideration and we will get back to you in due course.",
        "The Minister would be glad to participate, subject to the approval of her travel.",
        "Could the statement be delivered in Spanish?",
        "Nous reviendrons vers vous dès que possible.",
        "El Ministro participará si su agenda lo permite.",
        "Если позволит график, министр выступит.",
        "如果日程允许，部长将出席。",
        "إذا سمح جدول الأعمال، سيشارك الوزير.",
        "Please accept the assurances of my highest consideration.",
        "Thank you for your letter inviting the Minister to participate.",
    ],
)
def test_pending_conditional_questions_and_courtesy_are_other(text: str) -> None:
    assert classify_text(text).kind == ReplyKind.OTHER


def test_delegate_is_an_accept_and_named() -> None:
    decision = classify_text(
        "The Minister is travelling that week; the Minister of State, Ms. Amina Bello, will"
        " make the statement in her place."
    )
    assert decision.kind == ReplyKind.ACCEPT
    assert decision.delegate is not None and "Minister of State" in decision.delegate
    assert "Amina Bello" in decision.delegate


@pytest.mark.parametrize(
    ("text", "delegate"),
    [
        (
            "The Minister regrets that she cannot attend in person; H.E. Mr John Smith, Deputy "
            "Minister, will deliver the statement on her behalf.",
            "H.E. Mr John Smith, Deputy Minister",
        ),
        (
            "The statement will be delivered by Ms Jane Brown, State Secretary for Digital "
            "Affairs on behalf of the Minister.",
            "Ms Jane Brown, State Secretary for Digital Affairs",
        ),
        (
            "El Ministro no podrá asistir personalmente; S.E. el Sr. Juan García, Viceministro, "
            "pronunciará la declaración en su nombre.",
            "S.E. el Sr. Juan García, Viceministro",
        ),
    ],
)
def test_a_delegate_named_before_the_title_keeps_the_name(text: str, delegate: str) -> None:
    decision = classify_text(text)
    assert decision.kind == ReplyKind.ACCEPT and decision.delegate == delegate


def test_negated_delegate_is_not_an_accept() -> None:
    decision = classify_text("Neither the Minister nor the Ambassador will be able to attend.")
    assert decision.kind == ReplyKind.DECLINE
    assert decision.delegate is None


def test_accept_and_decline_without_contrast_go_to_a_person() -> None:
    decision = classify_text("The Minister accepts. The Minister cannot attend.")
    assert decision.kind == ReplyKind.OTHER
    assert decision.confidence < 0.6


def test_contrast_decides_between_accept_and_decline() -> None:
    text = "The Minister cannot travel to Geneva, but she will deliver the statement online."
    assert classify_text(text).kind == ReplyKind.ACCEPT


# --- language -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The Minister will deliver the statement online next month.", "en"),
        ("Le Ministre prononcera la déclaration en ligne le mois prochain.", "fr"),
        ("El Ministro pronunciará la declaración en línea el mes próximo.", "es"),
        ("Министр выступит с заявлением в следующем месяце.", "ru"),
        ("部长将于下月在线发言。", "zh"),
        ("سيلقي الوزير البيان عبر الإنترنت الشهر المقبل.", "ar"),
        ("OK", None),
        ("", None),
    ],
)
def test_detect_language(text: str, language: str | None) -> None:
    assert detect_language(text) == language


# --- return dates ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I will be back on 15 February.", date(2021, 2, 15)),
        ("Back in the office on February 15th.", date(2021, 2, 15)),
        ("Je serai de retour le 15 février.", date(2021, 2, 15)),
        ("Regresaré el 15 de febrero.", date(2021, 2, 15)),
        ("Вернусь 15 февраля.", date(2021, 2, 15)),
        ("我将于2月15日返回办公室。", date(2021, 2, 15)),
        ("سأعود في ١٥ فبراير.", date(2021, 2, 15)),
        ("Out of office until 2021-02-19.", date(2021, 2, 19)),
        ("Absent jusqu'au 19/02/2021.", date(2021, 2, 19)),
        ("Nicht im Büro, back 19.02.", date(2021, 2, 19)),
        ("Re: CL-21/4 – I am away.", None),
        ("Your message was read on 4 February.", None),
    ],
)
def test_extract_return_date(text: str, expected: date | None) -> None:
    assert extract_return_date(text, date(2021, 2, 3)) == expected


def test_return_date_year_is_inferred_across_new_year() -> None:
    assert extract_return_date("Back on 4 January.", date(2020, 12, 21)) == date(2021, 1, 4)
    assert extract_return_date("Back on 4 January 2022.", date(2020, 12, 21)) == date(2022, 1, 4)


# --- limits ---------------------------------------------------------------------------------


def _reply_with(parts: list[MIMEText | MIMEMultipart]) -> bytes:
    msg = MIMEMultipart("mixed")
    msg["From"] = "a@example.org"
    msg["Subject"] = "Re: CL-21/4"
    for part in parts:
        msg.attach(part)
    return msg.as_bytes()


def test_message_over_size_limit_goes_to_review() -> None:
    raw = (CORPUS / "en_accept_gmail.eml").read_bytes()
    result = classify_message(raw, limits=Limits(max_message_bytes=100))
    assert result.kind == ReplyKind.OTHER
    assert result.confidence < 0.6
    assert "max_message_bytes" in result.evidence


def test_too_many_parts_and_too_deep_go_to_review() -> None:
    many = _reply_with([MIMEText("The Minister accepts.") for _ in range(20)])
    result = classify_message(many, limits=Limits(max_parts=10))
    assert (result.kind, "max_parts" in result.evidence) == (ReplyKind.OTHER, True)
    inner: MIMEText | MIMEMultipart = MIMEText("The Minister accepts.")
    for _ in range(8):
        wrapper = MIMEMultipart("mixed")
        wrapper.attach(inner)
        inner = wrapper
    deep = _reply_with([inner])
    result = classify_message(deep, limits=Limits(max_depth=5))
    assert (result.kind, "max_depth" in result.evidence) == (ReplyKind.OTHER, True)
    assert classify_message(deep).kind == ReplyKind.ACCEPT


def test_docx_zip_bomb_is_refused_before_inflating() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * 3_000_000)
    bomb = buffer.getvalue()
    assert len(bomb) < 50_000
    from email.mime.application import MIMEApplication

    part = MIMEApplication(bomb, "vnd.openxmlformats-officedocument.wordprocessingml.document")
    part.add_header("Content-Disposition", "attachment", filename="reply.docx")
    raw = _reply_with([MIMEText("Please find attached our reply."), part])
    result = classify_message(raw, limits=Limits(max_docx_uncompressed_bytes=1_000_000))
    assert result.kind == ReplyKind.OTHER
    assert "max_docx_uncompressed_bytes" in result.evidence
    with pytest.raises(Exception, match="max_docx_uncompressed_bytes"):
        docx_text(bomb, Limits(max_docx_uncompressed_bytes=1_000_000))


def test_pdf_over_page_limit_goes_to_review() -> None:
    from email.mime.application import MIMEApplication

    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(3):
        writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    part = MIMEApplication(buffer.getvalue(), "pdf")
    part.add_header("Content-Disposition", "attachment", filename="reply.pdf")
    raw = _reply_with([MIMEText("See attached."), part])
    result = classify_message(raw, limits=Limits(max_pdf_pages=2))
    assert (result.kind, "max_pdf_pages" in result.evidence) == (ReplyKind.OTHER, True)
    assert "without text" in classify_message(raw).evidence


# --- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "header line"),
        (b"country,email\nFRA,a@example.org\n", "header line"),
        (b"X-Custom: 1\n\nbody", "no From"),
    ],
)
def test_not_an_email(data: bytes, reason: str) -> None:
    with pytest.raises(NotAnEmail, match=reason):
        classify_message(data)
    with pytest.raises(NotAnEmail):
        parse_message(data)


def test_bom_and_leading_blank_lines_are_tolerated() -> None:
    raw = (CORPUS / "en_accept_gmail.eml").read_bytes()
    assert classify_message(b"\xef\xbb\xbf\r\n" + raw).kind == ReplyKind.ACCEPT


def test_to_json_is_serialisable(results: dict) -> None:
    for result in results.values():
        json.dumps(result.to_json())
    bounce = results["bounce_postfix_permanent.eml"].to_json()
    assert bounce["bounce_recipient"] == "minister@mict.gov.example"
    assert bounce["bounce_permanent"] is True


# --- the CLI --------------------------------------------------------------------------------


def test_cli_classify_json_and_bad_file(tmp_path: Path) -> None:
    _register()
    bad = tmp_path / "contacts.csv"
    bad.write_text("country,email\nFRA,a@example.org\n", encoding="utf-8")
    files = [
        CORPUS / "fr_decline_gmail.eml",
        bad,
        CORPUS / "bounce_exim_permanent.eml",
        CORPUS / "auto_es_vacaciones.eml",
        tmp_path / "missing.eml",
    ]
    result = CliRunner().invoke(app, ["classify", "--json", *map(str, files)])
    assert result.exit_code == 1
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["kind"] for line in lines] == ["decline", "bounce", "auto_reply"]
    assert lines[0]["language"] == "fr"
    assert {"file", "kind", "language", "confidence", "evidence"} <= set(lines[0])
    assert lines[1]["recipient"] == "despacho@mintic.gob.example"
    assert lines[1]["permanent"] is True
    assert lines[2]["return_date"] == "2021-02-22"
    assert f"{bad}: not classified" in result.stderr
    assert "missing.eml: not classified" in result.stderr


def test_cli_classify_text_output() -> None:
    _register()
    result = CliRunner().invoke(app, ["classify", str(CORPUS / "zh_delegate_big5.eml")])
    assert result.exit_code == 0
    assert "\taccept\tzh\t" in result.stdout


SENTENCES = list(csv.DictReader((CORPUS / "sentences.csv").open(encoding="utf-8")))


def test_sentences_outside_the_corpus() -> None:
    """150 reply sentences written apart from the corpus, in four rounds, each round scored
    once before any lexicon change (see the report). A reply with no participation word at
    all ("OK for the Minister.", "Sure, she'll do it.") goes to a person by design, so the bar
    is 97% exact; going the wrong way (accept <-> decline, or other -> accept/decline) is never
    allowed: a person can fix "other", nobody notices a wrong decision."""
    wrong_way = []
    right = 0
    for row in SENTENCES:
        got = classify_text(row["text"]).kind.value
        right += got == row["kind"]
        if got != row["kind"] and got != "other":
            wrong_way.append((row["text"], row["kind"], got))
    assert wrong_way == []
    assert right / len(SENTENCES) >= 0.97


def test_success_dsn_is_not_a_bounce() -> None:
    raw = (CORPUS / "bounce_gmail_delay.eml").read_bytes()
    success = (
        raw.replace(b"Action: delayed", b"Action: delivered")
        .replace(b"Status: 4.4.1", b"Status: 2.0.0")
        .replace(b"(Delay)", b"(Success)")
    )
    result = classify_message(success)
    assert result.kind == ReplyKind.AUTO_REPLY
    assert classify_message(raw).kind == ReplyKind.BOUNCE


def test_attached_original_message_is_not_read_as_the_reply() -> None:
    from email.mime.message import MIMEMessage

    original = MIMEText(
        "I would be grateful if you could confirm acceptance. The Minister will attend."
    )
    original["Subject"] = "CL-21/4"
    raw = _reply_with([MIMEText("Thanks, noted."), MIMEMessage(original)])
    assert classify_message(raw).kind == ReplyKind.OTHER
    raw = _reply_with([MIMEText("The Minister accepts."), MIMEMessage(original)])
    assert classify_message(raw).kind == ReplyKind.ACCEPT


def test_auto_submitted_no_is_a_person() -> None:
    raw = (
        (CORPUS / "en_accept_gmail.eml")
        .read_bytes()
        .replace(b"Message-ID:", b"Auto-Submitted: no\r\nMessage-ID:", 1)
    )
    assert classify_message(raw).kind == ReplyKind.ACCEPT


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Le Ministre ne pourra intervenir que par vidéo.", ReplyKind.ACCEPT),
        ("Le Ministre n'interviendra qu'en ligne.", ReplyKind.ACCEPT),
        ("Le Ministre ne pourra pas participer, ce que nous regrettons.", ReplyKind.DECLINE),
        ("There is no objection: the Minister will attend.", ReplyKind.ACCEPT),
        ("Ref. No. 45/2021: the Minister will deliver the statement.", ReplyKind.ACCEPT),
    ],
)
def test_words_that_look_negative_but_negate_nothing(sentence: str, kind: ReplyKind) -> None:
    assert classify_text(sentence).kind == kind


def test_mangled_messages_never_break_the_classifier() -> None:
    """Corpus messages truncated, with bytes overwritten or sections duplicated: each is either
    not an e-mail or classified, and none needs the last-resort "malformed message" net (the
    parsers themselves cope)."""
    import random

    rng = random.Random(20210301)
    messages = [(CORPUS / row["file"]).read_bytes() for row in LABELS]
    for _ in range(400):
        data = bytearray(rng.choice(messages))
        choice = rng.random()
        if choice < 0.35:
            data = data[: rng.randrange(1, len(data))]
        elif choice < 0.7:
            for _ in range(rng.randrange(1, 30)):
                data[rng.randrange(len(data))] = rng.randrange(256)
        else:
            start, source = rng.randrange(len(data)), rng.randrange(len(data))
            data[start:start] = data[source : source + 200]
        try:
            result = classify_message(bytes(data))
        except NotAnEmail:
            continue
        assert "malformed message" not in result.evidence, result.evidence

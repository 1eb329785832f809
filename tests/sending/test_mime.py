"""Building a letter's e-mail: structure, encodings, identity headers, no header injection."""

from __future__ import annotations

import email
from email.header import decode_header, make_header
from email.policy import default
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from circular import tokens
from circular.sending.mime import DOCX_TYPE, Mailbox, MessageBuildError, build_message, encode_words
from tests.support.outbox_helpers import letter


def _parse(data: bytes) -> email.message.EmailMessage:
    return email.message_from_bytes(data, policy=default)  # type: ignore[return-value]


def test_letter_has_cover_note_attachment_and_identity(tmp_path: Path) -> None:
    docx = tmp_path / "ESP.es.docx"
    docx.write_bytes(b"PK\x03\x04 fake docx")
    token = tokens.new_token()
    built = build_message(letter(7, 7, attachment=docx), token, "bounces@itu.example")

    # Serialised once, for SMTP: CRLF line ends, ASCII only (non-ASCII is RFC 2047/base64).
    assert b"\r\n" in built.data and b"\n" not in built.data.replace(b"\r\n", b"")
    built.data.decode("ascii")
    assert b"=?utf-8?" in built.data  # encoded-words for the Spanish subject and name

    parsed = _parse(built.data)
    assert parsed["Subject"] == "Invitación al Foro de la CMSI de 2021 – CL-21/4"
    assert parsed["To"].addresses[0].display_name == "Ministra Número 7"
    assert parsed["Cc"] == "cabinet-7@country7.example"
    assert parsed["Reply-To"] == "wsis-replies@itu.example"
    assert parsed["From"].addresses[0].addr_spec == "sg@itu.example"
    assert parsed["Message-ID"] == tokens.message_id_for(token, "cl-21-4", "itu.example")
    assert tokens.token_from_message_id(parsed["Message-ID"]) == token
    assert parsed["X-Circular-Campaign"] == "cl-21-4"
    assert parsed["X-Circular-Token"] == token
    assert parsed["Content-Language"] == "es"
    assert parsed["Auto-Submitted"] is None  # personal letters, not automatic mail
    assert built.message_id == parsed["Message-ID"]
    assert built.envelope_from == f"bounces+{token}@itu.example"
    assert built.recipients == ("minister-7@country7.example", "cabinet-7@country7.example")

    assert parsed.get_content_type() == "multipart/mixed"
    body = parsed.get_body(preferencelist=("plain",))
    html = parsed.get_body(preferencelist=("html",))
    assert body is not None and "Excelentísima Señora" in body.get_content()
    assert html is not None and "<p>Excelentísima Señora:</p>" in html.get_content()
    [attachment] = list(parsed.iter_attachments())
    assert attachment.get_content_type() == DOCX_TYPE
    assert attachment.get_filename() == "ESP.es.docx"
    assert attachment.get_content() == b"PK\x03\x04 fake docx"


def test_without_bounce_address_the_envelope_is_the_sender() -> None:
    built = build_message(letter(1, 1), tokens.new_token())
    assert built.envelope_from == "sg@itu.example"


def test_html_cover_note_escapes_and_is_right_to_left_for_arabic() -> None:
    item = letter(1, 1)
    item = type(item)(**{**item.__dict__, "language": "ar", "text": "سعادة <الوزير> & co"})
    html = _parse(build_message(item, tokens.new_token()).data).get_body(("html",))
    assert html is not None
    content = html.get_content()
    assert 'dir="rtl"' in content and "&lt;الوزير&gt; &amp; co" in content


def test_a_name_cannot_inject_a_header() -> None:
    evil = "Ministra\r\nBcc: spy@evil.example\r\nX-Evil: 1"
    parsed = _parse(build_message(letter(1, 1, name=evil), tokens.new_token()).data)
    assert parsed["Bcc"] is None and parsed["X-Evil"] is None
    assert parsed["To"].addresses[0].display_name == "Ministra Bcc: spy@evil.example X-Evil: 1"


@pytest.mark.parametrize(
    ("field", "kwargs"),
    [
        ("to", {"to": "minister@esp.example\r\nBcc: spy@evil.example"}),
        ("to", {"to": "minister@esp.example>\r\nRCPT TO:<spy@evil.example"}),
        ("to", {"to": "not an address"}),
        ("cc[1]", {"cc": ("ok@esp.example", "bad@@esp.example")}),
    ],
)
def test_a_bad_address_is_refused_naming_message_and_field(
    field: str, kwargs: dict[str, object]
) -> None:
    with pytest.raises(MessageBuildError) as error:
        build_message(letter(1, 1, **kwargs), tokens.new_token())  # type: ignore[arg-type]
    assert f"contact-1: {field}:" in str(error.value)


def test_a_subject_with_newlines_is_flattened() -> None:
    item = letter(1, 1)
    item = type(item)(**{**item.__dict__, "subject": "Invitación\r\nBcc: spy@evil.example"})
    parsed = _parse(build_message(item, tokens.new_token()).data)
    assert parsed["Bcc"] is None
    assert parsed["Subject"] == "Invitación Bcc: spy@evil.example"


def test_a_missing_attachment_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(MessageBuildError, match=r"contact-1: cannot read attachment .*nope\.docx"):
        build_message(letter(1, 1, attachment=tmp_path / "nope.docx"), tokens.new_token())


def test_sender_display_name_non_ascii() -> None:
    item = letter(1, 1)
    item = type(item)(**{**item.__dict__, "sender": Mailbox("sg@itu.example", "秘书长")})
    parsed = _parse(build_message(item, tokens.new_token()).data)
    assert parsed["From"].addresses[0].display_name == "秘书长"


def test_the_bytes_parse_without_defects_and_lines_stay_short(tmp_path: Path) -> None:
    docx = tmp_path / "Côte d'Ivoire.fr.docx"
    docx.write_bytes(bytes(range(256)) * 50)
    pdf = tmp_path / "CIV.fr.pdf"
    pdf.write_bytes(b"%PDF-1.7 fake")
    item = letter(1, 1, attachment=docx, name="Su Excelencia Número " * 8)
    item = type(item)(**{**item.__dict__, "attachments": (docx, pdf), "subject": "É" * 200})
    built = build_message(item, tokens.new_token())
    assert all(len(line) <= 998 for line in built.data.split(b"\r\n"))
    parsed = _parse(built.data)
    assert parsed["Subject"] == "É" * 200
    # A long name is folded into several encoded-words; the standard library's address parser
    # keeps a space at each fold (it does so for its own output too), so compare without them.
    name = parsed["To"].addresses[0].display_name
    assert name.replace(" ", "") == ("Su Excelencia Número " * 8).replace(" ", "")
    assert all(len(line) <= 78 for line in built.data.split(b"\r\n\r\n")[0].split(b"\r\n"))
    for part in parsed.walk():
        assert not part.defects, (part.get_content_type(), part.defects)
    attachments = list(parsed.iter_attachments())
    assert [a.get_filename() for a in attachments] == ["Côte d'Ivoire.fr.docx", "CIV.fr.pdf"]
    assert attachments[0].get_content() == bytes(range(256)) * 50
    assert attachments[1].get_content_type() == "application/pdf"


def test_a_bad_token_or_language_is_refused() -> None:
    with pytest.raises(MessageBuildError, match="not a letter token"):
        build_message(letter(1, 1), "x\r\nBcc: a@b.example")
    item = letter(1, 1)
    item = type(item)(**{**item.__dict__, "language": "es\r\nBcc: spy@evil.example"})
    with pytest.raises(MessageBuildError, match="not a language code"):
        build_message(item, tokens.new_token())


@given(
    text=st.text(
        st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=300
    ),
    used=st.integers(min_value=2, max_value=30),
)
# Found by Hypothesis: the text after a break at a space left no room for the next character.
@example(text="000" + "\xa0" * 21 + " 0000" + "\xa0" * 21, used=2)
def test_encoded_words_round_trip_and_stay_within_78_columns(text: str, used: int) -> None:
    encoded = encode_words(text, used)
    lines = encoded.split("\r\n")
    assert len(lines[0]) + used <= 78 and all(len(line) <= 78 for line in lines[1:])
    assert all(len(word.strip()) <= 75 for word in lines)
    assert str(make_header(decode_header(encoded))) == text

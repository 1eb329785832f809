"""Hostile and broken incoming mail, delivered into a real Dovecot and polled with circular's
real classifier, on SQLite and on PostgreSQL: the poll never crashes or stalls, each hostile
message is recorded for review with the reason (the limit it went over), stays readable in the
mailbox, and the message after it is still processed.

Also: random mutations of the reply corpus never make the classifier raise (hypothesis)."""

from __future__ import annotations

import imaplib
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from pydantic import SecretStr
from sqlalchemy import select

from circular.ledger import Ledger, Reply, ReplyKind, ReplyStatus
from circular.replies.classify import classify_message
from circular.replies.inbox import ImapConfig, Poller, _incoming, fetch_batches, with_limits
from circular.replies.mailtext import Limits, NotAnEmail
from circular.replies.matching import NO_MATCH
from circular.replies.outcomes import new_reply, storable
from circular.settings import Security, load_settings
from tests.servers.dovecot import ImapAccount
from tests.support import hostile_mail
from tests.support.inbox_support import add_letter

#: (name, builder, what the review reason must say). ``None``: the message is readable and
#: read; what it says decides (its hostile part is made harmless for the ledger).
CASES: list[tuple[str, Callable[[str], bytes], str | None]] = [
    ("truncated MIME", hostile_mail.truncated_mime, "could not decide"),
    ("multiparts nested 1,000 deep", hostile_mail.nested, "limit max_parts exceeded"),
    ("a 50 MB message", hostile_mail.large, "limit max_message_bytes exceeded"),
    ("unknown charset label", hostile_mail.unknown_charset, "could not decide"),
    ("NUL bytes in headers", hostile_mail.nul_headers, None),
    ("zip-bomb DOCX", hostile_mail.zip_bomb_docx, "limit max_docx_uncompressed_bytes exceeded"),
    ("PDF with a broken xref table", hostile_mail.broken_xref_pdf, None),
    ("no From", hostile_mail.no_from, "no From address"),
    ("Message-ID of 2,000 characters", hostile_mail.long_message_id, None),
    ("From of 432 characters", hostile_mail.long_from, None),
]


def _config(account: ImapAccount, max_message_bytes: int) -> ImapConfig:
    return ImapConfig(
        host=account.host,
        port=account.port,
        username=account.user,
        password=SecretStr(account.password),
        security=Security.NONE,
        max_message_bytes=max_message_bytes,
    )


def _mailbox_contents(account: ImapAccount) -> list[bytes]:
    """Every message in every folder of the account, as the server gives it back."""
    contents: list[bytes] = []
    with imaplib.IMAP4("127.0.0.1", account.port) as client:
        client.login(account.user, account.password)
        _typ, listing = client.list()
        for line in listing:
            assert isinstance(line, bytes)
            name = line.decode().rsplit(' "/" ', 1)[-1]
            if client.select(name, readonly=True)[0] != "OK":
                continue  # a parent folder that holds no messages (\Noselect)
            _typ, data = client.uid("FETCH", "1:*", "(BODY.PEEK[])")
            contents += [item[1] for item in data if isinstance(item, tuple)]
    return contents


@pytest.mark.dovecot
@pytest.mark.slow
@pytest.mark.both_databases
def test_hostile_messages_go_to_review_and_the_poll_goes_on(
    ledger: Ledger, imap_account: ImapAccount
) -> None:
    with ledger.session() as session:
        hostile_letter = add_letter(session, "FRA", "ministre@gouv.example").message_id
        good_letter = add_letter(session, "BRA", "gabinete@mc.example").message_id
    delivered: list[bytes] = []
    for index, (_name, build, _reason) in enumerate(CASES):
        delivered.append(build(hostile_letter))
        # After each hostile message, an ordinary acceptance that must still be processed.
        delivered.append(
            hostile_mail.plain(
                good_letter, message_id=f"<good.{index}@mc.example>", sender="gabinete@mc.example"
            )
        )
    for raw in delivered:
        imap_account.deliver(raw)

    # The limits come from the settings (CIRCULAR_MAIL_MAX_*), as in ``poll_once``; the 50 MB
    # message is over CIRCULAR_MAIL_MAX_BYTES, so only its headers are downloaded.
    settings = load_settings(mail_max_bytes=20 * 1024 * 1024)
    limits = Limits.from_settings(settings)
    assert ImapConfig.from_settings(settings).max_message_bytes == limits.max_message_bytes
    config = _config(imap_account, limits.max_message_bytes)
    read: list[int] = []

    def classify(raw: bytes, *, limits: Limits) -> object:
        read.append(len(raw))
        return classify_message(raw, limits=limits)

    poller = Poller(ledger, config, with_limits(classify, limits))
    result = poller.poll()

    assert result.fetched == result.processed == len(delivered)
    # The 50 MB message never reached the classifier (nor this process's memory) whole.
    assert len(read) == len(delivered) - 1
    assert max(read) < limits.max_message_bytes
    with ledger.session() as session:
        replies = list(session.scalars(select(Reply).order_by(Reply.uid)))
        assert len(replies) == len(delivered)
        for (name, _build, reason), hostile, good in zip(
            CASES, replies[0::2], replies[1::2], strict=True
        ):
            assert good.kind == ReplyKind.ACCEPT and good.status == ReplyStatus.DONE, name
            assert "\x00" not in hostile.message_id + hostile.from_addr + hostile.subject
            assert len(hostile.message_id) <= 998 and len(hostile.from_addr) <= 320, name
            if reason is not None:
                assert hostile.status == ReplyStatus.NEEDS_REVIEW, name
                assert reason in hostile.decision_note, (name, hostile.decision_note)
            else:
                assert hostile.kind in (ReplyKind.ACCEPT, ReplyKind.DECLINE), name
        # The PDF's text was recovered despite its broken table: it declines.
        assert replies[12].kind == ReplyKind.DECLINE
        # An "accept" without a sender is filed for review, not among the acceptances.
        assert replies[14].kind == ReplyKind.ACCEPT
        assert replies[14].filed_to == "Circular/Needs review"
    # Every message is still in the mailbox, byte for byte (filed, or kept in place).
    contents = _mailbox_contents(imap_account)
    for (name, _build, _reason), raw in zip(CASES, delivered[0::2], strict=True):
        # IMAP cannot carry a NUL: Dovecot hands each one out as 0x80 (RFC 3501 literals).
        assert raw.replace(b"\x00", b"\x80") in contents, name
    # A second poll finds nothing new and records nothing twice.
    again = poller.poll()
    assert again.fetched == 0
    with ledger.session() as session:
        assert len(list(session.scalars(select(Reply.id)))) == len(delivered)


@pytest.mark.both_databases
def test_hostile_headers_are_stored_as_the_ledger_can_hold_them(ledger: Ledger) -> None:
    # Straight to the ledger, NULs included (a server other than Dovecot may pass them on).
    stored = []
    for uid, (name, build, _reason) in enumerate(CASES, start=1):
        if build is hostile_mail.large:
            continue
        raw = build("<letter@secretariat.example.org>")
        incoming = _incoming(_CONFIG, 1, uid, raw)
        reply = new_reply(incoming, classify_message(raw), NO_MATCH)
        with ledger.session() as session:
            session.add(reply)
        stored.append(name)
    with ledger.session() as session:
        rows = list(session.scalars(select(Reply).order_by(Reply.uid)))
    assert len(rows) == len(stored)
    by_name = dict(zip(stored, rows, strict=True))
    assert by_name["NUL bytes in headers"].from_addr == "ministre@gouv.example"
    assert by_name["NUL bytes in headers"].message_id == "<nulid@gouv.example>"
    assert by_name["NUL bytes in headers"].subject == "Re: CL-21/4  NUL"
    assert len(by_name["Message-ID of 2,000 characters"].message_id) == 998
    assert len(by_name["From of 432 characters"].from_addr) == 320
    assert all(row.status == ReplyStatus.NEEDS_REVIEW for row in rows)  # none matched


def test_fetch_batches_bound_count_and_bytes() -> None:
    mib = 1024 * 1024
    sizes = {1: 10 * mib, 2: 10 * mib, 3: 50 * mib, 4: 1000 * mib, 5: 1, 6: 1, 7: 1}
    batches = list(
        fetch_batches(sorted(sizes), sizes, too_large=100 * mib, max_count=3, max_bytes=25 * mib)
    )
    # 3 alone (over max_bytes but under the limit), 4 weighs nothing (headers only).
    assert batches == [[1, 2], [3], [4, 5, 6], [7]]
    assert [uid for batch in batches for uid in batch] == sorted(sizes)


def test_settings_give_the_limits() -> None:
    limits = Limits.from_settings(
        load_settings(
            mail_max_bytes=2048,
            mail_max_parts=3,
            mail_max_depth=2,
            mail_max_decompressed_bytes=4096,
            mail_max_pdf_pages=1,
        )
    )
    assert limits == Limits(
        max_message_bytes=2048,
        max_parts=3,
        max_depth=2,
        max_docx_uncompressed_bytes=4096,
        max_pdf_pages=1,
        max_docx_members=Limits().max_docx_members,
    )
    bound = with_limits(classify_message, limits)
    result = bound(hostile_mail.plain("<x@y.example>", text="We accept. " * 300))
    assert "limit max_message_bytes exceeded" in result.evidence
    deep = hostile_mail.nested("<x@y.example>", depth=3)
    assert "limit max_parts exceeded" in bound(deep).evidence


def test_a_deep_nesting_under_a_high_part_limit_is_refused_by_depth() -> None:
    # Parts allowed, depth not: the parser's stack is the limit, and it is named.
    result = classify_message(hostile_mail.nested("<x@y.example>"), limits=Limits(max_parts=5000))
    assert result.kind == ReplyKind.OTHER
    assert "limit max_depth exceeded" in result.evidence


def test_a_header_naming_a_non_ascii_charset_is_kept_raw() -> None:
    # Found by the fuzzing below: decoding it raised CharsetError out of the poll.
    raw = hostile_mail.plain("<x@y.example>", subject="=?\x80indows-1256?Q?abc?=")
    raw = raw.replace("\x80".encode(), b"\x80")
    incoming = _incoming(_CONFIG, 1, 1, raw)
    assert "abc" in incoming.subject
    assert classify_message(raw).kind == ReplyKind.ACCEPT


CORPUS = sorted(path for path in hostile_mail.CORPUS.glob("*.eml"))
_CONFIG = ImapConfig(host="127.0.0.1", port=1, username="u", password=SecretStr("p"))
_LIMITS = Limits(max_message_bytes=1 << 20)

_mutation = st.one_of(
    st.tuples(st.just("cut"), st.floats(0, 1)),
    st.tuples(st.just("flip"), st.floats(0, 1), st.binary(min_size=1, max_size=8)),
    st.tuples(st.just("insert"), st.floats(0, 1), st.binary(min_size=1, max_size=64)),
    st.tuples(st.just("delete"), st.floats(0, 1), st.integers(1, 400)),
    st.tuples(st.just("repeat"), st.floats(0, 1), st.integers(1, 400)),
    st.tuples(st.just("charset"), st.sampled_from([b"x-unknown", b"\x00", b"utf-7", b"", b'"'])),
    st.tuples(st.just("nul"), st.floats(0, 1)),
)


def _mutate(raw: bytes, mutation: tuple[object, ...]) -> bytes:
    kind = mutation[0]
    at = int(float(mutation[1]) * len(raw)) if isinstance(mutation[1], float) else 0
    if kind == "cut":
        return raw[:at]
    if kind == "flip":
        data = mutation[2]
        assert isinstance(data, bytes)
        return raw[:at] + data + raw[at + len(data) :]
    if kind == "insert":
        data = mutation[2]
        assert isinstance(data, bytes)
        return raw[:at] + data + raw[at:]
    if kind == "delete":
        return raw[:at] + raw[at + int(mutation[2]) :]  # type: ignore[call-overload]
    if kind == "repeat":
        return raw[:at] + raw[at : at + int(mutation[2])] * 3 + raw[at:]  # type: ignore[call-overload]
    if kind == "charset":
        label = mutation[1]
        assert isinstance(label, bytes)
        return raw.replace(b"charset=", b"charset=" + label + b"_", 1)
    return raw[:at] + b"\x00" + raw[at:]


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    st.sampled_from(CORPUS),
    st.lists(_mutation, min_size=1, max_size=4),
)
def test_mutated_corpus_messages_never_make_the_classifier_raise(
    path: Path, mutations: list[tuple[object, ...]]
) -> None:
    raw = path.read_bytes()
    for mutation in mutations:
        raw = _mutate(raw, mutation)
    try:
        result = classify_message(raw, limits=_LIMITS)
    except NotAnEmail:
        event("not an e-mail")
        return  # documented: the poller records it as unreadable, for review
    assert ReplyKind(str(result.kind)) in set(ReplyKind)
    event(f"classified {result.kind}")
    # What the poller takes from the headers is always storable, whatever the bytes.
    incoming = _incoming(_CONFIG, 1, 1, raw)
    for value in (incoming.message_id, incoming.from_addr, incoming.subject):
        assert storable(value) == storable(storable(value))
        assert "\x00" not in storable(value)

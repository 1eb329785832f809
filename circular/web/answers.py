"""What the page reads and writes in the ledger: a link's state, an answer, the answers not yet
announced. Synchronous SQLAlchemy; the web app calls it from a thread. What every request
runs (a visit, an answer recorded) is SQLAlchemy Core on a pooled connection: building ORM
objects cost more than the page's rendering (bench/results.md, issue 20).

An answer is a ``WebAnswer`` row (as given, every change a new row) and a ``Reply`` row
(mailbox ``web``, ``decided_by`` web) matched to the contact's invitation, so the outcome, the
reminders, the acknowledgement and the report follow the same rules as for an e-mail reply
(``circular.replies.outcomes``).
"""

from __future__ import annotations

import enum
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, NamedTuple

from sqlalchemy import Connection, Dialect, bindparam, insert, select, update
from sqlalchemy.orm import Session
from sqlalchemy.pool import PoolProxiedConnection

from circular.campaign import Campaign
from circular.ledger import (
    WEB_MAILBOX,
    Contact,
    DecidedBy,
    Message,
    MessageKind,
    Reply,
    ReplyKind,
    ReplyLink,
    ReplyStatus,
    WebAnswer,
    utcnow,
)
from circular.letters.links import TOKEN_SHAPE
from circular.replies.outcomes import EXCERPT_CHARS, storable

#: The longest value of each field the page takes (characters), shown as ``maxlength``.
LIMITS = {"speaker_name": 200, "speaker_title": 200, "note": 2000}
#: The largest form body read (bytes): more than every field at its longest in UTF-8.
MAX_BODY_BYTES = 16 * 1024


class LinkState(enum.StrEnum):
    """What a link allows at a moment."""

    INVALID = "invalid"  # unknown, revoked or expired: the same page for all three
    OPEN = "open"  # before the deadline: answer, change
    LATE = "late"  # in the grace period: a first answer is still taken
    CLOSED = "closed"  # in the grace period, already answered: shown, not changed


class Link(NamedTuple):
    """A personal link and its contact, as the page needs them (one row of ``_VISIT``)."""

    id: int
    campaign: str
    revoked_at: datetime | None
    contact_id: int
    contact_key: str
    language: str
    email: str
    title: str
    name: str
    position: str
    #: When the contact last changed: part of the rendered page's cache key (circular/web/app.py).
    contact_updated_at: datetime | None


class Given(NamedTuple):
    """One answer given on the page (a ``WebAnswer`` row, as the page shows it)."""

    id: int
    answer: str
    speaker_name: str
    speaker_title: str
    day: date | None
    note: str
    created_at: datetime


@dataclass(frozen=True)
class Visit:
    """A link as the page sees it."""

    state: LinkState
    link: Link | None = None
    answers: tuple[Given, ...] = ()
    campaign: Campaign | None = None


_LINK_COLUMNS = (
    ReplyLink.id, ReplyLink.campaign, ReplyLink.revoked_at, Contact.id, Contact.contact_key,
    Contact.language, Contact.email, Contact.title, Contact.name, Contact.position,
    Contact.updated_at,
)  # fmt: skip
_ANSWER_COLUMNS = (
    WebAnswer.id, WebAnswer.answer, WebAnswer.speaker_name, WebAnswer.speaker_title,
    WebAnswer.day, WebAnswer.note, WebAnswer.created_at,
)  # fmt: skip
#: What a visit reads, in ONE Core query (no ORM objects: every request of the page runs it):
#: the link, its contact, and the contact's answers for the link's campaign, oldest first.
_VISIT = (
    select(*_LINK_COLUMNS, *_ANSWER_COLUMNS)
    .join(Contact, Contact.id == ReplyLink.contact_id)
    .outerjoin(
        WebAnswer,
        (WebAnswer.contact_id == ReplyLink.contact_id) & (WebAnswer.campaign == ReplyLink.campaign),
    )
    .where(ReplyLink.token == bindparam("token"))
    .order_by(WebAnswer.id)
)
_INVITATION = (
    select(Message.id)
    .where(
        Message.campaign == bindparam("campaign"),
        Message.contact_id == bindparam("contact_id"),
        Message.kind == MessageKind.INVITATION,
    )
    .order_by(Message.generation.desc())
    .limit(1)
)

# Built once: a statement made per call costs more than running it (coercing every value).
_INSERT_ANSWER = insert(WebAnswer)
_INSERT_REPLY = insert(Reply)
_SET_REPLY = (
    update(WebAnswer)
    .where(WebAnswer.id == bindparam("answer_id"))
    .values(reply_id=bindparam("the_reply_id"))
)


class _Prepared(NamedTuple):
    """``_VISIT`` compiled for one dialect: its SQL, its parameter's style, and the result
    processors of its columns (SQLite gives dates as text: SQLAlchemy's own conversions)."""

    sql: str
    positional: bool
    #: (column index, its result processor), for the columns that have one.
    processors: list[tuple[int, Any]]


_prepared: dict[str, _Prepared] = {}


def _visit_rows(connection: PoolProxiedConnection, dialect: Dialect, token: str) -> list[Any]:
    """``_VISIT``'s rows for ``token``, run on the DBAPI connection with the statement compiled
    once per dialect: the same SQL and conversions as ``Connection.execute``, without its
    per-call machinery (a third of a page's CPU: bench/results.md, issue 20)."""
    prepared = _prepared.get(dialect.name)
    if prepared is None:
        compiled = _VISIT.compile(dialect=dialect)
        prepared = _Prepared(
            str(compiled),
            compiled.positiontup is not None,
            [
                (index, process)
                for index, column in enumerate(_VISIT.selected_columns)
                if (process := column.type.dialect_impl(dialect).result_processor(dialect, None))
            ],
        )
        _prepared[dialect.name] = prepared
    cursor = connection.cursor()
    try:
        cursor.execute(prepared.sql, (token,) if prepared.positional else {"token": token})
        raw = cursor.fetchall()
    finally:
        cursor.close()
    rows = []
    for row in raw:
        values = list(row)
        for index, process in prepared.processors:
            values[index] = process(values[index])
        rows.append(values)
    return rows


def visit(
    connection: PoolProxiedConnection,
    dialect: Dialect,
    token: str,
    campaign_of: object,
    now: datetime,
) -> Visit:
    """The state of ``token``'s link at ``now``, read on ``connection`` (a pooled DBAPI
    connection of ``dialect``); ``campaign_of(campaign_id)`` gives the campaign (None when its
    folder is gone: the link is then invalid). A malformed token is looked up too (as a
    well-formed one that exists nowhere): every unknown token costs the same query."""
    wanted = token if TOKEN_SHAPE.fullmatch(token) else "~" * 32
    rows = _visit_rows(connection, dialect, wanted)
    if not rows:
        return Visit(LinkState.INVALID)
    width = len(_LINK_COLUMNS)
    link = Link(*rows[0][:width])
    campaign = campaign_of(link.campaign)  # type: ignore[operator]
    if link.revoked_at is not None or campaign is None or now > campaign.link_expires_at():
        return Visit(LinkState.INVALID)
    answers = tuple(Given(*row[width:]) for row in rows if row[width] is not None)
    if now <= campaign.deadline.at:
        state = LinkState.OPEN
    else:
        state = LinkState.CLOSED if answers else LinkState.LATE
    return Visit(state, link, answers, campaign)


@dataclass(frozen=True)
class Form:
    """The answer as typed, cleaned but not yet judged."""

    answer: str = ""
    speaker_name: str = ""
    speaker_title: str = ""
    day: str = ""
    note: str = ""


def clean_text(value: str, *, multiline: bool = False) -> str:
    """``value`` as plain text: control and format characters (bidi overrides included) out,
    line breaks kept only where ``multiline``, NULs and lone surrogates gone, spaces trimmed.
    Stored as text and always escaped when shown: never markup."""
    if value.isascii() and value.isprintable():  # no control character: nothing to take out
        return storable(value).strip()
    kept = []
    for char in value.replace("\r\n", "\n"):
        if char == "\n" and multiline:
            kept.append(char)
        elif unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Cn"):
            kept.append(" " if char in "\t\n\r" else "")
        else:
            kept.append(char)
    return storable("".join(kept)).strip()


def problems_of(form: Form, days: list[date]) -> list[tuple[str, dict[str, object]]]:
    """What is wrong with ``form``: (text key, placeholders) pairs, empty when all is well."""
    problems: list[tuple[str, dict[str, object]]] = []
    if form.answer not in (ReplyKind.ACCEPT, ReplyKind.DECLINE):
        problems.append(("choose_answer", {}))
    for field, limit in LIMITS.items():
        if len(getattr(form, field)) > limit:
            problems.append(("too_long", {"field": field, "limit": limit}))
    if form.day and form.day not in {d.isoformat() for d in days}:
        problems.append(("bad_day", {}))
    return problems


def record_answer(connection: Connection, link: Link, form: Form, language: str) -> int:
    """Keep ``form`` (already judged) as a web answer and as the reply that decides the
    contact's outcome, in the caller's transaction; the answer's id. Without an invitation in
    the ledger there is no letter to match: the reply then waits for a person
    (``needs_review``), like any reply without its letter.

    Core statements (no ORM unit of work), the INSERT first: on SQLite the transaction takes
    the write lock with its first statement (waiting out another writer's lock) rather than
    upgrading a read snapshot, which fails at once when another worker wrote meanwhile."""
    now = utcnow()
    answer_id = connection.execute(
        _INSERT_ANSWER,
        dict(
            campaign=link.campaign,
            contact_id=link.contact_id,
            link_id=link.id,
            answer=form.answer,
            speaker_name=form.speaker_name,
            speaker_title=form.speaker_title,
            day=date.fromisoformat(form.day) if form.day else None,
            note=form.note,
            language=language,
            created_at=now,
        ),
    ).inserted_primary_key[0]  # type: ignore[index]
    invitation = connection.scalar(
        _INVITATION, {"campaign": link.campaign, "contact_id": link.contact_id}
    )
    speaker = ", ".join(p for p in (form.speaker_name, form.speaker_title) if p)
    evidence = f"{form.answer} on the confirmation page" + (
        f"; speaker: {speaker}" if speaker else ""
    )
    if form.day:
        evidence += f"; day: {form.day}"
    reply_id = connection.execute(
        _INSERT_REPLY,
        dict(
            campaign=link.campaign,
            mailbox=WEB_MAILBOX,
            uidvalidity=0,
            uid=answer_id,
            message_id="",
            from_addr=storable(link.email, 320),
            subject="answer on the confirmation page",
            received_at=now,
            kind=ReplyKind(form.answer),
            language=language,
            evidence=evidence,
            confidence=1.0,
            delegate=speaker,
            matched_message_id=invitation,
            match_method="web",
            decided_by=DecidedBy.WEB,
            decision_note="" if invitation is not None else "no invitation in the ledger to match",
            status=ReplyStatus.DONE if invitation is not None else ReplyStatus.NEEDS_REVIEW,
            text_excerpt=form.note[:EXCERPT_CHARS],
            filed_to="(web page)",
            decided_at=now,
        ),
    ).inserted_primary_key[0]  # type: ignore[index]
    connection.execute(_SET_REPLY, {"answer_id": answer_id, "the_reply_id": reply_id})
    return int(answer_id)


@dataclass(frozen=True)
class WebNotice:
    """An answer given on the page, for the flows to announce (``circular.reply.received``)."""

    answer_id: int
    reply_id: int | None
    campaign: str
    kind: str
    country: str
    language: str
    speaker: str
    day: str
    #: The answer's identity beyond this ledger (event ids derive from it).
    identity: str = ""


def unannounced(session: Session, limit: int = 500) -> list[WebNotice]:
    """The web answers no event was emitted for yet, oldest first."""
    query = (
        select(WebAnswer, Contact.iso3)
        .join(Contact, WebAnswer.contact_id == Contact.id)
        .where(WebAnswer.announced_at.is_(None))
        .order_by(WebAnswer.id)
        .limit(limit)
    )
    return [
        WebNotice(
            answer_id=answer.id,
            reply_id=answer.reply_id,
            campaign=answer.campaign,
            kind=answer.answer,
            country=iso3,
            language=answer.language,
            speaker=", ".join(p for p in (answer.speaker_name, answer.speaker_title) if p),
            day=answer.day.isoformat() if answer.day else "",
            identity=f"{answer.campaign}:{answer.id}:{answer.link_id}:{answer.created_at.isoformat()}",
        )
        for answer, iso3 in session.execute(query)
    ]


def mark_announced(session: Session, answer_ids: list[int]) -> None:
    """Record that the events of these answers were emitted."""
    now = utcnow()
    for answer in session.scalars(select(WebAnswer).where(WebAnswer.id.in_(answer_ids))):
        answer.announced_at = now

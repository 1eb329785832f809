"""The ledger side of sending: every state change of a ``messages`` row, each committed on its
own, so that a letter is mailed at most once whatever crashes or runs concurrently.

    pending ──claim──▶ sending ──▶ sent | failed | unknown
       ▲                  │
       └──temporary───────┘   (4xx or a drop before the message was written: not delivered)

The claim is one portable ``UPDATE … WHERE status='pending'`` whose row count says whether this
process won the row; two senders (threads, processes, SQLite or PostgreSQL) never both win.
The token and Message-ID are generated when the row is created, before any SMTP, so a row left
``sending`` by a crash can be looked for in the Sent folder; if it is not found there it becomes
``unknown`` for a person to decide, and it is never resent automatically.
"""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import bindparam, insert, or_, select, update
from sqlalchemy.exc import IntegrityError

from circular.ledger import Ledger, Message, MessageStatus, utcnow
from circular.tokens import message_id_for, new_token

_CHUNK = 500  # bound on the size of an IN (...) list
_TABLE = Message.__table__
_MESSAGES = _TABLE.c


def new_claimer_id() -> str:
    """This run's identity in ``claimed_by``: host, process id and a random part."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


@dataclass(frozen=True)
class MessageRow:
    """What the sender needs of a ledger row."""

    id: int
    contact_id: int
    token: str
    message_id: str
    status: str
    attempts: int
    scheduled_for: datetime | None


def _row(message: Message) -> MessageRow:
    return MessageRow(
        message.id,
        message.contact_id,
        message.token,
        message.message_id,
        message.status,
        message.attempts,
        message.scheduled_for,
    )


def ensure_rows(
    ledger: Ledger, campaign: str, kind: str, contacts: Sequence[tuple[int, str]]
) -> dict[int, MessageRow]:
    """The rows of ``kind`` for ``contacts`` (contact id, Message-ID domain), created
    ``pending`` with a fresh token and Message-ID where missing. Returns contact id → row.

    Rows created concurrently by another sender are picked up, not duplicated: the unique
    (campaign, contact, kind) constraint decides."""
    domains = dict(contacts)
    for _ in range(3):
        rows = _load_rows(ledger, campaign, kind, list(domains))
        missing = [cid for cid in domains if cid not in rows]
        if not missing:
            return rows
        rows_to_add = []
        for cid in missing:
            token = new_token()
            rows_to_add.append(
                {
                    "campaign": campaign,
                    "contact_id": cid,
                    "kind": kind,
                    "token": token,
                    "message_id": message_id_for(token, campaign, domains[cid]),
                    "status": MessageStatus.PENDING.value,
                }
            )
        try:
            # One Core INSERT run for all rows (the columns' defaults apply): the ORM's unit of
            # work cost more than the rest of a send at thousands of letters.
            with ledger.engine.begin() as connection:
                connection.execute(insert(_TABLE), rows_to_add)
        except IntegrityError:
            continue  # another sender created some of them first: read them back
    return _load_rows(ledger, campaign, kind, list(domains))


def _load_rows(
    ledger: Ledger, campaign: str, kind: str, contact_ids: list[int]
) -> dict[int, MessageRow]:
    rows: dict[int, MessageRow] = {}
    with ledger.session() as session:
        for start in range(0, len(contact_ids), _CHUNK):
            query = select(Message).where(
                Message.campaign == campaign,
                Message.kind == kind,
                Message.contact_id.in_(contact_ids[start : start + _CHUNK]),
            )
            # Oldest generation first: the current row (a resend's) is the one that stays.
            query = query.order_by(Message.generation)
            rows.update({m.contact_id: _row(m) for m in session.scalars(query)})
    return rows


def existing_tokens(
    ledger: Ledger, keys: Sequence[tuple[str, str, int]]
) -> dict[tuple[str, str, int], str]:
    """The tokens of the rows that exist among ``keys`` (campaign, kind, contact id)."""
    wanted = set(keys)
    found: dict[tuple[str, str, int], str] = {}
    with ledger.session() as session:
        for campaign, kind in {(c, k) for c, k, _ in wanted}:
            query = (
                select(Message.contact_id, Message.token)
                .where(Message.campaign == campaign, Message.kind == kind)
                .order_by(Message.generation)
            )
            for contact_id, token in session.execute(query):
                if (campaign, kind, contact_id) in wanted:
                    found[(campaign, kind, contact_id)] = token
    return found


# The two UPDATEs of every message (claim, then its outcome) are built once, with bound
# parameters, and run through Core in their own transaction: building statements and the ORM
# session machinery would otherwise cost more per message than SQLite itself.
def _claim_statement(*where: Any) -> Any:
    """A claim: a pending row matching ``where`` becomes ``sending``, attempts + 1."""
    return (
        update(_TABLE)
        .where(_MESSAGES.status == MessageStatus.PENDING.value, *where)
        .values(
            status=MessageStatus.SENDING.value,
            claimed_by=bindparam("p_claimer"),
            claimed_at=bindparam("p_now"),
            attempts=_MESSAGES.attempts + 1,
        )
    )


_DUE = or_(_MESSAGES.scheduled_for.is_(None), _MESSAGES.scheduled_for <= bindparam("p_now"))
_CLAIM_FIRST = _claim_statement(_MESSAGES.id == bindparam("p_id"), _DUE)
_CLAIM_RETRY = _claim_statement(_MESSAGES.id == bindparam("p_id"))
_CLAIM_MANY = _claim_statement(
    _MESSAGES.id.in_(bindparam("p_ids", expanding=True)), _DUE
).returning(_MESSAGES.id)


@lru_cache(maxsize=64)
def _finish_statement(keys: tuple[str, ...], states: tuple[str, ...], uncount: bool) -> Any:
    values: dict[str, Any] = {key: bindparam(f"v_{key}") for key in keys}
    if uncount:
        values["attempts"] = _MESSAGES.attempts - 1
    return (
        update(_TABLE)
        .where(
            _MESSAGES.id == bindparam("p_id"),
            _MESSAGES.claimed_by == bindparam("p_claimer"),
            # Not ``IN (…)``: an expanding list cannot be run for many rows at once.
            or_(*(_MESSAGES.status == state for state in states)),
        )
        .values(values)
    )


def _run(ledger: Ledger, statement: Any, params: dict[str, Any]) -> bool:
    """Run a one-row UPDATE in its own transaction; True when it changed exactly one row."""
    with ledger.engine.begin() as connection:
        return connection.execute(statement, params).rowcount == 1


def claim(ledger: Ledger, row_id: int, claimer: str, *, retry: bool = False) -> bool:
    """Take a pending row for sending: status ``sending``, attempts + 1. True when this
    process won it. A first claim respects ``scheduled_for``; a ``retry`` claim is the one
    that scheduled it."""
    statement = _CLAIM_RETRY if retry else _CLAIM_FIRST
    return _run(ledger, statement, {"p_id": row_id, "p_claimer": claimer, "p_now": utcnow()})


def claim_many(ledger: Ledger, row_ids: Sequence[int], claimer: str) -> set[int]:
    """First claims of ``row_ids`` in one transaction (group commit): the ids this process won.
    The same rule as ``claim`` (pending, due), one ``UPDATE … RETURNING``: SQLite (3.35+) and
    PostgreSQL both say which rows it changed, so a row another sender won is simply absent."""
    if not row_ids:
        return set()
    params = {"p_ids": list(row_ids), "p_claimer": claimer, "p_now": utcnow()}
    with ledger.engine.begin() as connection:
        return set(connection.execute(_CLAIM_MANY, params).scalars())


@dataclass(frozen=True)
class Accepted:
    """A message the server accepted, to be recorded ``sent`` (``mark_sent_many``)."""

    row_id: int
    to_addrs: tuple[str, ...]
    code: int | None
    answer: str
    refused: dict[str, str]
    sent_at: datetime


def mark_sent_many(ledger: Ledger, claimer: str, accepted: Sequence[Accepted]) -> None:
    """The server accepted these messages: ``sent``, in one transaction (group commit). Also
    corrects an ``unknown`` set meanwhile by a reconciliation that took this run for dead: we
    know they went out."""
    if not accepted:
        return
    statement = _finish_statement(
        _SENT_KEYS, (MessageStatus.SENDING.value, MessageStatus.UNKNOWN.value), False
    )
    params = [
        {
            "p_id": item.row_id,
            "p_claimer": claimer,
            "v_status": MessageStatus.SENT.value,
            "v_sent_at": item.sent_at,
            "v_to_addrs": list(item.to_addrs),
            "v_refused": item.refused,
            "v_last_smtp_code": item.code,
            "v_last_smtp_answer": item.answer,
        }
        for item in accepted
    ]
    with ledger.engine.begin() as connection:
        connection.execute(statement, params)


_SENT_KEYS = tuple(
    sorted(("status", "sent_at", "to_addrs", "refused", "last_smtp_code", "last_smtp_answer"))
)


def _finish(
    ledger: Ledger,
    row_id: int,
    claimer: str,
    states: Iterable[str],
    *,
    uncount: bool = False,
    **values: Any,
) -> bool:
    keys = tuple(sorted(values))
    statement = _finish_statement(keys, tuple(str(s) for s in states), uncount)
    params = {f"v_{key}": value for key, value in values.items()}
    return _run(ledger, statement, {**params, "p_id": row_id, "p_claimer": claimer})


def mark_failed(
    ledger: Ledger,
    row_id: int,
    claimer: str,
    *,
    code: int | None,
    answer: str,
    refused: dict[str, str] | None = None,
) -> bool:
    """Permanent failure (5xx, a message that cannot be built, retries spent)."""
    return _finish(
        ledger,
        row_id,
        claimer,
        (MessageStatus.SENDING,),
        status=MessageStatus.FAILED,
        last_smtp_code=code,
        last_smtp_answer=answer,
        refused=refused or {},
    )


def mark_unknown(ledger: Ledger, row_id: int, claimer: str, *, answer: str) -> bool:
    """The message may or may not have been delivered: a person decides."""
    return _finish(
        ledger,
        row_id,
        claimer,
        (MessageStatus.SENDING,),
        status=MessageStatus.UNKNOWN,
        last_smtp_code=None,
        last_smtp_answer=answer,
    )


def release(
    ledger: Ledger,
    row_id: int,
    claimer: str,
    *,
    code: int | None = None,
    answer: str = "",
    retry_at: datetime | None = None,
    uncount: bool = False,
) -> bool:
    """Give a claimed row back (``pending``): it was certainly not delivered (a temporary
    failure, or the run stopped before sending it). ``uncount`` takes back the attempt of a
    claim that never reached the server."""
    values: dict[str, object] = {
        "status": MessageStatus.PENDING,
        "claimed_by": "",
        "scheduled_for": retry_at,
    }
    if code is not None or answer:
        values.update(last_smtp_code=code, last_smtp_answer=answer)
    return _finish(ledger, row_id, claimer, (MessageStatus.SENDING,), uncount=uncount, **values)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def is_abandoned(
    claimed_by: str, claimed_at: datetime | None, now: datetime, stale_after: float
) -> bool:
    """Whether a ``sending`` row's claimer is gone: a dead process on this host, or a claim
    older than ``stale_after`` seconds (another host, which we cannot check)."""
    host, _, rest = claimed_by.partition(":")
    pid_text = rest.partition(":")[0]
    if host == socket.gethostname() and pid_text.isdigit():
        pid = int(pid_text)
        if pid != os.getpid() and not _pid_alive(pid):
            return True
    return claimed_at is None or (now - claimed_at).total_seconds() > stale_after


@dataclass(frozen=True)
class Reconciled:
    """The outcome of reconciling rows left ``sending``."""

    sent: tuple[str, ...]  # Message-IDs found in the Sent folder
    unknown: tuple[str, ...]  # Message-IDs left for a person to decide
    still_sending: int  # rows whose claimer may still be alive


def reconcile(
    ledger: Ledger,
    campaign: str,
    find_sent: Callable[[Sequence[str]], set[str]] | None = None,
    *,
    stale_after: float = 900.0,
) -> Reconciled:
    """Settle the rows of ``campaign`` left ``sending`` by a sender that is gone: ``sent`` when
    ``find_sent`` (the Sent folder's lookup) finds their Message-ID, else ``unknown``."""
    now = utcnow()
    with ledger.session() as session:
        rows = session.execute(
            select(Message.id, Message.message_id, Message.claimed_by, Message.claimed_at).where(
                Message.campaign == campaign, Message.status == MessageStatus.SENDING
            )
        ).all()
    abandoned = [r for r in rows if is_abandoned(r.claimed_by, r.claimed_at, now, stale_after)]
    found = find_sent([r.message_id for r in abandoned]) if find_sent and abandoned else set()
    sent, unknown = [], []
    for row in abandoned:
        if row.message_id in found:
            done = _finish(
                ledger,
                row.id,
                row.claimed_by,
                (MessageStatus.SENDING,),
                status=MessageStatus.SENT,
                sent_at=row.claimed_at,
                last_smtp_answer="found in the Sent folder after an interrupted send",
            )
            if done:
                sent.append(row.message_id)
        elif mark_unknown(
            ledger,
            row.id,
            row.claimed_by,
            answer="interrupted during sending; not found in a Sent folder: check and decide",
        ):
            unknown.append(row.message_id)
    return Reconciled(tuple(sent), tuple(unknown), len(rows) - len(abandoned))

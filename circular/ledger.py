"""The ledger: the one source of truth for a campaign's contacts, letters, messages and replies.

SQLAlchemy 2 models, portable between SQLite (the default, a file in the data folder) and
PostgreSQL (given a URL). Nothing here is SQLite-only: JSON columns are SQLAlchemy's ``JSON``
type, timestamps are timezone-aware UTC, uniqueness is enforced by constraints, not by code.

A contact's state is never stored: it is derived from its messages and replies (see
``contact_status``), so there is nothing to keep in step.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    create_engine,
    event,
    inspect,
    select,
)
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker
from sqlalchemy.types import TypeDecorator


def utcnow() -> datetime:
    """The current time, timezone-aware, in UTC."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored as UTC and always read back timezone-aware (SQLite drops the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the ledger; use an aware UTC datetime")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    """Base of the ledger's tables."""


class IntakeStatus(enum.StrEnum):
    """What happened to a dropped contact file."""

    LOADED = "loaded"
    REJECTED = "rejected"
    DUPLICATE = "duplicate"


class MessageKind(enum.StrEnum):
    """Kinds of outgoing message. Reminders are ``reminder-1``, ``reminder-2``… (see
    ``reminder_kind``)."""

    INVITATION = "invitation"
    ACK = "ack"


def reminder_kind(wave: int) -> str:
    """The message kind of reminder wave ``wave`` (1-based)."""
    if wave < 1:
        raise ValueError("reminder waves are numbered from 1")
    return f"reminder-{wave}"


class MessageStatus(enum.StrEnum):
    """Where an outgoing message stands. ``sending`` is claimed but not confirmed; after a crash
    it becomes ``unknown`` unless the Sent folder proves it went out."""

    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"  # permanent: the server refused it (5xx) or retries ran out
    UNKNOWN = "unknown"  # may or may not have been sent: a person decides
    CANCELLED = "cancelled"
    # Replaced by a newer row of the same kind (a resend, a corrected address): kept as history.
    SUPERSEDED = "superseded"


class ReplyKind(enum.StrEnum):
    """What an incoming message is."""

    ACCEPT = "accept"
    DECLINE = "decline"
    OTHER = "other"
    AUTO_REPLY = "auto_reply"
    BOUNCE = "bounce"


HUMAN_REPLY_KINDS = frozenset({ReplyKind.ACCEPT, ReplyKind.DECLINE, ReplyKind.OTHER})


class DecidedBy(enum.StrEnum):
    """Who decided a reply's kind."""

    CLASSIFIER = "classifier"
    PERSON = "person"
    # The contact answered on its personal page (circular.web): as firm as a person's decision;
    # between the two, the later one wins.
    WEB = "web"


#: Who decides firmly: an answer of theirs beats the classifier's, the latest of them wins.
DECIDING = frozenset({DecidedBy.PERSON, DecidedBy.WEB})


class ReplyStatus(enum.StrEnum):
    """Whether a reply is settled or waits for a person."""

    DONE = "done"
    NEEDS_REVIEW = "needs_review"
    # Mail of the shared inbox that is not the campaign's (staff mail): left where it was.
    NOT_OURS = "not_ours"


class IntakeFile(Base):
    """A contact file that was dropped, whatever became of it."""

    __tablename__ = "intake_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign: Mapped[str] = mapped_column(String(64), index=True)
    name: Mapped[str] = mapped_column(String(512))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16))
    rows: Mapped[int] = mapped_column(Integer, default=0)
    report: Mapped[str] = mapped_column(Text, default="")
    stored_path: Mapped[str] = mapped_column(String(1024), default="")
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Contact(Base):
    """One addressee of a campaign: a Member State's minister (or, where the campaign allows,
    one of several contacts of a country). ``contact_key`` is the country's ISO3, or
    ``ISO3:email`` when a campaign allows several contacts per country."""

    __tablename__ = "contacts"
    __table_args__ = (UniqueConstraint("campaign", "contact_key", name="uq_contact_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign: Mapped[str] = mapped_column(String(64), index=True)
    contact_key: Mapped[str] = mapped_column(String(400))
    iso3: Mapped[str] = mapped_column(String(3), index=True)
    language: Mapped[str] = mapped_column(String(2))
    email: Mapped[str] = mapped_column(String(320), index=True)
    cc: Mapped[list[str]] = mapped_column(JSON, default=list)
    # Free text from contact files, which set no length limit: Text, because PostgreSQL enforces
    # a VARCHAR's length (SQLite does not), and a long ministry name must load on both.
    salutation: Mapped[str] = mapped_column(Text, default="")
    title: Mapped[str] = mapped_column(Text, default="")
    name: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[str] = mapped_column(Text, default="")
    ministry: Mapped[str] = mapped_column(Text, default="")
    extra: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    source_file_id: Mapped[int | None] = mapped_column(ForeignKey("intake_files.id"))
    source_row: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class ContactChange(Base):
    """A change to a contact made by a newer file: history is kept, never silently
    overwritten."""

    __tablename__ = "contact_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id"), index=True)
    field: Mapped[str] = mapped_column(String(64))
    old_value: Mapped[str] = mapped_column(Text)
    new_value: Mapped[str] = mapped_column(Text)
    source_file_id: Mapped[int | None] = mapped_column(ForeignKey("intake_files.id"))
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Letter(Base):
    """A rendered DOCX letter for one contact; re-rendering an unchanged letter is skipped."""

    __tablename__ = "letters"
    __table_args__ = (UniqueConstraint("campaign", "contact_id", name="uq_letter_contact"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign: Mapped[str] = mapped_column(String(64), index=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id"))
    language: Mapped[str] = mapped_column(String(2))
    path: Mapped[str] = mapped_column(String(1024))
    sha256: Mapped[str] = mapped_column(String(64))
    inputs_sha256: Mapped[str] = mapped_column(String(64), default="")
    rendered_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class LetterPdf(Base):
    """The checked PDF of a rendered letter, beside its DOCX (``Letter``): its own sha256, and
    the DOCX's it was made from, so a letter rendered again gets a new PDF. A table of its own
    rather than columns of ``letters``, so that existing ledgers gain it without a migration."""

    __tablename__ = "letter_pdfs"
    __table_args__ = (UniqueConstraint("campaign", "contact_id", name="uq_letter_pdf_contact"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign: Mapped[str] = mapped_column(String(64), index=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id"))
    path: Mapped[str] = mapped_column(String(1024))
    sha256: Mapped[str] = mapped_column(String(64))
    docx_sha256: Mapped[str] = mapped_column(String(64))
    pages: Mapped[int] = mapped_column(default=1)
    pdfa: Mapped[bool] = mapped_column(default=False)
    made_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Message(Base):
    """One outgoing e-mail: an invitation, a reminder or an acknowledgement.

    Unique per (campaign, contact, kind): that constraint is what makes sending exactly-once.
    The Message-ID and token are generated before SMTP so that a crash can be reconciled."""

    __tablename__ = "messages"
    __table_args__ = (
        # ``generation`` lets a resend be a new row of the same kind while the old one is kept
        # (status ``superseded``); every first row is generation 0.
        UniqueConstraint("campaign", "contact_id", "kind", "generation", name="uq_message_kind"),
        Index("ix_messages_campaign_status", "campaign", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign: Mapped[str] = mapped_column(String(64))
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    generation: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    token: Mapped[str] = mapped_column(String(64), unique=True)
    message_id: Mapped[str] = mapped_column(String(255), unique=True)
    status: Mapped[str] = mapped_column(String(16), default=MessageStatus.PENDING)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    to_addrs: Mapped[list[str]] = mapped_column(JSON, default=list)
    refused: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    last_smtp_code: Mapped[int | None] = mapped_column(Integer)
    last_smtp_answer: Mapped[str] = mapped_column(Text, default="")
    claimed_by: Mapped[str] = mapped_column(String(128), default="")
    scheduled_for: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    superseded_by: Mapped[int | None] = mapped_column(Integer)  # the newer row's id


class Action(Base):
    """A person's command, as given: who, when, what, on which campaign and contact. Holds on
    reminders are read from here (the latest hold or release of a contact wins)."""

    __tablename__ = "actions"
    __table_args__ = (Index("ix_actions_contact", "campaign", "contact_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign: Mapped[str] = mapped_column(String(64), index=True)
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id"))
    command: Mapped[str] = mapped_column(String(32))
    detail: Mapped[str] = mapped_column(Text, default="")
    by: Mapped[str] = mapped_column(String(128))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Reply(Base):
    """One incoming message from the reply inbox, classified and (when possible) matched."""

    __tablename__ = "replies"
    __table_args__ = (
        UniqueConstraint("mailbox", "uidvalidity", "uid", name="uq_reply_uid"),
        Index("ix_replies_campaign_status", "campaign", "status"),
        # Every poll looks for replies recorded but not yet filed: without this index that
        # scans every reply of the mailbox, and an idle poll grows with the mailbox.
        Index("ix_replies_unfiled", "mailbox", "uidvalidity", "filed_to"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign: Mapped[str | None] = mapped_column(String(64))
    mailbox: Mapped[str] = mapped_column(String(255))
    # IMAP UIDs and UIDVALIDITY are unsigned 32-bit: beyond PostgreSQL's INTEGER.
    uidvalidity: Mapped[int] = mapped_column(BigInteger)
    uid: Mapped[int] = mapped_column(BigInteger)
    message_id: Mapped[str] = mapped_column(String(998), default="", index=True)
    from_addr: Mapped[str] = mapped_column(String(320), default="")
    subject: Mapped[str] = mapped_column(Text, default="")
    received_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    kind: Mapped[str] = mapped_column(String(16))
    language: Mapped[str | None] = mapped_column(String(2))
    evidence: Mapped[str] = mapped_column(Text, default="")
    confidence: Mapped[float] = mapped_column(Float, default=0.0)
    delegate: Mapped[str] = mapped_column(Text, default="")
    return_date: Mapped[date | None] = mapped_column(Date)
    bounce_recipient: Mapped[str] = mapped_column(String(320), default="")
    bounce_permanent: Mapped[bool | None] = mapped_column()
    matched_message_id: Mapped[int | None] = mapped_column(ForeignKey("messages.id"), index=True)
    match_method: Mapped[str] = mapped_column(String(32), default="")
    decided_by: Mapped[str] = mapped_column(String(16), default=DecidedBy.CLASSIFIER)
    decision_note: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default=ReplyStatus.DONE)
    text_excerpt: Mapped[str] = mapped_column(Text, default="")
    # Where the poller filed the message in the mailbox ("" = not yet: retried next poll).
    filed_to: Mapped[str] = mapped_column(String(255), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class ReplyLink(Base):
    """A contact's personal link to the confirmation page (``<public URL>/r/<token>``): a random
    token (192 bits), revocable. The active link of a contact is its latest one not revoked; a
    revoked link is kept, so the page can treat it like an unknown one."""

    __tablename__ = "reply_links"
    __table_args__ = (Index("ix_reply_links_contact", "campaign", "contact_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign: Mapped[str] = mapped_column(String(64))
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id"))
    token: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_by: Mapped[str] = mapped_column(String(128), default="")


#: ``Reply.mailbox`` of an answer given on the confirmation page (``Reply.uid``: its
#: ``WebAnswer.id``).
WEB_MAILBOX = "web"


class WebAnswer(Base):
    """One answer given on a contact's page, as given (each change is a new row): accept or
    decline, who will speak, the preferred day, a note. Every value is plain text, bounded by
    the page. ``reply_id`` is the reply row that carries it into the outcome (decided_by web);
    ``announced_at`` is set once the poll flow emitted its event."""

    __tablename__ = "web_answers"
    __table_args__ = (
        Index("ix_web_answers_contact", "campaign", "contact_id"),
        Index("ix_web_answers_announced", "announced_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign: Mapped[str] = mapped_column(String(64))
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id"))
    link_id: Mapped[int] = mapped_column(ForeignKey("reply_links.id"))
    answer: Mapped[str] = mapped_column(String(16))
    speaker_name: Mapped[str] = mapped_column(Text, default="")
    speaker_title: Mapped[str] = mapped_column(Text, default="")
    day: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    language: Mapped[str] = mapped_column(String(2), default="")
    reply_id: Mapped[int | None] = mapped_column(ForeignKey("replies.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    announced_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class MailboxState(Base):
    """How far a mailbox folder has been read: its UIDVALIDITY and the last UID processed."""

    __tablename__ = "mailbox_state"

    folder: Mapped[str] = mapped_column(String(255), primary_key=True)
    uidvalidity: Mapped[int] = mapped_column(BigInteger)
    last_uid: Mapped[int] = mapped_column(BigInteger, default=0)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class SendAccount(Base):
    """A sending account (SMTP host, port and user) whose limits every sender shares. Its row
    is the lock the rate limiter takes (``circular.sending.ratelimit``): one sender at a time
    decides who sends next, whatever process or machine it runs in."""

    __tablename__ = "send_accounts"

    account: Mapped[str] = mapped_column(String(400), primary_key=True)
    # No send may start before this moment: even pacing, 60 / per-minute seconds a recipient.
    next_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    turns: Mapped[int] = mapped_column(BigInteger, default=0)


class SendSlot(Base):
    """One send granted by the rate limiter: how many recipients, when it started, when the
    server answered (``done_at``; none while in flight) and whether it counts against the day
    (``delivered``: none in flight, false when the server never took it)."""

    __tablename__ = "send_slots"
    __table_args__ = (Index("ix_send_slots_account_started", "account", "started_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    account: Mapped[str] = mapped_column(String(400))
    holder: Mapped[str] = mapped_column(String(128))
    recipients: Mapped[int] = mapped_column(Integer)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    delivered: Mapped[bool | None] = mapped_column(Boolean)


class SendWaiter(Base):
    """A sender waiting for a slot of ``account``, since ``since``: slots go to the longest
    waiting sender, so every sender makes progress. ``seen_at``: a waiter silent for a few
    seconds (its process died) no longer holds the others back."""

    __tablename__ = "send_waiters"

    account: Mapped[str] = mapped_column(String(400), primary_key=True)
    holder: Mapped[str] = mapped_column(String(128), primary_key=True)
    since: Mapped[datetime] = mapped_column(UTCDateTime)
    seen_at: Mapped[datetime] = mapped_column(UTCDateTime)


#: How long a write waits for a ledger another process holds locked (SQLite), by default.
DEFAULT_BUSY_TIMEOUT = 30.0


class LedgerLockedError(RuntimeError):
    """The SQLite ledger stayed locked by another process longer than the busy timeout. The
    message names the ledger's file; the statement that waited was not applied."""


def _sqlite_pragmas(busy_timeout: float) -> Any:
    def pragmas(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        # WAL lets the poller read while a sender writes; busy_timeout makes a locked ledger
        # wait instead of failing at once.
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout * 1000)}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    return pragmas


def _name_the_locked_ledger(database: str, busy_timeout: float) -> Any:
    def handle_error(context: Any) -> None:
        original = context.original_exception
        if "database is locked" in str(original) or "database is busy" in str(original):
            # sqlite3 only says "database is locked": say which ledger, and what to do.
            raise LedgerLockedError(
                f"the ledger {database} is locked by another process: waited "
                f"{busy_timeout:g} s (CIRCULAR_LEDGER_BUSY_TIMEOUT) and gave up; this step "
                "was not recorded: run it again once the other process is done"
            ) from original

    return handle_error


#: Alembic's scripts (env.py, versions/): data, not a package, to keep the tree's shape.
MIGRATIONS = Path(__file__).resolve().parent / "data" / "migrations"
#: The revision of a ledger made before migrations existed (commit 542ad48's ``create_all``).
BASELINE_REVISION = "0001"
UPGRADE_COMMAND = "circular db upgrade"


class LedgerRevisionError(RuntimeError):
    """The ledger's schema is not the one this circular was written for; the message says
    which revision it is at and the command to run."""


def _alembic_config(connection: Connection) -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


@lru_cache(maxsize=1)
def known_revisions() -> tuple[str, frozenset[str]]:
    """This circular's head revision, and every revision it knows."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    script = ScriptDirectory.from_config(config)
    return str(script.get_current_head()), frozenset(r.revision for r in script.walk_revisions())


def ledger_revision(connection: Connection) -> str | None:
    """The revision the ledger is at (None: no version table, an old or a new ledger)."""
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


def _shown(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


def _check_revision(engine: Engine, url: str) -> None:
    """Make a new ledger at the head revision; refuse one at another revision."""
    head, known = known_revisions()
    with engine.begin() as connection:
        current = ledger_revision(connection)
        if current == head:
            return
        if current is None and not inspect(connection).has_table("messages"):
            from alembic import command

            Base.metadata.create_all(connection)  # a new ledger: the models are the head
            command.stamp(_alembic_config(connection), "head")
            return
    if current is None:
        problem = "was made before schema revisions (commit 542ad48 or older)"
    elif current in known:
        problem = f"is at schema revision {current}, older than this circular's {head}"
    else:
        raise LedgerRevisionError(
            f"the ledger {_shown(url)} is at schema revision {current}, which this circular "
            f"does not know (its newest is {head}): a newer circular upgraded it. Install that "
            f"version (git pull && make venv), then run `{UPGRADE_COMMAND}`"
        )
    raise LedgerRevisionError(
        f"the ledger {_shown(url)} {problem}: run `{UPGRADE_COMMAND}` (make deploy runs it)"
    )


def upgrade_ledger(url: str) -> tuple[str | None, str]:
    """Bring the ledger at ``url`` to this circular's head revision, keeping every row.

    A ledger without a version table but with tables is taken as the baseline (commit
    542ad48's schema). Returns the revision before and after."""
    from alembic import command

    engine = create_engine(url, future=True)
    try:
        with engine.begin() as connection:
            before = ledger_revision(connection)
            config = _alembic_config(connection)
            if before is None and inspect(connection).has_table("messages"):
                command.stamp(config, BASELINE_REVISION)
            command.upgrade(config, "head")
            after = ledger_revision(connection)
    finally:
        engine.dispose()
    return before, str(after)


class Ledger:
    """A connection to the ledger database. A new ledger gets its tables on first use; one at
    another schema revision raises ``LedgerRevisionError`` (run ``circular db upgrade``).

    On SQLite a write waits up to ``busy_timeout`` seconds for another process's lock, then
    raises ``LedgerLockedError``."""

    def __init__(self, url: str, *, busy_timeout: float = DEFAULT_BUSY_TIMEOUT) -> None:
        parsed = make_url(url)
        self.url = url
        self.is_sqlite = parsed.get_backend_name() == "sqlite"
        if self.is_sqlite and parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        self.engine: Engine = create_engine(url, future=True)
        if self.is_sqlite:
            event.listen(self.engine, "connect", _sqlite_pragmas(busy_timeout))
            database = parsed.database or ":memory:"
            event.listen(
                self.engine, "handle_error", _name_the_locked_ledger(database, busy_timeout)
            )
        _check_revision(self.engine, url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session that commits when the block ends and rolls back on error."""
        session = self._sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()


def open_ledger(url: str | None = None) -> Ledger:
    """Open the ledger at ``url``, or the one the settings name, waiting for a locked
    ledger as long as the settings say (``CIRCULAR_LEDGER_BUSY_TIMEOUT``)."""
    from circular.settings import SettingsError, load_settings

    try:
        settings = load_settings()  # read afresh: a test or a flow may have changed the env
    except SettingsError:
        if url is None:
            raise
        # The caller has the URL; whatever reads the faulty setting reports it.
        return Ledger(url)
    return Ledger(url or settings.resolved_database_url, busy_timeout=settings.ledger_busy_timeout)


def contacts_of(session: Session, campaign: str) -> list[Contact]:
    """Every contact of ``campaign``, ordered by country then key."""
    query = (
        select(Contact)
        .where(Contact.campaign == campaign)
        .order_by(Contact.iso3, Contact.contact_key)
    )
    return list(session.scalars(query))


#: ``Action.command`` of a cancelled campaign: nothing more is sent for it.
CANCEL_COMMAND = "cancel"


def campaign_cancelled(session: Session, campaign: str) -> bool:
    """Whether a person cancelled ``campaign`` (``circular cancel``): every stage that sends
    asks, so a cancelled campaign sends nothing more, whichever command or flow runs."""
    query = select(Action.id).where(Action.campaign == campaign, Action.command == CANCEL_COMMAND)
    return session.scalar(query.limit(1)) is not None

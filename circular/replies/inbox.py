"""Poll the reply mailbox: fetch what is new, classify, match, record, file.

One poll, with imap-tools:

1. connect (TLS verified by default; plain IMAP only to loopback or when
   ``imap_allow_plain``), set ``TCP_NODELAY``, log in, re-read the capabilities (the server
   announces MOVE only after login; without it imap-tools falls back to COPY and a
   mailbox-wide EXPUNGE);
2. select the folder afresh and read its UIDVALIDITY; when it differs from the one in the
   ledger, the folder was rebuilt: read it again from the start, and skip every message whose
   Message-ID the ledger already holds for this mailbox;
3. list the sizes of the messages whose UID is above the last one processed (filtered here:
   ``UID N:*`` returns the newest message even when nothing is new), then fetch them in bulk,
   in batches bounded by count and bytes, without marking them seen; a message over
   ``max_message_bytes`` (``CIRCULAR_MAIL_MAX_BYTES``) is not downloaded: its headers are, and
   it goes to review unread;
4. classify each message, match it to its letter (on its headers first: most replies name the
   letter there, and only the others are parsed whole), and store a batch's ``Reply`` rows
   together with the mailbox's new last UID in one transaction. The ledger's unique
   (mailbox, UIDVALIDITY, UID) makes that insert the claim: when two polls overlap, the second
   one's insert fails and it records that batch again one message at a time, skipping those
   the first recorded, so each message is processed exactly once;
5. file each processed message: move it to the folder of its outcome, or (``imap_move`` off,
   for a shared mailbox) only set a keyword on it. Filing comes after the commit, and the
   ledger remembers what was filed: a poll that died in between files the rest next time.
   One thread speaks IMAP for the poll (fetching the next batch, filing the last) while the
   poll classifies and records the current one.

A message that cannot be read (the classifier raises) stays where it is and goes to review
with the reason; it never stops the poll.

A shared inbox (wsis-info@) stays the staff's inbox: only what matched a campaign is moved —
replies, bounces and auto-replies matched to its letters, and messages that name a campaign's
reference without matching a letter (those go to review). Everything else is left where it
was, its unread state untouched, out of the review list; the ledger keeps only its UID and
Message-ID (status ``not_ours``) so that later polls skip it. ``unmatched="review"``
(``CIRCULAR_IMAP_UNMATCHED=review``) files such mail for review instead, for a mailbox that
receives nothing but replies.
"""

from __future__ import annotations

import email
import email.policy
import hashlib
import imaplib
import logging
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.parser import BytesHeaderParser, BytesParser
from email.utils import getaddresses, parsedate_to_datetime
from typing import Any

from imap_tools import BaseMailBox
from imap_tools.errors import (
    ImapToolsError,
    MailboxFolderCreateError,
    MailboxFolderSelectError,
    MailboxFolderStatusError,
)
from imap_tools.utils import encode_folder
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from circular.ledger import Ledger, MailboxState, Message, Reply, ReplyKind, ReplyStatus
from circular.replies.mailtext import Limits
from circular.replies.matching import (
    ContactIndex,
    CountryLookup,
    Match,
    Matcher,
    campaign_event_names,
    campaign_reference,
    default_country_lookup,
    letters_by_token,
)
from circular.replies.outcomes import (
    MESSAGE_ID_CHARS,
    NOT_READ,
    Incoming,
    new_reply,
    storable,
    unreadable_reply,
)
from circular.sending.imap import (
    ImapConfig,
    ImapError,
    Outcome,
    close_mailbox,
    open_mailbox,
    server_answer,
)
from circular.settings import Settings
from circular.tokens import tokens_in_text

log = logging.getLogger(__name__)

#: ``classify(raw) -> Classification`` (``circular.replies.classify.classify_message``).
Classifier = Callable[[bytes], Any]

#: Messages fetched per IMAP command: large enough to save round trips, small enough that a
#: server never has to assemble an unbounded answer.
FETCH_BATCH = 50

#: Bytes fetched per IMAP command at most: a batch holds its messages in memory at once.
FETCH_BYTES = 64 * 1024 * 1024

#: Messages filed together (one MOVE per outcome): each MOVE makes the server rewrite the
#: folder's index, whose size grows with the folder, so filing after every fetched batch
#: would cost the server O(n²) on a large backlog. Recorded messages not yet filed when a
#: poll dies are filed by the next one (``_unfiled``).
FILE_EVERY = 1000

#: UIDs per UPDATE when recording where messages were filed (well under any database's limit
#: of bound parameters).
FILE_BATCH = 500

#: ``Reply.filed_to`` of a message that stays where it is (unreadable: a person looks at it).
KEPT = "(kept in place)"


_OUTCOME_OF_KIND = {
    ReplyKind.ACCEPT: Outcome.ACCEPTED,
    ReplyKind.DECLINE: Outcome.DECLINED,
    ReplyKind.OTHER: Outcome.OTHER,
    ReplyKind.AUTO_REPLY: Outcome.AUTO_REPLIES,
    ReplyKind.BOUNCE: Outcome.BOUNCES,
}


def outcome_of(reply: Reply) -> Outcome:
    """The folder a reply belongs in: by its kind, or review when no letter matched it or
    when it waits for a person although it reads as an answer (no sender: an "accept" from
    nobody must not sit among the acceptances)."""
    if reply.matched_message_id is None:
        return Outcome.NEEDS_REVIEW
    if reply.status == ReplyStatus.NEEDS_REVIEW and reply.kind in (
        ReplyKind.ACCEPT,
        ReplyKind.DECLINE,
    ):
        return Outcome.NEEDS_REVIEW
    return _OUTCOME_OF_KIND[ReplyKind(reply.kind)]


_KEPT = "the replies recorded before it are kept and the next poll carries on"

#: No match because matching raised: unlike a plain no-match, such a message goes to review.
_MATCH_FAILED = Match(detail="matching failed")


@dataclass
class PollResult:
    """What one poll did."""

    mailbox: str
    uidvalidity: int = 0
    uidvalidity_changed: bool = False
    fetched: int = 0
    processed: int = 0
    skipped: int = 0  # already processed (an overlapping poll, or a duplicate Message-ID)
    needs_review: int = 0
    unreadable: int = 0
    left_in_place: int = 0  # not the campaigns' mail (staff mail in a shared inbox)
    filed: Counter[str] = field(default_factory=Counter)

    def as_dict(self) -> dict[str, Any]:
        """The result as plain data (JSON, a Prefect flow's return value)."""
        return {
            "mailbox": self.mailbox,
            "uidvalidity": self.uidvalidity,
            "uidvalidity_changed": self.uidvalidity_changed,
            "fetched": self.fetched,
            "processed": self.processed,
            "skipped": self.skipped,
            "needs_review": self.needs_review,
            "unreadable": self.unreadable,
            "left_in_place": self.left_in_place,
            "filed": dict(self.filed),
        }

    def summary(self) -> str:
        """One line for the CLI and the flow's log."""
        filed = ", ".join(f"{name}: {count}" for name, count in sorted(self.filed.items()))
        reset = " (UIDVALIDITY changed: folder re-read)" if self.uidvalidity_changed else ""
        return (
            f"{self.mailbox}{reset}: {self.fetched} new, {self.processed} processed, "
            f"{self.skipped} already processed, {self.needs_review} for review "
            f"({self.unreadable} unreadable), {self.left_in_place} not a campaign's (left in "
            f"place); filed: {filed or 'none'}"
        )


@dataclass(frozen=True)
class TooLarge:
    """The classification of a message over ``max_message_bytes``: only its headers were
    downloaded, and a person reads it (shaped like ``circular.replies.classify.Classification``)."""

    size: int
    limit: int
    kind: ReplyKind = ReplyKind.OTHER
    language: str | None = None
    confidence: float = 0.1
    text: str = ""

    @property
    def evidence(self) -> str:
        """Why it was not read, worded as the classifier words a limit."""
        return (
            f"{NOT_READ} limit max_message_bytes exceeded: {self.size} bytes > {self.limit} bytes"
        )


@dataclass
class _Reading:
    """A fetched message and, once classified, what it says."""

    incoming: Incoming
    raw: bytes
    too_large: TooLarge | None
    meaning: Any = None  # the classification
    unreadable: str | None = None  # why it cannot be read

    def read(self, classify: Callable[[Incoming, bytes], tuple[Any, str | None]]) -> None:
        """Classify it, once (a message over the size limit is not read: ``too_large``
        stands for its classification)."""
        if self.meaning is not None or self.unreadable is not None:
            return
        if self.too_large is not None:
            self.meaning = self.too_large
        else:
            self.meaning, self.unreadable = classify(self.incoming, self.raw)


def fetch_batches(
    uids: list[int],
    sizes: Mapping[int, int],
    too_large: int,
    *,
    max_count: int = FETCH_BATCH,
    max_bytes: int = FETCH_BYTES,
) -> Iterable[list[int]]:
    """``uids`` (ascending) in batches of at most ``max_count`` messages and ``max_bytes``
    bytes (a single larger message makes a batch of its own). A message over ``too_large``
    weighs nothing: only its headers are fetched."""
    batch: list[int] = []
    total = 0
    for uid in uids:
        weight = sizes.get(uid, 0) if sizes.get(uid, 0) <= too_large else 0
        if batch and (len(batch) >= max_count or total + weight > max_bytes):
            yield batch
            batch, total = [], 0
        batch.append(uid)
        total += weight
    if batch:
        yield batch


_UID_ITEM = re.compile(rb"UID (\d+)")
_SIZE_ITEM = re.compile(rb"RFC822\.SIZE (\d+)")


def _select(mailbox: BaseMailBox, folder: str) -> int:
    """Select ``folder`` and return its UIDVALIDITY."""
    mailbox.folder.set(folder)
    _typ, data = mailbox.client.response("UIDVALIDITY")
    if data and data[0]:
        return int(data[0])
    return int(mailbox.folder.status(folder, ["UIDVALIDITY"])["UIDVALIDITY"])


def _server_folder(name: str, delimiter: str) -> str:
    """A configured folder name (levels separated by "/") in the server's own separator."""
    return name.replace("/", delimiter) if delimiter and delimiter != "/" else name


def _ensure_folders(mailbox: BaseMailBox, names: Iterable[str]) -> None:
    existing = {info.name for info in mailbox.folder.list()}
    for name in names:
        if name in existing:
            continue
        try:
            mailbox.folder.create(name)
        except MailboxFolderCreateError:
            # Another poll may have created it meanwhile; only a folder still missing is fatal.
            if not mailbox.folder.exists(name):
                raise
        mailbox.folder.subscribe(name, True)


def _delimiter(mailbox: BaseMailBox) -> str:
    listing = mailbox.folder.list("", "INBOX")
    return listing[0].delim if listing and listing[0].delim not in {"", "NIL"} else "/"


def _incoming(config: ImapConfig, uidvalidity: int, uid: int, raw: bytes) -> Incoming:
    # Headers only: the body is the classifier's business, under its limits (a body nested a
    # thousand deep would exhaust the stack of a full parse here, outside any safety net).
    headers = BytesHeaderParser(policy=email.policy.compat32).parsebytes(raw)
    # A message without a Message-ID is known by a digest of its bytes, so that it too is
    # recognised after a UIDVALIDITY change (not angle-bracketed: never a real Message-ID).
    # Made storable here (NULs dropped, cut to the column) so that the duplicate check
    # compares what the ledger holds.
    message_id = storable(_header(headers, "Message-ID").strip(), MESSAGE_ID_CHARS) or (
        f"sha256:{hashlib.sha256(raw).hexdigest()}"
    )
    sender = getaddresses([_header(headers, "From")])
    received: datetime | None = None
    try:
        date_value = _header(headers, "Date")
        if date_value:
            parsed = parsedate_to_datetime(date_value)
            received = parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    except (TypeError, ValueError, IndexError):
        received = None
    return Incoming(
        mailbox=config.mailbox_key,
        uidvalidity=uidvalidity,
        uid=uid,
        message_id=message_id,
        from_addr=sender[0][1] if sender else "",
        subject=_header(headers, "Subject"),
        received_at=received or datetime.now(UTC),
    )


def _head(raw: bytes) -> str:
    """The header block of ``raw`` as text (bytes kept one to one: for finding tokens)."""
    end = raw.find(b"\r\n\r\n")
    end = raw.find(b"\n\n") if end < 0 else end
    return raw[: end if end >= 0 else len(raw)].decode("latin-1")


def _header(message: email.message.Message, name: str) -> str:
    value = message.get(name)
    if value is None:
        return ""
    try:
        return str(email.header.make_header(email.header.decode_header(str(value))))
    except (LookupError, ValueError, email.errors.MessageError):
        # MessageError: also CharsetError, for an encoded word naming a non-ASCII charset.
        return str(value)


class Poller:
    """Polls one mailbox folder into one ledger. ``poll()`` may be called repeatedly and from
    several processes or threads at once (each call opens its own connection)."""

    def __init__(
        self,
        ledger: Ledger,
        config: ImapConfig,
        classify: Classifier,
        *,
        references: Mapping[str, str] | None = None,
        country_lookup: CountryLookup | None = None,
        unmatched: str = "leave",
    ) -> None:
        if unmatched not in ("leave", "review"):
            raise ValueError(f"unmatched={unmatched!r}: expected 'leave' or 'review'")
        self.leave_unmatched = unmatched == "leave"
        self.ledger = ledger
        self.config = config
        self.classify = classify
        self.references = dict(references or {})
        self.country_lookup = country_lookup

    def poll(self) -> PollResult:
        """One poll (module doc). Raises ``ImapError`` when the mailbox cannot be used; what
        was recorded before stays recorded, and what was not yet filed is filed next time."""
        result = PollResult(mailbox=self.config.mailbox_key)
        mailbox = open_mailbox(self.config)
        try:
            self._poll(mailbox, result)
        except (MailboxFolderSelectError, MailboxFolderStatusError) as error:
            raise ImapError(
                f"cannot open folder {self.config.folder!r} on {self.config.where}: "
                f"{server_answer(error)}"
            ) from None
        except TimeoutError:
            raise ImapError(
                f"the IMAP server {self.config.where} did not answer within "
                f"{self.config.timeout:g} s (CIRCULAR_IMAP_TIMEOUT); {_KEPT}"
            ) from None
        except (OSError, imaplib.IMAP4.error, ImapToolsError) as error:
            raise ImapError(f"IMAP error on {self.config.where}: {error}; {_KEPT}") from None
        finally:
            close_mailbox(mailbox)
        return result

    def _poll(self, mailbox: BaseMailBox, result: PollResult) -> None:
        delimiter = _delimiter(mailbox)
        folders = {
            outcome: _server_folder(name, delimiter)
            for outcome, name in self.config.folders.items()
        }
        if self.config.move:
            _ensure_folders(mailbox, folders.values())
        if self._nothing_new(mailbox, result):
            return
        uidvalidity = _select(mailbox, self.config.folder)
        result.uidvalidity = uidvalidity
        last_uid, result.uidvalidity_changed = self._state(uidvalidity)
        self._file(mailbox, self._unfiled(uidvalidity), folders, result)
        sizes = self._new_sizes(mailbox, last_uid)
        index = self._contact_index()
        batches = list(fetch_batches(sorted(sizes), sizes, self.config.max_message_bytes))
        # One thread speaks IMAP (commands in order on the one connection) while this one
        # classifies and records: the next batch is fetched, and the last ones filed, while
        # the server would otherwise wait for us and we for it. A batch is filed only after
        # its transaction committed, and remembered as filed only once the server said so.
        with ThreadPoolExecutor(1, thread_name_prefix="imap") as imap:
            fetching = imap.submit(self._fetch, mailbox, batches[0], sizes) if batches else None
            filing: list[tuple[list[Reply], Future[dict[int, str]]]] = []
            to_file: list[Reply] = []
            for number in range(len(batches)):
                assert fetching is not None
                raws = fetching.result()
                if number + 1 < len(batches):
                    fetching = imap.submit(self._fetch, mailbox, batches[number + 1], sizes)
                to_file += self._process(uidvalidity, raws, sizes, index, result)
                last = number + 1 == len(batches)
                if len(to_file) >= FILE_EVERY or last:
                    filing.append((to_file, imap.submit(self._place, mailbox, to_file, folders)))
                    to_file = []
                while filing and (filing[0][1].done() or last):
                    replies, placed = filing.pop(0)
                    self._remember(replies, placed.result(), result)

    def _nothing_new(self, mailbox: BaseMailBox, result: PollResult) -> bool:
        """True when STATUS shows the same UIDVALIDITY, no UID above the last one processed,
        and the ledger has nothing waiting to be filed: the folder is then not even selected.
        A SELECT costs more as the folder grows (the server loads its index); STATUS does not,
        so an idle poll stays as cheap with 10,000 messages kept in the folder as with 10."""
        status = mailbox.folder.status(self.config.folder, ["UIDNEXT", "UIDVALIDITY"])
        uidvalidity, uidnext = int(status["UIDVALIDITY"]), int(status["UIDNEXT"])
        with self.ledger.session() as session:
            state = session.get(MailboxState, self.config.mailbox_key)
            if state is None or state.uidvalidity != uidvalidity or uidnext - 1 > state.last_uid:
                return False
            unfiled = session.scalar(
                select(func.count())
                .select_from(Reply)
                .where(
                    Reply.mailbox == self.config.mailbox_key,
                    Reply.uidvalidity == uidvalidity,
                    Reply.filed_to == "",
                )
            )
        if unfiled:
            return False
        result.uidvalidity = uidvalidity
        return True

    def _new_sizes(self, mailbox: BaseMailBox, last_uid: int) -> dict[int, int]:
        """The size of every message with a UID above ``last_uid`` (small answers only: the
        sizes decide what is downloaded)."""
        typ, data = mailbox.client.uid("FETCH", f"{last_uid + 1}:*", "(RFC822.SIZE)")
        if typ != "OK":
            raise ImapError(f"cannot list new messages on {self.config.where}: {data!r}")
        sizes: dict[int, int] = {}
        for item in data:
            line = item[0] if isinstance(item, tuple) else item
            if not isinstance(line, bytes):
                continue
            uid, size = _UID_ITEM.search(line), _SIZE_ITEM.search(line)
            # "N:*" always includes the newest message, even when it is not new.
            if uid and int(uid.group(1)) > last_uid:
                sizes[int(uid.group(1))] = int(size.group(1)) if size else 0
        return sizes

    # -- ledger ----------------------------------------------------------------------------

    def _state(self, uidvalidity: int) -> tuple[int, bool]:
        """The last UID processed under ``uidvalidity``, and whether UIDVALIDITY changed."""
        key = self.config.mailbox_key
        for _attempt in range(2):
            try:
                with self.ledger.session() as session:
                    state = session.get(MailboxState, key)
                    if state is None:
                        session.add(MailboxState(folder=key, uidvalidity=uidvalidity, last_uid=0))
                        return 0, False
                    if state.uidvalidity == uidvalidity:
                        return state.last_uid, False
                    log.warning(
                        "UIDVALIDITY of %s changed from %s to %s: re-reading the folder",
                        key,
                        state.uidvalidity,
                        uidvalidity,
                    )
                    # Conditional, so two polls seeing the change reset the state once.
                    session.execute(
                        update(MailboxState)
                        .where(
                            MailboxState.folder == key,
                            MailboxState.uidvalidity == state.uidvalidity,
                        )
                        .values(uidvalidity=uidvalidity, last_uid=0)
                    )
                    return 0, True
            except IntegrityError:
                continue  # another poll created the state row first: read it
        raise ImapError(f"cannot record the state of {key} in the ledger")

    def _contact_index(self) -> ContactIndex:
        with self.ledger.session() as session:
            return ContactIndex.build(session)

    def _unfiled(self, uidvalidity: int) -> list[Reply]:
        """Replies processed earlier under this UIDVALIDITY but not filed (a poll that died
        between its commit and its move)."""
        with self.ledger.session() as session:
            query = select(Reply).where(
                Reply.mailbox == self.config.mailbox_key,
                Reply.uidvalidity == uidvalidity,
                Reply.filed_to == "",
            )
            return list(session.scalars(query))

    def _known(
        self, session: Session, readings: list[_Reading]
    ) -> tuple[set[int], dict[str, Reply]]:
        """Of ``readings`` (one UIDVALIDITY): the UIDs already recorded, and the reply already
        recorded for each Message-ID in this mailbox, the first one (under an older
        UIDVALIDITY, or a second delivery of the same message). Two queries for the batch."""
        key = self.config.mailbox_key
        recorded = set(
            session.scalars(
                select(Reply.uid).where(
                    Reply.mailbox == key,
                    Reply.uidvalidity == readings[0].incoming.uidvalidity,
                    Reply.uid.in_([r.incoming.uid for r in readings]),
                )
            )
        )
        seen: dict[str, Reply] = {}
        ids = {r.incoming.message_id for r in readings if r.incoming.message_id}
        if ids:
            # By Message-ID alone, the mailbox compared here: given both, SQLite may walk the
            # (mailbox, UIDVALIDITY, UID) index, every reply of the mailbox for each batch.
            query = select(Reply).where(Reply.message_id.in_(ids)).order_by(Reply.id)
            for reply in session.scalars(query):
                if reply.mailbox == key:
                    seen.setdefault(reply.message_id, reply)
        return recorded, seen

    # -- processing ------------------------------------------------------------------------

    def _fetch(
        self, mailbox: BaseMailBox, uids: list[int], sizes: Mapping[int, int]
    ) -> dict[int, bytes]:
        """Fetch ``uids``: whole, or only the headers of those over ``max_message_bytes``.
        IMAP only (a poll runs it on its IMAP thread)."""
        limit = self.config.max_message_bytes
        large = [uid for uid in uids if sizes.get(uid, 0) > limit]
        small = [uid for uid in uids if uid not in large]
        raws: dict[int, bytes] = {}
        for part, headers_only in ((small, False), (large, True)):
            if not part:
                continue
            fetched = mailbox.fetch(
                uid_list=[str(uid) for uid in part],
                mark_seen=False,
                bulk=True,
                headers_only=headers_only,
            )
            for message in fetched:
                # A concurrent expunge can yield phantom items (no UID, or a UID twice).
                uid = int(message.uid) if message.uid else None
                if uid is None or uid in raws or uid not in part:
                    continue
                raws[uid] = getattr(message, "raw", b"") or bytes(message.obj)
        return raws

    def _process(
        self,
        uidvalidity: int,
        raws: dict[int, bytes],
        sizes: Mapping[int, int],
        index: ContactIndex,
        result: PollResult,
    ) -> list[Reply]:
        """Record the fetched messages, in UID order, in one transaction; returns the replies
        to file."""
        limit = self.config.max_message_bytes
        # In UID order: the ledger's last UID must never pass a message not yet recorded.
        readings = [
            _Reading(
                _incoming(self.config, uidvalidity, uid, raws[uid]),
                raws[uid],
                TooLarge(sizes[uid], limit) if sizes.get(uid, 0) > limit else None,
            )
            for uid in sorted(raws)
        ]
        result.fetched += len(readings)
        if not readings:
            return []
        try:
            return self._record(readings, index, result)
        except IntegrityError:
            # Another poll recorded one of these UIDs between our check and our insert (a
            # database without SQLite's write lock): one at a time then, each its own claim.
            to_file: list[Reply] = []
            for reading in readings:
                try:
                    to_file += self._record([reading], index, result)
                except IntegrityError:
                    result.skipped += 1
            return to_file

    def _record(
        self, readings: list[_Reading], index: ContactIndex, result: PollResult
    ) -> list[Reply]:
        """Classify, match and record ``readings`` in one transaction (the claim: the ledger's
        unique UID rejects a second poll's insert); returns the replies to file. ``result``
        is counted only once the transaction committed."""
        with self.ledger.session() as session:
            recorded, seen = self._known(session, readings)
        # Classified before the transaction: it is pure and may be slow (attachments), and the
        # ledger's write lock should be held only briefly. A message the ledger already knows
        # is not classified again (checked once more under the lock below).
        for reading in readings:
            incoming = reading.incoming
            if incoming.uid not in recorded and incoming.message_id not in seen:
                reading.read(self._classify)
        tally: Counter[str] = Counter()
        to_file: list[Reply] = []
        new: list[tuple[_Reading, Reply]] = []
        with self.ledger.session() as session:
            # The state update comes first: on SQLite it takes the write lock before any
            # read, so a concurrent poll waits here instead of failing on a stale snapshot.
            self._advance(session, readings[0].incoming.uidvalidity, readings[-1].incoming.uid)
            recorded, seen = self._known(session, readings)
            # The letters the batch's headers name, in one query (matching looks up others).
            letters = letters_by_token(
                session, (t for r in readings for t in tokens_in_text(_head(r.raw)))
            )
            for reading in readings:
                incoming = reading.incoming
                if incoming.uid in recorded:
                    tally["skipped"] += 1  # an overlapping poll processed this UID
                    continue
                earlier = seen.get(incoming.message_id)
                if earlier is not None:
                    # The same message again (a rebuilt folder, a second delivery): record
                    # nothing new; file it where the first copy went.
                    tally["skipped"] += 1
                    to_file.append(
                        Reply(
                            mailbox=incoming.mailbox,
                            uidvalidity=incoming.uidvalidity,
                            uid=incoming.uid,
                            kind=earlier.kind,
                            matched_message_id=earlier.matched_message_id,
                            filed_to=KEPT if earlier.filed_to == KEPT else "",
                        )
                    )
                    continue
                # Known before the lock, gone now: impossible, as replies are never deleted;
                # classify rather than guess.
                reading.read(self._classify)
                if reading.unreadable is not None:
                    reply = unreadable_reply(incoming, reading.unreadable)
                    reply.filed_to = KEPT
                else:
                    match = self._match(
                        session, incoming, reading.raw, index, reading.meaning, letters
                    )
                    reply = new_reply(incoming, reading.meaning, match)
                    if (
                        self.leave_unmatched
                        and match is not _MATCH_FAILED
                        and not match.matched
                        and match.campaign is None
                    ):
                        _leave_in_place(reply)
                seen[incoming.message_id] = reply  # a second copy in this batch: a duplicate
                new.append((reading, reply))
                to_file.append(reply)
            # Added at the end: added one by one, each matching query would flush them first.
            session.add_all([reply for _, reply in new])
            session.flush()
        for reading, reply in new:
            tally["processed"] += 1
            tally["left_in_place"] += reply.status == ReplyStatus.NOT_OURS
            tally["needs_review"] += reply.status == ReplyStatus.NEEDS_REVIEW
            tally["unreadable"] += reading.unreadable is not None
            log.info(
                "UID %s: %s, %s (%s)",
                reply.uid,
                reply.kind,
                f"matched by {reply.match_method}" if reply.match_method else "unmatched",
                reply.status,
            )
        for name, count in tally.items():
            setattr(result, name, getattr(result, name) + count)
        return to_file

    def _classify(self, incoming: Incoming, raw: bytes) -> tuple[Any, str | None]:
        """The classification, or None and why the message cannot be read."""
        try:
            classification = self.classify(raw)
            ReplyKind(str(classification.kind))
        except Exception as error:  # any failure to read it: a person looks
            reason = f"{type(error).__name__}: {error}"
            log.warning("UID %s of %s is unreadable: %s", incoming.uid, incoming.mailbox, reason)
            return None, reason
        return classification, None

    def _match(
        self,
        session: Session,
        incoming: Incoming,
        raw: bytes,
        index: ContactIndex,
        classification: Any,
        letters: dict[str, Message | None],
    ) -> Match:
        """The letter the message answers; else, when it names one campaign's reference, that
        campaign without a letter (a person looks); else no match (not the campaigns' mail)."""
        try:
            matcher = Matcher(
                session,
                references=self.references,
                country_lookup=self.country_lookup,
                index=index,
                letters=letters,
            )
            # Most replies name their letter in a header: those are matched on the headers
            # alone, and only the rest pay for parsing the whole message (the result is the
            # same: match() tries these header methods first).
            headers = BytesHeaderParser(policy=email.policy.default).parsebytes(raw)
            found = matcher.match_headers(headers)
            if found.matched:
                return found
            # A message the classifier did not read (over a limit) is matched by its headers
            # alone: parsing its body here would spend what the limit saved.
            evidence = str(getattr(classification, "evidence", ""))
            parsed = (
                headers
                if evidence.startswith(NOT_READ)
                else BytesParser(policy=email.policy.default).parsebytes(raw)
            )
            found = matcher.match(
                parsed,
                bounce_recipient=getattr(classification, "bounce_recipient", None),
                is_bounce=str(classification.kind) == ReplyKind.BOUNCE,
            )
            if found.matched:
                return found
            return Match(campaign=matcher.named_campaign(parsed))
        except Exception:  # unmatched is a safe answer: a person looks
            log.warning("matching UID %s failed", incoming.uid, exc_info=True)
            return _MATCH_FAILED

    def _advance(self, session: Session, uidvalidity: int, uid: int) -> None:
        session.execute(
            update(MailboxState)
            .where(
                MailboxState.folder == self.config.mailbox_key,
                MailboxState.uidvalidity == uidvalidity,
                MailboxState.last_uid < uid,
            )
            .values(last_uid=uid)
        )

    # -- filing ----------------------------------------------------------------------------

    def _file(
        self,
        mailbox: BaseMailBox,
        replies: list[Reply],
        folders: Mapping[Outcome, str],
        result: PollResult,
    ) -> None:
        """Move (or flag) each reply's message by its outcome and remember it in the ledger."""
        self._remember(replies, self._place(mailbox, replies, folders), result)

    def _place(
        self, mailbox: BaseMailBox, replies: list[Reply], folders: Mapping[Outcome, str]
    ) -> dict[int, str]:
        """Move (or flag) each reply's message by its outcome; where each UID went. IMAP only
        (a poll runs it on its IMAP thread)."""
        groups: dict[Outcome, list[int]] = defaultdict(list)
        for reply in replies:
            if reply.filed_to == KEPT:
                continue
            groups[outcome_of(reply)].append(reply.uid)
        filed: dict[int, str] = {}
        for outcome, uids in groups.items():
            uid_set = ",".join(str(uid) for uid in uids)
            if self.config.move:
                _move(mailbox, uid_set, folders[outcome])
                where = folders[outcome]
            else:
                where = f"$Circular_{outcome.value}"
                # Not imap-tools' flag(): it EXPUNGEs the whole folder after storing, which in
                # a shared mailbox would destroy other people's deleted-but-kept messages.
                typ, data = mailbox.client.uid("STORE", uid_set, "+FLAGS.SILENT", f"({where})")
                if typ != "OK":
                    raise ImapError(f"cannot flag UIDs {uid_set} on {self.config.where}: {data}")
            filed.update(dict.fromkeys(uids, where))
        return filed

    def _remember(self, replies: list[Reply], filed: dict[int, str], result: PollResult) -> None:
        """Record in the ledger where ``_place`` filed the messages (one UPDATE per folder)."""
        result.filed.update(Counter(filed.values()))
        by_place: dict[tuple[int, str], list[int]] = defaultdict(list)
        for reply in replies:
            if reply.uid in filed:
                by_place[(reply.uidvalidity, filed[reply.uid])].append(reply.uid)
        if not by_place:
            return
        with self.ledger.session() as session:
            for (uidvalidity, where), uids in by_place.items():
                for start in range(0, len(uids), FILE_BATCH):
                    session.execute(
                        update(Reply)
                        .where(
                            Reply.mailbox == self.config.mailbox_key,
                            Reply.uidvalidity == uidvalidity,
                            Reply.uid.in_(uids[start : start + FILE_BATCH]),
                        )
                        .values(filed_to=where)
                    )


def _leave_in_place(reply: Reply) -> None:
    """Make ``reply`` the record of someone else's mail: left where it is, never reviewed, and
    nothing of it kept but what a later poll needs to skip it (UID, Message-ID)."""
    reply.status = ReplyStatus.NOT_OURS
    reply.filed_to = KEPT
    reply.from_addr = reply.subject = reply.evidence = reply.text_excerpt = ""
    reply.decision_note = reply.delegate = reply.bounce_recipient = ""


def _move(mailbox: BaseMailBox, uid_set: str, folder: str) -> None:
    """UID MOVE, or COPY + UID EXPUNGE of just these UIDs; never a folder-wide EXPUNGE."""
    client = mailbox.client
    encoded = encode_folder(folder)
    if "MOVE" in client.capabilities:
        typ, data = client.uid("MOVE", uid_set, encoded)
    elif "UIDPLUS" in client.capabilities:
        typ, data = client.uid("COPY", uid_set, encoded)
        if typ == "OK":
            typ, data = client.uid("STORE", uid_set, "+FLAGS.SILENT", r"(\Deleted)")
        if typ == "OK":
            typ, data = client.uid("EXPUNGE", uid_set)
    else:
        raise ImapError(
            "the IMAP server supports neither MOVE nor UIDPLUS: set CIRCULAR_IMAP_MOVE=false "
            "to flag replies instead of moving them"
        )
    if typ != "OK":
        raise ImapError(f"cannot move UIDs {uid_set} to {folder!r}: {data!r}")


#: The classifier a poll uses unless told otherwise.
DEFAULT_CLASSIFIER = "circular.replies.classify:classify_message"


def load_classifier(path: str | None = None) -> Classifier:
    """The classifier named ``module:function`` (default: circular's own). Another one can be
    named for a trial or a test; the name is checked before any mail is touched."""
    import importlib

    module_name, _, function_name = (path or DEFAULT_CLASSIFIER).partition(":")
    if not module_name or not function_name:
        raise ValueError(f"classifier {path!r}: expected module:function")
    try:
        function = getattr(importlib.import_module(module_name), function_name)
    except (ImportError, AttributeError) as error:
        raise ValueError(f"classifier {path or DEFAULT_CLASSIFIER!r} not found: {error}") from None
    if not callable(function):
        raise ValueError(f"classifier {path!r} is not a function")
    return function  # type: ignore[no-any-return]


def with_limits(
    classify: Classifier, limits: Limits, event_names: tuple[str, ...] = ()
) -> Classifier:
    """``classify`` reading under ``limits`` (``CIRCULAR_MAIL_MAX_*``) and knowing the
    campaigns' ``event_names`` when it takes those arguments, as circular's classifier does;
    any other classifier as it is."""
    import functools
    import inspect

    try:
        parameters = inspect.signature(classify).parameters
    except (TypeError, ValueError):  # a builtin or a C callable: nothing to bind
        return classify
    given = {"limits": limits, "event_names": event_names}
    bound = {name: value for name, value in given.items() if name in parameters}
    return functools.partial(classify, **bound) if bound else classify


def poll_once(
    ledger: Ledger,
    settings: Settings,
    classify: Classifier | None = None,
    *,
    country_lookup: CountryLookup | None = None,
) -> PollResult:
    """One poll with the settings' mailbox, the real classifier, and every campaign's
    reference (see ``circular.replies.matching.campaign_reference``)."""
    with ledger.session() as session:
        index = ContactIndex.build(session)
    references = {c: campaign_reference(c, settings.letters_dir) for c in index.campaigns}
    # A message is classified before it is matched: the names of every campaign's event serve.
    names = tuple(
        dict.fromkeys(
            n
            for c in sorted(index.campaigns)
            for n in campaign_event_names(c, settings.letters_dir)
        )
    )
    classify = with_limits(classify or load_classifier(), Limits.from_settings(settings), names)
    poller = Poller(
        ledger,
        ImapConfig.from_settings(settings),
        classify,
        references=references,
        country_lookup=country_lookup or default_country_lookup,
        unmatched=settings.imap_unmatched,
    )
    return poller.poll()

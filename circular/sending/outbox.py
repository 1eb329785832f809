"""Sending a campaign's messages: exactly once, at the server's pace, over reused parallel
connections.

``send_messages`` takes the messages to send (``OutgoingMessage``, see ``circular.sending.mime``),
makes
sure each has its ledger row (token and Message-ID generated up front), settles rows a crashed
run left ``sending``, then runs N workers, each with its own SMTP connection, fed by one
producer; a worker claims a row only when the rate limiter lets its send go. A message is
built and serialised once, just before, and its bytes are what SMTP sends.

``write_previews`` is the dry run: the same messages as .eml files, nothing sent, the ledger
untouched.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from circular.ledger import Ledger, MessageStatus, campaign_cancelled, utcnow
from circular.sending import answers, claims, quota, stops
from circular.sending.claims import MessageRow
from circular.sending.commits import OutcomeLog
from circular.sending.mime import (
    BuiltMessage,
    MessageBuildError,
    OutgoingMessage,
    build_message,
    needs_smtputf8,
)
from circular.sending.ratelimit import DailyQuotaReached, SharedRateLimiter, Slot, account_key
from circular.sending.sent_folder import SentFolder
from circular.sending.smtp import Outcome, SendResult, SmtpConfig, SmtpConnection, SmtpSetupError
from circular.settings import Settings, SmtpUtf8
from circular.tokens import new_token

log = logging.getLogger(__name__)

_MAX_RETRY_DELAY = 900.0


@dataclass(frozen=True)
class SendOptions:
    """How a run sends. ``from_settings`` reads the operator's settings."""

    connections: int = 4
    per_minute: int = 0
    per_day: int = 0
    max_attempts: int = 5
    retry_delay: float = 30.0  # before the 2nd attempt; doubled each time, at most 15 min
    bounce_address: str = ""
    limit: int | None = None  # send at most this many (new) messages in this run
    stale_after: float = 900.0  # a claim this old by another host is taken as abandoned
    rate_window: float = 60.0  # the window of per_minute; shorter only in tests
    recipients_per_day: int = 0  # To and Cc over a rolling 24 hours (circular.sending.quota)
    smtputf8: SmtpUtf8 = "auto"  # "no": addresses always in ASCII, whatever the server offers
    # Group commit (circular.sending.commits): acceptances written in batches of at most
    # ``commit_batch`` messages or ``commit_interval`` seconds; claims in batches of at most
    # ``commit_batch`` too. 1: every state change in its own transaction.
    commit_batch: int = 32
    commit_interval: float = 0.1
    # Awaited with a message's recipient count before the ledger's limiter: the flows put
    # Prefect's global concurrency limit here (a brake staff can tighten in the UI).
    gate: Callable[[int], Awaitable[None]] | None = None

    @classmethod
    def from_settings(cls, settings: Settings, **overrides: object) -> SendOptions:
        """Options from ``settings``, with ``overrides`` (e.g. ``limit=10``)."""
        values: dict[str, object] = {
            "connections": settings.smtp_connections,
            "per_minute": settings.smtp_rate_per_minute,
            "per_day": settings.smtp_rate_per_day,
            "recipients_per_day": settings.smtp_recipients_per_day,
            "max_attempts": settings.smtp_max_attempts,
            "retry_delay": settings.smtp_retry_delay,
            "bounce_address": settings.smtp_bounce_address,
            "stale_after": max(900.0, settings.smtp_timeout * 10),
            "smtputf8": settings.smtp_utf8,
            "commit_batch": settings.smtp_commit_batch,
            "commit_interval": settings.smtp_commit_ms / 1000,
        }
        values.update(overrides)
        return cls(**values)  # type: ignore[arg-type]

    def delay_before(self, attempt: int) -> float:
        """The wait before attempt number ``attempt`` (2, 3, ...)."""
        return min(self.retry_delay * 2 ** max(attempt - 2, 0), _MAX_RETRY_DELAY)


@dataclass
class SendReport:
    """What a run did. Message lists hold each message's name (``OutgoingMessage.name``)."""

    sent: int = 0
    failed: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    retried: int = 0
    already_done: int = 0  # rows not pending when the run began (sent, failed, unknown...)
    not_due: int = 0  # pending rows scheduled for later (a retry another run set)
    left_pending: int = 0  # not sent in this run: limit, daily quota
    refused_cc: dict[str, dict[str, str]] = field(default_factory=dict)
    reconciled: claims.Reconciled | None = None
    quota_resume_at: datetime | None = None
    cancelled: int = 0  # messages of a cancelled campaign: not sent


@dataclass
class _Job:
    outgoing: OutgoingMessage
    row: MessageRow
    built: BuiltMessage | None = None
    built_utf8: bool = False  # ``built`` is for a server that offers SMTPUTF8
    # Counted across runs: the ledger's attempts so far plus this one, so a message that keeps
    # getting 4xx fails after ``max_attempts`` in all, not ``max_attempts`` per run.
    attempt: int = 1
    retried: bool = False  # this run released it for a retry (its own ``scheduled_for``)
    claimed: bool = False  # its row is ``sending``, claimed by this run (maybe ahead of time)


ProgressCallback = Callable[[str, OutgoingMessage], None]


def _key(item: OutgoingMessage) -> tuple[str, str]:
    return item.campaign, item.kind


def prepare(ledger: Ledger, messages: Sequence[OutgoingMessage]) -> list[MessageRow]:
    """The ledger row of each message (created ``pending`` where missing), in order."""
    groups: dict[tuple[str, str], list[OutgoingMessage]] = {}
    for item in messages:
        groups.setdefault(_key(item), []).append(item)
    rows: dict[tuple[str, str, int], MessageRow] = {}
    for (campaign, kind), items in groups.items():
        contacts = [(i.contact_id, i.id_domain) for i in items]
        found = claims.ensure_rows(ledger, campaign, kind, contacts)
        rows.update({(campaign, kind, cid): row for cid, row in found.items()})
    return [rows[(m.campaign, m.kind, m.contact_id)] for m in messages]


class _Run:
    """One send run: a producer queueing messages in order, N workers (one connection each)
    claiming and sending them, one rate limiter shared by all."""

    def __init__(
        self,
        ledger: Ledger,
        smtp: SmtpConfig,
        options: SendOptions,
        sent_folder: SentFolder | None,
        progress: ProgressCallback | None,
    ) -> None:
        self.ledger, self.smtp, self.options = ledger, smtp, options
        self.sent_folder, self.progress = sent_folder, progress
        self.claimer = claims.new_claimer_id()
        self.report = SendReport()
        self.queue: asyncio.Queue[_Job] = asyncio.Queue(maxsize=options.connections)
        self.outstanding = 0  # jobs not yet settled (queued, in flight, awaiting a retry)
        self.settled = asyncio.Event()
        self.stopping: BaseException | None = None  # daily quota or a setup error
        self.retry_tasks: set[asyncio.Task[None]] = set()
        self.copies: asyncio.Queue[BuiltMessage] = asyncio.Queue()  # for the Sent folder
        self.spare_slots: list[Slot] = []  # granted, unused: the letter was another's
        self.outcomes = OutcomeLog(
            ledger, self.claimer, options.commit_batch, options.commit_interval
        )
        # Jobs in the queue, in order: a claim takes some of them along (``_claim``).
        self.queued: dict[int, _Job] = {}

    def _notify(self, event: str, job: _Job) -> None:
        if self.progress is not None:
            self.progress(event, job.outgoing)

    def _done(self) -> None:
        self.outstanding -= 1
        if self.outstanding == 0:
            self.settled.set()

    async def run(self, jobs: list[_Job]) -> SendReport:
        # One limit per account, held in the ledger: every sender of the account shares it.
        self.limiter = SharedRateLimiter(
            self.ledger,
            account_key(self.smtp.host, self.smtp.port, self.smtp.username),
            self.options.per_minute,
            self.options.per_day,
            holder=self.claimer,
            window=self.options.rate_window,
            stale_after=self.options.stale_after,
        )
        self.budget = quota.RecipientBudget(
            self.options.recipients_per_day, quota.recent_sends(self.ledger, utcnow())
        )
        paused = quota.paused_until(self.ledger, utcnow())
        if paused is not None:  # a provider's quota answer an earlier run recorded
            self._stop(quota.RecipientQuotaReached("the provider's quota was reached", paused))
            self.report.quota_resume_at = paused
        # Claiming ahead (a claim takes the queued jobs along) only when nothing paces the
        # sends: behind a rate limit a claim waits for its slot, so only the sends truly in
        # flight are ``sending`` when a crash comes.
        self.claim_ahead = not self.limiter.limited and self.options.gate is None
        if self.claim_ahead:
            # Room in the queue for a whole claim batch (jobs wait there already claimed).
            self.queue = asyncio.Queue(
                maxsize=max(self.options.connections, self.options.commit_batch)
            )
        self.connections = self.options.connections  # open ones; fewer on a 432 answer
        workers = [asyncio.create_task(self._worker()) for _ in range(self.options.connections)]
        # The outcome log's timer is watched like a worker: a ledger error there stops the run.
        workers.append(asyncio.create_task(self.outcomes.run()))
        producer = asyncio.create_task(self._produce(jobs))
        copier = asyncio.create_task(self._copy_to_sent()) if self.sent_folder else None
        try:
            # A worker that dies of an unexpected error stops the run (its row stays
            # ``sending``: ambiguous, reconciled later) instead of hanging it.
            await asyncio.wait([producer, *workers], return_when=asyncio.FIRST_COMPLETED)
            if producer.done():
                producer.result()
                settled = asyncio.create_task(self.settled.wait())
                if self.outstanding:
                    await asyncio.wait([settled, *workers], return_when=asyncio.FIRST_COMPLETED)
                settled.cancel()
            for worker in workers:
                if worker.done() and not worker.cancelled() and worker.exception():
                    producer.cancel()
                    raise worker.exception()  # type: ignore[misc]
            if copier is not None:
                await self.copies.join()  # every copy made before the run reports
        finally:
            if copier is not None:
                copier.cancel()
            await stops.cancel_until_done([producer, *workers, *self.retry_tasks])
            try:
                self.outcomes.flush()  # what the server accepted is recorded first
            finally:
                self._release_queued()
                for slot in self.spare_slots:
                    self.limiter.release(slot, delivered=False)
        if isinstance(self.stopping, SmtpSetupError):
            raise self.stopping
        return self.report

    async def _produce(self, jobs: list[_Job]) -> None:
        limit = self.options.limit
        for index, job in enumerate(jobs):
            if self.stopping is not None or (limit is not None and index >= limit):
                self.report.left_pending += len(jobs) - index
                return
            self.outstanding += 1
            self.settled.clear()
            await self._enqueue(job)

    async def _enqueue(self, job: _Job) -> None:
        await self.queue.put(job)
        self.queued[id(job)] = job

    async def _dequeue(self) -> _Job:
        job = await self.queue.get()
        self.queued.pop(id(job), None)
        return job

    def _release_queued(self) -> None:
        """Count the jobs a stopped run never took, giving back those claimed ahead."""
        while not self.queue.empty():
            job = self.queue.get_nowait()
            self.queued.pop(id(job), None)
            self._leave(job)

    def _leave(self, job: _Job) -> None:
        """``job`` is not sent in this run: it stays (or goes back to) ``pending``."""
        self.report.left_pending += 1
        if job.claimed:
            claims.release(self.ledger, job.row.id, self.claimer, uncount=True)
            job.claimed = False

    def _claim(self, job: _Job) -> bool:
        """Claim ``job``'s row; True when this run won it. Group commit: a first claim takes
        along the queued jobs not yet claimed (at most ``commit_batch`` in all, one
        transaction), which their workers then find claimed."""
        if job.claimed:
            return True
        if job.retried or not self.claim_ahead or self.options.commit_batch <= 1:
            job.claimed = claims.claim(self.ledger, job.row.id, self.claimer, retry=job.retried)
            return job.claimed
        ahead = [other for other in self.queued.values() if not (other.claimed or other.retried)]
        batch = [job, *ahead[: self.options.commit_batch - 1]]
        won = claims.claim_many(self.ledger, [other.row.id for other in batch], self.claimer)
        for other in batch:
            # A queued job another sender won stays unclaimed: its own claim then says so.
            other.claimed = other.row.id in won
        return job.claimed

    def _stop(self, reason: BaseException) -> None:
        """Stop claiming: the rest waits for another run. Sends in flight finish."""
        self.stopping = reason
        for task in self.retry_tasks:
            task.cancel()

    async def _worker(self) -> None:
        connection = SmtpConnection(self.smtp)
        try:
            while True:
                job = await self._dequeue()
                try:
                    retire = await self._handle(connection, job)
                finally:
                    self._done()
                if retire and self.connections > 1:
                    self.connections -= 1
                    break
        except asyncio.CancelledError:
            # Ctrl-C or a stopping run, maybe mid-send: the answer is not waited for (the row
            # stays ``sending`` and is settled by the next run), nor is a QUIT's.
            connection.abort()
            raise
        finally:
            await connection.close()
        # The server asked for fewer connections: this worker's is closed; it waits for the
        # run's end rather than returning, which would read as the run being over.
        await asyncio.Event().wait()

    async def _handle(self, connection: SmtpConnection, job: _Job) -> bool:
        """Send one job; True when this worker's connection should close (the server asked
        for fewer)."""
        # Claim as late as possible (after the rate limiter let the send go): only the sends
        # truly in flight are ``sending`` when a crash comes, so few become ``unknown``.
        if self.stopping is not None:
            self._leave(job)
            return False
        try:
            utf8 = await self._smtputf8(connection, job.outgoing)
        except SmtpSetupError as error:
            self._stop(error)
            self._leave(job)
            return False
        if job.built is None or job.built_utf8 != utf8:
            try:
                job.built = build_message(
                    job.outgoing, job.row.token, self.options.bounce_address, smtputf8=utf8
                )
                job.built_utf8 = utf8
            except MessageBuildError as error:
                if self._claim(job):
                    answer = str(error) + self._why_not_smtputf8(job.outgoing)
                    claims.mark_failed(
                        self.ledger, job.row.id, self.claimer, code=None, answer=answer
                    )
                    self.report.failed.append(job.outgoing.name)
                    self._notify("failed", job)
                return False
        try:
            self.budget.take(len(job.built.recipients))
        except quota.RecipientQuotaReached as error:
            self._stop(error)
            self.report.quota_resume_at = error.resume_at
            self._leave(job)
            return False
        try:
            slot = await self._slot(len(job.built.recipients))
        except DailyQuotaReached as error:
            self.budget.give_back(len(job.built.recipients))
            self._stop(error)
            self.report.quota_resume_at = error.resume_at
            self._leave(job)
            return False
        if not self._claim(job):
            # Another sender took this letter while we waited: the slot goes to our next one.
            # (Given back instead, two senders walking one campaign in the same order would
            # let the one behind spend every slot it wins on letters already taken.)
            self.spare_slots.append(slot)
            self.budget.give_back(len(job.built.recipients))
            self.report.already_done += 1
            return False
        try:
            result = await connection.send(job.built)
        except SmtpSetupError as error:
            self.limiter.release(slot, delivered=False)
            self.budget.give_back(len(job.built.recipients))
            self._stop(error)
            self._leave(job)
            return False
        except BaseException:
            # Cancelled or a bug mid-send: the row stays ``sending`` (ambiguous) on purpose.
            self.limiter.release(slot, delivered=True)
            raise
        delivered = result.outcome in (Outcome.ACCEPTED, Outcome.AMBIGUOUS)
        self.limiter.release(slot, delivered=delivered)
        if not delivered:
            self.budget.give_back(len(job.built.recipients))
        understood = None if delivered else answers.understand(result.code, result.answer)
        if understood is not None and understood.action in answers.STOPPING:
            self._provider_stops(job, result, understood)
            return False
        await self._record(job, result)
        return understood is not None and understood.action == answers.Action.FEWER_CONNECTIONS

    async def _slot(self, recipients: int) -> Slot:
        """A slot of the shared limit for a message to ``recipients``: a spare one (won for a
        letter another sender took) when it is big enough, else a new one."""
        while self.spare_slots:
            spare = self.spare_slots.pop()
            if spare.recipients >= recipients:
                return spare
            self.limiter.release(spare, delivered=False)
        if self.options.gate is not None:
            await self.options.gate(recipients)
        return await self.limiter.acquire(recipients)

    def _provider_stops(
        self, job: _Job, result: SendResult, understood: answers.Understood
    ) -> None:
        """A provider's answer that is not the letter's fault: the letter goes back to
        ``pending`` (a quota: scheduled for when the window reopens, which the next run reads
        back) and the run stops claiming."""
        message = understood.message(result.code, result.answer)
        resume = None
        if understood.action == answers.Action.PAUSE:
            window = self.budget.window_opens() if understood.name == "quota" else None
            resume = answers.resume_time(understood, utcnow(), window)
        claims.release(
            self.ledger,
            job.row.id,
            self.claimer,
            code=result.code,
            answer=result.answer,
            retry_at=resume,
            uncount=True,
        )
        job.claimed = False
        if resume is None:
            self._stop(SmtpSetupError(message))
        else:
            self._stop(quota.RecipientQuotaReached(message, resume))
            self.report.quota_resume_at = resume
        self.report.left_pending += 1

    async def _smtputf8(self, connection: SmtpConnection, outgoing: OutgoingMessage) -> bool:
        """Whether ``outgoing`` goes with its addresses as they are (SMTPUTF8): only when one
        is outside ASCII, the settings allow it and the server's EHLO offers it. Otherwise
        internationalised domains are written in ASCII (IDNA)."""
        if self.options.smtputf8 == "no" or not needs_smtputf8(outgoing):
            return False
        return await connection.offers_smtputf8()

    def _why_not_smtputf8(self, outgoing: OutgoingMessage) -> str:
        if not needs_smtputf8(outgoing):
            return ""
        if self.options.smtputf8 == "no":
            return " (CIRCULAR_SMTP_UTF8=no)"
        return f" ({self.smtp.host}:{self.smtp.port} does not offer SMTPUTF8)"

    async def _record(self, job: _Job, result: SendResult) -> None:
        row_id, name = job.row.id, job.outgoing.name
        assert job.built is not None
        job.claimed = False  # its outcome settles the claim (a retry claims again)
        if result.outcome == Outcome.ACCEPTED:
            self.outcomes.accepted(
                claims.Accepted(
                    row_id,
                    job.built.recipients,
                    result.code,
                    result.answer,
                    result.refused,
                    sent_at=utcnow(),
                )
            )
            self.report.sent += 1
            if result.refused:
                self.report.refused_cc[name] = result.refused
            self._notify("sent", job)
            if self.sent_folder is not None:
                # Copied to Sent in the background: an IMAP APPEND per letter would otherwise
                # set the pace of the whole run.
                self.copies.put_nowait(job.built)
        elif result.outcome == Outcome.AMBIGUOUS:
            claims.mark_unknown(self.ledger, row_id, self.claimer, answer=result.answer)
            self.report.unknown.append(name)
            self._notify("unknown", job)
        elif result.outcome == Outcome.PERMANENT or job.attempt >= self.options.max_attempts:
            answer = result.answer
            if result.outcome == Outcome.TEMPORARY:
                answer = f"gave up after {job.attempt} attempts; last: {answer}"
            claims.mark_failed(
                self.ledger,
                row_id,
                self.claimer,
                code=result.code,
                answer=answer,
                refused=result.refused,
            )
            self.report.failed.append(name)
            self._notify("failed", job)
        else:
            self._schedule_retry(job, result)

    def _schedule_retry(self, job: _Job, result: SendResult) -> None:
        delay = self.options.delay_before(job.attempt + 1)
        retry_at = utcnow() + timedelta(seconds=delay)
        claims.release(
            self.ledger,
            job.row.id,
            self.claimer,
            code=result.code,
            answer=result.answer,
            retry_at=retry_at,
        )
        self.report.retried += 1
        self._notify("retry", job)
        self.outstanding += 1  # the retry keeps the run open; _handle's finally settles this try
        task = asyncio.create_task(self._retry_later(job, delay))
        self.retry_tasks.add(task)
        task.add_done_callback(self.retry_tasks.discard)

    async def _retry_later(self, job: _Job, delay: float) -> None:
        try:
            await asyncio.sleep(delay)
            if self.stopping is None:
                job.attempt += 1
                job.retried = True
                self.outstanding += 1
                await self._enqueue(job)
            else:
                self.report.left_pending += 1
        except asyncio.CancelledError:
            self.report.left_pending += 1  # released for retry; a later run takes it
            raise
        finally:
            self._done()

    async def _copy_to_sent(self) -> None:
        """Append each sent letter to the Sent folder, one at a time, in the background."""
        assert self.sent_folder is not None
        while True:
            built = await self.copies.get()
            try:
                await asyncio.to_thread(self.sent_folder.append, built.data)
            except Exception as error:  # the letter is sent; a missing copy must not undo that
                log.warning("could not append %s to the Sent folder: %s", built.message_id, error)
            finally:
                self.copies.task_done()


async def send_messages(
    ledger: Ledger,
    messages: Sequence[OutgoingMessage],
    smtp: SmtpConfig,
    options: SendOptions,
    *,
    sent_folder: SentFolder | None = None,
    progress: ProgressCallback | None = None,
    on_plan: Callable[[int], None] | None = None,
) -> SendReport:
    """Send every message of ``messages`` not yet sent, in order, exactly once.

    ``progress(event, message)`` is called as each message ends (``sent``, ``failed``,
    ``unknown``) or is set to be retried (``retry``); ``on_plan(n)`` once, with the number of
    messages this run will try.

    First settles rows an interrupted run left ``sending`` (Sent folder, else ``unknown``).
    Raises SmtpSetupError when the server cannot be used (TLS verification, login); rows
    claimed but not sent are given back first."""
    smtp.check()
    with ledger.session() as session:
        # A campaign a person cancelled sends nothing more, whichever command or flow runs.
        stopped = {c for c in {m.campaign for m in messages} if campaign_cancelled(session, c)}
    skipped = sum(1 for m in messages if m.campaign in stopped)
    messages = [m for m in messages if m.campaign not in stopped]
    rows = prepare(ledger, messages)
    reconciled = None
    for campaign in sorted({m.campaign for m in messages}):
        result = claims.reconcile(
            ledger,
            campaign,
            sent_folder.find if sent_folder is not None else None,
            stale_after=options.stale_after,
        )
        if reconciled is None:
            reconciled = result
        else:
            reconciled = claims.Reconciled(
                reconciled.sent + result.sent,
                reconciled.unknown + result.unknown,
                reconciled.still_sending + result.still_sending,
            )
    now = utcnow()
    jobs, run = [], _Run(ledger, smtp, options, sent_folder, progress)
    for item, row in zip(messages, rows, strict=True):
        if row.status != MessageStatus.PENDING:
            run.report.already_done += 1
        elif row.scheduled_for is not None and row.scheduled_for > now:
            run.report.not_due += 1
        else:
            jobs.append(_Job(item, row, attempt=row.attempts + 1))
    run.report.reconciled = reconciled
    run.report.cancelled = skipped
    if on_plan is not None:
        on_plan(len(jobs) if options.limit is None else min(options.limit, len(jobs)))
    return await run.run(jobs)


def send(
    ledger: Ledger,
    messages: Sequence[OutgoingMessage],
    smtp: SmtpConfig,
    options: SendOptions,
    *,
    sent_folder: SentFolder | None = None,
    progress: ProgressCallback | None = None,
    on_plan: Callable[[int], None] | None = None,
) -> SendReport:
    """``send_messages`` for synchronous callers (CLI, Prefect tasks). SIGINT or SIGTERM stops
    it (``stops.Stopped``, a KeyboardInterrupt) once the run has recorded what it knows."""
    return stops.run(
        send_messages(
            ledger,
            messages,
            smtp,
            options,
            sent_folder=sent_folder,
            progress=progress,
            on_plan=on_plan,
        )
    )


def write_previews(
    messages: Sequence[OutgoingMessage],
    out_dir: Path,
    *,
    bounce_address: str = "",
    ledger: Ledger | None = None,
    smtputf8: bool = False,
) -> list[Path]:
    """Dry run: write each message as ``<out_dir>/<contact>.<kind>.eml`` and send nothing
    (``smtputf8``: as for a server that offers SMTPUTF8, see ``build_message``).

    With ``ledger``, a message that already has a row shows its real token and Message-ID;
    otherwise a fresh token is used. The ledger is never written."""
    tokens: dict[tuple[str, str, int], str] = {}
    if ledger is not None:
        tokens = claims.existing_tokens(
            ledger, [(m.campaign, m.kind, m.contact_id) for m in messages]
        )
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for item in messages:
        token = tokens.get((item.campaign, item.kind, item.contact_id)) or new_token()
        built = build_message(item, token, bounce_address, smtputf8=smtputf8)
        stem = _safe_stem(item.label or str(item.contact_id))
        path = out_dir / f"{stem}.{item.kind}.eml"
        path.write_bytes(built.data)
        written.append(path)
    return written


def _safe_stem(value: str) -> str:
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in value).strip(".") or "message"

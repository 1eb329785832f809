"""Rendering on every core: letters rendered, checked and written by a pool of processes, in
chunks, while the calling process keeps the order and writes the ledger (one writer: the
ledger never sees the workers). Forked workers make each letter of their chunk whole, its
context too, from the batch they inherit (``_render_span``: the caller sends two numbers a
chunk, and gets each letter's inputs hash and sha256 back); other workers are sent each
letter's context, built by the caller (``_render_chunk``).

How the workers start (``start_method``): on Linux, a caller with no other thread is forked:
the workers inherit its interpreter, its imports and the templates it has prepared and
checked, and are ready in milliseconds instead of a second each (a spawned worker imports the
renderer and prepares the templates again: issue 20, ``python -m bench.pool_start``). A fork
copies only the calling thread, so a caller with other threads (a Prefect task, whose engine
runs threads; a web server) is never forked: its workers come from a forkserver, a clean
process started once that has imported the renderer, and prepare the templates from the very
bytes the caller checked (a template file changed meanwhile cannot slip in). Elsewhere
(macOS, Windows, where a fork is unsafe or absent) they are spawned.

A forked worker inherits the ledger's open SQLite connections too; it never uses them, and
leaves with ``os._exit`` (multiprocessing's own), which closes no connection and runs no
finaliser of the caller's. It builds contexts from the caller's contact rows, reading only
columns they hold already (the ledger's sessions keep what they load: ``expire_on_commit``
is off, and a contact has no relationship to load), as the caller did before forked workers
built them. The first letter of each template is checked whole, python-docx included, once a
run: by the caller of forked workers, in memory, while they render their first chunks
(``_check_first_letters``: a forked worker does not check it again, and the pool's serial
part is no longer each worker's 6 python-docx opens before its first chunk); by each
spawned or forkserver's worker, which prepared its templates itself.

A worker leaves as soon as its caller is gone (``_watch_caller``): the pool's workers wait on
a queue whose writing end they hold too, so a caller killed mid-batch used to leave them
waiting for ever, and one busy with a chunk kept writing letters after it.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections import deque
from collections.abc import Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import replace
from itertools import islice
from multiprocessing.connection import wait
from pathlib import Path

from circular.letters.prepcache import TemplateCache
from circular.letters.render import LetterTemplate, _Batch, _Job, _write_letter
from circular.letters.signature import Signature

#: Letters sent to a worker at a time: large enough that the round trip is small beside
#: rendering them, small enough that every worker stays busy to the end.
CHUNK = 64

#: What a forkserver imports once, before it forks any worker: the renderer.
PRELOAD = ["circular.letters.poolserver"]

_templates: dict[str, LetterTemplate] = {}
#: A forked worker's batch, inherited from its caller (``_adopt``).
_batch: _Batch | None = None

Sources = dict[str, tuple[Path, str, bytes]]


def start_method() -> str:
    """``fork`` on Linux when this process has no other thread, ``forkserver`` when it has,
    ``spawn`` elsewhere (see the module doc)."""
    if not sys.platform.startswith("linux"):
        return "spawn"
    return "fork" if threading.active_count() == 1 else "forkserver"


def _watch_caller() -> None:
    """End this worker the moment its caller ends (killed or crashed): a thread waits on the
    caller's sentinel, which multiprocessing gives every child whatever the start method."""
    caller = multiprocessing.parent_process()
    if caller is None:
        return

    def watch() -> None:
        wait([caller.sentinel])
        os._exit(1)  # no letter of a dead caller is recorded: it is rendered again

    threading.Thread(target=watch, name="renderpool-caller", daemon=True).start()


def _preload() -> list[str]:
    """What the forkserver imports: the renderer, and the caller's main module when it was
    run by name (``python -m prefect.engine``, how a Prefect worker runs a flow):
    multiprocessing runs that module again in every worker, and its imports (Prefect: 1.6 s)
    are then found done instead of made per worker."""
    spec = getattr(sys.modules["__main__"], "__spec__", None)
    main = getattr(spec, "name", None)
    if main is None or main == "__main__" or main.endswith(".__main__"):
        return PRELOAD  # multiprocessing does not run a package's __main__ again
    return [*PRELOAD, main]


def _start(sources: Sources, signature: Signature | None, cache: TemplateCache | None) -> None:
    """A spawned (or forkserver's) worker: prepare the templates from the caller's bytes
    (from the caller's cache of prepared templates, where it has one: the caller has just
    stored them there)."""
    _watch_caller()
    for language, (path, label, data) in sources.items():
        _templates[language] = LetterTemplate(
            path, language, label, signature=signature, data=data, cache=cache
        )


def _adopt(templates: Mapping[str, LetterTemplate], batch: _Batch | None = None) -> None:
    """A forked worker: the caller's prepared templates and its batch, inherited (never
    pickled)."""
    global _batch
    _watch_caller()
    _templates.update(templates)
    for template in templates.values():
        template.checks_first_whole = False  # the caller does (_check_first_letters)
    _batch = batch


def _render_chunk(jobs: list[_Job]) -> list[str]:
    return [_write_letter(_templates[job.language], job) for job in jobs]


def _render_span(start: int, stop: int) -> list[tuple[str, str | None, str]]:
    """The letters ``start`` to ``stop`` of the inherited batch, each made here whole (its
    context built, its inputs hashed, left as it is when unchanged, else rendered, checked
    and written): its inputs hash, its recorded sha256 when left, and its sha256."""
    assert _batch is not None
    made = []
    for job in _batch.jobs(start, stop):
        sha = job.skipped_sha or _write_letter(_templates[job.language], job)
        made.append((job.inputs, job.skipped_sha, sha))
    return made


def _for_worker(job: _Job) -> _Job:
    """``job`` without its contact (a ledger row, costly to pickle: the worker needs none)."""
    return replace(job, contact=None)  # type: ignore[arg-type]


def start_pool(
    templates: Mapping[str, LetterTemplate],
    workers: int,
    method: str | None = None,
    batch: _Batch | None = None,
) -> ProcessPoolExecutor:
    """A pool of ``workers`` processes ready to render letters of ``templates``, started by
    ``method`` (default ``start_method()``); forked ones inherit ``batch`` too."""
    method = method or start_method()
    context = multiprocessing.get_context(method)
    if method == "fork":
        return ProcessPoolExecutor(
            workers, mp_context=context, initializer=_adopt, initargs=(dict(templates), batch)
        )
    if method == "forkserver":
        context.set_forkserver_preload(_preload())
    signatures = {template.signature for template in templates.values()}
    caches = {template.cache for template in templates.values()}
    sources = {
        language: (template.path, template.label, template.data)
        for language, template in templates.items()
    }
    return ProcessPoolExecutor(
        workers,
        mp_context=context,
        initializer=_start,
        initargs=(
            sources,
            signatures.pop() if len(signatures) == 1 else None,
            caches.pop() if len(caches) == 1 else None,
        ),
    )


def render_in_pool(batch: _Batch, workers: int) -> Iterator[tuple[_Job, str]]:
    """Each letter of ``batch`` with its sha256, in order (its recorded one for a letter left
    as it was). At most two chunks per worker are in flight, so a campaign of any size holds
    a few hundred contexts at a time."""
    method = start_method()
    with start_pool(batch.templates, workers, method, batch) as pool:
        if method == "fork":
            yield from _forked(batch, pool, workers)
        else:
            yield from _sent(batch.jobs(), pool, workers)


def _forked(batch: _Batch, pool: ProcessPoolExecutor, workers: int) -> Iterator[tuple[_Job, str]]:
    """``render_in_pool`` with forked workers: each chunk sent as its first and last letter's
    places (``_render_span``); the caller builds no context (issue 20: a third of its work
    a letter was building and sending them, on the cores the workers render on)."""
    flight: deque[tuple[int, Future[list[tuple[str, str | None, str]]]]] = deque()
    spans = _spans(len(batch.plan), workers)
    checked = False
    while True:
        span = next(spans, None)
        if span is not None:
            flight.append((span[0], pool.submit(_render_span, *span)))
        if not checked and (len(flight) > 2 * workers or span is None):
            # Before any letter's result is taken (so before the ledger records one).
            _check_first_letters(batch)
            checked = True
        while flight and (len(flight) > 2 * workers or span is None):
            first, future = flight.popleft()
            for index, (inputs, skipped, sha) in enumerate(future.result(), start=first):
                yield batch.job(index, inputs, skipped), sha
        if span is None:
            return


def _spans(letters: int, workers: int) -> Iterator[tuple[int, int]]:
    """The places of each chunk of ``letters``: ``CHUNK`` letters each, but for the last
    ``workers`` chunks' worth, sent a quarter at a time, so that the workers end together
    (a chunk is 30-40 ms of rendering; one worker finishing a whole one alone cost half)."""
    tail = max(letters - workers * CHUNK, 0)
    for start in range(0, tail, CHUNK):
        yield start, min(start + CHUNK, tail)
    for start in range(tail, letters, CHUNK // 4):
        yield start, min(start + CHUNK // 4, letters)


def _check_first_letters(batch: _Batch) -> None:
    """The first letter of each language of ``batch`` rendered here, in memory, and checked
    whole (python-docx included: ``LetterTemplate.render_checked``), once a run, while the
    forked workers, which do not check it again, render theirs; raise as a worker would
    (``InvalidDocxError``, ``TemplateRenderError``). Rendered even when its file is left as
    it was: the check is of the template's letters, and the others may not be left."""
    firsts: dict[str, int] = {}
    for index, (contact, _) in enumerate(batch.plan):
        firsts.setdefault(contact.language, index)
        if len(firsts) == len(batch.templates):
            break
    for index in firsts.values():
        job = next(batch.jobs(index, index + 1))
        batch.templates[job.language].render_checked(job.context, f"letter {job.name}")


def _sent(
    jobs: Iterator[_Job], pool: ProcessPoolExecutor, workers: int
) -> Iterator[tuple[_Job, str]]:
    """``render_in_pool`` with spawned or forkserver's workers: each letter's job sent (its
    context built here); letters left as they were (``skipped_sha``) are not sent."""
    flight: deque[tuple[list[_Job], Future[list[str]]]] = deque()
    while True:
        chunk = list(islice(jobs, CHUNK))
        if chunk:
            todo = [_for_worker(job) for job in chunk if job.skipped_sha is None]
            flight.append((chunk, pool.submit(_render_chunk, todo)))
        while flight and (len(flight) > 2 * workers or not chunk):
            done, future = flight.popleft()
            shas = iter(future.result())
            for job in done:
                yield job, job.skipped_sha or next(shas)
        if not chunk:
            return

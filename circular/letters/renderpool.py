"""Rendering on every core: letters rendered, checked and written by a pool of processes, in
chunks, while the calling process builds the contexts, keeps the order and writes the ledger
(one writer: the ledger never sees the workers).

Each worker prepares the batch's templates once, from the very bytes the caller checked (a
template file changed meanwhile cannot slip in), and checks its first letter of each template
whole, as the caller does in one process. Processes are spawned, not forked: the caller may
hold threads (a Prefect worker, a database pool) that a fork would copy half-way.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import replace
from itertools import islice
from pathlib import Path

from circular.letters.render import LetterTemplate, _Job, _write_letter
from circular.letters.signature import Signature

#: Letters sent to a worker at a time: large enough that the round trip is small beside
#: rendering them, small enough that every worker stays busy to the end.
CHUNK = 64

_templates: dict[str, LetterTemplate] = {}


def _start(sources: dict[str, tuple[Path, str, bytes]], signature: Signature | None) -> None:
    for language, (path, label, data) in sources.items():
        _templates[language] = LetterTemplate(path, language, label, signature=signature, data=data)


def _render_chunk(jobs: list[_Job]) -> list[str]:
    return [_write_letter(_templates[job.language], job) for job in jobs]


def _for_worker(job: _Job) -> _Job:
    """``job`` without its contact (a ledger row, costly to pickle: the worker needs none)."""
    return replace(job, contact=None)  # type: ignore[arg-type]


def render_in_pool(
    jobs: Iterator[_Job], templates: Mapping[str, LetterTemplate], workers: int
) -> Iterator[tuple[_Job, str]]:
    """Each of ``jobs`` with its letter's sha256, in order; letters left as they were
    (``skipped_sha``) are not sent to the workers. At most two chunks per worker are in flight,
    so a campaign of any size holds a few hundred contexts at a time."""
    signatures = {template.signature for template in templates.values()}
    sources = {
        language: (template.path, template.label, template.data)
        for language, template in templates.items()
    }
    pool = ProcessPoolExecutor(
        workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_start,
        initargs=(sources, signatures.pop() if len(signatures) == 1 else None),
    )
    with pool:
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

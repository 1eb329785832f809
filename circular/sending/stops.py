"""Stopping a send run on SIGINT (Ctrl-C) or SIGTERM (a scheduler's stop), at any moment.

Three things could let a sender carry on after it was told to stop, each seen or possible:

- a SIGINT while the process still starts (before the event loop runs) raises
  KeyboardInterrupt wherever the main thread is, and some C extensions swallow it when it lands
  in their import (seen: PyYAML's ``_yaml``, lxml's ``etree``): the process then sent its whole
  campaign. ``remember_interrupts`` records every SIGINT, so a run that starts after a lost one
  stops before it sends anything;
- Python 3.11's ``asyncio.wait_for`` (aiosmtplib reads every answer with it) swallows a
  cancellation that comes as its answer arrives (CPython gh-86296, fixed in 3.12): a worker
  cancelled then goes on. ``cancel_until_done`` cancels again until every task has ended;
- SIGTERM killed the process at once, leaving acceptances not yet written and claims not given
  back. ``run`` handles it as Ctrl-C is handled: the run stops, and what it knows is recorded.

In both cases the letters caught mid-send stay ``sending`` (the next run settles them: Sent
folder, else ``unknown`` for a person), so nothing is ever sent twice.
"""

from __future__ import annotations

import asyncio
import signal
import threading
from collections.abc import Coroutine, Iterable
from typing import Any, TypeVar

T = TypeVar("T")

#: The signals that stop a run.
SIGNALS = (signal.SIGINT, signal.SIGTERM)
#: How often ``cancel_until_done`` cancels again a task that is still running.
RECANCEL = 0.5

_received: list[int] = []  # stop signals received and not yet acted on


class Stopped(KeyboardInterrupt):
    """A send run stopped by ``signum`` (SIGINT or SIGTERM). Exit status: 128 + ``signum``."""

    def __init__(self, signum: int) -> None:
        super().__init__(f"stopped by {signal.Signals(signum).name}")
        self.signum = signum

    @property
    def exit_status(self) -> int:
        return 128 + self.signum


class _StopSignal(Exception):
    """Inside the event loop (a KeyboardInterrupt would break out of the loop mid-step)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _record_interrupt(signum: int, frame: object) -> None:
    _received.append(signum)
    raise KeyboardInterrupt


def remember_interrupts() -> None:
    """SIGINT raises KeyboardInterrupt as before, and is also recorded (see the module's
    docstring). Call it first thing in a process's main thread."""
    main = threading.current_thread() is threading.main_thread()
    if main and signal.getsignal(signal.SIGINT) is signal.default_int_handler:
        signal.signal(signal.SIGINT, _record_interrupt)


def run(main: Coroutine[Any, Any, T]) -> T:
    """``asyncio.run(main)``, stopped by SIGINT or SIGTERM: ``main`` is cancelled (its cleanup
    runs) and Stopped is raised. A signal received before (and lost) stops it at once. In a
    thread other than the main one signals cannot be handled: then it is plain asyncio.run."""
    taken = []
    if threading.current_thread() is threading.main_thread():
        # Python's defaults and our own only: another's handler (a Prefect worker's SIGTERM)
        # is theirs to act on.
        defaults = {signal.SIGINT: (signal.default_int_handler, _record_interrupt)}
        for signum in SIGNALS:
            if signal.getsignal(signum) in defaults.get(signum, (signal.SIG_DFL,)):
                taken.append(signum)
    try:
        return asyncio.run(_guarded(main, taken))
    except _StopSignal as stop:
        raise Stopped(stop.signum) from None


async def _guarded(main: Coroutine[Any, Any, T], taken: list[signal.Signals]) -> T:
    if _received:  # a Ctrl-C while the process started, lost on the way: nothing is sent
        main.close()
        signum = _received[0]
        _received.clear()
        raise _StopSignal(signum)
    task = asyncio.current_task()
    assert task is not None
    loop = asyncio.get_running_loop()
    installed: list[tuple[int, Any]] = []
    for signum in taken:
        installed.append((signum, signal.getsignal(signum)))  # asyncio.run's, for SIGINT
        # Through the loop: the handler runs between steps, never inside a ledger write, and
        # the loop wakes at once whichever thread the signal came to.
        loop.add_signal_handler(signum, _on_signal, signum, task)
    try:
        return await main
    except asyncio.CancelledError:
        if _received:
            raise _StopSignal(_received[0]) from None
        raise
    finally:
        for signum, previous in installed:
            loop.remove_signal_handler(signum)
            signal.signal(signum, previous)
        _received.clear()


def _on_signal(signum: int, task: asyncio.Task[Any]) -> None:
    _received.append(signum)
    if len(_received) == 1:  # once: a second signal must not cut the cleanup short
        task.cancel()


async def cancel_until_done(tasks: Iterable[asyncio.Task[Any]]) -> None:
    """Cancel ``tasks`` and wait until each has ended, cancelling again every RECANCEL
    seconds a task that swallowed its cancellation (see the module's docstring)."""
    every = list(tasks)
    pending = set(every)
    while pending:
        for task in pending:
            task.cancel()
        _done, pending = await asyncio.wait(pending, timeout=RECANCEL)
    for task in every:  # retrieved, as gather(return_exceptions=True) would
        if not task.cancelled():
            task.exception()

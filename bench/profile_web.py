"""Where a ``circular web`` worker spends its time (issue 20): cProfile of one worker serving
the web benchmark's rounds.

    python -m bench.profile_web [--clients 200] [--rounds 1] [--top 30] [--http h11]

The app of ``circular.web.serve`` under uvicorn in this process (as one ``circular web``
worker), over the benchmark's fresh ledger. On SQLite the page's ledger work runs on the
event loop; what would go to a thread (a write while another process holds the lock) runs
inline here too, so that the profiler (which sees one thread) sees it. The clients of
bench/web.py run in a process of their own. Times are CPU time (``time.process_time``), so that
other jobs on the machine do not count. Prints the wall time, the server's requests,
and the functions that take the most time, by their own time and cumulatively, then the
project's own functions cumulatively.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import io
import json
import os
import pstats
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from bench.web import ROOT, free_port, prepare

_CLIENT = (
    "import asyncio, json, sys; from bench.web import rounds; "
    "port, tokens, count = json.load(sys.stdin); "
    "timings, seconds = asyncio.run(rounds(port, tokens, count)); "
    "print(sum(map(len, timings.values())), seconds)"
)


def _inline(function: Any, *args: Any, **_: Any) -> Any:
    async def run() -> Any:
        return function(*args)

    return run()


def main() -> None:
    """Profile one worker (module doc)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--http", default="httptools", help="uvicorn's parser (circular web's)")
    args = parser.parse_args()
    import anyio.to_thread
    import uvicorn

    with tempfile.TemporaryDirectory() as scratch:
        port = free_port()
        tokens, env = prepare(Path(scratch) / "bench", args.clients, port)
        os.environ.clear()
        os.environ.update(env, CIRCULAR_WEB_SECRET="profile-only-key")
        anyio.to_thread.run_sync = _inline  # type: ignore[assignment]
        from circular.web.serve import app

        config = uvicorn.Config(
            app(),
            host="127.0.0.1",
            port=port,
            access_log=False,
            log_level="warning",
            http=args.http,
        )
        server = uvicorn.Server(config)
        # CPU time, not wall time: on a shared machine the wall clock counts other jobs' turns.
        profile = cProfile.Profile(time.process_time)
        outcome: list[str] = []

        def drive() -> None:
            while not server.started:
                time.sleep(0.05)
            client = subprocess.run(
                [sys.executable, "-c", _CLIENT],
                input=json.dumps([port, tokens, args.rounds]),
                capture_output=True,
                text=True,
                cwd=ROOT,
                check=True,
            )
            outcome.append(client.stdout)
            server.should_exit = True

        driver = threading.Thread(target=drive)
        driver.start()
        started = time.process_time()
        profile.enable()
        asyncio.run(server.serve())
        profile.disable()
        elapsed = time.process_time() - started
        driver.join()
    requests, seconds = outcome[0].split()
    print(
        f"{requests} requests in {float(seconds):.2f} s; the server used {elapsed:.2f} s of CPU "
        "under cProfile (times below: CPU seconds)"
    )
    for order in ("tottime", "cumulative"):
        out = io.StringIO()
        pstats.Stats(profile, stream=out).sort_stats(order).print_stats(args.top)
        print(out.getvalue())
    out = io.StringIO()
    pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats("/circular/", args.top)
    print("The project's own functions, cumulatively:", out.getvalue())


if __name__ == "__main__":
    main()

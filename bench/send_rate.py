"""Sending benchmark: circular's send path (ledger, claims, MIME, N connections) against a
local aiosmtpd sink running in its own process.

1. 1,000 messages under a limit of 600 per minute: the sink's own timestamps show the most
   messages it received in any 60-second window (must be <= 600), and the average rate.
2. 1,000 messages with no limit: messages per second, next to a bare aiosmtplib loop on one
   connection sending the same pre-serialised bytes (no ledger) for scale.

    python -m bench.send_rate            # full (about two minutes: the limited run is paced)
    python -m bench.send_rate --quick    # small sizes, a 6-second window
"""

from __future__ import annotations

import argparse
import asyncio
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiosmtplib

from circular.ledger import Ledger
from circular.sending.mime import build_message
from circular.sending.outbox import SendOptions, send
from circular.sending.smtp import SmtpConfig
from circular.settings import Security
from circular.tokens import new_token
from tests.servers.smtp_server import free_port
from tests.support.outbox_helpers import add_contacts, letters_for

ROOT = Path(__file__).resolve().parent.parent


class Sink:
    """The recording sink in its own process; its log has one line per message."""

    def __init__(self, folder: Path) -> None:
        self.port = free_port()
        self.log = folder / f"sink-{self.port}.log"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.servers.smtp_server", *self._args()],
            cwd=ROOT,
            stdout=subprocess.PIPE,
        )
        assert self.process.stdout is not None
        if self.process.stdout.readline().strip() != b"ready":
            raise RuntimeError("the sink did not start")

    def _args(self) -> list[str]:
        return ["--port", str(self.port), "--log", str(self.log)]

    def times(self) -> list[float]:
        """Arrival times (unix seconds) of every message, in order."""
        text = self.log.read_text() if self.log.exists() else ""
        return sorted(float(line.split()[0]) for line in text.splitlines() if line.strip())

    def stop(self) -> None:
        """Stop the sink."""
        self.process.terminate()
        self.process.wait(timeout=10)


def max_in_window(times: list[float], window: float) -> int:
    """The most arrivals in any half-open window of ``window`` seconds."""
    start, best = 0, 0
    for end, moment in enumerate(times):
        while moment - times[start] >= window:
            start += 1
        best = max(best, end - start + 1)
    return best


def circular_run(folder: Path, port: int, count: int, options: SendOptions, attachment: Path):
    """Send ``count`` letters with circular; returns (seconds, report)."""
    ledger = Ledger(f"sqlite:///{folder / f'ledger-{new_token()}.sqlite3'}")
    messages = letters_for(add_contacts(ledger, count), attachment=attachment)
    config = SmtpConfig("127.0.0.1", port, security=Security.NONE)
    started = time.perf_counter()
    report = send(ledger, messages, config, options)
    elapsed = time.perf_counter() - started
    ledger.dispose()
    return elapsed, report


def bare_loop(port: int, count: int, attachment: Path) -> float:
    """Seconds for a bare aiosmtplib loop on one connection, bytes serialised beforehand."""
    built = [build_message(m, new_token()) for m in letters_for(list(range(count)), attachment)]

    async def run() -> float:
        smtp = aiosmtplib.SMTP(hostname="127.0.0.1", port=port, start_tls=False)
        await smtp.connect()
        started = time.perf_counter()
        for message in built:
            await smtp.sendmail(message.envelope_from, list(message.recipients), message.data)
        elapsed = time.perf_counter() - started
        await smtp.quit()
        return elapsed

    return asyncio.run(run())


def main() -> None:
    """Run both measurements and print the figures (markdown)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sizes (a smoke run)")
    parser.add_argument("--repeat", type=int, default=3, help="repetitions of the no-limit run")
    args = parser.parse_args()
    count, per_minute, window = (1000, 600, 60.0) if not args.quick else (120, 60, 6.0)
    repeat = args.repeat if not args.quick else 1
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        attachment = folder / "ESP.es.docx"
        attachment.write_bytes(bytes(range(256)) * 80)  # ~20 KB, like a one-page DOCX
        print(f"# sending benchmark ({platform.machine()}, {platform.python_version()})\n")

        sink = Sink(folder)
        try:
            options = SendOptions(connections=4, per_minute=per_minute, rate_window=window)
            elapsed, report = circular_run(folder, sink.port, count, options, attachment)
            times = sink.times()
        finally:
            sink.stop()
        assert report.sent == count == len(times), (report, len(times))
        most = max_in_window(times, window)
        span = times[-1] - times[0]
        print(f"## {count} messages, limit {per_minute} per {window:g} s, 4 connections")
        print(
            f"- most received by the server in any {window:g} s window: {most} (limit {per_minute})"
        )
        print(
            f"- average rate: {(count - 1) / span * window:.0f} per {window:g} s "
            f"over {span:.1f} s (wall {elapsed:.1f} s)"
        )
        print(f"- within the limit: {'yes' if most <= per_minute else 'NO'}\n")

        rates, bare = [], []
        for _ in range(repeat):
            sink = Sink(folder)
            try:
                elapsed, report = circular_run(
                    folder, sink.port, count, SendOptions(connections=4), attachment
                )
                assert report.sent == count
                rates.append(count / elapsed)
                bare.append(count / bare_loop(sink.port, count, attachment))
            finally:
                sink.stop()
        print(f"## {count} messages, no limit (median of {repeat}, alternating)")
        print(
            f"- circular (ledger, claims, MIME build, 4 connections): "
            f"{statistics.median(rates):.0f} messages/s"
        )
        print(
            f"- bare aiosmtplib loop, one connection, pre-built bytes, no ledger: "
            f"{statistics.median(bare):.0f} messages/s"
        )
        print(f"- ratio circular / bare: {statistics.median(rates) / statistics.median(bare):.2f}")


if __name__ == "__main__":
    main()

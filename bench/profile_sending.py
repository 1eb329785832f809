"""Where circular's send path spends its time (issue 20): cProfile of one loopback run.

    python -m bench.profile_sending [--count 2000] [--top 25]

The same run as the sending benchmark's loopback row (a fresh SQLite ledger, the CL-21/4 letter
attached, the settings' defaults, Postfix's smtp-sink or the aiosmtpd sink), under cProfile;
prints the wall time and the functions that take the most time of their own, then the ledger's
share (every function of ``circular/ledger.py``, ``circular/sending/claims.py`` and SQLAlchemy
called from them, by cumulative time).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import tempfile
import time
from pathlib import Path

from bench.sending import _settings, attachment
from bench.sinks import LoopbackSink
from circular.ledger import Ledger
from circular.sending.outbox import SendOptions, send
from circular.sending.smtp import SmtpConfig
from circular.settings import Security
from tests.support.outbox_helpers import add_contacts, letters_for


def main() -> None:
    """Profile one loopback send (module doc)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        letter = attachment(folder)
        with LoopbackSink(folder) as sink:
            config = SmtpConfig("127.0.0.1", sink.port, security=Security.NONE)
            ledger = Ledger(f"sqlite:///{folder / 'ledger.sqlite3'}")
            messages = letters_for(add_contacts(ledger, args.count), attachment=letter)
            options = SendOptions.from_settings(_settings())
            profile = cProfile.Profile()
            started = time.perf_counter()
            profile.enable()
            report = send(ledger, messages, config, options)
            profile.disable()
            elapsed = time.perf_counter() - started
            ledger.dispose()
    print(f"{report.sent} sent in {elapsed:.2f} s under cProfile ({sink.description})")
    for order in ("tottime", "cumulative"):
        out = io.StringIO()
        pstats.Stats(profile, stream=out).sort_stats(order).print_stats(args.top)
        print(out.getvalue())


if __name__ == "__main__":
    main()

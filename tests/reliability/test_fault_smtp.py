"""Fault: the SMTP server killed (SIGKILL) mid-campaign, then restarted on the same port.

``circular send`` runs as a subprocess against a recording sink in its own process. The sink is
killed while letters are going out, several times; each interrupted run must stop with a clear
message naming the server, and after a restart a re-run sends the rest. In the end every letter
was received exactly once or is reported ``unknown`` for a person (the ones in flight when the
server died); none is lost or received twice."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.servers.smtp_server import free_port
from tests.support.fault_support import (
    ROOT,
    SinkProcess,
    check_exactly_once,
    circular_command,
    stub_campaign,
    wait_until,
)

LETTERS = 150
KILLS = 3  # the sink dies this many times, each time further into the campaign


@pytest.mark.slow
def test_smtp_server_killed_and_restarted_mid_campaign(tmp_path: Path) -> None:
    campaign = stub_campaign(tmp_path, LETTERS)
    port = free_port()
    # The sink answers each message 0.2 s after taking it: at each kill some letters are taken
    # but unanswered, the case where the sender cannot know (``unknown``).
    sink = SinkProcess(port, tmp_path / "received.log", answer_delay=0.2)
    env = campaign.env(smtp_port=str(port), smtp_connections="4")
    send = circular_command("send", "--campaign", str(campaign.folder))
    messages: list[str] = []
    try:
        for kill in range(1, KILLS + 1):
            sink.start()
            run = subprocess.Popen(
                send, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
            )
            # Kill once this run has made some progress (a different point each time).
            target = min(sink.count() + 15 * kill, LETTERS - 10)
            progressed = lambda t=target, r=run: sink.count() >= t or r.poll() is not None  # noqa: E731
            wait_until(progressed, "the run's progress")
            sink.kill()
            _out, err = run.communicate(timeout=120)
            assert run.poll() is not None
            assert run.returncode == 2, f"run {kill} did not stop on the dead server: {err}"
            # The run says what is wrong and where, not a traceback.
            assert f"cannot connect to SMTP server 127.0.0.1:{port}" in err, err
            assert "Traceback" not in err, err
            assert "letters not sent stay pending" in err, err
            messages.append(err[err.index("error:") :].strip())
        sink.start()
        final = subprocess.run(
            send, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False
        )
        assert final.returncode == 0, final.stderr
        tally = check_exactly_once(campaign.url, sink.received())
    finally:
        sink.stop()
    assert tally.letters == LETTERS
    assert tally.sent + tally.unknown == LETTERS
    assert tally.unknown >= 1  # the letters in flight at a kill: reported, never sent again
    print(f"\nSMTP server killed {KILLS} times during {LETTERS} letters: {tally}")
    print("message of an interrupted run:", messages[0])

"""Screenshots of the Prefect UI for docs/followups.md: a campaign's scheduled reminder runs and
the review form. Starts its own ``prefect server`` on a free port with a temporary home, then
headless Chromium (flags from design.md, "Known traps").

    /work/main/.venv/bin/python tools/screenshots_followup.py [OUT_DIR]
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_healthy(api: str, timeout: float = 90.0) -> None:
    """Wait until the server answers its health check."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            # An http:// URL on 127.0.0.1 that this script built.
            with urllib.request.urlopen(f"{api}/health", timeout=2) as answer:  # noqa: S310
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit("the Prefect server did not start")


def shoot(url: str, out: Path) -> None:
    """One headless Chromium screenshot of ``url``."""
    profile = tempfile.mkdtemp()
    subprocess.run(
        [
            "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", f"--user-data-dir={profile}", "--window-size=1400,900",
            "--virtual-time-budget=15000", f"--screenshot={out}", url,
        ],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    shutil.rmtree(profile, ignore_errors=True)


def shoot_after_click(url: str, button: str, out: Path, settle: float = 8.0) -> None:
    """Open ``url`` in headless Chromium, click the button labelled ``button`` (the review
    form is a dialog behind "Resume"), and screenshot the page, over the DevTools protocol."""
    import base64
    import itertools
    import json

    from websockets.sync.client import connect

    port = free_port()
    profile = tempfile.mkdtemp()
    browser = subprocess.Popen(
        [
            "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", f"--user-data-dir={profile}", "--window-size=1400,900",
            f"--remote-debugging-port={port}", "about:blank",
        ],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        for _ in range(60):
            try:
                listing = f"http://127.0.0.1:{port}/json"
                with urllib.request.urlopen(listing, timeout=2) as answer:
                    pages = [t for t in json.load(answer) if t["type"] == "page"]
                if pages:
                    break
            except OSError:
                pass
            time.sleep(0.5)
        counter = itertools.count(1)
        with connect(pages[0]["webSocketDebuggerUrl"], max_size=None) as socket_:

            def call(method: str, **params: object) -> dict:  # type: ignore[type-arg]
                number = next(counter)
                socket_.send(json.dumps({"id": number, "method": method, "params": params}))
                while True:
                    message = json.loads(socket_.recv())
                    if message.get("id") == number:
                        return message.get("result", {})  # type: ignore[no-any-return]

            call(
                "Emulation.setDeviceMetricsOverride",
                width=1400, height=900, deviceScaleFactor=1, mobile=False,
            )  # fmt: skip
            call("Page.enable")
            call("Page.navigate", url=url)
            time.sleep(settle)
            script = (
                "(() => { const b = [...document.querySelectorAll('button')]"
                f".find(e => e.textContent.trim() === {json.dumps(button)});"
                " if (b) { b.click(); return true } return false })()"
            )
            clicked = call("Runtime.evaluate", expression=script, returnByValue=True)
            if not clicked.get("result", {}).get("value"):
                raise SystemExit(f"no button {button!r} on {url}")
            time.sleep(settle / 2)
            shot = call("Page.captureScreenshot", format="png")
            out.write_bytes(base64.b64decode(shot["data"]))
    finally:
        browser.terminate()
        browser.wait(30)
        shutil.rmtree(profile, ignore_errors=True)


def main() -> None:
    """Start a server, schedule a campaign's waves, pause a review, take the pictures."""
    out_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    work = Path(tempfile.mkdtemp(prefix="circular-shots-"))
    port = free_port()
    api = f"http://127.0.0.1:{port}/api"
    env = {
        **os.environ,
        "PREFECT_HOME": str(work / "prefect"),
        "PREFECT_API_URL": api,
        "PREFECT_UI_API_URL": api,
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "CIRCULAR_DATABASE_URL": f"sqlite:///{work / 'ledger.sqlite3'}",
    }
    os.environ.update(env)
    prefect = str(Path(sys.executable).with_name("prefect"))
    server = subprocess.Popen(
        [prefect, "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        wait_healthy(api)
        from prefect import get_client

        from circular.ledger import Ledger, Reply
        from flows.followup import followup, schedule_reminder_waves
        from flows.review import review_reply
        from tests.support.followup_support import copy_campaign

        campaign = copy_campaign(work, max_per_contact=3)
        yaml_path = campaign.folder / "campaign.yaml"  # type: ignore[operator]
        text = yaml_path.read_text(encoding="utf-8")
        next_year = datetime.now(UTC).year + 1
        yaml_path.write_text(text.replace("date: 2021-03-01", f"date: {next_year}-03-01"))
        deployment_id = followup.to_deployment(name="followup").apply()
        schedule_reminder_waves(str(campaign.folder))

        ledger = Ledger(env["CIRCULAR_DATABASE_URL"])
        with ledger.session() as session:
            reply = Reply(
                mailbox="imap://wsis-info@itu.example/INBOX",
                uidvalidity=1,
                uid=7,
                message_id="<q7@mfa.example>",
                from_addr="protocol@mfa.example",
                subject="RE: CL-21/4 – question",
                received_at=datetime.now(UTC),
                kind="other",
                evidence="no sentence accepts or declines",
                confidence=0.31,
                status="needs_review",
                decision_note="no letter matched this message",
                text_excerpt="Dear Sir, could the Minister deliver the statement by video? "
                "We will confirm once the agenda is known.",
            )
            session.add(reply)
            session.flush()
            reply_id = reply.id
        threading.Thread(target=review_reply, args=(reply_id,), daemon=True).start()
        with get_client(sync_client=True) as client:
            for _ in range(120):
                runs = [r for r in client.read_flow_runs() if r.state and r.state.is_paused()]
                if runs:
                    break
                time.sleep(0.5)
            paused = runs[0]
        base = f"http://127.0.0.1:{port}"
        out_dir.mkdir(parents=True, exist_ok=True)
        shoot(
            f"{base}/deployments/deployment/{deployment_id}?tab=Upcoming",
            out_dir / "reminders-scheduled.png",
        )
        shoot_after_click(
            f"{base}/runs/flow-run/{paused.id}", "Resume", out_dir / "review-form.png"
        )
        print(f"wrote {out_dir}/reminders-scheduled.png and review-form.png")
    finally:
        server.terminate()
        server.wait(30)


if __name__ == "__main__":
    main()

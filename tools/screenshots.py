"""Take the Prefect UI screenshots of docs/screenshots/ from a demo run.

    python tools/screenshots.py                 # writes docs/screenshots/*.png
    python tools/screenshots.py --out /tmp/shots

Starts ``python -m demo --keep-running``, waits for its summary
(``data/demo/demo.json``), takes five pictures with headless Chromium (Debian's ``chromium``
package; ``apt-get install -y chromium``), then stops the demo (SIGINT, as Ctrl-C):

- deployments.png: the deployments of prefect.yaml;
- campaign-run.png: the campaign run with its artifacts (progress, status table, summary);
- campaign-status.png, campaign-summary.png: the latest status table and summary (the report
  run's, once the replies are classified);
- scheduled-reminders.png: the follow-up deployment's upcoming runs, one per reminder wave.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
STATE = ROOT / "data" / "demo" / "demo.json"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--virtual-time-budget=15000",
]


def chromium() -> str:
    """The Chromium executable, or exit with how to install it."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    sys.exit("Chromium is needed: apt-get install -y chromium")


def screenshot(url: str, out: Path, *, width: int = 1400, height: int = 900) -> None:
    """A picture of ``url`` (rendered with a fresh profile) in ``out``."""
    with tempfile.TemporaryDirectory() as profile:
        flags = [*CHROMIUM_FLAGS, f"--window-size={width},{height}"]
        subprocess.run(
            [chromium(), *flags, f"--user-data-dir={profile}", f"--screenshot={out}", url],
            # The UI shows times in the browser's zone: the campaign's.
            env={**os.environ, "TZ": "Europe/Zurich"},
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=120,
        )
    print(f"{out}  ←  {url}")


def wait_for_demo(demo: subprocess.Popen[bytes], timeout: float = 420) -> dict[str, object]:
    """The demo's state file, once its summary is printed."""
    deadline = time.monotonic() + timeout
    while not (STATE.exists() and json.loads(STATE.read_text(encoding="utf-8"))["ready"]):
        if demo.poll() is not None:
            sys.exit(f"the demo stopped (exit {demo.returncode}); see data/demo/logs/")
        if time.monotonic() > deadline:
            sys.exit("the demo did not finish in time; see data/demo/logs/")
        time.sleep(1)
    return json.loads(STATE.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def deployment_id(api: str, flow: str, name: str) -> str:
    """The id of deployment ``flow/name`` on the server at ``api``."""
    answer = httpx.get(f"{api}/deployments/name/{flow}/{name}", timeout=10)
    answer.raise_for_status()
    return str(answer.json()["id"])


def artifact_id(api: str, key: str) -> str:
    """The id of the latest artifact with ``key``."""
    answer = httpx.post(
        f"{api}/artifacts/filter",
        json={"artifacts": {"key": {"any_": [key]}}, "sort": "CREATED_DESC", "limit": 1},
        timeout=10,
    )
    answer.raise_for_status()
    return str(answer.json()[0]["id"])


def main() -> None:
    """Run the demo, take the pictures, stop the demo."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    STATE.unlink(missing_ok=True)
    demo = subprocess.Popen(
        [sys.executable, "-m", "demo", "--keep-running"],
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
    )
    try:
        state = wait_for_demo(demo)
        ui, api = str(state["ui"]), str(state["api"])
        screenshot(f"{ui}/deployments", args.out / "deployments.png", height=820)
        # The newer UI (/v2) opens the run on its Artifacts tab.
        screenshot(
            f"{ui}/v2/runs/flow-run/{state['campaign_run']}?tab=Artifacts",
            args.out / "campaign-run.png",
            height=820,
        )
        # The latest status table: the report run's, after the replies were classified.
        screenshot(
            f"{ui}/artifacts/artifact/{artifact_id(api, 'cl-21-4-status')}",
            args.out / "campaign-status.png",
            width=2300,
            height=900,
        )
        screenshot(
            f"{ui}/artifacts/artifact/{artifact_id(api, 'cl-21-4-summary')}",
            args.out / "campaign-summary.png",
            height=1400,
        )
        followup = deployment_id(api, "followup", "followup")
        screenshot(
            f"{ui}/deployments/deployment/{followup}?tab=Upcoming",
            args.out / "scheduled-reminders.png",
            height=820,
        )
    finally:
        demo.send_signal(signal.SIGINT)
        demo.wait(timeout=60)


if __name__ == "__main__":
    main()

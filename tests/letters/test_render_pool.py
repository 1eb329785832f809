"""Rendering on every core: a pool of processes makes the very letters one process makes, in
the same order, and the ledger is written by the calling process alone."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from circular.campaign import load_campaign
from circular.ledger import Contact, Ledger, Letter, contacts_of
from circular.letters import renderpool
from circular.letters.links import active_links
from circular.letters.render import (
    POOL_MIN_LETTERS,
    POOL_MIN_LETTERS_FORKED,
    auto_workers,
    render_campaign,
)
from tests.letters.test_qr import qr_codes

ROOT = Path(__file__).resolve().parents[2]
CAMPAIGN = ROOT / "letters" / "cl-21-4"
LANGUAGES = ("ar", "en", "es", "fr", "ru", "zh")


def test_a_pool_renders_the_same_letters_as_one_process(ledger: Ledger, tmp_path: Path) -> None:
    campaign = load_campaign(CAMPAIGN)
    with ledger.session() as session:
        session.add_all(
            Contact(campaign=campaign.id, contact_key=f"ESP:{n}", iso3="ESP",
                    language=LANGUAGES[n % 6], email=f"m{n}@es.example", name=f"Nombre {n}")
            for n in range(150)
        )  # fmt: skip
    with ledger.session() as session:
        contacts = contacts_of(session, campaign.id)
    # Both with the ledger: each letter carries its contact's personal link and its QR code
    # (made once, in the calling process; the workers draw the codes).
    alone = render_campaign(
        campaign, contacts, tmp_path / "one", ledger, several_per_country=True, workers=1
    )
    pooled = render_campaign(
        campaign, contacts, tmp_path / "pool", ledger, several_per_country=True, workers=2
    )
    assert [(p.path.name, p.sha256) for p in pooled.letters] == [
        (p.path.name, p.sha256) for p in alone.letters
    ]
    for letter in pooled.letters:
        assert letter.path.read_bytes() == (tmp_path / "one" / letter.path.name).read_bytes()
    with ledger.session() as session:
        recorded = {row.contact_id: row.sha256 for row in session.query(Letter)}
        links = {cid: link.token for cid, link in active_links(session, campaign.id).items()}
    for letter in pooled.letters[:12]:  # a worker drew each letter's own QR code
        [(_, text)] = qr_codes(letter.path.read_bytes())
        assert letter.contact_id is not None and text.endswith(links[letter.contact_id])
    assert recorded == {letter.contact_id: letter.sha256 for letter in pooled.letters}
    # Rendered again with nothing changed: every letter is left as it is, pool or not.
    again = render_campaign(
        campaign, contacts, tmp_path / "pool", ledger, several_per_country=True, workers=2
    )
    assert again.skipped == 150


@pytest.mark.parametrize(
    ("method", "minimum"), [("fork", POOL_MIN_LETTERS_FORKED), ("spawn", POOL_MIN_LETTERS)]
)
def test_the_pool_is_chosen_for_large_batches_only(
    method: str, minimum: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(renderpool, "start_method", lambda: method)
    assert auto_workers(minimum - 1) == 1
    assert auto_workers(minimum) >= 1


@pytest.mark.parametrize("method", ["fork", "forkserver", "spawn"])
def test_every_start_method_makes_the_same_letters(
    method: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    campaign = load_campaign(CAMPAIGN)
    contacts = [
        Contact(id=n + 1, campaign=campaign.id, contact_key=f"FRA:{n}", iso3="FRA",
                language=LANGUAGES[n % 6], email=f"m{n}@fr.example", name=f"Nom {n}", cc=[],
                extra={})
        for n in range(24)
    ]  # fmt: skip
    alone = render_campaign(campaign, contacts, tmp_path / "one", several_per_country=True)
    monkeypatch.setattr(renderpool, "start_method", lambda: method)
    pooled = render_campaign(
        campaign, contacts, tmp_path / method, several_per_country=True, workers=2
    )
    assert [(p.path.name, p.sha256) for p in pooled.letters] == [
        (p.path.name, p.sha256) for p in alone.letters
    ]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork is chosen on Linux only")
def test_a_process_with_threads_is_never_forked() -> None:
    probe = "from circular.letters import renderpool; print(renderpool.start_method())"
    alone = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True, text=True, check=True, timeout=60, cwd=ROOT,
    )  # fmt: skip
    assert alone.stdout.strip() == "fork"  # a process of one thread
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert renderpool.start_method() == "forkserver"
    finally:
        stop.set()
        thread.join()


def _children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue  # ended meanwhile
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def _running(pid: int) -> bool:
    """Whether ``pid`` still runs (an ended process not yet reaped is a zombie, state Z)."""
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("method", ["fork", "forkserver", "spawn"])
def test_the_workers_end_with_a_killed_caller(method: str, tmp_path: Path) -> None:
    out = tmp_path / "out"
    caller = subprocess.Popen(
        [sys.executable, "-m", "tests.support.pool_driver", method, str(out)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while not (out.is_dir() and len(list(out.glob("*.docx"))) >= 200):
        assert caller.poll() is None and time.monotonic() < deadline, "no letters were made"
        time.sleep(0.01)
    # Its workers (a forkserver's workers are the forkserver's children).
    workers = [worker for child in _children(caller.pid) for worker in [child, *_children(child)]]
    assert workers
    caller.kill()
    caller.wait()
    deadline = time.monotonic() + 20
    while any(_running(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    survivors = [pid for pid in workers if _running(pid)]
    for pid in survivors:  # leave no process behind, even when the test fails
        os.kill(pid, signal.SIGKILL)
    assert not survivors, "workers outlived their caller"

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
from circular.letters import render, renderpool
from circular.letters.docx_safety import InvalidDocxError
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


def _ledger_contacts(ledger: Ledger, campaign: str, count: int) -> list[Contact]:
    """``count`` contacts of Spain in the ledger, the six languages in turn."""
    with ledger.session() as session:
        session.add_all(
            Contact(campaign=campaign, contact_key=f"ESP:{n}", iso3="ESP",
                    language=LANGUAGES[n % 6], email=f"m{n}@es.example", name=f"Nombre {n}")
            for n in range(count)
        )  # fmt: skip
    with ledger.session() as session:
        return contacts_of(session, campaign)


def test_a_pool_renders_the_same_letters_as_one_process(ledger: Ledger, tmp_path: Path) -> None:
    campaign = load_campaign(CAMPAIGN)
    contacts = _ledger_contacts(ledger, campaign.id, 150)
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


def _sample_contacts(count: int) -> list[Contact]:
    return [
        Contact(id=n + 1, campaign="cl-21-4", contact_key=f"FRA:{n}", iso3="FRA",
                language=LANGUAGES[n % 6], email=f"m{n}@fr.example", name=f"Nom {n}", cc=[],
                extra={})
        for n in range(count)
    ]  # fmt: skip


def test_forked_workers_leave_the_whole_check_to_their_caller(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first letter of each template is checked whole (python-docx) once a run: by the
    caller of forked workers, never again by a worker (they inherit this module's patch)."""
    monkeypatch.setattr(renderpool, "start_method", lambda: "fork")
    log = tmp_path / "checks.txt"
    real = render.validate_docx

    def logged(data: bytes, name: str, *args: object, **kwargs: object) -> None:
        with log.open("a", encoding="utf-8") as handle:
            handle.write(f"{os.getpid()}\t{name}\n")
        real(data, name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(render, "validate_docx", logged)
    campaign = load_campaign(CAMPAIGN)
    report = render_campaign(
        campaign, _sample_contacts(300), tmp_path / "pool", several_per_country=True, workers=2
    )
    assert report.rendered == 300
    checks = [line.split("\t") for line in log.read_text(encoding="utf-8").splitlines()]
    assert {pid for pid, _ in checks} == {str(os.getpid())}
    assert sorted(name.rsplit(".", 2)[-2][:2] for _, name in checks) == sorted(LANGUAGES)


def test_a_first_letter_failing_its_whole_check_stops_the_pool_before_any_record(
    ledger: Ledger, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(renderpool, "start_method", lambda: "fork")
    monkeypatch.setattr(render, "RECORD_BATCH", 10)  # records would start after 10 letters

    def refuse(data: bytes, name: str, *args: object, **kwargs: object) -> None:
        raise InvalidDocxError(f"{name}: python-docx cannot open it: (refused by the test)")

    monkeypatch.setattr(render, "validate_docx", refuse)
    campaign = load_campaign(CAMPAIGN)
    contacts = _ledger_contacts(ledger, campaign.id, 300)
    with pytest.raises(InvalidDocxError, match=r"letter ESP\.\d+\.ar\.docx .*refused"):
        render_campaign(
            campaign, contacts, tmp_path / "out", ledger, several_per_country=True, workers=2
        )
    with ledger.session() as session:
        assert session.query(Letter).count() == 0


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

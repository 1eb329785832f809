"""Fault: the disk fills up while letters are rendered.

The output folder is a tiny tmpfs (root only: ``mount -t tmpfs -o size=…``). Rendering the
campaign runs out of space; it must stop with a message naming the letter and the cause, leave
no half letter under a final name (letters are written to a temporary name and renamed) and no
temporary file behind. The tmpfs is then grown (space freed) and the rendering run again: it
skips the letters already whole and renders the rest. Twice out of space, then to the end."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from circular.campaign import load_campaign
from circular.countries import member_states
from circular.ledger import Contact, Ledger, contacts_of
from circular.letters.docx_safety import validate_docx
from circular.letters.render import LetterError, render_campaign

ROOT = Path(__file__).resolve().parents[2]
LETTERS = 80
SIZES = ["1M", "2M"]  # each too small for the whole campaign (~40 KB a letter)


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A tmpfs of SIZES[0] mounted on a temporary folder, unmounted afterwards."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs to fill the disk needs root")
    if shutil.which("mount") is None:
        pytest.skip("no mount command")
    folder = tmp_path / "disk"
    folder.mkdir()
    subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={SIZES[0]}", "tmpfs", str(folder)], check=True
    )
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def grow(disk: Path, size: str) -> None:
    """Free space: make the tmpfs ``size`` big."""
    subprocess.run(["mount", "-o", f"remount,size={size}", str(disk)], check=True)


def check_no_half_letter(folder: Path) -> int:
    """Every .docx under its final name is whole; no temporary file is left. Returns how many
    letters there are."""
    leftovers = [p.name for p in folder.iterdir() if not p.name.endswith(".docx")]
    assert not leftovers, f"temporary files left behind: {leftovers}"
    letters = sorted(folder.glob("*.docx"))
    for path in letters:
        validate_docx(path.read_bytes(), path.name)  # raises on a truncated or corrupt file
    return len(letters)


@pytest.mark.slow
def test_disk_full_while_rendering_leaves_no_half_letter_and_a_rerun_finishes(
    tiny_disk: Path, tmp_path: Path
) -> None:
    campaign = load_campaign(ROOT / "letters" / "cl-21-4")
    ledger = Ledger(f"sqlite:///{tmp_path / 'ledger.sqlite3'}")
    with ledger.session() as session:
        for country in member_states()[:LETTERS]:
            session.add(
                Contact(
                    campaign=campaign.id,
                    contact_key=country.iso3,
                    iso3=country.iso3,
                    language=country.language,
                    email=f"minister@{country.iso3.lower()}.example",
                    salutation="",
                    title="H.E.",
                    name=f"Minister {country.iso3}",
                    position="Minister",
                    ministry="Ministry of Communications",
                )
            )
    with ledger.session() as session:
        contacts = contacts_of(session, campaign.id)
    out = tiny_disk / campaign.id
    whole = []
    errors = []
    try:
        for size in [*SIZES[1:], "64M"]:
            with pytest.raises(LetterError) as failure:
                render_campaign(campaign, contacts, out, ledger)
            errors.append(str(failure.value))
            whole.append(check_no_half_letter(out))
            grow(tiny_disk, size)
        report = render_campaign(campaign, contacts, out, ledger)
    finally:
        ledger.dispose()
    # Each run out of space named the letter and the cause, and said what to do.
    for message in errors:
        assert "cannot write letter" in message and "No space left on device" in message
        assert "run the rendering again" in message
    # Each run wrote more whole letters than the one before; the last one only the rest.
    assert 0 < whole[0] < whole[1] < LETTERS
    assert report.skipped == whole[-1] and report.rendered == LETTERS - whole[-1]
    assert check_no_half_letter(out) == LETTERS
    print(f"\ndisk full twice: {whole} whole letters after each; first message: {errors[0]}")

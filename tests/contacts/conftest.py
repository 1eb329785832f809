"""Fixtures of the contact intake tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from circular.settings import Settings, load_settings

#: The campaigns the tests drop files for (intake takes files only for a known campaign).
CAMPAIGNS = ("cl-21-4", "cl-22-1", "cl-30-1")


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings whose folders are all under a temporary folder, with the campaigns above."""
    letters = tmp_path / "letters"
    for campaign in CAMPAIGNS:
        (letters / campaign).mkdir(parents=True)
        (letters / campaign / "campaign.yaml").write_text(f"id: {campaign}\n")
    return load_settings(
        data_dir=tmp_path / "data",
        drop_folder=tmp_path / "inbox",
        processed_folder=tmp_path / "processed",
        rejected_folder=tmp_path / "rejected",
        letters_dir=letters,
    )

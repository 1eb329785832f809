"""Fixtures of the contact intake tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from circular.settings import Settings, load_settings


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings whose folders are all under a temporary folder."""
    return load_settings(
        data_dir=tmp_path / "data",
        drop_folder=tmp_path / "inbox",
        processed_folder=tmp_path / "processed",
        rejected_folder=tmp_path / "rejected",
    )

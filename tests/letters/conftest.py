"""Fixtures of the letters tests."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _data_in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`circular render` keeps prepared templates in the data folder (``data/template-cache``
    by default, in the working copy): each test gets its own, so none writes into the clone
    and none finds another's cache."""
    monkeypatch.setenv("CIRCULAR_DATA_DIR", str(tmp_path / "data"))

"""``make bench QUICK=1`` runs every benchmark at small sizes, so that none can rot unnoticed.

This asserts that each benchmark ran and produced its figures, never how fast anything was
(speed is the benchmarks' business, not a test's)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from bench.__main__ import BENCHMARKS, document, run_all

pytestmark = pytest.mark.slow

#: The figures each benchmark must report.
EXPECTED = {
    "rendering": {"ratio", "docxtpl", "circular"},
    "sending": {"loopback_ratio", "realistic_vs_mailmerge", "realistic_vs_loop"},
    "inbox": {"classify_per_second", "idle_ratio_move", "idle_ratio_keep"},
    "pipeline": {"ratio", "prefect_s", "direct_s"},
    "memory": {"intake_mb", "render_mb"},
    "pdf": {"ratio", "pool", "soffice"},
    "poll": {"poll_ratio"},
    "web": {"web_p99_ms_0", "web_requests_per_second_0"},
}


def test_quick_bench_runs_every_benchmark_and_reports_figures(tmp_path: Path) -> None:
    assert set(BENCHMARKS) == set(EXPECTED)
    sections = run_all(list(BENCHMARKS), quick=True)
    for name, section in zip(BENCHMARKS, sections, strict=True):
        assert "failed" not in section.figures, section.pending
        assert EXPECTED[name] <= set(section.figures), (name, section.figures)
        for value in section.figures.values():
            assert math.isfinite(value) and value > 0, (name, section.figures)
        assert section.verdicts, name
        assert all(verdict.met is not None for verdict in section.verdicts), name
    text = document(sections, quick=True, argv=["--quick"])
    output = tmp_path / "results.md"
    output.write_text(text, encoding="utf-8")
    assert "## Machine" in text and "Python 3." in text
    titles = ("## Rendering", "## Sending", "## Inbox", "## Whole pipeline", "## Memory", "## PDF")
    for title in (*titles, "## Poll and classify", "## Confirmation page"):
        assert title in text, title
    assert "| contender |" in text  # the comparison tables were written

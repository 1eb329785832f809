"""The benchmarks' disk handling: letters left until the process ends, the disk probed."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_letters_and_probes_stay_until_the_process_ends_then_go(tmp_path: Path) -> None:
    script = textwrap.dedent(
        f"""
        import tempfile
        from pathlib import Path
        from bench.harness import create_files, remove_at_exit, wait_for_disk
        folder = remove_at_exit(Path(tempfile.mkdtemp(dir={str(tmp_path)!r})))
        create_files(folder, b"x" * 100, 20)
        said = wait_for_disk(folder, limit=0.0, probe=10)
        assert "settled after" in said, said
        probes = [p for p in folder.iterdir() if p.name.startswith("probe-")]
        assert len(probes) == 1 and len(list(probes[0].iterdir())) == 10, probes
        assert len(list(folder.iterdir())) == 21
        print("checked")
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "checked"
    assert list(tmp_path.iterdir()) == []  # removed once the process ended

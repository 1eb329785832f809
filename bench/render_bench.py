"""Rendering benchmark (issue 8, item 1): N letters over the six languages, the usual docxtpl
loop (``DocxTemplate(path)``, ``render``, ``save`` per letter) against ``PreparedTemplate``.

Both write every letter to a file, in the same sandboxed Jinja environment, from the same
contexts. The fast path's time includes preparing its six templates. Rounds alternate (which
path goes first changes each repetition) and the medians are reported: the machine is shared,
ratios are what count. Pinned to one CPU (``--cpu``) unless ``--no-pin``.

Templates: the campaign's ``letters/cl-21-4/letter.<lang>.docx`` with contexts from
``circular.letter_context`` for the sample Member State contacts when they exist; otherwise the
CL-21/4-like templates of ``tests/fastdocx_samples.py``.

    python bench/render_bench.py            # 1,000 letters, 3 repetitions
    python bench/render_bench.py --quick    # 50 letters
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import statistics
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from docxtpl import DocxTemplate  # noqa: E402
from jinja2 import StrictUndefined  # noqa: E402
from jinja2.sandbox import SandboxedEnvironment  # noqa: E402

from circular.fastdocx import PreparedTemplate  # noqa: E402
from tests.fastdocx_samples import (  # noqa: E402
    LANGUAGES,
    SAMPLE_CONTACTS,
    build_letter_template,
    campaign_letters,
    sample_context,
)

CAMPAIGN = ROOT / "letters" / "cl-21-4"


@dataclass
class Workload:
    """What both paths render: templates per language and the letters' (language, context)."""

    description: str
    templates: dict[str, Path]
    letters: list[tuple[str, Mapping[str, Any]]]


def campaign_workload(count: int) -> Workload | None:
    """The real CL-21/4 templates and contexts, the sample contacts cycled to ``count``."""
    paths = {lang: CAMPAIGN / f"letter.{lang}.docx" for lang in LANGUAGES}
    if not all(path.exists() for path in paths.values()) or not SAMPLE_CONTACTS.exists():
        return None
    cycle = campaign_letters(CAMPAIGN)
    letters = [cycle[index % len(cycle)] for index in range(count)]
    return Workload(
        f"CL-21/4 templates ({CAMPAIGN.relative_to(ROOT)}), {len(cycle)} sample contacts "
        "cycled, each in its working language",
        paths,
        letters,
    )


def sample_workload(count: int, folder: Path) -> Workload:
    """Synthetic CL-21/4-like templates, languages taken in turn."""
    paths = {
        lang: build_letter_template(folder / f"letter.{lang}.docx", lang) for lang in LANGUAGES
    }
    letters = [
        (LANGUAGES[i % len(LANGUAGES)], sample_context(i, LANGUAGES[i % len(LANGUAGES)]))
        for i in range(count)
    ]
    return Workload("synthetic CL-21/4-like templates (tests/fastdocx_samples.py)", paths, letters)


def environment() -> SandboxedEnvironment:
    return SandboxedEnvironment(autoescape=True, undefined=StrictUndefined)


def docxtpl_loop(workload: Workload, out: Path) -> None:
    """The usual way: a DocxTemplate per letter."""
    env = environment()
    for index, (lang, context) in enumerate(workload.letters):
        template = DocxTemplate(workload.templates[lang])
        template.render(dict(context), env)
        template.save(out / f"{index}.{lang}.docx")


def prepared_loop(workload: Workload, out: Path) -> None:
    """circular's fast path: each template prepared once, then a zip per letter."""
    env = environment()
    prepared = {lang: PreparedTemplate(path, env) for lang, path in workload.templates.items()}
    for index, (lang, context) in enumerate(workload.letters):
        (out / f"{index}.{lang}.docx").write_bytes(prepared[lang].render_bytes(context))


def identical_parts(workload: Workload) -> int:
    """For how many languages the first letter's parts equal docxtpl's, byte for byte."""
    same = 0
    env = environment()
    for lang, path in workload.templates.items():
        context = next((c for lg, c in workload.letters if lg == lang), None)
        if context is None:
            continue
        template = DocxTemplate(path)
        template.render(dict(context), env)
        buffer = io.BytesIO()
        template.save(buffer)
        fast = PreparedTemplate(path, env).render_bytes(context)
        with zipfile.ZipFile(buffer) as a, zipfile.ZipFile(io.BytesIO(fast)) as b:
            same += a.namelist() == b.namelist() and all(
                a.read(name) == b.read(name) for name in a.namelist()
            )
    return same


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and print its markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--letters", type=int, default=1000)
    parser.add_argument("--quick", action="store_true", help="50 letters")
    parser.add_argument("--repetitions", type=int, default=3)
    parser.add_argument("--cpu", type=int, default=0, help="the CPU to pin to")
    parser.add_argument("--no-pin", action="store_true")
    parser.add_argument("--synthetic", action="store_true", help="ignore the real templates")
    parser.add_argument("--output", type=Path, help="also write the table to this file")
    args = parser.parse_args(argv)
    count = 50 if args.quick else args.letters
    pinned = "no"
    if not args.no_pin and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {args.cpu})
        pinned = f"CPU {args.cpu}"

    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        workload = None if args.synthetic else campaign_workload(count)
        workload = workload or sample_workload(count, folder)
        same = identical_parts(workload)
        paths: dict[str, Callable[[Workload, Path], None]] = {
            "docxtpl loop (DocxTemplate, render, save per letter)": docxtpl_loop,
            "circular PreparedTemplate (incl. preparing 6 templates)": prepared_loop,
        }
        times: dict[str, list[float]] = {name: [] for name in paths}
        for repetition in range(args.repetitions):
            order = list(paths) if repetition % 2 == 0 else list(reversed(paths))
            for name in order:
                out = folder / "out"
                out.mkdir(exist_ok=True)
                started = time.perf_counter()
                paths[name](workload, out)
                times[name].append(time.perf_counter() - started)

    rates = {name: [count / t for t in runs] for name, runs in times.items()}
    medians = {name: statistics.median(r) for name, r in rates.items()}
    slow, fast = list(paths)
    lines = [
        f"### Rendering: {count} letters, six languages",
        "",
        f"- templates: {workload.description}",
        f"- letters with parts byte-identical to docxtpl's: {same}/{len(workload.templates)} "
        "languages checked (first letter of each)",
        f"- machine: {cpu_model()}, {os.cpu_count()} CPUs, pinned: {pinned}; "
        f"Python {platform.python_version()}",
        f"- repetitions: {args.repetitions}, alternating order; median of letters/second",
        "",
        "| path | median letters/s | median ms/letter | runs (letters/s) |",
        "|---|---:|---:|---|",
    ]
    for name in paths:
        runs = ", ".join(f"{r:.1f}" for r in rates[name])
        lines.append(f"| {name} | {medians[name]:.1f} | {1000 / medians[name]:.2f} | {runs} |")
    ratio = medians[fast] / medians[slow]
    lines += ["", f"**Ratio: {ratio:.1f}x docxtpl's letters per second** (target: at least 20x)"]
    table = "\n".join(lines)
    print(table)
    if args.output:
        args.output.write_text(table + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

"""Rendering (issue 8, item 1): N letters of CL-21/4 over the six languages, the usual docxtpl
loop (``DocxTemplate(path)``, ``render``, ``save`` per letter) against circular's
``PreparedTemplate`` (each template part compiled once, a letter = the prepared zip plus its
rendered parts).

Both write every letter to a file, in the same sandboxed Jinja environment, from the same
contexts; the fast path's time includes preparing its six templates. Measured on one core.

Templates: the campaign's ``letters/cl-21-4/letter.<lang>.docx`` with contexts from
``circular.letter_context`` for the sample Member State contacts, cycled to N; without them,
the CL-21/4-like templates of ``tests/fastdocx_samples.py``.

    python -m bench --only rendering [--quick]
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate
from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from bench.harness import Section, Verdict, alternate, comparison_table, fmt, one_core
from circular.fastdocx import PreparedTemplate
from tests.fastdocx_samples import (
    LANGUAGES,
    SAMPLE_CONTACTS,
    build_letter_template,
    campaign_letters,
    sample_context,
)

ROOT = Path(__file__).resolve().parent.parent
CAMPAIGN = ROOT / "letters" / "cl-21-4"
TARGET = 20.0


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
    """The Jinja environment both paths render in (the project's: sandboxed, strict)."""
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


def run(quick: bool) -> Section:
    """Measure both paths side by side (see the module doc)."""
    count, repetitions = (60, 1) if quick else (1000, 3)
    section = Section(
        f"Rendering: {count:,} letters of CL-21/4, six languages",
        "python -m bench --only rendering" + (" --quick" if quick else ""),
    )
    with tempfile.TemporaryDirectory() as scratch, one_core() as pinned:
        folder = Path(scratch)
        workload = campaign_workload(count) or sample_workload(count, folder)
        same = identical_parts(workload)
        slow = "docxtpl loop (DocxTemplate, render, save per letter)"
        fast = "circular PreparedTemplate (incl. preparing the 6 templates)"

        def contender(function: Any) -> Any:
            def measure() -> None:
                out = Path(tempfile.mkdtemp(dir=folder))
                function(workload, out)

            return measure

        times = alternate(
            {slow: contender(docxtpl_loop), fast: contender(prepared_loop)}, repetitions
        )
    table, medians = comparison_table(times, count, "letter", slow)
    ratio = medians[fast] / medians[slow]
    section.notes = [
        f"- templates: {workload.description}",
        f"- letters whose parts are byte-identical to docxtpl's: {same}/{len(workload.templates)} "
        "languages checked (first letter of each; the zip container differs only in dates)",
        f"- one core ({pinned}); {repetitions} repetitions, alternating order, medians",
        "- each letter written to its own .docx file by both",
    ]
    section.tables.append(("", table))
    section.verdicts.append(
        Verdict(
            f"at least {TARGET:.0f}x docxtpl's letters per second on one core",
            f"{ratio:.1f}x ({fmt(medians[fast])} vs {fmt(medians[slow])} letters/s)",
            ratio >= TARGET,
        )
    )
    section.figures = {"ratio": ratio, "docxtpl": medians[slow], "circular": medians[fast]}
    return section

"""What a run of the render engine pays once, before its letters: the 6 CL-21/4 templates
prepared (``LetterTemplate``: fields read, fast path prepared), then with the first letter of
each rendered and checked whole (python-docx), as ``render_campaign`` does in every run. Wall
time, pinned to one core, best of 9.

"cold" is a process's first run (``circular.letters.fields`` keeps the sources of a
template's bytes it read, so a second ``LetterTemplate`` of the same bytes in one process,
as in the rendering benchmark's repetitions, may find them: "warm"). "from the cache": the
templates restored from the cache of prepared templates (``circular.letters.prepcache``), as
every run of ``circular render`` after the first finds them.

    python -m bench.prepare_templates     # run it in two trees to compare them
"""

from __future__ import annotations

import os
import tempfile
import timeit
from pathlib import Path
from typing import Any

from bench.rendering import letter_context, workload
from circular.letters import fields, render


def main() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {max(os.sched_getaffinity(0))})
    work = workload(60)
    firsts: dict[str, Any] = {}
    for contact in work.contacts:
        firsts.setdefault(contact.language, contact)
    plan = [(c, f"{c.iso3}.{c.id}.{c.language}.docx") for c in firsts.values()]

    kept = tempfile.TemporaryDirectory()
    cache = render.template_cache(Path(kept.name))

    def prepare(cold: bool, cached: bool = False) -> dict[str, render.LetterTemplate]:
        if cold:
            fields._sources_of.cache_clear()
        return {
            lang: render.LetterTemplate(path, lang, cache=cache if cached else None)
            for lang, path in work.templates.items()
        }

    prepare(True, cached=True)  # fills the cache

    with tempfile.TemporaryDirectory(dir="/dev/shm" if os.path.isdir("/dev/shm") else None) as d:
        runs = iter(range(1_000_000))

        def with_letters(cold: bool, cached: bool = False) -> None:
            templates = prepare(cold, cached)
            out = Path(d) / str(next(runs))
            out.mkdir()
            for job in render._jobs(plan, templates, work.campaign, letter_context, out, {}):
                render._write_letter(templates[job.language], job)

        def best(run: Any) -> float:
            return min(timeit.repeat(run, number=1, repeat=9))

        print(
            f"6 templates prepared: cold {best(lambda: prepare(True)):.4f} s, "
            f"warm {best(lambda: prepare(False)):.4f} s; with the first letter of each "
            f"checked whole: cold {best(lambda: with_letters(True)):.4f} s, "
            f"warm {best(lambda: with_letters(False)):.4f} s; from the cache: prepared "
            f"{best(lambda: prepare(True, cached=True)):.4f} s, with the first letters "
            f"{best(lambda: with_letters(True, cached=True)):.4f} s"
        )
    kept.cleanup()


if __name__ == "__main__":
    main()

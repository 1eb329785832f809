"""``python -m bench``: run every benchmark and write bench/results.md.

python -m bench                 # full sizes (make bench)
python -m bench --quick         # small sizes, under a minute (make bench QUICK=1)
python -m bench --only sending  # one benchmark (repeatable)
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
import traceback
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

from bench.harness import Section, machine

HERE = Path(__file__).resolve().parent
#: The benchmarks, in the order of issue 8, then issue 20's PDF letters, poll and page; each is
#: ``bench.<name>.run(quick) -> Section``.
BENCHMARKS = ("rendering", "sending", "inbox", "pipeline", "memory", "pdf", "poll", "web")


#: Quick runs only: benchmarks run in a background thread beside the others, from the start.
#: The pipeline's time is nearly all its Prefect stack's start (server, pool, deployments,
#: worker: about 40 s whatever the size), which would otherwise double the quick run.
BESIDE_WHEN_QUICK = ("pipeline",)


def run_all(names: list[str], quick: bool) -> list[Section]:
    """Run the named benchmarks; a benchmark that fails becomes a section saying so (the
    others still run), and the process exits non-zero at the end. Sections come back in the
    order of ``names``; in a quick run of several, those of ``BESIDE_WHEN_QUICK`` run beside
    the others (each section's notes say so)."""
    beside = [name for name in names if quick and len(names) > 1 and name in BESIDE_WHEN_QUICK]
    with ThreadPoolExecutor(max(1, len(beside)), thread_name_prefix="bench") as pool:
        running = {name: pool.submit(run_one, name, quick) for name in beside}
        done = {name: run_one(name, quick) for name in names if name not in beside}
        done |= {name: future.result() for name, future in running.items()}
    if beside:
        for name, section in done.items():
            others = ", ".join(beside) if name not in beside else "the other benchmarks"
            section.notes.append(
                f"- quick run: {others} ran beside this benchmark, at the same time (in a "
                "background thread, to keep the quick run under a minute), so its figures "
                "are indicative only; the full run measures each benchmark alone"
            )
    return [done[name] for name in names]


def run_one(name: str, quick: bool) -> Section:
    """Run one benchmark, timed; a failure becomes a section saying so."""
    print(f"[bench] {name} ...", file=sys.stderr, flush=True)
    started = time.perf_counter()
    try:
        module = importlib.import_module(f"bench.{name}")
        section: Section = module.run(quick)
    except Exception:  # a broken benchmark must not hide the others' figures
        command = f"python -m bench --only {name}" + (" --quick" if quick else "")
        section = Section(f"{name}: FAILED", command)
        section.pending = "the benchmark raised:\n\n```\n" + traceback.format_exc() + "```"
        section.figures["failed"] = 1.0
    section.seconds = time.perf_counter() - started
    print(f"[bench] {name} done in {section.seconds:.0f} s", file=sys.stderr, flush=True)
    return section


def document(sections: list[Section], quick: bool, argv: list[str]) -> str:
    """results.md: the machine, the command, the date, then each benchmark's section."""
    command = "make bench" + (" QUICK=1" if quick else "")
    lines = [
        "# circular benchmarks"
        + (" (QUICK: small sizes, a smoke run, not the figures)" if quick else ""),
        "",
        f"Produced by `{command}` (`{' '.join(['python -m bench', *argv])}`) on "
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC.",
        "",
        "Every comparison is measured side by side in the same run, contenders alternating "
        "(the order reverses at each repetition), several repetitions, medians reported; "
        "ratios are to the anchor measured in the same run. The machine is shared and noisy: "
        "the ratios are what count.",
        "",
        "To reproduce: `apt-get install dovecot-imapd postfix` (Dovecot for the inbox benchmark; "
        "Postfix only for its `smtp-sink`, else an aiosmtpd sink stands in), then "
        f"`{command}` (the venv gets the `bench` extra: mailmerge). Each section names the "
        "command that runs it alone.",
        "",
        "## Machine",
        "",
        *machine(),
        "",
        "## Summary",
        "",
        "Each target of issue 8, what was measured, and whether it is met (the sections below "
        "give the figures, how they were measured, and the cause of every gap).",
        "",
        "| benchmark | target | measured | met |",
        "|---|---|---|---|",
    ]
    marks = {True: "yes", False: "**no**", None: "pending"}
    for section in sections:
        if section.pending and not section.verdicts:
            lines.append(f"| {section.title} | (did not run) | see below | **failed** |")
        for verdict in section.verdicts:
            title = section.title.split(":")[0]
            lines.append(
                f"| {title} | {verdict.target} | {verdict.measured} | {marks[verdict.met]} |"
            )
    lines.append("")
    for section in sections:
        lines.append(section.markdown())
    return "\n".join(lines).rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    """Parse the arguments, run, write the results; 1 when a benchmark failed."""
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, under a minute")
    parser.add_argument("--only", action="append", choices=BENCHMARKS, help="run only these")
    parser.add_argument(
        "--output",
        type=Path,
        help="where to write the results (default bench/results.md, or "
        "bench/results-quick.md with --quick)",
    )
    args = parser.parse_args(argv)
    output = args.output or HERE / ("results-quick.md" if args.quick else "results.md")
    names = args.only or list(BENCHMARKS)
    sections = run_all(names, args.quick)
    output.write_text(document(sections, args.quick, argv), encoding="utf-8")
    print(f"[bench] wrote {output}", file=sys.stderr)
    return 1 if any(section.figures.get("failed") for section in sections) else 0


if __name__ == "__main__":
    sys.exit(main())

"""The benchmarks' common ground: side-by-side timing, medians, the machine, and markdown.

Every comparison is measured in the same run, contenders alternating (the order reverses each
repetition, so neither always goes first on a warm or a cold machine), several repetitions,
medians reported: the machines are shared and noisy, ratios are what count. Each benchmark is
a module of ``bench`` with ``run(quick: bool) -> Section``; ``python -m bench`` runs them all.
"""

from __future__ import annotations

import atexit
import contextlib
import importlib.metadata
import os
import platform
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

#: What a contender returns: the seconds its measured part took (its set-up excluded), or
#: None to be timed as a whole by ``alternate``.
Contender = Callable[[], float | None]


def alternate(
    contenders: Mapping[str, Contender],
    repetitions: int,
    settle: Callable[[], None] | None = None,
) -> dict[str, list[float]]:
    """Run every contender ``repetitions`` times, interleaved; seconds per run, by name.

    Repetition 0 runs them in the given order, repetition 1 in reverse, and so on. ``settle``
    runs, untimed, before each run (``settle_disk`` for contenders that write files)."""
    if repetitions < 1:
        raise ValueError("at least one repetition")
    names = list(contenders)
    times: dict[str, list[float]] = {name: [] for name in names}
    for repetition in range(repetitions):
        for name in names if repetition % 2 == 0 else reversed(names):
            if settle is not None:
                settle()
            started = time.perf_counter()
            measured = contenders[name]()
            times[name].append(measured if measured is not None else time.perf_counter() - started)
    return times


def settle_disk() -> None:
    """Write every dirty page to disk (``sync``) before a run that writes files: otherwise the
    kernel writes the previous run's files back while this one creates its own, and the run
    after a heavy writer pays for it (creating a file 0.18-0.44 against 0.045 ms, median of 5 x
    1,000 files of 40 KB on this machine's ext4, 2026-12-07; bench/results.md, Rendering)."""
    os.sync()


#: Folders the benchmarks wrote and leave until the process ends (``remove_at_exit``).
_LEFT_UNTIL_EXIT: list[Path] = []


def remove_at_exit(folder: Path) -> Path:
    """Leave ``folder`` in place until this process ends, then remove it: deleting thousands of
    files slows the file creations that follow on an ext4 disk mounted with ``discard`` for
    minutes (0.14-0.53 against 0.035 ms a file, ``python -m bench.after_delete``), so a
    benchmark that cleaned up after each comparison would slow the next one."""
    if not _LEFT_UNTIL_EXIT:
        atexit.register(_remove_left)
    _LEFT_UNTIL_EXIT.append(folder)
    return folder


def _remove_left() -> None:
    for folder in _LEFT_UNTIL_EXIT:
        shutil.rmtree(folder, ignore_errors=True)
    _LEFT_UNTIL_EXIT.clear()


#: A quiet disk creates a letter-sized file in 0.035-0.045 ms on the machine of bench/results.md;
#: after a deletion of thousands, 0.14-0.53 ms for minutes (``wait_for_disk``).
SETTLED_MS_A_FILE = 0.1


def wait_for_disk(
    folder: Path, *, limit: float = 300.0, pause: float = 10.0, probe: int = 500
) -> str:
    """Wait, up to ``limit`` seconds, until creating a letter-sized file under ``folder`` costs
    at most ``SETTLED_MS_A_FILE`` in two probes in a row (``probe`` files each, kept until the
    process ends), so a comparison that writes letters does not start while the disk still pays
    for an earlier deletion (a previous benchmark run's, a test run's): after 45,000 letters
    were deleted, creating a file here cost 0.2-0.4 ms for 210 s, then 0.03-0.05 (probes every
    10 s, 2026-12-07 08:40 UTC). Says how long it waited and the last probe, for the report; a
    disk that never settles is reported as such, not an error."""
    data = os.urandom(FILE_SIZE)
    started = time.monotonic()
    settled = 0
    while True:
        os.sync()
        scratch = remove_at_exit(Path(tempfile.mkdtemp(dir=folder, prefix="probe-")))
        ms = create_files(scratch, data, probe) * 1000 / probe
        waited = time.monotonic() - started
        settled = settled + 1 if ms <= SETTLED_MS_A_FILE else 0
        if settled == 2:
            return f"disk settled after {waited:.0f} s (creating a file {ms:.3f} ms)"
        if waited + pause > limit:
            return (
                f"disk NOT settled after {waited:.0f} s (creating a file {ms:.3f} ms, "
                f"settled is at most {SETTLED_MS_A_FILE} ms twice in a row)"
            )
        time.sleep(pause if not settled else 1.0)


#: A CL-21/4 letter's size in bytes, for the disk's probes.
FILE_SIZE = 40_000


def create_files(folder: Path | str, data: bytes, count: int) -> float:
    """Seconds to create ``count`` files holding ``data`` in ``folder``, one open/write/close
    each, as the render engine writes its letters."""
    start = time.perf_counter()
    for number in range(count):
        path = os.path.join(folder, f"letter-{number}.docx")
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        os.write(handle, data)
        os.close(handle)
    return time.perf_counter() - start


def median(values: Sequence[float]) -> float:
    """The median (``statistics.median``; named here so every benchmark reports the same)."""
    return statistics.median(values)


def rates(count: int, seconds: Sequence[float]) -> list[float]:
    """Items per second of each run."""
    return [count / s if s > 0 else float("inf") for s in seconds]


@contextlib.contextmanager
def one_core(cpu: int | None = None) -> Iterator[str]:
    """Pin this process (and the children it starts meanwhile) to one CPU for the block; yields
    how it is pinned, for the report. ``cpu`` defaults to the last CPU allowed now."""
    if not hasattr(os, "sched_setaffinity"):
        yield "not pinned (no sched_setaffinity here)"
        return
    before = os.sched_getaffinity(0)
    chosen = cpu if cpu is not None else max(before)
    os.sched_setaffinity(0, {chosen})
    try:
        yield f"pinned to CPU {chosen}"
    finally:
        os.sched_setaffinity(0, before)


#: The line a child prints last: its own peak resident memory (``report_peak_rss``).
PEAK_MARKER = "peak_rss_bytes="


def report_peak_rss() -> None:
    """Print this process's peak resident memory (for ``child_peak_rss``); call it last."""
    print(f"{PEAK_MARKER}{own_peak_rss()}", flush=True)


def own_peak_rss() -> int:
    """This process's peak resident memory in bytes: ``VmHWM`` of /proc/self/status, which
    starts afresh at exec, unlike ``ru_maxrss`` (below)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError("no VmHWM in /proc/self/status")


def child_peak_rss(argv: Sequence[str], *, cwd: Path | None = None) -> tuple[int, str]:
    """Run ``argv`` (a program that calls ``report_peak_rss`` at its end) to completion; its
    peak resident memory in bytes and its stdout.

    Not ``getrusage(RUSAGE_CHILDREN).ru_maxrss`` nor ``os.wait4``'s: Linux carries the forking
    process's high-water mark into the child's ``ru_maxrss`` across fork and exec, so a child of
    a 300 MB harness "peaks" at 300 MB however little it uses. ``VmHWM`` belongs to the
    process image the child runs. Raises ``RuntimeError`` with the end of its stderr when it
    fails."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        process = subprocess.Popen(list(argv), cwd=cwd, stdout=out, stderr=err, text=True)
        returncode = process.wait()
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed ({returncode}): {stderr[-2000:]}")
    for line in reversed(stdout.splitlines()):
        if line.startswith(PEAK_MARKER):
            return int(line.removeprefix(PEAK_MARKER)), stdout
    raise RuntimeError(f"{' '.join(argv)} did not report its peak memory ({PEAK_MARKER})")


def process_tree_cpu(pid: int, *, children: bool = True) -> float:
    """CPU seconds (user + system) used so far by process ``pid`` and, with ``children``, by
    its live descendants (read from /proc; 0 for processes gone meanwhile)."""
    ticks = os.sysconf("SC_CLK_TCK")
    parents: dict[int, int] = {}
    used: dict[int, float] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # After the command name: state, ppid, ... utime is field 14, stime 15 (1-based).
        parents[int(entry.name)] = int(fields[1])
        used[int(entry.name)] = (int(fields[11]) + int(fields[12])) / ticks
    tree = {pid}
    if children:
        grew = True
        while grew:
            found = {child for child, parent in parents.items() if parent in tree} - tree
            tree |= found
            grew = bool(found)
    return sum(used.get(member, 0.0) for member in tree)


# ---------------------------------------------------------------------------- the machine


def cpu_model() -> str:
    """The CPU's model name."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


#: Packages whose versions the results name.
PACKAGES = (
    "circular", "docxtpl", "python-docx", "lxml", "jinja2", "aiosmtplib", "aiosmtpd",
    "sqlalchemy", "imap-tools", "prefect", "mailmerge", "pandas", "lingua-language-detector",
)  # fmt: skip


def package_versions(names: Sequence[str] = PACKAGES) -> dict[str, str]:
    """Installed versions (``missing`` where not installed)."""
    found = {}
    for name in names:
        try:
            found[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            found[name] = "missing"
    return found


def tool_version(argv: Sequence[str]) -> str:
    """The first line a tool prints about its version, or ``missing``."""
    if shutil.which(argv[0]) is None and not Path(argv[0]).exists():
        return "missing"
    try:
        done = subprocess.run(list(argv), capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    text = (done.stdout or done.stderr).strip().splitlines()
    return text[0] if text else "unknown"


def smtp_sink_path() -> str | None:
    """Where Postfix's ``smtp-sink`` is (Debian puts it in /usr/sbin), or None."""
    found = shutil.which("smtp-sink") or "/usr/sbin/smtp-sink"
    return found if Path(found).exists() else None


def machine() -> list[str]:
    """Markdown bullet lines describing the machine and the software measured."""
    load = os.getloadavg() if hasattr(os, "getloadavg") else (0.0, 0.0, 0.0)
    versions = ", ".join(f"{name} {version}" for name, version in package_versions().items())
    return [
        f"- CPU: {cpu_model()}, {os.cpu_count()} logical CPUs "
        f"({len(os.sched_getaffinity(0)) if hasattr(os, 'sched_getaffinity') else '?'} usable)",
        f"- load average at start: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} "
        "(the machine is shared: ratios are what count)",
        f"- OS: {platform.platform()}",
        f"- Python {platform.python_version()} ({platform.python_implementation()})",
        f"- packages: {versions}",
        f"- Dovecot: {tool_version(['dovecot', '--version'])}; Postfix smtp-sink: "
        f"{'present' if smtp_sink_path() else 'missing'}",
    ]


# ---------------------------------------------------------------------------- results


def times_said(count: int) -> str:
    """ "1 repetition", "3 repetitions"."""
    return f"{count} repetition" + ("" if count == 1 else "s")


def fmt(value: float, digits: int = 1) -> str:
    """A number for a table: thousands separated, ``digits`` decimals."""
    return f"{value:,.{digits}f}"


@dataclass
class Table:
    """A markdown table."""

    headers: list[str]
    rows: list[list[str]] = field(default_factory=list)

    def add(self, *cells: object) -> None:
        """Append a row (cells converted with ``str``)."""
        self.rows.append([str(cell) for cell in cells])

    def markdown(self) -> str:
        """The table as GitHub markdown (numbers right-aligned when a header says so with a
        trailing ``:``)."""
        aligns = ["---:" if h.endswith(":") else "---" for h in self.headers]
        headers = [h.rstrip(":") for h in self.headers]
        lines = ["| " + " | ".join(headers) + " |", "|" + "|".join(aligns) + "|"]
        lines += ["| " + " | ".join(row) + " |" for row in self.rows]
        return "\n".join(lines)


@dataclass
class Verdict:
    """One target: what was measured against what was required."""

    target: str
    measured: str
    met: bool | None  # None: not measured (pending)
    note: str = ""

    def markdown(self) -> str:
        """One bullet line."""
        mark = {True: "met", False: "NOT met", None: "pending"}[self.met]
        note = f" — {self.note}" if self.note else ""
        return f"- **{mark}**: {self.target}; measured {self.measured}{note}"


@dataclass
class Section:
    """What one benchmark reports: its title, how it was measured (bullets), its tables, its
    verdicts against the issue's targets, and the command that reproduces it."""

    title: str
    command: str
    notes: list[str] = field(default_factory=list)
    tables: list[tuple[str, Table]] = field(default_factory=list)
    verdicts: list[Verdict] = field(default_factory=list)
    pending: str = ""  # why the benchmark could not run yet
    seconds: float = 0.0
    figures: dict[str, float] = field(default_factory=dict)  # for tests and summaries

    def markdown(self) -> str:
        """The section as markdown."""
        lines = [f"## {self.title}", "", f"Command: `{self.command}`", ""]
        if self.pending:
            lines += [f"**PENDING**: {self.pending}", ""]
        lines += self.notes
        if self.notes:
            lines.append("")
        for caption, table in self.tables:
            if caption:
                lines += [caption, ""]
            lines += [table.markdown(), ""]
        if self.verdicts:
            lines += ["Targets:", ""]
            lines += [verdict.markdown() for verdict in self.verdicts]
            lines.append("")
        if self.seconds:
            lines += [f"_(this benchmark took {self.seconds:.0f} s)_", ""]
        return "\n".join(lines)


def comparison_table(
    times: Mapping[str, Sequence[float]],
    count: int | Mapping[str, int],
    unit: str,
    anchor: str,
) -> tuple[Table, dict[str, float]]:
    """A table of runs of ``count`` items (one count for all, or one per contender, then shown
    in a column): median rate, median time per item, the ratio of each median rate to
    ``anchor``'s (measured in the same run), each run's rate. ``unit`` is the item, singular
    ("letter"). Also returns the median rates by name."""
    counts = count if isinstance(count, Mapping) else dict.fromkeys(times, count)
    medians = {name: median(rates(counts[name], runs)) for name, runs in times.items()}
    headers = ["contender"]
    if isinstance(count, Mapping):
        headers.append(f"{unit}s per run:")
    headers += [
        f"median {unit}s/s:",
        f"median ms per {unit}:",
        "ratio to the anchor:",
        f"each run ({unit}s/s)",
    ]
    table = Table(headers)
    for name, runs in times.items():
        cells = [f"{name} (anchor)" if name == anchor else name]
        if isinstance(count, Mapping):
            cells.append(f"{counts[name]:,}")
        cells += [
            fmt(medians[name]),
            fmt(1000 / medians[name], 2),
            f"{medians[name] / medians[anchor]:.2f}x",
            ", ".join(fmt(r) for r in rates(counts[name], runs)),
        ]
        table.add(*cells)
    return table, medians

"""DOCX → PDF at scale: LibreOffice kept running, one per core, through ``unoserver``.

Starting LibreOffice costs 2-3 s; converting a one-page letter in a running one costs a
fraction of that. Each worker owns one ``unoserver`` (a LibreOffice listening on a UNO port,
behind a small XML-RPC server) and converts its share of the letters with unoserver's own
client. A LibreOffice that stops answering (a conversion over ``timeout``, a crash) is
killed and started again, and its letter tried once more.

Where the server runs: unoserver's *server* imports ``uno``, which exists only in the Python
LibreOffice was built for (Debian: ``/usr/bin/python3`` with ``python3-uno``), not in the
project's virtual environment. So the server is started as ``/usr/bin/python3 -m
unoserver.server``, finding the unoserver package installed in the virtual environment
through a folder that holds only that package (not the whole environment); the *client*
speaks XML-RPC and runs in the virtual environment. ``CIRCULAR_UNO_PYTHON`` names another
interpreter (e.g. LibreOffice's own ``program/python`` on macOS or Windows).
"""

from __future__ import annotations

import concurrent.futures as futures
import contextlib
import hashlib
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from circular.letters.pdf import (
    LibreOfficeMissingError,
    MissingToolError,
    PdfConversionError,
    find_soffice,
)

#: Seconds a LibreOffice may take to start and answer (first start builds its profile).
START_TIMEOUT = 90.0
#: Seconds one letter may take before its LibreOffice counts as hung and is restarted.
CONVERT_TIMEOUT = 60.0
#: Seconds a server (and its LibreOffice) is given to stop when asked, before it is killed. A
#: server that has converted letters often ignores the request: with 15 s, stopping the pool
#: took 30 s, half of a 96-letter run (issue 20, measured with cProfile).
STOP_GRACE = 3.0
#: PDF/A-2b, for campaigns kept in an archive (LibreOffice's writer_pdf_Export option).
PDFA_OPTIONS = ("SelectPdfVersion=2",)

UNO_HINT = (
    "unoserver needs LibreOffice's Python module 'uno', which {python} lacks. On Debian "
    "install it with 'apt-get install -y python3-uno' (make system-deps does), or set "
    "CIRCULAR_UNO_PYTHON to the Python that LibreOffice ships (its program/python)."
)


def uno_python() -> str:
    """The interpreter that runs unoserver's server: ``CIRCULAR_UNO_PYTHON``, else the
    system's ``/usr/bin/python3``."""
    return os.environ.get("CIRCULAR_UNO_PYTHON") or "/usr/bin/python3"


def check_uno(python: str | None = None) -> str | None:
    """None when ``python`` can import ``uno``; else what to install."""
    python = python or uno_python()
    if shutil.which(python) is None and not Path(python).is_file():
        return UNO_HINT.format(python=python)
    probe = subprocess.run(
        [python, "-c", "import uno"], capture_output=True, timeout=60, check=False
    )
    return None if probe.returncode == 0 else UNO_HINT.format(python=python)


def _unoserver_path(folder: Path) -> Path:
    """A folder holding only the unoserver package (and its metadata, which it reads for its
    version), linked from the virtual environment, for the system Python's PYTHONPATH."""
    import unoserver

    folder.mkdir(parents=True, exist_ok=True)
    package = Path(unoserver.__file__).parent
    for source in (package, *package.parent.glob("unoserver-*.dist-info")):
        (folder / source.name).symlink_to(source, target_is_directory=True)
    return folder


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def office_pipe(profile: Path) -> Path:
    """The socket a LibreOffice using ``profile`` creates for its single-instance check.

    LibreOffice always puts it in /tmp (never $TMPDIR; /var/tmp only if /tmp is not writable),
    names it after an MD5 of the profile's URL in UTF-16 written as unpadded hex (its
    ``CreateMD5FromString``), and removes it only on an orderly exit, which a stopped server
    rarely gives it: without cleaning, every pool left one socket per LibreOffice in /tmp."""
    digest = hashlib.md5(profile.as_uri().encode("utf-16-le"), usedforsecurity=False).digest()
    name = f"OSL_PIPE_{os.getuid()}_SingleOfficeIPC_" + "".join(f"{byte:x}" for byte in digest)
    return Path("/tmp") / name  # noqa: S108 - LibreOffice's fixed folder, not a choice of ours


class UnoServerProcess:
    """One LibreOffice behind one unoserver, on free loopback ports; restartable."""

    def __init__(self, shim: Path, soffice: str, timeout: float, log: Path) -> None:
        self.shim = shim
        self.soffice = soffice
        self.timeout = timeout
        self.process: subprocess.Popen[bytes] | None = None
        self.port = 0
        self.starts = 0
        #: What the server and its LibreOffice printed (shown when one fails).
        self.log = log
        #: The LibreOffice profile of the current start (a new one each start, beside the log,
        #: so a killed LibreOffice's lock never meets the next one).
        self.profile: Path | None = None

    def start(self) -> None:
        """Start the server and wait until it answers (``PdfConversionError`` if it never
        does, with what it printed)."""
        self._forget_dead_office()
        self.port, uno_port = _free_port(), _free_port()
        self.profile = self.log.with_name(f"{self.log.stem}-profile-{self.starts + 1}")
        environment = {**os.environ, "PYTHONPATH": str(self.shim)}
        command = [
            uno_python(),
            "-m",
            "unoserver.server",
            "--interface=127.0.0.1",
            f"--port={self.port}",
            "--uno-interface=127.0.0.1",
            f"--uno-port={uno_port}",
            f"--executable={self.soffice}",
            f"--conversion-timeout={int(self.timeout)}",
            f"--user-installation={self.profile}",
        ]
        # Its own session: stopping it stops the LibreOffice it started, and nothing else.
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                command,
                env=environment,
                stdout=log,
                stderr=log,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        self.starts += 1
        self._wait_ready()

    def _wait_ready(self) -> None:
        from unoserver.client import UnoClient

        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.poll() is not None:
                break
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    pass
                UnoClient(port=str(self.port))._connect(_proxy(self.port), retries=1)
                return
            except OSError:
                time.sleep(0.25)
        said = self._said()
        self.stop()
        raise PdfConversionError(f"LibreOffice (unoserver) did not start: {said}")

    def _said(self) -> str:
        try:
            return self.log.read_text("utf-8", "replace").strip()[-600:]
        except OSError:
            return ""

    def convert(self, docx: Path, pdf: Path, options: Sequence[str] = ()) -> None:
        """Convert one letter; ``TimeoutError`` when LibreOffice does not answer in time."""
        from unoserver.client import UnoClient

        client = UnoClient(port=str(self.port))
        with futures.ThreadPoolExecutor(1) as single:
            job = single.submit(
                client.convert,
                inpath=str(docx),
                outpath=str(pdf),
                convert_to="pdf",
                filter_options=list(options),
            )
            try:
                job.result(timeout=self.timeout)
            except futures.TimeoutError:
                # Stopping the server fails the waiting call, so the thread ends too.
                self.stop()
                raise TimeoutError(
                    f"LibreOffice took over {self.timeout:.0f} s on {docx}"
                ) from None

    def stop(self) -> None:
        """Stop the server and its LibreOffice (its whole process group): asked first, killed
        after ``STOP_GRACE`` seconds. Nothing of theirs is lost by a kill: the profile is a
        temporary one, and every PDF was whole when the server answered for it."""
        if self.process is None:
            return
        with contextlib.suppress(ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=STOP_GRACE)
        # Whatever of the group is left is killed, even once the server has gone: LibreOffice's
        # launcher (oosplash) survives SIGTERM and its server, and each stopped server used to
        # leave one running for good. The group's number is not reused while a member lives.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=15)
        self._forget_dead_office()
        self.process = None

    def _forget_dead_office(self) -> None:
        """Remove the /tmp socket of a LibreOffice of ours that has ended (see office_pipe)."""
        if self.profile is None or (self.process is not None and self.process.poll() is None):
            return
        office_pipe(self.profile).unlink(missing_ok=True)


def _proxy(port: int):  # type: ignore[no-untyped-def]
    from xmlrpc.client import ServerProxy

    return ServerProxy(f"http://127.0.0.1:{port}", allow_none=True)


@dataclass(frozen=True)
class Converted:
    """One letter converted: where its PDF is, and how many LibreOffice restarts it took."""

    docx: Path
    pdf: Path
    restarts: int = 0


class PdfPool:
    """``workers`` LibreOffices (default: one per core) converting letters in parallel.

    Use as a context manager; every LibreOffice it started is stopped on leaving."""

    def __init__(self, workers: int | None = None, timeout: float = CONVERT_TIMEOUT) -> None:
        soffice = find_soffice()
        if soffice is None:
            raise LibreOfficeMissingError()
        if problem := check_uno():
            raise MissingToolError(problem)
        self.workers = max(1, workers or os.cpu_count() or 1)
        self._folder = tempfile.TemporaryDirectory(prefix="circular-unoserver-")
        folder = Path(self._folder.name)
        shim = _unoserver_path(folder / "python")
        self.servers = [
            UnoServerProcess(shim, soffice, timeout, folder / f"unoserver-{number}.log")
            for number in range(self.workers)
        ]
        self._free: list[UnoServerProcess] = []
        self._lock = threading.Lock()

    def __enter__(self) -> PdfPool:
        with futures.ThreadPoolExecutor(self.workers) as starting:
            list(starting.map(UnoServerProcess.start, self.servers))
        self._free = list(self.servers)
        return self

    def __exit__(self, *exc: object) -> None:
        # All at once: a server that does not stop when asked is waited for STOP_GRACE.
        with futures.ThreadPoolExecutor(self.workers) as stopping:
            list(stopping.map(UnoServerProcess.stop, self.servers))
        self._folder.cleanup()

    @property
    def restarts(self) -> int:
        """How many times a LibreOffice was started again after it stopped answering."""
        return sum(server.starts - 1 for server in self.servers)

    def convert_one(self, docx: Path, pdf: Path, options: Sequence[str] = ()) -> Converted:
        """Convert ``docx`` to ``pdf`` on a free LibreOffice; restart it once if it fails."""
        with self._lock:
            server = self._free.pop()
        try:
            restarts = 0
            for attempt in (1, 2):
                try:
                    if server.process is None or server.process.poll() is not None:
                        server.start()
                        restarts += 1
                    pdf.unlink(missing_ok=True)
                    server.convert(docx, pdf, options)
                    if pdf.is_file() and pdf.stat().st_size:
                        return Converted(docx, pdf, restarts)
                    raise PdfConversionError(f"LibreOffice made no PDF from {docx}")
                except (OSError, TimeoutError, PdfConversionError) as error:
                    server.stop()
                    if attempt == 2:
                        raise PdfConversionError(
                            f"{docx}: LibreOffice failed twice ({error}); "
                            f"it said: {server._said()[-300:]}"
                        ) from None
            raise AssertionError("unreachable")
        finally:
            with self._lock:
                self._free.append(server)

    def convert_many(
        self,
        jobs: Iterable[tuple[Path, Path]],
        options: Sequence[str] = (),
        progress: Callable[[Converted], None] | None = None,
    ) -> list[Converted]:
        """Convert every (docx, pdf) pair, ``workers`` at a time, in the order given."""
        with futures.ThreadPoolExecutor(self.workers) as running:
            pending = [running.submit(self.convert_one, d, p, options) for d, p in jobs]
            done = []
            for job in pending:
                converted = job.result()
                done.append(converted)
                if progress is not None:
                    progress(converted)
        return done

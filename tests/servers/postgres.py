"""A private PostgreSQL cluster for the tests, on 127.0.0.1 and a free port.

One cluster per test session (``postgres_server``): ``initdb`` into a temporary folder, started
with ``pg_ctl``, stopped and removed at the end. Each test that asks for ``postgres_url`` gets a
fresh, empty database of its own (dropped afterwards) as a SQLAlchemy URL.

PostgreSQL refuses to run as root, so when the tests run as root (CI does) the cluster belongs to
the ``postgres`` system user that Debian's package creates (or ``nobody``) and its commands run
through ``runuser``. The binaries come from Debian's ``postgresql`` package
(``/usr/lib/postgresql/<version>/bin``), which ``make test`` installs when it is missing. When
they cannot be found the PostgreSQL tests fail (they are not skipped) with the command to run.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

#: Where Debian's packages put each major version's programs.
DEBIAN_ROOT = Path("/usr/lib/postgresql")
#: Lets a developer point the tests at another installation's ``bin`` folder.
BIN_VARIABLE = "CIRCULAR_TEST_PG_BIN"
INSTALL_HINT = (
    "PostgreSQL is not installed, so the ledger tests on PostgreSQL cannot run. "
    "Run `make test` as root (it installs the package), or `sudo apt-get install postgresql`, "
    f"or set {BIN_VARIABLE} to the folder holding initdb, pg_ctl and postgres. "
    "To leave these tests out deliberately: pytest -m 'not postgres'."
)
#: The cluster's superuser (a database role, not the system user that runs the server).
SUPERUSER = "postgres"
PROGRAMS = ("initdb", "pg_ctl", "postgres")


def _has_programs(folder: Path) -> bool:
    return all(os.access(folder / name, os.X_OK) for name in PROGRAMS)


def _version_key(folder: Path) -> tuple[int, ...]:
    name = folder.parent.name
    return tuple(int(part) for part in name.split(".") if part.isdigit()) or (0,)


def find_bin_dir() -> Path | None:
    """The folder holding initdb, pg_ctl and postgres: $CIRCULAR_TEST_PG_BIN, else the newest
    Debian version, else the folder of a ``pg_ctl`` on PATH; None when there is none."""
    if configured := os.environ.get(BIN_VARIABLE):
        return Path(configured) if _has_programs(Path(configured)) else None
    for folder in sorted(DEBIAN_ROOT.glob("*/bin"), key=_version_key, reverse=True):
        if _has_programs(folder):
            return folder
    on_path = shutil.which("pg_ctl")
    if on_path and _has_programs(Path(on_path).resolve().parent):
        return Path(on_path).resolve().parent
    return None


def server_account() -> str | None:
    """The system user to run the server as: None (ourselves) unless we are root, whom
    PostgreSQL refuses; then ``postgres`` if it exists, else ``nobody``."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
        except KeyError:
            continue
        return name
    raise RuntimeError("running as root and neither a 'postgres' nor a 'nobody' user exists")


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass(frozen=True)
class PostgresServer:
    """A running test cluster: where it listens and how to reach it."""

    bin_dir: Path
    root: Path
    port: int
    account: str | None
    host: str = "127.0.0.1"

    @property
    def data_dir(self) -> Path:
        """The cluster's data folder."""
        return self.root / "data"

    @property
    def log_file(self) -> Path:
        """The server's log (read it when a test fails oddly)."""
        return self.root / "server.log"

    def url(self, database: str) -> str:
        """The SQLAlchemy URL of ``database`` on this cluster (psycopg 3 driver)."""
        return f"postgresql+psycopg://{SUPERUSER}@{self.host}:{self.port}/{database}"

    def run(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        """Run one of the cluster's programs as the account that owns it; fail with its
        output when it fails."""
        command = [str(self.bin_dir / args[0]), *args[1:]]
        if self.account is not None:
            command = ["runuser", "-u", self.account, "--", *command]
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=timeout, cwd=self.root, check=False
        )
        if done.returncode != 0:
            log = self.log_file.read_text(errors="replace") if self.log_file.exists() else ""
            raise RuntimeError(
                f"{' '.join(args[:2])} failed ({done.returncode}):\n{done.stdout}{done.stderr}"
                f"\n--- server log ---\n{log}"
            )
        return done

    def execute(self, statement: str) -> None:
        """Run one statement outside a transaction (CREATE/DROP DATABASE need that) in the
        maintenance database."""
        import psycopg

        conninfo = f"host={self.host} port={self.port} user={SUPERUSER} dbname=postgres"
        with psycopg.connect(conninfo, autocommit=True) as connection:
            connection.execute(statement)  # type: ignore[arg-type]

    def create_database(self, name: str) -> str:
        """Create an empty database ``name`` and return its URL."""
        self.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def drop_database(self, name: str) -> None:
        """Drop ``name``, closing any connection a test left open."""
        self.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def start_postgres(bin_dir: Path, attempts: int = 3) -> PostgresServer:
    """Create and start a private cluster; it is ready to take connections on return."""
    account = server_account()
    root = Path(tempfile.mkdtemp(prefix="circular-pg-"))
    if account is not None:
        # The server's files must belong to the account that runs it.
        entry = pwd.getpwnam(account)
        os.chown(root, entry.pw_uid, entry.pw_gid)
    try:
        # UTF8 whatever the machine's locale (a C locale would give SQL_ASCII, where Arabic or
        # Chinese names would not round-trip); no locale, so text sorts by code point as on
        # SQLite; --no-sync and trust: a throwaway cluster reachable only from 127.0.0.1.
        PostgresServer(bin_dir, root, 0, account).run(
            "initdb", "-D", str(root / "data"), "-U", SUPERUSER, "-A", "trust",
            "-E", "UTF8", "--no-locale", "--no-sync",
        )  # fmt: skip
        failure = RuntimeError("no attempt made to start PostgreSQL")
        for _ in range(attempts):
            # Another process may take the free port before the server binds it: try again.
            server = PostgresServer(bin_dir, root, free_port(), account)
            options = (
                f"-p {server.port} -k {root} -c listen_addresses={server.host} "
                "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
            )
            try:
                server.run(
                    "pg_ctl", "start", "-D", str(server.data_dir), "-l", str(server.log_file),
                    "-w", "-t", "60", "-o", options,
                )  # fmt: skip
            except RuntimeError as error:
                failure = error
                continue
            return server
        raise failure
    except BaseException:
        shutil.rmtree(root, ignore_errors=True)
        raise


def stop_postgres(server: PostgresServer) -> None:
    """Stop the cluster at once (its data is thrown away) and remove its folder."""
    try:
        server.run("pg_ctl", "stop", "-D", str(server.data_dir), "-m", "immediate", "-w")
    finally:
        shutil.rmtree(server.root, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """One private PostgreSQL cluster for the whole test session, on 127.0.0.1."""
    bin_dir = find_bin_dir()
    if bin_dir is None:
        configured = os.environ.get(BIN_VARIABLE)
        if configured:
            pytest.fail(
                f"{BIN_VARIABLE}={configured} does not hold {', '.join(PROGRAMS)}", pytrace=False
            )
        pytest.fail(INSTALL_HINT, pytrace=False)
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.fail(
            "psycopg is not installed: run `make test`, or pip install -e '.[test]'",
            pytrace=False,
        )
    server = start_postgres(bin_dir)
    try:
        yield server
    finally:
        stop_postgres(server)


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> Iterator[str]:
    """A fresh, empty database on the test cluster for this test, as a SQLAlchemy URL."""
    name = f"test_{uuid.uuid4().hex[:12]}"
    url = postgres_server.create_database(name)
    try:
        yield url
    finally:
        postgres_server.drop_database(name)

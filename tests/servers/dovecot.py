"""A real Dovecot IMAP server for the tests, on 127.0.0.1.

One server per test session (``dovecot_server``), started with ``dovecot -F -c FILE`` from
``dovecot.conf.template``; each test gets its own fresh account (``imap_account``), so tests
never see each other's mail. The server listens twice: plain IMAP (``port``) and IMAP over TLS
(``tls_port``) with a certificate signed by a test CA generated here with ``cryptography``
(``ca_file``). Dovecot comes from the Debian package ``dovecot-imapd``; the tests that need it
are skipped with a clear reason when it is missing.
"""

from __future__ import annotations

import datetime as dt
import getpass
import imaplib
import ipaddress
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

TEMPLATE = Path(__file__).with_name("dovecot.conf.template")
DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"
DOVEADM = shutil.which("doveadm") or "/usr/bin/doveadm"
#: Test accounts created at start-up; each test takes a fresh one.
ACCOUNTS = 200


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for_port(port: int, log: Path, timeout: float = 20.0) -> None:
    """Wait until 127.0.0.1:``port`` accepts connections; fail with the server's log if not."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    text = log.read_text(errors="replace") if log.exists() else "(no log)"
    raise RuntimeError(f"Dovecot did not listen on 127.0.0.1:{port}:\n{text}")


def write_test_pki(folder: Path) -> Path:
    """A test CA and a server certificate for 127.0.0.1/localhost signed by it; returns the
    CA's PEM file (what a client must trust)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "circular test CA")])
    ca_cert = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=2))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=2))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )
    (folder / "server.key").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    (folder / "server.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    ca_file = folder / "ca.pem"
    ca_file.write_bytes(ca_cert.public_bytes(serialization.Encoding.PEM))
    return ca_file


@dataclass(frozen=True)
class ImapAccount:
    """One mailbox on the test server: where to connect and how to log in."""

    server: DovecotServer
    user: str
    password: str

    @property
    def host(self) -> str:
        """The server's address."""
        return "127.0.0.1"

    @property
    def port(self) -> int:
        """The plain IMAP port."""
        return self.server.port

    @property
    def tls_port(self) -> int:
        """The IMAP-over-TLS port (certificate signed by ``ca_file``)."""
        return self.server.tls_port

    @property
    def ca_file(self) -> Path:
        """The test CA that signed the server's certificate."""
        return self.server.ca_file

    def deliver(self, raw: bytes, folder: str = "INBOX") -> None:
        """Put ``raw`` into ``folder`` with IMAP APPEND, as a mail server's delivery would."""
        with imaplib.IMAP4("127.0.0.1", self.port) as client:
            client.login(self.user, self.password)
            typ, data = client.append(f'"{folder}"', None, None, raw)
            if typ != "OK":
                raise RuntimeError(f"APPEND to {folder} failed: {data!r}")

    def folder_uids(self, folder: str = "INBOX") -> dict[int, set[str]]:
        """Every message in ``folder``: UID → its flags (read-only, touches nothing)."""
        with imaplib.IMAP4("127.0.0.1", self.port) as client:
            client.login(self.user, self.password)
            typ, _ = client.select(f'"{folder}"', readonly=True)
            if typ != "OK":
                return {}
            typ, data = client.uid("FETCH", "1:*", "(UID FLAGS)")
            result: dict[int, set[str]] = {}
            for item in data:
                if not isinstance(item, bytes):
                    continue
                parsed = imaplib.ParseFlags(item)
                uid = int(item.split(b"UID ")[1].split()[0].rstrip(b")"))
                result[uid] = {flag.decode() for flag in parsed}
            return result

    def doveadm(self, *args: str) -> str:
        """Run ``doveadm`` for this account (``-u user`` is added after the sub-command)."""
        return self.server.doveadm(*args, user=self.user)


class DovecotServer:
    """A running Dovecot: its ports, its folder, and the config it was started with."""

    def __init__(self, root: Path, accounts: Sequence[tuple[str, str]] = ()) -> None:
        self.root = root
        # Accounts with passwords a test chose (the secrets test greps for them); the rest
        # get random ones at start-up.
        self.fixed_accounts = list(accounts)
        self.port = free_port()
        self.tls_port = free_port()
        self.config = root / "dovecot.conf"
        self.log = root / "dovecot.log"
        self.ca_file = write_test_pki(root)
        self._process: subprocess.Popen[bytes] | None = None
        self._accounts: list[tuple[str, str]] = []
        if os.getuid() == 0:
            # Dovecot refuses to run mail processes as root: mail belongs to nobody, and the
            # login and internal processes to the package's own users when they exist.
            mail = pwd.getpwnam("nobody")
            self.uid, self.gid = mail.pw_uid, mail.pw_gid
            self.login_user = _existing_user("dovenull", "nobody")
            self.internal_user = _existing_user("dovecot", "nobody")
        else:
            self.uid, self.gid = os.getuid(), os.getgid()
            self.login_user = self.internal_user = getpass.getuser()

    def start(self) -> None:
        """Write the config, start ``dovecot -F`` and wait until both ports listen."""
        mail = self.root / "mail"
        mail.mkdir()
        os.chown(mail, self.uid, self.gid)
        self._accounts = [
            (f"user{number:03d}", secrets.token_urlsafe(12)) for number in range(ACCOUNTS)
        ]
        self._accounts += self.fixed_accounts
        (self.root / "passwd").write_text(
            "".join(f"{user}:{{PLAIN}}{password}\n" for user, password in self._accounts)
        )
        self.config.write_text(self.config_text())
        self._launch()

    def config_text(self) -> str:
        """The dovecot.conf this server runs with (a subclass may add to it)."""
        return TEMPLATE.read_text().format(
            root=self.root,
            port=self.port,
            tls_port=self.tls_port,
            uid=self.uid,
            gid=self.gid,
            login_user=self.login_user,
            internal_user=self.internal_user,
        )

    def _launch(self) -> None:
        self._process = subprocess.Popen(
            [DOVECOT, "-F", "-c", str(self.config)],
            stdout=subprocess.DEVNULL,
            stderr=open(self.root / "stderr.log", "ab"),  # noqa: SIM115 (closed by the child)
            # Its own process group, so that a fault test can kill Dovecot and every process
            # it started at once, as a crash of the machine's mail server would.
            start_new_session=True,
        )
        wait_for_port(self.port, self.log)
        wait_for_port(self.tls_port, self.log)

    def signal_all(self, signum: int) -> None:
        """Send ``signum`` to Dovecot and every process it started (fault tests: SIGKILL is a
        crash, SIGSTOP a server that stops answering, SIGCONT its return)."""
        assert self._process is not None, "Dovecot is not running"
        os.killpg(self._process.pid, signum)

    def kill(self) -> None:
        """Crash Dovecot: SIGKILL to all its processes, and wait until they are gone."""
        assert self._process is not None, "Dovecot is not running"
        group = self._process.pid
        self.signal_all(signal.SIGKILL)
        self._process.wait(timeout=30)
        self._process = None
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                os.killpg(group, 0)
            except ProcessLookupError:
                return
            time.sleep(0.05)
        raise RuntimeError("Dovecot's processes survived SIGKILL")

    def restart(self) -> None:
        """Start Dovecot again after ``kill``: same config, ports, accounts and mail."""
        assert self._process is None, "Dovecot is still running"
        self._launch()

    def stop(self) -> None:
        """Stop the server and wait for it to exit."""
        if self._process is None:
            return
        self._process.send_signal(signal.SIGTERM)
        try:
            self._process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._process = None

    def new_account(self) -> ImapAccount:
        """A fresh user with an empty mailbox, from the accounts written at start-up (Dovecot
        may not notice a passwd file changed within the same second, so none are added
        later)."""
        if not self._accounts:
            raise RuntimeError(f"all {ACCOUNTS} test accounts are used: raise ACCOUNTS")
        user, password = self._accounts.pop()
        return ImapAccount(server=self, user=user, password=password)

    def doveadm(self, *args: str, user: str) -> str:
        """Run a ``doveadm`` sub-command (``args[0]``, maybe two words) for ``user``."""
        words = 2 if args and args[0] in {"mailbox", "user"} else 1
        command = [DOVEADM, "-c", str(self.config), *args[:words], "-u", user, *args[words:]]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise RuntimeError(f"{' '.join(command)} failed: {result.stderr.strip()}")
        return result.stdout


def _existing_user(name: str, fallback: str) -> str:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return fallback
    return name


@pytest.fixture(scope="session")
def dovecot_server() -> Iterator[DovecotServer]:
    """One Dovecot for the whole test session (skipped when Dovecot is not installed)."""
    yield from running_dovecot(DovecotServer)


def running_dovecot(make: Callable[[Path], DovecotServer]) -> Iterator[DovecotServer]:
    """Start the server ``make(root)`` gives, yield it, stop it (skipped without Dovecot)."""
    if not Path(DOVECOT).exists():
        pytest.skip("Dovecot is not installed: apt-get install dovecot-imapd (make test does)")
    # Not pytest's tmp_path: that folder is private to the test user, and Dovecot's login
    # processes (another user) must reach the sockets under it.
    root = Path(tempfile.mkdtemp(prefix="circular-dovecot-"))
    root.chmod(0o755)
    server = make(root)
    server.start()
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def imap_account(dovecot_server: DovecotServer) -> ImapAccount:
    """A fresh, empty mailbox on the session's Dovecot."""
    return dovecot_server.new_account()

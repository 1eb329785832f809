"""Secrets: after whole runs with known test passwords, no log, artifact, report, ledger row,
file, mail or exception message holds them.

The SMTP server (aiosmtpd, STARTTLS with a test CA) requires AUTH with ``SMTP_PASSWORD``; a
Dovecot of this module's own (IMAP over TLS, test CA) has an account with ``IMAP_PASSWORD``.
Three runs use them:

- the Prefect flows (intake → send-invitations → poll-replies → followup → report) on the
  ``prefect_server`` test server, once with the passwords in the environment and once in
  Prefect Secret blocks, with Prefect and Python logging at DEBUG and results persisted;
- the CLI (``settings``, ``intake``, ``render``, ``send --dry-run``, ``send``, ``poll``,
  ``followup``, ``report``), each command in its own process with Python logging at DEBUG;
- the failure paths: a wrong SMTP and IMAP password, a certificate nobody trusts, a port nobody
  listens on, through the CLI and through the flows.

Then everything is scanned (tests/support/secret_scan.py): captured output, every Prefect flow run
of
the test (its JSON, parameters, state history, task runs, logs, artifacts), the Prefect
server's whole database file and PREFECT_HOME, the ledger (raw bytes, WAL, every row), every
file written (letters, .eml previews, reports with their XLSX unzipped, contact reports), the
messages the SMTP server received and the IMAP mailbox (decoded part by part), exception
messages with their whole chain. The Secret block's value is stored Fernet-encrypted in the
Prefect database (``block_document.data``), so the raw scan of that file needs no exclusion.
"""

from __future__ import annotations

import dataclasses
import io
import json
import logging
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from email.policy import SMTP as SMTP_POLICY
from email.utils import make_msgid
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from pydantic import SecretStr

from circular.replies.inbox import ImapConfig, open_mailbox
from circular.sandbox.letter import read_letter
from circular.sandbox.replies import human_reply
from circular.sandbox.scenario import Kind
from circular.sending.smtp import SmtpConfig
from circular.settings import PROJECT_ROOT, load_settings
from tests.servers.dovecot import DOVECOT, DovecotServer, ImapAccount
from tests.servers.dovecot_oauth2 import DovecotOAuth2Server
from tests.servers.oauth_fixtures import (  # noqa: F401 (fixtures)
    oauth_dovecot,
    service_account_file,
    token_pki,
    token_server,
    token_server_session,
)
from tests.servers.oauth_server import TokenServer
from tests.servers.provider_smtp import ProviderHandler, provider_smtp
from tests.servers.smtp_server import RecordingHandler, free_port, make_test_tls, smtp_server
from tests.support.followup_support import copy_campaign, open_every_day
from tests.support.secret_scan import SecretScan

pytestmark = [pytest.mark.slow, pytest.mark.dovecot]

SMTP_USER = "circular-mailer"
SMTP_PASSWORD = "smtp-Pw-7f3a9c!"
IMAP_USER = "replies-desk"
IMAP_PASSWORD = "imap-Pw-21be04%"
#: What the failure runs log in with: refused by both servers, and looked for too.
WRONG_PASSWORD = "wrong-Pw-5d83e1#"

CAMPAIGN_DIR = PROJECT_ROOT / "letters" / "cl-21-4"
COUNTRIES = ("FRA", "ESP", "GBR")
SAMPLES = PROJECT_ROOT / "contacts" / "samples" / "member-states.csv"
SMTP_BLOCK, IMAP_BLOCK = "secrets-test-smtp", "secrets-test-imap"
#: Dovecot keeps mail here (a temporary folder of its own: its login user must reach it).
DOVECOT_ROOT_PREFIX = "circular-secrets-dovecot-"


def new_scan() -> SecretScan:
    """A scan looking for the three test passwords."""
    scan = SecretScan()
    scan.add_secret("SMTP password", SMTP_USER, SMTP_PASSWORD)
    scan.add_secret("IMAP password", IMAP_USER, IMAP_PASSWORD)
    scan.add_secret("wrong password", SMTP_USER, WRONG_PASSWORD)
    return scan


# -- servers and folders --------------------------------------------------------------------


@pytest.fixture(scope="module")
def mailbox() -> Iterator[ImapAccount]:
    """A Dovecot of this module's own whose account ``IMAP_USER`` has ``IMAP_PASSWORD``."""
    if not Path(DOVECOT).exists():
        pytest.skip("Dovecot is not installed: apt-get install dovecot-imapd (make test does)")
    root = Path(tempfile.mkdtemp(prefix=DOVECOT_ROOT_PREFIX))
    root.chmod(0o755)
    server = DovecotServer(root, accounts=[(IMAP_USER, IMAP_PASSWORD)])
    server.start()
    try:
        yield ImapAccount(server=server, user=IMAP_USER, password=IMAP_PASSWORD)
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)


@dataclass
class World:
    """One run's folders, servers and settings (``env``: the CIRCULAR_* variables)."""

    root: Path
    mailbox: ImapAccount
    smtp_port: int
    smtp_ca: Path
    handler: RecordingHandler
    env: dict[str, str] = field(default_factory=dict)

    @property
    def campaign_dir(self) -> str:
        """The campaign's folder (a copy of CL-21/4 under ``root``)."""
        return str(self.root / "letters" / "cl-21-4")

    @property
    def data(self) -> Path:
        """The data folder (the ledger lives there)."""
        return self.root / "data"

    def drop_contacts(self) -> None:
        """A contact file of three countries in the drop folder."""
        lines = SAMPLES.read_text(encoding="utf-8").splitlines(keepends=True)
        rows = [line for line in lines[1:] if line.split(",", 1)[0] in COUNTRIES]
        drop = Path(self.env["CIRCULAR_DROP_FOLDER"])
        drop.mkdir(parents=True, exist_ok=True)
        (drop / "ministers.csv").write_text(lines[0] + "".join(rows), encoding="utf-8")

    def answer_letters(self) -> int:
        """Each invitation received gets its minister's answer (accept, decline, accept) in
        the IMAP inbox, threaded to it; returns how many."""
        invitations = list(self.handler.received)  # called before anything else is sent
        kinds = [Kind.ACCEPT, Kind.DECLINE]
        for number, received in enumerate(invitations):
            letter = read_letter(received.data, received.mail_from, datetime.now(UTC))
            respondent = letter.to[0][1]
            reply = human_reply(
                letter,
                respondent,
                kinds[number % 2],
                random.Random(number),
                make_msgid(domain=respondent.rpartition("@")[2]),
            )
            self.mailbox.deliver(reply.as_bytes(policy=SMTP_POLICY))
        return len(invitations)


@pytest.fixture
def world(tmp_path: Path, mailbox: ImapAccount, monkeypatch: pytest.MonkeyPatch) -> Iterator[World]:
    """Folders under ``tmp_path``, a fresh mailbox, and an SMTP server requiring STARTTLS and
    AUTH with ``SMTP_PASSWORD``. The CIRCULAR_* settings (without passwords) are in ``env``
    and in this process's environment."""
    _empty_mailbox(mailbox)
    mailbox.doveadm("mailbox", "create", "Sent")  # circular never creates it
    tls, ca_file = make_test_tls(tmp_path / "smtp-certs")
    handler = RecordingHandler()
    with smtp_server(handler, starttls=tls, login=(SMTP_USER, SMTP_PASSWORD)) as (server, _):
        world = World(tmp_path, mailbox, server.port, ca_file, handler)
        # A copy of CL-21/4 whose secretariat is open every day: acknowledgements wait on its
        # days off, and this test must not depend on the weekday it runs on.
        campaign = copy_campaign(tmp_path)
        assert campaign.folder is not None
        open_every_day(campaign.folder)
        world.env = {
            "CIRCULAR_LETTERS_DIR": str(campaign.folder.parent),
            "CIRCULAR_DATA_DIR": str(world.data),
            "CIRCULAR_OUT_DIR": str(tmp_path / "letters-out"),
            "CIRCULAR_REPORTS_DIR": str(tmp_path / "reports"),
            "CIRCULAR_DROP_FOLDER": str(tmp_path / "contacts" / "inbox"),
            "CIRCULAR_PROCESSED_FOLDER": str(tmp_path / "contacts" / "processed"),
            "CIRCULAR_REJECTED_FOLDER": str(tmp_path / "contacts" / "rejected"),
            "CIRCULAR_SMTP_HOST": "127.0.0.1",
            "CIRCULAR_SMTP_PORT": str(server.port),
            "CIRCULAR_SMTP_SECURITY": "starttls",
            "CIRCULAR_SMTP_CA_FILE": str(ca_file),
            "CIRCULAR_SMTP_USERNAME": SMTP_USER,
            "CIRCULAR_SMTP_RETRY_DELAY": "0",
            "CIRCULAR_IMAP_HOST": "127.0.0.1",
            "CIRCULAR_IMAP_PORT": str(mailbox.tls_port),
            "CIRCULAR_IMAP_SECURITY": "tls",
            "CIRCULAR_IMAP_CA_FILE": str(mailbox.ca_file),
            "CIRCULAR_IMAP_USERNAME": IMAP_USER,
            # Sent letters are appended over IMAP too: one more login per run.
            "CIRCULAR_IMAP_SENT_FOLDER": "Sent",
        }
        for name in list(os.environ):
            if name.startswith("CIRCULAR_"):
                monkeypatch.delenv(name)
        for name, value in world.env.items():
            monkeypatch.setenv(name, value)
        yield world


def _empty_mailbox(account: ImapAccount) -> None:
    # The module's one account serves every test: each starts with an empty mailbox.
    maildir = account.server.root / "mail" / account.user
    shutil.rmtree(maildir, ignore_errors=True)


def use_passwords_from_env(monkeypatch: pytest.MonkeyPatch, world: World) -> None:
    """CIRCULAR_SMTP_PASSWORD and CIRCULAR_IMAP_PASSWORD in the environment."""
    world.env["CIRCULAR_SMTP_PASSWORD"] = SMTP_PASSWORD
    world.env["CIRCULAR_IMAP_PASSWORD"] = IMAP_PASSWORD
    monkeypatch.setenv("CIRCULAR_SMTP_PASSWORD", SMTP_PASSWORD)
    monkeypatch.setenv("CIRCULAR_IMAP_PASSWORD", IMAP_PASSWORD)


def use_secret_blocks(
    monkeypatch: pytest.MonkeyPatch, smtp: str = SMTP_PASSWORD, imap: str = IMAP_PASSWORD
) -> None:
    """The passwords in Prefect Secret blocks, named by CIRCULAR_*_PASSWORD_BLOCK."""
    from prefect.blocks.system import Secret

    Secret(value=smtp).save(SMTP_BLOCK, overwrite=True)
    Secret(value=imap).save(IMAP_BLOCK, overwrite=True)
    monkeypatch.setenv("CIRCULAR_SMTP_PASSWORD_BLOCK", SMTP_BLOCK)
    monkeypatch.setenv("CIRCULAR_IMAP_PASSWORD_BLOCK", IMAP_BLOCK)
    monkeypatch.delenv("CIRCULAR_SMTP_PASSWORD", raising=False)
    monkeypatch.delenv("CIRCULAR_IMAP_PASSWORD", raising=False)


# -- logging at DEBUG, Prefect traces ------------------------------------------------------


@pytest.fixture
def debug_logs(tmp_path: Path) -> Iterator[io.StringIO]:
    """Every log record of this process at DEBUG (every logger: circular's, Prefect's,
    aiosmtplib's, imaplib's callers', the test servers'), with tracebacks, in a buffer; and
    PREFECT_HOME, Prefect's result storage (results persisted) under ``tmp_path``, so that
    what Prefect writes locally can be scanned.

    circular's own loggers are also sent to the Prefect API, as PREFECT_LOGGING_EXTRA_LOGGERS
    would, so their records land in the run logs scanned later."""
    from prefect.logging.handlers import APILogHandler
    from prefect.settings import (
        PREFECT_HOME,
        PREFECT_LOCAL_STORAGE_PATH,
        PREFECT_LOGGING_LEVEL,
        PREFECT_RESULTS_PERSIST_BY_DEFAULT,
        temporary_settings,
    )

    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    handler.setLevel(logging.DEBUG)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    root, prefect_logger = logging.getLogger(), logging.getLogger("prefect")
    api = APILogHandler()
    api.setLevel(logging.DEBUG)
    circular_logger = logging.getLogger("circular")
    saved = root.level, prefect_logger.level, circular_logger.level
    home = tmp_path / "prefect-home"
    try:
        with temporary_settings(
            updates={
                PREFECT_HOME: home,
                PREFECT_LOCAL_STORAGE_PATH: home / "storage",
                PREFECT_RESULTS_PERSIST_BY_DEFAULT: True,
                PREFECT_LOGGING_LEVEL: "DEBUG",
            }
        ):
            # Levels set inside: entering the settings context may set Prefect's logging up
            # again from the settings.
            root.addHandler(handler)
            root.setLevel(logging.DEBUG)
            prefect_logger.setLevel(logging.DEBUG)
            circular_logger.setLevel(logging.DEBUG)
            circular_logger.addHandler(api)
            yield buffer
    finally:
        circular_logger.removeHandler(api)
        root.removeHandler(handler)
        root.setLevel(saved[0])
        prefect_logger.setLevel(saved[1])
        circular_logger.setLevel(saved[2])


def scan_prefect(scan: SecretScan, since: datetime) -> int:
    """Scan every flow run created since ``since`` (JSON with parameters, state history, task
    runs, logs, artifacts), then the Prefect server's database files and the default
    PREFECT_HOME. Returns the number of flow runs."""
    from prefect import get_client
    from prefect.client.schemas.filters import (
        ArtifactFilter,
        ArtifactFilterFlowRunId,
        FlowRunFilter,
        FlowRunFilterId,
        LogFilter,
        LogFilterFlowRunId,
    )
    from prefect.logging.handlers import APILogHandler
    from prefect.settings import PREFECT_SERVER_DATABASE_CONNECTION_URL

    APILogHandler().flush()  # the run logs still batched in this process go to the server first
    time.sleep(1.5)  # events are written by the server's persister (flush every 0.5 s here)
    with get_client(sync_client=True) as client:
        runs = [run for run in _all(client.read_flow_runs) if run.created and run.created >= since]
        ids: list[UUID] = [run.id for run in runs]
        for run in runs:
            scan.text(f"flow run {run.name}", run.model_dump_json())
            for state in client.read_flow_run_states(run.id):
                scan.text(f"flow run {run.name} state {state.name}", state.model_dump_json())
        if not ids:
            return 0
        by_run = FlowRunFilter(id=FlowRunFilterId(any_=ids))
        for task_run in _all(client.read_task_runs, flow_run_filter=by_run):
            scan.text(f"task run {task_run.name}", task_run.model_dump_json())
        logs = _all(
            client.read_logs, log_filter=LogFilter(flow_run_id=LogFilterFlowRunId(any_=ids))
        )
        for log in logs:
            scan.text(f"Prefect log {log.name} {log.level}", log.model_dump_json())
        artifacts = client.read_artifacts(
            artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=ids))
        )
        for artifact in artifacts:
            scan.text(f"artifact {artifact.key}", artifact.model_dump_json())
    assert len(logs) >= 2 * len(runs), f"only {len(logs)} run logs for {len(runs)} runs"
    url = PREFECT_SERVER_DATABASE_CONNECTION_URL.value()
    database = Path(url.split(":///", 1)[1])
    for path in database.parent.glob(database.name + "*"):  # the file, -wal, -shm, -journal
        scan.file(path)
    default_home = Path.home() / ".prefect"
    if default_home.is_dir():
        scan.tree(default_home)
    return len(runs)


def _all(read: Any, **filters: Any) -> list[Any]:
    """Every item of a paged Prefect read."""
    found: list[Any] = []
    while True:
        page = read(**filters, limit=200, offset=len(found))
        found += page
        if len(page) < 200:
            return found


def scan_world(scan: SecretScan, world: World) -> None:
    """Every file of the run (ledger and its WAL, letters, .eml, reports, contact reports,
    PREFECT_HOME), every message the SMTP server received, the IMAP mailbox, decoded."""
    scan.tree(world.root)
    for received in world.handler.received:
        place = f"SMTP server received {received.message_id}"
        scan.text(f"{place} (envelope)", f"{received.mail_from} {received.rcpt_tos}")
        scan.blob(place, received.data, mail=True)
    maildir = world.mailbox.server.root / "mail" / world.mailbox.user
    if maildir.is_dir():
        scan.tree(maildir, mail=True)


def scan_exception(scan: SecretScan, place: str, error: BaseException) -> None:
    """The exception as printed, and every exception in its chain, even a suppressed one
    (``raise ... from None`` hides the context from tracebacks, not from code that walks it)."""
    scan.text(place, "".join(traceback.format_exception(error)))
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        scan.text(f"{place} (chain: {type(current).__name__})", f"{current!r} {current}")
        scan.text(f"{place} (args)", repr(current.args))
        current = current.__cause__ or current.__context__


def assert_clean(scan: SecretScan, minimum_places: int) -> None:
    """No password anywhere, and the scan really looked at many places."""
    assert not scan.leaks, "passwords found:\n" + scan.report()
    assert len(scan.places) >= minimum_places, f"only {len(scan.places)} places scanned"
    kinds = Counter(_kind(place) for place in scan.places)
    shown = ", ".join(f"{kind} {count}" for kind, count in sorted(kinds.items()))
    # pytest -s shows this: the figures of docs/reliability.md.
    print(f"\nsecrets: {len(scan.places)} places scanned, no password found ({shown})")


def _kind(place: str) -> str:
    """The kind of a scanned place, for the summary."""
    if place.startswith("/"):
        if "!" in place or " (part" in place or " (headers)" in place:
            return "file member/part"
        return "database row" if ":" in place.rsplit("/", 1)[-1] else "file"
    for kind in ("flow run", "task run", "Prefect log", "artifact", "SMTP server received"):
        if place.startswith(kind):
            return kind
    return "output/exception/object"


# -- the CLI in its own process -------------------------------------------------------------

#: ``circular`` with every Python logger at DEBUG (imaplib has no logger: it prints only with
#: IMAP4.debug set, and circular never sets it; aiosmtplib and imap-tools log nothing).
CLI = (
    "import logging, sys; logging.basicConfig(level=logging.DEBUG); "
    "sys.argv = ['circular', *sys.argv[1:]]; from circular.cli import main; main()"
)


@dataclass
class CliRun:
    """One command's exit status and output."""

    args: tuple[str, ...]
    code: int
    stdout: str
    stderr: str


def circular_cli(world: World, *args: str, env: dict[str, str] | None = None) -> CliRun:
    """Run ``circular ARGS`` in its own process with ``world``'s settings (or ``env``)."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(("CIRCULAR_", "PREFECT_"))}
    base.update(
        env if env is not None else world.env,
        PREFECT_LOGGING_LEVEL="DEBUG",
        # This checkout's code, not the editable install's (the venv may be another checkout's).
        PYTHONPATH=str(PROJECT_ROOT),
        # Wide lines: rich must not wrap a message, or a password in it would escape the scan.
        COLUMNS="1000",
        TERM="dumb",
    )
    done = subprocess.run(
        [sys.executable, "-c", CLI, *args],
        env=base,
        cwd=world.root,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return CliRun(args, done.returncode, done.stdout, done.stderr)


def scan_cli(scan: SecretScan, run: CliRun) -> None:
    """Both outputs of a command."""
    name = " ".join(run.args)
    scan.text(f"`circular {name}` stdout", run.stdout)
    scan.text(f"`circular {name}` stderr", run.stderr)


# -- the tests ------------------------------------------------------------------------------


def test_scan_finds_a_password_wherever_it_hides(tmp_path: Path) -> None:
    """The scan is not blind: a password planted raw in a file, base64 in a mail part, in an
    XLSX member, URL-encoded, in an SQLite row, or as an AUTH PLAIN blob is found each time."""
    import base64
    import sqlite3
    import zipfile
    from email.message import EmailMessage
    from urllib.parse import quote

    (tmp_path / "raw.log").write_text(f"login with {SMTP_PASSWORD}\n")
    mail = EmailMessage()
    mail["Subject"] = "x"
    mail.set_content(f"the password is {IMAP_PASSWORD}", cte="base64")
    (tmp_path / "message.eml").write_bytes(mail.as_bytes())
    assert IMAP_PASSWORD.encode() not in (tmp_path / "message.eml").read_bytes()
    with zipfile.ZipFile(tmp_path / "report.xlsx", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/sharedStrings.xml", f"<t>{WRONG_PASSWORD}</t>" * 50)
    (tmp_path / "url.txt").write_text(f"imap://u:{quote(IMAP_PASSWORD, safe='')}@host/")
    (tmp_path / "auth.txt").write_bytes(
        b"AUTH PLAIN " + base64.b64encode(f"\0{SMTP_USER}\0{SMTP_PASSWORD}".encode())
    )
    database = sqlite3.connect(tmp_path / "ledger.sqlite3")
    database.execute("CREATE TABLE messages (answer TEXT)")
    database.execute("INSERT INTO messages VALUES (?)", (f"535 {SMTP_PASSWORD}",))
    database.commit()
    database.close()
    scan = new_scan()
    scan.tree(tmp_path)
    found = {(Path(leak.place.split("!")[0].split(" (")[0].split(":")[0]).name, leak.form)
             for leak in scan.leaks}  # fmt: skip
    for expected in [
        ("raw.log", "raw"),
        ("message.eml", "raw"),
        ("report.xlsx", "raw"),
        ("url.txt", "url-encoded"),
        ("auth.txt", "base64 PLAIN"),
        ("ledger.sqlite3", "raw"),
    ]:
        assert expected in found, (expected, sorted(found))


def test_configs_and_settings_mask_passwords(monkeypatch: pytest.MonkeyPatch) -> None:
    """repr/str/dumps of every object holding a password show it masked."""
    monkeypatch.setenv("CIRCULAR_SMTP_PASSWORD", SMTP_PASSWORD)
    monkeypatch.setenv("CIRCULAR_IMAP_PASSWORD", IMAP_PASSWORD)
    settings = load_settings()
    assert settings.smtp_password.get_secret_value() == SMTP_PASSWORD  # the value is there
    smtp = SmtpConfig.from_settings(settings)
    plain = SmtpConfig("127.0.0.1", 25, password=SMTP_PASSWORD)  # type: ignore[arg-type]
    imap = ImapConfig.from_settings(settings)
    scan = new_scan()
    for name, value in {"Settings": settings, "SmtpConfig": smtp, "ImapConfig": imap}.items():
        scan.text(f"repr({name})", repr(value))
        scan.text(f"str({name})", str(value))
    scan.text("repr(SmtpConfig built from a str)", repr(plain))
    scan.text("dataclasses.asdict(SmtpConfig)", repr(dataclasses.asdict(smtp)))
    scan.text("dataclasses.asdict(ImapConfig)", repr(dataclasses.asdict(imap)))
    scan.text("Settings.model_dump()", repr(settings.model_dump()))
    scan.text("Settings.model_dump_json()", settings.model_dump_json())
    scan.text("Settings.model_dump(mode=json)", repr(settings.model_dump(mode="json")))
    assert "**********" in repr(smtp) and "**********" in repr(imap)
    assert isinstance(plain.password, SecretStr)
    assert_clean(scan, minimum_places=12)


@pytest.mark.prefect
@pytest.mark.parametrize("source", ["environment", "secret blocks"])
def test_flows_leave_no_password_anywhere(
    source: str,
    prefect_server: None,
    world: World,
    debug_logs: io.StringIO,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
) -> None:
    """intake → send-invitations → poll-replies → followup → report on Prefect, with the
    passwords in the environment or in Secret blocks; then every trace is scanned."""
    from flows.followup import followup
    from flows.intake import intake_flow
    from flows.poll import poll_replies
    from flows.report import report
    from flows.send import send_invitations

    if source == "environment":
        use_passwords_from_env(monkeypatch, world)
    else:
        use_secret_blocks(monkeypatch)
    since = datetime.now(UTC)
    world.drop_contacts()
    campaign = world.campaign_dir

    loaded = intake_flow()
    sent = send_invitations(campaign, batch_size=2)
    answered = world.answer_letters()
    polled = poll_replies()
    followed = followup(campaign, shifted_to=date.today())
    reported = report(campaign)

    # The pipeline really ran, logging in to both servers.
    assert [r.status for r in loaded] == ["loaded"]
    assert sent["sent"] == len(COUNTRIES) and not sent["failed"]
    assert answered == len(COUNTRIES) and polled["processed"] == len(COUNTRIES)
    acks = followed["runs"][1]
    # Two acceptances thanked once each: by the poll that recorded them (issue 16), or by the
    # follow-up run when the poll could not.
    assert polled.get("acknowledged", 0) + len(acks["sent"]) == 2, (polled, acks)
    assert len(world.handler.received) == len(COUNTRIES) + 2
    assert reported["rows"] == len(COUNTRIES) and Path(reported["xlsx"]).is_file()
    assert world.mailbox.folder_uids("Sent"), "no letter was appended to the Sent folder"

    storage = world.root / "prefect-home" / "storage"
    assert storage.is_dir() and any(storage.iterdir()), "no persisted results to scan"
    if source == "secret blocks":
        from prefect.blocks.system import Secret

        # The values are on the server (Fernet-encrypted in block_document.data): the raw scan
        # of its database file below must not see them.
        assert Secret.load(SMTP_BLOCK).get() == SMTP_PASSWORD

    scan = new_scan()
    for name, result in {"intake": loaded, "send": sent, "poll": polled}.items():
        scan.text(f"{name} flow result", repr(result))
    scan.text("followup flow result", repr(followed))
    scan.text("report flow result", repr(reported))
    runs = scan_prefect(scan, since)
    assert runs >= 5
    scan_world(scan, world)
    scan.text("Python logging at DEBUG", debug_logs.getvalue())
    captured = capfd.readouterr()
    scan.text("captured stdout", captured.out)
    scan.text("captured stderr", captured.err)
    assert "DEBUG" in debug_logs.getvalue()
    assert_clean(scan, minimum_places=200)


def test_cli_leaves_no_password_anywhere(
    world: World, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    """The CLI from contact file to report, each command in its own process with logging at
    DEBUG, the passwords in the environment; `circular settings` shows them masked."""
    use_passwords_from_env(monkeypatch, world)
    world.drop_contacts()
    campaign = world.campaign_dir
    runs = [
        circular_cli(world, "settings"),
        circular_cli(world, "intake"),
        circular_cli(world, "render", "--campaign", campaign),
        circular_cli(world, "send", "--force", "--campaign", campaign, "--dry-run"),
        circular_cli(world, "send", "--force", "--campaign", campaign),
    ]
    world.answer_letters()
    runs += [
        circular_cli(world, "poll", "--verbose", "--json"),
        circular_cli(world, "followup", "--campaign", campaign, "--acks"),
        circular_cli(world, "report", "--campaign", campaign),
    ]
    for run in runs:
        assert run.code == 0, (run.args, run.stdout, run.stderr)
    shown = runs[0].stdout
    assert "CIRCULAR_SMTP_PASSWORD=******" in shown and "CIRCULAR_IMAP_PASSWORD=******" in shown
    assert f"CIRCULAR_SMTP_USERNAME={SMTP_USER}" in shown  # the rest is shown as it is
    assert len(world.handler.received) == len(COUNTRIES) + 2  # invitations, two thanks
    assert list((world.data / "outbox").rglob("*.eml")), "the dry run wrote no .eml"
    assert "DEBUG" in runs[4].stderr  # logging really was at DEBUG

    scan = new_scan()
    for run in runs:
        scan_cli(scan, run)
    scan_world(scan, world)
    captured = capfd.readouterr()
    scan.text("captured stdout", captured.out)
    scan.text("captured stderr", captured.err)
    assert_clean(scan, minimum_places=150)


def test_failures_say_what_failed_without_the_password(
    world: World, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    """A wrong password, an untrusted certificate, a port nobody listens on, for SMTP and IMAP:
    the CLI says what failed (exit status, stderr) and never prints a password."""
    use_passwords_from_env(monkeypatch, world)
    world.drop_contacts()
    campaign = world.campaign_dir
    for args in (("intake",), ("render", "--campaign", campaign)):
        assert circular_cli(world, *args).code == 0

    def variant(**changes: str | None) -> dict[str, str]:
        env = dict(world.env)
        for name, value in changes.items():
            if value is None:
                env.pop(f"CIRCULAR_{name}", None)
            else:
                env[f"CIRCULAR_{name}"] = value
        return env

    nobody = str(free_port())
    cases = {
        # (command, settings) → what stderr must say
        ("send", "wrong password"): (variant(SMTP_PASSWORD=WRONG_PASSWORD), "refused"),
        ("send", "untrusted certificate"): (variant(SMTP_CA_FILE=None), "TLS"),
        ("send", "nobody listening"): (variant(SMTP_PORT=nobody), "cannot connect"),
        ("poll", "wrong password"): (variant(IMAP_PASSWORD=WRONG_PASSWORD), "refused the login"),
        ("poll", "untrusted certificate"): (variant(IMAP_CA_FILE=None), "certificate"),
        ("poll", "nobody listening"): (variant(IMAP_PORT=nobody), "cannot connect"),
    }
    scan = new_scan()
    for (command, what), (env, expected) in cases.items():
        args = ("send", "--force", "--campaign", campaign) if command == "send" else ("poll",)
        run = circular_cli(world, *args, env=env)
        assert run.code != 0, (command, what, run.stdout)
        assert expected in run.stderr, (command, what, run.stderr)
        scan_cli(scan, run)
    assert world.handler.received == []  # nothing went out on a failure
    # The letters then go out, but the Sent folder refuses the login: a warning, no password.
    run = circular_cli(
        world, "send", "--force", "--campaign", campaign, env=variant(IMAP_PASSWORD=WRONG_PASSWORD)
    )
    assert run.code == 0, run.stderr
    assert "could not append" in run.stderr and "refused the login" in run.stderr
    scan_cli(scan, run)
    scan_world(scan, world)
    captured = capfd.readouterr()
    scan.text("captured stdout", captured.out)
    scan.text("captured stderr", captured.err)
    assert_clean(scan, minimum_places=60)


@pytest.mark.prefect
def test_failed_flow_runs_keep_the_password_out_of_states_and_logs(
    prefect_server: None,
    world: World,
    debug_logs: io.StringIO,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
) -> None:
    """Secret blocks holding a wrong password: send-invitations and poll-replies fail, their
    states, task runs and logs say why, and neither holds the password; nor does the exception
    (with its whole chain) raised to the caller."""
    import flows.poll
    import flows.send
    from flows.intake import intake_flow
    from flows.poll import poll_replies
    from flows.send import send_invitations

    # The tasks keep their retries (each failure is tried again), only without the 30 s wait.
    monkeypatch.setattr(
        flows.send, "send_batch", flows.send.send_batch.with_options(retry_delay_seconds=0)
    )
    monkeypatch.setattr(
        flows.poll, "poll_mailbox", flows.poll.poll_mailbox.with_options(retry_delay_seconds=0)
    )
    use_secret_blocks(monkeypatch, smtp=WRONG_PASSWORD, imap=WRONG_PASSWORD)
    since = datetime.now(UTC)
    world.drop_contacts()
    intake_flow()
    scan = new_scan()
    with pytest.raises(Exception, match="refused") as sending:
        send_invitations(world.campaign_dir, batch_size=5)
    scan_exception(scan, "send-invitations exception", sending.value)
    with pytest.raises(Exception, match="refused the login") as polling:
        poll_replies()
    scan_exception(scan, "poll-replies exception", polling.value)
    assert world.handler.received == []

    # circular never turns on imaplib's debug output (it would print the LOGIN command).
    config = ImapConfig.from_settings(load_settings())
    mailbox = open_mailbox(dataclasses.replace(config, password=SecretStr(IMAP_PASSWORD)))
    try:
        assert mailbox.client.debug == 0
    finally:
        mailbox.logout()

    runs = scan_prefect(scan, since)
    assert runs >= 3
    failed = [place for place in scan.places if "state Failed" in place]
    assert len(failed) >= 2, "the failed runs' states were not scanned"
    scan_world(scan, world)
    scan.text("Python logging at DEBUG", debug_logs.getvalue())
    captured = capfd.readouterr()
    scan.text("captured stdout", captured.out)
    scan.text("captured stderr", captured.err)
    assert_clean(scan, minimum_places=100)


def test_demo_leaves_no_password_anywhere(tmp_path: Path) -> None:
    """`make demo` itself (demo.run, its own Prefect server, deployments, worker, sandbox)
    with known passwords: the sandbox's IMAP inbox has IMAP_PASSWORD, circular logs in to its
    SMTP server with SMTP_PASSWORD, Prefect logs at DEBUG (tests/support/demo_secrets_driver.py;
    three
    contacts instead of 193 keep it under two minutes). Then its output, its whole folder
    (Prefect's home and database, the server's, worker's and deploy logs, ledger, letters,
    reports), what its Prefect server held about every run, every message the sandbox
    received, and every temporary file it left (its TMPDIR) are scanned."""
    root, contacts = tmp_path / "demo", tmp_path / "contacts.csv"
    lines = SAMPLES.read_text(encoding="utf-8").splitlines(keepends=True)
    rows = [line for line in lines[1:] if line.split(",", 1)[0] in COUNTRIES]
    contacts.write_text(lines[0] + "".join(rows), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CIRCULAR_", "PREFECT_"))}
    # The demo's temporary files (its worker's among them) go where the scan looks.
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    env.update(PYTHONPATH=str(PROJECT_ROOT), COLUMNS="1000", TERM="dumb", DEMO_ONCE="1",
               TMPDIR=str(temporary))  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-m", "tests.support.demo_secrets_driver", str(root), str(contacts),
         SMTP_USER, SMTP_PASSWORD, IMAP_PASSWORD],
        env=env, cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=420, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.split("DEMO-RESULT ", 1)[1].splitlines()[0])
    assert result["letters_sent"] == len(COUNTRIES) and result["replies"] >= 1, result
    # circular logged in to SMTP with the known password (and to IMAP: the replies were read).
    assert result["smtp_logins"] >= 1 and result["smtp_logins_ok"] == result["smtp_logins"]
    assert (root / "prefect-api.json").is_file() and list(root.glob("logs/*.log"))

    scan = new_scan()
    scan.add_secret("sandbox IMAP password", "replies@sandbox.test", IMAP_PASSWORD)
    scan.text("demo stdout", done.stdout)
    scan.text("demo stderr", done.stderr)
    scan.tree(root, skip=[root / "received"])
    scan.tree(root / "received", mail=True)
    scan.tree(temporary)
    assert_clean(scan, minimum_places=500)


def test_oauth_secrets_tokens_and_keys_leave_no_trace(
    world: World,
    token_server: TokenServer,  # noqa: F811 (a fixture)
    oauth_dovecot: DovecotOAuth2Server,  # noqa: F811
    service_account_file: Path,  # noqa: F811
    tmp_path: Path,
    capfd: pytest.CaptureFixture[str],
) -> None:
    """XOAUTH2 from the CLI, each command in its own process logging at DEBUG: check-mail,
    send and poll with Microsoft 365 settings (msal, a client secret) and Google settings
    (google-auth, a service account key), then a wrong secret. No client secret, access token
    (raw or in its base64 XOAUTH2 form) or private key anywhere."""
    account = oauth_dovecot.new_account()
    token_server.app_mailboxes.add(account.user)
    token_server.delegated.add(account.user)
    handler = ProviderHandler(validate=token_server.validate)
    context, smtp_ca = make_test_tls(tmp_path / "xoauth2-smtp-certs")
    world.drop_contacts()
    campaign = world.campaign_dir
    with provider_smtp(handler, starttls=context) as server:
        common = {
            **world.env,
            "CIRCULAR_SMTP_PORT": str(server.port),
            "CIRCULAR_SMTP_CA_FILE": str(smtp_ca),
            "CIRCULAR_SMTP_USERNAME": account.user,
            "CIRCULAR_IMAP_PORT": str(oauth_dovecot.tls_port),
            "CIRCULAR_IMAP_CA_FILE": str(oauth_dovecot.ca_file),
            "CIRCULAR_IMAP_USERNAME": account.user,
            "CIRCULAR_IMAP_SENT_FOLDER": "Sent Items",
            "CIRCULAR_OAUTH_CA_FILE": str(token_server.ca_file),
        }
        for host in ("SMTP", "IMAP"):
            common[f"CIRCULAR_{host}_HOST"] = "127.0.0.1"
        microsoft = {
            **common,
            "CIRCULAR_MAIL_PROVIDER": "microsoft365",
            "CIRCULAR_OAUTH_TENANT": token_server.tenant,
            "CIRCULAR_OAUTH_CLIENT_ID": token_server.client_id,
            "CIRCULAR_OAUTH_CLIENT_SECRET": token_server.client_secret,
            "CIRCULAR_OAUTH_AUTHORITY_HOST": token_server.url,
        }
        google = {
            **common,
            "CIRCULAR_MAIL_PROVIDER": "google",
            "CIRCULAR_OAUTH_SERVICE_ACCOUNT_FILE": str(service_account_file),
        }
        wrong = {**microsoft, "CIRCULAR_OAUTH_CLIENT_SECRET": WRONG_PASSWORD}
        runs = [
            circular_cli(world, "intake", env=microsoft),
            circular_cli(world, "render", "--campaign", campaign, env=microsoft),
            circular_cli(world, "check-mail", env=microsoft),
            circular_cli(world, "send", "--force", "--campaign", campaign, env=microsoft),
            circular_cli(world, "poll", "--verbose", "--json", env=microsoft),
            circular_cli(world, "check-mail", env=google),
            circular_cli(world, "poll", "--verbose", "--json", env=google),
        ]
        for run in runs:
            assert run.code == 0, (run.args, run.stdout, run.stderr)
        failed = [
            circular_cli(world, "check-mail", env=wrong),
            circular_cli(world, "poll", env=wrong),  # the letters are sent: the poll fails
        ]
    assert len(handler.received) == len(COUNTRIES)  # the letters went out with XOAUTH2
    assert failed[0].code == 1 and "AADSTS7000215" in failed[0].stdout
    assert failed[1].code != 0 and "CIRCULAR_OAUTH_CLIENT_SECRET" in failed[1].stderr
    assert len(token_server.tokens) >= 2  # Microsoft's and Google's, at least

    scan = SecretScan()
    scan.add_secret("client secret", account.user, token_server.client_secret)
    scan.add_secret("wrong client secret", account.user, WRONG_PASSWORD)
    key = json.loads(service_account_file.read_text())["private_key"]
    scan.add_private_key("service account key", key)
    for number, token in enumerate(sorted(token_server.tokens)):
        scan.add_token(f"access token {number}", account.user, token)
    for run in runs + failed:
        scan_cli(scan, run)
    scan.tree(world.root, skip=[service_account_file])  # the key's own file, the input
    for received in handler.received:
        scan.blob(f"SMTP server received {received.message_id}", received.data, mail=True)
    scan.tree(oauth_dovecot.root / "mail" / account.user, mail=True)
    captured = capfd.readouterr()
    scan.text("captured stdout", captured.out)
    scan.text("captured stderr", captured.err)
    assert_clean(scan, minimum_places=40)


def test_scan_finds_tokens_and_keys(
    token_server: TokenServer,  # noqa: F811
    service_account_file: Path,  # noqa: F811
) -> None:
    """The token and key forms are found when they are there (the scan is not blind)."""
    import base64

    token = token_server.issue(frozenset({"u@example.org"}))["access_token"]
    key = json.loads(service_account_file.read_text())["private_key"]
    scan = SecretScan()
    scan.add_token("token", "u@example.org", token)
    scan.add_private_key("key", key)
    xoauth2 = f"user=u@example.org\x01auth=Bearer {token}\x01\x01".encode()
    scan.text("AUTH line", b"AUTH XOAUTH2 " + base64.b64encode(xoauth2))
    scan.text("key file", service_account_file.read_text())
    scan.text("log", f"Bearer {token}")
    forms = {(leak.place, leak.form) for leak in scan.leaks}
    assert ("AUTH line", "base64 XOAUTH2") in forms and ("log", "raw") in forms
    assert any(place == "key file" for place, _form in forms)

"""The sandbox: an SMTP catcher, an IMAP reply inbox and the simulated respondents, together."""

from __future__ import annotations

import logging
import secrets
from pathlib import Path
from types import TracebackType

from pydantic import SecretStr

from circular.sandbox.imap import ImapAppender, ImapServer
from circular.sandbox.net import LOOPBACK
from circular.sandbox.respondents import Respondents, SimulatedReply
from circular.sandbox.scenario import Scenario, load_scenario
from circular.sandbox.smtp import ReceivedMessage, SmtpCatcher
from circular.settings import Security, Settings, load_settings

log = logging.getLogger(__name__)


class Sandbox:
    """Mail servers on 127.0.0.1 for trying a campaign safely.

    Letters sent to ``smtp_port`` are kept (``received()``) and answered by simulated
    respondents per the scenario; the answers land in the IMAP inbox at ``imap_port``
    (user ``imap_user``, password ``imap_password``, folder INBOX, no TLS)::

        with Sandbox(seed=7, speed=10) as sb:
            ...send letters to 127.0.0.1:sb.smtp_port...
            sb.wait_for_replies(3, timeout=30)

    ``scenario`` is a Scenario, a YAML file, or None for the shipped default; ``seed`` and
    ``speed`` override the file's. Leaving the ``with`` block stops every thread it started.
    """

    host = LOOPBACK
    imap_folder = "INBOX"

    def __init__(
        self,
        scenario: Scenario | Path | str | None = None,
        *,
        seed: int | None = None,
        speed: float | None = None,
        smtp_port: int | None = None,
        imap_port: int | None = None,
        imap_user: str = "replies@sandbox.test",
        imap_password: str | None = None,
    ) -> None:
        if isinstance(scenario, Scenario):
            overrides = {"seed": seed, "speed": speed}
            scenario = scenario.model_copy(
                update={key: value for key, value in overrides.items() if value is not None}
            )
        else:
            scenario = load_scenario(scenario, seed=seed, speed=speed)
        self.scenario: Scenario = scenario
        self.imap_user = imap_user
        # A fresh password per run unless one is given: the inbox is only for this run.
        self.imap_password = imap_password or secrets.token_urlsafe(12)
        self._imap = ImapServer(imap_user, self.imap_password, port=imap_port)
        self._appender: ImapAppender | None = None
        self._respondents = Respondents(scenario, self._file_reply)
        self._smtp = SmtpCatcher(self._respondents.receive, port=smtp_port)
        self._running = False

    # -- lifecycle -------------------------------------------------------------------------

    def start(self) -> Sandbox:
        """Start the IMAP server, the respondents and the SMTP server (in that order, so that
        no letter arrives before someone can answer it)."""
        try:
            self._imap.start()
            self._appender = ImapAppender(
                self.host, self._imap.port, self.imap_user, self.imap_password, self.imap_folder
            )
            self._respondents.start()
            self._smtp.start()
        except BaseException:
            self.stop()
            raise
        self._running = True
        log.info(
            "sandbox ready: SMTP %s:%d, IMAP %s:%d",
            self.host,
            self.smtp_port,
            self.host,
            self.imap_port,
        )
        return self

    def stop(self) -> None:
        """Stop everything started, newest first; safe to call twice."""
        self._running = False
        self._smtp.stop()
        self._respondents.stop()
        if self._appender is not None:
            self._appender.close()
            self._appender = None
        self._imap.stop()

    def __enter__(self) -> Sandbox:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    # -- where it listens ------------------------------------------------------------------

    @property
    def smtp_port(self) -> int:
        """The SMTP server's port on 127.0.0.1 (no TLS; AUTH accepted, not required)."""
        return self._smtp.port

    @property
    def imap_port(self) -> int:
        """The IMAP server's port on 127.0.0.1 (no TLS)."""
        return self._imap.port

    def environment(self) -> dict[str, str]:
        """The CIRCULAR_* settings that point circular at this sandbox."""
        return {
            "CIRCULAR_SMTP_HOST": self.host,
            "CIRCULAR_SMTP_PORT": str(self.smtp_port),
            "CIRCULAR_SMTP_SECURITY": "none",
            "CIRCULAR_SMTP_USERNAME": "",
            "CIRCULAR_SMTP_PASSWORD": "",
            "CIRCULAR_IMAP_HOST": self.host,
            "CIRCULAR_IMAP_PORT": str(self.imap_port),
            "CIRCULAR_IMAP_SECURITY": "none",
            "CIRCULAR_IMAP_USERNAME": self.imap_user,
            "CIRCULAR_IMAP_PASSWORD": self.imap_password,
            "CIRCULAR_IMAP_FOLDER": self.imap_folder,
        }

    def settings_for(self, base: Settings | None = None) -> Settings:
        """``base`` (default: the environment's settings) with SMTP and IMAP pointed at this
        sandbox, for code that takes a Settings rather than reading the environment."""
        base = base if base is not None else load_settings()
        return base.model_copy(
            update={
                "smtp_host": self.host,
                "smtp_port": self.smtp_port,
                "smtp_security": Security.NONE,
                "smtp_username": "",
                "smtp_password": SecretStr(""),
                "imap_host": self.host,
                "imap_port": self.imap_port,
                "imap_security": Security.NONE,
                "imap_username": self.imap_user,
                "imap_password": SecretStr(self.imap_password),
                "imap_folder": self.imap_folder,
            }
        )

    # -- what happened ---------------------------------------------------------------------

    def received(self) -> list[ReceivedMessage]:
        """Every message the SMTP server accepted, oldest first."""
        return self._smtp.received()

    def replies(self) -> list[SimulatedReply]:
        """Every answer given so far, in order: filed in the IMAP inbox (``channel`` email)
        or posted on the confirmation page (``channel`` web)."""
        return self._respondents.delivered()

    def pending_replies(self) -> int:
        """Answers written but still waiting for their delay."""
        return self._respondents.pending()

    def wait_for_replies(self, count: int, timeout: float = 60.0) -> list[SimulatedReply]:
        """Wait until ``count`` answers are in the inbox and return all filed so far;
        raise TimeoutError (saying how many came) after ``timeout`` seconds."""
        return self._respondents.wait_for(count, timeout)

    def _file_reply(self, raw: bytes) -> None:
        if self._appender is None:
            raise RuntimeError("the sandbox is not running")
        self._appender.append(raw)

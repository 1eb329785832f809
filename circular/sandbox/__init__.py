"""The sandbox: embedded SMTP and IMAP servers on 127.0.0.1 plus simulated respondents, for
trying a campaign safely (``circular sandbox``, ``make demo``, the tests).

Modules: ``smtp`` (aiosmtpd catcher), ``imap`` (pymap inbox and APPEND client), ``scenario``
(who answers how), ``letter`` (reading a received letter), ``replies`` and ``dsn`` (writing
answers and bounces), ``respondents`` (scheduling them), ``core`` (the Sandbox that runs it all).
"""

from circular.sandbox.core import Sandbox
from circular.sandbox.imap import SandboxError
from circular.sandbox.respondents import SimulatedReply
from circular.sandbox.scenario import (
    DEFAULT_SCENARIO,
    Kind,
    Plan,
    Scenario,
    ScenarioError,
    load_scenario,
)
from circular.sandbox.smtp import ReceivedMessage

__all__ = [
    "DEFAULT_SCENARIO",
    "Kind",
    "Plan",
    "ReceivedMessage",
    "Sandbox",
    "SandboxError",
    "Scenario",
    "ScenarioError",
    "SimulatedReply",
    "load_scenario",
]

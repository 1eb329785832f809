"""All of circular's configuration, in one pydantic-settings class.

Every setting can be given as an environment variable with the prefix ``CIRCULAR_``
(``CIRCULAR_SMTP_HOST``), or in a ``.env`` file in the working folder. Operators script
against these names: keep them stable.
"""

from __future__ import annotations

import difflib
import io
import os
from collections.abc import Callable, Iterator, Mapping
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

#: The project's root folder (where pyproject.toml lives) when running from a checkout. The
#: settings do not use it: data folders default to the working folder (``_here``), so an
#: installed circular never writes into its install folder.
PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _here(*parts: str) -> Callable[[], Path]:
    """A folder default: ``parts`` under the working folder at the time settings are read."""
    return lambda: Path.cwd().joinpath(*parts)


class Security(StrEnum):
    """How a mail connection is protected."""

    STARTTLS = "starttls"
    TLS = "tls"
    NONE = "none"


class AuthMethod(StrEnum):
    """How circular logs in to a mail server: a password, or an OAuth2 token (SASL XOAUTH2)."""

    PASSWORD = "password"  # noqa: S105 (a method's name, not a password)
    XOAUTH2 = "xoauth2"


class OAuthProvider(StrEnum):
    """Where XOAUTH2 tokens come from (circular.sending.oauth)."""

    MICROSOFT = "microsoft"
    GOOGLE = "google"
    COMMAND = "command"


class MailProvider(StrEnum):
    """Who runs the mailbox; a preset for the hosts, login and limits (``PRESETS``)."""

    MICROSOFT365 = "microsoft365"
    GOOGLE = "google"
    GENERIC = "generic"


#: What ``CIRCULAR_MAIL_PROVIDER`` sets, each value overridable by its own variable. The
#: limits are the providers' published ones (docs/providers.md cites them): Exchange Online
#: 30 messages a minute, 10,000 recipients a day, 3 concurrent connections per mailbox;
#: Google Workspace 2,000 messages and 10,000 recipients a day per user. Both keep a copy of
#: what is submitted through them in Sent: appending one more would make duplicates.
PRESETS: dict[MailProvider, dict[str, object]] = {
    MailProvider.MICROSOFT365: {
        "smtp_host": "smtp.office365.com",
        "smtp_port": 587,
        "smtp_security": Security.STARTTLS,
        "smtp_auth": AuthMethod.XOAUTH2,
        "imap_host": "outlook.office365.com",
        "imap_port": 993,
        "imap_security": Security.TLS,
        "imap_auth": AuthMethod.XOAUTH2,
        "oauth_provider": OAuthProvider.MICROSOFT,
        "smtp_connections": 3,
        "smtp_rate_per_minute": 30,
        "smtp_recipients_per_day": 10_000,
        "imap_sent_folder": "Sent Items",
        "imap_sent_append": False,
    },
    MailProvider.GOOGLE: {
        "smtp_host": "smtp.gmail.com",
        "smtp_port": 587,
        "smtp_security": Security.STARTTLS,
        "smtp_auth": AuthMethod.XOAUTH2,
        "imap_host": "imap.gmail.com",
        "imap_port": 993,
        "imap_security": Security.TLS,
        "imap_auth": AuthMethod.XOAUTH2,
        "oauth_provider": OAuthProvider.GOOGLE,
        "smtp_rate_per_day": 2_000,
        "smtp_recipients_per_day": 10_000,
        "imap_sent_folder": "[Gmail]/Sent Mail",
        "imap_sent_append": False,
    },
    MailProvider.GENERIC: {},
}


#: CIRCULAR_SMTP_UTF8: whether mail may use SMTPUTF8 (see ``Settings.smtp_utf8``).
SmtpUtf8 = Literal["auto", "yes", "no"]


class Settings(BaseSettings):
    """circular's settings. Field ``smtp_host`` is read from ``CIRCULAR_SMTP_HOST``, and so on."""

    model_config = SettingsConfigDict(
        env_prefix="CIRCULAR_",
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        validate_default=True,
    )

    # Folders
    data_dir: Path = Field(
        default_factory=_here("data"), description="Where the SQLite ledger lives."
    )
    database_url: str = Field(
        "", description="SQLAlchemy URL of the ledger; default: a SQLite file in data_dir."
    )
    ledger_busy_timeout: float = Field(
        30.0, gt=0, description="Seconds a write waits for a SQLite ledger another process locks."
    )
    drop_folder: Path = Field(
        default_factory=_here("contacts", "inbox"), description="Where staff drop contact CSVs."
    )
    processed_folder: Path = Field(
        default_factory=_here("contacts", "processed"), description="Where loaded CSVs are kept."
    )
    rejected_folder: Path = Field(
        default_factory=_here("contacts", "rejected"), description="Where rejected CSVs are kept."
    )
    letters_dir: Path = Field(
        default_factory=_here("letters"), description="Campaign folders: letters/<campaign id>/."
    )
    out_dir: Path = Field(
        default_factory=_here("letters", "out"), description="Rendered letters: out/<campaign id>/."
    )
    reports_dir: Path = Field(default_factory=_here("reports"), description="Excel reports.")
    template_cache: bool = Field(
        True,
        description="Keep prepared letter templates in data_dir/template-cache, so that later "
        "runs of the same template bytes skip preparing them (false: prepare every run).",
    )
    default_campaign: str = Field(
        "cl-21-4", description="Campaign of a CSV dropped at the top of the drop folder."
    )

    # SMTP (outgoing letters)
    smtp_host: str = "127.0.0.1"
    smtp_port: int = Field(587, ge=1, le=65535)
    smtp_username: str = ""
    smtp_password: SecretStr = SecretStr("")
    smtp_password_block: str = Field(
        "", description="Name of a Prefect Secret block holding the SMTP password (flows only)."
    )
    smtp_security: Security = Security.STARTTLS
    smtp_timeout: float = Field(60.0, gt=0)
    smtp_connections: int = Field(4, ge=1, le=64, description="Parallel SMTP connections.")
    smtp_pipelining: bool = Field(
        True, description="RFC 2920: MAIL, RCPT and DATA in one write when the server offers it."
    )
    smtp_rate_per_minute: int = Field(0, ge=0, description="Messages per minute; 0: no limit.")
    smtp_rate_per_day: int = Field(0, ge=0, description="Messages per day; 0: no limit.")
    smtp_allow_plain: bool = Field(
        False, description="Allow an unencrypted connection to a host other than loopback."
    )
    smtp_ca_file: Path | None = Field(None, description="Extra CA bundle to verify the server.")
    smtp_bounce_address: str = Field(
        "", description="Envelope sender base (bounces@domain → bounces+<token>@domain)."
    )
    smtp_auth: AuthMethod = Field(
        AuthMethod.PASSWORD, description="password, or xoauth2 (a token from oauth_provider)."
    )
    smtp_recipients_per_day: int = Field(
        0, ge=0, description="Recipients (To and Cc) per rolling 24 hours; 0: no limit."
    )
    smtp_max_attempts: int = Field(5, ge=1, description="Tries per message on 4xx or drops.")
    smtp_commit_batch: int = Field(
        32,
        ge=1,
        le=1000,
        description="Group commit: claims and accepted sends written to the ledger in batches "
        "of at most this many; 1: each on its own. A crash leaves the batch unknown, never "
        "sent twice.",
    )
    smtp_commit_ms: float = Field(
        100.0,
        ge=0,
        le=10_000,
        description="Group commit: an accepted send waits at most this many milliseconds "
        "before it is written to the ledger; 0: at once.",
    )
    smtp_retry_delay: float = Field(30.0, ge=0, description="First retry delay (s), doubled.")
    smtp_utf8: SmtpUtf8 = Field(
        "auto",
        description="SMTPUTF8 (RFC 6531): yes: the provider delivers addresses with letters "
        "outside ASCII before the @, so contact files may hold them; auto: internationalised "
        "domains go as-is where the server offers SMTPUTF8, else in ASCII (IDNA); no: always "
        "in ASCII. Only yes lets intake accept such addresses.",
    )

    # IMAP (replies)
    imap_host: str = "127.0.0.1"
    imap_port: int = Field(993, ge=1, le=65535)
    imap_username: str = ""
    imap_password: SecretStr = SecretStr("")
    imap_password_block: str = Field(
        "", description="Name of a Prefect Secret block holding the IMAP password (flows only)."
    )
    imap_security: Security = Security.TLS
    imap_auth: AuthMethod = Field(
        AuthMethod.PASSWORD, description="password, or xoauth2 (a token from oauth_provider)."
    )
    imap_folder: str = "INBOX"
    imap_ca_file: Path | None = None
    imap_allow_plain: bool = Field(
        False, description="Allow an unencrypted IMAP connection to a host other than loopback."
    )
    imap_timeout: float = Field(60.0, gt=0, description="Seconds to wait for the IMAP server.")
    imap_move: bool = Field(
        True,
        description="Move each processed reply to its outcome folder; false: only flag it "
        "(for a shared mailbox).",
    )
    imap_unmatched: Literal["leave", "review"] = Field(
        "leave",
        description="Mail that matches no campaign (staff mail in a shared inbox): leave it "
        "where it is, unread state untouched (leave), or file it for review (review).",
    )
    operator: str = Field(
        "",
        description="Who runs the commands, recorded with each person's command "
        "(default: the OS user).",
    )
    # Outcome folders ("/" separates levels; translated to the server's own separator).
    imap_folder_accepted: str = "Circular/Accepted"
    imap_folder_declined: str = "Circular/Declined"
    imap_folder_other: str = "Circular/Other"
    imap_folder_auto_replies: str = "Circular/Auto-replies"
    imap_folder_bounces: str = "Circular/Bounces"
    imap_folder_needs_review: str = "Circular/Needs review"
    imap_sent_folder: str = Field(
        "",
        description="Sent folder (e.g. Sent), used when the server marks none \\Sent; empty: none.",
    )
    imap_sent_append: bool = Field(
        True, description="Append a copy of each letter to Sent (false: the server keeps one)."
    )

    # The mail provider and OAuth2 (circular.sending.oauth; docs/providers.md)
    mail_provider: MailProvider = Field(
        MailProvider.GENERIC, description="microsoft365, google or generic: a preset."
    )
    oauth_provider: OAuthProvider | None = Field(
        None, description="Where XOAUTH2 tokens come from: microsoft, google or command."
    )
    oauth_tenant: str = Field("", description="Microsoft Entra tenant (id or domain).")
    oauth_client_id: str = Field("", description="Microsoft Entra application (client) id.")
    oauth_client_secret: SecretStr = SecretStr("")
    oauth_client_secret_block: str = Field(
        "", description="Name of a Prefect Secret block holding the client secret (flows only)."
    )
    oauth_certificate: Path | None = Field(
        None, description="PEM file with the app's private key and certificate (not a secret)."
    )
    oauth_authority_host: str = Field(
        "https://login.microsoftonline.com", description="Microsoft's sign-in host."
    )
    oauth_service_account_file: Path | None = Field(
        None, description="Google service account key file (JSON), domain-wide delegation."
    )
    oauth_token_command: str = Field("", description="A command that prints an access token.")
    oauth_scope: str = Field("", description="Token scope; empty: the provider's mail scope.")
    oauth_ca_file: Path | None = Field(None, description="Extra CA bundle for the token host.")

    # Incoming mail: a message over one of these goes to review unread
    # (circular.replies.mailtext.Limits)
    mail_max_bytes: int = Field(
        25 * 1024 * 1024, ge=1024, description="Largest message read, in bytes."
    )
    mail_max_parts: int = Field(200, ge=1, description="Most MIME parts read in one message.")
    mail_max_depth: int = Field(
        10, ge=1, le=100, description="Deepest MIME nesting read (multipart in multipart)."
    )
    mail_max_decompressed_bytes: int = Field(
        30 * 1024 * 1024, ge=1024, description="Most bytes an attached DOCX may inflate to."
    )
    mail_max_pdf_pages: int = Field(30, ge=1, description="Most pages of an attached PDF read.")

    # Contact intake
    max_contact_file_bytes: int = Field(
        100 * 1024 * 1024, ge=1, description="Largest contact file taken in, in bytes."
    )
    contact_sheet: str = Field(
        "",
        description="Sheet of a contact workbook (.xlsx, .xls, .ods) to read when the file's "
        "name names none (contacts.xlsx#Ministers); empty: the first sheet.",
    )

    # The confirmation page (circular web; docs/operations.md)
    web_host: str = Field("127.0.0.1", description="Address the page's server listens on.")
    web_port: int = Field(8090, ge=1, le=65535, description="Port the page's server listens on.")
    public_url: str = Field(
        "",
        description="The page's public base URL, as in the letters' links "
        "(https://confirm.example.org); default: http://<web_host>:<web_port>.",
    )
    web_secret: SecretStr = Field(
        SecretStr(""),
        description="Key of the page's CSRF tokens, the same for every worker; default: a "
        "random key made when `circular web` starts.",
    )
    web_rate_per_minute: int = Field(
        60, ge=1, description="Requests a minute one client address may make to the page."
    )
    web_token_rate_per_minute: int = Field(
        20, ge=1, description="Requests a minute one personal link may receive."
    )

    @property
    def template_cache_dir(self) -> Path | None:
        """Where prepared letter templates are kept (``template_cache``), or None."""
        return self.data_dir / "template-cache" if self.template_cache else None

    @property
    def resolved_public_url(self) -> str:
        """The base of the personal links, without a trailing slash."""
        return (self.public_url or f"http://{self.web_host}:{self.web_port}").rstrip("/")

    @field_validator("default_campaign")
    @classmethod
    def _campaign_id_is_a_name(cls, value: str) -> str:
        from circular.campaign_id import check_campaign_id

        return check_campaign_id(value)

    @model_validator(mode="after")
    def _apply_provider_preset(self) -> Settings:
        # Only the values the operator did not set themselves: each one stays overridable.
        for name, value in PRESETS[self.mail_provider].items():
            if name not in self.model_fields_set:
                object.__setattr__(self, name, value)
        return self

    @property
    def contacts_smtputf8(self) -> bool:
        """Whether contact files may hold addresses with letters outside ASCII before the @:
        only when the operator says the provider delivers them (CIRCULAR_SMTP_UTF8=yes)."""
        return self.smtp_utf8 == "yes"

    @property
    def resolved_database_url(self) -> str:
        """The ledger's URL: the configured one, or a SQLite file in ``data_dir``."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / 'circular.sqlite3'}"


class SettingsError(ValueError):
    """The environment holds a setting that is not valid; the message names the variable."""


def describe_validation_error(error: ValidationError) -> str:
    """Turn pydantic's error into lines that name the environment variable at fault."""
    lines = []
    for item in error.errors():
        field = ".".join(str(part) for part in item["loc"])
        variable = f"CIRCULAR_{field.upper()}" if field else "settings"
        # The raw input is left out on purpose: it may be a password.
        lines.append(f"{variable}: {item['msg']}")
    return "invalid settings:\n  " + "\n  ".join(lines)


#: ``CIRCULAR_*`` variables that are not settings yet are read by circular or its tests; each
#: with the reason it is allowed. Everything else with the prefix must be a field of Settings.
NOT_SETTINGS: Mapping[str, str] = {
    # prefect.yaml's pull step reads it when deploying (make deploy, the demo set it).
    "CIRCULAR_HOME": "the project folder Prefect deployments start in",
    # prefect.yaml's work pool names the flow-run command with it (make deploy, the demo).
    "CIRCULAR_PYTHON": "the Python interpreter Prefect flow runs start with",
    # tests/servers/postgres.py: where initdb and pg_ctl are, on machines that hide them.
    "CIRCULAR_TEST_PG_BIN": "the PostgreSQL binaries the tests start",
    # circular/letters/pdfpool.py: LibreOffice's Python, read where the converters start.
    "CIRCULAR_UNO_PYTHON": "the Python interpreter unoserver runs under",
    # tests/web/test_browser.py: where the browser test saves the page's screenshots for docs/.
    "CIRCULAR_SCREENSHOTS": "a folder for the browser tests' screenshots",
}

_PREFIX = "CIRCULAR_"


def setting_names() -> list[str]:
    """Every variable name that sets a field of Settings, from the model itself (a setting
    added to the class is known here at once)."""
    return sorted(f"{_PREFIX}{name.upper()}" for name in Settings.model_fields)


def _dotenv_names(path: Path) -> Iterator[tuple[str, str]]:
    """``(name, where)`` for each variable a ``.env`` file sets (``.env line 3``)."""
    from dotenv.parser import parse_stream

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return  # pydantic-settings reports a file it cannot read
    for binding in parse_stream(io.StringIO(text)):
        if binding.key:
            yield binding.key, f"{path} line {binding.original.line}"


def unknown_variables(
    environ: Mapping[str, str] | None = None, env_file: Path | None = None
) -> list[str]:
    """One line per ``CIRCULAR_*`` variable (in the environment or the ``.env`` file) that is
    no setting, naming the closest setting: a misspelt name must not be silently ignored."""
    known = set(setting_names()) | set(NOT_SETTINGS)
    found: list[tuple[str, str]] = [
        (name, "environment") for name in (os.environ if environ is None else environ)
    ]
    if env_file is None:
        configured = Settings.model_config.get("env_file")
        env_file = Path(configured) if isinstance(configured, str) else None
    if env_file is not None and env_file.is_file():
        found.extend(_dotenv_names(env_file))
    lines = []
    for name, where in found:
        # pydantic-settings matches names whatever their case: so does this check.
        upper = name.upper()
        if not upper.startswith(_PREFIX) or upper in known:
            continue
        # Compared without the prefix every name shares, or everything looks alike.
        suffixes = {name.removeprefix(_PREFIX): name for name in known}
        close = difflib.get_close_matches(upper.removeprefix(_PREFIX), suffixes, n=1)
        hint = (
            f"did you mean {suffixes[close[0]]}?"
            if close
            else "no setting has a similar name (`circular settings` lists them)"
        )
        origin = "" if where == "environment" else f" ({where})"
        lines.append(f"unknown setting {name}{origin}: {hint}")
    return lines


def load_settings(**overrides: object) -> Settings:
    """Read the settings from the environment (plus ``overrides``), with errors that name
    the variable. A ``CIRCULAR_*`` variable that is no setting is an error too."""
    unknown = unknown_variables()
    if unknown:
        raise SettingsError("\n".join(unknown))
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as error:
        raise SettingsError(describe_validation_error(error)) from None


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read once."""
    return load_settings()

"""All of circular's configuration, in one pydantic-settings class.

Every setting can be given as an environment variable with the prefix ``CIRCULAR_``
(``CIRCULAR_SMTP_HOST``), or in a ``.env`` file in the working folder. Operators script
against these names: keep them stable.
"""

from __future__ import annotations

from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

#: The project's root folder (where pyproject.toml lives) when running from a checkout.
PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Security(StrEnum):
    """How a mail connection is protected."""

    STARTTLS = "starttls"
    TLS = "tls"
    NONE = "none"


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
    data_dir: Path = Field(PROJECT_ROOT / "data", description="Where the SQLite ledger lives.")
    database_url: str = Field(
        "", description="SQLAlchemy URL of the ledger; default: a SQLite file in data_dir."
    )
    ledger_busy_timeout: float = Field(
        30.0, gt=0, description="Seconds a write waits for a SQLite ledger another process locks."
    )
    drop_folder: Path = Field(
        PROJECT_ROOT / "contacts" / "inbox", description="Where staff drop contact CSVs."
    )
    processed_folder: Path = Field(
        PROJECT_ROOT / "contacts" / "processed", description="Where loaded CSVs are kept."
    )
    rejected_folder: Path = Field(
        PROJECT_ROOT / "contacts" / "rejected", description="Where rejected CSVs are kept."
    )
    letters_dir: Path = Field(
        PROJECT_ROOT / "letters", description="Campaign folders: letters/<campaign id>/."
    )
    out_dir: Path = Field(
        PROJECT_ROOT / "letters" / "out", description="Rendered letters: out/<campaign id>/."
    )
    reports_dir: Path = Field(PROJECT_ROOT / "reports", description="Excel reports.")
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
    smtp_rate_per_minute: int = Field(0, ge=0, description="Messages per minute; 0: no limit.")
    smtp_rate_per_day: int = Field(0, ge=0, description="Messages per day; 0: no limit.")
    smtp_allow_plain: bool = Field(
        False, description="Allow an unencrypted connection to a host other than loopback."
    )
    smtp_ca_file: Path | None = Field(None, description="Extra CA bundle to verify the server.")
    smtp_bounce_address: str = Field(
        "", description="Envelope sender base (bounces@domain → bounces+<token>@domain)."
    )
    smtp_max_attempts: int = Field(5, ge=1, description="Tries per message on 4xx or drops.")
    smtp_retry_delay: float = Field(30.0, ge=0, description="First retry delay (s), doubled.")

    # IMAP (replies)
    imap_host: str = "127.0.0.1"
    imap_port: int = Field(993, ge=1, le=65535)
    imap_username: str = ""
    imap_password: SecretStr = SecretStr("")
    imap_password_block: str = Field(
        "", description="Name of a Prefect Secret block holding the IMAP password (flows only)."
    )
    imap_security: Security = Security.TLS
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
        "", description="Folder where sent letters are appended (e.g. Sent); empty: none."
    )

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
    def resolved_public_url(self) -> str:
        """The base of the personal links, without a trailing slash."""
        return (self.public_url or f"http://{self.web_host}:{self.web_port}").rstrip("/")

    @field_validator("default_campaign")
    @classmethod
    def _campaign_id_is_a_name(cls, value: str) -> str:
        from circular.campaign_id import check_campaign_id

        return check_campaign_id(value)

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


def load_settings(**overrides: object) -> Settings:
    """Read the settings from the environment (plus ``overrides``), with errors that name
    the variable."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as error:
        raise SettingsError(describe_validation_error(error)) from None


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read once."""
    return load_settings()

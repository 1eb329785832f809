"""What every flow shares: settings (with passwords from Prefect Secret blocks) and the ledger."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pydantic import SecretStr

from circular.ledger import Ledger, open_ledger
from circular.settings import Settings, load_settings


def flow_settings() -> Settings:
    """The settings, with SMTP/IMAP passwords and the OAuth2 client secret read from Prefect
    Secret blocks when ``CIRCULAR_SMTP_PASSWORD_BLOCK`` / ``CIRCULAR_IMAP_PASSWORD_BLOCK`` /
    ``CIRCULAR_OAUTH_CLIENT_SECRET_BLOCK`` name one.

    The domain never imports Prefect; this is where a Secret block becomes a plain SecretStr."""
    settings = load_settings()
    overrides: dict[str, SecretStr] = {}
    for field in ("smtp_password", "imap_password", "oauth_client_secret"):
        block_name = getattr(settings, f"{field}_block")
        if block_name:
            from prefect.blocks.system import Secret

            overrides[field] = SecretStr(Secret.load(block_name).get())
    return settings.model_copy(update=overrides) if overrides else settings


def flow_ledger(settings: Settings) -> Ledger:
    """The ledger the settings name."""
    return open_ledger(settings.resolved_database_url)


def campaign_run_name(step: str) -> Callable[[], str]:
    """A ``flow_run_name`` for a campaign's flows: ``cl-21-4 · invitations``. The run is named
    after its ``campaign`` (or ``campaign_dir``) parameter; a folder gives its name (the id)."""

    def name() -> str:
        from prefect.runtime import flow_run

        parameters = flow_run.parameters
        campaign = str(parameters.get("campaign") or parameters.get("campaign_dir") or "?")
        return f"{Path(campaign).name} · {step}"

    return name

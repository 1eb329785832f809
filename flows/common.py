"""What every flow shares: settings (with passwords from Prefect Secret blocks) and the ledger."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
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
        given = parameters.get("campaign") or parameters.get("campaign_dir")
        campaign = str(given or "every campaign")
        return f"{Path(campaign).name} · {step}"

    return name


#: Prefect's global concurrency limit on SMTP recipients (``make deploy`` creates it from
#: CIRCULAR_SMTP_RATE_PER_MINUTE, with slot decay): the limit staff see in the UI.
SMTP_LIMIT = "circular-smtp"


def smtp_gate(settings: Settings) -> Callable[[int], Awaitable[None]] | None:
    """For a deployed run with a per-minute limit: a wait on Prefect's global concurrency limit
    ``circular-smtp`` before each message (``SendOptions.gate``). Staff can lower it in the
    UI's Concurrency page to slow every worker; the ledger's limit (the same settings) still
    holds for every sender, the CLI included. None otherwise."""
    from prefect.runtime import deployment

    per_minute = settings.smtp_rate_per_minute
    if not per_minute or not deployment.id:
        return None

    async def gate(recipients: int) -> None:
        from prefect.concurrency.asyncio import rate_limit

        # strict: a missing limit is an error, not a warning (run `make deploy`).
        await rate_limit(SMTP_LIMIT, occupy=min(recipients, per_minute), strict=True)

    return gate

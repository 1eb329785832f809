"""``circular web`` (the confirmation page's server) and ``circular links`` (the contacts'
personal links, ``--revoke`` one)."""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path
from typing import Annotated

import typer

from circular.campaign import CampaignError, load_campaign
from circular.cli import app
from circular.settings import SettingsError, load_settings

#: The environment variable the workers read the shared CSRF key from.
SECRET_ENV = "CIRCULAR_WEB_SECRET"  # noqa: S105 - a variable name, not a secret


def _fail(message: str, code: int = 2) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


@app.command("web")
def web_command(
    host: Annotated[str | None, typer.Option(help="Listen address (CIRCULAR_WEB_HOST).")] = None,
    port: Annotated[int | None, typer.Option(help="Listen port (CIRCULAR_WEB_PORT).")] = None,
    workers: Annotated[int, typer.Option(min=1, help="uvicorn worker processes.")] = 1,
    forwarded_allow_ips: Annotated[
        str,
        typer.Option(
            help="Addresses of the reverse proxy whose X-Forwarded-For is trusted "
            "(the client address of the rate limit)."
        ),
    ] = "127.0.0.1",
) -> None:
    """Serve the personal confirmation page (a process of its own; see docs/operations.md)."""
    import uvicorn

    try:
        settings = load_settings()
    except SettingsError as error:
        raise _fail(str(error)) from None
    if not settings.web_secret.get_secret_value():
        # Every worker must sign CSRF tokens with the same key: made once here, inherited.
        os.environ[SECRET_ENV] = secrets.token_urlsafe(32)
    typer.echo(
        f"confirmation page on http://{host or settings.web_host}:{port or settings.web_port} "
        f"(links: {settings.resolved_public_url}/r/...)",
        err=True,
    )
    uvicorn.run(
        "circular.web.serve:app",
        factory=True,
        host=host or settings.web_host,
        port=port or settings.web_port,
        workers=workers,
        http="httptools",  # a pinned dependency: C parsing, a fraction of h11's CPU
        proxy_headers=True,
        forwarded_allow_ips=forwarded_allow_ips,
        server_header=False,
        log_level="info",
        # No access log: its every line would hold a personal link's token (the path
        # /r/<token>), a credential to answer for a contact; the reverse proxy logs requests
        # and the page logs each answer by contact. Also spares a write per request.
        access_log=False,
    )


@app.command("links")
def links_command(
    campaign_dir: Annotated[
        Path, typer.Option("--campaign", help="The campaign folder, e.g. letters/cl-21-4.")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
    revoke: Annotated[
        str | None,
        typer.Option("--revoke", help="Withdraw this contact's link (ISO3); a new one is made."),
    ] = None,
) -> None:
    """Each contact's personal link to the confirmation page (made where missing)."""
    from circular.followups.actions import ActionError, find_contact, operator, record
    from circular.ledger import contacts_of, open_ledger
    from circular.letters.links import ensure_links, reply_url
    from circular.letters.links import revoke as revoke_link

    try:
        settings = load_settings()
        campaign = load_campaign(campaign_dir, check_templates=False)
    except (SettingsError, CampaignError) as error:
        raise _fail(str(error)) from None
    ledger = open_ledger(settings.resolved_database_url)
    base = settings.resolved_public_url
    expires = campaign.link_expires_at().isoformat()
    try:
        with ledger.session() as session:
            if revoke is not None:
                try:
                    contact = find_contact(session, campaign.id, revoke)
                except ActionError as error:
                    raise _fail(str(error)) from None
                who = operator(settings.operator)
                revoke_link(session, campaign.id, contact.id, who)
                record(session, campaign.id, "revoke-link", who, contact_id=contact.id)
            contacts = contacts_of(session, campaign.id)
            tokens = ensure_links(session, campaign.id, [c.id for c in contacts])
            rows = [
                {
                    "contact": c.contact_key,
                    "country": c.iso3,
                    "language": c.language,
                    "url": reply_url(base, tokens[c.id]),
                    "expires": expires,
                }
                for c in contacts
            ]
    finally:
        ledger.dispose()
    for row in rows:
        if as_json:
            print(json.dumps(row, ensure_ascii=False))
        else:
            print(f"{row['contact']}\t{row['language']}\t{row['url']}")
    if not as_json:
        print(f"{len(rows)} link(s), valid until {expires}")

"""What the commands share besides printing: the ``--campaign`` option (an id or a folder,
the same for every command), the settings, and the campaign they name."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from circular.cli.output import fail

if TYPE_CHECKING:
    from circular.campaign import Campaign
    from circular.settings import Settings

CampaignOption = Annotated[
    str,
    typer.Option(
        "--campaign",
        help="The campaign: its id (cl-21-4, in CIRCULAR_LETTERS_DIR) or its folder "
        "(letters/cl-21-4).",
    ),
]

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for scripts instead.")]


def settings_or_fail() -> Settings:
    """The settings, or exit 2 with the message naming the variable at fault."""
    from circular.settings import SettingsError, load_settings

    try:
        return load_settings()
    except SettingsError as error:
        raise fail(str(error)) from None


def campaign_or_fail(
    campaign: str, settings: Settings | None = None, *, check_templates: bool = True
) -> Campaign:
    """The campaign ``campaign`` names (an id or a folder), or exit 2 saying what is wrong."""
    from circular.campaign import CampaignError, campaign_folder, load_campaign

    try:
        return load_campaign(campaign_folder(campaign, settings), check_templates=check_templates)
    except (CampaignError, OSError) as error:
        raise fail(str(error)) from None

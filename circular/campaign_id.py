"""Campaign ids: short names safe to use as folder names and database keys."""

from __future__ import annotations

import re

_CAMPAIGN_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")


def check_campaign_id(value: str) -> str:
    """Return ``value`` if it is a valid campaign id (``cl-21-4``), else raise ValueError.

    Ids become folder names (``letters/<id>/``, ``contacts/inbox/<id>/``), so anything that
    could walk out of a folder (``../``, ``/``, ``.``) is refused.
    """
    if not _CAMPAIGN_ID.fullmatch(value):
        raise ValueError(
            f"campaign id {value!r} is not valid: use lower-case letters, digits and '-' "
            "(at most 63 characters, starting with a letter or digit), e.g. 'cl-21-4'"
        )
    return value

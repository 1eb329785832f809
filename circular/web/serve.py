"""The app as uvicorn starts it in each worker (``circular web``): settings and ledger from
the environment, the CSRF key shared by every worker."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from circular.ledger import open_ledger
from circular.settings import load_settings
from circular.web.app import create_app


def app() -> Callable[..., Any]:
    """A new app for this worker process."""
    settings = load_settings()
    key = settings.web_secret.get_secret_value() or os.environ.get("CIRCULAR_WEB_SECRET", "")
    if not key:
        raise RuntimeError("CIRCULAR_WEB_SECRET is not set: start the page with `circular web`")
    return create_app(settings, open_ledger(settings.resolved_database_url), key.encode())

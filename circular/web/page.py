"""The page's words and its one template, rendered in the project's sandboxed Jinja
(autoescaped: every value a contact typed is shown as text, never markup)."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

from circular.campaign import LANGUAGES
from circular.letters.jinja_sandbox import sandboxed_environment

#: Languages written right to left.
RTL = frozenset({"ar"})


def _data(name: str) -> str:
    return resources.files("circular").joinpath("data", name).read_text(encoding="utf-8")


@cache
def texts() -> dict[str, dict[str, str]]:
    """The page's words per language (``circular/data/web.texts.yaml``)."""
    loaded: dict[str, dict[str, str]] = yaml.safe_load(_data("web.texts.yaml"))
    return loaded


@cache
def stylesheet() -> str:
    """The page's stylesheet (served as a file: the CSP allows no inline style)."""
    return _data("web.page.css")


@cache
def _template() -> Any:
    return sandboxed_environment(autoescape=True).from_string(_data("web.page.html"))


def pick_language(wanted: str | None, accept_language: str, fallback: str = "en") -> str:
    """``wanted`` when it is one of the six, else the first of the browser's languages that
    is, else ``fallback``."""
    if wanted in LANGUAGES:
        return str(wanted)
    for part in accept_language.split(",")[:20]:
        code = part.split(";")[0].strip().lower()[:2]
        if code in LANGUAGES:
            return code
    return fallback


def render(language: str, **values: Any) -> str:
    """The page in ``language`` with ``values`` (see web.page.html)."""
    words = texts()[language]
    values.setdefault("heading", words["heading"])
    for name in ("info", "saved", "errors", "notice", "form", "history", "message", "days"):
        values.setdefault(name, None)
    values.setdefault("languages", [])
    return str(
        _template().render(
            lang=language, dir="rtl" if language in RTL else "ltr", t=words, **values
        )
    )

"""The one Jinja environment every template renders in (letters and cover notes alike).

Templates come from campaign folders that staff edit, so they are treated as untrusted:

- ``SandboxedEnvironment``: no attribute starting with ``_`` (``__globals__``, ``__class__``,
  ``_TemplateReference__context``), no unsafe method, ``range`` capped;
- ``StrictUndefined``: a name the context does not hold (``config``, ``os``, ``request``) is an
  error, never an empty string;
- a loader that refuses every name, so ``{% include %}``, ``{% import %}`` and
  ``{% extends %}`` cannot read a file (``/etc/passwd``, a secret) into a letter;
- without the globals ``lipsum``, ``cycler`` and ``joiner``: no letter needs them, and they are
  the usual first step of a template-injection payload.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jinja2 import BaseLoader, Environment, StrictUndefined, TemplateNotFound
from jinja2.sandbox import SandboxedEnvironment

#: Jinja's default globals that a letter never needs (``range``, ``dict``, ``namespace`` stay).
_DROPPED_GLOBALS = ("lipsum", "cycler", "joiner")


class NoFilesLoader(BaseLoader):
    """A loader that has no templates: including, importing or extending is refused."""

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        """Always refuse, naming what the template tried to read."""
        raise TemplateNotFound(
            template,
            f"{template!r}: a template cannot include, import or extend another file; "
            "everything a letter shows comes from its fields",
        )


def sandboxed_environment(*, autoescape: bool, **options: Any) -> SandboxedEnvironment:
    """A sandboxed, strict Jinja environment without file access (module doc).

    ``autoescape`` is True for WordprocessingML (a value is text, never markup), False for
    plain-text cover notes; ``options`` are other ``Environment`` arguments."""
    environment = SandboxedEnvironment(
        autoescape=autoescape, undefined=StrictUndefined, loader=NoFilesLoader(), **options
    )
    for name in _DROPPED_GLOBALS:
        environment.globals.pop(name, None)
    return environment

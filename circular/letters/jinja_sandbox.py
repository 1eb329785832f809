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


#: Every attribute a plain dict has: any other name is one it cannot have (no ``__dict__``).
_DICT_ATTRIBUTES = frozenset(dir(dict))


class _Sandbox(SandboxedEnvironment):
    """The sandbox, with a field of a plain dict (``contact.name``: every value of a context)
    looked up as the sandbox finally looks it up, without first failing to find it as an
    attribute (an exception per field, a twentieth of a letter's time; issue 20)."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        """``SandboxedEnvironment.getattr``, the same value for every object and name."""
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except (TypeError, LookupError):
                return self.undefined(obj=obj, name=attribute)
        return super().getattr(obj, attribute)


def sandboxed_environment(*, autoescape: bool, **options: Any) -> SandboxedEnvironment:
    """A sandboxed, strict Jinja environment without file access (module doc).

    ``autoescape`` is True for WordprocessingML (a value is text, never markup), False for
    plain-text cover notes; ``options`` are other ``Environment`` arguments."""
    environment = _Sandbox(
        autoescape=autoescape, undefined=StrictUndefined, loader=NoFilesLoader(), **options
    )
    for name in _DROPPED_GLOBALS:
        environment.globals.pop(name, None)
    return environment

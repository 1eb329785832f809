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

import markupsafe
from jinja2 import BaseLoader, Environment, StrictUndefined, TemplateNotFound
from jinja2.compiler import CodeGenerator, Frame
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


def _text_escape_of(escape_inner: Callable[[str], str] | None) -> Callable[[Any], str]:
    """markupsafe's ``escape`` with a plain string's escaped text given as a plain ``str``
    (``escape_inner``, markupsafe's own C function, when it has one)."""
    if escape_inner is None:
        return markupsafe.escape

    def text_escape(value: Any) -> str:
        if type(value) is str:
            return escape_inner(value)
        return markupsafe.escape(value)  # markup, numbers, dates, undefined: markupsafe's

    return text_escape


#: What a template's ``{{ value }}`` puts out when autoescaping: the same text as markupsafe's
#: ``escape``, without making a ``Markup`` object of each plain string (a Python
#: ``Markup.__new__`` per value, 29 a letter: 0.48 against 0.13 µs a value; issue 20).
#: The type is never seen: Jinja joins what a template puts out into one ``str``, and a
#: block, macro or filter block whose output is kept makes it ``Markup`` itself.
text_escape = _text_escape_of(getattr(markupsafe, "_escape_inner", None))


class _CodeGenerator(CodeGenerator):
    """Jinja's code generator, with each autoescaped output through ``text_escape``."""

    def _output_child_pre(self, node: Any, frame: Frame, finalize: Any) -> None:
        if frame.eval_ctx.volatile or not frame.eval_ctx.autoescape:
            super()._output_child_pre(node, frame, finalize)
            return
        # ``environment`` is an argument of every render function Jinja writes.
        self.write("environment.text_escape(")
        if finalize.src is not None:
            self.write(finalize.src)


class _Sandbox(SandboxedEnvironment):
    """The sandbox, with a field of a plain dict (``contact.name``: every value of a context)
    looked up as the sandbox finally looks it up, without first failing to find it as an
    attribute (an exception per field, a twentieth of a letter's time; issue 20), and each
    autoescaped value put out by ``text_escape``."""

    code_generator_class = _CodeGenerator
    text_escape = staticmethod(text_escape)

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

"""Which fields a Word template uses, checked against the fields a campaign's contacts have.

A template is read the way docxtpl reads it (its "patched" XML, where a tag split across Word
runs has been joined again), parsed by Jinja, and walked for attribute chains such as
``contact.ministry`` or ``campaign.deadline``. Each chain is checked against the fields
available to a letter, so that a template asking for something the contacts do not have fails
before any letter is rendered, with the template, the part and the field named.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Iterable, Iterator, Mapping, Set
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, TemplateSyntaxError, meta, nodes

_WORD_PARTS = {
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header": "header",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer": "footer",
}
_FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
# The core properties docxtpl renders (see DocxTemplate.render_properties).
_PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a template: where it is and what is wrong."""

    template: str
    part: str
    field: str
    message: str
    #: The line in a text template (a cover note, reminder, acknowledgement), when known.
    line: int | None = None

    def __str__(self) -> str:
        if self.line is not None:
            # file:line, as compilers and grep print it: an editor opens it there.
            return f"{self.template}:{self.line}: {self.message}"
        return f"{self.template} ({self.part}): {self.message}"


def template_sources(source: Path | bytes) -> Iterator[tuple[str, str]]:
    """Each Jinja source in a Word template (a path or its bytes) as docxtpl will render it:
    ``(part name, source)`` for the body, headers, footers, footnotes and core properties."""
    from docxtpl import DocxTemplate

    template = DocxTemplate(io.BytesIO(source) if isinstance(source, bytes) else str(source))
    yield from opened_sources(template)


def opened_sources(template: Any) -> Iterator[tuple[str, str]]:
    """``template_sources`` of a ``docxtpl.DocxTemplate`` the caller opened: it reads the
    package and changes nothing but what python-docx adds on reading (core properties where
    there are none), so the caller may prepare the same instance (one open a template)."""
    from docx.oxml import parse_xml

    document = template.get_docx()
    yield "body", template.patch_xml(template.get_xml())
    for rel in document.part.rels.values():
        kind = _WORD_PARTS.get(rel.reltype)
        if kind and not rel.is_external and rel.target_part.blob:
            xml = template.xml_to_string(parse_xml(rel.target_part.blob))
            yield f"{kind} {rel.target_part.partname}", template.patch_xml(xml)
    for part in document.part.package.parts:
        if part.content_type == _FOOTNOTES:
            yield "footnotes", template.patch_xml(part.blob.decode("utf-8"))
    for name in _PROPERTIES:
        value = getattr(document.core_properties, name) or ""
        if "{" in value:
            yield f"property {name}", value


@functools.lru_cache(maxsize=16)
def _sources_of(data: bytes) -> tuple[tuple[str, str], ...]:
    """``template_sources`` of a template's bytes, kept for the next check of the same bytes
    (a template is checked for its signature field, then for its fields, in every batch)."""
    return tuple(template_sources(data))


def _chain(node: nodes.Node) -> list[str] | None:
    """``contact.ministry`` / ``contact['ministry']`` as ``['contact', 'ministry']``, or None
    when the expression is not a plain chain of names."""
    if isinstance(node, nodes.Name):
        return [node.name]
    if isinstance(node, nodes.Getattr):
        base = _chain(node.node)
        return None if base is None else [*base, node.attr]
    if (
        isinstance(node, nodes.Getitem)
        and isinstance(node.arg, nodes.Const)
        and isinstance(node.arg.value, str)
    ):
        base = _chain(node.node)
        return None if base is None else [*base, node.arg.value]
    return None


def _walk(node: nodes.Node, chains: list[tuple[list[str], int]], private: list[str]) -> None:
    """Collect the longest name chains under ``node`` (each with its line) and every private
    attribute access."""
    if isinstance(node, nodes.Getattr) and node.attr.startswith("_"):
        private.append(node.attr)
    if (
        isinstance(node, nodes.Getitem)
        and isinstance(node.arg, nodes.Const)
        and isinstance(node.arg.value, str)
        and node.arg.value.startswith("_")
    ):
        private.append(node.arg.value)
    if isinstance(node, nodes.Name) and node.ctx == "load":
        chains.append(([node.name], node.lineno))
        return
    if isinstance(node, nodes.Getattr | nodes.Getitem):
        chain = _chain(node)
        if chain is not None:
            chains.append((chain, node.lineno))
            # The chain's inner links are prefixes of this one: only private names matter.
            _walk_private(node, private)
            return
    for child in node.iter_child_nodes():
        _walk(child, chains, private)


def _walk_private(node: nodes.Node, private: list[str]) -> None:
    for child in node.iter_child_nodes():
        if isinstance(child, nodes.Getattr) and child.attr.startswith("_"):
            private.append(child.attr)
        _walk_private(child, private)


def fields_in_source(source: str, environment: Environment) -> tuple[set[str], set[str]]:
    """The dotted field chains a Jinja ``source`` reads from its context (names it declares
    itself, such as loop variables, and Jinja's globals left out), and the private attributes
    (``__class__``…) it tries to reach."""
    lines, private = field_lines(source, environment)
    return set(lines), private


def field_lines(
    source: str,
    environment: Environment,
    tree: nodes.Template | None = None,
    undeclared: Set[str] | None = None,
) -> tuple[dict[str, int], set[str]]:
    """As ``fields_in_source``, with the first line each field is read on; ``tree``: the
    source parsed, when the caller has it, and ``undeclared`` its
    ``meta.find_undeclared_variables``, when the caller has them."""
    tree = tree if tree is not None else environment.parse(source)
    if undeclared is None:
        undeclared = meta.find_undeclared_variables(tree)
    undeclared = set(undeclared) - set(environment.globals)
    chains: list[tuple[list[str], int]] = []
    private: list[str] = []
    _walk(tree, chains, private)
    lines: dict[str, int] = {}
    for chain, line in sorted(chains, key=lambda item: item[1]):
        if chain[0] in undeclared:
            lines.setdefault(".".join(chain), line)
    return lines, set(private)


def flatten_fields(context: Mapping[str, Any], prefix: str = "") -> set[str]:
    """Every dotted path in a context: mappings are walked, anything else is a leaf."""
    paths: set[str] = set()
    for key, value in context.items():
        path = f"{prefix}{key}"
        paths.add(path)
        if isinstance(value, Mapping):
            paths |= flatten_fields(value, f"{path}.")
    return paths


def field_is_available(field: str, available: set[str]) -> bool:
    """Whether ``field`` can be read from a context whose dotted paths are ``available``.

    ``campaign.deadline.year`` is fine when ``campaign.deadline`` is a leaf (a date has a
    year); ``contact.favourite`` is not when ``contact`` is a mapping without that key."""
    if field in available:
        return True
    parts = field.split(".")
    for length in range(len(parts) - 1, 0, -1):
        prefix = ".".join(parts[:length])
        if prefix in available:
            # A known prefix with known children is a mapping: the missing key is missing.
            return not any(path.startswith(prefix + ".") for path in available)
    return False


@dataclass(frozen=True)
class PartFields:
    """What one part of a template reads (its fields and the private attributes it tries to
    reach), or the syntax error that stops Jinja parsing it."""

    part: str
    fields: frozenset[str] = frozenset()
    private: frozenset[str] = frozenset()
    syntax_error: str | None = None


def read_template_fields(template: Path | bytes, environment: Environment) -> list[PartFields]:
    """What each part of a template (a path or its bytes) reads; ``field_problems`` checks
    it against the fields available. Read once, it may be checked for many sets of fields."""
    sources = _sources_of(template) if isinstance(template, bytes) else template_sources(template)
    return fields_of_sources(sources, environment)


def fields_of_sources(
    sources: Iterable[tuple[str, str]],
    environment: Environment,
    trees: Mapping[str, nodes.Template] | None = None,
    undeclared: Mapping[str, Set[str]] | None = None,
) -> list[PartFields]:
    """``read_template_fields`` of the ``(part name, source)`` pairs of ``template_sources``;
    ``trees``: parts the caller parsed already (a tree whose lines differ, the same fields),
    ``undeclared``: the names each reads from its context, where the caller has them."""
    parts: list[PartFields] = []
    for part, source in sources:
        try:
            known = (undeclared or {}).get(part)
            lines, private = field_lines(source, environment, (trees or {}).get(part), known)
            fields = set(lines)
        except TemplateSyntaxError as error:
            parts.append(PartFields(part, syntax_error=str(error.message)))
            continue
        parts.append(PartFields(part, frozenset(fields), frozenset(private)))
    return parts


def field_problems(parts: Iterable[PartFields], available: set[str], name: str) -> list[Problem]:
    """The problems of a template's parts (``read_template_fields``) for the fields
    ``available``: fields not there, private attributes, syntax errors; ``name`` names it."""
    problems: list[Problem] = []
    for part in parts:
        if part.syntax_error is not None:
            message = f"template syntax error: {part.syntax_error}"
            problems.append(Problem(name, part.part, "", message))
            continue
        for attribute in sorted(part.private):
            problems.append(
                Problem(
                    name,
                    part.part,
                    attribute,
                    f"reaches the Python internal {attribute!r}, which templates may not use",
                )
            )
        for field in sorted(part.fields):
            if not field_is_available(field, available):
                problems.append(
                    Problem(
                        name, part.part, field, f"uses {field!r}, which the contacts do not have"
                    )
                )
    return problems


def check_template(
    template: Path | bytes,
    available: set[str],
    environment: Environment,
    label: str | None = None,
) -> tuple[set[str], list[Problem]]:
    """The fields a template (a path or its bytes) uses, and its problems: fields not
    ``available``, private attributes, syntax errors. ``label`` names it in messages."""
    name = label or str(template if isinstance(template, Path) else "template")
    parts = read_template_fields(template, environment)
    used: set[str] = set().union(*(part.fields for part in parts))
    return used, field_problems(parts, available, name)


def describe_problems(problems: Iterable[Problem]) -> str:
    """The problems as lines for a person to read."""
    return "\n".join(f"  {problem}" for problem in problems)

"""Every template of a campaign checked before anything is rendered or sent: the Word letters
and the plain-text cover notes, reminders and acknowledgements, in every language.

A text template is checked three ways, each problem naming the file and the line: Jinja's
parser (a syntax error such as ``{{ campaign.deadline }``), the fields it reads against those a
contact and the campaign have, and a trial rendering for a contact that has every field (an
error that only shows when the template runs, with the line Jinja's traceback gives). A
command that sends calls ``check_campaign_templates`` for the kinds it needs and refuses to
start on any problem, so a broken template is reported once, not once per contact.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from types import TracebackType

from jinja2 import TemplateError, TemplateSyntaxError
from jinja2.sandbox import SandboxedEnvironment

from circular.campaign import TEMPLATE_KINDS, Campaign
from circular.letters.fields import Problem, field_is_available, field_lines
from circular.letters.jinja_sandbox import sandboxed_environment
from circular.letters.render import available_fields, check_templates, probe_contact

#: The plain-text kinds: e-mail cover note, reminder, acknowledgement.
TEXT_KINDS: tuple[str, ...] = tuple(kind for kind in TEMPLATE_KINDS if kind != "letter")


def text_environment() -> SandboxedEnvironment:
    """The environment plain-text templates render in. No autoescaping: the HTML part of a
    message escapes the rendered text itself."""
    return sandboxed_environment(autoescape=False, keep_trailing_newline=True)


def check_campaign_templates(
    campaign: Campaign,
    contact_fields: Iterable[str],
    kinds: Sequence[str] = TEMPLATE_KINDS,
    languages: Iterable[str] | None = None,
) -> list[Problem]:
    """Every problem of the campaign's templates of ``kinds`` in ``languages`` (default: all
    of the campaign's); empty when each can be rendered for contacts with ``contact_fields``."""
    fields = set(contact_fields)
    chosen = sorted(set(languages) if languages is not None else set(campaign.languages))
    problems: list[Problem] = []
    if "letter" in kinds:
        problems += check_templates(campaign, fields, chosen)
    environment = text_environment()
    for kind in (k for k in TEXT_KINDS if k in kinds):
        for language in chosen:
            path = campaign.template_path(kind, language)  # type: ignore[arg-type]
            problems += check_text_template(campaign, path, fields, language, environment)
    return problems


def text_template_fields(campaign: Campaign) -> dict[Path, set[str]]:
    """The fields each text template of the campaign reads, by file (for ``circular
    check-templates``); a file that cannot be read or parsed is left out (its problem is
    reported by ``check_campaign_templates``)."""
    environment = text_environment()
    used: dict[Path, set[str]] = {}
    for kind in TEXT_KINDS:
        for language in sorted(campaign.languages):
            path = campaign.template_path(kind, language)  # type: ignore[arg-type]
            try:
                source = path.read_text(encoding="utf-8")
                used[path] = set(field_lines(source, environment)[0])
            except (OSError, UnicodeDecodeError, TemplateError):
                continue
    return used


def check_text_template(
    campaign: Campaign,
    path: Path,
    contact_fields: set[str],
    language: str,
    environment: SandboxedEnvironment,
) -> list[Problem]:
    """The problems of one text template (empty when it renders): file, subject line,
    syntax, fields, then a trial rendering."""
    name = str(path)
    try:
        source = path.read_text(encoding="utf-8").lstrip("\ufeff")
    except FileNotFoundError:
        return [Problem(name, "file", "", "the file is missing")]
    except OSError as error:
        return [Problem(name, "file", "", f"cannot read it: {error.strerror}")]
    except UnicodeDecodeError as error:
        return [Problem(name, "file", "", f"not UTF-8 text ({error.reason})", line=1)]
    problems: list[Problem] = []
    first = source.partition("\n")[0]
    label, colon, subject = first.partition(":")
    if not colon or label.strip().lower() != "subject" or not subject.strip():
        found = f"found {first[:60]!r}"
        problems.append(Problem(name, "text", "", f"must start with 'Subject: ...', {found}", 1))
    try:
        lines, private = field_lines(source, environment)
    except TemplateSyntaxError as error:
        message = f"template syntax error: {error.message}"
        return [*problems, Problem(name, "text", "", message, line=error.lineno)]
    available = available_fields(campaign, contact_fields, language)
    for attribute in sorted(private):
        message = f"reaches the Python internal {attribute!r}, which templates may not use"
        problems.append(Problem(name, "text", attribute, message, line=_line_of(source, attribute)))
    for field, line in sorted(lines.items(), key=lambda item: (item[1], item[0])):
        if not field_is_available(field, available):
            problems.append(Problem(name, "text", field, _unknown_field(field), line=line))
    if problems:
        return problems
    return _trial_render(campaign, path, source, contact_fields, language, environment)


def _unknown_field(field: str) -> str:
    owner = field.partition(".")[0]
    if owner == "contact":
        return f"uses {field!r}, which the contacts do not have"
    if owner == "campaign":
        return f"uses {field!r}, which campaign.yaml does not define"
    return f"uses {field!r}, which is no field (fields start with contact. or campaign.)"


def _line_of(source: str, text: str) -> int | None:
    for number, line in enumerate(source.splitlines(), start=1):
        if text in line:
            return number
    return None


def _trial_render(
    campaign: Campaign,
    path: Path,
    source: str,
    contact_fields: set[str],
    language: str,
    environment: SandboxedEnvironment,
) -> list[Problem]:
    """Render the template for a contact that has ``contact_fields``; an error names the
    line Jinja's traceback points at (its frames carry the template's file and line)."""
    from circular.letters.context import letter_context

    contact = probe_contact(contact_fields, language)
    try:
        code = environment.compile(source, name=path.name, filename=str(path))
        template = environment.template_class.from_code(
            environment, code, environment.make_globals(None)
        )
        template.render(letter_context(campaign, contact, language))
    except (TemplateError, ValueError, TypeError, OverflowError, ArithmeticError) as error:
        line = _template_line(error.__traceback__, str(path))
        return [Problem(str(path), "text", "", f"cannot be rendered: {error}", line=line)]
    return []


def _template_line(trace: TracebackType | None, filename: str) -> int | None:
    """The innermost line of ``filename`` in a traceback (Jinja rewrites its frames so)."""
    line = None
    while trace is not None:
        if trace.tb_frame.f_code.co_filename == filename:
            line = trace.tb_lineno
        trace = trace.tb_next
    return line

"""DOCX letters: one Word template per language, rendered per contact with docxtpl.

Rendering is strict and sandboxed: Jinja runs in a ``SandboxedEnvironment`` with autoescape
(a value is text, never WordprocessingML) and ``StrictUndefined`` (a missing field is an
error, never a blank). Values are sanitised first (``docx_safety.sanitize_context``). Before
any letter of a batch is rendered, every template's fields are checked against the fields the
contacts have (``check_templates``), so a bad template stops the batch before it writes a file.

``LetterTemplate`` reads a template once and renders many letters from it, through the
prepared fast path of ``circular.letters.fastdocx`` where that supports the template, else docxtpl.
``render_campaign`` is the domain function the CLI and the Prefect flow call.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import docxtpl
from docx.shared import Emu
from jinja2 import TemplateError, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment, SecurityError
from markupsafe import Markup

from circular.countries import get_country
from circular.letters.deflate import DEFLATE_VERSION, deflate_part
from circular.letters.docx_safety import (
    InvalidDocxError,
    check_well_formed,
    docx_parts,
    letter_filename,
    safe_output_path,
    sanitize_context,
    sync_folder,
    validate_docx,
    write_letter,
)
from circular.letters.fastdocx import (
    FastPathUnsupported,
    ParsedBody,
    PreparedTemplate,
    parse_body,
)
from circular.letters.fields import (
    PartFields,
    Problem,
    check_template,
    describe_problems,
    field_problems,
    fields_of_sources,
    flatten_fields,
    opened_sources,
    read_template_fields,
)
from circular.letters.jinja_sandbox import sandboxed_environment
from circular.letters.prepcache import TemplateCache, cache_version
from circular.letters.qr import QR_FIELD, QR_VERSION, placeholder, qr_image
from circular.letters.signature import (
    SIGNATURE_FIELD,
    Signature,
    SignatureError,
    campaign_signature,
    inline_image_xml,
)

if TYPE_CHECKING:
    # The ledger (SQLAlchemy) is imported where it is used, not here: a worker of the render
    # pool imports this module and never touches the ledger (issue 20, renderpool).
    from circular.ledger import Contact, Ledger, Letter

#: Bumped when rendering changes in a way that changes output for the same inputs, so that
#: letters rendered by an older version are not skipped as "unchanged".
RENDERER_VERSION = (
    f"circular-letters-2/docxtpl-{docxtpl.__version__}/{QR_VERSION}/{DEFLATE_VERSION}"
)

#: The contact fields every ledger contact has (columns of ``circular.ledger.Contact``).
CONTACT_FIELDS = (
    "iso3",
    "language",
    "email",
    "cc",
    "salutation",
    "title",
    "name",
    "position",
    "ministry",
)


class CampaignLike(Protocol):
    """What rendering needs from a campaign (``circular.campaign.Campaign`` has it): its id,
    its languages and the template file of each kind per language."""

    id: str
    languages: list[str]

    def template_path(self, kind: Any, language: str) -> Path: ...


def letter_templates(campaign: CampaignLike) -> dict[str, Path]:
    """The Word letter template of each of the campaign's languages."""
    return {language: campaign.template_path("letter", language) for language in campaign.languages}


ContextBuilder = Callable[[Any, "Contact", str], Mapping[str, Any]]


class LetterError(Exception):
    """Base of rendering errors; messages name the template or contact at fault."""


class TemplateRenderError(LetterError):
    """A template failed while rendering (sandbox violation, missing field, syntax)."""


class TemplateFieldError(LetterError):
    """Templates use fields the contacts do not have; raised before any letter is rendered."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__(
            "the templates cannot be rendered for these contacts:\n"
            + describe_problems(self.problems)
        )


class ContactError(LetterError):
    """A contact cannot get a letter (no template for its language, a bad country code)."""


class LetterWriteError(LetterError):
    """A letter could not be written (disk full, no permission). Letters written before it
    are whole, and none is left half written: free the space and render again."""


def template_cache(folder: Path | None) -> TemplateCache | None:
    """The cache of prepared templates in ``folder`` (None: no cache) for this engine."""
    return TemplateCache(folder, cache_version(RENDERER_VERSION)) if folder else None


def make_environment() -> SandboxedEnvironment:
    """The Jinja environment every letter is rendered in.

    docxtpl's own ``autoescape`` argument is left at False: given an environment it would only
    set ``environment.autoescape``, which this one already has."""
    return sandboxed_environment(autoescape=True)


def _only_text(value: Any) -> bool:
    """Whether ``value`` is a dict of strings and such dicts (what JSON writes one way)."""
    if type(value) is not dict:
        return False
    return all(type(item) is str or _only_text(item) for item in value.values())


#: Dates and other non-JSON values hash by their str(); key order must not matter. One
#: encoder for every letter (``json.dumps`` with these options makes one per call).
_JSON = json.JSONEncoder(sort_keys=True, ensure_ascii=False, default=str)


def _context_json(context: Any) -> str:
    return _JSON.encode(context)


class LetterTemplate:
    """A Word template read once and rendered for many contacts.

    Letters come from ``circular.letters.fastdocx.PreparedTemplate`` (each part compiled once, the
    package zipped from prepared members) where it supports the template, else from docxtpl
    per letter; ``fast=False`` forces docxtpl. Both run in the same sandboxed environment.

    ``signature``: the campaign's signature image, placed where the template has the
    ``{{ signature }}`` field (a template without it is refused: the image would be lost).
    A template with the ``{{ reply_qr }}`` field gets the QR code of each letter's
    ``reply_url`` there (``circular.letters.qr``); one without it, none."""

    def __init__(
        self,
        path: Path,
        language: str,
        label: str | None = None,
        *,
        fast: bool = True,
        signature: Signature | None = None,
        data: bytes | None = None,
        cache: TemplateCache | None = None,
    ) -> None:
        self.path = Path(path)
        self.language = language
        self.signature = signature
        #: How messages name the template (its path as the user gave it).
        self.label = label or str(path)
        try:
            # ``data``: the template's bytes, already read (a worker of the pool is given
            # those the calling process checked).
            self.data = data if data is not None else self.path.read_bytes()
        except OSError as error:
            raise LetterError(f"template {self.label} cannot be read: {error}") from None
        self.sha256 = hashlib.sha256(self.data).hexdigest()
        self._environment = make_environment()
        #: The JSON of the last value of each context key (``_context_json``).
        self._json_parts: dict[str, tuple[Any, str]] = {}
        self._parts: dict[str, bytes] | None = None
        #: Package structures python-docx has opened (see ``validate_docx``).
        self._opened: set[str] = set()
        #: Whether this process checks the first letter of the fast path whole (python-docx):
        #: False in a forked worker of the pool, whose caller checks it, once a run, while
        #: the workers render (``circular.letters.renderpool``).
        self.checks_first_whole = True
        #: The last part of each name the per-letter check found well-formed (a part that
        #: is the same object is not parsed again: ``check_well_formed``).
        self._checked: dict[str, bytes] = {}
        #: What each part reads (``circular.letters.fields``), read once.
        self._field_parts: list[PartFields] | None = None
        #: Where prepared templates are kept (``circular.letters.prepcache``), if anywhere.
        self.cache = cache if fast else None
        self._fast: PreparedTemplate | None = None
        used = self._restored()
        #: Whether the fast path came from the cache rather than being prepared here.
        self.from_cache = restored = used is not None
        if not restored:
            used = self._fields_used()
        #: Whether the letters carry the QR code of their link (the template places it).
        self.qr = used is not None and QR_FIELD in used
        if not restored:
            # Preparing the fast path opens the template with python-docx, which parses
            # every XML part it reads, and the first letter is checked whole: checking the
            # template whole before it too (python-docx once more) is left to the docxtpl
            # path.
            self._fast = self._prepare(fast)
            if self._fast is None:
                self._validate_template()
            else:
                self._keep()
        if signature is not None and used is not None:
            self._check_signature_field(signature, used)

    def _cache_key(self) -> str:
        assert self.cache is not None
        signature = self.signature.sha256 if self.signature is not None else ""
        return self.cache.key(self.sha256, signature)

    def _restored(self) -> set[str] | None:
        """The fields the template uses, with its fast path restored from the cache (no
        python-docx, no Jinja parse or compile: ``PreparedTemplate.restored``); None on a
        miss. Its first letter is still checked whole, python-docx included, in every run."""
        if self.cache is None:
            return None
        entry = self.cache.load(self._cache_key())
        try:
            fields, snapshot = entry  # type: ignore[misc]
            parts = [PartFields(*part) for part in fields]
            prepared = PreparedTemplate.restored(
                snapshot, self.data, self._environment, deflate=deflate_part
            )
        except Exception:  # any entry that does not restore is a miss
            return None
        self._field_parts, self._fast = parts, prepared
        return set().union(*(part.fields for part in parts))

    def _keep(self) -> None:
        """Store the prepared fast path in the cache (``_restored`` reads it)."""
        parts = self._field_parts
        if self.cache is None or self._fast is None or parts is None:
            return
        snapshot = self._fast.snapshot()
        if snapshot is None or any(part.syntax_error is not None for part in parts):
            return
        fields = [(p.part, p.fields, p.private, p.syntax_error) for p in parts]
        self.cache.store(self._cache_key(), (fields, snapshot))

    def _validate_template(self) -> None:
        try:
            validate_docx(self.data, f"template {self.label}")
        except InvalidDocxError as error:
            raise LetterError(str(error)) from None

    @property
    def parts(self) -> dict[str, bytes]:
        """The template's parts: letters' parts equal to one of them skip re-parsing."""
        if self._parts is None:
            self._parts = docx_parts(self.data)
        return self._parts

    def _fields_used(self) -> set[str] | None:
        """The fields the template uses; None when it has syntax errors (reported with the
        template's other problems, by ``check_templates``)."""
        #: The template opened by docxtpl and its body's source, read here for the fields
        #: and given to ``PreparedTemplate``: the package is opened once (``_prepare``).
        self._docxtpl: docxtpl.DocxTemplate | None = None
        self._body_source: str | None = None
        self._parsed_body: ParsedBody | None = None
        try:
            opened = docxtpl.DocxTemplate(io.BytesIO(self.data))
            sources = list(opened_sources(opened))
            body = dict(sources)["body"]
            parsed: dict[str, ParsedBody] = {}
            # Parsed and compiled as PreparedTemplate compiles it, once for both, its fields
            # noted by the compile; a syntax error is read with the other parts' below, and
            # raised by _prepare.
            with contextlib.suppress(TemplateSyntaxError):
                parsed["body"] = parse_body(self._environment, body)
            trees = {part: body.tree for part, body in parsed.items()}
            undeclared = {part: body.undeclared for part, body in parsed.items()}
            self._field_parts = fields_of_sources(sources, self._environment, trees, undeclared)
            self._docxtpl, self._body_source = opened, body
            self._parsed_body = parsed.get("body")
        except TemplateError:
            return None
        except Exception:
            self._validate_template()  # names the file and the part at fault
            raise
        return set().union(*(part.fields for part in self._field_parts))

    def field_problems(self, available: set[str]) -> list[Problem]:
        """The template's problems for the fields ``available`` (see ``check_templates``),
        from the fields read when it was loaded: a template is parsed once a run."""
        parts = self._field_parts
        if parts is None:
            parts = read_template_fields(self.data, self._environment)  # raises as it did
        return field_problems(parts, available, self.label)

    def _check_signature_field(self, signature: Signature, used: set[str]) -> None:
        if SIGNATURE_FIELD not in used:
            raise LetterError(
                f"campaign.yaml names the signature image {signature.name}, but template "
                f"{self.label} has no {{{{ {SIGNATURE_FIELD} }}}} field to place it: put one "
                "in the paragraph above the signatory's name (tools/make_templates.py does)"
            )

    def _prepare(self, fast: bool) -> PreparedTemplate | None:
        """The fast path (``circular.letters.fastdocx``: parts byte-identical to docxtpl's), or None
        where docxtpl must render each letter itself. The signature is added to the prepared
        package once; the QR code as a placeholder each letter replaces."""
        # PreparedTemplate keeps what it needs of them.
        opened, body_source, parsed = self._docxtpl, self._body_source, self._parsed_body
        self._docxtpl = self._body_source = self._parsed_body = None
        if not fast:
            return None
        signature = self.signature
        images: dict[str, Callable[[Any], str]] = {}
        if signature is not None:
            images[SIGNATURE_FIELD] = lambda part: inline_image_xml(part, signature)
        if self.qr:
            images[QR_FIELD] = lambda part: inline_image_xml(part, placeholder())
        try:
            prepared = PreparedTemplate(
                self.data,
                self._environment,
                deflate=deflate_part,
                images=images,
                letter_images=(QR_FIELD,),
                opened=opened,
                body_source=body_source,
                body=parsed,
            )
        except TemplateError:
            # docxtpl raises the same error at render time, where it is reported with the
            # template's name; check_templates reports it before any letter.
            return None
        except Exception:
            self._validate_template()  # names the file and the part at fault
            raise
        return prepared if prepared.supported else None

    def validate(self, data: bytes, name: str) -> None:
        """Validate a letter rendered from this template (see ``validate_docx``): a member
        that is the template's own part, byte for byte, is not inflated or parsed again. The
        fast path knows those members already (it compared them with the template's when it
        prepared it): the template is then not inflated a second time."""
        where = f"{name} (template {self.label})"
        if self._fast is not None:
            crcs = self._fast.template_crcs
            validate_docx(data, where, opened=self._opened, known_crcs=crcs)
        else:
            validate_docx(data, where, self.parts, self._opened)

    def inputs_sha256(self, context: Mapping[str, Any]) -> str:
        """The hash of everything a letter is made from: renderer, template bytes, context.

        ``context`` must already be sanitised (``render`` does that)."""
        digest = hashlib.sha256()
        signature = self.signature.sha256 if self.signature is not None else ""
        for piece in (RENDERER_VERSION, self.sha256, signature, self._context_json(context)):
            digest.update(piece.encode("utf-8"))
            digest.update(b"\0")
        return digest.hexdigest()

    def _context_json(self, context: Mapping[str, Any]) -> str:
        """``_context_json(context)``, the same text, with the JSON of a top-level mapping of
        strings equal to the last one under its key reused: the campaign's part is the same
        in every letter of a language, and writing it was half of the hash (issue 20)."""
        if not all(type(key) is str for key in context):
            return _context_json(context)
        pieces = []
        for key in sorted(context):
            value = context[key]
            cached = self._json_parts.get(key)
            if cached is not None and cached[0] == value:
                text = cached[1]
            else:
                text = _context_json(value)
                # The first value of a key is kept: the campaign's part stays equal, the
                # contact's never does (and is then only compared, which fails fast).
                if cached is None and _only_text(value):  # equal only if written the same
                    # What the text says, not the value: the caller may change the value.
                    self._json_parts[key] = (json.loads(text), text)
            pieces.append(f"{_JSON.encode(key)}: {text}")
        return "{" + ", ".join(pieces) + "}"

    def render(self, context: Mapping[str, Any]) -> bytes:
        """The DOCX bytes of the letter for ``context`` (sanitised here); raise
        ``TemplateRenderError`` naming the template when the template fails."""
        return self.render_clean(sanitize_context(context))

    def render_clean(self, clean: Mapping[str, Any]) -> bytes:
        """``render`` for a context already passed through ``sanitize_context``."""
        return self._rendering(lambda: self._render_unchecked(clean))

    def render_checked(self, clean: Mapping[str, Any], name: str) -> bytes:
        """The letter for ``clean`` (sanitised), checked: raise ``InvalidDocxError`` naming
        ``name`` when it is not a sound DOCX.

        On the fast path only what can change is checked for each letter: the parts it
        rendered get a streaming well-formedness parse (``check_well_formed``); every other
        member is the template's, copied as stored, and the template was checked whole. The
        first letter of each template in this process is also checked whole, python-docx
        included (``validate``), but in a forked worker of the pool, whose caller checks it
        (``checks_first_whole``). A letter docxtpl renders is always checked whole."""
        return self._rendering(lambda: self._render_checked(clean, name))

    def _render_checked(self, clean: Mapping[str, Any], name: str) -> bytes:
        if self._fast is not None:
            context, media = self._with_images(clean)
            try:
                parts = self._fast.render_parts(context)
            except FastPathUnsupported:
                parts = None  # a context docxtpl alone can render (images, subdocuments)
            if parts is not None:
                check_well_formed(parts, f"{name} (template {self.label})", self._checked)
                data = self._fast.package(parts, media)
                if not self._opened and self.checks_first_whole:
                    self.validate(data, name)
                return data
        data = self._render_with_docxtpl(clean)
        self.validate(data, name)
        return data

    def _render_unchecked(self, clean: Mapping[str, Any]) -> bytes:
        if self._fast is not None:
            try:
                return self._fast.render_bytes(*self._with_images(clean))
            except FastPathUnsupported:
                pass  # a context docxtpl alone can render (images, subdocuments)
        return self._render_with_docxtpl(clean)

    def _rendering(self, render: Callable[[], bytes]) -> bytes:
        """``render()``, with the template's errors turned into ``TemplateRenderError``."""
        try:
            return render()
        except SecurityError as error:
            raise TemplateRenderError(
                f"template {self.label} tries to reach Python internals, which the sandbox "
                f"forbids: {error}"
            ) from None
        except UndefinedError as error:
            raise TemplateRenderError(
                f"template {self.label} uses a field the letter does not have: {error}"
            ) from None
        except TemplateSyntaxError as error:
            raise TemplateRenderError(
                f"template {self.label} has a template syntax error: {error.message}"
                f"{_docx_context(error)}"
            ) from None
        except TemplateError as error:
            raise TemplateRenderError(f"template {self.label} failed: {error}") from None
        except OverflowError as error:  # the sandbox's cap on range(): a runaway loop
            raise TemplateRenderError(f"template {self.label} failed: {error}") from None

    def _qr_url(self, clean: Mapping[str, Any]) -> str:
        """The link the letter's QR code encodes ("" for none: no link, or no QR field)."""
        url = clean.get("reply_url", "")
        return url if self.qr and isinstance(url, str) else ""

    def _with_images(self, clean: Mapping[str, Any]) -> tuple[Mapping[str, Any], dict[str, bytes]]:
        """``clean`` with the prepared images' XML in their fields (after sanitising, which
        turns every markup into text: this XML is the renderer's own, never a contact's), and
        the bytes of this letter's QR code for the placeholder's member."""
        assert self._fast is not None
        images: dict[str, Any] = {}
        media: dict[str, bytes] = {}
        if self.signature is not None:
            images[SIGNATURE_FIELD] = Markup(self._fast.image_xml(SIGNATURE_FIELD))  # noqa: S704
        url = self._qr_url(clean)
        if url:
            images[QR_FIELD] = Markup(self._fast.image_xml(QR_FIELD))  # noqa: S704
            media[QR_FIELD] = qr_image(url).data
        return ({**clean, **images} if images else clean), media

    def _render_with_docxtpl(self, clean: Mapping[str, Any]) -> bytes:
        template = docxtpl.DocxTemplate(io.BytesIO(self.data))
        images: dict[str, Any] = {}
        placed = [(SIGNATURE_FIELD, self.signature)]
        url = self._qr_url(clean)
        if url:
            placed.append((QR_FIELD, qr_image(url)))
        for name, image in placed:
            if image is not None:
                images[name] = docxtpl.InlineImage(
                    template, io.BytesIO(image.data), Emu(image.width), Emu(image.height)
                )
        template.render({**clean, **images}, jinja_env=self._environment)
        buffer = io.BytesIO()
        template.save(buffer)
        return buffer.getvalue()

    @property
    def fast(self) -> bool:
        """Whether letters come from the prepared fast path (else docxtpl renders each)."""
        return self._fast is not None


def _docx_context(error: Exception) -> str:
    # docxtpl attaches the text around a failing line; show it without the XML.
    lines = [line.strip() for line in getattr(error, "docx_context", []) if line.strip()]
    return (" near: " + " | ".join(lines)[:300]) if lines else ""


# --------------------------------------------------------------------------- field checking


def contact_fields_of(contacts: Iterable[Contact]) -> set[str]:
    """The fields a set of ledger contacts has: every contact column, plus each key of
    ``extra`` found on any contact."""
    fields = set(CONTACT_FIELDS)
    for contact in contacts:
        fields |= set(contact.extra or {})
    return fields


def _default_context_builder() -> ContextBuilder:
    from circular.letters.context import docx_letter_context

    return docx_letter_context


def _with_reply_urls(urls: Mapping[int, str]) -> ContextBuilder:
    from circular.letters.context import docx_letter_context

    def build(campaign: Any, contact: Contact, language: str) -> Mapping[str, Any]:
        url = urls.get(contact.id, "") if contact.id is not None else ""
        return docx_letter_context(campaign, contact, language, reply_url=url)

    return build


def probe_contact(contact_fields: Iterable[str], language: str, iso3: str = "CHE") -> Contact:
    """A contact (never stored) with the given fields filled and the other columns blank, to
    see what a letter context offers for such contacts."""
    fields = set(contact_fields)
    standard: dict[str, Any] = {
        name: ("x" if name in fields else "") for name in CONTACT_FIELDS if name != "cc"
    }
    standard.update(iso3=iso3, language=language, cc=[])
    extra = {name: "x" for name in fields if name not in CONTACT_FIELDS}
    from circular.ledger import Contact

    return Contact(campaign="probe", contact_key=iso3, extra=extra, **standard)


def available_fields(
    campaign: CampaignLike,
    contact_fields: Iterable[str],
    language: str,
    context_for: ContextBuilder | None = None,
) -> set[str]:
    """The dotted fields a template of ``language`` may use, given the contacts' fields.

    The letter context is built for a probe contact that has only ``contact_fields``. A
    contact column the contacts lack and that the context merely copies (it comes out blank)
    is taken out; one the context derives anyway (a salutation from the language, the country
    name from the code) stays."""
    builder = context_for or _default_context_builder()
    fields = set(contact_fields)
    context = builder(campaign, probe_contact(fields, language), language)
    available = flatten_fields(context)
    values = context.get("contact", {})
    for name in CONTACT_FIELDS:
        if name not in fields and isinstance(values, Mapping) and not values.get(name):
            prefix = f"contact.{name}"
            available = {p for p in available if p != prefix and not p.startswith(prefix + ".")}
    return available


def check_templates(
    campaign: CampaignLike,
    contact_fields: Iterable[str],
    languages: Iterable[str] | None = None,
    context_for: ContextBuilder | None = None,
    prepared: Mapping[str, LetterTemplate] | None = None,
) -> list[Problem]:
    """Every problem of the campaign's templates (all languages, or ``languages``): fields the
    contacts do not have, Python internals, syntax errors, files missing or not DOCX. Empty
    when all is well. ``prepared`` templates are checked from the very bytes that will be
    rendered, so a file changed meanwhile cannot slip past the check."""
    fields = set(contact_fields)
    problems: list[Problem] = []
    wanted = set(languages) if languages is not None else None
    for language, path in sorted(letter_templates(campaign).items()):
        if wanted is not None and language not in wanted:
            continue
        template = (prepared or {}).get(language)
        if template is None:
            try:
                template = LetterTemplate(path, language)
            except LetterError as error:
                problems.append(Problem(str(path), "file", "", str(error)))
                continue
        available = available_fields(campaign, fields, language, context_for)
        problems.extend(template.field_problems(available))
    return problems


def template_fields(campaign: CampaignLike) -> dict[str, set[str]]:
    """The fields each language's template uses (for ``circular check-templates``)."""
    environment = make_environment()
    return {
        language: check_template(path, set(), environment)[0]
        for language, path in sorted(letter_templates(campaign).items())
    }


# --------------------------------------------------------------------------- rendering


@dataclass(frozen=True)
class RenderedLetter:
    """One letter of a batch: where it is, its hash, and whether it was left as it was."""

    iso3: str
    language: str
    path: Path
    sha256: str
    skipped: bool
    #: The contact's ledger id (None for contacts read straight from a file).
    contact_id: int | None = None


@dataclass
class RenderReport:
    """What ``render_campaign`` did."""

    letters: list[RenderedLetter] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def rendered(self) -> int:
        """How many letters were (re)written."""
        return sum(1 for letter in self.letters if not letter.skipped)

    @property
    def skipped(self) -> int:
        """How many letters were unchanged and left alone."""
        return sum(1 for letter in self.letters if letter.skipped)


def _file_sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _plan(
    campaign: CampaignLike, contacts: Sequence[Contact], several_per_country: bool
) -> list[tuple[Contact, str]]:
    """Each contact with its letter's file name, or ``ContactError`` for the first contact
    that cannot have one; nothing is rendered before the whole batch is known to be sound."""
    templates = letter_templates(campaign)
    plan: list[tuple[Contact, str]] = []
    seen: dict[str, Contact] = {}
    for contact in contacts:
        where = f"contact {contact.contact_key or contact.iso3!r}" + (
            f" (row {contact.source_row})" if contact.source_row else ""
        )
        if contact.language not in templates:
            raise ContactError(
                f"{where}: no template for language {contact.language!r} in campaign "
                f"{campaign.id} (languages: {', '.join(sorted(templates))})"
            )
        number = contact.id if several_per_country else None
        try:
            name = letter_filename(contact.iso3, contact.language, number)
            get_country(contact.iso3)
        except (ValueError, KeyError) as error:
            # KeyError's str() quotes its message: show the message itself.
            raise ContactError(f"{where}: {error.args[0] if error.args else error}") from None
        if name in seen:
            raise ContactError(
                f"{where}: a second letter named {name} in one batch (same country and "
                "language as another contact)"
            )
        seen[name] = contact
        plan.append((contact, name))
    return plan


#: Letters recorded in the ledger per transaction (and per fsync of the letters' folder).
RECORD_BATCH = 500


@dataclass(frozen=True)
class _Pending:
    """A letter written, its record not yet in the ledger."""

    contact: Contact
    path: Path
    sha256: str
    inputs_sha256: str


#: The columns of a letter's record that each rendering sets.
_RECORDED_COLUMNS = ("language", "path", "sha256", "inputs_sha256", "rendered_at")


def _record_pending(
    ledger: Ledger | None, campaign_id: str, out_dir: Path, pending: list[_Pending]
) -> bool:
    """Make the folder of the ``pending`` letters durable (one fsync), then record them all in
    one transaction, and empty ``pending``; False when there was nothing to record.

    The order is what keeps the guarantee: a sha256 in the ledger names a letter whose name
    is durable; a crash before the commit leaves letters without a record, rendered again."""
    if ledger is None or not pending:
        return False
    from sqlalchemy import bindparam, insert, select, update

    from circular.ledger import Letter, utcnow

    sync_folder(out_dir)
    by_contact = {item.contact.id: item for item in pending}
    now = utcnow()
    # Core statements, each executed once for the batch (executemany), not ORM objects: a
    # Letter object loaded, changed and flushed per letter cost 0.03-0.05 ms (issue 20).
    rows = [
        {
            "b_contact": contact_id,
            "b_language": item.contact.language,
            "b_path": str(item.path),
            "b_sha256": item.sha256,
            "b_inputs_sha256": item.inputs_sha256,
            "b_rendered_at": now,
        }
        for contact_id, item in by_contact.items()
    ]
    table = Letter.__table__
    changed = {name: bindparam(f"b_{name}") for name in _RECORDED_COLUMNS}
    with ledger.session() as session:
        query = select(table.c.contact_id).where(
            table.c.campaign == campaign_id, table.c.contact_id.in_(list(by_contact))
        )
        known = set(session.scalars(query))
        new = [row for row in rows if row["b_contact"] not in known]
        old = [row for row in rows if row["b_contact"] in known]
        if new:
            values = {"campaign": campaign_id, "contact_id": bindparam("b_contact"), **changed}
            session.execute(insert(table).values(values), new)
        if old:
            mine = (table.c.campaign == campaign_id, table.c.contact_id == bindparam("b_contact"))
            session.execute(update(table).where(*mine).values(changed), old)
    pending.clear()
    return True


def _recorded(ledger: Ledger, campaign_id: str, contact_ids: list[int]) -> dict[int, Letter]:
    """The recorded letters of this batch's contacts only: a campaign rendered in many
    batches must not read its whole letter table for each one."""
    from sqlalchemy import select

    from circular.ledger import Letter

    found: dict[int, Letter] = {}
    with ledger.session() as session:
        for start in range(0, len(contact_ids), 500):  # SQLite caps bound parameters
            chunk = contact_ids[start : start + 500]
            query = select(Letter).where(
                Letter.campaign == campaign_id, Letter.contact_id.in_(chunk)
            )
            found.update((row.contact_id, row) for row in session.scalars(query))
    return found


#: Letters in a batch from which rendering uses every core: below it, starting the processes
#: (each spawned or forkserver's worker prepares its templates, 0.4 s; a spawned one imports
#: the renderer too, 1 s) costs more than the other cores give back.
POOL_MIN_LETTERS = 2000
#: The same for forked workers (``circular.letters.renderpool``), ready in 0.01 s: on 2 cores
#: a pool rendered 1,000 letters 1.5-1.8x as fast as one process, 300-700 no faster (issue 20).
POOL_MIN_LETTERS_FORKED = 1000


def auto_workers(letters: int) -> int:
    """How many processes render a batch of ``letters``: every core this process may use
    for a large batch, else one (this process)."""
    from circular.letters.renderpool import start_method  # it imports this module

    forked = start_method() == "fork"
    if letters < (POOL_MIN_LETTERS_FORKED if forked else POOL_MIN_LETTERS):
        return 1
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


@dataclass
class _Job:
    """A letter of the batch: its contact, where it goes and what it is made from; or, for a
    letter left as it was, its recorded sha256 (``skipped_sha``)."""

    contact: Contact
    language: str
    name: str
    path: Path
    context: Mapping[str, Any]
    inputs: str
    skipped_sha: str | None = None


def _jobs(
    plan: Sequence[tuple[Contact, str]],
    templates: Mapping[str, LetterTemplate],
    campaign: CampaignLike,
    builder: ContextBuilder,
    out_dir: Path,
    recorded: Mapping[int, Letter],
) -> Iterator[_Job]:
    """Each letter of ``plan``, made lazily (a campaign of 100,000 holds one chunk of
    contexts at a time), with ``skipped_sha`` set where inputs and file are unchanged."""
    for contact, name in plan:
        path = safe_output_path(out_dir, name)
        context = sanitize_context(builder(campaign, contact, contact.language))
        inputs = templates[contact.language].inputs_sha256(context)
        job = _Job(contact, contact.language, name, path, context, inputs)
        previous = recorded.get(contact.id) if contact.id is not None else None
        if (
            previous is not None
            and previous.inputs_sha256 == inputs
            and previous.path == str(path)
            and _file_sha256(path) == previous.sha256
        ):
            job.skipped_sha = previous.sha256
        yield job


@dataclass(frozen=True)
class _Batch:
    """What makes a batch's letters, each from its place in the plan: in this process, or in
    a forked worker of the pool, which inherits it and makes the letters of its share,
    contexts included (``circular.letters.renderpool``)."""

    plan: Sequence[tuple[Contact, str]]
    templates: Mapping[str, LetterTemplate]
    campaign: CampaignLike
    builder: ContextBuilder
    out_dir: Path
    recorded: Mapping[int, Letter]

    def jobs(self, start: int = 0, stop: int | None = None) -> Iterator[_Job]:
        """The jobs of the plan's letters ``start`` to ``stop`` (``_jobs``)."""
        plan = self.plan[start:stop]
        return _jobs(plan, self.templates, self.campaign, self.builder, self.out_dir, self.recorded)

    def job(self, index: int, inputs: str, skipped_sha: str | None) -> _Job:
        """Letter ``index``'s job as another process made it, without its context."""
        contact, name = self.plan[index]
        path = safe_output_path(self.out_dir, name)
        return _Job(contact, contact.language, name, path, {}, inputs, skipped_sha)


def _write_letter(template: LetterTemplate, job: _Job) -> str:
    """Render, check and write ``job``'s letter; its sha256.

    No fsync per letter: the folder is synced once per batch, before the ledger records the
    letters' sha256, and a letter torn by a power cut is told by it (it is rendered again,
    and never sent: see ``circular.sending.outgoing``)."""
    data = template.render_checked(job.context, f"letter {job.name}")
    write_letter(job.path, data)
    return hashlib.sha256(data).hexdigest()


def render_campaign(
    campaign: CampaignLike,
    contacts: Sequence[Contact],
    out_dir: Path,
    ledger: Ledger | None = None,
    progress: Callable[[RenderedLetter], None] | None = None,
    *,
    contact_fields: Iterable[str] | None = None,
    context_for: ContextBuilder | None = None,
    several_per_country: bool | None = None,
    workers: int | None = None,
    template_cache_dir: Path | None = None,
) -> RenderReport:
    """Render one DOCX per contact into ``out_dir`` (``<ISO3>.<lang>.docx``).

    Before anything is written: every contact must have a template for its language and a
    valid country code, and every template's fields must be among ``contact_fields`` (by
    default, those of ``contacts``), else ``ContactError`` / ``TemplateFieldError``.
    Each letter is validated, then written atomically. With a ``ledger``, each letter's sha256
    and inputs hash are recorded against its contact, and a letter whose inputs are unchanged
    and whose file is still intact is skipped. ``progress`` is called after each letter.

    ``workers``: processes rendering letters (the ledger is written here only); by default
    every core once the batch is large enough to pay for starting them (``POOL_MIN_LETTERS``),
    else this process alone.

    ``template_cache_dir``: where prepared templates are kept between runs
    (``circular.letters.prepcache``; the setting ``template_cache``); None: each run
    prepares its templates afresh."""
    started = time.perf_counter()
    builder = context_for or _default_context_builder()
    if several_per_country is None:
        several_per_country = getattr(campaign, "contacts_per_country", 1) > 1
    plan = _plan(campaign, contacts, several_per_country)
    languages = {contact.language for contact, _ in plan}
    fields = set(contact_fields) if contact_fields is not None else contact_fields_of(contacts)
    paths = letter_templates(campaign)
    try:
        signature = campaign_signature(campaign)
    except SignatureError as error:
        raise LetterError(str(error)) from None
    cache = template_cache(template_cache_dir)
    templates = {
        language: LetterTemplate(paths[language], language, signature=signature, cache=cache)
        for language in sorted(languages)
    }
    problems = check_templates(campaign, fields, languages, builder, prepared=templates)
    if problems:
        raise TemplateFieldError(problems)
    ids = [contact.id for contact, _ in plan if contact.id is not None]
    recorded = _recorded(ledger, campaign.id, ids) if ledger is not None else {}
    if context_for is None and ledger is not None:
        from circular.letters.links import reply_urls

        # Each letter carries its contact's personal link ({{ reply_url }}) and its QR code.
        builder = _with_reply_urls(reply_urls(ledger, campaign.id, ids))
    # Absolute, so the ledger names the same file whatever folder the next run starts in.
    out_dir = Path(out_dir).resolve()
    report = RenderReport()
    pending: list[_Pending] = []
    batch = _Batch(plan, templates, campaign, builder, out_dir, recorded)
    count = workers if workers is not None else auto_workers(len(plan))
    if count > 1:
        from circular.letters.renderpool import render_in_pool  # it imports this module

        done = render_in_pool(batch, count)
    else:
        done = (
            (job, job.skipped_sha or _write_letter(templates[job.language], job))
            for job in batch.jobs()
        )
    while True:
        try:
            job, sha = next(done)
        except StopIteration:
            break
        except OSError as error:
            _record_pending(ledger, campaign.id, out_dir, pending)
            raise LetterWriteError(
                f"cannot write letter {error.filename}: {error.strerror or error}; "
                f"the {len(report.letters)} letters before it are whole and none is "
                "half written: free space (or fix the folder) and run the rendering again"
            ) from None
        contact = job.contact
        skipped = job.skipped_sha is not None
        if not skipped and ledger is not None and contact.id is not None:
            pending.append(_Pending(contact, job.path, sha, job.inputs))
            if len(pending) >= RECORD_BATCH:
                _record_pending(ledger, campaign.id, out_dir, pending)
        letter = RenderedLetter(contact.iso3, contact.language, job.path, sha, skipped, contact.id)
        report.letters.append(letter)
        if progress is not None:
            progress(letter)
    if not _record_pending(ledger, campaign.id, out_dir, pending) and report.rendered:
        sync_folder(out_dir)
    report.seconds = time.perf_counter() - started
    return report

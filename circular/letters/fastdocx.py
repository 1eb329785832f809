"""Fast path for docxtpl letters: prepare a Word template once, render many letters from it.

docxtpl's ``DocxTemplate(path).render(context, env)`` + ``save`` re-reads the whole package
with python-docx, re-runs its regex preprocessing (``patch_xml``) and recompiles every Jinja
part for every letter, then re-serialises every XML part. For one template and many contexts
almost all of that work is the same each time. ``PreparedTemplate`` does it once:

- the body, each header and each footer go through docxtpl's own ``patch_xml`` once and are
  compiled once in the caller's Jinja environment (so the sandbox, autoescape and
  ``StrictUndefined`` of a ``SandboxedEnvironment`` apply exactly as with docxtpl);
- parts docxtpl rewrites without any per-letter input (a header with no tags, the core
  properties docxtpl "renders", static footnotes) are rewritten once by docxtpl's own code;
- the package is saved once by python-docx, the way docxtpl saves it, and its zip members are
  kept compressed: a letter is those bytes copied as they are plus the few rendered parts.

Per letter only the Jinja rendering, docxtpl's post-processing of the rendered XML (the
``{_{`` escapes, ``resolve_listing`` for ``\\n``/``\\a``/``\\t``/``\\f``, ``fix_tables``, the
``wp:docPr`` renumbering) and the lxml round trip python-docx applies on save remain, so every
part of a letter is byte-for-byte docxtpl's (the zip container differs: deterministic
timestamps, only the rendered parts recompressed, per-letter images stored as they are).

The body's lxml round trip is left out too where the template allows it to be shown exact
(``_prepare_written_body``): its static text is written once the way python-docx writes it,
so that Jinja's output already is the part, and the first letter that may use it is compared
with the round trip's bytes (issue 20: 0.44 to 0.24 ms a letter for ``render_parts``).

``fix_tables`` (docxtpl's repair of tables whose rows a ``{%tc %}`` loop made longer than
their grid) is left out where it provably changes nothing (``_tables_are_static``): no table
element or attribute comes from a Jinja block or expression, so every letter's tables are the
template's, and the first letter showed the fix to be an identity on them.

Templates or contexts needing what only a live python-docx package can do are left to docxtpl:
``supported`` is False for templates whose footnotes hold tags (docxtpl renders those once per
section, with surprising results) or whose header/footer relationships share a part, and
``render_bytes`` raises ``FastPathUnsupported`` for contexts holding ``InlineImage`` or
``Subdoc`` objects (they add parts and relationships to the package while rendering).

An image that is the same in every letter (a campaign's signature) is added to the package
once, when the template is prepared (``images``); ``image_xml`` gives the XML that goes in
its tag's place, the XML docxtpl's ``InlineImage`` writes, to put in the context as markup.
An image that differs per letter but not in size (a QR code of the letter's link) is added
the same way from a placeholder and named in ``letter_images``: the relationship, the content
type and the XML are the placeholder's, and ``render_bytes(context, media=...)`` puts the
letter's own bytes in the placeholder's zip member.
"""

from __future__ import annotations

import copy
import functools
import io
import re
import struct
import zipfile
import zlib
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import CodeType
from typing import Any

import jinja2
from docx import Document
from docx.opc.coreprops import CoreProperties
from docx.opc.oxml import serialize_part_xml
from docx.opc.pkgwriter import PackageWriter
from docx.oxml.parser import parse_xml
from docxtpl import DocxTemplate, InlineImage
from jinja2 import meta, nodes
from jinja2.compiler import CodeGenerator, Frame
from lxml import etree

__all__ = ["FastPathUnsupported", "PreparedTemplate"]

try:  # Subdoc needs docxcompose, an optional dependency of docxtpl.
    from docxtpl import Subdoc

    _PACKAGE_CHANGING: tuple[type, ...] = (InlineImage, Subdoc)
except ImportError:  # pragma: no cover - docxcompose is installed with docxtpl here
    _PACKAGE_CHANGING = (InlineImage,)

#: The core properties docxtpl's ``render_properties`` passes through Jinja (docxtpl 0.20.2).
CORE_PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")

FOOTNOTES_CONTENT_TYPE = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
)

#: What docxtpl's ``render_xml_part`` undoes after rendering: its ``{_{`` escapes.
_ESCAPES = (("{_{", "{{"), ("}_}", "}}"), ("{_%", "{%"), ("%_}", "%}"))

#: The characters ``resolve_listing`` turns into breaks, tabs and paragraphs. It changes only
#: those inside a ``<w:t>`` element's text (from ``<w:t ...>`` to the first ``</w:t>``, as its
#: own regular expression reads it): without any there it returns its input unchanged and costs
#: three nested regex passes for nothing. The XML around the text may hold newlines (an image's,
#: as python-docx writes it, in every letter with a QR code), which must not trigger it.
_LISTING_CHARACTERS = ("\t", "\a", "\n", "\f")
_TEXT = re.compile(r"<w:t(?: [^>]*)?>(.*?)</w:t>", re.DOTALL)


def _needs_listing(xml: str) -> bool:
    """Whether docxtpl's ``resolve_listing`` could change ``xml``: a listing character in the
    text of a ``<w:t>`` (a superset of what it changes, so skipping it when False is exact)."""
    if not any(character in xml for character in _LISTING_CHARACTERS):
        return False
    texts = "".join(_TEXT.findall(xml))
    return any(character in texts for character in _LISTING_CHARACTERS)


#: Where a Jinja tag was, while the body's static text is normalised (``_written_chunks``):
#: characters of Unicode's private use area, kept as they are by lxml, never in a template.
_HOLE = "\ue000{}\ue001"
_HOLES = re.compile("\ue000([0-9]+)\ue001")
#: A start tag ending a piece of the body (static text or an image's XML), the tag's name.
_TRAILING_START_TAG = re.compile(r"<([^\s<>/!?][^\s<>/]*)(?:\s[^<>]*[^<>/])?>\Z")

#: Parsers the same as docxtpl's and python-docx's (python-docx's element classes are not
#: needed to serialise, and plain elements are cheaper to build).
_BODY_PARSER = etree.XMLParser(recover=True)  # docxtpl's fix_tables parser
_PART_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False)  # python-docx's

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
_DOCPR = etree.XPath("//wp:docPr", namespaces={"wp": _WP})
#: docxtpl's ``render_init`` restarts ``docx_ids_index`` here for every letter.
_DOCPR_FIRST_ID = 1000

# Zip: every member dated 1980-01-01 00:00 (the earliest DOS date) so that equal letters are
# equal bytes.
_DOS_DATE = (1 << 5) | 1
_DOS_TIME = 0
_UTF8_NAME = 0x800


#: Core properties parts kept per template: per-letter values (a contact's name in the title)
#: would otherwise grow the cache without end.
_CORE_PARTS_KEPT = 64


class FastPathUnsupported(Exception):
    """The template or the context needs docxtpl itself; render this letter with docxtpl."""


class _Member:
    """A zip member, its data already compressed, with its zip records built once (a letter
    copies the records of its unchanged members as they are)."""

    __slots__ = ("central_head", "local", "name")

    def __init__(self, name: bytes, method: int, crc: int, compressed: bytes, size: int) -> None:
        self.name = name
        flags = 0 if name.isascii() else _UTF8_NAME
        sizes = (crc, len(compressed), size, len(name))
        local_header = struct.pack(
            "<IHHHHHIIIHH", 0x04034B50, 20, flags, method, _DOS_TIME, _DOS_DATE, *sizes, 0
        )
        self.local = local_header + name + compressed
        # The central record minus the member's offset, which depends on the letter.
        self.central_head = struct.pack(
            "<IHHHHHHIIIHHHHHI", 0x02014B50, 20, 20, flags, method, _DOS_TIME, _DOS_DATE,
            *sizes, 0, 0, 0, 0, 0,
        )  # fmt: skip

    def central_record(self, offset: int) -> bytes:
        return self.central_head + struct.pack("<I", offset) + self.name

    @classmethod
    def restored(cls, name: bytes, local: bytes, central_head: bytes) -> _Member:
        """A member from the records a ``PreparedTemplate.snapshot`` kept."""
        member = cls.__new__(cls)
        member.name, member.local, member.central_head = name, local, central_head
        return member


#: python-docx's save deflates every member at zlib's default level (``zipfile``'s).
_SAVE_LEVEL = zlib.Z_DEFAULT_COMPRESSION


class _Collector:
    """What python-docx's ``PackageWriter`` writes, collected in order instead of zipped
    (its ``PhysPkgWriter`` interface: ``write``)."""

    def __init__(self) -> None:
        self.written: list[tuple[str, bytes]] = []

    def write(self, pack_uri: Any, blob: bytes) -> None:
        self.written.append((pack_uri.membername, blob))


def _template_members(package: bytes) -> dict[str, tuple[zipfile.ZipInfo, bytes]]:
    """Each member of a zip with its data as stored (compressed), by name."""
    members = {}
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        for info in archive.infolist():
            start = info.header_offset
            name_length, extra_length = struct.unpack_from("<HH", package, start + 26)
            data_start = start + 30 + name_length + extra_length
            members[info.filename] = (info, package[data_start : data_start + info.compress_size])
    return members


def _as_in_template(
    stored: tuple[zipfile.ZipInfo, bytes] | None, data: bytes
) -> tuple[int, bytes] | None:
    """The template's member (its method and stored bytes) when it holds exactly ``data``,
    inflated and compared byte for byte (not trusted on its CRC), else None."""
    if stored is None:
        return None
    info, compressed = stored
    if info.file_size != len(data) or zlib.crc32(data) != info.CRC:
        return None
    if info.compress_type == zipfile.ZIP_STORED:
        held = compressed
    elif info.compress_type == zipfile.ZIP_DEFLATED:
        try:
            held = zlib.decompress(compressed, -15)
        except zlib.error:
            return None
    else:
        return None
    return (info.compress_type, compressed) if held == data else None


def _saved_members(
    document: Any, template: bytes
) -> tuple[list[_Member], dict[str, tuple[int, int]]]:
    """The members python-docx's ``save`` writes for ``document`` (the same parts, in its
    order), and the CRC-32 and size of each that is the template's own member, byte for byte.

    A member holding the very bytes of the template's member of that name is copied as the
    template stores it, compressed, instead of being deflated again (issue 20: most of a
    template, its styles above all, goes through python-docx unchanged); only the others
    are deflated, as python-docx deflates them. The parts are python-docx's either way."""
    package = document.part.package
    for part in package.parts:
        part.before_marshal()  # as OpcPackage.save does
    collector = _Collector()
    PackageWriter._write_content_types_stream(collector, package.parts)
    PackageWriter._write_pkg_rels(collector, package.rels)
    PackageWriter._write_parts(collector, package.parts)
    stored = _template_members(template)
    members: list[_Member] = []
    same: dict[str, tuple[int, int]] = {}
    for name, data in collector.written:
        crc = zlib.crc32(data)
        copied = _as_in_template(stored.get(name), data)
        if copied is None:
            copied = (zipfile.ZIP_DEFLATED, _zlib_deflate(data, _SAVE_LEVEL))
        else:
            same[name] = (crc, len(data))
        members.append(_Member(name.encode("utf-8"), copied[0], crc, copied[1], len(data)))
    return members, same


def _zlib_deflate(data: bytes, level: int) -> bytes:
    compressor = zlib.compressobj(level, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush()


def _deflated(name: bytes, data: bytes, deflate: Callable[[bytes], bytes]) -> _Member:
    return _Member(name, zipfile.ZIP_DEFLATED, zlib.crc32(data), deflate(data), len(data))


def _zip(members: list[_Member]) -> bytes:
    local: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for member in members:
        central.append(member.central_record(offset))
        local.append(member.local)
        offset += len(member.local)
    directory = b"".join(central)
    if len(members) > 0xFFFF or offset + len(directory) > 0xFFFFFFFF:
        raise ValueError("a letter this large needs ZIP64, which the fast path does not write")
    end = struct.pack(
        "<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(directory), offset, 0
    )
    return b"".join(local) + directory + end


#: Where each static chunk of the body stands while it is compiled (``_chunked_code``):
#: characters of Unicode's private use area, never in a template's text (a body that has
#: them is compiled as it is, twice).
_CHUNK = "\ue002{}\ue003"
_CHUNKS = re.compile("\ue002([0-9]+)\ue003")


@functools.cache
def _tracking(generator: type[CodeGenerator]) -> type[CodeGenerator]:
    """``generator``, also noting the names a template reads from its context as Jinja's
    ``meta.find_undeclared_variables`` notes them (its generator does nothing else)."""

    class Tracking(generator):  # type: ignore[valid-type,misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.undeclared: set[str] = set()

        def enter_frame(self, frame: Frame) -> None:
            super().enter_frame(frame)
            for action, name in frame.symbols.loads.values():
                if action == "resolve" and name not in self.environment.globals:
                    self.undeclared.add(name)

    return Tracking


def _chunked_code(
    environment: jinja2.Environment, tree: nodes.Template
) -> tuple[CodeType | None, frozenset[str]]:
    """``tree`` compiled with each of its static chunks (``TemplateData``) in place as a
    numbered marker (None where a chunk holds a marker's characters), and the names it reads
    from its context (``meta.find_undeclared_variables``'s, noted by the same pass).

    Jinja's code for a tree does not depend on what its chunks say: each is a string
    constant put out as it is (never escaped, never folded with the values around it), and
    only its text differs between the body and the written body (``_prepare_written_body``).
    So the tree goes through Jinja's code generator and Python's compiler once, and each
    template is that code with its own chunks in the constants (``_with_chunks``): 2.5 ms a
    template, 1.5 ms more for its fields (issue 20); ``tests/letters/test_fastdocx.py``
    checks the code and the names are Jinja's own."""
    chunks = list(tree.find_all(nodes.TemplateData))
    if any("\ue002" in chunk.data or "\ue003" in chunk.data for chunk in chunks):
        return None, frozenset(meta.find_undeclared_variables(tree))
    kept = [chunk.data for chunk in chunks]
    try:
        for number, chunk in enumerate(chunks):
            chunk.data = _CHUNK.format(number)
        # What ``environment.compile(tree)`` does, with the tracking generator.
        generator = _tracking(environment.code_generator_class)(
            environment, None, None, optimized=environment.optimized
        )
        generator.visit(tree)
        code = environment._compile(generator.stream.getvalue(), "<template>")
    finally:
        for chunk, data in zip(chunks, kept, strict=True):
            chunk.data = data
    return code, frozenset(generator.undeclared)


@dataclass(frozen=True)
class ParsedBody:
    """A body's source as it is compiled (``paragraph_lines``), parsed and compiled once
    (``_chunked_code``), with the names it reads from its context: read for its fields,
    then prepared (``PreparedTemplate(body=)``)."""

    source: str
    tree: nodes.Template
    code: CodeType | None
    undeclared: frozenset[str]


def parse_body(environment: jinja2.Environment, source: str) -> ParsedBody:
    """The body of patched ``source`` parsed and compiled; raises Jinja's syntax errors."""
    lines = paragraph_lines(source)
    tree = environment.parse(lines)
    return ParsedBody(lines, tree, *_chunked_code(environment, tree))


def _with_chunks(code: CodeType, texts: list[str]) -> CodeType:
    """``code`` from ``_chunked_code`` with chunk ``n``'s marker replaced by ``texts[n]`` in
    every constant, in every function it defines."""

    def constant(value: Any) -> Any:
        if type(value) is str and "\ue002" in value:
            return _CHUNKS.sub(lambda found: texts[int(found.group(1))], value)
        if type(value) is tuple:
            return tuple(constant(item) for item in value)
        if isinstance(value, CodeType):
            return _with_chunks(value, texts)
        return value

    return code.replace(co_consts=tuple(constant(value) for value in code.co_consts))


def paragraph_lines(source: str) -> str:
    """A part's patched source as it is compiled: docxtpl's render_xml_part's own
    preprocessing, a line per paragraph (for error line numbers)."""
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", source)


def _is_static(environment: jinja2.Environment, source: str) -> bool:
    """True when ``source`` has no Jinja tag at all, so rendering it gives it back unchanged
    whatever the context."""
    return all(kind == "data" for _, kind, _ in environment.lex(source))


@dataclass
class _Part:
    """One part rendered per letter: its zip member, its compiled template and, for error
    messages, the preprocessed source lines (docxtpl shows the lines around a failing tag)."""

    member: bytes
    template: jinja2.Template
    source_lines: list[str]
    is_body: bool
    #: The template's code (kept by ``snapshot``).
    code: CodeType


class PreparedTemplate:
    """A DOCX template prepared once: docxtpl's XML preprocessing (its patch_xml / tag
    normalisation, so tags split across Word runs, ``{%p %}``, ``{%tr %}``, ``{%r %}`` etc.
    behave exactly as in docxtpl) done once per part, each Jinja part compiled once in the
    given environment, and the untouched zip members kept as raw bytes.

    ``render_bytes`` gives the same parts as ``DocxTemplate(path).render(context, jinja_env)``
    followed by ``save``. Rendering keeps no state between letters and only reads what was
    prepared, so one instance may serve several threads.
    """

    def __init__(
        self,
        path: Path | str | bytes,
        jinja_env: jinja2.Environment,
        *,
        compresslevel: int = 6,
        deflate: Callable[[bytes], bytes] | None = None,
        images: Mapping[str, Callable[[Any], str]] | None = None,
        letter_images: Collection[str] = (),
        opened: DocxTemplate | None = None,
        body_source: str | None = None,
        body: ParsedBody | None = None,
    ) -> None:
        """Read and prepare the template at ``path`` (or the template's bytes, for a caller
        that already read and hashed them); Jinja syntax errors in any part are raised here.

        ``compresslevel`` is zlib's deflate level of the rendered parts (python-docx, and so
        docxtpl, use zlib's default, 6); ``deflate``, when given, raw-deflates them instead
        (``circular.letters.deflate.deflate_part``). ``images`` maps a context field to a
        function that adds its image to the document part given and returns the XML for its tag (see
        ``image_xml``); such a field may only be used in the body. The fields named in
        ``letter_images`` are placeholders each letter gives its own bytes for (``media``).

        ``opened``: the template's ``DocxTemplate``, its document already read (by
        ``circular.letters.fields.opened_sources``: the caller read its fields from it), and
        ``body_source`` the body's patched source read then; the package is not opened and
        the body not patched a second time (a fifth of a template's preparation);
        ``body``, that source parsed and compiled (``parse_body``, for its fields), is not
        parsed or compiled again."""
        #: How messages name the template.
        self.path = Path("<bytes>") if isinstance(path, bytes) else Path(path)
        source: io.BytesIO | str = io.BytesIO(path) if isinstance(path, bytes) else str(path)
        self.environment = jinja_env
        self._deflate = deflate or functools.partial(_zlib_deflate, level=compresslevel)
        self._unsupported: list[str] = []
        #: The body's code with its chunks as markers (``_chunked_code``), while preparing.
        self._body_code: CodeType | None = None
        self._parts: list[_Part] = []
        self._core_templates: dict[str, jinja2.Template] = {}
        self._core_sources: dict[str, str] = {}
        self._core_codes: dict[str, CodeType] = {}
        self._core_member = b""
        #: The core properties part made for each tuple of rendered values (bounded).
        self._core_parts: dict[tuple[str, ...], bytes] = {}
        #: The last zip member made of each rendered part, with the bytes it was made of.
        self._made: dict[bytes, tuple[bytes, _Member]] = {}
        #: Whether docxtpl's fix_tables may be skipped: None until the first letter whose
        #: tables are the template's tells (see ``_body_xml``).
        self._skip_table_fix: bool | None = None

        # docxtpl's methods used below keep no per-letter state in the instance (patch_xml,
        # get_part_xml, render_footnotes, map_headers_footers_xml work on the package given).
        if opened is None:
            self._docxtpl = DocxTemplate(source)
            self._docxtpl.docx = document = Document(source)
            body_source, body = None, None
        else:
            self._docxtpl = opened
            document = opened.get_docx()

        self._prepare_body(document, body_source, body)
        self._prepare_headers_footers()
        self._prepare_core_properties(document)
        self._prepare_footnotes()
        self._images: dict[str, str] = {}
        #: The zip member of each per-letter image (``letter_images``).
        self._media: dict[str, bytes] = {}
        # In the order docxtpl adds them (rendering the body top to bottom), so that image
        # part names and relationship ids are docxtpl's.
        for name, add_image in sorted((images or {}).items(), key=self._body_position):
            self._add_image(document, name, add_image, per_letter=name in letter_images)
        self._refuse_images_outside_the_body()
        #: The markup a context may hold without changing the tables: the images' XML.
        self._known_markup = frozenset(self._images.values())

        template = path if isinstance(path, bytes) else Path(path).read_bytes()
        self._members, same = _saved_members(document, template)
        #: The (CRC-32, size) of each member that is the template's own, byte for byte
        #: (inflated and compared when prepared): a letter's member with that name, CRC
        #: and size is the template's part (``validate_docx``'s ``known_crcs``).
        self.template_crcs = same
        #: Index of each rendered member among the package's members (python-docx's order).
        self._slots = self._rendered_slots()
        #: The body compiled from its source normalised the way python-docx writes it (see
        #: ``_prepare_written_body``); None where that cannot be shown exact.
        self._written: tuple[Any, ...] | None = None
        self._written_body = self._prepare_written_body()
        self._body_code = None
        #: Whether the written body is used: None until the first letter showed it gives
        #: the bytes of the lxml round trip, then True (or False: every letter goes through
        #: lxml).
        self._use_written_body: bool | None = None if self._written_body is not None else False
        if self._core_templates:
            # The live element, not a re-parse of its bytes: docxtpl's empty properties are
            # empty text nodes (``<dc:language></dc:language>``), which a parse would lose.
            self._core_element = document.part.package._core_properties_part.element

    # ------------------------------------------------------------------ preparation

    def _compile(
        self, source: str, member: str, is_body: bool, body: ParsedBody | None = None
    ) -> tuple[str, nodes.Template]:
        """Compile a part; its source as compiled and its syntax tree (parsed once, for the
        compiler and for ``_tables_are_static``; ``body`` when the caller parsed and
        compiled the body already)."""
        source = paragraph_lines(source)
        lines = source.splitlines()
        try:
            if is_body and body is not None:
                tree, self._body_code = body.tree, body.code
            else:
                tree = self.environment.parse(source)
                if is_body:
                    # Compiled once for the body and the written body (``_chunked_code``).
                    self._body_code = _chunked_code(self.environment, tree)[0]
            if is_body and self._body_code is not None:
                chunks = [chunk.data for chunk in tree.find_all(nodes.TemplateData)]
                code = _with_chunks(self._body_code, chunks)
            else:
                code = self.environment.compile(tree)  # what ``from_string`` compiles
        except jinja2.TemplateSyntaxError as error:
            _attach_docx_context(error, lines)
            raise
        template = self._template_of(code)
        self._parts.append(_Part(member.encode("utf-8"), template, lines, is_body, code))
        return source, tree

    def _prepare_body(self, document: Any, source: str | None, body: ParsedBody | None) -> None:
        if source is None:
            source = self._docxtpl.patch_xml(self._docxtpl.get_xml())
        member = document.part.partname.membername
        compiled, tree = self._compile(source, member, is_body=True, body=body)
        #: The body's tokens, lexed once for ``_tables_are_static`` and
        #: ``_prepare_written_body`` (a lex is a third of a parse).
        self._body_tokens: list[tuple[int, str, str]] = list(self.environment.lex(compiled))
        self._tables_static = _tables_are_static(self.environment, self._body_tokens, tree)
        self._body_source = compiled
        #: Its syntax tree, compiled already: ``_prepare_written_body`` writes its text anew
        #: and compiles it once more instead of parsing the source again (a tenth of a
        #: template's preparation). Compiling folds constant expressions, no more.
        self._body_tree: nodes.Template | None = tree
        # python-docx serialises the document element on save; docxtpl swaps its body for the
        # rendered one. Keep the element without its body and where the body goes.
        root = document.element
        self._body_index = root.index(root.body)
        self._root_shell = etree.fromstring(etree.tostring(root))
        del self._root_shell[self._body_index]

    def _prepare_written_body(self) -> jinja2.Template | None:
        """The body compiled once more, its static text (every chunk between Jinja tags, with
        the XML around the body) replaced by what python-docx writes for it, so that a
        letter's rendering is already the part's bytes, without lxml's parse and
        serialisation of every letter (``_written_body_xml``).

        Only where the result is provably the round trip's: the tables are static (which
        also says no Jinja tag is inside an XML tag, a comment or a CDATA section, so a
        value is always text; autoescaping is on and nothing is marked safe), and the text
        holds none of what docxtpl's post-processing would change (``{_{`` escapes,
        listing characters, a carriage return). lxml serialises each element where it is,
        so the chunks come from the round trip of the whole body with a marker in place of
        each tag; what can still differ per letter is put right per letter: markupsafe's
        ``&#34;``/``&#39;`` (lxml writes the quotes as they are in text), an element left
        empty (lxml writes ``<x/>``) and the drawings' ids. None when the template does
        not qualify."""
        source = self._body_source
        tree, self._body_tree = self._body_tree, None
        tokens, self._body_tokens = self._body_tokens, []
        if tree is None or not self._tables_static or any(c in source for c in "\ue000\ue001\r"):
            return None
        pieces: list[str] = []
        data: list[str] = []
        holes = 0
        for _, kind, value in tokens:
            if kind == "data":
                pieces.append(value)
                data.append(value)
            elif not pieces or not _HOLES.fullmatch(pieces[-1]):
                pieces.append(_HOLE.format(holes))
                holes += 1
        chunks = list(tree.find_all(nodes.TemplateData))
        if [chunk.data for chunk in chunks] != data or len(data) != holes + 1:
            return None  # not data, tag, data, ..., data: leave the body to lxml
        joined = "".join(pieces).replace("\n<w:p ", "<w:p ").replace("\n<w:p>", "<w:p>")
        if any(escaped in joined for escaped, _ in _ESCAPES) or _needs_listing(joined):
            return None
        written = self._lxml_body(etree.fromstring(joined, _BODY_PARSER)).decode("utf-8")
        split = _HOLES.split(written)
        if split[1::2] != [str(number) for number in range(holes)]:
            return None
        texts = split[0::2]
        if any(_unwritable(text) for text in texts):
            return None
        written_images = self._written_images(joined)
        if written_images is None:
            return None
        #: Each image's XML as given, as written, and its newlines (python-docx's indents).
        self._image_forms = [(xml, text, xml.count("\n")) for xml, text in written_images.items()]
        # Whether a letter's listing characters can be told docxtpl's resolve_listing's by
        # counting: none in the static text, and an image's only between its leading
        # ``</w:t>`` and its trailing ``<w:t ...>``, never inside a text (``_needs_listing``).
        # The XML declaration's line break, before any text, is in every letter once.
        head = texts[0][: texts[0].find("<w:t")] if "<w:t" in texts[0] else texts[0]
        self._fixed_newlines = head.count("\n")
        inner = [texts[0][len(head) :], *texts[1:]]
        self._listing_counted = not any(
            character in text for text in inner for character in _LISTING_CHARACTERS
        ) and all(
            xml.startswith("</w:t>")
            and xml.count("<w:t") == 1
            and "\n<w:p" not in xml
            and xml.endswith('<w:t xml:space="preserve">')
            and not any(character in xml for character in "\t\a\f")
            for xml in written_images
        )
        if self._body_code is None:
            for chunk, text in zip(chunks, texts, strict=True):
                chunk.data = text
        # An element can be left empty only where a piece of the body ends with a start tag
        # and a tag's output (empty for this letter) comes before the end tag.
        ends = [*texts[:-1], *written_images.values()]
        self._empty_elements = []
        for text in ends:
            found = _TRAILING_START_TAG.search(text)
            if found is not None:
                start = found.group(0)
                pair = (f"{start}</{found.group(1)}>", start[:-1] + "/>")
                if pair not in self._empty_elements:
                    self._empty_elements.append(pair)
        code = (
            _with_chunks(self._body_code, texts)
            if self._body_code is not None
            else self.environment.compile(tree)
        )
        #: The written body's code and what its letters are put right by (``snapshot``).
        self._written = (
            code,
            self._image_forms,
            self._fixed_newlines,
            self._listing_counted,
            self._empty_elements,
        )
        return self._template_of(code)

    def _rendered_slots(self) -> dict[bytes, int]:
        names = [member.name for member in self._members]
        rendered = {part.member for part in self._parts} | set(self._media.values())
        if self._core_templates:
            rendered.add(self._core_member)
        return {name: names.index(name) for name in rendered}

    def _template_of(self, code: CodeType) -> jinja2.Template:
        """A template of code compiled in this environment (as ``from_string`` makes it)."""
        environment = self.environment
        template_class = environment.template_class
        return template_class.from_code(environment, code, environment.make_globals(None))

    def _written_images(self, body: str) -> dict[str, str] | None:
        """The XML of each prepared image (``image_xml``) as python-docx writes it in the
        body (lxml drops the namespace declarations the document element already makes),
        or None where that cannot be told. ``body``: the body's source, with its start tag
        and the declarations on it."""
        if not body.startswith("<w:body"):
            return None
        start_tag = body[: body.index(">") + 1]
        written: dict[str, str] = {}
        for xml in self._images.values():
            probe = f"{start_tag}<w:p><w:r><w:t>\ue000{xml}\ue001</w:t></w:r></w:p></w:body>"
            text = self._lxml_body(etree.fromstring(probe, _BODY_PARSER)).decode("utf-8")
            inside = text.split("\ue000")
            if len(inside) != 2 or inside[1].count("\ue001") != 1:
                return None
            written[xml] = inside[1].partition("\ue001")[0]
            if _unwritable(written[xml]):
                return None
        return written

    def _prepare_headers_footers(self) -> None:
        tpl = self._docxtpl
        seen: dict[int, str] = {}
        for uri in (tpl.HEADER_URI, tpl.FOOTER_URI):
            for rel_key, part in list(tpl.get_headers_footers(uri)):
                if id(part) in seen:
                    # docxtpl would write two parts with one name; leave it to docxtpl.
                    self._unsupported.append(
                        f"relationships {seen[id(part)]} and {rel_key} share {part.partname}"
                    )
                    continue
                seen[id(part)] = rel_key
                # get_part_xml serialises without an XML declaration, so docxtpl's encoding
                # lookup always finds UTF-8.
                source = tpl.patch_xml(tpl.get_part_xml(part))
                if _is_static(self.environment, source):
                    # Rendered once, as docxtpl renders it for every letter.
                    rendered = tpl.render_xml_part(source, part, {}, self.environment)
                    tpl.map_headers_footers_xml(rel_key, rendered.encode("utf-8"))
                else:
                    self._compile(source, part.partname.membername, is_body=False)

    def _prepare_core_properties(self, document: Any) -> None:
        properties = document.core_properties  # creates docProps/core.xml when missing
        for name in CORE_PROPERTIES:
            initial = getattr(properties, name)
            if _is_static(self.environment, initial):
                # docxtpl sets every one of them, even unchanged (an empty element appears).
                # Jinja gives text without tags back as it is, but for its line ends (a
                # trailing one dropped, others normalised): only then is it compiled.
                rendered = initial
                if "\n" in initial or "\r" in initial:
                    rendered = self.environment.from_string(initial).render({})
                setattr(properties, name, rendered)
            else:
                code = self.environment.compile(initial)  # what ``from_string`` compiles
                self._core_templates[name] = self._template_of(code)
                self._core_sources[name] = initial
                self._core_codes[name] = code
        self._core_member = document.part.package._core_properties_part.partname.membername
        self._core_member = self._core_member.encode("utf-8")

    def _prepare_footnotes(self) -> None:
        tpl = self._docxtpl
        footnotes = [
            part
            for part in tpl.docx.part.package.parts
            if part.content_type == FOOTNOTES_CONTENT_TYPE
        ]
        for part in footnotes:
            blob = part.blob.decode("utf-8") if isinstance(part.blob, bytes) else part.blob
            source = tpl.patch_xml(blob)
            escaped = any(escape in source for escape, _ in _ESCAPES)
            if escaped or not _is_static(self.environment, source):
                self._unsupported.append(f"{part.partname} holds template tags")
        if footnotes and not self._unsupported:
            # Static footnotes: docxtpl's own pass (once per section) gives the same bytes
            # for any context.
            tpl.render_footnotes({}, self.environment)

    def _body_position(self, item: tuple[str, object]) -> int:
        """Where image field ``item[0]`` is first used in the body's source (the end if not)."""
        source = "\n".join(next(p for p in self._parts if p.is_body).source_lines)
        found = re.search(r"\{\{-?\s*" + re.escape(item[0]) + r"\b", source)
        return found.start() if found else len(source)

    def _add_image(
        self, document: Any, name: str, add_image: Callable[[Any], str], *, per_letter: bool
    ) -> None:
        package = document.part.package
        before = {id(part) for part in package.iter_parts()}
        self._images[name] = add_image(document.part)
        if not per_letter:
            return
        added = [part for part in package.iter_parts() if id(part) not in before]
        if len(added) != 1:
            # python-docx reused an image already in the package: replacing its bytes would
            # change that image too. Leave such templates to docxtpl.
            self._unsupported.append(f"image {name!r} is not a part of its own")
            return
        self._media[name] = added[0].partname.membername.encode("utf-8")

    def _refuse_images_outside_the_body(self) -> None:
        # The image's relationship belongs to the document part: in a header it would point
        # nowhere. docxtpl adds it to the part being rendered; leave such templates to it.
        for part in self._parts:
            if part.is_body:
                continue
            used = {chain.split(".")[0] for chain in self._part_fields(part)}
            for name in sorted(used & set(self._images)):
                self._unsupported.append(f"image {name!r} in {part.member.decode()}")

    def _part_fields(self, part: _Part) -> set[str]:
        return _field_chains(self.environment, "\n".join(part.source_lines))

    # ------------------------------------------------------------------ snapshot

    def snapshot(self) -> dict[str, Any] | None:
        """What rendering reads of this prepared template, as plain values and code objects
        (what ``marshal`` writes: ``circular.letters.prepcache``), for ``restored``; None for
        a template that keeps live python-docx state per letter (core properties holding
        tags: their element is copied per letter) or that the fast path does not support."""
        if self._unsupported:
            return None
        core = None
        if self._core_templates:
            core = _element_snapshot(self._core_element)
            if core is None:
                return None
        return {
            "core": [
                (name, self._core_codes[name], self._core_sources[name])
                for name in self._core_codes
            ],
            "core_element": core,
            "parts": [
                (part.member, part.code, part.source_lines, part.is_body) for part in self._parts
            ],
            "members": [(m.name, m.local, m.central_head) for m in self._members],
            "template_crcs": self.template_crcs,
            "core_member": self._core_member,
            "images": self._images,
            "media": self._media,
            "root_shell": etree.tostring(self._root_shell),
            "body_index": self._body_index,
            "tables_static": self._tables_static,
            "written": self._written,
        }

    @classmethod
    def restored(
        cls,
        snapshot: Mapping[str, Any],
        template: bytes,
        jinja_env: jinja2.Environment,
        *,
        deflate: Callable[[bytes], bytes],
    ) -> PreparedTemplate:
        """The template ``snapshot`` (``snapshot()`` of ``template``'s preparation in an
        environment configured as ``jinja_env``) was taken of, without preparing it again:
        no python-docx, no ``patch_xml``, no Jinja parse or compile. Its letters are the
        prepared template's, byte for byte (``tests/letters/test_prepcache.py``)."""
        self = cls.__new__(cls)
        self.path = Path("<bytes>")
        self.environment = jinja_env
        self._deflate = deflate
        self._unsupported = []
        # docxtpl's fix_tables and resolve_listing read nothing of the package, which is
        # never opened here.
        self._docxtpl = DocxTemplate(io.BytesIO(template))
        self._parts = [
            _Part(member, self._template_of(code), list(lines), is_body, code)
            for member, code, lines, is_body in snapshot["parts"]
        ]
        self._core_templates, self._core_sources, self._core_parts = {}, {}, {}
        self._core_codes = {}
        for name, code, source in snapshot["core"]:
            self._core_templates[name] = self._template_of(code)
            self._core_sources[name], self._core_codes[name] = source, code
        if snapshot["core_element"] is not None:
            self._core_element = _element_restored(*snapshot["core_element"])
        self._core_member = snapshot["core_member"]
        self._made = {}
        self._skip_table_fix = None
        self._body_code = None
        self._images = dict(snapshot["images"])
        self._media = dict(snapshot["media"])
        self._known_markup = frozenset(self._images.values())
        self._members = [_Member.restored(*member) for member in snapshot["members"]]
        self.template_crcs = dict(snapshot["template_crcs"])
        self._slots = self._rendered_slots()
        self._root_shell = etree.fromstring(snapshot["root_shell"])
        self._body_index = snapshot["body_index"]
        self._tables_static = snapshot["tables_static"]
        self._written = snapshot["written"]
        self._written_body = None
        if self._written is not None:
            code, forms, newlines, counted, empty = self._written
            self._image_forms = [tuple(form) for form in forms]
            self._fixed_newlines, self._listing_counted = newlines, counted
            self._empty_elements = [tuple(pair) for pair in empty]
            self._written_body = self._template_of(code)
        self._use_written_body = None if self._written_body is not None else False
        return self

    # ------------------------------------------------------------------ public API

    def image_xml(self, name: str) -> str:
        """The XML that stands for image ``name`` (given as ``images``) in a letter: put it in
        the context as markup (``markupsafe.Markup``) so autoescaping leaves it as it is."""
        return self._images[name]

    @property
    def supported(self) -> bool:
        """False when the template needs docxtpl itself (see ``unsupported_reasons``)."""
        return not self._unsupported

    @property
    def unsupported_reasons(self) -> list[str]:
        """Why the fast path cannot render this template (empty when it can)."""
        return list(self._unsupported)

    def undeclared_fields(self) -> set[str]:
        """The context fields the template reads, as dotted attribute chains from the
        context's top-level names (``contact.name``, ``letter.date``, ``deadline``); names the
        template sets itself (loop variables, ``{% set %}``) are left out."""
        sources = ["\n".join(part.source_lines) for part in self._parts]
        sources += self._core_sources.values()
        fields: set[str] = set()
        for source in sources:
            fields |= _field_chains(self.environment, source)
        return fields

    def render_bytes(
        self, context: Mapping[str, Any], media: Mapping[str, bytes] | None = None
    ) -> bytes:
        """The complete .docx of the letter for ``context``, with ``media``: the bytes of each
        per-letter image (named in ``letter_images``; one not given keeps the placeholder's).

        Raises what docxtpl raises for the same template, context and environment (Jinja's
        ``TemplateError`` subclasses, with docxtpl's ``docx_context`` lines attached, the
        sandbox's ``SecurityError``), and ``FastPathUnsupported`` when the template is not
        ``supported`` or the context holds docxtpl objects that change the package."""
        return self.package(self.render_parts(context), media)

    def render_parts(self, context: Mapping[str, Any]) -> dict[str, bytes]:
        """The parts that differ from letter to letter (the body, the headers and footers with
        tags, the core properties when they hold tags), by member name, as they go in the
        zip; ``package`` makes the letter of them. Every other member is the template's,
        copied as stored. Raises as ``render_bytes``."""
        if self._unsupported:
            raise FastPathUnsupported(
                f"{self.path}: " + "; ".join(self._unsupported) + " (render with docxtpl)"
            )
        # Markup (not escaped) could bring table elements of its own: only the prepared
        # images' XML, which holds none, keeps the tables the template's.
        foreign = _foreign_markup(context, self._known_markup)  # raises for docxtpl objects
        static = self._tables_static and not foreign
        rendered: dict[str, bytes] = {}
        for part in self._parts:
            if part.is_body and static and self._skip_table_fix and self._use_written_body:
                data = self._written_body_xml(context)
                if data is not None:
                    rendered[part.member.decode("utf-8")] = data
                    continue
            xml = self._render_part(part, context)
            data = self._body_xml(xml, static) if part.is_body else _part_xml(xml)
            if part.is_body and static and self._skip_table_fix and self._use_written_body is None:
                # The first letter that could take the written body shows it exact, or
                # every letter goes through lxml.
                self._use_written_body = self._written_body_xml(context) == data
            rendered[part.member.decode("utf-8")] = data
        if self._core_templates:
            rendered[self._core_member.decode("utf-8")] = self._core_xml_for(context)
        return rendered

    def package(
        self, rendered: Mapping[str, bytes], media: Mapping[str, bytes] | None = None
    ) -> bytes:
        """The .docx of a letter: the prepared members, with ``rendered`` (from
        ``render_parts``) and ``media`` (the bytes of per-letter images, by field, as for
        ``render_bytes``) deflated in their places."""
        members = list(self._members)
        for name, data in rendered.items():
            member = name.encode("utf-8")
            made = self._made.get(member)
            if made is None or made[0] is not data:
                # The core properties part is one object for many letters (``_core_parts``):
                # it is deflated once. A body is new bytes each time.
                made = self._made[member] = (data, _deflated(member, data, self._deflate))
            members[self._slots[member]] = made[1]
        for name, data in (media or {}).items():
            member = self._media.get(name)
            if member is None:
                raise ValueError(f"{name!r} is not a per-letter image of {self.path}")
            # An image is compressed already (PNG, JPEG): deflating it again costs time and
            # gains nothing, so it is stored.
            members[self._slots[member]] = _Member(
                member, zipfile.ZIP_STORED, zlib.crc32(data), data, len(data)
            )
        return _zip(members)

    # ------------------------------------------------------------------ per letter

    def _render_part(self, part: _Part, context: Mapping[str, Any]) -> str:
        try:
            xml = part.template.render(context)
        except jinja2.TemplateError as error:
            _attach_docx_context(error, part.source_lines)
            raise
        xml = xml.replace("\n<w:p ", "<w:p ").replace("\n<w:p>", "<w:p>")
        for escaped, plain in _ESCAPES:
            if escaped in xml:
                xml = xml.replace(escaped, plain)
        if _needs_listing(xml):
            xml = self._docxtpl.resolve_listing(xml)
        return xml

    def _body_xml(self, xml: str, static_tables: bool) -> bytes:
        """The body part as docxtpl saves it. ``static_tables``: this letter's tables are
        the template's (``_tables_are_static``, no foreign markup in the context), so docxtpl's
        fix_tables does to them what it did to the first such letter's: nothing, or the same
        repair, which it is then left to make."""
        if static_tables and self._skip_table_fix:
            body = etree.fromstring(xml, _BODY_PARSER)
        else:
            body = self._docxtpl.fix_tables(xml)
            if static_tables and self._skip_table_fix is None:
                as_parsed = etree.tostring(etree.fromstring(xml, _BODY_PARSER))
                self._skip_table_fix = etree.tostring(body) == as_parsed
        return self._lxml_body(body)

    def _lxml_body(self, body: etree._Element) -> bytes:
        """The document part holding ``body``, as python-docx writes it."""
        for number, element in enumerate(_DOCPR(body), start=_DOCPR_FIRST_ID + 1):
            element.attrib["id"] = str(number)
        root = copy.deepcopy(self._root_shell)
        root.insert(self._body_index, body)
        return serialize_part_xml(root)

    def _written_body_xml(self, context: Mapping[str, Any]) -> bytes | None:
        """The body part from the written body (``_prepare_written_body``): the bytes the
        lxml round trip gives, or None where this letter needs that round trip (its
        rendering fails, so that the error is raised as docxtpl raises it; docxtpl's
        post-processing would change it; a drawing's id is not where it is looked for)."""
        assert self._written_body is not None
        try:
            xml = self._written_body.render(context)
        except Exception:
            return None
        images: list[tuple[str, str]] = []
        newlines = self._fixed_newlines
        for given, written, lines in self._image_forms:
            found = xml.count(given)
            if found:
                newlines += found * lines
                if written != given:
                    images.append((given, written))
        # Every newline the XML declaration's or an image's (``_listing_counted``): none
        # starts a paragraph, so docxtpl's newline removal changes nothing, and with no other
        # listing character resolve_listing would change nothing: the searches are spared.
        counted = self._listing_counted and xml.count("\n") == newlines
        if not counted:
            xml = xml.replace("\n<w:p ", "<w:p ").replace("\n<w:p>", "<w:p>")
        if _has_escape(xml):
            for escaped, plain in _ESCAPES:
                if escaped in xml:
                    xml = xml.replace(escaped, plain)
        if not (counted and not any(c in xml for c in "\t\a\f")) and _needs_listing(xml):
            return None
        for given, written in images:
            xml = xml.replace(given, written)
        if "&#3" in xml:  # markupsafe's quotes; lxml leaves them as they are in text
            xml = xml.replace("&#34;", '"').replace("&#39;", "'")
        for empty, closed in self._empty_elements:
            if empty in xml:
                xml = xml.replace(empty, closed)
        pieces = xml.split("docPr")
        if len(pieces) > 1:
            if not _renumber_drawings(pieces):
                return None
            xml = "docPr".join(pieces)
        return xml.encode("utf-8")

    def _core_xml_for(self, context: Mapping[str, Any]) -> bytes:
        values = tuple(template.render(context) for template in self._core_templates.values())
        # A campaign's letters mostly share their properties (a title naming the campaign):
        # the part is made once for each set of values.
        data = self._core_parts.get(values)
        if data is None:
            element = copy.deepcopy(self._core_element)
            properties = CoreProperties(element)  # type: ignore[arg-type]
            for name, value in zip(self._core_templates, values, strict=True):
                setattr(properties, name, value)
            data = serialize_part_xml(element)
            if len(self._core_parts) < _CORE_PARTS_KEPT:
                self._core_parts[values] = data
        return data


def _element_snapshot(element: etree._Element) -> tuple[bytes, list[int], list[int]] | None:
    """``element`` as bytes, with the places (in ``iter()``'s order) of its empty texts and
    tails, which a parse of the bytes would make None (docxtpl's empty core properties are
    ``""``, and python-docx writes them ``<x></x>``, not ``<x/>``); None where the element
    restored from them (``_element_restored``) would not be written the same."""
    data = etree.tostring(element)
    everything = list(element.iter())
    texts = [i for i, node in enumerate(everything) if node.text == ""]
    tails = [i for i, node in enumerate(everything) if node.tail == ""]
    restored = _element_restored(data, texts, tails)
    return (
        (data, texts, tails)
        if etree.tostring(restored) == data
        and serialize_part_xml(restored) == serialize_part_xml(element)
        else None
    )


def _element_restored(data: bytes, texts: list[int], tails: list[int]) -> etree._Element:
    """The element ``_element_snapshot`` took, python-docx's element class and all (its
    ``CoreProperties`` sets values through that class's properties)."""
    element = parse_xml(data)
    everything = list(element.iter())
    for index in texts:
        everything[index].text = ""
    for index in tails:
        everything[index].tail = ""
    return element


def _unwritable(text: str) -> bool:
    """Whether a chunk of the written body holds what its per-letter corrections could not
    tell from a letter's own: a paragraph docxtpl's newline removal would join, markupsafe's
    quote escapes, docxtpl's ``{_{`` escapes, a drawing ``_renumber_drawings`` refuses."""
    if "\n<w:p" in text or "&#3" in text or _has_escape(text):
        return True
    return not _renumber_drawings(text.split("docPr"))


_ESCAPED = frozenset(escaped for escaped, _ in _ESCAPES)


def _has_escape(xml: str) -> bool:
    """Whether ``xml`` holds one of docxtpl's ``{_{`` escapes: each has an underscore in
    its middle, and a letter has few, so one search for them replaces four for the escapes."""
    found = xml.find("_", 1)
    while found != -1:
        if xml[found - 1 : found + 2] in _ESCAPED:
            return True
        found = xml.find("_", found + 1)
    return False


def _renumber_drawings(pieces: list[str]) -> bool:
    """Number the drawings of a body split at each ``docPr`` as docxtpl does (``_DOCPR``:
    1001, 1002, ... in document order), in place; False, leaving the body to lxml, where a
    ``docPr`` is not a ``<wp:docPr id="...">`` start tag (its id first, as lxml writes it)
    or a ``</wp:docPr>`` end tag: another prefix, or text that names it."""
    number = _DOCPR_FIRST_ID
    for index in range(1, len(pieces)):
        before, piece = pieces[index - 1], pieces[index]
        if before.endswith("</wp:") and piece.startswith(">"):
            continue
        if not (before.endswith("<wp:") and piece.startswith(' id="')):
            return False
        end = piece.find('"', 5)
        digits = piece[5:end]
        if end == -1 or not (digits.isascii() and digits.isdigit()):
            return False
        number += 1
        pieces[index] = f' id="{number}{piece[end:]}'
    return True


def _attach_docx_context(error: jinja2.TemplateError, lines: list[str]) -> None:
    """Attach the text of the lines around the failing tag as ``error.docx_context``, as
    docxtpl's ``render_xml_part`` does for errors that carry a line number. Errors raised
    while rendering (a missing field, the sandbox) carry none: their line is found in the
    traceback, where Jinja puts the template's frames."""
    lineno = getattr(error, "lineno", None)
    traceback = error.__traceback__
    while lineno is None and traceback is not None:
        if traceback.tb_frame.f_code.co_filename == "<template>":
            lineno = traceback.tb_lineno
        traceback = traceback.tb_next
    if lineno is not None:
        first = max(lineno - 4, 0)
        error.docx_context = [  # type: ignore[attr-defined]
            re.sub(r"<[^>]+>", "", line) for line in lines[first : first + 7]
        ]


def _part_xml(xml: str) -> bytes:
    """A rendered header or footer as python-docx writes it after docxtpl loads it."""
    return serialize_part_xml(etree.fromstring(xml.encode("utf-8"), _PART_PARSER))


def _foreign_markup(value: Any, known: frozenset[str], depth: int = 0) -> bool:
    """Whether ``value`` holds markup (an object autoescaping leaves as it is) other than
    ``known``'s, at any depth (too deep to look at counts as holding some); one walk that
    also raises FastPathUnsupported for InlineImage/Subdoc values in mappings and lists up
    to three levels down (deeper objects are the caller's to keep out)."""
    if type(value) is str:  # the common case, nothing inside
        return False
    if 0 < depth <= 3 and isinstance(value, _PACKAGE_CHANGING):
        raise FastPathUnsupported(
            f"the context holds a {type(value).__name__}, which adds parts to the "
            "package: render with docxtpl"
        )
    if hasattr(value, "__html__"):
        return value not in known
    if depth > 20:
        return True
    if isinstance(value, Mapping):
        value = value.values()
    elif not isinstance(value, list | tuple):
        return False
    foreign = False
    for item in value:
        if _foreign_markup(item, known, depth + 1):
            if depth >= 3:  # nothing below needs refusing
                return True
            foreign = True
    return foreign


#: The elements docxtpl's fix_tables reads (w:tcPr, w:tblGrid start with w:tc, w:tbl) and
#: what could end a tag or a text to open one of them.
_TABLE_NAMES = ("w:tbl", "w:tr", "w:tc", "w:gridCol", "w:gridSpan")


def _tables_are_static(
    environment: jinja2.Environment, tokens: list[tuple[int, str, str]], tree: nodes.Template
) -> bool:
    """Whether every letter's tables are the template's, element for element and attribute
    for attribute, whatever the (markup-free) context: autoescaping on (a value is text, never
    a ``<``), no ``safe`` filter, no table element written inside a Jinja block (an ``if``, a
    loop, a macro) and no Jinja tag inside any XML tag (an attribute's value, or a tag's name
    split by a tag). Conservative: a template failing it gets docxtpl's fix_tables for
    every letter. ``tokens``: the source lexed (``environment.lex``); ``tree``: it parsed."""
    if environment.autoescape is not True:
        return False
    inside_tag = False
    for _, kind, value in tokens:
        if kind == "data":
            opened, closed = value.rfind("<"), value.rfind(">")
            if opened != closed:  # either found: the chunk's last one tells
                inside_tag = opened > closed
        elif kind in ("variable_begin", "block_begin", "comment_begin") and inside_tag:
            return False
    if any(f.name == "safe" for f in tree.find_all(nodes.Filter)):
        return False
    if any(True for _ in tree.find_all((nodes.MarkSafe, nodes.MarkSafeIfAutoescape))):
        return False
    top_level = {
        id(child)
        for output in tree.body
        if isinstance(output, nodes.Output)
        for child in output.nodes
    }
    return not any(
        id(data) not in top_level and any(name in data.data for name in _TABLE_NAMES)
        for data in tree.find_all(nodes.TemplateData)
    )


def _field_chains(environment: jinja2.Environment, source: str) -> set[str]:
    """Dotted chains (``contact.name``) rooted at the template's undeclared names."""
    tree = environment.parse(source)
    undeclared = meta.find_undeclared_variables(tree)
    chains: set[str] = set()

    def chain(node: nodes.Node) -> list[str] | None:
        if isinstance(node, nodes.Name):
            return [node.name] if node.name in undeclared else None
        if isinstance(node, nodes.Getattr):
            inner = chain(node.node)
            return None if inner is None else [*inner, node.attr]
        if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
            inner = chain(node.node)
            if inner is not None and isinstance(node.arg.value, str):
                return [*inner, node.arg.value]
            return inner
        return None

    def visit(node: nodes.Node) -> None:
        if isinstance(node, nodes.Call):
            # ``contact.name.upper()``: the method is not a field.
            callee = chain(node.node)
            if callee is not None and len(callee) > 1:
                chains.add(".".join(callee[:-1]))
            else:
                visit(node.node)
            for child in (*node.args, *node.kwargs, node.dyn_args, node.dyn_kwargs):
                if child is not None:
                    visit(child)
            return
        found = chain(node)
        if found is not None and isinstance(node, nodes.Name | nodes.Getattr | nodes.Getitem):
            chains.add(".".join(found))
            if isinstance(node, nodes.Getitem):
                visit(node.arg)
            return
        for child in node.iter_child_nodes():
            visit(child)

    visit(tree)
    return chains

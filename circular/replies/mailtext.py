"""Turning a raw e-mail into text a classifier can read.

Parsing with resource limits, decoding every charset real offices use, HTML to text, the text of
attached DOCX/PDF letters, and cutting the quoted original and signatures in the six languages.
Nothing here decides what a message means: see ``circular.replies.classify`` for that.
"""

from __future__ import annotations

import codecs
import email
import io
import re
import zipfile
import zlib
from dataclasses import dataclass
from email.header import decode_header
from email.message import Message
from email.policy import compat32
from functools import lru_cache

import charset_normalizer

from circular.settings import Settings


class NotAnEmail(ValueError):
    """The input is not an e-mail message; the message says why."""


class LimitExceeded(Exception):
    """A message went over one of the configured ``Limits``; ``limit`` names which."""

    def __init__(self, limit: str, detail: str) -> None:
        super().__init__(f"limit {limit} exceeded: {detail}")
        self.limit = limit
        self.detail = detail


@dataclass(frozen=True)
class Limits:
    """Resource limits for one message. Going over one sends the message to a person instead of
    spending unbounded memory or time on it (a hostile or broken message must not stall a poll)."""

    max_message_bytes: int = 25 * 1024 * 1024
    max_parts: int = 200
    max_depth: int = 10
    max_docx_uncompressed_bytes: int = 30 * 1024 * 1024
    max_docx_members: int = 2000
    max_pdf_pages: int = 30
    # Text beyond this is not read: a reply's decision is near its top.
    max_text_chars: int = 100_000

    @classmethod
    def from_settings(cls, settings: Settings) -> Limits:
        """The limits configured by ``CIRCULAR_MAIL_MAX_*`` (see ``circular.settings``)."""
        return cls(
            max_message_bytes=settings.mail_max_bytes,
            max_parts=settings.mail_max_parts,
            max_depth=settings.mail_max_depth,
            max_docx_uncompressed_bytes=settings.mail_max_decompressed_bytes,
            max_pdf_pages=settings.mail_max_pdf_pages,
        )


DEFAULT_LIMITS = Limits()

# Labels that lie or that Python's codecs do not know. GB2312 mail is routinely GBK/GB18030 in
# practice; ISO-8859-1 mail routinely carries windows-1252 quotes; Big5 is usually Big5-HKSCS.
_CHARSET_ALIASES = {
    "gb2312": "gb18030",
    "gb_2312-80": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "euc-cn": "gb18030",
    "big5": "big5hkscs",
    "x-big5": "big5hkscs",
    "iso-8859-1": "windows-1252",
    "latin1": "windows-1252",
    "latin-1": "windows-1252",
    "us-ascii": "utf-8",
    "ascii": "utf-8",
    "ks_c_5601-1987": "cp949",
    "x-mac-cyrillic": "mac-cyrillic",
    "unicode-1-1-utf-7": "utf-7",
}


@lru_cache(maxsize=256)
def _codec_for(label: str | None) -> str | None:
    if not label:
        return None
    name = label.strip().strip('"').lower()
    name = _CHARSET_ALIASES.get(name, name)
    try:
        return codecs.lookup(name).name
    except (LookupError, ValueError):  # ValueError: a label with a NUL byte in it
        return None


def decode_bytes(data: bytes, charset: str | None) -> str:
    """Decode ``data`` declared as ``charset``; unknown or wrong labels fall back to UTF-8 and
    then to charset-normalizer's guess, so text is never lost to a bad label."""
    codec = _codec_for(charset)
    if codec:
        try:
            return data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data).best()
    if best is not None:
        return str(best)
    return data.decode(codec or "utf-8", errors="replace")


def raw_header(msg: Message, name: str) -> str:
    """A header's value as a plain string ('' when absent). The compat32 parser returns a
    ``Header`` object, not a str, for a value with raw 8-bit bytes: this is always a str."""
    value = msg.get(name)
    return "" if value is None else str(value)


def header_text(msg: Message, name: str) -> str:
    """A header's value decoded from RFC 2047 words, with the same charset care as bodies."""
    raw = msg.get(name)
    if raw is None:
        return ""
    value = str(raw)
    if "=?" not in value:
        # No encoded word (most headers): ``decode_header`` would return the value as it is,
        # and ``str.split`` splits at the characters ``\s`` matches (``str.isspace``).
        return " ".join(value.split())
    try:
        chunks = decode_header(value)
    except Exception:  # a malformed encoded word: keep the raw text rather than fail
        return str(raw)
    out = []
    for chunk, charset in chunks:
        out.append(decode_bytes(chunk, charset) if isinstance(chunk, bytes) else chunk)
    return re.sub(r"\s+", " ", "".join(out)).strip()


_HEADER_LINE = re.compile(rb"^[!-9;-~]+[ \t]*:")
_MULTIPART_LINE = re.compile(rb"^content-type:[ \t]*(?:multipart|message)/", re.I | re.M)


def parse_message(raw: bytes, limits: Limits = DEFAULT_LIMITS) -> Message:
    """Parse raw bytes into a message, or raise ``NotAnEmail`` saying why it is not one.

    ``LimitExceeded`` is raised for a message over ``limits.max_message_bytes``."""
    if not raw.strip():
        raise NotAnEmail("the file is empty")
    if len(raw) > limits.max_message_bytes:
        raise LimitExceeded(
            "max_message_bytes", f"{len(raw)} bytes > {limits.max_message_bytes} bytes"
        )
    # Files saved by some tools start with a UTF-8 byte-order mark or blank lines.
    raw = raw.removeprefix(b"\xef\xbb\xbf").lstrip(b"\r\n")
    first = raw.split(b"\n", 1)[0].rstrip(b"\r")
    # An mbox "From " line is tolerated; anything else must start with a header field.
    if not (first.startswith(b"From ") or _HEADER_LINE.match(first)):
        shown = first[:40].decode("utf-8", "replace")
        raise NotAnEmail(f"does not start with a header line (first line: {shown!r})")
    # The stdlib parser recurses once per nested multipart: counted first, so that a message
    # nested a thousand deep is refused by the limit instead of exhausting the stack.
    declared = len(_MULTIPART_LINE.findall(raw))
    if declared > limits.max_parts:
        raise LimitExceeded(
            "max_parts", f"{declared} multipart or message parts declared > {limits.max_parts}"
        )
    try:
        msg = email.message_from_bytes(raw, policy=compat32)
    except RecursionError:
        raise LimitExceeded("max_depth", "MIME nesting too deep to parse") from None
    known = {"from", "to", "subject", "date", "message-id", "received", "return-path"}
    if not known & {k.lower() for k in msg}:
        raise NotAnEmail("no From, To, Subject, Date, Message-ID or Received header")
    return msg


@dataclass(frozen=True)
class Attachment:
    """An attached file: its name, MIME type and decoded bytes."""

    filename: str
    content_type: str
    data: bytes


@dataclass(frozen=True)
class Body:
    """The readable content of a message: its text (HTML turned to text) and attachments."""

    text: str
    from_html: bool
    attachments: tuple[Attachment, ...]


def walk_limited(msg: Message, limits: Limits) -> list[tuple[Message, bool]]:
    """Every leaf part, and whether it sits inside an enclosed message (message/rfc822: an
    attached or forwarded original, never the sender's own words), enforcing the part-count
    and depth limits."""
    leaves: list[tuple[Message, bool]] = []
    count = 0
    stack: list[tuple[Message, int, bool]] = [(msg, 0, False)]
    while stack:
        part, depth, enclosed = stack.pop()
        count += 1
        if count > limits.max_parts:
            raise LimitExceeded("max_parts", f"more than {limits.max_parts} MIME parts")
        if depth > limits.max_depth:
            raise LimitExceeded("max_depth", f"MIME nesting deeper than {limits.max_depth}")
        # is_multipart() first: get_payload() on a leaf decodes it, which can fail on a bad
        # charset label; a multipart's payload is just its list of parts.
        if part.is_multipart():
            inner = enclosed or part.get_content_type() == "message/rfc822"
            stack.extend((sub, depth + 1, inner) for sub in reversed(part.get_payload()))
        else:
            leaves.append((part, enclosed))
    return leaves


def part_text(part: Message) -> str:
    """The decoded text of one non-multipart part."""
    try:
        data = part.get_payload(decode=True)
        charset = part.get_content_charset()
    except (ValueError, LookupError):  # a charset label the stdlib cannot even look up
        return ""
    if not isinstance(data, bytes):
        return ""
    return decode_bytes(data, charset)


def extract_body(msg: Message, limits: Limits = DEFAULT_LIMITS) -> Body:
    """The message's text and attachments. In multipart/alternative the plain text wins (it is
    what the sender's client wrote; the HTML is a rendering of it); HTML-only is converted."""
    plain: list[str] = []
    html: list[str] = []
    attachments: list[Attachment] = []
    for part, enclosed in walk_limited(msg, limits):
        if enclosed:
            # An attached original (Outlook's "reply with attachment", a forwarded invitation)
            # asks to "confirm acceptance" too: it is quoted text, not the reply.
            continue
        ctype = part.get_content_type()
        disposition = raw_header(part, "Content-Disposition").split(";")[0].strip().lower()
        filename = part.get_filename()
        if filename or disposition == "attachment" or not ctype.startswith("text/"):
            data = part.get_payload(decode=True)
            if isinstance(data, bytes) and ctype not in ("message/delivery-status",):
                attachments.append(Attachment(_decoded_filename(filename), ctype, data))
            continue
        if ctype == "text/plain":
            plain.append(part_text(part))
        elif ctype == "text/html":
            html.append(part_text(part))
    if plain and any(p.strip() for p in plain):
        text, from_html = "\n".join(plain), False
    elif html:
        text, from_html = "\n".join(html_to_text(h) for h in html), True
    else:
        text, from_html = "", False
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return Body(text[: limits.max_text_chars], from_html, tuple(attachments))


def _decoded_filename(filename: str | None) -> str:
    if not filename:
        return ""
    holder = Message()
    holder["X"] = filename
    return header_text(holder, "X")


# --- HTML -----------------------------------------------------------------------------------

# Quoted originals in HTML mail live in these containers: cutting them in the tree is more
# reliable than guessing from the flattened text.
_HTML_QUOTE_XPATH = (
    "//blockquote | //div[contains(concat(' ', @class, ' '), ' gmail_quote ')]"
    " | //div[@id='divRplyFwdMsg'] | //div[@id='appendonsend']"
    " | //div[contains(@class, 'moz-cite-prefix')]"
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_BLOCK_TAGS = {"p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "hr"}


def html_to_text(html: str) -> str:
    """Readable text of an HTML body, with quoted originals (blockquotes, Gmail/Outlook/Thunderbird
    quote containers) marked as a quote boundary so the text-level cutter stops there."""
    from lxml import etree
    from lxml import html as lxml_html

    # lxml refuses control characters; mail from broken systems carries them.
    html = _CONTROL.sub("", html)
    if not html.strip():
        return ""
    try:
        root = lxml_html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return re.sub(r"<[^>]+>", " ", html)
    for bad in root.xpath("//script | //style | //head"):
        bad.drop_tree()
    for quote in root.xpath(_HTML_QUOTE_XPATH):
        if quote.getparent() is not None:
            marker = etree.Element("p")
            marker.text = QUOTE_MARK
            quote.addprevious(marker)
            quote.drop_tree()
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCK_TAGS:
            element.tail = "\n" + (element.tail or "")
    text = root.text_content()
    text = text.replace("\xa0", " ")
    return re.sub(r"\n\s*\n+", "\n\n", text)


# --- quotes and signatures ------------------------------------------------------------------

QUOTE_MARK = "[[circular:quoted-original]]"

# "From:/Sent:" blocks of Outlook and other clients, in the six languages (and the Taiwanese
# and Exchange variants seen in practice). A block is a "From" line followed within a few lines
# by a "Sent/Date/To/Subject" line: one line alone could be a sentence.
_FROM_FIELD = re.compile(
    r"^\s*[*>]*\s*(from|de|von|от\s+кого|от|发件人|寄件者|寄件人|من|المرسل)\s*[*]*\s*[:：]", re.I
)
_HEADER_FIELD = re.compile(
    r"^\s*[*>]*\s*(sent|date|to|subject|cc|envoyé|à|objet|date d'envoi|enviado( el)?|fecha|para"
    r"|asunto|отправлено|дата|кому|тема|发送时间|日期|收件人|主题|寄件日期|主旨|تاريخ الإرسال"
    r"|التاريخ|إلى|الموضوع|أرسلت|تم الإرسال)\s*[*]*\s*[:：]",
    re.I,
)
# "On … wrote:" attributions; they may wrap over two lines, so they are matched on a line joined
# with the next one.
_ATTRIBUTION = re.compile(
    r"^\s*(on\b.{0,300}\bwrote\s*:"
    r"|le\b.{0,300}\ba écrit\s*:"
    r"|el\b.{0,300}\bescribió\s*:"
    r"|.{0,300}\b(пишет|написал|написала|написал\(а\))\s*:"
    r"|.{0,300}\d{4}\s*г\.\s*в\s*\d{1,2}:\d{2}.{0,200}:\s*$"
    r"|在.{0,300}写道\s*[:：]|.{0,300}于.{0,100}写道\s*[:：]|.{0,300}寫道\s*[:：]"
    r"|.{0,300}كتب\s*[:：]?\s*$|في\s.{0,200}\sكتب\s.{0,200}:\s*$|.{0,300}\bwrote\s*:\s*$"
    r"|am\b.{0,300}\bschrieb.{0,100}:"
    # Lotus Notes / Domino: "Name/Org@Domain wrote on 03/02/2021 10:15:12:".
    r"|.{0,300}\b(wrote|a écrit|escribió|написал\w*)\s+(on|le|el)\b.{0,80}:\s*$)",
    re.I,
)
_SEPARATOR = re.compile(
    r"^\s*(-{2,}\s*(original message|message d'origine|mensaje original|исходное сообщение"
    r"|原始邮件|原始郵件|الرسالة الأصلية|forwarded message|message transféré|mensaje reenviado"
    r"|пересылаемое сообщение|转发的邮件|الرسالة المعاد توجيهها"
    # Round 19: an earlier message of the sender's own, resent below a correction ("-----
    # Previously sent -----", « Message précédent », "Mensaje anterior", «Ранее отправленное»,
    # "之前发送的邮件", "رسالة سابقة").
    r"|previous(?:ly sent)? message|previously sent|earlier message|message précédent"
    r"|message envoyé précédemment|mensaje anterior|enviado anteriormente"
    r"|ранее отправленное(?: сообщение)?|предыдущее сообщение|之前发送的邮件|之前的邮件|前一封邮件"
    r"|رسالة سابقة|الرسالة السابقة|رسالة مرسلة سابقا)\s*-{2,}"
    r"|-{3,}\s*(原始邮件|原始郵件)\s*-{3,}|_{20,}|begin forwarded message:"
    # Lotus Notes / Domino: '-----"Name" <a@b> wrote: -----', '----- Forwarded by X on … -----'.
    r"|-{3,}.{0,200}\b(wrote|a écrit|escribió|написал\w*)\s*:\s*-{3,}"
    r"|-{3,}\s*(forwarded by|transféré par|reenviado por|переслано)\b.{0,200}-{3,}|"
    + re.escape(QUOTE_MARK)
    + r")\s*$",
    re.I,
)
# Signatures and complimentary closes: everything after them is the sender's name and title.
_SIGNATURE = re.compile(
    r"^\s*(--\s*$|__\s*$"
    r"|(best|kind|warm|warmest|with best)?\s*regards\b|best wishes|yours (sincerely|faithfully)"
    r"|sincerely( yours)?\s*,?\s*$|respectfully( yours)?\s*,?\s*$|thanks and regards"
    r"|cordialement|bien cordialement|sincères salutations|respectueusement"
    r"|atentamente|saludos( cordiales)?|un (cordial )?saludo|cordialmente|muy atentamente"
    r"|с уважением|с наилучшими пожеланиями|искренне ваш"
    r"|此致|顺颂|顺祝|祝好|敬上|谨上"
    r"|مع (خالص |أطيب )?(التحيات|التحية|الاحترام|التقدير)|وتفضلوا بقبول|تحياتي|وشكرا"
    r"|sent from my|envoyé de mon|enviado desde mi|отправлено с|从我的|发自我的|أرسلت من"
    r"|get outlook for|obtenir outlook|obtener outlook|скачайте outlook)",
    re.I,
)


# Lotus Notes' header block puts each label alone on its line, its value on the next:
# '"Name" <a@b>' / '03/02/2021 10:15' / 'To' / 'a@b' / 'cc' / … / 'Subject' / '…'.
# Its table is also flattened to "To<TAB>a@b" / "cc<TAB>" / "Subject<TAB>…": the label then ends
# with a tab instead of the line.
_NOTES_TO = re.compile(r"^\s*(to|a|à|para|кому|收件人|إلى)\s*(\t.*)?$", re.I)
_NOTES_NEXT = re.compile(
    r"^\s*(cc|bcc|subject|objet|asunto|тема|копия|主题|抄送|الموضوع|نسخة)\s*(\t.*)?$", re.I
)


def _notes_block_start(lines: list[str], i: int) -> int | None:
    """Where a Notes header block whose "To" label is on line ``i`` starts (its sender and
    date lines come just before), or None when line ``i`` is not such a label."""
    if not _NOTES_TO.match(lines[i]) or not any(
        _NOTES_NEXT.match(line) for line in lines[i + 1 : i + 5]
    ):
        return None
    j = i - 1
    while j >= 0 and not lines[j].strip() and i - j <= 2:
        j -= 1
    steps = 0
    while j >= 0 and lines[j].strip() and steps < 3:
        j -= 1
        steps += 1
    return j + 1


def cut_quoted(text: str) -> tuple[str, str]:
    """Split a reply into (what the sender wrote, the quoted original and anything after it).

    Lines starting with ">" are always quoted; the first attribution line, Outlook header block
    or "Original Message" separator starts the quoted original, which is never read again."""
    lines = text.split("\n")
    cut = _quote_start(lines)
    kept = [line for line in lines[:cut] if not line.lstrip().startswith(">")]
    return "\n".join(kept).strip(), "\n".join(lines[cut:]).strip()


def _quote_start(lines: list[str]) -> int:
    """The index of the line where the quoted original starts (``len(lines)`` when none)."""
    cut = len(lines)
    for i, line in enumerate(lines):
        if _SEPARATOR.match(line):
            cut = i
            break
        if _FROM_FIELD.match(line) and any(
            _HEADER_FIELD.match(following) for following in lines[i + 1 : i + 5]
        ):
            cut = i
            break
        notes = _notes_block_start(lines, i)
        if notes is not None:
            cut = notes
            break
        stripped = line.strip()
        if stripped and len(stripped) < 400:
            joined = stripped + (" " + lines[i + 1].strip() if i + 1 < len(lines) else "")
            if _ATTRIBUTION.match(stripped) or (
                not stripped.endswith((".", "。")) and _ATTRIBUTION.match(joined)
            ):
                cut = i
                break
    return cut


def forwarded_message(text: str) -> str:
    """The first message forwarded inside a reply, as its sender wrote it: the "> " lines above
    the quoted original, or the block after a forward separator, without its From/Date/To
    lines, its own quotes and signature. "" when there is none."""
    lines = text.split("\n")
    cut = _quote_start(lines)
    block = [line.lstrip()[1:] for line in lines[:cut] if line.lstrip().startswith(">")]
    if not block and cut < len(lines):
        # After a forward separator or a From/Date block; an attribution ("On … wrote:")
        # introduces the quoted invitation, not a forwarded answer.
        start = cut + 1 if _SEPARATOR.match(lines[cut]) else cut
        if start > cut or _FROM_FIELD.match(lines[cut]):
            block = [
                line.lstrip()[1:] if line.lstrip().startswith(">") else line
                for line in lines[start:]
            ]
    while block and (
        not block[0].strip() or _FROM_FIELD.match(block[0]) or _HEADER_FIELD.match(block[0])
    ):
        block = block[1:]
    return clean_reply("\n".join(block)) if block else ""


def cut_signature(text: str) -> str:
    """Drop the complimentary close and what follows it (name, title, address, disclaimers).

    A close on the very first line is kept: then it is the whole message, not a signature."""
    lines = text.split("\n")
    seen_content = False
    for i, line in enumerate(lines):
        if seen_content and _SIGNATURE.match(line):
            return "\n".join(lines[:i]).strip()
        if line.strip():
            seen_content = True
    return text.strip()


def clean_reply(text: str) -> str:
    """What the sender wrote: quoted original and signature removed."""
    reply, _quoted = cut_quoted(text)
    return cut_signature(reply)


# --- attachments ----------------------------------------------------------------------------

_W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_text(data: bytes, limits: Limits = DEFAULT_LIMITS) -> str:
    """Paragraph text of a DOCX file. The archive's declared uncompressed sizes are summed before
    anything is inflated, so a zip bomb is refused without being expanded."""
    from lxml import etree

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        return ""
    with archive:
        infos = archive.infolist()
        if len(infos) > limits.max_docx_members:
            raise LimitExceeded("max_docx_members", f"{len(infos)} members in a DOCX")
        total = sum(info.file_size for info in infos)
        if total > limits.max_docx_uncompressed_bytes:
            raise LimitExceeded(
                "max_docx_uncompressed_bytes",
                f"DOCX expands to {total} bytes > {limits.max_docx_uncompressed_bytes}",
            )
        try:
            xml = archive.read("word/document.xml")
        except (KeyError, zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError):
            # Missing part, corrupt member, or an unsupported compression: no text to read.
            return ""
    # python-docx would do the same through more layers; the paragraphs are all we need, and
    # reading the XML directly keeps the size check above the only way in.
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(xml, parser)
    except etree.XMLSyntaxError:
        return ""
    paragraphs = []
    for para in root.iter(f"{_W_NS}p"):
        paragraphs.append("".join(t.text or "" for t in para.iter(f"{_W_NS}t")))
    return "\n".join(paragraphs)


def pdf_text(data: bytes, limits: Limits = DEFAULT_LIMITS) -> str:
    """Text layer of a PDF ('' for a scan without one); refuses more than ``max_pdf_pages``."""
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        pages = len(reader.pages)
    except (PdfReadError, ValueError, KeyError, OSError):
        return ""
    if pages > limits.max_pdf_pages:
        raise LimitExceeded("max_pdf_pages", f"PDF has {pages} pages > {limits.max_pdf_pages}")
    out = []
    for page in reader.pages:
        try:
            out.append(page.extract_text() or "")
        except Exception:  # noqa: S112 - pypdf raises many types on broken streams; skip the page
            continue
    return "\n".join(out)


def attachment_text(attachment: Attachment, limits: Limits = DEFAULT_LIMITS) -> str | None:
    """The text of a DOCX or PDF attachment, '' when it has none, None when not a document."""
    name = attachment.filename.lower()
    ctype = attachment.content_type
    if name.endswith(".docx") or ctype.endswith("wordprocessingml.document"):
        return docx_text(attachment.data, limits)
    if name.endswith(".pdf") or ctype == "application/pdf":
        return pdf_text(attachment.data, limits)
    if ctype.startswith("image/") or name.endswith((".jpg", ".jpeg", ".png", ".tif", ".tiff")):
        return ""
    return None

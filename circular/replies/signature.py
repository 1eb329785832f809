"""Where a reply's own text ends and its signature block begins, found by structure.

``mailtext.cut_signature`` cuts at a complimentary close ("Regards", "С уважением"). Many
replies have none: the sender's name and title follow the text directly, then a motto, a
service charter or a "do not reply" line. Round 6's first score on an unseen set showed such
lines read as answers ("Act today so no one regrets tomorrow" as a refusal). A block starts,
after some text of the reply, at a paragraph that opens with

- a line with "|" separators ("Aroha Williams | Senior Adviser"),
- a line standing wholly in quotation marks (a motto), or
- two short lines without closing punctuation and without any answer cue: a name, then a
  title or an office ("Nimal Perera" / "Assistant Director (International)").

Nothing in the block may decide a reply without a person (``classify.classify_text``).
"""

from __future__ import annotations

import re

from circular.replies import cues

_SEPARATED = re.compile(r"\S\s+[|｜]\s+\S")
_MOTTO = re.compile(r"^\s*[\"“«„「『'].{3,200}[\"”»」』']\s*([-–—].{0,80})?$")
_CLOSED = re.compile(r"[.!?;:,。！？；：，、،؛؟]\s*$")
_HAN = re.compile(r"[\u3400-\u9fff]")


def _short(line: str, words: int) -> bool:
    if _HAN.search(line):
        return len(line) <= 2 * words + 4
    return 0 < len(line.split()) <= words


def _silent(line: str) -> bool:
    """Whether a line says nothing about the invitation: no cue of acceptance, refusal,
    participation or delay (cheaper than reading it as a sentence, and stricter)."""
    scripts = cues.scripts_of(line)
    return not any(
        lexicon.search(line, scripts)
        for lexicon in (cues.ACCEPT, cues.DECLINE, cues.PARTICIPATE, cues.HEDGE, cues.NEGATION)
    )


def _opens_block(lines: list[str], i: int) -> bool:
    line = lines[i].strip()
    if _SEPARATED.search(line) and not _CLOSED.search(line) and _silent(line):
        return True
    if _MOTTO.match(line):
        return True
    following = lines[i + 1].strip() if i + 1 < len(lines) else ""
    return (
        _short(line, 6)
        and _short(following, 12)
        and not _CLOSED.search(line)
        and not _CLOSED.search(following)
        and _silent(line)
        and _silent(following)
    )


# A postscript after the name is the sender's own text again ("P.S. The Minister cannot stay
# for the dinner").
_POSTSCRIPT = re.compile(
    r"^\s*(p\.?\s?s\.?|n\.?\s?b\.?|post-?scriptum|p\.?\s?d\.?|posdata|постскриптум|п\.?\s?с\.?"
    r"|附言|又及|注\s*[:：]|ملاحظة|ملحوظة)(?=[\s:：.,-]|$)",
    re.I,
)


def split_signature(text: str) -> tuple[str, str]:
    """(the reply's own text, the signature block after it; "" when there is none). A
    postscript inside the block is given back to the reply's own text."""
    lines = text.split("\n")
    content = False
    # A letter's head (letterhead, reference, date, address) runs to its salutation: no block
    # starts in it (round 35: "Ministry of …" / "The Secretary-General" / "International
    # Telecommunication Union" above "Dear Secretary-General," cut the whole letter off).
    head = next((i for i, line in enumerate(lines) if cues.SALUTATION_LINE.match(line)), -1)
    for i, line in enumerate(lines):
        if i <= head:
            continue
        starts_paragraph = i == 0 or not lines[i - 1].strip()
        if content and starts_paragraph and line.strip() and _opens_block(lines, i):
            block = lines[i:]
            ps = next((j for j, kept in enumerate(block) if _POSTSCRIPT.match(kept)), None)
            if ps is not None:
                own = lines[:i] + block[ps:]
                return "\n".join(own).strip(), "\n".join(block[:ps]).strip()
            return "\n".join(lines[:i]).strip(), "\n".join(block).strip()
        if len(line.split()) >= 3 or len(_HAN.findall(line)) >= 6:
            content = True
    return text.strip(), ""


def _footer(line: str) -> bool:
    """Whether a line of the block is a legal footer: one of its sentences is a disclaimer
    ("ce courriel est confidentiel", "this mailbox"), so its other sentences are the footer's
    too ("Decline to open links", "Non à la fraude !", "Say NO to corruption"; round 10)."""
    return cues.DISCLAIMER.search(line) is not None


def spoken(block: str) -> str:
    """The lines of a signature block that name an answer, mottos in quotation marks and
    legal footers left out: what must not contradict the reply's own answer."""
    return "\n\n".join(
        line
        for line in block.split("\n")
        if line.strip() and not _MOTTO.match(line) and not _silent(line) and not _footer(line)
    )

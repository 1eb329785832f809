"""Classifying an incoming message: bounce, automatic reply, or a person's accept / decline / other.

How a message is decided (in this order; the first that applies wins):

1. **Bounce** (``circular.replies.bounces``): an RFC 3464 delivery-status report, flufl.bounce's MTA
   detectors, or a MAILER-DAEMON/postmaster message with a bounce subject. Permanent when the
   status is 5.x.x or the action ``failed``; temporary for 4.x.x or ``delayed``.
2. **Automatic reply** (``circular.replies.autoreplies``): RFC 3834 and vendor headers, read
receipts,
   localised out-of-office subjects, "this is an automatic reply" sentences; the return date is
   read from the text.
3. **A person's reply**: the body is decoded (every charset, HTML to text), the quoted original
   and the signature are cut (``circular.replies.mailtext``) — the quoted invitation asks to
   "confirm
   acceptance" and is never read — and every clause of every sentence is scored against the
   cue lexicons of ``circular.replies.cues``:

   - a negation next to a participation word, or an explicit refusal, is a **decline**;
   - a positive, finite statement of participation is an **accept**; a named official speaking
     "on the Minister's behalf" is an accept with a ``delegate``;
   - a pending, conditional or tentative sentence, or a question, decides nothing by itself;
   - a decline and an accept in one reply: the clause after "but/however" wins, else a person.

   When the body decides nothing and a DOCX/PDF is attached, the attachment's text is decided
   the same way; an attachment without text goes to a person. Confidence below
   ``MIN_CONFIDENCE`` gives ``other``.

The language is detected on what the sender wrote: by script for Arabic, Cyrillic and Chinese,
and with lingua (restricted to English, French and Spanish, built once) for Latin text; ``None``
when unsure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from email.message import Message
from email.utils import parsedate_to_datetime
from functools import lru_cache
from typing import Any

from circular.ledger import ReplyKind
from circular.replies import cues
from circular.replies.autoreplies import detect_auto_reply, extract_return_date
from circular.replies.bounces import detect_bounce
from circular.replies.mailtext import (
    DEFAULT_LIMITS,
    LimitExceeded,
    Limits,
    NotAnEmail,
    attachment_text,
    clean_reply,
    extract_body,
    parse_message,
    raw_header,
)

__all__ = [
    "MIN_CONFIDENCE",
    "Classification",
    "Limits",
    "NotAnEmail",
    "classify_message",
    "classify_text",
    "detect_language",
    "warm_up",
]

# Below this an accept/decline is not trusted: the reply goes to a person as ``other``.
MIN_CONFIDENCE = 0.6


@dataclass(frozen=True)
class Classification:
    """What a message is, with the evidence that decided it."""

    kind: ReplyKind
    language: str | None
    confidence: float
    evidence: str
    text: str
    return_date: date | None = None
    bounce_recipient: str | None = None
    bounce_permanent: bool | None = None
    bounce_diagnostic: str | None = None
    delegate: str | None = None

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict: dates as ISO strings, the kind as its value, Nones kept."""
        return {
            "kind": self.kind.value,
            "language": self.language,
            "confidence": round(self.confidence, 3),
            "evidence": self.evidence,
            "text": self.text,
            "return_date": self.return_date.isoformat() if self.return_date else None,
            "bounce_recipient": self.bounce_recipient,
            "bounce_permanent": self.bounce_permanent,
            "bounce_diagnostic": self.bounce_diagnostic,
            "delegate": self.delegate,
        }


# --- language -------------------------------------------------------------------------------

_SCRIPTS = {
    "zh": re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"),
    "ar": re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]"),
    "ru": re.compile(r"[\u0400-\u04ff]"),
}
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")


@lru_cache(maxsize=1)
def _latin_detector() -> Any:
    """lingua's detector for the three Latin-script languages, models preloaded, built once
    per process (building costs ~0.3 s; detecting then ~0.1 ms)."""
    from lingua import Language, LanguageDetectorBuilder

    return (
        LanguageDetectorBuilder.from_languages(Language.ENGLISH, Language.FRENCH, Language.SPANISH)
        .with_preloaded_language_models()
        .build()
    )


def warm_up() -> None:
    """Build the language detector and the cue patterns now rather than on the first message
    (a poller calls this once at start so its first message is not ~0.3 s slow)."""
    _latin_detector()
    for sample in (
        "The Minister will attend.",
        "Министр примет участие.",
        "部长将出席。",
        "سيشارك",
    ):
        classify_text(sample)


def detect_language(text: str) -> str | None:
    """The language of ``text`` among ar/en/es/fr/ru/zh, or None when unsure (too little text,
    mixed scripts, or lingua's best guess under 0.6)."""
    sample = text[:2000]
    counts = {lang: len(pattern.findall(sample)) for lang, pattern in _SCRIPTS.items()}
    latin = len(_LATIN.findall(sample))
    total = latin + sum(counts.values())
    if total < 8:
        return None
    # Chinese packs a word into one or two characters, so it needs a smaller share.
    if counts["zh"] >= 4 and counts["zh"] * 3 >= total:
        return "zh"
    for lang in ("ar", "ru"):
        if counts[lang] * 2 > total:
            return lang
    if latin * 2 <= total or latin < 12:
        return None
    # lingua's cost grows with the text; a reply's first few hundred characters are plenty.
    values = _latin_detector().compute_language_confidence_values(sample[:500])
    if not values or values[0].value < 0.6:
        return None
    return values[0].language.iso_code_639_1.name.lower()


# --- sentences and clauses ------------------------------------------------------------------

# Abbreviations whose dot does not end a sentence ("H.E. Mr. Smith will deliver …").
_ABBREVIATIONS = re.compile(
    r"\b(H\.E|S\.E|Mr|Mrs|Ms|Dr|Prof|Amb|Sr|Sra|Mme|Mlle|No|Nos|St|e\.g|i\.e|etc|vs|Jr|Excmo"
    r"|Excma|Sres|Ing|Lic|Dra|Arq|Hon|Dña|Ud|Vd|Pr|Me|Mgr|Tel|tel|Fax|Av|ca|cf|approx|г|т\.е|т\.к|им"
    r"|ул|proc|Ref|Réf|réf)\.",
)
_INITIAL = re.compile(r"\b([A-ZА-Я])\.(?=\s*[A-ZА-Я])")
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|(?<=[。！？؟；])|\n\s*\n|\n(?=\s*[-•*·]\s)")
_CLAUSE_BREAK = re.compile(
    r"[,:，、،]\s*|\s+(?=(?:but|however|mais|pero|но|однако)\b)|(?=但是|不过|然而)"
)


def sentences(text: str) -> list[str]:
    """Sentences of a reply; hard-wrapped lines of one paragraph are joined first."""
    text = _ABBREVIATIONS.sub(lambda m: m.group(0).replace(".", "\u2024"), text)
    text = _INITIAL.sub("\\1\u2024", text)
    paragraphs = re.split(r"\n\s*\n", text)
    out: list[str] = []
    for paragraph in paragraphs:
        joined = re.sub(r"\s*\n\s*", " ", paragraph.strip())
        for piece in _SENTENCE_END.split(joined):
            piece = piece.strip().replace("\u2024", ".")
            if piece:
                out.append(piece)
    return out


# --- deciding -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Signal:
    kind: str  # accept | decline | hedge | question
    sentence: str
    position: int
    contrast: bool = False
    delegate: str | None = None


@dataclass(frozen=True)
class Decision:
    """The outcome of reading a reply's text."""

    kind: ReplyKind
    confidence: float
    evidence: str
    delegate: str | None = None


_DELEGATE_END = re.compile(
    r"\b(will|shall|would|has|have|is|was|who|au\s+nom|prononcera|participera|représentera|sera"
    r"|on\s+(?:his|her|the\s+\w+'s)?\s*behalf|on\s+behalf"
    r"|qui|pronunciará|participará|representará|en\s+nombre|intervendrá|quien|que|выступит"
    r"|примет|от\s+имени|представит|будет|который|которая)\b|将|將|代表|代为|سيلقي|سيشارك|نيابة"
    r"|سيمثل|سوف|الذي|[;。；!?]",
    re.I,
)
# Honorifics and articles written before an official's title belong to the delegate's name.
_HONORIFIC_BEFORE = re.compile(
    r"((?:\b(?:the|his|her|le|la|l'|el|señor|señora|sr\.|sra\.|h\.\s?e\.|s\.\s?e\.|m\.|mme"
    r"|excellency|excelentísim[oa]|господин|госпожа)|سعادة|معالي)\s*)+$",
    re.I,
)


# A person's name written before the title and a comma: "H.E. Mr John Smith, Deputy Minister",
# "S.E. el Sr. Juan García, Viceministro", "السيد أحمد علي، نائب الوزير". It starts with a
# courtesy title, so a plain clause before a comma is never taken for a name.
_NAME_BEFORE = re.compile(
    r"(?:^|[\s;:(])((?:(?:h\.\s?e\.|s\.\s?e\.|his|her|excellency|the|el|la|le)\s+)*"
    r"(?:mr|ms|mrs|dr|prof|m|mme|sr|sra|d|dña|señor|señora|monsieur|madame)\.?"
    r"\s+[^\W\d_][^,;:()،\n]{1,60}|(?:معالي\s+|سعادة\s+)?(?:السيد|السيدة)\s+[^,;:()،\n]{2,60})"
    r"\s*[,،]\s*$",
    re.I,
)


def _delegate_name(text: str, role: re.Match[str]) -> str:
    """The official named as delegate: the person's name when it comes before the title
    ("H.E. Mr John Smith, Deputy Minister"), then the title (with its honorific) to the verb."""
    end = _DELEGATE_END.search(text, role.end())
    name = text[role.start() : end.start() if end else role.start() + 120]
    before = _HONORIFIC_BEFORE.search(text[max(0, role.start() - 40) : role.start()])
    if before:
        name = before.group(0) + name
    window = max(0, role.start() - 100)
    person = _NAME_BEFORE.search(text[window : role.start()])
    if person and not before:
        name = text[window + person.start(1) : role.start()] + name  # as written, comma kept
    return name.strip(" ,;:-–—.。،").strip()[:160] or role.group(0).strip()


def _neutralise(sentence: str, scripts: frozenset[str]) -> str:
    """Remove courtesy formulae, descriptions of the invitation and thanks for it: they name
    acceptance or participation without deciding anything."""
    for pattern in (cues.COURTESY, cues.LETTER_REF, cues.THANKS):
        sentence = pattern.sub(" ", sentence, scripts)
    return sentence


def _is_negated(clause: str, scripts: frozenset[str]) -> bool:
    return bool(cues.NEGATION.search(cues.NOT_NEGATION.sub(" ", clause, scripts), scripts))


def _score_sentence(sentence: str, position: int) -> list[_Signal]:
    """The signals of one sentence: a question or a condition makes the whole sentence
    pending; otherwise each clause may accept, decline or be pending on its own."""
    is_question = "?" in sentence or "？" in sentence or "؟" in sentence
    scripts = cues.scripts_of(sentence)
    if cues.DISCLAIMER.search(sentence, scripts):
        return []
    text = _neutralise(sentence, scripts)
    if is_question or cues.QUESTION.search(text, scripts):
        return [_Signal("question", sentence, position)]
    if cues.CONDITION.search(text, scripts):
        return [_Signal("hedge", sentence, position)]
    found: list[_Signal] = []
    role_name: str | None = None
    speaks = False
    for index, clause in enumerate(_CLAUSE_BREAK.split(text)):
        if not clause or not clause.strip():
            continue
        contrast = index > 0 and bool(cues.CONTRAST.search(clause))
        negated = _is_negated(clause, scripts)
        accept = cues.ACCEPT.search(clause, scripts)
        if not negated:
            role = cues.ROLE.search(clause, scripts)
            if role and role_name is None:
                # Read the name in the whole sentence: it runs across commas ("the Deputy
                # Minister, Dr. Samuel Okello, will deliver").
                in_text = cues.ROLE.search(text, scripts, pos=max(text.find(clause), 0))
                role_name = _delegate_name(text, in_text or role)
            speaks = speaks or bool(accept or cues.BEHALF.search(clause, scripts))
        if cues.HEDGE.search(clause, scripts):
            found.append(_Signal("hedge", sentence, position, contrast))
            continue
        explicit = cues.DECLINE.search(clause, scripts)
        participate = accept or cues.PARTICIPATE.search(clause, scripts)
        if explicit or (negated and participate):
            found.append(_Signal("decline", sentence, position, contrast))
        elif accept and not negated:
            found.append(_Signal("accept", sentence, position, contrast))
    # An official named in a clause that is not negated, and someone speaking or acting on the
    # Minister's behalf in the sentence: the Minister accepts through a delegate.
    if role_name and speaks and not any(s.kind == "hedge" for s in found):
        found.append(_Signal("accept", sentence, position, False, role_name))
    return found


def classify_text(text: str) -> Decision:
    """Decide accept / decline / other from a reply's own text (quotes already removed)."""
    signals: list[_Signal] = []
    for position, sentence in enumerate(sentences(text)):
        signals.extend(_score_sentence(sentence, position))
    delegates = [s for s in signals if s.kind == "accept" and s.delegate]
    accepts = [s for s in signals if s.kind == "accept"]
    declines = [s for s in signals if s.kind == "decline"]
    pending = [s for s in signals if s.kind in ("hedge", "question")]
    if delegates:
        first = delegates[0]
        return Decision(ReplyKind.ACCEPT, 0.9, first.sentence, first.delegate)
    if accepts and not declines:
        confidence = 0.92 if not pending else 0.75
        return Decision(ReplyKind.ACCEPT, confidence, accepts[0].sentence)
    if declines and not accepts:
        confidence = 0.92 if not pending else 0.82
        return Decision(ReplyKind.DECLINE, confidence, declines[0].sentence)
    if accepts and declines:
        # "Unable to attend in person; however, the Minister will speak by video": the clause
        # after a contrast decides. Without one, the reply is for a person.
        turned = [s for s in accepts + declines if s.contrast]
        if turned:
            last = max(turned, key=lambda s: s.position)
            kind = ReplyKind.ACCEPT if last.kind == "accept" else ReplyKind.DECLINE
            return Decision(kind, 0.7, last.sentence)
        return Decision(ReplyKind.OTHER, 0.4, "both accept and decline: " + accepts[0].sentence)
    if pending:
        return Decision(ReplyKind.OTHER, 0.85, pending[0].sentence)
    return Decision(ReplyKind.OTHER, 0.5, "no sentence accepts or declines")


# --- messages -------------------------------------------------------------------------------


def _message_date(msg: Message) -> date:
    try:
        parsed = parsedate_to_datetime(raw_header(msg, "Date"))
    except (TypeError, ValueError, IndexError):
        parsed = None
    return (parsed or datetime.now(UTC)).date()


def _excerpt(text: str, limit: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def classify_message(raw: bytes, *, limits: Limits | None = None) -> Classification:
    """Classify one raw e-mail. Raises ``NotAnEmail`` for input that is not one; a message over
    a limit is ``other`` with low confidence and the limit named in the evidence."""
    limits = limits or DEFAULT_LIMITS
    try:
        return _classify(raw, limits)
    except NotAnEmail:
        raise
    except LimitExceeded as exceeded:
        return Classification(ReplyKind.OTHER, None, 0.1, f"not read: {exceeded}", "")
    except Exception as error:
        # A malformed message the parsers choke on must not stop a poll: a person reads it.
        # (Fuzzing the corpus found no such case after the fixes; this is the last net.)
        reason = f"{type(error).__name__}: {error}"[:200]
        return Classification(
            ReplyKind.OTHER, None, 0.0, f"not read: malformed message ({reason})", ""
        )


def _classify(raw: bytes, limits: Limits) -> Classification:
    msg = parse_message(raw, limits)
    bounce = detect_bounce(msg)
    if bounce is not None:
        return Classification(
            ReplyKind.BOUNCE,
            None,
            bounce.confidence,
            bounce.evidence,
            bounce.diagnostic or "",
            bounce_recipient=bounce.recipient,
            bounce_permanent=bounce.permanent,
            bounce_diagnostic=bounce.diagnostic,
        )
    body = extract_body(msg, limits)
    reply = clean_reply(body.text)
    auto = detect_auto_reply(msg, reply)
    if auto is not None:
        return Classification(
            ReplyKind.AUTO_REPLY,
            detect_language(reply),
            auto.confidence,
            auto.evidence,
            reply,
            return_date=extract_return_date(reply, _message_date(msg)),
        )
    decision = classify_text(reply)
    language = detect_language(reply)
    shown = reply
    if decision.kind == ReplyKind.OTHER:
        decided = _from_attachments(body.attachments, limits)
        if decided is not None:
            decision, attached_text = decided
            shown = (reply + "\n\n" + attached_text).strip()
            language = detect_language(attached_text) or language
    kind = decision.kind
    confidence = decision.confidence
    evidence = decision.evidence
    if kind in (ReplyKind.ACCEPT, ReplyKind.DECLINE) and confidence < MIN_CONFIDENCE:
        evidence = f"low confidence ({kind.value} {confidence:.2f}): {evidence}"
        kind = ReplyKind.OTHER
    return Classification(
        kind, language, confidence, _excerpt(evidence), shown, delegate=decision.delegate
    )


def _from_attachments(attachments: tuple[Any, ...], limits: Limits) -> tuple[Decision, str] | None:
    """Decide from attached letters when the body did not; None when there are none."""
    documents = []
    for attachment in attachments:
        text = attachment_text(attachment, limits)
        if text is not None:
            documents.append((attachment.filename or attachment.content_type, text))
    if not documents:
        return None
    readable = [(name, text) for name, text in documents if text.strip()]
    if not readable:
        names = ", ".join(name for name, _ in documents)
        return Decision(ReplyKind.OTHER, 0.3, f"attachment without text: {names}"), ""
    for name, text in readable:
        decision = classify_text(clean_reply(text))
        if decision.kind != ReplyKind.OTHER:
            evidence = f"[{name}] {decision.evidence}"
            return Decision(decision.kind, decision.confidence, evidence, decision.delegate), text
    name, text = readable[0]
    decision = classify_text(text)
    return Decision(decision.kind, decision.confidence, f"[{name}] {decision.evidence}"), text

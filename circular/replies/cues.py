"""Cue lexicons for deciding a human reply, in the six languages.

Each lexicon is a list of regular-expression fragments describing a *kind of statement*, not
sentences seen in examples: word stems and constructions ("will + participate-verb",
"negation … participate-verb", "regret to inform"). ``circular.replies.classify`` scores every
clause of
every sentence against all of them (the scripts barely overlap, and a French reply quoting an
English sentence is still read correctly), so a language need not be detected to be understood.

Categories:
  ACCEPT     a positive, finite statement of participation or acceptance ("will deliver",
             "accepts", "confirm the participation", "participera", "примет участие", "将出席")
  PARTICIPATE participation words in any form, including infinitives ("to participate"): they
             decide nothing alone, but a negation next to them is a decline ("unable to attend")
  NEGATION   negators; with ACCEPT or PARTICIPATE in the same clause they make a decline
  DECLINE    explicit refusals and their usual reasons ("regret to inform", "prior commitments")
  HEDGE      pending or tentative wording: its clause decides nothing
  CONDITION  "if", "subject to", "sous réserve", "si", "если", "如果", "إذا": the whole sentence
             decides nothing
  QUESTION   interrogative openings (a "?" is also a question)
  ROLE       an official who may speak for the minister; with BEHALF or ACCEPT, a delegate
  BEHALF     "on the Minister's behalf", "au nom de", "от имени", "代表", "نيابة عن"
  COURTESY   diplomatic formulae that mention acceptance without meaning it ("accept the
             assurances of my highest consideration"), removed before scoring
  LETTER_REF the reply describing the invitation ("your letter inviting … to confirm
             acceptance"), removed before scoring
  NOT_NEGATION idioms whose negator negates nothing ("no objection", "n'hésitez pas")
  DISCLAIMER legal footers ("if you are not the intended recipient…"): the sentence is skipped
  CONTRAST   "but/however" openings: the clause after one outweighs the one before
"""

from __future__ import annotations

import re

from circular.replies.anchors import (
    AnchorScan,
    RequirementTest,
    anchor_words,
    fold,
    requirement_test,
)

_SCRIPTS = {
    "cyrillic": re.compile(r"[\u0400-\u04ff]"),
    "arabic": re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]"),
    "han": re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"),
}
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")


def scripts_of(text: str) -> frozenset[str]:
    """The scripts a text is written in (latin, cyrillic, arabic, han)."""
    found = {name for name, pattern in _SCRIPTS.items() if pattern.search(text)}
    if _LATIN.search(text):
        found.add("latin")
    return frozenset(found)


# How many searches each lexicon remembers while one text is read (its clauses are searched
# again by several rules: the reading, the negation scopes, the safety net). ``forget`` empties
# the memos before the next text, so nothing is carried from one message to another.
_MEMO = 512
_LEXICONS: list[Lexicon] = []


def forget() -> None:
    """Empty every lexicon's memo of searches (called before each text is read)."""
    for lexicon in _LEXICONS:
        lexicon._found.clear()
    _FOLDED.clear()
    _PRESENT.clear()


# Each text folded once (``anchors.fold``) for the anchor tests of all lexicons.
_FOLDED: dict[str, str] = {}


def _folded(text: str) -> str:
    found = _FOLDED.get(text)
    if found is None:
        found = fold(text)
        if len(_FOLDED) < _MEMO:
            _FOLDED[text] = found
    return found


# The anchors of every lexicon, per scripts, found in a text by one scan shared by all the
# lexicons (``anchors.AnchorScan``): a text is scanned once, not once per lexicon. Scripts
# first met: every lexicon is built for them at once, and their scan once.
_WORDS: dict[frozenset[str], frozenset[str]] = {}
_SCANS: dict[frozenset[str], AnchorScan] = {}
_PRESENT: dict[tuple[str, frozenset[str]], set[str]] = {}


def _prepare(scripts: frozenset[str]) -> None:
    """Every lexicon's pattern and tests for ``scripts``, and the words of their shared scan."""
    words: set[str] = set()
    for lexicon in _LEXICONS:
        if scripts not in lexicon._cache:
            lexicon._build(scripts)
        _, needed, required = lexicon._cache[scripts]
        words.update(needed or ())
        words.update(required.words if required is not None else ())
    if frozenset(words) != _WORDS.get(scripts):
        _WORDS[scripts] = frozenset(words)
        _SCANS.pop(scripts, None)
        _PRESENT.clear()


def _present(text: str, scripts: frozenset[str]) -> set[str]:
    """The anchors of all lexicons (for ``scripts``) that ``text`` holds, folded."""
    key = (text, scripts)
    found = _PRESENT.get(key)
    if found is None:
        scan = _SCANS.get(scripts)
        if scan is None:
            scan = _SCANS[scripts] = AnchorScan(_WORDS[scripts])
        found = scan.present(_folded(text))
        if len(_PRESENT) < _MEMO:
            _PRESENT[key] = found
    return found


# Zero-width tests that many alternatives open with. ``\b A | \b B`` and ``\b (?:A | B)``
# match the same text in the same order, but the second tests the boundary once: inside a
# word (most positions of a text) the whole group fails at once instead of alternative by
# alternative. Only zero-width, single-outcome assertions are factored, so the match found is
# the same.
_SHARED_OPENINGS = (r"\b", r"(?<![\w\u0400-\u04ff])")


def _alternatives(fragment: str) -> list[str]:
    """``fragment`` split at its top-level ``|`` (not inside a group, a class or an escape)."""
    out, depth, start, i, in_class = [], 0, 0, 0, False
    while i < len(fragment):
        char = fragment[i]
        if char == "\\":
            i += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            if fragment[i + 1 : i + 2] == "^":
                i += 1
            if fragment[i + 1 : i + 2] == "]":
                i += 1  # "[]…]" and "[^]…]": the first "]" is a member
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            out.append(fragment[start:i])
            start = i + 1
        i += 1
    out.append(fragment[start:])
    return out


def _factored(parts: list[str]) -> str:
    """The alternation of ``parts`` in their order, consecutive alternatives that open with
    the same zero-width test sharing one test (see ``_SHARED_OPENINGS``)."""
    groups: list[tuple[str, list[str]]] = []
    for part in parts:
        for alternative in _alternatives(part):
            opening = next((o for o in _SHARED_OPENINGS if alternative.startswith(o)), "")
            rest = alternative[len(opening) :]
            if opening and groups and groups[-1][0] == opening:
                groups[-1][1].append(rest)
            else:
                groups.append((opening, [rest]))
    return "|".join(
        f"{opening}(?:{'|'.join(f'(?:{r})' for r in rests)})" if opening else f"(?:{rests[0]})"
        for opening, rests in groups
    )


class Lexicon:
    """Cue fragments compiled per script, so that a clause is only matched against the
    fragments of the scripts it contains (a Russian clause never runs the Arabic cues): this
    is what keeps classification at hundreds of messages per second."""

    def __init__(self, parts: list[str]) -> None:
        self._by_script: dict[str, list[str]] = {}
        for part in parts:
            script = next(
                (name for name, pattern in _SCRIPTS.items() if pattern.search(part)), "latin"
            )
            self._by_script.setdefault(script, []).append(part)
        self._cache: dict[
            frozenset[str],
            tuple[re.Pattern[str] | None, frozenset[str] | None, RequirementTest | None],
        ] = {}
        self._found: dict[tuple[str, frozenset[str] | None, int], re.Match[str] | None] = {}
        _LEXICONS.append(self)

    def _pattern(self, text: str, scripts: frozenset[str] | None) -> re.Pattern[str] | None:
        """The pattern for ``text`` (of the scripts given, or those ``text`` contains), or
        None when it has none or when none of its anchors is in ``text``: a search would find
        nothing (``circular.replies.anchors``)."""
        scripts = scripts if scripts is not None else scripts_of(text)
        if scripts not in self._cache:
            _prepare(scripts)
        pattern, needed, required = self._cache[scripts]
        if needed is not None:
            present = _present(text, scripts)
            if needed.isdisjoint(present):
                return None
            if required is not None and not required.possible_with(present):
                return None
        return pattern

    def _build(self, scripts: frozenset[str]) -> None:
        """The pattern and anchor tests of the fragments of ``scripts``."""
        parts = [p for name in sorted(scripts) for p in self._by_script.get(name, [])]
        source = _factored(parts)
        needed = anchor_words(parts) if parts else None
        # The finer test (every anchor an alternative needs) only behind the coarse one.
        each = [a for part in parts for a in _alternatives(part)]
        required = requirement_test(each) if needed is not None else None
        self._cache[scripts] = (
            (re.compile(source, re.I), needed, required) if parts else (None, None, None)
        )

    def search(
        self, text: str, scripts: frozenset[str] | None = None, pos: int = 0
    ) -> re.Match[str] | None:
        """The first cue in ``text`` from ``pos`` (of the scripts given, or those ``text``
        contains)."""
        key = (text, scripts, pos)
        if key in self._found:
            return self._found[key]
        pattern = self._pattern(text, scripts)
        found = pattern.search(text, pos) if pattern else None
        if len(self._found) < _MEMO:
            self._found[key] = found
        return found

    def finditer(self, text: str, scripts: frozenset[str] | None = None) -> list[re.Match[str]]:
        """Every cue in ``text`` (of the scripts given, or those ``text`` contains)."""
        pattern = self._pattern(text, scripts)
        return list(pattern.finditer(text)) if pattern else []

    def sub(self, replacement: str, text: str, scripts: frozenset[str] | None = None) -> str:
        """``text`` with every cue replaced."""
        pattern = self._pattern(text, scripts)
        return pattern.sub(replacement, text) if pattern else text

    def sub_blank(self, text: str, scripts: frozenset[str] | None = None) -> str:
        """``text`` with every cue replaced by as many spaces (offsets are kept)."""
        pattern = self._pattern(text, scripts)
        return pattern.sub(lambda m: " " * len(m.group(0)), text) if pattern else text


def _compile(parts: list[str]) -> Lexicon:
    return Lexicon(parts)


_RECORDED = [
    # Round 8: a speech *recorded* for the event and sent in place of a live one is still
    # the Minister speaking ("instead of a live intervention, will send a pre-recorded video
    # message"). A plain "video message" after "cannot attend" is not: there it stays a
    # decline (round 5), and with "recorded" beside a refusal the conflict goes to a person.
    r"\bwill\s+(send|deliver|provide|submit)\s+(\w+\s+){0,3}?(pre-?recorded|recorded)\s+"
    r"(video(-|\s+))?(message|address|statement|greeting|intervention|speech)",
    r"\b(enverra|transmettra|adressera|fera\s+parvenir)\s+(\w+\s+){0,3}?"
    r"(message|allocution|intervention|discours)\s+(vidéo\s+)?(pré-?)?enregistré\w*",
    r"\b(enviará|remitirá|transmitirá|hará\s+llegar)\s+(\w+\s+){0,3}?"
    r"(mensaje|discurso|intervención|saludo)\s+(de\s+|en\s+)?(video\s+|vídeo\s+)?(pre)?grabad\w*",
    r"(направит|пришл[её]т|передаст)\s+(\S+\s+){0,2}?(записанн\w+|заранее\s+записанн\w+)\s+"
    r"(видеообращени\w*|видеопослани\w*|обращени\w*|выступлени\w*)",
    r"(将|会)(发送|提供|寄送|发来)[^。，；]{0,8}(录制|录好)的?(视频讲话|视频致辞|讲话|致辞|发言)",
    r"(?:^|\s)و?(سيرسل|سترسل|سيبعث|ستبعث)\s+(\S+\s+){0,2}?(رسالة|كلمة)\s+(\S+\s+)?مسجلة",
]
#: The recorded-message acceptances alone (the safety net reads them beside a refusal).
RECORDED = _compile(_RECORDED)

ACCEPT = _compile(
    [
        # en
        r"\b(accepts?|accepted|accepting|acceptance)\b",
        r"\bconfirm\w*\b[^.;]{0,80}\b(participation|attendance|presence|availability|acceptance"
        r"|statement|intervention|speech|will\b)",
        # "The answer is yes", "count him in", "list her as a speaker" (round 5).
        r"\b(answer|reply|response)\s+(\S+\s+){0,4}?is\s+(a\s+)?(yes|positive|affirmative)\b"
        r"|\b(positive|affirmative)\s+(answer|reply|response)\b|\bcount\s+(him|her|us|them)\s+in\b"
        r"|\b(list|register|put|enrol)\s+(him|her|the\s+minister)\s+(down\s+)?as\s+(a\s+)?speaker"
        r"|\bsays?\s+yes\b|\byes\s+from\s+(us|our\s+side)\b"
        r"|\b(will|shall|'ll)\s+(\w+\s+)?(read|give)\s+(the|a|his|her|its|our)\s+(\w+\s+)?(statement"
        r"|speech|address)"
        # Round 17: "will make Jamaica's policy statement", "pleased to take up the invitation".
        r"|\b(?:will|shall|'ll)\s+make\s+(?:[\w'’-]+\s+){0,3}?statement\b"
        r"|\btak(?:e|es|ing)\s+up\s+(?:[\w'’-]+\s+){0,3}?invitation\b"
        # A decision taken: "has decided to attend" ("decided not to" is negated by scope).
        r"|\b(decided|decides|agreed)\s+to\s+(attend|participate|accept|take\s+part|speak|deliver)",
        r"\b(will|shall|'ll)\s+(also\s+|still\s+|nonetheless\s+|nevertheless\s+|therefore\s+|then\s+"
        r"|indeed\s+|certainly\s+|definitely\s+|now\s+|thus\s+|accordingly\s+|again\s+"
        r"|once\s+(?:again|more)\s+|likewise\s+)?(be\s+)?(gladly\s+"
        r"|happy\s+to\s+|pleased\s+to\s+"
        r"|honou?red\s+to\s+|personally\s+|virtually\s+)?(participat\w*|attend\w*|deliver\w*"
        r"|take\s+part|taking\s+part|join\w*|speak\w*|address\w*|mak\w+\s+(a|the|his|her|its|our)"
        r"\s+(policy\s+)?statement|present\w*|record\w*|be\s+present|be\s+available|be\s+there"
        r"|be\s+delighted|be\s+glad|be\s+happy|be\s+honou?red|represent\w*)",
        r"\b(pleased|happy|delighted|glad|honou?red|privileged|looks?\s+forward|looking\s+forward)"
        r"\b[^.;]{0,40}\b(confirm|accept|particip|attend|deliver|take\s+part|taking\s+part|join"
        r"|speak|address|mak(e|ing)|present|record)",
        r"\b(is|are|am|will\s+be)\s+(available|able|in\s+a\s+position)\s+to\s+(particip|attend"
        r"|deliver|join|take\s+part|speak|make)",
        r"\bagree[sd]?\s+to\b|\bgladly\b|\bwith\s+pleasure\b|\bcount\s+on\b"
        r"|\b(can|will|shall)\s+(also\s+)?(make\s+it|take\s+the\s+floor)\b"
        r"|\b(plans?|intends?|planning|intending)\s+to\s+(particip|attend|deliver|join|take\s+part"
        r"|speak|make)"
        r"|\bas\s+(a|the|our)\s+speaker\b"
        r"|\b(participation|attendance|presence)\b[^.;]{0,40}\b(is|has\s+been)\s+confirmed\b"
        # A cleft: "it will be the Minister herself who delivers the statement".
        r"|\bit\s+will\s+be\s+[^.;]{1,60}\bwho\s+(will\s+)?(deliver|speak|attend|address|make"
        r"|present|represent)\w*|\btreat\s+this\s+(message\s+)?as\s+(our|a|the)\s+confirmation",
        # The absolute use of "confirm": a finite form closing its clause ("the Minister
        # confirms.", "il confirme", "confirmado", "министр подтверждает", "部长确认"). The
        # imperative and the infinitive ("please confirm", "merci de confirmer") are excluded.
        r"\b(confirms|confirmed)\s*[.!]?\s*$|\b(confirme|confirmons|confirmée?)\s*[.!]?\s*$"
        r"|\b(confirma|confirmamos|confirmad[oa])\s*[.!]?\s*$",
        # Round 13: someone "confirmed for" a day ("the Deputy Minister is confirmed for 25
        # March", « est confirmé pour le 24 mars », "queda confirmado para el 24").
        r"\b(is|are|has\s+been|have\s+been|now)\s+confirmed\s+(for|on)\s+(the\s+)?(\d{1,2}\b"
        r"|(mon|tues|wednes|thurs|fri)day)"
        r"|\b(est|sont)\s+(bien\s+|donc\s+)?confirmée?s?\s+pour\s+(le\s+)?(\d{1,2}\b|lundi|mardi"
        r"|mercredi|jeudi|vendredi)"
        r"|\b(queda|quedan|está|están|ha\s+quedado)\s+confirmad[oa]s?\s+para\s+(el\s+)?(\d{1,2}\b"
        r"|lunes|martes|miércoles|jueves|viernes)",
        r"(?<![\w\u0400-\u04ff])подтвержд[её]н\w*\s+на\s+(\d{1,2}|понедельник|вторник|среду"
        r"|четверг|пятницу)",
        r"(?:تم\s+)?تأكيد\s+(?:مشاركة|كلمة)\s+(?:\S+\s+){0,4}?(?:ليوم|يوم)\s+\d",
        # Round 13: a speech the Minister "limits himself to" ("will limit himself to a video
        # address", « se limitera à une intervention par vidéo ») is still a speech.
        r"\b(limit|confine)\w*\s+(himself|herself|themselves)\s+to\s+(\S+\s+){0,3}?(statement|address"
        r"|speech|intervention|remarks)\b"
        r"|\bse\s+limitera\s+à\s+(\S+\s+){0,3}?(intervention|déclaration|allocution|discours"
        r"|message\s+vidéo)\b"
        r"|\bse\s+limitará\s+a\s+(\S+\s+){0,3}?(intervención|declaración|discurso|mensaje\s+en"
        r"\s+v[ií]deo)\b",
        # fr
        r"\baccept\w*",
        r"\bconfirm\w*[^.;]{0,80}\b(participation|présence|disponibilité|acceptation|particip\w+"
        r"|déclaration|intervention|allocution)",
        r"\bréponse\s+((?!n'|ne\b|pas\b)\S+\s+){0,4}?(est\s+)?(positive|affirmative)\b"
        r"|\binscrire\s+(\S+\s+){0,3}?comme\s+(intervenant|orat)\w*"
        r"|\b(parlera|parleront|parlerons)\b"
        # First persons of the future, the present for the near future, "fera la déclaration".
        r"|\b(participerai|interviendrai|prononcerai|représenterai|assisterai|interviendrons"
        r"|prononcerons|représenterons|assisterons)\b|\b(il|elle|nous|ministre)\s+(y\s+)?"
        r"(participe|participent|participons)\b|\bfer(a|ai|ons)\s+(la|une|sa|notre)\s+"
        r"(d[ée]claration|intervention)|\ba\s+décidé\s+d'(accepter|intervenir)|\ba\s+décidé\s+de\s+"
        r"(participer|prendre\s+part)",
        r"\b(participera|participerons|participeront|interviendra|prononcera|prendra\s+part"
        r"|prendra\s+la\s+parole"
        r"|assistera|se\s+joindra|rejoindra|présentera|enregistrera|s'adressera|représentera"
        r"|sera\s+(bien\s+|donc\s+|très\s+)?(présente?|disponible|heureux|heureuse|ravie?"
        r"|honorée?)|sera\s+des\s+vôtres|sera\s+parmi\s+vous|donnera\s+lecture)\b",
        r"\b(participation|présence)\b[^.;]{0,40}\b(est|a\s+été)\s+confirmée\b",
        r"\bsera\s+de\s+la\s+partie\b|\brépondra\s+présente?\b",
        r"\b(plaisir|heureux|heureuse|ravie?|honorée?|honneur)\s+(de|d')\s*(vous\s+)?(confirmer"
        r"|accepter|participer|prendre\s+part|intervenir|prononcer)",
        r"\b(pourra|peut|pourront|est\s+en\s+mesure|sera\s+en\s+mesure)\b[^.;]{0,30}\b(particip\w*"
        r"|prendre\s+part|interven\w*|prononc\w*|assister|être\s+présente?)",
        r"\bvolontiers\b|\bavec\s+plaisir\b"
        # Round 17: « il a tenu à prononcer lui-même la déclaration » (insisted on speaking).
        r"|\b(?:a|ont|avons|tient|tiennent|tenons)\s+(?:\w+\s+)?(?:tenu\s+)?à\s+(?:prononcer|participer"
        r"|intervenir|être\s+présente?)\b",
        # es
        r"\bacept\w*",
        r"\bconfirm\w*[^.;]{0,80}\b(participación|asistencia|presencia|disponibilidad|aceptación"
        r"|particip\w+|declaración|intervención|discurso)",
        r"\brespuesta\s+((?!no\b)\S+\s+){0,4}?(es\s+)?(afirmativa|positiva)\b"
        r"|\binscribir(lo|la)?\s+(\S+\s+){0,3}?como\s+orador\w*"
        r"|\b(participaré|intervendré|asistiré|pronunciaré|representaré)\b"
        r"|\bha\s+decidido\s+(participar|aceptar|asistir|intervenir)",
        r"\b(participará|participaremos|participarán|asistirá|intervendrá|pronunciará"
        r"|tomará\s+parte|estará\s+presente|se\s+unirá|presentará|grabará|representará"
        r"|hará\s+uso\s+de\s+la\s+palabra|(?:realizará|formulará)\s+(la|una|su)\s+declaración"
        r"|\bla\s+formular(?:á|án)\b"
        r"|hará\s+(la|una|su)\s+(intervención|declaración)|hablará|leerá\s+(la|el)"
        # Round 16: "volverá a intervenir" (will speak again).
        r"|volver(á|emos|án)\s+a\s+(participar|intervenir|pronunciar|hablar|asistir|tomar\s+la"
        r"\s+palabra)"
        # The present for the near future: "la Ministra participa", "participamos".
        r"|(?<!no\s)\b(participa|participamos|participan|asiste|asistimos)\b)",
        r"\b(complace|agrado|gusto|honor|placer|encantad[oa]|complacid[oa]|honrad[oa])\b[^.;]{0,40}"
        r"\b(confirmar|aceptar|participar|asistir|intervenir)",
        r"\b(podrá|puede|estará\s+en\s+condiciones\s+de|está\s+en\s+condiciones\s+de)\b[^.;]{0,30}"
        r"\b(particip\w*|asistir|intervenir|pronunciar|tomar\s+parte|estar\s+presente)",
        r"\bcon\s+(mucho\s+)?gusto\b",
        r"\b(participación|asistencia|presencia)\b[^.;]{0,40}\b(está|queda|ha\s+sido)\s+"
        r"confirmad[oa]\b",
        # ru
        r"\bприним\w*\s+(ваше\s+|любезное\s+)?(приглашение|участие)|\bпринял\w*\s+(ваше\s+)?"
        r"приглашение|\bприм(ет|ем|ут)\s+(личное\s+)?участие"
        # Round 16: "принял к сведению приглашение" takes note of it, accepts nothing.
        r"|\bприня\w*\s+(?!к\s+сведению)(\w+\s+){0,2}приглашение",
        r"подтвер(жд|д)\w*[^.;]{0,80}(участи\w*|присутстви\w*|согласи\w*|выступлени\w*)",
        r"ответ\s+((?!не(?![\w\u0400-\u04ff]))\w+\s+)?положительн\w*|положительн\w*\s+ответ"
        r"|решил\w*\s+(принять\s+участие|участвовать|выступить|принять\s+приглашение)",
        r"\b(выступит|выступим|будет\s+выступать|будет\s+присутствовать|присоединится"
        r"|представит|сделает\s+заявление|запишет|зачитает|огласит)(?![а-яё])"
        # Round 17: the object first ("заявление от имени страны сделает Государственный
        # секретарь"); not across a negator ("заявление министр не сделает").
        r"|(?<![\w\u0400-\u04ff])заявлени\w*\s+(?:(?!не(?![\w\u0400-\u04ff]))\S+\s+){0,4}?"
        r"сдела(?:ет|ют)(?![а-яё])",
        # The present for the near future ("он всё-таки участвует"), and the absolute
        # "подтверждаем" closing its clause.
        r"(?<!не\s)\b(участвует|участвуем|выступает|выступаем)(?![а-яё])"
        r"|\b(подтверждает|подтверждаем|подтверждено)\s*[.!]?\s*$",
        r"(рад\w*|с\s+удовольствием|с\s+радостью|честь)[^.;]{0,40}(подтверд\w*|приня\w*|приним\w*"
        r"|участ\w*|выступ\w*)",
        r"\b(сможет|может|в\s+состоянии)\b[^.;]{0,30}(приня\w*\s+участие|участвовать|выступить"
        r"|присутствовать)",
        r"\bдал\w*\s+(сво[её]\s+)?согласие|\bсоглас(ен|на)\b|\bучасти\w*[^.;]{0,40}подтвержден\w*"
        r"|\bготов\w*\s+(выступить|принять\s+участие)|список\s+выступающих",
        # zh
        r"接受(邀请|贵方邀请|您的邀请|此邀请|了)|欣然接受|愉快地接受|接受贵|接受[^。；，]{0,8}邀请",
        r"(确认|確認)[^。；]{0,30}(出席|参加|參加|参会|參會|与会|與會|发言|發言|致辞|致辭)|(答复|回复|答案)(是)?肯定|肯定的(答复|回复)"
        r"|^\s*(确认|確認)\s*[。！]?\s*$|决定(参加|出席|接受|发言|與會|与会)|^\s*(确定|確定)(参加|參加|出席|参会|与会)"
        r"|由(部长|部長)(本人|亲自|親自)?(发言|發言|致辞|致詞|出席)"
        # Round 13: a day settled for the speech ("部长确定3月25日发言").
        r"|(确定|確定)\s*(于|於|在)?\s*\d{1,2}\s*(月\s*\d{1,2}\s*)?(日|号|號)\s*(出席|参加|參加"
        r"|参会|參會|与会|與會|发言|發言|致辞|致辭)",
        # Round 17: a manner before the verb ("将通过视频方式发言", "将以线上形式出席").
        r"(将|將|会|會|将会|届时将|屆時將)\s*(亲自|親自|(?:以|通过|通過)[^。；，]{0,6}?(?:方式|形式)|在线|線上|应邀|應邀|再次|再度|继续|繼續|如期|如約|如约|按时|按時|准时|準時)?\s*(出席|参加|參加|参会|与会|與會"
        r"|发言|發言|致辞|致詞|作(政策)?(声明|发言)|发表|發表|录制|代表(?![团團处處]))",
        r"(很高兴|高兴|荣幸|乐意|乐于|愿意|欣然)[^。；]{0,20}(出席|参加|接受|发言|确认|致辞)",
        r"(能够|可以|能)\s*(出席|参加|发言|与会)|同意|(部长|部長|我方|我部)确认\s*[。！]?\s*$"
        r"|届时(出席|发言|致辞|参加)"
        # Round 17: "代表团/代表處" (a delegation, a mission) is a noun, not "represent":
        # "贺信将于…经我国常驻代表团转交" (a letter handed on through the mission) accepts
        # nothing.
        # Round 27: "发言人" is the speaker, a noun ("将于3月1日前告知发言人姓名": the name is
        # still to come), not the verb.
        r"|(将|將)(亲自|親自|(?:以|通过|通過)[^。；，]{0,6}?(?:方式|形式))?(于|於|由|在)[^。；，]{1,30}(出席|参加|參加|发言(?!人)|發言(?!人)|发表|發表|致辞|宣读|宣讀|代表(?![团團处處]))"
        # A bare verb after the subject is a statement: "部长参加", "部长出席并发言".
        r"|(部长|部長|副部长|副部長|大臣|本部|我部|我方|我们|我們)\s*(本人|亲自|親自)?\s*(按计划|按計劃|如期|照常)?\s*(出席|参加|參加|与会|與會)(?!事宜|问题|一事|安排)",
        # ar
        # Round 14: not inside "المستقبل" (the future) or "استقبل" (received): "يرجى في المستقبل
        # مراسلة …" (in future please write to …) accepts nothing.
        r"قبول|نقبل|(?<!س)يقبل|(?<!س)تقبل|(?<!ست)قبلت|وافق\w*|الموافقة|موافقة|نوافق|يوافق",
        r"(نؤكد|يؤكد|تؤكد|تأكيد|أؤكد)[^.؛]{0,60}(مشارك\w*|حضور|المشاركة|الحضور|إلقاء\w*|كلمة|البيان)"
        r"|(الرد|الجواب|ردنا)\s+(بالإيجاب|إيجابي)|^\s*(مؤكد|نؤكد)\s*[.!]?\s*$"
        # Round 28: the deciding body may have a long name ("قررت هيئة الاتصالات وتقنية
        # المعلومات المشاركة"): up to five words between the verb and its object.
        r"|قرر\w*\s+(?:\S+\s+){0,5}?(المشاركة|الحضور|قبول)"
        # Round 24: a decision that someone will speak ("تقرر أن يلقي رئيس الهيئة البيان", "قررت
        # الوزارة أن يمثلها الوكيل"): the subjunctive after أن carries the decided act (speaking
        # or representing; a bare "participate" may be in another way than the statement).
        r"|(?:^|\s)[وف]?(?:تقرر|تقرّر|قرر|قرّر|قررت|قرّرت|قررنا|قرّرنا)\s+(?:\S+\s+){0,3}?أن\s+"
        r"[يت](?:لقي|مثل|تولى|تحدث)"
        # A nominal sentence: "معالي الوزير مشارك" (the Minister is taking part).
        r"|(?:الوزير|الوزيرة)\s+(?:مشارك|مشاركة|حاضر|حاضرة|موافق|موافقة)(?=\s|$|[.،!])|(?:^|\s)و?[أنيت]لبي\s+(ال)?دعو|تلبية\s+(ال)?دعو"
        r"|(?:^|\s)و?[سو]?[أنيت]دلي\s+ب(بيان|كلمة)"
        # The dialects' future: ب/ح/ه before the verb ("بيشارك", "حيلقي").
        r"|(?:^|\s)و?[بحه][يتن](?:شارك|لقي|حضر|تكلم|تحدث)"
        # Round 11: the Minister delegates or entrusts someone with the speech ("يُنيب السيد
        # الوزير معاونه لإلقاء البيان", "أوكل إلى سعادة الوكيل إلقاء الكلمة").
        r"|(?:^|\s)و?(?:قد\s+)?(?:ينيب|أناب|أوكل|يوكل)\s+[^.؛]{0,60}(?:إلقاء|لإلقاء|بإلقاء|للمشاركة"
        r"|بالمشاركة|لتمثيل)"
        # Round 11: the speaker's form filled in ("أدخلنا في الموقع استمارة المتحدث").
        r"|(?:أدخلنا|ملأنا|عبأنا|تم\s+(?:ملء|تعبئة|إدخال))\s+(?:في\s+الموقع\s+)?(?:استمارة|نموذج)\s+المتحدث"
        # Round 11: the Gulf and Levantine future "راح/رح يشارك"; "وجّه بالمشاركة" (the
        # Minister directed that the Ministry take part).
        r"|(?:^|\s)و?(?:راح|رح)\s+[يتن](?:شارك|لقي|حضر|تكلم|تحدث)"
        r"|(?:^|\s)[وف]?(?:وجه|أوعز|أمر)\s+(?:معاليه\s+|الوزير\s+)?ب(?:المشاركة|الحضور|قبول\s+الدعوة|تلبية)",
        # The future prefix س on a present verb of taking part (3rd/1st person, و glued on).
        r"(?:^|\s)و?(?:س|سوف\s+)[يتن](?:شارك|لقي|حضر|تحدث|قدم|سجل|مثل|تلو|قرأ)",
        r"(سيقوم|سوف\s+يقوم|ستقوم|سنقوم|سيتشرف|يتشرف|سيسعد|سيكون)[^.؛]{0,30}(بإلقاء|بالمشاركة|بتقديم"
        r"|بحضور|بالحضور)",
        r"(يسعد|(?:^|\s)و?يسر(?=\s)|يسرني|يسرنا|يشرفني|يشرفنا|يسعدني|يسعدنا|بكل\s+سرور|يطيب)"
        r"[^.؛]{0,60}(مشارك|حضور|قبول|إلقاء|تأكيد|المشاركة|الحضور|يشارك|يلقي|يحضر)",
        r"(يستطيع|سيتمكن|يمكن|بإمكان|يمكنه|تستطيع)[^.؛]{0,30}(المشاركة|الحضور|إلقاء|حضور)",
        *_RECORDED,
        # Round 8: "I'll be there" in the other languages, registering the Minister for a day,
        # and a date with the speech and no future marker ("部长22日发言", "الوزير يلقي بيان").
        r"\bj'y\s+serai\b|\bnous\s+y\s+serons\b|\b(l'|les\s+)inscrire\s+(le|pour|au)\s",
        # Round 11: the speaker's registration form filled in or sent, in each language.
        r"\bspeaker('s)?\s+(registration\s+)?form\b[^.;]{0,30}\b(has\s+been\s+|was\s+|is\s+)?"
        r"(filled|completed|submitted|sent)\b"
        r"|\b(formulaire|fiche)\s+(d'inscription\s+)?(de\s+l'|d')orat(eur|rice)[^.;]{0,30}\b(rempli|complété"
        r"|soumis|envoyé)e?s?\b"
        r"|\b(formulario|ficha)\s+(de(l)?\s+)?orador\w*[^.;]{0,30}\b(llenad|completad|enviad|remitid)[oa]s?\b",
        r"(анкет|форм)\w*\s+(выступающ|докладчик)\w*[^.;]{0,30}(заполн|отправл|направл)\w*",
        r"(发言人|發言人)(登记表|登記表|报名表|報名表)[^。；]{0,6}(填好|填写|填寫|提交|报送|報送)",
        # Round 11: a request to put the Minister's speech on a day presupposes it ("Please
        # schedule the Minister's statement on 26 March", "请按26日安排部长的政策声明").
        r"\b(please|kindly)\s+(schedule|slot|list|register|programme|program)\s+(the\s+|our\s+)?"
        r"(minister|deputy\s+minister|statement|intervention)\w*('s)?\b[^.;]{0,40}\b(on|for)\s+"
        r"(the\s+)?\d"
        r"|\b(veuillez|merci\s+de|prière\s+d[e'])\s*(inscrire|programmer|prévoir)\s+(le\s+|la\s+|l')"
        r"(ministre|intervention|déclaration)[^.;]{0,40}\b(le|au|pour\s+le)\s+\d"
        r"|\b(les\s+rogamos|le\s+rogamos|sírvanse|favor\s+de)\s+(inscribir|programar|agendar)\s+"
        r"(al|a\s+la|la|el)\s+(ministr|viceministr|intervenci|declaraci)\w*[^.;]{0,40}\b(el|para\s+el)"
        r"\s+(día\s+)?\d",
        r"просим\s+(запланировать|поставить|включить)\s+(выступлени\w+|министр\w*|заявлени\w+)"
        r"[^.;]{0,40}\s(на|в)\s+\d",
        r"(请|烦请)(按|于|在)\s*\d{1,2}\s*(日|号)[^。；，]{0,6}安排[^。；，]{0,6}(部长|发言|声明|讲话)",
        r"(?:يرجى|نرجو|الرجاء)\s+(?:إدراج|جدولة|برمجة)\s+(?:كلمة|بيان)\s+(?:معالي\s+)?(?:الوزير|الوزيرة)"
        r"[^.؛]{0,30}\s(?:يوم|في)\s+\d",
        r"\b(ahí|allí|allá)\s+estar(é|emos)\b|\bestar(é|emos)\s+(ahí|allí|presente)\b",
        r"\b(register|enrol|enroll)\s+(him|her|the\s+minister)\s+(for|on)\s+(the\s+)?\d",
        r"(?<![\w\u0400-\u04ff])(буду|будем)\s+(обязательно|непременно|там)(?![\w\u0400-\u04ff])"
        r"|(?<![\w\u0400-\u04ff])(выступлю|приеду|приедем|поучаствую)(?![\w\u0400-\u04ff])",
        r"我(会|將|将)(到场|到場|出席|参加|參加)|(部长|部長)\s*\d{1,2}\s*(日|号|號)\s*(上午|下午)?\s*"
        r"(发言|發言|出席|致辞|致辭|讲话|講話)",
        r"(?:^|\s)(سأكون|سنكون)\s+(حاضرا|حاضراً|حاضرين|هناك|معكم)|(?:الوزير|الوزيرة)\s+[يت]لقي\s+"
        r"(ال)?(بيان|كلمة)",
        # Round 8: reading out the Minister's text is speaking for him (with a title, a
        # delegate), consenting to speak is accepting, and the terse forms of staff ("Cuenten
        # conmigo", "Буду.", "我来讲").
        r"\bwill\s+read\s+(out\s+)?(the|his|her|its|our)\s+(\S+\s+){0,2}?(statement|message|speech|text"
        r"|address|remarks)\b|\b(has|have)\s+(\w+\s+)?(consented|agreed)\s+to\s+(deliver|speak|attend"
        r"|participate|take\s+part|address|give|make)\b",
        r"\blira\s+(le|la|son|sa|les)\s+(\S+\s+){0,2}?(discours|texte|message|déclaration|allocution"
        r"|intervention)\b|\bsera\s+(remplacée?|représentée?)\s+"
        # Round 36: also at the sessions ("sera représenté aux sessions de haut niveau par …"),
        # not at the Forum (a delegation at the Forum speaks for no one).
        r"(?:(?:aux?|à\s+la|à\s+l'|lors\s+des?)\s+(?:(?!non\b|pas\b|ni\b)[^.;,]){0,30}?"
        r"(?:sessions?|séances?|segment|haut\s+niveau)(?:(?!non\b|pas\b|ni\b)[^.;,]){0,40}?\s+)?"
        r"par\b",
        r"\bdar[áa]n?\s+lectura\s+al?\b|\bleer[áa]n?\s+(el|la|su)\s+(\S+\s+){0,2}?(mensaje|discurso"
        r"|declaraci[oó]n|texto|intervenci[oó]n)\b|\bcuenten\s+con(migo|\s+nosotros|\s+(él|ella"
        r"|la\s+ministra|el\s+ministro))\b|\bser[áa]\s+(sustituid[oa]|representad[oa])\s+por\b",
        r"^\s*(буду|будем)\s*[.!]?\s*$",
        r"将(代\S{1,3})?宣读|將(代\S{1,3})?宣讀|代(部长|部長)宣(读|讀)|我来(讲|发言|说)|我來(講|發言)",
        # Round 8: booking the Minister into a slot is an acceptance ("put him down for the
        # 24th", "inscrivez-le le 24", "apúntelo el jueves", "запишите его на 24-е").
        r"\b(put|sign|book|schedule)\s+(him|her|me|us|the\s+minister)\s+(down\s+|in\s+)?"
        r"(for|on)\s+(the\s+)?(\d|mon|tue|wed|thu|fri|sat|sun|\w+day\b|that|this)",
        r"\b(inscrivez|mettez|notez|placez|programmez)-(le|la|moi|nous)\b(?![^.;]{0,40}\?)",
        r"\b(ap[uú]nte|an[oó]te|inscr[ií]ba|p[oó]nga|ap[uú]nta|an[oó]ta|inscr[ií]be|p[oó]n)"
        r"(lo|la|me|nos)\b(?![^.;]{0,40}\?)",
        r"(?<![\w\u0400-\u04ff])(запишите|поставьте|внесите|включите)\s+(его|её|ее|меня|нас"
        r"|министра)\s+(на|в)\s",
        r"(请|麻烦)?(把|将)(部长|部長)(排在|安排在|列入|排进)",
        # Round 27: a request to put the Minister, named with the ministry, on the list of
        # speakers ("请将科学技术部部长列入3月24日的发言名单", "please include the Minister in
        # the list of speakers", « veuillez inscrire la Ministre sur la liste des orateurs »).
        r"(请|烦请|麻烦)(把|将)[^。；，]{1,12}?(部长|部長)(列入|加入|纳入|納入|排入)[^。；，]{0,12}"
        r"(发言|發言)(人)?(名单|名單)",
        r"\b(please|kindly)\s+(include|add|put|list|register|inscribe)\s+(the\s+|our\s+)?"
        r"(minister|deputy\s+minister|secretary\s+of\s+state)\b[^.;]{0,40}\b(on|in|to)\s+the\s+"
        r"(list|roster)\s+of\s+(speakers|orators)"
        r"|\b(veuillez|merci\s+de|prière\s+d[e'])\s*(inscrire|ajouter|porter)\s+(le\s+|la\s+|l')"
        r"(ministre|secrétaire\s+d'état)[^.;]{0,40}\bliste\s+des\s+(orateurs|intervenants)"
        r"|\b(les\s+rogamos|le\s+rogamos|sírvanse|favor\s+de|les\s+solicitamos)\s+(incluir|inscribir"
        r"|añadir|agregar)\s+(al|a\s+la)\s+(ministr|viceministr|secretari)\w*[^.;]{0,40}\blista\s+"
        r"de\s+(oradores|intervinientes)",
        r"(يرجى|الرجاء|نرجو)\s+(إدراج|تسجيل|وضع)\s+(اسم\s+)?(معالي\s+)?(معاليه|معاليها|الوزير|الوزيرة)",
        # Round 10: the near future ("is going to speak", "va faire l'allocution", "va a
        # intervenir"), the speech in the passive with its speaker ("sera présentée par",
        # "será pronunciada por", "будет зачитано"), consent given ("a marqué son accord pour",
        # "ha dado su conformidad", "granted approval for the Minister to address"), making
        # oneself available.
        r"\b(will|shall)\s+be\s+(given|made|read|presented|delivered|pronounced)\s+by\b"
        r"|\b(is|are|am)\s+going\s+to\s+(participate|attend|deliver|speak|address|join|take\s+part"
        r"|make\s+(a|the|his|her|its|our)\s+(\w+\s+)?statement|present|read|give)\b"
        r"|\b(will|shall|'ll)\s+make\s+(himself|herself|themselves|itself)\s+available\b"
        r"|\b(granted|given|gave|grants?)\s+(\w+\s+){0,2}?(approval|consent|clearance|go-ahead"
        r"|assent)\s+for\s+(\S+\s+){1,5}?to\s+(attend|participate|address|speak|deliver|take\s+part"
        r"|join|make)\b|\b(is|are)\s+on\s+board\b",
        r"\b(va|vont|allons)\s+(faire|prononcer|présenter|intervenir|participer|prendre\s+(part"
        r"|la\s+parole)|lire|délivrer|assister)\b|\b(sera|seront)\s+(présenté|prononcé|lu|fait"
        r"|délivré|donné)e?s?\s+par\b|\b(marqué|donné)\s+(son|leur|notre)\s+(accord|aval"
        r"|feu\s+vert|assentiment)\b",
        r"\b(va|van|vamos)\s+a\s+(participar|intervenir|asistir|pronunciar|hablar|presentar|leer"
        r"|hacer\s+uso|tomar\s+parte)\b|\b(será|serán)\s+(pronunciad|leíd|presentad|realizad|hech"
        # Round 34: also across a parenthetical ("será pronunciada, en representación del
        # Gobierno, por …").
        r"|dad)[oa]s?(?:\s*,[^,.;:]{3,60},)?(?:\s+en\s+(?:su\s+)?(?:representaci[oó]n|nombre)"
        r"(?:\s+del?\s+\S+(?:\s+\S+)?)?)?\s+por\b|\b(dado|otorgado|dio)\s+su\s+(conformidad|visto\s+bueno|aprobación"
        r"|consentimiento|aval|anuencia)\b",
        r"(?<![\w\u0400-\u04ff])будет\s+(сделан|зачитан|представлен|произнес[её]н|оглаш[её]н)\w*"
        r"|(?<![\w\u0400-\u04ff])одобрил\w*\s+(\S+\s+)?участие",
        r"已(获|獲)?批准[^。；，]{0,8}(出席|参加|參加|参会|与会|與會|发言|發言)",
        r"(?:^|\s)و?س[يت](?:لقى|قدم)\s+(?:ال)?(?:كلمة|بيان)"
        # The present for the near future with the Minister after the verb ("يتحدث السيد
        # الوزير يوم 23 مارس").
        # Not after a negator or the subjunctive "أن" ("فلن يشارك الوزير", "الأرجح أن يشارك").
        r"|(?<!لن)(?<!لا)(?<!لم)(?<!أن)(?:^|\s)و?[يت](?:تحدث|لقي|شارك)\s+(?:السيد\s+|السيدة\s+"
        r"|معالي\s+)?(?:الوزير|الوزيرة)(?=\s|$)",
        # Colloquial Chinese "will speak" ("部长会讲", "25号会连线发言").
        r"(会|會|将|將)\s*(连线|連線)?\s*(讲|講)(?!座|话稿|究)|(会|會|将|將)\s*(连线|連線)\s*(发言|發言|参加|參加)",
        # Round 24: a decision that someone will act, with the act in the subjunctive or as a
        # verb after "由" ("se decidió que el Presidente pronuncie la declaración", "决定由管理局
        # 主席宣读声明"); a negator before the act still negates it.
        r"\b(?:decidi[óo]|decidieron|decidimos|ha\s+decidido|han\s+decidido|resolvi[óo]"
        r"|ha\s+resuelto|dispuso|ha\s+dispuesto"
        # Round 34: an arrangement made so that someone acts ("ha coordinado con la Presidencia
        # para que la Secretaria … pronuncie la declaración").
        r"|(?:ha\s+coordinado|coordinó|ha\s+gestionado|gestionó)\s+(?:[^.;:]{0,80}?\s+)?para)\s+que\s+"
        r"(?:(?!(?:no|nadie|nunca|ningún|ninguna?|tampoco|ni)\b)\S+\s+){0,12}?(?:pronuncie|intervenga"
        r"|represente|tome\s+la\s+palabra|lea)\b",
        r"(?<!为)(?<!為)(?:决定|決定)由(?![^。；，]{0,8}(?:哪|谁|誰|何))[^。；，不没沒未无無]{1,30}?(?:宣读|宣讀|发言|發言|致辞|致詞)",
    ]
)

PARTICIPATE = _compile(
    [
        # Round 16: "address the Forum / the sessions" (not "address the issue").
        r"\baddress\w*\s+(?:the\s+|this\s+|your\s+)?(?:[\w-]+\s+){0,2}?(?:forum|sessions?|segment"
        r"|meeting|conference|summit|track|plenary)\b|"
        # Round 36: "attend", not the French "attendre" ("n'attendra pas l'après-scrutin").
        r"\b(particip\w*|attend(?:s|ed|ing|ance|ees?)?|deliver\w*|take\s+part|tak(es|ing)\s+part|took\s+part|take\s+up|join\w*|speak\w*|statement|make\s+it|commit"
        r"|be\s+present|accept\w*|possible|feasible|available|be\s+in\s+geneva|be\s+represented"
        r"|come\s+to\s+geneva|travel\s+to\s+geneva|speaker|take\s+the\s+floor|get\s+away"
        # Round 28: the pro-form of the invited act, as "make it" ("can't do it this time").
        r"|do\s+it)\b",
        r"\b(particip\w*|assister|prend\w*\s+(?:(?:donc|alors|finalement)\s+)?(?:(?:pas|jamais|point|guère|plus)\s+)?part|interven\w*|prononc\w*|présente?|déclaration"
        r"|accept\w*|possibles?|rejoindre|disponibles?|donn\w*\s+(pas\s+|point\s+)?suite|suite\s+favorable"
        # Round 28: "répondre favorablement" is "donner une suite favorable".
        r"|répondre\s+favorablement|réponse\s+favorable"
        r"|des\s+vôtres|parmi\s+vous|venir|viendra|viendrons|s['’]exprim\w*|représentée?s?"
        r"|être\s+des\s+vôtres|être\s+parmi\s+vous|orat(eur|rice)|intervenante?"
        r"|prend\w*\s+(?:(?:donc|alors|finalement)\s+)?(?:(?:pas|jamais|point|guère|plus)\s+)?la\s+parole|se\s+libérer|se\s+rendre\s+disponible)\b",
        r"\b(particip\w*|asistir|asistencia|tomar\s+parte|interven\w*|pronunci\w*|presente"
        r"|declaración|acept\w*|posible|disponible|acompañar\w*|orador\w*|tom\w+\s+la\s+palabra"
        r"|uso\s+de\s+la\s+palabra|venir|viajar|liberarse|hacer\s+un\s+hueco)\b",
        # Round 17: "принимать решения" is to decide, not to accept ("Принимать решения об участии
        # Министра мы не можем": the office cannot decide; it refuses nothing).
        r"участ\w*|присутств\w*|выступ\w*|(?:приня|приним)\w*(?!\w)(?!\s+(?:\w+\s+)?решени)"
        # Round 17: not the possibility of refusing («не счёл возможным отказаться»: a litotes).
        r"|возможн\w*(?!\w)(?!\s+(?:отказ|отклон|пропуст|упуст)\w*)|заявлени\w*|докладчик\w*"
        r"|приехать|прибыть|освободиться|вырваться",
        r"出席|参加|參加|参与|參與|参会|与会|與會|发言|發言|发表|發表|致辞|致詞|接受|声明|聲明|抽身|脱身",
        r"مشارك\w*|المشاركة|[يتن]شارك|حضور|الحضور|[يتن]حضر|إلقاء|[يتن]لقي|كلمة|قبول|الدعوة|المتحدث"
        r"|التفرغ|[يتن]تفرغ"
        # Round 28: the statement itself, as "statement" in English ("ولن نقدم بياناً"; not
        # "بيانات", data).
        r"|بيان(?!ات)",
    ]
)

NEGATION = _compile(
    [
        r"\b(not|no|never|unable|cannot|neither|nor|unfortunately)\b|n't\b",
        r"\b(ne|pas|jamais|impossible|malheureusement|incapable)\b|\bn'",
        r"\b(nunca|imposible|imposibilitad[oa]|lamentablemente|desafortunadamente"
        r"|desgraciadamente|impedid[oa])\b",
        r"\b(не|нет|ни|невозможн\w*)\b|к\s+сожалению",
        r"不能|不会|不克|不便|无法|無法|未能|难以|難以|不可能|无暇|不出席|不参加|未克|恕不"
        # Round 14: "本次不作發言", "不安排领导发言": the Y after them is no substitute.
        r"|不作|不安排",
        r"(^|\s)(لا|لن|لم|ليس\w*)\s|يتعذر|يتعذّر|تعذر|تعذّر|\bعدم\b|(?:^|\s)[وف]?[بل]عدم(?=\s)|غير\s+قادر|للأسف|مع\s+الأسف",
    ]
)

NOT_NEGATION = _compile(
    [
        r"\bno\s+(objection|problem|doubt)s?\b|\bnot\s+only\b|\bdo\s+not\s+hesitate\b"
        r"|\bdon't\s+hesitate\b|\bno\s+later\s+than\b|\bno\.?\s*\d|\bnº",
        r"n'hésitez\s+pas|ne\s+pas\s+hésiter|pas\s+de\s+problème|sans\s+aucun\s+doute|non\s+seulement"
        # "ne … que" restricts ("ne pourra intervenir que par vidéo" = only by video): no negation.
        r"|\bn(?:e\s+|')(?:(?!pas\b|plus\b|jamais\b|point\b|aucun)[^.;,]){0,60}?\bqu(?:e\b|')",
        r"no\s+dude|sin\s+problema|no\s+hay\s+inconveniente|no\s+solo|no\s+sólo",
        r"без\s+проблем|не\s+только|не\s+возражает|не\s+стесняйтесь",
        r"没问题|不胜|不仅|不日",
        r"لا\s+مانع|لا\s+تترددوا|لا\s+تتردد|غير\s+أن|غير\s+انه|غير\s+أنه",
    ]
)

DECLINE = _compile(
    [
        # Round 8: asking to excuse the Minister ("Kindly excuse the Minister from the sessions").
        r"\bexcuse\s+(the\s+)?(\S+\s+){0,2}?(minister|him|her)\s+from\b",
        r"\bexcuser\s+(l'absence\s+d[eu]\s+|le\s+|la\s+)(\S+\s+){0,2}?ministre\b",
        r"\b(disculpe?n?|excusar|excuse)\s+(al|a\s+la)\s+(\S+\s+){0,2}?ministr[oa]\b",
        r"(просим|прошу)\s+извинить\s+(\S+\s+)?министра",
        # Round 27: asking to take the Minister or the country off the list of speakers
        # ("Please remove the Minister from the list of speakers", "请将中国从发言人名单中去掉").
        r"\b(please|kindly)\s+(remove|delete|withdraw|drop|take)\s+(\S+\s+){1,4}?(off|from)\s+the\s+"
        r"(list|roster)\s+of\s+speakers",
        r"\b(veuillez|merci\s+de|prière\s+d[e'])\s*(retirer|supprimer|rayer|enlever)\s+(\S+\s+){1,4}?"
        r"de\s+la\s+liste\s+des\s+(orateurs|intervenants)",
        r"\b(les\s+rogamos|le\s+rogamos|sírvanse|favor\s+de|les\s+solicitamos)\s+(retirar|eliminar"
        r"|excluir|quitar|suprimir)\s+(\S+\s+){1,4}?de\s+la\s+lista\s+de\s+(oradores|intervinientes)",
        r"(просим|прошу)\s+(исключить|убрать|удалить|вычеркнуть|снять)\s+(\S+\s+){1,4}?из\s+списка\s+"
        r"(выступающих|докладчиков|ораторов)",
        r"(请|烦请|麻烦)(把|将)[^。；，]{1,12}?从[^。；，]{0,8}(发言|發言)(人)?(名单|名單)(中|上)?"
        r"(删除|刪除|去掉|撤下|移除|拿掉|删去|刪去)",
        r"(?:يرجى|نرجو|الرجاء)\s+(?:حذف|شطب|سحب|إزالة)\s+(?:\S+\s+){1,4}?من\s+قائمة\s+المتحدثين",
        # Round 8: cannot get away ("实在抽不开身").
        r"抽不开身|抽不出身|脱不开身|脫不開身|分身乏术|分身乏術",
        r"\bregret\w*\b(?!\s+(the|any|our)\s+(delay|inconvenience|late))|\bwith\s+regret\b|\bregretfully\b|\bregrettably\b"
        r"|\bsend\w*\s+(his|her|their|our|its)\s+(regrets|apologies)\b|\b(it's|it\s+is)\s+a\s+no\b|\bdeclin\w*\b|\bunable\b"
        r"|\b(prior|previous|earlier|other|conflicting|pressing)\s+(commitment|engagement"
        r"|obligation)s?\b|\bscheduling\s+conflict|\bunavailable\b|\bnot\s+available\b"
        r"|\b(does|will|would)\s+not\s+(allow|permit)\b"
        # An impediment: "a clash … that prevents the Minister from attending".
        r"|\b(prevent\w*|keeps?|precludes?)\s+(\w+\s+){0,3}from\s+\w+ing\b"
        # "The answer is no"; taking part in another event is a prior commitment.
        r"|\b(answer|reply|response)\s+(\S+\s+){0,4}?is\s+(a\s+)?(no|negative)\b|\bnegative\s+(answer|reply"
        r"|response)\b|\b(attend\w*|participat\w*|tak\w+\s+part)\s+(in\s+)?(another|a\s+different"
        r"|other)\s+(\w+\s+)?(meeting|event|conference|summit|session|engagement)"
        # An elided verb after a negated modal: "cannot this year", "can't, sorry".
        r"|\b(cannot|can't)\s*(?=$|[,.;!]|this\s+(time|year)|that\s+(day|week))"
        r"|\b(must|have\s+to|has\s+to|will)\s+say\s+no\b|\b(sorry|afraid)\s+to\s+(say|inform|tell)\b"
        r"|\btied\s+up\b|\bforg?o(es|ing)?\s+(the|this|your)\b"
        # Round 10: letting the opportunity pass ("has to let this opportunity pass"); negated,
        # it is a litotes of ``negation._REFUSAL`` and never reaches this list.
        r"|\blet\s+(this|the|such\s+an?|that|your\s+kind)\s+(\w+\s+){0,2}?(opportunity|occasion"
        r"|chance|invitation)\s+(pass|slip|go)\b"
        # A participation called off (not "the in-person segment was cancelled").
        r"|\b(participation|attendance)\s+(\w+\s+){0,4}(is|was|has\s+been)\s+cancel\w*"
        r"|\bcancel\w*\s+(\w+\s+){0,3}(participation|attendance)"
        # A ban or suspension of the Minister's travel or participation (round 6).
        r"|\b(suspen\w+|ban|freeze)\s+(of|on)\s+(all\s+)?(\w+\s+){0,2}(travel|trips|missions"
        r"|participations?)\b",
        # Round 22: not the conditional ("aucune circonstance qui l'empêcherait"): hypothetical.
        r"\bregrett\w*|\bavec\s+regret|\bau\s+regret|\bdécliner\b|\bdéclin\w*\b"
        r"|\bempêch(?!erai(?:t|ent)\b)\w*"
        r"|\brefus\w*\b(?!\s+(toute|tout|toutes|tous)\b)|\bne\s+(le|la|l'|les)\s*permet\w*"
        r"|\bindisponib\w*|\b(engagements?|obligations?)\s+(antérieur|préalable|déjà\s+pris)\w*"
        r"|contraint\w*\s+de\s+(décliner|renoncer)|pas\s+en\s+mesure|impossibilité"
        r"|\brenonc\w*\s+à|\bvous\s+prie\s+de\s+l'excuser|\bprésente\s+ses\s+excuses"
        r"|ne\s+(lui|nous|leur)\s+permet|\bréponse\s+((?!n'|ne\b|pas\b)\S+\s+){0,4}?(est\s+)?négative\b"
        r"|\b(participer|assister|participera|assistera)\s+à\s+(une\s+)?autre\s+(\w+\s+)?(réunion"
        r"|conférence|événement|manifestation|sommet|session)"
        r"|\bne\s+(peut|pourra|pourrons|pouvons)\s+pas\s*(?=$|[,.;!]|cette\s+(année|fois))"
        r"|\bdésolée?s?\s+de\s+(vous\s+)?(annoncer|informer|dire)"
        r"|\b(participation|présence)\s+(\w+\s+){0,4}(est|a\s+été)\s+annulée?"
        r"|\bannul\w*\s+(\w+\s+){0,3}participation"
        r"|\blaisser\s+(passer|échapper)\s+(cette|l'|une\s+telle|votre\s+aimable)\s*(\w+\s+)?"
        r"(occasion|opportunité|invitation)"
        r"|\b(suspension|gel|interdiction)\s+de\s+(tou\w+\s+)?(les\s+)?(\w+\s+){0,2}(déplacements"
        r"|missions|participations?)\b",
        r"\blament\w*|\b(con|a\s+(nuestro|su|mi))\s+(gran\s+)?pesar\b|\bmuy\s+a\s+(nuestro|su|mi)\s+pesar|\bdeclin\w*|\bimposibili\w*|\bcompromisos?\s+(previo|anterior"
        r"|adquirido|ineludible)\w*|\bno\s+(le|nos|les)\s+(permit\w*|será\s+posible)"
        r"|\bno\s+estará\s+en\s+condiciones|\brenunci\w*\s+a\b|\bse\s+excusa\w*"
        r"|\ble\s+(impide|impedirá|impiden)\b|\bimpid\w*\s+(\w+\s+){0,3}(asistir|participar|viajar"
        r"|intervenir)|\bno\s+(lo|la|se\s+lo)\s+permit\w*"
        # "Rechazamos cualquier reclamación" is a disclaimer's: only the invitation is declined.
        r"|\brechaz\w*\s+(\w+\s+){0,2}(invitaci|participaci|asistir|participar)"
        r"|\brespuesta\s+((?!no\b)\S+\s+){0,4}?(es\s+)?negativa\b|\bsentimos\s+(comunicar|informar|decir)\w*|\b(participará|asistirá|participar|asistir)\s+(en|a)\s+"
        r"(otra|otro)\s+(\w+\s+)?(reunión|evento|conferencia|cumbre|sesión)"
        r"|\bno\s+(puede|podrá|pueden|podrán|podemos|podremos|va\s+a\s+poder|vamos\s+a\s+poder)\s*"
        r"(?=$|[,.;!]|est[ea]s?\s|esa\s|ese\s|en\s+es)"
        r"|\b(participación|asistencia)\s+(\w+\s+){0,4}(queda|ha\s+sido|fue)\s+cancelad[oa]"
        r"|\bcancel\w*\s+(\w+\s+){0,3}(participación|asistencia)"
        r"|\bdejar\s+(pasar|escapar)\s+(esta|la|tan|su\s+amable)\s+(\w+\s+)?(oportunidad|ocasión"
        r"|invitación)"
        r"|\b(suspensión|suspender|congelación|prohibición)\s+de\s+(tod\w+\s+)?(l[oa]s\s+)?"
        r"(\w+\s+){0,2}(viajes|misiones|participaciones|desplazamientos)\b",
        r"сожале\w*|вынужден\w*\s+(отказ\w*|отклон\w*)|\bотказ\w*|\bотклон\w*|не\s+смо(жет|гут|жем)"
        r"|не\s+имеет\s+возможности|нет\s+возможности|не\s+представляется\s+возможным"
        # Round 22: a preventer in the conditional ("обстоятельств, которые помешали бы",
        # "которые могли бы помешать") is hypothetical: it prevents nothing.
        r"|ранее\s+(принятых|запланированных|взятых)|не\s+позволя\w*|(?<!бы\s)помеша\w*+(?!\s+бы)"
        r"|препятству\w*"
        r"|ответ\s+((?!не(?![\w\u0400-\u04ff]))\w+\s+)?отрицательн\w*|отрицательн\w*\s+ответ"
        r"|(участ\w+|присутств\w+)\s+в\s+друг\w+\s+(\w+\s+)?(мероприяти|заседани|совещани|конференци"
        r"|форум)\w*|(вынужден\w*|придётся|приходится|придется)\s+(\S+\s+){0,2}?(упустить|пропустить)"
        r"\s+(эту|такую|данную|любезное)?\s*(\S+\s+)?(возможност|приглашени)\w*"
        r"|участи\w*\s+[^.;]{0,60}(отменя\w*|отмен[её]н\w*)|отменил\w*\s+(\w+\s+){0,3}"
        r"участи\w*|(приостанов\w*|запрет\w*|мораторий)\s+(на\s+)?(вс\w+\s+)?(\w+\s+){0,2}"
        r"(поезд\w*|командиров\w*|выезд\w*|участи\w*)",
        r"遗憾|遺憾|婉拒|谢绝|恕不|无法|無法|未能|不克|不能|另有(安排|公务|公務|要务|要務|日程|行程|工作|公幹)"
        r"|日程(冲突|安排冲突)|时间冲突|分身乏术|无暇|歉意|致歉|(日程|行程)(已满|已排满|排满)|(答复|回复|答案)(是)?否定|否定的(答复|回复)"
        # The potential complement: "参加不了", "去不成" (cannot take part).
        r"|(参加|參加|出席|与会|與會|参会|发言|去|来|來|赶)不(了|成)"
        r"|(出席|参加|參加)(另一|另外|其他|其它)[^。；，]{0,10}(会议|會議|活动|活動|论坛|峰会)"
        r"|(只能|只好|不得不|只得|将|將)错过(这次|此次|这个|本次)?(机会|機會|盛会|邀请)"
        # Round 10: "只好作罢" (had to give it up), "时间上排不开" (cannot fit it in).
        r"|(只好|只能|只得|不得不)(作罢|作罷)|(排|安排|抽)不(开|開|出时间|出時間)"
        r"|取消[^。；，]{0,10}(出席|参会|與會|与会)|暂停[^。；，]{0,10}(出访|出国|出境|外事活动|参会)",
        r"يتعذر|يتعذّر|تعذر|تعذّر|يؤسف\w*|نأسف|يأسف|للأسف|مع\s+الأسف|(?:^|\s)و?[يتنأ]عتذر|نعتذر|اعتذار"
        r"|ارتباطات\s+(سابقة|مسبقة)|التزامات\s+(سابقة|مسبقة)|لن\s+يتمكن|لن\s+تتمكن|لن\s+يتسنى"
        r"|غير\s+قادر|عدم\s+(تمكن|قدرة|إمكانية)|[يت]حول\s+دون"
        r"|(الرد|الجواب|ردنا)\s+(بالنفي|سلبي|بالرفض)"
        r"|(?:^|\s)[يت]منع\w*\s+[^.؛]{0,40}من\s+(المشاركة|الحضور|حضور|إلقاء)"
        r"|(?:المشاركة|حضور|[سو]?[يت]شارك|[سو]?[يت]حضر)\s+[^.،؛]{0,40}?(?:اجتماع|مؤتمر|فعالية|حدث|منتدى"
        r"|قمة)\s+آخر|(?:ألغى|ألغت|إلغاء)\s+[^.؛]{0,30}مشارك\w*"
        r"|(?:تعليق|وقف|منع|تجميد)\s+(?:جميع\s+|كافة\s+)?(?:ال)?(?:مشاركات|سفر|رحلات|زيارات)"
        r"|(?:^|\s)(?:[سل]?[يت]ضطر\S*|مضطر\S*|اضطر\S*)\s+(?:\S+\s+){0,3}?(?:إلى\s+)?تفويت"
        # Round 10: the participle "معتذر" (the Minister is excusing himself).
        r"|(?:^|\s)(?:ال)?(?:معتذر|معتذرة|معتذرون|معتذرين)(?=\s|$|[.،])",
    ]
)

HEDGE = _compile(
    [
        r"\brevert\w*|\bget\s+back\s+to\s+you|\bcome\s+back\s+to\s+you|\bin\s+due\s+course"
        r"|\b(at|for)\s+(this|the)\s+(stage|moment|time\s+being)|\bnot\s+yet\b|\byet\s+to\b"
        r"|\bunder\s+(consideration|review)|\bbeing\s+(considered|reviewed)|\bwill\s+(confirm"
        r"|let\s+you\s+know|inform\s+you|advise)|\bto\s+be\s+confirmed\b|\btbc\b"
        # Round 12: not the adjective of the programme ("as in the provisional programme").
        r"|(?<!programme\s)(?<!programa\s)(?<!program\s)(?<!agenda\s)\b(tentative|provisional"
        r"|preliminary)\w*+(?!\s+(programme|program|agenda|schedule|list))"
        r"|\bpending\b"
        r"|\bmight\b|\bmay\s+(be\s+able|not|possibly|wish|participate|attend|join)\b|\bpossibly\b"
        r"|\bnot\s+fail\s+to\s+(inform|let\s+you|revert|get\s+back|keep\s+you|advise)"
        r"|\b(acknowledge|confirm)\w*\s+(the\s+)?receipt\b|\breceipt\s+of\b"
        r"|\b(confirmation|details)\s+will\s+follow\b|\bonce\s+the\b[^.;]{0,60}\bknown\b"
        r"|\bperhaps\b|\bhope\s+to\b|\bwill\s+consult\b|\bconsulting\b|\bforwarded\b|\btransmitted\b|\bawait\w*"
        r"|\bas\s+soon\s+as\s+(possible|we|the)"
        r"|\b(submitted|referred)\s+to\b[^.;]{0,60}\b(approval|decision|clearance)"
        r"|\bfor\s+(approval|decision|clearance)\b"
        r"|\bnot\s+(yet\s+)?(been\s+)?(confirmed|decided|settled|finali[sz]ed)\b"
        # A confirmation withheld is pending, not a refusal: "unable to confirm … at this time".
        r"|\b(unable\s+to|cannot|can't|not\s+(yet\s+)?(able|in\s+a\s+position)\s+to)\s+(yet\s+)?confirm"
        r"|\bat\s+this\s+time\b|\bneither\s+accepts?\s+nor\s+declines?\b"
        # Round 9: details or the answer itself to be confirmed apart ("will be confirmed
        # separately").
        r"|\b(will|shall|to)\s+be\s+confirmed\s+(separately|later|subsequently|in\s+due\s+course)\b",
        r"\baccus\w*\s+(bonne\s+)?réception|\bconfirm\w*\s+(la\s+)?réception|\breviendr\w*\s+vers|\bultérieurement\b|\bdès\s+que\b|\bpas\s+encore\b|\bà\s+ce\s+stade\b"
        r"|\bpour\s+le\s+moment\b|\ben\s+cours\s+(d'examen|de\s+consultation)|\bà\s+l'étude\b"
        r"|(?<!programme\s)(?<!calendrier\s)(?<!ordre\sdu\sjour\s)\bprovisoire\w*|\bà\s+confirmer\b|\bconfirmer(ons|a|ai|ont)\b|\b(revenons|reviendrons)\s+vers"
        r"|\bvous\s+tiendrons\s+inform\w*"
        r"|\bpeut-être\b|\btransmis\w*|\bconsultera\b|\ben\s+consultation\b|\bdans\s+les\s+meilleurs\s+délais"
        r"|\bne\s+manquer\w*\s+pas\s+de\s+vous|\bsoumise?\s+à\s+l'approbation"
        r"|\bpour\s+approbation\b|\bse\s+prononcer\w*|\bstatuer\w*"
        r"|\bpas\s+(encore\s+)?(été\s+)?(confirmée?s?|décidée?s?|arrêtée?s?)\b"
        r"|\b(impossible|pas\s+en\s+mesure)\s+de\s+confirmer|\bne\s+(pouvons|peut|pourrons)\s+(pas\s+)?"
        r"(encore\s+)?confirmer|\bdès\s+à\s+présent\b|\bpour\s+l'instant\b"
        r"|\bni\s+(n')?accepte\s+ni\s+(ne\s+)?décline\b",
        r"\bacus\w*\s+recibo|\bconfirm\w*\s+(la\s+)?recepción|\ben\s+breve\b|\bcuanto\s+antes\b|\btodavía\b|\baún\s+no\b|\ben\s+este\s+momento\b"
        r"|\bpor\s+el\s+momento\b|\ben\s+consideración\b|\ben\s+estudio\b|\bsujet[oa]\s+a\b"
        r"|(?<!programa\s)(?<!agenda\s)(?<!orden\sdel\sdía\s)(?<!programme\s)\b(provisional"
        r"|preliminar)\w*+(?!\s+(programme|program|agenda|schedule|list))"
        r"|\bno\s+dejaremos\s+de\s+(informar|comunicar)\w*|\bquizás?\b|\btal\s+vez\b|\bconsultará\b|\ben\s+consulta\b"
        r"|\btransmitid\w*|\bremitid\w*|\ble\s+(informaremos|comunicaremos|confirmaremos)"
        r"|\b(informaremos|comunicaremos|confirmaremos)\b|\ba\s+la\s+mayor\s+brevedad"
        r"|\bsometid\w*\s+a\s+(la\s+)?aprobación|\bpara\s+su\s+aprobación"
        r"|\bno\s+(está|ha\s+sido|han\s+sido|están)\s+(aún\s+|todavía\s+)?(confirmad|decidid|definid)\w*"
        r"|\bno\s+(podemos|puede|estamos\s+en\s+condiciones\s+de)\s+(aún\s+|todavía\s+)?confirmar"
        r"|\bni\s+acepta\s+ni\s+declina\b"
        r"|\b(pong\w*|somet\w*|elev\w*|traslad\w*|remit\w*)\s+(\w+\s+){0,2}a\s+(la\s+)?consideración"
        r"|\b(les|le)\s+confirma(mos|remos)\s*[.!]?\s*$"
        r"|\bse\s+confirmar(á|án)\s+(más\s+adelante|posteriormente|oportunamente|por\s+separado)",
        r"подтвер\w*\s+получени\w*|в\s+ближайшее\s+время|(?<!не\s)\bпозднее\b|\bпозже\b|\bпока\s+не\b|\bещё\s+не\b|\bеще\s+не\b"
        # Round 17: "рассматривается … как приоритет" is "regarded as", and a perfective
        # "согласовав / согласован с Министром" is agreed already (not when negated or future).
        r"|на\s+данном\s+этапе|на\s+рассмотрении"
        r"|(?<!не\s)рассматривал\w*|рассматрива(?!л)\w*+(?!(?:\s+[\w\u0400-\u04ff]+)?\s+(?:не\s+)?как(?![\w\u0400-\u04ff]))"
        r"|\bподтвердим\b"
        r"|\bвозможно\b|\bпредварительн\w*+(?!\s+(программ|повестк|график|расписани|списк|таблиц|переписк|переговор|бесед|разговор))|\bсообщим\b|\bпроинформируем\b|(?<!хотим\s)(?<!хотели\sбы\s)(?<!позвольте\s)(?<!хотелось\sбы\s)\bуточн(?!яем\s*(?:[:—–]|$))\w*"
        r"|\bсогласов(?!ав(?![\w\u0400-\u04ff])|ал|ан[оаы]?(?![\w\u0400-\u04ff]))\w*"
        r"|(?:(?<![\w\u0400-\u04ff])не|будет|будут|быть)\s+(?:\S+\s+)?согласов\w*"
        r"|\bпередан\w*|\bнаправлен\w*\s+на\s+рассмотрение|на\s+утверждени\w*"
        r"|не\s+(подтвержден\w*|решен\w*|определен\w*)|не\s+(можем|может|в\s+состоянии)\s+(пока\s+)?"
        r"подтвердить|ни\s+принима\w*,?\s+ни\s+отклоня\w*"
        # Round 9: "будут подтверждены дополнительно" (to be confirmed later) is pending.
        r"|подтвержд\w*\s+(дополнительно|позднее|позже|отдельно)"
        # Round 9: "не представляется возможным до возвращения министра": not before, so pending.
        r"|(?<![\w\u0400-\u04ff])до\s+(возвращения|получения|принятия|завершения|окончания"
        r"|согласования|утверждения)(?![\w\u0400-\u04ff])"
        r"|(дополнительно|отдельно)\s+(подтвержд\w*|подтвердим|сообщим|проинформируем)",
        r"收悉|已收到|(?<!题目)(?<!題目)(?<!标题)(?<!標題)(?<!主题)(?<!主題)(?<!题为)暂定|(?<!题目)(?<!題目)(?<!标题)(?<!標題)(?<!主题)(?<!主題)暫定|尽快|稍后(?!(提交|发送|發送|发过来|發過來|发来|發來|提供|补充|補充|另发|另發|寄|附))|另行(?!(提交|发送|發送|提供|补充|補充|寄|附))|目前尚|尚未|尚在|未确认|未確認|未确定|(无法|不能|暂时无法)确认|既不接受也不拒绝|正在(研究|考虑|协调|审议)|待定|待确认|可能会|也许|或许|确认后"
        r"|将另|再行|届时再|报请|报批|待批|审批|获批后",
        r"في\s+أقرب\s+وقت|لاحقا|لاحقاً|لم\s+يتم\s+بعد|قيد\s+(الدراسة|النظر|البحث)|إذا|في\s+حال"
        r"|ربما|سنؤكد|بانتظار|في\s+انتظار|استلام|(?<!البرنامج\sال)(?<!الجدول\sال)مبدئي|مبدئياً|سنوافيكم|سنعود\s+إليكم|سنبلغكم|سنحيطكم|بعد\s+التشاور"
        r"|معروض\w*\s+على|للموافقة|للاعتماد|للبت|لم\s+[يت]?حسم|لم\s+(يتم\s+)?(تأكيد|يتأكد|يتقرر)|(لا\s+(يمكننا|نستطيع)|لم\s+نتمكن\s+من)\s+تأكيد|لا\s+[يت]قبل\s+ولا\s+[يت]رفض"
        # لم … بعد is "not yet".
        r"|(?:^|\s)لم\s[^.،]{0,60}\sبعد\s*(?:[.،]|$)",
        # Round 30: a confirmation deferred ("Confirmation of the Minister's participation will
        # follow once the Cabinet is formed", « la confirmation … interviendra après le
        # remaniement », "تأكيد مشاركة الوزير … سيكون بعد تشكيل الحكومة") is still to come: the
        # noun of confirmation as the subject of a verb of coming later.
        r"\bconfirmation\b[^.;]{0,100}?\b(will|shall|is\s+to|can\s+only|could\s+only)\s+(only\s+)?"
        r"(follow|come|be\s+(sent|given|provided|communicated|forthcoming|issued|made|possible))\b",
        r"\bconfirmation\b[^.;]{0,100}?\b(interviendra|suivra|viendra|parviendra|ne\s+pourra\s+être"
        r"|sera\s+(transmise|envoyée|communiquée|donnée|faite|adressée|possible))",
        r"\bconfirmaci[oó]n\b[^.;]{0,100}?\b(se\s+(har[aá]|dar[aá]|enviar[aá]|remitir[aá]|comunicar[aá]"
        r"|transmitir[aá]|producir[aá])|llegar[aá]|seguir[aá]|ser[aá]\s+(enviada|remitida|comunicada"
        r"|transmitida|dada|posible))",
        r"подтверждени\w*[^.;]{0,100}?(последует|поступит|будет\s+(направлено|представлено|дано"
        r"|сообщено|отправлено|возможно))",
        r"的确认(工作)?(将|会|需|须|要|才能)(在|于|等到?)?[^。；]{0,24}?(之后|以后|后)",
        r"تأكيد[^.،؛]{0,120}?(?:سيكون|سيتم|يتم|سيأتي|سيصلكم|سيرسل)\s+(?:بعد|عقب|لاحق)",
    ]
)

# Tentative words colour the whole sentence ("Possibly, the Minister will speak by video").
TENTATIVE = _compile(
    [
        r"\b(might|possibly|perhaps|maybe|likely|probably|probable|in\s+principle)\b"
        # Inclination is not a decision: "we are inclined to accept", "we lean towards".
        r"|\b(inclined|inclining)\s+(to|towards)\b|\blean(s|ing)?\s+towards?\b"
        # Trying is not deciding; a guarantee withheld is no answer (round 5).
        r"|\b(try|trying|endeavou?r\w*|strive|do\s+(our|its|his|her)\s+(best|utmost)"
        r"|make\s+every\s+effort)\s+to\b|\b(cannot|can't|unable\s+to)\s+(yet\s+)?(guarantee|promise)"
        # Uncertainty stated: "it is not certain that the Minister can come".
        r"|\bnot\s+(yet\s+)?(certain|sure|clear)\s+(that|whether|if)\b|\buncertain\b"
        # Round 9: a delegation only envisaged ("is considering being represented").
        r"|\b(is|are|am)\s+(considering|contemplating|envisaging)\s+(being|sending|having"
        r"|delegating|designating|whether)\b"
        # Round 37: one only considered, in the past ("considered asking the Minister of State
        # to speak in his place"): nobody was asked.
        r"|\b(?:had\s+)?(?:considered|contemplated|envisaged|thought\s+of)\s+(?:asking|sending"
        r"|having|delegating|designating)\b",
        r"\b(peut-être|pourrait|pourraient|éventuellement|probable\w*|vraisemblablement"
        r"|en\s+principe)\b|\b(enclins?|enclines?)\s+à\b|\bpench\w*\s+pour\b"
        r"|\b(ferons|fera)\s+(notre|son)\s+(possible|mieux)|\b(nous\s+efforcerons|tâcherons"
        r"|essaierons)\b|\bne\s+(pouvons|peut|pouvons\s+pas|peut\s+pas)\s+(encore\s+)?(garantir"
        r"|promettre)|\bpas\s+(encore\s+)?(certain|sûre?|clair)\s+(que|qu')|\bincertain\w*"
        r"|\benvisag(e|ent|eons|ez)\s+(de|d')",
        r"\b(quizás?|tal\s+vez|acaso|posiblemente|podría|podrían|probable\w*|en\s+principio)\b"
        r"|\binclin\w*\s+(por|a)\b|\b(haremos|hará)\s+(todo\s+)?lo\s+posible|\b(intentaremos"
        r"|procuraremos|trataremos\s+de)\b|\bno\s+(podemos|puede)\s+(aún\s+|todavía\s+)?(garantizar"
        r"|asegurar|prometer)|\bno\s+(es|está)\s+(seguro|claro)\s+(que|si)\b|\bincierto\b"
        r"|\b(contempla\w*|baraja\w*|estudia\s+la\s+posibilidad)\b",
        r"\b(возможно|может\s+быть|вероятно|скорее\s+всего|в\s+принципе)\b"
        r"|\b(сможет|будет|примет)\s+ли\b|\bсклон\w*\s+к\b|\b(постараемся|попытаемся|постарается)\b"
        r"|приложим\s+(все\s+)?усилия|не\s+(можем|может)\s+(пока\s+)?(гарантировать|обещать)"
        r"|(пока\s+)?не\s+(известно|ясно|уверены)|неизвестно|неясно",
        r"可能会|也许|或许|或可|很可能|有可能|大概|原则上|原則上|倾向于|傾向於|倾向|尽力|盡力|尽量|儘量|争取|爭取"
        r"|(无法|不能|难以)保证|不确定|尚不确定|不一定|未必"
        # Round 9: a delegate only proposed, the person still to be chosen.
        r"|初步(考虑|考慮|打算|设想|設想)|人选(尚待|待定|未定)|人選(尚待|待定|未定)",
        # قد before an imperfect verb is "may" ("قد يتمكن الوزير").
        r"ربما|(?:^|\s)قد\s+[يتن]\w+|من\s+المحتمل|من\s+المرجح|[ينت]رجح|نميل\s+إلى|يميل\s+إلى|من\s+حيث\s+المبدأ"
        r"|مبدئيا|مبدئياً|سنبذل|سنحاول|سنسعى|لا\s+(يمكننا|نستطيع)\s+(ضمان|أن\s+نضمن)"
        r"|غير\s+مؤكد|ليس\s+من\s+المؤكد|غير\s+واضح"
        # The dialects: "غالبا" (most likely), "لسه/لسا" (still, not yet), "مش أكيد" (round 6).
        r"|(?:^|\s)غالبا|على\s+الأرجح|(?:^|\s)الأرجح\s+أن|(?:^|\s)(?:لسه|لسا|لسة)(?=\s)|مش\s+(?:أكيد|مؤكد)"
        # Round 11: "على الأغلب" (most likely), "في الغالب", "بالغالب".
        r"|(?:على|ع|في|ب)\s*ال?أغلب|في\s+الغالب|(?:^|\s)بالغالب",
    ]
)

CONDITION = _compile(
    [
        # Round 23: what will be confirmed "based on your reply" (« en fonction de votre
        # réponse », "según su respuesta", «в зависимости от вашего ответа», "根据贵方答复",
        # "بناء على ردكم") waits on the organisers' answer.
        r"\b(?:based\s+on|depending\s+on|in\s+the\s+light\s+of)\s+your\s+(?:reply|answer|response)\b",
        r"\b(?:en\s+fonction|au\s+vu|à\s+la\s+lumière)\s+de\s+votre\s+réponse\b",
        r"\b(?:según|en\s+función\s+de|a\s+la\s+luz\s+de|dependiendo\s+de)\s+(?:su|vuestra)\s+respuesta\b",
        r"(?<![\w\u0400-\u04ff])(?:в\s+зависимости\s+от|с\s+учетом|с\s+учётом|по\s+получении)\s+"
        r"вашего\s+ответа",
        r"(?:根据|根據|视|視)(?:贵方|貴方|您|贵处|貴處)的?(?:答复|答覆|回复|回覆)",
        r"(?:بناء|بناءً|وبناء|وبناءً)\s+على\s+(?:ردكم|ردّكم|إجابتكم|جوابكم)",
        # Round 36: not the X of "the question is not whether we speak, but when".
        r"(?<!even\s)\bif[\s,]|(?<!\bis\snot\s)(?<!isn't\s)\bwhether\b|\bsubject\s+to\b|(?:\b(it|this|that|which|everything|all|answer|decision|participation|attendance|presence|trip|travel|visit|confirmation|reply)\s+([\w']+\s+){0,3}?depend\w*\s+(up)?on\b|\bdepend\w*\s+(up)?on\s+(whether|if|how|when|what|the\s+(outcome|approval|decision|agenda|schedule|availability|confirmation|situation|evolution|results?|vote|elections?|cabinet|parliament|president|prime\s+minister|minister|health|security|developments?)|his|her|their|our|developments|approval|confirmation))|\bprovid(ed|ing)\b"
        # "otherwise" presupposes a condition; "as long as", "on condition" state one.
        r"|\bas\s+long\s+as\b|\bon\s+(the\s+)?condition\b|\botherwise\b|\bpending\b"
        r"|\bconditional\b|\bunless\b|\bbarring\b|^\s*should\b[^,.]{0,80}\b(permit|allow)"
        # Subject-auxiliary inversion is a protasis: "Should the Minister be reappointed, …".
        r"|^\s*(should|were|had)\s+(the|he|she|it|we|they|his|her|our|this|that)\b"
        # Round 11: a fallback ("failing that, any other day suits").
        r"|\bfailing\s+(that|this)\b"
        # Round 17: "Upon a positive decision, …", "upon approval by the Cabinet".
        r"|\bupon\s+(?:(?:a|the)\s+)?(?:positive|favou?rable|affirmative)\s+(?:decision|answer"
        r"|reply|outcome)|\b(?:upon|on)\s+(?:(?:its|his|her|their|the)\s+)?(?:approval|clearance)\b"
        r"|\bin\s+(the\s+)?(event|case)\s+(that|of)\b"
        r"|\b(schedule|agenda|time|commitments)\s+(permitting|allowing)\b"
        # Round 9: an inverted protasis after the main clause ("would be honoured to speak
        # should his visit be confirmed").
        r"|\bshould\s+(his|her|the|their|its|our)\s+(\w+\s+){1,5}?(be|go|take|proceed|permit|allow)\b",
        # "si aimable" is "so kind", not "if".
        # Round 17: also with an incise after it ("savoir si, selon la pratique, un ministre peut
        # …", "saber si, según …"): the clause it opens is still not asserted.
        r"(?<!même\s)\bsi[\s,](?!(?:aimable|gentil|bien|peu|tôt|vite|important|grand|honor|chaleureu"
        r"|généreu|cordial|prestigieu)\w*)"
        # "notre appel si positif": "si" before an adjective is "so", not "if" (not "si possible",
        # "si nécessaire", "si elle", "si tel").
        r"(?!(?!possible|nécessaire|elles?\b|tel\b)\w+(?:ifs?|ives?|eux|euses?|ants?|antes?|ents?"
        r"|entes?|ables?|ibles?|ales?|elles?|iques?)\s*[,;:.!])|\bsous\s+réserve\b|\bsous\s+condition|\bà\s+condition\b"
        r"|\bau\s+cas\s+où\b|\ben\s+cas\s+de\b|\bdans\s+l'hypothèse\b|\bpourvu\s+que\b"
        r"|\bsinon\b|\bà\s+défaut\b|\bdans\s+l'attente\b|\bpour\s+autant\s+que\b|\bà\s+moins\s+(que|d)"
        r"|\bsauf\s+(imprévu|empêchement|contrordre|changement)",
        r"\bsi[\s,](?!(?:aimable|gentil|bien|peu|tôt|vite|important|honor|chaleureu|généreu"
        r"|prestigieu)\w*)(?!(?!possible|posible|nécessaire|necesario)\w+(?:ifs?|ives?|eux|euses?"
        r"|ants?|antes?|ents?|entes?|ables?|ibles?|ales?|elles?|iques?)\s*[,;:.!])|(?:\b(esto|eso|ello|todo|lo|la\s+(respuesta|decisión|participación|asistencia|presencia|confirmación)|el\s+viaje)\s+(\w+\s+){0,2}?depend\w*\s+de\b|\bdepend\w*\s+de\s+(si|que|cómo|cuándo|la\s+(aprobación|decisión|agenda|evolución|situación|confirmación|disponibilidad|salud|votación|elección)|el\s+(resultado|consejo|presidente|gabinete|voto)|su|sus|nuestra|nuestro))|\bsujet[oa]\s+a\b|\ba\s+condición\b|\bsiempre\s+que\b"
        r"|\ben\s+caso\s+de\b|\bde\s+ser\s+(así|ratificad|confirmad|reelegid|nombrad)\w*"
        r"|\bde\s+no\s+ser\s+(así|posible|factible)|\ben\s+su\s+defecto\b"
        r"|\bcon\s+tal\s+(de\s+)?que\b|\bsiempre\s+y\s+cuando\b|\bde\s+lo\s+contrario\b"
        r"|\ben\s+espera\s+de\b|\bpendiente\s+de\b|\ba\s+menos\s+que\b|\bsalvo\s+que\b"
        r"|\bsalvo\s+(imprevist\w*|contratiempo\w*|cambio\w*|causa\s+de\s+fuerza)"
        # Round 9: "De ello depende que acepte": a dependency, not an answer.
        r"|\bdepende\w*\s+que\b|\bde\s+(ello|esto|eso|lo\s+cual)\s+depende",
        r"\bесли\s|\bв\s+случае\b|\bв\s+противном\s+случае\b|\bпри\s+условии\b|\bв\s+зависимости\b|\bиначе\b"
        r"|\bлишь\s+бы\b|\bв\s+ожидании\b|\bесли\s+только\b|\bразве\s+что\b"
        # Round 9: "От этого зависит, кто будет выступать": a dependency, not an answer.
        r"|(?<![\w\u0400-\u04ff])завис(ит|ят|ело|еть)(?![\w\u0400-\u04ff])"
        # Round 10: the colloquial "if" ("коли", "ежели").
        r"|(?<![\w\u0400-\u04ff])(ежели|коли)(?![\w\u0400-\u04ff])"
        # Round 17: "при положительном решении / при одобрении" (upon a favourable decision,
        # upon approval): the answer waits on it.
        r"|(?<![\w\u0400-\u04ff])при\s+(?:(?:положительн|благоприятн|утвердительн)\w*\s+"
        r"(?:решени|ответ|заключени)\w*|(?:одобрени|утверждени)\w*)",
        # Sentence-initial 如 is "if" (如发言可安排…), not 如何/如下/如期/如今.
        r"如果|是否(?!定)|视.{0,10}而定|若|^\s*如(?![何下期今此实約约同上前])(?![^。；，]{0,12}(所述|所說|所说|所示|所言|所提|所约|所約))|只要|前提是|否则|否則|(?<![期看对對接招款等])待[^。；，]{1,12}后|除非"
        # An approval still to come: "须经外事部门批准…方可确认" (round 6).
        r"|(须|需|必须|需要)经[^。；]{0,20}(批准|同意|审批|核准)|方可"
        # Round 10: the colloquial "if" ("要是网络正常", "假如", "万一", "…的话").
        r"|要是|假如|假使|假若|万一|萬一|的话|的話",
        r"إذا|في\s+حال|شريطة|بشرط|وإلا|(?:^|\s)ف?إن\s+كان|طالما(?!\s+(?:كان|كانت|ظل|ظلت|كنا))|(?:^|\s)ما\s+لم\s"
        # Round 11: "إن" before a verb is "if" ("وإن تعذر ذلك فأي يوم آخر مناسب").
        r"|(?:^|\s)[وف]?إن\s+(?:تعذر|لم\s|استطاع|سمحت?\s)"
        r"|رهن\w*\s|رهنا|مرهون\w*|(?:يتوقف|متوقف\w*)\s+على"
        # Round 10: "لو" is "if" in the dialects ("بيشارك لو النت تمام"); not "ولو"/"حتى لو"
        # (even if: the answer stands) nor the polite "لو سمحتم/تكرمتم" (please).
        r"|(?:^|\s)(?<!حتى\s)لو(?=\s)(?!\s+(?:سمح|تكرم|تكرّم|تفضل|تفضّل)\S*)",
        # Round 22: "إن" before a verb opens a protasis whose answer follows "ف" after a comma
        # ("فإن تشكلت الحكومة قبل الموعد، فمن سيشارك هو الوزير الجديد"); "إنّ" before a noun
        # (with the article, a title, or a feminine noun in ة) asserts. Legacy-charset mail is
        # often typed without the hamza ("فان", "اذا"); a bare "ان" is read as "if" only after
        # و/ف, since alone it is mostly "أن" (that).
        r"(?:(?:^|\s)[وف]?إن|(?:^|\s)[وف]ان)\s+(?!ال|معالي|سعادة|سيادة|فخامة)\S+(?<![ةى])(?=\s)"
        r"[^،,.؟!]{0,80}[،,]\s*ف(?!ي\s|ى\s|ضلا)"
        # The bare "اذا" only opening a clause: after a verb ("نعرف اذا …") it is "whether".
        r"|(?:^|[،,:؛]\s*)[وف]?اذا(?=\s)|\s[وف]اذا(?=\s)",
    ]
)

QUESTION = _compile(
    [
        r"^\s*(could|can|would|may|might|shall|should|is|are|do|does|will|what|when|where|which"
        r"|how|who|whom)\b[^.]{0,200}\?|\bplease\s+(advise|let\s+us\s+know|clarify|indicate"
        r"|specify|confirm\s+whether|inform\s+us)|\b(kindly|please)\s+confirm\s+your\b",
        r"\b(pourriez|pouvez)-vous\b|\b(serait-il|est-il|est-ce\s+que|quel(le)?s?|quand|comment)\b"
        r"|\bmerci\s+de\s+(nous\s+)?(préciser|indiquer|faire\s+savoir)"
        r"|\b(bien\s+vouloir|merci\s+de|veuillez|prière\s+de)\s+(nous\s+)?confirmer\s+votre",
        r"\b(podría|podrían|puede|pueden|sería\s+posible|es\s+posible|cuál|cuándo|cómo)\b[^.]{0,200}"
        r"\?|\bagradecer\w*\s+(nos\s+)?(indique|indicara|precise|informe|confirme)"
        r"|\b(agradecer\w*|sírvase|ruego)\s+(nos\s+)?confirm\w*\s+su\b",
        r"\b(можно\s+ли|не\s+могли\s+бы|просим\s+(уточнить|сообщить|разъяснить)|каким\s+образом"
        r"|когда|каков)\b|просим\s+(вас\s+)?подтвердить\s+ваш"
        # Round 17: a finite verb with the particle "ли" is an indirect question ("ваш вопрос о
        # том, может ли заместитель министра выступить" was a **final acceptance**, a swap,
        # before the round): whether, not an answer. Not "вряд ли" (no verb ending).
        r"|(?<![\w\u0400-\u04ff])[а-яё]+(?:ет|ут|ют|ит|ат|ят|ем|им|ется|ится|утся|ятся)\s+ли"
        r"(?![\w\u0400-\u04ff])",
        r"能否|可否|是否可以|请告知|请问|请说明|烦请告知|敬请告知|请[^。；]{0,30}确认(您|贵方|贵国)",
        r"^\s*هل\b|نرجو\s+(إفادتنا|إعلامنا|توضيح)|يرجى\s+(إفادتنا|إعلامنا|توضيح)"
        r"|(نرجو|يرجى)\s+(منكم\s+)?(التفضل\s+)?ب?تأكيد\s+\S*كم",
    ]
)

ROLE = _compile(
    [
        r"\b(the\s+)?(first\s+)?(deputy|vice)[- ]minister\b|\bminister\s+of\s+state\b"
        r"|\b(state|permanent|parliamentary)\s+secretary\b|\bsecretary\s+of\s+state\b"
        r"|\bunder-?\s?secretary\b|\bassistant\s+minister\b|\bambassador\b"
        r"|\bpermanent\s+representative\b|\bchargée?\s+d'affaires\b|\bdirector[- ]general\b"
        r"|\bdeputy\s+director\b|\bhead\s+of\s+(the\s+)?delegation\b|\bchief\s+of\s+staff\b"
        r"|\b(state|junior)\s+minister\b|\b(senior\s+)?advis[eo]r\b|\bchief\s+engineer\b"
        # Abbreviated and clipped titles in informal mail: "the DG", "el vice".
        r"|\bthe\s+DG\b|\b(minister[- ])?counsell?or\b"
        # Round 10: civil-service titles of the Commonwealth ("Additional Secretary").
        r"|\b(additional|joint|principal)\s+secretary\b"
        # Round 36: "the Secretary to the State Ministry" (Sri Lanka).
        r"|\bsecretary\s+to\s+the\s+(?:\w+\s+){0,2}?ministry\b",
        r"\bvice-ministre\b|\bministre\s+délégu\w*|\bsecrétaire\s+d'état\b|\bsecrétaire\s+général"
        r"\w*|\bambassadeur\b|\bambassadrice\b|\breprésentante?\s+permanente?\b"
        r"|\bdirect(eur|rice)\s+général\w*|\bchef\s+de\s+(la\s+)?délégation\b"
        r"|\b(direct(eur|rice)|chef)\s+de\s+cabinet\b|\bconseill(er|ère)\s+spécial\w*"
        r"|\b(le|la)\s+(DG|SG|vice)\b|\bingénieur\s+en\s+chef\b|\bministre[- ]conseill(er|ère)\b"
        r"|\bconseill(er|ère)\s+technique\b|\bsecrétaire\s+parlementaire\b",
        r"\bviceministr[oa]\b|\bvice\s?ministr[oa]\b|\bsecretari[oa]\s+de\s+estado\b"
        r"|\bsubsecretari[oa]\b|\bembajador[a]?\b|\brepresentante\s+permanente\b"
        r"|\bdirector[a]?\s+general\b|\bjefe\s+de\s+(la\s+)?delegación\b|\bencargad[oa]\s+de"
        r"\s+negocios\b|\b(jef[ea]|director[a]?)\s+de\s+gabinete\b|\basesor[a]?\b"
        r"|\b(el|la)\s+(vice|DG)\b|\bministr[oa]\s+consejer[oa]\b",
        r"заместител\w*\s+министра|(?<![\w\u0400-\u04ff])(его|её|ее)\s+заместител\w*|замминистра|статс-секретар\w*|государственн\w*\s+секретар\w*|\bпосол\b|\bпосла\b"
        r"|постоянн\w*\s+представител(?!ьств)\w*|директор\w*\s+департамента|руководител\w*\s+делегации"
        r"|временн\w*\s+поверенн\w*|советник\w*|руководител\w*\s+аппарата",
        r"副部长|副部長|部长助理|大使|常驻代表(?![团團处處])|副司长|司长|代表团团长|国务秘书|副主任|临时代办|办公厅主任|顾问|总工程师|總工程師|总经济师|局长|参赞|公使"
        # Round 12: "(Senior) Minister of State" in Chinese.
        r"|政务部长|政務部長|国务部长|國務部長"
        # Round 14: the same titles in traditional characters (Big5 mail from Macao, Taiwan,
        # Hong Kong): "司長", "局長", "常駐代表".
        r"|部長助理|常駐代表(?![团團处處])|副司長|司長|代表團團長|國務秘書|臨時代辦|辦公廳主任|顧問|總經濟師|局長|參贊"
        # Round 36: the head of an institute or an academy ("研究所所长", "科学院院长").
        r"|所长|所長|院长|院長"
        # Round 37: the Permanent Representative written out ("常驻联合国日内瓦办事处和瑞士其他国际
        # 组织代表").
        r"|常[驻駐](?:联合国|聯合國)?[^。；，、代]{0,12}?(?:办事处|辦事處)(?:和[^。；，、代]{0,14}?"
        r"(?:组织|組織))?代表(?![团團处處])",
        r"نائب\w*\s+(الوزير|وزير)|نائب(ي|ه|ها)(?!\S)|وكيل\w*\s+(الوزارة|وزارة)|وزير\s+الدولة|السفير|المندوب\s+الدائم"
        r"|المدير\s+العام|رئيس\s+الوفد|القائم\s+بالأعمال|الأمين\s+العام|مدير\s+مكتب|مستشار|الوزير\s+المفوض",
    ]
)

# Round 36: an approval given for someone to act ("has granted approval for the Hon. Minister to
# address the session", « a donné son accord pour que le Ministre intervienne », "ha autorizado
# la participación del Ministro", «одобрил участие Министра», "وافق على مشاركة الوزير"): the
# official who approves is not the one who speaks.
APPROVAL_FOR = _compile(
    [
        r"\b(?:granted|given|gave|grants?)\s+(?:\w+\s+){0,2}?(?:approval|consent|clearance|go-ahead"
        r"|assent|permission)\s+for\b|\b(?:has|have|had)\s+(?:approved|authori[sz]ed|allowed"
        r"|permitted|cleared)\b",
        r"\b(?:a|ont)\s+(?:donné|accordé)\s+(?:son|leur)\s+(?:accord|aval|feu\s+vert|autorisation)\b"
        r"|\b(?:a|ont)\s+(?:autorisé|approuvé)\b",
        r"\b(?:ha|han)\s+(?:dado|otorgado|concedido)\s+su\s+(?:autorización|aprobación|visto\s+bueno"
        r"|conformidad|anuencia)\b|\b(?:ha|han)\s+(?:autorizado|aprobado)\b|\bautoriz[óo]\b",
        r"(?<![\w\u0400-\u04ff])(?:одобрил|разрешил|санкционировал)\w*",
        r"(?:^|\s)(?:وافق|وافقت|أذن|أذنت)\S*\s+(?:على|ل)",
    ]
)

# Round 37: verbs of writing, answering or informing: "on behalf of" beside one of them says
# for whom the letter is written, not who speaks (``decide._writes_for``).
WRITING = _compile(
    [
        r"\b(?:write|writes|writing|wrote|reply|replying|respond|responding|answer|answering"
        r"|inform|informing|convey|conveying|acknowledge|acknowledging)\b|\bI\s+am\s+directed\b",
        r"\b(?:écris|écrit|écrivons|écrire|réponds|répondons|répondre|informe|informons|informer"
        r"|transmets|transmettons|faisons\s+savoir|fais\s+savoir|accuse\s+réception)\b",
        r"\b(?:escribo|escribimos|escribir|respondo|respondemos|responder|contesto|contestamos"
        r"|informo|informamos|informar|comunico|comunicamos|comunicar|acuso\s+recibo)\b",
        r"(?<![\w\u0400-\u04ff])(?:пишу|пишем|написать|отвечаю|отвечаем|ответить|сообщаю|сообщаем"
        r"|сообщить|информирую|информируем|уведомляю|уведомляем|направляю|направляем)"
        r"(?![\w\u0400-\u04ff])",
        r"函告|复函|覆函|致函|特此答复|特此答覆|特此函复|特此回复|现答复如下|現答覆如下",
        r"(?:^|\s)(?:أكتب|نكتب|نفيد|أفيد|نحيط|أحيط|نبلغ|أبلغ|نرد|أرد)(?=\s|$)",
    ]
)

BEHALF = _compile(
    [
        r"\bon\s+(\S+\s+){0,3}behalf\b|\bin\s+(his|her|the\s+minister's)\s+(place|stead)\b"
        r"|\binstead\b|\b(will|to)\s+represent\b|\brepresenting\b"
        r"|\b(designated|appointed|nominated|mandated|delegated|entrusted)\b"
        r"|\b(be|is)\s+represented\s+by\b|\bin\s+(his|her)\s+stead\b"
        r"|\bat\s+the\s+(minister's\s+)?request\s+of\s+the\s+minister\b",
        r"\b(a\s+désigné|a\s+délégué|a\s+chargé|a\s+mandaté)\b|\bau\s+nom\s+d|\ben\s+(son|leur|mon)\s+nom\b|\bà\s+(sa|la)\s+place\b|\ben\s+lieu\s+et\s+place|\b(re|ré)présenter(a|ont)?\b|\b(re|ré)présente\s+(le|la)\s+ministre\b|\brepresenter(a|ont)\b"
        r"|\breprésentée?\s+(?:(?:aux?|à\s+la|à\s+l'|lors\s+des?)\s+(?:(?!non\b|pas\b|ni\b)[^.;,])"
        r"{0,30}?(?:sessions?|séances?|segment|haut\s+niveau)(?:(?!non\b|pas\b|ni\b)[^.;,]){0,40}?"
        r"\s+)?par\b"
        r"|\bà\s+la\s+demande\s+d",
        r"\b(ha\s+designado|ha\s+delegado|designó|ha\s+encomendado)\b|\ben\s+(su\s+|mi\s+)?nombre\b|\ben\s+representaci[oó]n\b|\ben\s+lugar\s+d|\brepresentar(á|án)?\b"
        r"|\brepresentad[oa]\s+por\b|\bpor\s+encargo\s+de\b|\ba\s+petición\s+de",
        r"поруч(ил|аю|аем)\w*|назначил\w*|уполномочил\w*|от\s+(моего\s+|своего\s+|его\s+|её\s+|ее\s+)?имени|\bвместо\b|\bпредставит\b|\bпредставлять\b"
        r"|по\s+поручению|будет\s+представлен\w*",
        r"指派|委派|委托|委託|授权|授權|代表其|由[^。；，]{1,30}代表|代表部[长長]|代表(他|她)|代为|代為|代替|代表本部"
        r"|替(他|她|部[长長])",
        r"ينوب|سينوب|بدلا\s+منه|بدلاً\s+منه|عوضا\s+عن|كلف|فوض|انتدب|نيابة\s+عن|بالنيابة|ممثلا|ممثلاً|سيمثل|يمثل"
        r"|[يت]تحدث\s+باسم|[يت]تكلم\s+باسم",
    ]
)

COURTESY = _compile(
    [
        # Round 17: a hope that the arrangement suits the reader, after the answer ("we hope that
        # is acceptable", « nous espérons que cela vous convient », "esperamos que esto no sea un
        # inconveniente", «надеемся, что это вас устроит», "希望这样可以接受", "نأمل أن يكون ذلك
        # مقبولا"): no condition on the answer, and its negation ("ne pose pas de problème")
        # refuses nothing.
        r"\b(?:hope|trust)\s+(?:that\s+)?(?:this|that|it)\s+(?:is|will\s+be|would\s+be)\s+"
        r"(?:acceptable|convenient|in\s+order|agreeable|fine|suitable|satisfactory|not\s+a\s+problem)"
        r"\b[^.;]*",
        r"\besp[éè]r\w*\s+que\s+(?:cela|ceci|cette\s+\w+|ce\s+\w+)\s+(?:vous\s+)?(?:convien\w*"
        r"|soit\s+acceptable|ne\s+(?:vous\s+)?pose(?:ra)?\s+pas\s+de\s+(?:problème|difficulté))[^.;]*",
        r"\besper\w*\s+que\s+(?:esto|eso|ello|este\s+\w+|esta\s+\w+)\s+(?:sea\s+aceptable|les?\s+"
        r"(?:parezca\s+bien|convenga)|no\s+(?:sea|suponga|represente)\s+(?:un\s+|ningún\s+)?"
        r"(?:problema|inconveniente))[^.;]*",
        r"надеемся,?\s+(?:что\s+)?(?:это|такой\s+\S+)\s+(?:приемлемо|вас\s+устроит|не\s+(?:станет"
        r"|будет|создаст)\s+(?:проблемой|проблем|неудобств\w*))[^.;]*",
        r"希望(?:这|此|这样|這樣|這)[^。；，]{0,6}(?:可以接受|能够接受|能夠接受|没有问题|沒有問題"
        r"|不会造成不便|不會造成不便)",
        r"نأمل\s+أن\s+يكون\s+(?:ذلك|هذا)\s+(?:مقبولا|مقبولاً|مناسبا|مناسباً)[^.؛]*",
        # Round 15: "we would not wish to leave your letter without an answer": a double
        # negative about answering the letter, not about taking part.
        # Round 16: any object, before or after the phrase ("оставить без ответа столь лестное
        # приглашение", "leave so kind an invitation unanswered").
        r"\b(?:leave|leaving)\s+(?:[\w'-]+\s+){0,4}?(?:without\s+(?:an?\s+)?(?:answer|reply"
        r"|response)|unanswered)"
        r"|\blaisser\s+(?:[\w'-]+\s+){0,4}?sans\s+(?:réponse|suite)"
        r"|\bdejar\s+(?:[\w-]+\s+){0,4}?sin\s+(?:respuesta|contestar)",
        r"(?:(?<![\w\u0400-\u04ff])не\s+(?:сч[её]л\w*|сочл\w*|счита\w*)\s+(?:\S+\s+)?"
        r"(?:возможным|правильным|уместным)\s+)?оставить\s+(?:\S+\s+){0,4}?без\s+(?:ответа"
        r"|внимания)",
        r"置之不理|不予(?:答复|答覆|回复|回覆)",
        r"ترك\s+(?:\S+\s+){0,3}?(?:دون|بدون|بلا)\s+رد",
        r"(please\s+)?accept[^.;]{0,40}\b(assurances?|expression|apolog\w*)\b[^.;]*"
        r"|avails?\s+(itself|herself|himself|myself|ourselves)\s+of\s+(this|the)\s+opportunity"
        r"[^.;]*|assurances?\s+of\s+(its|my|our|his|her)\s+(highest|high|distinguished)"
        r"[^.;]*|with\s+(the\s+)?assurances?[^.;]*"
        # A politeness condition binds nothing: "if this is convenient for you".
        r"|,?\s*\bif\s+(this|that|it)\s+(is\s+)?(convenient|suits|agreeable)\b[^.;]*"
        # An apology for the delay answers nothing (round 5).
        r"|\b(we\s+)?(regret|apologi[sz]e\s+for|apologies\s+for|sorry\s+for)\s+(the|this|our|my)\s+"
        r"(late\s+(reply|response|answer)|delay\w*)"
        # Round 11: every closing formula, the addressee named inside it ("Please accept, Mr
        # Secretary-General, the renewed assurances of …"); the late notice apologised for.
        # Round 25: a title's abbreviation point inside it ("Please accept, Mr. Secretary-General").
        r"|(?:^\s*|\b(?:please|kindly|pray)\s+)(?:accept|receive)\b(?:[^.;]|\b(?:mrs?|ms|dr)\.)"
        r"{0,80}?\b(?:assurances?"
        r"|consideration|esteem|sentiments|respects)\b[^.;]*"
        r"|\b(?:regret|apologi[sz]e\s+for|apologies\s+for|sorry\s+for)\s+(?:the|this|our|my|any)\s+"
        r"(?:(?:late|belated|delayed|short)\s+(?:reply|response|answer|notice|notification"
        r"|confirmation)|lateness)\b|\b(?:apologi[sz]e|sorry)\s+for\s+not\s+(?:replying|answering"
        r"|writing)\s+(?:sooner|earlier)\b",
        r"(veuillez|je\s+vous\s+prie\s+d'|nous\s+vous\s+prions\s+d')\s*agréer[^.;]*"
        r"|(?:\b(?:veuillez|daignez)\s+|\b(?:je\s+vous\s+prie|nous\s+vous\s+prions)\s+d'|^\s*)"
        r"(?:accepter|recevoir|acceptez|recevez|agréez)\b[^.;]{0,80}?(?:considération|salutations"
        r"|sentiments|respect|assurance)[^.;]*"
        r"|\b(?:excus\w*|pardon\w*|regrett\w*)\s+(?:pour\s+|de\s+)?(?:ce|le|notre|la|cette|du)\s+"
        r"(?:retard|réponse\s+tardive|notification\s+tardive|délai\s+de\s+(?:notre\s+)?réponse)\b"
        r"|saisit\s+cette\s+occasion[^.;]*|assurances?\s+de\s+(sa|ma|notre)\s+(très\s+)?haute"
        r"\s+considération[^.;]*|(vous\s+)?pri\w+\s+d'accepter\s+(ses|nos|mes|les)\s+excuses"
        r"|accepter\s+(ses|nos|mes|toutes\s+nos)\s+excuses|,?\s*\bsi\s+(cela|ceci)\s+vous\s+convient"
        r"[^.;]*|\b(nous\s+)?regrett\w*\s+(ce|le|notre)\s+(retard|délai)\b|\b(excusez|pardon)\w*\s+"
        r"(pour\s+)?(ce|le|notre)\s+retard\b",
        # The note verbale's closing, not "no desaprovechará la oportunidad de intervenir".
        r"\baprovech\w*\s+(la|esta)\s+(oportunidad|ocasión)\s+(para|de)\s+(reiterar|renovar|expresar"
        r"|testimoniar|reafirmar|saludar|enviar)\w*[^.;]*"
        # Round 11: "Le ruego acepte el testimonio de mi más alta consideración", "Reciba, señor
        # Secretario General, …"; apologies for the delay.
        r"|(?:\b(?:le|les)\s+(?:ruego|rogamos|pido|pedimos)\s+(?:que\s+)?|\bsírvan?se\s+|^\s*)"
        r"(?:acept\w*|recib\w*)\b[^.;]{0,80}?(?:testimonio|seguridades|consideración|saludos?"
        r"|respeto)[^.;]*"
        r"|\b(?:disculp\w*|perd[oó]n\w*|lament\w*|sentimos)\s+(?:por\s+)?(?:la|el|esta|este|nuestra"
        r"|nuestro)\s+(?:demora|retraso|tardanza|respuesta\s+tardía|aviso\s+tardío)\b|seguridades\s+de\s+su\s+(más\s+)?"
        r"(alta|distinguida)\s+consideración[^.;]*|reciba\s+un\s+cordial\s+saludo"
        r"|aceptar?\s+(sus|nuestras|mis)\s+(disculpas|excusas)|,?\s*\bsi\s+(le|les)\s+"
        r"(conviene|parece\s+bien)[^.;]*|\blament\w*\s+(la|el|esta|este|nuestra|nuestro)\s+(demora"
        r"|retraso|tardanza)\b",
        r"пользу\w*\s+(этой\s+возможностью|случаем)[^.;]*|уверени\w*\s+в\s+(сво[её]м|мо[её]м"
        r"|нашем)\s+(самом\s+)?(высоком|глубоком)\s+уважении[^.;]*"
        r"|приня\w*\s+(наши|его|её|мои)\s+извинени\w*|,?\s*если\s+это\s+(удобно|устраивает)[^.;]*"
        r"|извин\w*\s+за\s+(задержку|опоздание)(\s+с\s+ответом)?"
        # Round 11: "Примите, господин Генеральный секретарь, уверения в …"; late notice.
        r"|(?:(?<![\w\u0400-\u04ff])(?:прошу|просим)\s+|^\s*)(?:примите|принять)(?![\w\u0400-\u04ff])"
        r"[^.;]{0,80}?(?:уверени|заверени|уважени|почтени)\w*[^.;]*"
        r"|извин\w*\s+за\s+(?:запоздал|поздн|несвоевременн|задержк)\w*(?:\s+\w+)?",
        r"顺致崇高敬意|顺致最崇高的敬意|谨致崇高敬意|此致敬礼|顺颂时祺|接受(我们|我方|他|她)的歉意"
        r"|[，,]?\s*如(果)?(您|贵方)?方便的话|[，,]?\s*如(您|贵方)方便|(抱歉|歉意)[^。；，]{0,6}(迟复|回复迟了|回复晚了|延迟)"
        # Round 11: "请接受我最崇高的敬意", "顺致…敬意", "借此机会…致以敬意"; late replies.
        r"|(请|敬请)?接受[^。；]{0,15}(敬意|问候|致意)|(顺致|谨致|顺颂|敬致|顺祝)[^。；，]{0,10}(敬意|时祺|问候|致意)"
        r"|借此机会[^。；]{0,20}(敬意|问候)|(抱歉|歉意|致歉|道歉)[^。；，]{0,10}(迟复|回复(较|太|有些|有点)?(晚|迟)"
        r"|通知(较|太|有些|有点)?(晚|迟)|延误)|(迟复|回复(较|太|有些|有点)?(晚|迟)|通知(较|太|有些|有点)?(晚|迟)"
        r"|延误)[^。；]{0,8}(抱歉|歉意|致歉|见谅|为歉)"
        # Round 16: an apology for a message or an error ("对昨天误发的邮件深表歉意", "نعتذر عن
        # الرسالة التي وصلتكم"): for what was sent, not a refusal.
        r"|(对|就)[^。；，]{0,20}(邮件|郵件|来函|信函|消息|错误|錯誤|误发|誤發|混乱|混亂)[^。；，]{0,6}"
        r"(深表|表示|致以)?(歉意|致歉|道歉)",
        r"(و?تفضلوا)[^.؛]{0,40}بقبول[^.؛]*|تغتنم\s+هذه\s+(الفرصة|المناسبة)[^.؛]*|(فائق|أسمى)\s+(عبارات\s+)?(التقدير|الاحترام)[^.؛]*"
        r"|(?:^|\s)و?(?:تقبلوا|تقبل|اقبلوا)\s+(?:منا\s+|مني\s+)?(?:خالص|فائق|أسمى|وافر|جزيل|أطيب)"
        r"[^.؛]*|(?:^|\s)و?(?:تقبلوا|اقبلوا)\s+(?:\S+\s+){1,3}?(?:خالص|فائق|أسمى|وافر|أطيب)"
        r"[^.؛]*|قبول\s+(اعتذار\w*|أعذار\w*)|نعتذر\s+عن\s+التأخ\w*(\s+في\s+الرد)?"
        r"|(?:^|\s)و?نعتذر\s+عن\s+(?:ال)?(?:رسالة|خطأ|لبس|التباس|إرباك|سوء\s+الفهم)[^.؛،,]*"
        # Round 11: the addressee inside the formula ("وتقبلوا، السيد الأمين العام، فائق …"),
        # "ننتهز هذه الفرصة … الاحترام", the apology for a late notice.
        r"|(?:^|\s)و?(?:تقبلوا|تقبل|اقبلوا|اقبل|يرجى\s+قبول|نرجو\s+قبول|تفضلوا\s+بقبول|راجي\S*\s+قبول|آمل\S*\s+قبول)[^.؛]{0,80}?"
        r"(?:الاحترام|التقدير|تحيات\S*|التحية|الامتنان|المودة)[^.؛]*"
        r"|(?:[تنأ]غتنم|[تنأي]نتهز)\s+(?:هذه\s+)?(?:الفرصة|المناسبة)[^.؛]{0,80}?(?:الاحترام|التقدير"
        r"|تحيات\S*)[^.؛]*"
        r"|(?:^|\s)[و]?(?:نعتذر|أعتذر|نأسف|عذرا|عذراً)\s+(?:لكم\s+|منكم\s+)?(?:عن|على|ل)\s*(?:ال)?"
        r"(?:تأخر|تأخير|تأخرنا|تأخري)\S*(?:\s+(?:في\s+)?(?:ال)?(?:رد|إشعار|إبلاغ|إجابة)\S*)?|[،,]?\s*إذا\s+كان\s+ذلك\s+(مناسبا|مناسباً|يناسبكم)[^.؛]*",
        # Round 14: an apology for the inconvenience or the confusion ("对由此造成的不便，我们
        # 深表歉意") regrets the trouble, not the invitation.
        r"\b(?:we\s+)?(?:apologi[sz]e|are\s+sorry|regret)\s+(?:for\s+)?(?:any|the)\s+"
        r"(?:inconvenience|confusion|misunderstanding)\b[^.;]*"
        r"|\b(?:excus\w*|regrett\w*)\s+(?:pour\s+|de\s+)?(?:les?\s+|la\s+|tout\w*\s+)?"
        r"(?:désagréments?|gêne\s+occasionnée|confusion|malentendu)\b[^.;]*"
        r"|\b(?:disculp\w*|lament\w*|sentimos)\s+(?:por\s+)?(?:las|la|cualquier|toda)\s+"
        r"(?:molestias?|confusi[oó]n|inconvenientes?\s+causad\w*)\b[^.;]*",
        r"(?:приносим\s+)?извин\w*\s+за\s+(?:доставленн\w*\s+|возможн\w*\s+)?(?:неудобств\w*"
        r"|путаниц\w*|недоразумени\w*)[^.;]*",
        r"(?:不便|困扰|困擾|误会|誤會|混乱|混亂)[^。；]{0,8}(?:歉意|抱歉|致歉|见谅|見諒)",
        r"(?:^|\s)و?(?:نعتذر|أعتذر|نأسف)\s+(?:لكم\s+)?(?:عن|على|ل)\s*(?:أي\s+)?(?:ال)?"
        r"(?:إزعاج|لبس|التباس|خلط)\S*",
        # Round 28: thanks or good wishes offered for acceptance ("Please accept our thanks
        # and best wishes for the Forum", « Veuillez accepter nos remerciements », "Les ruego
        # acepten nuestro agradecimiento", «Примите нашу благодарность», "请接受我们的谢意",
        # "تقبلوا شكرنا"): a courtesy, not an answer. Up to the clause's end only, so that an
        # answer after a comma is still read (not "accept our regrets", a refusal).
        r"(?:\b(?:please|kindly|pray)\s+|^\s*)accept\s+(?:[\w'-]+\s+){0,3}?(?:thanks|gratitude"
        r"|appreciation|(?:best|good|warm\w*|kind\w*|sincere)\s+wishes|wishes|greetings"
        r"|congratulations|compliments)\b[^.;,]*",
        r"(?:\b(?:veuillez|daignez)\s+|\b(?:je\s+vous\s+prie|nous\s+vous\s+prions)\s+d'|^\s*)"
        r"(?:accepter|recevoir|acceptez|recevez|agréez)\s+(?:\S+\s+){0,3}?(?:remerciements"
        r"|gratitude|reconnaissance|v(?:œ|oe)ux|félicitations|compliments)\b[^.;,]*",
        r"(?:\b(?:le|les)\s+(?:ruego|rogamos|pido|pedimos)\s+(?:que\s+)?|\bsírvan?se\s+|^\s*)"
        r"(?:acept\w*|recib\w*)\s+(?:\S+\s+){0,3}?(?:agradecimiento|gratitud|reconocimiento"
        r"|deseos|felicitaciones)\b[^.;,]*",
        r"(?:(?<![\w\u0400-\u04ff])(?:прошу|просим)\s+|^\s*)(?:примите|принять)\s+(?:\S+\s+){0,3}?"
        r"(?:благодарност|признательност|пожелани|поздравлени)\w*[^.;,]*",
        r"(?:请|敬请)?接受[^。；，]{0,10}(?:谢意|感谢|感激|祝愿|祝福|祝贺)",
        r"(?:^|\s)و?(?:تقبلوا|تقبل|اقبلوا|يرجى\s+قبول|نرجو\s+قبول)\s+(?:منا\s+)?(?:\S+\s+){0,2}?"
        r"(?:شكر|امتنان|تمنيات|أمنيات|تهاني)\S*[^.؛،,]*",
    ]
)

# Round 14: refusing the press beside the speech ("部长届时谢绝一切媒体采访", "will give no
# interviews"): the refusal is of interviews, not of the invitation.
NO_PRESS = _compile(
    [
        r"\b(?:declin\w*|refus\w*|will\s+not\s+(?:give|grant|take)|cannot\s+(?:give|grant)|no)\s+"
        r"(?:any\s+|all\s+)?(?:press\s+|media\s+)?(?:interviews?|press\s+conferences?"
        r"|photo\s+opportunities|media\s+requests?)\b[^.;]*",
        r"\b(?:ne\s+(?:donnera|accordera)\s+(?:pas\s+d'|aucune?\s+)|décline\w*\s+(?:toutes?\s+)?"
        r"(?:les\s+)?|refuse\w*\s+(?:toutes?\s+)?(?:les\s+)?|aucune?\s+)(?:demandes?\s+d')?"
        r"(?:interviews?|entretiens?\s+(?:avec\s+la|à\s+la|aux)\s+(?:presse|médias))\b[^.;]*",
        r"\b(?:no\s+(?:concederá|dará|aceptará)\s+(?:ninguna\s+)?|declin\w*\s+(?:todas?\s+)?"
        r"(?:las\s+)?|rechaz\w*\s+(?:todas?\s+)?(?:las\s+)?|ninguna\s+)(?:solicitud\w*\s+de\s+)?"
        r"(?:entrevistas?|declaraciones\s+a\s+la\s+prensa)\b[^.;]*",
        r"(?:не\s+(?:будет\s+)?(?:давать|даст)\s+(?:никаких\s+)?|отказ\w*\s+от\s+(?:всех\s+|любых\s+)?)"
        r"(?:интервью|комментари\w*\s+(?:для\s+)?(?:прессы|СМИ))[^.;]*",
        r"(?:谢绝|謝絕|婉拒|不接受)[^。；，]{0,6}(?:媒体|媒體|记者|記者)?(?:采访|採訪|专访|專訪|拍照)",
        r"(?:لن\s+[يت]دلي\s+ب|[يت]عتذر\s+عن\s+|لن\s+[يت]جري\s+)(?:أي\s+)?(?:تصريحات|مقابلات|مقابلة"
        r"|لقاءات\s+صحفية)[^.؛]*",
    ]
)

LETTER_REF = _compile(
    [
        r"\b(your|the)\s+(kind\s+)?(letter|invitation|communication|circular|e-?mail|note)\b"
        r"[^.;]{0,120}\b(inviting|invites|invited|requesting|asking|which\s+invites)\b[^.;]*",
        r"\b(votre|la)\s+(aimable\s+)?(lettre|invitation|circulaire|communication|courrier)\b"
        r"[^.;]{0,120}\b(invitant|demandant|par\s+laquelle|qui\s+invite)\b[^.;]*",
        r"\b(su|la)\s+(amable\s+)?(carta|invitación|circular|comunicación|nota)\b[^.;]{0,120}"
        r"\b(invitando|en\s+la\s+que|por\s+la\s+que|solicitando|que\s+invita)\b[^.;]*",
        r"(ваше|письм\w*|приглашени\w*)[^.;]{0,120}(с\s+просьбой|в\s+котором|которым)[^.;]*",
        r"(来函|贵函|函件|邀请函|来信)[^。；]{0,10}(邀请|请)[^。；，]*"
        # Round 10: the formal opening "贵处CL-21/4号函收悉" (your letter is received).
        r"|(来函|贵函|來函|貴函|(贵|貴)[^。；，！]{0,20}(函|来信))[^。；，！]{0,6}(收悉|敬悉|奉悉)"
        # Round 28: thanks for inviting the Minister to attend ("感谢贵方邀请部长出席会议"): the
        # invitation's act, described, as "Thank you for inviting the Minister to …" is; the
        # bare verb after the Minister accepts only outside it (up to the clause's end).
        r"|(?:感谢|感謝|谢谢|謝謝|多谢|多謝)[^。；，！]{0,6}(?:邀请|邀請)[^。；，！]*",
        # Round 10: the formal acknowledgement of the letter itself ("Nous accusons réception de
        # votre aimable invitation", "Acusamos recibo de su atenta carta"): an opening that
        # neither answers nor waits; only the acknowledgement up to its object is removed.
        # Round 31: in any person and in the infinitive too ("The Ministry has the honour to
        # acknowledge receipt of your letter and to inform you that …", « a l'honneur d'accuser
        # réception de votre lettre et de vous informer que … », "acusa recibo de su carta y le
        # informa que …"): the acknowledgement is the same opening; only a future one ("will
        # acknowledge receipt") is a promise and keeps its hedge.
        r"(?<!will\s)(?<!shall\s)\b(acknowledg(?:e|es|ing)|confirm(?:s|ing)?)\s+(the\s+)?receipt"
        r"\s+of\s+(your|the)\s+(kind\s+|esteemed\s+)?(letter|invitation|note|communication)\b"
        r"|\b(nous\s+)?(accusons|accuse|accuser)\s+(bonne\s+)?réception\s+de\s+(votre|la)\s+"
        r"(aimable\s+|honorée\s+)?(lettre|invitation|note|communication)\b"
        r"|\b(acusamos|acusa|acusar)\s+recibo\s+de\s+(su|la)\s+(atenta\s+|amable\s+)?(carta"
        r"|invitación|nota|comunicación)\b",
        r"(?<![\w\u0400-\u04ff])(?:подтверждаем|подтверждает)\s+получение\s+"
        r"(вашего\s+)?(письма|приглашения|ноты)(?![\w\u0400-\u04ff])",
        r"(?:نؤكد|تؤكد|يؤكد|نفيدكم\s+ب|نفيد\s+ب)\s*استلام\s+(?:رسالتكم|دعوتكم|خطابكم|مذكرتكم)",
        r"(رسالتكم|خطابكم|دعوتكم|الرسالة)[^.؛]{0,80}(?<!\S)(التي|بشأن|لدعوة|تدعو)(?!\S)[^.؛،]*",
    ]
)

# Round 10: an earlier answer withdrawn ("please disregard our earlier regrets", "此前谢绝函作废",
# "برجاء إهمال الاعتذار السابق"): its words name the old answer, not the present one, and are
# removed before reading (the present answer, if any, is in the words around it).
RETRACTED = _compile(
    [
        r"\b(ignore|disregard|withdraw|cancel|void|supersede\w*|replace\w*)\s+(\w+\s+){0,2}?"
        r"(earlier|previous|prior|former|last)\s+(\w+\s+){0,2}?(regrets|apolog\w+|declin\w+"
        r"|refusal|acceptance|confirmation)\b"
        r"|\b(our|the|my)\s+(earlier|previous|prior)\s+(regrets|apolog\w+|refusal|acceptance"
        r"|confirmation)\s+(is|are)\s+(withdrawn|cancell?ed|void|superseded)\b"
        # Round 11: "ignore our previous e-mail" (whatever it said).
        r"|\b(ignore|disregard)\s+(our|my|the)\s+(earlier|previous|prior|last)\s+(e-?mail|message"
        r"|reply|response|note|answer)\b(\s+(saying|stating|in\s+which|that\s+said)[^.;:]*)?",
        r"\b(ignorer|annuler|ne\s+pas\s+tenir\s+compte\s+d[eu']|retir\w+)\s*(\w+\s+){0,2}?"
        r"(précédent\w*\s+)?(refus|regrets|excuses|acceptation"
        r"|confirmation)\s+(\w+\s+)?(précédent\w*|antérieur\w*)"
        r"|\b(ignorez|ignorer|ne\s+tenez\s+pas\s+compte\s+d[eu']|ne\s+tenez\s+pas\s+compte\s+de)\s*(notre|mon|le)?\s*"
        r"(précédent\s+)?(courriel|message|mail|e-mail|réponse)(\s+précédent\w*)?"
        r"(\s+(qui\s+(indiquait|annonçait|disait)|où)[^.;:]*)?",
        r"\b(ignor\w+|anul\w+|dej\w+\s+sin\s+efecto|no\s+tener\s+en\s+cuenta)\s+(\w+\s+){0,2}?"
        r"(excusa|negativa|aceptación|confirmación)\s+(\w+\s+)?anterior"
        r"|\b(ignoren|ignore|no\s+tengan\s+en\s+cuenta|hagan\s+caso\s+omiso\s+de)\s+(nuestro|mi|el)\s+"
        r"(correo|mensaje|e-?mail|respuesta)\s+(anterior|previo)(\s+(que\s+(decía|indicaba|anunciaba)"
        r"|en\s+el\s+que)[^.;:]*)?",
        r"(не\s+учитыва\w+|считать\s+недействительн\w+|отзыва\w+|аннулир\w+)\s+(\S+\s+){0,2}?"
        r"(предыдущ\w+|прежн\w+|ранее\s+направленн\w+)\s+(\S+\s+)?(отказ\w*|подтверждени\w*)"
        r"|(не\s+учитывайте|игнорируйте|проигнорируйте|не\s+обращайте\s+внимания\s+на)\s+"
        r"(наше\s+|моё\s+|мое\s+)?(предыдущее|прошлое|последнее)\s+(письмо|сообщение)"
        r"(,?\s*(в\s+котором|где)[^.;:]*)?",
        r"(此前|之前|先前|前次|日前)[^。；，]{0,8}(谢绝|婉拒|拒绝|致歉|确认)[^。；，]{0,6}"
        r"(作废|作廢|撤回|无效|無效|不再有效)"
        r"|(忽略|不要理会|不必理会|无视)(我们|我方|我)?(的)?(之前|此前|上一|前一)(封|条|份)?的?(邮件|来信|回复|信)",
        r"(?:إهمال|تجاهل|إلغاء|سحب)\s+(?:\S+\s+)?(?:ال)?(?:اعتذار|تأكيد|موافقة)\S*\s+"
        r"(?:ال)?(?:سابق|سابقة|الأول)"
        r"|(?:تجاهلوا|تجاهل|أهملوا|اهملوا)\s+(?:\S+\s+)?(?:إيميلنا|رسالتنا|بريدنا|ردنا|الإيميل|الرسالة"
        r"|البريد|الرد)\s*(?:ال)?(?:سابق\S*|أخير\S*|ماضي\S*)?(?:\s+(?:الذي|التي)[^.؛:]*)?",
    ]
)

# Round 11: the office written to says the matter is not its own ("Our department does not deal
# with this", "ne relève pas de notre service", "不属于我司职责范围"): it answers nothing; the
# office that will answer is named elsewhere.
# Round 11: a fallback for the slot ("we prefer 24 March; failing that, any other day suits"):
# its condition binds the day, not the answer; blanked before conditions are looked for.
FALLBACK_SLOT = _compile(
    [
        r"\b(if\s+not|if\s+that\s+is\s+not\s+possible|otherwise|failing\s+that|should\s+that\s+not"
        r"\s+be\s+possible)\b[^.;]{0,40}\b(any|another)\s+(other\s+)?(day|date|time|slot|session)"
        r"[^.;]*"
        r"|\bif\s+(no\s+(other\s+)?|the\s+|that\s+|this\s+)?(slot|date|day|time|session)s?\s+(is|are)\s+"
        r"(not\s+)?(free|available|full|possible|taken)\b[^.;]*",
        r"\b(sinon|à\s+défaut|si\s+(ce|cela)\s+n'est\s+pas\s+possible)\b[^.;]{0,40}\b(tout|n'importe"
        r"\s+quel|un)\s+(autre\s+)?(jour|date|créneau|moment)[^.;]*",
        r"\b(de\s+lo\s+contrario|de\s+no\s+ser\s+(así|posible)|si\s+no\s+es\s+posible|en\s+su"
        r"\s+defecto)\b[^.;]{0,40}\b(cualquier|otro)\s+(otro\s+)?(día|fecha|horario|momento)[^.;]*",
        r"(?<![\w\u0400-\u04ff])если\s+[^.;,]{0,15}(мест\w*\s+нет|мест\s+не\s+будет|слот\w*\s+занят\w*)[^.;]*"
        r"|(?<![\w\u0400-\u04ff])(если\s+(это\s+)?(невозможно|нет|не\s+получится)|иначе|в\s+противном"
        r"\s+случае)[^.;]{0,40}?(?<![\w\u0400-\u04ff])(любой|другой)\s+(другой\s+)?(день|дата|время)"
        r"[^.;]*",
        r"(如不行|如不可能|否则|否則|若不能|如无法|如不能)[^。；]{0,20}(其他|任何|其它)[^。；]{0,6}(日期|时间|一天|天|时段)"
        r"[^。；]*",
        r"(?:^|\s)[وف]?(?:إن|إذا)\s+(?:تعذر|لم\s+\S+)[^.؛]{0,40}(?:أي|آخر)\s*(?:يوم|موعد|وقت|تاريخ)"
        r"[^.؛]*",
    ]
)

NOT_CONCERNED = _compile(
    [
        r"\b(our|this)\s+(office|department|unit|division|section|service)\s+(does\s+not|doesn't"
        r"|is\s+not\s+(responsible|competent|in\s+charge))\s*(deal|handle|cover)?[^.;]{0,40}"
        r"|\b(this|the)\s+(matter|request|invitation)\s+(does\s+not|doesn't)\s+fall\s+(within|under)"
        r"[^.;]{0,40}|\bnot\s+within\s+(our|the)\s+(remit|competence|purview|mandate)\s+of\s+"
        r"(this|our)\s+(office|department|unit)",
        r"\bne\s+relève\s+pas\s+d[eu]\s+(notre|ce|cette|la\s+compétence\s+de\s+notre)\s*"
        r"(service|direction|bureau|département|compétence|ressort)?[^.;]{0,30}"
        r"|\b(notre|ce)\s+(service|bureau|département|direction)\s+n'(est|a)\s+pas\s+(compétent"
        r"|en\s+charge|chargé)[^.;]{0,40}|\b(notre|ce)\s+(service|bureau|département|direction)\s+"
        r"ne\s+traite\s+pas[^.;]{0,40}",
        r"\bno\s+es\s+(de\s+la\s+)?competencia\s+de\s+(esta|nuestra|este|nuestro)\s+(unidad|oficina"
        r"|dirección|departamento|área)|\b(esta|nuestra|este|nuestro)\s+(unidad|oficina|dirección"
        r"|departamento|área)\s+no\s+(se\s+ocupa|tramita|gestiona|es\s+competente|lleva)[^.;]{0,40}"
        r"|\bno\s+corresponde\s+a\s+(esta|nuestra|este|nuestro)\s+(unidad|oficina|dirección"
        r"|departamento|área)",
        r"(?<![\w\u0400-\u04ff])(наш|этот|данный)\s+(отдел|департамент|управление|сектор)"
        r"[^.;]{0,40}?(?<![\w\u0400-\u04ff])не\s+(занима\w+|веда\w+|куриру\w+|отвечает)"
        r"|(?<![\w\u0400-\u04ff])не\s+(входит|относится)\s+(в|к)\s+(компетенци\w+|ведени\w+)"
        r"[^.;]{0,30}|(?<![\w\u0400-\u04ff])вне\s+(нашей|компетенции)\s+(компетенции|нашего)[^.;]{0,30}",
        r"不属于(我|本)(司|处|局|单位|部门)?的?(职责|职权|管辖|业务)(范围)?|(我|本)(司|处|局|部门|单位)"
        r"(并)?不(负责|主管|分管|处理|经办)(此|这|该)?(类)?(事项|事宜|业务|工作)?",
        r"(?:ليس|ليست|لا\s+يدخل|لا\s+تدخل)\s+(?:من\s+|ضمن\s+|في\s+)?(?:اختصاص|صلاحيات)\S*(?:\s+\S+)?"
        r"|(?:إدارتنا|قسمنا|مكتبنا|دائرتنا)\s+لا\s+(?:تختص|يختص|تتعامل|يتعامل|تتولى|يتولى)[^.؛]{0,40}",
    ]
)

THANKS = _compile(
    [
        # The span never crosses an acceptance verb: "with thanks, accepts the invitation".
        r"\b(thank\w*|thanks)\b(?:(?!accept)[^,;.])*?\b(invitation|letter|inviting)\b",
        r"\b(merci\w*|remerci\w*)\b(?:(?!accept)[^,;.])*?\b(invitation|lettre)\b",
        r"\b(gracias|agradec\w*)\b(?:(?!acept)[^,;.])*?\b(invitación|carta)\b",
        r"(благодар\w*|спасибо)(?:(?!приним|приня)[^,;.])*?(приглашени\w*|письм\w*)",
        r"(感谢|谢谢|感謝)(?:(?!接受)[^，；。])*?(邀请|来函|邀請)",
        r"(شكر\w*|نشكر|أشكر)(?:(?!يقبل|نقبل|تقبل|قبول)[^،,؛.])*?(دعوة\w*|الدعوة|رسالت\w*"
        r"|خطاب\w*)",
    ]
)

# Round 33: thanks given in someone's name ("I thank you, on behalf of the Minister of State, for
# the invitation", « Je vous remercie, au nom du secrétaire d'État, pour l'invitation », "Le
# agradezco, en nombre del Viceministro, la invitación", «От имени заместителя министра
# благодарю вас», "谨代表副部长感谢您的邀请", "أشكركم نيابة عن معالي نائب الوزير"): the writer
# thanks for the official, who acts for no one; the official's own answer may follow ("… will not be
# able to take part"). Blanked (same length) before the clause is read, so the behalf is no
# delegation.
THANKS_ON_BEHALF = _compile(
    [
        r"\b(?:I|we)\s+(?:would\s+like\s+to\s+|wish\s+to\s+)?thank\s+you\s*,?\s*on\s+(?:\S+\s+){0,2}?"
        r"behalf\b|\bon\s+behalf\s+of\b[^.;:]{0,80}?,\s*(?:I|we)\s+(?:would\s+like\s+to\s+"
        r"|wish\s+to\s+)?thank\b",
        r"\b(?:je|nous)\s+vous\s+remerci\w*\s*,?\s*au\s+nom\s+d|\bau\s+nom\s+d[^.;:]{0,80}?,\s*"
        r"(?:je|nous)\s+(?:tiens\s+à\s+|tenons\s+à\s+)?vous\s+remerci\w*",
        r"\b(?:le|les)\s+agrade[cz]\w*\s*,?\s*en\s+nombre\s+d|\ben\s+nombre\s+d[^.;:]{0,80}?,\s*"
        r"(?:(?:le|les)\s+)?agrade[cz]\w*",
        r"(?<![\w\u0400-\u04ff])от\s+имени[^.;:]{0,80}?(?:благодарю|благодарим|выражаю\s+благодарность)"
        r"|(?:благодарю|благодарим)\s+вас\s*,?\s*от\s+имени",
        r"谨?代表[^。；，]{0,20}?(?:感谢|感謝|谢谢|謝謝|致谢|致謝)",
        r"(?:أشكركم|نشكركم|أتقدم\s+بالشكر)\s+(?:نيابة\s+عن|باسم)"
        r"|(?:نيابة\s+عن|باسم)[^.؛:]{0,80}?(?:أشكركم|نشكركم|أتقدم\s+(?:إليكم\s+)?بالشكر)",
    ]
)

# Round 33: a salutation on a line of its own ends what comes before it (``decide.sentences``):
# a letter's paragraphs (a DOCX note) are read as lines of one paragraph, and the letterhead, the
# address ("Secrétaire général, Union internationale des télécommunications") and "Monsieur le
# Secrétaire général," would otherwise run into the first sentence, the addressee's title read
# as a delegate's. Round 35: no signature block starts before it (``signature.split_signature``):
# the letterhead and the address above it are a letter's head, not a sender's block.
SALUTATION_LINE = re.compile(
    r"^[ \t]*(?:dear|excellency|your\s+excellency|monsieur|madame|excellence|cher|chère"
    r"|estimad[oa]s?|señor|señora|excelentísim[oa]|distinguid[oa]s?|уважаем\w*|многоуважаем\w*"
    r"|господин|госпожа)\b[^\n.!?;]{0,80}[,:!][ \t]*$"
    r"|^[ \t]*尊敬的[^\n。！？]{1,30}[：:，,][ \t]*$"
    r"|^[ \t]*(?:سعادة|معالي|حضرة|عزيزي|السيد|السيدة)\s[^\n.!؟]{0,80}[،,:][ \t]*$",
    re.I | re.M,
)

#: What names an answer's words without deciding anything, removed before a sentence is read
#: (the reading and the safety net use the same list).
# Round 15: refusals of many other invitations, the background of an exception ("has declined
# most invitations this year, but …", « a décliné de nombreuses invitations », "ha declinado
# numerosas invitaciones", «отклонил большинство приглашений», "婉拒了数个…邀请", "اعتذر … عن عدة
# دعوات"): a habit, not the answer to this letter. Round 16: also other invitations counted or
# set apart ("has declined two other invitations for 24 March so that he can deliver", « a
# décliné une autre invitation », "declinó la invitación a un panel", «отказался от всех
# зарубежных командировок», "婉拒了另外两个邀请", "اعتذر عن دعوتين أخريين"): the invitation
# refused is another one (an indefinite event, a number, "other"), the background of the answer.
OTHER_INVITATIONS = _compile(
    [
        r"\b(?:declin\w*|turn\w*\s+down|refus\w*)\s+(?:(?:most|many|several|a\s+number\s+of"
        r"|numerous|dozens\s+of|all\s+other|two|three|four|five|\d+)\s+(?:\w+\s+){0,2}?invitations"
        r"|(?:another|an\s+other|other)\s+(?:\w+\s+){0,2}?invitations?"
        r"|(?:the|an)\s+invitation\s+to\s+an?)\b",
        r"\b(?:décliné|refusé|décline|refuse)\s+(?:(?:la\s+plupart\s+des|de\s+nombreuses|plusieurs"
        r"|bien\s+des|toutes\s+les\s+autres|deux|trois|quatre|\d+|d'autres)\s+(?:\w+\s+){0,2}?"
        r"invitations|une\s+autre\s+invitation|(?:l'|une\s+)invitation\s+à\s+une?)\b",
        r"\b(?:declinado|rechazado|declinó|rechazó|declina|rechaza)\s+(?:(?:la\s+mayoría\s+de\s+las"
        r"|numerosas|varias|muchas|todas\s+las\s+demás|dos|tres|cuatro|\d+|otras)\s+(?:\w+\s+){0,2}?"
        r"invitaciones|otra\s+invitación|(?:la|una)\s+invitación\s+a\s+una?)\b",
        r"(?:отклонил\w*|отказал\w*\s+от)\s+(?:(?:большинств\w*|многи\w*|нескольки\w*|ряд\w*"
        r"|всех\s+других|двух|тр[её]х|други\w*)\s+(?:\S+\s+){0,2}?приглашени\w*|(?:всех|любых)\s+"
        r"(?:\S+\s+)?(?:командиров|поездок|выездов)\w*|друго\w*\s+приглашени\w*)",
        r"(?:婉拒|谢绝|謝絕|推辞|推辭)了?(?:数个|數個|多个|多個|多项|多項|许多|許多|一些|若干|另外|另一|其他"
        r"|两个|兩個|两项|兩項)[^。；，]{0,20}(?:邀请|邀請)",
        r"(?:اعتذر|يعتذر|رفض)\S*\s+(?:\S+\s+){0,5}?عن\s+(?:(?:عدة|العديد\s+من|كثير\s+من|معظم)\s+"
        r"(?:ال)?دعوات|دعوتين|دعوة\s+أخرى|دعوات\s+أخرى)",
        # Round 17: another event's invitation accepted, or taking part in another event
        # declined ("had already accepted another invitation", "отказался от участия в другом
        # мероприятии", "已接受另一项国际活动的邀请"): the answer to this one is elsewhere.
        r"\baccept\w*\s+(?:(?:an|the)\s+)?(?:(?:earlier|prior)\s+)?(?:invitation\s+(?:to|from)\s+)?"
        r"(?:another|an\s+other|other|a\s+different)\s+(?:[\w-]+\s+){0,2}?(?:invitations?|events?"
        r"|meetings?|engagements?|conferences?)\b"
        r"|\b(?:declin\w*|cancel\w*|withdr[ae]w\w*)\s+(?:from\s+)?(?:(?:his|her|its|their|our)\s+)?"
        r"(?:participation\s+in\s+|attendance\s+at\s+)?(?:another|an\s+other|other|a\s+different)"
        r"\s+(?:[\w-]+\s+){0,2}?(?:events?|meetings?|engagements?|conferences?)\b",
        r"\baccept\w*\s+une\s+autre\s+invitation\b|\b(?:renonc|déclin|refus)\w*\s+(?:à\s+)?"
        r"(?:sa\s+participation\s+à\s+|participer\s+à\s+)?(?:une\s+autre|d'autres)\s+(?:[\w-]+\s+){0,2}?"
        r"(?:réunions?|manifestations?|événements?|conférences?)\b",
        r"\bacept\w*\s+otra\s+invitación\b|\b(?:renunci|declin|rechaz)\w*\s+(?:a\s+)?(?:participar"
        r"\s+en\s+|su\s+participación\s+en\s+)?(?:otro|otra|otros|otras)\s+(?:[\w-]+\s+){0,2}?"
        r"(?:eventos?|reuniones|reunión|actos?|conferencias?)\b",
        r"(?<![\w\u0400-\u04ff])(?:отказал\w*|отказыва\w*)\s+от\s+участия\s+в\s+(?:друг|ин)\w*\s+"
        r"(?:\S+\s+)?(?:мероприяти|встреч|форум|конференци|заседани)\w*"
        r"|(?<![\w\u0400-\u04ff])принял\w*\s+(?:\S+\s+)?(?:друго\w*|ино\w*)\s+приглашени\w*",
        r"(?:接受|应邀出席|應邀出席)了?(?:另一|另外|其他)[^。；，]{0,12}(?:邀请|邀請|活动|活動)",
        r"(?:قبل|قبلت|وافق\S*\s+على)\s+(?:\S+\s+){0,3}?دعوة\s+أخرى"
        r"|(?:اعتذر|يعتذر)\S*\s+عن\s+(?:ال)?مشاركة\s+في\s+(?:فعالية|اجتماع|مؤتمر)\s+آخر\S*",
        # Round 18: an invitation declined *in order to* take part ("declined the invitation to
        # the regional conference in Almaty, held the same days, so as to speak at the Forum",
        # «отклонил приглашение на региональную конференцию …, чтобы выступить»): the invitation
        # refused is another one, given up to make room; the purpose that follows is the answer's
        # business (up to the purpose word, which stays).
        r"\b(?:declin\w*|turn\w*\s+down|refus\w*)\s+(?:the|an?)\s+invitation\s+[^.;]{0,120}?"
        r"(?=,?\s+(?:in\s+order\s+to|so\s+as\s+to|so\s+that\s+(?:he|she|they)\s+(?:can|could|may)"
        r"|to\s+be\s+able\s+to)\s+(?:\w+\s+){0,2}?(?:speak|attend|take\s+part|participate|deliver)\b)",
        r"\b(?:décliné|refusé|décline|refuse)\s+(?:l'|une\s+)invitation\s+[^.;]{0,120}?"
        r"(?=,?\s+(?:afin\s+de|pour\s+pouvoir|de\s+manière\s+à|pour)\s+(?:\w+\s+){0,2}?"
        r"(?:prendre\s+la\s+parole|intervenir|participer|assister|prononcer)\b)",
        r"\b(?:declinado|rechazado|declinó|rechazó|declina|rechaza)\s+(?:la|una)\s+invitación\s+"
        r"[^.;]{0,120}?(?=,?\s+(?:para|a\s+fin\s+de|con\s+el\s+fin\s+de)\s+(?:poder\s+)?"
        r"(?:\w+\s+){0,1}?(?:intervenir|participar|asistir|pronunciar|hacer\s+uso)\b)",
        r"(?<![\w\u0400-\u04ff])(?:отклонил\w*|отказал\w*\s+от)\s+приглашени\w*\s+[^.;]{0,120}?"
        r"(?=,?\s+чтобы\s+(?:\S+\s+){0,2}?(?:выступить|принять\s+участие|участвовать"
        r"|присутствовать)(?![\w\u0400-\u04ff]))",
        r"(?:婉拒|谢绝|謝絕|推辞|推辭|拒绝|拒絕)了?[^。；]{0,30}?(?:邀请|邀請)"
        r"(?=[，,]?(?:以便|为了|為了|好让|好讓)[^。；]{0,20}?(?:出席|发言|發言|参加|參加))",
        r"(?:اعتذر|رفض)\S*\s+(?:\S+\s+){0,4}?(?:عن\s+)?(?:ال)?دعوة\s+[^.؛]{0,120}?"
        r"(?=\s+(?:كي|لكي|حتى\s+يتمكن|ليتمكن|من\s+أجل\s+أن)\s+(?:\S+\s+){0,3}?"
        r"(?:يلقي|يشارك|يحضر|من\s+إلقاء|من\s+المشاركة|من\s+حضور))",
    ]
)

NOT_AN_ANSWER = (
    RETRACTED,
    COURTESY,
    LETTER_REF,
    THANKS,
    NOT_CONCERNED,
    NO_PRESS,
    OTHER_INVITATIONS,
)

DISCLAIMER = _compile(
    [
        # Round 23: a right reserved ("the sender reserves the right to reject requests",
        # «Отправитель вправе отклонить запросы», « se réserve le droit de refuser ») and
        # requests or claims refused ("the Ministry does not accept requests for information by
        # e-mail", "no acepta solicitudes", «отклоняет любые претензии»): a service's rules.
        r"\breserves?\s+the\s+right\s+to\b|\b(?:accept|reject|decline)\w*\s+(?:any\s+|all\s+|no\s+)?"
        r"(?:requests|claims|complaints|applications|unsolicited)\b",
        r"\bse\s+réserve\w*\s+le\s+droit\s+de\b|\b(?:accepte|rejette|refuse)\w*\s+(?:pas\s+)?"
        r"(?:toute?s?\s+|les\s+|de\s+|aucune\s+)?(?:demandes|réclamations|requêtes|sollicitations)\b",
        r"\bse\s+reserva\w*\s+el\s+derecho\s+(?:de|a)\b|\b(?:acepta|rechaza)\w*\s+(?:ninguna\s+|toda\s+"
        r"|las\s+)?(?:solicitudes|reclamaciones|peticiones|reclamos)\b",
        # «вправе» is a right reserved only before a refusal («не вправе выступать» denies one).
        r"(?<![\w\u0400-\u04ff])(?<!не\s)вправе\s+(?:отклон|отказ|не\s+принима)\w*"
        r"|оставля\w*\s+за\s+собой\s+право"
        r"|(?<![\w\u0400-\u04ff])(?:принима|отклоня|отклон)\w*\s+(?:\S+\s+)?(?:запрос|претензи"
        r"|жалоб|обращени)\w*",
        r"保留[^。；]{0,12}权利|保留[^。；]{0,12}權利",
        r"(?:يحتفظ|تحتفظ)\s+ب?(?:ال)?حق",
        # Round 20: the mail system's rules ("attachments over 10 MB are declined by the mail
        # server", « les messages non sollicités sont refusés par notre passerelle », "لا تقبل
        # الوزارة أي مسؤولية"): mail refused by a server, or liability refused, is no answer.
        r"\b(?:declined|rejected|refused|blocked)\s+(?:\w+\s+){0,3}?by\s+(?:the\s+|our\s+)?"
        r"(?:[\w-]+\s+){0,2}?(?:server|gateway|system|filter)s?\b|\b(?:attachments?|files?"
        r"|(?:e-?mail\s+)?messages?)\s+(?:[\w-]+\s+){0,5}?(?:are|is|will\s+be)\s+(?:\w+\s+)?"
        r"(?:declined|rejected|refused|blocked)\b",
        r"\b(?:refusé|rejeté|bloqué)e?s?\s+(?:\w+\s+){0,2}?par\s+(?:le\s+|la\s+|notre\s+)?"
        r"(?:serveur|passerelle|système|filtre)",
        r"\b(?:rechazad|bloquead)\w*\s+(?:\w+\s+){0,2}?por\s+(?:el\s+|la\s+|nuestr[oa]\s+)?"
        r"(?:servidor|pasarela|sistema|filtro)",
        r"(?:отклоня|блокиру|отверга)\w*\s+(?:\S+\s+){0,2}?(?:почтов\w+\s+)?(?:сервер|шлюз"
        r"|систем|фильтр)\w*",
        r"(?:服务器|伺服器|网关|網關|系统|系統)[^。；]{0,8}(?:拒收|拦截|攔截)",
        r"لا\s+[تي]قبل\s+(?:\S+\s+){0,2}?(?:أي|أية)\s+مسؤولي\S*"
        r"|(?:[يت]رفض|[يت]حظر)\S*\s+(?:\S+\s+){0,3}?(?:الخادم|خادم\s+البريد|البوابة)",
        # "confidential" and "privileged" are ordinary words ("the Minister is privileged to
        # accept"): only about the message or its attachments do they make a disclaimer.
        r"\b(not|only|solely|exclusively)\b[^.]{0,30}\bintended\s+recipient|\bintended\s+"
        r"(only|solely|exclusively)\s+for|\b(e-?mail|message|communication|information|attachments?"
        r"|transmission)\b[^.]{0,60}\b(confidential|privileged)\b|\b(confidential|privileged)\s+"
        r"(information|and\s+(confidential|privileged))|\b(accepts?|assumes?)\s+no\s+"
        r"(liability|responsibility)|\bvirus\w*\b|\bprint\s+this\s+e-?mail"
        r"|received\s+(this|it)\s+(e-?mail|message)?\s*(in|by)\s+error"
        r"|\breceiv\w*\s+(\w+\s+){0,3}(in\s+error|by\s+mistake)"
        r"|\bdisclaims?\s+(all\s+|any\s+)?(liability|responsibility)"
        r"|\breject\w*\s+(any|all)\s+(claims?|liability)|\bby\s+(accepting|reading|opening)\s+this"
        r"\s+(e-?mail|message)|\bdoes\s+not\s+constitute\s+an?\s+(offer|commitment)"
        r"|\b(not|no)\s+(be\s+)?(held\s+)?(liable|responsible)\s+for\s+(any\s+)?(virus|damage|loss)"
        # Round 11: a footer's headings and bans ("Disclaimer:", "unauthorised use is
        # prohibited", "a yes or no to mailings … is not an official document").
        r"|\bdisclaimer\s*:|\bunauthori[sz]ed\s+(use|disclosure|distribution)"
        r"|\bis\s+not\s+an\s+official\s+(document|communication)",
        # "If you received it by mistake": the footer's own condition, in every language.
        r"\b(reçu|recibido)\b[^.]{0,30}\b(par|por)\s+erro?e?u?r\b"
        r"|получили\s+(\w+\s+){0,2}по\s+ошибке|(وصلت\w*|تلقيت\w*|استلمت\w*)\s+[^.]{0,20}"
        r"(عن|ب)\s*طريق\s+الخطأ|错误地收到|誤收",
        # Disclaiming responsibility ("Мы отказываемся от ответственности за вирусы") is a
        # footer, not a refusal of the invitation (one entry per script: a Lexicon files each
        # entry under the first script it contains).
        r"отказыва\w*\s+от\s+(любой\s+|всякой\s+)?ответственност\w*"
        r"|не\s+нес[её]\w*\s+(никакой\s+)?ответственност\w*"
        # Round 10: "не принимает на себя обязательств по сообщениям" (no obligation from mail).
        r"|не\s+принима\w*\s+на\s+себя\s+(никаких\s+)?обязательств\w*\s+по\s+(сообщени|письм|переписк)\w*|(отклоня|отверга)\w*\s+(любые\s+|все\s+)?"
        r"претензи\w*|не\s+является\s+(публичной\s+)?офертой|(принимая|получая|прочитав)\s+(это|данное)"
        r"\s+(сообщение|письмо)"
        # Round 11: "Отказ от ответственности:" (the heading "Disclaimer"), "Несанкционированное
        # использование запрещено", "… не является официальным документом".
        r"|отказ\s+от\s+ответственности|несанкционированн\w+\s+(использовани|распространени|доступ)\w*"
        r"|не\s+является\s+официальным\s+документом",
        r"\bdeclina\w*\s+(toda|cualquier)\s+responsabilidad|\bno\s+se\s+hace\s+responsable"
        r"|\bal\s+(aceptar|leer|abrir)\s+este\s+(mensaje|correo)|\brejet\w*\s+(toute|toutes)\s+"
        r"(réclamation|responsabilité)|\ben\s+(acceptant|lisant)\s+ce\s+(message|courriel)"
        r"|\bclause\s+de\s+non-responsabilité|\b(toute\s+)?utilisation\s+non\s+autorisée"
        r"|\baviso\s+legal\s*:|\bdescargo\s+de\s+responsabilidad|\buso\s+no\s+autorizado",
        r"不(承担|負|负)(任何)?(法律)?责任|即视为|即視為|视为同意(上述|以下|本)条款",
        r"(?:^|\s)لا\s+[يتن]تحمل\s+(أي\s+)?مسؤولي\w*|[يتن]خلي\s+(\S+\s+)?مسؤولي\w*"
        r"|(لم\s+تكن|لست|غير)\s+(\S+\s+)?المرسل\s+إليه|(بقبول|بقراءة|باستلام)\s+هذه\s+الرسالة",
        r"(n'(en\s+)?êtes\s+pas|seul\w*|exclusive\w*|uniquement)[^.]{0,40}\bdestinataire"
        r"|\b(message|courriel|information\w*|pièces?\s+jointes?)\b[^.]{0,60}"
        r"confidentiel\w*|\bn'imprimez\b|\bdécline\s+toute\s+responsabilité\b"
        r"|reçu\s+(ce\s+message\s+)?par\s+erreur|\breç\w*\s+(\w+\s+){0,3}par\s+erreur",
        r"(no\s+es\s+(usted\s+)?el|únic\w*|exclusiv\w*)[^.]{0,40}\bdestinatari[oa]\b"
        r"|recibido\s+(este\s+mensaje\s+)?por\s+error|\brecib\w*\s+(\w+\s+){0,3}por\s+error"
        r"|\b(mensaje|correo|informaci[oó]n|adjuntos?)\b[^.]{0,60}"
        r"confidencial\w*|\bno\s+imprima\b",
        r"(сообщени\w*|письм\w*|информаци\w*|вложени\w*)[^.]{0,60}конфиденциальн\w*"
        # Round 20: "не являетесь предполагаемым получателем" (not the intended recipient).
        r"|не\s+являетесь\s+(?:\S+\s+){0,2}?(?:адресат|получател)\w*"
        r"|получили\s+(это|данное)\s+(сообщение|письмо)"
        r"\s+по\s+ошибке",
        # "以下信息暂请保密" (please keep this quiet) is a sentence, not a footer.
        r"(本|此|该|該)(邮件|郵件|电子邮件|信息及|邮件及)[^。]{0,20}(保密|机密)|非指定收件人|免责声明|误收"
        # Round 20: "若您不是(本邮件的)指定收件人", "若閣下並非收件人" (not the recipient).
        r"|(?:您|你|閣下|阁下)\s*(?:不是|并非|並非)[^。；，]{0,8}(?:收件人|收信人|收件者)"
        # Round 10: "谢绝商业广告邮件" (no advertising mail) is the mailbox's rule.
        r"|(谢绝|謝絕|拒收)[^。；，]{0,6}(广告|廣告|推销|推銷|垃圾)",
        r"(الرسالة|البريد|المعلومات|المرفقات)[^.]{0,60}(سرية|سري)|لست\s+المرسل\s+إليه"
        r"|غير\s+المرسل\s+إليه|إذا\s+تلقيت\s+هذه\s+الرسالة\s+عن\s+طريق\s+الخطأ",
        # Round 6: lines about the mailbox, the e-mail or its typing rather than the event
        # ("do not reply: this mailbox does not accept…", "excuse any typos"), the sender's
        # standing service promises ("we are always happy to…") and liability footers.
        r"\bdo\s+not\s+reply\b|\bno-?reply\b|\b(this|the|our)\s+mailbox\b|\bmailbox\s+(is|does|will)"
        r"|\bdeclines?\s+(any|all)\s+(\w+\s+)?(liability|responsibility)|\btypos?\b"
        r"|\bspelling\s+(errors?|mistakes?)|\bservice\s+charter\b|\balways\s+(happy|pleased|glad)\s+to\b"
        r"|\bne\s+(pas\s+)?répond(ez|re)\s+pas\b|\bne\s+pas\s+répondre\b|\bboîte\s+(aux\s+lettres|mail"
        r"|de\s+réception|électronique)\b|\bfautes?\s+de\s+frappe\b|\bcoquilles?\b"
        r"|\btoujours\s+(heureu\w*|ravi\w*)\s+de\b|\bcharte\s+(de\s+service|qualité)"
        r"|\bno\s+(responda|conteste)\b|\b(este|el|nuestro)\s+buzón\b|\berror\w*\s+(ortográfic\w*"
        r"|de\s+(tipeo|escritura|digitación))|\bsiempre\s+(dispuest|encantad|feli)\w*\s+de\b"
        r"|\bcarta\s+de\s+servicios\b",
        r"не\s+отвечайте|(этот|данный|почтовый|наш)\s+ящик|ящик\s+не|опечат\w*|ошибк\w*\s+набора"
        r"|всегда\s+(рады|готовы)\s",
        r"请勿(直接)?回复|(本|此|该)(邮箱|信箱)|邮箱不|信箱不|错别字|笔误|系统自动发送|免责",
        r"(?:يرجى|الرجاء|نرجو)\s+عدم\s+الرد|لا\s+ترد\w*\s+على|صندوق\s+البريد|هذا\s+البريد\s+لا"
        r"|أخطاء\s+(?:إملائية|مطبعية)|أرسلت\s+من\s+(?:الهاتف|جوالي|هاتفي)|(?:نسعد|يسعدنا)\s+دائما",
        # Round 8: the message denying that it is itself an answer or a commitment ("This
        # e-mail does not constitute acceptance…") speaks of the e-mail, never of the event.
        r"\b(this|the\s+present|the)\s+(e-?mail|message|communication|correspondence)\b[^.;]{0,40}"
        r"\b(does\s+not|doesn't|shall\s+not|is\s+not\s+to\s+be|should\s+not\s+be)\s+"
        r"(constitute|represent|imply|amount\s+to|create|be\s+(construed|considered|deemed)"
        r"|construed|considered|deemed)\b",
        r"\b(ce|le\s+présent)\s+(courriel|message|e-?mail|mail|envoi)\b[^.;]{0,40}\bne\s+"
        r"(constitue|vaut|représente|saurait|peut\s+être\s+considéré|engage)\b",
        r"\b(este|el\s+presente)\s+(correo|mensaje|e-?mail|comunicado)\b[^.;]{0,40}\bno\s+"
        r"(constituye|representa|implica|supone|equivale|debe\s+(ser\s+)?(considerarse|interpretarse"
        r"|entenderse|considerado|interpretado))",
        r"(это|данное|настоящее)\s+(сообщение|письмо)[^.;]{0,40}не\s+(является|означает"
        r"|представляет|влеч[её]т|может\s+(быть\s+)?(рассматрива|считат))",
        r"(本|此|该|該)(邮件|郵件|电子邮件|電子郵件|信息|讯息|訊息)[^。；]{0,20}(不代表|不構成|不构成"
        r"|不意味|不视为|不視為|不作为|不作為|并不代表|並不代表)",
        r"(?:^|\s)(لا\s+[يت](عد|عتبر|شكل|مثل|عني)|ليس\w*)\s+(هذا\s+البريد|هذه\s+الرسالة"
        r"|هذا\s+الخطاب|هذه\s+المراسلة)",
        # Round 9: "does not accept responsibility for the content" is a footer: its "accept"
        # is about liability, never about the event.
        r"\b(does|do|will|shall|can)\s*(not|n't)\s+accept\s+(any\s+)?(liability|responsibility)\b",
        r"\bn'accept\w*\s+(aucune|nulle)\s+responsabilit\w*",
        r"\bno\s+(acepta|asume|aceptamos|asumimos)\s+(ninguna\s+)?responsabilidad",
        # Round 10: no commitment can arise from an e-mail ("Aucune acceptation d'engagement ne
        # peut résulter d'un courriel", "No commitment can be accepted by e-mail"): a footer
        # about the medium; its "acceptance" and negation answer nothing.
        r"\bno\s+(\w+\s+){0,2}?(acceptance|commitment|obligation|contract|agreement|offer)s?\b"
        r"[^.;]{0,60}\b(e-?mails?|electronic\s+mail|electronic\s+means)\b"
        r"|\baucun\w*\s+(\w+\s+){0,2}?(acceptation|engagement|obligation|contrat|offre)s?\b[^.;]{0,60}"
        r"\b(courriels?|e-?mails?|courriers?\s+électroniques?|messages?\s+électroniques?|mails?)\b"
        r"|\bning[uú]n\w*\s+(\w+\s+){0,2}?(aceptaci[oó]n|compromiso|obligaci[oó]n|contrato|oferta)\b"
        r"[^.;]{0,60}\b(correos?(\s+electrónicos?)?|e-?mails?|mensajes?\s+electrónicos?)\b"
        # Filing stamps: "Accepted by: auto-filing system", "Reçu par : système d'archivage".
        r"|\b(accepted|received|filed|registered|processed|logged)\s+by\s*:\s*[^.;]{0,30}?"
        r"\b(system|robot|bot|server|software|auto\w*)"
        r"|\b(accept[ée]|reçu|enregistr[ée]|class[ée]|trait[ée])e?s?\s+par\s*:\s*[^.;]{0,30}?"
        r"\b(système|robot|serveur|logiciel|automat\w*)"
        r"|\b(aceptad|recibid|registrad|archivad|procesad)[oa]s?\s+por\s*:\s*[^.;]{0,30}?"
        r"\b(sistema|robot|servidor|autom[aá]tic\w*)",
        r"(?<![\w\u0400-\u04ff])(никак\w*|ни\s+одно)\s+(\S+\s+){0,2}?(обязательств|соглашени|акцепт"
        r"|согласи|оферт)\w*[^.;]{0,60}(электронн\w+\s+(почт|сообщени|письм)\w*|e-?mail)"
        r"|(принято|получено|зарегистрировано|обработано)(\s+\S+)?\s*:\s*[^.;]{0,30}?"
        r"(систем|робот|сервер|автомат)\w*",
        r"(电子邮件|電子郵件|邮件|郵件)[^。；]{0,20}(不构成|不構成|不产生|不產生|不能产生|不得视为)[^。；]{0,12}"
        r"(承诺|承諾|接受|约束|約束|义务|義務)|(接受|接收|签收|簽收|归档|歸檔|登记|登記)(人|者|方)?[:：]"
        r"\s*[^。；]{0,15}(系统|系統|自动|自動)",
        # Round 10: printing notices, "n'engage que son auteur", "by replying
        # to this e-mail you accept", a message approved for sending by a system.
        r"\bprint\w*\s+(this|the)\s+(e-?mail|message)|\bbefore\s+printing\b"
        r"|\bimprim\w*\b[^.]{0,40}\b(courriel|message|mail)\b|\b(courriel|message|mail)\b[^.]{0,20}"
        r"\bimprim\w*|\bn'engage\s+que\s+(son|ses|leur)\s+auteurs?\b"
        r"|\bimprim\w*\s+este\s+(correo|mensaje)|\bal\s+(responder|enviar|contestar)\s+(a\s+)?este"
        r"\s+(correo|mensaje)",
        r"(?<![\w\u0400-\u04ff])распечат\w*",
        r"打印(本|此|该)?(邮件|郵件)",
        r"طباعة\s+(?:هذه\s+)?(?:الرسالة|البريد)|(?:هذه\s+الرسالة|هذا\s+البريد)[^.]{0,40}(?:نظام|آلي)",
        r"(?:^|\s)لا\s+(?:[يت]ترتب|ينشأ|تنشأ|[يت]نتج)\s+[^.]{0,40}(?:البريد\s+الإلكتروني|رسائل\s+إلكترونية"
        r"|رسالة\s+إلكترونية)|(?:تم\s+)?(?:القبول|الاستلام|التسجيل|الأرشفة)\s+(?:بواسطة|من\s+قبل)\s*:"
        r"\s*[^.]{0,30}(?:النظام|آلي|الآلي)",
        # Round 14: external-sender banners and spam-filter notices ("ВНИМАНИЕ! Письмо получено
        # из внешней сети …", "本邮箱已启用反垃圾邮件过滤。如您的邮件被系统拒收…").
        r"\b(?:do\s+not|don't)\s+(?:click|open)\s+(?:any\s+)?(?:links?|attachments?)"
        r"|\b(?:originated|comes?)\s+from\s+outside\s+(?:the|our|your)\s+organi[sz]ation"
        r"|\b(?:anti-?spam|spam\s+filter\w*|junk\s+(?:mail\s+)?filter\w*)\b"
        r"|\bif\s+your\s+(?:e-?mail|message)\s+(?:is|was|has\s+been)\s+(?:rejected|blocked|bounced)",
        r"\bn'ouvrez\s+pas\s+(?:les\s+)?(?:pièces\s+jointes|liens)|\bprovient\s+de\s+l'extérieur"
        r"|\bfiltr\w*\s+(?:anti-?spam|de\s+courrier\s+indésirable)"
        r"|\bsi\s+votre\s+(?:courriel|message)\s+(?:est|a\s+été)\s+(?:rejeté|bloqué)"
        r"|\bno\s+abra\s+(?:los\s+)?(?:enlaces|adjuntos|archivos\s+adjuntos)"
        r"|\bproviene\s+de\s+(?:fuera\s+de|un\s+remitente\s+externo)"
        r"|\bfiltro\w*\s+(?:anti-?spam|de\s+correo\s+no\s+deseado)"
        r"|\bsi\s+su\s+(?:correo|mensaje)\s+(?:es|fue|ha\s+sido)\s+(?:rechazado|bloqueado)",
        r"получено\s+из\s+внешней\s+сети|не\s+открывайте\s+вложения|спам-фильтр\w*"
        r"|если\s+ваше\s+письмо\s+(?:было\s+)?(?:отклонено|заблокировано)",
        r"反垃圾邮件|反垃圾郵件|垃圾邮件过滤|垃圾郵件過濾|(?:邮件|郵件)被(?:系统|系統)?(?:拒收|退回|拦截|攔截)"
        r"|来自外部|來自外部|请勿点击|請勿點擊",
        r"من\s+خارج\s+(?:المؤسسة|الوزارة|الشبكة)|لا\s+تفتح\s+المرفقات|البريد\s+المزعج"
        r"|إذا\s+تم\s+رفض\s+رسالتك",
        # Round 14: "by sending this e-mail you agree to …": the mail system's terms of use.
        r"\bby\s+(?:sending|replying\s+to|using)\s+(?:this|an?)\s+e-?mail[^.;]{0,40}"
        r"\b(?:agree|consent|accept)\w*"
        r"|\b(?:l'envoi|en\s+envoyant|en\s+répondant)\s[^.;]{0,40}(?:vaut\s+acceptation|acceptez"
        r"|consentez)"
        r"|\b(?:el\s+envío|al\s+enviar|al\s+responder)\s[^.;]{0,40}(?:implica\s+la\s+aceptaci[oó]n"
        r"|acepta|consiente)",
        r"(?:отправляя|направляя|отвечая\s+на)\s[^.;]{0,40}(?:соглашаетесь|принимаете"
        # Round 17: "Вы подтверждаете согласие на хранение переписки".
        r"|подтверждаете\s+(?:сво[её]\s+)?согласие|да[её]те\s+(?:сво[её]\s+)?согласие)",
        r"(?:发送|發送|回复|回覆)本(?:邮件|郵件)即(?:表示|视为|視為)[^。；]{0,6}(?:同意|接受)",
        # Round 19: the verbal noun takes the reader's pronoun and an object ("بإرسالك رداً على
        # هذه الرسالة فإنك توافق"): up to three words before "this message".
        r"(?:بإرسال|بالرد)\S*\s+(?:\S+\s+){0,3}?هذه\s+الرسالة[^.؛]{0,40}(?:توافق|تقبل|موافقت)",
        # Round 16: an acceptance whose object is the mail system's terms, conditions or policy
        # ("the use of this e-mail implies acceptance of the Security Policy", « le destinataire
        # accepte les conditions d'utilisation », «принимаете условия», "即表示接受上述条款",
        # "قبول شروط الاستخدام"), whatever the verb before it; a security notice about passwords
        # and codes (its "كلمة المرور" is no speech); a refusal of receipt of the message.
        r"\b(?:accept\w*|acceptance\s+of|agree\w*\s+to)\s+(?:the\s+|its\s+|our\s+|these\s+)?"
        r"(?:(?![\w'-]*invit)[\w'-]+\s+){0,3}?(?:terms|conditions|(?:security|privacy|data|e-?mail|use)\s+polic(?:y|ies))\b"
        r"|\b(?:password|verification\s+code|one-time\s+code)s?\b|\brefusal\s+of\s+receipt\b"
        r"|\b(?:accept\w*|acceptation\s+d[eu'])\s*(?:les\s+|la\s+|des\s+)?(?:(?![\w'-]*invit)[\w'-]+\s+){0,3}?"
        r"(?:conditions|modalités)\s+d|\bpolitique\s+de\s+(?:sécurité|confidentialité)|\bmots?\s+de\s+passe\b|\bcode\s+de\s+vérification\b"
        r"|\brefus\s+de\s+réception\b"
        r"|\b(?:acept\w*|aceptaci[oó]n\s+de)\s+(?:las\s+|la\s+|los\s+)?(?:(?![\w-]*invit)[\w-]+\s+){0,3}?"
        r"(?:t[eé]rminos|condiciones|pol[ií]tica\s+de\s+(?:seguridad|privacidad))\b|\bcontraseñas?\b|\bcódigo\s+de\s+verificación\b"
        r"|\brechazo\s+de\s+(?:la\s+)?recepción\b",
        r"(?:принима\w*|соглаша\w*\s+с)\s+(?:(?!приглаш)\S+\s+){0,3}?(?:услови\w*|правил\w*)\s+(?:использования|пользования)|политик\w*\s+(?:безопасности|конфиденциальности)"
        r"|(?<![\w\u0400-\u04ff])парол\w*|код\w*\s+подтверждени\w*|отказ\w*\s+от\s+получения",
        r"(?:接受|同意)[^。；，]{0,10}(?:条款|條款|使用条件|使用條件|隐私政策|隱私政策|安全政策)|密码|密碼|验证码|驗證碼",
        # Round 19: the verb "agree to" conjugated ("توافق على سياسة الخصوصية"), as "يقبل".
        r"(?:قبول|[يت]قبل\S*|الموافقة\s+على|[أتين]وافق\S*\s+على)\s+(?:\S+\s+){0,3}?"
        r"(?:شروط|الشروط|سياسة\s+(?:أمن|الأمن|الخصوصية|الاستخدام))"
        r"|كلمة\s+(?:ال)?مرور|رمز\s+(?:ال)?تحقق|رفض\s+(?:ال)?استلام",
        # Round 16: subscription instructions to the reader ("reply AGREE to subscribe, STOP to
        # unsubscribe", "回复“同意”即可订阅"): the word of consent subscribes to a mailing.
        r"\b(?:reply|send|text|respond)\b[^.;]{0,30}\bto\s+(?:un)?subscribe\b"
        r"|\b(?:répondez|envoyez|renvoyez)\b[^.;]{0,30}\b(?:vous\s+)?(?:dés)?abonner\b"
        r"|\b(?:responda|envíe|conteste)\b[^.;]{0,30}\b(?:suscribirse|darse\s+de\s+baja)\b",
        r"(?:ответьте|отправьте)[^.;]{0,30}(?:подписат|отписат)\w*",
        r"(?:回复|回覆|发送|發送)[^。；]{0,10}(?:订阅|訂閱|退订|退訂)",
        r"(?:أرسل|أرسلوا|ردوا)\s+[^.؛]{0,40}الاشتراك",
        # Round 15: "by clicking Reply you agree to … and accept the terms"; an integrity notice
        # ("staff decline all gifts and hospitality"); a mailbox that "accepts correspondence at
        # this address": the office's rules, not an answer.
        r"\bby\s+clicking\s[^.;]{0,40}\b(?:agree|consent|accept)\w*"
        r"|\b(?:decline|refuse|accept)s?\s+(?:no\s+|any\s+|all\s+)?(?:gifts?|hospitality)\b"
        r"|\ben\s+cliquant\s[^.;]{0,40}(?:acceptez|consentez)"
        r"|\b(?:refuse|refusent|accepte|acceptent)\s+(?:aucun|tout)\s+(?:cadeau|avantage)"
        r"|\bal\s+hacer\s+clic\s[^.;]{0,40}(?:acepta|consiente)"
        r"|\b(?:acepta|aceptan|rechaza|rechazan)\s+(?:ningún\s+|todo\s+|cualquier\s+)?(?:regalo|obsequio)",
        r"нажимая\s[^.;]{0,40}(?:соглашаетесь|принимаете)"
        r"|(?:принимают|принимает|принимать)\s+(?:какие-либо\s+)?подарк"
        r"|(?<=принимаем )(?:вашу\s+)?корреспонденци\w*\s+(?:по|на)\s",
        r"点击[^。；]{0,20}即(?:表示|视为)[^。；]{0,6}(?:同意|接受)"
        r"|(?:谢绝|謝絕|拒收)[^。；]{0,12}(?:宴请|宴請|礼品|禮品|馈赠|饋贈|礼金|禮金)",
        r"(?:بالضغط|بالنقر)\s+على\s[^.؛]{0,40}(?:توافق|تقبل)"
        r"|(?:لا\s+)?(?:يقبل|يقبلون|تقبل|نقبل)\s+(?:أي\s+)?(?:الهدايا|هدايا)"
        r"|(?<=نقبل )(?:مراسلاتكم|المراسلات|رسائلكم)\s+(?:على|عبر)",
        # Round 15: "letters sent without a reference number are not accepted for
        # consideration": the registry's rule; and "if you are not (the addressee), do not
        # accept its content" after a confidentiality notice.
        r"\b(?:letters|messages|e-?mails|correspondence|requests)\s[^.;]{0,60}\bwithout\s[^.;]{0,60}"
        r"\b(?:will\s+not|cannot|are\s+not|shall\s+not)\s+be\s+(?:accepted|processed|considered"
        r"|registered)"
        r"|\b(?:courriers?|messages?|lettres?)\s[^.;]{0,60}\bsans\s[^.;]{0,60}\bne\s+(?:seront|sont)"
        r"\s+pas\s+(?:acceptée?s?|traitée?s?|enregistrée?s?|pris\s+en\s+compte)"
        r"|\b(?:escritos|mensajes|oficios|correos|solicitudes)\s[^.;]{0,60}\bsin\s[^.;]{0,60}"
        r"\bno\s+(?:serán|son|se)\s+(?:aceptad|tramitad|admitid|registrad|tramitar|admiti)\w*",
        r"(?:письма|обращения|сообщения)[^.;]{0,80}без\s[^.;]{0,60}не\s+(?:принимаются|рассматриваются"
        r"|регистрируются)|к\s+рассмотрению\s+не\s+принима\w+",
        r"未(?:注明|标明|載明|载明|標明)[^。；]{0,20}(?:不予|恕不)(?:受理|接收|处理|處理)",
        r"(?:الرسائل|المراسلات)\s[^.؛]{0,60}(?:دون|بدون)\s[^.؛]{0,60}لن\s+(?:يتم|تقبل|تعالج|ينظر)"
        r"|(?:إن|إذا)\s+لم\s+تكن\s+كذلك|عدم\s+(?:قبول|استخدام)\s+محتواها",
    ]
)

# Volitive verbs: what is hoped for is not asserted ("We hope that the Minister will be able
# to join" says nothing final). Everything after the verb in its sentence is non-veridical.
HOPE = _compile(
    [
        # "had hoped to" is an unfulfilled wish (IRREALIS), not a hope.
        r"(?<!had\s)\b(hope[sd]?|hoping|trust)\s+(that|to)\b|\bhopefully\b|\bwish\s+that\b",
        # Round 24: a hope in the past ("nous espérions", "esperábamos", "原本希望", "كنا نأمل") is
        # an unfulfilled wish (IRREALIS): the contrast after it may give the answer.
        r"(?<!avions\s)(?<!avait\s)\bespér(?!ions|ait|aient)\w*\s+(que|pouvoir)"
        r"|\bsouhait\w*\s+que\b",
        r"(?<!habíamos\s)(?<!había\s)\besper(?!aba|ábamos)\w*\s+que\b|\bojalá\b"
        r"|\bconfi\w*\s+en\s+que\b",
        r"надеемся|надеюсь|надеется|рассчитываем,?\s+что",
        r"(?<!原本)(?<!本)(?<!原)希望|期望|但愿|但願",
        r"(?<!كنا\s)(?<!كان\s)(?<!كانت\s)نأمل|(?<!كنا\s)(?<!كان\s)(?<!كانت\s)يأمل|نتمنى|يتمنى"
        r"|نرجو\s+أن\s+يتمكن",
    ]
)

# Clauses that report an earlier position, superseded by the answer beside them ("Our earlier
# indication was that …", "as originally envisaged", "下方邮件曾表示…"): they do not speak.
REPORTED = _compile(
    [
        r"\b(earlier|previous|initial|original|last)\s+(indication|message|reply|answer|information"
        r"|e-?mail|plan|letter|note|response)\b|\b(originally|initially|previously)\b"
        # "Ignore my colleague's note that …": the instruction names a superseded position.
        r"|\b(ignore|disregard)\b|\blast\s+year\b|\bas\s+(first\s+|originally\s+|previously\s+)?"
        r"(announced|planned|scheduled|stated)\b|\b(we|I)\s+had\s+(thought|assumed|expected)\b"
        # Round 16: a message that said something: reported, not answered ("a message stating
        # «acceptance»").
        r"|\b(message|e-?mail|notification)\s+(stating|saying|indicating"
        r"|that\s+said)\b"
        # Round 17: the reader's own question or assumption ("your question whether the Deputy
        # could speak another day", "as you might assume"): reported, not answered.
        r"|\byour\s+(?:question|query|enquiry|inquiry)\s+(?:\w+\s+){0,2}?(?:whether|if)\b"
        r"|\bas\s+(?:you|one)\s+(?:might|may|could)\s+(?:\w+\s+)?(?:assume|think|expect|suppose"
        r"|believe)\b"
        # Round 21: "as might be understood from our letter".
        r"|\bas\s+(?:might|may|could)\s+(?:have\s+)?be(?:en)?\s+(?:understood|inferred|assumed)\b",
        r"\b(initialement|précédemment|auparavant|ignorez)\b|\bl'(an|année)\s+derni(er|ère)\b|\bnous\s+(pensions|avions\s+pensé|croyions)\b|\bne\s+(tenez\s+)?pas\s+(tenir\s+)?compte\b|\bnotre\s+(précédent|premier)\s+(message"
        r"|courriel)|\bmessage\s+(automatique\s+)?(indiquant|annonçant"
        r"|qui\s+indiquait)\b|\bvotre\s+question\s+(?:de\s+savoir\s+)?si\b"
        r"|\bcomme\s+vous\s+(?:pourriez|pouvez)\s+(?:le\s+)?(?:penser|croire|supposer)\b"
        r"|\bcomme\s+(?:on\s+)?(?:pourrait|aurait\s+pu)\s+le\s+(?:comprendre|déduire|croire)\b",
        r"\b(inicialmente|originalmente|anteriormente|en\s+un\s+principio|ignoren)\b"
        r"|\bno\s+(tengan?|tener)\s+en\s+cuenta\b|\bhagan\s+caso\s+omiso\b|\bel\s+año\s+pasado\b|\b(pensábamos|creíamos|habíamos\s+pensado)\b"
        r"|\bnuestro\s+(anterior|primer)\s+(mensaje|correo)"
        r"|\bmensaje\s+(automático\s+)?(que\s+indicaba|indicando|que\s+dec[ií]a)\b"
        r"|\b(?:su|vuestra)\s+(?:consulta|pregunta)\s+(?:sobre|acerca\s+de|de)\s+si\b"
        r"|\bcomo\s+(?:podrían|podría|pudieran|pudiera)\s+(?:ustedes\s+)?(?:suponer|pensar|creer)\b"
        r"|\bcomo\s+(?:podría|pudo|pudiera)\s+(?:entenderse|interpretarse|deducirse)\b",
        r"ранее\s+(сообщ|указ|планир|предполаг|говорил)\w*|изначально|первоначально"
        r"|в\s+предыдущем\s+(письме|сообщении)|не\s+учитывать|не\s+принимать\s+во\s+внимание"
        # Round 17: "В нашем письме от 10 февраля …" (what an earlier letter said).
        r"|в\s+нашем\s+(?:письме|сообщении)\s+от\s+\d"
        r"|в\s+прошлом\s+году|мы\s+(полагали|думали|рассчитывали)"
        r"|как\s+(планировалось|предполагалось|объявлялось|сообщалось)"
        r"|сообщени\w*\s+о\s+том,?\s+что|ваш\w*\s+(?:вопрос|запрос)\w*\s+о\s+том,?\s+(?:может|могл|сможет)"
        r"|как\s+(?:могло|может|могли\s+бы)\s+(?:бы\s+)?(?:показаться|подумать|предположить)"
        r"|как\s+(?:можно\s+было\s+(?:бы\s+)?|могло\s+быть\s+)(?:понять|понято|истолковать)",
        # Round 14: "此前我们回复“待定”，现已确定" (we had replied "pending"; now settled).
        r"(?:此前|之前|先前)[^。；，]{0,4}(?:回复|答复|回覆|答覆)|"
        r"曾表示|曾告知|曾答复|原定|原计划|原計劃|此前表示|先前表示|下方邮件|下面的邮件|请忽略|請忽略|去年|原以为|原以為|本以为|原本以为"
        r"|误以为|誤以為"
        # Round 17: the reader's question ("贵方询问…是否", "貴處來電詢問").
        r"|(?:贵方|貴方|贵处|貴處|您)[^。；，]{0,6}(?:询问|詢問|问及|問及)"
        r"|(?:可能|或许|或許)(?:被)?(?:理解|误解|誤解)为",
        r"سابقا|سابقاً|في\s+وقت\s+سابق|كما\s+كان\s+مقررا|في\s+رسالتنا\s+السابقة|تجاهل\w*|العام\s+الماضي|كنا\s+نظن|كنا\s+نعتقد"
        r"|رسالة\s+(?:\S+\s+){0,2}?تفيد|(?:استفساركم|سؤالكم)\s+(?:عن|حول)\s+(?:ما\s+)?إذا"
        r"|كما\s+قد\s+(?:تظنون|تعتقدون|يبدو|يُفهم|يفهم)",
        # Round 36: an earlier position named to be contradicted ("Contrary to what our letter
        # of 10 February suggested, …", « Contrairement à ce que nous indiquions », "A
        # diferencia de lo indicado", «Вопреки тому, что сообщалось», "与此前答复不同", "خلافا
        # لما أشرنا إليه … من احتمال الاعتذار", "التي أفادت بتعذر مشاركة"): its clause is
        # superseded by the answer beside it.
        r"\b(?:contrary\s+to|unlike)\s+(?:what|our|the|my|this)\b",
        r"\bcontrairement\s+(?:à|aux?)\s+(?:ce\s+qu|notre|nos|la|le|l'|mon|ma)",
        r"\b(?:contrariamente\s+a|contrario\s+a|a\s+diferencia\s+de)\s+(?:lo|nuestr|la|el|mi)",
        r"(?<![\w\u0400-\u04ff])(?:вопреки|в\s+отличие\s+от)\s+(?:тому|того|нашего|нашему|нашим"
        r"|ранее|прежнего|предыдущего|первоначального)",
        r"(?:与|與)(?:此前|之前|先前|上次|日前)[^。；，]{0,20}(?:不同|相反)|(?:不同于|不同於|有别于|有別於)"
        r"(?:此前|之前|先前|上次|日前)",
        r"(?:^|\s)[وف]?(?:خلافا|بخلاف|عكس)\s+(?:ل)?ما(?=\s)|(?:^|\s)على\s+خلاف\s+ما(?=\s)"
        r"|(?:^|\s)(?:التي|الذي)\s+(?:أفاد|أشار|ذكر|تضمن|جاء)\S*\s+(?:فيها\s+|فيه\s+)?(?:ب|إلى)",
        # Round 38: an earlier letter's answer, dated ("我司2月5日函告委领导无法出席。现委领导…
        # 将出席", "We informed you on 5 February that the Minister could not attend"):
        # reported, and superseded by what follows.
        r"\b(?:we|I)\s+(?:had\s+)?(?:informed|told|advised|notified|wrote\s+to)\s+(?:you\s+)?"
        r"(?:on|in\s+our\s+\w+\s+of)\s+\d",
        r"\bnous\s+vous\s+(?:avions|avons)\s+(?:informée?s?|fait\s+savoir|écrit|indiqué)\s+le\s+\d",
        r"\b(?:les|le)\s+(?:informamos|comunicamos|indicamos|habíamos\s+informado)\s+el\s+\d",
        r"(?:^|\s)(?:أفدناكم|أبلغناكم|أخطرناكم)\s+(?:في|بتاريخ)\s+\d",
        # Round 37: what an earlier message said, in a relative clause in the past ("el mensaje
        # …, que confirmaba la participación del Ministro, se envió por error").
        r"\bque\s+(?:confirmaba|anunciaba|indicaba|aceptaba|declinaba)\b",
        r"\bqui\s+(?:confirmait|annonçait|indiquait|acceptait|déclinait)\b",
        r"\b(?:which|that)\s+(?:had\s+)?(?:confirmed|announced|accepted|declined)\b",
    ]
)

# Irrealis desire: a wish stated as unfulfilled ("the Minister was keen to accept, but …",
# "nous aurions aimé participer", "habría querido asistir", "хотел принять", "本想接受",
# "كان يرغب في القبول") implies the act did not happen: its clause does not accept.
IRREALIS = _compile(
    [
        r"\b(was|were|had\s+been)\s+(very\s+|most\s+)?(keen|eager|hoping|looking\s+forward)\b"
        r"|\bwould\s+have\s+(\w+\s+)?(liked|loved|wished|wanted|been\s+(glad|happy|delighted"
        r"|honou?red|pleased))\b|\b(had|has)\s+(hoped|intended|planned|wished)\s+to\b"
        r"|\b(?:we|I)\s+had\s+hoped\b",
        r"\b(aurai[st]?|aurions|auraient)\s+(\w+\s+)?(aimé|voulu|souhaité|été\s+(heureu|ravi"
        r"|honoré)\w*)|\b(comptait|souhaitait|espérait|tenait\s+à)\b"
        r"|\b(espérions|espéraient|avions\s+espéré|avait\s+espéré)\b",
        r"\b(habría|hubiera|habríamos|hubiéramos)\s+(\w+\s+)?(gustado|encantado|querido"
        r"|deseado)\b|\b(deseaba|quería|esperaba|pensaba)\b"
        r"|\b(esperábamos|habíamos\s+esperado|había\s+esperado)\b",
        r"\b(хотел|хотела|хотели|собирался|собиралась|собирались|планировал\w*|намеревал\w*)"
        r"(?![а-яё])|\bбыл\w*\s+бы\s+рад\w*|(?<![а-яё])надеял(?:ся|ась|ись)(?![а-яё])",
        r"本想|本来想|本來想|原想|原本想|原本希望|本希望|本打算|原打算",
        r"كان\s+(\S+\s+){0,3}(يرغب|يود|يتمنى|يأمل|ينوي|يعتزم)|كنا\s+(نرغب|نود|نتمنى|نأمل)",
        # Round 21: an act in the conditional perfect ("would have accepted", « aurait
        # accepté », "habría aceptado con gusto", «приняла бы», "本会接受", "لكان قبل") did
        # not happen: it accepts nothing.
        r"\bwould\s+have\s+(?:\w+\s+)?(?:accepted|attended|participated|taken\s+part|spoken"
        r"|delivered)\b",
        r"\b(?:aurai[st]?|aurions|auraient)\s+(?:\w+\s+)?(?:accepté|participé|assisté|pris\s+part"
        r"|pris\s+la\s+parole)",
        r"\b(?:habría|hubiera|hubiese|habríamos|hubiéramos)\s+(?:\w+\s+){0,2}?(?:aceptado"
        r"|participado|asistido|intervenido)\b",
        r"(?<![\w\u0400-\u04ff])(?:(?:принял|участвовал|выступил)[аи]?\s+бы|бы\s+(?:с\s+"
        r"удовольствием\s+|охотно\s+)?(?:принял|участвовал|выступил)[аи]?)(?![\w\u0400-\u04ff])",
        r"本(?:会|會|可|应|應|可以)(?:欣然)?(?:接受|出席|参加|參加)",
        r"لكان\S*\s+(?:\S+\s+){0,3}?(?:قبل|شارك|حضر)|(?:كان|كانت)\s+(?:\S+\s+){0,3}?(?:سيقبل"
        r"|سيشارك|سيحضر|ستقبل|ستشارك)",
    ]
)

# Round 20: the conditional mood of pleasure in the act ("would be pleased to speak", « serait
# heureux d'intervenir », "tendría mucho gusto en participar", «с удовольствием приняло бы
# участие», "会很乐意发言", "لكان من دواعي سروره المشاركة"): an offer, not a commitment. The
# match runs to the verb it governs, so a second act after it ("… to attend and will deliver the
# statement") still answers. A verb of telling after it ("would be delighted to confirm that …")
# is a courtesy around the answer, not the offer: no match.
_TELL_EN = (
    r"(?!confirm|inform|advise|announce|convey|let\b|notify|communicate|report|say\b|state\b)"
)
_TELL_FR = (
    r"(?!(?:vous\s+|lui\s+)?(?:confirm|inform|annonc|fair\w*\s+savoir|communiqu|indiqu|transmet))"
)
_TELL_ES = r"(?!(?:les?\s+)?(?:confirm|inform|comunic|anunci|agradec|expres|reiter|señal|indic))"
WOULD_GLADLY = _compile(
    [
        r"\b(?:would|should|'d)\s+(?:(?:also|certainly|indeed|truly|very\s+much)\s+)?(?:be|feel)"
        r"\s+(?:\w+\s+){0,2}?(?:happy|pleased|delighted|glad|honou?red|privileged|keen|willing"
        r"|ready)\s+to\s+" + _TELL_EN + r"\w+"
        r"|\b(?:would|'d)\s+(?:gladly|happily|willingly|love\s+to|welcome\s+the\s+opportunity\s+to)"
        r"\s+" + _TELL_EN + r"\w+",
        # The conditional, not the future ("serai", "aurai" are futures of the first person).
        r"\b(?:serais|serait|serions|seriez|seraient)\s+(?:\w+\s+){0,2}?(?:heureu|ravi|honoré|enchanté"
        r"|content|fier|fière|disposé|prêt)\w*\s+(?:de\s+|d['’]\s*)" + _TELL_FR + r"\w+"
        r"|\b(?:aurais|aurait|aurions|auraient)\s+(?:grand\s+|le\s+)?(?:plaisir|l'honneur)"
        r"\s+(?:à|de|d')\s*" + _TELL_FR + r"\w+"
        r"|\bse\s+ferai(?:s|t|ent)\s+un\s+(?:plaisir|honneur)\s+(?:de\s+|d['’]\s*)"
        + _TELL_FR
        + r"\w+"
        r"|\b(?:participer|interviendr|accepter)(?:ais|ait|ions|iez|aient)\s+volontiers",
        r"\b(?:sería|serían)\s+(?:para\s+\S+\s+(?:\S+\s+)?)?(?:un\s+)?(?:placer|honor|gusto|privilegio"
        r"|satisfacción)\s+(?:\S+\s+){0,3}?" + _TELL_ES + r"\w+(?:ar|er|ir)\b"
        r"|\b(?:tendría|tendríamos|tendrían)\s+(?:mucho\s+|el\s+|sumo\s+)?(?:gusto|placer|honor"
        r"|agrado)\s+(?:en|de)\s+" + _TELL_ES + r"\w+"
        r"|\b(?:estaría|estaríamos|estarían)\s+(?:muy\s+)?(?:encantad|feliz|felices|complacid"
        r"|honrad|gustos|dispuest)\w*\s+(?:de|en|a)\s+" + _TELL_ES + r"\w+"
        r"|\b(?:le|les)\s+(?:encantaría|gustaría)\s+" + _TELL_ES + r"\w+"
        r"|\b(?:participaría|participarían|intervendría|intervendrían|aceptaría|aceptarían)\s+"
        r"(?:con\s+(?:mucho\s+)?gusto|gustos\w*)",
        # The Russian conditional is the past form with "бы" beside a word of pleasure.
        r"(?<![\w\u0400-\u04ff])(?:с\s+удовольствием|охотно|с\s+радостью)\s+(?:[\w\u0400-\u04ff-]+"
        r"\s+){0,2}?бы(?![\w\u0400-\u04ff])|(?<![\w\u0400-\u04ff])[\w\u0400-\u04ff]+л[аои]?\s+бы\s+"
        r"(?:с\s+удовольствием|охотно|с\s+радостью)(?![\w\u0400-\u04ff])"
        r"|(?<![\w\u0400-\u04ff])поч[её]л[аи]?\s+бы\s+за\s+честь"
        r"|(?<![\w\u0400-\u04ff])было\s+бы\s+(?:честью|приятно|радостью)",
        r"(?:会|會)(?:很|非常|十分)?(?:乐意|樂意|高兴|高興|荣幸|榮幸)(?!(?:地)?(?:确认|確認|告知|通知|通報|通报))",
        r"(?:^|\s)لكان\s+(?:\S+\s+){0,3}?(?:يسعد|يسر|سرور|شرف|ي?شرف)\S*"
        r"|(?:^|\s)كان\s+سي(?:سعد|سر|شرف)\S*"
        r"|سيكون\s+(?:\S+\s+){0,2}?من\s+دواعي\s+(?:سرور|اعتزاز|فخر)\S*\s+\S+"
        r"(?<!تأكيد)(?<!إبلاغ)(?<!إعلام)",
    ]
)


def wished_only(clause: str, accept: re.Match[str], scripts: frozenset[str]) -> bool:
    """Whether the acceptance cue ``accept`` of ``clause`` is only the act of a conditional
    offer (``WOULD_GLADLY``), with no act asserted after it."""
    offer = WOULD_GLADLY.search(clause, scripts)
    return (
        offer is not None
        and accept.start() >= offer.start()
        and ACCEPT.search(clause, scripts, pos=offer.end()) is None
    )


# A parenthetical addressed to the reader, not a footer: "For your confidential information,
# the Minister …" (the word "confidential" here makes no disclaimer). Round 28: nor does
# confidentiality denied ("this reply is not confidential and may be passed on", « n'est pas
# confidentiel », "no es confidencial", «не является конфиденциальным», "内容不属于保密信息",
# "ليست سرية"): the sender says the answer may be shared, as no footer does.
ASIDE = _compile(
    [
        r"\bfor\s+your\s+(confidential\s+|private\s+)?(information|knowledge)\b"
        r"|\b(?:is|are)\s+not\s+(?:confidential|classified|privileged)\b",
        r"\bpour\s+votre\s+(information|gouverne)(\s+confidentielle)?\b"
        r"|\bn'(?:est|sont)\s+pas\s+(?:confidentiel|classifié)\w*",
        r"\bpara\s+su\s+(información|conocimiento)(\s+confidencial)?\b"
        r"|\bno\s+(?:es|son|tiene\s+carácter)\s+(?:confidencial|reservad[oa])\w*",
        r"для\s+(вашей\s+)?(конфиденциальной\s+)?(информации|сведения)"
        r"|не\s+(?:является|являются|носит)\s+конфиденциальн\w*",
        r"(仅)?供(您|贵方)?(内部)?参考"
        r"|(?:不属于|不屬於|不涉及|不含|并非|並非|不是)(?:保密|机密|機密|涉密)(?:信息|資訊|内容|內容)?|不涉密",
        r"(للعلم|لعلمكم|للاطلاع)(\s+السري)?|(?:ليست?|غير)\s+سري\S*",
    ]
)

# Round 32: a request that something not be published, disclosed or mentioned ("please do not
# make the reason public", « Nous vous remercions de ne pas rendre publique la raison », "les
# rogamos no divulgar el motivo", «просим не указывать причину в открытых материалах»,
# "请勿对外公布原因", "نرجو عدم نشر السبب"): the negation is the publication's, not the taking
# part's, and what it governs (the reason, the statement, the day) is what may not be made
# known. From the negator to the clause's end (group ``hush_*``) answers nothing; the request's
# opening and what precedes it are read. A request not to list or register the country is no
# such request (it declines, round 29): those verbs are not here.
_HUSH_END = r"[^.;:!?,]*"  # to the clause's end, in each script's punctuation
_HUSH_END_HAN = r"[^.;:!?,，。；：！？]*"
_HUSH_END_AR = r"[^.;:!?,،؛]*"
UNPUBLISHED = _compile(
    [
        r"\b(?:please|kindly|(?:ask|request|urge)\s+(?:that\s+)?you|grateful\s+if\s+you"
        r"|thank\s+you\s+for)\b(?:[^.;:!?]{0,40}?\s)??(?P<hush_en>(?:(?:do\s+)?not|don't)\s+"
        r"(?:to\s+)?(?:publish|disclos|reveal|mention|divulg|circulat|quot|mak\w*\s+(?:\w+\s+){0,4}?"
        r"public)\w*" + _HUSH_END + r"|refrain\w*\s+from\s+(?:publish|disclos|reveal|mention"
        r"|divulg|circulat|quot|mak)\w*" + _HUSH_END + ")",
        r"\b(?:merci|remercions|remercie|prions|prie|veuillez|prière|demandons|saurions\s+gré"
        r"|reconnaissant\w*)\b(?:[^.;:!?]{0,40}?\s)??(?P<hush_fr>(?:de\s+|d')?ne\s+pas\s+"
        r"(?:rendre\s+(?:\w+\s+){0,3}?publi|divulgu|mentionn|révél|diffus|cit|fair\w*\s+état"
        r"|indiqu|précis)\w*" + _HUSH_END + ")",
        r"\b(?:rogamos|ruego|pedimos|pido|favor|agradecer\w*|agradecemos|ruega)\b"
        r"(?:[^.;:!?]{0,40}?\s)??(?P<hush_es>(?:que\s+)?no\s+(?:se\s+)?(?:publi|divulg|difund"
        r"|mencion|revel|hac\w*\s+públic|indiqu|indic|precis|cit)\w*" + _HUSH_END + ")",
        r"(?<![\w\u0400-\u04ff])(?:просим|прошу|просьба|просьбой|признательны|благодарны)"
        r"(?![\w\u0400-\u04ff])(?:[^.;:!?]{0,40}?\s)??(?P<hush_ru>не\s+(?:публиковать|опубликовать"
        r"|разглашать|раскрывать|упоминать|указывать|называть|распространять|афишировать"
        r"|предавать\s+огласке|цитировать)(?![\w\u0400-\u04ff])" + _HUSH_END + ")",
        r"(?:请|請|恳请|懇請|敬请|敬請|务请|務請)(?P<hush_zh>(?:勿|不要|暂勿|暫勿|暂不|暫不|不予)"
        r"(?:对外|對外|向外)?(?:公开|公開|公布|发布|發布|透露|披露|提及|注明|註明|写明|寫明|引用)"
        + _HUSH_END_HAN
        + ")",
        r"(?:يرجى|نرجو|الرجاء|نأمل|نطلب)(?:\s+\S+){0,3}?\s+(?P<hush_ar>(?:عدم|ألا)\s+"
        r"(?:نشر|الإعلان|إعلان|ذكر|الإفصاح|الكشف|تعميم|[يت]نشر|[يت]ذكر|[يت]علن)\S*"
        + _HUSH_END_AR
        + ")",
    ]
)


def unpublished_blanked(text: str, scripts: frozenset[str]) -> str:
    """``text`` with what a request not to publish governs blanked (same length): from its
    negator to the clause's end."""
    out = text
    for match in UNPUBLISHED.finditer(text, scripts):
        group = next(k for k, v in match.groupdict().items() if v is not None)
        start, end = match.span(group)
        out = out[:start] + " " * (end - start) + out[end:]
    return out


# Round 32: words quoted as a wording ("the phrase “the Minister may attend” in our e-mail",
# « la mention « la Ministre pourrait participer » », "la frase «el Ministro podría asistir»",
# «формулировку «Министр, возможно, примет участие»», "عبارة «قد يشارك الوزير»", "“部长有可能参加”
# 的说法"): named, not said; a correction or a comment on them answers in its own words, so the
# quotation (with its marks) is blanked.
QUOTED_WORDING = _compile(
    [
        r"\b(?:statement|wording|phrase|words|sentence|expression)\s+(?:that\s+)?[\"“‘]"
        r"[^\"”’]{1,80}[\"”’]",
        r"\b(?:mention|formule|phrase|formulation|expression)\s+[«\"“]\s*[^»\"”]{1,80}[»\"”]",
        r"\b(?:frase|expresión|mención|afirmación|formulación)\s+[«\"“][^»\"”]{1,80}[»\"”]",
        r"(?<![\w\u0400-\u04ff])(?:формулировк\w*|фраз\w*|слова|утверждени\w*|выражени\w*)\s+"
        r"[«\"“„][^»\"”“]{1,80}[»\"”“]",
        r"[“「『\"][^”」』\"]{1,40}[”」』\"](?=的?(?:说法|說法|表述|提法|措辞|措辭|字样|字樣))",
        # Round 36: a wording said to be a misunderstanding ("电话中提到的“原则同意”系对部长日程的
        # 误解"), or the words an earlier call or letter mentioned ("提到的“可能派员旁听”").
        r"[“「『\"][^”」』\"]{1,40}[”」』\"](?=[^。；]{0,4}(?:系|是|乃|属|屬)[^。；]{0,24}(?:误解|誤解"
        r"|误会|誤會|不准确|不準確|有误|有誤|笔误|筆誤))"
        r"|(?<=(?:提到|提及|所说|所說|表示)的)[“「『\"][^”」』\"]{1,40}[”」』\"]",
        # Round 37: an answer word quoted after a negator ("our answer is “yes”, not “maybe”",
        # "ردنا على دعوتكم هو "نعم" لا "ربما""): the word set aside is named, not said.
        r"\b(?:not|rather\s+than)\s+[\"“‘][^\"”’]{1,25}[\"”’]",
        r"\b(?:pas|non)\s+(?:un\s+)?[«\"“]\s*[^»\"”]{1,25}[»\"”]",
        r"\bno\s+(?:un\s+)?[«\"“][^»\"”]{1,25}[»\"”]",
        r"(?<![\w\u0400-\u04ff])не\s+[«\"“„][^»\"”“]{1,25}[»\"”“]",
        r"(?:不是|而非|并非|並非)[“「『\"][^”」』\"]{1,12}[”」』\"]",
        r"(?:^|\s)(?:لا|وليس|ليس)\s+[«\"“][^»\"”]{1,25}[»\"”]",
        r"(?:عبارة|العبارة|جملة|الجملة)\s+[«\"“][^»\"”]{1,80}[»\"”]",
    ]
)


# Concessive clauses are backgrounded: "Although the Minister cannot attend in person, she
# will speak by video" — the main clause answers.
CONCESSIVE = re.compile(
    r"^\s*(although|though|even\s+though|even\s+if|même\s+si|aun\s+si|while|whilst|despite"
    r"|bien\s+que|quoique|malgré"
    r"|aunque|si\s+bien|a\s+pesar\s+de|хотя|несмотря\s+на|尽管|儘管|虽然|雖然|虽|雖|رغم|برغم"
    r"|على\s+الرغم|مع\s+أن"
    # Round 17: "however much" ("Por mucho que … no quisiera faltar", "much as he would like
    # to", «как бы … ни хотел», "无论多么想"): conceded, not the answer.
    r"|por\s+(?:mucho|más)\s+que|however\s+much|much\s+as|как\s+бы|無論多麼|无论多么"
    # A rejected alternative: "Plutôt que de vous faire une promesse qu'il ne pourrait tenir, …".
    # An action, not a person ("en lugar de la Embajadora" is a substitution).
    r"|rather\s+than\s+\w+ing|instead\s+of\s+\w+ing|plutôt\s+que\s+d[e']|au\s+lieu\s+d[e']\s*\w+(er|ir|re)\b"
    r"|en\s+(lugar|vez)\s+de\s+\w+(ar|er|ir)\b|вместо\s+того|بدلا\s+من\s+أن|بدلاً\s+من\s+أن)",
    re.I,
)

# Round 16: what an impression held ("may have given the impression that the Minister would
# not take part", « l'impression que », "la impresión de que", «впечатление, что», "造成了…的
# 印象", "انطباع بأن"): a belief reported, to the end of the clause, not the answer.
IMPRESSION = _compile(
    [
        # Up to a contrast, which the sender's own words open ("…, but she will attend").
        r"\bimpression\s+that\b(?:(?!\b(?:but|however)\b)[^;:])*",
        r"\bl'impression\s+que\b(?:(?!\b(?:mais|cependant|toutefois)\b)[^;:])*",
        r"\bimpresi[oó]n\s+de\s+que\b(?:(?!\b(?:pero|sino|sin\s+embargo)\b)[^;:])*",
        r"(?<![\w\u0400-\u04ff])впечатлени\w*,?\s+(?:что|будто)"
        r"(?:(?!(?<![\w\u0400-\u04ff])(?:но|однако)(?![\w\u0400-\u04ff]))[^;:])*",
        r"(?:造成|留下)[^。；：]{0,30}印象",
        r"انطباع\S*\s+(?:ب|)أن(?:(?!\s(?:لكن|ولكن|غير\s+أن)\s)[^؛:])*",
    ]
)

# Round 33: what a text says, reported ("It says that you accept and will speak yourself" of a
# draft put to the Minister, « le projet indique que vous acceptez », "el borrador dice que
# usted acepta", «в проекте говорится, что вы принимаете», "稿中写明您接受", "تنص المسودة على
# أنكم تقبلون"): the text's words, not the sender's answer, to the end of the clause. Only a
# text as the subject: "the Minister says that he will attend" is his answer.
REPORTED_TEXT = _compile(
    [
        r"\b(?:it|the\s+(?:draft|text|reply|answer|response|letter|note))\s+(?:says|states|reads"
        r"|indicates|mentions)\s+(?:that\b)?(?:(?!\b(?:but|however)\b)[^;:.])*",
        r"\b(?:le\s+(?:projet|brouillon|texte)|la\s+(?:réponse|lettre|note))\s+(?:dit|indique"
        r"|précise|mentionne|affirme)\s+(?:que|qu')(?:(?!\b(?:mais|cependant|toutefois)\b)[^;:.])*",
        r"\b(?:el\s+(?:borrador|proyecto|texto)|la\s+(?:respuesta|carta|nota))\s+(?:dice|indica"
        r"|señala|afirma|menciona)\s+que\b(?:(?!\b(?:pero|sino|sin\s+embargo)\b)[^;:.])*",
        r"(?<![\w\u0400-\u04ff])(?:в\s+(?:проекте|черновике|тексте|н[её]м|ответе)\s+(?:говорится"
        r"|сказано|указано|написано)),?\s+что"
        r"(?:(?!(?<![\w\u0400-\u04ff])(?:но|однако)(?![\w\u0400-\u04ff]))[^;:.])*",
        r"(?:草稿|拟稿|擬稿|稿)(?:中|里|裡)?(?:说|說|写明|寫明|写道|寫道|表示)[^。；：]*",
        # Round 38: an earlier letter's answer, dated or said to be earlier ("我司2月5日函告委
        # 领导无法出席", "我局2月17日曾答复，部领导…无法出席", "我司2月13日的复函称总局领导
        # 不出席"), to the sentence's end unless a "now" or a "but" turns it.
        # Past only: "将于3月1日前答复" (will answer by 1 March) is a promise, not a report.
        r"(?:\d{1,2}\s*月\s*\d{1,2}\s*[日号號]|此前|之前|日前|先前|上周|上週)[^。；：，]{0,8}?"
        r"(?:(?:曾|已)(?:函告|答复|答覆|回复|回覆|告知|表示)|函告|电告|電告"
        r"|(?:复函|覆函|回函|函件|邮件|郵件|答复|答覆|回复|回覆)(?:中)?(?:称|稱|表示)|函称|函稱)"
        r"(?:(?!现|現|但|不过|不過|如今|目前)[^。；：])*",
        r"(?:تقول|تنص|تذكر)\s+(?:ال)?(?:مسودة|رسالة|نص)\S*\s+(?:على\s+)?(?:أن|إن)"
        r"(?:(?!\s(?:لكن|ولكن|غير\s+أن)\s)[^؛:.])*",
    ]
)

# Round 17: what is accepted, refused or decided is not the invitation. Participation as the
# topic of a decision ("we cannot take decisions on the Minister's participation", « prendre de
# décision sur la participation », "tomar decisiones sobre la participación", «Принимать
# решения об участии … не можем», "就部长出席一事作出决定", "اتخاذ قرار بشأن مشاركة"): an office
# that cannot decide refuses nothing. Mail, files and documents accepted or rejected ("this
# address does not accept encrypted e-mails", "we accept with thanks the concept note", «письма
# с вложениями … отклоняются сервером», «не принимает на себя ответственности»): the mail system
# or the papers, not the invitation. Blanked (same length) before the clause is read.
OTHER_OBJECT = _compile(
    [
        # Round 18: the invitation as the subject of a passive "present" or "submit" ("your
        # invitation, which will be presented at the next session of the Board", "que se
        # presentará", «которое будет представлено»): the letter is put to a body, nobody
        # speaks yet.
        r"\b(?:invitation|letter|request)s?\s*,?\s+(?:which|that)\s+(?:will|shall|is\s+to|has"
        r"|have)\s+(?:now\s+)?(?:be|been)\s+(?:presented|submitted|put|brought|tabled|referred)\b",
        # The antecedent may be blanked already ("acknowledge receipt of your invitation"):
        # a relative "which" put to a body says the same.
        r"(?:^|,)\s*(?:which|that)\s+(?:will|shall|is\s+to)\s+(?:now\s+)?be\s+(?:presented"
        r"|submitted|put|brought|tabled|referred)\s+(?:to|at|before)\s+(?:the\s+)?(?:next\s+)?"
        r"(?:session|meeting|board|council|committee|cabinet)\b",
        r"\b(?:invitation|lettre|demande)s?\s*,?\s+(?:qui|laquelle)\s+(?:sera|a\s+été|est|va\s+"
        r"être)\s+(?:présentée|soumise|transmise|portée)s?\b",
        r"\b(?:invitación|carta|solicitud|nota)\s*,?\s+(?:que|la\s+cual)\s+(?:se\s+"
        r"(?:presentará|someterá|elevará|trasladará)|(?:será|ha\s+sido|fue)\s+(?:presentada"
        r"|sometida|elevada|trasladada))\b",
        r"приглашени\w*,?\s+(?:которое|которые)\s+(?:будет|будут|было|были)\s+(?:представлен"
        r"|вынесен|передан|направлен)\w*",
        r"(?:^|,)\s*(?:que|la\s+cual)\s+(?:se\s+(?:presentará|someterá|elevará)|será\s+"
        r"(?:presentada|sometida|elevada))\s+(?:a|en|ante)\s+(?:la|el)\s+(?:próxim[ao]\s+)?"
        r"(?:sesión|reunión|consejo|junta|comité|gabinete)\b",
        r"(?:^|,)\s*(?:которое|которые)\s+(?:будет|будут)\s+(?:представлен|вынесен|передан)\w*\s+"
        r"(?:на|в)\s+(?:\S+\s+)?(?:заседани|коллеги|совет|комисси|собрани)\w*",
        r"(?:邀请|邀請|来函|來函)[^。；]{0,8}(?:将|將)(?:提交|提呈|呈交)",
        r"(?:دعوت\S*|الدعوة|رسالت\S*)\s+(?:التي|الذي)\s+(?:ست|سي|تم\s+)(?:عرض|قدم|تقديم)\S*",
        r"\bdecisions?\s+(?:on|about|regarding|concerning|as\s+to)\s+(?:[\w'’-]+\s+){0,4}?"
        r"(?:participation|attendance|invitations?)\b",
        r"\bdécisions?\s+(?:sur|concernant|quant\s+à|relatives?\s+à|au\s+sujet\s+de)\s+"
        r"(?:[\w-]+\s+){0,4}?(?:l['’])?(?:participation|présence|invitations?)\b",
        r"\bdecisi(?:ón|ones)\s+(?:sobre|acerca\s+de|respecto\s+(?:a|de)|en\s+cuanto\s+a)\s+"
        r"(?:[\w-]+\s+){0,4}?(?:participaci[oó]n|asistencia|invitaci\w+)\b",
        # The verb goes with its noun, before or after it ("решения … мы не принимаем").
        r"(?<![\w\u0400-\u04ff])(?:(?:приня|приним)\w*\s+)?решени\w*\s+(?:об?|по|относительно"
        r"|касательно)\s+(?:[\w-]+\s+){0,3}?(?:участи\w*|присутстви\w*|приглашени\w*|выступлени\w*)"
        r"(?:[^.;,]{0,40}?(?<![\w\u0400-\u04ff])(?:приня|приним)\w*)?",
        # The modal before "就" goes with the deciding ("无法就…作出决定": cannot decide).
        r"(?:无法|無法|不能|未能|无权|無權)?就[^。；，]{0,20}?(?:出席|参加|參加|发言|發言|邀请|邀請)"
        r"[^。；，]{0,6}?(?:决定|決定)",
        r"قرار\S*\s+(?:بشأن|حول|بخصوص|في\s+شأن)\s+(?:\S+\s+){0,2}?(?:مشارك\S*|حضور|ال?دعو\S*)",
        r"\b(?:accept\w*|reject\w*|refus\w*)\s+(?:(?:with\s+thanks|not)\s+)?(?:(?!\S*invitation)"
        r"[\w'’-]+\s+){0,3}?(?:e-?mails?|messages?|attachments?|files?|documents?|concept\s+notes?)\b"
        r"(?:[^.;:]{0,40}?\b(?:and|or|nor)\s+(?:[\w'’-]+\s+){0,3}?(?:e-?mails?|messages?"
        r"|attachments?|files?|documents?)\b)?",
        r"\b(?:accept|refus|rejet|rejett)\w*\s+(?:pas\s+|avec\s+remerciements\s+)?(?:(?!\S*invitation)"
        r"[\w'’-]+\s+){0,3}?(?:courriels?|e-?mails?|messages?|pièces\s+jointes|fichiers?|documents?"
        r"|notes?\s+conceptuelles?)\b(?:[^.;:]{0,40}?\b(?:ni|et|ou)\s+(?:[\w'’-]+\s+){0,3}?"
        r"(?:courriels?|messages?|pièces\s+jointes|fichiers?|documents?)\b)?",
        r"\b(?:acept|rechaz)\w*\s+(?:(?!\S*invitación)[\w-]+\s+){0,3}?(?:correos?|mensajes?|archivos?"
        r"|adjuntos?|documentos?|notas?\s+conceptual\w*)\b",
        r"(?<![\w\u0400-\u04ff])(?:приним|приня|отклон|отверг)\w*\s+(?:(?!\S*приглаш)\S+\s+){0,3}?"
        r"(?:письм|сообщени|вложени|файл|документ)(?![\w-]*приглаш)\w*"
        r"|(?<![\w\u0400-\u04ff])(?:письма|сообщения|вложения|файлы)[^;!?]{0,60}?(?:отклоняются"
        r"|не\s+принимаются|блокируются)|приним\w*\s+на\s+себя\s+(?:никакой\s+)?ответственност\w*",
        r"(?:拒收|不接收|不接受)[^。；，邀]{0,10}(?:邮件|郵件|附件|文件)"
        r"|(?:邮件|郵件|附件)[^。；，]{0,15}(?:拒收|退回)",
        r"(?:تقبل|يقبل|ترفض|يرفض|نقبل|نرفض|يُرفض)\s+(?:\S+\s+){0,2}?(?:الرسائل|رسائل|المرفقات|مرفقات"
        r"|الملفات|ملفات|بريد|البريد|المراسلات|مراسلات|رشوة|الرشوة|الرشاوى)",
        # Footers: a bribe, newsletters, cookies, the processing of one's data ("Say NO to
        # corruption. Decline the bribe", "Decline future newsletters", « vous pouvez refuser le
        # traitement de vos données », «отказаться от рассылки»).
        r"\b(?:declin|refus|reject|accept)\w*\s+(?:(?:the|all|any|future|our)\s+)?(?:bribes?"
        r"|newsletters?|cookies|gifts?|(?:the\s+)?processing\s+of)\b",
        r"\b(?:refus|accept)\w*\s+(?:le\s+|les\s+)?(?:traitement\s+de\s+vos\s+données|cookies"
        r"|pots-de-vin|lettres\s+d'information)",
        r"\b(?:rechaz|acept)\w*\s+(?:el\s+|los\s+)?(?:tratamiento\s+de\s+(?:sus\s+)?datos|sobornos?"
        r"|boletines|cookies)",
        r"(?<![\w\u0400-\u04ff])отказ\w*\s+от\s+(?:обработки\s+(?:\S+\s+)?данных|рассылки"
        r"|взятк\w*)",
        r"拒绝(?:贿赂|收受|接收推送|订阅)|拒絕(?:賄賂|收受)"
        r"|同意接收[^。；，]{0,12}(?:推送|信息|资讯|資訊|邮件|郵件)|回复\s*[“\"「『]同意[”\"」』]",
    ]
)


# Round 16: an act placed later by "before" + a verb, up to the clause break that ends it
# ("Before confirming the Minister's participation, we would need …", « Avant de confirmer la
# participation …, », "Antes de confirmar …,", «Прежде чем подтвердить …,», "在确认…之前，",
# "قبل تأكيد …،"): not done yet, so not asserted. Read anywhere in a sentence: an attachment's
# letterhead often runs into its first sentence. "Before the sessions" (a noun) is no act.
# Round 19: the clause may also close the sentence ("… to compose its delegation before
# confirming its participation", « avant de vous confirmer sa participation », "antes de
# confirmarles", «…, прежде чем подтвердить участие», "在确认出席之前组建代表团", "قبل تأكيد
# مشاركتها"), with the object pronouns the grammar puts between "de" and the verb (French) or
# on the verb (Spanish); only the "before" clause is blanked, the main clause is still read.
_BEFORE_END = r"(?:,|(?=[;:.!?])|$)"
BEFORE_ACT = _compile(
    [
        r"\bbefore\s+(?:\w+ing|(?:we|they|it|he|she|I)\s+(?:can\s+|could\s+)?\w+)\b[^,;:.]*"
        + _BEFORE_END,
        r"\bavant\s+(?:de\s+|d')(?:(?:vous|nous|leur|lui|les|le|la|l'|en|y|me|m'|se|s')\s*)*"
        r"\w+(?:er|ir|re)\b[^,;:.]*" + _BEFORE_END,
        r"\bantes\s+de\s+\w+(?:ar|er|ir)(?:l[aeo]s?|nos|se|me|te)?\b[^,;:.]*" + _BEFORE_END,
        r"(?<![\w\u0400-\u04ff])(прежде\s+чем|перед\s+тем\s+как)\s[^,;:.]*" + _BEFORE_END,
        r"在[^，。；,]{1,30}?(之前|以前)[，,]?",
        r"(?:^|\s)قبل\s+(أن|تأكيد|إقرار|البت|الرد)\s[^،,؛.]*(?:[،,]|(?=[؛.])|$)",
    ]
)

# Round 18: an approval note on a forwarded draft ("Agreed — Chief of Staff", « Vu et approuvé
# — le Directeur de cabinet », "Conforme — Jefe de Gabinete", «Согласен — Руководитель
# аппарата», "同意——办公厅主任", "موافق — مدير المكتب"): an official's visa on the text above it,
# not an acceptance of the invitation. ``rest`` is who signs (``decide`` checks it answers
# nothing itself).
APPROVAL_NOTE = _compile(
    [
        r"^\s*(?:agreed|approved|concur(?:red)?|cleared|seen\s+and\s+approved)\s*[—–:-]+\s*"
        r"(?P<rest_en>.*)$",
        r"^\s*(?:d'accord|approuvé|vu\s+et\s+approuvé|bon\s+pour\s+accord|validé)\s*[—–:-]+\s*"
        r"(?P<rest_fr>.*)$",
        r"^\s*(?:de\s+acuerdo|conforme|aprobado|visto\s+bueno)\s*[—–:-]+\s*(?P<rest_es>.*)$",
        r"^\s*(?:согласен|согласна|согласовано|утверждаю|одобряю)\s*[—–:-]+\s*(?P<rest_ru>.*)$",
        r"^\s*(?:同意|批准|核准|已阅|已閱)[。，,]?\s*[—–:：-]+\s*(?P<rest_zh>.*)$",
        r"^\s*(?:موافق|أوافق|معتمد)\s*[—–:-]+\s*(?P<rest_ar>.*)$",
    ]
)

# Round 10: requests and promises about the practical side of a speech (the time slot, the
# link, the rehearsal, the text, the biography): they presuppose that the Minister speaks, so
# beside an acceptance they leave nothing pending ("prendra la parole. Merci de nous indiquer
# le créneau"). ``PENDING_DECISION`` keeps those that still wait on a decision.
LOGISTICS = _compile(
    [
        r"\b(time\s+slot|slot|timing|time\s+of|running\s+order|speaking\s+order|zoom|link|rehearsal"
        r"|technical\s+(test|check|briefing)|sound\s+check|bio-?data|biography|bio|cv|photo\w*"
        r"|text\s+of\s+(the|his|her)\s+(statement|speech|remarks)|the\s+text|speech\s+text"
        r"|accreditation|registration\s+(link|form)|logistic\w*|duration|(date|day)\s+(allocated"
        r"|assigned)|allocated\s+(date|day|time)|details"
        # Round 11: the means of the speech (slides, camera, sound, interpretation).
        r"|slides?|powerpoint|camera|audio|sound|microphone|studio|interpretation|format"
        r"|what\s+time|minutes?|time\s+limit|hard\s+limit|connect|schedule\s+(him|her|the\s+minister))\b",
        r"\b(créneau|plage|horaire|heure\s+de\s+passage|lien|répétition|test\s+technique"
        r"|ordre\s+de\s+passage|biographie|cv|photo\w*|le\s+texte|texte\s+de\s+(l'allocution|la"
        r"\s+déclaration|l'intervention)|accréditation|modalités\s+(techniques|pratiques)|durée"
        r"|date\s+(retenue|attribuée)|détails|diapositives?|powerpoint|caméra|micro|(le|du)\s+son|audio"
        r"|interprétation|format|à\s+quelle\s+heure|minutes?|(nous\s+)?connecter|connexion"
        r"|l'inscrire|la\s+programmer|le\s+programmer)\b",
        r"\b(horario|franja|hora\s+de|enlace|link|ensayo|prueba\s+técnica|orden\s+de\s+(intervención"
        r"|los\s+oradores)|biografía|hoja\s+de\s+vida|cv|foto\w*|el\s+texto|acreditación"
        r"|modalidades\s+técnicas|duración|fecha\s+asignada|detalles|diapositivas?|powerpoint"
        r"|cámara|audio|sonido|micrófono|interpretación|formato|a\s+qué\s+hora|minutos?"
        r"|conectarse|conexión|programarlo|programarla|inscribirlo|inscribirla)\b",
        r"(?<![\w\u0400-\u04ff])(слот\w*|ссылк\w*|репетици\w*|техническ\w+\s+(проверк|тест|прогон)\w*"
        r"|порядок\s+выступлени\w*|биографи\w*|фото\w*|текст\w*\s+выступлени\w*|аккредитаци\w*"
        r"|регламент\w*|врем\w+\s+выступлени\w*|дат\w+\s+выступлени\w*|детал\w*|подробност\w*"
        r"|слайд\w*|презентаци\w*|камер\w*|звук\w*|микрофон\w*|синхронн\w+\s+перевод\w*|формат\w*"
        r"|текст\w*\s+(заявлени|доклад|речи)\w*|во\s+сколько|минут\w*|подключ\w*)",
        r"时段|时间安排|具体时间|链接|鏈接|彩排|技术测试|技術測試|发言顺序|發言順序|简历|簡歷|照片|讲稿|講稿|发言稿|發言稿"
        r"|发言时长|發言時長|发言日期|發言日期|细节|細節|详情|詳情"
        r"|幻灯片|幻燈片|PPT|演示文稿|摄像头|攝像頭|音频|音頻|麦克风|麥克風|口译|口譯|录播|錄播|格式"
        r"|几点|幾點|分钟|分鐘|接入|连线测试|連線測試|测试时间|測試時間|会议平台|會議平台",
        r"التوقيت|موعد\s+(الكلمة|المداخلة|الجلسة)|الرابط|رابط|البروفة|اختبار\s+تقني|السيرة\s+الذاتية"
        r"|صورة|نص\s+(الكلمة|البيان)|ترتيب\s+المتحدثين|مدة\s+الكلمة|التفاصيل"
        r"|الشرائح|العرض\s+التقديمي|الكاميرا|الصوت|الميكروفون|الترجمة\s+الفورية|قالب|على\s+المدة"
        r"|المدة\s+أو\s+الشكل|دقائق|دقيقة|الاتصال\s+التقني|أي\s+ساعة"
        r"|(?:ال)?تجربة\s+(?:ال)?(?:تقنية|اتصال)|ترجمة\s+فورية"
        # Round 23: the technical test under its other name ("الاختبار الفني").
        r"|(?:ال)?اختبار\s+(?:ال)?فني",
        # Round 14: the speech's broadcast and press release ("retransmettre", "إعادة بث").
        r"\b(press\s+release|broadcast\w*|rebroadcast\w*|webcast\w*|live\s*stream\w*"
        r"|communiqué|retransmi\w*|diffus\w*\s+en\s+direct|comunicado\s+de\s+prensa|transmisión)\b",
        r"пресс-релиз\w*|(?<![\w\u0400-\u04ff])(ре)?трансляци\w*",
        r"新闻稿|新聞稿|转播|轉播|直播",
        r"بيان\s+صحفي|إعادة\s+بث|البث\s+المباشر|نقل\s+(?:\S+\s+){0,2}مباشرة",
    ]
)
# Round 8: a written document put in the place of a speech ("instead, a written report",
# "改为提交书面报告", "sino un comunicado de prensa") is not the Minister speaking: the refusal
# of the speech stands. Round 13: the Y of a "not X but Y" that is such a document leaves the
# refusal of X standing (``decide.score_sentence``).
WRITTEN = _compile(
    [
        # A written *statement* may still count as the Minister's word (round 7 keeps
        # "改为书面发言" with a person); a report, an input or a press release does not.
        r"\b(written\s+(\w+\s+)?(input|contribution|report|submission|note)|press\s+release)\b",
        r"\b((contribution|note)\s+écrite|rapport\s+écrit|communiqué(\s+de\s+presse)?)\b",
        r"\b((aporte|informe)\s+escrito|(contribución|nota)\s+escrita|comunicado(\s+de\s+prensa)?)\b",
        r"(?<![\w\u0400-\u04ff])(письменн\w+\s+(доклад|материал|вклад|справк|отч[её]т)\w*"
        r"|пресс-релиз\w*)",
        r"(书面|書面)(国别|國別)?(报告|報告|材料|意见|意見)|新闻稿|新聞稿"
        r"|(书面|書面)形式[^。；，]{0,12}(材料|报告|報告|意见|意見)"
        # Round 14: material for the WSIS Prizes submitted instead of a speech.
        r"|(提交|提供|报送|報送)[^。；，]{0,20}(项目材料|項目材料|材料|資料|资料)",
        r"(مساهمة|تقرير|مذكرة)\s+مكتوب\w*|بيان\s+صحفي",
    ]
)

# Round 13: a condition the reply says is met ("the visa was issued yesterday", « le visa lui a
# été accordé », "ya fue concedido", «виза уже выдана», "签证已经签发", "وقد صدرت بالفعل").
FULFILLED = _compile(
    [
        r"\b(was|were|has\s+been|have\s+been|is\s+now|are\s+now)\s+(now\s+|finally\s+)?(issued"
        r"|granted|approved|obtained|cleared)\b",
        r"\b(a|ont)\s+été\s+(finalement\s+)?(accordée?s?|délivrée?s?|obtenue?s?|approuvée?s?)\b",
        r"\b(fue|fueron|ha\s+sido|han\s+sido|quedó)\s+(ya\s+|finalmente\s+)?(concedid|otorgad"
        r"|aprobad|expedid|emitid|obtenid)\w*",
        r"(?<![\w\u0400-\u04ff])(уже|был[аои]?)\s+(выдан[аоы]?|получен[аоы]?|одобрен[аоы]?)"
        r"(?![\w\u0400-\u04ff])",
        r"已(经|經)?(签发|簽發|获批|獲批|批准|获得|獲得|办妥|辦妥|下发|下發|发放|發放)",
        r"قد\s+صدرت|صدرت\s+بالفعل|(?:تم|وتم)\s+(?:منح|إصدار|الحصول\s+على)|حصلنا\s+على",
    ]
)
# Round 20: a condition on another occasion or on the event's records ("should a future session
# address e-health, we would gladly take part", « si le compte rendu est publié, merci de nous
# l'adresser », "如日後有專題會議，本局樂意參與", "若論壇其後發表會議紀要，請寄給本局"): beside a
# refusal in another sentence it binds nothing of this answer. Not "a later session" or another
# day of this one: that may be the answer itself.
LATER_OCCASION = _compile(
    [
        r"\b(?:in\s+(?:the\s+)?future|future\s+(?:session|edition|event|meeting|forum)s?|next\s+year"
        r"|next\s+(?:edition|forum)|(?:the\s+)?(?:minutes|proceedings|outcome\s+document|summary"
        r"\s+report|final\s+report))\b",
        r"\b(?:à\s+l'avenir|l'an\s+prochain|l'année\s+prochaine|prochaines?\s+éditions?"
        r"|(?:futures?\s+éditions?|éditions?\s+futures?)|compte\s+rendu"
        r"|actes\s+du|rapport\s+final)\b",
        r"\b(?:en\s+el\s+futuro|el\s+próximo\s+año|el\s+año\s+próximo|próximas?\s+edici\w+"
        r"|futuras?\s+edici\w+|edici\w+\s+futuras?|actas?\b"
        r"|relatoría|informe\s+final|memoria\s+del)",
        r"(?<![\w\u0400-\u04ff])(?:в\s+будущем|в\s+следующем\s+году|следующ\w+\s+(?:форум|сесси)\w*"
        r"|протокол\w*|итогов\w+\s+(?:доклад|документ)\w*)(?![\w\u0400-\u04ff])",
        r"日后|日後|今后|今後|以后|以後|将来|將來|明年|下届|下屆|纪要|紀要|专题|專題|成果文件|会议报告|會議報告",
        r"مستقبلا|مستقبلاً|في\s+المستقبل|العام\s+المقبل|الدورة\s+المقبلة|محضر|التقرير\s+الختامي",
        # Round 36: another time ("will be glad to take part in the Forum's events another
        # time", « une autre fois », "en otra ocasión", «в другой раз», "下次", "في مناسبة أخرى").
        r"\b(?:(?:on\s+)?another\s+(?:occasion|time)|some\s+other\s+time|a\s+later\s+occasion)\b",
        r"\b(?:une\s+(?:autre|prochaine)\s+(?:fois|occasion)|(?:d'|une\s+)autres?\s+occasions?)\b",
        r"\b(?:(?:en\s+)?(?:otra|una\s+próxima|próxima)\s+(?:ocasi[oó]n|oportunidad)"
        r"|otras\s+ocasiones)\b",
        r"(?<![\w\u0400-\u04ff])(?:в\s+(?:другой|следующий)\s+раз|при\s+(?:другой|следующей)"
        r"\s+возможности|в\s+другое\s+время)(?![\w\u0400-\u04ff])",
        r"下次|下一次|另找机会|另找機會|其他机会|其他機會|另行安排的机会",
        r"(?:في|فى)\s+(?:مناسبة|فرصة)\s+(?:أخرى|قادمة|لاحقة)",
    ]
)

# Round 13: an apology for answering late ("apologies for the delay: the letter took long to be
# cleared", «приносим извинения за задержку», "回复迟了几天，十分抱歉"): the approval it names is
# past; it suspends no answer in another sentence.
LATE_APOLOGY = _compile(
    [
        r"\b(apologi[sz]\w*|sorry)\s+(\w+\s+){0,3}?(for\s+)?(the\s+|this\s+|our\s+)?(delay|late"
        r"\s+reply)\b",
        r"\b(excus\w*|pardon)\s+(\w+\s+){0,3}?(ce|du|le|notre)\s+retard\b",
        r"\b(disculp\w*|perd[oó]n\w*)\s+(\w+\s+){0,3}?(la|esta|nuestra)\s+(demora|tardanza)\b",
        r"(?<![\w\u0400-\u04ff])(извин\w*|прости\w*)\s+(\w+\s+){0,2}?за\s+(задержку|промедление"
        r"|опоздание)",
        r"(回复|答复|回覆|答覆)(迟|遲|晚)了[^。；]{0,10}(抱歉|歉意|见谅|見諒)|(延误|延誤|迟复|遲覆)[^。；]{0,6}(抱歉"
        r"|歉意|见谅|見諒)",
        r"(?:نعتذر|نأسف|اعتذار\S*)\s+(?:\S+\s+){0,2}?(?:عن|على)\s+(?:ال)?تأخ\S*",
    ]
)
# Round 13: a post not yet filled ("the new Minister has not yet been appointed", «председатель
# пока не назначен», "部长人选目前尚未公布"): beside a refusal it is its reason, not a pending
# answer.
NOT_IN_OFFICE = _compile(
    [
        r"\bnot\s+(yet\s+)?(been\s+)?(appointed|named|sworn\s+in|formed|announced)\b",
        r"\bpas\s+encore\s+(été\s+)?(nommée?|désignée?|formée?|constituée?|annoncée?)\b",
        r"\b(todavía|aún)\s+no\s+(ha\s+sido\s+)?(nombrad|designad|conformad|anunciad)\w*",
        r"(?<![\w\u0400-\u04ff])(пока|ещё|еще)\s+не\s+(назначен|сформирован|утвержд[её]н|объявлен)\w*",
        r"(尚未|目前尚未|还未|還未|仍未)(公布|任命|到任|就任|就职|就職|确定人选|確定人選)",
        r"لم\s+(?:يتم\s+)?(?:يعين|يعيّن|تعيين|يشكل|تشكيل|يعلن|إعلان)\S*(?:\s+\S+){0,3}\s+بعد",
    ]
)
# Round 13: an earlier answer or proposal revoked ("the note below about declining is no longer
# relevant", «записка ниже про отказ не актуальна», "الاقتراح أدناه بالاعتذار لم يعد قائماً"): the
# clause answers nothing itself; the reply's other clauses decide.
REVOKED = _compile(
    [
        r"\b(note|proposal|draft|message|suggestion|reply|answer|e-?mail|memo|acceptance|refusal"
        r"|confirmation|regrets)\b[^.;,]{0,60}?"
        r"\b(no\s+longer\s+(stands|valid|applies|relevant|current|holds)|(is|are)\s+(now\s+)?"
        r"(withdrawn|void|obsolete|superseded)|not\s+relevant\s+any\s*more)\b",
        r"\b(note|proposition|projet|message|réponse|courriel|acceptation|refus|confirmation)\b[^.;,]{0,60}?\b(n'est\s+plus"
        r"\s+(valable|d'actualité|pertinente?)|(est|sont)\s+(désormais\s+)?(caduque?s?|annulée?s?))",
        r"\b(nota|propuesta|borrador|mensaje|respuesta|correo|aceptación|negativa|confirmación)\b[^.;,]{0,60}?\b(ya\s+no\s+(es"
        r"\s+válid[oa]|está\s+vigente|procede|aplica)|queda\s+(sin\s+efecto|anulad[oa]))",
        r"(?<![\w\u0400-\u04ff])(записк|предложени|проект|сообщени|ответ|письм|согласи|отказ|подтверждени)\w*[^.;,]{0,60}?"
        r"(не\s+актуальн\w*|неактуальн\w*|утратил\w*\s+силу|(более|больше)\s+не\s+(действ"
        r"|актуальн)\w*)",
        r"(建议|建議|意见|意見|草稿|拟稿|擬稿|回复|回覆|邮件|郵件|答复|答覆|接受|婉拒|确认|確認)[^。；，]{0,20}?(不再有效|已作废"
        r"|已作廢|已撤回|不再适用|不再適用|已失效)",
        r"(?:الاقتراح|المقترح|المسودة|الرسالة|الرد|القبول|الاعتذار)[^.،]{0,40}?لم\s+يعد"
        r"|لم\s+يعد\s+(?:هذا\s+|ذلك\s+)?(?:الاقتراح|المقترح|المسودة|الرد|القبول|الاعتذار)",
    ]
)
# Round 10: conditions without a clause of their own ("if possible", "if needed"): about a
# detail when the answer is in another sentence.
ELLIPTIC_CONDITION = _compile(
    [
        # Round 23: "if this is provided for" (« si c'est prévu », "si está previsto", «если это
        # предусмотрено», "如有安排", "إذا كان ذلك مقررا"), "in case of a discrepancy" (a
        # document's precedence) and "as far as possible" (« dans la mesure du possible », "en la
        # medida de lo posible", "请尽量", "قدر الإمكان"): no clause of their own.
        r"\bif\s+(?:it|that|this|so)\s+is\s+(?:provided\s+for|foreseen|planned|envisaged)\b"
        r"|\bin\s+(?:the\s+)?(?:case|event)\s+of\s+(?:any\s+)?(?:discrepanc|inconsistenc|divergen)\w*"
        r"|\bas\s+far\s+as\s+possible\b",
        r"\bsi\s+(?:c'est|cela\s+est)\s+prévu\b|\ben\s+cas\s+de\s+(?:divergence|discordance"
        r"|contradiction)s?\b|\bdans\s+la\s+mesure\s+du\s+possible\b",
        r"\bsi\s+(?:así\s+)?(?:está|estuviera)\s+previsto\b|\ben\s+caso\s+de\s+(?:discrepancia"
        r"|divergencia|contradicción)\w*|\ben\s+la\s+medida\s+de\s+lo\s+posible\b",
        r"(?<![\w\u0400-\u04ff])(?:если\s+(?:это\s+)?предусмотрено|в\s+случае\s+(?:расхождени"
        r"|несоответстви|противоречи)\w*)",
        r"如有(?:安排|规定|規定)|如有(?:不一致|出入|歧义|歧義|矛盾)|请尽量|請盡量|请尽可能|請盡可能",
        r"(?:إذا|إن)\s+كان\s+ذلك\s+مقرر\S*|في\s+حال(?:ة)?\s+(?:وجود\s+)?(?:أي\s+)?(?:تعارض|اختلاف"
        r"|تناقض)|قدر\s+الإمكان",
        r"\b(if|where|when)\s+(possible|needed|necessary|required|so\s+desired|so\s+wished"
        r"|convenient|feasible|useful|helpful)\b"
        # Round 11: an offer ("if you need anything else, let us know") binds no answer.
        r"|\b(if|should)\s+you\s+(need|require|have)\s+(any(thing)?|further|more|additional)\b"
        r"|\bif\s+(it|that|this)\s+is\s+possible\b|\bif\s+there\s+(are|is)\s+(any\s+)?(changes?|questions?)\b"
        # Round 12: the slot proposed "if that suits you" binds no answer.
        r"|\bif\s+(it|that|this)\s+(works|suits(\s+you)?|is\s+(convenient|fine|ok|okay|acceptable))\b"
        # Round 14: an offer "if that is helpful / of use" binds nothing.
        r"|\bif\s+(it|that|this)\s+(is|would\s+be|proves)\s+(helpful|useful|of\s+(any\s+)?use)\b"
        r"|\bif\s+(a|the)\s+choice\s+is\s+possible\b|\bif\s+there\s+is\s+a\s+choice\b"
        # Round 12: the slot's own conditions ("if the programme allows", "if a place remains").
        r"|\bif\s+(the\s+)?(programme|program|schedule|agenda|time)\s+(allows|permits)\b"
        r"|\bif\s+(a\s+|one\s+)?(place|slot|space)\s+(remains|is\s+(still\s+)?(available|free))\b"
        r"|\bif\s+there\s+is\s+(still\s+)?(room|a\s+slot|a\s+place|space)\b",
        r"\bsi\s+(possible|nécessaire|besoin|utile|souhaité)\b|\ble\s+cas\s+échéant\b"
        r"|\bsi\s+vous\s+(avez\s+besoin|souhaitez|désirez)\b|\bsi\s+(c'est|cela\s+est)\s+possible\b"
        r"|\ben\s+cas\s+de\s+(changement|question|modification)s?\b"
        r"|\bsi\s+(cela|ceci|ça)\s+vous\s+(convient|arrange|va)\b"
        r"|\bsi\s+(cela|ceci|ça)\s+(vous\s+)?(est|peut\s+être|serait)\s+utile\b"
        r"|\bsi\s+(un|le)\s+choix\s+est\s+possible\b|\bs'il\s+y\s+a\s+le\s+choix\b"
        r"|\bsi\s+le\s+(programme|calendrier|temps)\s+le\s+permet\b"
        r"|\bs'il\s+reste\s+(une\s+|un\s+)?(place|créneau)\b",
        r"\b(si|de\s+ser)\s+(es\s+)?(posible|necesario|preciso|útil)\b|\bde\s+ser\s+así\b"
        r"|\bsi\s+(necesitan|necesita|requieren|requiere|desean|desea)\b|\bsi\s+hay\s+(cambios|preguntas"
        r"|dudas)\b|\ben\s+caso\s+de\s+(cambios|dudas|preguntas)\b"
        r"|\bsi\s+(les|le)\s+(conviene|parece\s+bien|va\s+bien|viene\s+bien)\b"
        r"|\bsi\s+(les|le)\s+(resulta|es|fuera|sirve)\s+(útil|de\s+utilidad)\b"
        r"|\bsi\s+(es\s+posible|cabe)\s+elegir\b|\bsi\s+hay\s+(opción|elección)\b"
        r"|\bsi\s+el\s+(programa|calendario|tiempo)\s+lo\s+permite\b"
        r"|\bsi\s+(queda|hay)\s+(un\s+)?(lugar|espacio|cupo|hueco)\b",
        r"(?<![\w\u0400-\u04ff])(при\s+необходимости|по\s+возможности|если\s+(это\s+)?(возможно"
        r"|необходимо|потребуется|нужно))(?![\w\u0400-\u04ff])"
        r"|(?<![\w\u0400-\u04ff])если\s+(вам\s+)?(понадоб\w+|потребу\w+|нужн\w*|будут\s+вопросы"
        r"|будут\s+изменени\w*|возникнут\s+вопросы|удобно|подходит|устраивает)"
        r"|(?<![\w\u0400-\u04ff])если\s+(позволит|позволяет)\s+(программа|регламент|время)"
        r"|(?<![\w\u0400-\u04ff])если\s+это\s+(будет\s+)?(полезно|поможет)"
        r"|(?<![\w\u0400-\u04ff])если\s+(есть|будет|возможен)\s+выбор"
        r"|(?<![\w\u0400-\u04ff])если\s+(останется|будет|есть)\s+(свободн\w+\s+)?(место|слот)",
        r"如有(可能|需要|必要)|如(可能|需要|必要)|若有需要|必要时|必要時"
        r"|如需要?|如果需要|如果可能|如有任何|如有(疑问|疑問|问题|問題|查询|查詢|需求|变动|變動|变化|變化|调整|調整)"
        r"|如(您|贵方)需要|如(贵方|您)?方便|如無不便|如无不便"
        r"|如[^，。；]{0,10}有(任何)?(调整|調整|变动|變動|变化|變化|更改)"
        r"|如(议程|議程|日程|时间|時間)(允许|允許|许可|許可)|如(有|仍有)(空位|名额|名額)"
        r"|如(贵方|您)[^，。；]{0,20}有任何(具体|具體)?(要求|需求)"
        # Round 13: the organisers' needs ("如贵处需要发言人照片", "如贵处对时长另有要求") and
        # doubts about material ("如数据有疑问") bind no answer in another sentence.
        r"|如(贵处|貴處|贵方|貴方|贵秘书处|貴秘書處|秘书处|秘書處|您)[^，。；]{0,20}(需要|要求|需求)"
        r"|如[^，。；]{0,6}有(疑问|疑問|问题|問題)"
        # Round 14: an offer "如对贵方有帮助" (if it helps you).
        r"|如(对贵方|對貴方|对您|對您)?有(所)?(帮助|幫助)|如(可|能|有)(选择|選擇)",
        r"(?:^|\s)(?:إن|إذا)\s+(?:أمكن|لزم(?:\s+الأمر)?|اقتضى\s+الأمر)|عند\s+الحاجة|عند\s+اللزوم"
        r"|(?:^|\s)و?(?:إذا|إن|لو)\s+(?:تحتاجون|احتجتم|كنتم\s+بحاجة|كان\s+لديكم\s+أي|عندكم\s+أي"
        r"|فيه?\s+أي|كان\s+هناك\s+أي\s+(?:تغيير|تعديل)|حدث\s+أي\s+(?:تغيير|تعديل))"
        r"|(?:إن|إذا)\s+كان\s+(?:ذلك\s+)?(?:ممكنا|ممكناً)|(?:إن|إذا)\s+كان\s+يلزم"
        r"|(?:إن|إذا)\s+(?:بيمشي\s+الحال|مشي\s+الحال|يناسبكم|ناسبكم|كان\s+(?:ذلك\s+)?(?:يناسبكم"
        r"|مناسبا|مناسباً))|(?:إن|إذا)\s+سمح\s+(?:البرنامج|الوقت|الجدول)"
        r"|(?:إن|إذا)\s+(?:بقي|توفر|توفّر)\s+(?:مكان|متسع)"
        r"|(?:إن|إذا)\s+كان\s+(?:ذلك\s+)?(?:مفيدا|مفيداً|يفيدكم)"
        r"|(?:إن|إذا)\s+(?:أمكن\s+الاختيار|كان\s+هناك\s+خيار)",
        # Round 31: a question time in the programme, conditionally ("如会议设有问答环节",
        # "si hay una ronda de preguntas", «если предусмотрены вопросы», "إذا كانت هناك جلسة
        # أسئلة"): a detail of the session the speaker attends, no condition on the answer.
        r"如[^，。；]{0,12}(?:问答|問答|提问|提問|答问|答問)(?:环节|環節|时间|時間|阶段|階段)",
        r"\bsi\s+hay\s+(?:una\s+)?(?:ronda|sesión|turno|espacio)\s+de\s+preguntas\b",
        r"(?<![\w\u0400-\u04ff])если\s+(?:предусмотрен\w*|будут|запланирован\w*)\s+вопрос\w*",
        r"(?:إذا|إن)\s+(?:كانت|كان)\s+هناك\s+(?:جلسة|فقرة)\s+(?:ل)?(?:ال)?أسئلة",
    ]
)
# What still waits on a decision, whatever practical words are beside it.
PENDING_DECISION = _compile(
    [
        r"\b(confirm\w*|decision|decide\w*|whether|approv\w*|clearance|revert|consider\w*|possible"
        r"|deadline|extend\w*|extension|postpone\w*)\b",
        r"\b(confirm\w*|décision|décid\w*|approbation|approuv\w*|possible|délai|prolong\w*|report\w*)\b",
        r"\b(confirm\w*|decisión|decid\w*|aprobaci\w*|aprueb\w*|posible|plazo|prórroga|prorrog\w*)\b",
        r"(?<![\w\u0400-\u04ff])(подтвер\w*|решени\w*|реш\w+т|одобрени\w*|возможн\w*|срок\w*|продл\w*)",
        r"确认|確認|决定|決定|审批|審批|批准|是否|可否|能否|截止|延长|延長|推迟|推遲",
        r"تأكيد|قرار|موافقة|إمكانية|الموعد\s+النهائي|تمديد|تأجيل",
    ]
)


# "In any case the Minister will speak": the answer holds whatever the conditions beside it.
UNCONDITIONAL = _compile(
    [
        r"\bin\s+any\s+(case|event)\b|\bregardless\b|\bwhatever\s+the\b",
        r"\ben\s+tout\s+(état\s+de\s+cause|cas)\b|\bquoi\s+qu'il\s+en\s+soit\b",
        r"\ben\s+todo\s+caso\b|\bde\s+todos\s+modos\b|\ben\s+cualquier\s+caso\b",
        r"в\s+любом\s+случае|так\s+или\s+иначе",
        r"无论如何|無論如何|在任何情况下",
        r"في\s+جميع\s+الأحوال|على\s+أي\s+حال|في\s+كل\s+الأحوال",
    ]
)

CONTRAST = re.compile(
    r"^\s*((but|however|nevertheless|nonetheless|instead|rather|mais|cependant|toutefois|néanmoins"
    r"|en\s+revanche|plutôt|pero|sino|sin\s+embargo|no\s+obstante|en\s+cambio|но|а|однако"
    r"|тем\s+не\s+менее|вместо\s+этого)\b"
    # Chinese and Arabic substitution and contrast words ("而是", "بل"), no word boundary.
    r"|但是|但|不过|然而|而是|而由|而以|而通过|改由|لكن|ولكن|غير\s+أن|إلا\s+أن|بل|وإنما)",
    re.I,
)

# Round 24: a contrast that opens a cause ("…, not for lack of interest, but because …", « mais
# parce que », "sino porque", «а потому что», "بل لأن", "而是因为"): the Y is the real reason, not
# a substitute act; the refusal before it stands and the acts the reason names answer nothing.
CAUSAL_Y = re.compile(
    r"^\s*(?:but|mais|sino|pero|но|а|بل|وإنما|而是|而)\s*(?:rather\s+|plutôt\s+|más\s+bien\s+)?"
    r"(?:because\b|due\s+to\b|owing\s+to\b|parce\s+qu|en\s+raison\b|à\s+cause\b|porque\b"
    r"|debido\s+a\b|por\s+(?:causa|razones|motivos)\b|потому|так\s+как|поскольку|из-за"
    r"|(?:لأن|بسبب|نظرا|نظراً)|因为|因為|由于|由於)",
    re.I,
)
#: The X of that figure: a reason denied ("not for lack of interest", « non par manque de »,
#: "no por falta de", «не из-за», "لا لقلة", "并非因为"); only then is the "but because" its Y.
DENIED_REASON = re.compile(
    r"^\s*(?:and\s+|et\s+|y\s+|и\s+|و)?(?:not|non|pas|no|не|ни|لا|ليس|وليس|并非|並非|不是)\s*"
    r"(?:(?:simply|merely|just|only|seulement|solo|sólo|только|فقط)\s+)?"
    r"(?:for\b|out\s+of\b|because\b|due\b|through\b|par\b|pour\b|faute\b|à\s+cause\b|por\b"
    r"|debido\b|a\s+causa\b|из-за|по\s+причине|от\s|(?:ل|بسبب|عن|من)\s*(?:عدم|قلة|نقص|زهد)"
    r"|因为|因為|由于|由於)",
    re.I,
)

# Words that make the Y of "not X but Y" unsafe to read as a substitute: an impediment ("a clash
# … that prevents the Minister from attending"), a negative pronoun ("sino que nadie … podrá"),
# or a cause ("sino por fuerza mayor": the Y is a reason, not another way of taking part).
UNSAFE_SUBSTITUTE = _compile(
    [
        r"\b(prevent\w*|keeps?\s+(\w+\s+){0,3}from|preclud\w*|nobody|no\s+one|none|because|due\s+to"
        r"|owing\s+to|reason\w*)\b",
        r"\b(empêch\w*|(?<!en\s)personne|aucun\w*|parce|en\s+raison|à\s+cause|raison\w*)\b",
        r"\b(impid\w*|nadie|ningun\w*|porque|debido|por\s+(fuerza|causa|razon\w*|motivo\w*))\b",
        r"\b(меша\w*|помеша\w*|никто|ни\s+один|из-за|потому|причин\w*)\b",
        r"妨碍|阻碍|无人|没有人|因为|由于|原因",
        r"يحول\s+دون|تحول\s+دون|يمنع|تمنع|لا\s+أحد|(?:^|\s)(?:بسبب|لأن\S*|لسبب)",
    ]
)

# A negated refusal followed by its cause and a contrast ("El Ministro no declina por
# desinterés, sino por fuerza mayor", "does not decline for lack of interest but because …"):
# the negation is about the cause, not the act; the refusal stands. Read over the whole
# sentence (the contrast is in another clause); group 1 is the negator to remove.
CAUSE_NOT_ACT = _compile(
    [
        r"\b(?:does|is|did)\s+(not)\s+(?:declin|refus)\w*\s+(?:\w+\s+){0,3}?"
        r"(?:for|out\s+of|because|due)\b"
        r"[^.;]{0,80}\bbut\b",
        r"\b(ne)\s+(?:décline|refuse|renonce)\w*\s+pas\s+(?:par|pour|à\s+cause)\b[^.;]{0,80}"
        r"\bmais\b",
        r"\b(no)\s+(?:declin|rechaz|renunci)\w*\s+(?:\w+\s+){0,3}?(?:por|debido)\b[^.;]{0,80}\bsino\b",
        r"(?<![\w\u0400-\u04ff])(не)\s+(?:отказ|отклон)\w*\s+(?:из-за|по|от)\s[^.;]{0,80}\s[ао]\s",
        r"(不是|并非|並非)(?:因为|因為|由于)[^。；]{0,40}(?:拒绝|婉拒|谢绝)",
        r"(?:^|\s)(لا|ليس)\s+\S*(?:يعتذر|يرفض)\S*\s+(?:ل|بسبب)[^.؛]{0,80}\sبل\s",
        # Round 20: the reason itself denied ("the reason is not the date but …", « la raison
        # n'en est pas …, mais … », "el motivo no es …, sino …", «причина не в …, а в …»,
        # "原因不是…而是…", "ليس السبب في اعتذار … بل …", "لا يتعلق اعتذار الوزارة ب… بل ب…"): the
        # Y is the real reason, not a substitute act, and the refusal stands.
        r"\b(?:the\s+)?(?:reason|cause|motive)\s+(?:[\w'’-]+\s+){0,6}?(?:is|was)\s+(not)\s"
        r"[^.;]{0,120}\bbut\b|\b(?:is|was)\s+(not)\s+(?:because|due\s+to|for\s+(?:lack|want))\b"
        r"[^.;]{0,120}\bbut\b",
        r"\b(?:la\s+)?(?:raison|cause|motif)\s+(?:\S+\s+){0,6}?(n['’](?:en\s+)?est\s+pas)\s"
        r"[^.;]{0,120}\bmais\b|\b(ce\s+n['’]est\s+pas)\s+(?:par|pour|à\s+cause|faute)\b"
        r"[^.;]{0,120}\bmais\b",
        r"\b(?:la\s+|el\s+)?(?:razón|causa|motivo)\s+(?:\S+\s+){0,6}?(no\s+(?:es|fue|radica))\s"
        r"[^.;]{0,120}\bsino\b|\b(no\s+es)\s+(?:por|debido|a\s+causa)\b[^.;]{0,120}\bsino\b",
        r"(?<![\w\u0400-\u04ff])(?:причин\w*|дело)\s+(?:\S+\s+){0,6}?(не)\s+в\s[^.;]{0,120}"
        r"[,\s][ао]\s",
        r"(?:原因|理由)[^。；]{0,20}?(不是|并非|並非|不在于|不在於)[^。；]{0,60}(?:而是|而在于|而在於)"
        r"|(不是|并非|並非)(?:因为|因為|由于|由於)[^。；]{0,60}而是",
        r"(?:^|\s)(ليس)\s+(?:السبب|الدافع|سبب)\s[^.؛]{0,160}\sبل\s"
        r"|(?:^|\s)(لا)\s+(?:يتعلق|يعود|يرجع)\s[^.؛]{0,160}\sبل\s",
        # The cleft: "it is not for lack of interest that …", « ce n'est pas faute d'intérêt
        # que … », "no es por desinterés que …", "并非因为…才…", "ليس عن قلة اهتمام أن …".
        r"\b(?:it\s+is|it's|it\s+was)\s+(not)\s+(?:for|out\s+of|because\s+of|due\s+to|through)\b"
        r"[^.;]{0,100}\bthat\b",
        r"\b(ce\s+n['’]est\s+pas)\s+(?:par|pour|faute|à\s+cause)\b[^.;]{0,100}\bque\b",
        r"\b(no\s+es)\s+(?:por|debido\s+a|a\s+causa\s+de)\b[^.;]{0,100}\b(?:que|por\s+lo\s+que)\b",
        r"(并非|並非|不是)(?:因为|因為|由于|由於)[^。；]{0,40}才",
        r"(?:^|\s)(ليس)\s+(?:عن\s+|من\s+)?(?:زهد|قلة|عدم|نقص)\S*[^.؛]{0,100}\sأن\s",
    ]
)

# Exceptives: a negator and "but/sino" that together mean "must" ("We cannot but regret",
# "No podemos sino lamentar", "no puede más que"). Removed from the sentence before it is cut
# into clauses, so that the "but" does not open a "not X but Y" (round 5). French "ne … que",
# Russian "не может не", Chinese "不能不" and Arabic "لا يسعنا إلا" are pseudo-negations inside
# one clause (circular.replies.negation).
EXCEPTIVE = _compile(
    [
        r"\b(cannot|can't|could\s+not|couldn't)\s+(help\s+)?but\b"
        # "left with no alternative but to decline" (round 7): the Minister must, a decline.
        r"|\bno\s+(other\s+)?(option|alternative|choice)\b(\s+(but|than)(\s+to)?\b)?",
        r"\bn'a\s+(pas\s+)?d'autre\s+(choix|option|solution)\s+que\b",
        r"\bno\s+(le\s+)?(queda|tiene|tenemos)\s+(otra\s+(opción|alternativa)|más\s+remedio)"
        r"\s+(que|sino)\b|"
        r"\bno\s+(puede|podemos|podía|podíamos|podrá|podremos|pueden|podrán)\s+(hacer\s+)?"
        r"(otra\s+cosa\s+)?(más\s+|menos\s+)?(que|sino)\b"
        # "No veo ninguna razón por la que … no": two negations across a relative clause.
        r"|\bno\s+ve\w*\s+(ninguna\s+)?raz[oó]n\s+(por\s+la\s+que|para\s+que)[^.;]{0,60}?\bno\b",
        r"\bne\s+voi\w*\s+aucune\s+raison\s+(pour\s+laquelle|de)[^.;]{0,60}?\bne\s+(\S+\s+){0,2}?pas\b",
        # Round 23: not across ", и": that «не» is a coordinated clause's own («…, по которым
        # следовало бы отказаться, и не намерен его отклонять»).
        r"(?<![\w\u0400-\u04ff])не\s+ви(жу|дим|дит|дят)\s+(никаких\s+)?причин\w*,?\s+(по\s+которым|почему)"
        r"(?:(?!,\s*и\s)[^.;]){0,60}?"
        r"(?<![\w\u0400-\u04ff])не(?![\w\u0400-\u04ff])",
    ]
)

# A way of taking part: the Y of "not in person but by video" is the same act done otherwise.
MANNER = _compile(
    [
        r"\b(virtual\w*|online|remotely|by\s+video\w*|via\s+video\w*|video\s*link|pre-?recorded"
        r"|recorded\s+(video|message|statement|address))\b",
        r"\b(virtuel\w*|en\s+ligne|à\s+distance|par\s+vidéo\w*|en\s+visio\w*|(pré-?)?enregistrée?s?"
        r"|message\s+vidéo)\b",
        r"\b(virtual\w*|en\s+línea|a\s+distancia|por\s+video\w*|por\s+vídeo\w*|telemátic\w*"
        r"|grabaci[oó]n|(pre)?grabad[oa]s?|mensaje\s+(de\s+)?v[ií]deo)\b",
        r"онлайн|дистанционн\w*|по\s+видео\w*|в\s+режиме\s+видео\w*|в\s+записи|видеообращени\w*",
        r"视频|視頻|线上|線上|在线|在線|远程|遠程|录播|錄播|录制|錄製",
        r"عبر\s+(الاتصال\s+المرئي|الفيديو|الإنترنت)|افتراضي\w*|عن\s+بعد|(كلمة|رسالة)\s+(مسجلة|مصورة)",
    ]
)

# The Minister named as the Y of a substitution ("not the Ambassador but the Minister herself").
MINISTER = _compile(
    [
        r"\bminister\b",
        r"\bministre\b",
        r"\bministr[oa]\b",
        r"министр(?!ерств)\w*",
        r"部长|部長",
        # Round 24: also in a construct title ("بل وزير الاتصالات", the Minister of …).
        r"الوزير|الوزيرة|(?:^|\s)[وب]?وزيرة?(?=\s+ال)",
    ]
)
#: Round 24: an impediment whose object is the act named before ("…, but his commitments
#: prevented it", « mais ses engagements l'en empêchent », "pero sus compromisos lo impiden",
#: «но этому помешали …», "但…未能成行", "غير أن ارتباطاته حالت دون ذلك"): after a wish or a
#: hope to take part it is the refusal, however long the clause.
ANAPHORIC_IMPEDIMENT = _compile(
    [
        r"\b(?:prevent\w*|preclud\w*)\s+(?:it|this|that)\b|\bmade\s+(?:it|this|that)\s+impossible\b",
        r"\bl'en\s+(?:empêch\w*|ont\s+empêché|a\s+empêché)|\bl'ont\s+rendu\s+impossible\b",
        r"\blo\s+(?:impid\w*|imped\w*|han\s+impedido|ha\s+impedido|imposibilit\w*)",
        r"(?<![\w\u0400-\u04ff])(?:этому|это)\s+(?:\S+\s+){0,2}?помешал\w*",
        r"未能成行|无法成行|未能如愿|未能如願",
        r"(?:حالت|حال|تحول|يحول)\s+دون\s+(?:ذلك|هذا|تحقيق\s+ذلك)",
    ]
)
#: Round 24: an Arabic title's chain of definite genitives and adjectives ("وزير الاتصالات
#: والتحول الرقمي المعيّن"): one name, counted as one word when the Y of "not X but Y" is short.
#: In the Latin scripts the title's words are capitalised ("Minister of Communications and
#: Digital Transformation", « ministre des Communications et de la Transformation numérique »).
MINISTER_TITLE = re.compile(
    r"((?:^|\s)[وب]?(?:ال)?وزيرة?)(?:\s+و?ال\S+)+"
    r"|(\b[Mm]inist(?:er|re|ro|ra)\b)(?:\s+(?:(?:of|for|and|the|de|des|du|del|la|las|los|el|y|e|et"
    r"|d'|l')\s*)*[A-ZÁÉÍÓÚÀÈÊÇ][\w'-]*(?:\s+[a-zé]+(?=[\s,.;]|$)(?=\s+(?:et|y|and)\b))?)+"
)

# A bare answer word standing as the Y of "the answer is not yes but no" (groups noN / yesN).
ANSWER_WORD = _compile(
    [
        # Round 15: the answer as a noun too ("not a postponement but a refusal", « mais d'un
        # refus », "sino un rechazo", «а об отказе», "而是婉拒", "بل اعتذار"); a postponement as
        # the Y ("not a refusal but a postponement") is no answer yet (group "wa").
        r"^\s*(?:but|rather)\s+(?:unfortunately\s+|alas\s+|sadly\s+|regrettably\s+)?(?:an?\s+)?"
        r"(?:(?P<no1>no|negative|refusal)|(?P<yes1>yes|positive|affirmative|acceptance)|(?P<wa1>postponement|deferral|delay))"
        r"(?:\s+one)?\s*[.!:;]?\s*$",
        r"^\s*mais\s+(?:hélas\s+|malheureusement\s+)?(?:d'une?\s+|une?\s+)?(?:réponse\s+)?"
        r"(?:(?P<no2>non|négative|refus)|(?P<yes2>oui|positive|affirmative|acceptation)|(?P<wa2>report|ajournement))\s*[.!:;]?\s*$",
        r"^\s*(?:sino|pero)\s+(?:lamentablemente\s+)?(?:de\s+)?(?:una?\s+)?(?:respuesta\s+)?"
        r"(?:(?P<no3>no|negativa|rechazo)|(?P<yes3>sí|si|afirmativa|positiva|aceptación)"
        r"|(?P<wa3>aplazamiento|postergación))"
        r"\s*[.!:;]?\s*$",
        r"^\s*[ан]\s+(?:к\s+сожалению\s+|увы\s+)?(?:об?\s+)?(?:(?P<no4>нет|отрицательн\w*|отказ\w*)"
        r"|(?P<yes4>да|положительн\w*|согласи\w*)|(?P<wa4>перенос\w*|отсрочк\w*))\s*[.!:;]?\s*$",
        r"^\s*而是\s*(?:很遗憾\s*)?(?:(?P<no5>否定的?|拒绝|婉拒|谢绝)|(?P<yes5>肯定的?|接受)|(?P<wa5>推迟|推遲|延期))\s*[。！：]?\s*$",
        r"^\s*(?:بل|وإنما)\s+(?:للأسف\s+|مع\s+الأسف\s+)?(?:(?P<no6>لا|بالنفي|سلبي\w*|اعتذار|رفض"
        r"|بالاعتذار|بالرفض)|(?P<yes6>نعم|بالإيجاب|إيجابي\w*|قبول|بالقبول|موافقة|بالموافقة)|(?P<wa6>تأجيل))\s*[.!:]?\s*$",
    ]
)

# A relative clause speaks of its antecedent, not of the invitation.
RELATIVE = re.compile(
    r"^\s*(?:(which|that|whom|que|laquelle|lequel|lesquel\w*|la\s+cual|el\s+cual|котор\w*"
    r"|الذي|التي)(?=\s|$)|qu'"
    # Round 17: after a preposition ("a la que", "en el cual", "auquel", "à laquelle").
    r"|(?:a|en|de|con|para|por)\s+(?:la|el|los|las|lo)\s+(?:que|cual)\b|auquel\b|à\s+laquelle\b)",
    re.I,
)


# Round 17: a head of state or government as the subject of a relative clause ("the launch,
# which the President will attend", « que le Président inaugurera », "al que asistirá el
# Presidente", «которое откроет Президент», "الذي سيحضره الرئيس"): the act is theirs, not the
# Minister's answer.
OTHER_PRINCIPAL = re.compile(
    r"\b(?:president|prime\s+minister|head\s+of\s+(?:state|government)|king|queen|emir|premier"
    r"|président|premier\s+ministre|chef\s+de\s+l'état|roi|presidente|primer\s+ministro"
    r"|jefe\s+de\s+(?:estado|gobierno)|rey)\b|президент\w*|премьер\w*|глав\w+\s+государства"
    r"|الرئيس|رئيس\s+الوزراء|الملك|الأمير",
    re.I,
)


def principal_acts(clause: str, cue_end: int) -> bool:
    """Whether the cue ending at ``cue_end`` is the act of a head of state or government named
    as the subject of a relative clause (before the verb, or just after it: "a la que asistirá
    el Presidente")."""
    return bool(RELATIVE.match(clause) and OTHER_PRINCIPAL.search(clause, 0, cue_end + 25))


# A designation: the Minister "has designated X to represent him", "a chargé X de prononcer",
# "ha encomendado a X que lo represente", "поручил X выступить", "指派X代表", "كلف X بتمثيله":
# X acts on the Minister's behalf whatever X's title (group "who").
DESIGNATE = _compile(
    [
        r"\b(?:designated|appointed|nominated|mandated|tasked|entrusted|delegated|instructed"
        # Round 38: not the writer ("has asked me to thank the ITU for the invitation to deliver
        # …": the writer was asked to write).
        r"|asked)\s+(?P<who1>(?!by\b|par\b|por\b|me\b|us\b)[^;:]{3,100}?),?\s+"
        r"(?:to|with)\s+(?:represent|deliver|speak|attend"
        r"|make|read|take\s+part|participate)",
        r"\b(?:désigné|chargé|mandaté|délégué|prié)e?s?\s+(?P<who2>(?!by\b|par\b|por\b)[^;:]{3,100}?),?\s+(?:pour|de|d')"
        r"\s*(?:le\s+|la\s+|l')?(?:représenter|prononcer|intervenir|participer|lire|parler)",
        r"\b(?:designado|designada|encomendado|delegado|encargado|pedido|designó|encomendó)\s+"
        r"(?:a\s+)?(?P<who3>(?!by\b|par\b|por\b)[^;:]{3,100}?),?\s+(?:para\s+que|para|que)\s+(?:lo\s+|la\s+|le\s+)?"
        r"(?:represent|pronunci|interven|particip|lea|hable|formul)",
        r"(?:поручил\w*|назначил\w*|уполномочил\w*)\s+(?P<who4>(?!by\b|par\b|por\b)[^;:]{3,100}?),?\s+"
        r"(?:представ|выступ|зачит|участв|огласить)"
        # Round 17: the impersonal passive, either order ("поручено председателю Агентства
        # выступить", "выступить на Форуме … поручено председателю Агентства"); not "никому не
        # поручено".
        r"|(?<![\w\u0400-\u04ff])поручен[оа]?\s+(?P<who7>[^.;:]{3,100}?),?\s+(?:представ|выступ"
        r"|зачит|огласить)"
        r"|(?<![\w\u0400-\u04ff])(?:выступ|зачит|огласить|представить)\w*(?:(?!(?<![\w\u0400-\u04ff])"
        r"(?:не|никому)(?![\w\u0400-\u04ff]))[^.;]){0,80}?(?<![\w\u0400-\u04ff])поручен[оа]?\s+"
        r"(?P<who8>[^.;,:]{3,100})",
        r"(?:指派|委派|委托|委託|授权|授權|指定)(?P<who5>[^。；，,]{2,30}?)(?:代表|出席|发言|發言|致辞|致詞|宣读)",
        r"(?:كلف|فوض|انتدب|أناب)\s+(?:معالي\s+الوزير\s+|الوزير\s+)?(?P<who6>[^؛]{3,100}?)\s+"
        r"(?:ب|ل)(?:تمثيل|إلقاء|حضور|المشاركة)",
        # Round 17: the statement delivered by someone, in the passive ("Malta's statement will
        # be delivered by the Executive Chairman of …", « la déclaration de la Suisse sera
        # prononcée par le Directeur de … », "la declaración será pronunciada por …"): whoever
        # is named speaks for the Minister (not "will not be delivered by").
        # Round 36: also "on his behalf" without commas, and a longer subject ("la declaración
        # de México en las sesiones de alto nivel del Foro será pronunciada en su representación
        # por …").
        r"\bstatement\s+(?:(?!not\b|never\b)\S+\s+){0,10}?(?:will|shall)\s+be\s+(?:delivered|made"
        r"|read|presented)(?:\s*,[^,.;:]{3,60},)?(?:\s+(?:on\s+(?:his|her|their)\s+behalf|in\s+"
        r"(?:his|her)\s+(?:place|stead)))?\s+by\s+"
        r"(?P<who9>[^.;:,]{3,100})",
        r"\bdéclaration\s+(?:(?!ne\b|n')\S+\s+){0,10}?sera\s+(?:prononcée|lue|présentée|faite)"
        r"(?:\s*,[^,.;:]{3,60},)?(?:\s+(?:en\s+son\s+nom|à\s+sa\s+place))?\s+par\s+"
        r"(?P<who10>[^.;:,]{3,100})",
        r"\bdeclaración\s+(?:(?!no\b|nunca\b)\S+\s+){0,10}?será\s+(?:pronunciada|leída|presentada"
        r"|formulada)(?:\s*,[^,.;:]{3,60},)?(?:\s+en\s+(?:su\s+)?(?:representaci[oó]n|nombre)"
        r"(?:\s+del?\s+\S+(?:\s+\S+)?)?)?\s+por\s+"
        r"(?P<who11>[^.;:,]{3,100})",
        # Round 37: whoever delivers the statement in the name of the Minister (named after
        # it) speaks for her: « le directeur de l'OFCOM prononcera la déclaration de la Suisse
        # au nom de Madame la Conseillère fédérale ».
        r"(?P<who38a>\b(?:the|our)\s+(?!minister\s)(?:(?!not\b|never\b|that\b)[^.;:,]){3,80}?)\s+(?:will"
        r"|shall)\s+deliver\s+(?:the|its|our)\s+(?:[^.;:]{0,40}?\s)?statement\s+(?:[^.;:]{0,60}?\s)?"
        r"on\s+behalf\s+of\s+(?:the\s+)?(?:hon\S*\s+)?(?:minister|secretary|cabinet\s+secretary)\b",
        r"(?P<who38b>\b(?:le|la)\s+(?!ministre\s)(?:(?!ne\b|n'|que\b|qu')[^.;:,]){3,80}?)\s+prononcera\s+(?:la|sa)"
        r"\s+déclaration\s+(?:[^.;:]{0,60}?\s)?au\s+nom\s+d(?:e|u)\s+(?:(?:madame|monsieur)\s+)?"
        r"(?:la\s+|le\s+)?(?:ministre|conseill\w+|secrétaire|président\w*)",
        r"(?P<who38c>\b(?:el|la)\s+(?!ministr[oa]\s)(?:(?!no\b|que\b)[^.;:,]){3,80}?)\s+pronunciará\s+"
        r"(?:la|su)\s+declaración\s+(?:[^.;:]{0,60}?\s)?en\s+(?:nombre|representación)\s+del?\s+"
        r"(?:(?:señor|señora)\s+)?(?:ministr|secretari|president)\w*",
        # Round 37: the Russian statement made by someone after its verb ("заявление от имени
        # Российской Федерации сделает руководитель Федерального агентства связи").
        r"(?<![\w\u0400-\u04ff])заявлени\w*\s+(?:(?!не\s)\S+\s+){0,10}?(?:сделает|зачитает|огласит"
        r"|произнес[её]т)\s+(?!(?:лично|сам|сама|сами|он|она|от|министр)(?![\w\u0400-\u04ff]))"
        r"(?P<who37>[^.;:,]{3,100})",
        # Round 21: the task handed to someone ("has delegated to the Secretary the task of
        # delivering", « a confié au Directeur le soin de prononcer », "ha delegado en el
        # Secretario la tarea de pronunciar", «возложил на заместителя задачу выступить»,
        # "将发言任务交由司长承担", "أوكل إلى وكيل الوزارة مهمة إلقاء"), either order.
        r"\b(?:delegated|entrusted|assigned|handed|passed|given)\s+(?:to\s+)?(?P<who21a>(?!by\b)"
        r"[^;:]{3,100}?),?\s+(?:the\s+)?(?:task|responsibility|duty|job|role)\s+of\s+(?:delivering"
        r"|making|reading|presenting|speaking|representing)"
        r"|\b(?:delegated|entrusted|assigned)\s+(?:the\s+)?(?:task|responsibility|duty)\s+of\s+"
        r"(?:delivering|making|reading|presenting|speaking)[^;:]{0,80}?\s+to\s+(?P<who21b>[^.;:,]{3,100})",
        r"\b(?:délégué|confié|laissé|attribué)\s+(?:à|au|aux)\s+(?P<who21c>[^;:]{3,100}?),?\s+"
        r"(?:la\s+tâche|le\s+soin|la\s+charge|la\s+mission|la\s+responsabilité)\s+de\s+(?:le\s+|la\s+)?"
        r"(?:représenter|prononcer|lire|intervenir|présenter|parler)"
        r"|\b(?:délégué|confié)\s+(?:la\s+tâche|le\s+soin|la\s+charge|la\s+mission)\s+de\s+"
        r"(?:prononcer|lire|présenter|représenter)[^;:]{0,80}?\s(?:à|au)\s+(?P<who21d>[^.;:,]{3,100})",
        r"\b(?:delegado|delegó|encomendado|encomendó|confiado|confió|asignado|asignó)\s+(?:en|a|al)\s+"
        r"(?P<who21e>[^;:]{3,100}?),?\s+(?:la\s+tarea|el\s+cometido|la\s+responsabilidad|el\s+encargo"
        r"|la\s+misión)\s+de\s+(?:pronunciar|leer|presentar|representar|intervenir|formular|hablar)"
        r"|\b(?:delegado|delegó|encomendado|encomendó|confiado|confió)\s+(?:la\s+tarea|el\s+cometido"
        r"|la\s+responsabilidad|el\s+encargo)\s+de\s+(?:pronunciar|leer|presentar|representar"
        r"|intervenir)[^;:]{0,80}?\s(?:en|al|a\s+la)\s+(?P<who21f>[^.;:,]{3,100})",
        r"(?:возложил\w*\s+на|передал\w*|делегировал\w*)\s+(?P<who21g>[^.;:]{3,100}?)\s+(?:задачу"
        r"|обязанност\w*|полномочи\w*|право|миссию)\s+(?:выступ|зачит|представ|огласить)",
        r"(?:将|將|把)[^。；，]{0,8}?(?:发言|發言|致辞|致詞|宣读|宣讀)(?:的)?(?:任务|任務|工作)?(?:交由|交给"
        r"|交給|委托给|委託給|转交|轉交)(?P<who21h>[^。；，,]{2,30}?)(?:承担|承擔|负责|負責|完成|代为|代為"
        r"|(?=[。；，,])|$)",
        r"(?:أوكل|أسند|عهد)\S*\s+(?:\S+\s+){0,3}?(?:إلى|الى)\s*(?P<who21i>[^؛]{3,100}?)\s+(?:مهمة"
        r"|مهام)\s+(?:إلقاء|تمثيل|المشاركة|حضور|تقديم)",
        # Round 28: the statement (or the country's part) put in someone's charge, the statement
        # as subject ("Ghana's statement will be the responsibility of …", « la déclaration …
        # sera assurée par / confiée à / incombera à … », "la declaración … estará (correrá) a
        # cargo de …", «выступление … будет возложено на / доверено …», "发言将由…负责/承担",
        # "كلمة … ستكون من مسؤولية …"), or the act handed over ("أسند إلقاء الكلمة إلى …",
        # "سيتولى … إلقاء الكلمة"): whoever is named speaks for the Minister. Only after the
        # noun of the statement or of taking part (not "the travel costs will be the
        # responsibility of"), and no negator between the noun and the verb ("no estará a cargo
        # de", "will not be", "将不由").
        r"\b(?:statement|address|intervention|remarks|participation|representation)\s+"
        r"(?:(?!not\b)\S+\s+){0,8}?(?:will|shall)\s+(?:be\s+(?:the\s+responsibility\s+of|in\s+the"
        r"\s+(?:hands|charge)\s+of|entrusted\s+to|assigned\s+to|left\s+to|handled\s+by)|fall\s+to"
        r"|rest\s+with)\s+(?P<who28a>[^.;:,]{3,100})",
        r"\b(?:déclaration|intervention|allocution|participation|représentation)\s+"
        r"(?:(?!ne\b|n'|pas\b)\S+\s+){0,8}?(?:sera\s+(?:assurée?|confiée?|prise?\s+en\s+charge)\s+"
        r"(?:par|à|au|aux)|sera\s+entre\s+les\s+mains\s+d(?:e|u|es)|incombera\s+(?:à|au|aux)"
        r"|reviendra\s+(?:à|au|aux))\s+(?P<who28b>[^.;:,]{3,100})",
        r"\b(?:declaración|intervención|participación|representación|discurso)\s+"
        r"(?:(?!no\b)\S+\s+){0,8}?(?:(?:estará|estarán|correrá|correrán|quedará|quedarán)\s+a\s+"
        r"cargo\s+d(?:e|el)|quedará\s+en\s+manos\s+d(?:e|el)|(?:será|serán)\s+(?:confiad|encomendad"
        r"|asignad)[oa]s?\s+(?:a|al)|recaerá\s+en)\s+(?P<who28c>[^.;:,]{3,100})",
        r"(?:выступлени|заявлени|участи|представительств)\w*\s+(?:(?!не(?![\w\u0400-\u04ff]))\S+\s+)"
        r"{0,8}?(?:будет\s+)?(?:возложен\w*\s+на|доверен\w*)\s+(?P<who28d>[^.;:,]{3,100})",
        r"(?:发言|發言|致辞|致詞|讲话|講話|声明|聲明)(?:任务|任務|工作)?(?:将|將|拟|擬|届时|屆時)?由"
        r"(?P<who28e>[^。；，,不]{2,30}?)(?:负责|負責|承担|承擔|作出|宣读|宣讀|完成)",
        r"(?:كلمة|بيان)\S*\s+(?:\S+\s+){0,3}?(?:ستكون|سيكون)\s+من\s+مسؤولية\s+(?P<who28f>[^؛.،]{3,100})"
        r"|(?:أسند|أوكل|عهد)\S*\s+(?:إلقاء|تقديم)\s+\S+\s+(?:\S+\s+){0,3}?(?:إلى|الى)\s*"
        r"(?P<who28g>[^؛.،]{3,100})"
        r"|(?:^|\s)(?:سيتولى|ستتولى|يتولى|تتولى)\s+(?P<who28h>[^؛.،]{3,100}?)\s+(?:مهمة\s+)?"
        r"(?:إلقاء|تقديم)\s+(?:ال)?(?:كلمة|بيان)",
    ]
)

# Round 15: who acts for the Minister is still an open question ("the question of who could
# speak in his place … will be settled after his return", « la question de savoir qui »,
# "quién podría intervenir … se decidirá", «вопрос о том, кто мог бы выступить», "由谁代为发言",
# "مسألة من سيلقي"): an official named in it is a candidate, not a delegate. Read only in a
# sentence that would otherwise accept through a delegate.
OPEN_CHOICE = _compile(
    [
        r"\b(question|issue|choice|matter)\s+(of|as\s+to)\s+who\b"
        r"|\b(decide|determine|choose|decided|determined|chosen|sure)\s+(on\s+)?who\b"
        r"|\bwho\s+(could|would|might|should|will|is\s+to)\s+[^.;]{0,120}\b(will|is\s+to|has\s+yet"
        r"\s+to)\s+be\s+(decided|determined|settled|chosen|confirmed)\b",
        r"\bquestion\s+de\s+savoir\s+qui\b|\b(décider|déterminer|choisir|décidé|déterminé"
        r"|choisi)\s+qui\b|\bqui\s+(pourrait|pourra|devrait|va)\s+[^.;]{0,120}\bsera"
        r"\s+(décidé|tranché|déterminé|arrêté|confirmé)e?\b",
        r"\b(cuestión|decisión)\s+de\s+quién\b|\b(decidir|determinar|elegir|decidido"
        r"|determinado|elegido)\s+quién\b|\bquién\s+(podría|podrá|debería|va\s+a)\s+[^.;]{0,120}"
        r"\bse\s+(decidirá|determinará|resolverá|definirá|confirmará)\b",
        r"вопрос\s+о\s+том,?\s+кто|(решим|решат|определим|определят|решить|определить|выбрать"
        r"|решено|определено)\s*,?\s+кто(?![\w\u0400-\u04ff])"
        r"|(?<![\w\u0400-\u04ff])кто\s+(мог\s+бы|сможет|будет|должен)\s+[^.;]{0,120}"
        r"(будет\s+(решен|определен|решён|определён)|решится|определится)",
        r"由谁|由何人|何人(代为|代表|出席|发言)|谁(来|将|可)(代为|代表|出席|发言)",
        r"(?:مسألة|تحديد|اختيار|قرار)\s+من\s+(?:سي|قد\s+ي|يمكن\s+أن)\S*",
    ]
)


# A top message that hands on an answer written below it: "here is the Minister's reply",
# "voici la réponse", "回复如下", "ننقل إليكم أدناه" (round 6: the forwarded message then speaks).
FORWARD_POINTER = _compile(
    [
        r"\b(below|following|forwarded|herewith|here\s+is|see\s+the\s+(reply|answer|message))\b"
        r"|\b(ci-dessous|voici|ci-après|transf[ée]r\w*)\b|\b(a\s+continuaci[oó]n|abajo|adjunto\s+la"
        r"|reenv[ií]\w*|debajo)\b",
        r"ниже|пересыла\w*|следующ\w*\s+(ответ|сообщени)",
        r"如下|以下|见下|转发",
        r"أدناه|التالي|ننقل|نحيل|نرسل\s+إليكم",
    ]
)


# Round 21: a past participation in an earlier edition ("Spain had the honour of taking part in
# the 2019 sessions", « a participé aux sessions de 2019 », "tuvo el honor de participar en las
# sesiones de 2019", «участвовал в Форуме 2019 года», "曾有幸出席", "شاركت في دورة 2019"): the
# background of the answer, not the answer. Blanked (same length) to the earlier time it names,
# so "…, and will speak again this year" is still read.
PAST_EDITION = _compile(
    [
        r"\b(?:had\s+the\s+(?:honou?r|privilege|pleasure|opportunity)\s+(?:of|to)\s+(?:participat"
        r"|tak|attend|address|speak|deliver|join)\w*|(?:has|have|had)\s+(?:already\s+)?"
        r"(?:taken\s+part|participated|attended|spoken|addressed)|took\s+part|participated"
        r"|attended|spoke)\b[^,;:.!?]{0,80}?(?:\b(?:19|20)\d\d\b|\blast\s+year\b|\b(?:previous"
        r"|earlier|past|former|prior)\s+(?:editions?|sessions?|forums?|years?|meetings?|summits?)\b"
        r"|\bin\s+the\s+past\b)",
        r"\b(?:(?:a|avait|ont|avaient|avons|avions)\s+(?:déjà\s+)?(?:eu\s+l['’](?:honneur|occasion"
        r"|privilège|plaisir)\s+d['’e]\s*(?=particip|prendre|assister|intervenir|s['’]exprimer)\S+"
        r"|participé|pris\s+part|assisté|pris\s+la\s+parole)|prit\s+part)\b"
        r"[^,;:.!?]{0,80}?(?:\b(?:19|20)\d\d\b|\b(?:précédentes?|dernières?|passées?|antérieures?)\s+"
        r"(?:éditions?|sessions?)\b|\b(?:éditions?|sessions?)\s+(?:précédentes?|antérieures?"
        r"|passées?)\b|\bpar\s+le\s+passé\b)",
        r"\b(?:(?:tuvo|tuvimos|tuve|ha\s+tenido|había\s+tenido|hemos\s+tenido)\s+(?:el|la)\s+"
        r"(?:honor|privilegio|gusto|placer|oportunidad)\s+de\s+(?=particip|asistir|intervenir|tomar)\w+"
        r"|(?:ha|había|hemos|habíamos|han|habían)\s+(?:participado|asistido|intervenido"
        r"|tomado\s+parte)|participó|asistió|intervino|tomó\s+parte)\b[^,;:.!?]{0,80}?(?:\b(?:19|20)"
        r"\d\d\b|\b(?:ediciones?|sesiones?)\s+(?:anteriores?|pasadas?|previas?)\b|\b(?:anteriores?"
        r"|pasadas?|previas?)\s+(?:ediciones?|sesiones?)\b|\ben\s+el\s+pasado\b)",
        r"(?<![\w\u0400-\u04ff])(?:участвовал[аи]?|принимал[аи]?\s+участие|принял[аи]?\s+участие"
        r"|выступал[аи]?|выступил[аи]?|имел[аи]?\s+честь\s+(?:участвовать|выступить|выступать"
        r"|принять\s+участие))(?![\w\u0400-\u04ff])[^,;:.!?]{0,80}?(?:(?<!\d)(?:19|20)\d\d(?!\d)"
        r"|(?:предыдущ|прошл|прежн)\w+\s+(?:сесси|форум|раз)\w*)",
        r"(?:曾经|曾經|曾)(?=(?:有幸|多次|先后|先後)?[^。；，]{0,20}?(?:参加|參加|出席|发言|發言|与会|與會"
        r"|致辞|致詞))[^。；，]{0,50}|(?:参加过|參加過|出席过|出席過|发言过|發言過|与会过|與會過)"
        r"[^。；，]{0,30}",
        r"(?:سبق\s+(?:\S+\s+){0,2}?(?:أن|وأن)\s+\S+|(?:^|\s)(?:و|ف)?(?:شارك |شاركت |حضر |حضرت "
        r"|ألقى |ألقت )|(?:تشرف|تشرفت|تشرفنا)\s+(?:بالمشاركة|بحضور|بإلقاء|بالحضور))"
        r"[^،,؛.!?؟]{0,80}?"
        r"(?:(?<!\d)(?:19|20)\d\d(?!\d)|(?:الدورات?|الدورة|الجلسات)\s+(?:السابقة|الماضية)"
        r"|في\s+الماضي)",
    ]
)

# Round 22: an answer followed by "but we (still) need …" (« mais nous avons besoin », "pero
# necesitamos", «но нам нужно», "但我们需要", "لكننا نحتاج"): the sender still needs something
# (the time allotted, an authorisation) before the answer stands, so the sentence is pending,
# even when what is needed is the practical side of the speech (which beside a plain answer
# presupposes it, round 10).
NEED_FIRST = _compile(
    [
        r"\bbut\s+we\s+(?:still\s+|first\s+)?need\b",
        r"\bmais\s+(?:nous\s+avons\s+(?:encore\s+|d'abord\s+)?besoin|il\s+nous\s+faut)\b",
        r"\bpero\s+(?:aún\s+|antes\s+|primero\s+)?necesitamos\b",
        r"(?<![\w\u0400-\u04ff])но\s+нам\s+(?:ещё\s+|еще\s+|сначала\s+)?(?:нужн|необходим|потребу)",
        r"(?<!不)但(?:是)?(?:我们|我們|我方|我司|我部)(?:还|還|仍)?(?:需要|須要|需)",
        r"(?:^|\s)و?(?:لكننا|لكنا)\s+(?:ما\s+زلنا\s+)?(?:نحتاج|بحاجة)",
    ]
)

# Round 21: a confirmation that can only come later ("can only confirm his participation once
# …", « ne pourra confirmer sa participation qu'une fois … », "solo podrá confirmar … una vez
# que", "no podrá confirmar … hasta que", «сможет подтвердить участие только после того, как»,
# "只有…才能确认", "لن يتمكن من تأكيد مشاركته إلا بعد"): still pending, whatever the verb says.
ONLY_AFTER = _compile(
    [
        r"\bonly\s+(?:\w+\s+){0,4}?(?:confirm|commit)\w*\b[^.;:?!]{0,100}?\b(?:once|after|when"
        r"|upon|if|following)\b"
        r"|\b(?:confirm|commit)\w*\b(?:(?!\b(?:and|but)\b)[^.;:?!]){0,80}?\bonly\s+(?:\w+\s+)?"
        r"(?:once|after|when|upon"
        r"|following|if)\b|\b(?:confirm|commit)\w*\b[^.;:?!]{0,80}?\buntil\b"
        r"|\b(?:only\s+(?:once|after|when|upon)|not\s+until)\b[^.;:?!]{0,120}?\b(?:will|can|could"
        r"|be\s+able\s+to)\s+(?:\w+\s+){0,3}?(?:confirm|commit)\w*",
        r"\b(?:ne|n['’])\s*(?:\w+\s+){0,3}?(?:confirm\w*|s['’]engager|répondre|se\s+prononcer)\b"
        r"[^.;:?!]{0,100}?\bqu(?:e\s+|['’]\s*)(?:une\s+fois|après|à|au|lorsqu|quand|en|si|dès|sous)"
        r"|\b(?:ne|n['’])\s*(?:\w+\s+){0,3}?(?:pas|point)\s+(?:\w+\s+){0,2}?confirm\w*[^.;:?!]{0,80}?"
        r"\b(?:avant|tant\s+que)\b|\bconfirm\w*\b(?:(?!\b(?:et|mais)\b)[^.;:?!]){0,80}?"
        r"\b(?:seulement|uniquement)\s+"
        r"(?:une\s+fois|après|lorsqu|quand|si)|\bce\s+n['’]est\s+qu['’]\s*(?:une\s+fois|après|à|au"
        r"|lorsqu|quand|en)[^.;:?!]{0,120}?\bconfirm\w*",
        r"\b(?:solo|sólo|solamente|únicamente)\s+(?:\w+\s+){0,4}?(?:confirm|comprometer)\w*\b"
        r"[^.;:?!]{0,100}?\b(?:una\s+vez|cuando|después|tras|si|en\s+cuanto)\b"
        r"|\b(?:confirm|comprometer)\w*\b(?:(?!\b(?:y|pero)\b)[^.;:?!]){0,80}?\b(?:solo|sólo"
        r"|solamente|únicamente)\s+"
        r"(?:una\s+vez|cuando|después|tras|si|en\s+cuanto)\b|\b(?:confirm|comprometer)\w*\b"
        r"[^.;:?!]{0,80}?\bhasta\s+(?:que|no|después|conocer|tener|contar|saber|recibir|disponer)\b"
        r"|\bno\s+(?:\w+\s+){0,3}?(?:confirm|comprometer)\w*\b[^.;:?!]{0,80}?\bhasta\b"
        r"|\b(?:solo|sólo|solamente|únicamente)\s+(?:una\s+vez|cuando|después|tras)\b[^.;:?!]{0,120}?"
        r"\bconfirm\w*",
        r"(?<![\w\u0400-\u04ff])(?:подтверд|подтвержд)\w*(?:(?!\s(?:и|но)\s)[^.;:?!]){0,100}?"
        r"(?<![\w\u0400-\u04ff])(?:только|лишь)\s+(?:после|когда|если|в\s+случае|по\s+(?:возвращении|получении|итогам))"
        r"|(?<![\w\u0400-\u04ff])(?:только|лишь)\s+(?:\S+\s+){0,3}?(?:подтверд|подтвержд)\w*"
        r"[^.;:?!]{0,100}?(?<![\w\u0400-\u04ff])(?:после|когда|если|по\s+(?:возвращении|получении"
        r"|итогам))|(?<![\w\u0400-\u04ff])(?:только|лишь)\s+(?:после|когда|по\s+(?:возвращении"
        r"|получении|итогам))[^.;:?!]{0,120}?(?:подтверд|подтвержд)\w*"
        r"|(?<![\w\u0400-\u04ff])(?:подтверд|подтвержд)\w*[^.;:?!]{0,80}?(?<![\w\u0400-\u04ff])"
        r"(?:пока\s+не|до\s+тех\s+пор|до\s+того,?\s+как|не\s+ранее)",
        r"才(?:能|可|会|會|可以|能够|能夠|得以)?(?:正式|最终|最終)?(?:确认|確認|答复|答覆|回复|回覆)"
        r"|(?:后|後)再(?:行)?(?:正式)?(?:确认|確認|答复|答覆|回复)|(?:确认|確認)[^。；]{0,20}?(?:须|需|要)"
        r"(?:待|等)",
        r"(?:تأكيد|يؤكد|تؤكد|نؤكد|أؤكد|الرد)[^.؛?؟!]{0,80}?إلا\s+(?:بعد|عند|عندما|إذا|حين|متى"
        r"|في\s+حال|بموافقة)|(?:تأكيد|يؤكد|تؤكد|نؤكد)[^.؛?؟!]{0,80}?(?:(?:حتى|ريثما)(?!\s+(?:لو|وإن"
        r"|وان|إن|ان)\s)\s|فقط\s+(?:بعد|عند|عندما|إذا|حين|متى))",
    ]
)


# Round 21: a polite request to the reader ("we would be grateful if the list could be updated",
# « nous vous serions reconnaissants si », "les agradeceríamos si", «были бы признательны, если
# бы», "如能…不胜感激", "نكون ممتنين لو"): a courtesy, no condition on the answer, and what the
# reader is asked to do ("if you could accept a late reply") is no answer either. Blanked to
# the end of its clause before the condition is looked for.
POLITE_IF = _compile(
    [
        r"\b(?:grateful|obliged|thankful)\s+if\b[^.;:!?]*|\bappreciate\s+(?:it\s+)?if\b[^.;:!?]*",
        r"\b(?:reconnaissante?s?|obligée?s?)\s+si\b[^.;:!?]*",
        r"\bagradecer(?:ía|íamos|emos|é)\s+(?:mucho\s+)?si\b[^.;:!?]*"
        r"|\bagradecid[oa]s?\s+si\b[^.;:!?]*",
        r"(?<![\w\u0400-\u04ff])(?:признательн|благодарн)\w*,?\s+если(?:\s+бы)?"
        r"(?![\w\u0400-\u04ff])[^.;:!?]*",
        r"(?:如|若|如果)[^。；！？]{0,40}?(?:不胜感激|不勝感激|不胜感谢|将十分感谢|將十分感謝)",
        r"(?:ممتن\S*|شاكر\S*)\s+(?:لو|إذا|إن)\s[^.؛:!?؟]*",
    ]
)


# Round 23: a sentence of the top message that points at a message lower in the chain ("below",
# « ci-dessous », "más abajo", «ниже», "见下", "أدناه") and says that message does not stand (a
# draft, sent in error, not approved, void, to be disregarded, overruled: "the draft reply below
# was sent in error", «проект ответа (ниже) не согласован», "此前的邮件（见下）请不予考虑",
# "موافقته السابقة (أدناه) لاغية"): its answer words name the lower message, not the reply's
# answer. Both must be in the sentence; it is blanked up to the next colon or semicolon (what
# follows one, "…: the Minister will attend", still answers).
LOWER_MESSAGE = _compile(
    [
        r"\b(?:below|underneath|further\s+down|hereunder)\b",
        r"\b(?:ci-dessous|plus\s+bas|en\s+dessous)\b",
        r"\b(?:abajo|debajo)\b",
        r"(?<![\w\u0400-\u04ff])ниже(?![\w\u0400-\u04ff])",
        r"见下|見下|下面|下方|下文|下述",
        r"أدناه|ادناه|في\s+الأسفل",
    ]
)
VOIDED = _compile(
    [
        r"\b(?:disregard\w*|ignore[ds]?|void|null\s+and\s+void|withdrawn|superseded|overruled"
        r"|cancell?ed|in\s+error|by\s+mistake|mistakenly|erroneously|unapproved"
        r"|(?:was|were|has|have|had)\s+not\s+(?:been\s+)?(?:approved|cleared|signed\s+off|authori[sz]ed)"
        r"|draft(?:ed)?\s+(?:\w+\s+)?(?:reply|answer|response|letter|acceptance|refusal|regrets)"
        r"|(?:had|were|was)\s+(?:been\s+)?prepar\w+\s+(?:a|an|the|our)\s+(?:\w+\s+)?(?:reply"
        r"|answer|response|letter|acceptance|refusal|regrets)"
        r"|decided\s+otherwise|no\s+longer\s+(?:stands|valid|applies))\b",
        r"\b(?:ne\s+pas\s+(?:en\s+)?tenir\s+compte|ne\s+(?:le\s+|la\s+|les\s+|en\s+)?tenez\s+pas"
        r"\s+compte|ignorer|nulle?s?\s+et\s+non\s+avenue?s?|caduque?s?|annulée?s?|retirée?s?"
        r"|par\s+erreur|erronément|non\s+(?:validée?s?|approuvée?s?)"
        r"|n'(?:a|ont|avait|avaient)\s+pas\s+été\s+(?:validée?s?|approuvée?s?|signée?s?)"
        r"|projet\s+de\s+(?:réponse|lettre|courrier)|brouillon"
        r"|(?:avions|avait|aviez)\s+préparé\s+(?:un|une|la|le|notre)\s+(?:\w+\s+)?(?:réponse"
        r"|lettre|refus|acceptation)"
        r"|(?:en\s+)?a\s+décidé\s+autrement|n'est\s+plus\s+valable)\b",
        r"\b(?:no\s+(?:lo\s+|la\s+|los\s+|las\s+)?(?:tengan|tomen|tener|tomar)\s+en\s+cuenta"
        r"|hagan\s+caso\s+omiso|sin\s+efecto|nul[oa]s?|anulad[oa]s?|por\s+error|err[oó]neamente"
        r"|no\s+(?:fue|ha\s+sido|había\s+sido)\s+(?:aprobad|autorizad|validad)[oa]s?"
        r"|borrador|proyecto\s+de\s+(?:respuesta|carta|nota)"
        r"|(?:habíamos|había|habían)\s+preparado\s+(?:un|una|la|el|nuestra)\s+(?:\w+\s+)?"
        r"(?:respuesta|carta|negativa|aceptación)"
        r"|decidi[oó]\s+(?:lo\s+contrario|otra\s+cosa)|ya\s+no\s+es\s+v[aá]lid[oa])\b",
        r"(?<![\w\u0400-\u04ff])(?:не\s+учитыва\w*|недействительн\w*|утратил\w*\s+силу|ошибочно"
        r"|по\s+ошибке|не\s+согласован\w*|не\s+утвержд[её]н\w*|не\s+одобрен\w*"
        r"|проект\w*\s+(?:\S+\s+){0,2}?(?:ответа|письма)|черновик\w*"
        r"|готовил\w*\s+(?:\S+\s+)?(?:отказ|ответ|согласи)\w*|решил\w*\s+иначе|аннулир\w*"
        r"|отозван\w*)(?![\w\u0400-\u04ff])",
        r"不予考虑|不予考慮|请勿采用|請勿採用|不予采用|作废|作廢|撤回|误发|誤發|错发|錯發"
        r"|未获批准|未獲批准|未经批准|未經批准|未获同意|未獲同意|草稿|拟稿|擬稿|起草|不再有效",
        r"لاغي\S*|ملغا\S*|ملغي\S*|(?:^|\s)(?:إهمال|تجاهل)(?=\s)|خطأ|بالخطأ|مسودة"
        r"|قبل\s+اعتماد\S*|لم\s+[يت]عتمد\S*|قرر\S*\s+خلاف\S*|لم\s+يعد\s+ساري\S*",
    ]
)

# A clause mark bounds what a sentence about a lower message covers.
_CLAUSE_MARK = re.compile(r"[,:;，、：；،؛]")


def lower_message_blanked(text: str, scripts: frozenset[str]) -> str:
    """``text`` with the clauses that speak of a message lower in the chain that does not stand
    ("the draft reply below was sent in error", «проект ответа (ниже) не согласован») blanked
    (same length), from the clause of the first of the pointer and the verdict to the clause of
    the last: in a forwarded chain the top message decides, and its words there name the lower
    answer, not its own (round 23). The top's own answer in another clause ("the Minister will
    not attend, and please disregard the draft below") stays."""
    pointers = LOWER_MESSAGE.finditer(text, scripts)
    if not pointers:
        return text
    out = text
    for voided in VOIDED.finditer(text, scripts):
        # The pointer nearest the verdict ("we forward the exchange below: …, and the draft
        # refusal attached below is void" pairs the second "below" with "void").
        pointer = min(pointers, key=lambda p: abs(p.start() - voided.start()))
        first, last = min(pointer.start(), voided.start()), max(pointer.end(), voided.end())
        start = max((m.end() for m in _CLAUSE_MARK.finditer(text, 0, first)), default=0)
        stop = _CLAUSE_MARK.search(text, last)
        end = stop.start() if stop else len(text)
        out = out[:start] + " " * (end - start) + out[end:]
    return out


# Round 23: a refusal of something else made so as to take part ("he declined it precisely in
# order to speak at your session", «отклонил именно для того, чтобы выступить», « a décliné …
# afin de pouvoir intervenir », "rechazó … para poder participar", "婉拒了…，专门为本次论坛预留
# 了时间", "اعتذر عن … كي يتمكن من المشاركة"): the refusal is the price of the participation,
# not the answer; blanked (the participation, said elsewhere, decides). A denied reason to refuse
# in a relative clause ("sees no reasons for which he should decline", «не видит причин, по
# которым ему следовало бы отказаться»): nothing is refused either.
DECLINED_FOR = _compile(
    [
        r"\b(?:declined|turned\s+down|refused|cancell?ed)\s+[^.;]{0,60}?\b(?:in\s+order|so\s+as)\s+"
        r"to\s+(?:be\s+able\s+to\s+)?(?:attend|speak|take\s+part|participate|deliver|join|be\s+at)\w*"
        r"|\b(?:no|see\s+no|not\s+see\s+any)\s+reasons?,\s+(?:for\s+which|why)\s+[^.;]{0,60}?"
        r"\b(?:declin|refus|turn\w*\s+down)\w*",
        r"\b(?:décliné|refusé|annulé)e?s?\s+[^.;]{0,60}?\b(?:afin|pour)\s+(?:de\s+)?(?:pouvoir\s+)?"
        r"(?:participer|intervenir|prendre\s+la\s+parole|assister|être\s+présente?)\b"
        r"|\b(?:aucune\s+raison|pas\s+de\s+raisons?),\s+(?:pour\s+laquelle|pour\s+lesquelles)\s+"
        r"[^.;]{0,60}?\b(?:décliner|refuser|renoncer)\w*",
        r"\b(?:rechaz|declin|cancel)\w*\s+[^.;]{0,60}?\bpara\s+(?:así\s+)?(?:poder\s+)?"
        r"(?:participar|intervenir|asistir|hacer\s+uso\s+de\s+la\s+palabra|estar\s+presente)\b"
        r"|\b(?:ninguna\s+raz[oó]n|ning[uú]n\s+motivo|no\s+(?:ve|vemos)\s+(?:razones|motivos)),\s+"
        r"por\s+(?:la|las|el|los)\s+(?:que|cuales?)\s+[^.;]{0,60}?\b(?:declinar|rechazar|renunciar)\w*",
        r"(?<![\w\u0400-\u04ff])(?:отклонил|отказал|отменил)\w*\s+[^.;]{0,60}?(?:для\s+того,?\s+)?"
        r"чтобы\s+(?:\S+\s+){0,2}?(?:выступ|участв|принять\s+участие|присутствова)\w*"
        r"|(?<![\w\u0400-\u04ff])(?:не\s+(?:видит|видим|вижу|находит|находим)|нет)\s+(?:никаких\s+)?"
        r"(?:причин|оснований)\w*,\s+(?:по\s+которым|из-за\s+которых)\s+[^.;]{0,60}?"
        r"(?:отказ|отклон)\w*",
        r"(?:婉拒|谢绝|謝絕|推掉|推辞|推辭|拒绝|拒絕)了?[^。；]{0,30}?(?:以便|为了|為了|专门为|專門為|特意为|特意為"
        r"|特地为|特地為)[^。；]{0,20}",
        r"(?:اعتذر|اعتذرت|رفض|رفضت|ألغى|ألغت)\s+[^.؛]{0,60}?(?:كي|لكي|حتى)\s+(?:\S+\s+){0,2}?"
        r"(?:يشارك|تشارك|يتمكن|تتمكن|يحضر|تحضر|يلقي|تلقي)\S*",
    ]
)

# Round 23: a system unavailable ("our mail servers were unavailable for several days", « nos
# serveurs de messagerie ont été indisponibles », "nuestros servidores no estuvieron
# disponibles", «почтовый сервер был недоступен», "邮件系统无法使用", "الخادم غير متاح"): the
# reason for a late reply, no refusal. Blanked.
SYSTEM_DOWN = _compile(
    [
        r"\b(?:servers?|systems?|e-?mail|mailbox|network|connection)\s+(?:\w+\s+){0,2}?"
        r"(?:was|were|has\s+been|have\s+been|is|are)\s+(?:\w+\s+)?(?:down|unavailable|out\s+of"
        r"\s+service)\b",
        r"\b(?:serveurs?|systèmes?|messagerie|réseau|connexion)\s+(?:[\w']+\s+){0,3}?(?:a|ont|est"
        r"|sont|était|étaient)\s+(?:été\s+)?(?:\w+\s+)?(?:indisponibles?|hors\s+service|en\s+panne)\b",
        r"\b(?:servidor(?:es)?|sistemas?|correo|red|conexión)\s+(?:\w+\s+){0,3}?(?:no\s+)?(?:estuvo"
        r"|estuvieron|estaba|estaban|ha\s+estado|han\s+estado)\s+(?:\w+\s+)?(?:disponibles?"
        r"|fuera\s+de\s+servicio|caídos?|inaccesibles?)\b",
        r"(?<![\w\u0400-\u04ff])(?:сервер|систем|почт|сет)\w*\s+(?:\S+\s+){0,3}?(?:был|была|были"
        r"|было)?\s*(?:недоступ|не\s+работал|не\s+был\w*\s+доступ)\w*",
        r"(?:服务器|伺服器|邮件系统|郵件系統|邮箱|郵箱|网络|網絡|系统|系統)[^。；，]{0,8}?(?:无法使用|無法使用"
        r"|故障|中断|中斷|瘫痪|癱瘓)",
        r"(?:الخادم|الخوادم|البريد|النظام|الشبكة)\S*\s+(?:\S+\s+){0,3}?(?:غير\s+متاح|معطل|متوقف)\S*",
    ]
)


# Round 23: a consultation already held ("after consulting him we have decided", « après avoir
# consulté », "tras consultar", «после консультаций», "بعد التشاور"): done, so no pending
# word; blanked before the hedges are looked for (the decision that follows it decides).
CONSULTED = _compile(
    [
        r"\b(?:after|following|having)\s+(?:\w+\s+)?consult(?:ing|ed|ations?)\b",
        r"\baprès\s+(?:avoir\s+)?consult\w*|\baprès\s+(?:\w+\s+)?consultations?\b",
        r"\b(?:tras|después\s+de)\s+(?:consultar\w*|(?:la|las|\w+)?\s*consultas?)\b",
        r"(?<![\w\u0400-\u04ff])после\s+(?:\S+\s+)?(?:консультаци|обсуждени)\w*",
        r"经(?:过)?(?:协商|磋商|商议|征求意见)后?",
        r"بعد\s+(?:ال)?تشاور\S*",
    ]
)

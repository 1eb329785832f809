"""Reading a reply's own text: sentences → clauses → signals (accept, decline, hedge, question),
with negation scopes (``circular.replies.negation``), litotes, "not X but Y" substitutions and
delegates. What the signals add up to, and how sure that is, is ``circular.replies.confidence``.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace

from circular.replies import cues, negation

# --- sentences and clauses ------------------------------------------------------------------

# Abbreviations whose dot does not end a sentence ("H.E. Mr. Smith will deliver …").
_ABBREVIATIONS = re.compile(
    r"\b(H\.E|S\.E|Mr|Mrs|Ms|Dr|Prof|Amb|Sr|Sra|Mme|Mlle|No|Nos|St|e\.g|i\.e|etc|vs|Jr|Excmo"
    r"|Excma|Sres|Ing|Lic|Dra|Mtra|Mtro|Arq|Hon|Dña|Ud|Vd|Pr|Me|Mgr|Tel|tel|Fax|Av|ca|cf|approx|г|т\.е|т\.к|им"
    r"|ул|proc|Ref|Réf|réf|см)\.",
)
_INITIAL = re.compile(r"\b([A-ZА-Я])\.(?=\s*[A-ZА-Я])")
# A semicolon ends a sentence, except before a substitute ("will not speak on the 22nd;
# instead, she will …"): the Y belongs with the X it replaces (round 12).
_SENTENCE_END = re.compile(
    r"(?<=[.!?])\s+|(?<=;)\s+(?!(?:instead|rather|à\s+la\s+place|en\s+su\s+lugar|вместо\s+этого)\b)"
    r"|(?<=[。！？؟])|(?<=；)(?!而是|改为|改由)|\n\s*\n|\n(?=\s*[-•*·]\s)",
    re.I,
)
_CLAUSE_BREAK = re.compile(
    # A comma before a second "ни / ni" continues "neither X, nor Y" (round 13).
    r",(?!\s*(?:ни|ni)\b)\s*|[:，、،]\s*|\s+(?=(?:but|however|mais|pero|sino|но|однако|а)\b)"
    # Round 36: not before "himself instead of the Secretary", which names whom he replaces.
    r"|(?<!himself)(?<!herself)(?<!in\sperson)\s+(?=instead\b)"
    r"|\s+(?=(?:بل|وإنما|لكن|ولكن)\s)|(?=但是|不过|然而|而是|而由|而以|而通过|改由)|："
    # Informal Chinese separates clauses with a space or an emoji: "确定参加👍 详细信息稍后发您".
    r"|(?<=[\u4e00-\u9fff\U0001F300-\U0001FAFF\u2600-\u27BF])\s+(?=[\u4e00-\u9fff])"
)


# Typographic apostrophes ("won’t") and Arabic diacritics and tatweel ("يفوّت") would hide
# words from the cue lists, which are written plain.
_NORMAL = str.maketrans(
    {"\u2019": "'", "\u2018": "'", "\u02bc": "'", **{c: None for c in range(0x064B, 0x0653)}}
    | {0x0640: None, 0x0670: None}
)


def normalise(text: str) -> str:
    """``text`` with typographic apostrophes made plain and Arabic diacritics removed."""
    return text.translate(_NORMAL)


def sentences(text: str) -> list[str]:
    """Sentences of a reply; hard-wrapped lines of one paragraph are joined first."""
    text = cues.SALUTATION_LINE.sub(lambda m: m.group(0) + "\n", normalise(text))
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


# --- signals --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Signal:
    """One clause's verdict, with how it was reached."""

    kind: str  # accept | decline | hedge | question
    sentence: str
    position: int
    contrast: bool = False
    delegate: str | None = None
    litotes: str | None = None  # the double negative that made it an accept
    negation: str | None = None  # the trigger whose scope made it a decline
    substitution: bool = False  # the Y of "not X but Y"
    cue: str = ""  # the words that decided
    conditional: bool = False  # a condition or tentative word made the sentence pending
    explicit: bool = False  # a decline said in words of refusal, not only by a negation
    # Why the sentence's structure makes its reading unsafe without a person ("two negations",
    # "not X but Y"); None when it is plain.
    risk: str | None = None


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
    for pattern in cues.NOT_AN_ANSWER:
        sentence = pattern.sub(" ", sentence, scripts)
    # "We cannot but regret", "No podemos sino lamentar": the exceptive means "must"; its "but"
    # opens no "not X but Y" (same length, so clause positions hold).
    return cues.EXCEPTIVE.sub_blank(sentence, scripts)


def _negated_cue(
    lexicon: cues.Lexicon, text: str, scripts: frozenset[str], neg: negation.Negation
) -> tuple[re.Match[str] | None, re.Match[str] | None]:
    """(the first cue of ``lexicon`` outside every negation scope, the first one inside)."""
    free = inside = None
    for match in lexicon.finditer(text, scripts):
        if neg.negates(match.start()):
            inside = inside or match
        else:
            free = free or match
    return free, inside


# An elided verb after a contrast: "…, but the Deputy Minister will." / "mais la Vice-ministre,
# oui." — the verb of the clause before stands for it.
_ELLIPSIS = re.compile(
    r"\b(will|shall|can|does|is|oui|si|sí|да)\s*[.!]?\s*$|(会|将|會|將)\s*[。]?\s*$", re.I
)


# Russian "Выступать на Форуме Министр, увы, не будет": the negated auxiliary, cut off by a
# parenthetical, stands alone after the infinitive it negates.
_AUXILIARY_AFTER = re.compile(r"^\s*не\s+(с?мо\w+|буд\w+|стан\w+)\s*[.!]?\s*$", re.I)


_RELATIVE = cues.RELATIVE  # a relative clause speaks of its antecedent

# Round 23: a litotes of attitude ("far from indifferent to this year's theme", « loin d'être
# indifférent au thème », «не безразличен к теме») says what the Minister feels about its object,
# not that he takes part: alone, without a participation word in its clause, it answers nothing.
_ATTITUDE = re.compile(
    r"indifferent|uninterested|indifférent|indiferente|безразлич|равнодуш|漠不关心|漠不關心"
    r"|无动于衷|無動於衷|مبال",
    re.I,
)


# Round 33: a renouncing denied whose object is a stance ("will not forgo its reservations
# about the format", « ne renonce pas à ses réserves », "no renuncia a sus objeciones", «не
# отказывается от своих замечаний», "不放弃对会议形式的保留意见", "لا تتخلى عن تحفظاتها") keeps the
# stance, not the participation: it answers nothing, as a litotes of attitude does.
# Round 36: so does a refusal of cooperation denied ("не как отказ от сотрудничества с МСЭ, а
# как вынужденное решение", "not a rejection of our cooperation with ITU").
_STANCE_KEPT = re.compile(
    r"\b(?:forgo\w*|giv\w*\s+up|gave\s+up|abandon\w*|relinquish\w*|renounc\w*|waiv\w*|drop\w*"
    r"|withdraw\w*|refus\w*|reject\w*)\s+(?:on\s+|of\s+|to\s+)?(?:\S+\s+){0,3}?(?:reservations?"
    r"|objections?|concerns?|position|stance|doubts?|misgivings?|criticisms?|remarks|comments|views"
    r"|cooperat\w*|partnership|engagement)\b"
    r"|\brenon\w*\s+(?:pas\s+|point\s+|jamais\s+)?(?:à|aux?)\s+(?:\S+\s+){0,3}?(?:réserves?"
    r"|objections?|critiques?|préoccupations?|position|remarques|observations|doutes?"
    r"|réticences?|coopération|partenariat|engagement)\b"
    r"|\brefus\s+(?:de\s+|d')(?:\S+\s+){0,2}?(?:coopér\w*|partenariat|engagement)"
    r"|\brenunci\w*\s+(?:a|al)\s+(?:\S+\s+){0,3}?(?:reservas?|objeciones?|críticas?"
    r"|preocupaciones?|posición|postura|observaciones|comentarios|dudas?|reparos?|cooperación"
    r"|colaboración|compromiso)\b|\brechaz\w*\s+(?:a\s+|de\s+)?(?:\S+\s+){0,2}?(?:cooperación"
    r"|colaboración)"
    r"|(?<![\w\u0400-\u04ff])(?:отказ|откаж)\w*\s+от\s+(?:\S+\s+){0,3}?(?:замечани|возражени"
    r"|оговор|позици|сомнени|критик|претензи|опасени|сотрудничеств|взаимодейств|партн[её]рств)"
    r"|(?:放弃|放棄)[^，。；,;]{0,12}?(?:保留意见|保留意見|意见|意見|立场|立場|关切|關切|异议|異議|疑虑|疑慮|合作)"
    r"|(?:تخل|يتخلى|تتخلى|نتخلى|يتنازل|تتنازل|نتنازل)\S*\s+(?:\S+\s+){0,3}?عن\s+(?:\S+\s+){0,2}?"
    r"(?:ال)?(?:تحفظ|تحفّظ|اعتراض|موقف|ملاحظ|مخاوف|تعاون|شراكة)",
    re.I,
)


# Round 32: a litotes in the conditional perfect ("would not have hesitated to attend", « n'aurait
# pas hésité à participer », "no habría dudado en participar"; the English litotes is read from
# its "not", so "not have" is the modal perfect): the act did not happen, as
# ``cues.IRREALIS`` reads "would have attended"; it accepts nothing (it still counts as
# participation for a following "…, but this year cannot"). The Russian and Chinese
# conditionals have no tense ("не отказался бы" is also an offer): not here.
_COUNTERFACTUAL = re.compile(
    r"^(?:not|n't)\s+have\b|\bn'(?:aurai[st]?|aurions|auriez|auraient)\b"
    r"|\b(?:habría|habrían|hubiera|hubieran|hubiese|habríamos|hubiéramos)\b",
    re.I,
)


# Round 33: a litotes over a habit ("it is not the custom of our Ministry to decline", « il
# n'est guère dans les habitudes du Gabon de décliner », "no es costumbre de … declinar", «не в
# наших правилах отказываться», "我国一向不拒绝", "ليس من عادتنا الاعتذار") states what is usual,
# the background of an exception as often as of an acceptance: it answers nothing alone.
_HABIT = re.compile(
    r"\b(?:custom|habit|practice|tradition|wont|habitudes?|coutumes?|traditions?|pratiques?"
    r"|costumbres?|hábitos?|tradici[oó]n\w*|práctica)\b"
    r"|(?<![\w\u0400-\u04ff])(?:правил|традици|привычк|обыча)\w*"
    r"|惯例|慣例|习惯|習慣|传统|傳統|一向|向来|向來|从来|從來|عادت|عادة|تقاليد|دأب",
    re.I,
)


def _stance_kept(clause: str, litotes: str) -> bool:
    """Whether the double negative ``litotes`` denies giving up a stance, its object: not when
    an act comes first ("no renuncia a participar pese a sus reservas" renounces the act)."""
    at = clause.find(litotes)
    found = _STANCE_KEPT.search(clause, at, at + len(litotes) + 60) if at >= 0 else None
    return found is not None and cues.PARTICIPATE.search(clause[at : found.end()]) is None


# A coordinating conjunction: the verb after it may have its own polarity ("не намерен упускать
# такую возможность и выступит" — the negation is the litotes', not "выступит"'s).
_COORDINATION = re.compile(
    r"(?<![\w\u0400-\u04ff])(and|et|и|а\s+также)(?![\w\u0400-\u04ff])"
    # Spanish "y", not the French pronoun ("ne pourra pas y donner suite").
    r"|(?<!pas\s)(?<!plus\s)(?<!jamais\s)(?<!n')(?<![\w'])y(?![\w'])"
    # Arabic و glued to an imperfect or future verb ("ويلقي", "وسيشارك"), not "وسعه".
    r"|并|並|(?:^|\s)(?:وس[يتن]|و[يتن])(?=\S{3})",
    re.I,
)


def _over_coordination(
    body: str, neg: negation.Negation, negated: re.Match[str] | None
) -> str | None:
    """Why a decline read only from a negation is unsafe: the scope reached the participation
    word over a coordinating conjunction (round 5: each fresh set's swap was a scope that ran
    too far). None when it did not."""
    if negated is None:
        return None
    for scope in neg.scopes:
        if scope.backward or not scope.start <= negated.start() < scope.end:
            continue
        coordination = _COORDINATION.search(body, scope.start, negated.start())
        # Round 13: "участвовать не будет и заявления не представит": the coordinated verb has
        # its own negator, so both are refused.
        negated_too = coordination and any(
            other is not scope and not other.backward and coordination.end() <= other.start
            for other in neg.scopes
        )
        if coordination and not negated_too:
            return "a negation reaching over a coordinated verb"
    return None


def _impeded(body: str, scripts: frozenset[str], neg: negation.Negation) -> bool:
    """Whether ``body`` names an impediment of the act named before ("…, but his duties
    prevented it", "حالت دون ذلك"), not itself negated ("nothing will prevent it")."""
    found = cues.ANAPHORIC_IMPEDIMENT.search(body, scripts)
    return found is not None and not any(
        not scope.backward and scope.start < found.start() for scope in neg.scopes
    )


def _short(clause: str, words: int = 5) -> bool:
    """A clause of a few words ("but cannot", "mais ne le pourra pas", "但无法"): its verb is
    elided and refers to the clause before."""
    if cues.scripts_of(clause) & {"han"}:
        return len(clause.strip()) <= words + 1 + 3 * (words > 5)
    return len(clause.split()) <= words


# The clause break, kept with the clause before it so that clauses can be dropped and the rest
# rejoined as written.
_CLAUSE_KEEP = re.compile(
    "(?<=[,:，、،：])|(?=\\s(?:but|however|mais|pero|но|однако)\\b)"
    # A reporting comparative opens a backgrounded clause even without a comma: "المتحدث ليس
    # السفير كما ورد في رسالتنا السابقة" — only "as stated in our last message" is dropped.
    "|(?=\\s(?:كما\\s+(?:ورد|جاء|ذكر|أشير)|as\\s+(?:stated|indicated|mentioned|wrongly|erroneously)"
    "|comme\\s+(?:indiqué|mentionné|annoncé)|como\\s+(?:figuraba|se\\s+indic|indicamos)"
    "|как\\s+(?:ошибочно|было\\s+указано|указано|сообщалось))\\b)"
)


# Round 28: a connective set off by commas right after a clause's opening words ("Les
# confirmamos, por tanto, su participación", "We confirm, therefore, the Minister's
# participation", « Nous confirmons, donc, … », «Подтверждаем, таким образом, участие …») cuts
# no clause: the verb keeps its object. (After longer words it may join two clauses: kept.)
_CONNECTIVE_WORDS = (
    r",\s*(?:therefore|thus|hence|accordingly|consequently|por\s+(?:lo\s+)?tanto|pues"
    r"|en\s+consecuencia|por\s+consiguiente|así\s+pues|donc|par\s+conséquent|dès\s+lors|ainsi"
    r"|таким\s+образом|следовательно|итак|стало\s+быть)\s*,\s*"
)
_CONNECTIVE_GATE = re.compile(_CONNECTIVE_WORDS, re.I)  # a quick test before the full pattern
_CONNECTIVE = re.compile(
    r"(?:^|(?<=[,;:，；：]))(?P<head>\s*(?:[^\s,;:，；：]+\s+){0,2}[^\s,;:，；：]+)\s*"
    + _CONNECTIVE_WORDS,
    re.I,
)


def _close_connective(text: str) -> str:
    """``text`` with a connective parenthetical after a clause's first words folded into the
    clause (its commas removed)."""
    if _CONNECTIVE_GATE.search(text) is None:
        return text
    return _CONNECTIVE.sub(lambda m: m.group("head") + " ", text)


# English puts a sentence adverb of contrast after the auxiliary (round 11).
_ADVERB_AFTER_AUXILIARY = re.compile(
    r"\b(will|shall|would|can|could|is|are|was|were|has|have|must) "
    r"(however|nevertheless|nonetheless|instead)\b",
    re.I,
)


# "Before confirming participation, please …": a temporal clause with an infinitive answers
# nothing.
_BEFORE = re.compile(r"^\s*(before|avant\s+de|antes\s+de|прежде\s+чем|перед\s+тем|在|قبل)", re.I)


def _answered_before(text: str, scripts: frozenset[str], *, clause: bool = True) -> bool:
    """Whether ``text`` (what comes before a request or a hope) already answers, in a clause of
    its own when ``clause``."""
    if _BEFORE.match(text) or (clause and not _CLAUSE_BREAK.search(text)):
        return False
    return bool(cues.ACCEPT.search(text, scripts) or cues.DECLINE.search(text, scripts))


# A negator just before a tentative modal, and a refusal word just after it: "no podría
# negarse", "ne pourrait refuser" ("could not refuse") is an emphatic litotes, not a hedge.
_NEGATOR_BEFORE = re.compile(r"(?:\b(?:no|not|ne|n'|не)|不|لا|لن)\s*$", re.I)


def _tentative(text: str, scripts: frozenset[str]) -> re.Match[str] | None:
    """The first tentative word of ``text`` that is not the modal of a litotes."""
    for match in cues.TENTATIVE.finditer(text, scripts):
        after = text[match.end() : match.end() + 30]
        if _NEGATOR_BEFORE.search(text[max(0, match.start() - 6) : match.start()]) and (
            negation.refusal_at_start(after, scripts)
        ):
            continue
        return match
    return None


def _writes_for(body: str, behalf: re.Match[str], scripts: frozenset[str]) -> bool:
    """Whether ``behalf`` says for whom the letter is written ("I am writing on behalf of the
    Ambassador", « Je vous écris au nom de », «Пишу по поручению Посла», "受部领导委托函告"):
    a verb of writing or informing within a few words of it (round 37). Whoever the writer acts
    for speaks at no session."""
    window = body[max(0, behalf.start() - 40) : behalf.end() + 40]
    return cues.WRITING.search(window, scripts) is not None


def _later_attempt_blanked(text: str, scripts: frozenset[str]) -> str:
    """``text`` with a condition or tentative clause about a later occasion blanked, when an
    earlier clause of the sentence stands before it (round 36: "今年不在高级别政策会议上发言，明年
    再争取以部领导发言的形式参加", "will not speak this year, and may seek to next year"): it
    binds that occasion, not this answer. Not a first clause: "If next year's Forum is held in
    person, the Minister will attend" sets the condition of what follows."""
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(text)]
    for start, end in itertools.pairwise([*breaks, len(text)]):
        clause = text[start:end]
        if not text[:start].strip() or not cues.LATER_OCCASION.search(clause, scripts):
            continue
        if cues.CONDITION.search(clause, scripts) or _tentative(clause, scripts):
            text = text[:start] + " " * (end - start) + text[end:]
    return text


# "or" between options ("participation by video, or the Deputy Minister, or regrets").
_OR = re.compile(
    r"(?:^|[\s,،，])(or|ou|o|u|или|либо|أو|او)(?=[\s,])|或者|或是|还是|或(?=[\u4e00-\u9fff])", re.I
)
# Round 33: the answer itself named as an option ("we will send you our confirmation or, as the
# case may be, our regrets", "la confirmación o, en su caso, nuestra declinación", «направим
# согласие или отказ», "确认或婉拒", "القبول أو الاعتذار"): the answer is still to come.
_ANSWER_NOUN = re.compile(
    r"\b(?:acceptance|confirmation|acceptation|aceptación|confirmación)\b"
    r"|(?<![\w\u0400-\u04ff])(?:согласи|подтверждени)\w*|确认|確認|接受|(?:^|\s)(?:ال)?(?:قبول|تأكيد)",
    re.I,
)
_REFUSAL_NOUN = re.compile(
    r"regrets|refusal|declination|declinación|negativa|refus|excuses|отказ\w*|婉拒|谢绝|謝絕"
    r"|(?:ال)?(?:اعتذار|رفض)",
    re.I,
)


def _alternatives(text: str, scripts: frozenset[str]) -> re.Match[str] | None:
    """The "or" of a sentence that offers taking part and declining as options (an internal
    memo's "propose participation, or the Deputy, or an apology"), else None: options decide
    nothing (round 6). A refusal before the "or" ("unable to attend in person or by video")
    is not an option."""
    if _OR.search(text) is None:
        return None
    refusal = cues.DECLINE.search(text, scripts)
    if refusal is None:
        return None
    # Whole text: the Chinese "或" looks at the character after it ("确认或婉拒").
    options = [m for m in _OR.finditer(text) if m.end() <= refusal.start()]
    if not options:
        return None
    before = text[: options[-1].start()]
    if cues.PARTICIPATE.search(before, scripts) or cues.ACCEPT.search(before, scripts):
        return options[-1]
    between = re.sub(r"[,،，]", " ", text[options[-1].end() : refusal.start()])
    if (
        _ANSWER_NOUN.search(" ".join(before.split()[-3:]))
        and _REFUSAL_NOUN.fullmatch(refusal.group(0).strip())
        and len(between.split()) <= 6
    ):
        return options[-1]
    return None


# Round 28: what may negate a designation is in its own clause. A Chinese modifier ends at "的"
# ("届时无法出席的部长已委托副部长…", the Minister who cannot attend has asked the Deputy …): a
# negation before it is the relative clause's, about the Minister, as one closed by a comma is
# in the other languages («El Ministro, quien no estará disponible, ha designado …»).
_DESIGNATION_CLAUSE = re.compile(r"[,;:،，；]|的")


def _designated(text: str, scripts: frozenset[str]) -> str | None:
    """Whom the Minister designated to act for him ("has designated X to represent him"), when
    the designation is not negated."""
    match = cues.DESIGNATE.search(text, scripts)
    if match is None:
        return None
    # The negation of the designation itself, in its own clause ("has not designated"); a
    # refusal in the clause before is the Minister's (round 17). Round 34: also inside the
    # designation, before the one named ("La declaración no será pronunciada por el Ministro").
    key = next((k for k, v in match.groupdict().items() if v and k.startswith("who")), None)
    named_at = match.start(key) if key else match.start()
    before = _DESIGNATION_CLAUSE.split(text[max(0, match.start() - 25) : match.start()])[-1]
    if cues.NEGATION.search(before) or cues.NEGATION.search(text[match.start() : named_at]):
        return None
    who = match.group(key) if key else ""
    if cues.DECLINE.search(who, scripts) or cues.NEGATION.search(who, scripts):
        return None  # "asked … to convey that he must decline": a messenger, not a delegate
    return who.strip(" ,;:-–—") or None


def _in_modifier(body: str, neg: negation.Negation, official: int) -> bool:
    """Whether every negation of the clause lies in a modifier closed before the official at
    ``official`` is named: a relative clause about the Minister, whose refusal it is, not a
    negation of the official's part."""
    if not neg.scopes or any(s.backward or s.end > official for s in neg.scopes):
        return False
    last = max(s.start for s in neg.scopes)
    # A Chinese modifier ends at "的" (see _DESIGNATION_CLAUSE).
    return "的" in body[last:official]


def _answer_word(clause: str, scripts: frozenset[str]) -> str | None:
    """The answer (accept or decline, or hedge for a postponement) when ``clause`` is a bare
    answer word after a contrast ("… not yes, but no"), else None."""
    match = cues.ANSWER_WORD.search(clause, scripts)
    if match is None:
        return None
    said = {k[:2] for k, v in match.groupdict().items() if v}
    if "wa" in said:
        return "hedge"  # "not a refusal, but a postponement": still to be answered (round 15)
    return "decline" if "no" in said else "accept"


# A short clause that denies only a day or a date ("a не 22-го", "and not on the 22nd").
_DAY_DENIED = re.compile(
    r"^\s*(?:(?:and|but|а|и|но|et|mais|y|pero)\s+)?(?:not|не|non|pas|no)\s+(?:on\s+)?(?:the\s+)?"
    r"(?:le\s+|el\s+|día\s+)?\d{1,2}(?:st|nd|rd|th|-?го|-?e|er)?(?:\s+\w+)?\s*[.;]?\s*$",
    re.I,
)
#: "Only" restricting a Chinese negation to one day (round 18).
_ONLY = r"(?:只是|只有|仅|僅|惟独|惟獨|唯独|唯獨|唯|惟)"
# Round 13: a day said to be impossible ("the date of 22 March is not possible", « le 22 mars
# n'est pas possible », "el 22 de marzo no es posible", «22 марта не подходит», "22日不行").
_DAY_NOT_POSSIBLE = re.compile(
    r"^\s*(?:(?:the\s+)?date\s+of\s+|la\s+date\s+du\s+|la\s+fecha\s+del?\s+|дата\s+)?"
    r"(?:(?:the|le|el)\s+)?(?:(?:monday|lundi|lunes|понедельник)\s+)?\d{1,2}(?:st|nd|rd|th|er|-?го)?\s+(?:de\s+)?\w+"
    r"\s+(?:is\s+not|isn't|n'est\s+pas|no\s+es|не)\s+(?:possible|convenient|suitable|posible"
    r"|conveniente|возможн\w*|подходит)"
    r"|^\s*\d{1,2}\s*(?:日|号|號)[^，。；]{0,4}(?:不行|不方便|不合适|不合適)"
    # Round 18: "只是22日无法调动" (only the 22nd cannot be moved): "only" restricts the
    # negation to that day, after the other days were granted.
    r"|^\s*" + _ONLY + r"\s*\d{1,2}\s*(?:日|号|號)[^，。；]{0,3}"
    r"(?:无法|無法|不能|不可|不行|不方便)[^，。；]{0,4}[。.]?\s*$"
    r"|^\s*(?:يوم\s+)?\d{1,2}\s+\S+\s+(?:غير\s+ممكن|غير\s+مناسب|لا\s+يناسب)",
    re.I,
)
# The day's negation restricted by "only" ("只是22日无法…"): its negator is no refusal word.
_DAY_ONLY = re.compile(r"^\s*" + _ONLY)
# Round 25: a preference not to speak on one day ("would prefer not to speak on Friday 26
# March", « préférerait ne pas intervenir le vendredi », "preferiría no intervenir el viernes",
# «предпочёл бы не выступать в пятницу», "最好不要安排在周五", "يفضل ألا يتحدث يوم الجمعة")
# asks for a slot; it refuses nothing.
_WEEKDAY = (
    r"(?:monday|tuesday|wednesday|thursday|friday|lundi|mardi|mercredi|jeudi|vendredi|lunes"
    r"|martes|miércoles|jueves|viernes|понедельник|вторник|среду|четверг|пятницу|\d{1,2})"
)
_PREFER_NOT_DAY = re.compile(
    r"\bprefers?\s+not\s+to\s+\w+(?:\s+\w+){0,3}?\s+on\s+(?:the\s+)?"
    + _WEEKDAY
    + r"|\bpréfér\w*\s+ne\s+pas\s+\w+(?:\s+\w+){0,3}?\s+(?:le\s+)?"
    + _WEEKDAY
    + r"|\bprefer\w*\s+no\s+\w+(?:\s+\w+){0,3}?\s+(?:el\s+)?"
    + _WEEKDAY
    + r"|(?<![\w\u0400-\u04ff])предпоч\w*\s+(?:бы\s+)?не\s+\w+(?:\s+\w+){0,3}?\s+(?:в\s+|во\s+)?"
    + _WEEKDAY
    + r"|(?:最好|希望|宜)(?:不要|不|别|勿)(?:安排)?(?:在)?(?:周|星期|礼拜|\d{1,2}日)"
    + r"|(?:يفضل|نفضل)\s+(?:عدم|ألا)\s+\S+(?:\s+\S+){0,3}?\s+يوم",
    re.I,
)
# (A quick test for the words of preference before the pattern is run on a clause.)
_PREFER = re.compile(r"pr[eé]f[eé]r|предпоч|最好|希望|宜|يفضل|نفضل", re.I)
# Round 25: a double negative over a verb of noticing ("cannot fail to notice that …", « ne
# peut manquer de constater », "no puede dejar de notar", «не может не заметить», "不能不注意到",
# "لا يسعه إلا أن يلاحظ") says what the Minister sees, not that he takes part.
_NOTICED = re.compile(
    r"^\W*(?:to\s+)?(?:notice|note|observe|see|recall|recogni[sz]e|remark|point\s+out)\b"
    r"|^\W*(?:de\s+|d')?(?:constater|noter|remarquer|relever|rappeler|souligner|observer)\b"
    r"|^\W*(?:de\s+)?(?:notar|observar|señalar|constatar|recordar|advertir)\b"
    r"|^\W*(?:заметить|отметить|признать|напомнить|обратить)"
    r"|^\W*(?:注意到|指出|看到|提到)"
    r"|^\W*(?:أن\s+)?(?:يلاحظ|نلاحظ|يشير|نشير|ننوه|ينوه)",
    re.I,
)


# Round 26: a double negative over a verb of reporting back ("will not fail to get back to
# you", « ne manquerons pas de revenir vers vous », "no dejaremos de responderles", «не преминем
# сообщить», "لن نتوانى عن إبلاغكم") promises news of the answer, not the answer.
_REPORTED = re.compile(
    r"^\W*(?:to\s+)?(?:get\s+back|revert|come\s+back|write\s+back|inform|notify|advise|update"
    r"|let\s+you\s+know|keep\s+you|reply|respond)\b"
    r"|^\W*(?:de\s+|d')?(?:revenir\s+vers|vous\s+(?:informer|tenir|faire\s+(?:savoir|part|connaître)"
    r"|communiquer|transmettre|répondre|recontacter|écrire|aviser|prévenir|notifier)"
    r"|informer|aviser|prévenir|tenir\s+informé|répondre|recontacter)\b"
    r"|^\W*(?:de\s+)?(?:informar|comunicar|notificar|avisar|responder|contestar|escribir"
    r"|mantener\w*\s+informad|volver\s+a\s+(?:escribir|contactar|comunicar))"
    r"|^\W*(?:сообщить|проинформировать|информировать|уведомить|известить|ответить|связаться"
    r"|поставить\s+вас\s+в\s+известность|держать\s+вас)"
    r"|^\W*(?:及时)?(?:告知|通知|答复|回复|函告|联系|告诉)"
    r"|^\W*(?:أن\s+|عن\s+|في\s+)?(?:إبلاغ|نبلغ|يبلغ|إخطار|نخطر|إعلام|نعلم|موافا|نوافي|يوافي|الرد"
    r"|نرد|إفاد|نفيد|التواصل|نتواصل)",
    re.I,
)


def _governs(verbs: re.Pattern[str], body: str, litotes: str) -> bool:
    """Whether the double negative ``litotes`` governs, in ``body``, a verb of ``verbs`` (a
    verb of noticing, of reporting back)."""
    at = body.find(litotes)
    return at >= 0 and bool(verbs.search(body[at + len(litotes) :]))


_BARE_CONTRAST = re.compile(
    r"^\s*(instead|rather|however|à\s+la\s+place|en\s+revanche|en\s+cambio|en\s+su\s+lugar"
    r"|sin\s+embargo|вместо\s+этого|однако)\s*$",
    re.I,
)


def _approval_note(text: str, scripts: frozenset[str]) -> bool:
    """Whether ``text`` is an official's approval note on a draft ("Agreed — Chief of Staff",
    «Согласен — Руководитель аппарата»): a few words naming who signs, with no act of its own
    ("Agreed: the Minister will speak" still answers)."""
    match = cues.APPROVAL_NOTE.search(text, scripts)
    if match is None:
        return False
    rest = next((v for v in match.groupdict().values() if v is not None), "")
    return (
        _short(rest, words=6)
        and cues.ACCEPT.search(rest, scripts) is None
        and cues.PARTICIPATE.search(rest, scripts) is None
        and cues.DECLINE.search(rest, scripts) is None
        and cues.NEGATION.search(rest, scripts) is None
    )


def score_sentence(sentence: str, position: int) -> list[Signal]:
    """The signals of one sentence: a question or a condition makes the whole sentence
    pending; otherwise each clause may accept, decline or be pending on its own."""
    is_question = "?" in sentence or "？" in sentence or "؟" in sentence
    scripts = cues.scripts_of(sentence)
    # "For your confidential information, …" is addressed to the reader: no footer.
    text = _close_connective(cues.ASIDE.sub(" ", sentence, scripts))
    if cues.DISCLAIMER.search(text, scripts) or cues.NOT_CONCERNED.search(text, scripts):
        # A footer, or the office saying the matter is not its own ("К сожалению, наш отдел
        # этим не занимается"): its regret is for that, not an answer (round 11).
        return []
    if _approval_note(text, scripts):
        return []
    text = cues.lower_message_blanked(
        text, scripts
    )  # "the draft below was not approved" (round 23)
    # "I thank you on his behalf" (round 33), before the thanks themselves are removed.
    text = cues.THANKS_ON_BEHALF.sub_blank(text, scripts)
    text = _neutralise(text, scripts)
    text = cues.unpublished_blanked(text, scripts)  # "please do not publish …" (round 32)
    text = cues.QUOTED_WORDING.sub_blank(text, scripts)  # "the phrase “…”" (round 32)
    # "Our Permanent Secretary will however represent him": the contrast opens the clause,
    # the auxiliary stays with its verb (same length, so positions hold).
    text = _ADVERB_AFTER_AUXILIARY.sub(r"\2 \1", text)
    causes = cues.CAUSE_NOT_ACT.finditer(text, scripts)
    for cause in causes:
        # "no declina por desinterés, sino …": the negator speaks of the cause; remove it.
        start, end = cause.span(cause.lastindex or 0)
        text = text[:start] + " " * (end - start) + text[end:]
    found: list[Signal] = []
    request = None if is_question else cues.QUESTION.search(text, scripts)
    if request and _answered_before(text[: request.start()], scripts):
        # "部长确认出席并发言，请告知具体时间安排": the request for details follows the answer.
        found.append(Signal("question", sentence, position, cue=request.group(0)))
        text = text[: request.start()]
    elif is_question or request:
        return [Signal("question", sentence, position, cue="question")]
    # "the draft says that …" (round 33), "我局2月17日曾答复，…" (round 38): before the clauses
    # that report an earlier position are dropped, so that what was reported goes with them.
    text = cues.REPORTED_TEXT.sub_blank(text, scripts)
    # Backgrounded clauses (concessive, or reporting an earlier position) do not answer.
    text = "".join(
        piece
        for piece in _CLAUSE_KEEP.split(text)
        if not (cues.CONCESSIVE.match(piece) or cues.REPORTED.search(piece, scripts))
    )
    hope = cues.HOPE.search(text, scripts)
    if hope:
        # What is hoped for is not asserted: only the words before the hope may answer ("accepts
        # and hopes to join the round table too" still accepts, and is not hedged).
        # A hope for something else ("we hope to be part of it in 2022") hedges nothing.
        hoped = cues.ACCEPT.search(text, scripts, pos=hope.end())
        if hoped and not _answered_before(text[: hope.start()], scripts, clause=False):
            found.append(Signal("hedge", sentence, position, cue=hope.group(0), conditional=True))
        text = text[: hope.start()]
    # "…, failing that any other day suits": the fallback binds the slot (round 11).
    text = cues.FALLBACK_SLOT.sub_blank(text, scripts)
    text = cues.BEFORE_ACT.sub_blank(text, scripts)  # "Before confirming …, we need" (round 16)
    text = cues.IMPRESSION.sub_blank(text, scripts)  # "the impression that …" (round 16)
    text = cues.OTHER_OBJECT.sub_blank(text, scripts)  # "decide on participation" (round 17)
    text = cues.PAST_EDITION.sub_blank(text, scripts)  # "took part in 2019" (round 21)
    text = cues.POLITE_IF.sub_blank(text, scripts)  # "we would be grateful if" (round 21)
    text = cues.DECLINED_FOR.sub_blank(text, scripts)  # "declined it in order to speak" (round 23)
    text = cues.SYSTEM_DOWN.sub_blank(text, scripts)  # "our servers were unavailable" (round 23)
    text = cues.CONSULTED.sub_blank(text, scripts)  # "after consulting him" (round 23)
    # "can only confirm once …" (round 21), "accepted, but we need …" (round 22)
    later = cues.ONLY_AFTER.search(text, scripts) or cues.NEED_FIRST.search(text, scripts)
    if later:
        return [Signal("hedge", sentence, position, cue=later.group(0), conditional=True)]
    text = _later_attempt_blanked(text, scripts)
    condition = (
        cues.CONDITION.search(text, scripts)
        or _tentative(text, scripts)
        or _alternatives(text, scripts)
    )
    if condition:
        return [Signal("hedge", sentence, position, cue=condition.group(0), conditional=True)]
    role_name: str | None = None
    role_at = -1  # the index in ``found`` when the official was named
    speaks = False
    # Whether an earlier clause negated participation (for "not X but Y" and "…but cannot").
    negated_before = participated_before = False
    negated_act_before = False  # "will not be delivered by the Ambassador, but by …"
    negations = 0  # negations opened inside another's scope ("没有不参加", "нет … не прочь")
    # A contrast clause after a negated one ("not X but Y", "no … sino") whose Y is not plainly
    # another person or way of taking part.
    substituted = False
    contrasted = False  # any contrast clause in the sentence that may turn the answer
    carried = False  # a contrast word standing alone before a comma ("instead, she will …")
    reasoned = False  # the Y clause of a denied reason was read (round 20)
    denied_reason = False  # the clause before denied a reason ("not for lack of …", round 24)
    wished_before = False  # an earlier clause wished or hoped in vain ("had hoped", round 24)
    for index, clause in enumerate(_CLAUSE_BREAK.split(text)):
        if not clause or not clause.strip():
            continue
        contrast = index > 0 and bool(cues.CONTRAST.search(clause))
        if contrast and _BARE_CONTRAST.match(clause):
            carried = True
            continue
        contrast, carried = contrast or carried, False
        if cues.REVOKED.search(clause, scripts):
            continue  # "the note below about declining is no longer relevant" (round 13)
        hedge = cues.HEDGE.search(clause, scripts)
        if hedge:
            found.append(Signal("hedge", sentence, position, contrast, cue=hedge.group(0)))
            contrasted = contrasted or contrast
            continue
        neg = negation.analyse(clause, scripts, cues.PARTICIPATE)
        body = neg.text
        principal_refused = False  # this clause's negation is in a modifier of the Minister
        litotes = neg.litotes[0] if neg.litotes else None
        accept, accept_negated = _negated_cue(cues.ACCEPT, body, scripts, neg)
        participate, participate_negated = _negated_cue(cues.PARTICIPATE, body, scripts, neg)
        counterfactual = litotes is not None and bool(_COUNTERFACTUAL.search(litotes))
        if accept and (counterfactual or cues.IRREALIS.search(body, scripts)):
            # "The Minister was keen to accept, but …": an unfulfilled wish accepts nothing
            # (it still counts as participation for the elided "…, but cannot").
            participate, accept = participate or accept, None
        if counterfactual:
            litotes = None  # "would not have hesitated to attend" did not attend (round 32)
        # "would be pleased to speak" (round 20): an offer in the conditional, not a commitment;
        # nor does it let a delegate named in the clause speak for the Minister.
        offered = accept is not None and cues.wished_only(body, accept, scripts)
        if offered:
            accept = None
        explicit = cues.DECLINE.search(body, scripts)
        role, role_negated = _negated_cue(cues.ROLE, body, scripts, neg)
        approval = cues.APPROVAL_FOR.search(body, scripts) if role else None
        if role and approval and role.start() < approval.start():
            # Round 36: "The Secretary to the Ministry has granted approval for the Hon.
            # Minister to address the session": who approves does not speak; who is named
            # after the approval may.
            role = cues.ROLE.search(body, scripts, pos=approval.end())
            role_negated = None
        # After a negated cause ("does not decline for lack of interest, but because …") the
        # contrast gives the real cause, not a substitute.
        substitution = contrast and negated_before and not causes
        if substitution and denied_reason and cues.CAUSAL_Y.match(clause):
            # "will not speak, not for lack of interest, but because …" (round 24): the Y is
            # a reason; the acts it names (the preparations' own) answer nothing.
            substitution = False
            accept, participate, role, litotes = None, None, None, None
        if contrast and causes and not reasoned:
            # "原因不是日期問題，而是本局已承諾參加另一個論壇" (round 20): the Y of a denied
            # reason is the real reason; the acts it names (another forum's) answer nothing.
            reasoned = True
            accept, participate, role, litotes = None, None, None, None
        negations += _nested(neg.scopes, neg.text)
        answer_word = _answer_word(clause, scripts) if substitution or contrast else None
        denied_reason = bool(cues.DENIED_REASON.match(clause))
        if answer_word == "hedge" or (answer_word and not substitution):
            # "not a refusal, but a postponement" (the litotes leaves no negation behind):
            # still to be answered; an answer word after a contrast decides only as the Y of
            # "not X but Y" (round 15).
            if answer_word == "hedge":
                found.append(Signal("hedge", sentence, position, True, cue=clause.strip()))
            answer_word = None
        # The Y of a substitution as a way of taking part ("not in person but by video") or
        # the Minister in person ("not the Ambassador but the Minister herself").
        manner = (
            substitution
            and not neg.any
            and bool(cues.MANNER.search(body, scripts))
            and (bool(participate) or _short(body, words=6))
        )
        minister = (
            substitution
            and not neg.any
            and (participated_before or negated_act_before)
            and bool(cues.MINISTER.search(body, scripts))
            and (bool(participate) or _short(cues.MINISTER_TITLE.sub(" minister", body), words=6))
        )
        substituted = substituted or (
            substitution
            and not answer_word
            and bool(
                cues.UNSAFE_SUBSTITUTE.search(clause, scripts)
                or cues.NEGATION.search(body, scripts)
                or cues.IRREALIS.search(text, scripts)
            )
        )
        # Round 11: "ليس هناك ما يمنع …، بل إن معاليه حريص عليها" (nothing prevents it; indeed he
        # is keen on it): a contrast clause with no negation, refusal or hedge reinforces.
        contrasted = contrasted or (contrast and bool(neg.any or explicit or neg.litotes))
        if substitution and not cues.WRITTEN.search(body, scripts):
            # "not X but Y": X was only negated to be replaced; a decline read from that
            # negation alone (no word of refusal) does not stand ("not on the 22nd but the 25th").
            # A written report or contribution for Y does not replace the speech (round 13).
            found = [s for s in found if not (s.kind == "decline" and not s.explicit)]
        if role and not role_negated and role_name is None:
            # Read the name in the whole sentence: it runs across commas ("the Deputy
            # Minister, Dr. Samuel Okello, will deliver").
            in_text = cues.ROLE.search(text, scripts, pos=max(text.find(clause), 0))
            role_name = _delegate_name(text, in_text or role)
            role_at = len(found)
            principal_refused = _in_modifier(body, neg, role.start())
        if not (accept_negated or participate_negated):
            # Someone speaks or acts on the Minister's behalf in this clause (the official may
            # be named in another: "the Deputy Minister, Ing. X, will speak on his behalf").
            behalf = cues.BEHALF.search(body, scripts)
            if behalf and _writes_for(body, behalf, scripts):
                behalf = None  # "I am writing on behalf of the Ambassador" (round 37)
            elided = role and substitution and _ELLIPSIS.search(clause)
            # "not the Minister but the Deputy Minister": the Y of a substitution stands.
            substitutes = substitution and (participate or role)
            speaks = speaks or (bool(accept or behalf or elided or substitutes) and not offered)
        trigger = neg.scopes[0].trigger if neg.scopes else None
        if answer_word:
            # "The answer is not yes, but no": the Y is the answer itself.
            found.append(
                Signal(answer_word, sentence, position, True, cue=clause.strip(), explicit=True)
            )
        elif not explicit and _PREFER.search(body) and _PREFER_NOT_DAY.search(body):
            # "would prefer not to speak on Friday 26 March": a slot asked for (round 25).
            negated_before = True
        elif (not explicit or _DAY_ONLY.match(body)) and _DAY_NOT_POSSIBLE.search(body):
            # "la date du 22 mars n'est pas possible pour lui": one day refused, not the
            # invitation; a "not the 22nd but the 25th" may follow (round 13).
            negated_before = True
        elif explicit or accept_negated or participate_negated:
            cue = (explicit or accept_negated or participate_negated).group(0)  # type: ignore[union-attr]
            negated = None if explicit else accept_negated or participate_negated
            found.append(
                Signal(
                    "decline",
                    sentence,
                    position,
                    contrast,
                    negation=trigger,
                    cue=cue,
                    explicit=bool(explicit),
                    risk=_over_coordination(body, neg, negated),
                )
            )
            negated_before = True
            if principal_refused:
                role_at = len(found)  # the refusal is the Minister's, before the official
        elif accept and not cues.principal_acts(body, accept.end()):
            found.append(
                Signal(
                    "accept",
                    sentence,
                    position,
                    contrast,
                    litotes=litotes,
                    substitution=substitution,
                    cue=accept.group(0),
                )
            )
        elif litotes and _governs(_REPORTED, clause, litotes):
            # "Nous ne manquerons pas de revenir vers vous", «не преминем сообщить вам»: a
            # promise to report back, not the act; the answer is still to come.
            found.append(Signal("hedge", sentence, position, contrast, cue=litotes))
        elif (
            litotes
            and not _RELATIVE.match(clause)
            and not (_ATTITUDE.search(litotes) and participate is None)
            and not _governs(_NOTICED, clause, litotes)
            and not _stance_kept(clause, litotes)
            and not _HABIT.search(clause, 0, max(clause.find(litotes), 0) + len(litotes))
        ):
            # "will not be absent", "no faltará al Foro", "绝不会缺席": the double negative
            # alone affirms the attendance it denies missing (not in a relative clause: "the
            # Commonwealth meeting, which he cannot miss" speaks of the other meeting).
            found.append(
                Signal("accept", sentence, position, contrast, litotes=litotes, cue=litotes)
            )
        elif (
            (contrast or _AUXILIARY_AFTER.match(body))
            and participated_before
            and not role
            # "…, but cannot"; or an impediment of the act named before, however long the
            # clause ("…, غير أن ارتباطات معاليه … حالت دون ذلك", round 24).
            and (
                (neg.any and _short(body))
                or (contrast and wished_before and _impeded(body, scripts, neg))
            )
            # "выступит 25 марта, а не 22-го": a day denied after the answer only corrects it.
            and not _DAY_DENIED.match(body)
        ):
            # "The Minister would have liked to attend, but cannot."
            found.append(
                Signal("decline", sentence, position, True, negation=trigger, cue=trigger or "")
            )
        elif manner or minister:
            found.append(
                Signal("accept", sentence, position, True, substitution=True, cue=clause.strip())
            )
        elif substitution and participate and not role:
            # "…不是现场出席，而是以视频方式发言": the other way of taking part stands.
            found.append(
                Signal("accept", sentence, position, True, substitution=True, cue=participate[0])
            )
        elif substitution and _ELLIPSIS.search(clause) and not neg.any:
            found.append(
                Signal("accept", sentence, position, True, substitution=True, cue=clause.strip())
            )
        participated_before = participated_before or bool(participate or accept)
        negated_act_before = negated_act_before or bool(participate_negated)
        negated_before = negated_before or neg.any
        wished_before = wished_before or bool(cues.IRREALIS.search(body, scripts))
    # An official named in a clause that is not negated, and someone speaking or acting on the
    # Minister's behalf in the sentence: the Minister accepts through a delegate.
    # A decline after the official was named is the official's own ("the Deputy Minister, who
    # was to represent the Minister, will now also be unable to attend"): no delegate.
    # (A reason given after it, "quien tiene compromisos ineludibles", is the Minister's.)
    designated = _designated(text, scripts)
    if designated:
        # "The Minister has designated Ms. X, Secretary of the Department, to represent him":
        # whoever is designated acts for the Minister, whatever the title. An official named
        # by title is the one asked to act ("has asked our Ambassador … to read the statement
        # for her", round 16): the request itself says the official speaks for the Minister.
        if role_name is None:
            # Round 17: a refusal in a clause before the designation is the Minister's («La
            # Conseillère fédérale ne pouvant pas se libérer, la déclaration sera prononcée par
            # le Directeur …»), not the designated official's.
            start = text.find(designated)
            before = [s for s in found if 0 <= text.find(s.cue) < start]
            role_name, role_at = designated[:160], len(before)
        speaks = True
    declined_after = any(s.kind == "decline" and s.negation for s in found[max(role_at, 0) :])
    hedged = any(s.kind == "hedge" for s in found)
    if role_name and speaks and not hedged and not (role_at >= 0 and declined_after):
        open_choice = cues.OPEN_CHOICE.search(text, scripts)
        if open_choice:
            # "Who could speak in his place, the Deputy or the Director, will be decided":
            # a candidate, not a delegate (round 15).
            found.append(Signal("hedge", sentence, position, cue=open_choice.group(0)))
        else:
            found.append(Signal("accept", sentence, position, False, role_name, cue=role_name))
    # A negated cause ("no declina por desinterés, sino por fuerza mayor") keeps its explicit
    # refusal once the negator is removed: no risk of its own (round 5).
    risk = _structural_risk(negations, substituted, contrasted, found)
    if risk:
        found = [
            s if s.kind == "hedge" or s.kind == "question" else replace(s, risk=risk) for s in found
        ]
    return found


# Correlatives negate side by side ("neither … nor", "ni … ni", "ни … ни"), not one inside the
# other.
_CORRELATIVE = frozenset({"nor", "ni", "ни", "neither", "or"})
# Negative concord (French, Spanish, Russian): an n-word and the verbal negator beside it are
# one negation ("aucune déclaration ne pourra", "nadie no …", "никто не"), not two.
_N_WORD = re.compile(
    r"^(aucun\w*|personne|rien|nul\w*|jamais|nadie|nada|ningun\w*|ningún|nunca|jamás"
    r"|никто|ничто|ничего|никак\w*|никогда|ни|ni)$",
    re.I,
)
# (The elided "n'" ends the trigger, so no word boundary can follow it: round 15.)
_VERBAL_NEGATOR = re.compile(r"^(?:(ne|no|не)\b|n['’])", re.I)


# Round 13: a negation after "and" starts a coordinated one ("участвовать не будет и заявления
# не представит", "لن يستطيع … ولن تنتدب", "不发言，也不派人"), not one inside the other; and a
# verbal negator then an n-word ("no enviará a ningún representante") is one negation too.
_COORDINATOR = re.compile(
    r"(?<![\w\u0400-\u04ff])(?:and|nor|et|y|ni|и|ни)(?![\w\u0400-\u04ff])|(?:^|\s)و|[也亦并並]",
    re.I,
)


def _nested(scopes: tuple[negation.Scope, ...], text: str = "") -> int:
    """How many forward negations open inside another forward negation's scope (one
    coordinated by "and", or an n-word in concord with the negator before it, is not)."""
    forward = [s for s in scopes if not s.backward]

    def inside(inner: negation.Scope, outer: negation.Scope) -> bool:
        if not outer.start < inner.start < outer.end:
            return False
        if _N_WORD.match(outer.trigger) and _VERBAL_NEGATOR.match(inner.trigger):
            return False
        if _VERBAL_NEGATOR.match(outer.trigger) and _N_WORD.match(inner.trigger):
            return False
        between = text[outer.start + len(outer.trigger) : inner.start]
        return not (_COORDINATOR.search(between) or re.match(r"[وف]", inner.trigger))

    return sum(
        1
        for inner in forward
        if inner.trigger.lower() not in _CORRELATIVE
        and any(inside(inner, outer) for outer in forward if outer is not inner)
    )


def _structural_risk(
    negations: int, substituted: bool, contrasted: bool, found: list[Signal]
) -> str | None:
    """Why this sentence's reading must not stand without a person, or None.

    On every unseen set the swaps came from structures the scope rules misread, not from
    missing words: a negation inside another's scope ("没有不参加的道理", "Никаких возражений
    … нет") and "not X but Y" where Y is a reason, not a substitute ("no declina por
    desinterés, sino por fuerza mayor"). Such a sentence still gives its best guess; a person
    confirms it."""
    answers = [s for s in found if s.kind in ("accept", "decline")]
    if not answers:
        return None
    if negations and any(s.kind == "decline" and not s.explicit for s in answers):
        return "a negation inside another negation's scope"
    if substituted:
        return "a 'not X but Y' construction"
    if contrasted and any(s.litotes for s in answers):
        return "a double negative beside a contrast"
    return None

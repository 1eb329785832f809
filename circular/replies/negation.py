"""Negation with a scope, per language, in the manner of NegEx / ConText (Chapman et al. 2001,
Harkema et al. 2009), for the words of a reply to an invitation.

A clause is read for four kinds of cue, each with its own rules per language:

- **triggers**: negators that open a *scope* running forward to the next terminator or at most
  ``WINDOW`` words (``WINDOW_HAN`` characters for Chinese). A participation word inside a scope
  is negated ("will **not** be able to attend"). Each language's grammar is written into its
  triggers: French ``ne … pas/point/jamais/guère/plus`` is one trigger spanning the verb it
  surrounds (the verb sits *inside* the negation); Russian ``не``/``ни``/``нет``; Arabic
  ``لن/لا/لم/ليس`` (also with the conjunction و glued on) before a verb; Chinese
  ``不/没/未/无`` fused with the verb or modal that follows (``不能``, ``无法``, ``未能``); English
  auxiliaries with ``not``/``n't`` and ``unable``/``cannot``.
- **backward triggers** negate what comes before them in the clause too ("participation is
  **not possible**" is caught by the forward rule on "possible"; "unfortunately", "к сожалению",
  "للأسف" colour the whole clause).
- **pseudo-negations**: a negator that negates nothing ("not only", "no later than",
  "n'hésitez pas", "不仅", "لا تترددوا"). They are removed before triggers are looked for.
- **litotes / double negatives**: a trigger whose scope reaches a word of *refusal, omission,
  hesitation, objection, failure or absence* before any participation word ("will **not fail**
  to attend", "**no objection** to", "ne **manquera** pas de", "no **dejará** de", "не
  **откажется**", "لن **يتردد**", "不会**错过**"): the two negatives cancel and what follows is
  affirmative. They are removed (and reported) before the triggers are read.
- **terminators** end a scope: punctuation, "but/however/although/except/because/which", and
  their equivalents.

"Not X but Y" substitutions (``no … sino``, ``не … а``, ``لا … بل``, ``不是 … 而是``) are found by
``circular.replies.classify``: the clause after the substitution word stands on its own.

negspacy and medspaCy's ConText are the reference implementations; neither is used because
both need a spaCy pipeline whose entity spans come from a trained model downloaded from a model
hub (not reachable here), their trigger lists are English (and clinical), and their windows count
spaCy tokens, which for French ``ne … pas`` and Chinese fused negators is the wrong unit.
See docs/classification.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from circular.replies.cues import Lexicon

#: How many words a forward trigger's scope runs at most (NegEx uses five; replies put an
#: adverb or two between the negator and the verb: "will not, alas, be able to attend").
WINDOW = 8
#: The same for Chinese, in characters (a verb is one or two characters).
WINDOW_HAN = 10

# --- the rules, per language ---------------------------------------------------------------

# Words of refusal, omission, hesitation, objection, failure, absence: negated, they affirm.
_REFUSAL = [
    # en
    r"\b(fail\w*|miss\w*|refus\w*|declin\w*|hesitat\w*|objection\w*|object|objects|oppos\w*"
    r"|reluctan\w*|unwilling\w*|averse|absent\w*|omit\w*|neglect\w*|forgo(?!t)\w*|pass\s+up"
    # Round 16: "will not forget to attend" (an act after "to"); "have not forgotten your
    # letter / it" remembers a thing and answers nothing.
    r"|forg[eo]t\w*\s+to(?!\s+(?:the|your|our|his|her|its|their|this|that|it)\b)"
    r"|turn\s+down|say\s+no|stay\s+away|be\s+absent|without|obstacles?|impediments?"
    r"|hindrances?|qualms?|misgivings?|scruples?|compunctions?|reservations?(?=\s+(about|as\s+to|regarding|concerning))|waste\w*|let\s+(\S+\s+){0,5}?(pass|slip)|stands?\s+in\s+the\s+way"
    # Impediments: "nothing prevents the Minister from attending" (round 5).
    r"|prevent\w*|preclud\w*|hinder\w*"
    # Round 37: "The campaign will not stop the Minister from delivering" (nor keep him from).
    r"|(?:stop|keep)(?:s|ped|ping)?(?=\s+(?:\S+\s+){0,4}?from\s+\w+ing\b)"
    # Negated adjectives of displeasure or indifference: "not unhappy to", "not uninterested".
    r"|unhappy|displeased|uninterested|indifferent|depriv\w*"
    # Round 31: giving up on an act, denied ("has not given up on attending"), as "forgo" is.
    r"|giv(?:e|es|en|ing)\s+up\s+on|gave\s+up\s+on)\b",
    # fr
    r"\b(manquer\w*|manquant|refuser\w*|refus\w*|décliner\w*|hésit\w*|objection\w*|oppos\w*"
    # Round 17: "in his absence", « en son absence » (while he is away) set a time, they deny
    # nothing: "will not take decisions in his absence" is no litotes.
    r"|absente?s?|(?<!in\shis\s)(?<!in\sher\s)(?<!in\stheir\s)(?<!in\sthe\s)(?<!en\sson\s)"
    r"(?<!en\ssa\s)(?<!en\sleur\s)(?<!en\sl')absence|défaut|dérober\w*|se\s+dérober\w*"
    # Round 31: renouncing in every tense (« n'a pas renoncé à », « ne renonce pas à »), as
    # "renoncer"/"renoncera" were: the renouncing denied affirms.
    r"|renonc\w*"
    r"|sans|inconvénients?|obstacles?|scrupules?|réticences?|réserves?(?=\s+(à|quant|sur))|empêchements?|s'oppose\w*|rater"
    r"|oubli\w*\s+(?:\w+\s+)?(?:de\s+|d')(?=\w+(?:er|ir|re)\b)"
    r"|laiss\w*\s+((pas|point|jamais)\s+)?(passer|échapper)|(se\s+)?fera\s+(pas\s+)?faute|empêch\w*|mécontent\w*|indifférent\w*|priver\w*|privera\w*)\b",
    # es
    r"\b(dej\w+\s+de|falt\w+|rechaz\w*|declin\w*|dud\w+(?:\s+\w+){0,4}?\s+en|vacil\w*"
    r"|objeci\w*|reparos?|pegas?|escrúpulos?|reticencias?|inconvenientes?|obstáculos?|impedimentos?|desaprovech\w*"
    r"|dej\w+\s+(pasar|escapar)|olvid\w*\s+(?:de\s+)?(?=\w+(?:ar|er|ir)\b)"
    r"|opon\w*|oposici\w*|perder\w*|perdérse\w*|ausent\w*|renunci\w*|negar\w*|omitir\w*"
    r"|sin|impid\w*|imped\w*|descontent\w*|disgust\w*|indiferente|privar\w*|privará\w*)\b",
    # ru
    r"(откаж\w*|отказ\w*|отклон\w*|преминет|преминут|преминем|пропуст\w*|упуст\w*|возраж\w*"
    r"|забы\w*\s+(?=\w+(?:ть|ться|ти)(?![\w\u0400-\u04ff]))"
    # Round 18: «напротив» (on the contrary) is no «против» (against).
    r"|(?<![\w\u0400-\u04ff])против\b|колебл\w*|колеба\w*|сомнева\w*|уклон\w*|забуд\w*|замедлит|без(?![а-яё])"
    r"|препятств\w*|помех\w*|пройти\s+мимо|проходить\s+мимо|прочь|меша\w*|помеша\w*|недовол\w*|безразлич\w*|упуска\w*|пропуска\w*|лиш\w+\s+себя)",
    # zh
    # "没有不参加的道理": the inner 不 of "no reason for not …" is negated in its turn.
    r"(拒绝|婉拒|推辞|推辭|推脱|错过|錯過|缺席(?!期间|期間|的情况下|的情況下)|反对|反對|异议|異議|犹豫|猶豫|迟疑|放弃|放棄|怠慢|吝"
    r"|阻止|妨碍|妨礙|阻碍|阻礙|顾虑|顧慮|保留意见"
    r"|(?:忘记|忘記|忘了|忘)(?=出席|参加|參加|与会|與會|发言|發言|致辞|致詞|前往|莅临|蒞臨)"
    r"|不(?=[\u4e00-\u9fff]{1,6}的(道理|理由)))",
    # ar
    r"(يتردد|تتردد|نتردد|تردد|يمانع|تمانع|نمانع|مانع|يفوت|تفوت|نفوت|يتخلف|تتخلف|نتخلف|يرفض|ترفض"
    r"|نرفض|يعترض|تعترض|اعتراض|تحفظ|تحفّظ|حرج|يغيب|تغيب|(?<!في\s)غياب|[يتن]توان\w*|يألو|تألو|يدخر|تدخر"
    r"|[يتن](?:دع|ترك)\s+(?:\S+\s+){0,4}?(?:تمر|تمرّ|يمر|يمرّ)"
    # "لا ينوي الوزير الاعتذار عن الدعوة" (does not intend to decline): the intent and the
    # refusal's noun are one figure (round 16).
    r"|(?:ينوي|تنوي|ننوي|يعتزم|تعتزم|نعتزم)\s+(?:\S+\s+){0,3}?(?:ال)?(?:اعتذار|رفض)"
    # Round 33: "ليس من عادتنا الاعتذار عن …" (it is not our habit to decline): a habit denied.
    r"|(?<=من\sعادتنا\s)(?:ال)?(?:اعتذار|رفض)|(?<=من\sعادة\sالوزارة\s)(?:ال)?(?:اعتذار|رفض)"
    # Round 36: the refusal set aside right after "instead of" or "not to" ("بدلا من الاعتذار",
    # "أن يشارك، لا أن يعتذر"); elsewhere "نعتذر" after a negation is the apology of a refusal.
    r"|(?<=بدلا\sمن\s)(?:ال)?اعتذار|(?<=عوضا\sعن\s)(?:ال)?اعتذار|(?<=لا\sأن\s)(?<![^\s،,]لا\sأن\s)[يتن]عتذر"
    r"|يمنع|تمنع|يحول\s+دون|عائق|[يتن]نس[ىا](?=(?:\s+\S+){0,3}?\s+أن\s+[يتن])"
    # "لن يتأخر عن تلبية الدعوة": will not be slow to answer it (round 7).
    # Round 30: not when the reply is what will not be late ("لن يتأخر ردنا عن الأول من
    # مارس", "جوابنا لن يتأخر عن …": our answer will come by then), a promise to answer.
    r"|(?<!ردنا\sلن\s)(?<!ردّنا\sلن\s)(?<!جوابنا\sلن\s)(?<!إجابتنا\sلن\s)(?<!الرد\sلن\s)"
    r"(?<!الجواب\sلن\s)[يتن]تأخر(?!\s+(?:ال)?(?:ردّ?|جواب|إجاب)\S*)(?:\s+\S+){0,3}?\s+عن)",
]

# Round 23: "cannot do without" (« ne peut se passer de », "no puede prescindir de", «не может
# обойтись без», "لا غنى عن"): what one cannot do without is affirmed. English and Russian
# already read "without" / «без» as the refusal word after the negator.
_REFUSAL += [
    # Only before the act itself: "cannot do without his adviser" accepts nothing.
    r"\b(?:se\s+)?passer\s+d(?:e\s+|')(?=(?:\S+\s+){0,2}?(?:particip|interv|assist|prendre\s+la"
    r"\s+parole|présence|être\s+présent))",
    r"\bprescindir\s+de\s+(?=(?:\S+\s+){0,2}?(?:particip|interv|asist|presencia|estar\s+presente))",
    r"(?:^|\s)غنى(?=\s+(?:\S+\s+){0,4}?عن\s+(?:ال)?(?:مشارك|حضور|المشارك|الحضور))",
]

# Round 29: taking the Minister off a list, denied ("please do not remove the Minister from the
# list of speakers", « ne pas retirer la Ministre de la liste », "no retirar al Ministro de la
# lista", «не исключать Министра из списка», "不要将部长从发言名单中删除", "عدم حذف اسم الوزير من
# قائمة"): the name stays on it, so what the list is of (speakers) is affirmed. Only a removal
# from a list: "will not withdraw his support" is no litotes of participation.
_REFUSAL += [
    r"\b(?:remov|delet|withdraw|drop|strik|tak)\w*(?=\s+(?:\S+\s+){0,5}?(?:off|from)\s+"
    r"(?:the|your|this|that)\s+(?:list|roster)\b)",
    r"\b(?:retir|supprim|ray|enlev|ôt)\w*(?=\s+(?:\S+\s+){0,5}?de\s+(?:la|cette|votre)\s+liste\b)",
    r"\b(?:retir|elimin|exclu|quit|suprim|borr|sac)\w*(?=\s+(?:\S+\s+){0,5}?de\s+(?:la|esta|su)"
    r"\s+lista\b)",
    r"(?<![\w\u0400-\u04ff])(?:исключ|убра|убир|удал|вычерк|сня|снима)\w*(?=\s+(?:\S+\s+){0,5}?"
    r"из\s+(?:списк|переч))",
    r"(?:把|将|將)(?=[^。；，]{1,12}?从[^。；，]{0,10}(?:名单|名單)(?:中|上)?(?:删除|刪除|去掉|撤下|移除"
    r"|拿掉|删去|刪去|划掉|劃掉))",
    r"(?:^|\s)(?:ال)?(?:حذف|شطب|إزالة|سحب|[يتن](?:حذف|شطب|زيل|سحب)\w*)(?=\s+(?:\S+\s+){0,5}?من"
    r"\s+(?:ال)?قائمة)",
]

# Round 21: an effect on the participation, denied ("this does not affect his participation",
# « n'affecte pas sa participation », "no afecta su participación", «не повлияет на участие»,
# "并不影响他参加", "لا يؤثر على مشاركته"): the participation stands.
_REFUSAL += [
    r"\baffect\w*(?=\s+(?:\S+\s+){0,2}?(?:participation|attendance|presence|statement)\b)",
    r"\baffect\w*(?=\s+(?:\S+\s+){0,2}?(?:participation|présence|intervention)\b)",
    r"\bafect\w*(?=\s+(?:\S+\s+){0,2}?(?:participación|asistencia|presencia|intervención)\b)",
    r"(?<![\w\u0400-\u04ff])(?:повлия|влия)\w*\s+на(?=\s+(?:\S+\s+){0,2}?(?:участи|выступлени))",
    r"影响(?=[^。；，]{0,6}(?:出席|参加|參加|与会|與會|发言|發言))|影響(?=[^。；，]{0,6}(?:出席|參加|與會|發言))",
    r"(?:يؤثر|تؤثر|سيؤثر|ستؤثر)\s+(?:على|في)(?=\s+(?:\S+\s+){0,2}?(?:مشارك|حضور))",
]

# Negators. French "ne … pas" is one trigger so that its scope starts at the verb inside it.
_TRIGGERS = [
    r"\b(not|no|never|cannot|unable|neither|nor|none|nobody|nothing|without)\b|n't\b"
    r"|\bno\s+longer\b|\b(hardly|scarcely)\b|\brather\s+than\b|\binstead\s+of\b|\bfar\s+from\b|\bby\s+no\s+means\b"
    # Round 16: "would be the last to miss it" denies the omission as "not" does; only before a
    # word of refusal or omission ("the last to speak" is an order of speakers).
    r"|\bthe\s+last\s+(?:\w+\s+)?to(?=\s+(?:miss|refuse|decline|turn\s+down|pass\s+up|stay\s+away"
    r"|be\s+absent|forgo|let\s))",
    r"\bn(?:e\s+|')(?:[\w'-]+\s+){0,3}?(?:pas|point|jamais|guère|plus|aucunement|nullement)\b"
    r"|\b(pas|jamais|aucun\w*|ni|sans|impossible|incapable)\b|\bn(?:e\s+|')|\bloin\s+de\b"
    r"|\b(?:le|la)\s+derni(?:er|ère)\s+à(?=\s+(?:manquer|refuser|décliner|renoncer|laisser|se\s+dérober))",
    r"\b(no|nunca|jamás|tampoco|ni|sin|nada|nadie|ningún|ninguno|ninguna|imposible|imposibilitad[oa]|imposibilidad"
    r"|impedid[oa]|lejos\s+de)\b"
    r"|\b(?:el|la)\s+últim[oa]\s+en(?=\s+(?:faltar|rechazar|declinar|renunciar|perderse|dejar))",
    r"(?<![\w\u0400-\u04ff])(не|нет|ни|без|никак\w*|ничто|ничего|невозможн\w*)"
    r"(?![\w\u0400-\u04ff])",
    r"不能|不会|不會|不克|不便|不再|不是|不要|不愿|不願|不想|不可能|不|没有|沒有|没|沒|未能|未|无法|無法|无|無|难以|難以|恕不"
    r"|非",
    r"(?:^|\s)[وف]?(?:لا|لن|لم|ليس\w*|لست\w*|غير|دون|بدون)(?=\s)"
    # Round 24: "ألا" (أن + لا) before a verb: "تقرر ألا يشارك" (it was decided he not take part).
    r"|(?:^|\s)[وفب]?ألّ?ا(?=\s+[يتن]\S)|يتعذر|يتعذّر|تعذر|تعذّر|\bعدم\b"
    # Round 17: with a proclitic preposition ("بعدم مشاركة الوزراء": that ministers not take part).
    r"|(?:^|\s)[وف]?[بل]عدم(?=\s)"
    # Round 16: "سيكون آخر من يتخلف عن المنتدى" (the last to stay away), before a refusal only.
    r"|(?:^|\s)آخر\s+من(?=\s+(?:[يتن]تخلف|[يتن]غيب|[يتن]رفض|[يتن]فوت))"
    # The dialects' negators ("مش هنقدر", "ما راح يشارك"); "ما" alone is also "what".
    # Round 17: "ما من سبب يحول دون" (there is no reason preventing).
    r"|(?:^|\s)(?:مش|مو|ماكو|مافي)(?=\s)|(?:^|\s)ما\s+من(?=\s)|(?:^|\s)[وف]?ما(?=\s+(?:راح|رح|[يتن]قدر|في\s))"
    # Round 9: "ما" before a dialect future ("ما حنشارك" Sudanese, "ما هنحضر" Egyptian, "ما غادي
    # نشاركو" Moroccan) negates it, also with ف/و glued on; three letters after the prefix keep
    # "ما هي" a question.
    r"|(?:^|\s)[فو]?ما(?=\s+(?:[حه][يتنأ]\S{3,}|غادي|غا\s))",
]

# Round 36: "instead of" before a word of refusal ("au lieu du refus envisagé", "en lugar de
# excusarse", «вместо отказа», "بدلا من الاعتذار الذي كان مطروحا"): the refusal is the
# alternative set aside, denied as "not" denies it (English "instead of" is a trigger above).
_TRIGGERS += [
    r"\bau\s+lieu\s+(?:de|du|d')(?=\s*(?:l[ae]\s+|l'|son\s+|sa\s+|notre\s+|nous\s+|se\s+|s')?"
    r"(?:refus|décli|déclin|désist|renonc|excus|absten|abstient))"
    r"|\bplutôt\s+qu(?:e\s+d[eu]|'|e\s+de\s+l[ae])(?=\s*(?:l[ae]\s+|l'|se\s+|s')?"
    r"(?:refus|décli|déclin|désist|renonc|excus|absten))",
    r"\ben\s+(?:lugar|vez)\s+de(?:l)?(?=\s+(?:(?:la|el|su|nuestra|nuestro)\s+)?(?:rechaz|declin"
    r"|excus|renunci|negativa|ausencia|inasistencia)\w*)",
    r"(?<![\w\u0400-\u04ff])вместо(?=\s+(?:того\s*,?\s*чтобы\s+)?(?:отказ|отклон|извин|пропуск"
    r"|неучасти|неявк)\w*)",
    r"(?:^|\s)[وف]?(?:بدلا|بدلاً|عوضا|عوضاً)\s+(?:من|عن)(?=\s+(?:ال)?(?:اعتذار|رفض|تغيب|غياب|امتناع"
    r"|انسحاب|تعذر)\S*)",
]

# Colour the whole clause, before and after them.
# Round 23: "…, and still less of declining it" (« et encore moins de refuser », "y mucho menos
# rechazarla"): the comparative carries the negation before it into its own clause. Only
# before "of"/"to" or a verb in -ing: "much less time" compares.
_TRIGGERS += [
    r"\b(?:still|much|even)\s+less(?=\s+(?:of|to)\b|\s+\w+ing\b)|\blet\s+alone\b",
    r"(?:^|,\s*|\bet\s+)encore\s+moins\b(?=\s+(?:de\b|d'|à\b))",
    r"(?:^|,\s*|\by\s+)(?:mucho|aún|todavía)\s+menos\b(?=\s+(?:de\s+|a\s+)?\w+(?:ar|er|ir)"
    r"(?:la|lo|las|los)?\b)",
]

_BACKWARD = [
    r"\b(unfortunately|regrettably|alas|impossible|not\s+possible|not\s+feasible)\b"
    # Round 23: English puts "neither … nor" after the verb it denies ("will be represented
    # neither by the Minister nor by a deputy"): it negates the clause's verb before it.
    r"|(?<=\w\s)neither(?=\s+(?:by|in|at|through|via|as)\b)",
    r"\b(malheureusement|hélas|impossible)\b",
    r"\b(lamentablemente|desafortunadamente|desgraciadamente|imposible)\b",
    # Russian puts the negated auxiliary after a topicalised infinitive: "принять
    # приглашение не можем", "участвовать не будем": it negates the whole clause.
    r"к\s+сожалению|невозможн\w*|\bувы\b|(?<![\w\u0400-\u04ff])не\s+(с?мо(жем|жет|жете"
    r"|гут|гу)|буд(ем|ет|ут|у)|стан(ем|ет|ут))(?![\w\u0400-\u04ff])"
    # "участие в Форуме не планирует / не состоится": the negated plan or event comes last.
    r"|(?<![\w\u0400-\u04ff])не\s+(планиру\w*|предполага\w*|состоится|состоятся)"
    # Round 10: "выступить не получится / не выйдет / не удастся" (it will not work out).
    r"|(?<![\w\u0400-\u04ff])не\s+(получится|выйдет|удастся|удаётся|удается)(?![\w\u0400-\u04ff])"
    # "Просим … в список выступающих не включать": a request not to list the country.
    r"|(?<![\w\u0400-\u04ff])не\s+(включать|вносить|ставить|регистрировать|записывать)"
    r"(?![\w\u0400-\u04ff])",
    r"遗憾|遺憾|可惜|不可能",
    r"للأسف|مع\s+الأسف|لسوء\s+الحظ|يتعذر|يتعذّر|تعذر|تعذّر",
]

# Negators that negate nothing.
_PSEUDO = [
    r"\bnot\s+(?:only|merely)\b|\bno\s+later\s+than\b|\bno\.?\s*\d|\bnº|\bdo\s+not\s+hesitate\s+to\s+"
    r"(contact|call|write|reach)|\bdon't\s+hesitate\s+to\s+(contact|call|write|reach)"
    r"|\bno\s+doubt\b|\bnot\s+least\b|\bnot\s+lightly\b|\bnothing\s+(would|could)\s+(please|give)"
    # A comparative negation affirms: "nothing the Minister would like more than to speak".
    r"|\bnothing\b(?=[^.;]{0,60}\b(more|better|rather)\s+than\b)"
    r"|\b(cannot|can't|could\s+not|couldn't)\s+(help\s+but|but)\b|\bno\s+problem\b"
    # "no reason why … should not": the two negatives cancel.
    r"|\bno\s+reason\s+(why\b|for\b)?[^.;]{0,60}?(\bnot\b|n't\b)"
    # Negated smallness affirms ("not a little interest", "no small honour").
    r"|\bnot\s+a\s+little\b|\bno\s+small\b"
    # "It would be unthinkable for the Minister not to attend": must attend.
    r"|\b(unthinkable|inconceivable|impossible|out\s+of\s+the\s+question)\s+(for\s+[^.;]{1,40}?\s+)?"
    r"not\s+to\b"
    # Exceptives: "has no choice but to decline" is "must decline".
    r"|\b(no|not\s+have\s+any|has\s+not)\s+(other\s+)?(choice|option|alternative)\s+(but|than)\b"
    # A negated reason: "not for lack of interest but …" negates the cause, not the act.
    r"|\bnot\s+((for|out\s+of|because\s+of|due\s+to)\s+)?(a\s+|any\s+)?(lack|want|absence)"
    r"\s+of(\s+\w+)?\b"
    # "not without regret": with regret; the noun after it speaks.
    # Round 10: also "not without reluctance/hesitation/misgivings": with them (the act that
    # follows, "has to let this opportunity pass", decides).
    r"|\bnot\s+without\s+(?=(great\s+|deep\s+|some\s+|considerable\s+)?(regret|sorrow|sadness"
    r"|reluctance|hesitation|misgiving|reservation|a\s+heavy\s+heart))"
    # Round 8: "it would be remiss of us not to take part" (must), "not without first thanking".
    # Round 17: the subject may be a long title ("remiss of the Minister for the Digital Economy
    # and Communications not to take up"); "odd / strange not to" is the same figure.
    r"|\b(remiss|wrong|a\s+mistake|unforgivable|odd|strange)\s+((of|for)\s+(\S+\s+){1,10}?)?not\s+to\b"
    # Round 17: "nothing that would prevent", and a possibility of *not* taking part that was
    # never considered ("did not even consider not taking part").
    r"|\bnothing\s+(?:that\s+|which\s+)?(?:would|could|will|can|might)\s+(?:prevent|stop|hinder|keep)\w*"
    r"|\b(?:not|never)\s+(?:even\s+)?(?:consider\w*|contemplat\w*|think\s+of|entertain\w*)\s+"
    r"(?:the\s+(?:possibility|idea|option)\s+of\s+)?not\b"
    r"|\bnot\s+without\s+first\b"
    # Round 15: "there is no question of the Minister not taking part" (he will take part):
    # both negators go, the verb stays.
    r"|\bno\s+question\s+of\s+[^.;]{0,80}?\bnot\s+(?P<keep_en>\w+(?:\s+part)?)"
    # Round 9: "it would be unthinkable for the Minister not to speak".
    r"|\b(unthinkable|inconceivable)\s+(for\s+[^.;]{1,40}?\s+)?not\s+to\b"
    # "Instead of a live intervention the Minister will send a video message" (round 8): the
    # rejected alternative is backgrounded; the finite verb after it gives the answer.
    # Not when what is sent is a written text in the speech's place (that declines the speech).
    r"|\b(instead\s+of|rather\s+than)\b(?=[^.;]{0,80}\b(will|shall)\s+(?!not\b|never\b))"
    r"(?![^.;]{0,140}\b(written|press\s+release)\b)",
    r"n'hésitez\s+pas|ne\s+pas\s+hésiter\s+à\s+(nous|me)|non\s+seulement"
    r"|\bn'(?:est|était|sont)\s+pas\s+(?:seulement|uniquement)\b|sans\s+(aucun\s+)?doute"
    # "Il ne fait aucun doute que le Ministre interviendra": no doubt, the act stands.
    r"|\bne\s+fait\s+(?:aucun|pas\s+de|plus\s+aucun)\s+doute\b"
    r"|\bn'y\s+a\s+(?:aucun|pas\s+de|nul)\s+doute\b"
    r"|pas\s+de\s+problème|ne\s+(peut|pourra|saurait)\s+que\b|\bpas\s+peu\b"
    r"|\baucune\s+raison\s+de\s+ne\s+pas\b|\brien\s+ne\b(?=[^.;]{0,60}\bplus\s+(que|qu'))|\b(impensable|inconcevable|impossible)\s+(pour\s+[^.;]{1,40}?"
    r"\s+)?de\s+ne\s+pas\b"
    r"|\bn'(a|avons|ont|avait)\s+(pas\s+)?d'autre\s+(choix|option|solution|possibilité)\s+que\b"
    r"|\b(ce\s+n'est\s+)?(pas|non)\s+((par|faute\s+d'|pour)\s+)?(le\s+|un\s+)?(manque|défaut|absence)"
    r"\s+d'\w+|\b(pas|non)\s+sans\s+(?=(grand\s+|vif\s+|profond\s+|une\s+certaine\s+)?(regret"
    r"|tristesse|réticence|hésitation|réserve))"
    # Round 8: "ce n'est pas faute d'intérêt" (not for lack of interest), "il serait
    # dommage de ne pas", "non sans avoir".
    r"|\b(ce\s+n'est\s+)?pas\s+faute\s+d'\w+|\b(dommage|regrettable|impardonnable|étrange|curieux)\s+de\s+ne\s+pas\b"
    # Round 17: "rien qui puisse empêcher", "n'a même pas envisagé de ne pas participer".
    r"|(?:\bn(?:e\s+|')(?:\S+\s+){0,2}?)?\brien\s+qui\s+(?:ne\s+)?(?:puisse|pourrait|pût)\s+(?:l'|les?\s+)?(?:empêch|gên)\w*"
    r"|\bn(?:e\s+|')(?:\S+\s+){0,2}?(?:pas|jamais)\s+(?:même\s+)?(?:envisag\w*|song\w*|pens\w*)\s+"
    r"(?:à\s+)?(?:la\s+possibilité\s+)?(?:de\s+|d')?ne\s+pas\b"
    r"|\bnon\s+sans\s+(avoir|d'abord)\b"
    # Round 22: a past litotes (« n'a pas manqué de demander … », did not fail to) reports an
    # act done: the two negations cancel and the act after them decides alone.
    r"|\bn'(?:a|ont|avait|avaient)\s+pas\s+manqué\w*(?=\s+d)"
    # Round 16: "not lightly" (« ce n'est pas de gaieté de cœur », "no a la ligera", «не с лёгким
    # сердцем»): with regret; the act after it decides.
    r"|\b(?:n'est\s+)?pas\s+(?:de\s+gaieté\s+de\s+c(?:œ|oe)ur|à\s+la\s+légère)"
    # Round 15: « il n'est pas question que le Ministre ne participe pas » (he will).
    r"|\bn'est\s+pas\s+question\s+qu(?:e\s+|')[^.;]{0,60}?\bne\s+(?P<keep_fr>\w+)\s+pas\b"
    # "ne … que" restricts ("ne pourra intervenir que par vidéo" = only by video).
    r"|\bn(?:e\s+|')(?P<keep>(?:(?!pas\b|plus\b|jamais\b|point\b|aucun)[^.;,]){0,60}?)"
    r"\bqu(?:e\b|')",
    # Round 17: "no es solo X la que declina" (not only X declines: X does, and more).
    r"no\s+(?:es|son|fue|será)\s+s[oó]lo\b|no\s+(?:es|son)\s+únicamente\b|"
    r"no\s+dude|sin\s+duda|sin\s+problema|no\s+solo|no\s+sólo|no\s+solamente|no\s+únicamente|no\s+(puede|podrá|podía)\s+sino"
    r"|no\s+hay\s+problema"
    # "No cabe duda de que el Ministro intervendrá": no doubt, the act stands.
    r"|no\s+(?:(?:le|les|me|nos)\s+)?(?:cabe|hay|existe|queda)\s+(?:ninguna\s+|la\s+menor\s+)?duda\b"
    r"|\bno\s+(le|nos|les|me|te)?\s*(queda|quedan|tiene|tenemos|tienen|hay)\s+(otra\s+)?"
    r"(opción|alternativa|remedio|más\s+remedio|salida)\s+que\b"
    r"|\bno\s+(es\s+)?((por|debido\s+a)\s+)?(la\s+|una\s+)?(falta|ausencia)\s+de\s+\w+"
    r"|\b(impensable|inconcebible|imposible)\s+(que\s+)?[^.;]{0,40}?\bno\b"
    # Round 17: "No hay razón alguna para que X no esté", "nada que impida", "ni siquiera se
    # planteó la posibilidad de no participar", "sería extraño no participar".
    r"|\bno\s+(?:hay|existe)\s+(?:raz[oó]n|motivo)\s+(?:alguna\s+|alguno\s+)?para\s+que\s+"
    r"[^.;]{0,60}?\bno\b|(?:\bno\s+(?:\S+\s+){0,2}?)?\bnada\s+que\s+(?:lo\s+|la\s+|le\s+)?(?:impida|pueda\s+impedir)\w*"
    r"|\b(?:ni\s+siquiera|no|nunca)\s+(?:se\s+)?(?:plante\w*|consider\w*|contempl\w*|pens\w*)\s+"
    r"(?:la\s+(?:posibilidad|idea|opción)\s+de\s+)?no\b"
    r"|\bser[íi]a\s+(?:extraño|raro|un\s+error|imperdonable|impensable)\s+no\b"
    r"|\bnada\b(?=[^.;]{0,60}\bmás\s+que\b)"
    r"|\bno\s+(es\s+)?(poc[oa]s?|menor)\b|\b(ning[uú]n\s+motivo|ninguna\s+raz[oó]n"
    r"|no\s+hay\s+(raz[oó]n|motivo))\s+para\s+no\b"
    r"|\bno\s+(se\s+trata\s+de|es\s+(una\s+)?cuestión\s+de)\s+(una\s+)?(falta|ausencia)\s+de"
    r"\s+\w+"
    r"|\bno\s+sin\s+(?=(gran\s+|profundo\s+|cierta\s+)?(pesar|pena|tristeza|lament|reticencia"
    r"|vacilaci|reparo))"
    # Round 8: "No sin antes agradecer" (not without first thanking); "No sería correcto que
    # … no estuviera": two negations, one affirmation.
    r"|\bno\s+(?:es\s+)?(?:a\s+la\s+ligera|con\s+ligereza|de\s+buen\s+grado)"
    r"|\bno\s+sin\s+antes\b|\bno\s+ser[íi]a\s+(correcto|justo|lógico|l[oó]gico|serio|propio|bueno)"
    r"\s+que\s+[^.;]{0,60}?\bno\b"
    # Round 9: "Sería imperdonable que el país no estuviera presente": the same, by a word of
    # blame.
    r"|\bser[íi]a\s+(imperdonable|impensable|inconcebible|inaceptable|un\s+error|una\s+lástima)"
    r"\s+que\s+[^.;]{0,60}?\bno\b"
    r"|\bni\s+(un|una)\s+(solo\s+|sola\s+)?(instante|momento|segundo|minuto)\b"
    # Round 15: "no hay posibilidad de que el Ministro no participe" (he will).
    r"|\bno\s+(?:hay|existe)\s+(?:ninguna\s+)?posibilidad\s+de\s+que\s+[^.;]{0,60}?\bno\s+"
    r"(?P<keep_es>\w+)",
    r"без\s+проблем|не\s+только|не\s+стесняйтесь|не\s+(может|мог|сможет|можем|могу|могут|сможем|смогут)\s+не(?!\s+не(?![\w\u0400-\u04ff]))"
    r"|не\s+позднее|несомненно|без\s+сомнени\w*"
    # Round 33: «тем не менее», «не менее важно» (nevertheless, no less): a comparison, no
    # negation of the verb after it («Тем не менее Министр вынужден отказаться»).
    r"|(?:тем\s+)?не\s+менее(?![\w\u0400-\u04ff])"
    r"|не\s+оста[её]тся\s+(ничего\s+)?(иного|другого)?,?\s*(кроме\s+как|как)"
    r"|не\s+((из-за|по\s+причине)\s+)?(отсутстви\w*|недостат\w*)\s+\w+"
    r"|нет\s+(никаких\s+)?(причин|оснований)\s+не(?![\w\u0400-\u04ff])"
    r"|(невозможно|немыслимо)\s+(\S+\s+){0,4}?не(?![\w\u0400-\u04ff])"
    r"|не\s+без\s+(?=(глубокого\s+|большого\s+|некоторого\s+)?(сожалени|грусти|колебани"
    r"|сомнени))"
    r"|ни\s+на\s+(минуту|секунду|мгновение)|не\s+с\s+л[её]гким\s+сердцем"
    # Round 8: "Не участвовать мы не можем" (cannot not take part), "Не то чтобы … не хотел"
    # (not that … did not want), "было бы неправильно не".
    # Round 16: the infinitive's clause may run on ("не выступить на Форуме он себе позволить
    # не может"), with "никак" before the modal; the infinitive and what follows it stay.
    r"|(?<![\w\u0400-\u04ff])не\s+(?P<keep_ru_inf>[а-яё]+(?:ть|ти|ться|тись|чь)"
    r"(?:\s+[^.;:,!?—–]{0,60}?)??)\s+(?:никак\s+)?не\s+(?:с?можем|с?может|с?могу|с?могут)"
    r"(?![\w\u0400-\u04ff])"
    # Round 18: the subject of the concession may be long («Не то чтобы руководство Федерального
    # агентства связи не ценило …»); conceded, it affirms nothing.
    r"|не\s+то\s+чтобы\s+[^—–.;,]{0,80}?(?<![\w\u0400-\u04ff])не(?![\w\u0400-\u04ff])"
    # Round 22: a past litotes («не преминул поручить …», did not fail to) reports an act done;
    # the two negations cancel and the act after them decides alone (a past "did not fail to
    # note" is no acceptance, a future «не преминет выступить» still is, through _REFUSAL).
    r"|(?<![\w\u0400-\u04ff])не\s+преминул\w*(?![\w\u0400-\u04ff])"
    r"|(неправильно|неправильным|ошибкой|непростительно|странно|странным|нелепо)\s+(\S+\s+){0,2}?не(?![\w\u0400-\u04ff])"
    # Round 17: «ничего, что помешало бы», «нет причин, чтобы … не», «даже не рассматривал
    # возможность не участвовать».
    r"|(?:ничего,?\s+)?(?<![\w\u0400-\u04ff])что\s+(?:бы\s+)?(?:помешал|препятствовал|мешал)\w*\s+бы"
    r"|нет\s+(?:никаких\s+)?(?:причин|оснований)\w*,?\s+(?:чтобы|почему)\s+[^.;]{0,60}?"
    r"(?<![\w\u0400-\u04ff])не(?![\w\u0400-\u04ff])"
    r"|(?:даже\s+)?не\s+(?:рассматрива\w*|допуска\w*|думал\w*)\s+(?:\S+\s+){0,2}?"
    r"(?:возможност\w*\s+)?не(?![\w\u0400-\u04ff])"
    # Round 15: «не может быть и речи о том, чтобы министр не выступил» (he will speak).
    r"|не\s+может\s+быть\s+и\s+речи\s+о\s+том,?\s+чтобы\s+[^.;]{0,60}?(?<![\w\u0400-\u04ff])не\s+"
    r"(?P<keep_ru>\w+)",
    r"不胜|不勝|不仅|不僅|不只是|不只|不光是|不单是|不日|不久|不论|不論|无论|無論|不得不|毫无疑问|不客气|无不|非常|并非不|不少|未来|无论如何|不能不|不会不|不可不"
    r"|不由得|别无选择|不可能不|並非因為|并非因为|不是因为|不是因為"
    # Round 14: "非参加不可" (must take part: "not … not possible"); the verb between stays.
    r"|非(?P<keep_zh>[\u4e00-\u9fff]{1,6}?)(?:不可|不行)(?!能)"
    # "没有理由不参加": no reason not to take part; the verb stands.
    r"|(?:从未|從未|没有|沒有|未曾)(?:考虑|考慮|想)(?:过|過)?不(?=参加|參加|出席|发言|發言)"
    r"|没有理由不|没理由不|沒有理由不|不无(?=遗憾|遺憾|犹豫|猶豫|顾虑|顧慮)|不是没有(?=遗憾|遺憾)|并非没有(?=遗憾|遺憾)|(不是|并非|並非)(因为|因為|由于)?(缺乏|缺少|没有)(兴趣|興趣)",
    r"لا\s+تترددوا|لا\s+تتردد|غير\s+أن|غير\s+انه|غير\s+أنه|لا\s+يسع\w*\s+إلا"
    r"|لا\s+سيما|لا\s+شك|لا\s+يخفى\s+على\S*|بلا\s+شك|في\s+موعد\s+لا\s+يتجاوز|لا\s+(?:تزال|يزال|زال|زالت)"
    r"|(?:^|\s)و?ليس\s+(?:أمام\w*|لدي\w*)\s+(?:خيار\s+)?(?:سوى|إلا)"
    r"|(?:^|\s)و?ليس\s+(?:ل|بسبب\s+)?(?:عدم|قلة|نقص)\s+\S+"
    # Round 24: "لا لقلة اهتمام، بل لأن …" (not for lack of interest, but because …).
    r"|(?:^|\s)و?لا\s+(?:ل|بسبب\s+)(?:عدم|قلة|نقص)\s+\S+|(?:^|\s)ليس\s+ب?قليل\w*"
    # Round 9: "من غير المعقول ألا يشارك" (it is unthinkable that he not take part).
    r"|من\s+غير\s+(?:المعقول|المقبول|المتصور)\s+(?:أن\s+لا|ألا)"
    # Round 15: "لا مجال لعدم مشاركة الوزير" (no room for his not taking part: he will).
    r"|لا\s+مجال\s+(?:لعدم|لأن\s+لا|لألا)"
    # Round 17: "لم يفكر … في عدم المشاركة" (never thought of not taking part).
    r"|لم\s+(?:\S+\s+)?(?:يفكر|نفكر|يخطر)\S*\s+(?:\S+\s+){0,3}?(?:في|ب)\s*عدم"
    # Round 10: "ليس دون تردد" (not without hesitation): with it; the act after it decides.
    r"|(?:^|\s)(?:ليس|لا)\s+(?:من\s+)?(?:دون|بدون|بلا)\s+(?=(?:أسف|تردد|حسرة|ألم))"
    # "لا … فحسب، بل": not only … but also; the verb between stands.
    r"|(?:^|\s)لا\s(?P<keep_ar>[^.،؛]{1,60}?)\sفحسب"
    # Round 11: "غيّر رأيه" (changed his mind) once the shadda is gone reads as "غير" (not).
    r"|(?:^|\s)و?(?:قد\s+)?غير(?:ت|وا)?\s+(?:رأي|رأيه|رأيها|رأيهم|رأينا)(?=\s|$|[،,.])",
]

# Round 23: "not without" (« non sans plaisir », "ليس دون سرور", "不无"): the two negations
# cancel and the noun or act after them decides (English, Spanish and Russian read "not without",
# "no sin", «не без» as a litotes already). A negated *evaluation* of not acting ("not to speak
# would be wrong", «не выступить было бы неправильно», « ne pas participer serait une erreur »,
# "no participar sería un error"): the act stands (the verb is kept). A permission of absence
# denied ("does not allow him to be absent", « ne lui permet pas de s'absenter », "no le
# permite ausentarse", "لا يسمح له بالغياب", "不允许他缺席"): he must be elsewhere, which is no
# litotes of attendance; both words go and the clause is read without them.
_PSEUDO += [
    r"\bnot\s+(?P<keep_en_eval>(?:to\s+)?\w+(?:\s+(?:part|in|at|the|this|our|it))?)"
    r"\s+(?:would|will)\s+be\s+(?:wrong|a\s+mistake|an\s+error|unthinkable|unforgivable)\b"
    r"|\b(?:not|n't|never)\s+(?:\w+\s+){0,2}?(?:allow|permit)\w*\s+(?:\w+\s+){0,2}?"
    r"(?:to\s+)?(?:be\s+)?(?:absent|away)\b",
    r"\bnon\s+sans\b"
    r"|\bne\s+pas\s+(?P<keep_fr_eval>\w+(?:\s+(?:part|à|au|aux|la|le))?)\s+(?:serait|sera)\s+"
    r"(?:une\s+erreur|une\s+faute|impensable|impardonnable)\b"
    r"|\bn(?:e\s+|')(?:\w+\s+)?(?:permet|permettra|permettent|autorise)\w*\s+pas\s+(?:de\s+)?"
    r"(?:s'absenter|être\s+absente?)\b",
    r"\bno\s+(?P<keep_es_eval>\w+(?:ar|er|ir))\s+(?:\w+\s+){0,3}?(?:sería|será)\s+"
    r"(?:un\s+error|una\s+falta|impensable|imperdonable)\b"
    r"|\bno\s+(?:le|les|nos|me)?\s*(?:permite|permitirá|permiten|autoriza)\s+(?:\w+\s+)?"
    r"ausentar\w*",
    r"(?<![\w\u0400-\u04ff])не\s+(?P<keep_ru_eval>[а-яё]+(?:ть|ти|ться))\s+(?:\S+\s+){0,3}?"
    r"(?:было\s+бы|будет|является)\s+(?:неправильно|ошибкой|ошибочно|непростительно"
    r"|немыслимо)(?![\w\u0400-\u04ff])",
    r"不无(?=[\u4e00-\u9fff])|不(?:允许|允許|准许|准許|容许|容許)[^，。；]{0,4}?缺席",
    r"(?:^|\s)(?:ليس|وليس)\s+(?:من\s+)?(?:دون|بدون|بلا)(?=\s)"
    r"|(?:^|\s)(?:لا|لن)\s+(?:\S+\s+){0,2}?(?:يسمح|تسمح|يتيح|تتيح)\s+(?:له|لها|لنا)\s+"
    r"(?:ب)?(?:ال)?(?:غياب|تغيب)\S*",
]

# Round 22: a past "did not fail to" reports an act done, in the languages whose litotes keeps
# the refusal verb in _REFUSAL (the French and Russian forms are in their rows above): both
# negations cancel and the act after them decides alone ("did not fail to note the importance
# of the Forum" accepts nothing; the future "will not fail to attend" still does).
_PSEUDO += [
    r"\b(?:did\s+not|didn't|never|has\s+not|hasn't|had\s+not)\s+fail(?:ed)?\s+to\b",
    r"\bno\s+(?:dejó|dejaron|ha\s+dejado|han\s+dejado|había\s+dejado)\s+de\b",
    r"(?:^|\s)[وف]?لم\s+[يتن]توان\S*(?:\s+\S+){0,3}?\s+عن(?=\s)",
]

# Round 32: three negations that deny something other than the taking part, so the words after
# them are read as if affirmed. (1) Not content with, not limited to: "not only" by another verb
# ("will not settle for a recorded message: he will speak live", « ne se contentera pas d'une
# déclaration enregistrée », "no se limitará a enviar un mensaje", «не ограничится
# видеообращением», "不满足于书面发言", "لا يكتفي الوزير بقبول الدعوة، بل …"): what it names is
# done, and more. (2) Not without thought or attention ("It is not without careful thought that
# we reply", «Приглашение не осталось без внимания»): the letter was considered, which answers
# nothing. (3) Changes nothing to ("this changes nothing to the confirmation", « ne change rien
# à la présente confirmation », "no cambia en nada", «ничего не меняет», "不改变", "لا يغير
# شيئا من"): what follows stands as it was.
_PSEUDO += [
    r"\b(?:not|n't)\s+(?:just\s+|merely\s+|simply\s+)?(?:settle\s+for|content\s+\w+\s+with"
    r"|(?:limit|confine)\s+\w+sel(?:f|ves)\s+to|be\s+(?:limited|confined)\s+to)\b"
    r"|\b(?:is|are)\s+not\s+(?:limited|confined)\s+to\b|\bnot\s+(?:content|satisfied)\s+with\b"
    r"|\bnot\s+without\s+(?:\w+\s+)?(?:thought|consideration|reflection|deliberation"
    r"|attention)\b"
    r"|\b(?:does|do|did|will|would)\s+not\s+change\s+(?:anything\s+(?:in|about|to)\b|in\s+any"
    r"\s+way\b)?|\b(?:doesn't|don't|won't|didn't)\s+change\b|\bchanges\s+nothing\s+(?:in|about"
    r"|to)?\b",
    r"\bne\s+(?:se\s+|s')(?:content|limit|born)\w*\s+pas\s+(?:seulement\s+)?(?:à|de|d')"
    r"|\b(?:pas|non)\s+sans\s+(?:\w+\s+)?(?:réflexion|considération|attention|examen)\b"
    r"|\bn(?:e\s+|')(?:change|changera|modifie|modifiera)\s+(?:rien|en\s+rien|pas)\s+"
    r"(?:(?:à|au|aux)\b)?",
    r"\bno\s+se\s+(?:limit|conform|content|ciñ|circunscrib)\w*\s+(?:solo\s+|solamente\s+)?"
    r"(?:a|con)\b"
    r"|\bno\s+sin\s+(?:\w+\s+)?(?:reflexión|consideración|atención|examen|deliberación)\b"
    r"|\bno\s+(?:cambia|cambiará|modifica|modificará|altera|alterará)\s+(?:en\s+)?(?:nada\b)?",
    r"(?<![\w\u0400-\u04ff])не\s+(?:ограничи(?:тся|вается|лся|лась|лось|мся|ваемся)"
    r"|довольству\w*|удовлетвор\w*)(?![\w\u0400-\u04ff])"
    r"|(?<![\w\u0400-\u04ff])не\s+(?:остал\w*|оставил\w*|оставлен\w*|прош[её]л\w*|прошл\w*)\s+"
    r"без\s+(?:\w+\s+)?внимани\w*|(?<![\w\u0400-\u04ff])не\s+без\s+(?:\w+\s+)?(?:размышлени"
    r"|раздумь|обсуждени)\w*"
    r"|(?<![\w\u0400-\u04ff])(?:ничего\s+)?не\s+(?:меня(?:ет|ют)|измен(?:ит|ят|яет|яют))"
    r"(?:\s+ничего)?(?![\w\u0400-\u04ff])",
    r"(?:并|並)?不(?:满足于|滿足於|局限于|局限於|仅限于|僅限於|限于|限於|止于|止於)"
    r"|(?:并|並)?(?:不会|不會|不|没有|沒有)(?:改变|改變)",
    r"(?:^|\s)[وف]?(?:لا|لن|لم)\s+[يتن](?:كتف|قتصر)\S*"
    r"|(?:^|\s)[وف]?(?:لا|لن)\s+[يت]غي(?:ّ)?ر\S*(?:\s+شيئا\S*)?(?:\s+من)?(?=\s)",
]

# Round 36: a negation of weakening or of change that denies something other than the taking
# part ("The pandemic has not weakened our wish to take part", « n'a en rien affaibli », "no ha
# restado interés", «не ослабила нашего желания», "疫情非但没有削弱我局参会的意愿", "لم تضعف
# رغبتنا"; "no change to the date or the subject of the speech", "aucun changement", "ningún
# cambio", «без изменений» is no negator, "ولا تغيير في موعد الكلمة"): what follows stands.
_PSEUDO += [
    r"\b(?:not|n't|never)\s+(?:\w+\s+)?(?:weaken\w*|diminish\w*|lessen\w*|dampen\w*|reduc\w*)\b"
    r"|\bno\s+change\s+(?:to|in|of)\b|\bnothing\s+changes\b",
    r"\bn(?:e\s+|')(?:\S+\s+){0,2}?(?:pas|en\s+rien|nullement)\s+(?:\S+\s+)?(?:affaibli|diminué"
    r"|entamé|émoussé|réduit)\w*|\baucun\s+changement\s+(?:à|au|aux|de|du|dans)\b",
    r"\bno\s+(?:ha\s+|han\s+)?(?:debilitad|disminuid|restad|mermad|reducid|debilit|disminu"
    r"|rest|merm)\w*|\b(?:ningún|sin)\s+cambios?\s+(?:en|de|a|al)\b",
    r"(?<![\w\u0400-\u04ff])не\s+(?:ослаб|уменьш|снизи|снижа|поколеб)\w*",
    r"(?:非但|并|並)?(?:没有|沒有|未|并未|並未|不会|不會)(?:削弱|减弱|減弱|减少|減少|降低|动摇|動搖)",
    r"(?:^|\s)[وف]?(?:لم|لا|لن)\s+[يت](?:ضعف|قلل|نقص|ضعِف)\S*"
    r"|(?:^|\s)[وف]?(?:لا|ولا)\s+(?:تغيير|تعديل)(?=\s+(?:في|على))",
]

_TERMINATORS = [
    r"\s[—–]\s|[,;:.!?]|\b(but|however|although|though|whereas|while|yet|except|apart\s+from|because"
    r"|since|which|who|instead)\b"
    # "will not miss it and will speak": a coordinated finite verb has its own polarity.
    r"|\band\s+(will|shall|is|are|has|have)\b",
    r"\b(mais|cependant|toutefois|bien\s+que|quoique|sauf|parce|car|puisque|qui|lequel"
    r"|laquelle)\b|\bet\s+(?=\w+(?:ra|ront|rons)\b)",
    r"\b(pero|sino|aunque|salvo|excepto|porque|ya\s+que|quien|cual)\b|\by\s+(?=\w+(?:rá|rán|remos)\b)",
    r"(?<![\w\u0400-\u04ff])(но|а|однако|хотя|кроме|потому|так\s+как|который|которая)"
    r"(?![\w\u0400-\u04ff])",
    r"[，。；：！？、]|但|而是|而|不过|然而|虽然|因为|由于",
    r"[،؛.]|\s(لكن|ولكن|بل|وإنما|إنما|إلا|رغم|لأن|الذي|التي)\s",
]

# Russian puts the existential negator after the noun it denies: "Препятствий для участия
# нет", "Возражений с нашей стороны нет" (there are no obstacles / objections): a litotes whose
# trigger follows the refusal word. Group 1 is the refusal word, group 2 the negator.
_POSTPOSED = Lexicon(
    [
        r"(?<![\w\u0400-\u04ff])((?:никак\w*\s+)?(?:возражени\w*|препятстви\w*|сомнени\w*|помех\w*"
        r"|преград\w*)"
        # Round 10: "Отказываться от такого приглашения у нас причин нет" (no reason to refuse):
        # a verb of refusal, then the reasons denied (one pattern: a Lexicon joins its parts
        # into one alternation, so groups 1 and 2 must be these).
        r"|(?:отказ|отклон|пропуск|пропуст|упуск|упуст)\w*"
        r"(?=[^.;,:!?—–]{0,60}?(?:причин|основани|смысла)\w*\s+(?:нет|не\s+имеется))"
        # Round 16: a topicalised infinitive of refusal, the negated intent last ("отказываться
        # от выступления … Министр не намерен": he does not intend to refuse).
        # Only with the intent closing the clause: "отказался … и не намерен менять решение" is
        # a refusal kept.
        # Round 37: a subject of several words may stand between ("Отказываться от такой
        # возможности Министр по развитию информационных технологий и коммуникаций не намерен").
        r"|(?:отказ|отклон|пропуск|пропуст|упуск|упуст)\w*(?:ть|ться)(?=(?:(?!\sа\s)[^.;,:!?—–])"
        r"{0,140}?(?<![\w\u0400-\u04ff])не\s+(?:намерен|собира|стан[её]т|стан[её]м|хочет|хотим"
        r"|планиру)\w*\s*(?:[.;,:!?—–]|$)))"
        r"[^.;,:!?—–]{0,140}?(?<![\w\u0400-\u04ff])(нет|не\s+имеется|не\s+существует"
        r"|не(?=\s+(?:намерен|собира|стан[её]т|стан[её]м|хочет|хотим|планиру)))"
        r"(?![\w\u0400-\u04ff])"
    ]
)

_TRIGGER = Lexicon(_TRIGGERS)
_BACKWARD_TRIGGER = Lexicon(_BACKWARD)
_PSEUDO_NEGATION = Lexicon(_PSEUDO)
_REFUSAL_WORD = Lexicon(_REFUSAL)
_TERMINATOR = Lexicon(_TERMINATORS)
_WORD = re.compile(r"\S+")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


@dataclass(frozen=True)
class Scope:
    """One negation: the trigger and the span of text it governs."""

    trigger: str
    start: int  # where the trigger starts
    end: int  # where its scope ends
    backward: bool = False  # governs the whole clause


@dataclass(frozen=True)
class Negation:
    """What negation does in one clause."""

    text: str  # the clause with pseudo-negations and litotes blanked out (same length)
    scopes: tuple[Scope, ...] = ()
    litotes: tuple[str, ...] = field(default=())  # the double negatives found, as written

    def negates(self, start: int) -> bool:
        """Whether the cue starting at ``start`` is inside a negation's scope."""
        return any(s.backward or s.start <= start < s.end for s in self.scopes)

    @property
    def any(self) -> bool:
        return bool(self.scopes)


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


# A place phrase does not use up a Chinese negation's window (round 13), nor, since round 29,
# the list a name is taken from ("请不要将部长从发言名单中删除").
_HAN_PLACE = re.compile(
    r"(?<!正)在[^，。；、\s]{1,14}?(上|中|期间|期間)|(?:从|從)[^，。；、\s]{1,12}?(?:名单|名單)(?:中|上)?"
)


def _scope_end(text: str, start: int, scripts: frozenset[str], participation: Lexicon) -> int:
    """Where a scope opened at ``start`` ends: the next terminator, or the window's end."""
    terminator = _TERMINATOR.search(text, scripts, pos=start)
    limit = terminator.start() if terminator else len(text)
    if "han" in scripts and _HAN.search(text[start : start + 2]):
        end = start + WINDOW_HAN
        # Round 13: a place phrase ("在高级别政策会议上") does not use up the window, so "不安排
        # 领导在高级别政策会议上发表声明" still reaches its verb.
        place = _HAN_PLACE.search(text, start, limit)
        if place is not None and place.start() < end:
            end += place.end() - place.start()
        return min(limit, end)
    words = list(_WORD.finditer(text, start, limit))
    if len(words) > WINDOW:
        limit = words[WINDOW - 1].end()
    return limit


# Pure and called again on the same clause (the reading, then the safety net): cached while
# one text is read (``circular.replies.classify`` clears it before each).
@lru_cache(maxsize=256)
def analyse(clause: str, scripts: frozenset[str], participation: Lexicon) -> Negation:
    """The negations of ``clause`` (a clause of a sentence, courtesy formulae already removed):
    pseudo-negations dropped, litotes recognised as affirmations, scopes of the others.

    ``participation`` is the lexicon of participation words: a refusal word only makes a
    litotes when it comes *before* any participation word in the scope ("will not attend and
    must decline" is a negated attendance, not a double negative)."""
    text = clause
    for match in list(_pseudo_matches(text, scripts)):
        kept = next((k for k, v in match.groupdict().items() if v is not None), None)
        if kept is not None:
            # "ne … que" restricts, "لا … فحسب" is "not only": the verb between stays.
            text = _blank(text, match.start(), match.start(kept))
            text = _blank(text, match.end(kept), match.end())
        else:
            text = _blank(text, match.start(), match.end())
    litotes: list[str] = []
    for match in _POSTPOSED.finditer(text, scripts):
        litotes.append(" ".join(match.group(0).split()))
        text = _blank(text, match.start(2), match.end(2))
        text = _blank(text, match.start(1), match.end(1))
    scopes: list[Scope] = []
    pos = 0
    while True:
        trigger = _TRIGGER.search(text, scripts, pos=pos)
        if trigger is None:
            break
        end = _scope_end(text, trigger.end(), scripts, participation)
        # French "ne … pas": the verb is inside the trigger, so the scope starts within it.
        scope_start = trigger.start() + 1
        refusal = _REFUSAL_WORD.search(text[:end], scripts, pos=scope_start)
        participate = participation.search(text[:end], scripts, pos=trigger.end())
        if (
            refusal is not None
            and (participate is None or refusal.start() < participate.start())
            and not _coordinated_absence(text, trigger.end(), refusal)
        ):
            span_end = max(trigger.end(), refusal.end())  # "ne manquera pas" whole
            litotes.append(" ".join(clause[trigger.start() : span_end].split()))
            text = _blank(text, trigger.start(), trigger.end())
            # Negative concord: "ничто не мешает", "rien ne s'oppose", "nada le impide" are one
            # negation; the verbal negator between the n-word and the refusal goes with it.
            for inner in _TRIGGER.finditer(text[: refusal.start()], scripts):
                if inner.start() >= trigger.end():
                    text = _blank(text, inner.start(), inner.end())
            text = _blank(text, refusal.start(), refusal.end())
            pos = refusal.end()
            absorbed = (
                _WITHOUT_AFTER.match(text, pos) if _LET_PASS.match(refusal.group(0)) else None
            )
            if absorbed:
                # "will not let this chance pass without taking part", « ne laissera pas passer
                # cette occasion sans y participer », "لن يدع الفرصة تمر دون أن يشارك": the
                # "without" is the figure's third negation; the act after it stands (round 16).
                text = _blank(text, absorbed.start(1), absorbed.end(1))
                pos = absorbed.end()
            continue
        scopes.append(Scope(trigger.group(0).strip(), trigger.start(), end))
        pos = max(trigger.end(), pos + 1)
    backward = _BACKWARD_TRIGGER.search(text, scripts)
    if backward is not None:
        scopes.append(Scope(backward.group(0).strip(), 0, len(text), backward=True))
    return Negation(text, tuple(scopes), tuple(litotes))


# "without X and without Y", "sans … et sans", "sin … y sin", "без … и без": two absences side by
# side, not one inside the other (round 14: "только текст без подписи и без исходящего номера"
# read as a litotes, an acceptance).
_WITHOUT = re.compile(r"^(without|sans|sin|без)$", re.I)
_COORDINATOR = re.compile(r"(?:^|\s)(and|or|nor|et|ou|ni|y|e|o|u|и|или|ни)\s*$", re.I)


# A litotes of letting an occasion pass, and the "without" that completes it (round 16).
_LET_PASS = re.compile(r"let\b|laiss|dej\w+\s+(?:pasar|escapar)|[يتن](?:دع|ترك)", re.I)
_WITHOUT_AFTER = re.compile(
    r"[^,;:.،؛]{0,40}?(?<!\w)(without|sans|sin|без|(?:دون|بدون|من\s+غير)(?:\s+أن)?)(?!\w)", re.I
)


def _coordinated_absence(text: str, after_trigger: int, refusal: re.Match[str]) -> bool:
    """Whether the refusal word is a second "without" coordinated with the trigger's."""
    return bool(
        _WITHOUT.match(refusal.group(0).strip())
        and _COORDINATOR.search(text[after_trigger : refusal.start()])
    )


def refusal_at_start(text: str, scripts: frozenset[str]) -> bool:
    """Whether ``text`` opens (after a reflexive pronoun or two) with a word of refusal:
    "negarse", "se dérober", "refuse"."""
    match = _REFUSAL_WORD.search(text, scripts)
    return match is not None and len(text[: match.start()].split()) <= 1


def _pseudo_matches(text: str, scripts: frozenset[str]) -> list[re.Match[str]]:
    found = []
    pos = 0
    while True:
        match = _PSEUDO_NEGATION.search(text, scripts, pos=pos)
        if match is None or match.end() == match.start():
            return found
        found.append(match)
        pos = match.end()

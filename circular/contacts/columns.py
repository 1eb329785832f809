"""Which column of a contact file is which: header cells matched case-insensitively, without
regard to accents, punctuation or a parenthesised note, against common names in the six
languages ("E-mail", "Email address", "Correo electrónico", "Pays", "Страна", "国家", "البلد").
Columns that match none are kept as extra fields for the templates."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from circular.contacts.problems import Problem, ProblemKind

#: The contact fields a file may give, and the header names that mean each.
ALIASES: dict[str, tuple[str, ...]] = {
    "country": (
        "country", "country code", "country name", "iso3", "iso 3", "iso", "iso code",
        "iso2", "member state", "state", "pays", "code pays", "etat membre", "état",
        "pais", "país", "estado miembro", "estado", "страна", "государство",
        "государство член", "国家", "国家/地区", "成员国", "会员国", "البلد", "الدولة",
        "الدولة العضو", "بلد",
    ),
    "email": (
        "email", "e-mail", "e mail", "mail", "email address", "e-mail address",
        "mail address", "courriel", "adresse e-mail", "adresse électronique",
        "adresse courriel", "correo", "correo electrónico", "correo-e", "email адрес",
        "e-mail адрес",
        "электронная почта", "эл. почта", "эл почта", "почта", "адрес электронной почты",
        "电子邮件", "电子邮箱", "邮箱", "电邮", "البريد الإلكتروني", "البريد الالكتروني",
        "البريد",
    ),
    "language": (
        "language", "lang", "working language", "langue", "langue de travail", "idioma",
        "lengua", "idioma de trabajo", "язык", "рабочий язык", "语言", "语文", "工作语言",
        "اللغة", "لغة العمل",
    ),
    "salutation": (
        "salutation", "greeting", "dear", "formule d'appel", "appel", "saludo",
        "tratamiento", "обращение", "称呼", "敬称", "التحية",
    ),
    "title": ("title", "honorific", "titre", "título", "титул", "звание", "头衔", "称谓", "اللقب"),
    "name": (
        "name", "full name", "contact name", "addressee", "nom", "nom complet",
        "destinataire", "nombre", "nombre completo", "destinatario", "имя", "фио",
        "полное имя", "адресат", "姓名", "名字", "收件人", "الاسم", "الاسم الكامل",
    ),
    "position": (
        "position", "function", "job title", "post", "fonction", "poste", "cargo",
        "puesto", "должность", "职位", "职务", "المنصب", "الوظيفة",
    ),
    "ministry": (
        "ministry", "organization", "organisation", "administration", "department",
        "ministère", "ministere", "ministerio", "organismo", "министерство", "ведомство",
        "部委", "部门", "机构", "الوزارة", "الجهة",
    ),
    "cc": (
        "cc", "copy", "copy to", "copies", "cc email", "copie", "copie à", "copia",
        "con copia", "copia a", "копия", "копии", "抄送", "نسخة", "نسخة إلى",
    ),
}  # fmt: skip

REQUIRED = ("country", "email")


def normalise_header(text: str) -> str:
    """A header cell reduced to what matters: case, accents, punctuation and a parenthesised
    note ("Country (ISO3)") are dropped."""
    text = re.sub(r"\(.*?\)|\[.*?\]", " ", text)
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    bare = re.sub(r"[\s\-_./:*'’]+", " ", bare)
    return bare.strip()


_LOOKUP = {normalise_header(alias): name for name, aliases in ALIASES.items() for alias in aliases}


@dataclass(frozen=True)
class ColumnMap:
    """Positions of the known fields in a file's header, and the extra columns."""

    fields: dict[str, int]
    extra: dict[str, int] = field(default_factory=dict)
    header: tuple[str, ...] = ()

    def label(self, name: str) -> str:
        """The column's header as the file writes it (for reports)."""
        return self.header[self.fields[name]].strip()


def map_columns(header: tuple[str, ...]) -> tuple[ColumnMap, list[Problem]]:
    """Match a header row; problems for a missing required column or a field given twice."""
    fields: dict[str, int] = {}
    extra: dict[str, int] = {}
    problems: list[Problem] = []
    for position, cell in enumerate(header):
        name = _LOOKUP.get(normalise_header(cell))
        if name is None:
            label = cell.strip()
            # A column without a header is kept only if it holds something; the key stays
            # unique (and stable) so templates can still reach it.
            extra[label or f"column {position + 1}"] = position
        elif name in fields:
            first = header[fields[name]].strip()
            problems.append(
                Problem(
                    ProblemKind.DUPLICATE_COLUMN,
                    f"both {first!r} and {cell.strip()!r} mean the {name} column; keep one",
                    row=1,
                    column=cell.strip(),
                )
            )
        else:
            fields[name] = position
    for name in REQUIRED:
        if name not in fields:
            examples = ", ".join(repr(alias) for alias in ALIASES[name][:4])
            found = ", ".join(repr(cell.strip()) for cell in header)
            problems.append(
                Problem(
                    ProblemKind.MISSING_COLUMN,
                    f"no {name} column (a header such as {examples}); the header has {found}",
                    row=1,
                    column=name,
                )
            )
    return ColumnMap(fields, extra, header), problems

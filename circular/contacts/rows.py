"""One record of a contact file turned into a contact, or into the problems it has."""

from __future__ import annotations

from dataclasses import dataclass, field

from circular.contacts.columns import ColumnMap
from circular.contacts.problems import Problem, ProblemKind
from circular.contacts.values import check_email, parse_language, split_cc
from circular.countries import LANGUAGES, lookup_country

#: Optional text fields copied as they are (values are data: never interpreted here).
TEXT_FIELDS = ("salutation", "title", "name", "position", "ministry")

#: Longest cell taken in. The longest UN ministry title is under 200 characters; a cell of
#: megabytes is a broken export, and would otherwise go into the ledger and every letter.
MAX_VALUE_CHARS = 4000


@dataclass(frozen=True)
class ContactRow:
    """A valid contact as read from one row of a file."""

    row: int
    iso3: str
    language: str
    email: str
    cc: tuple[str, ...] = ()
    salutation: str = ""
    title: str = ""
    name: str = ""
    position: str = ""
    ministry: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    def key(self, contacts_per_country: int) -> str:
        """The contact's key in its campaign: the ISO3 code, or ``ISO3:email`` when the
        campaign allows several contacts per country."""
        return self.iso3 if contacts_per_country == 1 else f"{self.iso3}:{self.email.lower()}"


def parse_row(
    row: int, cells: list[str], columns: ColumnMap, *, smtputf8: bool = False
) -> ContactRow | list[Problem]:
    """The contact in ``cells`` (spreadsheet row ``row``), or every problem it has.
    ``smtputf8``: addresses may have letters outside ASCII before the @ (``check_email``)."""
    problems: list[Problem] = []

    def cell(name: str) -> str:
        position = columns.fields.get(name)
        return cells[position] if position is not None and position < len(cells) else ""

    def problem(kind: ProblemKind, name: str, detail: str) -> None:
        problems.append(Problem(kind, detail, row, columns.label(name), cell(name)))

    for position, value in enumerate(cells):
        if len(value) > MAX_VALUE_CHARS:
            label = columns.header[position].strip() if position < len(columns.header) else ""
            detail = f"{len(value):,} characters; a cell may hold at most {MAX_VALUE_CHARS:,}"
            problems.append(
                Problem(ProblemKind.VALUE_TOO_LONG, detail, row, label or f"column {position + 1}")
            )
    if problems:
        return problems

    country = lookup_country(cell("country")) if cell("country").strip() else None
    if country is None:
        detail = (
            "the country is empty"
            if not cell("country").strip()
            else "no Member State has this ISO code or name (in any of the six languages)"
        )
        problem(ProblemKind.UNKNOWN_COUNTRY, "country", detail)

    email = ""
    try:
        email = check_email(cell("email"), smtputf8=smtputf8)
    except ValueError as error:
        problem(ProblemKind.INVALID_EMAIL, "email", str(error))

    cc: list[str] = []
    for address in split_cc(cell("cc")):
        try:
            cc.append(check_email(address, smtputf8=smtputf8))
        except ValueError as error:
            problem(ProblemKind.INVALID_EMAIL, "cc", f"cc address {address!r}: {error}")

    language = country.language if country else ""
    if cell("language").strip():
        parsed = parse_language(cell("language"))
        if parsed is None:
            problem(
                ProblemKind.UNSUPPORTED_LANGUAGE,
                "language",
                f"the language must be one of {', '.join(LANGUAGES)} (or its name)",
            )
        else:
            language = parsed

    if problems or country is None:
        return problems
    extra = {
        name: cells[position] if position < len(cells) else ""
        for name, position in columns.extra.items()
    }
    return ContactRow(
        row=row,
        iso3=country.iso3,
        language=language,
        email=email,
        cc=tuple(cc),
        # Stripped of surrounding blanks only: inner text (CR/LF, tags, formulas) stays as
        # data and is made safe where it is used (rendering, e-mail headers).
        **{name: cell(name).strip() for name in TEXT_FIELDS},
        extra={name: value for name, value in extra.items() if value or name in columns.header},
    )

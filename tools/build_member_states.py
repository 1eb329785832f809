"""Build circular/data/member_states.csv: the ITU Member States and their UN short names.

A maintainer's tool, not part of the product: it needs hdx-python-country (MIT), which ships
OCHA's "Countries & Territories Taxonomy" with the UNTERM short names in the six UN languages.
circular itself only reads the CSV this script writes.

    pip install hdx-python-country==4.2.5
    python tools/build_member_states.py            # rewrites circular/data/member_states.csv
    python tools/build_member_states.py --check    # fails if the shipped file is out of date

Rules (documented in docs/data.md):
- Membership: the rows flagged "Appears in DGACM list" (the 193 UN Member States) plus the
  Holy See (ITU's "Vatican City State"). Palau is a UN member that joined the ITU only on
  2024-09-19, so it carries that date in ``itu_member_since``; the others are members
  throughout the period the data describe (from 2021-01-01).
- Working language: see WORKING_LANGUAGE below.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from circular.countries import name_key  # noqa: E402

OUTPUT = ROOT / "circular" / "data" / "member_states.csv"
SOURCE_NAME = "Countries & Territories Taxonomy MVP - C&T Taxonomy.csv"

LANGUAGES = ("ar", "en", "es", "fr", "ru", "zh")
SHORT_COLUMN = {
    "ar": "Arabic Short",
    "en": "English Short",
    "es": "Spanish Short",
    "fr": "French Short",
    "ru": "Russian Short",
    "zh": "Chinese Short",
}
# Other spellings the taxonomy records (ISO's, ReliefWeb's, M49's); kept as lookup aliases.
ALIAS_COLUMNS = (
    "Preferred Term",
    "ISO Alt Term",
    "DGACM Alt Term",
    "HPC Tools Alt Term",
    "RW Short Name",
    "RW API Alt Term",
    "M49 English",
    "M49 French",
    "M49 Spanish",
    "M49 Russian",
    "M49 Chinese",
    "M49 Arabic",
)

# ITU members that are not in the DGACM list of UN Member States.
EXTRA_MEMBERS = ("VAT",)
# UN Member States that joined the ITU after the data's start (2021-01-01), with the date.
# Palau deposited its instrument of accession on 2024-09-19 (ITU press release of that day).
JOINED = {"PLW": "2024-09-19"}

# The usual working language of each state's correspondence with the ITU.
# - ar: the 22 members of the League of Arab States (the State of Palestine is not an ITU
#   Member State), Arabic being an official language in each.
# - es: Spain, the Spanish-speaking states of Latin America, and Equatorial Guinea.
# - fr: states where French is an official language, except those above (Comoros, Djibouti
#   are in the Arab League; Equatorial Guinea answers in Spanish) and those whose
#   administration works in English (Canada, Rwanda since 2008, Seychelles, Vanuatu);
#   plus Andorra (member of the Francophonie; a French co-prince) and the Holy See (whose
#   diplomatic correspondence is traditionally in French).
# - ru: the members of the Regional Commonwealth in the field of Communications (RCC), whose
#   working language is Russian.
# - zh: China.
# - en: everyone else.
# Contact files may override the language per contact (the optional `language` column).
ARABIC = {
    "DZA", "BHR", "COM", "DJI", "EGY", "IRQ", "JOR", "KWT", "LBN", "LBY", "MRT",
    "MAR", "OMN", "QAT", "SAU", "SOM", "SDN", "SYR", "TUN", "ARE", "YEM",
}  # fmt: skip
SPANISH = {
    "ARG", "BOL", "CHL", "COL", "CRI", "CUB", "DOM", "ECU", "SLV", "GTM", "HND",
    "MEX", "NIC", "PAN", "PRY", "PER", "URY", "VEN", "ESP", "GNQ",
}  # fmt: skip
FRENCH = {
    "BEL", "BEN", "BFA", "BDI", "CMR", "CAF", "TCD", "COG", "COD", "CIV", "FRA",
    "GAB", "GIN", "HTI", "LUX", "MDG", "MLI", "MCO", "NER", "SEN", "CHE", "TGO",
    "AND", "VAT",
}  # fmt: skip
RUSSIAN = {"ARM", "AZE", "BLR", "KAZ", "KGZ", "MDA", "RUS", "TJK", "TKM", "UZB"}
CHINESE = {"CHN"}
WORKING_LANGUAGE = {
    **dict.fromkeys(ARABIC, "ar"),
    **dict.fromkeys(SPANISH, "es"),
    **dict.fromkeys(FRENCH, "fr"),
    **dict.fromkeys(RUSSIAN, "ru"),
    **dict.fromkeys(CHINESE, "zh"),
}

# Everyday names people type into contact files, in the six languages, beyond what the
# taxonomy records. Former UN short names are here too (Turkey, Swaziland, Czech Republic...).
ALIASES: dict[str, tuple[str, ...]] = {
    "ARE": ("Emirates", "Emiratos Árabes", "ОАЭ", "阿联酋", "الإمارات"),
    "BHS": ("The Bahamas",),
    "BIH": ("Bosnia",),
    "BOL": ("Bolivie", "Боливия"),
    "BRN": ("Brunei", "Brunéi"),
    "CHN": ("People's Republic of China", "PRC", "中华人民共和国", "République populaire de Chine"),
    "CIV": ("Ivory Coast",),
    "COD": ("DRC", "Congo-Kinshasa", "RDC", "RD Congo", "ДРК"),
    "COG": ("Republic of the Congo", "Congo-Brazzaville", "République du Congo"),
    "CZE": ("République tchèque", "República Checa", "Чешская Республика"),
    "FSM": ("Micronésie", "Микронезия"),
    "GBR": ("Great Britain", "Britain", "Royaume-Uni", "Reino Unido", "Великобритания", "英国",
            "المملكة المتحدة"),
    "IRN": ("Irán", "Иран", "伊朗", "إيران"),
    "KOR": ("South Korea", "Corée du Sud", "Corea del Sur", "Южная Корея", "韩国",
            "كوريا الجنوبية"),
    "PRK": ("North Korea", "Corée du Nord", "Corea del Norte", "Северная Корея", "朝鲜",
            "كوريا الشمالية"),
    "LAO": ("Laos",),
    "MDA": ("Moldavie", "Молдова"),
    "MKD": ("Macedonia", "The former Yugoslav Republic of Macedonia", "Macédoine"),
    "MMR": ("Burma",),
    "NLD": ("Holland", "Pays-Bas", "Países Bajos", "Нидерланды", "荷兰", "هولندا"),
    "NRU": ("Republic of Nauru",),
    "RUS": ("Russie", "Rusia", "Россия", "俄罗斯", "روسيا"),
    "SWZ": ("Swaziland",),
    "SYR": ("Syrie", "Siria", "Сирия", "叙利亚", "سوريا"),
    "TLS": ("East Timor",),
    "TUR": ("Turkey", "Turquie", "Turquía", "Turkiye"),
    "TZA": ("Tanzanie", "Tanzanía", "Танзания"),
    "USA": ("US", "U.S.", "U.S.A.", "United States", "Estados Unidos", "EE. UU.", "EEUU",
            "États-Unis", "США", "美国", "الولايات المتحدة"),
    "VAT": ("Vatican", "Vatican City", "Vatican City State", "Cité du Vatican",
            "État de la Cité du Vatican", "Ciudad del Vaticano", "Estado de la Ciudad del Vaticano",
            "Vaticano", "Ватикан", "梵蒂冈", "الفاتيكان"),
    "VEN": ("Vénézuela",),
    "VNM": ("Vietnam",),
}  # fmt: skip

COLUMNS = (
    "iso3",
    "iso2",
    "language",
    "itu_member_since",
    "region",
    *(f"name_{lang}" for lang in LANGUAGES),
    "aliases",
)


def source_path() -> Path:
    """The taxonomy CSV inside the installed hdx-python-country package."""
    try:
        return Path(str(resources.files("hdx.location").joinpath(SOURCE_NAME)))
    except ModuleNotFoundError:
        sys.exit("hdx-python-country is not installed: pip install hdx-python-country==4.2.5")


def build_rows(source: Path) -> list[dict[str, str]]:
    """The rows of member_states.csv, sorted by ISO alpha-3, from the taxonomy at ``source``."""
    with source.open(encoding="utf-8", newline="") as handle:
        taxonomy = list(csv.DictReader(handle))
    rows = []
    for entry in taxonomy:
        iso3 = entry["ISO 3166-1 Alpha 3-Codes"]
        if entry["Appears in DGACM list"] != "Y" and iso3 not in EXTRA_MEMBERS:
            continue
        names = {lang: entry[SHORT_COLUMN[lang]].strip() for lang in LANGUAGES}
        missing = [lang for lang, name in names.items() if not name]
        if missing:
            raise SystemExit(f"{source.name}: {iso3} has no short name in {missing}")
        aliases = [entry[col].strip() for col in ALIAS_COLUMNS]
        aliases += ALIASES.get(iso3, ())
        seen = set(names.values())
        unique = []
        for alias in aliases:
            if "|" in alias:
                raise SystemExit(f"{iso3}: alias {alias!r} contains the separator '|'")
            if alias and alias not in seen:
                seen.add(alias)
                unique.append(alias)
        rows.append(
            {
                "iso3": iso3,
                "iso2": entry["ISO 3166-1 Alpha 2-Codes"],
                "language": WORKING_LANGUAGE.get(iso3, "en"),
                "itu_member_since": JOINED.get(iso3, ""),
                "region": entry["Region Name"],
                **{f"name_{lang}": names[lang] for lang in LANGUAGES},
                "aliases": "|".join(unique),
            }
        )
    rows.sort(key=lambda row: row["iso3"])
    check(rows)
    return rows


def check(rows: list[dict[str, str]]) -> None:
    """Stop with a message when the rules and the source disagree."""
    codes = {row["iso3"] for row in rows}
    listed = set(WORKING_LANGUAGE) | set(ALIASES) | set(JOINED)
    if unknown := sorted(listed - codes):
        raise SystemExit(f"rules name states that are not in the data: {unknown}")
    owner: dict[str, str] = {}
    for row in rows:
        names = [row[f"name_{lang}"] for lang in LANGUAGES] + row["aliases"].split("|")
        for name in filter(None, names):
            other = owner.setdefault(name_key(name), row["iso3"])
            if other != row["iso3"]:
                raise SystemExit(f"{row['iso3']}: name {name!r} is also a name of {other}")
    in_2021 = [row for row in rows if not row["itu_member_since"]]
    if len(in_2021) != 193 or len(rows) != 194:
        raise SystemExit(
            f"expected 193 members in 2021 and 194 now, got {len(in_2021)}/{len(rows)}"
        )


def render(rows: list[dict[str, str]]) -> str:
    """The CSV text (UTF-8, LF line ends, every field quoted only where needed)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def main() -> None:
    """Write (or with --check, verify) circular/data/member_states.csv."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--source", type=Path, help="taxonomy CSV (default: from hdx-python-country)"
    )
    parser.add_argument("--check", action="store_true", help="fail if the shipped file differs")
    args = parser.parse_args()
    text = render(build_rows(args.source or source_path()))
    if args.check:
        if OUTPUT.read_text(encoding="utf-8") != text:
            sys.exit(f"{OUTPUT} is out of date: run tools/build_member_states.py")
        print(f"{OUTPUT} is up to date")
        return
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT} ({text.count(chr(10)) - 1} states)")


if __name__ == "__main__":
    main()

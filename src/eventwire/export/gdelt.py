"""Events in the GDELT 2.0 event table layout: 61 tab-separated columns, no header.

What eventwire knows goes in its GDELT column; what it does not compute (tone, GNS feature
ids, ethnic and religion codes) stays empty. Conventions kept from GDELT: dates as YYYYMMDD,
FractionDate = year + (month * 30 + day) / 365, CAMEO codes with their leading zero, actor
codes as concatenated 3-letter codes (CHNMIL), upper-case actor names, FIPS 10-4 country
codes in the geography columns. An actor's geography is the event's place when it lies in
the actor's country, else the country. NumMentions, NumSources and NumArticles are the
counts of the event's cluster (``eventwire clusters``), 1 without clusters; with
``one_per_cluster`` there is one row per cluster, as GDELT has one row per event. DATEADDED
is the publication date at 00:00:00, since the store does not keep the time of coding.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any, TextIO

from eventwire.analyze.network import country_names
from eventwire.data import read_tsv


def _actor_columns(n: int) -> list[str]:
    return [f"Actor{n}{name}" for name in ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode",
                                          "Religion1Code", "Religion2Code", "Type1Code", "Type2Code", "Type3Code")]


def _geo_columns(prefix: str) -> list[str]:
    return [f"{prefix}_{name}" for name in ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long",
                                            "FeatureID")]


#: The 61 columns of the GDELT 2.0 event table, in file order.
GDELT_COLUMNS: tuple[str, ...] = tuple(
    ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
    + _actor_columns(1) + _actor_columns(2)
    + ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
       "NumMentions", "NumSources", "NumArticles", "AvgTone"]
    + _geo_columns("Actor1Geo") + _geo_columns("Actor2Geo") + _geo_columns("ActionGeo")
    + ["DATEADDED", "SOURCEURL"]
)

#: Codes that CAMEO files as an actor type (Actor*Type1Code) rather than as a country.
NON_STATE = frozenset({"IGO", "NGO", "IMG", "MNC", "NGM", "UIS", "INT"})

#: GDELT geography types: 1 country, 2 US state, 3 US city, 4 world city, 5 world state (ADM1).
GEO_COUNTRY, GEO_US_STATE, GEO_US_CITY, GEO_WORLD_CITY, GEO_WORLD_STATE = 1, 2, 3, 4, 5
_ADMIN_FEATURES = frozenset({"admin1", "state", "province", "region"})


@lru_cache(maxsize=1)
def country_codes() -> dict[str, tuple[str, str]]:
    """eventwire code -> (FIPS 10-4 code, CAMEO code), from ``export/gdelt_countries.tsv``."""
    path = resources.files("eventwire.export").joinpath("gdelt_countries.tsv")
    return {row["iso3"]: (row["fips"], row["cameo"] or row["iso3"]) for row in read_tsv(str(path))}


def global_event_id(content_hash: str, event_index: int) -> int:
    """A stable 60-bit integer id: the same stored event gets the same id in every export."""
    return int(hashlib.sha256(f"{content_hash}:{event_index}".encode()).hexdigest()[:15], 16)


def _clean(value: Any) -> str:
    """A field value with no tab or line break (the format has no quoting)."""
    if value is None:
        return ""
    return " ".join(str(value).split())


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


#: The geography columns of a place eventwire does not know (type 0).
NO_GEO = ["0", "", "", "", "", "", "", ""]


def _cameo(country: str | None) -> str:
    """The CAMEO code of an eventwire country code (itself where the table has none)."""
    return country_codes().get(country or "", ("", country or ""))[1]


def _actor(country: str | None, sectors: list[str] | None, name: str | None, text: str | None) -> list[str]:
    if not country and not name:
        return [""] * 10
    sectors = list(sectors or [])
    cameo = _cameo(country)
    if cameo in NON_STATE:
        country_code, types = "", [cameo, *sectors]
    else:
        country_code, types = cameo, sectors
    code = country_code + "".join(types) if country_code else "".join(types)
    types = (types + ["", "", ""])[:3]
    return [code, _clean((name or text or "").upper()), country_code, "", "", "", "", *types]


def _action_geo(row: dict[str, Any]) -> list[str]:
    if row.get("location_name") is None and row.get("lat") is None:
        return list(NO_GEO)
    iso = row.get("location_country") or ""
    fips = country_codes().get(iso, ("", ""))[0]
    feature = (row.get("location_feature") or "").lower()
    if feature == "country":
        kind = GEO_COUNTRY
    elif feature in _ADMIN_FEATURES:
        kind = GEO_US_STATE if iso == "USA" else GEO_WORLD_STATE
    else:
        kind = GEO_US_CITY if iso == "USA" else GEO_WORLD_CITY
    name = row.get("location_name") or ""
    country = country_names().get(iso, "")
    full = name if kind == GEO_COUNTRY or not country or name == country else f"{name}, {country}"
    adm1 = fips if kind == GEO_COUNTRY else ""
    feature_id = fips if kind == GEO_COUNTRY else ""  # GDELT's country-level feature id is the FIPS code
    return [str(kind), _clean(full), fips, adm1, "", _number(row.get("lat")), _number(row.get("lon")), feature_id]


@lru_cache(maxsize=1)
def country_points() -> dict[str, tuple[float, float]]:
    """eventwire country code -> the country's point in the shipped gazetteer."""
    from eventwire.extract.places.gazetteer import load_gazetteer

    gazetteer, points = load_gazetteer(), {}
    for iso, name in country_names().items():
        entry = next((e for e in gazetteer.lookup(name) if e.feature == "country" and e.country == iso), None)
        if entry is not None:
            points[iso] = (entry.lat, entry.lon)
    return points


def _actor_geo(country: str | None, row: dict[str, Any]) -> list[str]:
    """Where an actor is: the event's place when it lies in the actor's country, else the
    actor's country (type 1); nothing for an actor without a country or an international one.

    GDELT takes the place named nearest the actor in the text; eventwire ties actors to
    countries, so a place is only trusted when the two agree.
    """
    if not country or _cameo(country) in NON_STATE:
        return list(NO_GEO)
    if row.get("location_country") == country and row.get("lat") is not None:
        return _action_geo(row)
    fips = country_codes().get(country, ("", ""))[0]
    point = country_points().get(country)
    if not fips or point is None:
        return list(NO_GEO)
    name = country_names().get(country, country)
    return [str(GEO_COUNTRY), _clean(name), fips, fips, "", _number(point[0]), _number(point[1]), fips]


def _date_columns(when: date | None) -> list[str]:
    if when is None:
        return ["", "", "", ""]
    fraction = when.year + (when.month * 30 + when.day) / 365
    return [f"{when:%Y%m%d}", f"{when:%Y%m}", f"{when:%Y}", f"{fraction:.4f}"]


def gdelt_row(row: dict[str, Any]) -> list[str]:
    """The 61 GDELT fields of one stored event row (see ``export.rows``)."""
    cameo = row["cameo"] or ""
    published = row.get("published")
    out = [str(global_event_id(row["content_hash"], row["event_index"])),
           *_date_columns(row.get("date") or published),
           *_actor(row["source_country"], row["source_sector"], row["source_name"], row["source_text"]),
           *_actor(row["target_country"], row["target_sector"], row["target_name"], row["target_text"]),
           str(row.get("in_lead") or 0), cameo, cameo[:3], cameo[:2],
           "" if row["quad_class"] is None else str(row["quad_class"]), _number(row["goldstein"]),
           str(row.get("num_mentions") or 1), str(row.get("num_sources") or 1), str(row.get("num_articles") or 1),
           "",  # AvgTone: eventwire does not score tone
           *_actor_geo(row["source_country"], row), *_actor_geo(row["target_country"], row),
           *_action_geo(row),
           f"{published:%Y%m%d}000000" if published else "",
           _clean(row.get("article_url") or row.get("article_publisher") or row["doc_id"])]
    assert len(out) == len(GDELT_COLUMNS)
    return out


def write_gdelt(rows: Iterable[dict[str, Any]], out: TextIO) -> int:
    count = 0
    for row in rows:
        out.write("\t".join(gdelt_row(row)) + "\n")
        count += 1
    return count

"""The GDELT 2.0 export read back with its 61 columns, and the country code table."""

from __future__ import annotations

import csv
import re
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from eventwire.data import read_tsv
from eventwire.export import GDELT_COLUMNS, export_events
from eventwire.export.gdelt import country_codes


@pytest.fixture()
def rows(built_store: Any, tmp_path: Path) -> list[dict[str, str]]:
    path = tmp_path / "events.tsv"
    assert export_events(built_store, "gdelt", path) == 8  # the intent event stays out
    with open(path, encoding="utf-8", newline="") as handle:
        raw = list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert {len(r) for r in raw} == {61}
    return [dict(zip(GDELT_COLUMNS, r, strict=True)) for r in raw]


def by_code(rows: list[dict[str, str]], code: str, actor2: str = "") -> dict[str, str]:
    return next(r for r in rows if r["EventCode"] == code and r["Actor2CountryCode"].startswith(actor2))


def test_layout_has_the_61_gdelt_columns_in_order() -> None:
    assert len(GDELT_COLUMNS) == 61 == len(set(GDELT_COLUMNS))
    assert GDELT_COLUMNS[:5] == ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate")
    assert GDELT_COLUMNS[25:35] == ("IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
                                    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone")
    assert GDELT_COLUMNS[51] == "ActionGeo_Type" and GDELT_COLUMNS[-2:] == ("DATEADDED", "SOURCEURL")


def test_visit_row_carries_dates_actors_codes_and_place(rows: list[dict[str, str]]) -> None:
    r = by_code(rows, "042")
    assert (r["SQLDATE"], r["MonthYear"], r["Year"], r["FractionDate"]) == ("20230416", "202304", "2023", "2023.3726")
    assert (r["Actor1Code"], r["Actor1CountryCode"], r["Actor1Type1Code"]) == ("CHNGOV", "CHN", "GOV")
    assert (r["Actor2Code"], r["Actor2Name"]) == ("RUSGOV", "RUS")
    assert (r["EventCode"], r["EventBaseCode"], r["EventRootCode"], r["QuadClass"]) == ("042", "042", "04", "1")
    assert float(r["GoldsteinScale"]) == 1.9
    assert (r["NumMentions"], r["NumSources"], r["NumArticles"], r["AvgTone"]) == ("1", "1", "1", "")
    assert (r["ActionGeo_Type"], r["ActionGeo_FullName"], r["ActionGeo_CountryCode"]) == ("4", "Moscow, Russia", "RS")
    assert (float(r["ActionGeo_Lat"]), float(r["ActionGeo_Long"])) == (55.75, 37.62)
    assert r["IsRootEvent"] == "1"
    assert (r["DATEADDED"], r["SOURCEURL"]) == ("20230410000000", "https://example.org/april-1")


def test_event_outside_the_lead_paragraph_is_not_a_root_event(rows: list[dict[str, str]]) -> None:
    assert by_code(rows, "061")["IsRootEvent"] == "0"


def test_country_level_place_uses_fips_and_type_1(rows: list[dict[str, str]]) -> None:
    r = by_code(rows, "190", "UKR")
    assert (r["ActionGeo_Type"], r["ActionGeo_CountryCode"], r["ActionGeo_ADM1Code"]) == ("1", "UP", "UP")
    assert r["SQLDATE"] == "20230602"  # no event date: the publication date


def test_event_without_target_or_place_leaves_those_columns_empty(rows: list[dict[str, str]]) -> None:
    r = by_code(rows, "010")
    assert r["Actor2Code"] == r["Actor2CountryCode"] == "" and r["QuadClass"] == "0"
    assert r["ActionGeo_Type"] == "0" and r["ActionGeo_CountryCode"] == ""


def test_types_of_numeric_columns(rows: list[dict[str, str]]) -> None:
    ids = [int(r["GLOBALEVENTID"]) for r in rows]
    assert len(set(ids)) == len(ids) and all(0 < i < 2**63 for i in ids)
    for r in rows:
        assert re.fullmatch(r"\d{8}", r["SQLDATE"]) and re.fullmatch(r"\d{14}", r["DATEADDED"])
        assert re.fullmatch(r"\d{4}\.\d{4}", r["FractionDate"])
        assert r["QuadClass"] in {"0", "1", "2", "3", "4"}
        assert -10.0 <= float(r["GoldsteinScale"]) <= 10.0
        assert r["EventRootCode"] == r["EventCode"][:2]


def test_rows_are_in_date_order(rows: list[dict[str, str]]) -> None:
    dates = [r["SQLDATE"] for r in rows]
    assert dates == sorted(dates)


def test_same_store_gives_the_same_ids(built_store: Any, tmp_path: Path, rows: list[dict[str, str]]) -> None:
    again = tmp_path / "again.tsv"
    export_events(built_store, "gdelt", again)
    assert [line.split("\t")[0] for line in again.read_text(encoding="utf-8").splitlines()] == \
        [r["GLOBALEVENTID"] for r in rows]


# ---------------------------------------------------------------------------- the code table

def test_every_country_has_one_row_with_valid_codes() -> None:
    table = list(read_tsv(str(resources.files("eventwire.export").joinpath("gdelt_countries.tsv"))))
    codes = [row["iso3"] for row in table]
    assert len(codes) == len(set(codes))
    known = {row["code"] for row in read_tsv("actors/countries.tsv")}
    assert known <= set(codes)
    fips = [row["fips"] for row in table if row["fips"]]
    assert len(fips) == len(set(fips))
    for row in table:
        assert re.fullmatch(r"[A-Z]{2}|", row["fips"]), row
        assert re.fullmatch(r"[A-Z]{3}|", row["cameo"]), row


@pytest.mark.parametrize(("iso3", "expected"), [
    ("CHN", ("CH", "CHN")), ("RUS", ("RS", "RUS")), ("DEU", ("GM", "DEU")), ("GBR", ("UK", "GBR")),
    ("ROU", ("RO", "ROM")), ("TLS", ("TT", "TMP")), ("UKR", ("UP", "UKR")), ("SDN", ("SU", "SDN")),
])
def test_known_fips_and_cameo_codes(iso3: str, expected: tuple[str, str]) -> None:
    assert country_codes()[iso3] == expected


def test_actor_geography_is_the_place_in_the_actors_country_else_the_country(rows: list[dict[str, str]]) -> None:
    r = by_code(rows, "042")  # China's minister visits Russia, in Moscow
    assert (r["Actor2Geo_Type"], r["Actor2Geo_FullName"], r["Actor2Geo_CountryCode"]) == ("4", "Moscow, Russia", "RS")
    assert (r["Actor1Geo_Type"], r["Actor1Geo_CountryCode"], r["Actor1Geo_FeatureID"]) == ("1", "CH", "CH")
    lat, lon = float(r["Actor1Geo_Lat"]), float(r["Actor1Geo_Long"])
    assert 20 < lat < 45 and 95 < lon < 120  # inside China
    r = by_code(rows, "010")  # no target: no target geography
    assert r["Actor2Geo_Type"] == "0" and r["Actor2Geo_CountryCode"] == ""

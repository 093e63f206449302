"""The shipped gazetteer and its hand-curated additions (data/places)."""

from __future__ import annotations

import gzip
from collections import Counter

import pytest

from eventwire.data import data_path, read_tsv
from eventwire.extract.places.gazetteer import FEATURES, load_gazetteer, row_keys
from eventwire.extract.places.recognize import CUE_KINDS

COLUMNS = ["name", "aliases", "id", "feature", "country", "admin1", "lat", "lon", "population", "capital"]


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    with gzip.open(data_path("places/gazetteer.tsv.gz"), "rt", encoding="utf-8") as handle:
        lines = [line.rstrip("\n") for line in handle if not line.startswith("#")]
    assert lines[0].split("\t") == COLUMNS
    return [dict(zip(COLUMNS, line.split("\t"), strict=True)) for line in lines[1:]]


def test_gazetteer_rows_are_valid(rows) -> None:  # type: ignore[no-untyped-def]
    countries = {r["country"] for r in rows if r["feature"] == "country"}
    for row in rows:
        assert row["name"], row
        assert row["feature"] in FEATURES, row
        assert row["id"].isdigit(), row
        assert -90 <= float(row["lat"]) <= 90 and -180 <= float(row["lon"]) <= 180, row
        assert int(row["population"]) >= 0, row
        assert row["feature"] == "continent" or row["country"] in countries, row
        assert row["capital"] in ("", "1") and (not row["capital"] or row["feature"] == "city"), row


def test_name_index_is_sorted_and_complete(rows) -> None:  # type: ignore[no-untyped-def]
    with gzip.open(data_path("places/names.tsv.gz"), "rt", encoding="utf-8") as handle:
        lines = [line.rstrip("\n") for line in handle if not line.startswith("#")]
    assert lines[0] == "key\trows"
    keys = lines[1:]
    assert keys == sorted(keys), "names.tsv.gz must be sorted for binary search"
    index = {key: {int(i) for i in ids.split()} for key, ids in (k.split("\t") for k in keys)}
    assert len(index) == len(keys), "duplicate keys"
    for i, row in enumerate(rows):
        for key in row_keys(row["name"], row["aliases"]):
            assert i in index[key], (key, row)


def test_gazetteer_has_no_duplicate_ids(rows) -> None:  # type: ignore[no-untyped-def]
    duplicates = [gid for gid, n in Counter(r["id"] for r in rows).items() if n > 1]
    assert duplicates == []


def test_capitals_are_marked(rows) -> None:  # type: ignore[no-untyped-def]
    capitals = {(r["name"], r["country"]) for r in rows if r["capital"]}
    assert {("Washington", "USA"), ("London", "GBR"), ("Canberra", "AUS"), ("Nairobi", "KEN")} <= capitals
    assert len(capitals) >= 190


def test_gazetteer_covers_the_world(rows) -> None:  # type: ignore[no-untyped-def]
    features = Counter(r["feature"] for r in rows)
    assert features["country"] >= 240
    assert features["continent"] == 7
    assert features["admin1"] >= 3000
    assert features["city"] >= 50_000
    us_states = {r["name"] for r in rows if r["feature"] == "admin1" and r["country"] == "USA"}
    assert {"Texas", "Georgia", "Idaho", "California", "District of Columbia"} <= us_states


def test_extra_rows_are_valid(rows) -> None:  # type: ignore[no-untyped-def]
    keys_by_id = {r["id"]: row_keys(r["name"], r["aliases"]) for r in rows}
    countries = {r["country"] for r in rows if r["feature"] == "country"}
    names: Counter[str] = Counter()
    for row in read_tsv("places/extra.tsv"):
        if row["id"]:
            assert row["id"] in keys_by_id, f"extra.tsv corrects an id the gazetteer lacks: {row}"
            assert row_keys(row["name"], "") <= keys_by_id[row["id"]], f"name is not the record's: {row}"
        else:
            assert row["name"] and row["feature"] in FEATURES, row
            names[row["name"]] += 1
        if row["country"]:
            assert row["country"] in countries, row
        if row["lat"] or row["lon"]:
            assert -90 <= float(row["lat"]) <= 90 and -180 <= float(row["lon"]) <= 180, row
    assert [name for name, n in names.items() if n > 1] == []


@pytest.mark.parametrize(("name", "feature", "country"), [
    ("U.S.", "country", "USA"),
    ("NSW", "admin1", "AUS"),
    ("Gaza Strip", "region", "PSE"),
    ("Middle East", "region", ""),
    ("Paris", "city", "FRA"),
    ("Moscow", "city", "USA"),  # Moscow, Idaho
    ("Georgia", "admin1", "USA"),
    ("Georgia", "country", "GEO"),
])
def test_loaded_gazetteer_knows_names(name, feature, country) -> None:  # type: ignore[no-untyped-def]
    entries = load_gazetteer().lookup(name)
    assert any(e.feature == feature and e.country == country for e in entries)


def test_cues_are_valid() -> None:
    seen: Counter[tuple[str, str]] = Counter()
    for row in read_tsv("places/cues.tsv"):
        assert row["cue"] in CUE_KINDS, row
        assert row["word"] and row["word"] == row["word"].lower() and " " not in row["word"], row
        seen[(row["cue"], row["word"])] += 1
    assert [pair for pair, n in seen.items() if n > 1] == []
    assert {kind for kind, _ in seen} == set(CUE_KINDS)

"""Validation of every actor data file: known codes, no duplicates, sane dates."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

import pytest

from eventwire.data import read_tsv
from eventwire.extract.actors.lexicon import norm

PLOVER_SECTORS = {"COP", "GOV", "JUD", "LEG", "MIL", "PRM", "PTY", "REB", "SPY", "UAF", "UNK", "AGR", "BUS",
                  "CRM", "CVL", "EDU", "ELI", "JRN", "LAB", "MED", "REF", "OPP", "PRE", "REL", "SOC"}
#: Non-state codes (CAMEO/PLOVER) and CAMEO region codes allowed as a country.
NON_STATE = {"IGO", "NGO", "IMG", "MNC", "ISM", "UNO"}
REGIONS = {"WST", "EUR", "AFR", "ASA", "MEA", "LAM", "SAM", "NMR", "BLK", "CAU", "CAS", "CFR", "EAF", "WAF",
           "NAF", "SAF", "EEU", "SAS", "SEA", "PGS", "SCN", "CRB", "MDT", "ARB"}
NAME_FILES = ("subnational.tsv", "blocs.tsv", "organisations.tsv", "overrides.tsv")


def rows(name: str) -> list[dict[str, str]]:
    return list(read_tsv(f"actors/{name}"))


def split(value: str) -> list[str]:
    return [v for v in value.split("|") if v]


@pytest.fixture(scope="module")
def country_codes() -> set[str]:
    return {r["code"] for r in rows("countries.tsv")}


def test_country_codes_are_unique_three_letter_codes() -> None:
    codes = [r["code"] for r in rows("countries.tsv")]
    assert len(codes) > 190
    assert [c for c, n in Counter(codes).items() if n > 1] == []
    assert all(len(c) == 3 and c.isupper() for c in codes)


def test_country_names_do_not_collide_across_countries() -> None:
    owner: dict[str, set[str]] = defaultdict(set)
    for r in rows("countries.tsv"):
        for column in ("name", "names", "adjectives", "people", "capitals"):
            for surface in split(r[column]):
                owner[norm(surface)].add(r["code"])
    assert {k: v for k, v in owner.items() if len(v) > 1} == {}


@pytest.mark.parametrize("name", NAME_FILES)
def test_name_files_use_known_codes(name: str, country_codes: set[str]) -> None:
    known = country_codes | NON_STATE | REGIONS
    for r in rows(name):
        assert r["country"] in known, r
        assert set(r["sector"].split()) <= PLOVER_SECTORS, r
        assert r["kind"] in {"org", "region", "adjective", "subnational", "person"}, r
        assert split(r["names"]), r


def test_names_are_not_listed_twice_with_different_readings(country_codes: set[str]) -> None:
    seen: dict[str, tuple[str, str]] = {}
    clashes = []
    for name in ("subnational.tsv", "blocs.tsv", "organisations.tsv"):
        for r in rows(name):
            for surface in split(r["names"]):
                key = norm(surface)
                reading = (r["country"], r["kind"])
                if key in seen and seen[key] != reading:
                    clashes.append(surface)
                seen[key] = reading
    assert clashes == []


def test_ids_name_one_entity() -> None:
    names: dict[str, set[str]] = defaultdict(set)
    for name in NAME_FILES:
        for r in rows(name):
            if r["id"]:
                assert r["id"].split(":")[0] in {"org", "region", "person"}, r
                names[r["id"]].add(r["country"])
    assert {i: c for i, c in names.items() if len(c) > 1} == {}


def test_groups_are_placed_by_homeland_or_context(country_codes: set[str]) -> None:
    """groups.tsv: a homeland is a known state or empty; nouns are civilians, adjectives have a
    noun row of the same group; no name is also a country's name, adjective or people."""
    state_names = {norm(s) for r in rows("countries.tsv")
                   for column in ("name", "names", "adjectives", "people", "capitals") for s in split(r[column])}
    others = {norm(s) for name in NAME_FILES for r in rows(name) for s in split(r["names"])}
    seen: Counter[str] = Counter()
    nouns, adjectives = set(), set()
    for r in rows("groups.tsv"):
        assert r["country"] == "" or r["country"] in country_codes, r
        assert r["kind"] in {"group", "group-adjective"}, r
        assert r["sector"] == ("CVL" if r["kind"] == "group" else ""), r
        assert r["id"].startswith("group:"), r
        (nouns if r["kind"] == "group" else adjectives).add(r["id"])
        for surface in split(r["names"]):
            seen[norm(surface)] += 1
            assert norm(surface) not in state_names | others, surface
    assert [k for k, n in seen.items() if n > 1] == []
    assert adjectives <= nouns


def test_sector_terms() -> None:
    terms = rows("sectors.tsv")
    assert [t for t, n in Counter(norm(r["term"]) for r in terms).items() if n > 1] == []
    for r in terms:
        assert set(r["sector"].split()) <= PLOVER_SECTORS and r["sector"], r
        assert r["kind"] in {"title", "noun"} and r["alone"] in {"y", "n"}, r


def test_people_rows(country_codes: set[str]) -> None:
    offices = {r["office"] for r in rows("sectors.tsv") if r["office"]}
    people = rows("people.tsv")
    assert len({r["name"] for r in people}) >= 300
    for r in people:
        assert r["country"] in country_codes | NON_STATE, r
        assert not r["office"] or r["office"] in offices, r
        assert set(r["sector"].split()) <= PLOVER_SECTORS and r["sector"], r
        start = dt.date.fromisoformat(r["start"])
        if r["end"]:
            assert dt.date.fromisoformat(r["end"]) > start, r
        assert r["leader"] in {"", "y"}, r


def test_people_rows_are_not_repeated() -> None:
    keys = Counter((r["name"], r["country"], r["office"], r["start"]) for r in rows("people.tsv"))
    assert [k for k, n in keys.items() if n > 1] == []


def test_one_office_holder_at_a_time() -> None:
    """Two holders of the same office of the same country must not overlap (typos in dates)."""
    terms: dict[tuple[str, str], list[tuple[dt.date, dt.date, str]]] = defaultdict(list)
    for r in rows("people.tsv"):
        # Paramount-leader posts and posts of bodies are shared or collegial: skip them.
        if r["office"] not in {"president", "prime-minister", "foreign-minister", "defence-minister"}:
            continue
        if r["country"] == "IGO":
            continue
        end = dt.date.fromisoformat(r["end"]) if r["end"] else dt.date(9999, 1, 1)
        terms[(r["country"], r["office"])].append((dt.date.fromisoformat(r["start"]), end, r["name"]))
    overlaps = []
    for key, spans in terms.items():
        spans.sort()
        for (_, e1, n1), (s2, _, n2) in zip(spans, spans[1:], strict=False):
            if n1 != n2 and s2 < e1 - dt.timedelta(days=31):
                overlaps.append((key, n1, n2))
    assert overlaps == []

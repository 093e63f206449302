"""The rollup fast paths answer exactly what the plain queries over ``events`` answer.

One synthetic store (generated with SQL: countries, a bloc, named actors without a country,
events of a country with itself, events without a date, ties in every sort key), opened twice:
with its rollup tables and without them.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import duckdb
import pytest

from eventwire.store import EventStore
from eventwire.store.rollups import refresh_rollups, rollups_current
from eventwire.web import queries
from eventwire.web.db import Database
from eventwire.web.filters import EventFilter

COUNTRIES = "['CHN', 'RUS', 'UKR', 'USA', 'EUR', NULL]"
MODALITIES = "['asserted', 'asserted', 'intent', 'negated']"
#: Four codes (CAMEO, Goldstein, QuadClass, PLOVER; one without a PLOVER type), chosen by ``hash(i, 3)``.
CODE, GOLDSTEIN, QUAD, PLOVER = ("['042', '112', '190', '010']", "[1.9, -2.0, -10.0, 0.0]", "[1, 3, 4, 0]",
                                 "['CONSULT', 'ACCUSE', 'ASSAULT', '']")


def pick(values: str, salt: int, n: int) -> str:
    """The value at a hash of the row number."""
    return f"list_extract({values}, CAST(hash(i, {salt}) % {n} AS INTEGER) + 1)"


def build(path: Path, n_articles: int = 80) -> None:
    """Ten events an article; every country pair in turn, codes and modalities from hashes of the row number."""
    doc = "'doc' || lpad(CAST(i // 10 AS VARCHAR), 3, '0')"
    source = f"list_extract({COUNTRIES}, CAST(i % 6 AS INTEGER) + 1)"
    target = f"list_extract({COUNTRIES}, CAST((i // 6) % 6 AS INTEGER) + 1)"
    with EventStore(path) as store:
        con = store.con
        con.execute(f"""INSERT INTO articles SELECT 'h' || i, 'doc' || lpad(CAST(i AS VARCHAR), 3, '0'), NULL, NULL,
            DATE '2022-01-01' + CAST(i * 9 AS INTEGER), list_extract(['AP', 'Reuters', NULL], i % 3 + 1), 't',
            'text', 10 FROM range({n_articles}) t(i)""")
        con.execute(f"""INSERT INTO events SELECT 'h' || (i // 10), CAST(i % 10 AS INTEGER), {doc} || ':0:' || (i % 10),
            {doc}, DATE '2022-01-01' + CAST((i // 10) * 9 AS INTEGER), 0, 'sentence ' || i, 'met', 0, 3,
            'src', CASE WHEN hash(i, 2) % 7 = 0 THEN 'Vladimir Putin' END, {source}, ['GOV'], NULL,
            'tgt', NULL, {target}, [], NULL,
            {pick(CODE, 3, 4)}, substr({pick(CODE, 3, 4)}, 1, 2), 'label ' || {pick(CODE, 3, 4)},
            {pick(GOLDSTEIN, 3, 4)}, {pick(QUAD, 3, 4)}, {pick(PLOVER, 3, 4)}, NULL, [], {pick(MODALITIES, 4, 4)},
            CASE WHEN i % 5 = 0 THEN 'officials' END, NULL, NULL, NULL,
            CASE WHEN i % 4 <> 0 THEN DATE '2022-01-01' + CAST((i // 10) * 9 - hash(i, 5) % 40 AS INTEGER) END,
            'day', 'text', NULL, NULL, NULL, NULL, NULL, 0.5 + CAST(hash(i, 6) % 5 AS INTEGER) / 10.0, 'synthetic'
            FROM range({n_articles * 10}) t(i)""")


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> Any:
    plain = tmp_path_factory.mktemp("rollups") / "plain.duckdb"
    build(plain)
    rolled = plain.with_name("rolled.duckdb")
    shutil.copy(plain, rolled)
    con = duckdb.connect(str(rolled))
    refresh_rollups(con)
    con.close()
    with_rollups, without = Database(rolled), Database(plain)
    yield with_rollups, without
    with_rollups.close()
    without.close()


def test_rollups_are_used_only_where_built(stores: Any) -> None:
    with_rollups, without = stores
    assert rollups_current(with_rollups) and not rollups_current(without)


FILTERS = [
    EventFilter(actor="CHN"), EventFilter(actor="rus"), EventFilter(source="CHN"), EventFilter(target="UKR"),
    EventFilter(source="CHN", target="RUS"), EventFilter(source="CHN", target="CHN"),
    EventFilter(dyad=("CHN", "RUS")), EventFilter(dyad=("USA", "EUR")),
    EventFilter(actor="CHN", quad_class=[3, 4], modality=["asserted"]),
    EventFilter(actor="USA", attributed=True), EventFilter(actor="USA", attributed=False),
    EventFilter(dyad=("CHN", "UKR"), cameo="11", min_confidence=0.7),
    EventFilter(source="RUS", cameo_root="19", plover="assault"),
    EventFilter(actor="UKR", since=dt.date(2022, 6, 1), until=dt.date(2023, 3, 31)),
    EventFilter(actor="CHN", doc_id="doc010"),
    # Not on the rollup's keys: these take the plain path on both stores.
    EventFilter(actor="Vladimir Putin"), EventFilter(actor="CHN", source="RUS"), EventFilter(dyad=("CHN", "CHN")),
    EventFilter(actor="CHN", q="sentence 1"),
]
PAGES = [("date", "desc", 50, 0), ("date", "asc", 20, 40), ("goldstein", "desc", 30, 10), ("cameo", "asc", 50, 0),
         ("source", "desc", 10, 5), ("confidence", "asc", 500, 0), ("plover", "desc", 7, 3),
         ("target", "asc", 25, 25), ("quad_class", "desc", 40, 0), ("modality", "asc", 30, 60),
         ("published", "desc", 9, 1),
         ("cameo", "desc", 100, 1950)]  # past BOUNDED_PAGES: counted and sorted in two queries


@pytest.mark.parametrize("f", FILTERS, ids=lambda f: str(f.sides_where() is not None) + repr(f.query_string()))
def test_event_lists_are_the_same_with_and_without_rollups(stores: Any, f: EventFilter) -> None:
    with_rollups, without = stores
    for sort, order, limit, offset in PAGES:
        fast = queries.list_events(with_rollups, f, sort=sort, order=order, limit=limit, offset=offset)
        plain = queries.list_events(without, f, sort=sort, order=order, limit=limit, offset=offset)
        assert fast == plain, (sort, order, limit, offset)
    assert queries.top_types(with_rollups, f) == queries.top_types(without, f)


def test_every_sort_of_an_event_list_is_ranked_in_the_rollups() -> None:
    from eventwire.store.rollups import RANKED
    from eventwire.web.filters import Sort

    assert set(RANKED) == {s.value for s in Sort}


def test_a_filter_on_the_rollup_keys_finds_events(stores: Any) -> None:
    found = queries.list_events(stores[0], EventFilter(actor="CHN"))
    assert found["total"] > 50 and len(found["items"]) == 50


@pytest.mark.parametrize(("a", "b", "options"), [
    ("CHN", "RUS", {}), ("CHN", "RUS", {"directed": True}), ("RUS", "CHN", {"interval": "week"}),
    ("UKR", "USA", {"interval": "year", "modalities": None}), ("CHN", "CHN", {}),
    ("CHN", "RUS", {"since": "2022-03-01", "until": "2022-12-31", "modalities": ("asserted", "intent")}),
    ("CHNGOV", "RUS", {}), ("Vladimir Putin", "UKR", {"modalities": None}),
])
def test_dyad_series_are_the_same_with_and_without_rollups(stores: Any, a: str, b: str,
                                                            options: dict[str, Any]) -> None:
    with_rollups, without = stores
    fast = queries.dyad_series(with_rollups, a, b, **options)
    assert fast == queries.dyad_series(without, a, b, **options)
    assert sum(p["events"] for p in fast) > 0 or a == "CHNGOV"


def test_stale_rollups_are_ignored(tmp_path: Path) -> None:
    path = tmp_path / "stale.duckdb"
    build(path, n_articles=3)
    with EventStore(path) as store:
        refresh_rollups(store.con)
        assert rollups_current(store)
        store.con.execute("INSERT INTO events SELECT * REPLACE (event_index + 100 AS event_index) FROM events LIMIT 1")
        assert not rollups_current(store)


def test_rollups_of_another_layout_are_ignored(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    build(path, n_articles=3)
    with EventStore(path) as store:
        refresh_rollups(store.con)
        store.con.execute("UPDATE rollup_meta SET version = version - 1")
        assert not rollups_current(store)


def test_worker_processes_build_the_app_from_the_environment(stores: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from fastapi.testclient import TestClient

    from eventwire.errors import UsageError
    from eventwire.web.app import DB_VARIABLE, THREADS_VARIABLE, app_from_environment

    monkeypatch.delenv(DB_VARIABLE, raising=False)
    with pytest.raises(UsageError, match=DB_VARIABLE):
        app_from_environment()
    monkeypatch.setenv(DB_VARIABLE, str(stores[0].path))
    monkeypatch.setenv(THREADS_VARIABLE, "1")
    app = app_from_environment()
    with TestClient(app) as client:
        response = client.get("/api/events?actor=CHN&limit=5")
        assert response.status_code == 200 and response.json()["total"] > 5
        assert app.state.db.scalar("SELECT current_setting('threads')") == 1


@pytest.fixture(scope="module")
def clients(stores: Any) -> Any:
    from fastapi.testclient import TestClient

    from eventwire.web import ServeOptions, create_app

    with_rollups, without = stores
    with TestClient(create_app(ServeOptions(db=with_rollups.path))) as fast, \
            TestClient(create_app(ServeOptions(db=without.path))) as plain:
        yield fast, plain


@pytest.mark.parametrize("query", [
    "a=CHN&b=RUS", "a=rus&b=chn&interval=week", "a=UKR&b=USA&interval=year&all_modalities=true",
    "a=CHN&b=EUR&modality=asserted", "a=RUS&b=UKR&top_types=false",
    # Not kept ready: aggregated from event_sides or events on both stores.
    "a=CHN&b=RUS&interval=day", "a=CHN&b=RUS&directed=true", "a=CHN&b=CHN", "a=USA&b=RUS&modality=intent",
    "a=CHN&b=RUS&since=2022-03-01", "a=Vladimir Putin&b=UKR",
])
def test_the_series_api_answers_the_same_from_ready_made_rollups(clients: Any, query: str) -> None:
    fast, plain = (c.get(f"/api/dyads/series?{query}") for c in clients)
    assert fast.status_code == plain.status_code == 200
    assert fast.json() == plain.json()


@pytest.mark.parametrize(("a", "b", "options", "ready"), [
    ("CHN", "RUS", {}, ("CHN", "RUS", "asserted")), ("usa", "eur", {"modalities": None}, ("USA", "EUR", "*")),
    ("CHN", "RUS", {"modalities": ("asserted", "asserted")}, ("CHN", "RUS", "asserted")),
    ("CHN", "RUS", {"directed": True}, None), ("CHN", "CHN", {}, None), ("CHN", "RUS", {"since": "2022-01-01"}, None),
    ("CHN", "RUS", {"modalities": ("intent",)}, None), ("Vladimir Putin", "RUS", {}, None),
])
def test_ready_made_series_are_read_only_for_the_shapes_kept(stores: Any, a: str, b: str, options: dict[str, Any],
                                                              ready: Any) -> None:
    with_rollups, without = stores
    assert queries.ready_pair(with_rollups, a, b, **options) == ready
    assert queries.ready_pair(without, a, b, **options) is None


def test_a_pair_without_events_has_an_empty_ready_series(stores: Any) -> None:
    pair = queries.ready_pair(stores[0], "CHN", "ZZZ")
    assert pair is not None and queries.ready_series_json(stores[0], pair, "month") == "[]"
    assert queries.ready_series_json(stores[0], pair, "day") is None
    assert queries.ready_top_types_json(stores[0], pair) == "[]"


@pytest.mark.parametrize("f", FILTERS, ids=lambda f: str(f.sides_where() is not None) + repr(f.query_string()))
def test_event_lists_read_from_the_row_store_are_the_same(stores: Any, f: EventFilter) -> None:
    from eventwire.web.api import as_json

    with_rollups, without = stores
    assert with_rollups.row_store() is not None and without.row_store() is None
    for sort, order, limit, offset in PAGES:
        fast = queries.list_events_json(with_rollups, f, sort=sort, order=order, limit=limit, offset=offset)
        plain = queries.list_events(without, f, sort=sort, order=order, limit=limit, offset=offset)
        if f.sides_where() is None:
            assert fast is None
        else:
            assert fast is not None, (sort, order)
            assert json.loads(fast) == json.loads(as_json(plain).body), (sort, order, limit, offset)


def test_a_row_store_of_another_build_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "rows.duckdb"
    build(path, n_articles=3)
    with EventStore(path) as store:
        refresh_rollups(store.con)
        store.con.execute("UPDATE rollup_meta SET build = 'another'")
    db = Database(path)
    assert Path(f"{path}.rows").exists() and rollups_current(db) and db.row_store() is None
    assert queries.list_events_json(db, EventFilter(actor="CHN")) is None
    assert queries.list_events(db, EventFilter(actor="CHN"))["total"] > 0
    db.close()


def test_an_in_memory_store_has_no_row_store() -> None:
    con = duckdb.connect()
    con.execute("CREATE TABLE t AS SELECT 1 AS x")
    from eventwire.store.rowstore import store_path

    assert store_path(con) is None


@pytest.mark.parametrize("interval", ["week", "month", "year"])
def test_ready_answers_are_the_same_from_the_row_store_and_from_the_tables(stores: Any, tmp_path: Path,
                                                                           interval: str) -> None:
    with_rollups, _ = stores
    bare = tmp_path / "bare.duckdb"
    shutil.copy(with_rollups.path, bare)  # the rollup tables without the row store beside them
    tables = Database(bare)
    try:
        assert with_rollups.row_store() is not None and tables.row_store() is None
        for a, b, counted in [("CHN", "RUS", None), ("USA", "EUR", ("asserted",)), ("UKR", "CHN", None)]:
            pair = queries.ready_pair(with_rollups, a, b, modalities=counted)
            assert pair is not None and pair == queries.ready_pair(tables, a, b, modalities=counted)
            fast, slow = (queries.ready_series_json(db, pair, interval) for db in (with_rollups, tables))
            assert fast is not None and slow is not None and json.loads(fast) == json.loads(slow)
            assert json.loads(queries.ready_top_types_json(with_rollups, pair)) == \
                json.loads(queries.ready_top_types_json(tables, pair))
    finally:
        tables.close()


def test_rollups_refreshed_through_the_store_read_the_same(stores: Any, tmp_path: Path) -> None:
    """As an ingest refreshes them (EventStore's connection, one transaction), not only as the fixture does."""
    path = tmp_path / "ingested.duckdb"
    build(path)
    with EventStore(path) as store:
        refresh_rollups(store.con)
    db = Database(path)
    try:
        for f in (EventFilter(dyad=("CHN", "RUS")), EventFilter(actor="UKR"), EventFilter(source="USA", target="EUR")):
            fast = queries.list_events(db, f, sort="goldstein", order="desc", limit=20)
            assert fast["total"] > 0 and fast == queries.list_events(stores[1], f, sort="goldstein", order="desc",
                                                                       limit=20)
    finally:
        db.close()

"""Queries: a page found through the count-and-bound scan is exactly the plain ORDER BY page."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.web import queries
from eventwire.web.db import Database
from eventwire.web.filters import SORTS, EventFilter, Sort


@pytest.fixture(scope="module")
def db(store_path: Path):  # type: ignore[no-untyped-def]
    database = Database(store_path)
    yield database
    database.close()


@pytest.mark.parametrize("sort", [s.value for s in SORTS])
@pytest.mark.parametrize("order", ["asc", "desc"])
@pytest.mark.parametrize(("limit", "offset"), [(1, 0), (2, 1), (4, 2), (10, 0)])
def test_bounded_pages_equal_plain_pages(db: Database, sort: str, order: str, limit: int, offset: int) -> None:
    page = queries.list_events(db, EventFilter(), sort=sort, order=order, limit=limit, offset=offset)
    plain = db.rows(f"SELECT event_id FROM events {queries._order(sort, order)} LIMIT ? OFFSET ?", [limit, offset])
    assert [e["event_id"] for e in page["items"]] == [r["event_id"] for r in plain]
    assert page["total"] == 6


@pytest.mark.parametrize(("dyad", "expected"), [(("CHN", "RUS"), 5), (("rus", "chn"), 5), (("RUS", "RUS"), 0)])
def test_a_dyad_counts_both_directions_once(db: Database, dyad: tuple[str, str], expected: int) -> None:
    assert queries.list_events(db, EventFilter(dyad=dyad))["total"] == expected


def test_every_sort_has_a_column() -> None:
    assert set(SORTS) == set(Sort)


def test_the_cache_is_cleared_by_a_write(tmp_path: Path, store_path: Path) -> None:
    import shutil

    copy = tmp_path / "w.duckdb"
    shutil.copy(store_path, copy)
    database = Database(copy, writable=True)
    assert database.scalar("SELECT count(*) FROM errors") == 0
    with database.writing() as store:
        store.con.execute("INSERT INTO errors VALUES ('k', 'd', 'o', 'a reason')")
    assert database.scalar("SELECT count(*) FROM errors") == 1
    database.close()

"""The row store beside a store: ready JSON rows and answers, read only when of the current build.

Written by ``refresh_rollups`` (exercised with the web queries in ``tests/web/test_rollup_queries.py``);
here the reader on small files made by hand.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import duckdb
import pytest

from eventwire.store.rowstore import LIST_COLUMNS, LIST_FIELDS, RowStore, _pack, store_path

ROWS = {1: {"event_id": "a:0:0", "sentence": "Le président a visité Kyiv — «enfin»."},
        2: {"event_id": "a:0:1", "sentence": "A quote: \"we will answer\"\nand a new line."},
        5: {"event_id": "b:0:0", "sentence": "中国和俄罗斯签署了协议。"}}


def make(path: Path, build: str = "b1") -> Path:
    with sqlite3.connect(path) as con:
        con.execute("CREATE TABLE meta (build TEXT NOT NULL)")
        con.execute("INSERT INTO meta VALUES (?)", [build])
        con.execute("CREATE TABLE rows (pos INTEGER PRIMARY KEY, row BLOB NOT NULL)")
        con.executemany("INSERT INTO rows VALUES (?, ?)",
                        [(pos, _pack(json.dumps(row, ensure_ascii=False))) for pos, row in ROWS.items()])
        con.execute("CREATE TABLE answers (key TEXT PRIMARY KEY, body BLOB NOT NULL)")
        con.execute("INSERT INTO answers VALUES (?, ?)", ["series|CHN|RUS|asserted|year", _pack('[{"events": 3}]')])
    return path


@pytest.fixture
def rows(tmp_path: Path) -> RowStore:
    store = RowStore.open(make(tmp_path / "s.duckdb.rows"), "b1")
    assert store is not None
    return store


@pytest.mark.parametrize(("positions", "expected"), [
    ([5, 1], [5, 1]), ([2], [2]), ([1, 3, 2], [1, 2]), ([], []),
])
def test_rows_come_back_in_the_order_asked_and_missing_ones_are_left_out(rows: RowStore, positions: list[int],
                                                                         expected: list[int]) -> None:
    assert [json.loads(text) for text in rows.rows(positions)] == [ROWS[p] for p in expected]


def test_answers_are_read_by_key(rows: RowStore) -> None:
    assert json.loads(rows.answer("series|CHN|RUS|asserted|year") or "") == [{"events": 3}]
    assert rows.answer("series|CHN|RUS|asserted|week") is None


def test_a_row_store_of_another_build_or_none_is_not_opened(tmp_path: Path) -> None:
    path = make(tmp_path / "s.duckdb.rows", build="old")
    assert RowStore.open(path, "new") is None
    assert RowStore.open(path, None) is None
    assert RowStore.open(tmp_path / "missing.rows", "old") is None
    broken = tmp_path / "broken.rows"
    broken.write_bytes(b"not a database at all" * 100)
    assert RowStore.open(broken, "old") is None


def test_the_row_store_lives_beside_the_store_file(tmp_path: Path) -> None:
    con = duckdb.connect(str(tmp_path / "events.duckdb"))
    assert store_path(con) == tmp_path / "events.duckdb.rows"
    con.close()
    assert store_path(duckdb.connect()) is None


def test_the_list_row_has_every_field_once() -> None:
    names = [name for name, _ in LIST_FIELDS]
    assert len(names) == len(set(names)) and LIST_COLUMNS.count(" AS ") == 1 and "date" in names

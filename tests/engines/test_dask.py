"""The Dask engine gives the same store as the local runner, and re-runs add nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.data import data_path
from eventwire.pipeline import CodeOptions
from eventwire.runner import run_ingest
from eventwire.store import EventStore
from eventwire.store.duck import TABLES

pytest.importorskip("distributed", reason="the Dask engine needs the 'dask' extra (dask[distributed], pyarrow)")
pytest.importorskip("pyarrow", reason="the Dask engine needs the 'dask' extra (dask[distributed], pyarrow)")

from eventwire.engines import dask as engine


def corpus(tmp_path: Path) -> Path:
    """Six demo articles, one of them twice under another id, and a line that cannot be read."""
    rows = [json.loads(line) for line in data_path("demo/articles.jsonl").open(encoding="utf-8")][:6]
    path = tmp_path / "corpus.jsonl"
    lines = [json.dumps(row) for row in rows] + [json.dumps({**rows[1], "id": "again"}), "{not json"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def tables(db: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every table's sorted rows, the learned actors included."""
    with EventStore(db, read_only=True) as store:
        return {name: sorted(store.query(f"SELECT * FROM {name}")[1], key=repr) for name in (*TABLES, "actor_registry")}


@pytest.fixture
def worker_coder(coder, monkeypatch):  # type: ignore[no-untyped-def]
    """Threaded workers live in this process: let them use the session's loaded pipeline."""
    monkeypatch.setitem(engine._coders, CodeOptions(), coder)
    return coder


def test_the_dask_engine_stores_exactly_what_the_local_runner_stores(tmp_path: Path, worker_coder) -> None:  # type: ignore[no-untyped-def]
    inputs = corpus(tmp_path)
    local = run_ingest([inputs], tmp_path / "local.duckdb", coder=worker_coder, batch_size=3)
    dask = engine.ingest([inputs], tmp_path / "dask.duckdb", workers=2, processes=False, partition_size=2)
    assert (dask.read, dask.coded, dask.skipped_existing, dask.failed, dask.events) == \
           (local.read, local.coded, local.skipped_existing, local.failed, local.events) == \
           (8, 6, 1, 1, local.events)
    assert local.events > 0
    assert dask.learned_actors == local.learned_actors
    assert tables(tmp_path / "dask.duckdb") == tables(tmp_path / "local.duckdb")
    assert not (tmp_path / "dask.duckdb.parts").exists()  # partitions are removed once loaded


def test_a_second_dask_run_adds_nothing(tmp_path: Path, worker_coder) -> None:  # type: ignore[no-untyped-def]
    inputs = corpus(tmp_path)
    engine.ingest([inputs], tmp_path / "dask.duckdb", workers=1, processes=False)
    first = tables(tmp_path / "dask.duckdb")
    again = engine.ingest([inputs], tmp_path / "dask.duckdb", workers=1, processes=False)
    assert (again.coded, again.skipped_existing) == (0, 7)
    assert tables(tmp_path / "dask.duckdb") == first

"""CSV, JSONL and Parquet exports, and the modality filter every export shares."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest

from eventwire.errors import UsageError
from eventwire.export import export_events


def test_csv_has_a_header_and_one_row_per_asserted_event(built_store: Any, tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    assert export_events(built_store, "csv", path) == 8
    rows = list(csv.DictReader(open(path, encoding="utf-8", newline="")))
    assert len(rows) == 8
    first = rows[0]
    assert (first["event_id"], first["source_sector"], first["article_publisher"]) == ("april-1:0:0", "GOV", "Wire A")


def test_jsonl_keeps_lists_and_iso_dates(built_store: Any, tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl"
    export_events(built_store, "jsonl", path)
    first = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
    assert first["source_sector"] == ["GOV"] and first["date"] == "2023-04-16"


@pytest.mark.parametrize(("modalities", "count"), [(("asserted",), 8), (None, 9), (("intent",), 1)])
def test_modalities_choose_the_events(built_store: Any, tmp_path: Path, modalities: Any, count: int) -> None:
    assert export_events(built_store, "csv", tmp_path / "x.csv", include_modalities=modalities) == count


def test_date_range(built_store: Any, tmp_path: Path) -> None:
    assert export_events(built_store, "jsonl", tmp_path / "x.jsonl", since="2023-06-01", until="2023-06-30") == 2


def test_parquet_is_written_by_duckdb(built_store: Any, tmp_path: Path) -> None:
    import duckdb

    path = tmp_path / "events.parquet"
    assert export_events(built_store, "parquet", path) == 8
    assert duckdb.connect().execute("SELECT count(*) FROM read_parquet(?)", [str(path)]).fetchone()[0] == 8


def test_paging_returns_every_row_once(built_store: Any) -> None:
    from eventwire.export.rows import ExportQuery, iter_event_rows

    ids = [r["event_id"] for r in iter_event_rows(built_store, ExportQuery(include_modalities=None), page=2)]
    assert len(ids) == len(set(ids)) == 9


def test_unknown_format_names_the_choices(built_store: Any, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="gdelt, plover"):
        export_events(built_store, "xml", tmp_path / "x.xml")

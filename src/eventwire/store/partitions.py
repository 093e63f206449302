"""Loading Parquet partitions of coded rows into the store (the Dask engine's write path).

Workers of a distributed engine cannot share one DuckDB file, so each writes the rows of
its batch (built by ``collect_rows``, in the store's column order) to one Parquet file per
table; the driver loads them here. Keys are content hashes and the insert ignores rows that
exist, so loading a partition twice adds nothing, as with ``EventStore.write_batch``.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path

import duckdb

from eventwire.errors import StoreError
from eventwire.store.duck import TABLES, EventStore

logger = logging.getLogger(__name__)


def table_columns(store: EventStore) -> dict[str, list[tuple[str, str]]]:
    """(column name, DuckDB type) of every coded-rows table, in column order."""
    rows = store.con.execute(
        "SELECT table_name, column_name, data_type FROM information_schema.columns "
        "WHERE table_name IN (SELECT unnest(?)) ORDER BY table_name, ordinal_position", [list(TABLES)]).fetchall()
    out: dict[str, list[tuple[str, str]]] = {name: [] for name in TABLES}
    for table, column, kind in rows:
        out[table].append((column, kind))
    return out


def load_partition(store: EventStore, files: Mapping[str, Path]) -> None:
    """Insert the rows of one partition (table name -> Parquet file) in one transaction."""
    try:
        store.con.execute("BEGIN TRANSACTION")
        for table, path in files.items():
            if table not in TABLES:
                raise StoreError(f"E012 {path}: {table!r} is not a table of the store")
            store.con.execute(f"INSERT OR IGNORE INTO {table} SELECT * FROM read_parquet(?)", [str(path)])
        store.con.execute("COMMIT")
    except duckdb.Error as exc:
        store.con.execute("ROLLBACK")
        raise StoreError(f"E012 loading the partition {sorted(map(str, files.values()))[:1]} into "
                         f"{store.path!r} failed: {exc}") from exc


__all__ = ["load_partition", "table_columns"]

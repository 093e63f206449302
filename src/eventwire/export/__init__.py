"""Exports of stored events: GDELT 2.0 table, PLOVER JSONL, CSV, JSONL and Parquet.

    >>> from eventwire.store import EventStore
    >>> from eventwire.export import export_events
    >>> with EventStore("events.duckdb", read_only=True) as store:          # doctest: +SKIP
    ...     export_events(store, "gdelt", "events.tsv")

Only asserted events are exported unless ``include_modalities`` names others (``None``: all).
"""

from __future__ import annotations

import csv
import json
import logging
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, TextIO

from eventwire.analyze.dyads import DEFAULT_MODALITIES
from eventwire.errors import UsageError
from eventwire.export.gdelt import GDELT_COLUMNS, write_gdelt
from eventwire.export.plover import write_plover
from eventwire.export.rows import ExportQuery, has_clusters, iter_event_rows, modalities
from eventwire.store import EventStore

logger = logging.getLogger(__name__)

FORMATS = ("gdelt", "plover", "csv", "jsonl", "parquet")

#: Store-internal columns left out of the flat exports (the GDELT and PLOVER writers use them).
_INTERNAL = frozenset({"location_feature"})


def _flat(value: Any) -> Any:
    """CSV cells: lists become space-separated codes (as in the data files), dates ISO strings."""
    if isinstance(value, list):
        return " ".join(str(v) for v in value)
    return "" if value is None else value


def _write_csv(rows: Iterable[dict[str, Any]], out: TextIO) -> int:
    writer: csv.DictWriter[str] | None = None
    count = 0
    for row in rows:
        record = {k: _flat(v) for k, v in row.items() if k not in _INTERNAL}
        if writer is None:
            writer = csv.DictWriter(out, fieldnames=list(record))
            writer.writeheader()
        writer.writerow(record)
        count += 1
    return count


def _write_jsonl(rows: Iterable[dict[str, Any]], out: TextIO) -> int:
    count = 0
    for row in rows:
        out.write(json.dumps({k: v for k, v in row.items() if k not in _INTERNAL}, default=str,
                             ensure_ascii=False) + "\n")
        count += 1
    return count


_TEXT_WRITERS = {"gdelt": write_gdelt, "plover": write_plover, "csv": _write_csv, "jsonl": _write_jsonl}


def export_events(store: EventStore, fmt: str, out_path: str | Path, *,
                  include_modalities: Sequence[str] | None = DEFAULT_MODALITIES,
                  since: str | None = None, until: str | None = None, one_per_cluster: bool = False) -> int:
    """Write the selected stored events to ``out_path`` in ``fmt``; the number of events written.

    Every row carries the counts of its event cluster (mentions, articles, sources) where the
    store has clusters; ``one_per_cluster`` writes one row per cluster instead of one per mention.
    """
    if fmt not in FORMATS:
        raise UsageError(f"E045 unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    clusters = has_clusters(store)
    if one_per_cluster and not clusters:
        raise UsageError("E046 --one-per-cluster needs event clusters: run `eventwire clusters --db ...` first")
    query = ExportQuery(since=since, until=until, include_modalities=modalities(include_modalities),
                        clusters=clusters, one_per_cluster=one_per_cluster)
    out = Path(out_path)
    if fmt == "parquet":
        return _export_parquet(store, query, out)
    newline = "" if fmt == "csv" else "\n"
    with open(out, "w", encoding="utf-8", newline=newline) as handle:
        count = _TEXT_WRITERS[fmt](iter_event_rows(store, query), handle)
    logger.info("exported %d events as %s to %s", count, fmt, out)
    return count


def _export_parquet(store: EventStore, query: ExportQuery, out: Path) -> int:
    # DuckDB writes Parquet itself, so the export needs no pyarrow; the path is a parameter.
    sql, params = query.sql()
    _, rows = store.query(f"COPY ({sql}) TO ? (FORMAT PARQUET)", [*params, str(out)])
    count = int(rows[0][0]) if rows and rows[0] else 0
    logger.info("exported %d events as parquet to %s", count, out)
    return count


__all__ = ["FORMATS", "GDELT_COLUMNS", "export_events"]

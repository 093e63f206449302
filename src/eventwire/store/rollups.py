"""Read-side tables derived from ``events``: rebuilt at the end of an ingest, never the truth.

``event_sides`` holds every event once per side that has a country (the source side with
``side_role = 's'``, the target side with ``'t'``), keyed by that side's country
(``side_actor``) and the other side's (``side_partner``), with the narrow columns that
filters, sorts, counts and dyad aggregates read (and numbers for the article and its
publisher, so a dyad series counts distinct stories and sources without a join to
``articles``). It is physically sorted by ``(side_actor, side_partner, date)``: DuckDB keeps
min/max per row group, so a question about one country or one pair reads one or two row
groups instead of scanning the whole store.

Why a copy per side rather than one sorted copy: "events involving CHN" is
``source = CHN OR target = CHN``, which no single sort order serves; with one row per side it
is one contiguous range. The table is about twice the narrow columns of ``events``.

Readers must call :func:`rollups_current` first: a table built before later inserts (the web
ingest endpoint, an ingest that did not refresh) is stale and is then ignored, and queries fall
back to ``events`` (slower, same answers).
"""

from __future__ import annotations

import logging
import time
from typing import Any, Protocol

import duckdb

logger = logging.getLogger(__name__)

SIDES = "event_sides"
#: Every event's ``pos``: its rank by ``(doc_id, event_index)``, the lists' tie-break order. The
#: sides table sorts and pages on this integer instead of two strings (about 3x faster), and
#: the page's event ids come from here through the index on ``pos``. ``story`` numbers the
#: articles (content hashes) and ``outlet`` the publishers: distinct counts of integers are
#: cheaper than of strings, and the sides table carries no string keys at all.
KEYS = "event_keys"
#: One row: the layout version and how many events the rollups were built from (the freshness check).
META = "rollup_meta"
#: Bumped whenever the tables' columns change: a store built by an older eventwire is then not
#: read with queries written for the new layout (it falls back until the next refresh).
VERSION = 2

#: Columns copied from ``events``. ``date`` holds the effective date (the event's own, else the
#: publication date), so ``coalesce(date, published)`` means the same over both tables and the
#: filters written for ``events`` run here unchanged.
_COLUMNS = ("coalesce(e.date, e.published) AS date, e.published, e.source_country, e.target_country, "
            "e.quad_class, e.cameo, e.cameo_root, e.cameo_label, e.plover, e.modality, e.goldstein, "
            "e.confidence, e.attributed_text IS NOT NULL AS attributed, k.pos, k.story, k.outlet")
_FROM = "events e JOIN event_keys k ON k.content_hash = e.content_hash AND k.event_index = e.event_index"


class Queryable(Protocol):
    def query(self, sql: str, params: Any = ()) -> tuple[list[str], list[tuple[Any, ...]]]: ...


def refresh_rollups(con: duckdb.DuckDBPyConnection) -> int:
    """(Re)build the rollup tables from ``events`` in one transaction; returns the rows of ``event_sides``.

    Call at the end of an ingest (``refresh_rollups(store.con)``): a million events take a few
    seconds, far less than coding them.
    """
    started = time.perf_counter()
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(f"""
            CREATE OR REPLACE TABLE {KEYS} AS
            SELECT CAST(row_number() OVER (ORDER BY e.doc_id, e.event_index, e.content_hash) AS INTEGER) AS pos,
                   e.event_id, e.content_hash, e.event_index,
                   CAST(dense_rank() OVER (ORDER BY e.content_hash) AS INTEGER) AS story,
                   CASE WHEN a.publisher IS NOT NULL
                        THEN CAST(dense_rank() OVER (ORDER BY a.publisher) AS INTEGER) END AS outlet
            FROM events e LEFT JOIN articles a ON a.content_hash = e.content_hash""")
        con.execute(f"CREATE UNIQUE INDEX {KEYS}_pos ON {KEYS} (pos)")
        con.execute(f"""
            CREATE OR REPLACE TABLE {SIDES} AS
            SELECT * FROM (
                SELECT e.source_country AS side_actor, e.target_country AS side_partner, 's' AS side_role, {_COLUMNS}
                FROM {_FROM} WHERE e.source_country IS NOT NULL
                UNION ALL
                SELECT e.target_country, e.source_country, 't', {_COLUMNS}
                FROM {_FROM} WHERE e.target_country IS NOT NULL)
            ORDER BY side_actor, side_partner, date, pos""")
        con.execute(f"CREATE OR REPLACE TABLE {META} AS SELECT {VERSION} AS version, count(*) AS events FROM events")
        con.execute("COMMIT")
    except duckdb.Error:
        con.execute("ROLLBACK")
        raise
    rows = con.execute(f"SELECT count(*) FROM {SIDES}").fetchone()
    n = int(rows[0]) if rows else 0
    logger.info("rollups: %d event sides in %.1f s", n, time.perf_counter() - started)
    return n


def rollups_current(db: Queryable) -> bool:
    """Whether ``event_sides`` exists and was built from the events now stored.

    Through ``db.query`` so that the web layer's result cache answers it after the first call
    (that cache is cleared by the web's own ingest, which is also the only writer while serving).
    """
    _, found = db.query("SELECT count(*) FROM duckdb_tables() WHERE table_name IN (?, ?, ?)", [SIDES, KEYS, META])
    if not found or found[0][0] != 3:
        return False
    _, built = db.query(f"SELECT version = {VERSION} AND events = (SELECT count(*) FROM events) FROM {META}")
    return bool(built and built[0][0])

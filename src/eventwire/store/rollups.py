"""Read-side tables derived from ``events``: rebuilt at the end of an ingest, never the truth.

``event_sides`` holds every event once per side that has a country (the source side with
``side_role = 's'``, the target side with ``'t'``), keyed by that side's country
(``side_actor``) and the other side's (``side_partner``), with the narrow columns that
filters, sorts, counts and dyad aggregates read (and numbers for the article and its
publisher, so a dyad series counts distinct stories and sources without a join to
``articles``), and ``own``: whether the row stands for its event among ``side_actor``'s
events (an event of a country with itself has two rows, and only its source side is its own;
the boolean costs half what that condition cost per request). It is physically sorted by
``(side_actor, side_partner, date)``: DuckDB keeps min/max per row group, so a question about
one country or one pair reads one or two row groups instead of scanning the whole store (and
a reader that knows where the country's rows lie narrows the scan further with a ``rowid``
range: ``web.db.Database.side_span``).

Why a copy per side rather than one sorted copy: "events involving CHN" is
``source = CHN OR target = CHN``, which no single sort order serves; with one row per side it
is one contiguous range. The table is about twice the narrow columns of ``events``.

``dyad_series`` and ``dyad_types`` hold the relationship view ready-made: per pair of different
countries (both directions, as the dashboard shows them), per counted modality set (asserted
only, the default, or every modality), the series per week, month and year with the empty
periods between the first and the last filled in (each period as the API's JSON), and the
counts per CAMEO code, ranked. A series
request then reads one key's rows instead of aggregating a pair's events (distinct stories and
sources do not add up across days, so the periods are aggregated here, not summed from days).
Other shapes (a date range, directed, one side a name, per day) are aggregated when asked.

``STORE.rows`` beside the store file holds every event's list row (``store/rowstore.py``).

Readers must call :func:`rollups_current` first: a table built before later inserts (the web
ingest endpoint, an ingest that did not refresh) is stale and is then ignored, and queries fall
back to ``events`` (slower, same answers).
"""

from __future__ import annotations

import logging
import sqlite3
import time
import uuid
from pathlib import Path
from typing import Any, Protocol

import duckdb

from eventwire.store import rowstore

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
VERSION = 3
#: The ready-made relationship series and event-type counts (see the module docstring).
SERIES = "dyad_series"
TYPES = "dyad_types"
#: The periods kept ready; a day series of a busy pair has thousands of rows and is rarely asked for.
SERIES_UNITS = ("week", "month", "year")
#: The modality sets kept ready: the one counted by default, and every modality (``'*'``).
SERIES_MODALITIES = ("asserted", "*")
#: Every table a reader relies on.
TABLES = (SIDES, KEYS, META, SERIES, TYPES)

#: Columns copied from ``events``. ``date`` holds the effective date (the event's own, else the
#: publication date), so ``coalesce(date, published)`` means the same over both tables and the
#: filters written for ``events`` run here unchanged.
#: The sort keys of event lists (``web.filters.SORTS``), ranked once per build: ``r_<name>`` is
#: the dense rank of the value (NULL stays NULL). A page is then the ``n`` smallest integers
#: ``rank * 2^32 + pos`` (``min_by``), found in the same scan that counts the matches, instead of
#: a count and an ORDER BY over the values: one query per page instead of two.
RANKED = {"date": "coalesce(e.date, e.published)", "published": "e.published", "cameo": "e.cameo",
          "goldstein": "e.goldstein", "quad_class": "e.quad_class", "confidence": "e.confidence",
          "source": "e.source_country", "target": "e.target_country", "plover": "e.plover", "modality": "e.modality"}
_COLUMNS = ("coalesce(e.date, e.published) AS date, e.published, e.source_country, e.target_country, "
            "e.quad_class, e.cameo, e.cameo_root, e.cameo_label, e.plover, e.modality, e.goldstein, "
            "e.confidence, e.attributed_text IS NOT NULL AS attributed, k.pos, k.story, k.outlet, "
            + ", ".join(f"k.r_{name}" for name in RANKED))
# Each rank from the column's distinct values joined back (one sort of a few thousand values
# per key, not ten sorts of every event: 2 s instead of 10 on a million events).
_RANK_TABLES = ", ".join(f"rank_{name} AS (SELECT v, CAST(dense_rank() OVER (ORDER BY v) AS INTEGER) AS r "
                         f"FROM (SELECT DISTINCT {sql} AS v FROM events e WHERE {sql} IS NOT NULL))"
                         for name, sql in RANKED.items())
_RANK_JOINS = " ".join(f"LEFT JOIN rank_{name} ON rank_{name}.v = {sql}" for name, sql in RANKED.items())
_RANKS = ", ".join(f"rank_{name}.r AS r_{name}" for name in RANKED)
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
            WITH {_RANK_TABLES}
            SELECT CAST(row_number() OVER (ORDER BY e.doc_id, e.event_index, e.content_hash) AS INTEGER) AS pos,
                   e.event_id, e.content_hash, e.event_index,
                   CAST(dense_rank() OVER (ORDER BY e.content_hash) AS INTEGER) AS story,
                   CASE WHEN a.publisher IS NOT NULL
                        THEN CAST(dense_rank() OVER (ORDER BY a.publisher) AS INTEGER) END AS outlet, {_RANKS}
            FROM events e LEFT JOIN articles a ON a.content_hash = e.content_hash {_RANK_JOINS}""")
        con.execute(f"CREATE UNIQUE INDEX {KEYS}_pos ON {KEYS} (pos)")
        con.execute(f"""
            CREATE OR REPLACE TABLE {SIDES} AS
            SELECT *, side_role = 's' OR side_partner IS DISTINCT FROM side_actor AS own FROM (
                SELECT e.source_country AS side_actor, e.target_country AS side_partner, 's' AS side_role, {_COLUMNS}
                FROM {_FROM} WHERE e.source_country IS NOT NULL
                UNION ALL
                SELECT e.target_country, e.source_country, 't', {_COLUMNS}
                FROM {_FROM} WHERE e.target_country IS NOT NULL)
            ORDER BY side_actor, side_partner, date, pos""")
        _build_dyad_tables(con)
        build = uuid.uuid4().hex
        written = _write_rows(con, build)
        con.execute(f"CREATE OR REPLACE TABLE {META} AS SELECT {VERSION} AS version, count(*) AS events, "
                    "? AS build FROM events", [build])
        con.execute("COMMIT")
    except duckdb.Error:
        con.execute("ROLLBACK")
        raise
    rowstore.install(written)
    rows = con.execute(f"SELECT count(*) FROM {SIDES}").fetchone()
    n = int(rows[0]) if rows else 0
    logger.info("rollups: %d event sides in %.1f s", n, time.perf_counter() - started)
    return n


#: The pair's rows of ``event_sides`` counted in each modality set: both directions of two
#: different countries (the rows keyed (a, b) are a -> b and b -> a, each event once).
_PAIR_ROWS = f"""
    SELECT s.*, m.modalities FROM {SIDES} s, (VALUES {', '.join(f"('{m}')" for m in SERIES_MODALITIES)}) m(modalities)
    WHERE s.side_partner IS NOT NULL AND s.side_actor <> s.side_partner
      AND (m.modalities = '*' OR s.modality = m.modalities)"""
_QUADS = ", ".join(f"count(*) FILTER (quad_class = {q}) AS q{q}" for q in range(5))
_STEP = "CASE unit WHEN 'week' THEN INTERVAL 7 DAY WHEN 'month' THEN INTERVAL 1 MONTH ELSE INTERVAL 1 YEAR END"


def _write_rows(con: duckdb.DuckDBPyConnection, build: str) -> Path | None:
    """The row store of this build, written aside (None: none, e.g. the directory is read-only)."""
    try:
        return rowstore.write_row_store(con, KEYS, build, answers=_ANSWERS)
    except (OSError, sqlite3.Error) as exc:
        logger.warning("no row store beside the store (%s): event lists will read rows from the events table", exc)
        return None


#: The number of event types a ready relationship view lists.
TOP_TYPES = 10


def answer_key(*parts: str) -> str:
    """The row store key of a ready answer: ``series|CHN|RUS|asserted|week``, ``types|CHN|RUS|asserted``."""
    return "|".join(parts)


#: The ready answers written into the row store: each series (its periods, in order) and each
#: pair's top event types, as the API returns them.
_ANSWERS = (
    f"""SELECT concat_ws('|', 'series', side_actor, side_partner, modalities, unit),
               '[' || string_agg(period_json, ', ' ORDER BY period) || ']'
        FROM {SERIES} GROUP BY ALL""",
    f"""SELECT concat_ws('|', 'types', side_actor, side_partner, modalities),
               CAST(to_json(list({{'cameo': cameo, 'label': label, 'quad_class': quad_class, 'events': events}}
                                 ORDER BY rank)) AS VARCHAR)
        FROM {TYPES} WHERE rank <= {TOP_TYPES} GROUP BY ALL""",
)


def rollups_build(db: Queryable) -> str | None:
    """The build id of the current rollups (None: not current), which the row store must carry."""
    if not rollups_current(db):
        return None
    _, found = getattr(db, "cached_query", db.query)(f"SELECT build FROM {META}")
    return str(found[0][0]) if found else None


#: One period of a relationship series as the API gives it (``web.queries.dyad_series``: the
#: same keys and values), written as JSON once here: encoding the ~500 periods of a weekly
#: series per request cost several times reading them.
_PERIOD_JSON = """{'period': period,
    'label': CASE unit WHEN 'year' THEN strftime(period, '%Y') WHEN 'month' THEN strftime(period, '%Y-%m')
                  ELSE strftime(period, '%Y-%m-%d') END,
    'start': strftime(period, '%Y-%m-%d'),
    'end': strftime(CASE unit WHEN 'week' THEN period + 6
                              WHEN 'month' THEN CAST(period + INTERVAL 1 MONTH AS DATE) - 1
                              ELSE CAST(period + INTERVAL 1 YEAR AS DATE) - 1 END, '%Y-%m-%d'),
    'events': events, 'q0': q0, 'q1': q1, 'q2': q2, 'q3': q3, 'q4': q4,
    'cooperative': q1 + q2, 'conflictual': q3 + q4, 'goldstein': round(goldstein, 2),
    'cooperation': round(cooperation, 2), 'conflict': round(conflict, 2),
    'net_cooperation': round(cooperation - conflict, 2), 'stories': stories, 'sources': sources,
    'plover': plover}"""


def _build_dyad_tables(con: duckdb.DuckDBPyConnection) -> None:
    """``dyad_series`` (the aggregates of ``analyze.dyads.dyad_periods``, gaps as zeros) and ``dyad_types``."""
    units = ", ".join(f"('{u}')" for u in SERIES_UNITS)
    con.execute(f"""
        CREATE OR REPLACE TABLE {SERIES} AS
        WITH agg AS (
            SELECT side_actor, side_partner, modalities, unit, CAST(date_trunc(unit, date) AS DATE) AS period,
                   count(*) AS events, {_QUADS}, coalesce(sum(goldstein), 0) AS goldstein,
                   coalesce(sum(goldstein) FILTER (quad_class IN (1, 2)), 0) AS cooperation,
                   coalesce(sum(abs(goldstein)) FILTER (quad_class IN (3, 4)), 0) AS conflict,
                   count(DISTINCT story) AS stories, count(DISTINCT outlet) AS sources,
                   histogram(coalesce(nullif(plover, ''), 'NONE')) AS plover
            FROM ({_PAIR_ROWS}) p, (VALUES {units}) u(unit)
            WHERE date IS NOT NULL
            GROUP BY ALL),
        bounds AS (
            SELECT side_actor, side_partner, modalities, unit, min(period) AS first, max(period) AS last
            FROM agg GROUP BY ALL),
        grid AS (
            SELECT side_actor, side_partner, modalities, unit,
                   CAST(unnest(generate_series(first, last, {_STEP})) AS DATE) AS period
            FROM bounds)
        SELECT hash(side_actor, side_partner, modalities, unit) AS k, side_actor, side_partner, modalities, unit,
               period, CAST(to_json({_PERIOD_JSON}) AS VARCHAR) AS period_json
        FROM (SELECT side_actor, side_partner, modalities, unit, period, coalesce(events, 0) AS events,
                     {', '.join(f'coalesce(q{q}, 0) AS q{q}' for q in range(5))},
                     coalesce(goldstein, 0) AS goldstein, coalesce(cooperation, 0) AS cooperation,
                     coalesce(conflict, 0) AS conflict, coalesce(stories, 0) AS stories,
                     coalesce(sources, 0) AS sources, coalesce(plover, MAP {{}}) AS plover
              FROM grid LEFT JOIN agg USING (side_actor, side_partner, modalities, unit, period))
        ORDER BY k, period""")
    con.execute(f"""
        CREATE OR REPLACE TABLE {TYPES} AS
        SELECT *, row_number() OVER (PARTITION BY k ORDER BY events DESC, cameo) AS rank FROM (
            SELECT hash(side_actor, side_partner, modalities) AS k, side_actor, side_partner, modalities, cameo,
                   any_value(cameo_label) AS label, any_value(quad_class) AS quad_class, count(*) AS events
            FROM ({_PAIR_ROWS}) p GROUP BY ALL)
        ORDER BY k, rank""")


def rollups_current(db: Queryable) -> bool:
    """Whether ``event_sides`` exists and was built from the events now stored.

    Through ``db.cached_query`` where there is one, so that the web layer asks once per store
    (its cache is cleared by the web's own ingest, which is also the only writer while serving).
    """
    query = getattr(db, "cached_query", db.query)
    _, found = query(f"SELECT count(*) FROM duckdb_tables() WHERE table_name IN ({', '.join('?' * len(TABLES))})",
                     list(TABLES))
    if not found or found[0][0] != len(TABLES):
        return False
    _, built = query(f"SELECT version = {VERSION} AND events = (SELECT count(*) FROM events) FROM {META}")
    return bool(built and built[0][0])

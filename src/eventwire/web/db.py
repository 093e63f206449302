"""Per-thread read cursors over one open store, and a lock for the rare write.

A DuckDB connection is not safe to share between threads, but cursors made from it are
independent connections to the same database: each worker thread of the server gets its own
(kept in a thread-local, since the thread pool reuses threads), so reads never wait on each
other. Writes (only with ``--allow-ingest``) go through the store's own connection under a lock.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb

from eventwire.store import EventStore
from eventwire.store.rollups import SIDES, rollups_build
from eventwire.store.rowstore import RowStore, store_path

logger = logging.getLogger(__name__)

Row = dict[str, Any]

#: Results kept of the store-wide questions asked through ``cached()`` (the summary, the network,
#: the actor list, whether the rollups are current). The store only changes through this
#: process's own ingest (which clears the cache). Event lists, series and lookups are never
#: cached: their speed comes from the rollups, not from a request having been seen before.
CACHE_ENTRIES = 256
#: Larger results (downloads) are not kept.
CACHE_MAX_ROWS = 1000


class _Reads:
    """Row helpers over ``query`` (shared by the database and its cached view)."""

    def query(self, sql: str, params: Sequence[Any] = ()) -> tuple[list[str], list[tuple[Any, ...]]]:
        raise NotImplementedError

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        """Rows of a parameterised query as dicts (column name -> value), fresh for the caller to extend."""
        names, rows = self.query(sql, params)
        return [dict(zip(names, row, strict=True)) for row in rows]

    def one(self, sql: str, params: Sequence[Any] = ()) -> Row | None:
        found = self.rows(sql, params)
        return found[0] if found else None

    def aggregate(self, sql: str, params: Sequence[Any] = ()) -> Row:
        """The one row of an aggregate query without GROUP BY (there always is one)."""
        found = self.rows(sql, params)
        if not found:
            raise LookupError(f"an aggregate query returned no row: {sql[:80]}")
        return found[0]

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        found = self.rows(sql, params)
        return next(iter(found[0].values())) if found else None


class CachedView(_Reads):
    """The database with every query answered from its cache when asked before (store-wide questions)."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def query(self, sql: str, params: Sequence[Any] = ()) -> tuple[list[str], list[tuple[Any, ...]]]:
        return self.db.cached_query(sql, params)


class Database(_Reads):
    """The store behind the web application: read-only unless ingest is allowed."""

    def __init__(self, path: str | Path, *, writable: bool = False, threads: int | None = None) -> None:
        self.path = path
        self.writable = writable
        self.threads = threads
        self._local = threading.local()
        self._cursors: list[duckdb.DuckDBPyConnection] = []
        self._guard = threading.Lock()
        self._generation = 0  # bumped by close(): cursors of an earlier opening are not reused
        self.write_lock = threading.Lock()
        self._cache: OrderedDict[tuple[Any, ...], tuple[list[str], list[tuple[Any, ...]]]] = OrderedDict()
        self._cache_lock = threading.Lock()
        self.cache_hits = 0
        self._rows: tuple[RowStore | None] | None = None  # (the row store or None) once looked for
        self._spans: dict[tuple[str, str | None], tuple[int, int]] | None = None
        self._store: EventStore | None = self._open()  # fail early on a bad path

    def _open(self) -> EventStore:
        store = EventStore(self.path, read_only=not self.writable)
        if self.threads:
            store.con.execute(f"SET threads = {int(self.threads)}")
        return store

    @property
    def store(self) -> EventStore:
        # Reopened after close(): a test client (or an ASGI host) may run the app's shutdown and
        # then send it more requests.
        with self._guard:
            if self._store is None:
                self._store = self._open()
                self._generation += 1
            return self._store

    def _cursor(self) -> duckdb.DuckDBPyConnection:
        cursor = getattr(self._local, "cursor", None)
        if cursor is None or getattr(self._local, "generation", -1) != self._generation:
            store = self.store
            with self._guard:
                cursor = store.con.cursor()
                self._cursors.append(cursor)
            self._local.cursor, self._local.generation = cursor, self._generation
        return cursor

    def query(self, sql: str, params: Sequence[Any] = ()) -> tuple[list[str], list[tuple[Any, ...]]]:
        """Column names and rows of a parameterised query (through this thread's cursor).

        The same shape as ``EventStore.query``, so the analysis functions can run on this object
        as they do on a store.
        """
        cursor = self._cursor().execute(sql, list(params))
        return [d[0] for d in cursor.description], cursor.fetchall()

    def cached_query(self, sql: str, params: Sequence[Any] = ()) -> tuple[list[str], list[tuple[Any, ...]]]:
        """``query``, answered from the cache when asked before (small results only)."""
        key = (sql, *(tuple(p) if isinstance(p, list) else p for p in params))
        with self._cache_lock:
            found = self._cache.get(key)
            if found is not None:
                self._cache.move_to_end(key)
                self.cache_hits += 1
                return found
        result = self.query(sql, params)
        if len(result[1]) <= CACHE_MAX_ROWS:
            with self._cache_lock:
                self._cache[key] = result
                if len(self._cache) > CACHE_ENTRIES:
                    self._cache.popitem(last=False)
        return result

    def row_store(self) -> RowStore | None:
        """The store's row store (``store/rowstore.py``) when it belongs to the current rollups."""
        if self._rows is None:
            self._rows = (RowStore.open(store_path(self._cursor()), rollups_build(self)),)
        return self._rows[0]

    def side_span(self, actor: str, partner: str | None) -> tuple[int, int]:
        """First and last rowid of the country's (or the pair's) rows in ``event_sides`` (an empty range: none).

        Why: DuckDB prunes by row group (122,880 rows), and a pair's rows are a few thousand of
        them; a rowid range narrows the scan to those (a page of a pair's events costs half).
        Found once per opening (35 ms on a million events), from the table as this reader sees
        it, so the range is right whatever rowids the writer's transaction used; only for
        current rollups (``store/rollups.py``).
        """
        if self._spans is None:
            _, rows = self.query(f"SELECT side_actor, side_partner, grouping(side_partner) = 1, min(rowid), "
                                 f"max(rowid) FROM {SIDES} GROUP BY GROUPING SETS ((side_actor), "
                                 "(side_actor, side_partner))")
            # A pair's partner is a country: the rows without one only count in the country's whole span.
            self._spans = {(a, None if whole else p): (int(first), int(last))
                           for a, p, whole, first, last in rows if whole or p is not None}
        return self._spans.get((actor, partner), (0, -1))

    def warm(self) -> None:
        """Look up, before the first request, what the first requests would otherwise wait for.

        Whether the rollups are current, the row store, and where each country's rows lie (tens
        of milliseconds on a million events, paid by a request that then held up the others).
        """
        if rollups_build(self) is not None:
            self.row_store()
            self.side_span("", None)

    def cached(self) -> CachedView:
        """This database for store-wide questions: their answers are kept until the next ingest."""
        return CachedView(self)

    def stream(self, sql: str, params: Sequence[Any] = ()) -> tuple[list[str], list[tuple[Any, ...]]]:
        """Column names and rows of a large result."""
        return self.query(sql, params)

    @contextmanager
    def writing(self) -> Iterator[EventStore]:
        """The store for one write, with every other writer kept out."""
        if not self.writable:
            raise PermissionError("the store is open read-only")
        with self.write_lock:
            try:
                yield self.store
            finally:
                with self._cache_lock:
                    self._cache.clear()
                self._rows = self._spans = None

    def close(self) -> None:
        with self._guard:
            for cursor in self._cursors:
                cursor.close()
            self._cursors.clear()
            if self._store is not None:
                self._store.close()
                self._store = None
                self._generation += 1
            self._rows = self._spans = None  # looked for again after a reopening

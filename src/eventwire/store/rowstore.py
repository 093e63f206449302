"""The list row of every event as ready JSON, in a SQLite file beside the store (``STORE.rows``).

Why a second file: an event list shows ~30 columns of the 50 events of a page, and those 50
are scattered over the store in any sort order but one. DuckDB reads a column a block of
2048 values at a time, so fetching 50 scattered rows decompresses some 1,500 blocks (5-10 ms
on a million events whatever the query shape), while SQLite, which keeps a row together
under its integer key, fetches them in ~0.2 ms. The rows are the JSON the API returns (written
by DuckDB), raw-deflated against a dictionary of the field names (a row is ~3x smaller).
It also keeps whole answers under text keys (``answers``): the rollups put each relationship
series there, one lookup instead of a DuckDB query (~0.1 ms against ~1 ms, mostly planning).

Like the rollup tables it is derived, never the truth: ``refresh_rollups`` rewrites it (into
a temporary file, renamed over the old one) with the build id it also puts in
``rollup_meta``; a reader uses it only while the two ids agree, and otherwise reads the rows
from ``events`` (same answers, slower). An in-memory store has none.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
import zlib
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from pathlib import Path

import duckdb

logger = logging.getLogger(__name__)

SUFFIX = ".rows"

#: An event's list row as (field, SQL over ``events``): what an event list shows of each event.
LIST_FIELDS = (
    ("event_id", "event_id"), ("doc_id", "doc_id"), ("date", "coalesce(date, published)"),
    ("published", "published"), ("sentence_index", "sentence_index"), ("sentence", "sentence"),
    ("trigger_text", "trigger_text"), ("source_text", "source_text"), ("source_name", "source_name"),
    ("source_country", "source_country"), ("source_sector", "source_sector"), ("target_text", "target_text"),
    ("target_name", "target_name"), ("target_country", "target_country"), ("target_sector", "target_sector"),
    ("cameo", "cameo"), ("cameo_root", "cameo_root"), ("cameo_label", "cameo_label"), ("goldstein", "goldstein"),
    ("quad_class", "quad_class"), ("plover", "plover"), ("plover_mode", "plover_mode"), ("modality", "modality"),
    ("attributed_name", "attributed_name"), ("attributed_country", "attributed_country"),
    ("location_name", "location_name"), ("location_country", "location_country"), ("lat", "lat"), ("lon", "lon"),
    ("confidence", "confidence"), ("rule", "rule"),
)
#: The same as a SELECT list over ``events``.
LIST_COLUMNS = ", ".join(sql if sql == name else f"{sql} AS {name}" for name, sql in LIST_FIELDS)

#: Deflate's preset dictionary: the field names in order, as every row spells them.
_ZDICT = ("{" + ",".join(f'"{name}":null' for name, _ in LIST_FIELDS) + "}").encode()
_BATCH = 20_000
_WORKERS = os.cpu_count() or 1


def store_path(con: duckdb.DuckDBPyConnection) -> Path | None:
    """The row store's file for the store open on ``con`` (None: an in-memory store)."""
    found = con.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()").fetchone()
    return Path(found[0] + SUFFIX) if found and found[0] else None


def _pack(text: str) -> bytes:
    packer = zlib.compressobj(1, zlib.DEFLATED, -15, 9, zlib.Z_DEFAULT_STRATEGY, _ZDICT)
    return packer.compress(text.encode()) + packer.flush()


def _pack_rows(rows: Sequence[tuple[int, str]]) -> list[tuple[int, bytes]]:
    return [(key, _pack(text)) for key, text in rows]


def _packed(pool: ThreadPoolExecutor, batch: Sequence[tuple[int, str]]) -> list[tuple[int, bytes]]:
    """The batch's rows deflated in threads: zlib lets go of the interpreter lock while it deflates,
    not while it sets up, so this is ~20% faster on two cores (~10 s for a million rows), not 2x."""
    step = max(1, len(batch) // (4 * _WORKERS))
    chunks = [batch[i:i + step] for i in range(0, len(batch), step)]
    return [row for packed in pool.map(_pack_rows, chunks) for row in packed]


def _unpack(blob: bytes) -> str:
    unpacker = zlib.decompressobj(-15, zdict=_ZDICT)
    return (unpacker.decompress(blob) + unpacker.flush()).decode()


def write_row_store(con: duckdb.DuckDBPyConnection, keys: str, build: str,
                    answers: Sequence[str] = ()) -> Path | None:
    """Write the list row of every event under its ``pos`` (from the table ``keys``) into a temporary file.

    ``answers``: queries giving ``(key, JSON text)`` rows, kept under their keys (whole answers
    the rollups hold ready, such as a relationship series). Returns the file, to be renamed over
    the row store once the rollups are committed (None: an in-memory store). The JSON comes
    from DuckDB, as the API's own rows are encoded.
    """
    path = store_path(con)
    if path is None:
        return None
    temporary = path.with_name(path.name + ".tmp")
    temporary.unlink(missing_ok=True)
    fields = ", ".join(f"'{name}': {sql}" for name, sql in LIST_FIELDS)
    cursor = con.execute(f"""
        SELECT _pos, CAST(to_json({{{fields}}}) AS VARCHAR)
        FROM (SELECT k.pos AS _pos, e.* FROM events e
              JOIN {keys} k ON k.content_hash = e.content_hash AND k.event_index = e.event_index)
        ORDER BY _pos""")
    with closing(sqlite3.connect(temporary)) as out:
        out.execute("PRAGMA journal_mode = OFF")
        out.execute("PRAGMA synchronous = OFF")
        out.execute("CREATE TABLE meta (build TEXT NOT NULL)")
        out.execute("INSERT INTO meta VALUES (?)", [build])
        out.execute("CREATE TABLE rows (pos INTEGER PRIMARY KEY, row BLOB NOT NULL)")
        with ThreadPoolExecutor(max_workers=_WORKERS) as pool:
            while batch := cursor.fetchmany(_BATCH):
                out.executemany("INSERT INTO rows VALUES (?, ?)", _packed(pool, batch))
        out.execute("CREATE TABLE answers (key TEXT PRIMARY KEY, body BLOB NOT NULL)")
        for sql in answers:
            found = con.execute(sql)
            while batch := found.fetchmany(_BATCH):
                out.executemany("INSERT INTO answers VALUES (?, ?)", _pack_rows(batch))
        out.commit()
    return temporary


def install(temporary: Path | None) -> None:
    """Put a row store written by ``write_row_store`` in place (after the rollups are committed)."""
    if temporary is not None:
        os.replace(temporary, temporary.with_name(temporary.name.removesuffix(".tmp")))


class RowStore:
    """A reader of the row store: one SQLite connection per thread, read-only."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()

    @classmethod
    def open(cls, path: Path | None, build: str | None) -> RowStore | None:
        """The row store at ``path`` if there is one and it was written with ``build``."""
        if path is None or build is None or not path.exists():
            return None
        store = cls(path)
        try:
            found = store._con().execute("SELECT build FROM meta").fetchone()
        except sqlite3.Error as exc:
            logger.warning("ignoring the row store %s: %s", path, exc)
            return None
        if not found or found[0] != build:
            logger.info("the row store %s is of another build: reading rows from the events table", path)
            return None
        return store

    def _con(self) -> sqlite3.Connection:
        con = getattr(self._local, "con", None)
        if con is None:
            # immutable: no locking; a refresh renames a new file over this one and leaves ours whole.
            con = sqlite3.connect(f"file:{self.path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
            self._local.con = con
        return con

    def answer(self, key: str) -> str | None:
        """The JSON text kept under ``key`` (None: none)."""
        found = self._con().execute("SELECT body FROM answers WHERE key = ?", [key]).fetchone()
        return _unpack(found[0]) if found else None

    def rows(self, positions: Sequence[int]) -> list[str]:
        """The JSON rows of the events at ``positions``, in that order (missing positions left out)."""
        if not positions:
            return []
        found = dict(self._con().execute(
            f"SELECT pos, row FROM rows WHERE pos IN ({', '.join('?' * len(positions))})", list(positions)).fetchall())
        return [_unpack(found[p]) for p in positions if p in found]

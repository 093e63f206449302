"""Story groups and event clusters in the store (tables, incremental updates, listings).

The grouping itself is pure (``analyze/duplicates.py``, ``analyze/clusters.py``); this module
reads what it needs from the store and writes the results back, one transaction per update.

Both updates are incremental and give the same tables as a rebuild from scratch:
- story groups: MinHash signatures and LSH buckets of stored articles are kept, so a new
  article is signed once and compared only with the articles sharing a bucket; the groups it
  joins are merged (connected components do not depend on the order articles arrived in);
- event clusters: only the (dyad, kind) blocks that received new events are re-clustered,
  since a block's clusters depend on its mentions only.
Changing the options (threshold, window, ...) rebuilds everything.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any, TypeVar

import duckdb

from eventwire.analyze.clusters import ClusterOptions, EventMention, block_key, cluster_events
from eventwire.analyze.duplicates import (
    DedupeOptions,
    MinHasher,
    UnionFind,
    signature_from_bytes,
    signature_to_bytes,
    similarity,
)
from eventwire.errors import StoreError
from eventwire.store.duck import EventStore

logger = logging.getLogger(__name__)

SCHEMA = """
CREATE TABLE IF NOT EXISTS article_minhash (content_hash VARCHAR PRIMARY KEY, signature BLOB);
CREATE TABLE IF NOT EXISTS minhash_buckets (bucket BIGINT NOT NULL, content_hash VARCHAR NOT NULL);
CREATE TABLE IF NOT EXISTS story_groups (content_hash VARCHAR PRIMARY KEY, group_id VARCHAR NOT NULL);
CREATE TABLE IF NOT EXISTS event_clusters (
    content_hash VARCHAR NOT NULL, event_index INTEGER NOT NULL, cluster_id VARCHAR NOT NULL,
    PRIMARY KEY (content_hash, event_index)
);
CREATE TABLE IF NOT EXISTS grouping_options (name VARCHAR PRIMARY KEY, options VARCHAR NOT NULL);
"""
#: Articles signed per round trip (bounds memory on large stores).
CHUNK = 2000


@dataclass(frozen=True)
class GroupUpdate:
    """What an update of the story groups did."""

    signed: int  # articles signed in this update
    articles: int  # articles with a story group
    groups: int
    shared: int  # groups with more than one article


@dataclass(frozen=True)
class ClusterUpdate:
    """What an update of the event clusters did."""

    reclustered: int  # events (re)assigned in this update
    events: int
    clusters: int
    shared: int  # clusters reported by more than one article


def ensure_tables(store: EventStore) -> None:
    store.con.execute(SCHEMA)


def _transaction(store: EventStore, what: str, work: Any) -> Any:
    try:
        store.con.execute("BEGIN TRANSACTION")
        out = work()
        store.con.execute("COMMIT")
        return out
    except duckdb.Error as exc:
        store.con.execute("ROLLBACK")
        raise StoreError(f"E020 updating the {what} of {store.path!r} failed: {exc}") from exc


Options = TypeVar("Options", DedupeOptions, ClusterOptions)


def stored_options(store: EventStore, name: str, kind: type[Options]) -> Options | None:
    """The options the ``name`` table was last built with (None before the first build)."""
    ensure_tables(store)
    row = store.con.execute("SELECT options FROM grouping_options WHERE name = ?", [name]).fetchone()
    if row is None:
        return None
    try:
        return kind(**json.loads(row[0]))
    except (TypeError, ValueError):  # written by another version: rebuild with the defaults
        logger.warning("ignoring unreadable %s options %r", name, row[0])
        return None


def _settle_options(store: EventStore, name: str, wanted: Options | None, kind: type[Options]) -> tuple[Options, bool]:
    """The options to use (``wanted``, else the stored ones, else defaults) and whether they changed."""
    before = stored_options(store, name, kind)
    options = wanted or before or kind()
    store.con.execute("INSERT OR REPLACE INTO grouping_options VALUES (?, ?)",
                      [name, json.dumps(asdict(options), sort_keys=True)])
    return options, before is not None and before != options


def _tally(store: EventStore, table: str, id_column: str) -> tuple[int, int, int]:
    """Rows, distinct ids, and ids spanning more than one article, of a grouping table."""
    row = store.con.execute(
        f"SELECT count(*), count(DISTINCT {id_column}), (SELECT count(*) FROM (SELECT {id_column} FROM {table} "
        f"GROUP BY 1 HAVING count(DISTINCT content_hash) > 1)) FROM {table}").fetchone()
    assert row is not None
    return int(row[0]), int(row[1]), int(row[2])


def _unnest(columns: Sequence[Sequence[Any]], types: Sequence[str]) -> tuple[str, list[Any]]:
    """A SELECT over parallel lists (bulk insert without one statement per row)."""
    cols = ", ".join(f"unnest(?::{t}[])" for t in types)
    return f"SELECT {cols}", [list(c) for c in columns]


# ---------------------------------------------------------------------------- story groups

def update_story_groups(store: EventStore, options: DedupeOptions | None = None, *,
                        full: bool = False) -> GroupUpdate:
    """Sign the articles not signed yet and merge them into the story groups (all of them if ``full``).

    Without ``options`` the ones the groups were built with are kept (defaults the first time).
    """
    ensure_tables(store)

    def work() -> int:
        nonlocal options
        options, changed = _settle_options(store, "dedupe", options, DedupeOptions)
        if changed or full:
            for table in ("article_minhash", "minhash_buckets", "story_groups"):
                store.con.execute(f"DELETE FROM {table}")
        hasher = MinHasher(options)
        signed = 0
        while True:
            rows = store.con.execute(
                "SELECT content_hash, text FROM articles WHERE content_hash NOT IN "
                "(SELECT content_hash FROM article_minhash) ORDER BY content_hash LIMIT ?", [CHUNK]).fetchall()
            if not rows:
                return signed
            _add_articles(store, hasher, rows, options.threshold)
            signed += len(rows)

    signed = _transaction(store, "story groups", work)
    articles, groups, shared = _tally(store, "story_groups", "group_id")
    logger.info("signed %d articles; %d articles in %d story groups", signed, articles, groups)
    return GroupUpdate(signed, articles, groups, shared)


def _add_articles(store: EventStore, hasher: MinHasher, rows: list[tuple[str, str]], threshold: float) -> None:
    """Sign ``rows`` (content_hash, text), store signatures and buckets, merge the new edges into the groups."""
    new = [key for key, _ in rows]
    sigs = {key: hasher.signature(text) for key, text in rows}
    sql, params = _unnest([new, [signature_to_bytes(s) if s is not None else None for s in sigs.values()]],
                          ["VARCHAR", "BLOB"])
    store.con.execute(f"INSERT INTO article_minhash {sql}", params)
    buckets = [(b, key) for key, sig in sigs.items() if sig is not None for b in hasher.band_keys(sig)]
    sql, params = _unnest([[b for b, _ in buckets], [k for _, k in buckets]], ["BIGINT", "VARCHAR"])
    store.con.execute(f"INSERT INTO minhash_buckets {sql}", params)
    # the new articles' buckets are the small side of the join, so a chunk costs one pass over the buckets
    pairs = store.con.execute(
        "WITH n AS (SELECT bucket, content_hash FROM minhash_buckets WHERE content_hash IN (SELECT unnest(?))) "
        "SELECT DISTINCT least(n.content_hash, o.content_hash), greatest(n.content_hash, o.content_hash) "
        "FROM n JOIN minhash_buckets o USING (bucket) WHERE n.content_hash <> o.content_hash", [new]).fetchall()
    partners = sorted({k for pair in pairs for k in pair} - set(new))
    for key, blob in store.con.execute(
            "SELECT content_hash, signature FROM article_minhash WHERE content_hash IN (SELECT unnest(?))",
            [partners]).fetchall():
        sigs[key] = signature_from_bytes(blob)
    found = UnionFind()
    for key in new:
        found.add(key)
    edges = [(a, b) for a, b in pairs if similarity(sigs[a], sigs[b]) >= threshold]  # type: ignore[arg-type]
    for a, b in edges:
        found.union(a, b)
    # an old article joined by a new edge brings its whole present group along
    old_groups = store.con.execute(
        "SELECT content_hash, group_id FROM story_groups WHERE group_id IN "
        "(SELECT group_id FROM story_groups WHERE content_hash IN (SELECT unnest(?)))",
        [sorted({k for e in edges for k in e} - set(new))]).fetchall()
    for key, group in old_groups:
        found.union(key, group)
    assigned = found.groups()
    store.con.execute("DELETE FROM story_groups WHERE content_hash IN (SELECT unnest(?))", [list(assigned)])
    sql, params = _unnest([list(assigned), list(assigned.values())], ["VARCHAR", "VARCHAR"])
    store.con.execute(f"INSERT INTO story_groups {sql}", params)


def list_story_groups(store: EventStore, *, min_articles: int = 2,
                      limit: int | None = 20) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Story groups with at least ``min_articles`` articles, largest first: id, articles, publishers, a title."""
    sql = ("SELECT g.group_id, count(*) AS articles, count(DISTINCT a.publisher) AS publishers, "
           "min(a.published) AS first_published, arg_min(coalesce(a.title, left(a.text, 80)), a.content_hash) AS title "
           "FROM story_groups g JOIN articles a USING (content_hash) GROUP BY g.group_id HAVING count(*) >= ? "
           "ORDER BY articles DESC, g.group_id")
    if limit:
        sql += f" LIMIT {int(limit)}"
    return store.query(sql, [min_articles])


# ---------------------------------------------------------------------------- event clusters

_MENTION_SQL = ("SELECT content_hash || ':' || event_index, coalesce(date, published), source_country, "
                "target_country, cameo_root, plover, trigger_text, sentence, location_name FROM events")


def _mention(row: tuple[Any, ...]) -> EventMention:
    key, day, source, target, root, plover, trigger, sentence, place = row
    return EventMention(key=key, day=day if isinstance(day, date) else None, source=source, target=target,
                        cameo_root=root, plover=plover, trigger=trigger or "", sentence=sentence or "", place=place)


def update_event_clusters(store: EventStore, options: ClusterOptions | None = None, *,
                          full: bool = False) -> ClusterUpdate:
    """Cluster the events not clustered yet, re-clustering the blocks they fall in (all events if ``full``).

    Without ``options`` the ones the clusters were built with are kept (defaults the first time).
    """
    ensure_tables(store)

    def work() -> int:
        nonlocal options
        options, changed = _settle_options(store, "clusters", options, ClusterOptions)
        if changed or full:
            store.con.execute("DELETE FROM event_clusters")
        heads = store.con.execute(
            "SELECT e.content_hash || ':' || e.event_index, e.source_country, e.target_country, e.cameo_root, "
            "e.plover, c.cluster_id IS NULL FROM events e LEFT JOIN event_clusters c "
            "USING (content_hash, event_index)").fetchall()
        blocks = {}
        for key, source, target, root, plover, new in heads:
            stub = EventMention(key, None, source, target, root, plover, "", "")
            blocks[key] = (block_key(stub, options), new)
        touched = {block for block, new in blocks.values() if new}
        keys = [k for k, (block, new) in blocks.items() if new or (block is not None and block in touched)]
        return _recluster(store, keys, options)

    reclustered = _transaction(store, "event clusters", work)
    events, clusters, shared = _tally(store, "event_clusters", "cluster_id")
    logger.info("re-clustered %d events; %d events in %d clusters", reclustered, events, clusters)
    return ClusterUpdate(reclustered, events, clusters, shared)


def _recluster(store: EventStore, keys: list[str], options: ClusterOptions) -> int:
    if not keys:
        return 0
    rows = store.con.execute(
        f"{_MENTION_SQL} WHERE content_hash || ':' || event_index IN (SELECT unnest(?))", [keys]).fetchall()
    assigned = cluster_events((_mention(r) for r in rows), options)
    hashes, indexes = zip(*(k.rsplit(":", 1) for k in assigned), strict=True)
    store.con.execute("DELETE FROM event_clusters WHERE content_hash || ':' || event_index IN (SELECT unnest(?))",
                      [list(assigned)])
    sql, params = _unnest([hashes, [int(i) for i in indexes], list(assigned.values())],
                          ["VARCHAR", "INTEGER", "VARCHAR"])
    store.con.execute(f"INSERT INTO event_clusters {sql}", params)
    return len(assigned)


def list_clusters(store: EventStore, *, min_articles: int = 1, since: str | None = None, until: str | None = None,
                  limit: int | None = 20) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Clusters with their dyad, kind, dates and counts of mentions, articles, stories and sources.

    ``stories`` counts story groups (syndicated copies count once); ``sources`` counts
    publishers, an article without one counting as its own story's source.
    """
    where, params = ["TRUE"], []
    if since:
        where.append("last_day >= CAST(? AS DATE)")
        params.append(since)
    if until:
        where.append("first_day <= CAST(? AS DATE)")
        params.append(until)
    sql = f"""
        WITH m AS (
            SELECT c.cluster_id, c.content_hash || ':' || c.event_index AS mkey, e.*, a.publisher,
                   coalesce(g.group_id, c.content_hash) AS story
            FROM event_clusters c JOIN events e USING (content_hash, event_index)
            JOIN articles a USING (content_hash) LEFT JOIN story_groups g USING (content_hash)),
        s AS (
            SELECT cluster_id, min(coalesce(date, published)) AS first_day, max(coalesce(date, published)) AS last_day,
                   arg_min(source_country, mkey) AS source, arg_min(target_country, mkey) AS target,
                   arg_min(cameo_root, mkey) AS cameo_root, arg_min(plover, mkey) AS plover,
                   count(*) AS mentions, count(DISTINCT content_hash) AS articles, count(DISTINCT story) AS stories,
                   count(DISTINCT coalesce(publisher, story)) AS sources, arg_min(sentence, mkey) AS sentence
            FROM m GROUP BY cluster_id)
        SELECT * FROM s WHERE {' AND '.join(where)} AND articles >= ?
        ORDER BY articles DESC, mentions DESC, first_day, cluster_id"""
    if limit:
        sql += f" LIMIT {int(limit)}"
    return store.query(sql, [*params, min_articles])


def table_rows(store: EventStore, tables: Iterable[str] = ("story_groups", "event_clusters")) -> dict[str, list[Any]]:
    """Sorted rows of the grouping tables (for comparing stores)."""
    return {t: sorted(store.con.execute(f"SELECT * FROM {t}").fetchall()) for t in tables}


__all__ = [
    "ClusterUpdate", "GroupUpdate", "ensure_tables", "list_clusters", "list_story_groups", "stored_options",
    "table_rows", "update_event_clusters", "update_story_groups",
]

"""The read queries behind the API and the pages: one function per question, rows as dicts.

Every value from a request is a bound parameter; SQL text is assembled only from constants,
the ``SORTS`` whitelist and the filter's own fixed fragments.

On a large store, event lists, top types and dyad series read the rollup tables of
``store/rollups.py`` (built at the end of an ingest) when the filter is on country codes and
the tables are current; otherwise they scan ``events`` as before. Both give the same answers
(``tests/web/test_rollup_queries.py``); the rollups make a request read one or two row groups
instead of the whole store.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import Any, cast

from eventwire.analyze.dyads import DEFAULT_MODALITIES, ActorSpec, DyadQuery, dyad_periods
from eventwire.analyze.network import actors_network, country_names
from eventwire.store import EventStore
from eventwire.store.rollups import KEYS, SERIES, SERIES_UNITS, SIDES, TOP_TYPES, TYPES, answer_key, rollups_current
from eventwire.store.rowstore import LIST_COLUMNS
from eventwire.web.db import Database, Row
from eventwire.web.filters import CODE, DAY, SORTS, EventFilter, Sort

# LIST_COLUMNS: the columns of an event in lists (store/rowstore.py keeps them as JSON per event);
# the full record adds offsets and the rest of the provenance.
DETAIL_COLUMNS = (
    LIST_COLUMNS + ", content_hash, event_index, trigger_start, trigger_end, source_id, target_id, plover_context, "
    "attributed_text, attributed_sector, date AS event_date, date_granularity, date_source, geonames_id"
)
INTERVALS = ("day", "week", "month", "year")
#: At most this many rows in one download: enough for any analysis run from a browser, small
#: enough that one request cannot hold a worker for minutes.
DOWNLOAD_CAP = 100_000


def list_events(db: Database, f: EventFilter, *, sort: str = "date", order: str = "desc",
                limit: int = 50, offset: int = 0) -> dict[str, Any]:
    sides = _sides_where(db, f)
    if sides is not None:
        return _list_from_sides(db, *sides, sort=sort, order=order, limit=limit, offset=offset)
    where, params = f.where()
    key = SORTS[Sort(sort)]
    total, bound = _count_and_bound(db, where, params, key, order, offset + limit)
    if not total:
        return {"total": 0, "limit": limit, "offset": offset, "items": []}
    if bound is not None:
        where += f" AND {key} {'>=' if order == 'desc' else '<='} ?"
        params = [*params, bound]
    items = db.rows(f"SELECT {LIST_COLUMNS} FROM events WHERE {where} {_order(sort, order)} LIMIT ? OFFSET ?",
                    [*params, limit, offset])
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def list_events_json(db: Database, f: EventFilter, *, sort: str = "date", order: str = "desc",
                     limit: int = 50, offset: int = 0) -> str | None:
    """``list_events`` as JSON text, when the rollups and the row store can answer (None: they cannot).

    The page's events are found in ``event_sides`` and their rows, JSON already, come from the
    row store: no row of ``events`` is read and no row is encoded here.
    """
    rows = db.row_store()
    sides = _sides_where(db, f) if rows is not None else None
    if rows is None or sides is None:
        return None
    where, params = sides
    total, positions = _page_from_sides(db, where, params, sort=sort, order=order, limit=limit, offset=offset)
    return (f'{{"total": {total}, "limit": {limit}, "offset": {offset}, "items": ['
            + ", ".join(rows.rows(positions)) + "]}")


def _sides_where(db: Database, f: EventFilter) -> tuple[str, list[Any]] | None:
    """The filter over the rollup table, when the filter maps onto it and the table is current."""
    sides = f.sides_where()
    if sides is None or not rollups_current(db):
        return None
    # The rows of the country (or the pair) only: a rowid range prunes the scan inside a row group.
    where, params = sides
    return f"rowid BETWEEN ? AND ? AND {where}", [*db.side_span(*f.sides_span()), *params]


def _list_from_sides(db: Database, where: str, params: list[Any], *, sort: str, order: str,
                     limit: int, offset: int) -> dict[str, Any]:
    """A page found in the sorted rollup table (a few thousand narrow rows), then read from events."""
    total, positions = _page_from_sides(db, where, params, sort=sort, order=order, limit=limit, offset=offset)
    return {"total": total, "limit": limit, "offset": offset, "items": _rows_at(db, positions)}


def _page_from_sides(db: Database, where: str, params: list[Any], *, sort: str, order: str,
                     limit: int, offset: int) -> tuple[int, list[int]]:
    """The number of matching events and the ``pos`` of the page's, in order."""
    if offset + limit <= BOUNDED_PAGES:
        # One scan: the count, and the page as the smallest rank keys (see RANKED in store/rollups.py).
        # NULLS LAST either way: no rank sorts after every rank, ascending (2^30) or descending (1).
        rank = f"r_{Sort(sort).value}"
        key = f"coalesce({rank}, 1073741824)" if order == "asc" else f"coalesce(-{rank}, 1)"
        _, found = db.query(f"SELECT count(*), min_by(pos, {key} * 4294967296 + pos, ?) FROM {SIDES} WHERE {where}",
                            [offset + limit, *params])
        total, page = found[0]
        return int(total), list(page or [])[offset:]
    total = db.scalar(f"SELECT count(*) FROM {SIDES} WHERE {where}", params)
    if not total:
        return 0, []
    # Integers only: reading a string column for the page costs more than the whole sort.
    _, page = db.query(f"SELECT pos FROM {SIDES} WHERE {where} {_order(sort, order, tie='pos')} LIMIT ? OFFSET ?",
                       [*params, limit, offset])
    return int(total), [p[0] for p in page]


def _rows_at(db: Database, positions: list[int]) -> list[Row]:
    """The list rows of the events at ``positions`` (``event_keys.pos``), in that order.

    Both lookups go through an index (``pos``, then ``event_id``); the content hash and event
    index tell apart two events that would share an id.
    """
    if not positions:
        return []
    _, found = db.query(f"SELECT pos, event_id, content_hash, event_index FROM {KEYS} "
                        f"WHERE pos IN ({', '.join('?' * len(positions))})", positions)
    key_of = {row[0]: row[1:] for row in found}
    keys = [key_of[p] for p in positions if p in key_of]
    ids = sorted({k[0] for k in keys})
    names, rows = db.query(f"SELECT {LIST_COLUMNS}, content_hash AS _hash, event_index AS _index FROM events "
                           f"WHERE event_id IN ({', '.join('?' * len(ids))})", ids)
    by_key = {(row[-2], row[-1]): dict(zip(names[:-2], row[:-2], strict=True)) for row in rows}
    return [by_key[(h, i)] for _, h, i in keys if (h, i) in by_key]


#: Up to this many rows before a page, the count and the page's sort-key bound come from one scan.
BOUNDED_PAGES = 2000


def _count_and_bound(db: Database, where: str, params: list[Any], key: str, order: str,
                     depth: int) -> tuple[int, Any]:
    """The number of matches and the sort key of the ``depth``-th one (None: no bound to use).

    Why: a top-N over a large store materialises every column of every match, while a scan of
    one key column is cheap. With the key of the last row of the page known, the page query
    keeps only rows on the right side of it (ties included, so the page is exactly the plain
    ORDER BY ... LIMIT ... OFFSET result) and its scan skips the other rows' columns.
    """
    if depth > BOUNDED_PAGES:
        return db.scalar(f"SELECT count(*) FROM events WHERE {where}", params), None
    pick = "max" if order == "desc" else "min"
    row = db.aggregate(f"SELECT count(*) AS n, {pick}({key}, ?) AS keys FROM events WHERE {where}",
                       [depth, *params])
    keys = row["keys"] or []
    # Fewer non-null keys than the depth: the page reaches rows with a null key (sorted last).
    return row["n"], (keys[-1] if len(keys) == depth else None)


def download_rows(db: Database, f: EventFilter, *, sort: str = "date", order: str = "desc",
                  cap: int = DOWNLOAD_CAP) -> tuple[list[str], Iterator[tuple[Any, ...]]]:
    """Column names and rows of a filtered list, for CSV/JSON downloads."""
    where, params = f.where()
    names, rows = db.stream(f"SELECT {LIST_COLUMNS} FROM events WHERE {where} {_order(sort, order)} LIMIT ?",
                            [*params, cap])
    return names, iter(rows)


def _order(sort: str, order: str, *, tie: str = "doc_id, event_index") -> str:
    column = SORTS[Sort(sort)]  # ValueError on anything not whitelisted: the API validates before us
    direction = "DESC" if order == "desc" else "ASC"
    return f"ORDER BY {column} {direction} NULLS LAST, {tie}"


def get_event(db: Database, event_id: str) -> Row | None:
    """One event with its provenance: the article, the sentence's offsets, the rule, the attribution."""
    event = db.one(f"SELECT {DETAIL_COLUMNS} FROM events WHERE event_id = ? LIMIT 1", [event_id])
    if event is None:
        return None
    article = db.one("SELECT doc_id, content_hash, title, url, published, publisher, text FROM articles "
                     "WHERE content_hash = ?", [event["content_hash"]])
    start, end = sentence_span(article["text"] if article else "", event["sentence"] or "", event["trigger_start"])
    event["sentence_start"], event["sentence_end"] = start, end
    if article:
        article.pop("text")
    event["article"] = article
    return event


def sentence_span(text: str, sentence: str, trigger_start: int | None) -> tuple[int | None, int | None]:
    """Offsets of ``sentence`` in ``text``: the occurrence that holds the trigger (a sentence may repeat)."""
    if not sentence:
        return None, None
    start = text.find(sentence)
    while start >= 0:
        if trigger_start is None or start <= trigger_start < start + len(sentence):
            return start, start + len(sentence)
        start = text.find(sentence, start + 1)
    return None, None


def get_article(db: Database, key: str) -> Row | None:
    """An article (by doc id or content hash) with its mentions, quotes, places and events."""
    article = db.one("SELECT * FROM articles WHERE doc_id = ? OR content_hash = ? ORDER BY published LIMIT 1",
                     [key, key])
    if article is None:
        return None
    key_ = [article["content_hash"]]
    article["mentions"] = db.rows("SELECT mention_index, text, start_char AS start, end_char AS \"end\", "
                                  "sentence_index, name, country, sector, actor_id, via FROM mentions "
                                  "WHERE content_hash = ? ORDER BY mention_index", key_)
    article["quotes"] = db.rows("SELECT quote_index, text, start_char AS start, end_char AS \"end\", kind, "
                                "speaker_text, speaker_name, speaker_country, addressee_text, addressee_name, "
                                "addressee_country, reported_by_text, reported_by_name, reported_by_country "
                                "FROM quotes WHERE content_hash = ? ORDER BY quote_index", key_)
    article["places"] = db.rows("SELECT place_index, text, start_char AS start, end_char AS \"end\", name, country, "
                                "lat, lon, geonames_id, feature FROM places WHERE content_hash = ? "
                                "ORDER BY place_index", key_)
    article["events"] = db.rows(f"SELECT {DETAIL_COLUMNS} FROM events WHERE content_hash = ? ORDER BY event_index",
                                key_)
    for event in article["events"]:
        event["sentence_start"], event["sentence_end"] = sentence_span(
            article["text"], event["sentence"] or "", event["trigger_start"])
    return article


def dyad_filter(f: EventFilter, a: str, b: str, *, directed: bool = False) -> EventFilter:
    """``f`` narrowed to the events between ``a`` and ``b`` (only a -> b when ``directed``)."""
    if directed:
        return replace(f, source=a, target=b, dyad=None)
    return replace(f, dyad=(a, b))


def dyad_series(db: Database, a: str, b: str, *, interval: str = "month", directed: bool = False,
                since: str | None = None, until: str | None = None,
                modalities: Sequence[str] | None = DEFAULT_MODALITIES) -> list[Row]:
    """The analysis module's relationship series (``analyze.dyads``), as rows for the API and the chart.

    Counts per QuadClass, cooperative and conflictual events, Goldstein sums, net cooperation,
    distinct stories and sources, PLOVER types; empty periods between the first and the last
    are included (as zeros) so that a chart shows the gaps. ``modalities=None``: every modality.
    """
    pair = ready_pair(db, a, b, directed=directed, since=since, until=until, modalities=modalities)
    ready = ready_series_json(db, pair, interval) if pair else None
    if ready is not None:  # kept whole by the rollups (the dashboard's relationship view)
        rows: list[Row] = json.loads(ready)
        for row in rows:
            row["period"] = dt.date.fromisoformat(row["period"])
        return rows
    query = DyadQuery(actor_spec(a), actor_spec(b), by=interval if interval in INTERVALS else "month",
                      directed=directed, since=since, until=until,
                      include_modalities=None if modalities is None else tuple(modalities))
    # The analysis functions only call ``.query(sql, params)``, which the web database offers per thread.
    periods = dyad_periods(cast(EventStore, db), query)
    rows = []
    for p in periods:
        start, end = period_bounds(p.period, query.by)
        rows.append({
            "period": p.period, "label": period_label(p.period, query.by), "start": start, "end": end,
            "events": p.events, **{f"q{q}": n for q, n in p.by_quad.items()},
            "cooperative": p.by_quad[1] + p.by_quad[2], "conflictual": p.by_quad[3] + p.by_quad[4],
            "goldstein": round(p.goldstein_sum, 2), "cooperation": round(p.cooperation, 2),
            "conflict": round(p.conflict, 2), "net_cooperation": round(p.net_cooperation, 2),
            "stories": p.stories, "sources": p.sources, "plover": p.by_plover})
    return rows


def ready_pair(db: Database, a: str, b: str, *, directed: bool = False, since: Any = None, until: Any = None,
               modalities: Sequence[str] | None = DEFAULT_MODALITIES) -> tuple[str, str, str] | None:
    """``(a, b, modality set)`` when the rollups hold this relationship ready-made (see ``store/rollups.py``).

    They do for two different country codes, both directions, no date range, and the default
    modalities or every modality; anything else is aggregated from the events when asked.
    """
    if directed or since or until or not (CODE.fullmatch(a.strip()) and CODE.fullmatch(b.strip())):
        return None
    a, b = a.strip().upper(), b.strip().upper()
    if a == b:
        return None
    counted = "*" if modalities is None else "asserted" if set(modalities) == {"asserted"} else None
    if counted is None or not rollups_current(db):
        return None
    return a, b, counted


def ready_series_json(db: Database, pair: tuple[str, str, str], interval: str) -> str | None:
    """The periods of ``dyad_series`` as JSON text, read from the rollups (None: not kept for this interval).

    Each period is JSON already (written by the rollups): a weekly series of ten years is ~500
    periods, and building and encoding them here cost several times reading them. The row
    store has the whole series under one key, which is cheaper still than a query.
    """
    if interval not in SERIES_UNITS:
        return None
    a, b, counted = pair
    rows = db.row_store()
    if rows is not None:
        return rows.answer(answer_key("series", a, b, counted, interval)) or "[]"
    _, found = db.query(f"SELECT period, period_json FROM {SERIES} WHERE k = hash(?, ?, ?, ?) AND side_actor = ? "
                        "AND side_partner = ? AND modalities = ? AND unit = ?", [a, b, counted, interval] * 2)
    return "[" + ", ".join(text for _, text in sorted(found)) + "]"


def ready_top_types_json(db: Database, pair: tuple[str, str, str]) -> str:
    """``top_types`` (the ten most frequent) of the pair's events in its modality set, as JSON text from the rollups."""
    a, b, counted = pair
    rows = db.row_store()
    if rows is not None:
        return rows.answer(answer_key("types", a, b, counted)) or "[]"
    # Ranked at build time: no ORDER BY here (planning one cost more than this whole read).
    names, found = db.query(f"SELECT rank, cameo, label, quad_class, events FROM {TYPES} WHERE k = hash(?, ?, ?) "
                            "AND side_actor = ? AND side_partner = ? AND modalities = ? AND rank <= ?",
                            [a, b, counted, a, b, counted, TOP_TYPES])
    return json.dumps([dict(zip(names[1:], row[1:], strict=True)) for row in sorted(found)], ensure_ascii=False)


def actor_spec(text: str) -> ActorSpec:
    """An actor as the analysis module reads it; a 3-letter code in any case is a country code here too."""
    text = text.strip()
    return ActorSpec.parse(text.upper() if CODE.fullmatch(text) else text)


def period_bounds(start: Any, unit: str) -> tuple[str, str]:
    """First and last day (ISO) of the period that begins on ``start``."""
    day = start if isinstance(start, dt.date) else dt.date.fromisoformat(str(start)[:10])
    if unit == "day":
        last = day
    elif unit == "week":
        last = day + dt.timedelta(days=6)
    elif unit == "year":
        last = dt.date(day.year, 12, 31)
    else:
        nxt = dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
        last = nxt - dt.timedelta(days=1)
    return day.isoformat(), last.isoformat()


def period_label(start: Any, unit: str) -> str:
    text = str(start)[:10]
    return {"year": text[:4], "month": text[:7]}.get(unit, text)


def top_types(db: Database, f: EventFilter, *, limit: int = 10) -> list[Row]:
    sides = _sides_where(db, f)
    table, (where, params) = (SIDES, sides) if sides is not None else ("events", f.where())
    return db.rows(f"SELECT cameo, any_value(cameo_label) AS label, any_value(quad_class) AS quad_class, "
                   f"count(*) AS events FROM {table} WHERE {where} GROUP BY cameo ORDER BY events DESC, cameo "
                   "LIMIT ?", [*params, limit])


def actors(db: Database, *, q: str | None = None, limit: int = 50) -> list[Row]:
    """Actors seen in mentions: countries and blocs, and named actors with their country."""
    cond, params = ("TRUE", []) if not q else ("(contains(lower(coalesce(name, '')), ?) OR country = ?)",
                                                [q.lower(), q.upper()])
    return db.cached().rows(
        "SELECT coalesce(name, country) AS actor, country, name, count(*) AS mentions, "
        "count(DISTINCT content_hash) AS articles, list_distinct(flatten(list(sector))) AS sectors "
        f"FROM mentions WHERE (country IS NOT NULL OR name IS NOT NULL) AND {cond} "
        "GROUP BY country, name ORDER BY mentions DESC, actor LIMIT ?", [*params, limit])


def actor_detail(db: Database, actor: str, *, top: int = 10) -> Row | None:
    """An actor's country, sectors, event counts and its top partners."""
    f = EventFilter(actor=actor)
    where, params = f.where()
    counts = db.aggregate(f"SELECT count(*) AS events, count(*) FILTER (quad_class IN (1, 2)) AS cooperative, "
                    f"count(*) FILTER (quad_class IN (3, 4)) AS conflictual FROM events WHERE {where}", params)
    is_code = CODE.fullmatch(actor) is not None
    mention_cond = "country = ?" if is_code else "lower(name) = ?"
    value = actor.upper() if is_code else actor.lower()
    mentions = db.aggregate(f"SELECT count(*) AS mentions, any_value(country) AS country, any_value(name) AS name, "
                      f"list_distinct(flatten(list(sector))) AS sectors FROM mentions WHERE {mention_cond}", [value])
    if not counts["events"] and not mentions["mentions"]:
        return None
    partners = db.rows(
        f"SELECT CASE WHEN {_side_is(actor, 'source')} THEN target_country ELSE source_country END AS partner, "
        "count(*) AS events, count(*) FILTER (quad_class IN (1, 2)) AS cooperative, "
        "count(*) FILTER (quad_class IN (3, 4)) AS conflictual, round(sum(goldstein), 2) AS goldstein "
        f"FROM events WHERE {where} GROUP BY partner HAVING partner IS NOT NULL AND partner <> ? "
        "ORDER BY events DESC, partner LIMIT ?", [value, *params, actor.upper(), top])
    sectors = db.rows(
        "SELECT s AS sector, count(*) AS events FROM (SELECT unnest(CASE WHEN "
        f"{_side_is(actor, 'source')} THEN source_sector ELSE target_sector END) AS s FROM events WHERE {where}) "
        "GROUP BY s ORDER BY events DESC, s", [value, *params])
    country = mentions["country"] or (value if is_code else None)
    return {"actor": actor, "country": country, "country_name": country_names().get(country or "", None),
            "name": mentions["name"] if not is_code else None, "mentions": mentions["mentions"],
            "mention_sectors": mentions["sectors"] or [],
            **counts, "event_sectors": sectors, "partners": partners, "top_types": top_types(db, f, limit=top)}


def _side_is(actor: str, side: str) -> str:
    return f"{side}_country = ?" if CODE.fullmatch(actor) else f"lower({side}_name) = ?"


def network(db: Database, *, since: str | None = None, until: str | None = None,
            modalities: Sequence[str] | None = DEFAULT_MODALITIES, min_events: int = 1,
            limit: int = 200) -> dict[str, Any]:
    """The analysis module's country network (``analyze.network``): the ``limit`` heaviest edges
    with at least ``min_events`` events, and the nodes they touch (with readable labels)."""
    net = actors_network(cast(EventStore, db.cached()), since=since, until=until,
                         include_modalities=None if modalities is None else tuple(modalities))
    edges = sorted((e for e in net.edges if e.weight >= min_events), key=lambda e: (-e.weight, e.source, e.target))
    edges = edges[:limit]
    touched = {e.source for e in edges} | {e.target for e in edges}
    ranked = sorted((n for n in net.nodes if n.id in touched), key=lambda n: (-n.events, n.id))
    nodes = [{"id": n.id, "label": n.label, "events": n.events, "as_source": n.as_source, "as_target": n.as_target}
             for n in ranked]
    return {"nodes": nodes, "edges": [
        {"source": e.source, "target": e.target, "events": e.weight, "cooperative": e.cooperative,
         "conflictual": e.conflictual, "neutral": e.neutral, "goldstein": e.goldstein_sum} for e in edges]}


def summary(db: Database, *, top: int = 10) -> Row:
    view = db.cached()  # store-wide: asked on every dashboard visit, unchanged until the next ingest
    counts = {name: view.scalar(f"SELECT count(*) FROM {name}") for name in ("articles", "events", "mentions",
                                                                           "quotes", "places", "errors")}
    by_quad = view.rows("SELECT quad_class, count(*) AS events FROM events GROUP BY 1 ORDER BY 1")
    by_modality = view.rows("SELECT modality, count(*) AS events FROM events GROUP BY 1 ORDER BY 2 DESC, 1")
    span = view.aggregate(f"SELECT min({DAY}) AS first, max({DAY}) AS last FROM events")
    # Top dyads as `eventwire summary` counts them: asserted events between two different countries.
    dyads = [e for e in network(db, limit=top + 50)["edges"] if e["source"] != e["target"]][:top]
    return {"counts": counts, "by_quad_class": by_quad, "by_modality": by_modality, "first_day": span["first"],
            "last_day": span["last"], "top_dyads": dyads}


def map_points(db: Database, f: EventFilter, *, limit: int = 2000) -> list[Row]:
    """Event locations with how many events happened there (cooperative and conflictual)."""
    where, params = f.where()
    return db.rows(
        "SELECT location_name AS name, location_country AS country, lat, lon, count(*) AS events, "
        "count(*) FILTER (quad_class IN (1, 2)) AS cooperative, count(*) FILTER (quad_class IN (3, 4)) AS conflictual "
        f"FROM events WHERE {where} AND lat IS NOT NULL AND lon IS NOT NULL GROUP BY 1, 2, 3, 4 "
        "ORDER BY events DESC, name LIMIT ?", [*params, limit])

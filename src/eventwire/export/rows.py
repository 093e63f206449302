"""The stored events that every export format reads: one flat row per event, oldest first."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from eventwire.analyze.dyads import DEFAULT_MODALITIES, filter_clause
from eventwire.store import EventStore

#: Rows fetched per query, so that exporting a large store never holds it all in memory.
PAGE = 20_000

#: Article fields exported beside each event, and two derived ones: whether the trigger is in the
#: lead paragraph (GDELT's IsRootEvent proxy) and the kind of place of the event's location.
EXTRA_COLUMNS = (
    "a.url AS article_url, a.title AS article_title, a.publisher AS article_publisher, "
    "CASE WHEN e.trigger_start < coalesce(nullif(strpos(a.text, chr(10) || chr(10)), 0) - 1, length(a.text) + 1) "
    "THEN 1 ELSE 0 END AS in_lead, "
    "(SELECT any_value(p.feature) FROM places p WHERE p.content_hash = e.content_hash "
    "AND p.name = e.location_name) AS location_feature"
)
ORDER = "ORDER BY coalesce(e.date, e.published) NULLS LAST, e.doc_id, e.content_hash, e.event_index"


@dataclass(frozen=True)
class ExportQuery:
    """Which events to export."""

    since: str | None = None
    until: str | None = None
    include_modalities: tuple[str, ...] | None = DEFAULT_MODALITIES  # None: every modality

    def sql(self) -> tuple[str, list[Any]]:
        """The full SELECT (events ``e`` joined with their article ``a``) and its parameters."""
        where, params = filter_clause(since=self.since, until=self.until, include_modalities=self.include_modalities)
        sql = (f"SELECT e.*, {EXTRA_COLUMNS} FROM events e LEFT JOIN articles a ON a.content_hash = e.content_hash"
               + (f" WHERE {where}" if where else "") + f" {ORDER}")
        return sql, params


def iter_event_rows(store: EventStore, query: ExportQuery, *, page: int = PAGE) -> Iterator[dict[str, Any]]:
    """Every selected event as a dict of column name -> value, a page at a time."""
    sql, params = query.sql()
    offset = 0
    while True:
        names, rows = store.query(f"{sql} LIMIT ? OFFSET ?", [*params, page, offset])
        for row in rows:
            yield dict(zip(names, row, strict=True))
        if len(rows) < page:
            return
        offset += page


def modalities(value: Sequence[str] | None) -> tuple[str, ...] | None:
    return None if value is None else tuple(value)

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


#: Per event, the counts of its event cluster (``eventwire clusters``): mentions of the same
#: real-world event, the articles and the sources (publishers) reporting it, as GDELT's
#: NumMentions, NumArticles and NumSources (sources as ``eventwire clusters`` counts them: publishers,
#: an article without one counting as its story's source). An event outside any cluster counts once.
CLUSTER_JOIN = (
    " LEFT JOIN event_clusters c ON c.content_hash = e.content_hash AND c.event_index = e.event_index"
    " LEFT JOIN (SELECT k.cluster_id, count(*) AS num_mentions, count(DISTINCT k.content_hash) AS num_articles,"
    " count(DISTINCT coalesce(ka.publisher, g.group_id, k.content_hash)) AS num_sources"
    " FROM event_clusters k LEFT JOIN articles ka ON ka.content_hash = k.content_hash"
    " LEFT JOIN story_groups g ON g.content_hash = k.content_hash GROUP BY k.cluster_id) s"
    " ON s.cluster_id = c.cluster_id"
)
CLUSTER_COLUMNS = ("c.cluster_id, coalesce(s.num_mentions, 1) AS num_mentions, "
                   "coalesce(s.num_articles, 1) AS num_articles, coalesce(s.num_sources, 1) AS num_sources")
NO_CLUSTER_COLUMNS = ("CAST(NULL AS VARCHAR) AS cluster_id, 1 AS num_mentions, 1 AS num_articles, "
                      "1 AS num_sources")


@dataclass(frozen=True)
class ExportQuery:
    """Which events to export."""

    since: str | None = None
    until: str | None = None
    include_modalities: tuple[str, ...] | None = DEFAULT_MODALITIES  # None: every modality
    clusters: bool = False  # the store has event clusters: join their counts
    #: One row per event cluster (its first report, with the cluster's counts), as GDELT has one
    #: row per event and counts its mentions; needs ``clusters``.
    one_per_cluster: bool = False

    def sql(self) -> tuple[str, list[Any]]:
        """The full SELECT (events ``e`` joined with their article ``a``) and its parameters."""
        where, params = filter_clause(since=self.since, until=self.until, include_modalities=self.include_modalities)
        counts, join = (CLUSTER_COLUMNS, CLUSTER_JOIN) if self.clusters else (NO_CLUSTER_COLUMNS, "")
        sql = (f"SELECT e.*, {EXTRA_COLUMNS}, {counts} FROM events e LEFT JOIN articles a "
               f"ON a.content_hash = e.content_hash{join}" + (f" WHERE {where}" if where else ""))
        if self.one_per_cluster and self.clusters:
            # The cluster's first report in export order stands for the cluster.
            sql += (" QUALIFY row_number() OVER (PARTITION BY coalesce(c.cluster_id, e.content_hash || ':' || "
                    "CAST(e.event_index AS VARCHAR)) ORDER BY coalesce(e.date, e.published) NULLS LAST, e.doc_id, "
                    "e.content_hash, e.event_index) = 1")
        return sql + f" {ORDER}", params


def has_clusters(store: EventStore) -> bool:
    """Whether the store has event clusters (``eventwire clusters`` was run on it)."""
    found = store.scalar("SELECT count(*) FROM information_schema.tables "
                         "WHERE table_name IN ('event_clusters', 'story_groups')")
    return found == 2


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

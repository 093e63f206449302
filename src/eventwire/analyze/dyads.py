"""Relationship series between two actors: events per period, by QuadClass and PLOVER type.

Net cooperation is Goldstein-weighted: per period, the sum of Goldstein values of the
cooperative events (QuadClass 1-2) minus the sum of the absolute Goldstein values of the
conflictual ones (QuadClass 3-4); neutral statements (QuadClass 0) count for neither side.
A visit (+1.9) and a shelling (-10.0) in the same month give -8.1. The count-based variant
(cooperative minus conflictual events, as in ``eventwire summary``) is ``net_cooperation_events``.

Only asserted events count unless ``include_modalities`` says otherwise: a threat that
someone "might" strike is not a strike.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from eventwire.errors import UsageError
from eventwire.store import EventStore

if TYPE_CHECKING:
    import pandas

logger = logging.getLogger(__name__)

PERIODS = ("day", "week", "month", "year")
QUAD_COLUMNS = {0: "neutral", 1: "verbal_coop", 2: "material_coop", 3: "verbal_conflict", 4: "material_conflict"}
DEFAULT_MODALITIES: tuple[str, ...] = ("asserted",)

#: A code is a 3-letter country (or CAMEO bloc/region) code followed by 3-letter sector codes.
_CODE = re.compile(r"^[A-Z]{3}(?:[A-Z]{3})*$")
#: The event's own date when the text gave one, else the article's publication date.
EVENT_DATE = "coalesce(e.date, e.published)"


def require_extra(module: str, extra: str = "plot") -> Any:
    """Import an optional dependency, or fail with the pip command that installs it."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        raise UsageError(f"E040 this needs {module}, which is not installed: "
                         f"pip install 'eventwire[{extra}]'") from None


@dataclass(frozen=True)
class ActorSpec:
    """Who one side of a dyad is: ``CHN`` (a country), ``CHNMIL`` (country + sectors) or a name."""

    country: str | None = None
    sectors: tuple[str, ...] = ()
    name: str | None = None

    @classmethod
    def parse(cls, text: str) -> ActorSpec:
        text = text.strip()
        if not text:
            raise UsageError("E041 an actor is empty: give a code (CHN, CHNMIL) or a name (\"Vladimir Putin\")")
        if _CODE.match(text):
            return cls(country=text[:3], sectors=tuple(text[i:i + 3] for i in range(3, len(text), 3)))
        return cls(name=text)

    @property
    def label(self) -> str:
        return self.name or f"{self.country}{''.join(self.sectors)}"

    def predicate(self, side: str) -> tuple[str, list[Any]]:
        """SQL matching this actor on ``side`` ("source" or "target") of an event, with its parameters."""
        if self.name is not None:
            return f"lower(e.{side}_name) = lower(?)", [self.name]
        sql = f"e.{side}_country = ?"
        params: list[Any] = [self.country]
        if self.sectors:
            sql += f" AND list_has_all(coalesce(e.{side}_sector, []), ?)"
            params.append(list(self.sectors))
        return f"({sql})", params


@dataclass(frozen=True)
class DyadQuery:
    """Which events of a store form the dyad series."""

    a: ActorSpec
    b: ActorSpec
    by: str = "month"
    directed: bool = False
    since: str | None = None
    until: str | None = None
    include_modalities: tuple[str, ...] | None = DEFAULT_MODALITIES  # None: every modality

    def where(self) -> tuple[str, list[Any]]:
        """The WHERE clause (over events ``e``) and its parameters."""
        a_src, pa_src = self.a.predicate("source")
        b_tgt, pb_tgt = self.b.predicate("target")
        clause, params = f"({a_src} AND {b_tgt})", pa_src + pb_tgt
        if not self.directed:
            b_src, pb_src = self.b.predicate("source")
            a_tgt, pa_tgt = self.a.predicate("target")
            clause, params = f"({clause} OR ({b_src} AND {a_tgt}))", params + pb_src + pa_tgt
        parts = [clause]
        parts_params = list(params)
        more, more_params = filter_clause(since=self.since, until=self.until,
                                          include_modalities=self.include_modalities)
        if more:
            parts.append(more)
            parts_params += more_params
        return " AND ".join(parts), parts_params


def filter_clause(*, since: str | None = None, until: str | None = None,
                  include_modalities: Sequence[str] | None = DEFAULT_MODALITIES) -> tuple[str, list[Any]]:
    """Date range and modality conditions over events ``e`` (shared by every analysis and export)."""
    parts: list[str] = []
    params: list[Any] = []
    if since:
        parts.append(f"{EVENT_DATE} >= CAST(? AS DATE)")
        params.append(since)
    if until:
        parts.append(f"{EVENT_DATE} <= CAST(? AS DATE)")
        params.append(until)
    if include_modalities is not None:
        parts.append("list_contains(?, e.modality)")
        params.append(list(include_modalities))
    return " AND ".join(parts), params


@dataclass
class DyadPeriod:
    """The events of one dyad in one period."""

    period: date
    events: int = 0
    by_quad: dict[int, int] = field(default_factory=lambda: {q: 0 for q in QUAD_COLUMNS})
    by_plover: dict[str, int] = field(default_factory=dict)
    goldstein_sum: float = 0.0
    cooperation: float = 0.0  # sum of Goldstein over QuadClass 1-2
    conflict: float = 0.0  # sum of |Goldstein| over QuadClass 3-4
    stories: int = 0  # distinct articles
    sources: int = 0  # distinct publishers

    @property
    def goldstein_mean(self) -> float | None:
        return self.goldstein_sum / self.events if self.events else None

    @property
    def net_cooperation(self) -> float:
        return self.cooperation - self.conflict

    @property
    def net_cooperation_events(self) -> int:
        return self.by_quad[1] + self.by_quad[2] - self.by_quad[3] - self.by_quad[4]


def _period_sql(by: str) -> str:
    if by not in PERIODS:
        raise UsageError(f"E042 unknown period {by!r}: use one of {', '.join(PERIODS)}")
    # date_trunc('week') starts weeks on Monday (ISO), which the gap filling below follows.
    return f"CAST(date_trunc('{by}', {EVENT_DATE}) AS DATE)"


def _sides_where(query: DyadQuery) -> tuple[str, list[Any]] | None:
    """The dyad's condition over ``event_sides`` (see ``store/rollups.py``), when it has one.

    Only two country codes without sectors map onto the table's keys. Each event has one row
    per side, so the rows keyed ``(a, b)`` are the events a -> b (source side) and b -> a
    (target side): both directions, each event once. Directed, or a country with itself,
    keeps the source-side rows only.
    """
    a, b = query.a, query.b
    if a.name is not None or b.name is not None or a.sectors or b.sectors:
        return None
    clause, params = "e.side_actor = ? AND e.side_partner = ?", [a.country, b.country]
    if query.directed or a.country == b.country:
        clause += " AND e.side_role = 's'"
    more, more_params = filter_clause(since=query.since, until=query.until,
                                      include_modalities=query.include_modalities)
    return (f"{clause} AND {more}", params + more_params) if more else (clause, params)


@dataclass(frozen=True)
class _Source:
    """Where a dyad's events are read: the rollup table (which carries the publisher) or events."""

    table: str
    join: str
    story: str
    publisher: str
    where: str
    params: list[Any]


def _dyad_source(store: EventStore, query: DyadQuery) -> _Source:
    from eventwire.store.rollups import SIDES, rollups_current

    sides = _sides_where(query)
    if sides is not None and rollups_current(store):
        return _Source(f"{SIDES} e", "", "e.story", "e.outlet", *sides)  # numbers of articles and publishers
    # The fallback: a join to articles for the publisher, the main cost of a series on a large store.
    return _Source("events e", " LEFT JOIN articles a ON a.content_hash = e.content_hash", "e.content_hash",
                   "a.publisher", *query.where())


def dyad_periods(store: EventStore, query: DyadQuery, *, fill_gaps: bool = True) -> list[DyadPeriod]:
    """The dyad's events aggregated per period, oldest first (empty periods filled with zeros)."""
    src = _dyad_source(store, query)
    where, params = src.where, src.params
    period = _period_sql(query.by)
    _, rows = store.query(
        f"SELECT {period} AS period, count(*), "
        + ", ".join(f"count(*) FILTER (e.quad_class = {q})" for q in QUAD_COLUMNS)
        + ", coalesce(sum(e.goldstein), 0), "
        "coalesce(sum(e.goldstein) FILTER (e.quad_class IN (1, 2)), 0), "
        "coalesce(sum(abs(e.goldstein)) FILTER (e.quad_class IN (3, 4)), 0), "
        f"count(DISTINCT {src.story}), count(DISTINCT {src.publisher}), "
        # The PLOVER counts in the same pass (a map type -> count) rather than a second query.
        "histogram(coalesce(nullif(e.plover, ''), 'NONE')) "
        f"FROM {src.table}{src.join} WHERE {where} AND {EVENT_DATE} IS NOT NULL GROUP BY 1 ORDER BY 1", params)
    periods: dict[date, DyadPeriod] = {}
    for row in rows:
        quads = {q: int(n) for q, n in zip(QUAD_COLUMNS, row[2:7], strict=True)}
        plover = {t: int(row[12][t]) for t in sorted(row[12])}
        periods[row[0]] = DyadPeriod(row[0], int(row[1]), quads, plover, float(row[7]), float(row[8]),
                                     float(row[9]), int(row[10]), int(row[11]))
    if fill_gaps and periods:
        first = _start_of(query.since, query.by) or min(periods)
        last = _start_of(query.until, query.by) or max(periods)
        for when in period_range(min(first, min(periods)), max(last, max(periods)), query.by):
            periods.setdefault(when, DyadPeriod(when))
    logger.info("dyad %s-%s: %d periods", query.a.label, query.b.label, len(periods))
    return [periods[key] for key in sorted(periods)]


def _start_of(value: str | None, by: str) -> date | None:
    if not value:
        return None
    day = date.fromisoformat(value)
    if by == "week":
        return day - timedelta(days=day.weekday())
    if by == "month":
        return day.replace(day=1)
    if by == "year":
        return day.replace(month=1, day=1)
    return day


def period_range(first: date, last: date, by: str) -> list[date]:
    """Every period start from ``first`` to ``last`` (both period starts), inclusive."""
    out, when = [], first
    while when <= last:
        out.append(when)
        if by == "day":
            when += timedelta(days=1)
        elif by == "week":
            when += timedelta(days=7)
        elif by == "month":
            when = date(when.year + when.month // 12, when.month % 12 + 1, 1)
        else:
            when = date(when.year + 1, 1, 1)
    return out


def to_frame(periods: Sequence[DyadPeriod]) -> pandas.DataFrame:
    """A DataFrame indexed by period start, one column per measure (PLOVER columns ``plover_TYPE``)."""
    pd = require_extra("pandas")
    plover_types = sorted({t for p in periods for t in p.by_plover})
    records = []
    for p in periods:
        record: dict[str, Any] = {"period": p.period, "events": p.events}
        record.update({name: p.by_quad[q] for q, name in QUAD_COLUMNS.items()})
        record.update({f"plover_{t}": p.by_plover.get(t, 0) for t in plover_types})
        record.update(goldstein_mean=p.goldstein_mean, goldstein_sum=p.goldstein_sum, cooperation=p.cooperation,
                      conflict=p.conflict, net_cooperation=p.net_cooperation,
                      net_cooperation_events=p.net_cooperation_events, stories=p.stories, sources=p.sources)
        records.append(record)
    columns = (["period", "events", *QUAD_COLUMNS.values(), *(f"plover_{t}" for t in plover_types),
                "goldstein_mean", "goldstein_sum", "cooperation", "conflict", "net_cooperation",
                "net_cooperation_events", "stories", "sources"])
    frame = pd.DataFrame.from_records(records, columns=columns)
    frame["period"] = pd.to_datetime(frame["period"])
    return frame.set_index("period")


def dyad_series(store: EventStore, a: str, b: str, *, by: str = "month", directed: bool = False,
                since: str | None = None, until: str | None = None,
                include_modalities: Sequence[str] | None = DEFAULT_MODALITIES) -> pandas.DataFrame:
    """Per-period counts by QuadClass and PLOVER type, Goldstein sums and means, net cooperation,
    distinct stories and sources of the events between ``a`` and ``b`` (both directions unless
    ``directed``; ``include_modalities=None`` counts every modality). Needs pandas (the plot extra)."""
    query = DyadQuery(ActorSpec.parse(a), ActorSpec.parse(b), by=by, directed=directed, since=since,
                      until=until, include_modalities=_modalities(include_modalities))
    return to_frame(dyad_periods(store, query))


def _modalities(value: Sequence[str] | None) -> tuple[str, ...] | None:
    return None if value is None else tuple(value)


def format_periods(periods: Sequence[DyadPeriod], query: DyadQuery) -> str:
    """A plain-text table of a dyad series (no pandas needed)."""
    arrow = "->" if query.directed else "<->"
    modal = "all modalities" if query.include_modalities is None else ", ".join(query.include_modalities)
    lines = [f"{query.a.label} {arrow} {query.b.label} by {query.by} ({modal} events)",
             f"{'period':10s} {'events':>6s} {'neut':>4s} {'vcoop':>5s} {'mcoop':>5s} {'vconf':>5s} {'mconf':>5s} "
             f"{'gold.mean':>9s} {'net coop':>8s} {'stories':>7s} {'sources':>7s}  plover"]
    for p in periods:
        mean = f"{p.goldstein_mean:+9.2f}" if p.goldstein_mean is not None else f"{'':9s}"
        plover = " ".join(f"{t}:{n}" for t, n in sorted(p.by_plover.items()))
        q = p.by_quad
        lines.append(f"{period_label(p.period, query.by):10s} {p.events:6d} {q[0]:4d} {q[1]:5d} {q[2]:5d} {q[3]:5d} "
                     f"{q[4]:5d} {mean} {p.net_cooperation:+8.1f} {p.stories:7d} {p.sources:7d}  {plover}")
    total = sum(p.events for p in periods)
    lines.append(f"{total} events; net coop = Goldstein sum of QuadClass 1-2 minus |Goldstein| sum of 3-4")
    return "\n".join(lines)


def period_label(when: date, by: str) -> str:
    return {"year": f"{when:%Y}", "month": f"{when:%Y-%m}"}.get(by, when.isoformat())


def dyad_report(store: EventStore, query: DyadQuery, *, plot_path: str | None = None) -> str:
    """The text table of a dyad series, and its chart written to ``plot_path`` when given."""
    periods = dyad_periods(store, query)
    if plot_path:
        from eventwire.analyze.plot import plot_dyad

        plot_dyad(periods, query, plot_path)
    return format_periods(periods, query)

"""A store summary: articles, events by QuadClass, the most active dyads."""

from __future__ import annotations

from dataclasses import dataclass

from eventwire.store import EventStore

QUAD_NAMES = {
    0: "neutral statement",
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}


@dataclass(frozen=True)
class DyadRow:
    source: str
    target: str
    events: int
    cooperative: int
    conflictual: int
    goldstein_sum: float

    @property
    def net_cooperation(self) -> int:
        """Cooperative minus conflictual events (QuadClass 1-2 minus 3-4)."""
        return self.cooperative - self.conflictual


@dataclass(frozen=True)
class StoreSummary:
    articles: int
    errors: int
    events: int
    asserted: int
    by_quad_class: dict[int, int]
    top_dyads: list[DyadRow]


def summarize(store: EventStore, *, top: int = 10, asserted_only: bool = True) -> StoreSummary:
    """Counts and the ``top`` dyads (by events) of the store; only asserted events unless told otherwise."""
    counts = store.counts()
    modality = "WHERE modality = 'asserted'" if asserted_only else ""
    _, quad_rows = store.query(f"SELECT quad_class, count(*) FROM events {modality} GROUP BY 1 ORDER BY 1")
    both = "WHERE source_country IS NOT NULL AND target_country IS NOT NULL AND source_country <> target_country"
    if asserted_only:
        both += " AND modality = 'asserted'"
    _, dyad_rows = store.query(
        "SELECT source_country, target_country, count(*), count(*) FILTER (quad_class IN (1, 2)), "
        f"count(*) FILTER (quad_class IN (3, 4)), round(sum(goldstein), 1) FROM events {both} "
        "GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2 LIMIT ?",
        [top],
    )
    _, asserted = store.query("SELECT count(*) FROM events WHERE modality = 'asserted'")
    return StoreSummary(
        articles=counts["articles"],
        errors=counts["errors"],
        events=counts["events"],
        asserted=asserted[0][0],
        by_quad_class={int(q): int(n) for q, n in quad_rows if q is not None},
        top_dyads=[DyadRow(s, t, n, c, k, float(g or 0.0)) for s, t, n, c, k, g in dyad_rows],
    )


def format_summary(summary: StoreSummary) -> str:
    lines = [
        f"articles {summary.articles}   input errors {summary.errors}   events {summary.events} "
        f"({summary.asserted} asserted)",
        "asserted events by QuadClass:",
    ]
    for quad, name in QUAD_NAMES.items():
        lines.append(f"  {quad} {name:22s} {summary.by_quad_class.get(quad, 0):6d}")
    lines.append("top dyads (asserted events; net cooperation = cooperative - conflictual):")
    lines.append(
        f"  {'source':6s} {'target':6s} {'events':>6s} {'coop':>5s} {'confl':>5s} {'net':>5s} {'goldstein':>9s}"
    )
    for d in summary.top_dyads:
        lines.append(
            f"  {d.source:6s} {d.target:6s} {d.events:6d} {d.cooperative:5d} {d.conflictual:5d} "
            f"{d.net_cooperation:+5d} {d.goldstein_sum:+9.1f}"
        )
    return "\n".join(lines)

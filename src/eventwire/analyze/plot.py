"""Charts of dyad series: cooperation above the axis, conflict below (matplotlib, Agg backend)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from eventwire.analyze.dyads import DyadPeriod, DyadQuery, period_label, require_extra

logger = logging.getLogger(__name__)

#: QuadClass -> (legend label, colour, drawn above the axis?). Greens cooperate, reds fight.
BARS = {
    1: ("verbal cooperation", "#8fd18f", True),
    2: ("material cooperation", "#2e8b3d", True),
    3: ("verbal conflict", "#f2a07b", False),
    4: ("material conflict", "#c0392b", False),
}


def plot_dyad(periods: Sequence[DyadPeriod], query: DyadQuery, path: str | Path) -> Path:
    """Write a PNG (or any format matplotlib knows from the suffix) of a dyad series."""
    matplotlib = require_extra("matplotlib")
    matplotlib.use("Agg")  # no display: charts are files
    pyplot = require_extra("matplotlib.pyplot")

    xs = list(range(len(periods)))
    fig, ax = pyplot.subplots(figsize=(max(6.0, 0.45 * len(periods) + 3), 4.8), dpi=120)
    up = [0.0] * len(periods)
    down = [0.0] * len(periods)
    for quad, (label, colour, above) in BARS.items():
        values = [float(p.by_quad[quad]) for p in periods]
        if above:
            ax.bar(xs, values, bottom=up, color=colour, label=label, width=0.8)
            up = [u + v for u, v in zip(up, values, strict=True)]
        else:
            ax.bar(xs, [-v for v in values], bottom=down, color=colour, label=label, width=0.8)
            down = [d - v for d, v in zip(down, values, strict=True)]
    ax.axhline(0, color="black", linewidth=0.8)
    ax.set_ylabel("events (cooperation above, conflict below)")
    ax.set_xlabel(query.by)
    ax.set_xticks(xs, [period_label(p.period, query.by) for p in periods], rotation=45, ha="right")
    _thin_ticks(ax, len(periods))
    top = max([abs(v) for v in up + down] + [1.0])
    ax.set_ylim(-top * 1.15, top * 1.15)

    net = ax.twinx()
    net.plot(xs, [p.net_cooperation for p in periods], color="#1f4e79", marker="o", linewidth=1.5,
             label="net cooperation (Goldstein)")
    limit = max([abs(p.net_cooperation) for p in periods] + [1.0])
    net.set_ylim(-limit * 1.15, limit * 1.15)
    net.set_ylabel("net cooperation (Goldstein sum)")

    handles, labels = ax.get_legend_handles_labels()
    more_handles, more_labels = net.get_legend_handles_labels()
    # Below the axes, so that the legend never hides a bar.
    ax.legend(handles + more_handles, labels + more_labels, loc="upper center", bbox_to_anchor=(0.5, -0.28),
              ncol=3, fontsize="small", frameon=False)
    arrow = "→" if query.directed else "↔"
    modal = "all modalities" if query.include_modalities is None else "+".join(query.include_modalities)
    ax.set_title(f"{query.a.label} {arrow} {query.b.label}: events by {query.by} ({modal})")
    fig.tight_layout()
    out = Path(path)
    fig.savefig(out, bbox_inches="tight")
    pyplot.close(fig)
    logger.info("wrote %s", out)
    return out


def _thin_ticks(ax: object, n: int) -> None:
    """Label at most ~24 periods so that long daily series stay readable."""
    step = max(1, n // 24)
    for i, label in enumerate(ax.get_xticklabels()):  # type: ignore[attr-defined]
        label.set_visible(i % step == 0)

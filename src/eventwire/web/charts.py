"""Geometry for the dashboard's SVG: the cooperation/conflict bars and the map projection.

Computed here, drawn by the templates: the pages need no charting library and no script.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

CHART_WIDTH, CHART_HEIGHT, CHART_PAD = 760, 260, 28
MAP_WIDTH, MAP_HEIGHT = 900, 450


@dataclass(frozen=True)
class Bar:
    """One period: cooperation drawn up from the axis, conflict down from it."""

    label: str
    start: str
    end: str
    x: float
    width: float
    coop_y: float
    coop_h: float
    conf_y: float
    conf_h: float
    cooperative: int
    conflictual: int
    events: int


def bars(periods: list[dict[str, Any]]) -> tuple[list[Bar], float]:
    """Bars for the periods and the y of the zero axis; each half is scaled to the busiest period."""
    if not periods:
        return [], CHART_HEIGHT / 2
    top = max(max(p["cooperative"], p["conflictual"]) for p in periods) or 1
    axis = CHART_HEIGHT / 2
    half = axis - CHART_PAD
    slot = (CHART_WIDTH - 2 * CHART_PAD) / len(periods)
    width = max(0.5, min(48.0, slot * 0.7))
    out = []
    for i, p in enumerate(periods):
        up = half * p["cooperative"] / top
        down = half * p["conflictual"] / top
        x = CHART_PAD + i * slot + (slot - width) / 2
        out.append(Bar(p["label"], p["start"], p["end"], round(x, 1), round(width, 1), round(axis - up, 1),
                       round(up, 1), axis, round(down, 1), p["cooperative"], p["conflictual"], p["events"]))
    return out, axis


def project(lat: float, lon: float) -> tuple[float, float]:
    """Equirectangular projection onto the map's pixel grid."""
    return round((lon + 180.0) / 360.0 * MAP_WIDTH, 1), round((90.0 - lat) / 180.0 * MAP_HEIGHT, 1)


def map_marks(points: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Points with pixel positions and a radius growing with the square root of the event count."""
    most = max((p["events"] for p in points), default=1)
    marks = []
    for p in points:
        x, y = project(p["lat"], p["lon"])
        radius = 3 + 12 * (p["events"] / most) ** 0.5
        tone = "coop" if p["cooperative"] > p["conflictual"] else "conf" if p["conflictual"] else "neutral"
        marks.append({**p, "x": x, "y": y, "r": round(radius, 1), "tone": tone})
    return marks


def graticule() -> list[dict[str, float]]:
    """Meridians and parallels every 30 degrees, as line segments."""
    ends = [(project(90, lon), project(-90, lon)) for lon in range(-180, 181, 30)]
    ends += [(project(lat, -180), project(lat, 180)) for lat in range(-60, 61, 30)]
    return [{"x1": a[0], "y1": a[1], "x2": b[0], "y2": b[1]} for a, b in ends]

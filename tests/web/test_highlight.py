"""Cutting text into annotated pieces: overlaps keep every kind, anchors land on the first piece."""

from __future__ import annotations

import pytest

from eventwire.web.charts import bars, project
from eventwire.web.highlight import Mark, segments

TEXT = '"We agree," the minister said in Moscow.'


@pytest.mark.parametrize(("marks", "expected"), [
    ([], [(TEXT, [])]),
    ([Mark(0, 11, "quote"), Mark(1, 3, "mention")],
     [('"', ["quote"]), ("We", ["quote", "mention"]), (' agree,"', ["quote"]), (TEXT[11:], [])]),
    ([Mark(33, 39, "place"), Mark(0, 40, "selected-sentence")],
     [(TEXT[:33], ["selected-sentence"]), ("Moscow", ["selected-sentence", "place"]), (".", ["selected-sentence"])]),
    ([Mark(5, 2, "mention"), Mark(0, 99, "place")], [(TEXT, [])]),  # offsets outside the text are ignored
])
def test_pieces_carry_every_annotation_over_them(marks: list[Mark], expected: list[tuple[str, list[str]]]) -> None:
    pieces = segments(TEXT, marks)
    assert "".join(p.text for p in pieces) == TEXT
    assert [(p.text, sorted(p.kinds)) for p in pieces] == [(t, sorted(k)) for t, k in expected]


def test_an_anchor_is_placed_once_at_the_start_of_its_mark() -> None:
    pieces = segments(TEXT, [Mark(0, 40, "sentence", anchor="ev-1"), Mark(15, 23, "mention")])
    assert [p.anchors for p in pieces] == [["ev-1"], [], []]


def test_bars_scale_to_the_busiest_period_and_keep_directions_apart() -> None:
    periods = [{"label": "2023-01", "start": "2023-01-01", "end": "2023-01-31", "cooperative": 4, "conflictual": 0,
                "events": 4},
               {"label": "2023-02", "start": "2023-02-01", "end": "2023-02-28", "cooperative": 1, "conflictual": 2,
                "events": 3}]
    drawn, axis = bars(periods)
    assert drawn[0].coop_h == pytest.approx(2 * drawn[1].conf_h) and drawn[0].conf_h == 0
    assert drawn[0].coop_y + drawn[0].coop_h == pytest.approx(axis) and drawn[1].conf_y == axis
    assert drawn[0].x < drawn[1].x


@pytest.mark.parametrize(("lat", "lon", "xy"), [(90, -180, (0, 0)), (0, 0, (450, 225)), (-90, 180, (900, 450))])
def test_the_map_projection_is_equirectangular(lat: float, lon: float, xy: tuple[float, float]) -> None:
    assert project(lat, lon) == xy

"""The evaluation measures, on hand-made results (the referee's figures are checked in the quality gate)."""

from __future__ import annotations

import pytest

from eventwire.evaluate import macro_f1, score_cameo, score_labels, score_plover
from eventwire.records import Actor, DocumentResult, Event, Span


def event(
    plover: str, cameo: str = "042", src: str | None = "CHN", tgt: str | None = "RUS", confidence: float = 0.5
) -> Event:
    return Event(
        id="e",
        sentence_index=0,
        sentence="s",
        trigger=Span("t", 0, 1),
        source=Actor("a", 0, 1, src) if src else None,
        target=Actor("b", 2, 3, tgt) if tgt else None,
        cameo=cameo,
        cameo_label="",
        goldstein=0.0,
        quad_class=1,
        plover=plover,
        confidence=confidence,
    )


def result(doc_id: str, *events: Event) -> DocumentResult:
    return DocumentResult(doc_id=doc_id, published=None, events=events)


def test_macro_f1_averages_per_label_f1() -> None:
    pairs = [("A", "A"), ("A", "B"), ("B", "B"), ("C", "NONE")]
    # A: tp 1 fp 0 fn 1 -> 2/3; B: tp 1 fp 1 fn 0 -> 2/3; C: 0
    assert macro_f1(pairs, ["A", "B", "C"]) == pytest.approx((2 / 3 + 2 / 3 + 0) / 3)


def test_plover_reads_the_top_event_and_maps_old_labels() -> None:
    gold = [
        {"id": "1", "expected_events": [{"plover_event": "FIGHT"}]},
        {"id": "2", "expected_events": [{"plover_event": "CONSULT"}]},
    ]
    results = {"1": result("1", event("CONSULT", confidence=0.2), event("ASSAULT", confidence=0.9)), "2": result("2")}
    report = score_plover(gold, results)
    assert report.figures["accuracy"] == 0.5
    assert report.per_label == {"ASSAULT": (1, 1), "CONSULT": (0, 1)}


def test_labels_count_concede_and_retreat_as_yield() -> None:
    gold = [{"id": "1", "label": "YIELD"}]
    assert score_labels(gold, {"1": result("1", event("RETREAT"))}).figures["accuracy"] == 1.0


def test_cameo_matches_dyad_and_root_and_ignores_unknown_actor_codes() -> None:
    gold = [
        {
            "id": "1",
            "expected_events": [
                {"source": "CHNGOV", "target": "---", "code": "043"},
                {"source": "USA", "target": "CHN", "code": "112"},
            ],
        }
    ]
    results = {"1": result("1", event("CONSULT", "042", "CHN", "RUS"), event("ACCUSE", "111", "USA", "RUS"))}
    figures = score_cameo(gold, results).figures
    assert figures["recall"] == 0.5 and figures["precision"] == 0.5

"""Score eventwire against gold files given by the user (``eventwire eval``).

The measures follow the field's conventions, so that figures can be compared with the
shared referee (``score.py``):

- ``plover``: one gold PLOVER event per sentence; the prediction is the sentence's top event
  (highest confidence); top-event type accuracy and macro-F1 over the gold types.
- ``labels``: sentences with one PLOVER root label (``label``); same measures, with CONCEDE and
  RETREAT counted as YIELD as older label sets do.
- ``cameo``: CAMEO events per sentence (Phoenix-style actor codes, first three letters the
  country); an event matches when source country, target country and CAMEO root agree;
  precision, recall and F1.
- ``geo``: place names with offsets and coordinates; a toponym is right when a resolved place
  overlapping it lies within 161 km (100 miles).
"""

from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventwire.errors import UsageError
from eventwire.records import DocumentResult, Event

#: Labels of the 2016 PLOVER gold records mapped to today's types.
OLD_PLOVER = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
#: Older country codes still found in gold records.
OLD_COUNTRY = {"JAP": "JPN", "ITL": "ITA"}


@dataclass
class Report:
    """The figures of one evaluation; ``headline`` is the one-line summary."""

    name: str
    figures: dict[str, float]
    per_label: dict[str, tuple[int, int]] = field(default_factory=dict)  # label -> (right, total)

    @property
    def headline(self) -> str:
        figures = ", ".join(f"{k} {v:.3f}" for k, v in self.figures.items())
        return f"{self.name}: {figures}"


def load_gold(path: str | Path) -> list[dict[str, Any]]:
    try:
        with open(path, encoding="utf-8") as handle:
            return [json.loads(line) for line in handle if line.strip()]
    except (OSError, json.JSONDecodeError) as exc:
        raise UsageError(f"cannot read the gold file {path}: {exc}") from exc


def top_event(events: Sequence[Event]) -> Event | None:
    return max(events, key=lambda e: e.confidence) if events else None


def macro_f1(pairs: Sequence[tuple[str, str]], labels: Iterable[str]) -> float:
    scores = []
    for label in labels:
        tp = sum(g == label == p for g, p in pairs)
        fp = sum(g != label and p == label for g, p in pairs)
        fn = sum(g == label and p != label for g, p in pairs)
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(scores) / len(scores) if scores else 0.0


def _label_report(name: str, pairs: list[tuple[str, str]]) -> Report:
    per: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for gold, predicted in pairs:
        per[gold][1] += 1
        per[gold][0] += gold == predicted
    accuracy = sum(g == p for g, p in pairs) / len(pairs) if pairs else 0.0
    return Report(
        name,
        {"accuracy": accuracy, "macro_f1": macro_f1(pairs, sorted(per))},
        {k: (v[0], v[1]) for k, v in sorted(per.items())},
    )


def score_plover(gold: list[dict[str, Any]], results: dict[str, DocumentResult]) -> Report:
    pairs = []
    for record in gold:
        label = record["expected_events"][0]["plover_event"]
        top = top_event(results[record["id"]].events) if record["id"] in results else None
        pairs.append((OLD_PLOVER.get(label, label), top.plover if top else "NONE"))
    return _label_report("plover", pairs)


def score_labels(gold: list[dict[str, Any]], results: dict[str, DocumentResult]) -> Report:
    pairs = []
    for record in gold:
        top = top_event(results[record["id"]].events) if record["id"] in results else None
        predicted = top.plover if top else "NONE"
        pairs.append((record["label"], "YIELD" if predicted in ("CONCEDE", "RETREAT") else predicted))
    return _label_report("labels", pairs)


def score_cameo(gold: list[dict[str, Any]], results: dict[str, DocumentResult]) -> Report:
    def same(actor: Any, code: str | None) -> bool:
        return not code or code.startswith("---") or (actor is not None and actor.country == code[:3])

    def match(g: dict[str, Any], e: Event) -> bool:
        return same(e.source, g.get("source")) and same(e.target, g.get("target")) and e.cameo_root == g["code"][:2]

    tp = n_gold = n_pred = correct = 0
    for record in gold:
        events = results[record["id"]].events if record["id"] in results else ()
        expected = record["expected_events"]
        n_gold, n_pred = n_gold + len(expected), n_pred + len(events)
        tp += sum(any(match(g, e) for e in events) for g in expected)
        correct += sum(any(match(g, e) for g in expected) for e in events)
    recall = tp / n_gold if n_gold else 0.0
    precision = correct / n_pred if n_pred else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Report("cameo", {"precision": precision, "recall": recall, "f1": f1})


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


def score_geo(gold: list[dict[str, Any]], results: dict[str, DocumentResult]) -> Report:
    counts = Counter[str]()
    for record in gold:
        places = results[record["id"]].places if record["id"] in results else ()
        for t in record.get("toponyms", []):
            if t.get("lat") is None or t.get("offset_verified") is False:
                continue
            counts["n"] += 1
            hits = [p for p in places if p.start < t["end"] and p.end > t["start"]]
            counts["found"] += bool(hits)
            counts["near"] += any(
                p.lat is not None and p.lon is not None and _km((p.lat, p.lon), (t["lat"], t["lon"])) <= 161
                for p in hits
            )
    n = counts["n"] or 1
    return Report("geo", {"found": counts["found"] / n, "within_161km": counts["near"] / n})


SCORERS: dict[str, Callable[[list[dict[str, Any]], dict[str, DocumentResult]], Report]] = {
    "plover": score_plover,
    "labels": score_labels,
    "cameo": score_cameo,
    "geo": score_geo,
}


def evaluate(
    kind: str, gold_path: str | Path, code: Callable[[list[dict[str, Any]]], Iterable[DocumentResult]]
) -> Report:
    """Code the gold texts with ``code`` and score them with the ``kind`` measure."""
    if kind not in SCORERS:
        raise UsageError(f"unknown evaluation {kind!r}: choose one of {', '.join(SCORERS)}")
    gold = load_gold(gold_path)
    records = [{"id": r["id"], "text": r["text"], "published": _gold_date(r)} for r in gold]
    results = {r.doc_id: r for r in code(records)}
    return SCORERS[kind](gold, results)


def _gold_date(record: dict[str, Any]) -> str | None:
    raw = str(record.get("date") or record.get("published") or "")
    if len(raw) == 8 and raw.isdigit():
        return f"{raw[:4]}-{raw[4:6]}-{raw[6:]}"
    return raw[:10] if len(raw) >= 10 and raw[4] == "-" else None

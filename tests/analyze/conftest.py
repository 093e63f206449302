"""A small hand-built store whose aggregates can be worked out on paper.

Articles and events (dates are event dates; ``None`` falls back to the publication date):

=========  ==========  ========  =================================  =====  ====  ========
article    published   wire      event                               gold   quad  modality
=========  ==========  ========  =================================  =====  ====  ========
april-1    2023-04-10  Wire A    CHN GOV -> RUS GOV 042 (04-16)      +1.9   1     asserted
                                 RUS MIL -> CHN MIL 061 (04-17)      +6.4   2     asserted
                                 CHN -> RUS 036 (04-18)              +4.0   1     intent
april-2    2023-04-20  Wire B    RUS -> CHN 112 (04-20)              -2.0   3     asserted
                                 Putin -> Xi 040 (04-21)             +1.0   1     asserted
june       2023-06-02  Wire A    CHN -> RUS 190 (no date)           -10.0   4     asserted
                                 RUS -> UKR 190 (no date)           -10.0   4     asserted
august     2023-08-01  Wire B    USA -> CHN 163 (08-01)              -8.0   4     asserted
                                 CHN -> (none) 010 (08-01)            0.0   0     asserted
=========  ==========  ========  =================================  =====  ====  ========
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from eventwire.records import Actor, Article, DocumentResult, Event, Place, Span
from eventwire.store import EventStore

LEAD = "The lead paragraph tells the main story."
BODY = "A later paragraph adds background."
TEXT = f"{LEAD}\n\n{BODY}"
MOSCOW = Place("Moscow", 60, 66, "Moscow", "RUS", 55.75, 37.62, 524901, "city")
UKRAINE = Place("Ukraine", 70, 77, "Ukraine", "UKR", 49.0, 32.0, 690791, "country")


def actor(country: str | None, *sectors: str, name: str | None = None) -> Actor:
    return Actor(text=name or country or "", start=0, end=3, country=country, sector=tuple(sectors), name=name,
                 id=f"person:{name.lower().replace(' ', '-')}" if name else None)


def event(doc: str, i: int, src: Actor, tgt: Actor | None, cameo: str, gold: float, quad: int, plover: str, *,
          day: str | None, modality: str = "asserted", lead: bool = True, place: Place | None = None) -> Event:
    start = 4 if lead else len(LEAD) + 4
    return Event(id=f"{doc}:0:{i}", sentence_index=0 if lead else 1, sentence=LEAD if lead else BODY,
                 trigger=Span("lead", start, start + 4), source=src, target=tgt, cameo=cameo,
                 cameo_label=f"label {cameo}", goldstein=gold, quad_class=quad, plover=plover,
                 plover_mode="visit" if cameo == "042" else None,
                 plover_context=("military",) if quad == 2 else (), modality=modality, date=day,
                 date_granularity="day" if day else None, location=place, confidence=0.9, rule=f"test:{cameo}")


def documents() -> list[tuple[Article, DocumentResult]]:
    chn, rus = actor("CHN"), actor("RUS")
    spec: dict[str, tuple[str, str, list[Event], tuple[Place, ...]]] = {
        "april-1": ("2023-04-10", "Wire A", [
            event("april-1", 0, actor("CHN", "GOV"), actor("RUS", "GOV"), "042", 1.9, 1, "CONSULT",
                  day="2023-04-16", place=MOSCOW),
            event("april-1", 1, actor("RUS", "MIL"), actor("CHN", "MIL"), "061", 6.4, 2, "COOPERATE",
                  day="2023-04-17", lead=False),
            event("april-1", 2, chn, rus, "036", 4.0, 1, "CONSULT", day="2023-04-18", modality="intent"),
        ], (MOSCOW,)),
        "april-2": ("2023-04-20", "Wire B", [
            event("april-2", 0, rus, chn, "112", -2.0, 3, "ACCUSE", day="2023-04-20"),
            event("april-2", 1, actor("RUS", "GOV", name="Vladimir Putin"), actor("CHN", "GOV", name="Xi Jinping"),
                  "040", 1.0, 1, "CONSULT", day="2023-04-21"),
        ], ()),
        "june": ("2023-06-02", "Wire A", [
            event("june", 0, chn, rus, "190", -10.0, 4, "ASSAULT", day=None),
            event("june", 1, rus, actor("UKR"), "190", -10.0, 4, "ASSAULT", day=None, place=UKRAINE),
        ], (UKRAINE,)),
        "august": ("2023-08-01", "Wire B", [
            event("august", 0, actor("USA"), chn, "163", -8.0, 4, "SANCTION", day="2023-08-01"),
            event("august", 1, chn, None, "010", 0.0, 0, "", day="2023-08-01"),
        ], ()),
    }
    out = []
    for doc, (published, wire, events, places) in spec.items():
        text = f"{TEXT} ({doc})"
        article = Article(id=doc, text=text, title=f"Story {doc}", url=f"https://example.org/{doc}",
                          published=published, publisher=wire, origin="test", content_hash=f"hash-{doc}")
        out.append((article, DocumentResult(doc_id=doc, published=published, events=tuple(events), places=places,
                                            title=article.title, url=article.url, content_hash=article.content_hash)))
    return out


def build_store(path: Path) -> Path:
    with EventStore(path) as store:
        store.write_batch(documents())
    return path


@pytest.fixture(scope="module")
def built_path(tmp_path_factory: Any) -> Path:
    return build_store(tmp_path_factory.mktemp("store") / "events.duckdb")


@pytest.fixture()
def built_store(built_path: Path) -> Any:
    with EventStore(built_path, read_only=True) as opened:
        yield opened
